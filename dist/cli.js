#!/usr/bin/env node
// pgconf-lint: see bin/cli.ts. Turns on Node's compile cache where Node has one (see scripts/build.mjs), then loads the CLI.
import nodeModule from 'node:module';
import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
if (nodeModule.enableCompileCache && !process.env.NODE_COMPILE_CACHE && !process.env.NODE_DISABLE_COMPILE_CACHE) {
  try {
    const dir = join(tmpdir(), 'node-compile-cache');
    try {
      mkdirSync(dir, 0o700);
    } catch (e) {
      if (e?.code !== 'EEXIST') throw e;
    }
    const st = lstatSync(dir);
    if (st.isDirectory() && st.uid === process.getuid?.()) nodeModule.enableCompileCache(dir);
  } catch {
    // no cache: the run is as on Node 20
  }
}
await import('./cli-chunk-MAIN.js');
