/**
 * What `pgconf-lint diff` reports (issue 17): per cluster, the exact change in who can connect
 * (the access diff, src/diff/access.ts) and the change in effective settings (src/diff/settings.ts).
 * The JSON output (version 1) is these objects as they are.
 */
import type { Major } from '../catalog/types.js';

/**
 * A class of connections by how they reach the server: the local socket, TCP with SSL, TCP with GSS
 * encryption (12+), or TCP with neither.
 */
export type Transport = 'local' | 'tcp-ssl' | 'tcp-gssenc' | 'tcp-nossl';

/** The record a connection class matches first in one version, or null: no record matches (refused). */
export interface AccessEndpoint {
  /** The method as pg_hba_file_rules shows it (`reject` included). */
  method: string;
  /** Options of the record as `name=value`, in order (empty when none). */
  options: string[];
  /** Repository-relative path of the file holding the record (an included file where it is one). */
  file: string;
  line: number;
}

/**
 * widened: refused before and accepted now, or accepted now with a weaker method; narrowed: the
 * reverse; changed: the same strength, a different method or options.
 */
export type AccessChangeKind = 'widened' | 'narrowed' | 'changed';

export interface AccessChange {
  change: AccessChangeKind;
  /** The connections concerned, described for people (each field a readable set description). */
  connection: { transport: Transport; database: string; user: string; address: string };
  before: AccessEndpoint | null;
  after: AccessEndpoint | null;
}

/** Something on which the answer depends that the files cannot show: reported, never guessed. */
export interface AccessUnknown {
  /** Stable code: group-membership, samerole, include-outside, hostname, samehost, … */
  code: string;
  /** What is unknown and what it could change, for people. */
  message: string;
  file: string;
  line: number;
}

export type ApplyKind = 'restart' | 'reload' | 'none';

export interface SettingChange {
  name: string;
  /** Canonical value as `postgres -C` prints it for the target major (defaults included). */
  before: string | null;
  after: string | null;
  /** True only for postmaster-context parameters. */
  restart: boolean;
  /** What applying the change takes: restart (postmaster), reload (sighup), none (session-settable or superuser). */
  apply: ApplyKind;
  /** The assignment that sets the HEAD value, or (when it was removed) the BASE one; null for neither. */
  file: string | null;
  line: number | null;
}

export interface ClusterDiff {
  /** Cluster directory, repository-relative (as in both trees). */
  cluster: string;
  pgVersion: Major;
  /** Present in only one tree: the other side is compared as empty (no files). */
  status?: 'added' | 'removed';
  access: AccessChange[];
  unknown: AccessUnknown[];
  settings: SettingChange[];
}

export interface DiffResult {
  version: 1;
  clusters: ClusterDiff[];
}
