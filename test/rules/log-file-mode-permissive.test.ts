import { afterAll } from '@jest/globals';
import rule from '../../rules/log-file-mode-permissive.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const HOLD = 'they hold statement text, failed ALTER ROLE … PASSWORD statements, user names and client addresses';

ruleTester(rule, {
  valid: [
    { code: 'logging_collector = on\nlog_file_mode = 0600\n' },
    { code: 'logging_collector = on\n', name: 'absent: the default 0600' },
    { code: 'log_file_mode = 0644\n', name: 'no logging collector: the setting is not used' },
    { code: "logging_collector = on\nlog_destination = 'syslog'\nlog_file_mode = 0644\n", name: 'syslog alone: the collector writes no PostgreSQL messages to files' },
    { code: 'logging_collector = on\nlog_file_mode = 0640\n', options: { maximum: '0640' }, name: 'option maximum' },
    { code: 'logging_collector = on\nlog_file_mode = 0700\n', name: "the owner's bits are not judged" },
    { code: 'logging_collector = on\nlog_file_mode = 0600\n', options: { maximum: '0400' }, name: "the owner's bits are not judged, whatever maximum says" },
    { code: 'logging_collector = on\nlog_file_mode = 640\n', name: 'decimal 640 is out of range: invalid, the default applies' },
  ],
  invalid: [
    {
      code: 'logging_collector = on\nlog_file_mode = 0644\n',
      errors: [
        {
          line: 2,
          column: 17,
          endColumn: 21,
          severity: 'warning',
          message: `log_file_mode = 0644 lets the file's group and every other local user read the server log files (more than 0600): ${HOLD}`, help: 'Set log_file_mode = 0600 (0600 is the default); give a log shipper its own copy rather than group or world access.',
        },
      ],
    },
    {
      name: 'group read and write',
      code: "logging_collector = on\nlog_destination = 'csvlog'\nlog_file_mode = 0660\n",
      errors: [{ line: 3, column: 17, message: `log_file_mode = 0660 lets the file's group read and write the server log files (more than 0600): ${HOLD}` }],
    },
    {
      name: 'decimal spelling shown in octal',
      code: 'logging_collector = on\nlog_file_mode = 438\n',
      pgVersion: 12,
      errors: [{ line: 2, column: 17, message: `log_file_mode = 438 (0666) lets the file's group and every other local user read and write the server log files (more than 0600): ${HOLD}` }],
    },
    {
      name: 'quoted',
      code: "logging_collector = on\nlog_file_mode = '0640'\n",
      errors: [{ line: 2, column: 17, message: `log_file_mode = '0640' lets the file's group read the server log files (more than 0600): ${HOLD}` }],
    },
    {
      name: 'option maximum 0640: other access still reported',
      code: 'logging_collector = on\nlog_file_mode = 0604\n',
      options: { maximum: '0640' },
      errors: [{ line: 2, column: 17, message: `log_file_mode = 0604 lets every other local user read the server log files (more than 0640): ${HOLD}` }],
    },
    {
      name: 'group read, other read and write',
      code: 'logging_collector = on\nlog_file_mode = 0646\n',
      errors: [{ line: 2, column: 17, message: `log_file_mode = 0646 lets the file's group read and every other local user read and write the server log files (more than 0600): ${HOLD}` }],
    },
    {
      name: 'PG 18: jsonlog',
      code: "logging_collector = on\nlog_destination = 'jsonlog'\nlog_file_mode = 0604\n",
      pgVersion: 18,
      errors: [{ line: 3, column: 17 }],
    },
  ],
});
