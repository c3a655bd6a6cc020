// The access diff's cost (issue 17 item 6): two pg_hba.conf versions of 1,000 and 10,000 records
// (and more with --big), diffed by src/diff/access.ts. Standalone:
//
//   node scripts/bench/access-diff.mjs            1k and 10k records, three scenarios
//   node scripts/bench/access-diff.mjs --big      also 20k and 40k (the scaling ratio over a wider span)
//   node scripts/bench/access-diff.mjs --json     one JSON object instead of the table
//
// The diff is not in dist/ until the CLI's `diff` command ships it, so this bundles the TypeScript
// entry points with esbuild (as scripts/build.mjs does) into a temporary directory, with the
// catalogs beside it (the catalog is found relative to the code's own URL), and imports that.
// Times (wall clock, and CPU time of this process, which a shared machine disturbs less) are the
// median of several runs in this process, after one warm-up; the clusters are
// resolved once (the parse is measured by `npm run bench`), only diffAccess is timed.
//
// Scenarios:
// - tenants: scripts/bench/gen.mjs's pg_hba.conf (per tenant: its database, users, an IPv4 /24, an
//   IPv6 /64, a replication record, +group members), the change: one tenant's reject removed and a
//   `host all all 10.0.0.0/8 md5` inserted near the top (it changes the answer for every tenant).
// - addresses: one record per distinct address block for all databases and users, the change: the
//   order of two halves swapped and methods changed: the diff's cost in distinct addresses alone.
// - tenants + sameuser: tenants with one `host sameuser all 172.16.0.0/12` record, which takes TCP
//   to the general path (each database class, then each user class within it).
// - names × wildcards: half the records name a database (for all users), half a user (for all
//   databases), each its own address: every database class meets every user-wildcard record, the
//   shape whose cost grows with databases × wildcard records (docs/access-diff.md, "Cost").

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pgHba } from './gen.mjs';
import { bundleModule } from '../lib/bundle-sources.mjs';

const argv = process.argv.slice(2);
const SIZES = argv.find((x) => x.startsWith('--sizes='))?.slice(8).split(',').map(Number) ?? (argv.includes('--big') ? [1000, 10000, 20000, 40000] : [1000, 10000]);
const ONLY = argv.find((x) => x.startsWith('--only='))?.slice(7);
const RUNS = Number(argv.find((x) => x.startsWith('--runs='))?.slice(7) ?? 5);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'pgconf-lint-access-bench-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

const entry = await bundleModule(tmp, "export { resolveAll } from './src/api.ts';\nexport { diffAccess } from './src/diff/access.ts';\n");
const { resolveAll, diffAccess } = await import(pathToFileURL(entry).href);

const CONF = "listen_addresses = '*'\nssl = on\n";

function tenants(n) {
  const before = pgHba(n).split('\n');
  const after = before.slice();
  const reject = after.findIndex((l, i) => i > after.length / 2 && /\breject\b/.test(l) && l.startsWith('hostnossl'));
  after.splice(reject, 1);
  after.splice(5, 0, 'host    all             all             10.0.0.0/8              md5');
  return [before.join('\n'), after.join('\n')];
}

/** tenants, with one sameuser record: the general path (database classes × user classes) for TCP. */
function tenantsSameuser(n) {
  const [b, a] = tenants(n);
  const add = (t) => t.replace('\nlocal   all             postgres', '\nhost    sameuser        all             172.16.0.0/12           scram-sha-256\nlocal   all             postgres');
  return [add(b), add(a)];
}

function block(i) {
  // distinct /32s and /24s across 10/8 and 172.16/12, and IPv6 /64s
  if (i % 3 === 2) return `fd00:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::/64`;
  const a = (i >> 8) & 255;
  const b = i & 255;
  return i % 3 === 0 ? `10.${a}.${b}.0/24` : `172.${16 + ((i >> 16) & 15)}.${a}.${b}/32`;
}

function addresses(n) {
  const methods = ['scram-sha-256', 'md5', 'reject', 'cert'];
  const rec = (i, shift) => `${methods[(i + shift) % 4] === 'cert' ? 'hostssl' : 'host'} all all ${block(i)} ${methods[(i + shift) % 4]}`;
  const before = Array.from({ length: n }, (_, i) => rec(i, 0));
  const half = n >> 1;
  const after = [...before.slice(half), ...before.slice(0, half)].map((l, k) => (k % 7 === 0 ? l.replace(/ md5$/, ' scram-sha-256') : l));
  return [before.join('\n'), after.join('\n')];
}

function namesWildcards(n) {
  const rec = (i) => (i % 2 === 0 ? `host db_${i} all ${block(i)} scram-sha-256` : `host all user_${i} ${block(i)} md5`);
  const before = Array.from({ length: n }, (_, i) => rec(i));
  const after = before.slice();
  after.splice(n >> 1, 0, 'host all all 10.0.0.0/8 reject');
  return [before.join('\n'), after.join('\n')];
}

function resolveText(hba) {
  const dir = mkdtempSync(path.join(tmp, 'tree-'));
  writeFileSync(path.join(dir, 'pg_hba.conf'), hba + '\n');
  writeFileSync(path.join(dir, 'postgresql.conf'), CONF);
  const r = resolveAll(['.'], { cwd: dir, root: dir, pgVersion: 17 });
  return { cluster: r.clusters[0], dir };
}

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  return s[s.length >> 1];
}

const results = [];
for (const [name, make] of [
  ['tenants', tenants],
  ['addresses', addresses],
  ['names × wildcards', namesWildcards],
  ['tenants + sameuser', tenantsSameuser],
].filter(([name]) => !ONLY || name.startsWith(ONLY))) {
  for (const n of SIZES) {
    const [b, a] = make(n);
    const tb = resolveText(b);
    const ta = resolveText(a);
    const display = (abs) => path.relative(abs.startsWith(tb.dir) ? tb.dir : ta.dir, abs);
    let d = diffAccess(tb.cluster, ta.cluster, display); // warm-up
    const times = [];
    const cpu = [];
    for (let k = 0; k < RUNS; k++) {
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      d = diffAccess(tb.cluster, ta.cluster, display);
      const c1 = process.cpuUsage(c0);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      cpu.push((c1.user + c1.system) / 1000);
    }
    process.stderr.write(`${name} ${n}: ${Math.round(median(times))} ms (cpu ${Math.round(median(cpu))} ms)\n`);
    results.push({
      scenario: name,
      records: n,
      ms: Math.round(median(times)),
      cpuMs: Math.round(median(cpu)),
      changes: d.access.length,
      unknown: d.unknown.length,
      rssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    });
  }
}

const ratios = [];
for (const name of new Set(results.map((r) => r.scenario))) {
  const rs = results.filter((r) => r.scenario === name);
  for (let i = 1; i < rs.length; i++) {
    ratios.push({ scenario: name, from: rs[i - 1].records, to: rs[i].records, ratio: +(rs[i].ms / Math.max(1, rs[i - 1].ms)).toFixed(1) });
  }
}

if (argv.includes('--json')) {
  console.log(JSON.stringify({ load: os.loadavg(), results, ratios }, null, 1));
} else {
  console.log(`access diff (median of ${RUNS} runs; load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})`);
  console.log('scenario            records  wall ms   cpu ms  changes  unknown  max RSS MB');
  for (const r of results) {
    console.log(`${r.scenario.padEnd(18)} ${String(r.records).padStart(8)} ${String(r.ms).padStart(8)} ${String(r.cpuMs).padStart(8)} ${String(r.changes).padStart(8)} ${String(r.unknown).padStart(8)} ${String(r.rssMB).padStart(11)}`);
  }
  console.log('\nscaling (time ratio for k times the records: k is linear, k² quadratic)');
  for (const x of ratios) console.log(`${x.scenario.padEnd(18)} ${x.from} → ${x.to} (k = ${x.to / x.from}): ×${x.ratio}`);
}
