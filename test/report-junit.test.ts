import { afterAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { parse, type TestCase, type TestSuite, type TestSuites } from 'junit2json';
import { SaxesParser } from 'saxes';
import type { LintResult } from '../src/api.js';
import { docsUrl } from '../src/linter/rule.js';
import { formatJunit, xmlSafe } from '../src/report/junit.js';
import type { Diagnostic } from '../src/types.js';
import { fixHint } from '../src/report/fixable.js';
import { fixRule, replaceValue } from './support/fix-rule.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

/** The fix line a failure has when the finding's rule offers a fix (pinned by the test-rule case). */
const hint = (d: Diagnostic): string => (d.fix ? fixHint(d.fix) + '\n' : '');

/**
 * Well-formedness under a strict XML 1.0 parser: saxes throws on any well-formedness error,
 * characters XML 1.0 forbids included.
 */
function expectWellFormed(xml: string): void {
  const p = new SaxesParser({ xmlns: false });
  p.write(xml).close();
}

/**
 * junit2json (xml2js underneath) parses JUnit XML the way report tools built on it (test
 * dashboards, CTRF converters) read it; the report's single suite and its test cases.
 */
async function consume(xml: string, asText = false): Promise<{ suites: TestSuites; suite: TestSuite; cases: TestCase[] }> {
  // junit2json reads attribute values that look like numbers as numbers (counts); `asText` keeps
  // every attribute a string, for comparing arbitrary text.
  const suites = (await (asText ? parse(xml, {}) : parse(xml))) as TestSuites;
  expect(suites.testsuite).toHaveLength(1);
  const suite = suites.testsuite![0]!;
  return { suites, suite, cases: suite.testcase ?? [] };
}

const CONF = [
  "work_mem = 8mb",
  "shared_buffer = 1",
  "# pgconf-lint disable-next-line invalid-value -- testing the suppression",
  "maintenance_work_mem = 9mb",
  "",
].join('\n');

describe('--format junit', () => {
  test('a test case per file, a failure per unsuppressed finding, counts as the consumer reads them', async () => {
    const { result } = lintTree({ 'db/postgresql.conf': CONF, 'db/pg_hba.conf': 'local all all peer\n' });
    const xml = formatJunit(result);
    expectWellFormed(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const { suites, suite, cases } = await consume(xml);

    expect(cases.map((c) => c.name).sort()).toEqual(result.files.map((f) => f.path).sort());
    expect(cases.map((c) => c.name).sort()).toEqual(['db/pg_hba.conf', 'db/postgresql.conf']);
    const failedCases = cases.filter((c) => c.failure?.length);
    for (const s of [suites, suite]) {
      expect(s.tests).toBe(cases.length);
      expect(s.failures).toBe(failedCases.length);
      expect(s.errors).toBe(0);
    }
    expect(suite.skipped).toBe(0);

    // pg_hba.conf has no findings: a passing test case.
    const hba = cases.find((c) => c.name === 'db/pg_hba.conf')!;
    expect(hba.failure).toBeUndefined();
    expect(hba.skipped).toBeUndefined();

    const conf = cases.find((c) => c.name === 'db/postgresql.conf')!;
    const active = result.diagnostics.filter((d) => d.loc.file === 'db/postgresql.conf' && !d.suppressed);
    expect(active.map((d) => d.rule).sort()).toEqual(['invalid-value', 'unknown-setting']);
    expect(conf.failure).toHaveLength(active.length);
    expect(conf.classname).toBe('pgconf-lint');
    expect(suite.properties).toEqual([{ name: 'findings', value: active.length }]);

    const invalid = conf.failure!.find((f) => f.type === 'invalid-value')!;
    const d = active.find((x) => x.rule === 'invalid-value')!;
    expect(invalid.message).toBe(d.message);
    expect(invalid.inner).toBe(`db/postgresql.conf:1:12: error invalid-value: ${d.message}\n${d.help ? d.help + '\n' : ''}${hint(d)}Rule: invalid-value (${docsUrl('invalid-value')})`);
    // The help, when a finding has one, follows the first line.
    const unknown = active.find((x) => x.rule === 'unknown-setting')!;
    expect(unknown.help).toBeTruthy();
    expect(conf.failure!.find((f) => f.type === 'unknown-setting')!.inner).toBe(
      `db/postgresql.conf:2:1: error unknown-setting: ${unknown.message}\n${unknown.help}\n${hint(unknown)}Rule: unknown-setting (${docsUrl('unknown-setting')})`,
    );

    // The suppressed finding fails nothing and is not <skipped> (which would hide the failures).
    // The output lists every finding (Jenkins shows only the first <failure>), the suppressed one
    // with its reason.
    expect(conf.skipped).toBeUndefined();
    expect(conf['system-out']).toHaveLength(1);
    const suppressed = result.diagnostics.find((x) => x.suppressed)!;
    expect(conf['system-out']![0]!.split('\n')).toEqual([
      `db/postgresql.conf:1:12: error invalid-value: ${d.message}`,
      `db/postgresql.conf:2:1: error unknown-setting: ${unknown.message}`,
      `db/postgresql.conf:4:24: error invalid-value: ${suppressed.message} (suppressed, directive: testing the suppression)`,
    ]);
    expect(hba['system-out']).toBeUndefined();
  });

  test('a finding with a fix names it and the command that applies it, after the help', async () => {
    const rules = [fixRule('test-safe', 'work_mem', 'safe', replaceValue('16MB'), 'Double it'), fixRule('test-unsafe', 'shared_buffers', 'unsafe', replaceValue('2GB'), 'Grow it')];
    const xml = formatJunit(lintTree({ 'postgresql.conf': 'work_mem = 8MB\nshared_buffers = 1GB\n' }, {}, rules).result);
    expectWellFormed(xml);
    const { cases } = await consume(xml);
    expect(cases[0]!.failure!.map((f) => f.inner)).toEqual([
      `postgresql.conf:1:12: warning test-safe: test-safe says\ntest-safe help\nFix (safe): Double it — pgconf-lint --fix\nRule: test-safe (${docsUrl('test-safe')})`,
      `postgresql.conf:2:18: warning test-unsafe: test-unsafe says\ntest-unsafe help\nFix (unsafe): Grow it — pgconf-lint --unsafe-fixes\nRule: test-unsafe (${docsUrl('test-unsafe')})`,
    ]);
  });

  test('a run without findings: every test case passes', async () => {
    const { result } = lintTree({ 'postgresql.conf': 'work_mem = 8MB\n', 'pg_hba.conf': 'local all all peer\n', 'pg_ident.conf': '' });
    expect(result.diagnostics).toEqual([]);
    const xml = formatJunit(result);
    expectWellFormed(xml);
    const { suite, cases } = await consume(xml);
    expect(cases).toHaveLength(3);
    expect(suite).toMatchObject({ tests: 3, failures: 0 });
    for (const c of cases) expect(c.failure).toBeUndefined();
  });

  test('file text quoted in findings: markup is escaped, characters XML 1.0 forbids never appear', async () => {
    // The value is quoted by invalid-value's message: a control character, markup, an ANSI escape,
    // a bidi override and a non-BMP character.
    const nasty = `8mb<b>&amp;"\u0001\u001b[31m\u202e]]>\u{1F418}`;
    const { result } = lintTree({ 'postgresql.conf': `work_mem = '${nasty}'\n` });
    const d = result.diagnostics.find((x) => x.rule === 'invalid-value')!;
    expect(d.message).toContain('\u0001');
    const xml = formatJunit(result);
    expectWellFormed(xml);
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202e\ufffe\uffff]/);
    const { cases } = await consume(xml);
    const f = cases[0]!.failure![0]!;
    expect(f.message).toBe(xmlSafe(d.message));
    expect(f.message).toContain('8mb<b>&amp;"\\x01\\x1b[31m\\u202e]]>\u{1F418}');
  });

  test('line breaks and tabs survive XML parsers that normalize them (a raw CR is read as LF, and in attributes as a blank)', async () => {
    const message = 'a\r\nb\rc\td\ne';
    const d: Diagnostic = { rule: 'syntax-error', severity: 'error', message, loc: { file: 'postgresql.conf', start: 0, end: 0 } };
    const xml = formatJunit({ files: [], diagnostics: [d], sources: new Map() } as unknown as LintResult);
    expectWellFormed(xml);
    expect(xml).not.toContain('\r');
    expect(xml).toContain('message="a&#13;&#10;b&#13;c&#9;d&#10;e"');
    // saxes applies XML's normalization: what it reads back is the message itself.
    const p = new SaxesParser();
    const read: string[] = [];
    let inFailure = false;
    p.on('opentag', (t) => {
      inFailure = t.name === 'failure';
      if (inFailure) read.push(String(t.attributes.message));
    });
    p.on('text', (t) => {
      if (inFailure) read.push(t);
    });
    p.on('closetag', () => (inFailure = false));
    p.write(xml).close();
    expect(read).toEqual([message, `postgresql.conf:1:1: error syntax-error: ${message}\nRule: syntax-error (${docsUrl('syntax-error')})`]);
    const { cases } = await consume(xml, true);
    expect(cases[0]!.failure![0]!.message).toBe(message);
  });

  test("GitLab's attachment marker cannot be made by quoted file text", async () => {
    const { result } = lintTree({ 'postgresql.conf': "work_mem = '[[ATTACHMENT|/etc/passwd]]'\n" });
    expect(result.diagnostics[0]!.message).toContain('[[ATTACHMENT|');
    // GitLab reads the marker in a test case's <system-out> only.
    const { cases } = await consume(formatJunit(result));
    expect(cases[0]!['system-out']![0]).not.toContain('[[');
    expect(cases[0]!['system-out']![0]).toContain('"[ [ATTACHMENT|/etc/passwd]]"');
  });

  test('the strict parser does reject what the escaping prevents', () => {
    expect(() => expectWellFormed('<a>\u0001</a>')).toThrow(/disallowed character/);
    expect(() => expectWellFormed('<a>\uffff</a>')).toThrow(/disallowed character/);
    expect(() => expectWellFormed('<a b="<"/>')).toThrow();
  });

  test('any message and path: well-formed, and the consumer reads back exactly the made-safe text', async () => {
    const fullUnicode = fc.string({ unit: 'binary', maxLength: 40 });
    const anyUtf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
    const text = fc.oneof(fullUnicode, anyUtf16);
    await fc.assert(
      fc.asyncProperty(text, text.filter((s) => s.trim() !== ''), text, async (message, path, help) => {
        const d: Diagnostic = { rule: 'invalid-value', severity: 'warning', message, help, loc: { file: path, start: 0, end: 0 } };
        const result = { files: [], diagnostics: [d], sources: new Map() } as unknown as LintResult;
        const xml = formatJunit(result);
        expectWellFormed(xml);
        const { cases } = await consume(xml, true);
        expect(cases).toHaveLength(1);
        expect(cases[0]!.name).toBe(xmlSafe(path));
        expect(cases[0]!.failure![0]!.message).toBe(xmlSafe(message));
        expect(cases[0]!.failure![0]!.inner).toBe(xmlSafe(`${path}:1:1: warning invalid-value: ${message}\n${help ? help + '\n' : ''}Rule: invalid-value (${docsUrl('invalid-value')})`));
      }),
      { numRuns: 300 },
    );
  });
});
