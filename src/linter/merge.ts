import type { Diagnostic, Severity } from '../types.js';

/*
 * One problem, one finding. Several rules can describe one problem from different angles (a
 * `host all all 0.0.0.0/0 md5` record is open to the world, uses md5, and may admit superusers);
 * each rule stays independent and configurable, and marks its finding with a group key. After
 * suppression, each group keeps one finding: the most severe (ties: the rule with the higher
 * `precedence`, see precedenceOrder in src/linter/rule.ts), whose
 * message then names the concerns of the others. Turning the winner's rule off, or suppressing its
 * finding, lets the next one report. Findings without a group are untouched.
 */

export interface Group {
  /** Findings with equal keys describe one problem (e.g. `hba:<file>:<offset of the record>`). */
  key: string;
  /** A short phrase for this rule's concern, named in the kept finding ("an MD5 password (hba-md5)"). */
  concern: string;
}

const groups = new WeakMap<Diagnostic, Group>();

export function setGroup(d: Diagnostic, g: Group): void {
  groups.set(d, g);
}

export function groupOf(d: Diagnostic): Group | undefined {
  return groups.get(d);
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** `ruleOrder`: rule names in priority order, precedenceOrder(rules) (ties in severity go to the earlier rule). */
export function mergeGroups(diagnostics: readonly Diagnostic[], ruleOrder: readonly string[]): Diagnostic[] {
  const order = new Map(ruleOrder.map((n, i) => [n, i]));
  const pos = (d: Diagnostic): number => order.get(d.rule) ?? ruleOrder.length;
  const byKey = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const g = groups.get(d);
    if (!g || d.suppressed) continue;
    const list = byKey.get(g.key);
    if (list) list.push(d);
    else byKey.set(g.key, [d]);
  }
  const drop = new Set<Diagnostic>();
  const replace = new Map<Diagnostic, Diagnostic>();
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    let win = list[0]!;
    for (const d of list) {
      if (RANK[d.severity] > RANK[win.severity] || (RANK[d.severity] === RANK[win.severity] && pos(d) < pos(win))) win = d;
    }
    const concerns: string[] = [];
    const also: string[] = [];
    // The winner's fix, else the first fix of the absorbed findings (most severe first): merging
    // must not lose the one fix of the problem (a world-open md5 record keeps hba-md5's fix).
    let fix = win.fix;
    // The others' concerns, most severe first.
    for (const d of [...list].sort((a, b) => RANK[b.severity] - RANK[a.severity] || pos(a) - pos(b))) {
      if (d === win) continue;
      fix ??= d.fix;
      drop.add(d);
      // The same rule in two clusters that share an included file: one finding, one concern.
      if (d.rule === win.rule) continue;
      if (!also.includes(d.rule)) also.push(d.rule);
      const c = groups.get(d)!.concern;
      if (!concerns.includes(c)) concerns.push(c);
    }
    if (concerns.length || fix !== win.fix) {
      const merged: Diagnostic = {
        ...win,
        ...(concerns.length ? { message: `${win.message}; also ${concerns.join('; ')}`, also } : {}),
        ...(fix ? { fix } : {}),
      };
      setGroup(merged, groups.get(win)!);
      replace.set(win, merged);
    }
  }
  if (drop.size === 0 && replace.size === 0) return [...diagnostics];
  const out: Diagnostic[] = [];
  for (const d of diagnostics) if (!drop.has(d)) out.push(replace.get(d) ?? d);
  return out;
}

/**
 * The findings without repeats (the same rule, place and message: an included file that belongs to
 * several clusters, or is read twice in one, is checked each time), the first of each kept, in
 * order. Looked up by file and start offset, then compared: no key string is built per finding.
 */
export function onceEach(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const byFile = new Map<string, Map<number, Diagnostic[]>>();
  const out: Diagnostic[] = [];
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i]!;
    const loc = d.loc;
    let byStart = byFile.get(loc.file);
    if (byStart === undefined) byFile.set(loc.file, (byStart = new Map()));
    const here = byStart.get(loc.start);
    if (here === undefined) byStart.set(loc.start, [d]);
    else {
      if (here.some((o) => o.rule === d.rule && o.loc.end === loc.end && o.message === d.message)) continue;
      here.push(d);
    }
    out.push(d);
  }
  return out;
}
