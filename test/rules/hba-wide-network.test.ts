import { afterAll } from '@jest/globals';
import rule from '../../rules/hba-wide-network.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: 'host all all 10.20.0.0/16 scram-sha-256' },
    { code: 'host all all 2001:db8:1234::/48 scram-sha-256' },
    { name: 'every address is left to hba-open-to-world', code: 'host all all 0.0.0.0/0 md5' },
    { code: 'host all all 10.0.0.0/8 reject' },
    { name: 'loopback', code: 'host all all 127.0.0.1/8 trust' },
    { name: 'non-contiguous mask with 16 bits', code: 'host all all 10.0.0.1 255.0.0.255 md5' },
    { name: 'shadowed', code: 'host all all 0.0.0.0/0 reject\nhost all all 10.0.0.0/8 md5' },
    { name: 'threshold option', code: 'host all all 10.0.0.0/8 md5', options: { ipv4Prefix: 8 } },
    { name: 'allowed network', code: 'host all all 10.0.0.0/8 md5', options: { allowedNetworks: ['10.0.0.0/8'] } },
    { code: 'host all all samenet md5' },
  ],
  invalid: [
    {
      code: 'host all app 10.0.0.0/8 scram-sha-256',
      errors: [
        {
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 24,
          severity: 'info',
          message:
            'wide network (16,777,216 addresses, wider than /16, private address space): user app can connect to any database except replication (all) from IPv4 network 10.0.0.0/8 with a SCRAM password (scram-sha-256)', help: "Narrow the address to the hosts or subnets that need access (e.g. the application servers' /24), or list the network in allowedNetworks.",
        },
      ],
    },
    { name: 'netmask form', code: 'host all app 10.0.0.0 255.0.0.0 scram-sha-256', errors: [{ line: 1, column: 14, endColumn: 32 }] },
    { name: 'non-contiguous mask', code: 'host all app 10.0.0.1 255.0.0.1 md5', errors: [{ line: 1, column: 14, endColumn: 32, severity: 'warning', message: /^wide network \(8,388,608 addresses, wider than \/16, private address space\)/ }] },
    {
      name: 'a range that looks private but covers public space',
      code: 'host all app 172.0.0.0/8 scram-sha-256\nhost all app 10.0.0.0/7 scram-sha-256\nhostssl all app 0.0.0.0/1 cert',
      errors: [
        {
          line: 1,
          column: 14,
          severity: 'warning',
          message:
            'wide network (16,777,216 addresses, wider than /16): user app can connect to any database except replication (all) from IPv4 network 172.0.0.0/8 with a SCRAM password (scram-sha-256) (172.0.0.0/8 is not all private address space: only 172.16.0.0/12 (RFC 1918) inside it is private, the rest is public)',
        },
        { line: 2, column: 14, severity: 'warning', message: /\(10\.0\.0\.0\/7 is not all private address space: only 10\.0\.0\.0\/8 \(RFC 1918\) inside it is private, the rest is public\)$/ },
        { line: 3, column: 17, severity: 'warning', message: /only 10\.0\.0\.0\/8 \(RFC 1918\) and 100\.64\.0\.0\/10 \(carrier-grade NAT, RFC 6598\) inside it are private/ },
      ],
    },
    {
      name: 'public, carrier-grade NAT and ULA ranges',
      code: 'host all app 100.64.0.0/10 scram-sha-256\nhost all app fd00::/8 scram-sha-256\nhost all app 8.0.0.0/8 scram-sha-256\nhost all app 2001:db8::/32 scram-sha-256',
      errors: [
        { line: 1, column: 14, severity: 'info', message: /private address space/ },
        { line: 2, column: 14, severity: 'info', message: /private address space/ },
        { line: 3, column: 14, severity: 'warning', message: /^wide network \(16,777,216 addresses, wider than \/16\): / },
        { line: 4, column: 14, severity: 'warning', message: /^wide network \(2\^96 addresses, wider than \/48\): / },
      ],
    },
    {
      name: 'a weak method inside private space stays a warning; md5 over hostssl is information',
      code: 'hostssl all app 10.0.0.0/8 md5\nhost all app 10.0.0.0/8 md5',
      errors: [
        { line: 1, column: 17, severity: 'info' },
        { line: 2, column: 14, severity: 'warning' },
      ],
    },
    { code: 'host all app 2001:db8::/32 md5', errors: [{ line: 1, column: 14, endColumn: 27, message: /^wide network \(2\^96 addresses, wider than \/48\)/ }] },
    { name: 'threshold option', code: 'host all app 10.20.0.0/16 md5', options: { ipv4Prefix: 24 }, errors: [{ line: 1, column: 14, message: /wider than \/24/ }] },
    {
      name: 'two findings, not on line 1',
      code: 'local all all peer\nhost all app 172.16.0.0/12 md5\nhost all app 10.20.0.0/16 md5\nhost all app 192.168.0.0/15 md5',
      errors: [
        { line: 2, column: 14, endColumn: 27 },
        { line: 4, column: 14, endColumn: 28 },
      ],
    },
  ],
});
