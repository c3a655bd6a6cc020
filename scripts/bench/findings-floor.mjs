// What row 1 of issue 19's targets spends on findings, and the least drawing them could cost
// (BENCHMARKS.md, "Gaps"). On the bench's 10k-line mixed postgresql.conf (scripts/bench/gen.mjs),
// side by side in rounds of fresh processes:
//
// - `pgconf-lint check .` as row 1 runs it (2,486 duplicate-setting findings, 1,000 of them drawn);
// - the same with `--rule duplicate-setting=off` (every other rule, the same parsing and typing, no
//   findings): the difference is what the findings cost;
// - scripts/bench/findings-floor-child.cjs, a program that draws the same 1,000 findings and nothing
//   else, knowing the file's shape (no general layout, no masking, no escaping). Its output is first
//   checked to be byte for byte the check's report of those findings; its time for drawing and
//   joining them, and for writing them, is a lower bound on what that part of the report can cost.
//
//   node scripts/bench/findings-floor.mjs [--runs=15] [--node=BIN] [--cli=dist/cli.cjs]
//
// Without NODE_EXTRA_CA_CERTS; the CLI's code cache is warm (one run of each first, in a temporary
// directory of this script's own: scripts/bench/node.mjs childEnv). Prints medians; exits 1 when the child's output is not the
// check's.

import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresqlConf } from './gen.mjs';
import { childEnv, nodeVersion } from './node.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const argv = process.argv.slice(2);
const value = (name) => argv.find((x) => x.startsWith(`--${name}=`))?.slice(name.length + 3);
const RUNS = Number(value('runs') ?? 15);
const NODE = value('node') === undefined ? process.execPath : path.resolve(value('node'));
const CLI = path.resolve(value('cli') ?? path.join(ROOT, 'dist', 'cli.cjs'));
const CHILD = path.join(ROOT, 'scripts', 'bench', 'findings-floor-child.cjs');
const LINES = 10_000;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'pgconf-lint-findings-floor-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const dir = path.join(tmp, 'conf');
mkdirSync(dir);
writeFileSync(path.join(dir, 'postgresql.conf'), postgresqlConf(LINES));
// Without NODE_EXTRA_CA_CERTS, with a temporary directory (and so a code cache) of this script's own.
const env = childEnv('findings-floor');

/** Runs `args` under NODE in the conf directory: wall ms, stderr, and stdout when `capture`. */
function run(args, capture = false) {
  const outFile = path.join(tmp, 'stdout');
  const fd = capture ? openSync(outFile, 'w') : 'ignore';
  const t0 = process.hrtime.bigint();
  const r = spawnSync(NODE, args, { cwd: dir, env, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (capture) closeSync(fd);
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status}: ${r.stderr.trim().split('\n')[0]}`);
  return { ms, stderr: r.stderr, stdout: capture ? readFileSync(outFile, 'latin1') : '' };
}

const check = [CLI, 'check', '.'];
const checkOff = [CLI, 'check', '--rule', 'duplicate-setting=off', '.'];
const floor = [CHILD, 'postgresql.conf'];

// The child must draw exactly what the check draws: its findings, up to the one that counts the
// unlisted ones.
const report = run(check, true).stdout;
const drawn = run(floor, true).stdout;
const unlisted = report.search(/^warning\[duplicate-setting\]: \d+ more /m);
if (!report.startsWith('warning[duplicate-setting]: ') || unlisted === -1 || report.slice(0, unlisted) !== drawn) {
  console.error('findings-floor: the child does not draw what `pgconf-lint check` draws for this file; its time would mean nothing');
  process.exit(1);
}
run(checkOff);

const times = { check: [], off: [], floor: [], draw: [], write: [] };
for (let i = 0; i < RUNS; i++) {
  // The order turns each round, so that a slow moment does not always fall on the same one.
  const order = [0, 1, 2].map((k) => (k + i) % 3);
  for (const k of order) {
    if (k === 0) times.check.push(run(check).ms);
    else if (k === 1) times.off.push(run(checkOff).ms);
    else {
      const r = run(floor);
      const t = JSON.parse(r.stderr.trim().split('\n').pop());
      times.floor.push(r.ms);
      times.draw.push(t.draw);
      times.write.push(t.write);
    }
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`.padStart(9);
const version = nodeVersion(NODE) ?? NODE;
const [c, o] = [median(times.check), median(times.off)];
console.log(`${LINES.toLocaleString('en')}-line mixed postgresql.conf, Node ${version}, medians of ${RUNS} rounds (load average ${os.loadavg()[0].toFixed(2)})`);
console.log(`  pgconf-lint check .                                     ${ms(c)}`);
console.log(`  the same with --rule duplicate-setting=off              ${ms(o)}`);
console.log(`  what the findings cost (the difference)                 ${ms(c - o)}`);
console.log(`  the floor: drawing the 1,000 findings and joining them  ${ms(median(times.draw))}   (the check's bytes)`);
console.log(`  the floor: writing them                                 ${ms(median(times.write))}`);
console.log(`  the floor's whole process (Node's start, reading, finding the overridden lines)  ${ms(median(times.floor))}`);
