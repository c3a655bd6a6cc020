import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DATA = fileURLToPath(new URL('../data/', import.meta.url));

/**
 * A path under test/data/: PostgreSQL's sample files and reference catalogs, kept in the repository
 * (test/data/README.md says what they are and carries the PostgreSQL licence). `npm test` reads
 * nothing outside the repository.
 */
export const testData = (...parts: string[]): string => join(DATA, ...parts);

/** test/data/samples/<major>/<name>: a sample file as shipped with that major's build. */
export const sampleFile = (major: number, name: 'postgresql.conf.sample' | 'pg_hba.conf.sample' | 'pg_ident.conf.sample'): string =>
  testData('samples', String(major), name);
