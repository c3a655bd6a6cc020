import { afterAll } from '@jest/globals';
import rule from '../../rules/log-error-verbosity-low.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const TERSE =
  'errors are logged without their DETAIL, HINT, QUERY and CONTEXT lines (a failed login loses the DETAIL that names the pg_hba.conf line it matched)';
const DEFAULT = 'errors are logged without their SQLSTATE code and the source file, function and line that raised them';

ruleTester(rule, {
  valid: [
    { code: '', name: 'absent: default is enough by default' },
    { code: 'log_error_verbosity = default\n' },
    { code: 'log_error_verbosity = loud\n', options: { minimum: 'verbose' }, name: 'minimum verbose, invalid value: not "not set" (invalid-value reports it)' },
    { code: 'log_error_verbosity = verbose\n' },
    { code: 'log_error_verbosity = terse\nlog_error_verbosity = default\n', name: 'overridden' },
    { code: '# log_error_verbosity = terse\n' },
    { code: 'log_error_verbosity = verbose\n', options: { minimum: 'verbose' } },
    { code: 'log_error_verbosity = terse\n', options: { minimum: 'terse' }, name: 'minimum terse accepts everything' },
    { code: { 'postgresql.auto.conf': 'work_mem = 4MB\n' }, options: { minimum: 'verbose' }, name: 'absent, no postgresql.conf: nothing to report at' },
    { code: 'log_error_verbosity = loud\n', name: 'invalid value: the default applies (invalid-value reports it)' },
  ],
  invalid: [
    {
      code: 'log_error_verbosity = terse\n',
      errors: [{ line: 1, column: 23, endColumn: 28, severity: 'warning', message: `log_error_verbosity = terse is below default: ${TERSE}`, help: 'Set log_error_verbosity = default.' }],
    },
    {
      code: "work_mem = 4MB\nlog_error_verbosity = 'TERSE'\n",
      pgVersion: 10,
      errors: [{ line: 2, column: 23, message: `log_error_verbosity = 'TERSE' is below default: ${TERSE}` }],
    },
    {
      name: 'minimum verbose: default is reported',
      code: 'log_error_verbosity = default\n',
      options: { minimum: 'verbose' },
      errors: [{ line: 1, column: 23, message: `log_error_verbosity = default is below verbose: ${DEFAULT}` }],
    },
    {
      name: 'minimum verbose: terse is reported with what terse drops',
      code: 'log_error_verbosity = terse\n',
      options: { minimum: 'verbose' },
      errors: [{ line: 1, column: 23, message: `log_error_verbosity = terse is below verbose: ${TERSE}` }],
    },
    {
      name: 'minimum verbose: absent is reported at the start of postgresql.conf',
      code: 'work_mem = 4MB\n',
      options: { minimum: 'verbose' },
      errors: [{ line: 1, column: 1, message: `log_error_verbosity (not set; the default is default) is below verbose: ${DEFAULT}` }],
    },
    {
      name: 'set in postgresql.auto.conf',
      code: { 'postgresql.conf': 'log_error_verbosity = verbose\n', 'postgresql.auto.conf': "log_error_verbosity = 'terse'\n" },
      errors: [{ file: 'postgresql.auto.conf', line: 1, column: 23 }],
    },
  ],
});
