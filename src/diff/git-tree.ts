/**
 * A git revision as a tree (`pgconf-lint diff --base REF [PATH…]`): the files of REF, read through
 * the `git` binary into a Host, laid over the repository's top level as if REF were checked out
 * there, so that the revision's paths and the work tree's name the same files.
 *
 * The revision's content is the pull request author's, so:
 * - nothing outside the revision is ever read: a symlink (mode 120000) is resolved inside the
 *   revision's own tree, as a checkout of it would resolve it, and one that leaves the tree (an
 *   absolute target outside the repository's top level, or `..` above it) is refused like a path
 *   outside the root, never followed onto the disk; link chains stop after 40 hops (ELOOP);
 * - submodules (mode 160000) are not part of the tree: they read as absent;
 * - no blob above the Host's maxFileBytes is loaded (ls-tree --long gives every size first), and
 *   the bytes read from the revision in all are bounded (maxTotalBytes);
 * - every git call runs without a shell, with an argument array, a timeout and a maxBuffer, and
 *   REF reaches git only after `--end-of-options`, validated as a commit by `rev-parse --verify`.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { createSourceFile } from '../source/source.js';
import { DEFAULT_MAX_FILE_BYTES, heapFull, isInside, toDisplayPath, type Host, type ListResult, type ReadResult } from '../resolve/host.js';
import { FILE_LIMIT_HINT, GIT_DIR_REFUSAL, OUTSIDE_REFUSAL, sizeLimitError } from '../resolve/safe-read.js';

/** Bytes of blobs read from one revision in all (files, and symlink targets). */
export const DEFAULT_MAX_TOTAL_BYTES = 512 * 1024 * 1024;
/** Per git call. */
export const DEFAULT_GIT_TIMEOUT_MS = 60_000;
/** The revision's file list (ls-tree output) is at most this large: about 5 million entries. */
const MAX_LISTING_BYTES = 512 * 1024 * 1024;
/** PATH_MAX: a longer symlink target is no path the kernel would follow. */
const MAX_LINK_TARGET = 4096;
/** Symlinks followed in resolving one path (Linux's MAXSYMLINKS). */
const MAX_LINK_HOPS = 40;
/**
 * Blobs read ahead (configuration names and symlink targets), in `git cat-file --batch` calls of at
 * most PRELOAD_BATCH_BYTES each: a repository of many clusters costs a few git calls, not one per file.
 */
const PRELOAD_FILES = 100_000;
const PRELOAD_BYTES = 256 * 1024 * 1024;
const PRELOAD_BATCH_BYTES = 32 * 1024 * 1024;
/** Names worth reading ahead: what discovery looks for, and the usual include and @file names. */
const PRELOAD_NAMES = /(?:^(?:PG_VERSION|standby\.signal|recovery\.signal)$|\.conf$)/;
/** Files read one git call each (not read ahead): beyond this many, reads fail (each call starts a process). */
const MAX_SINGLE_READS = 2_000;
/**
 * Path components walked because of symlinks, over all lookups: link targets are up to 4,096 bytes
 * and chains 40 long, so a tree of many crafted links could otherwise cost billions of steps.
 */
const MAX_LINK_STEPS = 2_000_000;

export interface GitTreeOptions {
  /** A directory inside the repository: git runs there and relative paths start there. Default: process.cwd(). */
  cwd?: string;
  maxFileBytes?: number;
  maxTotalBytes?: number;
  timeoutMs?: number;
  /** The git program (default `git`, found on PATH). */
  git?: string;
}

/** Why a git call failed: git missing, out of time, too much output, not started, or a failing exit status. */
export type GitFailure = 'no-git' | 'timeout' | 'output' | 'spawn' | 'status';

/** The revision cannot be read: one line saying why (not a repository, unknown revision, git missing or failing). */
export class GitTreeError extends Error {
  constructor(
    message: string,
    readonly failure?: GitFailure,
  ) {
    super(message);
  }
}

export interface GitTree {
  /** Reads the revision's files; its root and display base are `root`, its cwd the given one. */
  host: Host;
  /** The repository's top level (real path): the root of both the revision and the work tree. */
  root: string;
  /** The commit REF names (full object name). */
  commit: string;
}

interface Blob {
  kind: 'file' | 'link';
  oid: string;
  size: number;
}
/** A directory's entries: a blob, or a subdirectory (held directly: a lookup builds no path strings). */
type Dir = Map<string, Blob | Dir>;

interface GitRun {
  git: string;
  cwd: string;
  timeoutMs: number;
}

/** One line of git's error output, for messages. */
function firstLine(b: Buffer | string | null | undefined): string {
  const s = (b ?? '').toString().trim().split('\n')[0] ?? '';
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 300);
}

/** Runs git; throws GitTreeError on failure, with `what` naming the step. */
function git(run: GitRun, args: string[], what: string, opts: { input?: Buffer; maxBuffer?: number; okStatus?: number[] } = {}): { status: number; stdout: Buffer } {
  const r = spawnSync(run.git, args, {
    cwd: run.cwd,
    ...(opts.input ? { input: opts.input } : {}),
    maxBuffer: opts.maxBuffer ?? 1024 * 1024,
    timeout: run.timeoutMs,
    killSignal: 'SIGKILL',
    windowsHide: true,
    // No pager, no prompt, no locks taken on the repository, whatever the environment says.
    env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new GitTreeError(`git not found (${run.git}): reading a revision needs git installed and on PATH`, 'no-git');
    if (code === 'ETIMEDOUT') throw new GitTreeError(`git ${what} did not finish within ${run.timeoutMs} ms`, 'timeout');
    if (code === 'ENOBUFS') throw new GitTreeError(`git ${what}: its output is larger than ${opts.maxBuffer ?? 1024 * 1024} bytes`, 'output');
    throw new GitTreeError(`git ${what} failed: ${firstLine(r.error.message)}`, 'spawn');
  }
  const status = r.status ?? -1;
  if (status !== 0 && !(opts.okStatus ?? []).includes(status)) {
    throw new GitTreeError(`git ${what} failed${r.signal ? ` (${r.signal})` : ` (exit ${status})`}: ${firstLine(r.stderr)}`, 'status');
  }
  return { status, stdout: r.stdout };
}

/**
 * Blobs by object name, through one `git cat-file --batch`: each answer is
 * `<oid> SP <type> SP <size> LF <content> LF`, or `<oid> SP missing LF`.
 */
function catBlobs(run: GitRun, blobs: readonly Blob[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!blobs.length) return out;
  const total = blobs.reduce((n, b) => n + b.size + b.oid.length + 40, 0);
  const { stdout } = git(run, ['cat-file', '--batch'], 'cat-file', { input: Buffer.from(blobs.map((b) => b.oid + '\n').join('')), maxBuffer: total + 1024 });
  let at = 0;
  while (at < stdout.length) {
    const nl = stdout.indexOf(10, at);
    if (nl < 0) break;
    const header = stdout.subarray(at, nl).toString('latin1').split(' ');
    at = nl + 1;
    if (header.length !== 3) continue; // `<oid> missing`
    const size = Number(header[2]);
    if (!Number.isSafeInteger(size) || at + size > stdout.length) break;
    if (header[1] === 'blob') out.set(header[0]!, stdout.subarray(at, at + size));
    at += size + 1;
  }
  return out;
}

/** `git ls-tree -r -z --long --full-tree`: `<mode> SP <type> SP <oid> SP+ <size> TAB <path> NUL`. The root directory, and every directory by path. */
function listTree(run: GitRun, commit: string): { top: Dir; dirs: Map<string, Dir> } {
  const { stdout } = git(run, ['ls-tree', '-r', '-z', '--long', '--full-tree', commit], 'ls-tree', { maxBuffer: MAX_LISTING_BYTES });
  const top: Dir = new Map();
  const dirs = new Map<string, Dir>([['', top]]);
  const dirOf = (path: string): Dir => {
    let d = dirs.get(path);
    if (d) return d;
    const slash = path.lastIndexOf('/');
    const parent = dirOf(slash < 0 ? '' : path.slice(0, slash));
    d = new Map();
    parent.set(path.slice(slash + 1), d);
    dirs.set(path, d);
    return d;
  };
  let at = 0;
  while (at < stdout.length) {
    let end = stdout.indexOf(0, at);
    if (end < 0) end = stdout.length;
    const tab = stdout.indexOf(9, at);
    if (tab < 0 || tab > end) throw new GitTreeError('git ls-tree: unexpected output');
    const [mode, type, oid, size] = stdout.subarray(at, tab).toString('latin1').split(/ +/);
    // Paths are bytes; UTF-8 as git stores them on Linux.
    const path = stdout.subarray(tab + 1, end).toString('utf8');
    at = end + 1;
    // Submodules (160000, type commit) are another repository: not part of this tree.
    if (type !== 'blob' || !oid || !path) continue;
    const slash = path.lastIndexOf('/');
    const dir = dirOf(slash < 0 ? '' : path.slice(0, slash));
    dir.set(path.slice(slash + 1), { kind: mode === '120000' ? 'link' : 'file', oid, size: Number(size) });
  }
  return { top, dirs };
}

type Resolved = { kind: 'file'; path: string; blob: Blob } | { kind: 'dir'; path: string; dir: Dir } | { kind: 'missing'; notDir?: true } | { kind: 'refused'; why: string };

/**
 * Reads the files of revision `ref` of the repository around `options.cwd` into a Host. Throws
 * GitTreeError (one line) when the directory is not in a git repository, REF names no commit, or
 * git fails or runs out of time.
 */
export function gitTree(ref: string, options: GitTreeOptions = {}): GitTree {
  let cwd = resolve(options.cwd ?? process.cwd());
  try {
    cwd = realpathSync(cwd);
  } catch {
    throw new GitTreeError(`not a directory: ${cwd}`);
  }
  const run: GitRun = { git: options.git ?? 'git', cwd, timeoutMs: options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS };
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const maxTotalBytes = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;

  // eslint-disable-next-line no-control-regex
  if (ref === '' || /[\u0000-\u001f\u007f]/.test(ref)) throw new GitTreeError(`invalid revision: ${JSON.stringify(ref)}`);
  let top: string;
  try {
    top = git(run, ['rev-parse', '--show-toplevel'], 'rev-parse').stdout.toString('utf8').replace(/\n$/, '');
  } catch (e) {
    // git missing or out of time says so; git answering with an error here means no repository (git's line says more).
    if (e instanceof GitTreeError && e.failure === 'status') throw new GitTreeError(`not a git repository: ${cwd} (${e.message})`, 'status');
    throw e;
  }
  if (!top || !isAbsolute(top)) throw new GitTreeError(`not a git repository (or a bare one, which has no work tree): ${cwd}`);
  const root = realpathSync(top);
  run.cwd = root;
  const verified = git(run, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], 'rev-parse', { okStatus: [1, 128] });
  const commit = verified.stdout.toString('latin1').trim();
  if (verified.status !== 0 || !/^[0-9a-f]{40,64}$/.test(commit)) throw new GitTreeError(`unknown revision: ${firstLine(ref)} is no commit of the repository at ${root}`);

  const { top: topDir, dirs } = listTree(run, commit);
  const loaded = new Map<string, Buffer>();
  let totalRead = 0;

  // Read ahead the blobs named like configuration, and every symlink's target, in a few git calls.
  let batch: Blob[] = [];
  let batchBytes = 0;
  let aheadFiles = 0;
  let aheadBytes = 0;
  const flush = (): void => {
    for (const [oid, bytes] of catBlobs(run, batch)) loaded.set(oid, bytes);
    batch = [];
    batchBytes = 0;
  };
  for (const [, dir] of dirs) {
    for (const [name, e] of dir) {
      if (e instanceof Map) continue;
      const wanted = e.kind === 'link' ? e.size <= MAX_LINK_TARGET : PRELOAD_NAMES.test(name) && e.size <= maxFileBytes;
      if (!wanted || aheadFiles >= PRELOAD_FILES || aheadBytes + e.size > PRELOAD_BYTES) continue;
      batch.push(e);
      aheadFiles++;
      aheadBytes += e.size;
      batchBytes += e.size;
      if (batchBytes >= PRELOAD_BATCH_BYTES) flush();
    }
  }
  flush();
  let singleReads = 0;

  /** A blob's bytes (from the read-ahead, else one git call), counted against the total. */
  const counted = new Set<string>();
  const blobBytes = (b: Blob): Buffer | string => {
    // Each blob counts once, however often (and under however many names) it is read.
    if (!counted.has(b.oid)) {
      if (totalRead + b.size > maxTotalBytes) return `not read: the files read from the revision reach the limit of ${maxTotalBytes} bytes in all`;
      counted.add(b.oid);
      totalRead += b.size;
    }
    let bytes = loaded.get(b.oid);
    if (!bytes) {
      if (++singleReads > MAX_SINGLE_READS) return `not read: more than ${MAX_SINGLE_READS} files of the revision were read one by one (outside the read-ahead of configuration names)`;
      bytes = catBlobs(run, [b]).get(b.oid);
      if (!bytes) return 'No such file or directory';
      loaded.set(b.oid, bytes);
    }
    return bytes;
  };
  const linkTargets = new Map<string, string | null>();
  const linkTarget = (b: Blob): string | null => {
    if (linkTargets.has(b.oid)) return linkTargets.get(b.oid)!;
    let t: string | null = null;
    if (b.size <= MAX_LINK_TARGET) {
      const bytes = blobBytes(b);
      t = typeof bytes === 'string' || bytes.includes(0) ? null : bytes.toString('utf8');
    }
    linkTargets.set(b.oid, t);
    return t;
  };

  let linkSteps = 0;
  /** Resolves an absolute path in the revision, following its symlinks inside it. */
  const resolvePath = (abs: string): Resolved => {
    const p = resolve(abs);
    if (!isInside(root, p)) return { kind: 'refused', why: OUTSIDE_REFUSAL };
    const rel = relative(root, p);
    const todo = rel === '' ? [] : rel.split(sep);
    todo.reverse();
    const done: string[] = [];
    // The directories `done` names, the root first.
    const stack: Dir[] = [topDir];
    let hops = 0;
    while (todo.length) {
      if (hops && ++linkSteps > MAX_LINK_STEPS) return { kind: 'refused', why: `not read: resolving the revision's symbolic links took more than ${MAX_LINK_STEPS} steps` };
      const name = todo.pop()!;
      if (name === '' || name === '.') continue;
      if (name === '..') {
        if (!done.length) return { kind: 'refused', why: OUTSIDE_REFUSAL };
        done.pop();
        stack.pop();
        continue;
      }
      // A tree has no .git entry, but a link may name the repository's own: refused, as on disk.
      if (name.toLowerCase() === '.git') return { kind: 'refused', why: GIT_DIR_REFUSAL };
      const e = stack[stack.length - 1]!.get(name);
      if (e === undefined) return { kind: 'missing' };
      if (e instanceof Map) {
        done.push(name);
        stack.push(e);
        continue;
      }
      if (e.kind === 'link') {
        if (++hops > MAX_LINK_HOPS) return { kind: 'refused', why: 'Too many levels of symbolic links' };
        const target = linkTarget(e);
        if (target === null || target === '') return { kind: 'missing' };
        let parts: string[];
        if (target.startsWith('/')) {
          // An absolute target names the machine's files: followed only where it lies in the repository.
          if (!isInside(root, resolve(target))) return { kind: 'refused', why: OUTSIDE_REFUSAL };
          done.length = 0;
          stack.length = 1;
          parts = relative(root, resolve(target)).split(sep);
        } else parts = target.split('/');
        for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i]!);
        continue;
      }
      if (todo.some((t) => t !== '' && t !== '.')) return { kind: 'missing', notDir: true };
      done.push(name);
      return { kind: 'file', path: done.join('/'), blob: e };
    }
    return { kind: 'dir', path: done.join('/'), dir: stack[stack.length - 1]! };
  };

  const base = root;
  const refusal = (p: string): string | undefined => {
    const r = resolvePath(p);
    return r.kind === 'refused' ? r.why : undefined;
  };
  const host: Host = {
    cwd,
    base,
    root,
    maxFileBytes,
    kind(p) {
      const r = resolvePath(p);
      // A refused path exists but is not read: discovery lists it and its read says why, as on disk.
      return r.kind === 'file' ? 'file' : r.kind === 'dir' ? 'dir' : r.kind === 'refused' ? 'other' : 'missing';
    },
    allowed: (p) => refusal(p) === undefined,
    refusal,
    identity(p) {
      const r = resolvePath(p);
      return r.kind === 'file' || r.kind === 'dir' ? `git:${r.path}` : undefined;
    },
    read(p): ReadResult {
      const r = resolvePath(p);
      if (r.kind === 'refused') return { ok: false, error: r.why };
      if (r.kind === 'missing') return r.notDir ? { ok: false, error: 'Not a directory' } : { ok: false, error: 'No such file or directory', missing: true };
      if (r.kind === 'dir') return { ok: false, error: 'Is a directory' };
      if (r.blob.size > maxFileBytes) return { ok: false, error: sizeLimitError(r.blob.size, maxFileBytes, FILE_LIMIT_HINT) };
      const full = heapFull();
      if (full) return { ok: false, error: full };
      const bytes = blobBytes(r.blob);
      if (typeof bytes === 'string') return { ok: false, error: bytes };
      return { ok: true, file: createSourceFile(toDisplayPath(base, p), p, bytes) };
    },
    list(p): ListResult {
      const r = resolvePath(p);
      if (r.kind === 'refused') return { ok: false, error: r.why };
      if (r.kind === 'missing') return { ok: false, error: 'No such file or directory', missing: true };
      if (r.kind === 'file') return { ok: false, error: 'Not a directory' };
      const abs = resolve(root, ...r.path.split('/').filter(Boolean));
      const entries: { name: string; isDir: boolean; isLink: boolean }[] = [];
      for (const [name, e] of r.dir) {
        if (e instanceof Map) entries.push({ name, isDir: true, isLink: false });
        else if (e.kind === 'file') entries.push({ name, isDir: false, isLink: false });
        else {
          const to = resolvePath(resolve(abs, name));
          entries.push({ name, isDir: to.kind === 'dir', isLink: true });
        }
      }
      return { ok: true, entries };
    },
    display: (p) => toDisplayPath(base, p),
  };
  return { host, root, commit };
}

