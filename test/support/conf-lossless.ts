import { expect } from '@jest/globals';
import type { ConfFile } from '../../src/parse/conf-ast.js';
import { printConf } from '../../src/parse/print.js';

/**
 * The postgresql.conf parse of `text` is lossless: printing it gives the text back, there is one
 * line per physical line, in order and without gaps, and every span lies inside its line.
 * Used by test/parse-postgresql-conf.test.ts and the corpus tests (test/corpus/).
 */
export function checkLossless(text: string, conf: ConfFile): void {
  expect(printConf(conf)).toBe(text);
  expect(conf.lines).toHaveLength(conf.file.lineStarts.length);
  let expectedStart = 0;
  conf.lines.forEach((line, i) => {
    expect(line.line).toBe(i + 1);
    expect(line.start).toBe(expectedStart);
    expect(line.end).toBeGreaterThanOrEqual(line.start);
    expect(line.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(line.start, line.end)).not.toContain('\n');
    expectedStart = line.end + 1;
    const spans: { start: number; end: number }[] = [];
    if (line.commentStart !== undefined) spans.push({ start: line.commentStart, end: line.end });
    if (line.kind === 'setting' || line.kind === 'include') {
      spans.push({ start: line.nameStart, end: line.nameEnd }, { start: line.valueStart, end: line.valueEnd });
    }
    if (line.kind === 'error' && line.token) spans.push(line.token);
    for (const s of spans) {
      expect(s.start).toBeGreaterThanOrEqual(line.start);
      expect(s.end).toBeLessThanOrEqual(line.end);
      expect(s.end).toBeGreaterThan(s.start);
    }
  });
  expect(expectedStart).toBe(text.length + 1);
}
