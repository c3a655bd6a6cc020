// dist/cli.js turns on Node's compile cache (Node >= 22.1) in os.tmpdir()/node-compile-cache, only when
// that is a real directory of this user's that it could make or find, and never in a way that can hang
// (Node's recursive mkdir spins forever under /proc). The Node running the tests may have no compile
// cache (Node 20), so a preload stands in for module.enableCompileCache and records each call: what
// is tested is the stub's choice, on whatever Node runs the suite.
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './support/action-run.js';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'pgconf-lint-compile-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const calls = join(work, 'calls.txt');
const preload = join(work, 'preload.cjs');
writeFileSync(
  preload,
  `const m = require('node:module');
m.enableCompileCache = (dir) => { require('node:fs').appendFileSync(${JSON.stringify(calls)}, String(dir) + '\\n'); return { status: 1, directory: dir }; };
`,
);

/** `pgconf-lint --version` with TMPDIR set; the directories the stub handed to enableCompileCache. */
function run(tmp: string, env: Record<string, string> = {}): { status: number | null; calls: string[] } {
  rmSync(calls, { force: true });
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NODE_COMPILE_CACHE') && k !== 'NODE_DISABLE_COMPILE_CACHE' && k !== 'NODE_OPTIONS'));
  const r = spawnSync(process.execPath, ['--require', preload, CLI, '--version'], {
    env: { ...base, TMPDIR: tmp, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: r.status, calls: existsSync(calls) ? readFileSync(calls, 'utf8').split('\n').filter(Boolean) : [] };
}

describe("dist/cli.js and Node's compile cache", () => {
  test('makes the directory with mode 0700 in the temporary directory and turns the cache on there', () => {
    const tmp = join(work, 'fresh');
    mkdirSync(tmp);
    const r = run(tmp);
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([join(tmp, 'node-compile-cache')]);
    const st = lstatSync(join(tmp, 'node-compile-cache'));
    expect(st.isDirectory()).toBe(true);
    expect(st.mode & 0o777).toBe(0o700);
    // A second run finds it and uses it.
    expect(run(tmp).calls).toEqual([join(tmp, 'node-compile-cache')]);
  });

  test('a link planted where the directory goes turns the cache off (nothing is written through it)', () => {
    const tmp = join(work, 'planted');
    const elsewhere = join(work, 'elsewhere');
    mkdirSync(tmp);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(tmp, 'node-compile-cache'));
    const r = run(tmp);
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([]);
  });

  test('a file where the directory goes turns the cache off', () => {
    const tmp = join(work, 'file');
    mkdirSync(tmp);
    writeFileSync(join(tmp, 'node-compile-cache'), 'x');
    const r = run(tmp);
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([]);
  });

  test('a temporary directory under /proc neither hangs the CLI nor turns the cache on', () => {
    for (const tmp of ['/proc/pgconf-lint-nonexistent', join(work, 'missing', 'deeper')]) {
      const r = run(tmp);
      expect(r.status).toBe(0);
      expect(r.calls).toEqual([]);
    }
  });

  test("NODE_DISABLE_COMPILE_CACHE and NODE_COMPILE_CACHE leave it to Node", () => {
    const tmp = join(work, 'env');
    mkdirSync(tmp);
    expect(run(tmp, { NODE_DISABLE_COMPILE_CACHE: '1' }).calls).toEqual([]);
    expect(run(tmp, { NODE_COMPILE_CACHE: join(work, 'own-cache') }).calls).toEqual([]);
    expect(existsSync(join(tmp, 'node-compile-cache'))).toBe(false);
  });
});
