/**
 * What the reporters render: their own input type, so that src/report/ depends on the linter's data
 * (findings, sources, clusters, rule metadata) and never on the orchestrator (src/api.ts). A lint's
 * result (Report) has this shape; tests and other callers can build one directly.
 */
import type { Rule } from '../linter/rule.js';
import type { ResolvedCluster } from '../resolve/cluster.js';
import type { SourceFile } from '../source/source.js';
import type { Diagnostic, FileInfo } from '../types.js';

export interface Report {
  files: readonly FileInfo[];
  /** In report order (file, position, severity, rule). */
  diagnostics: readonly Diagnostic[];
  clusters: readonly ResolvedCluster[];
  /** Display path -> the decoded file, for locations, source frames and fingerprints. */
  sources: ReadonlyMap<string, SourceFile>;
  /** Absolute directory the paths are relative to. */
  base: string;
  /** The rules the lint ran with (their metadata: SARIF's driver rules, GitLab's categories, docs links). */
  rules: readonly Rule[];
}
