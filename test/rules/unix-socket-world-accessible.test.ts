import { afterAll } from '@jest/globals';
import rule from '../../rules/unix-socket-world-accessible.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const REACH = "lets every local OS account connect to the Unix-domain socket";

ruleTester(rule, {
  valid: [
    { code: 'unix_socket_permissions = 0770\n' },
    { code: 'unix_socket_permissions = 0700\n' },
    { code: 'unix_socket_permissions = 0775\n', name: 'read and execute for others do not allow connecting' },
    { code: 'unix_socket_permissions = 448\n', name: 'decimal 448 = 0700' },
    { code: "unix_socket_directories = ''\n", name: 'no socket at all' },
    { code: "unix_socket_directories = '@pg'\n", name: 'only an abstract socket (14+): no file permissions' },
    { code: "unix_socket_directories = '/tmp, \"x'\n", name: 'bad list syntax: the server does not start; invalid-value reports it' },
    { code: { 'postgresql.auto.conf': 'unix_socket_permissions = 0777\n' }, name: 'no postgresql.conf' },
  ],
  invalid: [
    {
      name: 'help names the fix; related: the trust record',
      code: { 'postgresql.conf': 'port = 5432\n', 'pg_hba.conf': 'local all all trust\n' },
      errors: [
        {
          line: 1,
          column: 1,
          help: "Set unix_socket_permissions = 0770 with unix_socket_group = '<the group allowed to connect>', or 0700 for the server's OS user only (the socket is created at server start: a restart is needed).",
          related: [{ file: 'pg_hba.conf', line: 1, column: 15, message: 'this local record trusts every connection on the socket' }],
        },
      ],
    },
    {
      code: 'unix_socket_permissions = 0777\n',
      errors: [{ line: 1, column: 27, endColumn: 31, severity: 'warning', message: `unix_socket_permissions = 0777 ${REACH}: each of them reaches pg_hba.conf's local records`, help: "Set unix_socket_permissions = 0770 with unix_socket_group = '<the group allowed to connect>', or 0700 for the server's OS user only (the socket is created at server start: a restart is needed)." }],
    },
    {
      code: 'port = 5432\n',
      name: 'absent: the default 0777',
      pgVersion: 10,
      errors: [{ line: 1, column: 1, message: `unix_socket_permissions (not set; the default is 0777) ${REACH}: each of them reaches pg_hba.conf's local records` }],
    },
    {
      code: "unix_socket_permissions = 0666\nunix_socket_directories = '/var/run/postgresql, @abstract'\n",
      name: 'write for others; the directories named (abstract left out)',
      errors: [{ line: 1, column: 27, message: `unix_socket_permissions = 0666 ${REACH} in /var/run/postgresql: each of them reaches pg_hba.conf's local records` }],
    },
    {
      code: "unix_socket_directories = '@pg'\n",
      name: 'before 14, @pg is a directory name',
      pgVersion: 13,
      errors: [{ line: 1, column: 1, message: `unix_socket_permissions (not set; the default is 0777) ${REACH} in @pg: each of them reaches pg_hba.conf's local records` }],
    },
    {
      code: { 'postgresql.conf': 'unix_socket_permissions = 0002\n', 'pg_hba.conf': 'local all postgres peer\nlocal all all trust\n' },
      name: 'a local trust record',
      errors: [
        {
          line: 1,
          column: 27,
          file: 'postgresql.conf',
          message: `unix_socket_permissions = 0002 ${REACH}: each of them reaches pg_hba.conf's local records, and a local trust record lets any of them in as any role`,
        },
      ],
    },
  ],
});
