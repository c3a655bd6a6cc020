import { realpathSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import type { LintResult } from '../api.js';
import { fingerprints } from '../report/fingerprint.js';
import { heapFull, isInside, type Host } from '../resolve/host.js';
import { FILE_LIMIT_HINT, sizeLimitError } from '../resolve/safe-read.js';
import { createSourceFile } from '../source/source.js';
import type { Diagnostic, Severity } from '../types.js';
import { apiFailure, type Octokit } from './github-api.js';

/**
 * The pull request's base revision, seen through the checked-out head.
 *
 * `only-changed` reports the findings that are new in the head: a PR that deletes `fsync = on`
 * (which overrode an earlier `fsync = off`), or a `reject` record above an open one, creates a
 * finding on a line it did not touch, and that finding must be reported. So the same pipeline
 * runs on the base revision and the findings are compared by fingerprint.
 *
 * The base is not checked out (a default actions/checkout fetches one commit). It is rebuilt from
 * the head on disk and the pull request's file list: a path the PR did not touch is the same in
 * both; a path it added is absent in the base; a path it modified, removed or renamed away from
 * holds the base content, fetched through the contents API at the base commit. Only the files
 * the base lint actually reads are fetched: the lint runs, names the base files it needed and has
 * not got yet, they are fetched, and it runs again, until it needs nothing new (includes nest at
 * most 10 deep, so a few rounds).
 */

/** A file in the PR's list (pulls.listFiles). */
export interface PrFileChange {
  filename: string;
  status: string;
  previous_filename?: string;
}

/** For each repository path the PR touches: whether the base revision has a file there. */
export function baseSides(files: readonly PrFileChange[]): Map<string, 'absent' | 'present'> {
  const out = new Map<string, 'absent' | 'present'>();
  // "present" wins: a path that any entry says existed in the base existed.
  const present = (p: string): void => void out.set(p, 'present');
  const absent = (p: string): void => {
    if (!out.has(p)) out.set(p, 'absent');
  };
  for (const f of files) {
    switch (f.status) {
      case 'added':
      case 'copied':
        absent(f.filename);
        break;
      case 'renamed':
        absent(f.filename);
        if (f.previous_filename) present(f.previous_filename);
        break;
      case 'unchanged':
        break;
      default:
        // modified, changed, removed
        present(f.filename);
    }
  }
  return out;
}

/** A base file: its bytes, or its size when it is above the size limit (not fetched). */
export type BaseContent = { bytes: Buffer } | { tooLarge: number } | { absent: true };

/** Fetches one base file by repository path. */
export type FetchBase = (repoPath: string) => Promise<BaseContent>;

interface Overlay {
  host: Host;
  /** Base files the last lint read and that are not fetched yet. */
  wanted: Set<string>;
}

/** The repository path of abs ('' for the root itself), or undefined outside the repository. */
function toRepoPath(repoRoot: string, abs: string): string | undefined {
  return isInside(repoRoot, abs) ? relative(repoRoot, abs).split(sep).join('/') : undefined;
}

/**
 * A Host that shows the base revision: `sides` says which touched paths exist in the base,
 * `loaded` holds the fetched ones. Everything else is the head on disk, read through `inner`
 * (so the root, the size limit and every other rule of the inner host still apply).
 */
function overlayHost(inner: Host, repoRoot: string, sides: ReadonlyMap<string, 'absent' | 'present'>, loaded: ReadonlyMap<string, BaseContent>): Overlay {
  const wanted = new Set<string>();
  // Directories that hold base files (they may be gone in the head).
  const baseDirs = new Set<string>();
  for (const [p, side] of sides) {
    if (side !== 'present') continue;
    for (let d = posix.dirname(p); d !== '.' && d !== '/'; d = posix.dirname(d)) baseDirs.add(d);
  }
  /** The repository path of abs, as the PR names it: symlinks in the head resolved (they are unchanged unless listed). */
  const repoPathOf = (abs: string): string | undefined => {
    const direct = toRepoPath(repoRoot, abs);
    if (direct !== undefined && sides.has(direct)) return direct;
    try {
      const real = toRepoPath(repoRoot, realpathSync(abs));
      if (real !== undefined && sides.has(real)) return real;
    } catch {
      // not on disk: only the direct name can be a base file
    }
    return direct;
  };
  const host: Host = {
    cwd: inner.cwd,
    root: inner.root,
    ...(inner.base !== undefined ? { base: inner.base } : {}),
    maxFileBytes: inner.maxFileBytes,
    allowed: (p) => inner.allowed(p),
    ...(inner.refusal ? { refusal: (p: string) => inner.refusal!(p) } : {}),
    ...(inner.identity ? { identity: (p: string) => inner.identity!(p) } : {}),
    display: (p) => inner.display(p),
    kind(p) {
      const rp = repoPathOf(p);
      const side = rp === undefined ? undefined : sides.get(rp);
      if (side === 'absent') return 'missing';
      if (side === 'present') {
        const got = loaded.get(rp!);
        return got && 'absent' in got ? 'missing' : 'file';
      }
      if (rp !== undefined && baseDirs.has(rp)) return 'dir';
      return inner.kind(p);
    },
    read(p) {
      const rp = repoPathOf(p);
      const side = rp === undefined ? undefined : sides.get(rp);
      if (side === undefined) return inner.read(p);
      if (!inner.allowed(p)) return inner.read(p); // the inner host words the refusal
      if (side === 'absent') return { ok: false, error: 'No such file or directory', missing: true };
      const got = loaded.get(rp!);
      if (!got) {
        // Not fetched yet: the next round fetches it; until then it reads as empty.
        wanted.add(rp!);
        return { ok: true, file: createSourceFile(inner.display(p), p, Buffer.alloc(0)) };
      }
      if ('absent' in got) return { ok: false, error: 'No such file or directory', missing: true };
      // baseFetcher fetches nothing above the limit the inner host has (it is given host.maxFileBytes).
      if ('tooLarge' in got) return { ok: false, error: sizeLimitError(got.tooLarge, inner.maxFileBytes, FILE_LIMIT_HINT) };
      // The same run-wide memory guard as the head's reads.
      const full = heapFull();
      if (full) return { ok: false, error: full };
      return { ok: true, file: createSourceFile(inner.display(p), p, got.bytes) };
    },
    list(p) {
      const rp = toRepoPath(repoRoot, p);
      const listed = inner.list(p);
      if (rp === undefined) return listed;
      if (!listed.ok && !(rp !== '' && baseDirs.has(rp))) return listed;
      const entries = new Map<string, boolean>();
      if (listed.ok) for (const e of listed.entries) entries.set(e.name, e.isDir);
      const prefix = rp === '' ? '' : rp + '/';
      for (const [path, side] of sides) {
        if (!path.startsWith(prefix)) continue;
        const rest = path.slice(prefix.length);
        if (rest.includes('/')) continue;
        if (side === 'absent') entries.delete(rest);
        else entries.set(rest, false);
      }
      for (const d of baseDirs) {
        if (d.startsWith(prefix) && !d.slice(prefix.length).includes('/')) entries.set(d.slice(prefix.length), true);
      }
      return { ok: true, entries: [...entries].map(([name, isDir]) => ({ name, isDir })) };
    },
  };
  return { host, wanted };
}

export interface BaseLintOptions {
  /** Where the PR's file names are rooted (the repository's top level). */
  repoRoot: string;
  /** The head's host: root, size limit, display paths. */
  inner: Host;
  files: readonly PrFileChange[];
  fetch: FetchBase;
  /** Runs the same lint as the head, on the given host. */
  lint: (host: Host) => LintResult;
  /** At most this many base files are fetched (each one API request). */
  maxFetches?: number;
  /** At most this many lint rounds. */
  maxRounds?: number;
}

export class BaseUnavailable extends Error {}

/** Lints the base revision; throws BaseUnavailable when it cannot be rebuilt within the limits. */
export async function lintBase(opts: BaseLintOptions): Promise<{ result: LintResult; host: Host; fetched: number; renames: Map<string, string> }> {
  const sides = baseSides(opts.files);
  // Renamed files: base display path -> head display path, so that a moved file's findings are not new.
  const renames = new Map<string, string>();
  const display = (repoPath: string): string => opts.inner.display(join(opts.repoRoot, ...repoPath.split('/')));
  for (const f of opts.files) if (f.status === 'renamed' && f.previous_filename) renames.set(display(f.previous_filename), display(f.filename));
  const loaded = new Map<string, BaseContent>();
  const maxFetches = opts.maxFetches ?? 300;
  const maxRounds = opts.maxRounds ?? 16;
  for (let round = 0; round < maxRounds; round++) {
    const overlay = overlayHost(opts.inner, opts.repoRoot, sides, loaded);
    const result = opts.lint(overlay.host);
    const wanted = [...overlay.wanted].filter((p) => !loaded.has(p)).sort();
    // The host the base was read through: the diff reads the same revision through it again.
    if (!wanted.length) return { result, host: overlay.host, fetched: loaded.size, renames };
    if (loaded.size + wanted.length > maxFetches) {
      throw new BaseUnavailable(`the base revision needs more than ${maxFetches} changed files`);
    }
    // A few requests at a time: each has its own timeout, and the whole is within the action's budget.
    for (let i = 0; i < wanted.length; i += 8) {
      const batch = wanted.slice(i, i + 8);
      const got = await Promise.all(batch.map((p) => opts.fetch(p)));
      batch.forEach((p, k) => loaded.set(p, got[k]!));
    }
  }
  throw new BaseUnavailable(`the base revision's includes did not settle after ${maxRounds} rounds`);
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * The head's findings that are new: no finding of the base has the same fingerprint (rule, file,
 * text of the flagged line, occurrence) at the same or a higher severity and at least as visible
 * (a finding the base suppressed and the head does not is new: deleting a directive opens nothing).
 */
export function newFindings(head: LintResult, base: LintResult, renames: ReadonlyMap<string, string> = new Map()): Diagnostic[] {
  // Base findings in renamed files are fingerprinted under the head's name.
  const moved = (file: string): string => renames.get(file) ?? file;
  const baseDiagnostics = renames.size ? base.diagnostics.map((d) => ({ ...d, loc: { ...d.loc, file: moved(d.loc.file) } })) : base.diagnostics;
  const baseSources = renames.size ? new Map([...base.sources].map(([k, v]) => [moved(k), v])) : base.sources;
  const basePrints = fingerprints(baseDiagnostics, baseSources);
  const byPrint = new Map<string, Diagnostic[]>();
  for (const [d, fp] of basePrints) {
    let list = byPrint.get(fp);
    if (!list) byPrint.set(fp, (list = []));
    list.push(d);
  }
  const headPrints = fingerprints(head.diagnostics, head.sources);
  return head.diagnostics.filter((d) => {
    const before = byPrint.get(headPrints.get(d)!);
    if (!before) return true;
    return !before.some((b) => RANK[b.severity] >= RANK[d.severity] && (d.suppressed || !b.suppressed));
  });
}

/** Short form of a commit for messages. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/**
 * Fetches a file of the base commit through the contents API (repos.getContent; a symlink to a file
 * in the repository is answered with that file's content). Files over 1 MB come without content
 * there and are fetched as a blob (git.getBlob). A file above the size limit is not fetched.
 */
export function baseFetcher(octokit: Octokit, pr: { owner: string; repo: string }, baseSha: string, maxBytes: number): FetchBase {
  return async (repoPath) => {
    let data: unknown;
    try {
      ({ data } = await octokit.rest.repos.getContent({ owner: pr.owner, repo: pr.repo, path: repoPath, ref: baseSha }));
    } catch (err) {
      if (apiFailure(err, '').status === 404) return { absent: true };
      throw err;
    }
    // A directory (an array), a submodule, or a symlink that leaves the repository: no file there.
    if (Array.isArray(data) || typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== 'file') return { absent: true };
    const file = data as { size: number; sha: string; content?: string; encoding?: string };
    if (file.size > maxBytes) return { tooLarge: file.size };
    if (file.encoding === 'base64' && typeof file.content === 'string' && (file.content !== '' || file.size === 0)) {
      return { bytes: Buffer.from(file.content, 'base64') };
    }
    const blob = await octokit.rest.git.getBlob({ owner: pr.owner, repo: pr.repo, file_sha: file.sha });
    return { bytes: Buffer.from(blob.data.content, blob.data.encoding === 'base64' ? 'base64' : 'utf8') };
  };
}
