#!/usr/bin/env node
// pgconf-lint: see bin/cli.ts. Enables Node's compile cache where Node has one, then loads the CLI.
import nodeModule from 'node:module';
nodeModule.enableCompileCache?.();
await import('./cli-chunk-MAIN.js');
