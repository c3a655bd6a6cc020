import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { SUPPORTED_MAJORS } from '../src/catalog/types.js';
import type { ConfFile, ConfLine, ErrorLine } from '../src/parse/conf-ast.js';
import { deescapeConfString, deescapeConfStringBytes } from '../src/parse/conf-string.js';
import { parsePostgresqlConf, reportedErrorLine } from '../src/parse/postgresql-conf.js';
import { printConf } from '../src/parse/print.js';
import { createSourceFile } from '../src/source/source.js';
import { checkLossless } from './support/conf-lossless.js';
import { sampleFile } from './support/test-data.js';

/*
 * Expectations come from POSTGRES.md §1 or from running the real server
 * (`postgres -C`, reading `near token "X"` from the LOG line). "[pg]" marks cases that POSTGRES.md
 * does not state and that were checked against PostgreSQL 12, 16 and 18 (identical output).
 */

function parse(content: string | Uint8Array): ConfFile {
  return parsePostgresqlConf(createSourceFile('t.conf', '/t.conf', content));
}

function only(content: string): ConfLine {
  const conf = parse(content);
  expect(conf.lines).toHaveLength(1);
  return conf.lines[0]!;
}

/**
 * A line as a plain object of every field it offers: a setting line keeps some of them on its
 * prototype (kind) or derives them (line, token, nameEnd, valueEnd), which toEqual does not see.
 */
function fields(line: ConfLine): object {
  if (line.kind !== 'setting' && line.kind !== 'include') return line;
  const { kind, line: n, start, end, name, nameStart, nameEnd, token, raw, value, valueStart, valueEnd, commentStart } = line;
  return {
    kind,
    ...(line.kind === 'include' ? { directive: line.directive } : {}),
    line: n,
    start,
    end,
    name,
    nameStart,
    nameEnd,
    token,
    raw,
    value,
    valueStart,
    valueEnd,
    ...(commentStart !== undefined ? { commentStart } : {}),
  };
}

function lineOf(content: string): ConfLine {
  return parse(content).lines[0]!;
}

type ValueToken = 'id' | 'string' | 'unquoted_string' | 'integer' | 'real';

describe('valid settings: name, value token kind, raw and value', () => {
  const cases: [input: string, name: string, token: ValueToken, raw: string, value?: string][] = [
    ['work_mem 8MB', 'work_mem', 'integer', '8MB'], // '=' is optional
    ['work_mem = 8MB', 'work_mem', 'integer', '8MB'],
    ['work_mem=8MB', 'work_mem', 'integer', '8MB'],
    ["work_mem = '8 MB'", 'work_mem', 'string', "'8 MB'", '8 MB'],
    ["work_mem = ' 8MB '", 'work_mem', 'string', "' 8MB '", ' 8MB '],
    ["work_mem = '1.5MB'", 'work_mem', 'string', "'1.5MB'", '1.5MB'],
    ["work_mem = '1e4'", 'work_mem', 'string', "'1e4'", '1e4'],
    ['work_mem = 0x2000', 'work_mem', 'integer', '0x2000'],
    ['work_mem = 020000', 'work_mem', 'integer', '020000'],
    ['max_connections = 08', 'max_connections', 'integer', '08'],
    ['work_mem = 0x40B', 'work_mem', 'integer', '0x40B'],
    ['work_mem = 0x8MB', 'work_mem', 'integer', '0x8MB'],
    ['work_mem = 0x40kB', 'work_mem', 'integer', '0x40kB'],
    ['work_mem = 3abc', 'work_mem', 'integer', '3abc'],
    ['work_mem = 1e', 'work_mem', 'integer', '1e'],
    ['work_mem = -1', 'work_mem', 'integer', '-1'],
    ['work_mem = +50', 'work_mem', 'integer', '+50'],
    ['work_mem = 0x', 'work_mem', 'integer', '0x'], // [pg] "invalid value", so lexically fine
    ['work_mem = -0x10', 'work_mem', 'integer', '-0x10'], // [pg] range error, so lexically fine
    ['work_mem = 1.0e4', 'work_mem', 'real', '1.0e4'],
    ['random_page_cost = 1.5', 'random_page_cost', 'real', '1.5'],
    ['random_page_cost = .5', 'random_page_cost', 'real', '.5'],
    ['random_page_cost = 5.', 'random_page_cost', 'real', '5.'],
    ['random_page_cost = -.5', 'random_page_cost', 'real', '-.5'],
    ['random_page_cost = 1.5E1', 'random_page_cost', 'real', '1.5E1'],
    ['random_page_cost = .', 'random_page_cost', 'real', '.'],
    ['work_mem = -.', 'work_mem', 'real', '-.'], // [pg] "invalid value", so lexically fine
    ['wal_level = replica', 'wal_level', 'id', 'replica'],
    ['fsync = on', 'fsync', 'id', 'on'],
    ['shared_preload_libraries = pg_stat_statements', 'shared_preload_libraries', 'id', 'pg_stat_statements'],
    ['application_name = café', 'application_name', 'id', 'café'],
    ['log_destination = stderr', 'log_destination', 'id', 'stderr'],
    ['timezone = Europe/Berlin', 'timezone', 'unquoted_string', 'Europe/Berlin'],
    ['application_name = my-app', 'application_name', 'unquoted_string', 'my-app'],
    ['application_name = a:b', 'application_name', 'unquoted_string', 'a:b'],
    ['application_name = a.b.c', 'application_name', 'unquoted_string', 'a.b.c'],
    ['application_name = a.1b', 'application_name', 'unquoted_string', 'a.1b'], // [pg]
    ['application_name = a.', 'application_name', 'unquoted_string', 'a.'], // [pg]
    ['application_name = a:b/c-d', 'application_name', 'unquoted_string', 'a:b/c-d'], // [pg]
    ["application_name = 'it''s'", 'application_name', 'string', "'it''s'", "it's"],
    ["application_name = 'it\\'s'", 'application_name', 'string', "'it\\'s'", "it's"],
    ["application_name = 'a#b'", 'application_name', 'string', "'a#b'", 'a#b'],
    ["application_name = ''", 'application_name', 'string', "''", ''],
    ["application_name = 'a\\nb'", 'application_name', 'string', "'a\\nb'", 'a\nb'],
    ["application_name = '\\101\\102'", 'application_name', 'string', "'\\101\\102'", 'AB'],
    ["application_name = '\\x41'", 'application_name', 'string', "'\\x41'", 'x41'],
    ["application_name = '''''", 'application_name', 'string', "''''", "'"], // then an error, see below
    ['myext.setting = 42', 'myext.setting', 'integer', '42'],
    ['plpgsql.variable_conflict = bogus', 'plpgsql.variable_conflict', 'id', 'bogus'],
    ['Work_Mem = 1', 'Work_Mem', 'integer', '1'],
    ['MyExt.Setting = 1', 'MyExt.Setting', 'integer', '1'],
    ['_x1 = y', '_x1', 'id', 'y'],
    ['\u00a0 = 1', '\u00a0', 'integer', '1'], // NBSP is a LETTER: [pg] "unrecognized configuration parameter"
    ['\ufeffwork_mem = 8MB', '\ufeffwork_mem', 'integer', '8MB'], // BOM glued to the first name
    ['log_line_prefix\r=\r\tx\r', 'log_line_prefix', 'id', 'x'], // [pg] CR is whitespace
  ];
  // jest passes a done callback for missing trailing arguments, so always pass five
  const rows = cases.map(([input, name, token, raw, value]) => [input, name, token, raw, value ?? raw] as const);
  it.each(rows)('%j', (input, name, token, raw, value) => {
    const line = lineOf(input);
    if (input.endsWith("'''''")) {
      expect(line.kind).toBe('error');
      return;
    }
    expect(line.kind).toBe('setting');
    if (line.kind !== 'setting') return;
    expect(line.name).toBe(name);
    expect(line.token).toBe(token);
    expect(line.raw).toBe(raw);
    expect(line.value).toBe(value);
    expect(input.slice(line.nameStart, line.nameEnd)).toBe(name);
    expect(input.slice(line.valueStart, line.valueEnd)).toBe(raw);
  });
});

describe('syntax errors: the exact `near ...` text', () => {
  const cases: [input: string, near: string][] = [
    ['work_mem = 8 MB', 'MB'],
    ['work_mem = 1.5MB', 'MB'], // [pg] REAL "1.5" then ID "MB"
    ['work_mem = 1e4', '4'], // [pg] INTEGER "1e" then INTEGER "4"
    ['work_mem = 0X2000', '2000'], // [pg]
    ['default_text_search_config = pg_catalog.english', 'pg_catalog.english'],
    ['listen_addresses = *', '*'],
    ['unix_socket_directories = /tmp', '/'], // [pg]
    ['search_path = public,foo', ','], // [pg]
    ['search_path = "$user"', '"'], // [pg]
    ['myext.sub.setting = 1', 'myext.sub.setting'],
    ['a.1b = 1', 'a.1b'],
    ['$x = 1', '$'],
    ['work$mem = 1', '$'], // [pg]
    ['work_mem = 1_000', '_000'], // [pg] INTEGER "1" then ID "_000"
    ['work_mem = -', '-'],
    ['work_mem = +', '+'], // [pg]
    ["application_name = 'abc\\'", "'"],
    ['application_name = "x"', '"'],
    ['work_mem = 4MB;', ';'],
    ["application_name = 'a' 'b'", "'b'"],
    ['work_mem = 8MB \\', '\\'], // [pg]
    ["application_name = 'a' \\ ", '\\'], // [pg]
    ['work_mem = 4MB 8MB', '8MB'],
    ['work_mem = 4MB = 5MB', '='], // [pg]
    ['work_mem = 8MB\f', '\f'], // [pg] form feed is not whitespace
    ['work_mem = 8MB\v', '\v'],
    ['work_mem = 1 \u0001', '\u0001'], // [pg]
    ['work_mem = 8MB\0', ''], // [pg] flex's "." matches NUL; %s prints nothing
    ['work_mem\0 = 1', ''], // [pg]
    ['include_if_exists nope.conf', 'nope.conf'],
    ['include_if_exists = nope.conf', 'nope.conf'], // [pg]
    ['include_dir conf.d', 'conf.d'], // [pg]
    ['= 1', '='], // [pg]
    ["'work_mem' = 1", "'work_mem'"], // [pg]
    ['8MB = 1', '8MB'], // [pg]
    ['work_mem == 1', '='], // [pg]
    ['work_mem = 0xg1', '1'], // [pg] INTEGER "0xg"
    ['work_mem = 1.5.5', '.5'], // [pg]
    ['work_mem = 1.e5x', 'x'], // [pg] REAL "1.e5"
    ['work_mem = 1.5e', 'e'], // [pg] no exponent without digits
    ['work_mem = 1.5e+', 'e'], // [pg]
    ['application_name = a+b', '+'], // [pg]
    ["work_mem = 8MB'x'", "'x'"], // [pg]
    ["application_name = 'x'y", 'y'], // [pg]
    ['work_mem = .5.', '.'], // [pg]
    ['work_mem = --1', '-'], // [pg]
    ['work_mem = 8MB\tx', 'x'], // [pg]
    ['myext.x.= 1', 'myext.x.'], // [pg]
    ['myext. = 1', 'myext.'], // [pg]
    ["application_name = '''''", "'"], // [pg] STRING "''''" then an unterminated "'"
  ];
  it.each(cases)('%j', (input, token) => {
    const line = only(input);
    expect(line.kind).toBe('error');
    if (line.kind !== 'error') return;
    expect(line.near).toBe(`near token "${token}"`);
    expect(line.token).not.toBeNull();
  });

  const endOfLine = ['work_mem =', 'work_mem', 'work_mem # 8MB', 'work_mem = # 8MB', 'myext.x', 'work_mem =\r'];
  it.each(endOfLine)('%j is "near end of line"', (input) => {
    const line = only(input);
    expect(line).toMatchObject({ kind: 'error', near: 'near end of line', token: null });
  });

  it('locates the error token', () => {
    const input = 'work_mem = 4MB 8MB # c';
    const line = only(input);
    expect(line).toMatchObject({ kind: 'error', token: { start: 15, end: 18, text: '8MB' } });
    expect(line.commentStart).toBe(19);
    expect(input.slice(line.commentStart, line.end)).toBe('# c');
  });

  it('keeps the NUL in token.text while `near` prints up to it', () => {
    expect(only('work_mem = 8MB\0')).toMatchObject({ near: 'near token ""', token: { start: 14, end: 15, text: '\0' } });
  });
});

describe('include directives', () => {
  const cases: [input: string, directive: string, raw: string, value: string][] = [
    ["include 'x.conf'", 'include', "'x.conf'", 'x.conf'],
    ["include = 'x.conf'", 'include', "'x.conf'", 'x.conf'],
    ["INCLUDE_IF_EXISTS 'nope.conf'", 'include_if_exists', "'nope.conf'", 'nope.conf'],
    ["Include_Dir 'conf.d'", 'include_dir', "'conf.d'", 'conf.d'],
    ['include x', 'include', 'x', 'x'],
    ['include_dir conf/d', 'include_dir', 'conf/d', 'conf/d'],
  ];
  it.each(cases)('%j', (input, directive, raw, value) => {
    const line = only(input);
    expect(line).toMatchObject({ kind: 'include', directive, raw, value });
  });

  it('keeps the directive as written', () => {
    expect(only("INCLUDE_IF_EXISTS 'a'")).toMatchObject({ name: 'INCLUDE_IF_EXISTS', nameStart: 0, nameEnd: 17 });
  });

  it.each(['include.x = 1', 'includex = 1', '\ufeffinclude = 1', 'include_if_exist = 1'])('%j is a setting', (input) => {
    expect(only(input).kind).toBe('setting');
  });

  it('folds ASCII only (no Unicode case folding)', () => {
    // U+0130 lowercases to "i̇" in JavaScript; guc_name_compare only folds A-Z.
    expect(only('\u0130nclude = 1').kind).toBe('setting');
  });
});

describe('lines, comments and offsets', () => {
  it.each([
    ['work_mem =   # none', { code: 'missing-value', name: 'work_mem' }],
    ['work_mem', { code: 'missing-value', name: 'work_mem' }],
    ['dir = /var/run/pg  # c', { code: 'unquoted-value', name: 'dir', valueRange: { start: 6, end: 17 } }],
    ['work_mem 8 MB\r', { code: 'unquoted-value', name: 'work_mem', valueRange: { start: 9, end: 13 } }],
    ['a.b = x y', { code: 'unquoted-value', name: 'a.b', valueRange: { start: 6, end: 9 } }],
    ['p = "$user", public', { code: 'double-quotes', name: 'p', valueRange: { start: 4, end: 19 } }],
    [`p = "it's"`, { code: 'double-quotes', name: 'p' }],
    ["x = 'a' 'b'", { code: 'other', name: 'x' }],
    ['x = a\\b c', { code: 'other', name: 'x' }],
    ['a.b.c = 1', { code: 'other' }],
    ['= 1', { code: 'other' }],
  ])('error line %j: code, name and the quotable value range', (text, want) => {
    const line = parse(text).lines[0]!;
    expect(line.kind).toBe('error');
    const { code, name, valueRange } = line as Extract<typeof line, { kind: 'error' }>;
    expect({ code, ...(name !== undefined ? { name } : {}), ...(valueRange ? { valueRange } : {}) }).toEqual(want);
  });

  it('gives exact offsets on a CRLF file without a final newline', () => {
    const text = "# c\r\nwork_mem = 8MB  # x\r\n\r\nbad line x\n  shared_buffers='1GB'";
    const conf = parse(text);
    expect(text.length).toBe(61);
    expect(conf.lines.map(fields)).toEqual([
      { kind: 'comment', line: 1, start: 0, end: 4, commentStart: 0 },
      {
        kind: 'setting',
        line: 2,
        start: 5,
        end: 25,
        name: 'work_mem',
        nameStart: 5,
        nameEnd: 13,
        token: 'integer',
        raw: '8MB',
        value: '8MB',
        valueStart: 16,
        valueEnd: 19,
        commentStart: 21,
      },
      { kind: 'blank', line: 3, start: 26, end: 27 },
      {
        kind: 'error',
        line: 4,
        start: 28,
        end: 38,
        near: 'near token "x"',
        token: { start: 37, end: 38, text: 'x' },
        code: 'unquoted-value',
        name: 'bad',
        valueRange: { start: 32, end: 38 },
      },
      {
        kind: 'setting',
        line: 5,
        start: 39,
        end: 61,
        name: 'shared_buffers',
        nameStart: 41,
        nameEnd: 55,
        token: 'string',
        raw: "'1GB'",
        value: '1GB',
        valueStart: 56,
        valueEnd: 61,
      },
    ]);
    expect(conf.abandonedAtLine).toBeUndefined();
  });

  it('gives a final empty line after a trailing newline, and one line for an empty file', () => {
    expect(parse('a = 1\n').lines.map((l) => [l.kind, l.start, l.end])).toEqual([
      ['setting', 0, 5],
      ['blank', 6, 6],
    ]);
    expect(parse('').lines).toEqual([{ kind: 'blank', line: 1, start: 0, end: 0 }]);
  });

  it('glues nothing to a comment: 8MB#x is 8MB', () => {
    const line = only('work_mem = 8MB#x');
    expect(line).toMatchObject({ kind: 'setting', raw: '8MB', commentStart: 14, end: 16 });
  });

  it('treats # inside a string as data, and sees the comment after an error', () => {
    expect(only("a = 'x#y' # c")).toMatchObject({ value: 'x#y', commentStart: 10 });
    expect(only("a = 1 2 'q#r' # c")).toMatchObject({ kind: 'error', near: 'near token "2"', commentStart: 14 });
    expect(only("$ 'unterminated # c")).toMatchObject({ kind: 'error', commentStart: 16 });
  });

  it('recognizes a comment-only line with leading whitespace', () => {
    expect(only(' \t#x')).toEqual({ kind: 'comment', line: 1, start: 0, end: 4, commentStart: 2 });
    expect(only(' \t\r').kind).toBe('blank');
  });

  it('numbers lines and keeps going after errors', () => {
    const conf = parse('a = 1\n$\nb 2\nc 3 4\nd = 4');
    expect(conf.lines.map((l) => [l.line, l.kind])).toEqual([
      [1, 'setting'],
      [2, 'error'],
      [3, 'setting'],
      [4, 'error'],
      [5, 'setting'],
    ]);
  });

  it('decodes strings with the file encoding (Latin-1 file)', () => {
    const bytes = Uint8Array.from([...Buffer.from("a = 'caf"), 0xe9, ...Buffer.from("'\n")]);
    const conf = parse(bytes);
    expect(conf.file.encoding).toBe('latin1');
    expect(conf.lines[0]).toMatchObject({ kind: 'setting', value: 'caf\u00e9' });
  });
});

describe('100 syntax errors', () => {
  it('abandons the file at the 100th error ([pg]: it stops reading)', () => {
    // [pg] 99 lines "x", 3 valid lines, then "x" on line 103 is the 100th error
    const text = 'x\n'.repeat(99) + 'work_mem=1\n'.repeat(3) + 'x\n' + 'x = 1\n';
    const conf = parse(text);
    expect(conf.abandonedAtLine).toBe(103);
    expect(conf.lines[103]).toMatchObject({ kind: 'setting', line: 104 });
  });

  it('does not abandon at 99 errors', () => {
    expect(parse('$\n'.repeat(99) + 'a = 1').abandonedAtLine).toBeUndefined();
  });
});

describe('reportedErrorLine', () => {
  const cases: [text: string, line: number, reported: number][] = [
    ['work_mem =', 1, 0], // [pg] "line 0, near end of line"
    ['work_mem', 1, 0], // [pg]
    ['x = 1\nwork_mem =', 2, 1], // [pg]
    ['work_mem = 8MB\n\nwork_mem # 8MB\n', 3, 3], // [pg]
    ['work_mem = 1 2', 1, 1],
  ];
  it.each(cases)('%j', (text, lineNo, reported) => {
    const conf = parse(text);
    const line = conf.lines[lineNo - 1] as ErrorLine;
    expect(line.kind).toBe('error');
    expect(reportedErrorLine(conf, line)).toBe(reported);
  });
});

describe('deescapeConfString', () => {
  const cases: [raw: string, value: string][] = [
    ["'abc'", 'abc'],
    ["''", ''],
    ["'it''s'", "it's"],
    ["''''", "'"],
    ["'it\\'s'", "it's"],
    ["'\\\\'", '\\'],
    ["'\\b\\f\\n\\r\\t'", '\b\f\n\r\t'],
    ["'\\101\\102'", 'AB'],
    ["'\\1010'", 'A0'],
    ["'\\x41'", 'x41'],
    ["'\\q'", 'q'],
    ["'\\303\\251'", 'é'], // [pg] stores the bytes C3 A9
    ["'\\351'", '\u00e9'], // [pg] stores the byte E9: not UTF-8, so Latin-1
    ["'\\777x\\1010\\x41\\q'", '\u00ffxA0x41q'], // [pg] bytes FF 78 41 30 78 34 31 71
    ["'a\\0b'", 'a'], // [pg] an escaped NUL ends the value
    ["'a\\400b'", 'a'], // [pg] (char) 0400 is 0
    ["'a\0b'", ''], // [pg] a raw NUL cuts yytext, and the char before it is taken for the quote
    ["'xyz\0'", 'xy'], // [pg]
    ["'x\\\0'", 'x'], // [pg]
    ["'x''\0'", 'x'], // [pg]
    ["'ab\\101\0'", 'ab'], // [pg]
    ["'ab\\\r'", 'ab\r'], // [pg]
    ["'a#b'", 'a#b'],
  ];
  it.each(cases)('%j', (raw, value) => {
    expect(deescapeConfString(raw)).toBe(value);
  });

  it('returns the bytes PostgreSQL stores', () => {
    expect([...deescapeConfStringBytes("'\\303\\251'")]).toEqual([0xc3, 0xa9]);
    expect([...deescapeConfStringBytes("'\\777x\\1010\\x41\\q'")]).toEqual([0xff, 0x78, 0x41, 0x30, 0x78, 0x34, 0x31, 0x71]);
    expect([...deescapeConfStringBytes("'aé\\351'")]).toEqual([0x61, 0xc3, 0xa9, 0xe9]); // [pg]
    expect([...deescapeConfStringBytes("'\u00e9'", 'latin1')]).toEqual([0xe9]);
  });

  it('falls back to Latin-1 for the whole value when the bytes are not UTF-8', () => {
    expect(deescapeConfString("'é\\351'")).toBe('\u00c3\u00a9\u00e9');
    expect(deescapeConfString("'\u00e9\\351'", 'latin1')).toBe('\u00e9\u00e9');
    expect(deescapeConfString("'\\303\\251'", 'latin1')).toBe('\u00c3\u00a9');
  });
});

describe('lossless', () => {

  // The real-world corpus is checked the same way by test/corpus/parse-postgresql-conf.corpus.test.ts.
  const samples = SUPPORTED_MAJORS.map((m) => sampleFile(m, 'postgresql.conf.sample'));

  it.each(samples)('%s', (path) => {
    const file = createSourceFile(path, path, readFileSync(path));
    checkLossless(file.text, parsePostgresqlConf(file));
  });

  it.each(samples)('%s has no syntax errors', (path) => {
    const conf = parsePostgresqlConf(createSourceFile(path, path, readFileSync(path)));
    expect(conf.lines.filter((l) => l.kind === 'error')).toEqual([]);
    expect(conf.lines.some((l) => l.kind === 'comment')).toBe(true);
  });

  it('round-trips random text made of the tricky characters', () => {
    const alphabet = ["'", '\\', '#', '=', '.', '-', '0', 'x', 'a', 'é', ' ', '\t', '\r', '\n', '\0', '\f', '"', '$', '1', 'e'];
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      let text = '';
      const length = random(200);
      for (let i = 0; i < length; i++) text += alphabet[random(alphabet.length)];
      checkLossless(text, parse(text));
    }
  });
});

// Inputs that would make a backtracking scanner quadratic; timing lives in scripts/bench.
describe('pathological inputs', () => {
  it.each([
    ["a = '" + "\\'".repeat(200_000), 'unterminated strings that could be rescanned from every quote'],
    ["a = '" + "''".repeat(200_000) + '\\', 'quote pairs'],
    ['a = ' + 'a.'.repeat(200_000), 'a long unquoted string'],
    ['x'.repeat(400_000), 'a long name'],
  ])('%#: %s', (text) => {
    const conf = parse(text);
    expect(printConf(conf)).toBe(text);
  });
});
