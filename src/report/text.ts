import type { LintResult } from '../api.js';
import type { Severity } from '../types.js';
import { locate, plural, safePathText, safeTerminalText, summarize } from './common.js';
import { countFixable, fixableSummary, isFixable } from './fixable.js';

export interface TextOptions {
  color: boolean;
}

const codes = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1 } as const;

export function formatText(result: LintResult, opts: TextOptions): string {
  const paint = (c: keyof typeof codes, s: string): string => (opts.color ? `\u001b[${codes[c]}m${s}\u001b[0m` : s);
  const sevColor: Record<Severity, keyof typeof codes> = { error: 'red', warning: 'yellow', info: 'blue' };
  const out: string[] = [];
  const shown = result.diagnostics.filter((d) => !d.suppressed);
  let current: string | undefined;
  for (const d of shown) {
    if (current !== undefined && d.loc.file !== current) out.push('');
    current = d.loc.file;
    const { line, column } = locate(d, result.sources);
    const where = paint('bold', `${safePathText(d.loc.file)}:${line}:${column}`);
    const sev = paint(sevColor[d.severity], d.severity);
    out.push(`${where}  ${sev}  ${safeTerminalText(d.message)}  ${paint('gray', d.rule)}${isFixable(d) ? ' [*]' : ''}`);
    if (d.help) out.push(`  ${paint('gray', '↳ ' + safeTerminalText(d.help))}`);
  }
  const s = summarize(result.diagnostics);
  const total = s.error + s.warning + s.info;
  const clusters = result.clusters.length;
  if (out.length) out.push('');
  if (total === 0) {
    out.push(`No problems found in ${plural(result.files.length, 'file')} (${plural(clusters, 'cluster')}).`);
  } else {
    const line = `${plural(total, 'problem')} (${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${plural(s.info, 'info')}) in ${plural(result.files.length, 'file')}`;
    out.push(paint('bold', (s.error ? '✖ ' : '⚠ ') + line));
  }
  const fixes = countFixable(result.diagnostics);
  const fixable = fixableSummary(fixes);
  if (fixable) out.push(fixes.safe ? `[*] ${fixable}` : fixable);
  const suppressed = result.diagnostics.length - shown.length;
  if (suppressed) out.push(paint('gray', `${suppressed} suppressed.`));
  return out.join('\n') + '\n';
}
