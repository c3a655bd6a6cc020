// dist/cli.cjs compiles the bundle (dist/cli-main.cjs) with V8's code cache, kept in one file per build
// and Node version in os.tmpdir()/node-compile-cache (or NODE_COMPILE_CACHE), only when that is a real
// directory of this user's that it could make or find, never through a link, and never in a way that
// can hang (Node's recursive mkdir spins forever under /proc). scripts/cli-stub.mjs is the stub.
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { REPO_ROOT } from './support/action-run.js';

const CLI = join(REPO_ROOT, 'dist', 'cli.cjs');
const work = mkdtempSync(join(tmpdir(), 'pgconf-lint-compile-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const project = join(work, 'project');
mkdirSync(project);
writeFileSync(join(project, 'postgresql.conf'), "shared_buffers = 128MB\nshared_buffers = 256MB\nfsync = off\nwork_mem = '4MB\n");
const CACHE_FILE = /^pgconf-lint-[0-9a-f]{16}-v\d+\.\d+\.\d+-[a-z0-9]+(?:-[a-z]+-[a-z]+)?\.bin$/;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `pgconf-lint check --pg-version 16 postgresql.conf` (or `args`) with TMPDIR set. */
function run(tmp: string, env: Record<string, string> = {}, args = ['check', '--pg-version', '16', 'postgresql.conf'], cwd = project): Run {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NODE_COMPILE_CACHE') && k !== 'NODE_DISABLE_COMPILE_CACHE' && k !== 'NODE_OPTIONS'));
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...base, TMPDIR: tmp, NO_COLOR: '1', ...env }, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The cache files in `dir` (none when it does not exist). */
function cacheFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => CACHE_FILE.test(f)) : [];
}

/** What a run without any cache prints: every run, cached or not, must print the same. */
const expected = run(join(work, 'none'), { NODE_DISABLE_COMPILE_CACHE: '1' });

describe("dist/cli.cjs and V8's code cache", () => {
  test('the reference run fails on the syntax error and reports every finding', () => {
    expect(expected.status).toBe(1);
    expect(expected.stdout).toMatch(/syntax-error/);
    expect(expected.stdout).toMatch(/duplicate-setting/);
    expect(expected.stdout).toMatch(/fsync-off/);
    expect(existsSync(join(work, 'none'))).toBe(false);
  });

  test('the first run makes the directory (0700) and writes the cache (0600); the next run uses it as it is', () => {
    const tmp = join(work, 'fresh');
    mkdirSync(tmp);
    expect(run(tmp)).toEqual(expected);
    const dir = join(tmp, 'node-compile-cache');
    expect(lstatSync(dir).mode & 0o777).toBe(0o700);
    const files = cacheFiles(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toContain(`-${process.version}-${process.arch}.bin`);
    const file = join(dir, files[0]!);
    const before = statSync(file);
    expect(before.mode & 0o777).toBe(0o600);
    expect(before.size).toBeGreaterThan(10_000);
    // Accepted by V8: not written again.
    expect(run(tmp)).toEqual(expected);
    const after = statSync(file);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);
    expect(readdirSync(dir)).toEqual(files); // no temporary file left behind
  });

  test('a cache V8 rejects (garbage of any size) is written again, and the run is the same', () => {
    const tmp = join(work, 'garbage');
    mkdirSync(tmp);
    run(tmp);
    const dir = join(tmp, 'node-compile-cache');
    const file = join(dir, cacheFiles(dir)[0]!);
    const size = statSync(file).size;
    for (const junk of [Buffer.alloc(size, 0x41), Buffer.from('not a cache'), readFileSync(file).subarray(0, size >> 1)]) {
      writeFileSync(file, junk);
      expect(run(tmp)).toEqual(expected);
      expect(readFileSync(file).equals(junk)).toBe(false);
      expect(statSync(file).size).toBeGreaterThan(10_000);
    }
  });

  test('a run of a kind the cache does not hold adds its code once; the first line names the kinds of run', () => {
    const tmp = join(work, 'kinds');
    const repo = join(work, 'kinds-project');
    mkdirSync(tmp);
    mkdirSync(repo);
    writeFileSync(join(repo, 'postgresql.conf'), 'fsync = off\n');
    const check = ['check', '--pg-version', '16', '.'];
    expect(run(tmp, {}, check, repo).stdout).toMatch(/fsync-off/);
    const dir = join(tmp, 'node-compile-cache');
    expect(cacheFiles(dir)).toHaveLength(1);
    const file = join(dir, cacheFiles(dir)[0]!);
    const head = (f: string): string[] => readFileSync(f, 'latin1').split('\n', 1)[0]!.replace(/^pgconf-lint code cache 1:/, '').split(',');
    expect(head(file)).toEqual(expect.arrayContaining(['check', 'format:text', 'kind:postgresql.conf', 'findings']));
    expect(head(file)).not.toContain('kind:pg_hba.conf');
    const first = statSync(file);
    // A pg_hba.conf is a kind of file the cache's runs did not read: its code joins the cache (a new file).
    writeFileSync(join(repo, 'pg_hba.conf'), 'host all all 0.0.0.0/0 trust\n');
    const withHba = run(tmp, {}, check, repo);
    expect(withHba.stdout).toMatch(/hba-trust-remote|hba-open-to-world/);
    const second = statSync(file);
    expect(second.ino).not.toBe(first.ino);
    expect(second.size).toBeGreaterThan(first.size);
    expect(head(file)).toEqual(expect.arrayContaining(['check', 'format:text', 'kind:postgresql.conf', 'kind:pg_hba.conf']));
    // Held now: the same run neither writes it again nor prints anything else.
    expect(run(tmp, {}, check, repo)).toEqual(withHba);
    const third = statSync(file);
    expect([third.ino, third.mtimeMs, third.size]).toEqual([second.ino, second.mtimeMs, second.size]);
    // Another format is another kind of run: a file of its own, the text one left as it is.
    const json = run(tmp, {}, ['check', '--pg-version', '16', '--format', 'json', '.'], repo);
    expect((JSON.parse(json.stdout) as { diagnostics: { rule: string }[] }).diagnostics.map((d) => d.rule)).toContain('fsync-off');
    expect(cacheFiles(dir).sort()).toEqual([basename(file), basename(file).replace(/\.bin$/, '-check-json.bin')].sort());
    expect(head(join(dir, basename(file).replace(/\.bin$/, '-check-json.bin')))).toContain('format:json');
    expect(statSync(file).mtimeMs).toBe(third.mtimeMs);
    expect(readdirSync(dir).sort()).toEqual(cacheFiles(dir).sort()); // no temporary file left behind
  });

  test("a check's cache holds no rule documentation and no profile catalog; the runs that read them cache them", () => {
    // V8 keeps a one-byte string literal of compiled code as its bytes, so a text is in the cache
    // exactly when code that holds it was compiled (issue 19: a check deserialises the whole file).
    const tmp = join(work, 'lazy-data');
    mkdirSync(tmp);
    const dir = join(tmp, 'node-compile-cache');
    // The cache file of a kind of run: `…-x64.bin` for a check in text, `…-x64-rules-text.bin` for `rules`.
    const cached = (kind = ''): string => readFileSync(join(dir, cacheFiles(dir).find((f) => f.endsWith(`-${process.arch}${kind}.bin`))!), 'latin1');
    const help = 'Remove one of the two assignments so the file says what the server uses.'; // duplicate-setting's check
    const docs = 'A parameter set again later, so this assignment has no effect'; // duplicate-setting's docs
    const stigTitle = 'DISA STIG for PostgreSQL (MITRE/Crunchy Data InSpec baseline)'; // the STIG catalog
    const cisControl = 'Ensure miscellaneous configuration settings are correct'; // a control of the CIS catalog
    expect(run(tmp)).toEqual(expected);
    const check = cached();
    expect(check).toContain(help);
    for (const text of [docs, stigTitle, cisControl]) expect(check).not.toContain(text);
    // `rules` reads every rule's docs, and `rules --profile` a catalog: their own cache files hold them.
    expect(run(tmp, {}, ['rules']).stdout).toContain(docs);
    expect(cached('-rules-text')).toContain(docs);
    const listing = run(tmp, {}, ['rules', '--profile', 'stig', '--format', 'json']);
    expect(listing.status).toBe(0);
    expect(cached('-rules-json')).toContain(stigTitle);
  });

  test('a first line planted with junk among the kinds: the junk is dropped, the run is the same', () => {
    const tmp = join(work, 'junk-kinds');
    mkdirSync(tmp);
    run(tmp);
    const dir = join(tmp, 'node-compile-cache');
    const file = join(dir, cacheFiles(dir)[0]!);
    const bytes = readFileSync(file);
    const data = bytes.subarray(bytes.indexOf(10) + 1);
    // Every kind this run does is claimed, next to junk; the data is V8's, still valid.
    const junk = ['../../etc/passwd', 'UPPER', 'x'.repeat(65), 'a b', '', '\r'];
    writeFileSync(file, Buffer.concat([Buffer.from(`pgconf-lint code cache 1:${[...junk, 'check', 'format:text', 'kind:postgresql.conf', 'findings', 'fixes'].join(',')}\n`, 'latin1'), data]));
    const before = statSync(file);
    expect(run(tmp)).toEqual(expected);
    // Accepted: nothing to add, so the file is left as it is.
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    // A kind it does not hold (a pg_hba.conf) makes it write again, with only the well-formed kinds.
    const other = join(work, 'junk-kinds-project');
    mkdirSync(other);
    writeFileSync(join(other, 'postgresql.conf'), 'fsync = off\n');
    writeFileSync(join(other, 'pg_hba.conf'), 'local all all peer\n');
    expect(run(tmp, {}, ['check', '--pg-version', '16', '.'], other).stdout).toMatch(/fsync-off/);
    const kinds = readFileSync(file, 'latin1').split('\n', 1)[0]!.replace(/^pgconf-lint code cache 1:/, '').split(',');
    expect(statSync(file).mtimeMs).not.toBe(before.mtimeMs);
    expect(kinds).toEqual(expect.arrayContaining(['check', 'format:text', 'kind:postgresql.conf', 'findings', 'fixes', 'kind:pg_hba.conf']));
    for (const k of kinds) expect(k).toMatch(/^[a-z0-9:._-]{1,64}$/);
  });

  test('--version and --help write no cache', () => {
    const tmp = join(work, 'version');
    mkdirSync(tmp);
    expect(run(tmp, {}, ['--version']).status).toBe(0);
    expect(run(tmp, {}, ['--help']).status).toBe(0);
    expect(cacheFiles(join(tmp, 'node-compile-cache'))).toEqual([]);
  });

  test('a link planted where the directory goes turns the cache off (nothing is written through it)', () => {
    const tmp = join(work, 'planted');
    const elsewhere = join(work, 'elsewhere');
    mkdirSync(tmp);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(tmp, 'node-compile-cache'));
    expect(run(tmp)).toEqual(expected);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  test('a link planted where the cache file goes is neither read nor written through', () => {
    const tmp = join(work, 'file-link');
    mkdirSync(tmp);
    run(tmp);
    const dir = join(tmp, 'node-compile-cache');
    const name = cacheFiles(dir)[0]!;
    const target = join(work, 'file-link-target');
    writeFileSync(target, 'precious');
    rmSync(join(dir, name));
    symlinkSync(target, join(dir, name));
    expect(run(tmp)).toEqual(expected);
    expect(readFileSync(target, 'utf8')).toBe('precious');
    // The link was replaced by a cache file of its own.
    expect(lstatSync(join(dir, name)).isFile()).toBe(true);
  });

  test('a file where the directory goes turns the cache off', () => {
    const tmp = join(work, 'file');
    mkdirSync(tmp);
    writeFileSync(join(tmp, 'node-compile-cache'), 'x');
    expect(run(tmp)).toEqual(expected);
    expect(readFileSync(join(tmp, 'node-compile-cache'), 'utf8')).toBe('x');
  });

  test('a temporary directory under /proc, or one that does not exist, neither hangs the CLI nor breaks the run', () => {
    for (const tmp of ['/proc/pgconf-lint-nonexistent', join(work, 'missing', 'deeper')]) {
      expect(run(tmp)).toEqual(expected);
    }
    expect(existsSync(join(work, 'missing'))).toBe(false);
  });

  test('NODE_DISABLE_COMPILE_CACHE turns it off; NODE_COMPILE_CACHE names the directory', () => {
    const tmp = join(work, 'env');
    mkdirSync(tmp);
    expect(run(tmp, { NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual(expected);
    expect(existsSync(join(tmp, 'node-compile-cache'))).toBe(false);
    const own = join(work, 'own-cache');
    expect(run(tmp, { NODE_COMPILE_CACHE: own })).toEqual(expected);
    expect(cacheFiles(own)).toHaveLength(1);
    expect(lstatSync(own).mode & 0o777).toBe(0o700);
    expect(existsSync(join(tmp, 'node-compile-cache'))).toBe(false);
  });
});
