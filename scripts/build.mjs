// Bundles the CLI (and later the action) with esbuild and copies the generated catalogs next to it.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

const banner = {
  js: "import { createRequire as __pgclCreateRequire } from 'node:module'; const require = __pgclCreateRequire(import.meta.url);",
};

mkdirSync(dist, { recursive: true });
// Chunks of the previous build (names carry a content hash).
for (const f of readdirSync(dist)) if (/^cli-chunk-.*\.js$/.test(f)) rmSync(join(dist, f));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  banner,
};

// The CLI is split: dist/cli.js holds what every run needs; what only some runs need (reading a
// .pgconf-lint.yml with yaml + ajv) is a chunk loaded by dynamic import, so `npx pgconf-lint .`
// starts without parsing it. Chunks sit next to cli.js (the catalog path is relative to the
// code's own URL) and are named by content hash, so the output is deterministic.
const cli = await build({
  ...common,
  entryPoints: { cli: join(root, 'src/cli.ts') },
  outdir: dist,
  splitting: true,
  chunkNames: 'cli-chunk-[hash]',
  metafile: true,
});
const cliJs = join(dist, 'cli.js');
writeFileSync(cliJs, '#!/usr/bin/env node\n' + readFileSync(cliJs, 'utf8'));
// The startup path must not contain what the split is for.
const cliInputs = Object.keys(cli.metafile.outputs[relative(process.cwd(), cliJs)]?.inputs ?? {});
const leaked = cliInputs.filter((p) => /node_modules\/(ajv|yaml|@actions)\//.test(p));
if (leaked.length) throw new Error(`dist/cli.js must not contain ${leaked.slice(0, 3).join(', ')}`);

// The action is one file (GitHub runs dist/action.js as it is).
if (existsSync(join(root, 'src/action/main.ts'))) {
  await build({ ...common, entryPoints: [join(root, 'src/action/index.ts')], outfile: join(dist, 'action.js') });
}

// Catalogs are read at run time (only the target majors), not bundled.
const dataOut = join(dist, 'catalog', 'data');
rmSync(join(dist, 'catalog'), { recursive: true, force: true });
mkdirSync(dataOut, { recursive: true });
const dataIn = join(root, 'src', 'catalog', 'data');
for (const f of readdirSync(dataIn).filter((n) => n.endsWith('.json')).sort()) {
  cpSync(join(dataIn, f), join(dataOut, f));
}
