import { afterAll, describe, expect, test } from '@jest/globals';
import { relative } from 'node:path';
import type { Major } from '../src/catalog/types.js';
import { diffAccessDetailed, METHOD_STRENGTH, type AccessClassSpec, type NameSetSpec } from '../src/diff/access.js';
import { parseIPv4, parseIPv6, type HbaLine } from '../src/parse/pg-hba.js';
import { rng } from './differential/generate.js';
import { firstMatch, removeTrees, resolveTree, type Connection, type ConnTransport, type ServerFacts } from './support/hba-first-match.js';

afterAll(removeTrees);

// Random pg_hba.conf pairs and random concrete connections: the answer of PostgreSQL's first match
// (test/support/hba-first-match.ts, one connection at a time) for each version must agree with the
// classes the access diff reports. A connection whose two answers differ falls in exactly one
// reported change, with the same records before and after; one whose answers agree falls in none.

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const TYPES = ['local', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc'];
const DBS = ['all', 'all', 'sameuser', 'replication', '"all"', 'db1', 'db2', 'db1,db2', 'u1', 'all,db1', 'replication,db2', '"replication"'];
const DBS16 = ['/^d', '/1$', 'db2,/^u'];
const USERS = ['all', 'all', 'u1', 'u2', '"all"', 'u1,db1', 'u2,u3', '+u1', 'dx'];
const USERS16 = ['/^u', '/x$'];
const ADDRS = [
  'all',
  '0.0.0.0/0',
  '10.0.0.0/8',
  '10.1.0.0/16',
  '10.1.2.3/32',
  '10.0.0.0 255.0.0.0',
  '10.1.0.0 255.255.0.0',
  '192.168.0.0/16',
  '127.0.0.1/32',
  '::/0',
  '::1/128',
  'fe80::/10',
  '::ffff:10.0.0.0/104',
  '2001:db8::/32',
];
const METHODS = ['trust', 'reject', 'md5', 'scram-sha-256', 'password', 'pam', 'ident', 'gss'];

/** Keyword-heavy databases: sameuser and samerole on most records, which the diff handles per class pair. */
const DBS_KW = ['sameuser', 'samerole', 'sameuser', 'all', 'db1', 'u1', '"sameuser"', 'sameuser,db2'];

function record(r: Rand, major: Major, keywords = false): string {
  const type = pick(r, TYPES.filter((t) => major >= 12 || !t.includes('gss')));
  const db = pick(r, major >= 16 && r() < 0.2 ? DBS16 : keywords ? DBS_KW : DBS);
  const user = pick(r, major >= 16 && r() < 0.2 ? USERS16 : USERS);
  let method = pick(r, METHODS);
  if (type === 'local' && (method === 'ident' || method === 'gss')) method = 'peer';
  let opts = '';
  if (type === 'hostssl' && r() < 0.3) {
    if (r() < 0.5) method = 'cert';
    else opts = ' clientcert=verify-full';
  }
  if (type === 'local') return `${type} ${db} ${user} ${method}${opts}`;
  return `${type} ${db} ${user} ${pick(r, ADDRS)} ${method}${opts}`;
}

/** The same record with a method of the same strength, or a stronger or weaker one. */
const SWAP: Record<string, string> = { password: 'pam', pam: 'password', md5: 'scram-sha-256', 'scram-sha-256': 'md5', trust: 'reject', reject: 'trust' };

function otherMethod(line: string): string {
  const t = line.split(' ');
  for (let k = t.length - 1; k >= 0; k--) {
    const to = SWAP[t[k]!];
    if (to) {
      t[k] = to;
      break;
    }
  }
  return t.join(' ');
}

function mutate(r: Rand, lines: string[], major: Major, methodsOnly: boolean, keywords = false): string[] {
  const out = lines.slice();
  const n = 1 + Math.floor(r() * 3);
  for (let k = 0; k < n; k++) {
    const op = methodsOnly ? 0.5 : r();
    const i = Math.floor(r() * out.length);
    if (op < 0.2 && out.length > 1) out.splice(i, 1);
    else if (op < 0.4) out.splice(i, 0, record(r, major, keywords));
    else if (op < 0.55) out[i] = otherMethod(out[i]!);
    else if (op < 0.75 && out.length > 1) {
      const j = Math.floor(r() * out.length);
      [out[i], out[j]] = [out[j]!, out[i]!];
    } else out[i] = record(r, major, keywords);
  }
  return out;
}

const CONF: Record<ServerFacts['listen'], string> = { all: "'*'", loopback: "'localhost'", none: "''" };

function conf(f: ServerFacts): string {
  return `listen_addresses = ${CONF[f.listen]}\nssl = ${f.ssl ? 'on' : 'off'}\n`;
}

const CLIENTS = [
  '10.1.2.3',
  '10.1.9.9',
  '10.200.0.1',
  '192.168.1.1',
  '127.0.0.1',
  '127.0.0.2',
  '8.8.8.8',
  '0.0.0.0',
  '255.255.255.255',
  '::1',
  '::2',
  'fe80::1',
  '::ffff:10.1.2.3',
  '2001:db8::5',
  'ffff::1',
];
const CONN_DBS: (string | null)[] = ['db1', 'db2', 'u1', 'dx', 'd9', 'all', 'replication', 'ux', null];
const CONN_USERS = ['u1', 'u2', 'u3', 'db1', 'dx', 'ux', 'all', 'zz'];

function bytesOf(ip: string): number[] {
  return parseIPv4(ip) ?? parseIPv6(ip)!;
}

function connection(r: Rand): Connection {
  const transport = pick<ConnTransport>(r, ['local', 'tcp-ssl', 'tcp-gssenc', 'tcp-nossl']);
  const c: Connection = { transport, database: pick(r, CONN_DBS), user: pick(r, CONN_USERS) };
  if (transport !== 'local') {
    if (r() < 0.7) c.address = bytesOf(pick(r, CLIENTS));
    else {
      const v6 = r() < 0.3;
      c.address = Array.from({ length: v6 ? 16 : 4 }, () => Math.floor(r() * 256));
    }
  }
  return c;
}

/* ---- membership of a concrete connection in a reported class, read from the spec ---- */

function vecOk(p: { regexes: string[]; vectors: boolean[][] }, name: string): boolean {
  const bits = p.regexes.map((s) => new RegExp(s, 's').test(name));
  return p.vectors.some((v) => v.length === bits.length && v.every((b, i) => b === bits[i]));
}

function dbIn(s: NameSetSpec, c: Connection): boolean {
  if (c.database === null) return s.replication;
  const d = c.database;
  if (s.names.includes(d)) return true;
  return s.others !== null && !s.others.except.includes(d) && vecOk(s.others, d);
}

function userIn(s: NameSetSpec, c: Connection): boolean {
  const u = c.user;
  if (s.names.includes(u)) return true;
  const o = s.others;
  if (o && !o.except.includes(u) && vecOk(o, u) && !(o.notSame && u === c.database)) return true;
  const m = s.same;
  return m !== null && c.database !== null && u === c.database && !m.except.includes(u) && vecOk(m, u);
}

function big(bytes: number[]): bigint {
  return bytes.reduce((v, b) => (v << 8n) | BigInt(b), 0n);
}

function inSpec(s: AccessClassSpec, c: Connection): boolean {
  if (s.transport !== c.transport) return false;
  if (c.address) {
    const v = big(c.address);
    const list = c.address.length === 4 ? s.addresses!.v4 : s.addresses!.v6;
    if (!list.some((x) => x.lo <= v && v < x.hi)) return false;
  }
  return dbIn(s.databases, c) && userIn(s.users, c);
}

/* ---- the expected verdict, from the two answers ---- */

const rank = (l: HbaLine | null): number => (l === null ? 0 : METHOD_STRENGTH.findIndex((g) => g.includes(l.record!.method)));
const grants = (l: HbaLine): string => `${l.record!.method} ${(l.record!.viewOptions ?? []).join(' ')}`;

function differs(b: HbaLine | null, a: HbaLine | null): boolean {
  if (rank(b) === 0 && rank(a) === 0) return false;
  if (b && a && grants(b) === grants(a)) return false;
  return true;
}

function where(l: HbaLine | null, dir: string): string {
  return l ? `${relative(dir, l.file.absPath)}:${l.line}` : 'refused';
}

interface Case {
  seed: number;
  major: Major;
  /** Only methods change (same-strength swaps among them), else records are also added, removed, moved. */
  methodsOnly: boolean;
  /** Databases mostly sameuser / samerole. */
  keywords: boolean;
}

const CASES: Case[] = [];
/** Connections whose two answers differed, and that each kind of change was seen. */
const seen = { differing: 0, agreeing: 0, kinds: new Set<string>(), transports: new Set<string>() };
for (let i = 0; i < 120; i++) CASES.push({ seed: 1000 + i, major: ([12, 16, 17, 11] as Major[])[i % 4]!, methodsOnly: i % 6 === 5, keywords: i % 6 === 2 || i % 6 === 3 });

describe('access diff agrees with first match on concrete connections', () => {
  test.each(CASES)('seed $seed, PostgreSQL $major', ({ seed, major, methodsOnly, keywords }) => {
    const r = rng(seed);
    const n = 2 + Math.floor(r() * 10);
    const beforeLines = Array.from({ length: n }, () => record(r, major, keywords));
    const afterLines = mutate(r, beforeLines, major, methodsOnly, keywords);
    const factsB: ServerFacts = { ssl: r() < 0.7, listen: pick(r, ['all', 'all', 'all', 'loopback', 'none'] as const), major };
    const factsA: ServerFacts = r() < 0.7 ? factsB : { ssl: r() < 0.7, listen: pick(r, ['all', 'loopback'] as const), major };
    const tb = resolveTree({ 'pg_hba.conf': beforeLines.join('\n') + '\n', 'postgresql.conf': conf(factsB) }, major);
    const ta = resolveTree({ 'pg_hba.conf': afterLines.join('\n') + '\n', 'postgresql.conf': conf(factsA) }, major);
    expect(tb.cluster.hba!.loads).toBe(true);
    expect(ta.cluster.hba!.loads).toBe(true);
    const display = (abs: string): string => relative(abs.startsWith(tb.dir) ? tb.dir : ta.dir, abs);
    const d = diffAccessDetailed(tb.cluster, ta.cluster, display);
    expect(d.specs).toHaveLength(d.access.length);
    const context = `before:\n${beforeLines.join('\n')}\nafter:\n${afterLines.join('\n')}\n`;
    for (let k = 0; k < 1000; k++) {
      const c = connection(r);
      const b = firstMatch(tb.cluster.hba, c, factsB);
      const a = firstMatch(ta.cluster.hba, c, factsA);
      const hits = d.specs.flatMap((s, i) => (inSpec(s, c) ? [i] : []));
      const got = hits.map((i) => `${d.access[i]!.before ? `${d.access[i]!.before!.file}:${d.access[i]!.before!.line}` : 'refused'} -> ${d.access[i]!.after ? `${d.access[i]!.after!.file}:${d.access[i]!.after!.line}` : 'refused'}`);
      const want = differs(b, a) ? [`${where(b, tb.dir)} -> ${where(a, ta.dir)}`] : [];
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        throw new Error(`${context}connection ${JSON.stringify(c)}: reported ${JSON.stringify(got)}, first match says ${JSON.stringify(want)}\n${JSON.stringify(d.access, null, 1)}`);
      }
      if (want.length) seen.differing++;
      else seen.agreeing++;
      if (hits.length === 1) {
        seen.kinds.add(d.access[hits[0]!]!.change);
        seen.transports.add(c.transport);
        const ch = d.access[hits[0]!]!;
        const rb = rank(b);
        const ra = rank(a);
        if (ra > rb) expect(ch.change).toBe('widened');
        else if (ra < rb) expect(ch.change).toBe('narrowed');
      }
    }
  });

  test('the generated connections exercise changes of every kind on every transport (the test is not vacuous)', () => {
    expect(seen.differing).toBeGreaterThan(1000);
    expect(seen.agreeing).toBeGreaterThan(1000);
    expect([...seen.kinds].sort()).toEqual(['changed', 'narrowed', 'widened']);
    expect([...seen.transports].sort()).toEqual(['local', 'tcp-gssenc', 'tcp-nossl', 'tcp-ssl']);
  });

  test('the generated pairs report changes', () => {
    let changes = 0;
    for (const { seed, major } of CASES.slice(0, 10)) {
      const r = rng(seed);
      const n = 2 + Math.floor(r() * 10);
      const before = Array.from({ length: n }, () => record(r, major));
      const after = mutate(r, before, major, false);
      const tb = resolveTree({ 'pg_hba.conf': before.join('\n') + '\n' }, major);
      const ta = resolveTree({ 'pg_hba.conf': after.join('\n') + '\n' }, major);
      changes += diffAccessDetailed(tb.cluster, ta.cluster, (x) => x).access.length;
    }
    expect(changes).toBeGreaterThan(10);
  });
});
