/**
 * Value parsing for postgresql.conf settings, as guc.c's parse_and_validate_value does it for
 * each major: the canonical value `postgres -C` prints, or the exact LOG message PostgreSQL
 * writes. Pure functions; they never throw.
 */
import type { GucDef, Major } from './types.js';
import { formatG, isCSpace, rint, strtod, strtol } from './format.js';
import type { PrintfFlavor } from './format.js';
import { foldName } from './catalog.js';
import { stringHookFor } from './hooks.js';

export { isPosixTz, splitIdentifierString } from './hooks.js';

export type ValueResult = { ok: true; value: boolean | number | string; canonical: string } | ValueError;

/**
 * A rejected value: PostgreSQL's message, DETAIL and HINT, and, for the failures tools act on, a
 * stable `code` with structured data (never parse the message to learn what went wrong).
 */
export type ValueError = { ok: false; message: string; detail?: string; hint?: string } & (
  | { code?: undefined }
  | {
      /** A number with a unit this parameter does not accept (unknown, or wrongly cased: `8mb`, `5Min`). */
      code: 'invalid-unit';
      /** The units the parameter accepts in this major, as PostgreSQL's HINT lists them. */
      units: readonly string[];
      /** The unit as written (the text after the number and any blanks, trailing blanks left out). */
      unit: string;
      /** The input before the unit: the number and any blanks between; the unit follows it in the input. */
      numberText: string;
    }
);

/** The data of an 'invalid-unit' failure. */
type UnitFailure = { units: readonly string[]; unit: string; numberText: string };

export interface ValueExtras {
  /** Time zone names known to the server (its share/timezone tree); matched case-insensitively.
   * Without it, names that are not POSIX-style specs are accepted unjudged. */
  timezones?: ReadonlySet<string>;
  /** The parameter name as spelled in the file. Up to 17 guc.c reports parse and range errors
   * with this spelling; 18 uses the canonical name. */
  writtenName?: string;
  /** How the file's bytes became `input` (SourceFile.encoding). The server works on bytes: with
   * 'latin1' every char U+0000–U+00FF of the value is one byte of the file, and string values
   * are byte-truncated, escaped and returned in that encoding. Default 'utf8'. */
  encoding?: 'utf8' | 'latin1';
}

/** String parameters whose value only the target machine can judge: locales (setlocale), and
 * libraries loaded at startup (no check hook, but a missing one stops the server). */
export const MACHINE_DEPENDENT_PARAMS: readonly string[] = [
  'lc_messages', 'lc_monetary', 'lc_numeric', 'lc_time',
  'shared_preload_libraries', 'local_preload_libraries', 'session_preload_libraries',
  'dynamic_library_path', 'max_stack_depth',
];

/** Parameters whose check hook is emulated only in part (see src/catalog/hooks.ts): values the
 * emulation does not parse pass unjudged, so generated arbitrary strings say nothing. */
export const UNEMULATED_CHECK_PARAMS: readonly string[] = ['recovery_target_time'];

/** Set at PGC_S_OVERRIDE after the files are read: validated, then silently replaced. */
const FORCED_DEFAULT = new Set(['transaction_isolation', 'transaction_read_only', 'transaction_deferrable']);

/** GUC_IS_NAME string parameters (found by probing -C with an 80-byte value on 12 and 18;
 * client_encoding shows it only with a valid name followed by blanks: 'UTF8' + 70 blanks is UTF8). */
const IS_NAME = new Set(['application_name', 'client_encoding', 'cluster_name', 'default_table_access_method', 'default_tablespace']);

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;
const DBL_MAX_AS_PRINTED = 1.79769e308;

export function parseGucValue(def: GucDef, input: string, major: Major, extras: ValueExtras = {}): ValueResult {
  const key = def.name.toLowerCase();
  // Up to 17 set_config_option reports with the name as looked up; 18 with the record's name.
  const shown = major >= 18 ? def.name : (extras.writtenName ?? def.name);
  if (def.context === 'internal') return fail(`parameter "${shown}" cannot be changed`);
  const parsed = parseTyped(def, input, major, shown, extras);
  if (!parsed.ok || !FORCED_DEFAULT.has(key)) return parsed;
  const boot = parseTyped(def, def.boot, major, shown, extras);
  return boot.ok ? boot : parsed;
}

function parseTyped(def: GucDef, input: string, major: Major, shown: string, extras: ValueExtras): ValueResult {
  switch (def.type) {
    case 'bool':
      return parseBoolGuc(def, input, major, shown);
    case 'integer':
      return parseIntGuc(def, input, major, shown);
    case 'real':
      return parseRealGuc(def, input, major, shown);
    case 'enum':
      return parseEnumGuc(def, input, shown);
    case 'string':
      return parseStringGuc(def, input, major, extras);
  }
}

function fail(message: string, hint?: string, detail?: string, unit?: UnitFailure): ValueResult {
  const r: ValueError = unit ? { ok: false, message, code: 'invalid-unit', ...unit } : { ok: false, message };
  if (detail !== undefined) r.detail = detail;
  if (hint !== undefined) r.hint = hint;
  return r;
}

function invalid(name: string, input: string, hint?: string, detail?: string, unit?: UnitFailure): ValueResult {
  return fail(`invalid value for parameter "${name}": "${input}"`, hint, detail, unit);
}

/** The 'invalid-unit' data for `input`, whose unit starts at `at`. */
function unitFailure(input: string, at: number, base: string, major: Major): UnitFailure {
  let end = input.length;
  while (end > at && isCSpace(input[end - 1])) end--;
  return { units: [...unitTable(base, major)], unit: input.slice(at, end), numberText: input.slice(0, at) };
}

// ---- booleans

/** parse_bool_with_len (adt/bool.c): a case-insensitive prefix of true/false/yes/no, at least
 * two characters of on/off, or exactly 1/0. The input is not trimmed. */
export function parseBool(value: string): boolean | null {
  const v = foldName(value);
  const prefixOf = (word: string, minLen: number) => v.length >= minLen && word.startsWith(v);
  switch (v[0]) {
    case 't': return prefixOf('true', 1) ? true : null;
    case 'f': return prefixOf('false', 1) ? false : null;
    case 'y': return prefixOf('yes', 1) ? true : null;
    case 'n': return prefixOf('no', 1) ? false : null;
    case 'o': return prefixOf('on', 2) ? true : prefixOf('off', 2) ? false : null;
    case '1': return v.length === 1 ? true : null;
    case '0': return v.length === 1 ? false : null;
    default: return null;
  }
}

function parseBoolGuc(def: GucDef, input: string, major: Major, shown: string): ValueResult {
  const b = parseBool(input);
  if (b === null) return fail(`parameter "${shown}" requires a Boolean value`);
  // check_default_with_oids (12+): WITH OIDS is gone, only off is accepted.
  if (b && major >= 12 && def.name.toLowerCase() === 'default_with_oids') {
    return fail('tables declared WITH OIDS are not supported');
  }
  // check_bonjour: only builds configured --with-bonjour (macOS) accept on. Linux builds, which
  // are what we judge for, say so for any true spelling (every major, seen on 10-18).
  if (b && def.name.toLowerCase() === 'bonjour') return fail('Bonjour is not supported by this build');
  return { ok: true, value: b, canonical: b ? 'on' : 'off' };
}

// ---- units (convert_to_base_unit)

const MEMORY_UNITS = ['TB', 'GB', 'MB', 'kB', 'B'] as const;
const TIME_UNITS = ['d', 'h', 'min', 's', 'ms', 'us'] as const;

/** Bytes (memory) or microseconds (time) in one base unit; BLCKSZ and XLOG_BLCKSZ are 8192.
 * Integer sizes make every multiplier come out as the same double as guc.c's constant. */
const BASE_SIZE: Record<string, { kind: 'memory' | 'time'; size: number }> = {
  B: { kind: 'memory', size: 1 },
  kB: { kind: 'memory', size: 1024 },
  MB: { kind: 'memory', size: 1024 * 1024 },
  '8kB': { kind: 'memory', size: 8192 },
  ms: { kind: 'time', size: 1e3 },
  s: { kind: 'time', size: 1e6 },
  min: { kind: 'time', size: 60e6 },
};
const UNIT_SIZE: Record<string, number> = {
  TB: 1024 ** 4, GB: 1024 ** 3, MB: 1024 ** 2, kB: 1024, B: 1,
  d: 86400e6, h: 3600e6, min: 60e6, s: 1e6, ms: 1e3, us: 1,
};

/** Units a parameter's base unit accepts in this major: "B" arrived in 11, "us" in 12. */
function unitTable(base: string, major: Major): readonly string[] {
  const kind = BASE_SIZE[base]?.kind;
  if (kind === 'memory') return major >= 11 ? MEMORY_UNITS : MEMORY_UNITS_10;
  if (kind === 'time') return major >= 12 ? TIME_UNITS : TIME_UNITS_11;
  return [];
}
const MEMORY_UNITS_10 = MEMORY_UNITS.filter((u) => u !== 'B');
const TIME_UNITS_11 = TIME_UNITS.filter((u) => u !== 'us');

function unitsHint(base: string, major: Major): string {
  if (BASE_SIZE[base]?.kind === 'memory') {
    return major >= 11
      ? 'Valid units for this parameter are "B", "kB", "MB", "GB", and "TB".'
      : 'Valid units for this parameter are "kB", "MB", "GB", and "TB".';
  }
  return major >= 12
    ? 'Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".'
    : 'Valid units for this parameter are "ms", "s", "min", "h", and "d".';
}

/** The ≤3-character unit at the start of `rest`, which may only be followed by whitespace. */
function takeUnit(rest: string): string | null {
  let i = 0;
  while (i < rest.length && i < 3 && !isCSpace(rest[i])) i++;
  const unit = rest.slice(0, i);
  while (isCSpace(rest[i])) i++;
  return i === rest.length ? unit : null;
}

/** The multiplier from `unit` to the base unit, exactly as guc.c's double table computes it. */
function multiplier(unit: string, base: string): number {
  const baseSize = BASE_SIZE[base].size;
  const size = UNIT_SIZE[unit];
  // Keep the table's own operand order so the doubles match bit for bit.
  return size >= baseSize ? size / baseSize : 1 / (baseSize / size);
}

/** PG12+ convert_to_base_unit: multiply, then pre-round to the next smaller unit of the table
 * ("30.1GB" is 30822MB, not 32319628902B). */
function convertDouble(value: number, rest: string, base: string, major: Major): number | null {
  const unit = takeUnit(rest);
  const table = unitTable(base, major);
  const i = unit === null ? -1 : table.indexOf(unit);
  if (unit === null || i < 0) return null;
  const cvalue = value * multiplier(unit, base);
  const next = table[i + 1];
  if (next === undefined) return cvalue;
  const m = multiplier(next, base);
  return rint(cvalue / m) * m;
}

/** ≤11 convert_to_base_unit: int64 arithmetic, dividing (truncating) for smaller units. */
function convertInt(value: number, unit: string, base: string, major: Major): number | null {
  if (!unitTable(base, major).includes(unit)) return null;
  const baseSize = BASE_SIZE[base].size;
  const size = UNIT_SIZE[unit];
  return size >= baseSize ? value * (size / baseSize) : Math.trunc(value / (baseSize / size));
}

// ---- integers

function parseIntGuc(def: GucDef, input: string, major: Major, shown: string): ValueResult {
  const r = major >= 12 ? parseInt12(input, def.unit, major) : parseInt10(input, def.unit, major);
  if (typeof r !== 'number') return invalid(shown, input, r.hint, undefined, r.unit);
  const min = def.min ?? INT_MIN;
  const max = def.max ?? INT_MAX;
  if (r < min || r > max) return fail(rangeMessage(String(r), String(min), String(max), def.unit, shown, major));
  let value = r;
  const key = def.name.toLowerCase();
  // check_wal_buffers: anything below 4 except -1 (auto) becomes 4.
  if (key === 'wal_buffers' && value !== -1 && value < 4) value = 4;
  // check_autovacuum_work_mem: anything below the floor except -1 (use maintenance_work_mem) is
  // raised to it: 1 MB up to 16, 64 kB from 17 (seen on 12, 16 and 18; 17 assumed with 18).
  const avFloor = major >= 17 ? 64 : 1024;
  if (key === 'autovacuum_work_mem' && value !== -1 && value < avFloor) value = avFloor;
  const detail = intCheckHook(key, def.name, value, major);
  // call_int_check_hook reports the record's name and the value as %d, after the range check.
  if (detail !== null) return fail(`invalid value for parameter "${def.name}": ${value}`, undefined, detail);
  return { ok: true, value, canonical: String(value) };
}

/** SLRU buffer counts (17+): each has a hook calling check_slru_buffers(name, newval). */
const SLRU_BUFFERS = new Set([
  'commit_timestamp_buffers', 'multixact_member_buffers', 'multixact_offset_buffers', 'notify_buffers',
  'serializable_buffers', 'subtransaction_buffers', 'transaction_buffers',
]);

/** Integer check hooks that can reject a value in range: the DETAIL, or null when accepted. */
function intCheckHook(key: string, name: string, value: number, major: Major): string | null {
  // check_slru_buffers: a multiple of SLRU_BANK_SIZE (16); 0 (auto, where the minimum allows
  // it) passes. The DETAIL gained its final period in 18 (seen on 17 and 18).
  if (major >= 17 && SLRU_BUFFERS.has(key) && value % 16 !== 0) {
    return `"${name}" must be a multiple of 16${major >= 18 ? '.' : ''}`;
  }
  // check_vacuum_buffer_usage_limit (16+): 0 disables the ring, else MIN_BAS_VAC_RING_SIZE_KB
  // (128) to MAX_BAS_VAC_RING_SIZE_KB (16 GB); checked after rounding ('65.5kB' is 66). The
  // DETAIL gained its final period in 18 (seen on 16 and 18).
  if (major >= 16 && key === 'vacuum_buffer_usage_limit' && value !== 0 && (value < 128 || value > 16777216)) {
    return `"${name}" must be 0 or between 128 kB and 16777216 kB${major >= 18 ? '.' : ''}`;
  }
  // check_io_max_concurrency (18): -1 means auto, 0 is not allowed.
  if (major >= 18 && key === 'io_max_concurrency' && value === 0) return 'Only -1 or values bigger than 0 are valid.';
  return null;
}

type NumFail = { hint?: string; unit?: UnitFailure };

/** PG12+ parse_int: strtol base 0, re-parsed with strtod when it stops at . e E or overflows. */
function parseInt12(input: string, unit: string | null, major: Major): number | NumFail {
  let n = strtol(input);
  const stop = input[n.end];
  if (stop === '.' || stop === 'e' || stop === 'E' || n.erange) n = strtod(input);
  if (n.end === 0 || n.erange || Number.isNaN(n.value)) return {};
  let end = n.end;
  while (isCSpace(input[end])) end++;
  let val = n.value;
  if (end < input.length) {
    if (unit === null) return {};
    const c = convertDouble(val, input.slice(end), unit, major);
    if (c === null) return { hint: unitsHint(unit, major), unit: unitFailure(input, end, unit, major) };
    val = c;
  }
  val = rint(val);
  if (val > INT_MAX || val < INT_MIN) return { hint: 'Value exceeds integer range.' };
  return val;
}

/** ≤11 parse_int: strtol only, no fractions, units by int64 arithmetic. */
function parseInt10(input: string, unit: string | null, major: Major): number | NumFail {
  const n = strtol(input);
  if (n.end === 0) return {};
  const exceeds = { hint: 'Value exceeds integer range.' };
  const fitsInt = (v: number) => v >= INT_MIN && v <= INT_MAX;
  if (n.erange || !fitsInt(n.value)) return exceeds;
  let end = n.end;
  while (isCSpace(input[end])) end++;
  if (end === input.length) return n.value;
  if (unit === null) return {};
  const u = takeUnit(input.slice(end));
  const c = u === null ? null : convertInt(n.value, u, unit, major);
  if (c === null) return { hint: unitsHint(unit, major), unit: unitFailure(input, end, unit, major) };
  return fitsInt(c) ? c : exceeds;
}

/** "<v> is outside the valid range …": units on the value from 12, on the bounds too from 17. */
function rangeMessage(v: string, min: string, max: string, unit: string | null, name: string, major: Major): string {
  const u = unit !== null && major >= 12 ? ' ' + unit : '';
  const bu = major >= 17 ? u : '';
  return `${v}${u} is outside the valid range for parameter "${name}" (${min}${bu} .. ${max}${bu})`;
}

// ---- reals

function parseRealGuc(def: GucDef, input: string, major: Major, shown: string): ValueResult {
  const flavor: PrintfFlavor = major >= 12 ? 'pg' : 'glibc';
  const n = strtod(input);
  let end = n.end;
  while (isCSpace(input[end])) end++;
  let val = n.value;
  if (major <= 11) {
    // parse_real ≤11: no units; NaN is rejected too (backpatched to the 10/11 minors, seen on
    // 10.23 and 11.22: 'nan', 'NaN' and '-nan' all "require a numeric value").
    if (n.end === 0 || n.erange || end < input.length || Number.isNaN(val)) {
      return fail(`parameter "${shown}" requires a numeric value`);
    }
  } else {
    if (n.end === 0 || n.erange || Number.isNaN(val)) return invalid(shown, input);
    if (end < input.length) {
      if (def.unit === null) return invalid(shown, input);
      const c = convertDouble(val, input.slice(end), def.unit, major);
      if (c === null) return invalid(shown, input, unitsHint(def.unit, major), undefined, unitFailure(input, end, def.unit, major));
      val = c;
    }
  }
  const min = def.min ?? -Number.MAX_VALUE;
  // pg_settings prints DBL_MAX with %g; read back it would reject values just below DBL_MAX.
  const max = def.max === null || def.max >= DBL_MAX_AS_PRINTED ? Number.MAX_VALUE : def.max;
  if (val < min || val > max) {
    const g = (x: number) => formatG(x, flavor);
    return fail(rangeMessage(g(val), g(min), g(max), def.unit, shown, major));
  }
  return { ok: true, value: val, canonical: formatG(val, flavor) };
}

// ---- enums

/** config_enum_lookup_by_name: pg_strcasecmp, no trimming, no prefixes; hidden aliases too. */
function parseEnumGuc(def: GucDef, input: string, shown: string): ValueResult {
  const lower = foldName(input);
  // enumAliases first: some listed spellings print as another value (wal_compression on -> pglz).
  const value = def.enumAliases[lower] ?? def.enumValues.find((v) => foldName(v) === lower);
  if (value !== undefined) return { ok: true, value, canonical: value };
  const hint = def.enumValues.length > 0 ? `Available values: ${def.enumValues.join(', ')}.` : undefined;
  return invalid(shown, input, hint);
}

// ---- strings

function parseStringGuc(def: GucDef, input: string, major: Major, extras: ValueExtras): ValueResult {
  const key = def.name.toLowerCase();
  const enc = extras.encoding ?? 'utf8';
  // The file's own bytes: a Latin-1-decoded file maps each char back to one byte.
  // truncate_identifier in the postmaster (SQL_ASCII) clips bytes, possibly mid-character.
  // An ASCII value is its own bytes in either encoding, and only a GUC_IS_NAME one is clipped.
  let value = input;
  if (IS_NAME.has(key) || !ASCII.test(input)) {
    let bytes = Buffer.from(input, enc);
    if (IS_NAME.has(key)) bytes = bytes.subarray(0, 63);
    value = bytes.toString(enc);
    // check_application_name / check_cluster_name: non-printable ASCII is replaced by "?" (≤15)
    // or escaped as \xNN (16+, pg_clean_ascii).
    if (key === 'application_name' || key === 'cluster_name') value = cleanAscii(bytes, major);
  }
  const hook = stringHookFor(key, major);
  if (!hook) return { ok: true, value, canonical: value };
  const r = hook.check({ value, major, enc, ...(extras.timezones ? { timezones: extras.timezones } : {}) });
  if (r.ok) {
    const canonical = r.canonical ?? value;
    return { ok: true, value: canonical, canonical };
  }
  // A hook's own message (GUC_check_errmsg, or an ERROR) replaces the LOG line; otherwise the
  // line names the record's own name in every major (call_string_check_hook).
  if (r.message !== undefined) return fail(r.message, r.hint, r.detail);
  return invalid(def.name, value, r.hint, r.detail);
}

const ASCII = /^[\x00-\x7f]*$/;

function cleanAscii(bytes: Uint8Array, major: Major): string {
  let out = '';
  for (const b of bytes) {
    if (b >= 32 && b <= 126) out += String.fromCharCode(b);
    else out += major >= 16 ? '\\x' + b.toString(16).padStart(2, '0') : '?';
  }
  return out;
}
