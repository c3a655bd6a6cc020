import type { SettingsResult } from '../resolve/views.js';
import { safePathText, safeTerminalText } from './common.js';

const MAX_PAD = 80;

/**
 * Rows a text table shows per cluster: a table is for reading, and a file of half a million lines
 * would print over 100 MB (hardening found one). `--format json` lists every row.
 */
export const TEXT_ROWS_MAX = 10_000;

/** The rows a text table shows, and the line that says how many more there are (json has them all). */
export function shownRows<T>(rows: readonly T[], what: string): { rows: readonly T[]; more: string } {
  if (rows.length <= TEXT_ROWS_MAX) return { rows, more: '' };
  const n = rows.length - TEXT_ROWS_MAX;
  return { rows: rows.slice(0, TEXT_ROWS_MAX), more: `\n… and ${n} more ${n === 1 ? what.replace(/s$/, '') : what} (${rows.length} in all); --format json lists them all` };
}

function table(header: string[], rows: string[][]): string {
  // reduce, not Math.max(...xs): a file with a million lines would overflow the call stack.
  // Columns are padded to at most MAX_PAD characters: one 10 MB value must not pad every row to 10 MB.
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, Math.min(r[i]!.length, MAX_PAD)), h.length));
  const fmt = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}

export function formatSettingsText(results: SettingsResult[]): string {
  return results
    .map((r) => {
      const shown = shownRows(r.rows, 'rows');
      const rows = shown.rows.map((row) => [
        safePathText(`${row.sourcefile}:${row.sourceline}`),
        String(row.seqno),
        safeTerminalText(row.name ?? ''),
        safeTerminalText(row.setting ?? ''),
        row.canonical === null ? '' : safeTerminalText(row.canonical),
        row.applied ? 't' : 'f',
        safeTerminalText(row.error ?? ''),
      ]);
      return `# ${safeTerminalText(r.cluster)} (PostgreSQL ${r.pgVersion})\n` + table(['source', 'seqno', 'name', 'setting', 'canonical', 'applied', 'error'], rows) + shown.more;
    })
    .join('\n\n') + '\n';
}

export { table };
