export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** A located range: file display path plus character offsets [start, end). */
export interface Loc {
  file: string;
  start: number;
  end: number;
}

export type FileKind =
  | 'postgresql.conf'
  | 'postgresql.auto.conf'
  | 'pg_hba.conf'
  | 'pg_ident.conf'
  | 'recovery.conf'
  /** Signal files (12+): their existence is what counts; PostgreSQL never reads their content. */
  | 'standby.signal'
  | 'recovery.signal';

export interface RelatedInfo {
  message: string;
  loc: Loc;
}

export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  loc: Loc;
  /** What to do about it (one sentence). */
  help?: string;
  related?: RelatedInfo[];
  suppressed?: { kind: 'directive' | 'config' | 'baseline'; reason: string };
  /** Set on the finding that counts the findings of its rule in its file past the listing limit: how many it stands for. */
  unlisted?: number;
  /**
   * One problem, one finding (src/engine/merge.ts): the other rules whose findings on the same problem
   * were merged into this one (their concerns end its message after "; also").
   */
  also?: string[];
}
