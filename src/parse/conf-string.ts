import type { SourceFile } from '../source/source.js';

type Encoding = SourceFile['encoding'];

const BACKSLASH = 0x5c;
const QUOTE = 0x27;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

// By hand: WHATWG maps the label 'latin1' to windows-1252, whose 0x80-0x9f differ.
function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function toBytes(text: string, encoding: Encoding): Uint8Array {
  if (encoding === 'utf8') return utf8Encoder.encode(text);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * The bytes PostgreSQL stores for a GUC_STRING token (DeescapeQuotedString, GUC_scanstr before
 * PG15). `raw` is the token text including its quotes, `encoding` that of the file it came from.
 *
 * The C code works on a NUL-terminated copy of yytext: it de-escapes everything after the opening
 * quote and then overwrites the last byte it produced, which is normally the closing quote. A NUL
 * inside the token therefore cuts the token short and eats the character before it
 * (`'xyz<NUL>'` gives `xy`), and an escape yielding 0 (`\0`, `\400`) ends the value.
 * Checked against PostgreSQL 12, 16 and 18.
 */
export function deescapeConfStringBytes(raw: string, encoding: Encoding = 'utf8'): Uint8Array {
  const nul = raw.indexOf('\0');
  const s = toBytes(nul === -1 ? raw : raw.slice(0, nul), encoding);
  const out = new Uint8Array(s.length);
  const at = (i: number): number => (i < s.length ? s[i]! : 0);
  let j = 0;
  for (let i = 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === BACKSLASH) {
      i++;
      const e = at(i);
      if (e >= 0x30 && e <= 0x37) {
        let octal = 0;
        let k = 0;
        for (; k < 3 && at(i + k) >= 0x30 && at(i + k) <= 0x37; k++) octal = octal * 8 + at(i + k) - 0x30;
        i += k - 1;
        out[j] = octal & 0xff; // (char) cast: '\777' is 0xff, '\400' is 0
      } else {
        out[j] = e === 0x62 ? 0x08 : e === 0x66 ? 0x0c : e === 0x6e ? 0x0a : e === 0x72 ? 0x0d : e === 0x74 ? 0x09 : e;
      }
    } else if (c === QUOTE && at(i + 1) === QUOTE) {
      out[j] = s[++i]!;
    } else {
      out[j] = c;
    }
    j++;
  }
  const value = out.subarray(0, Math.max(0, j - 1));
  const end = value.indexOf(0);
  return end === -1 ? value : value.subarray(0, end);
}

/**
 * The value of a GUC_STRING token as a string.
 *
 * Fast path: with no backslash and no NUL only `''` needs undoing, so the characters are kept.
 * Otherwise escapes (octal ones in particular) may produce arbitrary bytes, so the bytes from
 * {@link deescapeConfStringBytes} are decoded by the same rule as SourceFile: for a UTF-8 file,
 * as UTF-8 when the bytes are valid UTF-8 (`'\303\251'` gives `é`, which is what PostgreSQL
 * stores: the bytes C3 A9), else as Latin-1, one character per byte (`'\351'` gives U+00E9).
 * For a Latin-1 file always as Latin-1, so characters keep the meaning they have in the file.
 */
export function deescapeConfString(raw: string, encoding: Encoding = 'utf8'): string {
  if (raw.indexOf('\\') === -1 && raw.indexOf('\0') === -1) {
    const inner = raw.slice(1, -1);
    return isPlainConfString(inner) ? inner : inner.replaceAll("''", "'");
  }
  const bytes = deescapeConfStringBytes(raw, encoding);
  if (encoding === 'utf8') {
    try {
      return utf8.decode(bytes);
    } catch {
      // not UTF-8: fall through to Latin-1
    }
  }
  return latin1(bytes);
}

/** What a STRING token's text between its quotes needs de-escaping for: a backslash, a NUL, a '' pair. */
const NOT_PLAIN = /[\\\0]|''/;

/**
 * Whether a STRING token's text between its quotes is its own value (deescapeConfString would
 * return it as it is): one native search.
 */
export function isPlainConfString(inner: string): boolean {
  return !NOT_PLAIN.test(inner);
}
