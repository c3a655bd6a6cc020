/**
 * An independent, deliberately plain evaluator of PostgreSQL's check_hba() on one concrete
 * connection (src/backend/libpq/hba.c: check_hba, check_db, check_role, check_ip), for testing the
 * access diff (src/diff/access.ts) against: it walks the parsed records in order and returns the
 * first that matches, comparing addresses byte by byte as pg_range_sockaddr does. It shares
 * nothing with the diff but the parser's output.
 *
 * What it assumes where the files cannot tell (the same as the diff, documented in
 * docs/access-diff.md): a `+role` / `samerole` matches only the role itself; host names, samehost
 * and samenet match no client.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveAll } from '../../src/api.js';
import type { Major } from '../../src/catalog/types.js';
import type { HbaFile, HbaLine, HbaName } from '../../src/parse/pg-hba.js';
import type { ResolvedCluster } from '../../src/resolve/cluster.js';

export type ConnTransport = 'local' | 'tcp-ssl' | 'tcp-gssenc' | 'tcp-nossl';

export interface Connection {
  transport: ConnTransport;
  /** null: a physical replication connection. */
  database: string | null;
  user: string;
  /** TCP only: 4 or 16 address bytes. */
  address?: number[];
}

/** What the server's postgresql.conf allows, as the test states it. */
export interface ServerFacts {
  ssl: boolean;
  /** all: `*`; loopback: `localhost`; none: `''`. */
  listen: 'all' | 'loopback' | 'none';
  major: Major;
}

function isLoopback(a: number[]): boolean {
  if (a.length === 4) return a[0] === 127;
  return a.slice(0, 15).every((b) => b === 0) && a[15] === 1;
}

function keyword(t: HbaName, k: string): boolean {
  return t.kind === 'keyword' && t.value === k;
}

function regexTest(source: string, s: string): boolean {
  return new RegExp(source, 's').test(s);
}

function checkDb(conn: Connection, tokens: HbaName[]): boolean {
  for (const t of tokens) {
    if (conn.database === null) {
      if (keyword(t, 'replication')) return true;
      continue;
    }
    if (keyword(t, 'all')) return true;
    if (keyword(t, 'sameuser') || keyword(t, 'samerole') || keyword(t, 'samegroup')) {
      if (conn.database === conn.user) return true;
      continue;
    }
    if (keyword(t, 'replication')) continue;
    if (t.kind === 'regex') {
      if (regexTest(t.value, conn.database)) return true;
      continue;
    }
    if (t.token.text === conn.database) return true;
  }
  return false;
}

function checkRole(conn: Connection, tokens: HbaName[]): boolean {
  for (const t of tokens) {
    if (t.kind === 'group') {
      if (t.value === conn.user) return true;
      continue;
    }
    if (keyword(t, 'all')) return true;
    if (t.kind === 'regex') {
      if (regexTest(t.value, conn.user)) return true;
      continue;
    }
    if (t.token.text === conn.user) return true;
  }
  return false;
}

function checkIp(client: number[], bytes: number[], mask: number[]): boolean {
  if (client.length !== bytes.length) return false;
  for (let i = 0; i < client.length; i++) if (((client[i]! ^ bytes[i]!) & mask[i]!) !== 0) return false;
  return true;
}

/** The record check_hba() picks for the connection, or null (refused: no record, or no such connection). */
export function firstMatch(hba: HbaFile | undefined, conn: Connection, facts: ServerFacts): HbaLine | null {
  if (!hba) return null;
  const tcp = conn.transport !== 'local';
  if (conn.transport === 'tcp-ssl' && !facts.ssl) return null;
  if (conn.transport === 'tcp-gssenc' && facts.major < 12) return null;
  if (tcp) {
    if (facts.listen === 'none') return null;
    if (facts.listen === 'loopback' && !isLoopback(conn.address!)) return null;
  }
  for (const l of hba.lines) {
    const r = l.record;
    if (!r) continue;
    if (r.connType === 'local') {
      if (tcp) continue;
    } else {
      if (!tcp) continue;
      const ssl = conn.transport === 'tcp-ssl';
      const gss = conn.transport === 'tcp-gssenc';
      if (ssl && r.connType === 'hostnossl') continue;
      if (!ssl && r.connType === 'hostssl') continue;
      if (gss && r.connType === 'hostnogssenc') continue;
      if (!gss && r.connType === 'hostgssenc') continue;
      const a = r.address!;
      if (a.kind === 'ipv4' || a.kind === 'ipv6') {
        if (!checkIp(conn.address!, a.bytes!, a.mask!)) continue;
      } else if (a.kind !== 'all') continue;
    }
    if (!checkDb(conn, r.databases)) continue;
    if (!checkRole(conn, r.users)) continue;
    return l;
  }
  return null;
}

/* ---- clusters from text ---- */

const made: string[] = [];

/** Writes the files into a fresh directory and resolves the one cluster in it. */
export function resolveTree(files: Record<string, string>, major: Major): { cluster: ResolvedCluster; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pgconf-lint-access-'));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  const r = resolveAll(['.'], { cwd: dir, root: dir, pgVersion: major });
  if (r.clusters.length !== 1) throw new Error(`expected one cluster in ${dir}, found ${r.clusters.length}: ${r.errors.join('; ')}`);
  return { cluster: r.clusters[0]!, dir };
}

export function removeTrees(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}
