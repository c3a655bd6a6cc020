import { afterAll } from '@jest/globals';
import rule from '../../rules/hba-tls-not-required.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const on = 'ssl = on\n';
const tree = (hba: string, conf = on): Record<string, string> => ({ 'postgresql.conf': conf, 'pg_hba.conf': hba });

const HOST_TAIL =
  "host matches connections with and without SSL, so TLS is the client's choice: a client with sslmode=disable, allow or prefer (prefer is libpq's default) " +
  'connects unencrypted when asked to, or when someone on the path answers its SSL request with a refusal; queries and results then cross the network in cleartext';

ruleTester(rule, {
  valid: [
    { name: 'hostssl only', code: tree('hostssl all app 10.20.0.0/16 scram-sha-256') },
    { name: 'hostgssenc is encrypted', code: tree('hostgssenc all app 10.20.0.0/16 gss') },
    { name: 'loopback and samehost stay on the server', code: tree('host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\nhost all all localhost scram-sha-256\nhost all all samehost scram-sha-256') },
    { name: 'local peer', code: tree('local all all peer') },
    { name: 'reject', code: tree('host all all 0.0.0.0/0 reject\nhostnossl all all ::/0 reject') },
    { name: 'ssl off: ssl-disabled reports', code: tree('host all app 10.20.0.0/16 scram-sha-256', 'ssl = off\n') },
    { name: 'ssl absent: the default is off', code: tree('host all app 10.20.0.0/16 scram-sha-256', 'port = 5432\n') },
    { name: 'no postgresql.conf: ssl unknown', code: { 'pg_hba.conf': 'host all app 10.20.0.0/16 scram-sha-256\n' } },
    { name: 'shadowed record', code: tree('hostssl all all 0.0.0.0/0 scram-sha-256\nhostnossl all all 0.0.0.0/0 reject\nhost all app 10.20.0.0/16 scram-sha-256') },
    {
      name: 'an earlier hostnossl reject takes the unencrypted connections',
      code: tree('hostnossl all all 0.0.0.0/0 reject\nhostnossl all all ::/0 reject\nhost all app 10.20.0.0/16 scram-sha-256\nhost all app 2001:db8::/48 scram-sha-256'),
    },
    { name: 'an earlier hostnossl reject for all databases and replication', code: tree('hostnossl all,replication all all reject\nhost replication repl 10.20.0.0/16 scram-sha-256') },
    { name: 'hostssl while ssl on, with a template placeholder elsewhere', code: tree('host all app ${APP_NET} scram-sha-256\nhostssl all app 10.20.0.0/16 scram-sha-256') },
  ],
  invalid: [
    {
      name: 'host on a private network (exact)',
      code: tree('# remote clients\nhost    all   app   10.20.0.0/16   scram-sha-256'),
      errors: [
        {
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 5,
          severity: 'warning',
          message: `TLS not required although ssl is on: user app can connect to any database except replication (all) from IPv4 network 10.20.0.0/16 with a SCRAM password (scram-sha-256); ${HOST_TAIL}`, help: 'Change host to hostssl for remote clients (add `hostnossl all all 0.0.0.0/0 reject` and `hostnossl all all ::/0 reject` above if records further down must not admit unencrypted connections), and have clients connect with sslmode=verify-full.',
        },
      ],
    },
    {
      name: 'hostnossl (exact)',
      code: tree('hostnossl all app 192.168.1.0/24 scram-sha-256'),
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 10,
          severity: 'warning',
          message:
            'TLS not required although ssl is on: user app can connect to any database except replication (all) from IPv4 network 192.168.1.0/24 without SSL with a SCRAM password (scram-sha-256); hostnossl matches only connections without SSL, so these sessions are never encrypted: queries, results and anything the method sends cross the network in cleartext, readable and modifiable on the path',
        },
      ],
    },
    {
      name: 'every remote record is host: no TLS-only path, one finding per record',
      code: tree('local all all peer\nhost all all 127.0.0.1/32 scram-sha-256\nhost sales app 10.1.0.0/24 scram-sha-256\nhostnogssenc all app 10.2.0.0/24 scram-sha-256\nhost all app .example.com scram-sha-256\nhost all app samenet scram-sha-256'),
      errors: [
        { line: 3, column: 1, message: /^TLS not required although ssl is on: user app can connect to database sales from IPv4 network 10\.1\.0\.0\/24 / },
        { line: 4, column: 1, message: /without GSSAPI encryption with a SCRAM password \(scram-sha-256\); hostnogssenc matches connections with and without SSL/ },
        { line: 5, column: 1, message: /from any host whose DNS name ends in \.example\.com/ },
        { line: 6, column: 1, message: /\(samenet\)/ },
      ],
    },
    {
      name: 'a reject covering only IPv4 leaves the IPv6 record',
      code: tree('hostnossl all all 0.0.0.0/0 reject\nhost all app 10.20.0.0/16 scram-sha-256\nhost all app 2001:db8::/48 scram-sha-256'),
      errors: [{ line: 3, column: 1, message: /from IPv6 network 2001:db8::\/48/ }],
    },
    {
      name: 'a reject for one user does not take the others',
      code: tree('hostnossl all admin 0.0.0.0/0 reject\nhost all all 10.20.0.0/16 scram-sha-256'),
      errors: [{ line: 2, column: 1 }],
    },
    {
      name: 'a reject below the record is too late',
      code: tree('host all app 10.20.0.0/16 scram-sha-256\nhostnossl all all 0.0.0.0/0 reject'),
      errors: [{ line: 1, column: 1 }],
    },
    {
      name: 'a reject for all databases does not cover replication',
      code: tree('hostnossl all all 0.0.0.0/0 reject\nhost replication repl 10.20.0.0/16 scram-sha-256'),
      errors: [{ line: 2, column: 1, message: /physical replication \(replication\)/ }],
    },
    {
      name: 'ssl on from an include, any spelling',
      code: { 'postgresql.conf': "include 'ssl.conf'\n", 'ssl.conf': "ssl = 'true'\n", 'pg_hba.conf': 'host all app 10.20.0.0/16 scram-sha-256\n' },
      errors: [{ line: 1, column: 1 }],
    },
    {
      name: 'PG 12 (hostnogssenc is 12+)',
      pgVersion: 12,
      code: tree('hostnogssenc all app 10.20.0.0/16 md5'),
      errors: [{ line: 1, column: 1, endColumn: 13 }],
    },
  ],
});
