/**
 * test/data/ holds PostgreSQL's sample files for every supported major (see test/data/README.md).
 * For the majors installed as devDependencies, the copies must be byte for byte what those
 * builds ship in share/postgresql.
 */
import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shareDir } from '../scripts/lib/postgres.mjs';
import { SUPPORTED_MAJORS } from '../src/catalog/types.js';
import { sampleFile, testData } from './support/test-data.js';

const NAMES = ['postgresql.conf.sample', 'pg_hba.conf.sample', 'pg_ident.conf.sample'] as const;

it.each([12, 16, 18])("the samples of %i are the server's own", async (major) => {
  const share = await shareDir(major);
  for (const name of NAMES) expect({ name, same: readFileSync(sampleFile(major, name)).equals(readFileSync(join(share, name))) }).toEqual({ name, same: true });
});

it('has the samples and reference pg_settings of every supported major', () => {
  for (const major of SUPPORTED_MAJORS) {
    for (const name of NAMES) expect(readFileSync(sampleFile(major, name), 'utf8')).toMatch(/^# /);
    const tsv = readFileSync(testData('guc', `${major}.pg_settings.tsv`), 'utf8').split('\n');
    expect(tsv[0]).toBe('name\tvartype\tunit\tcontext\tcategory\tboot_val\treset_val\tmin_val\tmax_val\tenumvals\tflags\tshort_desc');
    expect(tsv.length).toBeGreaterThan(250);
  }
});
