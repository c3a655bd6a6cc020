import { afterAll, describe, expect, test } from '@jest/globals';
import rule from '../../rules/recovery-conf-obsolete.js';
import { cleanupFixtures, lintTree } from '../support/fixture.js';

afterAll(cleanupFixtures);

// The cases of the rule itself are in test/rules-conf.test.ts; these are about the signal files.
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
