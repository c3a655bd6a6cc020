/**
 * The pg_hba access diff (issue 17): for one cluster in two trees, every class of connections whose
 * first matching pg_hba record changed, merged into readable changes. docs/access-diff.md explains
 * the method; this comment keeps the PostgreSQL facts it rests on.
 *
 * PostgreSQL's check_hba() walks the records in order and takes the first that matches (none:
 * refused); src/backend/libpq/hba.c, postgres/postgres at 288b4288c3db3af24404cf6d4c1d9d5a9c9c1922
 * (check_hba, check_db, check_role, check_ip), the regex branch of check_role/check_db from 16+:
 * - connection type: `local` only the Unix socket; the others only TCP. An SSL connection matches
 *   host/hostssl (and hostnogssenc), a GSS-encrypted one host/hostnossl/hostgssenc, one with
 *   neither host/hostnossl/hostnogssenc.
 * - check_ip: the client address and the record's address must be of the same family
 *   (`raddr->addr.ss_family == addr->sa_family`), then pg_range_sockaddr compares under the mask.
 *   An IPv4 record never matches an IPv6 client, IPv4-mapped (::ffff:a.b.c.d) included; `all`
 *   matches every TCP client.
 * - check_db: a physical replication connection (walsender, not a database walsender) matches only
 *   the unquoted keyword `replication` (`all` does not); other connections match `all`, `sameuser`
 *   (database name equal to the user name), `samerole`/`samegroup` (the user is a member of the role
 *   named as the database), a regex (16+), or the name itself (strcmp: case-sensitive).
 * - check_role: `+role` (unquoted) when the user is a member of role (is_member: a role is a
 *   member of itself), `all`, a regex (16+), or the name.
 * - a quoted keyword is a literal name (token_is_keyword requires !quoted); a leading `/` is a
 *   regex even quoted (regcomp_auth_token looks at the string only).
 * - load_hba: a file with any bad line is not loaded at all (startup fails; a reload keeps the old
 *   rules).
 */
import { effectiveSetting } from '../linter/settings.js';
import { isLoopbackListen } from '../analysis/exposure.js';
import { splitQuotedList } from '../lexical/guc-list.js';
import { parseIPv4, type HbaConnType, type HbaLine } from '../parse/pg-hba.js';
import type { ResolvedCluster } from '../resolve/cluster.js';
import { toJsRegex, describeNames, type NameSetSpec } from './access-names.js';
import { describeAddresses, inRanges, maskRanges, normalize, rangesKey, segmentPoints, SPACE, type Family, type Range } from './access-space.js';
import type { AccessChange, AccessChangeKind, AccessEndpoint, AccessUnknown, Transport } from './types.js';

export type { NameSetSpec } from './access-names.js';
export type { Range } from './access-space.js';

/**
 * Authentication methods from strongest to weakest; methods in one group are of equal strength. A
 * refused connection (no record, or `reject`) is the strongest of all. Moving a class to a later
 * group widens access, to an earlier one narrows it.
 */
export const METHOD_STRENGTH: readonly (readonly string[])[] = [
  ['reject'],
  ['cert'],
  ['scram-sha-256'],
  ['gss', 'sspi', 'peer', 'oauth'],
  ['md5'],
  ['password', 'ldap', 'pam', 'radius', 'bsd'],
  ['ident'],
  ['trust'],
];

const RANK = new Map<string, number>(METHOD_STRENGTH.flatMap((g, i) => g.map((m) => [m, i] as const)));

export const TRANSPORTS: readonly Transport[] = ['local', 'tcp-ssl', 'tcp-gssenc', 'tcp-nossl'];

const APPLIES: Record<HbaConnType, readonly Transport[]> = {
  local: ['local'],
  host: ['tcp-ssl', 'tcp-gssenc', 'tcp-nossl'],
  hostssl: ['tcp-ssl'],
  hostnossl: ['tcp-gssenc', 'tcp-nossl'],
  hostgssenc: ['tcp-gssenc'],
  hostnogssenc: ['tcp-ssl', 'tcp-nossl'],
};

/** Regexes of one column whose matches split the "other names" class: 2^n classes, so bounded. */
export const MAX_SPLIT_REGEXES = 5;

/**
 * Work per transport past which the diff stops and says so (AccessUnknown 'too-complex'): class
 * pairs evaluated, records filtered. A file whose records name thousands of databases and
 * thousands of users on the same addresses has that many classes; the pull request's author
 * writes the file, so the cost is bounded, not trusted.
 */
export const MAX_WORK = 20_000_000;

class TooComplex extends Error {}

/** Counts work against MAX_WORK. */
class Budget {
  used = 0;
  spend(n: number): void {
    this.used += n;
    if (this.used > MAX_WORK) throw new TooComplex();
  }
}

/** Options whose values are credentials: compared, never shown. */
const SECRET_OPTIONS = new Set(['ldapbindpasswd', 'radiussecrets']);

/** A set of connections whose first match changed, as data (the AccessChange at the same index describes it). */
export interface AccessClassSpec {
  transport: Transport;
  databases: NameSetSpec;
  users: NameSetSpec;
  /** Client addresses per family; null for the local socket. */
  addresses: { v4: Range[]; v6: Range[] } | null;
}

export interface AccessDiff {
  access: AccessChange[];
  unknown: AccessUnknown[];
}

export interface AccessDiffDetailed extends AccessDiff {
  /** specs[i] is access[i] as sets (for tools and tests). */
  specs: AccessClassSpec[];
}

interface Rx {
  source: string;
  re: RegExp | null;
}

interface Rec {
  side: 0 | 1;
  idx: number;
  conn: HbaConnType;
  dbAll: boolean;
  dbRepl: boolean;
  dbSame: boolean;
  dbNames: Set<string>;
  dbRx: Rx[];
  userAll: boolean;
  userNames: Set<string>;
  userRx: Rx[];
  v4: Range[];
  v6: Range[];
  ep: AccessEndpoint;
  /** Method and options, unmasked: two records with equal cmp grant the same thing. */
  cmp: string;
  /** cmp without clientcert. */
  cmpNoCert: string;
  rank: number;
  /** clientcert: 0 off, 1 verify-ca (or ≤11's clientcert=1), 2 verify-full. */
  cc: number;
  /** Everything that decides what the record matches and grants (not its position in the file). */
  sem: string;
  /** What the files cannot tell about this record (group membership, host names, …). */
  unknowns: AccessUnknown[];
  /** Its addresses are unknown (host name, samehost, samenet): it may match any client. */
  anyAddress: boolean;
}

interface Side {
  recs: Rec[];
  transports: Set<Transport>;
  allowed: Record<Family, Range[]>;
  /** password_encryption, when the tree has a postgresql.conf. */
  passwordEncryption: string | null;
  sem: string;
}

type Unknowns = Map<string, AccessUnknown>;

function addUnknown(u: Unknowns, x: AccessUnknown): void {
  const k = `${x.code}\0${x.file}\0${x.line}`;
  if (!u.has(k)) u.set(k, x);
}

const FULL: Record<Family, Range[]> = { 4: [{ lo: 0n, hi: SPACE[4] }], 6: [{ lo: 0n, hi: SPACE[6] }] };

/** Bounded quoting of a file's text in a message. */
function q(s: string): string {
  return s.length > 80 ? `"${s.slice(0, 77)}…"` : `"${s}"`;
}

/* ---------------------------------------------------------------- sides */

function settingValue(c: ResolvedCluster, name: string): boolean | number | string | undefined {
  // The value the server runs with (a file's, else the major's default), as the rules see it.
  return effectiveSetting(c, name)?.value;
}

/**
 * The client addresses TCP connections can come from, by listen_addresses: '' none; only loopback
 * names (localhost, 127.x.x.x, ::1) the loopback ranges; `0.0.0.0` / `::` every address of one
 * family; anything else (`*`, another address, a host name) every address of its family or, for
 * `*` and names, of both: the diff does not guess the machine's other interface addresses.
 */
function listenRanges(value: string): Record<Family, Range[]> {
  const out: Record<Family, Range[]> = { 4: [], 6: [] };
  // SplitGUCList, as PostmasterMain reads it (src/lexical/guc-list.ts); a list it cannot split
  // stops the server, and then nothing is assumed about the clients: every address.
  const list = splitQuotedList(value);
  const entries = list ? list.map((e) => e.name) : ['*'];
  const loop4: Range = { lo: 127n << 24n, hi: 128n << 24n };
  const loop6: Range = { lo: 1n, hi: 2n };
  for (const e of entries) {
    if (e === 'localhost') {
      out[4].push(loop4);
      out[6].push(loop6);
    } else if (isLoopbackListen(e)) out[e === '::1' ? 6 : 4].push(e === '::1' ? loop6 : loop4);
    else if (e === '::' || /^[0-9a-fA-F:]+$/.test(e)) out[6].push(...FULL[6]);
    else {
      const v4 = parseIPv4(e);
      if (v4 && v4[0] === 127) out[4].push(loop4);
      else if (v4) out[4].push(...FULL[4]);
      else {
        out[4].push(...FULL[4]);
        out[6].push(...FULL[6]);
      }
    }
  }
  return { 4: normalize(out[4]), 6: normalize(out[6]) };
}

function emptySide(): Side {
  return { recs: [], transports: new Set(TRANSPORTS), allowed: FULL, passwordEncryption: null, sem: '' };
}

interface BuiltSide {
  side: Side;
  /** The first line PostgreSQL rejects (the file does not load), when there is one. */
  notLoaded: { file: string; line: number } | null;
  /** Lines we did not read (outside the repository, past a bound): reported even when nothing else differs. */
  unread: Unknowns;
}

function buildSide(c: ResolvedCluster | null, sideNo: 0 | 1, displayPath: (abs: string) => string): BuiltSide {
  // one display path per file, not per record
  const shown = new Map<string, string>();
  const display = (abs: string): string => {
    let v = shown.get(abs);
    if (v === undefined) shown.set(abs, (v = displayPath(abs)));
    return v;
  };
  const unread: Unknowns = new Map();
  if (!c) return { side: emptySide(), notLoaded: null, unread };
  const major = c.input.major;
  const side = emptySide();
  if (major < 12) side.transports.delete('tcp-gssenc');
  if (c.conf) {
    if (settingValue(c, 'ssl') === false) side.transports.delete('tcp-ssl');
    const listen = settingValue(c, 'listen_addresses');
    if (typeof listen === 'string') side.allowed = listenRanges(listen);
    if (side.allowed[4].length === 0 && side.allowed[6].length === 0) {
      for (const t of ['tcp-ssl', 'tcp-gssenc', 'tcp-nossl'] as const) side.transports.delete(t);
    }
    const sockets = settingValue(c, 'unix_socket_directories');
    if (typeof sockets === 'string' && sockets.trim() === '') side.transports.delete('local');
    const pe = settingValue(c, 'password_encryption');
    side.passwordEncryption = typeof pe === 'string' ? pe : null;
  }
  const hba = c.hba;
  if (!hba) return { side, notLoaded: null, unread };
  let notLoaded: { file: string; line: number } | null = null;
  if (hba.lines.length === 0) notLoaded = { file: display(hba.file.absPath), line: 1 };
  const recs: Rec[] = [];
  for (const l of hba.lines) {
    const p = l.problem;
    if (p) {
      const ours = p.code === 'not-allowed' || p.code === 'git-dir' || p.code === 'limit';
      if (ours) {
        addUnknown(unread, {
          code: p.code === 'limit' ? 'limit' : 'include-outside',
          message:
            p.code === 'limit'
              ? 'part of pg_hba.conf was not read (an expansion bound); the records it holds are left out of the diff'
              : 'this line reads a file outside the repository (an @file or an include), which is not read; the line is left out of the diff',
          file: display(l.file.absPath),
          line: l.line,
        });
      } else if (!notLoaded) notLoaded = { file: display(l.file.absPath), line: l.line };
      continue;
    }
    if (l.record) recs.push(toRec(l, sideNo, recs.length, display));
  }
  side.recs = recs;
  side.sem = recs.map((r) => r.sem).join('\n');
  return { side, notLoaded, unread };
}

function toRec(l: HbaLine, side: 0 | 1, idx: number, display: (abs: string) => string): Rec {
  const r = l.record!;
  const file = display(l.file.absPath);
  const notes: AccessUnknown[] = [];
  const unknown = (code: string, message: string): void => {
    if (!notes.some((n) => n.code === code)) notes.push({ code, message, file, line: l.line });
  };
  const rx = (source: string): Rx => {
    const re = toJsRegex(source);
    if (!re) unknown('regex', `the regular expression ${q('/' + source)} uses constructs the diff does not evaluate: which listed names it matches is not decided (taken as none)`);
    return { source, re };
  };
  const rec: Rec = {
    side,
    idx,
    conn: r.connType,
    dbAll: false,
    dbRepl: false,
    dbSame: false,
    dbNames: new Set(),
    dbRx: [],
    userAll: false,
    userNames: new Set(),
    userRx: [],
    v4: [],
    v6: [],
    ep: { method: r.method, options: (r.viewOptions ?? []).map(maskOption), file, line: l.line },
    cmp: '',
    cmpNoCert: '',
    rank: RANK.get(r.method) ?? METHOD_STRENGTH.length,
    cc: 0,
    sem: '',
    unknowns: notes,
    anyAddress: false,
  };
  for (const d of r.databases) {
    if (d.kind === 'keyword') {
      if (d.value === 'all') rec.dbAll = true;
      else if (d.value === 'replication') rec.dbRepl = true;
      else if (d.value === 'sameuser') rec.dbSame = true;
      else {
        rec.dbSame = true;
        unknown(
          'samerole',
          `${d.value} matches a user who is a member of the role named as the database; role membership is not in the files, so the diff counts only the user named as the database (as sameuser)`,
        );
      }
    } else if (d.kind === 'regex') rec.dbRx.push(rx(d.value));
    else rec.dbNames.add(d.value);
  }
  for (const u of r.users) {
    if (u.kind === 'keyword') rec.userAll = true;
    else if (u.kind === 'group') {
      rec.userNames.add(u.value);
      unknown(
        'group-membership',
        `+${u.value.length > 60 ? u.value.slice(0, 57) + '…' : u.value} matches the members of role ${q(u.value)}; membership is not in the files, so the diff counts only the role itself (a role is a member of itself)`,
      );
    } else if (u.kind === 'regex') rec.userRx.push(rx(u.value));
    else rec.userNames.add(u.value);
  }
  const a = r.address;
  if (a) {
    if (a.kind === 'all') {
      rec.v4 = FULL[4];
      rec.v6 = FULL[6];
    } else if (a.kind === 'ipv4' || a.kind === 'ipv6') {
      const ranges = maskRanges(a.bytes!, a.mask!, a.prefix);
      if (ranges === null) unknown('netmask', 'the netmask is not contiguous and matches too many separate blocks to list: the record is taken to match no address');
      else if (a.kind === 'ipv4') rec.v4 = ranges;
      else rec.v6 = ranges;
    } else if (a.kind === 'hostname') {
      rec.anyAddress = true;
      unknown(
        'hostname',
        `the host name ${q(a.hostname ?? '')} matches clients whose address resolves to it (both ways), which depends on DNS: the diff takes the record to match no client`,
      );
    } else {
      rec.anyAddress = true;
      unknown(
        a.kind,
        `${a.kind} matches clients on ${a.kind === 'samehost' ? "the server's own addresses" : "the server's subnets"}, which depend on the machine's interfaces: the diff takes the record to match no client`,
      );
    }
  }
  const opts = r.viewOptions ?? [];
  rec.cmp = `${r.method}\0${opts.join('\0')}`;
  rec.cmpNoCert = `${r.method}\0${opts.filter((o) => !o.startsWith('clientcert=')).join('\0')}`;
  const cc = opts.find((o) => o.startsWith('clientcert='));
  rec.cc = cc === 'clientcert=verify-full' ? 2 : cc ? 1 : 0;
  rec.sem = [
    r.connType,
    +rec.dbAll,
    +rec.dbRepl,
    +rec.dbSame,
    [...rec.dbNames].sort().join('\u0001'),
    rec.dbRx.map((x) => x.source).join('\u0001'),
    +rec.userAll,
    [...rec.userNames].sort().join('\u0001'),
    rec.userRx.map((x) => x.source).join('\u0001'),
    rangesKey(rec.v4),
    rangesKey(rec.v6),
    rec.cmp,
  ].join('\u0002');
  return rec;
}

function maskOption(o: string): string {
  const eq = o.indexOf('=');
  return eq !== -1 && SECRET_OPTIONS.has(o.slice(0, eq)) ? `${o.slice(0, eq)}=****` : o;
}

/* ---------------------------------------------------------------- change kinds */

function refuses(r: Rec | null): boolean {
  return r === null || r.rank === 0;
}

/** widened / narrowed / changed, or null when the two answers grant the same thing. */
function changeKind(b: Rec | null, a: Rec | null): AccessChangeKind | null {
  if (refuses(b) && refuses(a)) return null;
  if (b && a && b.cmp === a.cmp) return null;
  const rb = b ? b.rank : 0;
  const ra = a ? a.rank : 0;
  if (ra > rb) return 'widened';
  if (ra < rb) return 'narrowed';
  if (b && a && b.cmpNoCert === a.cmpNoCert && b.cc !== a.cc) return a.cc < b.cc ? 'widened' : 'narrowed';
  return 'changed';
}

/* ---------------------------------------------------------------- classes */

type DbClass = { kind: 'repl' } | { kind: 'name'; name: string } | { kind: 'other'; vec: boolean[] };
type UserClass = { kind: 'name'; name: string } | { kind: 'other'; vec: boolean[] } | { kind: 'same'; vec: boolean[] };

function vectors(n: number): boolean[][] {
  const out: boolean[][] = [];
  for (let c = 0; c < 1 << n; c++) out.push(Array.from({ length: n }, (_, i) => (c & (1 << (n - 1 - i))) !== 0));
  return out;
}

function rxMatches(list: readonly Rx[], name: string): boolean {
  return list.some((x) => x.re !== null && x.re.test(name));
}

/** The bit of each regex for an "other" name: regexes past the split limit count as not matching. */
function rxBits(list: readonly Rx[], index: ReadonlyMap<string, number>, vec: readonly boolean[]): boolean {
  return list.some((x) => {
    const i = index.get(x.source);
    return i !== undefined && vec[i] === true;
  });
}

function mergeSorted(a: readonly Rec[], b: readonly Rec[]): Rec[] {
  if (a.length === 0) return b.slice();
  if (b.length === 0) return a.slice();
  const out: Rec[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.idx < b[j]!.idx)) out.push(a[i++]!);
    else if (i >= a.length || b[j]!.idx < a[i]!.idx) out.push(b[j++]!);
    else {
      out.push(a[i++]!);
      j++;
    }
  }
  return out;
}

function regexList(recs: Iterable<Rec>, pick: (r: Rec) => readonly Rx[]): string[] {
  const s = new Set<string>();
  for (const r of recs) for (const x of pick(r)) s.add(x.source);
  return [...s].sort();
}

interface Cell {
  b: Rec | null;
  a: Rec | null;
  kind: AccessChangeKind;
  v4: Range[];
  v6: Range[];
}

function pairKey(b: Rec | null, a: Rec | null): string {
  return `${b ? b.idx : -1}|${a ? a.idx : -1}`;
}

/** The first match per elementary address segment, for both versions; changed segments grouped by pair. */
function sweep(B: readonly Rec[], A: readonly Rec[], allowB: Record<Family, Range[]>, allowA: Record<Family, Range[]>, cells: Map<string, Cell>): void {
  for (const family of [4, 6] as const) {
    const pick = (r: Rec): Range[] => (family === 4 ? r.v4 : r.v6);
    // no record of either version matches this family: refused on both sides
    if (!B.some((r) => pick(r).length) && !A.some((r) => pick(r).length)) continue;
    const lists = function* (): Generator<readonly Range[]> {
      for (const r of B) yield pick(r);
      for (const r of A) yield pick(r);
      yield allowB[family];
      yield allowA[family];
    };
    const { p, index } = segmentPoints(family, lists());
    const segs = p.length - 1;
    const at = { get: index };
    const paint = (recs: readonly Rec[], allow: Range[]): (Rec | null)[] => {
      const first = new Array<Rec | null>(segs).fill(null);
      // next[i]: the first unpainted segment at or after i (path-halved skip pointers)
      const next = new Int32Array(segs + 1);
      for (let i = 0; i <= segs; i++) next[i] = i;
      const find = (i: number): number => {
        while (next[i] !== i) {
          next[i] = next[next[i]!]!;
          i = next[i]!;
        }
        return i;
      };
      // segments the side does not listen on: no connection there, refused
      let prev = 0;
      const block = (from: number, to: number): void => {
        for (let i = find(from); i < to; i = find(i)) next[i] = i + 1;
      };
      for (const x of allow) {
        block(prev, at.get(x.lo)!);
        prev = at.get(x.hi)!;
      }
      block(prev, segs);
      for (const r of recs) {
        for (const x of pick(r)) {
          const to = at.get(x.hi)!;
          for (let i = find(at.get(x.lo)!); i < to; i = find(i)) {
            first[i] = r;
            next[i] = i + 1;
          }
        }
      }
      return first;
    };
    const fb = paint(B, allowB[family]);
    const fa = paint(A, allowA[family]);
    for (let i = 0; i < segs; i++) {
      const b = fb[i]!;
      const a = fa[i]!;
      const kind = changeKind(b, a);
      if (!kind) continue;
      const k = pairKey(b, a);
      let c = cells.get(k);
      if (!c) cells.set(k, (c = { b, a, kind, v4: [], v6: [] }));
      const list = family === 4 ? c.v4 : c.v6;
      const last = list[list.length - 1];
      if (last && last.hi === p[i]) last.hi = p[i + 1]!;
      else list.push({ lo: p[i]!, hi: p[i + 1]! });
    }
  }
}

interface Group {
  b: Rec | null;
  a: Rec | null;
  kind: AccessChangeKind;
  addresses: { v4: Range[]; v6: Range[] } | null;
  addrKey: string;
}

/** Interned keys of name lists, so that grouping by a set does not build its text every time. */
class Interner {
  private readonly byRef = new WeakMap<readonly string[], number>();
  private readonly byText = new Map<string, number>();
  id(list: readonly string[]): number {
    let v = this.byRef.get(list);
    if (v === undefined) {
      const text = list.join('\u0000');
      v = this.byText.get(text);
      if (v === undefined) this.byText.set(text, (v = this.byText.size));
      this.byRef.set(list, v);
    }
    return v;
  }
}

function specKey(s: NameSetSpec, intern: Interner): string {
  const part = (p: { except: string[]; regexes: string[]; vectors: boolean[][]; notSame?: boolean } | null): string =>
    p ? `${intern.id(p.except)}/${intern.id(p.regexes)}/${p.vectors.map((v) => v.map((b) => +b).join('')).join(',')}/${p.notSame ? 1 : 0}` : '-';
  return `${+s.replication}|${intern.id(s.names)}|${part(s.others)}|${part(s.same)}`;
}

function vecKey(v: readonly boolean[]): string {
  return v.map((b) => +b).join('');
}

function sortVecs(vs: boolean[][]): boolean[][] {
  return vs.sort((x, y) => (vecKey(x) < vecKey(y) ? -1 : vecKey(x) > vecKey(y) ? 1 : 0));
}

function minus(list: readonly string[], drop: readonly string[]): string[] {
  if (drop.length === 0) return list as string[];
  const d = new Set(drop);
  return list.filter((n) => !d.has(n));
}

/**
 * The set of a group of classes of one context: listed names, "other" names by regex vector, and
 * (users) the user named as the database. Folded so that the same set has the same spec whatever
 * context it came from: {a} ∪ other-than-{a,b} is "other than {b}".
 */
function buildSpec(
  names: string[],
  others: boolean[][] | null,
  same: boolean[][] | null,
  ctx: { listed: string[]; regexes: string[]; notSame: boolean; sameExcept: string[] },
  replication: boolean,
): NameSetSpec {
  names.sort();
  const full = 1 << ctx.regexes.length;
  let spec: NameSetSpec = { names, others: null, same: null, replication };
  let o = others;
  let s = same;
  if (o && s && o.length === s.length && o.every((v, i) => vecKey(v) === vecKey(s![i]!))) {
    // the user named as the database joins the other users: no split left
    spec.others = { except: ctx.listed, regexes: ctx.regexes, vectors: sortVecs(o), notSame: false };
    s = null;
    o = null;
  }
  if (o) spec.others = { except: ctx.listed, regexes: ctx.regexes, vectors: sortVecs(o), notSame: ctx.notSame };
  if (s) spec.same = { except: ctx.sameExcept, regexes: ctx.regexes, vectors: sortVecs(s) };
  if (spec.others && spec.others.vectors.length === full) {
    spec = { ...spec, names: [], others: { except: minus(spec.others.except, names), regexes: [], vectors: [[]], notSame: spec.others.notSame } };
  }
  if (spec.same && spec.same.vectors.length === full) spec.same = { except: spec.same.except, regexes: [], vectors: [[]] };
  return spec;
}

/* ---------------------------------------------------------------- the diff */

interface Collected {
  transport: Transport;
  db: NameSetSpec;
  user: NameSetSpec;
  g: Group;
}

function diffTransport(t: Transport, B: Rec[], A: Rec[], sb: Side, sa: Side, out: Collected[], unknowns: Unknowns, onlyReplication: boolean, budget: Budget): void {
  const all = [...B, ...A];
  const sameInPlay = all.some((r) => r.dbSame);
  const listedSet = new Set<string>();
  for (const r of all) for (const n of r.dbNames) listedSet.add(n);
  if (sameInPlay) for (const r of all) for (const n of r.userNames) listedSet.add(n);
  const L = [...listedSet].sort();
  let DR = regexList(all, (r) => r.dbRx);
  if (DR.length > MAX_SPLIT_REGEXES) {
    limitUnknown(all, (r) => r.dbRx, unknowns, 'database');
    DR = DR.slice(0, MAX_SPLIT_REGEXES);
  }
  const dbIndex = new Map(DR.map((s, i) => [s, i]));

  const classes: DbClass[] = [];
  if (all.some((r) => r.dbRepl)) classes.push({ kind: 'repl' });
  for (const n of L) classes.push({ kind: 'name', name: n });
  for (const v of vectors(DR.length)) classes.push({ kind: 'other', vec: v });

  const index = (recs: Rec[]): { wild: Rec[]; byName: Map<string, Rec[]>; repl: Rec[] } => {
    const wild: Rec[] = [];
    const byName = new Map<string, Rec[]>();
    const repl: Rec[] = [];
    for (const r of recs) {
      if (r.dbRepl) repl.push(r);
      if (r.dbAll || r.dbSame || r.dbRx.length) wild.push(r);
      for (const n of r.dbNames) {
        let l = byName.get(n);
        if (!l) byName.set(n, (l = []));
        l.push(r);
      }
    }
    return { wild, byName, repl };
  };
  const ib = index(B);
  const ia = index(A);
  const dbMay = (ix: ReturnType<typeof index>, x: DbClass): Rec[] => {
    if (x.kind === 'repl') return ix.repl;
    if (x.kind === 'name') {
      const n = x.name;
      return mergeSorted(
        ix.byName.get(n) ?? [],
        ix.wild.filter((r) => r.dbAll || r.dbSame || rxMatches(r.dbRx, n)),
      );
    }
    return ix.wild.filter((r) => r.dbAll || r.dbSame || rxBits(r.dbRx, dbIndex, x.vec));
  };

  const allowSame = rangesKey(sb.allowed[4]) === rangesKey(sa.allowed[4]) && rangesKey(sb.allowed[6]) === rangesKey(sa.allowed[6]);
  const groups = new Map<string, { g: Group; user: NameSetSpec; xs: DbClass[] }>();
  const memo = new Map<string, Map<string, Cell>>();
  const intern = new Interner();
  const tcp = t !== 'local';

  for (const x of classes) {
    if (onlyReplication && x.kind !== 'repl') continue;
    const RB = dbMay(ib, x);
    const RA = dbMay(ia, x);
    budget.spend(1 + RB.length + RA.length + ib.wild.length + ia.wild.length);
    if (RB.length === 0 && RA.length === 0) continue;
    const inX = [...RB, ...RA];
    const sameInX = x.kind !== 'repl' && inX.some((r) => r.dbSame);
    const uset = new Set<string>();
    for (const r of inX) for (const n of r.userNames) uset.add(n);
    if (x.kind === 'name' && sameInX) uset.add(x.name);
    const U = [...uset].sort();
    let UR = regexList(inX, (r) => r.userRx);
    if (UR.length > MAX_SPLIT_REGEXES) {
      limitUnknown(inX, (r) => r.userRx, unknowns, 'user');
      UR = UR.slice(0, MAX_SPLIT_REGEXES);
    }
    const userIndex = new Map(UR.map((s, i) => [s, i]));
    const diag = x.kind === 'other' && sameInX;
    const uclasses: UserClass[] = U.map((n) => ({ kind: 'name', name: n }));
    for (const v of vectors(UR.length)) uclasses.push({ kind: 'other', vec: v });
    if (diag && x.kind === 'other') {
      // the user named as the database: a regex that is in both columns has one answer for that name
      for (const v of vectors(UR.length)) {
        if (UR.every((s, i) => !dbIndex.has(s) || x.vec[dbIndex.get(s)!] === v[i])) uclasses.push({ kind: 'same', vec: v });
      }
    }
    const dbMatch = (r: Rec, y: UserClass): boolean => {
      if (x.kind === 'repl') return r.dbRepl;
      if (r.dbAll) return true;
      if (x.kind === 'name') {
        if (r.dbNames.has(x.name) || rxMatches(r.dbRx, x.name)) return true;
        return r.dbSame && y.kind === 'name' && y.name === x.name;
      }
      if (rxBits(r.dbRx, dbIndex, x.vec)) return true;
      return r.dbSame && y.kind === 'same';
    };
    const userMatch = (r: Rec, y: UserClass): boolean => {
      if (r.userAll) return true;
      if (y.kind === 'name') return r.userNames.has(y.name) || rxMatches(r.userRx, y.name);
      return rxBits(r.userRx, userIndex, y.vec);
    };
    // per user name, the records naming it; the rest (all, regexes) are tried for every user class
    const byUser = (recs: Rec[]): { wild: Rec[]; named: Map<string, Rec[]> } => {
      const wild: Rec[] = [];
      const named = new Map<string, Rec[]>();
      for (const r of recs) {
        if (r.userAll || r.userRx.length) wild.push(r);
        for (const n of r.userNames) {
          let l = named.get(n);
          if (!l) named.set(n, (l = []));
          l.push(r);
        }
      }
      return { wild, named };
    };
    const ub = byUser(RB);
    const ua = byUser(RA);
    const recsFor = (u: ReturnType<typeof byUser>, y: UserClass): Rec[] => {
      const wild = u.wild.filter((r) => dbMatch(r, y) && userMatch(r, y));
      if (y.kind !== 'name') return wild;
      const named = u.named.get(y.name);
      return named ? mergeSorted(named.filter((r) => dbMatch(r, y)), wild) : wild;
    };
    const perX = new Map<string, { g: Group; names: string[]; others: boolean[][]; same: boolean[][] }>();
    for (const y of uclasses) {
      const YB = recsFor(ub, y);
      const YA = recsFor(ua, y);
      budget.spend(1 + ub.wild.length + ua.wild.length + YB.length + YA.length);
      const cells = new Map<string, Cell>();
      // the same records in the same order, on the same addresses, give the same answers
      const unchanged = allowSame && YB.length === YA.length && YB.every((r, i) => r.sem === YA[i]!.sem);
      if (unchanged) continue;
      // classes with the same records (a name listed only as a user, say) have the same answers
      const memoKey = `${YB.map((r) => r.idx).join(',')}|${YA.map((r) => r.idx).join(',')}`;
      const known = memo.get(memoKey);
      if (known) {
        for (const [k, c] of known) cells.set(k, c);
      } else if (!tcp) {
        const b = YB[0] ?? null;
        const a = YA[0] ?? null;
        const kind = changeKind(b, a);
        if (kind) cells.set(pairKey(b, a), { b, a, kind, v4: [], v6: [] });
      } else {
        sweep(YB, YA, sb.allowed, sa.allowed, cells);
      }
      if (!known) memo.set(memoKey, cells);
      for (const [pk, c] of cells) {
        const addrKey = tcp ? `${rangesKey(c.v4)}/${rangesKey(c.v6)}` : 'local';
        const k = `${pk}#${addrKey}`;
        let e = perX.get(k);
        if (!e) perX.set(k, (e = { g: { b: c.b, a: c.a, kind: c.kind, addresses: tcp ? { v4: c.v4, v6: c.v6 } : null, addrKey }, names: [], others: [], same: [] }));
        if (y.kind === 'name') e.names.push(y.name);
        else if (y.kind === 'other') e.others.push(y.vec);
        else e.same.push(y.vec);
      }
    }
    for (const [k, e] of perX) {
      const user = buildSpec(e.names, e.others.length ? e.others : null, e.same.length ? e.same : null, { listed: U, regexes: UR, notSame: diag, sameExcept: L }, false);
      const gk = `${k}#${specKey(user, intern)}`;
      let G = groups.get(gk);
      if (!G) groups.set(gk, (G = { g: e.g, user, xs: [] }));
      G.xs.push(x);
    }
  }

  for (const G of groups.values()) {
    const names: string[] = [];
    const others: boolean[][] = [];
    let repl = false;
    for (const x of G.xs) {
      if (x.kind === 'repl') repl = true;
      else if (x.kind === 'name') names.push(x.name);
      else others.push(x.vec);
    }
    const db = buildSpec(names, others.length ? others : null, null, { listed: L, regexes: DR, notSame: false, sameExcept: L }, repl);
    out.push({ transport: t, db, user: G.user, g: G.g });
  }
}

/* ---------------------------------------------------------------- names only: one sweep */

/** A set of records that knows its first (lowest-numbered) record. */
class FirstSet {
  private readonly set = new Set<Rec>();
  private first: Rec | null = null;
  private dirty = false;
  get size(): number {
    return this.set.size;
  }
  add(r: Rec): void {
    this.set.add(r);
    if (!this.dirty && (this.first === null || r.idx < this.first.idx)) this.first = r;
  }
  delete(r: Rec): void {
    this.set.delete(r);
    if (this.first === r) this.dirty = true;
  }
  get(): Rec | null {
    if (this.dirty) {
      this.first = null;
      for (const r of this.set) if (this.first === null || r.idx < this.first.idx) this.first = r;
      this.dirty = false;
    }
    return this.first;
  }
}

function earliest(...rs: (Rec | null | undefined)[]): Rec | null {
  let best: Rec | null = null;
  for (const r of rs) if (r && (best === null || r.idx < best.idx)) best = r;
  return best;
}

/** One side's records covering the current address segment, by what they name. */
class Covering {
  /** all databases, all users */
  readonly ww = new FirstSet();
  /** named database, all users */
  readonly xw = new Map<string, FirstSet>();
  /** all databases, named user */
  readonly wy = new Map<string, FirstSet>();
  /** named database and user: key database \0 user */
  readonly xy = new Map<string, FirstSet>();
}

function bump(m: Map<string, number>, k: string, by: number): void {
  const v = (m.get(k) ?? 0) + by;
  if (v === 0) m.delete(k);
  else m.set(k, v);
}

function touch(m: Map<string, FirstSet>, k: string, r: Rec, add: boolean): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new FirstSet()));
  if (add) s.add(r);
  else {
    s.delete(r);
    if (s.size === 0) m.delete(k);
  }
}

function simpleSpec(names: string[], except: string[] | null): NameSetSpec {
  return except ? { names: [], others: { except, regexes: [], vectors: [[]], notSame: false }, same: null, replication: false } : { names, others: null, same: null, replication: false };
}

/** The union of name sets without regexes or sameuser (those of the names-only sweep). */
function unionSimple(specs: readonly NameSetSpec[]): NameSetSpec {
  const names = new Set<string>();
  let except: Set<string> | null = null;
  for (const s of specs) {
    for (const n of s.names) names.add(n);
    if (s.others) {
      if (except === null) except = new Set(s.others.except);
      else {
        const keep: Set<string> = new Set();
        for (const n of s.others.except) if (except.has(n)) keep.add(n);
        except = keep;
      }
    }
  }
  if (except) {
    for (const n of names) except.delete(n);
    return simpleSpec([], [...except].sort());
  }
  return simpleSpec([...names].sort(), null);
}

/**
 * When no record of the transport uses a regex, sameuser or samerole, a connection's answer on an
 * address segment depends only on which of the names it carries are named by a record covering
 * that segment: with X the databases and Y the users named there, (x ∉ X, y ∉ Y) all get the answer
 * of the all/all records, (x ∈ X, y ∉ Y) that of x's records too, and so on. One sweep over the
 * address segments, keeping the covering records by what they name, gives every class at a cost of
 * segments × (|X| + |Y| + |X|·|Y|), not databases × users. Physical replication is left to the
 * general path (diffTransport with onlyReplication).
 */
function diffTransportFast(t: Transport, B: Rec[], A: Rec[], sb: Side, sa: Side, out: Collected[], budget: Budget): void {
  const recs = [...B, ...A].filter((r) => r.dbAll || r.dbNames.size > 0);
  if (recs.length === 0) return;
  const tcp = t !== 'local';
  const intern = new Interner();
  interface Acc {
    db: NameSetSpec;
    user: NameSetSpec;
    dbKey: string;
    userKey: string;
    b: Rec | null;
    a: Rec | null;
    kind: AccessChangeKind;
    v4: Range[];
    v6: Range[];
  }
  const acc = new Map<string, Acc>();
  const specKeyOf = (names: string[], except: string[] | null): string => (except ? `o${intern.id(except)}` : `n${intern.id(names)}`);

  const run = (family: Family | null): void => {
    const pick = (r: Rec): Range[] => (family === 4 ? r.v4 : r.v6);
    let p: bigint[] = [0n, 1n];
    let bisect = (_: bigint): number => 0;
    if (family !== null) {
      if (!recs.some((r) => pick(r).length)) return;
      ({ p, index: bisect } = segmentPoints(family, [...recs.map(pick), sb.allowed[family], sa.allowed[family]]));
    }
    const segs = p.length - 1;
    const starts: Rec[][] = Array.from({ length: segs + 1 }, () => []);
    const ends: Rec[][] = Array.from({ length: segs + 1 }, () => []);
    for (const r of recs) {
      if (family === null) starts[0]!.push(r);
      else {
        for (const x of pick(r)) {
          starts[bisect(x.lo)]!.push(r);
          ends[bisect(x.hi)]!.push(r);
        }
      }
    }
    const cov = [new Covering(), new Covering()] as const;
    const xCount = new Map<string, number>();
    const yCount = new Map<string, number>();
    const apply = (r: Rec, add: boolean): void => {
      const c = cov[r.side];
      const by = add ? 1 : -1;
      if (r.dbAll && r.userAll) {
        if (add) c.ww.add(r);
        else c.ww.delete(r);
      } else if (r.dbAll) {
        for (const y of r.userNames) {
          touch(c.wy, y, r, add);
          bump(yCount, y, by);
        }
      } else if (r.userAll) {
        for (const x of r.dbNames) {
          touch(c.xw, x, r, add);
          bump(xCount, x, by);
        }
      } else {
        for (const x of r.dbNames) {
          bump(xCount, x, by);
          for (const y of r.userNames) touch(c.xy, `${x}\u0000${y}`, r, add);
        }
        for (const y of r.userNames) bump(yCount, y, by);
      }
    };
    const emit = (dbNames: string[], dbExcept: string[] | null, userNames: string[], userExcept: string[] | null, b: Rec | null, a: Rec | null, i: number): void => {
      const kind = changeKind(b, a);
      if (!kind) return;
      const dbKey = specKeyOf(dbNames, dbExcept);
      const userKey = specKeyOf(userNames, userExcept);
      const k = `${dbKey}|${userKey}|${pairKey(b, a)}`;
      let e = acc.get(k);
      if (!e) acc.set(k, (e = { db: simpleSpec(dbNames, dbExcept), user: simpleSpec(userNames, userExcept), dbKey, userKey, b, a, kind, v4: [], v6: [] }));
      if (family === null) return;
      const list = family === 4 ? e.v4 : e.v6;
      const last = list[list.length - 1];
      if (last && last.hi === p[i]) last.hi = p[i + 1]!;
      else list.push({ lo: p[i]!, hi: p[i + 1]! });
    };
    for (let i = 0; i < segs; i++) {
      for (const r of ends[i]!) apply(r, false);
      for (const r of starts[i]!) apply(r, true);
      if (xCount.size === 0 && yCount.size === 0 && cov[0].ww.size === 0 && cov[1].ww.size === 0) continue;
      const open = [family === null || inRanges(sb.allowed[family], p[i]!), family === null || inRanges(sa.allowed[family], p[i]!)];
      const X = [...xCount.keys()].sort();
      const Y = [...yCount.keys()].sort();
      budget.spend(1 + X.length + Y.length + X.length * Y.length);
      const first = (side: 0 | 1, x: string | null, y: string | null): Rec | null => {
        if (!open[side]) return null;
        const c = cov[side];
        return earliest(c.ww.get(), x === null ? null : c.xw.get(x)?.get(), y === null ? null : c.wy.get(y)?.get(), x === null || y === null ? null : c.xy.get(`${x}\u0000${y}`)?.get());
      };
      const answer = (x: string | null, y: string | null): { b: Rec | null; a: Rec | null; k: string } => {
        const b = first(0, x, y);
        const a = first(1, x, y);
        return { b, a, k: changeKind(b, a) ? pairKey(b, a) : '-' };
      };
      const base = answer(null, null);
      const ax = new Map(X.map((x) => [x, answer(x, null)]));
      const ay = new Map(Y.map((y) => [y, answer(null, y)]));
      const joint = new Map<string, ReturnType<typeof answer>>();
      for (const x of X) for (const y of Y) joint.set(`${x}\u0000${y}`, answer(x, y));
      // A name whose every class answers as "any other" there needs no class of its own on this
      // segment (unchanged answers count as one): fewer, wider changes, the same connections.
      const X2 = X.filter((x) => ax.get(x)!.k !== base.k || Y.some((y) => joint.get(`${x}\u0000${y}`)!.k !== ay.get(y)!.k));
      const Y2 = Y.filter((y) => ay.get(y)!.k !== base.k || X2.some((x) => joint.get(`${x}\u0000${y}`)!.k !== ax.get(x)!.k));
      emit([], X2, [], Y2, base.b, base.a, i);
      for (const x of X2) emit([x], null, [], Y2, ax.get(x)!.b, ax.get(x)!.a, i);
      for (const y of Y2) emit([], X2, [y], null, ay.get(y)!.b, ay.get(y)!.a, i);
      for (const x of X2) for (const y of Y2) emit([x], null, [y], null, joint.get(`${x}\u0000${y}`)!.b, joint.get(`${x}\u0000${y}`)!.a, i);
    }
  };
  if (tcp) {
    run(4);
    run(6);
  } else run(null);

  // merge: the databases of changes alike in users, answers and addresses, then the users
  const addrKeyOf = (e: Acc): string => (tcp ? `${rangesKey(e.v4)}/${rangesKey(e.v6)}` : 'local');
  const byUser = new Map<string, Acc[]>();
  for (const e of acc.values()) {
    const k = `${e.userKey}|${pairKey(e.b, e.a)}|${addrKeyOf(e)}`;
    const l = byUser.get(k);
    if (l) l.push(e);
    else byUser.set(k, [e]);
  }
  const byDb = new Map<string, { db: NameSetSpec; users: NameSetSpec[]; e: Acc }>();
  for (const l of byUser.values()) {
    const db = unionSimple(l.map((e) => e.db));
    const e = l[0]!;
    const k = `${specKey(db, intern)}|${pairKey(e.b, e.a)}|${addrKeyOf(e)}`;
    const g = byDb.get(k);
    if (g) g.users.push(e.user);
    else byDb.set(k, { db, users: [e.user], e });
  }
  for (const { db, users, e } of byDb.values()) {
    out.push({
      transport: t,
      db,
      user: unionSimple(users),
      g: { b: e.b, a: e.a, kind: e.kind, addresses: tcp ? { v4: e.v4, v6: e.v6 } : null, addrKey: addrKeyOf(e) },
    });
  }
}

function limitUnknown(recs: readonly Rec[], pick: (r: Rec) => readonly Rx[], unknowns: Unknowns, what: string): void {
  const r = recs.find((x) => pick(x).length > 0);
  if (!r) return;
  addUnknown(unknowns, {
    code: 'regex-limit',
    message: `more than ${MAX_SPLIT_REGEXES} regular expressions in the ${what} column: for names the files do not list, only the first ${MAX_SPLIT_REGEXES} (in text order) are considered`,
    file: r.ep.file,
    line: r.ep.line,
  });
}

/**
 * The access diff of one cluster: `before` and `after` are the cluster as resolved in the two
 * trees (null: absent in that tree, every connection refused). `display` turns an absolute path
 * into the repository-relative path reports use.
 */
export function diffAccess(before: ResolvedCluster | null, after: ResolvedCluster | null, display: (abs: string) => string): AccessDiff {
  const d = diffAccessDetailed(before, after, display);
  return { access: d.access, unknown: d.unknown };
}

export function diffAccessDetailed(before: ResolvedCluster | null, after: ResolvedCluster | null, display: (abs: string) => string): AccessDiffDetailed {
  const bb = buildSide(before, 0, display);
  const ba = buildSide(after, 1, display);
  const unknowns: Unknowns = new Map();
  let sb = bb.side;
  let sa = ba.side;
  if (bb.notLoaded) {
    addUnknown(unknowns, {
      code: 'hba-not-loaded',
      message:
        'the base pg_hba.conf does not load (PostgreSQL rejects this line, so the server refuses to start with it, or a reload keeps older rules): the diff compares against no records at all, so everything the new version accepts is reported',
      ...bb.notLoaded,
    });
    sb = { ...sb, recs: [], sem: '\u0000not-loaded' };
  }
  if (ba.notLoaded) {
    addUnknown(unknowns, {
      code: 'hba-not-loaded',
      message:
        'the new pg_hba.conf does not load: PostgreSQL rejects this line, so a reload keeps the rules already loaded and a restart fails; the diff reports no access change for it',
      ...ba.notLoaded,
    });
    sa = sb;
  }
  for (const built of [ba, bb]) if (!built.notLoaded) for (const u of built.unread.values()) addUnknown(unknowns, u);
  const collected: Collected[] = [];
  const same = sb.sem === sa.sem && sameSettings(sb, sa);
  if (!same) {
    for (const t of TRANSPORTS) {
      const B = sb.transports.has(t) ? sb.recs.filter((r) => APPLIES[r.conn].includes(t)) : [];
      const A = sa.transports.has(t) ? sa.recs.filter((r) => APPLIES[r.conn].includes(t)) : [];
      if (B.length === 0 && A.length === 0) continue;
      // names only (no regex, sameuser or samerole): classes come from the address sweep itself
      const namesOnly = [...B, ...A].every((r) => !r.dbSame && r.dbRx.length === 0 && r.userRx.length === 0);
      const part: Collected[] = [];
      const budget = new Budget();
      try {
        if (namesOnly) {
          diffTransportFast(t, B, A, sb, sa, part, budget);
          diffTransport(t, B, A, sb, sa, part, unknowns, true, budget);
        } else diffTransport(t, B, A, sb, sa, part, unknowns, false, budget);
        for (const c of part) collected.push(c);
      } catch (e) {
        if (!(e instanceof TooComplex)) throw e;
        const at = (A[0] ?? B[0])!.ep;
        addUnknown(unknowns, {
          code: 'too-complex',
          message: `the ${t} connections were not compared: the records name so many databases and users on the same addresses that the classes exceed the diff's bound (${MAX_WORK} steps)`,
          file: at.file,
          line: at.line,
        });
      }
    }
    for (const u of recordUnknowns(sa, sb, collected)) addUnknown(unknowns, u);
    if (sb.passwordEncryption !== null && sa.passwordEncryption !== null && sb.passwordEncryption !== sa.passwordEncryption) {
      const md5 = sa.recs.find((r) => r.ep.method === 'md5');
      if (md5) {
        addUnknown(unknowns, {
          code: 'password-encryption',
          message: `password_encryption changes from ${sb.passwordEncryption} to ${sa.passwordEncryption}: passwords set from now on get ${sa.passwordEncryption} verifiers, and an md5 record authenticates a role with a SCRAM verifier by SCRAM; which roles have which verifier is not in the files`,
          file: md5.ep.file,
          line: md5.ep.line,
        });
      }
    }
  }
  const order = new Map(TRANSPORTS.map((t, i) => [t, i]));
  const rows = collected.map((c) => {
    const change: AccessChange = {
      change: c.g.kind,
      connection: {
        transport: c.transport,
        database: describeNames(c.db, 'database'),
        user: describeNames(c.user, 'user'),
        address: c.g.addresses ? describeAddresses(c.g.addresses.v4, c.g.addresses.v6) : 'local socket',
      },
      before: c.g.b ? c.g.b.ep : null,
      after: c.g.a ? c.g.a.ep : null,
    };
    const spec: AccessClassSpec = { transport: c.transport, databases: c.db, users: c.user, addresses: c.g.addresses };
    return { change, spec, c };
  });
  const epKey = (e: AccessEndpoint | null): string => (e ? `${e.file}\0${String(e.line).padStart(10, '0')}` : '\uffff');
  const keyed = rows.map((r) => ({ r, k: [epKey(r.change.after), epKey(r.change.before), r.change.connection.database, r.change.connection.user, r.c.g.addrKey] }));
  keyed.sort((x, y) => {
    const t = order.get(x.r.c.transport)! - order.get(y.r.c.transport)!;
    if (t) return t;
    for (let i = 0; i < x.k.length; i++) {
      const c = cmp(x.k[i]!, y.k[i]!);
      if (c) return c;
    }
    return 0;
  });
  for (let i = 0; i < keyed.length; i++) rows[i] = keyed[i]!.r;
  const unknown = [...unknowns.values()].sort((x, y) => cmp(x.file, y.file) || x.line - y.line || cmp(x.code, y.code));
  return { access: rows.map((r) => r.change), specs: rows.map((r) => r.spec), unknown };
}

/**
 * The unknowns of records that can bear on a reported change: records only one version has (added,
 * removed, edited), and records of a transport with changes whose addresses (any address, when
 * they are unknown) meet the changed ones. An unchanged `+group` record on addresses where nothing
 * changed is not reported: its members get the same answer in both versions.
 */
function recordUnknowns(after: Side, before: Side | null, changes: readonly Collected[]): AccessUnknown[] {
  const changed = new Map<Transport, { any: boolean; v4: Range[]; v6: Range[] }>();
  for (const c of changes) {
    let e = changed.get(c.transport);
    if (!e) changed.set(c.transport, (e = { any: false, v4: [], v6: [] }));
    if (!c.g.addresses) e.any = true;
    else {
      e.v4.push(...c.g.addresses.v4);
      e.v6.push(...c.g.addresses.v6);
    }
  }
  for (const e of changed.values()) {
    e.v4 = normalize(e.v4);
    e.v6 = normalize(e.v6);
  }
  const meets = (rs: readonly Range[], set: readonly Range[]): boolean => {
    for (const r of rs) {
      let lo = 0;
      let hi = set.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const x = set[mid]!;
        if (x.hi <= r.lo) lo = mid + 1;
        else if (x.lo >= r.hi) hi = mid - 1;
        else return true;
      }
    }
    return false;
  };
  const bears = (r: Rec): boolean =>
    APPLIES[r.conn].some((t) => {
      const e = changed.get(t);
      if (!e) return false;
      if (t === 'local' || r.anyAddress) return true;
      return meets(r.v4, e.v4) || meets(r.v6, e.v6);
    });
  const count = (side: Side | null): Map<string, number> => {
    const m = new Map<string, number>();
    for (const r of side?.recs ?? []) m.set(r.sem, (m.get(r.sem) ?? 0) + 1);
    return m;
  };
  const inAfter = count(after);
  const inBefore = count(before);
  const out: AccessUnknown[] = [];
  for (const [side, other] of [
    [after, inBefore],
    [before, inAfter],
  ] as const) {
    for (const r of side?.recs ?? []) {
      if (r.unknowns.length === 0) continue;
      if (!other.has(r.sem) || bears(r)) out.push(...r.unknowns);
    }
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameSettings(a: Side, b: Side): boolean {
  if (a.transports.size !== b.transports.size || [...a.transports].some((t) => !b.transports.has(t))) return false;
  return rangesKey(a.allowed[4]) === rangesKey(b.allowed[4]) && rangesKey(a.allowed[6]) === rangesKey(b.allowed[6]);
}
