import { once } from '../lexical/once.js';
import { stigCatalog } from './catalogs/stig.js';
import { rulesFromCatalog, type ProfileSetting } from './from-catalog.js';
import type { Profile } from './types.js';

/**
 * The DISA STIG for PostgreSQL (Crunchy Data PostgreSQL STIG), by the vulnerability ids (V-…) of the
 * MITRE InSpec baseline (github:mitre/crunchy-data-postgresql-stig-baseline, controls/V-*.rb). Which
 * rule implements which control is the catalog's (src/profiles/catalogs/stig.ts); this file only sets
 * what the STIG asks for beyond the rules' defaults. Only ids and titles are cited.
 */
export const STIG_SETTINGS: Record<string, ProfileSetting> = {
  // V-233515/V-233520/V-233612: no trust on local or loopback records for any role.
  'hba-local-trust': { options: { anyRole: true } },
  // CIS 5.3 / V-233519: no password sent in the clear, not even over the local socket.
  'hba-cleartext-password': { options: { includeLocal: true } },
  // V-233538/-579/-584/-611: TLS on, whatever pg_hba.conf says today.
  'ssl-disabled': { options: { always: true } },
  // V-233512 and the audit controls (V-233557, -563, …): the classes they ask for, together.
  'pgaudit-not-configured': { options: { classes: ['ddl', 'function', 'misc', 'misc_set', 'read', 'role', 'write'] } },
  // V-233569, -578, -581, -582, -598, -604, -608: every escape the baseline's checks look for.
  'log-line-prefix-incomplete': { options: { required: ['%m', '%u', '%d', '%p', '%r', '%a', '%c', '%s'] } },
  // Under the STIG md5 is a finding like password (the default profile only warns: md5 is still what
  // many clients speak), so it is an error here; likewise md5 password hashes (V-233596).
  'hba-md5': { severity: 'error' },
  // scram-sha-256 whatever the default (10–13 default to md5).
  'password-encryption-md5': { severity: 'error', options: { flagDefault: true } },
};

/** The rules, built on first use with the catalog (a check without --profile stig never builds them). */
const stigRules = once(() => rulesFromCatalog(stigCatalog(), STIG_SETTINGS));

export const stig: Profile = {
  name: 'stig',
  title: 'DISA STIG for PostgreSQL',
  summary: 'The PostgreSQL STIG controls that can be decided from configuration files',
  catalog: { name: 'Crunchy Data PostgreSQL STIG (MITRE InSpec baseline)', source: 'https://github.com/mitre/crunchy-data-postgresql-stig-baseline' },
  get rules() {
    return stigRules();
  },
};
