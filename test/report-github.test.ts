import { afterAll, describe, expect, test } from '@jest/globals';
import { createSourceFile } from '../src/source/source.js';
import { escapeData, escapeProperty, formatGithub, selectAnnotations, workflowCommand } from '../src/report/github.js';
import type { Diagnostic, Severity } from '../src/types.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

describe('workflow-command escaping', () => {
  test('data escapes %, CR and LF; properties also : and ,', () => {
    expect(escapeData('100% done\r\n::error::x')).toBe('100%25 done%0D%0A::error::x');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  test('a command cannot be split or extended by its values', () => {
    const line = workflowCommand({ kind: 'error', title: 'r,x=1', file: 'dir\n::warning::x/postgresql.conf', startLine: 3, endLine: 3, startColumn: 2, endColumn: 5, message: 'bad\n::set-output name=a::b' });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toBe('::error title=r%2Cx=1,file=dir%0A%3A%3Awarning%3A%3Ax/postgresql.conf,line=3,endLine=3,col=2,endColumn=5::bad%0A::set-output name=a::b');
  });
});

describe('--format github', () => {
  test('one annotation per unsuppressed finding, with title, file, lines and inclusive columns', () => {
    const { result } = lintTree({
      'db/postgresql.conf': '# pgconf-lint disable-next-line invalid-value -- known\nwork_mem = 8mb\nmaintenance_work_mem = 64mb\n',
    });
    const out = formatGithub(result);
    expect(out).toBe(
      '::error title=invalid-value,file=db/postgresql.conf,line=3,endLine=3,col=24,endColumn=27::' +
        escapeData(`${result.diagnostics.find((d) => !d.suppressed)!.message}\n${result.diagnostics.find((d) => !d.suppressed)!.help}`) + '\n',
    );
  });

  test('a clean tree prints nothing', () => {
    expect(formatGithub(lintTree({ 'postgresql.conf': 'work_mem = 8MB\n' }).result)).toBe('');
  });
});

describe('annotation limits', () => {
  const src = createSourceFile('f.conf', '/f.conf', 'x\n'.repeat(100));
  const sources = new Map([['f.conf', src]]);
  const diag = (severity: Severity, line: number): Diagnostic => ({ rule: `r-${severity}`, severity, message: 'm', loc: { file: 'f.conf', start: (line - 1) * 2, end: (line - 1) * 2 + 1 } });
  const many = (severity: Severity, n: number, from: number): Diagnostic[] => Array.from({ length: n }, (_, i) => diag(severity, from + i));

  test('at most 10 per kind, most severe first, then by location; a notice counts the rest', () => {
    const diags = [...many('info', 12, 1), ...many('warning', 12, 20), ...many('error', 12, 40)];
    const sel = selectAnnotations(diags, sources);
    const kinds = sel.annotations.map((a) => a.kind);
    expect(kinds.filter((k) => k === 'error')).toHaveLength(10);
    expect(kinds.filter((k) => k === 'warning')).toHaveLength(10);
    // One notice slot goes to the "left out" notice.
    expect(kinds.filter((k) => k === 'notice')).toHaveLength(9);
    expect(kinds.slice(0, 10).every((k) => k === 'error')).toBe(true);
    expect(sel.annotations.filter((a) => a.kind === 'error').map((a) => a.startLine)).toEqual([40, 41, 42, 43, 44, 45, 46, 47, 48, 49]);
    expect(sel.omitted).toBe(36 - 29);
    expect(sel.notice?.message).toMatch(/^7 more findings not annotated/);
  });

  test('nothing left out: no notice, all notice slots for findings', () => {
    const sel = selectAnnotations(many('info', 10, 1), sources);
    expect(sel.annotations).toHaveLength(10);
    expect(sel.notice).toBeUndefined();
  });

  test('slots the caller uses itself are reserved; the job-wide total is honoured', () => {
    const sel = selectAnnotations(many('error', 12, 1), sources, { reserved: { error: 1 } });
    expect(sel.annotations).toHaveLength(9);
    expect(sel.omitted).toBe(3);
    const small = selectAnnotations([...many('error', 5, 1), ...many('warning', 5, 10)], sources, { total: 6 });
    expect(small.annotations).toHaveLength(5);
    expect(small.annotations.every((a) => a.kind === 'error')).toBe(true);
    expect(small.omitted).toBe(5);
  });

  test('suppressed findings are never annotated', () => {
    const d = { ...diag('error', 1), suppressed: { kind: 'directive' as const, reason: 'ok' } };
    expect(selectAnnotations([d], sources)).toEqual({ annotations: [], omitted: 0 });
  });

  test('multi-line ranges drop columns; a range ending at column 1 ends on the line before', () => {
    const d: Diagnostic = { rule: 'r', severity: 'error', message: 'm', loc: { file: 'f.conf', start: 0, end: 4 } };
    expect(selectAnnotations([d], sources).annotations[0]).toMatchObject({ startLine: 1, endLine: 2 });
    expect(selectAnnotations([d], sources).annotations[0]!.startColumn).toBeUndefined();
    const toNext: Diagnostic = { ...d, loc: { file: 'f.conf', start: 0, end: 2 } };
    expect(selectAnnotations([toNext], sources).annotations[0]).toMatchObject({ startLine: 1, endLine: 1, startColumn: 1 });
  });
});
