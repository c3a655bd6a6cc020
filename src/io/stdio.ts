// The CLI's stdout and stderr, written with write(2) where that is safe, not through Node's streams.
//
// process.stdout and process.stderr are made on first use, and making them loads Node's stream
// modules (and for a pipe, its net module): 3-4 ms of a run's start-up, measured on Node 20, for
// text a run could hand to the system in one call. So on POSIX systems the CLI writes to file
// descriptors 1 and 2 itself, synchronously, as process.stdout does for files (and, in effect, for
// pipes and terminals, which Node makes blocking on Linux): the order of what it writes and
// everything it writes is as before. (Node reopens a descriptor 0-2 it finds closed on /dev/null at
// start-up, so 1 and 2 never name a file the run opened.) What it cannot write that way goes
// through the stream:
// - on Windows, where the console wants UTF-16 (Node's TTY stream converts) and pipes are Node's own;
// - a descriptor another process made non-blocking (EAGAIN: a full pipe shared with a Node parent
//   that set O_NONBLOCK on it): the rest of that output, and everything after it on that
//   descriptor, is written by the stream, which waits for the reader.
// A closed pipe (EPIPE: `pgconf-lint . | head`) ends that output: the rest is dropped and the run
// goes on to its exit code, as tools read by `head` do. Any other failure to write standard output
// (a full disk, an I/O error) is not passed over: the rest is dropped, and the run ends with exit
// code 2 and one line on stderr (outputFailure; src/cli.ts exitWhenWritten). A failure to write
// standard error drops the rest of it: there is nowhere left to say so.
import { fstatSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

type Fd = 1 | 2;

/** Per descriptor: 'direct' (write(2)), 'stream' (Node's stream from now on) or 'closed' (the rest is dropped). */
const mode: Record<Fd, 'direct' | 'stream' | 'closed'> = {
  1: process.platform === 'win32' ? 'stream' : 'direct',
  2: process.platform === 'win32' ? 'stream' : 'direct',
};
/** The streams this module wrote to (their writes must be flushed before the process exits). */
const used = new Set<NodeJS.WriteStream>();
/** Why standard output could not be written, when it could not (a closed pipe is no failure). */
let failure: string | undefined;

/** Stops writing to `fd` after `err`; a failure of standard output other than EPIPE is remembered. */
function failed(fd: Fd, err: unknown): void {
  mode[fd] = 'closed';
  if (fd === 1 && (err as NodeJS.ErrnoException)?.code !== 'EPIPE') failure ??= err instanceof Error ? err.message : String(err);
}

function stream(fd: Fd): NodeJS.WriteStream {
  const s = fd === 1 ? process.stdout : process.stderr;
  if (!used.has(s)) {
    used.add(s);
    s.on('error', (err: NodeJS.ErrnoException) => failed(fd, err));
  }
  return s;
}

function write(fd: Fd, data: string | Uint8Array): void {
  if (mode[fd] === 'closed') return;
  if (mode[fd] === 'stream') {
    stream(fd).write(data);
    return;
  }
  let bytes: Uint8Array | undefined = typeof data === 'string' ? undefined : data;
  let done = 0;
  try {
    // A string goes to the system as UTF-8 in one call: to a blocking descriptor, write(2) takes it
    // whole (a signal can cut it short: then the rest is written from the bytes).
    if (bytes === undefined) {
      const text = data as string;
      done = writeSync(fd, text);
      if (done === Buffer.byteLength(text)) return;
      bytes = Buffer.from(text, 'utf8');
    }
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') {
      failed(fd, err);
      return;
    }
    mode[fd] = 'stream';
    const all = bytes ?? Buffer.from(data as string, 'utf8');
    stream(fd).write(done === 0 ? all : all.subarray(done));
  }
}

/**
 * Why standard output could not be written (the error's message), or undefined when all of
 * it was written or the reader closed the pipe. Known once whenFlushed has called back.
 */
export function outputFailure(): string | undefined {
  return failure;
}

/** Standard output and error, written as above: what src/cli.ts writes to. */
export const stdio = {
  out: (data: string | Uint8Array): void => write(1, data),
  err: (data: string): void => write(2, data),
};

/**
 * Whether standard output is a terminal, without making process.stdout: a pipe, a socket, a
 * regular file or /dev/null is none, and only another character device is asked about (node:tty,
 * which loads Node's net module, is loaded only then).
 */
export function stdoutIsTTY(): boolean {
  if (mode[1] === 'stream') return Boolean(process.stdout.isTTY);
  try {
    const st = fstatSync(1);
    if (!st.isCharacterDevice()) return false;
    const nul = statSync('/dev/null');
    if (st.rdev === nul.rdev && st.ino === nul.ino && st.dev === nul.dev) return false;
  } catch {
    return false;
  }
  return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(1);
}

/**
 * Calls `then` once everything written is with the system: at once when every write was direct,
 * else when the streams written to have flushed.
 */
export function whenFlushed(then: () => void): void {
  const streams = [...used];
  let pending = streams.length;
  if (pending === 0) {
    then();
    return;
  }
  for (const s of streams) s.write('', () => --pending === 0 && then());
}
