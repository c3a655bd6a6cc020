// The light half of the configuration: names, types and merging, used on every run. Reading and
// validating a config file (yaml + ajv, config.ts) is loaded only when a config file exists, so
// that a plain `pgconf-lint .` starts without them (see scripts/build.mjs: code splitting).
import type { Major } from '../catalog/types.js';
import type { FileKind, Severity } from '../types.js';
import type { Assumptions } from '../linter/rule.js';
import { boundQuotes, redactSecrets } from '../linter/redact.js';

/** The config file names, in precedence order (one directory holding several: the first is read). */
export const CONFIG_NAMES = ['.pgconf-lint.yml', '.pgconf-lint.yaml', '.pgconf-lint.json'] as const;

export type { RuleConfigValue } from '../linter/rule.js';
import type { RuleConfigValue } from '../linter/rule.js';

export interface AssumeConfig {
  dataChecksums?: boolean;
  failover?: boolean;
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
  /** The file's JSON Schema, for editors; not used. */
  $schema?: string;
  /** Profiles laid under `rules:` and overrides, in order (src/profiles); --profile replaces them. */
  profile?: string | string[];
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

/**
 * A config problem, reported as one line. The config file is the pull request's too: what its
 * message quotes (a key, a value) is masked like finding messages and cut to a bounded length.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(boundQuotes(redactSecrets(message)));
  }
}

/** "64GB" -> bytes (1024-based, like PostgreSQL's memory units). */
export function parseSize(v: number | string): number {
  if (typeof v === 'number') return v;
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*(B|kB|MB|GB|TB)?$/.exec(v.trim());
  if (!m) return NaN;
  const mult = { B: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 }[(m[2] ?? 'B') as 'B'];
  return Math.round(Number(m[1]) * mult);
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
    if (a.failover !== undefined) out.failover = a.failover;
    if (a.role) out.role = a.role;
    if (a.memory !== undefined) out.memoryBytes = parseSize(a.memory);
  }
  return out;
}
