import rule from '../../rules/pgbouncer-client-tls-disabled.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { code: '[pgbouncer]\nlisten_addr = *\nclient_tls_sslmode = require\n' },
    { code: '[pgbouncer]\nlisten_addr = *\nclient_tls_sslmode = Verify-Full\n' },
    { name: 'loopback only', code: '[pgbouncer]\nlisten_addr = 127.0.0.1,::1\n' },
    { name: 'no TCP at all', code: '[pgbouncer]\nauth_type = md5\n' },
    { name: 'an %include may set it', code: '[pgbouncer]\nlisten_addr = *\n%include /etc/pgbouncer/tls.ini\n' },
  ],
  invalid: [
    {
      name: 'not set: the default disable, located at listen_addr',
      code: '[pgbouncer]\nlisten_addr = 10.0.0.4\n',
      errors: [
        {
          line: 2,
          column: 15,
          endColumn: 23,
          severity: 'warning',
          message: 'pgbouncer listens on the network (listen_addr "10.0.0.4") without TLS (client_tls_sslmode is not set (disable)): queries and results cross the network unencrypted',
          help: 'Set client_tls_sslmode = require (or verify-ca / verify-full for client certificates) with client_tls_key_file and client_tls_cert_file, or listen only on loopback.',
        },
      ],
    },
    {
      name: 'disable with plain',
      code: '[pgbouncer]\nlisten_addr = *\nauth_type = plain\nclient_tls_sslmode = disable\n',
      errors: [{ line: 4, column: 22, message: /without TLS \(client_tls_sslmode = disable\): queries, results and passwords \(auth_type = plain sends them in cleartext\) cross/ }],
    },
    {
      name: 'prefer is optional TLS',
      code: '[pgbouncer]\nlisten_addr = *\nclient_tls_sslmode = prefer\n',
      errors: [{ line: 3, column: 22, severity: 'info', message: /with TLS only when the client asks for it \(client_tls_sslmode = prefer\)/ }],
    },
  ],
});
