import { defineRule } from '../src/linter/rule.js';
import { boundQuote } from '../src/linter/redact.js';
import { foldName } from '../src/catalog/catalog.js';
import type { ConfValue } from '../src/parse/conf-ast.js';
import type { Loc } from '../src/types.js';

/**
 * libpq connection strings, parsed as libpq parses them (src/interfaces/libpq/fe-connect.c:
 * parse_connection_string → conninfo_parse for `key=value` strings, conninfo_uri_parse for
 * `postgresql://` and `postgres://` URIs). Every value keeps where it is written in the string, so
 * that a finding can point at it.
 */

export interface ConninfoPair {
  /** The keyword as libpq stores it (requiressl and the URI's ssl=true already mapped to sslmode). */
  key: string;
  /** The value as libpq stores it (unescaped, percent-decoded). */
  value: string;
  /** The value as written: [start, end) in the string (without the quotes of a quoted value). */
  start: number;
  end: number;
}

export type ConninfoResult = { ok: true; form: 'keyword' | 'uri'; pairs: ConninfoPair[] } | { ok: false; error: string };

// libpq's isspace() in the C locale.
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';

/** uri_prefix_length: the two URI designators. */
export function uriPrefixLength(s: string): number {
  if (s.startsWith('postgresql://')) return 'postgresql://'.length;
  if (s.startsWith('postgres://')) return 'postgres://'.length;
  return 0;
}

/**
 * conninfo_storeval's compatibility mapping: requiressl=1… is sslmode=require, any other value
 * sslmode=prefer (the value's first character decides).
 */
function store(pairs: ConninfoPair[], key: string, value: string, start: number, end: number): void {
  if (key === 'requiressl') pairs.push({ key: 'sslmode', value: value.startsWith('1') ? 'require' : 'prefer', start, end });
  else pairs.push({ key, value, start, end });
}

export function parseConninfo(s: string): ConninfoResult {
  return uriPrefixLength(s) ? parseUri(s) : parseKeywords(s);
}

/** conninfo_parse. */
function parseKeywords(s: string): ConninfoResult {
  const pairs: ConninfoPair[] = [];
  let i = 0;
  while (i < s.length) {
    if (isSpace(s[i])) {
      i++;
      continue;
    }
    // The name runs to '=' or to white space, after which only white space may precede the '='.
    const nameStart = i;
    while (i < s.length && s[i] !== '=' && !isSpace(s[i])) i++;
    const name = s.slice(nameStart, i);
    while (i < s.length && isSpace(s[i])) i++;
    if (s[i] !== '=') return { ok: false, error: `missing "=" after "${name}" in connection info string` };
    i++;
    while (i < s.length && isSpace(s[i])) i++;
    let value = '';
    let start: number;
    let end: number;
    if (s[i] !== "'") {
      // Unquoted: up to white space; a backslash takes the next character literally.
      start = i;
      while (i < s.length && !isSpace(s[i])) {
        if (s[i] === '\\') {
          i++;
          if (i < s.length) value += s[i++];
        } else value += s[i++];
      }
      end = i;
    } else {
      i++;
      start = i;
      for (;;) {
        if (i >= s.length) return { ok: false, error: 'unterminated quoted string in connection info string' };
        if (s[i] === '\\') {
          i++;
          if (i < s.length) value += s[i++];
          continue;
        }
        if (s[i] === "'") break;
        value += s[i++];
      }
      end = i;
      i++;
    }
    store(pairs, name, value, start, end);
  }
  return { ok: true, form: 'keyword', pairs };
}

/** conninfo_uri_decode: %xy (either case); %00 and a malformed token are errors. */
function uriDecode(s: string): string | null {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '%') {
      out += s[i];
      continue;
    }
    const hex = s.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return null;
    const c = parseInt(hex, 16);
    if (c === 0) return null;
    out += String.fromCharCode(c);
    i += 2;
  }
  return out;
}

/**
 * conninfo_uri_parse_options: postgresql://[user[:password]@][netloc][:port][,...][/dbname][?param=value&...].
 * Only what rules need is kept: user, host (the netlocs joined by commas, as libpq does), dbname
 * and the query parameters.
 */
function parseUri(s: string): ConninfoResult {
  const pairs: ConninfoPair[] = [];
  let p = uriPrefixLength(s);
  const decoded = (from: number, to: number): string | null => uriDecode(s.slice(from, to));
  const add = (key: string, from: number, to: number): ConninfoResult | undefined => {
    if (from === to) return undefined;
    const v = decoded(from, to);
    if (v === null) return { ok: false, error: `invalid percent-encoded token: "${s.slice(from, to)}"` };
    store(pairs, key, v, from, to);
    return undefined;
  };
  // User info: up to an '@' that comes before any '/'.
  let q = p;
  while (q < s.length && s[q] !== '@' && s[q] !== '/') q++;
  if (s[q] === '@') {
    let u = p;
    while (s[u] !== ':' && s[u] !== '@') u++;
    const bad = add('user', p, u) ?? (s[u] === ':' ? add('password', u + 1, q) : undefined);
    if (bad) return bad;
    p = q + 1;
  }
  const hosts: string[] = [];
  let hostStart = p;
  let prev = '';
  for (;;) {
    let host: string;
    if (s[p] === '[') {
      const open = ++p;
      while (p < s.length && s[p] !== ']') p++;
      if (p >= s.length) return { ok: false, error: 'end of string reached when looking for matching "]" in IPv6 host address in URI' };
      if (p === open) return { ok: false, error: 'IPv6 host address may not be empty in URI' };
      host = s.slice(open, p);
      p++;
      if (p < s.length && !':/?,'.includes(s[p]!)) return { ok: false, error: `unexpected character "${s[p]}" in URI (expected ":" or "/")` };
    } else {
      const h = p;
      while (p < s.length && !':/?,'.includes(s[p]!)) p++;
      host = s.slice(h, p);
    }
    hosts.push(host);
    prev = s[p] ?? '';
    if (prev === ':') {
      p++;
      while (p < s.length && !'/?,'.includes(s[p]!)) p++;
      prev = s[p] ?? '';
    }
    if (prev !== ',') break;
    p++;
  }
  if (hosts.join(',') !== '') {
    const v = uriDecode(hosts.join(','));
    if (v === null) return { ok: false, error: 'invalid percent-encoded token in the host' };
    pairs.push({ key: 'host', value: v, start: hostStart, end: p });
  }
  hostStart = p;
  if (prev !== '' && prev !== '?') {
    const db = ++p;
    while (p < s.length && s[p] !== '?') p++;
    const bad = add('dbname', db, p);
    if (bad) return bad;
    prev = s[p] ?? '';
  }
  if (prev !== '') {
    p++;
    // conninfo_uri_parse_params: key=value pairs separated by '&'.
    while (p < s.length) {
      const keyStart = p;
      let eq = -1;
      while (p < s.length && s[p] !== '&') {
        if (s[p] === '=') {
          if (eq !== -1) return { ok: false, error: `extra key/value separator "=" in URI query parameter: "${s.slice(keyStart, p)}"` };
          eq = p;
        }
        p++;
      }
      if (eq === -1) return { ok: false, error: `missing key/value separator "=" in URI query parameter: "${s.slice(keyStart, p)}"` };
      const key = decoded(keyStart, eq);
      const value = decoded(eq + 1, p);
      if (key === null || value === null) return { ok: false, error: `invalid percent-encoded token: "${s.slice(keyStart, p)}"` };
      // "Special keyword handling for improved JDBC compatibility."
      if (key === 'ssl' && value === 'true') pairs.push({ key: 'sslmode', value: 'require', start: eq + 1, end: p });
      else store(pairs, key, value, eq + 1, p);
      if (s[p] === '&') p++;
    }
  }
  return { ok: true, form: 'uri', pairs };
}

/** The last value of `key` (libpq keeps the last), with its position. */
export function lastPair(pairs: readonly ConninfoPair[], key: string): ConninfoPair | undefined {
  for (let i = pairs.length - 1; i >= 0; i--) if (pairs[i]!.key === key) return pairs[i];
  return undefined;
}

/**
 * Where each character of a string token's value is written in the file: index i of the value is
 * at raw offset map[i] (relative to the token's start); map[value.length] is the closing quote.
 * Undefined when the value cannot be mapped one character to one position (an octal escape can
 * make bytes that decode into fewer characters): findings then point at the whole value.
 */
export function valueOffsets(v: ConfValue): number[] | undefined {
  if (v.token !== 'string') return v.raw === v.value ? [...Array(v.value.length + 1).keys()] : undefined;
  const raw = v.raw;
  const map: number[] = [];
  let out = '';
  const ESC: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  for (let i = 1; i < raw.length - 1; i++) {
    const c = raw[i]!;
    map.push(i);
    if (c === '\\') {
      const e = raw[i + 1];
      if (e === undefined || (e >= '0' && e <= '7')) return undefined;
      out += ESC[e] ?? e;
      i++;
    } else if (c === "'" && raw[i + 1] === "'") {
      out += "'";
      i++;
    } else out += c;
  }
  map.push(raw.length - 1);
  return out === v.value ? map : undefined;
}

/** A host that only reaches this machine: a Unix-domain socket directory (or abstract socket), localhost, loopback. */
function isLocalHost(h: string): boolean {
  const x = h.trim().toLowerCase();
  return x === '' || x.startsWith('/') || x.startsWith('@') || x === 'localhost' || x === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(x);
}

/** `at`: the sslmode as written, else the host the connection goes to (where a finding points). */
type Verdict = { sslmode: string; written: boolean; at: ConninfoPair };

/**
 * The sslmode the walreceiver's libpq ends up with, as far as the string decides; undefined when it
 * is not decided here (a service file may set it) or the string does not reach another host.
 */
export function conninfoVerdict(text: string, major: number): Verdict | undefined {
  const parsed = parseConninfo(text);
  if (!parsed.ok) return undefined; // the standby cannot connect at all: a different problem
  const { pairs } = parsed;
  // The address connected to is hostaddr when given (host is then only the name for TLS and
  // passwords); without either, libpq uses the Unix-domain socket (or PGHOST from the environment).
  const hostaddr = lastPair(pairs, 'hostaddr');
  const host = hostaddr ?? lastPair(pairs, 'host');
  if (!host || host.value.split(',').every(isLocalHost)) return undefined;
  // GSSAPI encryption required: the stream is encrypted without TLS.
  if (lastPair(pairs, 'gssencmode')?.value === 'require') return undefined;
  const mode = lastPair(pairs, 'sslmode');
  if (mode) return { sslmode: mode.value, written: true, at: mode };
  // Not written: a service= entry of pg_service.conf may set it; else the compiled-in default,
  // prefer, or verify-full with sslrootcert=system (libpq 16+, conninfo_add_defaults).
  if (lastPair(pairs, 'service')) return undefined;
  if (major >= 16 && lastPair(pairs, 'sslrootcert')?.value === 'system') return { sslmode: 'verify-full', written: false, at: host };
  return { sslmode: 'prefer', written: false, at: host };
}

export default defineRule({
  name: 'replication-conninfo-insecure',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf', 'recovery.conf'],
  docs: () => ({
    summary: 'primary_conninfo lets the standby stream WAL without TLS (sslmode disable or allow) or with TLS only when offered (prefer, the default)',
    why:
      'A standby receives every change to every table of the primary through primary_conninfo: the WAL stream is ' +
      'a full copy of the data, password hashes included. With `sslmode=disable` it always travels in cleartext; ' +
      'with `allow` libpq tries cleartext first. Both are a warning. With `sslmode=prefer` — also what libpq uses ' +
      'when sslmode is not written at all — TLS is used only when the primary offers it and the certificate is ' +
      'never checked, so anyone on the network path can downgrade the connection or impersonate the primary; that ' +
      'is info. `require` encrypts, `verify-ca` and `verify-full` also authenticate the primary. The string is ' +
      'read as libpq reads it (`key=value` pairs with single quotes and backslash escapes, or a ' +
      '`postgresql://` URI with `?sslmode=` and the JDBC-style `ssl=true`; `requiressl=1` is `require`; the last ' +
      'value of a keyword wins), and the finding points at the sslmode value, or at the host when sslmode is not ' +
      'written. No finding when the connection ' +
      'cannot leave the machine (host or hostaddr only Unix-domain socket directories, `localhost` or loopback ' +
      'addresses, or no host at all, which is the socket), when `gssencmode=require` encrypts it with GSSAPI, when ' +
      '`service=` names a pg_service.conf entry that may set sslmode, when `sslrootcert=system` makes libpq 16+ ' +
      'default to verify-full, or when the string does not parse (the standby then cannot connect at all). The ' +
      'PGSSLMODE environment variable of the server process is not visible in files: set sslmode in the string. ' +
      'From PostgreSQL 12 primary_conninfo is a postgresql.conf parameter; for 11 and earlier the rule reads it ' +
      'from recovery.conf.',
    invalid: [
      "primary_conninfo = 'host=10.0.0.5 user=replicator sslmode=disable'",
      "primary_conninfo = 'postgresql://replicator@primary.db.internal:5432/postgres?sslmode=allow'",
    ],
    valid: [
      "primary_conninfo = 'host=primary.db.internal user=replicator sslmode=verify-full sslrootcert=/etc/postgresql/root.crt'",
      "primary_conninfo = 'host=/var/run/postgresql user=replicator'",
      "primary_conninfo = 'host=primary user=replicator sslmode=require'",
    ],
    references: [
      'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING',
      'https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-PROTECTION',
      'https://www.postgresql.org/docs/current/runtime-config-replication.html#GUC-PRIMARY-CONNINFO',
      'https://github.com/postgres/postgres/blob/master/src/interfaces/libpq/fe-connect.c',
    ],
    versions: 'all; primary_conninfo is in recovery.conf up to 11, in postgresql.conf from 12; sslrootcert=system 16+',
  }),
  check(ctx) {
    let target: { name: string; value: ConfValue; file: string } | undefined;
    if (ctx.major >= 12) {
      const s = ctx.setting('primary_conninfo');
      if (s?.assignment && typeof s.value === 'string') target = { name: s.assignment.line.name, value: s.assignment.line, file: s.assignment.file.path };
    } else if (ctx.cluster.recovery) {
      const rec = ctx.cluster.recovery;
      for (const l of rec.lines) {
        if (l.kind === 'setting' && foldName(l.name) === 'primary_conninfo') target = { name: l.name, value: l, file: rec.file.path };
      }
    }
    if (!target) return;
    const verdict = conninfoVerdict(target.value.value, ctx.major);
    if (!verdict) return;
    const mode = verdict.sslmode;
    if (mode !== 'disable' && mode !== 'allow' && mode !== 'prefer') return;
    const v = target.value;
    let loc: Loc = { file: target.file, start: v.valueStart, end: v.valueEnd };
    // At the sslmode value; without one, at the host the standby connects to (not the whole value,
    // where secret-in-config reports a password).
    const map = valueOffsets(v);
    if (map) loc = { file: target.file, start: v.valueStart + map[verdict.at.start]!, end: v.valueStart + map[verdict.at.end]! };
    const said = verdict.written ? `sslmode=${boundQuote(verdict.at.value, 20)}` : 'no sslmode (libpq defaults to prefer)';
    const name = boundQuote(target.name);
    const what =
      mode === 'disable'
        ? 'the standby streams WAL from the primary in cleartext'
        : mode === 'allow'
          ? 'the standby tries a cleartext connection to the primary first'
          : 'the standby uses TLS only if the primary offers it and never checks its certificate';
    const consequence =
      mode === 'prefer'
        ? 'anyone on the network path can downgrade the connection or pose as the primary and read every change'
        : 'anyone on the network path can read (and alter) every change to every table';
    ctx.report({
      loc,
      message: `${name} has ${said}: ${what}; ${consequence}`,
      help: 'Write sslmode=verify-full (with sslrootcert= the CA of the primary\'s certificate) in primary_conninfo — at least sslmode=require — and keep ssl = on on the primary.',
      ...(mode === 'prefer' ? { severity: 'info' as const } : {}),
    });
  },
});
