import { afterAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../rules/index.js';
import { configSchema } from '../src/config/config.js';
import { docsUrl } from '../src/linter/rule.js';
import { closestRuleNames, RULE_TAGS, ruleDoc, type RuleMetadata } from '../src/report/rule-doc.js';
import { isSecurityRule, sarifRule } from '../src/report/sarif.js';
import { cliInProcess } from './support/cli-in-process.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const repo = join(new URL('.', import.meta.url).pathname, '..');

const cli = cliInProcess;

describe('pgconf-lint rules', () => {
  test('rules NAME prints the rule documentation: docs/rules/NAME.md without the corpus precision line', async () => {
    const r = await cli(['rules', 'hba-md5']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const rule = RULES.find((x) => x.name === 'hba-md5')!;
    expect(r.stdout).toBe(ruleDoc(rule));
    for (const heading of ['# hba-md5', '- Default severity: **', '- Files: `pg_hba.conf`', '- PostgreSQL versions: ', '## Why is this bad?', '## Example', '## Use instead', '## Options', '## Suppressing', '## References']) {
      expect(r.stdout).toContain(heading);
    }
    expect(r.stdout).toContain(rule.docs.why);
    expect(r.stdout).not.toContain('Precision on real-world');
    // The committed page is the same text plus the precision line gen-docs adds from the ecosystem snapshot.
    const page = readFileSync(join(repo, 'docs', 'rules', 'hba-md5.md'), 'utf8');
    expect(page.split('\n').filter((l) => !l.startsWith('- Precision on real-world configurations:')).join('\n')).toBe(r.stdout);
  });

  test('several names: their pages in the order given; --output writes them', async () => {
    const r = await cli(['rules', 'fsync-off', 'hba-md5']);
    expect(r.code).toBe(0);
    const [a, b] = ['fsync-off', 'hba-md5'].map((n) => ruleDoc(RULES.find((x) => x.name === n)!));
    expect(r.stdout).toBe(`${a}\n${b}`);
    const dir = makeTree({});
    const o = await cli(['rules', 'fsync-off', '--output', 'doc.md'], dir);
    expect(o).toMatchObject({ code: 0, stdout: '' });
    expect(readFileSync(join(dir, 'doc.md'), 'utf8')).toBe(a);
  });

  test('an unknown name is a usage error with a did-you-mean; nothing is printed', async () => {
    const r = await cli(['rules', 'fsync-off', 'hba-md6']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe('pgconf-lint: unknown rule "hba-md6"; did you mean hba-md5? (pgconf-lint rules lists them all)\n');
    const word = await cli(['rules', 'md5']);
    expect(word.code).toBe(2);
    expect(word.stderr).toMatch(/did you mean .*hba-md5/);
    expect(word.stderr).toMatch(/did you mean .*password-encryption-md5/);
    const none = await cli(['rules', 'qqqqqqqqqqqq', '--format', 'json']);
    expect(none).toMatchObject({ code: 2, stdout: '', stderr: 'pgconf-lint: unknown rule "qqqqqqqqqqqq" (pgconf-lint rules lists them all)\n' });
    expect(closestRuleNames(RULES, 'hba_md5')).toEqual(['hba-md5']);
    expect(closestRuleNames(RULES, 'fsync-of')).toEqual(['fsync-off']);
  });

  test('rules without a name lists every rule', async () => {
    const r = await cli(['rules']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(RULES.map((x) => x.name));
    expect(lines[0]).toContain(RULES[0]!.docs.summary);
  });

  test('rules --format json: full metadata of every rule (or the named ones)', async () => {
    const r = await cli(['rules', '--format', 'json']);
    expect(r.code).toBe(0);
    const all = JSON.parse(r.stdout) as RuleMetadata[];
    expect(all.map((m) => m.name)).toEqual(RULES.map((x) => x.name));
    const assumeKeys = Object.keys((configSchema(RULES) as { properties: { assume: { properties: object } } }).properties.assume.properties);
    for (const m of all) {
      const rule = RULES.find((x) => x.name === m.name)!;
      expect(Object.keys(m).sort()).toEqual(['assume', 'category', 'defaultOptions', 'docsUrl', 'files', 'fixable', 'name', 'optionsSchema', 'securitySeverity', 'severity', 'summary', 'tags', 'versions']);
      expect(m).toMatchObject({ severity: rule.severity, summary: rule.docs.summary, files: rule.appliesTo, docsUrl: docsUrl(rule.name) });
      expect(m.versions).toBe(rule.docs.versions ?? 'all');
      expect(m.category).toBe(rule.category);
      // Every rule is tagged, from the fixed set, in its order; `security` exactly for SARIF's security rules.
      expect(m.tags.length).toBeGreaterThan(0);
      expect(m.tags).toEqual(RULE_TAGS.filter((t) => m.tags.includes(t)));
      expect(m.tags.includes('security')).toBe(isSecurityRule(rule));
      expect(m.securitySeverity).toBe(sarifRule(rule).properties['security-severity'] ?? null);
      expect(m.securitySeverity !== null).toBe(isSecurityRule(rule));
      expect(m.optionsSchema).toEqual(rule.optionsSchema ?? null);
      expect(m.defaultOptions).toEqual(rule.defaultOptions ?? null);
      for (const a of m.assume) expect(assumeKeys).toContain(a);
    }
    expect(all.find((m) => m.name === 'memory-overcommit')!.assume).toEqual(['memory']);
    expect(all.find((m) => m.name === 'memory-overcommit')!.fixable).toBe('never');
    expect(all.find((m) => m.name === 'hba-md5')!.fixable).toBe('always');
    expect(all.find((m) => m.name === 'invalid-value')!.fixable).toBe('sometimes');
    expect(all.find((m) => m.name === 'rewind-not-ready')!.assume).toEqual(['dataChecksums', 'failover']);
    expect(all.find((m) => m.name === 'hba-md5')!).toMatchObject({ tags: ['security'], securitySeverity: expect.stringMatching(/^\d+\.\d$/) });
    expect(all.find((m) => m.name === 'invalid-value')!).toMatchObject({ tags: ['validity'], securitySeverity: null, assume: [] });
    expect(all.some((m) => m.optionsSchema !== null)).toBe(true);

    const named = await cli(['rules', 'hba-md5', 'fsync-off', '--format', 'json']);
    expect((JSON.parse(named.stdout) as RuleMetadata[]).map((m) => m.name)).toEqual(['hba-md5', 'fsync-off']);
  });

  test('rules takes text or json only', async () => {
    for (const f of ['junit', 'gitlab', 'sarif']) {
      const r = await cli(['rules', '--format', f]);
      expect(r).toMatchObject({ code: 2, stdout: '', stderr: `pgconf-lint: --format ${f} applies to check only; rules takes text or json\n` });
    }
  });
});

describe('check --format junit|gitlab', () => {
  test('the CLI writes the reports and exits by the findings', async () => {
    const dir = makeTree({ 'db/postgresql.conf': 'work_mem = 8mb\n', 'db/pg_hba.conf': 'local all all peer\n' });
    const junit = await cli(['--format', 'junit', '.'], dir);
    expect(junit).toMatchObject({ code: 1, stderr: '' });
    expect(junit.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="pgconf-lint" tests="2" failures="1" /);
    expect(junit.stdout).toContain('<testcase name="db/pg_hba.conf" classname="pgconf-lint" file="db/pg_hba.conf"/>');
    const gitlab = await cli(['check', '.', '--format=gitlab', '--output', 'gl-code-quality-report.json'], dir);
    expect(gitlab).toMatchObject({ code: 1, stdout: '', stderr: '' });
    const issues = JSON.parse(readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8')) as { check_name: string; location: { path: string } }[];
    expect(issues.map((i) => [i.check_name, i.location.path])).toEqual([['invalid-value', 'db/postgresql.conf']]);
    const bad = await cli(['--format', 'xml', '.'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('pgconf-lint: --format must be text, concise, json, sarif, github, markdown, junit or gitlab, not "xml"\n');
  });

  test('--help names the formats and rules NAME', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pgconf-lint rules [NAME...] [--format text|json]');
    expect(r.stdout).toMatch(/junit \(JUnit\s+XML/);
    expect(r.stdout).toContain('gitlab (GitLab Code Quality JSON)');
  });
});
