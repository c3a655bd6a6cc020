import { getHeapStatistics } from 'node:v8';
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { createSourceFile, type SourceFile } from '../source/source.js';
import { confinement, FILE_LIMIT_HINT, fileIdentity, listDirectory, readRegularFile } from './safe-read.js';

/** Default cap on the size of one configuration file; larger files are reported, not read. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
/**
 * The largest limit --max-file-size may set. A file is decoded into one string (V8 strings stop at
 * about 512 million characters), and the configuration file, which may be the pull request's, can
 * only lower the default (see hostFor in src/api.ts).
 */
export const MAX_MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * A failed read or listing: `error` is the reason as PostgreSQL's %m words it (for messages only);
 * `missing` says the path does not exist (ENOENT): decide on it, never on the wording.
 */
export type FsFailure = { ok: false; error: string; missing?: true };
export type ReadResult = { ok: true; file: SourceFile } | FsFailure;
/** `isDir` follows symlinks; `isLink` (when the host knows) says the entry is a symlink. */
export type ListResult = { ok: true; entries: { name: string; isDir: boolean; isLink?: boolean }[] } | FsFailure;

/**
 * All file-system access of the pipeline goes through a Host, so that the root the user gave
 * is enforced in one place and tests can run on in-memory trees.
 */
export interface Host {
  readonly cwd: string;
  /**
   * Absolute directory that display paths are relative to: the repository root (the git top level
   * for the CLI, the checked-out repository in GITHUB_WORKSPACE for the Action). Default: cwd.
   * Separate from cwd (where relative arguments start) and root (nothing is read outside it).
   */
  readonly base?: string;
  /** Absolute root nothing may be read outside of (symlinks are resolved before the check). */
  readonly root: string;
  readonly maxFileBytes: number;
  kind(absPath: string): 'file' | 'dir' | 'other' | 'missing';
  /** True when the path (after resolving symlinks) lies inside the root and not under `.git/`. */
  allowed(absPath: string): boolean;
  /**
   * Why a path is not read (outside the root, or under `.git/`), or undefined when it may be:
   * for messages that name the reason. Hosts without it are described by `allowed` alone.
   */
  refusal?(absPath: string): string | undefined;
  /** Device and inode of what the path names (symlinks followed), for visiting a directory once. */
  identity?(absPath: string): string | undefined;
  read(absPath: string): ReadResult;
  list(absPath: string): ListResult;
  /** Display path: relative to base with forward slashes (absolute when outside base). */
  display(absPath: string): string;
}

/** A failure from a file system error: its strerror() wording, and whether the path is missing. */
export function fsFailure(err: unknown): FsFailure {
  const error = describeFsError(err);
  return (err as { code?: string } | null)?.code === 'ENOENT' ? { ok: false, error, missing: true } : { ok: false, error };
}

/** strerror() wording, as PostgreSQL's %m prints it. */
export function describeFsError(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'No such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'Permission denied';
    case 'EISDIR':
      return 'Is a directory';
    case 'ENOTDIR':
      return 'Not a directory';
    case 'ELOOP':
      return 'Too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'File name too long';
    case 'ENXIO':
      return 'No such device or address';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

export function toDisplayPath(cwd: string, absPath: string): string {
  const rel = relative(cwd, absPath);
  if (rel === '') return '.';
  if (rel.startsWith('..') || isAbsolute(rel)) return absPath.split(sep).join('/');
  return rel.split(sep).join('/');
}

export function isInside(root: string, absPath: string): boolean {
  const rel = relative(root, absPath);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The run-wide memory guard. Each file is bounded (size, lines, expansion caps), but a repository of
 * many large files could still fill the heap and end the process with V8's out-of-memory abort and
 * no report. So no further file is read once the heap holds half of its limit: what is not read is
 * reported where it is named (unreadable-file, missing-include, an include error), never a crash.
 * Half leaves room for the largest single file (2,000,000 lines) and for checking what was read.
 */
export const HEAP_SHARE = 0.5;
const heapLimit = getHeapStatistics().heap_size_limit;

/** Why no more files are read (the heap is past HEAP_SHARE of its limit), or undefined. */
export function heapFull(): string | undefined {
  const used = getHeapStatistics().used_heap_size;
  if (used <= heapLimit * HEAP_SHARE) return undefined;
  const mb = (n: number): number => Math.round(n / 2 ** 20);
  return `not read: this run already holds ${mb(used)} MB of configuration, half of its ${mb(heapLimit)} MB heap, so the rest of the repository is reported, not read (lint it in parts with narrower paths, or give Node more heap: NODE_OPTIONS=--max-old-space-size=MB)`;
}

export function nodeHost(options: { cwd?: string; root?: string; base?: string; maxFileBytes?: number } = {}): Host {
  const cwd = resolve(options.cwd ?? process.cwd());
  const base = resolve(cwd, options.base ?? cwd);
  const rootAbs = resolve(cwd, options.root ?? cwd);
  let root = rootAbs;
  try {
    root = realpathSync(rootAbs);
  } catch {
    // a missing root is reported by discovery
  }
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;

  // Nothing outside the root and nothing under .git/, checked on the path and on the opened
  // descriptor (src/resolve/safe-read.ts).
  const confine = confinement(rootAbs, root);
  const allowed = (p: string): boolean => confine.refusal(p) === undefined;

  return {
    cwd,
    base,
    root,
    maxFileBytes,
    kind(p) {
      // stat opens nothing (a FIFO cannot block it); read() and list() check the descriptor again.
      try {
        const st = statSync(p);
        return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
      } catch {
        return 'missing';
      }
    },
    allowed,
    refusal: (p) => confine.refusal(p),
    identity: (p) => fileIdentity(p),
    read(p) {
      const full = heapFull();
      if (full) return { ok: false, error: full };
      // Enforced here as well as by callers: nothing is opened outside the root or under .git/,
      // whoever asks; only regular files, non-blocking, checked on the descriptor, size-capped.
      const r = readRegularFile(p, { maxBytes: maxFileBytes, confine, limitHint: FILE_LIMIT_HINT });
      return r.ok ? { ok: true, file: createSourceFile(toDisplayPath(base, p), p, r.bytes) } : r;
    },
    list(p) {
      return listDirectory(p, confine);
    },
    display(p) {
      return toDisplayPath(base, p);
    },
  };
}
