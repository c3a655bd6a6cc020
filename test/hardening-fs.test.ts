/**
 * Attacks on what pgconf-lint reads, performed against the real CLI (dist/cli.cjs) and Action
 * (dist/action.js): includes and @file references into .git/ (where actions/checkout leaves the
 * job's token), a config file that is a symlink out of the root, a FIFO or /dev/zero, symlink loops
 * in the directory walk, a configuration deeper than the walk goes, an empty checkout, and a YAML
 * alias bomb. Hangs are caught by child-process timeouts (a killed child fails the test), never by
 * measuring time.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from './support/lint.js';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { discover, MAX_WALK_DEPTH } from '../src/resolve/discover.js';
import { nodeHost, type Host } from '../src/resolve/host.js';
import { confinement, listDirectory, readRegularFile } from '../src/resolve/safe-read.js';
import { RULES } from '../rules/index.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const REPO = join(new URL('.', import.meta.url).pathname, '..');
/** PGCONF_LINT_DIST: run the attacks against another build (e.g. one from before the fix, to see them fail). */
const DIST = process.env.PGCONF_LINT_DIST ?? join(REPO, 'dist');
// The bin: dist/cli.cjs (dist/cli.js in builds before it became a CommonJS stub).
const CLI = existsSync(join(DIST, 'cli.cjs')) ? join(DIST, 'cli.cjs') : join(DIST, 'cli.js');
const ACTION = join(DIST, 'action.js');

/** What actions/checkout leaves in .git/config (persist-credentials: true, the default). */
const TOKEN_B64 = 'eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA==';
const GIT_CONFIG = [
  '[core]',
  '\trepositoryformatversion = 0',
  '[remote "origin"]',
  '\turl = https://git.example.invalid/acme-private/dbconf',
  '[http "https://github.com/"]',
  `\textraheader = AUTHORIZATION: basic ${TOKEN_B64}`,
  '',
].join('\n');
/** Any of these in any output means the file was read and quoted. */
const LEAKS = [TOKEN_B64, 'eC1hY2Nlc3MtdG9rZW46', 'AUTHORIZATION', 'extraheader', 'repositoryformatversion', 'acme-private'];

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; a child that blocks (FIFO) or loops is killed at the timeout, which fails the test. */
function cli(args: string[], cwd: string, timeout = 60_000): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Exit 2 with one line on stderr, nothing on stdout, no stack trace, not killed. */
function expectUsageError(r: Run, message: RegExp): void {
  expect({ signal: r.signal, code: r.code, stdout: r.stdout }).toEqual({ signal: null, code: 2, stdout: '' });
  expect(r.stderr).toMatch(/^pgconf-lint: /);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
}

function expectNoLeak(text: string): void {
  for (const s of LEAKS) expect(text).not.toContain(s);
}

const FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;

interface JsonDiag {
  rule: string;
  severity: string;
  message: string;
  file: string;
  line: number;
}

/** Every output format, the settings and hba views, and --output files: none may carry the token. */
function everyOutput(dir: string, paths: string[], extra: string[] = []): { json: { diagnostics: JsonDiag[]; files: { path: string }[] }; all: string } {
  let all = '';
  let json: { diagnostics: JsonDiag[]; files: { path: string }[] } | undefined;
  for (const f of FORMATS) {
    const r = cli([...paths, '--format', f, '--fail-on', 'never', ...extra], dir);
    expect({ format: f, signal: r.signal, code: r.code }).toEqual({ format: f, signal: null, code: 0 });
    all += r.stdout + r.stderr;
    if (f === 'json') json = JSON.parse(r.stdout) as typeof json;
  }
  const out = join(dir, 'report.sarif');
  const s = cli([...paths, '--format', 'sarif', '--output', out, '--fail-on', 'never', ...extra], dir);
  expect(s.code).toBe(0);
  all += readFileSync(out, 'utf8');
  for (const view of ['settings', 'hba']) {
    const v = cli([view, ...paths, '--format', 'json', ...extra], dir);
    expect(v.signal).toBeNull();
    all += v.stdout + v.stderr;
  }
  return { json: json!, all };
}

describe('.git/ is never read as configuration', () => {
  test("include '../.git/config' (the job's token): a located error on the include line; the token reaches no output", () => {
    const dir = makeTree({
      '.git/config': GIT_CONFIG,
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/hooks/x.conf': 'work_mem = 1\n',
      'db/postgresql.conf': "include '../.git/config'\nwork_mem = 8MB\ninclude 'git.conf'\ninclude_dir 'conf.d'\ninclude_dir '../.git/hooks'\n",
    });
    // The same file through a symlink, and through a symlink listed by include_dir.
    symlinkSync('../.git/config', join(dir, 'db', 'git.conf'));
    mkdirSync(join(dir, 'db', 'conf.d'));
    symlinkSync('../../.git/config', join(dir, 'db', 'conf.d', 'git.conf'));
    const { json, all } = everyOutput(dir, ['.'], ['--pg-version', '16']);
    expectNoLeak(all);
    const on = (line: number) => json.diagnostics.filter((d) => d.file === 'db/postgresql.conf' && d.line === line);
    for (const line of [1, 3, 4, 5]) {
      expect(on(line)).toEqual([expect.objectContaining({ rule: 'missing-include', severity: 'error', message: expect.stringMatching(/\.git directory, which pgconf-lint never reads/) })]);
    }
    // Nothing was reported inside .git/: it was never opened.
    expect(json.diagnostics.filter((d) => d.file.includes('.git'))).toEqual([]);
    expect(json.files.map((f) => f.path)).toEqual(['db/postgresql.conf']);
  });

  test('@.git/config and include .git/config in pg_hba.conf, and pg_ident.conf as a symlink into .git/: located errors, no token anywhere', () => {
    const dir = makeTree({
      '.git/config': GIT_CONFIG,
      'pg_hba.conf': 'local all @.git/config trust\ninclude .git/config\nhost all all 10.0.0.0/8 scram-sha-256\ninclude_dir .git\n',
      'postgresql.conf': 'port = 5432\n',
    });
    symlinkSync('.git/config', join(dir, 'pg_ident.conf'));
    const { json, all } = everyOutput(dir, ['.'], ['--pg-version', '16']);
    expectNoLeak(all);
    const on = (file: string, line: number) => json.diagnostics.filter((d) => d.file === file && d.line === line);
    for (const line of [1, 2, 4]) {
      expect(on('pg_hba.conf', line)).toEqual([expect.objectContaining({ rule: 'hba-invalid-record', severity: 'error', message: expect.stringMatching(/\.git directory, which pgconf-lint never reads/) })]);
    }
    expect(on('pg_ident.conf', 1)).toEqual([expect.objectContaining({ rule: 'unreadable-file', message: expect.stringMatching(/\.git directory/) })]);
  });

  test('library: a path under .git/ is refused by the host before anything is opened, whatever the spelling', () => {
    const dir = makeTree({ '.git/config': GIT_CONFIG, 'sub/.git': 'gitdir: ../.git/modules/sub\n', 'db/postgresql.conf': '' });
    symlinkSync('..', join(dir, 'db', 'up'));
    const host = nodeHost({ cwd: dir });
    for (const p of ['.git/config', 'db/../.git/config', 'db/up/.git/config', 'sub/.git', '.git']) {
      expect(host.allowed(join(dir, p))).toBe(false);
      const r = host.read(join(dir, p));
      expect(r).toEqual({ ok: false, error: expect.stringMatching(/\.git directory/) });
    }
    expect(host.list(join(dir, '.git'))).toEqual({ ok: false, error: expect.stringMatching(/\.git directory/) });
    expect(host.read(join(dir, 'db', 'postgresql.conf')).ok).toBe(true);
  });

  test('.git/config named on the command line: exit 2 with the reason, nothing read', () => {
    const dir = makeTree({ '.git/config': GIT_CONFIG, 'postgresql.conf': 'port = 5432\n' });
    for (const p of ['.git/config', '.git']) {
      const r = cli([p, '--format', 'json'], dir);
      expectUsageError(r, /^pgconf-lint: \.git(\/config)?: inside the repository's \.git directory, which pgconf-lint never reads/);
      expectNoLeak(r.stderr);
    }
  });
});

describe('the descriptor is checked, not only the path', () => {
  // A path that passed its check and was swapped for a link out of the root before the open: the
  // confinement below skips the path check to stand for that race; the open descriptor must still
  // be refused. Linux only (/proc/self/fd); elsewhere the path check is all there is.
  const linux = process.platform === 'linux' && existsSync('/proc/self/fd');
  (linux ? test : test.skip)('a file or directory whose path check was raced is refused after the open', () => {
    const outside = makeTree({ 'secret.conf': 'SECRET_OUTSIDE\n', 'd/a.conf': '' });
    const dir = makeTree({ 'db/postgresql.conf': '', '.git/config': GIT_CONFIG });
    symlinkSync(join(outside, 'secret.conf'), join(dir, 'db', 'swapped.conf'));
    symlinkSync(join(outside, 'd'), join(dir, 'db', 'swapped.d'));
    symlinkSync('../.git/config', join(dir, 'db', 'git.conf'));
    const real = confinement(dir);
    const raced = { root: real.root, refusal: () => undefined, refusalOfReal: real.refusalOfReal };
    expect(readRegularFile(join(dir, 'db', 'swapped.conf'), { maxBytes: 1000, confine: raced })).toEqual({ ok: false, error: expect.stringMatching(/outside the checked root/) });
    expect(readRegularFile(join(dir, 'db', 'git.conf'), { maxBytes: 1000, confine: raced })).toEqual({ ok: false, error: expect.stringMatching(/\.git directory/) });
    expect(listDirectory(join(dir, 'db', 'swapped.d'), raced)).toEqual({ ok: false, error: expect.stringMatching(/outside the checked root/) });
    expect(readRegularFile(join(dir, 'db', 'postgresql.conf'), { maxBytes: 1000, confine: raced })).toEqual({ ok: true, bytes: Buffer.alloc(0) });
  });

  test('devices and FIFOs are not read, and never more than the limit + 1 bytes', () => {
    const dir = makeTree({ 'small.conf': 'x'.repeat(100) });
    execFileSync('mkfifo', [join(dir, 'fifo.conf')]);
    // Unconfined (an explicitly named file outside the root is read like this): still regular files only.
    expect(readRegularFile('/dev/zero', { maxBytes: 10 })).toEqual({ ok: false, error: 'not a regular file' });
    expect(readRegularFile(join(dir, 'fifo.conf'), { maxBytes: 10 })).toEqual({ ok: false, error: 'not a regular file' });
    expect(readRegularFile(dir, { maxBytes: 10 })).toEqual({ ok: false, error: 'Is a directory' });
    expect(readRegularFile(join(dir, 'small.conf'), { maxBytes: 99 })).toEqual({ ok: false, error: expect.stringMatching(/file is 100 bytes, larger than the limit of 99 bytes/) });
    expect(readRegularFile(join(dir, 'small.conf'), { maxBytes: 100 })).toMatchObject({ ok: true });
    // A file whose content is larger than fstat says (procfs reports size 0, like a file that grows
    // while it is read): the read still stops after limit + 1 bytes.
    if (existsSync('/proc/self/status')) {
      expect(readRegularFile('/proc/self/status', { maxBytes: 10 })).toEqual({ ok: false, error: expect.stringMatching(/^file is more than 10 bytes, larger than the limit of 10 bytes/) });
      expect(readRegularFile('/proc/self/status', { maxBytes: 1 << 20 })).toMatchObject({ ok: true, bytes: expect.objectContaining({ length: expect.any(Number) }) });
    }
  });
});

describe('the config file is read like every other file of the checkout', () => {
  const SECRET_KEY = 'first_secret_key_9f2c';

  test('.pgconf-lint.yml as a symlink to a file outside the root: one-line error, exit 2, nothing of the file echoed', () => {
    const outside = makeTree({ 'creds.yml': `${SECRET_KEY}: hunter2\n` });
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8MB\n' });
    symlinkSync(join(outside, 'creds.yml'), join(dir, '.pgconf-lint.yml'));
    for (const args of [['.'], ['.', '--config', '.pgconf-lint.yml']]) {
      const r = cli(args, dir);
      expectUsageError(r, /cannot read config .*\.pgconf-lint\.yml: outside the checked root/);
      expect(r.stderr).not.toContain(SECRET_KEY);
      expect(r.stderr).not.toContain('hunter2');
    }
  });

  test('.pgconf-lint.yml as a symlink into .git/: refused the same way', () => {
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8MB\n', '.git/config': GIT_CONFIG });
    symlinkSync('.git/config', join(dir, '.pgconf-lint.yml'));
    const r = cli(['.'], dir);
    expectUsageError(r, /cannot read config .*\.pgconf-lint\.yml: inside the repository's \.git directory/);
    expectNoLeak(r.stderr);
  });

  test('.pgconf-lint.yml as a FIFO: an error at once, not a hang', () => {
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8MB\n' });
    execFileSync('mkfifo', [join(dir, '.pgconf-lint.yml')]);
    expectUsageError(cli(['.'], dir, 30_000), /cannot read config .*\.pgconf-lint\.yml: not a regular file/);
  });

  test('.pgconf-lint.yml as a symlink to /dev/zero: an error at once, not an unbounded read', () => {
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8MB\n' });
    symlinkSync('/dev/zero', join(dir, '.pgconf-lint.yml'));
    expectUsageError(cli(['.'], dir, 30_000), /cannot read config .*\.pgconf-lint\.yml: outside the checked root/);
  });

  test('a dangling .pgconf-lint.yml is an error, not "no config"', () => {
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8MB\n' });
    symlinkSync('nowhere.yml', join(dir, '.pgconf-lint.yml'));
    expectUsageError(cli(['.'], dir), /cannot read config .*\.pgconf-lint\.yml: No such file or directory/);
  });

  test('a config named outside the root is the invoker\'s: read where it is, but still only a regular file', () => {
    const outside = makeTree({ 'ci.yml': 'rules:\n  invalid-value: off\n' });
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8mb\n' });
    expect(cli(['.'], dir).code).toBe(1);
    expect(cli(['.', '--config', join(outside, 'ci.yml')], dir)).toMatchObject({ code: 0, stderr: '' });
    execFileSync('mkfifo', [join(outside, 'fifo.yml')]);
    expectUsageError(cli(['.', '--config', join(outside, 'fifo.yml')], dir, 30_000), /not a regular file/);
    expectUsageError(cli(['.', '--config', '/dev/zero'], dir, 30_000), /cannot read config \/dev\/zero: not a regular file/);
  });

  test('a config larger than 1 MiB is refused with its size', () => {
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8MB\n', '.pgconf-lint.yml': `# ${'x'.repeat(1024 * 1024)}\n` });
    expectUsageError(cli(['.'], dir), /cannot read config .*\.pgconf-lint\.yml: file is 1048579 bytes, larger than the limit of 1048576 bytes/);
  });

  test('a YAML alias bomb ("billion laughs") is a located config error, not an internal error', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    let prev = 'a';
    for (const n of 'bcdefghi') {
      lines.push(`${n}: &${n} [${Array(9).fill('*' + prev).join(',')}]`);
      prev = n;
    }
    const bomb = lines.join('\n') + '\n';
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8MB\n', '.pgconf-lint.yml': bomb, 'early.yml': 'rules: *nope\n' });
    expectUsageError(cli(['.'], dir), /\.pgconf-lint\.yml:2:8: too many alias expansions/);
    expectUsageError(cli(['.', '--config', 'early.yml'], dir), /early\.yml:1:8: alias \*nope is used before its anchor/);
    expect(() => loadConfig(join(dir, '.pgconf-lint.yml'), RULES)).toThrow(ConfigError);
  });

  test('library: loadConfig confines a config inside the given root, and reads one named outside it', () => {
    const outside = makeTree({ 'x.yml': 'pgVersion: 16\n' });
    const dir = makeTree({});
    symlinkSync(join(outside, 'x.yml'), join(dir, 'link.yml'));
    expect(() => loadConfig(join(dir, 'link.yml'), RULES, { root: dir })).toThrow(/outside the checked root/);
    expect(loadConfig(join(outside, 'x.yml'), RULES, { root: dir }).config).toEqual({ pgVersion: 16 });
  });
});

describe('discovery ends, visits each directory once, and says why it found nothing', () => {
  test('db/self -> . and db/up -> .. : the walk ends, with one cluster', () => {
    const dir = makeTree({ 'db/postgresql.conf': 'work_mem = 8MB\n', 'db/pg_hba.conf': 'local all all peer\n' });
    symlinkSync('.', join(dir, 'db', 'self'));
    symlinkSync('..', join(dir, 'db', 'up'));
    const r = cli(['.', '--format', 'json'], dir, 60_000);
    expect({ signal: r.signal, code: r.code, stderr: r.stderr }).toEqual({ signal: null, code: 0, stderr: '' });
    const report = JSON.parse(r.stdout) as { files: { path: string }[] };
    expect(report.files.map((f) => f.path)).toEqual(['db/pg_hba.conf', 'db/postgresql.conf']);
    const found = discover(nodeHost({ cwd: dir }), ['.', 'db', 'db/self']);
    expect(found.clusters.map((c) => c.dir)).toEqual([join(dir, 'db')]);
    expect(found.warnings).toEqual([]);
  });

  test('a host without identity() or isLink (a wrapper, like the Action\'s base-revision overlay) still ends on loops', () => {
    const dir = makeTree({ 'db/postgresql.conf': 'work_mem = 8MB\n' });
    symlinkSync('.', join(dir, 'db', 'self'));
    symlinkSync('..', join(dir, 'db', 'up'));
    const inner = nodeHost({ cwd: dir });
    let lists = 0;
    const wrapper: Host = {
      cwd: inner.cwd,
      root: inner.root,
      maxFileBytes: inner.maxFileBytes,
      kind: (p) => inner.kind(p),
      allowed: (p) => inner.allowed(p),
      read: (p) => inner.read(p),
      list(p) {
        // A walk that does not end throws here instead of hanging the test.
        if (++lists > 1000) throw new Error('the walk does not end');
        const l = inner.list(p);
        return l.ok ? { ok: true, entries: l.entries.map(({ name, isDir }) => ({ name, isDir })) } : l;
      },
      display: (p) => inner.display(p),
    };
    expect(discover(wrapper, ['.']).clusters.map((c) => c.dir)).toEqual([join(dir, 'db')]);
  });

  test('a directory reached through a symlink is named by its real path', () => {
    const dir = makeTree({ 'z/postgresql.conf': 'work_mem = 8MB\n' });
    symlinkSync('z', join(dir, 'a'));
    const found = discover(nodeHost({ cwd: dir }), ['.']);
    expect(found.clusters.map((c) => c.files.map((f) => f.abs))).toEqual([[join(dir, 'z', 'postgresql.conf')]]);
  });

  const deep = (n: number): string => Array.from({ length: n }, (_, i) => `d${i + 1}`).join('/');

  test(`a configuration ${MAX_WALK_DEPTH + 2} directories deep: exit 2, naming the depth limit and where it stopped`, () => {
    const dir = makeTree({ [`${deep(34)}/postgresql.conf`]: 'work_mem = 8MB\n' });
    const r = cli(['.'], dir);
    expectUsageError(r, /no configuration file found in "\.".*depth limit of 32 levels at d1\/d2\/.*\/d33: nothing below was searched/);
    // The Action fails the step with the same reason.
    const a = action(dir);
    expect(a.code).toBe(1);
    expect(a.stdout).toMatch(/^::error::pgconf-lint: input paths: no configuration file found in "\.".*depth limit/m);
  });

  test('beside a shallow configuration, a deeper one is a warning (stderr, Action warning); the shallow one is checked', () => {
    const dir = makeTree({ 'db/postgresql.conf': 'work_mem = 8mb\n', [`${deep(34)}/postgresql.conf`]: 'work_mem = 8MB\n' });
    const r = cli(['.', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^pgconf-lint: warning: the directory search stopped at its depth limit of 32 levels at d1\/.*\/d33/)]);
    expect((JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => f.path)).toEqual(['db/postgresql.conf']);
    for (const view of ['settings', 'hba']) {
      expect(cli([view, '.'], dir).stderr).toMatch(/^pgconf-lint: warning: the directory search stopped at its depth limit/);
    }
    const res = lint(['.'], { cwd: dir });
    expect(res.warnings).toEqual([expect.stringMatching(/depth limit of 32 levels/)]);
    const a = action(dir);
    expect(a.stdout).toMatch(/^::warning::pgconf-lint: the directory search stopped at its depth limit/m);
    // The job summary says it too (a reviewer may never open the log).
    expect(a.summary).toMatch(/the directory search stopped at its depth limit of 32 levels at d1\/d2\//);
  });

  test('an empty directory: exit 2 (CLI, and every view), a failed step (Action); pgconf-lint rules still works', () => {
    const dir = makeTree({ 'README.md': '# nothing here\n' });
    for (const args of [['.'], [], ['check', '.', '--format', 'json'], ['settings', '.'], ['hba', '.']]) {
      expectUsageError(cli(args, dir), /no configuration file found in "\.": looked for postgresql\.conf, .*recovery\.conf/);
    }
    expect(cli(['rules'], dir)).toMatchObject({ code: 0, stderr: '' });
    const a = action(dir);
    expect(a.code).toBe(1);
    expect(a.stdout).toMatch(/^::error::pgconf-lint: input paths: no configuration file found in "\."/m);
  });

  test('files that are all ignored by the config: the error says so', () => {
    const dir = makeTree({ 'vendor/postgresql.conf': 'work_mem = 8MB\n', '.pgconf-lint.yml': 'ignore: ["vendor/**"]\n' });
    expectUsageError(cli(['.'], dir), /no configuration file found.*1 matching file is ignored by the config/);
  });
});

describe('the Action', () => {
  test("include '../.git/config': no token in annotations, the job summary or the SARIF file", () => {
    const dir = makeTree({ '.git/config': GIT_CONFIG, 'db/postgresql.conf': "include '../.git/config'\nwork_mem = 8MB\n" });
    const a = action(dir, { 'sarif-file': 'out.sarif' });
    expect(a.code).toBe(1);
    expect(a.stdout).toMatch(/^::error .*file=db\/postgresql\.conf,line=1.*::.*\.git directory/m);
    expectNoLeak(a.stdout + a.stderr + a.summary);
    const sarif = readdirSync(dir).includes('out.sarif') ? readFileSync(join(dir, 'out.sarif'), 'utf8') : '';
    expect(sarif).toMatch(/\.git directory/);
    expectNoLeak(sarif);
  });

  test('.pgconf-lint.yml as a symlink out of the workspace fails the step without echoing it', () => {
    const outside = makeTree({ 'creds.yml': 'first_secret_key_9f2c: x\n' });
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8MB\n' });
    symlinkSync(join(outside, 'creds.yml'), join(dir, '.pgconf-lint.yml'));
    const a = action(dir);
    expect(a.code).toBe(1);
    expect(a.stdout).toMatch(/^::error::pgconf-lint: cannot read config .*\.pgconf-lint\.yml: outside the checked root/m);
    expect(a.stdout + a.stderr).not.toContain('first_secret_key_9f2c');
  });
});

/** Runs dist/action.js on a push event (no GitHub API calls) with the workspace `dir`. */
function action(dir: string, inputs: Record<string, string> = {}): Run & { summary: string } {
  const meta = makeTree({ 'event.json': JSON.stringify({ ref: 'refs/heads/main' }), 'output.txt': '', 'summary.md': '' });
  const all: Record<string, string> = { paths: '.', 'pg-version': '', config: '', 'fail-on': 'error', 'sarif-file': '', review: 'false', 'only-changed': 'false', 'github-token': '', ...inputs };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: join(meta, 'event.json'),
    GITHUB_REPOSITORY: 'acme/dbconf',
    GITHUB_SHA: 'c'.repeat(40),
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: join(meta, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(meta, 'summary.md'),
    GITHUB_API_URL: 'http://127.0.0.1:9',
    RUNNER_TEMP: meta,
  };
  for (const [k, v] of Object.entries(all)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = spawnSync(process.execPath, [ACTION], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', summary: readFileSync(join(meta, 'summary.md'), 'utf8') };
}

test('the bundles exist (npm run build)', () => {
  expect(existsSync(CLI) && existsSync(ACTION)).toBe(true);
});
