import { describe, expect, test } from '@jest/globals';
import { frameLines, layoutLine, MAX_LINE_COLUMNS, noPaint, type Masker } from '../src/report/frame.js';
import { createSourceFile, lineColumn } from '../src/source/source.js';
import type { Diagnostic } from '../src/types.js';

/**
 * The frame shows a line of printable ASCII with nothing masked that fits in MAX_LINE_COLUMNS as it
 * is, its marks at the columns of their units, without laying it out. Each such line must come out
 * as the general layout (a cell per character, forced by a masker that masks an empty range) shows
 * it: the source row, the marker row under it, and the fix diff's rows.
 */
const general = (text: string): Masker => () => [[text.length, text.length]];
const FILE = 'postgresql.conf';

function frameOf(text: string, start: number, end: number): string[] {
  const src = createSourceFile(FILE, '/r/' + FILE, text + '\nnext = 1\n');
  const d: Diagnostic = {
    rule: 'duplicate-setting',
    severity: 'warning',
    message: 'm',
    loc: { file: FILE, start, end },
    fix: { title: 'Change it', applicability: 'safe', edits: [{ loc: { file: FILE, start, end }, text: 'Z' }] },
  };
  return frameLines(d, new Map([[FILE, src]]), { paint: noPaint, fix: { fix: d.fix!, hidden: false } });
}

describe('a plain line that fits is framed as the general layout shows it', () => {
  test('lines around MAX_LINE_COLUMNS, spans from every unit to the end of the line', () => {
    let framed = 0;
    for (let n = MAX_LINE_COLUMNS - 3; n <= MAX_LINE_COLUMNS + 1; n++) {
      const text = 'k'.repeat(Math.floor(n / 2)) + ' = ' + 'v'.repeat(n - Math.floor(n / 2) - 3);
      for (let from = 0; from <= n; from += 7) {
        for (const to of [from, from + 1, Math.min(n, from + 5), n, n + 1]) {
          if (to < from) continue;
          const rows = frameOf(text, from, to);
          // The mark as markOn puts it on the line: at least one unit, at most to the line break.
          const shown = layoutLine(text, [{ from, to: Math.max(from + 1, Math.min(to, n + 1)) }], general(text));
          const [x, y] = shown.columns[0]!;
          const after = text.slice(0, from) + 'Z' + text.slice(Math.min(to, n));
          const shownAfter = layoutLine(after, [{ from, to: from + 1 }], general(after));
          expect(rows[2]).toBe(`1 | ${shown.text}`);
          expect(rows[3]).toBe(`  | ${' '.repeat(x)}${'^'.repeat(y - x)}`);
          if (to <= n) {
            expect(rows.slice(-2)).toEqual([`1 - ${shown.text}`, `1 + ${shownAfter.text}`]);
            framed++;
          }
        }
      }
    }
    expect(framed).toBeGreaterThan(50);
  });
});

describe('a finding is placed on its line wherever the last one was', () => {
  test('random locations in random order in a long file, related locations too: line and column as lineColumn counts them', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const lines: string[] = [];
    for (let k = 0; k < 5000; k++) lines.push('x'.repeat(rnd(40)));
    const text = lines.join('\n') + (rnd(2) ? '\n' : '');
    const src = createSourceFile(FILE, '/r/' + FILE, text);
    const sources = new Map([[FILE, src]]);
    // Forward in small and large steps, backwards, at the ends and past them.
    const offsets: number[] = [0, text.length, text.length + 5, -3];
    for (let at = 0; at < text.length; at += 1 + rnd(200)) offsets.push(at);
    for (let k = 0; k < 500; k++) offsets.push(rnd(text.length + 1));
    for (let k = 0; k + 1 < offsets.length; k++) {
      const start = offsets[k]!;
      const other = offsets[k + 1]!;
      const d: Diagnostic = { rule: 'r', severity: 'info', message: 'm', loc: { file: FILE, start, end: start }, related: [{ message: 'there', loc: { file: FILE, start: other, end: other } }] };
      const rows = frameLines(d, sources, { paint: noPaint });
      const at = lineColumn(src, start);
      const there = lineColumn(src, other);
      expect(rows[0]!.trim()).toBe(`--> ${FILE}:${at.line}:${at.column}`);
      // The related line is drawn with its number in the gutter.
      expect(rows.some((r) => r.trimStart().startsWith(`${there.line} |`))).toBe(true);
    }
  });
});
