import { afterAll } from '@jest/globals';
import rule from '../../rules/log-statement-secrets.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const ddlTail = " logs CREATE ROLE / ALTER ROLE … PASSWORD '…' with its full text: a password set in SQL is written to the server log in cleartext";

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: "log_statement = 'none'\nlog_min_duration_statement = 1000\n" },
    { code: 'log_min_duration_statement = -1\n' },
    { code: 'log_min_duration_statement = 10\n', name: 'a threshold above 0 logs only slow statements' },
    { code: "log_statement = 'all'\nlog_min_messages = panic\n", name: 'LOG level is not written at panic' },
    { code: "log_statement = 'ddl'\nlog_min_messages = fatal\n" },
    { code: "log_statement = 'all'\nlog_statement = 'none'\n", name: 'overridden' },
    { code: 'log_min_error_statement = error\n', name: 'log_min_error_statement is not reported (see docs)' },
    { code: 'log_min_duration_sample = 0\nlog_statement_sample_rate = 0\n', pgVersion: 13, name: 'sampling at rate 0 logs nothing' },
    { code: '# log_statement = all\n' },
  ],
  invalid: [
    {
      code: "log_statement = 'ddl'\n",
      errors: [{ line: 1, column: 17, endColumn: 22, severity: 'warning', message: `log_statement = 'ddl'${ddlTail}`, help: "Keep the logging but set passwords so that only a hash is sent: psql's \\password (or a client that sends a SCRAM-SHA-256 hash); or lower the logging (log_statement = 'none', log_min_duration_statement above 0). Rotate the passwords already in the logs." }],
    },
    { code: '# audit\nlog_statement = all\n', pgVersion: 10, errors: [{ line: 2, column: 17, endColumn: 20, message: `log_statement = all${ddlTail}` }] },
    { code: "log_statement = 'mod'\n", pgVersion: 18, errors: [{ line: 1, column: 17 }] },
    {
      name: 'log_statement and a zero duration threshold: one finding at log_statement',
      code: "log_statement = 'all'\nlog_duration = on\nlog_min_duration_statement = 0\n",
      errors: [{ line: 1, column: 17 }],
    },
    {
      code: 'log_min_duration_statement = 0 # Log any query taking longer than 100ms\n',
      errors: [
        {
          line: 1,
          column: 30,
          endColumn: 31,
          message:
            "log_min_duration_statement = 0 logs the text of every statement, including CREATE ROLE / ALTER ROLE … PASSWORD '…': a password set in SQL is written to the server log in cleartext",
        },
      ],
    },
    { code: "log_min_duration_statement = '0ms'\n", errors: [{ line: 1, column: 30 }] },
    {
      code: 'log_min_duration_sample = 0\n',
      pgVersion: 13,
      errors: [{ line: 1, column: 27, message: /^log_min_duration_sample = 0 logs the text of every sampled statement, / }],
    },
    {
      name: 'two clusters',
      code: { 'a/postgresql.conf': "log_statement = 'ddl'\n", 'b/postgresql.conf': 'log_min_duration_statement = 0\n' },
      errors: [
        { file: 'a/postgresql.conf', line: 1, column: 17 },
        { file: 'b/postgresql.conf', line: 1, column: 30 },
      ],
    },
  ],
});
