// Applying a fix's edits to a file's text: the pure part of --fix, shared by the fixer, --diff and
// the rule tester. Edits use offsets into the text (Loc.start/end); everything outside them is kept
// as it is, byte for byte once encoded back.
import type { Applicability, Diagnostic, Edit, Fix } from '../types.js';

/** The text with the edits applied. Edits must not overlap (checkedFix guarantees it per fix). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.loc.start - b.loc.start || a.loc.end - b.loc.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.loc.start < at || e.loc.end > text.length) throw new Error('applyEdits: overlapping or out-of-range edit');
    out += text.slice(at, e.loc.start) + e.text;
    at = e.loc.end;
  }
  return out + text.slice(at);
}

/** Whether a fix may be applied under the chosen mode (`--fix`: safe only; `--unsafe-fixes`: both). */
export function allowed(fix: Fix, unsafe: boolean): boolean {
  return fix.applicability === 'safe' || (unsafe && fix.applicability === 'unsafe');
}

/**
 * The fixes to apply to one file in one pass, in order: of unsuppressed findings only, allowed by the
 * mode, and never two whose edits overlap (the later one waits for the next pass, as ESLint does).
 */
export function fixesForFile(diagnostics: readonly Diagnostic[], file: string, unsafe: boolean): Fix[] {
  const chosen: Fix[] = [];
  const taken: Edit[] = [];
  const candidates = diagnostics
    .filter((d) => d.fix && !d.suppressed && d.fix.edits.every((e) => e.loc.file === file) && allowed(d.fix, unsafe))
    .map((d) => d.fix!)
    .sort((a, b) => a.edits[0]!.loc.start - b.edits[0]!.loc.start);
  for (const f of candidates) {
    const clash = f.edits.some((e) => taken.some((t) => e.loc.start < t.loc.end && t.loc.start < e.loc.end || (e.loc.start === t.loc.start && e.loc.end === t.loc.end)));
    if (clash) continue;
    chosen.push(f);
    taken.push(...f.edits);
  }
  return chosen;
}

export type { Applicability };
