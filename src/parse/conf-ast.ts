import type { SourceFile } from '../source/source.js';

/** Token kinds of guc-file.l. */
export type ConfTokenType =
  | 'id'
  | 'qualified_id'
  | 'string'
  | 'unquoted_string'
  | 'integer'
  | 'real'
  | 'equals'
  | 'error';

/** The token kind of a value: ParseConfigFp's value tokens (a QUALIFIED_ID is not among them). */
export type ConfValueToken = Exclude<ConfTokenType, 'qualified_id' | 'equals' | 'error'>;

/**
 * A value token as written, on the line that holds it (a setting or an include). `value` is
 * de-escaped for STRING tokens, verbatim for the others; `raw` is the text from `valueStart` to
 * `valueEnd`. Folded into the line rather than an object of its own: a million-line file has
 * hundreds of thousands of them.
 */
export interface ConfValue {
  readonly token: ConfValueToken;
  readonly raw: string;
  readonly value: string;
  readonly valueStart: number;
  readonly valueEnd: number;
}

interface LineBase {
  /** 1-based physical line number. */
  line: number;
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just past the last character of the line, excluding the '\n'. */
  end: number;
  /**
   * Offset of the `#` of a comment on this line, which runs to `end`; absent without one. An
   * offset, not an object with the text: a million-line file has hundreds of thousands of them.
   */
  commentStart?: number;
}

export interface BlankLine extends LineBase {
  kind: 'blank';
}
export interface CommentLine extends LineBase {
  kind: 'comment';
  commentStart: number;
}
/**
 * A setting line. The parser's keeps offsets and derives the rest: `name`, `raw` and `value` are
 * read from the file's text each time they are asked for (a new, equal string each time), `line`,
 * `token`, `start` and `end` from packed integers and the file's line starts. Read a string once
 * per use and keep it in a local; where only a finding needs it, read it only for the finding.
 */
export interface SettingLine extends LineBase, ConfValue {
  readonly kind: 'setting';
  /** Name as written (case preserved). */
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
}
export interface IncludeLine extends LineBase, ConfValue {
  kind: 'include';
  directive: 'include' | 'include_if_exists' | 'include_dir';
  /** Directive as written (e.g. "INCLUDE_IF_EXISTS"). */
  name: string;
  nameStart: number;
  nameEnd: number;
}
export interface ErrorLine extends LineBase {
  kind: 'error';
  /** PostgreSQL's wording without the file/line part: `near token "MB"` or `near end of line`. */
  near: string;
  /** The offending token, or null when PostgreSQL says "near end of line". */
  token: { start: number; end: number; text: string } | null;
  /**
   * What went wrong, for tools (never parse `near`): 'missing-value' — `name [=]` and nothing
   * more; 'double-quotes' — the value is stopped at a `"`; 'unquoted-value' — `name [=]` followed by
   * a value PostgreSQL cannot read unquoted (`/tmp`, `8 MB`, `pg_catalog.english`); 'other'.
   */
  code: ConfSyntaxCode;
  /**
   * With 'unquoted-value' and 'double-quotes': the value as written, from its first token to its
   * last non-blank character before the comment or the end of the line, when it holds no `'` or
   * `\` — so `'` + that text + `'` is one string token with exactly that text.
   */
  valueRange?: { start: number; end: number };
  /** The parameter name as written, when the line starts `name [=]` (an identifier). */
  name?: string;
}

export type ConfSyntaxCode = 'missing-value' | 'double-quotes' | 'unquoted-value' | 'other';

export type ConfLine = BlankLine | CommentLine | SettingLine | IncludeLine | ErrorLine;

export interface ConfFile {
  file: SourceFile;
  /** One entry per physical line, in order; joining the lines' text with '\n' gives back the file. */
  lines: ConfLine[];
  /** Set when PostgreSQL would stop after 100 syntax errors ("too many syntax errors found, abandoning file"): the line number of the 100th error. */
  abandonedAtLine?: number;
  /**
   * Set when the file has more than MAX_CONF_LINES lines: the number of the first line not parsed
   * (`lines` stops before it). A bound of ours, not PostgreSQL's, which reads on: every line costs
   * a few hundred bytes of memory, and 63 MiB of blank lines would otherwise take 5.6 GB.
   */
  truncatedAtLine?: number;
}
