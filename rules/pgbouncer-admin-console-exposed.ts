// The admin console (the `pgbouncer` database) as pgbouncer admits admin_users and stats_users to it,
// following github.com/pgbouncer/pgbouncer commit 13a344f2625381296fc02e29b986a11be9c6b983:
// - src/client.c set_pool/finish_set_pool: a client of the admin console is authenticated like any
//   other, with cf_auth_type; with auth_type = hba, hba_eval picks the first record matching the
//   client's address (a Unix-socket client only `local` records, a TCP client only host/hostssl/
//   hostnossl ones by TLS and address) and the database name `pgbouncer` and the user name; `trust`
//   then logs in whoever pgbouncer knows (auth_file or auth_query: an unknown user is mock_auth and
//   "trust" fails).
// - src/admin.c admin_post_login: names in admin_users get admin rights (PAUSE, KILL, RELOAD, SET,
//   SHUTDOWN…), names in stats_users the read-only console (SHOW CLIENTS, SHOW SERVERS…);
//   admin_pre_login: a Unix-socket client of pgbouncer's own OS user named `pgbouncer` is admin
//   without any check, so the socket adds an exposure only when its mode lets other users connect.
// - src/util.c strlist_contains: the lists are names separated by commas or white space.
// - src/hba.c hba_eval/name_match: `all` matches every name, `sameuser` a user named like the
//   database; `replication` does not match an ordinary connection.
// - src/main.c: unix_socket_dir defaults to /tmp (empty: no socket), unix_socket_mode to 0777; src/pooler.c
//   chmods the socket to it, except an abstract socket (`@…`), which has no permissions at all.
// - src/client.c: with client_tls_sslmode require or stricter, a TCP client without TLS is refused
//   before authentication.
// auth_type = trust or any is reported by pgbouncer-auth-trust (its message names admin_users); this
// rule judges what the auth_hba_file does to the console's users.
import { defineRule } from '../src/linter/rule.js';
import { boundQuote } from '../src/linter/redact.js';
import { listenWords, pgbouncerListen } from '../src/parse/pgbouncer.js';
import { cIntValue, isTemplated, pgbouncerSetting, type PgbouncerIni } from '../src/parse/pgbouncer-ini.js';
import type { PgbHbaRecord } from '../src/parse/pgbouncer-hba.js';
import type { Severity } from '../src/types.js';

/** An inclusive range of addresses of one family (4 or 16 bytes) as numbers. */
interface Span {
  lo: bigint;
  hi: bigint;
}
type Family = 4 | 16;

const ALL: Record<Family, Span> = { 4: { lo: 0n, hi: (1n << 32n) - 1n }, 16: { lo: 0n, hi: (1n << 128n) - 1n } };
const LOOP4: Span = { lo: 127n << 24n, hi: (128n << 24n) - 1n };
const LOOP6: Span = { lo: 1n, hi: 1n };

const toBig = (bytes: readonly number[]): bigint => bytes.reduce((n, b) => (n << 8n) | BigInt(b & 255), 0n);

/** A record's addresses: contiguous masks give exact ranges; otherwise `exact` is false and the range is its hull. */
function recordSpans(r: PgbHbaRecord): { family: Family; span: Span; exact: boolean }[] {
  const a = r.address;
  if (!a) return [];
  if (a.all) return [{ family: 4, span: ALL[4], exact: true }, { family: 16, span: ALL[16], exact: true }];
  const family: Family = a.bytes.length === 4 ? 4 : 16;
  const bits = BigInt(family * 8);
  const mask = toBig(a.mask);
  const lo = toBig(a.bytes) & mask;
  const hi = lo | (((1n << bits) - 1n) ^ mask);
  const inv = ((1n << bits) - 1n) ^ mask;
  return [{ family, span: { lo, hi }, exact: (inv & (inv + 1n)) === 0n }];
}

/** Sorted, disjoint spans minus one span. */
function subtract(set: Span[], cut: Span): Span[] {
  const out: Span[] = [];
  for (const s of set) {
    if (cut.hi < s.lo || cut.lo > s.hi) out.push(s);
    else {
      if (s.lo < cut.lo) out.push({ lo: s.lo, hi: cut.lo - 1n });
      if (s.hi > cut.hi) out.push({ lo: cut.hi + 1n, hi: s.hi });
    }
  }
  return out;
}

function intersect(set: Span[], w: Span): Span[] {
  const out: Span[] = [];
  for (const s of set) {
    const lo = s.lo > w.lo ? s.lo : w.lo;
    const hi = s.hi < w.hi ? s.hi : w.hi;
    if (lo <= hi) out.push({ lo, hi });
  }
  return out;
}

/**
 * The client addresses a TCP connection to pgbouncer can come from (src/pooler.c listens on each
 * listen_addr item): `*` every address; 0.0.0.0 / :: every address of the family; a loopback
 * address or localhost only this machine's loopback addresses; any other address clients from
 * beyond loopback (loopback sources towards it are left out: not reporting them is never wrong).
 */
function clientSpans(listenAddr: string): Record<Family, Span[]> {
  const out: Record<Family, Span[]> = { 4: [], 16: [] };
  const add = (f: Family, s: Span): void => void out[f].push(s);
  for (const raw of listenAddr.split(',')) {
    const x = raw.trim().toLowerCase();
    if (x === '') continue;
    if (x === '*') (add(4, ALL[4]), add(16, ALL[16]));
    else if (x === '0.0.0.0') add(4, ALL[4]);
    else if (x === '::') add(16, ALL[16]);
    else if (x === 'localhost') (add(4, LOOP4), add(16, LOOP6));
    else if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(x)) add(4, LOOP4);
    else if (x === '::1') add(16, LOOP6);
    else for (const f of [4, 16] as const) for (const s of subtract([ALL[f]], f === 4 ? LOOP4 : LOOP6)) add(f, s);
  }
  for (const f of [4, 16] as const) {
    // Merge into sorted disjoint spans.
    const sorted = out[f].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
    const merged: Span[] = [];
    for (const s of sorted) {
      const last = merged[merged.length - 1];
      if (last && s.lo <= last.hi + 1n) last.hi = s.hi > last.hi ? s.hi : last.hi;
      else merged.push({ ...s });
    }
    out[f] = merged;
  }
  return out;
}

/** hba.c name_match for the database `pgbouncer` and the user `user` (no replication connection). */
function matches(r: PgbHbaRecord, user: string): boolean {
  const db = r.databases.some((n) => (n.keyword ? n.text === 'all' || (n.text === 'sameuser' && user === 'pgbouncer') : n.text === 'pgbouncer'));
  if (!db) return false;
  return r.users.some((n) => (n.keyword ? n.text === 'all' || (n.text === 'sameuser' && user === 'pgbouncer') : n.text === user));
}

/** Where a trust record lets a user in: `local` (this machine only) or `network`, with words. */
interface Exposure {
  record: PgbHbaRecord;
  network: boolean;
  where: string;
}

/** Names read from a list parameter (src/util.c strlist_contains: separated by commas or white space). */
const listNames = (v: string): string[] => [...new Set(v.split(/[\s,]+/).filter((x) => x !== ''))];

/**
 * Bounds on a crafted file: names judged per list, records read per evaluation, and span operations
 * per file. Past them the rule stops looking: it says less, never something untrue (each exposure
 * it reports was established before the stop).
 */
const MAX_NAMES = 64;
const MAX_RECORDS = 2_000;
const MAX_SPAN_WORK = 2_000_000;

interface Reach {
  listen: ReturnType<typeof pgbouncerListen>;
  spans: Record<Family, Span[]>;
  /** TLS states a TCP client can be in: without TLS unless TLS is required; with TLS unless it is disabled. */
  plain: boolean;
  tls: boolean;
  /** Words for who reaches the Unix-domain socket beyond pgbouncer's own OS user, or null. */
  socket: string | null;
}

function socketWords(ini: PgbouncerIni): string | null | undefined {
  const dir = pgbouncerSetting(ini, 'unix_socket_dir')!;
  const mode = pgbouncerSetting(ini, 'unix_socket_mode')!;
  if (!dir.certain || !mode.certain || isTemplated(dir.value) || isTemplated(mode.value)) return undefined;
  if (dir.value === '') return null;
  if (dir.value.startsWith('@')) return `every user of this machine (the abstract socket ${boundQuote(dir.value, 60)} has no permissions)`;
  const m = cIntValue(mode.value);
  if (m === undefined) return undefined;
  const octal = '0' + (m & 0o777).toString(8);
  // Connecting to a Unix-domain socket needs write permission on it.
  if (m & 0o002) return `every user of this machine (its Unix-domain socket, unix_socket_mode ${octal})`;
  if (m & 0o020) return `the users of the socket's group on this machine (unix_socket_mode ${octal})`;
  return null;
}

/** The first record pgbouncer picks for `user` on the admin console, for each way in, when it is trust. */
function exposures(records: readonly PgbHbaRecord[], user: string, reach: Reach, work: { left: number }): Exposure[] {
  const out: Exposure[] = [];
  const relevant = records.filter((r) => matches(r, user)).slice(0, MAX_RECORDS);
  if (reach.socket) {
    const first = relevant.find((r) => r.type === 'local');
    if (first?.method === 'trust') out.push({ record: first, network: false, where: reach.socket });
  }
  if (reach.listen.kind !== 'network' && reach.listen.kind !== 'loopback') return out;
  const states = [...(reach.plain ? ['plain' as const] : []), ...(reach.tls ? ['tls' as const] : [])];
  const found = new Map<PgbHbaRecord, boolean>();
  for (const state of states) {
    const applies = (r: PgbHbaRecord): boolean => r.type === 'host' || (r.type === 'hostssl' ? state === 'tls' : r.type === 'hostnossl' && state === 'plain');
    for (const f of [4, 16] as const) {
      let open = reach.spans[f];
      for (const r of relevant) {
        if (open.length === 0 || work.left <= 0) break;
        work.left -= open.length + 1;
        if (r.type === 'local' || !applies(r)) continue;
        for (const s of recordSpans(r)) {
          if (s.family !== f) continue;
          if (r.method === 'trust' && s.exact) {
            const hit = intersect(open, s.span);
            if (hit.length) {
              const beyond = hit.some((h) => subtract([h], f === 4 ? LOOP4 : LOOP6).length > 0);
              found.set(r, (found.get(r) ?? false) || beyond);
            }
          }
          // Whatever its method, the record takes these addresses: later records never see them.
          open = subtract(open, s.span);
        }
      }
    }
  }
  for (const [record, beyond] of found) {
    const a = record.address!;
    const from = a.all ? 'every address' : boundQuote(a.maskToken ? `${a.token.text} ${a.maskToken.text}` : a.token.text, 60);
    out.push({
      record,
      network: beyond,
      where: beyond ? `${from} (pgbouncer listens on ${listenWords(reach.listen)})` : `this machine over loopback (${from})`,
    });
  }
  return out;
}

export default defineRule({
  name: 'pgbouncer-admin-console-exposed',
  severity: 'error',
  category: 'security',
  appliesTo: ['pgbouncer.ini'],
  requires: ['pgbouncer.ini'],
  docs: () => ({
    summary: "pgbouncer's auth_hba_file lets admin_users or stats_users into the admin console without a password (trust)",
    why:
      'pgbouncer authenticates the users of its admin console (the `pgbouncer` database) like any other client. With ' +
      '`auth_type = hba` the first record of its auth_hba_file matching the address, the database `pgbouncer` and the ' +
      'user decides; when that record is `trust`, a name listed in `admin_users` is let in without a password (when ' +
      'auth_file or auth_query knows it) and can PAUSE, KILL, RELOAD, SET or SHUTDOWN the pooler; a name in ' +
      '`stats_users` gets SHOW CLIENTS and SHOW SERVERS, which list every client\'s address, user and database. ' +
      'The finding is at the list and names the record. It is an error for admin_users reached from beyond loopback, a ' +
      'warning for admin_users reached only from this machine (over loopback, or through the Unix-domain socket when ' +
      'unix_socket_mode lets other users connect: the default 0777 lets everyone) and for stats_users reached from ' +
      'beyond loopback, an info for stats_users reached only from this machine. Records that earlier records hide, ' +
      'TLS-only records when TLS is disabled, non-TLS ones when it is required, and addresses pgbouncer does not ' +
      'listen on are not reported. `auth_type = trust` or `any` is `pgbouncer-auth-trust`\'s finding; when an ' +
      '`%include` (not followed) may set any of these parameters, nothing is said.',
    invalid: [
      {
        'pgbouncer.ini': '[pgbouncer]\nlisten_addr = *\nauth_type = hba\nauth_hba_file = hba.conf\nadmin_users = ops\n',
        'hba.conf': 'host pgbouncer ops 10.0.0.0/8 trust\nhost all all 0.0.0.0/0 scram-sha-256\n',
      },
      {
        'pgbouncer.ini': '[pgbouncer]\nauth_type = hba\nauth_hba_file = hba.conf\nstats_users = monitor\n',
        'hba.conf': 'local all all trust\n',
      },
    ],
    valid: [
      {
        'pgbouncer.ini': '[pgbouncer]\nlisten_addr = *\nauth_type = hba\nauth_hba_file = hba.conf\nadmin_users = ops\n',
        'hba.conf': 'local all all peer\nhost pgbouncer ops 10.0.0.0/8 scram-sha-256\nhost all all 10.0.0.0/8 trust\n',
      },
      {
        'pgbouncer.ini': '[pgbouncer]\nauth_type = hba\nauth_hba_file = hba.conf\nunix_socket_mode = 0700\nadmin_users = ops\n',
        'hba.conf': 'local all all trust\n',
      },
    ],
    references: [
      'https://www.pgbouncer.org/usage.html#admin-console',
      'https://www.pgbouncer.org/config.html#admin_users',
      'https://github.com/pgbouncer/pgbouncer/blob/master/src/admin.c',
      'https://github.com/pgbouncer/pgbouncer/blob/master/src/hba.c',
    ],
    versions: 'all pgbouncer versions that have auth_type = hba (any PostgreSQL major)',
  }),
  check(ctx) {
    const pgb = ctx.cluster.pgbouncer;
    if (!pgb?.hba) return;
    const ini = pgb.ini;
    const auth = pgbouncerSetting(ini, 'auth_type')!;
    if (!auth.certain || auth.value.toLowerCase() !== 'hba') return;
    const listen = pgbouncerListen(ini);
    const listenAddr = pgbouncerSetting(ini, 'listen_addr')!;
    const tlsMode = pgbouncerSetting(ini, 'client_tls_sslmode')!;
    const socket = socketWords(ini);
    if (listen.kind === 'unknown' || !tlsMode.certain || socket === undefined) return;
    const m = tlsMode.value.toLowerCase();
    const reach: Reach = {
      listen,
      spans: clientSpans(listenAddr.value),
      plain: !['require', 'verify-ca', 'verify-full'].includes(m),
      tls: m !== 'disable',
      socket,
    };
    const admins = pgbouncerSetting(ini, 'admin_users')!;
    const stats = pgbouncerSetting(ini, 'stats_users')!;
    const work = { left: MAX_SPAN_WORK };
    const adminNames = admins.certain && !isTemplated(admins.value) ? listNames(admins.value) : [];
    for (const [list, admin] of [[admins, true], [stats, false]] as const) {
      if (!list.entry || !list.certain || isTemplated(list.value)) continue;
      const names = listNames(list.value)
        .filter((n) => admin || !adminNames.includes(n))
        .slice(0, MAX_NAMES);
      const hits: { name: string; e: Exposure }[] = [];
      for (const name of names) for (const e of exposures(pgb.hba.records, name, reach, work)) hits.push({ name, e });
      if (!hits.length) continue;
      const network = hits.some((h) => h.e.network);
      const worst = hits.find((h) => h.e.network === network)!;
      const who = [...new Set(hits.map((h) => h.name))];
      const lines = [...new Set(hits.map((h) => h.e.record.line))].sort((a, b) => a - b);
      const severity: Severity = admin ? (network ? 'error' : 'warning') : network ? 'warning' : 'info';
      const whoWords = who.slice(0, 5).map((n) => boundQuote(n, 40)).join(', ') + (who.length > 5 ? ` and ${who.length - 5} more` : '');
      const lineWords = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.slice(0, 5).join(', ')}${lines.length > 5 ? '…' : ''}`;
      const does = admin
        ? 'can PAUSE, KILL, RELOAD, SET or SHUTDOWN the pooler'
        : "can run SHOW CLIENTS and SHOW SERVERS, which list every client's address, user and database";
      ctx.report({
        loc: { file: ini.file.path, start: list.entry.valueStart, end: list.entry.valueEnd },
        severity,
        message:
          `${admin ? 'admin_users' : 'stats_users'} ${whoWords}: pgbouncer's auth_hba_file (${lineWords}: trust) lets ${who.length === 1 ? 'this user' : 'these users'} ` +
          `into the admin console without a password from ${worst.e.where} (${who.length === 1 ? 'if auth_file or auth_query knows the user' : 'each one that auth_file or auth_query knows'}); whoever gets in ${does}`,
        help: 'Give the pgbouncer database a record with scram-sha-256 (or peer for local, cert over TLS) for these users before any trust record, or narrow the trust record so that it does not match them.',
        related: [...new Map(hits.map((h) => [h.e.record, h.e.record])).values()].slice(0, 5).map((r) => ({
          message: `this ${r.type} record is the first one pgbouncer matches for the admin console${r.address ? ' from these addresses' : ''}, and it trusts`,
          loc: { file: pgb.hba!.file.path, start: r.methodToken.start, end: r.methodToken.end },
        })),
      });
    }
  },
});
