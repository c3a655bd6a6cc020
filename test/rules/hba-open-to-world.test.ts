import { afterAll } from '@jest/globals';
import rule from '../../rules/hba-open-to-world.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: 'host all all 10.0.0.0/8 scram-sha-256' },
    { code: 'host all all 0.0.0.0/0 reject' },
    { name: 'shadowed by an earlier reject', code: 'host all all 0.0.0.0/0 reject\nhost all all 0.0.0.0/0 trust\nhost all app 0.0.0.0 0.0.0.0 password' },
    { name: 'hostssl after host with the same fields', code: 'host all all ::/0 reject\nhostssl all all ::0/0 scram-sha-256' },
    { code: 'local all all trust' },
    { code: 'host all all samenet trust' },
    { name: 'a quoted "all" is a host name', code: 'host all all "all" scram-sha-256' },
    { name: 'a line PostgreSQL rejects', code: 'host all all 0.0.0.0 trust' },
    { name: 'hostgssenc before 12 is rejected', code: 'hostgssenc all all 0.0.0.0/0 trust', pgVersion: 11 },
    { name: 'continuation before 14 is rejected', code: 'host all all 0.0.0.0/0 \\\ntrust', pgVersion: 13 },
    { name: 'allowed network', code: 'host app app 0.0.0.0/0 scram-sha-256', options: { allowedNetworks: ['0.0.0.0/0'] } },
    { name: 'a template placeholder in the address is looked up as a host name and never matches', code: 'host all all ${DOCKER_SUBNET} trust\nhost all all {{ pg_subnet }} md5' },
    { name: 'hostssl while ssl is off can never match', code: { 'pg_hba.conf': 'hostssl all all 0.0.0.0/0 md5', 'postgresql.conf': 'ssl = off' } },
  ],
  invalid: [
    {
      code: 'host all all 0.0.0.0/0 trust',
      errors: [
        {
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 23,
          severity: 'error',
          message:
            'open to every address: any user (all) can connect to any database except replication (all) from any IPv4 address (0.0.0.0/0) with no password (trust); anyone who can reach the port logs in as any listed user, with no password', help: 'Restrict the address to the networks that need access (e.g. 10.20.0.0/16) and authenticate with scram-sha-256 over hostssl (or cert).',
        },
      ],
    },
    {
      code: 'host sales app ::/0 scram-sha-256',
      errors: [{ line: 1, column: 16, endColumn: 20, severity: 'warning', message: 'open to every address: user app can connect to database sales from any IPv6 address (::/0) with a SCRAM password (scram-sha-256); anyone who can reach the port can guess passwords' }],
    },
    { code: 'host sales app ::0/0 scram-sha-256', errors: [{ line: 1, column: 16, endColumn: 21, severity: 'warning' }] },
    { code: 'host sales app 0:0:0:0:0:0:0:0/0 scram-sha-256', errors: [{ line: 1, column: 16, endColumn: 33, severity: 'warning' }] },
    { code: 'host sales app 1.2.3.4/0 scram-sha-256', errors: [{ line: 1, column: 16, endColumn: 25, severity: 'warning' }] },
    { name: 'netmask form: the address and mask columns', code: 'host sales app 0.0.0.0 0.0.0.0 md5', errors: [{ line: 1, column: 16, endColumn: 31, severity: 'error', message: /from any IPv4 address \(0\.0\.0\.0 0\.0\.0\.0\) with an MD5 password/ }] },
    { name: 'IPv6 netmask form', code: 'host sales app :: :: md5', errors: [{ line: 1, column: 16, endColumn: 21, severity: 'error' }] },
    { code: 'hostssl sales app all cert', errors: [{ line: 1, column: 19, endColumn: 22, severity: 'info', message: /from any address \(all\) over SSL with a client certificate \(cert\); only clients holding the required certificate or Kerberos ticket get in$/ }] },
    { name: 'password is an error', code: 'host sales app 0.0.0.0/0 password', errors: [{ line: 1, column: 16, severity: 'error' }] },
    { name: 'replication is an error', code: 'host replication rep 0.0.0.0/0 scram-sha-256', errors: [{ line: 1, column: 22, severity: 'error', message: /^open to every address: user rep can connect to physical replication \(replication\)/ }] },
    {
      name: 'not on line 1, after a record it is not shadowed by',
      code: '# TYPE DATABASE USER ADDRESS METHOD\nlocal all all peer\nhost all all 10.0.0.0/8 reject\n\nhost  all  all  0.0.0.0/0  md5  # legacy\n',
      errors: [{ line: 5, column: 17, endLine: 5, endColumn: 26, severity: 'error' }],
    },
    {
      name: 'two findings',
      code: 'host all all 0.0.0.0/0 md5\nhost all all ::/0 md5',
      errors: [
        { line: 1, column: 14, endColumn: 23, severity: 'error' },
        { line: 2, column: 14, endColumn: 18, severity: 'error' },
      ],
    },
    { name: 'continuation (14+)', code: 'host all all 0.0.0.0/0 \\\ntrust', pgVersion: 14, errors: [{ line: 1, column: 14, endColumn: 23, severity: 'error', message: /with no password \(trust\); anyone who can reach the port logs in/ }] },
    { name: 'regex user (16+)', code: 'host all /^app 0.0.0.0/0 scram-sha-256', pgVersion: 16, errors: [{ line: 1, column: 16, severity: 'warning', message: /^open to every address: users matching \/\^app \(regex\) can connect/ }] },
    { name: 'the same user before 16 is a literal name', code: 'host all /^app 0.0.0.0/0 scram-sha-256', pgVersion: 15, errors: [{ line: 1, column: 16, severity: 'warning', message: /^open to every address: user \/\^app can connect/ }] },
    { name: 'hostgssenc (12+)', code: 'hostgssenc all app 0.0.0.0/0 gss', pgVersion: 12, errors: [{ line: 1, column: 20, severity: 'info', message: /over GSSAPI encryption with Kerberos\/GSSAPI \(gss\); only clients/ }] },
    {
      name: 'users from an @file',
      code: { 'pg_hba.conf': 'host all @admins.txt 0.0.0.0/0 md5', 'admins.txt': '# admins\nalice, bob\n' },
      errors: [{ line: 1, column: 22, endColumn: 31, severity: 'error', message: /^open to every address: users alice, bob can connect/ }],
    },
    {
      name: 'a superuser raises one level',
      code: 'hostssl all postgres 0.0.0.0/0 scram-sha-256\nhostssl all app,postgres ::/0 cert',
      errors: [
        { line: 1, column: 22, severity: 'error', message: /; anyone who can reach the port can guess passwords \(rated higher: it names a superuser\)$/ },
        { line: 2, column: 26, severity: 'warning', message: /\(rated higher: it names a superuser\)$/ },
      ],
    },
    { name: 'trust with clientcert=verify-ca from every address', code: 'hostssl all all 0.0.0.0/0 trust clientcert=verify-ca', errors: [{ line: 1, column: 17, severity: 'warning', message: /; anyone holding a certificate from the trusted CA logs in as any listed user, with no password$/ }] },
    { name: 'trust with clientcert=verify-full from every address is certificate authentication', code: 'hostssl all all 0.0.0.0/0 trust clientcert=verify-full', errors: [{ line: 1, column: 17, severity: 'info' }] },
    { name: 'the superusers option', code: 'hostssl all admin 0.0.0.0/0 scram-sha-256', options: { superusers: ['admin'] }, errors: [{ line: 1, column: 19, severity: 'error' }] },
    { name: 'hostssl while ssl is on', code: { 'pg_hba.conf': 'hostssl all all 0.0.0.0/0 scram-sha-256', 'postgresql.conf': 'ssl = on' }, errors: [{ line: 1, column: 17, severity: 'warning' }] },
    {
      name: 'ident over TCP from every address is no authentication',
      code: 'host all all 0.0.0.0/0 ident',
      errors: [{ line: 1, column: 14, severity: 'error', message: /; anyone who can reach the port names the user through their own ident server: no authentication$/ }],
    },
    { name: 'ldap over a required encrypted channel', code: 'hostssl all all 0.0.0.0/0 ldap ldapserver=ldap.example.com ldapprefix="cn=" ldapsuffix=",dc=example"', errors: [{ line: 1, column: 17, severity: 'warning', message: /the password itself travels encrypted$/ }] },
    {
      name: 'in an included file (16+)',
      code: { 'pg_hba.conf': 'local all all peer\ninclude extra.conf\n', 'extra.conf': 'host all all 0.0.0.0/0 trust\n' },
      pgVersion: 16,
      errors: [{ file: 'extra.conf', line: 1, column: 14, endColumn: 23 }],
    },
  ],
});
