import rule from '../../rules/pgbouncer-secret-in-config.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { code: '[databases]\nappdb = host=db dbname=app user=app\n[pgbouncer]\n' },
    { name: 'templates', code: "[databases]\na = host=db password=${PW}\nb = host=db password={{ pw }}\nc = host=db password='<password>'\n[pgbouncer]\n" },
    { name: 'a password= outside [databases]', code: '[pgbouncer]\nauth_query = SELECT password=1\n' },
  ],
  invalid: [
    {
      code: '[databases]\nappdb = host=db dbname=app user=app password=s3cret\n[pgbouncer]\n',
      errors: [
        {
          line: 2,
          column: 46,
          endColumn: 52,
          message: '[databases] appdb holds a literal PostgreSQL password (password=****): anyone who can read the repository or its history can log in with it',
          help: 'Remove the password from the entry and rotate it; let pgbouncer take it from its auth_file (kept out of the repository) or the environment that renders the file.',
        },
      ],
    },
    {
      name: 'quoted, and one per entry',
      code: "[databases]\na = host=db password='it''s'\nb = password=x host=db\n[pgbouncer]\n",
      errors: [
        { line: 2, column: 23, endColumn: 28, message: /^\[databases\] a holds/ },
        { line: 3, column: 14, endColumn: 15, message: /^\[databases\] b holds/ },
      ],
    },
  ],
});
