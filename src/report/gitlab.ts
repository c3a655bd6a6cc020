import type { Report } from './types.js';
import { docsUrl, type Rule } from '../linter/rule.js';
import type { Severity } from '../types.js';
import { locate } from './common.js';
import { fingerprints } from './fingerprint.js';
import { fixHint, shownFix } from './fixable.js';
import { ruleTags, type RuleTag } from './rule-doc.js';

/**
 * GitLab Code Quality report (artifacts:reports:codequality), the subset of the Code Climate
 * issue format that GitLab reads: "Implement a custom tool" in
 * https://docs.gitlab.com/ee/ci/testing/code_quality.html and
 * https://github.com/codeclimate/platform/blob/master/spec/analyzers/SPEC.md#data-types
 */
export interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  content?: { body: string };
  categories: string[];
  severity: CodeQualitySeverity;
  /** The same fingerprint as SARIF's partialFingerprints: stable across runs and line moves. */
  fingerprint: string;
  location: { path: string; lines: { begin: number; end: number } };
}

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/**
 * Our severities on GitLab's scale: an error (the server refuses the file, or a serious exposure)
 * is critical, a warning major, an info finding info. `minor` and `blocker` are not used.
 */
export const GITLAB_SEVERITY: Record<Severity, CodeQualitySeverity> = { error: 'critical', warning: 'major', info: 'info' };

/** Code Climate categories by rule tag. */
const CATEGORY: Record<RuleTag, string> = { validity: 'Bug Risk', security: 'Security', reliability: 'Bug Risk', performance: 'Performance' };

/**
 * Unsuppressed findings as GitLab Code Quality issues. Paths are the report's paths: relative to
 * the repository root (the git top level), as GitLab wants them.
 */
export function toGitlab(result: Report, rules: readonly Rule[] = result.rules): CodeQualityIssue[] {
  const byName = new Map(rules.map((r) => [r.name, r]));
  // Fingerprints over every finding, suppressed ones included: the same values as in SARIF.
  const prints = fingerprints(result.diagnostics, result.sources);
  return result.diagnostics
    .filter((d) => !d.suppressed)
    .map((d) => {
      const r = locate(d, result.sources);
      // A range that ends at the start of a later line ends on the line before.
      const end = r.endLine > r.line && r.endColumn === 1 ? r.endLine - 1 : r.endLine;
      const fix = shownFix(d);
      const rule = byName.get(d.rule);
      const categories = [...new Set((rule ? ruleTags(rule) : []).map((t) => CATEGORY[t]))];
      return {
        type: 'issue' as const,
        check_name: d.rule,
        description: d.message,
        content: { body: `${d.help ? d.help + '\n\n' : ''}${fix ? fixHint(fix) + '\n\n' : ''}[${d.rule}](${docsUrl(d.rule)})` },
        categories: categories.length ? categories : ['Bug Risk'],
        severity: GITLAB_SEVERITY[d.severity],
        fingerprint: prints.get(d)!,
        location: { path: d.loc.file, lines: { begin: r.line, end } },
      };
    });
}

export function formatGitlab(result: Report): string {
  return JSON.stringify(toGitlab(result), null, 2) + '\n';
}
