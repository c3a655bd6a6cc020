import { settingText } from '../src/analysis/required-setting.js';
import { defineRule } from '../src/linter/rule.js';

export default defineRule({
  name: 'archive-mode-off',
  severity: 'warning',
  category: 'durability',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'archive_mode is off (its default): no WAL is archived',
    why:
      'Without WAL archiving, completed WAL segments are recycled once a checkpoint no longer needs them. There is ' +
      'then no WAL archive: no point-in-time recovery (a restore can only return to the moment of a backup, not ' +
      'to just before a mistaken DROP or DELETE), and backup tools that rely on the archive (pgBackRest, Barman ' +
      'or WAL-G in archive mode) refuse to back up or cannot make a backup consistent. archive_mode is off by ' +
      'default, so an absent setting is reported too; an archive_command (or, from 15, archive_library) written ' +
      'while archive_mode is off never runs. A standby is reported as well: with archive_mode = on it starts ' +
      'archiving when it is promoted. When archive_mode is on but nothing archives, archive-command-missing or ' +
      'archive-command-noop reports it instead. Off by default; the `cis` profile turns it on (CIS 7.4).',
    invalid: ['archive_mode = off', "archive_command = 'pgbackrest --stanza=main archive-push %p'"],
    valid: [
      "archive_mode = on\narchive_command = 'pgbackrest --stanza=main archive-push %p'",
      "archive_mode = always\narchive_library = 'basic_archive'",
    ],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-ARCHIVE-MODE',
      'https://www.postgresql.org/docs/current/continuous-archiving.html',
    ],
    versions: 'all (archive_library is 15+)',
  }),
  check(ctx) {
    const at = ctx.clusterLoc();
    const mode = ctx.setting('archive_mode');
    if (!at || !mode || mode.value !== 'off') return;
    const command = ctx.setting('archive_command');
    const library = ctx.setting('archive_library'); // undefined before 15
    const archiver = [library, command].find((s) => s?.loc && s.value !== '');
    const archivers = ctx.major >= 15 ? "archive_command (or archive_library)" : 'archive_command';
    ctx.report({
      loc: mode.loc ?? at,
      message: archiver
        ? `${settingText(mode)}: the ${archiver.name} written here never runs, so no WAL is archived — no point-in-time recovery, and backups that rely on the archive fail`
        : `${settingText(mode)}: no WAL is archived — no point-in-time recovery, and backups that rely on the archive fail`,
      help: archiver
        ? `Set archive_mode = on (a restart is needed).`
        : `Set archive_mode = on (a restart is needed) and ${archivers} to the archiver in use, e.g. archive_command = 'pgbackrest --stanza=main archive-push %p'.`,
      ...(archiver?.loc ? { related: [{ message: `${archiver.name} is set here`, loc: archiver.loc }] } : {}),
    });
  },
});
