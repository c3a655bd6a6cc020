/**
 * The client address dimension of the access diff (src/diff/access.ts): IPv4 and IPv6 are two
 * separate number lines (PostgreSQL's check_ip compares only addresses of the same family, see
 * access.ts), each set of addresses a sorted list of half-open integer ranges.
 */
import { formatAddress } from '../parse/pg-hba.js';

export type Family = 4 | 6;

/** [lo, hi): hi is exclusive, so the whole IPv4 line is [0, 2^32). */
export interface Range {
  lo: bigint;
  hi: bigint;
}

export const SPACE: Record<Family, bigint> = { 4: 1n << 32n, 6: 1n << 128n };
const WIDTH: Record<Family, number> = { 4: 32, 6: 128 };

/** A non-contiguous netmask matches 2^k separate blocks: past this many we do not enumerate them. */
export const MAX_MASK_PIECES = 4096;

export function bytesToBig(bytes: readonly number[]): bigint {
  // four bytes at a time: one bigint operation per 32 bits
  let v = 0n;
  for (let i = 0; i < bytes.length; i += 4) {
    v = (v << 32n) | BigInt((((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0));
  }
  return v;
}

function bigToBytes(v: bigint, family: Family): number[] {
  const n = family === 4 ? 4 : 16;
  const out = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/**
 * The addresses pg_range_sockaddr accepts for a record's address and mask: each bit under the mask
 * equals the record address's bit (the address's bits outside the mask do not matter). A
 * contiguous mask is one range; a non-contiguous one is one block per combination of the free bits
 * above its lowest set bit, or null when that is more than MAX_MASK_PIECES blocks.
 */
export function maskRanges(bytes: readonly number[], mask: readonly number[], prefix: number | null = null): Range[] | null {
  const family: Family = bytes.length === 4 ? 4 : 6;
  const width = WIDTH[family];
  if (prefix !== null) {
    // contiguous: one block, computed without walking the bits
    const host = BigInt(width - prefix);
    const lo = (bytesToBig(bytes) >> host) << host;
    return [{ lo, hi: lo + (1n << host) }];
  }
  const m = bytesToBig(mask);
  const base = bytesToBig(bytes) & m;
  if (m === 0n) return [{ lo: 0n, hi: SPACE[family] }];
  let p = 0;
  while (((m >> BigInt(p)) & 1n) === 0n) p++;
  const block = 1n << BigInt(p);
  const free: number[] = [];
  for (let q = p + 1; q < width; q++) if (((m >> BigInt(q)) & 1n) === 0n) free.push(q);
  if (free.length > Math.log2(MAX_MASK_PIECES)) return null;
  const starts: bigint[] = [];
  for (let c = 0; c < 1 << free.length; c++) {
    let s = base;
    for (let k = 0; k < free.length; k++) if (c & (1 << k)) s |= 1n << BigInt(free[k]!);
    starts.push(s);
  }
  starts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return normalize(starts.map((lo) => ({ lo, hi: lo + block })));
}

/** Sorted, disjoint, adjacent ranges joined. */
export function normalize(ranges: Range[]): Range[] {
  const s = ranges.filter((r) => r.lo < r.hi).sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: Range[] = [];
  for (const r of s) {
    const last = out[out.length - 1];
    if (last && r.lo <= last.hi) {
      if (r.hi > last.hi) last.hi = r.hi;
    } else out.push({ lo: r.lo, hi: r.hi });
  }
  return out;
}

export function complement(ranges: readonly Range[], family: Family): Range[] {
  const out: Range[] = [];
  let at = 0n;
  for (const r of ranges) {
    if (r.lo > at) out.push({ lo: at, hi: r.lo });
    at = r.hi;
  }
  if (at < SPACE[family]) out.push({ lo: at, hi: SPACE[family] });
  return out;
}

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

/** The number of trailing zero bits of v (v > 0). */
function trailingZeros(v: bigint): number {
  return bitLength(v & -v) - 1;
}

/** The CIDR blocks that make up [lo, hi), fewest first to last; each block costs a few bigint operations. */
function* blocks(r: Range, family: Family): Generator<{ lo: bigint; size: number }> {
  const width = WIDTH[family];
  let lo = r.lo;
  while (lo < r.hi) {
    const align = lo === 0n ? width : trailingZeros(lo);
    const fit = bitLength(r.hi - lo) - 1;
    const size = Math.min(align, fit);
    yield { lo, size };
    lo += 1n << BigInt(size);
  }
}

/** The fewest CIDR blocks that make up [lo, hi) (at most 2 × width of them). */
export function cidrs(r: Range, family: Family, max = Infinity): string[] {
  const out: string[] = [];
  for (const b of blocks(r, family)) {
    if (out.length >= max) break;
    out.push(`${formatAddress(bigToBytes(b.lo, family))}/${WIDTH[family] - b.size}`);
  }
  return out;
}

function countBlocks(rs: readonly Range[], family: Family): number {
  let n = 0;
  for (const r of rs) for (const _ of blocks(r, family)) n++;
  return n;
}

export function formatBig(v: bigint, family: Family): string {
  return formatAddress(bigToBytes(v, family));
}

/** At most this many blocks are spelled out in one description; the rest are counted. */
export const MAX_DESCRIBED_BLOCKS = 12;

/** The first blocks of a set, spelled out, and how many more there are. */
function list(rs: readonly Range[], family: Family, total: number): string {
  const shown: string[] = [];
  for (const r of rs) {
    if (shown.length >= MAX_DESCRIBED_BLOCKS) break;
    shown.push(...cidrs(r, family, MAX_DESCRIBED_BLOCKS - shown.length));
  }
  if (total <= shown.length) return shown.join(', ');
  return `${shown.join(', ')} and ${total - shown.length} more blocks`;
}

/** One family's set for people: its blocks, or the smallest block holding it "except" what of it is not in the set, when that is shorter. */
function describeFamily(ranges: readonly Range[], family: Family): string {
  const inside = countBlocks(ranges, family);
  const lo = ranges[0]!.lo;
  const hi = ranges[ranges.length - 1]!.hi;
  let size = 0n;
  while (lo >> size !== (hi - 1n) >> size) size++;
  const hull: Range = { lo: (lo >> size) << size, hi: ((lo >> size) + 1n) << size };
  const holes: Range[] = [];
  let at = hull.lo;
  for (const r of ranges) {
    if (r.lo > at) holes.push({ lo: at, hi: r.lo });
    at = r.hi;
  }
  if (at < hull.hi) holes.push({ lo: at, hi: hull.hi });
  const block = cidrs(hull, family)[0]!;
  if (holes.length === 0) return block;
  const holeCount = countBlocks(holes, family);
  if (holeCount + 1 < inside) return `${block} except ${list(holes, family, holeCount)}`;
  return list(ranges, family, inside);
}

/** "any address", "0.0.0.0/0 except 10.0.0.0/8", "10.0.0.0/8 and ::1/128", … */
export function describeAddresses(v4: readonly Range[], v6: readonly Range[]): string {
  const full = (rs: readonly Range[], f: Family): boolean => rs.length === 1 && rs[0]!.lo === 0n && rs[0]!.hi === SPACE[f];
  if (full(v4, 4) && full(v6, 6)) return 'any address';
  const parts: string[] = [];
  if (v4.length) parts.push(describeFamily(v4, 4));
  if (v6.length) parts.push(describeFamily(v6, 6));
  return parts.join(' and ');
}

export function rangesKey(rs: readonly Range[]): string {
  let s = '';
  for (const r of rs) s += `${r.lo.toString(36)}-${r.hi.toString(36)},`;
  return s;
}

export function inRanges(rs: readonly Range[], v: bigint): boolean {
  let lo = 0;
  let hi = rs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rs[mid]!;
    if (v < r.lo) hi = mid - 1;
    else if (v >= r.hi) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * The sorted distinct endpoints of some ranges of one family (0 and the end of the line included),
 * which cut it into segments no range partly covers, and the index of an endpoint among them.
 * Bigints are found by bisection: V8 hashes them poorly as Map keys.
 */
export function segmentPoints(family: Family, rangeLists: Iterable<readonly Range[]>): { p: bigint[]; index: (v: bigint) => number } {
  const raw: bigint[] = [0n, SPACE[family]];
  for (const list of rangeLists) for (const x of list) raw.push(x.lo, x.hi);
  raw.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const p: bigint[] = [];
  for (const v of raw) if (p.length === 0 || p[p.length - 1] !== v) p.push(v);
  const index = (v: bigint): number => {
    let lo = 0;
    let hi = p.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { p, index };
}
