import { afterAll } from '@jest/globals';
import rule from '../../rules/missing-include.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: "include_if_exists 'nope.conf'\n" },
    { name: 'a committed placeholder keeps the directory in git; PostgreSQL skips it', code: { 'postgresql.conf': "include_dir 'conf.d'\n", 'conf.d/.gitkeep': '' } },
    { code: { 'postgresql.conf': "include_dir 'conf.d'\n", 'conf.d/10-memory.conf': 'work_mem = 8MB\n' } },
    { name: 'paths are relative to the including file', code: { 'postgresql.conf': "include 'sub/a.conf'\n", 'sub/a.conf': "include 'b.conf'\n", 'sub/b.conf': 'port = 1\n' }, pgVersion: 16 },
  ],
  invalid: [
    {
      name: 'a missing include is an error; include_if_exists is not',
      code: "include 'nope.conf'\ninclude_if_exists 'nope.conf'\n",
      pgVersion: 16,
      errors: [
        {
          line: 1,
          column: 9,
          endLine: 1,
          endColumn: 20,
          severity: 'error',
          message: 'could not open configuration file "nope.conf": No such file or directory: PostgreSQL refuses to start',
          help: "Fix the path (relative paths start at the including file's directory), or use include_if_exists.",
        },
      ],
    },
    {
      name: 'include cycles are reported with the chain, at the include that closes it',
      code: { 'postgresql.conf': "include 'a.conf'\n", 'a.conf': "include 'b.conf'\n", 'b.conf': "include 'a.conf'\n" },
      pgVersion: 16,
      errors: [
        {
          file: 'b.conf',
          line: 1,
          column: 9,
          endLine: 1,
          endColumn: 17,
          severity: 'error',
          message: 'include cycle a.conf -> b.conf -> a.conf: PostgreSQL fails with "maximum nesting depth exceeded" and refuses to start',
          help: 'Break the cycle: each file should be included once.',
        },
      ],
    },
    {
      name: 'includes leaving the root are not read',
      code: "include '../../../../etc/passwd'\ninclude '/etc/hostname'\n",
      pgVersion: 16,
      errors: [
        {
          line: 1,
          column: 9,
          endLine: 1,
          endColumn: 33,
          severity: 'warning',
          // where ../../../../ leads depends on the depth of the temporary directory
          message: /^include target \S*etc\/passwd lies outside \.: it was not read, so the settings in it are not checked$/,
          help: 'Keep included files inside the repository, or check them where they live.',
        },
        {
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 24,
          severity: 'warning',
          message: 'include target /etc/hostname lies outside .: it was not read, so the settings in it are not checked',
        },
      ],
    },
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
          // a placeholder file, or fix/remove the line; never include_if_exists (it does not exist for directories)
          help: "If the directory exists on the server (Debian's pg_createcluster creates conf.d), commit it with a file PostgreSQL skips, such as conf.d/.gitkeep (include_dir reads only *.conf files not starting with '.'); otherwise fix the path or remove the include_dir line (there is no include_dir_if_exists).",
        },
      ],
    },
    {
      name: 'include: fix the path or use include_if_exists',
      code: "include 'x.conf'\n",
      errors: [{ line: 1, column: 9, endLine: 1, endColumn: 17, help: "Fix the path (relative paths start at the including file's directory), or use include_if_exists." }],
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
