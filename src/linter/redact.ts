/**
 * Masking of credential-looking text in everything pgconf-lint writes out (messages, help,
 * related messages, suppression reasons, suggestion text, fingerprint input).
 *
 * Everything a report quotes was written by the pull request's author, who may also point an
 * include or an `@file` at a file that holds a secret (a git config with the job's token, a key).
 * redactSecrets is the one function every quoted text passes through. It is a single left-to-right
 * scan with bounded look-ahead, no regular expression: each character is examined a bounded
 * number of times whatever the input (a 10 MB line of near-matches included).
 *
 * What is masked (the secret part is replaced by MASK, the surrounding words stay):
 * - `AUTHORIZATION: basic|bearer|token … <credentials>` (HTTP headers, e.g. git's extraheader);
 * - a long base64/token blob after `basic` or `bearer`;
 * - `key=value` and `key: value` where the key ends in password, passwd, passphrase, secret(s),
 *   token(s), apikey/api_key, access_key, secret_key, credential(s) or private_key (libpq
 *   conninfo, env assignments, flags, .npmrc, JSON/YAML), the value quoted or up to the next blank
 *   or quote; a quoted key ("password": ...) only with a quoted value;
 * - the password of URL user info (`scheme://user:password@host`);
 * - GitHub tokens (ghp_, gho_, ghs_, ghu_, ghr_, github_pat_), AWS access key ids, JWTs;
 * - PEM private key blocks (`-----BEGIN … PRIVATE KEY-----` up to `-----END`);
 * - long high-entropy base64 runs (mixed case and digits, changing character class as often as
 *   random text does): e.g. a line of a private key or a bare token quoted on its own.
 */

export const MASK = '****';

/** At most this many characters of a file's text are quoted in one place of a message. */
export const QUOTE_MAX_CHARS = 80;

// Character classes of the scanner.
const ALNUM = 1;
/** Characters of a "run": base64, base64url, identifiers, paths, dotted names (not '='). */
const RUN = 2;
const UPPER = 4;
const LOWER = 8;
const DIGIT = 16;
const CLS = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) CLS[c] = ALNUM | RUN | DIGIT;
for (let c = 0x41; c <= 0x5a; c++) CLS[c] = ALNUM | RUN | UPPER;
for (let c = 0x61; c <= 0x7a; c++) CLS[c] = ALNUM | RUN | LOWER;
for (const ch of '+/_.~-') CLS[ch.charCodeAt(0)] = RUN;

const cls = (c: number): number => (c < 128 ? CLS[c]! : 0);
const isRun = (c: number): boolean => c < 128 && (CLS[c]! & RUN) !== 0;
const isAlnum = (c: number): boolean => c < 128 && (CLS[c]! & ALNUM) !== 0;
const isBlank = (c: number): boolean => c === 0x20 || c === 0x09;
const isSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const EQ = 0x3d;
const COLON = 0x3a;
const SQ = 0x27;
const DQ = 0x22;

/** Keys whose value is a secret (compared case-insensitively at the end of a run). */
const SECRET_KEYS = [
  'password', 'passwords', 'passwd', 'passphrase', 'secret', 'secrets', 'token', 'tokens',
  'apikey', 'api_key', 'api-key', 'access_key', 'secret_key', 'credentials', 'credential',
  'private_key', 'private-key', 'privatekey',
];
/** The last letters of SECRET_KEYS, lower case. */
const SECRET_KEY_LAST = new Set(SECRET_KEYS.map((w) => w.charCodeAt(w.length - 1)));
/** HTTP authentication schemes that may follow `Authorization:`. */
const SCHEMES = ['basic', 'bearer', 'token', 'digest', 'negotiate', 'ntlm', 'aws4-hmac-sha256'];
/** AWS access key id prefixes (followed by 16 upper-case letters or digits). */
const AWS_PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AGPA', 'AIDA', 'AIPA', 'ANPA', 'ANVA', 'AROA', 'APKA'];

/** s[start, end) equals `word` (lower case ASCII) without regard to ASCII case. */
function equalsCI(s: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    let c = s.charCodeAt(start + k);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

function endsWithCI(s: string, start: number, end: number, word: string): boolean {
  return end - start >= word.length && equalsCI(s, end - word.length, end, word);
}

/**
 * Whether s[start, end) looks like random base64: at least 24 letters and digits, upper case,
 * lower case and digits all present, and the class (upper/lower/digit) changing between
 * consecutive letters/digits at least 45% of the time (random base64: ~62%; words, PascalCase
 * names and paths: ~15–40%).
 */
function looksRandom(s: string, start: number, end: number): boolean {
  if (end - start < 24) return false;
  let n = 0;
  let changes = 0;
  let seen = 0;
  let prev = 0;
  for (let k = start; k < end; k++) {
    const c = cls(s.charCodeAt(k)) & (UPPER | LOWER | DIGIT);
    if (c === 0) continue;
    n++;
    seen |= c;
    if (prev !== 0 && c !== prev) changes++;
    prev = c;
  }
  return n >= 24 && seen === (UPPER | LOWER | DIGIT) && changes >= 0.45 * (n - 1);
}

/** End of the run starting at i (RUN characters, then any '=' padding). */
function runEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && isRun(s.charCodeAt(j))) j++;
  while (j < s.length && s.charCodeAt(j) === EQ) j++;
  return j;
}

/** Index after the blanks (space, tab) and characters of `extra` from i. */
function skip(s: string, i: number, extra: string): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isBlank(c) || extra.includes(s[i]!)) i++;
    else break;
  }
  return i;
}

/** The end of a quoted value starting with the quote at i: backslash escapes, a doubled quote continues it. */
function quotedEnd(s: string, i: number): number {
  const q = s.charCodeAt(i);
  let k = i + 1;
  while (k < s.length) {
    const c = s.charCodeAt(k);
    if (c === 0x5c) k += 2;
    else if (c === q) {
      if (s.charCodeAt(k + 1) === q) k += 2;
      else return k;
    } else if (c === 0x0a) return k;
    else k++;
  }
  return s.length;
}

/**
 * Returns `s` with credential-looking parts replaced by MASK. Linear in the length of `s`;
 * returns `s` itself when nothing is masked.
 */
export function redactSecrets(s: string): string {
  if (isKept(s)) return s;
  // Most texts (messages, help, config lines) hold none of the scan's triggers: one native search
  // returns them as they are, before the memo (a text seen once costs no hashing or insertion).
  if (!mayHoldSecret(s)) return s;
  if (s.length > MEMO_MAX_CHARS) return redact(s);
  let r = memo.get(s);
  if (r === undefined) {
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    memo.set(s, (r = redact(s)));
  }
  return r;
}

/**
 * Short texts with a trigger redacted lately: the same message, help, label or title is redacted
 * once per finding (thousands of times in a large file), then again when a report shows it.
 * Bounded: at most MEMO_ENTRIES texts of at most MEMO_MAX_CHARS each.
 */
const memo = new Map<string, string>();
const MEMO_ENTRIES = 1024;
const MEMO_MAX_CHARS = 512;

/**
 * redactSecrets(s), and `s` is kept when nothing in it is masked, so that redactSecrets returns it
 * (and secretRanges finds nothing in it) at once when it is asked again: for a finding's message
 * and fix title, masked when the rule reports them and again when the text report shows them.
 * Bounded: at most KEPT_ENTRIES texts of at most MEMO_MAX_CHARS each (all of them cleared when
 * full); only texts the quick test rules out are kept.
 */
export function redactSecretsKept(s: string): string {
  if (s.length > MEMO_MAX_CHARS || mayHoldSecret(s)) return redactSecrets(s);
  if (kept.size >= KEPT_ENTRIES) kept.clear();
  kept.add(s);
  return s;
}

const kept = new Set<string>();
const KEPT_ENTRIES = 4096;

/** Whether `s` was found clean by redactSecretsKept (and is still kept). */
function isKept(s: string): boolean {
  return kept.size !== 0 && s.length <= MEMO_MAX_CHARS && kept.has(s);
}

/** `s` with the ranges scanSecretRanges finds replaced by MASK (the quick test already passed). */
function redact(s: string): string {
  const ranges = scanSecretRanges(s);
  if (ranges.length === 0) return s;
  let out = '';
  let last = 0;
  for (const [a, b] of ranges) {
    out += s.slice(last, a) + MASK;
    last = b;
  }
  return out + s.slice(last);
}

/**
 * The credential-looking parts of `s` that redactSecrets replaces by MASK, as offset ranges
 * [start, end): sorted, overlapping or touching ranges merged into one. For outputs that show file
 * text in place (the text report's source lines) and must keep columns aligned around a mask.
 */
export function secretRanges(s: string): [number, number][] {
  if (isKept(s)) return [];
  return mayHoldSecret(s) ? scanSecretRanges(s) : [];
}

/**
 * False only when scanSecretRanges(s) finds nothing: `s` holds none of the scan's triggers. Two
 * native regular expression searches, no per-character JavaScript (most texts are ruled out here).
 * Exported for the tests that keep it in step with the scan.
 */
export function mayHoldSecret(s: string): boolean {
  return MAY_HOLD_SECRET.test(s) || (LONG_RUN.test(s) && RANDOM_RUN.test(s));
}

/**
 * Every text the scan can mask contains one of these (compared without regard to case, which only
 * widens the net): the start of a URL's user info; a PEM header; the Authorization header; basic
 * or bearer; a secret key followed by what the scan needs after it, an optional quote, blanks and
 * `=` or `:` (so `password_encryption` or "passwords are" is not a trigger); a GitHub token prefix
 * (`gh` + one of p, o, u, s, r + `_`, `github_pat_`), an AWS key id prefix or a JWT's `eyJ`; or else
 * a run RANDOM_RUN finds. Kept in step with scanSecretRanges: test/redact.test.ts and
 * test/redact-prefilter.test.ts check that a text the scan masks is never ruled out.
 */
const escapeRe = (w: string): string => w.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const MAY_HOLD_SECRET = new RegExp(
  [
    '://',
    '-----BEGIN',
    'authorization',
    'basic',
    'bearer',
    // A secret key with its separator.
    `(?:${SECRET_KEYS.map(escapeRe).join('|')})["']?[ \\t]*[=:]`,
    'gh[pousr]_',
    'github_pat_',
    ...AWS_PREFIXES.map(escapeRe),
    'eyJ',
  ].join('|'),
  'i',
);
/**
 * What looksRandom can mask without any of those words: a whole run (of RUN characters, from a
 * character that is not one) of at least 24 characters holding an upper-case letter, a lower-case
 * letter and a digit. Identifiers such as log_min_duration_statement (no digit, no capital) are not.
 */
const RANDOM_RUN = /(?<![A-Za-z0-9+/_.~-])(?=[A-Za-z0-9+/_.~-]{24})(?=[A-Za-z0-9+/_.~-]*[A-Z])(?=[A-Za-z0-9+/_.~-]*[a-z])(?=[A-Za-z0-9+/_.~-]*[0-9])/;
/**
 * What RANDOM_RUN needs first, searched for faster: a run of 24 at the start of the text or after a
 * character that is no RUN character (V8 tries a match only at such a character, where RANDOM_RUN
 * looks behind at every one). Each character is looked at from at most one start: linear.
 */
const LONG_RUN = /(?:^|[^A-Za-z0-9+/_.~-])[A-Za-z0-9+/_.~-]{24}/;

/** secretRanges without the quick test: the scan itself (exported for the test that keeps both in step). */
export function scanSecretRanges(s: string): [number, number][] {
  const n = s.length;
  // Ranges to mask, nearly always found in order (a URL's password before its user name is not).
  const ranges: number[] = [];
  const mask = (a: number, b: number): void => {
    if (b > a) ranges.push(a, b);
  };

  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    // URL user info: scheme://user:password@ — the user info holds no '/', so the scans of two
    // "://" never overlap.
    if (c === COLON && s.charCodeAt(i + 1) === 0x2f && s.charCodeAt(i + 2) === 0x2f) {
      let k = i + 3;
      let colon = -1;
      for (; k < n; k++) {
        const d = s.charCodeAt(k);
        if (d === 0x40 /* @ */ || d === 0x2f || d === 0x3f || d === 0x23 || isSpace(d) || d === DQ || d === SQ) break;
        if (d === COLON && colon === -1) colon = k;
      }
      if (k < n && s.charCodeAt(k) === 0x40 && colon !== -1 && k > colon + 1 && !s.startsWith(MASK, colon + 1)) mask(colon + 1, k);
      // The user name is scanned like any other text (a token can be the user name).
      i += 3;
      continue;
    }
    if (!isRun(c)) {
      i++;
      continue;
    }
    // A run of word/base64 characters [i, j).
    let j = i + 1;
    while (j < n && isRun(s.charCodeAt(j))) j++;

    // PEM private key: mask the body up to the END line (or everything after the header).
    if (c === 0x2d && s.startsWith('-----BEGIN', i)) {
      // The header ends with "-----" within 100 characters, on the same line.
      let headerEnd = -1;
      for (let x = i + 10, stop = Math.min(n, i + 100); x < stop && s.charCodeAt(x) !== 0x0a; x++) {
        if (s.startsWith('-----', x)) {
          headerEnd = x;
          break;
        }
      }
      if (headerEnd !== -1 && s.slice(i, headerEnd).includes('PRIVATE KEY')) {
        const bodyStart = headerEnd + 5;
        const endMark = s.indexOf('-----END', bodyStart);
        const bodyEnd = endMark === -1 ? n : endMark;
        mask(bodyStart, bodyEnd);
        i = endMark === -1 ? n : endMark + 8;
        continue;
      }
    }

    // Authorization header: keep the scheme, mask the credentials.
    if (endsWithCI(s, i, j, 'authorization')) {
      let k = skip(s, j, ':="\',');
      if (k < n && isRun(s.charCodeAt(k))) {
        let e = runEnd(s, k);
        if (SCHEMES.some((w) => equalsCI(s, k, e, w))) {
          k = skip(s, e, ':="\',');
          e = k < n && isRun(s.charCodeAt(k)) ? runEnd(s, k) : k;
        }
        if (e > k && !s.startsWith(MASK, k)) mask(k, e);
        i = Math.max(e, j);
        continue;
      }
    }

    // basic / bearer followed by a long token.
    if (equalsCI(s, i, j, 'basic') || equalsCI(s, i, j, 'bearer')) {
      const k = skip(s, j, ':="\',');
      if (k < n && isRun(s.charCodeAt(k))) {
        const e = runEnd(s, k);
        let tokenish = false;
        for (let x = k; x < e && !tokenish; x++) {
          const d = s.charCodeAt(x);
          tokenish = (cls(d) & DIGIT) !== 0 || d === 0x2b || d === 0x2f || d === EQ || d === 0x5f;
        }
        if (e - k >= 12 && tokenish) {
          mask(k, e);
          i = e;
          continue;
        }
      }
    }

    // key=value / key: value with a secret key (a run that ends in none of their last letters is none of them).
    if (SECRET_KEY_LAST.has(s.charCodeAt(j - 1) | 0x20) && SECRET_KEYS.some((w) => endsWithCI(s, i, j, w))) {
      let k = j;
      // A quoted key ("password": "x") takes a quoted value only: a message that quotes a
      // name ("token": PostgreSQL refuses ...) is not a key-value pair.
      const quotedKey = s.charCodeAt(k) === DQ || s.charCodeAt(k) === SQ;
      if (quotedKey) k++;
      k = skip(s, k, '');
      const sep = s.charCodeAt(k);
      if ((sep === EQ || sep === COLON) && !(sep === COLON && s.charCodeAt(k + 1) === 0x2f)) {
        k = skip(s, k + 1, '');
        const q = s.charCodeAt(k);
        if (q === SQ || q === DQ) {
          const e = quotedEnd(s, k);
          if (e > k + 1 && !s.startsWith(MASK, k + 1)) mask(k + 1, e);
          i = e;
          continue;
        }
        if (!quotedKey) {
          let e = k;
          while (e < n) {
            const d = s.charCodeAt(e);
            if (isSpace(d) || d === SQ || d === DQ || d === 0x26 /* & */) break;
            e++;
          }
          if (e > k && !s.startsWith(MASK, k)) mask(k, e);
          i = Math.max(e, j);
          continue;
        }
      }
    }

    // Tokens with a known shape, starting inside the run after a non-alphanumeric character.
    let masked = false;
    // A JWT scan that failed from one start fails from every later start it covered: skip those
    // (a run of "eyJ.eyJ.eyJ..." would otherwise be rescanned from each).
    let jwtFailedTo = -1;
    let patFailedTo = -1;
    for (let k = i; k < j; k++) {
      if (k > i && isAlnum(s.charCodeAt(k - 1))) continue;
      const d = s.charCodeAt(k);
      let e = -1;
      if (d === 0x67 /* g */ && s.charCodeAt(k + 1) === 0x68 && s.charCodeAt(k + 3) === 0x5f && 'pousr'.includes(s[k + 2]!)) {
        // ghp_ gho_ ghs_ ghu_ ghr_ + at least 16 letters/digits
        let x = k + 4;
        while (x < j && isAlnum(s.charCodeAt(x))) x++;
        if (x - (k + 4) >= 16) e = x;
      } else if (d === 0x67 && k >= patFailedTo && s.startsWith('github_pat_', k)) {
        let x = k + 11;
        while (x < j && (isAlnum(s.charCodeAt(x)) || s.charCodeAt(x) === 0x5f)) x++;
        if (x - (k + 11) >= 20) e = x;
        else patFailedTo = x;
      } else if (d === 0x41 /* A */ && AWS_PREFIXES.some((p) => s.startsWith(p, k))) {
        let x = k + 4;
        while (x < j && (cls(s.charCodeAt(x)) & (UPPER | DIGIT)) !== 0) x++;
        if (x - k === 20 && !isAlnum(s.charCodeAt(x))) e = x;
      } else if (d === 0x65 /* e */ && k >= jwtFailedTo && s.startsWith('eyJ', k)) {
        // JWT: three base64url parts separated by dots
        let x = k;
        let dots = 0;
        while (x < j && (isAlnum(s.charCodeAt(x)) || s.charCodeAt(x) === 0x2d || s.charCodeAt(x) === 0x5f || s.charCodeAt(x) === 0x2e)) {
          if (s.charCodeAt(x) === 0x2e) dots++;
          x++;
        }
        if (dots >= 2 && x - k >= 20) e = x;
        else jwtFailedTo = x;
      }
      if (e !== -1) {
        const keep = d === 0x41 ? 4 : s.startsWith('github_pat_', k) ? 11 : d === 0x67 ? 4 : 0;
        mask(k + keep, e);
        masked = true;
        k = e - 1;
      }
    }
    if (!masked) {
      const e = runEnd(s, i);
      if (looksRandom(s, i, e)) mask(i, e);
      i = e;
      continue;
    }
    i = j;
  }
  const order: number[] = [];
  for (let r = 0; r < ranges.length; r += 2) order.push(r);
  order.sort((x, y) => ranges[x]! - ranges[y]!);
  const merged: [number, number][] = [];
  let last = 0;
  for (const r of order) {
    const a = Math.max(ranges[r]!, last);
    const b = ranges[r + 1]!;
    if (b <= a) continue;
    // Overlapping or touching ranges become one mask.
    const prev = merged[merged.length - 1];
    if (prev && a === prev[1]) prev[1] = b;
    else merged.push([a, b]);
    last = b;
  }
  return merged;
}

/** True when redactSecrets would change `s`. */
export function containsSecret(s: string): boolean {
  return redactSecrets(s) !== s;
}

/**
 * A piece of file text to quote in a message: cut at a NUL (PostgreSQL prints with %s), at most
 * `max` characters (an ellipsis marks a cut), surrogate pairs kept whole.
 */
export function boundQuote(text: string, max = QUOTE_MAX_CHARS): string {
  const nul = text.indexOf('\0');
  const t = nul === -1 ? text : text.slice(0, nul);
  if (t.length <= max) return t;
  let cut = max - 1;
  const c = t.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return `${t.slice(0, cut)}…`;
}

/**
 * A PostgreSQL message that quotes `value` (a token or value from a file) with the quoted value
 * bounded by boundQuote (its last occurrence: PostgreSQL names the parameter before the value);
 * the message is unchanged when the value is short.
 */
export function boundQuotedIn(message: string, value: string, max = QUOTE_MAX_CHARS): string {
  if (value.length <= max || value.length === 0) return message;
  const at = message.lastIndexOf(value);
  if (at === -1) return message;
  return message.slice(0, at) + boundQuote(value, max) + message.slice(at + value.length);
}

/**
 * `message` with the text of every double-quoted span longer than `max` characters cut by
 * boundQuote. For messages whose quoted parts are tokens that cannot contain a double quote
 * (pg_hba.conf / pg_ident.conf tokens), so that quotes pair up as written.
 */
export function boundQuotes(message: string, max = QUOTE_MAX_CHARS): string {
  let out = '';
  let last = 0;
  for (let a = message.indexOf('"'); a !== -1; ) {
    const b = message.indexOf('"', a + 1);
    if (b === -1) break;
    if (b - a - 1 > max) {
      out += message.slice(last, a + 1) + boundQuote(message.slice(a + 1, b), max);
      last = b;
    }
    a = message.indexOf('"', b + 1);
  }
  return last === 0 ? message : out + message.slice(last);
}

/**
 * The PEM private key blocks of a text, as offset ranges [start, end): from the BEGIN line to
 * the end of the END line (or of the text). One linear scan.
 */
export function privateKeyBlocks(text: string): [number, number][] {
  const out: [number, number][] = [];
  if (!text.includes('PRIVATE KEY')) return out;
  for (let at = text.indexOf('-----BEGIN'); at !== -1; ) {
    const eol = text.indexOf('\n', at);
    const header = text.slice(at, eol === -1 ? text.length : eol);
    if (!header.includes('PRIVATE KEY')) {
      at = eol === -1 ? -1 : text.indexOf('-----BEGIN', eol);
      continue;
    }
    const endMark = text.indexOf('-----END', at + 10);
    const endEol = endMark === -1 ? -1 : text.indexOf('\n', endMark);
    const end = endMark === -1 || endEol === -1 ? text.length : endEol;
    out.push([at, end]);
    at = end >= text.length ? -1 : text.indexOf('-----BEGIN', end);
  }
  return out;
}

/** `message` with the text inside every pair of double quotes replaced by MASK. */
export function maskQuoted(message: string): string {
  let out = '';
  let last = 0;
  for (let a = message.indexOf('"'); a !== -1; ) {
    const b = message.indexOf('"', a + 1);
    if (b === -1) break;
    out += message.slice(last, a + 1) + MASK;
    last = b;
    a = message.indexOf('"', b + 1);
  }
  return last === 0 ? message : out + message.slice(last);
}
