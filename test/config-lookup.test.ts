/**
 * Where the configuration comes from, as ESLint and ruff users expect: the nearest
 * .pgconf-lint.yml|.yaml|.json from the working directory up to the repository root (never above
 * it, never through a link out of it), or --config; the Action looks the same way from the checked
 * repository up to the workspace. Globs stay relative to the config file, report paths relative to
 * the repository root. Against the real CLI (dist/cli.cjs) and Action (dist/action.js).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { findConfigUpward, lookupTop } from '../src/config/config-lookup.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';
import { ownWarnings, runAction } from './support/action-run.js';

afterAll(cleanupFixtures);

const cli = join(new URL('.', import.meta.url).pathname, '..', 'dist', 'cli.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args, '--format', 'json'], { cwd, encoding: 'utf8', timeout: 60_000 });
/** The findings of a JSON report as "file:rule". */
const findings = (stdout: string): string[] => (JSON.parse(stdout) as { diagnostics: { file: string; rule: string }[] }).diagnostics.map((d) => `${d.file}:${d.rule}`);

/** work_mem = 8mb is an invalid-value error; the config turns the rule off. */
const BAD = 'work_mem = 8mb\n';
const OFF = 'rules:\n  invalid-value: off\n';

describe('findConfigUpward', () => {
  test('the nearest directory holding a config, from the start up to the top, never above it', () => {
    const dir = makeTree({ '.pgconf-lint.yml': OFF, 'repo/.git/HEAD': '', 'repo/.pgconf-lint.json': '{}', 'repo/a/b/x': '', 'repo/a/.pgconf-lint.yaml': OFF });
    const repo = join(dir, 'repo');
    expect(findConfigUpward(join(repo, 'a/b'), repo)).toEqual({ path: join(repo, 'a/.pgconf-lint.yaml'), shadowed: [] });
    expect(findConfigUpward(repo, repo)).toEqual({ path: join(repo, '.pgconf-lint.json'), shadowed: [] });
    // The top is the last directory looked at: the config above it is not found.
    expect(findConfigUpward(join(repo, 'a/b'), join(repo, 'a/b'))).toBeUndefined();
    // A start outside the top is searched alone.
    expect(findConfigUpward(join(repo, 'a/b'), join(dir, 'elsewhere'))).toBeUndefined();
  });

  test('several names in one directory: .yml, then .yaml, then .json; the others are named as not read', () => {
    const dir = makeTree({ '.pgconf-lint.json': '{}', '.pgconf-lint.yaml': '', '.pgconf-lint.yml': '' });
    expect(findConfigUpward(dir, dir)).toEqual({ path: join(dir, '.pgconf-lint.yml'), shadowed: ['.pgconf-lint.yaml', '.pgconf-lint.json'] });
  });

  test('a dangling link counts as a config (the reader reports it), a directory of that name too', () => {
    const dir = makeTree({ 'sub/x': '' });
    symlinkSync('nowhere.yml', join(dir, '.pgconf-lint.yml'));
    expect(findConfigUpward(join(dir, 'sub'), dir)?.path).toBe(join(dir, '.pgconf-lint.yml'));
  });

  test('lookupTop: the repository root, or --root when it holds the working directory and lies below the root', () => {
    expect(lookupTop('/r/db', '/r')).toBe('/r');
    expect(lookupTop('/r/db', '/r', '.')).toBe('/r/db');
    expect(lookupTop('/r/db/x', '/r', '..')).toBe('/r/db');
    expect(lookupTop('/r', '/r', 'db')).toBe('/r'); // the working directory is not inside --root
    expect(lookupTop('/r/db', '/r', '/')).toBe('/r'); // --root above the repository root
  });
});

describe('the CLI finds the config from the working directory up to the repository root', () => {
  const repoTree = (extra: Record<string, string> = {}) =>
    makeTree({ 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/db/postgresql.conf': BAD, 'repo/db/legacy/postgresql.conf': BAD, ...extra });

  test('cd db && pgconf-lint . reads the repository\'s config; its globs stay relative to it, report paths to the root', () => {
    const dir = repoTree({ 'repo/.pgconf-lint.yml': 'ignore: ["db/legacy/**"]\n' });
    const r = run(['.'], join(dir, 'repo/db'));
    expect(r.stderr).toBe('');
    expect(findings(r.stdout)).toEqual(['db/postgresql.conf:invalid-value']);
    // From the root the same config and the same report.
    expect(findings(run(['db'], join(dir, 'repo')).stdout)).toEqual(['db/postgresql.conf:invalid-value']);
  });

  test('the nearest config wins; overrides in it match paths relative to its own directory', () => {
    const dir = repoTree({
      'repo/.pgconf-lint.yml': OFF,
      'repo/db/.pgconf-lint.yml': 'overrides:\n  - files: ["legacy/**"]\n    rules:\n      invalid-value: off\n',
    });
    const r = run(['.'], join(dir, 'repo/db'));
    expect(r.status).toBe(1);
    expect(findings(r.stdout)).toEqual(['db/postgresql.conf:invalid-value']);
    // From the root, db/.pgconf-lint.yml is not the nearest: the root's turns the rule off.
    expect(run(['db'], join(dir, 'repo')).status).toBe(0);
  });

  test('a config above the repository root is not read', () => {
    const dir = repoTree({ '.pgconf-lint.yml': OFF });
    const r = run(['.'], join(dir, 'repo/db'));
    expect(r.status).toBe(1);
    expect(findings(r.stdout)).toEqual(['db/legacy/postgresql.conf:invalid-value', 'db/postgresql.conf:invalid-value']);
  });

  test('outside a repository only the working directory is searched', () => {
    const dir = makeTree({ '.pgconf-lint.yml': OFF, 'db/postgresql.conf': BAD });
    expect(run(['.'], join(dir, 'db')).status).toBe(1);
    expect(run(['db'], dir).status).toBe(0);
  });

  test('--root below the repository root ends the search there', () => {
    const dir = repoTree({ 'repo/.pgconf-lint.yml': OFF });
    expect(run(['.', '--root', '.'], join(dir, 'repo/db')).status).toBe(1);
    expect(run(['.', '--root', '..'], join(dir, 'repo/db')).status).toBe(0);
  });

  test('several config names in one directory: .yml is read, and a warning says which were not', () => {
    const dir = repoTree({ 'repo/.pgconf-lint.yml': OFF, 'repo/.pgconf-lint.json': '{"rules": {"invalid-value": "error"}}' });
    const r = run(['.'], join(dir, 'repo/db'));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('pgconf-lint: warning: ../.pgconf-lint.yml is used; .pgconf-lint.json in the same directory is not read (keep one config file)\n');
  });

  test('--config names the file and no search is made', () => {
    const dir = repoTree({ 'repo/.pgconf-lint.yml': 'rules: [\n', 'repo/ci/strict.yml': 'rules:\n  invalid-value: info\n' });
    const r = run(['.', '--config', '../ci/strict.yml', '--fail-on', 'warning'], join(dir, 'repo/db'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(findings(r.stdout)).toHaveLength(2);
  });

  test('a found config\'s errors name it relative to the working directory, at the key', () => {
    const dir = repoTree({ 'repo/.pgconf-lint.yml': 'rules:\n  freeze-max-age-high:\n    threshhold: 1\n' });
    const r = run(['.'], join(dir, 'repo/db'));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('pgconf-lint: ../.pgconf-lint.yml:3:5: rules.freeze-max-age-high.threshhold: unknown option of rule freeze-max-age-high; did you mean "threshold"?\n');
  });

  test('a found config that links out of the repository is refused, from a subdirectory too; a link inside it is read', () => {
    const outside = makeTree({ 'creds.yml': 'secret_key_5a1: hunter2\n', 'ok.yml': OFF });
    const dir = repoTree({ 'repo/shared/lint.yml': OFF });
    symlinkSync(join(outside, 'creds.yml'), join(dir, 'repo/.pgconf-lint.yml'));
    const r = run(['.'], join(dir, 'repo/db'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^pgconf-lint: cannot read config \.\.\/\.pgconf-lint\.yml: outside the checked root[^\n]*\n$/);
    expect(r.stderr).not.toContain('hunter2');
    // Into .git/: refused the same way.
    const git = repoTree({ 'repo/.git/config': '[core]\n' });
    symlinkSync('.git/config', join(git, 'repo/.pgconf-lint.yml'));
    expect(run(['.'], join(git, 'repo/db')).stderr).toMatch(/^pgconf-lint: cannot read config \.\.\/\.pgconf-lint\.yml: inside the repository's \.git directory[^\n]*\n$/);
    // A link to another file of the repository is an ordinary config.
    const inside = repoTree({ 'repo/shared/lint.yml': OFF });
    symlinkSync('shared/lint.yml', join(inside, 'repo/.pgconf-lint.yml'));
    expect(run(['.'], join(inside, 'repo/db')).status).toBe(0);
  });

  test('a directory on the way up that is a link is not followed: the search climbs the real path', () => {
    // db is a link to elsewhere/db: the working directory is the real one, outside the repository.
    const dir = makeTree({ 'repo/.git/HEAD': '', 'repo/.pgconf-lint.yml': OFF, 'elsewhere/db/postgresql.conf': BAD });
    symlinkSync(join(dir, 'elsewhere/db'), join(dir, 'repo/db'));
    expect(run(['.'], join(dir, 'repo/db')).status).toBe(1);
  });
});

describe('the Action finds the config the same way', () => {
  test('at the workspace root, as before', async () => {
    const r = await runAction({ files: { '.pgconf-lint.yml': OFF, 'db/postgresql.conf': BAD }, eventName: 'push', event: {} });
    expect(r.code).toBe(0);
  });

  test('in the repository checked out into a subdirectory (actions/checkout path:), up to the workspace', async () => {
    const files = { 'repo/.git/HEAD': '', 'repo/.pgconf-lint.yml': OFF, 'repo/db/postgresql.conf': BAD };
    expect((await runAction({ files, inputs: { paths: 'repo' }, eventName: 'push', event: {} })).code).toBe(0);
    // Without a config in the repository, the workspace's is the next one up.
    const up = { 'repo/.git/HEAD': '', '.pgconf-lint.yml': OFF, 'repo/db/postgresql.conf': BAD };
    expect((await runAction({ files: up, inputs: { paths: 'repo' }, eventName: 'push', event: {} })).code).toBe(0);
  });

  test('several names: the same precedence and the same warning; the config input names the file', async () => {
    const files = { '.pgconf-lint.yml': OFF, '.pgconf-lint.yaml': 'rules: [\n', 'db/postgresql.conf': BAD, 'ci/strict.yml': 'rules:\n  invalid-value: error\n' };
    const r = await runAction({ files, eventName: 'push', event: {} });
    expect(r.code).toBe(0);
    expect(ownWarnings(r)).toContain('pgconf-lint: .pgconf-lint.yml is used; .pgconf-lint.yaml in the same directory is not read (keep one config file)');
    expect((await runAction({ files, inputs: { config: 'ci/strict.yml' }, eventName: 'push', event: {} })).code).toBe(1);
  });

  test('a config linking out of the workspace fails the step with one line', async () => {
    const outside = makeTree({ 'creds.yml': 'secret_key_5a1: hunter2\n' });
    const r = await runAction({
      files: { 'repo/.git/HEAD': '', 'repo/db/postgresql.conf': BAD },
      inputs: { paths: 'repo' },
      eventName: 'push',
      event: {},
      prepare: (ws) => {
        mkdirSync(join(ws, 'repo'), { recursive: true });
        symlinkSync(join(outside, 'creds.yml'), join(ws, 'repo/.pgconf-lint.yml'));
      },
    });
    expect(r.code).toBe(1);
    const failed = r.commands.filter((c) => c.kind === 'error' && !c.props.file).map((c) => c.message);
    expect(failed).toEqual([expect.stringMatching(/^pgconf-lint: cannot read config .*repo\/\.pgconf-lint\.yml: outside the checked root/)]);
    expect(r.stdout).not.toContain('hunter2');
  });
});
