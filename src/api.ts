import type { Major } from './catalog/types.js';
import { FILE_FINDINGS_LIMIT, precedenceOrder, runRule, type Assumptions, type Rule } from './linter/rule.js';
import { ConfigError, mergeRules, parseSize, toAssumptions, type EffectiveRuleConfig, type LoadedConfig } from './config/config-core.js';
import { globMatcher } from './lexical/glob.js';
import { applyDirectives, collectDirectives, type DirectiveProblem } from './linter/directives.js';
import { relative, sep } from 'node:path';
import { clusterName, expandCarriers, resolveCluster, type ResolvedCluster } from './resolve/cluster.js';
import { discover, type DiscoverOptions, type Discovery, type ExplicitKind } from './resolve/discover.js';
import { mapDiagnostic, type SynthOrigin } from './carriers/origin.js';
import { loadCarriers, needsCarriers } from './carriers/load.js';
import type { CarrierKit } from './carriers/types.js';
import { parseDirective, type Directive } from './linter/directives.js';
import { lineColumn, lineStart } from './source/source.js';
import { stdinHost, stdinPath, type StdinInput } from './resolve/stdin.js';
import { DEFAULT_MAX_FILE_BYTES, MAX_MAX_FILE_BYTES, nodeHost, type Host } from './resolve/host.js';
import { settingsRows, type FileSettingRow } from './resolve/settings-rows.js';
import { groupOf, mergeGroups, onceEach, setGroup } from './linter/merge.js';
import { releaseAssignmentKinds } from './linter/settings.js';
import { ALLOWED_NETWORKS } from './analysis/hba.js';
import type { HbaRuleRow } from './parse/pg-hba.js';
import { hbaRows, type HbaResult, type SettingsResult } from './resolve/views.js';
import type { SourceFile } from './source/source.js';
import type { Diagnostic, FileInfo, FileKind, Severity } from './types.js';
import { findProfile, profileBlocks, selectedProfiles, unknownProfileMessage } from './profiles/index.js';

export interface LintOptions {
  cwd?: string;
  /** Nothing outside this directory is read (default: the working directory). */
  root?: string;
  /**
   * Paths in the result are relative to this directory (default: cwd). The CLI passes the git top
   * level (findRepositoryRoot), the Action the checked-out repository: reports name files as the
   * repository does, whatever the working directory.
   */
  base?: string;
  pgVersion?: Major;
  /**
   * Profiles laid under the user's rule settings, in order (later wins per rule); they replace the
   * config's `profile:`. `recommended` is always the base. An unknown name throws.
   */
  profiles?: string[];
  /** Per-rule severity overrides. */
  rules?: Record<string, Severity | 'off'>;
  /** Per-rule options (overlaid on each rule's defaults). */
  ruleOptions?: Record<string, Record<string, unknown>>;
  /** Facts the files cannot show. */
  assume?: Assumptions;
  maxFileBytes?: number;
  host?: Host;
  /** A loaded .pgconf-lint.yml (see loadConfig in src/config/config.ts). */
  config?: LoadedConfig;
  /** Parse every explicitly named file (and standard input) as this kind (--kind); directories are searched by name. */
  kind?: ExplicitKind;
  /** Standard input, linted as the file it names: the path `-` (or no path at all) stands for it. */
  stdin?: StdinInput;
  /** Finding no configuration file is not an error (--allow-empty): the result's `empty` says why. */
  allowEmpty?: boolean;
  /**
   * The carrier readers (Patroni YAML, …), loaded by `await loadCarriers()` (src/carriers/load.ts):
   * without them a carrier file is reported as unreadable, never skipped. prepareLint() sets it when
   * discovery finds a carrier file.
   */
  carriers?: CarrierKit;
  /** Discovery already done for these paths by prepareLint(): lint() does not walk the tree again. */
  discovered?: { paths: readonly string[]; found: Discovery };
}

/** A lint's result; it has the reporters' input shape (src/report/types.ts Report). */
export interface LintResult {
  files: FileInfo[];
  /** The rules the lint ran with. */
  rules: readonly Rule[];
  diagnostics: Diagnostic[];
  clusters: ResolvedCluster[];
  sources: Map<string, SourceFile>;
  /** Absolute directory the paths in this result are relative to (LintOptions.base, else cwd). */
  base: string;
  /** Invocation problems (a path that does not exist, or no configuration file found at all): exit 2. */
  errors: string[];
  /**
   * Where discovery stopped before the end and why (its depth limit): files below were not checked.
   * The CLI prints them on stderr, the Action as warnings.
   */
  warnings: string[];
  /** With allowEmpty, when no configuration file was found: why (otherwise that is an error). */
  empty?: string;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.loc.file !== b.loc.file) return a.loc.file < b.loc.file ? -1 : 1;
  if (a.loc.start !== b.loc.start) return a.loc.start - b.loc.start;
  if (a.severity !== b.severity) return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}

/** The Host a lint with these options reads through (the one given, else a node host with the root, base and size limit). */
export function hostFor(options: LintOptions): Host {
  const inner = options.host ?? nodeHost({ cwd: options.cwd, root: options.root, base: options.base, maxFileBytes: maxFileBytesFor(options) });
  return options.stdin ? stdinHost(inner, options.stdin) : inner;
}

/** The size limit of one file under these options (standard input's too). */
export function maxFileBytesFor(options: LintOptions): number {
  if (options.host) return options.host.maxFileBytes;
  const configMax = options.config?.config.maxFileSize;
  // The config may be the pull request's: it can lower the limit, never raise it (the flag can).
  const fromConfig = configMax !== undefined ? Math.min(parseSize(configMax), DEFAULT_MAX_FILE_BYTES) : undefined;
  return Math.min(options.maxFileBytes ?? fromConfig ?? DEFAULT_MAX_FILE_BYTES, MAX_MAX_FILE_BYTES);
}

/** Config globs are relative to the config file's directory. */
function configRelative(loaded: LoadedConfig, abs: string): string {
  return relative(loaded.dir, abs).split(sep).join('/');
}

function discoverOptions(options: LintOptions, host: Host): DiscoverOptions {
  const out: DiscoverOptions = {
    ...(options.pgVersion ? { pgVersion: options.pgVersion } : {}),
    ...(options.kind ? { kind: options.kind } : {}),
    ...(options.stdin ? { stdin: { abs: stdinPath(host, options.stdin), name: options.stdin.filename } } : {}),
    ...(options.allowEmpty ? { allowEmpty: true } : {}),
  };
  const loaded = options.config;
  if (!loaded) return out;
  const c = loaded.config;
  const rel = (abs: string): string => configRelative(loaded, abs);
  const overrides = (c.overrides ?? []).map((o) => ({ ...o, match: globMatcher(o.files) }));
  out.configVersion = (files) => {
    let v = c.pgVersion;
    for (const o of overrides) if (o.pgVersion && files.some((f) => o.match(rel(f)))) v = o.pgVersion;
    return v;
  };
  const kinds = Object.entries(c.files ?? {}).map(([kind, globs]) => ({ kind: kind as FileKind, match: globMatcher(globs) }));
  if (kinds.length) out.extraKind = (abs) => kinds.find((k) => k.match(rel(abs)))?.kind;
  if (c.ignore?.length) {
    const ignored = globMatcher(c.ignore);
    out.ignore = (abs) => ignored(rel(abs));
  }
  const defs = (c.clusters ?? []).map((d, i) => ({ name: d.name ?? `cluster-${i + 1}`, pgVersion: d.pgVersion, match: globMatcher(d.files) }));
  if (defs.length) {
    out.clusterOf = (abs) => {
      const d = defs.find((x) => x.match(rel(abs)));
      return d ? { name: d.name, ...(d.pgVersion ? { pgVersion: d.pgVersion } : {}) } : undefined;
    };
  }
  return out;
}


/**
 * Rule settings and assumptions for one cluster: its profiles (for its target major), then the
 * config, then matching overrides, then the CLI.
 */
function clusterRuleConfig(
  options: LintOptions,
  cluster: ResolvedCluster,
  ruleList: readonly Rule[],
  memo: Map<string, ClusterRuleConfig>,
): ClusterRuleConfig {
  const loaded = options.config;
  const c = loaded?.config;
  const overrideList = c?.overrides ?? [];
  const matching: typeof overrideList = [];
  const key: (string | number)[] = [cluster.input.major];
  if (overrideList.length) {
    const files = cluster.input.files.map((f) => (loaded ? configRelative(loaded, f.abs) : f.abs));
    overrideList.forEach((o, i) => {
      const match = globMatcher(o.files);
      if (files.some((f) => match(f))) {
        matching.push(o);
        key.push(i);
      }
    });
  }
  const defIndex = cluster.input.name && c?.clusters ? c.clusters.findIndex((d, i) => (d.name ?? `cluster-${i + 1}`) === cluster.input.name) : -1;
  const def = defIndex === -1 ? undefined : c!.clusters![defIndex];
  key.push('def', defIndex);
  // Clusters of one major that the same overrides and cluster definition match get the same
  // settings (a repository of a thousand clusters, most without any): merged once per lint.
  const memoKey = key.join(',');
  const known = memo.get(memoKey);
  if (known) return known;
  const made = mergeClusterRuleConfig(options, cluster.input.major, ruleList, matching, def);
  memo.set(memoKey, made);
  return made;
}

interface ClusterRuleConfig {
  rules: Record<string, EffectiveRuleConfig>;
  assume: Assumptions;
}

function mergeClusterRuleConfig(
  options: LintOptions,
  major: Major,
  ruleList: readonly Rule[],
  matching: NonNullable<LoadedConfig['config']['overrides']>,
  def: NonNullable<LoadedConfig['config']['clusters']>[number] | undefined,
): ClusterRuleConfig {
  const c = options.config?.config;
  const ruleSeverity = (name: string): Severity | undefined => ruleList.find((r) => r.name === name)?.severity;
  const profiles = profileBlocks(selectedProfiles(options.profiles, c?.profile), major, ruleSeverity);
  const rules = mergeRules([...profiles, c?.rules, ...matching.map((o) => o.rules)]);
  for (const [name, sev] of Object.entries(options.rules ?? {})) rules[name] = { ...(rules[name] ?? { options: {} }), severity: sev };
  for (const [name, opts] of Object.entries(options.ruleOptions ?? {})) {
    rules[name] = { ...(rules[name] ?? {}), options: { ...(rules[name]?.options ?? {}), ...opts } };
  }
  // The config's top-level allowedNetworks goes to every rule that declares the shared option
  // (src/analysis/hba.ts ALLOWED_NETWORKS); a rule's own allowedNetworks wins.
  if (c?.allowedNetworks?.length) {
    for (const rule of ruleList) {
      if (rule.options?.allowedNetworks !== ALLOWED_NETWORKS) continue;
      const name = rule.name;
      rules[name] = { ...(rules[name] ?? {}), options: { allowedNetworks: c.allowedNetworks, ...(rules[name]?.options ?? {}) } };
    }
  }
  const assume = { ...toAssumptions([c?.assume, ...matching.map((o) => o.assume), def?.assume]), ...(options.assume ?? {}) };
  return { rules, assume };
}

function discoverFor(paths: string[], options: LintOptions, host: Host): Discovery {
  const pre = options.discovered;
  if (pre && pre.paths.length === paths.length && pre.paths.every((p, i) => p === paths[i])) return pre.found;
  // Standard input alone when no path is named.
  return discover(host, options.stdin && !paths.length ? ['-'] : paths, discoverOptions(options, host));
}

/**
 * What a front end awaits before lint(), readSettings() or readHba() (which are synchronous): it
 * discovers the files once and, when any is a carrier (a Patroni YAML, …), loads the carrier readers
 * (a chunk of their own with the `yaml` package). The options it returns carry both, so the lint that
 * follows neither walks the tree again nor loads anything. Without a carrier file nothing is loaded.
 */
export async function prepareLint(paths: string[], options: LintOptions = {}): Promise<LintOptions> {
  if (options.carriers) return options;
  const host = hostFor(options);
  const found = discoverFor(paths, options, host);
  const kinds = found.clusters.flatMap((c) => c.files.map((f) => f.kind));
  return { ...options, discovered: { paths: [...paths], found }, ...(needsCarriers(kinds) ? { carriers: await loadCarriers() } : {}) };
}

/**
 * One problem, one finding: a carrier line can write several records (Patroni's bootstrap.initdb
 * stands for initdb's six pg_hba records), and a rule that flags each of them would flag that line
 * six times. Findings of one rule at one span of a carrier file become the first (most severe) of
 * them, saying how many more there are.
 */
function oncePerCarrierSpan(diagnostics: Diagnostic[], origins: ReadonlyMap<string, SynthOrigin>): Diagnostic[] {
  const carriers = new Set([...origins.values()].map((o) => o.carrier));
  const groups = new Map<string, Diagnostic[]>();
  const out: (Diagnostic | Diagnostic[])[] = [];
  for (const d of diagnostics) {
    if (!carriers.has(d.loc.file)) {
      out.push(d);
      continue;
    }
    const key = `${d.rule}\0${d.loc.file}\0${d.loc.start}\0${d.loc.end}`;
    const g = groups.get(key);
    if (g) g.push(d);
    else {
      const list = [d];
      groups.set(key, list);
      out.push(list);
    }
  }
  return out.map((x) => {
    if (!Array.isArray(x)) return x;
    if (x.length === 1) return x[0]!;
    const first = [...x].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])[0]!;
    const more = x.length - 1;
    return keepGroup(first, { ...first, message: `${first.message} (and ${more} more ${more === 1 ? 'finding' : 'findings'} of this rule on what this line writes)` });
  });
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** A finding rebuilt from another keeps its merge group (src/linter/merge.ts keys groups by the object). */
function keepGroup(from: Diagnostic, to: Diagnostic): Diagnostic {
  const g = groupOf(from);
  if (g && to !== from) setGroup(to, g);
  return to;
}

/** The origin maps of every carrier cluster, by synthesized display path. */
function carrierOrigins(clusters: readonly ResolvedCluster[]): Map<string, SynthOrigin> {
  const out = new Map<string, SynthOrigin>();
  for (const c of clusters) for (const [p, o] of c.carrier?.origins ?? []) out.set(p, o);
  return out;
}

/**
 * Nothing is reported on lines a carrier's tool writes on its own (SynthBuilder `reportable`): not a
 * finding located there, nor a finding about the cluster as a whole (located outside the synthesized
 * files) whose every related location is such a line (ssl off while the image's own record admits
 * unencrypted connections).
 */
function reportableOnCarrier(d: Diagnostic, origins: ReadonlyMap<string, SynthOrigin>): boolean {
  const own = origins.get(d.loc.file);
  if (own) return own.map.reportable(d.loc.start);
  const inSynth = (d.related ?? []).filter((r) => origins.has(r.loc.file));
  return inSynth.length === 0 || inSynth.some((r) => origins.get(r.loc.file)!.map.reportable(r.loc.start));
}

/**
 * Inline directives written in carrier files' own comments (YAML comments are `#` comments too, so
 * the syntax is the same): `# pgconf-lint disable-next-line RULE -- reason` above a YAML line
 * suppresses that rule's findings located on it.
 */
function carrierDirectives(clusters: readonly ResolvedCluster[]): Directive[] {
  const out: Directive[] = [];
  const seen = new Set<string>();
  for (const c of clusters) {
    const carrier = c.carrier;
    if (!carrier || seen.has(carrier.file.path)) continue;
    seen.add(carrier.file.path);
    const file = carrier.file;
    for (const cm of carrier.comments) {
      const text = cm.text.replace(/\r$/, '');
      const d = parseDirective(text);
      if (!d) continue;
      const at = { file: file.path, line: lineColumn(file, cm.start).line, loc: { file: file.path, start: cm.start, end: cm.start + text.length } };
      if ('misspelled' in d) out.push({ kind: 'disable-line', rules: [], reason: null, ...at, misspelled: { meant: d.meant, why: d.why } });
      else out.push({ ...d, ...at });
    }
  }
  return out;
}

export function resolveAll(
  paths: string[],
  options: LintOptions = {},
): { host: Host; clusters: ResolvedCluster[]; errors: string[]; warnings: string[]; empty?: string } {
  const host = hostFor(options);
  const found = discoverFor(paths, options, host);
  const cache = new Map();
  const clusters = expandCarriers(host, found.clusters, options.carriers).map((c) => resolveCluster(host, c, cache));
  return { host, clusters, errors: found.errors, warnings: found.warnings, ...(found.empty !== undefined ? { empty: found.empty } : {}) };
}

/**
 * Lints files and directories: discover -> parse -> resolve -> check. `rules` is the registry (rules/index.ts
 * RULES), handed in by the composition roots (bin/cli.ts, bin/action.ts): nothing in src/ imports rules/.
 */
export function lint(paths: string[], options: LintOptions, rules: readonly Rule[]): LintResult {
  // An unknown profile is the caller's mistake whether or not any cluster is found.
  for (const name of selectedProfiles(options.profiles, options.config?.config.profile)) {
    if (!findProfile(name)) throw new ConfigError(unknownProfileMessage(name));
  }
  const { host, clusters, errors, warnings, empty } = resolveAll(paths, options);
  let diagnostics: Diagnostic[] = [];
  const files: FileInfo[] = [];
  const ran = new Set<string>();
  // The rule whose findings are the directives' problems (it declares engineReport): made below, by the engine.
  const directiveRule = rules.find((r) => r.engineReport === 'directive-problems');
  let unusedSeverity: Severity | 'off' = directiveRule?.severity ?? 'off';
  const sources = new Map<string, SourceFile>();
  const listed = new Set<string>();
  const ruleConfigs = new Map<string, ClusterRuleConfig>();
  for (const cluster of clusters) {
    for (const f of cluster.input.files) {
      const path = host.display(f.abs);
      // A carrier file describing several clusters is one file.
      if (listed.has(`${f.kind}\0${path}`)) continue;
      listed.add(`${f.kind}\0${path}`);
      files.push({ path, kind: f.kind, pgVersion: cluster.input.major });
    }
    for (const [p, s] of cluster.sources) sources.set(p, s);
    const cfg = clusterRuleConfig(options, cluster, rules, ruleConfigs);
    for (const rule of rules) {
      const rc = cfg.rules[rule.name];
      const sev = rc?.severity ?? rule.severity;
      if (rule === directiveRule) unusedSeverity = sev;
      if (sev === 'off') continue;
      ran.add(rule.name);
      // A loop, not push(...xs): a million findings would overflow the call stack.
      for (const d of runRule(rule, cluster, { severity: sev, options: rc?.options ?? {}, assume: cfg.assume })) diagnostics.push(d);
    }
    releaseAssignmentKinds(cluster);
  }
  // Findings on what a carrier synthesized are located in the carrier file (fixes kept only where
  // they edit the carrier's own characters: src/carriers/origin.ts mapFix).
  const origins = carrierOrigins(clusters);
  if (origins.size) diagnostics = oncePerCarrierSpan(diagnostics.filter((d) => reportableOnCarrier(d, origins)).map((d) => keepGroup(d, mapDiagnostic(d, origins))), origins);
  // filter: inline directives mark findings suppressed (they stay in the list).
  const directives = [...collectDirectives(clusters), ...carrierDirectives(clusters)];
  const applied = applyDirectives(diagnostics, directives, sources, new Set(rules.map((r) => r.name)), ran);
  // One problem, one finding: of the findings several rules made about one problem (their group),
  // only the most severe unsuppressed one is kept, naming the others' concerns.
  diagnostics = mergeGroups(applied.diagnostics, precedenceOrder(rules));
  if (directiveRule && unusedSeverity !== 'off') {
    const name = directiveRule.name;
    // Listed up to the same per-file limit as every rule's findings, the rest counted in one more.
    const perFile = new Map<string, { n: number; last: DirectiveProblem['loc'] }>();
    for (const p of applied.problems) {
      const c = perFile.get(p.loc.file) ?? { n: 0, last: p.loc };
      c.n++;
      c.last = p.loc;
      perFile.set(p.loc.file, c);
      if (c.n <= FILE_FINDINGS_LIMIT) diagnostics.push({ rule: name, severity: unusedSeverity, message: p.message, help: p.help, loc: p.loc });
    }
    for (const [, c] of perFile) {
      if (c.n <= FILE_FINDINGS_LIMIT) continue;
      const more = c.n - FILE_FINDINGS_LIMIT;
      diagnostics.push({ rule: name, severity: unusedSeverity, message: `${more} more ${name} findings in this file are not listed (${c.n} in all; only the first ${FILE_FINDINGS_LIMIT} are)`, loc: c.last, unlisted: more });
    }
  }
  // The same included file can belong to several clusters: report each finding once.
  const unique = onceEach(diagnostics);
  unique.sort(compareDiagnostics);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, rules, diagnostics: unique, clusters, sources, base: host.base ?? host.cwd, errors, warnings, ...(empty !== undefined ? { empty } : {}) };
}

/** What PostgreSQL reads from each cluster's postgresql.conf family: pg_file_settings + canonical. */
export function readSettings(paths: string[], options: LintOptions = {}): { results: SettingsResult[]; errors: string[]; warnings: string[]; empty?: string } {
  const { host, clusters, errors, warnings, empty } = resolveAll(paths, options);
  const results = clusters
    .filter((c) => c.conf)
    .map((c) => ({ cluster: clusterName(host, c), pgVersion: c.input.major, rows: carrierRows(c, settingsRows(c), 'sourcefile', 'sourceline') }));
  return { results, errors, warnings, ...(empty !== undefined ? { empty } : {}) };
}

/** What PostgreSQL loads from each cluster's pg_hba.conf: the rows of pg_hba_file_rules. */
export function readHba(paths: string[], options: LintOptions = {}): { results: HbaResult[]; errors: string[]; warnings: string[]; empty?: string } {
  const { host, clusters, errors, warnings, empty } = resolveAll(paths, options);
  const results = clusters.flatMap((c) =>
    c.hba
      ? [{ cluster: clusterName(host, c), file: c.carrier?.origins.get(c.hba.file.path)?.carrier ?? c.hba.file.path, pgVersion: c.input.major, rows: carrierRows(c, hbaRows(host, c.hba), 'file_name', 'line_number') }]
      : [],
  );
  return { results, errors, warnings, ...(empty !== undefined ? { empty } : {}) };
}

/** Rows naming a carrier's synthesized file, renamed to the carrier file and the line there. */
function carrierRows<R extends object, F extends keyof R, L extends keyof R>(c: ResolvedCluster, rows: R[], fileKey: F, lineKey: L): R[] {
  const carrier = c.carrier;
  if (!carrier) return rows;
  const synth = new Map([...(c.conf?.files.values() ?? [])].map((f) => [f.file.path, f.file] as const));
  for (const f of c.hba?.files ?? []) synth.set(f.path, f);
  for (const f of c.ident?.files ?? []) synth.set(f.path, f);
  return rows.map((row) => {
    const path = row[fileKey] as unknown;
    const origin = typeof path === 'string' ? carrier.origins.get(path) : undefined;
    const file = typeof path === 'string' ? synth.get(path) : undefined;
    if (!origin || !file) return row;
    const at = origin.map.mapStart(lineStart(file, row[lineKey] as unknown as number));
    return { ...row, [fileKey]: origin.carrier, [lineKey]: lineColumn(carrier.file, at).line };
  });
}

export type { FileSettingRow, HbaRuleRow, StdinInput, ExplicitKind, SettingsResult, HbaResult };
