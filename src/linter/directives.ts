import type { ResolvedCluster } from '../resolve/cluster.js';
import { lineColumn, type SourceFile } from '../source/source.js';
import type { Diagnostic, Loc } from '../types.js';
import { boundQuote } from './redact.js';
import { safeText } from './rule.js';

export type DirectiveKind = 'disable-line' | 'disable-next-line' | 'disable-file' | 'disable' | 'enable';

const KINDS: readonly DirectiveKind[] = ['disable-next-line', 'disable-line', 'disable-file', 'disable', 'enable'];

export interface Directive {
  kind: DirectiveKind;
  file: string;
  /** 1-based line the directive is written on. */
  line: number;
  rules: string[];
  reason: string | null;
  loc: Loc;
  /** Set when the comment was meant as a directive but is not one: it suppresses nothing. */
  misspelled?: { meant: string; why: string };
}

/** A comment that was meant as a directive but is not one (colon, case, misspelled verb). */
export interface MisspelledDirective {
  misspelled: true;
  /** What the comment should say to be the directive it was meant as. */
  meant: string;
  /** What is wrong with it, in words. */
  why: string;
}

export type ParsedDirective = { kind: DirectiveKind; rules: string[]; reason: string | null };

const DIRECTIVE = /^#\s*pgconf-lint\s+(disable-line|disable-next-line|disable-file|disable|enable)(?=\s|$)(.*)$/;
/**
 * Anything that starts like a directive: the tool's name in any case, `-`/`_`/no separator, an
 * optional colon, then a word. Bounded quantifiers only (linear on a hostile comment).
 */
const ATTEMPT = /^#\s{0,20}(pgconf[-_]?lint)(\s{0,20}:)?\s{0,20}([A-Za-z][A-Za-z_-]{0,40})(:?)(.*)$/i;

/**
 * Parses the text of one comment (starting at '#'): a directive, a comment meant as one that is
 * misspelled (reported by unused-directive, and suppresses nothing), or null (any other comment;
 * `# pgconf-lint checks this file` is prose, not a misspelled directive).
 */
export function parseDirective(comment: string): ParsedDirective | MisspelledDirective | null {
  const text = comment.replace(/\r$/, '');
  const m = DIRECTIVE.exec(text);
  if (m) {
    const rest = m[2]!;
    const sep = rest.indexOf('--');
    const names = (sep === -1 ? rest : rest.slice(0, sep)).split(/[\s,]+/).filter(Boolean);
    const reason = sep === -1 ? null : rest.slice(sep + 2).trim() || null;
    return { kind: m[1] as DirectiveKind, rules: names, reason };
  }
  const a = ATTEMPT.exec(text);
  if (!a) return null;
  const [, name, colon, verb, verbColon, rest] = a as unknown as [string, string, string | undefined, string, string, string];
  // A verb far from every directive counts only when the comment is shaped like one (a reason
  // after "--"): `# pgconf-lint ignore-next-line x -- why` was meant as a directive, `# pgconf-lint
  // checks this file` was not.
  const kind = closestKind(verb) ?? (/\s--(\s|$)/.test(rest) ? kindBySuffix(verb) : null);
  if (kind === null) return null;
  const problems: string[] = [];
  if (name !== 'pgconf-lint') problems.push(`"${name}" must be written "pgconf-lint"`);
  if (colon || verbColon) problems.push('a colon is not part of the syntax');
  if (verb !== kind) problems.push(verb.toLowerCase() === kind ? `"${verb}" must be lower case` : `"${verb}" is not a directive`);
  if (problems.length === 0) return null;
  return { misspelled: true, meant: `# pgconf-lint ${kind}${rest.replace(/^\s*/, ' ').replace(/\s+$/, '')}`, why: problems.join('; ') };
}

/** The directive kind a written verb was meant as: equal ignoring case, or within two edits. */
function closestKind(verb: string): DirectiveKind | null {
  const v = verb.toLowerCase().replaceAll('_', '-');
  if ((KINDS as readonly string[]).includes(v)) return v as DirectiveKind;
  let best: DirectiveKind | null = null;
  let bestD = 3;
  for (const k of KINDS) {
    const d = editDistance(v, k, bestD);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/** For an unknown verb written like a directive: the directive with the same scope (`…-next-line`, `…-line`, `…-file`). */
function kindBySuffix(verb: string): DirectiveKind {
  const v = verb.toLowerCase().replaceAll('_', '-');
  if (v.endsWith('next-line')) return 'disable-next-line';
  if (v.endsWith('line')) return 'disable-line';
  if (v.endsWith('file')) return 'disable-file';
  return v.startsWith('en') || v.startsWith('on') ? 'enable' : 'disable';
}

/** Levenshtein distance, or `limit` when it is at least that (the verb is at most 41 characters). */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return Math.min(prev[b.length]!, limit);
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

/** Every directive (and every misspelled one) contains the tool's name in some spelling. */
const MENTION = /pgconf[-_]?lint/i;

/** Every directive in the files of the clusters, each file once. */
export function collectDirectives(clusters: readonly ResolvedCluster[]): Directive[] {
  const seen = new Set<string>();
  const out: Directive[] = [];
  const push = (file: SourceFile, start: number, text: string): void => {
    if (!MENTION.test(text)) return;
    const d = parseDirective(text);
    if (!d) return;
    const at = { file: file.path, line: lineColumn(file, start).line, loc: { file: file.path, start, end: start + text.replace(/\r$/, '').length } };
    if ('misspelled' in d) out.push({ kind: 'disable-line', rules: [], reason: null, ...at, misspelled: { meant: d.meant, why: d.why } });
    else out.push({ ...d, ...at });
  };
  for (const c of clusters) {
    const confFiles = [...(c.conf?.files.values() ?? []), ...(c.recovery ? [c.recovery] : [])];
    // Every directive names the tool: a file without its name (nearly all) is not walked at all.
    for (const conf of confFiles) {
      if (seen.has(conf.file.path)) continue;
      seen.add(conf.file.path);
      if (!MENTION.test(conf.file.text)) continue;
      const text = conf.file.text;
      for (const line of conf.lines) if (line.commentStart !== undefined) push(conf.file, line.commentStart, text.slice(line.commentStart, line.end));
    }
    for (const f of [...(c.hba?.files ?? []), ...(c.ident?.files ?? [])]) {
      if (seen.has(f.path)) continue;
      seen.add(f.path);
      if (!MENTION.test(f.text)) continue;
      for (const cm of authComments(f)) push(f, cm.start, cm.text);
    }
    // pgbouncer.ini's `#` comment lines, and its auth_hba_file's comments (src/parse/pgbouncer*.ts).
    const pgb = c.pgbouncer;
    if (pgb && !seen.has(pgb.ini.file.path)) {
      seen.add(pgb.ini.file.path);
      if (MENTION.test(pgb.ini.file.text)) for (const cm of pgb.ini.comments) if (cm.text.startsWith('#')) push(pgb.ini.file, cm.start, cm.text);
    }
    const pgbHba = pgb?.hba?.file;
    if (pgbHba && !seen.has(pgbHba.path)) {
      seen.add(pgbHba.path);
      if (MENTION.test(pgbHba.text)) for (const cm of authComments(pgbHba)) push(pgbHba, cm.start, cm.text);
    }
  }
  return out;
}

export interface DirectiveProblem {
  loc: Loc;
  message: string;
  /** What to write instead. */
  help: string;
}

const SYNTAX = 'Write "# pgconf-lint disable-next-line RULE -- reason" (or disable-line, disable … enable).';

/**
 * Marks diagnostics suppressed by directives (they stay in the list) and returns the problems
 * with directives themselves: misspelled directives, no reason, unknown rule names, an `enable`
 * with nothing to enable, and directives that suppress nothing. Directives naming a rule that did
 * not run (turned off) are not reported as unused.
 *
 * `disable RULE -- reason` … `enable RULE` (ESLint's block form) covers the lines after the
 * `disable` up to the `enable` that names the rule (or names none), or to the end of the file.
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
    if (d.misspelled) {
      problems.push({ loc: d.loc, message: `not a pgconf-lint directive, so it suppresses nothing (${d.misspelled.why}): write "${boundQuote(d.misspelled.meant)}"`, help: SYNTAX });
      return false;
    }
    const unknown = d.rules.filter((r) => !knownRules.has(r));
    for (const r of unknown) problems.push({ loc: d.loc, message: `pgconf-lint ${d.kind} names an unknown rule "${boundQuote(r)}"`, help: 'Name a rule pgconf-lint has (`pgconf-lint rules` lists them), or remove the directive.' });
    if (d.kind === 'enable') return true; // ends blocks; needs no reason, and `enable` alone ends all
    if (d.rules.length === 0) problems.push({ loc: d.loc, message: `pgconf-lint ${d.kind} names no rule, so it suppresses nothing`, help: SYNTAX });
    if (d.reason === null) {
      problems.push({ loc: d.loc, message: `pgconf-lint ${d.kind} has no reason after "--", so it suppresses nothing`, help: 'Say why after "--" (e.g. "-- reviewed: the host is firewalled"): a suppression without a reason is ignored.' });
      return false;
    }
    return d.rules.length > 0;
  });
  // Directives by file, then by the line they act on, so that each finding looks at the few
  // directives of its own line: O(findings + directives), not O(findings × directives).
  // `order` keeps the first matching directive in file order, as a linear scan would find it.
  // Blocks are kept per file and rule as line ranges in file order (they cannot overlap: a second
  // `disable` of an open rule is folded into the open block), searched by binary search.
  interface Hit {
    d: Directive;
    order: number;
  }
  interface Block extends Hit {
    from: number;
    to: number;
  }
  interface FileDirectives {
    wholeFile: Hit[];
    byLine: Map<number, Hit[]>;
    blocks: Map<string, Block[]>;
  }
  const byFile = new Map<string, FileDirectives>();
  const fileOf = (name: string): FileDirectives => {
    let f = byFile.get(name);
    if (!f) byFile.set(name, (f = { wholeFile: [], byLine: new Map(), blocks: new Map() }));
    return f;
  };
  // Open blocks per file and rule, while the file's directives are read in order.
  const open = new Map<string, Map<string, Block>>();
  usable.forEach((d, order) => {
    const f = fileOf(d.file);
    if (d.kind === 'disable-file') {
      f.wholeFile.push({ d, order });
      return;
    }
    if (d.kind === 'disable' || d.kind === 'enable') {
      let o = open.get(d.file);
      if (!o) open.set(d.file, (o = new Map()));
      if (d.kind === 'disable') {
        for (const r of d.rules) {
          if (o.has(r)) continue; // already disabled: the open block goes on
          const b: Block = { d, order, from: d.line + 1, to: Number.MAX_SAFE_INTEGER };
          o.set(r, b);
          const list = f.blocks.get(r);
          if (list) list.push(b);
          else f.blocks.set(r, [b]);
        }
        return;
      }
      const names = d.rules.length ? d.rules : [...o.keys()];
      if (names.length === 0) problems.push({ loc: d.loc, message: 'pgconf-lint enable ends no block: no rule is disabled above it', help: 'Remove it, or put the matching "# pgconf-lint disable RULE -- reason" above it.' });
      for (const r of names) {
        const b = o.get(r);
        if (b) {
          b.to = d.line - 1;
          o.delete(r);
        } else if (d.rules.length && knownRules.has(r)) {
          problems.push({ loc: d.loc, message: `pgconf-lint enable ${r} ends no block: ${r} is not disabled above it`, help: `Remove it, or put "# pgconf-lint disable ${r} -- reason" above it.` });
        }
      }
      return;
    }
    const target = d.kind === 'disable-line' ? d.line : d.line + 1;
    const list = f.byLine.get(target);
    if (list) list.push({ d, order });
    else f.byLine.set(target, [{ d, order }]);
  });
  /** The block of `rule` in `f` that covers `line`, if any. */
  const blockAt = (f: FileDirectives, rule: string, line: number): Block | undefined => {
    const list = f.blocks.get(rule);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.from <= line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found !== -1 && line <= list[found]!.to ? list[found] : undefined;
  };
  const used = new Set<string>();
  const out = diagnostics.map((diag) => {
    const candidates = byFile.get(diag.loc.file);
    const src = sources.get(diag.loc.file);
    if (!candidates || !src || diag.suppressed) return diag;
    const line = lineColumn(src, diag.loc.start).line;
    let hit: Hit | undefined;
    for (const list of [candidates.wholeFile, candidates.byLine.get(line)]) {
      for (const c of list ?? []) {
        if ((hit === undefined || c.order < hit.order) && c.d.rules.includes(diag.rule)) hit = c;
      }
    }
    const block = blockAt(candidates, diag.rule, line);
    if (block && (hit === undefined || block.order < hit.order)) hit = block;
    if (!hit) return diag;
    used.add(`${hit.d.file}\0${hit.d.line}\0${diag.rule}`);
    return { ...diag, suppressed: { kind: 'directive' as const, reason: safeText(hit.d.reason!) } };
  });
  // A rule whose findings in a file went past the listing limit may have suppressed one of those it
  // only counted: its directives there are not called unused.
  const counted = new Set(diagnostics.filter((x) => x.unlisted).map((x) => `${x.loc.file}\0${x.rule}`));
  for (const d of usable) {
    if (d.kind === 'enable') continue;
    for (const r of d.rules) {
      if (!knownRules.has(r) || !ranRules.has(r) || used.has(`${d.file}\0${d.line}\0${r}`) || counted.has(`${d.file}\0${r}`)) continue;
      problems.push({ loc: d.loc, message: `pgconf-lint ${d.kind} ${r} suppresses nothing: remove it`, help: 'Remove the directive (or the rule name from it): nothing there needs suppressing any more.' });
    }
  }
  // Directive text is file text: masked and bounded like every rule's message.
  return { diagnostics: out, problems: problems.map((p) => ({ ...p, message: safeText(p.message), help: safeText(p.help) })) };
}
