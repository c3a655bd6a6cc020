import { afterAll } from '@jest/globals';
import rule from '../../rules/parallel-workers-exceed.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: 'max_worker_processes = 16\nmax_parallel_workers = 16\nmax_parallel_workers_per_gather = 8\nmax_parallel_maintenance_workers = 4\n' },
    { code: 'max_worker_processes = 4\n', name: 'defaults above a lowered max_worker_processes are not written: not reported' },
    { code: 'max_worker_processes = 4\nmax_parallel_workers = 4\nmax_parallel_workers_per_gather = 4\n', name: 'equal is fine' },
    { code: 'max_parallel_workers = 1\nmax_parallel_workers_per_gather = 0\n' },
    { code: 'max_parallel_workers_per_gather = 8\n', name: 'within the defaults (8 and 8)' },
    { code: 'max_parallel_maintenance_workers = 16\n', pgVersion: 10, name: 'PostgreSQL 10 has no max_parallel_maintenance_workers (unknown-setting reports it)' },
    { code: 'max_parallel_workers_per_gather = 16\nmax_worker_processes = 32\nmax_parallel_workers = 32\n' },
  ],
  invalid: [
    {
      code: 'max_worker_processes = 4\nmax_parallel_workers = 8\n',
      errors: [
        {
          line: 2,
          column: 24,
          endColumn: 25,
          severity: 'warning',
          message: 'max_parallel_workers = 8 is above max_worker_processes = 4: of the parallel workers it allows, at most 4 can ever start, the other 4 never do', help: 'Raise max_worker_processes (a restart) to at least 8 plus the workers of extensions and logical replication, or lower max_parallel_workers to 4.',
        },
      ],
    },
    {
      code: '# parallel query\nmax_parallel_workers_per_gather = 16\n',
      errors: [
        {
          line: 2,
          column: 35,
          endColumn: 37,
          message:
            'max_parallel_workers_per_gather = 16 is above max_worker_processes = 8 (default): of the workers planned for one Gather, at most 8 can ever start, the other 8 never do',
        },
      ],
    },
    {
      name: 'the smaller pool is the limit: max_parallel_workers',
      code: "max_worker_processes = '4'\nmax_parallel_workers = '1'\nmax_parallel_workers_per_gather = '0'\nmax_parallel_maintenance_workers = '4'\n",
      errors: [
        {
          line: 4,
          column: 36,
          message: "max_parallel_maintenance_workers = 4 is above max_parallel_workers = 1: of the workers one CREATE INDEX or VACUUM asks for, at most 1 can ever start, the other 3 never do",
        },
      ],
    },
    {
      name: 'two findings: the pool and the per-query limit',
      code: 'max_worker_processes = 2\nmax_parallel_workers = 8\nmax_parallel_workers_per_gather = 4\n',
      errors: [
        { line: 2, column: 24 },
        { line: 3, column: 35, message: /^max_parallel_workers_per_gather = 4 is above max_worker_processes = 2: / },
      ],
    },
    {
      name: 'the limit in another file',
      code: { 'postgresql.conf': 'max_worker_processes = 4\n', 'postgresql.auto.conf': 'max_parallel_workers = 6\n' },
      errors: [{ file: 'postgresql.auto.conf', line: 1, column: 24 }],
    },
    { code: 'max_parallel_maintenance_workers = 12\n', pgVersion: 11, errors: [{ line: 1, column: 36 }] },
    { code: 'max_parallel_workers = 9\n', pgVersion: 10, errors: [{ line: 1, column: 24, message: /above max_worker_processes = 8 \(default\)/ }] },
  ],
});
