import { afterAll, describe, expect, test } from '@jest/globals';
import rewindNotReady from '../../rules/rewind-not-ready.js';
import { cleanupFixtures, lintTree } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const NOT_DECLARED = 'wal_log_hints is off (the default) and data checksums are not declared (assume.dataChecksums; off by default before PostgreSQL 18): pg_rewind can rewind it after a failover only if it has data checksums';
const CONNINFO = "primary_conninfo = 'host=primary user=replicator'";

ruleTester(rewindNotReady, {
  valid: [
    { name: 'a standalone server', code: 'work_mem = 4MB\n' },
    { name: 'wal_level = replica written is no evidence (base backups and PITR need it too)', code: 'wal_level = replica\nhot_standby = on\n' },
    { name: 'defaults are no evidence (max_wal_senders = 10 from 10 on)', code: '', pgVersion: 10 },
    { name: 'explicit wal_log_hints = off alone is no evidence', code: 'wal_log_hints = off\n', pgVersion: 16 },
    { code: `${CONNINFO}\nwal_log_hints = on\n` },
    { code: `${CONNINFO}\nwal_log_hints = on\n`, pgVersion: 12 },
    { name: '18: initdb enables data checksums by default', code: `${CONNINFO}\n`, pgVersion: 18 },
    { code: `${CONNINFO}\nwal_log_hints = off\n`, pgVersion: 18 },
    { code: `${CONNINFO}\n`, assume: { dataChecksums: true } },
    { name: 'assume.failover: false silences the rule', code: `${CONNINFO}\nsynchronous_standby_names = '*'\n`, assume: { failover: false } },
    { name: 'full_page_writes = off is full-page-writes-off alone', code: `${CONNINFO}\nfull_page_writes = off\nwal_log_hints = on\n` },
    { name: 'only for clusters that have a postgresql.conf', code: { 'postgresql.auto.conf': `${CONNINFO}\n` } },
    { name: 'a pg_hba.conf alone says nothing about wal_log_hints', code: { 'pg_hba.conf': 'host replication replicator 10.0.0.0/24 scram-sha-256\n' } },
    { code: 'max_wal_senders = 0\nmax_replication_slots = 0\n' },
    { name: 'wal_level = logical: senders and slots serve logical replication', code: 'wal_level = logical\nmax_wal_senders = 10\nmax_replication_slots = 10\n' },
    { code: "primary_conninfo = ''\nsynchronous_standby_names = ''\n" },
    {
      name: 'replication only over the socket, from loopback, or rejected',
      code: {
        'postgresql.conf': '',
        'pg_hba.conf': 'local replication all peer\nhost replication all 127.0.0.1/32 scram-sha-256\nhost replication all ::1/128 scram-sha-256\nhost replication all 10.0.0.0/8 reject\n',
      },
    },
    { name: 'a replication record shadowed by an earlier reject', code: { 'postgresql.conf': '', 'pg_hba.conf': 'host replication all 0.0.0.0/0 reject\nhost replication all 10.0.0.0/8 md5\n' } },
    { name: 'a hostssl replication record while ssl is off can never match', code: { 'postgresql.conf': 'ssl = off\n', 'pg_hba.conf': 'hostssl replication all 10.0.0.0/8 scram-sha-256\n' } },
    { name: 'standby.signal means nothing before 12', code: { 'postgresql.conf': '', 'standby.signal': '' }, pgVersion: 11 },
    { name: 'recovery.signal is targeted recovery, not a standby', code: { 'postgresql.conf': '', 'recovery.signal': '' } },
    { name: 'a recovery.conf for point-in-time recovery only', code: { 'postgresql.conf': '', 'recovery.conf': "restore_command = 'cp /a/%f %p'\nstandby_mode = off\n" }, pgVersion: 11 },
    { name: 'from 12 a recovery.conf is recovery-conf-obsolete\'s finding, at the same line', code: { 'postgresql.conf': '', 'recovery.conf': "standby_mode = 'on'\n" }, pgVersion: 12 },
    { name: 'assume.role: primary alone is no evidence', code: '', assume: { role: 'primary' } },
  ],
  invalid: [
    {
      name: 'the wal_log_hints line written off is named as related information',
      code: { 'postgresql.conf': `${CONNINFO}\nwal_log_hints = off\n`, PG_VERSION: '17\n' },
      errors: [{ line: 1, column: 1, related: [{ line: 2, column: 17, message: 'wal_log_hints is turned off here' }] }],
    },
    {
      name: 'primary_conninfo: located at it, naming it',
      code: `work_mem = 4MB\n${CONNINFO}\n`,
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: CONNINFO.length + 1, severity: 'warning', message: `this server is a standby (primary_conninfo is set), but ${NOT_DECLARED}`, help: 'Set wal_log_hints = on (requires a restart); if the cluster was initialized with data checksums, declare assume: { dataChecksums: true }, and if it never fails over, assume: { failover: false }.' }],
    },
    {
      name: 'an empty standby.signal is the evidence (12+)',
      code: { 'postgresql.conf': 'work_mem = 4MB\n', 'standby.signal': '' },
      pgVersion: 12,
      errors: [{ file: 'standby.signal', line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'warning', message: `this server is a standby (standby.signal exists), but ${NOT_DECLARED}` }],
    },
    {
      name: 'recovery.conf with standby_mode (≤11)',
      code: { 'postgresql.conf': 'port = 5432\n', 'recovery.conf': "# standby\nstandby_mode = 'on'\nprimary_conninfo = 'host=a'\n" },
      pgVersion: 11,
      errors: [{ file: 'recovery.conf', line: 2, column: 1, endLine: 2, endColumn: 20, message: /^this server is a standby \(standby_mode in recovery\.conf\), but / }],
    },
    {
      name: 'standby_mode carried into postgresql.conf',
      code: 'hot_standby = on\nstandby_mode = on\n',
      pgVersion: 13,
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 18, message: /^this server is meant to be a standby \(standby_mode = on\), but / }],
    },
    {
      name: 'synchronous standbys named',
      code: "wal_level = replica\nsynchronous_standby_names = 'FIRST 1 (s1, s2)'\n",
      errors: [{ line: 2, column: 1, severity: 'warning', message: /^this server has synchronous standbys \(synchronous_standby_names = 'FIRST 1 \(s1, s2\)'\), but / }],
    },
    {
      name: 'replication allowed from other hosts in pg_hba.conf',
      code: { 'postgresql.conf': 'port = 5432\n', 'pg_hba.conf': 'local all all peer\nhost replication replicator 10.0.0.0/24 scram-sha-256\n' },
      errors: [{ file: 'pg_hba.conf', line: 2, column: 1, endLine: 2, endColumn: 5, severity: 'warning', message: /^this server serves standbys on other hosts \(pg_hba\.conf line 2 allows replication connections from them\), but / }],
    },
    {
      name: 'assume.failover: true, nothing in the files: at the cluster',
      code: 'work_mem = 4MB\n',
      assume: { failover: true },
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'warning', message: `this server takes part in physical failover (assume.failover: true), but ${NOT_DECLARED}` }],
    },
    {
      name: 'assume.failover: true with wal_log_hints written off: at that line',
      code: 'work_mem = 4MB\nwal_log_hints = false\n',
      pgVersion: 16,
      assume: { failover: true },
      errors: [{ line: 2, column: 17, endLine: 2, endColumn: 22, message: /^this server takes part in physical failover \(assume\.failover: true\), but wal_log_hints = false and data checksums are not declared/ }],
    },
    { name: 'a declared standby', code: '', pgVersion: 10, assume: { role: 'standby' }, errors: [{ line: 1, column: 1, message: /^this server is a standby \(assume\.role: standby\)/ }] },
    {
      name: 'max_wal_senders alone is weak evidence: info',
      code: 'wal_level = replica\nmax_wal_senders = 5\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 20, severity: 'info', message: `this server may feed standbys (max_wal_senders = 5), but ${NOT_DECLARED}` }],
    },
    { name: 'max_replication_slots alone: info', code: 'max_replication_slots = 4\n', pgVersion: 13, errors: [{ line: 1, column: 1, severity: 'info', message: /^this server may feed standbys \(max_replication_slots = 4\)/ }] },
    {
      name: 'strong evidence wins over weak, wherever it is',
      code: `max_wal_senders = 5\n${CONNINFO}\n`,
      errors: [{ line: 2, column: 1, severity: 'warning' }],
    },
    {
      name: 'data checksums declared off on 18',
      code: `${CONNINFO}\n`,
      pgVersion: 18,
      assume: { dataChecksums: false },
      errors: [{ line: 1, column: 1, message: 'this server is a standby (primary_conninfo is set), but wal_log_hints is off (the default) and data checksums are declared off (assume.dataChecksums: false): pg_rewind refuses to rewind it after a failover, so it must be rebuilt from a base backup' }],
    },
    {
      name: 'full_page_writes = off is not repeated: only the wal_log_hints part',
      code: `${CONNINFO}\nfull_page_writes = off\n`,
      errors: [{ line: 1, column: 1, message: `this server is a standby (primary_conninfo is set), but ${NOT_DECLARED}` }],
    },
    {
      name: 'wal_log_hints turned off in postgresql.auto.conf',
      code: { 'postgresql.conf': `wal_log_hints = on\n${CONNINFO}\n`, 'postgresql.auto.conf': 'wal_log_hints = off\n' },
      errors: [{ line: 2, column: 1, message: /but wal_log_hints = off and data checksums/ }],
    },
    {
      name: 'two clusters, one finding each',
      code: { 'a/postgresql.conf': `${CONNINFO}\n`, 'b/postgresql.conf': 'port = 5433\n', 'b/standby.signal': '' },
      errors: [{ file: 'a/postgresql.conf', line: 1, column: 1 }, { file: 'b/standby.signal', line: 1, column: 1 }],
    },
  ],
});

describe('assume.failover in the config file', () => {
  test('validated by the schema and read by the rule; false silences it', async () => {
    const { loadConfig } = await import('../../src/config/config.js');
    const { lint } = await import('../../src/api.js');
    const { RULES } = await import('../../rules/index.js');
    const { makeTree } = await import('../support/fixture.js');
    const dir = makeTree({
      'a/postgresql.conf': 'work_mem = 4MB\n',
      'a/PG_VERSION': '17\n',
      'b/postgresql.conf': `${CONNINFO}\n`,
      'b/PG_VERSION': '17\n',
      'on.yml': 'assume:\n  failover: true\n',
      'off.yml': 'assume:\n  failover: false\n',
      'bad.yml': 'assume:\n  failover: maybe\n',
    });
    const run = (cfg: string) => lint(['a', 'b'], { cwd: dir, config: loadConfig(`${dir}/${cfg}`, RULES, { root: dir }) }, [rewindNotReady]).diagnostics.map((d) => [d.loc.file, d.message]);
    expect(run('on.yml')).toEqual([
      ['a/postgresql.conf', `this server takes part in physical failover (assume.failover: true), but ${NOT_DECLARED}`],
      ['b/postgresql.conf', `this server is a standby (primary_conninfo is set), but ${NOT_DECLARED}`],
    ]);
    // A declared "never fails over" wins over what the files show.
    expect(run('off.yml')).toEqual([]);
    expect(() => loadConfig(`${dir}/bad.yml`, RULES, { root: dir })).toThrow(/failover/);
  });
});

describe('rewind-not-ready on a pg_hba.conf record', () => {
  test('at the connection type, where no hba rule reports the record: one finding per location', async () => {
    const { RULES } = await import('../../rules/index.js');
    const files = { 'postgresql.conf': 'port = 5432\n', 'pg_hba.conf': 'host replication all 0.0.0.0/0 md5\n', PG_VERSION: '17\n' };
    const hba = lintTree(files, {}, RULES).result.diagnostics.filter((d) => d.loc.file === 'pg_hba.conf');
    expect(hba.filter((d) => d.rule === 'rewind-not-ready').map((d) => [d.loc.start, d.loc.end])).toEqual([[0, 4]]);
    const at = hba.map((d) => `${d.loc.start}:${d.loc.end}`);
    expect(new Set(at).size).toBe(at.length);
  });
});
