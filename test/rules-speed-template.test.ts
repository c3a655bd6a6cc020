import { describe, expect, test } from '@jest/globals';
import { findPlaceholder, mayHoldPlaceholder, type PlaceholderSyntax } from '../src/analysis/template.js';

// findPlaceholder and unrendered-template (for a whole file's text) first search for an opener
// (`${`, `{{`, `{%`, `@@`, `%(`, `<%`) and give up without one: every placeholder must start with one.

describe('every placeholder starts with an opener that mayHoldPlaceholder finds', () => {
  const samples: [PlaceholderSyntax, string][] = [
    ['shell', '${VAR}'],
    ['shell', '${VAR:-x}'],
    ['jinja', '{{ var }}'],
    ['jinja', '{{- .Values.x -}}'],
    ['jinja', '{% if x %}'],
    ['at-sign', '@@VAR@@'],
    ['python', '%(var)s'],
    ['erb', '<%= var %>'],
  ];
  test.each(samples)('%s: %s', (syntax, text) => {
    const p = findPlaceholder(`a ${text} b`);
    expect(p).toMatchObject({ syntax, text });
    expect(mayHoldPlaceholder(text.slice(0, 2))).toBe(true);
  });

  test('generated texts: a placeholder found is never in a text without an opener', () => {
    const pieces = ['$', '{', '}', '{{', '}}', '%', '(', ')', 's', '@', '@@', '<', '<%', '%>', '=', ' ', '-', '.', 'VAR', 'var', '1', ':-', '$user', '%p', '%%', '\n', 'x'];
    let x = 12345;
    const next = (n: number): number => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) % n;
    };
    let found = 0;
    for (let t = 0; t < 20_000; t++) {
      let s = '';
      for (let k = 1 + next(12); k > 0; k--) s += pieces[next(pieces.length)];
      const p = findPlaceholder(s);
      if (p === null) continue;
      found++;
      expect(mayHoldPlaceholder(p.text)).toBe(true);
      expect(mayHoldPlaceholder(s)).toBe(true);
    }
    expect(found).toBeGreaterThan(100);
  });

  test('values with a lone $, % or @ hold no opener', () => {
    for (const v of ['"$user", public', '%m [%p] %q%u@%d ', 'cp %p /a/%f', '$libdir/x', 'a@b', '<x>']) {
      expect(mayHoldPlaceholder(v)).toBe(false);
      expect(findPlaceholder(v)).toBeNull();
    }
  });
});
