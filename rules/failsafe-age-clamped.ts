import { defineRule } from '../src/linter/rule.js';
import { checkClamp, type Clamp } from './freeze-table-age-clamped.js';

// vacuumlazy.c / vacuum.c vacuum_xid_failsafe_check: Max(failsafe age, freeze max age × 1.05). Both
// parameters are 14+; ctx.setting() is undefined before that, so the rule is silent there.
const CLAMPS: readonly Clamp[] = [
  { clamped: 'vacuum_failsafe_age', limit: 'autovacuum_freeze_max_age', direction: 'below', factor: 1.05 },
  { clamped: 'vacuum_multixact_failsafe_age', limit: 'autovacuum_multixact_freeze_max_age', direction: 'below', factor: 1.05 },
];

export default defineRule({
  name: 'failsafe-age-clamped',
  severity: 'info',
  category: 'validity',
  tags: ['reliability'],
  precedence: 180,
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  fixable: 'sometimes',
  docs: () => ({
    summary: 'vacuum_failsafe_age (or its multixact twin) is below 1.05 × the freeze max age, so VACUUM silently raises it',
    why:
      'The failsafe makes VACUUM drop everything but freezing (index cleanup, cost-based delay) when a table gets ' +
      'dangerously close to transaction ID wraparound. It must not fire before the ordinary anti-wraparound ' +
      'autovacuum has had its chance, so VACUUM silently uses at least 1.05 × autovacuum_freeze_max_age. A lower ' +
      'value in the file is never used; if it was meant to make the failsafe kick in earlier, it does not. The ' +
      'multixact pair (vacuum_multixact_failsafe_age, autovacuum_multixact_freeze_max_age) is raised the same way. ' +
      'Settings absent from the files count with their defaults (failsafe ages 1600000000); a default raised because ' +
      'the freeze max age is high is reported at that setting, and named in freeze-max-age-high\'s finding there ' +
      'rather than as a second finding.' +
      ' The fix (unsafe, where a file sets the clamped parameter) writes the value VACUUM uses instead (the other way out, changing the max age, may have been meant).',
    invalid: ['vacuum_failsafe_age = 100000000', 'autovacuum_freeze_max_age = 1000000000\nvacuum_failsafe_age = 1000000000'],
    valid: ['vacuum_failsafe_age = 1600000000', 'autovacuum_freeze_max_age = 1000000000\nvacuum_failsafe_age = 1100000000'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-vacuum.html#GUC-VACUUM-FAILSAFE-AGE',
      'https://www.postgresql.org/docs/current/runtime-config-vacuum.html#GUC-VACUUM-MULTIXACT-FAILSAFE-AGE',
    ],
    versions: '14+ (the failsafe parameters were added in 14)',
  }),
  check(ctx) {
    for (const c of CLAMPS) {
      checkClamp(
        ctx,
        'failsafe-age-clamped',
        c,
        (eff) => `Set ${c.clamped} to at least ${eff} (1.05 × ${c.limit}), or lower ${c.limit}, so the file says what VACUUM does.`,
      );
    }
  },
});
