import { afterAll } from '@jest/globals';
import rule from '../../rules/hba-hostssl-without-ssl.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: { 'pg_hba.conf': 'hostssl all app 10.0.0.0/8 scram-sha-256', 'postgresql.conf': 'ssl = on' } },
    { name: 'no postgresql.conf: not guessed', code: 'hostssl all app 10.0.0.0/8 scram-sha-256' },
    { name: 'host records only', code: { 'pg_hba.conf': 'host all app 10.0.0.0/8 scram-sha-256', 'postgresql.conf': 'ssl = off' } },
    { name: 'on in postgresql.auto.conf', code: { 'pg_hba.conf': 'hostssl all app 10.0.0.0/8 md5', 'postgresql.conf': 'ssl = off', 'postgresql.auto.conf': 'ssl = on' } },
    { name: 'shadowed', code: { 'pg_hba.conf': 'host all all 10.0.0.0/8 reject\nhostssl all app 10.0.0.0/8 md5', 'postgresql.conf': 'ssl = off' } },
    { name: 'a template placeholder (unrendered-template reports it)', code: { 'pg_hba.conf': 'hostssl all app ${APP_NET} md5', 'postgresql.conf': 'ssl = off' } },
  ],
  invalid: [
    {
      code: { 'pg_hba.conf': 'hostssl all app 10.0.0.0/8 scram-sha-256', 'postgresql.conf': 'ssl = off' },
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 8,
          message:
            'hostssl record can never match (ssl = off at postgresql.conf:1): it never grants what it describes (user app can connect to any database except replication (all) from IPv4 network 10.0.0.0/8 over SSL with a SCRAM password (scram-sha-256)); such a connection is refused or falls through to a later record', help: 'Turn SSL on (ssl = on with ssl_cert_file and ssl_key_file), or write host if unencrypted connections are intended.',
        },
      ],
    },
    {
      name: 'ssl not set: the default is off',
      code: { 'pg_hba.conf': 'local all all peer\nhostssl all app 10.0.0.0/8 md5', 'postgresql.conf': 'port = 5432' },
      errors: [{ line: 2, column: 1, endColumn: 8, message: /^hostssl record can never match \(ssl is not set in postgresql\.conf, and the default is off\)/ }],
    },
    {
      name: 'two findings, ssl spelled no',
      code: { 'pg_hba.conf': 'hostssl all app 10.0.0.0/8 md5\nhostssl replication rep 10.0.0.5/32 cert', 'postgresql.conf': "port = 5432\nssl = 'no'" },
      pgVersion: 12,
      errors: [
        { line: 1, column: 1, message: /\(ssl = 'no' at postgresql\.conf:2\)/ },
        { line: 2, column: 1 },
      ],
    },
  ],
});
