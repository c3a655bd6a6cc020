import type { PatroniParameterEvent } from '../src/carriers/types.js';
import { boundQuote } from '../src/linter/redact.js';
import { defineRule } from '../src/linter/rule.js';

/** Where Patroni takes the parameter from instead, in words. */
function source(e: PatroniParameterEvent): string {
  if (e.why === 'listen') return `Patroni sets ${e.name} from postgresql.listen`;
  if (e.why === 'scope') return 'Patroni sets cluster_name from scope';
  return `Patroni takes ${e.name} only from the DCS (bootstrap.dcs, or patronictl edit-config once the cluster exists)`;
}

function help(e: PatroniParameterEvent): string {
  if (e.why === 'listen') return `Write the address and port as postgresql.listen (host:port), and remove ${e.name} here.`;
  if (e.why === 'scope') return 'Name the cluster with scope, and remove cluster_name here.';
  return `Move ${e.name} to bootstrap.dcs.postgresql.parameters (on a running cluster: patronictl edit-config), and remove it here.`;
}

export default defineRule({
  name: 'patroni-local-parameter-ignored',
  severity: 'warning',
  category: 'validity',
  appliesTo: ['patroni'],
  requires: ['patroni'],
  docs: () => ({
    summary: "A Patroni node's local parameter that Patroni takes only from the DCS (it is dropped)",
    why:
      'Patroni passes some parameters to the postmaster on its command line, the same on every member, so that ' +
      'ALTER SYSTEM cannot change them: listen_addresses, port, cluster_name, wal_level, hot_standby, ' +
      'max_connections, max_wal_senders, wal_keep_segments, wal_keep_size, max_prepared_transactions, ' +
      'max_locks_per_transaction, track_commit_timestamp, max_replication_slots, max_worker_processes and ' +
      "wal_log_hints (ConfigHandler.CMDLINE_OPTIONS). It takes them only from the cluster's dynamic configuration " +
      '(the DCS, seeded from bootstrap.dcs), or from postgresql.listen and scope: a value under the local ' +
      "postgresql.parameters, or a role's parameters_primary / parameters_replica / parameters_standby_leader, is " +
      'dropped without a word in the file, and the server runs with the DCS value or Patroni\'s default. A ' +
      'max_connections raised locally for a reporting node silently stays at 100.',
    invalid: [
      'scope: demo\npostgresql:\n  listen: 127.0.0.1:5432\n  parameters:\n    max_connections: 500\n',
      'scope: demo\npostgresql:\n  parameters_replica:\n    hot_standby: off\n',
    ],
    valid: [
      'scope: demo\nbootstrap:\n  dcs:\n    postgresql:\n      parameters:\n        max_connections: 500\npostgresql:\n  parameters:\n    work_mem: 16MB\n',
    ],
    references: [
      'https://patroni.readthedocs.io/en/latest/patroni_configuration.html#important-rules',
      'https://github.com/patroni/patroni/blob/de6b22c800a4e5edb351482f0bf64415271003f6/patroni/postgresql/config.py',
      'https://github.com/patroni/patroni/blob/de6b22c800a4e5edb351482f0bf64415271003f6/patroni/config.py',
    ],
    versions: 'all (Patroni 4; wal_keep_size only from 13)',
  }),
  check(ctx) {
    for (const e of ctx.cluster.carrier?.cluster.patroni?.ignored ?? []) {
      const applied = ctx.setting(e.name);
      const value = applied?.assignment
        ? `, so the server runs with ${e.name} = ${boundQuote(applied.assignment.line.value, 60)}`
        : applied
          ? `, so the server runs with ${e.name} = ${applied.canonical} (the default)`
          : '';
      ctx.report({
        loc: e.loc,
        message: `${e.name}: ${boundQuote(e.value, 60)} in ${e.section} is ignored: ${source(e)}${value}`,
        help: help(e),
      });
    }
  },
});
