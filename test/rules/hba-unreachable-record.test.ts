import { afterAll } from '@jest/globals';
import rule from '../../rules/hba-unreachable-record.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: 'host sales app 10.20.0.0/16 scram-sha-256\nhost all all 0.0.0.0/0 reject' },
    { name: 'host after hostssl', code: 'hostssl all all 10.0.0.0/8 scram-sha-256\nhost all all 10.0.0.0/8 reject' },
    { name: 'replication after all', code: 'host all all 10.0.0.0/8 md5\nhost replication all 10.0.0.0/8 md5' },
    { name: 'IPv6 after IPv4', code: 'host all all 0.0.0.0/0 reject\nhost all all ::/0 md5' },
    { name: 'split address coverage', code: 'host all all 10.0.0.0/9 reject\nhost all all 10.128.0.0/9 reject\nhost all all 10.0.0.0/8 md5' },
    { name: 'a group does not cover a user', code: 'host all +admins 0.0.0.0/0 reject\nhost all alice 0.0.0.0/0 md5' },
    { name: 'continuation is rejected before 14', code: 'host all all 0.0.0.0/0 \\\nreject\nhost all all 10.0.0.0/8 md5', pgVersion: 13 },
  ],
  invalid: [
    {
      code: 'host all all 0.0.0.0/0 reject\nhost sales app 10.20.0.0/16 trust',
      errors: [
        {
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 34,
          message:
            'unreachable record: line 1 (host all all 0.0.0.0/0 reject) already matches every connection it could match, and the first matching record wins; it grants nothing (so it is not checked for exposure)', help: 'Delete this record, or move it above line 1 if it was meant to take effect.',
        },
      ],
    },
    { name: 'hostssl after host', code: 'host all all 10.0.0.0/8 md5\nhostssl all all 10.0.0.0/8 scram-sha-256 clientcert=verify-full', errors: [{ line: 2, column: 1, endColumn: 64, message: /^unreachable record: line 1 \(host all all 10\.0\.0\.0\/8 md5\) already matches/ }] },
    {
      name: 'the SSL split',
      code: 'hostssl all all 10.0.0.0/8 scram-sha-256\nhostnossl all all 10.0.0.0/8 reject\nhost all all 10.0.0.0/8 trust',
      errors: [
        {
          line: 3,
          column: 1,
          message:
            'unreachable record: line 1 (hostssl all all 10.0.0.0/8 scram-sha-256) for SSL connections and line 2 (hostnossl all all 10.0.0.0/8 reject) for non-SSL connections together already match every connection it could match, and the first matching record wins; it grants nothing (so it is not checked for exposure)',
        },
      ],
    },
    {
      name: 'two findings, with a continuation (14+)',
      code: '# deny everything else\nhost all all 0.0.0.0/0 \\\n  reject\nhost a a 10.0.0.0/8 md5\nhost b b 10.0.0.0/8 \\\n  md5',
      pgVersion: 14,
      errors: [
        { line: 4, column: 1, endLine: 4, endColumn: 24 },
        { line: 5, column: 1, endLine: 6, endColumn: 6, message: /^unreachable record: line 2 \(host all all 0\.0\.0\.0\/0 reject\)/ },
      ],
    },
    {
      name: 'shadowed by a record in an included file (16+)',
      code: { 'pg_hba.conf': 'include deny.conf\nhost all all 10.0.0.0/8 md5\n', 'deny.conf': 'host all all all reject\n' },
      pgVersion: 16,
      errors: [{ line: 2, column: 1, message: /^unreachable record: deny\.conf:1 \(host all all all reject\)/ }],
    },
  ],
});
