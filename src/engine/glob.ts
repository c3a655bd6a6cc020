/**
 * Minimal glob matching for config paths (forward slashes): `**` any number of directories,
 * `*` and `?` within one segment, `{a,b}` alternatives, `[abc]` classes. A pattern without a
 * slash matches the base name anywhere (like .gitignore).
 */
export function globToRegExp(glob: string): RegExp {
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

function escape(s: string): string {
  return s.replace(/[.+^$()|\\\]]/g, '\\$&');
}

export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const res = globs.map(globToRegExp);
  return (path) => res.some((r) => r.test(path));
}
