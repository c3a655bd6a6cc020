import { lineColumn, type SourceFile } from '../source/source.js';
import type { Diagnostic, Severity } from '../types.js';
import { lastResult } from '../lexical/last-result.js';

export interface Located {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** 1-based line/column range; endColumn is exclusive (as in SARIF and the JSON report). */
export function locate(d: Diagnostic, sources: ReadonlyMap<string, SourceFile>): Located {
  const src = sources.get(d.loc.file);
  if (!src) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  const s = lineColumn(src, d.loc.start);
  const e = lineColumn(src, d.loc.end);
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

export function summarize(diags: readonly Diagnostic[]): Record<Severity, number> {
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diags) if (!d.suppressed) summary[d.severity]++;
  return summary;
}

/** Replaces control characters from file content so they cannot drive the terminal. */
export function safeTerminalText(s: string): string {
  // One pass: a line break is shown as \n, the other control characters as \xNN or \uNNNN; tabs
  // stay. Most texts have none: a test (which allocates nothing) before the replace (which does).
  return HAS_CONTROL.test(s) ? s.replace(CONTROLS, escapeControl) : s;
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** CONTROLS without the g flag (test then starts from the start, keeping no state). */
const HAS_CONTROL = new RegExp(CONTROLS.source);

function escapeControl(c: string): string {
  const code = c.charCodeAt(0);
  if (code === 0x0a) return '\\n';
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Words that take no plural s ("2 info", as a mass noun). */
const UNCOUNTED = new Set(['info']);

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || UNCOUNTED.has(word) ? '' : 's'}`;
}

/**
 * A file path at the start of an output line: control characters shown escaped, and a path that
 * would make the line start with `::` (a GitHub workflow command, leading blanks ignored) or with
 * blanks gets a `./` prefix, so a directory named `::error::x` cannot issue commands in a CI log.
 */
// A report names the same file once per finding: the last path's text is kept.
export const safePathText = lastResult((path: string): string => {
  const s = safeTerminalText(path);
  return /^[\s:]/.test(s) ? './' + s : s;
});

/**
 * Control characters other than line breaks and tabs (ANSI escapes, bidi overrides, NUL) shown
 * escaped; for outputs that escape line breaks themselves (workflow commands).
 */
export function neutralizeControls(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
