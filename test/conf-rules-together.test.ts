import { afterAll, describe, expect, test } from '@jest/globals';
import archiveCommandMissing from '../rules/archive-command-missing.js';
import archiveCommandNoop from '../rules/archive-command-noop.js';
import archiveModeOff from '../rules/archive-mode-off.js';
import fullPageWritesOff from '../rules/full-page-writes-off.js';
import { RULES } from '../rules/index.js';
import rewindNotReady from '../rules/rewind-not-ready.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

// postgresql.conf rules run together: one problem, one finding (src/linter/merge.ts), and what each
// rule leaves to another. The cases of each rule alone are in test/rules/<rule>.test.ts.

describe('one finding per problem: archive-mode-off, archive-command-missing, archive-command-noop', () => {
  const lintConf = (code: string, pgVersion: 10 | 14 | 15 | 18) =>
    lintTree(
      { 'postgresql.conf': code },
      { pgVersion, rules: { [archiveModeOff.name]: 'warning' } },
      [archiveModeOff, archiveCommandMissing, archiveCommandNoop],
    ).result.diagnostics.map((d) => [d.rule, d.help]);
  test('archive_mode on with no command is archive-command-missing alone', () =>
    expect(lintConf('archive_mode = on\n', 18).map(([r]) => r)).toEqual(['archive-command-missing']));
  test('archive_mode on with a no-op command is archive-command-noop alone', () =>
    expect(lintConf("archive_mode = on\narchive_command = '/bin/true'\n", 18).map(([r]) => r)).toEqual(['archive-command-noop']));
});

describe('one setting, one finding: freeze-max-age-high and the failsafe it raises', () => {
  const conf = 'autovacuum_freeze_max_age = 2000000000\n';
  const run = (text: string, rules: Record<string, 'off'> = {}) =>
    lintTree({ 'postgresql.conf': text }, { pgVersion: 17, rules }, [...RULES]).findings.filter((f) => f.rule.includes('age'));

  test('the failsafe raised from its default is named in the high max age finding', () => {
    expect(run(conf).map((f) => [f.rule, f.line, f.column, f.message])).toEqual([
      [
        'freeze-max-age-high',
        1,
        29,
        'autovacuum_freeze_max_age = 2000000000 is above 1500000000: the forced anti-wraparound VACUUM starts only ~147 million transaction IDs ' +
          'before the wraparound limit, and pg_xact can grow to ~477 MB; also VACUUM uses vacuum_failsafe_age = 2100000000, not its default 1600000000 (failsafe-age-clamped)',
      ],
    ]);
  });

  test('with freeze-max-age-high off, failsafe-age-clamped reports it', () => {
    expect(run(conf, { 'freeze-max-age-high': 'off' }).map((f) => [f.rule, f.line, f.column])).toEqual([['failsafe-age-clamped', 1, 29]]);
  });

  test('a failsafe age written in the file is a problem of its own, on its own line', () => {
    const f = run(conf + 'vacuum_failsafe_age = 1600000000\n');
    expect(f.map((x) => [x.rule, x.line])).toEqual([
      ['freeze-max-age-high', 1],
      ['failsafe-age-clamped', 2],
    ]);
    expect(f[0]!.message).not.toContain('also');
  });
});

describe('rewind-not-ready with full-page-writes-off', () => {
  test('full_page_writes = off on a standby: one finding each, about different things', () => {
    const { findings } = lintTree({ 'postgresql.conf': `primary_conninfo = 'host=primary user=replicator'\nfull_page_writes = off\n`, PG_VERSION: '17\n' }, {}, [fullPageWritesOff, rewindNotReady]);
    expect(findings.map((f) => [f.rule, f.line, f.message.includes('full_page_writes')])).toEqual([
      ['rewind-not-ready', 1, false],
      ['full-page-writes-off', 2, true],
    ]);
  });
});
