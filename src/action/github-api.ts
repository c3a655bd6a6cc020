import { readFileSync } from 'node:fs';
import type { PrFileChange } from './base.js';
import { changedLines, type FileDiff } from './diff.js';

// Types only: @actions/github (Octokit, undici) is loaded on demand, when the PR API is needed.
type GitHubModule = typeof import('@actions/github');
export type Octokit = ReturnType<GitHubModule['getOctokit']>;

export interface PullRequest {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  /** The base branch's commit the pull request is compared with (pull_request.base.sha). */
  baseSha?: string;
  /** The head branch lives in another repository: GitHub gives `pull_request` runs a read-only token. */
  fork: boolean;
}

const NAME = /^[A-Za-z0-9_.-]+$/;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

interface EventRepo {
  full_name?: unknown;
  fork?: unknown;
}

/** The pull request this run is about, from the pull_request / pull_request_target event; else undefined. */
export function pullRequestFromEnv(env: NodeJS.ProcessEnv): PullRequest | undefined {
  const name = env.GITHUB_EVENT_NAME;
  if (name !== 'pull_request' && name !== 'pull_request_target') return undefined;
  if (!env.GITHUB_EVENT_PATH) return undefined;
  let payload: {
    number?: unknown;
    pull_request?: { number?: unknown; head?: { sha?: unknown; repo?: EventRepo | null }; base?: { sha?: unknown; repo?: EventRepo | null } };
    repository?: { name?: unknown; owner?: { login?: unknown } };
  };
  try {
    payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as typeof payload;
  } catch {
    return undefined;
  }
  const pr = payload.pull_request;
  const number = pr?.number ?? payload.number;
  const headSha = pr?.head?.sha;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const o = owner || payload.repository?.owner?.login;
  const r = repo || payload.repository?.name;
  if (typeof number !== 'number' || !Number.isInteger(number) || number <= 0) return undefined;
  if (typeof headSha !== 'string' || !SHA.test(headSha)) return undefined;
  if (typeof o !== 'string' || typeof r !== 'string' || !NAME.test(o) || !NAME.test(r)) return undefined;
  const headRepo = pr?.head?.repo;
  const baseName = pr?.base?.repo?.full_name ?? `${o}/${r}`;
  // A deleted fork shows as head.repo null; that is a fork too.
  const fork = headRepo === null || headRepo?.fork === true || (typeof headRepo?.full_name === 'string' && headRepo.full_name !== baseName);
  const baseSha = pr?.base?.sha;
  return { owner: o, repo: r, number, headSha, ...(typeof baseSha === 'string' && SHA.test(baseSha) ? { baseSha } : {}), fork };
}

/** Time limits for the Action's GitHub API work (inputs api-timeout and api-budget). */
export interface ApiLimits {
  /** Per request, in milliseconds. */
  timeoutMs: number;
  /** For all the Action's API work together, from connect() on, in milliseconds. */
  budgetMs: number;
}

export const DEFAULT_LIMITS: ApiLimits = { timeoutMs: 30_000, budgetMs: 120_000 };
/** Attempts per request (the first one included). */
export const MAX_ATTEMPTS = 4;
/** First backoff for 5xx and network errors without retry-after; doubles each attempt. */
const BACKOFF_MS = 1000;
/** GitHub: without retry-after or x-ratelimit-reset, wait at least a minute after a secondary rate limit. */
const RATE_LIMIT_WAIT_MS = 60_000;

/** Why an API call failed: decided by status and headers, never by GitHub's message text. */
export type FailureKind = 'http' | 'permission' | 'rate-limit' | 'server' | 'timeout' | 'network' | 'budget';

/** A failed API call: its HTTP status (when there was a response), what kind of failure, and a one-line message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
    readonly kind: FailureKind = 'http',
    /** Attempts made (retries included). */
    readonly attempts = 1,
  ) {
    super(message);
  }
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

type Headers = Record<string, string | number | undefined>;

function headerOf(headers: Headers | undefined, name: string): string | undefined {
  const v = headers?.[name];
  return v === undefined ? undefined : String(v);
}

/** Milliseconds GitHub asks us to wait (retry-after, or x-ratelimit-reset when x-ratelimit-remaining is 0); undefined when it does not say. */
export function askedWait(headers: Headers | undefined, now = Date.now()): number | undefined {
  const after = headerOf(headers, 'retry-after');
  if (after !== undefined) {
    if (/^\d+$/.test(after.trim())) return Number(after.trim()) * 1000;
    const at = Date.parse(after);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headerOf(headers, 'x-ratelimit-reset');
  if (headerOf(headers, 'x-ratelimit-remaining') === '0' && reset !== undefined && /^\d+$/.test(reset.trim())) {
    return Math.max(0, Number(reset.trim()) * 1000 - now) + 1000;
  }
  return undefined;
}

/** A rate limit: 429, or 403 with retry-after or x-ratelimit-remaining: 0 (primary and secondary limits). */
export function isRateLimit(status: number | undefined, headers: Headers | undefined): boolean {
  if (status === 429) return true;
  return status === 403 && (headerOf(headers, 'retry-after') !== undefined || headerOf(headers, 'x-ratelimit-remaining') === '0');
}

interface ErrorLike {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Headers };
  cause?: unknown;
}

function redact(message: string, token: string): string {
  let m = message.split('\n')[0]!;
  if (token) m = m.split(token).join('***');
  return m;
}

/** An Octokit error as an ApiFailure: an error without a response is a network error, whatever status Octokit gave it. */
function classify(err: unknown, token: string): ApiFailure & { wait?: number } {
  if (err instanceof ApiFailure) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as ErrorLike;
  const headers = e.response?.headers;
  const status = e.response && typeof e.status === 'number' ? e.status : undefined;
  const message = redact(err instanceof Error ? err.message : String(err), token);
  if (status === undefined) {
    // fetch failed before any response: the cause says why (ECONNREFUSED, ENOTFOUND, a reset socket).
    const cause = e.cause instanceof Error ? e.cause : undefined;
    const inner = cause && (cause as ErrorLike).cause instanceof Error ? ((cause as ErrorLike).cause as Error) : cause;
    const why = inner ? redact(inner.message, token) : message;
    return new ApiFailure(undefined, `network error: ${why}`, 'network');
  }
  if (isRateLimit(status, headers)) {
    const wait = askedWait(headers);
    const f = new ApiFailure(status, `rate limited by GitHub (HTTP ${status}${wait !== undefined ? `, retry after ${seconds(wait)}` : ''})`, 'rate-limit') as ApiFailure & { wait?: number };
    if (wait !== undefined) f.wait = wait;
    return f;
  }
  if (status >= 500) {
    const f = new ApiFailure(status, `HTTP ${status}: ${message}`, 'server') as ApiFailure & { wait?: number };
    // A 503 may say when to come back.
    const wait = askedWait(headers);
    if (wait !== undefined) f.wait = wait;
    return f;
  }
  if (status === 403) return new ApiFailure(status, `HTTP 403: ${message}`, 'permission');
  return new ApiFailure(status, `HTTP ${status}: ${message}`, 'http');
}

/** Connects with a timeout on every request, retries with backoff, and one time budget for all calls. */
export async function connect(token: string, limits: ApiLimits = DEFAULT_LIMITS): Promise<Octokit> {
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(token);
  const deadline = Date.now() + limits.budgetMs;
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  octokit.hook.wrap('request', async (request, options) => {
    const method = String(options.method).toUpperCase();
    // A request that may have reached GitHub is repeated only when GitHub said it was not done (5xx, rate limit),
    // or when repeating it is harmless (GET).
    const idempotent = method === 'GET' || method === 'HEAD';
    for (let attempt = 1; ; attempt++) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new ApiFailure(undefined, `the API time budget of ${seconds(limits.budgetMs)} (input api-budget) is used up`, 'budget', attempt - 1);
      }
      const ms = Math.min(limits.timeoutMs, left);
      const ctl = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      let fired = false;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          fired = true;
          ctl.abort();
          reject(new Error('timeout'));
        }, ms);
      });
      let failure: ApiFailure & { wait?: number };
      try {
        const res = await Promise.race([request({ ...options, request: { ...options.request, signal: ctl.signal } }), timeout]);
        // Octokit reads a response body that was cut off by the abort as empty: that is a timeout too.
        if (!fired) return res;
        throw new Error('timeout');
      } catch (err) {
        failure = fired
          ? ms < limits.timeoutMs
            ? new ApiFailure(undefined, `timed out after ${seconds(ms)}, when the API time budget of ${seconds(limits.budgetMs)} (input api-budget) ran out`, 'timeout', attempt)
            : new ApiFailure(undefined, `timed out after ${seconds(ms)} (input api-timeout)`, 'timeout', attempt)
          : classify(err, token);
      } finally {
        clearTimeout(timer);
      }
      let wait: number | undefined;
      if (failure.kind === 'rate-limit') wait = failure.wait ?? RATE_LIMIT_WAIT_MS;
      else if (failure.kind === 'server') wait = failure.wait ?? BACKOFF_MS * 2 ** (attempt - 1);
      else if ((failure.kind === 'timeout' || failure.kind === 'network') && idempotent) wait = BACKOFF_MS * 2 ** (attempt - 1);
      const tries = ` (${attempt} ${attempt === 1 ? 'attempt' : 'attempts'})`;
      if (wait === undefined || attempt >= MAX_ATTEMPTS) throw new ApiFailure(failure.status, failure.message + (attempt > 1 ? tries : ''), failure.kind, attempt);
      if (Date.now() + wait >= deadline) {
        throw new ApiFailure(failure.status, `${failure.message}${tries}; waiting ${seconds(wait)} more would exceed the API time budget of ${seconds(limits.budgetMs)} (input api-budget)`, failure.kind, attempt);
      }
      await sleep(wait);
    }
  });
  return octokit;
}

/** Wraps an error from an API call; the message never contains the token (it is redacted if GitHub echoes it). */
export function apiFailure(err: unknown, token: string): ApiFailure {
  return classify(err, token);
}

/** GitHub lists at most this many files of a pull request (pulls.listFiles). */
export const MAX_LISTED_FILES = 3000;

export interface PullRequestFiles {
  /** Changed lines per file the PR adds or changes. */
  diffs: Map<string, FileDiff>;
  /** Every listed file with its status and, for a rename, its old name. */
  files: PrFileChange[];
  /** False when GitHub's list stopped at MAX_LISTED_FILES: more files changed than are listed. */
  complete: boolean;
}

export async function listPullRequestFiles(octokit: Octokit, pr: PullRequest): Promise<PullRequestFiles> {
  const listed = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
  const files = listed.map((f) => ({ filename: f.filename, status: f.status, ...(f.previous_filename !== undefined ? { previous_filename: f.previous_filename } : {}) }));
  const diffs = changedLines(listed.map((f) => ({ filename: f.filename, status: f.status, ...(f.patch !== undefined ? { patch: f.patch } : {}) })));
  return { diffs, files, complete: listed.length < MAX_LISTED_FILES };
}

export async function listChangedFiles(octokit: Octokit, pr: PullRequest): Promise<Map<string, FileDiff>> {
  return (await listPullRequestFiles(octokit, pr)).diffs;
}

export const FINGERPRINT_MARK = /<!-- pgconf-lint:fp=([0-9a-f]+) -->/g;

/** Who the token acts as: only comments by this login are edited or trusted. */
export interface Identity {
  login: string;
  /** 'Bot' for GitHub App installation tokens (GITHUB_TOKEN acts as github-actions[bot]); undefined when not known. */
  type?: string;
}

/** The login GITHUB_TOKEN (a GitHub App installation token of the GitHub Actions app) writes comments as. */
export const ACTIONS_BOT: Identity = { login: 'github-actions[bot]', type: 'Bot' };

/**
 * The token's identity: `login` when the workflow names it (input token-login), else GET /user
 * (personal access and user tokens). Installation tokens (GITHUB_TOKEN) are refused there with a
 * 403 and act as github-actions[bot]. Any other failure is thrown: then no comment is trusted.
 */
export async function tokenIdentity(octokit: Octokit, login: string | undefined, token: string): Promise<Identity> {
  if (login) return login.endsWith('[bot]') ? { login, type: 'Bot' } : { login };
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return { login: data.login, type: data.type };
  } catch (err) {
    const f = apiFailure(err, token);
    if (f.kind === 'permission') return ACTIONS_BOT;
    throw f;
  }
}

interface Authored {
  user?: { login?: string; type?: string } | null;
}

/** The comment was written by `me` (logins are unique and case-insensitive; a [bot] login cannot be a person's). */
export function writtenBy(c: Authored, me: Identity): boolean {
  const login = c.user?.login;
  if (typeof login !== 'string' || login.toLowerCase() !== me.login.toLowerCase()) return false;
  return me.type === undefined || c.user?.type === me.type;
}

/** Fingerprints of review comments pgconf-lint (this token's identity) already left on this PR; markers in anyone else's comments are ignored. */
export async function existingReviewFingerprints(octokit: Octokit, pr: PullRequest, me: Identity): Promise<Set<string>> {
  const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
  const out = new Set<string>();
  for (const c of comments) {
    if (!writtenBy(c, me)) continue;
    for (const m of (c.body ?? '').matchAll(FINGERPRINT_MARK)) out.add(m[1]!);
  }
  return out;
}

export interface ReviewComment {
  path: string;
  /** The comment's (last) line on the new side. */
  line: number;
  /** A multi-line comment's first line (a suggestion replacing several lines). */
  startLine?: number;
  body: string;
  /** The finding's rule, for messages about the comment. */
  rule?: string;
}

export async function createReview(octokit: Octokit, pr: PullRequest, body: string, comments: ReviewComment[]): Promise<void> {
  await octokit.rest.pulls.createReview({
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.number,
    commit_id: pr.headSha,
    event: 'COMMENT',
    body,
    comments: comments.map((c) => ({
      path: c.path,
      ...(c.startLine !== undefined ? { start_line: c.startLine, start_side: 'RIGHT' } : {}),
      line: c.line,
      side: 'RIGHT',
      body: c.body,
    })),
  });
}

/** createReview calls at most per run, while looking for the comments GitHub rejects. */
export const MAX_REVIEW_CALLS = 20;

export interface PostedReview {
  /** Comments GitHub accepted. */
  posted: ReviewComment[];
  /** Reviews created (more than one when some comment was rejected). */
  reviews: number;
  /** createReview calls made. */
  calls: number;
  /** Comments GitHub rejected with a 422 on their own. */
  rejected: ReviewComment[];
  /** Comments not posted because the search for rejected ones ran out of attempts, or a call failed otherwise. */
  unsent: ReviewComment[];
  /** The failure that stopped the review (not a 422), if any. */
  failure?: ApiFailure;
}

/**
 * Posts the comments as one review. GitHub rejects the whole review with a 422 when one comment
 * does not resolve to a line of the diff, without saying which: the list is then halved, each
 * half posted on its own, until the rejected comments are alone (at most MAX_REVIEW_CALLS calls).
 * Decided by the status only, never by the message text.
 */
export async function postReview(
  octokit: Octokit,
  pr: PullRequest,
  body: (comments: number, first: boolean) => string,
  comments: ReviewComment[],
  token: string,
  maxCalls = MAX_REVIEW_CALLS,
): Promise<PostedReview> {
  const out: PostedReview = { posted: [], reviews: 0, calls: 0, rejected: [], unsent: [] };
  const queue: ReviewComment[][] = comments.length ? [comments] : [];
  while (queue.length) {
    const chunk = queue.shift()!;
    if (out.failure || out.calls >= maxCalls) {
      out.unsent.push(...chunk);
      continue;
    }
    out.calls++;
    try {
      await createReview(octokit, pr, body(chunk.length, out.reviews === 0), chunk);
      out.reviews++;
      out.posted.push(...chunk);
    } catch (err) {
      const f = apiFailure(err, token);
      if (f.status !== 422) {
        out.failure = f;
        out.unsent.push(...chunk);
      } else if (chunk.length === 1) out.rejected.push(chunk[0]!);
      else {
        const half = Math.ceil(chunk.length / 2);
        queue.unshift(chunk.slice(0, half), chunk.slice(half));
      }
    }
  }
  return out;
}

export const SUMMARY_MARKER = '<!-- pgconf-lint -->';

/** Updates the PR's pgconf-lint summary comment (the oldest comment by `me` that starts with the marker), or creates it; returns what it did. */
export async function upsertSummaryComment(
  octokit: Octokit,
  pr: PullRequest,
  body: string,
  createIfMissing: boolean,
  me: Identity,
): Promise<'updated' | 'created' | 'skipped'> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner: pr.owner, repo: pr.repo, issue_number: pr.number, per_page: 100 });
  // A marker in someone else's comment (the PR author can write one) is not ours to edit.
  const existing = comments.find((c) => (c.body ?? '').startsWith(SUMMARY_MARKER) && writtenBy(c, me));
  if (existing) {
    await octokit.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: existing.id, body });
    return 'updated';
  }
  if (!createIfMissing) return 'skipped';
  await octokit.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body });
  return 'created';
}
