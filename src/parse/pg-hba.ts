import type { Major } from '../types.js';
import type { SourceFile } from '../source/source.js';
import { checkRegex, tokenizeAuthFile } from './auth-tokens.js';
import { splitQuotedList } from '../lexical/guc-list.js';
import type { AuthError, AuthField, AuthFileIO, AuthInclude, AuthLine, AuthToken, HbaReason } from './auth-tokens.js';

export type { AuthFileIO } from './auth-tokens.js';

export type HbaConnType = 'local' | 'host' | 'hostssl' | 'hostnossl' | 'hostgssenc' | 'hostnogssenc';

/**
 * Features whose presence decides a verdict. We report the verdict of a standard Linux
 * build (SSL on with a CA file, GSSAPI, PAM and OpenLDAP compiled in, no SSPI or BSD auth,
 * working DNS) and list the features a line depended on.
 */
export type BuildFeature = 'ssl' | 'ssl-ca' | 'gss' | 'pam' | 'ldap' | 'sspi' | 'bsd' | 'dns' | 'oauth-validator' | 'network-interfaces';

/** What the server was built with; `hostssl` lines also need `ssl = on`. */
export interface BuildProfile {
  ssl: boolean;
  gss: boolean;
  pam: boolean;
  ldap: boolean;
  sspi: boolean;
  bsd: boolean;
  /** The oauth_validator_libraries setting (18+); empty by default. */
  oauthValidatorLibraries?: readonly string[];
  /**
   * The network interface names of the server machine (`ip link`, /sys/class/net), which decide
   * whether an IPv6 zone such as `fe80::1%eth0` is accepted. Undefined (the default): unknown — a
   * name that can be an interface name is assumed to exist, and the line lists it in `zones` with
   * verdict `assumed` and depends on `network-interfaces`. `lo` exists on every Linux machine.
   */
  interfaces?: readonly string[];
}

/**
 * An IPv6 zone id (`fe80::1%eth0`, `fe80::1%2`) in an address, netmask or RADIUS server, read as
 * glibc's getaddrinfo(AI_NUMERICHOST) reads it (inet6_scopeid_pton): a name is looked up with
 * if_nametoindex, but only on link-local unicast (fe80::/10) and interface- or link-local multicast
 * (ffx1::/16, ffx2::/16) addresses; a decimal number up to 4294967295 is accepted on any IPv6
 * address; IPv4 addresses take no zone. When the zone is not accepted, getaddrinfo fails and
 * PostgreSQL reads the token as a host name (an error with a /prefix or beside a netmask column).
 * A zone never changes which connections match: pg_range_sockaddr compares the address bytes only.
 */
export interface HbaZone {
  /** The address as written, without any `/prefix` (e.g. `fe80::1%eth0`). */
  text: string;
  /** The text after the `%`. */
  zone: string;
  /** The interface it names (the part before a `:` alias suffix), when it can name one. */
  interface: string | null;
  /**
   * numeric: a scope number; interface: an interface that exists (`lo`, or one of
   * BuildProfile.interfaces); assumed: an interface name the verdict assumes exists (interfaces
   * unknown); rejected: getaddrinfo fails on every machine (or on this one, with known interfaces).
   */
  verdict: 'numeric' | 'interface' | 'assumed' | 'rejected';
  /** For rejected zones: the name is no interface name, or the address is not link-local (names only work there). */
  reason: 'not-link-local' | 'not-an-interface-name' | 'no-such-interface' | 'not-a-number' | null;
}

/** A standard Linux build with default settings: the verdicts parsePgHba reports by default. */
export const STANDARD_BUILD: BuildProfile = { ssl: true, gss: true, pam: true, ldap: true, sspi: false, bsd: false, oauthValidatorLibraries: [] };

export interface HbaName {
  token: AuthToken;
  /** keyword: unquoted keyword; regex: leading `/` (16+, even when quoted); group: unquoted `+role`. */
  kind: 'keyword' | 'regex' | 'group' | 'literal';
  /** Regex source without the leading slash, group name without `+`, otherwise the text. */
  value: string;
}

export interface HbaAddress {
  kind: 'all' | 'samehost' | 'samenet' | 'ipv4' | 'ipv6' | 'hostname';
  token: AuthToken;
  /** Address bytes (4 or 16) for ipv4/ipv6. */
  bytes: number[] | null;
  /** Prefix length from the CIDR suffix or a contiguous netmask; null for a non-contiguous mask. */
  prefix: number | null;
  /** Mask bytes for ipv4/ipv6 (from the CIDR suffix or the netmask field). */
  mask: number[] | null;
  /** The separate netmask field, if one was used. */
  maskToken: AuthToken | null;
  /** Hostname pattern (a leading `.` means suffix match). */
  hostname: string | null;
}

export interface HbaOption {
  name: string;
  value: string;
  token: AuthToken;
}

export interface HbaRecord {
  connType: HbaConnType;
  connTypeToken: AuthToken;
  databases: HbaName[];
  users: HbaName[];
  address: HbaAddress | null;
  /** Effective method as the view shows it (`ident` on local becomes `peer`). */
  method: string;
  methodToken: AuthToken;
  options: HbaOption[];
  /** The options column of pg_hba_file_rules, or null. */
  viewOptions: string[] | null;
}

export interface HbaLine extends AuthLine {
  /** Parse result; null when parse_hba_line fails (or the line had a tokenization error). */
  record: HbaRecord | null;
  /** The problem that makes PostgreSQL reject this line (what the server log says), or null. */
  problem: AuthError | null;
  /** The view's error column (err_msg): some problems leave it unset, see viewError docs. */
  viewError: string | null;
  buildDependent: boolean;
  buildFeatures: BuildFeature[];
  /** IPv6 zone ids on the line (address, netmask, RADIUS servers), in order. */
  zones: HbaZone[];
}

export interface HbaFile {
  file: SourceFile;
  major: Major;
  lines: HbaLine[];
  includes: AuthInclude[];
  files: SourceFile[];
  /** load_hba: false when any line is rejected or there are no records. */
  loads: boolean;
  /** "configuration file ... contains no entries" when there are no lines and no errors. */
  fileError: string | null;
}

const CONN_TYPES: readonly HbaConnType[] = ['local', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc'];

class LineError {
  constructor(
    readonly message: string,
    readonly at: { start: number; end: number; file: SourceFile },
    /** false when PostgreSQL logs the problem but does not set err_msg */
    readonly setsErrMsg = true,
    readonly reason?: HbaReason,
  ) {}
}

const CLIENTCERT: HbaReason = { code: 'clientcert' };

interface Ctx {
  major: Major;
  build: BuildProfile;
  line: AuthLine;
  errMsg: string | null;
  features: BuildFeature[];
  zones: HbaZone[];
  /** Index of the first field after the method (set by parseRecord). */
  optionsFrom: number;
}

/** Shared by lines whose method never stores these options (writes follow a method check). */
const NO_OPTS: Map<string, string> = new Map();
const NO_RADIUS: Map<string, { raw: string; list: string[] }> = new Map();

interface OptState {
  usermap: string | null;
  clientcert: 'off' | 'ca' | 'full' | 'true';
  includeRealm: boolean;
  krbRealm: string | null;
  pamservice: string | null;
  ldap: Map<string, string>;
  ldapscope: number;
  radius: Map<string, { raw: string; list: string[] }>;
  oauth: Map<string, string>;
}

export function parsePgHba(file: SourceFile, major: Major, io: AuthFileIO, build: BuildProfile = STANDARD_BUILD): HbaFile {
  const tok = tokenizeAuthFile(file, major, io);
  const featureLists = new Map<string, BuildFeature[]>();
  const lines: HbaLine[] = tok.lines.map((l) => parseHbaLine(l, major, build, featureLists));
  const loads = lines.length > 0 && lines.every((l) => l.problem === null);
  const noEntries = lines.length === 0;
  return {
    file,
    major,
    lines,
    includes: tok.includes,
    files: tok.files,
    loads,
    fileError: noEntries ? `configuration file "${file.absPath}" contains no entries` : null,
  };
}

/** One frozen empty list shared by every line without build features, zones or options. */
const NONE: readonly never[] = Object.freeze([]);
function none<T>(): T[] {
  return NONE as unknown as T[];
}

function sharedList(lists: Map<string, BuildFeature[]>, features: BuildFeature[]): BuildFeature[] {
  const key = features.join(',');
  let list = lists.get(key);
  if (!list) lists.set(key, (list = Object.freeze(features) as BuildFeature[]));
  return list;
}

/**
 * A line PostgreSQL accepts. Its fields are not kept beside the record: they are the record's own
 * tokens (connection type, databases, users, address, netmask, method) followed by the option
 * fields, and are rebuilt from them when read. A file of 100,000 records keeps one copy of its
 * tokens this way, not two.
 */
class RecordLine implements HbaLine {
  constructor(
    readonly file: SourceFile,
    readonly line: number,
    readonly start: number,
    readonly end: number,
    readonly record: HbaRecord,
    /** The fields after the method (each holds options). */
    private readonly optionFields: readonly AuthField[],
    readonly viewError: string | null,
    readonly buildFeatures: BuildFeature[],
    readonly zones: HbaZone[],
  ) {}

  get error(): null {
    return null;
  }

  get problem(): null {
    return null;
  }

  get buildDependent(): boolean {
    return this.buildFeatures.length > 0;
  }

  get fields(): AuthField[] {
    const r = this.record;
    const out: AuthField[] = [{ tokens: [r.connTypeToken] }, { tokens: r.databases.map((d) => d.token) }, { tokens: r.users.map((u) => u.token) }];
    if (r.address) {
      out.push({ tokens: [r.address.token] });
      if (r.address.maskToken) out.push({ tokens: [r.address.maskToken] });
    }
    out.push({ tokens: [r.methodToken] });
    for (const f of this.optionFields) out.push(f);
    return out;
  }
}

/**
 * parse_hba_line. `featureLists`: the build-feature lists of the file's lines so far, by content, so
 * that lines with the same features (every `hostssl` line: ssl) share one frozen list.
 */
export function parseHbaLine(line: AuthLine, major: Major, build: BuildProfile = STANDARD_BUILD, featureLists?: Map<string, BuildFeature[]>): HbaLine {
  const ctx: Ctx = { major, build, line, errMsg: null, features: [], zones: [], optionsFrom: 0 };
  let record: HbaRecord | null = null;
  let problem: AuthError | null = line.error;
  if (line.error) {
    ctx.errMsg = line.error.message;
  } else {
    try {
      record = parseRecord(ctx);
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      problem = { message: e.message, file: e.at.file, start: e.at.start, end: e.at.end, ...(e.reason ? { reason: e.reason } : {}) };
      if (e.setsErrMsg) ctx.errMsg = e.message;
    }
  }
  const features = ctx.features.length === 0 ? none<BuildFeature>() : featureLists ? sharedList(featureLists, ctx.features) : ctx.features;
  const zones = ctx.zones.length > 0 ? ctx.zones : none<HbaZone>();
  if (record !== null && problem === null) {
    const optionFields = ctx.optionsFrom < line.fields.length ? line.fields.slice(ctx.optionsFrom) : none<AuthField>();
    return new RecordLine(line.file, line.line, line.start, line.end, record, optionFields, ctx.errMsg, features, zones);
  }
  return {
    file: line.file,
    line: line.line,
    start: line.start,
    end: line.end,
    fields: line.fields,
    error: line.error,
    record,
    problem,
    viewError: ctx.errMsg,
    buildDependent: features.length > 0,
    buildFeatures: features,
    zones,
  };
}

function addFeature(ctx: Ctx, f: BuildFeature): void {
  if (!ctx.features.includes(f)) ctx.features.push(f);
}

function fieldSpan(f: AuthField): { start: number; end: number; file: SourceFile } {
  const a = f.tokens[0]!;
  const b = f.tokens[f.tokens.length - 1]!;
  return a.file === b.file && a.via === null && b.via === null ? { file: a.file, start: a.start, end: b.end } : { file: a.file, start: a.start, end: a.end };
}

function lineEnd(l: AuthLine): { start: number; end: number; file: SourceFile } {
  return { file: l.file, start: l.end, end: l.end };
}

function parseRecord(ctx: Ctx): HbaRecord {
  const { major, line } = ctx;
  const fields = line.fields;
  let fi = 0;
  const next = (missing: string): AuthField => {
    const f = fields[++fi];
    if (!f) throw new LineError(missing, lineEnd(line));
    return f;
  };

  const typeField = fields[0]!;
  if (typeField.tokens.length > 1) throw new LineError('multiple values specified for connection type', fieldSpan(typeField));
  const typeTok = typeField.tokens[0]!;
  const connType = CONN_TYPES.find((t) => t === typeTok.text && (major >= 12 || (t !== 'hostgssenc' && t !== 'hostnogssenc')));
  if (!connType) throw new LineError(`invalid connection type "${typeTok.text}"`, typeTok, true, { code: 'invalid-connection-type', type: typeTok.text });
  // Without SSL / GSSAPI these lines still load, but err_msg carries a warning.
  if (connType === 'hostssl') {
    addFeature(ctx, 'ssl');
    if (!ctx.build.ssl) ctx.errMsg = 'hostssl record cannot match because SSL is disabled';
  } else if (connType === 'hostgssenc') {
    addFeature(ctx, 'gss');
    if (!ctx.build.gss) ctx.errMsg = 'hostgssenc record cannot match because GSSAPI is not supported by this build';
  }

  const databases = next('end-of-line before database specification').tokens.map((t) => nameOf(ctx, t, true));
  const users = next('end-of-line before role specification').tokens.map((t) => nameOf(ctx, t, false));

  let address: HbaAddress | null = null;
  if (connType !== 'local') {
    const f = next('end-of-line before IP address specification');
    if (f.tokens.length > 1) throw new LineError('multiple values specified for host address', fieldSpan(f));
    const t = f.tokens[0]!;
    address = parseAddress(ctx, t, () => {
      const m = fields[++fi];
      if (!m) throw new LineError('end-of-line before netmask specification', lineEnd(line));
      if (m.tokens.length > 1) throw new LineError('multiple values specified for netmask', fieldSpan(m));
      return m.tokens[0]!;
    });
  }

  const mf = next('end-of-line before authentication method');
  if (mf.tokens.length > 1) throw new LineError('multiple values specified for authentication type', fieldSpan(mf));
  const methodTok = mf.tokens[0]!;
  let method = parseMethod(ctx, methodTok);
  if (connType === 'local' && method === 'ident') method = 'peer';
  if (connType === 'local' && method === 'gss') throw new LineError('gssapi authentication is not supported on local sockets', methodTok);
  if (connType !== 'local' && method === 'peer') throw new LineError('peer authentication is only supported on local sockets', methodTok, true, { code: 'peer-not-local' });
  if (connType !== 'hostssl' && method === 'cert') throw new LineError('cert authentication is only supported on hostssl connections', methodTok);

  const st: OptState = {
    usermap: null,
    clientcert: 'off',
    includeRealm: method === 'gss' || method === 'sspi',
    krbRealm: null,
    pamservice: null,
    ldap: method === 'ldap' ? new Map() : NO_OPTS,
    ldapscope: 0,
    radius: method === 'radius' ? new Map() : NO_RADIUS,
    oauth: method === 'oauth' ? new Map() : NO_OPTS,
  };
  const options: HbaOption[] = [];
  ctx.optionsFrom = fi + 1;
  while (++fi < fields.length) {
    for (const t of fields[fi]!.tokens) {
      const eq = t.text.indexOf('=');
      if (eq === -1) throw new LineError(`authentication option not in name=value format: ${t.text}`, t, true, { code: 'option-not-name-value', unquoted: t.text });
      const opt = { name: t.text.slice(0, eq), value: t.text.slice(eq + 1), token: t };
      parseAuthOpt(ctx, connType, method, opt, st);
      options.push(opt);
    }
  }
  checkMandatory(ctx, method, st, methodTok);
  if (method === 'cert') st.clientcert = major <= 11 ? 'true' : 'full';

  return {
    connType,
    connTypeToken: typeTok,
    databases,
    users,
    address,
    method,
    methodToken: methodTok,
    options: options.length > 0 ? options : none<HbaOption>(),
    viewOptions: renderOptions(method, st),
  };
}

const DB_KEYWORDS = ['all', 'sameuser', 'samerole', 'samegroup', 'replication'];

function nameOf(ctx: Ctx, t: AuthToken, db: boolean): HbaName {
  if (!t.quoted && (db ? DB_KEYWORDS.includes(t.text) : t.text === 'all')) return { token: t, kind: 'keyword', value: t.text };
  if (!db && !t.quoted && t.text[0] === '+') return { token: t, kind: 'group', value: t.text.slice(1) };
  // regcomp_auth_token looks at the string only, so a quoted "/x" is a regex too
  if (ctx.major >= 16 && t.text[0] === '/') {
    const r = checkRegex(t.text.slice(1));
    if (r.error) throw new LineError(`invalid regular expression "${t.text.slice(1)}": ${r.error}`, t);
    return { token: t, kind: 'regex', value: t.text.slice(1) };
  }
  return { token: t, kind: 'literal', value: t.text };
}

const STANDARD_METHODS = ['trust', 'ident', 'peer', 'password', 'reject', 'md5', 'scram-sha-256', 'radius', 'cert'];
const BUILD_METHODS: Record<string, 'gss' | 'sspi' | 'pam' | 'bsd' | 'ldap'> = { gss: 'gss', sspi: 'sspi', pam: 'pam', bsd: 'bsd', ldap: 'ldap' };

function parseMethod(ctx: Ctx, t: AuthToken): string {
  const m = t.text;
  const standard = STANDARD_METHODS.indexOf(m);
  if (standard !== -1) return STANDARD_METHODS[standard]!; // the constant, not a copy per record
  if (m === 'oauth' && ctx.major >= 18) return 'oauth';
  // Own names only: a method spelled like an Object property (toString, constructor) is unknown.
  const feature = Object.hasOwn(BUILD_METHODS, m) ? BUILD_METHODS[m] : undefined;
  if (!feature) throw new LineError(`invalid authentication method "${m}"`, t, true, { code: 'invalid-method', method: m });
  addFeature(ctx, feature);
  if (!ctx.build[feature]) throw new LineError(`invalid authentication method "${m}": not supported by this build`, t);
  return feature;
}

/* ---- addresses (getaddrinfo with AI_NUMERICHOST, as glibc parses it) ---- */

function parseAddress(ctx: Ctx, t: AuthToken, readMask: () => AuthToken): HbaAddress {
  // One object literal per result (same fields, same order as before), not a spread of a base.
  const addr = (
    kind: HbaAddress['kind'],
    bytes: number[] | null = null,
    prefix: number | null = null,
    mask: number[] | null = null,
    maskToken: AuthToken | null = null,
    hostname: string | null = null,
  ): HbaAddress => ({ token: t, bytes, prefix, mask, maskToken, hostname, kind });
  if (!t.quoted && (t.text === 'all' || t.text === 'samehost' || t.text === 'samenet')) return addr(t.text);
  const slash = t.text.indexOf('/');
  const host = slash === -1 ? t.text : t.text.slice(0, slash);
  const ip = parseNumericHost(host, ctx);
  if (!ip) {
    if (slash !== -1) throw new LineError(`specifying both host name and CIDR mask is invalid: "${t.text}"`, t);
    addFeature(ctx, 'dns');
    return addr('hostname', null, null, null, null, host);
  }
  const kind = ip.length === 4 ? 'ipv4' : 'ipv6';
  if (slash !== -1) {
    const bits = parseCidrBits(t.text.slice(slash + 1), ip.length * 8);
    if (bits === null) throw new LineError(`invalid CIDR mask in address "${t.text}"`, t);
    return addr(kind, ip, bits, prefixMask(bits, ip.length));
  }
  const mt = readMask();
  const mask = parseNumericHost(mt.text, ctx);
  if (!mask) throw new LineError(`invalid IP mask "${mt.text}": Name or service not known`, mt, true, { code: 'invalid-ip-mask' });
  if (mask.length !== ip.length) throw new LineError('IP address and mask do not match', mt);
  const prefix = maskPrefix(mask);
  return addr(kind, ip, prefix, prefix === null ? mask : prefixMask(prefix, mask.length), mt);
}

/** pg_sockaddr_cidr_mask: strtol in base 10, whole string, 0..32 or 0..128. */
function parseCidrBits(s: string, max: number): number | null {
  const m = /^[ \t\n\v\f\r]*[+-]?(\d+)$/.exec(s);
  if (!m) return null;
  const neg = s.trim().startsWith('-');
  const digits = m[1]!.replace(/^0+(?=\d)/, '');
  if (digits.length > 4) return null;
  const v = (neg ? -1 : 1) * Number(digits);
  return v < 0 || v > max ? null : v === 0 ? 0 : v;
}

/** The masks of every prefix length, per address length (4 or 16), made once: records share them. */
const PREFIX_MASKS = new Map<number, readonly number[][]>();

function prefixMask(bits: number, len: number): number[] {
  let masks = PREFIX_MASKS.get(len);
  if (!masks) {
    masks = Array.from({ length: len * 8 + 1 }, (_, n) => {
      const out = new Array<number>(len).fill(0);
      for (let i = 0; i < len; i++) {
        const b = Math.max(0, Math.min(8, n - i * 8));
        out[i] = (0xff << (8 - b)) & 0xff;
      }
      return Object.freeze(out) as number[];
    });
    PREFIX_MASKS.set(len, masks);
  }
  return masks[bits]!;
}

function maskPrefix(mask: number[]): number | null {
  let bits = 0;
  let i = 0;
  while (i < mask.length && mask[i] === 0xff) {
    bits += 8;
    i++;
  }
  if (i < mask.length) {
    const b = mask[i]!;
    let n = 0;
    while (n < 8 && (b & (0x80 >> n)) !== 0) n++;
    if (((0xff << (8 - n)) & 0xff) !== b) return null;
    bits += n;
    for (i++; i < mask.length; i++) if (mask[i] !== 0) return null;
  }
  return bits;
}

function parseNumericHost(s: string, ctx: Ctx): number[] | null {
  return parseIPv4(s) ?? parseIPv6(s, ctx);
}

/** inet_aton (glibc's strict variant): 1 to 4 parts, each decimal, 0octal or 0xhex. */
const DOTTED_QUAD = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

export function parseIPv4(s: string): number[] | null {
  // Fast path for the usual spelling (four decimal parts, no leading zeros, each ≤ 255): the
  // general rules below give the same bytes. Anything else takes the general path.
  const q = DOTTED_QUAD.exec(s);
  if (q) {
    const out = [Number(q[1]), Number(q[2]), Number(q[3]), Number(q[4])];
    if (out[0]! <= 0xff && out[1]! <= 0xff && out[2]! <= 0xff && out[3]! <= 0xff) return out;
  }
  const parts = s.split('.');
  if (parts.length > 4) return null;
  const vals: number[] = [];
  for (const p of parts) {
    let v: number;
    if (/^0[xX][0-9a-fA-F]*$/.test(p)) v = p.length === 2 ? 0 : parseInt(p.slice(2), 16);
    else if (/^0[0-7]*$/.test(p)) v = p.length === 1 ? 0 : parseInt(p.slice(1), 8);
    else if (/^[1-9][0-9]*$/.test(p)) v = Number(p);
    else return null;
    if (!Number.isFinite(v) || v > 0xffffffff) return null;
    vals.push(v);
  }
  const last = vals[vals.length - 1]!;
  const head = vals.slice(0, -1);
  if (head.some((v) => v > 0xff)) return null;
  const lastMax = [0xffffffff, 0xffffff, 0xffff, 0xff][head.length]!;
  if (last > lastMax) return null;
  const out = [0, 0, 0, 0];
  head.forEach((v, k) => (out[k] = v));
  for (let k = head.length; k < 4; k++) out[k] = Math.floor(last / 2 ** (8 * (3 - k))) & 0xff;
  return out;
}

/**
 * inet_pton(AF_INET6), plus a `%zone` suffix as glibc's getaddrinfo reads it (see HbaZone). With a
 * ctx, the zone is recorded on the line and judged against ctx.build.interfaces; without one (a
 * config option), an interface name is assumed to exist.
 */
export function parseIPv6(input: string, ctx?: Ctx): number[] | null {
  const pct = input.indexOf('%');
  const bytes = parseIPv6Address(pct === -1 ? input : input.slice(0, pct));
  if (!bytes || pct === -1) return bytes;
  const zone = zoneVerdict(bytes, input.slice(pct + 1), ctx?.build.interfaces);
  if (ctx) {
    ctx.zones.push({ text: input, ...zone });
    // the verdict looked the name up among the machine's interfaces (lo is on every Linux machine)
    if (zone.interface !== 'lo' && (zone.verdict === 'assumed' || zone.reason === 'no-such-interface' || zone.verdict === 'interface')) {
      addFeature(ctx, 'network-interfaces');
    }
  }
  return zone.verdict === 'rejected' ? null : bytes;
}

/** Linux's IFNAMSIZ: if_nametoindex fails for a name of 16 bytes or more. */
const IFNAMSIZ = 16;
const UINT32_MAX_DIGITS = '4294967295';

/** glibc inet6_scopeid_pton: an interface name (link-local scopes only), else a decimal number. */
function zoneVerdict(bytes: readonly number[], zone: string, known: readonly string[] | undefined): Omit<HbaZone, 'text'> {
  // strtoull after an isdigit check on the first byte: no sign, no blanks, the whole string, ≤ UINT32_MAX
  if (/^[0-9]+$/.test(zone)) {
    const digits = zone.replace(/^0+(?=.)/, '');
    const fits = digits.length < 10 || (digits.length === 10 && digits <= UINT32_MAX_DIGITS);
    return { zone, interface: null, verdict: fits ? 'numeric' : 'rejected', reason: fits ? null : 'not-a-number' };
  }
  const dev = interfaceName(zone);
  const linkScope =
    (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0x80) || (bytes[0] === 0xff && ((bytes[1]! & 0x0f) === 1 || (bytes[1]! & 0x0f) === 2));
  if (!linkScope) return { zone, interface: dev, verdict: 'rejected', reason: 'not-link-local' };
  if (dev === null) return { zone, interface: null, verdict: 'rejected', reason: 'not-an-interface-name' };
  if (dev === 'lo') return { zone, interface: dev, verdict: 'interface', reason: null };
  if (!known) return { zone, interface: dev, verdict: 'assumed', reason: null };
  return known.includes(dev)
    ? { zone, interface: dev, verdict: 'interface', reason: null }
    : { zone, interface: dev, verdict: 'rejected', reason: 'no-such-interface' };
}

/**
 * The interface a zone can name, or null: if_nametoindex rejects 16 bytes or more; the kernel's
 * SIOCGIFINDEX drops an alias suffix (`eth0:1` is eth0); a Linux interface name is not empty, `.`
 * or `..`, and holds no `/`, blank, `:` or `%`.
 */
function interfaceName(zone: string): string | null {
  if (new TextEncoder().encode(zone).length >= IFNAMSIZ) return null;
  const colon = zone.indexOf(':');
  const dev = colon === -1 ? zone : zone.slice(0, colon);
  if (dev === '' || dev === '.' || dev === '..' || /[/% \t\n\v\f\r]/.test(dev)) return null;
  return dev;
}

/** inet_pton(AF_INET6). */
function parseIPv6Address(s: string): number[] | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;
  const dbl = s.indexOf('::');
  if (dbl !== -1 && s.indexOf('::', dbl + 1) !== -1) return null;
  const parseGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const gs = part.split(':');
    for (let i = 0; i < gs.length; i++) {
      const g = gs[i]!;
      if (i === gs.length - 1 && g.includes('.')) {
        if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(g)) return null;
        const q = g.split('.').map(Number);
        if (q.some((x, k) => x > 255 || (g.split('.')[k]!.length > 1 && g.split('.')[k]![0] === '0'))) return null;
        out.push((q[0]! << 8) | q[1]!, (q[2]! << 8) | q[3]!);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  let words: number[];
  if (dbl === -1) {
    const w = parseGroups(s);
    if (!w || w.length !== 8) return null;
    words = w;
  } else {
    const a = parseGroups(s.slice(0, dbl));
    const b = parseGroups(s.slice(dbl + 2));
    if (!a || !b || a.length + b.length > 7) return null;
    words = [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b];
  }
  const bytes = new Array<number>(16).fill(0);
  words.forEach((w, k) => {
    bytes[2 * k] = w >> 8;
    bytes[2 * k + 1] = w & 0xff;
  });
  return bytes;
}

/** getnameinfo(NI_NUMERICHOST) as glibc's inet_ntop prints it. */
export function formatAddress(bytes: readonly number[]): string {
  if (bytes.length === 4) return bytes.join('.');
  const w: number[] = [];
  for (let i = 0; i < 16; i += 2) w.push((bytes[i]! << 8) | bytes[i + 1]!);
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (w[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) best = -1;
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (best !== -1 && i >= best && i < best + bestLen) {
      if (i === best) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && best === 0 && (bestLen === 6 || (bestLen === 5 && w[5] === 0xffff))) {
      out += bytes.slice(12).join('.');
      break;
    }
    out += w[i]!.toString(16);
  }
  if (best !== -1 && best + bestLen === 8) out += ':';
  return out;
}

/* ---- options (parse_hba_auth_opt) ---- */

function mapMethods(major: Major): string {
  return major >= 18 ? 'ident, peer, gssapi, sspi, cert, and oauth' : 'ident, peer, gssapi, sspi, and cert';
}

const LDAP_OPTS = ['ldapurl', 'ldaptls', 'ldapscheme', 'ldapserver', 'ldapport', 'ldapbinddn', 'ldapbindpasswd', 'ldapsearchattribute', 'ldapsearchfilter', 'ldapbasedn', 'ldapprefix', 'ldapsuffix'];
const RADIUS_OPTS = ['radiusservers', 'radiussecrets', 'radiusports', 'radiusidentifiers'];
const OAUTH_OPTS = ['issuer', 'scope', 'validator', 'delegate_ident_mapping'];

function optionKnown(name: string, major: Major): boolean {
  if (name === 'clientname') return major >= 14;
  if (name === 'ldapscheme' || name === 'ldapsearchfilter' || name === 'pam_use_hostname') return major >= 11;
  if (OAUTH_OPTS.includes(name)) return major >= 18;
  return (
    ['map', 'clientcert', 'pamservice', 'krb_realm', 'include_realm', 'compat_realm', 'upn_username'].includes(name) ||
    LDAP_OPTS.includes(name) ||
    RADIUS_OPTS.includes(name)
  );
}

function parseAuthOpt(ctx: Ctx, connType: HbaConnType, method: string, opt: HbaOption, st: OptState): void {
  const { major } = ctx;
  const { name, value: val, token } = opt;
  const only = (methods: string[], list: string): void => {
    if (!methods.includes(method)) throw new LineError(`authentication option "${name}" is only valid for authentication methods ${list}`, token);
  };
  if (!optionKnown(name, major)) throw new LineError(`unrecognized authentication option name: "${name}"`, token);
  if (method === 'ldap') st.ldapscope = 2; // LDAP_SCOPE_SUBTREE, reset by every option on USE_LDAP builds

  switch (name) {
    case 'map':
      only(['ident', 'peer', 'gss', 'sspi', 'cert', 'oauth'], mapMethods(major));
      st.usermap = val;
      return;
    case 'clientcert':
      return clientcert(ctx, connType, method, val, token, st);
    case 'clientname':
      if (connType !== 'hostssl') throw new LineError('clientname can only be configured for "hostssl" rows', token);
      if (val !== 'CN' && val !== 'DN') throw new LineError(`invalid value for clientname: "${val}"`, token, false);
      return;
    case 'pamservice':
    case 'pam_use_hostname':
      only(['pam'], 'pam');
      if (name === 'pamservice') st.pamservice = val;
      return;
    case 'krb_realm':
    case 'include_realm':
      only(['gss', 'sspi'], 'gssapi and sspi');
      if (name === 'krb_realm') st.krbRealm = val;
      else st.includeRealm = val === '1';
      return;
    case 'compat_realm':
    case 'upn_username':
      only(['sspi'], 'sspi');
      return;
  }
  if (LDAP_OPTS.includes(name)) {
    only(['ldap'], 'ldap');
    if (name === 'ldapport') {
      if (atoi(val) === 0) throw new LineError(`invalid LDAP port number: "${val}"`, token);
      st.ldap.set(name, String(atoi(val)));
    } else if (name === 'ldapscheme') {
      st.ldap.set(name, val); // an invalid scheme is only logged
    } else if (name === 'ldapurl') {
      ldapUrl(ctx, val, token, st);
    } else {
      st.ldap.set(name, val);
    }
    return;
  }
  if (RADIUS_OPTS.includes(name)) {
    only(['radius'], 'radius');
    const list = splitGucList(val);
    const what = { radiusservers: 'server', radiussecrets: 'secret', radiusports: 'port', radiusidentifiers: 'identifiers' }[name]!;
    if (list === null) {
      if (name === 'radiusports') throw new LineError(`invalid RADIUS port number: "${val}"`, token);
      throw new LineError(`could not parse RADIUS ${what} list "${val}"`, token, false);
    }
    if (name === 'radiusservers') {
      for (const s of list) {
        if (!parseNumericHost(s, ctx)) addFeature(ctx, 'dns');
      }
    }
    if (name === 'radiusports' && list.some((p) => atoi(p) === 0)) throw new LineError(`invalid RADIUS port number: "${val}"`, token, false);
    st.radius.set(name, { raw: val, list });
    return;
  }
  if (OAUTH_OPTS.includes(name)) {
    only(['oauth'], 'oauth');
    st.oauth.set(name, val);
  }
}

function clientcert(ctx: Ctx, connType: HbaConnType, method: string, val: string, token: AuthToken, st: OptState): void {
  const { major } = ctx;
  if (connType !== 'hostssl') throw new LineError('clientcert can only be configured for "hostssl" rows', token, true, CLIENTCERT);
  if (major <= 11) {
    if (val === '1') {
      // The root-store check ("client certificates can only be checked if a root certificate
      // store is available") is not made when the file is parsed in any major here: since 10
      // ClientAuthentication makes it per connection, as ssl_ca_file can change on reload. So
      // 10/11 load the line with clientcert=true (seen with ssl off: only the hostssl warning);
      // connections still need ssl_ca_file, which we flag as a build/config dependency.
      addFeature(ctx, 'ssl-ca');
      st.clientcert = 'true';
    } else {
      if (method === 'cert') throw new LineError('clientcert can not be set to 0 when using "cert" authentication', token, true, CLIENTCERT);
      st.clientcert = 'off';
    }
    return;
  }
  if (val === 'verify-full') st.clientcert = 'full';
  else if (val === 'verify-ca' || (major <= 13 && val === '1')) {
    if (method === 'cert' && major >= 14) {
      throw new LineError('clientcert can only be set to "verify-full" when using "cert" authentication', token, true, CLIENTCERT);
    }
    st.clientcert = 'ca';
  } else if (major <= 13 && (val === '0' || val === 'no-verify')) {
    if (method === 'cert') throw new LineError('clientcert cannot be set to "no-verify" when using "cert" authentication', token, true, CLIENTCERT);
    st.clientcert = 'off';
  } else {
    throw new LineError(`invalid value for clientcert: "${val}"`, token, false, CLIENTCERT);
  }
}

function ldapUrl(ctx: Ctx, val: string, token: AuthToken, st: OptState): void {
  // ldap_url_parse (OpenLDAP): scheme://host:port/dn?attrs?scope?filter
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/:?]*)(?::(\d*))?(?:\/([^?]*)(?:\?([^?]*)(?:\?([^?]*)(?:\?(.*))?)?)?)?$/.exec(val);
  if (!m) throw new LineError(`could not parse LDAP URL "${val}": Bad parameter to an ldap routine`, token);
  const scheme = m[1]!;
  if (scheme !== 'ldap' && (scheme !== 'ldaps' || ctx.major < 11)) throw new LineError(`unsupported LDAP URL scheme: ${scheme}`, token, true, { code: 'ldap-url-scheme', unquoted: scheme });
  if (ctx.major >= 11) st.ldap.set('ldapscheme', scheme);
  if (m[2]) st.ldap.set('ldapserver', decodeURIComponentSafe(m[2]));
  const port = m[3] ? Number(m[3]) : scheme === 'ldaps' ? 636 : 389;
  st.ldap.set('ldapport', String(port));
  if (m[4]) st.ldap.set('ldapbasedn', decodeURIComponentSafe(m[4]));
  if (m[5]) st.ldap.set('ldapsearchattribute', decodeURIComponentSafe(m[5].split(',')[0]!));
  st.ldapscope = { base: 0, one: 1, sub: 2 }[m[6] ?? ''] ?? 0;
  if (m[7]) {
    if (ctx.major <= 10) throw new LineError('filters not supported in LDAP URLs', token);
    st.ldap.set('ldapsearchfilter', decodeURIComponentSafe(m[7]));
  }
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function checkMandatory(ctx: Ctx, method: string, st: OptState, at: AuthToken): void {
  const { major } = ctx;
  const need = (v: unknown, arg: string, auth: string): void => {
    if (v === undefined || v === null) throw new LineError(`authentication method "${auth}" requires argument "${arg}" to be set`, at);
  };
  if (method === 'ldap') {
    const l = st.ldap;
    if (major <= 11) need(l.get('ldapserver'), 'ldapserver', 'ldap');
    if (l.has('ldapprefix') || l.has('ldapsuffix')) {
      if (['ldapbasedn', 'ldapbinddn', 'ldapbindpasswd', 'ldapsearchattribute', 'ldapsearchfilter'].some((k) => l.has(k))) {
        throw new LineError(
          major <= 10
            ? 'cannot use ldapbasedn, ldapbinddn, ldapbindpasswd, ldapsearchattribute, or ldapurl together with ldapprefix'
            : 'cannot mix options for simple bind and search+bind modes',
          at,
        );
      }
    } else if (!l.has('ldapbasedn')) {
      throw new LineError('authentication method "ldap" requires argument "ldapbasedn", "ldapprefix", or "ldapsuffix" to be set', at);
    }
    if (l.has('ldapsearchattribute') && l.has('ldapsearchfilter')) {
      throw new LineError('cannot use ldapsearchattribute together with ldapsearchfilter', at);
    }
  }
  if (method === 'radius') {
    const r = st.radius;
    const servers = r.get('radiusservers')?.list ?? [];
    const secrets = r.get('radiussecrets')?.list ?? [];
    // an empty list is NIL, which MANDATORY_AUTH_ARG treats as unset
    need(servers.length ? servers : null, 'radiusservers', 'radius');
    need(secrets.length ? secrets : null, 'radiussecrets', 'radius');
    const n = servers.length;
    const check = (key: string, what: string, allowZero: boolean): void => {
      const len = r.get(key)?.list.length ?? 0;
      if (!((allowZero && len === 0) || len === 1 || len === n)) {
        // verify_option_list_length: the line is rejected (load_hba fails) in every major, but
        // before 14 it only logged and set no err_msg, so the view shows an empty row.
        throw new LineError(`the number of RADIUS ${what} (${len}) must be 1 or the same as the number of RADIUS servers (${n})`, at, major >= 14);
      }
    };
    check('radiussecrets', 'secrets', false);
    check('radiusports', 'ports', true);
    check('radiusidentifiers', 'identifiers', true);
  }
  if (method === 'oauth') {
    need(st.oauth.get('scope'), 'scope', 'oauth');
    need(st.oauth.get('issuer'), 'issuer', 'oauth');
    // check_oauth_validator depends on oauth_validator_libraries
    addFeature(ctx, 'oauth-validator');
    const libs = ctx.build.oauthValidatorLibraries ?? [];
    const validator = st.oauth.get('validator');
    if (libs.length === 0) throw new LineError('oauth_validator_libraries must be set for authentication method oauth', at);
    if (validator === undefined) {
      if (libs.length > 1) {
        throw new LineError('authentication method "oauth" requires argument "validator" to be set when oauth_validator_libraries contains multiple options', at);
      }
      st.oauth.set('validator', libs[0]!);
    } else if (!libs.includes(validator)) {
      throw new LineError(`validator "${validator}" is not permitted by oauth_validator_libraries`, at);
    }
    if (st.oauth.get('delegate_ident_mapping') === '1' && st.usermap !== null) {
      throw new LineError('map cannot be used in combination with delegate_ident_mapping', at);
    }
  }
}

/** get_hba_options */
function renderOptions(method: string, st: OptState): string[] | null {
  const out: string[] = [];
  if (method === 'gss' || method === 'sspi') {
    if (st.includeRealm) out.push('include_realm=true');
    if (st.krbRealm !== null) out.push(`krb_realm=${st.krbRealm}`);
  }
  if (st.usermap !== null) out.push(`map=${st.usermap}`);
  if (st.clientcert === 'true') out.push('clientcert=true');
  else if (st.clientcert !== 'off') out.push(`clientcert=${st.clientcert === 'ca' ? 'verify-ca' : 'verify-full'}`);
  if (st.pamservice !== null) out.push(`pamservice=${st.pamservice}`);
  if (method === 'ldap') {
    const l = st.ldap;
    for (const k of ['ldapserver', 'ldapport', 'ldapscheme']) if (l.has(k)) out.push(`${k}=${l.get(k)}`);
    if (l.get('ldaptls') === '1') out.push('ldaptls=true');
    for (const k of ['ldapprefix', 'ldapsuffix', 'ldapbasedn', 'ldapbinddn', 'ldapbindpasswd', 'ldapsearchattribute', 'ldapsearchfilter']) {
      if (l.has(k)) out.push(`${k}=${l.get(k)}`);
    }
    if (st.ldapscope) out.push(`ldapscope=${st.ldapscope}`);
  }
  if (method === 'radius') {
    for (const k of ['radiusservers', 'radiussecrets', 'radiusidentifiers', 'radiusports']) {
      const v = st.radius.get(k);
      if (v) out.push(`${k}=${v.raw}`);
    }
  }
  if (method === 'oauth') {
    for (const k of ['issuer', 'scope', 'validator']) if (st.oauth.has(k)) out.push(`${k}=${st.oauth.get(k)}`);
    if (st.oauth.get('delegate_ident_mapping') === '1') out.push('delegate_ident_mapping=true');
  }
  return out.length ? out : null;
}

/** C atoi: leading blanks, sign, digits; 0 when there are none. */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  if (!m) return 0;
  const v = Number(m[1]!.slice(0, 12));
  return Math.max(-2147483648, Math.min(2147483647, v)) | 0;
}

/** SplitGUCList: comma-separated, blanks trimmed, double-quoted elements; null on a syntax error. */
function splitGucList(s: string): string[] | null {
  const entries = splitQuotedList(s);
  return entries && entries.map((e) => e.name);
}

/* ---- pg_hba_file_rules ---- */

export interface HbaRuleRow {
  /** 16+; null on error rows. */
  rule_number?: number | null;
  /** 16+ */
  file_name?: string;
  line_number: number;
  type: string | null;
  database: string[] | null;
  user_name: string[] | null;
  address: string | null;
  netmask: string | null;
  auth_method: string | null;
  options: string[] | null;
  error: string | null;
}

/** The rows of pg_hba_file_rules (fill_hba_view) for a standard build. */
export function hbaFileRules(hba: HbaFile, major: Major = hba.major): HbaRuleRow[] {
  let rule = 0;
  return hba.lines.map((l) => {
    const r = l.record;
    const row: HbaRuleRow = {
      line_number: l.line,
      type: null,
      database: null,
      user_name: null,
      address: null,
      netmask: null,
      auth_method: null,
      options: null,
      error: l.viewError,
    };
    if (major >= 16) {
      if (l.viewError === null) rule++;
      row.rule_number = l.viewError === null ? rule : null;
      row.file_name = l.file.absPath;
    }
    if (r) {
      row.type = r.connType;
      row.database = r.databases.map((d) => d.token.text);
      row.user_name = r.users.map((u) => u.token.text);
      const a = r.address;
      if (a) {
        if (a.kind === 'ipv4' || a.kind === 'ipv6') {
          row.address = formatAddress(a.bytes!);
          row.netmask = formatAddress(a.mask!);
        } else {
          row.address = a.kind === 'hostname' ? a.hostname : a.kind;
        }
      }
      row.auth_method = r.method;
      row.options = r.viewOptions;
    }
    return major >= 16 ? { rule_number: row.rule_number, file_name: row.file_name, ...row } : row;
  });
}
