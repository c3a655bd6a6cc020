import { describe, expect, test } from '@jest/globals';
import { layoutLine, MAX_LINE_COLUMNS, type Masker } from '../src/report/frame.js';

/**
 * The text report lays out a line of printable ASCII (with or without tabs) and nothing masked
 * without per-character work. A masker that returns an empty range at the end of the line masks
 * nothing but sends the line through the general layout (a cell per character), so each line below
 * must come out of both the same: text, cut and columns of every mark.
 */
const general = (text: string): Masker => () => [[text.length, text.length]];

/** Marks starting at every third unit (and past the end), one to five units long. */
function marksOf(text: string): { from: number; to: number }[][] {
  const out: { from: number; to: number }[][] = [[]];
  for (let from = 0; from <= text.length + 1; from += 3) out.push([{ from, to: from + 1 + (from % 5) }]);
  out.push([
    { from: 0, to: 1 },
    { from: Math.floor(text.length / 2), to: text.length + 1 },
  ]);
  return out;
}

function expectSameLayout(lines: string[]): void {
  for (const text of lines) {
    for (const marks of marksOf(text)) {
      expect({ text, marks, shown: layoutLine(text, marks) }).toEqual({ text, marks, shown: layoutLine(text, marks, general(text)) });
    }
  }
}

describe('the layout of plain lines equals the general one', () => {
  test('printable ASCII: short, around MAX_LINE_COLUMNS, and long enough to be cut to a window', () => {
    const lines = ['', 'work_mem = 8mb', "shared_preload_libraries = 'pg_stat_statements'"];
    for (let n = MAX_LINE_COLUMNS - 4; n <= MAX_LINE_COLUMNS + 4; n++) lines.push('x'.repeat(n));
    lines.push(`search_path = '${'a'.repeat(300)}BAD${'b'.repeat(300)}'`, '9 '.repeat(700));
    expectSameLayout(lines);
  });

  test('printable ASCII with tabs: tab stops from every column, widths on both sides of MAX_LINE_COLUMNS', () => {
    const lines = ['\t', 'work_mem\t=\t8mb\t# x', '\tfsync = off', '#shared_buffers = 128MB\t\t\t# min 128kB'];
    for (let n = MAX_LINE_COLUMNS - 20; n <= MAX_LINE_COLUMNS + 4; n++) {
      for (let k = 0; k < 9; k++) lines.push(`${'x'.repeat(n)}\t${'y'.repeat(k)}`, `a\t${'x'.repeat(n - 8)}\t${'y'.repeat(k)}`);
    }
    lines.push(`${'x\t'.repeat(300)}end`);
    expectSameLayout(lines);
  });
});
