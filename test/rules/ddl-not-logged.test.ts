import { afterAll } from '@jest/globals';
import rule from '../../rules/ddl-not-logged.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const WHY = 'CREATE, ALTER, DROP, GRANT and role changes leave no trace in the server log';

ruleTester(rule, {
  valid: [
    { code: "log_statement = 'ddl'\n" },
    { code: "log_statement = 'everything'\n", name: 'invalid value: not "not set" (invalid-value reports it)' },
    { code: 'log_statement = mod\n' },
    { code: "log_statement = 'ALL'\n", name: 'any letter case' },
    { code: "log_statement = 'none'\nlog_statement = 'ddl'\n", name: 'overridden' },
    { code: { 'postgresql.auto.conf': 'work_mem = 4MB\n' }, name: 'absent, no postgresql.conf: nothing to report at' },
  ],
  invalid: [
    {
      code: "log_statement = 'none'\n",
      errors: [{ line: 1, column: 17, endColumn: 23, severity: 'warning', message: `log_statement = 'none': ${WHY}`, help: "Set log_statement = 'ddl'. It logs ALTER ROLE … PASSWORD '…' with its text too: set passwords with psql's \\password (only a SCRAM hash is sent) so that none reaches the log (see log-statement-secrets)." }],
    },
    {
      name: 'absent: reported at the start of postgresql.conf',
      code: 'log_connections = on\n',
      errors: [{ line: 1, column: 1, message: `log_statement (not set; the default is none): ${WHY}` }],
    },
    {
      name: 'postgresql.auto.conf turns it back to none',
      code: { 'postgresql.conf': 'log_statement = ddl\n', 'postgresql.auto.conf': 'log_statement = none\n' },
      pgVersion: 11,
      errors: [{ file: 'postgresql.auto.conf', line: 1, column: 17, message: `log_statement = none: ${WHY}` }],
    },
  ],
});
