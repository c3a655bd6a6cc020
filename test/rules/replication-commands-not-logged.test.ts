import { afterAll } from '@jest/globals';
import rule from '../../rules/replication-commands-not-logged.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const WHY = 'base backups, WAL streaming and replication slot changes leave no trace in the server log';

ruleTester(rule, {
  valid: [
    { code: 'log_replication_commands = on\n' },
    { code: 'log_replication_commands = sometimes\n', name: 'invalid value: not "not set" (invalid-value reports it)' },
    { code: 'log_replication_commands = off\nlog_replication_commands = on\n', name: 'overridden' },
    { code: { 'postgresql.auto.conf': 'work_mem = 4MB\n' }, name: 'absent, no postgresql.conf: nothing to report at' },
    { code: 'log_replication_commands = on\n', pgVersion: 10 },
  ],
  invalid: [
    {
      code: 'log_replication_commands = off\n',
      errors: [{ line: 1, column: 28, endColumn: 31, severity: 'warning', message: `log_replication_commands = off: ${WHY}`, help: 'Set log_replication_commands = on (one log line per replication command: little volume).' }],
    },
    {
      name: 'absent: reported at the start of postgresql.conf',
      code: 'wal_level = replica\nmax_wal_senders = 10\n',
      errors: [{ line: 1, column: 1, message: `log_replication_commands (not set; the default is off): ${WHY}` }],
    },
    {
      name: 'two clusters',
      code: { 'a/postgresql.conf': 'log_replication_commands = on\n', 'b/postgresql.conf': 'port = 5433\n', 'c/postgresql.conf': 'log_replication_commands = false\n' },
      errors: [
        { file: 'b/postgresql.conf', line: 1, column: 1 },
        { file: 'c/postgresql.conf', line: 1, column: 28 },
      ],
    },
  ],
});
