/**
 * The output of `pgconf-lint diff`: JSON (version 1, the objects of ./types.ts), text for a
 * terminal or a CI log, and markdown for GitHub (the Action's job summary and pull request comment
 * use markdownSections).
 *
 * Everything interpolated comes from the pull request's files (cluster paths, names, values,
 * methods, options, the access diff's descriptions): in text, control characters are shown escaped
 * and no line can start with attacker text (a line starting with `::` would be a workflow command
 * in a GitHub log); in markdown, escapeMarkdown makes it inert (no HTML, links, mentions, tables
 * broken by `|`). That helper is imported from src/report/markdown.ts, and the terminal ones from
 * src/report/common.ts, so that the diff escapes exactly as the lint reports do.
 */
import { safePathText, safeTerminalText } from '../report/common.js';
import { escapeMarkdown } from '../report/markdown.js';
import { loadCatalog, lookupParam } from '../catalog/catalog.js';
import { withUnit } from '../analysis/required-setting.js';
import { boundQuote, redactSecrets } from '../linter/redact.js';
import type { Major } from '../types.js';
import type { AccessChange, AccessEndpoint, AccessUnknown, ClusterDiff, DiffResult, SettingChange, Transport } from './types.js';

export type DiffFormat = 'text' | 'json' | 'markdown';

export function renderDiff(diff: DiffResult, format: DiffFormat): string {
  const result = redacted(diff);
  switch (format) {
    case 'json':
      return JSON.stringify(toJson(result), null, 2) + '\n';
    case 'text':
      return renderText(result);
    case 'markdown':
      return renderMarkdown(result);
  }
}

/**
 * The result as every output shows it: credential-looking parts of values, record options and
 * messages masked as in the lint's findings (src/linter/redact.ts), so that `primary_conninfo =
 * '… password=…'` or `ldapbindpasswd=…` never reach a CI log, a job summary or a comment.
 */
function redacted(result: DiffResult): DiffResult {
  const m = (v: string | null): string | null => (v === null ? null : redactSecrets(v));
  const endpoint = (e: AccessEndpoint | null): AccessEndpoint | null => (e ? { ...e, options: e.options.map(redactSecrets) } : null);
  return {
    ...result,
    clusters: result.clusters.map((c) => ({
      ...c,
      access: c.access.map((a) => ({
        ...a,
        connection: { ...a.connection, database: redactSecrets(a.connection.database), user: redactSecrets(a.connection.user), address: redactSecrets(a.connection.address) },
        before: endpoint(a.before),
        after: endpoint(a.after),
      })),
      unknown: c.unknown.map((u) => ({ ...u, message: redactSecrets(u.message) })),
      settings: c.settings.map((x) => ({ ...x, before: m(x.before), after: m(x.after) })),
    })),
  };
}

// ---- JSON

/**
 * The version-1 document with its keys in a fixed order (issue 17's example, then the fields
 * types.ts adds), built field by field: whatever else a caller hangs on the objects stays out.
 */
function toJson(result: DiffResult): unknown {
  const endpoint = (e: AccessEndpoint | null): unknown => (e ? { method: e.method, options: [...e.options], file: e.file, line: e.line } : null);
  return {
    version: 1,
    clusters: result.clusters.map((c) => ({
      cluster: c.cluster,
      pgVersion: c.pgVersion,
      ...(c.status ? { status: c.status } : {}),
      access: c.access.map((a) => ({
        change: a.change,
        connection: { transport: a.connection.transport, database: a.connection.database, user: a.connection.user, address: a.connection.address },
        before: endpoint(a.before),
        after: endpoint(a.after),
      })),
      unknown: c.unknown.map((u) => ({ code: u.code, message: u.message, file: u.file, line: u.line })),
      settings: c.settings.map((s) => ({ name: s.name, before: s.before, after: s.after, restart: s.restart, apply: s.apply, file: s.file, line: s.line })),
    })),
  };
}

// ---- sentences shared by text and markdown (plain text: each output escapes them its own way)

const TRANSPORT: Record<Transport, string> = {
  local: 'over the local socket',
  'tcp-ssl': 'over TCP with SSL',
  'tcp-gssenc': 'over TCP with GSS encryption',
  'tcp-nossl': 'over TCP without SSL',
};

/** Several TCP transports of one merged change, said shortly (keys: the sorted transport names). */
const TCP_SETS: Record<string, string> = {
  'tcp-gssenc tcp-nossl tcp-ssl': 'over TCP, encrypted or not',
  'tcp-nossl tcp-ssl': 'over TCP with or without SSL',
  'tcp-gssenc tcp-ssl': 'over TCP with SSL or GSS encryption',
};

/** What a change is called: whether a refusal is involved decides between "accepted" and a method change. */
function changeLabel(a: AccessChange): string {
  const refused = (e: AccessEndpoint | null): boolean => e === null || e.method === 'reject';
  switch (a.change) {
    case 'widened':
      return refused(a.before) ? 'Now accepted' : 'Weaker authentication';
    case 'narrowed':
      return refused(a.after) ? 'No longer accepted' : 'Stronger authentication';
    case 'changed':
      return 'Changed';
  }
}

/**
 * "any user (all) to any database from 10.0.0.0/8, over TCP without SSL" (no address for the local
 * socket); with several transports (a merged change): "over TCP without SSL or with GSS encryption".
 */
export function connectionText(a: AccessChange, transports: readonly Transport[] = [a.connection.transport]): string {
  const c = a.connection;
  const from = c.transport === 'local' || c.address === '' ? '' : ` from ${c.address}`;
  const over = TCP_SETS[[...transports].sort().join(' ')] ?? transports.map((t, i) => (i === 0 ? TRANSPORT[t] : TRANSPORT[t].replace(/^over (TCP )?/, ''))).join(' or ');
  return `${c.user} to ${c.database}${from}, ${over}`;
}

/**
 * Changes that differ only in their TCP transport (the same connections, records and kind over TCP
 * without SSL and with GSS encryption, say) read as one, for people; JSON keeps one object per
 * transport. Order: where the first of them stood.
 */
function byTransport(access: readonly AccessChange[]): { a: AccessChange; transports: Transport[] }[] {
  const key = (a: AccessChange): string =>
    JSON.stringify([a.change, a.connection.transport === 'local', a.connection.database, a.connection.user, a.connection.address, a.before, a.after]);
  const groups = new Map<string, { a: AccessChange; transports: Transport[] }>();
  for (const a of access) {
    const k = key(a);
    const g = groups.get(k);
    if (g) g.transports.push(a.connection.transport);
    else groups.set(k, { a, transports: [a.connection.transport] });
  }
  const order: Transport[] = ['local', 'tcp-nossl', 'tcp-ssl', 'tcp-gssenc'];
  for (const g of groups.values()) g.transports.sort((x, y) => order.indexOf(x) - order.indexOf(y));
  return [...groups.values()];
}

const where = (file: string, line: number): string => `${file}:${line}`;

/** The record a class matches in one version: "with md5 (db/pg_hba.conf:4)", "refused by reject (…)", or no record. */
export function endpointText(e: AccessEndpoint | null): string {
  if (e === null) return 'no matching record (refused)';
  if (e.method === 'reject') return `refused by reject (${where(e.file, e.line)})`;
  const options = e.options.length ? ` ${e.options.join(' ')}` : '';
  return `with ${e.method}${options} (${where(e.file, e.line)})`;
}

/**
 * The readable sentence of an access change: "Now accepted: any user (all) to any database from
 * 0.0.0.0/0 except 10.0.0.0/8, over TCP without SSL, with md5 (db/pg_hba.conf:4) — was: no matching
 * record (refused)".
 */
export function accessSentence(a: AccessChange, transports?: readonly Transport[]): string {
  return `${changeLabel(a)}: ${connectionText(a, transports)}, ${endpointText(a.after)} — was: ${endpointText(a.before)}`;
}

const APPLY_ORDER = { restart: 0, reload: 1, none: 2 } as const;

/** Restart ones first, then reload, then the rest; by name within each. */
function grouped(settings: readonly SettingChange[]): SettingChange[] {
  return [...settings].sort((x, y) => APPLY_ORDER[x.apply] - APPLY_ORDER[y.apply] || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/**
 * A value for people: an integer with a unit as SHOW prints it (262144 blocks of 8kB: `2GB`), any
 * other value quoted as postgresql.conf would; null: the parameter has no value on that side. JSON
 * keeps the form `postgres -C` prints (base units, no unit).
 */
function valueText(v: string | null, name: string, major: Major): string {
  if (v === null) return '(not set)';
  v = boundQuote(v);
  const def = lookupParam(loadCatalog(major), name);
  if (def?.type === 'integer' && def.unit && /^-?\d+$/.test(v)) return withUnit(Number(v), def.unit);
  return `'${v.replace(/'/g, "''")}'`;
}

const APPLY_NOTE = { restart: '(restart needed)', reload: '(reload needed)', none: '' } as const;

function statusText(c: ClusterDiff): string {
  if (c.status === 'added') return ', added: not in the base';
  if (c.status === 'removed') return ', removed: not in the head';
  return '';
}

const NOTHING = 'No access or settings changes.';

// ---- text

function renderText(result: DiffResult): string {
  if (!result.clusters.length) return NOTHING + '\n';
  const t = safeTerminalText;
  const out: string[] = [];
  for (const c of result.clusters) {
    if (out.length) out.push('');
    out.push(`${safePathText(c.cluster)} (PostgreSQL ${c.pgVersion}${statusText(c)})`);
    if (c.access.length) {
      out.push('  Access changes');
      for (const { a, transports } of byTransport(c.access)) out.push(`    ${a.change}: ${t(accessSentence(a, transports))}`);
    }
    if (c.unknown.length) {
      out.push('  Cannot be decided from the files');
      for (const u of c.unknown) out.push(`    ${t(u.code)}: ${t(u.message)} (${t(where(u.file, u.line))})`);
    }
    if (c.settings.length) {
      out.push('  Settings changes');
      for (const s of grouped(c.settings)) {
        const note = APPLY_NOTE[s.apply] ? ` ${APPLY_NOTE[s.apply]}` : '';
        const at = s.file !== null && s.line !== null ? ` (${t(where(s.file, s.line))})` : '';
        out.push(`    ${safePathText(s.name)}: ${t(valueText(s.before, s.name, c.pgVersion))} → ${t(valueText(s.after, s.name, c.pgVersion))}${note}${at}`);
      }
    }
    if (!c.access.length && !c.unknown.length && !c.settings.length) out.push(`  ${NOTHING}`);
  }
  return out.join('\n') + '\n';
}

// ---- markdown

const md = escapeMarkdown;
const CHANGE_MARK = { widened: '⚠️ widened', narrowed: 'narrowed', changed: 'changed' } as const;

export interface MarkdownSectionOptions {
  /**
   * Upper bound of each section in UTF-8 bytes (a PR comment holds 65,536 characters, a job summary
   * 1 MiB): rows past it are counted, not shown. Default: no bound.
   */
  maxBytes?: number;
  /** Heading level of the section titles (default 3: `###`). */
  level?: number;
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Blocks joined under a budget: the ones that do not fit are counted (by their row count) and said to be left out. */
class Budget {
  private used = 0;
  omitted = 0;
  constructor(private readonly max: number) {}
  fits(text: string): boolean {
    const n = bytes(text) + 1;
    if (this.used + n > this.max) return false;
    this.used += n;
    return true;
  }
}

function clusterTitle(c: ClusterDiff): string {
  return `**${md(c.cluster)}** — PostgreSQL ${c.pgVersion}${c.status ? ` (${c.status})` : ''}`;
}

/** A section: title, then per cluster a title and rows; rows past the budget are counted. */
function section(
  title: string,
  clusters: readonly ClusterDiff[],
  rowsOf: (c: ClusterDiff) => { head: string; rows: string[]; after?: string[] },
  empty: string,
  options: MarkdownSectionOptions,
): string {
  const h = '#'.repeat(options.level ?? 3);
  const budget = new Budget((options.maxBytes ?? Infinity) - 300);
  const parts: string[] = [`${h} ${title}`, ''];
  budget.fits(parts.join('\n'));
  let any = false;
  for (const c of clusters) {
    const { head, rows, after = [] } = rowsOf(c);
    if (!rows.length && !after.length) continue;
    any = true;
    const block = [clusterTitle(c), ''];
    if (!budget.fits(block.join('\n') + head)) {
      budget.omitted += rows.length + after.length;
      continue;
    }
    parts.push(...block);
    if (rows.length) parts.push(head);
    for (const r of rows) {
      if (budget.fits(r)) parts.push(r);
      else budget.omitted++;
    }
    if (rows.length) parts.push('');
    for (const r of after) {
      if (budget.fits(r)) parts.push(r);
      else budget.omitted++;
    }
    if (after.length) parts.push('');
  }
  if (!any) parts.push(empty, '');
  if (budget.omitted) parts.push(`… ${budget.omitted} more ${budget.omitted === 1 ? 'entry' : 'entries'} not shown here (size limit); \`pgconf-lint diff --format json\` lists them all.`, '');
  return parts.join('\n');
}

const ACCESS_HEAD = '| change | connection | now | before |\n|---|---|---|---|';
const SETTINGS_HEAD = '| parameter | before | after | applying it takes | set at |\n|---|---|---|---|---|';

function accessRows(c: ClusterDiff): { head: string; rows: string[]; after: string[] } {
  const rows = byTransport(c.access).map(
    ({ a, transports }) => `| ${CHANGE_MARK[a.change]} | ${md(changeLabel(a))}: ${md(connectionText(a, transports))} | ${md(endpointText(a.after))} | ${md(endpointText(a.before))} |`,
  );
  const unknown = c.unknown.length ? ['Cannot be decided from the files:', '', ...c.unknown.map(unknownItem)] : [];
  return { head: ACCESS_HEAD, rows, after: unknown };
}

function unknownItem(u: AccessUnknown): string {
  return `- ${md(u.code)}: ${md(u.message)} (${md(where(u.file, u.line))})`;
}

function settingsRows(c: ClusterDiff): { head: string; rows: string[] } {
  const applies = { restart: '**restart needed**', reload: 'reload', none: 'nothing (a file cannot change it)' } as const;
  const rows = grouped(c.settings).map(
    (s) =>
      `| ${md(s.name)} | ${md(valueText(s.before, s.name, c.pgVersion))} | ${md(valueText(s.after, s.name, c.pgVersion))} | ${applies[s.apply]} | ${s.file !== null && s.line !== null ? md(where(s.file, s.line)) : ''} |`,
  );
  return { head: SETTINGS_HEAD, rows };
}

/**
 * The two sections the Action puts in its job summary and pull request comment: "Access changes"
 * (with what cannot be decided from the files) and "Settings changes", titled "Settings changes
 * (restart needed)" when any change needs a restart. Each says so when it has nothing to list.
 */
export function markdownSections(diff: DiffResult, options: MarkdownSectionOptions = {}): { access: string; settings: string } {
  const result = redacted(diff);
  const restart = result.clusters.some((c) => c.settings.some((s) => s.restart));
  return {
    access: section('Access changes', result.clusters, accessRows, 'No access changes.', options),
    settings: section(restart ? 'Settings changes (restart needed)' : 'Settings changes', result.clusters, settingsRows, 'No settings changes.', options),
  };
}

function renderMarkdown(result: DiffResult): string {
  const head = '## pgconf-lint diff\n\n';
  if (!result.clusters.length) return `${head}${NOTHING}\n`;
  const s = markdownSections(result);
  const added = result.clusters.filter((c) => c.status === 'added').map((c) => md(c.cluster));
  const removed = result.clusters.filter((c) => c.status === 'removed').map((c) => md(c.cluster));
  const notes = [...(added.length ? [`Added clusters: ${added.join(', ')}`] : []), ...(removed.length ? [`Removed clusters: ${removed.join(', ')}`] : [])];
  return `${head}${notes.length ? notes.join('\n\n') + '\n\n' : ''}${s.access}\n${s.settings}`;
}
