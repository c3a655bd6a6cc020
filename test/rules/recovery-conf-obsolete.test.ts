import { afterAll } from '@jest/globals';
import rule from '../../rules/recovery-conf-obsolete.js';
import { at } from '../support/conf-cases.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const STANDBY_REC = "standby_mode = 'on'\nprimary_conninfo = 'host=a'\n";
const MOVE = '; move primary_conninfo, restore_command and recovery_target_* into postgresql.conf, and promote with pg_ctl promote.';

// Startup failures. Conditions and wording checked by starting the real 12, 16 and 18 servers.
ruleTester(rule, {
  valid: [
    { code: '' },
    { code: "primary_conninfo = 'host=primary'\n", pgVersion: 12 },
    { code: { 'postgresql.conf': 'hot_standby = on\n', 'recovery.conf': "standby_mode = 'on'\nprimary_conninfo = 'host=primary'\n" }, pgVersion: 11 },
    { code: { 'recovery.conf': "restore_command = 'cp /a/%f %p'\n" }, pgVersion: 10 },
    // Before 12 standby_mode in postgresql.conf is another rule's business (unknown-setting).
    { code: 'standby_mode = on\n', pgVersion: 11 },
    // The signal files (12+): alone they are no finding, and nothing before 12.
    { name: 'signal files alone', code: { 'postgresql.conf': '', 'standby.signal': '', 'recovery.signal': '' } },
    { name: 'recovery.conf beside standby.signal on 11', code: { 'postgresql.conf': '', 'recovery.conf': "standby_mode = 'on'\n", 'standby.signal': '' }, pgVersion: 11 },
  ],
  invalid: [
    {
      code: { 'postgresql.conf': 'hot_standby = on\n', 'recovery.conf': "# from 11\nstandby_mode = 'on'\nprimary_conninfo = 'host=primary'\n" },
      pgVersion: 12,
      errors: [
        {
          file: 'recovery.conf',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 20,
          severity: 'error',
          message: 'recovery.conf is not supported from PostgreSQL 12: PostgreSQL 12 refuses to start while this file is in the data directory',
        },
      ],
    },
    {
      name: 'an empty recovery.conf is just as fatal',
      code: { 'postgresql.conf': '', 'recovery.conf': '' },
      pgVersion: 18,
      errors: [{ file: 'recovery.conf', line: 1, column: 1, endLine: 1, endColumn: 1 }],
    },
    { name: 'recovery.conf without postgresql.conf', code: { 'recovery.conf': "restore_command = 'cp /a/%f %p'\n" }, errors: [{ file: 'recovery.conf', line: 1, column: 1 }] },
    {
      code: 'hot_standby = on\nstandby_mode = on\n',
      pgVersion: 12,
      errors: [at(2, 'standby_mode = ', 'on', { message: 'standby_mode = on is a recovery.conf parameter that PostgreSQL 12 does not recognize: the server refuses to start' })],
    },
    { code: "trigger_file = '/tmp/promote'\n", pgVersion: 18, errors: [at(1, 'trigger_file = ', "'/tmp/promote'")] },
    { code: { 'postgresql.auto.conf': 'Standby_Mode = true\n' }, errors: [at(1, 'Standby_Mode = ', 'true', { file: 'postgresql.auto.conf' })] },
    {
      name: 'file and parameter: two findings',
      code: { 'postgresql.conf': "\nstandby_mode = 'on'\n", 'recovery.conf': "primary_conninfo = 'host=primary'\n" },
      errors: [at(2, 'standby_mode = ', "'on'"), { file: 'recovery.conf', line: 1, column: 1, endLine: 1, endColumn: 34 }],
    },
    // The help names the signal file to create, or the one already there (12+).
    {
      name: 'recovery.conf of a standby: create standby.signal',
      code: { 'postgresql.conf': '', 'recovery.conf': STANDBY_REC },
      errors: [
        {
          file: 'recovery.conf',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 20,
          severity: 'error',
          message: 'recovery.conf is not supported from PostgreSQL 12: PostgreSQL 17 refuses to start while this file is in the data directory',
          help: `Delete recovery.conf: create an empty standby.signal (this is a standby)${MOVE}`,
        },
      ],
    },
    {
      name: 'recovery.conf of a standby: standby.signal is already there',
      code: { 'postgresql.conf': '', 'recovery.conf': STANDBY_REC, 'standby.signal': '' },
      errors: [{ file: 'recovery.conf', line: 1, column: 1, endColumn: 20, help: `Delete recovery.conf: standby.signal is already there${MOVE}` }],
    },
    {
      name: 'recovery.conf for point-in-time recovery: recovery.signal',
      code: { 'postgresql.conf': '', 'recovery.conf': "restore_command = 'cp /a/%f %p'\nstandby_mode = off\n" },
      pgVersion: 12,
      errors: [{ file: 'recovery.conf', line: 1, column: 1, endColumn: 32, help: `Delete recovery.conf: create an empty recovery.signal for targeted recovery, or standby.signal for a standby${MOVE}` }],
    },
    {
      name: 'recovery.conf for point-in-time recovery: recovery.signal is already there',
      code: { 'postgresql.conf': '', 'recovery.conf': "restore_command = 'cp /a/%f %p'\n", 'recovery.signal': '' },
      errors: [{ file: 'recovery.conf', line: 1, column: 1, endColumn: 32, help: `Delete recovery.conf: recovery.signal is already there${MOVE}` }],
    },
    {
      name: 'standby_mode in postgresql.conf beside a standby.signal',
      code: { 'postgresql.conf': 'standby_mode = on\n', 'standby.signal': '' },
      errors: [at(1, 'standby_mode = ', 'on', { severity: 'error', help: 'Remove it and rely on the standby.signal file that is already there.' })],
    },
    {
      name: 'standby_mode in postgresql.conf without a signal file',
      code: 'standby_mode = on\n',
      errors: [
        at(1, 'standby_mode = ', 'on', {
          message: 'standby_mode = on is a recovery.conf parameter that PostgreSQL 17 does not recognize: the server refuses to start',
          help: 'Remove it and create a standby.signal file in the data directory instead.',
        }),
      ],
    },
  ],
});
