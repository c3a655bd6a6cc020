/**
 * The real-world corpus (../shared/corpus/pg_hba) against pg_hba_file_rules of real servers
 * (PGCONF_LINT_MAJORS, default 12,16,18), judged as test/differential/hba-suite.ts judges every
 * case. Part of `npm run test:corpus`, not of `npm test`: the corpus is not in the repository.
 */
import { defineHbaSuite } from '../differential/hba-suite.js';
import { shared } from '../support/shared.js';
import { KNOWN_CORPUS_HBA_DIFFERENCES } from './known-differences.js';

defineHbaSuite({ title: 'pg_hba.conf (corpus)', corpusDir: shared('corpus', 'pg_hba'), known: KNOWN_CORPUS_HBA_DIFFERENCES });
