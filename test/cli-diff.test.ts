// `pgconf-lint diff`: two directories, two files, or a git revision against the work tree, through
// the CLI (in process, and once as the built bundle). What the access and settings diffs compute is
// tested in test/diff-*.test.ts; here: the command's arguments, paths, formats and exit codes.
import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliInProcess } from './support/cli-in-process.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const HBA_BASE = 'local all all peer\nhost all all 0.0.0.0/0 reject\n';
// The reject becomes md5: every IPv4 client the server listens to is accepted now.
const HBA_HEAD = 'local all all peer\nhost all all 0.0.0.0/0 md5\n';
// listen_addresses '*' so that remote clients exist; ssl off (the default): no SSL connections.
const CONF_BASE = "listen_addresses = '*'\nshared_buffers = 1GB\nwork_mem = 4MB\n";
const CONF_HEAD = "listen_addresses = '*'\nshared_buffers = 1GB\nwork_mem = '4096kB'\n";

function trees(head: { hba?: string; conf?: string } = {}): { base: string; head: string; dir: string } {
  const dir = makeTree({
    'base/db/pg_hba.conf': HBA_BASE,
    'base/db/postgresql.conf': CONF_BASE,
    'head/db/pg_hba.conf': head.hba ?? HBA_HEAD,
    'head/db/postgresql.conf': head.conf ?? CONF_HEAD,
  });
  return { base: join(dir, 'base'), head: join(dir, 'head'), dir };
}

interface JsonDiff {
  version: number;
  clusters: {
    cluster: string;
    pgVersion: number;
    access: { change: string; connection: { transport: string; address: string }; before: { method: string; file: string; line: number } | null; after: { method: string; file: string; line: number } | null }[];
    settings: { name: string; restart: boolean; file: string | null; line: number | null }[];
  }[];
}

describe('pgconf-lint diff BASE HEAD', () => {
  test('a reject turned into md5 widens access: reported with the file and line, paths relative to each tree', async () => {
    const t = trees();
    const r = await cliInProcess(['diff', t.base, t.head, '--format', 'json', '--pg-version', '16']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as JsonDiff;
    expect(out.version).toBe(1);
    expect(out.clusters.map((c) => [c.cluster, c.pgVersion])).toEqual([['db', 16]]);
    const access = out.clusters[0]!.access;
    expect(access.length).toBeGreaterThan(0);
    for (const a of access) {
      expect(a.change).toBe('widened');
      expect(a.before).toEqual({ method: 'reject', options: [], file: 'db/pg_hba.conf', line: 2 });
      expect(a.after).toEqual({ method: 'md5', options: [], file: 'db/pg_hba.conf', line: 2 });
      expect(a.connection.transport).not.toBe('local');
    }
    // IPv4 only: 0.0.0.0/0 never matches an IPv6 client.
    expect(access.map((a) => a.connection.address)).toContain('0.0.0.0/0');
    expect(access.some((a) => a.connection.address.includes(':'))).toBe(false);
    // work_mem 4MB -> '4096kB' is the same value: no settings change.
    expect(out.clusters[0]!.settings).toEqual([]);
  });

  test('--fail-on-access-widening exits 1 when access widens, 0 when it narrows', async () => {
    const t = trees();
    expect((await cliInProcess(['diff', t.base, t.head, '--fail-on-access-widening'])).code).toBe(1);
    const narrowed = await cliInProcess(['diff', t.head, t.base, '--fail-on-access-widening']);
    expect(narrowed.code).toBe(0);
    expect(narrowed.stdout).toContain('No longer accepted');
  });

  test('text names the change, the record and what applying a setting takes', async () => {
    const t = trees({ conf: "listen_addresses = '*'\nshared_buffers = 2GB\nwork_mem = 4MB\n" });
    const r = await cliInProcess(['diff', t.base, t.head, '--pg-version', '17']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^db \(PostgreSQL 17\)$/m);
    // One line for both TCP transports the record newly admits (JSON has one object per transport).
    expect(r.stdout).toContain('Now accepted: any user (all) to any database (all) from 0.0.0.0/0, over TCP without SSL or with GSS encryption, with md5 (db/pg_hba.conf:2) — was: refused by reject (db/pg_hba.conf:2)');
    expect(r.stdout).toContain('shared_buffers: 1GB → 2GB (restart needed) (db/postgresql.conf:2)');
  });

  test('cosmetic edits (comments, spacing, netmask for CIDR, quoting) change nothing', async () => {
    const t = trees({
      hba: '# who may connect\nlocal   all   all   peer\nhost "all" all 0.0.0.0 0.0.0.0 reject   # nobody else\n',
      conf: "listen_addresses='*'   # all\nshared_buffers = '1GB'\nwork_mem = 4096kB\n",
    });
    const r = await cliInProcess(['diff', t.base, t.head, '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as JsonDiff).clusters).toEqual([]);
    const text = await cliInProcess(['diff', t.base, t.head]);
    expect(text.stdout).toBe('No access or settings changes.\n');
  });

  test('two files of the same name compare as one-file trees; different names are a usage error', async () => {
    const t = trees();
    const r = await cliInProcess(['diff', join(t.base, 'db/pg_hba.conf'), join(t.head, 'db/pg_hba.conf'), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as JsonDiff;
    expect(out.clusters.map((c) => c.cluster)).toEqual(['.']);
    // Without a postgresql.conf, listen_addresses is its default (localhost): loopback clients only.
    expect(out.clusters[0]!.access.map((a) => a.after?.file)).toEqual(out.clusters[0]!.access.map(() => 'pg_hba.conf'));
    const bad = await cliInProcess(['diff', join(t.base, 'db/pg_hba.conf'), join(t.head, 'db/postgresql.conf')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('must have the same name');
  });

  test('a cluster in one tree only is added or removed', async () => {
    const dir = makeTree({ 'base/old/pg_hba.conf': HBA_BASE, 'head/new/pg_hba.conf': HBA_HEAD });
    const r = await cliInProcess(['diff', join(dir, 'base'), join(dir, 'head'), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { clusters: { cluster: string; status?: string }[] };
    expect(out.clusters.map((c) => [c.cluster, c.status])).toEqual([
      ['new', 'added'],
      ['old', 'removed'],
    ]);
  });

  test.each([
    [['diff'], 'diff needs BASE and HEAD'],
    [['diff', 'only-one'], 'diff needs BASE and HEAD'],
    [['diff', 'a', 'b', '--format', 'sarif'], 'diff --format must be text, json or markdown'],
    [['diff', 'a', 'b', '--rule', 'hba-md5=off'], 'diff takes no --rule'],
    [['check', '.', '--base', 'HEAD'], '--base and --fail-on-access-widening apply to diff only'],
    [['diff', '/nonexistent-pgconf-lint-a', '/nonexistent-pgconf-lint-b'], 'No such file or directory'],
  ])('%j is a usage error: one line, exit 2', async (argv, message) => {
    const r = await cliInProcess(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });
});

describe('pgconf-lint diff on a carrier (Patroni YAML)', () => {
  test('a Patroni file is its own cluster, named by its file; changes point at its lines', async () => {
    const yml = (method: string, buffers: string): string =>
      ['scope: orders', 'bootstrap:', '  dcs:', '    postgresql:', '      parameters:', `        shared_buffers: ${buffers}`, 'postgresql:', '  listen: 0.0.0.0:5432', '  data_dir: /var/lib/postgresql/16/main', '  pg_hba:', '    - local all all peer', `    - host all all 10.0.0.0/8 ${method}`, ''].join('\n');
    const dir = makeTree({ 'base/db/patroni.yml': yml('scram-sha-256', '1GB'), 'head/db/patroni.yml': yml('md5', '2GB') });
    const r = await cliInProcess(['diff', join(dir, 'base'), join(dir, 'head'), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as JsonDiff;
    expect(out.clusters.map((c) => [c.cluster, c.pgVersion])).toEqual([['db/patroni.yml', 16]]);
    const [c] = out.clusters;
    expect(c!.access.length).toBeGreaterThan(0);
    for (const a of c!.access) {
      expect(a.change).toBe('widened');
      expect(a.before).toEqual({ method: 'scram-sha-256', options: [], file: 'db/patroni.yml', line: 12 });
      expect(a.after).toEqual({ method: 'md5', options: [], file: 'db/patroni.yml', line: 12 });
    }
    expect(c!.settings.map((x) => [x.name, x.restart, x.file, x.line])).toEqual([['shared_buffers', true, 'db/patroni.yml', 6]]);
  });

  test("a compose file's image-default record is placed at the image line in the base and at the variable in the head", async () => {
    const compose = (extra: string): string => ['services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: x', extra, ''].join('\n');
    const dir = makeTree({ 'base/docker-compose.yml': compose(''), 'head/docker-compose.yml': compose('      POSTGRES_HOST_AUTH_METHOD: trust') });
    const r = await cliInProcess(['diff', join(dir, 'base'), join(dir, 'head'), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as JsonDiff;
    expect(out.clusters.map((c) => c.cluster)).toEqual(['docker-compose.yml']);
    const access = out.clusters[0]!.access;
    expect(access.length).toBeGreaterThan(0);
    for (const a of access) {
      // The entrypoint appends `host all all all <method>`: scram-sha-256 by default (written for the image), trust when the variable says so.
      expect(a.before).toEqual({ method: 'scram-sha-256', options: [], file: 'docker-compose.yml', line: 3 });
      expect(a.after).toEqual({ method: 'trust', options: [], file: 'docker-compose.yml', line: 6 });
      expect(a.change).toBe('widened');
    }
  });
});

describe('pgconf-lint diff --base REF', () => {
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });

  function repo(): string {
    const dir = makeTree({ 'clusters/db/pg_hba.conf': HBA_BASE, 'clusters/db/postgresql.conf': CONF_BASE, 'README.md': 'x\n' });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    writeFileSync(join(dir, 'clusters/db/pg_hba.conf'), HBA_HEAD);
    return dir;
  }

  test('compares the revision with the work tree, paths relative to the repository root from any directory', async () => {
    const dir = repo();
    mkdirSync(join(dir, 'clusters/db/sub'));
    for (const [cwd, path] of [
      [dir, []],
      [join(dir, 'clusters'), ['db']],
      // A directory the revision does not have (git keeps no empty directory).
      [join(dir, 'clusters/db/sub'), ['..']],
    ] as const) {
      const r = await cliInProcess(['diff', '--base', 'HEAD', ...path, '--format', 'json'], cwd);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as JsonDiff;
      expect(out.clusters.map((c) => c.cluster)).toEqual(['clusters/db']);
      expect(out.clusters[0]!.access.every((a) => a.after?.file === 'clusters/db/pg_hba.conf' && a.change === 'widened')).toBe(true);
    }
  });

  test('an unknown revision, or no repository, is one line and exit 2', async () => {
    const dir = repo();
    const r = await cliInProcess(['diff', '--base', 'no-such-branch'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--base no-such-branch');
    const outside = makeTree({ 'pg_hba.conf': HBA_BASE });
    const r2 = await cliInProcess(['diff', '--base', 'HEAD'], outside);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('not a git repository');
  });

  test('the built bundle runs it end to end (node dist/cli.cjs)', () => {
    const dir = repo();
    const r = spawnSync(process.execPath, [join(process.cwd(), 'dist/cli.cjs'), 'diff', '--base', 'HEAD', '--format', 'markdown', '--fail-on-access-widening'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Access changes');
    expect(r.stdout).toContain('clusters/db/pg\\_hba.conf'); // markdown escapes the underscore
  });
});
