import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { SUPPORTED_MAJORS } from '../src/catalog/types.js';
import type { Major } from '../src/catalog/types.js';
import { identFileMappings, parsePgIdent } from '../src/parse/pg-ident.js';
import type { IdentFile } from '../src/parse/pg-ident.js';
import { createSourceFile } from '../src/source/source.js';
import { sampleFile } from './support/test-data.js';
import { memIO } from './support/mem-io.js';

/*
 * Expected rows come from POSTGRES.md §3.5 or from pg_ident_file_mappings on the real
 * servers 16.14 and 18.4 ("[pg 16 18]"; both gave identical rows).
 */


function parse(text: string, major: Major, extra: Record<string, string> = {}): IdentFile {
  const io = memIO({ '/data/pg_ident.conf': text, ...extra });
  return parsePgIdent(createSourceFile('data/pg_ident.conf', '/data/pg_ident.conf', text), major, io);
}

const files = { '/data/inc/names.txt': 'alice\n', '/data/inc/two.txt': 'a b\n', '/data/inc/more.conf': 'm3 x y\nm3 x\n' };

const text = [
  '# comment',
  'mymap a b',
  'mymap a b c',
  'mymap a,b c',
  'mymap a',
  'mymap',
  'm1,m2 a b',
  'mymap /^(.*)$ \\1',
  'mymap /^.*$ \\1',
  'mymap /^(x a',
  'mymap a /^(y',
  'mymap a +grp',
  'mymap a all',
  'mymap a "all"',
  'mymap "/^q" x',
  'mymap @inc/names.txt postgres',
  'mymap @inc/two.txt postgres',
  'include inc/more.conf',
  'mymap /a{3,2} b',
  'mymap /a** b',
  'mymap /[[:foo:]] b',
  'mymap /[z-a] b',
  'mymap /\\q b',
  'mymap /a) b',
  'mymap /x\\2 b',
  'mymap /[abc b',
  'mymap / b',
  '',
].join('\n');

describe('pg_ident.conf (parse_ident_line)', () => {
  it('matches pg_ident_file_mappings [pg 16 18]', () => {
    const rows = identFileMappings(parse(text, 16, files), 16).map((r) => [r.map_number, r.file_name, r.line_number, r.map_name, r.sys_name, r.pg_username, r.error]);
    const F = '/data/pg_ident.conf';
    expect(rows).toEqual([
      [1, F, 2, 'mymap', 'a', 'b', null],
      [2, F, 3, 'mymap', 'a', 'b', null],
      [null, F, 4, null, null, null, 'multiple values in ident field'],
      [null, F, 5, null, null, null, 'missing entry at end of line'],
      [null, F, 6, null, null, null, 'missing entry at end of line'],
      [null, F, 7, null, null, null, 'multiple values in ident field'],
      [3, F, 8, 'mymap', '/^(.*)$', '\\1', null],
      [4, F, 9, 'mymap', '/^.*$', '\\1', null],
      [null, F, 10, null, null, null, 'invalid regular expression "^(x": parentheses () not balanced'],
      [null, F, 11, null, null, null, 'invalid regular expression "^(y": parentheses () not balanced'],
      [5, F, 12, 'mymap', 'a', '+grp', null],
      [6, F, 13, 'mymap', 'a', 'all', null],
      [7, F, 14, 'mymap', 'a', 'all', null],
      [8, F, 15, 'mymap', '/^q', 'x', null],
      [9, F, 16, 'mymap', 'alice', 'postgres', null],
      [null, F, 17, null, null, null, 'multiple values in ident field'],
      [10, '/data/inc/more.conf', 1, 'm3', 'x', 'y', null],
      [null, '/data/inc/more.conf', 2, null, null, null, 'missing entry at end of line'],
      // the comma inside {3,2} splits the token
      [null, F, 19, null, null, null, 'multiple values in ident field'],
      [null, F, 20, null, null, null, 'invalid regular expression "a**": quantifier operand invalid'],
      [null, F, 21, null, null, null, 'invalid regular expression "[[:foo:]]": invalid character class'],
      [null, F, 22, null, null, null, 'invalid regular expression "[z-a]": invalid character range'],
      [null, F, 23, null, null, null, 'invalid regular expression "\\q": invalid escape \\ sequence'],
      [null, F, 24, null, null, null, 'invalid regular expression "a)": parentheses () not balanced'],
      [null, F, 25, null, null, null, 'invalid regular expression "x\\2": invalid backreference number'],
      [null, F, 26, null, null, null, 'invalid regular expression "[abc": brackets [] not balanced'],
      [11, F, 27, 'mymap', '/', 'b', null],
    ]);
  });

  it('uses the 15 columns and pre-16 rules', () => {
    const rows = identFileMappings(parse('mymap a /^(y\ninclude x.conf\nm a b\n', 15), 15);
    expect(rows).toEqual([
      { line_number: 1, map_name: 'mymap', sys_name: 'a', pg_username: '/^(y', error: null },
      { line_number: 2, map_name: null, sys_name: null, pg_username: null, error: 'missing entry at end of line' },
      { line_number: 3, map_name: 'm', sys_name: 'a', pg_username: 'b', error: null },
    ]);
  });

  it('classifies PG-USERNAME by version and flags a \\1 without a group', () => {
    const t = 'm /^x$ \\1\nm /^(x)$ \\1\nm a +g\nm a all\nm a "all"\n';
    const k16 = parse(t, 16).lines.map((l) => [l.record!.pgUser.kind, l.record!.backrefWithoutGroup]);
    expect(k16).toEqual([
      ['literal', true],
      ['literal', false],
      ['group', false],
      ['keyword', false],
      ['literal', false],
    ]);
    expect(parse(t, 15).lines.map((l) => l.record!.pgUser.kind)).toEqual(['literal', 'literal', 'literal', 'literal', 'literal']);
  });

  it('locates problems', () => {
    const src = 'ok a b\nmymap a,b c\nmymap a\n';
    const f = parse(src, 16);
    const [p1, p2] = [f.lines[1]!.problem!, f.lines[2]!.problem!];
    expect(src.slice(p1.start, p1.end)).toBe('b');
    expect(p2.start).toBe(src.indexOf('mymap a\n') + 'mymap a'.length);
    expect(f.loads).toBe(false);
  });

  it('joins continuations on 14+ and expands @file', () => {
    expect(identFileMappings(parse('m a \\\nb\n', 14), 14)[0]).toMatchObject({ line_number: 1, pg_username: 'b' });
    expect(identFileMappings(parse('m a \\\nb\n', 13), 13).map((r) => [r.line_number, r.pg_username, r.error])).toEqual([
      [1, '\\', null],
      [2, null, 'missing entry at end of line'],
    ]);
    expect(identFileMappings(parse('m @inc/names.txt postgres\n', 15, files), 15)[0]!.sys_name).toBe('alice');
  });

  it('parses the sample files of every major without problems', () => {
    for (const major of SUPPORTED_MAJORS) {
      const p = sampleFile(major, 'pg_ident.conf.sample');
      const f = parsePgIdent(createSourceFile('s', p, readFileSync(p)), major, memIO({}));
      expect(f.lines).toEqual([]);
      expect(f.loads).toBe(true);
    }
  });
});
