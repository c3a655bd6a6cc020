import rule from '../../rules/ident-map-unused.js';
import { ruleTester } from '../support/rule-tester.js';

const tree = (ident: string, hba: string, more: Record<string, string> = {}): Record<string, string> => ({ 'pg_ident.conf': ident, 'pg_hba.conf': hba, ...more });

ruleTester(rule, {
  valid: [
    { name: 'used', code: tree('admins alice postgres\nadmins bob postgres\n', 'local all all peer map=admins') },
    { name: 'no pg_hba.conf in the cluster', code: { 'pg_ident.conf': 'admins alice postgres\n' } },
    { name: 'no maps', code: tree('# MAPNAME SYSTEM-USERNAME PG-USERNAME\n', 'local all all peer') },
    { name: 'a map used by several records', code: tree('admins alice postgres\n', 'local all all peer map=admins\nhostssl all all 10.0.0.0/8 cert map=admins') },
    { name: 'used by a shadowed record (the record names it)', code: tree('admins alice postgres\n', 'local all all peer\nlocal all all peer map=admins') },
    { name: 'used by a record PostgreSQL rejects (hba-invalid-record)', code: tree('admins alice postgres\n', 'host all all 10.0.0.0/8 scram-sha-256 map=admins') },
    { name: 'regex map line, used', code: tree('certs /^(.*)@example\\.com$ \\1\n', 'hostssl all all 10.0.0.0/8 cert map=certs') },
    { name: 'a template placeholder in map= may name any map', code: tree('admins alice postgres\n', 'local all all peer map=${MAP}') },
    { name: 'a pg_hba.conf include missing here may use the map (16+)', pgVersion: 16, code: tree('admins alice postgres\n', 'include_if_exists extra.conf\nlocal all all peer') },
    { name: 'a map named by a record in an included pg_hba file (16+)', pgVersion: 16, code: tree('admins alice postgres\n', 'include extra.conf\n', { 'extra.conf': 'local all all peer map=admins\n' }) },
    { name: 'a line PostgreSQL rejects is syntax-error\'s', code: tree('admins alice\n', 'local all all peer') },
  ],
  invalid: [
    {
      name: 'one unused map with two lines (exact)',
      code: tree('# MAPNAME  SYSTEM-USERNAME  PG-USERNAME\nadmins  alice  postgres\nother  x  y\nadmins  bob  postgres\n', 'local all all peer map=other'),
      errors: [
        {
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 7,
          severity: 'info',
          message:
            'map admins is not used: no pg_hba.conf record names it in map=, so its 2 lines have no effect; either a record lost its map= (and the identities it maps cannot log in as the roles it lists) or the map can go', help: "Add map=admins to the pg_hba.conf record (peer, ident, gss, sspi, cert) meant to use it, or delete the map's lines.",
        },
      ],
    },
    {
      name: 'case differs: names compare exactly; one line',
      code: tree('Admins alice postgres\n', 'local all all peer map=admins'),
      errors: [{ line: 1, column: 1, message: /^map Admins is not used: no pg_hba\.conf record names it in map=, so its line has no effect;/ }],
    },
    {
      name: 'maps in an included file (16+), regex lines',
      pgVersion: 16,
      code: tree('include maps.conf\nkrb /^(.*)@EXAMPLE\\.COM$ \\1\n', 'hostssl all all 10.0.0.0/8 cert map=certs', { 'maps.conf': 'certs /^(.*)$ \\1\nunused /^(.*)$ \\1\n' }),
      errors: [
        { file: 'maps.conf', line: 2, column: 1, message: /^map unused is not used/ },
        { line: 2, column: 1, message: /^map krb is not used/ },
      ],
    },
    {
      name: 'PG 16 pg-username keywords (all, +group)',
      pgVersion: 16,
      code: tree('ops alice all\nops bob +admins\n', 'local all all peer'),
      errors: [{ line: 1, column: 1, message: /its 2 lines have no effect/ }],
    },
    {
      name: 'a quoted map name',
      code: tree('"my map" alice postgres\n', 'local all all peer "map=other"'),
      errors: [{ line: 1, column: 1, endColumn: 9, message: /^map my map is not used/ }],
    },
  ],
});
