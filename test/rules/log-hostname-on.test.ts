import { afterAll } from '@jest/globals';
import rule from '../../rules/log-hostname-on.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const WHY =
  'every TCP connection waits for a reverse DNS lookup of the client address before it is served — slow or failing DNS delays every login — and the logged name is only what the reverse zone claims';

ruleTester(rule, {
  valid: [
    { code: '', name: 'absent: off' },
    { code: 'log_hostname = off\n' },
    { code: 'log_hostname = on\nlog_hostname = off\n', name: 'overridden' },
    { code: '#log_hostname = on\n' },
  ],
  invalid: [
    {
      code: 'log_hostname = on\n',
      errors: [{ line: 1, column: 16, endColumn: 18, severity: 'info', message: `log_hostname = on: ${WHY}`, help: 'Set log_hostname = off; the client address is logged either way (%h, %r in log_line_prefix, log_connections).' }],
    },
    { code: "port = 5432\nlog_hostname = 'yes'\n", pgVersion: 10, errors: [{ line: 2, column: 16, message: `log_hostname = 'yes': ${WHY}` }] },
    {
      name: 'set in postgresql.auto.conf',
      code: { 'postgresql.conf': 'log_hostname = off\n', 'postgresql.auto.conf': "log_hostname = 'on'\n" },
      errors: [{ file: 'postgresql.auto.conf', line: 1, column: 16 }],
    },
  ],
});
