import { afterAll } from '@jest/globals';
import rule from '../../rules/archive-mode-off.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const NO_ARCHIVE = 'no WAL is archived — no point-in-time recovery, and backups that rely on the archive fail';

ruleTester(rule, {
  valid: [
    { code: "archive_mode = on\narchive_command = 'pgbackrest --stanza=main archive-push %p'\n" },
    { code: 'archive_mode = always\n' },
    { code: "archive_mode = 'on'\n", name: 'on without a command: archive-command-missing reports it' },
    { code: 'archive_mode = off\narchive_mode = on\n', name: 'the last assignment wins' },
    { code: { 'postgresql.auto.conf': 'archive_mode = off\n' }, name: 'no postgresql.conf' },
  ],
  invalid: [
    {
      name: 'before 15 the help names archive_command only',
      code: 'archive_mode = off\n',
      pgVersion: 14,
      errors: [{ line: 1, column: 16, endColumn: 19, help: "Set archive_mode = on (a restart is needed) and archive_command to the archiver in use, e.g. archive_command = 'pgbackrest --stanza=main archive-push %p'." }],
    },
    {
      name: 'from 15 it names archive_library too',
      code: 'archive_mode = off\n',
      pgVersion: 18,
      errors: [{ line: 1, column: 16, endColumn: 19, help: "Set archive_mode = on (a restart is needed) and archive_command (or archive_library) to the archiver in use, e.g. archive_command = 'pgbackrest --stanza=main archive-push %p'." }],
    },
    {
      name: 'an archiver already written: only archive_mode to change',
      code: "archive_mode = off\narchive_command = '/bin/true'\n",
      pgVersion: 10,
      errors: [
        {
          line: 1,
          column: 16,
          endColumn: 19,
          message: 'archive_mode = off: the archive_command written here never runs, so no WAL is archived — no point-in-time recovery, and backups that rely on the archive fail',
          help: 'Set archive_mode = on (a restart is needed).',
        },
      ],
    },
    {
      code: 'archive_mode = off\n',
      errors: [{ line: 1, column: 16, endColumn: 19, severity: 'warning', message: `archive_mode = off: ${NO_ARCHIVE}`, help: "Set archive_mode = on (a restart is needed) and archive_command (or archive_library) to the archiver in use, e.g. archive_command = 'pgbackrest --stanza=main archive-push %p'." }],
    },
    {
      code: 'port = 5432\n',
      name: 'absent: the default is off',
      pgVersion: 10,
      errors: [{ line: 1, column: 1, message: `archive_mode (not set; the default is off): ${NO_ARCHIVE}` }],
    },
    {
      code: "archive_command = 'cp %p /archive/%f'\n",
      name: 'a command that never runs',
      errors: [
        {
          line: 1,
          column: 1,
          message: 'archive_mode (not set; the default is off): the archive_command written here never runs, so no WAL is archived — no point-in-time recovery, and backups that rely on the archive fail',
        },
      ],
    },
    {
      code: "archive_mode = false\narchive_library = 'basic_archive'\n",
      name: 'a library that never runs (15+)',
      pgVersion: 15,
      errors: [{ line: 1, column: 16, message: /^archive_mode = false: the archive_library written here never runs/ }],
    },
  ],
});
