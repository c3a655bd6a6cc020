// The settings diff (src/diff/settings.ts): effective values compared canonical, defaults included.
// Expected values are written by hand from what `postgres -C` prints (base units for integers, as
// the last describe block checks against real servers).
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Major } from '../src/catalog/types.js';
import { diffSettings } from '../src/diff/settings.js';
import { resolveCluster, type ResolvedCluster } from '../src/resolve/cluster.js';
import { discover } from '../src/resolve/discover.js';
import { nodeHost } from '../src/resolve/host.js';
import { clustersPerMajor } from './support/oracle.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The one cluster of a tree written to a temp dir, and a display function relative to its root. */
function cluster(files: Record<string, string>, pgVersion: Major): { cluster: ResolvedCluster; display: (abs: string) => string } {
  const root = mkdtempSync(join(tmpdir(), 'pgconf-lint-diff-settings-'));
  made.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  const host = nodeHost({ cwd: root, root, base: root });
  const found = discover(host, ['.'], { pgVersion });
  expect(found.errors).toEqual([]);
  expect(found.clusters).toHaveLength(1);
  return { cluster: resolveCluster(host, found.clusters[0]!), display: (abs) => relative(root, abs) };
}

function diff(before: Record<string, string> | null, after: Record<string, string> | null, majors: [Major, Major] = [16, 16]) {
  const b = before ? cluster(before, majors[0]) : null;
  const a = after ? cluster(after, majors[1]) : null;
  // Each side's paths are relative to its own root; a change names the side its line is on.
  const display = (abs: string): string => {
    for (const side of [a, b]) {
      if (!side) continue;
      const rel = side.display(abs);
      if (!rel.startsWith('..')) return rel;
    }
    return abs;
  };
  return diffSettings(b?.cluster ?? null, a?.cluster ?? null, display);
}

describe('diffSettings', () => {
  test('changed values canonical, the same value spelled differently is no change, postgresql.auto.conf wins', () => {
    const changes = diff(
      { 'postgresql.conf': 'shared_buffers = 128MB\nwork_mem = 4MB\nmax_connections = 100\n' },
      { 'postgresql.conf': 'shared_buffers = 256MB\nwork_mem = 4096kB\nmax_connections = 100\n', 'postgresql.auto.conf': 'max_connections = 200\n' },
    );
    expect(changes).toEqual([
      { name: 'max_connections', before: '100', after: '200', restart: true, apply: 'restart', file: 'postgresql.auto.conf', line: 1 },
      { name: 'shared_buffers', before: '16384', after: '32768', restart: true, apply: 'restart', file: 'postgresql.conf', line: 1 },
    ]);
  });

  test('a removed assignment goes back to the default and names the removed line; one equal to the default is no change', () => {
    const changes = diff(
      { 'postgresql.conf': '# settings\nwork_mem = 4MB\nlog_min_duration_statement = 250ms\n' },
      { 'postgresql.conf': '# settings\n' },
    );
    expect(changes).toEqual([{ name: 'log_min_duration_statement', before: '250', after: '-1', restart: false, apply: 'reload', file: 'postgresql.conf', line: 3 }]);
  });

  test('an invalid value is ignored (the earlier valid one stays), and an unknown name sets nothing', () => {
    const changes = diff(
      { 'postgresql.conf': 'work_mem = 8MB\n' },
      { 'postgresql.conf': 'work_mem = 8MB\nwork_mem = lots\nno_such_parameter = 1\n' },
    );
    expect(changes).toEqual([]);
  });

  test("an invalid later value in the base is ignored: the base's value is the earlier valid one", () => {
    // Base: the valid 8MB wins (the invalid later line is ignored); head: 16MB.
    const changes = diff({ 'postgresql.conf': 'work_mem = 8MB\nwork_mem = 8XB\n' }, { 'postgresql.conf': 'work_mem = 16MB\n' });
    expect(changes).toEqual([{ name: 'work_mem', before: '8192', after: '16384', restart: false, apply: 'reload', file: 'postgresql.conf', line: 1 }]);
  });

  test('a value set in an included file names that file; sighup parameters take a reload, backend ones too', () => {
    const changes = diff(
      { 'postgresql.conf': "include 'extra.conf'\n", 'extra.conf': 'checkpoint_timeout = 5min\n' },
      { 'postgresql.conf': "include 'extra.conf'\nignore_system_indexes = on\n", 'extra.conf': '\ncheckpoint_timeout = 10min\n' },
    );
    expect(changes).toEqual([
      { name: 'checkpoint_timeout', before: '300', after: '600', restart: false, apply: 'reload', file: 'extra.conf', line: 2 },
      { name: 'ignore_system_indexes', before: 'off', after: 'on', restart: false, apply: 'reload', file: 'postgresql.conf', line: 2 },
    ]);
  });

  test('custom parameters compare as written strings; removed, they have no value', () => {
    const changes = diff(
      { 'postgresql.conf': "app.mode = 'a'\napp.gone = 1\napp.same = 'x'\n" },
      { 'postgresql.conf': "app.mode = 'b'\napp.same = x\n" },
    );
    expect(changes).toEqual([
      { name: 'app.gone', before: '1', after: null, restart: false, apply: 'reload', file: 'postgresql.conf', line: 2 },
      { name: 'app.mode', before: 'a', after: 'b', restart: false, apply: 'reload', file: 'postgresql.conf', line: 1 },
    ]);
  });

  test('a cluster on one side only: every value a file sets is compared with nothing', () => {
    expect(diff(null, { 'postgresql.conf': 'work_mem = 4MB\nssl = on\n' })).toEqual([
      { name: 'ssl', before: null, after: 'on', restart: false, apply: 'reload', file: 'postgresql.conf', line: 2 },
      { name: 'work_mem', before: null, after: '4096', restart: false, apply: 'reload', file: 'postgresql.conf', line: 1 },
    ]);
    expect(diff({ 'postgresql.conf': 'port = 5433\n' }, null)).toEqual([
      { name: 'port', before: '5433', after: null, restart: true, apply: 'restart', file: 'postgresql.conf', line: 1 },
    ]);
  });

  test('different majors: each side in its own catalog; a parameter one major lacks is null there, unset defaults are not listed', () => {
    const changes = diff(
      { 'postgresql.conf': 'wal_keep_segments = 64\nwork_mem = 4MB\nshared_buffers = 1GB\n' },
      { 'postgresql.conf': 'wal_keep_size = 1GB\nwork_mem = 4MB\nshared_buffers = 1GB\n' },
      [12, 13],
    );
    expect(changes).toEqual([
      { name: 'wal_keep_segments', before: '64', after: null, restart: false, apply: 'reload', file: 'postgresql.conf', line: 1 },
      { name: 'wal_keep_size', before: null, after: '1024', restart: false, apply: 'reload', file: 'postgresql.conf', line: 1 },
    ]);
  });

  test('config_file in a file is not a setting (the server keeps its own), and nothing changes for identical files', () => {
    expect(diff({ 'postgresql.conf': "config_file = 'x.conf'\nport = 5432\n" }, { 'postgresql.conf': 'port = 5432\n' })).toEqual([]);
  });
});

// PostgreSQL judges the canonical values: for each side's file, `postgres -C` prints `before` and
// `after` (the default for a removed parameter included).
describe('diffSettings against postgres -C', () => {
  const majors: Major[] = [16, 18];
  const clusters = clustersPerMajor(majors);
  const before = 'shared_buffers = 128MB\nwork_mem = 4MB\ncheckpoint_timeout = 5min\nlog_min_duration_statement = 250ms\nwal_level = hot_standby\nrandom_page_cost = 4.0\n';
  const after = "shared_buffers = '1GB'\nwork_mem = 4096kB\ncheckpoint_timeout = 600s\nwal_level = logical\nrandom_page_cost = 1.10\n";

  test.each(majors)('PostgreSQL %i', async (major) => {
    const changes = diff({ 'postgresql.conf': before }, { 'postgresql.conf': after }, [major, major]);
    const names = changes.map((c) => c.name);
    expect(names).toEqual(['checkpoint_timeout', 'log_min_duration_statement', 'random_page_cost', 'shared_buffers', 'wal_level']);
    const pg = clusters.get(major)!;
    const show = async (text: string): Promise<string[]> =>
      (await pg.runC({ text }, names)).map((r) => (r.rc === 0 ? r.stdout.trim() : `rc ${r.rc}: ${r.stderr.trim()}`));
    expect(changes.map((c) => c.before)).toEqual(await show(before));
    expect(changes.map((c) => c.after)).toEqual(await show(after));
    // work_mem: the same value both sides, as the server prints it.
    const [b, a] = [await pg.runC({ text: before }, ['work_mem']), await pg.runC({ text: after }, ['work_mem'])];
    expect(b[0]!.stdout).toBe(a[0]!.stdout);
  });
});
