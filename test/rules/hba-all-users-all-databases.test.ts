import { afterAll } from '@jest/globals';
import rule from '../../rules/hba-all-users-all-databases.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { name: 'PostgreSQL\'s default local record', code: 'local all all peer' },
    { name: 'local trust is hba-local-trust', code: 'local all all trust' },
    { name: 'initdb\'s loopback records', code: 'host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\nhost all all localhost trust' },
    { name: 'samehost', code: 'host all all samehost scram-sha-256' },
    { name: 'an all/all reject', code: 'host all all 0.0.0.0/0 reject\nhostnossl all all 10.0.0.0/8 reject' },
    { name: 'a named database', code: 'host sales all 10.20.0.0/16 scram-sha-256' },
    { name: 'a named user', code: 'host all app 10.20.0.0/16 scram-sha-256' },
    { name: 'a group', code: 'host all +staff 10.20.0.0/16 scram-sha-256' },
    { name: 'sameuser, samerole, replication are not all', code: 'host sameuser all 10.20.0.0/16 scram-sha-256\nhost samerole all 10.21.0.0/16 scram-sha-256\nhost replication all 10.22.0.0/16 scram-sha-256' },
    { name: 'quoted "all" is a literal name', code: 'host "all" "all" 10.20.0.0/16 scram-sha-256' },
    { name: 'shadowed by an earlier record', code: 'host all all 10.0.0.0/8 reject\nhost all all 10.20.0.0/16 scram-sha-256' },
  ],
  invalid: [
    {
      code: '# TYPE DATABASE USER ADDRESS METHOD\nhost    all   all   10.20.0.0/16   scram-sha-256',
      errors: [
        {
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 12,
          severity: 'info',
          message:
            'every role to every database: any user (all) can connect to any database except replication (all) from IPv4 network 10.20.0.0/16 with a SCRAM password (scram-sha-256); any role, whatever it is for, can try any database from there', help: 'List the databases and roles that really connect from this network (e.g. "host sales app_sales 10.20.0.0/16 scram-sha-256", or a +group role).',
        },
      ],
    },
    {
      name: 'every TCP connection type and reach beyond the server; all among other names',
      code: [
        'hostssl all all samenet cert',
        'hostnossl all all db.example.com md5',
        'hostgssenc all all 2001:db8::/32 gss',
        'hostnogssenc sales,all app,all 192.168.0.0/16 scram-sha-256',
        'host all all 0.0.0.0/0 scram-sha-256',
        'host all all all trust',
      ].join('\n'),
      errors: [
        { line: 1, column: 9, severity: 'info', message: /\(samenet\) over SSL with a client certificate \(cert\); any role/ },
        { line: 2, column: 11, message: /from host db\.example\.com/ },
        { line: 3, column: 12 },
        { line: 4, column: 20, message: /^every role to every database: any user \(all\)/ },
        { line: 5, column: 6 },
        { line: 6, column: 6 },
      ],
    },
  ],
});
