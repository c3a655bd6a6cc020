import { afterAll } from '@jest/globals';
import rule from '../../rules/synchronous-commit-off.js';
import { at } from '../support/conf-cases.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: '' },
    ...['on', 'local', 'remote_write', 'remote_apply', 'true', 'yes', '1', "'on'"].map((v) => ({ code: `synchronous_commit = ${v}\n` })),
    // synchronous_commit is an enum: only off/false/no/0 are accepted for off; of, f and n are rejected
    // ("invalid value for parameter") and the default (on) stays in force [postgres -C, 16].
    ...['of', 'f', 'n', 'fa', "''"].map((v) => ({ code: `synchronous_commit = ${v}\n` })),
  ],
  invalid: [
    ...['off', 'OFF', "'off'", 'false', 'FALSE', 'no', '0'].map((v) => ({
      code: `\nsynchronous_commit = ${v}\n`,
      errors: [at(2, 'synchronous_commit = ', v, { severity: 'warning' })],
    })),
    {
      code: 'synchronous_commit = off\n',
      errors: [at(1, 'synchronous_commit = ', 'off', { message: 'synchronous_commit = off for every transaction: a crash loses the most recently committed transactions (no corruption)', help: 'Keep synchronous_commit = on in postgresql.conf and turn it off only where losing recent commits is acceptable (SET LOCAL, ALTER ROLE or ALTER DATABASE … SET synchronous_commit = off).' })],
    },
    { code: 'synchronous_commit = no\n', pgVersion: 10, errors: [at(1, 'synchronous_commit = ', 'no', { message: /^synchronous_commit = no \(off\) for every transaction/ })] },
    {
      name: 'two clusters',
      code: { 'a/postgresql.conf': 'synchronous_commit = off\n', 'b/postgresql.auto.conf': 'synchronous_commit = 0\n' },
      errors: [at(1, 'synchronous_commit = ', 'off', { file: 'a/postgresql.conf' }), at(1, 'synchronous_commit = ', '0', { file: 'b/postgresql.auto.conf' })],
    },
  ],
});
