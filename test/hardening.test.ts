/**
 * A repository built to break the linter, checked with the real CLI (dist/cli.cjs) in every output
 * format: includes and symlinks that escape the root, cycles, nesting beyond PostgreSQL's limit,
 * FIFOs and directories where files are expected, a file above the size limit, binary junk, UTF-16,
 * NUL bytes, invalid UTF-8, a 10 MB line, a million tiny lines, and injection strings in values and
 * file names. Asserted: the run completes with the right findings, nothing outside the root is
 * opened (the outside targets are FIFOs, which would block the process if opened, and canary files
 * whose contents would show up in the findings), no output can be hijacked, and memory stays bounded.
 * How PostgreSQL itself reads UTF-16, a BOM, NUL bytes and invalid UTF-8 is judged with a real server.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initCluster, type PgCluster } from '../scripts/lib/postgres.mjs';
import type { Major } from '../src/catalog/types.js';
import { judgeConfText, judgeHbaFile } from './support/judge.js';
import { sarifValidator } from './support/sarif-schema.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(REPO, 'dist', 'cli.cjs');

const CANARY = 'CANARY_OUTSIDE_7f3a';
const INJECT = "::error::pwned%0A::warning::x\n<img src=x onerror=alert(1)> @org/team ![x](http://e/x.png) [l](http://e) \u001b[31mred\u001b[0m \u202eevil\u202c \u0007 #1 <!-- c -->";
const MAX = 11_000_000;
/** The major that judges encodings and NUL bytes (PGCONF_LINT_HARDENING_MAJOR; 12 and 18 agree too). */
const JUDGE: Major = Number(process.env.PGCONF_LINT_HARDENING_MAJOR ?? 16) as Major;

let base: string;
let root: string;
let outside: string;

function w(rel: string, content: string | Buffer): void {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
}

/** A conf string literal holding s (quotes doubled; the escape-free parts only). */
const lit = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'pgconf-lint-hostile-'));
  root = join(base, 'repo');
  outside = join(base, 'outside');
  mkdirSync(join(outside, 'dir'), { recursive: true });
  mkdirSync(root);
  // Outside the root: canaries whose contents would show up in findings, and FIFOs that block whoever opens them.
  writeFileSync(join(outside, 'canary.conf'), `work_mem = ${CANARY}\n`);
  writeFileSync(join(outside, 'dir', 'a.conf'), `work_mem = ${CANARY}\n`);
  writeFileSync(join(outside, 'hba-canary'), `${CANARY}\n`);
  execFileSync('mkfifo', [join(outside, 'fifo.conf'), join(outside, 'dir', 'fifo.conf'), join(outside, 'fifo-hba')]);

  // The cluster under test.
  w(
    'main/postgresql.conf',
    [
      `include '../../outside/canary.conf'`, // 1: .. out
      `include '${join(outside, 'canary.conf')}'`, // 2: absolute out
      `include 'link-out.conf'`, // 3: symlink to an outside FIFO
      `include_dir 'linkdir'`, // 4: symlinked directory out
      `include 'linkdir/a.conf'`, // 5: through the symlinked directory
      `include_if_exists 'linkdir/missing.conf'`, // 6: must not probe outside either
      `include 'cycle-a.conf'`, // 7: a -> b -> a
      `include 'deep/d1.conf'`, // 8: depth 11
      `include 'fifo.conf'`, // 9: a FIFO inside
      `include 'adir.conf'`, // 10: a directory
      `include 'huge.conf'`, // 11: above the size limit
      `include 'junk.conf'`, // 12
      `include 'utf16.conf'`, // 13
      `include 'nul.conf'`, // 14
      `include 'badutf8.conf'`, // 15
      `include 'longline.conf'`, // 16
      `application_name = ${lit(INJECT.replace('\n', ' '))}`, // 17
      `cluster_name = ${lit('::add-mask::x\r::error file=a,line=1::y')}`, // 18
      `work_mem = ${lit('<script>alert(1)</script>@here')}`, // 19: invalid value, quoted in the finding
      `${'\u202e'}shared_buffers = 1`, // 20: unknown name with a bidi override
      '',
    ].join('\n'),
  );
  symlinkSync(join(outside, 'fifo.conf'), join(root, 'main', 'link-out.conf'));
  symlinkSync(join(outside, 'dir'), join(root, 'main', 'linkdir'));
  w('main/cycle-a.conf', "include 'cycle-b.conf'\n");
  w('main/cycle-b.conf', "include 'cycle-a.conf'\n");
  for (let i = 1; i <= 11; i++) w(`main/deep/d${i}.conf`, `include 'd${i + 1}.conf'\n`);
  w('main/deep/d12.conf', 'port = 5433\n');
  execFileSync('mkfifo', [join(root, 'main', 'fifo.conf')]);
  mkdirSync(join(root, 'main', 'adir.conf'));
  w('main/huge.conf', '');
  truncateSync(join(root, 'main', 'huge.conf'), MAX + 1_000_000);
  const junk = Buffer.alloc(50_000);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) % 256;
  w('main/junk.conf', junk);
  w('main/utf16.conf', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('port = 5433\n', 'utf16le')]));
  w('main/nul.conf', Buffer.from('max_connections = 10\u0000 junk\nport = 5433\n', 'latin1'));
  w('main/badutf8.conf', Buffer.concat([Buffer.from("cluster_name = 'caf"), Buffer.from([0xe9, 0xff, 0xc3, 0x28]), Buffer.from("'\r\n")]));
  w('main/longline.conf', `log_line_prefix = '${'x'.repeat(10 * 1024 * 1024)}'\n`);

  w(
    'main/pg_hba.conf',
    [
      `local all @${join(outside, 'fifo-hba')} trust`, // 1: absolute @file to an outside FIFO
      'local all @../../outside/hba-canary trust', // 2: .. @file
      'include ../../outside/fifo-hba', // 3
      'include_dir linkdir', // 4
      `host all "${INJECT.replace(/["\n]/g, '')}" 0.0.0.0/0 trust`, // 5: open to the world, injection in a user name
      'local all @linkdir/a.conf trust', // 6
      'local all @self-at trust', // 7: an @file including itself
      '',
    ].join('\n'),
  );
  w('main/self-at', '@self-at\n@self-at\n@self-at\n');
  w('main/PG_VERSION', '16\n');

  // Another cluster, discovered through files that are symlinks out of the root (never opened).
  mkdirSync(join(root, 'linked'));
  symlinkSync(join(outside, 'fifo.conf'), join(root, 'linked', 'postgresql.conf'));
  symlinkSync(join(outside, 'fifo-hba'), join(root, 'linked', 'pg_hba.conf'));
  symlinkSync(join(outside, 'dir'), join(root, 'walk-out'));

  // File and directory names that try to inject.
  w('::error title=x::pwned\n::warning::y/postgresql.conf', `application_name = ${lit(INJECT.replace('\n', ' '))}\nwork_mem = 8mb\n`);
  w('\u001b[31mred <img src=x> @team/postgresql.conf', 'work_mem = 8mb\n');
});

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; a process that opened an outside FIFO would block until the timeout kills it. */
function cli(args: string[], cwd = root, timeout = 90_000): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  if (r.error) throw r.error;
  if (r.signal) throw new Error(`pgconf-lint was killed (${r.signal}): did it open a FIFO? stderr: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const COMMON = ['.', '--max-file-size', String(MAX), '--fail-on', 'error'];
const FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;
const runs = new Map<string, Run>();
const run = (format: (typeof FORMATS)[number]): Run => {
  let r = runs.get(format);
  if (!r) runs.set(format, (r = cli([...COMMON, '--format', format])));
  return r;
};

interface JsonDiag {
  rule: string;
  severity: string;
  message: string;
  file: string;
  line: number;
}

describe('a hostile repository is checked to the end', () => {
  test('every format completes with exit 1 and no stack trace; nothing outside the root shows up', () => {
    for (const f of FORMATS) {
      const r = run(f);
      expect({ format: f, code: r.code, stderr: r.stderr }).toEqual({ format: f, code: 1, stderr: '' });
      expect(r.stdout).not.toContain(CANARY);
    }
  });

  test('the right findings', () => {
    const report = JSON.parse(run('json').stdout) as { diagnostics: JsonDiag[]; files: { path: string }[] };
    const at = (file: string, line: number): JsonDiag[] => report.diagnostics.filter((d) => d.file === file && d.line === line);
    const one = (file: string, line: number, rule: string, message: RegExp): void => {
      expect(at(file, line)).toEqual(expect.arrayContaining([expect.objectContaining({ rule, message: expect.stringMatching(message) })]));
    };
    const M = 'main/postgresql.conf';
    for (const line of [1, 2, 3, 4, 5, 6]) one(M, line, 'missing-include', /outside/);
    one('main/cycle-b.conf', 1, 'missing-include', /includes|cycle|nesting depth/);
    one('main/deep/d10.conf', 1, 'missing-include', /maximum nesting depth exceeded/);
    one(M, 9, 'missing-include', /not a regular file/);
    one(M, 10, 'missing-include', /Is a directory/);
    one(M, 11, 'missing-include', new RegExp(`larger than the limit of ${MAX} bytes`));
    one('main/junk.conf', 1, 'syntax-error', /syntax error/);
    expect(report.diagnostics.filter((d) => d.file === 'main/junk.conf').length).toBeLessThanOrEqual(25);
    one('main/utf16.conf', 1, 'syntax-error', /syntax error near token/);
    one('main/nul.conf', 1, 'syntax-error', /syntax error near token ""/);
    one(M, 19, 'invalid-value', /work_mem/);
    one(M, 20, 'unknown-setting', /unrecognized configuration parameter/);
    one('main/pg_hba.conf', 1, 'hba-invalid-record', /outside/);
    one('main/pg_hba.conf', 2, 'hba-invalid-record', /outside/);
    one('main/pg_hba.conf', 3, 'hba-invalid-record', /outside/);
    one('main/pg_hba.conf', 6, 'hba-invalid-record', /outside/);
    expect(at('main/pg_hba.conf', 5).map((d) => d.rule)).toContain('hba-open-to-world');
    one('linked/postgresql.conf', 1, 'unreadable-file', /outside the checked root/);
    one('linked/pg_hba.conf', 1, 'unreadable-file', /outside the checked root/);
    // The 10 MB line was read, and the message quoting it is cut.
    expect(report.files.map((f) => f.path)).toEqual(expect.arrayContaining(['main/postgresql.conf', 'main/pg_hba.conf']));
    for (const d of report.diagnostics) expect(d.message.length).toBeLessThanOrEqual(2100);
    // The directory walk did not follow walk-out/ out of the root.
    expect(report.diagnostics.some((d) => d.file.startsWith('walk-out/'))).toBe(false);
    // Injection names were found and checked like any other cluster.
    expect(report.diagnostics.some((d) => d.file.startsWith('::error title=x::pwned\n') && d.rule === 'invalid-value')).toBe(true);
  });

  test('text: no escape sequences, no workflow command at a line start, no bidi overrides', () => {
    const out = run('text').stdout;
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    for (const line of out.split('\n')) expect(line).not.toMatch(/^\s*::/);
    expect(out).toContain('\\x1b[31m');
  });

  test('github: one command per line, data and properties escaped', () => {
    const out = run('github').stdout;
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const lines = out.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      // ::kind props::data — the properties cannot contain "::", so the data starts where we say.
      expect(line).toMatch(/^::(error|warning|notice)(?: (?:[a-zA-Z]+=[^:,]*)(?:,[a-zA-Z]+=[^:,]*)*)?::[^\r\n]*$/);
    }
  });

  test('markdown: no HTML, mentions, images or links from the files', () => {
    const out = run('markdown').stdout;
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const withoutOurTags = out.replace(/<\/?(details|summary|br)>/g, '');
    expect(withoutOurTags).not.toContain('<');
    expect(out).not.toMatch(/@\w/);
    expect(out).not.toMatch(/(^|[^\\])!\[/);
    // Every link is ours: rule documentation.
    for (const m of out.matchAll(/(?<!\\)\]\(([^)]*)\)/g)) expect(m[1]).toMatch(/^https:\/\/github\.com\/pgconf-lint\/pgconf-lint\/blob\/v\d+\.\d+\.\d+\/docs\/rules\//);
  });

  test('json and sarif parse; sarif validates against the SARIF 2.1.0 schema', () => {
    expect(() => JSON.parse(run('json').stdout) as unknown).not.toThrow();
    const sarif = JSON.parse(run('sarif').stdout) as unknown;
    const validate = sarifValidator();
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
  });

  test('settings and hba views stay inside the root and escape control characters', () => {
    for (const cmd of ['settings', 'hba']) {
      const r = cli([cmd, '.', '--max-file-size', String(MAX)]);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain(CANARY);
      expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      for (const line of r.stdout.split('\n')) expect(line).not.toMatch(/^\s*::/);
    }
  });

  test('an @file that references itself over and over ends, also where PostgreSQL has no depth limit (13)', () => {
    const r = cli(['main', '--pg-version', '13', '--max-file-size', String(MAX), '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { diagnostics: JsonDiag[] };
    expect(report.diagnostics.some((d) => d.rule === 'hba-invalid-record' && /nesting too deep|more than 10000 files opened/.test(d.message))).toBe(true);
  });

  test('the size limit also comes from the config file (maxFileSize)', () => {
    writeFileSync(join(base, 'limit.yml'), 'maxFileSize: 1kB\n');
    const r = cli(['main', '--config', join(base, 'limit.yml'), '--format', 'json']);
    const report = JSON.parse(r.stdout) as { diagnostics: JsonDiag[] };
    expect(report.diagnostics.filter((d) => /larger than the limit of 1024 bytes/.test(d.message)).map((d) => [d.file, d.line])).toEqual(
      expect.arrayContaining([['main/postgresql.conf', 11], ['main/postgresql.conf', 16]]),
    );
  });

  test('explicit paths outside the root are refused with exit 2 and one line', () => {
    const r = cli([join(outside, 'canary.conf')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/outside the root/);
  });
});

describe('unreadable files', () => {
  test('a file without read permission is a finding; the rest is still checked', () => {
    const dir = join(base, 'perm');
    mkdirSync(join(dir, 'a'), { recursive: true });
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'a', 'postgresql.conf'), 'work_mem = 8MB\n', { mode: 0o000 });
    writeFileSync(join(dir, 'a', 'pg_hba.conf'), "local all all trust\ninclude_dir noperm.d\n");
    mkdirSync(join(dir, 'a', 'noperm.d'), { mode: 0o000 });
    writeFileSync(join(dir, 'b', 'postgresql.conf'), 'work_mem = 8mb\n');
    // As root every file is readable: run the CLI as nobody then.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if (asNobody.uid !== undefined) {
      for (const d of [base, dir, join(dir, 'a'), join(dir, 'b')]) execFileSync('chmod', ['755', d]);
      execFileSync('chmod', ['644', join(dir, 'a', 'pg_hba.conf'), join(dir, 'b', 'postgresql.conf')]);
    }
    const r = spawnSync(process.execPath, [CLI, '.', '--format', 'json', '--pg-version', '16'], { cwd: dir, encoding: 'utf8', timeout: 60_000, ...asNobody });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { diagnostics: JsonDiag[] };
    expect(report.diagnostics.map((d) => [d.rule, d.file, d.line, /Permission denied/.test(d.message)])).toEqual(
      expect.arrayContaining([
        ['unreadable-file', 'a/postgresql.conf', 1, true],
        // (the view's error column names the directory without the reason, as PostgreSQL's does)
        ['hba-invalid-record', 'a/pg_hba.conf', 2, false],
        ['invalid-value', 'b/postgresql.conf', 1, false],
      ]),
    );
  });
});

describe('a million tiny lines', () => {
  test('are checked in bounded memory', () => {
    const dir = join(base, 'million');
    mkdirSync(dir);
    const kinds = ['#c', '', 'port = 5432', 'x.y = 1', 'a = 1', "work_mem = '1MB'", '  # x'];
    const lines: string[] = [];
    for (let i = 0; i < 1_000_000; i++) lines.push(kinds[i % kinds.length]!);
    writeFileSync(join(dir, 'postgresql.conf'), lines.join('\n') + '\n');
    // Report the child's peak RSS on exit (not a timing assertion).
    const probe = `process.on('exit', () => process.stderr.write('MAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n')); process.argv = [process.argv[0], ${JSON.stringify(CLI)}, '.', '--format', 'json', '--pg-version', '16']; await import(${JSON.stringify('file://' + CLI)});`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: dir, encoding: 'utf8', timeout: 240_000, maxBuffer: 512 * 1024 * 1024 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    const rss = Number(/MAXRSS_KB (\d+)/.exec(r.stderr)?.[1]);
    const report = JSON.parse(r.stdout) as { diagnostics: JsonDiag[] };
    // Findings per rule and file are capped, with one finding counting the rest.
    expect(report.diagnostics.some((d) => /more unknown-setting findings in this file are not listed/.test(d.message))).toBe(true);
    expect(report.diagnostics.length).toBeLessThan(5000);
    console.log(`a million lines: peak RSS ${Math.round(rss / 1024)} MB, ${report.diagnostics.length} findings`);
    expect(rss).toBeLessThan(1024 * 1024);
  }, 300_000);
});

describe(`what PostgreSQL does with encodings and NUL bytes (judged by PostgreSQL ${JUDGE})`, () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await initCluster(JUDGE);
  }, 120_000);
  afterAll(async () => {
    await cluster?.cleanup();
  });
  const cases: [string, Buffer][] = [
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('port = 5433\n', 'utf16le')])],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('port = 5433\n', 'utf16le').swap16()])],
    ['UTF-8 BOM', Buffer.from('\ufeffport = 5433\n')],
    ['UTF-8 BOM before a comment', Buffer.from('\ufeff# c\nport = 5433\n')],
    ['NUL in a value', Buffer.from('max_connections = 10\u0000 junk\nport = 5433\n', 'latin1')],
    ['NUL in a string', Buffer.from("application_name = 'a\u0000b'\n", 'latin1')],
    ['NUL at line start', Buffer.from('\u0000port = 5433\n', 'latin1')],
    ['invalid UTF-8 in a string', Buffer.concat([Buffer.from("cluster_name = 'caf"), Buffer.from([0xe9, 0xff, 0xc3, 0x28]), Buffer.from("'\r\n")])],
    ['invalid UTF-8 in a name', Buffer.concat([Buffer.from('x'), Buffer.from([0xff]), Buffer.from('.y = 1\n')])],
    ['CRLF and a lone CR', Buffer.from('port = 5433\r\nwork_mem = 8MB\rmax_connections = 5\r\n')],
  ];
  test.each(cases)('%s', async (name, bytes) => {
    expect(await judgeConfText(JUDGE, cluster, `hardening:${name}`, bytes)).toEqual([]);
  }, 60_000);

  describe('in pg_hba.conf', () => {
    let server: PgCluster;
    beforeAll(async () => {
      server = await initCluster(JUDGE);
      await server.start();
    }, 120_000);
    afterAll(async () => {
      await server?.cleanup();
    });
    const line = 'local all all trust\nhost all all 10.0.0.0/8 md5\n';
    const hbaCases: [string, Buffer][] = [
      ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(line, 'utf16le')])],
      ['UTF-8 BOM', Buffer.from('\ufeff' + line)],
      // pg_get_line_append drops the rest of a line after a NUL and appends the next line to it
      ['NUL in a line', Buffer.from('local all all\u0000 trust\nhost all all 10.0.0.0/8 md5\n', 'latin1')],
      ['NUL before a newline', Buffer.from('local all all trust\u0000\nhost all all 10.0.0.0/8 md5\nlocal all all peer\n', 'latin1')],
      ['NUL in the last line', Buffer.from('host all all 10.0.0.0/8 md5\nlocal all all trust\u0000x', 'latin1')],
      ['NUL lines in a row, then a continuation', Buffer.from('local\u0000a\nall\u0000b\n all trust \\\n map=x\nlocal all all peer\n', 'latin1')],
      ['NUL after 2000 bytes', Buffer.from(`local all all trust # ${'x'.repeat(2000)}\u0000y\nhost all all 10.0.0.0/8 md5\nlocal all all peer\n`, 'latin1')],
      ['invalid UTF-8 in a user name', Buffer.concat([Buffer.from('local all caf'), Buffer.from([0xe9, 0xff]), Buffer.from(' trust\n')])],
      ['CRLF', Buffer.from(line.replace(/\n/g, '\r\n'))],
    ];
    test.each(hbaCases)('%s', async (name, bytes) => {
      expect(await judgeHbaFile(JUDGE, server, `hardening-hba:${name}`, bytes)).toEqual([]);
    }, 60_000);
  });
});
