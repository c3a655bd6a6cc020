import rule from '../../rules/hba-map-undefined.js';
import { ruleTester } from '../support/rule-tester.js';

const IDENT = '# MAPNAME  SYSTEM-USERNAME  PG-USERNAME\nadmins  alice  postgres\nadmins  bob    postgres\n';
const tree = (hba: string, ident = IDENT, more: Record<string, string> = {}): Record<string, string> => ({ 'pg_hba.conf': hba, 'pg_ident.conf': ident, ...more });

ruleTester(rule, {
  valid: [
    { name: 'defined map', code: tree('local all all peer map=admins') },
    { name: 'no pg_ident.conf in the cluster: its maps cannot be seen', code: { 'pg_hba.conf': 'local all all peer map=admins\n' } },
    { name: 'no map', code: tree('local all all peer\nhost all all 10.0.0.0/8 ident') },
    { name: 'empty map= is no map (check_usermap compares the names)', code: tree('local all all peer map=') },
    { name: 'a map used by several records', code: tree('local all all peer map=admins\nhostssl all all 10.0.0.0/8 cert map=admins\nhost all all 10.1.0.0/16 gss map=admins') },
    { name: 'quoted map name', code: tree('local all all peer "map=admins"', '"admins" alice postgres\n') },
    { name: 'regex lines define the map', code: tree('hostssl all all 10.0.0.0/8 cert map=certs', 'certs  /^(.*)@example\\.com$  \\1\n') },
    {
      name: 'a map defined in an included file (16+)',
      pgVersion: 16,
      code: tree('hostssl all all 10.0.0.0/8 cert map=certs', 'include certs.conf\n', { 'certs.conf': 'certs /^(.*)$ \\1\n' }),
    },
    {
      name: 'include_dir (16+)',
      pgVersion: 17,
      code: tree('hostssl all all 10.0.0.0/8 cert map=certs', 'include_dir ident.d\n', { 'ident.d/certs.conf': 'certs /^(.*)$ \\1\n' }),
    },
    { name: 'a skipped include_if_exists may hold the map', pgVersion: 16, code: tree('local all all peer map=other', 'include_if_exists missing.conf\nadmins alice postgres\n') },
    { name: 'a missing include may hold the map', pgVersion: 16, code: tree('local all all peer map=other', 'include missing.conf\nadmins alice postgres\n') },
    { name: 'a map on a line PostgreSQL rejects counts as defined (syntax-error reports the line)', code: tree('local all all peer map=admins', 'admins alice\n') },
    { name: 'map= on a method that takes no map: hba-invalid-record', code: tree('host all all 10.0.0.0/8 scram-sha-256 map=nosuch') },
    { name: 'a shadowed record', code: tree('local all all peer\nlocal all all peer map=nosuch') },
    { name: 'hostssl while ssl is off cannot match', code: { ...tree('hostssl all all 10.0.0.0/8 cert map=nosuch'), 'postgresql.conf': 'ssl = off\n' } },
    { name: 'a template placeholder', code: tree('local all all peer map=${IDENT_MAP}') },
  ],
  invalid: [
    {
      name: 'an undefined map (exact)',
      code: tree('# local admins\nlocal   all   all   peer   map=operators', IDENT),
      errors: [
        {
          line: 2,
          column: 28,
          endLine: 2,
          endColumn: 41,
          severity: 'warning',
          message:
            'map=operators names no map of pg_ident.conf: any user (all) can connect to any database except replication (all) through the local Unix socket as the operating-system user of the same name (peer); PostgreSQL finds no line of map operators at login, so every connection this record matches is refused after authenticating ("no match in usermap")', help: 'Add the lines of map operators to pg_ident.conf (MAPNAME SYSTEM-USERNAME PG-USERNAME), or fix the map name.',
        },
      ],
    },
    {
      name: 'case differs: names compare exactly',
      code: tree('local all all peer map=Admins'),
      errors: [{ line: 1, column: 20, message: /^map=Admins names no map of pg_ident\.conf \(did you mean admins\?\): / }],
    },
    {
      name: 'a typo; several records, the last map= counts',
      code: tree('local all all peer map=admin\nhostssl all all 10.0.0.0/8 cert map=admins\nhost all all 10.1.0.0/16 ident map=admins map=nosuch'),
      errors: [
        { line: 1, column: 20, message: /^map=admin names no map of pg_ident\.conf \(did you mean admins\?\)/ },
        { line: 3, column: 43, message: /^map=nosuch names no map of pg_ident\.conf: .* as whoever the client's ident server names \(ident\)/ },
      ],
    },
    {
      name: 'defined only in a file the include does not reach before 16 (include is a map line there)',
      pgVersion: 15,
      code: tree('hostssl all all 10.0.0.0/8 cert map=certs', 'include certs.conf\n', { 'certs.conf': 'certs /^(.*)$ \\1\n' }),
      errors: [{ line: 1, column: 33, message: /^map=certs names no map of pg_ident\.conf/ }],
    },
    {
      name: 'an included pg_ident file defines other maps (16+)',
      pgVersion: 16,
      code: tree('hostssl all all 10.0.0.0/8 cert map=certz', 'include certs.conf\n', { 'certs.conf': 'certs /^(.*)$ \\1\n' }),
      errors: [{ line: 1, column: 33, message: /^map=certz names no map of pg_ident\.conf \(did you mean certs\?\)/ }],
    },
    {
      name: 'PG 12, ident over TCP',
      pgVersion: 12,
      code: tree('host all all 10.0.0.0/8 ident map=nosuch'),
      errors: [{ line: 1, column: 31, message: /^map=nosuch names no map of pg_ident\.conf: / }],
    },
    {
      name: 'an empty pg_ident.conf defines nothing',
      code: tree('host all all 10.0.0.0/8 gss map=krb', '# no maps\n'),
      errors: [{ line: 1, column: 29 }],
    },
  ],
});
