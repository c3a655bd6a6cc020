import { afterAll, describe, expect, test } from '@jest/globals';
import { escapeMarkdown, formatMarkdown } from '../src/report/markdown.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const ZWJ = '\u200d';

describe('escapeMarkdown', () => {
  test.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a | b', 'a \\| b'],
    ['`code`', '\\`code\\`'],
    ['![x](http://evil)', `\\!\\[x\\](http:${ZWJ}//evil)`],
    ['[y](https://evil.example)', `\\[y\\](https:${ZWJ}//evil.example)`],
    ['<https://evil.example>', `&lt;https:${ZWJ}//evil.example&gt;`],
    ['cc @acme/admins and @bob', `cc @${ZWJ}acme/admins and @${ZWJ}bob`],
    ['see www.evil.example', `see www${ZWJ}.evil.example`],
    ['fixes acme/repo#12', `fixes acme/repo\\#${ZWJ}12`],
    ['a & b &amp;', 'a &amp; b &amp;amp;'],
    ['two\nlines\r\nhere', 'two lines here'],
    ['*bold* _it_ ~del~ $x$', '\\*bold\\* \\_it\\_ \\~del\\~ \\$x\\$'],
    ['<!-- pgconf-lint -->', '&lt;\\!-- pgconf-lint --&gt;'],
  ])('%j', (input, output) => {
    expect(escapeMarkdown(input)).toBe(output);
  });
});

describe('the markdown report (job summary, PR comment, --format markdown)', () => {
  const evil = "wal_level = '<img src=x> @acme/admins ![x](http://evil) | cell'\nwork_mem = 8mb\n";

  test('a table per cluster with severity, location, rule linked to its docs, and the message', () => {
    const { result } = lintTree({ 'a/postgresql.conf': 'work_mem = 8mb\n', 'b/postgresql.conf': 'shared_buffer = 1\n' });
    const md = formatMarkdown(result);
    expect(md).toMatch(/^## pgconf-lint\n\n❌ \*\*2 problems\*\* \(2 errors, 0 warnings, 0 info\) in 2 files \(2 clusters\)\./);
    expect(md).toContain('### a — PostgreSQL 18');
    expect(md).toContain('### b — PostgreSQL 18');
    expect(md).toContain('| severity | location | rule | message |');
    expect(md).toMatch(/\| 🔴 error \| a\/postgresql\.conf:1:12 \| \[invalid-value\]\(https:\/\/github\.com\/pgconf-lint\/pgconf-lint\/blob\/v\d+\.\d+\.\d+\/docs\/rules\/invalid-value\.md\) \| invalid value for parameter "work\\_mem"/);
    expect(md).toContain('<details><summary>Checked 2 files in 2 clusters (PostgreSQL 18)</summary>');
  });

  test('values from files are neutralised', () => {
    const md = formatMarkdown(lintTree({ 'db/postgresql.conf': evil }).result);
    expect(md).not.toContain('<img');
    expect(md).not.toContain('@acme');
    expect(md).not.toContain('![x](');
    expect(md).not.toContain('http://evil');
    // the | in the value does not end the table cell: every row still has exactly 5 unescaped pipes
    for (const row of md.split('\n').filter((l) => l.startsWith('| 🔴'))) expect(row.replace(/\\\|/g, '').match(/\|/g)).toHaveLength(5);
  });

  test('locations link to files when asked; suppressed findings are listed apart with their reason', () => {
    const { result } = lintTree({ 'db/postgresql.conf': '# pgconf-lint disable-next-line invalid-value -- known <b>\nwork_mem = 8mb\nshared_buffer = 1\n' });
    const md = formatMarkdown(result, { linkFile: (f, l) => `https://example.test/${f}#L${l}` });
    expect(md).toContain('[db/postgresql.conf:3:1](https://example.test/db/postgresql.conf#L3)');
    expect(md).toContain('1 finding suppressed');
    expect(md).toMatch(/<details><summary>1 suppressed finding<\/summary>[\s\S]*⚪ error \(suppressed\)[\s\S]*suppressed: known &lt;b&gt;/);
    expect(md).toMatch(/1 problem\*\* \(1 error/);
  });

  test('long tables are collapsed; output stays within the byte budget and says what was left out', () => {
    const files: Record<string, string> = {};
    files['db/postgresql.conf'] = Array.from({ length: 400 }, (_, i) => `unknown_setting_number_${i} = 1`).join('\n') + '\n';
    const { result } = lintTree(files);
    const full = formatMarkdown(result);
    expect(full).toMatch(/<details><summary>400 errors, 0 warnings, 0 info<\/summary>/);
    const capped = formatMarkdown(result, { maxBytes: 20_000, header: '<!-- pgconf-lint -->' });
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(20_000);
    expect(capped.startsWith('<!-- pgconf-lint -->\n## pgconf-lint')).toBe(true);
    const shown = capped.match(/\| 🔴 error \|/g)?.length ?? 0;
    expect(shown).toBeGreaterThan(10);
    expect(capped).toContain(`… ${400 - shown} more findings not shown here (size limit)`);
    expect(capped).toContain('Checked 1 file in 1 cluster');
  });

  test('a clean run says so', () => {
    expect(formatMarkdown(lintTree({ 'postgresql.conf': 'work_mem = 8MB\n' }).result)).toMatch(/✅ \*\*No problems found\*\* in 1 file \(1 cluster\)\./);
  });
});
