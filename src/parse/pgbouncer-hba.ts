// pgbouncer's auth_hba_file: the subset of pg_hba.conf that pgbouncer's own parser reads. Everything
// here follows github.com/pgbouncer/pgbouncer commit 13a344f2625381296fc02e29b986a11be9c6b983,
// src/hba.c (next_token, parse_names, parse_line, parse_addr, parse_nmask, parse_map_definition,
// hba_load_rules). Unlike PostgreSQL, pgbouncer does not refuse the whole file for a bad line: it logs
// a warning, ignores the line and reads on (hba_load_rules), so a line it cannot read is a rule that
// silently does not exist.
//
// What pgbouncer's parser accepts, against PostgreSQL's:
// - types local, host, hostssl, hostnossl; not hostgssenc/hostnogssenc, nor include directives;
// - names: all, sameuser, replication (in both the database and the user column, as parse_names is
//   called with is_db for both), plain or double-quoted names, `@file` (relative to the hba file);
//   samerole, samegroup and `+role` are refused; no regular expressions (`/…` is a plain name);
// - addresses: `all`, or a numeric IPv4/IPv6 address (inet_pton: no host names, samehost, samenet,
//   zone ids) with `/bits` or a separate mask; an address with bits outside its mask is only a
//   warning (PostgreSQL refuses it);
// - methods: trust, reject, md5, password, peer, cert, scram-sha-256, ldap (the rest of the line is
//   its options); no gss, sspi, ident, pam, radius, bsd, oauth;
// - options: only `map=NAME`, which must name a map of auth_ident_file; anything else (clientcert=…)
//   makes the line unreadable;
// - a `#` ends a token and starts a comment anywhere outside quotes; no `\` line continuation.
import { createSourceFile, type SourceFile } from '../source/source.js';
import { parseIPv6 } from './pg-hba.js';
import type { AuthFileIO } from './auth-tokens.js';
import { dirname, join, isAbsolute } from 'node:path';

export type PgbHbaType = 'local' | 'host' | 'hostssl' | 'hostnossl';
export const PGB_HBA_METHODS: readonly string[] = ['trust', 'reject', 'md5', 'password', 'peer', 'cert', 'scram-sha-256', 'ldap'];

export interface PgbToken {
  text: string;
  quoted: boolean;
  start: number;
  end: number;
}

export interface PgbHbaRecord {
  line: number;
  type: PgbHbaType;
  typeToken: PgbToken;
  /** Database and user names as written (`all` unquoted is `keyword`). */
  databases: { text: string; keyword: boolean; token: PgbToken }[];
  users: { text: string; keyword: boolean; token: PgbToken }[];
  /** Null for local records. */
  address: { all: true; token: PgbToken } | { all: false; bytes: number[]; mask: number[]; token: PgbToken; maskToken?: PgbToken } | null;
  method: string;
  methodToken: PgbToken;
  /** The whole record: from its first token to its last. */
  start: number;
  end: number;
}

export interface PgbHbaRejected {
  line: number;
  /** What pgbouncer logs, in words. */
  reason: string;
  /** The token it stopped at (or the line). */
  start: number;
  end: number;
  /** The record's type and method when they were read, to say what the lost line did. */
  method?: string;
}

export interface PgbouncerHba {
  file: SourceFile;
  records: PgbHbaRecord[];
  rejected: PgbHbaRejected[];
}

/** isspace() in the C locale (hba.c next_token). */
const isCSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';

class Tokens {
  private pos = 0;
  cur: { kind: 'ident' | 'string' | 'comma' | 'eol' | 'fail'; tok?: PgbToken } = { kind: 'comma' };

  constructor(
    private readonly s: string,
    private readonly base: number,
  ) {
    this.next();
  }

  /** hba.c next_token. */
  next(): void {
    if (this.cur.kind === 'eol') return;
    const s = this.s;
    let p = this.pos;
    while (p < s.length && isCSpace(s[p])) p++;
    if (p >= s.length || s[p] === '#') {
      this.cur = { kind: 'eol' };
      this.pos = s.length;
      return;
    }
    if (s[p] === ',') {
      this.cur = { kind: 'comma', tok: { text: ',', quoted: false, start: this.base + p, end: this.base + p + 1 } };
      this.pos = p + 1;
      return;
    }
    if (s[p] === '"') {
      let q = p + 1;
      let text = '';
      for (; q < s.length; q++) {
        if (s[q] === '"') {
          if (s[q + 1] === '"') {
            text += '"';
            q++;
            continue;
          }
          break;
        }
        text += s[q];
      }
      if (s[q] !== '"') {
        this.cur = { kind: 'fail', tok: { text: s.slice(p), quoted: true, start: this.base + p, end: this.base + s.length } };
        this.pos = s.length;
        return;
      }
      this.cur = { kind: 'string', tok: { text, quoted: true, start: this.base + p, end: this.base + q + 1 } };
      this.pos = q + 1;
      return;
    }
    let q = p + 1;
    while (q < s.length && s[q] !== ',' && s[q] !== '#' && s[q] !== '"' && !isCSpace(s[q])) q++;
    this.cur = { kind: 'ident', tok: { text: s.slice(p, q), quoted: false, start: this.base + p, end: this.base + q } };
    this.pos = q;
  }

  /** The current token's kind (a call, so that TypeScript does not narrow it across next()). */
  k(): 'ident' | 'string' | 'comma' | 'eol' | 'fail' {
    return this.cur.kind;
  }

  /** The rest of the line from the current position (ldap's options). */
  restEnd(): number {
    return this.base + this.s.length;
  }

  kw(word: string): boolean {
    return this.cur.kind === 'ident' && this.cur.tok!.text === word;
  }
}

export interface PgbHbaOptions {
  io: AuthFileIO;
  /** The map names of auth_ident_file, when it was read; `none` when pgbouncer has no ident file; undefined when unknown. */
  identMaps: ReadonlySet<string> | 'none' | undefined;
}

const MAX_NAMEFILE_DEPTH = 8;
/** `@file` expansions per hba file: pgbouncer recurses without a limit; a crafted tree of @files must not cost more than this. */
export const MAX_NAMEFILE_READS = 1_000;
/** Characters read through `@file`s per hba file. */
export const MAX_NAMEFILE_CHARS = 4 * 1024 * 1024;

/** hba.c hba_load_rules: every line read on its own; a line pgbouncer cannot read is recorded and skipped. */
export function parsePgbouncerHba(file: SourceFile, opts: PgbHbaOptions): PgbouncerHba {
  const records: PgbHbaRecord[] = [];
  const rejected: PgbHbaRejected[] = [];
  const text = file.text;
  let start = 0;
  let line = 0;
  const budget = { reads: MAX_NAMEFILE_READS, chars: MAX_NAMEFILE_CHARS };
  while (start <= text.length) {
    line++;
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const r = parseLine(file, text.slice(start, end), start, line, opts, budget);
    if (r && 'reason' in r) rejected.push(r);
    else if (r) records.push(r);
    if (nl === -1) break;
    start = nl + 1;
  }
  return { file, records, rejected };
}

type Names = { text: string; keyword: boolean; token: PgbToken }[];

function parseLine(file: SourceFile, s: string, base: number, line: number, opts: PgbHbaOptions, budget: { reads: number; chars: number }): PgbHbaRecord | PgbHbaRejected | undefined {
  const t = new Tokens(s, base);
  const whole = (): { start: number; end: number } => ({ start: base + s.search(/\S|$/), end: base + s.replace(/\s+$/, '').length });
  const reject = (reason: string, at?: PgbToken, method?: string): PgbHbaRejected => ({ line, reason, ...(at ? { start: at.start, end: at.end } : whole()), ...(method ? { method } : {}) });
  if (t.k() === 'eol') return undefined;
  const typeToken = t.cur.tok!;
  const type = (['local', 'host', 'hostssl', 'hostnossl'] as const).find((k) => t.kw(k));
  if (!type) {
    const why = t.k() === 'ident' && /^include(_if_exists|_dir)?$/.test(typeToken.text) ? 'pgbouncer has no include directives' : 'an unknown connection type (pgbouncer reads local, host, hostssl and hostnossl)';
    return reject(why, typeToken);
  }
  t.next();
  const dbs: Names = [];
  const users: Names = [];
  const names = (out: Names, column: string): PgbHbaRejected | undefined => parseNames(t, out, column, file, opts.io, 0, line, budget);
  const bad = names(dbs, 'database') ?? names(users, 'user');
  if (bad) return bad;
  let address: PgbHbaRecord['address'] = null;
  if (type !== 'local') {
    if (t.kw('all')) {
      address = { all: true, token: t.cur.tok! };
      t.next();
    } else {
      if (t.k() !== 'ident') return reject('no address (pgbouncer reads all or a numeric IP address)', t.cur.tok);
      const tok = t.cur.tok!;
      const slash = tok.text.indexOf('/');
      const addrText = slash === -1 ? tok.text : tok.text.slice(0, slash);
      const v6 = addrText.includes('%') ? null : parseIPv6(addrText);
      const v4 = v6 ? null : parseInetPton4(addrText);
      const bytes = v6 ?? v4;
      if (!bytes) return reject(`an address pgbouncer cannot read: it takes only all or a numeric IP address (no host names, samehost, samenet)`, tok);
      let mask: number[];
      let maskToken: PgbToken | undefined;
      if (slash !== -1) {
        const bitsText = tok.text.slice(slash + 1);
        const bits = /^\d+$/.test(bitsText) ? Number(bitsText) : NaN;
        if (!Number.isFinite(bits) || bits > bytes.length * 8) return reject('an invalid mask length', tok);
        mask = bytes.map((_, i) => (0xff << (8 - Math.max(0, Math.min(8, bits - i * 8)))) & 0xff);
        t.next();
      } else {
        t.next();
        if (t.k() !== 'ident') return reject('no mask after the address', t.cur.tok ?? tok);
        maskToken = t.cur.tok!;
        const m = bytes.length === 16 ? parseIPv6(maskToken.text) : parseInetPton4(maskToken.text);
        if (!m) return reject('a mask pgbouncer cannot read', maskToken);
        mask = m;
        t.next();
      }
      address = { all: false, bytes, mask, token: tok, ...(maskToken ? { maskToken } : {}) };
    }
  }
  if (t.k() !== 'ident') return reject('no authentication method', t.cur.tok);
  const methodToken = t.cur.tok!;
  const method = PGB_HBA_METHODS.find((m) => t.kw(m));
  if (!method) return reject(`the method ${JSON.stringify(methodToken.text.slice(0, 40))}, which pgbouncer does not support (it reads ${PGB_HBA_METHODS.join(', ')})`, methodToken);
  let lastEnd = methodToken.end;
  if (method === 'ldap') lastEnd = t.restEnd();
  else {
    t.next();
    if (t.k() === 'ident') {
      const opt = t.cur.tok!;
      if (!opt.text.startsWith('map=')) return reject('an option pgbouncer does not support (it reads only map=)', opt, method);
      const map = opt.text.slice(4);
      if (opts.identMaps === 'none') return reject('map= while pgbouncer has no auth_ident_file, so the map is not found', opt, method);
      if (opts.identMaps && !opts.identMaps.has(map)) return reject(`map=${map.slice(0, 40)} names no map of auth_ident_file`, opt, method);
      lastEnd = opt.end;
      t.next();
    }
    if (t.k() !== 'eol') return reject('more after the method than pgbouncer reads (unsupported parameters)', t.cur.tok, method);
  }
  return { line, type, typeToken, databases: dbs, users, address, method, methodToken, start: typeToken.start, end: lastEnd };
}

/** hba.c parse_names. */
function parseNames(t: Tokens, out: Names, column: string, file: SourceFile, io: AuthFileIO, depth: number, line: number, budget: { reads: number; chars: number }): PgbHbaRejected | undefined {
  const reject = (reason: string, at?: PgbToken): PgbHbaRejected => ({ line, reason, start: at?.start ?? 0, end: at?.end ?? 0 });
  for (;;) {
    const tok = t.cur.tok;
    if (t.kw('all') || t.kw('sameuser') || t.kw('replication')) out.push({ text: tok!.text, keyword: true, token: tok! });
    else if (t.kw('samerole') || t.kw('samegroup')) return reject(`${tok!.text} in the ${column} column, which pgbouncer does not support`, tok);
    else if (t.k() === 'ident' && tok!.text.startsWith('+')) return reject(`a +role group in the ${column} column, which pgbouncer does not support`, tok);
    else if (t.k() === 'ident' && tok!.text.startsWith('@')) {
      const bad = nameFile(tok!, out, column, file, io, depth, line, budget);
      if (bad) return bad;
    } else if (t.k() === 'ident' || t.k() === 'string') out.push({ text: tok!.text, keyword: false, token: tok! });
    else return reject(`no ${column} name`, tok);
    t.next();
    if (t.k() !== 'comma') return undefined;
    t.next();
  }
}

/** hba.c parse_namefile: `@file`, relative to the hba file's directory, each line a list of names. */
function nameFile(tok: PgbToken, out: Names, column: string, file: SourceFile, io: AuthFileIO, depth: number, line: number, budget: { reads: number; chars: number }): PgbHbaRejected | undefined {
  const reject = (reason: string): PgbHbaRejected => ({ line, reason, start: tok.start, end: tok.end });
  const name = tok.text.slice(1);
  const abs = isAbsolute(name) ? name : join(dirname(file.absPath), name);
  if (depth >= MAX_NAMEFILE_DEPTH || --budget.reads < 0) return reject(`${tok.text.slice(0, 40)} nests or repeats @files more than can be followed (pgbouncer recurses without end on a loop)`);
  if (!io.allowed(abs)) return undefined; // outside what may be read: not judged
  const r = io.read(abs);
  if (!r.ok) return r.missing ? reject(`${tok.text.slice(0, 40)} names a file that does not exist, so pgbouncer ignores the line`) : undefined;
  budget.chars -= r.file.text.length;
  if (budget.chars < 0) return reject(`${tok.text.slice(0, 40)} reads more through @files than can be followed`);
  for (const l of r.file.text.split('\n')) {
    const t = new Tokens(l, 0);
    if (t.k() === 'eol') continue;
    const inner: Names = [];
    const bad = parseNames(t, inner, column, r.file, io, depth + 1, line, budget);
    if (bad) return reject(`${tok.text.slice(0, 40)} holds a line pgbouncer cannot read (${bad.reason})`);
    // Names read through the file point at the @file token.
    for (const n of inner) out.push({ ...n, token: tok });
  }
  return undefined;
}

/** inet_pton(AF_INET): exactly four decimal parts, no leading zeros, each at most 255. */
export function parseInetPton4(s: string): number[] | null {
  const m = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/.exec(s);
  if (!m) return null;
  const out = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  return out.every((b) => b <= 255) ? out : null;
}

/** The map names of pgbouncer's auth_ident_file (hba.c parse_ident_line: `MAP SYSTEM-USER PG-USER`). */
export function pgbouncerIdentMaps(file: SourceFile): Set<string> {
  const maps = new Set<string>();
  for (const l of file.text.split('\n')) {
    const t = new Tokens(l, 0);
    if (t.k() !== 'ident') continue;
    const map = t.cur.tok!.text;
    t.next();
    if (t.k() !== 'ident' && t.k() !== 'string') continue;
    t.next();
    if (t.k() !== 'ident' && t.k() !== 'string') continue;
    t.next();
    if (t.k() === 'eol') maps.add(map);
  }
  return maps;
}

/** A file's text as a SourceFile (tests). */
export const pgbouncerHbaFromText = (path: string, text: string): SourceFile => createSourceFile(path, path, text);
