import type { LintResult } from '../api.js';
import { docsUrl } from '../engine/rule.js';
import { annotationRange } from '../report/github.js';
import { escapeMarkdown, SEVERITY_LABEL } from '../report/markdown.js';
import type { Diagnostic } from '../types.js';
import type { FileDiff } from './diff.js';
import type { ReviewComment } from './github-api.js';
import { applyToLine, fixFor } from './suggest.js';

/** At most this many inline comments per review; the rest are in the summary comment. */
export const MAX_REVIEW_COMMENTS = 30;

/** A code fence longer than any run of backticks in the text. */
function fence(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The inline comment for a finding on `line`: message, advice, a one-click suggestion when there is a safe fix. */
export function commentBody(d: Diagnostic, result: LintResult, fingerprint: string, line: number): string {
  const parts = [`${SEVERITY_LABEL[d.severity]} · [${d.rule}](${docsUrl(d.rule)}) · ${escapeMarkdown(d.message)}`];
  if (d.help) parts.push(`↳ ${escapeMarkdown(d.help)}`);
  const fix = fixFor(d, result);
  const source = result.sources.get(d.loc.file);
  const applied = fix && source ? applyToLine(fix, source) : undefined;
  if (fix && applied && applied.line === line) {
    const { text } = applied;
    const f = fence(text);
    parts.push(`${f}suggestion\n${text}\n${f}`);
    if (fix.caution) parts.push(`> ${escapeMarkdown(fix.caution)}`);
  }
  parts.push(`<!-- pgconf-lint:fp=${fingerprint} -->`);
  return parts.join('\n\n');
}

export interface PlannedReview {
  comments: ReviewComment[];
  /** Findings on diff lines left out because of MAX_REVIEW_COMMENTS. */
  overflow: number;
  /** Findings already commented on by an earlier run. */
  alreadyCommented: number;
}

/** Inline comments for unsuppressed findings whose first line is in the diff, skipping earlier runs' comments. */
export function planReview(
  result: LintResult,
  diagnostics: readonly Diagnostic[],
  diffs: ReadonlyMap<string, FileDiff>,
  prints: ReadonlyMap<Diagnostic, string>,
  existing: ReadonlySet<string>,
): PlannedReview {
  const comments: ReviewComment[] = [];
  let overflow = 0;
  let alreadyCommented = 0;
  for (const d of diagnostics) {
    if (d.suppressed) continue;
    const diff = diffs.get(d.loc.file);
    const line = annotationRange(d, result.sources).startLine!;
    if (!diff?.commentable.has(line)) continue;
    const fp = prints.get(d)!;
    if (existing.has(fp)) {
      alreadyCommented++;
      continue;
    }
    if (comments.length >= MAX_REVIEW_COMMENTS) {
      overflow++;
      continue;
    }
    comments.push({ path: d.loc.file, line, body: commentBody(d, result, fp, line), rule: d.rule });
  }
  return { comments, overflow, alreadyCommented };
}
