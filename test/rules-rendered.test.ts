import { MAIN_FILE } from './support/rule-tester.js';
import { afterAll, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { RULES } from '../rules/index.js';
import type { DocExample } from '../src/linter/rule.js';
import { formatText } from '../src/report/text.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

/**
 * One rendered snapshot per rule: what a user sees (the text report: the finding with its source,
 * help, the fix as a diff) for each invalid example of the rule's docs, linted as the docs promise
 * (every rule with its defaults, this one on; see test/registry.test.ts) and shown without colour,
 * only this rule's findings. The expected files are test/rendered/<rule>.txt; they are read and
 * reviewed like code. `UPDATE_RENDERED=1` rewrites them: review the diff before committing it.
 */
const fileFor = MAIN_FILE;

function rendered(rule: (typeof RULES)[number]): string {
  const file = fileFor[rule.appliesTo[0]!];
  const tree = (code: DocExample): Record<string, string> =>
    typeof code === 'string' ? { [file]: code + '\n' } : Object.fromEntries(Object.entries(code).map(([k, v]) => [k, v + '\n']));
  const parts = rule.docs.invalid.map((code, i) => {
    const { result } = lintTree(tree(code), { rules: { [rule.name]: rule.severity } });
    const mine = { ...result, diagnostics: result.diagnostics.filter((d) => d.rule === rule.name) };
    return `# ${rule.name}: invalid example ${i + 1} of ${rule.docs.invalid.length}\n\n${formatText(mine, { color: false })}`;
  });
  return parts.join('\n');
}

const update = process.env.UPDATE_RENDERED === '1';

for (const rule of RULES) {
  if (rule.docs.invalid.length === 0) continue;
  test(`${rule.name}: its invalid examples as the text report shows them`, () => {
    const path = new URL(`./rendered/${rule.name}.txt`, import.meta.url);
    const text = rendered(rule);
    if (update) writeFileSync(path, text);
    // Expected: the committed file; received: what the report prints now.
    expect(text).toBe(existsSync(path) ? readFileSync(path, 'utf8') : `(missing: test/rendered/${rule.name}.txt; run with UPDATE_RENDERED=1 and review it)`);
  });
}

test('every snapshot belongs to a rule with invalid examples', () => {
  const names = new Set(RULES.filter((r) => r.docs.invalid.length > 0).map((r) => `${r.name}.txt`));
  const files = readdirSafe(new URL('./rendered/', import.meta.url));
  expect(files.filter((f) => !names.has(f))).toEqual([]);
});

function readdirSafe(dir: URL): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}
