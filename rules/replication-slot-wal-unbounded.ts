import { defineRule } from '../src/linter/rule.js';

export default defineRule({
  name: 'replication-slot-wal-unbounded',
  severity: 'warning',
  category: 'durability',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'Replication slots are enabled and max_slot_wal_keep_size is -1 (unlimited)',
    why:
      'A replication slot keeps every WAL segment its consumer has not confirmed. When a standby or logical ' +
      'subscriber goes away without its slot being dropped, WAL piles up in pg_wal until the disk is full and the ' +
      'primary stops. max_slot_wal_keep_size (PostgreSQL 13+) caps what slots may retain: a slot that falls ' +
      'further behind is invalidated instead, which costs a re-sync of one replica rather than an outage of the ' +
      'primary. Settings absent from the files count with their defaults (max_replication_slots 10, ' +
      'max_slot_wal_keep_size -1); the rule reports only when a file sets one of them.',
    invalid: ['max_replication_slots = 10', 'max_slot_wal_keep_size = -1'],
    valid: ['max_replication_slots = 10\nmax_slot_wal_keep_size = 50GB', 'max_replication_slots = 0'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-replication.html#GUC-MAX-SLOT-WAL-KEEP-SIZE',
      'https://www.postgresql.org/docs/current/warm-standby.html#STREAMING-REPLICATION-SLOTS',
    ],
    versions: '13+ (max_slot_wal_keep_size was added in 13)',
  }),
  check(ctx) {
    const keep = ctx.setting('max_slot_wal_keep_size'); // undefined before 13
    const slots = ctx.setting('max_replication_slots');
    if (!keep || !slots || keep.value !== -1 || typeof slots.value !== 'number' || !(slots.value > 0)) return;
    const loc = keep.loc ?? slots.loc;
    if (!loc) return;
    const keepShown = keep.loc ? `max_slot_wal_keep_size = ${keep.assignment?.line.raw ?? keep.canonical}` : 'max_slot_wal_keep_size is -1 (the default)';
    ctx.report({
      loc,
      message: `max_replication_slots = ${slots.canonical}${slots.isDefault ? ' (the default)' : ''} and ${keepShown}: an abandoned replication slot retains WAL without limit until the disk fills`,
      help: 'Set max_slot_wal_keep_size to what pg_wal can hold (e.g. 50GB), or max_replication_slots = 0 if slots are not used.',
      ...(keep.loc && slots.loc ? { related: [{ message: `max_replication_slots = ${slots.canonical} is set here`, loc: slots.loc }] } : {}),
    });
  },
});
