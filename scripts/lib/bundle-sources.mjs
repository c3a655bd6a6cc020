// The CLI bundled from the current sources into a directory, unminified (its `// src/...` module
// comments stay: the profiler's attribution reads them), with the catalogs beside it (the code finds
// them relative to its own URL). For scripts that must not run dist/, which may be stale, being
// rebuilt, or minified: the ecosystem check and the bench's profiler.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** Bundles bin/cli.ts into `dir`; returns the path of its cli.js. */
export async function bundleSources(dir) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: { cli: join(repo, 'bin', 'cli.ts') },
    outdir: dir,
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const data = join(repo, 'src', 'catalog', 'data');
  mkdirSync(join(dir, 'catalog', 'data'), { recursive: true });
  for (const f of readdirSync(data).filter((n) => n.endsWith('.json'))) cpSync(join(data, f), join(dir, 'catalog', 'data', f));
  return join(dir, 'cli.js');
}

/**
 * Bundles a module of the sources given as text (e.g. "export { lint } from './src/api.ts';") into
 * `dir`/`name`, unminified, with the catalogs beside it; returns the bundle's path. For the bench
 * scripts that call the library in process (the access diff, the heap measure).
 */
export async function bundleModule(dir, contents, name = 'entry.mjs') {
  const { build } = await import('esbuild');
  const entry = join(dir, name);
  await build({
    stdin: { contents, resolveDir: repo, loader: 'ts', sourcefile: `${name}.ts` },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile: entry,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  mkdirSync(join(dir, 'catalog'), { recursive: true });
  cpSync(join(repo, 'src', 'catalog', 'data'), join(dir, 'catalog', 'data'), { recursive: true });
  return entry;
}
