// `npm run bench`: generates inputs and measures pgconf-lint against PostgreSQL's own config
// reader (`postgres -C`) and a naive `ini` parse, side by side, then prints a table and writes
// it into BENCHMARKS.md (between the bench:begin/bench:end markers; the prose around is kept).
//
//   npm run bench                      full run (about 8 minutes on 2 cores; PostgreSQL is abandoned at 1M lines)
//   npm run bench -- --quick           fewer repetitions, no 1M-line file (a smoke test)
//   npm run bench -- --pg-cap=60       seconds before a `postgres -C` run is abandoned
//   npm run bench -- --no-pg           skip PostgreSQL (e.g. where it cannot run)
//   npm run bench -- --no-write        print only, leave BENCHMARKS.md alone
//   npm run bench -- --cli=OLD/cli.js  measure another build (e.g. `git archive` of an older
//                                      commit's dist/) without rebuilding; implies --no-write
//   npm run bench -- --node24=PATH     the Node 24 binary for the second column of the targets
//   npm run bench -- --no-node24       measure on the bench's own Node only
//
// Issue 19's targets are ratios measured in this run, each numerator and denominator in one
// round-robin under the same Node: on the Node running the bench (20) and on Node 24, the one the
// Action runs on (action.yml `runs.using: node24`; installed on demand into node_modules/.cache by
// scripts/bench/node.mjs). Every process the bench starts runs without NODE_EXTRA_CA_CERTS.
//
// Every number is the median of several runs of a fresh process (wall clock, measured by this
// script around spawn), because the CLI is what users run: cold start included. Peak RSS comes
// from GNU time (`/usr/bin/time -f %M`) when it is installed. The machine may be shared: the
// load average before and after is recorded with the results.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApiTrap, pushRun } from './action.mjs';
import { builtinConf, pgHba, postgresqlConf, repository } from './gen.mjs';
import { heapBundle, measureHeap } from './heap.mjs';
import { CHILD_ENV, childEnv, node24 } from './node.mjs';
import { profileCheck, profileTable, profilingBundle } from './profile.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// No child process of the bench gets NODE_EXTRA_CA_CERTS (the ones spawned here get CHILD_ENV;
// removed from this process's environment too, for every other child: git, npm, initdb, postgres).
const EXTRA_CA_SET = process.env.NODE_EXTRA_CA_CERTS !== undefined;
delete process.env.NODE_EXTRA_CA_CERTS;
const CLI_ARG = process.argv.slice(2).find((x) => x.startsWith('--cli='));
const CLI = CLI_ARG ? path.resolve(CLI_ARG.slice(6)) : path.join(ROOT, 'dist', 'cli.cjs');
const INI = path.join(ROOT, 'scripts', 'bench', 'ini-parse.mjs');
const PG_MAJOR = 18;
/** An older major, run once per size for context: before 16 each new custom parameter re-sorts the GUC array. */
const PG_OLD_MAJOR = 12;
const PG_OLD_CAP_S = 30;
/** The built-in-parameters file is where PostgreSQL is slowest: past this it is abandoned. */
const BUILTIN_PG_CAP_S = 30;

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const a = argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : fallback;
};
const text = (name) => argv.find((x) => x.startsWith(`--${name}=`))?.slice(name.length + 3) ?? null;
const QUICK = flag('quick');
const PG_CAP_S = option('pg-cap', 60);
const WITH_PG = !flag('no-pg');
const WRITE = !flag('no-write') && !QUICK && !CLI_ARG;
const ACTION = path.join(CLI_ARG ? path.dirname(CLI) : path.join(ROOT, 'dist'), 'action.js');
/** The issue's demo: `pgconf-lint fixtures/demo` in the repository root. */
const DEMO = 'fixtures/demo';

const CONF_SIZES = QUICK ? [1_000, 10_000, 20_000, 100_000] : [1_000, 10_000, 20_000, 100_000, 1_000_000];
const HBA_SIZES = [1_000, 10_000, 100_000];
const CLUSTERS = 1_000;
/** Repetitions per size: more for the small, fast cases where noise dominates. */
const reps = (n) => (QUICK ? 3 : n <= 20_000 ? 9 : 5);

const TIME = ['/usr/bin/time', '/bin/time'].find((p) => fs.existsSync(p) && gnuTime(p));

function gnuTime(p) {
  try {
    execFileSync(p, ['-f', '%M', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * One fresh process: wall time in ms (measured here) and peak RSS in kB (GNU time), killed with
 * its process group after `capS` seconds.
 * @returns {Promise<{ ms: number, rssKb: number | null, rc: number | null, timedOut: boolean, stderr: string }>}
 */
function runOnce(cmd, args, { cwd = ROOT, uid, gid, capS = 600, env, stdout = 'ignore' } = {}) {
  const [file, fileArgs] = TIME ? [TIME, ['-f', 'RSS:%M', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(file, fileArgs, {
      cwd,
      // stdout 'pipe': read and dropped (as a runner reads a step's output); 'capture': kept (1 MB).
      stdio: ['ignore', stdout === 'ignore' ? 'ignore' : 'pipe', 'pipe'],
      detached: true,
      env: env ?? CHILD_ENV,
      ...(uid !== undefined ? { uid, gid } : {}),
    });
    let stderr = '';
    let out = '';
    let timedOut = false;
    if (stdout === 'pipe') child.stdout.resume();
    if (stdout === 'capture') child.stdout.setEncoding('utf8').on('data', (d) => (out = (out + d).slice(0, 1 << 20)));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr = (stderr + d).slice(-20_000)));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, capS * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const m = /RSS:(\d+)\s*$/.exec(stderr);
      resolve({ ms, rssKb: m ? Number(m[1]) : null, rc: code, timedOut, stderr: stderr.replace(/RSS:\d+\s*$/, ''), stdout: out });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** A measured case: medians over the runs that finished. */
class Series {
  constructor() {
    this.ms = [];
    this.rss = [];
    this.gaveUp = null; // seconds, when a run hit the cap
    this.skipped = null; // why it was not run
  }
  add(r) {
    if (r.failed) {
      this.skipped = 'failed';
      return;
    }
    if (r.timedOut) {
      this.gaveUp = r.capS;
      return;
    }
    this.ms.push(r.ms);
    if (r.rssKb !== null) this.rss.push(r.rssKb);
  }
  get time() {
    return this.ms.length && this.skipped !== 'failed' ? median(this.ms) : null;
  }
  get rssMb() {
    return this.rss.length ? median(this.rss) / 1024 : null;
  }
}

const progress = (s) => process.stderr.write(s);

/** The Nodes measured: [the bench's own, Node 24 when there is one]; set in main(). */
const NODES = [{ key: 'own', label: `Node ${process.version}`, bin: process.execPath, version: process.version }];
/**
 * Whether the CLI measured keeps compiled code between runs on this Node: dist/cli.cjs compiles the
 * bundle with V8's code cache on every Node (scripts/cli-stub.mjs); an older build given with --cli
 * may instead turn on Node's compile cache (Node ≥ 22.1), or have neither.
 */
let cliCache = null;
const hasCompileCache = (node) => {
  if (cliCache === null) {
    const text = fs.readFileSync(CLI, 'utf8');
    cliCache = text.includes('cachedData') ? 'v8' : text.includes('enableCompileCache') ? 'node' : 'none';
  }
  const [major, minor] = node.version.slice(1).split('.').map(Number);
  return cliCache === 'v8' || (cliCache === 'node' && (major > 22 || (major === 22 && minor >= 1)));
};
/** Why Node 24 is not measured, or null. */
let node24Problem = null;

/** The environment of the CLI's runs: the cold-start section gets a code cache of its own (below). */
let cliEnv = CHILD_ENV;

async function cli(args, cwd, expectFindings = null, node = NODES[0], stdout = 'ignore', env = cliEnv) {
  const r = await runOnce(node.bin, [CLI, ...args], { cwd, stdout, env });
  if (r.rc !== 0 && r.rc !== 1) {
    const msg = `pgconf-lint ${args.join(' ')} failed (rc=${r.rc}): ${r.stderr.trim().split('\n')[0]}`;
    // An older build given with --cli may fail where the current one must not.
    if (CLI_ARG) {
      progress(`\n${msg}\n`);
      return { ...r, failed: true };
    }
    throw new Error(msg);
  }
  if (expectFindings !== null && r.rc !== (expectFindings ? 1 : 0)) throw new Error(`pgconf-lint ${args.join(' ')}: rc=${r.rc}`);
  return r;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = new Date();
  const loadBefore = os.loadavg();
  if (!CLI_ARG) {
    progress(`building dist/ ...\n`);
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit', env: CHILD_ENV });
  }
  const n24 = node24({ root: ROOT, given: text('node24'), skip: flag('no-node24'), log: progress });
  if (n24.bin) NODES.push({ key: 'n24', label: `Node ${n24.version}`, bin: n24.bin, version: n24.version });
  else {
    node24Problem = n24.reason;
    progress(`Node 24 not measured: ${n24.reason}\n`);
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pgconf-lint-bench-'));
  let pg = null;
  let pgOld = null;
  let pgOldVersion = null;
  let pgVersion = null;
  let initdbMs = null;
  let pgProblem = null;
  const cleanup = async () => {
    if (pg) await pg.cleanup().catch(() => {});
    if (pgOld) await pgOld.cleanup().catch(() => {});
    fs.rmSync(work, { recursive: true, force: true });
  };
  process.once('SIGINT', () => cleanup().finally(() => process.exit(130)));

  // PostgreSQL reads the files as an unprivileged user: once it runs, files go to its cluster directory.
  let place = (rel, text) => {
    const f = path.join(work, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  };
  try {
    if (WITH_PG) {
      try {
        const lib = await import('../lib/postgres.mjs');
        const t0 = Date.now();
        progress(`initdb PostgreSQL ${PG_MAJOR} ...\n`);
        pg = await lib.initCluster(PG_MAJOR);
        initdbMs = Date.now() - t0;
        pgVersion = execFileSync(path.join(pg.bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
        const cluster = pg;
        place = (rel, text) => cluster.writeFile(path.join('bench', rel), text);
        pg.user = lib.ensureUser();
        if (!QUICK) {
          try {
            pgOld = await lib.initCluster(PG_OLD_MAJOR);
            pgOld.user = pg.user;
            pgOldVersion = execFileSync(path.join(pgOld.bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
          } catch (e) {
            progress(`PostgreSQL ${PG_OLD_MAJOR} unavailable: ${String(e).split('\n')[0]}\n`);
            pgOld = null;
          }
        }
      } catch (e) {
        pgProblem = String(e instanceof Error ? e.message : e).split('\n')[0];
        progress(`PostgreSQL unavailable: ${pgProblem}\n`);
        pg = null;
      }
    }

    // ---- postgresql.conf: check vs postgres -C vs ini, for each composition ------------------
    const conf = await measureConf('mixed', postgresqlConf, PG_CAP_S, true);
    const builtin = await measureConf('builtin', builtinConf, BUILTIN_PG_CAP_S, false);

    // ---- pg_hba.conf: check including the reachability analysis -----------------------------
    const hba = [];
    for (const n of HBA_SIZES) {
      const dir = path.join(work, `hba-${n}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'pg_hba.conf'), pgHba(n));
      const row = { n, dir, bytes: fs.statSync(path.join(dir, 'pg_hba.conf')).size, check: new Series() };
      hba.push(row);
      const k = reps(n);
      progress(`pg_hba.conf ${n.toLocaleString('en')} records x${k} `);
      for (let i = 0; i < k; i++) {
        row.check.add(await cli(['check', '--pg-version', String(PG_MAJOR), 'pg_hba.conf'], dir));
        progress('.');
      }
      progress(` ${fmtMs(row.check.time)}\n`);
    }

    // ---- a repository of 1,000 clusters ------------------------------------------------------
    const repoDir = path.join(work, 'repo');
    repository(repoDir, CLUSTERS);
    const repo = new Series();
    progress(`repository of ${CLUSTERS} clusters x${reps(100_000)} `);
    for (let i = 0; i < reps(100_000); i++) {
      repo.add(await cli(['check', '.'], repoDir));
      progress('.');
    }
    progress(` ${fmtMs(repo.time)}\n`);

    // ---- a repository of 1,000 Patroni files (issue 18): fixtures/carriers/patroni/patroni.yml, one per directory
    const patroniDir = path.join(work, 'patroni');
    const patroniYml = fs.readFileSync(path.join(ROOT, 'fixtures', 'carriers', 'patroni', 'patroni.yml'), 'utf8');
    for (let i = 0; i < CLUSTERS; i++) {
      const d = path.join(patroniDir, `node${String(i).padStart(4, '0')}`);
      fs.mkdirSync(d, { recursive: true });
      fs.writeFileSync(path.join(d, 'patroni.yml'), patroniYml.replace('name: orders-1', `name: orders-${i}`));
    }
    const patroni = new Series();
    progress(`repository of ${CLUSTERS} Patroni files x${reps(100_000)} `);
    for (let i = 0; i < reps(100_000); i++) {
      patroni.add(await cli(['check', '.'], patroniDir));
      progress('.');
    }
    progress(` ${fmtMs(patroni.time)}\n`);

    // ---- cold start, on each Node: node -e 0, --version, fixtures/demo, the 1k-line file, the Action
    // One round-robin over every case and Node; the first round (not counted) checks the Action's
    // run and warms the page cache (and a compile cache, where the CLI enables one).
    const small = conf.find((x) => x.n === 1_000);
    // A code cache of its own (a temporary directory of its own), which the uncounted round fills
    // with the code of the runs measured here: what a user who runs these finds in it. The cache of
    // the sections above also holds the code of the Patroni files' reader (yaml included), which the
    // CLI would deserialise at every start.
    cliEnv = childEnv('cold');
    const trap = await startApiTrap();
    const action = pushRun({ root: ROOT, paths: DEMO, apiUrl: trap.url });
    const cold = {};
    const noAction = fs.existsSync(ACTION) ? null : `not measured: no ${path.relative(ROOT, ACTION) || ACTION}`;
    for (const node of NODES) cold[node.key] = { node: new Series(), version: new Series(), demo: new Series(), small: new Series(), action: new Series(), actionProblem: noAction, actionRc: null, demoNoCache: new Series() };
    const coldReps = QUICK ? 5 : 21;
    progress(`cold start on ${NODES.map((x) => x.label).join(' and ')} x${coldReps} `);
    try {
      for (let i = -1; i < coldReps; i++) {
        for (const node of NODES) {
          const c = cold[node.key];
          const keep = (series, r) => i >= 0 && series.add(r);
          keep(c.node, await runOnce(node.bin, ['-e', '0']));
          keep(c.version, await cli(['--version'], ROOT, false, node));
          // The demo's output goes to a pipe, as the Action's does: the two are compared.
          keep(c.demo, await cli([DEMO], ROOT, true, node, 'pipe'));
          // dist/cli.cjs keeps V8's compiled code between runs, which the first (uncounted) round
          // fills; the demo again with it off is what a first run (or a fresh runner) pays.
          if (hasCompileCache(node)) keep(c.demoNoCache, await cli([DEMO], ROOT, true, node, 'pipe', { ...cliEnv, NODE_DISABLE_COMPILE_CACHE: '1' }));
          keep(c.small, await cli(['check', '--pg-version', String(PG_MAJOR), small.file], path.dirname(small.file), null, node));
          if (c.actionProblem) continue;
          action.reset();
          const r = await runOnce(node.bin, [ACTION], { cwd: ROOT, env: action.env, stdout: i < 0 ? 'capture' : 'pipe' });
          // The first run is checked whole (exit code, annotations, outputs, job summary), the others by exit code.
          const problem = i < 0 ? action.check(r.rc, r.stdout) : r.rc !== c.actionRc ? `exit code ${r.rc}, first run ${c.actionRc}` : null;
          if (i < 0) c.actionRc = r.rc;
          if (problem) {
            c.actionProblem = `failed: ${problem}${r.stderr.trim() ? ` (${r.stderr.trim().split('\n')[0]})` : ''}`;
            progress(`\nthe Action on ${node.label}: ${c.actionProblem}\n`);
          } else keep(c.action, r);
        }
        progress('.');
      }
    } finally {
      action.cleanup();
      await trap.close();
    }
    const apiCalls = { requests: trap.requests, seen: trap.seen };
    if (apiCalls.requests) progress(`\nthe Action called the GitHub API on a push event ${apiCalls.requests} times: ${apiCalls.seen.join(', ')}\n`);
    for (const node of NODES) {
      const c = cold[node.key];
      progress(`\n  ${node.label}: node -e 0 ${fmtMs(c.node.time)}, --version ${fmtMs(c.version.time)}, ${DEMO} ${fmtMs(c.demo.time)}, 1k lines ${fmtMs(c.small.time)}, the Action ${c.actionProblem ?? fmtMs(c.action.time)}`);
    }
    progress('\n');

    // ---- retained heap per line / record (scripts/bench/heap.mjs), on each Node -----------------
    progress('retained heap ');
    const heap = { problem: CLI_ARG ? 'the heap is measured on a bundle of the sources, not on a build given with --cli' : null, rows: [] };
    if (!CLI_ARG) try {
      const bundleDir = fs.mkdtempSync(path.join(work, 'heap-'));
      const bundle = await heapBundle(bundleDir);
      const bigHba = hba.find((x) => x.n === 100_000);
      const smallHba = hba.find((x) => x.n === 1_000);
      const heapCases = [
        { label: 'postgresql.conf, mixed', unit: 'line', big: conf.find((x) => x.n === 100_000), warm: conf.find((x) => x.n === 1_000) },
        { label: 'postgresql.conf, built-in only', unit: 'line', big: builtin.find((x) => x.n === 100_000), warm: builtin.find((x) => x.n === 1_000) },
        { label: 'pg_hba.conf', unit: 'record', big: { n: bigHba.n, file: path.join(bigHba.dir, 'pg_hba.conf') }, warm: { file: path.join(smallHba.dir, 'pg_hba.conf') } },
      ];
      for (const hc of heapCases) {
        const row = { label: hc.label, unit: hc.unit, n: hc.big.n, by: {} };
        for (const node of NODES) {
          try {
            row.by[node.key] = measureHeap(node.bin, bundle, hc.big.file, hc.warm.file, hc.big.n);
          } catch (e) {
            row.by[node.key] = { failed: String(e?.stderr || e?.message || e).trim().split('\n').pop() };
          }
          progress('.');
        }
        heap.rows.push(row);
      }
    } catch (e) {
      heap.problem = String(e?.message ?? e).split('\n')[0];
    }
    progress(heap.problem ? ` failed: ${heap.problem}\n` : ' done\n');

    // ---- the pg_hba access diff (`pgconf-lint diff`, issue 17): scripts/bench/access-diff.mjs -----
    progress('access diff ');
    const access = accessDiff();
    progress(access ? ' done\n' : ' failed\n');

    // ---- where the time goes: one profiled run per case ---------------------------------------
    progress('profiling ');
    // An unminified bundle of the same sources: the attribution reads its module comments.
    const PROF_CLI = CLI_ARG ? CLI : await profilingBundle();
    const largest = CONF_SIZES[CONF_SIZES.length - 1];
    const profileCases = [
      ['postgresql.conf, mixed', conf, 1_000],
      ['postgresql.conf, mixed', conf, 20_000],
      ['postgresql.conf, mixed', conf, largest],
      ['postgresql.conf, built-in only', builtin, largest],
    ].map(([label, rows, n]) => {
      const row = rows.find((x) => x.n === n);
      progress('.');
      return { label: `${label}, ${fmtN(n)} lines`, result: profileCheck(PROF_CLI, row.file, path.dirname(row.file), ['--pg-version', String(PG_MAJOR)]) };
    });
    const bigHba = hba[hba.length - 1];
    profileCases.push({ label: `pg_hba.conf, ${fmtN(bigHba.n)} records`, result: profileCheck(PROF_CLI, 'pg_hba.conf', bigHba.dir, ['--pg-version', String(PG_MAJOR)]) });
    progress(' done\n');

    const results = {
      profile: profileCases,
      started,
      finished: new Date(),
      loadBefore,
      loadAfter: os.loadavg(),
      pgVersion,
      pgOldVersion,
      initdbMs,
      pgProblem,
      conf,
      builtin,
      hba,
      repo,
      patroni,
      cold,
      access,
      heap,
      apiCalls,
      node24Problem,
      extraCa: EXTRA_CA_SET,
    };
    const md = render(results);
    process.stdout.write('\n' + md + '\n');
    if (WRITE) writeBenchmarks(md);
  } finally {
    await cleanup();
  }

  /**
   * `check` on postgresql.conf files of CONF_SIZES lines made by `generate`, against `postgres -C`
   * (abandoned after `capS` seconds, and not run at larger sizes after that) and the `ini` parse;
   * `withOld`: also PostgreSQL 12, once per size.
   */
  async function measureConf(name, generate, capS, withOld) {
    const rows = [];
    let pgGaveUpAt = null;
    let pgOldGaveUpAt = null;
    for (const n of CONF_SIZES) {
      const file = place(`${name}-${n}/postgresql.conf`, generate(n));
      const bytes = fs.statSync(file).size;
      // check24: the same check under Node 24 (the mixed input: issue 19's rows), in the same round-robin.
      const row = { n, file, bytes, check: new Series(), pg: new Series(), ini: new Series(), pgOld: new Series(), check24: new Series() };
      rows.push(row);
      if (pg) {
        // Validate once: PostgreSQL must accept the whole file (rc 0), or the comparison is void.
        if (pgGaveUpAt === null) {
          const probe = await runPg(file, capS);
          if (!probe.timedOut && probe.rc !== 0) throw new Error(`postgres -C rejected the ${n}-line file:\n${probe.stderr}`);
          row.pg.add(probe);
          if (probe.timedOut) pgGaveUpAt = n;
        } else row.pg.skipped = `not run (gave up at ${pgGaveUpAt.toLocaleString('en')} lines)`;
      } else row.pg.skipped = pgProblem ? 'PostgreSQL unavailable' : 'not run (--no-pg)';
      if (withOld && pgOld && pgOldGaveUpAt === null) {
        // The older major reads a copy in its own cluster directory, once (it is slow).
        const copy = pgOld.writeFile(path.join('bench', `${name}-${n}.conf`), fs.readFileSync(file));
        const r = await runPg(copy, PG_OLD_CAP_S, pgOld);
        if (!r.timedOut && r.rc !== 0) throw new Error(`postgres ${PG_OLD_MAJOR} -C rejected the ${n}-line file:\n${r.stderr}`);
        row.pgOld.add(r);
        if (r.timedOut) pgOldGaveUpAt = n;
      } else row.pgOld.skipped = pgOld ? `not run (gave up at ${pgOldGaveUpAt?.toLocaleString('en')} lines)` : 'not run';
      const k = reps(n);
      progress(`postgresql.conf (${name}) ${n.toLocaleString('en')} lines x${k} `);
      for (let i = 0; i < k; i++) {
        // Round-robin, so that load from other jobs on the machine hits every column alike.
        row.check.add(await cli(['check', '--pg-version', String(PG_MAJOR), file], path.dirname(file)));
        row.ini.add(await runOnce(process.execPath, [INI, file]));
        // postgres -C: fewer runs once a run takes seconds (quadratic); one already ran above.
        if (pg && pgGaveUpAt === null && i + 1 < k && (row.pg.time ?? 0) < 3000) row.pg.add(await runPg(file, capS));
        if (withOld && NODES[1]) row.check24.add(await cli(['check', '--pg-version', String(PG_MAJOR), file], path.dirname(file), null, NODES[1]));
        progress('.');
      }
      const on24 = row.check24.time !== null ? `, check on ${NODES[1].label} ${fmtMs(row.check24.time)}` : '';
      progress(` check ${fmtMs(row.check.time)}, postgres -C ${row.pg.gaveUp ? `gave up after ${row.pg.gaveUp} s` : fmtMs(row.pg.time)}, ini ${fmtMs(row.ini.time)}${on24}\n`);
    }
    return rows;
  }

  async function runPg(file, capS, cluster = pg) {
    const postgres = path.join(cluster.bin, 'postgres');
    const r = await runOnce(postgres, ['-D', cluster.dataDir, `--config-file=${file}`, '-C', 'shared_buffers'], {
      cwd: cluster.dir,
      uid: cluster.user.uid,
      gid: cluster.user.gid,
      capS,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' },
    });
    return { ...r, capS };
  }
}

// ---- rendering -------------------------------------------------------------------------------

function fmtMs(ms) {
  if (ms === null || ms === undefined) return 'n/a';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}
const tCell = (s) => (s.skipped === 'failed' ? 'failed' : fmtMs(s.time));
const fmtMb = (mb) => (mb === null ? 'n/a' : `${mb.toFixed(0)} MB`);
const fmtX = (x) => (x === null || !Number.isFinite(x) ? '–' : `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×`);
const fmtN = (n) => n.toLocaleString('en');
const ratio = (a, b) => (a === null || b === null ? null : a / b);
const pgCell = (s) => (s.gaveUp ? `gave up after ${s.gaveUp} s` : s.skipped ?? fmtMs(s.time));
const ok = (b) => (b === null ? 'n/a' : b ? 'met' : '**not met**');

function cmd(file, args) {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'n/a';
  }
}

/** One postgresql.conf table: our check, postgres -C, ini, and (when it ran) the older major. */
function confTable(out, rows, pgOldVersion) {
  const old = pgOldVersion ? ` | postgres -C (${PG_OLD_MAJOR}), 1 run` : '';
  // The check under Node 24 (issue 19: the Action's Node), when it ran, in the same round-robin.
  const on24 = NODES[1] && rows.some((row) => row.check24.ms.length) ? ` | check, ${NODES[1].label} | check / postgres -C, ${NODES[1].label}` : '';
  out.push(`| lines | size | pgconf-lint check | growth | RSS | postgres -C (${PG_MAJOR}) | growth | RSS | check / postgres -C | ini parse | check / ini${old}${on24} |`);
  out.push(`|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:${old ? '|---:' : ''}${on24 ? '|---:|---:' : ''}|`);
  let prev = null;
  for (const row of rows) {
    const g = prev ? fmtX(ratio(row.check.time, prev.check.time)) : '';
    const gp = prev ? fmtX(ratio(row.pg.time, prev.pg.time)) : '';
    out.push(
      `| ${fmtN(row.n)} | ${(row.bytes / 1e6).toFixed(row.bytes < 1e6 ? 2 : 1)} MB | ${tCell(row.check)} | ${g} | ${fmtMb(row.check.rssMb)} | ${pgCell(row.pg)} | ${gp} | ${fmtMb(row.pg.rssMb)} | ${fmtX(ratio(row.check.time, row.pg.time))} | ${fmtMs(row.ini.time)} | ${fmtX(ratio(row.check.time, row.ini.time))} |${old ? ` ${pgCell(row.pgOld)} |` : ''}${on24 ? ` ${tCell(row.check24)} | ${fmtX(ratio(row.check24.time, row.pg.time))} |` : ''}`,
    );
    prev = row;
  }
  out.push('');
}

/** scripts/bench/access-diff.mjs as a child process (its own bundle of the diff), or null when it fails. */
function accessDiff() {
  try {
    const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'access-diff.mjs'), '--json', ...(QUICK ? ['--runs=1'] : [])], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      env: CHILD_ENV,
    });
    return JSON.parse(out);
  } catch {
    return null;
  }
}

function render(r) {
  const out = [];
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const commit = cmd('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']);
  const dirty = cmd('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src', 'rules', 'scripts']) ? ' + uncommitted changes' : '';
  out.push(`Measured ${r.started.toISOString().replace('T', ' ').slice(0, 16)} UTC (${((r.finished - r.started) / 1000).toFixed(0)} s), commit ${commit}${dirty}.`);
  out.push('');
  out.push(`- Machine: ${os.availableParallelism?.() ?? os.cpus().length} CPUs (\`nproc\`), ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()}`);
  out.push(`- Load average (1/5/15 min) before: ${r.loadBefore.map((x) => x.toFixed(2)).join(' / ')}, after: ${r.loadAfter.map((x) => x.toFixed(2)).join(' / ')} — other jobs share the machine; every number is a median of fresh processes`);
  out.push(`- ${NODES[0].label} (the bench's own)${NODES[1] ? ` and ${NODES[1].label} (the Action's: action.yml \`runs.using: node24\`)` : ` (Node 24 not measured: ${r.node24Problem})`}, npm ${cmd('npm', ['--version'])}, ini ${iniVersion()}, ${r.pgVersion ?? `PostgreSQL: ${r.pgProblem ?? 'not run'}`}${r.pgOldVersion ? ` and ${r.pgOldVersion}` : ''}${r.initdbMs !== null ? ` (initdb of its throwaway data directory: ${fmtMs(r.initdbMs)}, not counted below)` : ''}`);
  out.push(`- Peak RSS: ${TIME ? 'GNU time %M' : 'not measured (GNU time not installed)'}`);
  out.push(`- Every process the bench starts (the CLI, \`node -e 0\`, ini, the Action, the access diff, the heap measure, the profiler) runs with NODE_EXTRA_CA_CERTS removed from its environment${r.extraCa ? ' (it is set where the bench ran; with it, Node 20 parses that CA bundle at every start)' : ''}, as a user's shell or a GitHub runner has none`);
  out.push('');

  out.push('### postgresql.conf, mixed: `pgconf-lint check` vs `postgres -C` vs `ini`');
  out.push('');
  out.push('Comments, blank lines, built-in parameters (one line in four) and custom `app_N.*` parameters with distinct names.');
  out.push('');
  confTable(out, r.conf, r.pgOldVersion);
  if (r.pgOldVersion) out.push(`The last column is ${r.pgOldVersion}, capped at ${PG_OLD_CAP_S} s: before 16 every new custom parameter re-sorts the parameter array, so files with many custom settings cost far more.`);
  out.push('');
  out.push('### postgresql.conf, built-in parameters only: `pgconf-lint check` vs `postgres -C` vs `ini`');
  out.push('');
  out.push(`Every line sets one of 12 built-in parameters, so nearly every line overrides an earlier one: the input on which PostgreSQL's duplicate marking is quadratic in earnest, and the one that reproduces the figures of issue 6. \`postgres -C\` is abandoned after ${BUILTIN_PG_CAP_S} s.`);
  out.push('');
  confTable(out, r.builtin, null);
  out.push('Growth is the time of a size divided by the time of the size before it (lines grow 10×, 2×, 5×, 10×). The ratios and targets compare with the newest major, the fastest reader.');
  out.push('');

  out.push('### pg_hba.conf: `pgconf-lint check` (parse, reachability analysis, all rules)');
  out.push('');
  out.push('| records | size | check | growth | RSS |');
  out.push('|---:|---:|---:|---:|---:|');
  let prev = null;
  for (const row of r.hba) {
    out.push(`| ${fmtN(row.n)} | ${(row.bytes / 1e6).toFixed(2)} MB | ${tCell(row.check)} | ${prev ? fmtX(ratio(row.check.time, prev.check.time)) : ''} | ${fmtMb(row.check.rssMb)} |`);
    prev = row;
  }
  out.push('');

  out.push('### Repository and cold start');
  out.push('');
  out.push(
    `Cold start: one round-robin over every case and Node (${NODES.map((x) => x.label).join(', ')}), each against \`node -e 0\` of the same binary, after one uncounted round. The demo's and the Action's output go to a pipe; the Action runs as the runner starts it for a \`push\` event (scripts/bench/action.mjs).${NODES.some(hasCompileCache) ? ' The CLI keeps the code V8 compiled in a cache (dist/cli.cjs; in os.tmpdir()/node-compile-cache unless NODE_COMPILE_CACHE says otherwise; here a temporary directory of this section\'s own, so the cache holds what these runs put there), which the uncounted round fills: the CLI\'s figures there are a second run\'s; the row with the cache off is a first run\'s.' : ''}`,
  );
  out.push('');
  out.push(`| case | ${NODES.map((x) => `${x.label} | vs \`node -e 0\` | RSS`).join(' | ')} |`);
  out.push(`|---|${NODES.map(() => '---:|---:|---:').join('|')}|`);
  const coldRow = (label, pick) =>
    out.push(
      `| ${label} | ${NODES.map((x) => {
        const c = r.cold[x.key];
        const s = pick(c);
        if (s === null) return `${c.actionProblem} | | `;
        return `${fmtMs(s.time)} | ${s === c.node ? '1×' : fmtX(ratio(s.time, c.node.time))} | ${fmtMb(s.rssMb)}`;
      }).join(' | ')} |`,
    );
  coldRow('`node -e 0`', (c) => c.node);
  coldRow('`pgconf-lint --version`', (c) => c.version);
  coldRow(`\`pgconf-lint ${DEMO}\``, (c) => c.demo);
  if (NODES.some(hasCompileCache)) coldRow(`\`pgconf-lint ${DEMO}\`, compile cache off (\`NODE_DISABLE_COMPILE_CACHE=1\`: a first run)`, (c) => (c.demoNoCache.ms.length ? c.demoNoCache : { time: null, rssMb: null }));
  coldRow(`\`pgconf-lint check\` of the ${fmtN(1_000)}-line mixed postgresql.conf`, (c) => c.small);
  coldRow(`the Action (dist/action.js) on ${DEMO}, \`push\` event`, (c) => (c.actionProblem ? null : c.action));
  out.push('');
  out.push(`| repository (${NODES[0].label}) | time | RSS |`);
  out.push('|---|---:|---:|');
  out.push(`| \`pgconf-lint check .\` on ${fmtN(CLUSTERS)} clusters (${fmtN(CLUSTERS * 3)} files) | ${fmtMs(r.repo.time)} | ${fmtMb(r.repo.rssMb)} |`);
  out.push(`| \`pgconf-lint check .\` on ${fmtN(CLUSTERS)} Patroni files | ${fmtMs(r.patroni.time)} | ${fmtMb(r.patroni.rssMb)} |`);
  out.push('');
  if (r.apiCalls.requests) {
    out.push(`**The Action called the GitHub API on a \`push\` event** (${r.apiCalls.requests} requests: ${r.apiCalls.seen.map((x) => `\`${x}\``).join(', ')}; a local listener answered 404).`);
    out.push('');
  }

  out.push('### Retained heap per line and per record (scripts/bench/heap.mjs)');
  out.push('');
  out.push('In a fresh `node --expose-gc`: a lint of a small file of the same kind first (catalog and rules loaded), then `gc()` twice, `heapUsed`, the lint of the large file with its result kept alive (what a reporter is handed), `gc()` twice, `heapUsed` again: the difference, per line or record.');
  out.push('');
  if (r.heap.problem) out.push(`Not measured: ${r.heap.problem}`);
  else {
    out.push(`| input | size | ${NODES.map((x) => `${x.label} retained | per line/record`).join(' | ')} |`);
    out.push(`|---|---:|${NODES.map(() => '---:|---:').join('|')}|`);
    for (const row of r.heap.rows) {
      const cells = NODES.map((x) => {
        const m = row.by[x.key];
        return !m || m.failed ? `failed: ${m?.failed ?? 'not run'} | ` : `${(m.retained / 2 ** 20).toFixed(1)} MiB | ${fmtN(Math.round(m.perUnit))} B`;
      });
      out.push(`| ${row.label} | ${fmtN(row.n)} ${row.unit}s | ${cells.join(' | ')} |`);
    }
  }
  out.push('');

  if (r.access) {
    out.push('### pg_hba access diff: `pgconf-lint diff` (scripts/bench/access-diff.mjs)');
    out.push('');
    out.push('Two pg_hba.conf versions of each size, resolved once; only the access diff (src/diff/access.ts) is timed, in one process (median of several runs after a warm-up). The scenarios are described in scripts/bench/access-diff.mjs.');
    out.push('');
    out.push('| scenario | records | diff | CPU | changes | 1k → 10k |');
    out.push('|---|---:|---:|---:|---:|---:|');
    for (const row of r.access.results) {
      const growth = row.records === 10_000 ? r.access.ratios.find((x) => x.scenario === row.scenario && x.to === 10_000)?.ratio : undefined;
      out.push(`| ${row.scenario} | ${fmtN(row.records)} | ${fmtMs(row.ms)} | ${fmtMs(row.cpuMs)} | ${fmtN(row.changes)} | ${growth !== undefined ? fmtX(growth) : ''} |`);
    }
    out.push('');
  }

  // ---- targets
  const byN = (rows, n) => rows.find((x) => x.n === n);
  const c = (rows, n) => byN(rows, n)?.check.time ?? null;
  const h = (n) => byN(r.hba, n)?.check.time ?? null;
  const gHba = ratio(h(100_000), h(10_000));
  const sets = [['mixed', r.conf], ['built-in only', r.builtin]];
  out.push('### Where the time goes');
  out.push('');
  out.push('Share of CPU time by pipeline stage, from one run of each case under the V8 profiler (`node --cpu-prof`; scripts/bench/profile.mjs attributes each sample by the source module it falls in; self time, so a stage does not include what it calls in another stage). "Node" is Node.js itself: its start-up, the module loader and file I/O.');
  out.push('');
  out.push(profileTable(r.profile));
  out.push('');

  out.push('### Other targets');
  out.push('');
  out.push(`${NODES[0].label}. The ratios to \`postgres -C\` and \`node -e 0\`, the growth from 100k to 1M mixed lines and the heap are issue 19's targets, in the last table.`);
  out.push('');
  out.push('| target | input | measured | |');
  out.push('|---|---|---:|---|');
  {
    const g1M = ratio(c(r.builtin, 1_000_000), c(r.builtin, 100_000));
    out.push(`| 1M lines ≤ 12× 100k lines | built-in only | ${fmtX(g1M)} | ${ok(g1M === null ? null : g1M <= 12)} |`);
  }
  out.push(`| 100k hba records ≤ 15× 10k | pg_hba.conf | ${fmtX(gHba)} | ${ok(gHba === null ? null : gHba <= 15)} |`);
  {
    const p20 = byN(r.builtin, 20_000)?.pg;
    const r20 = p20?.time ? ratio(c(r.builtin, 20_000), p20.time) : null;
    out.push(`| 20k lines: ≤ ½ the time of \`postgres -C\` | built-in only | ${fmtX(r20)} | ${ok(r20 === null ? null : r20 <= 0.5)} |`);
  }
  for (const [label, rows] of sets) {
    const t = c(rows, 1_000_000);
    const rss = byN(rows, 1_000_000)?.check.rssMb ?? null;
    out.push(`| 1M-line postgresql.conf < 2 s | ${label} | ${fmtMs(t)} | ${ok(t === null ? null : t < 2000)} |`);
    out.push(`| 1M-line postgresql.conf < 1 GB RSS | ${label} | ${fmtMb(rss)} | ${ok(rss === null ? null : rss < 1024)} |`);
  }
  out.push(`| ${fmtN(CLUSTERS)} clusters < 5 s | repository | ${fmtMs(r.repo.time)} | ${ok(r.repo.time === null ? null : r.repo.time < 5000)} |`);
  out.push(`| ${fmtN(CLUSTERS)} Patroni files < 5 s | repository | ${fmtMs(r.patroni.time)} | ${ok(r.patroni.time === null ? null : r.patroni.time < 5000)} |`);
  if (r.access) {
    const worst = Math.max(...r.access.results.filter((x) => x.records === 10_000).map((x) => x.ms));
    out.push(`| access diff of two 10,000-record pg_hba.conf < 2 s | worst scenario | ${fmtMs(worst)} | ${ok(worst < 2000)} |`);
  }
  out.push('');
  out.push(issueTargets(r));
  return out.join('\n');
}

/**
 * Issue 19's table: each row's ratio measured in this run on each Node, numerator and denominator
 * in one round-robin under that Node, beside the figure the issue quotes ("today") and the target.
 */
function issueTargets(r) {
  const byN = (rows, n) => rows.find((x) => x.n === n);
  const checkOf = (row, node) => (row ? (node.key === 'own' ? row.check : row.check24) : null);
  const noPg = r.pgProblem ? `PostgreSQL unavailable (${r.pgProblem})` : WITH_PG ? 'postgres -C did not finish' : '--no-pg';
  const ms = (a, b) => `${fmtX(a / b)} (${fmtMs(a)} / ${fmtMs(b)})`;
  /** A ratio cell: [text, met] or [why not measured, null]. */
  const cellRatio = (a, b, limit, why) => (a === null || a === undefined || b === null || b === undefined ? [`not measured: ${why}`, null] : [ms(a, b), a / b <= limit]);
  const vsPg = (n, limit) => (node) => {
    const row = byN(r.conf, n);
    return cellRatio(checkOf(row, node)?.time, row?.pg.time, limit, row?.pg.time == null ? noPg : `check failed`);
  };
  const cold = (pick, base, limit, what) => (node) => {
    const c = r.cold[node.key];
    if (what === 'action' && c.actionProblem) return c.actionProblem.startsWith('not measured') ? [c.actionProblem, null] : [`the Action ${c.actionProblem}`, false];
    return cellRatio(pick(c).time, base(c).time, limit, 'no run finished');
  };
  const heapCell = (label, limit) => (node) => {
    if (r.heap.problem) return [`not measured: ${r.heap.problem}`, null];
    const m = r.heap.rows.find((x) => x.label === label)?.by[node.key];
    if (!m || m.failed) return [`failed: ${m?.failed ?? 'not run'}`, false];
    const row = r.heap.rows.find((x) => x.label === label);
    return [`${fmtN(Math.round(m.perUnit))} B (${(m.retained / 2 ** 20).toFixed(1)} MiB / ${fmtN(row.n)} ${row.unit}s)`, limit === null ? null : m.perUnit <= limit];
  };
  const rows = [
    ['postgresql.conf, mixed input (custom `app_N.*` names beside built-ins), 10k lines vs `postgres -C` (18)', '2.05×', '≤ 1×', vsPg(10_000, 1)],
    ['the same, 20k lines', '0.71–0.80×', '≤ 0.5×', vsPg(20_000, 0.5)],
    [`cold lint of ${DEMO} vs \`node -e 0\``, '3.4–3.8×', '≤ 3×', cold((c) => c.demo, (c) => c.node, 3)],
    ['`check` of the 1k-line mixed postgresql.conf vs `node -e 0`', '3.3–3.6×', '≤ 3×', cold((c) => c.small, (c) => c.node, 3)],
    // Like for like: the Action always runs as a first run (a fresh runner, nothing cached), so it is
    // compared with the CLI's first run (its code cache off) where the CLI keeps one.
    [
      `the Action vs the CLI on ${DEMO} (\`push\` event; the CLI's first run, code cache off)`,
      '1.67–2.06×',
      '≤ 1.25×',
      cold((c) => c.action, (c) => (c.demoNoCache.ms.length ? c.demoNoCache : c.demo), 1.25, 'action'),
    ],
    [
      '1M lines vs 100k lines (mixed)',
      '~4.8×',
      '≤ 6× (keep)',
      (node) => {
        const big = checkOf(byN(r.conf, 1_000_000), node)?.time;
        return cellRatio(big, checkOf(byN(r.conf, 100_000), node)?.time, 6, QUICK ? '--quick has no 1M-line file' : 'no run finished');
      },
    ],
    ['retained heap per postgresql.conf line (mixed, 100k lines)', '~400 B', '≤ 250 B', heapCell('postgresql.conf, mixed', 250)],
    ['retained heap per pg_hba.conf record (100k records)', '~3.3 KB', '≤ 2 KB (2,000 B)', heapCell('pg_hba.conf', 2000)],
    ['retained heap per postgresql.conf line, built-in only (not a row of the issue)', '–', '–', heapCell('postgresql.conf, built-in only', null)],
  ];
  const nodes = [...NODES];
  const out = [];
  out.push('### Targets (issue 19)');
  out.push('');
  out.push(
    `Each ratio is measured in this run, its numerator and denominator in one round-robin under the same Node; "today" is the figure issue 19 quotes. \`postgres -C\` is one binary for both Nodes, run in the same round-robins. Without NODE_EXTRA_CA_CERTS.${NODES.some(hasCompileCache) ? ' The CLI runs with its code cache warm (a second run, in a temporary directory of the bench\'s own, so the cache holds what the bench\'s runs put there, not what other runs left on the machine; the cold-start table has the demo with it off).' : ''}${r.node24Problem ? ` Node 24 (the Action's) not measured: ${r.node24Problem}.` : ''}`,
  );
  out.push('');
  const columns = [...nodes.map((x) => x.label), ...(r.node24Problem ? ['Node 24'] : [])];
  out.push(`| # | what | today | target | ${columns.map((l) => `${l} | `).join('| ')}|`);
  out.push(`|---:|---|---:|---:|${columns.map(() => '---:|---|').join('')}`);
  rows.forEach(([what, today, target, measure], i) => {
    const cells = nodes.map((node) => {
      const [text, met] = measure(node);
      return `${text} | ${met === null ? (text.startsWith('not measured') ? 'n/a' : '') : ok(met)}`;
    });
    if (r.node24Problem) cells.push(`not measured: ${r.node24Problem} | n/a`);
    const num = i < 6 ? String(i + 1) : i === 6 ? '7' : i === 7 ? '8' : '';
    out.push(`| ${num} | ${what} | ${today} | ${target} | ${cells.join(' | ')} |`);
  });
  return out.join('\n');
}

function iniVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'ini', 'package.json'), 'utf8')).version;
  } catch {
    return 'n/a';
  }
}

const BEGIN = '<!-- bench:begin (generated by `npm run bench`; edit outside the markers) -->';
const END = '<!-- bench:end -->';

function writeBenchmarks(md) {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const block = `${BEGIN}\n${md}\n${END}`;
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# Benchmarks\n\n${BEGIN}\n${END}\n`;
  const a = text.indexOf('<!-- bench:begin');
  const b = text.indexOf(END);
  text = a !== -1 && b > a ? text.slice(0, a) + block + text.slice(b + END.length) : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, text);
  progress(`wrote ${path.relative(process.cwd(), file) || file}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
