import rule from '../../rules/pgbouncer-auth-trust.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { code: '[pgbouncer]\nlisten_addr = *\nauth_type = scram-sha-256\n' },
    { name: 'the default (md5)', code: '[pgbouncer]\nlisten_addr = *\n' },
    { name: 'an %include after it may change auth_type', code: '[pgbouncer]\nlisten_addr = *\nauth_type = trust\n%include /etc/pgbouncer/auth.ini\n' },
    { name: 'listen_addr is a template', code: '[pgbouncer]\nlisten_addr = ${ADDR}\nauth_type = trust\n' },
    {
      name: 'hba: loopback-only trust, and a trust record shadowed by an earlier all-covering one',
      code: {
        'pgbouncer.ini': '[pgbouncer]\nlisten_addr = *\nauth_type = hba\nauth_hba_file = hba.conf\n',
        'hba.conf': 'host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust\nhost all all 0.0.0.0/0 scram-sha-256\nhost all all 10.0.0.0/8 trust\n',
      },
    },
    {
      name: 'hba: pgbouncer listens on loopback only',
      code: { 'pgbouncer.ini': '[pgbouncer]\nlisten_addr = 127.0.0.1\nauth_type = hba\nauth_hba_file = hba.conf\n', 'hba.conf': 'host all all 0.0.0.0/0 trust\n' },
    },
    {
      name: 'hba: the file is read only with auth_type = hba',
      code: { 'pgbouncer.ini': '[pgbouncer]\nlisten_addr = *\nauth_type = md5\nauth_hba_file = hba.conf\n', 'hba.conf': 'host all all 0.0.0.0/0 trust\n' },
    },
  ],
  invalid: [
    {
      code: '[pgbouncer]\nlisten_addr = *\nauth_type = trust\n',
      errors: [
        {
          line: 3,
          column: 13,
          endColumn: 18,
          severity: 'error',
          message: 'auth_type = trust: anyone who reaches pgbouncer on any network address (listen_addr = *) is logged in as any user of its auth_file, without a password',
          help: 'Set auth_type = scram-sha-256 (with SCRAM secrets in auth_file or auth_query), or hba with an auth_hba_file that trusts no network.',
        },
      ],
    },
    {
      name: 'any, loopback only, with admin_users',
      code: '[pgbouncer]\nlisten_addr = 127.0.0.1\nauth_type = ANY\nadmin_users = admin, ops\n',
      errors: [
        {
          line: 3,
          column: 13,
          severity: 'warning',
          message:
            'auth_type = any: anyone who reaches pgbouncer on this machine (listen_addr is loopback only) is logged in without a password and whatever user name it gives (auth_type = any ignores it), the admin console included (admin_users = admin, ops: PAUSE, KILL, SHUTDOWN)',
        },
      ],
    },
    {
      name: 'socket only (no listen_addr)',
      code: '[pgbouncer]\nauth_type=trust\n',
      errors: [{ line: 2, column: 11, severity: 'warning', message: /on its Unix-domain socket is logged in as any user/ }],
    },
    {
      name: 'hba: trust from every address and from private space, in the hba file',
      code: {
        'pgbouncer.ini': '[pgbouncer]\nlisten_addr = 0.0.0.0\nauth_type = hba\nauth_hba_file = /etc/pgbouncer/hba.conf\n',
        'hba.conf': '# pgbouncer\nhost all all 10.0.0.0/8 trust\nhostssl all all all trust\n',
      },
      errors: [
        {
          file: 'hba.conf',
          line: 2,
          column: 25,
          severity: 'warning',
          message: "trust in pgbouncer's auth_hba_file: clients from 10.0.0.0/8 are logged in without a password (pgbouncer listens on any network address (listen_addr = 0.0.0.0))",
        },
        { file: 'hba.conf', line: 3, column: 21, severity: 'error', message: /^trust in pgbouncer's auth_hba_file: clients from every address \(all\)/ },
      ],
    },
  ],
});
