import { afterAll } from '@jest/globals';
import rule from '../../rules/archive-command-missing.js';
import { at } from '../support/conf-cases.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: "archive_command = ''\n", name: 'archive_mode off by default' },
    { code: 'archive_mode = off\n' },
    { code: 'archive_mode = false\n' },
    { code: "archive_mode = on\narchive_command = 'cp %p /archive/%f'\n" },
    { code: "archive_mode = always\narchive_command = 'pgbackrest --stanza=main archive-push %p'\n" },
    { code: "archive_mode = on\narchive_library = 'basic_archive'\n", pgVersion: 15 },
    { code: "archive_mode = on\narchive_library = 'basic_archive'\n", pgVersion: 18 },
    { code: "archive_mode = on\narchive_command = ' '\n", name: 'a blank command is set (it fails, but differently)' },
    { code: 'archive_mode = y\n', name: 'rejected value: default off applies' },
    { code: { 'postgresql.conf': 'archive_mode = on\n', 'postgresql.auto.conf': "archive_command = 'wal-g wal-push %p'\n" } },
  ],
  invalid: [
    {
      code: 'archive_mode = on\n',
      errors: [at(1, 'archive_mode = ', 'on', { severity: 'error', message: 'archive_mode = on but archive_command and archive_library are empty: no WAL is archived, and pg_wal grows until the disk fills', help: 'Set archive_command (or archive_library) to the archiver in use, or set archive_mode = off.' })],
    },
    {
      code: 'archive_mode = on\n',
      pgVersion: 14,
      errors: [at(1, 'archive_mode = ', 'on', { message: 'archive_mode = on but archive_command is empty: no WAL is archived, and pg_wal grows until the disk fills', help: 'Set archive_command to the archiver in use, or set archive_mode = off.' })],
    },
    ...['always', 'true', 'yes', '1', 'ON', "'on'"].map((v) => ({ code: `\narchive_mode = ${v}\n`, pgVersion: 12 as const, errors: [at(2, 'archive_mode = ', v)] })),
    {
      name: 'at the explicitly empty archive_command',
      code: "archive_mode = always\nwal_level = replica\narchive_command = ''\n",
      errors: [at(3, 'archive_command = ', "''", { message: /^archive_mode = always but archive_command and archive_library are empty/ })],
    },
    {
      name: 'at an explicitly empty archive_library (15+)',
      code: "archive_mode = on\narchive_library = ''\n",
      pgVersion: 16,
      errors: [at(2, 'archive_library = ', "''")],
    },
    {
      name: 'archive_command emptied in postgresql.auto.conf',
      code: { 'postgresql.conf': "archive_mode = on\narchive_command = 'cp %p /a/%f'\n", 'postgresql.auto.conf': "archive_command = ''\n" },
      errors: [at(1, 'archive_command = ', "''", { file: 'postgresql.auto.conf' })],
    },
    {
      name: 'two clusters',
      code: { 'a/postgresql.conf': 'archive_mode = on\n', 'b/postgresql.conf': 'archive_mode = always\n' },
      errors: [at(1, 'archive_mode = ', 'on', { file: 'a/postgresql.conf' }), at(1, 'archive_mode = ', 'always', { file: 'b/postgresql.conf' })],
    },
  ],
});
