// The rule tester's `output` check (test/support/rule-tester.ts), as ESLint's RuleTester checks it.
import { describe, expect, test } from '@jest/globals';
import type { Diagnostic } from '../src/types.js';
import { assertOutput } from './support/rule-tester.js';

const TEXT = 'work_mem = 8mb\nport = 1\n';
const texts = new Map([['postgresql.conf', TEXT], ['other.conf', 'x = 1\n']]);
const finding = (fix?: Diagnostic['fix'], suppressed = false): Diagnostic => ({
  rule: 'r',
  severity: 'error',
  message: 'm',
  loc: { file: 'postgresql.conf', start: 11, end: 14 },
  ...(fix ? { fix } : {}),
  ...(suppressed ? { suppressed: { kind: 'directive' as const, reason: 'x' } } : {}),
});
const safe = { title: 'MB', edits: [{ loc: { file: 'postgresql.conf', start: 11, end: 14 }, text: '8MB' }], applicability: 'safe' as const };
const unsafe = { title: 'port', edits: [{ loc: { file: 'postgresql.conf', start: 15, end: 24 }, text: '' }], applicability: 'unsafe' as const };
const check = (output: string | Record<string, string> | null | undefined, ds: Diagnostic[]) =>
  () => assertOutput({ code: TEXT, errors: [], ...(output !== undefined ? { output } : {}) }, 'postgresql.conf', ds, texts);

describe('rule tester: output', () => {
  test('a fix without an asserted output fails', () => {
    expect(check(undefined, [finding(safe)])).toThrow(/fixes must be asserted/);
    expect(check(undefined, [finding()])).not.toThrow();
  });
  test('the output is the text after all fixes, safe and unsafe, in one pass', () => {
    expect(check('work_mem = 8MB\n', [finding(safe), finding(unsafe)])).not.toThrow();
    expect(check({ 'postgresql.conf': 'work_mem = 8MB\n' }, [finding(safe), finding(unsafe)])).not.toThrow();
    expect(check('work_mem = 8MB\nport = 1\n', [finding(safe), finding(unsafe)])).toThrow();
    // A file the case does not list must stay as it was.
    expect(check({ 'other.conf': 'x = 1\n' }, [finding(safe)])).toThrow();
  });
  test('null asserts that no finding carries a fix', () => {
    expect(check(null, [finding()])).not.toThrow();
    expect(check(null, [finding(safe)])).toThrow();
  });
  test('an output where nothing changes (the fix is suppressed) fails: use null', () => {
    expect(check(TEXT, [finding(safe, true)])).toThrow(/no fix changes any file/);
  });
});
