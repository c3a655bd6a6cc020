import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { askedWait, isRateLimit, MAX_REVIEW_CALLS, postReview, type Octokit, type PullRequest, type ReviewComment } from '../src/action/github-api.js';
import { ACTION, fileAnnotations, ownWarnings, patchFor, runAction, TOKEN, type Run } from './support/action-run.js';
import { cleanupFixtures } from './support/fixture.js';
import { example, HANG, startMockGitHub, type Handler, type MockGitHub, type MockReply, type RecordedRequest } from './support/github-mock.js';

/**
 * The Action's GitHub API work under a hostile or failing API: hangs, server errors, rate limits,
 * a rejected inline comment, and comments by other people that carry pgconf-lint's markers. Each
 * test runs the bundle (dist/action.js: `npm run build` first) against the mock API, which checks
 * every request against GitHub's OpenAPI description. Small api-timeout / api-budget inputs keep
 * the runs short; a run that hangs is killed (runAction's killAfterMs) and fails the assertions.
 */

afterAll(cleanupFixtures);
beforeAll(() => {
  if (!existsSync(ACTION)) throw new Error('dist/action.js is missing: run npm run build');
});

const CONF = ['# server settings', "listen_addresses = 'localhost'", 'work_mem = 8mb', 'shared_buffer = 1', ''].join('\n');
const FILES = { 'db/postgresql.conf': CONF };
const CHANGED = [{ filename: 'db/postgresql.conf', patch: patchFor(CONF, [3, 4]) }];

interface Author {
  login: string;
  type: 'User' | 'Bot';
}
const MALLORY: Author = { login: 'mallory', type: 'User' };
const ACTIONS_BOT: Author = { login: 'github-actions[bot]', type: 'Bot' };

interface Scenario {
  files?: { filename: string; patch?: string }[];
  /** GET /user: this identity (a personal access token); default: 403, as for GITHUB_TOKEN. */
  me?: Author;
  comments?: { id: number; body: string; by: Author }[];
  reviewComments?: { body: string; by: Author }[];
  /** Per operation, answers given before the normal one (one per call). */
  first?: Record<string, (MockReply | typeof HANG)[]>;
  /** Per operation, the answer to every call. */
  always?: Record<string, MockReply | typeof HANG>;
  /** createReview answers 422 when one of its comments is on one of these `path:line`. */
  rejectLines?: string[];
}

interface Posted {
  path: string;
  line: number;
  body: string;
}

interface Mock extends MockGitHub {
  /** Inline comments of the reviews GitHub accepted. */
  accepted: Posted[];
}

function withUser<T extends Record<string, unknown>>(base: T, by: Author): T {
  const user = base.user as Record<string, unknown>;
  return { ...base, user: { ...user, login: by.login, type: by.type } };
}

const FORBIDDEN = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' };

function handlers(s: Scenario, accepted: Posted[]): Record<string, Handler> {
  const normal: Record<string, Handler> = {
    'users/get-authenticated': () => (s.me ? { status: 200, body: { ...example<Record<string, unknown>>('private-user'), login: s.me.login, type: s.me.type } } : { status: 403, body: FORBIDDEN }),
    'pulls/list-files': () => {
      const e = example<Record<string, unknown>[]>('diff-entry-items')[0]!;
      const { patch: _ignored, ...rest } = e;
      return { status: 200, body: (s.files ?? CHANGED).map((f) => ({ ...rest, filename: f.filename, status: 'modified', ...(f.patch !== undefined ? { patch: f.patch } : {}) })) };
    },
    'pulls/list-review-comments': () => {
      const base = example<Record<string, unknown>[]>('pull-request-review-comment-items')[0]!;
      return { status: 200, body: (s.reviewComments ?? []).map((c, i) => ({ ...withUser(base, c.by), id: 500 + i, body: c.body })) };
    },
    'pulls/create-review': (req) => {
      const comments = (req.body as { comments?: Posted[] }).comments ?? [];
      if (comments.some((c) => (s.rejectLines ?? []).includes(`${c.path}:${c.line}`))) {
        return { status: 422, body: { message: 'Unprocessable Entity', errors: ['Line could not be resolved'], documentation_url: 'https://docs.github.com/rest/pulls/reviews', status: '422' } };
      }
      accepted.push(...comments);
      return { status: 200, body: { ...example<Record<string, unknown>>('pull-request-review'), state: 'COMMENTED' } };
    },
    'issues/list-comments': () => {
      const base = example<Record<string, unknown>>('issue-comment');
      return { status: 200, body: (s.comments ?? []).map((c) => ({ ...withUser(base, c.by), id: c.id, body: c.body })) };
    },
    'issues/create-comment': (req) => ({
      status: 201,
      body: { ...example<Record<string, unknown>>('issue-comment'), id: 900, body: (req.body as { body: string }).body },
      headers: { location: 'https://api.github.com/repos/acme/dbconf/issues/comments/900' },
    }),
    'issues/update-comment': (req) => ({ status: 200, body: { ...example<Record<string, unknown>>('issue-comment'), id: Number(req.params.comment_id), body: (req.body as { body: string }).body } }),
  };
  const out: Record<string, Handler> = {};
  for (const [op, h] of Object.entries(normal)) {
    const queue = [...(s.first?.[op] ?? [])];
    out[op] = (req, mock) => {
      if (queue.length) return queue.shift()!;
      const fixed = s.always?.[op];
      return fixed ?? h(req, mock);
    };
  }
  return out;
}

const mocks: MockGitHub[] = [];
async function mockApi(s: Scenario): Promise<Mock> {
  const accepted: Posted[] = [];
  const m = Object.assign(await startMockGitHub(handlers(s, accepted)), { accepted });
  mocks.push(m);
  return m;
}
afterAll(async () => {
  for (const m of mocks) await m.close();
});

const calls = (m: MockGitHub, op: string): RecordedRequest[] => m.requests.filter((r) => r.operationId === op);

/** The findings are all out, whatever the API did: annotations, job summary, outputs, exit code. */
function expectFindingsReported(r: Run): void {
  expect(r.killed).toBe(false);
  expect(fileAnnotations(r, 'error').map((c) => `${c.props.file}:${c.props.line}:${c.props.title}`)).toEqual(
    expect.arrayContaining(['db/postgresql.conf:3:invalid-value', 'db/postgresql.conf:4:unknown-setting']),
  );
  expect(r.summary).toContain('invalid-value');
  expect(r.summary).toContain('unknown-setting');
  expect(Number(r.outputs.errors)).toBeGreaterThanOrEqual(2);
  expect(r.code).toBe(1);
  expect(r.stdout).not.toContain(TOKEN);
  expect(r.stderr).not.toContain(TOKEN);
}

const FAST = { 'api-timeout': '1', 'api-budget': '4' };
/** These tests are about the review's and only-changed's API work: the base revision's diff (pr-diff) is off. */
const REVIEW_ONLY = { 'pr-diff': 'false' };

describe('a GitHub API that does not answer', () => {
  test('a review POST that never answers: findings are reported first, the call times out after api-timeout and is not repeated', async () => {
    const api = await mockApi({ always: { 'pulls/create-review': HANG } });
    const r = await runAction({ files: FILES, inputs: { ...REVIEW_ONLY, review: 'true', ...FAST }, apiUrl: api.url });
    expectFindingsReported(r);
    expect(api.violations).toEqual([]);
    // A POST that may have reached GitHub is not sent twice.
    expect(calls(api, 'pulls/create-review')).toHaveLength(1);
    const w = ownWarnings(r);
    expect(w).toEqual([expect.stringMatching(/^pgconf-lint: review failed: the GitHub API did not answer: timed out after 1 s \(input api-timeout\)/)]);
    expect(w.join('\n')).not.toMatch(/HTTP 500/);
    // The summary comment is independent, and there was budget left for it.
    expect(calls(api, 'issues/create-comment')).toHaveLength(1);
    // The annotations and the job summary came before the API work.
    const firstApiLine = r.stdout.indexOf('pgconf-lint: review failed');
    expect(r.stdout.indexOf('::error title=invalid-value')).toBeLessThan(firstApiLine);
  }, 40_000);

  test('every GET hangs (only-changed): retried within api-budget, then reported as a timeout, and every finding is reported', async () => {
    const api = await mockApi({ always: { 'pulls/list-files': HANG } });
    const r = await runAction({ files: FILES, inputs: { ...REVIEW_ONLY, 'only-changed': 'true', 'api-timeout': '1', 'api-budget': '3' }, apiUrl: api.url });
    expectFindingsReported(r);
    expect(calls(api, 'pulls/list-files').length).toBeGreaterThanOrEqual(2);
    expect(ownWarnings(r)).toEqual([expect.stringMatching(/^pgconf-lint: could not list the pull request's files \(timed out after [\d.]+ s.*\); reporting every finding\.$/)]);
  }, 40_000);

  test('the API is unreachable: a network error, not "HTTP 500"', async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const r = await runAction({ files: FILES, inputs: { ...REVIEW_ONLY, review: 'true', 'api-timeout': '1', 'api-budget': '2' }, apiUrl: `http://127.0.0.1:${port}` });
    expectFindingsReported(r);
    const w = ownWarnings(r);
    expect(w).toEqual([expect.stringMatching(/finding the token's identity\) failed: network error: .*ECONNREFUSED/)]);
    expect(w.join('\n')).not.toMatch(/HTTP 500/);
  }, 40_000);
});

describe('server errors and rate limits are retried', () => {
  test('502 on the file list, 503 on the review, 500 on the comment: each retried once, all posted, no warning', async () => {
    const err = (status: number): MockReply => ({ status, body: { message: 'Server Error' } });
    const api = await mockApi({ first: { 'pulls/list-files': [err(502)], 'pulls/create-review': [err(503)], 'issues/create-comment': [err(500)] } });
    const r = await runAction({ files: FILES, inputs: { ...REVIEW_ONLY, review: 'true' }, apiUrl: api.url });
    expectFindingsReported(r);
    expect(api.violations).toEqual([]);
    expect(ownWarnings(r)).toEqual([]);
    expect(calls(api, 'pulls/list-files')).toHaveLength(2);
    expect(calls(api, 'pulls/create-review')).toHaveLength(2);
    expect(calls(api, 'issues/create-comment')).toHaveLength(2);
    expect(api.accepted.map((c) => `${c.path}:${c.line}`)).toEqual(expect.arrayContaining(['db/postgresql.conf:3', 'db/postgresql.conf:4']));
  }, 40_000);

  test('429 and a secondary rate limit (403 + retry-after) are waited out, honoring retry-after', async () => {
    const api = await mockApi({
      first: {
        'pulls/create-review': [{ status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '1' } }],
        'issues/list-comments': [{ status: 403, body: { message: 'You have exceeded a secondary rate limit.' }, headers: { 'retry-after': '1', 'x-ratelimit-remaining': '4000' } }],
      },
    });
    const r = await runAction({ files: FILES, inputs: { ...REVIEW_ONLY, review: 'true' }, apiUrl: api.url });
    expectFindingsReported(r);
    expect(api.violations).toEqual([]);
    expect(ownWarnings(r)).toEqual([]);
    expect(calls(api, 'pulls/create-review')).toHaveLength(2);
    expect(calls(api, 'issues/list-comments')).toHaveLength(2);
    expect(calls(api, 'issues/create-comment')).toHaveLength(1);
  }, 40_000);

  test('a rate limit that outlasts api-budget is reported as a rate limit, not as a missing permission', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    const limited: MockReply = { status: 403, body: { message: 'API rate limit exceeded' }, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } };
    const api = await mockApi({ always: { 'pulls/create-review': limited, 'issues/create-comment': limited } });
    const r = await runAction({ files: FILES, inputs: { ...REVIEW_ONLY, review: 'true', ...FAST }, apiUrl: api.url });
    expectFindingsReported(r);
    const w = ownWarnings(r);
    expect(w).toHaveLength(2);
    for (const x of w) {
      expect(x).toMatch(/rate limited by GitHub \(HTTP 403, retry after \d+(\.\d)? s\).*exceed the API time budget/);
      expect(x).not.toMatch(/pull-requests: write/);
    }
    // Not waited for an hour, not hammered either.
    expect(calls(api, 'pulls/create-review')).toHaveLength(1);
  }, 40_000);
});

describe('a 422 for one inline comment', () => {
  test('the other comments are still posted, and the rejected one is named', async () => {
    const api = await mockApi({ rejectLines: ['db/postgresql.conf:4'] });
    const r = await runAction({ files: FILES, inputs: { ...REVIEW_ONLY, review: 'true' }, apiUrl: api.url });
    expectFindingsReported(r);
    expect(api.violations).toEqual([]);
    const posted = api.accepted.map((c) => `${c.path}:${c.line}`);
    expect(posted).toContain('db/postgresql.conf:3');
    expect(posted).not.toContain('db/postgresql.conf:4');
    // Every planned comment but the rejected one, each once.
    const planned = new Set((calls(api, 'pulls/create-review')[0]!.body as { comments: Posted[] }).comments.map((c) => `${c.path}:${c.line}:${c.body}`));
    expect(api.accepted.map((c) => `${c.path}:${c.line}:${c.body}`).sort()).toEqual([...planned].filter((k) => !k.startsWith('db/postgresql.conf:4:')).sort());
    expect(ownWarnings(r)).toEqual([expect.stringMatching(/GitHub rejected 1 inline comment \(HTTP 422.*left out: db\/postgresql\.conf:4 \(unknown-setting\)/)]);
  }, 40_000);
});

describe('the Action edits and trusts only its own comments', () => {
  const mark = '<!-- pgconf-lint -->\n## pgconf-lint\n\n✅ **No problems found**';

  test("a summary marker in the PR author's comment: that comment is not edited; the Action writes its own", async () => {
    const api = await mockApi({ comments: [{ id: 41, body: mark, by: MALLORY }] });
    const r = await runAction({ files: FILES, inputs: { ...REVIEW_ONLY, review: 'true' }, apiUrl: api.url });
    expectFindingsReported(r);
    expect(api.violations).toEqual([]);
    expect(calls(api, 'issues/update-comment')).toEqual([]);
    expect(calls(api, 'issues/create-comment')).toHaveLength(1);
  }, 40_000);

  test("fingerprint markers in the PR author's review comments do not silence the inline comments", async () => {
    const first = await mockApi({});
    await runAction({ files: FILES, inputs: { ...REVIEW_ONLY, review: 'true' }, apiUrl: first.url });
    const bodies = first.accepted.map((c) => c.body);
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    // The author copies every marker into review comments of their own.
    const api = await mockApi({ reviewComments: bodies.map((body) => ({ body: `nothing to see\n${body}`, by: MALLORY })) });
    const r = await runAction({ files: FILES, inputs: { ...REVIEW_ONLY, review: 'true' }, apiUrl: api.url });
    expectFindingsReported(r);
    expect(api.violations).toEqual([]);
    expect(api.accepted.map((c) => c.body).sort()).toEqual([...bodies].sort());
  }, 40_000);

  test("GITHUB_TOKEN (GET /user refused): github-actions[bot]'s own comments are recognized, not a person's", async () => {
    const first = await mockApi({});
    await runAction({ files: FILES, inputs: { ...REVIEW_ONLY, review: 'true' }, apiUrl: first.url });
    const bodies = first.accepted.map((c) => c.body);
    const api = await mockApi({
      comments: [
        { id: 41, body: mark, by: MALLORY },
        { id: 42, body: mark, by: ACTIONS_BOT },
      ],
      reviewComments: bodies.map((body) => ({ body, by: ACTIONS_BOT })),
    });
    const r = await runAction({ files: FILES, inputs: { ...REVIEW_ONLY, review: 'true' }, apiUrl: api.url });
    expectFindingsReported(r);
    expect(calls(api, 'users/get-authenticated')).toHaveLength(1);
    expect(calls(api, 'issues/update-comment').map((q) => q.params.comment_id)).toEqual(['42']);
    expect(calls(api, 'pulls/create-review')).toEqual([]);
  }, 40_000);

  test('a personal access token: its user is the identity; a github-actions[bot] comment is not ours', async () => {
    const api = await mockApi({
      me: { login: 'dbconf-bot', type: 'User' },
      comments: [
        { id: 42, body: mark, by: ACTIONS_BOT },
        { id: 43, body: mark, by: { login: 'dbconf-bot', type: 'User' } },
      ],
    });
    const r = await runAction({ files: FILES, inputs: { ...REVIEW_ONLY, review: 'true' }, apiUrl: api.url });
    expectFindingsReported(r);
    expect(api.violations).toEqual([]);
    expect(calls(api, 'issues/update-comment').map((q) => q.params.comment_id)).toEqual(['43']);
  }, 40_000);

  test('token-login names the identity of another GitHub App token: no GET /user, its comment is updated', async () => {
    const api = await mockApi({
      comments: [
        { id: 41, body: mark, by: MALLORY },
        { id: 44, body: mark, by: { login: 'my-app[bot]', type: 'Bot' } },
      ],
    });
    const r = await runAction({ files: FILES, inputs: { ...REVIEW_ONLY, review: 'true', 'token-login': 'my-app[bot]' }, apiUrl: api.url });
    expectFindingsReported(r);
    expect(calls(api, 'users/get-authenticated')).toEqual([]);
    expect(calls(api, 'issues/update-comment').map((q) => q.params.comment_id)).toEqual(['44']);
  }, 40_000);
});

describe('the notice about findings not annotated', () => {
  // 3 clusters of 900 unknown settings: about 1 MB of summary rows, over its 512 KiB limit.
  const conf = Array.from({ length: 900 }, (_, i) => `unknown_setting_number_${i} = ${i}`).join('\n') + '\n';
  const many = { 'a/postgresql.conf': conf, 'b/postgresql.conf': conf, 'c/postgresql.conf': conf };

  test('says the job summary was cut (and where the full list is), not that it lists them all', async () => {
    const r = await runAction({ files: many, inputs: { ...REVIEW_ONLY, 'sarif-file': 'pgconf-lint.sarif' } });
    expect(r.killed).toBe(false);
    expect(/not shown here \(size limit\)/.test(r.summary)).toBe(true);
    const notice = r.commands.filter((c) => c.kind === 'notice' && !c.props.file).map((c) => c.message);
    expect(notice).toEqual([expect.stringMatching(/the job summary was cut at its size limit and does not list them all; the SARIF report \(pgconf-lint\.sarif\) lists all 2700\.$/)]);
    expect(notice[0]).not.toMatch(/job summary lists all/);
    const without = await runAction({ files: many, inputs: REVIEW_ONLY });
    expect(without.commands.filter((c) => c.kind === 'notice' && !c.props.file).map((c) => c.message)).toEqual([expect.stringMatching(/cut at its size limit.*set the sarif-file input for a report that lists all 2700\.$/)]);
  }, 60_000);
});

describe('rate limits are read from status and headers', () => {
  test('isRateLimit: 429, or 403 with retry-after or x-ratelimit-remaining 0; a plain 403 is a permission', () => {
    expect(isRateLimit(429, {})).toBe(true);
    expect(isRateLimit(403, { 'retry-after': '30' })).toBe(true);
    expect(isRateLimit(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000000' })).toBe(true);
    expect(isRateLimit(403, { 'x-ratelimit-remaining': '12' })).toBe(false);
    expect(isRateLimit(403, {})).toBe(false);
    expect(isRateLimit(500, { 'retry-after': '1' })).toBe(false);
  });

  test('askedWait: retry-after in seconds or as a date, else x-ratelimit-reset when none remain', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(askedWait({ 'retry-after': '7' }, now)).toBe(7000);
    expect(askedWait({ 'retry-after': new Date(now + 5000).toUTCString() }, now)).toBe(5000);
    expect(askedWait({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 60) }, now)).toBe(61_000);
    expect(askedWait({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': String(now / 1000 + 60) }, now)).toBeUndefined();
    expect(askedWait({}, now)).toBeUndefined();
  });
});

describe('postReview looks for the comments GitHub rejects, within a bounded number of calls', () => {
  const pr: PullRequest = { owner: 'acme', repo: 'dbconf', number: 7, headSha: 'a'.repeat(40), fork: false };
  const comments: ReviewComment[] = Array.from({ length: 30 }, (_, i) => ({ path: 'db/postgresql.conf', line: i + 1, body: `finding ${i}`, rule: 'invalid-value' }));
  /** An Octokit whose createReview answers 422 when a comment is on one of `bad` lines, or `status` for every call. */
  function fake(bad: Set<number>, status?: number): { octokit: Octokit; posted: number[][] } {
    const posted: number[][] = [];
    const createReview = async (p: { comments: { line: number }[] }): Promise<unknown> => {
      const lines = p.comments.map((c) => c.line);
      const fail = status ?? (lines.some((l) => bad.has(l)) ? 422 : undefined);
      if (fail) throw Object.assign(new Error('Unprocessable Entity'), { status: fail, response: { headers: {} } });
      posted.push(lines);
      return { status: 200 };
    };
    return { octokit: { rest: { pulls: { createReview } } } as unknown as Octokit, posted };
  }
  const body = (): string => 'pgconf-lint';

  test('one rejected comment among 30: the other 29 are posted, the rejected one is named', async () => {
    const f = fake(new Set([17]));
    const out = await postReview(f.octokit, pr, body, comments, TOKEN);
    expect(out.rejected.map((c) => c.line)).toEqual([17]);
    expect(out.unsent).toEqual([]);
    expect(out.posted.map((c) => c.line).sort((a, b) => a - b)).toEqual(comments.map((c) => c.line).filter((l) => l !== 17));
    expect(f.posted.flat().sort((a, b) => a - b)).toEqual(out.posted.map((c) => c.line).sort((a, b) => a - b));
    expect(out.calls).toBeLessThanOrEqual(MAX_REVIEW_CALLS);
    expect(out.failure).toBeUndefined();
  });

  test('every comment rejected: the search stops at MAX_REVIEW_CALLS and says what was not sent', async () => {
    const f = fake(new Set(comments.map((c) => c.line)));
    const out = await postReview(f.octokit, pr, body, comments, TOKEN);
    expect(out.calls).toBe(MAX_REVIEW_CALLS);
    expect(out.posted).toEqual([]);
    expect(out.rejected.length + out.unsent.length).toBe(30);
    expect(out.unsent.length).toBeGreaterThan(0);
  });

  test('a failure other than 422 stops at once: no search, nothing posted', async () => {
    const f = fake(new Set(), 500);
    const out = await postReview(f.octokit, pr, body, comments, TOKEN);
    expect(out.calls).toBe(1);
    expect(out.failure?.status).toBe(500);
    expect(out.unsent).toHaveLength(30);
  });
});
