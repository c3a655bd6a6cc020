import type { Assumptions, Rule } from '../linter/rule.js';
import { CATEGORY_TAGS, RULE_TAGS, docsUrl, type RuleCategory, type RuleTag } from '../linter/rule.js';
import { optionTypeText } from '../linter/options.js';
export { RULE_TAGS, type RuleTag } from '../linter/rule.js';
import type { DocExample } from '../linter/rule.js';
import { editDistance } from '../catalog/catalog.js';
import { sarifRule } from './sarif.js';
import { catalogs, controlStatus } from '../profiles/catalogs/index.js';
import { findProfile, DEFAULT_PROFILE, profileRules } from '../profiles/index.js';
import { SUPPORTED_MAJORS } from '../catalog/types.js';

/** The checklist controls a rule implements (from the catalogs, the one source of truth), per catalog. */
export function ruleControls(name: string): { catalog: string; id: string; title: string; partly: boolean }[] {
  const out: { catalog: string; id: string; title: string; partly: boolean }[] = [];
  for (const cat of catalogs()) {
    for (const c of cat.controls) {
      if (c.decidable !== 'no' && c.rules.includes(name)) out.push({ catalog: cat.name, id: c.id, title: c.title, partly: controlStatus(c) === 'partly' });
    }
  }
  return out;
}

/** Whether the rule runs without a profile (recommended, the base, turns checklist-only rules off). */
export function enabledByDefault(name: string): boolean {
  const base = findProfile(DEFAULT_PROFILE)!;
  const newest = SUPPORTED_MAJORS[SUPPORTED_MAJORS.length - 1]!;
  return profileRules(base, newest)[name]?.severity !== 'off';
}

/** The lines of a rule doc that say which profiles run it and which controls it implements. */
function profileLines(rule: Rule): string[] {
  const controls = ruleControls(rule.name);
  const byCatalog = new Map<string, string[]>();
  for (const c of controls) {
    const list = byCatalog.get(c.catalog) ?? [];
    list.push(c.id);
    byCatalog.set(c.catalog, list);
  }
  const profiles = ['cis', 'stig'].filter((p) => byCatalog.has(p));
  const on = enabledByDefault(rule.name);
  const lines = [
    `- Enabled: ${on ? 'by default' : `**off by default**; turned on by ${profiles.length ? profiles.map((p) => `\`--profile ${p}\``).join(' and ') : 'the config'}` + ` (or \`--rule ${rule.name}=${rule.severity}\`)`}`,
  ];
  for (const p of ['cis', 'stig']) {
    const set = profileRules(findProfile(p)!, SUPPORTED_MAJORS[SUPPORTED_MAJORS.length - 1]!)[rule.name];
    if (set?.severity && set.severity !== rule.severity) lines.push(`- Under \`--profile ${p}\`: severity **${set.severity}**`);
    if (set?.options && Object.keys(set.options).length) lines.push(`- Under \`--profile ${p}\`: options \`${JSON.stringify(set.options)}\``);
  }
  if (controls.length) {
    const names: Record<string, string> = { cis: 'CIS', stig: 'STIG', 'go-hba-rules': 'go_hba_rules' };
    lines.push(
      `- Controls: ${[...byCatalog].map(([cat, ids]) => `${names[cat] ?? cat} ${ids.join(', ')} ([coverage](../profiles/${cat}.md))`).join('; ')}`,
    );
  }
  return lines;
}

/**
 * A rule's documentation, as markdown: docs/rules/NAME.md (scripts/gen-docs.mjs) and
 * `pgconf-lint rules NAME` (the CLI) both print this. `precision` is the "Precision on real-world
 * configurations" line, which only gen-docs can compute (from the ecosystem snapshot, not shipped).
 */
export function ruleDoc(rule: Rule, precision?: string): string {
  const d = rule.docs;
  const kind = rule.appliesTo[0]!;
  const lines = [
    `# ${rule.name}`,
    '',
    `> ${d.summary}`,
    '',
    `- Default severity: **${rule.severity}**`,
    `- Category: ${rule.category}`,
    `- Files: ${rule.appliesTo.map((k) => '`' + k + '`').join(', ')}`,
    `- PostgreSQL versions: ${d.versions ?? 'all'}`,
    ...profileLines(rule),
    ...(rule.fixable && rule.fixable !== 'never'
      ? [`- Fix: ${rule.fixable === 'always' ? 'every finding has one' : 'some findings have one'} (\`--fix\` applies safe fixes, \`--unsafe-fixes\` also unsafe ones; each finding says which it is)`]
      : []),
    ...(precision === undefined ? [] : [precision]),
    '',
    '## What it does',
    '',
    d.summary + '.',
    '',
    '## Why is this bad?',
    '',
    d.why,
    '',
  ];
  if (d.invalid.length) {
    lines.push('## Example', '', d.invalid.map((c) => fence(kind, c)).join('\n\n'), '');
  }
  if (d.valid.length) {
    lines.push('## Use instead', '', d.valid.map((c) => fence(kind, c)).join('\n\n'), '');
  }
  lines.push(
    '## Options',
    '',
    optionsSection(rule),
    '',
    '## Suppressing',
    '',
    '```ini',
    `# pgconf-lint disable-next-line ${rule.name} -- <reason>`,
    '```',
    '',
    '## References',
    '',
    ...d.references.map((r) => `- <${r}>`),
    '',
  );
  return lines.join('\n');
}

/** The fence language of a docs example: pg_hba/pg_ident files are whitespace-separated records, the rest ini-like. */
export function lang(kind: string): string {
  return kind === 'pg_hba.conf' || kind === 'pg_ident.conf' ? 'text' : 'ini';
}

/** A docs example: a snippet of the rule's main file kind, or several files (name -> content). */
export function fence(kind: string, code: DocExample): string {
  return typeof code === 'string'
    ? '```' + lang(kind) + '\n' + code + '\n```'
    : Object.entries(code)
        .map(([name, text]) => `\`${name}\`:\n\n` + '```' + lang(name) + '\n' + text + '\n```')
        .join('\n\n');
}

/** The Options section of a rule's doc: each option (from its spec) with its type and default, then the rule's note. */
export function optionsSection(rule: Rule): string {
  const entries = Object.entries(rule.options ?? {});
  if (!entries.length) return rule.docs.optionsNote ?? `Severity only: \`--rule ${rule.name}=off|info|warning|error\`.`;
  const list = entries.map(([name, o]) => `- \`${name}\` (${optionTypeText(o)}, default \`${JSON.stringify(o.default)}\`): ${o.description}`);
  return [list.join('\n'), ...(rule.docs.optionsNote ? ['', rule.docs.optionsNote] : [])].join('\n');
}

/**
 * A rule's `tags` in `rules --format json` (and for anyone filtering rules), in RULE_TAGS order: its
 * category's tag (CATEGORY_TAGS in src/linter/rule.ts) plus its own extra `tags`. `security`
 * exactly when the category is security (SARIF's security alerts, isSecurityRule).
 */
export function ruleTags(rule: Rule): RuleTag[] {
  const tags = new Set<RuleTag>([...CATEGORY_TAGS[rule.category], ...(rule.tags ?? [])]);
  return RULE_TAGS.filter((t) => tags.has(t));
}

/** `assume:` keys of the config file, by the Assumptions field a rule `needs`. */
const ASSUME_KEY: Record<keyof Assumptions, string> = { dataChecksums: 'dataChecksums', failover: 'failover', role: 'role', memoryBytes: 'memory' };

/** One rule in `pgconf-lint rules --format json` (README "Rule metadata"). */
export interface RuleMetadata {
  name: string;
  severity: Rule['severity'];
  summary: string;
  files: string[];
  versions: string;
  docsUrl: string;
  /** validity, security, durability or maintenance (RULE_CATEGORIES in src/linter/rule.ts). */
  category: RuleCategory;
  tags: RuleTag[];
  /** GitHub code scanning's security-severity (SARIF), for security rules; null otherwise. */
  securitySeverity: string | null;
  /** JSON Schema of the rule's options in the config file (beside `severity`); null when it has none. */
  optionsSchema: Record<string, unknown> | null;
  defaultOptions: Record<string, unknown> | null;
  /** Keys of the config's `assume:` the rule reads. */
  assume: string[];
  /** Whether its findings carry fixes: 'never', 'sometimes' or 'always' (applied with --fix / --unsafe-fixes). */
  fixable: 'never' | 'sometimes' | 'always';
}

export function ruleMetadata(rule: Rule): RuleMetadata {
  return {
    name: rule.name,
    severity: rule.severity,
    summary: rule.docs.summary,
    files: [...rule.appliesTo],
    versions: rule.docs.versions ?? 'all',
    docsUrl: docsUrl(rule.name),
    category: rule.category,
    tags: ruleTags(rule),
    securitySeverity: sarifRule(rule).properties['security-severity'] ?? null,
    optionsSchema: rule.optionsSchema ?? null,
    defaultOptions: rule.defaultOptions ?? null,
    assume: (rule.needs ?? []).map((k) => ASSUME_KEY[k]),
    fixable: rule.fixable ?? 'never',
  };
}

/**
 * Up to three rule names for "did you mean", best first: those within a few edits of a misspelled
 * name (the catalog's editDistance), then those that contain it (`md5`: hba-md5, password-encryption-md5).
 */
export function closestRuleNames(rules: readonly Rule[], name: string): string[] {
  const key = name.toLowerCase().replaceAll('_', '-');
  const limit = Math.max(2, Math.min(4, Math.floor(key.length / 3)));
  const near = rules
    .map((r) => ({ name: r.name, d: editDistance(key, r.name) }))
    .filter((s) => s.d <= limit)
    .sort((x, y) => x.d - y.d || (x.name < y.name ? -1 : 1))
    .map((s) => s.name);
  const containing = key.length >= 3 ? rules.map((r) => r.name).filter((n) => n.includes(key) && !near.includes(n)) : [];
  return [...near, ...containing].slice(0, 3);
}
