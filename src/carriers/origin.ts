import { lastAtOrBefore } from '../source/source.js';
import type { Diagnostic, Edit, Fix, Loc } from '../types.js';

/** A range of the carrier file's text, in character offsets [start, end). */
export interface Span {
  start: number;
  end: number;
}

/**
 * A piece of a synthesized line that comes from the carrier: `exact` when the synthesized
 * characters are the carrier's characters one for one (a plain YAML scalar copied as it is), so
 * that an offset inside maps to the same offset inside the carrier's text.
 */
interface Piece {
  from: number;
  to: number;
  origin: Span;
  exact: boolean;
}

interface SynthLine {
  /** The line's number in the synthesized file. */
  no: number;
  from: number;
  /** Past the line's newline (the next line's start). */
  to: number;
  /** Where a finding on the line that touches no piece points: the key or item that made the line. */
  origin: Span;
  pieces: Piece[];
  /** False for a line the carrier's tool writes on its own (an operator's fixed records): no finding is reported on it. */
  reportable: boolean;
}

interface PendingLine {
  origin: Span;
  reportable: boolean;
  /** The carrier line the synthesized line should sit on, when it has one. */
  target?: number;
  parts: { text: string; origin?: Span; exact: boolean }[];
}

/**
 * Builds a synthesized file line by line, remembering where each part of each line comes from in
 * the carrier file: the origin map. Every line has an origin (the YAML key or list item that made it,
 * or for a line the carrier adds itself, such as one of Patroni's defaults, the key that stands for
 * it), and its parts may have finer ones (the parameter's key, its value).
 *
 * A line with a target sits on that line number when the lines before it leave room (blank lines
 * pad the gap; both file formats ignore them): then the line numbers that the parsers, the rules'
 * messages ("shadowed by line 12"), `settings` and `hba` show are the carrier's own.
 */
export class SynthBuilder {
  private readonly pending: PendingLine[] = [];

  /**
   * Starts a line whose findings point at `origin` unless they touch a finer piece. `reportable`
   * false: the tool writes the line whatever the file says (CloudNativePG's own pg_hba records), so
   * it counts for what the server does but no finding is reported on it (lint() drops them).
   */
  line(origin: Span, target?: number, reportable = true): this {
    this.pending.push({ origin, reportable, ...(target !== undefined ? { target } : {}), parts: [] });
    return this;
  }

  /** Appends text to the current line: from `origin` when given (`exact`: the same characters as the carrier's). */
  add(text: string, origin?: Span, exact = false): this {
    if (this.pending.length === 0) this.line({ start: 0, end: 0 });
    this.pending[this.pending.length - 1]!.parts.push({ text, ...(origin ? { origin } : {}), exact });
    return this;
  }

  get size(): number {
    return this.pending.length;
  }

  /**
   * The text and its map. `sortByTarget`: the lines' order does not matter (distinct parameters), so
   * they are laid out by target line, lines without one last.
   */
  build(sortByTarget = false): { text: string; origin: OriginMap } {
    const order = sortByTarget
      ? this.pending.map((l, i) => ({ l, i })).sort((a, b) => (a.l.target ?? Infinity) - (b.l.target ?? Infinity) || a.i - b.i).map((x) => x.l)
      : this.pending;
    const chunks: string[] = [];
    let length = 0;
    let lineNo = 1;
    const lines: SynthLine[] = [];
    for (const p of order) {
      if (p.target !== undefined && p.target > lineNo) {
        const pad = '\n'.repeat(p.target - lineNo);
        chunks.push(pad);
        length += pad.length;
        lineNo = p.target;
      }
      const line: SynthLine = { no: lineNo, from: length, to: length, origin: p.origin, pieces: [], reportable: p.reportable };
      for (const part of p.parts) {
        const from = length;
        chunks.push(part.text);
        length += part.text.length;
        if (part.origin && part.text.length > 0) {
          line.pieces.push({ from, to: length, origin: part.origin, exact: part.exact && part.origin.end - part.origin.start === part.text.length });
        }
      }
      chunks.push('\n');
      length += 1;
      lineNo += 1;
      line.to = length;
      lines.push(line);
    }
    return { text: chunks.join(''), origin: new OriginMap(lines) };
  }
}

/**
 * Maps ranges of a synthesized file back to the carrier file. A range's start goes to the first
 * piece of its line that ends after it, its end to the last piece that starts before it (so a whole
 * `name = 'value'` line maps from the YAML key to the end of the YAML value); inside an exact piece
 * offsets map one for one; a line without pieces maps to its own origin.
 */
export class OriginMap {
  constructor(private readonly lines: readonly SynthLine[]) {}

  private lineAt(offset: number): SynthLine | undefined {
    const lines = this.lines;
    let lo = 0;
    let hi = lines.length - 1;
    if (hi < 0) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid]!.from <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lines[lo];
  }

  /** The origin of the synthesized file's line `no` (1-based), when a line the carrier made stands there. */
  originOfLine(no: number): Span | undefined {
    const lines = this.lines;
    let lo = 0;
    let hi = lines.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const n = lines[mid]!.no;
      if (n === no) return lines[mid]!.origin;
      if (n < no) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Whether a finding starting at `offset` may be reported (its line is not one the tool writes on its own). */
  reportable(offset: number): boolean {
    return this.lineAt(offset)?.reportable ?? true;
  }

  /** The carrier offset a range starting at `offset` starts at. */
  mapStart(offset: number): number {
    const line = this.lineAt(offset);
    if (!line) return 0;
    const piece = line.pieces.find((p) => p.to > offset);
    if (!piece) return line.origin.start;
    return piece.exact && offset >= piece.from ? piece.origin.start + (offset - piece.from) : piece.origin.start;
  }

  /** The carrier offset a range ending at `offset` (exclusive) ends at. */
  mapEnd(offset: number, start: number): number {
    const line = this.lineAt(Math.max(start, offset - 1));
    if (!line) return 0;
    let piece: Piece | undefined;
    for (const p of line.pieces) if (p.from < offset || (p.from === offset && offset === start)) piece = p;
    if (!piece) return line.origin.end;
    return piece.exact && offset <= piece.to ? piece.origin.start + (offset - piece.from) : piece.origin.end;
  }

  mapLoc(loc: Loc, file: string): Loc {
    const start = this.mapStart(loc.start);
    const end = Math.max(start, this.mapEnd(loc.end, loc.start));
    return { file, start, end };
  }

  /** The carrier range an edit's range lies in exactly (both ends inside one exact piece), else undefined. */
  exactRange(loc: Loc): Span | undefined {
    const line = this.lineAt(loc.start);
    const piece = line?.pieces.find((p) => p.exact && p.from <= loc.start && loc.end <= p.to);
    if (!piece) return undefined;
    return { start: piece.origin.start + (loc.start - piece.from), end: piece.origin.start + (loc.end - piece.from) };
  }

  /** Whether an exact piece spans exactly [from, to) (the inside of a quoted value the carrier wrote). */
  exactPiece(from: number, to: number): boolean {
    return this.lineAt(from)?.pieces.some((p) => p.exact && p.from === from && p.to === to) === true;
  }
}

/** A synthesized file's display path and map, keyed by that path. */
export interface SynthOrigin {
  /** The carrier file's display path, where every location goes. */
  carrier: string;
  /** The carrier's text, for checking that an edit keeps what it means. */
  carrierText: string;
  map: OriginMap;
}

/**
 * Characters an edit may write into a carrier's YAML scalar: they read the same in a plain or
 * quoted YAML scalar and in postgresql.conf / pg_hba.conf tokens (no quote, no backslash, no `#`,
 * no `: `, no space).
 */
const SAFE_EDIT = /^[A-Za-z0-9_.\-/+]*$/;
/** What a YAML 1.1 plain scalar resolves to other than a string (PyYAML, which Patroni uses). */
const YAML11_NON_STRING = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?[0-9][0-9_:.eE+-]*|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN))$/;

/**
 * A fix on a synthesized file, as edits of the carrier file, or undefined (the fix is dropped).
 * Kept only when every edit lies inside one exact piece (the carrier's own characters), writes only
 * characters that mean the same in the carrier, and leaves no whole scalar that YAML 1.1 would read
 * as something other than a string.
 */
export function mapFix(fix: Fix, origin: SynthOrigin): Fix | undefined {
  const edits: Edit[] = [];
  for (const e of fix.edits) {
    let loc = e.loc;
    let replacement = e.text;
    // An edit of a whole quoted value (`'8mb'` → `'8MB'`) whose inside is the carrier's characters
    // edits those characters: the quotes are the synthesized file's, not the carrier's.
    const quoted = /^'([^'\\]*)'$/.exec(replacement);
    if (quoted && loc.end - loc.start >= 2 && origin.map.exactPiece(loc.start + 1, loc.end - 1)) {
      loc = { ...loc, start: loc.start + 1, end: loc.end - 1 };
      replacement = quoted[1]!;
    }
    const range = origin.map.exactRange(loc);
    if (!range || !SAFE_EDIT.test(replacement)) return undefined;
    const text = origin.carrierText;
    // The token the edit leaves, between the nearest YAML separators around it.
    let a = range.start;
    while (a > 0 && !/[\s'"[\]{},]/.test(text[a - 1]!)) a--;
    let b = range.end;
    while (b < text.length && !/[\s'"[\]{},]/.test(text[b]!)) b++;
    const result = text.slice(a, range.start) + replacement + text.slice(range.end, b);
    if (YAML11_NON_STRING.test(result) || result === '') return undefined;
    edits.push({ loc: { file: origin.carrier, start: range.start, end: range.end }, text: replacement });
  }
  return { ...fix, edits };
}

/** A finding on synthesized files, located in the carrier files (its fix kept only where it maps exactly). */
export function mapDiagnostic(d: Diagnostic, origins: ReadonlyMap<string, SynthOrigin>): Diagnostic {
  const o = origins.get(d.loc.file);
  const related = d.related?.some((r) => origins.has(r.loc.file))
    ? d.related.map((r) => {
        const ro = origins.get(r.loc.file);
        return ro ? { ...r, loc: ro.map.mapLoc(r.loc, ro.carrier) } : r;
      })
    : d.related;
  // A message that names a synthesized file (`patroni.yml#pg_hba.conf:27`) names the carrier instead:
  // the synthesized lines sit on the carrier's line numbers wherever the layout allows (SynthBuilder).
  const carrier = o?.carrier ?? d.related?.map((r) => origins.get(r.loc.file)?.carrier).find((c) => c !== undefined);
  const renamed = carrier ? renameSynth(d.message, carrier, origins) : d.message;
  const help = carrier && d.help ? renameSynth(d.help, carrier, origins) : d.help;
  if (!o && related === d.related && renamed === d.message && help === d.help) return d;
  const out: Diagnostic = { ...d, message: renamed, ...(help !== undefined ? { help } : {}), ...(related ? { related: carrier ? related.map((r) => ({ ...r, message: renameSynth(r.message, carrier, origins) })) : related } : {}) };
  if (o) {
    out.loc = o.map.mapLoc(d.loc, o.carrier);
    if (d.fix) {
      const fix = mapFix(d.fix, o);
      if (fix) out.fix = fix;
      else delete out.fix;
    }
  }
  return out;
}

/** The line starts of a carrier's text, computed once per origin (messages may name many lines). */
const lineStarts = new WeakMap<SynthOrigin, number[]>();

/** The carrier's line a synthesized line stands for (the line itself when it stands for none): for the diff. */
export function carrierLineOf(o: SynthOrigin, line: number): number {
  const span = o.map.originOfLine(line);
  return span ? carrierLine(o, span.start) : line;
}

function carrierLine(o: SynthOrigin, offset: number): number {
  let starts = lineStarts.get(o);
  if (!starts) {
    starts = [0];
    for (let i = o.carrierText.indexOf('\n'); i !== -1; i = o.carrierText.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStarts.set(o, starts);
  }
  return lastAtOrBefore(starts, offset) + 1;
}

const SYNTH_REST = /^(?:([^\s#:]+):)?(postgresql\.conf|pg_hba\.conf|pg_ident\.conf)(?::(\d+))?/;

/**
 * `text` with the carrier's synthesized files (`patroni.yml#pg_hba.conf`, `compose.yml#db:pg_hba.conf`)
 * named as the carrier, and a line of one (`…#pg_hba.conf:3`) as the carrier's line its origin
 * stands on (a line the tool writes itself, placed at no line of the carrier, names the key that
 * stands for it).
 */
function renameSynth(text: string, carrier: string, origins: ReadonlyMap<string, SynthOrigin>): string {
  const prefix = `${carrier}#`;
  if (!text.includes(prefix)) return text;
  return text
    .split(prefix)
    .map((part, i) => {
      if (i === 0) return part;
      const m = SYNTH_REST.exec(part);
      if (!m) return `${prefix}${part}`;
      const [whole, label, kind, line] = m as unknown as [string, string | undefined, string, string | undefined];
      const o = origins.get(`${prefix}${label ? `${label}:` : ''}${kind}`);
      const span = o && line ? o.map.originOfLine(Number(line)) : undefined;
      const at = line ? `:${span && o ? carrierLine(o, span.start) : line}` : '';
      return `${carrier}${at}${part.slice(whole.length)}`;
    })
    .join('');
}
