// Where the time goes: runs `pgconf-lint check` under the V8 CPU profiler and attributes every
// sample to a pipeline stage, by the source module it falls in (esbuild writes a `// src/...`
// comment before each module of the unminified bundle). Used by run.mjs; also on its own:
//
//   node scripts/bench/profile.mjs [--cli=BUNDLE/cli.js] [--cwd=DIR] FILE...   (default: the sources, bundled unminified)
//
// Self time only (a function's callees count for their own stage); garbage collection is a stage
// of its own. The profiler adds roughly 10 % and starts after Node's own bootstrap.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSources } from '../lib/bundle-sources.mjs';
import { CHILD_ENV } from './node.mjs';

/** Stage names, in the order tables list them. */
export const STAGES = [
  'Node',
  'reading files',
  'postgresql.conf parsing',
  'pg_hba.conf parsing',
  'typing values',
  'resolving settings',
  'pg_hba analysis',
  'rules',
  'report',
  'garbage collection',
  'other',
];

function stageOfModule(mod) {
  if (/parse\/(postgresql-conf|conf-string|conf-ast)/.test(mod)) return 'postgresql.conf parsing';
  if (/parse\/(auth-tokens|pg-hba|pg-ident)/.test(mod)) return 'pg_hba.conf parsing';
  if (/catalog\//.test(mod)) return 'typing values';
  if (/resolve\/(cluster|name-index|conf-files|settings-rows|startup)/.test(mod)) return 'resolving settings';
  if (/source\/|resolve\/(host|discover)/.test(mod)) return 'reading files';
  if (/analysis\//.test(mod)) return 'pg_hba analysis';
  if (/^rules\/|linter\//.test(mod)) return 'rules';
  if (/report\/|bin\/|cli\.ts|api\.ts/.test(mod)) return 'report';
  return 'other';
}

/** Module boundaries of each bundle file: [[line, module path], ...] in line order. */
function moduleMarks(dir) {
  const marks = new Map();
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.js'))) {
    const list = [];
    fs.readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .forEach((l, i) => {
        const m = /^\/\/ ((?:src|rules|node_modules)\/\S+)/.exec(l);
        if (m) list.push([i + 1, m[1]]);
      });
    marks.set(f, list);
  }
  return marks;
}

function stageOf(frame, marks) {
  if (frame.functionName === '(garbage collector)') return 'garbage collection';
  if (frame.functionName === '(idle)') return null;
  const file = frame.url.split('/').pop();
  const list = marks.get(file);
  if (!list || !frame.url.startsWith('file:')) {
    // Node's own code: bootstrap, the module loader, fs and stream internals, native calls.
    return frame.url.startsWith('node:') || frame.url === '' ? 'Node' : 'other';
  }
  const line = frame.lineNumber + 1;
  let mod = null;
  for (const [l, m] of list) {
    if (l > line) break;
    mod = m;
  }
  return mod === null ? 'Node' : stageOfModule(mod);
}

/**
 * Profiles one `check` of `file` (run in `cwd`) and returns { totalMs, share: {stage: fraction} }.
 * @param {string} cli path of dist/cli.cjs
 */
/** dist/cli.cjs is minified: the attribution needs an unminified bundle of the same sources. */
export async function profilingBundle() {
  return bundleSources(fs.mkdtempSync(path.join(os.tmpdir(), 'pgconf-lint-prof-bundle-')));
}

export function profileCheck(cli, file, cwd, args = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgconf-lint-prof-'));
  try {
    const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '250', '--cpu-prof-dir', dir, cli, 'check', ...args, file], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      // As every process the bench starts: without NODE_EXTRA_CA_CERTS (Node 20 would parse a CA bundle at start).
      env: CHILD_ENV,
    });
    if (r.status !== 0 && r.status !== 1) throw new Error(`profiled check of ${file} failed (rc=${r.status}): ${r.stderr}`);
    const out = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!out) throw new Error(`no CPU profile written for ${file}`);
    const profile = JSON.parse(fs.readFileSync(path.join(dir, out), 'utf8'));
    const marks = moduleMarks(path.dirname(cli));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const us = new Map();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const stage = stageOf(byId.get(id).callFrame, marks);
      if (stage === null) return;
      const d = profile.timeDeltas[i] ?? 0;
      total += d;
      us.set(stage, (us.get(stage) ?? 0) + d);
    });
    const share = Object.fromEntries(STAGES.map((s) => [s, total ? (us.get(s) ?? 0) / total : 0]));
    return { totalMs: total / 1000, share };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A markdown table: one row per profiled case, one column per stage that matters somewhere. */
export function profileTable(cases) {
  const used = STAGES.filter((s) => cases.some((c) => c.result.share[s] >= 0.02));
  const out = [];
  out.push(`| input | profiled | ${used.join(' | ')} |`);
  out.push(`|---|---:|${used.map(() => '---:').join('|')}|`);
  for (const c of cases) {
    const ms = c.result.totalMs;
    const cells = used.map((s) => `${Math.round(100 * c.result.share[s])} %`);
    out.push(`| ${c.label} | ${ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`} | ${cells.join(' | ')} |`);
  }
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const argv = process.argv.slice(2);
  const opt = (name, fallback) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
  // dist/cli.cjs is minified: by default, an unminified bundle of the sources (its module comments name the stages).
  const cli = opt('cli') ? path.resolve(opt('cli')) : await profilingBundle();
  const cwd = path.resolve(opt('cwd', process.cwd()));
  const files = argv.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    process.stderr.write('usage: node scripts/bench/profile.mjs [--cli=BUNDLE/cli.js] [--cwd=DIR] FILE...\n');
    process.exit(2);
  }
  const cases = files.map((f) => ({ label: f, result: profileCheck(cli, f, cwd) }));
  process.stdout.write(profileTable(cases) + '\n');
}
