import { describe, expect, test, afterAll } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { RULES } from '../rules/index.js';
import type { DocExample } from '../src/engine/rule.js';
import type { FileKind } from '../src/types.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const ruleFiles = readdirSync(new URL('../rules/', import.meta.url))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('index'))
  .map((f) => f.replace(/\.ts$/, ''));

const fileFor: Record<FileKind, string> = {
  'postgresql.conf': 'postgresql.conf',
  'postgresql.auto.conf': 'postgresql.auto.conf',
  'pg_hba.conf': 'pg_hba.conf',
  'pg_ident.conf': 'pg_ident.conf',
  'recovery.conf': 'recovery.conf',
  'standby.signal': 'standby.signal',
  'recovery.signal': 'recovery.signal',
};

describe('rule registry', () => {
  test('every rule file is registered, and names equal file names', () => {
    expect(RULES.map((r) => r.name).sort()).toEqual([...ruleFiles].sort());
  });

  test('every rule has its own test file, test/rules/<rule>.test.ts, that runs it through the rule tester', () => {
    const without = RULES.map((r) => r.name).filter((name) => {
      const file = new URL(`./rules/${name}.test.ts`, import.meta.url);
      if (!existsSync(file)) return true;
      const text = readFileSync(file, 'utf8');
      return !text.includes(`from '../../rules/${name}.js'`) || !/\bruleTester\(/.test(text);
    });
    expect(without).toEqual([]);
  });

  test('names are unique kebab-case', () => {
    const names = RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  test('every rule has docs with a why, references and at least one valid example', () => {
    for (const r of RULES) {
      expect(r.docs.summary.length).toBeGreaterThan(10);
      expect(r.docs.why.length).toBeGreaterThan(40);
      expect(r.docs.references.length).toBeGreaterThan(0);
      expect(r.docs.valid.length).toBeGreaterThan(0);
    }
  });

  for (const rule of RULES) {
    const file = fileFor[rule.appliesTo[0]!];
    const tree = (code: DocExample): Record<string, string> =>
      typeof code === 'string'
        ? { [file]: code + '\n' }
        : Object.fromEntries(Object.entries(code).map(([k, v]) => [k, v + '\n']));
    // The examples show the rule at work: it runs also when it is off by default (a checklist profile's rule).
    const on = { rules: { [rule.name]: rule.severity } };
    for (const code of rule.docs.invalid) {
      test(`${rule.name}: invalid example yields exactly one finding: ${JSON.stringify(code)}`, () => {
        const { findings } = lintTree(tree(code), on);
        expect(findings.filter((f) => f.rule === rule.name)).toHaveLength(1);
      });
    }
    for (const code of rule.docs.valid) {
      test(`${rule.name}: valid example yields none: ${JSON.stringify(code)}`, () => {
        const { findings } = lintTree(tree(code), on);
        expect(findings.filter((f) => f.rule === rule.name)).toEqual([]);
      });
    }
  }

  test('generated rule docs are up to date', () => {
    execFileSync(process.execPath, ['scripts/gen-docs.mjs', '--check'], { stdio: 'pipe' });
    for (const r of RULES) {
      expect(readFileSync(`docs/rules/${r.name}.md`, 'utf8')).toContain(`# ${r.name}`);
    }
  });
});
