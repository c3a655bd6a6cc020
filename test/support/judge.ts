/**
 * Judging one generated case by a real server, for the generated batch and the fuzzer: a
 * postgresql.conf file against `postgres -C` (accept/reject, the LOG lines of the errors with
 * DETAIL and HINT, include_if_exists skips, canonical values), and a batch of pg_hba.conf lines
 * against pg_hba_file_rules, line by line. judgeConf is also how settings.test.ts judges its
 * cases; the pg_hba.conf side is the same comparison as hba.test.ts, for generated lines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseLog, type PgCluster } from '../../scripts/lib/postgres.mjs';
import { resolveAll } from '../../src/api.js';
import type { Major } from '../../src/catalog/types.js';
import { hbaFileRules, parsePgHba } from '../../src/parse/pg-hba.js';
import type { ResolvedCluster } from '../../src/resolve/cluster.js';
import { authIO } from '../../src/resolve/cluster.js';
import { nodeHost } from '../../src/resolve/host.js';
import { settingsRows } from '../../src/resolve/settings-rows.js';
import { startupVerdict } from '../../src/resolve/startup.js';
import { embeddedBuild, materialize, missingFrom, paramOf, relativize, type Disagreement } from './oracle.js';

let seq = 0;

/**
 * Our LOG entries: the verdict's messages, each with its DETAIL and HINT (in PostgreSQL's order).
 * With `followTerse`: the server applies settings while it reads them, so a valid
 * `log_error_verbosity = terse` earlier in the file drops the DETAIL and HINT of the errors after
 * it from the server log: a property of the log, not of the verdict, so we follow it there.
 */
function ourLog(rc: ResolvedCluster, messages: readonly string[], followTerse: boolean): string[] {
  const terseFrom = followTerse
    ? (rc.assignments.find((x) => x.key === 'log_error_verbosity' && x.status === 'ok' && x.value?.ok && x.value.canonical === 'terse')?.seqno ?? Infinity)
    : Infinity;
  return messages.map((m) => {
    let entry = `LOG: ${m}`;
    const a = rc.assignments.find((x) => x.status === 'invalid' && !x.ignored && x.error === m);
    if (a?.value && !a.value.ok && a.seqno < terseFrom) {
      if (a.value.detail !== undefined) entry += `\nDETAIL: ${a.value.detail}`;
      if (a.value.hint !== undefined) entry += `\nHINT: ${a.value.hint}`;
    }
    return entry;
  });
}

/** How judgeConf reads the server's side. The defaults suit generated files (judgeConfText). */
export interface ConfJudgeOptions {
  /**
   * Follow the judged file's own logging settings, which the server applies while it reads on
   * (default true): log_error_verbosity = verbose (LOCATION lines and SQLSTATE prefixes dropped),
   * = terse (no DETAIL and HINT expected after it) and log_line_prefix (levels kept findable).
   */
  followLogSettings?: boolean;
  /** Ask `-C` only for names that are printable ASCII (default true): an argument cannot carry a file's raw bytes. */
  asciiNamesOnly?: boolean;
  /** Parallel `-C` runs for the canonical values after the first (default 1). */
  concurrency?: number;
}

export interface ConfJudgement {
  disagreements: Disagreement[];
  /** Our resolved cluster of the file. */
  rc: ResolvedCluster;
  /** Whether we accept the file. */
  ours: boolean;
  /** Whether the server accepts the file. */
  server: boolean;
}

/**
 * Judges a postgresql.conf already written under the cluster dir (`main`, with whatever it
 * includes next to it) on a cluster that need not be running. Compared: the "skipping missing
 * configuration file" lines, accept/reject, the exact LOG lines of the errors with their DETAIL
 * and HINT (the final FATAL is not ours to predict) and, when both accept, `canonical` of every
 * effective parameter against `-C <name>`.
 */
export async function judgeConf(major: Major, cluster: PgCluster, caseId: string, main: string, opts: ConfJudgeOptions = {}): Promise<ConfJudgement> {
  const { followLogSettings = true, asciiNamesOnly = true, concurrency = 1 } = opts;
  const dis: Disagreement[] = [];
  const d = (param: string | null, what: string, ours: unknown, server: unknown): void => {
    dis.push({ major, caseId, param, what, ours, server });
  };
  const resolved = resolveAll([main], { cwd: cluster.dir, root: '/', pgVersion: major });
  const rc = resolved.clusters[0];
  if (!rc) throw new Error(`${caseId}: no cluster resolved (${resolved.errors.join('; ')})`);
  const verdict = startupVerdict(rc);
  const effective = [...rc.effective.values()];
  const names = effective.map((a) => a.key).filter((n) => !asciiNamesOnly || /^[\x20-\x7e]+$/.test(n));

  const [first] = await cluster.runC({ path: main }, [names[0] ?? 'work_mem'], { concurrency: 1 });
  let stderr = relativize(first!.stderr, cluster);
  // log_error_verbosity = verbose adds LOCATION lines (source positions in the server): not ours to predict.
  // A log_line_prefix set in the file is applied while the server reads on: a blank keeps the level findable.
  if (followLogSettings) {
    stderr = stderr
      .replace(/^[^\n]*LOCATION:  [^\n]*\n/gm, '')
      .replace(/^(.*?)(DEBUG\d|LOG|INFO|NOTICE|WARNING|ERROR|FATAL|PANIC|DETAIL|HINT|CONTEXT|STATEMENT):  /gm, '$1 $2:  ');
  }
  // log_error_verbosity = verbose also puts the SQLSTATE before each message ("22023: ...").
  const log = parseLog(stderr).map((l) => (followLogSettings ? { ...l, message: l.message.replace(/^[0-9A-Z]{5}: /, '') } : l));
  const isSkip = (m: string): boolean => m.startsWith('skipping missing configuration file');
  const serverSkips = log.filter((l) => l.level === 'LOG' && isSkip(l.message)).map((l) => l.message);
  // One entry per error: the LOG line, then its DETAIL and HINT lines. WARNINGs are not part of
  // the verdict (≤15 check hooks such as primary_slot_name's warn before their LOG line).
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
  const mine = ourLog(rc, verdict.messages, followLogSettings);
  for (const m of missingFrom(serverLog, mine)) d(paramOf(m), 'message logged only by the server', null, m);
  for (const m of missingFrom(mine, serverLog)) d(paramOf(m), 'message we predict but the server does not log', m, null);
  if (!missingFrom(serverLog, mine).length && !missingFrom(mine, serverLog).length && mine.join('\n') !== serverLog.join('\n')) {
    d(null, 'message order', mine, serverLog);
  }

  if (verdict.ok && serverOk && effective.length) {
    const rows = settingsRows(rc);
    const rest = await cluster.runC({ path: main }, names.slice(1), { concurrency });
    const results = [first!, ...rest];
    for (let i = 0; i < names.length; i++) {
      const a = effective.find((x) => x.key === names[i])!;
      const row = rows.find((x) => x.sourcefile === a.file.path && x.sourceline === a.line.line && x.name === a.line.name);
      const r = results[i]!;
      const server = r.rc === 0 ? relativize(r.stdout.replace(/\n$/, ''), cluster) : `rc=${r.rc} ${r.stderr.trim()}`;
      const ours = row ? row.canonical : null;
      if (ours !== server) d(names[i]!, `canonical value of ${names[i]}`, ours, server);
    }
  }
  return { disagreements: dis, rc, ours: verdict.ok, server: serverOk };
}

/** Judges one postgresql.conf (its text as the file) on a cluster that need not be running. */
export async function judgeConfText(major: Major, cluster: PgCluster, caseId: string, text: string | Buffer): Promise<Disagreement[]> {
  const dir = materialize(cluster, `gen/${seq++}`, new Map([['postgresql.conf', Buffer.isBuffer(text) ? text : Buffer.from(text)]]));
  try {
    return (await judgeConf(major, cluster, caseId, path.join(dir, 'postgresql.conf'))).disagreements;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type Row = Record<string, unknown>;

function normalize(row: Row, cluster: PgCluster): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'string' ? relativize(v, cluster) : v;
  return out;
}

/**
 * Judges pg_hba.conf lines written one after the other into the running server's hba_file; each
 * line (which may span physical lines through continuations) is compared on its own rows.
 * rule_number counts rows of the whole file, so it is compared as present/absent only.
 */
export async function judgeHbaLines(major: Major, cluster: PgCluster, lines: readonly string[], caseId: (line: string) => string): Promise<{ caseId: string; line: string; disagreements: Disagreement[] }[]> {
  const text = lines.join('\n') + '\n';
  const file = path.join(cluster.dataDir, 'pg_hba.conf');
  cluster.writeFile(file, text);
  const server = (await cluster.query('SELECT * FROM pg_hba_file_rules')).map((r) => normalize(r, cluster));
  const read = nodeHost({ cwd: cluster.dir, root: '/' }).read(file);
  if (!read.ok) throw new Error(read.error);
  const ours = hbaFileRules(parsePgHba(read.file, major, authIO(nodeHost({ cwd: cluster.dir, root: '/' })), embeddedBuild(major))).map((r) => normalize({ ...r }, cluster));
  const out: { caseId: string; line: string; disagreements: Disagreement[] }[] = [];
  let lineNo = 1;
  for (const line of lines) {
    const id = caseId(line);
    const n = lineNo;
    lineNo += line.split('\n').length;
    const strip = (r: Row): Row => ({ ...r, rule_number: r.rule_number === null || r.rule_number === undefined ? null : 'n' });
    const o = ours.filter((r) => r.line_number === n).map(strip);
    const s = server.filter((r) => r.line_number === n).map(strip);
    const dis: Disagreement[] = [];
    if (o.length !== s.length) dis.push({ major, caseId: id, param: 'rows', what: 'number of rows', ours: o, server: s });
    for (let i = 0; i < Math.min(o.length, s.length); i++) {
      for (const col of new Set([...Object.keys(s[i]!), ...Object.keys(o[i]!)])) {
        const a = o[i]![col] ?? null;
        const b = s[i]![col] ?? null;
        if (JSON.stringify(a) !== JSON.stringify(b)) dis.push({ major, caseId: id, param: `line.${col}`, what: `column ${col}`, ours: a, server: b });
      }
    }
    out.push({ caseId: id, line, disagreements: dis });
  }
  return out;
}

/** Judges a whole pg_hba.conf (raw bytes) on a running cluster: every row of pg_hba_file_rules. */
export async function judgeHbaFile(major: Major, cluster: PgCluster, caseId: string, bytes: Buffer): Promise<Disagreement[]> {
  const file = path.join(cluster.dataDir, 'pg_hba.conf');
  cluster.writeFile(file, bytes);
  const server = (await cluster.query('SELECT * FROM pg_hba_file_rules')).map((r) => normalize(r, cluster));
  const host = nodeHost({ cwd: cluster.dir, root: '/' });
  const read = host.read(file);
  if (!read.ok) throw new Error(read.error);
  // The server's text is bytes the client decodes as UTF-8 (U+FFFD for invalid sequences); ours of
  // a Latin-1-decoded file are the same bytes as characters: compare them the way the client sees them.
  const asClient = (v: unknown): unknown =>
    read.file.encoding !== 'latin1' ? v : typeof v === 'string' ? Buffer.from(v, 'latin1').toString('utf8') : Array.isArray(v) ? v.map(asClient) : v;
  const ours = hbaFileRules(parsePgHba(read.file, major, authIO(host), embeddedBuild(major))).map((r) =>
    normalize(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, asClient(v)])), cluster),
  );
  const dis: Disagreement[] = [];
  if (ours.length !== server.length) dis.push({ major, caseId, param: 'rows', what: 'number of rows', ours, server });
  for (let i = 0; i < Math.min(ours.length, server.length); i++) {
    for (const col of new Set([...Object.keys(server[i]!), ...Object.keys(ours[i]!)])) {
      const a = ours[i]![col] ?? null;
      const b = server[i]![col] ?? null;
      if (JSON.stringify(a) !== JSON.stringify(b)) dis.push({ major, caseId, param: `row${i + 1}.${col}`, what: `column ${col}`, ours: a, server: b });
    }
  }
  return dis;
}
