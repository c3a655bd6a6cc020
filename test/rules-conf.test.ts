import { afterAll, describe, expect, test } from '@jest/globals';
import { SUPPORTED_MAJORS } from '../src/catalog/types.js';
import { CONF_RULES } from '../rules/index-conf.js';
import { RULES } from '../rules/index.js';
import archiveCommandMissing from '../rules/archive-command-missing.js';
import autovacuumOff from '../rules/autovacuum-off.js';
import failsafeAgeClamped from '../rules/failsafe-age-clamped.js';
import freezeMaxAgeHigh from '../rules/freeze-max-age-high.js';
import freezeMinAgeClamped from '../rules/freeze-min-age-clamped.js';
import freezeTableAgeClamped from '../rules/freeze-table-age-clamped.js';
import fsyncOff from '../rules/fsync-off.js';
import fullPageWritesOff from '../rules/full-page-writes-off.js';
import passwordEncryptionMd5 from '../rules/password-encryption-md5.js';
import recoveryConfObsolete from '../rules/recovery-conf-obsolete.js';
import replicationSlotWalUnbounded from '../rules/replication-slot-wal-unbounded.js';
import reservedConnectionsExceedMax from '../rules/reserved-connections-exceed-max.js';
import secretInConfig from '../rules/secret-in-config.js';
import synchronousCommitOff from '../rules/synchronous-commit-off.js';
import walLevelInsufficient from '../rules/wal-level-insufficient.js';
import { ruleTester, type ExpectedFinding, type RuleCase } from './support/rule-tester.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

/**
 * The finding for the value of `prefix + value` on `line` (prefix is everything before the value,
 * e.g. "fsync = "): columns are 1-based, endColumn exclusive.
 */
function at(line: number, prefix: string, value: string, extra: Partial<ExpectedFinding> = {}): ExpectedFinding {
  return { line, column: prefix.length + 1, endLine: line, endColumn: prefix.length + 1 + value.length, ...extra };
}

/** Every spelling PostgreSQL's parse_bool accepts for false (checked with postgres -C on 16). */
const OFF = ['off', 'of', 'false', 'FALSE', '0', 'no', 'n', 'f', "'off'", 'OFF', "'of'", "'No'"];
/** … and for true. */
const ON = ['on', 'ON', 'true', 'tr', 't', '1', 'yes', 'y', "'on'"];

/** One finding per off spelling, on line 2 (a comment above). */
function offCases(name: string, extra: Partial<ExpectedFinding> = {}) {
  return OFF.map((v) => ({ code: `# ${name}\n${name} = ${v}\n`, errors: [at(2, `${name} = `, v, extra)] }));
}
function onCases(name: string): RuleCase[] {
  return ON.map((v) => ({ code: `${name} = ${v}\n` }));
}

// ---------------------------------------------------------------------------------------------

ruleTester(fullPageWritesOff, {
  valid: [
    { code: '' },
    { code: '# nothing set\nwork_mem = 4MB\n' },
    ...onCases('full_page_writes'),
    // A value PostgreSQL rejects leaves the default (on) in force: invalid-value reports it.
    { code: 'full_page_writes = o\n' },
    { code: "full_page_writes = ''\n" },
    { code: 'full_page_writes = off\nfull_page_writes = on\n', name: 'overridden by a later on' },
    { code: { 'postgresql.conf': 'full_page_writes = off\n', 'postgresql.auto.conf': 'full_page_writes = on\n' }, name: 'auto.conf wins with on' },
    { code: 'full_page_writes = on\n', pgVersion: 10 },
  ],
  invalid: [
    ...offCases('full_page_writes'),
    {
      code: 'full_page_writes = off\n',
      pgVersion: 18,
      errors: [
        at(1, 'full_page_writes = ', 'off', {
          message: 'full_page_writes = off: a crash during a page write can leave torn, corrupted pages, and pg_rewind cannot be used',
          severity: 'error',
        }),
      ],
    },
    {
      code: 'full_page_writes = no\n',
      pgVersion: 10,
      errors: [at(1, 'full_page_writes = ', 'no', { message: /^full_page_writes = no \(off\): / })],
    },
    { code: 'full_page_writes = on\nfull_page_writes = off\n', errors: [at(2, 'full_page_writes = ', 'off')] },
    {
      name: 'from an include',
      code: { 'postgresql.conf': "include 'wal.conf'\n", 'wal.conf': '\n\nfull_page_writes = false\n' },
      errors: [at(3, 'full_page_writes = ', 'false', { file: 'wal.conf' })],
    },
    {
      name: 'from postgresql.auto.conf',
      code: { 'postgresql.conf': 'full_page_writes = on\n', 'postgresql.auto.conf': "full_page_writes = 'off'\n" },
      errors: [at(1, 'full_page_writes = ', "'off'", { file: 'postgresql.auto.conf' })],
    },
    {
      name: 'two clusters, two findings',
      code: { 'a/postgresql.conf': 'full_page_writes = off\n', 'b/postgresql.conf': 'port = 5433\nfull_page_writes = 0\n' },
      errors: [at(1, 'full_page_writes = ', 'off', { file: 'a/postgresql.conf' }), at(2, 'full_page_writes = ', '0', { file: 'b/postgresql.conf' })],
    },
  ],
});

ruleTester(fsyncOff, {
  valid: [{ code: '' }, ...onCases('fsync'), { code: "fsync = ''\n" }, { code: 'fsync = of f\n', name: 'syntax error: nothing applied' }],
  invalid: [
    ...offCases('fsync'),
    {
      code: 'fsync = off\n',
      errors: [at(1, 'fsync = ', 'off', { severity: 'error', message: 'fsync = off: writes are never forced to disk, so an OS crash or power loss can corrupt the cluster beyond repair' })],
    },
    {
      code: { 'postgresql.conf': "include_dir 'conf.d'\n", 'conf.d/10-fast.conf': 'fsync = f\n' },
      errors: [at(1, 'fsync = ', 'f', { file: 'conf.d/10-fast.conf', message: /^fsync = f \(off\): / })],
    },
    { code: { 'postgresql.auto.conf': 'fsync = off\n' }, errors: [at(1, 'fsync = ', 'off', { file: 'postgresql.auto.conf' })] },
    {
      name: 'two clusters',
      code: { 'x/postgresql.conf': 'fsync = no\n', 'y/postgresql.conf': '\n\n\nfsync = false\n' },
      errors: [at(1, 'fsync = ', 'no', { file: 'x/postgresql.conf' }), at(4, 'fsync = ', 'false', { file: 'y/postgresql.conf' })],
    },
  ],
});

ruleTester(synchronousCommitOff, {
  valid: [
    { code: '' },
    ...['on', 'local', 'remote_write', 'remote_apply', 'true', 'yes', '1', "'on'"].map((v) => ({ code: `synchronous_commit = ${v}\n` })),
    // synchronous_commit is an enum: only off/false/no/0 are accepted for off; of, f and n are rejected
    // ("invalid value for parameter") and the default (on) stays in force [postgres -C, 16].
    ...['of', 'f', 'n', 'fa', "''"].map((v) => ({ code: `synchronous_commit = ${v}\n` })),
  ],
  invalid: [
    ...['off', 'OFF', "'off'", 'false', 'FALSE', 'no', '0'].map((v) => ({
      code: `\nsynchronous_commit = ${v}\n`,
      errors: [at(2, 'synchronous_commit = ', v, { severity: 'warning' })],
    })),
    {
      code: 'synchronous_commit = off\n',
      errors: [at(1, 'synchronous_commit = ', 'off', { message: 'synchronous_commit = off for every transaction: a crash loses the most recently committed transactions (no corruption)' })],
    },
    { code: 'synchronous_commit = no\n', pgVersion: 10, errors: [at(1, 'synchronous_commit = ', 'no', { message: /^synchronous_commit = no \(off\) for every transaction/ })] },
    {
      name: 'two clusters',
      code: { 'a/postgresql.conf': 'synchronous_commit = off\n', 'b/postgresql.auto.conf': 'synchronous_commit = 0\n' },
      errors: [at(1, 'synchronous_commit = ', 'off', { file: 'a/postgresql.conf' }), at(1, 'synchronous_commit = ', '0', { file: 'b/postgresql.auto.conf' })],
    },
  ],
});

ruleTester(passwordEncryptionMd5, {
  valid: [
    { code: '' },
    { code: "password_encryption = 'scram-sha-256'\n" },
    { code: 'password_encryption = scram-sha-256\n' },
    // 10–13 default to md5, but a rule never reports on pure defaults.
    { code: '', pgVersion: 13 },
    { code: 'work_mem = 4MB\n', pgVersion: 10 },
    // 14+ reject the boolean aliases (invalid-value reports it), so the default scram-sha-256 applies.
    { code: 'password_encryption = on\n', pgVersion: 14 },
    { code: 'password_encryption = true\n', pgVersion: 18 },
    // off (plaintext) was rejected from 10: the default applies, and it is not set in a file.
    { code: 'password_encryption = off\n', pgVersion: 13 },
    { code: 'password_encryption = md5\npassword_encryption = scram-sha-256\n' },
  ],
  invalid: [
    {
      code: 'password_encryption = md5\n',
      errors: [at(1, 'password_encryption = ', 'md5', { severity: 'warning', message: 'password_encryption = md5: new and changed passwords are stored as MD5 hashes, which are weak and can be replayed to log in' })],
    },
    { code: "# old\npassword_encryption = 'MD5'\n", pgVersion: 18, errors: [at(2, 'password_encryption = ', "'MD5'", { message: /^password_encryption = 'MD5': / })] },
    ...(['on', 'true', 'yes', '1', 'ON', "'on'"] as const).flatMap((v) =>
      ([10, 12, 13] as const).map((major) => ({
        code: `password_encryption = ${v}\n`,
        pgVersion: major,
        errors: [at(1, 'password_encryption = ', v, { message: new RegExp(`^password_encryption = ${v} \\(PostgreSQL ${major} reads it as md5\\): `) })],
      })),
    ),
    {
      name: 'from postgresql.auto.conf over scram in postgresql.conf',
      code: { 'postgresql.conf': "password_encryption = 'scram-sha-256'\n", 'postgresql.auto.conf': 'password_encryption = md5\n' },
      errors: [at(1, 'password_encryption = ', 'md5', { file: 'postgresql.auto.conf' })],
    },
    {
      name: 'two clusters',
      code: { 'a/postgresql.conf': 'password_encryption = md5\n', 'b/postgresql.conf': 'port = 1\npassword_encryption = on\n' },
      pgVersion: 13,
      errors: [at(1, 'password_encryption = ', 'md5', { file: 'a/postgresql.conf' }), at(2, 'password_encryption = ', 'on', { file: 'b/postgresql.conf' })],
    },
  ],
});

ruleTester(autovacuumOff, {
  valid: [{ code: '' }, ...onCases('autovacuum'), ...onCases('track_counts'), { code: 'autovacuum = nein\n' }, { code: "track_counts = ''\n" }],
  invalid: [
    ...offCases('autovacuum'),
    ...offCases('track_counts'),
    {
      code: 'autovacuum = off\n',
      errors: [at(1, 'autovacuum = ', 'off', { severity: 'warning', message: 'autovacuum = off: dead rows are not cleaned up and statistics go stale; only forced anti-wraparound vacuums still run' })],
    },
    {
      name: 'both off: two findings',
      code: 'autovacuum = false\nwork_mem = 4MB\ntrack_counts = no\n',
      pgVersion: 12,
      errors: [
        at(1, 'autovacuum = ', 'false', { message: /^autovacuum = false \(off\): / }),
        at(3, 'track_counts = ', 'no', { message: /^track_counts = no \(off\): autovacuum cannot start without these statistics/ }),
      ],
    },
    {
      code: { 'postgresql.conf': "include 'av.conf'\n", 'av.conf': 'autovacuum = off\n', 'postgresql.auto.conf': 'track_counts = off\n' },
      errors: [at(1, 'autovacuum = ', 'off', { file: 'av.conf' }), at(1, 'track_counts = ', 'off', { file: 'postgresql.auto.conf' })],
    },
  ],
});

// ---------------------------------------------------------------------------------------------

ruleTester(archiveCommandMissing, {
  valid: [
    { code: '' },
    { code: "archive_command = ''\n", name: 'archive_mode off by default' },
    { code: 'archive_mode = off\n' },
    { code: 'archive_mode = false\n' },
    { code: "archive_mode = on\narchive_command = 'cp %p /archive/%f'\n" },
    { code: "archive_mode = always\narchive_command = 'pgbackrest --stanza=main archive-push %p'\n" },
    { code: "archive_mode = on\narchive_library = 'basic_archive'\n", pgVersion: 15 },
    { code: "archive_mode = on\narchive_library = 'basic_archive'\n", pgVersion: 18 },
    { code: "archive_mode = on\narchive_command = ' '\n", name: 'a blank command is set (it fails, but differently)' },
    { code: 'archive_mode = y\n', name: 'rejected value: default off applies' },
    { code: { 'postgresql.conf': 'archive_mode = on\n', 'postgresql.auto.conf': "archive_command = 'wal-g wal-push %p'\n" } },
  ],
  invalid: [
    {
      code: 'archive_mode = on\n',
      errors: [at(1, 'archive_mode = ', 'on', { severity: 'error', message: 'archive_mode = on but archive_command and archive_library are empty: no WAL is archived, and pg_wal grows until the disk fills' })],
    },
    {
      code: 'archive_mode = on\n',
      pgVersion: 14,
      errors: [at(1, 'archive_mode = ', 'on', { message: 'archive_mode = on but archive_command is empty: no WAL is archived, and pg_wal grows until the disk fills' })],
    },
    ...['always', 'true', 'yes', '1', 'ON', "'on'"].map((v) => ({ code: `\narchive_mode = ${v}\n`, pgVersion: 12 as const, errors: [at(2, 'archive_mode = ', v)] })),
    {
      name: 'at the explicitly empty archive_command',
      code: "archive_mode = always\nwal_level = replica\narchive_command = ''\n",
      errors: [at(3, 'archive_command = ', "''", { message: /^archive_mode = always but archive_command and archive_library are empty/ })],
    },
    {
      name: 'at an explicitly empty archive_library (15+)',
      code: "archive_mode = on\narchive_library = ''\n",
      pgVersion: 16,
      errors: [at(2, 'archive_library = ', "''")],
    },
    {
      name: 'archive_command emptied in postgresql.auto.conf',
      code: { 'postgresql.conf': "archive_mode = on\narchive_command = 'cp %p /a/%f'\n", 'postgresql.auto.conf': "archive_command = ''\n" },
      errors: [at(1, 'archive_command = ', "''", { file: 'postgresql.auto.conf' })],
    },
    {
      name: 'two clusters',
      code: { 'a/postgresql.conf': 'archive_mode = on\n', 'b/postgresql.conf': 'archive_mode = always\n' },
      errors: [at(1, 'archive_mode = ', 'on', { file: 'a/postgresql.conf' }), at(1, 'archive_mode = ', 'always', { file: 'b/postgresql.conf' })],
    },
  ],
});

ruleTester(replicationSlotWalUnbounded, {
  valid: [
    { code: '', name: 'defaults (10 slots, -1) are never reported on their own' },
    { code: 'work_mem = 4MB\n' },
    { code: 'max_replication_slots = 10\nmax_slot_wal_keep_size = 50GB\n' },
    { code: "max_slot_wal_keep_size = '1TB'\n" },
    { code: 'max_slot_wal_keep_size = 2147483647\n' },
    { code: 'max_replication_slots = 0\n' },
    { code: 'max_replication_slots = 0\nmax_slot_wal_keep_size = -1\n' },
    // max_slot_wal_keep_size is 13+: before that there is nothing to set.
    { code: 'max_replication_slots = 10\n', pgVersion: 12 },
    { code: 'max_replication_slots = 10\n', pgVersion: 10 },
  ],
  invalid: [
    {
      code: 'max_replication_slots = 10\n',
      errors: [at(1, 'max_replication_slots = ', '10', { severity: 'warning', message: 'max_replication_slots = 10 and max_slot_wal_keep_size is -1 (the default): an abandoned replication slot retains WAL without limit until the disk fills' })],
    },
    { code: 'max_replication_slots = 4\n', pgVersion: 13, errors: [at(1, 'max_replication_slots = ', '4')] },
    {
      code: '\nmax_slot_wal_keep_size = -1\n',
      pgVersion: 18,
      errors: [at(2, 'max_slot_wal_keep_size = ', '-1', { message: 'max_replication_slots = 10 (the default) and max_slot_wal_keep_size = -1: an abandoned replication slot retains WAL without limit until the disk fills' })],
    },
    { code: "max_slot_wal_keep_size = '-1MB'\n", errors: [at(1, 'max_slot_wal_keep_size = ', "'-1MB'")] },
    {
      name: 'both set: at the keep size',
      code: 'max_replication_slots = 20\nmax_slot_wal_keep_size = -1\n',
      errors: [at(2, 'max_slot_wal_keep_size = ', '-1')],
    },
    {
      name: 'a limit reset to -1 in postgresql.auto.conf',
      code: { 'postgresql.conf': 'max_slot_wal_keep_size = 10GB\n', 'postgresql.auto.conf': 'max_slot_wal_keep_size = -1\n' },
      errors: [at(1, 'max_slot_wal_keep_size = ', '-1', { file: 'postgresql.auto.conf' })],
    },
    {
      name: 'two clusters',
      code: { 'a/postgresql.conf': 'max_replication_slots = 5\n', 'b/postgresql.conf': 'max_slot_wal_keep_size = -1\n' },
      errors: [at(1, 'max_replication_slots = ', '5', { file: 'a/postgresql.conf' }), at(1, 'max_slot_wal_keep_size = ', '-1', { file: 'b/postgresql.conf' })],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// Startup failures. Conditions and wording checked by starting the real 12, 16 and 18 servers.

ruleTester(walLevelInsufficient, {
  valid: [
    { code: '' },
    { code: 'wal_level = replica\n' },
    { code: 'wal_level = logical\narchive_mode = on\n' },
    { code: 'wal_level = hot_standby\nmax_wal_senders = 10\n', name: 'old alias of replica' },
    { code: 'wal_level = archive\n', pgVersion: 10 },
    // Started fine on 16: minimal is allowed without senders, archiving and summarization.
    { code: 'wal_level = minimal\nmax_wal_senders = 0\n' },
    { code: "wal_level = minimal\nmax_wal_senders = '0x0'\narchive_mode = off\n", pgVersion: 12 },
    { code: 'wal_level = minimal\nmax_wal_senders = 0\nsummarize_wal = off\n', pgVersion: 18 },
    { code: 'wal_level = minimal\nmax_wal_senders = 0\nsummarize_wal = on\n', pgVersion: 16, name: 'summarize_wal does not exist before 17' },
    { code: 'wal_level = minimal\nwal_level = replica\n' },
    { code: 'wal_level = minmal\n', name: 'rejected value: the default replica applies' },
  ],
  invalid: [
    {
      name: 'wal_level = minimal alone: the default max_wal_senders is 10',
      code: 'wal_level = minimal\n',
      errors: [
        at(1, 'wal_level = ', 'minimal', {
          severity: 'error',
          message: 'wal_level = minimal with max_wal_senders = 10 (the default): PostgreSQL refuses to start',
        }),
      ],
    },
    ...([10, 12, 16, 18] as const).map((major) => ({ code: '# x\nwal_level = MINIMAL\n', pgVersion: major, errors: [at(2, 'wal_level = ', 'MINIMAL')] })),
    {
      code: 'wal_level = minimal\nmax_wal_senders = 0\narchive_mode = on\n',
      errors: [at(1, 'wal_level = ', 'minimal', { message: 'wal_level = minimal with archive_mode = on: PostgreSQL refuses to start' })],
    },
    { code: 'wal_level = minimal\nmax_wal_senders = 0\narchive_mode = always\n', pgVersion: 12, errors: [at(1, 'wal_level = ', 'minimal')] },
    {
      code: 'max_wal_senders = 0\nsummarize_wal = on\nwal_level = minimal\n',
      pgVersion: 18,
      errors: [at(3, 'wal_level = ', 'minimal', { message: 'wal_level = minimal with summarize_wal = on: PostgreSQL refuses to start' })],
    },
    { code: 'max_wal_senders = 0\nsummarize_wal = yes\nwal_level = minimal\n', pgVersion: 17, errors: [at(3, 'wal_level = ', 'minimal')] },
    {
      name: 'all conflicts in one finding',
      code: 'wal_level = minimal\nmax_wal_senders = 5\narchive_mode = on\nsummarize_wal = on\n',
      errors: [at(1, 'wal_level = ', 'minimal', { message: 'wal_level = minimal with archive_mode = on, max_wal_senders = 5, summarize_wal = on: PostgreSQL refuses to start' })],
    },
    {
      name: 'minimal from postgresql.auto.conf',
      code: { 'postgresql.conf': 'wal_level = replica\n', 'postgresql.auto.conf': 'wal_level = minimal\n' },
      errors: [at(1, 'wal_level = ', 'minimal', { file: 'postgresql.auto.conf' })],
    },
    {
      name: 'two clusters',
      code: { 'a/postgresql.conf': 'wal_level = minimal\n', 'b/postgresql.conf': 'max_wal_senders = 0\narchive_mode = on\nwal_level = minimal\n' },
      errors: [at(1, 'wal_level = ', 'minimal', { file: 'a/postgresql.conf' }), at(3, 'wal_level = ', 'minimal', { file: 'b/postgresql.conf' })],
    },
  ],
});

ruleTester(reservedConnectionsExceedMax, {
  valid: [
    { code: '' },
    { code: 'max_connections = 4\n' },
    { code: 'max_connections = 4\n', pgVersion: 12 },
    { code: 'superuser_reserved_connections = 99\n' },
    { code: 'max_connections = 20\nsuperuser_reserved_connections = 5\nreserved_connections = 10\n' },
    // Since 12 WAL senders have their own slots: started fine on 12, 16 and 18.
    { code: 'max_connections = 5\nmax_wal_senders = 10\nsuperuser_reserved_connections = 3\n', pgVersion: 12 },
    { code: 'max_connections = 5\nmax_wal_senders = 10\nsuperuser_reserved_connections = 3\n', pgVersion: 18 },
    { code: 'max_connections = 6\nreserved_connections = 2\nsuperuser_reserved_connections = 3\n', pgVersion: 16 },
    // reserved_connections is 16+: on 15 it is an unknown name and counts for nothing here.
    { code: 'reserved_connections = 97\n', pgVersion: 15 },
    { code: 'max_connections = 0\n', name: 'out of range: the default applies' },
  ],
  invalid: [
    {
      code: 'max_connections = 3\n',
      errors: [
        at(1, 'max_connections = ', '3', {
          severity: 'error',
          message:
            'superuser_reserved_connections = 3 (default) + reserved_connections = 0 (default) = 3 is not less than max_connections = 3: PostgreSQL refuses to start',
        }),
      ],
    },
    {
      code: 'max_connections = 3\n',
      pgVersion: 12,
      errors: [at(1, 'max_connections = ', '3', { message: 'superuser_reserved_connections = 3 (default) is not less than max_connections = 3: PostgreSQL refuses to start' })],
    },
    { code: '\nmax_connections = 1\n', pgVersion: 10, errors: [at(2, 'max_connections = ', '1')] },
    {
      code: 'superuser_reserved_connections = 100\n',
      pgVersion: 18,
      errors: [at(1, 'superuser_reserved_connections = ', '100', { message: /= 100 is not less than max_connections = 100 \(default\): PostgreSQL refuses to start$/ })],
    },
    { code: 'reserved_connections = 97\n', pgVersion: 16, errors: [at(1, 'reserved_connections = ', '97')] },
    {
      code: 'max_connections = 5\nreserved_connections = 2\nsuperuser_reserved_connections = 3\n',
      pgVersion: 16,
      errors: [at(3, 'superuser_reserved_connections = ', '3', { message: 'superuser_reserved_connections = 3 + reserved_connections = 2 = 5 is not less than max_connections = 5: PostgreSQL refuses to start' })],
    },
    {
      name: 'the small max_connections is blamed when the reservations are at their defaults',
      code: 'superuser_reserved_connections = 3\nmax_connections = 2\n',
      errors: [at(2, 'max_connections = ', '2')],
    },
    {
      name: 'from postgresql.auto.conf',
      code: { 'postgresql.conf': 'max_connections = 100\n', 'postgresql.auto.conf': 'max_connections = 2\n' },
      errors: [at(1, 'max_connections = ', '2', { file: 'postgresql.auto.conf' })],
    },
    {
      name: 'two clusters',
      code: { 'a/postgresql.conf': 'max_connections = 3\n', 'b/postgresql.conf': 'superuser_reserved_connections = 200\n' },
      errors: [at(1, 'max_connections = ', '3', { file: 'a/postgresql.conf' }), at(1, 'superuser_reserved_connections = ', '200', { file: 'b/postgresql.conf' })],
    },
  ],
});

ruleTester(recoveryConfObsolete, {
  valid: [
    { code: '' },
    { code: "primary_conninfo = 'host=primary'\n", pgVersion: 12 },
    { code: { 'postgresql.conf': 'hot_standby = on\n', 'recovery.conf': "standby_mode = 'on'\nprimary_conninfo = 'host=primary'\n" }, pgVersion: 11 },
    { code: { 'recovery.conf': "restore_command = 'cp /a/%f %p'\n" }, pgVersion: 10 },
    // Before 12 standby_mode in postgresql.conf is another rule's business (unknown-setting).
    { code: 'standby_mode = on\n', pgVersion: 11 },
  ],
  invalid: [
    {
      code: { 'postgresql.conf': 'hot_standby = on\n', 'recovery.conf': "# from 11\nstandby_mode = 'on'\nprimary_conninfo = 'host=primary'\n" },
      pgVersion: 12,
      errors: [
        {
          file: 'recovery.conf',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 20,
          severity: 'error',
          message: 'recovery.conf is not supported from PostgreSQL 12: PostgreSQL 12 refuses to start while this file is in the data directory',
        },
      ],
    },
    {
      name: 'an empty recovery.conf is just as fatal',
      code: { 'postgresql.conf': '', 'recovery.conf': '' },
      pgVersion: 18,
      errors: [{ file: 'recovery.conf', line: 1, column: 1, endLine: 1, endColumn: 1 }],
    },
    { name: 'recovery.conf without postgresql.conf', code: { 'recovery.conf': "restore_command = 'cp /a/%f %p'\n" }, errors: [{ file: 'recovery.conf', line: 1, column: 1 }] },
    {
      code: 'hot_standby = on\nstandby_mode = on\n',
      pgVersion: 12,
      errors: [at(2, 'standby_mode = ', 'on', { message: 'standby_mode = on is a recovery.conf parameter that PostgreSQL 12 does not recognize: the server refuses to start' })],
    },
    { code: "trigger_file = '/tmp/promote'\n", pgVersion: 18, errors: [at(1, 'trigger_file = ', "'/tmp/promote'")] },
    { code: { 'postgresql.auto.conf': 'Standby_Mode = true\n' }, errors: [at(1, 'Standby_Mode = ', 'true', { file: 'postgresql.auto.conf' })] },
    {
      name: 'file and parameter: two findings',
      code: { 'postgresql.conf': "\nstandby_mode = 'on'\n", 'recovery.conf': "primary_conninfo = 'host=primary'\n" },
      errors: [at(2, 'standby_mode = ', "'on'"), { file: 'recovery.conf', line: 1, column: 1, endLine: 1, endColumn: 34 }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Freeze clamps (POSTGRES.md §6): Min(table age, max age × 0.95), Min(min age, max age / 2),
// Max(failsafe age, max age × 1.05). Defaults: autovacuum_freeze_max_age 200000000,
// autovacuum_multixact_freeze_max_age 400000000, vacuum_freeze_table_age 150000000,
// vacuum_freeze_min_age 50000000, vacuum_multixact_freeze_min_age 5000000, failsafe ages 1600000000.

ruleTester(freezeTableAgeClamped, {
  valid: [
    { code: '', name: 'pure defaults' },
    { code: 'vacuum_freeze_table_age = 190000000\n', name: 'exactly 0.95 × the default max age' },
    { code: 'autovacuum_freeze_max_age = 1000000000\nvacuum_freeze_table_age = 950000000\n' },
    { code: 'autovacuum_freeze_max_age = 157894737\n', name: '150000000 ≤ 0.95 × 157894737' },
    { code: 'vacuum_freeze_table_age = 2000000001\n', name: 'out of range: rejected, default applies' },
    { code: 'vacuum_multixact_freeze_table_age = 380000000\n' },
    { code: "vacuum_freeze_table_age = ''\n" },
    { code: 'vacuum_freeze_table_age = 0\n' },
  ],
  invalid: [
    {
      code: 'vacuum_freeze_table_age = 1900000000\n',
      errors: [
        at(1, 'vacuum_freeze_table_age = ', '1900000000', {
          severity: 'warning',
          message: 'vacuum_freeze_table_age = 1900000000 is above 0.95 × autovacuum_freeze_max_age (default 200000000 → 190000000): VACUUM silently uses 190000000',
        }),
      ],
    },
    { code: 'vacuum_freeze_table_age = 190000001\n', pgVersion: 10, errors: [at(1, 'vacuum_freeze_table_age = ', '190000001')] },
    {
      name: 'default table age, lowered max age: at the max age',
      code: '\nautovacuum_freeze_max_age = 150000000\n',
      errors: [
        at(2, 'autovacuum_freeze_max_age = ', '150000000', {
          message: 'vacuum_freeze_table_age (default 150000000) is above 0.95 × autovacuum_freeze_max_age (150000000 → 142500000): VACUUM silently uses 142500000',
        }),
      ],
    },
    {
      code: 'autovacuum_freeze_max_age = 100000\n',
      pgVersion: 18,
      errors: [at(1, 'autovacuum_freeze_max_age = ', '100000', { message: /\(100000 → 95000\): VACUUM silently uses 95000$/ })],
    },
    {
      name: 'both set: at the clamped table age',
      code: 'autovacuum_freeze_max_age = 500000000\nvacuum_freeze_table_age = 480000000\n',
      errors: [at(2, 'vacuum_freeze_table_age = ', '480000000', { message: /autovacuum_freeze_max_age \(500000000 → 475000000\)/ })],
    },
    {
      name: 'unusual spellings: real and hex',
      code: "vacuum_freeze_table_age = '1.9e9'\n",
      errors: [at(1, 'vacuum_freeze_table_age = ', "'1.9e9'", { message: /^vacuum_freeze_table_age = 1900000000 is above/ })],
    },
    {
      code: 'vacuum_multixact_freeze_table_age = 1000000000\n',
      errors: [
        at(1, 'vacuum_multixact_freeze_table_age = ', '1000000000', {
          message:
            'vacuum_multixact_freeze_table_age = 1000000000 is above 0.95 × autovacuum_multixact_freeze_max_age (default 400000000 → 380000000): VACUUM silently uses at most 380000000',
        }),
      ],
    },
    {
      name: 'both pairs: two findings',
      code: 'vacuum_freeze_table_age = 0x713FB300\nvacuum_multixact_freeze_table_age = 2000000000\n',
      errors: [at(1, 'vacuum_freeze_table_age = ', '0x713FB300'), at(2, 'vacuum_multixact_freeze_table_age = ', '2000000000')],
    },
    {
      name: 'max age lowered in postgresql.auto.conf, table age from an include',
      code: { 'postgresql.conf': "include 'vac.conf'\n", 'vac.conf': 'vacuum_freeze_table_age = 150000000\n', 'postgresql.auto.conf': 'autovacuum_freeze_max_age = 100000000\n' },
      errors: [at(1, 'vacuum_freeze_table_age = ', '150000000', { file: 'vac.conf', message: /\(100000000 → 95000000\)/ })],
    },
  ],
});

ruleTester(freezeMinAgeClamped, {
  valid: [
    { code: '' },
    { code: 'vacuum_freeze_min_age = 100000000\n', name: 'exactly half the default max age' },
    { code: 'autovacuum_freeze_max_age = 1000000000\nvacuum_freeze_min_age = 500000000\n' },
    { code: 'vacuum_multixact_freeze_min_age = 200000000\n' },
    { code: 'vacuum_freeze_min_age = 1000000001\n', name: 'out of range' },
    { code: 'autovacuum_multixact_freeze_max_age = 10000000\n', name: '5000000 = 10000000 / 2' },
  ],
  invalid: [
    {
      code: 'vacuum_freeze_min_age = 500000000\n',
      errors: [
        at(1, 'vacuum_freeze_min_age = ', '500000000', {
          severity: 'warning',
          message: 'vacuum_freeze_min_age = 500000000 is above 0.5 × autovacuum_freeze_max_age (default 200000000 → 100000000): VACUUM silently uses 100000000',
        }),
      ],
    },
    {
      name: 'odd max age: integer division',
      code: 'autovacuum_freeze_max_age = 100001\n',
      errors: [at(1, 'autovacuum_freeze_max_age = ', '100001', { message: 'vacuum_freeze_min_age (default 50000000) is above 0.5 × autovacuum_freeze_max_age (100001 → 50000): VACUUM silently uses 50000' })],
    },
    {
      code: '# mx\nautovacuum_multixact_freeze_max_age = 8000000\n',
      pgVersion: 12,
      errors: [
        at(2, 'autovacuum_multixact_freeze_max_age = ', '8000000', {
          message: 'vacuum_multixact_freeze_min_age (default 5000000) is above 0.5 × autovacuum_multixact_freeze_max_age (8000000 → 4000000): VACUUM silently uses at most 4000000',
        }),
      ],
    },
    {
      name: 'two pairs, two findings',
      code: 'vacuum_freeze_min_age = 1000000000\nvacuum_multixact_freeze_min_age = 1000000000\n',
      errors: [at(1, 'vacuum_freeze_min_age = ', '1000000000'), at(2, 'vacuum_multixact_freeze_min_age = ', '1000000000')],
    },
    { code: { 'postgresql.auto.conf': 'vacuum_freeze_min_age = 100000001\n' }, pgVersion: 18, errors: [at(1, 'vacuum_freeze_min_age = ', '100000001', { file: 'postgresql.auto.conf' })] },
  ],
});

ruleTester(failsafeAgeClamped, {
  valid: [
    { code: '' },
    { code: 'vacuum_failsafe_age = 210000000\n', name: 'exactly 1.05 × the default max age' },
    { code: 'autovacuum_freeze_max_age = 1500000000\n', name: '1.05 × 1500000000 < 1600000000' },
    // The failsafe parameters are 14+.
    { code: 'vacuum_failsafe_age = 1\n', pgVersion: 13 },
    { code: 'autovacuum_freeze_max_age = 2000000000\n', pgVersion: 13 },
    { code: 'vacuum_failsafe_age = 2100000001\n', name: 'out of range' },
  ],
  invalid: [
    {
      code: 'vacuum_failsafe_age = 100000000\n',
      pgVersion: 14,
      errors: [
        at(1, 'vacuum_failsafe_age = ', '100000000', {
          severity: 'info',
          message: 'vacuum_failsafe_age = 100000000 is below 1.05 × autovacuum_freeze_max_age (default 200000000 → 210000000): VACUUM silently uses 210000000',
        }),
      ],
    },
    { code: '\nvacuum_failsafe_age = 0\n', errors: [at(2, 'vacuum_failsafe_age = ', '0')] },
    {
      name: 'a high max age raises the default failsafe age',
      code: 'autovacuum_freeze_max_age = 2000000000\n',
      pgVersion: 18,
      errors: [
        at(1, 'autovacuum_freeze_max_age = ', '2000000000', {
          message: 'vacuum_failsafe_age (default 1600000000) is below 1.05 × autovacuum_freeze_max_age (2000000000 → 2100000000): VACUUM silently uses 2100000000',
        }),
      ],
    },
    {
      name: 'both pairs: two findings',
      code: "autovacuum_freeze_max_age = '2e9'\nautovacuum_multixact_freeze_max_age = 2000000000\n",
      errors: [at(1, 'autovacuum_freeze_max_age = ', "'2e9'"), at(2, 'autovacuum_multixact_freeze_max_age = ', '2000000000')],
    },
    {
      code: 'vacuum_multixact_failsafe_age = 1000\nautovacuum_multixact_freeze_max_age = 10000\n',
      errors: [at(1, 'vacuum_multixact_failsafe_age = ', '1000', { message: /\(10000 → 10500\): VACUUM silently uses 10500$/ })],
    },
  ],
});

ruleTester(freezeMaxAgeHigh, {
  valid: [
    { code: '' },
    { code: 'autovacuum_freeze_max_age = 1500000000\n', name: 'at the threshold' },
    { code: 'autovacuum_multixact_freeze_max_age = 400000000\n' },
    { code: 'autovacuum_freeze_max_age = 1800000000\n', options: { threshold: 1800000000 } },
    { code: '', options: { threshold: 1000 }, name: 'defaults are never reported, whatever the threshold' },
    { code: 'autovacuum_freeze_max_age = 2000000001\n', name: 'out of range' },
  ],
  invalid: [
    {
      code: 'autovacuum_freeze_max_age = 1800000000\n',
      errors: [
        at(1, 'autovacuum_freeze_max_age = ', '1800000000', {
          severity: 'info',
          message:
            'autovacuum_freeze_max_age = 1800000000 is above 1500000000: the forced anti-wraparound VACUUM starts only ~347 million transaction IDs before the wraparound limit, and pg_xact can grow to ~429 MB',
        }),
      ],
    },
    {
      code: '\nautovacuum_multixact_freeze_max_age = 2000000000\n',
      pgVersion: 10,
      errors: [at(2, 'autovacuum_multixact_freeze_max_age = ', '2000000000', { message: /is above 1500000000: .* ~147 million multixact IDs before the wraparound limit/ })],
    },
    {
      name: 'option threshold',
      code: 'autovacuum_freeze_max_age = 1200000000\nautovacuum_multixact_freeze_max_age = 400000000\n',
      options: { threshold: 300000000 },
      errors: [at(1, 'autovacuum_freeze_max_age = ', '1200000000', { message: /is above 300000000:/ }), at(2, 'autovacuum_multixact_freeze_max_age = ', '400000000')],
    },
    { code: { 'postgresql.auto.conf': 'autovacuum_freeze_max_age = 2000000000\n' }, pgVersion: 18, errors: [at(1, 'autovacuum_freeze_max_age = ', '2000000000', { file: 'postgresql.auto.conf' })] },
  ],
});

// ---------------------------------------------------------------------------------------------

ruleTester(secretInConfig, {
  valid: [
    { code: '' },
    { code: "primary_conninfo = 'host=primary port=5432 user=replicator'\n" },
    { code: "primary_conninfo = 'host=primary user=replicator passfile=/var/lib/postgresql/.pgpass'\n" },
    { code: "primary_conninfo = 'host=primary user=replicator password='\n", name: 'empty password' },
    { code: "primary_conninfo = 'host=primary password='''''\n", name: "empty quoted password ('')" },
    { code: "primary_conninfo = 'host=primary user=rep password=${REPL_PASSWORD}'\n" },
    { code: "primary_conninfo = 'host=primary user=rep password=$REPL_PASSWORD'\n" },
    { code: "primary_conninfo = 'host=primary user=rep password={{ repl_password }}'\n" },
    { code: "primary_conninfo = 'host=primary user=rep password=<password>'\n" },
    { code: "primary_conninfo = 'postgresql://replicator@primary:5432/postgres'\n" },
    { code: "primary_conninfo = 'postgresql://replicator:@primary/postgres'\n" },
    { code: "primary_conninfo = 'postgresql://[::1]:5432/postgres'\n" },
    // -p is a port for PostgreSQL tools, and --password (without a value) only forces a prompt.
    { code: "archive_command = 'pg_receivewal -h backup -p 5432 -U repl --password %f'\n" },
    { code: "restore_command = 'pg_basebackup -h primary -p 5432 -D /tmp/x -W'\n" },
    { code: "archive_command = 'rsync -a %p backup@archive:/wal/%f'\n" },
    { code: "archive_command = 'PGPASSFILE=/etc/pgpass psql -c \"select 1\"'\n" },
    { code: "archive_command = 'PGPASSWORD=\"$(cat /run/secrets/pg)\" pg_receivewal -D /x'\n" },
    { code: "archive_command = 'PGPASSWORD=$PW psql -h x'\n" },
    { code: "restore_command = 'aws s3 cp s3://bucket/wal/%f %p'\n" },
    { code: "archive_command = 'openssl enc -aes-256-cbc -pass file:/etc/key -in %p -out /a/%f'\n" },
    { code: "archive_command = 'sshpass -f /etc/pw scp %p backup:/wal/%f'\n" },
    { code: "archive_command = 'curl -u repl -T %p https://archive/%f'\n", name: 'curl prompts for the password' },
    { code: "ssl_passphrase_command = '/usr/local/bin/get-passphrase %p'\n" },
    { code: "ssl_passphrase_command = 'echo $SSL_PASS'\n" },
    { code: "password_encryption = 'scram-sha-256'\n" },
    { code: "myext.password = ''\n" },
    { code: "application_name = 'password'\n" },
    { code: "archive_command = ''\nrestore_command = ''\nprimary_conninfo = ''\n" },
    { code: { 'recovery.conf': "standby_mode = 'on'\nprimary_conninfo = 'host=primary user=rep'\n" }, pgVersion: 11 },
  ],
  invalid: [
    {
      code: "primary_conninfo = 'host=primary user=replicator password=s3cret'\n",
      errors: [
        at(1, 'primary_conninfo = ', "'host=primary user=replicator password=s3cret'", {
          severity: 'error',
          message: 'primary_conninfo contains a literal secret (password=****): anyone who can read the repository or its history can use it',
        }),
      ],
    },
    { code: "# standby\nprimary_conninfo = 'host=primary password = s3cret'\n", errors: [at(2, 'primary_conninfo = ', "'host=primary password = s3cret'")] },
    {
      name: 'quoted conninfo value',
      code: "primary_conninfo = 'host=primary password=''my secret'''\n",
      errors: [at(1, 'primary_conninfo = ', "'host=primary password=''my secret'''", { message: /\(password=\*\*\*\*\)/ })],
    },
    {
      name: 'URI',
      code: "primary_conninfo = 'postgresql://replicator:s3cret@primary:5432/postgres'\n",
      errors: [at(1, 'primary_conninfo = ', "'postgresql://replicator:s3cret@primary:5432/postgres'", { message: /\(postgresql:\/\/replicator:\*\*\*\*@\)/ })],
    },
    {
      name: 'URI query parameter',
      code: "primary_conninfo = 'postgres://primary/postgres?user=rep&password=s3cret'\n",
      errors: [at(1, 'primary_conninfo = ', "'postgres://primary/postgres?user=rep&password=s3cret'")],
    },
    { code: "primary_conninfo = 'host=primary sslpassword=keypass'\n", errors: [at(1, 'primary_conninfo = ', "'host=primary sslpassword=keypass'", { message: /\(sslpassword=\*\*\*\*\)/ })] },
    {
      code: "restore_command = 'PGPASSWORD=s3cret pg_receivewal -h backup -p 5432 %f'\n",
      errors: [at(1, 'restore_command = ', "'PGPASSWORD=s3cret pg_receivewal -h backup -p 5432 %f'", { message: /\(PGPASSWORD=\*\*\*\*\)/ })],
    },
    { code: "archive_command = 'export PGPASSWORD=\"s3cret\"; psql -h x -c \"select 1\"'\n", errors: [at(1, 'archive_command = ', "'export PGPASSWORD=\"s3cret\"; psql -h x -c \"select 1\"'")] },
    { code: "archive_command = 'mytool --password=s3cret push %p'\n", errors: [at(1, 'archive_command = ', "'mytool --password=s3cret push %p'", { message: /\(--password=\*\*\*\*\)/ })] },
    { code: "archive_command = 'pgbackrest --repo1-cipher-pass=abc archive-push %p'\n", errors: [at(1, 'archive_command = ', "'pgbackrest --repo1-cipher-pass=abc archive-push %p'")] },
    { code: "archive_command = 'sshpass -p s3cret scp %p backup:/wal/%f'\n", errors: [at(1, 'archive_command = ', "'sshpass -p s3cret scp %p backup:/wal/%f'", { message: /\(sshpass -p \*\*\*\*\)/ })] },
    { code: "archive_command = 'openssl enc -aes-256-cbc -pass pass:s3cret -in %p -out /a/%f'\n", errors: [at(1, 'archive_command = ', "'openssl enc -aes-256-cbc -pass pass:s3cret -in %p -out /a/%f'")] },
    { code: "archive_command = 'curl -u repl:s3cret -T %p https://archive/%f'\n", errors: [at(1, 'archive_command = ', "'curl -u repl:s3cret -T %p https://archive/%f'", { message: /\(curl -u repl:\*\*\*\*\)/ })] },
    { code: "archive_command = 'curl -T %p ftp://repl:s3cret@archive/%f'\n", errors: [at(1, 'archive_command = ', "'curl -T %p ftp://repl:s3cret@archive/%f'")] },
    { code: "archive_command = 'AWS_SECRET_ACCESS_KEY=abc123 aws s3 cp %p s3://b/%f'\n", errors: [at(1, 'archive_command = ', "'AWS_SECRET_ACCESS_KEY=abc123 aws s3 cp %p s3://b/%f'")] },
    { code: "recovery_end_command = 'psql \"host=x password=s3cret\" -c \"select 1\"'\n", errors: [at(1, 'recovery_end_command = ', "'psql \"host=x password=s3cret\" -c \"select 1\"'")] },
    { code: "archive_command = 'SSHPASS=s3cret sshpass -e scp %p b:/w/%f'\n", errors: [at(1, 'archive_command = ', "'SSHPASS=s3cret sshpass -e scp %p b:/w/%f'", { message: /\(SSHPASS=\*\*\*\*\)/ })] },
    { code: "archive_cleanup_command = 'PGPASSWORD=s3cret cleanup %r'\n", errors: [at(1, 'archive_cleanup_command = ', "'PGPASSWORD=s3cret cleanup %r'")] },
    { code: "ssl_passphrase_command = 'echo s3cret'\n", errors: [at(1, 'ssl_passphrase_command = ', "'echo s3cret'", { message: /\(echo \*\*\*\*\)/ })] },
    { code: "myext.password = 's3cret'\n", errors: [at(1, 'myext.password = ', "'s3cret'", { message: /^myext\.password contains a literal secret \(\*\*\*\*\)/ })] },
    { code: "dblink.default_conninfo = 'host=x password=s3cret'\n", errors: [at(1, 'dblink.default_conninfo = ', "'host=x password=s3cret'")] },
    {
      name: 'the message never echoes the secret',
      code: "primary_conninfo = 'host=p password=hunter2'\narchive_command = 'PGPASSWORD=hunter2 x'\n",
      errors: [
        at(1, 'primary_conninfo = ', "'host=p password=hunter2'", { message: /^(?!.*hunter2)/ }),
        at(2, 'archive_command = ', "'PGPASSWORD=hunter2 x'", { message: /^(?!.*hunter2)/ }),
      ],
    },
    {
      name: 'two secrets in one value',
      code: "archive_command = 'PGPASSWORD=a psql \"host=x password=b\"'\n",
      errors: [at(1, 'archive_command = ', "'PGPASSWORD=a psql \"host=x password=b\"'", { message: /^archive_command contains 2 literal secrets \(PGPASSWORD=\*\*\*\*, password=\*\*\*\*\)/ })],
    },
    {
      name: 'an overridden line still commits the secret',
      code: "primary_conninfo = 'host=p password=old'\nprimary_conninfo = 'host=p passfile=/x'\n",
      errors: [at(1, 'primary_conninfo = ', "'host=p password=old'")],
    },
    {
      name: "recovery.conf's primary_conninfo (11)",
      code: { 'postgresql.conf': '', 'recovery.conf': "standby_mode = 'on'\nprimary_conninfo = 'host=primary user=rep password=s3cret'\n" },
      pgVersion: 11,
      errors: [at(2, 'primary_conninfo = ', "'host=primary user=rep password=s3cret'", { file: 'recovery.conf' })],
    },
    {
      name: 'include and postgresql.auto.conf',
      code: {
        'postgresql.conf': "include 'standby.conf'\n",
        'standby.conf': "\nprimary_conninfo = 'host=p password=x1'\n",
        'postgresql.auto.conf': "primary_conninfo = 'user=rep password=x2 host=p'\n",
      },
      errors: [
        at(1, 'primary_conninfo = ', "'user=rep password=x2 host=p'", { file: 'postgresql.auto.conf' }),
        at(2, 'primary_conninfo = ', "'host=p password=x1'", { file: 'standby.conf' }),
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------

describe('odd but legal input never makes a rule throw', () => {
  const odd = [
    "archive_command = ''",
    "restore_command = ''",
    "primary_conninfo = ''",
    "archive_library = ''",
    "ssl_passphrase_command = ''",
    "primary_conninfo = 'password='",
    "primary_conninfo = 'password='''",
    "primary_conninfo = 'postgresql://:@'",
    "archive_command = '\\'\"$`\\\\'",
    "archive_command = 'sshpass -p'",
    "archive_command = 'curl -u'",
    "archive_command = 'openssl -pass'",
    "myext.secret = ''",
    'autovacuum_freeze_max_age = 2000000000',
    'autovacuum_multixact_freeze_max_age = 10000',
    "vacuum_freeze_table_age = '2e9'",
    'vacuum_freeze_min_age = 0x3B9ACA00',
    'vacuum_failsafe_age = 2100000000',
    'vacuum_multixact_failsafe_age = 0',
    "max_slot_wal_keep_size = '2048GB'",
    'max_connections = 99999999999999999999',
    'superuser_reserved_connections = 262143',
    'wal_level = minimal',
    "max_wal_senders = '1e1'",
    "synchronous_commit = ''",
    "password_encryption = ''",
    "full_page_writes = ''",
    'standby_mode = on',
    'trigger_file = x',
  ].join('\n');
  test.each([...SUPPORTED_MAJORS])('PostgreSQL %i', (major) => {
    expect(() =>
      lintTree(
        { 'postgresql.conf': odd + '\n', 'postgresql.auto.conf': "primary_conninfo = ''\n", 'recovery.conf': "primary_conninfo = ''\nrestore_command = ''\n" },
        { pgVersion: major, ruleOptions: { 'freeze-max-age-high': { threshold: 'not a number' } } },
        CONF_RULES,
      ),
    ).not.toThrow();
  });
});

describe('duplicate-setting past the listing limit', () => {
  // postgresql.conf sets work_mem on lines 1..1500, includes extra.conf (which sets it 1300 more
  // times), then sets it 200 more times: every assignment but the last is overridden.
  const main = [
    ...Array.from({ length: 1500 }, (_, i) => `work_mem = ${i + 1}MB`),
    "include 'extra.conf'",
    ...Array.from({ length: 200 }, (_, i) => `work_mem = ${2000 + i}MB`),
  ];
  const extra = Array.from({ length: 1300 }, (_, i) => `work_mem = ${5000 + i}kB`);
  const { findings } = lintTree(
    { 'postgresql.conf': main.join('\n') + '\n', 'extra.conf': extra.join('\n') + '\n' },
    { pgVersion: 16 },
    RULES.filter((r) => r.name === 'duplicate-setting'),
  );
  const byFile = (file: string) => findings.filter((f) => f.file === file);

  test.each([
    // overridden in postgresql.conf: 1500 + 199 (its last line wins); in extra.conf: all 1300
    ['postgresql.conf', 1699, main.length],
    ['extra.conf', 1300, extra.length],
  ])('%s: 1,000 listed, the rest counted in one finding at the last of them', (file, overridden, lastLine) => {
    const all = byFile(file);
    const listed = all.filter((f) => !/not listed/.test(f.message));
    const summary = all.filter((f) => /not listed/.test(f.message));
    expect(listed).toHaveLength(1000);
    expect(listed.map((f) => f.line)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(summary).toHaveLength(1);
    expect(summary[0]!.message).toBe(
      `${overridden - 1000} more duplicate-setting findings in this file are not listed (${overridden} in all; only the first 1000 are)`,
    );
    // the last overridden assignment: the line before the winner in postgresql.conf, the last line of extra.conf
    expect(summary[0]!.line).toBe(file === 'postgresql.conf' ? lastLine - 1 : lastLine);
  });
});
