import { afterAll, describe, expect, test } from '@jest/globals';
import { RULES } from '../rules/index.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const rule = (name: string) => RULES.filter((r) => r.name === name);

/** Lints one postgresql.conf (plus extra files) with a single rule; returns "line:col-endLine:endCol" keys. */
function run(name: string, conf: string, major: number, extra: Record<string, string> = {}) {
  const { findings } = lintTree({ 'postgresql.conf': conf, ...extra }, { pgVersion: major as 16 }, rule(name));
  return findings;
}

describe('syntax-error', () => {
  test.each([
    // [line, expected token range start column, end column] — token PostgreSQL names in "near token"
    ['work_mem = 8 MB', 1, 14, 16],
    ['listen_addresses = *', 1, 20, 21],
    ['unix_socket_directories = /tmp', 1, 27, 28],
    ['search_path = "$user"', 1, 15, 16],
    ['default_text_search_config = pg_catalog.english', 1, 30, 48],
    ['work_mem = 1.5MB', 1, 15, 17],
    ['work_mem = 0X2000', 1, 14, 18],
    ['myext.sub.setting = 1', 1, 1, 18],
  ])('%s is a syntax error at the token PostgreSQL names', (line, l, c, ec) => {
    const f = run('syntax-error', `# header\n${line}\n`, 16);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ line: l + 1, column: c, endColumn: ec, severity: 'error' });
    expect(f[0]!.message).toMatch(/^syntax error near token/);
  });

  test('a missing value is reported at the end of the line', () => {
    const f = run('syntax-error', 'work_mem =\n', 16);
    expect(f).toEqual([expect.objectContaining({ line: 1, column: 11, message: expect.stringMatching(/near end of line/) })]);
  });

  test('two bad lines give two findings, and valid lines none', () => {
    const f = run('syntax-error', "a = 1\nwork_mem = 4MB;\nport = 5432\nx = 'a' 'b'\n", 16);
    expect(f.map((x) => x.line)).toEqual([2, 4]);
  });

  test('errors inside included files are reported in the included file', () => {
    const f = run('syntax-error', "include 'inc.conf'\n", 16, { 'inc.conf': 'work_mem = 8 MB\n' });
    expect(f).toEqual([expect.objectContaining({ file: 'inc.conf', line: 1, column: 14 })]);
  });

  test('valid unusual spellings are not errors', () => {
    const ok = "work_mem 8MB\nwork_mem = 0x2000\nwork_mem='8 MB'#c\nINCLUDE_IF_EXISTS 'nope.conf'\napplication_name = a.b.c\nrandom_page_cost = .\n";
    expect(run('syntax-error', ok, 16)).toEqual([]);
  });
});

describe('unknown-setting', () => {
  test.each([
    ['logical_decoding_work_memo = 64MB', 'logical_decoding_work_mem'],
    ['max_wal_slot_keep_size = 10GB', 'max_slot_wal_keep_size'],
    ['shared_buffer = 1GB', 'shared_buffers'],
  ])('%s suggests the closest real name', (line, suggestion) => {
    const { findings, result } = lintTree({ 'postgresql.conf': `\n\n${line}\n` }, { pgVersion: 16 }, rule('unknown-setting'));
    expect(findings).toEqual([expect.objectContaining({ line: 3, column: 1, endColumn: line.indexOf(' ') + 1 })]);
    expect(result.diagnostics[0]!.help).toContain(`"${suggestion}"`);
  });

  test('two-part custom names are accepted without validation', () => {
    expect(run('unknown-setting', 'plpgsql.variable_conflict = bogus\npg_stat_statements.max = 10000\n', 16)).toEqual([]);
  });

  test('names are case-insensitive and old aliases are known', () => {
    expect(run('unknown-setting', 'Work_Mem = 4MB\nsort_mem = 1024\nvacuum_mem = 1024\n', 16)).toEqual([]);
  });

  test('a UTF-8 BOM becomes part of the first name', () => {
    const f = run('unknown-setting', '\uFEFFwork_mem = 8MB\n', 16);
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/byte order mark/);
  });

  test('removed names are left to removed-setting', () => {
    expect(run('unknown-setting', 'wal_keep_segments = 64\ncheckpoint_segments = 32\n', 16)).toEqual([]);
  });
});

describe('removed-setting', () => {
  test.each([
    [16, 'wal_keep_segments = 64', /removed after PostgreSQL 12/, /wal_keep_size/],
    [16, 'force_parallel_mode = on', /removed after PostgreSQL 15/, /debug_parallel_query/],
    [10, 'checkpoint_segments = 32', /removed after PostgreSQL 9\.4/, /max_wal_size/],
    [15, 'stats_temp_directory = \'pg_stat_tmp\'', /removed after PostgreSQL 14/, /shared memory/],
    [12, 'wal_keep_size = 1GB', /added in PostgreSQL 13/, /--pg-version/],
  ])('PostgreSQL %i: %s', (major, line, msg, help) => {
    const { findings, result } = lintTree({ 'postgresql.conf': line + '\n' }, { pgVersion: major as 16 }, rule('removed-setting'));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(msg);
    expect(result.diagnostics[0]!.help).toMatch(help);
  });

  test('the same names are fine where they exist', () => {
    expect(run('removed-setting', 'wal_keep_segments = 64\nstats_temp_directory = \'x\'\n', 12)).toEqual([]);
  });
});

describe('invalid-value', () => {
  test.each([
    [16, 'work_mem = 8mb', 'invalid value for parameter "work_mem": "8mb"'],
    [16, 'checkpoint_timeout = 5m', 'invalid value for parameter "checkpoint_timeout": "5m"'],
    [16, 'fsync = o', 'parameter "fsync" requires a Boolean value'],
    [16, 'wal_level = repl', 'invalid value for parameter "wal_level": "repl"'],
    [14, 'password_encryption = on', 'invalid value for parameter "password_encryption": "on"'],
    [16, 'max_connections = 08', 'invalid value for parameter "max_connections": "08"'],
    [16, 'autovacuum_freeze_max_age = 50000', '50000 is outside the valid range for parameter "autovacuum_freeze_max_age" (100000 .. 2000000000)'],
  ])('PostgreSQL %i: %s', (major, line, message) => {
    const f = run('invalid-value', `port = 5432\n${line}\n`, major);
    expect(f).toHaveLength(1);
    expect(f[0]!.line).toBe(2);
    expect(f[0]!.column).toBe(line.indexOf('=') + 3);
    expect(f[0]!.message.startsWith(message)).toBe(true);
  });

  test.each([
    [16, "fsync = of\nfsync = tru\nfsync = Y\nwal_level = hot_standby\nwal_level = REPLICA\nwork_mem = 0x40B\nwork_mem = '1.5MB'"],
    [13, 'password_encryption = on'],
    [12, "work_mem = '100000B'"],
  ])('PostgreSQL %i accepts unusual but valid spellings', (major, conf) => {
    expect(run('invalid-value', conf + '\n', major)).toEqual([]);
  });

  test('version-dependent: fractional units are PostgreSQL 12+', () => {
    expect(run('invalid-value', "work_mem = '1.5MB'\n", 11)).toHaveLength(1);
    expect(run('invalid-value', "work_mem = '1.5MB'\n", 12)).toHaveLength(0);
  });
});

describe('duplicate-setting', () => {
  test('the overridden line is reported and points at the winner', () => {
    const { findings, result } = lintTree(
      { 'postgresql.conf': "work_mem = 4MB\nport = 5432\ninclude 'more.conf'\n", 'more.conf': '\nWORK_MEM = 8MB\n' },
      { pgVersion: 16 },
      rule('duplicate-setting'),
    );
    expect(findings).toEqual([expect.objectContaining({ file: 'postgresql.conf', line: 1, column: 1, endColumn: 15 })]);
    expect(findings[0]!.message).toContain('more.conf:2');
    expect(result.diagnostics[0]!.related?.[0]!.loc.file).toBe('more.conf');
  });

  test('postgresql.auto.conf is read last and wins', () => {
    const { findings } = lintTree(
      { 'postgresql.conf': 'max_connections = 100\n', 'postgresql.auto.conf': 'max_connections = 300\n' },
      { pgVersion: 16 },
      rule('duplicate-setting'),
    );
    expect(findings).toEqual([expect.objectContaining({ file: 'postgresql.conf', line: 1 })]);
  });

  test('three assignments give two findings', () => {
    expect(run('duplicate-setting', 'port = 1\nport = 2\nport = 3\n', 16).map((f) => f.line)).toEqual([1, 2]);
  });
});

describe('unknown-setting options', () => {
  test('ignore patterns silence vendor parameters, case-insensitively', () => {
    const conf = 'edb_dynatune = 66\nEDB_redwood_date = on\noracle_home = x\nshared_buffer = 1GB\n';
    const { findings } = lintTree({ 'postgresql.conf': conf }, { pgVersion: 11, ruleOptions: { 'unknown-setting': { ignore: ['edb_*', 'oracle_home'] } } }, rule('unknown-setting'));
    expect(findings.map((f) => f.line)).toEqual([4]);
  });
});
