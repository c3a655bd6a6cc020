// node:crypto on first use. Loading it costs every run a few milliseconds of start-up (its internal
// modules are compiled when first imported), and only some runs need it: the fingerprints of the
// SARIF and GitLab reports, and the temporary names of confined writes (--fix, --output).
import { createRequire } from 'node:module';

type Crypto = typeof import('node:crypto');
let crypto: Crypto | undefined;

function load(): Crypto {
  return (crypto ??= createRequire(import.meta.url)('node:crypto') as Crypto);
}

/** The SHA-256 of `text` (UTF-8), in lower-case hexadecimal. */
export function sha256Hex(text: string): string {
  return load().createHash('sha256').update(text).digest('hex');
}

/** `bytes` random bytes in lower-case hexadecimal (for unguessable temporary names). */
export function randomHex(bytes: number): string {
  return load().randomBytes(bytes).toString('hex');
}
