import type { Profile } from './types.js';

/**
 * Today's default behaviour: every rule at its default severity and options. It is the base every
 * run starts from (other profiles are laid over it), so it must never change a finding by itself;
 * a rule meant only for a checklist profile is listed here as `off`.
 */
export const recommended: Profile = {
  name: 'recommended',
  title: 'Recommended',
  summary: 'The default: every rule at its default severity (what every reviewer agrees on)',
  allRules: true,
  rules: {
    'hba-client-cert-not-required': { severity: 'off', controls: [] },
    'connection-logging-off': { severity: 'off', controls: [] },
    'log-line-prefix-incomplete': { severity: 'off', controls: [] },
    'log-file-mode-permissive': { severity: 'off', controls: [] },
    'logging-collector-off': { severity: 'off', controls: [] },
    'log-directory-in-data-directory': { severity: 'off', controls: [] },
    'log-truncate-on-rotation-off': { severity: 'off', controls: [] },
    'syslog-messages-lossy': { severity: 'off', controls: [] },
    'log-error-verbosity-low': { severity: 'off', controls: [] },
    'log-duration-off': { severity: 'off', controls: [] },
    'log-hostname-on': { severity: 'off', controls: [] },
    'ddl-not-logged': { severity: 'off', controls: [] },
    'log-timezone-not-utc': { severity: 'off', controls: [] },
    'replication-commands-not-logged': { severity: 'off', controls: [] },
    'client-min-messages-verbose': { severity: 'off', controls: [] },
    'pgaudit-not-configured': { severity: 'off', controls: [] },
    'password-check-not-loaded': { severity: 'off', controls: [] },
    'auth-delay-not-loaded': { severity: 'off', controls: [] },
    'authentication-timeout-long': { severity: 'off', controls: [] },
    'anonymizer-not-loaded': { severity: 'off', controls: [] },
    'unix-socket-world-accessible': { severity: 'off', controls: [] },
    'archive-mode-off': { severity: 'off', controls: [] },
  },
};
