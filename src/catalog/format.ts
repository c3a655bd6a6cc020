/**
 * Number helpers that reproduce C library behaviour bit for bit: `%g` output, `strtol(…, 0)`,
 * `strtod` and `rint`. Pure functions; they never throw.
 */

/** Which printf does the formatting: PostgreSQL's own (src/port/snprintf.c, always used from 12)
 * spells infinities and NaN "Infinity"/"NaN"; glibc's (≤11) spells them "inf"/"nan". */
export type PrintfFlavor = 'pg' | 'glibc';

/** C `%g` (precision 6 unless given), e.g. 2e+06, 1e-05, 0.1, 1.23457, -0. */
export function formatG(x: number, flavor: PrintfFlavor = 'pg', precision = 6): string {
  const neg = x < 0 || Object.is(x, -0);
  if (Number.isNaN(x)) return flavor === 'pg' ? 'NaN' : 'nan';
  if (!Number.isFinite(x)) return (neg ? '-' : '') + (flavor === 'pg' ? 'Infinity' : 'inf');
  const sign = neg ? '-' : '';
  if (x === 0) return sign + '0';
  const p = Math.max(precision, 1);
  const a = Math.abs(x);
  // The usual value (0.1, 1.5, 300): when the shortest decimal that reads back as x has at most p
  // significant digits, rounding x to p digits gives those digits (x lies within half an ulp of
  // that decimal, far inside half a step of p digits), and between 1e-4 and 10^p %g writes it in
  // plain notation without trailing zeros, as String() does.
  if (p <= 15 && a >= 1e-4 && a < 10 ** p) {
    const plain = String(a);
    if (significantDigits(plain) <= p) return sign + plain;
  }
  const { digits, exp } = roundToDigits(Math.abs(x), p);
  let out: string;
  if (exp < -4 || exp >= p) {
    const frac = digits.slice(1).replace(/0+$/, '');
    const e = Math.abs(exp).toString().padStart(2, '0');
    out = digits[0] + (frac ? '.' + frac : '') + 'e' + (exp < 0 ? '-' : '+') + e;
  } else if (exp >= 0) {
    const frac = digits.slice(exp + 1).replace(/0+$/, '');
    out = digits.slice(0, exp + 1) + (frac ? '.' + frac : '');
  } else {
    out = ('0.' + '0'.repeat(-exp - 1) + digits).replace(/0+$/, '');
  }
  return sign + out;
}

/** The significant digits of a plain decimal (no exponent): leading and trailing zeros left out. */
function significantDigits(plain: string): number {
  let first = 0;
  while (first < plain.length && (plain[first] === '0' || plain[first] === '.')) first++;
  let last = plain.length - 1;
  while (last > first && (plain[last] === '0' || plain[last] === '.')) last--;
  const dot = plain.indexOf('.', first);
  return last - first + 1 - (dot !== -1 && dot < last ? 1 : 0);
}

/** `p` significant digits of a positive finite x, rounded half-to-even on the exact binary value
 * as glibc does (JavaScript's toExponential rounds exact ties away from zero instead). */
function roundToDigits(x: number, p: number): { digits: string; exp: number } {
  const split = (s: string) => {
    const [m, e] = s.split('e');
    return { digits: m.replace('.', ''), exp: Number(e) };
  };
  const rounded = split(x.toExponential(p - 1));
  const longer = x.toExponential(p);
  const more = split(longer);
  if (more.digits.endsWith('5') && decimalEquals(longer, x)) {
    const truncated = more.digits.slice(0, p);
    if (Number(truncated[p - 1]) % 2 === 0) return { digits: truncated, exp: more.exp };
  }
  return rounded;
}

/** Whether the decimal string (as produced by toExponential) denotes exactly the double x. */
function decimalEquals(dec: string, x: number): boolean {
  const m = /^(\d+)(?:\.(\d*))?e([+-]\d+)$/.exec(dec);
  if (!m) return false;
  const digits = BigInt(m[1] + (m[2] ?? ''));
  const dexp = Number(m[3]) - (m[2]?.length ?? 0);
  const { mant, exp2 } = decompose(x);
  // digits * 10^dexp == mant * 2^exp2, cross-multiplied into integers
  let left = digits * (dexp > 0 ? 10n ** BigInt(dexp) : 1n);
  let right = mant * (exp2 > 0 ? 2n ** BigInt(exp2) : 1n);
  if (dexp < 0) right *= 10n ** BigInt(-dexp);
  if (exp2 < 0) left *= 2n ** BigInt(-exp2);
  return left === right;
}

/** x = mant * 2^exp2 exactly, for a positive finite double. */
function decompose(x: number): { mant: bigint; exp2: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fracBits = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mant: fracBits, exp2: -1074 };
  return { mant: fracBits | (1n << 52n), exp2: biased - 1075 };
}

/** C `rint` under the default rounding mode: round half to even. */
export function rint(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  // Math.round rounds halves up; move exact ties that landed on an odd number back down.
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const C_SPACE = new Set([' ', '\t', '\n', '\v', '\f', '\r']);
/** C isspace in the C locale. */
export function isCSpace(ch: string | undefined): boolean {
  return ch !== undefined && C_SPACE.has(ch);
}

function skipSpace(s: string, i: number): number {
  while (isCSpace(s[i])) i++;
  return i;
}

/** Result of a C conversion: the value, where parsing stopped (== 0 when nothing was consumed)
 * and whether errno would be ERANGE. */
export interface CNumber {
  value: number;
  end: number;
  erange: boolean;
}

const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);

/** glibc `strtol(s, &end, 0)` with a 64-bit long: 0x… hex, leading 0 octal, else decimal. */
export function strtol(s: string): CNumber {
  let i = skipSpace(s, 0);
  let neg = false;
  if (s[i] === '+' || s[i] === '-') neg = s[i++] === '-';
  // The usual number: decimal (no leading 0, which would make it octal), at most 15 digits, so
  // exact as a double and far from LONG_MAX.
  const first = s.charCodeAt(i);
  if (first >= 0x31 && first <= 0x39) {
    let value = first - 0x30;
    let j = i + 1;
    for (let c = s.charCodeAt(j); c >= 0x30 && c <= 0x39 && j - i < 15; c = s.charCodeAt(++j)) value = value * 10 + (c - 0x30);
    const c = s.charCodeAt(j);
    if (!(c >= 0x30 && c <= 0x39)) return { value: neg ? -value : value, end: j, erange: false };
  }
  let base = 10;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
    base = 16;
    i += 2;
  } else if (s[i] === '0') {
    base = 8;
  }
  const digitRe = base === 16 ? /[0-9a-fA-F]/ : base === 8 ? /[0-7]/ : /[0-9]/;
  const start = i;
  while (i < s.length && digitRe.test(s[i])) i++;
  if (i === start) return { value: 0, end: 0, erange: false };
  let big = BigInt((base === 16 ? '0x' : base === 8 ? '0o' : '') + s.slice(start, i));
  if (neg) big = -big;
  if (big > LONG_MAX) return { value: Number(LONG_MAX), end: i, erange: true };
  if (big < LONG_MIN) return { value: Number(LONG_MIN), end: i, erange: true };
  return { value: Number(big), end: i, erange: false };
}

const DBL_MIN = 2.2250738585072014e-308;

/** glibc `strtod`: decimal and hex floats, inf/infinity, nan and nan(chars), with ERANGE on
 * overflow and on inexact underflow (denormal or zero results of nonzero input). */
export function strtod(s: string): CNumber {
  let i = skipSpace(s, 0);
  let neg = false;
  if (s[i] === '+' || s[i] === '-') neg = s[i++] === '-';
  const sign = neg ? -1 : 1;
  const rest = s.slice(i);
  const c = rest[0];
  // inf and nan start with a letter, a hex float with 0x: neither is tried on other input.
  const special = c === 'i' || c === 'I' || c === 'n' || c === 'N' ? /^(inf(inity)?|nan(\([0-9A-Za-z_]*\))?)/i.exec(rest) : null;
  if (special) {
    const isNan = special[0][0] === 'n' || special[0][0] === 'N';
    return { value: isNan ? NaN : sign * Infinity, end: i + special[0].length, erange: false };
  }
  const hex = c === '0' && (rest[1] === 'x' || rest[1] === 'X') ? /^0[xX](?=\.?[0-9a-fA-F])([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?/.exec(rest) : null;
  if (hex) {
    const r = hexToDouble(hex[1], hex[2] ?? '', hex[3]);
    return { value: sign * r.value, end: i + hex[0].length, erange: r.erange };
  }
  const dec = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest);
  if (!dec) return { value: 0, end: 0, erange: false };
  const value = Number(dec[0]);
  // An underflow is a nonzero input read as zero or a denormal.
  const erange = !Number.isFinite(value) || (value < DBL_MIN && /[1-9]/.test(dec[0].replace(/[eE].*$/, '')));
  return { value: sign * value, end: i + dec[0].length, erange };
}

/** Exact round-half-even conversion of a hex float mantissa and binary exponent. */
function hexToDouble(intPart: string, fracPart: string, expText: string | undefined): { value: number; erange: boolean } {
  const mant = BigInt('0x' + (intPart + fracPart || '0'));
  const exp = Number(expText ?? 0) - 4 * fracPart.length;
  if (mant === 0n) return { value: 0, erange: false };
  const bits = mant.toString(2).length;
  const top = bits - 1 + exp;
  if (top > 1023) return { value: Infinity, erange: true };
  const lowest = Math.max(top - 52, -1074);
  const shift = lowest - exp;
  let kept = mant;
  let inexact = false;
  if (shift > 0) {
    kept = mant >> BigInt(shift);
    const dropped = mant - (kept << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    inexact = dropped !== 0n;
    if (dropped > half || (dropped === half && (kept & 1n) === 1n)) kept += 1n;
  } else {
    kept = mant << BigInt(-shift);
  }
  const value = Number(kept) * 2 ** lowest;
  if (!Number.isFinite(value)) return { value, erange: true };
  return { value, erange: inexact && value < DBL_MIN };
}
