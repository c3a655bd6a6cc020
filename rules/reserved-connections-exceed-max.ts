import { defineRule } from '../src/linter/rule.js';
import type { SettingView } from '../src/linter/settings.js';
import type { RelatedInfo } from '../src/types.js';

const num = (s: SettingView | undefined): number => (s && typeof s.value === 'number' ? s.value : 0);

export default defineRule({
  name: 'reserved-connections-exceed-max',
  severity: 'error',
  category: 'validity',
  tags: ['reliability'],
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'The reserved connection slots leave no ordinary slot within max_connections, so the server refuses to start',
    why:
      'superuser_reserved_connections (and, from PostgreSQL 16, reserved_connections for roles with ' +
      'pg_use_reserved_connections) are taken out of max_connections. When they add up to max_connections or ' +
      'more, the postmaster exits at startup ("superuser_reserved_connections (3) plus reserved_connections (0) ' +
      'must be less than max_connections (3)"). This typically happens when max_connections is cut down for a ' +
      'small test or container instance. Settings absent from the files count with their defaults ' +
      '(max_connections 100, superuser_reserved_connections 3, reserved_connections 0, max_wal_senders 10). Since ' +
      'PostgreSQL 12 WAL senders have their own slots; PostgreSQL 11 counts max_wal_senders with the reserved ' +
      'slots ("superuser_reserved_connections (3) plus max_wal_senders (10) must be less than max_connections (13)"), ' +
      'and PostgreSQL 10 requires max_wal_senders alone to be less than max_connections.',
    invalid: ['max_connections = 3', 'max_connections = 20\nsuperuser_reserved_connections = 10\nreserved_connections = 10'],
    valid: ['max_connections = 4', 'max_connections = 20\nsuperuser_reserved_connections = 5\nreserved_connections = 10'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-MAX-CONNECTIONS',
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SUPERUSER-RESERVED-CONNECTIONS',
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-RESERVED-CONNECTIONS',
    ],
    versions: 'all (reserved_connections is 16+; max_wal_senders counts on 10 and 11)',
  }),
  check(ctx) {
    const max = ctx.setting('max_connections');
    const su = ctx.setting('superuser_reserved_connections');
    if (!max || !su || typeof max.value !== 'number') return;
    const maxValue = max.value;
    // postmaster.c, checked in this order (each checked on a real server):
    //   16+:   superuser_reserved_connections + reserved_connections >= max_connections
    //   12-15: superuser_reserved_connections >= max_connections (WAL senders have their own slots)
    //   11:    superuser_reserved_connections + max_wal_senders >= max_connections
    //   10:    superuser_reserved_connections >= max_connections, then max_wal_senders >= max_connections
    const senders = ctx.setting('max_wal_senders');
    const checks: SettingView[][] =
      ctx.major >= 16
        ? [[su, ctx.setting('reserved_connections')].filter((s): s is SettingView => !!s)]
        : ctx.major >= 12
          ? [[su]]
          : ctx.major === 11
            ? [[su, ...(senders ? [senders] : [])]]
            : [[su], ...(senders ? [[senders]] : [])];
    const failed = checks.find((parts) => parts.reduce((n, s) => n + num(s), 0) >= maxValue);
    if (!failed) return;
    const reserved = failed.reduce((n, s) => n + num(s), 0);

    // Blame max_connections when it is set below what the defaults need; otherwise a part was
    // raised in a file (it must have been, for the sum to reach max_connections).
    const defaultReserved = failed.reduce((n, s) => n + Number(s.def.boot), 0);
    const raised = failed.filter((s) => !!s.loc).sort((a, b) => num(b) - num(a));
    const target = max.loc && (maxValue <= defaultReserved || raised.length === 0) ? max : raised[0];
    if (!target?.loc) return;

    const shown = (s: SettingView): string => `${s.name} = ${s.canonical}${s.isDefault ? ' (default)' : ''}`;
    const parts = failed.length > 1 ? `${failed.map(shown).join(' + ')} = ${reserved}` : shown(failed[0]!);
    const related: RelatedInfo[] = [max, ...failed]
      .flatMap((s) => (s !== target && s.loc ? [{ message: `${s.name} = ${s.canonical} is set here`, loc: s.loc }] : []));
    const what = failed.includes(su) ? 'the reserved slots' : 'the WAL sender slots, which PostgreSQL 10 takes out of max_connections';
    ctx.report({
      loc: target.loc,
      message: `${parts} is not less than ${shown(max)}: PostgreSQL refuses to start`,
      help:
        target === max
          ? `Set max_connections above ${reserved} (${what}), or lower ${failed.map((s) => s.name).join(' or ')}.`
          : `Lower ${target.name} so that ${failed.length > 1 ? 'the sum stays' : 'it stays'} below max_connections (${maxValue}), or raise max_connections.`,
      ...(related.length ? { related } : {}),
    });
  },
});
