import { afterAll } from '@jest/globals';
import rule from '../../rules/wal-level-insufficient.js';
import { at } from '../support/conf-cases.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

// Startup failures. Conditions and wording checked by starting the real 12, 16 and 18 servers.
ruleTester(rule, {
  valid: [
    { code: '' },
    { code: 'wal_level = replica\n' },
    { code: 'wal_level = logical\narchive_mode = on\n' },
    { code: 'wal_level = hot_standby\nmax_wal_senders = 10\n', name: 'old alias of replica' },
    { code: 'wal_level = archive\n', pgVersion: 10 },
    // Started fine on 16: minimal is allowed without senders, archiving and summarization.
    { code: 'wal_level = minimal\nmax_wal_senders = 0\n' },
    { code: "wal_level = minimal\nmax_wal_senders = '0x0'\narchive_mode = off\n", pgVersion: 12 },
    { code: 'wal_level = minimal\nmax_wal_senders = 0\nsummarize_wal = off\n', pgVersion: 18 },
    { code: 'wal_level = minimal\nmax_wal_senders = 0\nsummarize_wal = on\n', pgVersion: 16, name: 'summarize_wal does not exist before 17' },
    { code: 'wal_level = minimal\nwal_level = replica\n' },
    { code: 'wal_level = minmal\n', name: 'rejected value: the default replica applies' },
  ],
  invalid: [
    {
      name: 'wal_level = minimal alone: the default max_wal_senders is 10',
      code: 'wal_level = minimal\n',
      errors: [
        at(1, 'wal_level = ', 'minimal', {
          severity: 'error',
          message: 'wal_level = minimal with max_wal_senders = 10 (the default): PostgreSQL refuses to start', help: 'Set wal_level = replica, or keep minimal and set max_wal_senders = 0.',
        }),
      ],
    },
    ...([10, 12, 16, 18] as const).map((major) => ({ code: '# x\nwal_level = MINIMAL\n', pgVersion: major, errors: [at(2, 'wal_level = ', 'MINIMAL')] })),
    {
      code: 'wal_level = minimal\nmax_wal_senders = 0\narchive_mode = on\n',
      errors: [at(1, 'wal_level = ', 'minimal', { message: 'wal_level = minimal with archive_mode = on: PostgreSQL refuses to start' })],
    },
    { code: 'wal_level = minimal\nmax_wal_senders = 0\narchive_mode = always\n', pgVersion: 12, errors: [at(1, 'wal_level = ', 'minimal')] },
    {
      code: 'max_wal_senders = 0\nsummarize_wal = on\nwal_level = minimal\n',
      pgVersion: 18,
      errors: [at(3, 'wal_level = ', 'minimal', { message: 'wal_level = minimal with summarize_wal = on: PostgreSQL refuses to start' })],
    },
    { code: 'max_wal_senders = 0\nsummarize_wal = yes\nwal_level = minimal\n', pgVersion: 17, errors: [at(3, 'wal_level = ', 'minimal')] },
    {
      name: 'all conflicts in one finding',
      code: 'wal_level = minimal\nmax_wal_senders = 5\narchive_mode = on\nsummarize_wal = on\n',
      errors: [at(1, 'wal_level = ', 'minimal', { message: 'wal_level = minimal with archive_mode = on, max_wal_senders = 5, summarize_wal = on: PostgreSQL refuses to start' })],
    },
    {
      name: 'minimal from postgresql.auto.conf',
      code: { 'postgresql.conf': 'wal_level = replica\n', 'postgresql.auto.conf': 'wal_level = minimal\n' },
      errors: [at(1, 'wal_level = ', 'minimal', { file: 'postgresql.auto.conf' })],
    },
    {
      name: 'two clusters',
      code: { 'a/postgresql.conf': 'wal_level = minimal\n', 'b/postgresql.conf': 'max_wal_senders = 0\narchive_mode = on\nwal_level = minimal\n' },
      errors: [at(1, 'wal_level = ', 'minimal', { file: 'a/postgresql.conf' }), at(3, 'wal_level = ', 'minimal', { file: 'b/postgresql.conf' })],
    },
  ],
});
