/**
 * The real-world corpus (../shared/corpus/postgresql) against `postgres -C` of real servers
 * (PGCONF_LINT_MAJORS, default 12,16,18), judged as test/differential/settings-suite.ts judges
 * every case. Part of `npm run test:corpus`, not of `npm test`: the corpus is not in the repository.
 */
import { defineConfSuite } from '../differential/settings-suite.js';
import { shared } from '../support/shared.js';
import { KNOWN_CORPUS_CONF_DIFFERENCES } from './known-differences.js';

defineConfSuite({ title: 'postgresql.conf (corpus)', corpusDir: shared('corpus', 'postgresql'), known: KNOWN_CORPUS_CONF_DIFFERENCES });
