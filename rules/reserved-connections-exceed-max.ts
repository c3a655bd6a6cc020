import { defineRule } from '../src/engine/rule.js';
import type { SettingView } from '../src/engine/settings.js';
import type { RelatedInfo } from '../src/types.js';

const num = (s: SettingView | undefined): number => (s && typeof s.value === 'number' ? s.value : 0);

export default defineRule({
  name: 'reserved-connections-exceed-max',
  severity: 'error',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: {
    summary: 'The reserved connection slots leave no ordinary slot within max_connections, so the server refuses to start',
    why:
      'superuser_reserved_connections (and, from PostgreSQL 16, reserved_connections for roles with ' +
      'pg_use_reserved_connections) are taken out of max_connections. When they add up to max_connections or ' +
      'more, the postmaster exits at startup ("superuser_reserved_connections (3) plus reserved_connections (0) ' +
      'must be less than max_connections (3)"). This typically happens when max_connections is cut down for a ' +
      'small test or container instance. Settings absent from the files count with their defaults ' +
      '(max_connections 100, superuser_reserved_connections 3, reserved_connections 0). Since PostgreSQL 12 ' +
      'WAL senders have their own slots and do not count here.',
    invalid: ['max_connections = 3', 'max_connections = 20\nsuperuser_reserved_connections = 10\nreserved_connections = 10'],
    valid: ['max_connections = 4', 'max_connections = 20\nsuperuser_reserved_connections = 5\nreserved_connections = 10'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-MAX-CONNECTIONS',
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SUPERUSER-RESERVED-CONNECTIONS',
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-RESERVED-CONNECTIONS',
    ],
    versions: 'all (reserved_connections is 16+)',
  },
  check(ctx) {
    const max = ctx.setting('max_connections');
    const su = ctx.setting('superuser_reserved_connections');
    const res = ctx.setting('reserved_connections'); // undefined before 16
    if (!max || !su || typeof max.value !== 'number') return;
    const reserved = num(su) + num(res);
    // postmaster.c: SuperuserReservedConnections + ReservedConnections >= MaxConnections is fatal.
    if (reserved < max.value) return;

    // Blame max_connections when it is set below what the default reservations need; otherwise a
    // reservation was raised in a file (it must have been, for the sum to reach max_connections).
    const defaultReserved = Number(su.def.boot) + (res ? Number(res.def.boot) : 0);
    const raised = [su, res].filter((s): s is SettingView => !!s?.loc).sort((a, b) => num(b) - num(a));
    const target = max.loc && (max.value <= defaultReserved || raised.length === 0) ? max : raised[0];
    if (!target?.loc) return;

    const shown = (s: SettingView): string => `${s.name} = ${s.canonical}${s.isDefault ? ' (default)' : ''}`;
    const parts = res ? `${shown(su)} + ${shown(res)} = ${reserved}` : shown(su);
    const related: RelatedInfo[] = [max, su, ...(res ? [res] : [])]
      .flatMap((s) => (s !== target && s.loc ? [{ message: `${s.name} = ${s.canonical} is set here`, loc: s.loc }] : []));
    ctx.report({
      loc: target.loc,
      message: `${parts} is not less than ${shown(max)}: PostgreSQL refuses to start`,
      help:
        target === max
          ? `Set max_connections above ${reserved} (the reserved slots), or lower the reservations.`
          : `Lower the reserved connections below ${max.value}, or raise max_connections.`,
      ...(related.length ? { related } : {}),
    });
  },
});
