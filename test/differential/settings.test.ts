/**
 * Differential test of the postgresql.conf side against real servers (PGCONF_LINT_MAJORS,
 * default 12,16,18): the fixtures, the samples of each major (test/data/samples) and a seeded
 * batch of generated single assignments. How cases are judged: settings-suite.ts. The real-world
 * corpus is judged the same way by test/corpus/differential-settings.corpus.test.ts
 * (`npm run test:corpus`).
 */
import { KNOWN_CONF_DIFFERENCES } from './known-differences.js';
import { defineConfSuite } from './settings-suite.js';

defineConfSuite({ title: 'postgresql.conf', fixtures: true, samples: true, generated: true, known: KNOWN_CONF_DIFFERENCES });
