import { afterAll } from '@jest/globals';
import rule from '../../rules/hba-replication-open.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: 'host replication replicator 10.20.5.0/24 scram-sha-256' },
    { code: 'local replication all trust' },
    { code: 'host replication all 127.0.0.1/32 trust' },
    { code: 'host replication all ::1/128 trust' },
    { code: 'host all all 10.0.0.0/8 md5' },
    { name: 'a quoted "replication" is a database name', code: 'host "replication" all 10.0.0.0/8 md5' },
    { code: 'host replication all 0.0.0.0/0 reject' },
    { name: 'shadowed', code: 'host replication all 10.0.0.0/8 reject\nhost replication all 10.20.0.0/16 md5' },
    { name: 'allowed network', code: 'host replication all 10.20.5.0/24 md5', options: { allowedNetworks: ['10.20.0.0/16'] } },
  ],
  invalid: [
    {
      code: 'host replication all 10.20.5.0/24 scram-sha-256',
      errors: [
        {
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 17,
          message:
            'physical replication open for every user (all): any user (all) can connect to physical replication (replication) from IPv4 network 10.20.5.0/24 with a SCRAM password (scram-sha-256); a replication connection can copy the whole cluster', help: "Allow replication only for the replication role (e.g. replicator) from the standbys' addresses (/32), and keep scram-sha-256 (or use cert).",
        },
      ],
    },
    { code: 'host replication replicator 10.0.0.0/8 scram-sha-256', errors: [{ line: 1, column: 6, message: /^physical replication open from a network wider than \/16: / }] },
    { code: 'hostssl postgres,replication rep 0.0.0.0/0 cert', errors: [{ line: 1, column: 18, endColumn: 29, message: /^physical replication open from every address: / }] },
    { code: 'host replication all all md5', errors: [{ line: 1, column: 6, severity: 'error', message: /^physical replication open for every user \(all\) and from every address: / }] },
    { name: 'a strong method on a private network: warning', code: 'hostssl replication all 10.20.5.0/24 cert', errors: [{ line: 1, column: 9, severity: 'warning' }] },
    { name: 'cert from every address: warning; scram: error', code: 'hostssl replication rep 0.0.0.0/0 cert\nhostssl replication rep ::/0 scram-sha-256', errors: [{ line: 1, column: 9, severity: 'warning' }, { line: 2, column: 9, severity: 'error' }] },
    {
      name: 'two findings, not on line 1',
      code: 'local replication all peer\nhost replication all 10.1.1.1/32 md5\nhost replication rep 2001:db8::/32 md5',
      errors: [
        { line: 2, column: 6 },
        { line: 3, column: 6, message: /wider than \/48/ },
      ],
    },
  ],
});
