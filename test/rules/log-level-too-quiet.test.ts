import { afterAll } from '@jest/globals';
import rule from '../../rules/log-level-too-quiet.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: 'log_min_messages = warning\nlog_min_error_statement = error\n' },
    { code: 'log_min_messages = error\nlog_min_error_statement = log\n', name: 'error and log are not too quiet' },
    { code: 'log_min_messages = panic\nlog_min_messages = warning\n', name: 'overridden' },
    { code: '# log_min_messages = panic\n' },
    { code: 'log_min_messages = silent\n', name: 'invalid value: the default applies (invalid-value reports it)' },
  ],
  invalid: [
    {
      code: 'log_min_messages = panic\n',
      errors: [
        {
          line: 1,
          column: 20,
          endColumn: 25,
          severity: 'warning',
          message:
            'log_min_messages = panic: no ERROR, FATAL or LOG message reaches the server log — failed statements, failed logins, crashed backends, checkpoints and statement logging all vanish',
        },
      ],
    },
    {
      code: "# quiet\nlog_min_messages = 'FATAL'\n",
      pgVersion: 12,
      errors: [
        {
          line: 2,
          column: 20,
          message:
            "log_min_messages = 'FATAL': no ERROR or LOG message reaches the server log — failed statements, crashed backends, checkpoints and statement logging all vanish",
        },
      ],
    },
    {
      code: 'log_min_error_statement = fatal\n',
      errors: [
        {
          line: 1,
          column: 27,
          endColumn: 32,
          message: 'log_min_error_statement = fatal: errors are logged without the SQL statement that caused them, so a failing query cannot be traced from the log',
        },
      ],
    },
    {
      name: 'both quiet: one finding at log_min_messages',
      code: 'log_min_error_statement=panic\nlog_min_messages=panic\n',
      errors: [{ line: 2, column: 18, message: /^log_min_messages = panic \(and log_min_error_statement = panic\): / }],
    },
    {
      name: 'two clusters, two findings',
      code: { 'a/postgresql.conf': 'log_min_messages = fatal\n', 'b/postgresql.conf': 'work_mem = 4MB\nlog_min_error_statement = panic\n' },
      errors: [
        { file: 'a/postgresql.conf', line: 1, column: 20 },
        { file: 'b/postgresql.conf', line: 2, column: 27 },
      ],
    },
    { code: 'log_min_error_statement = panic\n', pgVersion: 10, errors: [{ line: 1, column: 27 }] },
  ],
});
