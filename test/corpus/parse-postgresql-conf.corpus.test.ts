/**
 * The postgresql.conf parser on the real-world corpus (../shared/corpus/postgresql): every file
 * parses losslessly. Part of `npm run test:corpus`; the samples are checked in
 * test/parse-postgresql-conf.test.ts.
 */
import { describe, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePostgresqlConf } from '../../src/parse/postgresql-conf.js';
import { createSourceFile } from '../../src/source/source.js';
import { checkLossless } from '../support/conf-lossless.js';
import { shared } from '../support/shared.js';

describe('lossless on the corpus', () => {
  const corpus = shared('corpus', 'postgresql');
  const files = readdirSync(corpus).sort().map((f) => join(corpus, f));
  if (!files.length) throw new Error(`${corpus}: no corpus files`);

  it.each(files)('%s', (path) => {
    const file = createSourceFile(path, path, readFileSync(path));
    checkLossless(file.text, parsePostgresqlConf(file));
  });
});
