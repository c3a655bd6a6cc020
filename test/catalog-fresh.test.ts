import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DATA_DIR, generate } from '../scripts/gen-catalog.mjs';
import { fileSettings, hbaFileRules, initCluster, parseLog, runC, type PgCluster } from '../scripts/lib/postgres.mjs';

// The majors installed as devDependencies: no download needed.
const MAJORS = [12, 16, 18];

describe('committed catalog', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pgconflint-catalog-'));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it(
    'equals a catalog regenerated from the real servers',
    async () => {
      await generate({ majors: MAJORS, outDir: out });
      for (const m of MAJORS) {
        const fresh = fs.readFileSync(path.join(out, `${m}.json`), 'utf8');
        const committed = fs.readFileSync(path.join(DATA_DIR, `${m}.json`), 'utf8');
        // compare parsed first for a readable diff, then the exact bytes
        expect(JSON.parse(fresh)).toEqual(JSON.parse(committed));
        expect(fresh).toBe(committed);
      }
    },
    300_000,
  );
});

describe('scripts/lib/postgres.mjs', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await initCluster(16);
    await cluster.start();
  }, 120_000);
  afterAll(async () => {
    const dir = cluster.dir;
    await cluster.cleanup();
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('runC prints values in base units, or the errors', async () => {
    const [mem, fsync] = await cluster.runC({ text: 'work_mem = 8MB\nfsync = of\n' }, ['work_mem', 'fsync']);
    expect([mem.rc, mem.stdout, fsync.stdout]).toEqual([0, '8192\n', 'off\n']);
    const [bad] = await runC(cluster, { text: "work_mem = '8mb'\n" }, ['work_mem']);
    expect(bad.rc).toBe(1);
    expect(parseLog(bad.stderr).map((l) => l.level + ' ' + l.message)).toEqual([
      'LOG invalid value for parameter "work_mem": "8mb"',
      'HINT Valid units for this parameter are "B", "kB", "MB", "GB", and "TB".',
      expect.stringMatching(/^FATAL configuration file ".*" contains errors$/),
    ]);
  });

  it('judges files with a running server', async () => {
    const rows = await fileSettings(cluster, 'work_mem = 1MB\nbogus = 1\n');
    expect(rows.map((r) => [r.sourceline, r.name, r.error])).toEqual([
      [1, 'work_mem', null],
      [2, 'bogus', 'unrecognized configuration parameter'],
    ]);
    const hba = await hbaFileRules(cluster, 'local all all trust\nhost all all 10.0.0.0 md5\n');
    expect(hba.map((r) => [r.line_number, r.auth_method, r.error])).toEqual([
      [1, 'trust', null],
      [2, null, 'invalid IP mask "md5": Name or service not known'],
    ]);
    // a broken file on disk does not matter: new sessions use the rules loaded at startup
    await hbaFileRules(cluster, 'host all all 10.0.0.0/8 reject\n');
    const client = new pg.Client({ host: cluster.dir, user: 'postgres', database: 'postgres' });
    await client.connect();
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await client.end();
  });
});
