/**
 * Input (issue 14, item 4): a run that finds nothing is exit 2 unless --allow-empty (allow-empty in
 * the Action); standard input linted as a named file (`-` with --stdin-filename); --kind and the
 * config's files: for explicitly named files.
 *
 * The CLI and the Action run for real: bundled from the sources into a temp directory (as
 * scripts/ecosystem.mjs does), so that these tests check the code as it is, not a stale dist/.
 * One test runs the committed dist/cli.cjs end to end.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { lint } from './support/lint.js';
import { readStdin } from '../src/resolve/stdin.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';

const REPO = join(new URL('.', import.meta.url).pathname, '..');
let bundle = '';
let CLI = '';
let ACTION = '';

beforeAll(async () => {
  const { build } = await import('esbuild');
  bundle = mkdtempSync(join(tmpdir(), 'pgconf-lint-input-bundle-'));
  const common = {
    bundle: true,
    platform: 'node' as const,
    target: 'node20',
    format: 'esm' as const,
    logLevel: 'warning' as const,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  };
  await build({ ...common, entryPoints: { cli: join(REPO, 'bin/cli.ts') }, outdir: bundle, splitting: true });
  await build({ ...common, entryPoints: [join(REPO, 'bin/action.ts')], outfile: join(bundle, 'action.js') });
  const data = join(REPO, 'src', 'catalog', 'data');
  mkdirSync(join(bundle, 'catalog', 'data'), { recursive: true });
  for (const f of readdirSync(data).filter((n) => n.endsWith('.json'))) cpSync(join(data, f), join(bundle, 'catalog', 'data', f));
  CLI = join(bundle, 'cli.js');
  ACTION = join(bundle, 'action.js');
}, 60_000);

afterAll(() => {
  cleanupFixtures();
  if (bundle) rmSync(bundle, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cliAt(cli: string, args: string[], cwd: string, input?: string | Buffer): Run {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
    ...(input !== undefined ? { input } : { stdio: ['ignore', 'pipe', 'pipe'] }),
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', NODE_OPTIONS: '' },
  });
  if (r.error) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const cli = (args: string[], cwd: string, input?: string | Buffer): Run => cliAt(CLI, args, cwd, input);

/** Exit 2 with exactly one line on stderr and nothing on stdout. */
function expectUsageError(r: Run, message: RegExp): void {
  expect({ code: r.code, signal: r.signal, stdout: r.stdout }).toEqual({ code: 2, signal: null, stdout: '' });
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(r.stderr).toMatch(/^pgconf-lint: /);
  expect(r.stderr).toMatch(message);
}

/** Exit 0 with exactly one note line on stderr. */
function expectAcceptedEmpty(r: Run, message: RegExp = /no configuration file found/): void {
  expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
  expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(r.stderr).toMatch(/^pgconf-lint: note: .*\(accepted: --allow-empty\)\n$/);
  expect(r.stderr).toMatch(message);
}

interface JsonReport {
  files: { path: string; kind: string; pgVersion: number }[];
  diagnostics: { rule: string; file: string; line: number; column: number; message: string; severity: string }[];
}
const json = (r: Run): JsonReport => JSON.parse(r.stdout) as JsonReport;

/** A repository (a `.git` directory marks its root) with these files. */
const repoTree = (files: Record<string, string>): string => makeTree({ '.git/HEAD': 'ref: refs/heads/main\n', ...files });

describe('no configuration file found: exit 2 with one line, --allow-empty accepts it', () => {
  test('an empty directory', () => {
    const dir = repoTree({ 'README.md': '# nothing\n', 'empty/.keep': '' });
    for (const args of [['.'], [], ['empty'], ['check', 'empty', '--format', 'json'], ['settings', 'empty'], ['hba', 'empty']]) {
      expectUsageError(cli(args, dir), /^pgconf-lint: no configuration file found in /);
    }
    const r = cli(['empty', '--allow-empty'], dir);
    expectAcceptedEmpty(r, /no configuration file found in "empty"/);
    expect(r.stdout).toMatch(/No problems found in 0 files/);
    // A machine-readable report is still written (an empty one): a CI step that uploads it works.
    const j = cli(['empty', '--allow-empty', '--format', 'json'], dir);
    expectAcceptedEmpty(j);
    expect(json(j)).toMatchObject({ files: [], diagnostics: [] });
    const sarif = cli(['empty', '--allow-empty', '--format', 'sarif'], dir);
    expect(sarif.code).toBe(0);
    expect((JSON.parse(sarif.stdout) as { runs: { results: unknown[] }[] }).runs[0]!.results).toEqual([]);
    for (const sub of ['settings', 'hba']) expectAcceptedEmpty(cli([sub, 'empty', '--allow-empty'], dir));
  });

  test('a wrong path is exit 2 with or without --allow-empty (it is a typo, not an empty tree)', () => {
    const dir = repoTree({ 'db/postgresql.conf': 'work_mem = 8MB\n' });
    expectUsageError(cli(['dbb'], dir), /^pgconf-lint: dbb: no such file or directory\n$/);
    expectUsageError(cli(['dbb', '--allow-empty'], dir), /^pgconf-lint: dbb: no such file or directory\n$/);
    // Together with a path that has files: still the typo's exit 2.
    expectUsageError(cli(['db', 'dbb', '--allow-empty'], dir), /dbb: no such file or directory/);
  });

  test("every file ignored by the config's ignore: (found by the walk, or named explicitly)", () => {
    const dir = repoTree({ 'vendor/postgresql.conf': 'work_mem = 8MB\n', 'vendor/pg_hba.conf': 'local all all peer\n', '.pgconf-lint.yml': 'ignore: ["vendor/**"]\n' });
    expectUsageError(cli(['.'], dir), /no configuration file found in "\.".*2 matching files are ignored by the config's ignore: globs/);
    expectUsageError(cli(['vendor/pg_hba.conf'], dir), /no configuration file found in "vendor\/pg_hba\.conf".*1 matching file is ignored by the config's ignore: globs/);
    expectAcceptedEmpty(cli(['.', '--allow-empty'], dir), /2 matching files are ignored/);
    expectAcceptedEmpty(cli(['vendor/pg_hba.conf', '--allow-empty'], dir), /1 matching file is ignored/);
  });

  test("the config's files: globs that match nothing, and a directory of signal files only", () => {
    const dir = repoTree({ 'db/main.hba': 'local all all peer\n', '.pgconf-lint.yml': 'files:\n  pg_hba.conf: ["**/*.pg_hba"]\n', 'replica/standby.signal': '' });
    expectUsageError(cli(['.'], dir), /no configuration file found in "\.": looked for postgresql\.conf, .*recovery\.conf, the config's files: globs/);
    expectUsageError(cli(['replica'], dir), /no configuration file found in "replica"/);
    expectAcceptedEmpty(cli(['.', '--allow-empty'], dir));
  });

  test('the library: allowEmpty moves the message from errors to empty', () => {
    const dir = makeTree({ 'x/README': '' });
    const strict = lint(['.'], { cwd: dir });
    expect(strict.errors).toEqual([expect.stringMatching(/^no configuration file found in "\."/)]);
    expect(strict.empty).toBeUndefined();
    const lenient = lint(['.'], { cwd: dir, allowEmpty: true });
    expect(lenient.errors).toEqual([]);
    expect(lenient.empty).toMatch(/^no configuration file found in "\."/);
    expect(lenient.files).toEqual([]);
    // Something found: no note either way.
    const some = lint(['.'], { cwd: makeTree({ 'postgresql.conf': '' }), allowEmpty: true });
    expect(some).toMatchObject({ errors: [], files: [{ path: 'postgresql.conf' }] });
    expect(some.empty).toBeUndefined();
  });
});

/** Runs the bundled Action with these inputs on a workspace (a push event: no API). */
function action(workspace: string, inputs: Record<string, string>): Run & { outputs: string } {
  const meta = makeTree({ 'event.json': '{}', 'output.txt': '', 'summary.md': '' });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: join(meta, 'event.json'),
    GITHUB_REPOSITORY: 'acme/dbconf',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(meta, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(meta, 'summary.md'),
    RUNNER_TEMP: meta,
  };
  const all = { paths: '.', 'fail-on': 'error', review: 'false', 'only-changed': 'false', 'github-token': '', ...inputs };
  for (const [k, v] of Object.entries(all)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = spawnSync(process.execPath, [ACTION], { cwd: workspace, env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, outputs: spawnSync('cat', [join(meta, 'output.txt')], { encoding: 'utf8' }).stdout };
}

describe('the Action: paths that match nothing fail the step; allow-empty: true passes it with a notice', () => {
  test('paths: matching nothing, with and without allow-empty', () => {
    const ws = makeTree({ 'docs/README.md': '# nothing\n', 'db/postgresql.conf': 'work_mem = 8MB\n' });
    const failed = action(ws, { paths: 'docs' });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^::error::pgconf-lint: input paths: no configuration file found in "docs"/m);
    const passed = action(ws, { paths: 'docs', 'allow-empty': 'true' });
    expect(passed.code).toBe(0);
    expect(passed.stdout).not.toMatch(/^::error::/m);
    expect(passed.stdout).toMatch(/^::notice::pgconf-lint: no configuration file found in "docs".*\(accepted: allow-empty\)$/m);
    expect(passed.outputs).toMatch(/errors<<[^\n]*\n0\n/);
    // allow-empty does not excuse a path that does not exist.
    const typo = action(ws, { paths: 'dbb', 'allow-empty': 'true' });
    expect(typo.code).toBe(1);
    expect(typo.stdout).toMatch(/^::error::pgconf-lint: input paths: dbb: no such file or directory$/m);
    // Files found: allow-empty changes nothing.
    const found = action(ws, { paths: 'db', 'allow-empty': 'true' });
    expect(found.code).toBe(0);
    expect(found.stdout).not.toMatch(/::notice::pgconf-lint: no configuration/);
    const bad = action(ws, { paths: 'docs', 'allow-empty': 'yes' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^::error::pgconf-lint: input allow-empty must be true or false, not "yes"$/m);
  });

  test('action.yml declares allow-empty with a description and default false', async () => {
    const { parse } = await import('yaml');
    const { readFileSync } = await import('node:fs');
    const meta = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as { inputs: Record<string, { description: string; default: string; required: boolean }> };
    expect(meta.inputs['allow-empty']).toMatchObject({ default: 'false', required: false });
    expect(meta.inputs['allow-empty']!.description).toMatch(/no configuration file/);
  });
});

describe('standard input: pgconf-lint - --stdin-filename PATH', () => {
  const HBA_DISK = 'host all all 10.0.0.0/8 md5x\n'; // the on-disk file's own problem (an unknown method)
  const HBA_BUFFER = 'host all all 0.0.0.0/0 trust\n';

  test("linted as the named file: its kind from the name, its path in reports, the directory's other files from disk", () => {
    const dir = repoTree({ 'db/postgresql.conf': "ssl = off\nlisten_addresses = '*'\nwork_mem = 8MB\n", 'db/pg_hba.conf': HBA_DISK, 'other/postgresql.conf': 'work_mem = 64mb\n' });
    const r = cli(['-', '--stdin-filename', 'db/pg_hba.conf', '--format', 'json'], dir, HBA_BUFFER);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const report = json(r);
    // The buffer replaces db/pg_hba.conf; db/postgresql.conf is read from disk; nothing else is.
    expect(report.files.map((f) => [f.path, f.kind])).toEqual([
      ['db/pg_hba.conf', 'pg_hba.conf'],
      ['db/postgresql.conf', 'postgresql.conf'],
    ]);
    expect(report.diagnostics.map((d) => [d.rule, d.file, d.line, d.column])).toContainEqual(['hba-open-to-world', 'db/pg_hba.conf', 1, 14]);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ rule: 'ssl-disabled', file: 'db/postgresql.conf', line: 1 }));
    // The on-disk pg_hba.conf (md5x) is not what was checked.
    expect(report.diagnostics.some((d) => /md5x/.test(d.message))).toBe(false);
    expect(report.diagnostics.some((d) => d.file === 'other/postgresql.conf')).toBe(false);
    // A stdin postgresql.conf is checked against the pg_hba.conf on disk: the cluster is the directory.
    const conf = cli(['-', '--stdin-filename', 'db/postgresql.conf', '--format', 'json'], makeTree({ 'db/pg_hba.conf': 'host all all 0.0.0.0/0 scram-sha-256\n' }), "ssl = off\nlisten_addresses = '*'\n");
    const ssl = json(conf).diagnostics.find((d) => d.rule === 'ssl-disabled');
    expect(ssl).toMatchObject({ file: 'db/postgresql.conf', line: 1, column: 1 });
    expect(ssl!.message).toMatch(/db\/pg_hba\.conf:1/);
  });

  test('paths are relative to the repository root from a subdirectory; the file need not exist on disk', () => {
    const dir = repoTree({ 'clusters/main/pg_hba.conf': 'local all all peer\n' });
    const r = cli(['-', '--stdin-filename', 'main/postgresql.conf', '--format', 'json'], join(dir, 'clusters'), 'work_mem = 64mb\n');
    expect(r.code).toBe(1);
    const report = json(r);
    expect(report.files.map((f) => f.path)).toEqual(['clusters/main/pg_hba.conf', 'clusters/main/postgresql.conf']);
    expect(report.diagnostics.map((d) => [d.rule, d.file, d.line, d.column])).toEqual([['invalid-value', 'clusters/main/postgresql.conf', 1, 12]]);
    // A new file in a new directory: linted alone.
    const fresh = cli(['check', '-', '--stdin-filename', 'new/dir/pg_ident.conf', '--format', 'json'], dir, 'map1 alice alice\n');
    expect(fresh.code).toBe(0);
    expect(json(fresh).files).toEqual([{ path: 'new/dir/pg_ident.conf', kind: 'pg_ident.conf', pgVersion: 18 }]);
  });

  test("the kind: from the name as discovery decides it, the config's files:, or --kind", () => {
    const dir = repoTree({ '.pgconf-lint.yml': 'files:\n  pg_hba.conf: ["**/*.hba"]\n' });
    const kindOf = (args: string[]): string => {
      const r = cli([...args, '--format', 'json', '--fail-on', 'never'], dir, 'local all all peer\n');
      expect(r.stderr).toBe('');
      return json(r).files[0]!.kind;
    };
    expect(kindOf(['-', '--stdin-filename', 'db/prod_pg_hba.conf'])).toBe('pg_hba.conf');
    expect(kindOf(['-', '--stdin-filename', 'db/main.hba'])).toBe('pg_hba.conf');
    expect(kindOf(['-', '--stdin-filename', 'db/access.txt'])).toBe('postgresql.conf');
    expect(kindOf(['-', '--stdin-filename', 'db/access.txt', '--kind', 'pg_hba.conf'])).toBe('pg_hba.conf');
    // --stdin-filename alone reads standard input too.
    expect(kindOf(['--stdin-filename', 'db/pg_ident.conf'])).toBe('pg_ident.conf');
  });

  test('usage errors: - without a name, - with other paths, a name outside the root or under .git', () => {
    const dir = repoTree({ 'db/postgresql.conf': '' });
    expectUsageError(cli(['-'], dir, ''), /^pgconf-lint: - \(standard input\) needs --stdin-filename PATH/);
    expectUsageError(cli(['-', 'db', '--stdin-filename', 'db/pg_hba.conf'], dir, ''), /cannot be combined with other paths/);
    expectUsageError(cli(['db', '--stdin-filename', 'db/pg_hba.conf'], dir, ''), /cannot be combined with other paths/);
    expectUsageError(cli(['-', '--stdin-filename'], dir, ''), /--stdin-filename needs a value/);
    expectUsageError(cli(['-', '--stdin-filename', '../elsewhere/pg_hba.conf', '--root', '.'], dir, ''), /^pgconf-lint: --stdin-filename \.\.\/elsewhere\/pg_hba\.conf: outside the root/);
    expectUsageError(cli(['-', '--stdin-filename', '.git/pg_hba.conf'], dir, ''), /--stdin-filename \.git\/pg_hba\.conf: inside the repository's \.git directory/);
    // Ignored by the config: nothing to check (exit 2), unless --allow-empty.
    const ign = repoTree({ '.pgconf-lint.yml': 'ignore: ["vendor/**"]\n' });
    expectUsageError(cli(['-', '--stdin-filename', 'vendor/pg_hba.conf'], ign, 'local all all peer\n'), /no configuration file found in standard input \(as "vendor\/pg_hba\.conf"\).*1 matching file is ignored/);
    expectAcceptedEmpty(cli(['-', '--stdin-filename', 'vendor/pg_hba.conf', '--allow-empty'], ign, 'local all all peer\n'));
  });

  test('includes resolve from the stdin name\'s directory, confined like every read', () => {
    const outer = makeTree({ 'secret.conf': 'work_mem = OUTSIDE_CANARY\n' });
    const dir = join(outer, 'repo');
    mkdirSync(join(dir, '.git'), { recursive: true });
    mkdirSync(join(dir, 'db', 'conf.d'), { recursive: true });
    writeFileSync(join(dir, 'db', 'conf.d', 'tuning.conf'), 'shared_buffers = 12x\n');
    const r = cli(['-', '--stdin-filename', 'db/postgresql.conf', '--format', 'json'], dir, "include 'conf.d/tuning.conf'\ninclude '../../secret.conf'\n");
    expect(r.code).toBe(1);
    const report = json(r);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ rule: 'invalid-value', file: 'db/conf.d/tuning.conf', line: 1 }));
    const refused = report.diagnostics.find((d) => d.file === 'db/postgresql.conf' && d.line === 2);
    expect(refused?.message).toMatch(/^include target .*secret\.conf lies outside \.: it was not read/);
    expect(r.stdout).not.toContain('OUTSIDE_CANARY');
  });

  test('bounded like any file: over the size limit it is an unreadable-file finding, and an endless stdin is refused at the limit', async () => {
    const dir = repoTree({});
    const big = 'work_mem = 8MB\n'.repeat(200); // 3000 bytes
    const r = cli(['-', '--stdin-filename', 'db/postgresql.conf', '--max-file-size', '1000', '--format', 'json'], dir, big);
    expect(r.code).toBe(1);
    expect(json(r).diagnostics).toEqual([expect.objectContaining({ rule: 'unreadable-file', file: 'db/postgresql.conf', message: expect.stringMatching(/more than 1000 bytes, larger than the limit of 1000 bytes/) })]);
    // The same limit from the config's maxFileSize.
    const cfg = repoTree({ '.pgconf-lint.yml': 'maxFileSize: 1000\n' });
    expect(json(cli(['-', '--stdin-filename', 'db/postgresql.conf', '--format', 'json'], cfg, big)).diagnostics[0]).toMatchObject({ rule: 'unreadable-file' });

    // An endless writer: the CLI stops reading at the limit, answers and exits, long before the
    // writer has sent what a whole read would need.
    const child = spawn(process.execPath, [CLI, '-', '--stdin-filename', 'db/postgresql.conf', '--max-file-size', '65536', '--format', 'json'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.on('error', () => {}); // EPIPE once the CLI has closed its end
    const chunk = Buffer.alloc(64 * 1024, 'work_mem = 8MB\n');
    let written = 0;
    const cap = 512 * 1024 * 1024;
    const writing = (async () => {
      while (written < cap && !child.stdin.destroyed && child.exitCode === null) {
        const ok = child.stdin.write(chunk);
        written += chunk.length;
        if (!ok) await new Promise<void>((res) => {
          const done = (): void => res();
          child.stdin.once('drain', done);
          child.once('exit', done);
        });
      }
    })();
    const code = await new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    child.stdin.destroy();
    await writing;
    expect(code).toBe(1);
    expect(written).toBeLessThan(cap);
    const report = JSON.parse(out) as JsonReport;
    expect(report.diagnostics).toEqual([expect.objectContaining({ rule: 'unreadable-file', message: expect.stringMatching(/more than 65536 bytes/) })]);
  }, 60_000);

  test('readStdin holds at most the limit plus one chunk of an endless stream', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 1024;
        this.push(Buffer.alloc(1024, 'x'));
      },
    });
    const r = await readStdin(10_000, endless);
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^file is more than 10000 bytes, larger than the limit of 10000 bytes/) });
    expect(produced).toBeLessThan(10_000 + 64 * 1024);
    expect(endless.destroyed).toBe(true);
    const small = await readStdin(10, Readable.from([Buffer.from('port = '), Buffer.from('5432\n')]));
    expect(small).toEqual({ ok: false, error: expect.stringMatching(/more than 10 bytes/) });
    const fits = await readStdin(100, Readable.from([Buffer.from('port = '), Buffer.from('5432\n')]));
    expect(fits).toEqual({ ok: true, bytes: Buffer.from('port = 5432\n') });
  });

  test('settings and hba read standard input too; the library takes it as options.stdin', () => {
    const dir = repoTree({ 'db/postgresql.conf': 'work_mem = 1MB\n' });
    const s = cli(['settings', '-', '--stdin-filename', 'db/postgresql.conf', '--format', 'json'], dir, 'work_mem = 32MB\n');
    expect(s.code).toBe(0);
    const rows = JSON.parse(s.stdout) as { name: string; setting: string; sourcefile: string }[];
    expect(rows.find((x) => x.name === 'work_mem')).toMatchObject({ setting: '32MB', sourcefile: 'db/postgresql.conf' });
    const h = cli(['hba', '--stdin-filename', 'db/pg_hba.conf', '--format', 'json'], dir, 'local all all peer\n');
    expect(h.code).toBe(0);
    expect(JSON.parse(h.stdout)).toEqual([expect.objectContaining({ type: 'local', auth_method: 'peer', file_name: 'db/pg_hba.conf' })]);
    const res = lint([], { cwd: dir, stdin: { filename: 'db/postgresql.conf', content: 'work_mem = 64mb\n' } });
    expect(res.files.map((f) => f.path)).toEqual(['db/postgresql.conf']);
    expect(res.diagnostics.map((d) => [d.rule, d.loc.file])).toEqual([['invalid-value', 'db/postgresql.conf']]);
    expect(lint(['-'], { cwd: dir }).errors).toEqual(['-: standard input needs a file name to be linted as (--stdin-filename NAME)']);
  });
});

describe('--kind and the config\'s files: for explicitly named files', () => {
  const HBA = 'host all all 0.0.0.0/0 md5\n';

  test('--kind pg_hba.conf hba-prod.conf: parsed as pg_hba.conf (without it, as postgresql.conf)', () => {
    const dir = repoTree({ 'hba-prod.conf': HBA });
    const plain = json(cli(['hba-prod.conf', '--format', 'json'], dir));
    expect(plain.files).toEqual([{ path: 'hba-prod.conf', kind: 'postgresql.conf', pgVersion: 18 }]);
    const r = cli(['--kind', 'pg_hba.conf', 'hba-prod.conf', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const report = json(r);
    expect(report.files).toEqual([{ path: 'hba-prod.conf', kind: 'pg_hba.conf', pgVersion: 18 }]);
    expect(report.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([['hba-open-to-world', 1, 14]]);
    expect(json(cli(['--kind=pg_ident.conf', 'hba-prod.conf', '--format', 'json', '--fail-on', 'never'], dir)).files[0]!.kind).toBe('pg_ident.conf');
  });

  test('with several paths: every explicitly named file takes --kind; directories are searched by name', () => {
    const dir = repoTree({ 'a/prod.rules': HBA, 'b/staging.rules': 'local all all peer\n', 'c/postgresql.conf': 'work_mem = 8MB\n', 'c/pg_hba.conf': 'local all all peer\n' });
    const r = cli(['--kind', 'pg_hba.conf', 'a/prod.rules', 'b/staging.rules', 'c', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(json(r).files.map((f) => [f.path, f.kind])).toEqual([
      ['a/prod.rules', 'pg_hba.conf'],
      ['b/staging.rules', 'pg_hba.conf'],
      ['c/pg_hba.conf', 'pg_hba.conf'],
      ['c/postgresql.conf', 'postgresql.conf'],
    ]);
  });

  test("the config's files: globs apply to explicitly named files; --kind wins over them", () => {
    const dir = repoTree({ 'access/prod.conf': HBA, '.pgconf-lint.yml': 'files:\n  pg_hba.conf: ["access/*.conf"]\n' });
    expect(json(cli(['access/prod.conf', '--format', 'json', '--fail-on', 'never'], dir)).files).toEqual([{ path: 'access/prod.conf', kind: 'pg_hba.conf', pgVersion: 18 }]);
    // From a subdirectory: the globs stay relative to the config's directory.
    expect(json(cli(['prod.conf', '--format', 'json', '--fail-on', 'never', '--config', '../.pgconf-lint.yml'], join(dir, 'access'))).files[0]!.kind).toBe('pg_hba.conf');
    expect(json(cli(['--kind', 'postgresql.conf', 'access/prod.conf', '--format', 'json', '--fail-on', 'never'], dir)).files[0]!.kind).toBe('postgresql.conf');
  });

  test('a bad --kind is a usage error naming the kinds', () => {
    const dir = repoTree({ 'x.conf': '' });
    expectUsageError(cli(['--kind', 'hba', 'x.conf'], dir), /^pgconf-lint: --kind must be postgresql\.conf, pg_hba\.conf, pg_ident\.conf, postgresql\.auto\.conf, recovery\.conf, pgbouncer\.ini, patroni, cloudnativepg or container, not "hba"\n$/);
    expectUsageError(cli(['--kind', 'standby.signal', 'x.conf'], dir), /--kind must be/);
    expectUsageError(cli(['x.conf', '--kind'], dir), /--kind needs a value/);
  });

  test('--help documents -, --stdin-filename, --kind and --allow-empty', () => {
    const r = cli(['--help'], REPO);
    expect(r.code).toBe(0);
    for (const s of ['- --stdin-filename PATH', '--stdin-filename PATH', '--kind KIND', '--allow-empty', 'directories are still searched by name and shape']) expect(r.stdout).toContain(s);
  });
});

describe('dist/cli.cjs end to end (passes once dist/ is rebuilt)', () => {
  test('standard input as pg_hba.conf beside the postgresql.conf on disk; --kind; --allow-empty', () => {
    const dist = join(REPO, 'dist', 'cli.cjs');
    expect(existsSync(dist)).toBe(true);
    const dir = repoTree({ 'db/postgresql.conf': 'ssl = off\n', 'hba-prod.conf': 'host all all 0.0.0.0/0 md5\n', 'empty/.keep': '' });
    const r = cliAt(dist, ['-', '--stdin-filename', 'db/pg_hba.conf', '--format', 'json'], dir, 'host all all 0.0.0.0/0 trust\n');
    expect(r.stderr).toBe('');
    expect(json(r).files.map((f) => f.path)).toEqual(['db/pg_hba.conf', 'db/postgresql.conf']);
    expect(json(cliAt(dist, ['--kind', 'pg_hba.conf', 'hba-prod.conf', '--format', 'json'], dir)).files[0]!.kind).toBe('pg_hba.conf');
    expect(cliAt(dist, ['empty'], dir).code).toBe(2);
    expect(cliAt(dist, ['empty', '--allow-empty'], dir)).toMatchObject({ code: 0, stderr: expect.stringMatching(/^pgconf-lint: note: no configuration file found/) });
  });
});

describe('a YAML file named explicitly', () => {
  test('of no shape pgconf-lint reads: left out with a warning, never read as a postgresql.conf', async () => {
    const { cliInProcess } = await import('./support/cli-in-process.js');
    const dir = makeTree({ 'values.yml': 'foo: bar\nlist:\n  - a\n', 'db/postgresql.conf': 'work_mem = 8MB\n' });
    const r = await cliInProcess(['values.yml', 'db/postgresql.conf', '--format', 'concise'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('syntax-error');
    expect(r.stderr).toBe('pgconf-lint: warning: values.yml: not linted: a YAML file of no shape pgconf-lint reads (a Patroni configuration, a CloudNativePG Cluster, a Compose file or a Kubernetes workload running the postgres image); name its kind with --kind if it is one\n');
    // Alone, it leaves nothing to lint: exit 2, with the reason.
    const alone = await cliInProcess(['values.yml'], dir);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('values.yml: not linted: a YAML file of no shape');
  });

  test('--kind patroni reads it as a Patroni configuration', async () => {
    const { cliInProcess } = await import('./support/cli-in-process.js');
    const dir = makeTree({ 'node.yml': 'scope: x\nsettings:\n  postgresql:\n    parameters:\n      work_mem: 8mb\n', 'other.yml': 'postgresql:\n  parameters:\n    work_mem: 8mb\n' });
    // node.yml has no Patroni shape (its postgresql: is not at the top): --kind names it; other.yml is told by its shape.
    const r = await cliInProcess(['other.yml', '--format', 'concise', '--rule', 'invalid-value=error'], dir);
    expect(r.stdout).toMatch(/^other\.yml:3:15 {2}error {2}invalid value for parameter "work_mem": "8mb"/m);
    const k = await cliInProcess(['node.yml', '--kind', 'patroni', '--format', 'concise'], dir);
    expect(k.code).toBe(0);
    expect(k.stderr).toBe('');
    expect(k.stdout).toContain('No problems found in 1 file');
  });
});
