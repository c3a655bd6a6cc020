import { RULES } from '../../rules/index.js';
import { describe, expect, test } from '@jest/globals';
import type { Major } from '../../src/catalog/types.js';
import type { Assumptions, Rule } from '../../src/linter/rule.js';
import { applyEdits, fixesForFile } from '../../src/linter/edits.js';
import type { Applicability, Diagnostic, FileKind, Severity } from '../../src/types.js';
import { locate } from '../../src/report/common.js';
import type { SourceFile } from '../../src/source/source.js';
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
  /** Exact help, or a pattern it must match (asserted when given). */
  help?: string | RegExp;
  /** The finding's fix: asserted to exist, with this title (exact or pattern) and applicability. */
  fix?: { title?: string | RegExp; applicability?: Applicability };
  /** The finding's related locations, all of them in order (asserted when given); file defaults to the case's main file. */
  related?: Array<{ file?: string; line: number; column: number; message?: string | RegExp }>;
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
  /**
   * The case's files after applying the fixes of all its findings, safe and unsafe (one pass of
   * `fixesForFile(…, unsafe = true)` per file, as `--unsafe-fixes` does): the main file's text, or
   * path -> text for the files that change (every other file must stay as it was). `null`: no finding
   * carries a fix. Required when some finding carries a fix (ESLint's RuleTester: fixes must be asserted).
   */
  output?: string | Record<string, string> | null;
}

/** The file a snippet of each kind is written to (the rule tester, the registry's doc examples, the rendered snapshots). */
export const MAIN_FILE: Readonly<Record<FileKind, string>> = {
  'postgresql.conf': 'postgresql.conf',
  'postgresql.auto.conf': 'postgresql.auto.conf',
  'pg_hba.conf': 'pg_hba.conf',
  'pg_ident.conf': 'pg_ident.conf',
  'recovery.conf': 'recovery.conf',
  'standby.signal': 'standby.signal',
  'recovery.signal': 'recovery.signal',
  patroni: 'patroni.yml',
  cloudnativepg: 'cluster.yaml',
  container: 'docker-compose.yml',
  'pgbouncer.ini': 'pgbouncer.ini',
};

function runCase(
  rule: Rule,
  c: RuleCase,
): { findings: Finding[]; main: string; diagnostics: Diagnostic[]; texts: Map<string, string>; sources: ReadonlyMap<string, SourceFile> } {
  const main = MAIN_FILE[rule.appliesTo[0]!];
  const files = typeof c.code === 'string' ? { [main]: c.code } : c.code;
  const { findings, result } = lintTree(
    files,
    {
      pgVersion: c.pgVersion ?? 17,
      // The rule under test runs at its own severity, also when a profile (recommended) has it off;
      // the registry's other rules are known (a directive may name them) but do not run.
      rules: { ...Object.fromEntries(RULES.map((r) => [r.name, 'off' as const])), [rule.name]: rule.severity },
      ...(c.options ? { ruleOptions: { [rule.name]: c.options } } : {}),
      ...(c.assume ? { assume: c.assume } : {}),
    },
    [...RULES.filter((r) => r.name !== rule.name), rule],
  );
  const texts = new Map([...result.sources].map(([p, src]) => [p, src.text] as [string, string]));
  return { findings, main, diagnostics: result.diagnostics, texts, sources: result.sources };
}

/** Every file's text after one pass of all fixes (safe and unsafe) of the findings. */
function fixedTexts(diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [file, text] of texts) {
    const fixes = fixesForFile(diagnostics, file, true);
    out.set(file, fixes.length ? applyEdits(text, fixes.flatMap((f) => f.edits)) : text);
  }
  return out;
}

const textOrPattern = (v: string | RegExp): unknown => (typeof v === 'string' ? v : expect.stringMatching(v));

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
        const { findings, main, diagnostics, texts, sources } = runCase(rule, c);
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
            ...(want?.help !== undefined ? { help: diagnostics[i]?.help } : {}),
            ...(want?.fix !== undefined
              ? {
                  fix: diagnostics[i]?.fix && {
                    ...(want.fix.title !== undefined ? { title: diagnostics[i]!.fix!.title } : {}),
                    ...(want.fix.applicability !== undefined ? { applicability: diagnostics[i]!.fix!.applicability } : {}),
                  },
                }
              : {}),
            ...(want?.related !== undefined
              ? {
                  related: (diagnostics[i]?.related ?? []).map((r, k) => {
                    const { line, column } = locate({ ...diagnostics[i]!, loc: r.loc }, sources);
                    return { file: r.loc.file, line, column, ...(want.related![k]?.message !== undefined ? { message: r.message } : {}) };
                  }),
                }
              : {}),
          };
        });
        const expected = c.errors.map((e) => ({
          file: e.file ?? main,
          line: e.line,
          column: e.column,
          ...(e.endLine !== undefined ? { endLine: e.endLine } : {}),
          ...(e.endColumn !== undefined ? { endColumn: e.endColumn } : {}),
          ...(e.severity !== undefined ? { severity: e.severity } : {}),
          ...(e.message !== undefined ? { message: textOrPattern(e.message) } : {}),
          ...(e.help !== undefined ? { help: textOrPattern(e.help) } : {}),
          ...(e.fix !== undefined
            ? {
                fix: {
                  ...(e.fix.title !== undefined ? { title: textOrPattern(e.fix.title) } : {}),
                  ...(e.fix.applicability !== undefined ? { applicability: e.fix.applicability } : {}),
                },
              }
            : {}),
          ...(e.related !== undefined
            ? { related: e.related.map((r) => ({ file: r.file ?? main, line: r.line, column: r.column, ...(r.message !== undefined ? { message: textOrPattern(r.message) } : {}) })) }
            : {}),
        }));
        expect(actual).toEqual(expected);
        assertOutput(c, main, diagnostics, texts);
      });
    }
  });
}

/** The `output` check of an invalid case (exported for its own test). */
export function assertOutput(c: InvalidCase, main: string, diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>): void {
  const withFix = diagnostics.filter((d) => d.fix);
  if (c.output === undefined) {
    if (withFix.length) {
      throw new Error(`fixes must be asserted: ${withFix.length} finding(s) carry a fix (${withFix.map((d) => JSON.stringify(d.fix!.title)).join(', ')}); give the case an \`output\``);
    }
    return;
  }
  if (c.output === null) {
    expect(withFix.map((d) => d.fix!.title)).toEqual([]);
    return;
  }
  const fixed = fixedTexts(diagnostics, texts);
  const want = typeof c.output === 'string' ? { [main]: c.output } : c.output;
  const changed = [...fixed].filter(([p, t]) => t !== texts.get(p)).map(([p]) => p);
  if (!changed.length) throw new Error('`output` is given but no fix changes any file: set `output: null` when no fix is expected');
  const actual: Record<string, string | undefined> = {};
  const expected: Record<string, string> = {};
  for (const p of new Set([...Object.keys(want), ...changed])) {
    actual[p] = fixed.get(p);
    // A file the case does not list must stay as it was.
    expected[p] = want[p] ?? texts.get(p) ?? '';
  }
  expect(actual).toEqual(expected);
}
