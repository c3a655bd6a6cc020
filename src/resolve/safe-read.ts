import { closeSync, constants, fstatSync, openSync, readSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { fsFailure, type FsFailure, type ListResult } from './host.js';
import { GIT_DIR_REFUSAL, hasGitSegment, OUTSIDE_REFUSAL } from '../source/refusal.js';

export { GIT_DIR_REFUSAL, OUTSIDE_REFUSAL } from '../source/refusal.js';

/**
 * The one way pgconf-lint reads a file or lists a directory that a pull request may have written.
 *
 * The checkout belongs to the pull request's author: any name can be a symlink (out of the root,
 * into `.git/`, to /dev/zero), a FIFO (an open() that never returns), a directory or a file that
 * grows. So:
 *
 * - the path is checked first (symlinks resolved, also of a missing tail) against the root and
 *   `.git/`, so nothing outside is even opened;
 * - it is opened with O_NONBLOCK (a FIFO opens at once) and O_NOCTTY, and the descriptor is
 *   checked, not the path: on Linux its real path (/proc/self/fd/N) must still be inside the root
 *   and outside `.git/` (a symlink swapped between the check and the open is caught), and fstat on
 *   it must say "regular file" (directories are listed through the same descriptor);
 * - the size limit applies to fstat's size, and at most limit + 1 bytes are ever read, so a file
 *   that grows while it is read, or a device, cannot make the read unbounded.
 *
 * The final component is not opened with O_NOFOLLOW: PostgreSQL follows symlinks, and a symlink
 * inside the root to a file inside the root is a normal thing to have.
 */

const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const O_NOCTTY = constants.O_NOCTTY ?? 0;
const O_DIRECTORY = constants.O_DIRECTORY ?? 0;

export interface Confinement {
  /** The root with symlinks resolved. */
  readonly root: string;
  /** Why a path may not be read (symlinks resolved), or undefined when it may. */
  refusal(absPath: string): string | undefined;
  /** The same for a path that has no symlinks left, such as an opened descriptor's. */
  refusalOfReal(realPath: string): string | undefined;
}

/**
 * The path with symlinks resolved. For a path that does not exist, the deepest existing ancestor
 * is resolved and the rest appended, so `link-out/missing.conf` is outside like `link-out` is.
 */
export function realOrSelf(p: string): string {
  let rest = '';
  let cur = p;
  for (;;) {
    try {
      // realpath(3): one system call, where the JavaScript realpathSync lstats every component.
      const real = realpathSync.native(cur);
      return rest ? join(real, rest) : real;
    } catch {
      const up = dirname(cur);
      if (up === cur) return p;
      rest = rest ? join(basename(cur), rest) : basename(cur);
      cur = up;
    }
  }
}

/**
 * Nothing outside `root` and nothing under a `.git` directory below it. `rootAbs` is the root as
 * given (it may be a symlink); `root` its real path.
 */
export function confinement(rootAbs: string, root = realOrSelf(rootAbs)): Confinement {
  const given = resolve(rootAbs);
  const real = resolve(root);
  /** The part of normalized absolute `abs` below `dir` ('' for dir itself), or undefined when outside. */
  const below = (dir: string, abs: string): string | undefined => {
    if (abs === dir) return '';
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    return abs.startsWith(prefix) ? abs.slice(prefix.length) : undefined;
  };
  const refusalOfReal = (path: string): string | undefined => {
    // Real paths (realpath(3), the kernel's /proc/self/fd link) are already absolute and normalized.
    const rel = isAbsolute(path) ? below(real, path) : undefined;
    if (rel === undefined) return OUTSIDE_REFUSAL;
    return hasGitSegment(rel) ? GIT_DIR_REFUSAL : undefined;
  };
  return {
    root: real,
    refusalOfReal,
    refusal(p) {
      const abs = resolve(p);
      const lexical = below(given, abs) ?? below(real, abs);
      if (lexical === undefined) return OUTSIDE_REFUSAL;
      return refusalOfReal(realOrSelf(abs)) ?? (hasGitSegment(lexical) ? GIT_DIR_REFUSAL : undefined);
    },
  };
}

/** The path the kernel has for an open descriptor (Linux), or undefined where there is no /proc. */
export function descriptorPath(fd: number): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}

export type BytesResult = { ok: true; bytes: Buffer } | FsFailure;

export interface ReadOptions {
  maxBytes: number;
  /** Where the file must be (checked on the path before the open and on the descriptor after it). */
  confine?: Confinement;
  /** Appended to the size-limit error: how to raise the limit. */
  limitHint?: string;
}

/** Up to limit + 1 bytes from fd: one read of the expected size, then small reads until EOF. */
function readAtMost(fd: number, expected: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  // One byte more than fstat said, so that growth is seen without a second large buffer.
  let size = Math.min(expected, limit) + 1;
  for (;;) {
    const buf = Buffer.allocUnsafe(size);
    const n = readSync(fd, buf, 0, size, null);
    if (n === 0) break;
    chunks.push(n === size ? buf : buf.subarray(0, n));
    total += n;
    if (total > limit) break;
    size = Math.min(64 * 1024, limit + 1 - total);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** How to raise the size limit of configuration files, for the size-limit error. */
export const FILE_LIMIT_HINT = '--max-file-size, maxFileSize in the config';

/** The size-limit error: `size` is a number of bytes or "more than N". */
export function sizeLimitError(size: number | string, maxBytes: number, limitHint?: string): string {
  return `file is ${size} bytes, larger than the limit of ${maxBytes} bytes${limitHint ? ` (${limitHint})` : ''}; not read`;
}

/** Reads a regular file, never blocking, never more than maxBytes (+1 to tell), never outside `confine`. */
export function readRegularFile(path: string, options: ReadOptions): BytesResult {
  const { maxBytes, confine } = options;
  const tooLarge = (size: number | string): BytesResult => ({ ok: false, error: sizeLimitError(size, maxBytes, options.limitHint) });
  const before = confine?.refusal(path);
  if (before) return { ok: false, error: before };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | O_NONBLOCK | O_NOCTTY);
  } catch (err) {
    return fsFailure(err);
  }
  try {
    if (confine) {
      const real = descriptorPath(fd);
      const after = real === undefined ? undefined : confine.refusalOfReal(real);
      if (after) return { ok: false, error: after };
    }
    const st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, error: 'Is a directory' };
    if (!st.isFile()) return { ok: false, error: 'not a regular file' };
    if (st.size > maxBytes) return tooLarge(st.size);
    const bytes = readAtMost(fd, st.size, maxBytes);
    if (bytes.length > maxBytes) return tooLarge(`more than ${maxBytes}`);
    return { ok: true, bytes };
  } catch (err) {
    return fsFailure(err);
  } finally {
    closeSync(fd);
  }
}

/**
 * Lists a directory through a descriptor opened with O_DIRECTORY | O_NONBLOCK and checked like a
 * file's. `isDir` follows symlinks (so a link to a directory counts as one); `isLink` says it was one.
 */
export function listDirectory(path: string, confine?: Confinement): ListResult {
  const before = confine?.refusal(path);
  if (before) return { ok: false, error: before };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | O_DIRECTORY | O_NONBLOCK);
  } catch (err) {
    return fsFailure(err);
  }
  try {
    let via = path;
    const real = descriptorPath(fd);
    if (real !== undefined) {
      const after = confine?.refusalOfReal(real);
      if (after) return { ok: false, error: after };
      // The directory that was checked, whatever the path names by now.
      via = `/proc/self/fd/${fd}`;
    } else if (!fstatSync(fd).isDirectory()) return { ok: false, error: 'Not a directory' };
    const entries = readdirSync(via, { withFileTypes: true }).map((d) => {
      const isLink = d.isSymbolicLink();
      let isDir = d.isDirectory();
      if (isLink) {
        try {
          isDir = statSync(join(via, d.name)).isDirectory();
        } catch {
          isDir = false;
        }
      }
      return { name: d.name, isDir, isLink };
    });
    return { ok: true, entries };
  } catch (err) {
    return fsFailure(err);
  } finally {
    closeSync(fd);
  }
}

/** Device and inode of what a path names (symlinks followed), or undefined when it cannot be stat'ed. */
export function fileIdentity(path: string): string | undefined {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}
