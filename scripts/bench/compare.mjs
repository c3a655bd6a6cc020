// Before and after: the committed bundle of an older commit against the current dist/, on the
// bench inputs, in one run with the two builds interleaved (so load from other jobs falls on both).
//
//   npm run bench:compare -- REF            e.g. REF = a commit, a tag, HEAD~3
//   npm run bench:compare -- REF --reps=9   runs per case and build (default 5; 9 below 100k lines)
//
// REF's dist/ (and package.json, which names the bin) comes from `git archive REF dist package.json` (dist/ is committed), so nothing is rebuilt for
// it; the current dist/ is rebuilt first. Prints a markdown table of medians and their ratio.

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinConf, pgHba, postgresqlConf } from './gen.mjs';
import { CHILD_ENV } from './node.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The CLI's bin in a tree, as its package.json names it (dist/cli.cjs now, dist/cli.js before). */
function binOf(tree) {
  const bin = JSON.parse(fs.readFileSync(path.join(tree, 'package.json'), 'utf8')).bin;
  return path.join(tree, typeof bin === 'string' ? bin : bin['pgconf-lint']);
}
const argv = process.argv.slice(2);
const ref = argv.find((a) => !a.startsWith('--'));
const repsArg = argv.find((a) => a.startsWith('--reps='));
if (!ref) {
  process.stderr.write('usage: npm run bench:compare -- REF [--reps=N]\n');
  process.exit(2);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pgconf-lint-compare-'));
try {
  const sha = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', ref], { encoding: 'utf8' }).trim();
  const before = path.join(work, 'before');
  fs.mkdirSync(before);
  const tar = path.join(work, 'before.tar');
  execFileSync('git', ['-C', ROOT, 'archive', '--format=tar', '-o', tar, sha, 'dist', 'package.json']);
  execFileSync('tar', ['-x', '-f', tar, '-C', before]);
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { stdio: 'ignore' });
  const builds = [
    ['before', binOf(before)],
    ['after', binOf(ROOT)],
  ];

  const place = (rel, text) => {
    const f = path.join(work, 'in', rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  };
  const cases = [];
  for (const n of [1_000, 20_000, 100_000, 1_000_000]) cases.push([`postgresql.conf, mixed, ${n.toLocaleString('en')} lines`, place(`mixed-${n}/postgresql.conf`, postgresqlConf(n)), n]);
  for (const n of [20_000, 1_000_000]) cases.push([`postgresql.conf, built-in only, ${n.toLocaleString('en')} lines`, place(`builtin-${n}/postgresql.conf`, builtinConf(n)), n]);
  for (const n of [10_000, 100_000]) cases.push([`pg_hba.conf, ${n.toLocaleString('en')} records`, place(`hba-${n}/pg_hba.conf`, pgHba(n)), n]);
  cases.push(['`fixtures/demo`', path.join(ROOT, 'fixtures', 'demo'), 1]);

  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  const rows = [];
  for (const [label, target, n] of cases) {
    const reps = repsArg ? Number(repsArg.slice(7)) : n < 100_000 ? 9 : 5;
    const times = builds.map(() => []);
    process.stderr.write(`${label} x${reps} `);
    for (let i = 0; i < reps; i++) {
      builds.forEach(([, cli], k) => {
        const cwd = path.dirname(target);
        const t0 = process.hrtime.bigint();
        // Without NODE_EXTRA_CA_CERTS, as in the bench (with it, Node 20 parses a CA bundle at every start).
        const r = spawnSync(process.execPath, [cli, 'check', path.basename(target)], { cwd, stdio: 'ignore', env: CHILD_ENV });
        if (r.status !== 0 && r.status !== 1) throw new Error(`${cli} on ${target}: exit ${r.status}`);
        times[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
      });
      process.stderr.write('.');
    }
    const [b, a] = times.map(median);
    process.stderr.write(` ${fmt(b)} -> ${fmt(a)}\n`);
    rows.push(`| ${label} | ${fmt(b)} | ${fmt(a)} | ${(a / b).toFixed(2)}× |`);
  }
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' / ');
  process.stdout.write(
    [
      `Before: ${sha} (committed dist/), after: the working tree's dist/. Medians of fresh processes, the two builds interleaved; load average at the end ${load}.`,
      '',
      '| case | before | after | after / before |',
      '|---|---:|---:|---:|',
      ...rows,
      '',
    ].join('\n'),
  );
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
