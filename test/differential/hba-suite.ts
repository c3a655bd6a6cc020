/**
 * Differential test of pg_hba.conf and pg_ident.conf: our hbaFileRules / identFileMappings rows
 * against the pg_hba_file_rules / pg_ident_file_mappings views of real servers, column by column
 * (PGCONF_LINT_MAJORS, default 12,16,18).
 *
 * Cases: fixtures/parser/hba and fixtures/parser/ident (a file, or a directory with pg_hba.conf /
 * pg_ident.conf and the files it includes or @-references), the samples (test/data/samples; as
 * shipped, and pg_hba.conf.sample as initdb fills it in) and a seeded batch of generated lines, all
 * in hba.test.ts; the real-world corpus (../shared/corpus/pg_hba) in
 * test/corpus/differential-hba.corpus.test.ts (`npm run test:corpus`).
 *
 * How a case is judged: the view re-reads the running server's hba_file (data/pg_hba.conf) at
 * every query, so each case's main file is written there and its other files next to it (they are
 * removed after the case). Our side parses the same file with the embedded builds' profile
 * (embeddedBuild: SSL off at run time; no GSSAPI/PAM/LDAP on 11+) and this machine's network interfaces
 * (for IPv6 zone ids), so rows can match exactly. file_name is made
 * relative to the cluster dir on both sides.
 */
import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgCluster } from '../../scripts/lib/postgres.mjs';
import type { Major } from '../../src/catalog/types.js';
import { hbaFileRules, parsePgHba } from '../../src/parse/pg-hba.js';
import { identFileMappings, parsePgIdent } from '../../src/parse/pg-ident.js';
import { authIO } from '../../src/resolve/cluster.js';
import { nodeHost } from '../../src/resolve/host.js';
import { Ledger, clustersPerMajor, embeddedBuild, fixtureFiles, formatDisagreement, majorsFromEnv, relativize, type Disagreement, type Group, type KnownDifference } from '../support/oracle.js';
import { sampleFile } from '../support/test-data.js';
import { generateHbaLines } from './generate.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const HBA_FIXTURES = path.join(REPO, 'fixtures/parser/hba');
const IDENT_FIXTURES = path.join(REPO, 'fixtures/parser/ident');
/** Lines per generated file: each line is its own case, judged on its own row. */
const GEN_BATCH = 60;
const GEN_LINES = 300;

/** The judging machine's network interfaces: an IPv6 zone id (`fe80::1%eth0`) is accepted when it names one. */
const INTERFACES = fs.readdirSync('/sys/class/net');


type Row = Record<string, unknown>;
type Kind = 'hba' | 'ident';

interface AuthCase {
  group: Group;
  id: string;
  kind: Kind;
  /** Relative path -> content; the main file is pg_hba.conf or pg_ident.conf. */
  files: Map<string, Buffer>;
}

const MAIN: Record<Kind, string> = { hba: 'pg_hba.conf', ident: 'pg_ident.conf' };
const VIEW: Record<Kind, string> = { hba: 'pg_hba_file_rules', ident: 'pg_ident_file_mappings' };

/** Writes the case into the data dir, runs both sides, removes the case's other files again. */
async function rowsOf(major: Major, cluster: PgCluster, c: AuthCase): Promise<{ ours: Row[]; server: Row[] }> {
  const written: string[] = [];
  const topDirs = new Set<string>();
  for (const [rel, content] of c.files) {
    const abs = path.join(cluster.dataDir, rel);
    if (rel !== MAIN[c.kind]) {
      topDirs.add(rel.split('/')[0]!);
      written.push(abs);
    }
    if (rel.endsWith('/')) fs.mkdirSync(abs, { recursive: true });
    else cluster.writeFile(abs, content);
  }
  for (const d of topDirs) fs.chownSync(path.join(cluster.dataDir, d), fs.statSync(cluster.dataDir).uid, fs.statSync(cluster.dataDir).gid);
  try {
    // No ORDER BY: the view returns the rows in file order, includes expanded in place.
    const server = (await cluster.query(`SELECT * FROM ${VIEW[c.kind]}`)).map((r) => normalize(r, cluster));
    const host = nodeHost({ cwd: cluster.dir, root: '/' });
    const read = host.read(path.join(cluster.dataDir, MAIN[c.kind]));
    if (!read.ok) throw new Error(`${c.id}: ${read.error}`);
    const ours = (
      c.kind === 'hba'
        ? hbaFileRules(parsePgHba(read.file, major, authIO(host), { ...embeddedBuild(major), interfaces: INTERFACES }))
        : identFileMappings(parsePgIdent(read.file, major, authIO(host)))
    ).map((r) => normalize({ ...r }, cluster));
    return { ours, server };
  } finally {
    for (const d of topDirs) fs.rmSync(path.join(cluster.dataDir, d), { recursive: true, force: true });
  }
}

function normalize(row: Row, cluster: PgCluster): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'string' && k !== 'error' ? relativize(v, cluster) : v;
  if (typeof row.error === 'string') out.error = relativize(row.error, cluster);
  return out;
}

function compareRows(major: Major, caseId: string, ours: Row[], server: Row[], label: (r: Row, i: number) => string): Disagreement[] {
  const dis: Disagreement[] = [];
  const n = Math.max(ours.length, server.length);
  if (ours.length !== server.length) dis.push({ major, caseId, param: 'rows', what: 'number of rows', ours: ours.length, server: server.length });
  for (let i = 0; i < n; i++) {
    const o = ours[i];
    const s = server[i];
    if (!o || !s) {
      dis.push({ major, caseId, param: `${label((o ?? s)!, i)}`, what: o ? 'row only ours' : 'row only the server', ours: o ?? null, server: s ?? null });
      continue;
    }
    for (const col of new Set([...Object.keys(s), ...Object.keys(o)])) {
      const a = o[col] === undefined ? null : o[col];
      const b = s[col] === undefined ? null : s[col];
      if (JSON.stringify(a) !== JSON.stringify(b)) dis.push({ major, caseId, param: `${label(s, i)}.${col}`, what: `column ${col}`, ours: a, server: b });
    }
  }
  return dis;
}

async function judge(ledger: Ledger, major: Major, cluster: PgCluster, c: AuthCase): Promise<void> {
  const { ours, server } = await rowsOf(major, cluster, c);
  ledger.record(major, c.group, c.id, compareRows(major, c.id, ours, server, (r, i) => `L${String(r.line_number ?? `#${i}`)}`));
}

/** A batch of generated lines in one file; every line is a case of its own. */
async function judgeGenerated(ledger: Ledger, major: Major, cluster: PgCluster, lines: string[]): Promise<void> {
  const files = new Map([['pg_hba.conf', Buffer.from(lines.join('\n') + '\n')]]);
  const { ours, server } = await rowsOf(major, cluster, { group: 'generated', id: 'batch', kind: 'hba', files });
  lines.forEach((line, i) => {
    const id = `hbagen:${line}`;
    const o = ours.filter((r) => r.line_number === i + 1);
    const s = server.filter((r) => r.line_number === i + 1);
    // rule_number counts rows of the whole file: compare it through the other lines' agreement.
    const strip = (r: Row): Row => ({ ...r, rule_number: r.rule_number === null ? null : 'n' });
    ledger.record(major, 'generated', id, compareRows(major, id, o.map(strip), s.map(strip), () => 'line'));
  });
  // The rule numbers themselves (16+), once per batch: a case of its own.
  if (major >= 16) {
    const id = `hbagen:rule_number of the batch starting ${JSON.stringify(lines[0])}`;
    const num = (rows: Row[]): unknown[] => rows.map((r) => r.rule_number ?? null);
    const same = JSON.stringify(num(ours)) === JSON.stringify(num(server));
    ledger.record(major, 'generated', id, same ? [] : [{ major, caseId: id, param: 'rule_number', what: 'rule numbers', ours: num(ours), server: num(server) }]);
  }
}

function dirCases(dir: string, kind: Kind, group: Group, prefix: string): AuthCase[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => ({ group, id: `${prefix}${name}`, kind, files: fixtureFiles(path.join(dir, name), MAIN[kind]) }));
}

/** pg_hba.conf.sample as shipped, and as initdb writes it (auth methods trust, the local lines kept). */
function sampleCases(major: Major): AuthCase[] {
  const hba = fs.readFileSync(sampleFile(major, 'pg_hba.conf.sample'), 'utf8');
  const filled = hba
    .replace(/@authcomment@/g, '# CAUTION: trust for local connections')
    .replace(/@remove-line-for-nolocal@/g, '')
    .replace(/@authmethod(local|host)@/g, 'trust');
  const ident = fs.readFileSync(sampleFile(major, 'pg_ident.conf.sample'));
  const cases: AuthCase[] = [
    { group: 'sample', id: 'sample:pg_hba.conf.sample', kind: 'hba', files: new Map([['pg_hba.conf', Buffer.from(hba)]]) },
    { group: 'sample', id: 'sample:pg_hba.conf.sample(initdb)', kind: 'hba', files: new Map([['pg_hba.conf', Buffer.from(filled)]]) },
  ];
  if (major >= 15) cases.push({ group: 'sample', id: 'sample:pg_ident.conf.sample', kind: 'ident', files: new Map([['pg_ident.conf', ident]]) });
  return cases;
}

/** Which cases a suite judges. */
export interface HbaSuiteOptions {
  /** Names the suite in its summary. */
  title: string;
  /** fixtures/parser/hba and (15+) fixtures/parser/ident. */
  fixtures?: boolean;
  /** A directory of pg_hba.conf files (the corpus), each a case of its own. */
  corpusDir?: string;
  /** pg_hba.conf.sample (as shipped and as initdb fills it in) and pg_ident.conf.sample (15+). */
  samples?: boolean;
  /** Seeded batches of generated pg_hba.conf lines (generate.ts). */
  generated?: boolean;
  /** The known differences of these cases; an entry that no longer occurs fails the suite. */
  known: readonly KnownDifference[];
}

/** Defines the suite (running clusters, one test per group and major, the verdict) in the calling test file. */
export function defineHbaSuite(opts: HbaSuiteOptions): void {
  const MAJORS = majorsFromEnv();
  const ledger = new Ledger(opts.title, opts.known);
  const clusters = clustersPerMajor(MAJORS, { start: true });

  describe.each(MAJORS)('pg_hba.conf / pg_ident.conf against PostgreSQL %i', (major) => {
    // One server, one hba_file: cases run one after the other.
    const run = async (cases: AuthCase[]): Promise<void> => {
      const cluster = clusters.get(major)!;
      for (const c of cases) await judge(ledger, major, cluster, c);
    };
    if (opts.fixtures) it('pg_hba fixtures', () => run(dirCases(HBA_FIXTURES, 'hba', 'fixture', 'hba-fixture:')));
    const corpusDir = opts.corpusDir;
    if (corpusDir !== undefined) {
      it('pg_hba corpus', () => {
        const cases = dirCases(corpusDir, 'hba', 'corpus', 'corpus:');
        if (!cases.length) throw new Error(`${corpusDir}: no corpus files`);
        return run(cases);
      });
    }
    if (opts.samples) it('samples', () => run(sampleCases(major)));
    if (opts.generated) {
      it('generated pg_hba lines', async () => {
        const cluster = clusters.get(major)!;
        const lines = generateHbaLines(0x4ba + major, GEN_LINES).map((g) => g.line);
        for (let i = 0; i < lines.length; i += GEN_BATCH) await judgeGenerated(ledger, major, cluster, lines.slice(i, i + GEN_BATCH));
      });
    }
    // pg_ident_file_mappings exists from PostgreSQL 15; older majors have nothing to compare against.
    if (opts.fixtures && major >= 15) it('pg_ident fixtures', () => run(dirCases(IDENT_FIXTURES, 'ident', 'fixture', 'ident-fixture:')));
  });

  it('agrees with every server, except for the known differences', () => {
    const { summary, unexplained, stale } = ledger.verdict(MAJORS);
    console.log(
      summary +
        (unexplained.length ? `\n\nUNEXPLAINED DISAGREEMENTS (${unexplained.length}):\n${unexplained.map(formatDisagreement).join('\n')}` : '') +
        (stale.length ? `\n\nSTALE KNOWN DIFFERENCES:\n${stale.join('\n')}` : ''),
    );
    if (process.env.PGCONF_LINT_DIFF_OUT) fs.writeFileSync(process.env.PGCONF_LINT_DIFF_OUT, JSON.stringify(unexplained, null, 1));
    expect(unexplained.map(formatDisagreement)).toEqual([]);
    expect(stale).toEqual([]);
  });
}
