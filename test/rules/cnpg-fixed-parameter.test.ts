// Expected results written by hand from CloudNativePG at a95a534dbe0854495b863bbc1b7651f74d310916:
// pkg/postgres/configuration.go (FixedConfigurationParameters, GlobalDefaultSettings, MandatorySettings,
// CreatePostgresqlConfiguration) and internal/webhook/v1/cluster_webhook.go (validateConfiguration).
import { afterAll } from '@jest/globals';
import rule from '../../rules/cnpg-fixed-parameter.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

// Lines: 1 apiVersion, 2 kind, 3 metadata, 4 name, (extra), spec, instances, postgresql, parameters, then the parameters.
const head = (params: string, extra = ''): string =>
  `apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\n${extra}spec:\n  instances: 3\n  postgresql:\n    parameters:\n${params}`;
const WEBHOOK = 'the admission webhook rejects the Cluster ("Can\'t set fixed configuration parameter"), and without the webhook the operator drops the value';
const BLOCKED = 'blocked by CloudNativePG (it must keep its default for the operator to work)';

ruleTester(rule, {
  valid: [
    { name: 'no parameters', code: 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  instances: 1\n' },
    { name: 'ordinary parameters', code: head("      work_mem: 16MB\n      max_connections: '200'\n") },
    // GlobalDefaultSettings logging_collector "on", archive_mode "on" (not a replica, archiving not skipped):
    // the webhook accepts the operator's own value and the server runs with it.
    { name: "a fixed parameter set to exactly the operator's value", code: head("      logging_collector: 'on'\n      archive_mode: 'on'\n      log_destination: csvlog\n") },
    // FixedConfigurationParameters is a Go map: the key compares exactly.
    { name: 'a key spelled in another case is no fixed key', code: head("      Bonjour: 'on'\n") },
    { name: 'not a CloudNativePG Cluster', code: 'apiVersion: postgresql.cnpg.io/v1\nkind: Pooler\nmetadata:\n  name: p\nspec:\n  pgbouncer:\n    parameters:\n      listen_addresses: x\n' },
  ],
  invalid: [
    {
      name: 'listen_addresses: blocked, the operator writes *',
      code: head('      work_mem: 16MB\n      listen_addresses: 10.0.0.5\n'),
      errors: [
        {
          line: 10,
          column: 7,
          endLine: 10,
          endColumn: 33,
          severity: 'warning',
          message: `listen_addresses: 10.0.0.5 in spec.postgresql.parameters is ${BLOCKED}: ${WEBHOOK}: the server runs with listen_addresses = '*' (the operator's)`,
          help: 'The operator listens on every address at port 5432: restrict who gets in with spec.postgresql.pg_hba and network policies, and remove it from spec.postgresql.parameters.',
        },
      ],
    },
    {
      name: 'a blocked parameter the operator does not write: PostgreSQL\'s default',
      code: head("      bonjour: 'on'\n"),
      errors: [{ line: 9, column: 7, endColumn: 20, message: `bonjour: 'on' in spec.postgresql.parameters is ${BLOCKED}: ${WEBHOOK}: the server runs with bonjour = off (PostgreSQL's default)`, help: 'Remove it from spec.postgresql.parameters.' }],
    },
    {
      name: 'archive_mode on while the annotation skips WAL archiving: the operator writes off',
      code: head("      archive_mode: 'on'\n", "  annotations:\n    cnpg.io/skipWalArchiving: enabled\n"),
      errors: [{ line: 11, column: 7, endColumn: 25, message: `archive_mode: 'on' in spec.postgresql.parameters is managed by CloudNativePG: ${WEBHOOK}: the server runs with archive_mode = 'off' (the operator's)` }],
    },
    {
      name: "shared_preload_libraries '' passes the webhook, but the operator preloads pg_stat_statements for its parameters",
      code: head("      pg_stat_statements.max: '10000'\n      shared_preload_libraries: ''\n"),
      errors: [
        {
          line: 10,
          column: 7,
          endColumn: 35,
          message: "shared_preload_libraries: '' in spec.postgresql.parameters is managed by CloudNativePG: the operator drops the value: the server runs with shared_preload_libraries = 'pg_stat_statements' (the operator's)",
          help: 'List the libraries under spec.postgresql.shared_preload_libraries (pgaudit, pg_stat_statements, auto_explain and pg_failover_slots are added when their parameters are set), and remove it from spec.postgresql.parameters.',
        },
      ],
    },
    {
      name: 'two fixed parameters, each at its key, in the second document of a file',
      code: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n---\n${head("      ssl: 'off'\n      cluster_name: other\n")}`,
      errors: [
        { line: 14, column: 7, endColumn: 17, message: `ssl: 'off' in spec.postgresql.parameters is managed by CloudNativePG: ${WEBHOOK}: the server runs with ssl = 'on' (the operator's)`, help: 'The operator manages TLS: give your own certificates through spec.certificates, and remove it from spec.postgresql.parameters.' },
        { line: 15, column: 7, endColumn: 26, message: `cluster_name: other in spec.postgresql.parameters is managed by CloudNativePG: ${WEBHOOK}: the server runs with cluster_name = 'pg' (the operator's)` },
      ],
    },
  ],
});
