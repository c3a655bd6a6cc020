/**
 * Every known difference between our parsers and the real servers. Each entry names its reason
 * and is matched precisely (case id, plus the parameter or column when given, plus the majors
 * when given); the suite fails when an entry no longer occurs, so delete it when the difference
 * goes away. Entries with `bug` are defects in our parsers (TODO(bug)), reported to their owners.
 */
import type { Major } from '../../src/catalog/types.js';
import type { KnownDifference } from '../support/oracle.js';

const LC = ['lc_messages', 'lc_monetary', 'lc_numeric', 'lc_time'] as const;

/** The server checks lc_* with setlocale() on its own machine, which has only the C, C.utf8 and
 * POSIX locales; MACHINE_DEPENDENT_PARAMS says we cannot judge them from files. The rest of such a
 * file is judged on a copy without those lines (see settings.test.ts). */
function locales(caseId: string, params: readonly string[] = LC, majors?: readonly Major[]): KnownDifference[] {
  const reason = 'locale not installed on the judging machine (MACHINE_DEPENDENT_PARAMS)';
  return params.map((param) => ({ caseId, param, reason, ...(majors ? { majors } : {}) }));
}

const corpus = (f: string): string => `corpus:${f}`;

export const KNOWN_CONF_DIFFERENCES: readonly KnownDifference[] = [
  // ---- machine-dependent: locales (on majors where the file gets as far as checking values)
  ...locales(corpus('012__5monkeys__docker-postgres__config__postgresql.conf'), LC, [12]),
  ...locales(corpus('017__DamienDrash__ExaPG__config__postgresql.conf')),
  ...locales(corpus('019__bmaland__7dbsbox__files__postgresql.conf')),
  ...locales(corpus('025__huangsam__pgcluster__slave__postgresql.conf'), LC, [12]),
  ...locales(corpus('028__CodeScoring__on-premise-docker-compose__postgres__postgresql.conf')),
  ...locales(corpus('034__12urenloop__Telraam__postgresql.conf'), LC, [18]),
  ...locales(corpus('036__FindMyFriends__api__docker__postgres__postgresql.conf')),
  ...locales(corpus('047__hanzoai__sql__conf__postgresql.conf')),
  ...locales(corpus('050__Wajihulhassan__npf__conf__postgresql.conf')),
  ...locales(corpus('051__GKilm__ovirt-dev__config__postgresql.conf'), ['lc_messages']),
  ...locales(corpus('064__MWANGAZA-LAB__Rada__config__postgresql.conf')),
  ...locales(corpus('068__AI2AIs__ai2ais-deployment__config__postgresql.conf')),
  ...locales(corpus('070__10Andrey01__meterDB__config__postgresql.conf')),
  ...locales(corpus('071__0xaldric__indexer__config__postgresql.conf')),
  ...locales(corpus('075__29usama__mattermost__postgresql.conf')),
  // `lc_messages = ''` (take it from the environment) fails setlocale() in the 16 and 18 builds here.
  ...locales('sample:postgresql.conf.sample(uncommented)', ['lc_messages'], [16, 18]),

  // ---- unemulated check hook: check_client_encoding canonicalizes the name (sql_ascii -> SQL_ASCII)
  { caseId: 'sample:postgresql.conf.sample(uncommented)', param: 'client_encoding', majors: [12], reason: 'client_encoding is in UNEMULATED_CHECK_PARAMS: its check hook spells the encoding canonically' },
  { caseId: 'sample:postgresql.conf.sample(uncommented) (without lc_messages)', param: 'client_encoding', majors: [16, 18], reason: 'client_encoding is in UNEMULATED_CHECK_PARAMS: its check hook spells the encoding canonically' },

  // ---- TODO(bug): defects in our parsers
  {
    caseId: 'fixture:config-file-ignored.conf',
    param: 'config_file',
    reason: 'config_file in a file is ignored: -C prints the real config file, we print the value written',
    bug: 'src/resolve/settings-rows.ts / cluster.ts: config_file from a file must not become the effective value (pg_file_settings: applied=f, "setting could not be applied")',
  },
  {
    caseId: "gen:config_file = 'other.conf'",
    param: 'config_file',
    reason: 'same as fixture:config-file-ignored.conf',
    bug: 'src/resolve/settings-rows.ts: canonical of config_file',
  },
  {
    caseId: 'fixture:include-depth',
    reason: 'the depth error names the include target as written ("d11.conf"), before it is made absolute',
    bug: 'src/resolve/conf-files.ts openFile: "maximum nesting depth exceeded" must print line.value.value, not the resolved path',
  },
  {
    caseId: 'fixture:include-loop',
    reason: 'an include cycle ends in the depth error, which names the target as written ("a.conf")',
    bug: 'src/resolve/conf-files.ts openFile: same as include-depth (the cycle branch too)',
  },
  {
    caseId: 'fixture:latin1-bytes.conf',
    param: 'application_name',
    reason: 'non-UTF-8 bytes: the server escapes the byte 0xE9 as \\xe9, we re-encode the Latin-1-decoded text as UTF-8 first',
    bug: 'src/catalog/values.ts parseStringGuc: Buffer.from(input, "utf8") must use the file\'s original bytes (latin1 when SourceFile.encoding is latin1)',
  },
  {
    caseId: 'fixture:latin1-bytes.conf',
    param: 'cluster_name',
    reason: 'same as application_name',
    bug: 'src/catalog/values.ts parseStringGuc (cleanAscii input bytes)',
  },
  {
    caseId: 'gen:io_max_concurrency = -0',
    majors: [18],
    reason: 'check_io_max_concurrency: "invalid value for parameter "io_max_concurrency": 0" DETAIL "Only -1 or values bigger than 0 are valid."',
    bug: 'src/catalog/values.ts: check hook of io_max_concurrency (18) not emulated and not in UNEMULATED_CHECK_PARAMS',
  },
  {
    caseId: "gen:subtransaction_buffers = '64.5kB'",
    majors: [18],
    reason: 'check_slru_buffers: 8 blocks is rejected, DETAIL ""subtransaction_buffers" must be a multiple of 16."',
    bug: 'src/catalog/values.ts: check_slru_buffers (17+: *_buffers SLRU parameters must be 0 or a multiple of 16) not emulated',
  },
  {
    caseId: "gen:subtransaction_buffers = '65.5kB'",
    majors: [18],
    reason: 'same as the 64.5kB case',
    bug: 'src/catalog/values.ts: check_slru_buffers not emulated',
  },
];

export const KNOWN_HBA_DIFFERENCES: readonly KnownDifference[] = [];
