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
/** Files that on 10 already fail on a removed or unknown parameter, before values are checked. */
const NOT_10: readonly Major[] = [11, 12, 13, 14, 15, 16, 17, 18];

export const KNOWN_CONF_DIFFERENCES: readonly KnownDifference[] = [
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
  // `lc_messages = ''` (take it from the environment) fails setlocale() in the 16-18 builds here.
  ...locales('sample:postgresql.conf.sample(uncommented)', ['lc_messages'], [16, 17, 18]),

  // ---- unemulated check hook: check_client_encoding canonicalizes the name (sql_ascii -> SQL_ASCII)
  { caseId: 'sample:postgresql.conf.sample(uncommented)', param: 'client_encoding', majors: [10, 11, 12, 13, 14, 15], reason: 'client_encoding is in UNEMULATED_CHECK_PARAMS: its check hook spells the encoding canonically' },
  { caseId: 'sample:postgresql.conf.sample(uncommented) (without lc_messages)', param: 'client_encoding', majors: [16, 17, 18], reason: 'client_encoding is in UNEMULATED_CHECK_PARAMS: its check hook spells the encoding canonically' },

  // ---- TODO(bug): defects in our parsers
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
  ...['gen:notify_buffers = 0x1336', 'gen:NOTIFY_BUFFERS = 0x40B', "gen:multixact_offset_buffers = '\t3555'", "gen:multixact_offset_buffers = ' 3237 '", "gen:notify_buffers = '1e3kB'"].map((caseId) => ({
    caseId,
    majors: [17] as const,
    reason: 'check_slru_buffers (17+): SLRU buffer counts must be 0 or a multiple of 16',
    bug: 'src/catalog/values.ts: check_slru_buffers not emulated',
  })),
  {
    caseId: 'fixture:numbers-invalid.conf',
    param: 'cpu_tuple_cost',
    majors: [10, 11],
    reason: "PG 10/11 reject 'nan' for a real parameter: \"parameter \"cpu_tuple_cost\" requires a numeric value\"",
    bug: 'src/catalog/values.ts parseRealGuc: the <=11 branch accepts NaN (the comment says parse_real <=11 does not reject it; the servers do)',
  },
  ...[
    ["gen:random_page_cost = 'NaN'", 10],
    ["gen:cpu_tuple_cost = 'nan'", 10],
    ["gen:seq_page_cost = 'nan'", 11],
    ["gen:autovacuum_analyze_scale_factor = 'nan'", 11],
  ].map(([caseId, major]) => ({
    caseId: String(caseId),
    majors: [major as Major],
    reason: 'NaN for a real parameter on 10/11: "requires a numeric value"',
    bug: 'src/catalog/values.ts parseRealGuc (<=11 NaN)',
  })),
  ...[
    ["gen:transaction_isolation = '#notacomment'", 10],
    ['gen:TRANSACTION_ISOLATION = café', 11],
    ['gen:transaction_isolation = café', 11],
  ].map(([caseId, major]) => ({
    caseId: String(caseId),
    majors: [major as Major],
    reason: 'transaction_isolation is a string with a check hook (check_XactIsoLevel) up to 11: "invalid value for parameter "transaction_isolation""',
    bug: 'src/catalog/values.ts: <=11 transaction_isolation check hook (serializable / repeatable read / read committed / read uncommitted / default) not emulated',
  })),
  {
    caseId: 'fixture:strings-hooks-invalid.conf',
    param: 'primary_slot_name',
    majors: [13, 14, 15],
    reason: '13-15 already report the slot-name problem as DETAIL/HINT of the LOG line (only 12 and older log a separate WARNING)',
    bug: 'src/catalog/values.ts primary_slot_name: `major >= 16` must be `major >= 13`',
  },
  ...["gen:PRIMARY_SLOT_NAME = 'Bad-Name'", "gen:PRIMARY_SLOT_NAME = '" + 's'.repeat(70) + "'", "gen:primary_slot_name = 'Bad-Name'", "gen:primary_slot_name = '" + 's'.repeat(70) + "'"].map((caseId) => ({
    caseId,
    majors: [13, 14, 15] as const,
    reason: 'same as fixture:strings-hooks-invalid.conf primary_slot_name',
    bug: 'src/catalog/values.ts primary_slot_name version boundary',
  })),
  ...['gen:bonjour = TrUe', 'gen:bonjour = yes'].map((caseId) => ({
    caseId,
    majors: [13] as const,
    reason: 'check_bonjour: "Bonjour is not supported by this build" for any true value (build-dependent; typical Linux builds lack Bonjour too)',
    bug: 'src/catalog/values.ts: check_bonjour not emulated (at least flag it build-dependent)',
  })),
  {
    caseId: "gen:DEFAULT_TABLE_ACCESS_METHOD = ''",
    majors: [15],
    reason: 'check_default_table_access_method: DETAIL "default_table_access_method cannot be empty."',
    bug: 'src/catalog/values.ts: empty default_table_access_method must be rejected (12+)',
  },
];

const ROW = ['type', 'database', 'user_name', 'address', 'netmask', 'auth_method', 'options', 'error', 'rule_number'];
/** Every column of the row of line n. */
const row = (n: number): string[] => ROW.map((c) => `L${n}.${c}`);

export const KNOWN_HBA_DIFFERENCES: readonly KnownDifference[] = [
  // ---- machine-dependent
  {
    caseId: 'hba-fixture:ipv6.conf',
    // line 7's row, and (16+) the rule numbers of the rows after it
    param: [...row(7), 'L10.rule_number', 'L12.rule_number'],
    reason: 'fe80::%eth0/10: getaddrinfo resolves the scope id against the server machine\'s network interfaces (this one has eth0); we only assume "lo"',
  },
  {
    caseId: 'hba-fixture:options.conf',
    param: row(17),
    reason: 'radiusservers=radius.example.com is resolved with DNS when the file is loaded; the judging machine has no DNS, so the server logs "could not translate RADIUS server name" and (quirk) leaves an empty row without error',
  },

  // ---- TODO(bug): defects in our parsers
  {
    caseId: 'hba-fixture:options.conf',
    param: 'L9.error',
    majors: [10, 11, 12, 13],
    reason: 'the RADIUS list-length check logs its error but sets no err_msg before 14 (verify_option_list_length had no err_msg argument), so the view shows an empty row with a null error',
    bug: 'src/parse/pg-hba.ts checkMandatory: for major <= 13 the "number of RADIUS ..." LineError must pass setsErrMsg=false',
  },
  {
    caseId: 'hba-fixture:clientcert.conf',
    param: row(1),
    majors: [10, 11],
    reason: 'PG 10/11 accept clientcert=1 with ssl off: the row loads with options {clientcert=true} and only the "hostssl record cannot match because SSL is disabled" warning',
    bug: 'src/parse/pg-hba.ts clientcert(): the "root certificate store" error does not exist for the server\'s ssl=off case in 10/11 (keep clientcert=true)',
  },
  {
    caseId: 'corpus:013__varasys__pgdock__conf__pg_hba.conf',
    param: row(86),
    majors: [10, 11],
    reason: 'same as hba-fixture:clientcert.conf line 1 (hostssl ... md5 clientcert=1)',
    bug: 'src/parse/pg-hba.ts clientcert()',
  },
  {
    caseId: 'hba-fixture:long-line.conf',
    majors: [10],
    reason: 'PG 10.23 still cuts lines at 8192 bytes: "authentication file line too long", and the rest of the line is read as the next line',
    bug: 'src/parse/auth-tokens.ts LineReader: the 8192-byte line limit is gone from 11+ but still in 10',
  },
];
