// The tests' composition root: the library's lint with the registry the CLI and the Action hand in
// (bin/cli.ts, bin/action.ts), unless a test names its own rules.
import { lint as lintWith, type LintOptions, type LintResult } from '../../src/api.js';
import type { Rule } from '../../src/linter/rule.js';
import { RULES } from '../../rules/index.js';
import { CARRIERS } from '../../src/carriers/kit.js';

/** With the carrier readers loaded, as the front ends load them when discovery finds a carrier file. */
export function lint(paths: string[], options: LintOptions = {}, rules: readonly Rule[] = RULES): LintResult {
  return lintWith(paths, { carriers: CARRIERS, ...options }, rules);
}
