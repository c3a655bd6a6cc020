// docker-compose services and Kubernetes workloads running the postgres image. Every expectation is
// written by hand from github.com/docker-library/postgres at 6edb0a8c4def40c371514b34aef9037ec82d9110
// (docker-entrypoint.sh: _main, docker_init_database_dir, pg_setup_hba_conf; Dockerfile-debian.template:
// listen_addresses = '*' in postgresql.conf.sample), PostgreSQL's postmaster.c (getopt options) and
// guc.c (ParseLongOption: `--name=value`, dashes read as underscores), and initdb's pg_hba.conf.sample.
import { afterAll, describe, expect, test } from '@jest/globals';
import { readHba, readSettings, type LintResult } from '../src/api.js';
import { CARRIERS } from '../src/carriers/kit.js';
import { RULES } from '../rules/index.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';
import { lint } from './support/lint.js';
import { locate } from '../src/report/common.js';

afterAll(cleanupFixtures);

const only = (...names: string[]) => RULES.filter((r) => names.includes(r.name));

function findings(result: LintResult): string[] {
  return result.diagnostics.map((d) => {
    const l = locate(d, result.sources);
    return `${d.rule} ${d.loc.file}:${l.line}:${l.column}-${l.endLine}:${l.endColumn}`;
  });
}

function settings(files: Record<string, string>): { cluster: string; pgVersion: number; rows: Record<string, [string | null, number]> }[] {
  const dir = makeTree(files);
  return readSettings(['.'], { cwd: dir, carriers: CARRIERS }).results.map((r) => ({
    cluster: r.cluster,
    pgVersion: r.pgVersion,
    rows: Object.fromEntries(r.rows.map((row) => [row.name!, [row.setting, row.sourceline] as [string | null, number]])),
  }));
}

function hba(files: Record<string, string>): string[] {
  const dir = makeTree(files);
  const r = readHba(['.'], { cwd: dir, carriers: CARRIERS }).results[0];
  return (r?.rows ?? []).map((row) => `${row.line_number} ${row.type} ${(row.database ?? []).join(',')} ${(row.user_name ?? []).join(',')} ${row.address ?? ''} ${row.netmask ?? ''} ${row.auth_method}`.replace(/ +/g, ' '));
}

const COMPOSE = [
  'services:', // 1
  '  db:', // 2
  '    image: postgres:16-alpine', // 3
  '    command: postgres -c max_connections=200 -c shared_buffers=256MB --work-mem=8MB', // 4
  '    environment:', // 5
  '      POSTGRES_PASSWORD: example', // 6
  '  web:', // 7
  '    image: nginx:1.27', // 8
  '',
].join('\n');

describe('command-line parameters', () => {
  test('postgres -c pairs and --name=value in a string command; the image tag names the major; the image sets listen_addresses', () => {
    const [s] = settings({ 'docker-compose.yml': COMPOSE });
    expect(s!.cluster).toBe('docker-compose.yml');
    expect(s!.pgVersion).toBe(16);
    expect(s!.rows).toEqual({
      // postgresql.conf.sample as the image edits it, at the image line.
      listen_addresses: ['*', 3],
      max_connections: ['200', 4],
      shared_buffers: ['256MB', 4],
      // --work-mem=8MB: ParseLongOption turns the dash into an underscore.
      work_mem: ['8MB', 4],
    });
  });

  test('a list command that starts with a flag runs postgres through the entrypoint; one-letter options set their parameters', () => {
    const yaml = 'services:\n  db:\n    image: docker.io/library/postgres:15\n    command: ["-B", "64MB", "-N50", "-i", "-F", "-cwal_level=logical", "-p", "5433"]\n';
    const [s] = settings({ 'compose.yaml': yaml });
    expect(s!.pgVersion).toBe(15);
    expect(s!.rows).toEqual({
      listen_addresses: ['*', 4],
      shared_buffers: ['64MB', 4],
      max_connections: ['50', 4],
      fsync: ['off', 4],
      wal_level: ['logical', 4],
      port: ['5433', 4],
    });
  });

  test('a Kubernetes StatefulSet: args through the entrypoint; a command without the entrypoint sets the flags but no pg_hba record', () => {
    const sts = [
      'apiVersion: apps/v1', // 1
      'kind: StatefulSet', // 2
      'metadata:', // 3
      '  name: pg', // 4
      'spec:', // 5
      '  template:', // 6
      '    spec:', // 7
      '      containers:', // 8
      '        - name: postgres', // 9
      '          image: postgis/postgis:14-3.4', // 10
      '          args:', // 11
      '            - -c', // 12
      '            - log_connections=on', // 13
      '        - name: direct', // 14
      '          image: postgres:17.2', // 15
      '          command: ["postgres", "-c", "work_mem=4MB"]', // 16
      '        - name: sidecar', // 17
      '          image: prom/postgres-exporter', // 18
      '',
    ].join('\n');
    const s = settings({ 'db.yaml': sts });
    expect(s.map((x) => [x.cluster, x.pgVersion, x.rows])).toEqual([
      ['db.yaml (StatefulSet/pg/postgres)', 14, { listen_addresses: ['*', 10], log_connections: ['on', 13] }],
      // Not through docker-entrypoint.sh: no initdb, no listen_addresses from the image's sample.
      ['db.yaml (StatefulSet/pg/direct)', 17, { work_mem: ['4MB', 16] }],
    ]);
    const dir = makeTree({ 'db.yaml': sts });
    expect(readHba(['.'], { cwd: dir, carriers: CARRIERS }).results.map((r) => r.cluster)).toEqual(['db.yaml (StatefulSet/pg/postgres)']);
  });

  test('values Compose or Kubernetes fill in at run time are not read; a shell or another program is no server', () => {
    const yaml = 'services:\n  a:\n    image: postgres:16\n    command: postgres -c work_mem=${WORK_MEM} -c maintenance_work_mem=64MB\n  b:\n    image: postgres:16\n    command: bash -c "sleep 1"\n';
    expect(settings({ 'docker-compose.yml': yaml }).map((x) => [x.cluster, x.rows])).toEqual([['docker-compose.yml (a)', { listen_addresses: ['*', 3], maintenance_work_mem: ['64MB', 4] }]]);
  });
});

describe('pg_hba.conf as the entrypoint writes it', () => {
  test("initdb's records (trust), then host all all all with the server's password_encryption: scram-sha-256 from 14", () => {
    expect(hba({ 'docker-compose.yml': COMPOSE })).toEqual([
      '3 local all all trust',
      '3 host all all 127.0.0.1 255.255.255.255 trust',
      '3 host all all ::1 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff trust',
      '3 local replication all trust',
      '3 host replication all 127.0.0.1 255.255.255.255 trust',
      '3 host replication all ::1 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff trust',
      '3 host all all all scram-sha-256',
    ]);
    // `postgres -C password_encryption` with the same flags: -c password_encryption=md5 makes the record md5.
    const md5 = COMPOSE.replace('-c max_connections=200', '-c password_encryption=md5');
    expect(hba({ 'docker-compose.yml': md5 }).at(-1)).toBe('3 host all all all md5');
  });

  test('POSTGRES_HOST_AUTH_METHOD and --auth-host in POSTGRES_INITDB_ARGS are the records\' methods, at their lines', () => {
    const yaml = COMPOSE.replace('      POSTGRES_PASSWORD: example', '      POSTGRES_HOST_AUTH_METHOD: trust\n      POSTGRES_INITDB_ARGS: "--auth-host=md5 --data-checksums"');
    // Lines: 6 POSTGRES_HOST_AUTH_METHOD, 7 POSTGRES_INITDB_ARGS; the local records keep initdb's trust, at the image.
    expect(hba({ 'docker-compose.yml': yaml })).toEqual([
      '3 local all all trust',
      '7 host all all 127.0.0.1 255.255.255.255 md5',
      '7 host all all ::1 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff md5',
      '3 local replication all trust',
      '7 host replication all 127.0.0.1 255.255.255.255 md5',
      '7 host replication all ::1 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff md5',
      '6 host all all all trust',
    ]);
  });
});

describe('findings', () => {
  test('POSTGRES_HOST_AUTH_METHOD=trust is open to every address, reported at the value; nothing on what the image writes itself', () => {
    const yaml = ['services:', '  db:', '    image: postgres:16', '    environment:', '      - POSTGRES_HOST_AUTH_METHOD=trust', ''].join('\n');
    const dir = makeTree({ 'docker-compose.yml': yaml });
    const result = lint(['.'], { cwd: dir }, only('hba-trust-remote', 'hba-open-to-world', 'hba-local-trust', 'listen-on-all-addresses', 'ssl-disabled'));
    expect(findings(result)).toEqual([
      'ssl-disabled docker-compose.yml:1:1-1:1',
      // One record, one finding: hba-trust-remote's concern is named in it (also).
      'hba-open-to-world docker-compose.yml:5:35-5:40',
    ]);
    expect(result.diagnostics.find((d) => d.rule === 'hba-open-to-world')?.also).toEqual(['hba-trust-remote']);
    // Without the variable the image's own scram record stands alone: nothing is reported.
    const plain = makeTree({ 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n' });
    expect(lint(['.'], { cwd: plain }, only('hba-open-to-world', 'hba-local-trust', 'listen-on-all-addresses', 'ssl-disabled')).diagnostics).toEqual([]);
  });

  test('flags are judged as the values the server runs with, located in the command; the unit fix edits the YAML', () => {
    const yaml = COMPOSE.replace('256MB', '256mb').replace('max_connections=200', 'fsync=off');
    const dir = makeTree({ 'docker-compose.yml': yaml });
    const result = lint(['.'], { cwd: dir }, only('fsync-off', 'invalid-value'));
    expect(findings(result)).toEqual(['fsync-off docker-compose.yml:4:32-4:35', 'invalid-value docker-compose.yml:4:54-4:59']);
    const at = yaml.indexOf('256mb');
    expect(result.diagnostics[1]!.fix?.edits).toEqual([{ loc: { file: 'docker-compose.yml', start: at, end: at + 5 }, text: '256MB' }]);
  });

  test("a message naming a record the image writes names the carrier's line it stands for (the image line)", () => {
    const yaml = ['services:', '  tailor:', '    image: postgres:13.5', "    command: postgres -c listen_addresses='*'", ''].join('\n');
    const dir = makeTree({ 'docker-compose.yml': yaml });
    const result = lint(['.'], { cwd: dir }, only('listen-on-all-addresses'));
    expect(findings(result)).toEqual(['listen-on-all-addresses docker-compose.yml:4:14-4:46']);
    // A quoted word is located at the whole command. The image's own `host all all all md5` (13: md5) is open to every address; it stands at the image, line 3.
    expect(result.diagnostics[0]!.message).toBe(
      "listen_addresses = '*' accepts TCP connections on every network interface (all IPv4 and IPv6 addresses), and docker-compose.yml:3 is open to every address: any user (all) can connect to any database except replication (all) from any address (all) with an MD5 password (md5)",
    );
  });

  test('-c config_file=… reads another postgresql.conf (not linked): no image default, and config_file is no setting here; hba_file drops the entrypoint\'s pg_hba', () => {
    const yaml = 'services:\n  db:\n    image: postgres:15\n    command: postgres -c config_file=/etc/postgresql/postgresql.conf -c hba_file=/etc/postgresql/pg_hba.conf -c work_mem=4MB\n';
    const s = settings({ 'docker-compose.yml': yaml });
    expect(s[0]!.rows).toEqual({ hba_file: ['/etc/postgresql/pg_hba.conf', 4], work_mem: ['4MB', 4] });
    expect(hba({ 'docker-compose.yml': yaml })).toEqual([]);
  });

  test('images built FROM postgres with its entrypoint: the major from their pg<N> tags', () => {
    const yaml = 'services:\n  a:\n    image: ankane/pgvector:0.7.0-pg16\n  b:\n    image: pgvector/pgvector:pg17\n  c:\n    image: timescale/timescaledb:2.14.2-pg15\n  d:\n    image: timescale/timescaledb-ha:pg16\n';
    expect(settings({ 'compose.yml': yaml }).map((x) => [x.cluster, x.pgVersion])).toEqual([
      ['compose.yml (a)', 16],
      ['compose.yml (b)', 17],
      ['compose.yml (c)', 15],
    ]);
  });

  test('--data-checksums in POSTGRES_INITDB_ARGS is evidence for rewind readiness', () => {
    const standby = "services:\n  db:\n    image: postgres:16\n    command: postgres -c wal_log_hints=off -c 'primary_conninfo=host=primary'\n";
    const dir = makeTree({ 'docker-compose.yml': standby });
    expect(findings(lint(['.'], { cwd: dir }, only('rewind-not-ready')))).toHaveLength(1);
    const withChecksums = makeTree({ 'docker-compose.yml': `${standby}    environment:\n      POSTGRES_INITDB_ARGS: --data-checksums\n` });
    expect(lint(['.'], { cwd: withChecksums }, only('rewind-not-ready')).diagnostics).toEqual([]);
  });

  test('unrendered-template catches a {{ }} leftover in a flag value', () => {
    const dir = makeTree({ 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    command: ["postgres", "-c", "work_mem={{ work_mem }}"]\n' });
    expect(findings(lint(['.'], { cwd: dir }, only('unrendered-template')))).toEqual(['unrendered-template docker-compose.yml:4:43-4:57']);
  });
});

describe('odd input', () => {
  test('a command with an unclosed quote does not run (Compose refuses it); 20,000 flags are read; non-string values are read as written', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `-c work_mem=${i + 1}kB`).join(' ');
    const yaml = `services:\n  a:\n    image: postgres:16\n    command: postgres -c "application_name=x y\n  b:\n    image: postgres:16\n    command: postgres ${many}\n  c:\n    image: postgres:16\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: 123\n`;
    const s = settings({ 'docker-compose.yml': yaml });
    expect(s.map((x) => [x.cluster, x.rows.application_name?.[0], x.rows.work_mem?.[0]])).toEqual([
      ['docker-compose.yml (b)', undefined, '20000kB'],
      ['docker-compose.yml (c)', undefined, undefined],
    ]);
    const dir = makeTree({ 'docker-compose.yml': yaml });
    // `host all all all 123`: PostgreSQL refuses the method, at the variable's value (line 11).
    const result = lint(['.'], { cwd: dir }, only('hba-invalid-record', 'unreadable-file'));
    expect(findings(result)).toEqual(['hba-invalid-record docker-compose.yml:11:34-11:37']);
  });
});

describe('discovery', () => {
  test('Compose files by name and content, Kubernetes workloads by content; other images and other YAML are not read', () => {
    const dir = makeTree({
      'a/docker-compose.override.yml': 'services:\n  db:\n    image: postgres:13\n',
      'b/compose.yaml': 'services:\n  db:\n    image: bitnami/postgresql:16\n',
      'c/stack.yml': 'services:\n  db:\n    image: postgres:16\n',
      'd/pod.yml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: pg\n      image: "postgres"\n',
      'e/templates/deploy.yaml': '{{- if .Values.db }}\napiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - image: postgres:16\n{{- end }}\n',
      'f/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata:\n  image: postgres:16\n',
    });
    const result = lint(['.'], { cwd: dir }, []);
    expect(result.files.map((f) => `${f.path} ${f.kind} ${f.pgVersion}`)).toEqual(['a/docker-compose.override.yml container 13', 'd/pod.yml container 18']);
  });
});
