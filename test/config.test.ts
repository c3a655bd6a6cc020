import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { lint } from '../src/api.js';
import { ConfigError, loadConfig, mergeRules, parseSize } from '../src/engine/config.js';
import { RULES } from '../rules/index.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const cli = join(new URL('.', import.meta.url).pathname, '..', 'dist', 'cli.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

function lintWithConfig(files: Record<string, string>, configText: string, name = '.pgconf-lint.yml') {
  const dir = makeTree({ ...files, [name]: configText });
  const config = loadConfig(join(dir, name), RULES);
  return lint(['.'], { cwd: dir, config });
}

describe('config validation', () => {
  test.each([
    ['pgVersion: 9\n', /\.pgconf-lint\.yml:1:12: pgVersion: must be one of 10, 11/],
    ['rules:\n  no-such-rule: off\n', /\.pgconf-lint\.yml:2:3: rules: unknown rule "no-such-rule"|:2:\d+: rules.*unknown rule "no-such-rule"/],
    ['rules:\n  invalid-value: loud\n', /\.pgconf-lint\.yml:2:18: rules\.invalid-value: must be one of/],
    ['colour: red\n', /unknown key "colour"/],
    ['overrides:\n  - pgVersion: 12\n', /overrides\.0: must have required property 'files'/],
    ['rules: [\n', /\.pgconf-lint\.yml:\d+:\d+: /],
    ['assume:\n  memory: lots\n', /assume\.memory/],
  ])('%j is rejected with file, line and key', (text, message) => {
    const dir = makeTree({ '.pgconf-lint.yml': text });
    expect(() => loadConfig(join(dir, '.pgconf-lint.yml'), RULES)).toThrow(ConfigError);
    try {
      loadConfig(join(dir, '.pgconf-lint.yml'), RULES);
    } catch (err) {
      expect((err as Error).message).toMatch(message);
    }
  });

  test('a config error masks credentials and bounds what it quotes from the file', () => {
    const token = 'ghs_' + 'Q'.repeat(36);
    const long = 'x'.repeat(5000);
    const dir = makeTree({ 'a.yml': `rules:\n  ${token}: off\n`, 'b.yml': `rules:\n  ${long}: off\n` });
    expect(() => loadConfig(join(dir, 'a.yml'), RULES)).toThrow(/unknown rule "ghs_\*\*\*\*/);
    expect(() => loadConfig(join(dir, 'a.yml'), RULES)).not.toThrow(new RegExp(token));
    try {
      loadConfig(join(dir, 'b.yml'), RULES);
      throw new Error('no error');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message.length).toBeLessThan(400);
    }
  });

  test('the CLI exits 2 with one line for a broken config, found automatically or by --config', () => {
    const dir = makeTree({ '.pgconf-lint.yml': 'rules:\n  nope: off\n', 'postgresql.conf': 'port = 1\n', 'other.yml': 'pgVersion: "x"\n' });
    const r = run(['.'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown rule "nope"/);
    const r2 = run(['.', '--config', 'other.yml'], dir);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/other\.yml:1:\d+: pgVersion/);
    expect(run(['.', '--config', 'missing.yml'], dir).stderr).toMatch(/--config missing\.yml: no such file/);
  });

  test('JSON config works too', () => {
    const dir = makeTree({ '.pgconf-lint.json': '{"rules": {"invalid-value": "off"}}', 'postgresql.conf': 'work_mem = 8mb\n' });
    expect(run(['.'], dir).status).toBe(0);
  });

  test('sizes and rule merging', () => {
    expect(parseSize('64GB')).toBe(64 * 1024 ** 3);
    expect(parseSize(1000)).toBe(1000);
    expect(mergeRules([{ a: 'warning' }, { a: { severity: 'off', x: 1 } }, { a: 'error' }])).toEqual({ a: { severity: 'error', options: { x: 1 } } });
  });
});

describe('config semantics', () => {
  test('pgVersion, overrides by path, and rule severities', () => {
    const r = lintWithConfig(
      { 'a/postgresql.conf': 'wal_keep_segments = 64\n', 'legacy/postgresql.conf': 'wal_keep_segments = 64\nwork_mem = 8mb\n' },
      'pgVersion: 16\noverrides:\n  - files: ["legacy/**"]\n    pgVersion: 12\n    rules:\n      invalid-value: warning\n',
    );
    expect(r.files.map((f) => [f.path, f.pgVersion])).toEqual([
      ['a/postgresql.conf', 16],
      ['legacy/postgresql.conf', 12],
    ]);
    expect(r.diagnostics.map((d) => [d.loc.file, d.rule, d.severity])).toEqual([
      ['a/postgresql.conf', 'removed-setting', 'error'],
      ['legacy/postgresql.conf', 'invalid-value', 'warning'],
    ]);
  });

  test('explicit clusters group files from different directories', () => {
    const r = lintWithConfig(
      { 'conf/postgresql.conf': 'port = 5432\n', 'hba/pg_hba.conf': 'local all all peer\n', 'other/postgresql.conf': 'port = 1\n' },
      'clusters:\n  - name: orders\n    files: ["conf/postgresql.conf", "hba/pg_hba.conf"]\n    pgVersion: 13\n',
    );
    const c = r.clusters.map((x) => [x.input.name ?? null, x.input.major, x.input.files.map((f) => f.kind).sort()]);
    expect(c).toEqual([
      [null, 18, ['postgresql.conf']],
      ['orders', 13, ['pg_hba.conf', 'postgresql.conf']],
    ]);
  });

  test('file-kind globs and ignore', () => {
    const r = lintWithConfig(
      { 'tpl/main.pg.conf': 'work_mem = 8mb\n', 'vendor/x/postgresql.conf': 'bad = = =\n', 'access/hba-prod.conf': 'host all all 10.0.0.0 md5\n' },
      'files:\n  postgresql.conf: ["**/*.pg.conf"]\n  pg_hba.conf: ["access/hba-*.conf"]\nignore: ["vendor/**"]\n',
    );
    expect(r.diagnostics.map((d) => [d.loc.file, d.rule])).toEqual([
      ['access/hba-prod.conf', 'hba-invalid-record'],
      ['tpl/main.pg.conf', 'invalid-value'],
    ]);
  });

  test('the CLI flag beats the config version', () => {
    const dir = makeTree({ '.pgconf-lint.yml': 'pgVersion: 16\n', 'postgresql.conf': 'wal_keep_segments = 64\n' });
    expect(run(['.'], dir).status).toBe(1);
    expect(run(['.', '--pg-version', '12'], dir).status).toBe(0);
  });
});
