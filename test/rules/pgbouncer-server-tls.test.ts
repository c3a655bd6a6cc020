import rule from '../../rules/pgbouncer-server-tls.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { code: '[databases]\na = host=10.0.0.5\n[pgbouncer]\nserver_tls_sslmode = require\n' },
    { name: 'local servers only', code: '[databases]\na = host=127.0.0.1\nb = host=/var/run/postgresql\nc = dbname=c\nd = host=localhost,::1\n[pgbouncer]\nserver_tls_sslmode = disable\n' },
    { name: 'a templated host', code: '[databases]\na = host=${DB_HOST}\n[pgbouncer]\n' },
    { name: 'an empty host= takes the next pair', code: '[databases]\na = host= port=5432\n[pgbouncer]\n' },
    { name: 'an %include may set it', code: '[databases]\na = host=db\n[pgbouncer]\n%include /etc/pgbouncer/tls.ini\n' },
  ],
  invalid: [
    {
      code: '[databases]\na = host=10.0.0.5\nb = host=db.internal dbname=b\n[pgbouncer]\nserver_tls_sslmode = disable\n',
      errors: [
        {
          line: 5,
          column: 22,
          severity: 'warning',
          message: 'pgbouncer connects to a (host=10.0.0.5), b (host=db.internal) without TLS (server_tls_sslmode = disable): queries and results cross the network unencrypted',
          help: "Set server_tls_sslmode = verify-full with server_tls_ca_file (the CA of the servers' certificates) — at least require.",
        },
      ],
    },
    {
      name: 'not set: prefer, located at the first remote host',
      code: '[databases]\nlocal = host=127.0.0.1\nremote = host=db port=5432\n[pgbouncer]\n',
      errors: [
        {
          line: 3,
          column: 15,
          endColumn: 17,
          severity: 'info',
          message:
            'pgbouncer connects to remote (host=db) with TLS only when the server offers it and without checking its certificate (server_tls_sslmode is not set (prefer)): an attacker in the path can read or change the traffic',
        },
      ],
    },
    {
      name: 'allow',
      code: '[databases]\na = host=10.0.0.5\n[pgbouncer]\nserver_tls_sslmode = allow\n',
      errors: [{ line: 4, column: 22, severity: 'warning', message: /without TLS unless the server demands it/ }],
    },
  ],
});
