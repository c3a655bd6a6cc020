import { defineRule } from '../src/linter/rule.js';
import type { RelatedInfo } from '../src/types.js';

export default defineRule({
  name: 'wal-level-insufficient',
  severity: 'error',
  category: 'validity',
  tags: ['reliability'],
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'wal_level = minimal combined with WAL senders, archiving or WAL summarization, so the server refuses to start',
    why:
      'wal_level = minimal leaves out of WAL what replication, archiving and incremental backup need, so the ' +
      'postmaster refuses to start when it is combined with max_wal_senders > 0 ("WAL streaming (max_wal_senders ' +
      '> 0) requires wal_level "replica" or "logical""), archive_mode on or always ("WAL archival cannot be enabled ' +
      'when wal_level is "minimal"") or, from 17, summarize_wal = on ("WAL cannot be summarized when wal_level is ' +
      '"minimal""). Note that max_wal_senders defaults to 10 since PostgreSQL 10, so wal_level = minimal on its own ' +
      'already stops the server unless max_wal_senders = 0 is set too.',
    invalid: ['wal_level = minimal', 'wal_level = minimal\nmax_wal_senders = 0\narchive_mode = on'],
    valid: ['wal_level = replica', 'wal_level = minimal\nmax_wal_senders = 0'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-WAL-LEVEL',
      'https://www.postgresql.org/docs/current/runtime-config-replication.html#GUC-MAX-WAL-SENDERS',
      'https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-SUMMARIZE-WAL',
    ],
    versions: 'all (summarize_wal is 17+)',
  }),
  check(ctx) {
    const level = ctx.setting('wal_level');
    if (level?.value !== 'minimal' || !level.loc) return;
    const conflicts: string[] = [];
    const fixes: string[] = [];
    const related: RelatedInfo[] = [];

    // The postmaster checks archive_mode, then max_wal_senders, then summarize_wal (postmaster.c).
    const archive = ctx.setting('archive_mode');
    if (archive && archive.value !== 'off') {
      conflicts.push(`archive_mode = ${archive.canonical}`);
      fixes.push('archive_mode = off');
      if (archive.loc) related.push({ message: `archive_mode = ${archive.canonical} needs wal_level replica or logical`, loc: archive.loc });
    }
    const senders = ctx.setting('max_wal_senders');
    if (senders && typeof senders.value === 'number' && senders.value > 0) {
      conflicts.push(`max_wal_senders = ${senders.canonical}${senders.isDefault ? ' (the default)' : ''}`);
      fixes.push('max_wal_senders = 0');
      if (senders.loc) related.push({ message: `max_wal_senders = ${senders.canonical} needs wal_level replica or logical`, loc: senders.loc });
    }
    const summarize = ctx.setting('summarize_wal'); // undefined before 17
    if (summarize?.value === true) {
      conflicts.push('summarize_wal = on');
      fixes.push('summarize_wal = off');
      if (summarize.loc) related.push({ message: 'summarize_wal = on needs wal_level replica or logical', loc: summarize.loc });
    }
    if (conflicts.length === 0) return;

    ctx.report({
      loc: level.loc,
      message: `wal_level = ${level.assignment?.line.raw ?? level.canonical} with ${conflicts.join(', ')}: PostgreSQL refuses to start`,
      help: `Set wal_level = replica, or keep minimal and set ${fixes.join(', ')}.`,
      related,
    });
  },
});
