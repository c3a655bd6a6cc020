import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { foldName } from '../src/catalog/catalog.js';
import { hashName, NameIndex, nameScan, scanName } from '../src/resolve/name-index.js';

describe('NameIndex', () => {
  it('behaves as a Map under random set/get sequences (set returns the replaced value)', () => {
    // Short keys from a small alphabet: many repeats and many hash collisions in a small table.
    const key = fc.string({ unit: fc.constantFrom('a', 'B', '.', 'é', '\0', '_'), maxLength: 4 });
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key, value: fc.integer() }),
      fc.record({ kind: fc.constant('get' as const), key }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const ours = new NameIndex<number>();
        const model = new Map<string, number>();
        for (const o of ops) {
          if (o.kind === 'set') {
            expect(ours.set(o.key, o.value)).toBe(model.get(o.key));
            model.set(o.key, o.value);
          } else {
            expect(ours.get(o.key)).toBe(model.get(o.key));
            expect(ours.has(o.key)).toBe(model.has(o.key));
          }
        }
        expect(ours.size).toBe(model.size);
        expect([...ours]).toEqual([...model]);
        expect([...ours.keys()]).toEqual([...model.keys()]);
        expect([...ours.values()]).toEqual([...model.values()]);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['growing far past its initial table', 0],
    ['sized for its keys up front', 50_000],
    ['sized for far fewer keys than it gets', 10],
  ])('keeps every entry findable when %s', (_, expected) => {
    const index = new NameIndex<number>(expected);
    const n = 50_000;
    for (let i = 0; i < n; i++) expect(index.set(`app_${i % 97}.limit_${i}`, i)).toBeUndefined();
    for (let i = 0; i < n; i += 7) expect(index.set(`app_${i % 97}.limit_${i}`, -i)).toBe(i);
    expect(index.size).toBe(n);
    for (let i = 0; i < n; i++) expect(index.get(`app_${i % 97}.limit_${i}`)).toBe(i % 7 === 0 ? -i : i);
    expect(index.get('app_0.limit_50000')).toBeUndefined();
    // keys equal as strings but built differently (slices of a larger text) are the same key
    const text = `xx app_3.limit_3 yy`;
    expect(index.get(text.slice(3, 16))).toBe(3);
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
    // setHashed with that hash finds what set() filed under the folded name
    const index = new NameIndex<number>();
    index.set('app.mode', 1);
    scanName('x App.Mode y', 2, 10);
    expect(index.setHashed('app.mode', nameScan.hash, 2)).toBe(1);
    expect(index.get('app.mode')).toBe(2);
  });
});
