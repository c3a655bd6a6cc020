import { describe, expect, test } from '@jest/globals';
import { mayHoldSecret, redactSecrets, redactSecretsKept, scanSecretRanges, secretRanges } from '../src/linter/redact.js';

// mayHoldSecret rules a text out before the per-character scan: it must never rule out a text the
// scan masks. These tests compare its decision with the scan on texts built to sit on the edge of
// every trigger (keys with and without their separator, token prefixes one character short, runs
// of 23 and 24 characters), in every case, and on texts of random characters drawn from the
// characters the triggers are made of.

/** The keys of redact.ts's SECRET_KEYS, as the scan knows them. */
const KEYS = [
  'password', 'passwords', 'passwd', 'passphrase', 'secret', 'secrets', 'token', 'tokens', 'apikey', 'api_key', 'api-key', 'access_key',
  'secret_key', 'credentials', 'credential', 'private_key', 'private-key', 'privatekey',
];

/** A seeded generator (mulberry32): the same texts on every run. */
function generator(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n) => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** `w` with each letter's case chosen at random. */
function randomCase(w: string, next: (n: number) => number): string {
  let out = '';
  for (const c of w) out += next(2) ? c.toUpperCase() : c.toLowerCase();
  return out;
}

/** The scan masks something in `s`, so the quick test must let it through; and both ways agree. */
function check(s: string): boolean {
  const scanned = scanSecretRanges(s);
  if (scanned.length > 0 && !mayHoldSecret(s)) throw new Error(`ruled out, but the scan masks ${JSON.stringify(scanned)} in ${JSON.stringify(s)}`);
  const quick = secretRanges(s);
  if (JSON.stringify(quick) !== JSON.stringify(scanned)) expect(quick).toEqual(scanned);
  return scanned.length > 0;
}

describe('the quick test never rules out what the scan masks', () => {
  test.each([
    ['a URL\'s password', 'x a://u:p@h y'],
    ['a PEM private key', '-----BEGIN RSA PRIVATE KEY-----\nabc'],
    ['an Authorization header', 'authorization=abcdef'],
    ['an Authorization header, blank', 'Authorization abcdef'],
    ['basic and a token', 'x basic abcdefghijk1 y'],
    ['bearer and a token', 'x Bearer abcdefghijk1 y'],
    ['bearer, quoted token', 'x bearer="abcdefghij/k" y'],
    ['a GitHub token of each prefix', 'x ghp_aB3dE5gH7jK9mN2p y'],
    ['gho_', 'x gho_aB3dE5gH7jK9mN2p y'],
    ['ghu_', 'x ghu_aB3dE5gH7jK9mN2p y'],
    ['ghs_', 'x ghs_aB3dE5gH7jK9mN2p y'],
    ['ghr_', 'x ghr_aB3dE5gH7jK9mN2p y'],
    ['a fine-grained GitHub token', 'x github_pat_aB3dE5gH7jK9mN2pQ4rS y'],
    ['an AWS access key id', 'x AKIAIOSFODNN7EXAMPLE y'],
    ...['ASIA', 'ABIA', 'ACCA', 'AGPA', 'AIDA', 'AIPA', 'ANPA', 'ANVA', 'AROA', 'APKA'].map((p) => [`an AWS key id of prefix ${p}`, `x ${p}IOSFODNN7EXAMPLE y`]),
    ['a short JWT', 'x eyJa.eyJb.cdefghijklmno y'],
    ['a random run of 24', 'x aB3dE5fZ7jK9mN2pQ4rS6tU8 y'],
    ['a random run after a key without separator', 'token aB3dE5fZ7jK9mN2pQ4rS6tU8'],
  ])('%s, in its shortest form: %s', (_what, s) => {
    expect(check(s)).toBe(true);
  });

  test('each key with each separator the scan takes, in any case, quoted or not', () => {
    const next = generator(7);
    for (const key of KEYS) {
      for (const quote of ['', '"', "'"]) {
        for (const blanks of ['', ' ', '\t', ' \t ']) {
          for (const sep of ['=', ':']) {
            // A quoted key takes a quoted value only.
            for (const value of quote === '' ? ['x', '"x y"'] : ['"x"', "'x y'"]) {
              for (const before of ['', 'db-', 'x.', ' ']) {
                const s = `${before}${randomCase(key, next)}${quote}${blanks}${sep}${blanks}${value}`;
                expect(check(s)).toBe(true);
                expect(mayHoldSecret(s)).toBe(true);
              }
            }
          }
        }
      }
    }
  });

  test('a key without its separator is not a trigger, and the scan masks nothing there', () => {
    for (const key of KEYS) {
      for (const s of [`${key} is set`, `${key}_encryption = scram-sha-256`, `"${key}" x`, `${key}s are stored`, `${key}\n=x`]) {
        expect(check(s)).toBe(false);
        if (!/gh|eyj|basic|bearer|authorization|:\/\//i.test(s)) expect(mayHoldSecret(s)).toBe(false);
      }
    }
  });

  test('texts from the triggers\' pieces, one character short, doubled, cut and joined at random', () => {
    const next = generator(20261206);
    const pieces = [
      ...KEYS, 'passw', 'secre', 'toke', 'api', 'key', 'access', 'private', '_', '-', '.', '/', '+', '~', '=', ':', '"', "'", ' ', '\t', '\n', '&', '@', '?', '#',
      'authorization', 'Authorization:', 'authorizatio', 'basic', 'Bearer', 'basi', 'bearer ', 'token ', 'digest', 'aws4-hmac-sha256',
      'gh', 'ghp_', 'gho_', 'ghs_', 'ghu_', 'ghr_', 'ghx_', 'gh_', 'github_pat_', 'github_pat', 'AKIA', 'ASIA', 'ABIA', 'ACCA', 'AGPA', 'AIDA', 'AIPA',
      'ANPA', 'ANVA', 'AROA', 'APKA', 'AKI', 'akia', 'eyJ', 'eyj', 'EYJ', 'eyJhbGciOi', '.eyJ', '://', ':/', '//', 'https://', 'user', 'u:p@h',
      '-----BEGIN', '-----BEGI', ' PRIVATE KEY-----', ' CERTIFICATE-----', '-----END', '****', 'x', 'Q9', '0123456789', 'ABCDEFGHIJKLMNOP',
      'aB3dE5gH7jK9', 'aB3dE5gH7jK9mN2p', 'mN2pQ4rS6tU8vW0x', 'aB3dE5gH7jK9mN2pQ4rS6tU', 'aB3dE5gH7jK9mN2pQ4rS6tU8', 'IOSFODNN7EXAMPLE', '==',
      'shared_buffers', 'log_min_duration_statement', 'work_mem = 8MB',
    ];
    let masked = 0;
    let ruledOut = 0;
    for (let t = 0; t < 20_000; t++) {
      let s = '';
      for (let k = 1 + next(10); k > 0; k--) {
        const p = pieces[next(pieces.length)]!;
        s += next(4) === 0 ? randomCase(p, next) : p;
      }
      if (check(s)) masked++;
      else if (!mayHoldSecret(s)) ruledOut++;
    }
    // Both kinds of text were generated in numbers.
    expect(masked).toBeGreaterThan(2_000);
    expect(ruledOut).toBeGreaterThan(2_000);
  });

  test('texts of random characters from the triggers\' alphabet', () => {
    const next = generator(424242);
    const alphabet = 'passwordkeytoknsecrtialbuhzghpousr_AKISBCGNRPVDOeyJ0123456789:/@=" \'\t-.+~\nEGIN';
    let masked = 0;
    for (let t = 0; t < 20_000; t++) {
      let s = '';
      for (let k = 4 + next(40); k > 0; k--) s += alphabet[next(alphabet.length)];
      if (check(s)) masked++;
    }
    expect(masked).toBeGreaterThan(100);
  });

  test('redactSecrets gives what the scan masks, whether the quick test passes or not', () => {
    const next = generator(99);
    const words = ['password=hunter2', 'the value', 'ghp_aB3dE5gH7jK9mN2pQ4rS', 'x://u:pw@h', 'aB3dE5gH7jK9mN2pQ4rS6tU8', 'work_mem', ' ', ', '];
    for (let t = 0; t < 2_000; t++) {
      let s = '';
      for (let k = 1 + next(6); k > 0; k--) s += words[next(words.length)];
      const ranges = scanSecretRanges(s);
      let expected = '';
      let last = 0;
      for (const [a, b] of ranges) {
        expected += `${s.slice(last, a)}****`;
        last = b;
      }
      expected += s.slice(last);
      expect(redactSecrets(s)).toBe(expected);
    }
  });

  test('redactSecretsKept gives what redactSecrets gives, and a text it kept is given back as it is (secretRanges: no ranges)', () => {
    const next = generator(5);
    const words = ['password=hunter2', 'the value', 'ghp_aB3dE5gH7jK9mN2pQ4rS', 'x://u:pw@h', 'aB3dE5gH7jK9mN2pQ4rS6tU8', 'work_mem', ' ', ', ', 'line '];
    // More texts than are kept at once: the set is cleared and filled again on the way.
    for (let t = 0; t < 12_000; t++) {
      let s = `${t} `;
      for (let k = 1 + next(5); k > 0; k--) s += words[next(words.length)];
      const expected = scanSecretRanges(s).length === 0 ? s : redactSecrets(s);
      expect(redactSecretsKept(s)).toBe(expected);
      expect(redactSecrets(s)).toBe(expected);
      expect(secretRanges(s)).toEqual(scanSecretRanges(s));
      // The same text made again (another string object) is looked up by its content.
      expect(redactSecrets(`${s} `.slice(0, -1))).toBe(expected);
    }
    expect(redactSecretsKept('password=hunter2')).toBe('password=****');
    expect(redactSecrets('password=hunter2')).toBe('password=****');
  });
});
