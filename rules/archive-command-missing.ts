import { commandArchiving } from '../src/analysis/archive.js';
import { defineRule } from '../src/linter/rule.js';

export default defineRule({
  name: 'archive-command-missing',
  severity: 'error',
  category: 'durability',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'archive_mode is on but no archive_command (or, from 15, archive_library) is set',
    why:
      'With archive_mode on (or always), PostgreSQL keeps every WAL segment in pg_wal until it has been archived. ' +
      'With an empty archive_command — and, from PostgreSQL 15, no archive_library — nothing is ever archived: ' +
      'the server starts normally, but pg_wal grows without bound until the disk fills and the server stops, and ' +
      'there are no archived WAL files for point-in-time recovery either. Settings absent from the files count ' +
      'with their defaults (empty).',
    invalid: ['archive_mode = on', "archive_mode = always\narchive_command = ''"],
    valid: [
      "archive_mode = on\narchive_command = 'pgbackrest --stanza=main archive-push %p'",
      "archive_mode = on\narchive_library = 'basic_archive'",
      'archive_mode = off',
    ],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-ARCHIVE-MODE',
      'https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-ARCHIVE-COMMAND',
      'https://www.postgresql.org/docs/current/continuous-archiving.html',
    ],
    versions: 'all (archive_library is 15+)',
  }),
  check(ctx) {
    const a = commandArchiving(ctx);
    if (!a || a.command?.value !== '') return;
    const { mode, command, library } = a;
    // Point at an explicit empty assignment (that is what someone wrote and must change), else at archive_mode.
    const blank = command.loc ? command : library?.loc ? library : undefined;
    const loc = blank?.loc ?? mode.loc;
    const missing = library ? 'archive_command and archive_library are empty' : 'archive_command is empty';
    ctx.report({
      loc,
      message: `archive_mode = ${mode.canonical} but ${missing}: no WAL is archived, and pg_wal grows until the disk fills`,
      help: library
        ? 'Set archive_command (or archive_library) to the archiver in use, or set archive_mode = off.'
        : 'Set archive_command to the archiver in use, or set archive_mode = off.',
      ...(blank ? { related: [{ message: `archive_mode = ${mode.canonical} is set here`, loc: mode.loc }] } : {}),
    });
  },
});
