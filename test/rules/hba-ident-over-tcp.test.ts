import { afterAll } from '@jest/globals';
import rule from '../../rules/hba-ident-over-tcp.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { name: 'ident on local is peer', code: 'local all all ident' },
    { name: 'ident on local with a map', code: 'local all all ident map=admins' },
    { name: 'IPv4 loopback', code: 'host all all 127.0.0.1/32 ident' },
    { name: 'IPv6 loopback, localhost', code: 'host all all ::1/128 ident\nhost all all localhost ident' },
    { name: 'samehost: the server\'s own ident server', code: 'host all all samehost ident' },
    { name: 'another method', code: 'host all all 10.0.0.0/8 scram-sha-256' },
    { name: 'clientcert=verify-full: the certificate name must match the role', code: 'hostssl all all 10.0.0.0/8 ident clientcert=verify-full' },
    { name: 'shadowed', code: 'host all all 10.0.0.0/8 reject\nhost all all 10.0.0.0/8 ident' },
    { name: 'hostssl while ssl is off: never matches', code: { 'pg_hba.conf': 'hostssl all all 10.0.0.0/8 ident', 'postgresql.conf': 'ssl = off' } },
  ],
  invalid: [
    {
      code: '# TYPE DATABASE USER ADDRESS METHOD\nhost    all   all   10.20.0.0/16   ident',
      errors: [
        {
          line: 2,
          column: 36,
          endLine: 2,
          endColumn: 41,
          severity: 'error',
          message:
            "ident over TCP: any user (all) can connect to any database except replication (all) from IPv4 network 10.20.0.0/16 as whoever the client's ident server names (ident); the server believes the ident server on the client's own machine, so whoever controls a machine there names any operating-system user: no authentication", help: 'Use scram-sha-256 (or cert / gss) for TCP connections; keep operating-system identity for local connections (peer).',
        },
      ],
    },
    {
      name: 'with a map',
      code: 'host sales app 192.168.1.0/24 ident map=office',
      errors: [
        {
          line: 1,
          column: 31,
          severity: 'error',
          message: /; the server believes the ident server on the client's own machine \(map=office only translates the name that server reports\), so whoever controls a machine there names any operating-system user: no authentication$/,
        },
      ],
    },
    {
      name: 'every connection type beyond the server; samenet, host names, IPv6, every address',
      code: [
        'hostssl all all 10.0.0.0/8 ident',
        'hostnossl all all samenet ident',
        'hostgssenc all all .example.com ident',
        'hostnogssenc all all 2001:db8::/32 ident',
        'host all all 0.0.0.0/0 ident',
      ].join('\n'),
      errors: [
        { line: 1, column: 28, severity: 'error', message: /^ident over TCP: .*from IPv4 network 10\.0\.0\.0\/8 over SSL/ },
        { line: 2, column: 27, message: /\(samenet\) without SSL/ },
        { line: 3, column: 33, message: /DNS name ends in \.example\.com/ },
        { line: 4, column: 36, message: /2001:db8::\/32/ },
        { line: 5, column: 24, message: /any IPv4 address/ },
      ],
    },
    {
      name: 'clientcert=verify-ca: any certificate holder names any user (warning)',
      code: 'hostssl all all 10.0.0.0/8 ident clientcert=verify-ca',
      errors: [
        {
          line: 1,
          column: 28,
          severity: 'warning',
          message: /^ident over TCP with clientcert=verify-ca: .*anyone there holding a certificate from the trusted CA names any operating-system user, since verify-ca does not compare the certificate's name with the user$/,
        },
      ],
    },
    {
      name: 'clientcert=1 (12, 13) is verify-ca',
      code: 'hostssl all all 10.0.0.0/8 ident clientcert=1',
      pgVersion: 12,
      errors: [{ line: 1, column: 28, severity: 'warning' }],
    },
  ],
});
