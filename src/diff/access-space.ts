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
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
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
export function maskRanges(bytes: readonly number[], mask: readonly number[]): Range[] | null {
  const family: Family = bytes.length === 4 ? 4 : 6;
  const width = WIDTH[family];
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

/** The fewest CIDR blocks that make up [lo, hi) (at most 2 × width of them). */
export function cidrs(r: Range, family: Family): string[] {
  const width = WIDTH[family];
  const out: string[] = [];
  let lo = r.lo;
  while (lo < r.hi) {
    let size = 0;
    while (size < width && (lo & ((1n << BigInt(size + 1)) - 1n)) === 0n && lo + (1n << BigInt(size + 1)) <= r.hi) size++;
    out.push(`${formatAddress(bigToBytes(lo, family))}/${width - size}`);
    lo += 1n << BigInt(size);
  }
  return out;
}

export function formatBig(v: bigint, family: Family): string {
  return formatAddress(bigToBytes(v, family));
}

/** At most this many blocks are spelled out in one description; the rest are counted. */
export const MAX_DESCRIBED_BLOCKS = 12;

function list(blocks: string[]): string {
  if (blocks.length <= MAX_DESCRIBED_BLOCKS) return blocks.join(', ');
  return `${blocks.slice(0, MAX_DESCRIBED_BLOCKS).join(', ')} and ${blocks.length - MAX_DESCRIBED_BLOCKS} more blocks`;
}

/** One family's set for people: its blocks, or the whole line "except" its complement's blocks when that is shorter. */
function describeFamily(ranges: readonly Range[], family: Family): string {
  const inside = ranges.flatMap((r) => cidrs(r, family));
  // the smallest block holding the whole set, and what of it is not in the set
  const lo = ranges[0]!.lo;
  const hi = ranges[ranges.length - 1]!.hi;
  let size = 0n;
  while ((lo >> size) !== ((hi - 1n) >> size)) size++;
  const hull: Range = { lo: (lo >> size) << size, hi: ((lo >> size) + 1n) << size };
  const holes = complement(ranges, family)
    .map((r) => ({ lo: r.lo > hull.lo ? r.lo : hull.lo, hi: r.hi < hull.hi ? r.hi : hull.hi }))
    .filter((r) => r.lo < r.hi)
    .flatMap((r) => cidrs(r, family));
  const block = cidrs(hull, family)[0]!;
  if (holes.length === 0) return block;
  if (holes.length + 1 < inside.length) return `${block} except ${list(holes)}`;
  return list(inside);
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
