import { lineColumn, type SourceFile } from '../source/source.js';
import type { Diagnostic } from '../types.js';
import { redactSecrets } from '../linter/redact.js';
import { sha256Hex } from '../io/crypto.js';

/**
 * A fingerprint that survives lines being inserted above a finding: the rule, the file, the
 * trimmed text of the flagged line (none for a finding about the whole file), and which occurrence
 * of that (rule, file, text) it is.
 * Code scanning matches alerts across commits with it; PR review comments use it to avoid
 * posting the same comment again on every push.
 */
export function fingerprints(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>): Map<Diagnostic, string> {
  const out = new Map<Diagnostic, string>();
  const seen = new Map<string, number>();
  const ordered = diagnostics.slice().sort((a, b) => (a.loc.file !== b.loc.file ? (a.loc.file < b.loc.file ? -1 : 1) : a.loc.start - b.loc.start));
  for (const d of ordered) {
    // A finding about the file or cluster as a whole (an empty range at offset 0) is not about line 1:
    // editing that line must not make it a new finding.
    const fileLevel = d.loc.start === 0 && d.loc.end === 0;
    const key = `${d.rule}\0${d.loc.file}\0${fileLevel ? '' : hashedLine(lineText(d, sources).trim())}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    out.set(d, sha256Hex(`${key}\0${n}`).slice(0, 32));
  }
  return out;
}

/**
 * The line text that goes into a fingerprint, with credential-looking text masked: the fingerprint
 * is published (SARIF, PR comments), and a hash of a line with a short password in it could be
 * tested against guesses. Lines without such text are unchanged, so are their fingerprints; a
 * line over 64 KiB is represented by its masked head and its length (bounded work).
 */
function hashedLine(t: string): string {
  return t.length > 65536 ? `${redactSecrets(t.slice(0, 65536))}\0${t.length}` : redactSecrets(t);
}

/** The physical line a finding starts on, without its line break. */
export function lineText(d: Diagnostic, sources: ReadonlyMap<string, SourceFile>): string {
  const src = sources.get(d.loc.file);
  if (!src) return '';
  const { line } = lineColumn(src, d.loc.start);
  const start = src.lineStarts[line - 1] ?? 0;
  const next = src.lineStarts[line];
  return src.text.slice(start, next === undefined ? src.text.length : next).replace(/\r?\n$/, '');
}
