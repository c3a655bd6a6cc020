import type { SettingsResult } from '../api.js';
import { safeTerminalText } from './common.js';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}

export function formatSettingsText(results: SettingsResult[]): string {
  return results
    .map((r) => {
      const rows = r.rows.map((row) => [
        `${row.sourcefile}:${row.sourceline}`,
        String(row.seqno),
        safeTerminalText(row.name ?? ''),
        safeTerminalText(row.setting ?? ''),
        row.canonical === null ? '' : safeTerminalText(row.canonical),
        row.applied ? 't' : 'f',
        safeTerminalText(row.error ?? ''),
      ]);
      return `# ${r.cluster} (PostgreSQL ${r.pgVersion})\n` + table(['source', 'seqno', 'name', 'setting', 'canonical', 'applied', 'error'], rows);
    })
    .join('\n\n') + '\n';
}

export { table };
