import { afterAll } from '@jest/globals';
import rule from '../../rules/log-destination-empty.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const EFFECT = 'names no destination: the server writes no log at all — no error, failed login or logged statement is recorded anywhere';

ruleTester(rule, {
  valid: [
    { code: "log_destination = 'stderr'\n" },
    { code: "log_destination = 'syslog'\n" },
    { code: 'work_mem = 4MB\n', name: "absent: the default 'stderr'" },
    { code: "log_destination = 'jsonlog'\n", pgVersion: 15 },
    { code: "log_destination = ','\n", name: 'an invalid list is rejected and the default applies (invalid-value)' },
    { code: "log_destination = 'jsonlog'\n", pgVersion: 14, name: 'PG 14 rejects jsonlog: the default applies' },
    {
      code: { 'postgresql.conf': "log_destination = ''\n", 'postgresql.auto.conf': "log_destination = 'stderr'\n" },
      name: 'postgresql.auto.conf overrides the empty value',
    },
  ],
  invalid: [
    {
      code: "log_destination = ''\n",
      errors: [{ line: 1, column: 19, endColumn: 21, severity: 'error', message: `log_destination = '' ${EFFECT}`, help: "Set log_destination = 'stderr' (with logging_collector = on), 'csvlog', 'jsonlog' or 'syslog'." }],
    },
    {
      name: 'all blanks, with the collector on',
      code: "logging_collector = on\nlog_destination = '  '\n",
      pgVersion: 10,
      errors: [{ line: 2, column: 19, endColumn: 23, message: `log_destination = '  ' ${EFFECT}` }],
    },
    {
      name: 'set by ALTER SYSTEM in postgresql.auto.conf',
      code: { 'postgresql.conf': "log_destination = 'stderr'\n", 'postgresql.auto.conf': "log_destination = ''\n" },
      pgVersion: 18,
      errors: [{ file: 'postgresql.auto.conf', line: 1, column: 19, endColumn: 21, message: `log_destination = '' ${EFFECT}` }],
    },
  ],
});
