import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LintResult } from '../src/api.js';
import { redactSecrets, secretRanges, MASK } from '../src/linter/redact.js';
import { charWidth, frameLines, layoutLine, MAX_LINE_COLUMNS, noPaint } from '../src/report/frame.js';
import { formatConcise, formatText, headerLine } from '../src/report/text.js';
import { createSourceFile, type SourceFile } from '../src/source/source.js';
import type { Diagnostic, Fix, Loc } from '../src/types.js';
import { cliInProcess } from './support/cli-in-process.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const CONF = 'db/postgresql.conf';
const HBA = 'db/pg_hba.conf';

function sourcesOf(files: Record<string, string>): Map<string, SourceFile> {
  return new Map(Object.entries(files).map(([p, t]) => [p, createSourceFile(p, `/repo/${p}`, t)]));
}

/** What the text report prints for one finding (its header line and frame), without colour. */
function show(files: Record<string, string>, d: Diagnostic): string {
  return [headerLine(d, noPaint), ...frameLines(d, sourcesOf(files), { paint: noPaint, fix: d.fix ? { fix: d.fix, hidden: false } : undefined })].join('\n');
}

/** The range of the first `needle` in `text` (after `from`). */
function at(text: string, needle: string, file = CONF, from = 0): Loc {
  const start = text.indexOf(needle, from);
  if (start === -1) throw new Error(`${JSON.stringify(needle)} not in the text`);
  return { file, start, end: start + needle.length };
}

const finding = (loc: Loc, extra: Partial<Diagnostic> = {}): Diagnostic => ({ rule: 'invalid-value', severity: 'error', message: 'the message', loc, ...extra });

describe('a finding shown with its source', () => {
  test('a one-line span: header, location, the line with carets under the span', () => {
    const text = 'shared_buffers = 128MB\nwork_mem = 8mb          # per sort\n';
    expect(show({ [CONF]: text }, finding(at(text, '8mb')))).toBe(
      [
        'error[invalid-value]: the message',
        ' --> db/postgresql.conf:2:12',
        '  |',
        '2 | work_mem = 8mb          # per sort',
        '  |            ^^^',
      ].join('\n'),
    );
  });

  test('help and a fix: `= help`, `= fix (applicability)` and the changed line as a diff; [*] for a safe fix', () => {
    const text = 'work_mem = 8mb          # per sort\n';
    const fix: Fix = { title: 'Write the unit as MB', applicability: 'safe', edits: [{ loc: at(text, '8mb'), text: '8MB' }] };
    expect(show({ [CONF]: text }, finding(at(text, '8mb'), { help: 'Valid units for this parameter are "kB", "MB".', fix }))).toBe(
      [
        'error[invalid-value] [*]: the message',
        ' --> db/postgresql.conf:1:12',
        '  |',
        '1 | work_mem = 8mb          # per sort',
        '  |            ^^^',
        '  |',
        '  = help: Valid units for this parameter are "kB", "MB".',
        '  = fix (safe): Write the unit as MB',
        '1 - work_mem = 8mb          # per sort',
        '1 + work_mem = 8MB          # per sort',
      ].join('\n'),
    );
  });

  test('an unsafe fix gets no [*]; a help that only repeats the fix title is said once; a deleted line has no + side', () => {
    const text = 'max_connections = 100\nmax_connections = 200\n';
    const fix: Fix = { title: 'Remove the overridden assignment', applicability: 'unsafe', edits: [{ loc: at(text, 'max_connections = 100\n'), text: '' }] };
    expect(show({ [CONF]: text }, finding(at(text, 'max_connections = 100'), { rule: 'duplicate-setting', severity: 'warning', help: fix.title, fix }))).toBe(
      [
        'warning[duplicate-setting]: the message',
        ' --> db/postgresql.conf:1:1',
        '  |',
        '1 | max_connections = 100',
        '  | ^^^^^^^^^^^^^^^^^^^^^',
        '  |',
        '  = fix (unsafe): Remove the overridden assignment',
        '1 - max_connections = 100',
      ].join('\n'),
    );
  });

  test('a multi-line span: its first and last line, carets on each, `...` between', () => {
    const text = "a = 1\nb = 'x\ny\nz\nw'\nc = 2\n";
    expect(show({ [CONF]: text }, finding(at(text, "'x\ny\nz\nw'"), { rule: 'syntax-error' }))).toBe(
      [
        'error[syntax-error]: the message',
        ' --> db/postgresql.conf:2:5',
        '  |',
        "2 | b = 'x",
        '  |     ^^',
        '...',
        "5 | w'",
        '  | ^^',
      ].join('\n'),
    );
    // Two adjacent lines: nothing left out between them.
    const two = "b = 'x\nw'\n";
    expect(show({ [CONF]: two }, finding(at(two, "'x\nw'")))).toBe(
      ['error[invalid-value]: the message', ' --> db/postgresql.conf:1:5', '  |', "1 | b = 'x", '  |     ^^', "2 | w'", '  | ^^'].join('\n'),
    );
  });

  test('a span that ends with the line break (a whole line) stays on its line', () => {
    const text = 'a = 1\nb = 2\n';
    expect(show({ [CONF]: text }, finding(at(text, 'a = 1\n')))).toBe(['error[invalid-value]: the message', ' --> db/postgresql.conf:1:1', '  |', '1 | a = 1', '  | ^^^^^^'].join('\n'));
  });

  test('related locations: `-` underlines with their message, in the same file and in another file (its own block)', () => {
    const conf = 'ssl = off\n# comment\n# comment\nmax_connections = 100\n';
    const hba = 'local all all peer\nhostssl all all 10.0.0.0/8 scram-sha-256\n';
    const d = finding(at(hba, 'hostssl', HBA), {
      rule: 'hba-hostssl-without-ssl',
      related: [
        { message: 'ssl is turned off here', loc: at(conf, 'ssl = off') },
        { message: 'the first record', loc: at(hba, 'local', HBA) },
      ],
    });
    expect(show({ [CONF]: conf, [HBA]: hba }, d)).toBe(
      [
        'error[hba-hostssl-without-ssl]: the message',
        ' --> db/pg_hba.conf:2:1',
        '  |',
        '1 | local all all peer',
        '  | ----- the first record',
        '2 | hostssl all all 10.0.0.0/8 scram-sha-256',
        '  | ^^^^^^^',
        '  |',
        ' --> db/postgresql.conf:1:1',
        '  |',
        '1 | ssl = off',
        '  | --------- ssl is turned off here',
      ].join('\n'),
    );
  });

  test('labels on one line: the rightmost at the end of the marker row, the others on connectors below', () => {
    const text = 'host all all 0.0.0.0/0 md5\n';
    const d = finding(at(text, '0.0.0.0/0', HBA), {
      related: [
        { message: 'the user', loc: at(text, 'all', HBA) },
        { message: 'the method', loc: at(text, 'md5', HBA) },
        { message: 'the database', loc: at(text, 'all', HBA, 9) },
      ],
    });
    expect(show({ [HBA]: text }, d)).toBe(
      [
        'error[invalid-value]: the message',
        ' --> db/pg_hba.conf:1:14',
        '  |',
        '1 | host all all 0.0.0.0/0 md5',
        '  |      --- --- ^^^^^^^^^ --- the method',
        '  |      |   |',
        '  |      |   the database',
        '  |      the user',
      ].join('\n'),
    );
  });

  test('a CRLF file: no carriage return shown, carets and the fix diff on the right columns', () => {
    const text = 'a = 1\r\nwork_mem = 8mb\r\nb = 2\r\n';
    const fix: Fix = { title: 'Write the unit as MB', applicability: 'safe', edits: [{ loc: at(text, '8mb'), text: '8MB' }] };
    expect(show({ [CONF]: text }, finding(at(text, '8mb'), { fix }))).toBe(
      [
        'error[invalid-value] [*]: the message',
        ' --> db/postgresql.conf:2:12',
        '  |',
        '2 | work_mem = 8mb',
        '  |            ^^^',
        '  |',
        '  = fix (safe): Write the unit as MB',
        '2 - work_mem = 8mb',
        '2 + work_mem = 8MB',
      ].join('\n'),
    );
  });

  test('tabs expand to stops every 8 columns, and the carets follow', () => {
    const text = 'work_mem\t=\t8mb\t# x\n\tfsync = of\n';
    expect(show({ [CONF]: text }, finding(at(text, '8mb')))).toBe(
      ['error[invalid-value]: the message', ' --> db/postgresql.conf:1:12', '  |', '1 | work_mem        =       8mb     # x', '  |                         ^^^'].join('\n'),
    );
    expect(show({ [CONF]: text }, finding(at(text, 'of')))).toBe(
      ['error[invalid-value]: the message', ' --> db/postgresql.conf:2:10', '  |', '2 |         fsync = of', '  |                 ^^'].join('\n'),
    );
  });

  test('a long line is cut around the span, `…` at each cut, carets under the span', () => {
    const text = `search_path = '${'a'.repeat(300)}BAD${'b'.repeat(300)}'\n`;
    const out = show({ [CONF]: text }, finding(at(text, 'BAD'), { severity: 'info', rule: 'x' })).split('\n');
    expect(out.slice(0, 3)).toEqual(['info[x]: the message', ' --> db/postgresql.conf:1:316', '  |']);
    // 24 columns of context before the span, then as much as fits in MAX_LINE_COLUMNS.
    expect(out[3]).toBe(`1 | …${'a'.repeat(24)}BAD${'b'.repeat(MAX_LINE_COLUMNS - 2 - 27)}…`);
    expect(out[4]).toBe(`  | ${' '.repeat(25)}^^^`);
    expect(out).toHaveLength(5);
    // A span at the start of a long line: cut on the right only.
    const start = show({ [CONF]: text }, finding(at(text, 'search_path'))).split('\n');
    expect(start[3]).toBe(`1 | search_path = '${'a'.repeat(MAX_LINE_COLUMNS - 2 - 15)}…`);
    expect(start[4]).toBe(`  | ${'^'.repeat(11)}`);
  });

  test('a 10 MB line is shown cut around a span at its end', () => {
    const text = `work_mem = ${'9 '.repeat(5_000_000)}kb\n`;
    const out = show({ [CONF]: text }, finding(at(text, 'kb'))).split('\n');
    // The window keeps one column for a caret after the end of the line.
    expect(out[3]).toBe(`1 | …${`${'9 '.repeat(MAX_LINE_COLUMNS)}kb`.slice(-(MAX_LINE_COLUMNS - 3))}`);
    expect(out[4]).toBe(`  | ${' '.repeat(MAX_LINE_COLUMNS - 4)}^^`);
    // Inside one token of megabytes (no blank or quote to start the credential scan from), nothing of it is shown.
    const token = `work_mem = ${'9'.repeat(10_000_000)}kb\n`;
    expect(show({ [CONF]: token }, finding(at(token, 'kb'))).split('\n').slice(3)).toEqual([`1 | …${MASK}`, '  |  ^^^^']);
  });

  test('a finding at the end of a file without a final newline, and a zero-length span, get one caret', () => {
    const text = 'a = 1\nwork_mem =';
    expect(show({ [CONF]: text }, finding({ file: CONF, start: text.length, end: text.length }, { rule: 'syntax-error' }))).toBe(
      ['error[syntax-error]: the message', ' --> db/postgresql.conf:2:11', '  |', '2 | work_mem =', '  |           ^'].join('\n'),
    );
    const mid = 'work_mem = 8MB\n';
    expect(show({ [CONF]: mid }, finding({ file: CONF, start: 9, end: 9 }))).toBe(
      ['error[invalid-value]: the message', ' --> db/postgresql.conf:1:10', '  |', '1 | work_mem = 8MB', '  |          ^'].join('\n'),
    );
    // At the very start of an empty file.
    expect(show({ [CONF]: '' }, finding({ file: CONF, start: 0, end: 0 }))).toBe(['error[invalid-value]: the message', ' --> db/postgresql.conf:1:1', '  |', '1 |', '  | ^'].join('\n'));
  });

  test('control characters, terminal escapes and bidi overrides in the file are shown escaped, carets aligned', () => {
    const text = "cluster_name = 'a\u001b[31mb\u202ec'\u0007\n";
    const out = show({ [CONF]: text }, finding(at(text, "c'"), { message: 'about \u001b[2J this' }));
    expect(out).toBe(
      [
        'error[invalid-value]: about \\x1b[2J this',
        ' --> db/postgresql.conf:1:25',
        '  |',
        "1 | cluster_name = 'a\\x1b[31mb\\u202ec'\\x07",
        `  | ${' '.repeat("cluster_name = 'a\\x1b[31mb\\u202e".length)}^^`,
      ].join('\n'),
    );
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  test('wide characters take two columns, combining marks none', () => {
    const text = "cluster_name = '日本語' # e\u0301x\n";
    expect(show({ [CONF]: text }, finding(at(text, 'x')))).toBe(
      ['error[invalid-value]: the message', ' --> db/postgresql.conf:1:26', '  |', "1 | cluster_name = '日本語' # e\u0301x", `  | ${' '.repeat(16 + 6 + 4 + 1)}^`].join('\n'),
    );
    expect([charWidth('a'.codePointAt(0)!), charWidth('日'.codePointAt(0)!), charWidth(0x301), charWidth(0x1f600), charWidth(0x200d)]).toEqual([1, 2, 0, 2, 0]);
  });

  test('credentials in the file are masked in the frame and in the diff, with the word they are in; a PEM private key block shows nothing', () => {
    const text = "primary_conninfo = 'host=p user=r password=hunter2 x'\n";
    const fix: Fix = { title: 'Quote', applicability: 'unsafe', edits: [{ loc: at(text, 'host'), text: 'HOST' }] };
    const out = show({ [CONF]: text }, finding(at(text, 'hunter2'), { rule: 'secret-in-config', fix }));
    expect(out).toBe(
      [
        'error[secret-in-config]: the message',
        ' --> db/postgresql.conf:1:44',
        '  |',
        `1 | primary_conninfo = 'host=p user=r ${MASK} x'`,
        '  |                                   ^^^^',
        '  |',
        '  = fix (unsafe): Quote',
        `1 - primary_conninfo = 'host=p user=r ${MASK} x'`,
        `1 + primary_conninfo = 'HOST=p user=r ${MASK} x'`,
      ].join('\n'),
    );
    // A URL's user name goes with its password (x-access-token is what a GitHub token's URL says).
    const url = 'url = https://x-access-token:ghs_16C7e42F292c6912E7710c838347Ae178B4a@github.com/acme/db\n';
    expect(show({ [CONF]: url }, finding(at(url, 'url'), { rule: 'unknown-setting' })).split('\n').slice(3)).toEqual([`1 | url = ${MASK}`, '  | ^^^']);
    const pem = 'a = 1\n-----BEGIN RSA PRIVATE KEY-----\nMIIC\nYe8BkkmG\n-----END RSA PRIVATE KEY-----\n';
    const key = show({ [CONF]: pem }, finding(at(pem, 'Ye8BkkmG'), { rule: 'syntax-error' }));
    expect(key).not.toContain('Ye8BkkmG');
    expect(key).toContain(`4 | ${MASK}`);
  });

  test('a fix whose text is not to be shown: its title only', () => {
    const text = 'restore_command = /bin/fetch/x\n';
    const fix: Fix = { title: 'Quote the value', applicability: 'unsafe', edits: [{ loc: at(text, '/bin/fetch/x'), text: "'/bin/fetch/x'" }] };
    const d = finding(at(text, '/'), { rule: 'syntax-error', fix });
    const rows = frameLines(d, sourcesOf({ [CONF]: text }), { paint: noPaint, fix: { fix, hidden: true } });
    expect(rows.slice(-1)).toEqual(['  = fix (unsafe): Quote the value (not shown: its text looks like a credential)']);
  });

  test('without a source (an unreadable file), or counting unlisted findings: the location alone', () => {
    const d = finding({ file: 'db/gone.conf', start: 0, end: 0 }, { rule: 'unreadable-file', help: 'Check it.' });
    expect(show({}, d)).toBe(['error[unreadable-file]: the message', ' --> db/gone.conf:1:1', '  = help: Check it.'].join('\n'));
    const text = 'a = 1\nb = 2\n';
    const more = finding(at(text, 'b = 2'), { rule: 'unused-directive', unlisted: 7 });
    expect(show({ [CONF]: text }, more)).toBe(['error[unused-directive]: the message', ' --> db/postgresql.conf:2:1'].join('\n'));
  });

  test('the gutter is as wide as the largest line number shown', () => {
    const text = Array.from({ length: 120 }, (_, i) => `p${i + 1} = 1`).join('\n') + '\n';
    const d = finding(at(text, 'p100 = 1'), { related: [{ message: 'first', loc: at(text, 'p9 = 1') }] });
    expect(show({ [CONF]: text }, d)).toBe(
      [
        'error[invalid-value]: the message',
        '   --> db/postgresql.conf:100:1',
        '    |',
        '  9 | p9 = 1',
        '    | ------ first',
        '...',
        '100 | p100 = 1',
        '    | ^^^^^^^^',
      ].join('\n'),
    );
  });

  test('bounded: 300 findings in a file of a million lines render in proportion to the lines shown', () => {
    const lines = 1_000_000;
    const text = 'work_mem = 8mb\n'.repeat(lines);
    const sources = sourcesOf({ [CONF]: text });
    const diagnostics = Array.from({ length: 300 }, (_, k) => finding({ file: CONF, start: (k * 3331 + 7) * 15 + 11, end: (k * 3331 + 7) * 15 + 14 }));
    const result = { files: [{ path: CONF }], diagnostics, clusters: [{}], sources } as unknown as LintResult;
    const t0 = performance.now();
    const out = formatText(result, { color: false });
    const ms = performance.now() - t0;
    expect(out.split('\n').filter((l) => l.endsWith('^^^'))).toHaveLength(300);
    // Splitting the file per finding would take minutes; the line index makes it a few milliseconds each.
    expect(ms).toBeLessThan(3000);
  });
});

describe('layoutLine', () => {
  test('a mark past a cut points at the `…`', () => {
    const text = 'x'.repeat(1000);
    const shown = layoutLine(text, [{ from: 10, to: 900 }]);
    expect(shown.text).toBe('x'.repeat(MAX_LINE_COLUMNS - 2) + '…');
    expect(shown.columns).toEqual([[10, MAX_LINE_COLUMNS - 1]]);
  });

  test('secretRanges masks what redactSecrets masks', () => {
    for (const s of ['password=hunter2 and token: ghs_16C7e42F292c6912E7710c838347Ae178B4a', 'https://u:pw@host/x', 'nothing here']) {
      let out = '';
      let last = 0;
      for (const [a, b] of secretRanges(s)) {
        out += s.slice(last, a) + MASK;
        last = b;
      }
      expect(out + s.slice(last)).toBe(redactSecrets(s));
    }
  });
});

describe('the text report', () => {
  /** Two files, a finding with a safe fix, one with help, one suppressed. */
  function sample(): LintResult {
    const conf = 'work_mem = 8mb\nshared_buffer = 1\n';
    const hba = 'host all all 0.0.0.0/0 trust\n';
    const sources = sourcesOf({ 'a/postgresql.conf': conf, 'b/pg_hba.conf': hba });
    const diagnostics: Diagnostic[] = [
      finding(at(conf, '8mb', 'a/postgresql.conf'), { fix: { title: 'Write the unit as MB', applicability: 'safe', edits: [{ loc: at(conf, '8mb', 'a/postgresql.conf'), text: '8MB' }] } }),
      finding(at(conf, 'shared_buffer', 'a/postgresql.conf'), { rule: 'unknown-setting', suppressed: { kind: 'directive', reason: 'testing' } }),
      finding(at(hba, '0.0.0.0/0', 'b/pg_hba.conf'), { rule: 'hba-open-to-world', severity: 'warning', message: 'open to every address', help: 'Restrict the address.' }),
    ];
    return { files: [{ path: 'a/postgresql.conf' }, { path: 'b/pg_hba.conf' }], diagnostics, clusters: [{}, {}], sources } as unknown as LintResult;
  }

  test('findings one after another, a blank line after each, then the summary; suppressed findings counted', () => {
    expect(formatText(sample(), { color: false })).toBe(
      [
        'error[invalid-value] [*]: the message',
        ' --> a/postgresql.conf:1:12',
        '  |',
        '1 | work_mem = 8mb',
        '  |            ^^^',
        '  |',
        '  = fix (safe): Write the unit as MB',
        '1 - work_mem = 8mb',
        '1 + work_mem = 8MB',
        '',
        'warning[hba-open-to-world]: open to every address',
        ' --> b/pg_hba.conf:1:14',
        '  |',
        '1 | host all all 0.0.0.0/0 trust',
        '  |              ^^^^^^^^^',
        '  |',
        '  = help: Restrict the address.',
        '',
        '✖ 2 problems (1 error, 1 warning, 0 info) in 2 files',
        '[*] 1 fixable with --fix.',
        '1 suppressed.',
        '',
      ].join('\n'),
    );
  });

  test('no findings: the summary alone', () => {
    const result = { files: [{ path: CONF }], diagnostics: [], clusters: [{}], sources: sourcesOf({ [CONF]: 'work_mem = 8MB\n' }) } as unknown as LintResult;
    expect(formatText(result, { color: false })).toBe('No problems found in 1 file (1 cluster).\n');
  });

  test('colour only when asked: severity, gutter and carets painted; none of it without', () => {
    const plain = formatText(sample(), { color: false });
    const coloured = formatText(sample(), { color: true });
    expect(plain).not.toContain('\u001b');
    expect(coloured).toContain('\u001b[1;31merror[invalid-value]\u001b[0m');
    expect(coloured).toContain('\u001b[1;31m^^^\u001b[0m');
    expect(coloured).toContain('\u001b[1;33m^^^^^^^^^\u001b[0m');
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  test('concise: one line per finding, as the text report was before it showed the source', () => {
    expect(formatConcise(sample(), { color: false })).toBe(
      [
        'a/postgresql.conf:1:12  error  the message  invalid-value [*]',
        '',
        'b/pg_hba.conf:1:14  warning  open to every address  hba-open-to-world',
        '  ↳ Restrict the address.',
        '',
        '✖ 2 problems (1 error, 1 warning, 0 info) in 2 files',
        '[*] 1 fixable with --fix.',
        '1 suppressed.',
        '',
      ].join('\n'),
    );
    expect(formatConcise(sample(), { color: true })).toContain('\u001b[1ma/postgresql.conf:1:12\u001b[0m  \u001b[31merror\u001b[0m  the message  \u001b[90minvalid-value\u001b[0m [*]');
  });
});

describe('the CLI', () => {
  test('--format concise prints the one-line form; text (the default) shows the source', async () => {
    const dir = makeTree({ 'db/postgresql.conf': 'work_mem = 8mb\n' });
    const concise = await cliInProcess(['.', '--format', 'concise'], dir);
    expect(concise.code).toBe(1);
    expect(concise.stdout).toMatch(/^db\/postgresql\.conf:1:12  error  invalid value for parameter "work_mem": "8mb" .*  invalid-value( \[\*\])?\n  ↳ Write the number with a unit PostgreSQL 18 accepts for work_mem: B, kB, MB, GB, TB \(units are case-sensitive\)\.\n\n✖ 1 problem/);
    const text = await cliInProcess(['.'], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^error\[invalid-value\]( \[\*\])?: invalid value for parameter "work_mem": "8mb" .*\n --> db\/postgresql\.conf:1:12\n  \|\n1 \| work_mem = 8mb\n  \|            \^\^\^\n/);
  });

  test('--fix --format concise: the one-line report of what remains, then what was fixed', async () => {
    const dir = makeTree({ 'db/postgresql.conf': 'shared_buffer = 1\n' });
    const r = await cliInProcess(['.', '--fix', '--format', 'concise'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^db\/postgresql\.conf:1:1  error  unrecognized configuration parameter "shared_buffer": .*  unknown-setting\n(?:.*\n)*✖ 1 problem .*\n/);
    expect(r.stdout).toMatch(/\nFixed 0 problems.*\n$/);
  });

  test('--format concise is for check only; an unknown format names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgcl-text-'));
    try {
      writeFileSync(join(dir, 'postgresql.conf'), 'work_mem = 8MB\n');
      const settings = await cliInProcess(['settings', '.', '--format', 'concise'], dir);
      expect(settings.code).toBe(2);
      expect(settings.stderr).toMatch(/--format concise applies to check only/);
      const bad = await cliInProcess(['.', '--format', 'short'], dir);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--format must be text, concise, json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
