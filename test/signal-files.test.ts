import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from './support/lint.js';
import { kindFromName } from '../src/resolve/discover.js';
import { cleanupFixtures, lintTree, makeTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const CANARY = 'SIGNAL_CANARY_OUTSIDE';

describe('standby.signal and recovery.signal', () => {
  test('found beside the configuration, empty or not, and listed with their kind', () => {
    const { result } = lintTree({ 'db/postgresql.conf': 'port = 5432\n', 'db/standby.signal': '', 'db/recovery.signal': 'anything\n', PG_VERSION: '17\n' });
    expect(result.files.map((f) => [f.path, f.kind])).toEqual([
      ['db/postgresql.conf', 'postgresql.conf'],
      ['db/recovery.signal', 'recovery.signal'],
      ['db/standby.signal', 'standby.signal'],
    ]);
    const cluster = result.clusters[0]!;
    expect(cluster.signals.map((s) => [s.kind, s.file.path, s.file.text])).toEqual([
      ['standby.signal', 'db/standby.signal', ''],
      ['recovery.signal', 'db/recovery.signal', 'anything\n'],
    ].sort((a, b) => (a[1]! < b[1]! ? -1 : 1)));
    expect(result.diagnostics).toEqual([]);
  });

  test('a directory holding only signal files is no cluster; nothing else found is exit 2 (an error)', () => {
    const { result } = lintTree({ 'a/standby.signal': '', 'b/postgresql.conf': '' });
    expect(result.clusters.map((c) => c.input.files.map((f) => f.kind))).toEqual([['postgresql.conf']]);
    const only = lintTree({ 'a/standby.signal': '', 'a/recovery.signal': '' });
    expect(only.result.clusters).toEqual([]);
    expect(only.result.errors).toEqual([expect.stringMatching(/^no configuration file found in "\."/)]);
  });

  test('a signal file joins a cluster with only pg_hba.conf or recovery.conf too', () => {
    const { result } = lintTree({ 'pg_hba.conf': 'local all all peer\n', 'standby.signal': '' });
    expect(result.clusters[0]!.input.files.map((f) => f.kind).sort()).toEqual(['pg_hba.conf', 'standby.signal']);
  });

  test('named on the command line: its kind comes from its name', () => {
    expect(kindFromName('/x/standby.signal')).toBe('standby.signal');
    expect(kindFromName('RECOVERY.SIGNAL')).toBe('recovery.signal');
    const dir = makeTree({ 'postgresql.conf': '', 'standby.signal': '' });
    const r = lint(['postgresql.conf', 'standby.signal'], { cwd: dir });
    expect(r.files.map((f) => f.kind)).toEqual(['postgresql.conf', 'standby.signal']);
  });

  test('a configuration file named alone (pre-commit passes only changed files) brings its directory\'s signal files', () => {
    const dir = makeTree({ 'db/postgresql.conf': 'max_wal_senders = 5\n', 'db/standby.signal': '', 'other/recovery.signal': '' });
    const r = lint(['db/postgresql.conf'], { cwd: dir, pgVersion: 17 });
    expect(r.files.map((f) => [f.path, f.kind])).toEqual([
      ['db/postgresql.conf', 'postgresql.conf'],
      ['db/standby.signal', 'standby.signal'],
    ]);
    // The standby is the evidence (a warning at the signal file), as in a whole-repository run.
    const whole = lint(['.'], { cwd: dir, pgVersion: 17 });
    const rewind = (x: typeof r) => x.diagnostics.filter((d) => d.rule === 'rewind-not-ready').map((d) => [d.loc.file, d.severity]);
    expect(rewind(r)).toEqual([['db/standby.signal', 'warning']]);
    expect(rewind(r)).toEqual(rewind(whole));
  });
});

describe('signal files go through the confined reader', () => {
  test('a FIFO named standby.signal is reported, never opened for a blocking read', () => {
    const dir = makeTree({ 'postgresql.conf': "primary_conninfo = 'host=a'\n", PG_VERSION: '17\n' });
    execFileSync('mkfifo', [join(dir, 'standby.signal')]);
    const r = lint(['.'], { cwd: dir });
    expect(r.clusters[0]!.signals).toEqual([]);
    expect(r.diagnostics.filter((d) => d.rule === 'unreadable-file').map((d) => [d.loc.file, d.message])).toEqual([
      ['standby.signal', 'could not read standby.signal file: not a regular file'],
    ]);
  }, 20_000);

  test('a symlink named standby.signal pointing out of the root or into .git/ is refused, and nothing of its target is read', () => {
    const outside = makeTree({ 'secret': `${CANARY}\n` });
    const dir = makeTree({ 'a/postgresql.conf': '', 'b/postgresql.conf': '', '.git/config': `[remote]\n\turl = https://x:${CANARY}@example.com\n` });
    symlinkSync(join(outside, 'secret'), join(dir, 'a', 'standby.signal'));
    symlinkSync('../.git/config', join(dir, 'b', 'recovery.signal'));
    const r = lint(['.'], { cwd: dir });
    expect(r.clusters.flatMap((c) => c.signals)).toEqual([]);
    const unreadable = r.diagnostics.filter((d) => d.rule === 'unreadable-file').map((d) => [d.loc.file, d.message]);
    expect(unreadable).toEqual([
      ['a/standby.signal', expect.stringMatching(/^could not read standby\.signal file: .*outside the checked root/)],
      ['b/recovery.signal', expect.stringMatching(/^could not read recovery\.signal file: .*\.git directory/)],
    ]);
    expect(JSON.stringify(r.diagnostics)).not.toContain(CANARY);
    expect([...r.sources.values()].some((s) => s.text.includes(CANARY))).toBe(false);
  });

  test('a symlink inside the root is followed like any other file; a dangling one is no signal file (PostgreSQL stat()s it)', () => {
    const dir = makeTree({ 'postgresql.conf': '', 'shared/standby.signal.real': '' });
    symlinkSync('shared/standby.signal.real', join(dir, 'standby.signal'));
    symlinkSync('nowhere', join(dir, 'recovery.signal'));
    const r = lint(['.'], { cwd: dir });
    expect(r.clusters[0]!.signals.map((s) => s.kind)).toEqual(['standby.signal']);
    expect(r.diagnostics).toEqual([]);
  });

  test('a directory named standby.signal is walked as a directory, not taken for a signal file', () => {
    const dir = makeTree({ 'postgresql.conf': '' });
    mkdirSync(join(dir, 'standby.signal'));
    writeFileSync(join(dir, 'standby.signal', 'x'), '');
    const r = lint(['.'], { cwd: dir });
    expect(r.clusters[0]!.signals).toEqual([]);
    expect(r.files.map((f) => f.kind)).toEqual(['postgresql.conf']);
  });
});
