import type { Major } from '../types.js';
import { createSourceFile } from '../source/source.js';
import type { SourceFile } from '../source/source.js';
import { GIT_DIR_REFUSAL } from '../source/refusal.js';

/**
 * Tokenizer shared by pg_hba.conf and pg_ident.conf, following hba.c: tokenize_auth_file
 * (lines, `\` continuation 14+, include directives 16+), next_field_expand (comma lists,
 * `@file`) and next_token (quoting, comments).
 */

/** File access supplied by the caller; the parser itself does no I/O. */
export interface AuthFileIO {
  /** A failure's `error` words the reason for messages; `missing`: the path does not exist. */
  read(absPath: string): { ok: true; file: SourceFile } | { ok: false; error: string; missing?: true };
  listDir(absPath: string): { ok: true; entries: AuthDirEntry[] } | { ok: false; error: string; missing?: true };
  /** False for paths the linter must not open (outside the repository root, or under `.git/`). */
  allowed(absPath: string): boolean;
  /** Why a path that is not allowed is refused, when the caller can say (see Host.refusal). */
  refusal?(absPath: string): string | undefined;
}

export interface AuthDirEntry {
  name: string;
  isDirectory: boolean;
}

export interface AuthToken {
  /** Dequoted text, `""` -> `"`. */
  readonly text: string;
  /** As written, quotes included. */
  readonly raw: string;
  /** A double quote preceded the first character (removes keyword meaning). */
  readonly quoted: boolean;
  readonly file: SourceFile;
  readonly start: number;
  readonly end: number;
  /** The `@file` token this token was read through, if any. */
  readonly via: AuthToken | null;
}

/*
 * Tokens are the bulk of a large file's memory (five or six per record), so the common token, unquoted
 * and read from the file itself, holds only its text and place; `quoted` and `via` come from its
 * class.
 */
class Token implements AuthToken {
  constructor(
    readonly text: string,
    readonly file: SourceFile,
    readonly start: number,
    readonly end: number,
  ) {}

  get quoted(): boolean {
    return false;
  }

  get via(): AuthToken | null {
    return null;
  }

  get raw(): string {
    return this.file.text.slice(this.start, this.end);
  }
}

class QuotedToken extends Token {
  override get quoted(): boolean {
    return true;
  }
}

/** A token read through an `@file` reference. */
class ViaToken implements AuthToken {
  constructor(
    readonly text: string,
    readonly quoted: boolean,
    readonly file: SourceFile,
    readonly start: number,
    readonly end: number,
    readonly via: AuthToken,
  ) {}

  get raw(): string {
    return this.file.text.slice(this.start, this.end);
  }
}

/** One comma list. */
export interface AuthField {
  tokens: AuthToken[];
}

export interface AuthError {
  message: string;
  file: SourceFile;
  start: number;
  end: number;
  /**
   * Set when we refused to read a file PostgreSQL would have read: 'not-allowed' outside the root,
   * 'git-dir' under the repository's `.git/` (never configuration; it holds the job's token).
   * 'limit': our bound on what `@file` references and includes expand to (MAX_EXPANDED_TOKENS,
   * MAX_EXPANDED_CHARS) was crossed; PostgreSQL would read on.
   */
  code?: 'not-allowed' | 'git-dir' | 'limit';
  /** What a pg_hba.conf record's problem is, for tools: set by the record parser (src/parse/pg-hba.ts). */
  reason?: HbaReason;
}

/**
 * The problems of a pg_hba.conf record that tools act on (help, quoting), with their data: never
 * parse `message` to learn them. `unquoted`: the file's token PostgreSQL appends to the message
 * unquoted (at its end).
 */
export type HbaReason =
  | { code: 'invalid-connection-type'; type: string }
  | { code: 'invalid-method'; method: string }
  | { code: 'peer-not-local' }
  | { code: 'invalid-ip-mask' }
  | { code: 'clientcert' }
  | { code: 'option-not-name-value'; unquoted: string }
  | { code: 'ldap-url-scheme'; unquoted: string };

/** A logical line with at least one field or a tokenization error (blank lines are dropped). */
export interface AuthLine {
  file: SourceFile;
  /** Line number of the first physical line. */
  line: number;
  start: number;
  end: number;
  fields: AuthField[];
  error: AuthError | null;
}

export interface AuthInclude {
  kind: 'include' | 'include_if_exists' | 'include_dir';
  file: SourceFile;
  line: number;
  start: number;
  end: number;
  /** Absolute path as PostgreSQL computes it. */
  path: string;
  /** include_if_exists of a missing file ("skipping missing authentication file"). */
  skipped: boolean;
}

export interface TokenizedAuthFile {
  lines: AuthLine[];
  includes: AuthInclude[];
  /** Every file read, the top-level one first. */
  files: SourceFile[];
}

const MAX_DEPTH = 10; // CONF_FILE_MAX_DEPTH (16+)
/** Our bound on files opened through `@file` and include directives in one tokenization. A file
 * referenced twice per line, ten levels deep, is 2^10 opens on 16+ and 2^100 on ≤15 (no depth
 * limit there): PostgreSQL would never finish; we stop and report. */
const MAX_OPENS = 10_000;
/**
 * Our bounds on what one file set (a pg_hba.conf or pg_ident.conf with everything it pulls in)
 * may read through `@file` references and include directives: tokens read from those files
 * (counted again at each `@file` level they are passed up through) and characters of text
 * tokenized from them (a file is tokenized again at every reference). PostgreSQL has neither: `@fan` listing `@big`
 * 10,000 times, `big` holding 100 KB of names, is a 1.1 MB repository that expands to 110
 * million tokens. A real configuration reads a few thousand names through `@file` (user lists);
 * the largest pg_hba.conf of the benchmarks, 100,000 records, is ~800,000 tokens and 8.5 MB.
 * Crossing a bound is an error at the reference that crosses it, and no later reference of the
 * file set is expanded.
 */
export const MAX_EXPANDED_TOKENS = 1_000_000;
export const MAX_EXPANDED_CHARS = 64 * 1024 * 1024;
/**
 * Our bound on the lines (records and errors, blank lines and comments not counted) of one file
 * set, at every depth: twice the largest pg_hba.conf of the benchmarks (100,000 records, ~400 MB
 * parsed and analysed). A 63 MiB file of `local all all trust` is 3.3 million records.
 */
export const MAX_AUTH_LINES = 200_000;
/** <= 15 has no limit: an `@file` cycle recurses until the backend crashes (SIGSEGV, seen on 12). */
const OLD_SAFETY_DEPTH = 100;

/** PG 10 only: tokenize_file reads with fgets into char[MAX_LINE = 8192], and next_token into
 * char[MAX_TOKEN = 256]. Both limits are gone from the 11+ minors we judge (seen on 11.22 and
 * 12.22) but still in 10.23. */
const PG10_MAX_LINE_BYTES = 8191;
const PG10_MAX_TOKEN_BYTES = 255;
const LINE_TOO_LONG = 'authentication file line too long';
const TOKEN_TOO_LONG = 'authentication file token too long';

/** Bytes of one UTF-16 code unit in the file's encoding (a surrogate pair is 2 + 2). */
function unitBytes(c: number, latin1: boolean): number {
  if (latin1 || c < 0x80) return 1;
  if (c < 0x800) return 2;
  return c >= 0xd800 && c <= 0xdfff ? 2 : 3;
}

/**
 * Physical lines -> logical lines (tokenize_auth_file's read loop), one at a time. In 10,
 * a line is whatever one fgets() of 8191 bytes returns: a longer line is cut there, that part
 * is an error line ("authentication file line too long", also when the 8191 bytes end with the
 * newline), and the rest is read as the next line, with the next line number.
 */
class LineReader {
  text = '';
  line = 0;
  start = 0;
  end = 0;
  /** PG 10: this chunk filled the whole fgets buffer. */
  tooLong = false;
  private pos = 0;
  private nextLine = 1;
  /** segment starts: offset in text -> offset in file (more than one after a continuation) */
  private readonly segAt: number[] = [];
  private readonly segOff: number[] = [];
  private k = 0;

  /** The file has a NUL byte: lines are read the way pg_get_line_append reads them (see nextWithNul). */
  private readonly hasNul: boolean;
  /** pg_get_line_append's StringInfo: its allocated size (maxlen) persists from line to line. */
  private maxlen = 1024;
  private nulAt = -1;

  constructor(
    private readonly file: SourceFile,
    private readonly major: Major,
  ) {
    this.hasNul = file.text.includes('\0');
  }

  next(): boolean {
    if (this.major === 10) return this.nextChunk();
    if (this.hasNul && this.major >= 14) return this.nextWithNul();
    const text = this.file.text;
    const len = text.length;
    if (this.pos >= len) return false;
    let pos = this.pos;
    let content = '';
    let lastBackslash = 0;
    let continuations = 0;
    this.segAt.length = 0;
    this.segOff.length = 0;
    this.k = 0;
    this.start = pos;
    while (pos < len) {
      const nl = text.indexOf('\n', pos);
      const next = nl === -1 ? len : nl + 1;
      let e = nl === -1 ? len : nl;
      while (e > pos && (text.charCodeAt(e - 1) === 13 || text.charCodeAt(e - 1) === 10)) e--;
      this.segAt.push(content.length);
      this.segOff.push(pos);
      content += text.slice(pos, e);
      this.end = e;
      pos = next;
      if (this.major >= 14 && content.length > lastBackslash && content.endsWith('\\')) {
        content = content.slice(0, -1);
        lastBackslash = content.length;
        continuations++;
        continue;
      }
      break;
    }
    return this.finishLine(pos, content, continuations);
  }

  /** Makes `content` the current logical line, which spans `continuations` extra physical lines. */
  private finishLine(pos: number, content: string, continuations: number): true {
    this.pos = pos;
    this.text = content;
    this.line = this.nextLine;
    this.nextLine += continuations + 1;
    return true;
  }

  /**
   * 11+ with NUL bytes in the file. pg_get_line_append reads with fgets() into a StringInfo and
   * advances by strlen(): what follows a NUL in one fgets() chunk is dropped, and since the chunk
   * then does not end in a newline, reading goes on, so the next physical line is appended to this
   * one (one line number for both). Chunks are as large as the buffer's free space, which starts at
   * 1024 bytes and doubles as lines need it. Seen on 16 and 18: `local all all<NUL> trust`
   * followed by `host all all 10.0.0.0/8 md5` is one line, "invalid authentication method "all"".
   * 12 reads line by line and only cuts at the NUL (13 assumed with 12; 14 brought this reader
   * with line continuations).
   */
  private nextWithNul(): boolean {
    const text = this.file.text;
    const len = text.length;
    const latin1 = this.file.encoding === 'latin1';
    let pos = this.pos;
    if (pos >= len) return false;
    let content = '';
    let bytes = 0;
    let lastBackslash = 0;
    let continuations = 0;
    this.segAt.length = 0;
    this.segOff.length = 0;
    this.k = 0;
    this.start = pos;
    this.end = pos;
    /** pg_get_line_append: false at EOF when nothing was read. */
    const append = (): boolean => {
      const orig = bytes;
      for (;;) {
        if (pos >= len) return bytes > orig;
        // fgets(data + len, maxlen - len): at most maxlen - len - 1 bytes, through the first newline
        const room = this.maxlen - bytes - 1;
        let q = pos;
        let b = 0;
        while (q < len) {
          const u = unitBytes(text.charCodeAt(q), latin1);
          if (b + u > room && b > 0) break;
          b += u;
          q++;
          if (text.charCodeAt(q - 1) === 10) break;
        }
        // the next NUL at or after pos, found once per NUL (amortised linear)
        if (this.nulAt < pos) {
          const i = text.indexOf('\0', pos);
          this.nulAt = i === -1 ? Infinity : i;
        }
        const keep = this.nulAt < q ? this.nulAt : q;
        if (keep > pos) {
          this.segAt.push(content.length);
          this.segOff.push(pos);
          content += text.slice(pos, keep);
          for (let i = pos; i < keep; i++) bytes += unitBytes(text.charCodeAt(i), latin1);
          this.end = keep;
        }
        pos = q;
        if (bytes > orig && content.charCodeAt(content.length - 1) === 10) return true;
        // enlargeStringInfo(buf, 128)
        const needed = 128 + bytes + 1;
        while (needed > this.maxlen) this.maxlen *= 2;
      }
    };
    let any = false;
    while (append()) {
      any = true;
      // pg_strip_crlf
      while (content.length > 0 && (content.charCodeAt(content.length - 1) === 10 || content.charCodeAt(content.length - 1) === 13)) {
        content = content.slice(0, -1);
        bytes--;
      }
      const backslash = this.major >= 14 && content.length > lastBackslash && content.endsWith('\\');
      if (backslash) {
        content = content.slice(0, -1);
        bytes--;
      }
      // Segments emptied by the stripping go; the line ends where its content ends in the file.
      while (this.segAt.length > 1 && this.segAt[this.segAt.length - 1]! >= content.length) {
        this.segAt.pop();
        this.segOff.pop();
      }
      if (this.segAt.length) this.end = this.segOff[this.segAt.length - 1]! + (content.length - this.segAt[this.segAt.length - 1]!);
      if (backslash) {
        lastBackslash = content.length;
        continuations++;
        continue;
      }
      break;
    }
    if (!any) {
      this.pos = len;
      return false;
    }
    if (this.segAt.length === 0) {
      this.segAt.push(0);
      this.segOff.push(this.start);
    }
    return this.finishLine(pos, content, continuations);
  }

  /** PG 10: one fgets() into char[8192]; trailing CR/LF stripped. A character that would
   * straddle the cut (UTF-8 files) goes whole to the next chunk. */
  private nextChunk(): boolean {
    const text = this.file.text;
    const len = text.length;
    const pos = this.pos;
    if (pos >= len) return false;
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? len : nl + 1;
    const latin1 = this.file.encoding === 'latin1';
    let cut = pos;
    let bytes = 0;
    while (cut < lineEnd) {
      const b = unitBytes(text.charCodeAt(cut), latin1);
      if (bytes + b > PG10_MAX_LINE_BYTES) break;
      bytes += b;
      cut++;
    }
    this.tooLong = cut < lineEnd || bytes === PG10_MAX_LINE_BYTES;
    let e = cut;
    while (e > pos && (text.charCodeAt(e - 1) === 13 || text.charCodeAt(e - 1) === 10)) e--;
    this.segAt.length = 0;
    this.segOff.length = 0;
    this.segAt.push(0);
    this.segOff.push(pos);
    this.k = 0;
    this.start = pos;
    this.end = e;
    this.text = text.slice(pos, e);
    this.pos = cut;
    this.line = this.nextLine++;
    return true;
  }

  /** File offset of an offset in the current logical line. */
  at(p: number): number {
    const { segAt, segOff } = this;
    if (this.k >= segAt.length || segAt[this.k]! > p) this.k = 0;
    while (this.k + 1 < segAt.length && segAt[this.k + 1]! <= p) this.k++;
    return segOff[this.k]! + (p - segAt[this.k]!);
  }
}

interface RawToken {
  text: string;
  quoted: boolean;
  start: number;
  end: number;
  comma: boolean;
  /** PG 10: the token outgrew char[MAX_TOKEN]; the rest of the line is discarded. */
  tooLong: boolean;
}

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 13;

/** next_token: returns null at end of line (or comment). Runs are sliced, not copied per char. */
/** Reused for every token: read its fields before the next call. */
const rawToken: RawToken = { text: '', quoted: false, start: 0, end: 0, comma: false, tooLong: false };

function token(text: string, quoted: boolean, start: number, end: number, comma: boolean, tooLong = false): RawToken {
  rawToken.text = text;
  rawToken.quoted = quoted;
  rawToken.start = start;
  rawToken.end = end;
  rawToken.comma = comma;
  rawToken.tooLong = tooLong;
  return rawToken;
}

/** `limit`: PG 10's token buffer (bytes it can store, and whether the file is Latin-1). */
function nextToken(s: string, pos: { i: number }, limit: { bytes: number; latin1: boolean } | null = null): RawToken | null {
  let i = pos.i;
  const n = s.length;
  let c = 0;
  while (i < n && (c = s.charCodeAt(i)) !== 0 && (isBlank(c) || c === 44)) i++;
  const start = i;
  let buf = '';
  let run = i;
  let inQuote = false;
  let wasQuote = false;
  let sawQuote = false;
  let quoted = false;
  let comma = false;
  let end = i;
  let stored = 0; // bytes stored so far, counted only under a limit
  while (i < n && (c = s.charCodeAt(i)) !== 0 && (!isBlank(c) || inQuote)) {
    if (c === 35 && !inQuote) {
      // '#': the rest of the line is a comment
      buf += s.slice(run, i);
      run = i;
      pos.i = n;
      return sawQuote || buf.length > 0 ? token(buf, quoted, start, i, false) : null;
    }
    if (limit !== null) {
      // PG 10 next_token: a full buffer fails on the next character of any kind, even a comma
      // or a closing quote (only end of line, blank or comment end the token in time).
      if (stored >= limit.bytes) {
        pos.i = n;
        return token(buf + s.slice(run, i), quoted, start, i, false, true);
      }
      if (c !== 34 || wasQuote) stored += unitBytes(c, limit.latin1);
    }
    if (c === 44 && !inQuote) {
      comma = true;
      break;
    }
    if (c === 34 && !wasQuote) {
      // a quote that is not appended: close the current run
      buf += s.slice(run, i);
      run = i + 1;
    }
    wasQuote = inQuote && c === 34 ? !wasQuote : false;
    if (c === 34) {
      inQuote = !inQuote;
      sawQuote = true;
      if (buf.length + (i + 1 - run) === 0) quoted = true;
    }
    i++;
    end = i;
  }
  buf += s.slice(run, end);
  pos.i = i;
  if (!sawQuote && buf.length === 0) return null;
  return token(buf, quoted, start, end, comma);
}

/** canonicalize_path, simplified: collapse `//`, `/./`, trailing `/`, and `..` (16+ resolves all of them). */
export function canonicalizePath(p: string, major: Major): string {
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && major >= 16 && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part === '..' && major >= 16 && abs) continue;
    else parts.push(part);
  }
  if (major < 16) {
    // older canonicalize_path only strips trailing ".." components
    while (parts.length >= 2 && parts[parts.length - 1] === '..' && parts[parts.length - 2] !== '..') parts.splice(-2, 2);
  }
  const joined = parts.join('/');
  return abs ? '/' + joined : joined === '' ? '.' : joined;
}

function normalizeForIo(p: string): string {
  return canonicalizePath(p, 18);
}

/** AbsoluteConfigLocation: relative paths are taken from the including file's directory. */
export function absoluteConfigLocation(location: string, callingFile: string, major: Major): string {
  if (location.startsWith('/')) return major >= 16 ? canonicalizePath(location, major) : location;
  const slash = callingFile.lastIndexOf('/');
  const dir = slash <= 0 ? (slash === 0 ? '/' : '.') : callingFile.slice(0, slash);
  return canonicalizePath(dir + '/' + location, major);
}

type Refused = false | 'not-allowed' | 'git-dir';
/** A failed open: PostgreSQL's message, and `reason`, its part after the file name (strerror or ours). */
type OpenResult = { ok: true; file: SourceFile } | { ok: false; message: string; reason: string; enoent: boolean; notAllowed: Refused };

/** The failure of opening `absPath` for `reason`, worded as PostgreSQL words it. */
function openFailure(absPath: string, reason: string, enoent: boolean, notAllowed: Refused): OpenResult {
  return { ok: false, message: `could not open file "${absPath}": ${reason}`, reason, enoent, notAllowed };
}

/** Slots of AuthTokenizer.recentTexts (a power of two), and the longest text shared through it. */
const TEXT_SLOTS = 4096;
const MAX_SHARED_TEXT = 64;

export class AuthTokenizer {
  readonly files: SourceFile[] = [];
  readonly includes: AuthInclude[] = [];
  private readonly cache = new Map<string, SourceFile>();
  private opens = 0;
  /** Tokens and characters read through `@file` and includes so far (MAX_EXPANDED_*). */
  private expandedTokens = 0;
  private expandedChars = 0;
  /** Lines read so far (MAX_AUTH_LINES), and whether reading stopped there. */
  private lineCount = 0;
  private linesCut = false;
  /**
   * Recent token texts, by a cheap hash of their characters: keywords, methods and names repeat from
   * record to record, and each token's text would otherwise be a string of its own. A fixed table
   * (a repeat evicts nothing else; a collision evicts the older text), so its cost does not grow
   * with the file and no string is hashed in full.
   */
  private readonly recentTexts: string[] = new Array<string>(TEXT_SLOTS).fill('');

  private intern(text: string): string {
    const n = text.length;
    if (n === 0 || n > MAX_SHARED_TEXT) return text;
    const h = (n * 31 + text.charCodeAt(0) * 7 + text.charCodeAt(n >> 1) * 17 + text.charCodeAt(n - 1) * 131) & (TEXT_SLOTS - 1);
    const known = this.recentTexts[h]!;
    if (known === text) return known;
    this.recentTexts[h] = text;
    return text;
  }

  constructor(
    private readonly major: Major,
    private readonly io: AuthFileIO,
  ) {}

  tokenize(file: SourceFile): TokenizedAuthFile {
    const lines: AuthLine[] = [];
    this.files.push(file);
    this.tokenizeFile(file, lines, 0);
    return { lines, includes: this.includes, files: this.files };
  }

  /** open_auth_file */
  private open(absPath: string, depth: number, ioPath: string = absPath): OpenResult {
    if (this.major >= 16 && depth > MAX_DEPTH) {
      return openFailure(absPath, 'maximum nesting depth exceeded', false, false);
    }
    if (depth > OLD_SAFETY_DEPTH) {
      return openFailure(absPath, 'nesting too deep (PostgreSQL recurses until it crashes)', false, false);
    }
    if (!this.io.allowed(ioPath)) {
      const refused = this.refused(ioPath);
      return openFailure(absPath, refused.why, false, refused.code);
    }
    if (++this.opens > MAX_OPENS) {
      return openFailure(absPath, `more than ${MAX_OPENS} files opened through @file references and includes (a file referenced over and over); the rest was not read`, false, false);
    }
    const cached = this.cache.get(ioPath);
    if (cached) return { ok: true, file: cached };
    let r: ReturnType<AuthFileIO['read']>;
    try {
      r = this.io.read(ioPath);
    } catch (e) {
      r = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    if (!r.ok) {
      return openFailure(absPath, r.error, r.missing === true, false);
    }
    // Keep the path PostgreSQL would report (file_name column), whatever the caller's display path.
    const file = r.file.absPath === absPath ? r.file : createSourceFile(r.file.path, absPath, r.file.text);
    this.cache.set(ioPath, file);
    if (!this.files.includes(file)) this.files.push(file);
    return { ok: true, file };
  }

  /** Why a path is not allowed: outside the root, or under `.git/`. */
  private refused(ioPath: string): { why: string; code: 'not-allowed' | 'git-dir' } {
    const why = this.io.refusal?.(ioPath);
    return why === GIT_DIR_REFUSAL ? { why, code: 'git-dir' } : { why: 'outside the allowed root', code: 'not-allowed' };
  }

  private tokenizeFile(file: SourceFile, out: AuthLine[], depth: number): void {
    const major = this.major;
    const raw = new LineReader(file, major);
    const map = raw;
    const limit = major === 10 ? { bytes: PG10_MAX_TOKEN_BYTES, latin1: file.encoding === 'latin1' } : null;
    while (raw.next()) {
      // Past an expansion bound, a nested file is left unfinished; the caller reports it.
      if (this.linesCut || (depth > 0 && this.overBudget())) break;
      const fields: AuthField[] = [];
      let error: AuthError | null = raw.tooLong ? { message: LINE_TOO_LONG, file, start: raw.start, end: raw.end } : null;
      const pos = { i: 0 };
      const s = raw.text;
      while (error === null && pos.i < s.length && s[pos.i] !== '\0') {
        // next_field_expand
        const tokens: AuthToken[] = [];
        for (;;) {
          const t = nextToken(s, pos, limit);
          if (t === null) break;
          const start = map.at(t.start);
          const end = t.end > t.start ? map.at(t.end - 1) + 1 : start;
          if (t.tooLong) {
            error = { message: TOKEN_TOO_LONG, file, start, end };
            break;
          }
          const text = this.intern(t.text);
          const tok = t.quoted ? new QuotedToken(text, file, start, end) : new Token(text, file, start, end);
          if (depth > 0) this.expandedTokens++;
          const comma = t.comma; // t is reused by the nested tokenizer below
          if (!t.quoted && t.text.length > 1 && t.text[0] === '@') {
            error = this.expandFile(tok, tokens, depth + 1);
          } else {
            tokens.push(tok);
          }
          if (!comma || error !== null) break;
        }
        // exact-size copies: push() leaves spare capacity, which dominates memory on big files
        if (tokens.length > 0) fields.push({ tokens: tokens.slice() });
      }
      if (fields.length === 0 && error === null) continue;
      if (!this.linesCut && ++this.lineCount > MAX_AUTH_LINES) {
        this.linesCut = true;
        out.push({
          file,
          line: raw.line,
          start: raw.start,
          end: raw.end,
          fields: [],
          error: {
            message: `not read from this line on: more than ${MAX_AUTH_LINES} lines in this file and the files it includes, and pgconf-lint checks only the first ${MAX_AUTH_LINES}`,
            file,
            start: raw.start,
            end: raw.end,
            code: 'limit',
          },
        });
        break;
      }
      const line: AuthLine = { file, line: raw.line, start: raw.start, end: raw.end, fields: fields.slice(), error };
      if (error === null && fields.length === 2 && major >= 16) {
        const handled = this.includeDirective(line, out, depth);
        if (handled) continue;
      }
      out.push(line);
    }
  }

  /** tokenize_expand_file: the tokens of every line of the file, or the first line error. */
  private expandFile(at: AuthToken, tokens: AuthToken[], depth: number): AuthError | null {
    const major = this.major;
    const name = at.text.slice(1);
    const full = absoluteConfigLocation(name, at.file.absPath, major);
    if (this.overBudget()) return this.budgetError(at);
    const opened = this.open(full, depth, normalizeForIo(full));
    if (!opened.ok) {
      let message = opened.message;
      if (major <= 15 && !opened.notAllowed) {
        message = `could not open secondary authentication file "@${name}" as "${full}": ${opened.reason}`;
      }
      return { message, file: at.file, start: at.start, end: at.end, ...(opened.notAllowed ? { code: opened.notAllowed } : {}) };
    }
    this.expandedChars += opened.file.text.length;
    if (this.overBudget()) return this.budgetError(at);
    const inner: AuthLine[] = [];
    this.tokenizeFile(opened.file, inner, depth);
    // The first line error is the result whatever the lines before it hold (PostgreSQL copies
    // their tokens, then drops them): looked for first, so that a bound crossed deeper down is
    // reported at the reference that crossed it.
    const failed = inner.find((l) => l.error !== null);
    if (failed) return failed.error;
    for (const l of inner) {
      for (const f of l.fields) {
        for (const t of f.tokens) {
          // A token of this file was counted when it was read; one passed up from a deeper `@file`
          // counts again at each level it is copied through.
          if (t.via) {
            this.expandedTokens++;
            tokens.push(t);
          } else tokens.push(new ViaToken(t.text, t.quoted, t.file, t.start, t.end, at));
        }
        if (this.overBudget()) return this.budgetError(at);
      }
    }
    // This file itself was cut short at a bound.
    return this.overBudget() ? this.budgetError(at) : null;
  }

  private overBudget(): boolean {
    return this.expandedTokens > MAX_EXPANDED_TOKENS || this.expandedChars > MAX_EXPANDED_CHARS;
  }

  /** The error at the reference (`@file` token or include target) that crossed an expansion bound. */
  private budgetError(at: { file: SourceFile; start: number; end: number }): AuthError {
    const what =
      this.expandedTokens > MAX_EXPANDED_TOKENS
        ? `more than ${MAX_EXPANDED_TOKENS} tokens`
        : `more than ${MAX_EXPANDED_CHARS / (1024 * 1024)} MiB of text`;
    return {
      message: `not expanded: ${what} read through @file references and include directives of this file (a file referenced over and over?); the rest is not read`,
      file: at.file,
      start: at.start,
      end: at.end,
      code: 'limit',
    };
  }

  /** The include / include_if_exists / include_dir records of tokenize_auth_file (16+). */
  private includeDirective(line: AuthLine, out: AuthLine[], depth: number): boolean {
    const first = line.fields[0]!.tokens[0]!;
    const second = line.fields[1]!.tokens[0]!;
    const kind = first.text;
    if (kind !== 'include' && kind !== 'include_if_exists' && kind !== 'include_dir') return false;
    const file = line.file;
    const major = this.major;
    const located = (message: string, notAllowed: Refused | 'limit' = false): AuthError => ({
      message,
      file,
      start: second.start,
      end: second.end,
      ...(notAllowed ? { code: notAllowed } : {}),
    });
    const record = (path: string, skipped: boolean): void => {
      this.includes.push({ kind, file, line: line.line, start: line.start, end: line.end, path, skipped });
    };
    const includeOne = (full: string, missingOk: boolean): AuthError | null => {
      if (this.overBudget()) return located(this.budgetError(second).message, 'limit');
      const opened = this.open(full, depth + 1, normalizeForIo(full));
      if (!opened.ok) {
        if (opened.enoent && missingOk) {
          record(full, true);
          return null;
        }
        return located(opened.message, opened.notAllowed);
      }
      record(full, false);
      this.expandedChars += opened.file.text.length;
      if (this.overBudget()) return located(this.budgetError(second).message, 'limit');
      this.tokenizeFile(opened.file, out, depth + 1);
      return this.overBudget() ? located(this.budgetError(second).message, 'limit') : null;
    };
    if (kind === 'include' || kind === 'include_if_exists') {
      const err = includeOne(absoluteConfigLocation(second.text, file.absPath, major), kind === 'include_if_exists');
      if (err) out.push({ ...line, error: err });
      return true;
    }
    // GetConfFilesInDir
    const dir = absoluteConfigLocation(second.text, file.absPath, major);
    if (!this.io.allowed(normalizeForIo(dir))) {
      const refused = this.refused(normalizeForIo(dir));
      out.push({ ...line, error: located(`could not open directory "${dir}": ${refused.why}`, refused.code) });
      return true;
    }
    let listed: ReturnType<AuthFileIO['listDir']>;
    try {
      listed = this.io.listDir(normalizeForIo(dir));
    } catch (e) {
      listed = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    if (!listed.ok) {
      out.push({ ...line, error: located(`could not open directory "${dir}"`) });
      return true;
    }
    const names = listed.entries
      .filter((e) => !e.isDirectory && e.name.length >= 6 && e.name[0] !== '.' && e.name.endsWith('.conf'))
      .map((e) => canonicalizePath(`${dir}/${e.name}`, major))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const errors: string[] = [];
    let firstErr: AuthError | null = null;
    for (const name of names) {
      const err = includeOne(name, false);
      if (err) {
        errors.push(err.message);
        firstErr ??= err;
      }
    }
    if (firstErr) out.push({ ...line, error: { ...firstErr, message: errors.join('\n') } });
    return true;
  }
}

export function tokenizeAuthFile(file: SourceFile, major: Major, io: AuthFileIO): TokenizedAuthFile {
  return new AuthTokenizer(major, io).tokenize(file);
}

/* ---- regular expressions (regcomp_auth_token, 16+; pg_ident system user in all versions) ---- */

export interface RegexCheck {
  /** pg_regerror text, or null when the pattern compiles. */
  error: string | null;
  /** Number of capturing groups. */
  groups: number;
}

const CLASS_NAMES = new Set(['alnum', 'alpha', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'xdigit', 'word']);
const ESCAPES = new Set([...'abBcdDefmMnrsStuUvwWxyYZA0123456789']);
const DUPMAX = 255;

/**
 * A linear syntax check of a PostgreSQL ARE (REG_ADVANCED) pattern, reporting the
 * pg_regerror message for the common failures. It accepts some patterns the real
 * compiler rejects (collating elements, lookbehind details, "too complex").
 */
export function checkRegex(pattern: string): RegexCheck {
  let groups = 0;
  let depth = 0;
  // what precedes the current position: 'none' (start, '(' or '|'), 'atom', 'quant', 'anchor'
  let prev: 'none' | 'atom' | 'quant' | 'lazy' | 'constraint' = 'none';
  const n = pattern.length;
  let i = 0;
  const fail = (msg: string): RegexCheck => ({ error: msg, groups });
  if (pattern.startsWith('***=')) return { error: null, groups: 0 };
  if (pattern.startsWith('***:')) i = 4;
  if (pattern.startsWith('(?', i) && /^[bceimnpqstwx]*\)/.test(pattern.slice(i + 2, i + 20))) {
    const close = pattern.indexOf(')', i);
    i = close + 1;
  }
  while (i < n) {
    const c = pattern[i]!;
    if (c === '(') {
      if (pattern[i + 1] === '?') {
        const k = pattern[i + 2];
        if (k === ':' || k === '=' || k === '!') i += 3;
        else if (k === '<' && (pattern[i + 3] === '=' || pattern[i + 3] === '!')) i += 4;
        else return fail('quantifier operand invalid');
      } else {
        groups++;
        i++;
      }
      depth++;
      prev = 'none';
      continue;
    }
    if (c === ')') {
      if (depth === 0) return fail('parentheses () not balanced');
      depth--;
      prev = 'atom';
      i++;
      continue;
    }
    if (c === '|') {
      prev = 'none';
      i++;
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      if (prev === 'quant' && c === '?') prev = 'lazy';
      else if (prev !== 'atom') return fail('quantifier operand invalid');
      else prev = 'quant';
      i++;
      continue;
    }
    if (c === '{') {
      if (prev !== 'atom') return fail('quantifier operand invalid');
      const close = pattern.indexOf('}', i);
      if (close === -1) return fail('braces {} not balanced');
      const body = pattern.slice(i + 1, close);
      const m = /^(\d+)(,(\d*))?$/.exec(body);
      if (!m) return fail('invalid repetition count(s)');
      const lo = Number(m[1]);
      const hi = m[3] === undefined || m[3] === '' ? (m[2] ? DUPMAX : lo) : Number(m[3]);
      if (lo > DUPMAX || hi > DUPMAX || lo > hi) return fail('invalid repetition count(s)');
      prev = 'quant';
      i = close + 1;
      continue;
    }
    if (c === '^' || c === '$') {
      prev = 'constraint';
      i++;
      continue;
    }
    if (c === '[') {
      const r = bracket(pattern, i + 1);
      if (typeof r === 'string') return fail(r);
      i = r;
      prev = 'atom';
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= n) return fail('invalid escape \\ sequence');
      const e = pattern[i + 1]!;
      if (/[A-Za-z0-9]/.test(e) && !ESCAPES.has(e)) return fail('invalid escape \\ sequence');
      if (e >= '1' && e <= '9') {
        let j = i + 1;
        while (j < n && pattern[j]! >= '0' && pattern[j]! <= '9') j++;
        if (Number(pattern.slice(i + 1, j)) > groups) return fail('invalid backreference number');
        i = j;
        prev = 'atom';
        continue;
      }
      if ('mMyYAZbB'.includes(e)) {
        prev = e === 'b' ? 'atom' : 'constraint';
        i += 2;
        continue;
      }
      i += 2;
      prev = 'atom';
      continue;
    }
    prev = 'atom';
    i++;
  }
  if (depth !== 0) return fail('parentheses () not balanced');
  return { error: null, groups };
}

/** Bracket expression starting after `[`; returns the index after `]` or an error message. */
function bracket(p: string, i: number): number | string {
  const n = p.length;
  if (p[i] === '^') i++;
  if (p[i] === ']') i++;
  let last = -1;
  while (i < n && p[i] !== ']') {
    if (p[i] === '[' && (p[i + 1] === ':' || p[i + 1] === '.' || p[i + 1] === '=')) {
      const kind = p[i + 1]!;
      const close = p.indexOf(kind + ']', i + 2);
      if (close === -1) return 'brackets [] not balanced';
      const name = p.slice(i + 2, close);
      if (kind === ':' && !CLASS_NAMES.has(name)) return 'invalid character class';
      if (kind !== ':' && [...name].length !== 1) return 'invalid collating element';
      last = kind === ':' ? -1 : name.codePointAt(0)!;
      i = close + 2;
      continue;
    }
    if (p[i] === '-' && last !== -1 && i + 1 < n && p[i + 1] !== ']') {
      let hi = p.codePointAt(i + 1)!;
      let skip = 2;
      if (p[i + 1] === '\\' && i + 2 < n) {
        hi = p.codePointAt(i + 2)!;
        skip = 3;
      }
      if (hi < last) return 'invalid character range';
      last = -1;
      i += skip;
      continue;
    }
    if (p[i] === '\\' && i + 1 < n) {
      last = p.codePointAt(i + 1)!;
      i += 2;
      continue;
    }
    last = p.codePointAt(i)!;
    i++;
  }
  if (i >= n) return 'brackets [] not balanced';
  return i + 1;
}
