import { afterAll } from '@jest/globals';
import rule from '../../rules/logging-collector-off.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const STDERR = "the server log goes to the postmaster's stderr, wherever the service manager points it, without rotation, and lines of concurrent processes can interleave";
const FALLBACK = "every message falls back to plain text on the postmaster's stderr";

ruleTester(rule, {
  valid: [
    { code: 'logging_collector = on\n' },
    { code: "logging_collector = on\nlog_destination = 'csvlog,stderr'\n" },
    { code: "log_destination = 'syslog'\n", name: 'syslog alone needs no collector' },
    { code: "logging_collector = on\nlog_destination = 'jsonlog'\n", pgVersion: 15 },
    { code: { 'pg_hba.conf': 'local all all peer\n' }, name: 'no postgresql.conf' },
    { code: { 'postgresql.auto.conf': 'work_mem = 4MB\n' }, name: 'only postgresql.auto.conf: nowhere to report the absent collector' },
    { code: "logging_collector = on\nlog_destination = ''\n", name: 'an empty log_destination is log-destination-empty\'s finding' },
    { code: "log_destination = ''\n", name: 'an empty log_destination without the collector: no stderr output to judge' },
  ],
  invalid: [
    {
      name: 'both absent: stderr without the collector',
      code: 'work_mem = 4MB\n',
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 1,
          severity: 'warning',
          message: `logging_collector (not set; the default is off) while log_destination = 'stderr' (the default): ${STDERR}`, help: 'Set logging_collector = on (a restart is needed), with log_directory outside the data directory.',
        },
      ],
    },
    {
      name: 'written off',
      code: "logging_collector = off\nlog_destination = 'stderr,syslog'\n",
      errors: [{ line: 1, column: 21, endColumn: 24, message: `logging_collector = off while log_destination = 'stderr,syslog': ${STDERR}` }],
    },
    {
      name: 'csvlog needs the collector',
      code: "log_destination = 'csvlog'\n",
      pgVersion: 12,
      errors: [{ line: 1, column: 1, message: `logging_collector (not set; the default is off) while log_destination = 'csvlog' needs it: no CSV log file is written — ${FALLBACK}` }],
    },
    {
      name: 'PG 18: jsonlog and csvlog',
      code: "logging_collector = false\nlog_destination = 'jsonlog, CSVLOG'\n",
      pgVersion: 18,
      errors: [{ line: 1, column: 21, message: `logging_collector = false while log_destination = 'jsonlog, CSVLOG' needs it: no CSV or JSON log file is written — ${FALLBACK}` }],
    },
    {
      name: 'PG 14 has no jsonlog: the value is rejected and the default stderr applies',
      code: "log_destination = 'jsonlog'\n",
      pgVersion: 14,
      errors: [{ line: 1, column: 1, message: `logging_collector (not set; the default is off) while log_destination = 'stderr' (the default): ${STDERR}` }],
    },
  ],
});
