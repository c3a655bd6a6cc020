import type { Report } from './types.js';
import { docsUrl } from '../linter/rule.js';
import { fixHint, shownFix } from './fixable.js';
import type { Diagnostic } from '../types.js';
import { locate, neutralizeControls } from './common.js';

/**
 * JUnit XML for CI servers that show test reports (Jenkins' junit step, GitLab's
 * artifacts:reports:junit): one <testsuite> for the run, one <testcase> per linted file, one
 * <failure> per unsuppressed finding (type: the rule; the text: location, severity, rule, message,
 * help, the fix (its title and the command that applies it), related locations, documentation). A file
 * without findings is a passing test case.
 *
 * `failures` counts the test cases that failed (JUnit's meaning: failed tests), not <failure>
 * elements; `findings` in the suite's properties counts those.
 *
 * Suppressed findings are not <skipped>: JUnit consumers (Jenkins among them) treat a test case
 * that holds <skipped> as skipped as a whole, which would hide the file's real failures. They do
 * not fail the test case.
 *
 * The test case's <system-out> lists every finding of the file, one line each, suppressed ones with
 * their reason: Jenkins shows only the first <failure> of a test case (CaseResult reads one), and
 * shows the output beside it.
 */
export function formatJunit(result: Report): string {
  const byFile = new Map<string, Diagnostic[]>();
  for (const f of result.files) byFile.set(f.path, []);
  // Findings about a file that is not in the list (a missing include is reported where it is
  // written, but be safe): the file gets its own test case.
  const extra = [...new Set(result.diagnostics.map((d) => d.loc.file).filter((p) => !byFile.has(p)))].sort();
  for (const p of extra) byFile.set(p, []);
  for (const d of result.diagnostics) byFile.get(d.loc.file)!.push(d);

  const cases: string[] = [];
  let failed = 0;
  let findings = 0;
  for (const [path, diags] of byFile) {
    const active = diags.filter((d) => !d.suppressed);
    const suppressed = diags.filter((d) => d.suppressed);
    if (active.length) failed++;
    findings += active.length;
    const body: string[] = [];
    for (const d of active) {
      body.push(`      <failure message="${attr(d.message)}" type="${attr(d.rule)}">${text(failureText(d, result))}</failure>`);
    }
    if (diags.length) {
      const lines = [...active, ...suppressed].map(
        (d) => `${where(d, result)}: ${d.severity} ${d.rule}: ${d.message}${d.suppressed ? ` (suppressed, ${d.suppressed.kind}: ${d.suppressed.reason})` : ''}`,
      );
      // GitLab reads [[ATTACHMENT|path]] in a test case's output as a link to a job artifact:
      // text quoted from the files must not make one.
      body.push(`      <system-out>${text(lines.join('\n').replace(/\[\[/g, '[ ['))}</system-out>`);
    }
    const open = `    <testcase name="${attr(path)}" classname="pgconf-lint" file="${attr(path)}"`;
    cases.push(body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`);
  }
  const counts = `tests="${byFile.size}" failures="${failed}" errors="0" skipped="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pgconf-lint" ${counts}>`,
    `  <testsuite name="pgconf-lint" ${counts}>`,
    '    <properties>',
    `      <property name="findings" value="${findings}"/>`,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function where(d: Diagnostic, result: Report): string {
  const r = locate(d, result.sources);
  return `${d.loc.file}:${r.line}:${r.column}`;
}

function failureText(d: Diagnostic, result: Report): string {
  return [
    `${where(d, result)}: ${d.severity} ${d.rule}: ${d.message}`,
    ...(d.help ? [d.help] : []),
    ...(shownFix(d) ? [fixHint(shownFix(d)!)] : []),
    ...(d.related ?? []).map((rel) => `  ${where({ ...d, loc: rel.loc }, result)}: ${rel.message}`),
    `Rule: ${d.rule} (${docsUrl(d.rule)})`,
  ].join('\n');
}

/**
 * Text from the files (quoted in messages) made safe for XML 1.0: characters XML forbids (C0
 * controls other than tab and line breaks, U+FFFE, U+FFFF, lone surrogates) and the ones that
 * can drive a terminal or reorder text (C1 controls, bidi overrides) are shown escaped (`\x01`).
 */
export function xmlSafe(s: string): string {
  return neutralizeControls(s).replace(/[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Element content: markup characters escaped; a carriage return kept as such (parsers turn a raw one into a line feed). */
function text(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute value (in double quotes): also quotes, and whitespace that parsers would normalize to a blank. */
function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
