import { defineRule } from '../src/linter/rule.js';

export default defineRule({
  name: 'autovacuum-off',
  severity: 'warning',
  category: 'durability',
  tags: ['performance'],
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'autovacuum or track_counts is off, so autovacuum does not run',
    why:
      'Autovacuum removes dead row versions, keeps planner statistics current and freezes old rows. With ' +
      'autovacuum off (or track_counts off, without which the autovacuum launcher does not start: "autovacuum not ' +
      'started because of misconfiguration"), tables and indexes bloat, plans degrade as statistics go stale, and ' +
      'freezing is left to the emergency anti-wraparound vacuums that the server still forces — at the worst ' +
      'moment and on the biggest tables. Unless every table is vacuumed and analyzed by a scheduled job, this ends ' +
      'in an outage. To exempt a table, use its autovacuum_enabled storage parameter instead.',
    invalid: ['autovacuum = off', 'track_counts = off'],
    valid: ['autovacuum = on', 'autovacuum_naptime = 30s'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-vacuum.html#GUC-AUTOVACUUM',
      'https://www.postgresql.org/docs/current/runtime-config-statistics.html#GUC-TRACK-COUNTS',
      'https://www.postgresql.org/docs/current/routine-vacuuming.html#AUTOVACUUM',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const av = ctx.setting('autovacuum');
    if (av?.value === false && av.loc) {
      const raw = av.assignment?.line.raw ?? av.canonical;
      ctx.report({
        loc: av.loc,
        message: `autovacuum = ${raw}${raw === av.canonical ? '' : ` (${av.canonical})`}: dead rows are not cleaned up and statistics go stale; only forced anti-wraparound vacuums still run`,
        help: 'Set autovacuum = on (the default); to exempt single tables, use ALTER TABLE … SET (autovacuum_enabled = off).',
      });
    }
    const tc = ctx.setting('track_counts');
    if (tc?.value === false && tc.loc) {
      const raw = tc.assignment?.line.raw ?? tc.canonical;
      ctx.report({
        loc: tc.loc,
        message: `track_counts = ${raw}${raw === tc.canonical ? '' : ` (${tc.canonical})`}: autovacuum cannot start without these statistics, so dead rows are not cleaned up and statistics go stale`,
        help: 'Set track_counts = on (the default).',
      });
    }
  },
});
