import { afterAll } from '@jest/globals';
import rule from '../../rules/patroni-parameter-replaced.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

/** A Patroni file whose bootstrap.dcs parameters are `lines` (from line 6). */
const dcs = (...lines: string[]): string => `scope: demo\nbootstrap:\n  dcs:\n    postgresql:\n      parameters:\n${lines.map((l) => `        ${l}\n`).join('')}`;

ruleTester(rule, {
  valid: [
    { code: '' },
    { name: 'at the minimums (inclusive), and a hex integer as strtol reads it', code: dcs('max_connections: 25', "max_wal_senders: '0x3'", 'max_replication_slots: 4', 'max_worker_processes: 2', 'max_locks_per_transaction: 32') },
    { name: 'wal_level in any case, booleans as parse_bool reads them', code: dcs('wal_level: LOGICAL', 'hot_standby: "yes"', 'track_commit_timestamp: 1', 'wal_log_hints: off') },
    { name: 'wal_keep_size with a unit, in MB', code: dcs('wal_keep_size: 1GB', 'wal_keep_segments: 1') },
    { name: 'parameters Patroni does not check', code: dcs('work_mem: 1kB', 'max_parallel_workers: 0') },
  ],
  invalid: [
    {
      name: 'max_connections below 25',
      code: dcs('max_connections: 10'),
      errors: [
        {
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 28,
          severity: 'warning',
          message: "max_connections: 10 in bootstrap.dcs.postgresql.parameters fails Patroni's check (an integer of at least 25), so Patroni drops it and uses its default max_connections = 100",
          help: 'Write a value Patroni accepts for max_connections (an integer of at least 25), or remove it to use the default on purpose.',
        },
      ],
    },
    {
      name: 'wal_level minimal, hot_standby off, a unit where an integer is checked, a boolean that is none',
      code: dcs('wal_level: minimal', 'hot_standby: off', 'max_wal_senders: 10kB', 'track_commit_timestamp: maybe'),
      errors: [
        { line: 6, column: 9, endColumn: 27, message: "wal_level: minimal in bootstrap.dcs.postgresql.parameters fails Patroni's check (hot_standby, replica or logical), so Patroni drops it and uses its default wal_level = replica" },
        { line: 7, column: 9, endColumn: 25, message: "hot_standby: off in bootstrap.dcs.postgresql.parameters fails Patroni's check (on only: Patroni always runs standbys hot), so Patroni drops it and uses its default hot_standby = on" },
        { line: 8, column: 9, endColumn: 30, message: "max_wal_senders: 10kB in bootstrap.dcs.postgresql.parameters fails Patroni's check (an integer of at least 3), so Patroni drops it and uses its default max_wal_senders = 10" },
        { line: 9, column: 9, endColumn: 38, message: "track_commit_timestamp: maybe in bootstrap.dcs.postgresql.parameters fails Patroni's check (a boolean), so Patroni drops it and uses its default track_commit_timestamp = off" },
      ],
    },
    {
      name: 'wal_keep_size below 16MB',
      code: dcs('wal_keep_size: 8MB'),
      errors: [{ line: 6, column: 9, endColumn: 27, message: "wal_keep_size: 8MB in bootstrap.dcs.postgresql.parameters fails Patroni's check (at least 16MB), so Patroni drops it and uses its default wal_keep_size = 128MB" }],
    },
    {
      name: 'listen_addresses and port are never taken from the DCS',
      code: dcs("listen_addresses: '*'", 'port: 5433'),
      errors: [
        { line: 6, column: 9, endColumn: 30, message: "listen_addresses: '*' in bootstrap.dcs.postgresql.parameters is ignored: Patroni sets listen_addresses from postgresql.listen", help: 'Set postgresql.listen instead, and remove listen_addresses here.' },
        { line: 7, column: 9, endColumn: 19, message: 'port: 5433 in bootstrap.dcs.postgresql.parameters is ignored: Patroni sets port from postgresql.listen' },
      ],
    },
  ],
});
