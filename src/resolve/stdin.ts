import { dirname, resolve } from 'node:path';
import { createSourceFile } from '../source/source.js';
import type { Host } from './host.js';
import { OUTSIDE_REFUSAL } from '../source/refusal.js';
import { FILE_LIMIT_HINT, sizeLimitError, type BytesResult } from './safe-read.js';

/**
 * Standard input linted as a file (`pgconf-lint - --stdin-filename db/pg_hba.conf`): the editor
 * integration, where the buffer being edited replaces the file of that name on disk. It is read
 * like any file: at most the size limit plus one byte is ever held, so a hostile endless or
 * multi-gigabyte stdin is refused at the limit (the same unreadable-file finding a file over the
 * limit gets), never read into memory whole.
 */
export interface StdinInput {
  /** The name standard input stands for, relative to the working directory (--stdin-filename). */
  filename: string;
  /** What was read: the bytes (or text), or why nothing was (over the size limit, a read error). */
  content: Buffer | string | { error: string };
}

/**
 * Reads a stream (standard input) up to `maxBytes`. Past the limit the stream is destroyed and the
 * size-limit error returned: no more than maxBytes + one chunk is ever held.
 */
export function readStdin(maxBytes: number, stream: NodeJS.ReadableStream & { destroy?: () => void } = process.stdin): Promise<BytesResult> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const finish = (r: BytesResult): void => {
      if (settled) return;
      settled = true;
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      done(r);
    };
    const onData = (chunk: Buffer | string): void => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += b.length;
      if (total > maxBytes) {
        chunks.length = 0;
        // Stop reading: the writer sees a closed pipe, and nothing more is buffered.
        stream.pause();
        stream.destroy?.();
        finish({ ok: false, error: sizeLimitError(`more than ${maxBytes}`, maxBytes, FILE_LIMIT_HINT) });
        return;
      }
      chunks.push(b);
    };
    const onEnd = (): void => finish({ ok: true, bytes: Buffer.concat(chunks, total) });
    const onError = (err: Error): void => finish({ ok: false, error: `cannot read standard input: ${err.message}` });
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

/** The absolute path standard input stands for. */
export function stdinPath(host: Pick<Host, 'cwd'>, stdin: StdinInput): string {
  return resolve(host.cwd, stdin.filename);
}

/**
 * A Host in which the file `stdin.filename` names holds standard input's content, whether or not
 * it exists on disk; every other read (its siblings, its includes) goes to `inner`, confined as
 * always. The stdin path itself must be one `inner` allows (inside the root, not under .git/).
 */
export function stdinHost(inner: Host, stdin: StdinInput): Host {
  const abs = stdinPath(inner, stdin);
  const dir = dirname(abs);
  const name = abs.slice(dir.length).replace(/^[\\/]/, '');
  const isIt = (p: string): boolean => resolve(p) === abs;
  const content = stdin.content;
  return {
    cwd: inner.cwd,
    ...(inner.base !== undefined ? { base: inner.base } : {}),
    root: inner.root,
    maxFileBytes: inner.maxFileBytes,
    allowed: (p) => inner.allowed(p),
    ...(inner.refusal ? { refusal: (p: string) => inner.refusal!(p) } : {}),
    ...(inner.identity ? { identity: (p: string) => (isIt(p) ? `stdin:${abs}` : inner.identity!(p)) } : {}),
    display: (p) => inner.display(p),
    kind: (p) => (isIt(p) ? 'file' : inner.kind(p)),
    read(p) {
      if (!isIt(p)) return inner.read(p);
      const why = inner.refusal?.(p) ?? (inner.allowed(p) ? undefined : OUTSIDE_REFUSAL);
      if (why) return { ok: false, error: why };
      if (typeof content === 'object' && !Buffer.isBuffer(content)) return { ok: false, error: content.error };
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      if (bytes.length > inner.maxFileBytes) return { ok: false, error: sizeLimitError(bytes.length, inner.maxFileBytes, FILE_LIMIT_HINT) };
      return { ok: true, file: createSourceFile(inner.display(abs), abs, bytes) };
    },
    list(p) {
      const listed = inner.list(p);
      if (!listed.ok || resolve(p) !== dir || listed.entries.some((e) => e.name === name)) return listed;
      return { ok: true, entries: [...listed.entries, { name, isDir: false, isLink: false }] };
    },
  };
}
