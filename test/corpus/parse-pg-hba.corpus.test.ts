/**
 * The pg_hba.conf parser on the real-world corpus (../shared/corpus/pg_hba) for every major: no
 * crash. Part of `npm run test:corpus`; the samples are checked in test/parse-pg-hba.test.ts.
 */
import { expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUPPORTED_MAJORS } from '../../src/catalog/types.js';
import { parsePgHba } from '../../src/parse/pg-hba.js';
import { createSourceFile } from '../../src/source/source.js';
import { memIO } from '../support/mem-io.js';
import { shared } from '../support/shared.js';

it('parses the corpus for every major', () => {
  const corpus = shared('corpus', 'pg_hba');
  const names = readdirSync(corpus);
  expect(names.length).toBeGreaterThan(0);
  for (const major of SUPPORTED_MAJORS) {
    for (const name of names) {
      const p = join(corpus, name);
      const file = createSourceFile(name, p, readFileSync(p));
      const h = parsePgHba(file, major, memIO({}, '/nowhere'));
      expect(h.lines.length).toBeGreaterThanOrEqual(0);
    }
  }
});
