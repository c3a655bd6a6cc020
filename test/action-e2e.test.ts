import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { VERSION } from '../src/version.js';
import { sarifValidator } from './support/sarif-schema.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';
import { example, startMockGitHub, type Handler, type MockGitHub, type RecordedRequest } from './support/github-mock.js';
import { ACTION, BASE, HEAD, patchFor, pullRequestEvent, REPO_ROOT, runAction as runBundled, TOKEN, type ActionRun, type Command, type Run } from './support/action-run.js';

afterAll(cleanupFixtures);

const repo = REPO_ROOT;
const action = ACTION;
/** The record that opens the server to 0.0.0.0/0, and the rule that reports it (an error: md5 without TLS from every address). */
const OPEN_RULE = 'hba-open-to-world';
const OPEN_LINE = 'host    all   all   0.0.0.0/0      md5';

const validateSarif = sarifValidator();

/** The Action run against a mock GitHub (its URL as GITHUB_API_URL). */
function runAction(opts: Omit<ActionRun, 'apiUrl'> & { api?: MockGitHub }): Promise<Run> {
  const { api, ...rest } = opts;
  return runBundled({ ...rest, ...(api ? { apiUrl: api.url } : {}) });
}

interface Api {
  files?: { filename: string; status?: string; patch?: string }[];
  comments?: { id: number; body: string; bot?: boolean }[];
  reviewComments?: string[];
  reviewStatus?: 201 | 403 | 422;
  commentStatus?: 403;
  /** Files of the base commit (repos/get-content at BASE); null: not there (404). */
  base?: Record<string, string | null>;
  baseStatus?: 403;
}

function user(login: string, bot: boolean): Record<string, unknown> {
  const u = example<{ user: Record<string, unknown> }>('issue-comment').user;
  return { ...u, login, type: bot ? 'Bot' : 'User' };
}

/** Handlers for the operations the action calls, answering as GitHub would. */
function handlers(api: Api): Record<string, Handler> {
  const forbidden = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' };
  return {
    // GITHUB_TOKEN is an installation token: GET /user is refused, and it writes as github-actions[bot].
    'users/get-authenticated': () => ({ status: 403, body: forbidden }),
    'pulls/list-files': (req, mock) => {
      const all = (api.files ?? []).map((f) => {
        const e = example<Record<string, unknown>[]>('diff-entry-items')[0]!;
        const { patch: _ignored, ...rest } = e;
        return { ...rest, filename: f.filename, status: f.status ?? 'modified', ...(f.patch !== undefined ? { patch: f.patch } : {}) };
      });
      const perPage = Number(req.query.per_page ?? 30);
      const page = Number(req.query.page ?? 1);
      const slice = all.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < all.length) {
        const next = `${mock.url}/repos/${req.params.owner}/${req.params.repo}/pulls/${req.params.pull_number}/files?per_page=${perPage}&page=${page + 1}`;
        headers.link = `<${next}>; rel="next"`;
      }
      return { status: 200, body: slice, headers };
    },
    'pulls/list-review-comments': () => {
      const base = example<Record<string, unknown>[]>('pull-request-review-comment-items')[0]!;
      // Left by an earlier run of the Action (github-actions[bot]).
      return { status: 200, body: (api.reviewComments ?? []).map((body, i) => ({ ...base, user: user('github-actions[bot]', true), id: 500 + i, body })) };
    },
    'pulls/create-review': () => {
      if (api.reviewStatus === 403) return { status: 403, body: forbidden };
      if (api.reviewStatus === 422) {
        return { status: 422, body: { message: 'Unprocessable Entity', errors: ['Line could not be resolved'], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request', status: '422' } };
      }
      return { status: 200, body: { ...example<Record<string, unknown>>('pull-request-review'), state: 'COMMENTED' } };
    },
    'issues/list-comments': () => {
      const base = example<Record<string, unknown>>('issue-comment');
      return { status: 200, body: (api.comments ?? []).map((c) => ({ ...base, id: c.id, body: c.body, user: user(c.bot ? 'github-actions[bot]' : 'bob', c.bot ?? false) })) };
    },
    'issues/create-comment': (req) => {
      if (api.commentStatus === 403) return { status: 403, body: forbidden };
      return { status: 201, body: { ...example<Record<string, unknown>>('issue-comment'), id: 900, body: (req.body as { body: string }).body }, headers: { location: 'https://api.github.com/repos/acme/dbconf/issues/comments/900' } };
    },
    'issues/update-comment': (req) => {
      if (api.commentStatus === 403) return { status: 403, body: forbidden };
      return { status: 200, body: { ...example<Record<string, unknown>>('issue-comment'), id: Number(req.params.comment_id), body: (req.body as { body: string }).body } };
    },
    'repos/get-content': (req) => {
      if (api.baseStatus === 403) return { status: 403, body: forbidden };
      const text = req.query.ref === BASE ? api.base?.[req.params.path!] : undefined;
      if (text === undefined || text === null) return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content' } };
      const name = req.params.path!.split('/').pop()!;
      const bytes = Buffer.from(text);
      return { status: 200, body: { ...example<Record<string, unknown>>('content-file'), name, path: req.params.path, size: bytes.length, encoding: 'base64', content: bytes.toString('base64') } };
    },
  };
}

const mocks: MockGitHub[] = [];
async function mockApi(api: Api): Promise<MockGitHub> {
  const m = await startMockGitHub(handlers(api));
  mocks.push(m);
  return m;
}
afterAll(async () => {
  for (const m of mocks) await m.close();
});

const calls = (m: MockGitHub, op: string): RecordedRequest[] => m.requests.filter((r) => r.operationId === op);
const annotations = (r: Run, kind?: string): Command[] => r.commands.filter((c) => (kind ? c.kind === kind : ['error', 'warning', 'notice'].includes(c.kind)));

function expectNoSecrets(r: Run, m?: MockGitHub): void {
  expect(r.stdout).not.toContain(TOKEN);
  expect(r.stderr).not.toContain(TOKEN);
  expect(r.summary).not.toContain(TOKEN);
  for (const req of m?.requests ?? []) {
    expect(req.url).not.toContain(TOKEN);
    expect(req.headers.authorization).toBe(`token ${TOKEN}`);
    expect(JSON.stringify(req.body ?? '')).not.toContain(TOKEN);
  }
}

const HBA = ['# TYPE  DATABASE  USER  ADDRESS        METHOD', 'local   all   all                  peer', 'host    all   all   127.0.0.1/32   scram-sha-256', OPEN_LINE, ''].join('\n');
const CONF = ['# server settings', "listen_addresses = 'localhost'", 'work_mem = 8mb', 'shared_buffers = 128MB', ''].join('\n');

beforeAll(() => {
  if (!existsSync(action)) throw new Error('dist/action.js is missing: run npm run build');
});

describe('the GitHub Action (dist/action.js) on a pull request', () => {
  test('a PR that opens pg_hba.conf to 0.0.0.0/0: annotation, review comment on that line, summary, SARIF, failing exit code', async () => {
    const api = await mockApi({
      files: [
        { filename: 'db/pg_hba.conf', patch: patchFor(HBA, [4]) },
        { filename: 'db/postgresql.conf', patch: patchFor(CONF, [3]) },
        { filename: 'README.md', patch: '@@ -1 +1 @@\n-a\n+b' },
      ],
    });
    const r = await runAction({
      files: { 'db/pg_hba.conf': HBA, 'db/postgresql.conf': CONF },
      inputs: { review: 'true', 'sarif-file': 'reports/pgconf-lint.sarif' },
      api,
    });
    expect(api.violations).toEqual([]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);

    // The annotation on the exact line of the record.
    const open = annotations(r, 'error').find((c) => c.props.title === OPEN_RULE);
    expect(open?.props).toMatchObject({ file: 'db/pg_hba.conf', line: '4', endLine: '4' });
    expect(open?.message).toMatch(/0\.0\.0\.0\/0/);
    expect(annotations(r, 'error').some((c) => c.props.title === 'invalid-value' && c.props.file === 'db/postgresql.conf' && c.props.line === '3')).toBe(true);
    // setFailed names the threshold, on one line.
    const failed = r.commands.find((c) => c.kind === 'error' && !c.props.file);
    expect(failed?.message).toMatch(/^pgconf-lint: \d+ findings? at or above fail-on: error/);

    // One review, on the head commit, with comments only on diff lines.
    const reviews = calls(api, 'pulls/create-review');
    expect(reviews).toHaveLength(1);
    const body = reviews[0]!.body as { commit_id: string; event: string; comments: { path: string; line: number; side: string; body: string }[] };
    expect(body).toMatchObject({ commit_id: HEAD, event: 'COMMENT' });
    const onOpen = body.comments.find((c) => c.body.includes(OPEN_RULE));
    expect(onOpen).toMatchObject({ path: 'db/pg_hba.conf', line: 4, side: 'RIGHT' });
    for (const c of body.comments) expect(c.side).toBe('RIGHT');
    // work_mem = 8mb gets a one-click suggestion.
    const workMem = body.comments.find((c) => c.path === 'db/postgresql.conf' && c.line === 3);
    expect(workMem?.body).toContain('```suggestion\nwork_mem = 8MB\n```');
    expect(calls(api, 'pulls/list-files')[0]!.query).toMatchObject({ per_page: '100' });

    // One summary comment with the marker, under GitHub's size cap.
    const created = calls(api, 'issues/create-comment');
    expect(created).toHaveLength(1);
    const comment = (created[0]!.body as { body: string }).body;
    expect(comment.startsWith('<!-- pgconf-lint -->')).toBe(true);
    expect(comment.length).toBeLessThan(65536);
    expect(comment).toContain(`[${OPEN_RULE}](https://github.com/pgconf-lint/pgconf-lint/blob/v${VERSION}/docs/rules/${OPEN_RULE}.md)`);

    // Job summary: the table with links to the rule docs and to the file at the head commit.
    expect(r.summary).toContain('| severity | location | rule | message |');
    expect(r.summary).toContain(`https://github.com/acme/dbconf/blob/${HEAD}/db/pg_hba.conf#L4`);
    expect(r.summary).toMatch(/Checked 2 files in 1 cluster \(PostgreSQL 18\)/);

    // Outputs and SARIF.
    expect(Number(r.outputs.errors)).toBeGreaterThanOrEqual(2);
    expect(r.outputs['sarif-file']).toBe('reports/pgconf-lint.sarif');
    const sarif = JSON.parse(readFileSync(join(r.workspace, 'reports/pgconf-lint.sarif'), 'utf8')) as {
      runs: { tool: { driver: { rules: { id: string; properties: Record<string, unknown> }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    expect(validateSarif(sarif)).toBe(true);
    const res = sarif.runs[0]!.results.find((x) => x.ruleId === OPEN_RULE);
    expect(res?.locations[0]!.physicalLocation).toMatchObject({ artifactLocation: { uri: 'db/pg_hba.conf' }, region: { startLine: 4 } });
    const openRule = sarif.runs[0]!.tool.driver.rules.find((x) => x.id === 'hba-open-to-world');
    expect(openRule?.properties['security-severity']).toBe('8.0');
    expectNoSecrets(r, api);
  });

  test('a fork PR (read-only token, 403): annotations, no errors from commenting, exit code by fail-on only', async () => {
    const api = await mockApi({ files: [{ filename: 'db/pg_hba.conf', patch: patchFor(HBA, [4]) }], reviewStatus: 403, commentStatus: 403 });
    const files = { 'db/pg_hba.conf': HBA, 'db/postgresql.conf': CONF };
    const r = await runAction({ files, inputs: { review: 'true', 'fail-on': 'never' }, event: pullRequestEvent({ fork: true }), api });
    expect(api.violations).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(annotations(r, 'error').some((c) => c.props.title === OPEN_RULE && c.props.line === '4')).toBe(true);
    // Nothing about the 403 is an error or a warning annotation: it is expected on forks.
    expect(r.commands.filter((c) => (c.kind === 'error' || c.kind === 'warning') && !c.props.file)).toEqual([]);
    expect(r.stdout).toMatch(/comes from a fork/);
    expect(calls(api, 'pulls/create-review')).toHaveLength(1);
    expect(r.summary).toContain(OPEN_RULE);
    expectNoSecrets(r, api);

    const failing = await runAction({ files, inputs: { review: 'true', 'fail-on': 'error' }, event: pullRequestEvent({ fork: true }), api });
    expect(failing.code).toBe(1);
    expect(failing.commands.filter((c) => c.kind === 'error' && !c.props.file).map((c) => c.message)).toEqual([expect.stringMatching(/at or above fail-on: error/)]);
  });

  test('a 403 on a same-repository PR and a 422 on the review fall back to annotations with a warning', async () => {
    const api = await mockApi({ files: [{ filename: 'db/pg_hba.conf', patch: patchFor(HBA, [4]) }], reviewStatus: 422 });
    const r = await runAction({ files: { 'db/pg_hba.conf': HBA }, inputs: { review: 'true', 'fail-on': 'never' }, api });
    expect(api.violations).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.commands.filter((c) => c.kind === 'warning' && !c.props.file).map((c) => c.message)).toEqual([
      // Every comment is rejected (the mock answers 422 to any review): each is tried alone, and named.
      expect.stringMatching(/GitHub rejected \d+ inline comments? \(HTTP 422.*left out: db\/pg_hba\.conf:4 .*; the annotations and the job summary still carry every finding/),
    ]);
    expect(annotations(r, 'error').some((c) => c.props.title === OPEN_RULE)).toBe(true);
    // The summary comment is independent of the review and still posted.
    expect(calls(api, 'issues/create-comment')).toHaveLength(1);

    const denied = await mockApi({ files: [{ filename: 'db/pg_hba.conf', patch: patchFor(HBA, [4]) }], reviewStatus: 403, commentStatus: 403 });
    const d = await runAction({ files: { 'db/pg_hba.conf': HBA }, inputs: { review: 'true' }, api: denied });
    expect(d.code).toBe(1); // by the findings, not by the failed calls
    const warnings = d.commands.filter((c) => c.kind === 'warning' && !c.props.file).map((c) => c.message);
    expect(warnings).toHaveLength(2);
    for (const w of warnings) expect(w).toMatch(/HTTP 403.*pull-requests: write/);
    expectNoSecrets(d, denied);
  });

  test('the summary comment is updated in place when one exists (found by its marker)', async () => {
    const api = await mockApi({
      files: [{ filename: 'db/pg_hba.conf', patch: patchFor(HBA, [4]) }],
      comments: [
        { id: 41, body: 'LGTM' },
        { id: 42, body: '<!-- pgconf-lint -->\n## pgconf-lint\nold', bot: true },
      ],
    });
    const r = await runAction({ files: { 'db/pg_hba.conf': HBA }, inputs: { review: 'true' }, api });
    expect(api.violations).toEqual([]);
    expect(calls(api, 'issues/create-comment')).toHaveLength(0);
    const updates = calls(api, 'issues/update-comment');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.params.comment_id).toBe('42');
    expect((updates[0]!.body as { body: string }).body).toContain(OPEN_RULE);
    expect(r.code).toBe(1);
  });

  test('comments already left by an earlier run are not posted again', async () => {
    const first = await mockApi({ files: [{ filename: 'db/pg_hba.conf', patch: patchFor(HBA, [4]) }] });
    await runAction({ files: { 'db/pg_hba.conf': HBA }, inputs: { review: 'true' }, api: first });
    const posted = (calls(first, 'pulls/create-review')[0]!.body as { comments: { body: string }[] }).comments.map((c) => c.body);
    expect(posted.length).toBeGreaterThan(0);
    // The next push: one blank line more above the record; the same findings, shifted by one line.
    const shifted = '\n' + HBA;
    const second = await mockApi({ files: [{ filename: 'db/pg_hba.conf', patch: patchFor(shifted, [1, 5]) }], reviewComments: posted });
    await runAction({ files: { 'db/pg_hba.conf': shifted }, inputs: { review: 'true' }, api: second });
    expect(second.violations).toEqual([]);
    expect(calls(second, 'pulls/create-review')).toHaveLength(0);
  });

  test('only-changed reports the findings new in the pull request; outputs and exit code follow', async () => {
    // The PR adds line 3 (work_mem = 8mb); the base had the rest. pg_hba.conf is unchanged.
    const baseConf = CONF.split('\n').filter((_, i) => i !== 2).join('\n');
    const api = await mockApi({ files: [{ filename: 'db/postgresql.conf', patch: patchFor(CONF, [3]) }], base: { 'db/postgresql.conf': baseConf } });
    const r = await runAction({ files: { 'db/pg_hba.conf': HBA, 'db/postgresql.conf': CONF }, inputs: { 'only-changed': 'true' }, api });
    expect(api.violations).toEqual([]);
    const files = annotations(r).filter((c) => c.props.file).map((c) => `${c.props.file}:${c.props.line}:${c.props.title}`);
    // Only the new finding; everything the base already had (the open pg_hba record included) is not reported.
    expect(files).toEqual(['db/postgresql.conf:3:invalid-value']);
    expect(r.outputs.errors).toBe('1');
    expect(r.code).toBe(1);
    expect(r.summary).toMatch(/Only findings new in this pull request are reported, wherever they are \(\d+ findings? already in the base revision bbbbbbb (is|are) not\)/);
    // No review was asked for: the file list, and the one changed file the base lint reads, at the base commit.
    expect(api.requests.map((q) => q.operationId)).toEqual(['pulls/list-files', 'repos/get-content']);
    expect(calls(api, 'repos/get-content')[0]).toMatchObject({ params: { path: 'db/postgresql.conf' }, query: { ref: BASE } });
    expectNoSecrets(r, api);

    // The PR changes only a comment: nothing is new, exit 0.
    const commented = CONF.replace('# server settings', '# server settings (tuned)');
    const quiet = await mockApi({ files: [{ filename: 'db/postgresql.conf', patch: patchFor(commented, [1]) }], base: { 'db/postgresql.conf': CONF } });
    const q = await runAction({ files: { 'db/pg_hba.conf': HBA, 'db/postgresql.conf': commented }, inputs: { 'only-changed': 'true' }, api: quiet });
    expect(quiet.violations).toEqual([]);
    expect(q.code).toBe(0);
    expect(annotations(q).filter((c) => c.props.file)).toEqual([]);
    expect(q.outputs).toMatchObject({ errors: '0' });
  });

  test('only-changed: a PR that only deletes lines cannot open the gate', async () => {
    // Deleting `fsync = on` (which overrode fsync = off) and the reject record above an open one:
    // both findings land on lines the PR did not touch.
    const conf = 'fsync = off\nshared_buffers = 128MB\n';
    const hba = 'local all all peer\nhost all all 0.0.0.0/0 scram-sha-256\n';
    const api = await mockApi({
      files: [
        { filename: 'db/postgresql.conf', patch: '@@ -1,3 +1,2 @@\n fsync = off\n shared_buffers = 128MB\n-fsync = on' },
        { filename: 'db/pg_hba.conf', patch: '@@ -1,3 +1,2 @@\n local all all peer\n-host all all 0.0.0.0/0 reject\n host all all 0.0.0.0/0 scram-sha-256' },
      ],
      base: { 'db/postgresql.conf': conf + 'fsync = on\n', 'db/pg_hba.conf': 'local all all peer\nhost all all 0.0.0.0/0 reject\nhost all all 0.0.0.0/0 scram-sha-256\n' },
    });
    const r = await runAction({ files: { 'db/postgresql.conf': conf, 'db/pg_hba.conf': hba }, inputs: { 'only-changed': 'true', review: 'true' }, api });
    expect(api.violations).toEqual([]);
    expect(r.code).toBe(1);
    const got = annotations(r).filter((c) => c.props.file).map((c) => `${c.props.file}:${c.props.line}:${c.props.title}`);
    expect(got).toContain('db/postgresql.conf:1:fsync-off');
    expect(got).toContain('db/pg_hba.conf:2:hba-open-to-world');
    // The new findings are in the summary comment too (they are not on a diff line: no inline comment).
    const comment = (calls(api, 'issues/create-comment')[0]!.body as { body: string }).body;
    expect(comment).toContain('fsync-off');
  });

  test('only-changed: when the base revision cannot be read, every finding is reported', async () => {
    const api = await mockApi({ files: [{ filename: 'db/postgresql.conf', patch: patchFor(CONF, [3]) }], baseStatus: 403 });
    const r = await runAction({ files: { 'db/pg_hba.conf': HBA, 'db/postgresql.conf': CONF }, inputs: { 'only-changed': 'true' }, api });
    expect(api.violations).toEqual([]);
    expect(r.commands.some((c) => c.kind === 'warning' && /could not read the base revision .*reporting every finding/.test(c.message))).toBe(true);
    expect(annotations(r, 'error').some((c) => c.props.file === 'db/pg_hba.conf' && c.props.title === OPEN_RULE)).toBe(true);
    expect(r.code).toBe(1);
  });

  describe('the access and settings diff against the base revision (pr-diff)', () => {
    // The PR turns the reject below the office network into md5 and doubles shared_buffers: access
    // widens for every IPv4 client the server listens to, and the new value needs a restart.
    const baseHba = 'local all all peer\nhost all all 10.0.0.0/8 scram-sha-256\nhost all all 0.0.0.0/0 reject\n';
    const headHba = 'local all all peer\nhost all all 10.0.0.0/8 scram-sha-256\nhost all all 0.0.0.0/0 md5\n';
    const baseConf = "listen_addresses = '*'\nshared_buffers = 1GB\n";
    const headConf = "listen_addresses = '*'\nshared_buffers = 2GB\n";
    const changed = [
      { filename: 'db/pg_hba.conf', patch: '@@ -3 +3 @@\n-host all all 0.0.0.0/0 reject\n+host all all 0.0.0.0/0 md5' },
      { filename: 'db/postgresql.conf', patch: '@@ -2 +2 @@\n-shared_buffers = 1GB\n+shared_buffers = 2GB' },
    ];
    const files = { 'db/pg_hba.conf': headHba, 'db/postgresql.conf': headConf };

    test('the job summary and the summary comment show Access changes and Settings changes (restart needed); outputs say so', async () => {
      const api = await mockApi({ files: changed, base: { 'db/pg_hba.conf': baseHba, 'db/postgresql.conf': baseConf } });
      const r = await runAction({ files, inputs: { review: 'true', 'fail-on': 'never' }, api });
      expect(api.violations).toEqual([]);
      expect(r.outputs['access-widened']).toBe('true');
      expect(r.outputs['restart-needed']).toBe('true');
      expect(r.code).toBe(0);
      for (const md of [r.summary, (calls(api, 'issues/create-comment')[0]!.body as { body: string }).body]) {
        expect(md).toContain('### Access changes');
        expect(md).toMatch(/\| ⚠️ widened \| Now accepted: any user \(all\) to any database \(all\) from 0\.0\.0\.0\/0 except 10\.0\.0\.0\/8, over TCP without SSL or with GSS encryption \| with md5 \(db\/pg\\_hba\.conf:3\) \| refused by reject \(db\/pg\\_hba\.conf:3\) \|/);
        expect(md).toContain('### Settings changes (restart needed)');
        expect(md).toContain('| shared\\_buffers | 1GB | 2GB | **restart needed** | db/postgresql.conf:2 |');
      }
      // The base files were read once each, at the base commit, for both only-changed-free runs.
      expect(calls(api, 'repos/get-content').map((q) => [q.params.path, q.query.ref]).sort()).toEqual([
        ['db/pg_hba.conf', BASE],
        ['db/postgresql.conf', BASE],
      ]);
      expectNoSecrets(r, api);
    });

    test('fail-on-access-widening fails the step when access widens, not when it narrows', async () => {
      const api = await mockApi({ files: changed, base: { 'db/pg_hba.conf': baseHba, 'db/postgresql.conf': baseConf } });
      const r = await runAction({ files, inputs: { 'fail-on': 'never', 'fail-on-access-widening': 'true' }, api });
      expect(api.violations).toEqual([]);
      expect(r.code).toBe(1);
      expect(r.commands.some((c) => c.kind === 'error' && /widens who can connect/.test(c.message))).toBe(true);
      // The reverse pull request narrows access: the step passes.
      const back = await mockApi({ files: changed, base: { 'db/pg_hba.conf': headHba, 'db/postgresql.conf': headConf } });
      const n = await runAction({ files: { 'db/pg_hba.conf': baseHba, 'db/postgresql.conf': baseConf }, inputs: { 'fail-on': 'never', 'fail-on-access-widening': 'true' }, api: back });
      expect(n.code).toBe(0);
      expect(n.outputs['access-widened']).toBe('false');
      expect(n.summary).toContain('No longer accepted');
    });

    test('a base revision that cannot be read: a warning, empty outputs, and fail-on-access-widening fails closed', async () => {
      const api = await mockApi({ files: changed, baseStatus: 403 });
      const r = await runAction({ files, inputs: { 'fail-on': 'never' }, api });
      expect(r.code).toBe(0);
      expect(r.commands.some((c) => c.kind === 'warning' && /could not read the base revision .*no access or settings changes are shown/.test(c.message))).toBe(true);
      expect(r.outputs['access-widened']).toBe('');
      expect(r.summary).not.toContain('Access changes');
      const strict = await mockApi({ files: changed, baseStatus: 403 });
      const s2 = await runAction({ files, inputs: { 'fail-on': 'never', 'fail-on-access-widening': 'true' }, api: strict });
      expect(s2.code).toBe(1);
      expect(s2.commands.some((c) => c.kind === 'error' && /access diff could not be computed/.test(c.message))).toBe(true);
    });

    test('pr-diff: false reads nothing from the base revision', async () => {
      const api = await mockApi({ files: changed, base: { 'db/pg_hba.conf': baseHba, 'db/postgresql.conf': baseConf } });
      const r = await runAction({ files, inputs: { 'fail-on': 'never', 'pr-diff': 'false' }, api });
      expect(api.requests).toEqual([]);
      expect(r.outputs['access-widened']).toBe('');
      expect(r.summary).not.toContain('Access changes');
    });
  });

  test('the PR file list is paginated', async () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ filename: `docs/f${i}.md`, patch: '@@ -0,0 +1 @@\n+x' }));
    const api = await mockApi({ files: [...many, { filename: 'db/postgresql.conf', patch: patchFor(CONF, [3]) }], base: { 'db/postgresql.conf': CONF.split('\n').filter((_, i) => i !== 2).join('\n') } });
    const r = await runAction({ files: { 'db/pg_hba.conf': HBA, 'db/postgresql.conf': CONF }, inputs: { 'only-changed': 'true' }, api });
    expect(api.violations).toEqual([]);
    expect(calls(api, 'pulls/list-files').map((q) => q.query.page ?? '1')).toEqual(['1', '2']);
    expect(annotations(r).filter((c) => c.props.file).map((c) => c.props.title)).toEqual(['invalid-value']);
  });

  test('annotations stay within GitHub limits: 10 per kind, most severe first, then one notice about the rest', async () => {
    const files: Record<string, string> = {
      '.pgconf-lint.yml': 'rules:\n  invalid-value: info\n',
    };
    for (let i = 0; i < 14; i++) {
      files[`c${String(i).padStart(2, '0')}/postgresql.conf`] = 'shared_buffer = 1\nmax_connections = 10\nmax_connections = 20\nwork_mem = 8mb\n';
    }
    const r = await runAction({ files, eventName: 'push', event: { ref: 'refs/heads/main' } });
    expect(r.code).toBe(1);
    const errors = annotations(r, 'error');
    const warnings = annotations(r, 'warning');
    const notices = annotations(r, 'notice');
    // 14 unknown-setting errors: 9 annotated + the setFailed message; 14 duplicates: 10; 14 infos: 9 + the notice.
    expect(errors.filter((c) => c.props.file)).toHaveLength(9);
    expect(errors.filter((c) => c.props.title === 'unknown-setting')).toHaveLength(9);
    expect(errors).toHaveLength(10);
    expect(warnings).toHaveLength(10);
    expect(notices).toHaveLength(10);
    const left = notices.filter((c) => !c.props.file);
    expect(left).toHaveLength(1);
    expect(left[0]!.message).toMatch(/^\d+ more findings not annotated .* the job summary lists all 42\.$/);
    expect(Number(/^(\d+)/.exec(left[0]!.message)![1])).toBe(42 - 9 - 10 - 9);
    // The first ones by location within each kind.
    expect(errors[0]!.props).toMatchObject({ file: 'c00/postgresql.conf', line: '1' });
    // The summary has all of them, collapsed per cluster only when long.
    expect(r.summary.match(/\| \[unknown-setting\]/g)).toHaveLength(14);
    expect(r.summary.match(/\| \[invalid-value\]/g)).toHaveLength(14);
  });

  test('values from files cannot inject workflow commands, markdown, HTML or mentions', async () => {
    // Messages quote at most 80 characters of a value: the payloads are split over two lines so
    // that each lies inside what is quoted (only line 1 is in the diff, for the review comment).
    const evil = "wal_level = '<script>alert(1)</script> @acme/admins ![x](http://evil/p) [y](https://evil)'\nsynchronous_commit = '100% ::error::pwned\\n::set-output name=x::y'\n";
    const dir = 'x\n::warning file=a::injected';
    const files = { 'db/postgresql.conf': evil, [`${dir}/postgresql.conf`]: 'work_mem = 8mb\n' };
    const api = await mockApi({ files: [{ filename: 'db/postgresql.conf', patch: `@@ -0,0 +1,1 @@\n+${evil.split('\n')[0]}` }] });
    const r = await runAction({ files, inputs: { review: 'true' }, api });
    expect(api.violations).toEqual([]);
    expect(r.code).toBe(1);
    // Every line the runner would read as a command is one of ours.
    const commandLines = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    for (const l of commandLines) expect(l).toMatch(/^::(error|warning|notice|debug|add-mask|group|endgroup)( [^:]*)?::/);
    expect(r.stdout).not.toMatch(/^::set-output/m);
    expect(r.stdout).not.toMatch(/^::error::pwned/m);
    expect(r.stdout).not.toMatch(/^::warning file=a/m);
    const value = annotations(r, 'error').filter((c) => c.props.file === 'db/postgresql.conf').map((c) => c.message).join('\n');
    expect(value).toContain('100% ::error::pwned\n::set-output');
    expect(r.stdout).toContain('100%25 ::error::pwned%0A::set-output');
    // The odd directory name stays one property value.
    const odd = annotations(r, 'error').find((c) => c.props.file?.startsWith('x\n'));
    expect(odd?.props.file).toBe(`${dir}/postgresql.conf`);

    const bodies = [
      r.summary,
      ...calls(api, 'issues/create-comment').map((q) => (q.body as { body: string }).body),
      ...calls(api, 'pulls/create-review').flatMap((q) => (q.body as { comments: { body: string }[] }).comments.map((c) => c.body)),
    ];
    expect(bodies.length).toBeGreaterThanOrEqual(3);
    for (const b of bodies) {
      expect(b).not.toContain('<script>');
      expect(b).toContain('&lt;script&gt;');
      expect(b).not.toMatch(/@acme\/admins/);
      expect(b).toContain('@\u200dacme/admins');
      expect(b).not.toContain('![x](');
      expect(b).not.toContain('[y](https://');
      expect(b).not.toMatch(/https?:\/\/evil/);
      expect(b).not.toMatch(/\n::/);
    }
    expectNoSecrets(r, api);
  });

  test('bad input fails the step with one clear line', async () => {
    const r = await runAction({ files: { 'postgresql.conf': 'work_mem = 8MB\n' }, inputs: { 'fail-on': 'sometimes' } });
    expect(r.code).toBe(1);
    expect(r.commands).toEqual([{ kind: 'error', props: {}, message: 'pgconf-lint: input fail-on must be error, warning, info or never, not "sometimes"' }]);
    const v = await runAction({ files: { 'postgresql.conf': 'work_mem = 8MB\n' }, inputs: { 'pg-version': '9.6' } });
    expect(v.commands.map((c) => c.message)).toEqual([expect.stringMatching(/^pgconf-lint: input pg-version "9.6" is not supported; use one of 10, .*18$/)]);
    const p = await runAction({ files: { 'postgresql.conf': 'work_mem = 8MB\n' }, inputs: { paths: 'db\nmissing' } });
    expect(p.commands.map((c) => c.message)).toEqual([expect.stringMatching(/^pgconf-lint: input paths: .*no such file or directory/)]);
    const b = await runAction({ files: { 'postgresql.conf': 'work_mem = 8MB\n' }, inputs: { review: 'yes' } });
    expect(b.commands.map((c) => c.message)).toEqual(['pgconf-lint: input review must be true or false, not "yes"']);
  });

  test('outside a pull request, review and only-changed make no API calls; a clean tree passes', async () => {
    const api = await mockApi({});
    const r = await runAction({ files: { 'db/postgresql.conf': 'work_mem = 8MB\n' }, inputs: { review: 'true', 'only-changed': 'true' }, eventName: 'push', event: { ref: 'refs/heads/main' }, api });
    expect(r.code).toBe(0);
    expect(api.requests).toEqual([]);
    expect(r.stdout).toMatch(/not a pull_request event/);
    expect(r.outputs).toMatchObject({ errors: '0', warnings: '0', infos: '0', 'sarif-file': '' });
    expect(r.summary).toMatch(/No problems found/);
  });
});

describe('the Action never writes through a link the pull request planted', () => {
  test('sarif-file is a symlink to a file outside the workspace (~/.gitconfig): the link is replaced, the file is unchanged', async () => {
    const home = makeTree({ '.gitconfig': '[credential]\n\thelper = store\n', 'other': 'x' });
    const before = readFileSync(join(home, '.gitconfig'), 'utf8');
    const r = await runAction({
      files: { 'db/pg_hba.conf': HBA },
      inputs: { 'sarif-file': 'pgconf-lint.sarif', 'fail-on': 'never' },
      eventName: 'push',
      event: { ref: 'refs/heads/main' },
      prepare: (ws) => {
        symlinkSync(join(home, '.gitconfig'), join(ws, 'pgconf-lint.sarif'));
        mkdirSync(join(ws, 'out'));
        symlinkSync(join(home, 'not-there-yet'), join(ws, 'out', 'dangling.sarif'));
      },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(readFileSync(join(home, '.gitconfig'), 'utf8')).toBe(before);
    expect(lstatSync(join(r.workspace, 'pgconf-lint.sarif')).isSymbolicLink()).toBe(false);
    const sarif = JSON.parse(readFileSync(join(r.workspace, 'pgconf-lint.sarif'), 'utf8')) as Record<string, unknown>;
    expect(validateSarif(sarif)).toBe(true);
    expect(r.outputs['sarif-file']).toBe('pgconf-lint.sarif');

    // A dangling link: its target is not created.
    const d = await runAction({
      files: { 'db/pg_hba.conf': HBA },
      inputs: { 'sarif-file': 'out/dangling.sarif', 'fail-on': 'never' },
      eventName: 'push',
      event: { ref: 'refs/heads/main' },
      prepare: (ws) => {
        mkdirSync(join(ws, 'out'));
        symlinkSync(join(home, 'not-there-yet'), join(ws, 'out', 'dangling.sarif'));
      },
    });
    expect(d.code).toBe(0);
    expect(readdirSync(home).sort()).toEqual(['.gitconfig', 'other']);
    expect(readFileSync(join(d.workspace, 'out', 'dangling.sarif'), 'utf8')).toContain('db/pg_hba.conf');
  });

  test('a parent of sarif-file is a symlink to a directory outside, or the path leaves the workspace: refused with one line, findings still reported', async () => {
    const outside = makeTree({ 'keep': 'x\n' });
    const cases: [string, string][] = [
      ['reports/pgconf-lint.sarif', 'its parent directory reports is a symbolic link; output is never written through a link'],
      ['real/link/deeper/pgconf-lint.sarif', 'its parent directory real/link is a symbolic link; output is never written through a link'],
      [join(outside, 'abs.sarif'), 'outside GITHUB_WORKSPACE and RUNNER_TEMP; output files are written only there'],
      ['../escape.sarif', 'outside GITHUB_WORKSPACE and RUNNER_TEMP; output files are written only there'],
    ];
    for (const [sarifFile, why] of cases) {
      const r = await runAction({
        files: { 'db/pg_hba.conf': HBA, 'real/x': '' },
        inputs: { 'sarif-file': sarifFile, 'fail-on': 'never' },
        eventName: 'push',
        event: { ref: 'refs/heads/main' },
        prepare: (ws) => {
          symlinkSync(outside, join(ws, 'reports'));
          symlinkSync(outside, join(ws, 'real', 'link'));
        },
      });
      expect(readdirSync(outside)).toEqual(['keep']);
      expect(existsSync(join(r.workspace, '..', 'escape.sarif'))).toBe(false);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('');
      const failures = r.commands.filter((c) => c.kind === 'error' && !c.props.file).map((c) => c.message);
      expect(failures).toEqual([`pgconf-lint: sarif-file ${sarifFile} was not written: ${why}`]);
      expect(r.outputs['sarif-file']).toBe('');
      // The findings were reported anyway.
      expect(annotations(r, 'error').some((c) => c.props.file === 'db/pg_hba.conf' && c.props.title === OPEN_RULE)).toBe(true);
      expect(r.summary).toContain(OPEN_RULE);
    }
  });
});

describe('paths are named as the pull request names them, whatever the checkout path', () => {
  test('repository checked out at repo/ (actions/checkout path: repo), paths: repo/db: annotations, SARIF, summary and review use db/…', async () => {
    const api = await mockApi({ files: [{ filename: 'db/pg_hba.conf', patch: patchFor(HBA, [4]) }] });
    const r = await runAction({
      files: { 'repo/.git/HEAD': 'ref: refs/heads/change\n', 'repo/db/pg_hba.conf': HBA, 'repo/db/postgresql.conf': CONF },
      inputs: { paths: 'repo/db', review: 'true', 'only-changed': 'true', 'sarif-file': 'pgconf-lint.sarif' },
      api,
    });
    expect(api.violations).toEqual([]);
    expect(r.stderr).toBe('');
    // The PR's new finding is reported and fails the check (before: nothing matched, exit 0).
    expect(r.code).toBe(1);
    const open = annotations(r, 'error').find((c) => c.props.title === OPEN_RULE);
    expect(open?.props).toMatchObject({ file: 'db/pg_hba.conf', line: '4' });
    for (const a of annotations(r).filter((c) => c.props.file)) expect(a.props.file).toMatch(/^db\//);
    // Review comments land on the PR's own file names and lines.
    const reviews = calls(api, 'pulls/create-review');
    expect(reviews).toHaveLength(1);
    const comments = (reviews[0]!.body as { comments: { path: string; line: number }[] }).comments;
    expect(comments).toContainEqual(expect.objectContaining({ path: 'db/pg_hba.conf', line: 4 }));
    for (const c of comments) expect(c.path).toMatch(/^db\//);
    // Summary links point at the file in the repository; no repo/ prefix anywhere.
    expect(r.summary).toContain(`https://github.com/acme/dbconf/blob/${HEAD}/db/pg_hba.conf#L4`);
    expect(r.summary).not.toContain('repo/db');
    const comment = (calls(api, 'issues/create-comment')[0]!.body as { body: string }).body;
    expect(comment).not.toContain('repo/db');
    // SARIF: written in the workspace, URIs relative to the repository.
    const sarif = JSON.parse(readFileSync(join(r.workspace, 'pgconf-lint.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('db/pg_hba.conf');
    for (const u of uris) expect(u).toMatch(/^db\//);
    // Names line up: no warning about prefixes.
    expect(r.commands.filter((c) => c.kind === 'warning' && !c.props.file)).toEqual([]);
  });

  test('checked names that cannot match the PR\'s (no repository marker) give a warning instead of a silent pass', async () => {
    const api = await mockApi({ files: [{ filename: 'db/pg_hba.conf', patch: patchFor(HBA, [4]) }] });
    const r = await runAction({
      files: { 'repo/db/pg_hba.conf': HBA },
      inputs: { paths: 'repo/db', 'only-changed': 'true' },
      api,
    });
    expect(api.violations).toEqual([]);
    const warnings = r.commands.filter((c) => c.kind === 'warning' && !c.props.file).map((c) => c.message);
    expect(warnings).toContainEqual(
      expect.stringMatching(/^pgconf-lint: none of the checked files is among the files this pull request changes, yet it changes db\/pg_hba\.conf and repo\/db\/pg_hba\.conf was checked \(paths relative to GITHUB_WORKSPACE\); check the paths input and the checkout path/),
    );
  });
});

describe('the mock GitHub API checks requests against the OpenAPI description', () => {
  test('a request GitHub would reject is recorded as a violation', async () => {
    const api = await mockApi({ files: [] });
    const post = (path: string, body: unknown, method = 'POST'): Promise<Response> =>
      fetch(api.url + path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await post('/repos/acme/dbconf/pulls/7/reviews', { event: 'COMMENT', body: 'x', comments: [{ line: 3, side: 'RIGHT', body: 'no path' }] });
    await post('/repos/acme/dbconf/pulls/7/reviews', { event: 'SHOUT', body: 'x' });
    await fetch(api.url + '/repos/acme/dbconf/pulls/7/files?per_page=many&sort=name');
    await post('/repos/acme/dbconf/issues/7/comments', { text: 'wrong field' });
    await fetch(api.url + '/repos/acme/dbconf/pulls/seven/files');
    await post('/repos/acme/dbconf/pulls/7/review', {});
    expect(api.violations).toEqual([
      expect.stringMatching(/pulls\/create-review.*body: \/comments\/0 must have required property 'path'/),
      expect.stringMatching(/pulls\/create-review.*body: \/event must be equal to one of the allowed values/),
      expect.stringMatching(/pulls\/list-files.*query parameter per_page=many: \/ must be integer/),
      expect.stringMatching(/pulls\/list-files.*undeclared query parameter sort/),
      expect.stringMatching(/issues\/create-comment.*body: \/ must have required property 'body'/),
      expect.stringMatching(/pulls\/list-files.*path parameter pull_number=seven: \/ must be integer/),
      expect.stringMatching(/POST \/repos\/acme\/dbconf\/pulls\/7\/review: no such operation/),
    ]);
  });

  test('a canned response that does not match GitHub\'s schema is a violation too', async () => {
    const api = await startMockGitHub({ 'issues/list-comments': () => ({ status: 200, body: [{ id: 'one', body: 1 }] }) });
    mocks.push(api);
    await fetch(api.url + '/repos/acme/dbconf/issues/7/comments');
    expect(api.violations).toEqual([expect.stringMatching(/issues\/list-comments.*canned 200 response: \/0 must have required property/)]);
  });
});

describe('bundles', () => {
  test('the CLI bundle (dist/cli-main.cjs) contains no @actions code; dist/action.js (with its chunks) does', () => {
    const cli = readFileSync(join(repo, 'dist', 'cli-main.cjs'), 'utf8');
    expect(cli).not.toMatch(/@actions\/(core|github|http-client)/);
    expect(cli).not.toContain('GITHUB_STEP_SUMMARY');
    expect(cli).not.toContain('getOctokit');
    // The GitHub API client is a chunk of its own, loaded only when a pull request needs the API.
    const chunks = readdirSync(join(repo, 'dist')).filter((f) => /^action-chunk-[A-Z0-9]+\.js$/.test(f));
    const act = ['action.js', ...chunks].map((f) => readFileSync(join(repo, 'dist', f), 'utf8')).join('\n');
    expect(act).toContain('GITHUB_STEP_SUMMARY');
    expect(act).toContain('getOctokit');
  });

  test('action.yml declares node24, dist/action.js and the documented inputs/outputs', async () => {
    const { parse } = await import('yaml');
    const meta = parse(readFileSync(join(repo, 'action.yml'), 'utf8')) as { runs: Record<string, string>; inputs: Record<string, { default?: string }>; outputs: Record<string, unknown> };
    expect(meta.runs).toEqual({ using: 'node24', main: 'dist/action.js' });
    expect(Object.keys(meta.inputs).sort()).toEqual(['allow-empty', 'api-budget', 'api-timeout', 'config', 'fail-on', 'fail-on-access-widening', 'github-token', 'only-changed', 'paths', 'pg-version', 'pr-diff', 'profile', 'review', 'sarif-file', 'token-login']);
    expect(meta.inputs['pr-diff']!.default).toBe('true');
    expect(meta.inputs['fail-on-access-widening']!.default).toBe('false');
    expect(meta.inputs['api-timeout']!.default).toBe('30');
    expect(meta.inputs['api-budget']!.default).toBe('120');
    expect(meta.inputs['github-token']!.default).toBe('${{ github.token }}');
    expect(meta.inputs['fail-on']!.default).toBe('error');
    expect(Object.keys(meta.outputs).sort()).toEqual(['access-widened', 'errors', 'infos', 'restart-needed', 'sarif-file', 'warnings']);
  });
});
