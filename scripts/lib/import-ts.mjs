// Imports TypeScript sources from a script: `contents` (re-exports, resolved from `root`) bundled by
// esbuild into a temporary module, imported, and the temporary files removed.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function importTs(root, contents) {
  const dir = mkdtempSync(join(tmpdir(), 'pgconf-lint-import-'));
  const out = join(dir, 'module.mjs');
  await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
