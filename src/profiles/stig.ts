import type { Profile } from './types.js';

/**
 * The DISA STIG for PostgreSQL (Crunchy Data PostgreSQL STIG), by the vulnerability ids (V-…) of
 * the MITRE InSpec baseline (github:mitre/crunchy-data-postgresql-stig-baseline, controls/V-*.rb);
 * the rule ids (SV-…r…_rule) are given in the comments. Only the controls whose check reads a
 * configuration file are candidates; only ids and titles are cited.
 */
export const stig: Profile = {
  name: 'stig',
  title: 'DISA STIG for PostgreSQL',
  summary: 'The PostgreSQL STIG controls that can be decided from configuration files',
  catalog: { name: 'Crunchy Data PostgreSQL STIG (MITRE InSpec baseline)', source: 'https://github.com/mitre/crunchy-data-postgresql-stig-baseline' },
  rules: {
    // V-233515 (SV-233515r960768_rule): integrate with an organization-level authentication/access
    // mechanism; its check reads the auth_method of local, host and replication records (an
    // approved list: trust, password and md5 are not on it).
    // V-233520 (SV-233520r960792_rule): enforce approved authorizations for logical access; its
    // check wants no trust on local records and limits replication records (users, addresses).
    // V-233612 (SV-233612r960969_rule): uniquely identify and authenticate organizational users;
    // the same local/replication/host checks.
    'hba-local-trust': { controls: ['V-233515', 'V-233520', 'V-233612'] },
    'hba-trust-remote': { controls: ['V-233515', 'V-233520', 'V-233612'] },
    'hba-replication-open': { controls: ['V-233520', 'V-233612'] },
    // V-233519 (SV-233519r961029_rule): if passwords are used for authentication, transmit only
    // encrypted representations of passwords (pg_hba.conf records with password or md5).
    'hba-cleartext-password': { controls: ['V-233515', 'V-233519', 'V-233612'] },
    // Under the STIG md5 is a finding like password (the default profile only warns: md5 is
    // still what many clients speak), so it is an error here.
    'hba-md5': { severity: 'error', controls: ['V-233515', 'V-233519', 'V-233612'] },
    // V-233596 (SV-233596r998202_rule): store only hashed, salted representations of passwords
    // (password_encryption must be scram-sha-256).
    // A finding under the STIG (the default profile warns: existing md5 hashes keep working).
    'password-encryption-md5': { severity: 'error', controls: ['V-233596'] },
    // V-233611 (SV-233611r961119_rule): maintain the authenticity of communications sessions (ssl on).
    'ssl-disabled': { controls: ['V-233611'] },
  },
};
