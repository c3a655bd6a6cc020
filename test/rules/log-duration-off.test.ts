import { afterAll } from '@jest/globals';
import rule from '../../rules/log-duration-off.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const WHY = 'the log does not record that a statement completed or how long it ran, so the outcome of a logged statement cannot be established from the log';

ruleTester(rule, {
  valid: [
    { code: 'log_duration = on\n' },
    { code: 'log_duration = maybe\n', name: 'invalid value: not "not set" (invalid-value reports it)' },
    { code: "log_duration = 'true'\n", pgVersion: 10 },
    { code: 'log_duration = off\nlog_duration = on\n', name: 'overridden' },
    { code: { 'postgresql.conf': 'log_duration = off\n', 'postgresql.auto.conf': 'log_duration = on\n' }, name: 'postgresql.auto.conf wins' },
    { code: { 'postgresql.auto.conf': 'work_mem = 4MB\n' }, name: 'absent, no postgresql.conf: nothing to report at' },
  ],
  invalid: [
    {
      code: 'log_duration = off\n',
      errors: [{ line: 1, column: 16, endColumn: 19, severity: 'warning', message: `log_duration = off: ${WHY}`, help: "Set log_duration = on (one 'duration: … ms' line per completed statement: plan for the log volume) and put %p or %c in log_line_prefix to match each duration to its statement." }],
    },
    {
      name: 'absent: reported at the start of postgresql.conf',
      code: '# logging\nlog_statement = ddl\n',
      errors: [{ line: 1, column: 1, message: `log_duration (not set; the default is off): ${WHY}` }],
    },
    { code: 'work_mem = 4MB\nlog_duration = 0\n', pgVersion: 12, errors: [{ line: 2, column: 16, message: `log_duration = 0: ${WHY}` }] },
  ],
});
