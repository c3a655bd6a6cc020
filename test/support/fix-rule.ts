// Test-only rules that report fixes, for the outputs (JSON, SARIF, text, the Action's suggestions)
// independently of which real rules offer fixes.
import { defineRule, type Rule } from '../../src/linter/rule.js';
import type { Applicability, Edit, Loc } from '../../src/types.js';

/**
 * A rule that reports the value of `setting` (where a postgresql.conf assigns it) with a fix whose
 * edits `edits` computes from the value's location and the file's text.
 */
export function fixRule(
  name: string,
  setting: string,
  applicability: Applicability,
  edits: (value: Loc, text: string) => Edit[],
  title = `${name} fix`,
): Rule {
  return defineRule({
    name,
    category: 'validity',
    severity: 'warning',
    appliesTo: ['postgresql.conf'],
    fixable: 'always',
    docs: { summary: name, why: '', invalid: [], valid: [], references: [] },
    check(ctx) {
      const s = ctx.setting(setting);
      if (!s?.loc) return;
      const text = ctx.cluster.sources.get(s.loc.file)!.text;
      ctx.report({ loc: s.loc, message: `${name} says`, help: `${name} help`, fix: { title, applicability, edits: edits(s.loc, text) } });
    },
  });
}

/** Replaces the value with `text`. */
export const replaceValue = (text: string) => (value: Loc): Edit[] => [{ loc: value, text }];

/** Deletes the whole line of the value (with its line break). */
export const deleteLine = (value: Loc, text: string): Edit[] => {
  const start = text.lastIndexOf('\n', value.start - 1) + 1;
  const nl = text.indexOf('\n', value.end);
  return [{ loc: { file: value.file, start, end: nl < 0 ? text.length : nl + 1 }, text: '' }];
};
