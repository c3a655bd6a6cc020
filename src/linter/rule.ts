import type { Catalog, Major } from '../catalog/types.js';
import type { ResolvedCluster } from '../resolve/cluster.js';
import { effectiveSetting, type SettingView } from './settings.js';
import type { Diagnostic, FileKind, Fix, Loc, RelatedInfo, Severity } from '../types.js';
import { maskQuoted, privateKeyBlocks, redactSecrets, redactSecretsKept } from './redact.js';
import type { SourceFile } from '../source/source.js';
import { setGroup } from './merge.js';
import { lastResult } from '../lexical/last-result.js';
import { VERSION } from '../version.js';
import { defaultOptions, optionsSchema, type OptionsOf, type OptionsSpec } from './options.js';

/** How a config, a profile or an override sets one rule: a severity, `off`, or options with an optional severity. */
export type RuleConfigValue = Severity | 'off' | ({ severity?: Severity | 'off' } & Record<string, unknown>);

export type DocExample = string | Readonly<Record<string, string>>;

export interface RuleDocs {
  /** One line: what the rule flags. */
  summary: string;
  /** Why this is bad, for DBAs (a paragraph). */
  why: string;
  /**
   * Examples: a snippet of the first `appliesTo` kind, or several files of one cluster
   * (file name -> content). Each invalid example must yield exactly one diagnostic of the rule
   * with default options, no assumptions and the newest major; each valid one none.
   */
  invalid: DocExample[];
  valid: DocExample[];
  references: string[];
  /** PostgreSQL versions involved, in words (e.g. "all", "12+"). */
  versions?: string;
  /**
   * Markdown said about the options beyond what each option's description says (how they
   * interact, an example config). The list of options itself is generated from the rule's `options`.
   */
  optionsNote?: string;
}

/**
 * What a rule is about (README "Rule categories"):
 * - `validity`: PostgreSQL rejects, ignores or silently changes what the file says (or refuses to start);
 * - `security`: who can reach the server and how credentials are protected (SARIF security alerts);
 * - `durability`: data loss, unrecoverable or unavailable servers;
 * - `maintenance`: what operators need to run the server: logs, diagnostics, resource use.
 * Documentation lists rules by category in this order, then by name.
 */
export const RULE_CATEGORIES = ['validity', 'security', 'durability', 'maintenance'] as const;
export type RuleCategory = (typeof RULE_CATEGORIES)[number];

/**
 * The `tags` of `rules --format json`: the category's tag (durability is tagged `reliability`,
 * maintenance has none of its own) plus the rule's extra `tags`.
 */
export const RULE_TAGS = ['validity', 'security', 'reliability', 'performance'] as const;
export type RuleTag = (typeof RULE_TAGS)[number];
export const CATEGORY_TAGS: Readonly<Record<RuleCategory, readonly RuleTag[]>> = {
  validity: ['validity'],
  security: ['security'],
  durability: ['reliability'],
  maintenance: [],
};

export interface ReportInput {
  loc: Loc;
  message: string;
  help?: string;
  related?: RelatedInfo[];
  /** Lower (or raise) the severity of this one finding relative to the rule's default. */
  severity?: Severity;
  /** The fix, for a rule whose `fixable` is 'sometimes' or 'always' (the runner throws otherwise). */
  fix?: Fix;
  /**
   * One problem, one finding: findings of any rules that carry the same `group.key` describe one
   * problem (e.g. the exposure of one pg_hba record). After suppression, only the most severe of
   * them is reported (ties: the rule listed first), and its message names the others' concerns
   * (`group.concern`, a short phrase such as "an MD5 password (hba-md5)"). A rule turned off or a
   * finding suppressed takes no part, so the next one reports. See src/linter/merge.ts.
   */
  group?: { key: string; concern: string };
}

/** Facts the files cannot show, declared in the config (`assume:`). */
export interface Assumptions {
  /** Data checksums are on in the cluster (initdb --data-checksums; the default from 18). */
  dataChecksums?: boolean;
  /**
   * The server takes part in physical failover: a primary whose standbys may be promoted, or a
   * standby (set it where the files do not show it, e.g. replication configured by an operator).
   */
  failover?: boolean;
  /** The node's role. */
  role?: 'primary' | 'standby';
  /** Physical memory of the server, in bytes. */
  memoryBytes?: number;
}

export interface RuleContext<O = Readonly<Record<string, unknown>>> {
  readonly cluster: ResolvedCluster;
  readonly major: Major;
  readonly catalog: Catalog;
  /**
   * The effective value of a parameter: the winning assignment, or the target major's default
   * when no file sets it. Undefined only when the target major has no such parameter.
   */
  setting(name: string): SettingView | undefined;
  /** The rule's options: its `defaultOptions` overlaid with the user's config. */
  readonly options: O;
  readonly assume: Readonly<Assumptions>;
  /** Where to report a finding about the cluster as a whole (start of its postgresql.conf), if it has one. */
  clusterLoc(): Loc | undefined;
  report(input: ReportInput): void;
  /**
   * False once FILE_FINDINGS_LIMIT findings of this rule are listed for the file: later ones are
   * only counted (their location kept for the summary finding), so a rule that can report one
   * finding per line may skip building the message for them.
   */
  listed(file: string): boolean;
  /**
   * Counts `n` more findings in `file` once it is no longer `listed`, the last of them at `last`,
   * without a report for each: for a rule that can find one per line of a million-line file.
   */
  unlisted(file: string, n: number, last: Loc): void;
}

export interface Rule {
  name: string;
  severity: Severity;
  appliesTo: FileKind[];
  docs: RuleDocs;
  category: RuleCategory;
  /** Tags beyond the category's (`rules --format json`), e.g. `performance`; `security` only comes from the category. */
  tags?: readonly Exclude<RuleTag, 'security'>[];
  /**
   * Merge precedence (src/linter/merge.ts): when equally severe findings of several rules describe
   * one problem, the rule with the higher precedence is kept and the others' concerns are listed
   * in this order; equal precedence: by name. Default 0. Only rules that report `group`s need it.
   */
  precedence?: number;
  /** The options, declared once (src/linter/options.ts); the two fields below are derived from it. */
  options?: OptionsSpec;
  /** Derived from `options` by defineRule: the defaults, and the JSON Schema of the config value. */
  defaultOptions?: Record<string, unknown>;
  optionsSchema?: Record<string, unknown>;
  /** Facts from `assume:` the rule reads (documented and named in its messages). */
  needs?: (keyof Assumptions)[];
  /**
   * Whether its findings carry fixes (ESLint's meta.fixable, ruff's FIX_AVAILABILITY): 'always' — every
   * finding has one; 'sometimes'; 'never' (the default). A fix from a rule that says 'never' is a bug:
   * the runner throws.
   */
  fixable?: 'never' | 'sometimes' | 'always';
  /**
   * Set on a rule whose findings the engine makes rather than its `check`: 'directive-problems' —
   * the problems of pgconf-lint's own suppression directives (unused, misspelled, unknown rule, no
   * reason), known only after the directives are applied to every other rule's findings
   * (src/linter/directives.ts). The rule is registered like any other, so its severity, its docs and
   * directives naming it work as for the others; its `check` does nothing.
   */
  engineReport?: 'directive-problems';
  /**
   * What the cluster must hold for the rule to find anything at all (every one listed): without it the
   * runner does not call `check`, so a rule about pg_hba.conf costs nothing, not even compiling its
   * check, on a cluster that has none. A declaration for speed only: `check` must report nothing on a
   * cluster without it, whatever the options (test/rule-requires.test.ts compares lints with and
   * without the declarations).
   */
  requires?: readonly RuleInput[];
  check(ctx: RuleContext): void;
}

export interface RunSettings {
  severity?: Severity;
  options?: Record<string, unknown>;
  assume?: Assumptions;
}

/**
 * What a rule file declares: `ctx.options` is typed from `options`. The rule files in rules/ give
 * their `docs` as a function: its text is then built the first time something reads `rule.docs`
 * (the `rules` command, SARIF's rule metadata, the generated pages), never in a check, which does not
 * read it. A check then neither runs nor compiles it, and the CLI's code cache (scripts/cli-stub.cjs)
 * holds none of the ~150 kB of documentation text, which every run would otherwise deserialise
 * (issue 19: about a millisecond a run). test/registry.test.ts and test/cli-compile-cache.test.ts
 * check both.
 */
export interface RuleDefinition<S extends OptionsSpec> extends Omit<Rule, 'check' | 'options' | 'docs'> {
  docs: RuleDocs | (() => RuleDocs);
  options?: S;
  check(ctx: RuleContext<OptionsOf<S>>): void;
}

export function defineRule<S extends OptionsSpec = {}>(def: RuleDefinition<S>): Rule {
  const { options, docs, ...rest } = def;
  const rule = { ...rest, check: def.check as (ctx: RuleContext) => void } as Rule;
  if (typeof docs !== 'function') rule.docs = docs;
  else {
    // Built on the first read, then a plain property.
    Object.defineProperty(rule, 'docs', {
      configurable: true,
      enumerable: true,
      get(): RuleDocs {
        const value = docs();
        Object.defineProperty(rule, 'docs', { value, configurable: true, enumerable: true, writable: true });
        return value;
      },
    });
  }
  if (options && Object.keys(options).length) {
    rule.options = options;
    rule.defaultOptions = defaultOptions(options);
    rule.optionsSchema = optionsSchema(options);
  }
  return rule;
}

/** Rules in merge precedence order (higher precedence first, then by name): the ruleOrder of mergeGroups. */
export function precedenceOrder(rules: readonly Rule[]): string[] {
  return [...rules].sort((a, b) => (b.precedence ?? 0) - (a.precedence ?? 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((r) => r.name);
}

/** Rules in documentation order (README table, `rules` listing): by category, then by name. */
export function documentationOrder(rules: readonly Rule[]): Rule[] {
  const cat = (r: Rule): number => RULE_CATEGORIES.indexOf(r.category);
  return [...rules].sort((a, b) => cat(a) - cat(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * A rule's documentation as of the version that produced the finding: the tag `v<VERSION>` that
 * the release workflow (.github/workflows/release.yml) publishes from, so a link in a report, a
 * SARIF upload or a review comment keeps describing the rule as that version checked it.
 */
export function docsUrl(name: string): string {
  return `https://github.com/pgconf-lint/pgconf-lint/blob/v${VERSION}/docs/rules/${name}.md`;
}

/**
 * What a rule can need the cluster to hold (Rule.requires): a pg_hba.conf, a pg_ident.conf, a
 * pgbouncer.ini, a postgresql.conf, or a cluster synthesized from a Patroni or CloudNativePG file.
 */
export type RuleInput = 'postgresql.conf' | 'pg_hba.conf' | 'pg_ident.conf' | 'pgbouncer.ini' | 'patroni' | 'cloudnativepg';

/** Whether the cluster holds every input the rule requires (Rule.requires). */
export function canApply(rule: Rule, cluster: ResolvedCluster): boolean {
  const needs = rule.requires;
  if (needs === undefined) return true;
  for (let i = 0; i < needs.length; i++) {
    switch (needs[i]) {
      case 'postgresql.conf':
        if (cluster.conf === undefined) return false;
        break;
      case 'pg_hba.conf':
        if (cluster.hba === undefined) return false;
        break;
      case 'pg_ident.conf':
        if (cluster.ident === undefined) return false;
        break;
      case 'pgbouncer.ini':
        if (cluster.pgbouncer === undefined) return false;
        break;
      case 'patroni':
        if (cluster.carrier?.cluster.patroni === undefined) return false;
        break;
      case 'cloudnativepg':
        if (cluster.carrier?.cluster.cnpg === undefined) return false;
        break;
    }
  }
  return true;
}

const NO_FINDINGS: readonly Diagnostic[] = Object.freeze([]);

/** Findings of one rule in one file: how many, and the last (for the finding that counts those past the limit). */
interface FileCount {
  n: number;
  lastLoc: Loc;
  lastSeverity: Severity;
}

/**
 * Where a cluster as a whole is reported (RuleContext.clusterLoc), found once per cluster: a
 * carrier's cluster is its carrier file (findings on what it synthesized are mapped there), else
 * the start of its postgresql.conf, if it has one.
 */
const clusterLocs = new WeakMap<ResolvedCluster, Loc | null>();

function clusterLocOf(cluster: ResolvedCluster): Loc | undefined {
  let at = clusterLocs.get(cluster);
  if (at === undefined) {
    if (cluster.carrier) at = { file: cluster.carrier.file.path, start: 0, end: 0 };
    else {
      const main = cluster.input.files.find((f) => f.kind === 'postgresql.conf');
      let src: SourceFile | undefined;
      if (main) {
        for (const s of cluster.sources.values()) {
          if (s.absPath === main.abs) {
            src = s;
            break;
          }
        }
      }
      at = src ? { file: src.path, start: 0, end: 0 } : null;
    }
    clusterLocs.set(cluster, at);
  }
  // A fresh object for each caller, as before: a rule may keep it in a finding.
  return at === null ? undefined : { file: at.file, start: at.start, end: at.end };
}

/**
 * One rule's run on one cluster: the rule context. A class, so that its methods are shared by every
 * run rather than made as closures for each (a repository of a thousand clusters makes 85,000 runs).
 */
class RuleRun implements RuleContext {
  readonly major: Major;
  readonly catalog: Catalog;
  readonly out: Diagnostic[] = [];
  /** Findings per file: beyond FILE_FINDINGS_LIMIT they are counted, not kept (bounded memory and output for a file of a million offending lines). */
  perFile: Map<string, FileCount> | undefined = undefined;

  constructor(
    readonly rule: Rule,
    readonly cluster: ResolvedCluster,
    readonly severity: Severity,
    readonly options: Readonly<Record<string, unknown>>,
    readonly assume: Readonly<Assumptions>,
  ) {
    this.major = cluster.input.major;
    this.catalog = cluster.catalog;
  }

  setting(name: string): SettingView | undefined {
    return effectiveSetting(this.cluster, name);
  }

  clusterLoc(): Loc | undefined {
    return clusterLocOf(this.cluster);
  }

  listed(file: string): boolean {
    return (this.perFile?.get(file)?.n ?? 0) < FILE_FINDINGS_LIMIT;
  }

  unlisted(file: string, n: number, last: Loc): void {
    const c = this.perFile?.get(file);
    if (c === undefined || c.n < FILE_FINDINGS_LIMIT) throw new Error(`${this.rule.name}: unlisted() for ${file} before its listing limit`);
    c.n += n;
    c.lastLoc = last;
    c.lastSeverity = this.severity;
  }

  report(r: ReportInput): void {
    const rule = this.rule;
    const severity = this.severity;
    // A per-finding severity is relative to the rule default: a user's override applies as-is.
    const sev = r.severity && severity === rule.severity ? r.severity : severity;
    const loc = r.loc;
    const perFile = (this.perFile ??= new Map());
    let c = perFile.get(loc.file);
    if (c === undefined) perFile.set(loc.file, (c = { n: 0, lastLoc: loc, lastSeverity: sev }));
    c.n++;
    c.lastLoc = loc;
    c.lastSeverity = sev;
    // Past the limit a finding is only counted: nothing more of it is built (a million-line
    // file can report hundreds of thousands).
    if (c.n > FILE_FINDINGS_LIMIT) return;
    // A finding on a line of a private key (a key file pulled in by an include or @file)
    // quotes nothing of that line: PostgreSQL's "near token" would be a piece of the key.
    const inKey = this.insidePrivateKey(loc);
    const d: Diagnostic = { rule: rule.name, severity: sev, message: safeKept(inKey ? maskQuoted(r.message) : r.message), loc };
    if (r.help) d.help = safeHelp(r.help);
    const related = r.related;
    if (related !== undefined && related.length > 0) d.related = related.map(safeRelated);
    if (r.fix) d.fix = checkedFix(rule, loc.file, r.fix);
    if (r.group) setGroup(d, { key: r.group.key, concern: inKey ? safeText(maskQuoted(r.group.concern)) : safeConcern(r.group.concern) });
    this.out.push(d);
  }

  /** The last file a finding was in, and its private key blocks (most runs report in one file). */
  private keyFile: string | undefined = undefined;
  private keyBlocks: readonly [number, number][] = NO_BLOCKS;

  /** Whether the finding's start lies in a PEM private key block of its file. */
  private insidePrivateKey(loc: Loc): boolean {
    if (loc.file !== this.keyFile) {
      const file = this.cluster.sources.get(loc.file);
      this.keyFile = loc.file;
      this.keyBlocks = file === undefined ? NO_BLOCKS : keyBlocksOf(file);
    }
    return this.keyBlocks.length !== 0 && insideBlock(this.keyBlocks, loc.start);
  }

  /** The findings, with one more per file that had more than FILE_FINDINGS_LIMIT, counting them. */
  findings(): Diagnostic[] {
    const out = this.out;
    if (this.perFile === undefined) return out;
    const name = this.rule.name;
    for (const c of this.perFile.values()) {
      if (c.n <= FILE_FINDINGS_LIMIT) continue;
      out.push({
        rule: name,
        severity: c.lastSeverity,
        message: `${c.n - FILE_FINDINGS_LIMIT} more ${name} findings in this file are not listed (${c.n} in all; only the first ${FILE_FINDINGS_LIMIT} are)`,
        loc: c.lastLoc,
        unlisted: c.n - FILE_FINDINGS_LIMIT,
      });
    }
    return out;
  }
}

function safeRelated(x: RelatedInfo): RelatedInfo {
  return { ...x, message: safeRelatedMessage(x.message) };
}

// A rule's findings mostly share their help, the message of their related locations and their
// concern: each is masked once for a run of findings rather than once each.
const safeHelp = lastResult(safeText);
const safeRelatedMessage = lastResult(safeText);
const safeConcern = lastResult(safeText);

/**
 * The findings of one rule on one cluster. A rule whose `requires` the cluster does not hold is not
 * run at all: nothing is made for it, and its `check` is not even compiled.
 */
export function runRule(rule: Rule, cluster: ResolvedCluster, settings: RunSettings = {}): readonly Diagnostic[] {
  if (rule.requires !== undefined && !canApply(rule, cluster)) return NO_FINDINGS;
  const run = new RuleRun(
    rule,
    cluster,
    settings.severity ?? rule.severity,
    { ...(rule.defaultOptions ?? {}), ...(settings.options ?? {}) },
    settings.assume ?? {},
  );
  rule.check(run);
  return run.findings();
}

/**
 * A rule's fix as reported: the rule must declare `fixable`; edits are in the finding's file, within
 * the text, sorted and not overlapping (the applier relies on it). A violation is a bug in the rule.
 */
export function checkedFix(rule: Rule, file: string, fix: Fix): Fix {
  if (!rule.fixable || rule.fixable === 'never') throw new Error(`${rule.name}: reported a fix but declares fixable: '${rule.fixable ?? 'never'}'`);
  if (fix.edits.length === 0) throw new Error(`${rule.name}: a fix without edits`);
  const edits = fix.edits.length === 1 ? [fix.edits[0]!] : [...fix.edits].sort((a, b) => a.loc.start - b.loc.start || a.loc.end - b.loc.end);
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i]!;
    if (e.loc.file !== file) throw new Error(`${rule.name}: a fix edits ${e.loc.file}, not the finding's file ${file}`);
    if (e.loc.start < 0 || e.loc.end < e.loc.start) throw new Error(`${rule.name}: a fix edit with an invalid range`);
    if (i > 0 && e.loc.start < edits[i - 1]!.loc.end) throw new Error(`${rule.name}: a fix with overlapping edits`);
  }
  return { title: safeKept(fix.title), edits, applicability: fix.applicability };
}

/** Messages quote values from the files; a 10 MB value is cut, so that reports stay readable and bounded. */
export const MESSAGE_MAX_CHARS = 2000;

/** `total`: the length of the text `s` is the head of, when it was cut before (then `s` is always marked as cut). */
function clip(s: string, total?: number): string {
  if (s.length <= MESSAGE_MAX_CHARS && total === undefined) return s;
  let cut = Math.min(MESSAGE_MAX_CHARS - 100, s.length);
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--; // keep surrogate pairs whole
  return `${s.slice(0, cut)}… (message cut: ${total ?? s.length} characters in all)`;
}

/**
 * Every message, help and related message of a finding passes through here: credential-looking
 * text masked (src/linter/redact.ts), then cut to MESSAGE_MAX_CHARS. Masking comes first, so that
 * the cut cannot leave a secret too short to be recognized; only the head that can survive the
 * cut is scanned (bounded work for a message quoting a 10 MB value).
 */
export function safeText(s: string): string {
  if (s.length <= 4 * MESSAGE_MAX_CHARS) return clip(redactSecrets(s));
  return clip(redactSecrets(s.slice(0, 4 * MESSAGE_MAX_CHARS)), s.length);
}

/**
 * safeText for a finding's message and its fix's title: a short text with nothing to mask is kept
 * (bounded, see redactSecretsKept), so that a report's masking of the same text finds it at once.
 */
function safeKept(s: string): string {
  return s.length <= 4 * MESSAGE_MAX_CHARS ? clip(redactSecretsKept(s)) : safeText(s);
}

const keyBlocks = new WeakMap<SourceFile, [number, number][]>();
const NO_BLOCKS: readonly [number, number][] = [];

/** The PEM private key blocks of a file (found once per file). */
function keyBlocksOf(file: SourceFile): readonly [number, number][] {
  let blocks = keyBlocks.get(file);
  if (blocks === undefined) keyBlocks.set(file, (blocks = privateKeyBlocks(file.text)));
  return blocks;
}

/** Whether `offset` lies in one of a file's private key blocks. */
function insideBlock(blocks: readonly [number, number][], offset: number): boolean {
  // The blocks are in file order and do not overlap: binary search for the last start <= offset.
  let lo = 0;
  let hi = blocks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]![0] <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found !== -1 && offset <= blocks[found]![1];
}

/** At most this many findings of one rule per file are kept; the rest are counted in one more finding. */
export const FILE_FINDINGS_LIMIT = 1000;

/** At most this many findings of one rule per file for errors that come in floods (binary junk). */
export const FLOOD_LIMIT = 20;

/**
 * Wraps `report` so that one file contributes at most FLOOD_LIMIT findings, followed by one
 * finding saying how many more there were.
 */
export function floodGuard(ctx: RuleContext, what: string): { report: (r: ReportInput) => void; flush: () => void } {
  const counts = new Map<string, { n: number; last: ReportInput }>();
  return {
    report(r) {
      const c = counts.get(r.loc.file) ?? { n: 0, last: r };
      c.n++;
      c.last = r;
      counts.set(r.loc.file, c);
      if (c.n <= FLOOD_LIMIT) ctx.report(r);
    },
    flush() {
      for (const [, c] of counts) {
        if (c.n <= FLOOD_LIMIT) continue;
        ctx.report({
          loc: c.last.loc,
          message: `${c.n - FLOOD_LIMIT} more ${what} in this file (${c.n} in all; is it a configuration file?)`,
        });
      }
    },
  };
}

/**
 * PostgreSQL's messages name absolute paths; in findings we show paths relative to the working
 * directory, as everywhere else. The prefix is derived from a file whose both paths we know.
 */
export function relativizeMessage(message: string, file: { absPath: string; path: string }): string {
  if (file.path.startsWith('/') || !file.absPath.endsWith(file.path)) return message;
  const prefix = file.absPath.slice(0, file.absPath.length - file.path.length);
  return prefix.length > 1 ? message.split(prefix).join('') : message;
}
