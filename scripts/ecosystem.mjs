// The ecosystem check (as ruff keeps one): lint every configuration file of the real-world corpus
// in ../shared/corpus and compare the findings with the committed snapshot, ecosystem/snapshot.tsv.
//
//   npm run ecosystem                 regenerate the snapshot, list findings that need a label
//   npm run ecosystem -- --check      exit 1 when the findings differ from the snapshot or one has no
//                                     label; exit 0 (skipped, said on stdout) without ../shared
//   npm run ecosystem -- --precision  print the precision table from the labels
//   --cli PATH                        lint with this CLI (default: bundle src/ into a temp dir); CI
//                                     passes dist/cli.cjs, so that it checks what ships
//   --unlabeled RULE                  print the unlabeled findings of RULE as label-file lines
//   --prune                           with the default mode: delete the labels that name no finding
//   --root DIR                        read and write DIR/ecosystem/ instead of this repository's (tests)
//
// A label that names no finding (stale: the finding is gone or moved) fails --check; the default mode
// lists stale labels and, with --prune, removes them from their label files (review the diff).
//
// Each corpus file is copied into its own cluster directory under its real base name (a
// `postgresql.conf.tpl` as postgresql.conf, the file it renders to) and linted for PostgreSQL 17.
// The labels (right / debatable / wrong, with a short reason) are written by hand in
// ecosystem/labels/<rule>.tsv, keyed by file, line and column; precision per rule counts
// debatable as half, and scripts/gen-docs.mjs puts it into the rule docs.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HEADER, SNAPSHOT, labelKey, percent, precisionByRule, pruneLabels, readLabels, readSnapshot, staleLabels } from './lib/ecosystem-snapshot.mjs';
import { bundleSources } from './lib/bundle-sources.mjs';

/** The repository the script belongs to (its sources are bundled). */
const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
function opt(name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
/** Where ecosystem/ (snapshot and labels) lives. */
const root = opt('--root') ? resolve(opt('--root')) : repo;
const check = args.includes('--check');
const prune = args.includes('--prune');

if (args.includes('--precision')) {
  const rows = readSnapshot(root);
  const table = precisionByRule(rows, labelsOrExit());
  console.log('| rule | findings | right | debatable | wrong | unlabeled | precision |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [rule, p] of [...table].sort((a, b) => cmp(a[0], b[0]))) {
    console.log(`| ${rule} | ${p.n} | ${p.right} | ${p.debatable} | ${p.wrong} | ${p.unlabeled} | ${percent(p.precision)} |`);
  }
  process.exit(0);
}
if (opt('--unlabeled')) {
  const rule = opt('--unlabeled');
  const labels = labelsOrExit();
  for (const r of readSnapshot(root)) {
    if (r.rule === rule && !labels.has(labelKey(r))) console.log([r.file, r.line, r.col, '?', `${r.severity}: ${r.message}`].join('\t'));
  }
  process.exit(0);
}

const shared = [process.env.PGCONF_LINT_SHARED, join(root, '..', 'shared')].find((p) => p && existsSync(join(p, 'corpus', 'MANIFEST.tsv')));
if (!shared) {
  console.log('ecosystem: skipped (no ../shared/corpus beside the repository; set PGCONF_LINT_SHARED to point at it)');
  process.exit(0);
}
const corpus = join(shared, 'corpus');

/** Corpus directories of the files pgconf-lint reads today, and the base name each is linted under. */
const KINDS = { postgresql: (name) => (name.endsWith('.tpl') ? name.slice(0, -4) : name), pg_hba: (name) => name, patroni: (name) => name, pgbouncer: (name) => name };

const manifest = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
const work = mkdtempSync(join(tmpdir(), 'pgconf-lint-ecosystem-'));
const origin = new Map(); // linted path (relative to the work dir) -> corpus file
let rows;
try {
  // A relative --cli is relative to where the script was started, not to the lint directory.
  const cli = opt('--cli') ? resolve(opt('--cli')) : await bundleSources(join(work, 'cli'));
  if (!existsSync(cli)) {
    console.error(`ecosystem: no CLI at ${cli}`);
    process.exit(2);
  }
  const lintDir = join(work, 'corpus');
  for (const [file, , path] of manifest) {
    const dir = file.split('/')[0];
    const as = KINDS[dir];
    if (!as) continue;
    const id = basename(file).split('__')[0];
    const clusterDir = join(lintDir, dir, id);
    mkdirSync(clusterDir, { recursive: true });
    const target = join(clusterDir, as(basename(path)));
    copyFileSync(join(corpus, file), target);
    origin.set(`${dir}/${id}/${basename(target)}`, file);
  }
  let out;
  try {
    out = execFileSync(process.execPath, [cli, 'check', '.', '--pg-version', '17', '--format', 'json', '--fail-on', 'never', '--no-color'], {
      cwd: lintDir,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
  } catch (e) {
    console.error(`ecosystem: the CLI failed: ${e.stderr || e.message}`);
    process.exit(2);
  }
  rows = [];
  for (const d of JSON.parse(out).diagnostics) {
    const file = origin.get(d.file);
    if (!file) {
      console.error(`ecosystem: a finding in a file that is not a corpus file: ${d.file}`);
      process.exit(2);
    }
    rows.push({ file, line: d.line, col: d.column, rule: d.rule, severity: d.severity, message: d.message.replace(/[\t\r\n]+/g, ' ') });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
rows.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.col - b.col || cmp(a.rule, b.rule) || cmp(a.message, b.message));
const text = (r) => [r.file, r.line, r.col, r.rule, r.severity, r.message].join('\t');
const labels = labelsOrExit();
const unlabeled = rows.filter((r) => !labels.has(labelKey(r)));
const stale = staleLabels(rows, labels);
const staleText = (l) => `${l.source}: ${[l.file, l.line, l.col, l.label, l.reason].join('\t')}`;
const byRule = (list) => [...new Set(list.map((r) => r.rule))].sort().join(', ');

if (check) {
  const old = readSnapshot(root);
  const oldSet = new Set(old.map(text));
  const newSet = new Set(rows.map(text));
  const gone = old.filter((r) => !newSet.has(text(r)));
  const added = rows.filter((r) => !oldSet.has(text(r)));
  if (gone.length || added.length) {
    for (const r of gone) console.error(`- ${text(r)}`);
    for (const r of added) console.error(`+ ${text(r)}`);
    console.error(`ecosystem: findings on the corpus changed (${gone.length} gone, ${added.length} new); run \`npm run ecosystem\`, review and label every changed finding in ecosystem/labels/, and commit ${SNAPSHOT}`);
    process.exit(1);
  }
  if (unlabeled.length) {
    for (const r of unlabeled.slice(0, 40)) console.error(`unlabeled: ${text(r)}`);
    if (unlabeled.length > 40) console.error(`… and ${unlabeled.length - 40} more`);
    console.error(`ecosystem: ${unlabeled.length} findings have no label in ecosystem/labels/ (rules: ${byRule(unlabeled)})`);
    process.exit(1);
  }
  if (stale.length) {
    for (const l of stale) console.error(`stale label: ${staleText(l)}`);
    console.error(`ecosystem: ${stale.length} labels name no finding on the corpus; run \`npm run ecosystem -- --prune\` (or relabel a moved finding) and commit ecosystem/labels/`);
    process.exit(1);
  }
  console.log(`ecosystem: ${rows.length} findings on ${origin.size} corpus files, as in ${SNAPSHOT}, all labelled`);
} else {
  mkdirSync(join(root, dirname(SNAPSHOT)), { recursive: true });
  writeFileSync(join(root, SNAPSHOT), HEADER + '\n' + rows.map(text).join('\n') + (rows.length ? '\n' : ''));
  console.log(`ecosystem: ${rows.length} findings on ${origin.size} corpus files written to ${SNAPSHOT}`);
  if (unlabeled.length) console.log(`${unlabeled.length} need a label (rules: ${byRule(unlabeled)}); list them with --unlabeled RULE`);
  if (stale.length && prune) {
    pruneLabels(root, stale);
    for (const l of stale) console.log(`pruned: ${staleText(l)}`);
    console.log(`${stale.length} stale labels removed from ecosystem/labels/`);
  } else if (stale.length) {
    for (const l of stale) console.log(`stale label: ${staleText(l)}`);
    console.log(`${stale.length} labels name no finding; remove them with --prune (or relabel a moved finding)`);
  }
}

/** The labels, or exit 2 with the label file and line of the first malformed one. */
function labelsOrExit() {
  try {
    return readLabels(root);
  } catch (e) {
    console.error(`ecosystem: ${e.message}`);
    process.exit(2);
  }
}

function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
