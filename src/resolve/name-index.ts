/** What readers of an index see: its items by name, in the order their names were first put. */
export interface NameLookup<T> extends Iterable<[string, T]> {
  readonly size: number;
  get(key: string): T | undefined;
  has(key: string): boolean;
  values(): IterableIterator<T>;
  keys(): IterableIterator<string>;
  entries(): IterableIterator<[string, T]>;
}

/**
 * An index of items by name, over an array of items it does not own: `put(i)` files items[i]
 * under its name and returns the index of the item filed there before, so "which earlier
 * assignment does this one override" is one probe, not a `get` and a `set`.
 *
 * Why not a Map: a million-line postgresql.conf has ~850k distinct names, and a Map of that size
 * spends most of its time growing its hash table and in write barriers on a heap of half a
 * gigabyte. Here everything the index keeps is integers: the table is open addressing (linear
 * probing) over one Int32Array of (hash, item index) pairs, sized up front, and the keys' first-seen
 * order (for iteration in a Map's order) is another Int32Array. So the garbage collector has
 * nothing in it to scan, and growing it copies integers only. Expected O(1) per operation, O(n)
 * space; the hash is FNV-1a over the UTF-16 code units, with a final mix.
 */
export class NameIndex<T> implements NameLookup<T> {
  /** Slot i is table[2i] (the key's hash) and table[2i + 1] (item index + 1, or 0 when empty). */
  private table: Int32Array;
  /** The slots of the keys in the order they were first put. */
  private order: Int32Array;
  private count = 0;

  /**
   * `items`: what the indices refer to; `keyOf`: an item's name (the same for every item put
   * under one key); `expected`: about how many keys will be put (the table is sized for it).
   */
  constructor(
    private readonly items: readonly T[],
    private readonly keyOf: (item: T) => string,
    expected = 0,
  ) {
    let slots = 64;
    while (slots < 2 * expected) slots *= 2;
    this.table = new Int32Array(2 * slots);
    this.order = new Int32Array(slots >> 1);
  }

  get size(): number {
    return this.count;
  }

  get(key: string): T | undefined {
    const slot = this.find(key, hashName(key));
    return slot < 0 ? undefined : this.items[this.table[2 * slot + 1]! - 1];
  }

  has(key: string): boolean {
    return this.find(key, hashName(key)) >= 0;
  }

  /**
   * Files items[index] under its name and returns the index of the item filed under it before,
   * or -1. `hash`, when given, must be hashName(keyOf(items[index])).
   */
  put(index: number, hash?: number): number {
    const item = this.items[index]!;
    // The key is asked for only when a slot holds the same hash (an item may derive its key).
    let key: string | undefined = hash === undefined ? this.keyOf(item) : undefined;
    const h = hash ?? hashName(key!);
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let i = h & mask;
    for (; ; i = (i + 1) & mask) {
      const s = table[2 * i + 1]!;
      if (s === 0) break;
      if (table[2 * i] !== h) continue;
      key ??= this.keyOf(item);
      if (this.keyOf(this.items[s - 1]!) === key) {
        table[2 * i + 1] = index + 1;
        return s - 1;
      }
    }
    table[2 * i] = h;
    table[2 * i + 1] = index + 1;
    if (this.count === this.order.length) this.order = grown(this.order);
    this.order[this.count++] = i;
    if (this.count * 2 > table.length >> 1) this.grow(); // load factor at most 1/2
    return -1;
  }

  *values(): IterableIterator<T> {
    for (let i = 0; i < this.count; i++) yield this.items[this.table[2 * this.order[i]! + 1]! - 1]!;
  }

  *keys(): IterableIterator<string> {
    for (const item of this.values()) yield this.keyOf(item);
  }

  *entries(): IterableIterator<[string, T]> {
    for (const item of this.values()) yield [this.keyOf(item), item];
  }

  [Symbol.iterator](): IterableIterator<[string, T]> {
    return this.entries();
  }

  /** The slot holding `key`, or the bitwise complement of the empty slot where it would go. */
  private find(key: string, h: number): number {
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = table[2 * i + 1]!;
      if (s === 0) return ~i;
      if (table[2 * i] === h && this.keyOf(this.items[s - 1]!) === key) return i;
    }
  }

  /** Doubles the table; the keys' order is kept by rewriting their slots. */
  private grow(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    const mask = (table.length >> 1) - 1;
    for (let k = 0; k < this.count; k++) {
      const j = this.order[k]!;
      const h = old[2 * j]!;
      let i = h & mask;
      while (table[2 * i + 1] !== 0) i = (i + 1) & mask;
      table[2 * i] = h;
      table[2 * i + 1] = old[2 * j + 1]!;
      this.order[k] = i;
    }
    this.table = table;
  }
}

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(Math.max(16, a.length * 2));
  b.set(a);
  return b;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** A final mix, so that the low bits used for the slot depend on every character. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x45d9f3b);
  return h ^ (h >>> 16);
}

/** The hash NameIndex files `key` under. */
export function hashName(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return mix(h);
}

/** What scanName found in the name it read last: one reused object, since it runs for every assignment. */
export const nameScan = { hash: 0, dotted: false, upper: false };

/**
 * Reads a name in place, text[start, end), once: its hash as NameIndex files its A-Z-folded form
 * (hashName(foldName(name))), and whether it has a '.' or an A-Z letter. It reads the file's own
 * flat text rather than the name sliced from it, on which charCodeAt is several times slower.
 */
export function scanName(text: string, start: number, end: number): void {
  let h = FNV_OFFSET;
  let dotted = false;
  let upper = false;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c === 0x2e) dotted = true;
    else if (c >= 0x41 && c <= 0x5a) {
      upper = true;
      c += 0x20;
    }
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  // mix(h), written out: this runs for every assignment.
  h ^= h >>> 16;
  h = Math.imul(h, 0x45d9f3b);
  nameScan.hash = h ^ (h >>> 16);
  nameScan.dotted = dotted;
  nameScan.upper = upper;
}
