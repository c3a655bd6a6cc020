/** The PostgreSQL majors pgconf-lint reads files as. */
export const SUPPORTED_MAJORS = [10, 11, 12, 13, 14, 15, 16, 17, 18] as const;
export type Major = (typeof SUPPORTED_MAJORS)[number];
export const NEWEST_MAJOR: Major = 18;

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
  | 'recovery.signal'
  /**
   * A carrier: a file that holds PostgreSQL's configuration inside its own format (src/carriers/).
   * Its clusters are synthesized postgresql.conf / pg_hba.conf / pg_ident.conf texts, and every
   * finding on them is located back in the carrier file.
   */
  | 'patroni'
  /** A CloudNativePG `Cluster` manifest (src/carriers/cnpg.ts). */
  | 'cloudnativepg'
  /** docker-compose files and Kubernetes workloads running the postgres image (src/carriers/container.ts). */
  | 'container'
  /**
   * pgbouncer's configuration (src/parse/pgbouncer-ini.ts): not PostgreSQL's but a neighbour of it,
   * so not a carrier: it joins the cluster of its directory and the pgbouncer-* rules read it
   * (ResolvedCluster.pgbouncer).
   */
  | 'pgbouncer.ini';

export interface RelatedInfo {
  message: string;
  loc: Loc;
}

/**
 * How sure a fix is (ruff's applicability): `safe` keeps what the file means (`8mb` → `8MB`); `unsafe`
 * changes behaviour or needs a person's check (md5 → scram-sha-256: MD5-hashed passwords stop
 * working). `--fix` applies safe fixes; `--unsafe-fixes` also unsafe ones.
 */
export type Applicability = 'safe' | 'unsafe';

/** Replace the text at `loc` (offsets into the file's text) with `text`; an empty range inserts, empty text deletes. */
export interface Edit {
  loc: Loc;
  text: string;
}

/** A rule's proposed change for one finding: a short imperative title and non-overlapping edits. */
export interface Fix {
  /** e.g. "Write the unit as MB", "Rename to wal_keep_size = 1GB". */
  title: string;
  edits: Edit[];
  applicability: Applicability;
}

export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  loc: Loc;
  /** What to do about it (one sentence). */
  help?: string;
  related?: RelatedInfo[];
  /** The rule's fix, when it has one (the rule declares `fixable`). Never applied to a suppressed finding. */
  fix?: Fix;
  suppressed?: { kind: 'directive' | 'config' | 'baseline'; reason: string };
  /** Set on the finding that counts the findings of its rule in its file past the listing limit: how many it stands for. */
  unlisted?: number;
  /**
   * One problem, one finding (src/linter/merge.ts): the other rules whose findings on the same problem
   * were merged into this one (their concerns end its message after "; also").
   */
  also?: string[];
}

/** One configuration file a lint read, with the major its cluster targets. */
export interface FileInfo {
  path: string;
  kind: FileKind;
  pgVersion: Major;
}
