import { readFileSync } from 'node:fs';
import { changedLines, type FileDiff } from './diff.js';

// Types only: @actions/github (Octokit, undici) is loaded on demand, when the PR API is needed.
type GitHubModule = typeof import('@actions/github');
export type Octokit = ReturnType<GitHubModule['getOctokit']>;

export interface PullRequest {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
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
    pull_request?: { number?: unknown; head?: { sha?: unknown; repo?: EventRepo | null }; base?: { repo?: EventRepo | null } };
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
  return { owner: o, repo: r, number, headSha, fork };
}

export async function connect(token: string): Promise<Octokit> {
  const { getOctokit } = await import('@actions/github');
  return getOctokit(token);
}

/** A failed API call: its HTTP status (when there was a response) and GitHub's message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** Wraps an Octokit error; the message never contains the token (it is redacted if GitHub echoes it). */
export function apiFailure(err: unknown, token: string): ApiFailure {
  const status = typeof err === 'object' && err !== null && typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : undefined;
  let message = err instanceof Error ? err.message : String(err);
  message = message.split('\n')[0]!;
  if (token) message = message.split(token).join('***');
  return new ApiFailure(status, message);
}

export async function listChangedFiles(octokit: Octokit, pr: PullRequest): Promise<Map<string, FileDiff>> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
  return changedLines(files.map((f) => ({ filename: f.filename, status: f.status, ...(f.patch !== undefined ? { patch: f.patch } : {}) })));
}

export const FINGERPRINT_MARK = /<!-- pgconf-lint:fp=([0-9a-f]+) -->/g;

/** Fingerprints of review comments pgconf-lint already left on this PR (not to repeat them on every push). */
export async function existingReviewFingerprints(octokit: Octokit, pr: PullRequest): Promise<Set<string>> {
  const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
  const out = new Set<string>();
  for (const c of comments) for (const m of (c.body ?? '').matchAll(FINGERPRINT_MARK)) out.add(m[1]!);
  return out;
}

export interface ReviewComment {
  path: string;
  line: number;
  body: string;
}

export async function createReview(octokit: Octokit, pr: PullRequest, body: string, comments: ReviewComment[]): Promise<void> {
  await octokit.rest.pulls.createReview({
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.number,
    commit_id: pr.headSha,
    event: 'COMMENT',
    body,
    comments: comments.map((c) => ({ path: c.path, line: c.line, side: 'RIGHT', body: c.body })),
  });
}

export const SUMMARY_MARKER = '<!-- pgconf-lint -->';

/** Updates the PR's pgconf-lint summary comment (found by its marker), or creates it; returns what it did. */
export async function upsertSummaryComment(
  octokit: Octokit,
  pr: PullRequest,
  body: string,
  createIfMissing: boolean,
): Promise<'updated' | 'created' | 'skipped'> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner: pr.owner, repo: pr.repo, issue_number: pr.number, per_page: 100 });
  const mine = comments.filter((c) => (c.body ?? '').startsWith(SUMMARY_MARKER));
  const existing = mine.find((c) => c.user?.type === 'Bot') ?? mine[0];
  if (existing) {
    await octokit.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: existing.id, body });
    return 'updated';
  }
  if (!createIfMissing) return 'skipped';
  await octokit.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body });
  return 'created';
}
