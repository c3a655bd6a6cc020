// Patroni's YAML as Patroni applies it. Every expectation is written by hand from Patroni's source at
// commit de6b22c800a4e5edb351482f0bf64415271003f6 (patroni/config.py, patroni/postgresql/config.py,
// patroni/postgresql/bootstrap.py, patroni/utils.py, patroni/validator.py) and initdb's pg_hba.conf.sample.
import { afterAll, describe, expect, test } from '@jest/globals';
import { readHba, readSettings, type LintOptions } from '../src/api.js';
import { CARRIERS } from '../src/carriers/kit.js';
import { RULES } from '../rules/index.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';
import { lint } from './support/lint.js';
import { locate } from '../src/report/common.js';
import type { Major } from '../src/types.js';
import { createSourceFile } from '../src/source/source.js';

afterAll(cleanupFixtures);

function settings(yaml: string, pgVersion?: Major, extra: Record<string, string> = {}): Map<string, { setting: string | null; line: number }>[] {
  const dir = makeTree({ 'patroni.yml': yaml, ...extra });
  const opts: LintOptions = { cwd: dir, carriers: CARRIERS, ...(pgVersion ? { pgVersion } : {}) };
  return readSettings(['.'], opts).results.map((r) => new Map(r.rows.map((row) => [row.name!, { setting: row.setting, line: row.sourceline }])));
}

function values(yaml: string, pgVersion?: Major): Record<string, string | null> {
  return Object.fromEntries([...settings(yaml, pgVersion)[0]!].map(([k, v]) => [k, v.setting]));
}

function hba(yaml: string): string[][] | undefined {
  const dir = makeTree({ 'patroni.yml': yaml });
  const r = readHba(['.'], { cwd: dir, carriers: CARRIERS, pgVersion: 17 }).results[0];
  return r?.rows.map((row) => [String(row.line_number), row.type!, (row.database ?? []).join(','), (row.user_name ?? []).join(','), row.address ?? '', row.auth_method ?? '']);
}

describe('parameters (config.py _build_effective_configuration, _process_postgresql_parameters; handler get_server_parameters)', () => {
  test("Patroni's defaults, listen_addresses and port from postgresql.listen, cluster_name from scope (17)", () => {
    expect(values('scope: demo\npostgresql:\n  listen: 10.0.0.5:5433\n', 17)).toEqual({
      // Config.__DEFAULT_CONFIG: the CMDLINE_OPTIONS defaults without wal_keep_*; only wal_log_hints
      // differs from PostgreSQL's own (wal_level replica, hot_standby on, max_connections 100, …).
      wal_log_hints: 'on',
      // wal_keep_segments' default 8 × 16MB on 13+.
      wal_keep_size: '128MB',
      listen_addresses: '10.0.0.5',
      port: '5433',
      cluster_name: 'demo',
    });
  });

  test('on 12 the default is wal_keep_segments = int((128 + 8) / 16) = 8', () => {
    const v = values('scope: demo\n', 12);
    expect(v.wal_keep_segments).toBe('8');
    expect(v.wal_keep_size).toBeUndefined();
  });

  test('the DCS over the defaults, the local section over the DCS; a checked integer is written as parsed', () => {
    const yaml = [
      'scope: demo', // 1
      'bootstrap:', // 2
      '  dcs:', // 3
      '    postgresql:', // 4
      '      parameters:', // 5
      '        work_mem: 4MB', // 6
      "        max_connections: '0x100'", // 7
      '        wal_level: hot_standby', // 8
      '        wal_keep_segments: 32', // 9
      '        synchronous_commit: off', // 10
      'postgresql:', // 11
      '  parameters:', // 12
      '    work_mem: 8MB', // 13
      '    max_connections: 900', // 14
      '',
    ].join('\n');
    const s = settings(yaml, 17)[0]!;
    expect(s.get('work_mem')).toEqual({ setting: '8MB', line: 13 });
    expect(s.get('max_connections')).toEqual({ setting: '256', line: 7 });
    expect(s.get('wal_level')).toEqual({ setting: 'replica', line: 8 });
    expect(s.get('wal_keep_size')).toEqual({ setting: '512MB', line: 9 });
    expect(s.has('wal_keep_segments')).toBe(false);
    // PyYAML reads off as False, and Patroni writes str(False).
    expect(s.get('synchronous_commit')).toEqual({ setting: 'False', line: 10 });
    // Patroni's default wal_log_hints stands at the postgresql section.
    expect(s.get('wal_log_hints')).toEqual({ setting: 'on', line: 11 });
  });

  test('wal_keep_size in the DCS on 12 becomes wal_keep_segments = int((1024 + 8) / 16)', () => {
    const v = values('scope: demo\nbootstrap:\n  dcs:\n    postgresql:\n      parameters:\n        wal_keep_size: 1GB\n', 12);
    expect(v.wal_keep_segments).toBe('64');
    expect(v.wal_keep_size).toBeUndefined();
  });

  test('split_host_port: no port is 5432; IPv6 hosts lose their brackets', () => {
    expect(values('scope: demo\npostgresql:\n  listen: "*"\n', 17)).toMatchObject({ listen_addresses: '*', port: '5432' });
    expect(values("scope: demo\npostgresql:\n  listen: '[::1],127.0.0.1:5433'\n", 17)).toMatchObject({ listen_addresses: '::1,127.0.0.1', port: '5433' });
  });

  test("a list or mapping is written as Python's str() of it, as Patroni writes it", () => {
    const v = values("scope: demo\npostgresql:\n  parameters:\n    shared_preload_libraries: [pg_stat_statements, \"it's\"]\n    x.y: {a: 1, b: null}\n", 17);
    expect(v.shared_preload_libraries).toBe(`['pg_stat_statements', "it's"]`);
    expect(v['x.y']).toBe("{'a': 1, 'b': None}");
  });

  test('a value with a quote is written with it doubled, as ConfigWriter.escape does', () => {
    expect(values('scope: demo\npostgresql:\n  parameters:\n    application_name: "it\'s"\n', 17).application_name).toBe("it's");
  });
});

describe('the major (bin_dir, then data_dir, then PG_VERSION beside, a path, the newest)', () => {
  const major = (yaml: string, extra: Record<string, string> = {}, pgVersion?: Major): number => {
    const dir = makeTree({ 'deploy/patroni.yml': yaml, ...extra });
    return lint(['.'], { cwd: dir, ...(pgVersion ? { pgVersion } : {}) }, []).files[0]!.pgVersion;
  };
  test('bin_dir names it first', () => {
    expect(major('postgresql:\n  bin_dir: /usr/lib/postgresql/13/bin\n  data_dir: /var/lib/pgsql/15/data\n')).toBe(13);
  });
  test('then data_dir', () => {
    expect(major('postgresql:\n  data_dir: /var/lib/pgsql/15/data\n')).toBe(15);
  });
  test('then a PG_VERSION beside the file', () => {
    expect(major('postgresql:\n  data_dir: /data\n', { 'deploy/PG_VERSION': '12\n' })).toBe(12);
  });
  test('the flag wins over the file', () => {
    expect(major('postgresql:\n  bin_dir: /usr/lib/postgresql/13/bin\n', {}, 16)).toBe(16);
  });
});

describe('pg_hba (handler replace_pg_hba, append_pg_hba; bootstrap.py bootstrap; config.py build_effective_postgresql_configuration)', () => {
  test('the local pg_hba replaces the DCS one', () => {
    const yaml = 'scope: d\nbootstrap:\n  dcs:\n    postgresql:\n      pg_hba:\n        - host all all 0.0.0.0/0 trust\npostgresql:\n  pg_hba:\n    - host all all 10.0.0.0/8 scram-sha-256\n';
    expect(hba(yaml)).toEqual([['9', 'host', 'all', 'all', '10.0.0.0', 'scram-sha-256']]);
  });

  test('without a local one, the DCS one', () => {
    const yaml = 'scope: d\nbootstrap:\n  dcs:\n    postgresql:\n      pg_hba:\n        - host all all 0.0.0.0/0 md5\n';
    expect(hba(yaml)).toEqual([['6', 'host', 'all', 'all', '0.0.0.0', 'md5']]);
  });

  test("the primary's pg_hba_primary replaces the list; the replica's is a cluster of its own", () => {
    const yaml = 'scope: d\npostgresql:\n  pg_hba:\n    - host all all 10.0.0.0/8 md5\n  pg_hba_primary:\n    - host all all 10.1.0.0/16 scram-sha-256\n  pg_hba_replica:\n    - host all all 10.2.0.0/16 scram-sha-256\n';
    const dir = makeTree({ 'patroni.yml': yaml });
    const r = readHba(['.'], { cwd: dir, carriers: CARRIERS, pgVersion: 17 }).results;
    expect(r.map((x) => [x.cluster, x.rows.map((row) => `${row.line_number} ${row.address}`)])).toEqual([
      ['patroni.yml', ['6 10.1.0.0']],
      ['patroni.yml (replica)', ['8 10.2.0.0']],
    ]);
  });

  test('hba_file set: Patroni writes no pg_hba.conf', () => {
    expect(hba('scope: d\npostgresql:\n  parameters:\n    hba_file: /etc/pg/pg_hba.conf\n  pg_hba:\n    - host all all 0.0.0.0/0 trust\n')).toBeUndefined();
  });

  test("legacy bootstrap.pg_hba is appended after initdb's records, with bootstrap.initdb's auth methods", () => {
    const yaml = [
      'scope: d', // 1
      'bootstrap:', // 2
      '  initdb:', // 3
      '    - auth-host: scram-sha-256', // 4
      '    - auth-local: peer', // 5
      '    - data-checksums', // 6
      '  pg_hba:', // 7
      '    - host replication repl 10.0.0.0/8 scram-sha-256', // 8
      '',
    ].join('\n');
    // pg_hba.conf.sample (the same records in 10–18): local all, host all ×2, local replication, host replication ×2.
    expect(hba(yaml)).toEqual([
      ['5', 'local', 'all', 'all', '', 'peer'],
      ['4', 'host', 'all', 'all', '127.0.0.1', 'scram-sha-256'],
      ['4', 'host', 'all', 'all', '::1', 'scram-sha-256'],
      ['5', 'local', 'replication', 'all', '', 'peer'],
      ['4', 'host', 'replication', 'all', '127.0.0.1', 'scram-sha-256'],
      ['4', 'host', 'replication', 'all', '::1', 'scram-sha-256'],
      ['8', 'host', 'replication', 'repl', '10.0.0.0', 'scram-sha-256'],
    ]);
  });

  test('initdb without auth options trusts; an empty pg_hba list counts as none; a custom bootstrap method has no initdb records', () => {
    const legacy = 'scope: d\npostgresql:\n  pg_hba: []\nbootstrap:\n  pg_hba:\n    - host all all 10.0.0.0/8 md5\n';
    expect(hba(legacy)?.map((r) => `${r[1]} ${r[2]} ${r[4]} ${r[5]}`)).toEqual([
      'local all  trust',
      'host all 127.0.0.1 trust',
      'host all ::1 trust',
      'local replication  trust',
      'host replication 127.0.0.1 trust',
      'host replication ::1 trust',
      'host all 10.0.0.0 md5',
    ]);
    // initdb's records are located at bootstrap.initdb when it is there (where auth options would change them), else at the list.
    expect(hba(legacy)?.map((r) => r[0])).toEqual(['5', '5', '5', '5', '5', '5', '6']);
    const withInitdb = 'scope: d\nbootstrap:\n  initdb:\n    - data-checksums\n  pg_hba:\n    - host all all 10.0.0.0/8 md5\n';
    expect(hba(withInitdb)?.map((r) => r[0])).toEqual(['3', '3', '3', '3', '3', '3', '6']);
    const custom = 'scope: d\nbootstrap:\n  method: restore\n  restore:\n    command: /bin/restore\n  pg_hba:\n    - host all all 10.0.0.0/8 md5\n';
    expect(hba(custom)).toEqual([['7', 'host', 'all', 'all', '10.0.0.0', 'md5']]);
  });

  test('no pg_hba anywhere: nothing is synthesized (initdb\'s file on the server is not judged)', () => {
    expect(hba('scope: d\npostgresql:\n  listen: 0.0.0.0:5432\n')).toBeUndefined();
  });
});

describe('pg_ident, use_pg_rewind, errors', () => {
  test('pg_ident from the local section; none when ident_file is set', () => {
    const dir = makeTree({ 'patroni.yml': 'scope: d\npostgresql:\n  pg_ident:\n    - ops alice postgres\n  pg_hba:\n    - local all all peer map=ops\n' });
    const r = lint(['.'], { cwd: dir, pgVersion: 17 }, RULES.filter((x) => x.name === 'hba-map-undefined' || x.name === 'ident-map-unused'));
    expect(r.diagnostics).toEqual([]);
    const dir2 = makeTree({ 'patroni.yml': 'scope: d\npostgresql:\n  parameters:\n    ident_file: /etc/ident\n  pg_ident:\n    - ops alice postgres\n  pg_hba:\n    - local all all peer map=other\n' });
    const r2 = lint(['.'], { cwd: dir2, pgVersion: 17 }, RULES.filter((x) => x.name === 'hba-map-undefined'));
    // With ident_file set the YAML's pg_ident is not written, so nothing is known about the maps.
    expect(r2.diagnostics).toEqual([]);
  });

  test('bootstrap.initdb: [data-checksums] is evidence of data checksums for rewind-not-ready (not with a custom bootstrap method)', () => {
    const yaml = (initdb: string): string =>
      ['scope: d', 'bootstrap:', '  dcs:', '    postgresql:', '      use_pg_rewind: true', '      parameters:', '        wal_log_hints: off', initdb, ''].join('\n');
    const rule = RULES.filter((x) => x.name === 'rewind-not-ready');
    const run = (text: string): string[] => lint(['.'], { cwd: makeTree({ 'patroni.yml': text }), pgVersion: 17 }, rule).diagnostics.map((d) => d.rule);
    // bootstrap.py passes each plain item of the initdb list as --item: --data-checksums.
    expect(run(yaml('  initdb:\n    - encoding: UTF8\n    - data-checksums'))).toEqual([]);
    expect(run(yaml('  initdb:\n    - encoding: UTF8'))).toEqual(['rewind-not-ready']);
    // A custom bootstrap method runs its own command: the initdb list is not used.
    expect(run(yaml('  method: restore\n  restore:\n    command: /bin/true\n  initdb:\n    - data-checksums'))).toEqual(['rewind-not-ready']);
  });

  test("initdb's six trust records make one hba-local-trust finding at bootstrap.initdb; a message names a synthesized record by its carrier line", () => {
    const yaml = [
      'scope: d', // 1
      'bootstrap:', // 2
      '  initdb:', // 3
      '    - encoding: UTF8', // 4
      '  pg_hba:', // 5
      '    - host replication all 127.0.0.1/32 md5', // 6: initdb's `host replication all 127.0.0.1/32 trust` matches first
      '    - host all all 10.0.0.0/8 scram-sha-256', // 7
      '',
    ].join('\n');
    const rules = RULES.filter((x) => x.name === 'hba-local-trust' || x.name === 'hba-unreachable-record');
    const r = lint(['.'], { cwd: makeTree({ 'patroni.yml': yaml }), pgVersion: 17 }, rules);
    const shown = r.diagnostics.map((d) => [d.rule, locate(d, r.sources).line, d.message.match(/\(and \d+ more findings of this rule on what this line writes\)$/)?.[0] ?? '']);
    expect(shown).toEqual([
      ['hba-local-trust', 3, '(and 5 more findings of this rule on what this line writes)'],
      ['hba-unreachable-record', 6, ''],
    ]);
    // initdb's record stands at bootstrap.initdb (line 3), not at its line in the synthesized file.
    expect(r.diagnostics[1]!.message).toContain('unreachable record: patroni.yml:3 (host replication all 127.0.0.1/32 trust)');
  });

  test('one problem, one finding: the rules on one pg_hba record written in the YAML merge as on a plain file', () => {
    const yaml = ['scope: d', 'postgresql:', '  listen: 0.0.0.0:5432', '  pg_hba:', '    - local all all peer', '    - host all all 0.0.0.0/0 md5', ''].join('\n');
    const r = lint(['.'], { cwd: makeTree({ 'patroni.yml': yaml }), pgVersion: 17 });
    const onRecord = r.diagnostics.filter((d) => locate(d, r.sources).line === 6 && !d.suppressed);
    expect(onRecord.map((d) => [d.rule, d.also])).toEqual([['hba-open-to-world', ['hba-md5', 'hba-all-users-all-databases']]]);
  });

  test('use_pg_rewind: true is evidence of failover for rewind-not-ready, located at it', () => {
    const yaml = [
      'scope: d', // 1
      'bootstrap:', // 2
      '  dcs:', // 3
      '    postgresql:', // 4
      '      use_pg_rewind: true', // 5
      '      parameters:', // 6
      '        wal_log_hints: off', // 7
      '',
    ].join('\n');
    const rule = RULES.filter((x) => x.name === 'rewind-not-ready');
    const r = lint(['.'], { cwd: makeTree({ 'patroni.yml': yaml }), pgVersion: 17 }, rule);
    expect(r.diagnostics.map((d) => [d.rule, locate(d, r.sources).line, locate(d, r.sources).column])).toEqual([['rewind-not-ready', 5, 7]]);
    expect(r.diagnostics[0]!.message).toContain("Patroni's use_pg_rewind is on");
    const without = lint(['.'], { cwd: makeTree({ 'patroni.yml': yaml.replace('use_pg_rewind: true', 'use_pg_rewind: false') }), pgVersion: 17 }, rule);
    expect(without.diagnostics).toEqual([]);
    // Patroni's own default wal_log_hints = on: ready.
    const dflt = lint(['.'], { cwd: makeTree({ 'patroni.yml': yaml.replace('        wal_log_hints: off\n', '        work_mem: 4MB\n') }), pgVersion: 17 }, rule);
    expect(dflt.diagnostics).toEqual([]);
  });

  test('two YAML documents, or a top level that is no mapping, are refused as Patroni refuses them', () => {
    const r = lint(['.'], { cwd: makeTree({ 'patroni.yml': 'scope: a\n---\nscope: b\n' }) }, RULES.filter((x) => x.name === 'unreadable-file'));
    expect(r.diagnostics.map((d) => [d.message, locate(d, r.sources).line])).toEqual([['could not read patroni file: holds 2 YAML documents; Patroni reads one (yaml.safe_load)', 3]]);
    // Discovery does not take a sequence for Patroni; the reader refuses one all the same.
    const file = createSourceFile('p.yml', '/p.yml', '- postgresql\n- b\n');
    expect(CARRIERS.read({ file, kind: 'patroni', pickMajor: () => 17, majorFromPath: () => undefined })).toEqual({ ok: false, error: 'is not a Patroni configuration: its top level is not a mapping', at: 0 });
  });
});
