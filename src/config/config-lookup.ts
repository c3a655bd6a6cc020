// Where the configuration of a run comes from, as ESLint and ruff users expect: the nearest
// `.pgconf-lint.yml|.yaml|.json` from the working directory up to the repository root. Light (no
// yaml, no ajv): it only names the file; src/config/config.ts reads it, confined like every other
// file of the checkout.
import { lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isInside } from '../resolve/host.js';
import { CONFIG_NAMES } from './config-core.js';

export interface FoundConfig {
  /** Absolute path of the config file to read. */
  path: string;
  /** The other config names in the same directory, not read (the first of CONFIG_NAMES wins). */
  shadowed: string[];
}

/**
 * The config names present in `dir`, in precedence order. lstat, not stat: a dangling symlink, a
 * FIFO or a link out of the root counts as present, so the reader reports it rather than the run
 * silently going on without a config.
 */
function presentIn(dir: string): string[] {
  return CONFIG_NAMES.filter((name) => {
    try {
      lstatSync(join(dir, name));
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * The config for a run started in `start`: in `start` or the nearest directory above it holding
 * one, never above `top` (the repository root). Only names are looked at (the lexical parent chain
 * of `start`, never a link's target); the first directory holding any config name ends the search.
 * A `start` outside `top` is searched alone.
 */
export function findConfigUpward(start: string, top: string): FoundConfig | undefined {
  const stop = resolve(top);
  let cur = resolve(start);
  const within = isInside(stop, cur);
  for (;;) {
    const names = presentIn(cur);
    if (names.length) return { path: join(cur, names[0]!), shadowed: names.slice(1) };
    const up = dirname(cur);
    if (!within || cur === stop || up === cur) return undefined;
    cur = up;
  }
}

/**
 * Where the CLI's search ends: the repository root (`repoRoot`, the git top level above the working
 * directory, else the working directory), or --root when the working directory lies inside it and
 * it is below the repository root (nothing is read outside --root that the run found by itself).
 */
export function lookupTop(cwd: string, repoRoot: string, root?: string): string {
  const repo = resolve(repoRoot);
  if (root === undefined) return repo;
  const r = resolve(cwd, root);
  return isInside(r, resolve(cwd)) && isInside(repo, r) ? r : repo;
}

/** The one-line warning when a directory holds more than one config name. */
export function shadowedWarning(found: FoundConfig, display: string): string | undefined {
  if (!found.shadowed.length) return undefined;
  return `${display} is used; ${found.shadowed.join(' and ')} in the same directory ${found.shadowed.length > 1 ? 'are' : 'is'} not read (keep one config file)`;
}
