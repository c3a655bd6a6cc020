import { defineRule } from '../src/linter/rule.js';
import { checkClamp, type Clamp } from './freeze-table-age-clamped.js';

const CLAMPS: readonly Clamp[] = [
  { clamped: 'vacuum_freeze_min_age', limit: 'autovacuum_freeze_max_age', direction: 'above', factor: 0.5 },
  {
    clamped: 'vacuum_multixact_freeze_min_age',
    limit: 'autovacuum_multixact_freeze_max_age',
    direction: 'above',
    factor: 0.5,
    atMost: true,
  },
];

export default defineRule({
  name: 'freeze-min-age-clamped',
  severity: 'warning',
  category: 'validity',
  precedence: 190,
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  fixable: 'sometimes',
  docs: () => ({
    summary: 'vacuum_freeze_min_age (or its multixact twin) is above half the freeze max age, so VACUUM silently lowers it',
    why:
      'vacuum_freeze_min_age is how old a row version must be before VACUUM freezes it. VACUUM silently limits it ' +
      'to half of autovacuum_freeze_max_age, so that freezing happens well before the forced anti-wraparound ' +
      'autovacuum. A larger value in the file is never used, and whoever tunes freezing from the file is misled. ' +
      'The multixact pair (vacuum_multixact_freeze_min_age, autovacuum_multixact_freeze_max_age) is clamped the ' +
      'same way, and can be clamped even lower when multixact member space runs short. Settings absent from the ' +
      'files count with their defaults (autovacuum_freeze_max_age 200000000, autovacuum_multixact_freeze_max_age ' +
      '400000000). When a low max age lowers several ages left at their defaults, the max age setting gets one ' +
      'finding (the most severe rule\'s) that names the others.' +
      ' The fix (unsafe, where a file sets the clamped parameter) writes the value VACUUM uses instead (the other way out, changing the max age, may have been meant).',
    invalid: ['vacuum_freeze_min_age = 500000000', 'autovacuum_multixact_freeze_max_age = 400000000\nvacuum_multixact_freeze_min_age = 300000000'],
    valid: ['vacuum_freeze_min_age = 50000000', 'autovacuum_freeze_max_age = 1000000000\nvacuum_freeze_min_age = 500000000'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-vacuum.html#GUC-VACUUM-FREEZE-MIN-AGE',
      'https://www.postgresql.org/docs/current/runtime-config-vacuum.html#GUC-VACUUM-MULTIXACT-FREEZE-MIN-AGE',
      'https://www.postgresql.org/docs/current/routine-vacuuming.html#VACUUM-FOR-WRAPAROUND',
    ],
    versions: 'all',
  }),
  check(ctx) {
    for (const c of CLAMPS) {
      checkClamp(
        ctx,
        'freeze-min-age-clamped',
        c,
        (eff) => `Set ${c.clamped} to at most ${eff} (half of ${c.limit}), or raise ${c.limit}, so the file says what VACUUM does.`,
      );
    }
  },
});
