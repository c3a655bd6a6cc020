// Bundles the CLI (and later the action) with esbuild and copies the generated catalogs next to it.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

const banner = {
  js: "import { createRequire as __pgclCreateRequire } from 'node:module'; const require = __pgclCreateRequire(import.meta.url);",
};

const entries = [{ in: 'src/cli.ts', out: 'cli.js', shebang: true }];
if (existsSync(join(root, 'src/action/main.ts'))) entries.push({ in: 'src/action/index.ts', out: 'action.js', shebang: false });

mkdirSync(dist, { recursive: true });
for (const e of entries) {
  await build({
    entryPoints: [join(root, e.in)],
    outfile: join(dist, e.out),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: (e.shebang ? '#!/usr/bin/env node\n' : '') + banner.js },
  });
}

// Catalogs are read at run time (only the target majors), not bundled.
const dataOut = join(dist, 'catalog', 'data');
rmSync(join(dist, 'catalog'), { recursive: true, force: true });
mkdirSync(dataOut, { recursive: true });
const dataIn = join(root, 'src', 'catalog', 'data');
for (const f of readdirSync(dataIn).filter((n) => n.endsWith('.json')).sort()) {
  cpSync(join(dataIn, f), join(dataOut, f));
}
