import { opt } from '../linter/options.js';
import type { AuthToken } from '../parse/auth-tokens.js';
import { formatAddress, parseIPv4, parseIPv6 } from '../parse/pg-hba.js';
import type { HbaAddress, HbaConnType, HbaFile, HbaLine, HbaName, HbaRecord } from '../parse/pg-hba.js';
import type { Loc } from '../types.js';
import { boundQuote } from '../linter/redact.js';

/*
 * What each pg_hba.conf record lets through, and whether any connection can reach it at all.
 *
 * check_hba (hba.c) scans the records in order and the first one whose connection type, SSL/GSS
 * state, address, database and user all match decides; there is no fall-through. A record is
 * therefore unreachable when the earlier records together match every connection it could match.
 * We only claim that when it is certain: every dimension is compared conservatively (a `+group`,
 * a regex, `samehost`, `samenet` or a host name covers only an identical token; `all` covers
 * every database except physical replication), and a union of earlier records counts only for
 * the connection-state split (`hostssl` + `hostnossl` before `host`, `hostgssenc` +
 * `hostnogssenc`): each part must cover the record in every other dimension alone.
 */

/** Connection states a record can match. SSL and GSS encryption exclude each other (ProcessStartupPacket). */
const LOCAL = 1;
const SSL = 2;
const GSS = 4;
const PLAIN = 8;

export const CONN_STATES: Readonly<Record<HbaConnType, number>> = {
  local: LOCAL,
  host: SSL | GSS | PLAIN,
  hostssl: SSL,
  hostnossl: GSS | PLAIN,
  hostgssenc: GSS,
  hostnogssenc: SSL | PLAIN,
};

const CONN_TYPES = Object.keys(CONN_STATES) as HbaConnType[];

export interface HbaRecordInfo {
  /** Position among the records (lines PostgreSQL accepts), 0-based. */
  readonly index: number;
  readonly line: HbaLine;
  readonly record: HbaRecord;
  /** False when earlier records already match every connection this one could match. */
  readonly reachable: boolean;
  /** The earliest record that alone covers this one; for a split (SSL / non-SSL) the first part. */
  readonly shadowedBy: HbaRecordInfo | null;
  /** Every record whose union covers this one (one entry unless it is a connection-state split). */
  readonly shadowedByAll: readonly HbaRecordInfo[];
  /** Who can connect to what, from where, how authenticated, in words. */
  readonly exposure: string;
  readonly isLocal: boolean;
  /** The address is every address: `all`, or an IPv4/IPv6 address with an all-zero mask (any spelling). */
  readonly isWorld: boolean;
  /** Only loopback clients match: inside 127.0.0.0/8, ::1/128, ::ffff:127.0.0.0/104, or the host name `localhost`. */
  readonly isLoopbackOnly: boolean;
  readonly family: 'ipv4' | 'ipv6' | null;
  /** Number of mask bits (the CIDR prefix; also for non-contiguous netmasks); null when not an IP address. */
  readonly prefixLength: number | null;
  /** The user column holds the keyword `all`. */
  readonly allUsers: boolean;
  /** The database column holds the keyword `all`. */
  readonly allDatabases: boolean;
  /** The database column holds the keyword `replication` (physical replication). */
  readonly replication: boolean;
  /** The whole record, from the connection type to its last token. */
  readonly loc: Loc;
}

export interface HbaAnalysis {
  readonly records: readonly HbaRecordInfo[];
  readonly reachable: readonly HbaRecordInfo[];
  readonly unreachable: readonly HbaRecordInfo[];
  /**
   * The first record whose comparison with earlier records was cut short by MAX_COMPARISONS (a
   * hostile file of long user lists): it and the records after it may be reported reachable when
   * they are not (never the reverse). Null when the analysis is complete.
   */
  readonly incompleteAt: HbaRecordInfo | null;
}

/**
 * Our bound on the name comparisons of one file's analysis (each comparison of an earlier record
 * with a record costs 1 + its database and user keys). The index makes a usual file cost a few per
 * record (100,000 records: well under a million); records with long lists that share buckets or
 * fill the exception lists (`@users` of 10,000 names referenced by 100 records) cost the product.
 */
export const MAX_COMPARISONS = 50_000_000;

const cache = new WeakMap<HbaFile, HbaAnalysis>();

/** Records of the file with their reachability and exposure; computed once per HbaFile. */
export function analyzeHba(hba: HbaFile): HbaAnalysis {
  let a = cache.get(hba);
  if (!a) {
    a = analyze(hba);
    cache.set(hba, a);
  }
  return a;
}

/* ---- the index of earlier records ---- */

interface Entry {
  info: Info;
  /** Distinct database and user keys (usually one or two each: arrays, not Sets, to stay small). */
  dbKeys: readonly string[];
  userKeys: readonly string[];
  /** The same keys as Sets, for long lists only (`@file` lists of thousands of names). */
  dbSet: ReadonlySet<string> | null;
  userSet: ReadonlySet<string> | null;
}

/** Key lists longer than this get a Set for lookups. */
const SET_FROM = 8;

function keySet(keys: readonly string[]): ReadonlySet<string> | null {
  return keys.length > SET_FROM ? new Set(keys) : null;
}

interface TypeIndex {
  /**
   * `address key \0 database key \0 user key` -> entries in record order. Address keys: 'local',
   * 'all', 'kw:samehost', 'host:name', 'ipv4/24/0a000100'. One flat map rather than a map per
   * address and database: a file of 100,000 distinct networks would otherwise hold 200,000 maps.
   */
  byKey: Map<string, Entry[]>;
  /** The address keys present in byKey, so that a probe builds name keys only for those. */
  addresses: Set<string>;
  /** Contiguous prefix lengths present, per family, so a probe only tries those. */
  prefixes: { ipv4: Set<number>; ipv6: Set<number> };
  /** Records with a non-contiguous netmask (rare): compared one by one. */
  oddMasks: Entry[];
  /** Records with more database × user combinations than we index: compared one by one. */
  wide: Entry[];
}

/** Past this many database × user combinations a record goes to the linear `wide` list. */
const MAX_COMBINATIONS = 256;

const ALL = '*all';
const REPL = '*replication';

function dbKey(n: HbaName): string {
  if (n.kind === 'keyword') {
    if (n.value === 'samegroup') return '*samerole'; // the same check as samerole
    return '*' + n.value;
  }
  return (n.kind === 'regex' ? 're:' : 'lit:') + n.value;
}

function userKey(n: HbaName): string {
  if (n.kind === 'keyword') return ALL;
  return (n.kind === 'regex' ? 're:' : n.kind === 'group' ? 'grp:' : 'lit:') + n.value;
}

/** check_db: `all` matches every database but not physical replication, which only `replication` matches. */
function dbCovered(e: Entry, key: string): boolean {
  if (e.dbSet !== null) return key === REPL ? e.dbSet.has(REPL) : e.dbSet.has(key) || e.dbSet.has(ALL);
  if (key === REPL) return e.dbKeys.includes(REPL);
  return e.dbKeys.includes(key) || e.dbKeys.includes(ALL);
}

function userCovered(e: Entry, key: string): boolean {
  if (e.userSet !== null) return e.userSet.has(key) || e.userSet.has(ALL);
  return e.userKeys.includes(key) || e.userKeys.includes(ALL);
}

/** The distinct keys, in first-seen order; a Set only while collecting. */
function distinct(keys: string[]): string[] {
  return keys.length < 2 ? keys : [...new Set(keys)];
}

function namesCovered(e: Entry, dbs: readonly string[], users: readonly string[]): boolean {
  return dbs.every((k) => dbCovered(e, k)) && users.every((k) => userCovered(e, k));
}

const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Hex digits of the bytes, as one flat string (a chain of `+=` would be kept as a rope). */
function hexOf(bytes: readonly number[]): string {
  return bytes.map((b) => HEX_BYTE[b]!).join('');
}

/** `family/prefix/` + the address bytes under the prefix, in hex; `hex` is hexOf(bytes) when known. */
function maskedKey(family: 'ipv4' | 'ipv6', bytes: readonly number[], prefix: number, hex = hexOf(bytes)): string {
  const whole = prefix >> 3;
  const rest = prefix & 7;
  let s = `${family}/${prefix}/${hex.slice(0, whole * 2)}`;
  if (rest) {
    const b = bytes[whole]! & ((0xff << (8 - rest)) & 0xff);
    s += (b < 16 ? '0' : '') + b.toString(16);
  }
  return s;
}

function leadingOnes(mask: readonly number[]): number {
  let n = 0;
  for (const b of mask) {
    if (b === 0xff) {
      n += 8;
      continue;
    }
    let k = 0;
    while (k < 8 && (b & (0x80 >> k)) !== 0) k++;
    return n + k;
  }
  return n;
}

function popcount(mask: readonly number[]): number {
  let n = 0;
  for (let b of mask) {
    while (b) {
      n += b & 1;
      b >>= 1;
    }
  }
  return n;
}

function isIp(a: HbaAddress | null): a is HbaAddress & { kind: 'ipv4' | 'ipv6'; bytes: number[]; mask: number[] } {
  return a !== null && (a.kind === 'ipv4' || a.kind === 'ipv6') && a.bytes !== null && a.mask !== null;
}

/** The set of `outer` (x & mask == addr & mask) contains that of `inner` (pg_range_sockaddr). */
export function ipCovers(outer: { bytes: readonly number[]; mask: readonly number[] }, inner: { bytes: readonly number[]; mask: readonly number[] }): boolean {
  if (outer.bytes.length !== inner.bytes.length) return false; // IPv4 and IPv6 never match each other
  for (let i = 0; i < outer.bytes.length; i++) {
    const mo = outer.mask[i]!;
    if ((mo & inner.mask[i]!) !== mo) return false;
    if ((outer.bytes[i]! & mo) !== (inner.bytes[i]! & mo)) return false;
  }
  return true;
}

/** The index key of an earlier record's address, or null when it goes to the odd-mask list. */
function addressKey(a: HbaAddress | null): string | null {
  if (a === null) return 'local';
  switch (a.kind) {
    case 'all':
      return 'all';
    case 'samehost':
    case 'samenet':
      return 'kw:' + a.kind;
    case 'hostname':
      return 'host:' + (a.hostname ?? '').toLowerCase(); // hostname_match compares with pg_strcasecmp
    default:
      if (!isIp(a) || a.prefix === null) return null;
      return maskedKey(a.kind, a.bytes, a.prefix);
  }
}

function newTypeIndex(): TypeIndex {
  return { byKey: new Map(), addresses: new Set(), prefixes: { ipv4: new Set(), ipv6: new Set() }, oddMasks: [], wide: [] };
}

function insert(idx: TypeIndex, e: Entry): void {
  const a = e.info.record.address;
  const key = addressKey(a);
  if (key === null) {
    idx.oddMasks.push(e);
    return;
  }
  if (e.dbKeys.length * e.userKeys.length > MAX_COMBINATIONS) {
    idx.wide.push(e);
    return;
  }
  if (isIp(a) && a.prefix !== null) idx.prefixes[a.kind].add(a.prefix);
  idx.addresses.add(key);
  for (const d of e.dbKeys) {
    for (const u of e.userKeys) {
      const k = `${key}\0${d}\0${u}`;
      const list = idx.byKey.get(k);
      if (list) list.push(e);
      else idx.byKey.set(k, [e]);
    }
  }
}

/**
 * Address keys of earlier records that could cover `a` (besides the odd-mask list), among those
 * present in the index. `hex` is hexOf(a.bytes) for an IP address (computed once per record).
 */
function probeAddressKeys(idx: TypeIndex, a: HbaAddress | null, hex: string): string[] {
  const keys: string[] = [];
  const probe = (k: string): void => {
    if (idx.addresses.has(k)) keys.push(k);
  };
  if (a === null) probe('local');
  else {
    probe('all');
    switch (a.kind) {
      case 'all':
        break;
      case 'samehost':
      case 'samenet':
        probe('kw:' + a.kind);
        break;
      case 'hostname':
        probe('host:' + (a.hostname ?? '').toLowerCase());
        break;
      default: {
        if (!isIp(a)) break;
        const max = leadingOnes(a.mask);
        for (const p of idx.prefixes[a.kind]) if (p <= max) probe(maskedKey(a.kind, a.bytes, p, hex));
      }
    }
  }
  return keys;
}

function entryCoversAddress(e: Entry, a: HbaAddress | null): boolean {
  const o = e.info.record.address;
  if (a === null || o === null) return a === o;
  if (o.kind === 'all') return true;
  if (isIp(o) && isIp(a)) return ipCovers(o, a);
  if (o.kind === 'hostname' && a.kind === 'hostname') return (o.hostname ?? '').toLowerCase() === (a.hostname ?? '').toLowerCase();
  return o.kind === a.kind && (o.kind === 'samehost' || o.kind === 'samenet');
}

/** What is left of MAX_COMPARISONS in one analysis, and where it ran out. */
interface Budget {
  left: number;
  stoppedAt: Info | null;
}

/**
 * The earliest entry of `idx` that covers the record in database, user and address. Once the
 * budget is spent, no more entries are compared (null: the record counts as reachable).
 */
function earliestCover(idx: TypeIndex, target: Entry, hex: string, budget: Budget): Entry | null {
  const r = target.info.record;
  const dbs = target.dbKeys;
  const users = target.userKeys;
  // Any covering entry holds the target's first database (or `all`) and first user (or `all`).
  const d0 = dbs[0]!;
  const u0 = users[0]!;
  const dbProbe = d0 === REPL || d0 === ALL ? [d0] : [d0, ALL];
  const userProbe = u0 === ALL ? [u0] : [u0, ALL];
  const found = { best: null as Entry | null };
  const cost = 1 + dbs.length + users.length;
  const consider = (e: Entry): boolean => {
    const b = found.best;
    if (b !== null && e.info.index >= b.info.index) return false;
    if (budget.left < cost) {
      budget.stoppedAt ??= target.info;
      return false;
    }
    budget.left -= cost;
    // The address first: one comparison, where the names can be thousands.
    if (!entryCoversAddress(e, r.address) || !namesCovered(e, dbs, users)) return false;
    found.best = e;
    return true;
  };
  for (const ak of probeAddressKeys(idx, r.address, hex)) {
    for (const d of dbProbe) {
      for (const u of userProbe) {
        const list = idx.byKey.get(`${ak}\0${d}\0${u}`);
        if (list === undefined) continue;
        // Lists are in record order: stop at the first entry that covers, or once past the best.
        for (const e of list) {
          const b = found.best;
          if ((b !== null && e.info.index >= b.info.index) || consider(e)) break;
        }
      }
    }
  }
  for (const e of idx.oddMasks) if (budget.left >= cost) consider(e);
  for (const e of idx.wide) if (budget.left >= cost) consider(e);
  if (budget.left < cost && (idx.oddMasks.length > 0 || idx.wide.length > 0)) budget.stoppedAt ??= target.info;
  return found.best;
}

/* ---- analysis ---- */

const NOT_SHADOWED: readonly HbaRecordInfo[] = Object.freeze([]);

/** Bits of Info.flags. */
const F_LOCAL = 1;
const F_WORLD = 2;
const F_LOOPBACK = 4;
const F_ALL_USERS = 8;
const F_ALL_DATABASES = 16;
const F_REPLICATION = 32;
const F_UNREACHABLE = 64;

/**
 * A record's facts. Kept small, since a file can hold 200,000 records: the yes/no facts are bits of
 * one number; the family and prefix length are read off the address, and the exposure text and the
 * location are computed on each use (rules read them for the few records they report; kept, they
 * cost more than the rest of the record on a file of 100,000 records).
 */
class Info implements HbaRecordInfo {
  private flags: number;
  shadowedBy: HbaRecordInfo | null = null;
  /** Set only when the record is covered by a union of records (a connection-state split). */
  private split: readonly HbaRecordInfo[] | null = null;

  constructor(
    readonly index: number,
    readonly line: HbaLine,
    readonly record: HbaRecord,
  ) {
    const a = record.address;
    let flags = 0;
    if (record.connType === 'local') flags |= F_LOCAL;
    if (a !== null && (a.kind === 'all' || (isIp(a) && a.mask.every((b) => b === 0)))) flags |= F_WORLD;
    if (isLoopback(a)) flags |= F_LOOPBACK;
    if (record.users.some((u) => u.kind === 'keyword' && u.value === 'all')) flags |= F_ALL_USERS;
    if (record.databases.some((d) => d.kind === 'keyword' && d.value === 'all')) flags |= F_ALL_DATABASES;
    if (record.databases.some((d) => d.kind === 'keyword' && d.value === 'replication')) flags |= F_REPLICATION;
    this.flags = flags;
  }

  get reachable(): boolean {
    return (this.flags & F_UNREACHABLE) === 0;
  }

  /** Marks the record as covered by `all` (sorted by index; one entry unless it is a split). */
  shadow(all: readonly HbaRecordInfo[]): void {
    this.flags |= F_UNREACHABLE;
    this.shadowedBy = all[0]!;
    this.split = all.length > 1 ? all : null;
  }

  get shadowedByAll(): readonly HbaRecordInfo[] {
    return this.split ?? (this.shadowedBy ? [this.shadowedBy] : NOT_SHADOWED);
  }

  get isLocal(): boolean {
    return (this.flags & F_LOCAL) !== 0;
  }

  get isWorld(): boolean {
    return (this.flags & F_WORLD) !== 0;
  }

  get isLoopbackOnly(): boolean {
    return (this.flags & F_LOOPBACK) !== 0;
  }

  get allUsers(): boolean {
    return (this.flags & F_ALL_USERS) !== 0;
  }

  get allDatabases(): boolean {
    return (this.flags & F_ALL_DATABASES) !== 0;
  }

  get replication(): boolean {
    return (this.flags & F_REPLICATION) !== 0;
  }

  get family(): 'ipv4' | 'ipv6' | null {
    const a = this.record.address;
    return isIp(a) ? a.kind : null;
  }

  get prefixLength(): number | null {
    const a = this.record.address;
    return isIp(a) ? popcount(a.mask) : null;
  }

  get exposure(): string {
    return describeExposure(this.record);
  }

  get loc(): Loc {
    return recordLoc(this.record);
  }
}

/*
 * Complexity. Each record is compared against an index of the records before it, never against
 * all of them. The index has one part per connection type; in each part the records are filed
 * under `address key + database key + user key` for every database × user combination they list
 * (address key: 'local', 'all', a keyword, a host name, or the network at its prefix length).
 *
 * Probing a record r costs, per connection type whose states overlap r's (at most 5):
 *  - one set lookup per candidate address key: 'all', r's own keyword or host name, and r's
 *    address masked at each prefix length in use for that family (p, the distinct prefix lengths
 *    in the file: a handful — /32, /24, /16 … — however many records there are);
 *  - for each candidate present, 2 × 2 map lookups: (r's first database or `all`) × (r's first
 *    user or `all`), since any record covering r must list both; the bucket is in record order,
 *    so the scan stops at the first entry that covers r (usually the first one);
 *  - a linear pass over the two exception lists: records with a non-contiguous netmask, and
 *    records listing more than MAX_COMBINATIONS database × user combinations (w records).
 * Inserting r costs |databases| × |users| ≤ MAX_COMBINATIONS map insertions.
 *
 * For n records that is O(n · (5 · (p + 4) + w)) expected time and O(n) memory, i.e. linear for
 * realistic files (the benchmark: 10k → 100k records grows ~10×). The worst case is quadratic
 * only when many records share a bucket without covering each other (e.g. thousands of records
 * for the same network, database and user whose further database lists differ) or when most
 * records are exceptions (w ~ n); neither happens in generated or hand-written pg_hba.conf files.
 */
function analyze(hba: HbaFile): HbaAnalysis {
  const records: Info[] = [];
  const index = new Map<HbaConnType, TypeIndex>();
  const budget: Budget = { left: MAX_COMPARISONS, stoppedAt: null };
  for (const line of hba.lines) {
    if (line.problem !== null || line.record === null) continue;
    const info = new Info(records.length, line, line.record);
    const dbKeys = distinct(line.record.databases.map(dbKey));
    const userKeys = distinct(line.record.users.map(userKey));
    const entry: Entry = { info, dbKeys, userKeys, dbSet: keySet(dbKeys), userSet: keySet(userKeys) };
    shadow(index, entry, budget);
    let idx = index.get(line.record.connType);
    if (!idx) index.set(line.record.connType, (idx = newTypeIndex()));
    insert(idx, entry);
    records.push(info);
  }
  return {
    records,
    reachable: records.filter((r) => r.reachable),
    unreachable: records.filter((r) => !r.reachable),
    incompleteAt: budget.stoppedAt,
  };
}

function shadow(index: Map<HbaConnType, TypeIndex>, entry: Entry, budget: Budget): void {
  const info = entry.info;
  const want = CONN_STATES[info.record.connType];
  let single: Entry | null = null;
  const parts: Entry[] = [];
  let union = 0;
  const a = info.record.address;
  const hex = isIp(a) ? hexOf(a.bytes) : '';
  for (const t of CONN_TYPES) {
    const states = CONN_STATES[t];
    if ((states & want) === 0) continue;
    const idx = index.get(t);
    if (!idx) continue;
    const e = earliestCover(idx, entry, hex, budget);
    if (!e) continue;
    if ((states & want) === want) {
      if (single === null || e.info.index < single.info.index) single = e;
    } else {
      parts.push(e);
      union |= states;
    }
  }
  if (single) {
    info.shadow([single.info]);
  } else if ((union & want) === want) {
    info.shadow(parts.map((p) => p.info).sort((a, b) => a.index - b.index));
  }
}

const V4_LOOPBACK = { bytes: [127, 0, 0, 0], mask: [0xff, 0, 0, 0] };
const V6_LOOPBACK = { bytes: [...new Array<number>(15).fill(0), 1], mask: new Array<number>(16).fill(0xff) };
/** IPv4-mapped loopback (::ffff:127.0.0.0/104): local IPv4 clients seen through a dual-stack socket. */
const V6_MAPPED_LOOPBACK = { bytes: [...new Array<number>(10).fill(0), 0xff, 0xff, 127, 0, 0, 0], mask: [...new Array<number>(13).fill(0xff), 0, 0, 0] };

function isLoopback(a: HbaAddress | null): boolean {
  if (a === null) return false;
  if (a.kind === 'hostname') {
    // Matching a host name needs the client's reverse name to resolve forward to the client's
    // address again (check_hostname), so `localhost` only ever matches loopback clients.
    return (a.hostname ?? '').toLowerCase() === 'localhost';
  }
  if (!isIp(a)) return false;
  return ipCovers(V4_LOOPBACK, a) || ipCovers(V6_LOOPBACK, a) || ipCovers(V6_MAPPED_LOOPBACK, a);
}

/* ---- locations ---- */

/** A token's location; a token read through `@file` is located at the `@file` token on the record's line. */
export function tokenLoc(t: AuthToken): Loc {
  let o = t;
  while (o.via) o = o.via;
  return { file: o.file.path, start: o.start, end: o.end };
}

/** The address column, with its netmask column when it has one. */
export function addressLoc(a: HbaAddress): Loc {
  const loc = tokenLoc(a.token);
  if (a.maskToken) {
    const m = tokenLoc(a.maskToken);
    if (m.file === loc.file && m.end > loc.start) return { file: loc.file, start: loc.start, end: m.end };
  }
  return loc;
}

/** The record's span: its tokens are those of its line's fields (the options' tokens last). */
function recordLoc(r: HbaRecord): Loc {
  const first = tokenLoc(r.connTypeToken);
  let end = tokenLoc(r.methodToken).end;
  const reach = (t: AuthToken): void => {
    const l = tokenLoc(t);
    if (l.file === first.file && l.end > end) end = l.end;
  };
  reach(r.connTypeToken);
  for (const d of r.databases) reach(d.token);
  for (const u of r.users) reach(u.token);
  if (r.address) {
    reach(r.address.token);
    if (r.address.maskToken) reach(r.address.maskToken);
  }
  reach(r.methodToken);
  for (const o of r.options) reach(o.token);
  return { file: first.file, start: first.start, end };
}

/**
 * "line 7", or "conf.d/extra.conf:7" when the record is in another file than `from`. A record a
 * carrier synthesized (`patroni.yml#pg_hba.conf`) is always named with its file: lint() names the
 * carrier line it stands for there (src/carriers/origin.ts), where a bare line number would count
 * the synthesized file's lines.
 */
export function recordRef(info: HbaRecordInfo, from?: string): string {
  const n = info.line.line;
  const path = info.line.file.path;
  return path === from && !path.includes('#') ? `line ${n}` : `${path}:${n}`;
}

/** The record as written, blanks collapsed, continuations joined (for messages). */
export function recordText(info: HbaRecordInfo, max = 100): string {
  const file = info.line.file;
  const text = file.text
    .slice(info.loc.start, info.loc.end)
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/* ---- exposure in words ---- */

/** At most `max` names, each cut to QUOTE_MAX_CHARS: an `@file` can list a whole file's tokens. */
function listOf(items: string[], max = 5): string {
  const shown = items.slice(0, max).map((t) => boundQuote(t));
  if (items.length <= max) return shown.join(', ');
  return `${shown.join(', ')} and ${items.length - max} more`;
}

function describeUsers(users: readonly HbaName[]): string {
  if (users.some((u) => u.kind === 'keyword')) return 'any user (all)';
  const parts: string[] = [];
  const literals = users.filter((u) => u.kind === 'literal').map((u) => u.token.raw);
  if (literals.length) parts.push(`${literals.length === 1 ? 'user' : 'users'} ${listOf(literals)}`);
  const groups = users.filter((u) => u.kind === 'group');
  for (const g of groups.slice(0, 5)) parts.push(`members of role ${boundQuote(g.value)} (${boundQuote(g.token.raw)})`);
  if (groups.length > 5) parts.push(`members of ${groups.length - 5} more roles`);
  const regexes = users.filter((u) => u.kind === 'regex').map((u) => u.token.raw);
  if (regexes.length) parts.push(`users matching ${listOf(regexes)} (regex)`);
  return parts.join(' or ');
}

function describeDatabases(dbs: readonly HbaName[]): string {
  const parts: string[] = [];
  const kw = (v: string): boolean => dbs.some((d) => d.kind === 'keyword' && d.value === v);
  if (kw('all')) parts.push('any database except replication (all)');
  if (kw('replication')) parts.push('physical replication (replication)');
  if (!kw('all')) {
    if (kw('sameuser')) parts.push('the database named like the user (sameuser)');
    for (const k of ['samerole', 'samegroup']) {
      if (kw(k)) parts.push(`databases named like a role the user belongs to (${k})`);
    }
    const literals = dbs.filter((d) => d.kind === 'literal').map((d) => d.token.raw);
    if (literals.length) parts.push(`${literals.length === 1 ? 'database' : 'databases'} ${listOf(literals)}`);
    const regexes = dbs.filter((d) => d.kind === 'regex').map((d) => d.token.raw);
    if (regexes.length) parts.push(`databases matching ${listOf(regexes)} (regex)`);
  }
  return parts.join(' and ');
}

/** The address as written (each token cut to QUOTE_MAX_CHARS: a scope or host name can be long). */
function written(a: HbaAddress): string {
  return a.maskToken ? `${boundQuote(a.token.raw)} ${boundQuote(a.maskToken.raw)}` : boundQuote(a.token.raw);
}

export function describeAddress(a: HbaAddress | null): string {
  if (a === null) return 'through the local Unix socket';
  switch (a.kind) {
    case 'all':
      return 'from any address (all)';
    case 'samehost':
      return "from any of the server's own IP addresses (samehost)";
    case 'samenet':
      return 'from any subnet the server is directly connected to (samenet)';
    case 'hostname': {
      const h = boundQuote(a.hostname ?? a.token.text);
      return h.startsWith('.') ? `from any host whose DNS name ends in ${h}` : `from host ${h} (by DNS name)`;
    }
  }
  if (!isIp(a)) return `from ${written(a)}`;
  const fam = a.kind === 'ipv4' ? 'IPv4' : 'IPv6';
  const bits = popcount(a.mask);
  if (bits === 0) return `from any ${fam} address (${written(a)})`;
  if (a.prefix === null) return `from ${fam} addresses matching ${formatAddress(a.bytes)} under netmask ${formatAddress(a.mask)} (${written(a)})`;
  const net = `${formatAddress(a.bytes.map((b, i) => b & a.mask[i]!))}/${a.prefix}`;
  const full = a.kind === 'ipv4' ? 32 : 128;
  const what = a.prefix === full ? `${fam} host ${formatAddress(a.bytes)}` : `${fam} network ${net}`;
  return written(a) === net || written(a) === formatAddress(a.bytes) ? `from ${what}` : `from ${what} (${written(a)})`;
}

const CONN_WORDS: Record<HbaConnType, string> = {
  local: '',
  host: '',
  hostssl: ' over SSL',
  hostnossl: ' without SSL',
  hostgssenc: ' over GSSAPI encryption',
  hostnogssenc: ' without GSSAPI encryption',
};

const METHOD_WORDS: Record<string, string> = {
  trust: 'with no password (trust)',
  password: 'with a cleartext password (password)',
  md5: 'with an MD5 password (md5)',
  'scram-sha-256': 'with a SCRAM password (scram-sha-256)',
  cert: 'with a client certificate (cert)',
  ident: "as whoever the client's ident server names (ident)",
  peer: 'as the operating-system user of the same name (peer)',
  gss: 'with Kerberos/GSSAPI (gss)',
  sspi: 'with Windows SSPI (sspi)',
  ldap: 'with a password checked by LDAP (ldap)',
  radius: 'with a password checked by RADIUS (radius)',
  pam: 'with a password checked by PAM (pam)',
  bsd: 'with BSD authentication (bsd)',
  oauth: 'with an OAuth bearer token (oauth)',
};

export function describeMethod(r: HbaRecord): string {
  let how = METHOD_WORDS[r.method] ?? `authenticated by ${r.method}`;
  const cc = r.options.find((o) => o.name === 'clientcert');
  if (cc && r.method !== 'cert') how += ` plus a client certificate (clientcert=${cc.value})`;
  return how;
}

function describeExposure(r: HbaRecord): string {
  const who = describeUsers(r.users);
  const what = describeDatabases(r.databases);
  const where = describeAddress(r.address) + CONN_WORDS[r.connType];
  if (r.method === 'reject') return `connections by ${who} to ${what} ${where} are rejected (reject)`;
  return `${who} can connect to ${what} ${where} ${describeMethod(r)}`;
}

/* ---- allowed networks (config `allowedNetworks`) ---- */

export interface Network {
  bytes: number[];
  mask: number[];
}

/** Parses "10.0.0.0/8" or "fd00::/8"; null when invalid. */
export function parseNetwork(s: string): Network | null {
  const slash = s.indexOf('/');
  if (slash === -1) return null;
  const host = s.slice(0, slash);
  const bitsText = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return null;
  const bytes = parseIPv4(host) ?? parseIPv6(host);
  if (!bytes) return null;
  const bits = Number(bitsText);
  if (bits > bytes.length * 8) return null;
  const mask = bytes.map((_, i) => (0xff << (8 - Math.max(0, Math.min(8, bits - i * 8)))) & 0xff);
  return { bytes, mask };
}

/** The rule option `allowedNetworks` (strings), parsed; invalid entries are ignored. */
export function allowedNetworksOption(options: Readonly<Record<string, unknown>>): Network[] {
  const v = options.allowedNetworks;
  if (!Array.isArray(v)) return [];
  return v.flatMap((s: unknown) => {
    const n = typeof s === 'string' ? parseNetwork(s) : null;
    return n ? [n] : [];
  });
}

/** The record's address lies entirely inside one of the networks. */
export function insideNetworks(info: HbaRecordInfo, networks: readonly Network[]): boolean {
  const a = info.record.address;
  return isIp(a) && networks.some((n) => ipCovers(n, a));
}

/**
 * The `allowedNetworks` option, shared by the hba rules that judge where clients connect from. A
 * rule that declares this very spec also receives the config file's top-level `allowedNetworks`
 * (src/api.ts applies it to every rule that declares it).
 */
export const ALLOWED_NETWORKS = opt.stringArray(
  [],
  'Networks considered safe (CIDR strings); records whose address lies inside one of them are not flagged. Also taken from the top-level `allowedNetworks` of the config file.',
  { pattern: '^[0-9a-fA-F:.]+/[0-9]{1,3}$' },
);

/** Options of the rules that judge network width (hba-wide-network, hba-replication-open). */
export const WIDE_NETWORK_OPTIONS = {
  ipv4Prefix: opt.integer(16, 'IPv4 networks with a shorter prefix than this count as wide.', { minimum: 0, maximum: 32 }),
  ipv6Prefix: opt.integer(48, 'IPv6 networks with a shorter prefix than this count as wide.', { minimum: 0, maximum: 128 }),
  allowedNetworks: ALLOWED_NETWORKS,
};

/** A non-negative integer option, or the default. */
function intOption(options: Readonly<Record<string, unknown>>, name: string, fallback: number): number {
  const v = options[name];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fallback;
}

/** The options of hba-wide-network and hba-replication-open, read with their defaults. */
export function wideNetworkOptions(options: Readonly<Record<string, unknown>>): { ipv4Prefix: number; ipv6Prefix: number; allowed: Network[] } {
  return {
    ipv4Prefix: intOption(options, 'ipv4Prefix', WIDE_NETWORK_OPTIONS.ipv4Prefix.default),
    ipv6Prefix: intOption(options, 'ipv6Prefix', WIDE_NETWORK_OPTIONS.ipv6Prefix.default),
    allowed: allowedNetworksOption(options),
  };
}

/** The record is an IP network wider than the thresholds (fewer mask bits), but not every address. */
export function isWide(info: HbaRecordInfo, ipv4Prefix: number, ipv6Prefix: number): boolean {
  if (info.family === null || info.prefixLength === null || info.isWorld || info.isLoopbackOnly) return false;
  return info.prefixLength < (info.family === 'ipv4' ? ipv4Prefix : ipv6Prefix);
}
