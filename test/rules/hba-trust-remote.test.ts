import { afterAll } from '@jest/globals';
import rule from '../../rules/hba-trust-remote.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: 'host all all 127.0.0.1/32 trust' },
    { code: 'host all all 127.0.0.0/8 trust' },
    { code: 'host all all ::1/128 trust' },
    { code: 'host all all 127.0.0.1 255.255.255.255 trust' },
    { code: 'host all all ::ffff:127.0.0.1/128 trust' },
    { code: 'host all all localhost trust' },
    { code: 'local all all trust' },
    { code: 'host all all 10.0.0.0/8 scram-sha-256' },
    { name: 'shadowed', code: 'host all all 10.0.0.0/8 reject\nhost all all 10.1.0.0/16 trust' },
    { name: 'allowed network', code: 'host all all 10.1.0.0/16 trust', options: { allowedNetworks: ['10.0.0.0/8'] } },
    { name: 'a template placeholder (left to unrendered-template)', code: 'host all all ${DOCKER_SUBNET} trust\nhost all all @@NET@@ trust' },
    { name: 'clientcert=verify-full: certificate authentication', code: 'hostssl all all 10.0.0.0/8 trust clientcert=verify-full' },
  ],
  invalid: [
    {
      code: 'host all all 10.0.0.0/8 trust',
      errors: [
        {
          line: 1,
          column: 25,
          endLine: 1,
          endColumn: 30,
          message:
            'trust on a network record: any user (all) can connect to any database except replication (all) from IPv4 network 10.0.0.0/8 with no password (trust); anyone who can connect from there can name any of these users and is let in', help: 'Use scram-sha-256 (or cert / gss); keep trust, if at all, for local sockets and 127.0.0.1/32.',
        },
      ],
    },
    { code: 'host all all samehost trust', errors: [{ line: 1, column: 23, endColumn: 28, message: /from any of the server's own IP addresses \(samehost\)/ }] },
    { code: 'host sales app samenet trust', errors: [{ line: 1, column: 24, endColumn: 29 }] },
    { code: 'hostssl all all .example.com trust', errors: [{ line: 1, column: 30, endColumn: 35 }] },
    { code: 'host all all 127.0.0.0/7 trust', errors: [{ line: 1, column: 26 }] },
    { name: 'clientcert=verify-ca: any certificate holder names any user', code: 'hostssl all all 10.0.0.0/8 trust clientcert=verify-ca', errors: [{ line: 1, column: 28, severity: 'warning', message: /^trust on a network record with clientcert=verify-ca: .*; anyone there holding a certificate from the trusted CA can name any of these users/ }] },
    { name: 'a range that looks private', code: 'host all all 172.0.0.0/8 trust', errors: [{ line: 1, column: 26, message: /with no password \(trust\) \(172\.0\.0\.0\/8 is not all private address space: only 172\.16\.0\.0\/12 \(RFC 1918\) inside it is private, the rest is public\); anyone/ }] },
    { code: 'host all all ::1/127 trust', errors: [{ line: 1, column: 22 }] },
    {
      name: 'two findings, not on line 1',
      code: 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all 0.0.0.0/0 trust\nhost all all ::/0 trust',
      errors: [
        { line: 3, column: 24, endColumn: 29 },
        { line: 4, column: 19, endColumn: 24 },
      ],
    },
  ],
});
