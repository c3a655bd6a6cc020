import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { SUPPORTED_MAJORS, type Major } from '../catalog/types.js';
import type { FileKind, Severity } from '../types.js';
import type { Rule } from './rule.js';
import { ConfigError, type LoadedConfig, type PgconfLintConfig } from './config-core.js';
import { describeFsError } from '../resolve/host.js';

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

/** Reads and validates a config file; throws ConfigError with "file:line:col: key: problem". */
export function loadConfig(path: string, rules: readonly Rule[]): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config ${path}: ${describeFsError(err)}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const pos = lines.linePos(e.pos[0]);
    throw new ConfigError(`${path}:${pos.line}:${pos.col}: ${e.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS() ?? {};
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
