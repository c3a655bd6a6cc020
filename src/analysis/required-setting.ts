import type { RuleContext } from '../linter/rule.js';
import type { SettingView } from '../linter/settings.js';
import type { Loc } from '../types.js';

/**
 * Where to report a setting a checklist requires: its value when a file sets it, else the start of
 * the cluster's postgresql.conf. Undefined (nothing to report) when the cluster has no
 * postgresql.conf, and when the effective assignment is one the server rejects: the default then
 * applies, but the file does set it, and invalid-value reports that.
 */
export function requiredSettingLoc(ctx: RuleContext, s: SettingView): Loc | undefined {
  if (s.loc) return s.loc;
  const key = s.name.toLowerCase();
  if (ctx.cluster.assignments.some((a) => a.key === key && a.status === 'invalid' && !a.ignored && !a.overriddenBy)) return undefined;
  return ctx.clusterLoc();
}

/** Unit sizes in bytes or milliseconds, largest first (guc.c memory_unit_conversion_table, time_unit_conversion_table). */
const MEMORY_UNITS: readonly [string, number][] = [['TB', 1024 ** 4], ['GB', 1024 ** 3], ['MB', 1024 ** 2], ['kB', 1024], ['B', 1]];
const TIME_UNITS: readonly [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1000], ['ms', 1]];

/**
 * An integer in its parameter's base unit as SHOW and `postgres -C` print it (guc.c _ShowOption):
 * a positive value in the largest unit it is a whole multiple of (60 s → `1min`, 16384 × 8kB →
 * `128MB`); zero, negative values and unitless parameters as the bare number.
 */
export function withUnit(value: number, unit: string | null): string {
  if (!unit || !Number.isInteger(value) || value <= 0) return String(value);
  const block = unit === '8kB' ? 8192 : undefined;
  const table = block !== undefined || MEMORY_UNITS.some(([u]) => u === unit) ? MEMORY_UNITS : TIME_UNITS;
  const base = block ?? table.find(([u]) => u === unit)?.[1];
  if (base === undefined) return String(value);
  const amount = value * base;
  // Never a unit smaller than the base one (blocks of 8kB are printed in kB at least).
  const floor = block !== undefined ? 1024 : base;
  for (const [u, size] of table) if (size >= floor && amount % size === 0) return `${amount / size}${u}`;
  return `${value}${unit}`;
}

/** The value as written in the file, or the default as postgres -C prints it (strings quoted, integers with their unit). */
export function shownValue(s: SettingView): string {
  const raw = s.assignment?.line.raw;
  if (raw !== undefined) return raw;
  if (s.def.type === 'string') return quoteConf(s.canonical);
  if (s.def.type === 'integer' && typeof s.value === 'number') return withUnit(s.value, s.def.unit);
  return s.canonical;
}

/** A string as a postgresql.conf value: single-quoted, quotes doubled. */
export function quoteConf(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

/**
 * How a finding names a setting: `name = value` when a file sets it, `name (not set; the default
 * is value)` when the target major's default applies.
 */
export function settingText(s: SettingView, shown: string = shownValue(s)): string {
  return s.isDefault ? `${s.name} (not set; the default is ${shown})` : `${s.name} = ${shown}`;
}

/**
 * The common shape of a checklist's "this setting must not be X" check: when `name` has the value
 * `bad` (set, or by default), report it where it is set (or at the start of postgresql.conf) as
 * `name = value: <consequence>` with the given help.
 */
export function reportRequiredSetting(ctx: RuleContext, name: string, bad: SettingView['value'], consequence: string, help: string): void {
  const s = ctx.setting(name);
  if (!s || s.value !== bad) return;
  const loc = requiredSettingLoc(ctx, s);
  if (!loc) return;
  ctx.report({ loc, message: `${settingText(s)}: ${consequence}`, help });
}

