/**
 * Deterministic, seeded generators of differential cases. The catalog of a major only decides
 * *which* parameters and boundaries to try; what the answers are comes from the server alone.
 */
import type { Catalog, GucDef, Major } from '../../src/catalog/types.js';
import { MACHINE_DEPENDENT_PARAMS, UNEMULATED_CHECK_PARAMS } from '../../src/catalog/values.js';

/** mulberry32: small, fast, and the same sequence on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function shuffled<T>(r: () => number, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * Parameters the value generator leaves out, each for a stated reason (the summary prints them):
 * their values are judged by the server against its own machine, or PostgreSQL resolves them
 * against the server's cwd / data directory, so no file-only tool can predict the verdict.
 */
export const GENERATOR_EXCLUDED: Readonly<Record<string, string>> = {
  ...Object.fromEntries(MACHINE_DEPENDENT_PARAMS.map((p) => [p, 'MACHINE_DEPENDENT_PARAMS: checked against the server machine (locales, libraries, share/, ulimits)'])),
  ...Object.fromEntries(UNEMULATED_CHECK_PARAMS.map((p) => [p, 'UNEMULATED_CHECK_PARAMS: check hook not emulated by design'])),
  data_directory: 'overrides -D: the server then checks that directory on its disk',
  hba_file: 'a path the server resolves against its cwd',
  ident_file: 'a path the server resolves against its cwd',
  external_pid_file: 'a path the server writes at startup',
};

export interface GenConfCase {
  /** Stable id: the line itself (param and value as written). */
  id: string;
  param: string;
  /** The value exactly as written in the file. */
  value: string;
  /** Which value form this case exercises. */
  form: string;
}

const q = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

const MEMORY_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];
const TIME_UNITS = ['us', 'ms', 's', 'min', 'h', 'd'];
const isMemory = (u: string | null): boolean => u === 'B' || u === 'kB' || u === 'MB' || u === '8kB';
const isTime = (u: string | null): boolean => u === 'ms' || u === 's' || u === 'min';

type Form = { name: string; applies: (d: GucDef, major: Major) => boolean; values: (d: GucDef, r: () => number, major: Major) => string[] };

const inRange = (d: GucDef, r: () => number): number => {
  const lo = Math.max(d.min ?? 0, -1000);
  const hi = Math.min(d.max ?? 1000, lo + 5000);
  return Math.floor(lo + r() * (hi - lo + 1));
};

const INT_FORMS: Form[] = [
  { name: 'int-bounds', applies: (d) => d.type === 'integer', values: (d) => [String(d.min), String(d.max)] },
  {
    name: 'int-outside',
    applies: (d) => d.type === 'integer',
    values: (d) => [String((d.min ?? 0) - 1), String((d.max ?? 0) + 1)],
  },
  { name: 'int-hex', applies: (d) => d.type === 'integer', values: (d, r) => [`0x${Math.abs(inRange(d, r)).toString(16)}`, '0x40B', '0x8MB'] },
  { name: 'int-octal', applies: (d) => d.type === 'integer', values: (d, r) => [`0${Math.abs(inRange(d, r)).toString(8)}`, '08', '0', '00'] },
  { name: 'int-sign', applies: (d) => d.type === 'integer', values: (d, r) => [`+${Math.abs(inRange(d, r))}`, '-1', '-0', q('- 5')] },
  { name: 'int-spaces', applies: (d) => d.type === 'integer', values: (d, r) => [q(` ${inRange(d, r)} `), q(`\t${inRange(d, r)}`)] },
  {
    name: 'int-fraction',
    applies: (d) => d.type === 'integer',
    values: (d, r) => [`${inRange(d, r)}.5`, q(`${inRange(d, r)}.4`), '.5', q('1e3'), '1.5e2', '1e3', q('1E-2'), '0.5'],
  },
  { name: 'int-special', applies: (d) => d.type === 'integer', values: () => [q('inf'), q('nan'), "''", 'abc', q('12abc'), '3000000000', q('-3000000000'), q('1e10'), '1_000', '.'] },
  { name: 'int-unit-on-unitless', applies: (d) => d.type === 'integer' && d.unit === null, values: () => ['100kB', q('5 s')] },
  {
    name: 'unit-each',
    applies: (d) => d.type === 'integer' && d.unit !== null,
    values: (d, r) => (isMemory(d.unit) ? MEMORY_UNITS : TIME_UNITS).map((u) => `${1 + Math.floor(r() * 64)}${u}`),
  },
  {
    name: 'unit-case',
    applies: (d) => (d.type === 'integer' || d.type === 'real') && d.unit !== null,
    values: (d) => (isMemory(d.unit) ? ['8mb', '8KB', '8kb', '8Mb', '1gb', '8K'] : ['5MIN', '5m', '300sec', '5S', '1H', '2D', '10MS']),
  },
  {
    name: 'unit-space',
    applies: (d) => (d.type === 'integer' || d.type === 'real') && d.unit !== null,
    values: (d) => (isMemory(d.unit) ? [q('8 MB'), q(' 8MB '), '8 MB', q('8MB x'), q('8MBs')] : [q('5 min'), q(' 30s '), '30 s', q('30s s')]),
  },
  {
    name: 'unit-fraction',
    applies: (d) => (d.type === 'integer' || d.type === 'real') && d.unit !== null,
    values: (d) =>
      isMemory(d.unit)
        ? [q('1.5MB'), q('30.1GB'), q('64.5kB'), q('65.5kB'), q('0.5GB'), q('100000B'), q('1e3kB'), q('-1MB')]
        : [q('1.5s'), q('30.5s'), q('1500us'), q('0.5ms'), q('0.5min'), q('1e1s'), q('-1s'), q('2.5h')],
  },
  {
    name: 'unit-foreign',
    applies: (d) => (d.type === 'integer' || d.type === 'real') && d.unit !== null,
    values: (d) => (isMemory(d.unit) ? ['5min', '10s'] : ['5MB', '8kB']),
  },
  { name: 'unit-bounds', applies: (d) => d.type === 'integer' && isTime(d.unit), values: (d) => [`${d.max}${d.unit}`, '1d', '25d', '2147483647s'] },
  { name: 'unit-bounds', applies: (d) => d.type === 'integer' && isMemory(d.unit), values: (d) => [`${d.max}${d.unit}`, '1TB', '2TB', '16TB'] },
  {
    name: 'real-forms',
    applies: (d) => d.type === 'real',
    values: (d) => [String(d.min), String(d.max), '.5', '5.', '-.5', '1.5E1', '.', q('1e-3'), '-1', '1.0e400', q('1e-320')],
  },
  { name: 'real-special', applies: (d) => d.type === 'real', values: () => [q('inf'), q('-inf'), q('infinity'), q('nan'), q('NaN'), q('0x1p3'), "''", 'abc', '0x10', '010', q(' 0.25 ')] },
  { name: 'real-units', applies: (d) => d.type === 'real' && d.unit !== null, values: () => [q('0.5ms'), q('100us'), q('1s'), q('2min'), q('0.001h')] },
];

const BOOL_VALUES = ['on', 'off', 'true', 'false', 'yes', 'no', '1', '0', 'of', 'tru', 'Y', 't', 'f', 'o', '2', '00', 'truex', q(' on'), "''", 'ON', 'TrUe', 'enable', 'ye', 'n', q('off '), q('OFF'), 'nO'];

const BOOL_FORMS: Form[] = [{ name: 'bool', applies: (d) => d.type === 'bool', values: () => BOOL_VALUES }];

const ENUM_FORMS: Form[] = [
  { name: 'enum-listed', applies: (d) => d.type === 'enum', values: (d, r) => [pick(r, d.enumValues), pick(r, d.enumValues).toUpperCase()] },
  { name: 'enum-alias', applies: (d) => d.type === 'enum' && Object.keys(d.enumAliases).length > 0, values: (d) => Object.keys(d.enumAliases).map((a) => (/^[a-z_][a-z0-9_]*$/.test(a) ? a : q(a))) },
  {
    name: 'enum-bad',
    applies: (d) => d.type === 'enum',
    values: (d, r) => {
      const v = pick(r, d.enumValues);
      return [q(v + ' '), q(' ' + v), v.length > 3 ? v.slice(0, 3) : v + 'x', 'bogus', "''", 'on', '1'];
    },
  },
];

/** Values for string parameters whose check hook runs when the file is read. */
const STRING_HOOK_VALUES: Record<string, string[]> = {
  timezone: ['UTC', q('Europe/Berlin'), q('europe/berlin'), q('Mars/Olympus'), 'EST5EDT', q('+3'), q('-14'), q('200'), q('UTC+3'), q('<+03>-3'), 'GMT', q('Etc/GMT-14'), q('America/New_York'), "''", q('PST8PDT,M3.2.0,M11.1.0')],
  log_timezone: ['UTC', q('Asia/Tokyo'), q('Nowhere/Land'), q('+5.5'), 'EST5EDT'],
  log_destination: ['stderr', q('stderr,csvlog'), q('stderr,bogus'), 'jsonlog', 'STDERR', "''", q('stderr,'), q('syslog, csvlog'), q('"stderr"')],
  datestyle: [q('ISO, MDY'), 'German', q('SQL, DMY'), q('iso, ymd'), q('Postgres, European'), 'bogus', q('ISO, SQL'), 'default', q('DMY, MDY'), q('sql,'), "''"],
  search_path: [q('"$user", public'), q('public,foo'), q('"unterminated'), "''", q('a, , b'), q('Public')],
  temp_tablespaces: [q('a,b'), q('"x'), "''"],
  application_name: [q('x'.repeat(80)), q('caf\u00e9'), q('tab\there'), q('\\001bell'), 'my-app', 'a.b.c', q('é'.repeat(40))],
  cluster_name: [q('main'), q('c'.repeat(70)), q('\u00fcber'), q('ctl\\177')],
  primary_slot_name: ['slot_1', q('Bad-Name'), "''", q('s'.repeat(70))],
  wal_consistency_checking: ['all', q('heap,btree'), 'bogus', q('Heap'), q('heap,')],
  log_connections: ['on', q('receipt,authorization'), q('on,receipt'), 'bogus', 'all', 'yes', "''", q('setup_durations')],
  role: ['none', 'postgres', "''"],
  session_authorization: ['postgres', "''"],
  config_file: [q('other.conf')],
  default_with_oids: ['on', 'off'],
};

const GENERIC_STRINGS = [q("it''s"), q("it\\'s"), q('\\101\\102'), q('a\\nb'), q('x41\\x41'), q('#notacomment'), 'my-app', 'a.b.c', 'a.b', q('caf\u00e9'), 'caf\u00e9', "''", q('  padded  '), q('back\\\\slash'), '/tmp', q('/tmp/x'), '"dq"'];

function stringValues(d: GucDef, r: () => number): string[] {
  const hook = STRING_HOOK_VALUES[d.name.toLowerCase()];
  return hook ?? [pick(r, GENERIC_STRINGS), pick(r, GENERIC_STRINGS)];
}

/**
 * A few hundred single-assignment cases for one major: every value form against a seeded sample
 * of the parameters it applies to, plus every string parameter with a check hook.
 */
export function generateConfCases(catalog: Catalog, seed: number, perForm = 4): GenConfCase[] {
  const r = rng(seed);
  const params = [...catalog.params.values()]
    .filter((d) => !(d.name.toLowerCase() in GENERATOR_EXCLUDED))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const out = new Map<string, GenConfCase>();
  const add = (d: GucDef, value: string, form: string): void => {
    // Alternate the spelling of the name now and then: names are case-insensitive.
    const name = r() < 0.15 ? d.name.toUpperCase() : d.name;
    const id = `${name} = ${value}`;
    if (!out.has(id)) out.set(id, { id, param: d.name.toLowerCase(), value, form });
  };
  for (const form of [...INT_FORMS, ...BOOL_FORMS, ...ENUM_FORMS]) {
    const applicable = params.filter((d) => form.applies(d, catalog.major));
    for (const d of shuffled(r, applicable).slice(0, perForm)) {
      const values = form.values(d, r, catalog.major);
      // Two values of each form per parameter keeps the batch at a few hundred.
      for (const v of shuffled(r, values).slice(0, form.name === 'bool' ? 6 : 3)) add(d, v, form.name);
    }
  }
  // Every enum gets one listed value, every string parameter one or more values.
  for (const d of params) {
    if (d.type === 'enum') add(d, pick(r, d.enumValues), 'enum-each');
    if (d.type === 'string') for (const v of stringValues(d, r)) add(d, v, d.name.toLowerCase() in STRING_HOOK_VALUES ? 'string-hook' : 'string');
  }
  return [...out.values()];
}

// ---- pg_hba.conf lines

export interface GenHbaLine {
  /** Stable id: the line itself. */
  id: string;
  line: string;
}

const CONN = ['local', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc', 'LOCAL', '"host"', 'hosts'];
const DBS = ['all', 'sameuser', 'samerole', 'samegroup', 'replication', 'db1', '"all"', 'db1,db2', 'db1, db2', '"db 1"', '/^db\\d+$', '"/^q"', 'ALL', '"replication"', 'a,"b c",d', '/^(x', '+grp'];
const USERS = ['all', '+admins', '"+admins"', 'u1,u2', '/^u', '"quoted user"', 'postgres', '"all"', 'all,+g', '/x(', 'u1,/^v'];
const ADDRS = [
  '10.0.0.0/8', '10.1.2.3/8', '0.0.0.0/0', '192.168.1.1/32', '10.0.0.0/33', '10.0.0.0/-1', '300.0.0.1/8', '::1/128', '::/0', '2001:DB8::/32',
  'fe80::1/64', '::ffff:10.0.0.1/128', '::1/129', 'samehost', 'samenet', 'all', '"all"', 'example.com', '.example.com', 'host/32', '10.0.0.1 255.255.255.255',
  '10.0.0.0 255.0.255.0', '10.0.0.0 ffff::', '::1 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '127.1/32', '1.2.3/24', '10.0.0.0 255.255.255.256', '0x7f.1/32', '[::1]/128', '10.0.0.0,10.0.0.1/32',
];
const METHODS = ['trust', 'reject', 'md5', 'password', 'scram-sha-256', 'ident', 'peer', 'pam', 'ldap', 'radius', 'cert', 'gss', 'sspi', 'bsd', 'oauth', 'crypt', 'Trust', 'md5,trust', '"trust"'];
const OPTIONS = [
  'map=m', 'clientcert=verify-full', 'clientcert=verify-ca', 'clientcert=1', 'clientcert=0', 'clientcert=no-verify', 'clientcert=bogus', 'clientname=CN', 'clientname=DN', 'clientname=x',
  'include_realm=0', 'krb_realm=EX.COM', 'radiusservers=127.0.0.1', 'radiussecrets=b', 'radiusports=1812', 'radiusservers="127.0.0.1,::1"', 'radiussecrets=s1,s2', 'radiusidentifiers=id',
  'ldapserver=x', 'ldapbasedn=dc=x', 'ldapprefix=cn=', 'pamservice=p', 'foo=bar', 'map', '=x', 'map=', 'issuer=https://x', 'scope=openid', 'validator=v', 'delegate_ident_mapping=1',
];

/** Seeded pg_hba.conf lines: each line is judged on its own row of pg_hba_file_rules. */
export function generateHbaLines(seed: number, count: number): GenHbaLine[] {
  const r = rng(seed);
  const out = new Map<string, GenHbaLine>();
  const sep = (): string => pick(r, [' ', '  ', '\t', ' \t ']);
  let guard = 0;
  while (out.size < count && guard++ < count * 20) {
    const conn = r() < 0.3 ? 'local' : pick(r, CONN);
    const fields = [conn, pick(r, DBS), pick(r, USERS)];
    if (conn !== 'local' || r() < 0.05) fields.push(pick(r, ADDRS));
    if (r() > 0.03) fields.push(pick(r, METHODS));
    const nopt = r() < 0.45 ? 0 : 1 + Math.floor(r() * 3);
    for (let i = 0; i < nopt; i++) fields.push(pick(r, OPTIONS));
    let line = fields.join(sep());
    if (r() < 0.1) line += `${sep()}# trailing comment`;
    if (r() < 0.05) line = `${sep()}${line}`;
    if (!out.has(line)) out.set(line, { id: line, line });
  }
  return [...out.values()];
}

// ---- the generated batch (generated-batch.test.ts, scripts/fuzz-differential.mjs)

/** Every value the forms above produce for a parameter (its pool for the batch generator). */
function valuePool(d: GucDef, r: () => number, major: Major): string[] {
  const out: string[] = [];
  for (const form of [...INT_FORMS, ...BOOL_FORMS, ...ENUM_FORMS]) if (form.applies(d, major)) out.push(...form.values(d, r, major));
  if (d.type === 'enum') out.push(...d.enumValues.slice(0, 4));
  if (d.type === 'string') out.push(...stringValues(d, r), ...GENERIC_STRINGS);
  return out.length ? out : ["''"];
}

/** A near-miss spelling: one character dropped, doubled, swapped or replaced (the server judges it). */
function nearMiss(r: () => number, name: string): string {
  const i = Math.floor(r() * name.length);
  switch (Math.floor(r() * 5)) {
    case 0:
      return name.length > 2 ? name.slice(0, i) + name.slice(i + 1) : name + 's';
    case 1:
      return name.slice(0, i) + name[i] + name.slice(i);
    case 2:
      return i + 1 < name.length ? name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2) : name + '_';
    case 3:
      return name + pick(r, ['s', '_', '2', 'x']);
    default:
      return name.replace(/_/, pick(r, ['', '-', '__', '.']));
  }
}

/** How a name is written: as in the catalog, upper-cased, mixed case. */
function spell(r: () => number, name: string): string {
  const x = r();
  if (x < 0.1) return name.toUpperCase();
  if (x < 0.18) return name.replace(/(^|_)([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
  return name;
}

const SEPARATORS = [' = ', '=', ' ', '\t=\t', ' =', '= ', '  =  ', '\t'];
const TRAILERS = ['', '', '', ' # comment', '\t# x = 1', "#'quoted'", ' ', '\t'];
const CUSTOM_NAMES = ['myext.setting', 'pg_stat_statements.max', 'auto_explain.log_min_duration', 'a.b.c', 'x.y', 'MyExt.Mixed_Case', 'plpgsql.variable_conflict', 'x_1.y_2'];
const CUSTOM_VALUES = ['1', "'a b'", 'on', "''", '8MB', "'it''s'", 'abc', '-1.5', "'\\n'"];
const STRAY_LINES = ['# a comment', '', '   ', '\t# indented comment', '#work_mem = 1'];
const BROKEN_LINES = ["work_mem = '8MB", 'work_mem = 8 MB', 'work_mem', '= 8MB', 'work_mem = = 8MB', "application_name = 'a' 'b'", 'work_mem 8MB x', '9work_mem = 1', "'work_mem' = 1", 'work_mem = @', 'work_mem = a@b'];

export interface GenConfFile {
  /** Stable id: the file's text. */
  id: string;
  text: string;
  /** The parameters it assigns (lower case), for the summary. */
  params: string[];
}

/**
 * Seeded single-file cases for the generated batch: one to three lines each, mixing value forms of
 * every type and unit, quoting and escapes, names as in the catalog / upper / mixed case / near
 * misses / custom two-part names, separators, trailing comments, duplicates, comments, CRLF, a
 * missing final newline, and now and then a line PostgreSQL cannot parse.
 */
export function generateConfBatch(catalog: Catalog, seed: number, count: number): GenConfFile[] {
  const r = rng(seed);
  const params = [...catalog.params.values()]
    .filter((d) => !(d.name.toLowerCase() in GENERATOR_EXCLUDED))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const pools = new Map<string, string[]>();
  const poolOf = (d: GucDef): string[] => {
    let p = pools.get(d.name);
    if (!p) pools.set(d.name, (p = valuePool(d, r, catalog.major)));
    return p;
  };
  const out = new Map<string, GenConfFile>();
  let guard = 0;
  while (out.size < count && guard++ < count * 20) {
    const n = 1 + Math.floor(r() * r() * 3.5);
    const lines: string[] = [];
    const assigned: string[] = [];
    let prev: GucDef | undefined;
    for (let i = 0; i < n; i++) {
      const x = r();
      if (x < 0.06) {
        lines.push(pick(r, STRAY_LINES));
        continue;
      }
      if (x < 0.09) {
        lines.push(pick(r, BROKEN_LINES));
        continue;
      }
      let name: string;
      let value: string;
      if (x < 0.15) {
        name = pick(r, CUSTOM_NAMES);
        value = pick(r, CUSTOM_VALUES);
      } else {
        // Now and then the same parameter again (duplicates: the last one wins, earlier ones are skipped).
        const d = prev && r() < 0.3 ? prev : pick(r, params);
        prev = d;
        name = r() < 0.08 ? nearMiss(r, d.name) : spell(r, d.name);
        value = pick(r, poolOf(d));
        assigned.push(d.name.toLowerCase());
      }
      const lead = r() < 0.08 ? pick(r, [' ', '\t', '  ']) : '';
      lines.push(`${lead}${name}${pick(r, SEPARATORS)}${value}${pick(r, TRAILERS)}`);
    }
    const crlf = r() < 0.08;
    let text = lines.join(crlf ? '\r\n' : '\n');
    if (r() > 0.05) text += crlf ? '\r\n' : '\n';
    if (!out.has(text)) out.set(text, { id: text, text, params: assigned });
  }
  return [...out.values()];
}

const HBA_ADDR_SPELLINGS = [
  '10.0.0.0/8', '10.0.0.0/08', '10.0.0.0/ 8', '010.0.0.1/32', '10.0.0.1/32', '10.0.0.1', '10.0.0.0/0', '10.0.0.0/32', '255.255.255.255/32', '1.2.3.4/24',
  '::/0', '::/128', '0:0:0:0:0:0:0:1/128', '::1/64', '2001:db8::/32', '2001:DB8:0:0:0:0:0:0/32', '::ffff:1.2.3.4/96', '1::2::3/64', 'fe80::/10', 'ffff::/16',
  '"10.0.0.0/8"', '"::1/128"', 'samehost', 'SAMEHOST', 'samenet', '"samenet"', 'all', 'ALL', 'localhost', '.local', 'db.example.com', '-bad-', '10.0.0.0/8/8',
  '10.0.0.0 255.255.0.0', '10.0.0.0\t255.255.0.0', '::1 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '10.0.0.0 0.0.0.0', '10.0.0.0 255.255.255.0.0', '10.0.0.0 ::', '10.0.0.0 /8',
];
const HBA_CONN_SPELLINGS = ['local', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc', 'Host', 'HOST', '"local"', 'hostx', 'lo"cal"'];
const HBA_DB_SPELLINGS = ['all', 'sameuser', 'samerole', 'samegroup', 'replication', '"replication"', 'REPLICATION', 'db', '"db"', 'a,b', 'a,,b', 'a,', ',a', '"a,b"', '"a""b"', '""', '/^a.*$', '"/^a"', '/(', 'all,db', 'db,all', '+g', '"+g"', 'sameuser,samerole'];
const HBA_USER_SPELLINGS = ['all', '"all"', 'ALL', 'postgres', '+g', '"+g"', '+', 'u1,u2', 'u1 , u2', '/^u', '/[', '"u x"', 'all,u', '""', 'u,,v'];
const HBA_METHOD_SPELLINGS = ['trust', 'reject', 'md5', 'password', 'scram-sha-256', 'peer', 'ident', 'cert', 'radius', 'TRUST', '"md5"', 'md5x', 'gss', 'pam', 'ldap', 'sspi'];
const HBA_OPTION_SPELLINGS = [
  'map=m', 'map="m x"', 'MAP=m', 'map=m=n', 'map=', '=m', 'map', 'clientcert=verify-ca', 'clientcert=verify-full', 'clientcert=0', 'clientcert=1', 'clientcert=no-verify', 'clientcert="verify-ca"',
  'clientname=CN', 'clientname=DN', 'include_realm=1', 'krb_realm=R', 'radiusservers=127.0.0.1', 'radiusservers="127.0.0.1, ::1"', 'radiussecrets=s', 'radiusports=1812,1813', 'radiusports=x',
  'radiusidentifiers=a,b', 'ldapserver=h', 'ldapport=389', 'ldapport=x', 'ldaptls=1', 'ldapscheme=ldaps', 'ldapbasedn="dc=x"', 'ldapsearchattribute=uid', 'ldapurl=ldap://h/dc=x', 'pamservice=x', 'pam_use_hostname=1', 'x=y',
];

/**
 * Seeded pg_hba.conf lines for the generated batch: every field in several spellings (quoted,
 * upper case, lists with odd commas), addresses in every spelling (CIDR, separate mask, names,
 * keywords), options, trailing comments, and line continuations (14+ read them; older majors see
 * a backslash in a token).
 */
export function generateHbaBatch(seed: number, count: number): GenHbaLine[] {
  const r = rng(seed);
  const out = new Map<string, GenHbaLine>();
  const sep = (): string => (r() < 0.05 ? ' \\\n ' : pick(r, [' ', '  ', '\t', ' \t']));
  let guard = 0;
  while (out.size < count && guard++ < count * 20) {
    const conn = r() < 0.25 ? 'local' : pick(r, HBA_CONN_SPELLINGS);
    const fields = [conn, pick(r, HBA_DB_SPELLINGS), pick(r, HBA_USER_SPELLINGS)];
    if (!/^"?local/i.test(conn) || r() < 0.05) fields.push(pick(r, HBA_ADDR_SPELLINGS));
    if (r() > 0.03) fields.push(pick(r, HBA_METHOD_SPELLINGS));
    const nopt = r() < 0.5 ? 0 : 1 + Math.floor(r() * 3);
    for (let i = 0; i < nopt; i++) fields.push(pick(r, HBA_OPTION_SPELLINGS));
    let line = fields.map((f, i) => (i ? sep() : '') + f).join('');
    if (r() < 0.08) line += `${sep()}# trailing comment`;
    if (r() < 0.04) line = `${pick(r, [' ', '\t'])}${line}`;
    if (!out.has(line)) out.set(line, { id: line, line });
  }
  return [...out.values()];
}
