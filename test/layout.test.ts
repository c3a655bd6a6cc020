// The layout without back-arrows (CONTRIBUTING.md, "Layout"): src/ never imports rules/ or bin/;
// the folders of src/ form layers, and every import goes down (or stays in its folder). The import
// lists come from TypeScript's own pre-processor: static imports, `export … from`, type-only imports
// and dynamic `import()` all count.
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The layers of src/, lowest first. A module may import from its own folder and from lower layers;
 * folders on one line are peers and do not import each other. A new folder must be placed here.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['types.ts', 'version.ts'], // the vocabulary: severities, locations, findings, fixes, majors
  ['lexical', 'source'], // text helpers shared by the parsers and the catalog; decoded files and offsets
  ['catalog'], // GUC catalogs per major, value and unit parsing
  ['carriers'], // files that carry PostgreSQL's configuration (Patroni YAML, …): synthesized files and origin maps
  ['parse'], // postgresql.conf, pg_hba.conf, pg_ident.conf
  ['resolve'], // the file system (confined), discovery, includes, clusters
  ['io'], // confined writes
  ['linter'], // the rule runtime: defineRule, context, runner, directives, merging, fix edits
  ['analysis'], // what several rules share (pg_hba analysis, exposure, logging)
  ['profiles'], // rule sets (recommended, CIS, STIG) as data
  ['config', 'report'], // reading .pgconf-lint.yml; rendering findings
  ['api.ts'], // lint(): discover -> parse -> resolve -> check, with the registry it is handed
  ['fix'], // --fix: passes, writes, diffs
  ['diff'], // pgconf-lint diff: access and settings changes between two trees
  ['cli.ts', 'action'], // the two front ends
];

/** What rules/ may use: the rule runtime and what lies below it, never the orchestrator or a front end. */
const RULES_MAY_IMPORT = new Set(['types.ts', 'version.ts', 'lexical', 'source', 'catalog', 'carriers', 'parse', 'resolve', 'linter', 'analysis']);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : f.endsWith('.ts') ? [p] : [];
  });
}

interface Edge {
  from: string;
  to: string;
}

function edges(top: string): Edge[] {
  return walk(join(REPO, top)).flatMap((file) =>
    ts
      .preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles.map((i) => i.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => ({ from: relative(REPO, file), to: relative(REPO, resolve(dirname(file), spec.replace(/\.js$/, '.ts'))) })),
  );
}

/** The unit of layering: `src/<folder>` or a top-level file of src/; outside src/, the top folder. */
function unit(path: string): string {
  const parts = path.split('/');
  if (parts[0] !== 'src') return parts[0]!;
  return parts[1]!;
}

const RANK = new Map(LAYERS.flatMap((layer, i) => layer.map((u) => [u, i] as const)));
const all = [...edges('src'), ...edges('rules'), ...edges('bin')];
const show = (es: Edge[]): string[] => es.map((e) => `${e.from} -> ${e.to}`);

describe('layout without back-arrows', () => {
  test('the scan sees the imports (a sanity check on the parser)', () => {
    expect(all.some((e) => e.from === 'bin/cli.ts' && e.to === 'rules/index.ts')).toBe(true);
    expect(all.some((e) => e.from.startsWith('src/report/') && unit(e.to) === 'linter')).toBe(true);
    expect(all.length).toBeGreaterThan(500);
  });

  test('src/ imports nothing from rules/ or bin/: the composition roots hand the registry in', () => {
    expect(show(all.filter((e) => e.from.startsWith('src/') && !e.to.startsWith('src/')))).toEqual([]);
  });

  test('every folder and top-level file of src/ has a layer', () => {
    const units = new Set(readdirSync(join(REPO, 'src')).filter((f) => f !== 'catalog-data'));
    expect([...units].filter((u) => !RANK.has(u))).toEqual([]);
  });

  test('every import in src/ goes to a lower layer or stays in its folder', () => {
    const up = all.filter((e) => {
      if (!e.from.startsWith('src/')) return false;
      const a = unit(e.from);
      const b = unit(e.to);
      return a !== b && (RANK.get(b) ?? Infinity) >= (RANK.get(a) ?? -Infinity);
    });
    expect(show(up)).toEqual([]);
  });

  test('reporters take their own report type, never the orchestrator', () => {
    expect(show(all.filter((e) => e.from.startsWith('src/report/') && e.to === 'src/api.ts'))).toEqual([]);
  });

  test('rules/ uses the rule runtime and what lies below it', () => {
    const bad = all.filter((e) => e.from.startsWith('rules/') && !(e.to.startsWith('rules/') || (e.to.startsWith('src/') && RULES_MAY_IMPORT.has(unit(e.to)))));
    expect(show(bad)).toEqual([]);
  });

  test('bin/ holds only the composition roots: a front end and the registry', () => {
    const bad = all.filter((e) => e.from.startsWith('bin/') && !['src/cli.ts', 'src/action/main.ts', 'rules/index.ts'].includes(e.to));
    expect(show(bad)).toEqual([]);
    expect(readdirSync(join(REPO, 'bin')).sort()).toEqual(['action.ts', 'cli.ts']);
  });
});
