/**
 * Unit tests of the string check hooks (src/catalog/hooks.ts) through parseGucValue, one block
 * per hook. Every expectation below was seen on the real servers (10-18); test/differential/hooks.test.ts checks a few thousand more against them.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import invalidValue from '../rules/invalid-value.js';
import { loadCatalog, timezones } from '../src/catalog/catalog.js';
import { STRING_HOOKS, isUniversalLocale, parseInterval, stringHookFor } from '../src/catalog/hooks.js';
import type { Major } from '../src/catalog/types.js';
import { cleanupFixtures } from './support/fixture.js';
import { ruleTester } from './support/rule-tester.js';
import { MACHINE_DEPENDENT_PARAMS, UNEMULATED_CHECK_PARAMS, parseGucValue, type ValueResult } from '../src/catalog/values.js';

function judge(major: Major, name: string, value: string): ValueResult {
  const def = loadCatalog(major).params.get(name.toLowerCase());
  if (!def) throw new Error(`${name} unknown in ${major}`);
  return parseGucValue(def, value, major, { timezones: timezones(major) });
}

/** The LOG line with DETAIL and HINT as the server writes them, or "ok <canonical>". */
function log(major: Major, name: string, value: string): string {
  const r = judge(major, name, value);
  if (r.ok) return `ok ${r.canonical}`;
  return [r.message, ...(r.detail !== undefined ? [`DETAIL: ${r.detail}`] : []), ...(r.hint !== undefined ? [`HINT: ${r.hint}`] : [])].join('\n');
}

const bad = (name: string, value: string, detail?: string, hint?: string): string =>
  [`invalid value for parameter "${name}": "${value}"`, ...(detail !== undefined ? [`DETAIL: ${detail}`] : []), ...(hint !== undefined ? [`HINT: ${hint}`] : [])].join('\n');

describe('the table', () => {
  it('has one hook per parameter, each naming its PostgreSQL function', () => {
    const params = STRING_HOOKS.flatMap((h) => h.params);
    expect(new Set(params).size).toBe(params.length);
    for (const h of STRING_HOOKS) expect(h.source).toMatch(/check_|pg_tzset|load_tzoffsets/);
  });
  it('applies a hook only from its major on', () => {
    expect(stringHookFor('backtrace_functions', 12)).toBeUndefined();
    expect(stringHookFor('backtrace_functions', 13)).toBeDefined();
    expect(stringHookFor('synchronized_standby_slots', 16)).toBeUndefined();
    expect(stringHookFor('synchronized_standby_slots', 17)).toBeDefined();
    expect(stringHookFor('search_path', 10)).toBeDefined();
  });
  it('lists only recovery_target_time as partly emulated, and no emulated parameter as machine-dependent', () => {
    expect(UNEMULATED_CHECK_PARAMS).toEqual(['recovery_target_time']);
    for (const p of MACHINE_DEPENDENT_PARAMS) expect(stringHookFor(p, 18)).toBeUndefined();
  });
});

describe('DateStyle', () => {
  it('canonicalizes style and order', () => {
    expect(log(16, 'DateStyle', 'euro')).toBe('ok ISO, DMY');
    expect(log(16, 'DateStyle', 'German')).toBe('ok German, DMY');
    expect(log(16, 'DateStyle', 'German, YMD')).toBe('ok German, YMD');
    expect(log(16, 'DateStyle', 'default, sql')).toBe('ok SQL, MDY');
  });
  it('rejects unknown words and conflicts, with the 18 spelling of the name', () => {
    expect(log(16, 'DateStyle', 'bogus')).toBe(bad('DateStyle', 'bogus', 'Unrecognized key word: "bogus".'));
    expect(log(16, 'DateStyle', 'ISO, SQL')).toBe(bad('DateStyle', 'ISO, SQL', 'Conflicting "datestyle" specifications.'));
    expect(log(18, 'DateStyle', 'DMY, MDY')).toBe(bad('DateStyle', 'DMY, MDY', 'Conflicting "DateStyle" specifications.'));
    expect(log(18, 'DateStyle', '"ISO')).toBe(bad('DateStyle', '"ISO', 'List syntax is invalid.'));
  });
});

describe('TimeZone and log_timezone', () => {
  it('accepts tz database names in any case, a leading colon, POSIX specs and numbers of hours', () => {
    for (const v of ['Europe/Berlin', 'europe/berlin', 'zulu', ':UTC', 'EST5EDT4', 'FOO5BAR', 'UTC+3', '<+03>-3', '+3', '167']) {
      expect(log(18, 'TimeZone', v)).toBe(`ok ${v}`);
    }
    expect(log(12, 'TimeZone', 'posixrules')).toBe('ok posixrules');
  });
  it('rejects what pg_tzset cannot load', () => {
    for (const v of ['', 'Europe', 'localtime', 'Mars/Olympus']) expect(log(18, 'TimeZone', v)).toBe(bad('TimeZone', v));
    expect(log(16, 'TimeZone', 'posixrules')).toBe(bad('TimeZone', 'posixrules'));
    expect(log(18, 'TimeZone', '168')).toBe(bad('TimeZone', '168', 'UTC timezone offset is out of range.'));
  });
  it('takes INTERVAL forms, without months or days', () => {
    expect(log(18, 'TimeZone', "INTERVAL '+02:00'")).toBe("ok INTERVAL '+02:00'");
    expect(log(18, 'TimeZone', "INTERVAL '5 hours'")).toBe("ok INTERVAL '5 hours'");
    expect(log(12, 'TimeZone', "INTERVAL '1 day'")).toBe(bad('TimeZone', "INTERVAL '1 day'", 'Cannot specify days in time zone interval.'));
    expect(log(18, 'TimeZone', "INTERVAL '1 mon'")).toBe(bad('TimeZone', "INTERVAL '1 mon'", 'Cannot specify months in time zone interval.'));
    expect(log(18, 'TimeZone', "INTERVAL '200 hours'")).toBe(bad('TimeZone', "INTERVAL '200 hours'", 'UTC timezone offset is out of range.'));
    expect(log(18, 'TimeZone', "INTERVAL '-08:00' HOUR TO MINUTE")).toBe(bad('TimeZone', "INTERVAL '-08:00' HOUR TO MINUTE"));
    // interval_in raises an ERROR: FATAL in the postmaster.
    expect(log(18, 'TimeZone', "INTERVAL 'bogus'")).toBe('invalid input syntax for type interval: "bogus"');
  });
  it('parses the interval forms it judges, and leaves the others', () => {
    expect(parseInterval('@ 2 hours ago')).toEqual({ months: 0, days: 0, seconds: -7200 });
    expect(parseInterval('-3 hours 30 minutes')).toEqual({ months: 0, days: 0, seconds: -9000 });
    expect(parseInterval('PT5H')).toBe('unjudged');
    expect(parseInterval('0.5 day')).toBe('unjudged');
    expect(parseInterval('5 parsecs')).toBe('syntax');
  });
  it('log_timezone takes names and POSIX specs only', () => {
    expect(log(18, 'log_timezone', '+5.5')).toBe('ok +5.5');
    expect(log(18, 'log_timezone', 'Nowhere/Land')).toBe(bad('log_timezone', 'Nowhere/Land'));
  });
  it('passes names unjudged without a name list', () => {
    const def = loadCatalog(18).params.get('timezone')!;
    expect(parseGucValue(def, 'Mars/Olympus', 18).ok).toBe(true);
  });
});

describe('timezone_abbreviations', () => {
  it('is a file of share/timezonesets, case-sensitive', () => {
    expect(log(18, 'timezone_abbreviations', 'Default')).toBe('ok Default');
    expect(log(12, 'timezone_abbreviations', 'India')).toBe('ok India');
    for (const v of ['default', 'Nope', '../x', 'Default ']) expect(log(16, 'timezone_abbreviations', v)).toBe(bad('timezone_abbreviations', v));
    expect(log(18, 'timezone_abbreviations', '')).toBe('could not read time zone file "": Is a directory');
  });
});

describe('log_destination', () => {
  it('knows jsonlog from 15 and never eventlog on Linux', () => {
    expect(log(18, 'log_destination', 'stderr, CSVLOG,jsonlog')).toBe('ok stderr, CSVLOG,jsonlog');
    expect(log(12, 'log_destination', 'jsonlog')).toBe(bad('log_destination', 'jsonlog', 'Unrecognized key word: "jsonlog".'));
    expect(log(18, 'log_destination', 'eventlog')).toBe(bad('log_destination', 'eventlog', 'Unrecognized key word: "eventlog".'));
    expect(log(18, 'log_destination', 'stderr,')).toBe(bad('log_destination', 'stderr,', 'List syntax is invalid.'));
  });
});

describe('list syntax: search_path, temp_tablespaces', () => {
  it('checks SplitIdentifierString only', () => {
    expect(log(18, 'search_path', '"$user", public')).toBe('ok "$user", public');
    expect(log(18, 'search_path', '""')).toBe('ok ""');
    expect(log(18, 'search_path', 'a, , b')).toBe(bad('search_path', 'a, , b', 'List syntax is invalid.'));
    expect(log(12, 'temp_tablespaces', '"x')).toBe(bad('temp_tablespaces', '"x', 'List syntax is invalid.'));
  });
});

describe('synchronous_standby_names', () => {
  it('accepts the grammar', () => {
    for (const v of ['*', 'FIRST 2 (a,b)', 'any 1 (s1, "s 2")', 's1, s2', '2 (a)', 'a$', '99999999999 (a)', 'anyone']) {
      expect(log(18, 'synchronous_standby_names', v)).toBe(`ok ${v}`);
    }
  });
  it('reports the parser error like bison, the first one only', () => {
    expect(log(12, 'synchronous_standby_names', '2 (a')).toBe(bad('synchronous_standby_names', '2 (a', 'syntax error at end of input'));
    expect(log(16, 'synchronous_standby_names', 'a b')).toBe(bad('synchronous_standby_names', 'a b', 'syntax error at or near "b"'));
    expect(log(18, 'synchronous_standby_names', 'a-b')).toBe(bad('synchronous_standby_names', 'a-b', 'syntax error at or near "-"'));
    expect(log(18, 'synchronous_standby_names', 'a "b"')).toBe(bad('synchronous_standby_names', 'a "b"', 'syntax error at or near """'));
    expect(log(18, 'synchronous_standby_names', 'any')).toBe(bad('synchronous_standby_names', 'any', 'syntax error at end of input'));
    expect(log(18, 'synchronous_standby_names', '"a')).toBe(bad('synchronous_standby_names', '"a', 'unterminated quoted identifier at end of input'));
    // A syntax error before the unterminated quote wins.
    expect(log(18, 'synchronous_standby_names', 'a-b "q')).toBe(bad('synchronous_standby_names', 'a-b "q', 'syntax error at or near "-"'));
  });
  it('needs at least one synchronous standby (atoi of the number)', () => {
    expect(log(18, 'synchronous_standby_names', 'ANY 0 (a)')).toBe('number of synchronous standbys (0) must be greater than zero');
    expect(log(18, 'synchronous_standby_names', '4294967296 (a)')).toBe('number of synchronous standbys (0) must be greater than zero');
    expect(log(18, 'synchronous_standby_names', '2147483648 (a)')).toBe('number of synchronous standbys (-2147483648) must be greater than zero');
  });
});

describe('replication slot names', () => {
  const hint = 'Replication slot names may only contain lower case letters, numbers, and the underscore character.';
  it('synchronized_standby_slots (17+): an identifier list of valid slot names', () => {
    expect(log(18, 'synchronized_standby_slots', 'Bad, b_1')).toBe('ok Bad, b_1');
    expect(log(18, 'synchronized_standby_slots', '*')).toBe(bad('synchronized_standby_slots', '*', 'replication slot name "*" contains invalid character', hint));
    expect(log(17, 'synchronized_standby_slots', '"Q"')).toBe(bad('synchronized_standby_slots', '"Q"', 'replication slot name "Q" contains invalid character', hint));
    expect(log(18, 'synchronized_standby_slots', 'a,""')).toBe(bad('synchronized_standby_slots', 'a,""', 'replication slot name "" is too short'));
    expect(log(18, 'synchronized_standby_slots', 'a,')).toBe(bad('synchronized_standby_slots', 'a,', 'List syntax is invalid.'));
  });
  it('primary_slot_name: the reason in the DETAIL from 13', () => {
    expect(log(16, 'primary_slot_name', 'Bad')).toBe(bad('primary_slot_name', 'Bad', 'replication slot name "Bad" contains invalid character', hint));
    expect(log(12, 'primary_slot_name', 'Bad')).toBe(bad('primary_slot_name', 'Bad'));
    expect(log(12, 'primary_slot_name', '')).toBe('ok ');
  });
});

describe('recovery targets', () => {
  it('recovery_target is "immediate" exactly', () => {
    expect(log(16, 'recovery_target', 'immediate')).toBe('ok immediate');
    expect(log(16, 'recovery_target', 'Immediate')).toBe(bad('recovery_target', 'Immediate', 'The only allowed value is "immediate".'));
  });
  it('recovery_target_xid and _timeline only reject a number that overflows strtoul', () => {
    for (const v of ['abc', '-1', '0x10', ' 5', '18446744073709551615']) expect(log(18, 'recovery_target_xid', v)).toBe(`ok ${v}`);
    expect(log(18, 'recovery_target_xid', '18446744073709551616')).toBe(bad('recovery_target_xid', '18446744073709551616'));
    expect(log(16, 'recovery_target_timeline', '99999999999999999999')).toBe(bad('recovery_target_timeline', '99999999999999999999', 'recovery_target_timeline is not a valid number.'));
    expect(log(18, 'recovery_target_timeline', '99999999999999999999')).toBe(bad('recovery_target_timeline', '99999999999999999999', '"recovery_target_timeline" is not a valid number.'));
    expect(log(18, 'recovery_target_timeline', 'Latest')).toBe('ok Latest');
  });
  it('recovery_target_name is shorter than 64 bytes', () => {
    expect(log(18, 'recovery_target_name', 'a'.repeat(63))).toBe(`ok ${'a'.repeat(63)}`);
    expect(log(12, 'recovery_target_name', 'a'.repeat(64))).toBe(bad('recovery_target_name', 'a'.repeat(64), 'recovery_target_name is too long (maximum 63 characters).'));
    expect(log(18, 'recovery_target_name', 'é'.repeat(32))).toBe(bad('recovery_target_name', 'é'.repeat(32), '"recovery_target_name" is too long (maximum 63 characters).'));
  });
  it('recovery_target_lsn is a pg_lsn', () => {
    for (const v of ['0/0', 'FFFFFFFF/FFFFFFFF', '12345678/9ABCDEF0']) expect(log(18, 'recovery_target_lsn', v)).toBe(`ok ${v}`);
    for (const v of ['0/', '123456789/0', 'g/0', ' 0/0']) expect(log(18, 'recovery_target_lsn', v)).toBe(bad('recovery_target_lsn', v));
  });
  it('recovery_target_time: the common timestamp forms', () => {
    for (const v of ['2024-01-01', '2024-02-29 23:59:59', '2024-01-01 12:00:00 Europe/Berlin', '2024-01-01T12:00+02', '2024-01-01 12:00 CET']) {
      expect(log(18, 'recovery_target_time', v)).toBe(`ok ${v}`);
    }
    for (const v of ['now', 'bogus', 'epoch', 'infinity', '12:00', '2024-13-01', '2023-02-29', '2024-01-01 12:00:00 PST', "it's"]) {
      expect(log(16, 'recovery_target_time', v)).toBe(bad('recovery_target_time', v));
    }
    // Up to 15 an unknown zone name with a slash is an ERROR (FATAL in the postmaster).
    expect(log(12, 'recovery_target_time', '2024-01-01 12:00 Mars/Olympus')).toBe('time zone "mars/olympus" not recognized');
    expect(log(18, 'recovery_target_time', '2024-01-01 12:00 Mars/Olympus')).toBe(bad('recovery_target_time', '2024-01-01 12:00 Mars/Olympus'));
  });
  it('recovery_target_time: other forms pass unjudged', () => {
    const h = stringHookFor('recovery_target_time', 18)!;
    expect(h.check({ value: 'January 8, 2024', major: 18, enc: 'utf8', timezones: timezones(18) })).toEqual({ ok: true, unjudged: 'a timestamp form the emulation does not parse' });
    expect(log(18, 'recovery_target_time', 'Today')).toBe('ok Today');
  });
});

describe('keyword lists', () => {
  it('restrict_nonsystem_relation_kind (12.20+ minors, 17)', () => {
    expect(log(12, 'restrict_nonsystem_relation_kind', 'View, foreign-table')).toBe('ok View, foreign-table');
    expect(log(18, 'restrict_nonsystem_relation_kind', 'table')).toBe(bad('restrict_nonsystem_relation_kind', 'table', 'Unrecognized key word: "table".'));
  });
  it('createrole_self_grant (16+)', () => {
    expect(log(16, 'createrole_self_grant', 'set, INHERIT')).toBe('ok set, INHERIT');
    expect(log(18, 'createrole_self_grant', 'admin')).toBe(bad('createrole_self_grant', 'admin', 'Unrecognized key word: "admin".'));
  });
  it('debug_io_direct (16+, on Linux)', () => {
    expect(log(16, 'debug_io_direct', 'data,WAL')).toBe('ok data,WAL');
    expect(log(16, 'debug_io_direct', 'bogus')).toBe(bad('debug_io_direct', 'bogus', 'invalid option "bogus"'));
    expect(log(17, 'debug_io_direct', 'bogus')).toBe(bad('debug_io_direct', 'bogus', 'Invalid option "bogus"'));
    expect(log(18, 'debug_io_direct', 'bogus')).toBe(bad('debug_io_direct', 'bogus', 'Invalid option "bogus".'));
    expect(log(17, 'debug_io_direct', 'data,')).toBe(bad('debug_io_direct', 'data,', 'Invalid list syntax in parameter "debug_io_direct"'));
  });
  it('backtrace_functions (13+): identifier characters, commas and blanks', () => {
    expect(log(16, 'backtrace_functions', 'a, b')).toBe('ok a, b');
    expect(log(16, 'backtrace_functions', 'a-b')).toBe(bad('backtrace_functions', 'a-b', 'invalid character'));
    expect(log(17, 'backtrace_functions', 'a-b')).toBe(bad('backtrace_functions', 'a-b', 'Invalid character'));
    expect(log(18, 'backtrace_functions', 'a-b')).toBe(bad('backtrace_functions', 'a-b', 'Invalid character.'));
  });
});

describe('client_encoding', () => {
  it('canonicalizes aliases, keeps UNICODE as written', () => {
    expect(log(12, 'client_encoding', 'utf-8')).toBe('ok UTF8');
    expect(log(16, 'client_encoding', 'unicode')).toBe('ok UTF8');
    expect(log(16, 'client_encoding', 'UNICODE')).toBe('ok UNICODE');
    expect(log(18, 'client_encoding', 'win')).toBe('ok WIN1251');
    expect(log(18, 'client_encoding', 'ISO-8859-5')).toBe('ok ISO_8859_5');
    expect(log(18, 'client_encoding', 'bogus')).toBe(bad('client_encoding', 'bogus'));
  });
});

describe('check_canonical_path', () => {
  it('collapses slashes and drops trailing ones, as -C prints it', () => {
    expect(log(12, 'log_directory', 'a//b/')).toBe('ok a/b');
    expect(log(18, 'log_directory', '//')).toBe('ok /');
    expect(log(16, 'external_pid_file', '/run//pg.pid')).toBe('ok /run/pg.pid');
    // "." and ".." are resolved differently over the majors: left as written, unjudged.
    expect(log(16, 'log_directory', './a/../b')).toBe('ok ./a/../b');
  });
});

describe('accepted while the postmaster reads its files', () => {
  it('catalog-dependent names are not looked up', () => {
    expect(log(18, 'default_text_search_config', 'nope')).toBe('ok nope');
    expect(log(18, 'default_tablespace', 'nope')).toBe('ok nope');
    expect(log(18, 'default_table_access_method', 'nope')).toBe('ok nope');
    expect(log(18, 'default_table_access_method', '')).toBe(bad('default_table_access_method', '', '"default_table_access_method" cannot be empty.'));
  });
});

describe('locales', () => {
  it('knows the names every server has', () => {
    for (const v of ['', 'C', 'c', 'POSIX', 'C.UTF-8', 'C.utf8']) expect(isUniversalLocale(v)).toBe(true);
    for (const v of ['en_US.UTF-8', 'de_DE', 'C.UTF8x']) expect(isUniversalLocale(v)).toBe(false);
  });
});

afterAll(cleanupFixtures);

// The findings: a hook's rejection is an invalid-value error at the value; a locale name other than
// C, POSIX and C.UTF-8 is one info finding per name (the files cannot show it is installed).
ruleTester(invalidValue, {
  valid: [
    { code: "lc_messages = 'C'\nlc_monetary = 'POSIX'\nlc_numeric = 'C.UTF-8'\nlc_time = ''\n" },
    { code: "synchronous_standby_names = 'ANY 2 (s1, s2, s3)'\nrecovery_target_lsn = '0/3000000'\n" },
    { code: "timezone_abbreviations = 'Default'\nDateStyle = 'iso, dmy'\n" },
    { code: "recovery_target_xid = '5'\nrecovery_target_xid = ''\nrecovery_target_name = 'x'\n", pgVersion: 16, name: 'a target unset before another is set' },
    { code: "recovery_target_lsn = '0/1'\nrecovery_target_lsn = '0/2'\n", name: 'the same target twice' },
    { code: "shared_preload_libraries = 'pg_stat_statements, \"my lib\" , /opt/lib with space/x.so'\n", name: 'library names may hold blanks' },
    { code: "shared_preload_libraries = ''\nlocal_preload_libraries = ' '\n" },
  ],
  invalid: [
    {
      code: "synchronous_standby_names = 'FIRST 2 s1, s2'\n",
      errors: [{ line: 1, column: 29, endColumn: 45, severity: 'error', message: 'invalid value for parameter "synchronous_standby_names": "FIRST 2 s1, s2" (syntax error at or near "s1"): PostgreSQL 17 refuses to start with it' }],
    },
    {
      code: "recovery_target_lsn = '0/XYZ'\n",
      pgVersion: 16,
      errors: [{ line: 1, column: 23, message: 'invalid value for parameter "recovery_target_lsn": "0/XYZ": PostgreSQL 16 refuses to start with it' }],
    },
    {
      code: "backtrace_functions = 'main, ExecInit*'\n",
      pgVersion: 18,
      errors: [{ line: 1, column: 23, message: 'invalid value for parameter "backtrace_functions": "main, ExecInit*" (Invalid character): PostgreSQL 18 refuses to start with it' }],
    },
    {
      code: "timezone_abbreviations = 'default'\n",
      errors: [{ line: 1, column: 26, message: 'invalid value for parameter "timezone_abbreviations": "default": PostgreSQL 17 refuses to start with it' }],
    },
    {
      code: "recovery_target_xid = '5'\nrecovery_target_name = 'before_upgrade'\n",
      pgVersion: 18,
      errors: [
        {
          line: 2,
          column: 24,
          message:
            'multiple recovery targets specified (recovery_target_name after recovery_target_xid; at most one of "recovery_target", "recovery_target_lsn", "recovery_target_name", "recovery_target_time", "recovery_target_xid" may be set): PostgreSQL 18 refuses to start with it',
        },
      ],
    },
    {
      // The later xid = '' does not unset the name: its assign hook fails first (seen on 12-18).
      code: "recovery_target_name = 'x'\nrecovery_target_xid = '5'\nrecovery_target_xid = ''\n",
      pgVersion: 12,
      errors: [{ line: 3, column: 23, message: /^multiple recovery targets specified \(recovery_target_xid after recovery_target_name; at most one of recovery_target, / }],
    },
    {
      code: "shared_preload_libraries = 'pg_stat_statements, \"auto_explain'\n",
      errors: [
        {
          line: 1,
          column: 28,
          severity: 'warning',
          message: 'invalid list syntax in parameter "shared_preload_libraries": PostgreSQL 17 starts but loads none of these libraries (it only logs the error)',
        },
      ],
    },
    {
      code: "session_preload_libraries = 'auto_explain,,pg_hint_plan'\n",
      errors: [{ line: 1, column: 29, severity: 'warning', message: /^invalid list syntax in parameter "session_preload_libraries": no connection loads/ }],
    },
    {
      code: "lc_messages = 'en_US.UTF-8'\nlc_monetary = 'en_US.UTF-8'\nlc_numeric = 'de_DE.UTF-8'\nlc_time = 'C'\n",
      pgVersion: 18,
      errors: [
        {
          line: 1,
          column: 15,
          endColumn: 28,
          severity: 'info',
          message: 'locale "en_US.UTF-8" (lc_messages, lc_monetary) cannot be checked from the files: PostgreSQL 18 checks it with setlocale() on the server and refuses to start if that machine lacks it',
        },
        { line: 3, column: 14, severity: 'info', message: /^locale "de_DE.UTF-8" \(lc_numeric\) cannot be checked/ },
      ],
    },
  ],
});
