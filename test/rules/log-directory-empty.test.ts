import { afterAll } from '@jest/globals';
import rule from '../../rules/log-directory-empty.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const MESSAGE =
  "log_directory = '' with the logging collector on: the collector opens its log file in the root directory (\"/postgresql-….log\"), which the server cannot write — the server does not start";

ruleTester(rule, {
  valid: [
    { code: "logging_collector = on\nlog_directory = '/var/log/postgresql'\n" },
    { code: 'logging_collector = on\n', name: "absent log_directory: the default 'log'" },
    { code: "logging_collector = on\nlog_directory = '.'\n", name: "'.' is the data directory: the server starts" },
    { code: "logging_collector = on\nlog_directory = ' '\n", name: 'a blank is a relative directory, not empty' },
    { code: "log_directory = ''\n", name: 'collector absent (off): log_directory is not used' },
    { code: "logging_collector = off\nlog_directory = ''\n", name: 'collector off' },
    {
      code: { 'postgresql.conf': "logging_collector = on\nlog_directory = ''\n", 'postgresql.auto.conf': "log_directory = '/var/log/pg'\n" },
      name: 'postgresql.auto.conf overrides the empty value',
    },
    {
      code: { 'postgresql.conf': "logging_collector = on\nlog_directory = ''\n", 'postgresql.auto.conf': 'logging_collector = off\n' },
      name: 'postgresql.auto.conf turns the collector off',
    },
  ],
  invalid: [
    {
      code: "logging_collector = on\nlog_directory = ''\n",
      errors: [{ line: 2, column: 17, endColumn: 19, severity: 'error', message: MESSAGE, help: "Set log_directory to a directory the server's user can write, ideally an absolute one outside the data directory such as '/var/log/postgresql'." }],
    },
    {
      name: 'syslog alone: the collector still opens its file',
      code: "logging_collector = true\nlog_destination = 'syslog'\nlog_directory = ''\n",
      pgVersion: 10,
      errors: [{ line: 3, column: 17, endColumn: 19, message: MESSAGE }],
    },
    {
      name: 'PG 18: the collector set after log_directory, a trailing comment',
      code: "log_directory = ''   # no directory\nlogging_collector = 'on'\n",
      pgVersion: 18,
      errors: [{ line: 1, column: 17, endColumn: 19, message: MESSAGE }],
    },
    {
      name: 'set by ALTER SYSTEM in postgresql.auto.conf',
      code: { 'postgresql.conf': 'logging_collector = on\n', 'postgresql.auto.conf': "log_directory = ''\n" },
      pgVersion: 16,
      errors: [{ file: 'postgresql.auto.conf', line: 1, column: 17, endColumn: 19, message: MESSAGE }],
    },
    {
      name: 'the collector turned on in postgresql.auto.conf',
      code: { 'postgresql.conf': "log_directory = ''\n", 'postgresql.auto.conf': 'logging_collector = on\n' },
      pgVersion: 12,
      errors: [{ file: 'postgresql.conf', line: 1, column: 17, endColumn: 19, message: MESSAGE }],
    },
  ],
});
