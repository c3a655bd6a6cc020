import { afterAll, describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import rule from '../../rules/hba-superuser-remote.js';
import { RULES } from '../../rules/index.js';
import { lint } from '../support/lint.js';
import { loadConfig } from '../../src/config/config.js';
import { cleanupFixtures, makeTree } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { code: 'local all postgres peer' },
    { code: 'host all postgres 127.0.0.1/32 scram-sha-256' },
    { code: 'host all postgres ::1/128 md5' },
    { code: 'host all postgres localhost trust' },
    { name: 'samehost: only processes on the server', code: 'host all postgres samehost scram-sha-256' },
    { code: 'host all postgres 10.20.0.0/16 reject' },
    { name: 'all users: judged by the other rules', code: 'host all all 10.20.0.0/16 scram-sha-256' },
    { name: 'a group: its members are unknown', code: 'host all +admins 10.20.0.0/16 scram-sha-256' },
    { name: 'another role', code: 'host all app 0.0.0.0/0 scram-sha-256' },
    { name: 'shadowed', code: 'host all all 0.0.0.0/0 reject\nhost all postgres 10.0.0.0/8 md5' },
    { name: 'placeholder address (unrendered-template)', code: 'host all postgres ${ADMIN_NET} scram-sha-256' },
    { name: 'hostssl while ssl is off', code: { 'pg_hba.conf': 'hostssl all postgres 10.0.0.0/8 scram-sha-256', 'postgresql.conf': 'ssl = off' } },
    { name: 'allowed network', code: 'host all postgres 10.1.0.0/16 scram-sha-256', options: { allowedNetworks: ['10.0.0.0/8'] } },
    { name: 'other superuser names', code: 'host all postgres 10.1.0.0/16 scram-sha-256', options: { superusers: ['admin'] } },
  ],
  invalid: [
    {
      code: 'host all postgres 10.20.0.0/16 scram-sha-256',
      errors: [
        {
          line: 1,
          column: 10,
          endLine: 1,
          endColumn: 18,
          severity: 'warning',
          message:
            'superuser postgres may log in over TCP from beyond the loopback interface: user postgres can connect to any database except replication (all) from IPv4 network 10.20.0.0/16 with a SCRAM password (scram-sha-256); whoever obtains its credentials there can read every table and run programs on the server', help: 'Let the superuser in only over the local socket (local all postgres peer) or loopback, and give remote administrators and applications roles of their own.',
        },
      ],
    },
    {
      name: 'a weak method: error',
      code: 'local all all peer\nhost all app,postgres 10.20.0.5/32 md5',
      errors: [{ line: 2, column: 14, endColumn: 22, severity: 'error', message: /^superuser postgres may log in over TCP from beyond the loopback interface with a weak method \(md5\): users app, postgres can connect/ }],
    },
    {
      name: 'from every address: error even with cert',
      code: 'hostssl all postgres 0.0.0.0/0 cert',
      errors: [{ line: 1, column: 13, severity: 'error', message: /^superuser postgres may log in over TCP from every address: user postgres/ }],
    },
    { name: 'md5 over hostssl is not weak', code: 'hostssl all postgres 10.0.0.0/24 md5', errors: [{ line: 1, column: 13, severity: 'warning' }] },
    { name: 'replication as the superuser', code: 'host replication postgres 192.168.1.0/24 trust', errors: [{ line: 1, column: 18, severity: 'error', message: /from beyond the loopback interface with a weak method \(trust\): / }] },
    { name: 'from every address with a weak method', code: 'host all postgres all md5', errors: [{ line: 1, column: 10, severity: 'error', message: /^superuser postgres may log in over TCP from every address with a weak method \(md5\): / }] },
    { name: 'samenet and host names', code: 'host all postgres samenet scram-sha-256\nhost all postgres db.example.com scram-sha-256', errors: [{ line: 1, column: 10 }, { line: 2, column: 10 }] },
    {
      name: 'the superusers option; several named',
      code: 'host all app,admin,root 10.0.0.0/24 scram-sha-256',
      options: { superusers: ['admin', 'root'] },
      errors: [{ line: 1, column: 14, endColumn: 19, message: /^superuser admin, root may log in/ }],
    },
    {
      name: 'through an @file',
      code: { 'pg_hba.conf': 'host all @admins 10.0.0.0/24 scram-sha-256', admins: 'postgres\n' },
      errors: [{ line: 1, column: 10, endColumn: 17 }],
    },
  ],
});

describe('hba-superuser-remote and the top-level allowedNetworks', () => {
  afterAll(cleanupFixtures);
  test('a record inside the configured networks is not flagged; outside it is', () => {
    const dir = makeTree({
      'pg_hba.conf': 'host all postgres 10.1.0.0/16 scram-sha-256\nhost all postgres 192.168.1.0/24 scram-sha-256\n',
      '.pgconf-lint.yml': 'allowedNetworks: ["10.0.0.0/8"]\n',
    });
    const result = lint(['.'], { cwd: dir, config: loadConfig(join(dir, '.pgconf-lint.yml'), RULES) });
    const found = result.diagnostics.filter((d) => d.rule === 'hba-superuser-remote').map((d) => d.message);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/from IPv4 network 192\.168\.1\.0\/24/);
  });
});
