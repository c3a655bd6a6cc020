import { describe, expect, test } from '@jest/globals';
import { frameLines, layoutLine, MAX_LINE_COLUMNS, noPaint, type Masker } from '../src/report/frame.js';
import { createSourceFile } from '../src/source/source.js';
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
