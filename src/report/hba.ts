import type { HbaResult } from '../resolve/views.js';
import { safePathText, safeTerminalText } from './common.js';
import { shownRows, table } from './settings.js';

const list = (v: string[] | null): string => (v === null ? '' : v.join(','));

export function formatHbaText(results: HbaResult[]): string {
  return (
    results
      .map((r) => {
        const shown = shownRows(r.rows, 'records');
        const rows = shown.rows.map((row) =>
          [
            String(row.rule_number ?? ''),
            // a row without a rule number starts with this column: no `::` at a line start
            safePathText(`${row.file_name ?? r.file}:${row.line_number}`),
            row.type ?? '',
            list(row.database),
            list(row.user_name),
            row.address ?? '',
            row.netmask ?? '',
            row.auth_method ?? '',
            list(row.options),
            row.error ?? '',
          ].map(safeTerminalText),
        );
        return (
          `# ${safeTerminalText(r.file)} (PostgreSQL ${r.pgVersion})\n` +
          table(['rule', 'source', 'type', 'database', 'user_name', 'address', 'netmask', 'auth_method', 'options', 'error'], rows) +
          shown.more
        );
      })
      .join('\n\n') + '\n'
  );
}
