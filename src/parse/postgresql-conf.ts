import { foldName } from '../catalog/catalog.js';
import type { SourceFile } from '../source/source.js';
import type { ConfFile, ConfLine, ConfTokenType, ConfValueToken, ErrorLine, IncludeLine, SettingLine } from './conf-ast.js';
import { deescapeConfString, isPlainConfString } from './conf-string.js';

/*
 * A port of the behaviour of guc-file.l (the lexer) and ParseConfigFp (the line grammar).
 * flex takes the longest match and breaks ties by rule order: ID, QUALIFIED_ID, STRING,
 * UNQUOTED_STRING, INTEGER, REAL, "=", then "." (any one character) as GUC_ERROR.
 * No token can contain '\n', so each physical line is lexed on its own.
 */

const LETTER = 1; // [A-Za-z_]; every char >= 0x80 is a LETTER too (\200-\377)
const DIGIT = 2;
const HEX = 4;
const UNIT = 8; // UNIT_LETTER [a-zA-Z]
const PUNCT = 16; // the extra UNQUOTED_STRING chars [-._:/]
const SPACE = 32; // [ \t\r]: form feed, vertical tab and NUL are not whitespace

const CLASS = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = DIGIT | HEX;
for (let c = 0x41; c <= 0x5a; c++) CLASS[c] = LETTER | UNIT | (c <= 0x46 ? HEX : 0);
for (let c = 0x61; c <= 0x7a; c++) CLASS[c] = LETTER | UNIT | (c <= 0x66 ? HEX : 0);
CLASS[0x5f] = LETTER;
for (const ch of '-.:/') CLASS[ch.charCodeAt(0)] = PUNCT;
for (const ch of ' \t\r') CLASS[ch.charCodeAt(0)] = SPACE;

// Past the end of the text charCodeAt gives NaN, and NaN and '\n' are in no class,
// so the loops below stop at the end of the line without bounds checks.
const has = (c: number, cls: number): boolean => ((c >= 0x80 ? LETTER : CLASS[c]!) & cls) !== 0;
const isLetter = (c: number): boolean => c >= 0x80 || (CLASS[c]! & LETTER) !== 0;
const isLetterOrDigit = (c: number): boolean => c >= 0x80 || (CLASS[c]! & (LETTER | DIGIT)) !== 0;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isSign = (c: number): boolean => c === 0x2b || c === 0x2d;

const NL = 0x0a;
const HASH = 0x23;
const QUOTE = 0x27;
const DOT = 0x2e;
const EQUALS = 0x3d;
const BACKSLASH = 0x5c;

type TokenType = ConfTokenType | 'eol';
type ValueToken = ConfValueToken;

/** Lexes one physical line at a time; `type`, `start` and `end` describe the current token. */
class Lexer {
  type: TokenType = 'eol';
  start = 0;
  end = 0;
  /** Offset of a `#` comment on the current line, or -1. */
  commentStart = -1;
  private lineEnd = 0;
  /** End of the last closing quote seen by walkString. */
  private lastClose = -1;
  /** Positions inside a string from which no closing quote can be reached (allocated on first need). */
  private dead: Uint8Array | null = null;

  constructor(private readonly text: string) {}

  reset(lineStart: number, lineEnd: number): void {
    this.end = lineStart;
    this.lineEnd = lineEnd;
    this.commentStart = -1;
    this.type = 'eol';
  }

  next(): TokenType {
    const text = this.text;
    let p = this.end;
    while (p < this.lineEnd && (CLASS[text.charCodeAt(p)]! & SPACE) !== 0) p++;
    this.start = p;
    if (p >= this.lineEnd) return this.token('eol', p);
    const c = text.charCodeAt(p);
    if (c === HASH) {
      this.commentStart = p;
      this.start = this.lineEnd;
      return this.token('eol', this.lineEnd);
    }
    if (isLetter(c)) return this.word(p);
    if (c === QUOTE) return this.string(p);
    if (c === EQUALS) return this.token('equals', p + 1);
    if (isDigit(c) || isSign(c) || c === DOT) return this.number(p);
    return this.token('error', p + 1);
  }

  private token(type: TokenType, end: number): TokenType {
    this.type = type;
    this.end = end;
    return type;
  }

  /** ID, QUALIFIED_ID ({ID}"."{ID}) or UNQUOTED_STRING, which must be strictly longer to win. */
  private word(p: number): TokenType {
    const text = this.text;
    let idEnd = p + 1;
    while (isLetterOrDigit(text.charCodeAt(idEnd))) idEnd++;
    let qualifiedEnd = -1;
    if (text.charCodeAt(idEnd) === DOT && isLetter(text.charCodeAt(idEnd + 1))) {
      qualifiedEnd = idEnd + 2;
      while (isLetterOrDigit(text.charCodeAt(qualifiedEnd))) qualifiedEnd++;
    }
    let unquotedEnd = idEnd;
    while (has(text.charCodeAt(unquotedEnd), LETTER | DIGIT | PUNCT)) unquotedEnd++;
    if (unquotedEnd > Math.max(idEnd, qualifiedEnd)) return this.token('unquoted_string', unquotedEnd);
    if (qualifiedEnd !== -1) return this.token('qualified_id', qualifiedEnd);
    return this.token('id', idEnd);
  }

  /**
   * STRING \'([^'\\\n]|\\.|\'\')*\' with longest match: every quote may close the string, and a
   * quote right after it reopens it (the '' pair). An unterminated string leaves only "." to
   * match, an error token "'".
   */
  private string(p: number): TokenType {
    this.lastClose = -1;
    const failed = this.walkString(p + 1, null);
    const lastClose = this.lastClose;
    if (failed) {
      // Mark the dead end so that later strings starting inside it fail at once: without this,
      // a line like '\'\'\'\'... would be rescanned from every quote (quadratic time).
      this.dead ??= new Uint8Array(this.text.length + 1);
      this.walkString(lastClose === -1 ? p + 1 : lastClose + 1, this.dead);
    }
    return lastClose === -1 ? this.token('error', p + 1) : this.token('string', lastClose);
  }

  /** Follows the string automaton from `i` (inside the quotes), noting closes; false once closed for good. */
  private walkString(i: number, mark: Uint8Array | null): boolean {
    const text = this.text;
    for (;;) {
      if (this.dead !== null && this.dead[i] === 1) return true;
      if (mark !== null) mark[i] = 1;
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.lastClose = i + 1;
        if (text.charCodeAt(i + 1) !== QUOTE) return false;
        i += 2;
      } else if (c === BACKSLASH) {
        const e = text.charCodeAt(i + 1);
        if (e === NL || Number.isNaN(e)) return true;
        i += 2;
      } else if (c === NL || Number.isNaN(c)) {
        return true;
      } else {
        i++;
      }
    }
  }

  /** INTEGER {SIGN}?({DIGIT}+|0x{HEXDIGIT}+){UNIT_LETTER}*, REAL {SIGN}?{DIGIT}*"."{DIGIT}*{EXPONENT}? */
  private number(p: number): TokenType {
    const text = this.text;
    const body = isSign(text.charCodeAt(p)) ? p + 1 : p;
    let integerEnd = -1;
    if (isDigit(text.charCodeAt(body))) {
      let i = body;
      while (isDigit(text.charCodeAt(i))) i++;
      while (has(text.charCodeAt(i), UNIT)) i++;
      integerEnd = i;
      // the hex alternative needs lowercase "0x" and at least one hex digit
      if (text.charCodeAt(body) === 0x30 && text.charCodeAt(body + 1) === 0x78 && has(text.charCodeAt(body + 2), HEX)) {
        let h = body + 2;
        while (has(text.charCodeAt(h), HEX)) h++;
        while (has(text.charCodeAt(h), UNIT)) h++;
        integerEnd = Math.max(integerEnd, h);
      }
    }
    let realEnd = -1;
    let r = body;
    while (isDigit(text.charCodeAt(r))) r++;
    if (text.charCodeAt(r) === DOT) {
      r++;
      while (isDigit(text.charCodeAt(r))) r++;
      const e = text.charCodeAt(r);
      if (e === 0x45 || e === 0x65) {
        let x = r + 1;
        if (isSign(text.charCodeAt(x))) x++;
        if (isDigit(text.charCodeAt(x))) {
          while (isDigit(text.charCodeAt(x))) x++;
          r = x;
        }
      }
      realEnd = r;
    }
    // An INTEGER never contains '.', so the two never tie.
    if (integerEnd === -1 && realEnd === -1) return this.token('error', p + 1);
    return integerEnd > realEnd ? this.token('integer', integerEnd) : this.token('real', realEnd);
  }
}

/** ParseConfigFp's value tokens: a QUALIFIED_ID is not among them. */
function isValueToken(type: TokenType): type is ValueToken {
  return type === 'id' || type === 'string' || type === 'integer' || type === 'real' || type === 'unquoted_string';
}

/** The include directive text[start, end) names, if it names one (case-insensitively). */
function includeDirective(text: string, start: number, end: number): 'include' | 'include_if_exists' | 'include_dir' | null {
  const n = end - start;
  if (n !== 7 && n !== 11 && n !== 17) return null;
  if ((text.charCodeAt(start) | 0x20) !== 0x69) return null; // not i or I
  const lower = foldName(text.slice(start, end));
  return lower === 'include' || lower === 'include_dir' || lower === 'include_if_exists' ? lower : null;
}

/** PostgreSQL prints yytext with %s, so a NUL ends it. */
function printable(token: string): string {
  const nul = token.indexOf('\0');
  return nul === -1 ? token : token.slice(0, nul);
}

const MAX_SYNTAX_ERRORS = 100;

/**
 * Our bound on the lines of one file (ConfFile.truncatedAtLine): twice the largest file of the
 * benchmarks (1,000,000 settings, ~450 MB), so at most ~1 GB of parsed lines per file, however the
 * 64 MiB the file may hold are spent (63 MiB of blank lines are 66 million lines).
 */
export const MAX_CONF_LINES = 2_000_000;

/**
 * Parses postgresql.conf (or an included file or postgresql.auto.conf) as ParseConfigFp does.
 * Every physical line yields one ConfLine, including the empty one after a final '\n'.
 * After the 100th syntax error PostgreSQL stops reading the file; `abandonedAtLine` records that,
 * but the remaining lines are still parsed so that tools can show them.
 */
export function parsePostgresqlConf(file: SourceFile): ConfFile {
  return parseLines(file, true);
}

/** parsePostgresqlConf with every line read by the lexer: for tests that compare the two ways. */
export function parsePostgresqlConfByLexer(file: SourceFile): ConfFile {
  return parseLines(file, false);
}

function parseLines(file: SourceFile, common: boolean): ConfFile {
  const text = file.text;
  const lexer = new Lexer(text);
  const lines: ConfLine[] = [];
  let errors = 0;
  let abandonedAtLine: number | undefined;
  const count = Math.min(file.lineStarts.length, MAX_CONF_LINES);

  const lineStarts = file.lineStarts;
  for (let n = 0; n < count; n++) {
    const start = lineStarts[n]!;
    const end = n + 1 < lineStarts.length ? lineStarts[n + 1]! - 1 : text.length;
    let parsed = common ? commonLine(file, text, n + 1, start, end) : null;
    if (parsed === null) {
      lexer.reset(start, end);
      parsed = parseLine(lexer, file, text, n + 1, start, end);
      if (parsed.kind === 'error' && ++errors === MAX_SYNTAX_ERRORS) abandonedAtLine = n + 1;
    }
    lines.push(parsed);
  }
  const out: ConfFile = abandonedAtLine === undefined ? { file, lines } : { file, lines, abandonedAtLine };
  // The empty text after a final newline is not a line beyond the limit.
  if (count < file.lineStarts.length && file.lineStarts[count]! < text.length) out.truncatedAtLine = count + 1;
  return out;
}

/*
 * The common lines, read with a few sticky regular expressions (native scanning) instead of the
 * lexer's loops: an empty line, a line starting with `#`, and `name [=] value [# comment]` written
 * from the first column. Each expression matches exactly what the lexer would take as that token
 * (longest match included, see commonLine), and anything else, errors included, is left to
 * parseLine. Lines longer than COMMON_MAX are left to it too: a backtracking expression on a line
 * of megabytes could exhaust the expression engine's stack.
 */
const COMMON_MAX = 1024;
/** The rest of an ID (or a QUALIFIED_ID's second part): [A-Za-z0-9_] and every char >= 0x80. */
const ID_REST = /[\w\x80-\uffff]*/y;
/** The rest of an UNQUOTED_STRING: ID chars and [-._:/]. */
const UNQUOTED_REST = /[\w\x80-\uffff.:\/-]*/y;
/**
 * A name: ID or QUALIFIED_ID, not followed by a char that would make the longest match an
 * UNQUOTED_STRING (the lookahead fails after any shorter alternative too, so only the maximal one matches).
 */
const NAME = /[A-Za-z_\x80-\uffff][\w\x80-\uffff]*(?:\.[A-Za-z_\x80-\uffff][\w\x80-\uffff]*)?(?![\w\x80-\uffff.:\/-])/y;
/** Blanks, an optional '=', blanks: where the value starts. */
const SEPARATOR = /[ \t\r]*(?:=[ \t\r]*)?/y;
/**
 * STRING. A match is followed by the tail (blanks, then '#' or the end of the line), never by a
 * quote, so it ends at a quote that cannot start a '' pair: the longest match, as flex takes.
 */
const STRING = /'(?:[^'\\\n]|\\[^\n]|'')*'(?=[ \t\r]*(?:#|\n|(?![\s\S])))/y;
/**
 * INTEGER in decimal, or a hex one that reads as digits and letters; with the tail after it
 * checked, no longer INTEGER (hex) or REAL (it needs a '.') can start here.
 */
const INTEGER = /[+-]?\d+[A-Za-z]*/y;
/** REAL, with its exponent only when digits follow (else flex stops before the 'e'). */
const REAL = /[+-]?\d*\.\d*(?:[eE][+-]?\d+)?/y;
/** After the value: blanks, then a comment or the end of the line. */
const TAIL = /[ \t\r]*(?:#|(?=\n)|(?![\s\S]))/y;

/** Where the common-line expression `re` ends when it matches at `at`, else -1. */
function matchAt(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : -1;
}

/**
 * The line when it is one of the common forms (see COMMON_MAX), else null: parseLine reads it. The
 * expressions are run in place (lastIndex, test) rather than through matchAt: this runs for every
 * line, mostly before it is optimized, where each call costs.
 */
function commonLine(file: SourceFile, text: string, line: number, start: number, end: number): ConfLine | null {
  if (start === end) return { kind: 'blank', line, start, end };
  const c = text.charCodeAt(start);
  if (c === HASH) return { kind: 'comment', line, start, end, commentStart: start };
  if (end - start > COMMON_MAX || !isLetter(c)) return null;
  NAME.lastIndex = start;
  if (!NAME.test(text)) return null;
  const nameEnd = NAME.lastIndex;
  SEPARATOR.lastIndex = nameEnd;
  SEPARATOR.test(text); // it matches everywhere (possibly nothing)
  const valueStart = SEPARATOR.lastIndex;
  const v = text.charCodeAt(valueStart);
  let valueEnd: number;
  let token: number; // the index of the value's token in TOKENS
  if (v === QUOTE) {
    STRING.lastIndex = valueStart;
    valueEnd = STRING.test(text) ? STRING.lastIndex : -1;
    token = STRING_TOKEN;
  } else if (isLetter(v)) {
    // word(): ID, else UNQUOTED_STRING when strictly longer than the ID and the QUALIFIED_ID.
    ID_REST.lastIndex = valueStart + 1;
    ID_REST.test(text);
    const idEnd = ID_REST.lastIndex;
    UNQUOTED_REST.lastIndex = idEnd;
    UNQUOTED_REST.test(text);
    const unquotedEnd = UNQUOTED_REST.lastIndex;
    if (unquotedEnd === idEnd) {
      valueEnd = idEnd;
      token = ID_TOKEN;
    } else {
      // A QUALIFIED_ID as long as the UNQUOTED_STRING wins, and is no value: parseLine reports it.
      if (text.charCodeAt(idEnd) === DOT && isLetter(text.charCodeAt(idEnd + 1)) && matchAt(ID_REST, text, idEnd + 2) === unquotedEnd) return null;
      valueEnd = unquotedEnd;
      token = UNQUOTED_TOKEN;
    }
  } else if (isDigit(v) || isSign(v) || v === DOT) {
    INTEGER.lastIndex = valueStart;
    valueEnd = INTEGER.test(text) ? INTEGER.lastIndex : -1;
    token = INTEGER_TOKEN;
    if (valueEnd === -1 || text.charCodeAt(valueEnd) === DOT) {
      valueEnd = matchAt(REAL, text, valueStart);
      token = REAL_TOKEN;
    }
  } else {
    return null;
  }
  if (valueEnd === -1) return null;
  TAIL.lastIndex = valueEnd;
  if (!TAIL.test(text)) return null;
  const tailEnd = TAIL.lastIndex;
  const commentStart = tailEnd > valueEnd && text.charCodeAt(tailEnd - 1) === HASH ? tailEnd - 1 : undefined;
  // A QUALIFIED_ID name has a '.', so it is never an include directive; nor is a name of another length.
  const n = nameEnd - start;
  const directive = n === 7 || n === 11 || n === 17 ? includeDirective(text, start, nameEnd) : null;
  if (directive === null) return new Setting(line * 8 + token, file, start, nameEnd, valueStart, valueEnd, commentStart);
  return includeLine(file, directive, line, start, end, start, nameEnd, TOKENS[token]!, valueStart, valueEnd, commentStart);
}

/** An include line (rare): built with its strings. */
function includeLine(
  file: SourceFile,
  directive: IncludeLine['directive'],
  line: number,
  start: number,
  end: number,
  nameStart: number,
  nameEnd: number,
  token: ValueToken,
  valueStart: number,
  valueEnd: number,
  commentStart: number | undefined,
): IncludeLine {
  const text = file.text;
  const name = text.slice(nameStart, nameEnd);
  const raw = text.slice(valueStart, valueEnd);
  const value = token === 'string' ? deescapeConfString(raw, file.encoding) : raw;
  return commentStart === undefined
    ? { kind: 'include', directive, line, start, end, name, nameStart, nameEnd, token, raw, value, valueStart, valueEnd }
    : { kind: 'include', directive, line, start, end, name, nameStart, nameEnd, token, raw, value, valueStart, valueEnd, commentStart };
}

/** One physical line: ParseConfigFp's name [=] value EOL, resyncing to the end of line on error. */
function parseLine(
  lexer: Lexer,
  file: SourceFile,
  text: string,
  line: number,
  start: number,
  end: number,
): ConfLine {
  const first = lexer.next();
  const nameStart = lexer.start;
  const nameEnd = lexer.end;
  // Where the value starts (-1: the line has no NAME [=] start), and its first token.
  let valueStart = -1;
  let valueType: TokenType = 'eol';
  // Set (valueEnd !== -1) once the line has proved to be NAME [=] VALUE EOL.
  let valueEnd = -1;
  if (first === 'id' || first === 'qualified_id') {
    if (lexer.next() === 'equals') lexer.next();
    valueStart = lexer.start;
    valueType = lexer.type;
    if (isValueToken(valueType)) {
      const end = lexer.end;
      if (lexer.next() === 'eol') valueEnd = end;
    }
  }

  // Each line object is built in one literal, its comment included: adding a property afterwards
  // would give a million-line file a million extra property arrays to allocate and collect.
  if (first === 'eol') {
    if (lexer.commentStart === -1) return { kind: 'blank', line, start, end };
    return { kind: 'comment', line, start, end, commentStart: lexer.commentStart };
  }
  if (valueEnd === -1) {
    const tokenText = text.slice(lexer.start, lexer.end);
    const near = lexer.type === 'eol' ? 'near end of line' : `near token "${printable(tokenText)}"`;
    const token = lexer.type === 'eol' ? null : { start: lexer.start, end: lexer.end, text: tokenText };
    while (lexer.type !== 'eol') lexer.next(); // resync to end of line, noting any comment
    const { code, valueRange } = syntaxCode(text, valueStart, valueType, lexer.commentStart === -1 ? end : lexer.commentStart, token);
    const e: ErrorLine = { kind: 'error', line, start, end, near, token, code };
    if (valueRange) e.valueRange = valueRange;
    if (valueStart !== -1) e.name = text.slice(nameStart, nameEnd);
    if (lexer.commentStart !== -1) e.commentStart = lexer.commentStart;
    return e;
  }
  const token = valueType as ValueToken;
  const commentStart = lexer.commentStart === -1 ? undefined : lexer.commentStart;
  const directive = first === 'id' ? includeDirective(text, nameStart, nameEnd) : null;
  if (directive === null) return new Setting(line * 8 + TOKENS.indexOf(token), file, nameStart, nameEnd, valueStart, valueEnd, commentStart);
  return includeLine(file, directive, line, start, end, nameStart, nameEnd, token, valueStart, valueEnd, commentStart);
}

const TOKENS: readonly ValueToken[] = ['id', 'string', 'unquoted_string', 'integer', 'real'];
const ID_TOKEN = 0;
const STRING_TOKEN = 1;
const UNQUOTED_TOKEN = 2;
const INTEGER_TOKEN = 3;
const REAL_TOKEN = 4;

/**
 * A setting line as the parser makes it: the most numerous object of a large file, so it holds
 * seven small fields and no string. `kind` is on the prototype; the line number and the value's
 * token share one integer; `start` and `end` come from the file's line starts; and the name, the
 * raw value and the value are read from the file's text when asked for (each read makes a new
 * string, equal to the last). A file of a million settings thus keeps no million names and values
 * alive, and reading it makes none. `commentStart` is always present, undefined without a comment,
 * so that every setting line has one shape.
 */
class Setting implements SettingLine {
  // Declared, and set in the constructor only: a field initializer (or a parameter property)
  // would define every field once more, through a call, before the constructor sets it.
  declare readonly kind: 'setting';
  /** line * 8 + the index of the value's token in TOKENS. */
  declare private readonly bits: number;
  declare private readonly src: SourceFile;
  declare readonly nameStart: number;
  declare readonly nameEnd: number;
  declare readonly valueStart: number;
  declare readonly valueEnd: number;
  declare readonly commentStart: number | undefined;

  constructor(bits: number, src: SourceFile, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, commentStart: number | undefined) {
    this.bits = bits;
    this.src = src;
    this.nameStart = nameStart;
    this.nameEnd = nameEnd;
    this.valueStart = valueStart;
    this.valueEnd = valueEnd;
    this.commentStart = commentStart;
  }

  get line(): number {
    return this.bits >>> 3;
  }

  get token(): ValueToken {
    return TOKENS[this.bits & 7]!;
  }

  get start(): number {
    return this.src.lineStarts[(this.bits >>> 3) - 1]!;
  }

  get end(): number {
    const starts = this.src.lineStarts;
    const line = this.bits >>> 3;
    return line < starts.length ? starts[line]! - 1 : this.src.text.length;
  }

  get name(): string {
    return this.src.text.slice(this.nameStart, this.nameEnd);
  }

  get raw(): string {
    return this.src.text.slice(this.valueStart, this.valueEnd);
  }

  get value(): string {
    const text = this.src.text;
    if ((this.bits & 7) !== STRING_TOKEN) return text.slice(this.valueStart, this.valueEnd);
    // Between the quotes: most strings are their own value (isPlainConfString), and then only that
    // one string is made.
    const inner = text.slice(this.valueStart + 1, this.valueEnd - 1);
    return isPlainConfString(inner) ? inner : deescapeConfString(text.slice(this.valueStart, this.valueEnd), this.src.encoding);
  }

  /** Whether `y` spells its name as this line does, compared in place (one string made, not two). */
  sameName(y: SettingLine): boolean {
    const n = this.nameEnd - this.nameStart;
    if (n !== y.nameEnd - y.nameStart) return false;
    return this.src.text.startsWith(y.name, this.nameStart);
  }
}
Object.defineProperty(Setting.prototype, 'kind', { value: 'setting' });

/** Whether two setting lines spell their names identically (strcmp, as ProcessConfigFileInternal compares them). */
export function sameSpelling(x: SettingLine, y: SettingLine): boolean {
  return x instanceof Setting ? x.sameName(y) : x.name === y.name;
}

/** ErrorLine.code and valueRange: what a tool may do about the error, decided here, where the tokens are. */
function syntaxCode(
  text: string,
  valueStart: number,
  valueType: TokenType,
  valueLimit: number,
  token: ErrorLine['token'],
): Pick<ErrorLine, 'code' | 'valueRange'> {
  if (valueStart === -1) return { code: 'other' };
  if (valueType === 'eol') return { code: 'missing-value' };
  let valueEnd = valueLimit;
  while (valueEnd > valueStart && (CLASS[text.charCodeAt(valueEnd - 1)]! & SPACE) !== 0) valueEnd--;
  let quotable = valueEnd > valueStart;
  for (let i = valueStart; quotable && i < valueEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE || c === BACKSLASH) quotable = false;
  }
  const valueRange = quotable ? { valueRange: { start: valueStart, end: valueEnd } } : {};
  if (token !== null && token.text === '"') return { code: 'double-quotes', ...valueRange };
  return quotable ? { code: 'unquoted-value', ...valueRange } : { code: 'other' };
}

/**
 * The line number PostgreSQL prints for a syntax error. It differs from the physical line in one
 * case: "near end of line" at EOF without a final newline is reported one line early (line 0 for
 * a one-line file), since ParseConfigFp prints ConfigFileLineno - 1 for both EOL and EOF.
 * Checked against PostgreSQL 12, 16 and 18.
 */
export function reportedErrorLine(conf: ConfFile, line: ErrorLine): number {
  const atEof = line.end === conf.file.text.length && !conf.file.text.endsWith('\n');
  return line.token === null && atEof ? line.line - 1 : line.line;
}
