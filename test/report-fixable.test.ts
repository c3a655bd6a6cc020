import { afterAll, describe, expect, test } from '@jest/globals';
import { countFixable, fixableSummary, isFixable } from '../src/report/fixable.js';
import { formatText } from '../src/report/text.js';
import { fixRule, replaceValue } from './support/fix-rule.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const CONF = 'work_mem = 8MB\nshared_buffers = 1GB\nmax_connections = 10\n';
const SAFE = fixRule('test-safe', 'work_mem', 'safe', replaceValue('16MB'));
const UNSAFE = fixRule('test-unsafe', 'shared_buffers', 'unsafe', replaceValue('2GB'));
const SAFE2 = fixRule('test-safe2', 'max_connections', 'safe', replaceValue('20'));

describe('fixable findings (src/report/fixable.ts)', () => {
  test('counts the fixes of unsuppressed findings by applicability', () => {
    const { result } = lintTree({ 'postgresql.conf': CONF }, {}, [SAFE, UNSAFE, SAFE2]);
    expect(countFixable(result.diagnostics)).toEqual({ safe: 2, unsafe: 1 });
    const suppressed = lintTree({ 'postgresql.conf': '# pgconf-lint disable-next-line test-safe -- reviewed\n' + CONF }, {}, [SAFE, UNSAFE]).result;
    expect(countFixable(suppressed.diagnostics)).toEqual({ safe: 0, unsafe: 1 });
    expect(suppressed.diagnostics.filter((d) => isFixable(d, true)).map((d) => d.rule)).toEqual(['test-unsafe']);
  });

  test('the summary line, as ruff words it', () => {
    expect(fixableSummary({ safe: 3, unsafe: 2 })).toBe('3 fixable with --fix (2 more with --unsafe-fixes).');
    expect(fixableSummary({ safe: 1, unsafe: 0 })).toBe('1 fixable with --fix.');
    expect(fixableSummary({ safe: 0, unsafe: 2 })).toBe('2 fixable with --unsafe-fixes.');
    expect(fixableSummary({ safe: 0, unsafe: 0 })).toBeUndefined();
  });
});

describe('text report: [*] and the fixable line', () => {
  const lines = (text: string): string[] => text.split('\n');

  test('[*] after the rule of a finding --fix would fix; the last line counts the fixes', () => {
    const { result } = lintTree({ 'postgresql.conf': CONF }, {}, [SAFE, UNSAFE, SAFE2]);
    const out = lines(formatText(result, { color: false }));
    const of = (rule: string): string => out.find((l) => l.includes(`${rule} says`))!;
    // Right after the rule's name, in the one-line form (`... test-safe [*]`) and the framed one (`warning[test-safe] [*]: ...`).
    expect(of('test-safe')).toMatch(/\btest-safe\]? \[\*\]/);
    expect(of('test-safe2')).toMatch(/\btest-safe2\]? \[\*\]/);
    expect(of('test-unsafe')).not.toContain('[*]');
    expect(out.filter((l) => l !== '').at(-1)).toBe('[*] 2 fixable with --fix (1 more with --unsafe-fixes).');
  });

  test('only unsafe fixes: no marker, the line says --unsafe-fixes; no fixes: no line', () => {
    const only = formatText(lintTree({ 'postgresql.conf': CONF }, {}, [UNSAFE]).result, { color: false });
    expect(only).not.toContain('[*]');
    expect(lines(only).filter((l) => l !== '').at(-1)).toBe('1 fixable with --unsafe-fixes.');
    const none = formatText(lintTree({ 'postgresql.conf': 'fsync = off\n' }).result, { color: false });
    expect(none).not.toContain('fixable');
    expect(none).not.toContain('[*]');
  });
});
