import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { safeWriteFile, SafeWriteError } from '../io/safe-write.js';
import { actionBase } from '../resolve/repo-root.js';
import { prefixWarning } from './path-prefix.js';
import { hostFor, lint, prepareLint, type LintOptions, type LintResult } from '../api.js';
import { ConfigError, type LoadedConfig } from '../config/config-core.js';
import { findConfigUpward, shadowedWarning } from '../config/config-lookup.js';
import { neutralizeControls, plural, summarize } from '../report/common.js';
import { selectAnnotations, type AnnotationKind } from '../report/github.js';
import { escapeMarkdown, formatMarkdown, markdownReport } from '../report/markdown.js';
import type { Diagnostic, Severity } from '../types.js';
import type { Rule } from '../linter/rule.js';
import type { FileDiff } from './diff.js';
import {
  apiFailure,
  connect,
  existingReviewFingerprints,
  listChangedFiles,
  listPullRequestFiles,
  MAX_LISTED_FILES,
  postReview,
  pullRequestFromEnv,
  SUMMARY_MARKER,
  tokenIdentity,
  upsertSummaryComment,
  type Identity,
  type Octokit,
  type PullRequest,
  type PullRequestFiles,
  type ReviewComment,
} from './github-api.js';
import * as core from './runner.js';
import { InputError, readInputs, type ActionInputs } from './inputs.js';
import { loadCarriers } from '../carriers/load.js';
import type { Host } from '../resolve/host.js';
import type { DiffResult } from '../diff/types.js';

// What only some runs need is imported where it is used, so that a push event's run does not load
// it: the GitHub API client (src/action/github-api.ts loads Octokit itself), what only pull requests
// need (./pull-request.ts: the base revision's lint, review planning, the diff), the SARIF writer
// and the config reader (yaml + ajv). esbuild splits each into chunks of dist/ (scripts/build.mjs).

/** Issue comments are capped at 65,536 characters; stay clear of it. */
const COMMENT_MAX_BYTES = 60_000;
/** A step summary may be 1 MiB. */
const SUMMARY_MAX_BYTES = 512 * 1024;
/** Each diff section (access, settings) in the job summary and the summary comment: room is left for the findings. */
const SECTION_MAX_BYTES = 12_000;

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Counts the annotations the action itself emits, so that findings stay within GitHub's limits. */
class Log {
  readonly used: Record<AnnotationKind, number> = { error: 0, warning: 0, notice: 0 };
  warning(message: string): void {
    this.used.warning++;
    core.warning(message);
  }
}

function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]!;
}

/**
 * The config input (relative to the workspace), else the nearest config from the checked
 * repository's root (actionBase: the workspace, or the `path:` directory actions/checkout used) up
 * to the workspace, the CLI's lookup. Read confined to the workspace when it lies inside it.
 */
async function readConfig(workspace: string, inputs: ActionInputs, rules: readonly Rule[]): Promise<{ config?: LoadedConfig; warning?: string }> {
  let path: string | undefined;
  let warning: string | undefined;
  if (inputs.config) {
    path = resolve(workspace, inputs.config);
    if (!existsSync(path)) throw new InputError(`input config: ${inputs.config}: no such file`);
  } else {
    const found = findConfigUpward(actionBase(workspace, inputs.paths), workspace);
    if (!found) return {};
    path = found.path;
    warning = shadowedWarning(found, relative(workspace, found.path));
  }
  const { loadConfig } = await import('../config/config.js');
  try {
    // Inside the workspace (the checkout) it is confined like every other file; see ConfigReadOptions.
    return { config: loadConfig(path, rules, { root: workspace }), ...(warning ? { warning } : {}) };
  } catch (err) {
    if (err instanceof ConfigError) throw new InputError(err.message);
    throw err;
  }
}

/** A link to a file at the commit being checked (no token, no user-controlled scheme). */
function fileLinker(env: NodeJS.ProcessEnv, pr: PullRequest | undefined): ((file: string, line: number) => string | undefined) | undefined {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const sha = pr?.headSha ?? env.GITHUB_SHA ?? '';
  if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d+)?$/.test(server) || !owner || !repo || !/^[A-Za-z0-9_.-]+$/.test(owner + repo) || !/^[0-9a-f]{40,64}$/.test(sha)) {
    return undefined;
  }
  const enc = (p: string): string => p.split('/').map((s) => encodeURIComponent(s).replace(/[()!'*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())).join('/');
  return (file, line) => (file.startsWith('/') || file.startsWith('..') ? undefined : `${server}/${owner}/${repo}/blob/${sha}/${enc(file)}#L${line}`);
}

interface PrState {
  pr: PullRequest;
  octokit: Octokit;
  diffs?: Map<string, FileDiff>;
  /** The PR's file list (only-changed reads it before the annotations). */
  listing?: PullRequestFiles;
}

/** Explains a failed call to GitHub by its real cause (status and headers, never message text); never fails the job. */
function apiFallback(log: Log, what: string, err: unknown, inputs: ActionInputs, pr: PullRequest): void {
  const f = apiFailure(err, inputs.token);
  const tail = 'the annotations and the job summary still carry every finding.';
  switch (f.kind) {
    case 'permission':
      if (pr.fork) core.info(`pgconf-lint: ${what} skipped: this pull request comes from a fork, and GitHub gives such runs a read-only token (HTTP 403); ${tail}`);
      else log.warning(`pgconf-lint: ${what} failed: the token may not write to pull requests (${f.message}). Grant "permissions: pull-requests: write" to the job; ${tail}`);
      return;
    case 'rate-limit':
      return log.warning(`pgconf-lint: ${what} failed: ${f.message}; ${tail}`);
    case 'timeout':
      return log.warning(`pgconf-lint: ${what} failed: the GitHub API did not answer: ${f.message}; ${tail}`);
    case 'network':
      return log.warning(`pgconf-lint: ${what} failed: ${f.message}; ${tail}`);
    case 'budget':
      return log.warning(`pgconf-lint: ${what} skipped: ${f.message}; ${tail}`);
    case 'server':
      return log.warning(`pgconf-lint: ${what} failed: GitHub answered with a server error (${f.message}); ${tail}`);
    default:
      if (f.status === 422) return log.warning(`pgconf-lint: GitHub rejected the ${what} (${f.message}); ${tail}`);
      return log.warning(`pgconf-lint: ${what} failed (${f.message}); ${tail}`);
  }
}

/** Where review comments went: `path:line (rule)`, at most 10, for a warning. */
function commentList(list: readonly ReviewComment[]): string {
  const shown = list.slice(0, 10).map((c) => `${neutralizeControls(c.path)}:${c.line}${c.rule ? ` (${c.rule})` : ''}`);
  return shown.join(', ') + (list.length > 10 ? ` and ${list.length - 10} more` : '');
}

/** Review comments and the summary comment: after every other output, so that a slow or hung API hides nothing. */
async function review(
  state: PrState,
  result: LintResult,
  reported: Diagnostic[],
  inputs: ActionInputs,
  log: Log,
  link: ReturnType<typeof fileLinker>,
  notes: string[],
  sections: string[],
): Promise<void> {
  const { pr, octokit } = state;
  // Only comments this token's identity wrote are edited or trusted (the PR author can write markers too).
  let me: Identity;
  try {
    me = await tokenIdentity(octokit, inputs.tokenLogin, inputs.token);
  } catch (err) {
    apiFallback(log, "review and summary comment (finding the token's identity)", err, inputs, pr);
    return;
  }
  // With only-changed the file list was read before the annotations; a failure there was reported then.
  if (state.diffs || !inputs.onlyChanged) {
    try {
      const { planReview, fingerprints } = await import('./pull-request.js');
      state.diffs ??= await listChangedFiles(octokit, pr);
      const prints = fingerprints(result.diagnostics, result.sources);
      const existing = await existingReviewFingerprints(octokit, pr, me);
      const plan = planReview(result, reported, state.diffs, prints, existing);
      if (plan.comments.length) {
        const more = plan.overflow ? ` (${plan.overflow} more in the summary comment)` : '';
        const body = (n: number, first: boolean): string =>
          `**pgconf-lint**: ${plural(n, 'finding')} on lines this pull request changes${first ? more : ''}.\n\n<!-- pgconf-lint-review -->`;
        const out = await postReview(octokit, pr, body, plan.comments, inputs.token);
        if (out.posted.length) core.info(`pgconf-lint: posted a review with ${plural(out.posted.length, 'comment')}${out.reviews > 1 ? ` (in ${out.reviews} reviews)` : ''}.`);
        if (out.failure) {
          const what = out.posted.length ? `review (${out.posted.length} of ${plan.comments.length} inline comments posted)` : 'review';
          apiFallback(log, what, out.failure, inputs, pr);
        } else if (out.rejected.length || out.unsent.length) {
          const parts: string[] = [];
          if (out.rejected.length) parts.push(`GitHub rejected ${plural(out.rejected.length, 'inline comment')} (HTTP 422, not on a line of the diff it knows), left out: ${commentList(out.rejected)}`);
          if (out.unsent.length) parts.push(`${plural(out.unsent.length, 'inline comment')} not posted (the search for the rejected ones stopped after ${plural(out.calls, 'call')}): ${commentList(out.unsent)}`);
          log.warning(`pgconf-lint: ${parts.join('; ')}; ${plural(out.posted.length, 'other comment')} posted; the annotations and the job summary still carry every finding.`);
        }
      } else {
        core.info(`pgconf-lint: no new review comments (${plural(plan.alreadyCommented, 'finding')} already commented on).`);
      }
    } catch (err) {
      apiFallback(log, 'review', err, inputs, pr);
    }
  }
  try {
    const s = summarize(reported);
    const body = formatMarkdown(result, {
      header: SUMMARY_MARKER,
      maxBytes: COMMENT_MAX_BYTES,
      diagnostics: reported,
      notes,
      sections,
      ...(link ? { linkFile: link } : {}),
    });
    const done = await upsertSummaryComment(octokit, pr, body, s.error + s.warning + s.info > 0, me);
    if (done !== 'skipped') core.info(`pgconf-lint: ${done} the summary comment.`);
  } catch (err) {
    apiFallback(log, 'summary comment', err, inputs, pr);
  }
}

/** The Action: `rules` is the registry the composition root (bin/action.ts) hands in. */
export async function run(rules: readonly Rule[]): Promise<void> {
  try {
    await runUnchecked(rules);
  } catch (err) {
    if (err instanceof InputError) core.setFailed(`pgconf-lint: ${err.message}`);
    else {
      core.debug(err instanceof Error && err.stack ? err.stack : String(err));
      core.setFailed(`pgconf-lint: internal error: ${oneLine(err)}`);
    }
  }
}

async function runUnchecked(rules: readonly Rule[]): Promise<void> {
  const env = process.env;
  const inputs = readInputs((name) => core.getInput(name));
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const { config, warning: configWarning } = await readConfig(workspace, inputs, rules);
  // Paths are named as the pull request names them: relative to the checked-out repository (`path: repo`).
  const options: LintOptions = {
    cwd: workspace,
    base: actionBase(workspace, inputs.paths),
    ...(config ? { config } : {}),
    ...(inputs.pgVersion ? { pgVersion: inputs.pgVersion } : {}),
    ...(inputs.profiles ? { profiles: inputs.profiles } : {}),
    ...(inputs.allowEmpty ? { allowEmpty: true } : {}),
  };
  const host = hostFor(options);
  // Discovery once, and the carrier readers (Patroni YAML, …, a chunk with the yaml package) only
  // when it finds a carrier file, as the CLI does; the base revision's lint below loads them itself.
  const prepared = await prepareLint(inputs.paths, { ...options, host });
  if (prepared.carriers) options.carriers = prepared.carriers;
  const result = lint(inputs.paths, prepared, rules);
  if (result.errors.length) throw new InputError(`input paths: ${result.errors[0]}`);
  const log = new Log();
  if (configWarning) log.warning(`pgconf-lint: ${configWarning}`);
  for (const w of result.warnings) log.warning(`pgconf-lint: ${w}`);
  if (result.empty !== undefined) {
    log.used.notice++;
    core.notice(`pgconf-lint: ${result.empty} (accepted: allow-empty)`);
  }

  // Pull request: which lines changed (for only-changed and review comments).
  let state: PrState | undefined;
  const pr = pullRequestFromEnv(env);
  // The access and settings diff against the base revision (pr-diff, on by default): pull requests only.
  const wantDiff = inputs.prDiff && pr !== undefined;
  // What reading the base revision serves, for messages when it cannot be read.
  const baseUses = [...(inputs.onlyChanged ? ['reporting every finding'] : []), ...(wantDiff ? ['no access or settings changes are shown'] : [])].join('; ');
  const needApi = inputs.review || inputs.onlyChanged || wantDiff;
  if (needApi && !pr) {
    core.info('pgconf-lint: not a pull_request event: review comments and only-changed do not apply; reporting every finding.');
  } else if (needApi && pr && !inputs.token) {
    log.warning(`pgconf-lint: input github-token is empty: review comments, only-changed and the base revision's diff need it; ${baseUses || 'reporting every finding'}.`);
  } else if (needApi && pr) {
    state = { pr, octokit: await connect(inputs.token, { timeoutMs: inputs.apiTimeoutMs, budgetMs: inputs.apiBudgetMs }) };
    // only-changed and the diff need the file list before the annotations; review reads it after every other output.
    if (inputs.onlyChanged || wantDiff) {
      try {
        state.listing = await listPullRequestFiles(state.octokit, pr);
        state.diffs = state.listing.diffs;
      } catch (err) {
        const f = apiFailure(err, inputs.token);
        log.warning(`pgconf-lint: could not list the pull request's files (${f.message}); ${baseUses}.`);
      }
    }
  }

  if (state?.diffs) {
    // The gate must not open silently because the checked files are named differently from the PR's.
    const w = prefixWarning([...result.files.map((f) => f.path), ...result.sources.keys()], state.diffs.keys(), workspace, result.base);
    if (w) log.warning(w);
  }

  let reported = result.diagnostics;
  // Where discovery stopped (a depth limit) goes into the summaries too; paths are the PR's: escaped.
  const notes: string[] = result.warnings.map((w) => `⚠️ ${escapeMarkdown(w)}`);
  // The base revision, rebuilt from the checkout and the files the pull request changes (read through
  // the API, so a default fetch-depth 1 checkout is enough: src/action/base.ts), for only-changed and the diff.
  let diff: DiffResult | undefined;
  if ((inputs.onlyChanged || wantDiff) && state?.listing) {
    const { pr: p, octokit, listing } = state;
    const { baseFetcher, BaseUnavailable, lintBase, newFindings, shortSha } = await import('./pull-request.js');
    // The base revision may hold a carrier file the head does not (the diff reads both sides with them).
    options.carriers ??= await loadCarriers();
    try {
      if (!listing.complete) throw new BaseUnavailable(`the pull request changes ${MAX_LISTED_FILES} files or more, and GitHub lists no more than that`);
      if (!p.baseSha) throw new BaseUnavailable('the event does not name the base commit (pull_request.base.sha)');
      const base = await lintBase({
        repoRoot: result.base,
        inner: host,
        files: listing.files,
        fetch: baseFetcher(octokit, p, p.baseSha, host.maxFileBytes),
        lint: (h) => lint(inputs.paths, { ...options, host: h }, rules),
      });
      core.info(`pgconf-lint: read the base revision ${shortSha(p.baseSha)} (${plural(base.fetched, 'changed file')} from it).`);
      if (inputs.onlyChanged) {
        // New in the head, wherever they are: compared by fingerprint, so that deleting a line cannot
        // hide what the deletion causes.
        reported = newFindings(result, base.result, base.renames);
        const before = result.diagnostics.length - reported.length;
        notes.push(`Only findings new in this pull request are reported, wherever they are${before ? ` (${plural(before, 'finding')} already in the base revision ${shortSha(p.baseSha)} ${before === 1 ? 'is' : 'are'} not)` : ''}.`);
        core.info(`pgconf-lint: ${plural(reported.length, 'new finding')}.`);
      }
      if (wantDiff) diff = await diffWithBase(base.host, host, result.base, inputs.paths, options);
    } catch (err) {
      const why = err instanceof BaseUnavailable ? err.message : apiFailure(err, inputs.token).message;
      log.warning(`pgconf-lint: could not read the base revision (${why}); ${baseUses}.`);
    }
  }
  const diffSections = diff ? (await import('./pull-request.js')).markdownSections(diff, { maxBytes: SECTION_MAX_BYTES }) : undefined;
  const sections = diffSections ? [diffSections.access, diffSections.settings] : [];
  const counts = summarize(reported);
  const failing = inputs.failOn !== 'never' && reported.some((d) => !d.suppressed && RANK[d.severity] >= RANK[inputs.failOn as Severity]);
  const link = fileLinker(env, pr);

  // The job summary, formatted first: the annotations' notice says whether it lists every finding.
  const summary = env.GITHUB_STEP_SUMMARY ? markdownReport(result, { maxBytes: SUMMARY_MAX_BYTES, diagnostics: reported, notes, sections, ...(link ? { linkFile: link } : {}) }) : undefined;
  const summaryMd = summary?.text;
  const summaryCut = summary !== undefined && summary.omitted > 0;
  const fullListAt = (n: number): string => {
    if (summaryMd !== undefined && !summaryCut) return `the job summary lists all ${n}`;
    const why = summaryMd === undefined ? 'there is no job summary' : 'the job summary was cut at its size limit and does not list them all';
    return inputs.sarifFile ? `${why}; the SARIF report (${inputs.sarifFile}) lists all ${n}` : `${why}; set the sarif-file input for a report that lists all ${n}`;
  };

  // Annotations: within GitHub's limits, leaving room for our own warnings (the review and the summary
  // comment, which come later, at most one each) and the failure message.
  const apiWarnings = inputs.review && state ? 2 : 0;
  const sel = selectAnnotations(reported, result.sources, {
    reserved: { ...log.used, warning: log.used.warning + apiWarnings, error: log.used.error + (failing ? 1 : 0) },
    fullListAt,
  });
  for (const a of sel.annotations) {
    core[a.kind](a.message, {
      title: a.title,
      file: a.file,
      startLine: a.startLine,
      endLine: a.endLine,
      ...(a.startColumn !== undefined ? { startColumn: a.startColumn } : {}),
      ...(a.endColumn !== undefined ? { endColumn: a.endColumn } : {}),
    });
  }
  if (sel.notice) core.notice(sel.notice.message, { title: sel.notice.title });

  if (summaryMd !== undefined) await core.appendSummary(summaryMd);

  if (inputs.sarifFile) {
    // Code scanning gets every finding: an alert missing from a PR's SARIF would count as fixed.
    const path = isAbsolute(inputs.sarifFile) ? inputs.sarifFile : resolve(workspace, inputs.sarifFile);
    // Never through a symlink the pull request planted, in the file's place or a parent's (src/io/safe-write.ts).
    try {
      const { formatSarif } = await import('../report/sarif.js');
      safeWriteFile(path, formatSarif(result), {
        roots: [workspace, ...(env.RUNNER_TEMP ? [env.RUNNER_TEMP] : [])],
        rootsLabel: 'GITHUB_WORKSPACE and RUNNER_TEMP',
        outside: 'refuse',
        createParents: true,
      });
      core.setOutput('sarif-file', inputs.sarifFile);
    } catch (err) {
      if (!(err instanceof SafeWriteError)) throw err;
      core.setOutput('sarif-file', '');
      core.setFailed(`pgconf-lint: sarif-file ${inputs.sarifFile} was not written: ${err.message}`);
    }
  } else core.setOutput('sarif-file', '');

  // The diff's outputs: empty when there is no diff (not a pull request, pr-diff off, base unreadable).
  const widened = diff ? diff.clusters.some((c) => c.access.some((a) => a.change === 'widened')) : undefined;
  const restart = diff ? diff.clusters.some((c) => c.settings.some((s) => s.restart)) : undefined;
  core.setOutput('access-widened', widened === undefined ? '' : String(widened));
  core.setOutput('restart-needed', restart === undefined ? '' : String(restart));
  core.setOutput('errors', counts.error);
  core.setOutput('warnings', counts.warning);
  core.setOutput('infos', counts.info);
  const total = counts.error + counts.warning + counts.info;
  core.info(`pgconf-lint: ${total ? `${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')})` : 'no problems'} in ${plural(result.files.length, 'file')}.`);
  if (inputs.failOnAccessWidening && pr) {
    // Fails closed: a pull request whose access diff could not be computed is not let through.
    if (widened) core.setFailed('pgconf-lint: this pull request widens who can connect (fail-on-access-widening; see "Access changes" in the job summary)');
    else if (widened === undefined) core.setFailed('pgconf-lint: fail-on-access-widening is set, but the access diff could not be computed (see the warning above)');
  }
  if (failing) {
    const atOrAbove = reported.filter((d) => !d.suppressed && RANK[d.severity] >= RANK[inputs.failOn as Severity]).length;
    core.setFailed(`pgconf-lint: ${plural(atOrAbove, 'finding')} at or above fail-on: ${inputs.failOn} (see the annotations and the job summary)`);
  }

  // Last: the GitHub API work. Every finding is already in the annotations, the job summary and the
  // SARIF file, and the exit code is set, whatever the API does (each call is bounded by api-timeout,
  // all of them by api-budget).
  if (inputs.review && state) await review(state, result, reported, inputs, log, link, notes, sections);
}

/**
 * The access and settings diff between the base revision (read through `baseHost`) and the head
 * (the checkout), both as the repository names its files. The diff code is loaded only here.
 */
async function diffWithBase(baseHost: Host, headHost: Host, root: string, paths: string[], options: LintOptions): Promise<DiffResult> {
  const { diffTrees, diffAccess } = await import('./pull-request.js');
  const config = options.config;
  const out = diffTrees({ root, host: baseHost, ...(config ? { config } : {}) }, { root, host: headHost, ...(config ? { config } : {}) }, paths, {
    diffAccess,
    ...(options.carriers ? { carriers: options.carriers } : {}),
    ...(options.pgVersion ? { pgVersion: options.pgVersion } : {}),
  });
  return out.result;
}
