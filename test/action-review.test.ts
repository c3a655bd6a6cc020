import { afterAll, describe, expect, test } from '@jest/globals';
import { changedLines, parsePatch } from '../src/action/diff.js';
import { readInputs } from '../src/action/inputs.js';
import { commentBody } from '../src/action/review.js';
import { applyToLine, fixFor } from '../src/action/suggest.js';
import { fingerprints } from '../src/report/fingerprint.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

describe('PR patches', () => {
  test('new-side lines: + lines are changed, context lines are commentable, - lines have none', () => {
    const d = parsePatch(['@@ -3,4 +3,5 @@ section', ' a', '-b', '+B', '+C', ' d', '@@ -20,2 +21,2 @@', ' x', '-y', '+Y', '\\ No newline at end of file'].join('\n'));
    expect([...d.added]).toEqual([4, 5, 22]);
    expect([...d.commentable].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 21, 22]);
  });

  test('removed files are left out; files without a patch count as wholly changed', () => {
    const m = changedLines([
      { filename: 'gone.conf', status: 'removed', patch: '@@ -1 +0,0 @@\n-x' },
      { filename: 'big.conf', status: 'modified' },
      { filename: 'moved.conf', status: 'renamed' },
    ]);
    expect(m.has('gone.conf')).toBe(false);
    expect(m.get('big.conf')).toMatchObject({ wholeFile: true });
    expect(m.get('moved.conf')).toMatchObject({ wholeFile: false });
  });
});

describe('suggestions', () => {
  const fixOf = (files: Record<string, string>, rule: string): string | undefined => {
    const { result } = lintTree(files);
    const d = result.diagnostics.find((x) => x.rule === rule)!;
    expect(d).toBeDefined();
    const fix = fixFor(d, result);
    return fix ? applyToLine(fix, result.sources.get(d.loc.file)!).text : undefined;
  };

  test('a wrongly cased unit gets the right one', () => {
    expect(fixOf({ 'postgresql.conf': 'work_mem = 8mb   # per sort\n' }, 'invalid-value')).toBe('work_mem = 8MB   # per sort');
    expect(fixOf({ 'postgresql.conf': "work_mem = '64mb'\n" }, 'invalid-value')).toBe("work_mem = '64MB'");
    expect(fixOf({ 'postgresql.conf': 'statement_timeout = 5S\n' }, 'invalid-value')).toBe('statement_timeout = 5s');
  });

  test('no suggestion when the fix is not obvious', () => {
    expect(fixOf({ 'postgresql.conf': 'checkpoint_timeout = 5m\n' }, 'invalid-value')).toBeUndefined(); // min? ms?
    expect(fixOf({ 'postgresql.conf': 'max_connections = 0\n' }, 'invalid-value')).toBeUndefined();
  });

  test('an unquoted path is quoted', () => {
    expect(fixOf({ 'postgresql.conf': 'unix_socket_directories = /var/run/postgresql  # sockets\n' }, 'syntax-error')).toBe("unix_socket_directories = '/var/run/postgresql'  # sockets");
  });

  test('md5 -> scram-sha-256 only when the cluster stores SCRAM passwords', () => {
    const hba = 'host  all  all  10.0.0.0/16  md5\n';
    expect(fixOf({ 'pg_hba.conf': hba, 'postgresql.conf': 'password_encryption = scram-sha-256\n' }, 'hba-md5')).toBe('host  all  all  10.0.0.0/16  scram-sha-256');
    expect(fixOf({ 'pg_hba.conf': hba, 'postgresql.conf': 'password_encryption = md5\n' }, 'hba-md5')).toBeUndefined();
    expect(fixOf({ 'pg_hba.conf': hba }, 'hba-md5')).toBeUndefined();
  });

  test('the review comment carries the suggestion block and a fingerprint marker', () => {
    const { result } = lintTree({ 'postgresql.conf': 'work_mem = 8mb\n' });
    const d = result.diagnostics[0]!;
    const body = commentBody(d, result, fingerprints(result.diagnostics, result.sources).get(d)!, 1);
    expect(body).toMatch(/^🔴 error · \[invalid-value\]\(https:\/\/github\.com\/pgconf-lint\/pgconf-lint\/blob\/v\d+\.\d+\.\d+\/docs\/rules\/invalid-value\.md\) · invalid value/);
    expect(body).toContain('\n```suggestion\nwork_mem = 8MB\n```\n');
    expect(body).toMatch(/<!-- pgconf-lint:fp=[0-9a-f]{32} -->$/);
  });
});

describe('inputs', () => {
  const get = (v: Record<string, string>) => (n: string) => v[n] ?? '';
  test('defaults, whitespace-separated paths, booleans', () => {
    expect(readInputs(get({ paths: ' db\n  infra/pg  ', review: 'True', 'github-token': 't' }))).toEqual({
      paths: ['db', 'infra/pg'],
      failOn: 'error',
      review: true,
      onlyChanged: false,
      allowEmpty: false,
      token: 't',
      apiTimeoutMs: 30_000,
      apiBudgetMs: 120_000,
    });
    expect(readInputs(get({ 'api-timeout': '2.5', 'api-budget': '60', 'token-login': 'my-app[bot]' }))).toMatchObject({ apiTimeoutMs: 2500, apiBudgetMs: 60_000, tokenLogin: 'my-app[bot]' });
    expect(readInputs(get({})).paths).toEqual(['.']);
    expect(readInputs(get({ 'allow-empty': 'true' })).allowEmpty).toBe(true);
    expect(readInputs(get({ 'pg-version': '16', 'sarif-file': 'x.sarif', config: 'c.yml' }))).toMatchObject({ pgVersion: 16, sarifFile: 'x.sarif', config: 'c.yml' });
  });
  test.each([
    [{ 'fail-on': 'errors' }, /fail-on must be error, warning, info or never/],
    [{ 'pg-version': '9' }, /pg-version "9" is not supported/],
    [{ 'only-changed': 'yes' }, /only-changed must be true or false/],
    [{ 'allow-empty': 'on' }, /allow-empty must be true or false/],
    [{ 'api-timeout': 'soon' }, /api-timeout must be a number of seconds above 0/],
    [{ 'api-timeout': '0' }, /api-timeout must be a number of seconds above 0/],
    [{ 'api-budget': '-5' }, /api-budget must be a number of seconds above 0/],
    [{ 'token-login': 'bob\n::error::x' }, /token-login must be a GitHub login/],
  ])('%j is rejected', (v, msg) => {
    expect(() => readInputs(get(v))).toThrow(msg);
  });
});
