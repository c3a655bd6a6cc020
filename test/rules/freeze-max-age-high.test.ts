import { afterAll } from '@jest/globals';
import rule from '../../rules/freeze-max-age-high.js';
import { at } from '../support/conf-cases.js';
import { cleanupFixtures } from '../support/fixture.js';
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
