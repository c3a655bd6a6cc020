// --fix, --unsafe-fixes and --diff: lint, apply one pass of non-overlapping fixes per file
// (fixesForFile), lint the fixed text again, and so on until nothing changes, at most MAX_PASSES
// times (ESLint's limit). The passes run in memory: every pass lints the fixed text through a host
// that serves it in place of the file on disk, so --diff writes nothing and --fix writes each file
// once, at the end, through src/fix/write.ts. The result is the last pass's lint: the findings that
// remain, as ESLint and ruff report them.
import { resolve } from 'node:path';
import { hostFor, lint, type LintOptions, type LintResult } from '../api.js';
import type { Rule } from '../linter/rule.js';
import type { Host } from '../resolve/host.js';
import { stdinPath } from '../resolve/stdin.js';
import { createSourceFile } from '../source/source.js';
import { applyEdits, fixesForFile } from '../linter/edits.js';
import { fileDiff } from './diff.js';
import { checkTarget, encodeText, roundTripProblem, writeRoot, writeTarget, type Target, type WriteHooks, type WriteRoot } from './write.js';

/** ESLint's limit: a fix that keeps producing new fixes stops here. */
export const MAX_PASSES = 10;

export interface FixOptions {
  /** Apply unsafe fixes too (--unsafe-fixes). */
  unsafe: boolean;
  /** 'write' (--fix) writes the fixed files; 'diff' (--diff) only computes them. */
  mode: 'write' | 'diff';
  maxPasses?: number;
  hooks?: WriteHooks;
}

/** One file that fixes apply to. */
export interface FixedFile {
  /** Display path, as in findings. */
  path: string;
  absPath: string;
  encoding: 'utf8' | 'latin1';
  /** Standard input (`-`): never written; --fix prints its fixed text. */
  stdin: boolean;
  before: string;
  after: string;
  /** Fixes applied to it, over all passes. */
  fixes: number;
  /** Why it is not (or was not) fixed; its findings are then reported as they are on disk. */
  refused?: string;
  /** The fixed bytes, in the file's encoding. */
  bytes?: Buffer;
  target?: Target;
}

export interface FixOutcome {
  /** The lint of the fixed files (and of the others as they are): the findings that remain. */
  result: LintResult;
  /** Files with fixes, in path order (refused ones included, with the reason). */
  files: FixedFile[];
  /** Fixes applied to files that were fixed (or, with --diff, would be). */
  fixed: number;
  /** Lint passes that applied fixes. */
  passes: number;
}

/** A host that serves the fixed bytes of some files in place of what is on disk. */
function overlayHost(inner: Host, fixed: ReadonlyMap<string, Buffer>): Host {
  return {
    ...inner,
    kind: (p) => inner.kind(p),
    allowed: (p) => inner.allowed(p),
    display: (p) => inner.display(p),
    list: (p) => inner.list(p),
    ...(inner.refusal ? { refusal: (p: string) => inner.refusal!(p) } : {}),
    ...(inner.identity ? { identity: (p: string) => inner.identity!(p) } : {}),
    read(p) {
      const bytes = fixed.get(resolve(p));
      if (bytes === undefined) return inner.read(p);
      return { ok: true, file: createSourceFile(inner.display(p), resolve(p), bytes) };
    },
  };
}

function stdinBytes(options: LintOptions): Buffer | undefined {
  const c = options.stdin?.content;
  if (c === undefined || (typeof c === 'object' && !Buffer.isBuffer(c))) return undefined;
  return typeof c === 'string' ? Buffer.from(c) : c;
}

/**
 * Lints `paths`, applies fixes pass after pass in memory, and with mode 'write' writes every fixed
 * file (never standard input). A file that may not be written (see src/fix/write.ts), or whose
 * bytes do not round-trip, is refused before its first fix and keeps its findings.
 */
export function runFixes(paths: string[], options: LintOptions, rules: readonly Rule[], fix: FixOptions): FixOutcome {
  const base = hostFor({ ...options, stdin: undefined });
  const root: WriteRoot = options.host ? { given: base.root, real: base.root } : writeRoot(resolve(options.cwd ?? process.cwd()), options.root);
  const overlay = new Map<string, Buffer>();
  const host = overlayHost(base, overlay);
  const stdinAbs = options.stdin ? stdinPath(base, options.stdin) : undefined;
  let stdinNow = stdinBytes(options);
  const lintNow = (): LintResult =>
    lint(paths, { ...options, host, ...(options.stdin ? { stdin: { ...options.stdin, ...(stdinNow ? { content: stdinNow } : {}) } } : {}) }, rules);

  const files = new Map<string, FixedFile>();
  const maxPasses = fix.maxPasses ?? MAX_PASSES;
  let result = lintNow();
  // An invocation problem (a path that does not exist, nothing found) is exit 2 before anything is fixed.
  if (result.errors.length) return { result, files: [], fixed: 0, passes: 0 };
  let passes = 0;
  while (passes < maxPasses) {
    let changed = false;
    for (const [path, src] of result.sources) {
      const fixes = fixesForFile(result.diagnostics, path, fix.unsafe);
      if (!fixes.length) continue;
      const abs = resolve(src.absPath);
      let f = files.get(abs);
      if (!f) {
        const isStdin = abs === stdinAbs;
        f = { path, absPath: abs, encoding: src.encoding, stdin: isStdin, before: src.text, after: src.text, fixes: 0 };
        files.set(abs, f);
        if (isStdin) {
          const bytes = stdinBytes(options);
          const why = bytes ? roundTripProblem(bytes, src.text, src.encoding) : 'standard input was not read';
          if (why) f.refused = why;
        } else {
          const checked = checkTarget(abs, root, base.maxFileBytes);
          if (!checked.ok) f.refused = checked.reason;
          else {
            f.target = checked.target;
            const why = roundTripProblem(checked.target.bytes, src.text, src.encoding);
            if (why) f.refused = why;
          }
        }
      }
      if (f.refused) continue;
      const after = applyEdits(src.text, fixes.flatMap((x) => x.edits));
      if (after === src.text) continue;
      const bytes = encodeText(after, f.encoding);
      if (!bytes) {
        // Nothing of this file is fixed: the earlier passes' text is dropped too.
        f.refused = `a fix inserts characters that ${f.encoding === 'utf8' ? 'UTF-8' : 'Latin-1'} cannot encode`;
        overlay.delete(abs);
        if (f.stdin) stdinNow = stdinBytes(options);
        changed = true;
        continue;
      }
      f.after = after;
      f.bytes = bytes;
      f.fixes += fixes.length;
      if (f.stdin) stdinNow = bytes;
      else overlay.set(abs, bytes);
      changed = true;
    }
    if (!changed) break;
    passes++;
    result = lintNow();
  }

  if (fix.mode === 'write') {
    let failed = false;
    for (const f of files.values()) {
      if (f.refused || f.stdin || !f.bytes || !f.target || f.after === f.before) continue;
      const why = writeTarget(f.target, f.bytes, root, base.maxFileBytes, fix.hooks);
      if (why) {
        f.refused = why;
        overlay.delete(f.absPath);
        failed = true;
      }
    }
    // What remains is what is on disk: a file that could not be written keeps its findings.
    if (failed) result = lintNow();
  }
  const list = [...files.values()].filter((f) => f.refused || f.after !== f.before).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const fixed = list.reduce((n, f) => n + (f.refused ? 0 : f.fixes), 0);
  return { result, files: list, fixed, passes };
}

/** The --diff output: one git-style diff per fixed file, in path order (empty when nothing changes). */
export function fixDiff(outcome: FixOutcome): Buffer {
  return Buffer.concat(outcome.files.filter((f) => !f.refused).map((f) => fileDiff(f.path, f.before, f.after, f.encoding)));
}

/** "Fixed 3 problems (2 remaining)." / "Would fix …": the summary line. */
export function fixSummary(outcome: FixOutcome, mode: 'write' | 'diff'): string {
  const n = outcome.fixed;
  const problems = `${n} problem${n === 1 ? '' : 's'}`;
  if (mode === 'diff') return n ? `Would fix ${problems}.` : 'Nothing to fix.';
  const remaining = outcome.result.diagnostics.filter((d) => !d.suppressed).length;
  return `Fixed ${problems} (${remaining} remaining).`;
}
