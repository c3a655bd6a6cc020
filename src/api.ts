import type { Major } from './catalog/types.js';
import { runRule, type Assumptions, type Rule } from './engine/rule.js';
import { resolveCluster, type ResolvedCluster } from './resolve/cluster.js';
import { discover } from './resolve/discover.js';
import { nodeHost, type Host } from './resolve/host.js';
import { settingsRows, type FileSettingRow } from './resolve/settings-rows.js';
import { hbaFileRules, type HbaFile, type HbaRuleRow } from './parse/pg-hba.js';
import type { SourceFile } from './source/source.js';
import type { Diagnostic, FileKind, Severity } from './types.js';
import { RULES } from '../rules/index.js';

export interface LintOptions {
  cwd?: string;
  /** Nothing outside this directory is read (default: the working directory). */
  root?: string;
  pgVersion?: Major;
  /** Per-rule severity overrides. */
  rules?: Record<string, Severity | 'off'>;
  /** Per-rule options (overlaid on each rule's defaults). */
  ruleOptions?: Record<string, Record<string, unknown>>;
  /** Facts the files cannot show. */
  assume?: Assumptions;
  maxFileBytes?: number;
  host?: Host;
}

export interface FileInfo {
  path: string;
  kind: FileKind;
  pgVersion: Major;
}

export interface LintResult {
  files: FileInfo[];
  diagnostics: Diagnostic[];
  clusters: ResolvedCluster[];
  sources: Map<string, SourceFile>;
  /** Invocation problems (a path that does not exist). */
  errors: string[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.loc.file !== b.loc.file) return a.loc.file < b.loc.file ? -1 : 1;
  if (a.loc.start !== b.loc.start) return a.loc.start - b.loc.start;
  if (a.severity !== b.severity) return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}

function hostFor(options: LintOptions): Host {
  return options.host ?? nodeHost({ cwd: options.cwd, root: options.root, maxFileBytes: options.maxFileBytes });
}

export function resolveAll(paths: string[], options: LintOptions = {}): { host: Host; clusters: ResolvedCluster[]; errors: string[] } {
  const host = hostFor(options);
  const found = discover(host, paths, { pgVersion: options.pgVersion });
  const cache = new Map();
  const clusters = found.clusters.map((c) => resolveCluster(host, c, cache));
  return { host, clusters, errors: found.errors };
}

/** Lints files and directories: discover -> parse -> resolve -> check. */
export function lint(paths: string[], options: LintOptions = {}, rules: readonly Rule[] = RULES): LintResult {
  const { host, clusters, errors } = resolveAll(paths, options);
  const diagnostics: Diagnostic[] = [];
  const files: FileInfo[] = [];
  const sources = new Map<string, SourceFile>();
  for (const cluster of clusters) {
    for (const f of cluster.input.files) files.push({ path: host.display(f.abs), kind: f.kind, pgVersion: cluster.input.major });
    for (const [p, s] of cluster.sources) sources.set(p, s);
    for (const rule of rules) {
      const sev = options.rules?.[rule.name] ?? rule.severity;
      if (sev === 'off') continue;
      diagnostics.push(
        ...runRule(rule, cluster, {
          severity: sev,
          ...(options.ruleOptions?.[rule.name] ? { options: options.ruleOptions[rule.name] } : {}),
          ...(options.assume ? { assume: options.assume } : {}),
        }),
      );
    }
  }
  // The same included file can belong to several clusters: report each finding once.
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const k = `${d.rule}\0${d.loc.file}\0${d.loc.start}\0${d.loc.end}\0${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  unique.sort(compareDiagnostics);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, diagnostics: unique, clusters, sources, errors };
}

export interface SettingsResult {
  cluster: string;
  pgVersion: Major;
  rows: FileSettingRow[];
}

/** What PostgreSQL reads from each cluster's postgresql.conf family: pg_file_settings + canonical. */
export function readSettings(paths: string[], options: LintOptions = {}): { results: SettingsResult[]; errors: string[] } {
  const { host, clusters, errors } = resolveAll(paths, options);
  const results = clusters
    .filter((c) => c.conf)
    .map((c) => ({ cluster: host.display(c.input.dir), pgVersion: c.input.major, rows: settingsRows(c) }));
  return { results, errors };
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
function hbaRows(host: Host, hba: HbaFile): HbaRuleRow[] {
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

/** What PostgreSQL loads from each cluster's pg_hba.conf: the rows of pg_hba_file_rules. */
export function readHba(paths: string[], options: LintOptions = {}): { results: HbaResult[]; errors: string[] } {
  const { host, clusters, errors } = resolveAll(paths, options);
  const results = clusters.flatMap((c) =>
    c.hba
      ? [{ cluster: host.display(c.input.dir), file: c.hba.file.path, pgVersion: c.input.major, rows: hbaRows(host, c.hba) }]
      : [],
  );
  return { results, errors };
}

export type { FileSettingRow, HbaRuleRow };
