import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { globMatcher, wildcardMatcher } from '../src/lexical/glob.js';

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

/**
 * The regular-expression compiler globMatcher used before issue 12, kept as the reference for the
 * documented glob syntax. It backtracks: never call it with a long path or many `*`.
 */
function oldGlobToRegExp(glob: string): RegExp {
  const escape = (s: string): string => s.replace(/[.+^$()|\\\]]/g, '\\$&');
  let g = glob.replace(/^\.\//, '');
  if (!g.includes('/')) g = '**/' + g;
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        const atSegmentStart = i === 0 || g[i - 1] === '/';
        const atSegmentEnd = g[i + 2] === '/' || i + 2 === g.length;
        if (atSegmentStart && atSegmentEnd) {
          re += g[i + 2] === '/' ? '(?:[^/]*/)*' : '.*';
          i += g[i + 2] === '/' ? 2 : 1;
          continue;
        }
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = g.indexOf('}', i);
      if (close === -1) re += '\\{';
      else {
        re += '(?:' + g.slice(i + 1, close).split(',').map(escape).join('|') + ')';
        i = close;
      }
    } else if (c === '[') {
      const close = g.indexOf(']', i + 1);
      if (close === -1) re += '\\[';
      else {
        re += '[' + g.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += escape(c);
  }
  return new RegExp('^' + re + '(?:/.*)?$');
}

/** The unknown-setting rule's `ignore` patterns before issue 12, the reference for wildcardMatcher. */
const oldWildcard = (p: string): RegExp => new RegExp('^' + p.replace(/[.+^$()|[\]{}\\?]/g, '\\$&').replace(/\*/g, '.*') + '$');

describe('the linear matchers agree with the regular expressions they replace (small inputs)', () => {
  const params = { seed: 12, numRuns: 3000, endOnFailure: true };
  // Pieces of the documented syntax; alternatives and classes of plain characters (what the
  // regular expression gave for other text inside them was an accident: `{a*,b}` repeated `a`).
  const piece = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('a', 'b', '.', '/', '-', '$', '(', '+', '\\') },
    { weight: 3, arbitrary: fc.constantFrom('*', '**', '?', '/**/', '**/', '/**') },
    { weight: 1, arbitrary: fc.array(fc.stringMatching(/^[ab.]{0,2}$/), { minLength: 1, maxLength: 3 }).map((alts) => `{${alts.join(',')}}`) },
    { weight: 1, arbitrary: fc.constantFrom('[ab]', '[!a]', '[a-c]', '[^b]', '[.]', '[/]', '[!/]', '[a-]') },
  );
  const globArb = fc.tuple(fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 6 })).map(([dot, ps]) => (dot ? './' : '') + ps.join(''));
  const pathArb = fc.array(fc.constantFrom('a', 'b', 'c', '.', '/', '-', '$', '(', '+', '\\', '\n', 'ab', 'a/b'), { maxLength: 8 }).map((xs) => xs.join(''));

  test('globMatcher = the old regular expression', () => {
    fc.assert(
      fc.property(globArb, pathArb, (glob, path) => {
        expect([glob, path, globMatcher([glob])(path)]).toEqual([glob, path, oldGlobToRegExp(glob).test(path)]);
      }),
      params,
    );
  });

  test('globMatcher = the old regular expression, on paths made from the pattern itself', () => {
    // Random paths rarely match; these often do (the pattern with its wildcards filled in).
    const filled = globArb.chain((glob) =>
      fc.tuple(fc.constant(glob), fc.array(fc.constantFrom('', 'a', 'x/', '/', 'b.c'), { minLength: 8, maxLength: 8 })).map(([g, fill]) => {
        let k = 0;
        const path = g.replace(/^\.\//, '').replace(/\*\*|\*|\?|\{[^}]*\}|\[[^\]]*\]/g, (m) => (m.startsWith('{') ? m.slice(1, -1).split(',')[0]! : fill[k++ % 8]!));
        return [g, path] as const;
      }),
    );
    fc.assert(
      fc.property(filled, ([glob, path]) => {
        expect([glob, path, globMatcher([glob])(path)]).toEqual([glob, path, oldGlobToRegExp(glob).test(path)]);
      }),
      params,
    );
  });

  test('wildcardMatcher = the old ignore pattern', () => {
    const pat = fc.array(fc.constantFrom('a', 'b', '_', '.', '*', '?', '[', ']', '{', '}', '(', '\\', '$', '+'), { minLength: 1, maxLength: 6 }).map((xs) => xs.join(''));
    const name = fc.array(fc.constantFrom('a', 'b', '_', '.', '?', '[', '*', '\n', 'ab'), { maxLength: 8 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(pat, name, (p, n) => {
        expect([p, n, wildcardMatcher(p)(n)]).toEqual([p, n, oldWildcard(p).test(n)]);
      }),
      params,
    );
  });
});

describe('patterns that made the regular expressions backtrack for minutes (caught by the jest timeout)', () => {
  const long = 'a'.repeat(100_000);
  const stars = '*'.repeat(50);

  test('50 `*` then a literal, against a 100,000-character name', () => {
    expect(globMatcher([stars + 'x'])(long)).toBe(false);
    expect(globMatcher(['db/' + stars + 'x/**'])('db/' + long)).toBe(false);
    expect(globMatcher(['**/' + '*a'.repeat(50) + 'x'])(long)).toBe(false);
    expect(globMatcher([stars + 'a'])(long)).toBe(true);
  }, 20_000);

  test('nested `**` and alternatives, against a deep path', () => {
    const deep = Array.from({ length: 20_000 }, () => 'a').join('/');
    expect(globMatcher(['**/'.repeat(50) + 'x'])(deep)).toBe(false);
    expect(globMatcher(['{a,a,a,a}/'.repeat(30) + 'x'])(deep)).toBe(false);
    expect(globMatcher(['{a,b}/'.repeat(30) + '**'])(deep)).toBe(true);
  }, 20_000);

  test('alternatives are branches: 40 groups of 10 is 10^40 spellings, matched without expanding them', () => {
    const g = '{0,1,2,3,4,5,6,7,8,9}'.repeat(40);
    expect(globMatcher([g])('3'.repeat(40))).toBe(true);
    expect(globMatcher([g])('3'.repeat(39) + 'x')).toBe(false);
  }, 20_000);

  test('unknown-setting ignore: 50 `*` against a 100,000-character name', () => {
    expect(wildcardMatcher(stars + 'x')(long)).toBe(false);
    expect(wildcardMatcher('a' + stars + 'a' + stars)(long)).toBe(true);
  }, 20_000);
});
