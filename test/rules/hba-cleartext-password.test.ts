import rule from '../../rules/hba-cleartext-password.js';
import { ruleTester } from '../support/rule-tester.js';

// The option includeLocal (the TCP behaviour is tested in test/rules-hba.test.ts).
ruleTester(rule, {
  valid: [
    { name: 'local records are not flagged by default', code: 'local all all password\nlocal all app pam\nlocal all ldapuser ldap ldapserver=ldap.example.com ldapprefix="cn=" ldapsuffix=",dc=example"' },
    { name: 'includeLocal: other methods', code: 'local all all peer\nlocal all app scram-sha-256\nlocal all b md5\nlocal all c trust', options: { includeLocal: true } },
    { name: 'includeLocal: reject', code: 'local all all reject', options: { includeLocal: true } },
    { name: 'includeLocal: shadowed', code: 'local all all peer\nlocal all all password', options: { includeLocal: true } },
    { name: 'includeLocal false', code: 'local all all password', options: { includeLocal: false } },
  ],
  invalid: [
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
