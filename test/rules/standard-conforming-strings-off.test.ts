import { afterAll } from '@jest/globals';
import rule from '../../rules/standard-conforming-strings-off.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const MESSAGE_TAIL =
  ': backslashes in ordinary string literals become escape characters, so applications that escape input by doubling quotes can be SQL-injected, and standard SQL changes meaning';

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: 'standard_conforming_strings = on\n' },
    { code: '# standard_conforming_strings = off\n' },
    { code: 'standard_conforming_strings = off\nstandard_conforming_strings = on\n', name: 'overridden by a later on' },
    { code: { 'postgresql.conf': 'standard_conforming_strings = off\n', 'postgresql.auto.conf': 'standard_conforming_strings = on\n' }, name: 'auto.conf wins with on' },
    { code: 'standard_conforming_strings = maybe\n', name: 'an invalid value leaves the default (invalid-value reports it)' },
    { code: 'escape_string_warning = off\n' },
  ],
  invalid: [
    {
      code: 'standard_conforming_strings = off\n',
      errors: [{ line: 1, column: 31, endColumn: 34, severity: 'warning', message: `standard_conforming_strings = off${MESSAGE_TAIL}`, help: "Remove the line (on is the default since 9.1); write E'…' literals where backslash escapes are wanted, and check the application's escaping before switching." }],
    },
    {
      code: "# 1C\nwork_mem = 4MB\nstandard_conforming_strings = 'off'\n",
      pgVersion: 16,
      errors: [{ line: 3, column: 31, endColumn: 36, message: `standard_conforming_strings = 'off' (off)${MESSAGE_TAIL}` }],
    },
    { code: 'standard_conforming_strings = false\n', pgVersion: 10, errors: [{ line: 1, column: 31, message: /^standard_conforming_strings = false \(off\): / }] },
    { code: 'standard_conforming_strings = 0\n', pgVersion: 18, errors: [{ line: 1, column: 31 }] },
    {
      name: 'in postgresql.auto.conf',
      code: { 'postgresql.conf': 'standard_conforming_strings = on\n', 'postgresql.auto.conf': "standard_conforming_strings = 'off'\n" },
      errors: [{ file: 'postgresql.auto.conf', line: 1, column: 31 }],
    },
  ],
});
