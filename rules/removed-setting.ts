import { lookupParam, nameHistory } from '../src/catalog/catalog.js';
import { parseGucValue } from '../src/catalog/values.js';
import { defineRule, type RuleContext } from '../src/linter/rule.js';
import { assignmentKinds } from '../src/linter/settings.js';
import { boundQuote } from '../src/linter/redact.js';
import type { Assignment } from '../src/resolve/cluster.js';
import { lineColumn } from '../src/source/source.js';
import type { Fix } from '../src/types.js';
import { lineLoc } from './duplicate-setting.js';

/**
 * Parameters that left PostgreSQL, with what to use instead. The majors 10–18 come from the
 * generated catalogs; names that disappeared before 10 are listed here with their last version
 * (POSTGRES.md §4.1).
 */
export const REPLACEMENTS: Readonly<Record<string, string>> = {
  checkpoint_segments: 'use max_wal_size (and min_wal_size); PostgreSQL 9.5 converted it as max_wal_size = (3 × checkpoint_segments + 1) × 16MB',
  min_parallel_relation_size: 'use min_parallel_table_scan_size',
  sql_inheritance: 'remove it: inheritance is always on',
  custom_variable_classes: 'remove it: any two-part name is accepted as a custom setting',
  replacement_sort_tuples: 'remove it: replacement selection sort is gone',
  wal_keep_segments: 'use wal_keep_size = wal_keep_segments × 16MB',
  operator_precedence_warning: 'remove it',
  vacuum_cleanup_index_scale_factor: 'remove it',
  stats_temp_directory: 'remove it: statistics live in shared memory',
  force_parallel_mode: 'use debug_parallel_query',
  vacuum_defer_cleanup_age: 'use hot_standby_feedback or a replication slot',
  promote_trigger_file: 'promote with pg_ctl promote or SELECT pg_promote()',
  trigger_file: 'promote with pg_ctl promote or SELECT pg_promote() (promote_trigger_file in 12–15)',
  standby_mode: 'create a standby.signal file in the data directory',
  lc_collate: 'remove it: the collation is fixed per database at CREATE DATABASE',
  lc_ctype: 'remove it: the character classification is fixed per database at CREATE DATABASE',
  db_user_namespace: 'remove it',
  old_snapshot_threshold: 'remove it',
  trace_recovery_messages: 'remove it (use log_min_messages)',
  unix_socket_directory: "use unix_socket_directories",
  replication_timeout: 'use wal_sender_timeout',
  silent_mode: 'remove it: run the postmaster in the background with pg_ctl',
  add_missing_from: 'remove it',
  regex_flavor: 'remove it',
  max_fsm_pages: 'remove it: the free space map is managed automatically',
  max_fsm_relations: 'remove it: the free space map is managed automatically',
  wal_sender_delay: 'remove it',
  krb_srvname: 'remove it (GSSAPI uses krb_server_keyfile)',
  ssl_ciphers_suites: 'use ssl_ciphers',
};

/**
 * The removed parameters with a 1:1 successor, and how a value converts (PostgreSQL's release notes:
 * 9.3 unix_socket_directory, replication_timeout; 9.5 checkpoint_segments; 10
 * min_parallel_relation_size; 12 trigger_file (recovery.conf → promote_trigger_file, itself removed
 * in 16); 13 wal_keep_segments; 16 force_parallel_mode). Every other removed parameter has none:
 * its fix (unsafe) removes the line.
 */
export interface Successor {
  to: string;
  /** How the value converts: kept as written, or a count of 16MB WAL segments to a size in MB. */
  convert: 'same' | ((segments: number) => number);
  /** In words, for the docs and the fix's title. */
  conversion: string;
  applicability: 'safe' | 'unsafe';
}

export const SUCCESSORS: Readonly<Record<string, Successor>> = {
  wal_keep_segments: { to: 'wal_keep_size', convert: (n) => n * 16, conversion: 'segments × 16MB (exact)', applicability: 'safe' },
  checkpoint_segments: {
    to: 'max_wal_size',
    convert: (n) => (3 * n + 1) * 16,
    conversion: "(3 × segments + 1) × 16MB, 9.5's conversion (an estimate: max_wal_size is a soft limit of another kind)",
    applicability: 'unsafe',
  },
  force_parallel_mode: { to: 'debug_parallel_query', convert: 'same', conversion: 'same values (off, on, regress)', applicability: 'safe' },
  min_parallel_relation_size: { to: 'min_parallel_table_scan_size', convert: 'same', conversion: 'same value and unit (8kB blocks)', applicability: 'safe' },
  replication_timeout: { to: 'wal_sender_timeout', convert: 'same', conversion: 'same value and unit (ms)', applicability: 'safe' },
  unix_socket_directory: {
    to: 'unix_socket_directories',
    convert: 'same',
    conversion: 'the one directory as a one-element list (unsafe when the path has a comma, a double quote or edge blanks, which the list syntax reads differently)',
    applicability: 'safe',
  },
  trigger_file: { to: 'promote_trigger_file', convert: 'same', conversion: 'same path (only 12–15 have promote_trigger_file)', applicability: 'safe' },
};

/** The rename table of the docs. */
const SUCCESSOR_TABLE =
  '| removed | successor | value | fix |\n|---|---|---|---|\n' +
  Object.entries(SUCCESSORS)
    .map(([from, s]) => `| ${from} | ${s.to} | ${s.conversion} | ${s.applicability} |`)
    .join('\n') +
  '\n| standby_mode | none (a standby.signal file) | — | none: without the line the server would start as a primary |' +
  '\n| any other (sql_inheritance, replacement_sort_tuples, operator_precedence_warning, vacuum_cleanup_index_scale_factor, stats_temp_directory, vacuum_defer_cleanup_age, promote_trigger_file, lc_collate, lc_ctype, db_user_namespace, old_snapshot_threshold, trace_recovery_messages, …) | none | — | unsafe: remove the line |';

/** A size in MB written with the largest unit that divides it exactly (1024MB → 1GB). */
function mbText(mb: number): string {
  if (mb !== 0 && mb % (1024 * 1024) === 0) return `${mb / (1024 * 1024)}TB`;
  if (mb !== 0 && mb % 1024 === 0) return `${mb / 1024}GB`;
  return `${mb}MB`;
}

/**
 * Removed parameters whose line no fix removes: standby_mode = on meant a standby; without the line
 * (and no standby.signal) the server would start as a primary.
 */
const NO_REMOVAL = new Set(['standby_mode']);

/** The fix of a removed parameter: the rename (with its value converted), else removing the line. */
function removedFix(ctx: RuleContext, a: Assignment): Fix | undefined {
  const name = a.line.name;
  const key = name.toLowerCase();
  if (NO_REMOVAL.has(key)) return undefined;
  const remove = (why: string): Fix => ({ title: `Remove the line: ${why}`, edits: [{ loc: lineLoc(a), text: '' }], applicability: 'unsafe' });
  const s = Object.hasOwn(SUCCESSORS, key) ? SUCCESSORS[key] : undefined;
  const def = s ? lookupParam(ctx.catalog, s.to) : undefined;
  if (!s || !def) {
    const instead = Object.hasOwn(REPLACEMENTS, key) ? ` (${REPLACEMENTS[key]})` : '';
    return remove(`PostgreSQL ${ctx.major} has no successor of ${name}${instead}`);
  }
  const set = ctx.setting(s.to)?.assignment;
  if (set) return remove(`${s.to} is already set at ${set.file.path}:${lineColumn(set.file, set.line.nameStart).line}`);
  const v = a.line;
  let value: string | null = null;
  let applicability = s.applicability;
  if (s.convert === 'same') {
    value = v.raw;
    if (key === 'unix_socket_directory' && (/[,"]/.test(v.value) || v.value.trim() !== v.value)) applicability = 'unsafe';
  } else if (/^[0-9]{1,9}$/.test(v.value)) {
    value = mbText(s.convert(Number(v.value)));
  }
  // The value must be one the successor accepts in the target major.
  const input = value === null ? null : value === v.raw ? v.value : value;
  if (input === null || !parseGucValue(def, input, ctx.major).ok) {
    return remove(`its value ${boundQuote(v.raw)} does not convert to a valid ${s.to}; set ${s.to} by hand`);
  }
  const edits = [{ loc: { file: a.file.path, start: a.line.nameStart, end: a.line.nameEnd }, text: def.name }];
  if (value !== v.raw) edits.push({ loc: { file: a.file.path, start: v.valueStart, end: v.valueEnd }, text: value! });
  return {
    title: value !== v.raw ? `Rename to ${def.name} = ${value} (${v.value} ${key === 'checkpoint_segments' ? 'segments: (3 × n + 1) × 16MB' : '× 16MB segments'})` : `Rename to ${def.name}`,
    edits,
    applicability,
  };
}

/** Last major that had a parameter removed before 10 (not in any catalog we generate). */
export const REMOVED_BEFORE_10: Readonly<Record<string, string>> = {
  checkpoint_segments: '9.4',
  min_parallel_relation_size: '9.6',
  sql_inheritance: '9.6',
  custom_variable_classes: '9.1',
  unix_socket_directory: '9.2',
  replication_timeout: '9.2',
  silent_mode: '9.1',
  add_missing_from: '8.4',
  regex_flavor: '8.4',
  max_fsm_pages: '8.3',
  max_fsm_relations: '8.3',
  wal_sender_delay: '9.0',
};

/** recovery.conf parameters that were never GUCs before 12, but are not unknown either. */
const RECOVERY_ONLY = new Set(['standby_mode', 'trigger_file']);

export interface VersionFacts {
  kind: 'removed' | 'newer';
  /** e.g. "12" (last major that had it) or "13" (first that has it). */
  version: string;
}

let historyMap: ReadonlyMap<string, readonly number[]> | undefined;
let removedBefore10Map: ReadonlyMap<string, string> | undefined;

/**
 * Whether an unrecognized name exists in some other major, and which. Called for every unknown
 * name of a file (a million of them in a hostile one): Map lookups, no allocation on a miss, and
 * never a property lookup with a name the file chose (`__proto__`, `constructor`).
 */
export function versionFacts(name: string, major: number): VersionFacts | undefined {
  const key = name.toLowerCase();
  historyMap ??= new Map(Object.entries(nameHistory()));
  const majors = historyMap.get(key);
  removedBefore10Map ??= new Map(Object.entries(REMOVED_BEFORE_10));
  const removedBefore10 = removedBefore10Map.get(key);
  if (majors === undefined && removedBefore10 === undefined && !RECOVERY_ONLY.has(key)) return undefined;
  const older = (majors ?? []).filter((m) => m < major);
  const newer = (majors ?? []).filter((m) => m > major);
  if (older.length) return { kind: 'removed', version: String(Math.max(...older)) };
  if (removedBefore10 !== undefined) return { kind: 'removed', version: removedBefore10 };
  if (RECOVERY_ONLY.has(key)) return { kind: 'removed', version: '11 (recovery.conf)' };
  if (newer.length) return { kind: 'newer', version: String(Math.min(...newer)) };
  return undefined;
}

export function removedMessage(a: Assignment, major: number, facts: VersionFacts): { message: string; help?: string } {
  const name = a.line.name;
  const key = name.toLowerCase();
  if (facts.kind === 'newer') {
    return {
      message: `${name} was added in PostgreSQL ${facts.version}; PostgreSQL ${major} does not recognize it and refuses to start`,
      help: `Remove it, or set the cluster's target version (--pg-version) if this cluster runs ${facts.version} or later.`,
    };
  }
  const fix = Object.hasOwn(REPLACEMENTS, key) ? REPLACEMENTS[key] : undefined;
  return {
    message: `${name} was removed after PostgreSQL ${facts.version}; PostgreSQL ${major} does not recognize it and refuses to start`,
    ...(fix ? { help: fix[0]!.toUpperCase() + fix.slice(1) + '.' } : {}),
  };
}

export default defineRule({
  name: 'removed-setting',
  severity: 'error',
  category: 'validity',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  fixable: 'sometimes',
  docs: () => ({
    summary: 'A parameter that the target PostgreSQL version no longer (or does not yet) have',
    why:
      'An unrecognized parameter name in postgresql.conf is fatal at startup and makes a reload ignore the whole ' +
      'file. Upgrades are where this bites: wal_keep_segments became wal_keep_size in 13, force_parallel_mode ' +
      'became debug_parallel_query in 16, checkpoint_segments was replaced by max_wal_size in 9.5.\n\n' +
      'The fix renames a removed parameter to its successor, converting the value, when the successor exists in ' +
      'the target major and no file sets it yet; otherwise (no successor, or it is already set) an unsafe fix ' +
      'removes the line. WAL sizes assume the default 16MB segments (initdb --wal-segsize changes them). ' +
      'A parameter too new for the target major gets no fix: the target version may be what is wrong.\n\n' +
      SUCCESSOR_TABLE,
    invalid: ['wal_keep_segments = 64', 'checkpoint_segments = 32'],
    valid: ['wal_keep_size = 1GB', 'max_wal_size = 2GB'],
    references: [
      'https://www.postgresql.org/docs/release/',
      'https://www.postgresql.org/docs/current/runtime-config-replication.html#GUC-WAL-KEEP-SIZE',
    ],
    versions: 'removals and renames from 9.x to 18',
  }),
  check(ctx) {
    for (const a of assignmentKinds(ctx.cluster).unknown) {
      const facts = versionFacts(a.line.name, ctx.major);
      if (!facts) continue;
      const { message, help } = removedMessage(a, ctx.major, facts);
      const fix = facts.kind === 'removed' ? removedFix(ctx, a) : undefined;
      ctx.report({
        loc: { file: a.file.path, start: a.line.nameStart, end: a.line.nameEnd },
        message,
        help,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
