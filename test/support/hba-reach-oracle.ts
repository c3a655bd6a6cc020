/**
 * A concrete oracle for pg_hba.conf reachability, used by test/rules-hba.test.ts (random files)
 * and test/corpus/rules-hba.corpus.test.ts (the real-world corpus).
 */
import { expect } from '@jest/globals';
import { analyzeHba, CONN_STATES } from '../../src/analysis/hba.js';
import type { HbaAddress, HbaFile, HbaName, HbaRecord } from '../../src/parse/pg-hba.js';

/*
 * An independent check that every record declared unreachable really is: sample concrete
 * connections from the record and verify that an earlier record matches each of them, with a
 * direct transcription of check_hba for concrete values (unknowable things — DNS, group
 * membership, regexes, the server's own addresses — are modelled as opaque markers that only the
 * identical token or a catch-all matches).
 */
interface Conn {
  state: number;
  replication: boolean;
  db: string;
  user: string;
  /** the groups the user belongs to (only the sampled group) */
  groups: string[];
  addr: number[] | string | null;
}

function nameMatches(n: HbaName, value: string, db: boolean, conn: Conn): boolean {
  if (n.kind === 'keyword') {
    if (db) {
      if (conn.replication) return n.value === 'replication';
      if (n.value === 'all') return true;
      if (n.value === 'sameuser') return conn.db === conn.user;
      if (n.value === 'samerole' || n.value === 'samegroup') return value === `@role:${conn.user}`;
      return false;
    }
    return true;
  }
  if (db && conn.replication) return false;
  if (n.kind === 'group') return conn.groups.includes(n.value);
  if (n.kind === 'regex') return value === `@re:${n.value}`;
  return n.value === value;
}

function addrMatches(a: HbaAddress | null, conn: Conn): boolean {
  if (a === null || conn.addr === null) return a === null && conn.addr === null;
  if (a.kind === 'all') return true;
  if (typeof conn.addr === 'string') return (a.kind === 'hostname' ? `@host:${a.hostname!.toLowerCase()}` : `@${a.kind}`) === conn.addr;
  if (a.kind !== 'ipv4' && a.kind !== 'ipv6') return false;
  const ip = conn.addr;
  if (ip.length !== a.bytes!.length) return false;
  return ip.every((b, i) => (b & a.mask![i]!) === (a.bytes![i]! & a.mask![i]!));
}

function matches(r: HbaRecord, c: Conn): boolean {
  if ((CONN_STATES[r.connType] & c.state) === 0) return false;
  if (!addrMatches(r.address, c)) return false;
  if (!r.databases.some((d) => nameMatches(d, c.db, true, c))) return false;
  return r.users.some((u) => nameMatches(u, c.user, false, c));
}

function sampleConns(r: HbaRecord, rnd: () => number): Conn[] {
  const states = [1, 2, 4, 8].filter((s) => (CONN_STATES[r.connType] & s) !== 0);
  const dbs = r.databases.flatMap((d): Array<{ db: string; replication: boolean }> => {
    if (d.kind === 'keyword') {
      if (d.value === 'replication') return [{ db: 'replication', replication: true }];
      if (d.value === 'all') return [{ db: '@fresh-db', replication: false }];
      if (d.value === 'sameuser') return [{ db: '@same', replication: false }];
      return [{ db: '@samerole', replication: false }];
    }
    return [{ db: d.kind === 'regex' ? `@re:${d.value}` : d.value, replication: false }];
  });
  const users: Array<{ user: string; groups: string[] }> = r.users.map((u) =>
    u.kind === 'keyword' ? { user: '@fresh-user', groups: [] } : u.kind === 'group' ? { user: `@member:${u.value}`, groups: [u.value] } : { user: u.kind === 'regex' ? `@re:${u.value}` : u.value, groups: [] },
  );
  const addrs: Array<number[] | string | null> = [];
  const a = r.address;
  if (a === null) addrs.push(null);
  else if (a.kind === 'all') addrs.push([10, 1, 2, 3], new Array<number>(16).fill(0x20), '@samehost', '@samenet', '@host:fresh.example');
  else if (a.kind === 'ipv4' || a.kind === 'ipv6') {
    for (let k = 0; k < 6; k++) addrs.push(a.bytes!.map((b, i) => (b & a.mask![i]!) | (Math.floor(rnd() * 256) & ~a.mask![i]! & 0xff)));
    addrs.push(a.bytes!.map((b, i) => b & a.mask![i]!), a.bytes!.map((b, i) => (b & a.mask![i]!) | (~a.mask![i]! & 0xff)));
  } else addrs.push(a.kind === 'hostname' ? `@host:${a.hostname!.toLowerCase()}` : `@${a.kind}`);
  const out: Conn[] = [];
  for (const state of states)
    for (const d of dbs)
      for (const u of users)
        for (const addr of addrs) {
          const db = d.db === '@same' ? u.user : d.db === '@samerole' ? `@role:${u.user}` : d.db;
          out.push({ state, replication: d.replication, db, user: u.user, groups: u.groups, addr });
        }
  return out;
}

/** A seeded pseudo-random generator (LCG) in [0, 1). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Every unreachable record's sampled connections are matched by an earlier record. */
export function checkOracle(hba: HbaFile): number {
  const recs = analyzeHba(hba).records;
  const rnd = seeded(42);
  let checked = 0;
  for (const r of recs) {
    if (r.reachable) continue;
    for (const c of sampleConns(r.record, rnd)) {
      const first = recs.find((e) => matches(e.record, c));
      expect({ line: r.line.line, matchedFirstBy: first && first.index < r.index ? 'earlier' : 'itself' }).toEqual({ line: r.line.line, matchedFirstBy: 'earlier' });
    }
    checked++;
  }
  return checked;
}
