import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { foldName } from '../src/catalog/catalog.js';
import { hashName, NameIndex, nameScan, scanName } from '../src/resolve/name-index.js';

interface Item {
  key: string;
  n: number;
}

describe('NameIndex', () => {
  it('behaves as a Map from name to the last item put under it (put returns the one it replaces)', () => {
    // Short keys from a small alphabet: many repeats and many hash collisions in a small table.
    const key = fc.string({ unit: fc.constantFrom('a', 'B', '.', 'é', '\0', '_'), maxLength: 4 });
    const op = fc.oneof(
      fc.record({ kind: fc.constant('put' as const), key }),
      fc.record({ kind: fc.constant('get' as const), key }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.nat(300), (ops, expected) => {
        const items: Item[] = [];
        const ours = new NameIndex(items, (i: Item) => i.key, expected);
        const model = new Map<string, number>();
        for (const o of ops) {
          if (o.kind === 'put') {
            items.push({ key: o.key, n: items.length });
            expect(ours.put(items.length - 1)).toBe(model.get(o.key) ?? -1);
            model.set(o.key, items.length - 1);
          } else {
            const want = model.get(o.key);
            expect(ours.get(o.key)).toBe(want === undefined ? undefined : items[want]);
            expect(ours.has(o.key)).toBe(model.has(o.key));
          }
        }
        expect(ours.size).toBe(model.size);
        expect([...ours.keys()]).toEqual([...model.keys()]);
        expect([...ours.values()]).toEqual([...model.values()].map((i) => items[i]));
        expect([...ours]).toEqual([...model].map(([k, i]) => [k, items[i]]));
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['growing far past its initial table', 0],
    ['sized for its keys up front', 50_000],
    ['sized for far fewer keys than it gets', 10],
  ])('keeps every entry findable, in first-put order, when %s', (_, expected) => {
    const items: Item[] = [];
    const index = new NameIndex(items, (i: Item) => i.key, expected);
    const n = 50_000;
    const name = (i: number): string => `app_${i % 97}.limit_${i}`;
    for (let i = 0; i < n; i++) {
      items.push({ key: name(i), n: i });
      expect(index.put(items.length - 1)).toBe(-1);
    }
    for (let i = 0; i < n; i += 7) {
      items.push({ key: name(i), n: -i });
      expect(index.put(items.length - 1)).toBe(i);
    }
    expect(index.size).toBe(n);
    for (let i = 0; i < n; i++) expect(index.get(name(i))!.n).toBe(i % 7 === 0 ? -i : i);
    expect(index.get('app_0.limit_50000')).toBeUndefined();
    expect([...index.keys()]).toEqual(Array.from({ length: n }, (_, i) => name(i)));
    // keys equal as strings but built differently (slices of a larger text) are the same key
    const text = `xx app_3.limit_3 yy`;
    expect(index.get(text.slice(3, 16))!.n).toBe(3);
  });

  it('scanName reads a name in place as hashName(foldName(name)) would, and notes dots and A-Z', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', 'M', '.', '_', 'é', 'É', '0', '\0'), maxLength: 12 });
    fc.assert(
      fc.property(text, text, text, (before, name, after) => {
        scanName(before + name + after, before.length, before.length + name.length);
        expect(nameScan.hash).toBe(hashName(foldName(name)));
        expect(nameScan.dotted).toBe(name.includes('.'));
        expect(nameScan.upper).toBe(/[A-Z]/.test(name));
      }),
      { numRuns: 500 },
    );
    // put with that hash finds what was filed under the folded name
    const items: Item[] = [{ key: 'app.mode', n: 1 }];
    const index = new NameIndex(items, (i: Item) => i.key);
    expect(index.put(0)).toBe(-1);
    scanName('x App.Mode y', 2, 10);
    items.push({ key: 'app.mode', n: 2 });
    expect(index.put(1, nameScan.hash)).toBe(0);
    expect(index.get('app.mode')!.n).toBe(2);
  });
});
