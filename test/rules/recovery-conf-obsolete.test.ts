import { afterAll, describe, expect, test } from '@jest/globals';
import rule from '../../rules/recovery-conf-obsolete.js';
import { at } from '../support/conf-cases.js';
import { cleanupFixtures, lintTree } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

// Startup failures. Conditions and wording checked by starting the real 12, 16 and 18 servers.
ruleTester(rule, {
  valid: [
    { code: '' },
    { code: "primary_conninfo = 'host=primary'\n", pgVersion: 12 },
    { code: { 'postgresql.conf': 'hot_standby = on\n', 'recovery.conf': "standby_mode = 'on'\nprimary_conninfo = 'host=primary'\n" }, pgVersion: 11 },
    { code: { 'recovery.conf': "restore_command = 'cp /a/%f %p'\n" }, pgVersion: 10 },
    // Before 12 standby_mode in postgresql.conf is another rule's business (unknown-setting).
    { code: 'standby_mode = on\n', pgVersion: 11 },
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
  ],
});

describe('recovery-conf-obsolete and the signal files (12+)', () => {
  const run = (files: Record<string, string>, pgVersion: 11 | 12 | 17 = 17) =>
    lintTree(files, { pgVersion }, [rule]).result.diagnostics.map((d) => [d.loc.file, d.help]);

  test('recovery.conf of a standby: create standby.signal, or it is already there', () => {
    const rec = "standby_mode = 'on'\nprimary_conninfo = 'host=a'\n";
    expect(run({ 'postgresql.conf': '', 'recovery.conf': rec })).toEqual([
      ['recovery.conf', 'Delete recovery.conf: create an empty standby.signal (this is a standby); move primary_conninfo, restore_command and recovery_target_* into postgresql.conf, and promote with pg_ctl promote.'],
    ]);
    expect(run({ 'postgresql.conf': '', 'recovery.conf': rec, 'standby.signal': '' })).toEqual([
      ['recovery.conf', 'Delete recovery.conf: standby.signal is already there; move primary_conninfo, restore_command and recovery_target_* into postgresql.conf, and promote with pg_ctl promote.'],
    ]);
  });

  test('recovery.conf for point-in-time recovery: recovery.signal', () => {
    expect(run({ 'postgresql.conf': '', 'recovery.conf': "restore_command = 'cp /a/%f %p'\nstandby_mode = off\n" }, 12)).toEqual([
      ['recovery.conf', expect.stringMatching(/^Delete recovery\.conf: create an empty recovery\.signal for targeted recovery, or standby\.signal for a standby;/)],
    ]);
    expect(run({ 'postgresql.conf': '', 'recovery.conf': "restore_command = 'cp /a/%f %p'\n", 'recovery.signal': '' })).toEqual([
      ['recovery.conf', expect.stringMatching(/^Delete recovery\.conf: recovery\.signal is already there;/)],
    ]);
  });

  test('standby_mode in postgresql.conf beside a standby.signal', () => {
    expect(run({ 'postgresql.conf': 'standby_mode = on\n', 'standby.signal': '' })).toEqual([['postgresql.conf', 'Remove it and rely on the standby.signal file that is already there.']]);
    expect(run({ 'postgresql.conf': 'standby_mode = on\n' })).toEqual([['postgresql.conf', 'Remove it and create a standby.signal file in the data directory instead.']]);
  });

  test('a signal file alone is no finding, and nothing before 12', () => {
    expect(run({ 'postgresql.conf': '', 'standby.signal': '', 'recovery.signal': '' })).toEqual([]);
    expect(run({ 'postgresql.conf': '', 'recovery.conf': "standby_mode = 'on'\n", 'standby.signal': '' }, 11)).toEqual([]);
  });
});
