import { afterAll } from '@jest/globals';
import rule from '../../rules/autovacuum-off.js';
import { at, offCases, onCases } from '../support/conf-cases.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [{ code: '' }, ...onCases('autovacuum'), ...onCases('track_counts'), { code: 'autovacuum = nein\n' }, { code: "track_counts = ''\n" }],
  invalid: [
    ...offCases('autovacuum'),
    ...offCases('track_counts'),
    {
      code: 'autovacuum = off\n',
      errors: [at(1, 'autovacuum = ', 'off', { severity: 'warning', message: 'autovacuum = off: dead rows are not cleaned up and statistics go stale; only forced anti-wraparound vacuums still run', help: 'Set autovacuum = on (the default); to exempt single tables, use ALTER TABLE … SET (autovacuum_enabled = off).' })],
    },
    {
      name: 'both off: two findings',
      code: 'autovacuum = false\nwork_mem = 4MB\ntrack_counts = no\n',
      pgVersion: 12,
      errors: [
        at(1, 'autovacuum = ', 'false', { message: /^autovacuum = false \(off\): / }),
        at(3, 'track_counts = ', 'no', { message: /^track_counts = no \(off\): autovacuum cannot start without these statistics/, help: 'Set track_counts = on (the default).' }),
      ],
    },
    {
      code: { 'postgresql.conf': "include 'av.conf'\n", 'av.conf': 'autovacuum = off\n', 'postgresql.auto.conf': 'track_counts = off\n' },
      errors: [at(1, 'autovacuum = ', 'off', { file: 'av.conf' }), at(1, 'track_counts = ', 'off', { file: 'postgresql.auto.conf' })],
    },
  ],
});
