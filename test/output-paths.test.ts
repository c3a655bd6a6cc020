import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { safeWriteFile, SafeWriteError, type SafeWriteOptions } from '../src/io/safe-write.js';
import { actionBase, cliBase, findRepositoryRoot } from '../src/resolve/repo-root.js';
import { prefixMismatch } from '../src/action/path-prefix.js';
import { lint } from './support/lint.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const repo = join(new URL('.', import.meta.url).pathname, '..');
const cli = join(repo, 'dist', 'cli.cjs');

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.cjs is missing: run npm run build');
});

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A repository as `git init` makes it, with the given files. */
function gitRepo(files: Record<string, string>): string {
  const dir = makeTree(files);
  const g = spawnSync('git', ['init', '-q', dir], { encoding: 'utf8' });
  if (g.status !== 0) throw new Error(`git init failed: ${g.stderr}`);
  return dir;
}

/** What an attacker's link target holds before the run; compared after it. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = readFileSync(join(dir, name), 'utf8');
  return out;
}

const HBA = 'local all all peer\nhost all all 0.0.0.0/0 trust\n';

describe('CLI: paths are relative to the repository root, whatever the working directory', () => {
  test('cd db && pgconf-lint . --format github names db/pg_hba.conf (git top level found by walking up to .git)', () => {
    const dir = gitRepo({ 'db/pg_hba.conf': HBA, 'db/postgresql.conf': 'work_mem = 8mb\n' });
    const r = run(['.', '--format', 'github'], join(dir, 'db'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const files = [...r.stdout.matchAll(/file=([^,]+),/g)].map((m) => m[1]);
    expect(files.length).toBeGreaterThan(0);
    expect(files).toContain('db/pg_hba.conf');
    expect(files).toContain('db/postgresql.conf');
    for (const f of files) expect(f).toMatch(/^db\//);

    const json = JSON.parse(run(['.', '--format', 'json'], join(dir, 'db')).stdout) as { files: { path: string }[]; diagnostics: { file: string }[] };
    expect(json.files.map((f) => f.path).sort()).toEqual(['db/pg_hba.conf', 'db/postgresql.conf']);
    expect(json.diagnostics.every((d) => d.file.startsWith('db/'))).toBe(true);
    const sarif = JSON.parse(run(['pg_hba.conf', '--format', 'sarif'], join(dir, 'db')).stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri)).toContain('db/pg_hba.conf');
    // The root (nothing read outside it) is still the working directory: the repository above is not read.
    expect(run(['..'], join(dir, 'db')).stderr).toMatch(/\.\.: outside the root/);
  });

  test('a .git file (a worktree or submodule) marks the top level too; outside any repository names stay cwd-relative', () => {
    const wt = makeTree({ '.git': 'gitdir: /elsewhere/.git/worktrees/wt\n', 'db/pg_hba.conf': HBA });
    expect(run(['.', '--format', 'github'], join(wt, 'db')).stdout).toContain('file=db/pg_hba.conf,');
    const plain = makeTree({ 'db/pg_hba.conf': HBA });
    const r = run(['.', '--format', 'github'], join(plain, 'db'));
    expect(r.stdout).toContain('file=pg_hba.conf,');
    expect(r.stdout).not.toContain('file=db/');
  });

  test('findRepositoryRoot / cliBase walk up to the nearest .git; the library default stays cwd', () => {
    const dir = gitRepo({ 'a/b/pg_hba.conf': HBA });
    expect(findRepositoryRoot(join(dir, 'a', 'b'))).toBe(dir);
    expect(cliBase(join(dir, 'a', 'b'))).toBe(dir);
    const plain = makeTree({ 'x/pg_hba.conf': HBA });
    expect(findRepositoryRoot(join(plain, 'x'))).toBeUndefined();
    expect(cliBase(join(plain, 'x'))).toBe(join(plain, 'x'));
    // lint() without base: cwd-relative, as before; with base: base-relative, and the result says which.
    const sub = join(dir, 'a', 'b');
    const own = lint(['.'], { cwd: sub });
    expect(own.files.map((f) => f.path)).toEqual(['pg_hba.conf']);
    expect(own.base).toBe(sub);
    const based = lint(['.'], { cwd: sub, base: dir });
    expect(based.files.map((f) => f.path)).toEqual(['a/b/pg_hba.conf']);
    expect(based.diagnostics.map((d) => d.loc.file)).toContain('a/b/pg_hba.conf');
    expect([...based.sources.keys()]).toEqual(['a/b/pg_hba.conf']);
    expect(based.base).toBe(dir);
  });
});

describe('Action display base (actionBase)', () => {
  test('the checked-out repository inside GITHUB_WORKSPACE, the outermost one, else the workspace', () => {
    const ws = makeTree({ 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/db/pg_hba.conf': HBA, 'repo/vendor/sub/.git': 'gitdir: ../../.git/modules/sub\n', 'repo/vendor/sub/pg_hba.conf': HBA, 'other/.git/HEAD': '', 'other/pg_hba.conf': HBA, 'plain/pg_hba.conf': HBA });
    expect(actionBase(ws, ['repo/db'])).toBe(join(ws, 'repo'));
    expect(actionBase(ws, ['repo/db/pg_hba.conf', 'repo'])).toBe(join(ws, 'repo'));
    // A submodule belongs to the repository it is checked out in.
    expect(actionBase(ws, ['repo/vendor/sub'])).toBe(join(ws, 'repo'));
    // Two checkouts, no repository, or a path outside the workspace: the workspace.
    expect(actionBase(ws, ['repo/db', 'other'])).toBe(ws);
    expect(actionBase(ws, ['plain'])).toBe(ws);
    expect(actionBase(ws, ['.'])).toBe(ws);
    expect(actionBase(ws, ['../elsewhere'])).toBe(ws);
    // The default checkout: the workspace is the repository, whatever is nested in it.
    const def = makeTree({ '.git/HEAD': '', 'db/pg_hba.conf': HBA, 'tools/.git/HEAD': '' });
    expect(actionBase(def, ['db', 'tools'])).toBe(def);
  });

  test('prefixMismatch: no checked file among the changed ones, but a same-named file under another prefix', () => {
    expect(prefixMismatch(['repo/db/pg_hba.conf', 'repo/db/postgresql.conf'], ['db/pg_hba.conf', 'README.md'])).toEqual({ checked: 'repo/db/pg_hba.conf', changed: 'db/pg_hba.conf' });
    // One match is enough: the names line up.
    expect(prefixMismatch(['db/pg_hba.conf', 'db/postgresql.conf'], ['db/pg_hba.conf', 'x/postgresql.conf'])).toBeUndefined();
    // The PR changes no configuration by those names: nothing to say.
    expect(prefixMismatch(['db/pg_hba.conf'], ['README.md', 'src/main.ts'])).toBeUndefined();
    expect(prefixMismatch(['db/pg_hba.conf'], [])).toBeUndefined();
  });
});

describe('CLI --output never writes through a symlink', () => {
  test('the target is a symlink to a file outside the repository: the link is replaced, the outside file is unchanged', () => {
    const outside = makeTree({ 'gitconfig': '[user]\n\tname = victim\n' });
    const dir = gitRepo({ 'db/pg_hba.conf': HBA });
    symlinkSync(join(outside, 'gitconfig'), join(dir, 'report.sarif'));
    symlinkSync(join(outside, 'not-yet'), join(dir, 'dangling.sarif'));
    const before = snapshot(outside);
    const r = run(['db', '--format', 'sarif', '--output', 'report.sarif'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1); // by the findings
    expect(snapshot(outside)).toEqual(before);
    expect(lstatSync(join(dir, 'report.sarif')).isSymbolicLink()).toBe(false);
    expect((statSync(join(dir, 'report.sarif')).mode & 0o777).toString(8)).toBe('644');
    expect(JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
    // A dangling link does not create its target either.
    expect(run(['db', '--output', 'dangling.sarif'], dir).code).toBe(1);
    expect(existsSync(join(outside, 'not-yet'))).toBe(false);
    expect(snapshot(outside)).toEqual(before);
    expect(readFileSync(join(dir, 'dangling.sarif'), 'utf8')).toContain('db/pg_hba.conf');
    // No temporary files are left behind.
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  test('a parent directory is a symlink to a directory outside: refused with one line, nothing written there', () => {
    const outside = makeTree({ 'keep': 'x\n' });
    const dir = gitRepo({ 'db/pg_hba.conf': HBA, 'real/x': '' });
    symlinkSync(outside, join(dir, 'reports'));
    symlinkSync(outside, join(dir, 'real', 'deeper'));
    const before = snapshot(outside);
    for (const [cwd, output, shown] of [
      [dir, 'reports/pgconf-lint.sarif', 'reports'],
      [dir, 'real/deeper/new/pgconf-lint.sarif', 'real/deeper'],
      // From a subdirectory, ../reports is still inside the repository and checked from its top.
      [join(dir, 'db'), '../reports/pgconf-lint.sarif', 'reports'],
      [dir, join(dir, 'reports', 'abs.sarif'), 'reports'],
    ] as const) {
      const r = run(['.', '--output', output], cwd);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual([`pgconf-lint: cannot write --output ${output}: its parent directory ${shown} is a symbolic link; output is never written through a link`]);
    }
    expect(snapshot(outside)).toEqual(before);
    // Outside any repository the working directory is checked the same way.
    const plain = makeTree({ 'pg_hba.conf': HBA });
    symlinkSync(outside, join(plain, 'reports'));
    const p = run(['.', '--output', 'reports/x.txt'], plain);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/^pgconf-lint: cannot write --output reports\/x\.txt: its parent directory reports is a symbolic link/);
    expect(snapshot(outside)).toEqual(before);
  });

  test('an absolute path outside the repository is the invoker\'s choice, written in place, but a link there is refused, not followed', () => {
    const victim = makeTree({ 'secret': 'keep me\n' });
    const out = makeTree({ 'existing.txt': 'old\n' });
    symlinkSync(join(victim, 'secret'), join(out, 'report.txt'));
    const dir = gitRepo({ 'db/pg_hba.conf': HBA });
    const r = run(['db', '--output', join(out, 'report.txt')], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`pgconf-lint: cannot write --output ${join(out, 'report.txt')}: it is a symbolic link; output is never written through a link (give the path it points to)`]);
    expect(readFileSync(join(victim, 'secret'), 'utf8')).toBe('keep me\n');
    expect(lstatSync(join(out, 'report.txt')).isSymbolicLink()).toBe(true);
    // A plain file there is overwritten in place (same inode: its owner, mode and links stay).
    const ino = statSync(join(out, 'existing.txt')).ino;
    expect(run(['db', '--output', join(out, 'existing.txt')], dir).code).toBe(1);
    expect(statSync(join(out, 'existing.txt')).ino).toBe(ino);
    expect(readFileSync(join(out, 'existing.txt'), 'utf8')).toContain('db/pg_hba.conf');
    expect(readdirSync(out).sort()).toEqual(['existing.txt', 'report.txt']);
  });
});

describe('safeWriteFile', () => {
  const action = (ws: string, tmp?: string): SafeWriteOptions => ({ roots: tmp ? [ws, tmp] : [ws], rootsLabel: 'GITHUB_WORKSPACE and RUNNER_TEMP', outside: 'refuse', createParents: true });
  const message = (f: () => void): string => {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(SafeWriteError);
      return (err as Error).message;
    }
    throw new Error('did not throw');
  };

  test('creates missing parents one at a time, inside the roots only', () => {
    const ws = makeTree({});
    const tmp = makeTree({});
    safeWriteFile(join(ws, 'a/b/c.sarif'), '{}', action(ws, tmp));
    expect(readFileSync(join(ws, 'a/b/c.sarif'), 'utf8')).toBe('{}');
    safeWriteFile(join(tmp, 'r.sarif'), 'x', action(ws, tmp));
    expect(readFileSync(join(tmp, 'r.sarif'), 'utf8')).toBe('x');
    const elsewhere = makeTree({});
    expect(message(() => safeWriteFile(join(elsewhere, 'x.sarif'), 'x', action(ws, tmp)))).toBe('outside GITHUB_WORKSPACE and RUNNER_TEMP; output files are written only there');
    expect(message(() => safeWriteFile(join(ws, '..', 'escape.sarif'), 'x', action(ws)))).toMatch(/^outside /);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(message(() => safeWriteFile(join(ws, 'n/o.sarif'), 'x', { ...action(ws), createParents: false }))).toBe('No such file or directory');
    expect(existsSync(join(ws, 'n'))).toBe(false);
  });

  test('a symlinked or non-directory parent, or a directory target, is refused and leaves no temporary file', () => {
    const outside = makeTree({});
    const ws = makeTree({ 'file': 'x', 'dir/keep': '' });
    symlinkSync(outside, join(ws, 'link'));
    mkdirSync(join(ws, 'real'));
    symlinkSync(outside, join(ws, 'real', 'link'));
    expect(message(() => safeWriteFile(join(ws, 'link/deep/x.sarif'), 'x', action(ws)))).toMatch(/parent directory link is a symbolic link/);
    expect(message(() => safeWriteFile(join(ws, 'real/link/x.sarif'), 'x', action(ws)))).toMatch(/parent directory real\/link is a symbolic link/);
    expect(readdirSync(outside)).toEqual([]);
    expect(message(() => safeWriteFile(join(ws, 'file/x.sarif'), 'x', action(ws)))).toBe('its parent file is not a directory');
    expect(message(() => safeWriteFile(join(ws, 'dir'), 'x', action(ws)))).toBe('Is a directory');
    expect(message(() => safeWriteFile(ws, 'x', action(ws)))).toBe('Is a directory');
    expect(readdirSync(ws).sort()).toEqual(['dir', 'file', 'link', 'real']);
    expect(readdirSync(join(ws, 'dir'))).toEqual(['keep']);
  });

  test('a root reached through a symlink is trusted (the runner chose it); the mode is 0644 whatever the umask', () => {
    const real = makeTree({});
    const holder = makeTree({});
    symlinkSync(real, join(holder, 'ws'));
    const old = process.umask(0o077);
    try {
      safeWriteFile(join(holder, 'ws', 'out', 'r.sarif'), 'ok', action(join(holder, 'ws')));
    } finally {
      process.umask(old);
    }
    expect(readFileSync(join(real, 'out', 'r.sarif'), 'utf8')).toBe('ok');
    expect((statSync(join(real, 'out', 'r.sarif')).mode & 0o777).toString(8)).toBe('644');
  });

  test('a hard link planted in the target\'s place: the name is replaced, the linked file keeps its content', () => {
    const ws = makeTree({ 'r.sarif': 'old' });
    const outside = makeTree({ 'victim': 'victim' });
    linkSync(join(outside, 'victim'), join(ws, 'h.sarif')); // both under the temp directory: one file system
    safeWriteFile(join(ws, 'r.sarif'), 'new', action(ws));
    expect(readFileSync(join(ws, 'r.sarif'), 'utf8')).toBe('new');
    safeWriteFile(join(ws, 'h.sarif'), 'new', action(ws));
    expect(readFileSync(join(outside, 'victim'), 'utf8')).toBe('victim');
    expect(readFileSync(join(ws, 'h.sarif'), 'utf8')).toBe('new');
  });
});
