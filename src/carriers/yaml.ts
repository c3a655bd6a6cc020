// The YAML reader of the carriers. This module (and the `yaml` package) is loaded only when
// discovery finds a carrier file (src/carriers/load.ts): it is never part of dist/cli.cjs.
import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, parseAllDocuments, Scalar, type Document, type Node } from 'yaml';

/** A located YAML value, as PyYAML's safe_load (YAML 1.1) resolves it. */
export type YNode = YMap | YSeq | YScalar;

export interface YMap {
  t: 'map';
  start: number;
  end: number;
  /** In document order; a repeated key appears twice (PyYAML keeps the last: see `get`). */
  entries: YEntry[];
}

export interface YEntry {
  /** The key as Python's str() prints it. */
  key: string;
  keyStart: number;
  keyEnd: number;
  /** The value; an empty value (`key:`) is a null scalar at the end of the key. */
  value: YNode;
}

export interface YSeq {
  t: 'seq';
  start: number;
  end: number;
  items: YNode[];
}

export interface YScalar {
  t: 'scalar';
  /** The value's range in the file, quotes included. */
  start: number;
  end: number;
  value: string | number | boolean | null;
  /**
   * Where the characters of `str(value)` stand in the file one for one (a plain scalar, or a quoted
   * one without escapes), or undefined when the file spells the value differently.
   */
  exact?: { start: number; end: number };
}

export interface YComment {
  start: number;
  text: string;
}

export type YamlRead = { ok: true; docs: YNode[]; comments: YComment[] } | { ok: false; error: string; at: number };

/**
 * Limits on what a YAML file may cost. The file's size is already bounded by the host (maxFileBytes);
 * these bound what aliases and nesting could multiply: each is far beyond any real configuration.
 */
export const YAML_LIMITS = {
  /** Nodes after alias expansion, per file: at most this many, or 4 per character of the file. */
  maxNodes: 200_000,
  /**
   * Lines plus commas of one file, counted before parsing: the parser's cost grows with them (about
   * 10 µs each), and real configurations have a few hundred.
   */
  maxItems: 20_000,
  /** Nesting depth of maps and sequences. */
  maxDepth: 64,
  /** Documents in one file. */
  maxDocuments: 1_000,
  /**
   * Characters of one carrier file. The YAML parser costs about 15 µs per key on this project's
   * reference machine, so a 64 MB file of one-character keys would take minutes; real Patroni and
   * Kubernetes files are a few kilobytes.
   */
  maxChars: 2 * 1024 * 1024,
} as const;

class Refused extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** Python's str() of a YAML 1.1 scalar value, as Patroni writes it into postgresql.conf. */
export function pyStr(v: string | number | boolean | null): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') {
    if (Number.isInteger(v) && !Object.is(v, -0)) return String(v);
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    return pyFloat(v);
  }
  return v;
}

/** Python's repr of a float: the shortest round-trip digits, `.0` on integral values, exponent from 1e16. */
function pyFloat(v: number): string {
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e16 || abs < 1e-4)) {
    const [m, e] = v.toExponential().split('e') as [string, string];
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = String(v);
  return Number.isInteger(v) ? `${s}.0` : s;
}

/**
 * Reads a YAML file as PyYAML's `safe_load` would (YAML 1.1: `on`/`off`/`yes`/`no` are booleans,
 * `0750` is octal; a repeated key keeps the last value; an unknown tag is refused), located, with
 * every cost bounded: aliases, nodes after expansion, nesting and documents are limited, and a file
 * that is not UTF-8 is refused. Never throws: a problem is `{ ok: false, error, at }`.
 */
export function readYaml(text: string, encoding: 'utf8' | 'latin1'): YamlRead {
  if (encoding !== 'utf8') return { ok: false, error: 'not valid UTF-8 (PyYAML, which reads it, refuses it)', at: 0 };
  try {
    return readYamlUnsafe(text);
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.message, at: e.at };
    if (e instanceof RangeError) return { ok: false, error: `nested too deeply to read (more than ${YAML_LIMITS.maxDepth} levels)`, at: 0 };
    return { ok: false, error: `could not be read as YAML (${e instanceof Error ? e.name : 'error'})`, at: 0 };
  }
}

function readYamlUnsafe(text: string): YamlRead {
  if (text.length > YAML_LIMITS.maxChars) {
    throw new Refused(`larger than ${YAML_LIMITS.maxChars / 1024 / 1024} MiB (${text.length} characters): a carrier file this large is not read`, 0);
  }
  // Nesting and documents are checked on the text first: the parser recurses once per level, and
  // slows down on deep nesting long before it overflows.
  prescan(text);
  const docs = parseAllDocuments(text, {
    version: '1.1',
    uniqueKeys: false,
    merge: true,
    prettyErrors: false,
    strict: false,
  });
  const list = Array.isArray(docs) ? docs : [];
  if (list.length > YAML_LIMITS.maxDocuments) throw new Refused(`more than ${YAML_LIMITS.maxDocuments} YAML documents`, 0);
  const budget = { nodes: budgetOf(text) };
  const out: YNode[] = [];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) throw new Refused(`not valid YAML: ${yamlMessage(err.code, err.message)}`, err.pos[0]);
    for (const w of doc.warnings) {
      if (w.code === 'TAG_RESOLVE_FAILED') throw new Refused('holds a YAML tag that PyYAML\'s safe_load refuses (a custom tag such as !!python/object)', w.pos[0]);
    }
    if (doc.contents === null) continue;
    out.push(convert(text, doc, doc.contents as Node, 0, budget, new Set()));
  }
  return { ok: true, docs: out, comments: comments(text) };
}

const budgetOf = (text: string): number => Math.min(YAML_LIMITS.maxNodes, 4 * text.length + 16);

/** The parser's message without the quoted source it may carry (no text of the file in the error beyond its position). */
function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/\s*at line \d+, column \d+:?\s*$/, '');
  return first.length > 160 ? `${code.toLowerCase().replaceAll('_', ' ')}` : first;
}

/**
 * Flow collections (`[[[…`) and compact block collections (`- - - x`, `? ? x`) nest without
 * indentation: both are counted here, in one linear pass, before the parser sees them. Brackets are
 * counted wherever they are (a quote or `#` cannot hide them: the scan cannot be fooled into
 * missing nesting the parser would see); only 64 unclosed brackets inside strings would be refused
 * wrongly. Block nesting by indentation is bounded by the file's size and checked in convert().
 */
function prescan(text: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > YAML_LIMITS.maxDepth) throw new Refused(`nested too deeply to read (more than ${YAML_LIMITS.maxDepth} levels)`, i);
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  let items = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) items++;
  for (let i = text.indexOf(','); i !== -1 && items <= YAML_LIMITS.maxItems; i = text.indexOf(',', i + 1)) items++;
  if (items > YAML_LIMITS.maxItems) throw new Refused(`has more than ${YAML_LIMITS.maxItems} lines and list items: a carrier file this large is not read`, 0);
  const compact = /(?:[-?:][ \t]+){64}/.exec(text);
  if (compact) throw new Refused(`nested too deeply to read (more than ${YAML_LIMITS.maxDepth} levels)`, compact.index);
  let docs = 0;
  const marker = /^(?:---|\.\.\.)/gm;
  while (marker.exec(text)) {
    if (++docs > YAML_LIMITS.maxDocuments) throw new Refused(`more than ${YAML_LIMITS.maxDocuments} YAML documents`, marker.lastIndex - 3);
  }
}

function convert(text: string, doc: Document, node: Node, depth: number, budget: { nodes: number }, resolving: Set<Node>): YNode {
  if (--budget.nodes < 0) throw new Refused(`holds more than ${Math.min(YAML_LIMITS.maxNodes, budgetOf(text))} values once its aliases are expanded`, node.range?.[0] ?? 0);
  if (depth > YAML_LIMITS.maxDepth) throw new Refused(`nested too deeply to read (more than ${YAML_LIMITS.maxDepth} levels)`, node.range?.[0] ?? 0);
  const [start, end] = [node.range?.[0] ?? 0, node.range?.[1] ?? 0];
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (!target || resolving.has(target)) throw new Refused('holds an alias that names no anchor before it', start);
    resolving.add(target);
    const v = convert(text, doc, target, depth + 1, budget, resolving);
    resolving.delete(target);
    return v;
  }
  if (isMap(node)) {
    const entries: YEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as Node | null;
      const keyStart = k?.range?.[0] ?? start;
      const keyEnd = k?.range?.[1] ?? keyStart;
      const keyNode = k ? convert(text, doc, k, depth + 1, budget, resolving) : undefined;
      const key = keyNode?.t === 'scalar' ? pyStr(keyNode.value) : keyNode ? `<${keyNode.t}>` : 'None';
      const v = pair.value as Node | null;
      const value: YNode = v ? convert(text, doc, v, depth + 1, budget, resolving) : { t: 'scalar', start: keyEnd, end: keyEnd, value: null };
      entries.push({ key, keyStart, keyEnd, value });
    }
    return { t: 'map', start, end, entries };
  }
  if (isSeq(node)) {
    const items: YNode[] = [];
    for (const item of node.items) items.push(convert(text, doc, item as Node, depth + 1, budget, resolving));
    return { t: 'seq', start, end, items };
  }
  if (isScalar(node)) return scalar(text, node, start, end);
  return { t: 'scalar', start, end, value: null };
}

function scalar(text: string, node: Scalar, start: number, end: number): YScalar {
  const raw = node.value;
  let value: string | number | boolean | null;
  if (raw === null || raw === undefined) value = null;
  else if (typeof raw === 'string' || typeof raw === 'boolean') value = raw;
  else if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'bigint') value = Number(raw);
  else if (raw instanceof Date) value = node.source ?? raw.toISOString();
  else value = String(raw);
  const out: YScalar = { t: 'scalar', start, end, value };
  const s = pyStr(value);
  if (node.type === Scalar.PLAIN && text.slice(start, end) === s) out.exact = { start, end };
  else if ((node.type === Scalar.QUOTE_SINGLE || node.type === Scalar.QUOTE_DOUBLE) && typeof value === 'string' && text.slice(start + 1, end - 1) === s && end - start === s.length + 2) {
    // A quoted scalar is exact when its characters between the quotes are the value (no escape, no fold).
    out.exact = { start: start + 1, end: end - 1 };
  }
  return out;
}

/** The comments of a YAML file (the lexer's `#…` tokens), with their offsets. */
function comments(text: string): YComment[] {
  if (!/pgconf/i.test(text)) return [];
  const out: YComment[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // The lexer's one-character control tokens mark structure and stand for no text.
    if (token.length === 1 && (token === '\x02' || token === '\x18' || token === '\x1f')) continue;
    if (token[0] === '#') out.push({ start: offset, text: token });
    offset += token.length;
  }
  return out;
}
