import { defineRule } from '../src/linter/rule.js';
import { boundQuotedIn } from '../src/linter/redact.js';
import { valueGroupKey } from '../src/analysis/template.js';
import { LOCALE_PARAMS, isUniversalLocale, splitDirectoriesString } from '../src/catalog/hooks.js';
import { parseGucValue, type ValueResult } from '../src/catalog/values.js';
import type { Assignment } from '../src/resolve/cluster.js';
import type { Fix } from '../src/types.js';
import { quoteConf, withUnit } from '../src/analysis/required-setting.js';
import { assignmentKinds } from '../src/linter/settings.js';
import type { GucDef } from '../src/catalog/types.js';

/** Library lists split only when the libraries are loaded. */
const PRELOAD_LISTS = ['shared_preload_libraries', 'session_preload_libraries', 'local_preload_libraries'];

/** The recovery target parameters of which at most one may be set (12+). */
const RECOVERY_TARGETS = ['recovery_target', 'recovery_target_lsn', 'recovery_target_name', 'recovery_target_time', 'recovery_target_xid'];

/**
 * The safe fix of a wrongly cased unit (`8mb` → `8MB`, `5Min` → `5min`), from the value parser's
 * structured 'invalid-unit' failure: only when exactly one accepted unit matches the written one
 * case-insensitively, and the corrected value is accepted by the target major.
 */
/** The compiled-in default as `postgres -C` prints it (strings quoted), for the help. */
function defaultShown(def: GucDef): string {
  if (def.type === 'string' || def.type === 'enum') return quoteConf(def.boot);
  const n = Number(def.boot);
  return def.type === 'integer' && Number.isFinite(n) ? withUnit(n, def.unit) : def.boot;
}

/** What to write instead: the units this parameter accepts, or any valid value (the default applies meanwhile). */
function valueHelp(a: Assignment, r: ValueResult, major: number): string {
  if (!r.ok && r.code === 'invalid-unit') {
    return `Write the number with a unit PostgreSQL ${major} accepts for ${a.def?.name ?? a.key}: ${[...r.units].reverse().join(', ')} (units are case-sensitive).`;
  }
  const dflt = a.def ? ` (or remove the line: the default is ${defaultShown(a.def)})` : '';
  return `Write a value PostgreSQL ${major} accepts for ${a.def?.name ?? a.key}, as the message says${dflt}.`;
}

function unitCaseFix(a: Assignment, r: ValueResult, major: Parameters<typeof parseGucValue>[2]): { fix: Fix; unit: string } | undefined {
  if (r.ok || r.code !== 'invalid-unit' || !a.def) return undefined;
  const written = r.unit;
  const lower = written.toLowerCase();
  const matches = r.units.filter((u) => u.toLowerCase() === lower);
  if (matches.length !== 1 || matches[0] === written) return undefined;
  const unit = matches[0]!;
  const input = a.line.value;
  const fixed = r.numberText + unit + input.slice(r.numberText.length + written.length);
  if (!parseGucValue(a.def, fixed, major).ok) return undefined;
  const v = a.line;
  const text = v.token === 'string' ? `'${fixed.replace(/'/g, "''")}'` : fixed;
  return {
    fix: { title: `Write the unit as ${unit}`, edits: [{ loc: { file: a.file.path, start: v.valueStart, end: v.valueEnd }, text }], applicability: 'safe' },
    unit,
  };
}

export default defineRule({
  name: 'invalid-value',
  severity: 'error',
  category: 'validity',
  precedence: 230,
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  fixable: 'sometimes',
  docs: () => ({
    summary: 'A value the target PostgreSQL version rejects',
    why:
      'PostgreSQL validates every value when it reads the file: a wrong type, an unknown or wrongly cased unit ' +
      '(`8mb`, `5m`), a number outside the allowed range, an unknown enum value, or a parameter that cannot be ' +
      'set in a file makes the server refuse to start; a reload skips just that setting and keeps the old value. ' +
      'Units are case-sensitive (`MB`, `kB`, `min`, `s`), and what is valid changes between versions. ' +
      'String values are checked as PostgreSQL\'s check hooks check them when the server reads the file (DateStyle, TimeZone and ' +
      'log_timezone against the version\'s time zone database, timezone_abbreviations, log_destination, list syntax, ' +
      'synchronous_standby_names, replication slot names, recovery_target_*, backtrace_functions, client_encoding, …), with the ' +
      'hook\'s own explanation. Locale names (lc_*) are checked with setlocale() on the server\'s machine, which the files cannot ' +
      'show: a name other than C, POSIX or C.UTF-8 gets an info finding saying so. A wrongly cased unit (`8mb`, ' +
      '`5Min`) has a safe fix that writes it as PostgreSQL spells it (`8MB`, `5min`), offered when exactly one ' +
      'accepted unit matches it case-insensitively and the corrected value is valid.',
    invalid: ['work_mem = 8mb', 'checkpoint_timeout = 5m', 'max_connections = 0', "wal_level = 'logical '", "synchronous_standby_names = 'FIRST 2 s1, s2'"],
    valid: ['work_mem = 8MB', 'checkpoint_timeout = 5min', 'max_connections = 200', 'wal_level = logical', "synchronous_standby_names = 'FIRST 2 (s1, s2)'"],
    references: [
      'https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-NAMES-VALUES',
    ],
    versions: 'all; units B (11+), us (12+), fractional values with units (12+)',
  }),
  check(ctx) {
    for (const a of assignmentKinds(ctx.cluster).invalid) {
      if (a.ignored || !a.value || a.value.ok) continue;
      const v = a.line;
      // The check hook's DETAIL (what exactly is wrong) and PostgreSQL's HINT, as the server logs them.
      const said = [a.value.detail, a.value.hint].filter((x): x is string => x !== undefined).map((x) => boundQuotedIn(x.replace(/\.$/, ''), v.value));
      const hint = said.length ? ` (${said.join('; ')})` : '';
      const unitFix = unitCaseFix(a, a.value, ctx.major);
      ctx.report({
        loc: { file: a.file.path, start: v.valueStart, end: v.valueEnd },
        ...(unitFix ? { fix: unitFix.fix } : {}),
        // PostgreSQL quotes the value whole; we quote at most QUOTE_MAX_CHARS of it.
        message: `${boundQuotedIn(a.value.message, v.value)}${hint}: PostgreSQL ${ctx.major} refuses to start with it`,
        help: valueHelp(a, a.value, ctx.major),
        group: { key: valueGroupKey(a.file.path, v.valueStart), concern: 'a value PostgreSQL rejects (invalid-value)' },
      });
    }
    // The recovery_target* assign hooks (12+): setting one kind while another is set is an ERROR,
    // FATAL in the postmaster ("multiple recovery targets specified"). Each applied assignment
    // counts, an empty one too (it unsets only its own kind; xlogrecovery.c, guc.c ≤14).
    // Two kinds are needed, each with an accepted assignment, so each in `effective` (the last
    // assignment neither unknown nor invalid of its parameter): with fewer, the whole file is not walked.
    if (ctx.major >= 12 && RECOVERY_TARGETS.filter((k) => ctx.cluster.effective.has(k)).length >= 2) {
      let current: string | null = null;
      // Only the recovery targets' assignments are sorted, not the whole file's (the same order: the sort is stable).
      const targets = ctx.cluster.assignments.filter((a) => RECOVERY_TARGETS.includes(a.key));
      for (const a of targets.sort((x, y) => x.seqno - y.seqno)) {
        if (a.status !== 'ok' || a.ignored || !a.value?.ok) continue;
        if (current !== null && current !== a.key) {
          const v = a.line;
          const names = RECOVERY_TARGETS.map((n) => (ctx.major >= 17 ? `"${n}"` : n)).join(', ');
          ctx.report({
            loc: { file: a.file.path, start: v.valueStart, end: v.valueEnd },
            message: `multiple recovery targets specified (${a.key} after ${current}; at most one of ${names} may be set): PostgreSQL ${ctx.major} refuses to start with it`,
            help: `Keep one recovery target: remove ${current} (or set it to '' before this line) or remove ${a.key}.`,
            group: { key: valueGroupKey(a.file.path, v.valueStart), concern: 'a value PostgreSQL rejects (invalid-value)' },
          });
          break; // the postmaster stops at the first one
        }
        current = String(a.value.canonical) === '' ? null : a.key;
      }
    }
    // The *_preload_libraries lists have no check hook: load_libraries splits them when it loads
    // them (shared_preload_libraries at startup, the others at each connection) and, on a syntax
    // error, logs "invalid list syntax" and loads none of them (seen on 12 and 18).
    for (const key of PRELOAD_LISTS) {
      const a = ctx.cluster.effective.get(key);
      if (!a || a.status !== 'ok' || !a.value?.ok || splitDirectoriesString(String(a.value.canonical)) !== null) continue;
      const v = a.line;
      const when = key === 'shared_preload_libraries' ? `PostgreSQL ${ctx.major} starts but loads none of these libraries` : 'no connection loads any of these libraries';
      ctx.report({
        loc: { file: a.file.path, start: v.valueStart, end: v.valueEnd },
        severity: 'warning',
        message: `invalid list syntax in parameter "${key}": ${when} (it only logs the error)`,
        help: 'Separate the library names with commas, and close every double quote ("my lib", other_lib).',
        group: { key: valueGroupKey(a.file.path, v.valueStart), concern: 'a value PostgreSQL rejects (invalid-value)' },
      });
    }
    // lc_* are checked with setlocale() on the server's machine: the files cannot show whether a
    // locale is installed there. Said once per locale name, at its first effective assignment.
    const byLocale = new Map<string, { first: (typeof ctx.cluster.assignments)[number]; params: string[] }>();
    const locales: Assignment[] = [];
    for (const key of LOCALE_PARAMS) {
      const a = ctx.cluster.effective.get(key);
      if (a !== undefined) locales.push(a);
    }
    for (const a of locales.sort((x, y) => x.seqno - y.seqno)) {
      if (a.status !== 'ok' || !a.value?.ok) continue;
      const name = String(a.value.canonical);
      if (isUniversalLocale(name)) continue;
      const seen = byLocale.get(name);
      if (seen) seen.params.push(a.key);
      else byLocale.set(name, { first: a, params: [a.key] });
    }
    for (const [name, { first, params }] of byLocale) {
      const v = first.line;
      ctx.report({
        loc: { file: first.file.path, start: v.valueStart, end: v.valueEnd },
        severity: 'info',
        message: boundQuotedIn(
          `locale "${name}" (${params.join(', ')}) cannot be checked from the files: PostgreSQL ${ctx.major} checks it with setlocale() on the server and refuses to start if that machine lacks it`,
          name,
        ),
        help: boundQuotedIn(`Make sure "${name}" is installed on every server that uses these files (\`locale -a\` lists them), or use C, POSIX or C.UTF-8, which every Linux server has.`, name),
      });
    }
  },
});
