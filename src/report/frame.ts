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
import { lastAtOrBefore, lineColumn, type SourceFile } from '../source/source.js';
import type { Diagnostic, Edit, Fix, Loc, RelatedInfo, Severity } from '../types.js';
import { safePathText, safeTerminalText } from './common.js';
import { lastResult } from '../lexical/last-result.js';

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
  return (wa, wb) => secretsIn(text, wa, wb).map(([a, b]) => [a, b]);
}

/** lineSecrets(text)(wa, wb), without the copy: the result may be shared (a cached line's), so it is only read. */
function secretsIn(text: string, wa: number, wb: number): readonly (readonly [number, number])[] {
  if (text.length <= FULL_SCAN_UNITS) return wholeLineSecrets(text);
  let ca = Math.max(0, wa - SCAN_CONTEXT);
  const floor = Math.max(0, wa - 4 * SCAN_CONTEXT);
  while (ca > floor && !isBreak(text.charCodeAt(ca - 1))) ca--;
  if (ca > 0 && !isBreak(text.charCodeAt(ca - 1))) return [[wa, wb]];
  const cb = Math.min(text.length, wb + SCAN_CONTEXT);
  const found = secretRanges(text.slice(ca, cb));
  for (const r of found) {
    r[0] += ca;
    r[1] += ca;
  }
  return wholeWords(text, found, ca, cb);
}

/**
 * The masked ranges of a whole line of up to FULL_SCAN_UNITS, remembered for the lines of the last
 * few findings: a line is often drawn several times (as a finding's line, as another finding's
 * related location, in a fix's diff). Bounded: at most LINE_CACHE_ENTRIES lines of at most
 * FULL_SCAN_UNITS each; the ranges are shared and never changed.
 */
const lineCache = new Map<string, readonly (readonly [number, number])[]>();
const LINE_CACHE_ENTRIES = 256;
const NO_RANGES: readonly (readonly [number, number])[] = [];
/** No ranges, and the line is printable ASCII only (it is laid out as it is: see layoutWindow). */
const PLAIN: readonly (readonly [number, number])[] = [];
function wholeLineSecrets(text: string): readonly (readonly [number, number])[] {
  let r = lineCache.get(text);
  if (r === undefined) {
    if (lineCache.size >= LINE_CACHE_ENTRIES) lineCache.clear();
    const found = secretRanges(text);
    r = found.length !== 0 ? wholeWords(text, found, 0, text.length) : PRINTABLE.test(text) ? PLAIN : NO_RANGES;
    lineCache.set(text, r);
  }
  return r;
}

/**
 * Masks widened to the whole word they are in (up to a blank or a quote, within [lo, hi)): a file
 * line is shown around its credential, so `password=****` and `https://user:****@host` give away
 * neither the key nor the URL's user name; the line reads `****` there. Widens `ranges` in place (secretRanges
 * returns new ones on every call).
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

/**
 * The masked ranges of the window [wa, wb) of a file's line: its credentials, and any part inside a
 * PEM private key block of the file.
 */
function sourceLineMasks(line: Line, wa: number, wb: number, keyBlocks: readonly [number, number][]): readonly (readonly [number, number])[] {
  const secrets = secretsIn(line.text, wa, wb);
  let out: [number, number][] | undefined;
  const end = line.start + line.text.length;
  for (let k = 0; k < keyBlocks.length; k++) {
    const a = keyBlocks[k]![0];
    const b = keyBlocks[k]![1];
    if (b < line.start || a > end) continue;
    const from = Math.max(a, line.start) - line.start;
    const to = Math.min(b, end) - line.start;
    if (to > from) (out ??= secrets.map(([x, y]) => [x, y])).push([from, to]);
  }
  // The credentials' ranges alone are already merged.
  return out === undefined ? secrets : mergeRanges(out);
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

type Span = Pick<Mark, 'from' | 'to'>;

/**
 * Lays out one line: tabs expanded, control characters escaped, secrets masked, wide characters two
 * columns; cut around the marks with `…` when wider than MAX_LINE_COLUMNS. Work is bounded by the
 * window shown, not by the line's length (the masker reads a line of up to 64 KiB whole, a longer one
 * only around the window: see lineSecrets).
 */
export function layoutLine(text: string, marks: readonly Span[], mask?: Masker): ShownLine {
  const wa = windowStart(text, marks);
  const wb = windowEnd(text, marks);
  return layoutWindow(text, marks, wa, wb, mask === undefined ? secretsIn(text, wa, wb) : mask(wa, wb));
}

// 1. A window of code units: the whole line unless it is long (over WINDOW_UNITS), then from
// WINDOW_UNITS / 2 before the marks to WINDOW_UNITS / 2 after them (at most 2 × WINDOW_UNITS), moved
// off the middle of a surrogate pair.
function windowStart(text: string, marks: readonly Span[]): number {
  if (text.length <= WINDOW_UNITS) return 0;
  const wa = windowFrom(text, marks);
  return wa > 0 && isLowSurrogate(text.charCodeAt(wa)) ? wa - 1 : wa;
}

function windowEnd(text: string, marks: readonly Span[]): number {
  const len = text.length;
  if (len <= WINDOW_UNITS) return len;
  let focusTo = marks.length ? -Infinity : 0;
  for (let k = 0; k < marks.length; k++) if (marks[k]!.to > focusTo) focusTo = marks[k]!.to;
  if (focusTo > len) focusTo = len;
  const wa = windowFrom(text, marks);
  const wb = Math.min(len, Math.max(focusTo, wa) + WINDOW_UNITS / 2, wa + 2 * WINDOW_UNITS);
  return wb < len && isLowSurrogate(text.charCodeAt(wb)) ? wb + 1 : wb;
}

/** The window's start before it is moved off a low surrogate. */
function windowFrom(text: string, marks: readonly Span[]): number {
  let focusFrom = marks.length ? text.length : 0;
  for (let k = 0; k < marks.length; k++) if (marks[k]!.from < focusFrom) focusFrom = marks[k]!.from;
  return Math.max(0, focusFrom - WINDOW_UNITS / 2);
}

/** Printable ASCII only: each character is itself, one column wide. */
const PRINTABLE = /^[\x20-\x7e]*$/;

// 2. Cells: one per code point (or per masked range) of the window, each at its column. A window of
// printable ASCII with nothing masked (nearly every line of a config file) is one cell per code unit
// at its own column: no per-character work.
function layoutWindow(text: string, marks: readonly Span[], wa: number, wb: number, masked: readonly (readonly [number, number])[]): ShownLine {
  if (masked === PLAIN || (masked.length === 0 && PRINTABLE.test(wa === 0 && wb === text.length ? text : text.slice(wa, wb)))) return layoutPlain(text, marks, wa, wb);
  if (masked.length === 0 && wa === 0 && wb === text.length && PRINTABLE_OR_TAB.test(text)) {
    const shown = layoutTabbed(text, marks);
    if (shown !== undefined) return shown;
  }
  return layoutCells(text, marks, wa, wb, masked);
}

/** Printable ASCII and tabs only. */
const PRINTABLE_OR_TAB = /^[\t\x20-\x7e]*$/;

/**
 * layoutWindow of a whole line of printable ASCII and tabs with nothing masked, when it fits in
 * MAX_LINE_COLUMNS once its tabs are expanded (so it is not cut, and a tab's cell is never split):
 * each tab becomes the blanks up to the next tab stop, work is per tab, not per character.
 * Undefined for a wider line.
 */
function layoutTabbed(text: string, marks: readonly Span[]): ShownLine | undefined {
  const len = text.length;
  // tabAt[k]: the unit of the k-th tab; extra[k]: the columns the tabs up to it add beyond one each.
  const tabAt: number[] = [];
  const extra: number[] = [];
  let shown = '';
  let added = 0;
  let from = 0;
  for (let t = text.indexOf('\t'); t !== -1; t = text.indexOf('\t', t + 1)) {
    const w = TAB_WIDTH - ((t + added) % TAB_WIDTH);
    shown += text.slice(from, t) + ' '.repeat(w);
    added += w - 1;
    tabAt.push(t);
    extra.push(added);
    from = t + 1;
  }
  const total = len + added;
  if (total + 1 > MAX_LINE_COLUMNS) return undefined;
  shown += text.slice(from);
  const columns: [number, number][] = [];
  for (let k = 0; k < marks.length; k++) {
    const start = marks[k]!.from;
    const end = Math.min(marks[k]!.to, len + 1);
    const a = start < 0 ? -1 : start >= len ? total : tabbedColumn(tabAt, extra, start);
    const b = end <= 0 ? -1 : end > len ? total + 1 : tabbedColumn(tabAt, extra, end);
    columns.push([a, b]);
  }
  placeColumns(columns, 0, total, false, false);
  return { text: shown, columns };
}

/** The column of unit u (0 <= u <= the line's length) of a tabbed line: u, and what the tabs before it add. */
function tabbedColumn(tabAt: readonly number[], extra: readonly number[], u: number): number {
  let k = 0;
  while (k < tabAt.length && tabAt[k]! < u) k++;
  return k === 0 ? u : u + extra[k - 1]!;
}

/** layoutWindow of a printable-ASCII window with nothing masked: cell k is code unit wa + k, at column k. */
function layoutPlain(text: string, marks: readonly Span[], wa: number, wb: number): ShownLine {
  const len = text.length;
  const total = wb - wa;
  const columns: [number, number][] = [];
  // Indexed loops, no iterators: this code mostly runs cold, in the interpreter, where they cost.
  for (let k = 0; k < marks.length; k++) {
    const from = marks[k]!.from;
    const end = Math.min(marks[k]!.to, len + 1);
    const a = from < wa ? -1 : from >= wb ? (from >= len && wb === len ? total : Infinity) : from - wa;
    const b = end <= wa ? -1 : end > len ? (wb === len ? total + 1 : Infinity) : end > wb ? Infinity : end - wa;
    columns.push([a, b]);
  }
  // 3. Cut a wide line to whole cells around the marks.
  let first = 0;
  let last = total;
  if (total + 1 > MAX_LINE_COLUMNS) {
    const ca = cutColumn(columns, total);
    first = Math.min(ca, total);
    last = Math.min(total, ca + MAX_LINE_COLUMNS - 2);
  }
  const before = wa > 0 || first > 0;
  const after = wb < len || last < total;
  placeColumns(columns, first, last, before, after);
  const shown = first === 0 && last === len ? text : text.slice(wa + first, wa + last);
  return { text: before ? (after ? '…' + shown + '…' : '…' + shown) : after ? shown + '…' : shown, columns };
}

/** The column a wide line's cut starts from: LEFT_CONTEXT columns left of the marks, as far right as needed to fill the room. */
function cutColumn(raw: readonly [number, number][], total: number): number {
  let fa = total;
  for (let k = 0; k < raw.length; k++) if (raw[k]![0] < fa) fa = raw[k]![0];
  if (fa < 0) fa = 0;
  return Math.max(0, Math.min(fa - LEFT_CONTEXT, total + 1 - (MAX_LINE_COLUMNS - 2)));
}

/**
 * Turns each mark's columns in the window's layout ([a, b); -1 before the window, Infinity after it)
 * into columns of the shown text: the window's columns [startCol, endCol) shown, after a `…` when
 * `before`, followed by one when `after`. In place.
 */
function placeColumns(columns: [number, number][], startCol: number, endCol: number, before: boolean, after: boolean): void {
  const lead = before ? 1 : 0;
  const ellipsis = lead + endCol - startCol; // the column of a trailing `…`
  for (let k = 0; k < columns.length; k++) {
    const c = columns[k]!;
    const a = c[0];
    const b = c[1];
    const x = a === Infinity ? ellipsis : a < startCol ? 0 : after && a > endCol ? ellipsis : lead + a - startCol;
    const y = b === Infinity ? ellipsis + 1 : b <= startCol ? lead : after && b > endCol ? ellipsis + 1 : lead + b - startCol;
    c[0] = x;
    c[1] = Math.max(x + 1, y);
  }
}

/** layoutWindow of any other window: a cell per code point or masked range. */
function layoutCells(text: string, marks: readonly Span[], wa: number, wb: number, masked: readonly (readonly [number, number])[]): ShownLine {
  const len = text.length;
  const cellUnit: number[] = [];
  const cellText: string[] = [];
  const cellCol: number[] = [];
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
  const cells = cellCol.length;
  const total = col; // the column of the end of the line (where a caret after the text goes)
  // Columns of each mark in the window's layout; -1 before it, Infinity after it.
  const columns: [number, number][] = [];
  for (const mk of marks) {
    const from = mk.from;
    const end = Math.min(mk.to, len + 1);
    const a = from < wa ? -1 : from >= wb ? (from >= len && wb === len ? total : Infinity) : cellCol[lastAtOrBefore(cellUnit, from)]!;
    let b: number;
    if (end <= wa) b = -1;
    else if (end > len) b = wb === len ? total + 1 : Infinity;
    else if (end > wb) b = Infinity;
    else {
      const c = lastAtOrBefore(cellUnit, end - 1); // the cell holding unit end - 1
      b = c + 1 < cells ? cellCol[c + 1]! : total;
    }
    columns.push([a, b]);
  }
  // 3. Cut a wide line to whole cells around the marks.
  let startCol = 0;
  let endCol = total;
  let first = 0;
  let last = cells;
  if (total + 1 > MAX_LINE_COLUMNS) {
    const ca = cutColumn(columns, total);
    const limit = ca + MAX_LINE_COLUMNS - 2;
    while (first < cells && cellCol[first]! < ca) first++;
    last = first;
    while (last < cells && (last + 1 < cells ? cellCol[last + 1]! : total) <= limit) last++;
    startCol = first < cells ? cellCol[first]! : total;
    endCol = last < cells ? cellCol[last]! : total;
  }
  const before = wa > 0 || first > 0;
  const after = wb < len || last < cells;
  placeColumns(columns, startCol, endCol, before, after);
  let shown = before ? '…' : '';
  for (let c = first; c < last; c++) shown += cellText[c]!;
  return { text: after ? shown + '…' : shown, columns };
}


function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

// Runs of one character cut from these (String.prototype.repeat builds a run piece by piece).
const RUN_MAX = 256;
const BLANKS = ' '.repeat(RUN_MAX);
const CARETS = '^'.repeat(RUN_MAX);
const DASHES = '-'.repeat(RUN_MAX);
/** `n` times the character of `chars` (BLANKS, CARETS or DASHES). */
function run(chars: string, n: number): string {
  return n <= RUN_MAX ? chars.slice(0, n) : chars[0]!.repeat(n);
}

/** A piece of text placed at a column of a marker row. */
interface Piece {
  col: number;
  text: string;
  style: Style | undefined;
}

/** Pieces of text placed at columns, in order (a piece at a column already passed follows directly). */
function place(pieces: readonly Piece[], paint: Paint): string {
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
 * Pushed onto `rows`, each after `prefix`.
 */
function markerRows(rows: string[], prefix: string, marks: readonly Mark[], columns: readonly [number, number][], severity: Severity, paint: Paint): void {
  // One mark (nearly always): its markers, and its label after them.
  if (marks.length === 1) oneMarkRow(rows, prefix, marks[0]!, columns[0]![0], columns[0]![1], severity, paint);
  else markerRowsOfMany(rows, prefix, marks, columns, severity, paint);
}

/** The row under a line with one mark, at columns [x, y): its markers, and its label after them. */
function oneMarkRow(rows: string[], prefix: string, mk: Mark, x: number, y: number, severity: Severity, paint: Paint): void {
  const primary = mk.kind === 'primary';
  const style: Style = primary ? severity : 'secondary';
  const row = run(BLANKS, x) + paint(style, run(primary ? CARETS : DASHES, y - x));
  rows.push(prefix + (mk.label ? row + ' ' + paint(style, mk.label) : row));
}

function markerRowsOfMany(rows: string[], prefix: string, marks: readonly Mark[], columns: readonly [number, number][], severity: Severity, paint: Paint): void {
  let width = -Infinity;
  for (const c of columns) if (c[1] > width) width = c[1];
  const cells = new Array<string>(width).fill(' ');
  for (const kind of ['secondary', 'primary'] as const) {
    for (let k = 0; k < marks.length; k++) {
      if (marks[k]!.kind !== kind) continue;
      cells.fill(kind === 'primary' ? '^' : '-', columns[k]![0], columns[k]![1]);
    }
  }
  const pieces: Piece[] = [];
  for (let c = 0; c < width; ) {
    let d = c;
    while (d < width && cells[d] === cells[c]) d++;
    if (cells[c] !== ' ') pieces.push({ col: c, text: cells[c]!.repeat(d - c), style: cells[c] === '^' ? severity : 'secondary' });
    c = d;
  }
  const styleOf = (mk: Mark): Style => (mk.kind === 'primary' ? severity : 'secondary');
  const labelled: { mk: Mark; col: number; end: number; k: number }[] = [];
  for (let k = 0; k < marks.length; k++) if (marks[k]!.label) labelled.push({ mk: marks[k]!, col: columns[k]![0], end: columns[k]![1], k });
  labelled.sort((x, y) => x.col - y.col || x.k - y.k);
  const rightmost = labelled[labelled.length - 1];
  if (rightmost && rightmost.end >= width && !labelled.slice(0, -1).some((x) => x.col === rightmost.col)) {
    labelled.pop();
    pieces.push({ col: width + 1, text: rightmost.mk.label!, style: styleOf(rightmost.mk) });
  }
  rows.push(prefix + place(pieces, paint));
  if (labelled.length) {
    const bars = (n: number): Piece[] => labelled.slice(0, n).map((x) => ({ col: x.col, text: '|', style: styleOf(x.mk) }));
    rows.push(prefix + place(bars(labelled.length), paint));
    for (let j = labelled.length - 1; j >= 0; j--) {
      const x = labelled[j]!;
      const pieces = bars(j);
      pieces.push({ col: x.col, text: x.mk.label!, style: styleOf(x.mk) });
      rows.push(prefix + place(pieces, paint));
    }
  }
}

/** A located range shown under a file's lines, with the first and last line it covers. */
interface Annotation {
  loc: Loc;
  kind: 'primary' | 'secondary';
  label: string | undefined;
  first: number;
  last: number;
  /** The column of its start (as `where` counts it). */
  column: number;
}

/**
 * An annotation of `loc` in `src`: its first and last line (a range ending right after a line break
 * ends on that line).
 */
function annotation(src: SourceFile, loc: Loc, kind: 'primary' | 'secondary', label: string | undefined, near: number): Annotation {
  const first = lineOf(src, loc.start, near);
  const endAt = loc.end > loc.start && isLineStart(src, loc.end) ? loc.end - 1 : loc.end;
  // An end before the next line's start is on the first line: no second search.
  const next = first < src.lineStarts.length ? src.lineStarts[first]! : Infinity;
  const endLine = endAt >= loc.start && endAt < next ? first : lineColumn(src, endAt).line;
  // The column as lineColumn counts it (the offset clamped to the text).
  const off = loc.start < 0 ? 0 : loc.start > src.text.length ? src.text.length : loc.start;
  return { loc, kind, label, first, last: endLine > first ? endLine : first, column: off - src.lineStarts[first - 1]! + 1 };
}

/**
 * The line of an offset (clamped to the text), as lineColumn gives it, without the object. `near`
 * (0 for none) is a line at or shortly before it, as the findings of a report come in file order:
 * the search gallops forward from there (steps of 1, 2, 4, …, then halves the last step), a few
 * steps instead of a search of the whole file; an offset before `near` is searched for as lineColumn does.
 */
function lineOf(src: SourceFile, offset: number, near: number): number {
  const starts = src.lineStarts;
  const n = starts.length;
  const off = offset < 0 ? 0 : offset > src.text.length ? src.text.length : offset;
  if (near < 1 || near > n || starts[near - 1]! > off) return lastAtOrBefore(starts, off) + 1;
  // starts[lo] <= off; widen the step until starts[hi] > off (or the end), then search (lo, hi).
  let lo = near - 1;
  let step = 1;
  let hi = lo + 1;
  while (hi < n && starts[hi]! <= off) {
    lo = hi;
    step += step;
    hi = lo + step;
  }
  hi = (hi < n ? hi : n) - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= off) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

// The lines of the last finding and of its first related location (lineOf's `near`; any line will do,
// so one of another file is only a worse start).
let nearPrimary = 0;
let nearRelated = 0;

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
function markOn(line: Line, a: Annotation): Mark | undefined {
  const eol = line.text.length;
  // One object shape for every mark (label undefined when there is none): the loops over marks stay
  // monomorphic. Clamped with comparisons, not Math.min/max: this runs cold, where calls cost.
  if (line.number === a.first) {
    // From the start, within [0, the end of the line].
    const at = a.loc.start - line.start;
    const from = at < 0 ? 0 : at > eol ? eol : at;
    if (a.first !== a.last) return { kind: a.kind, label: undefined, from, to: eol > from + 1 ? eol : from + 1 };
    const to = localOffset(line, a.loc.end);
    return { kind: a.kind, label: a.label, from, to: to > from + 1 ? to : from + 1 };
  }
  if (line.number === a.last) {
    const to = localOffset(line, a.loc.end);
    return { kind: a.kind, label: a.label, from: 0, to: to > 1 ? to : 1 };
  }
  return undefined;
}

/** A file offset as a unit of the line (clamped to [0, the end of the line + 1]). */
function localOffset(line: Line, off: number): number {
  const u = off - line.start;
  return u < 0 ? 0 : u > line.text.length + 1 ? line.text.length + 1 : u;
}

/** The gutter's pieces for one width and paint (the same for nearly every finding: kept from the last one). */
interface Gutter {
  paint: Paint;
  width: number;
  pad: string;
  /** `   |` */
  bar: string;
  /** `   |` and a blank, before a marker row. */
  barSp: string;
  /** `  -->` and a blank. */
  arrow: string;
  /** `   =` */
  eq: string;
  /** `...`, where lines are left out. */
  dots: string;
  /** The gutter of a diff's `… N more lines` row. */
  more: string;
}

let lastGutter: Gutter | undefined;
function gutterOf(paint: Paint, width: number): Gutter {
  if (lastGutter !== undefined && lastGutter.paint === paint && lastGutter.width === width) return lastGutter;
  const pad = ' '.repeat(width);
  const bar = paint('gutter', pad + ' |');
  const arrow = paint('gutter', pad + '-->') + ' ';
  return (lastGutter = { paint, width, pad, bar, barSp: bar + ' ', arrow, eq: paint('gutter', pad + ' ='), dots: paint('gutter', '...'), more: paint('gutter', pad + ' ') });
}

/**
 * The source rows of one file's annotations, pushed onto `rows`: lines in order, `...` where lines
 * are left out.
 */
function fileRows(rows: string[], src: SourceFile, anns: readonly Annotation[], g: Gutter, severity: Severity): void {
  const paint = g.paint;
  const blocks = keyBlocks(src);
  let prev = 0;
  // The lines to show (each annotation's first and last), in order, each once.
  for (let n = nextLine(anns, 0); n !== Infinity; n = nextLine(anns, n)) {
    if (prev && n > prev + 1) rows.push(g.dots);
    prev = n;
    const line = lineAt(src, n);
    // The line's marks: the first one alone (nearly always the only one), an array from the second on.
    let mark: Mark | undefined;
    let marks: Mark[] | undefined;
    for (let k = 0; k < anns.length; k++) {
      const a = anns[k]!;
      if (a.first !== n && a.last !== n) continue;
      const mk = markOn(line, a)!;
      if (mark === undefined) mark = mk;
      else if (marks === undefined) marks = [mark, mk];
      else marks.push(mk);
    }
    const text = line.text;
    const head = paint('gutter', `${String(n).padStart(g.width)} |`);
    // A line that fits is its own window (see windowStart).
    const fits = text.length < MAX_LINE_COLUMNS;
    const masks = !fits ? undefined : blocks.length === 0 ? wholeLineSecrets(text) : sourceLineMasks(line, 0, text.length, blocks);
    if (masks === PLAIN && marks === undefined) {
      // Printable ASCII with nothing masked, and it fits (nearly every line): shown as it is, its
      // mark at the columns of its units (what layoutPlain gives it, without the layout).
      rows.push(text ? head + ' ' + text : head);
      // (markOn ends a mark at the line break at the latest.)
      oneMarkRow(rows, g.barSp, mark!, mark!.from, mark!.to, severity, paint);
      continue;
    }
    marks ??= [mark!];
    const wa = windowStart(text, marks);
    const wb = windowEnd(text, marks);
    const shown = layoutWindow(text, marks, wa, wb, masks ?? sourceLineMasks(line, wa, wb, blocks));
    rows.push(shown.text ? head + ' ' + shown.text : head);
    markerRows(rows, g.barSp, marks, shown.columns, severity, paint);
  }
}

/** The smallest first or last line of the annotations after line `n` (Infinity when none). */
function nextLine(anns: readonly Annotation[], n: number): number {
  let next = Infinity;
  for (let k = 0; k < anns.length; k++) {
    const a = anns[k]!;
    if (a.first > n && a.first < next) next = a.first;
    if (a.last > n && a.last < next) next = a.last;
  }
  return next;
}

/** `path:line:col` of a range's start, counted as in the other reports (column in UTF-16 code units). */
function where(loc: Loc, sources: ReadonlyMap<string, SourceFile>): string {
  const src = sources.get(loc.file);
  const { line, column } = src ? lineColumn(src, loc.start) : { line: 1, column: 1 };
  return `${safePathText(loc.file)}:${line}:${column}`;
}

/**
 * A fix as a diff of the lines it touches: the region's text before the fix (whole lines from line
 * `first`) and after it, each with where the edits fall in it, as [from, to, from, to, …].
 */
interface FixDiff {
  first: number;
  before: string;
  after: string;
  removed: number[];
  inserted: number[];
  /** The lines of each side (see lineCount). */
  oldLines: number;
  newLines: number;
  /** The region touches a PEM private key block: its lines are masked whole. */
  secret: boolean;
}

/** The diff of a fix in `src`; `near`: a line its edits likely start on (the finding's), 0 for none. */
function fixDiff(src: SourceFile, fix: Fix, near: number): FixDiff | undefined {
  if (fix.edits.length === 1) {
    // One edit (nearly every fix): no copies of it to sort.
    const e = fix.edits[0]!;
    if (e.loc.file !== src.path) return undefined;
    const r = fixRegion(src, e.loc.start, e.loc.end, near);
    const s = e.loc.start - r.start;
    const end = e.loc.end - r.start;
    // applyEdits throws on an edit out of the region.
    const after = s < 0 || end > r.before.length ? applyEdits(r.before, [{ loc: { file: e.loc.file, start: s, end }, text: e.text }]) : r.before.slice(0, s) + e.text + r.before.slice(end);
    return { first: r.first, before: r.before, after, removed: [s, end], inserted: [s, s + e.text.length], oldLines: lineCount(r.before), newLines: lineCount(after), secret: r.secret };
  }
  let from = Infinity;
  let to = -Infinity;
  for (const e of fix.edits) {
    if (e.loc.file !== src.path) continue;
    if (e.loc.start < from) from = e.loc.start;
    if (e.loc.end > to) to = e.loc.end;
  }
  if (from === Infinity) return undefined;
  const r = fixRegion(src, from, to, near);
  const rebased: Edit[] = [];
  for (const e of fix.edits) if (e.loc.file === src.path) rebased.push({ loc: { file: e.loc.file, start: e.loc.start - r.start, end: e.loc.end - r.start }, text: e.text });
  rebased.sort((a, b) => a.loc.start - b.loc.start);
  const after = applyEdits(r.before, rebased);
  let shift = 0;
  const removed: number[] = [];
  const inserted: number[] = [];
  for (const e of rebased) {
    removed.push(e.loc.start, e.loc.end);
    inserted.push(e.loc.start + shift, e.loc.start + shift + e.text.length);
    shift += e.text.length - (e.loc.end - e.loc.start);
  }
  return { first: r.first, before: r.before, after, removed, inserted, oldLines: lineCount(r.before), newLines: lineCount(after), secret: r.secret };
}

/**
 * The whole lines a fix's edits [from, to) touch: the first one's number, the region's offset and
 * text, and whether it touches a PEM private key block.
 */
function fixRegion(src: SourceFile, from: number, to: number, near: number): { first: number; start: number; before: string; secret: boolean } {
  const first = lineOf(src, from, near);
  // An edit ending right after a line break (a deleted line) ends on that line; an end before the
  // next line's start is on the first line (no second search).
  const endAt = to > from && isLineStart(src, to) ? to - 1 : to;
  const next = first < src.lineStarts.length ? src.lineStarts[first]! : Infinity;
  const last = endAt >= from && endAt < next ? first : lineColumn(src, endAt).line;
  const start = src.lineStarts[first - 1]!;
  const end = last < src.lineStarts.length ? src.lineStarts[last]! : src.text.length;
  let secret = false;
  const blocks = keyBlocks(src);
  for (let k = 0; k < blocks.length; k++) if (blocks[k]![0] <= end && blocks[k]![1] >= start) secret = true;
  return { first, start, before: src.text.slice(start, end), secret };
}

/** The lines of a region: one per line break, and one for text after the last (a final line break ends the last line). */
function lineCount(s: string): number {
  let n = 0;
  for (let at = s.indexOf('\n'); at !== -1; at = s.indexOf('\n', at + 1)) n++;
  return s.length > 0 && s.charCodeAt(s.length - 1) !== 0x0a ? n + 1 : n;
}

/** Where the ranges ([from, to, from, to, …] of a region) fall in the line [start, end) of it. */
function focusIn(start: number, end: number, ranges: readonly number[]): Span[] {
  const out: Span[] = [];
  for (let k = 0; k < ranges.length; k += 2) {
    const a = ranges[k]!;
    const b = ranges[k + 1]!;
    if (b < start || a > end) continue;
    const from = Math.max(a, start) - start;
    out.push({ from, to: Math.max(from + 1, Math.min(b, end) - start) });
  }
  return out;
}

/** How many lines of each side of a diff are shown (a longer side ends with a count). */
function shownCount(n: number): number {
  return n > MAX_DIFF_LINES + 1 ? MAX_DIFF_LINES : n;
}

/**
 * The rows of one side of a fix's diff, pushed onto `rows`: the region's lines `s` (line breaks
 * dropped), `-` for the old lines or `+` for the new ones, the edits' ranges in it cutting a long line.
 */
function diffSide(rows: string[], diff: FixDiff, s: string, ranges: readonly number[], count: number, sign: '-' | '+', g: Gutter): void {
  const paint = g.paint;
  const style: Style = sign === '-' ? 'removed' : 'added';
  const n = shownCount(count);
  for (let k = 0, at = 0; k < n; k++) {
    const nl = s.indexOf('\n', at);
    const end = nl === -1 ? s.length : nl;
    const textEnd = nl !== -1 && end > at && s.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    const text = s.slice(at, textEnd);
    // A line that fits is its own window (see windowStart).
    const fits = text.length < MAX_LINE_COLUMNS;
    const masks = diff.secret ? [[0, text.length] as const] : fits ? wholeLineSecrets(text) : undefined;
    let shown: string;
    // Printable ASCII with nothing masked, and it fits: shown as it is (as layoutPlain shows it).
    if (masks === PLAIN) shown = text;
    else {
      const focus = focusIn(at, textEnd, ranges);
      const wa = windowStart(text, focus);
      const wb = windowEnd(text, focus);
      shown = layoutWindow(text, focus, wa, wb, masks ?? secretsIn(text, wa, wb)).text;
    }
    rows.push(paint('gutter', `${String(diff.first + k).padStart(g.width)} `) + paint(style, shown ? sign + ' ' + shown : sign));
    at = nl + 1;
  }
  if (n < count) rows.push(g.more + paint(style, sign) + paint('dim', ` … ${count - n} more lines`));
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
  const rows: string[] = [];
  frameInto(rows, d, sources, opts.paint, opts.fix?.fix, opts.fix?.hidden === true);
  return rows;
}

/** A related location's message as a label or note: credentials masked, control characters escaped. */
function label(message: string): string {
  return safeTerminalText(redactSecrets(message));
}

/** label(message), the last one kept: the findings of one rule label their related locations alike. */
const relatedLabel = lastResult(label);

// The help row, the last one kept (the findings of one rule often share their help).
let lastHelp: string | undefined;
let lastHelpGutter: Gutter | undefined;
let lastHelpRow = '';
function helpRow(help: string, g: Gutter): string {
  if (help !== lastHelp || g !== lastHelpGutter) {
    lastHelpRow = `${g.eq} ${g.paint('bold', 'help')}: ${safeTerminalText(help)}`;
    lastHelp = help;
    lastHelpGutter = g;
  }
  return lastHelpRow;
}

// The start of the fix row (`= fix (unsafe): `), the last one kept.
let lastFixApplicability: Fix['applicability'] | undefined;
let lastFixGutter: Gutter | undefined;
let lastFixRowStart = '';
function fixRowStart(applicability: Fix['applicability'], g: Gutter): string {
  if (applicability !== lastFixApplicability || g !== lastFixGutter) {
    lastFixRowStart = `${g.eq} ${g.paint('bold', `fix (${applicability})`)}: `;
    lastFixApplicability = applicability;
    lastFixGutter = g;
  }
  return lastFixRowStart;
}

/**
 * frameLines, pushed onto `rows`, with the fix as FrameOptions.fix gives it (`hidden` when its text
 * is not shown).
 */
export function frameInto(rows: string[], d: Diagnostic, sources: ReadonlyMap<string, SourceFile>, paint: Paint, fix: Fix | undefined, hidden: boolean): void {
  const src = d.unlisted === undefined ? sources.get(d.loc.file) : undefined;
  const related = d.related;
  // The annotations drawn: the finding's, then its related locations' (in a file with source, at
  // most MAX_RELATED); `stop`: the related locations looked at (the others are only listed as notes).
  let anns: Annotation[] | undefined;
  let drawn = 0;
  let stop = 0;
  let otherFiles = false;
  let widest = 1;
  if (src) {
    const primary = annotation(src, d.loc, 'primary', undefined, nearPrimary);
    nearPrimary = primary.first;
    widest = primary.last; // at least 1
    if (related === undefined || related.length === 0) anns = [primary];
    else {
      // Sized for all (array literals and pushes would allocate room for 17), cut to those drawn.
      anns = new Array<Annotation>(1 + Math.min(related.length, MAX_RELATED));
      anns[0] = primary;
      for (; stop < related.length && drawn < MAX_RELATED; stop++) {
        const r = related[stop]!;
        const file = sources.get(r.loc.file);
        if (!file) continue;
        const a = annotation(file, r.loc, 'secondary', relatedLabel(r.message), drawn === 0 ? nearRelated : 0);
        if (drawn === 0) nearRelated = a.first;
        anns[++drawn] = a;
        if (a.last > widest) widest = a.last;
        if (r.loc.file !== d.loc.file) otherFiles = true;
      }
      if (anns.length > drawn + 1) anns.length = drawn + 1;
    }
  }
  const diff = src && fix && !hidden ? fixDiff(src, fix, anns![0]!.first) : undefined;
  if (diff) widest = Math.max(widest, diff.first + Math.max(shownCount(diff.oldLines), shownCount(diff.newLines)) - 1);
  // The gutter is as wide as the widest line number's digits.
  let digits = 1;
  for (let p = 10; widest >= p; p *= 10) digits++;
  const g = gutterOf(paint, digits);

  rows.push(g.arrow + (anns !== undefined ? `${safePathText(d.loc.file)}:${anns[0]!.first}:${anns[0]!.column}` : where(d.loc, sources)));
  if (src) {
    rows.push(g.bar);
    fileRows(rows, src, otherFiles ? anns!.filter((a) => a.loc.file === d.loc.file) : anns!, g, d.severity);
    // Related locations in other files: a block per file (its own `-->`, `-` underlines).
    if (otherFiles) {
      const files: string[] = [];
      for (let k = 1; k < anns!.length; k++) {
        const file = anns![k]!.loc.file;
        if (file !== d.loc.file && !files.includes(file)) files.push(file);
      }
      for (const file of files) {
        const here = anns!.filter((a) => a.loc.file === file);
        rows.push(g.bar, g.arrow + where(here[0]!.loc, sources), g.bar);
        fileRows(rows, sources.get(file)!, here, g, d.severity);
      }
    }
  }
  // Notes: related locations not drawn, the help (unless the fix's title says it), the fix.
  const listed = related && related.length > drawn ? notDrawn(related, stop, sources) : undefined;
  const help = d.help && d.help !== fix?.title ? d.help : undefined;
  if (src && (listed?.length || help || fix || diff)) rows.push(g.bar);
  if (listed) for (const r of listed) rows.push(`${g.eq} ${paint('bold', 'note')}: ${label(r.message)} (${where(r.loc, sources)})`);
  if (help) rows.push(helpRow(help, g));
  if (fix) rows.push(fixRowStart(fix.applicability, g) + label(fix.title) + (hidden ? ' (not shown: its text looks like a credential)' : ''));
  if (diff) {
    // A side without lines (an insertion's old side, a deletion's new one) has no rows.
    if (diff.oldLines !== 0) diffSide(rows, diff, diff.before, diff.removed, diff.oldLines, '-', g);
    if (diff.newLines !== 0) diffSide(rows, diff, diff.after, diff.inserted, diff.newLines, '+', g);
  }
}

/**
 * The related locations listed as notes: all but those drawn, which are the ones in a file with
 * source among the first `stop` (the same object twice is drawn once and not listed).
 */
function notDrawn(related: readonly RelatedInfo[], stop: number, sources: ReadonlyMap<string, SourceFile>): RelatedInfo[] {
  const drawn: RelatedInfo[] = [];
  for (let k = 0; k < stop; k++) if (sources.get(related[k]!.loc.file)) drawn.push(related[k]!);
  return related.filter((r) => !drawn.includes(r));
}
