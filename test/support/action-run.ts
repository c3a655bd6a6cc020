import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree } from './fixture.js';

/**
 * Runs the bundled Action (dist/action.js) as the runner does: inputs as INPUT_* variables, the
 * event payload in a file, workflow commands on stdout, outputs and the job summary in files.
 * A run that does not end within `killAfterMs` is killed and reported with `killed: true`, so that
 * a hang fails the test's assertions instead of outliving it.
 */

export const REPO_ROOT = join(new URL('.', import.meta.url).pathname, '..', '..');
export const ACTION = join(REPO_ROOT, 'dist', 'action.js');
export const TOKEN = 'ghs_apiS3cretT0kenNeverPrinted0123456789';
export const HEAD = 'a'.repeat(39) + '1';
export const BASE = 'b'.repeat(39) + '2';

export interface Command {
  kind: string;
  props: Record<string, string>;
  message: string;
}

export interface Run {
  code: number | null;
  killed: boolean;
  stdout: string;
  stderr: string;
  commands: Command[];
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

function unescape(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

/** Workflow commands as the runner reads them: a line `::name props::message`. */
export function parseCommands(stdout: string): Command[] {
  const out: Command[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
      const i = kv.indexOf('=');
      props[kv.slice(0, i)] = unescape(kv.slice(i + 1));
    }
    out.push({ kind: m[1]!, props, message: unescape(m[3]!) });
  }
  return out;
}

/** GITHUB_OUTPUT: name<<delimiter / value / delimiter. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    while (++i < lines.length && lines[i] !== m[2]) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

export interface PrOptions {
  number?: number;
  /** The head branch lives in mallory's fork. */
  fork?: boolean;
}

/** A pull_request event on acme/dbconf (PR 7 unless told), from a branch of the repository or from a fork. */
export function pullRequestEvent(opts: PrOptions = {}): Record<string, unknown> {
  const number = opts.number ?? 7;
  const base = { id: 1, name: 'dbconf', full_name: 'acme/dbconf', private: false, fork: false, owner: { login: 'acme', id: 10, type: 'Organization' } };
  const head = opts.fork ? { id: 2, name: 'dbconf', full_name: 'mallory/dbconf', private: false, fork: true, owner: { login: 'mallory', id: 11, type: 'User' } } : base;
  const author = { login: opts.fork ? 'mallory' : 'alice', id: 12, type: 'User' };
  return {
    action: 'synchronize',
    number,
    pull_request: {
      id: 1000 + number,
      number,
      state: 'open',
      title: 'Open the database to the reporting network',
      user: author,
      head: { label: `${head.owner.login}:change`, ref: 'change', sha: HEAD, repo: head, user: head.owner },
      base: { label: 'acme:main', ref: 'main', sha: BASE, repo: base, user: base.owner },
    },
    repository: base,
    sender: author,
  };
}

/** A `patch` as pulls.listFiles gives it: every line as context, the given (1-based) lines added. */
export function patchFor(text: string, added: number[]): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const old = lines.length - added.filter((n) => n <= lines.length).length;
  return [`@@ -1,${old} +1,${lines.length} @@`, ...lines.map((l, i) => (added.includes(i + 1) ? '+' : ' ') + l)].join('\n');
}

export interface ActionRun {
  files: Record<string, string>;
  inputs?: Record<string, string>;
  /** GITHUB_API_URL (default: a port nothing listens on). */
  apiUrl?: string;
  killAfterMs?: number;
  /** GITHUB_EVENT_NAME (default pull_request) and the event payload (default pullRequestEvent()). */
  eventName?: string;
  event?: Record<string, unknown>;
  /** Changes the workspace before the run (e.g. plants symlinks, which `files` cannot). */
  prepare?: (workspace: string) => void;
}

export function runAction(opts: ActionRun): Promise<Run> {
  const workspace = makeTree(opts.files);
  opts.prepare?.(workspace);
  const meta = makeTree({ 'event.json': JSON.stringify(opts.event ?? pullRequestEvent()), 'output.txt': '', 'summary.md': '' });
  const inputs: Record<string, string> = {
    paths: '.',
    'pg-version': '',
    config: '',
    'fail-on': 'error',
    'sarif-file': '',
    review: 'false',
    'only-changed': 'false',
    'github-token': TOKEN,
    ...(opts.inputs ?? {}),
  };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: opts.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: join(meta, 'event.json'),
    GITHUB_REPOSITORY: 'acme/dbconf',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_SHA: 'c'.repeat(40),
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(meta, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(meta, 'summary.md'),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: opts.apiUrl ?? 'http://127.0.0.1:9',
    RUNNER_TEMP: meta,
  };
  // The runner upper-cases input names and keeps their dashes: INPUT_FAIL-ON.
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ACTION], { cwd: workspace, env });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, opts.killAfterMs ?? 25_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        killed,
        stdout,
        stderr,
        commands: parseCommands(stdout),
        outputs: parseOutputs(readFileSync(join(meta, 'output.txt'), 'utf8')),
        summary: readFileSync(join(meta, 'summary.md'), 'utf8'),
        workspace,
      });
    });
  });
}

/** Annotations on files (findings), by kind. */
export const fileAnnotations = (r: Run, kind?: string): Command[] =>
  r.commands.filter((c) => c.props.file && (kind ? c.kind === kind : ['error', 'warning', 'notice'].includes(c.kind)));

/** Warnings the Action emits about itself (no file). */
export const ownWarnings = (r: Run): string[] => r.commands.filter((c) => c.kind === 'warning' && !c.props.file).map((c) => c.message);
