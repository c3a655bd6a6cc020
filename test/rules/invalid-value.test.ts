import rule from '../../rules/invalid-value.js';
import { ruleTester } from '../support/rule-tester.js';

const at2 = (line: string) => ({ line: 2, column: line.indexOf('=') + 3 });

// Messages are PostgreSQL's own (checked against real servers in test/differential/). The fix: a
// wrongly cased unit, written as PostgreSQL spells it (safe), from the value parser's structured
// 'invalid-unit' failure.
ruleTester(rule, {
  valid: [
    { code: "fsync = of\nfsync = tru\nfsync = Y\nwal_level = hot_standby\nwal_level = REPLICA\nwork_mem = 0x40B\nwork_mem = '1.5MB'\n", pgVersion: 16 },
    { code: 'password_encryption = on\n', pgVersion: 13 },
    { code: "work_mem = '100000B'\n", pgVersion: 12 },
    { name: 'fractional units are PostgreSQL 12+', code: "work_mem = '1.5MB'\n", pgVersion: 12 },
  ],
  invalid: [
    ...(
      [
        [16, 'fsync = o', 'parameter "fsync" requires a Boolean value'],
        [16, 'wal_level = repl', 'invalid value for parameter "wal_level": "repl" (Available values: minimal, replica, logical)'],
        [14, 'password_encryption = on', /^invalid value for parameter "password_encryption": "on"/],
        [16, 'max_connections = 08', 'invalid value for parameter "max_connections": "08"'],
        [16, 'autovacuum_freeze_max_age = 50000', '50000 is outside the valid range for parameter "autovacuum_freeze_max_age" (100000 .. 2000000000)'],
        [16, 'checkpoint_timeout = 5m', 'invalid value for parameter "checkpoint_timeout": "5m" (Valid units for this parameter are "us", "ms", "s", "min", "h", and "d")'],
      ] as const
    ).map(([pgVersion, line, message]) => ({
      code: `port = 5432\n${line}\n`,
      pgVersion,
      errors: [{ ...at2(line), severity: 'error' as const, message: typeof message === 'string' ? `${message}: PostgreSQL ${pgVersion} refuses to start with it` : message }],
      output: null,
    })),
    {
      name: 'a value that is not a unit problem: help names the default',
      code: 'wal_level = repl\n',
      pgVersion: 17,
      errors: [{ line: 1, column: 13, help: "Write a value PostgreSQL 17 accepts for wal_level, as the message says (or remove the line: the default is 'replica')." }],
      output: null,
    },
    {
      name: 'fractional units before 12',
      code: "work_mem = '1.5MB'\n",
      pgVersion: 11,
      errors: [{ line: 1, column: 12, message: /^invalid value for parameter "work_mem": "1\.5MB"/ }],
      output: null,
    },
    {
      code: 'port = 5432\nwork_mem = 8mb\n',
      pgVersion: 16,
      errors: [
        {
          ...at2('work_mem = 8mb'),
          message: 'invalid value for parameter "work_mem": "8mb" (Valid units for this parameter are "B", "kB", "MB", "GB", and "TB"): PostgreSQL 16 refuses to start with it',
          fix: { title: 'Write the unit as MB', applicability: 'safe' },
          help: 'Write the number with a unit PostgreSQL 16 accepts for work_mem: B, kB, MB, GB, TB (units are case-sensitive).',
        },
      ],
      output: 'port = 5432\nwork_mem = 8MB\n',
    },
    {
      code: "checkpoint_timeout = '5Min'   # five minutes\n",
      pgVersion: 18,
      errors: [{ line: 1, column: 22, fix: { title: 'Write the unit as min', applicability: 'safe' } }],
      output: "checkpoint_timeout = '5min'   # five minutes\n",
    },
    {
      name: 'a blank between number and unit, in quotes',
      code: "shared_buffers = '128 mB'\n",
      pgVersion: 12,
      errors: [{ line: 1, column: 18, fix: { title: 'Write the unit as MB', applicability: 'safe' } }],
      output: "shared_buffers = '128 MB'\n",
    },
    {
      name: 'kb → kB on 10 (integer units, no B)',
      code: 'maintenance_work_mem = 65536KB\n',
      pgVersion: 10,
      errors: [{ line: 1, column: 24, fix: { title: 'Write the unit as kB', applicability: 'safe' } }],
      output: 'maintenance_work_mem = 65536kB\n',
    },
    {
      name: 'a real parameter with a unit (12+)',
      code: 'vacuum_cost_delay = 2MS\n',
      pgVersion: 16,
      errors: [{ line: 1, column: 21, fix: { title: 'Write the unit as ms', applicability: 'safe' } }],
      output: 'vacuum_cost_delay = 2ms\n',
    },
    {
      name: 'us is 12+: on 11 "5US" has no accepted match',
      code: 'log_min_duration_statement = 5US\n',
      pgVersion: 11,
      errors: [{ line: 1, column: 30, message: /Valid units for this parameter are "ms", "s", "min", "h", and "d"/ }],
      output: null,
    },
    {
      name: 'the corrected value must be valid too: 8GB of wal_buffers is out of range',
      code: 'wal_buffers = 8gb\n',
      pgVersion: 16,
      errors: [{ line: 1, column: 15 }],
      output: null,
    },
  ],
});
