import { afterAll } from '@jest/globals';
import rule from '../../rules/unused-directive.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

// The rule tester runs unused-directive alone: a directive naming a rule that does not run is not
// unused (a rule turned off does not make its directives unused), so "suppresses nothing" needs the
// named rule to run and is tested with all rules in test/directives.test.ts.
ruleTester(rule, {
  valid: [
    { code: '# pgconf-lint disable-next-line invalid-value -- kept for the 9.6 fleet\nwork_mem = 8mb\n' },
    { name: 'a directive for a rule that does not run', code: '# pgconf-lint disable-next-line invalid-value -- legacy value\nwork_mem = 8MB\n' },
    { name: 'a "#" inside a quoted value is not a directive', code: "application_name = '# pgconf-lint disable-line x -- y'\n" },
    { name: 'an ordinary comment', code: '# pgconf-lint is run in CI\nport = 5432\n' },
  ],
  invalid: [
    {
      name: 'a colon after pgconf-lint: misspelled, says what was meant',
      code: '# pgconf-lint: disable-next-line invalid-value -- legacy value\nwork_mem = 8MB\n',
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 63,
          severity: 'warning',
          message: 'not a pgconf-lint directive, so it suppresses nothing (a colon is not part of the syntax): write "# pgconf-lint disable-next-line invalid-value -- legacy value"',
        },
      ],
    },
    {
      name: 'another case, a plural: misspelled',
      code: '# pgconf-lint Disable-Line fsync-off -- x\nfsync = off # pgconf-lint disable-lines fsync-off -- y\n',
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 42, message: 'not a pgconf-lint directive, so it suppresses nothing ("Disable-Line" must be lower case): write "# pgconf-lint disable-line fsync-off -- x"' },
        { line: 2, column: 13, endLine: 2, endColumn: 55, message: 'not a pgconf-lint directive, so it suppresses nothing ("disable-lines" is not a directive): write "# pgconf-lint disable-line fsync-off -- y"' },
      ],
    },
    {
      name: 'no reason after --: suppresses nothing',
      code: 'port = 5432 # pgconf-lint disable-line invalid-value\n',
      pgVersion: 16,
      errors: [{ line: 1, column: 13, endLine: 1, endColumn: 53, severity: 'warning', message: 'pgconf-lint disable-line has no reason after "--", so it suppresses nothing', help: 'Say why after "--" (e.g. "-- reviewed: the host is firewalled"): a suppression without a reason is ignored.' }],
    },
    {
      name: 'an unknown rule',
      code: 'port = 5432\n# pgconf-lint disable-next-line no-such-rule -- typo\nport = 5433\n',
      pgVersion: 16,
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 53, message: 'pgconf-lint disable-next-line names an unknown rule "no-such-rule"', help: 'Name a rule pgconf-lint has (`pgconf-lint rules` lists them), or remove the directive.' }],
    },
    {
      name: 'an enable that ends no block (pg_hba.conf)',
      code: { 'pg_hba.conf': '# pgconf-lint enable hba-md5\n# pgconf-lint disable hba-invalid-record -- generated\nlocal all all peer\n# pgconf-lint enable\n# pgconf-lint enable\n' },
      errors: [
        { file: 'pg_hba.conf', line: 1, column: 1, endColumn: 29, message: 'pgconf-lint enable hba-md5 ends no block: hba-md5 is not disabled above it' },
        { file: 'pg_hba.conf', line: 5, column: 1, endColumn: 21, message: 'pgconf-lint enable ends no block: no rule is disabled above it' },
      ],
    },
  ],
});
