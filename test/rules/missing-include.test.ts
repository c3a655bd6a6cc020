import { afterAll, describe, expect, test } from '@jest/globals';
import rule from '../../rules/missing-include.js';
import { cleanupFixtures, lintTree } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: "include_if_exists 'nope.conf'\n" },
    { name: 'a committed placeholder keeps the directory in git; PostgreSQL skips it', code: { 'postgresql.conf': "include_dir 'conf.d'\n", 'conf.d/.gitkeep': '' } },
    { code: { 'postgresql.conf': "include_dir 'conf.d'\n", 'conf.d/10-memory.conf': 'work_mem = 8MB\n' } },
  ],
  invalid: [
    {
      name: 'a missing include file: error',
      code: "port = 5432\ninclude 'nope.conf'\n",
      errors: [{ line: 2, column: 9, endLine: 2, endColumn: 20, severity: 'error', message: /: PostgreSQL refuses to start$/ }],
    },
    {
      name: 'a missing include_dir directory: warning, in words that fit a directory',
      code: "# Debian\ninclude_dir = 'conf.d'\n",
      errors: [
        {
          line: 2,
          column: 15,
          endLine: 2,
          endColumn: 23,
          severity: 'warning',
          message: /^could not open configuration directory ".*conf\.d": No such file or directory: git stores no empty directory, so it may exist on the server; if it does not, PostgreSQL refuses to start$/,
        },
      ],
    },
    {
      name: 'a file where the directory should be stays an error',
      code: { 'postgresql.conf': "include_dir 'conf.d'\n", 'conf.d': 'x\n' },
      errors: [{ line: 1, column: 13, severity: 'error' }],
    },
    {
      name: 'include_dir in an included file, relative to it',
      code: { 'postgresql.conf': "include 'sub/a.conf'\n", 'sub/a.conf': "include_dir 'd'\n" },
      errors: [{ file: 'sub/a.conf', line: 1, column: 13, severity: 'warning' }],
    },
  ],
});

describe('missing-include help', () => {
  test('include_dir: a placeholder file, or fix/remove the line; never include_if_exists', () => {
    const { result } = lintTree({ 'postgresql.conf': "include_dir 'conf.d'\n" }, { pgVersion: 17 }, [rule]);
    const help = result.diagnostics.map((d) => d.help);
    expect(help).toEqual([expect.stringContaining('conf.d/.gitkeep')]);
    expect(help[0]).not.toMatch(/use include_if_exists/);
  });

  test('include: fix the path or use include_if_exists', () => {
    const { result } = lintTree({ 'postgresql.conf': "include 'x.conf'\n" }, { pgVersion: 17 }, [rule]);
    expect(result.diagnostics.map((d) => d.help)).toEqual(["Fix the path (relative paths start at the including file's directory), or use include_if_exists."]);
  });
});
