import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { SUPPORTED_MAJORS, type Major } from '../catalog/types.js';
import type { FileKind, Severity } from '../types.js';
import type { Assumptions, Rule } from './rule.js';

export const CONFIG_NAMES = ['.pgconf-lint.yml', '.pgconf-lint.yaml', '.pgconf-lint.json'] as const;

export type RuleConfigValue = Severity | 'off' | ({ severity?: Severity | 'off' } & Record<string, unknown>);

export interface AssumeConfig {
  dataChecksums?: boolean;
  role?: 'primary' | 'standby';
  /** Physical memory: bytes, or a size such as "64GB". */
  memory?: number | string;
}

export interface ConfigBlock {
  pgVersion?: Major;
  rules?: Record<string, RuleConfigValue>;
  assume?: AssumeConfig;
}

export interface PgconfLintConfig extends ConfigBlock {
  overrides?: (ConfigBlock & { files: string[] })[];
  clusters?: (Omit<ConfigBlock, 'rules'> & { name?: string; files: string[] })[];
  /** Extra file names per kind, as globs (the standard names are always found). */
  files?: Partial<Record<FileKind, string[]>>;
  ignore?: string[];
  /** Networks considered safe (CIDR), e.g. a VPC; hba network rules do not flag records inside them. */
  allowedNetworks?: string[];
  /** Files larger than this are reported, not read: bytes or "10MB". */
  maxFileSize?: number | string;
}

export interface LoadedConfig {
  path: string;
  dir: string;
  config: PgconfLintConfig;
}

export class ConfigError extends Error {}

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

/** "64GB" -> bytes (1024-based, like PostgreSQL's memory units). */
export function parseSize(v: number | string): number {
  if (typeof v === 'number') return v;
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*(B|kB|MB|GB|TB)?$/.exec(v.trim());
  if (!m) return NaN;
  const mult = { B: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 }[(m[2] ?? 'B') as 'B'];
  return Math.round(Number(m[1]) * mult);
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
    throw new ConfigError(`cannot read config ${path}: ${(err as { code?: string }).code ?? String(err)}`);
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

export interface EffectiveRuleConfig {
  severity?: Severity | 'off';
  options: Record<string, unknown>;
}

/** Merges rule settings, later blocks winning. */
export function mergeRules(blocks: (Record<string, RuleConfigValue> | undefined)[]): Record<string, EffectiveRuleConfig> {
  const out: Record<string, EffectiveRuleConfig> = {};
  for (const b of blocks) {
    for (const [name, v] of Object.entries(b ?? {})) {
      const cur = out[name] ?? { options: {} };
      if (typeof v === 'string') cur.severity = v;
      else {
        const { severity, ...options } = v;
        if (severity) cur.severity = severity;
        cur.options = { ...cur.options, ...options };
      }
      out[name] = cur;
    }
  }
  return out;
}

export function toAssumptions(blocks: (AssumeConfig | undefined)[]): Assumptions {
  const out: Assumptions = {};
  for (const a of blocks) {
    if (!a) continue;
    if (a.dataChecksums !== undefined) out.dataChecksums = a.dataChecksums;
    if (a.role) out.role = a.role;
    if (a.memory !== undefined) out.memoryBytes = parseSize(a.memory);
  }
  return out;
}
