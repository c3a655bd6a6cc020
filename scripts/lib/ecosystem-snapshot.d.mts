// Types of ecosystem-snapshot.mjs, for the tests.
export interface SnapshotRow {
  file: string;
  line: number;
  col: number;
  rule: string;
  severity: string;
  message: string;
}
export interface Label {
  label: 'right' | 'debatable' | 'wrong';
  reason: string;
  rule: string;
  file: string;
  line: number;
  col: number;
  /** `ecosystem/labels/<rule>.tsv:<line>` */
  source: string;
}
export interface Precision {
  n: number;
  right: number;
  debatable: number;
  wrong: number;
  unlabeled: number;
  precision: number | null;
}
export const SNAPSHOT: string;
export const LABELS_DIR: string;
export const HEADER: string;
export const LABEL_HEADER: string;
export const LABELS: readonly string[];
export function readSnapshot(root: string): SnapshotRow[];
export function labelKey(r: { rule: string; file: string; line: number; col: number }): string;
export function readLabels(root: string): Map<string, Label>;
export function staleLabels(rows: readonly SnapshotRow[], labels: Map<string, Label>): Label[];
export function pruneLabels(root: string, stale: readonly Label[]): number;
export function precisionByRule(rows: readonly SnapshotRow[], labels: Map<string, Label>): Map<string, Precision>;
export function percent(p: number | null): string;
