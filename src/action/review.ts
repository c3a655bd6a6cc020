import type { LintResult } from '../api.js';
import { docsUrl } from '../linter/rule.js';
import { containsSecret } from '../linter/redact.js';
import { applyEdits } from '../linter/edits.js';
import { FIX_COMMAND, shownFix } from '../report/fixable.js';
import { annotationRange } from '../report/github.js';
import { escapeMarkdown, SEVERITY_LABEL } from '../report/markdown.js';
import { lineColumn, type SourceFile } from '../source/source.js';
import type { Diagnostic, Fix } from '../types.js';
import type { FileDiff } from './diff.js';
import type { ReviewComment } from './github-api.js';

/** At most this many inline comments per review; the rest are in the summary comment. */
export const MAX_REVIEW_COMMENTS = 30;

/** The most text a suggestion repeats (a comment body has a size limit, and the lines are file text). */
export const SUGGESTION_MAX_CHARS = 500;

/** A code fence longer than any run of backticks in the text. */
function fence(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * A one-click ```suggestion for a finding's fix. GitHub's suggestion replaces whole lines (from
 * `startLine` to `line` of the new side), so it holds the lines the fix's edits touch as they read
 * after the edits; no lines at all deletes them.
 */
export interface Suggestion {
  startLine: number;
  line: number;
  lines: string[];
  fix: Fix;
}

/**
 * The suggestion for a finding's fix, or undefined when there is none to offer: no fix (or one an
 * output may not show), a fix that joins a touched line to the next one (no whole-line replacement
 * says that), text longer than SUGGESTION_MAX_CHARS, or text that looks like a credential (a
 * suggestion repeats the line, and a line holding a token is never repeated).
 */
export function suggestionFor(d: Diagnostic, source: SourceFile): Suggestion | undefined {
  const fix = shownFix(d);
  if (!fix || d.suppressed) return undefined;
  let first = Infinity;
  let last = 0;
  for (const e of fix.edits) {
    const s = lineColumn(source, e.loc.start);
    const end = lineColumn(source, e.loc.end);
    // An edit that ends at the start of a line consumes the newline before it: that line is untouched.
    const endLine = e.loc.end > e.loc.start && end.column === 1 ? end.line - 1 : end.line;
    first = Math.min(first, s.line);
    last = Math.max(last, endLine, s.line);
  }
  const from = source.lineStarts[first - 1]!;
  const to = source.lineStarts[last] ?? source.text.length;
  const region = source.text.slice(from, to);
  const after = applyEdits(region, fix.edits.map((e) => ({ loc: { ...e.loc, start: e.loc.start - from, end: e.loc.end - from }, text: e.text })));
  const newline = /\r?\n$/.exec(region)?.[0];
  let body: string | undefined;
  if (after === '') body = undefined; // every touched line deleted
  else if (!newline) body = after;
  else if (after.endsWith('\n')) body = after.replace(/\r?\n$/, '');
  else return undefined; // the fix removes the last touched line's newline: it joins two lines
  const lines = body === undefined ? [] : body.split(/\r?\n/);
  const text = lines.join('\n');
  if (text.length > SUGGESTION_MAX_CHARS || containsSecret(text)) return undefined;
  return { startLine: first, line: last, lines, fix };
}

/**
 * The inline comment for a finding: message, advice, the fix as a one-click suggestion when one fits
 * the comment's lines (otherwise the fix's title and the command that applies it), a caution for an
 * unsafe fix, and the fingerprint marker.
 */
export function commentBody(d: Diagnostic, fingerprint: string, suggestion?: Suggestion): string {
  const parts = [`${SEVERITY_LABEL[d.severity]} · [${d.rule}](${docsUrl(d.rule)}) · ${escapeMarkdown(d.message)}`];
  if (d.help) parts.push(`↳ ${escapeMarkdown(d.help)}`);
  const fix = suggestion?.fix ?? shownFix(d);
  if (fix && !d.suppressed) {
    if (suggestion) {
      const text = suggestion.lines.join('\n');
      const f = fence(text);
      parts.push(`${f}suggestion\n${suggestion.lines.length ? text + '\n' : ''}${f}`);
    } else {
      parts.push(`Fix: ${escapeMarkdown(fix.title)} (\`${FIX_COMMAND[fix.applicability]}\` applies it).`);
    }
    if (fix.applicability === 'unsafe') {
      parts.push(
        suggestion
          ? `> **Unsafe fix** (${escapeMarkdown(fix.title)}): it changes what the server does; accept it only after checking what it affects (\`pgconf-lint --fix\` leaves it; \`--unsafe-fixes\` applies it).`
          : '> **Unsafe fix**: it changes what the server does; apply it only after checking what it affects.',
      );
    }
  }
  parts.push(`<!-- pgconf-lint:fp=${fingerprint} -->`);
  return parts.join('\n\n');
}

/**
 * The review comment for a finding whose first line is `line` (a commentable line of the diff): it
 * spans the lines its fix's suggestion replaces when they include `line` and are all in the diff;
 * otherwise it sits on `line` and names the fix without a suggestion.
 */
export function reviewComment(d: Diagnostic, result: LintResult, fingerprint: string, line: number, commentable: ReadonlySet<number>): ReviewComment {
  const source = result.sources.get(d.loc.file);
  let s = source ? suggestionFor(d, source) : undefined;
  if (s && (line < s.startLine || line > s.line)) s = undefined;
  for (let l = s?.startLine ?? 0; s && l <= s.line; l++) if (!commentable.has(l)) s = undefined;
  const body = commentBody(d, fingerprint, s);
  if (!s) return { path: d.loc.file, line, body, rule: d.rule };
  return { path: d.loc.file, line: s.line, ...(s.startLine < s.line ? { startLine: s.startLine } : {}), body, rule: d.rule };
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
    comments.push(reviewComment(d, result, fp, line, diff.commentable));
  }
  return { comments, overflow, alreadyCommented };
}
