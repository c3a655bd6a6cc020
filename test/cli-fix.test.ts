// The CLI's --fix, --unsafe-fixes and --diff with the real rules' fixes, on real files; the fixed
// files are judged by a real PostgreSQL 16 (`postgres -C`, pg_hba_file_rules).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { hbaFileRules, initCluster, type PgCluster } from '../scripts/lib/postgres.mjs';
import { cliInProcess } from './support/cli-in-process.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';

afterAll(cleanupFixtures);

// Safe fixes: units written in the wrong case (invalid-value), settings renamed where the value
// converts exactly (removed-setting). Unsafe: md5 → scram-sha-256 (hba-md5, password-encryption-md5),
// the did-you-mean name (unknown-setting).
const CONF =
  '# production\r\n' +
  'shared_buffers = 128mb\t# a quarter of RAM  \r\n' +
  'checkpoint_timeout = 5Min\r\n' +
  'wal_keep_segments = 64\r\n' +
  'force_parallel_mode = off\r\n' +
  'password_encryption = md5\r\n' +
  'work_mem = 4MB';
const SAFE_FIXED =
  '# production\r\n' +
  'shared_buffers = 128MB\t# a quarter of RAM  \r\n' +
  'checkpoint_timeout = 5min\r\n' +
  'wal_keep_size = 1GB\r\n' +
  'debug_parallel_query = off\r\n' +
  'password_encryption = md5\r\n' +
  'work_mem = 4MB';
const HBA = 'local all all peer\nhost all all 10.0.0.0/8 md5 # office\n';

const tree = (): string => makeTree({ 'db/postgresql.conf': CONF, 'db/pg_hba.conf': HBA });
const conf = (dir: string): string => readFileSync(join(dir, 'db/postgresql.conf'), 'utf8');

let pg16: PgCluster;
beforeAll(async () => {
  pg16 = await initCluster(16);
  await pg16.start();
}, 300_000);
afterAll(async () => {
  await pg16?.cleanup();
});

/** Runs the CLI with `text` as its standard input. */
async function withStdin(text: string, argv: string[], dir: string): ReturnType<typeof cliInProcess> {
  const saved = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from(text)]), configurable: true });
  try {
    return await cliInProcess(argv, dir);
  } finally {
    Object.defineProperty(process, 'stdin', saved);
  }
}

/** `postgres -C` on the file: every name's value, or the server's complaint. */
async function accepted(text: string, names: string[]): Promise<string[]> {
  const results = await pg16.runC({ text }, names);
  return results.map((r) => (r.rc === 0 ? r.stdout.trim() : `rc ${r.rc}: ${r.stderr}`));
}

describe('--fix', () => {
  test('applies the safe fixes, keeps every other byte, reports what remains; PostgreSQL 16 accepts the file', async () => {
    const dir = tree();
    // Before: PostgreSQL 16 refuses the file (8mb-style units, removed settings).
    expect((await pg16.runC({ text: CONF }, ['shared_buffers']))[0]!.rc).toBe(1);
    const r = await cliInProcess(['--fix', '--pg-version', '16', 'db'], dir);
    expect(conf(dir)).toBe(SAFE_FIXED);
    expect(readFileSync(join(dir, 'db/pg_hba.conf'), 'utf8')).toBe(HBA);
    // What remains (md5 in postgresql.conf and pg_hba.conf: warnings) is below --fail-on error. ssl is
    // off, but the server listens only on localhost (the default): no ssl-disabled finding.
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nFixed 4 problems \(2 remaining\)\.\n$/);
    expect(r.stdout).toContain('password-encryption-md5');
    expect(r.stdout).not.toContain('invalid-value');
    expect(r.stderr).toBe('');
    expect(await accepted(conf(dir), ['shared_buffers', 'checkpoint_timeout', 'wal_keep_size', 'debug_parallel_query', 'work_mem'])).toEqual(['16384', '300', '1024', 'off', '4096']);
    // A second run has nothing left to fix.
    expect((await cliInProcess(['--diff', '--pg-version', '16', 'db'], dir)).code).toBe(0);
  });

  test('--unsafe-fixes applies the unsafe ones too; PostgreSQL 16 accepts postgresql.conf and pg_hba.conf', async () => {
    const dir = tree();
    const r = await cliInProcess(['--unsafe-fixes', '--pg-version', '16', '--format', 'json', 'db'], dir);
    const fixedConf = conf(dir);
    expect(fixedConf).toContain('wal_keep_size = 1GB\r\n');
    expect(fixedConf).toMatch(/password_encryption = '?scram-sha-256'?\r\n/);
    const hba = readFileSync(join(dir, 'db/pg_hba.conf'), 'utf8');
    expect(hba).toBe('local all all peer\nhost all all 10.0.0.0/8 scram-sha-256 # office\n');
    const report = JSON.parse(r.stdout) as { version: number; fixed: number; diagnostics: { rule: string }[] };
    expect(report.version).toBe(1);
    expect(report.fixed).toBe(6);
    expect(report.diagnostics.map((d) => d.rule)).not.toContain('hba-md5');
    expect(await accepted(fixedConf, ['password_encryption', 'shared_buffers'])).toEqual(['scram-sha-256', '16384']);
    const rows = await hbaFileRules(pg16, hba);
    expect(rows.map((row) => [row.auth_method, row.error])).toEqual([
      ['peer', null],
      ['scram-sha-256', null],
    ]);
  });

  test('--format sarif: the report on stdout, the fixed count on stderr', async () => {
    const dir = tree();
    const r = await cliInProcess(['--fix', '--pg-version', '16', '--format', 'sarif', 'db'], dir);
    expect(r.stderr).toBe('Fixed 4 problems (2 remaining).\n');
    const sarif = JSON.parse(r.stdout) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.results.map((x) => x.ruleId)).not.toContain('invalid-value');
    expect(conf(dir)).toBe(SAFE_FIXED);
  });

  test('standard input is never written: the fixed text goes to stdout, the report to stderr', async () => {
    const dir = tree();
    const r = await withStdin(CONF, ['--fix', '--pg-version', '16', '-', '--stdin-filename', 'db/postgresql.conf'], dir);
    expect(r.stdout).toBe(SAFE_FIXED);
    expect(r.stderr).toContain('password-encryption-md5');
    expect(r.stderr).toMatch(/Fixed 4 problems/);
    expect(conf(dir)).toBe(CONF);
  });

  test('a symlinked file is not fixed: one line on stderr, exit 2, the target unchanged', async () => {
    const dir = makeTree({ 'real.conf': 'shared_buffers = 128mb\n', 'db/pg_hba.conf': HBA });
    symlinkSync(join(dir, 'real.conf'), join(dir, 'db/postgresql.conf'));
    const r = await cliInProcess(['--fix', '--pg-version', '16', 'db'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pgconf-lint: not fixing db/postgresql.conf: a symbolic link; fixes are never written through a link\n');
    expect(readFileSync(join(dir, 'real.conf'), 'utf8')).toBe('shared_buffers = 128mb\n');
    expect(r.stdout).toContain('invalid-value');
  });

  test('a FIFO where postgresql.conf should be: nothing blocks, the FIFO stays, the other files are fixed', async () => {
    const dir = makeTree({ 'db/pg_hba.conf': HBA });
    execFileSync('mkfifo', [join(dir, 'db/postgresql.conf')]);
    const r = await cliInProcess(['--unsafe-fixes', '--pg-version', '16', 'db'], dir);
    expect(r.stdout).toContain('unreadable-file');
    expect(r.stdout).toMatch(/Fixed 1 problem \(\d+ remaining\)\.\n$/);
    expect(lstatSync(join(dir, 'db/postgresql.conf')).isFIFO()).toBe(true);
    expect(readFileSync(join(dir, 'db/pg_hba.conf'), 'utf8')).toBe('local all all peer\nhost all all 10.0.0.0/8 scram-sha-256 # office\n');
  });

  test('a read-only file is not fixed and keeps its mode', async () => {
    const dir = tree();
    chmodSync(join(dir, 'db/postgresql.conf'), 0o444);
    const r = await cliInProcess(['--fix', '--pg-version', '16', 'db'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pgconf-lint: not fixing db/postgresql.conf: it is read-only (no write permission bit); pgconf-lint does not change permissions\n');
    expect(conf(dir)).toBe(CONF);
    expect(statSync(join(dir, 'db/postgresql.conf')).mode & 0o777).toBe(0o444);
  });
});

describe.each([12, 18])('the target major decides the fixes, and PostgreSQL %i accepts the result', (major) => {
  let pg: PgCluster;
  beforeAll(async () => {
    pg = await initCluster(major);
  }, 300_000);
  afterAll(async () => {
    await pg?.cleanup();
  });

  test('--unsafe-fixes', async () => {
    const dir = tree();
    // Before: the server refuses the file (8mb-style units; on 18 the removed settings too).
    expect((await pg.runC({ text: CONF }, ['shared_buffers']))[0]!.rc).toBe(1);
    const r = await cliInProcess(['--unsafe-fixes', '--pg-version', String(major), 'db'], dir);
    expect(r.stderr).toBe('');
    const fixed = conf(dir);
    // wal_keep_segments and force_parallel_mode are still PostgreSQL 12's names.
    expect(fixed.includes('wal_keep_segments = 64')).toBe(major === 12);
    expect(fixed.includes('force_parallel_mode = off')).toBe(major === 12);
    const [res] = await pg.runC({ text: fixed }, ['shared_buffers']);
    expect([res!.rc, res!.stderr]).toEqual([0, '']);
    expect(res!.stdout).toBe('16384\n');
  });
});

describe('--diff', () => {
  test('prints the diff of --fix, writes nothing, exits 1; the summary goes to stderr', async () => {
    const dir = tree();
    const r = await cliInProcess(['--diff', '--pg-version', '16', 'db'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith('--- a/db/postgresql.conf\n+++ b/db/postgresql.conf\n@@ -1,7 +1,7 @@\n # production\r\n-shared_buffers = 128mb')).toBe(true);
    expect(r.stdout).not.toContain('pg_hba.conf');
    expect(r.stderr).toBe('Would fix 4 problems.\n');
    expect(conf(dir)).toBe(CONF);
    expect(readdirSync(join(dir, 'db')).sort()).toEqual(['pg_hba.conf', 'postgresql.conf']);
    const unsafe = await cliInProcess(['--diff', '--unsafe-fixes', '--pg-version', '16', 'db'], dir);
    expect(unsafe.stdout).toContain('--- a/db/pg_hba.conf\n+++ b/db/pg_hba.conf\n@@ -1,2 +1,2 @@\n local all all peer\n-host all all 10.0.0.0/8 md5 # office\n+host all all 10.0.0.0/8 scram-sha-256 # office\n');
  });

  test('standard input, and --fix with --diff: a diff, nothing written', async () => {
    const dir = tree();
    const r = await withStdin('work_mem = 8mb\n', ['--fix', '--diff', '--pg-version', '16', '-', '--stdin-filename', 'db/postgresql.conf'], dir);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '--- a/db/postgresql.conf\n+++ b/db/postgresql.conf\n@@ -1 +1 @@\n-work_mem = 8mb\n+work_mem = 8MB\n', 'Would fix 1 problem.\n']);
    expect(conf(dir)).toBe(CONF);
  });

  test('nothing to fix: no output, exit 0', async () => {
    const dir = makeTree({ 'db/postgresql.conf': 'shared_buffers = 128MB\n' });
    const r = await cliInProcess(['--diff', '--pg-version', '16', 'db'], dir);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', 'Nothing to fix.\n']);
  });

  test('usage errors', async () => {
    const dir = tree();
    expect(await cliInProcess(['--diff', '--format', 'json', 'db'], dir)).toMatchObject({ code: 2, stderr: 'pgconf-lint: --diff prints a unified diff; it takes no --format\n' });
    expect(await cliInProcess(['settings', '--fix', 'db'], dir)).toMatchObject({ code: 2, stderr: 'pgconf-lint: --fix, --unsafe-fixes and --diff apply to check only\n' });
    // A path that does not exist: exit 2 before anything is fixed, also in the paths that do.
    expect(await cliInProcess(['--fix', 'db', 'missing'], dir)).toMatchObject({ code: 2, stdout: '' });
    expect(conf(dir)).toBe(CONF);
  });
});
