import type { CnpgFixedEvent } from '../src/carriers/types.js';
import { boundQuote } from '../src/linter/redact.js';
import { defineRule } from '../src/linter/rule.js';

/** Where the manifest says it instead, in words. */
function help(e: CnpgFixedEvent): string {
  const n = e.name;
  const remove = 'and remove it from spec.postgresql.parameters.';
  if (n === 'shared_preload_libraries') return `List the libraries under spec.postgresql.shared_preload_libraries (pgaudit, pg_stat_statements, auto_explain and pg_failover_slots are added when their parameters are set), ${remove}`;
  if (n.startsWith('ssl')) return `The operator manages TLS: give your own certificates through spec.certificates, ${remove}`;
  if (n === 'listen_addresses' || n === 'port') return `The operator listens on every address at port 5432: restrict who gets in with spec.postgresql.pg_hba and network policies, ${remove}`;
  if (n === 'synchronous_standby_names' || n === 'synchronized_standby_slots') return `Configure synchronous replication with spec.postgresql.synchronous, ${remove}`;
  if (n.startsWith('archive_') || n === 'restore_command') return `Configure WAL archiving and restore with spec.backup (or a plugin), ${remove}`;
  if (n.startsWith('recovery_') || n.startsWith('primary_')) return `Configure recovery with spec.bootstrap.recovery or spec.replica, ${remove}`;
  if (n === 'cluster_name') return `metadata.name names the cluster; remove cluster_name from spec.postgresql.parameters.`;
  if (n === 'temp_tablespaces') return `Declare temporary tablespaces in spec.tablespaces with temporary: true, ${remove}`;
  return `Remove it from spec.postgresql.parameters.`;
}

export default defineRule({
  name: 'cnpg-fixed-parameter',
  severity: 'warning',
  category: 'validity',
  appliesTo: ['cloudnativepg'],
  requires: ['cloudnativepg'],
  docs: () => ({
    summary: 'A CloudNativePG Cluster sets a parameter the operator fixes or refuses',
    why:
      'CloudNativePG writes some parameters itself and keeps others at their defaults so that it can run the ' +
      'instances: listen_addresses, port, ssl and its certificate files, archive_command, cluster_name, ' +
      'shared_preload_libraries, the logging and recovery parameters, and more (FixedConfigurationParameters in ' +
      "pkg/postgres/configuration.go). Its admission webhook rejects a Cluster that sets one of them to anything " +
      "but the operator's own value (\"Can't set fixed configuration parameter\"), so the manifest does not apply; " +
      'where no webhook runs, the instance manager drops the value and the server runs with the operator\'s ' +
      "(listen_addresses '*', ssl on) or with PostgreSQL's default. Either way the value in the manifest is not what " +
      'the server runs with.',
    invalid: [
      "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  postgresql:\n    parameters:\n      listen_addresses: 10.0.0.5\n",
      "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  postgresql:\n    parameters:\n      shared_preload_libraries: pg_cron\n",
    ],
    valid: [
      "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  postgresql:\n    shared_preload_libraries:\n      - pg_cron\n    parameters:\n      work_mem: 16MB\n",
    ],
    references: [
      'https://cloudnative-pg.io/documentation/current/postgresql_conf/#fixed-parameters',
      'https://github.com/cloudnative-pg/cloudnative-pg/blob/a95a534dbe0854495b863bbc1b7651f74d310916/pkg/postgres/configuration.go',
      'https://github.com/cloudnative-pg/cloudnative-pg/blob/a95a534dbe0854495b863bbc1b7651f74d310916/internal/webhook/v1/cluster_webhook.go',
    ],
    versions: 'all majors the operator runs (13 and later); the fixed list is that of CloudNativePG 1.30 (allow_alter_system from 17)',
  }),
  check(ctx) {
    for (const e of ctx.cluster.carrier?.cluster.cnpg?.fixed ?? []) {
      const applied = ctx.setting(e.name);
      const runs =
        e.runsWith !== undefined
          ? `${e.name} = '${boundQuote(e.runsWith, 80)}' (the operator's)`
          : applied
            ? `${e.name} = ${applied.canonical} (PostgreSQL's default)`
            : `PostgreSQL's default`;
      const what = e.class === 'fixed' ? 'managed by CloudNativePG' : 'blocked by CloudNativePG (it must keep its default for the operator to work)';
      const outcome = e.webhookRejects
        ? `the admission webhook rejects the Cluster ("Can't set fixed configuration parameter"), and without the webhook the operator drops the value: the server runs with ${runs}`
        : `the operator drops the value: the server runs with ${runs}`;
      ctx.report({ loc: e.loc, message: `${e.name}: ${boundQuote(e.value, 60)} in spec.postgresql.parameters is ${what}: ${outcome}`, help: help(e) });
    }
  },
});
