import { afterAll, describe, expect, test } from '@jest/globals';
import { SUPPORTED_MAJORS } from '../src/catalog/types.js';
import { RULES } from '../rules/index.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

// Every postgresql.conf rule at once on odd but legal values, on every supported major.
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
        RULES.filter((r) => r.appliesTo.includes('postgresql.conf')),
      ),
    ).not.toThrow();
  });
});
