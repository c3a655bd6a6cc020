// How dist/cli.cjs writes its output (src/io/stdio.ts): with write(2) on descriptors 1 and 2, so that a
// run does not make process.stdout and process.stderr (which load Node's stream and net modules at
// start-up), and through the streams where write(2) cannot do it: a descriptor another process made
// non-blocking, a pipe the reader closed.
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './support/action-run.js';

const CLI = join(REPO_ROOT, 'dist', 'cli.cjs');
const work = mkdtempSync(join(tmpdir(), 'pgconf-lint-stdio-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** 1,200 settings of shared_buffers: 1,199 duplicate-setting findings (1,000 listed), 500 kB of report. */
writeFileSync(join(work, 'postgresql.conf'), Array.from({ length: 1200 }, (_, i) => `shared_buffers = ${128 + i}MB   # line ${i + 1}\n`).join(''));
/** The same with a syntax error at the end: exit code 1. */
writeFileSync(join(work, 'broken.conf'), Array.from({ length: 1200 }, (_, i) => `shared_buffers = ${128 + i}MB\n`).join('') + "work_mem = '4MB\n");

// Node's own modules the run loaded (process.moduleLoadList), written at exit.
const loaded = join(work, 'loaded.txt');
const listModules = join(work, 'list-modules.cjs');
writeFileSync(listModules, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loaded)}, process.moduleLoadList.join('\\n')));\n`);

// Makes process.stdout before the CLI runs, as a Node parent sharing its stdout pipe would: for a pipe,
// libuv sets O_NONBLOCK on it, which every process holding the pipe then sees. Notes the stream's first write.
const streamFirst = join(work, 'stream-first.cjs');
writeFileSync(
  streamFirst,
  `const out = process.stdout;
const write = out.write;
let noted = false;
out.write = function (...args) {
  if (!noted) { noted = true; require('node:fs').writeSync(2, 'stdout stream written\\n'); }
  return write.apply(this, args);
};
`,
);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI with stdout and stderr on pipes; starts reading stdout after `delayMs`, or reads
 * `closeAfter` bytes of it and closes the pipe.
 */
function run(args: string[], opts: { preload?: string; delayMs?: number; closeAfter?: number } = {}): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && k !== 'FORCE_COLOR'));
  const child = spawn(process.execPath, [...(opts.preload ? ['--require', opts.preload] : []), CLI, ...args], { cwd: work, env: { ...env, NO_COLOR: '1' } });
  child.stdout.pause();
  const out: Buffer[] = [];
  let got = 0;
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.stdout.on('data', (b: Buffer) => {
        out.push(b);
        got += b.length;
        if (opts.closeAfter !== undefined && got >= opts.closeAfter) child.stdout.destroy();
      });
      child.stdout.resume();
    }, opts.delayMs ?? 0);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

describe("the CLI's standard output", () => {
  test('a check writing to pipes makes neither stream: no stream, net or tty module is loaded, and the report arrives whole', async () => {
    rmSync(loaded, { force: true });
    const r = await run(['check', '--pg-version', '16', 'postgresql.conf'], { preload: listModules, delayMs: 300 });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.match(/^warning\[duplicate-setting\]/gm)).toHaveLength(1001);
    expect(r.stdout.trimEnd().split('\n').slice(-2)).toEqual(['⚠ 1001 problems (0 errors, 1001 warnings, 0 info) in 1 file', '1000 fixable with --unsafe-fixes.']);
    const modules = readFileSync(loaded, 'utf8').split('\n');
    expect(modules).toContain('NativeModule fs'); // the list is Node's own
    expect(modules.filter((m) => /^NativeModule (net|tty|internal\/tty|internal\/fs\/sync_write_stream)$/.test(m))).toEqual([]);
  });

  test('a pipe another process made non-blocking, read late: write(2) stops at EAGAIN and the stream writes the rest, in order', async () => {
    const direct = await run(['check', '--pg-version', '16', 'postgresql.conf'], { delayMs: 0 });
    const r = await run(['check', '--pg-version', '16', 'postgresql.conf'], { preload: streamFirst, delayMs: 500 });
    expect(r.code).toBe(0);
    // The stream took over (the pipe was full), and what arrived is the whole report, byte for byte.
    expect(r.stderr).toBe('stdout stream written\n');
    expect(r.stdout.length).toBeGreaterThan(256 * 1024);
    expect(r.stdout).toBe(direct.stdout);
  });

  test('a reader that closes the pipe early (`| head`): the rest is dropped, no error is printed, and the exit code is the findings\'', async () => {
    const r = await run(['check', '--pg-version', '16', 'broken.conf'], { closeAfter: 1000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.length).toBeLessThan(500 * 1024);
    expect(r.stdout.startsWith('error[syntax-error]') || r.stdout.startsWith('warning[')).toBe(true);
  });

  test('the same through the stream (a non-blocking pipe closed early): no error either, the same exit code', async () => {
    const r = await run(['check', '--pg-version', '16', 'broken.conf'], { preload: streamFirst, closeAfter: 1000, delayMs: 200 });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('stdout stream written\n');
  });

  test('standard output that cannot be written (a full device) is an error: exit code 2 and one line on stderr, never a silent 0', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS'));
      for (const args of [['check', '--pg-version', '16', 'postgresql.conf'], ['--version']]) {
        const r = spawnSync(process.execPath, [CLI, ...args], { cwd: work, env, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 30_000 });
        expect(r.status).toBe(2);
        expect(r.stderr).toBe('pgconf-lint: cannot write to standard output: ENOSPC: no space left on device, write\n');
      }
      // Standard error on the full device: nowhere to say more; the exit code still says it.
      const usage = spawnSync(process.execPath, [CLI, 'check', '--no-such-option'], { cwd: work, env, stdio: ['ignore', 'pipe', full], encoding: 'utf8', timeout: 30_000 });
      expect(usage.status).toBe(2);
      expect(usage.stdout).toBe('');
    } finally {
      closeSync(full);
    }
  });
});
