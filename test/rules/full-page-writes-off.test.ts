import { afterAll } from '@jest/globals';
import rule from '../../rules/full-page-writes-off.js';
import { at, offCases, onCases } from '../support/conf-cases.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: '# nothing set\nwork_mem = 4MB\n' },
    ...onCases('full_page_writes'),
    // A value PostgreSQL rejects leaves the default (on) in force: invalid-value reports it.
    { code: 'full_page_writes = o\n' },
    { code: "full_page_writes = ''\n" },
    { code: 'full_page_writes = off\nfull_page_writes = on\n', name: 'overridden by a later on' },
    { code: { 'postgresql.conf': 'full_page_writes = off\n', 'postgresql.auto.conf': 'full_page_writes = on\n' }, name: 'auto.conf wins with on' },
    { code: 'full_page_writes = on\n', pgVersion: 10 },
  ],
  invalid: [
    ...offCases('full_page_writes'),
    {
      code: 'full_page_writes = off\n',
      pgVersion: 18,
      errors: [
        at(1, 'full_page_writes = ', 'off', {
          message: 'full_page_writes = off: a crash during a page write can leave torn, corrupted pages, and pg_rewind cannot be used', help: 'Set full_page_writes = on (the default); if WAL volume is the concern, use wal_compression instead.',
          severity: 'error',
        }),
      ],
    },
    {
      code: 'full_page_writes = no\n',
      pgVersion: 10,
      errors: [at(1, 'full_page_writes = ', 'no', { message: /^full_page_writes = no \(off\): / })],
    },
    { code: 'full_page_writes = on\nfull_page_writes = off\n', errors: [at(2, 'full_page_writes = ', 'off')] },
    {
      name: 'from an include',
      code: { 'postgresql.conf': "include 'wal.conf'\n", 'wal.conf': '\n\nfull_page_writes = false\n' },
      errors: [at(3, 'full_page_writes = ', 'false', { file: 'wal.conf' })],
    },
    {
      name: 'from postgresql.auto.conf',
      code: { 'postgresql.conf': 'full_page_writes = on\n', 'postgresql.auto.conf': "full_page_writes = 'off'\n" },
      errors: [at(1, 'full_page_writes = ', "'off'", { file: 'postgresql.auto.conf' })],
    },
    {
      name: 'two clusters, two findings',
      code: { 'a/postgresql.conf': 'full_page_writes = off\n', 'b/postgresql.conf': 'port = 5433\nfull_page_writes = 0\n' },
      errors: [at(1, 'full_page_writes = ', 'off', { file: 'a/postgresql.conf' }), at(2, 'full_page_writes = ', '0', { file: 'b/postgresql.conf' })],
    },
  ],
});
