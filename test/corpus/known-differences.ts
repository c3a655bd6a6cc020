/**
 * The known differences of the corpus cases of the differential suites
 * (differential-settings.corpus.test.ts, differential-hba.corpus.test.ts), with the same rules as
 * test/differential/known-differences.ts: each names its reason, is matched precisely, and fails
 * the suite when it no longer occurs.
 */
import type { Major } from '../../src/catalog/types.js';
import type { KnownDifference } from '../support/oracle.js';
import { LC, locales } from '../differential/known-differences.js';

const corpus = (f: string): string => `corpus:${f}`;
/** Files that on 10 already fail on a removed or unknown parameter, before values are checked. */
const NOT_10: readonly Major[] = [11, 12, 13, 14, 15, 16, 17, 18];

export const KNOWN_CORPUS_CONF_DIFFERENCES: readonly KnownDifference[] = [
  // ---- machine-dependent: locales (on majors where the file gets as far as checking values)
  ...locales(corpus('012__5monkeys__docker-postgres__config__postgresql.conf'), LC, [10, 11, 12]),
  ...locales(corpus('017__DamienDrash__ExaPG__config__postgresql.conf'), LC, NOT_10),
  ...locales(corpus('019__bmaland__7dbsbox__files__postgresql.conf')),
  ...locales(corpus('025__huangsam__pgcluster__slave__postgresql.conf'), LC, [10, 11, 12]),
  ...locales(corpus('028__CodeScoring__on-premise-docker-compose__postgres__postgresql.conf'), LC, NOT_10),
  ...locales(corpus('034__12urenloop__Telraam__postgresql.conf'), LC, [18]),
  ...locales(corpus('036__FindMyFriends__api__docker__postgres__postgresql.conf')),
  ...locales(corpus('047__hanzoai__sql__conf__postgresql.conf'), LC, NOT_10),
  ...locales(corpus('050__Wajihulhassan__npf__conf__postgresql.conf')),
  ...locales(corpus('051__GKilm__ovirt-dev__config__postgresql.conf'), ['lc_messages']),
  ...locales(corpus('064__MWANGAZA-LAB__Rada__config__postgresql.conf')),
  ...locales(corpus('068__AI2AIs__ai2ais-deployment__config__postgresql.conf')),
  ...locales(corpus('070__10Andrey01__meterDB__config__postgresql.conf')),
  ...locales(corpus('071__0xaldric__indexer__config__postgresql.conf'), LC, NOT_10),
  ...locales(corpus('075__29usama__mattermost__postgresql.conf')),
];

export const KNOWN_CORPUS_HBA_DIFFERENCES: readonly KnownDifference[] = [];
