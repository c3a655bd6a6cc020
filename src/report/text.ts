import type { Report } from './types.js';
import type { Diagnostic, Severity } from '../types.js';
import { locate, plural, safePathText, safeTerminalText, summarize } from './common.js';
import { countFixable, fixableSummary, isFixable, shownFix } from './fixable.js';
import { ansiPaint, frameInto, frameLines, noPaint, type Paint } from './frame.js';

export interface TextOptions {
  color: boolean;
}

/**
 * The `text` report (the default): each finding with its source, as rustc, ruff and squawk show
 * them —
 *
 *     error[invalid-value] [*]: invalid value for parameter "work_mem": "8mb"
 *       --> db/postgresql.conf:12:12
 *        |
 *     12 | work_mem = 8mb
 *        |            ^^^
 *        |
 *        = help: Valid units for this parameter are "B", "kB", "MB", "GB", and "TB".
 *        = fix (safe): Write the unit as MB
 *     12 - work_mem = 8mb
 *     12 + work_mem = 8MB
 *
 * — then the summary lines (shared with `concise`). See src/report/frame.ts for the frame.
 */
export function formatText(result: Report, opts: TextOptions): string {
  const paint = opts.color ? ansiPaint : noPaint;
  // Every line of the report in one array: each finding's (as formatFinding shows it), a blank line after each, then the summary.
  const rows: string[] = [];
  const diagnostics = result.diagnostics;
  for (let k = 0; k < diagnostics.length; k++) {
    const d = diagnostics[k]!;
    if (d.suppressed) continue;
    rows.push(headerLine(d, paint));
    const fix = d.fix;
    frameInto(rows, d, result.sources, paint, fix, fix !== undefined && shownFix(d) === undefined);
    rows.push('');
  }
  for (const line of summaryLines(result, paint)) rows.push(line);
  // An empty last row: the report ends with a line break, in the one string join makes.
  rows.push('');
  return rows.join('\n');
}

/** The fix of a finding as the text report shows it (see FrameOptions.fix). */
function shownFixOf(d: Diagnostic): { fix: NonNullable<Diagnostic['fix']>; hidden: boolean } | undefined {
  return d.fix && !d.suppressed ? { fix: d.fix, hidden: shownFix(d) === undefined } : undefined;
}

/**
 * One finding as the text report shows it (header, frame, help, fix diff), without the blank line
 * after it: for rendered snapshots of rules' examples.
 */
export function formatFinding(d: Diagnostic, sources: Report['sources'], opts: TextOptions = { color: false }): string {
  const paint = opts.color ? ansiPaint : noPaint;
  return [headerLine(d, paint), ...frameLines(d, sources, { paint, fix: shownFixOf(d) })].join('\n') + '\n';
}

/** `severity[rule]: message`, with ` [*]` after the rule when `--fix` would fix the finding. */
export function headerLine(d: Diagnostic, paint: Paint): string {
  return ruleTag(d, paint) + (isFixable(d) ? paint('bold', ' [*]') : '') + paint('bold', ': ' + safeTerminalText(d.message));
}

// `severity[rule]` painted, the last one kept (a report lists one rule's findings one after another).
let lastTag = '';
let lastTagRule = '';
let lastTagSeverity: Severity | undefined;
let lastTagPaint: Paint | undefined;
function ruleTag(d: Diagnostic, paint: Paint): string {
  if (d.rule !== lastTagRule || d.severity !== lastTagSeverity || paint !== lastTagPaint) {
    lastTag = paint(d.severity, `${d.severity}[${d.rule}]`);
    lastTagRule = d.rule;
    lastTagSeverity = d.severity;
    lastTagPaint = paint;
  }
  return lastTag;
}

/**
 * The `concise` report: one `file:line:col  severity  message  rule` line per finding (the text
 * report before findings were shown with their source), a `↳` line with the help, files apart.
 */
export function formatConcise(result: Report, opts: TextOptions): string {
  const codes = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1 } as const;
  const paint = (c: keyof typeof codes, s: string): string => (opts.color ? `\u001b[${codes[c]}m${s}\u001b[0m` : s);
  const sevColor: Record<Severity, keyof typeof codes> = { error: 'red', warning: 'yellow', info: 'blue' };
  const out: string[] = [];
  let current: string | undefined;
  for (const d of result.diagnostics) {
    if (d.suppressed) continue;
    if (current !== undefined && d.loc.file !== current) out.push('');
    current = d.loc.file;
    const { line, column } = locate(d, result.sources);
    const where = paint('bold', `${safePathText(d.loc.file)}:${line}:${column}`);
    const sev = paint(sevColor[d.severity], d.severity);
    out.push(`${where}  ${sev}  ${safeTerminalText(d.message)}  ${paint('gray', d.rule)}${isFixable(d) ? ' [*]' : ''}`);
    if (d.help) out.push(`  ${paint('gray', '↳ ' + safeTerminalText(d.help))}`);
  }
  if (out.length) out.push('');
  return [...out, ...summaryLines(result, opts.color ? ansiPaint : noPaint)].join('\n') + '\n';
}

/** The closing lines of both text reports: the count of problems, of fixable ones, of suppressed ones. */
function summaryLines(result: Report, paint: Paint): string[] {
  const out: string[] = [];
  const s = summarize(result.diagnostics);
  const total = s.error + s.warning + s.info;
  if (total === 0) {
    out.push(`No problems found in ${plural(result.files.length, 'file')} (${plural(result.clusters.length, 'cluster')}).`);
  } else {
    const line = `${plural(total, 'problem')} (${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${plural(s.info, 'info')}) in ${plural(result.files.length, 'file')}`;
    out.push(paint('bold', (s.error ? '✖ ' : '⚠ ') + line));
  }
  const fixes = countFixable(result.diagnostics);
  const fixable = fixableSummary(fixes);
  if (fixable) out.push(fixes.safe ? `[*] ${fixable}` : fixable);
  const suppressed = result.diagnostics.filter((d) => d.suppressed).length;
  if (suppressed) out.push(paint('dim', `${suppressed} suppressed.`));
  return out;
}
