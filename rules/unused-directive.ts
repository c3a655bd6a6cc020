import { defineRule } from '../src/linter/rule.js';

/**
 * An engine report (engineReport: 'directive-problems'): the engine makes its findings from the
 * problems the filter stage (src/linter/directives.ts) finds after every other rule has run; this
 * file holds the rule's name, severity, metadata and docs.
 */
export default defineRule({
  name: 'unused-directive',
  severity: 'warning',
  category: 'validity',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf', 'pg_hba.conf', 'pg_ident.conf', 'recovery.conf'],
  docs: () => ({
    summary: 'A pgconf-lint directive that suppresses nothing, is misspelled, names an unknown rule, or gives no reason',
    why:
      'Suppression comments outlive the problems they were written for. A directive that no longer suppresses ' +
      'anything hides the next real problem on that line from review, and a directive without a reason leaves ' +
      'the next reader guessing why a check was silenced. Directives are `# pgconf-lint disable-line RULE -- reason`, ' +
      '`disable-next-line` (the line after the comment), `disable-file`, and the block form `disable RULE -- reason` … ' +
      '`enable RULE` (the lines between; without an `enable`, to the end of the file); the reason after `--` is required. ' +
      'A comment meant as a directive but misspelled (`# pgconf-lint: disable-next-line …` with a colon, `Disable-Line` ' +
      'in another case, `disable-lines`) would silently suppress nothing, so it is reported with the spelling that works; ' +
      'so is an `enable` that ends no block.',
    invalid: [
      '# pgconf-lint disable-next-line invalid-value -- legacy value\nwork_mem = 8MB',
      '# pgconf-lint: disable-next-line invalid-value -- legacy value\nwork_mem = 8MB',
    ],
    valid: ['# pgconf-lint disable-next-line invalid-value -- kept for the 9.6 fleet\nwork_mem = 8mb'],
    references: ['https://github.com/pgconf-lint/pgconf-lint#suppressing-findings'],
    versions: 'all',
  }),
  engineReport: 'directive-problems',
  check() {
    // The engine reports the directives' problems (src/api.ts, from applyDirectives).
  },
});
