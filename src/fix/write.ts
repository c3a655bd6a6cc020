// Writing a fixed configuration file back: the only place pgconf-lint changes a file it linted.
//
// The checkout may belong to a pull request's author, who can plant a symlink where a configuration
// file was (`postgresql.conf -> ~/.bashrc`), a symlinked directory (`conf.d -> /etc`), a FIFO, or
// swap any of these in between the lint and the write. So a fixed file is written only when:
//
// - it lies under the root (the engine's confinement: nothing outside it, nothing under .git/), and
//   every path component from the root down is a real directory (lstat, one at a time), the file
//   itself a regular file (lstat: a symlink is refused, never followed) with one link;
// - its bytes on disk are still the bytes that were linted (read through O_NOFOLLOW | O_NONBLOCK and
//   checked on the descriptor), and they decode and encode back to themselves;
// - someone may write it: a file without any write bit is read-only on purpose (even for root) and
//   is reported, never chmod'ed.
//
// The new bytes go to a temporary file in the same directory (O_CREAT | O_EXCL | O_NOFOLLOW), which
// gets the original's mode (and owner, when it differs and may be given), is fsync'ed, and is
// renamed over the file once lstat shows the same device and inode as before; the directory is
// fsync'ed after. A reader sees the old file or the new one, never a half-written one. The directory
// is opened once (O_NOFOLLOW) and, on Linux, named through its descriptor from then on, and the
// write is refused when its path no longer leads to it.
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { randomHex } from '../io/crypto.js';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { describeFsError } from '../resolve/host.js';
import { hasGitSegment } from '../source/refusal.js';
import { descriptorPath } from '../resolve/safe-read.js';
import { decode } from '../source/source.js';

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const NOCTTY = constants.O_NOCTTY ?? 0;

/** Where fixed files may be written: the root as given (it may be a symlink) and its real path. */
export interface WriteRoot {
  given: string;
  real: string;
}

export function writeRoot(cwd: string, root?: string): WriteRoot {
  const given = resolve(cwd, root ?? '.');
  let real = given;
  try {
    real = realpathSync.native(given);
  } catch {
    // a missing root holds nothing to write
  }
  return { given, real };
}

/** A file checked for writing: where it is (no links left) and what it was. */
export interface Target {
  /** The file's path below the real root (no symlinks in it). */
  readonly path: string;
  readonly dev: bigint;
  readonly ino: bigint;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** The bytes on disk when it was checked. */
  readonly bytes: Buffer;
}

export type Checked = { ok: true; target: Target } | { ok: false; reason: string };

/** The text encoded as the file was decoded (src/source/source.ts), or undefined when it cannot be. */
export function encodeText(text: string, encoding: 'utf8' | 'latin1'): Buffer | undefined {
  const bytes = Buffer.from(text, encoding);
  // latin1 drops the high byte of a character above U+00FF; utf8 replaces a lone surrogate.
  return bytes.toString(encoding) === text ? bytes : undefined;
}

/** Why these bytes cannot stand for `text` decoded as `encoding`, or undefined when they do, byte for byte. */
export function roundTripProblem(bytes: Buffer, text: string, encoding: 'utf8' | 'latin1'): string | undefined {
  const again = encodeText(text, encoding);
  if (again && again.equals(bytes)) return undefined;
  const now = decode(bytes);
  if (now.text !== text || now.encoding !== encoding) return 'it changed on disk since it was read';
  return `its bytes do not survive decoding as ${encoding === 'utf8' ? 'UTF-8' : 'Latin-1'} and encoding back, so it cannot be rewritten byte for byte`;
}

function refuse(reason: string): Checked {
  return { ok: false, reason };
}

/**
 * Checks that `absPath` may be rewritten (see the top of this file) and reads its bytes. `maxBytes`
 * bounds the read (the file was linted, so it is below the size limit unless it grew).
 */
export function checkTarget(absPath: string, root: WriteRoot, maxBytes: number): Checked {
  const abs = resolve(absPath);
  const inside = (dir: string): string | undefined => {
    const r = relative(dir, abs);
    return r === '' || r === '..' || r.startsWith('..' + sep) || isAbsolute(r) ? undefined : r;
  };
  const rel = inside(root.given) ?? inside(root.real);
  if (rel === undefined) return refuse('outside the checked root');
  if (hasGitSegment(rel)) return refuse("inside the repository's .git directory");
  // Walked from the real root with lstat: once no component is a link, the path is the real one.
  const parts = rel.split(sep);
  let cur = root.real;
  let st: Stats;
  for (let i = 0; i < parts.length; i++) {
    cur = join(cur, parts[i]!);
    try {
      st = lstatSync(cur);
    } catch (err) {
      return refuse(describeFsError(err));
    }
    const shown = parts.slice(0, i + 1).join('/');
    const last = i === parts.length - 1;
    if (st.isSymbolicLink()) return refuse(last ? 'a symbolic link; fixes are never written through a link' : `its directory ${shown} is a symbolic link; fixes are never written through a link`);
    if (!last && !st.isDirectory()) return refuse(`its parent ${shown} is not a directory`);
  }
  const lst = lstatSync(cur, { bigint: true });
  if (!lst.isFile()) return refuse('not a regular file');
  if (lst.nlink > 1n) return refuse(`it has ${lst.nlink} hard links, and rewriting it would split them`);
  const mode = Number(lst.mode & 0o7777n);
  if ((mode & 0o222) === 0) return refuse('it is read-only (no write permission bit); pgconf-lint does not change permissions');
  try {
    accessSync(cur, constants.W_OK);
  } catch (err) {
    return refuse(describeFsError(err));
  }
  let fd: number;
  try {
    fd = openSync(cur, constants.O_RDONLY | NOFOLLOW | NONBLOCK | NOCTTY);
  } catch (err) {
    return refuse(describeFsError(err));
  }
  try {
    const fst = fstatSync(fd, { bigint: true });
    if (!fst.isFile()) return refuse('not a regular file');
    if (fst.dev !== lst.dev || fst.ino !== lst.ino) return refuse('it changed on disk while it was being checked');
    const size = Number(fst.size);
    if (size > maxBytes) return refuse('it grew past the size limit since it was read');
    const buf = Buffer.alloc(size + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > size) return refuse('it changed on disk since it was read');
    }
    return { ok: true, target: { path: cur, dev: fst.dev, ino: fst.ino, mode, uid: Number(fst.uid), gid: Number(fst.gid), bytes: buf.subarray(0, n) } };
  } catch (err) {
    return refuse(describeFsError(err));
  } finally {
    closeSync(fd);
  }
}

/** Whether the path `dir` (a real path) still names the opened directory: no link in it, the same device and inode. */
function leadsTo(dir: string, dirFd: number): boolean {
  try {
    if (realpathSync.native(dir) !== dir) return false;
    const byPath = statSync(dir, { bigint: true });
    const byFd = fstatSync(dirFd, { bigint: true });
    return byPath.dev === byFd.dev && byPath.ino === byFd.ino;
  } catch {
    return false;
  }
}

/** Test hooks: run between the steps of a write, to swap files the way an attacker would. */
export interface WriteHooks {
  /** After the temporary file is complete, before the target is checked once more and replaced. */
  beforeRename?: () => void;
}

/**
 * Replaces the checked file with `data`, as described at the top of this file. Returns why it did
 * not, or undefined once the new bytes are in place. Nothing is left behind when it fails.
 */
export function writeTarget(target: Target, data: Buffer, root: WriteRoot, maxBytes: number, hooks: WriteHooks = {}): string | undefined {
  // Once more right before: the same file, the same bytes, nothing swapped in the path.
  const again = checkTarget(target.path, root, maxBytes);
  if (!again.ok) return again.reason;
  if (again.target.dev !== target.dev || again.target.ino !== target.ino || !again.target.bytes.equals(target.bytes)) return 'it changed on disk since it was read';
  const dir = dirname(target.path);
  const name = basename(target.path);
  // The checked directory, pinned: on Linux every later step names it through its descriptor
  // (/proc/self/fd/N), so a directory swapped for a link afterwards is not followed.
  let dirFd: number;
  try {
    dirFd = openSync(dir, constants.O_RDONLY | (constants.O_DIRECTORY ?? 0) | NOFOLLOW);
  } catch (err) {
    return describeFsError(err);
  }
  const pinned = descriptorPath(dirFd) === dir ? `/proc/self/fd/${dirFd}` : undefined;
  if (pinned === undefined && realpathSync.native(dir) !== dir) {
    closeSync(dirFd);
    return 'its directory changed while it was being written';
  }
  const via = pinned ?? dir;
  const tmp = join(via, `.${name.slice(0, 100)}.pgconf-lint-fix.${process.pid}.${randomHex(6)}.tmp`);
  const targetVia = join(via, name);
  let fd = -1;
  let renamed = false;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600);
    for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
    const mine = fstatSync(fd);
    if (mine.uid !== target.uid || mine.gid !== target.gid) {
      try {
        fchownSync(fd, target.uid, target.gid);
      } catch {
        return `cannot keep its owner (uid ${target.uid}, gid ${target.gid})`;
      }
    }
    fchmodSync(fd, target.mode);
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    hooks.beforeRename?.();
    // The check that closes the window between the first check and the rename: lstat shows the same
    // regular file (a symlink, FIFO or other file put there since is not replaced), and no directory
    // on the way became a link.
    if (!leadsTo(dir, dirFd)) return 'its directory changed while it was being written';
    let now: ReturnType<typeof lstatSync> & { dev: bigint; ino: bigint };
    try {
      now = lstatSync(targetVia, { bigint: true }) as typeof now;
    } catch (err) {
      return describeFsError(err);
    }
    if (now.isSymbolicLink()) return 'it was replaced by a symbolic link while it was being written';
    if (!now.isFile() || now.dev !== target.dev || now.ino !== target.ino) return 'it was replaced while it was being written';
    renameSync(tmp, targetVia);
    renamed = true;
    try {
      fsyncSync(dirFd);
    } catch {
      // a directory that cannot be fsync'ed (some file systems): the rename is done
    }
    return undefined;
  } catch (err) {
    return describeFsError(err);
  } finally {
    if (fd !== -1) {
      try {
        closeSync(fd);
      } catch {
        // already reported
      }
    }
    if (!renamed) {
      try {
        unlinkSync(tmp);
      } catch {
        // never created
      }
    }
    closeSync(dirFd);
  }
}
