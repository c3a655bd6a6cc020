import { afterAll } from '@jest/globals';
import rule from '../../rules/replication-slot-wal-unbounded.js';
import { at } from '../support/conf-cases.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: '', name: 'defaults (10 slots, -1) are never reported on their own' },
    { code: 'work_mem = 4MB\n' },
    { code: 'max_replication_slots = 10\nmax_slot_wal_keep_size = 50GB\n' },
    { code: "max_slot_wal_keep_size = '1TB'\n" },
    { code: 'max_slot_wal_keep_size = 2147483647\n' },
    { code: 'max_replication_slots = 0\n' },
    { code: 'max_replication_slots = 0\nmax_slot_wal_keep_size = -1\n' },
    // max_slot_wal_keep_size is 13+: before that there is nothing to set.
    { code: 'max_replication_slots = 10\n', pgVersion: 12 },
    { code: 'max_replication_slots = 10\n', pgVersion: 10 },
  ],
  invalid: [
    {
      code: 'max_replication_slots = 10\n',
      errors: [at(1, 'max_replication_slots = ', '10', { severity: 'warning', message: 'max_replication_slots = 10 and max_slot_wal_keep_size is -1 (the default): an abandoned replication slot retains WAL without limit until the disk fills', help: 'Set max_slot_wal_keep_size to what pg_wal can hold (e.g. 50GB), or max_replication_slots = 0 if slots are not used.' })],
    },
    { code: 'max_replication_slots = 4\n', pgVersion: 13, errors: [at(1, 'max_replication_slots = ', '4')] },
    {
      code: '\nmax_slot_wal_keep_size = -1\n',
      pgVersion: 18,
      errors: [at(2, 'max_slot_wal_keep_size = ', '-1', { message: 'max_replication_slots = 10 (the default) and max_slot_wal_keep_size = -1: an abandoned replication slot retains WAL without limit until the disk fills' })],
    },
    { code: "max_slot_wal_keep_size = '-1MB'\n", errors: [at(1, 'max_slot_wal_keep_size = ', "'-1MB'")] },
    {
      name: 'both set: at the keep size',
      code: 'max_replication_slots = 20\nmax_slot_wal_keep_size = -1\n',
      errors: [at(2, 'max_slot_wal_keep_size = ', '-1')],
    },
    {
      name: 'a limit reset to -1 in postgresql.auto.conf',
      code: { 'postgresql.conf': 'max_slot_wal_keep_size = 10GB\n', 'postgresql.auto.conf': 'max_slot_wal_keep_size = -1\n' },
      errors: [at(1, 'max_slot_wal_keep_size = ', '-1', { file: 'postgresql.auto.conf' })],
    },
    {
      name: 'two clusters',
      code: { 'a/postgresql.conf': 'max_replication_slots = 5\n', 'b/postgresql.conf': 'max_slot_wal_keep_size = -1\n' },
      errors: [at(1, 'max_replication_slots = ', '5', { file: 'a/postgresql.conf' }), at(1, 'max_slot_wal_keep_size = ', '-1', { file: 'b/postgresql.conf' })],
    },
  ],
});
