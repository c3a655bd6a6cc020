import { dirname } from 'node:path/posix';
import type { Report } from './types.js';
import { docsUrl } from '../linter/rule.js';
import type { ResolvedCluster } from '../resolve/cluster.js';
import type { Diagnostic, Severity } from '../types.js';
import { locate, plural, safeTerminalText, summarize } from './common.js';

const ZWJ = '\u200d';

/**
 * Text from files (values, names, paths) made inert in GitHub-flavoured markdown, in a table
 * cell or a paragraph: HTML is entity-escaped, markdown punctuation backslash-escaped, line
 * breaks become spaces, and what GitHub would autolink (@mentions, #refs, URLs) is broken with a
 * zero-width joiner so that a config value cannot ping a team, link an issue or show a link.
 */
export function escapeMarkdown(s: string): string {
  return safeTerminalText(s.replace(/\r\n|\r|\n|\u2028|\u2029/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // With [ and ] escaped no link or image can form, so ( ) stay readable.
    .replace(/[\\`*_[\]!|~#$]/g, (c) => '\\' + c)
    .replace(/@/g, '@' + ZWJ)
    .replace(/:\/\//g, ':' + ZWJ + '//')
    .replace(/\bwww\./gi, (m) => m.slice(0, 3) + ZWJ + '.')
    .replace(/\\#(?=\w)/g, '\\#' + ZWJ);
}

export const SEVERITY_LABEL: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' };

export interface MarkdownOptions {
  /** Upper bound of the output in UTF-8 bytes (job summary: 1 MiB; issue comment: 65,536 characters). */
  maxBytes?: number;
  /** Link a location to the file (e.g. a blob URL at the PR's head commit). */
  linkFile?: (file: string, line: number) => string | undefined;
  /** Extra lines after the headline (already markdown; callers escape what they interpolate). */
  notes?: string[];
  /** Findings to list (default: all of result.diagnostics); counts and the checked-files list still come from result. */
  diagnostics?: readonly Diagnostic[];
  /** Sections placed after the headline, before the findings (already markdown, escaped; each bounded by its maker). */
  sections?: readonly string[];
  /** First line of the output, e.g. a hidden marker comment. */
  header?: string;
  /** Heading text (default "pgconf-lint"). */
  title?: string;
}

export const DEFAULT_MAX_BYTES = 512 * 1024;
/** Tables longer than this are collapsed in a <details> block. */
const COLLAPSE_ROWS = 15;

interface ClusterGroup {
  label: string;
  cluster?: ResolvedCluster;
  diagnostics: Diagnostic[];
}

/** The cluster's directory as shown in reports (its name from the config when it has one). */
export function clusterLabel(c: ResolvedCluster): string {
  if (c.input.name) return c.input.name;
  const abs = new Set(c.input.files.map((f) => f.abs));
  const src = [...c.sources.values()].find((s) => abs.has(s.absPath));
  const path = src?.path ?? c.unreadable[0]?.path;
  return path ? dirname(path) : c.input.dir;
}

/**
 * Findings grouped by the first cluster that read their file (an included file may be shared).
 * One map from file to group, built once: a search of the clusters per finding was quadratic
 * (100,000 clusters with a finding each did not finish in 5 minutes).
 */
function groupByCluster(result: Report, diags: readonly Diagnostic[]): ClusterGroup[] {
  const groups: ClusterGroup[] = result.clusters.map((c) => ({ label: clusterLabel(c), cluster: c, diagnostics: [] }));
  const byFile = new Map<string, ClusterGroup>();
  for (const g of groups) {
    for (const file of g.cluster!.sources.keys()) if (!byFile.has(file)) byFile.set(file, g);
    for (const u of g.cluster!.unreadable) if (!byFile.has(u.path)) byFile.set(u.path, g);
  }
  const other: ClusterGroup = { label: 'other', diagnostics: [] };
  for (const d of diags) (byFile.get(d.loc.file) ?? other).diagnostics.push(d);
  if (other.diagnostics.length) groups.push(other);
  return groups;
}

function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function row(d: Diagnostic, result: Report, opts: MarkdownOptions): string {
  const r = locate(d, result.sources);
  const where = escapeMarkdown(`${d.loc.file}:${r.line}:${r.column}`);
  const link = opts.linkFile?.(d.loc.file, r.line);
  const loc = link ? `[${where}](${link})` : where;
  const message = escapeMarkdown(d.message) + (d.help ? `<br>↳ ${escapeMarkdown(d.help)}` : '');
  const sev = d.suppressed ? `⚪ ${d.severity} (suppressed)` : SEVERITY_LABEL[d.severity];
  const extra = d.suppressed ? `<br>suppressed: ${escapeMarkdown(d.suppressed.reason)}` : '';
  return `| ${sev} | ${loc} | [${d.rule}](${docsUrl(d.rule)}) | ${message}${extra} |`;
}

const TABLE_HEAD = '| severity | location | rule | message |\n|---|---|---|---|';

/** The job summary / PR comment / `--format markdown` report. */
export function formatMarkdown(result: Report, opts: MarkdownOptions = {}): string {
  return markdownReport(result, opts).text;
}

/** The report, and how many findings it left out to stay within maxBytes. */
export function markdownReport(result: Report, opts: MarkdownOptions = {}): { text: string; omitted: number } {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const diags = opts.diagnostics ?? result.diagnostics;
  const active = diags.filter((d) => !d.suppressed);
  const suppressed = diags.filter((d) => d.suppressed);
  const s = summarize(diags);
  const total = s.error + s.warning + s.info;

  const head: string[] = [];
  if (opts.header) head.push(opts.header);
  head.push(`## ${opts.title ?? 'pgconf-lint'}`, '');
  const counts = `${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${plural(s.info, 'info')}`;
  head.push(
    total === 0
      ? `✅ **No problems found** in ${plural(result.files.length, 'file')} (${plural(result.clusters.length, 'cluster')}).`
      : `${s.error ? '❌' : '⚠️'} **${plural(total, 'problem')}** (${counts}) in ${plural(result.files.length, 'file')} (${plural(result.clusters.length, 'cluster')}).`,
  );
  if (suppressed.length) head.push('', `${plural(suppressed.length, 'finding')} suppressed by directives or configuration (listed below, not counted).`);
  for (const n of opts.notes ?? []) head.push('', n);
  head.push('');
  for (const s of opts.sections ?? []) head.push(s);

  const checked = checkedSection(result);
  const omittedLine = (n: number): string =>
    `\n… ${plural(n, 'more finding')} not shown here (size limit); the SARIF or JSON report (\`--format sarif\`/\`json\`) has them all.\n`;
  // Reserve room for the checked-files section and the "not shown" line.
  let budget = maxBytes - byteLength(head.join('\n')) - byteLength(checked) - 256;
  const body: string[] = [];
  let omitted = 0;
  /** The table rows that still fit in the budget; the others are counted as omitted. */
  const fitRows = (list: readonly Diagnostic[]): string => {
    const rows: string[] = [];
    for (const d of list) {
      const r = row(d, result, opts) + '\n';
      if (budget - byteLength(r) < 0) {
        omitted++;
        continue;
      }
      budget -= byteLength(r);
      rows.push(r);
    }
    return rows.join('');
  };

  const groups = groupByCluster(result, [...active, ...suppressed]);
  for (const g of groups) {
    const list = g.diagnostics.filter((d) => !d.suppressed);
    if (!list.length) continue;
    const c = g.cluster;
    const title = `### ${escapeMarkdown(g.label)}` + (c ? ` — PostgreSQL ${c.input.major}` : '');
    const gs = summarize(list);
    const sub = `${plural(gs.error, 'error')}, ${plural(gs.warning, 'warning')}, ${plural(gs.info, 'info')}`;
    const collapse = list.length > COLLAPSE_ROWS;
    const open = collapse ? `<details><summary>${sub}</summary>\n\n${TABLE_HEAD}` : `${sub}\n\n${TABLE_HEAD}`;
    const close = collapse ? '\n</details>\n' : '\n';
    // + 1: the line break that joins this part to the one before it
    const fixed = `${title}\n\n${open}\n${close}`;
    if (budget - byteLength(fixed) - 1 <= 0) {
      omitted += list.length;
      continue;
    }
    budget -= byteLength(fixed) + 1;
    body.push(`${title}\n\n${open}\n${fitRows(list)}${close}`);
  }

  if (suppressed.length) {
    const open = `<details><summary>${plural(suppressed.length, 'suppressed finding')}</summary>\n\n${TABLE_HEAD}\n`;
    const close = '\n</details>\n';
    if (budget - byteLength(open + close) - 1 > 0) {
      budget -= byteLength(open + close) + 1;
      body.push(open + fitRows(suppressed) + close);
    } else omitted += suppressed.length;
  }

  return { text: head.join('\n') + '\n' + body.join('\n') + (omitted ? omittedLine(omitted) : '') + checked, omitted };
}

/** What was checked: per cluster its directory, target major (and where it came from) and files. */
function checkedSection(result: Report): string {
  if (!result.clusters.length) return '\nNo PostgreSQL configuration files were found.\n';
  const line = (c: ResolvedCluster): string => {
    const files = [...c.sources.values()].map((f) => escapeMarkdown(f.path));
    const how = { flag: 'set by pg-version', config: 'from the config file', PG_VERSION: 'from PG_VERSION', path: 'from the path', default: 'the newest supported', carrier: 'named by the carrier file' }[c.input.versionSource];
    return `- **${escapeMarkdown(clusterLabel(c))}**: PostgreSQL ${c.input.major} (${how}); ${plural(files.length, 'file')}: ${files.join(', ')}`;
  };
  const majors = [...new Set(result.clusters.map((c) => c.input.major))].sort((a, b) => a - b);
  const summary = `Checked ${plural(result.files.length, 'file')} in ${plural(result.clusters.length, 'cluster')} (PostgreSQL ${majors.join(', ')})`;
  // Keep the section bounded: a monorepo can have hundreds of clusters. Lines are built only
  // until the section is full, and its size is kept as a running count.
  let text = '';
  let bytes = 0;
  let n = 0;
  for (const c of result.clusters) {
    const l = line(c);
    if (bytes + byteLength(l) > 16 * 1024) break;
    text += l + '\n';
    bytes += byteLength(l) + 1;
    n++;
  }
  if (n < result.clusters.length) text += `- … and ${plural(result.clusters.length - n, 'more cluster')}\n`;
  return `\n<details><summary>${summary}</summary>\n\n${text}\n</details>\n`;
}
