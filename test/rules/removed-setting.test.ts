import rule from '../../rules/removed-setting.js';
import { ruleTester } from '../support/rule-tester.js';

// Fixes: the rename to the successor with the value converted (safe where exact), else an unsafe
// removal of the line. test/fix-postgres.test.ts checks that real PostgreSQL accepts the outputs.
ruleTester(rule, {
  valid: [
    { name: 'the names exist in 12', code: "wal_keep_segments = 64\nstats_temp_directory = 'x'\n", pgVersion: 12 },
    { code: 'wal_keep_size = 1GB\n', pgVersion: 13 },
    { code: 'debug_parallel_query = on\n', pgVersion: 16 },
  ],
  invalid: [
    {
      code: 'wal_keep_segments = 64\n',
      pgVersion: 16,
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 18,
          severity: 'error',
          message: 'wal_keep_segments was removed after PostgreSQL 12; PostgreSQL 16 does not recognize it and refuses to start',
          help: 'Use wal_keep_size = wal_keep_segments × 16MB.',
          fix: { title: 'Rename to wal_keep_size = 1GB (64 × 16MB segments)', applicability: 'safe' },
        },
      ],
      output: 'wal_keep_size = 1GB\n',
    },
    {
      name: 'wal_keep_segments = 10: 160MB',
      code: 'wal_keep_segments = 10   # keep some\n',
      pgVersion: 13,
      errors: [{ line: 1, column: 1, fix: { title: 'Rename to wal_keep_size = 160MB (10 × 16MB segments)', applicability: 'safe' } }],
      output: 'wal_keep_size = 160MB   # keep some\n',
    },
    {
      code: 'force_parallel_mode = regress\n',
      pgVersion: 16,
      errors: [
        {
          line: 1,
          column: 1,
          message: /^force_parallel_mode was removed after PostgreSQL 15;/,
          help: 'Use debug_parallel_query.',
          fix: { title: 'Rename to debug_parallel_query', applicability: 'safe' },
        },
      ],
      output: 'debug_parallel_query = regress\n',
    },
    {
      code: 'checkpoint_segments = 32\n',
      pgVersion: 12,
      errors: [
        {
          line: 1,
          column: 1,
          message: /^checkpoint_segments was removed after PostgreSQL 9\.4;/,
          help: /^Use max_wal_size \(and min_wal_size\)/,
          fix: { title: 'Rename to max_wal_size = 1552MB (32 segments: (3 × n + 1) × 16MB)', applicability: 'unsafe' },
        },
      ],
      output: 'max_wal_size = 1552MB\n',
    },
    {
      code: 'min_parallel_relation_size = 8MB\n',
      pgVersion: 10,
      errors: [{ line: 1, column: 1, fix: { title: 'Rename to min_parallel_table_scan_size', applicability: 'safe' } }],
      output: 'min_parallel_table_scan_size = 8MB\n',
    },
    {
      code: 'replication_timeout = 60s\n',
      pgVersion: 18,
      errors: [{ line: 1, column: 1, fix: { title: 'Rename to wal_sender_timeout', applicability: 'safe' } }],
      output: 'wal_sender_timeout = 60s\n',
    },
    {
      code: "unix_socket_directory = '/var/run/postgresql'\n",
      pgVersion: 16,
      errors: [{ line: 1, column: 1, fix: { title: 'Rename to unix_socket_directories', applicability: 'safe' } }],
      output: "unix_socket_directories = '/var/run/postgresql'\n",
    },
    {
      name: 'unix_socket_directory with a comma: the list would split it',
      code: "unix_socket_directory = '/tmp/a,b'\n",
      pgVersion: 16,
      errors: [{ line: 1, column: 1, fix: { title: 'Rename to unix_socket_directories', applicability: 'unsafe' } }],
      output: "unix_socket_directories = '/tmp/a,b'\n",
    },
    {
      name: 'trigger_file → promote_trigger_file on 12–15',
      code: "trigger_file = '/tmp/promote'\n",
      pgVersion: 12,
      errors: [{ line: 1, column: 1, fix: { title: 'Rename to promote_trigger_file', applicability: 'safe' } }],
      output: "promote_trigger_file = '/tmp/promote'\n",
    },
    {
      name: 'no successor: the line is removed (unsafe), CRLF kept',
      code: "port = 5432\r\nstats_temp_directory = 'pg_stat_tmp'\r\nwork_mem = 4MB\r\n",
      pgVersion: 15,
      errors: [
        {
          line: 2,
          column: 1,
          message: /^stats_temp_directory was removed after PostgreSQL 14;/,
          help: 'Remove it: statistics live in shared memory.',
          fix: { title: 'Remove the line: PostgreSQL 15 has no successor of stats_temp_directory (remove it: statistics live in shared memory)', applicability: 'unsafe' },
        },
      ],
      output: 'port = 5432\r\nwork_mem = 4MB\r\n',
    },
    {
      name: 'promote_trigger_file on 16: no successor',
      code: "promote_trigger_file = '/tmp/promote'",
      pgVersion: 16,
      errors: [{ line: 1, column: 1, fix: { title: /^Remove the line: PostgreSQL 16 has no successor of promote_trigger_file/, applicability: 'unsafe' } }],
      output: '',
    },
    {
      name: 'trigger_file on 16: promote_trigger_file is gone too',
      code: "port = 5432\ntrigger_file = '/tmp/promote'",
      pgVersion: 16,
      errors: [{ line: 2, column: 1, fix: { title: /^Remove the line: PostgreSQL 16 has no successor of trigger_file/, applicability: 'unsafe' } }],
      output: 'port = 5432',
    },
    {
      name: 'the successor is already set: remove the line',
      code: 'wal_keep_size = 2GB\nwal_keep_segments = 64\n',
      pgVersion: 16,
      errors: [{ line: 2, column: 1, fix: { title: 'Remove the line: wal_keep_size is already set at postgresql.conf:1', applicability: 'unsafe' } }],
      output: 'wal_keep_size = 2GB\n',
    },
    {
      name: 'a value that does not convert: remove the line',
      code: "wal_keep_segments = '0x40'\n",
      pgVersion: 16,
      errors: [{ line: 1, column: 1, fix: { title: "Remove the line: its value '0x40' does not convert to a valid wal_keep_size; set wal_keep_size by hand", applicability: 'unsafe' } }],
      output: '',
    },
    {
      name: 'standby_mode: no fix (removing it would start a primary)',
      code: 'standby_mode = on\n',
      pgVersion: 16,
      errors: [{ line: 1, column: 1, message: /^standby_mode was removed after PostgreSQL 11 \(recovery\.conf\);/, help: 'Create a standby.signal file in the data directory.' }],
      output: null,
    },
    {
      name: 'added later: no fix (the target version may be what is wrong)',
      code: 'wal_keep_size = 1GB\n',
      pgVersion: 12,
      errors: [{ line: 1, column: 1, message: /added in PostgreSQL 13/, help: /--pg-version/ }],
      output: null,
    },
  ],
});
