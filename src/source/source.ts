/**
 * A configuration file as read from disk. PostgreSQL's lexers are byte based; we decode
 * UTF-8 when the bytes are valid UTF-8 and Latin-1 otherwise, so that every byte >= 0x80
 * still maps to a character >= 0x80 (a LETTER for guc-file.l) and nothing is lost.
 */
export interface SourceFile {
  /** Display path: relative to the working directory, forward slashes. */
  readonly path: string;
  /** Absolute path on disk (or a synthetic one for in-memory files). */
  readonly absPath: string;
  readonly text: string;
  readonly encoding: 'utf8' | 'latin1';
  /** Offsets at which each physical line starts (line N starts at lineStarts[N-1]). */
  readonly lineStarts: Readonly<ArrayLike<number>>;
}

export interface LineColumn {
  /** 1-based physical line. */
  line: number;
  /** 1-based column in characters (UTF-16 code units) from the start of the line. */
  column: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decode(bytes: Uint8Array): { text: string; encoding: 'utf8' | 'latin1' } {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf8' };
  } catch {
    // Latin-1 keeps a 1:1 byte/char mapping, so offsets stay meaningful.
    // TextDecoder('latin1') is windows-1252 by the standard; Buffer's latin1 is byte for byte.
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), encoding: 'latin1' };
  }
}

/**
 * One exact Int32Array, not an array grown a million times: filled in one pass into an array sized
 * for lines of 16 characters on average (then copied out at its length), and only a text of shorter
 * lines is counted first, from where that array ran out (so at most the exact array and the
 * estimate are alive at once).
 */
export function computeLineStarts(text: string): Int32Array {
  const starts = new Int32Array((text.length >> 4) + 16);
  let count = 1;
  let i = text.indexOf('\n');
  for (; i !== -1 && count < starts.length; i = text.indexOf('\n', i + 1)) starts[count++] = i + 1;
  if (i === -1) return count === starts.length ? starts : starts.slice(0, count);
  let total = count;
  for (let j = i; j !== -1; j = text.indexOf('\n', j + 1)) total++;
  const exact = new Int32Array(total);
  exact.set(starts);
  for (; i !== -1; i = text.indexOf('\n', i + 1)) exact[count++] = i + 1;
  return exact;
}

export function createSourceFile(path: string, absPath: string, content: Uint8Array | string): SourceFile {
  const { text, encoding } =
    typeof content === 'string' ? { text: content, encoding: 'utf8' as const } : decode(content);
  return { path, absPath, text, encoding, lineStarts: computeLineStarts(text) };
}

/** Offset -> 1-based line/column. Offsets past the end clamp to the end of the text. */
export function lineColumn(file: SourceFile, offset: number): LineColumn {
  const starts = file.lineStarts;
  const off = Math.max(0, Math.min(offset, file.text.length));
  const lo = lastAtOrBefore(starts, off);
  return { line: lo + 1, column: off - starts[lo]! + 1 };
}

/**
 * The index of the last element of `sorted` (ascending, not empty, its first element at most `x`)
 * that is at most `x`: the line of an offset in a list of line starts, and the like. A binary search.
 */
export function lastAtOrBefore(sorted: Readonly<ArrayLike<number>>, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Offset of the first character of a 1-based line. */
export function lineStart(file: SourceFile, line: number): number {
  return file.lineStarts[Math.max(0, Math.min(line - 1, file.lineStarts.length - 1))]!;
}
