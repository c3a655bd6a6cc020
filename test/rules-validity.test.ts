import { afterAll, describe, expect, test } from '@jest/globals';
import { RULES } from '../rules/index.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const rule = (name: string) => RULES.filter((r) => r.name === name);

/** Lints one postgresql.conf (plus extra files) with a single rule; returns "line:col-endLine:endCol" keys. */
function run(name: string, conf: string, major: number, extra: Record<string, string> = {}) {
  const { findings } = lintTree({ 'postgresql.conf': conf, ...extra }, { pgVersion: major as 16 }, rule(name));
  return findings;
}

describe('syntax-error', () => {
  test.each([
    // [line, expected token range start column, end column] — token PostgreSQL names in "near token"
    ['work_mem = 8 MB', 1, 14, 16],
    ['listen_addresses = *', 1, 20, 21],
    ['unix_socket_directories = /tmp', 1, 27, 28],
    ['search_path = "$user"', 1, 15, 16],
    ['default_text_search_config = pg_catalog.english', 1, 30, 48],
    ['work_mem = 1.5MB', 1, 15, 17],
    ['work_mem = 0X2000', 1, 14, 18],
    ['myext.sub.setting = 1', 1, 1, 18],
  ])('%s is a syntax error at the token PostgreSQL names', (line, l, c, ec) => {
    const f = run('syntax-error', `# header\n${line}\n`, 16);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ line: l + 1, column: c, endColumn: ec, severity: 'error' });
    expect(f[0]!.message).toMatch(/^syntax error near token/);
  });

  test('a missing value is reported at the end of the line', () => {
    const f = run('syntax-error', 'work_mem =\n', 16);
    expect(f).toEqual([expect.objectContaining({ line: 1, column: 11, message: expect.stringMatching(/near end of line/) })]);
  });

  test('two bad lines give two findings, and valid lines none', () => {
    const f = run('syntax-error', "a = 1\nwork_mem = 4MB;\nport = 5432\nx = 'a' 'b'\n", 16);
    expect(f.map((x) => x.line)).toEqual([2, 4]);
  });

  test('errors inside included files are reported in the included file', () => {
    const f = run('syntax-error', "include 'inc.conf'\n", 16, { 'inc.conf': 'work_mem = 8 MB\n' });
    expect(f).toEqual([expect.objectContaining({ file: 'inc.conf', line: 1, column: 14 })]);
  });

  test('valid unusual spellings are not errors', () => {
    const ok = "work_mem 8MB\nwork_mem = 0x2000\nwork_mem='8 MB'#c\nINCLUDE_IF_EXISTS 'nope.conf'\napplication_name = a.b.c\nrandom_page_cost = .\n";
    expect(run('syntax-error', ok, 16)).toEqual([]);
  });
});
