/**
 * Value parsing for postgresql.conf settings, as guc.c's parse_and_validate_value does it for
 * each major: the canonical value `postgres -C` prints, or the exact LOG message PostgreSQL
 * writes. Pure functions; they never throw.
 */
import type { GucDef, Major } from './types.js';
import { formatG, isCSpace, rint, strtod, strtol } from './format.js';
import type { PrintfFlavor } from './format.js';
import { splitQuotedList } from '../parse/guc-list.js';

export type ValueResult =
  | { ok: true; value: boolean | number | string; canonical: string }
  | { ok: false; message: string; detail?: string; hint?: string };

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

/** String parameters whose check hook depends on the machine (locales, installed libraries,
 * share/ files, ulimits), so a value can only be judged on the target server. */
export const MACHINE_DEPENDENT_PARAMS: readonly string[] = [
  'lc_messages', 'lc_monetary', 'lc_numeric', 'lc_time',
  'shared_preload_libraries', 'local_preload_libraries', 'session_preload_libraries',
  'dynamic_library_path', 'timezone_abbreviations', 'default_text_search_config',
  'max_stack_depth', 'debug_io_direct',
];

/** Parameters with a check hook that is not emulated here although it could be. */
export const UNEMULATED_CHECK_PARAMS: readonly string[] = [
  'client_encoding', 'recovery_target', 'recovery_target_lsn', 'recovery_target_name',
  'recovery_target_time', 'recovery_target_xid', 'restrict_nonsystem_relation_kind',
  'createrole_self_grant', 'ssl_groups', 'ssl_ecdh_curve', 'synchronized_standby_slots',
  'synchronous_standby_names', 'backtrace_functions', 'debug_io_direct',
];

/** Set at PGC_S_OVERRIDE after the files are read: validated, then silently replaced. */
const FORCED_DEFAULT = new Set(['transaction_isolation', 'transaction_read_only', 'transaction_deferrable']);

/** GUC_IS_NAME string parameters (found by probing -C with an 80-byte value on 12 and 18). */
const IS_NAME = new Set(['application_name', 'cluster_name', 'default_table_access_method', 'default_tablespace']);

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

function fail(message: string, hint?: string, detail?: string): ValueResult {
  const r: { ok: false; message: string; detail?: string; hint?: string } = { ok: false, message };
  if (detail !== undefined) r.detail = detail;
  if (hint !== undefined) r.hint = hint;
  return r;
}

function invalid(name: string, input: string, hint?: string, detail?: string): ValueResult {
  return fail(`invalid value for parameter "${name}": "${input}"`, hint, detail);
}

// ---- booleans

/** parse_bool_with_len (adt/bool.c): a case-insensitive prefix of true/false/yes/no, at least
 * two characters of on/off, or exactly 1/0. The input is not trimmed. */
export function parseBool(value: string): boolean | null {
  const v = asciiLower(value);
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
  if (kind === 'memory') return MEMORY_UNITS.filter((u) => u !== 'B' || major >= 11);
  if (kind === 'time') return TIME_UNITS.filter((u) => u !== 'us' || major >= 12);
  return [];
}

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
  if (typeof r !== 'number') return invalid(shown, input, r.hint);
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

type NumFail = { hint?: string };

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
    if (c === null) return { hint: unitsHint(unit, major) };
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
  if (c === null) return { hint: unitsHint(unit, major) };
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
      if (c === null) return invalid(shown, input, unitsHint(def.unit, major));
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
  const lower = asciiLower(input);
  // enumAliases first: some listed spellings print as another value (wal_compression on -> pglz).
  const value = def.enumAliases[lower] ?? def.enumValues.find((v) => asciiLower(v) === lower);
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
  let bytes = Buffer.from(input, enc);
  if (IS_NAME.has(key)) bytes = bytes.subarray(0, 63);
  let value = bytes.toString(enc);
  // check_application_name / check_cluster_name: non-printable ASCII is replaced by "?" (≤15)
  // or escaped as \xNN (16+, pg_clean_ascii).
  if (key === 'application_name' || key === 'cluster_name') value = cleanAscii(bytes, major);
  const ok = (canonical: string): ValueResult => ({ ok: true, value: canonical, canonical });
  // Check hooks report with the record's own name in every major (call_string_check_hook).
  const bad = (detail?: string, hint?: string) => invalid(def.name, value, hint, detail);
  switch (key) {
    case 'timezone':
    case 'log_timezone': {
      const r = checkTimezone(value, extras.timezones);
      return r === true ? ok(value) : bad(r === false ? undefined : r);
    }
    case 'log_destination': {
      const words = new Set(['stderr', 'csvlog', 'syslog', ...(major >= 15 ? ['jsonlog'] : [])]);
      const list = splitIdentifierString(value, enc);
      if (list === null) return bad('List syntax is invalid.');
      const unknown = list.find((t) => !words.has(asciiLower(t)));
      return unknown === undefined ? ok(value) : bad(`Unrecognized key word: "${unknown}".`);
    }
    case 'datestyle': {
      const r = checkDateStyle(value, major, enc);
      return r.ok ? ok(r.canonical) : bad(r.detail);
    }
    case 'wal_consistency_checking': {
      const list = splitIdentifierString(value, enc);
      if (list === null) return bad('List syntax is invalid.');
      // From 15 unknown names may be custom resource managers loaded later, so they pass here.
      const unknown = major >= 15 ? undefined : list.find((t) => !RMGRS_WITH_MASK.has(asciiLower(t)));
      return unknown === undefined ? ok(value) : bad(`Unrecognized key word: "${unknown}".`);
    }
    case 'log_connections': {
      const detail = checkLogConnections(value, enc);
      return detail === null ? ok(value) : bad(detail);
    }
    case 'primary_slot_name': {
      const detail = value === '' ? null : checkSlotName(value, enc);
      if (detail === null) return ok(value);
      // ≤12 logged the reason as a separate WARNING, the LOG line itself has no detail; from 13
      // it is the DETAIL and HINT of the LOG line (seen on 12-16).
      return major >= 13 ? bad(detail.detail, detail.hint) : bad();
    }
    case 'search_path':
    case 'temp_tablespaces':
      // temp_tablespaces: '' is fine, and names are only looked up inside a transaction.
      return splitIdentifierString(value, enc) === null ? bad('List syntax is invalid.') : ok(value);
    case 'transaction_isolation':
      // ≤11 it is a string with check_XactIsoLevel: exact, case-sensitive spellings (seen on
      // 10/11: "SERIALIZABLE" and "serializable " are rejected). 12+ it is an enum.
      return TRANSACTION_ISOLATION.includes(value) ? ok(value) : bad();
    case 'default_table_access_method':
      // check_default_table_access_method (12+): the name is looked up only in a transaction, but
      // the empty string is always rejected; 17 started quoting the name. (default_tablespace has
      // no such check: '' means the database's default, seen on 10-18.)
      return value === '' ? bad(major >= 17 ? '"default_table_access_method" cannot be empty.' : 'default_table_access_method cannot be empty.') : ok(value);
    case 'role':
      // check_role cannot look up roles outside a transaction, so only "none" passes at startup.
      return value === 'none' ? ok(value) : bad();
    case 'session_authorization':
      return bad();
    default:
      return ok(value);
  }
}

/** check_XactIsoLevel (≤11) compares with strcmp. */
const TRANSACTION_ISOLATION = ['serializable', 'repeatable read', 'read committed', 'read uncommitted', 'default'];

/** Resource managers with an rm_mask function, i.e. valid wal_consistency_checking names (≤14). */
const RMGRS_WITH_MASK = new Set(['all', 'heap2', 'heap', 'btree', 'hash', 'gin', 'gist', 'sequence', 'spgist', 'brin', 'generic']);

function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function clipBytes(s: string, max: number, enc: 'utf8' | 'latin1'): string {
  const bytes = Buffer.from(s, enc);
  return bytes.length <= max ? s : bytes.subarray(0, max).toString(enc);
}

function cleanAscii(bytes: Uint8Array, major: Major): string {
  let out = '';
  for (const b of bytes) {
    if (b >= 32 && b <= 126) out += String.fromCharCode(b);
    else out += major >= 16 ? '\\x' + b.toString(16).padStart(2, '0') : '?';
  }
  return out;
}

/** SplitIdentifierString (utils/adt/varlena.c) with ',' as separator: unquoted names are
 * down-cased, quoted ones keep case with "" collapsed; null on a syntax error. */
export function splitIdentifierString(raw: string, enc: 'utf8' | 'latin1' = 'utf8'): string[] | null {
  const entries = splitQuotedList(raw);
  return entries && entries.map((e) => clipBytes(e.quoted ? e.name : asciiLower(e.name), 63, enc));
}

/** check_datestyle (commands/variable.c), starting from the boot value "ISO, MDY". */
function checkDateStyle(value: string, major: Major, enc: 'utf8' | 'latin1'): { ok: true; canonical: string } | { ok: false; detail: string } {
  const list = splitIdentifierString(value, enc);
  if (list === null) return { ok: false, detail: 'List syntax is invalid.' };
  let style = 'ISO';
  let order = 'MDY';
  let haveStyle = false;
  let haveOrder = false;
  let conflict = false;
  const setStyle = (s: string) => {
    if (haveStyle && style !== s) conflict = true;
    style = s;
    haveStyle = true;
  };
  const setOrder = (o: string) => {
    if (haveOrder && order !== o) conflict = true;
    order = o;
    haveOrder = true;
  };
  for (const tok of list) {
    const t = asciiLower(tok);
    if (t === 'iso') setStyle('ISO');
    else if (t === 'sql') setStyle('SQL');
    else if (t.startsWith('postgres')) setStyle('Postgres');
    else if (t === 'german') {
      setStyle('German');
      if (!haveOrder) order = 'DMY';
    } else if (t === 'ymd') setOrder('YMD');
    else if (t === 'dmy' || t.startsWith('euro')) setOrder('DMY');
    else if (t === 'mdy' || t === 'us' || t.startsWith('noneuro')) setOrder('MDY');
    else if (t === 'default') {
      // DEFAULT re-parses the reset value, "ISO, MDY", for whatever was not given explicitly.
      if (!haveStyle) style = 'ISO';
      if (!haveOrder) order = 'MDY';
    } else return { ok: false, detail: `Unrecognized key word: "${tok}".` };
  }
  if (conflict) {
    return { ok: false, detail: `Conflicting "${major >= 18 ? 'DateStyle' : 'datestyle'}" specifications.` };
  }
  return { ok: true, canonical: `${style}, ${order}` };
}

/** check_log_connections (PG18): the old boolean spellings alone, or a list of aspects. */
function checkLogConnections(value: string, enc: 'utf8' | 'latin1'): string | null {
  const list = splitIdentifierString(value, enc);
  if (list === null) return 'Invalid list syntax in parameter "log_connections".';
  if (list.length === 0) return null;
  const compat = ['off', 'false', 'no', '0', 'on', 'true', 'yes', '1'];
  if (compat.includes(asciiLower(list[0]))) {
    return list.length > 1 ? `Cannot specify log_connections option "${list[0]}" in a list with other options.` : null;
  }
  const aspects = ['receipt', 'authentication', 'authorization', 'setup_durations', 'all'];
  const unknown = list.find((t) => !aspects.includes(asciiLower(t)));
  return unknown === undefined ? null : `Invalid option "${unknown}".`;
}

/** ReplicationSlotValidateName. */
function checkSlotName(name: string, enc: 'utf8' | 'latin1'): { detail: string; hint?: string } | null {
  if (Buffer.byteLength(name, enc) >= 64) return { detail: `replication slot name "${name}" is too long` };
  if (!/^[a-z0-9_]*$/.test(name)) {
    return {
      detail: `replication slot name "${name}" contains invalid character`,
      hint: 'Replication slot names may only contain lower case letters, numbers, and the underscore character.',
    };
  }
  return null;
}

// ---- time zones (check_timezone, pg_tzset, tzparse)

const upperCased = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();

/** The names upper-cased, computed once per set: a case-insensitive lookup in O(1), not a scan of ~600 names. */
function upperCaseNames(names: ReadonlySet<string>): ReadonlySet<string> {
  let u = upperCased.get(names);
  if (!u) upperCased.set(names, (u = new Set(Array.from(names, (n) => n.toUpperCase()))));
  return u;
}

/** true when accepted, false when rejected without detail, or the DETAIL text. */
function checkTimezone(value: string, names: ReadonlySet<string> | undefined): true | false | string {
  if (asciiLower(value).startsWith('interval')) {
    // INTERVAL '…': only the quoting is checked here; the interval itself is not parsed.
    let i = 8;
    while (isCSpace(value[i])) i++;
    if (value[i] !== "'") return false;
    const close = value.indexOf("'", i + 1);
    return close === value.length - 1;
  }
  const n = strtod(value);
  if (n.end !== 0 && n.end === value.length) {
    // A number of hours; pg_tzset_offset builds "<+hh>-hh", whose hours must be ≤ 167.
    const seconds = Math.trunc(-n.value * 3600);
    return Number.isFinite(seconds) && Math.abs(seconds) < 168 * 3600 ? true : 'UTC timezone offset is out of range.';
  }
  if (value === '' || value.length > 255) return false;
  const upper = value.toUpperCase();
  if (upper === 'GMT') return true;
  if (names !== undefined && upperCaseNames(names).has(upper)) return true;
  if (upper[0] !== ':' && isPosixTz(upper)) return true;
  return names === undefined;
}

/** tzparse (timezone/localtime.c) as PostgreSQL calls it: "STDoffset[DST[offset][,rule,rule]]",
 * names either <quoted> or runs of non-digits other than , + -; an empty STD name is allowed. */
export function isPosixTz(spec: string): boolean {
  let i = 0;
  const name = (): boolean => {
    if (spec[i] === '<') {
      const close = spec.indexOf('>', i + 1);
      if (close < 0) return false;
      i = close + 1;
      return true;
    }
    while (i < spec.length && !/[0-9,+-]/.test(spec[i])) i++;
    return true;
  };
  const num = (min: number, max: number): boolean => {
    const m = /^\d+/.exec(spec.slice(i));
    if (!m) return false;
    const v = Number(m[0]);
    i += m[0].length;
    return v >= min && v <= max;
  };
  const secs = (): boolean => {
    if (!num(0, 24 * 7 - 1)) return false;
    if (spec[i] === ':') {
      i++;
      if (!num(0, 59)) return false;
      if (spec[i] === ':') {
        i++;
        if (!num(0, 60)) return false;
      }
    }
    return true;
  };
  const offset = (): boolean => {
    if (spec[i] === '-' || spec[i] === '+') i++;
    return secs();
  };
  const rule = (): boolean => {
    if (spec[i] === 'J') {
      i++;
      if (!num(1, 365)) return false;
    } else if (spec[i] === 'M') {
      i++;
      if (!num(1, 12) || spec[i++] !== '.' || !num(1, 5) || spec[i++] !== '.' || !num(0, 6)) return false;
    } else if (!num(0, 365)) return false;
    if (spec[i] === '/') {
      i++;
      return offset();
    }
    return true;
  };
  if (!name() || i === spec.length || !offset()) return false;
  if (i === spec.length) return true;
  const dstStart = i;
  if (!name()) return false;
  if (i === dstStart || (spec[dstStart] === '<' && i === dstStart + 2)) return false;
  if (i < spec.length && spec[i] !== ',' && spec[i] !== ';' && !offset()) return false;
  if (i === spec.length) return true;
  if (spec[i] !== ',' && spec[i] !== ';') return false;
  i++;
  if (!rule() || spec[i++] !== ',' || !rule()) return false;
  return i === spec.length;
}
