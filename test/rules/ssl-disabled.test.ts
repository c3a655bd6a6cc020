import { afterAll } from '@jest/globals';
import rule from '../../rules/ssl-disabled.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

// The option `always` (CIS 6.8): ssl off is flagged whenever the cluster has a postgresql.conf.
const always = { always: true };

ruleTester(rule, {
  valid: [
    { code: { 'postgresql.conf': 'ssl = on', 'pg_hba.conf': 'host all app 10.0.0.0/8 scram-sha-256' } },
    { name: 'loopback only', code: { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'host all all 127.0.0.1/32 md5\nhost all all ::1/128 md5\nlocal all all peer' } },
    { name: 'reject', code: { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'host all all 0.0.0.0/0 reject' } },
    { name: 'hostssl and hostgssenc only', code: { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'hostssl all all 10.0.0.0/8 md5\nhostgssenc all all 10.0.0.0/8 gss' } },
    { name: 'shadowed', code: { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'host all all all reject\nhost all all 10.0.0.0/8 md5' } },
    { name: 'no pg_hba.conf', code: 'ssl = off' },
    { name: 'only a placeholder address', code: { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'host all all ${SUBNET} scram-sha-256\nhost all all 127.0.0.1/32 md5' } },
    { name: 'no postgresql.conf', code: { 'pg_hba.conf': 'host all all 10.0.0.0/8 md5' } },
    { name: 'default: ssl off, loopback only', code: { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'host all all 127.0.0.1/32 scram-sha-256' } },
    { name: 'default: no pg_hba.conf', code: 'ssl = off' },
    { name: 'always: ssl on', code: 'ssl = on', options: always },
    { name: 'always: no postgresql.conf (nothing to judge)', code: { 'pg_hba.conf': 'host all all 127.0.0.1/32 scram-sha-256' }, options: always },
    { name: 'always: false is the default', code: 'ssl = off', options: { always: false } },
    // The server listens only on loopback (the default, or named), or on no TCP address: no client from beyond it.
    { name: 'listen_addresses not set (localhost)', code: { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'host all all 0.0.0.0/0 scram-sha-256' } },
    { name: 'listen_addresses loopback only', code: { 'postgresql.conf': "ssl = off\nlisten_addresses = 'localhost, 127.0.0.2, ::1'", 'pg_hba.conf': 'host all all 0.0.0.0/0 scram-sha-256' } },
    { name: 'listen_addresses empty', code: { 'postgresql.conf': "ssl = off\nlisten_addresses = ''", 'pg_hba.conf': 'host all all 0.0.0.0/0 scram-sha-256' } },
  ],
  invalid: [
    {
      code: { 'postgresql.conf': "ssl = off\nlisten_addresses = '*'", 'pg_hba.conf': 'host all app 10.0.0.0/8 scram-sha-256' },
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 10,
          message:
            'ssl is off while pg_hba.conf:1 accepts unencrypted connections: user app can connect to any database except replication (all) from IPv4 network 10.0.0.0/8 with a SCRAM password (scram-sha-256); queries, results and credentials cross the network in cleartext', help: 'Set ssl = on with ssl_cert_file and ssl_key_file (and prefer hostssl records), or limit host records to 127.0.0.1/32 and ::1/128.',
        },
      ],
    },
    {
      name: 'ssl not set: reported at the start of postgresql.conf',
      code: { 'postgresql.conf': "port = 5432\nlisten_addresses = '10.0.0.5'", 'pg_hba.conf': 'local all all peer\nhostnossl all all samenet md5\nhost all all 10.0.0.0/8 md5' },
      errors: [{ line: 1, column: 1, endColumn: 1, message: /^ssl is off \(not set, and the default is off\) while pg_hba\.conf:2 accepts .* \(and 1 more such records\);/ }],
    },
    {
      name: 'two clusters, two findings, not on line 1',
      code: {
        'a/postgresql.conf': "port = 5432\nssl = false\nlisten_addresses = '0.0.0.0'",
        'a/pg_hba.conf': 'host all all 0.0.0.0/0 md5',
        'b/postgresql.conf': "\n\nssl = 0\nlisten_addresses = 'localhost, db.example'",
        'b/pg_hba.conf': 'hostnogssenc all all 10.0.0.0/8 md5',
      },
      errors: [
        { file: 'a/postgresql.conf', line: 2, column: 1, endColumn: 12 },
        { file: 'b/postgresql.conf', line: 3, column: 1, endColumn: 8 },
      ],
    },
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
            "ssl is off: no TCP connection can be encrypted and no hostssl record can match; the server listens only on the loopback interface today (listen_addresses = 'localhost', the default), but a client from beyond it, once listened to, sends queries, results and credentials in cleartext",
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
            "ssl is off (not set, and the default is off): no TCP connection can be encrypted and no hostssl record can match; the server listens only on the loopback interface today (listen_addresses = 'localhost', the default), but a client from beyond it, once listened to, sends queries, results and credentials in cleartext",
        },
      ],
    },
    {
      name: 'always: remote host records keep the default message',
      code: { 'postgresql.conf': "ssl = off\nlisten_addresses = '*'", 'pg_hba.conf': 'host all app 10.0.0.0/8 scram-sha-256' },
      options: always,
      errors: [{ line: 1, column: 1, message: /^ssl is off while pg_hba\.conf:1 accepts unencrypted connections: / }],
    },
    {
      name: 'always: remote host records, but the server listens only on loopback',
      code: { 'postgresql.conf': "ssl = off\nlisten_addresses = '127.0.0.1, ::1'", 'pg_hba.conf': 'host all app 10.0.0.0/8 scram-sha-256' },
      options: always,
      errors: [
        {
          line: 1,
          column: 1,
          message:
            "ssl is off: no TCP connection can be encrypted and no hostssl record can match; the server listens only on the loopback interface today (listen_addresses = '127.0.0.1, ::1'), but a client from beyond it, once listened to, sends queries, results and credentials in cleartext",
        },
      ],
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
