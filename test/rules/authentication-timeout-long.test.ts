import { afterAll } from '@jest/globals';
import rule from '../../rules/authentication-timeout-long.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const SLOTS = 'stalled or slow clients hold connection slots that long, and a few of them can use up max_connections';

ruleTester(rule, {
  valid: [
    { code: 'port = 5432\n', name: 'absent: the default 1min is the maximum' },
    { code: 'port = 5432\n', name: 'absent on PG 10', pgVersion: 10 },
    { code: 'authentication_timeout = 60\n' },
    { code: 'authentication_timeout = 1min\n' },
    { code: "authentication_timeout = '20s'\n" },
    { code: 'authentication_timeout = 30s\n', options: { maximum: 30 } },
    { code: 'authentication_timeout = 10min\nauthentication_timeout = 45s\n', name: 'the last assignment wins' },
    { code: 'authentication_timeout = 90min\n', name: 'out of range: invalid-value reports it, the default applies' },
    { code: { 'postgresql.auto.conf': 'authentication_timeout = 10min\n' }, name: 'no postgresql.conf' },
  ],
  invalid: [
    {
      code: 'authentication_timeout = 5min\n',
      errors: [
        {
          line: 1,
          column: 26,
          endColumn: 30,
          severity: 'warning',
          message: `authentication_timeout = 5min lets a connection take 5 minutes to authenticate (more than 1 minute): ${SLOTS}`, help: 'Set authentication_timeout = 1min or less.',
        },
      ],
    },
    {
      code: 'authentication_timeout = 61\n',
      pgVersion: 10,
      errors: [{ line: 1, column: 26, message: `authentication_timeout = 61 lets a connection take 61 seconds to authenticate (more than 1 minute): ${SLOTS}` }],
    },
    {
      code: 'port = 5432\n',
      name: 'absent, with a maximum under the default',
      options: { maximum: 30 },
      pgVersion: 18,
      errors: [{ line: 1, column: 1, message: `authentication_timeout (not set; the default is 1min) lets a connection take 1 minute to authenticate (more than 30 seconds): ${SLOTS}` }],
    },
    {
      code: "authentication_timeout = '45s'\n",
      options: { maximum: 30 },
      errors: [{ line: 1, column: 26, message: `authentication_timeout = '45s' lets a connection take 45 seconds to authenticate (more than 30 seconds): ${SLOTS}` }],
    },
  ],
});
