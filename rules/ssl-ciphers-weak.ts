import { defineRule } from '../src/linter/rule.js';
import { opt } from '../src/linter/options.js';
import type { Loc } from '../src/types.js';
import { valueOffsets } from './replication-conninfo-insecure.js';

/**
 * A model of OpenSSL's cipher list (ssl/ssl_ciph.c, ssl_cipher_process_rulestr): a handful of
 * representative TLS 1.2-and-older suites, each with the words (aliases) that select it. The list
 * is read left to right like OpenSSL does: a plain cipher string adds the suites it selects, `-`
 * deletes them (a later string may add them again), `!` kills them for good, `+` only moves
 * already-enabled ones to the end; `a+b` selects the suites matching every word; unknown words
 * select nothing. What matters is which weak classes of suites remain enabled at the end.
 */
interface Suite {
  name: string;
  words: ReadonlySet<string>;
  /**
   * Only in OpenSSL before 1.1.0 or builds with weak ciphers (RC4, single DES, export): selected
   * by a cipher string only when one of its words names the weakness (RC4, DES, LOW, EXP, MD5…),
   * so that generic words (ALL, MEDIUM, kRSA) are judged as today's OpenSSL defines them.
   */
  legacy?: boolean;
  /** For legacy export suites: one of these words must be in the cipher string (RC4 alone does not bring EXP-RC4-MD5 into the judgement). */
  needs?: ReadonlySet<string>;
}

const EXPORT_WORDS = new Set(['EXP', 'EXPORT', 'EXPORT40', 'EXPORT56']);
const S = (name: string, words: string, legacy = false): Suite => ({
  name,
  words: new Set(words.split(' ')),
  ...(legacy ? { legacy } : {}),
  ...(legacy && name.startsWith('EXP-') ? { needs: EXPORT_WORDS } : {}),
});

const SSL3 = 'SSLv3 TLSv1 TLSv1.0';
const KRSA = 'kRSA RSA aRSA';
const SUITES: readonly Suite[] = [
  S('ECDHE-RSA-AES128-GCM-SHA256', 'kECDHE kEECDH ECDH ECDHE EECDH aRSA AES AES128 AESGCM SHA256 TLSv1.2 HIGH FIPS ALL DEFAULT'),
  S('AES128-SHA', `${KRSA} AES AES128 SHA1 SHA ${SSL3} HIGH FIPS ALL DEFAULT`),
  S('ADH-AES256-GCM-SHA384', 'kDHE kEDH DH ADH aNULL AES AES256 AESGCM SHA384 TLSv1.2 HIGH FIPS ALL COMPLEMENTOFDEFAULT'),
  S('AECDH-AES256-SHA', `kECDHE kEECDH ECDH AECDH aNULL AES AES256 SHA1 SHA ${SSL3} HIGH FIPS ALL COMPLEMENTOFDEFAULT`),
  S('SEED-SHA', `${KRSA} SEED SHA1 SHA ${SSL3} MEDIUM ALL COMPLEMENTOFDEFAULT`),
  S('DES-CBC3-SHA', `${KRSA} 3DES SHA1 SHA ${SSL3} MEDIUM ALL COMPLEMENTOFDEFAULT`),
  S('ADH-DES-CBC3-SHA', `kDHE kEDH DH ADH aNULL 3DES SHA1 SHA ${SSL3} MEDIUM ALL COMPLEMENTOFDEFAULT`),
  S('NULL-SHA256', `${KRSA} eNULL NULL SHA256 TLSv1.2 COMPLEMENTOFALL COMPLEMENTOFDEFAULT`),
  S('ECDHE-RSA-NULL-SHA', `kECDHE kEECDH ECDH ECDHE EECDH aRSA eNULL NULL SHA1 SHA ${SSL3} COMPLEMENTOFALL COMPLEMENTOFDEFAULT`),
  S('AECDH-NULL-SHA', `kECDHE kEECDH ECDH AECDH aNULL eNULL NULL SHA1 SHA ${SSL3} COMPLEMENTOFALL COMPLEMENTOFDEFAULT`),
  S('RC4-SHA', `${KRSA} RC4 SHA1 SHA ${SSL3} MEDIUM ALL COMPLEMENTOFDEFAULT`, true),
  S('RC4-MD5', `${KRSA} RC4 MD5 ${SSL3} MEDIUM ALL COMPLEMENTOFDEFAULT`, true),
  S('ADH-RC4-MD5', `kDHE kEDH DH ADH aNULL RC4 MD5 ${SSL3} MEDIUM ALL COMPLEMENTOFDEFAULT`, true),
  S('DES-CBC-SHA', `${KRSA} DES SHA1 SHA ${SSL3} LOW ALL COMPLEMENTOFDEFAULT`, true),
  S('EXP-RC4-MD5', `${KRSA} RC4 MD5 ${SSL3} EXP EXPORT EXPORT40 ALL COMPLEMENTOFDEFAULT`, true),
  S('EXP-DES-CBC-SHA', `${KRSA} DES SHA1 SHA ${SSL3} EXP EXPORT EXPORT40 ALL COMPLEMENTOFDEFAULT`, true),
];

/** Words that name a legacy weakness: with one of them a cipher string selects legacy suites. */
const LEGACY_WORDS = new Set(['RC4', 'DES', 'LOW', 'EXP', 'EXPORT', 'EXPORT40', 'EXPORT56', 'MD5']);

/** A suite named in full (e.g. RC4-SHA): its words as far as its name shows them. */
function namedSuite(name: string): Suite {
  const w = new Set<string>([name]);
  const add = (s: string): void => s.split(' ').forEach((x) => w.add(x));
  if (/^(ADH|AECDH)-/.test(name)) add('aNULL');
  if (/^ADH-/.test(name)) add('ADH kDHE DH');
  if (/^AECDH-/.test(name)) add('AECDH kECDHE ECDH');
  if (/(^|-)NULL-/.test(name)) add('eNULL NULL');
  if (/RC4/.test(name)) add('RC4');
  if (/DES-CBC3|3DES/.test(name)) add('3DES');
  else if (/(^|-)DES-/.test(name)) add('DES LOW');
  if (/^EXP/.test(name)) add('EXP EXPORT');
  if (/-MD5$/.test(name)) add('MD5');
  if (/-SHA$/.test(name)) add('SHA1 SHA');
  return { name, words: w };
}

/** A weakness, with what it leads to. */
interface Weakness {
  key: string;
  what: string;
}
const W = {
  anon: { key: 'anon', what: 'anonymous suites (aNULL: ADH, AECDH), which authenticate no server, so a man in the middle can pose as it' },
  null: { key: 'null', what: 'NULL-encryption suites (eNULL), which send everything in cleartext' },
  export: { key: 'export', what: 'export-grade suites (EXP, 40- and 56-bit keys), broken in minutes' },
  low: { key: 'low', what: 'single-DES suites (DES, LOW, 56-bit keys), broken by brute force' },
  rc4: { key: 'rc4', what: 'RC4 suites, whose keystream biases let plaintext be recovered (RFC 7465 forbids them)' },
  des3: { key: 'des3', what: '3DES suites, whose 64-bit blocks allow plaintext recovery on long connections (Sweet32)' },
  md5: { key: 'md5', what: 'suites with MD5 MACs' },
  medium: { key: 'medium', what: 'MEDIUM-strength suites (such as SEED and 3DES)' },
} satisfies Record<string, Weakness>;

interface Token {
  /** As written, e.g. `!aNULL`. */
  text: string;
  /** Offsets in the unquoted value. */
  start: number;
  end: number;
}

type Verdict = { token: Token; weaknesses: Weakness[]; outside?: boolean };

/** OpenSSL's ITEM_SEP. */
const SEP = /[:, ;]/;

export function tokenize(value: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && SEP.test(value[i]!)) i++;
    const start = i;
    while (i < value.length && !SEP.test(value[i]!)) i++;
    if (i > start) out.push({ text: value.slice(start, i), start, end: i });
  }
  return out;
}

/**
 * The weak suites `value` leaves enabled, each attributed to the cipher string that enabled it.
 * 3DES counts only when a cipher string names it (3DES, or a suite such as DES-CBC3-SHA): the
 * server's default `HIGH:MEDIUM:+3DES:!aNULL` keeps 3DES in MEDIUM, last in preference.
 * `onlySuites`: when non-empty, every adding cipher string must be one of these suite names.
 */
export function judgeCiphers(value: string, allowMedium: boolean, onlySuites: readonly string[]): Verdict[] {
  const enabled = new Map<Suite, Token>();
  const killed = new Set<Suite>();
  const extra: Suite[] = [];
  const outside: Token[] = [];
  const allowed = new Set(onlySuites.map((s) => s.toUpperCase()));
  const tokens = tokenize(value);
  tokens.forEach((tok, idx) => {
    let t = tok.text;
    if (t.startsWith('@')) return; // @STRENGTH, @SECLEVEL=n: order and level, no suites
    let op: 'add' | 'del' | 'kill' | 'move' = 'add';
    if (t[0] === '!') op = 'kill';
    else if (t[0] === '-') op = 'del';
    else if (t[0] === '+') op = 'move';
    if (op !== 'add') t = t.slice(1);
    if (t === '') return;
    // DEFAULT is expanded only at the start of the list (ssl_create_cipher_list).
    if (t === 'DEFAULT' && idx !== 0) return;
    const words = t.split('+').filter(Boolean);
    if (op === 'add' && allowed.size > 0 && !(words.length === 1 && allowed.has(words[0]!.toUpperCase()))) outside.push(tok);
    const universe: Suite[] = [...SUITES, ...extra];
    if (words.length === 1 && /^[A-Z0-9]+(-[A-Z0-9]+)+$/.test(words[0]!) && !universe.some((s) => s.name === words[0])) {
      const named = namedSuite(words[0]!);
      extra.push(named);
      universe.push(named);
    }
    const legacyOk = words.some((w) => LEGACY_WORDS.has(w)) || words.some((w) => /RC4|(^|-)DES-CBC-|^EXP/.test(w));
    for (const s of universe) {
      if (!words.every((w) => s.words.has(w) || s.name === w)) continue;
      if (op === 'kill') {
        killed.add(s);
        enabled.delete(s);
      } else if (op === 'del') enabled.delete(s);
      else if (op === 'add' && !killed.has(s) && !enabled.has(s) && (!s.legacy || legacyOk) && (!s.needs || words.some((w) => s.needs!.has(w) || w === s.name)))
        enabled.set(s, tok);
    }
  });
  const byToken = new Map<Token, Set<Weakness>>();
  const note = (tok: Token, w: Weakness): void => {
    let set = byToken.get(tok);
    if (!set) byToken.set(tok, (set = new Set()));
    set.add(w);
  };
  // One weakness per suite, the gravest (RC4-MD5 is an RC4 suite; AECDH-NULL-SHA a NULL one).
  for (const [s, tok] of enabled) {
    const has = (w: string): boolean => s.words.has(w);
    const words = tok.text.replace(/^[!+-]/, '').split('+');
    const w = has('eNULL')
      ? W.null
      : has('aNULL')
        ? W.anon
        : has('EXP')
          ? W.export
          : has('DES')
            ? W.low
            : has('RC4')
              ? W.rc4
              : has('3DES') && words.some((x) => x === '3DES' || x === s.name)
                ? W.des3
                : has('MD5')
                  ? W.md5
                  : has('MEDIUM') && !allowMedium
                    ? W.medium
                    : undefined;
    if (w) note(tok, w);
  }
  const order = Object.values(W);
  const out: Verdict[] = [];
  for (const tok of tokens) {
    const ws = byToken.get(tok);
    const isOutside = outside.includes(tok);
    if (!ws && !isOutside) continue;
    out.push({
      token: tok,
      weaknesses: ws ? order.filter((w) => ws.has(w)) : [],
      ...(isOutside ? { outside: true } : {}),
    });
  }
  return out;
}

const list = (xs: string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join('; ')}; and ${xs[xs.length - 1]}`);

export default defineRule({
  name: 'ssl-ciphers-weak',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  options: {
    allowMedium: opt.boolean(true, 'Accept MEDIUM-strength suites; with false, a cipher string that leaves MEDIUM suites enabled is reported (the default `HIGH:MEDIUM:+3DES:!aNULL` then is).'),
    onlySuites: opt.stringArray([], 'When not empty, every cipher string that adds suites must be one of these OpenSSL suite names (as pgdsat 6.10 checks: `HIGH`, `ALL` or any other group word is then reported).', { minLength: 1 }),
  },
  docs: () => ({
    summary: 'With ssl on, ssl_ciphers enables weak TLS 1.2 suites: NULL, anonymous, export, single DES, RC4, MD5, or 3DES named explicitly',
    why:
      'ssl_ciphers is an OpenSSL cipher list: it decides which suites TLS 1.2 and older connections may use. A ' +
      'list that enables NULL suites sends data in cleartext; anonymous suites (aNULL, ADH, AECDH) do not ' +
      'authenticate the server, so a man in the middle can pose as it; export, LOW (single DES) and RC4 suites ' +
      'are broken; MD5 MACs are weak; 3DES has 64-bit blocks (Sweet32). The list is read as OpenSSL reads it, ' +
      'left to right: `!X` removes X for good, `-X` removes it until a later string adds it again, `+X` only ' +
      'moves suites already enabled to the end, `A+B` selects suites matching both. So a later `!aNULL` cancels ' +
      'the anonymous suites that `HIGH` or `ALL` bring in, and the server default `HIGH:MEDIUM:+3DES:!aNULL` is ' +
      'not reported (its 3DES suites are MEDIUM, moved last; 3DES is reported only when a cipher string names ' +
      'it). `ALL` without `!aNULL` is reported (anonymous suites); eNULL needs `COMPLEMENTOFALL`, `eNULL`/`NULL` ' +
      'or a key-exchange word such as `kRSA` or `ECDHE` without `!eNULL`.\n\n' +
      'Generic words (ALL, HIGH, MEDIUM, DEFAULT, kRSA…) are judged as OpenSSL 1.1.0 and later define them: ' +
      'export, single-DES and RC4 suites are reported when a cipher string names them (RC4, DES, LOW, EXP, MD5, ' +
      'or a suite such as RC4-SHA); on OpenSSL 1.0.x, ALL and MEDIUM also hold RC4 — end the list with ' +
      '`!RC4:!LOW:!EXP` there. OpenSSL 1.1.0 and later also refuse anonymous, NULL, MD5, export and DES suites at ' +
      'their default security level 1, whatever the list says; they are accepted with OpenSSL 1.0.x, ' +
      '`@SECLEVEL=0` or a system crypto policy at level 0. Checked only with ssl on, and not when ' +
      'ssl_min_protocol_version is TLSv1.3 (TLS 1.3 suites are not governed by ssl_ciphers).\n\n' +
      'The CIS Benchmark (6.10) wants only forward-secret suites: pgdsat fails every entry of ssl_ciphers that ' +
      'is not one of a list of ECDHE/DHE AEAD suites, the default included. The option `onlySuites` checks that ' +
      'and `allowMedium: false` reports MEDIUM suites; under either, an absent ssl_ciphers (the default ' +
      '`HIGH:MEDIUM:+3DES:!aNULL`) is reported at the start of postgresql.conf.',
    invalid: ["ssl = on\nssl_ciphers = 'HIGH:RC4'", "ssl = on\nssl_ciphers = 'ALL:!LOW:!EXP'", "ssl = on\nssl_ciphers = 'HIGH:3DES:!aNULL'"],
    valid: [
      "ssl = on\nssl_ciphers = 'HIGH:MEDIUM:+3DES:!aNULL'",
      "ssl = on\nssl_ciphers = 'HIGH:!aNULL:!MD5'",
      "ssl = on\nssl_ciphers = 'RC4:HIGH:!RC4:!aNULL'",
      "ssl = off\nssl_ciphers = 'NULL'",
    ],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SSL-CIPHERS',
      'https://docs.openssl.org/master/man1/openssl-ciphers/ (CIPHER LIST FORMAT, CIPHER STRINGS)',
      'https://github.com/openssl/openssl/blob/master/ssl/ssl_ciph.c (ssl_cipher_process_rulestr)',
      'https://www.rfc-editor.org/rfc/rfc7465 (Prohibiting RC4 Cipher Suites)',
      'https://sweet32.info/ (3DES)',
      'https://github.com/HexaCluster/pgdsat (check 6.10)',
    ],
    versions:
      'all; ssl_ciphers governs TLS 1.2 and older only. From 12, when ssl_min_protocol_version is TLSv1.3 the ' +
      'list has no effect and nothing is reported. PostgreSQL 18 adds ssl_tls13_ciphers for the TLS 1.3 suites; ' +
      'every TLS 1.3 suite is strong, so it is not checked.',
    optionsNote:
      '```yaml\nrules:\n  ssl-ciphers-weak:\n    allowMedium: false\n    onlySuites: [ECDHE-ECDSA-AES256-GCM-SHA384, ECDHE-RSA-AES256-GCM-SHA384]\n```',
  }),
  check(ctx) {
    if (ctx.setting('ssl')?.value !== true) return;
    const min = ctx.setting('ssl_min_protocol_version');
    if (typeof min?.value === 'string' && min.value.toLowerCase() === 'tlsv1.3') return;
    const s = ctx.setting('ssl_ciphers');
    if (!s || typeof s.value !== 'string') return;
    const allowMedium = ctx.options.allowMedium !== false;
    const only = Array.isArray(ctx.options.onlySuites) ? ctx.options.onlySuites.filter((x): x is string => typeof x === 'string') : [];
    const verdicts = judgeCiphers(s.value, allowMedium, only);
    const first = verdicts[0];
    if (!first) return;
    // Absent: the default list, judged only under stricter options (allowMedium false,
    // onlySuites), reported at the start of postgresql.conf.
    const at = s.loc ?? ctx.clusterLoc();
    if (!at) return;
    const offsets = s.assignment ? valueOffsets(s.assignment.line) : undefined;
    const locOf = (t: Token): Loc =>
      offsets && s.loc ? { file: s.loc.file, start: s.loc.start + offsets[t.start]!, end: s.loc.start + offsets[t.end - 1]! + 1 } : at;
    const weak = new Map<string, Weakness>();
    for (const v of verdicts) for (const w of v.weaknesses) weak.set(w.key, w);
    const outside = verdicts.filter((v) => v.outside).map((v) => `'${v.token.text}'`);
    const parts: string[] = [];
    if (weak.size > 0) parts.push(`enables ${list([...weak.values()].map((w) => w.what))}`);
    if (outside.length > 0) parts.push(`adds ${outside.join(', ')}, not among the allowed suites (onlySuites)`);
    const weakTokens = verdicts.filter((v) => v.weaknesses.length > 0).map((v) => `'${v.token.text}'`);
    const via = weakTokens.length > 0 ? ` (through ${weakTokens.join(', ')})` : '';
    ctx.report({
      loc: locOf(first.token),
      message: `${s.assignment ? `ssl_ciphers = ${s.assignment.line.raw}` : `ssl_ciphers (not set; the default is '${s.canonical}')`} ${parts.join(', and ')}${via}`,
      help:
        only.length > 0
          ? `List only the allowed suites, e.g. ssl_ciphers = '${only.slice(0, 4).join(':')}'.`
          : allowMedium
            ? "Remove those cipher strings, or end the list with exclusions (:!aNULL:!eNULL:!EXP:!LOW:!RC4:!MD5); the server default ssl_ciphers = 'HIGH:MEDIUM:+3DES:!aNULL' is fine."
            : "Use ssl_ciphers = 'HIGH:!aNULL:!eNULL' (no MEDIUM suites), or list forward-secret suites explicitly.",
      related: (s.loc ? verdicts.slice(1) : []).map((v) => ({ message: `'${v.token.text}' ${v.weaknesses.length > 0 ? 'enables weak suites' : 'is not an allowed suite'}`, loc: locOf(v.token) })),
    });
  },
});
