// A finding shown with its source (rustc / ruff / squawk style): the lines of the span with a
// line-number gutter and carets under the span, related locations as secondary labels, and a fix
// as a diff of the lines it changes. Pure: text in, lines out; colour through a `paint` function.
//
// Bounded: only the lines shown are read (the SourceFile's line index finds them), and a long line
// is cut to a window around the span before any per-character work, so a million-line file or a
// 10 MB line costs what the few lines shown cost.
//
// Safe to print: control characters, terminal escapes and bidi overrides in the file are shown
// escaped (safeTerminalText), credential-looking text and PEM private-key blocks are masked in place
// (the same masker as messages), and no line starts with `::` (a workflow command in a CI log).
import { MASK, privateKeyBlocks, redactSecrets, secretRanges } from '../linter/redact.js';
import { applyEdits } from '../linter/edits.js';
import { lineColumn, type SourceFile } from '../source/source.js';
import type { Diagnostic, Fix, Loc, Severity } from '../types.js';
import { safePathText, safeTerminalText } from './common.js';

export type Style = 'error' | 'warning' | 'info' | 'gutter' | 'secondary' | 'bold' | 'removed' | 'added' | 'dim';
export type Paint = (style: Style, s: string) => string;

export const noPaint: Paint = (_style, s) => s;

const SGR: Record<Style, string> = {
  error: '1;31',
  warning: '1;33',
  info: '1;34',
  gutter: '1;34',
  secondary: '1;34',
  bold: '1',
  removed: '31',
  added: '32',
  dim: '90',
};

/** ANSI colours (only ever around text this module produced or escaped). */
export const ansiPaint: Paint = (style, s) => (s === '' ? s : `\u001b[${SGR[style]}m${s}\u001b[0m`);

/** Tab stops every 8 columns from the start of the line (as a terminal and postgresql.conf.sample lay them out). */
export const TAB_WIDTH = 8;
/** Source text wider than this many columns is cut around the span, `…` marking each cut. */
export const MAX_LINE_COLUMNS = 120;
/** At most this many related locations are drawn; the rest are counted. */
export const MAX_RELATED = 8;
/** At most this many lines on each side of a fix's diff. */
export const MAX_DIFF_LINES = 8;
/** Context kept left of the span when a long line is cut. */
const LEFT_CONTEXT = 24;
/** A line longer than this (code units) is first narrowed to a window around the span. */
const WINDOW_UNITS = 4 * MAX_LINE_COLUMNS;

/** Columns a code point takes in a terminal: 0 for combining and format characters, 2 for wide ones. */
export function charWidth(cp: number): number {
  if (cp < 0x300) return 1;
  if (isZeroWidth(cp)) return 0;
  return isWide(cp) ? 2 : 1;
}

const ZERO = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
function isZeroWidth(cp: number): boolean {
  return cp !== 0xad && ZERO.test(String.fromCodePoint(cp));
}

// East Asian Wide and Fullwidth ranges (Unicode 15, EastAsianWidth.txt W/F), emoji presentation included.
const WIDE: readonly [number, number][] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x303e],
  [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3],
  [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff], [0x1b000, 0x1b2ff], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a], [0x1f200, 0x1f2ff], [0x1f300, 0x1f64f], [0x1f680, 0x1f6ff], [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];
function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = WIDE[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** One physical line of a file: its offset and its text without the line break (`\n` or `\r\n`). */
interface Line {
  number: number;
  start: number;
  text: string;
}

function lineAt(src: SourceFile, n: number): Line {
  const start = src.lineStarts[n - 1]!;
  let end = n < src.lineStarts.length ? src.lineStarts[n]! - 1 : src.text.length;
  if (n < src.lineStarts.length && end > start && src.text.charCodeAt(end - 1) === 0x0d) end--;
  return { number: n, start, text: src.text.slice(start, end) };
}

/**
 * A mark under a line: units [from, to) where unit k < text.length is the character at k and unit
 * text.length is the end of the line (where a caret points at a missing token or at a line break).
 */
export interface Mark {
  from: number;
  to: number;
  kind: 'primary' | 'secondary';
  label?: string;
}

/** Masked ranges of a line's text [a, b), sorted, for the window [wa, wb) of it that is shown. */
export type Masker = (wa: number, wb: number) => [number, number][];

/** A line this long or shorter is scanned for credentials whole; a longer one around the window shown. */
const FULL_SCAN_UNITS = 65536;
/** Text scanned on each side of the window of a longer line. */
const SCAN_CONTEXT = 16384;

/**
 * The credential-looking ranges of a line (as redactSecrets masks them). A line longer than
 * FULL_SCAN_UNITS is scanned from SCAN_CONTEXT before the window (moved back to a blank or quote, so
 * that no key=value pair or token is entered in its middle) to SCAN_CONTEXT after it; when no blank
 * or quote comes within 4 × SCAN_CONTEXT before, the window lies inside one huge token, and all of
 * it is masked.
 */
export function lineSecrets(text: string): Masker {
  return (wa, wb) => {
    if (text.length <= FULL_SCAN_UNITS) return wholeLineSecrets(text).map(([a, b]) => [a, b]);
    let ca = Math.max(0, wa - SCAN_CONTEXT);
    const floor = Math.max(0, wa - 4 * SCAN_CONTEXT);
    while (ca > floor && !isBreak(text.charCodeAt(ca - 1))) ca--;
    if (ca > 0 && !isBreak(text.charCodeAt(ca - 1))) return [[wa, wb]];
    const cb = Math.min(text.length, wb + SCAN_CONTEXT);
    return wholeWords(text, secretRanges(text.slice(ca, cb)).map(([x, y]) => [x + ca, y + ca]), ca, cb);
  };
}

/**
 * The masked ranges of a whole line of up to FULL_SCAN_UNITS, remembered for the lines of the last
 * few findings: a line is often drawn several times (as a finding's line, as another finding's
 * related location, in a fix's diff). Bounded: at most LINE_CACHE_ENTRIES lines of at most
 * FULL_SCAN_UNITS each; callers get copies.
 */
const lineCache = new Map<string, readonly (readonly [number, number])[]>();
const LINE_CACHE_ENTRIES = 256;
function wholeLineSecrets(text: string): readonly (readonly [number, number])[] {
  let r = lineCache.get(text);
  if (r === undefined) {
    if (lineCache.size >= LINE_CACHE_ENTRIES) lineCache.clear();
    lineCache.set(text, (r = wholeWords(text, secretRanges(text), 0, text.length)));
  }
  return r;
}

/**
 * Masks widened to the whole word they are in (up to a blank or a quote, within [lo, hi)): a file
 * line is shown around its credential, so `password=****` and `https://user:****@host` give away
 * neither the key nor the URL's user name; the line reads `****` there.
 */
function wholeWords(text: string, ranges: [number, number][], lo: number, hi: number): [number, number][] {
  for (const r of ranges) {
    while (r[0] > lo && !isBreak(text.charCodeAt(r[0] - 1))) r[0]--;
    while (r[1] < hi && !isBreak(text.charCodeAt(r[1]))) r[1]++;
  }
  return mergeRanges(ranges);
}

function isBreak(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x27 || c === 0x22;
}

/** Credentials, and any part inside a PEM private key block of the file. */
function lineMasker(line: Line, keyBlocks: readonly [number, number][]): Masker {
  const secrets = lineSecrets(line.text);
  return (wa, wb) => {
    const out = secrets(wa, wb);
    const end = line.start + line.text.length;
    for (const [a, b] of keyBlocks) {
      if (b < line.start || a > end) continue;
      const from = Math.max(a, line.start) - line.start;
      const to = Math.min(b, end) - line.start;
      if (to > from) out.push([from, to]);
    }
    return mergeRanges(out);
  };
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** A line as displayed: its text and, per mark, the terminal columns it covers. */
export interface ShownLine {
  text: string;
  /** Per mark (same order): [start column, end column) in `text`, at least one column wide. */
  columns: [number, number][];
}

/**
 * Lays out one line: tabs expanded, control characters escaped, secrets masked, wide characters two
 * columns; cut around the marks with `…` when wider than MAX_LINE_COLUMNS. Work is bounded by the
 * window shown, not by the line's length (the masker reads a line of up to 64 KiB whole, a longer one
 * only around the window: see lineSecrets).
 */
export function layoutLine(text: string, marks: readonly Pick<Mark, 'from' | 'to'>[], mask: Masker = lineSecrets(text)): ShownLine {
  const len = text.length;
  const focusFrom = marks.length ? Math.min(len, ...marks.map((m) => m.from)) : 0;
  const focusTo = marks.length ? Math.min(len, Math.max(...marks.map((m) => m.to))) : 0;
  // 1. A window of code units: the whole line unless it is long.
  let wa = 0;
  let wb = len;
  if (len > WINDOW_UNITS) {
    wa = Math.max(0, focusFrom - WINDOW_UNITS / 2);
    wb = Math.min(len, Math.max(focusTo, wa) + WINDOW_UNITS / 2, wa + 2 * WINDOW_UNITS);
    if (wa > 0 && isLowSurrogate(text.charCodeAt(wa))) wa--;
    if (wb < len && isLowSurrogate(text.charCodeAt(wb))) wb++;
  }
  // 2. Cells: one per code point (or per masked range) of the window, each at its column. A window
  // of printable ASCII with nothing masked (nearly every line of a config file) is one cell per code
  // unit at its own column: no per-character work.
  const masked = mask(wa, wb);
  let plain = masked.length === 0;
  for (let i = wa; plain && i < wb; i++) {
    const c = text.charCodeAt(i);
    plain = c >= 0x20 && c < 0x7f;
  }
  const cellUnit: number[] = [];
  const cellText: string[] = [];
  const cellCol: number[] = [];
  let cells = wb - wa;
  let total = cells; // the column of the end of the line (where a caret after the text goes)
  let unitAt = (c: number): number => wa + c;
  let colAt = (c: number): number => c;
  let textOf = (from: number, to: number): string => text.slice(wa + from, wa + to);
  if (!plain) {
    let col = 0;
    let m = 0;
    for (let i = wa; i < wb; ) {
      while (m < masked.length && masked[m]![1] <= i) m++;
      const r = masked[m];
      let t: string;
      let w: number;
      let next: number;
      if (r && r[0] <= i) {
        t = MASK;
        w = MASK.length;
        next = Math.min(r[1], wb);
      } else {
        const cp = text.codePointAt(i)!;
        next = i + (cp > 0xffff ? 2 : 1);
        if (cp >= 0x20 && cp < 0x7f) {
          // Printable ASCII: itself, one column.
          t = text[i]!;
          w = 1;
        } else if (cp === 0x09) {
          w = TAB_WIDTH - (col % TAB_WIDTH);
          t = ' '.repeat(w);
        } else {
          const ch = String.fromCodePoint(cp);
          t = safeTerminalText(ch);
          w = t === ch ? charWidth(cp) : t.length;
        }
      }
      cellUnit.push(i);
      cellText.push(t);
      cellCol.push(col);
      col += w;
      i = next;
    }
    cells = cellCol.length;
    total = col;
    unitAt = (c) => cellUnit[c]!;
    colAt = (c) => cellCol[c]!;
    textOf = (from, to) => cellText.slice(from, to).join('');
  }
  /** The cell holding code unit `u` (wa <= u < wb). */
  const cellOf = (u: number): number => {
    let lo = 0;
    let hi = cells - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (unitAt(mid) <= u) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const endOfCell = (c: number): number => (c + 1 < cells ? colAt(c + 1) : total);
  // Columns of each mark in the window's layout; -1 before it, Infinity after it.
  const raw = marks.map(({ from, to }): [number, number] => {
    const a = from < wa ? -1 : from >= wb ? (from >= len && wb === len ? total : Infinity) : colAt(cellOf(from));
    const end = Math.min(to, len + 1);
    const b = end <= wa ? -1 : end > len ? (wb === len ? total + 1 : Infinity) : end > wb ? Infinity : endOfCell(cellOf(end - 1));
    return [a, b];
  });
  // 3. Cut a wide line to whole cells around the marks.
  let startCol = 0;
  let endCol = total;
  let first = 0;
  let last = cells;
  if (total + 1 > MAX_LINE_COLUMNS) {
    const fa = Math.max(0, Math.min(total, ...raw.map((c) => c[0])));
    const room = MAX_LINE_COLUMNS - 2;
    const ca = Math.max(0, Math.min(fa - LEFT_CONTEXT, total + 1 - room));
    while (first < cells && colAt(first) < ca) first++;
    last = first;
    while (last < cells && endOfCell(last) <= ca + room) last++;
    startCol = first < cells ? colAt(first) : total;
    endCol = last < cells ? colAt(last) : total;
  }
  const before = wa > 0 || first > 0;
  const after = wb < len || last < cells;
  const lead = before ? 1 : 0;
  const ellipsis = lead + endCol - startCol; // the column of a trailing `…`
  const at = (c: number): number => (c < startCol ? 0 : after && c > endCol ? ellipsis : lead + c - startCol);
  const columns = raw.map(([a, b]): [number, number] => {
    const x = a === Infinity ? ellipsis : at(a);
    const y = b === Infinity ? ellipsis + 1 : b <= startCol ? lead : after && b > endCol ? ellipsis + 1 : lead + b - startCol;
    return [x, Math.max(x + 1, y)];
  });
  return { text: (before ? '…' : '') + textOf(first, last) + (after ? '…' : ''), columns };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Pieces of text placed at columns, in order (a piece at a column already passed follows directly). */
function place(pieces: readonly { col: number; text: string; style?: Style }[], paint: Paint): string {
  let out = '';
  let width = 0;
  for (const p of pieces) {
    if (p.col > width) {
      out += ' '.repeat(p.col - width);
      width = p.col;
    }
    out += p.style ? paint(p.style, p.text) : p.text;
    width += p.text.length;
  }
  return out;
}

/**
 * The row of markers under a line (`^` for the finding over `-` for related locations), the
 * rightmost label at its end, and the other labels below it on `|` connectors (as rustc draws them).
 */
function markerRows(marks: readonly Mark[], columns: readonly [number, number][], severity: Severity, paint: Paint): string[] {
  const width = Math.max(...columns.map((c) => c[1]));
  const cells = new Array<string>(width).fill(' ');
  for (const kind of ['secondary', 'primary'] as const) {
    marks.forEach((mk, k) => {
      if (mk.kind === kind) for (let c = columns[k]![0]; c < columns[k]![1]; c++) cells[c] = kind === 'primary' ? '^' : '-';
    });
  }
  const pieces: { col: number; text: string; style?: Style }[] = [];
  for (let c = 0; c < width; ) {
    let d = c;
    while (d < width && cells[d] === cells[c]) d++;
    if (cells[c] !== ' ') pieces.push({ col: c, text: cells[c]!.repeat(d - c), style: cells[c] === '^' ? severity : 'secondary' });
    c = d;
  }
  const styleOf = (mk: Mark): Style => (mk.kind === 'primary' ? severity : 'secondary');
  const labelled = marks
    .map((mk, k) => ({ mk, col: columns[k]![0], end: columns[k]![1], k }))
    .filter((x) => x.mk.label)
    .sort((x, y) => x.col - y.col || x.k - y.k);
  const rightmost = labelled[labelled.length - 1];
  if (rightmost && rightmost.end >= width && !labelled.slice(0, -1).some((x) => x.col === rightmost.col)) {
    labelled.pop();
    pieces.push({ col: width + 1, text: rightmost.mk.label!, style: styleOf(rightmost.mk) });
  }
  const rows = [place(pieces, paint)];
  if (labelled.length) {
    const bars = (n: number) => labelled.slice(0, n).map((x) => ({ col: x.col, text: '|', style: styleOf(x.mk) }));
    rows.push(place(bars(labelled.length), paint));
    for (let j = labelled.length - 1; j >= 0; j--) {
      const x = labelled[j]!;
      rows.push(place([...bars(j), { col: x.col, text: x.mk.label!, style: styleOf(x.mk) }], paint));
    }
  }
  return rows;
}

/** A located range shown under a file's lines. */
interface Annotation {
  loc: Loc;
  kind: 'primary' | 'secondary';
  label?: string;
}

/** First and last line a range covers (a range ending right after a line break ends on that line). */
function lineSpan(src: SourceFile, loc: Loc): { first: number; last: number } {
  const first = lineColumn(src, loc.start).line;
  const endAt = loc.end > loc.start && isLineStart(src, loc.end) ? loc.end - 1 : loc.end;
  return { first, last: Math.max(first, lineColumn(src, endAt).line) };
}

function isLineStart(src: SourceFile, offset: number): boolean {
  return offset > 0 && offset <= src.text.length && src.text.charCodeAt(offset - 1) === 0x0a;
}

const keyBlockCache = new WeakMap<SourceFile, [number, number][]>();
/** The file's PEM private key blocks (found once per file): nothing of them is shown. */
function keyBlocks(src: SourceFile): [number, number][] {
  let b = keyBlockCache.get(src);
  if (b === undefined) keyBlockCache.set(src, (b = privateKeyBlocks(src.text)));
  return b;
}

/**
 * The mark an annotation puts on one of its lines: all of a one-line range; from the start to the
 * end of the line on the first line of a longer one, and from the line's start on its last line
 * (which carries the label). An empty range gets one caret.
 */
function markOn(line: Line, a: Annotation, span: { first: number; last: number }): Mark | undefined {
  const eol = line.text.length;
  const local = (off: number): number => Math.max(0, Math.min(off - line.start, eol + 1));
  // One object shape for every mark (label undefined when there is none): the loops over marks stay monomorphic.
  if (span.first === span.last) {
    if (line.number !== span.first) return undefined;
    const from = Math.min(local(a.loc.start), eol);
    return { kind: a.kind, label: a.label, from, to: Math.max(from + 1, local(a.loc.end)) };
  }
  if (line.number === span.first) {
    const from = Math.min(local(a.loc.start), eol);
    return { kind: a.kind, label: undefined, from, to: Math.max(from + 1, eol) };
  }
  if (line.number === span.last) return { kind: a.kind, label: a.label, from: 0, to: Math.max(1, local(a.loc.end)) };
  return undefined;
}

interface Ctx {
  severity: Severity;
  paint: Paint;
  /** Width of the line-number gutter. */
  gutter: number;
}

/** The source rows of one file's annotations: lines in order, `...` where lines are left out. */
function fileRows(src: SourceFile, anns: readonly Annotation[], ctx: Ctx): string[] {
  const { paint, gutter } = ctx;
  const spans = anns.map((a) => lineSpan(src, a.loc));
  const numbers = [...new Set(spans.flatMap((s) => [s.first, s.last]))].sort((x, y) => x - y);
  const bar = paint('gutter', ' '.repeat(gutter) + ' |');
  const rows: string[] = [];
  let prev = 0;
  for (const n of numbers) {
    if (prev && n > prev + 1) rows.push(paint('gutter', '...'));
    prev = n;
    const line = lineAt(src, n);
    const marks: Mark[] = [];
    anns.forEach((a, k) => {
      const mk = markOn(line, a, spans[k]!);
      if (mk) marks.push(mk);
    });
    const shown = layoutLine(line.text, marks, lineMasker(line, keyBlocks(src)));
    rows.push(paint('gutter', `${String(n).padStart(gutter)} |`) + (shown.text ? ' ' + shown.text : ''));
    for (const r of markerRows(marks, shown.columns, ctx.severity, paint)) rows.push(bar + ' ' + r);
  }
  return rows;
}

/** `path:line:col` of a range's start, counted as in the other reports (column in UTF-16 code units). */
function where(loc: Loc, sources: ReadonlyMap<string, SourceFile>): string {
  const src = sources.get(loc.file);
  const { line, column } = src ? lineColumn(src, loc.start) : { line: 1, column: 1 };
  return `${safePathText(loc.file)}:${line}:${column}`;
}

/** A fix as a diff of the lines it touches: the old lines from `first`, the new lines that replace them. */
interface FixDiff {
  first: number;
  old: DiffLine[];
  new: DiffLine[];
}

interface DiffLine {
  text: string;
  /** Where the edits fall in this line (to cut a long line around them). */
  focus: { from: number; to: number }[];
  mask: Masker;
}

function fixDiff(src: SourceFile, fix: Fix): FixDiff | undefined {
  const edits = fix.edits.filter((e) => e.loc.file === src.path);
  if (!edits.length) return undefined;
  const from = Math.min(...edits.map((e) => e.loc.start));
  const to = Math.max(...edits.map((e) => e.loc.end));
  const first = lineColumn(src, from).line;
  // An edit ending right after a line break (a deleted line) ends on that line.
  const last = to > from && isLineStart(src, to) ? lineColumn(src, to - 1).line : lineColumn(src, to).line;
  const regionStart = src.lineStarts[first - 1]!;
  const regionEnd = last < src.lineStarts.length ? src.lineStarts[last]! : src.text.length;
  const before = src.text.slice(regionStart, regionEnd);
  const rebased = edits
    .map((e) => ({ loc: { file: e.loc.file, start: e.loc.start - regionStart, end: e.loc.end - regionStart }, text: e.text }))
    .sort((a, b) => a.loc.start - b.loc.start);
  const after = applyEdits(before, rebased);
  let shift = 0;
  const inserted = rebased.map((e): [number, number] => {
    const r: [number, number] = [e.loc.start + shift, e.loc.start + shift + e.text.length];
    shift += e.text.length - (e.loc.end - e.loc.start);
    return r;
  });
  const secret = keyBlocks(src).some(([a, b]) => a <= regionEnd && b >= regionStart);
  const lines = (s: string, ranges: readonly [number, number][]): DiffLine[] =>
    splitLines(s).map((l) => ({
      text: l.text,
      focus: focusIn(l, ranges),
      mask: secret ? () => [[0, l.text.length]] : lineSecrets(l.text),
    }));
  return {
    first,
    old: lines(before, rebased.map((e) => [e.loc.start, e.loc.end])),
    new: lines(after, inserted),
  };
}

/** The lines of a region, line breaks dropped (a final line break ends the last line: no empty line after it). */
function splitLines(s: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  for (let at = 0; at < s.length; ) {
    const nl = s.indexOf('\n', at);
    const end = nl === -1 ? s.length : nl;
    const textEnd = nl !== -1 && end > at && s.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    out.push({ start: at, text: s.slice(at, textEnd) });
    if (nl === -1) break;
    at = nl + 1;
  }
  return out;
}

function focusIn(line: { start: number; text: string }, ranges: readonly [number, number][]): { from: number; to: number }[] {
  const end = line.start + line.text.length;
  const out: { from: number; to: number }[] = [];
  for (const [a, b] of ranges) {
    if (b < line.start || a > end) continue;
    const from = Math.max(a, line.start) - line.start;
    out.push({ from, to: Math.max(from + 1, Math.min(b, end) - line.start) });
  }
  return out;
}

/** How many lines of each side of a diff are shown (a longer side ends with a count). */
function shownCount(n: number): number {
  return n > MAX_DIFF_LINES + 1 ? MAX_DIFF_LINES : n;
}

function diffRows(diff: FixDiff, ctx: Ctx): string[] {
  const { paint, gutter } = ctx;
  const rows: string[] = [];
  for (const [sign, lines] of [['-', diff.old], ['+', diff.new]] as const) {
    const style: Style = sign === '-' ? 'removed' : 'added';
    const n = shownCount(lines.length);
    lines.slice(0, n).forEach((l, k) => {
      const shown = layoutLine(l.text, l.focus, l.mask);
      rows.push(paint('gutter', `${String(diff.first + k).padStart(gutter)} `) + paint(style, sign + (shown.text ? ' ' + shown.text : '')));
    });
    if (n < lines.length) rows.push(paint('gutter', ' '.repeat(gutter) + ' ') + paint(style, sign) + paint('dim', ` … ${lines.length - n} more lines`));
  }
  return rows;
}

export interface FrameOptions {
  paint: Paint;
  /**
   * The finding's fix as this report shows it: undefined for none; `hidden` when the fix exists
   * but its text is not to be repeated (see shownFix in ./fixable.ts): its title only.
   */
  fix?: { fix: Fix; hidden: boolean } | undefined;
}

/**
 * Everything below a finding's header line: where it is, its source lines with carets, related
 * locations, help and the fix as a diff. A finding whose file has no source (it could not be read),
 * and the one that counts the findings past the listing limit, get their location alone.
 */
export function frameLines(d: Diagnostic, sources: ReadonlyMap<string, SourceFile>, opts: FrameOptions): string[] {
  const { paint } = opts;
  const src = d.unlisted === undefined ? sources.get(d.loc.file) : undefined;
  const related = d.related ?? [];
  const drawn = src ? related.filter((r) => sources.has(r.loc.file)).slice(0, MAX_RELATED) : [];
  const listed = related.filter((r) => !drawn.includes(r));
  const diff = src && opts.fix && !opts.fix.hidden ? fixDiff(src, opts.fix.fix) : undefined;

  let widest = 1;
  if (src) for (const loc of [d.loc, ...drawn.map((r) => r.loc)]) widest = Math.max(widest, lineSpan(sources.get(loc.file)!, loc).last);
  if (diff) widest = Math.max(widest, diff.first + Math.max(shownCount(diff.old.length), shownCount(diff.new.length)) - 1);
  const ctx: Ctx = { severity: d.severity, paint, gutter: String(widest).length };
  const pad = ' '.repeat(ctx.gutter);
  const bar = paint('gutter', pad + ' |');
  const arrow = (loc: Loc): string => paint('gutter', pad + '-->') + ' ' + where(loc, sources);
  const label = (message: string): string => safeTerminalText(redactSecrets(message));

  const rows: string[] = [arrow(d.loc)];
  if (src) {
    const anns: Annotation[] = [{ loc: d.loc, kind: 'primary' }];
    for (const r of drawn) if (r.loc.file === d.loc.file) anns.push({ loc: r.loc, kind: 'secondary', label: label(r.message) });
    rows.push(bar, ...fileRows(src, anns, ctx));
    // Related locations in other files: a block per file (its own `-->`, `-` underlines).
    for (const file of [...new Set(drawn.map((r) => r.loc.file))].filter((f) => f !== d.loc.file)) {
      const here = drawn.filter((r) => r.loc.file === file);
      rows.push(bar, arrow(here[0]!.loc), bar);
      rows.push(...fileRows(sources.get(file)!, here.map((r) => ({ loc: r.loc, kind: 'secondary' as const, label: label(r.message) })), ctx));
    }
  }
  const eq = paint('gutter', pad + ' =');
  const notes: string[] = [];
  for (const r of listed) notes.push(`${eq} ${paint('bold', 'note')}: ${label(r.message)} (${where(r.loc, sources)})`);
  const fix = opts.fix?.fix;
  if (d.help && d.help !== fix?.title) notes.push(`${eq} ${paint('bold', 'help')}: ${safeTerminalText(d.help)}`);
  if (fix) {
    const hidden = opts.fix!.hidden ? ' (not shown: its text looks like a credential)' : '';
    notes.push(`${eq} ${paint('bold', `fix (${fix.applicability})`)}: ${label(fix.title)}${hidden}`);
  }
  if (src && (notes.length || diff)) rows.push(bar);
  rows.push(...notes);
  if (diff) rows.push(...diffRows(diff, ctx));
  return rows;
}
