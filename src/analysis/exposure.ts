import { splitQuotedList } from '../lexical/guc-list.js';
import { opt } from '../linter/options.js';
import type { RuleContext } from '../linter/rule.js';
import { formatAddress } from '../parse/pg-hba.js';
import type { HbaAddress, HbaFile, HbaName, HbaRecord } from '../parse/pg-hba.js';
import type { Severity } from '../types.js';
import { analyzeHba, ipCovers, tokenLoc } from './hba.js';
import type { HbaRecordInfo } from './hba.js';
import { findPlaceholder } from './template.js';

/*
 * The pg_hba exposure model: one assessment per reachable record — who may connect, from where,
 * how they are authenticated, over what channel, and whether the record can match at all — from
 * which every hba rule takes its severity and its words. A record yields one finding: each rule
 * marks its finding with the record's group key (src/linter/merge.ts), and the most severe one
 * is reported, naming the others' concerns.
 */

/** Where a record's clients can be. */
export type Reach =
  | 'local' // the Unix-domain socket
  | 'loopback' // 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104, localhost
  | 'samehost' // the server's own addresses: only processes on the server
  | 'private' // inside private address space (RFC 1918, CGNAT, ULA, link-local)
  | 'mixed' // partly private, partly public (172.0.0.0/8, 10.0.0.0/7)
  | 'public' // public address space only
  | 'world' // every address
  | 'samenet' // every subnet the server is directly connected to
  | 'hostname'; // a DNS name or suffix

/** How strongly the method authenticates. */
export type Strength =
  | 'none' // trust; ident over TCP (the client's ident server says who it is)
  | 'cleartext' // password, ldap, pam, radius, bsd: the client sends the password itself
  | 'md5' // MD5 challenge (SCRAM when the stored password is SCRAM)
  | 'password' // scram-sha-256, oauth, other methods that never send a reusable secret
  | 'strong' // cert, gss, sspi, peer; or any method plus clientcert=verify-ca/verify-full
  | 'reject';

/** Over what channel the record admits clients. */
export type Channel = 'socket' | 'tls' | 'either' | 'plain';

export const CLEARTEXT_METHODS: readonly string[] = ['password', 'ldap', 'pam', 'radius', 'bsd'];

export interface Exposure {
  readonly info: HbaRecordInfo;
  /** `hba:<file>:<offset of the record>`: the group key shared by every hba rule's finding on it. */
  readonly groupKey: string;
  readonly reach: Reach;
  /** Set when an address that looks private covers public space: the words that say so. */
  readonly rangeNote: string | null;
  readonly strength: Strength;
  readonly channel: Channel;
  /** A template placeholder in the address, database or user column (never matches as meant). */
  readonly placeholder: string | null;
  /** The record can match a connection: reachable, no placeholder, not hostssl while ssl is off. */
  readonly canMatch: boolean;
  /** trust/ident, or a password method (cleartext, md5) on a record that does not require encryption. */
  readonly weak: boolean;
  /** The record's words (HbaRecordInfo.exposure), with the range note when there is one. */
  readonly text: string;
}

/* ---- from where ---- */

interface Net {
  bytes: number[];
  mask: number[];
  name: string;
}

function net(cidr: string, name: string): Net {
  const [host, bitsText] = cidr.split('/') as [string, string];
  const bits = Number(bitsText);
  const bytes = host.includes(':') ? v6(host) : host.split('.').map(Number);
  const mask = bytes.map((_, i) => (0xff << (8 - Math.max(0, Math.min(8, bits - i * 8)))) & 0xff);
  return { bytes, mask, name };
}

function v6(host: string): number[] {
  // Only the literal forms used below: "fc00::", "fe80::".
  const head = host.split('::')[0]!.split(':').filter(Boolean);
  const bytes = new Array<number>(16).fill(0);
  head.forEach((h, i) => {
    const n = parseInt(h, 16);
    bytes[2 * i] = n >> 8;
    bytes[2 * i + 1] = n & 0xff;
  });
  return bytes;
}

/** Address space not routed on the internet, as we call it private (documented in README and rule docs). */
export const PRIVATE_NETS: readonly Net[] = [
  net('10.0.0.0/8', 'RFC 1918'),
  net('172.16.0.0/12', 'RFC 1918'),
  net('192.168.0.0/16', 'RFC 1918'),
  net('100.64.0.0/10', 'carrier-grade NAT, RFC 6598'),
  net('169.254.0.0/16', 'link-local'),
  net('fc00::/7', 'unique local, RFC 4193'),
  net('fe80::/10', 'link-local'),
];

const V4_MAPPED = { bytes: [...new Array<number>(10).fill(0), 0xff, 0xff, 0, 0, 0, 0], mask: [...new Array<number>(12).fill(0xff), 0, 0, 0, 0] };

/** The two address sets (x & mask == bytes & mask) share an address. */
function overlaps(a: { bytes: readonly number[]; mask: readonly number[] }, b: { bytes: readonly number[]; mask: readonly number[] }): boolean {
  if (a.bytes.length !== b.bytes.length) return false;
  for (let i = 0; i < a.bytes.length; i++) if (((a.bytes[i]! ^ b.bytes[i]!) & a.mask[i]! & b.mask[i]!) !== 0) return false;
  return true;
}

function cidrOf(n: { bytes: readonly number[]; mask: readonly number[] }): string {
  let bits = 0;
  for (const b of n.mask) for (let k = 7; k >= 0; k--) if (b & (1 << k)) bits++;
  return `${formatAddress(n.bytes.map((b, i) => b & n.mask[i]!))}/${bits}`;
}

/** private / mixed / public for an IP address with its mask, with the words for a mixed one. */
export function classifyRange(a: { bytes: number[]; mask: number[] }, written: string): { reach: 'private' | 'mixed' | 'public'; note: string | null } {
  let x = a;
  // An IPv4-mapped IPv6 address (::ffff:10.0.0.0/104) is the IPv4 address.
  if (a.bytes.length === 16 && ipCovers(V4_MAPPED, a)) x = { bytes: a.bytes.slice(12), mask: a.mask.slice(12) };
  if (PRIVATE_NETS.some((p) => ipCovers(p, x))) return { reach: 'private', note: null };
  const inside = PRIVATE_NETS.filter((p) => overlaps(p, x));
  if (inside.length === 0) return { reach: 'public', note: null };
  const parts = inside.map((p) => `${cidrOf(p)} (${p.name})`);
  const note = `${written} is not all private address space: only ${parts.join(' and ')} inside it ${parts.length === 1 ? 'is' : 'are'} private, the rest is public`;
  return { reach: 'mixed', note };
}

function isIp(a: HbaAddress | null): a is HbaAddress & { bytes: number[]; mask: number[] } {
  return a !== null && (a.kind === 'ipv4' || a.kind === 'ipv6') && a.bytes !== null && a.mask !== null;
}

function reachOf(info: HbaRecordInfo): { reach: Reach; note: string | null } {
  const a = info.record.address;
  if (info.isLocal || a === null) return { reach: 'local', note: null };
  if (info.isWorld) return { reach: 'world', note: null };
  if (info.isLoopbackOnly) return { reach: 'loopback', note: null };
  if (a.kind === 'samehost') return { reach: 'samehost', note: null };
  if (a.kind === 'samenet') return { reach: 'samenet', note: null };
  if (!isIp(a)) return { reach: 'hostname', note: null };
  const written = a.maskToken ? `${a.token.raw} ${a.maskToken.raw}` : a.token.raw;
  return classifyRange(a, written);
}

/* ---- how, over what ---- */

function strengthOf(info: HbaRecordInfo): Strength {
  const r = info.record;
  const m = r.method;
  if (m === 'reject') return 'reject';
  const cc = clientcertMode(info);
  if (cc === 'verify-full') return 'strong';
  // verify-ca: a certificate from a trusted CA is needed, but its name is not compared with the user.
  if (m === 'trust') return cc === 'verify-ca' ? 'password' : 'none';
  if (cc === 'verify-ca' && m !== 'password' && !CLEARTEXT_METHODS.includes(m) && m !== 'md5') return 'strong';
  if (m === 'ident') return info.isLocal ? 'strong' : 'none';
  if (CLEARTEXT_METHODS.includes(m)) return 'cleartext';
  if (m === 'md5') return 'md5';
  if (m === 'cert' || m === 'gss' || m === 'sspi' || m === 'peer') return 'strong';
  return 'password'; // scram-sha-256, oauth (18+: a bearer token checked by a validator module)
}

/** The client certificate the record demands besides its method: `clientcert=verify-full`, `verify-ca` (or `1`, 12–13), or none. */
export function clientcertMode(info: HbaRecordInfo): 'verify-full' | 'verify-ca' | null {
  const cc = info.record.options.find((o) => o.name === 'clientcert');
  if (!cc) return null;
  if (cc.value === 'verify-full') return 'verify-full';
  return cc.value === 'verify-ca' || cc.value === '1' ? 'verify-ca' : null;
}

function channelOf(info: HbaRecordInfo, sslOff: boolean): Channel {
  switch (info.record.connType) {
    case 'local':
      return 'socket';
    case 'hostssl':
    case 'hostgssenc':
      return 'tls';
    case 'hostnossl':
      return 'plain';
    default:
      return sslOff ? 'plain' : 'either';
  }
}

/* ---- the assessment ---- */

const cache = new WeakMap<HbaFile, Map<boolean, Exposure[]>>();

/** The cluster's `ssl` is known to be off (it has a postgresql.conf, and ssl is off there or by default). */
export function sslOff(ctx: RuleContext): boolean {
  if (!ctx.cluster.conf) return false;
  return ctx.setting('ssl')?.value === false;
}

/**
 * The group key of one pg_hba record (src/linter/merge.ts): every finding about the record itself
 * (its exposure, that it cannot match, that its zone needs an interface) is one finding.
 */
export function hbaRecordGroupKey(r: HbaRecord): string {
  const loc = tokenLoc(r.connTypeToken);
  return `hba:${loc.file}:${loc.start}`;
}

/** The first template placeholder in the record's address, database or user column, if any. */
export function recordPlaceholder(r: HbaRecord): string | null {
  const tokens = [...(r.address ? [r.address.token] : []), ...r.databases.map((d) => d.token), ...r.users.map((u) => u.token)];
  for (const t of tokens) {
    const p = findPlaceholder(t.raw);
    if (p) return p.text;
  }
  return null;
}

/**
 * One record's assessment. A class, not an object literal with a getter: a literal whose getter
 * closes over its record gets an accessor of its own, so V8 keeps every such object in dictionary
 * mode (~800 bytes each on a file of 100,000 records). The group key and the words are built when
 * read: rules read them only for the records they report.
 */
class Assessment implements Exposure {
  constructor(
    readonly info: HbaRecordInfo,
    readonly reach: Reach,
    readonly rangeNote: string | null,
    readonly strength: Strength,
    readonly channel: Channel,
    readonly placeholder: string | null,
    readonly canMatch: boolean,
    readonly weak: boolean,
  ) {}

  get groupKey(): string {
    return hbaRecordGroupKey(this.info.record);
  }

  get text(): string {
    return this.rangeNote ? `${this.info.exposure} (${this.rangeNote})` : this.info.exposure;
  }
}

function assess(info: HbaRecordInfo, off: boolean): Exposure {
  const r = info.record;
  const { reach, note } = reachOf(info);
  const strength = strengthOf(info);
  const channel = channelOf(info, off);
  const placeholder = recordPlaceholder(r);
  const canMatch = info.reachable && placeholder === null && !(r.connType === 'hostssl' && off);
  const weak = strength === 'none' || ((strength === 'cleartext' || strength === 'md5') && channel !== 'tls');
  return new Assessment(info, reach, note, strength, channel, placeholder, canMatch, weak);
}

/**
 * The exposure of every reachable record of the cluster's pg_hba.conf that can match a connection
 * (no template placeholder; not `hostssl` while the cluster's ssl is off). Computed once per file
 * and ssl state.
 */
export function hbaExposures(ctx: RuleContext): readonly Exposure[] {
  const hba = ctx.cluster.hba;
  if (!hba) return [];
  const off = sslOff(ctx);
  let byState = cache.get(hba);
  if (!byState) cache.set(hba, (byState = new Map()));
  let list = byState.get(off);
  if (!list) {
    list = analyzeHba(hba)
      .reachable.map((i) => assess(i, off))
      .filter((e) => e.canMatch);
    byState.set(off, list);
  }
  return list;
}

/* ---- who ---- */

/** The rule option `superusers` (role names), default ["postgres"]. */
export function superusersOption(options: Readonly<Record<string, unknown>>): string[] {
  const v = options.superusers;
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : ['postgres'];
}

/** The `superusers` option, shared by the hba rules that judge a superuser's record. */
export const SUPERUSERS = opt.stringArray(['postgres'], 'Role names that are superusers: a record that names one of them is judged as a superuser\'s record (see the rule).');

/** The user-column entries naming a superuser literally (also through an @file). */
export function superuserNames(e: Exposure, superusers: readonly string[]): HbaName[] {
  return e.info.record.users.filter((u) => u.kind === 'literal' && superusers.includes(u.value));
}

/* ---- severity ---- */

const LEVELS: readonly Severity[] = ['info', 'warning', 'error'];

export function raise(s: Severity): Severity {
  return LEVELS[Math.min(2, LEVELS.indexOf(s) + 1)]!;
}

/** Severity of a record open to every address, before raising for superusers or replication. */
export function worldBase(e: Exposure): Severity {
  if (e.weak) return 'error';
  if (e.strength === 'strong') return 'info';
  return 'warning';
}

/** Severity of a world-open record: the base, one level up when it names a superuser or is for replication. */
export function worldSeverity(e: Exposure, superusers: readonly string[]): Severity {
  const base = worldBase(e);
  return e.info.replication || superuserNames(e, superusers).length > 0 ? raise(base) : base;
}

/** Loopback, the server's own addresses or the socket: only processes on the server can connect. */
export function onServerOnly(e: Exposure): boolean {
  return e.reach === 'local' || e.reach === 'loopback' || e.reach === 'samehost';
}

/** The method in words for advice: what the record uses now. */
export function methodAdvice(e: Exposure): string {
  const m = e.info.record.method;
  if (e.strength === 'strong') return `keep ${m}`;
  if (m === 'scram-sha-256') return 'keep scram-sha-256 (or use cert)';
  return `authenticate with scram-sha-256 or cert instead of ${m}`;
}

/** The exposure model as one table, shared by the docs of every hba rule and the README. */
export const EXPOSURE_MODEL_DOC = [
  'Every hba rule takes its severity and words from one assessment per reachable record that can match (not shadowed by an earlier record, no template placeholder such as `${SUBNET}` in it — see unrendered-template — and not `hostssl` while the cluster\'s `ssl` is off — see hba-hostssl-without-ssl): **who** (superusers named in the option `superusers`, all users, named roles, `+groups`, `@files`, physical `replication`), **from where** (the local socket; loopback and `samehost`; private ranges: RFC 1918, carrier-grade NAT 100.64.0.0/10, unique local fc00::/7, link-local; public ranges; every address), **how** (trust; cleartext: `password`, `ldap`, `pam`, `radius`, `bsd`; `md5`; `scram-sha-256`, `oauth`; `cert`, `gss`, `sspi`, `clientcert=verify-full`, or `clientcert=verify-ca` with scram-sha-256 (`trust` with verify-ca: any certificate holder names any user, rated like a password); `ident` over TCP counts as no authentication) and **over what** (encryption required: `hostssl`, `hostgssenc`; either: `host`; never: `hostnossl`, or `host` while `ssl` is off). A range that looks private but covers public space (`172.0.0.0/8`: only 172.16.0.0/12 is private) is said so in the message.',
  '',
  '| from where | trust, ident | cleartext or md5, unencrypted allowed | cleartext or md5 over TLS; scram-sha-256; oauth | cert, gss, sspi, clientcert |',
  '|---|---|---|---|---|',
  '| every address (hba-open-to-world) | error | error | warning | info |',
  '| public, partly public, samenet, host names | error (hba-trust-remote, hba-ident-over-tcp) | error (cleartext) / warning (md5) | — | — |',
  '| private ranges | error (hba-trust-remote, hba-ident-over-tcp) | error (cleartext) / warning (md5) | — | — |',
  '| wider than /16 or /48 (hba-wide-network) | warning | warning | warning; info inside private space | warning; info inside private space |',
  '| loopback, samehost | trust: info for all users or a superuser (hba-local-trust; on samehost hba-trust-remote reports it, error); ident: — (the server\'s own ident server) | warning (cleartext), info (md5) | — | — |',
  '| local socket | trust: info for all users or a superuser (hba-local-trust); ident is peer: — | info (md5) | — | — |',
  '',
  '`all` databases for `all` users on a record beyond the server is information (hba-all-users-all-databases), and a record that does not require a client certificate is hba-client-cert-not-required (off by default; the `stig` profile). A `host`, `hostnossl` or `hostnogssenc` record beyond the server while the cluster\'s `ssl` is on is hba-tls-not-required (warning, whatever the method). A record that names a superuser or is for physical replication is rated one level higher from every address; a superuser over TCP from beyond loopback is hba-superuser-remote (error from every address or with a weak method, else warning); replication for all users or from a wide network is hba-replication-open. A record yields one finding: the most severe rule reports it and names the others\' concerns after "; also"; turn that rule off (or suppress its finding) and the next one reports.',
].join('\n');

/**
 * Where TCP clients can come from, by listen_addresses as PostmasterMain splits it (SplitGUCList):
 * `none` for an empty list (no TCP socket), `loopback` when every entry is `localhost`, a 127.x.x.x
 * address or `::1` (only processes on the server connect), else `beyond`. An unparsable list is
 * `beyond` (the server refuses to start with it: nothing is claimed about its clients).
 */
export function listenReach(value: string): 'none' | 'loopback' | 'beyond' {
  const entries = splitQuotedList(value);
  if (!entries) return 'beyond';
  if (entries.length === 0) return 'none';
  return entries.every((e) => isLoopbackListen(e.name)) ? 'loopback' : 'beyond';
}

/** A listen_addresses entry that binds only the loopback interface: `localhost`, 127.x.x.x or `::1`. */
export function isLoopbackListen(name: string): boolean {
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}
