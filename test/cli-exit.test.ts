// How dist/cli.cjs ends a run: with process.exit once stdout and stderr have taken everything written
// (bin/cli.ts), so Node neither finishes V8's queued optimising compilations nor tears the heap down
// before the shell gets its exit code, and no output is lost when the reader is slow.
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './support/action-run.js';

const CLI = join(REPO_ROOT, 'dist', 'cli.cjs');
const work = mkdtempSync(join(tmpdir(), 'pgconf-lint-exit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Records each process.exit call (its code) in a file, then exits as asked.
const calls = join(work, 'exit-calls.txt');
const preload = join(work, 'preload.cjs');
writeFileSync(
  preload,
  `const real = process.exit.bind(process);
process.exit = (code) => { require('node:fs').appendFileSync(${JSON.stringify(calls)}, String(code) + '\\n'); return real(code); };
`,
);

/** 1,200 settings of shared_buffers: 1,199 duplicate-setting findings (1,000 listed), far more output than a pipe holds (64 kB). */
const big = join(work, 'postgresql.conf');
writeFileSync(big, Array.from({ length: 1200 }, (_, i) => `shared_buffers = ${128 + i}MB   # line ${i + 1}\n`).join(''));
/** A syntax error: exit code 1. */
const broken = join(work, 'broken.conf');
writeFileSync(broken, "work_mem = '4MB\n");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  exits: string[];
}

/** Runs the CLI in `work` and starts reading its output only after `delayMs`. */
function run(args: string[], delayMs: number): Promise<Run> {
  rmSync(calls, { force: true });
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS'));
  const child = spawn(process.execPath, ['--require', preload, CLI, ...args], { cwd: work, env: { ...env, NO_COLOR: '1' } });
  child.stdout.pause();
  child.stderr.pause();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.stdout.resume();
      child.stderr.resume();
    }, delayMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      let exits: string[] = [];
      try {
        exits = readFileSync(calls, 'utf8').split('\n').filter(Boolean);
      } catch {
        // no call recorded
      }
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exits });
    });
  });
}

describe('the end of a CLI run', () => {
  test('a report larger than the pipe, read late, arrives whole; the run ends through process.exit with its code', async () => {
    const r = await run(['check', '--pg-version', '16', 'postgresql.conf'], 400);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(256 * 1024);
    // Every listed finding, the count of those not listed, and the two closing lines.
    expect(r.stdout.match(/^warning\[duplicate-setting\]: shared_buffers is set again/gm)).toHaveLength(1000);
    expect(r.stdout).toMatch(/199 more duplicate-setting findings in this file are not listed \(1199 in all/);
    expect(r.stdout.trimEnd().split('\n').slice(-2)).toEqual(['⚠ 1001 problems (0 errors, 1001 warnings, 0 info) in 1 file', '1000 fixable with --unsafe-fixes.']);
    expect(r.exits).toEqual(['0']);
  });

  test('the JSON report, read late, parses and holds every finding', async () => {
    const r = await run(['check', '--pg-version', '16', '--format', 'json', 'postgresql.conf'], 400);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { diagnostics: unknown[]; summary: unknown };
    expect(report.diagnostics).toHaveLength(1001);
    expect(report.summary).toEqual({ error: 0, warning: 1001, info: 0 });
    expect(r.exits).toEqual(['0']);
  });

  test('an error finding ends the run with exit code 1, through process.exit', async () => {
    const r = await run(['check', '--pg-version', '16', 'broken.conf'], 0);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/syntax-error/);
    expect(r.exits).toEqual(['1']);
  });

  test('a usage error ends with exit code 2 and one line on stderr', async () => {
    const r = await run(['check', '--no-such-option'], 200);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.exits).toEqual(['2']);
  });
});

// Which of Node's modules a run loads: start-up pays for each one (node:crypto's internals are
// compiled on first load), so those only some runs need are loaded on first use (src/io/crypto.ts).
const loads = join(work, 'loads.txt');
const loadHook = join(work, 'load-hook.cjs');
writeFileSync(
  loadHook,
  `const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const load = Module._load;
Module._load = function (id, ...rest) { appendFileSync(${JSON.stringify(loads)}, id + '\\n'); return load.call(this, id, ...rest); };
`,
);

const small = join(work, 'small.conf');
writeFileSync(small, 'shared_buffers = 128MB\nshared_buffers = 256MB\n');

function modulesLoaded(args: string[]): string[] {
  rmSync(loads, { force: true });
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS'));
  const r = spawnSync(process.execPath, ['--require', loadHook, CLI, ...args], { cwd: work, env, encoding: 'utf8', timeout: 30_000 });
  expect(r.status).toBe(0);
  return readFileSync(loads, 'utf8').split('\n').filter(Boolean);
}

describe("Node's modules a run loads", () => {
  const HEAVY = ['crypto', 'child_process', 'http', 'https', 'net', 'tls', 'zlib', 'worker_threads'];
  const heavy = (ids: string[]) => ids.map((id) => id.replace(/^node:/, '')).filter((id) => HEAVY.includes(id));

  test('a check with the text report loads none of the heavy ones', () => {
    const ids = modulesLoaded(['check', '--pg-version', '16', 'small.conf']);
    expect(ids).toContain('node:fs'); // the hook sees the bundle's requires
    expect(heavy(ids)).toEqual([]);
  });

  test('the SARIF report, which fingerprints findings, loads node:crypto', () => {
    expect(heavy(modulesLoaded(['check', '--pg-version', '16', '--format', 'sarif', 'small.conf']))).toEqual(['crypto']);
  });
});
