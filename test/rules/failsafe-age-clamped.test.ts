import rule from '../../rules/failsafe-age-clamped.js';
import { at } from '../support/conf-cases.js';
import { ruleTester } from '../support/rule-tester.js';

// // Freeze clamps (POSTGRES.md §6): Min(table age, max age × 0.95), Min(min age, max age / 2),
// Max(failsafe age, max age × 1.05). Defaults: autovacuum_freeze_max_age 200000000,
// autovacuum_multixact_freeze_max_age 400000000, vacuum_freeze_table_age 150000000,
// vacuum_freeze_min_age 50000000, vacuum_multixact_freeze_min_age 5000000, failsafe ages 1600000000.
// The fix (unsafe) writes the value VACUUM uses where a file sets the clamped parameter.

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: 'vacuum_failsafe_age = 210000000\n', name: 'exactly 1.05 × the default max age' },
    { code: 'autovacuum_freeze_max_age = 1500000000\n', name: '1.05 × 1500000000 < 1600000000' },
    // The failsafe parameters are 14+.
    { code: 'vacuum_failsafe_age = 1\n', pgVersion: 13 },
    { code: 'autovacuum_freeze_max_age = 2000000000\n', pgVersion: 13 },
    { code: 'vacuum_failsafe_age = 2100000001\n', name: 'out of range' },
  ],
  invalid: [
    {
      code: 'vacuum_failsafe_age = 100000000\n',
      pgVersion: 14,
      errors: [
        at(1, 'vacuum_failsafe_age = ', '100000000', {
          severity: 'info',
          message: 'vacuum_failsafe_age = 100000000 is below 1.05 × autovacuum_freeze_max_age (default 200000000 → 210000000): VACUUM silently uses 210000000',
          help: 'Set vacuum_failsafe_age to at least 210000000 (1.05 × autovacuum_freeze_max_age), or lower autovacuum_freeze_max_age, so the file says what VACUUM does.',
          fix: { title: 'Set vacuum_failsafe_age = 210000000, the value VACUUM uses', applicability: 'unsafe' },
        }),
      ],
      output: 'vacuum_failsafe_age = 210000000\n',
    },
    { code: '\nvacuum_failsafe_age = 0\n', errors: [at(2, 'vacuum_failsafe_age = ', '0')], output: '\nvacuum_failsafe_age = 210000000\n' },
    {
      name: 'a high max age raises the default failsafe age',
      code: 'autovacuum_freeze_max_age = 2000000000\n',
      pgVersion: 18,
      errors: [
        at(1, 'autovacuum_freeze_max_age = ', '2000000000', {
          message: 'vacuum_failsafe_age (default 1600000000) is below 1.05 × autovacuum_freeze_max_age (2000000000 → 2100000000): VACUUM silently uses 2100000000',
        }),
      ],
      output: null,
    },
    {
      name: 'both pairs: two findings',
      code: "autovacuum_freeze_max_age = '2e9'\nautovacuum_multixact_freeze_max_age = 2000000000\n",
      errors: [at(1, 'autovacuum_freeze_max_age = ', "'2e9'"), at(2, 'autovacuum_multixact_freeze_max_age = ', '2000000000')],
      output: null,
    },
    {
      code: 'vacuum_multixact_failsafe_age = 1000\nautovacuum_multixact_freeze_max_age = 10000\n',
      errors: [at(1, 'vacuum_multixact_failsafe_age = ', '1000', { message: /\(10000 → 10500\): VACUUM silently uses 10500$/ })],
      output: 'vacuum_multixact_failsafe_age = 10500\nautovacuum_multixact_freeze_max_age = 10000\n',
    },
  ],
});
