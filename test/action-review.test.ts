import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { changedLines, parsePatch } from '../src/action/diff.js';
import { createReview } from '../src/action/github-api.js';
import { readInputs } from '../src/action/inputs.js';
import { planReview, reviewComment, SUGGESTION_MAX_CHARS, suggestionFor } from '../src/action/review.js';
import type { Rule } from '../src/linter/rule.js';
import { fingerprints } from '../src/report/fingerprint.js';
import { annotationRange } from '../src/report/github.js';
import type { Edit, Loc } from '../src/types.js';
import { deleteLine, fixRule, replaceValue } from './support/fix-rule.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';
import { example, startMockGitHub, type MockGitHub } from './support/github-mock.js';

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

describe('suggestions come from the findings\' fixes', () => {
  const CONF = 'work_mem = 8MB   # per sort\nshared_buffers = 1GB\n';
  /** The first finding of `rule` and its review comment, placed on its line with every line of the file in the diff. */
  const commentOf = (files: Record<string, string>, rules: Rule[], commentable?: number[]) => {
    const { result } = lintTree(files, {}, rules);
    const d = result.diagnostics.find((x) => x.rule === rules[0]!.name)!;
    expect(d).toBeDefined();
    const line = annotationRange(d, result.sources).startLine!;
    const lines = new Set(commentable ?? Array.from({ length: 20 }, (_, i) => i + 1));
    return { d, result, comment: reviewComment(d, result, 'f'.repeat(32), line, lines) };
  };

  test('a safe one-line fix: the line as it reads after the fix, no caution', () => {
    const { comment } = commentOf({ 'postgresql.conf': CONF }, [fixRule('test-unit', 'work_mem', 'safe', replaceValue('16MB'), 'Double it')]);
    expect(comment).toEqual({ path: 'postgresql.conf', line: 1, rule: 'test-unit', body: expect.any(String) });
    expect(comment.body).toContain('\n\n```suggestion\nwork_mem = 16MB   # per sort\n```\n\n');
    expect(comment.body).not.toContain('Unsafe');
    expect(comment.body).toMatch(/^🟠 warning · \[test-unit\]\(https:\/\/github\.com\/pgconf-lint\/pgconf-lint\/blob\/v\d+\.\d+\.\d+\/docs\/rules\/test-unit\.md\) · test-unit says\n\n↳ test-unit help\n\n```suggestion/);
    expect(comment.body).toMatch(/<!-- pgconf-lint:fp=f{32} -->$/);
  });

  test('an unsafe fix carries its caution after the suggestion', () => {
    const { comment } = commentOf({ 'postgresql.conf': CONF }, [fixRule('test-unsafe', 'shared_buffers', 'unsafe', replaceValue('128MB'), 'Use 128MB')]);
    expect(comment.line).toBe(2);
    expect(comment.body).toContain('```suggestion\nshared_buffers = 128MB\n```\n\n> **Unsafe fix** (Use 128MB): it changes what the server does; accept it only after checking what it affects (`pgconf-lint --fix` leaves it; `--unsafe-fixes` applies it).');
  });

  test('a fix over two lines: a multi-line comment (start_line .. line) replacing both', () => {
    // Edits on lines 2 and 3: the suggestion replaces lines 2-3, line 1 stays out of it.
    const both = (value: Loc, text: string): Edit[] => {
      const next = text.indexOf('\n', value.end) + 1;
      return [{ loc: value, text: '2GB' }, { loc: { file: value.file, start: next, end: next }, text: '# was 1GB\n' }];
    };
    const files = { 'postgresql.conf': 'work_mem = 4MB\nshared_buffers = 1GB\nmax_connections = 10\n' };
    const { comment } = commentOf(files, [fixRule('test-two', 'shared_buffers', 'safe', both)]);
    expect(comment).toMatchObject({ path: 'postgresql.conf', startLine: 2, line: 3 });
    expect(comment.body).toContain('```suggestion\nshared_buffers = 2GB\n# was 1GB\nmax_connections = 10\n```');
    // Line 3 outside the diff: GitHub would reject the range, so the comment names the fix instead.
    const narrow = commentOf(files, [fixRule('test-two', 'shared_buffers', 'safe', both, 'Double it')], [1, 2]).comment;
    expect(narrow).toEqual({ path: 'postgresql.conf', line: 2, rule: 'test-two', body: expect.any(String) });
    expect(narrow.body).not.toContain('suggestion');
    expect(narrow.body).toContain('\n\nFix: Double it (`pgconf-lint --fix` applies it).\n\n');
    expect(narrow.body).not.toContain('Unsafe');
    const unsafe = commentOf(files, [fixRule('test-two', 'shared_buffers', 'unsafe', both, 'Double it')], [1, 2]).comment;
    expect(unsafe.body).toContain('\n\nFix: Double it (`pgconf-lint --unsafe-fixes` applies it).\n\n> **Unsafe fix**: it changes what the server does; apply it only after checking what it affects.\n\n<!--');
  });

  test('a fix deleting its line suggests no lines; one joining two lines suggests nothing', () => {
    const { comment } = commentOf({ 'postgresql.conf': CONF }, [fixRule('test-del', 'work_mem', 'unsafe', deleteLine, 'Remove it')]);
    expect(comment.line).toBe(1);
    expect(comment.body).toContain('\n\n```suggestion\n```\n\n> **Unsafe fix** (Remove it)');
    const join = (value: Loc, text: string): Edit[] => [{ loc: { file: value.file, start: text.indexOf('\n'), end: text.indexOf('\n') + 1 }, text: ' ' }];
    const joined = commentOf({ 'postgresql.conf': CONF }, [fixRule('test-join', 'work_mem', 'safe', join, 'Join')]);
    expect(suggestionFor(joined.d, joined.result.sources.get('postgresql.conf')!)).toBeUndefined();
    expect(joined.comment.body).toContain('Fix: Join (`pgconf-lint --fix` applies it).');
  });

  test('CRLF lines are suggested without their carriage returns', () => {
    const { d, result } = commentOf({ 'postgresql.conf': 'work_mem = 8MB\r\nshared_buffers = 1GB\r\n' }, [fixRule('test-unit', 'work_mem', 'safe', replaceValue('16MB'))]);
    expect(suggestionFor(d, result.sources.get('postgresql.conf')!)).toMatchObject({ startLine: 1, line: 1, lines: ['work_mem = 16MB'] });
  });

  test('no suggestion repeats a credential or more than SUGGESTION_MAX_CHARS; the fix is then not shown at all', () => {
    const GHS = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
    const secret = commentOf({ 'postgresql.conf': CONF }, [fixRule('test-secret', 'work_mem', 'safe', replaceValue(`'${GHS}'`), 'Quote it')]).comment;
    expect(secret.body).not.toContain('suggestion');
    expect(secret.body).not.toContain('ghs_');
    expect(secret.body).not.toContain('Fix:');
    // A credential already on the line (the fix does not insert it) is not repeated either.
    const onLine = commentOf({ 'postgresql.conf': `work_mem = 8MB # ${GHS}\n` }, [fixRule('test-unit', 'work_mem', 'safe', replaceValue('16MB'), 'Unit')]).comment;
    expect(onLine.body).not.toContain('ghs_');
    expect(onLine.body).toContain('Fix: Unit (`pgconf-lint --fix` applies it).');
    const long = commentOf({ 'postgresql.conf': CONF }, [fixRule('test-long', 'work_mem', 'safe', replaceValue(`'${'x'.repeat(SUGGESTION_MAX_CHARS)}'`), 'Long')]).comment;
    expect(long.body).not.toContain('suggestion');
    expect(long.body).toContain('Fix: Long (');
  });

  test('planReview: only findings on diff lines, a suppressed finding and its fix never', () => {
    const files = { 'postgresql.conf': '# pgconf-lint disable-next-line test-unit -- reviewed\nwork_mem = 8MB\nshared_buffers = 1GB\n' };
    const rules = [fixRule('test-unit', 'work_mem', 'safe', replaceValue('16MB')), fixRule('test-unsafe', 'shared_buffers', 'unsafe', replaceValue('2GB'))];
    const { result } = lintTree(files, {}, rules);
    const diffs = new Map([['postgresql.conf', { added: new Set([2, 3]), commentable: new Set([1, 2, 3]), wholeFile: false }]]);
    const plan = planReview(result, result.diagnostics, diffs, fingerprints(result.diagnostics, result.sources), new Set());
    expect(plan.comments.map((c) => [c.rule, c.line, c.startLine])).toEqual([['test-unsafe', 3, undefined]]);
    expect(plan.comments[0]!.body).toContain('```suggestion\nshared_buffers = 2GB\n```');
  });
});

describe('suggestions from the rules\' fixes', () => {
  /** The suggested lines for the first finding of `rule`, with every line of the file in the diff. */
  const suggested = (files: Record<string, string>, rule: string): { lines?: string[]; body: string } => {
    const { result } = lintTree(files);
    const d = result.diagnostics.find((x) => x.rule === rule)!;
    expect(d).toBeDefined();
    const line = annotationRange(d, result.sources).startLine!;
    const body = reviewComment(d, result, 'f'.repeat(32), line, new Set([1, 2, 3, 4, 5])).body;
    const s = suggestionFor(d, result.sources.get(d.loc.file)!);
    return { ...(s ? { lines: s.lines } : {}), body };
  };

  test('invalid-value: a wrongly cased unit gets the right one (safe: no caution)', () => {
    const plain = suggested({ 'postgresql.conf': 'work_mem = 8mb   # per sort\n' }, 'invalid-value');
    expect(plain.lines).toEqual(['work_mem = 8MB   # per sort']);
    expect(plain.body).toContain('```suggestion\nwork_mem = 8MB   # per sort\n```');
    expect(plain.body).not.toContain('Unsafe');
    expect(suggested({ 'postgresql.conf': "work_mem = '64mb'\n" }, 'invalid-value').lines).toEqual(["work_mem = '64MB'"]);
    expect(suggested({ 'postgresql.conf': 'statement_timeout = 5S\n' }, 'invalid-value').lines).toEqual(['statement_timeout = 5s']);
  });

  test('invalid-value: no suggestion when the fix is not obvious', () => {
    const ambiguous = suggested({ 'postgresql.conf': 'checkpoint_timeout = 5m\n' }, 'invalid-value'); // min? ms?
    expect(ambiguous.lines).toBeUndefined();
    expect(ambiguous.body).not.toContain('suggestion');
    expect(suggested({ 'postgresql.conf': 'max_connections = 0\n' }, 'invalid-value').lines).toBeUndefined();
  });

  test('removed-setting: the renamed line with the converted value (two edits, one line)', () => {
    expect(suggested({ 'postgresql.conf': 'wal_keep_segments = 64   # keep\n' }, 'removed-setting').lines).toEqual(['wal_keep_size = 1GB   # keep']);
  });

  test('duplicate-setting: the overridden line is deleted (an empty suggestion), with the caution', () => {
    const s = suggested({ 'postgresql.conf': 'max_connections = 100\nmax_connections = 200\n' }, 'duplicate-setting');
    expect(s.lines).toEqual([]);
    expect(s.body).toContain('\n\n```suggestion\n```\n\n> **Unsafe fix** (Remove the overridden assignment');
  });

  test('hba-md5: scram-sha-256 with the unsafe fix\'s caution', () => {
    const s = suggested({ 'pg_hba.conf': 'host  all  all  10.0.0.0/16  md5\n', 'postgresql.conf': 'password_encryption = scram-sha-256\n' }, 'hba-md5');
    expect(s.lines).toEqual(['host  all  all  10.0.0.0/16  scram-sha-256']);
    expect(s.body).toMatch(/```suggestion\nhost  all  all  10\.0\.0\.0\/16  scram-sha-256\n```\n\n> \*\*Unsafe fix\*\* \(Change the method to scram-sha-256.*\): it changes what the server does/);
  });
});

describe('review comments as GitHub\'s API takes them (pulls/create-review, checked against its OpenAPI description)', () => {
  let api: MockGitHub;
  const bodies: unknown[] = [];
  beforeAll(async () => {
    api = await startMockGitHub({
      'pulls/create-review': (req) => {
        bodies.push(req.body);
        return { status: 200, body: { ...example<Record<string, unknown>>('pull-request-review'), state: 'COMMENTED' } };
      },
    });
  });
  afterAll(async () => api.close());

  test('a one-line and a multi-line suggestion: line/side, and start_line/start_side for the range', async () => {
    const { getOctokit } = await import('@actions/github');
    const octokit = getOctokit('test-token', { baseUrl: api.url });
    const pr = { owner: 'acme', repo: 'dbconf', number: 7, headSha: 'a'.repeat(40), fork: false };
    await createReview(octokit, pr, 'review', [
      { path: 'db/postgresql.conf', line: 3, body: 'one' },
      { path: 'db/postgresql.conf', startLine: 4, line: 5, body: '```suggestion\na\nb\n```' },
    ]);
    expect(api.violations).toEqual([]);
    expect((bodies[0] as { comments: unknown[] }).comments).toEqual([
      { path: 'db/postgresql.conf', line: 3, side: 'RIGHT', body: 'one' },
      { path: 'db/postgresql.conf', start_line: 4, start_side: 'RIGHT', line: 5, side: 'RIGHT', body: '```suggestion\na\nb\n```' },
    ]);
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
      prDiff: true,
      failOnAccessWidening: false,
      token: 't',
      apiTimeoutMs: 30_000,
      apiBudgetMs: 120_000,
    });
    expect(readInputs(get({ 'api-timeout': '2.5', 'api-budget': '60', 'token-login': 'my-app[bot]' }))).toMatchObject({ apiTimeoutMs: 2500, apiBudgetMs: 60_000, tokenLogin: 'my-app[bot]' });
    expect(readInputs(get({})).paths).toEqual(['.']);
    expect(readInputs(get({ 'allow-empty': 'true' })).allowEmpty).toBe(true);
    expect(readInputs(get({ 'pr-diff': 'false', 'fail-on-access-widening': 'true' }))).toMatchObject({ prDiff: false, failOnAccessWidening: true });
    expect(readInputs(get({ 'pg-version': '16', 'sarif-file': 'x.sarif', config: 'c.yml' }))).toMatchObject({ pgVersion: 16, sarifFile: 'x.sarif', config: 'c.yml' });
  });
  test.each([
    [{ 'fail-on': 'errors' }, /fail-on must be error, warning, info or never/],
    [{ 'pg-version': '9' }, /pg-version "9" is not supported/],
    [{ 'only-changed': 'yes' }, /only-changed must be true or false/],
    [{ 'allow-empty': 'on' }, /allow-empty must be true or false/],
    [{ 'pr-diff': 'yes' }, /pr-diff must be true or false/],
    [{ 'fail-on-access-widening': '1' }, /fail-on-access-widening must be true or false/],
    [{ 'api-timeout': 'soon' }, /api-timeout must be a number of seconds above 0/],
    [{ 'api-timeout': '0' }, /api-timeout must be a number of seconds above 0/],
    [{ 'api-budget': '-5' }, /api-budget must be a number of seconds above 0/],
    [{ 'token-login': 'bob\n::error::x' }, /token-login must be a GitHub login/],
  ])('%j is rejected', (v, msg) => {
    expect(() => readInputs(get(v))).toThrow(msg);
  });
});
