import { afterAll, describe, expect, test } from '@jest/globals';
import { RULES } from '../rules/index.js';
import { defineRule, type Rule } from '../src/linter/rule.js';
import type { Severity } from '../src/types.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

/** A rule that reports every pg_hba record (by its first token) in group `rec:<offset>`. */
function recordRule(name: string, severity: Severity, concern: string, fixTitle?: string, precedence?: number): Rule {
  return defineRule({
    name,
    category: 'security',
    ...(precedence !== undefined ? { precedence } : {}),
    severity,
    fixable: fixTitle ? 'always' : 'never',
    appliesTo: ['pg_hba.conf'],
    docs: { summary: name, why: '', invalid: [], valid: [], references: [] },
    check(ctx) {
      const hba = ctx.cluster.hba;
      if (!hba) return;
      for (const line of hba.lines) {
        if (!line.record) continue;
        const t = line.record.connTypeToken;
        const loc = { file: t.file.path, start: t.start, end: t.end };
        const fix = fixTitle ? { fix: { title: fixTitle, edits: [{ loc, text: name }], applicability: 'unsafe' as const } } : {};
        ctx.report({ loc, message: `${name} says`, group: { key: `rec:${loc.file}:${loc.start}`, concern }, ...fix });
      }
    },
  });
}

const A = recordRule('test-a', 'warning', 'concern a');
const B = recordRule('test-b', 'error', 'concern b');
const C = recordRule('test-c', 'error', 'concern c');
const HBA = { 'pg_hba.conf': 'host all all 0.0.0.0/0 md5\n' };

describe('one problem, one finding (src/linter/merge.ts)', () => {
  test('the most severe finding of a group is kept and names the others', () => {
    const { findings: found } = lintTree(HBA, {}, [A, B, C]);
    expect(found.map((f) => [f.rule, f.severity, f.message])).toEqual([['test-b', 'error', 'test-b says; also concern c; concern a']]);
    // The merged rules, in the order their concerns are named (JSON's `also`).
    expect(found.map((f) => f.also)).toEqual([['test-c', 'test-a']]);
  });

  test('turning the winner off lets the next one report', () => {
    const { findings: found } = lintTree(HBA, { rules: { 'test-b': 'off' } }, [A, B, C]);
    expect(found.map((f) => [f.rule, f.message, f.also])).toEqual([['test-c', 'test-c says; also concern a', ['test-a']]]);
  });

  test('a suppressed finding takes no part, and stays listed as suppressed', () => {
    const files = { 'pg_hba.conf': '# pgconf-lint disable-next-line test-b -- reviewed\nhost all all 0.0.0.0/0 md5\n' };
    const { result } = lintTree(files, {}, [A, B, C]);
    expect(result.diagnostics.map((d) => [d.rule, d.message, d.suppressed?.kind ?? null])).toEqual([
      ['test-b', 'test-b says', 'directive'],
      ['test-c', 'test-c says; also concern a', null],
    ]);
  });

  test('findings in different groups are untouched', () => {
    const { findings: found } = lintTree({ 'pg_hba.conf': 'host all all 0.0.0.0/0 md5\nhost all all ::/0 md5\n' }, {}, [A, B]);
    expect(found.map((f) => [f.rule, f.line])).toEqual([['test-b', 1], ['test-b', 2]]);
  });

  test('ties go to the higher precedence, then to the name, whatever the order the rules are given in', () => {
    const winner = (rules: Rule[]) => lintTree(HBA, {}, rules).findings.map((f) => [f.rule, f.also]);
    expect(winner([C, B])).toEqual([['test-b', ['test-c']]]);
    const C2 = recordRule('test-c', 'error', 'concern c', undefined, 10);
    expect(winner([B, C2])).toEqual([['test-c', ['test-b']]]);
    expect(winner([C2, B])).toEqual([['test-c', ['test-b']]]);
    // Severity first: a warning never wins against an error, whatever its precedence.
    const A2 = recordRule('test-a', 'warning', 'concern a', undefined, 99);
    expect(winner([A2, B])).toEqual([['test-b', ['test-a']]]);
  });

  test("the merged finding keeps the winner's fix, else the first fix of the absorbed findings", () => {
    const FA = recordRule('test-a', 'warning', 'concern a', 'fix a');
    const FC = recordRule('test-c', 'error', 'concern c', 'fix c');
    const FB = recordRule('test-b', 'error', 'concern b', 'fix b');
    const titles = (rules: Rule[]) => lintTree(HBA, {}, rules).result.diagnostics.map((d) => [d.rule, d.fix?.title ?? null]);
    // The winner (test-b) has no fix: the most severe absorbed one with a fix gives it (test-c before test-a).
    expect(titles([FA, B, FC])).toEqual([['test-b', 'fix c']]);
    expect(titles([FA, B, C])).toEqual([['test-b', 'fix a']]);
    // The winner's own fix wins.
    expect(titles([FA, FB, FC])).toEqual([['test-b', 'fix b']]);
    // No fix anywhere: none.
    expect(titles([A, B, C])).toEqual([['test-b', null]]);
  });

  test("with the real rules: a world-open md5 record's one finding keeps hba-md5's fix", () => {
    const { result } = lintTree({ 'pg_hba.conf': 'host all all 0.0.0.0/0 md5\n' }, { pgVersion: 17 }, RULES);
    const found = result.diagnostics.filter((d) => d.loc.file === 'pg_hba.conf');
    expect(found).toHaveLength(1);
    expect(found[0]!.rule).not.toBe('hba-md5');
    expect(found[0]!.also).toContain('hba-md5');
    expect(found[0]!.fix).toMatchObject({ applicability: 'unsafe', edits: [{ loc: { file: 'pg_hba.conf', start: 23, end: 26 }, text: 'scram-sha-256' }] });
  });
});
