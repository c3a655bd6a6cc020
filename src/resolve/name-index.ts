/**
 * A string-keyed map for the names of a file set: `set` returns the value it replaces, so
 * "which earlier assignment does this one override" is one probe, not a `get` and a `set`.
 *
 * Why not a Map: a million-line postgresql.conf has ~850k distinct names, and a Map of that size
 * spends most of its time growing its hash table and in write barriers on a heap of half a
 * gigabyte. Here the table is open addressing (linear probing) over two Int32Arrays (hash, entry
 * number), so growing it copies integers only, and the entries live in two plain arrays in
 * insertion order (so iteration order is a Map's). Expected O(1) per operation, O(n) space; the
 * hash is FNV-1a over the UTF-16 code units.
 */
export class NameIndex<T> implements Iterable<[string, T]> {
  private readonly keyList: string[] = [];
  private readonly valueList: T[] = [];
  private hashes = new Int32Array(64);
  /** Entry number + 1 per slot; 0 is an empty slot. */
  private slots = new Int32Array(64);

  get size(): number {
    return this.keyList.length;
  }

  get(key: string): T | undefined {
    const slot = this.find(key, hash(key));
    return slot < 0 ? undefined : this.valueList[this.slots[slot]! - 1];
  }

  has(key: string): boolean {
    return this.find(key, hash(key)) >= 0;
  }

  /** Sets `key` to `value` and returns the value it had, or undefined for a new key. */
  set(key: string, value: T): T | undefined {
    const h = hash(key);
    const slot = this.find(key, h);
    if (slot >= 0) {
      const entry = this.slots[slot]! - 1;
      const old = this.valueList[entry];
      this.valueList[entry] = value;
      return old;
    }
    this.keyList.push(key);
    this.valueList.push(value);
    // ~slot is the empty slot where the probe ended
    this.hashes[~slot] = h;
    this.slots[~slot] = this.keyList.length;
    if (this.keyList.length * 2 > this.slots.length) this.grow();
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
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = this.slots[i]!;
      if (s === 0) return ~i;
      if (this.hashes[i] === h && this.keyList[s - 1] === key) return i;
    }
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldSlots = this.slots;
    const size = oldSlots.length * 2;
    const mask = size - 1;
    this.hashes = new Int32Array(size);
    this.slots = new Int32Array(size);
    for (let j = 0; j < oldSlots.length; j++) {
      const s = oldSlots[j]!;
      if (s === 0) continue;
      const h = oldHashes[j]!;
      let i = h & mask;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.hashes[i] = h;
      this.slots[i] = s;
    }
  }
}

function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  // a final mix, so that the low bits used for the slot depend on every character
  h ^= h >>> 16;
  h = Math.imul(h, 0x45d9f3b);
  return h ^ (h >>> 16);
}
