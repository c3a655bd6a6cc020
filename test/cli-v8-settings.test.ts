// dist/cli.cjs sets two of V8's settings (scripts/cli-stub.cjs tuneV8): the young generation grows to
// its largest size at its first growth (a check keeps most of what it allocates, so each doubling
// from 1 MB would copy it all again), and on V8 11 (Node 20) TurboFan waits four times as long. These
// runs count what V8 reports on stdout (--trace-gc: a line per scavenge; --trace-opt: a line per
// function marked for TurboFan), never how long anything takes.
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './support/action-run.js';

const CLI = join(REPO_ROOT, 'dist', 'cli.cjs');
const work = mkdtempSync(join(tmpdir(), 'pgconf-lint-v8-settings-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// 10,000 lines: custom placeholders, each set once, and a built-in set again every 8 lines (findings).
const lines: string[] = [];
for (let i = 0; i < 10_000; i++) lines.push(i % 8 === 0 ? `work_mem = '${4 + (i % 16)}MB'` : `app_${i % 97}.opt_${i} = '${i.toString(36)}-value'   # generated`);
writeFileSync(join(work, 'postgresql.conf'), lines.join('\n') + '\n');

const V8_MAJOR = Number(/^(\d+)\./.exec(process.versions.v8)![1]);
let runs = 0;

/**
 * The run with `nodeFlags` before the bin and `env` added: what V8 traced, and the report (written
 * with --output: V8 prints its traces through C's own buffer, which may flush into the middle of
 * what the CLI writes to stdout).
 */
function run(nodeFlags: string[], env: Record<string, string> = {}): { status: number | null; scavenges: number; optimised: number; report: string; stderr: string } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS'));
  const output = `report-${++runs}.txt`;
  const r = spawnSync(process.execPath, ['--trace-gc', '--trace-opt', ...nodeFlags, CLI, 'check', '--pg-version', '17', '--output', output, 'postgresql.conf'], {
    cwd: work,
    env: { ...base, NODE_DISABLE_COMPILE_CACHE: '1', NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const traced = r.stdout.split('\n').map((l) => l.trim());
  return {
    status: r.status,
    scavenges: traced.filter((l) => /^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: Scavenge/.test(l)).length,
    optimised: traced.filter((l) => /^\[marking .* for optimization to TURBOFAN/.test(l)).length,
    report: readFileSync(join(work, output), 'utf8'),
    stderr: r.stderr,
  };
}

describe("V8's settings for a check", () => {
  const ours = run([]);
  const v8s = run(['--semi-space-growth-factor=2']);

  test('both runs report the same findings, and nothing on stderr', () => {
    expect(ours.status).toBe(0);
    expect(ours.report).toMatch(/duplicate-setting/);
    expect(ours.report).toBe(v8s.report);
    expect(ours.stderr).toBe('');
    expect(v8s.stderr).toBe('');
  });

  test('grown at once, it is scavenged fewer times than with V8 doubling it (a factor the user gives is kept)', () => {
    expect(v8s.scavenges).toBeGreaterThanOrEqual(3);
    expect(ours.scavenges).toBeLessThan(v8s.scavenges);
  });

  test('a semi-space size in NODE_OPTIONS leaves the growth to V8', () => {
    const sized = run([], { NODE_OPTIONS: '--max-semi-space-size=16' });
    expect(sized.report).toBe(ours.report);
    expect(sized.scavenges).toBeGreaterThan(ours.scavenges);
  });

  test(V8_MAJOR === 11 ? 'V8 11: fewer functions are marked for TurboFan than with its own budget' : `V8 ${V8_MAJOR}: TurboFan's budget is V8's own`, () => {
    if (V8_MAJOR === 11) {
      const budget = run(['--interrupt-budget=67584']);
      expect(budget.report).toBe(ours.report);
      expect(budget.optimised).toBeGreaterThan(2 * ours.optimised);
    } else {
      // Later V8s have no --interrupt-budget (a flag they do not know would be reported on stderr).
      expect(ours.stderr).toBe('');
      expect(ours.optimised).toBeGreaterThan(0);
    }
  });
});
