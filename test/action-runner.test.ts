/**
 * src/action/runner.ts speaks the runner's protocol (workflow commands on stdout, GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY, INPUT_*) in place of @actions/core, which the Action no longer bundles (it
 * loads undici at start-up). Every function must write exactly what @actions/core's does: compared
 * here on the same input, byte for byte, with @actions/core itself (a devDependency for this test).
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import * as core from '@actions/core';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as runner from '../src/action/runner.js';
import { parseCommands } from './support/action-run.js';

/** What `fn` writes to stdout (and the exit code it sets), with the real stream left untouched. */
function stdoutOf(fn: () => void): { out: string; exitCode: typeof process.exitCode } {
  const write = process.stdout.write;
  const before = process.exitCode;
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    fn();
  } finally {
    process.stdout.write = write;
  }
  const exitCode = process.exitCode;
  process.exitCode = before;
  return { out, exitCode };
}

/** Strings that try to end a command, start one, or break a property: the attacker's file names and messages. */
const NASTY = [
  '',
  'plain',
  '100% sure',
  '%0A is not a line break',
  'line one\nline two',
  'carriage\rreturn',
  'crlf\r\n::error::injected',
  '\n::warning file=x::pwned',
  'a:b,c=d',
  'file=../../etc/passwd,line=1',
  '::',
  ':: ::',
  '%25%0D%0A%3A%2C',
  'ünïcødé ✓ \u202e bidi \x1b[31m ansi',
  ' leading and trailing spaces ',
];

const ANNOTATION_PROPS: core.AnnotationProperties[] = [
  {},
  { title: 'rule-name' },
  { title: 'hba-md5', file: 'pg/pg_hba.conf', startLine: 3, endLine: 3, startColumn: 1, endColumn: 12 },
  { file: 'pg/postgresql.conf', startLine: 7, endLine: 9 },
  { title: undefined, file: undefined },
  { title: '', file: 'x', startLine: 0, endLine: 0 },
  { title: 'a,b:c', file: 'dir,with:odd\nname%\r.conf', startLine: 1 },
];

describe('workflow commands, as @actions/core writes them', () => {
  test.each(['error', 'warning', 'notice'] as const)('%s with every message and every set of properties', (kind) => {
    for (const message of NASTY) {
      for (const props of ANNOTATION_PROPS) {
        const ours = stdoutOf(() => runner[kind](message, props)).out;
        expect(ours).toBe(stdoutOf(() => core[kind](message, props)).out);
      }
      expect(stdoutOf(() => runner[kind](message)).out).toBe(stdoutOf(() => core[kind](message)).out);
    }
  });

  test('info and debug', () => {
    for (const message of NASTY) {
      expect(stdoutOf(() => runner.info(message)).out).toBe(stdoutOf(() => core.info(message)).out);
      expect(stdoutOf(() => runner.debug(message)).out).toBe(stdoutOf(() => core.debug(message)).out);
    }
  });

  test('setFailed: the same error annotation, and exit code 1', () => {
    for (const message of NASTY) {
      const ours = stdoutOf(() => runner.setFailed(message));
      const theirs = stdoutOf(() => core.setFailed(message));
      expect(ours).toEqual(theirs);
      expect(ours.exitCode).toBe(1);
    }
  });

  test('any message and properties (generated): the same line as @actions/core', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '%', '\r', '\n', ':', ',', '=', '0', 'A', 'é', '\u202e') });
    fc.assert(
      fc.property(
        fc.constantFrom('error', 'warning', 'notice'),
        text,
        fc.record(
          {
            title: text,
            file: text,
            startLine: fc.nat(100),
            endLine: fc.nat(100),
            startColumn: fc.nat(100),
            endColumn: fc.nat(100),
          },
          { requiredKeys: [] },
        ),
        (kind, message, props) => {
          expect(stdoutOf(() => runner[kind](message, props)).out).toBe(stdoutOf(() => core[kind](message, props)).out);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('a message or a property cannot end its command or start another (SECURITY.md)', () => {
    const out = stdoutOf(() =>
      runner.warning('done\n::error::injected\r\n::set-output name=x::y', { title: 'x,file=evil.conf', file: 'a::b\n::error::c', startLine: 2 }),
    ).out;
    expect(out.split('\n').filter(Boolean)).toHaveLength(1);
    expect(parseCommands(out)).toEqual([
      { kind: 'warning', props: { title: 'x,file=evil.conf', file: 'a::b\n::error::c', line: '2' }, message: 'done\n::error::injected\r\n::set-output name=x::y' },
    ]);
  });
});

describe('inputs, outputs and the job summary', () => {
  let dir: string;
  const saved = { ...process.env };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pgconf-lint-runner-'));
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  test('getInput: INPUT_<NAME> (spaces as underscores, upper case), trimmed, empty when unset', () => {
    process.env['INPUT_FAIL-ON'] = '  warning \n';
    process.env.INPUT_SOME_NAME = 'x';
    process.env['INPUT_PATHS'] = 'a b\nc';
    delete process.env['INPUT_UNSET'];
    for (const name of ['fail-on', 'FAIL-ON', 'some name', 'paths', 'unset']) {
      expect(runner.getInput(name)).toBe(core.getInput(name));
    }
    expect(runner.getInput('fail-on')).toBe('warning');
  });

  /** GITHUB_OUTPUT's text with the random delimiters named by their order. */
  const outputs = (path: string): string => {
    const names = new Map<string, string>();
    return readFileSync(path, 'utf8').replace(/ghadelimiter_[0-9a-f-]{36}/g, (d) => {
      if (!names.has(d)) names.set(d, `D${names.size}`);
      return names.get(d)!;
    });
  };

  test('setOutput: the same GITHUB_OUTPUT blocks, each with a fresh random delimiter', () => {
    const ours = join(dir, 'ours.txt');
    const theirs = join(dir, 'theirs.txt');
    writeFileSync(ours, '');
    writeFileSync(theirs, '');
    const values: [string, unknown][] = [
      ['errors', 3],
      ['warnings', 0],
      ['sarif-file', ''],
      ['sarif-file', 'reports/out.sarif'],
      ['access-widened', 'true'],
      ['multi', 'line one\nline two\r\n<<EOF\nEOF'],
      ['obj', { a: [1, 'b'] }],
      ['nothing', undefined],
    ];
    process.env.GITHUB_OUTPUT = ours;
    const outOurs = stdoutOf(() => values.forEach(([k, v]) => runner.setOutput(k, v))).out;
    process.env.GITHUB_OUTPUT = theirs;
    const outTheirs = stdoutOf(() => values.forEach(([k, v]) => core.setOutput(k, v))).out;
    expect(outOurs).toBe('');
    expect(outTheirs).toBe('');
    expect(outputs(ours)).toBe(outputs(theirs));
    // Every block has its own delimiter.
    expect(new Set(readFileSync(ours, 'utf8').match(/ghadelimiter_[0-9a-f-]{36}/g)).size).toBe(values.length);
  });

  test('setOutput: a GITHUB_OUTPUT that does not exist is refused with the same error', () => {
    process.env.GITHUB_OUTPUT = join(dir, 'missing.txt');
    expect(() => runner.setOutput('a', 'b')).toThrow(new Error(`Missing file at path: ${join(dir, 'missing.txt')}`));
    expect(() => core.setOutput('a', 'b')).toThrow(new Error(`Missing file at path: ${join(dir, 'missing.txt')}`));
  });

  test('setOutput without GITHUB_OUTPUT: the set-output command, as @actions/core writes it', () => {
    delete process.env.GITHUB_OUTPUT;
    for (const value of ['x', 'a\nb%', 7, '']) {
      expect(stdoutOf(() => runner.setOutput('na,me:x', value)).out).toBe(stdoutOf(() => core.setOutput('na,me:x', value)).out);
    }
  });

  test('appendSummary: what core.summary.addRaw(text, true).write() appends', async () => {
    const ours = join(dir, 'ours.md');
    const theirs = join(dir, 'theirs.md');
    writeFileSync(ours, 'before\n');
    writeFileSync(theirs, 'before\n');
    for (const text of ['# pgconf-lint\n\n| a | b |\n', 'no line end', '']) {
      process.env.GITHUB_STEP_SUMMARY = ours;
      await runner.appendSummary(text);
      process.env.GITHUB_STEP_SUMMARY = theirs;
      await core.summary.addRaw(text, true).write();
    }
    expect(readFileSync(ours, 'utf8')).toBe(readFileSync(theirs, 'utf8'));
    expect(readFileSync(ours, 'utf8')).toBe('before\n# pgconf-lint\n\n| a | b |\n\nno line end\n\n');
  });

  test('appendSummary: an unset or unreachable GITHUB_STEP_SUMMARY fails with the messages of @actions/core', async () => {
    // (Compared with the text of @actions/core 3's summary.js: core.summary remembers the first path it used.)
    delete process.env.GITHUB_STEP_SUMMARY;
    await expect(runner.appendSummary('x')).rejects.toThrow(
      new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.'),
    );
    const missing = join(dir, 'missing.md');
    process.env.GITHUB_STEP_SUMMARY = missing;
    await expect(runner.appendSummary('x')).rejects.toThrow(
      new Error(`Unable to access summary file: '${missing}'. Check if the file has correct read/write permissions.`),
    );
  });
});
