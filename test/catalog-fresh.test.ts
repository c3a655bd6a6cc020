import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATA_DIR, generate } from '../scripts/gen-catalog.mjs';

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
