/**
 * Differential test of pg_hba.conf and pg_ident.conf against the pg_hba_file_rules /
 * pg_ident_file_mappings views of real servers (PGCONF_LINT_MAJORS, default 12,16,18): the
 * fixtures, the samples of each major (test/data/samples) and seeded batches of generated lines.
 * How cases are judged: hba-suite.ts. The real-world corpus is judged the same way by
 * test/corpus/differential-hba.corpus.test.ts (`npm run test:corpus`).
 */
import { KNOWN_HBA_DIFFERENCES } from './known-differences.js';
import { defineHbaSuite } from './hba-suite.js';

defineHbaSuite({ title: 'pg_hba.conf / pg_ident.conf', fixtures: true, samples: true, generated: true, known: KNOWN_HBA_DIFFERENCES });
