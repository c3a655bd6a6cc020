// Generates docs/rules/<name>.md and the rule table in README.md from rule metadata.
// Usage: node scripts/gen-docs.mjs [--check]   (--check: exit 1 when anything would change)
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from './lib/import-ts.mjs';
import { percent, precisionByRule, readLabels, readSnapshot } from './lib/ecosystem-snapshot.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

async function loadRules() {
  return importTs(
    root,
    "export { RULES } from './rules/index.ts'; export { documentationOrder } from './src/linter/rule.ts'; export { configSchema } from './src/config/config.ts'; export { ruleDoc, enabledByDefault, ruleControls } from './src/report/rule-doc.ts';",
  );
}

/**
 * The "Precision on real-world configurations" line of a rule's doc, from the committed ecosystem
 * snapshot and labels (`p`: the rule's entry of precisionByRule, undefined when it has no finding).
 */
export function precisionLine(p) {
  const link = '([ecosystem check](../../README.md#ecosystem-check))';
  if (!p) return `- Precision on real-world configurations: no findings on the corpus ${link}`;
  if (p.precision === null) return `- Precision on real-world configurations: not yet labelled (${p.n} finding${p.n === 1 ? '' : 's'} on the corpus) ${link}`;
  const counts = `${p.right} right, ${p.debatable} debatable, ${p.wrong} wrong${p.unlabeled ? `, ${p.unlabeled} not yet labelled` : ''}`;
  const findings = `${p.n} finding${p.n === 1 ? '' : 's'} on the corpus`;
  return `- Precision on real-world configurations: **${percent(p.precision)}** (${findings}: ${counts}; debatable counts half) ${link}`;
}

/**
 * The README's rule table, in the order given (gen-docs passes documentationOrder: by category, then
 * name). `enabled(name)`: whether the rule runs without a profile; `profilesOf(name)`:
 * the checklist profiles that turn it on (an off-by-default rule shows "off (cis, stig)").
 */
export function readmeTable(rules, enabled = () => true, profilesOf = () => []) {
  const rows = rules.map((r) => {
    const on = enabled(r.name);
    const by = profilesOf(r.name);
    const cell = on ? r.severity : `off${by.length ? ` (${by.join(', ')}: ${r.severity})` : ''}`;
    return `| [\`${r.name}\`](docs/rules/${r.name}.md) | ${r.category} | ${cell} | ${r.docs.summary} |`;
  });
  return ['| rule | category | default | what it flags |', '|---|---|---|---|', ...rows].join('\n');
}

// The rule pages are rendered by src/report/rule-doc.ts, which `pgconf-lint rules NAME` prints too;
// only the precision line is added here.
const { RULES: rules, documentationOrder, configSchema, ruleDoc, enabledByDefault, ruleControls } = await loadRules();
const profilesOf = (name) => [...new Set(ruleControls(name).map((c) => c.catalog))].filter((c) => c === 'cis' || c === 'stig');
const docsDir = join(root, 'docs', 'rules');
// Precision from files committed in the repository (ecosystem/), never from ../shared.
const precision = precisionByRule(readSnapshot(root), readLabels(root));
const wanted = new Map(rules.map((r) => [`${r.name}.md`, ruleDoc(r, precisionLine(precision.get(r.name)))]));
const stale = [];
mkdirSync(docsDir, { recursive: true });
for (const f of readdirSync(docsDir)) {
  if (!wanted.has(f)) {
    stale.push(`docs/rules/${f} (no such rule)`);
    if (!check) rmSync(join(docsDir, f));
  }
}
for (const [f, text] of wanted) {
  const p = join(docsDir, f);
  if (!existsSync(p) || readFileSync(p, 'utf8') !== text) {
    stale.push(`docs/rules/${f}`);
    if (!check) writeFileSync(p, text);
  }
}
// The JSON Schema of .pgconf-lint.yml, for editors (yaml-language-server) and documentation.
const schemaPath = join(root, 'schema', 'pgconf-lint.schema.json');
const schemaText = JSON.stringify(configSchema(rules), null, 2) + '\n';
if (!existsSync(schemaPath) || readFileSync(schemaPath, 'utf8') !== schemaText) {
  stale.push('schema/pgconf-lint.schema.json');
  if (!check) {
    mkdirSync(dirname(schemaPath), { recursive: true });
    writeFileSync(schemaPath, schemaText);
  }
}
const readmePath = join(root, 'README.md');
if (existsSync(readmePath)) {
  const readme = readFileSync(readmePath, 'utf8');
  const begin = '<!-- rules:begin -->';
  const end = '<!-- rules:end -->';
  const i = readme.indexOf(begin);
  const j = readme.indexOf(end);
  if (i !== -1 && j > i) {
    const next = readme.slice(0, i + begin.length) + '\n' + readmeTable(documentationOrder(rules), enabledByDefault, profilesOf) + '\n' + readme.slice(j);
    if (next !== readme) {
      stale.push('README.md (rule table)');
      if (!check) writeFileSync(readmePath, next);
    }
  }
}
if (check && stale.length) {
  console.error('Stale generated docs:\n  ' + stale.join('\n  ') + "\nRun 'npm run docs'.");
  process.exit(1);
}

// ---- Profile pages (docs/profiles/<catalog>.md), from the control catalogs in src/profiles/catalogs/.
// A separate generator (scripts/gen-profile-docs.mjs); run here so `npm run docs` and --check cover them.
async function genProfilePages() {
  const { generateProfileDocs } = await import('./gen-profile-docs.mjs');
  const staleProfiles = await generateProfileDocs({ root, check });
  if (check && staleProfiles.length) {
    console.error('Stale generated docs:\n  ' + staleProfiles.join('\n  ') + "\nRun 'npm run docs'.");
    process.exit(1);
  }
}
await genProfilePages();
