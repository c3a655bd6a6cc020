/**
 * only-changed compares the base revision with the head: a pull request that only deletes lines
 * must not open the gate. The base is rebuilt from the head on disk and the PR's file list, with
 * the base contents served by a fake fetcher (the end-to-end test serves them from a mock GitHub).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import type { LintResult } from '../src/api.js';
import { lint } from './support/lint.js';
import { baseSides, BaseUnavailable, lintBase, newFindings, type BaseContent, type PrFileChange } from '../src/action/base.js';
import { nodeHost } from '../src/resolve/host.js';
import { lineColumn } from '../src/source/source.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';

afterAll(cleanupFixtures);

interface Case {
  head: Record<string, string>;
  /** Base content of each path the PR touched (null: the base has no such file). */
  base: Record<string, string | null>;
  files: PrFileChange[];
}

async function compare(c: Case): Promise<{ head: LintResult; base: LintResult; added: string[]; fetched: string[] }> {
  const dir = makeTree(c.head);
  const inner = nodeHost({ cwd: dir });
  const fetched: string[] = [];
  const run = (host = inner): LintResult => lint(['.'], { cwd: dir, host });
  const head = run();
  const { result: base, renames } = await lintBase({
    repoRoot: dir,
    inner,
    files: c.files,
    lint: run,
    fetch: async (p): Promise<BaseContent> => {
      fetched.push(p);
      const v = c.base[p];
      if (v === undefined) throw new Error(`the base lint asked for ${p}, which the PR did not touch`);
      return v === null ? { absent: true } : { bytes: Buffer.from(v) };
    },
  });
  const added = newFindings(head, base, renames).map((d) => `${d.rule}@${d.loc.file}:${lineColumn(head.sources.get(d.loc.file)!, d.loc.start).line}${d.suppressed ? ' (suppressed)' : ''}`);
  return { head, base, added, fetched };
}

describe('only-changed: findings new in the head, wherever they are', () => {
  test('deleting the line that overrode fsync = off reports fsync-off on the unchanged line', async () => {
    const { added, head } = await compare({
      head: { 'db/postgresql.conf': 'fsync = off\nwork_mem = 4MB\n' },
      base: { 'db/postgresql.conf': 'fsync = off\nwork_mem = 4MB\nfsync = on\n' },
      files: [{ filename: 'db/postgresql.conf', status: 'modified' }],
    });
    expect(head.diagnostics.map((d) => d.rule)).toContain('fsync-off');
    expect(added).toContain('fsync-off@db/postgresql.conf:1');
  });

  test('deleting a reject record above an open one reports the open record', async () => {
    const open = 'host all all 0.0.0.0/0 trust\n';
    const { added } = await compare({
      head: { 'db/pg_hba.conf': 'local all all peer\n' + open },
      base: { 'db/pg_hba.conf': 'local all all peer\nhost all all 0.0.0.0/0 reject\n' + open },
      files: [{ filename: 'db/pg_hba.conf', status: 'modified' }],
    });
    // One record, one finding: open-to-world reports it and names trust-remote's concern.
    expect(added.filter((a) => a.includes('@db/pg_hba.conf:2'))).toEqual(['hba-open-to-world@db/pg_hba.conf:2']);
  });

  test('deleting a disable directive reports the finding it suppressed', async () => {
    const { added } = await compare({
      head: { 'postgresql.conf': 'fsync = off\n' },
      base: { 'postgresql.conf': '# pgconf-lint disable-next-line fsync-off -- benchmark box\nfsync = off\n' },
      files: [{ filename: 'postgresql.conf', status: 'modified' }],
    });
    expect(added).toEqual(['fsync-off@postgresql.conf:1']);
  });

  test('a finding present in the base is not new, even when lines above it moved', async () => {
    const { added, head } = await compare({
      head: { 'postgresql.conf': '# a comment the PR adds\nshared_buffers = 1GB\nfsync = off\n' },
      base: { 'postgresql.conf': 'fsync = off\n' },
      files: [{ filename: 'postgresql.conf', status: 'modified' }],
    });
    expect(head.diagnostics.map((d) => d.rule)).toContain('fsync-off');
    expect(added).toEqual([]);
  });

  test('a finding whose severity rose is new; one that fell is not', () => {
    const dir = makeTree({ 'postgresql.conf': 'fsync = off\n' });
    const at = (sev: 'warning' | 'error'): LintResult => lint(['.'], { cwd: dir, rules: { 'fsync-off': sev } });
    expect(newFindings(at('error'), at('warning')).map((d) => d.rule)).toEqual(['fsync-off']);
    expect(newFindings(at('warning'), at('error'))).toEqual([]);
    expect(newFindings(at('error'), at('error'))).toEqual([]);
  });

  test('a file the PR removed is read from the base: dropping an include that turned fsync back on', async () => {
    const { added, fetched } = await compare({
      head: { 'postgresql.conf': "fsync = off\n" },
      base: { 'postgresql.conf': "fsync = off\ninclude 'safety.conf'\n", 'safety.conf': 'fsync = on\n' },
      files: [
        { filename: 'postgresql.conf', status: 'modified' },
        { filename: 'safety.conf', status: 'removed' },
      ],
    });
    expect(fetched.sort()).toEqual(['postgresql.conf', 'safety.conf']);
    expect(added).toEqual(['fsync-off@postgresql.conf:1']);
  });

  test('a cluster the PR removed is found in the base; one it added has no base', async () => {
    const { added, base } = await compare({
      head: { 'new/postgresql.conf': 'fsync = off\n' },
      base: { 'old/postgresql.conf': 'fsync = off\n', 'new/postgresql.conf': null },
      files: [
        { filename: 'old/postgresql.conf', status: 'removed' },
        { filename: 'new/postgresql.conf', status: 'added' },
      ],
    });
    expect(base.files.map((f) => f.path)).toEqual(['old/postgresql.conf']);
    expect(added).toEqual(['fsync-off@new/postgresql.conf:1']);
  });

  test('a renamed file is compared with its old name: its old findings are not new, its new ones are', async () => {
    const { base, fetched, added } = await compare({
      head: { 'b/postgresql.conf': 'fsync = off\nfull_page_writes = off\n' },
      base: { 'a/postgresql.conf': 'fsync = off\n' },
      files: [{ filename: 'b/postgresql.conf', status: 'renamed', previous_filename: 'a/postgresql.conf' }],
    });
    expect(fetched).toEqual(['a/postgresql.conf']);
    expect(base.files.map((f) => f.path)).toEqual(['a/postgresql.conf']);
    expect(added.filter((a) => a.startsWith('fsync-off'))).toEqual([]);
    expect(added).toContain('full-page-writes-off@b/postgresql.conf:2');
  });

  test('only files the base lint reads are fetched', async () => {
    const { fetched } = await compare({
      head: { 'postgresql.conf': 'fsync = on\n', 'README.md': 'docs\n' },
      base: { 'postgresql.conf': 'fsync = on\n', 'README.md': 'old docs\n' },
      files: [
        { filename: 'postgresql.conf', status: 'modified' },
        { filename: 'README.md', status: 'modified' },
      ],
    });
    expect(fetched).toEqual(['postgresql.conf']);
  });

  test('a base that needs more files than the cap is refused, not half-compared', async () => {
    const head: Record<string, string> = {};
    const files: PrFileChange[] = [];
    for (let i = 0; i < 5; i++) {
      head[`c${i}/postgresql.conf`] = 'fsync = off\n';
      files.push({ filename: `c${i}/postgresql.conf`, status: 'modified' });
    }
    const dir = makeTree(head);
    const inner = nodeHost({ cwd: dir });
    await expect(
      lintBase({ repoRoot: dir, inner, files, maxFetches: 3, lint: (host) => lint(['.'], { cwd: dir, host }), fetch: async () => ({ bytes: Buffer.from('') }) }),
    ).rejects.toBeInstanceOf(BaseUnavailable);
  });
});

describe('baseSides', () => {
  test('what each file status says about the base', () => {
    expect(
      Object.fromEntries(
        baseSides([
          { filename: 'a', status: 'added' },
          { filename: 'm', status: 'modified' },
          { filename: 'r', status: 'removed' },
          { filename: 'n', status: 'renamed', previous_filename: 'o' },
          { filename: 'c', status: 'copied', previous_filename: 'm' },
          { filename: 'u', status: 'unchanged' },
          // a path added and, in the same list, the old name of a rename: it existed in the base
          { filename: 'x', status: 'added' },
          { filename: 'y', status: 'renamed', previous_filename: 'x' },
        ]),
      ),
    ).toEqual({ a: 'absent', m: 'present', r: 'present', n: 'absent', o: 'present', c: 'absent', x: 'present', y: 'absent' });
  });
});
