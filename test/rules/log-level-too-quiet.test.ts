import { afterAll } from '@jest/globals';
import rule from '../../rules/log-level-too-quiet.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const CIS = { quietestMessages: 'warning', quietestErrorStatement: 'error' };

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: 'log_min_messages = warning\nlog_min_error_statement = error\n' },
    { code: 'log_min_messages = panic\nlog_min_messages = warning\n', name: 'overridden' },
    { code: '# log_min_messages = panic\n' },
    { code: 'log_min_messages = silent\n', name: 'invalid value: the default applies (invalid-value reports it)' },
    { code: 'log_min_messages = error\nlog_min_error_statement = error\n', name: 'default options: error is accepted for both' },
    { code: '', options: CIS, name: 'cis options: absent settings are warning and error' },
    { code: 'log_min_messages = warning\nlog_min_error_statement = error\n', options: CIS },
    { code: 'log_min_messages = silent\n', options: { quietestMessages: 'notice' }, name: 'stricter option, invalid value: not "not set" (invalid-value reports it)' },
    { code: 'log_min_messages = debug1\nlog_min_error_statement = notice\n', options: CIS, name: 'more verbose levels are never reported' },
    { code: 'log_min_messages = panic\n', options: { quietestMessages: 'panic' }, name: 'quietestMessages panic accepts every level' },
    { code: { 'postgresql.auto.conf': 'work_mem = 4MB\n' }, options: { quietestMessages: 'notice' }, name: 'absent, no postgresql.conf: nothing to report at' },
  ],
  invalid: [
    // help: the defaults are suggested under the default options; a limit more verbose than the default is suggested itself
    {
      code: 'log_min_messages = fatal\n',
      errors: [
        {
          line: 1,
          column: 20,
          endColumn: 25,
          help: 'Set log_min_messages = warning (the default); to cut log volume, tune what is logged (log_statement, log_min_duration_statement, log_checkpoints) rather than hiding errors.',
        },
      ],
    },
    { code: 'log_min_error_statement = panic\n', errors: [{ line: 1, column: 27, endColumn: 32, help: 'Set log_min_error_statement = error (the default).' }] },
    {
      name: 'help: a limit more verbose than the default is suggested itself',
      code: 'log_min_messages = error\nlog_min_error_statement = error\n',
      options: { quietestMessages: 'notice', quietestErrorStatement: 'warning' },
      errors: [
        {
          line: 1,
          column: 20,
          endColumn: 25,
          help: 'Set log_min_messages = notice; to cut log volume, tune what is logged (log_statement, log_min_duration_statement, log_checkpoints) rather than hiding messages.',
        },
        { line: 2, column: 27, endColumn: 32, help: 'Set log_min_error_statement = warning.' },
      ],
    },
    {
      code: 'log_min_messages = panic\n',
      errors: [
        {
          line: 1,
          column: 20,
          endColumn: 25,
          severity: 'warning',
          message:
            'log_min_messages = panic: no ERROR, FATAL or LOG message reaches the server log — failed statements, failed logins, crashed backends, checkpoints and statement logging all vanish', help: 'Set log_min_messages = warning (the default); to cut log volume, tune what is logged (log_statement, log_min_duration_statement, log_checkpoints) rather than hiding errors.',
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
    {
      name: 'cis options: log_min_messages = error',
      code: 'log_min_messages = error\n',
      options: CIS,
      errors: [
        {
          line: 1,
          column: 20,
          endColumn: 25,
          severity: 'warning',
          message:
            'log_min_messages = error is quieter than warning: WARNING messages do not reach the server log — warnings such as an approaching transaction ID wraparound vanish from it',
        },
      ],
    },
    {
      name: 'default options: log_min_messages = log hides errors (LOG ranks above ERROR in the server log)',
      code: 'log_min_messages = log\n',
      errors: [
        {
          line: 1,
          column: 20,
          endColumn: 23,
          severity: 'warning',
          message: 'log_min_messages = log is quieter than error: ERROR messages do not reach the server log — failed statements vanish from it',
        },
      ],
    },
    {
      name: 'default options: log_min_error_statement = log logs no failing statement',
      code: 'log_min_messages = error\nlog_min_error_statement = log\n',
      errors: [
        {
          line: 2,
          column: 27,
          message: 'log_min_error_statement = log is quieter than error: errors are logged without the SQL statement that caused them, so a failing query cannot be traced from the log',
        },
      ],
    },
    {
      name: 'cis options: log_min_messages = log hides errors, and log_min_error_statement = log is named with it',
      code: 'log_min_error_statement = log\nlog_min_messages = log\n',
      options: CIS,
      errors: [
        {
          line: 2,
          column: 20,
          message:
            'log_min_messages = log (and log_min_error_statement = log) is quieter than warning: WARNING and ERROR messages do not reach the server log — failed statements vanish from it',
        },
      ],
    },
    {
      name: 'cis options: log_min_error_statement = log logs no ERROR statement',
      code: 'log_min_messages = warning\nlog_min_error_statement = log\n',
      options: CIS,
      errors: [
        {
          line: 2,
          column: 27,
          message: 'log_min_error_statement = log is quieter than error: errors are logged without the SQL statement that caused them, so a failing query cannot be traced from the log',
        },
      ],
    },
    {
      name: 'cis options: two findings when log_min_messages still logs errors',
      code: 'log_min_messages = error\nlog_min_error_statement = fatal\n',
      options: CIS,
      errors: [
        { line: 1, column: 20, message: /^log_min_messages = error is quieter than warning: / },
        {
          line: 2,
          column: 27,
          message: 'log_min_error_statement = fatal: errors are logged without the SQL statement that caused them, so a failing query cannot be traced from the log',
        },
      ],
    },
    {
      name: 'cis options: fatal keeps its message',
      code: 'log_min_messages = fatal\n',
      options: CIS,
      pgVersion: 16,
      errors: [
        {
          line: 1,
          column: 20,
          message:
            'log_min_messages = fatal: no ERROR or LOG message reaches the server log — failed statements, crashed backends, checkpoints and statement logging all vanish',
        },
      ],
    },
    {
      name: 'a stricter option: absent settings reported at the start of postgresql.conf',
      code: 'work_mem = 4MB\n',
      options: { quietestMessages: 'notice', quietestErrorStatement: 'warning' },
      errors: [
        { line: 1, column: 1, message: 'log_min_messages (not set; the default is warning) is quieter than notice: NOTICE messages do not reach the server log' },
        {
          line: 1,
          column: 1,
          message:
            'log_min_error_statement (not set; the default is error) is quieter than warning: WARNING messages are logged without the SQL statement that caused them',
        },
      ],
    },
    {
      name: 'debug levels are named once',
      code: 'log_min_messages = info\n',
      pgVersion: 11,
      options: { quietestMessages: 'debug5' },
      errors: [{ line: 1, column: 20, message: 'log_min_messages = info is quieter than debug5: DEBUG messages do not reach the server log' }],
    },
  ],
});
