import { afterAll } from '@jest/globals';
import hbaMd5 from '../../rules/hba-md5.js';
import { ruleTester } from '../support/rule-tester.js';
import { cleanupFixtures } from '../support/fixture.js';

const SCRAM_FIX = {
  title:
    'Change the method to scram-sha-256 (roles whose password is stored as an MD5 hash can no longer log in through this record until it is set again)',
  applicability: 'unsafe' as const,
};
const MD5_CLUSTER_FIX = {
  title:
    'Change the method to scram-sha-256 (roles whose password is stored as an MD5 hash can no longer log in through this record until it is set again; password_encryption is md5, so set it to scram-sha-256 first, or every new password is MD5 too)',
  applicability: 'unsafe' as const,
};

afterAll(cleanupFixtures);

ruleTester(hbaMd5, {
  valid: [
    { code: 'host all app 10.0.0.0/8 scram-sha-256' },
    { name: 'shadowed', code: 'host all all 0.0.0.0/0 reject\nhost all all 10.0.0.0/8 md5' },
    { name: 'a template placeholder in the address (left to unrendered-template)', code: 'host all all ${DOCKER_SUBNET} md5' },
    { name: 'hostssl while ssl is off (left to hba-hostssl-without-ssl)', code: { 'pg_hba.conf': 'hostssl all app 10.0.0.0/8 md5', 'postgresql.conf': 'ssl = off' } },
  ],
  invalid: [
    {
      code: 'host all app 10.0.0.0/8 md5',
      errors: [
        {
          line: 1,
          column: 25,
          endLine: 1,
          endColumn: 28,
          severity: 'warning',
          message:
            'md5 method: user app can connect to any database except replication (all) from IPv4 network 10.0.0.0/8 with an MD5 password (md5); with password_encryption = scram-sha-256 by default in PostgreSQL 17 (no postgresql.conf in this cluster), roles whose password is stored as SCRAM are checked with SCRAM automatically, but a role whose password is still an MD5 hash (set before the switch, or given pre-hashed) logs in with the MD5 challenge, and that hash alone is enough to log in; MD5 passwords are deprecated from PostgreSQL 18',
          help: "Change the method to scram-sha-256: it refuses MD5-stored passwords, so reset those first (SELECT rolname FROM pg_authid WHERE rolpassword LIKE 'md5%' lists them).",
          fix: SCRAM_FIX,
        },
      ],
      output: 'host all app 10.0.0.0/8 scram-sha-256',
    },
    { code: 'host all app 10.0.0.0/8 md5', pgVersion: 18, errors: [{ line: 1, column: 25, message: /; MD5 passwords are deprecated in PostgreSQL 18 and will be removed$/ }], output: 'host all app 10.0.0.0/8 scram-sha-256' },
    {
      name: 'before 14 the default password_encryption is md5: new passwords are MD5 hashes',
      code: { 'pg_hba.conf': 'host all app 10.0.0.0/8 md5', 'postgresql.conf': 'port = 5432' },
      pgVersion: 13,
      errors: [
        {
          line: 1,
          column: 25,
          message: /; with password_encryption = md5, the default of PostgreSQL 13, new and changed passwords are stored as MD5 hashes and checked with the MD5 challenge: a stolen hash alone is enough to log in;/,
          help: 'Set password_encryption = scram-sha-256, reset the passwords, then change the method to scram-sha-256.',
          fix: MD5_CLUSTER_FIX,
        },
      ],
      output: { 'pg_hba.conf': 'host all app 10.0.0.0/8 scram-sha-256' },
    },
    {
      name: 'password_encryption set in postgresql.conf',
      code: { 'pg_hba.conf': 'host all app 10.0.0.0/8 md5', 'postgresql.conf': "port = 5432\npassword_encryption = 'scram-sha-256'" },
      pgVersion: 13,
      errors: [{ line: 1, column: 25, message: /; with password_encryption = 'scram-sha-256' at postgresql\.conf:2, roles whose password is stored as SCRAM are checked with SCRAM automatically/, fix: SCRAM_FIX }],
      output: { 'pg_hba.conf': 'host all app 10.0.0.0/8 scram-sha-256' },
    },
    {
      name: 'password_encryption = md5 on 17',
      code: { 'pg_hba.conf': 'host all app 10.0.0.0/8 md5', 'postgresql.conf': 'password_encryption = md5' },
      errors: [{ line: 1, column: 25, message: /; with password_encryption = md5 at postgresql\.conf:1, new and changed passwords are stored as MD5 hashes/, fix: MD5_CLUSTER_FIX }],
      output: { 'pg_hba.conf': 'host all app 10.0.0.0/8 scram-sha-256' },
    },
    {
      name: 'local socket and loopback: information',
      code: 'local all all md5\nhost replication rep 10.0.0.5/32 scram-sha-256\nhostssl all app ::/0 md5\nhost all all 127.0.0.1/32 md5',
      errors: [
        { line: 1, column: 15, endColumn: 18, severity: 'info' },
        { line: 3, column: 22, endColumn: 25, severity: 'warning' },
        { line: 4, column: 27, severity: 'info' },
      ],
      output: 'local all all scram-sha-256\nhost replication rep 10.0.0.5/32 scram-sha-256\nhostssl all app ::/0 scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256',
    },
    {
      name: 'CRLF and a comment after the method are kept',
      code: 'host all app 10.0.0.0/8 md5   # apps\r\n',
      errors: [{ line: 1, column: 25, endColumn: 28 }],
      output: 'host all app 10.0.0.0/8 scram-sha-256   # apps\r\n',
    },
  ],
});
