import { describe, expect, test } from '@jest/globals';
import { formatG, strtod, strtol } from '../src/catalog/format.js';

/*
 * The C conversions take a short way for the usual input (a short decimal for strtol and strtod, a
 * value whose shortest decimal has at most `precision` digits for %g). These cases sit on the
 * edges of those ways, where the result must still be glibc's.
 */
describe('strtol at the edges of its decimal shortcut', () => {
  test.each([
    ['999999999999999', { value: 999999999999999, end: 15, erange: false }],
    ['9999999999999999', { value: Number(9999999999999999n), end: 16, erange: false }],
    ['123456789012345678', { value: Number(123456789012345678n), end: 18, erange: false }],
    ['9223372036854775807', { value: Number(2n ** 63n - 1n), end: 19, erange: false }],
    ['9223372036854775808', { value: Number(2n ** 63n - 1n), end: 19, erange: true }],
    ['-5x', { value: -5, end: 2, erange: false }],
    ['+7 ', { value: 7, end: 2, erange: false }],
    ['\t 42MB', { value: 42, end: 4, erange: false }],
    ['017', { value: 15, end: 3, erange: false }],
    ['+0', { value: 0, end: 2, erange: false }],
    ['1.5', { value: 1, end: 1, erange: false }],
    ['-', { value: 0, end: 0, erange: false }],
  ])('strtol(%j)', (s, want) => {
    expect(strtol(s)).toEqual(want);
  });
});

describe('strtod tries inf, nan and hex only where they can start', () => {
  test.each([
    ['nan', NaN, 3],
    ['-inf', -Infinity, 4],
    ['INFINITY', Infinity, 8],
    ['0x10', 16, 4],
    ['0X.8', 0.5, 4],
    ['0x', 0, 1],
    ['0', 0, 1],
    ['.5e1', 5, 4],
    ['12.5kB', 12.5, 4],
    ['x', 0, 0],
  ])('strtod(%j)', (s, value, end) => {
    const r = strtod(s);
    expect(r.value).toBe(value);
    expect(r.end).toBe(end);
    expect(r.erange).toBe(false);
  });
  test('underflow: a nonzero input read as zero or a denormal, never a zero one', () => {
    expect(strtod('1e-400').erange).toBe(true);
    expect(strtod('0e-400').erange).toBe(false);
    expect(strtod('0.000').erange).toBe(false);
    expect(strtod('1e400').erange).toBe(true);
  });
});

describe('%g at the edges of its plain-notation shortcut', () => {
  test.each([
    [-1.5, 6, '-1.5'],
    [-0.0001, 6, '-0.0001'],
    [0.00009999, 6, '9.999e-05'],
    [999999, 6, '999999'],
    [1000000, 6, '1e+06'],
    [120, 6, '120'],
    [100.25, 6, '100.25'],
    [0.1 + 0.2, 6, '0.3'],
    [5, 1, '5'],
    [15, 1, '2e+01'],
    [0.25, 1, '0.2'],
    [0.5, 1, '0.5'],
    [123456789012345, 15, '123456789012345'],
    [1e15, 15, '1e+15'],
    [2.5, 17, '2.5'],
  ])('formatG(%p, precision %p) = %s', (x, precision, want) => {
    expect(formatG(x, 'pg', precision)).toBe(want);
  });
});
