/**
 * Differential test of the postgresql.conf side: our startup verdict, LOG messages and canonical
 * values against `postgres -C` of real servers (PGCONF_LINT_MAJORS, default 12,16,18).
 *
 * Cases: fixtures/parser/conf (a file, or a directory with postgresql.conf and what it includes),
 * the corpus, the postgresql.conf.sample of each major (as shipped and with every setting
 * uncommented) and a seeded batch of single-assignment files (generate.ts).
 *
 * How a case is judged: its files are copied under the cluster's temp dir and both sides read the
 * same copy. The server runs `postgres -D <data> --config-file=<copy>/postgresql.conf -C <name>`;
 * our side runs resolveAll + startupVerdict with cwd = the cluster dir, so our display paths are
 * the server's absolute paths with the cluster dir removed. Compared: accept/reject, the exact LOG
 * lines of the errors with their DETAIL and HINT (the final FATAL is not ours to predict), the
 * "skipping missing configuration file" lines, and, when both accept, `canonical` of every
 * effective parameter against `-C <name>`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONCURRENCY, initCluster, mapLimit, parseLog, type PgCluster } from '../../scripts/lib/postgres.mjs';
import { resolveAll } from '../../src/api.js';
import { loadCatalog } from '../../src/catalog/catalog.js';
import { MACHINE_DEPENDENT_PARAMS } from '../../src/catalog/values.js';
import type { Major } from '../../src/catalog/types.js';
import type { ResolvedCluster } from '../../src/resolve/cluster.js';
import { settingsRows } from '../../src/resolve/settings-rows.js';
import { startupVerdict } from '../../src/resolve/startup.js';
import {
  Ledger,
  fixtureFiles,
  formatDisagreement,
  majorsFromEnv,
  materialize,
  missingFrom,
  paramOf,
  relativize,
  type Disagreement,
  type Group,
} from '../support/oracle.js';
import { GENERATOR_EXCLUDED, generateConfCases } from './generate.js';
import { KNOWN_CONF_DIFFERENCES } from './known-differences.js';

const MAJORS = majorsFromEnv();
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = path.join(REPO, 'fixtures/parser/conf');
const SHARED = path.resolve(REPO, '../shared');
const CORPUS = path.join(SHARED, 'corpus/postgresql');
const SAMPLES = path.join(SHARED, 'data/samples');

/**
 * Lines that set these are commented out in corpus and sample copies, on both sides (we judge
 * the edited copy): data_directory replaces -D, so the server would go looking for that directory
 * on its own disk and fail; hba_file, ident_file and external_pid_file name files on the server's
 * disk, relative to the postmaster's cwd. The line numbering is kept. Fixtures do not use them.
 */
const STRIPPED = /^[ \t]*(data_directory|hba_file|ident_file|external_pid_file)(?![A-Za-z0-9_.])/i;

function stripPathParams(buf: Buffer): { buf: Buffer; stripped: number } {
  const lines = buf.toString('latin1').split('\n');
  let stripped = 0;
  const out = lines.map((l) => {
    if (!STRIPPED.test(l)) return l;
    stripped++;
    return '#' + l;
  });
  return { buf: Buffer.from(out.join('\n'), 'latin1'), stripped };
}

const MACHINE_DEPENDENT = new Set(MACHINE_DEPENDENT_PARAMS);
const ledger = new Ledger('postgresql.conf', KNOWN_CONF_DIFFERENCES);
const clusters = new Map<Major, PgCluster>();
let caseSeq = 0;
let strippedLines = 0;

interface ConfCase {
  group: Group;
  id: string;
  files: Map<string, Buffer>;
}

/** Our errors: the verdict's messages, each with its DETAIL and HINT (in PostgreSQL's order). */
function ourLog(rc: ResolvedCluster, messages: readonly string[]): string[] {
  return messages.map((m) => {
    let entry = `LOG: ${m}`;
    const a = rc.assignments.find((x) => x.status === 'invalid' && !x.ignored && x.error === m);
    if (a?.value && !a.value.ok) {
      if (a.value.detail !== undefined) entry += `\nDETAIL: ${a.value.detail}`;
      if (a.value.hint !== undefined) entry += `\nHINT: ${a.value.hint}`;
    }
    return entry;
  });
}

async function judge(major: Major, cluster: PgCluster, c: ConfCase): Promise<void> {
  const dir = materialize(cluster, `cases/${caseSeq++}`, c.files);
  const main = path.join(dir, 'postgresql.conf');
  const dis: Disagreement[] = [];
  const d = (param: string | null, what: string, ours: unknown, server: unknown): void => {
    dis.push({ major, caseId: c.id, param, what, ours, server });
  };

  const resolved = resolveAll([main], { cwd: cluster.dir, root: '/', pgVersion: major });
  const rc = resolved.clusters[0];
  if (!rc) throw new Error(`${c.id}: no cluster resolved (${resolved.errors.join('; ')})`);
  const verdict = startupVerdict(rc);
  const effective = [...rc.effective.values()];
  const names = effective.map((a) => a.key);

  const [first] = await cluster.runC({ path: main }, [names[0] ?? 'work_mem'], { concurrency: 1 });
  const log = parseLog(relativize(first!.stderr, cluster));
  const isSkip = (m: string): boolean => m.startsWith('skipping missing configuration file');
  const serverSkips = log.filter((l) => l.level === 'LOG' && isSkip(l.message)).map((l) => l.message);
  // The LOG lines of the errors, each with its DETAIL and HINT. WARNINGs are not part of the
  // verdict (≤15 check hooks such as primary_slot_name's warn before their LOG line).
  // One entry per error: the LOG line, then its DETAIL and HINT lines.
  const serverLog: string[] = [];
  let inLog = false;
  for (const l of log) {
    if (l.level === 'LOG') {
      inLog = !isSkip(l.message);
      if (inLog) serverLog.push(`LOG: ${l.message}`);
    } else if (inLog && (l.level === 'DETAIL' || l.level === 'HINT')) serverLog[serverLog.length - 1] += `\n${l.level}: ${l.message}`;
    else inLog = false;
  }
  const serverOk = first!.rc === 0;

  // include_if_exists of a missing file is logged in each pass over the files: SelectConfigFiles
  // reads them twice (before and after DataDir is known), unless the first pass fails to parse.
  const skips = (rc.conf?.skipped ?? []).map((s) => `skipping missing configuration file "${relativize(s.target, cluster)}"`);
  const ourSkips = rc.problems.length ? skips : [...skips, ...skips];
  if (ourSkips.join('\n') !== serverSkips.join('\n')) d(null, 'skipped include_if_exists targets', ourSkips, serverSkips);

  if (verdict.ok !== serverOk) d(paramOf([...serverLog, ...verdict.messages][0] ?? ''), 'accept/reject', verdict.ok, serverOk);
  const mine = ourLog(rc, verdict.messages);
  for (const m of missingFrom(serverLog, mine)) d(paramOf(m), 'message logged only by the server', null, m);
  for (const m of missingFrom(mine, serverLog)) d(paramOf(m), 'message we predict but the server does not log', m, null);
  if (!missingFrom(serverLog, mine).length && !missingFrom(mine, serverLog).length && mine.join('\n') !== serverLog.join('\n')) {
    d(null, 'message order', mine, serverLog);
  }

  if (verdict.ok && serverOk && effective.length) {
    const rows = settingsRows(rc);
    const canonicalOf = (i: number): string | null => {
      const a = effective[i]!;
      const row = rows.find((r) => r.sourcefile === a.file.path && r.sourceline === a.line.line && r.name === a.line.name);
      return row ? row.canonical : null;
    };
    const rest = await cluster.runC({ path: main }, names.slice(1), { concurrency: 2 });
    const results = [first!, ...rest];
    for (let i = 0; i < names.length; i++) {
      const r = results[i]!;
      const server = r.rc === 0 ? relativize(r.stdout.replace(/\n$/, ''), cluster) : `rc=${r.rc} ${r.stderr.trim()}`;
      const ours = canonicalOf(i);
      if (ours !== server) d(names[i]!, `canonical value of ${names[i]}`, ours, server);
    }
  }
  ledger.record(major, c.group, c.id, dis);

  // The server rejected values that only its own machine can judge (MACHINE_DEPENDENT_PARAMS,
  // e.g. a locale it lacks). Those disagreements must be known differences; to still compare the
  // rest of the file, judge a copy with those assignments commented out, on both sides.
  const onlyServer = dis.filter((x) => x.what === 'message logged only by the server');
  if (!serverOk && verdict.ok && onlyServer.length && onlyServer.every((x) => x.param !== null && MACHINE_DEPENDENT.has(x.param))) {
    const params = new Set(onlyServer.map((x) => x.param!));
    const edits = new Map<string, Set<number>>();
    for (const a of rc.assignments) {
      if (!params.has(a.key)) continue;
      const rel = path.relative(dir, a.file.absPath);
      if (!edits.has(rel)) edits.set(rel, new Set());
      edits.get(rel)!.add(a.line.line);
    }
    const files = new Map(c.files);
    for (const [rel, lines] of edits) {
      const text = (files.get(rel) ?? Buffer.alloc(0)).toString('latin1').split('\n');
      for (const n of lines) text[n - 1] = '#' + text[n - 1];
      files.set(rel, Buffer.from(text.join('\n'), 'latin1'));
    }
    await judge(major, cluster, { group: c.group, id: `${c.id} (without ${[...params].sort().join(', ')})`, files });
  }
}

function fixtureCases(): ConfCase[] {
  return fs
    .readdirSync(FIXTURES)
    .sort()
    .map((name) => ({ group: 'fixture' as const, id: `fixture:${name}`, files: fixtureFiles(path.join(FIXTURES, name), 'postgresql.conf') }));
}

function corpusCases(): ConfCase[] {
  return fs
    .readdirSync(CORPUS)
    .sort()
    .map((name) => {
      const { buf, stripped } = stripPathParams(fs.readFileSync(path.join(CORPUS, name)));
      strippedLines += stripped;
      return { group: 'corpus' as const, id: `corpus:${name}`, files: new Map([['postgresql.conf', buf]]) };
    });
}

/** The sample as shipped (all commented) and with every `#name = value` line uncommented
 * (include lines stay commented: their '...' targets are placeholders). */
function sampleCases(major: Major): ConfCase[] {
  const raw = fs.readFileSync(path.join(SAMPLES, String(major), 'postgresql.conf.sample'));
  const uncommented = raw
    .toString('utf8')
    .split('\n')
    .map((l) => (/^#[a-z_]+ = /.test(l) && !/^#include/.test(l) ? l.slice(1) : l))
    .join('\n');
  const strip = (b: Buffer): Buffer => {
    const s = stripPathParams(b);
    strippedLines += s.stripped;
    return s.buf;
  };
  return [
    { group: 'sample', id: 'sample:postgresql.conf.sample', files: new Map([['postgresql.conf', strip(raw)]]) },
    { group: 'sample', id: 'sample:postgresql.conf.sample(uncommented)', files: new Map([['postgresql.conf', strip(Buffer.from(uncommented))]]) },
  ];
}

function generatedCases(major: Major): ConfCase[] {
  return generateConfCases(loadCatalog(major), 0x5eed + major).map((g) => ({
    group: 'generated' as const,
    id: `gen:${g.id}`,
    files: new Map([['postgresql.conf', Buffer.from(`${g.id}\n`)]]),
  }));
}

beforeAll(async () => {
  const made = await mapLimit(MAJORS, DEFAULT_CONCURRENCY, (m) => initCluster(m));
  MAJORS.forEach((m, i) => clusters.set(m, made[i]!));
}, 600_000);

afterAll(async () => {
  for (const c of clusters.values()) await c.cleanup();
  clusters.clear();
});

describe.each(MAJORS)('postgresql.conf against PostgreSQL %i', (major) => {
  const run = async (cases: ConfCase[]): Promise<void> => {
    const cluster = clusters.get(major)!;
    await mapLimit(cases, DEFAULT_CONCURRENCY, (c) => judge(major, cluster, c));
  };
  it('fixtures', () => run(fixtureCases()), 600_000);
  it('corpus', () => run(corpusCases()), 600_000);
  it('sample', () => run(sampleCases(major)), 600_000);
  it('generated single assignments', () => run(generatedCases(major)), 600_000);
});

it('agrees with every server, except for the known differences', () => {
  const { summary, unexplained, stale } = ledger.verdict(MAJORS);
  const excluded = Object.entries(GENERATOR_EXCLUDED).map(([p, why]) => `${p} (${why})`);
  console.log(
    `${summary}\n  lines setting data_directory/hba_file/ident_file/external_pid_file commented out in corpus and sample copies: ${strippedLines}` +
      `\n  parameters the value generator leaves out: ${excluded.length}: ${Object.keys(GENERATOR_EXCLUDED).join(', ')}` +
      (unexplained.length ? `\n\nUNEXPLAINED DISAGREEMENTS (${unexplained.length}):\n${unexplained.map(formatDisagreement).join('\n')}` : '') +
      (stale.length ? `\n\nSTALE KNOWN DIFFERENCES:\n${stale.join('\n')}` : ''),
  );
  // For maintainers: PGCONF_LINT_DIFF_OUT=file.json writes the unexplained disagreements.
  if (process.env.PGCONF_LINT_DIFF_OUT) fs.writeFileSync(process.env.PGCONF_LINT_DIFF_OUT, JSON.stringify(unexplained, null, 1));
  expect(unexplained.map(formatDisagreement)).toEqual([]);
  expect(stale).toEqual([]);
});
