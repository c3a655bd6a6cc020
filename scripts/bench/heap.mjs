// Retained heap per postgresql.conf line and per pg_hba.conf record while the report is built
// (issue 19: ≤ 250 B a line, ≤ 2 KB a record). Used by run.mjs; also on its own:
//
//   node scripts/bench/heap.mjs [--node=BIN] [--size=100000]   mixed and built-in postgresql.conf, pg_hba.conf
//
// The method: an esbuild bundle of src/api.ts (lint) and rules/index.ts (RULES), with the catalogs
// beside it (the code finds them relative to its own URL), is imported in a child process started
// with --expose-gc. It lints a small file of the same kind once (the catalog and every rule's code
// loaded, the caches warm), then gc(); gc(); reads heapUsed; lints the large file keeping the
// result alive (its findings, clusters and sources: what a reporter is handed); gc(); gc(); and
// reads heapUsed again. (after − before) / lines (records) is the figure. The child runs without
// NODE_EXTRA_CA_CERTS, like every process the bench starts.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHILD_ENV } from './node.mjs';
import { bundleModule } from '../lib/bundle-sources.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SELF = fileURLToPath(import.meta.url);

/** Bundles lint + RULES into `dir` (catalogs beside it); returns the bundle's path. */
export function heapBundle(dir) {
  return bundleModule(dir, "export { lint } from './src/api.ts';\nexport { RULES } from './rules/index.ts';\n", 'heap-entry.mjs');
}

/**
 * Retained heap of one lint of `file` (units: its lines or records), after a warm-up lint of `warm`
 * (a small file of the same kind), in a fresh `node --expose-gc` of `nodeBin`.
 * @returns {{ before: number, after: number, retained: number, perUnit: number, diagnostics: number }}
 */
export function measureHeap(nodeBin, bundle, file, warm, units) {
  const out = execFileSync(nodeBin, ['--expose-gc', SELF, '--child', bundle, file, warm, String(units)], {
    encoding: 'utf8',
    env: CHILD_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1024 * 1024,
    timeout: 600_000,
  });
  return JSON.parse(out);
}

async function child([bundle, file, warm, units]) {
  const { lint, RULES } = await import(pathToFileURL(bundle).href);
  const run = (f) => lint([path.basename(f)], { cwd: path.dirname(f), root: path.dirname(f), pgVersion: 18 }, RULES);
  // The warm-up's result is dropped before the first reading.
  const warmErrors = run(warm).errors;
  if (warmErrors.length) throw new Error(`warm-up lint of ${warm}: ${warmErrors[0]}`);
  globalThis.gc();
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const result = run(file);
  if (result.errors.length || result.files.length !== 1) throw new Error(`lint of ${file}: ${result.errors[0] ?? `${result.files.length} files`}`);
  globalThis.gc();
  globalThis.gc();
  const after = process.memoryUsage().heapUsed;
  const retained = after - before;
  process.stdout.write(JSON.stringify({ before, after, retained, perUnit: retained / Number(units), diagnostics: result.diagnostics.length }) + '\n');
  // Alive until here: the result is what the report is built from.
  globalThis.keep = result;
}

if (process.argv[2] === '--child') {
  await child(process.argv.slice(3));
} else if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  const { builtinConf, pgHba, postgresqlConf } = await import('./gen.mjs');
  const argv = process.argv.slice(2);
  const nodeBin = argv.find((a) => a.startsWith('--node='))?.slice(7) ?? process.execPath;
  const size = Number(argv.find((a) => a.startsWith('--size='))?.slice(7) ?? 100_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pgconf-lint-heap-'));
  try {
    const bundle = await heapBundle(tmp);
    const put = (rel, text) => {
      const f = path.join(tmp, rel);
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, text);
      return f;
    };
    for (const [label, name, gen, unit] of [
      ['postgresql.conf, mixed', 'postgresql.conf', postgresqlConf, 'line'],
      ['postgresql.conf, built-in only', 'postgresql.conf', builtinConf, 'line'],
      ['pg_hba.conf', 'pg_hba.conf', pgHba, 'record'],
    ]) {
      const key = label.replace(/\W+/g, '-');
      const r = measureHeap(nodeBin, bundle, put(`${key}/big/${name}`, gen(size)), put(`${key}/warm/${name}`, gen(1000)), size);
      process.stdout.write(`${label}, ${size.toLocaleString('en')} ${unit}s: ${(r.retained / 2 ** 20).toFixed(1)} MiB retained, ${r.perUnit.toFixed(0)} B per ${unit}\n`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
