import { afterAll } from '@jest/globals';
import rule from '../../rules/log-directory-in-data-directory.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const EFFECT = "a log flood can fill the database's file system and stop the server, and base backups copy the logs and what they hold";

ruleTester(rule, {
  valid: [
    { code: "logging_collector = on\nlog_directory = '/var/log/postgresql'\n" },
    { code: "log_directory = 'log'\n", name: 'no collector: log_directory is not used' },
    { code: 'work_mem = 4MB\n', name: 'default log_directory, no collector' },
    { code: "logging_collector = on\nlog_directory = '../pg_log'\n", name: 'a relative path out of the data directory' },
    { code: "logging_collector = on\nlog_directory = 'log/../../logs'\n", name: 'climbs out after normalizing' },
    { code: "logging_collector = on\ndata_directory = '/srv/pg/data'\nlog_directory = '/srv/pg/data-logs'\n", name: 'a sibling with a common prefix' },
    { code: "logging_collector = on\nlog_directory = '/srv/pg/data/log'\n", name: 'absolute, data_directory unknown (-D)' },
    { code: "logging_collector = on\nlog_destination = 'syslog'\n", name: 'syslog alone: no PostgreSQL messages in the files' },
    { code: "logging_collector = on\nlog_directory = 'C:/PostgreSQL/logs'\n", name: 'a Windows absolute path is not relative' },
    { code: "logging_collector = on\nlog_directory = ''\n", name: "empty: the server does not start, log-directory-empty's finding" },
  ],
  invalid: [
    {
      name: 'the default log directory with the collector on',
      code: 'logging_collector = on\n',
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 1,
          severity: 'warning',
          message: `log_directory (not set; the default is 'log') puts the server log files inside the data directory (a relative path is taken from it): ${EFFECT}`, help: "Set log_directory to an absolute directory outside the data directory, e.g. '/var/log/postgresql'.",
        },
      ],
    },
    {
      code: "logging_collector = on\nlog_directory = 'pg_log'\n",
      pgVersion: 10,
      errors: [{ line: 2, column: 17, endColumn: 25, message: `log_directory = 'pg_log' puts the server log files inside the data directory (a relative path is taken from it): ${EFFECT}` }],
    },
    {
      code: "logging_collector = on\nlog_directory = '.'\n",
      errors: [{ line: 2, column: 17, message: `log_directory = '.' puts the server log files inside the data directory itself: ${EFFECT}` }],
    },
    {
      name: 'absolute under an absolute data_directory',
      code: "logging_collector = on\ndata_directory = '/srv/pg/data/'\nlog_directory = '/srv/pg//data/log'\n",
      errors: [{ line: 3, column: 17, message: `log_directory = '/srv/pg//data/log' puts the server log files inside data_directory '/srv/pg/data/': ${EFFECT}` }],
    },
    {
      name: 'equal to data_directory',
      code: "logging_collector = on\ndata_directory = '/srv/pg/data'\nlog_directory = '/srv/pg/data'\n",
      errors: [{ line: 3, column: 17 }],
    },
  ],
});
