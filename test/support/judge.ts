/**
 * Judging one generated case by a real server, for the generated batch and the fuzzer: a
 * postgresql.conf file against `postgres -C` (accept/reject, the LOG lines of the errors with
 * DETAIL and HINT, include_if_exists skips, canonical values), and a batch of pg_hba.conf lines
 * against pg_hba_file_rules, line by line. The same comparison as settings.test.ts and
 * hba.test.ts, for single generated files.
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
 * Our LOG entries with DETAIL and HINT. The server applies settings while it reads them, so a
 * valid `log_error_verbosity = terse` earlier in the file drops the DETAIL and HINT of the errors
 * after it from the server log: a property of the log, not of the verdict, so we follow it here.
 */
function ourLog(rc: ResolvedCluster, messages: readonly string[]): string[] {
  const terseFrom = rc.assignments.find((x) => x.key === 'log_error_verbosity' && x.status === 'ok' && x.value?.ok && x.value.canonical === 'terse')?.seqno ?? Infinity;
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

/** Judges one postgresql.conf (its text as the file) on a cluster that need not be running. */
export async function judgeConfText(major: Major, cluster: PgCluster, caseId: string, text: string | Buffer): Promise<Disagreement[]> {
  const dir = materialize(cluster, `gen/${seq++}`, new Map([['postgresql.conf', Buffer.isBuffer(text) ? text : Buffer.from(text)]]));
  const main = path.join(dir, 'postgresql.conf');
  const dis: Disagreement[] = [];
  const d = (param: string | null, what: string, ours: unknown, server: unknown): void => {
    dis.push({ major, caseId, param, what, ours, server });
  };
  try {
    const resolved = resolveAll([main], { cwd: cluster.dir, root: '/', pgVersion: major });
    const rc = resolved.clusters[0];
    if (!rc) throw new Error(`${caseId}: no cluster resolved (${resolved.errors.join('; ')})`);
    const verdict = startupVerdict(rc);
    const effective = [...rc.effective.values()];
    // -C takes the name as an argument, which cannot carry the file's raw bytes: only ASCII names are asked for.
    const names = effective.map((a) => a.key).filter((n) => /^[\x20-\x7e]+$/.test(n));

    const [first] = await cluster.runC({ path: main }, [names[0] ?? 'work_mem'], { concurrency: 1 });
    // log_error_verbosity = verbose adds LOCATION lines (source positions in the server): not ours to predict.
    // It also puts the SQLSTATE before each message ("22023: ...").
    // A log_line_prefix set in the file is applied while the server reads on: a blank keeps the level findable.
    const stderr = relativize(first!.stderr, cluster)
      .replace(/^[^\n]*LOCATION:  [^\n]*\n/gm, '')
      .replace(/^(.*?)(DEBUG\d|LOG|INFO|NOTICE|WARNING|ERROR|FATAL|PANIC|DETAIL|HINT|CONTEXT|STATEMENT):  /gm, '$1 $2:  ');
    const log = parseLog(stderr).map((l) => ({ ...l, message: l.message.replace(/^[0-9A-Z]{5}: /, '') }));
    const isSkip = (m: string): boolean => m.startsWith('skipping missing configuration file');
    const serverSkips = log.filter((l) => l.level === 'LOG' && isSkip(l.message)).map((l) => l.message);
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
      const rest = await cluster.runC({ path: main }, names.slice(1), { concurrency: 1 });
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
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return dis;
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
