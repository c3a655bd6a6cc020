// --fix / --unsafe-fixes / --diff at the library level (src/fix/apply.ts, write.ts, diff.ts), with
// test-only rules that carry fixes: lossless writing (CRLF, BOM, Latin-1, no final newline, trailing
// spaces, tabs), passes, applicability, suppression, and the write guarantees under attack
// (symlinks, a symlinked directory, swaps between lint and write, read-only files, FIFOs).
import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineRule, type Rule } from '../src/linter/rule.js';
import type { LintOptions } from '../src/api.js';
import { fixDiff, fixSummary, runFixes, type FixOptions } from '../src/fix/apply.js';
import { splitLines, unifiedHunks } from '../src/fix/diff.js';
import { checkTarget, encodeText, roundTripProblem, writeRoot, writeTarget } from '../src/fix/write.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const docs = { summary: 'test', why: '', invalid: [], valid: [], references: [] };

/** Safe: a lower-case size unit (`8mb`) written as PostgreSQL spells it (`8MB`). */
const units: Rule = defineRule({
  name: 'test-units',
  category: 'validity',
  severity: 'error',
  fixable: 'always',
  appliesTo: ['postgresql.conf'],
  docs,
  check(ctx) {
    for (const a of ctx.cluster.assignments) {
      const v = a.line;
      const m = /^(\d+)(kb|mb|gb)$/.exec(v.raw);
      if (!m) continue;
      const loc = { file: a.file.path, start: v.valueStart, end: v.valueEnd };
      ctx.report({ loc, message: 'unit case', fix: { title: 'Upper-case the unit', applicability: 'safe', edits: [{ loc, text: m[1] + m[2]!.toUpperCase() }] } });
    }
  },
});

/** Unsafe: password_encryption = md5 → scram-sha-256. */
const md5: Rule = defineRule({
  name: 'test-md5',
  category: 'validity',
  severity: 'warning',
  fixable: 'always',
  appliesTo: ['postgresql.conf'],
  docs,
  check(ctx) {
    for (const a of ctx.cluster.assignments) {
      if (a.key !== 'password_encryption' || a.line.value !== 'md5') continue;
      const v = a.line;
      const loc = { file: a.file.path, start: v.valueStart, end: v.valueEnd };
      ctx.report({ loc, message: 'md5', fix: { title: 'Use scram-sha-256', applicability: 'unsafe', edits: [{ loc, text: 'scram-sha-256' }] } });
    }
  },
});

/** A fix that makes the next one: cluster_name 'aN' → 'aN+1' while N < limit (one step per pass). */
function chain(limit: number): Rule {
  return defineRule({
    name: 'test-chain',
    category: 'validity',
    severity: 'error',
    fixable: 'always',
    appliesTo: ['postgresql.conf'],
    docs,
    check(ctx) {
      for (const a of ctx.cluster.assignments) {
        const m = /^a(\d+)$/.exec(a.line.value);
        if (a.key !== 'cluster_name' || !m || Number(m[1]) >= limit) continue;
        const v = a.line;
        const loc = { file: a.file.path, start: v.valueStart, end: v.valueEnd };
        ctx.report({ loc, message: 'chain', fix: { title: 'Next', applicability: 'safe', edits: [{ loc, text: `'a${Number(m[1]) + 1}'` }] } });
      }
    },
  });
}

/** Overlaps test-units' edit: an upper-case name is lower-cased, the edit spanning name to value. */
const lowerName: Rule = defineRule({
  name: 'test-lower-name',
  category: 'validity',
  severity: 'error',
  fixable: 'always',
  appliesTo: ['postgresql.conf'],
  docs,
  check(ctx) {
    for (const a of ctx.cluster.assignments) {
      const l = a.line;
      if (l.name === l.name.toLowerCase()) continue;
      const text = a.file.text;
      const loc = { file: a.file.path, start: l.nameStart, end: l.valueEnd };
      ctx.report({ loc, message: 'name case', fix: { title: 'Lower-case', applicability: 'safe', edits: [{ loc, text: l.name.toLowerCase() + text.slice(l.nameEnd, l.valueEnd) }] } });
    }
  },
});

/** Inserts a character Latin-1 cannot hold. */
const euro: Rule = defineRule({
  name: 'test-euro',
  category: 'validity',
  severity: 'error',
  fixable: 'always',
  appliesTo: ['postgresql.conf'],
  docs,
  check(ctx) {
    for (const a of ctx.cluster.assignments) {
      if (a.key !== 'application_name') continue;
      const v = a.line;
      const loc = { file: a.file.path, start: v.valueStart, end: v.valueEnd };
      ctx.report({ loc, message: 'euro', fix: { title: 'Euro', applicability: 'safe', edits: [{ loc, text: "'€'" }] } });
    }
  },
});

const RULES = [units, md5];
const fix = (dir: string, opts: Partial<FixOptions> = {}, rules: readonly Rule[] = RULES, lintOpts: LintOptions = {}, paths = ['.']) =>
  runFixes(paths, { cwd: dir, ...lintOpts }, rules, { unsafe: false, mode: 'write', ...opts });
const read = (dir: string, rel = 'postgresql.conf'): Buffer => readFileSync(join(dir, rel));
/** Temporary files left in a directory by a write. */
const leftovers = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

describe('lossless: every byte outside the edits is kept', () => {
  test('CRLF, a BOM, trailing spaces, tabs, comments and no final newline', () => {
    const before = Buffer.from('\uFEFF# head  \r\nwork_mem\t=\t8mb   # a comment  \r\n\r\nshared_buffers = 128mb\t', 'utf8');
    const dir = makeTree({ 'postgresql.conf': before });
    const out = fix(dir);
    expect(out.fixed).toBe(2);
    expect(read(dir).equals(Buffer.from('\uFEFF# head  \r\nwork_mem\t=\t8MB   # a comment  \r\n\r\nshared_buffers = 128MB\t', 'utf8'))).toBe(true);
    expect(out.result.diagnostics.filter((d) => d.rule === 'test-units')).toEqual([]);
    expect(fixSummary(out, 'write')).toBe('Fixed 2 problems (0 remaining).');
    expect(leftovers(dir)).toEqual([]);
  });

  test('a Latin-1 file (invalid UTF-8) stays Latin-1, byte for byte', () => {
    const before = Buffer.concat([Buffer.from("# caf"), Buffer.from([0xe9]), Buffer.from("\nwork_mem = 4mb # \xfc\n", 'latin1')]);
    const dir = makeTree({ 'postgresql.conf': before });
    fix(dir);
    const expected = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nwork_mem = 4MB # \xfc\n', 'latin1')]);
    expect(read(dir).equals(expected)).toBe(true);
  });

  test('a fix that Latin-1 cannot encode is refused: the file is left as it is', () => {
    const before = Buffer.from("# \xe9\napplication_name = 'x'\nwork_mem = 4mb\n", 'latin1');
    const dir = makeTree({ 'postgresql.conf': before });
    const out = fix(dir, {}, [units, euro]);
    expect(read(dir).equals(before)).toBe(true);
    expect(out.files.map((f) => [f.path, f.refused])).toEqual([['postgresql.conf', 'a fix inserts characters that Latin-1 cannot encode']]);
    expect(out.fixed).toBe(0);
    // Its findings are reported as they are on disk.
    expect(out.result.diagnostics.map((d) => d.rule).sort()).toEqual(['test-euro', 'test-units']);
  });

  test('the file keeps its mode', () => {
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8mb\n' });
    chmodSync(join(dir, 'postgresql.conf'), 0o640);
    fix(dir);
    expect(read(dir, 'postgresql.conf').toString()).toBe('work_mem = 8MB\n');
    expect(statSync(join(dir, 'postgresql.conf')).mode & 0o7777).toBe(0o640);
  });

  test('encodeText and roundTripProblem', () => {
    expect(encodeText('é', 'latin1')).toEqual(Buffer.from([0xe9]));
    expect(encodeText('€', 'latin1')).toBeUndefined();
    expect(encodeText('\ud800', 'utf8')).toBeUndefined();
    expect(roundTripProblem(Buffer.from('a = 1\r\n'), 'a = 1\r\n', 'utf8')).toBeUndefined();
    expect(roundTripProblem(Buffer.from('a = 2\n'), 'a = 1\n', 'utf8')).toBe('it changed on disk since it was read');
  });
});

describe('passes, applicability, suppression', () => {
  test('fixes that lead to further fixes run pass after pass until nothing changes', () => {
    const dir = makeTree({ 'postgresql.conf': "cluster_name = 'a0'\n" });
    const out = fix(dir, {}, [chain(4)]);
    expect(read(dir).toString()).toBe("cluster_name = 'a4'\n");
    expect([out.fixed, out.passes, out.result.diagnostics.length]).toEqual([4, 4, 0]);
  });

  test('at most 10 passes (ESLint): what is left is reported', () => {
    const dir = makeTree({ 'postgresql.conf': "cluster_name = 'a0'\n" });
    const out = fix(dir, {}, [chain(20)]);
    expect(read(dir).toString()).toBe("cluster_name = 'a10'\n");
    expect([out.fixed, out.passes]).toEqual([10, 10]);
    expect(out.result.diagnostics.map((d) => d.rule)).toEqual(['test-chain']);
    expect(fixSummary(out, 'write')).toBe('Fixed 10 problems (1 remaining).');
  });

  test('overlapping fixes wait for the next pass', () => {
    const dir = makeTree({ 'postgresql.conf': 'WORK_MEM = 8mb\n' });
    const out = fix(dir, {}, [units, lowerName]);
    expect(read(dir).toString()).toBe('work_mem = 8MB\n');
    expect([out.fixed, out.passes]).toEqual([2, 2]);
  });

  test('--fix applies safe fixes only; --unsafe-fixes both', () => {
    const text = 'work_mem = 8mb\npassword_encryption = md5\n';
    const safe = makeTree({ 'postgresql.conf': text });
    const out = fix(safe);
    expect(read(safe).toString()).toBe('work_mem = 8MB\npassword_encryption = md5\n');
    expect(out.result.diagnostics.map((d) => d.rule)).toEqual(['test-md5']);
    const unsafe = makeTree({ 'postgresql.conf': text });
    expect(fix(unsafe, { unsafe: true }).fixed).toBe(2);
    expect(read(unsafe).toString()).toBe('work_mem = 8MB\npassword_encryption = scram-sha-256\n');
  });

  test('a suppressed finding is never fixed; a rule turned off has no findings to fix', () => {
    const text = 'work_mem = 8mb # pgconf-lint disable-line test-units -- kept on purpose\nmaintenance_work_mem = 64mb\n';
    const dir = makeTree({ 'postgresql.conf': text });
    expect(fix(dir).fixed).toBe(1);
    expect(read(dir).toString()).toBe('work_mem = 8mb # pgconf-lint disable-line test-units -- kept on purpose\nmaintenance_work_mem = 64MB\n');
    const off = makeTree({ 'postgresql.conf': 'work_mem = 8mb\n' });
    expect(fix(off, {}, RULES, { rules: { 'test-units': 'off' } }).fixed).toBe(0);
    expect(read(off).toString()).toBe('work_mem = 8mb\n');
  });

  test('an included file is fixed in place', () => {
    const dir = makeTree({ 'postgresql.conf': "include 'conf.d/mem.conf'\n", 'conf.d/mem.conf': 'work_mem = 8mb\n' });
    expect(fix(dir).fixed).toBe(1);
    expect(read(dir, 'conf.d/mem.conf').toString()).toBe('work_mem = 8MB\n');
  });
});

describe('--diff', () => {
  test('writes nothing and prints a git-style diff that reproduces --fix (CRLF, Latin-1)', () => {
    const files = {
      'a/postgresql.conf': Buffer.from('# 1\r\n# 2\r\n# 3\r\n# 4\r\nwork_mem = 8mb\r\n# 6\r\n# 7\r\n# 8\r\n# 9\r\n', 'utf8'),
      'b/postgresql.conf': Buffer.from('# \xe9\nshared_buffers = 1gb', 'latin1'),
    };
    const dir = makeTree(files);
    const out = fix(dir, { mode: 'diff' });
    expect(read(dir, 'a/postgresql.conf').equals(files['a/postgresql.conf'])).toBe(true);
    expect(read(dir, 'b/postgresql.conf').equals(files['b/postgresql.conf'])).toBe(true);
    const diff = fixDiff(out);
    expect(diff.toString('latin1')).toBe(
      '--- a/a/postgresql.conf\n+++ b/a/postgresql.conf\n@@ -2,7 +2,7 @@\n # 2\r\n # 3\r\n # 4\r\n-work_mem = 8mb\r\n+work_mem = 8MB\r\n # 6\r\n # 7\r\n # 8\r\n' +
        '--- a/b/postgresql.conf\n+++ b/b/postgresql.conf\n@@ -1,2 +1,2 @@\n # \xe9\n-shared_buffers = 1gb\n\\ No newline at end of file\n+shared_buffers = 1GB\n\\ No newline at end of file\n',
    );
    expect(fixSummary(out, 'diff')).toBe('Would fix 2 problems.');
    // git apply turns the files into what --fix writes.
    const applied = makeTree(files);
    const expected = makeTree(files);
    fix(expected);
    writeFileSync(join(applied, 'fix.patch'), diff);
    execFileSync('git', ['apply', '--unsafe-paths', 'fix.patch'], { cwd: applied });
    for (const rel of Object.keys(files)) expect(read(applied, rel).equals(read(expected, rel))).toBe(true);
  });

  test('hunks: 3 lines of context, merged when close, split when apart', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i + 1}\n`).join('');
    const after = before.replace('l2\n', 'L2\n').replace('l5\n', 'L5\n').replace('l18\n', '');
    expect(unifiedHunks(before, after)).toBe(
      '@@ -1,8 +1,8 @@\n l1\n-l2\n+L2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n@@ -15,6 +15,5 @@\n l15\n l16\n l17\n-l18\n l19\n l20\n',
    );
    expect(unifiedHunks('a\n', 'a\n')).toBe('');
    expect(unifiedHunks('', 'a\n')).toBe('@@ -0,0 +1 @@\n+a\n');
  });

  test('random edits: applying the hunks to the old text gives the new one', () => {
    // A small patch applier: the hunks' old lines must match the text where they say.
    const apply = (before: string, hunks: string): string => {
      if (hunks === '') return before;
      const lines = splitLines(before);
      const out: string[] = [];
      let at = 0;
      const rows = hunks.split(/(?<=\n)/);
      for (let i = 0; i < rows.length; i++) {
        const h = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@\n$/.exec(rows[i]!);
        if (!h) throw new Error(`not a hunk header: ${rows[i]}`);
        const start = Number(h[1]) - (h[2] === '0' ? 0 : 1);
        while (at < start) out.push(lines[at++]!);
        while (i + 1 < rows.length && !rows[i + 1]!.startsWith('@@')) {
          let row = rows[++i]!;
          if (rows[i + 1] === '\\ No newline at end of file\n') {
            row = row.slice(0, -1);
            i++;
          }
          const body = row.slice(1);
          if (row[0] === ' ' || row[0] === '-') expect(lines[at++]).toBe(body);
          if (row[0] === ' ' || row[0] === '+') out.push(body);
        }
      }
      while (at < lines.length) out.push(lines[at++]!);
      return out.join('');
    };
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let t = 0; t < 300; t++) {
      const words = ['a', 'b', 'c', 'd\r'];
      const make = (n: number): string => Array.from({ length: n }, () => words[rand(words.length)]! + '\n').join('') + (rand(3) === 0 ? 'end' : '');
      const before = make(rand(30));
      const lines = splitLines(before);
      for (let k = rand(5); k > 0; k--) {
        const i = rand(lines.length + 1);
        if (rand(2)) lines.splice(i, 1);
        else lines.splice(i, 0, words[rand(words.length)]! + '\n');
      }
      const after = lines.join('');
      expect(apply(before, unifiedHunks(before, after))).toBe(after);
    }
  });

  test('nothing to fix: an empty diff', () => {
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8MB\n' });
    const out = fix(dir, { mode: 'diff' });
    expect(fixDiff(out).length).toBe(0);
    expect(fixSummary(out, 'diff')).toBe('Nothing to fix.');
  });
});

describe('standard input is never written', () => {
  test('its fixed bytes are returned; the file of that name on disk is untouched', () => {
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 1mb\n' });
    const out = runFixes(['-'], { cwd: dir, stdin: { filename: 'postgresql.conf', content: Buffer.from('work_mem = 8mb\r\n') } }, RULES, { unsafe: false, mode: 'write' });
    expect(read(dir).toString()).toBe('work_mem = 1mb\n');
    expect(out.files.map((f) => [f.stdin, f.bytes?.toString()])).toEqual([[true, 'work_mem = 8MB\r\n']]);
    expect(out.result.diagnostics).toEqual([]);
  });
});

describe('attacks: nothing is written through a link, outside the root, or into a special file', () => {
  test('a symlinked configuration file is not fixed, and its target is untouched', () => {
    const outside = makeTree({ 'secret.conf': 'work_mem = 8mb\n' });
    const dir = makeTree({ 'real.conf': 'work_mem = 8mb\n' });
    symlinkSync(join(dir, 'real.conf'), join(dir, 'postgresql.conf'));
    const out = fix(dir, {}, RULES, {}, ['postgresql.conf']);
    expect(out.files.map((f) => [f.path, f.refused])).toEqual([['postgresql.conf', 'a symbolic link; fixes are never written through a link']]);
    expect(read(dir, 'real.conf').toString()).toBe('work_mem = 8mb\n');
    expect(lstatSync(join(dir, 'postgresql.conf')).isSymbolicLink()).toBe(true);
    expect(out.result.diagnostics.map((d) => d.rule)).toEqual(['test-units']);
    // A link out of the root is not even read.
    symlinkSync(join(outside, 'secret.conf'), join(dir, 'out.conf'));
    fix(dir, {}, RULES, { kind: 'postgresql.conf' }, ['out.conf']);
    expect(read(outside, 'secret.conf').toString()).toBe('work_mem = 8mb\n');
  });

  test('a file under a symlinked directory is not fixed', () => {
    const dir = makeTree({ 'real/postgresql.conf': 'work_mem = 8mb\n' });
    symlinkSync(join(dir, 'real'), join(dir, 'linked'));
    const out = fix(dir, {}, RULES, {}, ['linked']);
    expect(out.files.map((f) => f.refused)).toEqual(['its directory linked is a symbolic link; fixes are never written through a link']);
    expect(read(dir, 'real/postgresql.conf').toString()).toBe('work_mem = 8mb\n');
  });

  test('a read-only file is reported, not chmod-ed', () => {
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8mb\n' });
    chmodSync(join(dir, 'postgresql.conf'), 0o444);
    const out = fix(dir);
    expect(out.files.map((f) => f.refused)).toEqual(['it is read-only (no write permission bit); pgconf-lint does not change permissions']);
    expect(read(dir).toString()).toBe('work_mem = 8mb\n');
    expect(statSync(join(dir, 'postgresql.conf')).mode & 0o7777).toBe(0o444);
  });

  test('a file with a second hard link is not split', () => {
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8mb\n' });
    execFileSync('ln', [join(dir, 'postgresql.conf'), join(dir, 'other')]);
    expect(fix(dir, {}, RULES, {}, ['postgresql.conf']).files.map((f) => f.refused)).toEqual(['it has 2 hard links, and rewriting it would split them']);
    expect(read(dir, 'other').toString()).toBe('work_mem = 8mb\n');
  });

  /** Checks a file for writing, lets `swap` change the tree, then writes: what the write says. */
  function swapThenWrite(swap: (file: string, dir: string) => void, when: 'before-write' | 'before-rename') {
    const outside = makeTree({ 'victim.conf': 'untouched\n' });
    const dir = makeTree({ 'postgresql.conf': 'work_mem = 8mb\n' });
    const file = join(dir, 'postgresql.conf');
    const root = writeRoot(dir);
    const checked = checkTarget(file, root, 1 << 20);
    if (!checked.ok) throw new Error(checked.reason);
    const data = Buffer.from('work_mem = 8MB\n');
    if (when === 'before-write') swap(file, outside);
    const why = writeTarget(checked.target, data, root, 1 << 20, when === 'before-rename' ? { beforeRename: () => swap(file, outside) } : {});
    return { why, dir, file, victim: readFileSync(join(outside, 'victim.conf'), 'utf8') };
  }
  const toLink = (file: string, outside: string): void => {
    unlinkSync(file);
    symlinkSync(join(outside, 'victim.conf'), file);
  };

  test('a file replaced by a symlink between the lint and the write (TOCTOU)', () => {
    const early = swapThenWrite(toLink, 'before-write');
    expect(early.why).toBe('a symbolic link; fixes are never written through a link');
    expect(early.victim).toBe('untouched\n');
    const late = swapThenWrite(toLink, 'before-rename');
    expect(late.why).toBe('it was replaced by a symbolic link while it was being written');
    expect(late.victim).toBe('untouched\n');
    expect(lstatSync(late.file).isSymbolicLink()).toBe(true);
    expect(leftovers(late.dir)).toEqual([]);
  });

  test('a file replaced by another file, or changed, between the lint and the write', () => {
    const replaced = swapThenWrite((file) => {
      writeFileSync(file + '.new', 'work_mem = 8mb\n');
      renameSync(file + '.new', file);
    }, 'before-rename');
    expect(replaced.why).toBe('it was replaced while it was being written');
    const changed = swapThenWrite((file) => writeFileSync(file, 'work_mem = 9mb\n'), 'before-write');
    expect(changed.why).toBe('it changed on disk since it was read');
    expect(readFileSync(changed.file, 'utf8')).toBe('work_mem = 9mb\n');
  });

  test('a file replaced by a FIFO: refused without blocking', () => {
    const early = swapThenWrite((file) => {
      unlinkSync(file);
      execFileSync('mkfifo', [file]);
    }, 'before-write');
    expect(early.why).toBe('not a regular file');
    const late = swapThenWrite((file) => {
      unlinkSync(file);
      execFileSync('mkfifo', [file]);
    }, 'before-rename');
    expect(late.why).toBe('it was replaced while it was being written');
    expect(lstatSync(late.file).isFIFO()).toBe(true);
  });

  test('a parent directory swapped for a link before the rename', () => {
    const outside = makeTree({ 'sub/postgresql.conf': 'work_mem = 8mb\n' });
    const dir = makeTree({ 'sub/postgresql.conf': 'work_mem = 8mb\n' });
    const root = writeRoot(dir);
    const checked = checkTarget(join(dir, 'sub/postgresql.conf'), root, 1 << 20);
    if (!checked.ok) throw new Error(checked.reason);
    const why = writeTarget(checked.target, Buffer.from('work_mem = 8MB\n'), root, 1 << 20, {
      beforeRename: () => {
        renameSync(join(dir, 'sub'), join(dir, 'old'));
        symlinkSync(join(outside, 'sub'), join(dir, 'sub'));
      },
    });
    expect(why).toBe('its directory changed while it was being written');
    expect(read(outside, 'sub/postgresql.conf').toString()).toBe('work_mem = 8mb\n');
    expect(readdirSync(join(dir, 'old'))).toEqual(['postgresql.conf']);
  });

  test('a parent directory swapped for another real directory before the rename', () => {
    const dir = makeTree({ 'sub/postgresql.conf': 'work_mem = 8mb\n' });
    const root = writeRoot(dir);
    const checked = checkTarget(join(dir, 'sub/postgresql.conf'), root, 1 << 20);
    if (!checked.ok) throw new Error(checked.reason);
    const why = writeTarget(checked.target, Buffer.from('work_mem = 8MB\n'), root, 1 << 20, {
      beforeRename: () => {
        renameSync(join(dir, 'sub'), join(dir, 'old'));
        mkdirSync(join(dir, 'sub'));
        writeFileSync(join(dir, 'sub/postgresql.conf'), 'work_mem = 8mb\n');
      },
    });
    expect(why).toBe('its directory changed while it was being written');
    expect(read(dir, 'sub/postgresql.conf').toString()).toBe('work_mem = 8mb\n');
    expect(readdirSync(join(dir, 'old'))).toEqual(['postgresql.conf']);
    expect(read(dir, 'old/postgresql.conf').toString()).toBe('work_mem = 8mb\n');
  });

  test('nothing outside the root and nothing under .git/ is written', () => {
    const dir = makeTree({ 'db/postgresql.conf': 'work_mem = 8mb\n', '.git/postgresql.conf': 'work_mem = 8mb\n' });
    expect(checkTarget(join(dir, 'db/postgresql.conf'), writeRoot(join(dir, 'db'), '.'), 1 << 20)).toMatchObject({ ok: true });
    expect(checkTarget(join(dir, 'db/postgresql.conf'), writeRoot(dir, 'elsewhere'), 1 << 20)).toEqual({ ok: false, reason: 'outside the checked root' });
    expect(checkTarget(join(dir, '.git/postgresql.conf'), writeRoot(dir), 1 << 20)).toEqual({ ok: false, reason: "inside the repository's .git directory" });
  });
});
