import { afterAll } from '@jest/globals';
import rule from '../../rules/patroni-local-parameter-ignored.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const DCS_ONLY = 'Patroni takes max_connections only from the DCS (bootstrap.dcs, or patronictl edit-config once the cluster exists)';

ruleTester(rule, {
  valid: [
    { code: '' },
    { name: 'no postgresql section', code: 'scope: demo\nrestapi:\n  listen: 0.0.0.0:8008\n' },
    {
      name: 'the DCS sets it; the local section sets only other parameters',
      code: 'scope: demo\nbootstrap:\n  dcs:\n    postgresql:\n      parameters:\n        max_connections: 500\npostgresql:\n  parameters:\n    work_mem: 16MB\n    shared_buffers: 1GB\n',
    },
    { name: 'parameters_primary with parameters Patroni lets a role set', code: 'scope: demo\npostgresql:\n  parameters_primary:\n    work_mem: 64MB\n' },
  ],
  invalid: [
    {
      name: 'a local max_connections: dropped, the default stays',
      code: 'scope: demo\npostgresql:\n  listen: 127.0.0.1:5432\n  parameters:\n    max_connections: 500\n    work_mem: 16MB\n',
      errors: [
        {
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 25,
          severity: 'warning',
          message: `max_connections: 500 in postgresql.parameters is ignored: ${DCS_ONLY}, so the server runs with max_connections = 100 (the default)`,
          help: 'Move max_connections to bootstrap.dcs.postgresql.parameters (on a running cluster: patronictl edit-config), and remove it here.',
        },
      ],
    },
    {
      name: 'the value from the DCS is what the server runs with',
      code: 'scope: demo\nbootstrap:\n  dcs:\n    postgresql:\n      parameters:\n        max_connections: 300\npostgresql:\n  parameters:\n    Max_Connections: 500\n',
      errors: [{ line: 9, column: 5, endColumn: 25, message: `Max_Connections: 500 in postgresql.parameters is ignored: Patroni takes Max_Connections only from the DCS (bootstrap.dcs, or patronictl edit-config once the cluster exists), so the server runs with Max_Connections = 300` }],
    },
    {
      name: 'listen_addresses and cluster_name come from postgresql.listen and scope',
      code: "scope: demo\npostgresql:\n  listen: 127.0.0.1:5432\n  parameters:\n    listen_addresses: '*'\n    cluster_name: other\n",
      errors: [
        {
          line: 5,
          column: 5,
          endColumn: 26,
          message: "listen_addresses: '*' in postgresql.parameters is ignored: Patroni sets listen_addresses from postgresql.listen, so the server runs with listen_addresses = 127.0.0.1",
          help: 'Write the address and port as postgresql.listen (host:port), and remove listen_addresses here.',
        },
        {
          line: 6,
          column: 5,
          endColumn: 24,
          message: 'cluster_name: other in postgresql.parameters is ignored: Patroni sets cluster_name from scope, so the server runs with cluster_name = demo',
          help: 'Name the cluster with scope, and remove cluster_name here.',
        },
      ],
    },
    {
      name: "a role's parameters_replica cannot set a DCS-only parameter",
      code: 'scope: demo\npostgresql:\n  parameters_replica:\n    hot_standby: off\n    work_mem: 8MB\n',
      errors: [{ line: 4, column: 5, endColumn: 21, message: 'hot_standby: off in postgresql.parameters_replica is ignored: Patroni takes hot_standby only from the DCS (bootstrap.dcs, or patronictl edit-config once the cluster exists), so the server runs with hot_standby = on (the default)' }],
    },
    {
      name: 'wal_keep_segments on 12: the server runs with the segments Patroni derives from its default wal_keep_size',
      pgVersion: 12,
      code: 'scope: demo\npostgresql:\n  parameters:\n    wal_keep_segments: 64\n',
      errors: [{ line: 4, column: 5, endColumn: 26, message: 'wal_keep_segments: 64 in postgresql.parameters is ignored: Patroni takes wal_keep_segments only from the DCS (bootstrap.dcs, or patronictl edit-config once the cluster exists), so the server runs with wal_keep_segments = 8' }],
    },
    {
      name: 'wal_keep_segments on 17: gone from the server, dropped by Patroni all the same',
      code: 'scope: demo\npostgresql:\n  parameters:\n    wal_keep_segments: 64\n',
      errors: [{ line: 4, column: 5, endColumn: 26, message: 'wal_keep_segments: 64 in postgresql.parameters is ignored: Patroni takes wal_keep_segments only from the DCS (bootstrap.dcs, or patronictl edit-config once the cluster exists)' }],
    },
  ],
});
