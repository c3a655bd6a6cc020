import rule from '../../rules/pgbouncer-invalid-config.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { code: '[databases]\na = host=db dbname=a pool_size=10\n[pgbouncer]\n; comment\n# comment\nauth_type = scram-sha-256\n' },
    { name: 'template lines are not judged', code: '[databases]\n${DB} = host=${HOST}\n[pgbouncer]\nlisten_port = ${PORT}\n' },
    {
      name: 'an hba file pgbouncer reads whole',
      code: { 'pgbouncer.ini': '[pgbouncer]\nauth_type = hba\nauth_hba_file = hba.conf\n', 'hba.conf': 'host all all 10.0.0.0/8 scram-sha-256\n' },
    },
  ],
  invalid: [
    {
      code: '[pgbouncer]\nauth_type = scram\n',
      errors: [
        {
          line: 2,
          column: 13,
          endColumn: 18,
          severity: 'error',
          message: 'auth_type accepts any, trust, plain, md5, cert, hba, ldap, pam, scram-sha-256; pgbouncer refuses "scram" and stops loading the file',
          help: 'Write one of the values the parameter accepts.',
        },
      ],
    },
    {
      name: 'sslmode in a connection string; an unknown section; a syntax error; a misspelled parameter',
      code: '[databases]\na = host=db sslmode=require\n[pgbouncer]\nauth_tpye = md5\n--comment\n[global]\n',
      errors: [
        {
          line: 2,
          column: 13,
          message: 'pgbouncer cannot read the connection string of [databases] "a" (unrecognized connection parameter "sslmode" (TLS to the server is server_tls_sslmode in [pgbouncer])) and stops loading the file',
          help: 'Write only the keys pgbouncer takes in [databases] (host, port, dbname, user, password, pool_size, …); TLS to the server is server_tls_sslmode in [pgbouncer].',
        },
        { line: 4, column: 1, message: 'pgbouncer (1.25) knows no parameter "auth_tpye" (names are case-sensitive): it stops loading the file here' },
        { line: 5, column: 1, message: 'a line that is not "key = value": pgbouncer stops loading the file here (syntax error)' },
        { line: 6, column: 1, message: /^pgbouncer knows no section \[global\]/ },
      ],
    },
    {
      name: 'a comment after a [databases] entry is part of its connection string',
      code: '[databases]\napp = host=db dbname=app ; primary\n[pgbouncer]\n',
      errors: [{ line: 2, column: 26, endColumn: 27, message: 'pgbouncer cannot read the connection string of [databases] "app" (a parameter without "=") and stops loading the file' }],
    },
    {
      name: 'hba lines pgbouncer skips',
      code: {
        'pgbouncer.ini': '[pgbouncer]\nauth_type = hba\nauth_hba_file = hba.conf\n',
        'hba.conf': 'host all all db.example.com md5\nhost all all 0.0.0.0/0 reject clientcert=verify-full\nhost all all 10.0.0.0/8 scram-sha-256\n',
      },
      errors: [
        {
          file: 'hba.conf',
          line: 1,
          column: 14,
          severity: 'warning',
          message: 'pgbouncer skips this line of its auth_hba_file: an address pgbouncer cannot read: it takes only all or a numeric IP address (no host names, samehost, samenet)',
        },
        {
          file: 'hba.conf',
          line: 2,
          column: 31,
          severity: 'error',
          message:
            'pgbouncer skips this line of its auth_hba_file: an option pgbouncer does not support (it reads only map=); the connections it rejects reach the records after it',
        },
      ],
    },
  ],
});
