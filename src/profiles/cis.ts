import { once } from '../lexical/once.js';
import { cisCatalog } from './catalogs/cis.js';
import { rulesFromCatalog, type ProfileSetting } from './from-catalog.js';
import type { Profile, ProfileEdition } from './types.js';

/**
 * The CIS PostgreSQL Benchmark, by the recommendation numbers pgdsat (github:HexaCluster/pgdsat, which
 * implements the CIS Benchmark for PostgreSQL 16/17) gives its checks. Which rule implements which
 * recommendation is the catalog's (src/profiles/catalogs/cis.ts); this file only sets what the
 * benchmark asks for beyond the rules' defaults. Only ids and titles are cited anywhere in this
 * project: the benchmark text is CC BY-NC-SA.
 */
export const CIS_SETTINGS: Record<string, ProfileSetting> = {
  // 5.3/5.4: no trust at all on local or loopback records, not only for all users or superusers.
  'hba-local-trust': { options: { anyRole: true } },
  // CIS 5.3 / V-233519: no password sent in the clear, not even over the local socket.
  'hba-cleartext-password': { options: { includeLocal: true } },
  // 6.8: TLS enabled, whatever pg_hba.conf says today, and TLS 1.3 at least (as pgdsat checks it).
  'ssl-disabled': { options: { always: true } },
  'ssl-min-protocol-weak': { options: { minimum: 'TLSv1.3' } },
  // 6.10: pgdsat accepts only forward-secret AEAD suites (its list, by OpenSSL name), so MEDIUM and
  // PostgreSQL's default list fail it.
  'ssl-ciphers-weak': {
    options: {
      allowMedium: false,
      onlySuites: [
        'TLS_AES_256_GCM_SHA384', 'TLS_AES_128_GCM_SHA256', 'TLS_AES_128_CCM_SHA256', 'TLS_CHACHA20_POLY1305_SHA256',
        'ECDHE-ECDSA-AES256-CCM', 'ECDHE-ECDSA-AES128-CCM', 'DHE-RSA-AES256-CCM', 'DHE-RSA-AES128-CCM',
        'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-AES128-GCM-SHA256',
        'DHE-DSS-AES256-GCM-SHA384', 'DHE-DSS-AES128-GCM-SHA256', 'DHE-RSA-AES256-GCM-SHA384', 'DHE-RSA-AES128-GCM-SHA256',
        'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305', 'DHE-RSA-CHACHA20-POLY1305',
      ],
    },
  },
  // 3.1.14, 3.1.15: warnings and failing statements reach the log.
  'log-level-too-quiet': { options: { quietestMessages: 'warning', quietestErrorStatement: 'error' } },
  // 3.1.22: pgdsat wants verbose (the STIG wants default: each profile decides).
  'log-error-verbosity-low': { options: { minimum: 'verbose' } },
  // scram-sha-256 whatever the default (10–13 default to md5).
  'password-encryption-md5': { options: { flagDefault: true } },
  // 3.1.19: debug_pretty_print on (it only shapes the debug_print_* output).
  'debug-setting-enabled': { options: { prettyPrint: true } },
};

/**
 * The editions, built on first use with the catalog (a check without --profile cis never builds
 * them). The 16 and 18 editions enable the same rules without control ids: pgdsat numbers its checks
 * by the 17 edition, and the numbering of the others was not verified, so no id is claimed for them.
 */
const cisEditions = once((): ProfileEdition[] => {
  const catalog = cisCatalog();
  return [
    { id: 'cis-16', title: 'CIS PostgreSQL 16 Benchmark', major: 16, rules: rulesFromCatalog(catalog, CIS_SETTINGS, false) },
    { id: 'cis-17', title: 'CIS PostgreSQL 17 Benchmark', major: 17, rules: rulesFromCatalog(catalog, CIS_SETTINGS) },
    { id: 'cis-18', title: 'CIS PostgreSQL 18 Benchmark', major: 18, rules: rulesFromCatalog(catalog, CIS_SETTINGS, false) },
  ];
});

export const cis: Profile = {
  name: 'cis',
  title: 'CIS PostgreSQL Benchmark',
  summary: 'The CIS PostgreSQL Benchmark checks that can be decided from configuration files, in the edition of each cluster\'s target major',
  catalog: { name: 'CIS PostgreSQL Benchmark (recommendation numbers as pgdsat implements them)', source: 'https://github.com/HexaCluster/pgdsat' },
  get editions() {
    return cisEditions();
  },
};
