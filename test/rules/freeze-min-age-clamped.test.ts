import { afterAll, expect, test } from '@jest/globals';
import { RULES } from '../../rules/index.js';
import rule from '../../rules/freeze-min-age-clamped.js';
import { at } from '../support/conf-cases.js';
import { ruleTester } from '../support/rule-tester.js';
import { cleanupFixtures, lintTree } from '../support/fixture.js';

afterAll(cleanupFixtures);

const run = (text: string, rules: Record<string, 'off'> = {}) =>
  lintTree({ 'postgresql.conf': text }, { pgVersion: 17, rules }, [...RULES]).findings.filter((f) => f.rule.includes('age'));

test('a low max age that lowers both default ages is one finding at the setting, naming both', () => {
  const f = run('autovacuum_multixact_freeze_max_age = 8000000\n');
  expect(f.map((x) => [x.rule, x.severity, x.line, x.column])).toEqual([['freeze-table-age-clamped', 'warning', 1, 39]]);
  expect(f[0]!.message).toBe(
    'vacuum_multixact_freeze_table_age (default 150000000) is above 0.95 × autovacuum_multixact_freeze_max_age (8000000 → 7600000): ' +
      'VACUUM silently uses at most 7600000; also VACUUM uses vacuum_multixact_freeze_min_age = at most 4000000, not its default 5000000 (freeze-min-age-clamped)',
  );
  // turning the table-age rule off lets the min-age rule report it
  expect(run('autovacuum_multixact_freeze_max_age = 8000000\n', { 'freeze-table-age-clamped': 'off' }).map((x) => [x.rule, x.line, x.column])).toEqual([
    ['freeze-min-age-clamped', 1, 39],
  ]);
});

test('ages written in the file are reported each on its own line', () => {
  const f = run('autovacuum_multixact_freeze_max_age = 8000000\nvacuum_multixact_freeze_min_age = 5000000\nvacuum_multixact_freeze_table_age = 150000000\n');
  expect(f.map((x) => [x.rule, x.line])).toEqual([
    ['freeze-min-age-clamped', 2],
    ['freeze-table-age-clamped', 3],
  ]);
  expect(f.some((x) => x.message.includes('; also'))).toBe(false);
});

// // Freeze clamps (POSTGRES.md §6): Min(table age, max age × 0.95), Min(min age, max age / 2),
// Max(failsafe age, max age × 1.05). Defaults: autovacuum_freeze_max_age 200000000,
// autovacuum_multixact_freeze_max_age 400000000, vacuum_freeze_table_age 150000000,
// vacuum_freeze_min_age 50000000, vacuum_multixact_freeze_min_age 5000000, failsafe ages 1600000000.
// The fix (unsafe) writes the value VACUUM uses where a file sets the clamped parameter.

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: 'vacuum_freeze_min_age = 100000000\n', name: 'exactly half the default max age' },
    { code: 'autovacuum_freeze_max_age = 1000000000\nvacuum_freeze_min_age = 500000000\n' },
    { code: 'vacuum_multixact_freeze_min_age = 200000000\n' },
    { code: 'vacuum_freeze_min_age = 1000000001\n', name: 'out of range' },
    { code: 'autovacuum_multixact_freeze_max_age = 10000000\n', name: '5000000 = 10000000 / 2' },
  ],
  invalid: [
    {
      code: 'vacuum_freeze_min_age = 500000000\n',
      errors: [
        at(1, 'vacuum_freeze_min_age = ', '500000000', {
          severity: 'warning',
          message: 'vacuum_freeze_min_age = 500000000 is above 0.5 × autovacuum_freeze_max_age (default 200000000 → 100000000): VACUUM silently uses 100000000',
          help: 'Set vacuum_freeze_min_age to at most 100000000 (half of autovacuum_freeze_max_age), or raise autovacuum_freeze_max_age, so the file says what VACUUM does.',
          fix: { title: 'Set vacuum_freeze_min_age = 100000000, the value VACUUM uses', applicability: 'unsafe' },
        }),
      ],
      output: 'vacuum_freeze_min_age = 100000000\n',
    },
    {
      name: 'odd max age: integer division',
      code: 'autovacuum_freeze_max_age = 100001\n',
      errors: [at(1, 'autovacuum_freeze_max_age = ', '100001', { message: 'vacuum_freeze_min_age (default 50000000) is above 0.5 × autovacuum_freeze_max_age (100001 → 50000): VACUUM silently uses 50000' })],
      output: null,
    },
    {
      code: '# mx\nautovacuum_multixact_freeze_max_age = 8000000\n',
      pgVersion: 12,
      errors: [
        at(2, 'autovacuum_multixact_freeze_max_age = ', '8000000', {
          message: 'vacuum_multixact_freeze_min_age (default 5000000) is above 0.5 × autovacuum_multixact_freeze_max_age (8000000 → 4000000): VACUUM silently uses at most 4000000',
        }),
      ],
      output: null,
    },
    {
      name: 'two pairs, two findings',
      code: 'vacuum_freeze_min_age = 1000000000\nvacuum_multixact_freeze_min_age = 1000000000\n',
      errors: [at(1, 'vacuum_freeze_min_age = ', '1000000000'), at(2, 'vacuum_multixact_freeze_min_age = ', '1000000000')],
      output: 'vacuum_freeze_min_age = 100000000\nvacuum_multixact_freeze_min_age = 200000000\n',
    },
    { code: { 'postgresql.auto.conf': 'vacuum_freeze_min_age = 100000001\n' }, pgVersion: 18, errors: [at(1, 'vacuum_freeze_min_age = ', '100000001', { file: 'postgresql.auto.conf' })], output: { 'postgresql.auto.conf': 'vacuum_freeze_min_age = 100000000\n' } },
  ],
});
