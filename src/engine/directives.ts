import type { ResolvedCluster } from '../resolve/cluster.js';
import { lineColumn, type SourceFile } from '../source/source.js';
import type { Diagnostic, Loc } from '../types.js';
import { boundQuote } from './redact.js';
import { safeText } from './rule.js';

export type DirectiveKind = 'disable-line' | 'disable-next-line' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  file: string;
  /** 1-based line the directive is written on. */
  line: number;
  rules: string[];
  reason: string | null;
  loc: Loc;
}

const DIRECTIVE = /^#\s*pgconf-lint\s+(disable-line|disable-next-line|disable-file)\b(.*)$/;

/** Parses the text of one comment (starting at '#'); null when it is not a pgconf-lint directive. */
export function parseDirective(comment: string): { kind: DirectiveKind; rules: string[]; reason: string | null } | null {
  const m = DIRECTIVE.exec(comment.replace(/\r$/, ''));
  if (!m) return null;
  const rest = m[2]!;
  const sep = rest.indexOf('--');
  const names = (sep === -1 ? rest : rest.slice(0, sep)).split(/[\s,]+/).filter(Boolean);
  const reason = sep === -1 ? null : rest.slice(sep + 2).trim() || null;
  return { kind: m[1] as DirectiveKind, rules: names, reason };
}

/** `#` comments of a pg_hba.conf / pg_ident.conf file: a '#' outside double quotes starts one. */
function authComments(file: SourceFile): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  const t = file.text;
  for (let i = 0, lineStart = 0; lineStart <= t.length; ) {
    let end = t.indexOf('\n', lineStart);
    if (end === -1) end = t.length;
    let quoted = false;
    for (i = lineStart; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c === 34) quoted = !quoted;
      else if (c === 35 && !quoted) {
        out.push({ start: i, text: t.slice(i, end) });
        break;
      }
    }
    lineStart = end + 1;
  }
  return out;
}

/** Every directive in the files of the clusters, each file once. */
export function collectDirectives(clusters: readonly ResolvedCluster[]): Directive[] {
  const seen = new Set<string>();
  const out: Directive[] = [];
  const push = (file: SourceFile, start: number, text: string): void => {
    if (!text.includes('pgconf-lint')) return;
    const d = parseDirective(text);
    if (!d) return;
    out.push({ ...d, file: file.path, line: lineColumn(file, start).line, loc: { file: file.path, start, end: start + text.replace(/\r$/, '').length } });
  };
  for (const c of clusters) {
    const confFiles = [...(c.conf?.files.values() ?? []), ...(c.recovery ? [c.recovery] : [])];
    // Every directive contains "pgconf-lint": a file without it (nearly all) is not walked at all.
    for (const conf of confFiles) {
      if (seen.has(conf.file.path)) continue;
      seen.add(conf.file.path);
      if (!conf.file.text.includes('pgconf-lint')) continue;
      const text = conf.file.text;
      for (const line of conf.lines) if (line.commentStart !== undefined) push(conf.file, line.commentStart, text.slice(line.commentStart, line.end));
    }
    for (const f of [...(c.hba?.files ?? []), ...(c.ident?.files ?? [])]) {
      if (seen.has(f.path)) continue;
      seen.add(f.path);
      if (!f.text.includes('pgconf-lint')) continue;
      for (const cm of authComments(f)) push(f, cm.start, cm.text);
    }
  }
  return out;
}

export interface DirectiveProblem {
  loc: Loc;
  message: string;
}

/**
 * Marks diagnostics suppressed by directives (they stay in the list) and returns the problems
 * with directives themselves: no reason, unknown rule names, and directives that suppress nothing.
 * Directives naming a rule that did not run (turned off) are not reported as unused.
 */
export function applyDirectives(
  diagnostics: Diagnostic[],
  directives: readonly Directive[],
  sources: ReadonlyMap<string, SourceFile>,
  knownRules: ReadonlySet<string>,
  ranRules: ReadonlySet<string>,
): { diagnostics: Diagnostic[]; problems: DirectiveProblem[] } {
  const problems: DirectiveProblem[] = [];
  const usable = directives.filter((d) => {
    const unknown = d.rules.filter((r) => !knownRules.has(r));
    if (d.rules.length === 0) problems.push({ loc: d.loc, message: `pgconf-lint ${d.kind} names no rule, so it suppresses nothing` });
    for (const r of unknown) problems.push({ loc: d.loc, message: `pgconf-lint ${d.kind} names an unknown rule "${boundQuote(r)}"` });
    if (d.reason === null) {
      problems.push({ loc: d.loc, message: `pgconf-lint ${d.kind} has no reason after "--", so it suppresses nothing` });
      return false;
    }
    return d.rules.length > 0;
  });
  // Directives by file, then by the line they act on, so that each finding looks at the few
  // directives of its own line: O(findings + directives), not O(findings × directives).
  // `order` keeps the first matching directive in file order, as a linear scan would find it.
  interface FileDirectives {
    wholeFile: { d: Directive; order: number }[];
    byLine: Map<number, { d: Directive; order: number }[]>;
  }
  const byFile = new Map<string, FileDirectives>();
  usable.forEach((d, order) => {
    let f = byFile.get(d.file);
    if (!f) byFile.set(d.file, (f = { wholeFile: [], byLine: new Map() }));
    if (d.kind === 'disable-file') {
      f.wholeFile.push({ d, order });
      return;
    }
    const target = d.kind === 'disable-line' ? d.line : d.line + 1;
    const list = f.byLine.get(target);
    if (list) list.push({ d, order });
    else f.byLine.set(target, [{ d, order }]);
  });
  const used = new Set<string>();
  const out = diagnostics.map((diag) => {
    const candidates = byFile.get(diag.loc.file);
    const src = sources.get(diag.loc.file);
    if (!candidates || !src || diag.suppressed) return diag;
    const line = lineColumn(src, diag.loc.start).line;
    let hit: { d: Directive; order: number } | undefined;
    for (const list of [candidates.wholeFile, candidates.byLine.get(line)]) {
      for (const c of list ?? []) {
        if ((hit === undefined || c.order < hit.order) && c.d.rules.includes(diag.rule)) hit = c;
      }
    }
    if (!hit) return diag;
    used.add(`${hit.d.file}\0${hit.d.line}\0${diag.rule}`);
    return { ...diag, suppressed: { kind: 'directive' as const, reason: safeText(hit.d.reason!) } };
  });
  // A rule whose findings in a file went past the listing limit may have suppressed one of those it
  // only counted: its directives there are not called unused.
  const counted = new Set(diagnostics.filter((x) => x.unlisted).map((x) => `${x.loc.file}\0${x.rule}`));
  for (const d of usable) {
    for (const r of d.rules) {
      if (!knownRules.has(r) || !ranRules.has(r) || used.has(`${d.file}\0${d.line}\0${r}`) || counted.has(`${d.file}\0${r}`)) continue;
      problems.push({ loc: d.loc, message: `pgconf-lint ${d.kind} ${r} suppresses nothing: remove it` });
    }
  }
  // Directive text is file text: masked and bounded like every rule's message.
  return { diagnostics: out, problems: problems.map((p) => ({ ...p, message: safeText(p.message) })) };
}
