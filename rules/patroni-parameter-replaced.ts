import { boundQuote } from '../src/linter/redact.js';
import { defineRule } from '../src/linter/rule.js';

export default defineRule({
  name: 'patroni-parameter-replaced',
  severity: 'warning',
  category: 'validity',
  appliesTo: ['patroni'],
  requires: ['patroni'],
  docs: () => ({
    summary: "A Patroni DCS parameter value that fails Patroni's own check (Patroni uses its default instead)",
    why:
      'For the parameters it passes on the command line (ConfigHandler.CMDLINE_OPTIONS), Patroni checks the value ' +
      "in the dynamic configuration (bootstrap.dcs) before using it: max_connections at least 25, max_wal_senders " +
      'at least 3, max_replication_slots at least 4, max_worker_processes at least 2, max_locks_per_transaction ' +
      'at least 32, wal_keep_segments at least 1, wal_keep_size at least 16MB, wal_level one of hot_standby, ' +
      'replica or logical, hot_standby on, track_commit_timestamp and wal_log_hints booleans. A value that fails ' +
      'is dropped with a warning in Patroni\'s log and its default is used (max_connections 100, wal_level replica, ' +
      'hot_standby on, …): the file says one thing and the server runs with another. listen_addresses, port and ' +
      'cluster_name are never taken from the DCS: postgresql.listen and scope set them.',
    invalid: [
      'scope: demo\nbootstrap:\n  dcs:\n    postgresql:\n      parameters:\n        max_connections: 10\n',
      'scope: demo\nbootstrap:\n  dcs:\n    postgresql:\n      parameters:\n        wal_level: minimal\n',
    ],
    valid: ['scope: demo\nbootstrap:\n  dcs:\n    postgresql:\n      parameters:\n        max_connections: 200\n        wal_level: logical\n'],
    references: [
      'https://github.com/patroni/patroni/blob/de6b22c800a4e5edb351482f0bf64415271003f6/patroni/postgresql/config.py',
      'https://github.com/patroni/patroni/blob/de6b22c800a4e5edb351482f0bf64415271003f6/patroni/config.py',
    ],
    versions: 'all (Patroni 4; wal_keep_size only from 13)',
  }),
  check(ctx) {
    for (const e of ctx.cluster.carrier?.cluster.patroni?.replaced ?? []) {
      const value = boundQuote(e.value, 60);
      if (e.why === 'listen' || e.why === 'scope') {
        const from = e.why === 'listen' ? 'postgresql.listen' : 'scope';
        ctx.report({
          loc: e.loc,
          message: `${e.name}: ${value} in ${e.section} is ignored: Patroni sets ${e.name} from ${from}`,
          help: `Set ${from} instead, and remove ${e.name} here.`,
        });
        continue;
      }
      const instead = e.replacement !== undefined ? `its default ${e.name} = ${e.replacement}` : 'its default';
      ctx.report({
        loc: e.loc,
        message: `${e.name}: ${value} in ${e.section} fails Patroni's check (${e.check ?? 'its validator'}), so Patroni drops it and uses ${instead}`,
        help: `Write a value Patroni accepts for ${e.name} (${e.check ?? 'see its validator'}), or remove it to use the default on purpose.`,
      });
    }
  },
});
