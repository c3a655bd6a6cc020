import { afterAll, describe, expect, test } from '@jest/globals';
import { formatJson } from '../src/report/json.js';
import type { Edit, Loc } from '../src/types.js';
import { deleteLine, fixRule, replaceValue } from './support/fix-rule.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

interface JsonDiagnostic {
  rule: string;
  line: number;
  fix?: { title: string; applicability: string; edits: { file: string; line: number; column: number; endLine: number; endColumn: number; text: string }[] };
}
const json = (files: Record<string, string>, rules: Parameters<typeof lintTree>[2]): JsonDiagnostic[] =>
  (JSON.parse(formatJson(lintTree(files, {}, rules).result)) as { diagnostics: JsonDiagnostic[] }).diagnostics;

describe('JSON report: fix', () => {
  test('title, applicability and edits located as the finding is (1-based, endColumn exclusive)', () => {
    const d = json({ 'db/postgresql.conf': '# memory\nwork_mem = 8MB  # per sort\n' }, [fixRule('test-unit', 'work_mem', 'safe', replaceValue('16MB'), 'Double it')]);
    expect(d).toEqual([
      expect.objectContaining({
        rule: 'test-unit',
        file: 'db/postgresql.conf',
        line: 2,
        column: 12,
        endLine: 2,
        endColumn: 15,
        fix: { title: 'Double it', applicability: 'safe', edits: [{ file: 'db/postgresql.conf', line: 2, column: 12, endLine: 2, endColumn: 15, text: '16MB' }] },
      }),
    ]);
  });

  test('an unsafe fix with several edits, an insertion and a whole-line deletion', () => {
    const two = (value: Loc, text: string): Edit[] => {
      const next = text.indexOf('\n', value.end) + 1;
      return [{ loc: value, text: '2GB' }, { loc: { file: value.file, start: next, end: next }, text: '# was 1GB\n' }];
    };
    const [a] = json({ 'postgresql.conf': 'shared_buffers = 1GB\nmax_connections = 10\n' }, [fixRule('test-two', 'shared_buffers', 'unsafe', two, 'Grow')]);
    expect(a!.fix).toEqual({
      title: 'Grow',
      applicability: 'unsafe',
      edits: [
        { file: 'postgresql.conf', line: 1, column: 18, endLine: 1, endColumn: 21, text: '2GB' },
        { file: 'postgresql.conf', line: 2, column: 1, endLine: 2, endColumn: 1, text: '# was 1GB\n' },
      ],
    });
    const [b] = json({ 'postgresql.conf': 'work_mem = 8MB\nmax_connections = 10\n' }, [fixRule('test-del', 'work_mem', 'unsafe', deleteLine, 'Remove')]);
    expect(b!.fix!.edits).toEqual([{ file: 'postgresql.conf', line: 1, column: 1, endLine: 2, endColumn: 1, text: '' }]);
  });

  test('no fix key on a finding without one; a fix inserting a credential is left out', () => {
    const files = { 'postgresql.conf': 'work_mem = 8MB\nfsync = off\n' };
    const GHS = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
    const d = json(files, [fixRule('test-secret', 'work_mem', 'safe', replaceValue(`'${GHS}'`)), fixRule('test-plain', 'work_mem', 'safe', replaceValue('9MB'))]);
    expect(d.map((x) => [x.rule, x.fix?.edits[0]!.text ?? null])).toEqual([['test-plain', '9MB'], ['test-secret', null]]);
    expect(JSON.stringify(d)).not.toContain('ghs_');
    const fsync = json(files, undefined).find((x) => x.rule === 'fsync-off')!;
    expect(fsync).toBeDefined();
    expect('fix' in fsync).toBe(false);
  });
});
