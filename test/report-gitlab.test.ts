import { afterAll, describe, expect, test } from '@jest/globals';
import { docsUrl } from '../src/linter/rule.js';
import { formatGitlab, GITLAB_SEVERITY, toGitlab, type CodeQualityIssue } from '../src/report/gitlab.js';
import { toSarif, FINGERPRINT_KEY } from '../src/report/sarif.js';
import { fixHint } from '../src/report/fixable.js';
import type { Diagnostic } from '../src/types.js';
import { fixRule, replaceValue } from './support/fix-rule.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';
import { gitlabCodeQualityValidator } from './support/gitlab-codequality-schema.js';

afterAll(cleanupFixtures);

const validate = gitlabCodeQualityValidator();

function expectValid(report: unknown): void {
  const ok = validate(report);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const CONF = [
  'work_mem = 8mb',
  'shared_buffer = 1',
  '# pgconf-lint disable-next-line invalid-value -- testing the suppression',
  'maintenance_work_mem = 9mb',
  'fsync = off',
  '',
].join('\n');
/** The fix line a finding's body has when its rule offers a fix (pinned by the test-rule case below). */
const hint = (d: Diagnostic): string => (d.fix ? fixHint(d.fix) + '\n\n' : '');

const HBA = 'local all all peer\nhost all all 0.0.0.0/0 md5\nhost all all 0.0.0.0/0 md5\n';

describe('--format gitlab (Code Quality)', () => {
  test('the report follows the documented format: one issue per unsuppressed finding, unique fingerprints', () => {
    const { result } = lintTree({ 'db/postgresql.conf': CONF, 'db/pg_hba.conf': HBA });
    const text = formatGitlab(result);
    const report = JSON.parse(text) as CodeQualityIssue[];
    expectValid(report);
    const active = result.diagnostics.filter((d) => !d.suppressed);
    expect(result.diagnostics.length).toBeGreaterThan(active.length);
    expect(report).toHaveLength(active.length);
    expect(new Set(report.map((i) => i.fingerprint)).size).toBe(report.length);
    expect(report.map((i) => i.check_name)).toEqual(active.map((d) => d.rule));
    for (const i of report) expect(i.location.lines.end).toBeGreaterThanOrEqual(i.location.lines.begin);
    // Two identical pg_hba records: two issues, told apart by their fingerprints.
    expect(report.filter((i) => i.location.path === 'db/pg_hba.conf').map((i) => i.location.lines.begin)).toEqual([2, 3]);

    const invalid = report.find((i) => i.check_name === 'invalid-value')!;
    expect(invalid).toEqual({
      type: 'issue',
      check_name: 'invalid-value',
      description: active.find((d) => d.rule === 'invalid-value')!.message,
      content: { body: `${active.find((d) => d.rule === 'invalid-value')!.help}\n\n${hint(active.find((d) => d.rule === 'invalid-value')!)}[invalid-value](${docsUrl('invalid-value')})` },
      categories: ['Bug Risk'],
      severity: 'critical',
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      location: { path: 'db/postgresql.conf', lines: { begin: 1, end: 1 } },
    });
    const unknown = active.find((d) => d.rule === 'unknown-setting')!;
    expect(report.find((i) => i.check_name === 'unknown-setting')!.content!.body).toBe(`${unknown.help}\n\n${hint(unknown)}[unknown-setting](${docsUrl('unknown-setting')})`);
    expect(report.find((i) => i.check_name === 'hba-md5' || i.check_name === 'hba-open-to-world')!.categories).toEqual(['Security']);
    expect(report.find((i) => i.check_name === 'fsync-off')!.categories).toEqual(['Bug Risk']);
  });

  test('a finding with a fix names it and the command that applies it, after the help', () => {
    const rules = [fixRule('test-safe', 'work_mem', 'safe', replaceValue('16MB'), 'Double it'), fixRule('test-unsafe', 'shared_buffers', 'unsafe', replaceValue('2GB'), 'Grow it')];
    const report = toGitlab(lintTree({ 'postgresql.conf': 'work_mem = 8MB\nshared_buffers = 1GB\n' }, {}, rules).result);
    expectValid(report);
    expect(report.map((i) => i.content!.body)).toEqual([
      `test-safe help\n\nFix (safe): Double it — pgconf-lint --fix\n\n[test-safe](${docsUrl('test-safe')})`,
      `test-unsafe help\n\nFix (unsafe): Grow it — pgconf-lint --unsafe-fixes\n\n[test-unsafe](${docsUrl('test-unsafe')})`,
    ]);
  });

  test('the schema rejects what GitLab would not read', () => {
    const { result } = lintTree({ 'db/postgresql.conf': 'work_mem = 8mb\n' });
    const [issue] = toGitlab(result);
    expectValid([issue]);
    const broken: unknown[] = [
      { ...issue, severity: 'error' },
      { ...issue, fingerprint: undefined },
      { ...issue, location: { path: './db/postgresql.conf', lines: { begin: 1 } } },
      { ...issue, location: { path: '/abs/postgresql.conf', lines: { begin: 1 } } },
      { ...issue, location: { path: 'db/postgresql.conf' } },
      { ...issue, location: { path: 'db/postgresql.conf', lines: { begin: 0 } } },
    ];
    for (const b of broken) expect(validate([b])).toBe(false);
  });

  test('severities map error -> critical, warning -> major, info -> info, following the finding (a --rule override included)', () => {
    expect(GITLAB_SEVERITY).toEqual({ error: 'critical', warning: 'major', info: 'info' });
    const { result } = lintTree({ 'postgresql.conf': 'work_mem = 8mb\nfsync = off\n' }, { rules: { 'invalid-value': 'info' } });
    const report = toGitlab(result);
    expectValid(report);
    for (const i of report) {
      const d = result.diagnostics.find((x) => x.rule === i.check_name)!;
      expect(i.severity).toBe(GITLAB_SEVERITY[d.severity]);
    }
    expect(report.find((i) => i.check_name === 'invalid-value')!.severity).toBe('info');
  });

  test('fingerprints are those of SARIF, stable across runs and when lines move', () => {
    const before = lintTree({ 'db/postgresql.conf': CONF, 'db/pg_hba.conf': HBA }).result;
    const again = lintTree({ 'db/postgresql.conf': CONF, 'db/pg_hba.conf': HBA }).result;
    const moved = lintTree({ 'db/postgresql.conf': '# a comment\n\n' + CONF, 'db/pg_hba.conf': '# header\n' + HBA }).result;
    const key = (r: CodeQualityIssue[]) => r.map((i) => `${i.check_name} ${i.fingerprint}`).sort();
    expect(key(toGitlab(again))).toEqual(key(toGitlab(before)));
    expect(key(toGitlab(moved))).toEqual(key(toGitlab(before)));
    expect(toGitlab(moved).map((i) => i.location.lines.begin)).not.toEqual(toGitlab(before).map((i) => i.location.lines.begin));
    const sarif = new Set(toSarif(before).runs[0]!.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]));
    for (const i of toGitlab(before)) expect(sarif.has(i.fingerprint)).toBe(true);
  });

  test('a finding whose range ends at the start of the next line ends on its own line; no findings: an empty array', () => {
    const { result } = lintTree({ 'postgresql.conf': 'work_mem = 8MB\n' });
    expect(formatGitlab(result)).toBe('[]\n');
    expectValid([]);
    const d = { rule: 'syntax-error', severity: 'error' as const, message: 'x', loc: { file: 'postgresql.conf', start: 0, end: 15 } };
    const { result: r2 } = lintTree({ 'postgresql.conf': 'work_mem = 8MB\nport = 5432\n' });
    const report = toGitlab({ ...r2, diagnostics: [d] });
    expectValid(report);
    expect(report[0]!.location.lines).toEqual({ begin: 1, end: 1 });
  });
});
