import type { LintResult } from '../api.js';
import { effectiveSetting } from '../engine/settings.js';
import type { ResolvedCluster } from '../resolve/cluster.js';
import { lineColumn, type SourceFile } from '../source/source.js';
import type { Diagnostic, Loc } from '../types.js';
import { containsSecret } from '../engine/redact.js';

/** A one-click fix: replace the text at `loc` (one line) with `replacement`. */
export interface Fix {
  loc: Loc;
  replacement: string;
  /** What the reviewer should check before accepting it. */
  caution?: string;
}

interface FixContext {
  source: SourceFile;
  /** The flagged text. */
  text: string;
  cluster?: ResolvedCluster;
}

type Fixer = (d: Diagnostic, ctx: FixContext) => Fix | undefined;

/**
 * Fixes computed from what a finding shows (its rule, message, range and the file text). Rules do
 * not declare fixes yet; when they do (a `fix` on ctx.report), this table can go.
 */
const FIXERS: Record<string, Fixer> = {
  // work_mem = 8mb -> 8MB: only when exactly one valid unit matches without regard to case.
  'invalid-value'(d, { text }) {
    const units = /Valid units for this parameter are (.*?)\)/.exec(d.message)?.[1];
    if (!units) return undefined;
    const valid = [...units.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    const m = /^(')?(\s*[+-]?[0-9]+(?:\.[0-9]+)?\s*)([A-Za-z]+)(\s*)(')?$/.exec(text);
    if (!m || m[1] !== m[5]) return undefined;
    const unit = m[3]!;
    const same = valid.filter((u) => u.toLowerCase() === unit.toLowerCase());
    if (same.length !== 1 || same[0] === unit) return undefined;
    return { loc: d.loc, replacement: `${m[1] ?? ''}${m[2]}${same[0]}${m[4]}${m[5] ?? ''}` };
  },
  // unix_socket_directories = /var/run/postgresql -> '/var/run/postgresql'
  'syntax-error'(d, { source }) {
    const { line } = lineColumn(source, d.loc.start);
    const start = source.lineStarts[line - 1]!;
    const end = source.lineStarts[line] ?? source.text.length;
    const full = source.text.slice(start, end).replace(/\r?\n$/, '');
    const m = /^(\s*[A-Za-z_][A-Za-z0-9_.]*\s*(?:=\s*|\s))([^\s'"#=]+)(\s*(?:#.*)?)$/.exec(full);
    if (!m || !m[2]!.includes('/')) return undefined;
    const valueStart = start + m[1]!.length;
    // Only when the error is inside the unquoted value (not, say, a stray quote elsewhere).
    if (d.loc.start < valueStart || d.loc.start >= valueStart + m[2]!.length) return undefined;
    return { loc: { file: d.loc.file, start: valueStart, end: valueStart + m[2]!.length }, replacement: `'${m[2]}'` };
  },
  // host ... md5 -> scram-sha-256, only when the cluster already stores new passwords as SCRAM.
  'hba-md5'(d, { source, text, cluster }) {
    // Without the cluster's postgresql.conf we cannot see password_encryption: no suggestion.
    if (!cluster?.conf || effectiveSetting(cluster, 'password_encryption')?.canonical !== 'scram-sha-256') return undefined;
    let loc = d.loc;
    if (text !== 'md5') {
      const { line } = lineColumn(source, d.loc.start);
      const start = source.lineStarts[line - 1]!;
      const full = source.text.slice(start, source.lineStarts[line] ?? source.text.length);
      const hits = [...full.matchAll(/(?<=\s)md5(?=\s|$)/g)];
      if (hits.length !== 1) return undefined;
      loc = { file: d.loc.file, start: start + hits[0]!.index!, end: start + hits[0]!.index! + 3 };
    }
    return {
      loc,
      replacement: 'scram-sha-256',
      caution: 'Accept only once every role that connects through this line has a SCRAM password (roles whose pg_authid.rolpassword still starts with md5 cannot log in with scram-sha-256).',
    };
  },
};

/** The longest line a suggestion repeats. */
export const SUGGESTION_MAX_CHARS = 500;

export function fixFor(d: Diagnostic, result: LintResult): Fix | undefined {
  const fixer = FIXERS[d.rule];
  const source = result.sources.get(d.loc.file);
  if (!fixer || !source || d.suppressed) return undefined;
  const cluster = result.clusters.find((c) => c.sources.has(d.loc.file));
  const fix = fixer(d, { source, text: source.text.slice(d.loc.start, d.loc.end), ...(cluster ? { cluster } : {}) });
  if (!fix) return undefined;
  // A suggestion replaces whole lines: keep fixes on one line.
  if (lineColumn(source, fix.loc.start).line !== lineColumn(source, fix.loc.end).line) return undefined;
  if (/[\r\n]/.test(fix.replacement)) return undefined;
  // A suggestion repeats the whole line as it reads after the fix: a line that holds something
  // looking like a credential is not repeated, so no suggestion is offered for it.
  // A long line is not repeated either (a comment body has a size limit, and the line is file text).
  const after = applyToLine(fix, source).text;
  if (after.length > SUGGESTION_MAX_CHARS || containsSecret(after)) return undefined;
  return fix;
}

/** The flagged line as it reads after the fix (for a ```suggestion block), and its line number. */
export function applyToLine(fix: Fix, source: SourceFile): { line: number; text: string } {
  const { line } = lineColumn(source, fix.loc.start);
  const start = source.lineStarts[line - 1]!;
  const end = source.lineStarts[line] ?? source.text.length;
  const full = source.text.slice(start, end).replace(/\r?\n$/, '');
  return { line, text: full.slice(0, fix.loc.start - start) + fix.replacement + full.slice(fix.loc.end - start) };
}
