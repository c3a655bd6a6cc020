import { afterAll } from '@jest/globals';
import rule from '../../rules/fsync-off.js';
import { at, offCases, onCases } from '../support/conf-cases.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [{ code: '' }, ...onCases('fsync'), { code: "fsync = ''\n" }, { code: 'fsync = of f\n', name: 'syntax error: nothing applied' }],
  invalid: [
    ...offCases('fsync'),
    {
      code: 'fsync = off\n',
      errors: [at(1, 'fsync = ', 'off', { severity: 'error', message: 'fsync = off: writes are never forced to disk, so an OS crash or power loss can corrupt the cluster beyond repair', help: 'Set fsync = on (the default); to trade durability for speed without corruption, use synchronous_commit = off.' })],
    },
    {
      code: { 'postgresql.conf': "include_dir 'conf.d'\n", 'conf.d/10-fast.conf': 'fsync = f\n' },
      errors: [at(1, 'fsync = ', 'f', { file: 'conf.d/10-fast.conf', message: /^fsync = f \(off\): / })],
    },
    { code: { 'postgresql.auto.conf': 'fsync = off\n' }, errors: [at(1, 'fsync = ', 'off', { file: 'postgresql.auto.conf' })] },
    {
      name: 'two clusters',
      code: { 'x/postgresql.conf': 'fsync = no\n', 'y/postgresql.conf': '\n\n\nfsync = false\n' },
      errors: [at(1, 'fsync = ', 'no', { file: 'x/postgresql.conf' }), at(4, 'fsync = ', 'false', { file: 'y/postgresql.conf' })],
    },
  ],
});
