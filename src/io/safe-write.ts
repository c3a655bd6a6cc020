import { closeSync, constants, fchmodSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomHex } from './crypto.js';
import { basename, join, relative, resolve, sep } from 'node:path';
import { describeFsError, isInside } from '../resolve/host.js';

/**
 * The one way pgconf-lint writes an output file (the Action's SARIF file, the CLI's --output).
 *
 * The checkout belongs to the pull request's author, who can plant a symlink where a report is
 * written (`pgconf-lint.sarif -> ~/.gitconfig`) or in place of a parent directory
 * (`reports -> /home/runner`). So:
 *
 * - every parent directory below the workspace is checked with lstat, one component at a time: it
 *   must be a real directory, never a symlink; a missing one is created with a single mkdir (not
 *   `recursive`, which follows links), when the caller allows it;
 * - the data goes to a new temporary file in the target directory, opened with
 *   O_CREAT | O_EXCL | O_NOFOLLOW and mode 0644, which is then renamed over the target: rename
 *   replaces a symlink itself, never the file it points to, so the final component is never followed.
 *
 * A path outside every root is refused (the Action), or, for the CLI, written in place with
 * O_NOFOLLOW (see writeInPlace).
 *
 * Node has no openat(), so the parents are checked by path; the directory's real path is compared
 * once more right before the open and the rename. What remains is a race with a process that swaps
 * a directory for a link between those calls: someone already running code on the machine, which is
 * outside the threat model (the pull request controls the files of the checkout, not processes).
 */

/** A refused or failed write; the message is one line, without the path (the caller names it). */
export class SafeWriteError extends Error {}

export interface SafeWriteOptions {
  /**
   * Absolute directories the file may be written under (e.g. GITHUB_WORKSPACE and RUNNER_TEMP).
   * The roots themselves are trusted (resolved with realpath); everything below them is checked.
   */
  roots: readonly string[];
  /** What the roots are called in an error ("GITHUB_WORKSPACE or RUNNER_TEMP"). */
  rootsLabel: string;
  /**
   * A path outside every root: 'refuse' it (the Action), or 'allow' it (the CLI, where such a path
   * is the invoker's own choice: its parents are the invoker's and it is written in place, but a
   * symlink as its final component is still never followed: an error).
   */
  outside: 'refuse' | 'allow';
  /** Create missing parent directories below the root (one mkdir per component). */
  createParents: boolean;
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

function fail(err: unknown): never {
  throw new SafeWriteError(describeFsError(err));
}

function lstatOrMissing(p: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(p);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return undefined;
    return fail(err);
  }
}

/**
 * The directory to write in, checked: for a path under a root, every component below the root is
 * a real directory (created when missing and allowed). Returns the directory's absolute real path,
 * or undefined for a path outside every root that options.outside allows.
 */
function checkedDirectory(abs: string, options: SafeWriteOptions): string | undefined {
  for (const root of options.roots) {
    const lexical = resolve(root);
    let real: string;
    try {
      real = realpathSync(lexical);
    } catch {
      continue; // a root that does not exist holds nothing
    }
    const under = isInside(lexical, abs) ? lexical : isInside(real, abs) ? real : undefined;
    if (!under) continue;
    const rel = relative(under, abs);
    if (rel === '') throw new SafeWriteError('Is a directory');
    const parts = rel.split(sep);
    parts.pop();
    let cur = real;
    const walked: string[] = [];
    for (const part of parts) {
      cur = join(cur, part);
      walked.push(part);
      const shown = walked.join('/');
      let st = lstatOrMissing(cur);
      if (!st) {
        if (!options.createParents) throw new SafeWriteError('No such file or directory');
        try {
          mkdirSync(cur, { mode: 0o755 });
        } catch (err) {
          if ((err as { code?: string }).code !== 'EEXIST') fail(err);
        }
        st = lstatOrMissing(cur);
      }
      if (st?.isSymbolicLink()) throw new SafeWriteError(`its parent directory ${shown} is a symbolic link; output is never written through a link`);
      if (!st?.isDirectory()) throw new SafeWriteError(`its parent ${shown} is not a directory`);
    }
    return cur;
  }
  if (options.outside === 'refuse') throw new SafeWriteError(`outside ${options.rootsLabel}; output files are written only there`);
  return undefined;
}

/**
 * A path outside every root, which the invoker chose (the CLI's `--output /tmp/r.sarif`, `/dev/null`):
 * its directories are the invoker's, and it is written in place, as before, so that a device, a
 * named pipe or an existing file's owner and mode keep working. Only the final component is
 * protected: O_NOFOLLOW makes a symlink there an error (ELOOP), never a write to its target.
 * (Replacing it by rename instead could replace a system's `/dev/stdout` link or `/dev/null` itself
 * when run as root.)
 */
function writeInPlace(abs: string, data: string | Uint8Array): void {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NOFOLLOW, 0o644);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ELOOP' || (code === 'EMLINK' && lstatOrMissing(abs)?.isSymbolicLink())) {
      throw new SafeWriteError('it is a symbolic link; output is never written through a link (give the path it points to)');
    }
    return fail(err);
  }
  try {
    writeFileSync(fd, data);
  } catch (err) {
    fail(err);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `data` to `path` (absolute, or relative to the working directory) as described above.
 * Throws SafeWriteError with a one-line reason; nothing outside is changed when it throws.
 */
export function safeWriteFile(path: string, data: string | Uint8Array, options: SafeWriteOptions): void {
  const abs = resolve(path);
  const name = basename(abs);
  const dir = checkedDirectory(abs, options);
  if (dir === undefined) return writeInPlace(abs, data);
  const target = join(dir, name);
  if (lstatOrMissing(target)?.isDirectory()) throw new SafeWriteError('Is a directory');

  const tmp = join(dir, `.${name.slice(0, 100)}.${process.pid}.${randomHex(6)}.tmp`);
  let fd: number;
  try {
    if (realpathSync(dir) !== dir) throw new SafeWriteError('its directory changed while it was being written');
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o644);
  } catch (err) {
    if (err instanceof SafeWriteError) throw err;
    return fail(err);
  }
  let done = false;
  try {
    writeFileSync(fd, data);
    fchmodSync(fd, 0o644); // whatever the umask: a report is readable by the upload steps
    closeSync(fd);
    fd = -1;
    if (realpathSync(dir) !== dir) throw new SafeWriteError('its directory changed while it was being written');
    renameSync(tmp, target);
    done = true;
  } catch (err) {
    if (err instanceof SafeWriteError) throw err;
    fail(err);
  } finally {
    if (fd !== -1) {
      try {
        closeSync(fd);
      } catch {
        // already reported
      }
    }
    if (!done) {
      try {
        unlinkSync(tmp);
      } catch {
        // nothing to remove
      }
    }
  }
}
