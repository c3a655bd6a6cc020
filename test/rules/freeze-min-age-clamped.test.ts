import { afterAll, expect, test } from '@jest/globals';
import { RULES } from '../../rules/index.js';
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
