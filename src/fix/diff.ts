// A unified diff of a fixed file (`--diff`), as `git diff` prints it: `--- a/path`, `+++ b/path`,
// hunks with 3 lines of context, `\ No newline at end of file`. Lines keep their terminators, so a
// CRLF file's lines end in CR in the diff as they do in the file, and the diff's bytes are the file's
// encoding (a Latin-1 file's lines stay Latin-1): `git apply` and `patch -p1` reproduce --fix exactly.

const CONTEXT = 3;
/** Past this many differing lines the middle is shown as replaced whole (bounded work). */
const MAX_EDIT_DISTANCE = 4000;

/** Lines with their terminators ("a\r\n", "b\n", a last "c" without one). */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', at)) {
    out.push(text.slice(at, i + 1));
    at = i + 1;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Myers' O(ND) shortest edit script between a and b (lines), as ops in order. */
function myers(a: readonly string[], b: readonly string[]): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    if (d > MAX_EDIT_DISTANCE) return undefined;
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d);
    }
  }
  return undefined;
}

function backtrack(a: readonly string[], b: readonly string[], trace: Int32Array[], dEnd: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d > 0; d--) {
    const vd = trace[d]!; // V as it was before step d: diagonal k is at index k + d + 1
    const at = (kk: number): number => vd[kk + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[x - 1]! });
      x--;
      y--;
    }
    if (down) ops.push({ kind: '+', line: b[y - 1]! });
    else ops.push({ kind: '-', line: a[x - 1]! });
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', line: a[x - 1]! });
    x--;
    y--;
  }
  return ops.reverse();
}

function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const middle = myers(am, bm) ?? [...am.map((line) => ({ kind: '-' as const, line })), ...bm.map((line) => ({ kind: '+' as const, line }))];
  return [
    ...a.slice(0, pre).map((line) => ({ kind: ' ' as const, line })),
    ...middle,
    ...a.slice(a.length - suf).map((line) => ({ kind: ' ' as const, line })),
  ];
}

function range(start: number, count: number): string {
  // diff's convention: an empty range names the line before it; a count of 1 is left out.
  const s = count === 0 ? start - 1 : start;
  return count === 1 ? `${s}` : `${s},${count}`;
}

/**
 * The hunks of a unified diff from `before` to `after` (no file header), or '' when they are equal.
 * Each line keeps its terminator; a last line without one is followed by "\ No newline at end of file".
 */
export function unifiedHunks(before: string, after: string): string {
  if (before === after) return '';
  const ops = editScript(splitLines(before), splitLines(after));
  const changed: number[] = [];
  ops.forEach((op, i) => op.kind !== ' ' && changed.push(i));
  let out = '';
  let i = 0;
  while (i < changed.length) {
    const from = Math.max(0, changed[i]! - CONTEXT);
    let j = i;
    while (j + 1 < changed.length && changed[j + 1]! - changed[j]! <= 2 * CONTEXT + 1) j++;
    const to = Math.min(ops.length, changed[j]! + CONTEXT + 1);
    // Line numbers of the hunk's first line in each file.
    let oldLine = 1;
    let newLine = 1;
    for (let k = 0; k < from; k++) {
      if (ops[k]!.kind !== '+') oldLine++;
      if (ops[k]!.kind !== '-') newLine++;
    }
    let oldCount = 0;
    let newCount = 0;
    let body = '';
    for (let k = from; k < to; k++) {
      const op = ops[k]!;
      if (op.kind !== '+') oldCount++;
      if (op.kind !== '-') newCount++;
      body += op.kind + op.line + (op.line.endsWith('\n') ? '' : '\n\\ No newline at end of file\n');
    }
    out += `@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@\n${body}`;
    i = j + 1;
  }
  return out;
}

/** A file's diff as bytes: the header in UTF-8, the lines in the file's own encoding. */
export function fileDiff(path: string, before: string, after: string, encoding: 'utf8' | 'latin1'): Buffer {
  const hunks = unifiedHunks(before, after);
  if (!hunks) return Buffer.alloc(0);
  return Buffer.concat([Buffer.from(`--- a/${path}\n+++ b/${path}\n`, 'utf8'), Buffer.from(hunks, encoding)]);
}
