import rule from '../../rules/ssl-disabled.js';
import { ruleTester } from '../support/rule-tester.js';

// The default behaviour is tested in test/rules-hba.test.ts; these cases are the option `always`.
const always = { always: true };

ruleTester(rule, {
  valid: [
    { name: 'default: ssl off, loopback only', code: { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'host all all 127.0.0.1/32 scram-sha-256' } },
    { name: 'default: no pg_hba.conf', code: 'ssl = off' },
    { name: 'always: ssl on', code: 'ssl = on', options: always },
    { name: 'always: no postgresql.conf (nothing to judge)', code: { 'pg_hba.conf': 'host all all 127.0.0.1/32 scram-sha-256' }, options: always },
    { name: 'always: false is the default', code: 'ssl = off', options: { always: false } },
  ],
  invalid: [
    {
      name: 'always: ssl off without pg_hba.conf (exact)',
      code: '# TLS\nssl = off',
      options: always,
      errors: [
        {
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 10,
          severity: 'warning',
          message:
            'ssl is off: no TCP connection can be encrypted and no hostssl record can match; every client that connects over the network sends queries, results and credentials in cleartext',
        },
      ],
    },
    {
      name: 'always: ssl not set, pg_hba.conf admits loopback only (exact)',
      code: { 'postgresql.conf': 'port = 5432', 'pg_hba.conf': 'local all all peer\nhost all all 127.0.0.1/32 scram-sha-256\nhostssl all all 10.0.0.0/8 scram-sha-256' },
      options: always,
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 1,
          message:
            'ssl is off (not set, and the default is off): no TCP connection can be encrypted and no hostssl record can match; pg_hba.conf admits no unencrypted TCP client from beyond the server today, but one admitted later sends queries, results and credentials in cleartext',
        },
      ],
    },
    {
      name: 'always: remote host records keep the default message',
      code: { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'host all app 10.0.0.0/8 scram-sha-256' },
      options: always,
      errors: [{ line: 1, column: 1, message: /^ssl is off while pg_hba\.conf:1 accepts unencrypted connections: / }],
    },
    {
      name: 'always, PG 12',
      pgVersion: 12,
      code: 'ssl = false',
      options: always,
      errors: [{ line: 1, column: 1, endColumn: 12 }],
    },
  ],
});
