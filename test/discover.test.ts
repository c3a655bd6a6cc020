import { afterAll, describe, expect, test } from '@jest/globals';
import { discover, kindFromName, majorFromPath } from '../src/resolve/discover.js';
import { nodeHost } from '../src/resolve/host.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';

afterAll(cleanupFixtures);

describe('target major from the path', () => {
  test.each([
    ['etc/postgresql/16/main', 16],
    ['var/lib/pgsql/15/data', 15],
    ['clusters/pg14', 14],
    ['deploy/postgresql-13/conf', 13],
    ['x/postgres_12', 12],
    ['roles/db/PG11/files', 11],
    ['db/10.5/main', 10],
  ])('%s -> %i', (path, major) => {
    expect(majorFromPath(path)).toBe(major);
  });

  test.each([['etc/postgresql/9.6/main'], ['app-10/conf'], ['v16-notes'], ['db/19/main'], ['ports/5432']])('%s -> none', (path) => {
    expect(majorFromPath(path)).toBeUndefined();
  });
});

describe('discovery', () => {
  test('files in one directory form one cluster; kinds come from names', () => {
    const dir = makeTree({
      'a/postgresql.conf': '',
      'a/pg_hba.conf': '',
      'a/postgresql.auto.conf': '',
      'b/16/main/pg_ident.conf': '',
      'b/16/main/recovery.conf': '',
      'a/conf.d/extra.conf': '',
      'node_modules/x/postgresql.conf': '',
    });
    const { clusters, errors } = discover(nodeHost({ cwd: dir }), ['.']);
    expect(errors).toEqual([]);
    const view = clusters.map((c) => [
      c.dir.slice(dir.length + 1),
      c.major,
      c.versionSource,
      c.files.map((f) => f.kind).sort(),
    ]);
    expect(view).toEqual([
      ['a', 18, 'default', ['pg_hba.conf', 'postgresql.auto.conf', 'postgresql.conf']],
      ['b/16/main', 16, 'path', ['pg_ident.conf', 'recovery.conf']],
    ]);
  });

  test('precedence: flag > PG_VERSION > path > newest', () => {
    const dir = makeTree({ '15/main/postgresql.conf': '', '15/main/PG_VERSION': '13\n', '14/x/postgresql.conf': '' });
    const host = nodeHost({ cwd: dir });
    expect(discover(host, ['.']).clusters.map((c) => [c.major, c.versionSource])).toEqual([
      [14, 'path'],
      [13, 'PG_VERSION'],
    ]);
    expect(discover(host, ['.'], { pgVersion: 11 }).clusters.map((c) => [c.major, c.versionSource])).toEqual([
      [11, 'flag'],
      [11, 'flag'],
    ]);
  });

  test('a file named explicitly is taken whatever its name', () => {
    expect(kindFromName('corpus/012__x__postgresql.conf')).toBe('postgresql.conf');
    expect(kindFromName('templates/pg_hba.conf.j2')).toBe('pg_hba.conf');
    expect(kindFromName('x/pg_ident.conf.tpl')).toBe('pg_ident.conf');
    expect(kindFromName('recovery.conf.sample')).toBe('recovery.conf');
    const dir = makeTree({ 'tuning.conf': 'work_mem = 4MB\n' });
    const { clusters } = discover(nodeHost({ cwd: dir }), ['tuning.conf']);
    expect(clusters[0]!.files).toEqual([{ abs: `${dir}/tuning.conf`, kind: 'postgresql.conf' }]);
  });

  test('a missing path is an invocation error', () => {
    const dir = makeTree({});
    expect(discover(nodeHost({ cwd: dir }), ['nope']).errors).toEqual(['nope: no such file or directory']);
  });
});

describe('several files of one kind in a directory', () => {
  test('each becomes its own cluster; nothing is dropped', () => {
    const dir = makeTree({ 'x/a.postgresql.conf': '', 'x/b.postgresql.conf': '', 'x/pg_hba.conf': '' });
    const { clusters } = discover(nodeHost({ cwd: dir }), ['x/a.postgresql.conf', 'x/b.postgresql.conf', 'x/pg_hba.conf']);
    expect(clusters.map((c) => c.files.map((f) => f.abs.slice(dir.length + 1)))).toEqual([
      ['x/a.postgresql.conf'],
      ['x/b.postgresql.conf'],
      ['x/pg_hba.conf'],
    ]);
  });
});
