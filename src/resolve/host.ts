import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { createSourceFile, type SourceFile } from '../source/source.js';

/** Default cap on the size of one configuration file; larger files are reported, not read. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

export type ReadResult = { ok: true; file: SourceFile } | { ok: false; error: string };
export type ListResult = { ok: true; entries: { name: string; isDir: boolean }[] } | { ok: false; error: string };

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
  /** True when the path (after resolving symlinks) lies inside the root. */
  allowed(absPath: string): boolean;
  read(absPath: string): ReadResult;
  list(absPath: string): ListResult;
  /** Display path: relative to base with forward slashes (absolute when outside base). */
  display(absPath: string): string;
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

  /**
   * The path with symlinks resolved. For a path that does not exist, the deepest existing ancestor
   * is resolved and the rest appended, so `link-out/missing.conf` is outside like `link-out` is.
   */
  const realOrSelf = (p: string): string => {
    let rest = '';
    let cur = p;
    for (;;) {
      try {
        const real = realpathSync(cur);
        return rest ? join(real, rest) : real;
      } catch {
        const up = dirname(cur);
        if (up === cur) return p;
        rest = rest ? join(basename(cur), rest) : basename(cur);
        cur = up;
      }
    }
  };
  const allowed = (p: string): boolean => isInside(root, realOrSelf(p)) && (isInside(rootAbs, p) || isInside(root, p));
  const OUTSIDE = 'outside the checked root; it was not read';

  return {
    cwd,
    base,
    root,
    maxFileBytes,
    kind(p) {
      try {
        const st = statSync(p);
        return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
      } catch {
        return 'missing';
      }
    },
    allowed,
    read(p) {
      // Enforced here as well as by callers: nothing is opened outside the root, whoever asks.
      if (!allowed(p)) return { ok: false, error: OUTSIDE };
      try {
        const st = statSync(p);
        if (st.isDirectory()) return { ok: false, error: 'Is a directory' };
        if (!st.isFile()) return { ok: false, error: 'not a regular file' };
        if (st.size > maxFileBytes) {
          return { ok: false, error: `file is ${st.size} bytes, larger than the limit of ${maxFileBytes} bytes (--max-file-size, maxFileSize in the config); not read` };
        }
        return { ok: true, file: createSourceFile(toDisplayPath(base, p), p, readFileSync(p)) };
      } catch (err) {
        return { ok: false, error: describeFsError(err) };
      }
    },
    list(p) {
      if (!allowed(p)) return { ok: false, error: OUTSIDE };
      try {
        const entries = readdirSync(p, { withFileTypes: true }).map((d) => {
          let isDir = d.isDirectory();
          if (d.isSymbolicLink()) {
            try {
              isDir = statSync(resolve(p, d.name)).isDirectory();
            } catch {
              isDir = false;
            }
          }
          return { name: d.name, isDir };
        });
        return { ok: true, entries };
      } catch (err) {
        return { ok: false, error: describeFsError(err) };
      }
    },
    display(p) {
      return toDisplayPath(base, p);
    },
  };
}
