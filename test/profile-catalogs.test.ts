import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { RULES } from '../rules/index.js';
import { catalogs, controlStatus, coverage, type CatalogControl } from '../src/profiles/catalogs/index.js';

const CATALOGS = catalogs();

const registered = new Set(RULES.map((r) => r.name));

describe.each(CATALOGS.map((c) => [c.name, c] as const))('catalog %s', (_name, catalog) => {
  test('every rules entry names a registered rule', () => {
    const unknown = catalog.controls.flatMap((c) => c.rules.filter((r) => !registered.has(r)).map((r) => `${c.id}: ${r}`));
    expect(unknown).toEqual([]);
  });

  test('control ids are unique', () => {
    const seen = new Set<string>();
    const dup = catalog.controls.filter((c) => (seen.has(c.id) ? true : (seen.add(c.id), false))).map((c) => c.id);
    expect(dup).toEqual([]);
  });

  test('every control has a title and a reason; decidable ones say what is missing or name a rule', () => {
    const bad = catalog.controls.filter(
      (c) =>
        !c.title.trim() ||
        !c.why.trim() ||
        (c.decidable !== 'no' && c.rules.length === 0 && !c.missing && !c.disagreement) ||
        (c.decidable === 'no' && (c.rules.length > 0 || c.missing !== undefined)),
    );
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  test('the source is pinned to a commit', () => {
    expect(catalog.source.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  test('the coverage counts add up to the controls', () => {
    const n = coverage(catalog);
    expect(n.decidable + n.notDecidable).toBe(catalog.controls.length);
    expect(n.automated + n.partly + n.missing + n.disagreement).toBe(n.decidable);
  });

  test('the generated page lists every control and the coverage line', () => {
    const page = readFileSync(new URL(`../docs/profiles/${catalog.name}.md`, import.meta.url), 'utf8');
    const n = coverage(catalog);
    expect(page).toContain(`**Coverage:** ${n.decidable} of ${catalog.controls.length} controls`);
    const missingRows = catalog.controls.filter((c) => !page.includes(`\n| ${c.id} | `)).map((c) => c.id);
    expect(missingRows).toEqual([]);
  });
});

describe('controlStatus', () => {
  const base: CatalogControl = { id: 'x', title: 't', decidable: 'files', why: 'w', rules: [] };
  test.each([
    ['not decidable', { ...base, decidable: 'no' as const }, 'not-decidable'],
    ['no rule, no gap stated', { ...base }, 'missing'],
    ['no rule, a gap', { ...base, missing: 'm' }, 'missing'],
    ['no rule by decision', { ...base, disagreement: 'd' }, 'disagreement'],
    ['a rule, no gap', { ...base, rules: ['fsync-off'] }, 'automated'],
    ['a rule and a documented disagreement', { ...base, rules: ['fsync-off'], disagreement: 'd' }, 'automated'],
    ['a rule and a gap', { ...base, rules: ['fsync-off'], missing: 'm' }, 'partly'],
    ['partly decidable, its file part covered', { ...base, decidable: 'partly' as const, rules: ['fsync-off'] }, 'automated'],
  ] as const)('%s', (_label, c, status) => {
    expect(controlStatus(c)).toBe(status);
  });
});

test('the catalogs the issue names, with the controls decidable from files it counted', () => {
  const by = Object.fromEntries(CATALOGS.map((c) => [c.name, coverage(c)]));
  expect(Object.keys(by).sort()).toEqual(['cis', 'go-hba-rules', 'stig']);
  // The STIG: the issue counted the 8 controls whose InSpec code reads postgresql.conf or pg_hba.conf
  // itself. 40 more ask a live server with SHOW for settings that come from the configuration files
  // (unless overridden per role, per database or on the command line): decidable at least partly.
  const stig = CATALOGS.find((c) => c.name === 'stig')!;
  const readingFiles = stig.controls.filter((c) => c.reads === 'files').map((c) => c.id);
  expect(readingFiles).toEqual(['V-233512', 'V-233515', 'V-233516', 'V-233519', 'V-233520', 'V-233533', 'V-233577', 'V-233612']);
  expect(stig.controls.filter((c) => c.reads === 'show')).toHaveLength(40);
  expect(by.stig!.decidable).toBe(48);
  // Every decidable STIG control says how the baseline gets its settings; a control that is not decidable does not.
  expect(stig.controls.filter((c) => (c.decidable === 'no') !== (c.reads === undefined)).map((c) => c.id)).toEqual([]);
  // Every go_hba_rules code reads pg_hba.conf.
  expect(by['go-hba-rules']!.decidable).toBe(23);
});
