import type { ResolvedCluster } from './cluster.js';

/** One row of pg_file_settings, plus the value as `postgres -C` prints it. */
export interface FileSettingRow {
  sourcefile: string;
  sourceline: number;
  seqno: number;
  name: string | null;
  setting: string | null;
  applied: boolean;
  error: string | null;
  /** Canonical value for the target major, or null when PostgreSQL rejects the assignment. */
  canonical: string | null;
}

/**
 * Rows in PostgreSQL's processing order. Like pg_file_settings, syntax and include errors are rows
 * with a null name; unlike it, `error` carries the message PostgreSQL logs at startup rather than
 * the view's terse "setting could not be applied".
 */
export function settingsRows(cluster: ResolvedCluster): FileSettingRow[] {
  const rows: FileSettingRow[] = [];
  const byLine = new Map(cluster.assignments.map((a) => [a.line, a]));
  for (const item of cluster.conf?.items ?? []) {
    if (item.kind === 'setting') {
      const a = byLine.get(item.line)!;
      const canonical =
        a.status === 'ok' && a.value?.ok ? a.value.canonical : a.status === 'placeholder' ? a.line.value.value : null;
      rows.push({
        sourcefile: item.file.path,
        sourceline: item.line.line,
        seqno: rows.length + 1,
        name: item.line.name,
        setting: item.line.value.value,
        applied: a.applied,
        error: a.error,
        canonical,
      });
    } else {
      rows.push({
        sourcefile: item.file.path,
        sourceline: item.lineNumber,
        seqno: rows.length + 1,
        name: null,
        setting: null,
        applied: false,
        error: item.message,
        canonical: null,
      });
    }
  }
  return rows;
}
