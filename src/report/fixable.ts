// Which findings carry a fix, as every output tells it: the text reporter's `[*]` marker and its
// "N fixable with --fix" line (ruff's wording), and the fixes JSON, SARIF and the Action show.
import { containsSecret } from '../linter/redact.js';
import { allowed } from '../linter/edits.js';
import type { Diagnostic, Fix } from '../types.js';

/** Unsuppressed findings with a fix: `safe` ones `--fix` applies, `unsafe` ones only `--unsafe-fixes` does. */
export interface FixableCount {
  safe: number;
  unsafe: number;
}

/** Counts the fixes of unsuppressed findings (a suppressed finding's fix is never applied). */
export function countFixable(diagnostics: readonly Diagnostic[]): FixableCount {
  const n: FixableCount = { safe: 0, unsafe: 0 };
  for (const d of diagnostics) if (d.fix && !d.suppressed) n[d.fix.applicability]++;
  return n;
}

/**
 * Whether a finding gets the `[*]` marker: as in ruff, a fix that `--fix` applies (a safe one); with
 * `unsafe`, also an unsafe one (as after `--unsafe-fixes`).
 */
export function isFixable(d: Diagnostic, unsafe = false): boolean {
  return d.fix !== undefined && !d.suppressed && allowed(d.fix, unsafe);
}

/**
 * The summary line: "3 fixable with --fix (2 more with --unsafe-fixes).", "2 fixable with
 * --unsafe-fixes." when no fix is safe; undefined when no finding has a fix.
 */
export function fixableSummary(count: FixableCount): string | undefined {
  if (count.safe === 0 && count.unsafe === 0) return undefined;
  if (count.safe === 0) return `${count.unsafe} fixable with --unsafe-fixes.`;
  return `${count.safe} fixable with --fix${count.unsafe ? ` (${count.unsafe} more with --unsafe-fixes)` : ''}.`;
}

/**
 * The fix as an output may show it: a fix is file text, so one whose inserted text looks like a
 * credential (quoting a value that holds a token) is left out of reports and review comments, as a
 * line with one is never repeated; `--fix` still applies it locally.
 */
export function shownFix(d: Diagnostic): Fix | undefined {
  const fix = d.fix;
  if (!fix) return undefined;
  // Indexed, no closure: the text report asks this of every finding. An empty text (a deletion) holds nothing.
  for (let k = 0; k < fix.edits.length; k++) {
    const text = fix.edits[k]!.text;
    if (text !== '' && containsSecret(text)) return undefined;
  }
  return fix;
}

/** The command that applies a fix of this applicability (`--unsafe-fixes` implies `--fix`). */
export const FIX_COMMAND: Record<Fix['applicability'], string> = { safe: 'pgconf-lint --fix', unsafe: 'pgconf-lint --unsafe-fixes' };

/** One line naming a fix for outputs that cannot show it as edits: "Fix (safe): Write the unit as MB — pgconf-lint --fix". */
export function fixHint(fix: Fix): string {
  return `Fix (${fix.applicability}): ${fix.title} — ${FIX_COMMAND[fix.applicability]}`;
}
