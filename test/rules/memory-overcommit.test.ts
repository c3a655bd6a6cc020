import { afterAll, describe, expect, test } from '@jest/globals';
import rule, { formatBytes } from '../../rules/memory-overcommit.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const GB = 1024 ** 3;

describe('formatBytes', () => {
  test.each([
    [1024, '1kB'],
    [16 * GB, '16GB'],
    [3.2 * 1024 * GB, '3.2TB'],
    [1536 * 1024 * 1024, '1.5GB'],
    [500, '500B'],
  ])('%d is %s', (n, s) => expect(formatBytes(n)).toBe(s));
});

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: 'work_mem = 64MB\nmax_connections = 200\n' },
    { code: 'work_mem = 1GB\nmax_connections = 100\n', name: '100GB: not absurd without assume.memory' },
    { code: 'work_mem = 256MB\nmax_connections = 200\nshared_buffers = 16GB\n', assume: { memoryBytes: 64 * GB }, name: '66GB on 64GB: within 2×' },
    { code: 'work_mem = 16GB\nmax_connections = 200\n', assume: { memoryBytes: 2048 * GB }, name: '3.1TB on 2TB: within 2×' },
    { code: 'work_mem = 16GB\nwork_mem = 4MB\nmax_connections = 200\n', name: 'overridden' },
    {
      code: 'maintenance_work_mem = 2000GB\n',
      pgVersion: 16,
      name: 'up to 16 vacuum used at most 1GB per worker',
    },
  ],
  invalid: [
    {
      code: 'work_mem = 16GB\nmax_connections = 200\n',
      errors: [
        {
          line: 1,
          column: 12,
          endColumn: 16,
          severity: 'warning',
          message:
            'work_mem = 16GB: a worst case of 3.1TB (max_connections 200 × work_mem 16GB = 3.1TB + 3 autovacuum workers × 64MB = 192MB + shared_buffers 128MB) is 1TB or more, more than any server has (assume.memory is not set); concurrent sorts and hashes can exhaust memory, and the OOM killer then takes down a backend and every session with it', help: 'Lower work_mem (a few MB to a few hundred MB for most workloads) and raise it per session or role (SET work_mem, ALTER ROLE … SET) for the queries that need it; or use a connection pooler and fewer max_connections.',
        },
      ],
    },
    {
      name: 'with assume.memory: above 2×',
      code: '# tuned\nshared_buffers = 16GB\nwork_mem = 256MB\nmax_connections = 500\n',
      assume: { memoryBytes: 64 * GB },
      errors: [
        {
          line: 3,
          column: 12,
          message:
            'work_mem = 256MB: a worst case of 141.2GB (max_connections 500 × work_mem 256MB = 125GB + shared_buffers 16GB + 3 autovacuum workers × 64MB = 192MB) is more than 2 times the 64GB of memory assumed (assume.memory); concurrent sorts and hashes can exhaust memory, and the OOM killer then takes down a backend and every session with it',
        },
      ],
    },
    {
      name: 'work_mem at its default: max_connections drives it',
      code: 'max_connections = 100000\n',
      assume: { memoryBytes: 16 * GB },
      errors: [{ line: 1, column: 19, message: /^max_connections = 100000: a worst case of / }],
    },
    {
      name: 'shared_buffers alone above 2× memory',
      code: 'shared_buffers = 200GB\n',
      assume: { memoryBytes: 64 * GB },
      errors: [{ line: 1, column: 18, message: /^shared_buffers = 200GB: / }],
    },
    {
      name: 'autovacuum memory drives it (17+: no 1GB cap)',
      code: 'maintenance_work_mem = 400GB\nautovacuum_max_workers = 3\n',
      errors: [{ line: 1, column: 24, message: /3 autovacuum workers × 400GB = 1.2TB/ }],
    },
    {
      name: 'autovacuum_work_mem wins over maintenance_work_mem',
      code: 'maintenance_work_mem = 64MB\nautovacuum_work_mem = 100GB\nautovacuum_max_workers = 10\n',
      assume: { memoryBytes: 64 * GB },
      errors: [{ line: 2, column: 23 }],
    },
    {
      name: 'in postgresql.auto.conf, two clusters',
      code: { 'a/postgresql.auto.conf': "work_mem = '2GB'\nmax_connections = '1000'\n", 'b/postgresql.conf': 'work_mem = 8GB\nmax_connections = 300\n' },
      errors: [
        { file: 'a/postgresql.auto.conf', line: 1, column: 12 },
        { file: 'b/postgresql.conf', line: 1, column: 12 },
      ],
    },
    { code: 'work_mem = 16GB\nmax_connections = 200\n', pgVersion: 10, errors: [{ line: 1, column: 12, message: /shared_buffers 8MB\)/ }] },
  ],
});
