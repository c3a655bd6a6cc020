import { describe, expect, test } from '@jest/globals';
import { globMatcher } from '../src/engine/glob.js';

describe('globMatcher', () => {
  test.each([
    ['**/*.conf', 'a/b/c.conf', true],
    ['**/*.conf', 'c.conf', true],
    ['db/*/postgresql.conf', 'db/x/postgresql.conf', true],
    ['db/*/postgresql.conf', 'db/x/y/postgresql.conf', false],
    ['db/**/postgresql.conf', 'db/x/y/postgresql.conf', true],
    ['pg_hba.conf', 'deep/dir/pg_hba.conf', true],
    ['legacy/**', 'legacy/9.6/main/postgresql.conf', true],
    ['legacy', 'legacy/x.conf', true],
    ['legacy', 'legacyx/x.conf', false],
    ['*.{conf,tpl}', 'x/y.tpl', true],
    ['hba/[ab].conf', 'hba/a.conf', true],
    ['hba/[!ab].conf', 'hba/a.conf', false],
    ['a.b', 'aXb', false],
  ])('%s vs %s -> %s', (glob, path, want) => {
    expect(globMatcher([glob])(path)).toBe(want);
  });
});
