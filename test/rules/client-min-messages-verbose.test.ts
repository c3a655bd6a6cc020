import { afterAll } from '@jest/globals';
import rule from '../../rules/client-min-messages-verbose.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const NOTICE =
  'every client receives NOTICE and WARNING messages: RAISE NOTICE output of functions and triggers, object names in "skipping" and "drop cascades to" notices, not only its errors';

ruleTester(rule, {
  valid: [
    { code: 'client_min_messages = error\n' },
    { code: 'client_min_messages = loud\n', name: 'invalid value: not "not set" (invalid-value reports it)' },
    { code: "client_min_messages = 'ERROR'\n" },
    { code: 'client_min_messages = notice\nclient_min_messages = error\n', name: 'overridden' },
    { code: { 'postgresql.conf': 'client_min_messages = notice\n', 'postgresql.auto.conf': 'client_min_messages = error\n' }, name: 'postgresql.auto.conf wins' },
    { code: { 'postgresql.auto.conf': 'work_mem = 4MB\n' }, name: 'absent, no postgresql.conf: nothing to report at' },
    { code: 'client_min_messages = fatal\n', pgVersion: 11, name: 'PG 11 takes fatal as error' },
  ],
  invalid: [
    {
      code: 'client_min_messages = log\n',
      errors: [
        {
          line: 1,
          column: 23,
          endColumn: 26,
          severity: 'warning',
          message:
            'client_min_messages = log: every client receives LOG messages of its own session as well — its statement, duration, lock-wait and temporary-file logging and auto_explain plans — besides NOTICE and WARNING, not only its errors', help: 'Set client_min_messages = error; a session that needs more (a DBA debugging) can still SET it for itself.',
        },
      ],
    },
    {
      name: 'absent: notice, reported at the start of postgresql.conf',
      code: 'work_mem = 4MB\n',
      errors: [{ line: 1, column: 1, message: `client_min_messages (not set; the default is notice): ${NOTICE}` }],
    },
    { code: 'client_min_messages = warning\n', errors: [{ line: 1, column: 23, message: 'client_min_messages = warning: every client receives WARNING messages, not only its errors' }] },
    {
      code: 'client_min_messages = debug\n',
      pgVersion: 10,
      errors: [
        {
          line: 1,
          column: 23,
          message:
            'client_min_messages = debug: every client receives DEBUG messages as well — internal transaction, planner and executor detail — besides LOG, NOTICE and WARNING, not only its errors',
        },
      ],
    },
    { code: 'client_min_messages = debug5\n', errors: [{ line: 1, column: 23 }] },
    { code: 'client_min_messages = info\n', name: 'the hidden info level', errors: [{ line: 1, column: 23, message: `client_min_messages = info: ${NOTICE}` }] },
    {
      name: 'set in postgresql.auto.conf',
      code: { 'postgresql.conf': 'client_min_messages = error\n', 'postgresql.auto.conf': "client_min_messages = 'notice'\n" },
      errors: [{ file: 'postgresql.auto.conf', line: 1, column: 23 }],
    },
  ],
});
