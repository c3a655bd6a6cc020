/**
 * The ecosystem check's machinery (scripts/ecosystem.mjs, scripts/lib/ecosystem-snapshot.mjs) on a
 * tiny corpus of its own: no ../shared needed. The CLI is dist/cli.cjs when it exists (`npm test`
 * builds it first), else the script bundles one from the sources.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LABEL_HEADER, precisionByRule, readLabels, readSnapshot, staleLabels, type SnapshotRow } from '../scripts/lib/ecosystem-snapshot.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SCRIPT = join(REPO, 'scripts/ecosystem.mjs');
const DIST_CLI = join(REPO, 'dist/cli.cjs');
const temps: string[] = [];
afterAll(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'pgconf-lint-ecosystem-test-'));
  temps.push(d);
  return d;
}

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

type Row = SnapshotRow;

/** A repository root holding only ecosystem/labels/<rule>.tsv files. */
function labelRoot(files: Record<string, string>): string {
  const root = temp();
  for (const [rule, text] of Object.entries(files)) write(join(root, 'ecosystem/labels', `${rule}.tsv`), text);
  return root;
}

describe('label files', () => {
  const H = LABEL_HEADER + '\n';
  test.each([
    ['file\tline\tcol\tlabel\n', 'ecosystem/labels/r.tsv:1: the first line must be the header'],
    [H + 'a.conf\t3\t1\tright\tok\n' + 'a.conf\t4\tright\n', 'ecosystem/labels/r.tsv:3: expected 5 tab-separated columns, got 3'],
    [H + 'a.conf\t3\t1\tcorrect\tyes\n', 'ecosystem/labels/r.tsv:2: the label must be one of right, debatable, wrong, not "correct"'],
    [H + 'a.conf\tx\t1\tright\tyes\n', 'ecosystem/labels/r.tsv:2: line and col must be positive integers'],
    [H + 'a.conf\t3\t0\tright\tyes\n', 'ecosystem/labels/r.tsv:2: line and col must be positive integers'],
    [H + 'a.conf\t3\t1\twrong\t \n', 'ecosystem/labels/r.tsv:2: the reason is empty'],
    [H + 'a.conf\t3\t1\tright\tyes\n\na.conf\t3\t1\twrong\tno\n', 'ecosystem/labels/r.tsv:4: a.conf:3:1 is already labelled at ecosystem/labels/r.tsv:2'],
  ])('%j is rejected with file:line', (text, message) => {
    expect(() => readLabels(labelRoot({ r: text }))).toThrow(message);
  });

  test('labels are keyed by rule (the file name), file, line and column, and remember their place', () => {
    const root = labelRoot({ a: H + 'x.conf\t3\t1\tright\tok\n', b: H + 'x.conf\t3\t1\twrong\tno\n' });
    const labels = readLabels(root);
    expect([...labels.values()].map((l) => [l.label, l.source])).toEqual([
      ['right', 'ecosystem/labels/a.tsv:2'],
      ['wrong', 'ecosystem/labels/b.tsv:2'],
    ]);
  });
});

describe('precision', () => {
  const row = (rule: string, line: number): Row => ({ file: 'f', line, col: 1, rule, severity: 'error', message: 'm' });
  const H = LABEL_HEADER + '\n';

  test('(right + debatable / 2) / labelled, per rule; unlabeled findings are counted apart', () => {
    const root = labelRoot({
      a: H + 'f\t1\t1\tright\tr\nf\t2\t1\tdebatable\td\nf\t3\t1\twrong\tw\nf\t4\t1\tright\tr\n',
      b: H + 'f\t1\t1\tdebatable\td\n',
    });
    const rows = [1, 2, 3, 4, 5].map((n) => row('a', n)).concat([row('b', 1), row('c', 1)]);
    const p = precisionByRule(rows, readLabels(root));
    expect(p.get('a')).toEqual({ n: 5, right: 2, debatable: 1, wrong: 1, unlabeled: 1, precision: 2.5 / 4 });
    expect(p.get('b')).toMatchObject({ n: 1, debatable: 1, precision: 0.5 });
    expect(p.get('c')).toMatchObject({ n: 1, unlabeled: 1, precision: null });
  });

  test('a label that names no finding is stale', () => {
    const root = labelRoot({ a: H + 'f\t1\t1\tright\tr\nf\t9\t1\tright\tgone\n' });
    expect(staleLabels([row('a', 1)], readLabels(root)).map((l) => l.source)).toEqual(['ecosystem/labels/a.tsv:3']);
  });
});

describe('npm run ecosystem on a corpus of two files', () => {
  const shared = temp();
  const root = temp();
  const CONF = 'postgresql/001__someone__repo__postgresql.conf';
  const HBA = 'pg_hba/001__other__repo__conf__pg_hba.conf';
  write(join(shared, 'corpus/MANIFEST.tsv'), `file\trepo\tpath\tcommit\tnotes\n${CONF}\tsomeone/repo\tpostgresql.conf\t0\tx\n${HBA}\tother/repo\tconf/pg_hba.conf\t0\ty\n`);
  write(join(shared, 'corpus', CONF), 'port = 5432\nwork_mem = 8 MB\n');
  write(join(shared, 'corpus', HBA), 'local all all peer\nhost all all 10.0.0.0 scram-sha-256\n');

  const run = (...args: string[]) => {
    const cli = existsSync(DIST_CLI) ? ['--cli', DIST_CLI] : [];
    const r = spawnSync(process.execPath, [SCRIPT, '--root', root, ...cli, ...args], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '', PGCONF_LINT_SHARED: shared },
      timeout: 120_000,
    });
    return { rc: r.status, out: r.stdout, err: r.stderr };
  };
  const labelsOf = (rows: Row[]) => {
    const by = new Map<string, string[]>();
    for (const r of rows) by.set(r.rule, [...(by.get(r.rule) ?? []), [r.file, r.line, r.col, 'right', 'test'].join('\t')]);
    for (const [rule, lines] of by) write(join(root, 'ecosystem/labels', `${rule}.tsv`), [LABEL_HEADER, ...lines].join('\n') + '\n');
  };

  test('writes the snapshot, then --check fails until every finding is labelled', () => {
    const first = run();
    expect(first.rc).toBe(0);
    expect(first.out).toMatch(/ecosystem: 2 findings on 2 corpus files written to ecosystem\/snapshot.tsv/);
    const rows = readSnapshot(root);
    expect(rows.map((r) => [r.file, r.line, r.rule])).toEqual([
      [HBA, 2, 'hba-invalid-record'],
      [CONF, 2, 'syntax-error'],
    ]);

    const unlabeled = run('--check');
    expect(unlabeled.rc).toBe(1);
    expect(unlabeled.err).toMatch(/ecosystem: 2 findings have no label in ecosystem\/labels\/ \(rules: hba-invalid-record, syntax-error\)/);

    labelsOf(rows);
    const ok = run('--check');
    expect([ok.rc, ok.out.trim()]).toEqual([0, 'ecosystem: 2 findings on 2 corpus files, as in ecosystem/snapshot.tsv, all labelled']);
    expect(run('--precision').out).toMatch(/\| syntax-error \| 1 \| 1 \| 0 \| 0 \| 0 \| 100 % \|/);
  });

  test('--check fails when a finding changes without the snapshot, and names it', () => {
    const conf = join(shared, 'corpus', CONF);
    const before = readFileSync(conf, 'utf8');
    try {
      writeFileSync(conf, 'port = 5432\n\nwork_mem = 8 MB\n');
      const r = run('--check');
      expect(r.rc).toBe(1);
      expect(r.err).toContain(`- ${CONF}\t2\t14\tsyntax-error\terror\t`);
      expect(r.err).toContain(`+ ${CONF}\t3\t14\tsyntax-error\terror\t`);
      expect(r.err).toMatch(/findings on the corpus changed \(1 gone, 1 new\)/);
    } finally {
      writeFileSync(conf, before);
    }
    expect(run('--check').rc).toBe(0);
  });

  test('--check fails on a stale label; --prune removes it and keeps the others', () => {
    const file = join(root, 'ecosystem/labels/syntax-error.tsv');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before + `${CONF}\t7\t1\twrong\tno longer found\n`);
    const r = run('--check');
    expect(r.rc).toBe(1);
    expect(r.err).toContain(`stale label: ecosystem/labels/syntax-error.tsv:3: ${CONF}\t7\t1\twrong\tno longer found`);
    const listed = run();
    expect(listed.out).toMatch(/1 labels name no finding; remove them with --prune/);
    expect(readFileSync(file, 'utf8')).toContain('no longer found');
    expect(run('--prune').out).toMatch(/1 stale labels removed/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(run('--check').rc).toBe(0);
  });

  test('a malformed label file stops the check with its file and line', () => {
    const file = join(root, 'ecosystem/labels/syntax-error.tsv');
    const before = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, before.replace('\tright\t', '\tok\t'));
      const r = run('--check');
      expect(r.rc).toBe(2);
      expect(r.err).toMatch(/^ecosystem: ecosystem\/labels\/syntax-error.tsv:2: the label must be one of right, debatable, wrong, not "ok"/);
    } finally {
      writeFileSync(file, before);
    }
  });

  test('without a corpus it skips, successfully, and says so', () => {
    const r = spawnSync(process.execPath, [SCRIPT, '--root', temp(), '--check'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '', PGCONF_LINT_SHARED: temp() },
    });
    expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(/^ecosystem: skipped \(no \.\.\/shared\/corpus/)]);
  });
});
