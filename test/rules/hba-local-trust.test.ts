import rule from '../../rules/hba-local-trust.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { code: 'local all all peer' },
    { code: 'local all app trust' },
    { code: 'local sales +staff trust' },
    { code: 'local all all scram-sha-256' },
    { name: 'host records are other rules', code: 'host all all 127.0.0.1/32 trust' },
    { name: 'shadowed', code: 'local all all peer\nlocal all all trust' },
    { name: 'not a superuser by the option', code: 'local all postgres trust', options: { superusers: ['admin'] } },
  ],
  invalid: [
    {
      code: 'local all all trust',
      errors: [
        {
          line: 1,
          column: 15,
          endLine: 1,
          endColumn: 20,
          severity: 'info',
          message:
            'trust on the local socket: any user (all) can connect to any database except replication (all) through the local Unix socket with no password (trust); any operating-system user on the server who can open the socket connects as any role, superusers included, without a password',
        },
      ],
    },
    {
      name: 'a superuser; replication',
      code: '# local\nlocal   all   postgres   trust\nlocal replication all trust',
      errors: [
        { line: 2, column: 26, message: /connects as superuser postgres without a password$/ },
        { line: 3, column: 23, message: /physical replication \(replication\) through the local Unix socket/ },
      ],
    },
    { name: 'the superusers option', code: 'local all admin trust', options: { superusers: ['admin'] }, errors: [{ line: 1, column: 17, message: /superuser admin/ }] },
  ],
});
