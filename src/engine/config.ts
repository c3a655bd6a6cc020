import { dirname, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isNode, visit, type Document } from 'yaml';
import { SUPPORTED_MAJORS, type Major } from '../catalog/types.js';
import type { FileKind, Severity } from '../types.js';
import type { Rule } from './rule.js';
import { ConfigError, type LoadedConfig, type PgconfLintConfig } from './config-core.js';
import { isInside } from '../resolve/host.js';
import { confinement, readRegularFile } from '../resolve/safe-read.js';

export * from './config-core.js';

const KINDS: FileKind[] = ['postgresql.conf', 'postgresql.auto.conf', 'pg_hba.conf', 'pg_ident.conf', 'recovery.conf'];
const SIZE = '^[0-9]+(\\.[0-9]+)?\\s*(B|kB|MB|GB|TB)?$';

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
    $id: 'https://github.com/pgconf-lint/pgconf-lint/schema/pgconf-lint.schema.json',
    title: 'pgconf-lint configuration (.pgconf-lint.yml)',
    type: 'object',
    properties: {
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
      allowedNetworks: { type: 'array', items: { type: 'string', pattern: '^[0-9a-fA-F:.]+/[0-9]{1,3}$' } },
      maxFileSize: { oneOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: SIZE }] },
    },
    additionalProperties: false,
  };
}

function describe(err: ErrorObject): string {
  if (err.keyword === 'additionalProperties') {
    const key = (err.params as { additionalProperty: string }).additionalProperty;
    return err.instancePath.endsWith('/rules') || err.instancePath === '/rules'
      ? `unknown rule "${key}" (see pgconf-lint rules)`
      : `unknown key "${key}"`;
  }
  if (err.keyword === 'enum') return `must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return err.message ?? 'is invalid';
}

/** A config file is a few kilobytes; anything near this is not one. */
export const CONFIG_MAX_BYTES = 1024 * 1024;
/** Alias expansions allowed in a config (yaml's maxAliasCount): a "billion laughs" stops here. */
const CONFIG_MAX_ALIASES = 100;

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
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const pos = lines.linePos(e.pos[0]);
    throw new ConfigError(`${path}:${pos.line}:${pos.col}: ${e.message.split('\n')[0]}`);
  }
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: CONFIG_MAX_ALIASES });
  } catch (err) {
    // yaml throws a plain ReferenceError without a position for an alias bomb ("Excessive alias
    // count") and for an alias used before its anchor: point at the alias.
    if (!(err instanceof ReferenceError)) throw err;
    const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(err.message)?.[1];
    const alias = firstAlias(doc, unresolved);
    const at = alias?.range ? lines.linePos(alias.range[0]) : undefined;
    const problem = unresolved !== undefined
      ? `alias *${unresolved} is used before its anchor`
      : `too many alias expansions (more than ${CONFIG_MAX_ALIASES}; a "billion laughs" document); not read`;
    throw new ConfigError(`${at ? `${path}:${at.line}:${at.col}` : path}: ${problem}`);
  }
  const data: unknown = js ?? {};
  const ajv = new Ajv({ allErrors: false, strict: false });
  const validate = ajv.compile(configSchema(rules));
  if (!validate(data)) {
    // oneOf reports every branch; the most specific error is the deepest one.
    const errs = [...(validate.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length);
    const err = errs.find((e) => e.keyword !== 'oneOf') ?? errs[0]!;
    const keys = err.instancePath.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const node = keys.length ? doc.getIn(keys.map((k) => (/^\d+$/.test(k) ? Number(k) : k)), true) : doc.contents;
    const at = isNode(node) && node.range ? lines.linePos(node.range[0]) : undefined;
    const where = at ? `${path}:${at.line}:${at.col}` : path;
    throw new ConfigError(`${where}: ${keys.length ? keys.join('.') + ': ' : ''}${describe(err)}`);
  }
  return { path, dir: dirname(resolve(path)), config: data as PgconfLintConfig };
}
