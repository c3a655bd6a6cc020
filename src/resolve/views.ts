// What the `settings` and `hba` commands show per cluster: the rows of PostgreSQL's own views,
// pg_file_settings (with `canonical`) and pg_hba_file_rules, with repository-relative file names.
import type { Major } from '../types.js';
import { hbaFileRules, type HbaFile, type HbaRuleRow } from '../parse/pg-hba.js';
import type { Host } from './host.js';
import type { FileSettingRow } from './settings-rows.js';

export interface SettingsResult {
  cluster: string;
  pgVersion: Major;
  rows: FileSettingRow[];
}

export interface HbaResult {
  cluster: string;
  file: string;
  pgVersion: Major;
  rows: HbaRuleRow[];
}

/**
 * pg_hba_file_rules rows with repository-relative file names. Problems PostgreSQL only logs (the
 * view leaves `error` empty for e.g. an invalid clientcert value) are put in `error` too.
 */
export function hbaRows(host: Host, hba: HbaFile): HbaRuleRow[] {
  const rows = hbaFileRules(hba);
  return rows.map((row, i) => {
    const line = hba.lines[i]!;
    return {
      ...row,
      ...(row.file_name !== undefined ? { file_name: host.display(row.file_name) } : {}),
      error: row.error ?? line.problem?.message ?? null,
    };
  });
}

