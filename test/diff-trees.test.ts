// Pairing two trees (src/diff/trees.ts): clusters matched by repository-relative directory, added
// and removed clusters, paths relative to each tree's root, the access diff called per pair.
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { diffTrees, type AccessDiffFn } from '../src/diff/trees.js';
import type { ResolvedCluster } from '../src/resolve/cluster.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pgconf-lint-diff-trees-'));
  made.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

const BASE = {
  'db/PG_VERSION': '16\n',
  'db/postgresql.conf': 'shared_buffers = 128MB\nwork_mem = 4MB\n',
  'db/pg_hba.conf': 'local all all peer\n',
  'old/postgresql.conf': 'port = 5433\n',
  'same/postgresql.conf': 'port = 5434\n',
};
const HEAD = {
  'db/PG_VERSION': '17\n',
  'db/postgresql.conf': '# bigger\nshared_buffers = 256MB\nwork_mem = 4096kB\n',
  'db/pg_hba.conf': 'local   all   all   peer   # reformatted\n',
  'new/postgresql.conf': 'max_connections = 50\n',
  'same/postgresql.conf': "port = '5434'  # quoted now\n",
};

describe('diffTrees', () => {
  test('clusters paired by directory; added, removed and unchanged ones; paths relative to each root', () => {
    const base = tree(BASE);
    const head = tree(HEAD);
    const { result, errors, warnings } = diffTrees({ root: base }, { root: head }, []);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(result).toEqual({
      version: 1,
      clusters: [
        {
          cluster: 'db',
          pgVersion: 17,
          access: [],
          unknown: [],
          // Each side in its own major (16 before, 17 after): 128MB is 16384 pages, 256MB 32768.
          settings: [{ name: 'shared_buffers', before: '16384', after: '32768', restart: true, apply: 'restart', file: 'db/postgresql.conf', line: 2 }],
        },
        {
          cluster: 'new',
          pgVersion: 18,
          status: 'added',
          access: [],
          unknown: [],
          settings: [{ name: 'max_connections', before: null, after: '50', restart: true, apply: 'restart', file: 'new/postgresql.conf', line: 1 }],
        },
        {
          cluster: 'old',
          pgVersion: 18,
          status: 'removed',
          access: [],
          unknown: [],
          settings: [{ name: 'port', before: '5433', after: null, restart: true, apply: 'restart', file: 'old/postgresql.conf', line: 1 }],
        },
      ],
    });
  });

  test('the access diff gets each pair (null for a missing side) and a display relative to the tree that holds the file', () => {
    const base = tree(BASE);
    const head = tree(HEAD);
    const calls: string[] = [];
    const hbaPath = (c: ResolvedCluster | null, display: (abs: string) => string): string => (c?.hba ? display(c.hba.file.absPath) : '-');
    const diffAccess: AccessDiffFn = (before, after, display) => {
      calls.push(`${hbaPath(before, display)} -> ${hbaPath(after, display)}`);
      if (!after?.hba) return { access: [], unknown: [] };
      return {
        access: [
          {
            change: 'widened',
            connection: { transport: 'local', database: 'all', user: 'all', address: '' },
            before: null,
            after: { method: 'peer', options: [], file: display(after.hba.file.absPath), line: 1 },
          },
        ],
        unknown: [],
      };
    };
    const { result } = diffTrees({ root: base }, { root: head }, ['db', 'same'], { diffAccess });
    expect(calls).toEqual(['db/pg_hba.conf -> db/pg_hba.conf', '- -> -']);
    expect(result.clusters.map((c) => [c.cluster, c.access.map((a) => `${a.change} ${a.after?.file}:${a.after?.line}`)])).toEqual([
      ['db', ['widened db/pg_hba.conf:1']],
    ]);
  });

  test('a path in one tree only names added or removed clusters; a path in neither is an error', () => {
    const base = tree(BASE);
    const head = tree(HEAD);
    const r = diffTrees({ root: base }, { root: head }, ['new', 'old', 'missing']);
    expect(r.errors).toEqual(['missing: no such file or directory in either tree']);
    expect(r.result.clusters.map((c) => [c.cluster, c.status])).toEqual([
      ['new', 'added'],
      ['old', 'removed'],
    ]);
  });

  test('cosmetic edits and an unchanged tree: no cluster listed', () => {
    const base = tree({ 'postgresql.conf': 'work_mem = 4MB\nssl = on\n' });
    const head = tree({ 'postgresql.conf': "# comment\nssl = true\n\nwork_mem = '4096kB'\n" });
    expect(diffTrees({ root: base }, { root: head }, [], { pgVersion: 16 }).result).toEqual({ version: 1, clusters: [] });
    expect(diffTrees({ root: base }, { root: base }, [], { pgVersion: 16 }).result).toEqual({ version: 1, clusters: [] });
  });

  test('paths start at options.cwd inside each tree; the cluster at the root is "."', () => {
    const base = tree({ 'a/postgresql.conf': 'port = 1\n', 'b/postgresql.conf': 'port = 2\n' });
    const head = tree({ 'a/postgresql.conf': 'port = 3\n', 'b/postgresql.conf': 'port = 4\n' });
    const r = diffTrees({ root: base }, { root: head }, ['.'], { cwd: 'b', pgVersion: 16 });
    expect(r.result.clusters.map((c) => [c.cluster, c.settings.map((s) => `${s.name} ${s.before}->${s.after} ${s.file}:${s.line}`)])).toEqual([
      ['b', ['port 2->4 b/postgresql.conf:1']],
    ]);
    const root = diffTrees({ root: tree({ 'postgresql.conf': 'port = 1\n' }) }, { root: tree({ 'postgresql.conf': 'port = 2\n' }) }, []);
    expect(root.result.clusters.map((c) => c.cluster)).toEqual(['.']);
  });

  test('nothing is read outside a tree: an include through a symlink out of the head tree is refused', () => {
    const outside = tree({ 'postgresql.conf': 'port = 9999\n' });
    const base = tree({ 'db/postgresql.conf': 'port = 6000\n' });
    const head = tree({ 'db/postgresql.conf': "include '../link/postgresql.conf'\n" });
    symlinkSync(outside, join(head, 'link'));
    const r = diffTrees({ root: base }, { root: head }, [], { pgVersion: 16 });
    expect(r.warnings).toEqual([]);
    // The include is refused, so port goes back to its default; 9999 is never read.
    expect(r.result.clusters.map((c) => [c.cluster, c.settings.map((s) => `${s.name} ${s.before}->${s.after} ${s.file}:${s.line}`)])).toEqual([
      ['db', ['port 6000->5432 db/postgresql.conf:1']],
    ]);
  });

  test('a file of a compared cluster that cannot be read is a warning naming its tree', () => {
    const base = tree({ 'db/postgresql.conf': 'port = 6000\n' });
    const head = tree({ 'db/postgresql.conf': 'port = 6000\n# ' + 'x'.repeat(200) + '\n' });
    const r = diffTrees({ root: base }, { root: head }, [], { pgVersion: 16, maxFileBytes: 100 });
    expect(r.warnings).toEqual(['head: db/postgresql.conf: file is 215 bytes, larger than the limit of 100 bytes (--max-file-size, maxFileSize in the config); not read; the diff compares this tree without it']);
    expect(r.result.clusters.map((c) => c.settings.map((s) => `${s.name} ${s.before}->${s.after}`))).toEqual([['port 6000->5432']]);
  });

  test('no configuration in either tree: empty says why, and it is no error', () => {
    const r = diffTrees({ root: tree({ 'README': 'x' }) }, { root: tree({ 'README': 'y' }) }, []);
    expect(r.errors).toEqual([]);
    expect(r.result.clusters).toEqual([]);
    expect(r.empty).toMatch(/^no configuration file found in "\."/);
    expect(diffTrees({ root: tree(BASE) }, { root: tree(HEAD) }, ['db']).empty).toBeUndefined();
  });
});
