import { afterAll, describe, expect, test } from '@jest/globals';
import rule, { discardsWal } from '../../rules/archive-command-noop.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

describe('discardsWal', () => {
  test.each(['/bin/true', 'true', '/usr/bin/true', '  /bin/true  ', 'true %p', '/bin/true %p %f', ':', ': %p', 'exit 0', 'exit', 'cd .', 'cd', 'cd ./', 'true;', 'true; exit 0', 'cd . && true'])(
    '%s discards WAL',
    (c) => expect(discardsWal(c)).toBe(true),
  );
  test.each([
    'cp %p /archive/%f',
    'test ! -f /archive/%f && cp %p /archive/%f',
    'true && cp %p /archive/%f',
    'true || cp %p /x',
    ': > /archive/%f',
    'exit 1',
    'false',
    '/bin/truex',
    '/usrtrue',
    '/usr/local/bin/archive.sh %p',
    'cd /archive && cp %p .',
    'echo $(cp %p /x)',
    '',
  ])('%s does not', (c) => expect(discardsWal(c)).toBe(false));
});

const tail = ': every WAL segment is thrown away, so there is no WAL archive and no point-in-time recovery';

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: "archive_mode = on\narchive_command = 'pgbackrest --stanza=main archive-push %p'\n" },
    { code: "archive_mode = off\narchive_command = '/bin/true'\n" },
    { code: "archive_command = '/bin/true'\n", name: 'archive_mode off by default' },
    { code: "archive_mode = on\narchive_command = ''\n", name: 'empty: archive-command-missing reports it' },
    { code: 'archive_mode = on\n', name: 'absent: archive-command-missing reports it' },
    { code: "archive_mode = on\narchive_command = '/bin/true'\narchive_library = 'basic_archive'\n", name: '15+: a library is set (16+ refuses both; not a no-op)' },
    { code: "archive_mode = on\narchive_command = '/bin/true'\narchive_command = 'wal-g wal-push %p'\n", name: 'overridden by a real command' },
    { code: "archive_mode = on\narchive_command = 'exit 1'\n", name: 'a failing command keeps WAL (not discarded)' },
  ],
  invalid: [
    {
      code: "archive_mode=on\narchive_command='/bin/true'\n",
      errors: [
        {
          line: 2,
          column: 17,
          endColumn: 28,
          severity: 'warning',
          message: `archive_command = '/bin/true' succeeds without storing anything, while archive_mode = on${tail}`, help: 'Set archive_command to the archiver in use (e.g. pgbackrest … archive-push %p, wal-g wal-push %p), or set archive_mode = off; if the dummy command is deliberate, say so with a disable directive.',
        },
      ],
    },
    {
      code: "# replication\narchive_mode = on                                    # Enable WAL archiving\narchive_command = 'cd .'                             # Dummy\n",
      errors: [{ line: 3, column: 19, endColumn: 25, message: `archive_command = 'cd .' succeeds without storing anything, while archive_mode = on${tail}` }],
    },
    { code: "archive_mode = always\narchive_command = 'exit 0'\n", errors: [{ line: 2, column: 19, message: /while archive_mode = always: / }] },
    { code: "archive_mode = on\narchive_command = ':'\n", pgVersion: 10, errors: [{ line: 2, column: 19 }] },
    { code: "archive_mode = on\narchive_command = ' /usr/bin/true %p '\narchive_library = ''\n", pgVersion: 16, errors: [{ line: 2, column: 19 }] },
    {
      name: 'archive_mode in postgresql.conf, the command in auto.conf',
      code: { 'postgresql.conf': "archive_mode = on\narchive_command = 'cp %p /a/%f'\n", 'postgresql.auto.conf': "archive_command = 'true'\n" },
      errors: [{ file: 'postgresql.auto.conf', line: 1, column: 19 }],
    },
    {
      name: 'two clusters',
      code: { 'a/postgresql.conf': "archive_mode = on\narchive_command = 'true'\n", 'b/postgresql.conf': "archive_mode = on\narchive_command = 'true;'\n" },
      errors: [
        { file: 'a/postgresql.conf', line: 2, column: 19 },
        { file: 'b/postgresql.conf', line: 2, column: 19 },
      ],
    },
  ],
});
