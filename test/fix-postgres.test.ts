// Real PostgreSQL judges the rules' fixes: each example's files are linted with the one rule, all its
// fixes (safe and unsafe) applied in one pass, and the fixed postgresql.conf must be accepted by
// `postgres -C` of the target major with the value the fix meant; a fixed pg_hba.conf must load with
// no error in pg_hba_file_rules. Majors: the devDependencies (12, 16, 18).
import { afterAll, describe, expect, test } from '@jest/globals';
import type { Major } from '../src/catalog/types.js';
import { applyEdits, fixesForFile } from '../src/linter/edits.js';
import type { Rule } from '../src/linter/rule.js';
import duplicateSetting from '../rules/duplicate-setting.js';
import failsafeAgeClamped from '../rules/failsafe-age-clamped.js';
import freezeMinAgeClamped from '../rules/freeze-min-age-clamped.js';
import freezeTableAgeClamped from '../rules/freeze-table-age-clamped.js';
import hbaMd5 from '../rules/hba-md5.js';
import invalidValue from '../rules/invalid-value.js';
import passwordEncryptionMd5 from '../rules/password-encryption-md5.js';
import removedSetting from '../rules/removed-setting.js';
import syntaxError from '../rules/syntax-error.js';
import unknownSetting from '../rules/unknown-setting.js';
import { hbaFileRules } from '../scripts/lib/postgres.mjs';
import { cleanupFixtures, lintTree } from './support/fixture.js';
import { clustersPerMajor } from './support/oracle.js';

afterAll(cleanupFixtures);

interface Example {
  rule: Rule;
  major: 12 | 16 | 18;
  /** The file as written, and as the rule's fixes leave it. */
  before: string;
  after: string;
  /** What `postgres -C` prints for these names on the fixed postgresql.conf (base units: 8MB of work_mem is 8192). */
  values?: Record<string, string>;
  /** The original is a file PostgreSQL refuses (the validity rules): `postgres -C` fails on it. */
  refused?: true;
  /** A pg_hba.conf: the fixed file loads without errors, with these methods in order. */
  hbaMethods?: string[];
}

const EXAMPLES: Example[] = [
  // invalid-value (safe)
  { rule: invalidValue, major: 16, before: 'work_mem = 8mb\n', after: 'work_mem = 8MB\n', values: { work_mem: '8192' }, refused: true },
  { rule: invalidValue, major: 18, before: "checkpoint_timeout = '5Min'  # c\n", after: "checkpoint_timeout = '5min'  # c\n", values: { checkpoint_timeout: '300' }, refused: true },
  { rule: invalidValue, major: 12, before: "shared_buffers = '128 mB'\n", after: "shared_buffers = '128 MB'\n", values: { shared_buffers: '16384' }, refused: true },
  { rule: invalidValue, major: 12, before: 'maintenance_work_mem = 65536KB\n', after: 'maintenance_work_mem = 65536kB\n', values: { maintenance_work_mem: '65536' }, refused: true },
  { rule: invalidValue, major: 16, before: 'vacuum_cost_delay = 2MS\n', after: 'vacuum_cost_delay = 2ms\n', values: { vacuum_cost_delay: '2' }, refused: true },
  // removed-setting (safe renames, the unsafe conversion and removals)
  { rule: removedSetting, major: 16, before: 'wal_keep_segments = 64\n', after: 'wal_keep_size = 1GB\n', values: { wal_keep_size: '1024' }, refused: true },
  { rule: removedSetting, major: 18, before: 'wal_keep_segments = 10\n', after: 'wal_keep_size = 160MB\n', values: { wal_keep_size: '160' }, refused: true },
  { rule: removedSetting, major: 16, before: 'force_parallel_mode = regress\n', after: 'debug_parallel_query = regress\n', values: { debug_parallel_query: 'regress' }, refused: true },
  { rule: removedSetting, major: 12, before: 'checkpoint_segments = 32\n', after: 'max_wal_size = 1552MB\n', values: { max_wal_size: '1552' }, refused: true },
  { rule: removedSetting, major: 12, before: 'min_parallel_relation_size = 8MB\n', after: 'min_parallel_table_scan_size = 8MB\n', values: { min_parallel_table_scan_size: '1024' }, refused: true },
  { rule: removedSetting, major: 18, before: 'replication_timeout = 60s\n', after: 'wal_sender_timeout = 60s\n', values: { wal_sender_timeout: '60000' }, refused: true },
  { rule: removedSetting, major: 16, before: "unix_socket_directory = '/tmp'\n", after: "unix_socket_directories = '/tmp'\n", values: { unix_socket_directories: '/tmp' }, refused: true },
  { rule: removedSetting, major: 12, before: "trigger_file = '/tmp/promote'\n", after: "promote_trigger_file = '/tmp/promote'\n", values: { promote_trigger_file: '/tmp/promote' }, refused: true },
  { rule: removedSetting, major: 16, before: "port = 5433\r\nstats_temp_directory = 'pg_stat_tmp'\r\n", after: 'port = 5433\r\n', values: { port: '5433' }, refused: true },
  { rule: removedSetting, major: 16, before: "port = 5433\npromote_trigger_file = '/tmp/p'", after: 'port = 5433', values: { port: '5433' }, refused: true },
  // syntax-error (unsafe: quote the whole value)
  { rule: syntaxError, major: 16, before: 'unix_socket_directories = /var/run/postgresql\n', after: "unix_socket_directories = '/var/run/postgresql'\n", values: { unix_socket_directories: '/var/run/postgresql' }, refused: true },
  { rule: syntaxError, major: 12, before: 'work_mem = 8 MB  # eight\n', after: "work_mem = '8 MB'  # eight\n", values: { work_mem: '8192' }, refused: true },
  { rule: syntaxError, major: 18, before: 'search_path = "$user", public\n', after: `search_path = '"$user", public'\n`, values: { search_path: '"$user", public' }, refused: true },
  { rule: syntaxError, major: 16, before: 'default_text_search_config = pg_catalog.english\n', after: "default_text_search_config = 'pg_catalog.english'\n", values: { default_text_search_config: 'pg_catalog.english' }, refused: true },
  { rule: syntaxError, major: 18, before: 'listen_addresses = *\n', after: "listen_addresses = '*'\n", values: { listen_addresses: '*' }, refused: true },
  // unknown-setting (unsafe: the did-you-mean name)
  { rule: unknownSetting, major: 16, before: 'shared_buffer = 1GB\n', after: 'shared_buffers = 1GB\n', values: { shared_buffers: '131072' }, refused: true },
  { rule: unknownSetting, major: 18, before: 'logical_decoding_work_memo = 64MB\n', after: 'logical_decoding_work_mem = 64MB\n', values: { logical_decoding_work_mem: '65536' }, refused: true },
  // password-encryption-md5 (unsafe)
  { rule: passwordEncryptionMd5, major: 12, before: 'password_encryption = on\n', after: "password_encryption = 'scram-sha-256'\n", values: { password_encryption: 'scram-sha-256' } },
  { rule: passwordEncryptionMd5, major: 18, before: 'password_encryption = md5\n', after: "password_encryption = 'scram-sha-256'\n", values: { password_encryption: 'scram-sha-256' } },
  // the freeze clamps (unsafe: the value VACUUM uses)
  { rule: freezeTableAgeClamped, major: 16, before: 'vacuum_freeze_table_age = 1900000000\n', after: 'vacuum_freeze_table_age = 190000000\n', values: { vacuum_freeze_table_age: '190000000' } },
  {
    rule: freezeTableAgeClamped,
    major: 12,
    before: 'vacuum_freeze_table_age = 0x713FB300\nvacuum_multixact_freeze_table_age = 2000000000\n',
    after: 'vacuum_freeze_table_age = 190000000\nvacuum_multixact_freeze_table_age = 380000000\n',
    values: { vacuum_freeze_table_age: '190000000', vacuum_multixact_freeze_table_age: '380000000' },
  },
  { rule: freezeMinAgeClamped, major: 18, before: 'vacuum_freeze_min_age = 500000000\n', after: 'vacuum_freeze_min_age = 100000000\n', values: { vacuum_freeze_min_age: '100000000' } },
  { rule: failsafeAgeClamped, major: 16, before: 'vacuum_failsafe_age = 0\n', after: 'vacuum_failsafe_age = 210000000\n', values: { vacuum_failsafe_age: '210000000' } },
  {
    rule: failsafeAgeClamped,
    major: 18,
    before: 'vacuum_multixact_failsafe_age = 1000\nautovacuum_multixact_freeze_max_age = 10000\n',
    after: 'vacuum_multixact_failsafe_age = 10500\nautovacuum_multixact_freeze_max_age = 10000\n',
    values: { vacuum_multixact_failsafe_age: '10500' },
  },
  // duplicate-setting (unsafe: the overridden line goes)
  { rule: duplicateSetting, major: 16, before: 'work_mem = 4MB  # old\r\nport = 5433\r\nwork_mem = 8MB\r\n', after: 'port = 5433\r\nwork_mem = 8MB\r\n', values: { work_mem: '8192', port: '5433' } },
  { rule: duplicateSetting, major: 12, before: 'port = 1\nport = 2\nport = 5433', after: 'port = 5433', values: { port: '5433' } },
  // hba-md5 (unsafe)
  ...([12, 16, 18] as const).map((major) => ({
    rule: hbaMd5,
    major,
    before: 'local all all md5\nhost all app 10.0.0.0/8 md5   # office\r\n',
    after: 'local all all scram-sha-256\nhost all app 10.0.0.0/8 scram-sha-256   # office\r\n',
    hbaMethods: ['scram-sha-256', 'scram-sha-256'],
  })),
];

/** The example's file after one pass of all its findings' fixes. */
function fixed(e: Example): string {
  const name = e.rule.appliesTo[0]!;
  const { result } = lintTree({ [name]: e.before }, { pgVersion: e.major, rules: { [e.rule.name]: e.rule.severity } }, [e.rule]);
  const fixes = fixesForFile(result.diagnostics, name, true);
  return applyEdits(result.sources.get(name)!.text, fixes.flatMap((f) => f.edits));
}

const clusters = clustersPerMajor([12, 16, 18] as Major[], { start: true });

describe('PostgreSQL accepts every fixed file', () => {
  test.each(EXAMPLES.map((e) => [e.rule.name, e.major, e.before, e] as const))('%s (PostgreSQL %i): %j', async (_rule, major, _before, e) => {
    const after = fixed(e);
    expect(after).toBe(e.after);
    const pg = clusters.get(major)!;
    if (e.hbaMethods) {
      const rows = await hbaFileRules(pg, after);
      expect(rows.map((r) => [r.error ?? null, r.auth_method])).toEqual(e.hbaMethods.map((m) => [null, m]));
      return;
    }
    const names = Object.keys(e.values!);
    if (e.refused) expect((await pg.runC({ text: e.before }, names.slice(0, 1)))[0]!.rc).not.toBe(0);
    const results = await pg.runC({ text: after }, names);
    expect(results.map((r) => (r.rc === 0 ? r.stdout.trim() : `rc ${r.rc}: ${r.stderr.trim()}`))).toEqual(Object.values(e.values!));
  });
});
