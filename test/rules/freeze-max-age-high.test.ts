import { afterAll, describe, expect, test } from '@jest/globals';
import rule from '../../rules/freeze-max-age-high.js';
import { RULES } from '../../rules/index.js';
import { at } from '../support/conf-cases.js';
import { cleanupFixtures, lintTree } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: 'autovacuum_freeze_max_age = 1500000000\n', name: 'at the threshold' },
    { code: 'autovacuum_multixact_freeze_max_age = 400000000\n' },
    { code: 'autovacuum_freeze_max_age = 1800000000\n', options: { threshold: 1800000000 } },
    { code: '', options: { threshold: 1000 }, name: 'defaults are never reported, whatever the threshold' },
    { code: 'autovacuum_freeze_max_age = 2000000001\n', name: 'out of range' },
    { code: 'autovacuum_freeze_max_age = 1500000000\n' },
    { code: '' },
  ],
  invalid: [
    {
      code: 'autovacuum_freeze_max_age = 1800000000\n',
      errors: [
        at(1, 'autovacuum_freeze_max_age = ', '1800000000', {
          severity: 'info',
          message:
            'autovacuum_freeze_max_age = 1800000000 is above 1500000000: the forced anti-wraparound VACUUM starts only ~347 million transaction IDs before the wraparound limit, and pg_xact can grow to ~429 MB', help: 'Lower autovacuum_freeze_max_age (the default is 200000000) and keep tables frozen with regular VACUUM instead.',
        }),
      ],
    },
    {
      code: '\nautovacuum_multixact_freeze_max_age = 2000000000\n',
      pgVersion: 10,
      errors: [at(2, 'autovacuum_multixact_freeze_max_age = ', '2000000000', { message: /is above 1500000000: .* ~147 million multixact IDs before the wraparound limit/ })],
    },
    {
      name: 'option threshold',
      code: 'autovacuum_freeze_max_age = 1200000000\nautovacuum_multixact_freeze_max_age = 400000000\n',
      options: { threshold: 300000000 },
      errors: [at(1, 'autovacuum_freeze_max_age = ', '1200000000', { message: /is above 300000000:/ }), at(2, 'autovacuum_multixact_freeze_max_age = ', '400000000')],
    },
    { code: { 'postgresql.auto.conf': 'autovacuum_freeze_max_age = 2000000000\n' }, pgVersion: 18, errors: [at(1, 'autovacuum_freeze_max_age = ', '2000000000', { file: 'postgresql.auto.conf' })] },
    {
      code: 'autovacuum_freeze_max_age = 2000000000\n',
      errors: [
        {
          line: 1,
          column: 29,
          endColumn: 39,
          severity: 'info',
          message:
            'autovacuum_freeze_max_age = 2000000000 is above 1500000000: the forced anti-wraparound VACUUM starts only ~147 million transaction IDs before the wraparound limit, and pg_xact can grow to ~477 MB',
        },
      ],
    },
  ],
});

describe('one setting, one finding: freeze-max-age-high and the failsafe it raises', () => {
  const conf = 'autovacuum_freeze_max_age = 2000000000\n';
  const run = (text: string, rules: Record<string, 'off'> = {}) =>
    lintTree({ 'postgresql.conf': text }, { pgVersion: 17, rules }, [...RULES]).findings.filter((f) => f.rule.includes('age'));

  test('the failsafe raised from its default is named in the high max age finding', () => {
    expect(run(conf).map((f) => [f.rule, f.line, f.column, f.message])).toEqual([
      [
        'freeze-max-age-high',
        1,
        29,
        'autovacuum_freeze_max_age = 2000000000 is above 1500000000: the forced anti-wraparound VACUUM starts only ~147 million transaction IDs ' +
          'before the wraparound limit, and pg_xact can grow to ~477 MB; also VACUUM uses vacuum_failsafe_age = 2100000000, not its default 1600000000 (failsafe-age-clamped)',
      ],
    ]);
  });

  test('with freeze-max-age-high off, failsafe-age-clamped reports it', () => {
    expect(run(conf, { 'freeze-max-age-high': 'off' }).map((f) => [f.rule, f.line, f.column])).toEqual([['failsafe-age-clamped', 1, 29]]);
  });

  test('a failsafe age written in the file is a problem of its own, on its own line', () => {
    const f = run(conf + 'vacuum_failsafe_age = 1600000000\n');
    expect(f.map((x) => [x.rule, x.line])).toEqual([
      ['freeze-max-age-high', 1],
      ['failsafe-age-clamped', 2],
    ]);
    expect(f[0]!.message).not.toContain('also');
  });
});
