import { describe, expect, test } from '@jest/globals';
import type { Major } from '../../src/catalog/types.js';
import type { Assumptions, Rule } from '../../src/engine/rule.js';
import type { FileKind, Severity } from '../../src/types.js';
import { lintTree, type Finding } from './fixture.js';

export interface ExpectedFinding {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Exact message, or a pattern it must match. */
  message?: string | RegExp;
  severity?: Severity;
  /** Defaults to the case's main file. */
  file?: string;
}

export interface RuleCase {
  /** Shown in the test name. */
  name?: string;
  /** Content of the rule's main file kind, or a whole tree (path -> content). */
  code: string | Record<string, string>;
  pgVersion?: Major;
  options?: Record<string, unknown>;
  assume?: Assumptions;
}

export interface InvalidCase extends RuleCase {
  errors: ExpectedFinding[];
}

const mainFile: Record<FileKind, string> = {
  'postgresql.conf': 'postgresql.conf',
  'postgresql.auto.conf': 'postgresql.auto.conf',
  'pg_hba.conf': 'pg_hba.conf',
  'pg_ident.conf': 'pg_ident.conf',
  'recovery.conf': 'recovery.conf',
  'standby.signal': 'standby.signal',
  'recovery.signal': 'recovery.signal',
};

function runCase(rule: Rule, c: RuleCase): { findings: Finding[]; main: string } {
  const main = mainFile[rule.appliesTo[0]!];
  const files = typeof c.code === 'string' ? { [main]: c.code } : c.code;
  const { findings } = lintTree(
    files,
    {
      pgVersion: c.pgVersion ?? 17,
      // The rule under test runs at its own severity, also when a profile (recommended) has it off.
      rules: { [rule.name]: rule.severity },
      ...(c.options ? { ruleOptions: { [rule.name]: c.options } } : {}),
      ...(c.assume ? { assume: c.assume } : {}),
    },
    [rule],
  );
  return { findings, main };
}

const label = (c: RuleCase): string =>
  c.name ?? (typeof c.code === 'string' ? c.code.split('\n').filter(Boolean).join(' ⏎ ') : Object.keys(c.code).join(', '));

/**
 * A strict tester in the manner of ESLint's RuleTester: valid cases must produce no finding of the
 * rule; invalid cases must produce exactly the listed findings, in order, with exact positions.
 */
export function ruleTester(rule: Rule, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(rule.name, () => {
    for (const c of cases.valid) {
      test(`valid (PG ${c.pgVersion ?? 17}): ${label(c)}`, () => {
        expect(runCase(rule, c).findings).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      test(`invalid (PG ${c.pgVersion ?? 17}): ${label(c)}`, () => {
        const { findings, main } = runCase(rule, c);
        const actual = findings.map((f, i) => {
          const want = c.errors[i];
          return {
            file: f.file,
            line: f.line,
            column: f.column,
            ...(want?.endLine !== undefined ? { endLine: f.endLine } : {}),
            ...(want?.endColumn !== undefined ? { endColumn: f.endColumn } : {}),
            ...(want?.severity !== undefined ? { severity: f.severity } : {}),
            ...(want?.message !== undefined ? { message: f.message } : {}),
          };
        });
        const expected = c.errors.map((e) => ({
          file: e.file ?? main,
          line: e.line,
          column: e.column,
          ...(e.endLine !== undefined ? { endLine: e.endLine } : {}),
          ...(e.endColumn !== undefined ? { endColumn: e.endColumn } : {}),
          ...(e.severity !== undefined ? { severity: e.severity } : {}),
          ...(e.message !== undefined
            ? { message: typeof e.message === 'string' ? e.message : expect.stringMatching(e.message) }
            : {}),
        }));
        expect(actual).toEqual(expected);
      });
    }
  });
}
