// dist/cli.cjs has V8 grow the young generation to its largest size at its first growth
// (scripts/cli-stub.cjs growYoungGenerationAtOnce): a check keeps most of what it allocates, so each
// doubling from 1 MB would copy it all again. These runs count the scavenges V8 reports (--trace-gc
// prints one line each, to stdout, before the report), never their time.
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './support/action-run.js';

const CLI = join(REPO_ROOT, 'dist', 'cli.cjs');
const work = mkdtempSync(join(tmpdir(), 'pgconf-lint-young-generation-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// 10,000 lines: custom placeholders, each set once, and a built-in set again every 8 lines (findings).
const lines: string[] = [];
for (let i = 0; i < 10_000; i++) lines.push(i % 8 === 0 ? `work_mem = '${4 + (i % 16)}MB'` : `app_${i % 97}.opt_${i} = '${i.toString(36)}-value'   # generated`);
writeFileSync(join(work, 'postgresql.conf'), lines.join('\n') + '\n');

/** The run with `nodeFlags` before the bin and `env` added: its scavenges and the report after them. */
function run(nodeFlags: string[], env: Record<string, string> = {}): { status: number | null; scavenges: number; report: string; stderr: string } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS'));
  const r = spawnSync(process.execPath, ['--trace-gc', ...nodeFlags, CLI, 'check', '--pg-version', '17', 'postgresql.conf'], {
    cwd: work,
    env: { ...base, NODE_DISABLE_COMPILE_CACHE: '1', NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const out = r.stdout.split('\n');
  const gc = (l: string): boolean => /^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: (?:Scavenge|Mark-Compact|Mark-Sweep|Minor Mark-Sweep)/.test(l.trim());
  return { status: r.status, scavenges: out.filter((l) => /^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: Scavenge/.test(l.trim())).length, report: out.filter((l) => !gc(l)).join('\n'), stderr: r.stderr };
}

describe('the young generation of a check', () => {
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
});
