// pgbouncer.ini, read as pgbouncer reads it. Everything here follows pgbouncer's source at
// github.com/pgbouncer/pgbouncer commit 13a344f2625381296fc02e29b986a11be9c6b983 (1.25.x), cited as
// cfparser.c = lib/usual/cfparser.c (the INI grammar and the section/key loader), main.c =
// src/main.c (the [pgbouncer] parameters, their defaults and lookups), loader.c = src/loader.c
// (the [databases] connection strings), bouncer.h = include/bouncer.h.
//
// The `ini` package (the project's INI dependency) is not used to read the file: its grammar differs
// from pgbouncer's on almost every point that matters here, and pgbouncer is the judge. Each
// difference is handled below and pinned in test/carrier-pgbouncer.test.ts against `ini` itself:
// - comments: pgbouncer only at the start of a line (`;` or `#`); `ini` also cuts a value at a `;` or
//   `#` inside it, so `server_reset_query = ; x` or `password=abc#1` differ;
// - quotes: pgbouncer keeps them in the value (`'x'` is three characters); `ini` strips them;
// - keys: pgbouncer reads `[A-Za-z0-9_.*-]+` or one single-quoted key, then needs `=`; `ini` takes any
//   text before `=` (spaces inside), and `key[]` as an array;
// - `true`/`false`/`null` stay strings in pgbouncer; `ini` makes them booleans and null;
// - a repeated `[pgbouncer]` header resets every parameter to its default (cfparser.c fill_defaults);
//   `ini` merges the sections;
// - `[a.b]` is the section "a.b" (pgbouncer refuses it); `ini` nests it;
// - `%include FILE` includes a file (pgbouncer); `ini` reads a key "%include FILE";
// - a line without `=`: a syntax error that stops pgbouncer's loading; `ini` makes it a `true` key;
// - keys compare case-sensitively (strcmp) in both; pgbouncer's lookup values (auth_type, pool_mode,
//   the TLS modes) compare case-insensitively (cfparser.c cf_set_lookup: strcasecmp).
import type { SourceFile } from '../source/source.js';

/** One `key = value` line. Offsets are into the file's text. */
export interface IniEntry {
  /** The section it is in, as written (`pgbouncer`, `databases`, …); null before any section. */
  section: string | null;
  key: string;
  keyStart: number;
  keyEnd: number;
  /** The value: the rest of the line after `=` and blanks, trailing white space removed (cfparser.c). */
  value: string;
  valueStart: number;
  valueEnd: number;
}

export interface IniSection {
  name: string;
  /** The header `[name]`. */
  start: number;
  end: number;
}

/**
 * What pgbouncer refuses, each with where: every one of these makes pgbouncer stop loading the file
 * (it does not start, or a RELOAD fails and keeps the old configuration).
 */
export type PgbouncerProblemCode =
  | 'syntax' // cfparser.c syntax_error: a key without `=`, an unclosed `[` or quoted key
  | 'no-section' // a value before any section
  | 'unknown-section' // a section other than pgbouncer, databases, users, peers
  | 'unknown-parameter' // a [pgbouncer] key pgbouncer does not know
  | 'invalid-value' // a lookup (auth_type, pool_mode, TLS modes) or integer value it refuses
  | 'connstr' // a [databases] connection string it refuses
  | 'reserved-database' // a [databases] entry named pgbouncer (the admin console)
  | 'no-main-section'; // no [pgbouncer] section at all

export interface PgbouncerProblem {
  code: PgbouncerProblemCode;
  /** What pgbouncer says or does, in words (no text of the file beyond names it checks). */
  message: string;
  start: number;
  end: number;
}

/** A `key=value` of a [databases] connection string (loader.c cstr_get_pair), located in the file. */
export interface ConnPair {
  key: string;
  /** The value as pgbouncer stores it (a quoted value unquoted, `''` → `'`). */
  value: string;
  keyStart: number;
  keyEnd: number;
  /** The value as written, without its quotes. */
  valueStart: number;
  valueEnd: number;
}

export interface PgbouncerDatabase {
  /** The [databases] key: the name clients connect to (`*`: any other name). */
  name: string;
  entry: IniEntry;
  pairs: ConnPair[];
  /** The connection string could not be read by pgbouncer (then `pairs` holds what came before). */
  error?: string;
}

export interface PgbouncerInclude {
  path: string;
  start: number;
  end: number;
}

export interface PgbouncerIni {
  file: SourceFile;
  entries: IniEntry[];
  sections: IniSection[];
  /** `%include` lines: not followed (pgbouncer opens the path relative to its working directory). */
  includes: PgbouncerInclude[];
  /**
   * Comment lines (`#` or `;` first on the line, as pgbouncer reads them), for pgconf-lint's own
   * directives (`# pgconf-lint disable-next-line RULE -- reason`); `text` runs to the end of the line.
   */
  comments: { start: number; text: string }[];
  problems: PgbouncerProblem[];
  /**
   * The [pgbouncer] parameters in effect at the end of the file, by name: the last assignment since
   * the last `[pgbouncer]` header (each header resets them to their defaults).
   */
  settings: Map<string, IniEntry>;
  /** [databases] entries, the last definition of each name. */
  databases: PgbouncerDatabase[];
}

/** cfparser.c parse_ini_file_internal uses isspace() (C locale) and isblank(). */
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
/** The characters of an unquoted key: isalnum() in the C locale and `_.-*`. */
const isKeyChar = (c: string): boolean => /[A-Za-z0-9_.\-*]/.test(c);

/** The sections pgbouncer knows (main.c config_sects); names compare with strcmp. */
export const PGBOUNCER_SECTIONS: readonly string[] = ['pgbouncer', 'databases', 'users', 'peers'];

type ParamType = 'str' | 'int' | 'uint' | 'time' | 'lookup';

/** main.c bouncer_params: name → type and default (pgbouncer 1.25), lookups with their values. */
const LOOKUPS: Readonly<Record<string, readonly string[]>> = {
  auth_type: ['any', 'trust', 'plain', 'md5', 'cert', 'hba', 'ldap', 'pam', 'scram-sha-256'],
  pool_mode: ['session', 'transaction', 'statement'],
  client_tls_sslmode: ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'],
  server_tls_sslmode: ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'],
};

export const PGBOUNCER_PARAMS: ReadonlyMap<string, { type: ParamType; def: string | null }> = new Map<string, { type: ParamType; def: string | null }>([
  ['admin_users', { type: 'str', def: '' }],
  ['application_name_add_host', { type: 'int', def: '0' }],
  ['auth_dbname', { type: 'str', def: null }],
  ['auth_file', { type: 'str', def: null }],
  ['auth_hba_file', { type: 'str', def: '' }],
  ['auth_ident_file', { type: 'str', def: null }],
  ['auth_ldap_options', { type: 'str', def: null }],
  ['auth_query', { type: 'str', def: null }],
  ['auth_type', { type: 'lookup', def: 'md5' }],
  ['auth_user', { type: 'str', def: null }],
  ['autodb_idle_timeout', { type: 'time', def: '3600' }],
  ['cancel_wait_timeout', { type: 'time', def: '10' }],
  ['client_idle_timeout', { type: 'time', def: '0' }],
  ['client_login_timeout', { type: 'time', def: '60' }],
  ['client_tls13_ciphers', { type: 'str', def: null }],
  ['client_tls_ca_file', { type: 'str', def: '' }],
  ['client_tls_cert_file', { type: 'str', def: '' }],
  ['client_tls_ciphers', { type: 'str', def: 'default' }],
  ['client_tls_dheparams', { type: 'str', def: 'auto' }],
  ['client_tls_ecdhcurve', { type: 'str', def: 'auto' }],
  ['client_tls_key_file', { type: 'str', def: '' }],
  ['client_tls_protocols', { type: 'str', def: 'secure' }],
  ['client_tls_sslmode', { type: 'lookup', def: 'disable' }],
  ['conffile', { type: 'str', def: null }],
  ['default_pool_size', { type: 'int', def: '20' }],
  ['disable_pqexec', { type: 'int', def: '0' }],
  ['dns_max_ttl', { type: 'time', def: '15' }],
  ['dns_nxdomain_ttl', { type: 'time', def: '15' }],
  ['dns_zone_check_period', { type: 'time', def: '0' }],
  ['idle_transaction_timeout', { type: 'time', def: '0' }],
  ['ignore_startup_parameters', { type: 'str', def: '' }],
  ['job_name', { type: 'str', def: 'pgbouncer' }],
  ['listen_addr', { type: 'str', def: '' }],
  ['listen_backlog', { type: 'int', def: '128' }],
  ['listen_port', { type: 'int', def: '6432' }],
  ['log_connections', { type: 'int', def: '1' }],
  ['log_disconnections', { type: 'int', def: '1' }],
  ['log_pooler_errors', { type: 'int', def: '1' }],
  ['log_stats', { type: 'int', def: '1' }],
  ['logfile', { type: 'str', def: '' }],
  ['login_notify_message', { type: 'str', def: '' }],
  ['max_client_conn', { type: 'int', def: '100' }],
  ['max_db_client_connections', { type: 'int', def: '0' }],
  ['max_db_connections', { type: 'int', def: '0' }],
  ['max_packet_size', { type: 'uint', def: '2147483647' }],
  ['max_prepared_statements', { type: 'int', def: '200' }],
  ['max_user_client_connections', { type: 'int', def: '0' }],
  ['max_user_connections', { type: 'int', def: '0' }],
  ['min_pool_size', { type: 'int', def: '0' }],
  ['peer_id', { type: 'int', def: '0' }],
  ['pidfile', { type: 'str', def: '' }],
  ['pkt_buf', { type: 'int', def: '4096' }],
  ['pool_mode', { type: 'lookup', def: 'session' }],
  ['pool_idle_timeout', { type: 'time', def: '0' }],
  ['query_timeout', { type: 'time', def: '0' }],
  ['query_wait_notify', { type: 'int', def: '5' }],
  ['query_wait_timeout', { type: 'time', def: '120' }],
  ['reserve_pool_size', { type: 'int', def: '0' }],
  ['reserve_pool_timeout', { type: 'time', def: '5' }],
  ['resolv_conf', { type: 'str', def: '' }],
  ['sbuf_loopcnt', { type: 'int', def: '5' }],
  ['scram_iterations', { type: 'int', def: null }],
  ['server_check_delay', { type: 'time', def: '30' }],
  ['server_check_query', { type: 'str', def: '<empty>' }],
  ['server_connect_timeout', { type: 'time', def: '15' }],
  ['server_fast_close', { type: 'int', def: '0' }],
  ['server_idle_timeout', { type: 'time', def: '600' }],
  ['server_lifetime', { type: 'time', def: '3600' }],
  ['server_login_retry', { type: 'time', def: '15' }],
  ['server_reset_query', { type: 'str', def: 'DISCARD ALL' }],
  ['server_reset_query_always', { type: 'int', def: '0' }],
  ['server_round_robin', { type: 'int', def: '0' }],
  ['server_tls13_ciphers', { type: 'str', def: null }],
  ['server_tls_ca_file', { type: 'str', def: '' }],
  ['server_tls_cert_file', { type: 'str', def: '' }],
  ['server_tls_ciphers', { type: 'str', def: 'default' }],
  ['server_tls_key_file', { type: 'str', def: '' }],
  ['server_tls_protocols', { type: 'str', def: 'secure' }],
  ['server_tls_sslmode', { type: 'lookup', def: 'prefer' }],
  ['service_name', { type: 'str', def: null }],
  ['so_reuseport', { type: 'int', def: '0' }],
  ['stats_period', { type: 'int', def: '60' }],
  ['stats_users', { type: 'str', def: '' }],
  ['suspend_timeout', { type: 'time', def: '10' }],
  ['syslog', { type: 'int', def: '0' }],
  ['syslog_facility', { type: 'str', def: 'daemon' }],
  ['syslog_ident', { type: 'str', def: 'pgbouncer' }],
  ['tcp_defer_accept', { type: 'str', def: null }],
  ['tcp_keepalive', { type: 'int', def: '1' }],
  ['tcp_keepcnt', { type: 'int', def: '0' }],
  ['tcp_keepidle', { type: 'int', def: '0' }],
  ['tcp_keepintvl', { type: 'int', def: '0' }],
  ['tcp_socket_buffer', { type: 'int', def: '0' }],
  ['tcp_user_timeout', { type: 'int', def: '0' }],
  ['track_extra_parameters', { type: 'str', def: 'IntervalStyle' }],
  ['transaction_timeout', { type: 'time', def: '0' }],
  ['unix_socket_dir', { type: 'str', def: '/tmp' }],
  ['unix_socket_group', { type: 'str', def: '' }],
  ['unix_socket_mode', { type: 'int', def: '0777' }],
  ['user', { type: 'str', def: null }],
  ['verbose', { type: 'int', def: null }],
]);

/** loader.c parse_database: the keys a [databases] connection string may hold (any other is refused). */
export const CONNSTR_KEYS: readonly string[] = [
  'dbname', 'host', 'port', 'user', 'password', 'auth_user', 'auth_dbname', 'client_encoding', 'datestyle', 'timezone',
  'pool_size', 'min_pool_size', 'reserve_pool', 'reserve_pool_size', 'query_wait_timeout', 'max_db_connections',
  'max_db_client_connections', 'server_lifetime', 'load_balance_hosts', 'pool_mode', 'connect_query', 'application_name', 'auth_query',
];

/** A value a template engine or the shell fills in (`${X}`, `{{ x }}`): pgbouncer never sees it as written. */
export function isTemplated(v: string): boolean {
  return v.includes('${') || v.includes('{{') || v.includes('{%') || /^\$[A-Za-z_]/.test(v);
}

/** Bounded quoting of a name taken from the file, for messages. */
const shown = (s: string): string => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

/**
 * Reads pgbouncer.ini as cfparser.c parse_ini_file_internal and cf_load_file do, keeping where every
 * section, key and value is. Unlike pgbouncer it does not stop at the first problem: each is recorded
 * (pgbouncer would stop loading there) and reading goes on, so that the rest is still checked.
 * Linear in the file's length.
 */
export function parsePgbouncerIni(file: SourceFile): PgbouncerIni {
  const text = file.text;
  const n = text.length;
  const entries: IniEntry[] = [];
  const sections: IniSection[] = [];
  const includes: PgbouncerInclude[] = [];
  const comments: { start: number; text: string }[] = [];
  const problems: PgbouncerProblem[] = [];
  const settings = new Map<string, IniEntry>();
  const databases = new Map<string, PgbouncerDatabase>();
  let section: string | null = null;
  let sectionKnown = true;
  let sawMain = false;
  const problem = (code: PgbouncerProblemCode, message: string, start: number, end: number): void => {
    problems.push({ code, message, start, end: Math.max(start, end) });
  };
  const lineEnd = (from: number): number => {
    const nl = text.indexOf('\n', from);
    return nl === -1 ? n : nl;
  };

  let p = 0;
  while (p < n) {
    // space at the start of line - including empty lines
    while (p < n && isSpace(text[p])) p++;
    if (p >= n) break;
    if (text.startsWith('%include', p) && isBlank(text[p + 8])) {
      const start = p;
      let v = p + 8;
      while (v < n && isBlank(text[v])) v++;
      const end = lineEnd(v);
      let vend = end;
      while (vend > v && isSpace(text[vend - 1])) vend--;
      includes.push({ path: text.slice(v, vend), start, end: vend });
      p = end;
      continue;
    }
    const c = text[p]!;
    if (c === '#' || c === ';') {
      const end = lineEnd(p);
      comments.push({ start: p, text: text.slice(p, end).replace(/\r$/, '') });
      p = end;
      continue;
    }
    if (c === '[') {
      const start = p;
      let q = p + 1;
      while (q < n && text[q] !== ']' && text[q] !== '\n') q++;
      if (text[q] !== ']') {
        problem('syntax', 'a section header without its closing "]": pgbouncer stops loading the file here (syntax error)', start, q);
        p = q;
        continue;
      }
      const name = text.slice(start + 1, q);
      sections.push({ name, start, end: q + 1 });
      section = name;
      sectionKnown = PGBOUNCER_SECTIONS.includes(name);
      if (!sectionKnown) {
        problem('unknown-section', `pgbouncer knows no section [${name.length > 40 ? name.slice(0, 40) + '…' : name}] (only [pgbouncer], [databases], [users] and [peers]): it stops loading the file here`, start, q + 1);
      }
      // cfparser.c fill_defaults: entering [pgbouncer] sets every parameter to its default again.
      if (name === 'pgbouncer') {
        sawMain = true;
        settings.clear();
      }
      // The rest of the line is read on as if it began a line (cfparser.c continues after the `]`).
      p = q + 1;
      continue;
    }
    // read key val
    let keyStart: number;
    let keyEnd: number;
    let q = p;
    if (c === "'") {
      keyStart = ++q;
      while (q < n && text[q] !== "'") q++;
      if (q >= n || q === keyStart) {
        problem('syntax', 'a quoted key without its closing quote (or an empty one): pgbouncer stops loading the file here (syntax error)', p, lineEnd(p));
        p = lineEnd(p);
        continue;
      }
      keyEnd = q;
      q++;
    } else {
      keyStart = q;
      while (q < n && isKeyChar(text[q]!)) q++;
      keyEnd = q;
    }
    while (q < n && isBlank(text[q])) q++;
    if (text[q] !== '=') {
      const end = lineEnd(p);
      problem('syntax', 'a line that is not "key = value": pgbouncer stops loading the file here (syntax error)', p, end);
      p = end;
      continue;
    }
    q++;
    while (q < n && isBlank(text[q])) q++;
    const valueStart = q;
    const end = lineEnd(q);
    let valueEnd = end;
    while (valueEnd > valueStart && isSpace(text[valueEnd - 1])) valueEnd--;
    const entry: IniEntry = { section, key: text.slice(keyStart, keyEnd), keyStart, keyEnd, value: text.slice(valueStart, valueEnd), valueStart, valueEnd };
    entries.push(entry);
    p = end;
    if (section === null) {
      problem('no-section', `"${entry.key}" comes before any section: pgbouncer stops loading the file here`, keyStart, valueEnd);
      continue;
    }
    if (!sectionKnown) continue;
    if (section === 'pgbouncer') setParameter(entry, settings, problem);
    else if (section === 'databases') {
      if (entry.key === 'pgbouncer') problem('reserved-database', 'the database name "pgbouncer" is reserved for the admin console: pgbouncer refuses the entry and stops loading the file', keyStart, keyEnd);
      const db = parseDatabase(entry);
      if (db.error !== undefined) problem('connstr', `pgbouncer cannot read the connection string of [databases] ${shown(entry.key)} (${db.error}) and stops loading the file`, db.errorAt ?? valueStart, db.errorEnd ?? valueEnd);
      databases.delete(entry.key);
      databases.set(entry.key, db.db);
    }
  }
  if (!sawMain) problem('no-main-section', 'no [pgbouncer] section: pgbouncer refuses to load the file (main section missing)', 0, 0);
  return { file, entries, sections, includes, comments, problems, settings, databases: [...databases.values()] };
}

/** cf_set for the [pgbouncer] section: the key must be known, a lookup or integer value valid. */
function setParameter(entry: IniEntry, settings: Map<string, IniEntry>, problem: (code: PgbouncerProblemCode, message: string, start: number, end: number) => void): void {
  const def = PGBOUNCER_PARAMS.get(entry.key);
  if (!def) {
    problem('unknown-parameter', `pgbouncer (1.25) knows no parameter ${shown(entry.key)} (names are case-sensitive): it stops loading the file here`, entry.keyStart, entry.keyEnd);
    return;
  }
  const v = entry.value;
  if (!isTemplated(v)) {
    if (def.type === 'lookup' && !LOOKUPS[entry.key]!.includes(v.toLowerCase())) {
      problem('invalid-value', `${entry.key} accepts ${LOOKUPS[entry.key]!.join(', ')}; pgbouncer refuses ${shown(v)} and stops loading the file`, entry.valueStart, entry.valueEnd);
      return;
    }
    // util.c cf_set_authdb: the admin console's name is reserved.
    if (entry.key === 'auth_dbname' && v === 'pgbouncer') {
      problem('invalid-value', 'auth_dbname cannot be the reserved admin console database "pgbouncer": pgbouncer refuses it and stops loading the file', entry.valueStart, entry.valueEnd);
      return;
    }
    if ((def.type === 'int' || def.type === 'uint') && cIntValue(v) === undefined) {
      problem('invalid-value', `${entry.key} takes an integer; pgbouncer refuses ${shown(v)} and stops loading the file`, entry.valueStart, entry.valueEnd);
      return;
    }
  }
  settings.delete(entry.key);
  settings.set(entry.key, entry);
}

/**
 * cfparser.c cf_set_int: strtol(value, &end, 0) with nothing after the number (leading white space
 * and a sign allowed; `0x` hex, a leading `0` octal). Undefined when pgbouncer refuses it.
 */
export function cIntValue(v: string): number | undefined {
  const m = /^[ \t\n\r\f\v]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(v);
  if (!m) return undefined;
  const digits = m[2]!;
  const n = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits.startsWith('0') ? parseInt(digits, 8) : Number(digits);
  return m[1] === '-' ? -n : n;
}

/** loader.c's atoi() of a connection-string number: leading digits, 0 when none. */
export function atoi(v: string): number {
  const m = /^[ \t\n\r\f\v]*([+-]?[0-9]+)/.exec(v);
  return m ? Number(m[1]) : 0;
}

/**
 * loader.c parse_database's reading of a connection string (cstr_get_pair): white space is only the
 * space character (bouncer.h cstr_skip_ws); a key runs to `=` or a space; a value is single-quoted
 * (`''` is a quote) or runs to the next space; an empty value, a missing `=` or an unknown key is
 * refused; `port` must be a non-zero number.
 */
function parseDatabase(entry: IniEntry): { db: PgbouncerDatabase; error?: string; errorAt?: number; errorEnd?: number } {
  const s = entry.value;
  const base = entry.valueStart;
  const pairs: ConnPair[] = [];
  const db: PgbouncerDatabase = { name: entry.key, entry, pairs };
  const fail = (error: string, at: number, end: number): { db: PgbouncerDatabase; error: string; errorAt: number; errorEnd: number } => {
    db.error = error;
    return { db, error, errorAt: base + at, errorEnd: base + end };
  };
  let i = 0;
  const skip = (): void => {
    while (i < s.length && s[i] === ' ') i++;
  };
  for (;;) {
    skip();
    if (i >= s.length) break;
    const keyStart = i;
    while (i < s.length && s[i] !== '=' && s[i] !== ' ') i++;
    const keyEnd = i;
    skip();
    if (s[i] !== '=' || keyEnd === keyStart) return fail('a parameter without "="', keyStart, keyEnd > keyStart ? keyEnd : Math.min(s.length, i + 1));
    i++;
    skip();
    let value: string;
    let vStart: number;
    let vEnd: number;
    if (s[i] === "'") {
      vStart = ++i;
      value = '';
      for (;;) {
        if (i >= s.length) return fail('an unterminated quoted value', vStart - 1, s.length);
        if (s[i] === "'") {
          if (s[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          break;
        }
        value += s[i++];
      }
      vEnd = i;
      i++;
    } else {
      vStart = i;
      while (i < s.length && s[i] !== ' ') i++;
      vEnd = i;
      value = s.slice(vStart, vEnd);
    }
    const key = s.slice(keyStart, keyEnd);
    if (value === '') return fail(`an empty value for ${shown(key)}`, keyStart, vEnd);
    pairs.push({ key, value, keyStart: base + keyStart, keyEnd: base + keyEnd, valueStart: base + vStart, valueEnd: base + vEnd });
    if (entry.key !== '*' && !isTemplated(key) && !CONNSTR_KEYS.includes(key)) {
      const hint = key === 'sslmode' ? ' (TLS to the server is server_tls_sslmode in [pgbouncer])' : '';
      return fail(`unrecognized connection parameter ${shown(key)}${hint}`, keyStart, keyEnd);
    }
    if (key === 'port' && !isTemplated(value) && atoi(value) === 0) return fail(`invalid port ${shown(value)}`, vStart, vEnd);
  }
  return { db };
}

/** The last pair of a key in a connection string (pgbouncer keeps the last value of a repeated key). */
export function connValue(db: PgbouncerDatabase, key: string): ConnPair | undefined {
  let found: ConnPair | undefined;
  for (const p of db.pairs) if (p.key === key) found = p;
  return found;
}

/** A [pgbouncer] parameter as pgbouncer runs with it: the file's value, else the default. */
export interface PgbouncerSetting {
  name: string;
  value: string;
  /** The assignment, when the file sets it. */
  entry?: IniEntry;
  /**
   * False when an `%include` (which pgbouncer reads and this does not) comes after the assignment, or
   * anywhere when the file does not set it: the value may be another one.
   */
  certain: boolean;
}

export function pgbouncerSetting(ini: PgbouncerIni, name: string): PgbouncerSetting | undefined {
  const def = PGBOUNCER_PARAMS.get(name);
  if (!def) return undefined;
  const entry = ini.settings.get(name);
  if (entry) return { name, value: entry.value, entry, certain: !ini.includes.some((i) => i.start > entry.valueStart) };
  return { name, value: def.def ?? '', certain: ini.includes.length === 0 };
}
