import rule from '../../rules/pgbouncer-weak-auth.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { code: '[pgbouncer]\nlisten_addr = *\nauth_type = scram-sha-256\n' },
    { name: 'md5 by default is not reported', code: '[pgbouncer]\nlisten_addr = *\n' },
    { name: 'trust is pgbouncer-auth-trust', code: '[pgbouncer]\nauth_type = trust\n' },
  ],
  invalid: [
    {
      code: '[pgbouncer]\nlisten_addr = *\nauth_type = plain\n',
      errors: [
        {
          line: 3,
          column: 13,
          severity: 'warning',
          message: 'auth_type = plain: clients send their passwords in cleartext, and pgbouncer listens on any network address (listen_addr = *) without requiring TLS, so anyone in the path reads them',
          help: 'Set auth_type = scram-sha-256 and keep SCRAM secrets in auth_file (or let auth_query read them from the server).',
        },
      ],
    },
    {
      name: 'plain with client TLS required',
      code: '[pgbouncer]\nlisten_addr = *\nauth_type = plain\nclient_tls_sslmode = require\n',
      errors: [{ line: 3, column: 13, severity: 'info', message: 'auth_type = plain: clients send their passwords to pgbouncer in cleartext' }],
    },
    {
      name: 'md5 written',
      code: '[pgbouncer]\nauth_type = MD5\n',
      errors: [{ line: 2, column: 13, severity: 'info', message: /^auth_type = md5: users whose secret/ }],
    },
  ],
});
