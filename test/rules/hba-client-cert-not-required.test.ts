import { afterAll, describe, expect, test } from '@jest/globals';
import rule from '../../rules/hba-client-cert-not-required.js';
import { cleanupFixtures, lintTree } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const HELP_HOST = 'Make it a hostssl record with the cert method, or add clientcert=verify-full (cert and clientcert are only allowed on hostssl).';
const HELP_HOSTSSL = 'Use the cert method, or add clientcert=verify-full (the certificate name must match the role) to this record.';
const tail = (method: string): string => `; clients get in with ${method} alone, so no certificate is validated against the trusted CA (and CRL) for them`;

describe('hba-client-cert-not-required is off by default (the stig profile turns it on)', () => {
  test('default severity warning; no finding under the default configuration', () => {
    expect(rule.severity).toBe('warning');
    const { findings } = lintTree({ 'pg_hba.conf': 'hostssl all app 10.20.0.0/16 scram-sha-256\n' }, { pgVersion: 17 });
    expect(findings.filter((f) => f.rule === rule.name)).toEqual([]);
    expect(lintTree({ 'pg_hba.conf': 'hostssl all app 10.20.0.0/16 scram-sha-256\n' }, { pgVersion: 17 }, [rule]).findings).toEqual([]);
  });
});

ruleTester(rule, {
  valid: [
    {
      name: 'cert, clientcert=verify-ca/verify-full, reject, loopback, samehost, local, hostnossl, hostgssenc, shadowed',
      code: [
        'hostssl all app 10.20.0.0/16 cert',
        'hostssl all app 10.21.0.0/16 scram-sha-256 clientcert=verify-full',
        'hostssl all app 10.22.0.0/16 scram-sha-256 clientcert=verify-ca',
        'hostssl all all 10.23.0.0/16 reject',
        'host all all 127.0.0.1/32 scram-sha-256',
        'hostssl all all ::1/128 scram-sha-256',
        'host all all localhost trust',
        'host all all samehost scram-sha-256',
        'local all all peer',
        'hostnossl all all 10.24.0.0/16 scram-sha-256',
        'hostgssenc all all 10.25.0.0/16 gss',
        'hostssl all app 10.20.0.0/16 scram-sha-256',
      ].join('\n') + '\n',
    },
    { name: 'clientcert=1 before 14 verifies the certificate', code: 'hostssl all app 10.20.0.0/16 md5 clientcert=1\n', pgVersion: 12 },
  ],
  invalid: [
    {
      name: 'a hostssl record with a password and no client certificate',
      code: '# TYPE DATABASE USER ADDRESS METHOD\nhostssl    all   app   10.20.0.0/16   scram-sha-256\n',
      errors: [
        {
          line: 2,
          column: 39,
          endLine: 2,
          endColumn: 52,
          severity: 'warning',
          message:
            'no client certificate required: user app can connect to any database except replication (all) from IPv4 network 10.20.0.0/16 over SSL with a SCRAM password (scram-sha-256); clients get in with scram-sha-256 alone, so no certificate is validated against the trusted CA (and CRL) for them',
          help: HELP_HOSTSSL,
        },
      ],
    },
    {
      name: 'host records admit TLS too; gss, trust, md5; every address, samenet, host names',
      code: 'host sales app 10.20.0.0/16 scram-sha-256\nhostssl all all .example.com gss\nhostssl all app samenet trust\nhostssl all app 0.0.0.0/0 md5\n',
      pgVersion: 16,
      errors: [
        {
          line: 1,
          column: 29,
          endColumn: 42,
          severity: 'warning',
          message: `no client certificate required: user app can connect to database sales from IPv4 network 10.20.0.0/16 with a SCRAM password (scram-sha-256)${tail('scram-sha-256')}`,
          help: HELP_HOST,
        },
        {
          line: 2,
          column: 30,
          endColumn: 33,
          severity: 'warning',
          message: `no client certificate required: any user (all) can connect to any database except replication (all) from any host whose DNS name ends in .example.com over SSL with Kerberos/GSSAPI (gss)${tail('gss')}`,
          help: HELP_HOSTSSL,
        },
        {
          line: 3,
          column: 25,
          endColumn: 30,
          severity: 'warning',
          message: `no client certificate required: user app can connect to any database except replication (all) from any subnet the server is directly connected to (samenet) over SSL with no password (trust)${tail('trust')}`,
        },
        {
          line: 4,
          column: 27,
          endColumn: 30,
          severity: 'warning',
          message: `no client certificate required: user app can connect to any database except replication (all) from any IPv4 address (0.0.0.0/0) over SSL with an MD5 password (md5)${tail('md5')}`,
        },
      ],
    },
    {
      name: 'clientcert=no-verify (12, 13) and clientcert=0 require no certificate path validation',
      code: 'hostssl all app 10.20.0.0/16 md5 clientcert=no-verify\nhostssl all app 10.21.0.0/16 md5 clientcert=0\n',
      pgVersion: 13,
      errors: [
        {
          line: 1,
          column: 30,
          endColumn: 33,
          message: `no client certificate required: user app can connect to any database except replication (all) from IPv4 network 10.20.0.0/16 over SSL with an MD5 password (md5) plus a client certificate (clientcert=no-verify)${tail('md5')}`,
        },
        { line: 2, column: 30, endColumn: 33, message: /\(clientcert=0\); clients get in with md5 alone/ },
      ],
    },
    {
      name: 'the help of a host record says to make it hostssl',
      code: 'host sales app 10.20.0.0/16 scram-sha-256\nhostssl sales app 10.30.0.0/16 scram-sha-256\n',
      errors: [
        { line: 1, column: 29, help: HELP_HOST },
        { line: 2, column: 32, endColumn: 45, help: HELP_HOSTSSL },
      ],
    },
    {
      name: 'hostssl while ssl is off never matches: not flagged; host while ssl is off is',
      code: { 'pg_hba.conf': 'hostssl all app 10.20.0.0/16 scram-sha-256\nhost all app 10.21.0.0/16 scram-sha-256\n', 'postgresql.conf': 'ssl = off\n' },
      errors: [{ line: 2, column: 27, endColumn: 40, help: HELP_HOST }],
    },
  ],
});
