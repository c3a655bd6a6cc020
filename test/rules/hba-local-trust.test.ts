import rule from '../../rules/hba-local-trust.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { code: 'local all all peer' },
    { code: 'local all app trust' },
    { code: 'local sales +staff trust' },
    { code: 'local all all scram-sha-256' },
    { name: 'shadowed', code: 'local all all peer\nlocal all all trust' },
    { name: 'not a superuser by the option', code: 'local all postgres trust', options: { superusers: ['admin'] } },
    { name: 'loopback, an ordinary role', code: 'host all app 127.0.0.1/32 trust' },
    { name: 'loopback, a group', code: 'host all +staff ::1/128 trust' },
    { name: 'loopback, another method', code: 'host all all 127.0.0.1/32 scram-sha-256' },
    { name: 'loopback reject', code: 'host all all 127.0.0.1/32 reject' },
    { name: 'a network is hba-trust-remote', code: 'host all all 10.0.0.0/8 trust' },
    { name: 'loopback trust with clientcert=verify-full is certificate authentication', code: 'hostssl all all 127.0.0.1/32 trust clientcert=verify-full', pgVersion: 16 },
    { name: 'loopback, shadowed', code: 'host all all 127.0.0.1/32 scram-sha-256\nhost all all 127.0.0.1/32 trust' },
    { name: 'anyRole off: a regex role on loopback', code: 'host all /^app 127.0.0.1/32 trust' },
  ],
  invalid: [
    {
      code: 'local all all trust',
      errors: [
        {
          line: 1,
          column: 15,
          endLine: 1,
          endColumn: 20,
          severity: 'info',
          message:
            'trust on the local socket: any user (all) can connect to any database except replication (all) through the local Unix socket with no password (trust); any operating-system user on the server who can open the socket connects as any role, superusers included, without a password', help: 'Use peer (the operating-system user of the same name) for local connections, or scram-sha-256.',
        },
      ],
    },
    {
      name: 'a superuser; replication',
      code: '# local\nlocal   all   postgres   trust\nlocal replication all trust',
      errors: [
        { line: 2, column: 26, message: /connects as superuser postgres without a password$/ },
        { line: 3, column: 23, message: /physical replication \(replication\) through the local Unix socket/ },
      ],
    },
    { name: 'the superusers option', code: 'local all admin trust', options: { superusers: ['admin'] }, errors: [{ line: 1, column: 17, message: /superuser admin/ }] },
    {
      name: 'IPv4 loopback, all users',
      code: '# TYPE DATABASE USER ADDRESS METHOD\nhost    all   all   127.0.0.1/32   trust',
      errors: [
        {
          line: 2,
          column: 36,
          endLine: 2,
          endColumn: 41,
          severity: 'info',
          message:
            'trust on a record only the server itself can reach: any user (all) can connect to any database except replication (all) from IPv4 host 127.0.0.1 with no password (trust); any process on the server (in a container or pod: every container sharing its network namespace) connects as any role, superusers included, without a password',
        },
      ],
    },
    {
      name: 'IPv6 loopback, localhost, 127.0.0.0/8, hostssl and hostnossl: a superuser or all',
      code: 'host all postgres ::1/128 trust\nhost all all localhost trust\nhostnossl all all 127.0.0.0/8 trust\nhostssl replication all 127.0.0.1/32 trust',
      errors: [
        { line: 1, column: 27, severity: 'info', message: /^trust on a record only the server itself can reach: .*connects as superuser postgres without a password$/ },
        { line: 2, column: 24, message: /connects as any role, superusers included, without a password$/ },
        { line: 3, column: 31, message: /only the server itself/ },
        { line: 4, column: 38, message: /physical replication/ },
      ],
    },
    {
      name: 'samehost (also hba-trust-remote\'s: one finding after merging)',
      code: 'host all all samehost trust',
      errors: [{ line: 1, column: 23, severity: 'info', message: /^trust on a record only the server itself can reach: .*\(samehost\)/ }],
    },
    {
      name: 'anyRole: named roles, groups, regexes, on the socket and on loopback',
      code: 'local all app trust\nlocal sales +staff trust\nhost all app,postgres 127.0.0.1/32 trust\nhost all /^app ::1/128 trust\nlocal all all trust\nlocal all app peer',
      options: { anyRole: true },
      errors: [
        { line: 1, column: 15, severity: 'info', message: /^trust on the local socket: user app can connect .*; any operating-system user on the server who can open the socket connects as any of these roles without a password$/ },
        { line: 2, column: 20, message: /members of role staff \(\+staff\).*connects as any of these roles without a password$/ },
        { line: 3, column: 36, message: /^trust on a record only the server itself can reach: .*connects as any of these roles \(superuser postgres included\) without a password$/ },
        { line: 4, column: 24, message: /users matching \/\^app \(regex\).*connects as any of these roles without a password$/ },
        { line: 5, column: 15, message: /connects as any role, superusers included, without a password$/ },
      ],
    },
    {
      name: 'anyRole: a superuser alone keeps its words',
      code: 'local all postgres trust',
      options: { anyRole: true },
      errors: [{ line: 1, column: 20, message: /connects as superuser postgres without a password$/ }],
    },
    {
      name: 'an @file of roles with anyRole',
      code: { 'pg_hba.conf': 'local all @admins trust', 'admins': 'alice\nbob\n' },
      options: { anyRole: true },
      errors: [{ line: 1, column: 19, message: /connects as any of these roles without a password$/ }],
    },
  ],
});
