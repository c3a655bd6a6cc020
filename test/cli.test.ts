import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../rules/index.js';
import { VERSION } from '../src/version.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const repo = join(new URL('.', import.meta.url).pathname, '..');
const cli = join(repo, 'dist', 'cli.cjs');

/** Runs the committed bundle exactly as `npx pgconf-lint` would. */
function run(args: string[], cwd = repo) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('pgconf-lint CLI (dist/cli.cjs)', () => {
  test('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect(run(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  test('the demo repository has findings and exits 1', () => {
    const r = run(['fixtures/demo']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    // Each finding with its source: the line, carets under the value (`--format concise` has the one-line form).
    expect(r.stdout).toMatch(/^error\[invalid-value\](?: \[\*\])?: invalid value for parameter "work_mem": "64mb"/m);
    expect(r.stdout).toContain(['  --> fixtures/demo/postgresql/16/main/postgresql.conf:22:12', '   |', '22 | work_mem = 64mb', '   |            ^^^^'].join('\n'));
    for (const rule of ['unknown-setting', 'invalid-value', 'removed-setting', 'duplicate-setting', 'syntax-error', 'missing-include']) {
      expect(r.stdout).toContain(rule);
    }
    expect(r.stdout).toMatch(/Did you mean "shared_buffers"\?/);
  });

  test('--format json follows the version 1 report', () => {
    const r = run(['fixtures/demo', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      version: number;
      files: { path: string; kind: string; pgVersion: number }[];
      diagnostics: { rule: string; file: string; line: number; column: number; endLine: number; endColumn: number; suppressed: boolean }[];
      summary: Record<string, number>;
    };
    expect(report.version).toBe(1);
    expect(report.files).toContainEqual({ path: 'fixtures/demo/postgresql/12/replica/postgresql.conf', kind: 'postgresql.conf', pgVersion: 12 });
    expect(report.files).toContainEqual({ path: 'fixtures/demo/postgresql/16/main/pg_hba.conf', kind: 'pg_hba.conf', pgVersion: 16 });
    const workMem = report.diagnostics.find((d) => d.rule === 'invalid-value' && d.file.endsWith('16/main/postgresql.conf'));
    // work_mem = 64mb is on line 22; the value starts at column 12
    expect(workMem).toMatchObject({ line: 22, column: 12, endLine: 22, endColumn: 16, suppressed: false });
    expect(report.summary.error).toBe(report.diagnostics.filter((d) => (d as unknown as { severity: string }).severity === 'error').length);
  });

  test('--fail-on never exits 0; a clean tree exits 0', () => {
    expect(run(['fixtures/demo', '--fail-on', 'never']).code).toBe(0);
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8MB\n' });
    const r = run(['.'], dir);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toMatch(/No problems found in 1 file/);
  });

  test('--rule turns a rule off', () => {
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8mb\n' });
    expect(run(['.'], dir).code).toBe(1);
    expect(run(['.', '--rule', 'invalid-value=off'], dir).code).toBe(0);
    expect(run(['.', '--rule', 'invalid-value=warning'], dir).code).toBe(0);
    expect(run(['.', '--rule', 'invalid-value=warning', '--fail-on', 'warning'], dir).code).toBe(1);
  });

  test.each([
    [['no/such/path'], /no\/such\/path: no such file or directory/],
    [['--bogus'], /unknown option --bogus/],
    [['--pg-version', '9'], /--pg-version 9 is not supported/],
    [['--format', 'xml'], /--format must be/],
    [['--rule', 'no-such-rule=off'], /unknown rule "no-such-rule"/],
    [['fixtures/demo', '--output', '/nonexistent-dir/out.txt'], /cannot write --output/],
  ])('bad invocation %j exits 2 with one line', (args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test.each([
    [['.', '--config', 'broken.yml'], /broken\.yml:\d+:\d+: /],
    [['.', '--config', 'schema.yml'], /schema\.yml:1:\d+: pgVersion/],
    [['.', '--config', 'unknown-rule.yml'], /unknown rule "no-such-rule"/],
    [['.', '--config', 'confdir'], /cannot read config confdir: Is a directory/],
    [['.', '--config', 'missing.yml'], /--config missing\.yml: no such file/],
    [['.', '--pg-version', '19'], /--pg-version 19 is not supported; use one of 10, 11/],
    [['.', '--pg-version', 'sixteen'], /--pg-version sixteen is not supported/],
    [['.', '--pg-version'], /--pg-version needs a value/],
    [['.', '--rule', 'nope'], /--rule takes NAME=off\|info\|warning\|error/],
    [['.', '--output', 'outdir'], /cannot write --output outdir: Is a directory/],
    [['.', '--output', 'no/such/dir/out.txt'], /cannot write --output no\/such\/dir\/out\.txt: No such file or directory/],
    [['.', '--root', 'nowhere'], /--root nowhere: No such file or directory/],
    [['.', '--root', 'postgresql.conf'], /--root postgresql\.conf: Not a directory/],
    [['..'], /\.\.: outside the root .*; nothing outside it is read \(see --root\)/],
    [['.', '--max-file-size', '10MB'], /--max-file-size takes a number of bytes/],
    [['settings', '.', '--format', 'sarif'], /--format sarif applies to check only/],
  ])('bad invocation %j in a project exits 2 with one line naming the problem', (args, message) => {
    const dir = makeTree({
      'postgresql.conf': 'work_mem = 8MB\n',
      'broken.yml': 'rules: [\n',
      'schema.yml': 'pgVersion: 9\n',
      'unknown-rule.yml': 'rules:\n  no-such-rule: off\n',
      'confdir/x': '',
      'outdir/x': '',
    });
    const r = run(args, dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^pgconf-lint: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  test('an internal error is one line; --debug adds the stack trace', () => {
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8MB\n' });
    // Make the JSON reporter fail, as a bug would.
    const boom = 'data:text/javascript,JSON.stringify = () => { throw new Error("boom in the reporter") };';
    const go = (extra: string[]) => spawnSync(process.execPath, ['--import', boom, cli, '.', '--format', 'json', ...extra], { cwd: dir, encoding: 'utf8' });
    const plain = go([]);
    expect(plain.status).toBe(2);
    expect(plain.stderr.trim().split('\n')).toEqual(['pgconf-lint: internal error: boom in the reporter (run with --debug for details)']);
    const debug = go(['--debug']);
    expect(debug.status).toBe(2);
    expect(debug.stderr).toMatch(/^pgconf-lint: internal error: boom in the reporter\nError: boom in the reporter\n\s+at /);
    // The frames name our functions (the bundle keeps their names in a run with --debug; scripts/build.mjs).
    expect(debug.stderr).toMatch(/\n\s+at formatJson \(/);
    expect(debug.stderr).toMatch(/\n\s+at formatReport \(/);
  });

  test('rules lists every rule', () => {
    const r = run(['rules', '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { name: string }[]).map((x) => x.name)).toEqual(RULES.map((x) => x.name));
  });

  test('settings prints pg_file_settings rows with canonical values', () => {
    const dir = makeTree({
      'postgresql.conf': "work_mem = '1.5MB'\nfsync = of\nport = 5432\ninclude 'x.conf'\n",
      'x.conf': 'port = 6543\nbogus_param = 1\n',
      'PG_VERSION': '16\n',
    });
    const r = run(['settings', '.', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows.map((x) => [x.sourcefile, x.sourceline, x.seqno, x.name, x.setting, x.canonical, x.applied])).toEqual([
      ['postgresql.conf', 1, 1, 'work_mem', '1.5MB', '1536', true],
      ['postgresql.conf', 2, 2, 'fsync', 'of', 'off', true],
      ['postgresql.conf', 3, 3, 'port', '5432', '5432', false],
      ['x.conf', 1, 4, 'port', '6543', '6543', true],
      ['x.conf', 2, 5, 'bogus_param', '1', null, false],
    ]);
    expect(rows[4]!.error).toBe('unrecognized configuration parameter "bogus_param" in file "x.conf" line 2');
    expect(rows.every((x) => x.pgVersion === 16)).toBe(true);
  });
});
