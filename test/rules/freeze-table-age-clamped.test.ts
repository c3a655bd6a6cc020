import rule from '../../rules/freeze-table-age-clamped.js';
import { at } from '../support/conf-cases.js';
import { ruleTester } from '../support/rule-tester.js';

// // Freeze clamps (POSTGRES.md §6): Min(table age, max age × 0.95), Min(min age, max age / 2),
// Max(failsafe age, max age × 1.05). Defaults: autovacuum_freeze_max_age 200000000,
// autovacuum_multixact_freeze_max_age 400000000, vacuum_freeze_table_age 150000000,
// vacuum_freeze_min_age 50000000, vacuum_multixact_freeze_min_age 5000000, failsafe ages 1600000000.
// The fix (unsafe) writes the value VACUUM uses where a file sets the clamped parameter.

ruleTester(rule, {
  valid: [
    { code: '', name: 'pure defaults' },
    { code: 'vacuum_freeze_table_age = 190000000\n', name: 'exactly 0.95 × the default max age' },
    { code: 'autovacuum_freeze_max_age = 1000000000\nvacuum_freeze_table_age = 950000000\n' },
    { code: 'autovacuum_freeze_max_age = 157894737\n', name: '150000000 ≤ 0.95 × 157894737' },
    { code: 'vacuum_freeze_table_age = 2000000001\n', name: 'out of range: rejected, default applies' },
    { code: 'vacuum_multixact_freeze_table_age = 380000000\n' },
    { code: "vacuum_freeze_table_age = ''\n" },
    { code: 'vacuum_freeze_table_age = 0\n' },
  ],
  invalid: [
    {
      code: 'vacuum_freeze_table_age = 1900000000\n',
      errors: [
        at(1, 'vacuum_freeze_table_age = ', '1900000000', {
          severity: 'warning',
          message: 'vacuum_freeze_table_age = 1900000000 is above 0.95 × autovacuum_freeze_max_age (default 200000000 → 190000000): VACUUM silently uses 190000000',
          help: 'Set vacuum_freeze_table_age to at most 190000000 (0.95 × autovacuum_freeze_max_age), or raise autovacuum_freeze_max_age, so the file says what VACUUM does.',
          fix: { title: 'Set vacuum_freeze_table_age = 190000000, the value VACUUM uses', applicability: 'unsafe' },
        }),
      ],
      output: 'vacuum_freeze_table_age = 190000000\n',
    },
    { code: 'vacuum_freeze_table_age = 190000001\n', pgVersion: 10, errors: [at(1, 'vacuum_freeze_table_age = ', '190000001')], output: 'vacuum_freeze_table_age = 190000000\n' },
    {
      name: 'default table age, lowered max age: at the max age',
      code: '\nautovacuum_freeze_max_age = 150000000\n',
      errors: [
        at(2, 'autovacuum_freeze_max_age = ', '150000000', {
          message: 'vacuum_freeze_table_age (default 150000000) is above 0.95 × autovacuum_freeze_max_age (150000000 → 142500000): VACUUM silently uses 142500000',
        }),
      ],
      // The clamped parameter is not in a file: nothing to rewrite (raising the max age may be meant).
      output: null,
    },
    {
      code: 'autovacuum_freeze_max_age = 100000\n',
      pgVersion: 18,
      errors: [at(1, 'autovacuum_freeze_max_age = ', '100000', { message: /\(100000 → 95000\): VACUUM silently uses 95000$/ })],
      output: null,
    },
    {
      name: 'both set: at the clamped table age',
      code: 'autovacuum_freeze_max_age = 500000000\nvacuum_freeze_table_age = 480000000\n',
      errors: [at(2, 'vacuum_freeze_table_age = ', '480000000', { message: /autovacuum_freeze_max_age \(500000000 → 475000000\)/ })],
      output: 'autovacuum_freeze_max_age = 500000000\nvacuum_freeze_table_age = 475000000\n',
    },
    {
      name: 'unusual spellings: real and hex',
      code: "vacuum_freeze_table_age = '1.9e9'\n",
      errors: [at(1, 'vacuum_freeze_table_age = ', "'1.9e9'", { message: /^vacuum_freeze_table_age = 1900000000 is above/ })],
      output: 'vacuum_freeze_table_age = 190000000\n',
    },
    {
      code: 'vacuum_multixact_freeze_table_age = 1000000000\n',
      errors: [
        at(1, 'vacuum_multixact_freeze_table_age = ', '1000000000', {
          message:
            'vacuum_multixact_freeze_table_age = 1000000000 is above 0.95 × autovacuum_multixact_freeze_max_age (default 400000000 → 380000000): VACUUM silently uses at most 380000000',
          fix: { title: 'Set vacuum_multixact_freeze_table_age = 380000000, the value VACUUM uses (at most)', applicability: 'unsafe' },
        }),
      ],
      output: 'vacuum_multixact_freeze_table_age = 380000000\n',
    },
    {
      name: 'both pairs: two findings',
      code: 'vacuum_freeze_table_age = 0x713FB300\nvacuum_multixact_freeze_table_age = 2000000000\n',
      errors: [at(1, 'vacuum_freeze_table_age = ', '0x713FB300'), at(2, 'vacuum_multixact_freeze_table_age = ', '2000000000')],
      output: 'vacuum_freeze_table_age = 190000000\nvacuum_multixact_freeze_table_age = 380000000\n',
    },
    {
      name: 'max age lowered in postgresql.auto.conf, table age from an include',
      code: { 'postgresql.conf': "include 'vac.conf'\n", 'vac.conf': 'vacuum_freeze_table_age = 150000000\n', 'postgresql.auto.conf': 'autovacuum_freeze_max_age = 100000000\n' },
      errors: [at(1, 'vacuum_freeze_table_age = ', '150000000', { file: 'vac.conf', message: /\(100000000 → 95000000\)/ })],
      output: { 'vac.conf': 'vacuum_freeze_table_age = 95000000\n' },
    },
  ],
});
