// lint() reports each finding once: a file included by several clusters (or twice by one) is checked
// each time it is read, and the repeats (the same rule, place and message) are dropped, the first
// kept, in order (src/api.ts onceEach).
import { afterAll, describe, expect, test } from '@jest/globals';
import { onceEach } from '../src/linter/merge.js';
import type { Diagnostic } from '../src/types.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

describe('each finding once', () => {
  test('a file two clusters include: its findings once, each cluster\'s own findings kept', () => {
    const { findings } = lintTree(
      {
        'shared/common.conf': 'fsync = off\nwork_mem = 4MB\nwork_mem = 8MB\n',
        'a/postgresql.conf': "include '../shared/common.conf'\nfull_page_writes = off\n",
        'b/postgresql.conf': "include '../shared/common.conf'\nfull_page_writes = off\n",
      },
      { pgVersion: 16 },
    );
    const at = (file: string, rule: string) => findings.filter((f) => f.file === file && f.rule === rule);
    expect(at('shared/common.conf', 'fsync-off')).toHaveLength(1);
    expect(at('shared/common.conf', 'duplicate-setting')).toHaveLength(1);
    // Not repeats: the same rule in another file.
    expect(at('a/postgresql.conf', 'full-page-writes-off')).toHaveLength(1);
    expect(at('b/postgresql.conf', 'full-page-writes-off')).toHaveLength(1);
    // Nothing is listed twice.
    const keys = findings.map((f) => `${f.rule} ${f.file} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('a file one cluster includes twice: read twice, reported once; findings at one place by several rules all kept', () => {
    const { findings } = lintTree({ 'postgresql.conf': "include 'common.conf'\ninclude 'common.conf'\n", 'common.conf': 'fsync = off\n' }, { pgVersion: 16 });
    const shared = findings.filter((f) => f.file === 'common.conf');
    // fsync-off once; duplicate-setting once (the first read's line, overridden by the second read of the same line).
    expect(shared.filter((f) => f.rule === 'fsync-off')).toHaveLength(1);
    expect(shared.filter((f) => f.rule === 'duplicate-setting')).toHaveLength(1);
    const keys = findings.map((f) => `${f.rule} ${f.file} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('onceEach: a repeat is the same rule, file, start, end and message; anything else differing keeps both, in order', () => {
    const d = (rule: string, file: string, start: number, end: number, message: string, severity: Diagnostic['severity'] = 'warning'): Diagnostic => ({ rule, severity, message, loc: { file, start, end } });
    const a = d('r1', 'f', 0, 5, 'm');
    const cases = [d('r2', 'f', 0, 5, 'm'), d('r1', 'g', 0, 5, 'm'), d('r1', 'f', 1, 5, 'm'), d('r1', 'f', 0, 6, 'm'), d('r1', 'f', 0, 5, 'n')];
    expect(onceEach([a, ...cases])).toEqual([a, ...cases]);
    // The repeat (even with another severity) goes; the first is kept, wherever the repeat was.
    const again = d('r1', 'f', 0, 5, 'm', 'error');
    const out = onceEach([cases[0]!, a, cases[1]!, again, cases[4]!, a]);
    expect(out).toEqual([cases[0], a, cases[1], cases[4]]);
    expect(out[1]).toBe(a);
    // Many findings at one place: each compared, none lost.
    const many = Array.from({ length: 500 }, (_, i) => d('r', 'f', 7, 9, `m${i}`));
    expect(onceEach([...many, ...many])).toEqual(many);
  });
});
