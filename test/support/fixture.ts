import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LintOptions, LintResult } from '../../src/api.js';
import { lint } from './lint.js';
import type { Rule } from '../../src/linter/rule.js';
import { locate } from '../../src/report/common.js';

const made: string[] = [];

/** Writes files into a fresh temp directory; removed by cleanupFixtures(). */
export function makeTree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pgconf-lint-test-'));
  made.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

export function cleanupFixtures(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface Finding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** The other rules merged into this finding (one problem, one finding), when there are. */
  also?: string[];
}

/** Lints a tree (cwd = the tree's root) and returns findings with line/column ranges. */
export function lintTree(
  files: Record<string, string | Buffer>,
  options: LintOptions = {},
  rules?: readonly Rule[],
): { result: LintResult; findings: Finding[]; dir: string } {
  const dir = makeTree(files);
  const result = lint(['.'], { cwd: dir, ...options }, rules);
  const findings = result.diagnostics.map((d) => ({
    rule: d.rule,
    severity: d.severity,
    file: d.loc.file,
    ...locate(d, result.sources),
    message: d.message,
    ...(d.also ? { also: d.also } : {}),
  }));
  return { result, findings, dir };
}
