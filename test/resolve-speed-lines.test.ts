import { describe, expect, it } from '@jest/globals';
import { parsePostgresqlConf, sameSpelling } from '../src/parse/postgresql-conf.js';
import type { SettingLine } from '../src/parse/conf-ast.js';
import { computeLineStarts, createSourceFile } from '../src/source/source.js';
import { NameIndex, hashName } from '../src/resolve/name-index.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAll } from '../src/api.js';

/*
 * The pieces of the postgresql.conf reading path that were made cheaper for large files (issue 19):
 * line starts found in one pass, setting lines that read their strings from the file's text when
 * asked, and a name index that asks an item for its key only when a slot holds the same hash.
 */

/** The line starts by the obvious method. */
function naiveStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
  return out;
}

describe('computeLineStarts', () => {
  it.each([
    ['empty', ''],
    ['one line, no newline', 'abc'],
    ['only a newline', '\n'],
    ['only newlines (more lines than the estimate)', '\n'.repeat(1000)],
    ['short lines, then long ones', 'a\n'.repeat(300) + 'x'.repeat(5000) + '\n' + 'b'.repeat(40)],
    ['long lines, then short ones (the estimate runs out late)', 'x'.repeat(2000) + '\n' + 'a\n'.repeat(400)],
    ['lines of exactly 16 characters', ('y'.repeat(15) + '\n').repeat(64)],
    ['lines of 15 characters', ('y'.repeat(14) + '\n').repeat(64)],
    ['long lines only', ('z'.repeat(100) + '\n').repeat(50)],
  ])('%s', (_, text) => {
    expect([...computeLineStarts(text)]).toEqual(naiveStarts(text));
  });

  it('on every length of a text of blank lines around the estimate', () => {
    for (let n = 0; n < 200; n++) {
      const text = '\n'.repeat(n) + 'q'.repeat(n % 7);
      expect([...computeLineStarts(text)]).toEqual(naiveStarts(text));
    }
  });
});

describe('setting lines read their strings from the text', () => {
  const settingsOf = (text: string, encoding?: 'latin1'): SettingLine[] => {
    const f = createSourceFile('t.conf', '/t.conf', text);
    return parsePostgresqlConf(encoding ? { ...f, encoding } : f).lines.filter((l): l is SettingLine => l.kind === 'setting');
  };

  it('name, raw and value, start and end, each time they are asked for', () => {
    const text = "a = 1\n  Work_Mem = '8''MB' # c\nb.c 'x\\ny'\nlast = on";
    const [a, w, b, last] = settingsOf(text);
    for (let k = 0; k < 2; k++) {
      expect([a!.name, a!.raw, a!.value, a!.start, a!.end, a!.token]).toEqual(['a', '1', '1', 0, 5, 'integer']);
      expect([w!.name, w!.raw, w!.value, w!.start, w!.end, w!.nameStart, w!.line]).toEqual(['Work_Mem', "'8''MB'", "8'MB", 6, 30, 8, 2]);
      expect([b!.name, b!.raw, b!.value, b!.line]).toEqual(['b.c', "'x\\ny'", 'x\ny', 3]);
      expect([last!.name, last!.value, last!.start, last!.end]).toEqual(['last', 'on', text.length - 9, text.length]);
    }
  });

  it('takes a plain string as it is between its quotes, and de-escapes the others', () => {
    const values = settingsOf("a = 'plain'\nb = ''\nc = 'it''s'\nd = 'xyz\0'\ne = 'a\\tb'\nf = ''''\n").map((l) => l.value);
    expect(values).toEqual(['plain', '', "it's", 'xy', 'a\tb', "'"]);
  });

  it('de-escapes by the encoding of the file it was read from', () => {
    expect(settingsOf("a = '\\351'")[0]!.value).toBe('\u00e9');
    expect(settingsOf("a = '\\303\\251'")[0]!.value).toBe('\u00e9');
    expect(settingsOf("a = '\\303\\251'", 'latin1')[0]!.value).toBe('\u00c3\u00a9');
  });

  it('sameSpelling compares names as strcmp does (case matters, length first)', () => {
    const [x, y, z, w, v] = settingsOf('work_mem = 1\nwork_mem 2\nWORK_MEM = 3\nwork_me = 4\n  work_mem = 5\n');
    expect(sameSpelling(x!, y!)).toBe(true);
    expect(sameSpelling(x!, v!)).toBe(true);
    expect(sameSpelling(x!, z!)).toBe(false);
    expect(sameSpelling(x!, w!)).toBe(false);
    expect(sameSpelling(w!, x!)).toBe(false);
  });
});

describe('NameIndex.put with a hash given', () => {
  it('asks for keys only where a slot holds the same hash, and finds earlier items', () => {
    const names = ['a', 'b', 'a', 'c', 'b', 'a'];
    const asked: number[] = [];
    const items = names.map((n, i) => ({ n, i }));
    const index = new NameIndex(items, (it) => {
      asked.push(it.i);
      return it.n;
    });
    const before = items.map((it) => index.put(it.i, hashName(it.n)));
    expect(before).toEqual([-1, -1, 0, -1, 1, 2]);
    // Only the repeats compare keys: each asks for its own key and the earlier item's.
    expect(asked.sort((p, q) => p - q)).toEqual([0, 1, 2, 2, 4, 5]);
    expect([...index.keys()]).toEqual(['a', 'b', 'c']);
    expect(index.get('a')).toBe(items[5]);
  });

  it('keeps distinct keys that share a hash apart', () => {
    const items = ['x', 'y', 'x', 'y'].map((n, i) => ({ n, i }));
    const index = new NameIndex(items, (it) => it.n);
    // The same (wrong) hash for every key: only the key comparison tells them apart.
    expect(items.map((it) => index.put(it.i, 7))).toEqual([-1, -1, 0, 1]);
    expect(index.size).toBe(2);
  });
});

describe('assignment keys, derived for names that are no parameter', () => {
  const resolveText = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'pgconf-resolve-speed-'));
    try {
      writeFileSync(join(dir, 'postgresql.conf'), text);
      const { clusters } = resolveAll(['postgresql.conf'], { cwd: dir, root: dir, pgVersion: 18 });
      return clusters[0]!;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('folds A-Z of placeholders and unknown names, maps old aliases, and indexes by key', () => {
    const c = resolveText('App_1.Mode = fast\nFoo_Bar = 1\nSORT_MEM = 1024\nwork_mem = 8MB\nx.y = 1\napp_1.mode = safe\nfoo_bar = 2\n');
    expect(c.assignments.map((a) => [a.seqno, a.key, a.status])).toEqual([
      [1, 'app_1.mode', 'placeholder'],
      [2, 'foo_bar', 'unknown'],
      [3, 'work_mem', 'ok'],
      [4, 'work_mem', 'ok'],
      [5, 'x.y', 'placeholder'],
      [6, 'app_1.mode', 'placeholder'],
      [7, 'foo_bar', 'unknown'],
    ]);
    const [p1, u1, alias, wm, xy, p2, u2] = c.assignments;
    // The same key overrides, whatever the spelling; unknown names override nothing.
    expect(p1!.overriddenBy).toBe(p2);
    expect(alias!.overriddenBy).toBe(wm);
    expect(u1!.overriddenBy).toBeUndefined();
    expect(u2!.overriddenBy).toBeUndefined();
    expect([...c.effective.keys()]).toEqual(['app_1.mode', 'work_mem', 'x.y']);
    expect(c.effective.get('x.y')).toBe(xy);
    expect(c.effective.get('work_mem')).toBe(wm);
    expect(c.effective.get('sort_mem')).toBeUndefined();
  });

  it.each([
    ['the same spelling', 'work_mem = 1MB\nwork_mem = 2MB\n', [true, false], [2, null]],
    ['another case', 'Work_Mem = 1MB\nwork_mem = 2MB\n', [false, false], [2, null]],
    ['an old alias and its parameter, both lower case', 'sort_mem = 1MB\nwork_mem = 2MB\nsort_mem = 3MB\n', [true, false, false], [2, 3, null]],
    ['a placeholder in two cases', 'a.b = 1\nA.b = 2\n', [false, false], [2, null]],
    ['unknown names', 'nope = 1\nnope = 2\n', [false, false], [null, null]],
  ])('ignored only when overridden by an identically spelled entry: %s', (_, text, ignored, by) => {
    const c = resolveText(text);
    expect(c.assignments.map((a) => a.ignored)).toEqual(ignored);
    expect(c.assignments.map((a) => a.overriddenBy?.seqno ?? null)).toEqual(by);
  });

  it('marks an entry overridden by an identically spelled one as ignored', () => {
    const c = resolveText('a.b = 1\nA.B = 2\na.b = 3\n');
    expect(c.assignments.map((a) => [a.key, a.ignored, a.overriddenBy?.seqno ?? null])).toEqual([
      ['a.b', true, 2],
      ['a.b', false, 3],
      ['a.b', false, null],
    ]);
  });
});
