// Issue 15's "done when": with --profile cis every pgdsat check decidable from files is reported on a
// violating configuration; with --profile stig every STIG control that reads configuration files
// (and those whose settings the baseline asks a live server for); with the default profile every
// go_hba_rules code except a documented disagreement. The violating configurations are written here
// by hand, one per control (CIS, go_hba_rules) or per rule the STIG catalog names, from what the
// control asks — not taken from the rules' own examples.
import { afterAll, describe, expect, test } from '@jest/globals';
import { RULES } from '../rules/index.js';
import type { Major } from '../src/catalog/types.js';
import { cisCatalog, goHbaRulesCatalog, stigCatalog, controlStatus, type Catalog, type CatalogControl } from '../src/profiles/catalogs/index.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

type Tree = Record<string, string>;

const CIS = cisCatalog();
const STIG = stigCatalog();
const GO_HBA_RULES = goHbaRulesCatalog();
const conf = (text: string): Tree => ({ 'postgresql.conf': text + '\n' });
const hba = (text: string, confText?: string): Tree => ({ 'pg_hba.conf': text + '\n', ...(confText === undefined ? {} : { 'postgresql.conf': confText + '\n' }) });

/** Rules (the merged ones too) that report something on the tree under the profiles. */
function reported(tree: Tree, profiles: string[], pgVersion: Major = 17): Set<string> {
  const { result } = lintTree(tree, { pgVersion, profiles });
  expect(result.errors).toEqual([]);
  const out = new Set<string>();
  for (const d of result.diagnostics) {
    if (d.suppressed) continue;
    out.add(d.rule);
    for (const r of d.also ?? []) out.add(r);
  }
  return out;
}

const decidable = (cat: Catalog): CatalogControl[] => cat.controls.filter((c) => c.decidable !== 'no' && c.rules.length > 0);

/** CIS (pgdsat numbering): one violating configuration per control decidable from files. */
const CIS_CASES: Readonly<Record<string, Tree>> = {
  '2.6': conf('unix_socket_permissions = 0777'),
  '3.1.2': conf("log_destination = 'stderr'\nlogging_collector = off"),
  '3.1.3': conf('logging_collector = off'),
  '3.1.4': conf("logging_collector = on\nlog_directory = ''"),
  '3.1.6': conf('logging_collector = on\nlog_file_mode = 0644'),
  '3.1.7': conf('logging_collector = on\nlog_truncate_on_rotation = off'),
  '3.1.11': conf("log_destination = 'syslog'\nsyslog_sequence_numbers = off"),
  '3.1.12': conf("log_destination = 'syslog'\nsyslog_split_messages = off"),
  '3.1.14': conf('log_min_messages = error'),
  '3.1.15': conf('log_min_error_statement = log'),
  '3.1.16': conf('debug_print_parse = on'),
  '3.1.17': conf('debug_print_rewritten = on'),
  '3.1.18': conf('debug_print_plan = on'),
  '3.1.19': conf('debug_pretty_print = off'),
  '3.1.20': conf('log_connections = off'),
  '3.1.21': conf('log_disconnections = off'),
  '3.1.22': conf('log_error_verbosity = default'),
  '3.1.23': conf('log_hostname = on'),
  '3.1.24': conf("log_line_prefix = '%m [%p] '"),
  '3.1.25': conf("log_statement = 'none'"),
  '3.1.26': conf("log_timezone = 'Europe/Paris'"),
  '3.1.27': conf("logging_collector = on\nlog_directory = 'log'"),
  '3.2': conf("shared_preload_libraries = 'pg_stat_statements'"),
  '5.2': conf("listen_addresses = '*'"),
  '5.3': hba('local   all   app   trust'),
  '5.4': hba('host   all   app   127.0.0.1/32   trust'),
  '5.6': conf("shared_preload_libraries = ''"),
  '5.7': conf('authentication_timeout = 5min'),
  '5.8': hba('host   all   app   10.20.0.0/16   scram-sha-256', 'ssl = on'),
  '5.9': hba('hostssl   all   app   0.0.0.0/0   scram-sha-256'),
  '5.10': hba('hostssl   all   all   10.20.0.0/24   scram-sha-256'),
  '5.11': hba('hostssl   all   postgres   10.20.0.0/24   scram-sha-256'),
  '5.12': conf("password_encryption = 'md5'"),
  '6.2': conf('ignore_system_indexes = on'),
  '6.8': conf('ssl = off'),
  '6.10': conf("ssl = on\nssl_ciphers = 'HIGH:RC4'"),
  '6.11': conf("session_preload_libraries = ''"),
  '7.2': conf('log_replication_commands = off'),
  '7.4': conf('archive_mode = off'),
  '7.5': conf("archive_mode = off\nprimary_conninfo = 'host=10.0.0.5 user=replicator sslmode=disable'"),
  '8.1': conf("logging_collector = on\nlog_directory = 'pg_log'"),
};

/** go_hba_rules: one violating pg_hba.conf (with postgresql.conf where the code reads ssl) per code. */
const GO_HBA_CASES: Readonly<Record<string, Tree>> = {
  trustNetwork: hba('host   all   app   127.0.0.1/32   trust\nhost   all   all   10.20.0.0/16   trust'),
  passwordNoTLS: hba('host   all   app   10.20.0.0/16   password', 'ssl = on'),
  passwordNoSSL: hba('host   all   app   10.20.0.0/16   password', 'ssl = off'),
  passwordWithTLS: hba('hostssl   all   app   10.20.0.0/16   password', 'ssl = on'),
  md5Deprecated: hba('hostssl   all   app   10.20.0.0/16   md5', 'ssl = on'),
  nonTLSPath: hba('host   all   app   10.20.0.0/16   scram-sha-256', 'ssl = on'),
  hostsslNoSSL: hba('hostssl   all   app   10.20.0.0/16   scram-sha-256', 'ssl = off'),
  wideAddress: hba('hostssl   all   app   10.0.0.0/8   scram-sha-256\nhostssl   all   app   0.0.0.0/0   scram-sha-256', 'ssl = on'),
  allDbAllUser: hba('hostssl   all   all   10.20.0.0/24   scram-sha-256', 'ssl = on'),
  replicationWideAccess: hba('hostssl   replication   all   10.20.0.0/24   scram-sha-256', 'ssl = on'),
  identNoMap: hba('host   all   app   10.20.0.0/24   ident'),
  identMapMissing: { 'pg_hba.conf': 'local   all   app   peer   map=office\n', 'pg_ident.conf': 'staff   alice   app\n' },
  peerNonLocal: hba('host   all   app   10.20.0.0/24   peer'),
  localAllAll: hba('local   all   all   trust'),
  clientcertNonHostssl: hba('host   all   app   10.20.0.0/24   scram-sha-256   clientcert=verify-full'),
  clientcertInvalid: hba('hostssl   all   app   10.20.0.0/24   scram-sha-256   clientcert=1'),
  shadowedByReject: hba('host   all   all   10.20.0.0/16   reject\nhostssl   sales   app   10.20.1.0/24   scram-sha-256'),
  shadowedByHost: hba('host   all   app   10.20.0.0/16   scram-sha-256\nhostssl   all   app   10.20.0.0/16   cert'),
  overlyBroadRule: hba('host   all   all   10.20.0.0/16   scram-sha-256\nhostssl   sales   app   10.20.1.0/24   cert'),
  shadowedByBroadRule: hba('host   all   all   10.0.0.0/8   md5\nhost   sales   app   10.20.1.0/24   scram-sha-256'),
  redundantRule: hba('host   sales   app   10.20.1.0/24   scram-sha-256\nhost   sales   app   10.20.1.0/24   scram-sha-256'),
  shadowedRule: hba('host   all   app   10.20.0.0/16   scram-sha-256\nhost   sales   app   10.20.1.0/24   scram-sha-256'),
};

/** STIG: a configuration each rule the STIG catalog names must report under --profile stig. */
const STIG_RULE_CASES: Readonly<Record<string, Tree>> = {
  'hba-trust-remote': hba('host   all   app   10.20.0.0/16   trust'),
  'hba-local-trust': hba('local   all   app   trust'),
  'hba-cleartext-password': hba('hostssl   all   app   10.20.0.0/16   password', 'ssl = on'),
  'hba-md5': hba('hostssl   all   app   10.20.0.0/16   md5', 'ssl = on'),
  'hba-replication-open': hba('hostssl   replication   all   10.20.0.0/24   scram-sha-256', 'ssl = on'),
  'hba-ident-over-tcp': hba('host   all   app   10.20.0.0/24   ident'),
  'hba-client-cert-not-required': hba('hostssl   all   app   10.20.0.0/24   scram-sha-256', 'ssl = on'),
  'password-encryption-md5': conf("password_encryption = 'md5'"),
  'ssl-disabled': conf('ssl = off'),
  'connection-logging-off': conf('log_connections = off'),
  'log-line-prefix-incomplete': conf("log_line_prefix = '%m [%p] '"),
  'log-file-mode-permissive': conf('logging_collector = on\nlog_file_mode = 0644'),
  'logging-collector-off': conf('logging_collector = off'),
  'log-error-verbosity-low': conf('log_error_verbosity = terse'),
  'log-duration-off': conf('log_duration = off'),
  'log-timezone-not-utc': conf("log_timezone = 'Europe/Paris'"),
  'client-min-messages-verbose': conf('client_min_messages = notice'),
  'pgaudit-not-configured': conf("shared_preload_libraries = 'pg_stat_statements'"),
  'log-destination-empty': conf("log_destination = ''"),
};

describe('--profile cis reports every pgdsat check decidable from files', () => {
  test('every decidable control with a rule has a violating configuration here', () => {
    expect(decidable(CIS).map((c) => c.id).filter((id) => !CIS_CASES[id])).toEqual([]);
  });
  test.each(decidable(CIS).map((c) => [c.id, c] as const))('CIS %s', (id, control) => {
    const found = reported(CIS_CASES[id]!, ['cis']);
    expect({ id, reportedBy: control.rules.filter((r) => found.has(r)).length > 0, rules: control.rules }).toEqual({ id, reportedBy: true, rules: control.rules });
  });
  test('older majors use the nearest edition (16), and report the same', () => {
    expect(reported(conf('log_connections = off'), ['cis'], 13).has('connection-logging-off')).toBe(true);
  });
});

describe('--profile stig reports every STIG control decidable from files', () => {
  const rules = [...new Set(decidable(STIG).flatMap((c) => c.rules))];
  test('every rule the STIG catalog names has a violating configuration here', () => {
    expect(rules.filter((r) => !STIG_RULE_CASES[r])).toEqual([]);
  });
  test.each(rules.map((r) => [r]))('%s', (rule) => {
    expect({ rule, reported: reported(STIG_RULE_CASES[rule]!, ['stig']).has(rule) }).toEqual({ rule, reported: true });
  });
  test('an absent password_encryption where the default is md5 (13) is reported under stig and cis, not by default', () => {
    const tree = conf('work_mem = 4MB');
    expect(reported(tree, ['stig'], 13).has('password-encryption-md5')).toBe(true);
    expect(reported(tree, ['cis'], 13).has('password-encryption-md5')).toBe(true);
    expect(reported(tree, [], 13).has('password-encryption-md5')).toBe(false);
  });
  test('the eight controls whose baseline code reads the files themselves are all covered', () => {
    const reads = STIG.controls.filter((c) => c.reads === 'files');
    expect(reads.map((c) => c.id)).toHaveLength(8);
    for (const c of reads) expect({ id: c.id, status: controlStatus(c) }).toEqual({ id: c.id, status: expect.stringMatching(/^(automated|partly)$/) });
  });
});

describe('the default profile reports every go_hba_rules code but the documented disagreement', () => {
  test('every code is either covered by a rule or a documented disagreement', () => {
    for (const c of GO_HBA_RULES.controls) {
      expect({ id: c.id, ok: c.rules.length > 0 || Boolean(c.disagreement) }).toEqual({ id: c.id, ok: true });
    }
    expect(GO_HBA_RULES.controls.filter((c) => c.rules.length === 0).map((c) => c.id)).toEqual(['partialOverlap']);
  });
  test.each(decidable(GO_HBA_RULES).map((c) => [c.id, c] as const))('%s', (id, control) => {
    const found = reported(GO_HBA_CASES[id]!, []);
    expect({ id, reportedBy: control.rules.filter((r) => found.has(r)).length > 0, rules: control.rules }).toEqual({ id, reportedBy: true, rules: control.rules });
  });
});

describe('what no profile flags', () => {
  const profiles = [[], ['cis'], ['stig'], ['cis', 'stig']];
  test.each(profiles.map((p) => [p.join('+') || 'recommended', p]))('local all all peer (PostgreSQL\'s own default) is silent under %s', (_n, p) => {
    const { result } = lintTree(hba('local   all   all   peer'), { pgVersion: 17, profiles: p as string[] });
    expect(result.diagnostics.filter((d) => d.loc.file.endsWith('pg_hba.conf'))).toEqual([]);
  });
  test.each(profiles.map((p) => [p.join('+') || 'recommended', p]))('an all/all reject record is never an all/all finding under %s', (_n, p) => {
    const tree = hba('host   all   all   0.0.0.0/0   reject\nhost   all   all   ::/0   reject\nlocal   all   all   reject');
    const { result } = lintTree(tree, { pgVersion: 17, profiles: p as string[] });
    const rules = result.diagnostics.flatMap((d) => [d.rule, ...(d.also ?? [])]);
    expect(rules.filter((r) => r === 'hba-all-users-all-databases' || r === 'hba-open-to-world' || r === 'hba-wide-network')).toEqual([]);
  });
  test('every rule a catalog names is registered', () => {
    const names = new Set(RULES.map((r) => r.name));
    for (const cat of [CIS, STIG, GO_HBA_RULES]) for (const c of cat.controls) for (const r of c.rules) expect({ r, known: names.has(r) }).toEqual({ r, known: true });
  });
});
