/** New-side lines of one file in a pull request's diff. */
export interface FileDiff {
  /** Lines added or modified by the PR (`+` lines). */
  added: Set<number>;
  /** Every new-side line shown in the diff (`+` and context lines): where review comments may go. */
  commentable: Set<number>;
  /** No patch was available (binary, too large): the whole file counts as changed; no line is commentable. */
  wholeFile: boolean;
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Parses the `patch` of a pulls.listFiles entry (unified diff hunks without file headers). */
export function parsePatch(patch: string): FileDiff {
  const added = new Set<number>();
  const commentable = new Set<number>();
  let line = 0;
  let inHunk = false;
  const lines = patch.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const raw of lines) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const h = HUNK.exec(text);
    if (h) {
      line = Number(h[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    const c = text[0];
    if (c === '+') {
      added.add(line);
      commentable.add(line);
      line++;
    } else if (c === ' ' || c === undefined) {
      // a context line (an empty one may have lost its leading space)
      commentable.add(line);
      line++;
    }
    // '-' (removed) and '\\' ("No newline at end of file") have no new-side line
  }
  return { added, commentable, wholeFile: false };
}

export interface PrFile {
  filename: string;
  status: string;
  patch?: string;
}

/** Repository path -> its diff, for the files a PR adds or changes (removed files have no new side). */
export function changedLines(files: readonly PrFile[]): Map<string, FileDiff> {
  const out = new Map<string, FileDiff>();
  for (const f of files) {
    if (f.status === 'removed') continue;
    if (f.patch === undefined || f.patch === '') {
      // GitHub omits the patch of binary files and very large diffs; a pure rename has none either.
      const wholeFile = f.status !== 'renamed' && f.status !== 'unchanged';
      out.set(f.filename, { added: new Set(), commentable: new Set(), wholeFile });
      continue;
    }
    out.set(f.filename, parsePatch(f.patch));
  }
  return out;
}
