/**
 * The check hooks of PostgreSQL's string parameters that the files alone decide, as a table:
 * parameter -> hook, from which major. Each hook says what the server's check_* function
 * (guc_tables.c / guc.c name it) does with a value read from postgresql.conf at postmaster
 * startup, where there is no transaction and no catalog access: accept it (with the canonical
 * value `postgres -C` prints), or reject it with the hook's DETAIL / HINT, or with a message of
 * its own (GUC_check_errmsg, or an ERROR that becomes FATAL in the postmaster).
 *
 * Sources: the PostgreSQL 18.4 tree (REL_18_4; read in the copy github:postgres-vs-mysql/
 * postgresql-18.4 at commit 2c534abbca70f8c36530e56717f679b137af0852): commands/variable.c,
 * utils/misc/guc_tables.c, access/transam/xlogrecovery.c, utils/error/elog.c. The other hooks
 * (syncrep_gram.y / syncrep_scanner.l, slot.c, tzparser.c, encnames.c, fd.c, datetime.c) and
 * what older majors do differently are written from the behaviour of the real servers: every
 * hook here, including its messages per major, was checked with `postgres -C` on 10-18 by
 * test/differential/hooks.test.ts. No code is copied; each entry names the function it emulates.
 * Pure functions; they never throw.
 */
import type { Major } from './types.js';
import { isCSpace, strtod } from './format.js';
import { splitQuotedList } from '../lexical/guc-list.js';
import { foldName, timezoneSets } from './catalog.js';

export type Encoding = 'utf8' | 'latin1';

export interface HookInput {
  /** The value after quoting and escapes (and IS_NAME truncation), as the hook receives it. */
  value: string;
  major: Major;
  enc: Encoding;
  /** The build's time zone names (share/timezone); without them, names are accepted unjudged. */
  timezones?: ReadonlySet<string>;
}

export type HookResult =
  /** Accepted. `canonical`: what the hook stores instead (default: the value). `unjudged`: the
   * emulation cannot decide this value from the files and lets it pass (why, in words). */
  | { ok: true; canonical?: string; unjudged?: string }
  /** Rejected: `invalid value for parameter "X": "v"` with the hook's DETAIL / HINT, or the
   * hook's own `message` instead of that line. `fatal`: an ERROR, which the postmaster turns
   * into FATAL (reading stops there). */
  | { ok: false; detail?: string; hint?: string; message?: string; fatal?: boolean };

export interface StringHook {
  /** Lower-cased parameter names the hook serves. */
  params: readonly string[];
  /** The first major in which the hook runs (the parameter may be older). */
  since: Major;
  /** The PostgreSQL function and file. */
  source: string;
  check(input: HookInput): HookResult;
}

const OK: HookResult = { ok: true };

function clipBytes(s: string, max: number, enc: Encoding): string {
  const bytes = Buffer.from(s, enc);
  return bytes.length <= max ? s : bytes.subarray(0, max).toString(enc);
}

/** SplitIdentifierString (utils/adt/varlena.c) with ',' as separator: unquoted names are
 * down-cased, quoted ones keep case with "" collapsed; every name is truncated to 63 bytes
 * (truncate_identifier); null on a syntax error. */
export function splitIdentifierString(raw: string, enc: Encoding = 'utf8'): string[] | null {
  const entries = splitQuotedList(raw);
  return entries && entries.map((e) => clipBytes(e.quoted ? e.name : foldName(e.name), 63, enc));
}

/** SplitDirectoriesString (utils/adt/varlena.c) with ',' as separator, as load_libraries splits
 * the *_preload_libraries lists: an unquoted element runs to the next comma (blanks inside kept,
 * blanks around trimmed), a quoted one may hold anything with "" for a quote; null on a syntax
 * error (an empty unquoted element, a missing quote, junk after a quoted one). */
export function splitDirectoriesString(raw: string): string[] | null {
  const blank = (c: string | undefined): boolean => c !== undefined && isCSpace(c);
  const out: string[] = [];
  let i = 0;
  while (blank(raw[i])) i++;
  if (i >= raw.length) return out;
  for (;;) {
    let name: string;
    if (raw[i] === '"') {
      name = '';
      let j = i + 1;
      for (;;) {
        const q = raw.indexOf('"', j);
        if (q < 0) return null;
        name += raw.slice(j, q);
        if (raw[q + 1] !== '"') {
          i = q + 1;
          break;
        }
        name += '"';
        j = q + 2;
      }
    } else {
      let j = i;
      while (j < raw.length && raw[j] !== ',') j++;
      let end = j;
      while (end > i && blank(raw[end - 1])) end--;
      if (end === i) return null;
      name = raw.slice(i, end);
      i = j;
    }
    out.push(name);
    while (blank(raw[i])) i++;
    if (i >= raw.length) return out;
    if (raw[i] !== ',') return null;
    i++;
    while (blank(raw[i])) i++;
  }
}

/** SplitGUCList (utils/adt/varlena.c): the same scan, but no down-casing and no truncation. */
export function splitGucList(raw: string): string[] | null {
  const entries = splitQuotedList(raw);
  return entries && entries.map((e) => e.name);
}

/** A list of key words matched case-insensitively (pg_strcasecmp), the first unknown one named
 * as check_log_destination, check_restrict_nonsystem_relation_kind and
 * check_createrole_self_grant do. */
function keywordList(value: string, words: readonly string[], enc: Encoding): HookResult {
  const list = splitIdentifierString(value, enc);
  if (list === null) return { ok: false, detail: 'List syntax is invalid.' };
  const unknown = list.find((t) => !words.includes(foldName(t)));
  return unknown === undefined ? OK : { ok: false, detail: `Unrecognized key word: "${unknown}".` };
}

// ---- DateStyle (check_datestyle, commands/variable.c)

/** check_datestyle, starting from the boot value "ISO, MDY"; canonical "<style>, <order>". */
function checkDateStyle({ value, major, enc }: HookInput): HookResult {
  const list = splitIdentifierString(value, enc);
  if (list === null) return { ok: false, detail: 'List syntax is invalid.' };
  let style = 'ISO';
  let order = 'MDY';
  let haveStyle = false;
  let haveOrder = false;
  let conflict = false;
  const setStyle = (s: string): void => {
    if (haveStyle && style !== s) conflict = true;
    style = s;
    haveStyle = true;
  };
  const setOrder = (o: string): void => {
    if (haveOrder && order !== o) conflict = true;
    order = o;
    haveOrder = true;
  };
  for (const tok of list) {
    const t = foldName(tok);
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
  if (conflict) return { ok: false, detail: `Conflicting "${major >= 18 ? 'DateStyle' : 'datestyle'}" specifications.` };
  return { ok: true, canonical: `${style}, ${order}` };
}

// ---- time zones (check_timezone / check_log_timezone, commands/variable.c; pg_tzset,
// pg_tzset_offset, timezone/pgtz.c; tzparse, timezone/localtime.c)

const upperCased = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();

/** The names upper-cased, computed once per set: pg_tzset looks names up case-insensitively. */
function upperCaseNames(names: ReadonlySet<string>): ReadonlySet<string> {
  let u = upperCased.get(names);
  if (!u) upperCased.set(names, (u = new Set(Array.from(names, (n) => n.toUpperCase()))));
  return u;
}

/** pg_tzset: a name of the tz database (case-insensitive), "GMT", or a POSIX-style spec; at
 * most 255 bytes. */
function tzsetAccepts(value: string, names: ReadonlySet<string> | undefined, enc: Encoding): boolean | 'unjudged' {
  if (value === '' || Buffer.byteLength(value, enc) > 255) return false;
  const upper = value.toUpperCase();
  if (upper === 'GMT') return true;
  // tzload skips one leading ':' before it opens the file; tzparse is not tried for such names.
  const file = upper[0] === ':' ? upper.slice(1) : upper;
  if (names !== undefined && upperCaseNames(names).has(file)) return true;
  if (upper[0] !== ':' && isPosixTz(upper)) return true;
  return names === undefined ? 'unjudged' : false;
}

/** pg_tzset_offset builds "<+hh>-hh"; tzparse takes at most 167 hours. */
function offsetInRange(gmtoffsetSeconds: number): boolean {
  return Number.isFinite(gmtoffsetSeconds) && Math.abs(gmtoffsetSeconds) < 168 * 3600;
}

const RANGE_DETAIL = 'UTC timezone offset is out of range.';

function checkTimezone({ value, timezones, enc }: HookInput): HookResult {
  if (foldName(value).startsWith('interval')) {
    // INTERVAL '<interval>': the quotes must close at the very end; interval_in parses the rest.
    let i = 8;
    while (isCSpace(value[i])) i++;
    if (value[i] !== "'") return { ok: false };
    const close = value.indexOf("'", i + 1);
    if (close !== value.length - 1) return { ok: false };
    const iv = parseInterval(value.slice(i + 1, close));
    if (iv === 'unjudged') return { ok: true, unjudged: 'an interval form the emulation does not parse' };
    if (iv === 'syntax') return { ok: false, fatal: true, message: `invalid input syntax for type interval: "${value.slice(i + 1, close)}"` };
    if (iv.months !== 0) return { ok: false, detail: 'Cannot specify months in time zone interval.' };
    if (iv.days !== 0) return { ok: false, detail: 'Cannot specify days in time zone interval.' };
    return offsetInRange(Math.trunc(iv.seconds)) ? OK : { ok: false, detail: RANGE_DETAIL };
  }
  const n = strtod(value);
  if (n.end !== 0 && n.end === value.length) {
    // A number of hours (SQL sign convention).
    return offsetInRange(Math.trunc(-n.value * 3600)) ? OK : { ok: false, detail: RANGE_DETAIL };
  }
  const r = tzsetAccepts(value, timezones, enc);
  return r === 'unjudged' ? { ok: true, unjudged: 'no time zone names given' } : r ? OK : { ok: false };
}

/** check_log_timezone: names and POSIX specs only (no numbers of hours, no INTERVAL). */
function checkLogTimezone({ value, timezones, enc }: HookInput): HookResult {
  const r = tzsetAccepts(value, timezones, enc);
  return r === 'unjudged' ? { ok: true, unjudged: 'no time zone names given' } : r ? OK : { ok: false };
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

/** Interval units (datetime.c's deltatktbl, matched case-insensitively on at most 10
 * characters): what one unit adds, in months, days or seconds. */
const INTERVAL_UNITS: Record<string, { months?: number; days?: number; seconds?: number }> = (() => {
  const t: Record<string, { months?: number; days?: number; seconds?: number }> = {};
  const put = (names: string[], v: { months?: number; days?: number; seconds?: number }): void => {
    for (const n of names) t[n] = v;
  };
  put(['y', 'yr', 'yrs', 'year', 'years'], { months: 12 });
  put(['mon', 'mons', 'month', 'months'], { months: 1 });
  put(['qtr', 'quarter'], { months: 3 });
  put(['dec', 'decs', 'decade', 'decades'], { months: 120 });
  put(['c', 'cent', 'century', 'centuries'], { months: 1200 });
  put(['mil', 'mils', 'millennia', 'millennium'], { months: 12000 });
  put(['w', 'week', 'weeks'], { days: 7 });
  put(['d', 'day', 'days'], { days: 1 });
  put(['h', 'hr', 'hrs', 'hour', 'hours'], { seconds: 3600 });
  put(['m', 'min', 'mins', 'minute', 'minutes'], { seconds: 60 });
  put(['s', 'sec', 'secs', 'second', 'seconds'], { seconds: 1 });
  put(['ms', 'msec', 'msecs', 'msecond', 'mseconds', 'millisecon'], { seconds: 1e-3 });
  put(['us', 'usec', 'usecs', 'usecond', 'useconds', 'microsecon'], { seconds: 1e-6 });
  return t;
})();

/**
 * interval_in for the forms a time zone is written in: `[@] {[+-]number [unit] | [+-]hh:mm[:ss]}…
 * [ago]`. 'syntax' when a word is no interval unit (interval_in raises an ERROR); 'unjudged' for
 * forms left to the server (ISO 8601 P…, fractional days or months, field ranges).
 */
export function parseInterval(text: string): { months: number; days: number; seconds: number } | 'syntax' | 'unjudged' {
  const s = text.trim();
  if (/^[+-]?P/i.test(s)) return 'unjudged';
  const tokens = s.replace(/^@\s*/, '').split(/[ \t\n\r\f\v]+/).filter(Boolean);
  if (tokens.length === 0) return 'syntax';
  let months = 0;
  let days = 0;
  let seconds = 0;
  let ago = false;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const time = /^([+-]?)(\d+):(\d+)(?::(\d+(?:\.\d*)?))?$/.exec(tok);
    if (time) {
      const sign = time[1] === '-' ? -1 : 1;
      if (Number(time[3]) > 59 || Number(time[4] ?? 0) >= 60) return 'unjudged';
      seconds += sign * (Number(time[2]) * 3600 + Number(time[3]) * 60 + Number(time[4] ?? 0));
      continue;
    }
    if (foldName(tok) === 'ago') {
      if (i !== tokens.length - 1) return 'unjudged';
      ago = true;
      continue;
    }
    const num = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([A-Za-z]*)$/.exec(tok);
    if (num) {
      let unitText = num[2];
      if (unitText === '' && i + 1 < tokens.length && /^[A-Za-z]+$/.test(tokens[i + 1]) && foldName(tokens[i + 1]) !== 'ago') unitText = tokens[++i];
      const v = Number(num[1]);
      if (unitText === '') {
        seconds += v; // a bare number is seconds
        continue;
      }
      const unit = INTERVAL_UNITS[foldName(unitText).slice(0, 10)];
      if (!unit) return /^[A-Za-z]+$/.test(unitText) ? 'syntax' : 'unjudged';
      if ((unit.months || unit.days) && !Number.isInteger(v)) return 'unjudged';
      months += v * (unit.months ?? 0);
      days += v * (unit.days ?? 0);
      seconds += v * (unit.seconds ?? 0);
      continue;
    }
    return /^[A-Za-z]+$/.test(tok) ? 'syntax' : 'unjudged';
  }
  return ago ? { months: -months || 0, days: -days || 0, seconds: -seconds || 0 } : { months, days, seconds };
}

// ---- timezone_abbreviations (check_timezone_abbreviations, commands/variable.c;
// load_tzoffsets, utils/misc/tzparser.c)

/** The value is the name of a file in share/timezonesets (letters only, case-sensitive on the
 * server's file system); the shipped ones are Default, Australia and India. */
function checkTimezoneAbbreviations({ value, major }: HookInput): HookResult {
  // '' names the timezonesets directory itself: reading it fails with its own message.
  if (value === '') return { ok: false, message: 'could not read time zone file "": Is a directory' };
  return timezoneSets(major).has(value) ? OK : { ok: false };
}

// ---- recovery targets (xlogrecovery.c from 15; guc.c in 12-14)

/** glibc strtoul/strtoull(s, NULL, 0) on 64 bits: ERANGE when the magnitude of the digits taken
 * exceeds 2^64-1; no digits is not an error (glibc sets no EINVAL). */
function strtoulOverflows(s: string): boolean {
  let i = 0;
  while (isCSpace(s[i])) i++;
  if (s[i] === '+' || s[i] === '-') i++;
  let digits: string;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
    digits = '0x' + /^[0-9a-fA-F]+/.exec(s.slice(i + 2))![0];
  } else if (s[i] === '0') {
    digits = '0o' + (/^[0-7]+/.exec(s.slice(i))?.[0] ?? '0');
  } else {
    const m = /^\d+/.exec(s.slice(i));
    if (!m) return false;
    digits = m[0];
  }
  return BigInt(digits) > 2n ** 64n - 1n;
}

/** check_recovery_target: "immediate" or empty, compared exactly. */
function checkRecoveryTarget({ value }: HookInput): HookResult {
  return value === 'immediate' || value === '' ? OK : { ok: false, detail: 'The only allowed value is "immediate".' };
}

/** check_recovery_target_xid: strtou64 must not overflow (anything else passes). */
function checkRecoveryTargetXid({ value }: HookInput): HookResult {
  return value !== '' && strtoulOverflows(value) ? { ok: false } : OK;
}

/** check_recovery_target_timeline: "current", "latest", or strtoul without overflow. */
function checkRecoveryTargetTimeline({ value, major }: HookInput): HookResult {
  if (value === 'current' || value === 'latest' || !strtoulOverflows(value)) return OK;
  return { ok: false, detail: major >= 17 ? '"recovery_target_timeline" is not a valid number.' : 'recovery_target_timeline is not a valid number.' };
}

/** check_recovery_target_name: shorter than MAXFNAMELEN (64) bytes. */
function checkRecoveryTargetName({ value, major, enc }: HookInput): HookResult {
  if (Buffer.byteLength(value, enc) < 64) return OK;
  return { ok: false, detail: `${major >= 17 ? '"recovery_target_name"' : 'recovery_target_name'} is too long (maximum 63 characters).` };
}

/** check_recovery_target_lsn: pg_lsn_in_internal, 1-8 hex digits, '/', 1-8 hex digits. */
function checkRecoveryTargetLsn({ value }: HookInput): HookResult {
  return value === '' || /^[0-9a-fA-F]{1,8}\/[0-9a-fA-F]{1,8}$/.test(value) ? OK : { ok: false };
}

/** Words of datetime.c's datetktbl (beside zone names): they may follow a date and time. */
const DATE_KEYWORDS = new Set([
  'ad', 'allballs', 'am', 'at', 'bc', 'd', 'h', 'j', 'julian', 'm', 'mm', 'on', 'pm', 's', 't', 'y', 'epoch', 'infinity', 'now', 'today', 'tomorrow', 'yesterday',
  'jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul', 'july', 'aug', 'august', 'sep', 'sept', 'september', 'oct', 'october', 'nov', 'november', 'dec', 'december',
  'sun', 'sunday', 'mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'wednesday', 'wednes', 'thu', 'thur', 'thurs', 'thursday', 'fri', 'friday', 'sat', 'saturday', 'dow', 'doy', 'isodow', 'isoyear',
]);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * check_recovery_target_time: ParseDateTime + DecodeDateTime must give a date (DTK_DATE) that
 * tm2timestamp can represent. Emulated for the forms configuration files use: an ISO date
 * `YYYY-MM-DD`, optionally a time `HH:MM[:SS[.frac]]` after a blank or `T`, optionally a zone
 * (a tz database name, or a numeric offset). The special words now/today/tomorrow/yesterday,
 * epoch and infinity, a lone time and a lone word are rejected; a zone abbreviation (PST) too,
 * since no abbreviation table is loaded while the postmaster reads its files. Every other form
 * passes unjudged.
 */
function checkRecoveryTargetTime({ value, major, timezones }: HookInput): HookResult {
  if (value === '') return OK;
  if (['now', 'today', 'tomorrow', 'yesterday'].includes(value)) return { ok: false };
  const trimmed = value.trim();
  if (!/[0-9]/.test(value)) {
    // No date without digits: ParseDateTime skips punctuation, DecodeDateTime knows no such word.
    // Only the special words (spelled otherwise than the exact ones rejected above) give dates.
    const words = foldName(value).split(/[^a-z]+/);
    return words.some((w) => ['now', 'today', 'tomorrow', 'yesterday'].includes(w)) ? { ok: true, unjudged: 'a special word in another spelling' } : { ok: false };
  }
  if (/^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(trimmed)) return { ok: false };
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[ \t]+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:[ \t]*(Z|[+-]\d{1,2}(?::?\d{2})?)|[ \t]+([A-Za-z][A-Za-z0-9_/+-]*))?$/.exec(trimmed);
  if (!m) {
    // A plain date past the end of the timestamp range (year 294276) is caught by tm2timestamp.
    const far = /^(\d{5,})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
    if (far && Number(far[1]) > 294276 && Number(far[2]) >= 1 && Number(far[2]) <= 12 && Number(far[3]) >= 1 && Number(far[3]) <= 28) {
      return { ok: false, detail: major >= 18 ? `Timestamp out of range: "${value}".` : `timestamp out of range: "${value}"` };
    }
    return { ok: true, unjudged: 'a timestamp form the emulation does not parse' };
  }
  // A bad time of day is found while the fields are decoded; a bad date only at the end.
  if (m[4] !== undefined) {
    const [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
    if (h > 24 || mi > 59 || sec > 60 || (h === 24 && (mi > 0 || sec > 0))) return { ok: false };
  }
  if (major < 16 && m[8] !== undefined && m[8].includes('/') && timezones !== undefined && !upperCaseNames(timezones).has(m[8].toUpperCase())) {
    return { ok: false, fatal: true, message: `time zone "${foldName(m[8])}" not recognized` };
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return { ok: false };
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > DAYS_IN_MONTH[month - 1] + (month === 2 && leap ? 1 : 0)) return { ok: false };
  // "Z" is a zone abbreviation, and no abbreviation table is loaded yet.
  if (m[7] === 'Z') return { ok: false };
  if (m[7] !== undefined) {
    const glued = !/[ \t]$/.test(trimmed.slice(0, trimmed.length - m[7].length));
    // Right after a date, "-05:30" continues the date field (a bad date); "+02" is a zone.
    if (m[4] === undefined && m[7][0] === '-') return glued ? { ok: false } : { ok: true, unjudged: 'a zone offset after a date' };
    if (m[4] === undefined && !glued) return { ok: true, unjudged: 'a zone offset after a date' };
    // DecodeTimezone: at most 15 hours (MAX_TZDISP_HOUR) and 59 minutes.
    const off = /^[+-](\d{1,2})(?::?(\d{2}))?$/.exec(m[7])!;
    if (Number(off[1]) > 15 || Number(off[2] ?? 0) > 59) return { ok: false };
  }
  if (m[8] !== undefined) {
    if (timezones === undefined) return { ok: true, unjudged: 'no time zone names given' };
    if (upperCaseNames(timezones).has(m[8].toUpperCase())) return OK;
    // Up to 15 an unknown name with a slash raises an ERROR in DecodeDateTime (FATAL in the
    // postmaster), before the date itself is validated; from 16 it is an ordinary parse error.
    if (major < 16 && m[8].includes('/')) return { ok: false, fatal: true, message: `time zone "${foldName(m[8])}" not recognized` };
    if (m[8].includes('/')) return { ok: false };
    if (DATE_KEYWORDS.has(foldName(m[8]))) return { ok: true, unjudged: 'a date/time key word (am, pm, bc, allballs, …)' };
    return /^[A-Za-z]+$/.test(m[8]) ? { ok: false } : { ok: true, unjudged: 'a zone the emulation does not judge' };
  }
  return OK;
}

// ---- synchronous_standby_names (check_synchronous_standby_names, replication/syncrep.c;
// grammar replication/syncrep_gram.y, scanner replication/syncrep_scanner.l)

type SyncTok = { t: 'NAME' | 'NUM' | 'ANY' | 'FIRST' | ',' | '(' | ')' | 'JUNK' | 'EOF' | 'UNTERMINATED'; text: string; value?: string };

/** (int) strtol(s, NULL, 10) on 64 bits, as atoi gives it. */
function atoi(s: string): number {
  let v = BigInt(s);
  const max = 2n ** 63n - 1n;
  if (v > max) v = max;
  return Number(BigInt.asIntN(32, v));
}

/** The scanner: blanks skipped; ANY/FIRST in any case; identifiers [A-Za-z\x80-\xff_][A-Za-z\x80-\xff_0-9$]*;
 * digits; "quoted" with "" for a quote; '*'; ',' '(' ')'; any other character is JUNK. The longest
 * match wins (ANYONE is a name). `text` is what yytext holds when the token is the error token. */
function syncScan(s: string): { tokens: SyncTok[]; unterminated: boolean } {
  const tokens: SyncTok[] = [];
  const identStart = /[A-Za-z\u0080-\u00ff_]/;
  const identCont = /[A-Za-z\u0080-\u00ff_0-9$]/;
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/[ \t\n\r\f\v]/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let name = '';
      for (;;) {
        const q = s.indexOf('"', j);
        if (q < 0) return { tokens, unterminated: true };
        name += s.slice(j, q);
        if (s[q + 1] === '"') {
          name += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      tokens.push({ t: 'NAME', text: '"', value: name });
      i = j;
      continue;
    }
    if (identStart.test(c)) {
      let j = i + 1;
      while (j < s.length && identCont.test(s[j])) j++;
      const word = s.slice(i, j);
      const lw = foldName(word);
      tokens.push({ t: lw === 'any' ? 'ANY' : lw === 'first' ? 'FIRST' : 'NAME', text: word });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < s.length && /[0-9]/.test(s[j])) j++;
      // A digit run followed by identifier characters is a number, then a name (flex: longest
      // match per rule; identifiers cannot start with a digit).
      tokens.push({ t: 'NUM', text: s.slice(i, j) });
      i = j;
      continue;
    }
    if (c === '*') tokens.push({ t: 'NAME', text: '*' });
    else if (c === ',' || c === '(' || c === ')') tokens.push({ t: c, text: c });
    else tokens.push({ t: 'JUNK', text: c });
    i++;
  }
  return { tokens, unterminated: false };
}

/** The grammar: standby_list | NUM '(' standby_list ')' | ANY NUM '(' … ')' | FIRST NUM '(' … ')';
 * a standby is a NAME or a NUM. Returns num_sync, or the bison error text. */
function syncParse(s: string): { numSync: number } | { error: string } {
  // The scanner runs as the parser asks for tokens: an unterminated quote is only reported when
  // the parser gets that far (an earlier syntax error is reported instead).
  const { tokens, unterminated } = syncScan(s);
  const all: SyncTok[] = [...tokens, unterminated ? { t: 'UNTERMINATED', text: '' } : { t: 'EOF', text: '' }, { t: 'EOF', text: '' }];
  let p = 0;
  const err = (): { error: string } => {
    const tok = all[p];
    if (tok.t === 'UNTERMINATED') return { error: 'unterminated quoted identifier at end of input' };
    return { error: tok.t === 'EOF' ? 'syntax error at end of input' : `syntax error at or near "${tok.text}"` };
  };
  const list = (): boolean => {
    for (;;) {
      if (all[p].t !== 'NAME' && all[p].t !== 'NUM') return false;
      p++;
      if (all[p].t !== ',') return true;
      p++;
    }
  };
  let numSync = 1;
  // LALR(1): a leading NUM is a standby name unless '(' follows.
  if ((all[p].t === 'ANY' || all[p].t === 'FIRST') || (all[p].t === 'NUM' && all[p + 1].t === '(')) {
    if (all[p].t !== 'NUM') {
      p++;
      if (all[p].t !== 'NUM') return err();
    }
    numSync = atoi(all[p].text);
    p++;
    if (all[p].t !== '(') return err();
    p++;
    if (!list()) return err();
    if (all[p].t !== ')') return err();
    p++;
  } else if (!list()) return err();
  if (all[p].t !== 'EOF') return err();
  return { numSync };
}

function checkSynchronousStandbyNames({ value, enc }: HookInput): HookResult {
  if (value === '') return OK;
  // The scanner works on bytes: every byte from 0x80 is an identifier character.
  const r = syncParse(Buffer.from(value, enc).toString('latin1'));
  if ('error' in r) return { ok: false, detail: Buffer.from(r.error, 'latin1').toString(enc) };
  if (r.numSync <= 0) return { ok: false, message: `number of synchronous standbys (${r.numSync}) must be greater than zero` };
  return OK;
}

// ---- replication slot names (ReplicationSlotValidateName, replication/slot.c)

/** ReplicationSlotValidateName: the DETAIL and HINT, or null when valid. */
export function slotNameProblem(name: string, enc: Encoding): { detail: string; hint?: string } | null {
  if (name === '') return { detail: 'replication slot name "" is too short' };
  if (Buffer.byteLength(name, enc) >= 64) return { detail: `replication slot name "${name}" is too long` };
  if (!/^[a-z0-9_]*$/.test(name)) {
    return {
      detail: `replication slot name "${name}" contains invalid character`,
      hint: 'Replication slot names may only contain lower case letters, numbers, and the underscore character.',
    };
  }
  return null;
}

/** check_primary_slot_name (empty allowed). ≤12 logged the reason as a separate WARNING, the LOG
 * line itself has no detail; from 13 it is the DETAIL and HINT of the LOG line. */
function checkPrimarySlotName({ value, major, enc }: HookInput): HookResult {
  const p = value === '' ? null : slotNameProblem(value, enc);
  if (p === null) return OK;
  return major >= 13 ? { ok: false, detail: p.detail, ...(p.hint ? { hint: p.hint } : {}) } : { ok: false };
}

/** check_synchronized_standby_slots (17+): an identifier list whose names are valid slot names
 * (whether the slots exist is only checked once shared memory is up). */
function checkSynchronizedStandbySlots({ value, enc }: HookInput): HookResult {
  if (value === '') return OK;
  const list = splitIdentifierString(value, enc);
  if (list === null) return { ok: false, detail: 'List syntax is invalid.' };
  for (const name of list) {
    const p = slotNameProblem(name, enc);
    if (p) return { ok: false, detail: p.detail, ...(p.hint ? { hint: p.hint } : {}) };
  }
  return OK;
}

// ---- the rest

/** check_backtrace_functions (13+): only C identifier characters, commas and blanks. */
function checkBacktraceFunctions({ value, major }: HookInput): HookResult {
  if (/^[0-9_a-zA-Z, \n\t]*$/.test(value)) return OK;
  // The DETAIL was capitalized in 17 and got its period in 18 (seen on 16, 17 and 18).
  return { ok: false, detail: major >= 18 ? 'Invalid character.' : major >= 17 ? 'Invalid character' : 'invalid character' };
}

/** check_debug_io_direct (16+), on a platform with O_DIRECT (Linux): data, wal, wal_init. */
function checkDebugIoDirect({ value, major }: HookInput): HookResult {
  // The DETAILs were capitalized in 17 and got their period in 18 (seen on 16, 17 and 18).
  const style = (text: string): string => (major >= 17 ? text[0].toUpperCase() + text.slice(1) : text) + (major >= 18 ? '.' : '');
  const list = splitGucList(value);
  if (list === null) return { ok: false, detail: style('invalid list syntax in parameter "debug_io_direct"') };
  const unknown = list.find((t) => !['data', 'wal', 'wal_init'].includes(foldName(t)));
  return unknown === undefined ? OK : { ok: false, detail: style(`invalid option "${unknown}"`) };
}

/** check_log_destination (utils/error/elog.c): eventlog exists only on Windows; jsonlog from 15. */
function checkLogDestination({ value, major, enc }: HookInput): HookResult {
  return keywordList(value, ['stderr', 'csvlog', 'syslog', ...(major >= 15 ? ['jsonlog'] : [])], enc);
}

/** Resource managers with an rm_mask function, i.e. valid wal_consistency_checking names (≤14). */
const RMGRS_WITH_MASK = ['all', 'heap2', 'heap', 'btree', 'hash', 'gin', 'gist', 'sequence', 'spgist', 'brin', 'generic'];

/** check_wal_consistency_checking (access/transam/xlog.c). From 15 unknown names may be custom
 * resource managers loaded later, so they pass here. */
function checkWalConsistencyChecking({ value, major, enc }: HookInput): HookResult {
  if (major >= 15) return splitIdentifierString(value, enc) === null ? { ok: false, detail: 'List syntax is invalid.' } : OK;
  return keywordList(value, RMGRS_WITH_MASK, enc);
}

/** check_log_connections (18, utils/init/postinit.c… backend_startup.c): the old boolean
 * spellings alone, or a list of aspects. */
function checkLogConnections({ value, enc }: HookInput): HookResult {
  const list = splitIdentifierString(value, enc);
  if (list === null) return { ok: false, detail: 'Invalid list syntax in parameter "log_connections".' };
  if (list.length === 0) return OK;
  const compat = ['off', 'false', 'no', '0', 'on', 'true', 'yes', '1'];
  if (compat.includes(foldName(list[0]))) {
    return list.length > 1 ? { ok: false, detail: `Cannot specify log_connections option "${list[0]}" in a list with other options.` } : OK;
  }
  const aspects = ['receipt', 'authentication', 'authorization', 'setup_durations', 'all'];
  const unknown = list.find((t) => !aspects.includes(foldName(t)));
  return unknown === undefined ? OK : { ok: false, detail: `Invalid option "${unknown}".` };
}

/** check_XactIsoLevel (≤11, a string then): exact, case-sensitive spellings. */
const TRANSACTION_ISOLATION = ['serializable', 'repeatable read', 'read committed', 'read uncommitted', 'default'];

/** pg_encname_tbl (common/encnames.c): cleaned alias -> canonical name (pg_enc2name_tbl). */
const ENCODINGS: Record<string, string> = (() => {
  const t: Record<string, string> = {
    abc: 'WIN1258', alt: 'WIN866', big5: 'BIG5', euccn: 'EUC_CN', eucjis2004: 'EUC_JIS_2004', eucjp: 'EUC_JP',
    euckr: 'EUC_KR', euctw: 'EUC_TW', gb18030: 'GB18030', gbk: 'GBK', iso88591: 'LATIN1', iso885910: 'LATIN6',
    iso885913: 'LATIN7', iso885914: 'LATIN8', iso885915: 'LATIN9', iso885916: 'LATIN10', iso88592: 'LATIN2',
    iso88593: 'LATIN3', iso88594: 'LATIN4', iso88595: 'ISO_8859_5', iso88596: 'ISO_8859_6', iso88597: 'ISO_8859_7',
    iso88598: 'ISO_8859_8', iso88599: 'LATIN5', johab: 'JOHAB', koi8: 'KOI8R', koi8r: 'KOI8R', koi8u: 'KOI8U',
    mskanji: 'SJIS', muleinternal: 'MULE_INTERNAL', shiftjis: 'SJIS', shiftjis2004: 'SHIFT_JIS_2004', sjis: 'SJIS',
    sqlascii: 'SQL_ASCII', tcvn: 'WIN1258', tcvn5712: 'WIN1258', uhc: 'UHC', unicode: 'UTF8', utf8: 'UTF8',
    vscii: 'WIN1258', win: 'WIN1251', win866: 'WIN866', win874: 'WIN874', win932: 'SJIS', win936: 'GBK',
    win949: 'UHC', win950: 'BIG5', windows866: 'WIN866', windows874: 'WIN874', windows932: 'SJIS',
    windows936: 'GBK', windows949: 'UHC', windows950: 'BIG5',
  };
  for (let n = 1; n <= 10; n++) t[`latin${n}`] = `LATIN${n}`;
  for (let n = 1250; n <= 1258; n++) {
    t[`win${n}`] = `WIN${n}`;
    t[`windows${n}`] = `WIN${n}`;
  }
  return t;
})();

/** check_client_encoding (commands/variable.c): pg_valid_client_encoding cleans the name (keeps
 * letters and digits, down-cased) and looks it up; the canonical name replaces it, except that
 * "UNICODE" is kept as written. Conversions cannot be looked up while the server starts. */
function checkClientEncoding({ value }: HookInput): HookResult {
  // GUC_IS_NAME: the value arrives truncated to 63 bytes, so the NAMEDATALEN limit never bites.
  let key = '';
  for (const c of value) if (/[A-Za-z0-9]/.test(c)) key += c.toLowerCase();
  const canonical = Object.prototype.hasOwnProperty.call(ENCODINGS, key) ? ENCODINGS[key] : undefined;
  if (canonical === undefined) return { ok: false };
  return { ok: true, canonical: value === 'UNICODE' ? value : canonical };
}

/** check_canonical_path (utils/misc/guc.c): canonicalize_path never rejects, but -C prints its
 * result. Emulated for paths without "." or ".." components, where every major agrees: repeated
 * slashes collapse and trailing ones go (the root stays "/"). How "." and ".." are resolved
 * changed over the majors; such paths are left as written. */
function checkCanonicalPath({ value }: HookInput): HookResult {
  if (value === '') return OK;
  if (value.split('/').some((c) => c === '.' || c === '..')) return { ok: true, unjudged: 'a path with . or .. components' };
  const canonical = value.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
  return { ok: true, canonical };
}

/** The table. Parameters with a check hook that is absent here either have no hook that a file
 * can fail (shared_preload_libraries, ssl_groups: none at all) or need what only the running
 * server has: locales (lc_*, setlocale on its machine), the catalog (default_tablespace,
 * default_text_search_config, default_table_access_method beyond '' — looked up only inside a
 * transaction, so accepted while the postmaster reads its files). */
export const STRING_HOOKS: readonly StringHook[] = [
  { params: ['datestyle'], since: 10, source: 'check_datestyle, commands/variable.c', check: checkDateStyle },
  { params: ['timezone'], since: 10, source: 'check_timezone, commands/variable.c; pg_tzset / pg_tzset_offset, timezone/pgtz.c', check: checkTimezone },
  { params: ['log_timezone'], since: 10, source: 'check_log_timezone, commands/variable.c; pg_tzset, timezone/pgtz.c', check: checkLogTimezone },
  { params: ['timezone_abbreviations'], since: 10, source: 'check_timezone_abbreviations, commands/variable.c; load_tzoffsets, utils/misc/tzparser.c', check: checkTimezoneAbbreviations },
  { params: ['log_destination'], since: 10, source: 'check_log_destination, utils/error/elog.c', check: checkLogDestination },
  {
    params: ['search_path', 'temp_tablespaces'],
    since: 10,
    source: 'check_search_path, catalog/namespace.c; check_temp_tablespaces, commands/tablespace.c (names looked up only in a transaction)',
    check: ({ value, enc }) => (splitIdentifierString(value, enc) === null ? { ok: false, detail: 'List syntax is invalid.' } : OK),
  },
  { params: ['wal_consistency_checking'], since: 10, source: 'check_wal_consistency_checking, access/transam/xlog.c', check: checkWalConsistencyChecking },
  { params: ['log_connections'], since: 18, source: 'check_log_connections, tcop/backend_startup.c', check: checkLogConnections },
  { params: ['primary_slot_name'], since: 12, source: 'check_primary_slot_name, access/transam/xlogrecovery.c (guc.c ≤14); ReplicationSlotValidateName, replication/slot.c', check: checkPrimarySlotName },
  { params: ['synchronized_standby_slots'], since: 17, source: 'check_synchronized_standby_slots, replication/slot.c', check: checkSynchronizedStandbySlots },
  { params: ['synchronous_standby_names'], since: 10, source: 'check_synchronous_standby_names, replication/syncrep.c; syncrep_gram.y, syncrep_scanner.l', check: checkSynchronousStandbyNames },
  { params: ['recovery_target'], since: 12, source: 'check_recovery_target, access/transam/xlogrecovery.c (guc.c ≤14)', check: checkRecoveryTarget },
  { params: ['recovery_target_xid'], since: 12, source: 'check_recovery_target_xid, access/transam/xlogrecovery.c (guc.c ≤14)', check: checkRecoveryTargetXid },
  { params: ['recovery_target_timeline'], since: 12, source: 'check_recovery_target_timeline, access/transam/xlogrecovery.c (guc.c ≤14)', check: checkRecoveryTargetTimeline },
  { params: ['recovery_target_name'], since: 12, source: 'check_recovery_target_name, access/transam/xlogrecovery.c (guc.c ≤14)', check: checkRecoveryTargetName },
  { params: ['recovery_target_lsn'], since: 12, source: 'check_recovery_target_lsn, access/transam/xlogrecovery.c (guc.c ≤14); pg_lsn_in_internal, utils/adt/pg_lsn.c', check: checkRecoveryTargetLsn },
  { params: ['recovery_target_time'], since: 12, source: 'check_recovery_target_time, access/transam/xlogrecovery.c (guc.c ≤14); ParseDateTime / DecodeDateTime, utils/adt/datetime.c', check: checkRecoveryTargetTime },
  {
    params: ['restrict_nonsystem_relation_kind'],
    since: 12,
    source: 'check_restrict_nonsystem_relation_kind, tcop/postgres.c (17, and the 12.20 / 13.16 / 14.13 / 15.8 / 16.4 minors)',
    check: ({ value, enc }) => keywordList(value, ['view', 'foreign-table'], enc),
  },
  { params: ['createrole_self_grant'], since: 16, source: 'check_createrole_self_grant, commands/user.c', check: ({ value, enc }) => keywordList(value, ['set', 'inherit'], enc) },
  { params: ['backtrace_functions'], since: 13, source: 'check_backtrace_functions, utils/error/elog.c', check: checkBacktraceFunctions },
  { params: ['debug_io_direct'], since: 16, source: 'check_debug_io_direct, storage/file/fd.c', check: checkDebugIoDirect },
  { params: ['log_directory', 'external_pid_file'], since: 10, source: 'check_canonical_path, utils/misc/guc.c; canonicalize_path, port/path.c', check: checkCanonicalPath },
  { params: ['client_encoding'], since: 10, source: 'check_client_encoding, commands/variable.c; pg_valid_client_encoding, common/encnames.c', check: checkClientEncoding },
  {
    params: ['transaction_isolation'],
    since: 10,
    source: 'check_XactIsoLevel, commands/variable.c (≤11; an enum from 12)',
    check: ({ value }) => (TRANSACTION_ISOLATION.includes(value) ? OK : { ok: false }),
  },
  {
    params: ['default_table_access_method'],
    since: 12,
    source: 'check_default_table_access_method, access/table/tableamapi.c (the name is looked up only in a transaction)',
    check: ({ value, major }) =>
      value === '' ? { ok: false, detail: major >= 17 ? '"default_table_access_method" cannot be empty.' : 'default_table_access_method cannot be empty.' } : OK,
  },
  // check_role / check_session_authorization look roles up, which the postmaster cannot: only
  // role = none passes while the files are read.
  { params: ['role'], since: 10, source: 'check_role, commands/variable.c', check: ({ value }) => (value === 'none' ? OK : { ok: false }) },
  { params: ['session_authorization'], since: 10, source: 'check_session_authorization, commands/variable.c', check: () => ({ ok: false }) },
];

const BY_PARAM = new Map<string, StringHook>(STRING_HOOKS.flatMap((h) => h.params.map((p) => [p, h] as const)));

/** The hook that judges a string parameter (lower-cased name) in a major, if emulated. */
export function stringHookFor(key: string, major: Major): StringHook | undefined {
  const h = BY_PARAM.get(key);
  return h && major >= h.since ? h : undefined;
}

/** Locale parameters: setlocale() on the server's machine decides (check_locale_*). */
export const LOCALE_PARAMS: readonly string[] = ['lc_messages', 'lc_monetary', 'lc_numeric', 'lc_time'];

/** Locale names every Linux server has: empty (the environment's), C, POSIX, and C.UTF-8
 * (glibc 2.35+, Debian, Alpine's musl and the PostgreSQL container images), in any case. */
export function isUniversalLocale(value: string): boolean {
  const v = foldName(value);
  return v === '' || v === 'c' || v === 'posix' || v === 'c.utf-8' || v === 'c.utf8';
}
