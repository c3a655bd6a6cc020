import { afterAll } from '@jest/globals';
import rule from '../../rules/unreadable-file.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

// Files that cannot be read at all (a FIFO or device, over the size limit, outside the root through a
// symlink, under .git/) need a tree the rule tester cannot build (it writes text files, with the default
// limits): they are in test/bad-input.test.ts, test/hardening*.test.ts and test/signal-files.test.ts.
const LINES = 2_000_000;

ruleTester(rule, {
  valid: [
    { code: 'work_mem = 8MB\n' },
    { name: 'exactly the line limit, the last line without a newline', code: '\n'.repeat(LINES - 1) + 'port = 1' },
    // The empty text after a final newline is not a line 2,000,001.
    { name: 'exactly the line limit, with a final newline', code: '\n'.repeat(LINES - 1) + 'port = 1\n' },
  ],
  invalid: [
    {
      name: 'a postgresql.conf of more than 2,000,000 lines: reported where reading stopped',
      code: 'work_mem = 8MB\n' + '\n'.repeat(LINES) + 'port = 1\n',
      errors: [
        {
          line: LINES + 1,
          column: 1,
          endLine: LINES + 1,
          endColumn: 1,
          severity: 'error',
          message: 'not read from this line on: the file has more than 2000000 lines, and pgconf-lint checks only the first 2000000 (PostgreSQL would read them all)',
          help: 'Split the file (include_dir), or remove the blank, comment or repeated lines that make it this long.',
        },
      ],
    },
  ],
});
