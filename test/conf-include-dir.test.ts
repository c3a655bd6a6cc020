import { afterAll, expect, test } from '@jest/globals';
import { RULES } from '../rules/index.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const rule = (name: string) => RULES.filter((r) => r.name === name);

// How include_dir reads a directory (src/config loading, not a rule's finding): the order and the skipped files.
test('include_dir reads *.conf in byte order and skips dot files', () => {
  const { result } = lintTree(
    {
      'postgresql.conf': "include_dir 'conf.d'\n",
      'conf.d/b.conf': 'port = 2\n',
      'conf.d/Z.conf': 'port = 1\n',
      'conf.d/a.conf': 'port = 3\n',
      'conf.d/.z.conf': 'port = 9\n',
      'conf.d/c.conf.bak': 'port = 9\n',
    },
    { pgVersion: 16 },
    rule('missing-include'),
  );
  const c = result.clusters.find((x) => x.conf)!;
  expect(c.assignments.map((a) => `${a.file.path}=${a.line.raw}`)).toEqual([
    'conf.d/Z.conf=1',
    'conf.d/a.conf=3',
    'conf.d/b.conf=2',
  ]);
  expect(c.effective.get('port')!.line.raw).toBe('2');
});
