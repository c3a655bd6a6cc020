import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from './support/lint.js';
import { CONFIG_MAX_MARKS, CONFIG_SCHEMA_URL, ConfigError, configSchema, loadConfig, mergeRules, parseSize } from '../src/config/config.js';
import { RULES } from '../rules/index.js';
import type { Rule } from '../src/linter/rule.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const cli = join(new URL('.', import.meta.url).pathname, '..', 'dist', 'cli.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

function lintWithConfig(files: Record<string, string>, configText: string, name = '.pgconf-lint.yml') {
  const dir = makeTree({ ...files, [name]: configText });
  const config = loadConfig(join(dir, name), RULES);
  return lint(['.'], { cwd: dir, config });
}

describe('config validation', () => {
  test.each([
    ['pgVersion: 9\n', /\.pgconf-lint\.yml:1:12: pgVersion: must be one of 10, 11/],
    ['rules:\n  no-such-rule: off\n', /\.pgconf-lint\.yml:2:3: rules\.no-such-rule: unknown rule "no-such-rule" \(see pgconf-lint rules\)$/],
    ['rules:\n  invalid-value: loud\n', /\.pgconf-lint\.yml:2:18: rules\.invalid-value: must be one of/],
    ['colour: red\n', /\.pgconf-lint\.yml:1:1: colour: unknown key \(allowed here: \$schema, profile, pgVersion, rules, assume, overrides, clusters, files, ignore, allowedNetworks, maxFileSize\)$/],
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

/** The config error for a file, with the fixture's directory left out of the path. */
function configError(text: string, name = '.pgconf-lint.yml'): string {
  const dir = makeTree({ [name]: text });
  try {
    loadConfig(join(dir, name), RULES);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message.replace(`${dir}/`, '');
  }
  throw new Error('the config was accepted');
}

describe('config errors point at the offending key and say what was meant', () => {
  test('$schema is accepted at the top level (YAML and JSON) and must be a string', () => {
    const url = CONFIG_SCHEMA_URL;
    const dir = makeTree({
      'a.yml': `$schema: ${url}\nrules:\n  hba-md5: off\n`,
      'b.json': JSON.stringify({ $schema: url, rules: { 'hba-md5': 'off' } }),
    });
    expect(loadConfig(join(dir, 'a.yml'), RULES).config).toEqual({ $schema: url, rules: { 'hba-md5': 'off' } });
    expect(loadConfig(join(dir, 'b.json'), RULES).config).toEqual({ $schema: url, rules: { 'hba-md5': 'off' } });
    expect(configError('$schema: 5\n')).toBe('.pgconf-lint.yml:1:10: $schema: must be a string');
    // Only at the top level: elsewhere it is an unknown key like any other.
    expect(configError('assume:\n  $schema: x\n')).toBe('.pgconf-lint.yml:2:3: assume.$schema: unknown key (allowed here: dataChecksums, failover, role, memory)');
  });

  test('the published schema allows $schema, and its $id is the URL the README gives', () => {
    const schema = configSchema(RULES) as { $id: string; properties: Record<string, { type?: string }> };
    expect(schema.properties.$schema).toMatchObject({ type: 'string' });
    expect(schema.$id).toBe(CONFIG_SCHEMA_URL);
    expect(CONFIG_SCHEMA_URL).toMatch(/^https:\/\/raw\.githubusercontent\.com\/pgconf-lint\/pgconf-lint\/v\d+\/schema\/pgconf-lint\.schema\.json$/);
  });

  test.each([
    ['top level, misspelled', 'pgVersion: 16\npgversion: 15\n', '.pgconf-lint.yml:2:1: pgversion: unknown key; did you mean "pgVersion"?'],
    ['top level, a plural dropped', 'rule:\n  hba-md5: off\n', '.pgconf-lint.yml:1:1: rule: unknown key; did you mean "rules"?'],
    ['a rule name', 'rules:\n  fsync-off: error\n  hba-md: off\n', '.pgconf-lint.yml:3:3: rules.hba-md: unknown rule "hba-md"; did you mean "hba-md5"?'],
    ['a rule name with nothing close', 'rules:\n  nothing-like-it: off\n', '.pgconf-lint.yml:2:3: rules.nothing-like-it: unknown rule "nothing-like-it" (see pgconf-lint rules)'],
    [
      'overrides[1]',
      'overrides:\n  - files: ["a/**"]\n    pgVersion: 12\n  - files: ["b/**"]\n    pg_version: 13\n',
      '.pgconf-lint.yml:5:5: overrides.1.pg_version: unknown key; did you mean "pgVersion"?',
    ],
    ['a rule in overrides[0]', 'overrides:\n  - files: ["a/**"]\n    rules:\n      hba-md55: off\n', '.pgconf-lint.yml:4:7: overrides.0.rules.hba-md55: unknown rule "hba-md55"; did you mean "hba-md5"?'],
    [
      'clusters[0] (which takes no rules)',
      'clusters:\n  - name: orders\n    files: ["db/*"]\n    rules:\n      hba-md5: off\n',
      '.pgconf-lint.yml:4:5: clusters.0.rules: unknown key (allowed here: name, files, pgVersion, assume)',
    ],
    ['clusters[0], misspelled', 'clusters:\n  - nmae: orders\n    files: ["db/*"]\n', '.pgconf-lint.yml:2:5: clusters.0.nmae: unknown key; did you mean "name"?'],
    ['assume', 'assume:\n  role: primary\n  dataChecksum: true\n', '.pgconf-lint.yml:3:3: assume.dataChecksum: unknown key; did you mean "dataChecksums"?'],
    ['assume in clusters[0]', 'clusters:\n  - files: ["db/*"]\n    assume:\n      Failover: true\n', '.pgconf-lint.yml:4:7: clusters.0.assume.Failover: unknown key; did you mean "failover"?'],
    ['a file kind', 'files:\n  pg_hba.cnf: ["x"]\n', '.pgconf-lint.yml:2:3: files.pg_hba.cnf: unknown key; did you mean "pg_hba.conf"?'],
  ])('an unknown key (%s) is reported at the key itself', (_what, text, message) => {
    expect(configError(text)).toBe(message);
  });

  test('a misspelled rule option is named as one, with the rule\'s options when nothing is close', () => {
    expect(configError('rules:\n  freeze-max-age-high:\n    severity: warning\n    threshhold: 1000000000\n')).toBe(
      '.pgconf-lint.yml:4:5: rules.freeze-max-age-high.threshhold: unknown option of rule freeze-max-age-high; did you mean "threshold"?',
    );
    expect(configError('rules:\n  hba-wide-network:\n    ipv4prefix: 8\n')).toBe(
      '.pgconf-lint.yml:3:5: rules.hba-wide-network.ipv4prefix: unknown option of rule hba-wide-network; did you mean "ipv4Prefix"?',
    );
    expect(configError('rules:\n  hba-wide-network:\n    threshhold: 8\n')).toBe(
      '.pgconf-lint.yml:3:5: rules.hba-wide-network.threshhold: unknown option of rule hba-wide-network (its options: severity, ipv4Prefix, ipv6Prefix, allowedNetworks)',
    );
    expect(configError('rules:\n  hba-md5:\n    severity: error\n    threshold: 3\n')).toBe(
      '.pgconf-lint.yml:4:5: rules.hba-md5.threshold: unknown option of rule hba-md5, which takes no options besides severity',
    );
    expect(configError('overrides:\n  - files: ["x/**"]\n    rules:\n      freeze-max-age-high: { threshold: 1, treshold: 2 }\n')).toBe(
      '.pgconf-lint.yml:4:44: overrides.0.rules.freeze-max-age-high.treshold: unknown option of rule freeze-max-age-high; did you mean "threshold"?',
    );
  });

  test('a bad value says what is expected, at the value', () => {
    expect(configError('rules:\n  hba-wide-network:\n    ipv4Prefix: 40\n')).toBe('.pgconf-lint.yml:3:17: rules.hba-wide-network.ipv4Prefix: must be an integer from 0 to 32');
    expect(configError('rules:\n  freeze-max-age-high:\n    threshold: high\n')).toBe('.pgconf-lint.yml:3:16: rules.freeze-max-age-high.threshold: must be an integer of at least 0');
    expect(configError('rules:\n  hba-wide-network:\n    allowedNetworks: ["10.0.0.0"]\n')).toBe(
      '.pgconf-lint.yml:3:23: rules.hba-wide-network.allowedNetworks.0: must be a network in CIDR notation such as "10.0.0.0/8"',
    );
    expect(configError('rules:\n  hba-md5: warn\n')).toBe('.pgconf-lint.yml:2:12: rules.hba-md5: must be one of "off", "info", "warning", "error"; did you mean "warning"?');
    expect(configError('rules:\n  hba-md5: 2\n')).toBe('.pgconf-lint.yml:2:12: rules.hba-md5: must be one of "off", "info", "warning", "error", or a mapping (key: value)');
    expect(configError('rules:\n  hba-md5:\n    severity: eror\n')).toBe('.pgconf-lint.yml:3:15: rules.hba-md5.severity: must be one of "off", "info", "warning", "error"; did you mean "error"?');
    expect(configError('assume:\n  memory: lots\n')).toBe('.pgconf-lint.yml:2:11: assume.memory: must be a number of bytes or a size such as "64GB" (units B, kB, MB, GB, TB)');
    expect(configError('assume:\n  dataChecksums: "yes"\n')).toBe('.pgconf-lint.yml:2:18: assume.dataChecksums: must be true or false');
    expect(configError('ignore: vendor/**\n')).toBe('.pgconf-lint.yml:1:9: ignore: must be a list, each item a non-empty string');
    expect(configError('overrides:\n  - files: []\n')).toBe('.pgconf-lint.yml:2:12: overrides.0.files: must be a non-empty list, each item a non-empty string');
    expect(configError('- rules\n')).toBe('.pgconf-lint.yml:1:1: must be a mapping (key: value)');
  });

  test('a keyword of a rule\'s optionsSchema the locator does not know still fails with Ajv\'s message, at the value', () => {
    const rule = { ...RULES[0]!, name: 'list-rule', optionsSchema: { type: 'object', properties: { names: { type: 'array', maxItems: 1 } } } } as Rule;
    const dir = makeTree({ '.pgconf-lint.yml': 'rules:\n  list-rule:\n    names: [a, b]\n' });
    expect(() => loadConfig(join(dir, '.pgconf-lint.yml'), [...RULES, rule])).toThrow(/\.pgconf-lint\.yml:3:12: rules\.list-rule\.names: must NOT have more than 1 items$/);
  });

  test('of several problems, the first in the file is reported', () => {
    expect(configError('colour: red\npgVersion: 9\n')).toMatch(/^\.pgconf-lint\.yml:1:1: colour: unknown key/);
    expect(configError('pgVersion: 9\ncolour: red\n')).toMatch(/^\.pgconf-lint\.yml:1:12: pgVersion: must be one of 10, /);
    expect(configError('rules:\n  hba-md5: loud\n  fsync-of: off\n')).toMatch(/^\.pgconf-lint\.yml:2:12: rules\.hba-md5: must be one of/);
  });

  test('JSON configs are located the same way', () => {
    expect(configError('{\n  "rules": {\n    "hba-md5": "off",\n    "hba-wide-network": { "ipv4prefix": 8 }\n  }\n}\n', '.pgconf-lint.json')).toBe(
      '.pgconf-lint.json:4:27: rules.hba-wide-network.ipv4prefix: unknown option of rule hba-wide-network; did you mean "ipv4Prefix"?',
    );
    expect(configError('{"pgVersion": 16, "$schema": 1}', '.pgconf-lint.json')).toBe('.pgconf-lint.json:1:30: $schema: must be a string');
  });

  test('an unknown key that is long, multi-line or a credential is quoted bounded, masked and on one line', () => {
    const token = 'ghs_' + 'Q'.repeat(36);
    const odd = configError(`rules:\n  "a\\nb${'x'.repeat(1000)}": off\n  hba-md5:\n    "${token}": 1\n`);
    expect(odd.split('\n')).toHaveLength(1);
    expect(odd.length).toBeLessThan(400);
    expect(odd).toMatch(/^\.pgconf-lint\.yml:2:3: rules\."a\\nbx+…": unknown rule "a\\nbx+…" \(see pgconf-lint rules\)$/);
    const secret = configError(`rules:\n  hba-md5:\n    "${token}": 1\n`);
    expect(secret).not.toContain(token);
    expect(secret).toMatch(/^\.pgconf-lint\.yml:3:5: rules\.hba-md5\.ghs_\*\*\*\*: unknown option of rule hba-md5, which takes no options besides severity$/);
  });
});

describe('YAML that is not a config: one located config error, bounded in time and memory', () => {
  /** n levels of nine aliases each: 9^n strings when expanded. */
  function aliasBomb(levels: number, under = ''): string {
    const lines = [`${under}a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
    for (let i = 1; i <= levels; i++) lines.push(`${under}a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
    return lines.join('\n') + '\n';
  }

  test('a "billion laughs" document fails as a config error, quickly and in a small heap', () => {
    // 9^12 (282 billion) strings: expanded, no heap holds it; the reader stops at the alias count.
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8MB\n', '.pgconf-lint.yml': aliasBomb(12), 'nested.yml': `rules:\n  unknown-setting:\n    ignore: *a12\n${aliasBomb(12)}` });
    const started = Date.now();
    const r = spawnSync(process.execPath, ['--max-old-space-size=64', cli, '.'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.error).toBeUndefined();
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^pgconf-lint: \.pgconf-lint\.yml:2:10: too many alias expansions \(more than 100; a "billion laughs" document\); not read\n$/);
    expect(Date.now() - started).toBeLessThan(30_000);
    // In-process too, with the anchor used before it is defined.
    const t0 = Date.now();
    expect(() => loadConfig(join(dir, 'nested.yml'), RULES)).toThrow(/nested\.yml:3:13: alias \*a12 is used before its anchor/);
    expect(() => loadConfig(join(dir, '.pgconf-lint.yml'), RULES)).toThrow(/\.pgconf-lint\.yml:2:10: too many alias expansions/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  test('large files end in bounded time and heap: too many entries before parsing, duplicate keys in linear time', () => {
    const dir = makeTree({
      'postgresql.conf': 'work_mem = 8MB\n',
      // 400,000 list items: the parser alone took 5 s and 370 MB.
      'items.yml': `ignore: [${'1,'.repeat(400_000)}1]\n`,
      // 24,000 keys and a duplicate at the end: the parser's pairwise check took over a minute for 70,000.
      'keys.yml': `rules:\n${Array.from({ length: 24_000 }, (_, i) => `  r${i}: off\n`).join('')}  r5: off\n`,
      'nested.yml': `ignore: ${'['.repeat(3000)}${']'.repeat(3000)}\n`,
    });
    for (const [name, message] of [
      ['items.yml', `^pgconf-lint: items\\.yml:1:${10 + 2 * CONFIG_MAX_MARKS - 3}: more than ${CONFIG_MAX_MARKS} lines and YAML marks .*; not read\n$`],
      ['keys.yml', '^pgconf-lint: keys\\.yml:24002:3: Map keys must be unique\n$'],
      ['nested.yml', '^pgconf-lint: nested\\.yml:1:\\d+: nested too deeply; not read\n$'],
    ] as const) {
      const started = Date.now();
      const r = spawnSync(process.execPath, ['--max-old-space-size=96', cli, '.', '--config', name], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect({ name, signal: r.signal, status: r.status }).toEqual({ name, signal: null, status: 2 });
      expect(r.stderr).toMatch(new RegExp(message));
      expect(Date.now() - started).toBeLessThan(20_000);
    }
  });

  test.each([
    ['a duplicate key', 'pgVersion: 16\npgVersion: 17\n', /^\.pgconf-lint\.yml:2:1: Map keys must be unique/],
    ['an unclosed flow sequence', 'ignore: ["a",\n', /^\.pgconf-lint\.yml:2:1: /],
    ['a tab as indentation', 'rules:\n\thba-md5: off\n', /^\.pgconf-lint\.yml:2:1: /],
    ['two documents', 'pgVersion: 16\n---\npgVersion: 17\n', /^\.pgconf-lint\.yml:2:1: /],
    ['broken JSON', '{"rules": {"hba-md5": "off",}', /^\.pgconf-lint\.yml:1:\d+: /],
  ])('%s is a config error with file:line:col', (_what, text, message) => {
    expect(configError(text)).toMatch(message);
  });

  test('parse failures through the CLI: exit 2, one line on stderr, no stack, nothing logged by the YAML parser', () => {
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8MB\n', 'dup.yml': 'rules: {}\nrules: {}\n', 'complex-key.yml': '? [a, b]\n: 1\n' });
    for (const [name, message] of [
      ['dup.yml', /^pgconf-lint: dup\.yml:2:1: Map keys must be unique/],
      ['complex-key.yml', /^pgconf-lint: complex-key\.yml:1:\d+: "\[ a, b \]": unknown key \(allowed here: /],
    ] as const) {
      const r = run(['.', '--config', name], dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('the README\'s Configuration section', () => {
  const readme = readFileSync(join(new URL('.', import.meta.url).pathname, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Suppressing findings'));
  const blocks = (lang: string): string[] => [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

  test('its examples are valid configs, and the editor set-up names the published schema', () => {
    const [modeline, everyKey] = blocks('yaml');
    const [json] = blocks('json');
    expect(modeline).toContain(`# yaml-language-server: $schema=${CONFIG_SCHEMA_URL}\n`);
    expect(JSON.parse(json!)).toMatchObject({ $schema: CONFIG_SCHEMA_URL });
    const dir = makeTree({ 'a.yml': modeline!, 'b.json': json!, 'c.yml': everyKey! });
    for (const f of ['a.yml', 'b.json', 'c.yml']) expect(() => loadConfig(join(dir, f), RULES)).not.toThrow();
  });

  test('the error lines it shows are what the reader says for such a file', () => {
    const shown = blocks('text')[0]!.trim().split('\n');
    const text = 'pgVersion: 16\nrules:\n  freeze-max-age-high:\n    threshhold: 1\n';
    expect(shown[0]).toBe(`pgconf-lint: ${configError(text)}`);
    expect(shown[1]).toBe(`pgconf-lint: ${configError('\n\n\n\n\nassume:\n  dataChecksum: true\n')}`);
    expect(shown[2]).toBe(`pgconf-lint: ${configError('\n\n\n\n\n\nrules:\n  hba-wide-network:\n    ipv4Prefix: 40\n')}`);
  });
});
