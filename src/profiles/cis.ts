import type { Profile, ProfileRule } from './types.js';

/**
 * The CIS PostgreSQL Benchmark, by the recommendation numbers pgdsat (github:HexaCluster/pgdsat,
 * README "SECURITY CHECKS", which implements the CIS Benchmark for PostgreSQL 17) gives its checks.
 * Only ids and titles are cited anywhere in this project: the benchmark text is CC BY-NC-SA.
 *
 * Only the rules that exist today are mapped; the checks the profile still lacks are added by
 * issue 15. A rule maps to a control it implements at least in part (the profile pages say which
 * part).
 */
const CIS_17: Record<string, ProfileRule> = {
  // 5.2 Ensure PostgreSQL is Bound to an IP Address
  'listen-on-all-addresses': { controls: ['5.2'] },
  // 5.3 Ensure login via "local" UNIX Domain Socket is configured correctly
  'hba-local-trust': { controls: ['5.3'] },
  // 5.4 Ensure login via "host" TCP/IP Socket is configured correctly
  'hba-trust-remote': { controls: ['5.4'] },
  'hba-cleartext-password': { controls: ['5.4'] },
  'hba-md5': { controls: ['5.4'] },
  // 5.8 Ensure SSL is used for client connection; 6.8 Ensure TLS is enabled and configured correctly
  'ssl-disabled': { controls: ['5.8', '6.8'] },
  'hba-hostssl-without-ssl': { controls: ['5.8', '6.8'] },
  // 5.9 Ensure authorized IP addresses ranges are not too large
  'hba-wide-network': { controls: ['5.9'] },
  'hba-open-to-world': { controls: ['5.9'] },
  // 5.11 Ensure superusers are not allowed to connect remotely
  'hba-superuser-remote': { controls: ['5.11'] },
  // 5.12 Ensure that 'password_encryption' is correctly set
  'password-encryption-md5': { controls: ['5.12'] },
  // 3.1.14 Ensure the correct messages are written to the server log;
  // 3.1.15 Ensure the correct SQL statements generating errors are recorded
  'log-level-too-quiet': { controls: ['3.1.14', '3.1.15'] },
  // 7.4 Ensure WAL archiving is configured and functional
  'archive-command-missing': { controls: ['7.4'] },
  'archive-command-noop': { controls: ['7.4'] },
  // 7.5 Ensure streaming replication parameters are configured correctly
  'replication-conninfo-insecure': { controls: ['7.5'] },
};

/**
 * The same rules without control ids: the numbering of the 16 and 18 editions was not verified
 * (pgdsat numbers its checks by the 17 edition only), so no id is claimed for them.
 */
const unverified = (rules: Record<string, ProfileRule>): Record<string, ProfileRule> =>
  Object.fromEntries(Object.entries(rules).map(([name, r]) => [name, { ...r, controls: [] }]));

export const cis: Profile = {
  name: 'cis',
  title: 'CIS PostgreSQL Benchmark',
  summary: 'The CIS PostgreSQL Benchmark checks that can be decided from configuration files, in the edition of each cluster\'s target major',
  catalog: { name: 'CIS PostgreSQL Benchmark (recommendation numbers as pgdsat implements them)', source: 'https://github.com/HexaCluster/pgdsat' },
  editions: [
    { id: 'cis-16', title: 'CIS PostgreSQL 16 Benchmark', major: 16, rules: unverified(CIS_17) },
    { id: 'cis-17', title: 'CIS PostgreSQL 17 Benchmark', major: 17, rules: CIS_17 },
    { id: 'cis-18', title: 'CIS PostgreSQL 18 Benchmark', major: 18, rules: unverified(CIS_17) },
  ],
};
