// CloudNativePG Cluster manifests as the operator applies them. Every expectation is written by hand
// from github.com/cloudnative-pg/cloudnative-pg at a95a534dbe0854495b863bbc1b7651f74d310916:
// pkg/postgres/configuration.go (GlobalDefaultSettings, MandatorySettings, FixedConfigurationParameters,
// CreatePostgresqlConfiguration, hbaTemplateString, identTemplateString), pkg/management/postgres/
// configuration.go (GeneratePostgresqlHBA: md5 before 14) and api/v1/cluster_funcs.go (GetPostgresqlMajorVersion).
import { afterAll, describe, expect, test } from '@jest/globals';
import { readHba, readSettings, type LintOptions, type LintResult } from '../src/api.js';
import { CARRIERS } from '../src/carriers/kit.js';
import { RULES } from '../rules/index.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';
import { lint } from './support/lint.js';
import { locate } from '../src/report/common.js';
import type { Major } from '../src/types.js';

afterAll(cleanupFixtures);

const only = (...names: string[]) => RULES.filter((r) => names.includes(r.name));

function findings(result: LintResult): string[] {
  return result.diagnostics.map((d) => {
    const l = locate(d, result.sources);
    return `${d.rule} ${d.loc.file}:${l.line}:${l.column}`;
  });
}

const CLUSTER = [
  'apiVersion: postgresql.cnpg.io/v1', // 1
  'kind: Cluster', // 2
  'metadata:', // 3
  '  name: pg-main', // 4
  'spec:', // 5
  '  instances: 3', // 6
  '  imageName: ghcr.io/cloudnative-pg/postgresql:16.4', // 7
  '  postgresql:', // 8
  '    parameters:', // 9
  '      work_mem: 16MB', // 10
  "      wal_level: replica", // 11
  '      pg_stat_statements.track: all', // 12
  '      listen_addresses: 10.0.0.5', // 13
  '    shared_preload_libraries:', // 14
  '      - pg_cron', // 15
  '    pg_hba:', // 16
  '      - host app app 10.244.0.0/16 scram-sha-256', // 17
  '      - host all all 0.0.0.0/0 md5', // 18
  '    pg_ident:', // 19
  '      - mymap alice app', // 20
  '',
].join('\n');

function settings(files: Record<string, string>, pgVersion?: Major): { cluster: string; pgVersion: number; rows: Map<string, { setting: string | null; line: number }> }[] {
  const dir = makeTree(files);
  const opts: LintOptions = { cwd: dir, carriers: CARRIERS, ...(pgVersion ? { pgVersion } : {}) };
  return readSettings(['.'], opts).results.map((r) => ({ cluster: r.cluster, pgVersion: r.pgVersion, rows: new Map(r.rows.map((row) => [row.name!, { setting: row.setting, line: row.sourceline }])) }));
}

describe('parameters (CreatePostgresqlConfiguration with IncludingMandatory, as the instance manager writes custom.conf)', () => {
  test("the user's values at their lines, the operator's defaults and mandatory settings, fixed ones dropped", () => {
    const [s] = settings({ 'k8s/cluster.yaml': CLUSTER });
    const rows = s!.rows;
    expect(s!.cluster).toBe('k8s/cluster.yaml');
    // imageName's tag 16.4 → 16.
    expect(s!.pgVersion).toBe(16);
    expect(rows.get('work_mem')).toEqual({ setting: '16MB', line: 10 });
    // A user value over a GlobalDefaultSettings value (wal_level logical) wins.
    expect(rows.get('wal_level')).toEqual({ setting: 'replica', line: 11 });
    // listen_addresses is fixed: the user's value is dropped; MandatorySettings writes '*'.
    expect(rows.get('listen_addresses')?.setting).toBe('*');
    // The operator's own lines stand at spec.postgresql (line 8).
    expect(rows.get('listen_addresses')?.line).toBe(8);
    expect(rows.get('ssl')?.setting).toBe('on');
    expect(rows.get('port')?.setting).toBe('5432');
    expect(rows.get('hot_standby')?.setting).toBe('true');
    expect(rows.get('restart_after_crash')?.setting).toBe('false');
    expect(rows.get('archive_mode')?.setting).toBe('on');
    expect(rows.get('archive_command')?.setting).toBe('/controller/manager wal-archive --log-destination /controller/log/postgres.json %p');
    expect(rows.get('cluster_name')?.setting).toBe('pg-main');
    expect(rows.get('wal_log_hints')?.setting).toBe('on');
    expect(rows.get('wal_keep_size')?.setting).toBe('512MB');
    expect(rows.get('ssl_min_protocol_version')?.setting).toBe('TLSv1.3');
    expect(rows.get('max_replication_slots')?.setting).toBe('32');
    // The manifest's libraries first, then the managed ones its parameters use (pg_stat_statements.*).
    expect(rows.get('shared_preload_libraries')?.setting).toBe('pg_cron,pg_stat_statements');
    // allow_alter_system only from 17.
    expect(rows.has('allow_alter_system')).toBe(false);
  });

  test('17 and later: allow_alter_system from enableAlterSystem (off unless true); a replica cluster archives always', () => {
    const yaml = 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: r\nspec:\n  imageCatalogRef:\n    apiGroup: postgresql.cnpg.io\n    kind: ClusterImageCatalog\n    name: postgresql\n    major: 17\n  replica:\n    enabled: true\n    source: origin\n  postgresql:\n    enableAlterSystem: true\n';
    const [s] = settings({ 'c.yaml': yaml });
    expect(s!.pgVersion).toBe(17);
    expect(s!.rows.get('allow_alter_system')?.setting).toBe('on');
    expect(s!.rows.get('archive_mode')?.setting).toBe('always');
    expect(s!.rows.get('shared_preload_libraries')?.setting).toBe('');
  });

  test('without imageName or imageCatalogRef the major is the default (newest) unless the flag says otherwise; temporary tablespaces', () => {
    const yaml = 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: t\nspec:\n  tablespaces:\n    - name: tmp2\n      temporary: true\n    - name: data\n    - name: tmp1\n      temporary: true\n';
    expect(settings({ 'c.yaml': yaml })[0]!.pgVersion).toBe(18);
    const [s] = settings({ 'c.yaml': yaml }, 15);
    expect(s!.pgVersion).toBe(15);
    expect(s!.rows.get('temp_tablespaces')?.setting).toBe('tmp1,tmp2');
  });

  test('each Cluster of a multi-document file is its own cluster, named by metadata.name', () => {
    const two = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n---\n${CLUSTER}---\n${CLUSTER.replace('pg-main', 'pg-other').replace(':16.4', ':15')}`;
    const s = settings({ 'all.yaml': two });
    expect(s.map((x) => [x.cluster, x.pgVersion, x.rows.get('cluster_name')?.setting])).toEqual([
      ['all.yaml (pg-main)', 16, 'pg-main'],
      ['all.yaml (pg-other)', 15, 'pg-other'],
    ]);
  });
});

describe('pg_hba.conf and pg_ident.conf (hbaTemplateString, identTemplateString)', () => {
  test("the operator's records first, then the manifest's at their lines, then host all all all scram-sha-256", () => {
    const dir = makeTree({ 'cluster.yaml': CLUSTER });
    const r = readHba(['.'], { cwd: dir, carriers: CARRIERS }).results[0]!;
    expect(r.rows.map((row) => [row.line_number, row.type, (row.database ?? []).join(','), (row.user_name ?? []).join(','), row.address ?? '', row.auth_method, (row.options ?? []).join(',')])).toEqual([
      [8, 'local', 'all', 'cnpg_metrics_exporter', '', 'peer', 'map=cnpg_metrics_exporter'],
      [8, 'local', 'all', 'all', '', 'peer', 'map=local'],
      // pg_hba_file_rules shows clientcert=verify-full on every cert record (14+).
      [8, 'hostssl', 'postgres', 'streaming_replica', 'all', 'cert', 'map=cnpg_streaming_replica,clientcert=verify-full'],
      [8, 'hostssl', 'replication', 'streaming_replica', 'all', 'cert', 'map=cnpg_streaming_replica,clientcert=verify-full'],
      [8, 'hostssl', 'all', 'cnpg_pooler_pgbouncer', 'all', 'cert', 'map=cnpg_pooler_pgbouncer,clientcert=verify-full'],
      [17, 'host', 'app', 'app', '10.244.0.0', 'scram-sha-256', ''],
      [18, 'host', 'all', 'all', '0.0.0.0', 'md5', ''],
      [8, 'host', 'all', 'all', 'all', 'scram-sha-256', ''],
    ]);
  });

  test('before 14 the default record is md5; a ${podselector:…} record is expanded at run time and not read', () => {
    const yaml = CLUSTER.replace(':16.4', ':13.12').replace('10.244.0.0/16', '${podselector:app}');
    const dir = makeTree({ 'cluster.yaml': yaml });
    const r = readHba(['.'], { cwd: dir, carriers: CARRIERS }).results[0]!;
    expect(r.pgVersion).toBe(13);
    // (pg_hba_file_rules has no file_name before 15, so the rows keep the synthesized line numbers: only the methods are compared.)
    expect(r.rows.map((row) => row.auth_method)).toEqual(['peer', 'peer', 'cert', 'cert', 'cert', 'md5', 'md5']);
  });
});

describe('findings', () => {
  test("nothing is reported on the operator's records and settings; the manifest's own lines are judged as applied", () => {
    const dir = makeTree({ 'cluster.yaml': CLUSTER });
    const result = lint(['.'], { cwd: dir }, only('hba-open-to-world', 'listen-on-all-addresses', 'hba-md5', 'cnpg-fixed-parameter', 'hba-tls-not-required', 'ssl-disabled', 'hba-local-trust'));
    // Not reported: listen_addresses '*' (mandatory), host all all all scram-sha-256 (the default record), the peer records.
    expect(findings(result)).toEqual([
      'cnpg-fixed-parameter cluster.yaml:13:7',
      'hba-tls-not-required cluster.yaml:17:9',
      // One record, one finding: hba-tls-not-required's and hba-md5's concerns are named in it (also).
      'hba-open-to-world cluster.yaml:18:22',
    ]);
    expect(result.diagnostics.find((d) => d.rule === 'hba-open-to-world')?.also?.slice().sort()).toEqual(['hba-md5', 'hba-tls-not-required']);
    // md5 from every address without TLS: the exposure model's error.
    expect(result.diagnostics.find((d) => d.rule === 'hba-open-to-world')?.severity).toBe('error');
  });

  test('a blocked parameter keeps PostgreSQL\'s default as the operator\'s own line: no finding asks the manifest to change it', () => {
    const dir = makeTree({ 'cluster.yaml': CLUSTER });
    // unix_socket_permissions is blocked (FixedConfigurationParameters) and the operator does not
    // write it: the server runs with 0777, which the manifest cannot change.
    expect(lint(['.'], { cwd: dir }, only('unix-socket-world-accessible')).diagnostics).toEqual([]);
    const [s] = settings({ 'cluster.yaml': CLUSTER });
    expect(s!.rows.get('unix_socket_permissions')).toEqual({ setting: '511', line: 8 });
    // Files and directories are not written (config_file, hba_file, …).
    expect(s!.rows.has('hba_file')).toBe(false);
    // Nor a parameter the target major does not have (stats_temp_directory: removed in 15).
    expect(s!.rows.has('stats_temp_directory')).toBe(false);
  });

  test('more than one instance is failover evidence for rewind-not-ready (wal_log_hints off is then the user\'s line)', () => {
    const yaml = CLUSTER.replace('      work_mem: 16MB', "      wal_log_hints: 'off'");
    const dir = makeTree({ 'cluster.yaml': yaml });
    const result = lint(['.'], { cwd: dir }, only('rewind-not-ready'));
    expect(findings(result)).toEqual(['rewind-not-ready cluster.yaml:6:3']);
    expect(result.diagnostics[0]!.message).toMatch(/^this server takes part in failover \(CloudNativePG runs 3 instances and fails over between them\), but wal_log_hints = 'off'/);
    // One instance: no failover.
    const single = makeTree({ 'cluster.yaml': yaml.replace('instances: 3', 'instances: 1') });
    expect(lint(['.'], { cwd: single }, only('rewind-not-ready')).diagnostics).toEqual([]);
  });

  test('unrendered-template catches a {{ }} or {% %} leftover inside a manifest value', () => {
    const yaml = CLUSTER.replace('16MB', '"{{ .Values.workMem }}"').replace('10.244.0.0/16', '{%raw%}');
    const dir = makeTree({ 'cluster.yaml': yaml });
    const result = lint(['.'], { cwd: dir }, only('unrendered-template'));
    expect(findings(result)).toEqual(['unrendered-template cluster.yaml:10:18', 'unrendered-template cluster.yaml:17:22']);
  });
});

describe('discovery by shape', () => {
  test('a Cluster in any *.yaml / *.yml, also after other documents; a Helm template or another kind is not read', () => {
    const dir = makeTree({
      'a/db.yml': CLUSTER,
      'b/all.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n---\n${CLUSTER}`,
      'c/templates/cluster.yaml': `{{- if .Values.enabled }}\n${CLUSTER}{{- end }}\n`,
      'd/pooler.yaml': 'apiVersion: postgresql.cnpg.io/v1\nkind: Pooler\nmetadata:\n  name: p\n',
      'e/values.yaml': 'cluster:\n  instances: 3\n',
    });
    const result = lint(['.'], { cwd: dir }, []);
    expect(result.files.map((f) => `${f.path} ${f.kind} ${f.pgVersion}`)).toEqual(['a/db.yml cloudnativepg 16', 'b/all.yaml cloudnativepg 16']);
  });

  test('standard input named as a YAML file is told by its shape (helm template … | pgconf-lint - --stdin-filename …)', () => {
    const dir = makeTree({});
    const result = lint([], { cwd: dir, stdin: { filename: 'rendered/cluster.yaml', content: CLUSTER } }, only('hba-open-to-world'));
    expect(result.files).toEqual([{ path: 'rendered/cluster.yaml', kind: 'cloudnativepg', pgVersion: 16 }]);
    expect(findings(result)).toEqual(['hba-open-to-world rendered/cluster.yaml:18:22']);
  });

  test('hostile YAML in a manifest is one located finding, never a crash', () => {
    const bomb = ['apiVersion: postgresql.cnpg.io/v1', 'kind: Cluster', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) bomb.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const dir = makeTree({ 'cluster.yaml': bomb.join('\n') + '\n' });
    const result = lint(['.'], { cwd: dir }, only('unreadable-file'));
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.message).toMatch(/^could not read cloudnativepg file: holds more than \d+ values once its aliases are expanded/);
  });
});
