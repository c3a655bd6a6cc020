import { afterAll } from '@jest/globals';
import rule from '../../rules/log-truncate-on-rotation-off.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const GROWS = 'so the log directory grows until something outside PostgreSQL removes files or the disk fills';

ruleTester(rule, {
  valid: [
    { code: "logging_collector = on\nlog_truncate_on_rotation = on\nlog_filename = 'postgresql-%a.log'\n" },
    { code: 'log_truncate_on_rotation = off\n', name: 'no collector' },
    { code: "logging_collector = on\nlog_destination = 'syslog'\n", name: 'syslog alone' },
    { code: { 'postgresql.auto.conf': 'logging_collector = on\n' }, name: 'absent, and no postgresql.conf to report at' },
  ],
  invalid: [
    {
      name: 'absent with the collector on',
      code: 'logging_collector = on\n',
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 1,
          severity: 'warning',
          message: `log_truncate_on_rotation (not set; the default is off) with the logging collector on: rotation never overwrites an old log file (log_filename = 'postgresql-%Y-%m-%d_%H%M%S.log'), ${GROWS}`, help: "Set log_truncate_on_rotation = on with a cyclic log_filename and log_rotation_age, e.g. log_filename = 'postgresql-%a.log' and log_rotation_age = 1d (a week of logs); ship logs elsewhere first if they must be kept longer.",
        },
      ],
    },
    {
      code: "logging_collector = on\nlog_destination = 'csvlog'\nlog_filename = 'postgresql-%a.log'\nlog_truncate_on_rotation = off\n",
      pgVersion: 12,
      errors: [
        {
          line: 4,
          column: 28,
          endColumn: 31,
          message: `log_truncate_on_rotation = off with the logging collector on: rotation never overwrites an old log file (log_filename = 'postgresql-%a.log'), ${GROWS}`,
        },
      ],
    },
  ],
});
