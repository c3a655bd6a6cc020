import { assignmentError, type ResolvedCluster } from './cluster.js';

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
  // The assignments are the items' setting lines, in the same order.
  let next = 0;
  for (const item of cluster.conf?.items ?? []) {
    if (item.kind !== 'settings') {
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
      continue;
    }
    for (let i = item.from; i < item.to; i++) {
      if (item.conf.lines[i]!.kind !== 'setting') continue;
      const a = cluster.assignments[next++]!;
      const canonical =
        a.status === 'ok' && a.value?.ok ? a.value.canonical : a.status === 'placeholder' ? a.line.value : null;
      rows.push({
        sourcefile: a.file.path,
        sourceline: a.line.line,
        seqno: rows.length + 1,
        name: a.line.name,
        setting: a.line.value,
        applied: a.applied,
        error: assignmentError(a),
        canonical,
      });
    }
  }
  return rows;
}
