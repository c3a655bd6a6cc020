// The Action (dist/action.js) as the runner starts it for a `push` event, for run.mjs (issue 19:
// the Action on fixtures/demo ≤ 1.25× the CLI on fixtures/demo). The environment follows
// test/support/action-run.ts: inputs as INPUT_* variables (the runner upper-cases the names and
// keeps their dashes), every input of action.yml at its default except paths, the event payload
// in a file, outputs and the job summary in files under RUNNER_TEMP, the repository root as
// GITHUB_WORKSPACE (and working directory). Nothing here needs the network: GITHUB_API_URL points
// at a local listener that answers 404 (no retries) and counts the requests, so a push event that calls the
// API is seen (and reported by the bench) instead of waiting on a remote host.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { CHILD_ENV } from './node.mjs';

/** A GitHub API that is not there: counts requests, answers 404 (a 5xx would be retried with backoff). */
export function startApiTrap() {
  let requests = 0;
  const seen = [];
  const server = http.createServer((req, res) => {
    requests++;
    if (seen.length < 5) seen.push(`${req.method} ${req.url}`);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"message":"no GitHub API in the bench"}');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        get requests() {
          return requests;
        },
        seen,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

/** Every input of action.yml with its default (github-token: a placeholder, as on a runner). */
function defaultInputs(root) {
  const text = fs.readFileSync(path.join(root, 'action.yml'), 'utf8');
  const block = /^inputs:\n([\s\S]*?)^\S/m.exec(text)?.[1] ?? '';
  const inputs = {};
  let name = null;
  for (const line of block.split('\n')) {
    const n = /^ {2}([\w-]+):\s*$/.exec(line);
    if (n) {
      name = n[1];
      inputs[name] = '';
      continue;
    }
    const d = /^ {4}default:\s*(.*)$/.exec(line);
    if (d && name) {
      let v = d[1].trim();
      if (/^'.*'$/.test(v)) v = v.slice(1, -1).replace(/''/g, "'");
      else if (/^".*"$/.test(v)) v = v.slice(1, -1);
      inputs[name] = v;
    }
  }
  if (!('paths' in inputs)) throw new Error('action.yml: no inputs found');
  return inputs;
}

/**
 * The environment of a push-event run of the Action on `paths` in `root`, and a check of a run's
 * result: `{ env, reset(), check(rc, stdout) -> string | null (what is wrong), cleanup() }`.
 */
export function pushRun({ root, paths, apiUrl }) {
  const meta = fs.mkdtempSync(path.join(os.tmpdir(), 'pgconf-lint-bench-action-'));
  const sha = 'c'.repeat(40);
  const event = {
    ref: 'refs/heads/main',
    before: 'b'.repeat(40),
    after: sha,
    created: false,
    deleted: false,
    forced: false,
    commits: [],
    head_commit: { id: sha, message: 'Tune the replicas' },
    repository: { id: 1, name: 'dbconf', full_name: 'acme/dbconf', private: false, fork: false, owner: { login: 'acme', id: 10, type: 'Organization' } },
    pusher: { name: 'alice' },
    sender: { login: 'alice', id: 12, type: 'User' },
  };
  fs.writeFileSync(path.join(meta, 'event.json'), JSON.stringify(event));
  const inputs = { ...defaultInputs(root), paths, 'github-token': 'ghs_benchPlaceholderTokenNotUsedOnPush000000' };
  const env = {
    ...CHILD_ENV,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: path.join(meta, 'event.json'),
    GITHUB_REPOSITORY: 'acme/dbconf',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_SHA: sha,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_WORKSPACE: root,
    GITHUB_OUTPUT: path.join(meta, 'output.txt'),
    GITHUB_STEP_SUMMARY: path.join(meta, 'summary.md'),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: apiUrl,
    GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`,
    RUNNER_TEMP: meta,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  const reset = () => {
    fs.writeFileSync(env.GITHUB_OUTPUT, '');
    fs.writeFileSync(env.GITHUB_STEP_SUMMARY, '');
  };
  reset();
  /** What is wrong with a run (exit code, annotations, outputs, summary), or null. */
  const annotationsOf = (stdout) => stdout.split('\n').filter((l) => /^::(error|warning|notice) [^:]*\bfile=/.test(l)).length;
  const check = (rc, stdout) => {
    const annotations = annotationsOf(stdout);
    const outputs = {};
    const lines = fs.readFileSync(env.GITHUB_OUTPUT, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = /^([^<]+)<<(.+)$/.exec(lines[i]);
      if (!m) continue;
      const value = [];
      while (++i < lines.length && lines[i] !== m[2]) value.push(lines[i]);
      outputs[m[1]] = value.join('\n');
    }
    const findings = Number(outputs.errors) + Number(outputs.warnings) + Number(outputs.infos);
    if (rc !== (Number(outputs.errors) > 0 ? 1 : 0)) return `exit code ${rc} with ${outputs.errors ?? 'no'} errors reported`;
    if (annotations === 0) return 'no annotations on stdout';
    // GitHub shows at most 10 annotations of each kind: the Action annotates up to that, and says how many more.
    if (!(annotations <= findings)) return `${annotations} annotations but outputs count ${findings} findings`;
    if (!fs.readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8').trim()) return 'no job summary';
    return null;
  };
  return { env, reset, check, annotations: annotationsOf, cleanup: () => fs.rmSync(meta, { recursive: true, force: true }) };
}
