import { describe, expect, test } from '@jest/globals';
import { formatG, rint, strtod, strtol } from '../src/catalog/format.js';
import { MACHINE_DEPENDENT_PARAMS, parseBool, parseGucValue, splitIdentifierString } from '../src/catalog/values.js';
import type { ValueResult } from '../src/catalog/values.js';
import type { GucDef, Major } from '../src/catalog/types.js';
import { loadCatalog, lookupParam } from '../src/catalog/catalog.js';
import { hiddenDef, tsvCatalog } from './support/tsv-catalog.js';

// Expected values come from POSTGRES.md ([doc]) or from `postgres -C` on the real servers
// ([12], [16], [18] name the majors a row was run on).

type Expect = string | { message: string; hint?: string; detail?: string };
/** [majors, parameter, value after de-quoting, expected canonical or error, name as written] */
type Row = [Major[], string, string, Expect, string?];

const PG12UP: Major[] = [12, 13, 14, 15, 16, 17, 18];
const ALL: Major[] = [10, 11, ...PG12UP];
const MEM_HINT = 'Valid units for this parameter are "B", "kB", "MB", "GB", and "TB".';
const TIME_HINT = 'Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".';
const inv = (name: string, value: string, hint?: string, detail?: string): Expect => ({
  message: `invalid value for parameter "${name}": "${value}"`,
  ...(hint ? { hint } : {}),
  ...(detail ? { detail } : {}),
});
const EXCEEDS = 'Value exceeds integer range.';

const HIDDEN: GucDef[] = [
  hiddenDef({ name: 'default_with_oids', type: 'bool', boot: 'off' }),
  hiddenDef({ name: 'role', type: 'string', boot: 'none' }),
  hiddenDef({ name: 'session_authorization', type: 'string', boot: '' }),
  hiddenDef({ name: 'ssl_renegotiation_limit', type: 'integer', boot: '0', min: 0, max: 0 }),
];

const USE_CATALOG = process.env.VALUES_FROM_TSV === undefined;

function def(major: Major, name: string): GucDef {
  const fromCatalog = USE_CATALOG ? lookupParam(loadCatalog(major), name) : undefined;
  const d = fromCatalog ?? tsvCatalog(major).get(name.toLowerCase()) ?? HIDDEN.find((h) => h.name === name);
  if (!d) throw new Error(`no ${name} in ${major}`);
  return d;
}

function run(major: Major, name: string, value: string, written?: string): ValueResult {
  const tz = new Set(['UTC', 'Europe/Berlin', 'EST5EDT', 'PST8PDT', 'Etc/GMT+5', 'EST']);
  return parseGucValue(def(major, name), value, major, { timezones: tz, writtenName: written });
}

function check(rows: Row[]): void {
  const cases = rows.flatMap(([majors, name, value, want, written]) =>
    majors.map((m) => [m, name, value, want, written] as const));
  test.each(cases)('PG%s %s = %j', (major, name, value, want, written) => {
    const got = run(major, name, value, written);
    if (typeof want === 'string') {
      expect(got).toMatchObject({ ok: true, canonical: want });
    } else {
      // PostgreSQL's message, DETAIL and HINT (a failure's structured code and data are tested below).
      const { ok, message, detail, hint } = got as { ok: boolean; message?: string; detail?: string; hint?: string };
      expect({ ok, message, ...(detail !== undefined ? { detail } : {}), ...(hint !== undefined ? { hint } : {}) }).toEqual({ ok: false, ...want });
    }
  });
}

describe('integers (parse_int)', () => {
  check([
    // [doc] §1.9 / §2.1, also [12][16][18]
    [ALL, 'work_mem', '8MB', '8192'],
    [ALL, 'work_mem', '8 MB', '8192'],
    [ALL, 'work_mem', ' 8MB ', '8192'],
    [ALL, 'work_mem', '0x2000', '8192'],
    [ALL, 'work_mem', '020000', '8192'],
    [ALL, 'work_mem', '0x40B', '1035'],
    [ALL, 'work_mem', '0x8MB', '8192'],
    [ALL, 'work_mem', '0x40kB', '64'],
    [ALL, 'max_connections', '08', inv('max_connections', '08')],
    [[11, ...PG12UP], 'work_mem', '8mb', inv('work_mem', '8mb', MEM_HINT)],
    [[10], 'work_mem', '8mb', inv('work_mem', '8mb', 'Valid units for this parameter are "kB", "MB", "GB", and "TB".')],
    [[11, ...PG12UP], 'work_mem', '8192KB', inv('work_mem', '8192KB', MEM_HINT)],
    [[10], 'work_mem', '8192KB', inv('work_mem', '8192KB', 'Valid units for this parameter are "kB", "MB", "GB", and "TB".')],
    [[11, ...PG12UP], 'work_mem', '8192kb', inv('work_mem', '8192kb', MEM_HINT)],
    [[10], 'work_mem', '8192kb', inv('work_mem', '8192kb', 'Valid units for this parameter are "kB", "MB", "GB", and "TB".')],
    [PG12UP, 'checkpoint_timeout', '5MIN', inv('checkpoint_timeout', '5MIN', TIME_HINT)],
    [PG12UP, 'checkpoint_timeout', '5m', inv('checkpoint_timeout', '5m', TIME_HINT)],
    [PG12UP, 'checkpoint_timeout', '300sec', inv('checkpoint_timeout', '300sec', TIME_HINT)],
    [ALL, 'checkpoint_timeout', '120', '120'],
    [ALL, 'max_connections', '100kB', inv('max_connections', '100kB')],
    [ALL, 'work_mem', '3000000000', inv('work_mem', '3000000000', EXCEEDS)],
    [PG12UP, 'work_mem', '1.5MB', '1536'],
    [PG12UP, 'work_mem', '1e4', '10000'],
    [PG12UP, 'work_mem', '1.0e4', '10000'],
    [PG12UP, 'work_mem', '64.5kB', '64'],
    [PG12UP, 'work_mem', '65.5kB', '66'],
    [PG12UP, 'checkpoint_timeout', '30.5s', '30'],
    [PG12UP, 'statement_timeout', '1500us', '2'],
    [PG12UP, 'statement_timeout', '0.5ms', '0'],
    [PG12UP, 'work_mem', '100000B', '98'],
    [PG12UP, 'shared_buffers', '1000000B', '122'],
    [PG12UP, 'shared_buffers', '0.5GB', '65536'],
    [[11], 'work_mem', '1.5MB', inv('work_mem', '1.5MB', MEM_HINT)],
    [[10], 'work_mem', '1.5MB', inv('work_mem', '1.5MB', 'Valid units for this parameter are "kB", "MB", "GB", and "TB".')],
    [[10, 11], 'max_connections', '100.4', inv('max_connections', '100.4')],
    [[10], 'work_mem', '8388608B', inv('work_mem', '8388608B', 'Valid units for this parameter are "kB", "MB", "GB", and "TB".')],
    [[11], 'work_mem', '100000B', '97'],
    // [12][16][18]
    [[12, 13, 14, 15, 16], 'work_mem', '010.5', { message: '10 kB is outside the valid range for parameter "work_mem" (64 .. 2147483647)' }],
    [[18], 'work_mem', '010.5', { message: '10 kB is outside the valid range for parameter "work_mem" (64 kB .. 2147483647 kB)' }],
    [PG12UP, 'work_mem', '0x1.8p7', '192'],
    [PG12UP, 'work_mem', '1e', inv('work_mem', '1e', MEM_HINT)],
    [PG12UP, 'work_mem', '0x', inv('work_mem', '0x', MEM_HINT)],
    [PG12UP, 'work_mem', '8MBx', inv('work_mem', '8MBx', MEM_HINT)],
    [PG12UP, 'work_mem', '8 M B', inv('work_mem', '8 M B', MEM_HINT)],
    [PG12UP, 'work_mem', '8MB  ', '8192'],
    [PG12UP, 'work_mem', '99999999999999999999', inv('work_mem', '99999999999999999999', EXCEEDS)],
    [PG12UP, 'work_mem', '0x8000000000000000', inv('work_mem', '0x8000000000000000', EXCEEDS)],
    [PG12UP, 'work_mem', '2147483647.5', inv('work_mem', '2147483647.5', EXCEEDS)],
    [PG12UP, 'work_mem', '3000000TB', inv('work_mem', '3000000TB', EXCEEDS)],
    [PG12UP, 'work_mem', '2047TB', inv('work_mem', '2047TB', EXCEEDS)],
    [PG12UP, 'work_mem', '1e400', inv('work_mem', '1e400')],
    [PG12UP, 'work_mem', '1e-400', inv('work_mem', '1e-400')],
    [PG12UP, 'work_mem', 'inf', inv('work_mem', 'inf')],
    [PG12UP, 'work_mem', 'nan', inv('work_mem', 'nan')],
    [PG12UP, 'work_mem', '', inv('work_mem', '')],
    [PG12UP, 'work_mem', ' ', inv('work_mem', ' ')],
    [PG12UP, 'work_mem', '+-1', inv('work_mem', '+-1')],
    [PG12UP, 'work_mem', '- 1', inv('work_mem', '- 1')],
    [PG12UP, 'work_mem', '.5MB', '512'],
    [PG12UP, 'work_mem', '5.MB', '5120'],
    [PG12UP, 'work_mem', '1e3MB', '1024000'],
    [PG12UP, 'work_mem', '1.5e3kB', '1500'],
    [PG12UP, 'work_mem', '64e', inv('work_mem', '64e', MEM_HINT)],
    [PG12UP, 'max_connections', '1.5', '2'],
    [PG12UP, 'max_connections', '2.5', '2'],
    [PG12UP, 'max_connections', '100 ', '100'],
    [PG12UP, 'checkpoint_timeout', '30.1min', '1806'],
    [PG12UP, 'checkpoint_timeout', '0.5h', '1800'],
    [PG12UP, 'checkpoint_timeout', '1d', '86400'],
    [PG12UP, 'checkpoint_timeout', '30000000us', '30'],
    [PG12UP, 'statement_timeout', '2.5ms', '2'],
    [PG12UP, 'statement_timeout', '1.0000005s', '1000'],
    [PG12UP, 'shared_buffers', '30.1GB', '3945216'],
    [PG12UP, 'log_rotation_age', '90s', '2'],
    [PG12UP, 'log_rotation_age', '1.5d', '2160'],
    [PG12UP, 'unix_socket_permissions', '0777', '511'],
    [PG12UP, 'wal_buffers', '1', '4'],
    [PG12UP, 'wal_buffers', '-1', '-1'],
    [PG12UP, 'ssl_renegotiation_limit', '512MB', inv('ssl_renegotiation_limit', '512MB')],
  ]);
});

describe('integer range messages', () => {
  check([
    // [12][16]: the unit follows the value from 12 (POSTGRES.md §1.8 says 14; the 12 server disagrees)
    [[12, 13, 14, 15, 16], 'work_mem', '-1', { message: '-1 kB is outside the valid range for parameter "Work_Mem" (64 .. 2147483647)' }, 'Work_Mem'],
    // [18] units on the bounds too ([doc] 17+), and the canonical name in 18
    [[18], 'work_mem', '-1', { message: '-1 kB is outside the valid range for parameter "work_mem" (64 kB .. 2147483647 kB)' }, 'Work_Mem'],
    [[17], 'work_mem', '-1', { message: '-1 kB is outside the valid range for parameter "Work_Mem" (64 kB .. 2147483647 kB)' }, 'Work_Mem'],
    [[12, 16], 'shared_buffers', '1', { message: '1 8kB is outside the valid range for parameter "shared_buffers" (16 .. 1073741823)' }],
    [[17, 18], 'shared_buffers', '1', { message: '1 8kB is outside the valid range for parameter "shared_buffers" (16 8kB .. 1073741823 8kB)' }],
    [[12, 16], 'shared_buffers', '12kB', { message: '2 8kB is outside the valid range for parameter "shared_buffers" (16 .. 1073741823)' }],
    [[12, 16], 'checkpoint_timeout', '1500ms', { message: '2 s is outside the valid range for parameter "checkpoint_timeout" (30 .. 86400)' }],
    [[18], 'checkpoint_timeout', '29', { message: '29 s is outside the valid range for parameter "checkpoint_timeout" (30 s .. 86400 s)' }],
    [[18], 'autovacuum_naptime', '0.5', { message: '0 s is outside the valid range for parameter "autovacuum_naptime" (1 s .. 2147483 s)' }],
    [PG12UP, 'ssl_renegotiation_limit', '1', { message: '1 is outside the valid range for parameter "ssl_renegotiation_limit" (0 .. 0)' }],
    // [doc] §1.8: 10–11 print no unit
    [[10, 11], 'max_connections', '0', { message: '0 is outside the valid range for parameter "max_connections" (1 .. 262143)' }],
    [[10, 11], 'work_mem', '-1', { message: '-1 is outside the valid range for parameter "work_mem" (64 .. 2147483647)' }],
    // [12][16][18] the name as written up to 17, canonical in 18
    [[12, 16], 'work_mem', '8mb', inv('WORK_MEM', '8mb', MEM_HINT), 'WORK_MEM'],
    [[18], 'work_mem', '8mb', inv('work_mem', '8mb', MEM_HINT), 'WORK_MEM'],
  ]);
});

describe('reals (parse_real)', () => {
  const rpcRange = (v: string) => ({ message: `${v} is outside the valid range for parameter "random_page_cost" (0 .. 1.79769e+308)` });
  check([
    // [12][16][18]
    [PG12UP, 'random_page_cost', '1.23456789', '1.23457'],
    [PG12UP, 'random_page_cost', '1e10', '1e+10'],
    [PG12UP, 'checkpoint_completion_target', '.5', '0.5'],
    [PG12UP, 'random_page_cost', 'inf', rpcRange('Infinity')],
    [PG12UP, 'random_page_cost', 'INF', rpcRange('Infinity')],
    [PG12UP, 'random_page_cost', 'Infinity', rpcRange('Infinity')],
    [PG12UP, 'random_page_cost', '-inf', rpcRange('-Infinity')],
    [PG12UP, 'random_page_cost', '-1', rpcRange('-1')],
    [PG12UP, 'random_page_cost', 'nan', inv('random_page_cost', 'nan')],
    [PG12UP, 'random_page_cost', 'nan(123)', inv('random_page_cost', 'nan(123)')],
    // [10][11]: NaN "requires a numeric value" too, in every spelling
    [[10, 11], 'random_page_cost', 'nan', { message: 'parameter "random_page_cost" requires a numeric value' }],
    [[10, 11], 'seq_page_cost', 'NaN', { message: 'parameter "seq_page_cost" requires a numeric value' }],
    [[10, 11], 'seq_page_cost', '-nan', { message: 'parameter "SEQ_PAGE_COST" requires a numeric value' }, 'SEQ_PAGE_COST'],
    [[10, 11], 'seq_page_cost', 'inf', { message: 'inf is outside the valid range for parameter "seq_page_cost" (0 .. 1.79769e+308)' }],
    [PG12UP, 'random_page_cost', 'infinit', inv('random_page_cost', 'infinit')],
    [PG12UP, 'random_page_cost', '.', inv('random_page_cost', '.')],
    [PG12UP, 'random_page_cost', 'abc', inv('random_page_cost', 'abc')],
    [PG12UP, 'random_page_cost', '1.5x', inv('random_page_cost', '1.5x')],
    [PG12UP, 'random_page_cost', '1.5ms', inv('random_page_cost', '1.5ms')],
    [PG12UP, 'random_page_cost', '1.5 ', '1.5'],
    [PG12UP, 'random_page_cost', ' 2', '2'],
    [PG12UP, 'random_page_cost', '0x10', '16'],
    [PG12UP, 'random_page_cost', '0x1p-3', '0.125'],
    [PG12UP, 'random_page_cost', '0x.8', '0.5'],
    [PG12UP, 'random_page_cost', '0x', inv('random_page_cost', '0x')],
    [PG12UP, 'random_page_cost', '0x1p', inv('random_page_cost', '0x1p')],
    [PG12UP, 'random_page_cost', '1e', inv('random_page_cost', '1e')],
    [PG12UP, 'random_page_cost', '1e+', inv('random_page_cost', '1e+')],
    [PG12UP, 'random_page_cost', '1234567', '1.23457e+06'],
    [PG12UP, 'random_page_cost', '0.000012345', '1.2345e-05'],
    [PG12UP, 'random_page_cost', '100000', '100000'],
    [PG12UP, 'random_page_cost', '1000000', '1e+06'],
    [PG12UP, 'random_page_cost', '0.0001', '0.0001'],
    [PG12UP, 'random_page_cost', '0.00001', '1e-05'],
    [PG12UP, 'random_page_cost', '-0', '-0'],
    [PG12UP, 'random_page_cost', '123456.5', '123456'],
    [PG12UP, 'random_page_cost', '999999.5', '1e+06'],
    [PG12UP, 'random_page_cost', '1.', '1'],
    [PG12UP, 'random_page_cost', '1e308', '1e+308'],
    [PG12UP, 'random_page_cost', '1.7976931348623158e308', '1.79769e+308'],
    [PG12UP, 'random_page_cost', '1.7976931348623159e308', inv('random_page_cost', '1.7976931348623159e308')],
    [PG12UP, 'random_page_cost', '1e309', inv('random_page_cost', '1e309')],
    [PG12UP, 'random_page_cost', '1e-310', inv('random_page_cost', '1e-310')],
    [PG12UP, 'random_page_cost', '2.2250738585072011e-308', inv('random_page_cost', '2.2250738585072011e-308')],
    [PG12UP, 'random_page_cost', '2.2250738585072014e-308', '2.22507e-308'],
    [PG12UP, 'random_page_cost', '0x1p-1074', '4.94066e-324'],
    [PG12UP, 'random_page_cost', '0e-400', '0'],
    [PG12UP, 'vacuum_cost_delay', '0.5ms', '0.5'],
    [PG12UP, 'vacuum_cost_delay', '1500us', '1.5'],
    [PG12UP, 'vacuum_cost_delay', '0.0001ms', '0'],
    [PG12UP, 'vacuum_cost_delay', '2 ms', '2'],
    [PG12UP, 'vacuum_cost_delay', '2x', inv('vacuum_cost_delay', '2x', TIME_HINT)],
    [[12, 16], 'vacuum_cost_delay', '1s', { message: '1000 ms is outside the valid range for parameter "vacuum_cost_delay" (0 .. 100)' }],
    [[17, 18], 'vacuum_cost_delay', '-1', { message: '-1 ms is outside the valid range for parameter "vacuum_cost_delay" (0 ms .. 100 ms)' }],
    [PG12UP, 'checkpoint_completion_target', '1.5', { message: '1.5 is outside the valid range for parameter "checkpoint_completion_target" (0 .. 1)' }],
    [PG12UP, 'checkpoint_completion_target', '-0.1', { message: '-0.1 is outside the valid range for parameter "checkpoint_completion_target" (0 .. 1)' }],
    // [doc] §1.8: ≤11 says "requires a numeric value"
    [[10, 11], 'random_page_cost', 'abc', { message: 'parameter "random_page_cost" requires a numeric value' }],
    [[10, 11], 'random_page_cost', '1.5', '1.5'],
  ]);
});

describe('booleans (parse_bool_with_len)', () => {
  const req = { message: 'parameter "fsync" requires a Boolean value' };
  check([
    // [doc] §1.9 / §2.4, also [12][16][18]
    [ALL, 'fsync', 'of', 'off'],
    [ALL, 'fsync', 'tru', 'on'],
    [ALL, 'fsync', 'Y', 'on'],
    [ALL, 'fsync', 'o', req],
    [ALL, 'fsync', '2', req],
    [ALL, 'fsync', '00', req],
    [ALL, 'fsync', 'truex', req],
    [ALL, 'fsync', ' on', req],
    [ALL, 'fsync', '', req],
    [ALL, 'fsync', 'enable', req],
    // [12][16][18]
    [PG12UP, 'fsync', 'ON', 'on'],
    [PG12UP, 'fsync', 'oN', 'on'],
    [PG12UP, 'fsync', 'OFF', 'off'],
    [PG12UP, 'fsync', 'on ', req],
    [PG12UP, 'fsync', '1', 'on'],
    [PG12UP, 'fsync', '0', 'off'],
    [PG12UP, 'fsync', 'ye', 'on'],
    [PG12UP, 'fsync', 'nO', 'off'],
    [PG12UP, 'fsync', 'offx', req],
    [PG12UP, 'fsync', 'onn', req],
    [[12, 16], 'fsync', 'o', { message: 'parameter "FSYNC" requires a Boolean value' }, 'FSYNC'],
    [[18], 'fsync', 'o', req, 'FSYNC'],
    [[12, 16, 18], 'default_with_oids', 'on', { message: 'tables declared WITH OIDS are not supported' }],
    [[12, 16, 18], 'default_with_oids', 'off', 'off'],
    [[12, 16, 18], 'transaction_read_only', 'on', 'off'],
    [[12, 16, 18], 'transaction_read_only', 'bogus', { message: 'parameter "transaction_read_only" requires a Boolean value' }],
  ]);
});

describe('enums (config_enum_lookup_by_name)', () => {
  const walHint = 'Available values: minimal, replica, logical.';
  const pwHint = 'Available values: md5, scram-sha-256.';
  check([
    // [doc] §1.9 / §2.5, also [12][16][18]
    [ALL, 'wal_level', 'REPLICA', 'replica'],
    [ALL, 'wal_level', 'hot_standby', 'replica'],
    [ALL, 'wal_level', 'archive', 'replica'],
    [ALL, 'wal_level', 'repl', inv('wal_level', 'repl', walHint)],
    [ALL, 'wal_level', 'replica ', inv('wal_level', 'replica ', walHint)],
    [[12, 13], 'password_encryption', 'on', 'md5'],
    [[14, 15, 16, 17, 18], 'password_encryption', 'on', inv('password_encryption', 'on', pwHint)],
    [PG12UP, 'password_encryption', 'off', inv('password_encryption', 'off', pwHint)],
    [PG12UP, 'synchronous_commit', 'TRUE', 'on'],
    [PG12UP, 'synchronous_commit', '1', 'on'],
    [PG12UP, 'synchronous_commit', 'of', inv('synchronous_commit', 'of', 'Available values: local, remote_write, remote_apply, on, off.')],
    [PG12UP, 'client_min_messages', 'debug', 'debug2'],
    [PG12UP, 'IntervalStyle', 'SQL_STANDARD', 'sql_standard'],
    [[12, 16], 'IntervalStyle', 'bogus', inv('intervalstyle', 'bogus', 'Available values: postgres, postgres_verbose, sql_standard, iso_8601.'), 'intervalstyle'],
    [[18], 'IntervalStyle', 'bogus', inv('IntervalStyle', 'bogus', 'Available values: postgres, postgres_verbose, sql_standard, iso_8601.'), 'intervalstyle'],
    [PG12UP, 'default_transaction_isolation', 'REPEATABLE READ', 'repeatable read'],
    [PG12UP, 'default_transaction_isolation', 'repeatable_read', inv('default_transaction_isolation', 'repeatable_read', 'Available values: serializable, repeatable read, read committed, read uncommitted.')],
    [PG12UP, 'ssl_min_protocol_version', 'tlsv1.3', 'TLSv1.3'],
    [PG12UP, 'ssl_min_protocol_version', 'TLSv1.4', inv('ssl_min_protocol_version', 'TLSv1.4', 'Available values: TLSv1, TLSv1.1, TLSv1.2, TLSv1.3.')],
    [[12, 16, 18], 'transaction_isolation', 'serializable', 'read committed'],
    [[12, 16, 18], 'transaction_isolation', 'bogus', inv('transaction_isolation', 'bogus', 'Available values: serializable, repeatable read, read committed, read uncommitted.')],
  ]);
});

describe('strings and check hooks', () => {
  const a80 = 'a'.repeat(80);
  const e41 = 'é'.repeat(41);
  const tz = (v: string, detail?: string) => inv('TimeZone', v, undefined, detail);
  check([
    // [12][16][18]
    [PG12UP, 'application_name', a80, 'a'.repeat(63)],
    [PG12UP, 'cluster_name', a80, 'a'.repeat(63)],
    [[12, 16, 18], 'default_tablespace', a80, 'a'.repeat(63)],
    [[12, 16, 18], 'default_table_access_method', a80, 'a'.repeat(63)],
    [[12, 16, 18], 'search_path', a80, a80],
    [[12], 'application_name', e41, '?'.repeat(63)],
    [[16, 18], 'application_name', e41, '\\xc3\\xa9'.repeat(31) + '\\xc3'],
    [[12], 'cluster_name', 'a\u0001b', 'a?b'],
    [[16, 18], 'application_name', 'a\tb', 'a\\x09b'],
    [[12, 16, 18], 'log_destination', 'stderr,bogus', inv('log_destination', 'stderr,bogus', undefined, 'Unrecognized key word: "bogus".')],
    [[12, 16, 18], 'log_destination', 'STDERR, CsvLog', 'STDERR, CsvLog'],
    [[12, 16, 18], 'log_destination', ' stderr , syslog ', ' stderr , syslog '],
    [[12, 16, 18], 'log_destination', '', ''],
    [[12, 16, 18], 'log_destination', '"stderr"', '"stderr"'],
    [[12], 'log_destination', 'jsonlog', inv('log_destination', 'jsonlog', undefined, 'Unrecognized key word: "jsonlog".')],
    [[16, 18], 'log_destination', 'jsonlog', 'jsonlog'],
    [[12, 16, 18], 'log_destination', 'eventlog', inv('log_destination', 'eventlog', undefined, 'Unrecognized key word: "eventlog".')],
    [[12, 16, 18], 'log_destination', 'stderr,,syslog', inv('log_destination', 'stderr,,syslog', undefined, 'List syntax is invalid.')],
    [[12, 16, 18], 'log_destination', 'stderr,', inv('log_destination', 'stderr,', undefined, 'List syntax is invalid.')],
    [[12, 16, 18], 'log_destination', 'stderr syslog', inv('log_destination', 'stderr syslog', undefined, 'List syntax is invalid.')],
    [[12, 16, 18], 'DateStyle', 'iso, dmy', 'ISO, DMY'],
    [[12, 16, 18], 'DateStyle', 'german', 'German, DMY'],
    [[12, 16, 18], 'DateStyle', 'sql,euro', 'SQL, DMY'],
    [[12, 16, 18], 'DateStyle', 'postgres', 'Postgres, MDY'],
    [[12, 16, 18], 'DateStyle', 'ymd', 'ISO, YMD'],
    [[12, 16, 18], 'DateStyle', 'us', 'ISO, MDY'],
    [[12, 16, 18], 'DateStyle', 'noneuropean', 'ISO, MDY'],
    [[12, 16, 18], 'DateStyle', 'default', 'ISO, MDY'],
    [[12, 16, 18], 'DateStyle', '', 'ISO, MDY'],
    [[12, 16, 18], 'DateStyle', 'bogus', inv('DateStyle', 'bogus', undefined, 'Unrecognized key word: "bogus".'), 'datestyle'],
    [[12, 16], 'DateStyle', 'iso, sql', inv('DateStyle', 'iso, sql', undefined, 'Conflicting "datestyle" specifications.')],
    [[18], 'DateStyle', 'ISO, MDY, DMY', inv('DateStyle', 'ISO, MDY, DMY', undefined, 'Conflicting "DateStyle" specifications.')],
    [[12, 16, 18], 'TimeZone', 'utc', 'utc'],
    [[12, 16, 18], 'TimeZone', 'europe/berlin', 'europe/berlin'],
    [[12, 16, 18], 'TimeZone', 'Mars/Olympus', tz('Mars/Olympus'), 'timezone'],
    [[12, 16, 18], 'TimeZone', 'EST5EDT', 'EST5EDT'],
    [[12, 16, 18], 'TimeZone', '+05', '+05'],
    [[12, 16, 18], 'TimeZone', '<+03>-3', '<+03>-3'],
    [[12, 16, 18], 'TimeZone', 'UTC+3', 'UTC+3'],
    [[12, 16, 18], 'TimeZone', 'XYZ5', 'XYZ5'],
    [[12, 16, 18], 'TimeZone', 'ABC-5:30', 'ABC-5:30'],
    [[12, 16, 18], 'TimeZone', 'GMT', 'GMT'],
    [[12, 16, 18], 'TimeZone', '5', '5'],
    [[12, 16, 18], 'TimeZone', '-5.5', '-5.5'],
    [[12, 16, 18], 'TimeZone', 'posix/Europe/Berlin', tz('posix/Europe/Berlin')],
    [[12, 16, 18], 'TimeZone', '', tz('')],
    [[12, 16, 18], 'TimeZone', 'localtime', tz('localtime')],
    [[12, 16, 18], 'TimeZone', 'Z', tz('Z')],
    [[12, 16, 18], 'TimeZone', "interval '-08:00' hour to minute", tz("interval '-08:00' hour to minute")],
    [[18], 'TimeZone', "interval '-08:00'", "interval '-08:00'"],
    [[18], 'TimeZone', '168', tz('168', 'UTC timezone offset is out of range.')],
    [[18], 'TimeZone', '-200', tz('-200', 'UTC timezone offset is out of range.')],
    [[18], 'TimeZone', 'inf', tz('inf', 'UTC timezone offset is out of range.')],
    [[18], 'TimeZone', '167.9', '167.9'],
    [[18], 'TimeZone', '5 ', '5 '],
    [[18], 'TimeZone', 'Mars/Olympus5', 'Mars/Olympus5'],
    [[18], 'TimeZone', 'EST5EDT,M3.2.0,M11.1.0', 'EST5EDT,M3.2.0,M11.1.0'],
    [[18], 'TimeZone', 'EST5EDT,J60/2,300', 'EST5EDT,J60/2,300'],
    [[18], 'TimeZone', 'EST5EDT,M3.2.0', tz('EST5EDT,M3.2.0')],
    [[18], 'TimeZone', 'EST5EDT,M13.2.0,M11.1.0', tz('EST5EDT,M13.2.0,M11.1.0')],
    [[18], 'TimeZone', 'EST168', tz('EST168')],
    [[18], 'TimeZone', 'EST5:60', tz('EST5:60')],
    [[18], 'TimeZone', '<ABC', tz('<ABC')],
    [[18], 'TimeZone', 'Europe/Berlin ', tz('Europe/Berlin ')],
    [[18], 'TimeZone', 'EST5EDT4', 'EST5EDT4'],
    [[18], 'TimeZone', 'A-1B', 'A-1B'],
    [[12, 16, 18], 'log_timezone', 'Mars/Olympus', inv('log_timezone', 'Mars/Olympus')],
    [[12, 16, 18], 'log_timezone', '5', '5'],
    [[18], 'log_timezone', '-5.5', '-5.5'],
    [[12], 'wal_consistency_checking', 'bogus', inv('wal_consistency_checking', 'bogus', undefined, 'Unrecognized key word: "bogus".')],
    [[16, 18], 'wal_consistency_checking', 'bogus', 'bogus'],
    [[12, 16, 18], 'wal_consistency_checking', 'Heap, BTree', 'Heap, BTree'],
    [[12, 16, 18], 'wal_consistency_checking', 'all', 'all'],
    // [12]-[16]: 12 logs the reason as a separate WARNING, 13+ as DETAIL and HINT
    [[12], 'primary_slot_name', 'Bad-Name', inv('primary_slot_name', 'Bad-Name')],
    [[13, 14, 15, 16, 17, 18], 'primary_slot_name', 'Bad-Name', inv('primary_slot_name', 'Bad-Name',
      'Replication slot names may only contain lower case letters, numbers, and the underscore character.',
      'replication slot name "Bad-Name" contains invalid character')],
    [[12, 16, 18], 'primary_slot_name', 'good_name', 'good_name'],
    [[12, 16, 18], 'search_path', 'a, "$user"', 'a, "$user"'],
    [[12, 16, 18], 'role', 'x', inv('role', 'x')],
    [[12, 18], 'role', 'none', 'none'],
    [[12, 18], 'role', 'NONE', inv('role', 'NONE')],
    [[12, 18], 'search_path', 'a,,b', inv('search_path', 'a,,b', undefined, 'List syntax is invalid.')],
    [[12, 18], 'temp_tablespaces', 'a,,b', inv('temp_tablespaces', 'a,,b', undefined, 'List syntax is invalid.')],
    [[12, 18], 'DateStyle', 'iso,,dmy', inv('DateStyle', 'iso,,dmy', undefined, 'List syntax is invalid.')],
    [[12, 18], 'DateStyle', 'DEFAULT, SQL', 'SQL, MDY'],
    [[12, 18], 'DateStyle', 'euro, german', 'German, DMY'],
    [[12, 18], 'DateStyle', 'Postgresql', 'Postgres, MDY'],
    [[12, 18], 'wal_buffers', '0', '4'],
    [[12, 16, 18], 'session_authorization', 'x', inv('session_authorization', 'x')],
    [[12, 16, 18], 'block_size', '8192', { message: 'parameter "block_size" cannot be changed' }],
    [[12, 16], 'block_size', '8192', { message: 'parameter "BLOCK_SIZE" cannot be changed' }, 'BLOCK_SIZE'],
    [[18], 'block_size', '8192', { message: 'parameter "block_size" cannot be changed' }, 'BLOCK_SIZE'],
    [[12, 16, 18], 'server_version', '1', { message: 'parameter "server_version" cannot be changed' }],
  ]);
});

describe('check hooks found by the differential suite', () => {
  const slru = (name: string, v: number, period: boolean): Expect => ({
    message: `invalid value for parameter "${name}": ${v}`,
    detail: `"${name}" must be a multiple of 16${period ? '.' : ''}`,
  });
  check([
    // check_bonjour [10]-[18]: a Linux build rejects every true spelling
    [ALL, 'bonjour', 'on', { message: 'Bonjour is not supported by this build' }],
    [ALL, 'bonjour', 'Yes', { message: 'Bonjour is not supported by this build' }, 'BONJOUR'],
    [ALL, 'bonjour', 'off', 'off'],
    [ALL, 'bonjour', 'maybe', { message: 'parameter "bonjour" requires a Boolean value' }],
    // check_XactIsoLevel [10][11]: exact spellings; the value is then forced to the default
    [[10, 11], 'transaction_isolation', 'serializable', 'default'],
    [[10, 11], 'transaction_isolation', 'repeatable read', 'default'],
    [[10, 11], 'transaction_isolation', 'default', 'default'],
    [[10, 11], 'transaction_isolation', 'café', inv('transaction_isolation', 'café')],
    [[10, 11], 'transaction_isolation', 'SERIALIZABLE', inv('transaction_isolation', 'SERIALIZABLE'), 'TRANSACTION_ISOLATION'],
    [[10, 11], 'transaction_isolation', 'serializable ', inv('transaction_isolation', 'serializable ')],
    [[10, 11], 'transaction_isolation', '', inv('transaction_isolation', '')],
    // check_default_table_access_method [12]-[18]: '' is rejected, the name quoted from 17
    [[12, 13, 14, 15, 16], 'default_table_access_method', '', inv('default_table_access_method', '', undefined, 'default_table_access_method cannot be empty.')],
    [[17, 18], 'default_table_access_method', '', inv('default_table_access_method', '', undefined, '"default_table_access_method" cannot be empty.')],
    [PG12UP, 'default_table_access_method', 'nonexist', 'nonexist'],
    [ALL, 'default_tablespace', '', ''],
    [ALL, 'temp_tablespaces', '', ''],
    // check_slru_buffers [17][18]: multiples of 16, after the range check; the record's name
    [[17], 'subtransaction_buffers', '64.5kB', slru('subtransaction_buffers', 8, false), 'SUBTRANSACTION_BUFFERS'],
    [[18], 'subtransaction_buffers', '64.5kB', slru('subtransaction_buffers', 8, true)],
    [[17], 'notify_buffers', '0x1336', slru('notify_buffers', 4918, false)],
    [[18], 'commit_timestamp_buffers', '24', slru('commit_timestamp_buffers', 24, true)],
    [[18], 'multixact_member_buffers', '24', slru('multixact_member_buffers', 24, true)],
    [[18], 'multixact_offset_buffers', ' 3237 ', slru('multixact_offset_buffers', 3237, true)],
    [[18], 'serializable_buffers', '24', slru('serializable_buffers', 24, true)],
    [[18], 'transaction_buffers', '24', slru('transaction_buffers', 24, true)],
    [[17, 18], 'subtransaction_buffers', '0', '0'],
    [[17, 18], 'notify_buffers', '32', '32'],
    [[17, 18], 'notify_buffers', '8', { message: '8 8kB is outside the valid range for parameter "notify_buffers" (16 8kB .. 131072 8kB)' }],
    // check_io_max_concurrency [18]
    [[18], 'io_max_concurrency', '-0', { message: 'invalid value for parameter "io_max_concurrency": 0', detail: 'Only -1 or values bigger than 0 are valid.' }],
    [[18], 'io_max_concurrency', '0.4', { message: 'invalid value for parameter "io_max_concurrency": 0', detail: 'Only -1 or values bigger than 0 are valid.' }],
    [[18], 'io_max_concurrency', '-1', '-1'],
    [[18], 'io_max_concurrency', '1', '1'],
  ]);
});

describe('string bytes follow the file encoding', () => {
  const latin1 = (major: Major, name: string, value: string): ValueResult =>
    parseGucValue(def(major, name), value, major, { encoding: 'latin1' });
  test('a Latin-1 file keeps its single bytes [10][15][16][18]', () => {
    // 'caf\xe9' read as Latin-1 is "café" with U+00E9 standing for the byte 0xE9
    expect(latin1(16, 'application_name', 'caf\u00e9')).toMatchObject({ ok: true, canonical: 'caf\\xe9' });
    expect(latin1(18, 'cluster_name', 'na\u00efve')).toMatchObject({ ok: true, canonical: 'na\\xefve' });
    expect(latin1(15, 'application_name', 'caf\u00e9')).toMatchObject({ ok: true, canonical: 'caf?' });
    expect(run(16, 'application_name', 'caf\u00e9')).toMatchObject({ ok: true, canonical: 'caf\\xc3\\xa9' });
  });
  test('truncation to 63 bytes counts Latin-1 bytes', () => {
    const v = 'a'.repeat(62) + '\u00e9\u00e9';
    expect(latin1(16, 'default_tablespace', v)).toMatchObject({ ok: true, canonical: 'a'.repeat(62) + '\u00e9' });
    expect(latin1(16, 'primary_slot_name', 'a'.repeat(63) + '\u00e9')).toMatchObject({ ok: false, detail: `replication slot name "${'a'.repeat(63)}\u00e9" is too long` });
  });
});

describe('log_connections: bool ≤17, string list in 18', () => {
  const lc = (v: string, detail: string) => inv('log_connections', v, undefined, detail);
  const req = { message: 'parameter "log_connections" requires a Boolean value' };
  check([
    // [12][16][18]
    [[12, 16], 'log_connections', 'ON', 'on'],
    [[12, 16], 'log_connections', 'of', 'off'],
    [[12, 16], 'log_connections', 'receipt,authorization', req],
    [[18], 'log_connections', 'ON', 'ON'],
    [[18], 'log_connections', 'on', 'on'],
    [[18], 'log_connections', '', ''],
    [[18], 'log_connections', ' on', ' on'],
    [[18], 'log_connections', 'receipt,authorization', 'receipt,authorization'],
    [[18], 'log_connections', 'all,receipt', 'all,receipt'],
    [[18], 'log_connections', 'RECEIPT', 'RECEIPT'],
    [[18], 'log_connections', '"receipt"', '"receipt"'],
    [[18], 'log_connections', 'bogus', lc('bogus', 'Invalid option "bogus".')],
    [[18], 'log_connections', 'of', lc('of', 'Invalid option "of".')],
    [[18], 'log_connections', 'yes, receipt', lc('yes, receipt', 'Cannot specify log_connections option "yes" in a list with other options.')],
    [[18], 'log_connections', 'off,receipt', lc('off,receipt', 'Cannot specify log_connections option "off" in a list with other options.')],
    [[18], 'log_connections', 'receipt,', lc('receipt,', 'Invalid list syntax in parameter "log_connections".')],
  ]);
});

describe("a unit the parameter does not accept: code 'invalid-unit' with the accepted units", () => {
  test.each([
    [16, 'work_mem', '8mb', { units: ['TB', 'GB', 'MB', 'kB', 'B'], unit: 'mb', numberText: '8' }],
    [10, 'work_mem', '8 mb ', { units: ['TB', 'GB', 'MB', 'kB'], unit: 'mb', numberText: '8 ' }],
    [11, 'checkpoint_timeout', '5Min', { units: ['d', 'h', 'min', 's', 'ms'], unit: 'Min', numberText: '5' }],
    [12, 'checkpoint_timeout', '5 minutes', { units: ['d', 'h', 'min', 's', 'ms', 'us'], unit: 'minutes', numberText: '5 ' }],
    [16, 'vacuum_cost_delay', '2MS', { units: ['d', 'h', 'min', 's', 'ms', 'us'], unit: 'MS', numberText: '2' }],
  ] as const)('PG%s %s = %j', (major, name, value, data) => {
    expect(run(major, name, value)).toMatchObject({ ok: false, code: 'invalid-unit', ...data });
  });
  test('other failures carry no code', () => {
    expect(run(16, 'work_mem', 'lots')).not.toHaveProperty('code');
    expect(run(16, 'max_connections', '100kB')).not.toHaveProperty('code');
  });
});

describe('values carry the parsed type', () => {
  test('typed values', () => {
    expect(run(16, 'work_mem', '8MB')).toEqual({ ok: true, value: 8192, canonical: '8192' });
    expect(run(16, 'fsync', 'of')).toEqual({ ok: true, value: false, canonical: 'off' });
    expect(run(16, 'random_page_cost', '1.23456789')).toEqual({ ok: true, value: 1.23456789, canonical: '1.23457' });
    expect(run(16, 'wal_level', 'archive')).toEqual({ ok: true, value: 'replica', canonical: 'replica' });
  });
  test('time zone names are not judged without a list', () => {
    const d = def(18, 'TimeZone');
    expect(parseGucValue(d, 'Mars/Olympus', 18)).toMatchObject({ ok: true });
    expect(parseGucValue(d, '', 18)).toMatchObject({ ok: false });
    expect(MACHINE_DEPENDENT_PARAMS).toContain('lc_messages');
  });
});

describe('format helpers', () => {
  test.each([
    [0, '0'], [-0, '-0'], [0.1, '0.1'], [2e6, '2e+06'], [1e-5, '1e-05'], [1e-4, '0.0001'],
    [123456, '123456'], [1234567, '1.23457e+06'], [123456.5, '123456'], [123457.5, '123458'],
    [999999.5, '1e+06'], [1.5, '1.5'], [100, '100'], [1e100, '1e+100'], [Number.MAX_VALUE, '1.79769e+308'],
    [5e-324, '4.94066e-324'], [0.000123456789, '0.000123457'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'], [NaN, 'NaN'],
  ])('formatG(%p) = %s', (x, want) => {
    expect(formatG(x)).toBe(want);
  });
  test('glibc flavour (≤11)', () => {
    expect(formatG(Infinity, 'glibc')).toBe('inf');
    expect(formatG(-Infinity, 'glibc')).toBe('-inf');
  });
  test('rint is half-to-even', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6].map(rint)).toEqual([0, 2, 2, -0, -2, 2, 3]);
  });
  test('strtol base 0', () => {
    expect(strtol('0x40B')).toEqual({ value: 1035, end: 5, erange: false });
    expect(strtol('08')).toEqual({ value: 0, end: 1, erange: false });
    expect(strtol('0x')).toEqual({ value: 0, end: 1, erange: false });
    expect(strtol('  -12abc')).toEqual({ value: -12, end: 5, erange: false });
    expect(strtol('abc').end).toBe(0);
    expect(strtol('99999999999999999999').erange).toBe(true);
  });
  test('strtod', () => {
    expect(strtod('0x1.8p1')).toEqual({ value: 3, end: 7, erange: false });
    expect(strtod('1e')).toEqual({ value: 1, end: 1, erange: false });
    expect(strtod('-Infinity').value).toBe(-Infinity);
    expect(strtod('1e-320').erange).toBe(true);
    expect(strtod('0x1p-1074').erange).toBe(false);
    expect(strtod('0x1p1024').erange).toBe(true);
  });
  test('parse_bool_with_len and SplitIdentifierString', () => {
    expect(['t', 'TRUE', 'of', 'o', '1', '10'].map(parseBool)).toEqual([true, true, false, null, true, null]);
    expect(splitIdentifierString(' A , "B""c" ')).toEqual(['a', 'B"c']);
    expect(splitIdentifierString('a,,b')).toBeNull();
    expect(splitIdentifierString('"a')).toBeNull();
  });
});
