import { commandArchiving } from '../src/analysis/archive.js';
import { defineRule } from '../src/linter/rule.js';

/**
 * One shell command that succeeds without doing anything: true (any path, any arguments — true
 * ignores them), `:` (the shell's no-op), `exit` / `exit 0`, `cd` / `cd .`.
 */
const NOOP = /^(?:(?:(?:\/usr)?\/bin\/)?true(?:\s.*)?|:(?:\s.*)?|exit(?:\s+0)?|cd(?:\s+\.\/?)?)$/s;

/**
 * Whether the archive command succeeds for every segment without storing it: one or more no-op
 * commands joined by `;` or `&&` (the shell runs archive_command; its exit status 0 tells the
 * archiver the segment is safe). Quoting and other shell syntax are not interpreted: anything
 * else is taken to do something.
 */
export function discardsWal(command: string): boolean {
  const parts = command.trim().split(/\s*(?:;|&&)\s*/);
  // A trailing `;` leaves an empty last part.
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.length > 0 && parts.every((p) => p !== '' && NOOP.test(p.trim()) && !/[|&<>`$()]/.test(p));
}

export default defineRule({
  name: 'archive-command-noop',
  severity: 'warning',
  category: 'durability',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'archive_mode is on but archive_command discards every WAL segment (`/bin/true`, `true`, `exit 0`, `cd .`, `:`)',
    why:
      'The archiver runs archive_command for each completed WAL segment and, when it exits with status 0, takes ' +
      'the segment as safely archived and lets it be removed. A command that does nothing and succeeds — ' +
      '`/bin/true`, `true`, `:`, `exit 0`, `cd .` — therefore throws every segment away: there is no WAL archive, ' +
      'no point-in-time recovery, and a base backup taken with this configuration cannot be rolled forward, while ' +
      'archive_mode = on suggests to everyone reading the file that archiving works. It is a known placeholder ' +
      '(archive_mode needs a restart, archive_command only a reload, so some images keep archiving "on" with a ' +
      'dummy command); if that is the intent, say so with a disable directive. Not reported when archive_library ' +
      'is set (15+): PostgreSQL 15 then ignores archive_command, and 16+ refuses to archive at all while both are ' +
      'set. An empty archive_command is reported by archive-command-missing.',
    invalid: ["archive_mode = on\narchive_command = '/bin/true'", "archive_mode = always\narchive_command = 'exit 0'"],
    valid: [
      "archive_mode = on\narchive_command = 'pgbackrest --stanza=main archive-push %p'",
      "archive_mode = off\narchive_command = '/bin/true'",
      "archive_mode = on\narchive_command = 'test ! -f /archive/%f && cp %p /archive/%f'",
    ],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-ARCHIVE-COMMAND',
      'https://www.postgresql.org/docs/current/continuous-archiving.html#BACKUP-ARCHIVING-WAL',
      'https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-ARCHIVE-LIBRARY',
    ],
    versions: 'all (archive_library is 15+)',
  }),
  check(ctx) {
    const a = commandArchiving(ctx);
    const command = a?.command;
    if (!a || !command?.loc || typeof command.value !== 'string') return;
    const { mode } = a;
    if (command.value.trim() === '' || !discardsWal(command.value)) return;
    ctx.report({
      loc: command.loc,
      message: `archive_command = ${command.assignment?.line.raw ?? command.canonical} succeeds without storing anything, while archive_mode = ${mode.canonical}: every WAL segment is thrown away, so there is no WAL archive and no point-in-time recovery`,
      help: 'Set archive_command to the archiver in use (e.g. pgbackrest … archive-push %p, wal-g wal-push %p), or set archive_mode = off; if the dummy command is deliberate, say so with a disable directive.',
      related: [{ message: `archive_mode = ${mode.canonical} is set here`, loc: mode.loc }],
    });
  },
});
