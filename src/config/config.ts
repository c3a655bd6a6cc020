import { dirname, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isAlias, isMap, isNode, isScalar, isSeq, visit, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { SUPPORTED_MAJORS, type Major } from '../catalog/types.js';
import type { FileKind, Severity } from '../types.js';
import type { Rule } from '../linter/rule.js';
import { ConfigError, type LoadedConfig, type PgconfLintConfig } from './config-core.js';
import { isInside } from '../resolve/host.js';
import { confinement, readRegularFile } from '../resolve/safe-read.js';
import { editDistance } from '../catalog/catalog.js';
import { boundQuote, redactSecrets } from '../linter/redact.js';
import { VERSION } from '../version.js';
import { PROFILE_NAMES } from '../profiles/index.js';
import { CARRIER_KINDS } from '../carriers/types.js';

export * from './config-core.js';

/** Kinds a config's `files:` may map globs to: PostgreSQL's own files and the carriers (Patroni YAML, …). */
const KINDS: FileKind[] = ['postgresql.conf', 'postgresql.auto.conf', 'pg_hba.conf', 'pg_ident.conf', 'recovery.conf', 'pgbouncer.ini', ...CARRIER_KINDS];
const SIZE = '^[0-9]+(\\.[0-9]+)?\\s*(B|kB|MB|GB|TB)?$';
const CIDR = '^[0-9a-fA-F:.]+/[0-9]{1,3}$';
/** Patterns of the schema in words, for error messages. */
const PATTERN_WORDS: Record<string, string> = {
  [SIZE]: 'a number of bytes or a size such as "64GB" (units B, kB, MB, GB, TB)',
  [CIDR]: 'a network in CIDR notation such as "10.0.0.0/8"',
};

/**
 * Where editors fetch the schema from (`$schema` in .pgconf-lint.json, the yaml-language-server
 * modeline): schema/pgconf-lint.schema.json at the moving major-version tag the release workflow
 * maintains, so that it follows the rules of the installed major.
 */
export const CONFIG_SCHEMA_URL = `https://raw.githubusercontent.com/pgconf-lint/pgconf-lint/v${VERSION.split('.')[0]}/schema/pgconf-lint.schema.json`;

/** The JSON Schema of the config file; rule options come from each rule's optionsSchema. */
export function configSchema(rules: readonly Rule[]): Record<string, unknown> {
  const severity = { enum: ['off', 'info', 'warning', 'error'] };
  const ruleProps: Record<string, unknown> = {};
  for (const r of rules) {
    const optionProps = (r.optionsSchema?.properties as Record<string, unknown> | undefined) ?? {};
    ruleProps[r.name] = {
      description: r.docs.summary,
      oneOf: [
        severity,
        {
          type: 'object',
          properties: { severity, ...optionProps },
          additionalProperties: false,
        },
      ],
    };
  }
  const block = {
    pgVersion: { enum: [...SUPPORTED_MAJORS], description: 'Target PostgreSQL major version' },
    rules: { type: 'object', properties: ruleProps, additionalProperties: false },
    assume: {
      type: 'object',
      description: 'Facts the files cannot show',
      properties: {
        dataChecksums: { type: 'boolean' },
        failover: { type: 'boolean', description: 'The server takes part in physical failover (a primary with standbys that may be promoted, or a standby)' },
        role: { enum: ['primary', 'standby'] },
        memory: { oneOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: SIZE }] },
      },
      additionalProperties: false,
    },
  };
  const globs = { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_URL,
    title: 'pgconf-lint configuration (.pgconf-lint.yml)',
    type: 'object',
    properties: {
      $schema: { type: 'string', description: 'The JSON Schema of this file, for editors (pgconf-lint ignores it)' },
      profile: {
        description: 'Profiles (presets of rule settings, such as a benchmark\'s checks) laid under rules and overrides, in order; --profile replaces them',
        oneOf: [
          { enum: [...PROFILE_NAMES] },
          { type: 'array', items: { enum: [...PROFILE_NAMES] }, minItems: 1 },
        ],
      },
      ...block,
      overrides: {
        type: 'array',
        items: { type: 'object', properties: { files: globs, ...block }, required: ['files'], additionalProperties: false },
      },
      clusters: {
        type: 'array',
        items: {
          type: 'object',
          properties: { name: { type: 'string' }, files: globs, pgVersion: block.pgVersion, assume: block.assume },
          required: ['files'],
          additionalProperties: false,
        },
      },
      files: {
        type: 'object',
        properties: Object.fromEntries(KINDS.map((k) => [k, globs])),
        additionalProperties: false,
      },
      ignore: { type: 'array', items: { type: 'string', minLength: 1 } },
      allowedNetworks: { type: 'array', items: { type: 'string', pattern: CIDR }, description: 'Networks (CIDR) the pg_hba network rules treat as trusted' },
      maxFileSize: { oneOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: SIZE }] },
    },
    additionalProperties: false,
  };
}

/* ---- validation: the first problem in the file, at the offending key or value ---- */

type Schema = Record<string, unknown>;
type Path = (string | number)[];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A key quoted for a message: secrets masked, bounded, one line. */
function showKey(key: string): string {
  return JSON.stringify(boundQuote(redactSecrets(key)));
}

/** A path as the file spells it (rules.hba-md5.severity, overrides.0.files); unusual keys quoted. */
function showPath(path: Path): string {
  return path.map((k) => (typeof k === 'number' || /^[A-Za-z0-9_$.-]{1,64}$/.test(k) ? String(k) : showKey(k))).join('.');
}

/**
 * The candidate closest to a misspelled name, ignoring case: within a third of its length (one to
 * four edits) by the catalog's edit distance, the bound unknown-setting uses for parameter names.
 */
export function closestKey(name: string, candidates: readonly string[]): string | undefined {
  const key = name.toLowerCase();
  const limit = Math.max(1, Math.min(4, Math.floor(key.length / 3)));
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (Math.abs(lc.length - key.length) > limit) continue;
    const d = editDistance(key, lc);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** Whether a value has the type a oneOf branch is for (the branch its errors are about). */
function fits(schema: Schema, value: unknown): boolean {
  if (Array.isArray(schema.enum)) return schema.enum.some((e) => typeof e === typeof value);
  switch (schema.type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}

/** What a schema asks for, in words ("an integer from 0 to 32"). */
function expected(s: Schema): string {
  if (Array.isArray(s.oneOf)) return (s.oneOf as Schema[]).map(expected).join(', or ');
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  switch (s.type) {
    case 'integer':
    case 'number': {
      const what = s.type === 'integer' ? 'an integer' : 'a number';
      const { minimum: min, maximum: max } = s;
      if (typeof min === 'number' && typeof max === 'number') return `${what} from ${min} to ${max}`;
      if (typeof min === 'number') return `${what} of at least ${min}`;
      if (typeof max === 'number') return `${what} of at most ${max}`;
      return what;
    }
    case 'string':
      if (typeof s.pattern === 'string') return PATTERN_WORDS[s.pattern] ?? `a string matching ${s.pattern}`;
      return s.minLength ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return `${s.minItems ? 'a non-empty list' : 'a list'}${isObject(s.items) ? `, each item ${expected(s.items)}` : ''}`;
    case 'object':
      return 'a mapping (key: value)';
    default:
      return 'valid';
  }
}

/** What the file says instead of an allowed value, with the closest allowed word ("warn": "warning"). */
function enumMessage(allowed: readonly unknown[], value: unknown): string {
  const words = allowed.filter((v): v is string => typeof v === 'string');
  const typed = typeof value === 'string' ? value.toLowerCase() : undefined;
  const guess = typed === undefined ? undefined : (closestKey(typed, words) ?? (typed.length >= 3 ? words.find((w) => w.startsWith(typed)) : undefined));
  return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}${guess ? `; did you mean ${JSON.stringify(guess)}?` : ''}`;
}

/** An unknown key: of the rules (a rule name), of a rule's options, or of another object. */
function unknownKeyMessage(path: Path, key: string, schema: Schema): string {
  const allowed = Object.keys(schema.properties as Schema);
  const at = showPath([...path, key]);
  const guess = closestKey(key, allowed);
  const mean = guess === undefined ? undefined : `; did you mean ${JSON.stringify(guess)}?`;
  const parent = path[path.length - 1];
  if (parent === 'rules') return `${at}: unknown rule ${showKey(key)}${mean ?? ' (see pgconf-lint rules)'}`;
  if (path[path.length - 2] === 'rules' && typeof parent === 'string') {
    const options = allowed.filter((k) => k !== 'severity');
    const listed = options.length ? ` (its options: severity, ${options.join(', ')})` : ', which takes no options besides severity';
    return `${at}: unknown option of rule ${parent}${mean ?? listed}`;
  }
  return `${at}: unknown key${mean ?? ` (allowed here: ${allowed.join(', ')})`}`;
}

interface Problem {
  path: Path;
  /** Where it is reported: the key itself (an unknown key) or the value. */
  at: 'key' | 'value';
  /** Built for the reported problem only (a did-you-mean compares names). */
  message: () => string;
}

/** Problems collected at most: a file of a hundred thousand mistakes is reported by its first. */
const MAX_PROBLEMS = 1000;

function typeOk(type: unknown, v: unknown): boolean {
  switch (type) {
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    default:
      return fits({ type }, v);
  }
}

const patterns = new Map<string, RegExp>();
function matches(pattern: string, value: string): boolean {
  let re = patterns.get(pattern);
  if (!re) patterns.set(pattern, (re = new RegExp(pattern, 'u')));
  return re.test(value);
}

/**
 * The problems of a value against the schema's keywords (those configSchema and the rules' option
 * schemas use), in the data's order, at most MAX_PROBLEMS: unknown keys at the key, the rest at the
 * value. Ajv decides whether the file is valid; this says where and what. Of a oneOf, the branch
 * of the value's type is checked (a mapping under a rule is options, not a misspelled severity).
 */
function collectProblems(schema: Schema, value: unknown, path: Path, out: Problem[]): void {
  if (out.length >= MAX_PROBLEMS) return;
  const fail = (what: () => string): void => {
    out.push({ path, at: 'value', message: () => `${path.length ? showPath(path) + ': ' : ''}${what()}` });
  };
  if (Array.isArray(schema.oneOf)) {
    const branch = (schema.oneOf as Schema[]).find((s) => fits(s, value));
    if (branch) collectProblems(branch, value, path, out);
    else fail(() => `must be ${expected(schema)}`);
    return;
  }
  if (Array.isArray(schema.enum)) {
    const allowed = schema.enum;
    if (!allowed.some((e) => e === value)) fail(() => enumMessage(allowed, value));
    return;
  }
  if (schema.type !== undefined && !typeOk(schema.type, value)) return fail(() => `must be ${expected(schema)}`);
  if (typeof value === 'number') {
    if ((typeof schema.minimum === 'number' && value < schema.minimum) || (typeof schema.maximum === 'number' && value > schema.maximum)) fail(() => `must be ${expected(schema)}`);
  } else if (typeof value === 'string') {
    if ((typeof schema.minLength === 'number' && value.length < schema.minLength) || (typeof schema.pattern === 'string' && !matches(schema.pattern, value))) {
      fail(() => `must be ${expected(schema)}`);
    }
  } else if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail(() => `must be ${expected(schema)}`);
    if (isObject(schema.items)) for (let i = 0; i < value.length && out.length < MAX_PROBLEMS; i++) collectProblems(schema.items, value[i], [...path, i], out);
  } else if (isObject(value)) {
    for (const r of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
      if (!Object.hasOwn(value, r)) fail(() => `must have required property '${r}'`);
    }
    const props = (isObject(schema.properties) ? schema.properties : {}) as Record<string, Schema>;
    for (const [k, v] of Object.entries(value)) {
      if (out.length >= MAX_PROBLEMS) return;
      if (Object.hasOwn(props, k)) collectProblems(props[k]!, v, [...path, k], out);
      else if (schema.additionalProperties === false) out.push({ path: [...path, k], at: 'key', message: () => unknownKeyMessage(path, k, schema) });
    }
  }
}

function pointerPath(pointer: string): Path {
  return pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Ajv's own error, for a keyword collectProblems does not know (a rule's options may use any). */
function ajvProblem(e: ErrorObject): Problem {
  const path = pointerPath(e.instancePath);
  const what = (): string => {
    if (e.keyword === 'enum') return enumMessage((e.params as { allowedValues: unknown[] }).allowedValues, e.data);
    if (e.keyword === 'additionalProperties') return `unknown key ${showKey((e.params as { additionalProperty: string }).additionalProperty)}`;
    return e.message ?? 'is invalid';
  };
  return { path, at: 'value', message: () => `${path.length ? showPath(path) + ': ' : ''}${what()}` };
}

const rangeStart = (n: unknown): number | undefined => (isNode(n) && n.range ? n.range[0] : undefined);

function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  return key.value === null ? '' : String(key.value);
}

/** The pairs of a YAML map by key text, indexed once per map (a file may hold many problems). */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      const t = keyText(p.key);
      if (t !== undefined && !index.has(t)) index.set(t, p);
    }
    pairIndex.set(map, index);
  }
  return index.get(key);
}

/** Offset of the key or the value a path names (aliases followed to their anchor), else of the nearest node found. */
function offsetOf(doc: Document, path: Path, at: 'key' | 'value'): number | undefined {
  let node: unknown = doc.contents;
  let last = rangeStart(node);
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    let keyNode: unknown;
    if (isMap(node)) {
      const pair = pairOf(node, String(path[i]));
      if (!pair) return last;
      keyNode = pair.key;
      next = pair.value;
    } else if (isSeq(node)) next = node.items[Number(path[i])];
    else return last;
    if (i === path.length - 1 && at === 'key') return rangeStart(keyNode) ?? last;
    last = rangeStart(next) ?? rangeStart(keyNode) ?? last;
    node = next;
  }
  return last;
}

/**
 * The first problem in the file's order (of at most MAX_PROBLEMS): an unknown key (at the key, with
 * a did-you-mean from the keys allowed there) or a value the schema rejects (at the value, saying
 * what is expected); Ajv's error when none of the keywords checked here explains why it failed.
 */
function firstProblem(doc: Document, data: unknown, schema: Schema, ajvErrors: readonly ErrorObject[]): { message: string; offset?: number } {
  const problems: Problem[] = [];
  collectProblems(schema, data, [], problems);
  // Ajv reports every branch of a oneOf (a severity, or options): the deepest error is the options'.
  const deepest = [...ajvErrors].filter((e) => e.keyword !== 'oneOf').sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ?? ajvErrors[0];
  if (!problems.length && deepest) problems.push(ajvProblem(deepest));
  let best: { p: Problem; offset: number } | undefined;
  for (const p of problems) {
    const offset = offsetOf(doc, p.path, p.at) ?? Infinity;
    if (!best || offset < best.offset || (offset === best.offset && p.path.length > best.p.path.length)) best = { p, offset };
  }
  if (!best) return { message: 'does not match the configuration schema' };
  return { message: best.p.message(), ...(Number.isFinite(best.offset) ? { offset: best.offset } : {}) };
}

/** A config file is a few kilobytes; anything near this is not one. */
export const CONFIG_MAX_BYTES = 1024 * 1024;
/** Alias expansions allowed in a config (yaml's maxAliasCount): a "billion laughs" stops here. */
const CONFIG_MAX_ALIASES = 100;
/**
 * Line breaks and YAML structure marks (`,` `[` `{` `-` `:` `?` `&` `*`) a config may hold. A real
 * one has a few hundred; the YAML parser keeps about a kilobyte of heap per node, so a 1 MiB file of
 * `1,1,1,…` took 370 MB and five seconds before this limit (now: 50 MB, half a second).
 */
export const CONFIG_MAX_MARKS = 50_000;

/** Offset of the mark past CONFIG_MAX_MARKS, if the text has more. */
function tooManyMarks(text: string): number | undefined {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 10: // \n
      case 44: // ,
      case 91: // [
      case 123: // {
      case 45: // -
      case 58: // :
      case 63: // ?
      case 38: // &
      case 42: // *
        if (++n > CONFIG_MAX_MARKS) return i;
    }
  }
  return undefined;
}

/**
 * The first key that repeats one before it in the same mapping (as its JavaScript key: `1` and "1"
 * are one). The parser's own check (uniqueKeys) compares every pair: 70,000 keys took 85 seconds.
 */
function duplicateKey(doc: Document): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const text = keyText(pair.key);
        if (text === undefined) continue;
        if (seen.has(text)) {
          found = pair.key as Node;
          return visit.BREAK;
        }
        seen.add(text);
      }
      return undefined;
    },
  });
  return found;
}

export interface ConfigReadOptions {
  /**
   * The checked root. A config path inside it (as named, before symlinks) is part of the checkout,
   * which the pull request controls: it is read only if its real path is inside the root too and not
   * under `.git/`. A path outside the root was named by the invoker (--config, the Action's config:
   * input) and is read where it is. Either way only a regular file is read, without blocking, and
   * at most CONFIG_MAX_BYTES.
   */
  root?: string;
  maxBytes?: number;
}

/** The first alias node (where a too-large or unresolved alias expansion is reported). */
/** The name of the first alias used before its anchor (in document order, as yaml resolves them), if any. */
function aliasBeforeAnchor(doc: Document): string | undefined {
  const anchors = new Set<string>();
  let found: string | undefined;
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      if (!anchors.has(node.source)) {
        found = node.source;
        return visit.BREAK;
      }
    } else if (isNode(node) && node.anchor) {
      anchors.add(node.anchor);
    }
    return undefined;
  });
  return found;
}

function firstAlias(doc: Document, source?: string): { range?: [number, number, number] | null } | undefined {
  let found: { range?: [number, number, number] | null } | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (source !== undefined && node.source !== source) return undefined;
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

/** Reads and validates a config file; throws ConfigError with "file:line:col: key: problem". */
export function loadConfig(path: string, rules: readonly Rule[], options: ConfigReadOptions = {}): LoadedConfig {
  const abs = resolve(path);
  const rootAbs = options.root === undefined ? undefined : resolve(options.root);
  const rootConfinement = rootAbs === undefined ? undefined : confinement(rootAbs);
  const confine = rootConfinement && (isInside(rootAbs!, abs) || isInside(rootConfinement.root, abs)) ? rootConfinement : undefined;
  const read = readRegularFile(abs, { maxBytes: options.maxBytes ?? CONFIG_MAX_BYTES, ...(confine ? { confine } : {}) });
  if (!read.ok) throw new ConfigError(`cannot read config ${path}: ${read.error}`);
  const text = read.bytes.toString('utf8');
  const lines = new LineCounter();
  const at = (offset: number): string => {
    const pos = lines.linePos(offset);
    return `${path}:${pos.line}:${pos.col}`;
  };
  const marks = tooManyMarks(text);
  if (marks !== undefined) {
    let line = 1;
    let start = 0;
    for (let i = text.indexOf('\n'); i !== -1 && i < marks; i = text.indexOf('\n', i + 1)) [line, start] = [line + 1, i + 1];
    throw new ConfigError(`${path}:${line}:${marks - start + 1}: more than ${CONFIG_MAX_MARKS} lines and YAML marks (, [ { - : ? & *); a configuration is not this large; not read`);
  }
  // logLevel error: the parser would print its warnings on stderr; uniqueKeys: duplicateKey, linear.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    // The parser turns a stack overflow (nesting a thousand levels deep) into an error of its own.
    const message = e.code === 'RESOURCE_EXHAUSTION' ? 'nested too deeply; not read' : e.message.split('\n')[0];
    throw new ConfigError(`${at(e.pos[0])}: ${message}`);
  }
  const dup = duplicateKey(doc);
  if (dup) throw new ConfigError(`${at(rangeStart(dup) ?? 0)}: Map keys must be unique`);
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: CONFIG_MAX_ALIASES });
  } catch (err) {
    // yaml throws a plain ReferenceError without a position for an alias bomb ("Excessive alias
    // count") and for an alias used before its anchor: point at the alias.
    if (!(err instanceof ReferenceError)) throw err;
    const unresolved = aliasBeforeAnchor(doc);
    const alias = firstAlias(doc, unresolved);
    const at = alias?.range ? lines.linePos(alias.range[0]) : undefined;
    const problem = unresolved !== undefined
      ? `alias *${unresolved} is used before its anchor`
      : `too many alias expansions (more than ${CONFIG_MAX_ALIASES}; a "billion laughs" document); not read`;
    throw new ConfigError(`${at ? `${path}:${at.line}:${at.col}` : path}: ${problem}`);
  }
  const data: unknown = js ?? {};
  const schema = configSchema(rules);
  const validate = new Ajv({ allErrors: false, strict: false, verbose: true }).compile(schema);
  if (!validate(data)) {
    const problem = firstProblem(doc, data, schema, validate.errors ?? []);
    const at = problem.offset === undefined ? undefined : lines.linePos(problem.offset);
    throw new ConfigError(`${at ? `${path}:${at.line}:${at.col}` : path}: ${problem.message}`);
  }
  return { path, dir: dirname(resolve(path)), config: data as PgconfLintConfig };
}
