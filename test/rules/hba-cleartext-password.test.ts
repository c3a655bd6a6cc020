import { afterAll } from '@jest/globals';
import rule from '../../rules/hba-cleartext-password.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: 'local all app password' },
    { code: 'host all app 10.0.0.0/8 scram-sha-256' },
    { name: 'shadowed', code: 'host all all 0.0.0.0/0 reject\nhost all app 10.0.0.0/8 password' },
    { name: 'local records are not flagged by default', code: 'local all all password\nlocal all app pam\nlocal all ldapuser ldap ldapserver=ldap.example.com ldapprefix="cn=" ldapsuffix=",dc=example"' },
    { name: 'includeLocal: other methods', code: 'local all all peer\nlocal all app scram-sha-256\nlocal all b md5\nlocal all c trust', options: { includeLocal: true } },
    { name: 'includeLocal: reject', code: 'local all all reject', options: { includeLocal: true } },
    { name: 'includeLocal: shadowed', code: 'local all all peer\nlocal all all password', options: { includeLocal: true } },
    { name: 'includeLocal false', code: 'local all all password', options: { includeLocal: false } },
  ],
  invalid: [
    {
      code: 'host all app 10.0.0.0/8 password',
      errors: [
        {
          line: 1,
          column: 25,
          endLine: 1,
          endColumn: 33,
          severity: 'error',
          message:
            'cleartext password on a record that accepts unencrypted connections: user app can connect to any database except replication (all) from IPv4 network 10.0.0.0/8 with a cleartext password (password); the client sends the password itself and the server compares it with the stored password, and anyone on the network path can read it', help: 'Use scram-sha-256 (with password_encryption = scram-sha-256, then reset the passwords).',
        },
      ],
    },
    { code: 'hostssl all app 10.0.0.0/8 password', errors: [{ line: 1, column: 28, endColumn: 36, severity: 'info', message: /^cleartext password over an encrypted connection: .* over SSL with a cleartext password/ }] },
    { code: 'hostnossl all app 10.0.0.0/8 password', errors: [{ line: 1, column: 30, severity: 'error' }] },
    { code: 'hostgssenc all app 10.0.0.0/8 password', pgVersion: 12, errors: [{ line: 1, column: 31, severity: 'info' }] },
    { code: 'hostnogssenc all app 10.0.0.0/8 password', pgVersion: 18, errors: [{ line: 1, column: 33, severity: 'error' }] },
    {
      name: 'two findings, not on line 1',
      code: '\n\nhost all app 127.0.0.1/32 password\nhostssl all all all password',
      errors: [
        { line: 3, column: 27, severity: 'warning', message: /^cleartext password on a loopback-only record: .*; it never leaves the machine, but a local user allowed to capture loopback traffic \(root, CAP_NET_RAW\) reads it$/ },
        { line: 4, column: 21, endColumn: 29, severity: 'info' },
      ],
    },
    {
      name: 'ldap, pam, radius, bsd send the password in cleartext too',
      code: 'host all a 10.0.0.0/8 ldap ldapserver=ldap.example.com ldapprefix="cn=" ldapsuffix=",dc=example"\nhost all b 10.0.0.0/8 pam\nhostssl all c 10.0.0.0/8 radius radiusservers=r.example.com radiussecrets=s\nhost all d samehost pam',
      errors: [
        { line: 1, column: 23, endColumn: 27, severity: 'error', message: /with a password checked by LDAP \(ldap\); the client sends the password itself and the server passes it on to the LDAP server \(in cleartext unless ldaptls=1 or ldaps\), and anyone on the network path can read it$/ },
        { line: 2, column: 23, severity: 'error', message: /passes it on to PAM, and anyone on the network path/ },
        { line: 3, column: 26, severity: 'info', message: /^cleartext password over an encrypted connection: .*RADIUS server, so a client that does not verify/ },
        { line: 4, column: 21, severity: 'warning', message: /^cleartext password on a loopback-only record: .*\(samehost\)/ },
      ],
    },
    {
      name: 'includeLocal: password on the socket',
      code: '# local\nlocal   all   app   password',
      options: { includeLocal: true },
      errors: [
        {
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 29,
          severity: 'info',
          message:
            'cleartext password on the local socket: user app can connect to any database except replication (all) through the local Unix socket with a cleartext password (password); the client sends the password itself and the server compares it with the stored password; the socket never leaves the machine, but the server receives the password itself rather than a proof of it (scram-sha-256)',
        },
      ],
    },
    {
      name: 'includeLocal: pam and ldap on the socket; TCP records unchanged',
      code: 'local all a pam\nlocal all b ldap ldapserver=ldap.example.com ldapprefix="cn=" ldapsuffix=",dc=example"\nhost all c 10.0.0.0/8 password',
      options: { includeLocal: true },
      errors: [
        { line: 1, column: 13, severity: 'info', message: /^cleartext password on the local socket: .*the server passes it on to PAM; the socket never leaves the machine/ },
        { line: 2, column: 13, severity: 'info', message: /the server passes it on to the LDAP server \(in cleartext unless ldaptls=1 or ldaps\)/ },
        { line: 3, column: 23, severity: 'error', message: /^cleartext password on a record that accepts unencrypted connections/ },
      ],
    },
  ],
});
