import { afterAll } from '@jest/globals';
import rule from '../../rules/password-check-not-loaded.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const WHAT = 'loads neither passwordcheck nor credcheck: CREATE/ALTER ROLE … PASSWORD accepts any password, however short or guessable';

ruleTester(rule, {
  valid: [
    { code: "shared_preload_libraries = 'passwordcheck'\n" },
    { code: "shared_preload_libraries = 'pg_stat_statements, $libdir/credcheck.so'\n", name: 'credcheck by path' },
    { code: "shared_preload_libraries = '\"passwordcheck\"'\n", name: 'quoted name' },
    { code: "session_preload_libraries = 'passwordcheck'\n", name: 'session_preload_libraries counts (as pgdsat)' },
    { code: "local_preload_libraries = 'credcheck'\n", name: 'local_preload_libraries counts (as pgdsat)' },
    {
      code: { 'postgresql.conf': 'port = 5432\n', 'pg_hba.conf': 'local all all peer\nhostssl all all 10.0.0.0/8 cert\n' },
      name: 'pg_hba.conf without password methods: passwords are not used to log in',
    },
    { code: "shared_preload_libraries = 'passwordcheck, \"x'\n", name: 'bad list syntax: invalid-value reports it' },
    { code: { 'postgresql.auto.conf': "shared_preload_libraries = ''\n" }, name: 'no postgresql.conf' },
  ],
  invalid: [
    {
      name: 'help names the line to write; related: the password record',
      code: { 'postgresql.conf': "shared_preload_libraries = 'auto_explain'\n", 'pg_hba.conf': 'hostssl all all 10.0.0.0/8 scram-sha-256\n' },
      errors: [
        {
          line: 1,
          column: 28,
          help: "Load a password-check module (a restart is needed): shared_preload_libraries = 'auto_explain, passwordcheck' (shipped with PostgreSQL), or credcheck for configurable rules.",
          related: [{ file: 'pg_hba.conf', line: 1, column: 28, message: 'this record authenticates with scram-sha-256 passwords' }],
        },
      ],
    },
    {
      code: "shared_preload_libraries = 'pg_stat_statements'\n",
      errors: [{ line: 1, column: 28, endColumn: 48, severity: 'warning', message: `shared_preload_libraries = 'pg_stat_statements' ${WHAT}`, help: "Load a password-check module (a restart is needed): shared_preload_libraries = 'pg_stat_statements, passwordcheck' (shipped with PostgreSQL), or credcheck for configurable rules." }],
    },
    {
      code: 'port = 5432\n',
      name: 'absent',
      pgVersion: 10,
      errors: [{ line: 1, column: 1, message: `shared_preload_libraries (not set; the default is '') ${WHAT}` }],
    },
    {
      code: { 'postgresql.conf': "shared_preload_libraries = 'passwordcheckx'\n", 'pg_hba.conf': 'local all all peer\nhost all all 10.0.0.0/8 md5\n' },
      name: 'a similar name does not count; an md5 record shows passwords in use',
      errors: [{ line: 1, column: 28, file: 'postgresql.conf', message: `shared_preload_libraries = 'passwordcheckx' ${WHAT}` }],
    },
    {
      code: { 'postgresql.conf': 'port = 5432\n', 'pg_hba.conf': 'local all all password\n' },
      name: 'password method on local',
      pgVersion: 18,
      errors: [{ line: 1, column: 1, file: 'postgresql.conf', message: `shared_preload_libraries (not set; the default is '') ${WHAT}` }],
    },
  ],
});
