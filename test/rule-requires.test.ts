// Rule.requires is a declaration for speed only: the runner does not run a rule on a cluster that
// lacks what it requires (src/linter/rule.ts runRule). These tests lint a corpus with the registry as
// it is and with every declaration removed, and require the same findings: a rule that declares an
// input it can report without makes them differ.
import { afterAll, describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RULES } from '../rules/index.js';
import { canApply, type DocExample, type Rule } from '../src/linter/rule.js';
import type { LintOptions } from '../src/api.js';
import type { Major } from '../src/catalog/types.js';
import { MAIN_FILE } from './support/rule-tester.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';
import { lint } from './support/lint.js';

afterAll(cleanupFixtures);

/** The registry without any `requires`: every rule runs on every cluster. */
const UNDECLARED: readonly Rule[] = RULES.map((r) => {
  if (r.requires === undefined) return r;
  const { requires: _, ...rest } = r;
  return rest;
});

/** Every rule on at its own severity, the checklist rules a profile turns off included. */
const EVERY_RULE: LintOptions['rules'] = Object.fromEntries(RULES.map((r) => [r.name, r.severity]));

function tree(rule: Rule, code: DocExample): Record<string, string> {
  return typeof code === 'string'
    ? { [MAIN_FILE[rule.appliesTo[0]!]]: code + '\n' }
    : Object.fromEntries(Object.entries(code).map(([k, v]) => [k, v + '\n']));
}

/** The doc examples of every rule, and each multi-file one again without each of its files. */
function exampleTrees(): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const rule of RULES) {
    for (const code of [...rule.docs.invalid, ...rule.docs.valid]) {
      const files = tree(rule, code);
      out.push(files);
      const names = Object.keys(files);
      if (names.length < 2) continue;
      for (const drop of names) out.push(Object.fromEntries(Object.entries(files).filter(([k]) => k !== drop)));
    }
  }
  return out;
}

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** What a lint reports, every field a reporter reads (fixes and suppression included). */
function findings(dir: string, pgVersion: Major, rules: readonly Rule[]): { json: string; skipped: Map<string, number> } {
  const result = lint(['.'], { cwd: dir, pgVersion, rules: EVERY_RULE }, rules);
  const skipped = new Map<string, number>();
  for (const c of result.clusters) {
    for (const r of rules) if (!canApply(r, c)) skipped.set(r.name, (skipped.get(r.name) ?? 0) + 1);
  }
  return { json: JSON.stringify(result.diagnostics), skipped };
}

describe('Rule.requires', () => {
  test('declared inputs are known, and listed once', () => {
    const known = ['postgresql.conf', 'pg_hba.conf', 'pg_ident.conf', 'pgbouncer.ini', 'patroni', 'cloudnativepg'];
    for (const r of RULES) {
      if (r.requires === undefined) continue;
      expect(r.requires.length).toBeGreaterThan(0);
      expect(new Set(r.requires).size).toBe(r.requires.length);
      for (const i of r.requires) expect(known).toContain(i);
    }
  });

  test('a rule is not run on a cluster without what it requires', () => {
    const rule = RULES.find((r) => r.name === 'duplicate-setting')!;
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 4MB\nwork_mem = 8MB\n' });
    const count = (rules: readonly Rule[]): number => lint(['.'], { cwd: dir }, rules).diagnostics.filter((d) => d.rule === rule.name).length;
    expect(count([rule])).toBe(1);
    // The same rule wrongly declaring pg_hba.conf: skipped, so the comparison below would see it.
    expect(count([{ ...rule, requires: ['pg_hba.conf'] }])).toBe(0);
    expect(count([{ ...rule, requires: ['postgresql.conf'] }])).toBe(1);
  });

  test('the same findings with and without the declarations, on every doc example and fixture', () => {
    const skipped = new Map<string, number>();
    const dirs: [string, Major][] = [];
    for (const files of exampleTrees()) dirs.push([makeTree(files), 18]);
    const fixtures = new URL('../fixtures/', import.meta.url).pathname;
    for (const name of ['demo', 'carriers', 'carriers/patroni', 'carriers/pgbouncer']) {
      const dir = makeTree(filesUnder(join(fixtures, name)));
      dirs.push([dir, 17], [dir, 11]);
    }
    for (const [dir, major] of dirs) {
      const declared = findings(dir, major, RULES);
      expect({ dir, major, findings: declared.json }).toEqual({ dir, major, findings: findings(dir, major, UNDECLARED).json });
      for (const [name, n] of declared.skipped) skipped.set(name, (skipped.get(name) ?? 0) + n);
    }
    // Not vacuous: every declaring rule was skipped somewhere in the corpus.
    for (const r of RULES) if (r.requires !== undefined) expect([r.name, skipped.get(r.name) ?? 0]).not.toEqual([r.name, 0]);
  });
});
