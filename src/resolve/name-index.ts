/**
 * A string-keyed map for the names of a file set: `set` returns the value it replaces, so
 * "which earlier assignment does this one override" is one probe, not a `get` and a `set`.
 *
 * Why not a Map: a million-line postgresql.conf has ~850k distinct names, and a Map of that size
 * spends most of its time growing its hash table and in write barriers on a heap of half a
 * gigabyte. Here the table is open addressing (linear probing) over one Int32Array of (hash, entry
 * number) pairs, so growing it copies integers only, and the entries live in two plain arrays in
 * insertion order (so iteration order is a Map's). Expected O(1) per operation, O(n) space; the
 * hash is FNV-1a over the UTF-16 code units, with a final mix.
 */
export class NameIndex<T> implements Iterable<[string, T]> {
  private readonly keyList: string[] = [];
  private readonly valueList: T[] = [];
  /**
   * Slot i is table[2i] (the key's hash) and table[2i + 1] (entry number + 1, or 0 when empty):
   * side by side, so that a probe of a table too large for the cache costs one miss, not two.
   */
  private table: Int32Array;

  /** `expected`: about how many keys will be added (the table is sized for it, so it need not grow). */
  constructor(expected = 0) {
    let slots = 64;
    while (slots < 2 * expected) slots *= 2;
    this.table = new Int32Array(2 * slots);
  }

  get size(): number {
    return this.keyList.length;
  }

  get(key: string): T | undefined {
    const slot = this.find(key, hashName(key));
    return slot < 0 ? undefined : this.valueList[this.table[2 * slot + 1]! - 1];
  }

  has(key: string): boolean {
    return this.find(key, hashName(key)) >= 0;
  }

  /** Sets `key` to `value` and returns the value it had, or undefined for a new key. */
  set(key: string, value: T): T | undefined {
    return this.setHashed(key, hashName(key), value);
  }

  /** `set` with the key's hash already known (`h` must be hashName(key)). */
  setHashed(key: string, h: number, value: T): T | undefined {
    const slot = this.find(key, h);
    if (slot >= 0) {
      const entry = this.table[2 * slot + 1]! - 1;
      const old = this.valueList[entry];
      this.valueList[entry] = value;
      return old;
    }
    this.keyList.push(key);
    this.valueList.push(value);
    // ~slot is the empty slot where the probe ended
    this.table[2 * ~slot] = h;
    this.table[2 * ~slot + 1] = this.keyList.length;
    if (this.keyList.length * 4 > this.table.length) this.grow(); // load factor at most 1/2
    return undefined;
  }

  values(): IterableIterator<T> {
    return this.valueList.values();
  }

  keys(): IterableIterator<string> {
    return this.keyList.values();
  }

  *entries(): IterableIterator<[string, T]> {
    for (let i = 0; i < this.keyList.length; i++) yield [this.keyList[i]!, this.valueList[i]!];
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
      if (table[2 * i] === h && this.keyList[s - 1] === key) return i;
    }
  }

  private grow(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    const mask = (table.length >> 1) - 1;
    for (let j = 0; j < old.length; j += 2) {
      const s = old[j + 1]!;
      if (s === 0) continue;
      const h = old[j]!;
      let i = h & mask;
      while (table[2 * i + 1] !== 0) i = (i + 1) & mask;
      table[2 * i] = h;
      table[2 * i + 1] = s;
    }
    this.table = table;
  }
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
  nameScan.hash = mix(h);
  nameScan.dotted = dotted;
  nameScan.upper = upper;
}
