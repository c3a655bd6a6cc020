import { describe, expect, it } from '@jest/globals';
import type { ConfFile, ConfLine } from '../src/parse/conf-ast.js';
import { parsePostgresqlConf, parsePostgresqlConfByLexer } from '../src/parse/postgresql-conf.js';
import { createSourceFile } from '../src/source/source.js';

/*
 * parsePostgresqlConf reads the common lines (blank, `#…`, `name [=] value [# comment]` from the
 * first column) with sticky regular expressions and leaves every other line to the lexer, the port
 * of guc-file.l that the differential tests hold to real servers. Here the two ways must give the
 * same lines, field for field, on the forms where their reading of flex's longest match could part:
 * IDs against QUALIFIED_IDs and UNQUOTED_STRINGs, INTEGER against REAL (units, hex, exponents),
 * STRINGs with '' pairs and escapes, comments, blanks and CR after the value, and lines that are errors.
 */

const FIELDS = ['kind', 'line', 'start', 'end', 'commentStart', 'name', 'nameStart', 'nameEnd', 'token', 'raw', 'value', 'valueStart', 'valueEnd', 'directive', 'near', 'code', 'valueRange'] as const;

function dump(conf: ConfFile): unknown {
  return {
    abandonedAtLine: conf.abandonedAtLine,
    truncatedAtLine: conf.truncatedAtLine,
    lines: conf.lines.map((l: ConfLine) => FIELDS.map((k) => (l as unknown as Record<string, unknown>)[k])),
  };
}

function both(text: string, encoding?: 'latin1'): { common: unknown; lexer: unknown } {
  const file = () => {
    const f = createSourceFile('t.conf', '/t.conf', text);
    return encoding ? { ...f, encoding } : f;
  };
  return { common: dump(parsePostgresqlConf(file())), lexer: dump(parsePostgresqlConfByLexer(file())) };
}

/** mulberry32: the same cases on every run. */
function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

const NAMES = ['a', 'work_mem', 'app_1.x', 'x.y.z', 'é', 'A_b9', 'include', 'INCLUDE_DIR', 'include_if_exists', 'a-b', 'a.', 'a.1', '_', 'a:b', '\u{1F600}x'];
const SEPARATORS = ['', ' ', '=', ' = ', '\t=\t', '==', ' =  ', '\r=\r'];
const VALUE_PIECES = ['1', '0', '-', '+', '.', 'e', 'E', '5', 'x', 'X', 'ff', 'MB', "'", "''", '\\', '_', ':', '/', 'a', 'é', '-1', '0x', '1.5', 'e-3', 'e+', '#', '"', ' ', '\0', '\u2028', '\f'];
const TAILS = ['', ' ', ' # c', '#', '\r', ' \r', " 'x'", ' x', '\t#x', ' =', '\v'];

function generatedLine(rnd: (n: number) => number): string {
  let value = '';
  for (let j = 1 + rnd(5); j > 0; j--) value += VALUE_PIECES[rnd(VALUE_PIECES.length)];
  const indent = rnd(8) === 0 ? ' ' : '';
  return indent + NAMES[rnd(NAMES.length)] + SEPARATORS[rnd(SEPARATORS.length)] + value + TAILS[rnd(TAILS.length)];
}

describe('the common-line path reads lines as the lexer does', () => {
  it.each([
    ['ID, QUALIFIED_ID and UNQUOTED_STRING values', 'a = b\na = b.c\na = b.c.d\na = b.c-d\na = b-c\na = en_US.UTF-8\na = Europe/Berlin\na = b.\na = b.1\na = b:c\n'],
    ['names that are not IDs', 'a.b.c = 1\na-b = 1\na.b = 1\na. = 1\n_ = 1\né = 1\nab:c = 1\n'],
    ['numbers', 'a = 8MB\na = 0x1F\na = 0xff\na = 0x\na = 1.5\na = .5\na = .\na = -.\na = +5\na = 5.\na = 1e5\na = 1.5e3\na = 1.5e\na = 1.5E-3\na = 1.5GB\na = 5x.5\na = -x\na = 1_000\na = 077\n'],
    ['strings', "a = 'x'\na = 'it''s'\na = 'a'''\na = 'a' 'b'\na = 'a\\'b'\na = 'a\\\\'\na = 'unterminated\na = '#' # c\na = ''''\na = 'a\\\n"],
    ['tails', "a = 1 # c\na = 1#c\na = 1\t\r\na = 1 2\na = 1 =\na 1\na=1\na =\na\na = # c\n  a = 1\n\ta = 1\n"],
    ['blank and comment lines', '\n \n#\n # x\n\t#\n\r\n'],
    ['includes', "include 'x.conf'\nINCLUDE_DIR = 'd' # c\ninclude_if_exists x\ninclude.x = 1\ninclude = 1.5\n"],
    ['no final newline', 'a = 1'],
    ['a long line', `a = '${'x'.repeat(5000)}'\nb = ${'y'.repeat(5000)}\n`],
  ])('%s', (_, text) => {
    const { common, lexer } = both(text);
    expect(common).toEqual(lexer);
  });

  it('on generated lines, in UTF-8 and Latin-1 files', () => {
    const rnd = random(19);
    for (let f = 0; f < 3000; f++) {
      const lines: string[] = [];
      for (let k = 1 + rnd(8); k > 0; k--) lines.push(generatedLine(rnd));
      const text = lines.join('\n') + (rnd(2) ? '\n' : '');
      const { common, lexer } = both(text, rnd(4) === 0 ? 'latin1' : undefined);
      if (JSON.stringify(common) !== JSON.stringify(lexer)) expect({ text, common }).toEqual({ text, common: lexer });
    }
  });

  it('stops reading after the 100th syntax error in both ways', () => {
    const text = Array.from({ length: 250 }, (_, i) => (i % 2 ? `a${i} = 1` : `a${i} = 1 2`)).join('\n');
    const { common, lexer } = both(text);
    expect(common).toEqual(lexer);
    expect((common as { abandonedAtLine?: number }).abandonedAtLine).toBe(199);
  });
});
