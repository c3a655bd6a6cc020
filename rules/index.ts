import type { Rule } from '../src/linter/rule.js';
import anonymizerNotLoaded from './anonymizer-not-loaded.js';
import archiveCommandMissing from './archive-command-missing.js';
import archiveCommandNoop from './archive-command-noop.js';
import archiveModeOff from './archive-mode-off.js';
import authDelayNotLoaded from './auth-delay-not-loaded.js';
import authenticationTimeoutLong from './authentication-timeout-long.js';
import autovacuumOff from './autovacuum-off.js';
import clientMinMessagesVerbose from './client-min-messages-verbose.js';
import cnpgFixedParameter from './cnpg-fixed-parameter.js';
import connectionLoggingOff from './connection-logging-off.js';
import ddlNotLogged from './ddl-not-logged.js';
import debugSettingEnabled from './debug-setting-enabled.js';
import duplicateSetting from './duplicate-setting.js';
import failsafeAgeClamped from './failsafe-age-clamped.js';
import freezeMaxAgeHigh from './freeze-max-age-high.js';
import freezeMinAgeClamped from './freeze-min-age-clamped.js';
import freezeTableAgeClamped from './freeze-table-age-clamped.js';
import fsyncOff from './fsync-off.js';
import fullPageWritesOff from './full-page-writes-off.js';
import hbaAllUsersAllDatabases from './hba-all-users-all-databases.js';
import hbaCleartextPassword from './hba-cleartext-password.js';
import hbaClientCertNotRequired from './hba-client-cert-not-required.js';
import hbaHostsslWithoutSsl from './hba-hostssl-without-ssl.js';
import hbaIdentOverTcp from './hba-ident-over-tcp.js';
import hbaInvalidRecord from './hba-invalid-record.js';
import hbaLocalTrust from './hba-local-trust.js';
import hbaMapUndefined from './hba-map-undefined.js';
import hbaMd5 from './hba-md5.js';
import hbaOpenToWorld from './hba-open-to-world.js';
import hbaReplicationOpen from './hba-replication-open.js';
import hbaSuperuserRemote from './hba-superuser-remote.js';
import hbaTlsNotRequired from './hba-tls-not-required.js';
import hbaTrustRemote from './hba-trust-remote.js';
import hbaUnreachableRecord from './hba-unreachable-record.js';
import hbaWideNetwork from './hba-wide-network.js';
import identMapUnused from './ident-map-unused.js';
import invalidValue from './invalid-value.js';
import listenOnAllAddresses from './listen-on-all-addresses.js';
import logDestinationEmpty from './log-destination-empty.js';
import logDirectoryEmpty from './log-directory-empty.js';
import logDirectoryInDataDirectory from './log-directory-in-data-directory.js';
import logDurationOff from './log-duration-off.js';
import logErrorVerbosityLow from './log-error-verbosity-low.js';
import logFileModePermissive from './log-file-mode-permissive.js';
import logHostnameOn from './log-hostname-on.js';
import logLevelTooQuiet from './log-level-too-quiet.js';
import logLinePrefixIncomplete from './log-line-prefix-incomplete.js';
import logStatementSecrets from './log-statement-secrets.js';
import logTimezoneNotUtc from './log-timezone-not-utc.js';
import logTruncateOnRotationOff from './log-truncate-on-rotation-off.js';
import loggingCollectorOff from './logging-collector-off.js';
import memoryOvercommit from './memory-overcommit.js';
import missingInclude from './missing-include.js';
import parallelWorkersExceed from './parallel-workers-exceed.js';
import passwordCheckNotLoaded from './password-check-not-loaded.js';
import passwordEncryptionMd5 from './password-encryption-md5.js';
import patroniLocalParameterIgnored from './patroni-local-parameter-ignored.js';
import patroniParameterReplaced from './patroni-parameter-replaced.js';
import pgauditNotConfigured from './pgaudit-not-configured.js';
import pgbouncerAdminConsoleExposed from './pgbouncer-admin-console-exposed.js';
import pgbouncerAuthTrust from './pgbouncer-auth-trust.js';
import pgbouncerClientTlsDisabled from './pgbouncer-client-tls-disabled.js';
import pgbouncerInvalidConfig from './pgbouncer-invalid-config.js';
import pgbouncerPoolExceedsMaxConnections from './pgbouncer-pool-exceeds-max-connections.js';
import pgbouncerSecretInConfig from './pgbouncer-secret-in-config.js';
import pgbouncerServerTls from './pgbouncer-server-tls.js';
import pgbouncerWeakAuth from './pgbouncer-weak-auth.js';
import recoveryConfObsolete from './recovery-conf-obsolete.js';
import removedSetting from './removed-setting.js';
import replicationCommandsNotLogged from './replication-commands-not-logged.js';
import replicationConninfoInsecure from './replication-conninfo-insecure.js';
import replicationSlotWalUnbounded from './replication-slot-wal-unbounded.js';
import reservedConnectionsExceedMax from './reserved-connections-exceed-max.js';
import rewindNotReady from './rewind-not-ready.js';
import secretInConfig from './secret-in-config.js';
import sslCiphersWeak from './ssl-ciphers-weak.js';
import sslDisabled from './ssl-disabled.js';
import sslMinProtocolWeak from './ssl-min-protocol-weak.js';
import standardConformingStringsOff from './standard-conforming-strings-off.js';
import synchronousCommitOff from './synchronous-commit-off.js';
import syntaxError from './syntax-error.js';
import syslogMessagesLossy from './syslog-messages-lossy.js';
import unixSocketWorldAccessible from './unix-socket-world-accessible.js';
import unknownSetting from './unknown-setting.js';
import unreadableFile from './unreadable-file.js';
import unrenderedTemplate from './unrendered-template.js';
import unusedDirective from './unused-directive.js';
import walLevelInsufficient from './wal-level-insufficient.js';

/**
 * Every rule, sorted by name (a test checks the order and that each file in rules/ is listed here).
 * The order carries no meaning: documentation lists rules by category, then name (documentationOrder
 * in src/linter/rule.ts), and when findings of several rules describe one problem the rule with the
 * higher `precedence` is kept (precedenceOrder, src/linter/merge.ts).
 */
export const RULES: readonly Rule[] = [
  anonymizerNotLoaded,
  archiveCommandMissing,
  archiveCommandNoop,
  archiveModeOff,
  authDelayNotLoaded,
  authenticationTimeoutLong,
  autovacuumOff,
  clientMinMessagesVerbose,
  cnpgFixedParameter,
  connectionLoggingOff,
  ddlNotLogged,
  debugSettingEnabled,
  duplicateSetting,
  failsafeAgeClamped,
  freezeMaxAgeHigh,
  freezeMinAgeClamped,
  freezeTableAgeClamped,
  fsyncOff,
  fullPageWritesOff,
  hbaAllUsersAllDatabases,
  hbaCleartextPassword,
  hbaClientCertNotRequired,
  hbaHostsslWithoutSsl,
  hbaIdentOverTcp,
  hbaInvalidRecord,
  hbaLocalTrust,
  hbaMapUndefined,
  hbaMd5,
  hbaOpenToWorld,
  hbaReplicationOpen,
  hbaSuperuserRemote,
  hbaTlsNotRequired,
  hbaTrustRemote,
  hbaUnreachableRecord,
  hbaWideNetwork,
  identMapUnused,
  invalidValue,
  listenOnAllAddresses,
  logDestinationEmpty,
  logDirectoryEmpty,
  logDirectoryInDataDirectory,
  logDurationOff,
  logErrorVerbosityLow,
  logFileModePermissive,
  logHostnameOn,
  logLevelTooQuiet,
  logLinePrefixIncomplete,
  logStatementSecrets,
  logTimezoneNotUtc,
  logTruncateOnRotationOff,
  loggingCollectorOff,
  memoryOvercommit,
  missingInclude,
  parallelWorkersExceed,
  passwordCheckNotLoaded,
  passwordEncryptionMd5,
  patroniLocalParameterIgnored,
  patroniParameterReplaced,
  pgauditNotConfigured,
  pgbouncerAdminConsoleExposed,
  pgbouncerAuthTrust,
  pgbouncerClientTlsDisabled,
  pgbouncerInvalidConfig,
  pgbouncerPoolExceedsMaxConnections,
  pgbouncerSecretInConfig,
  pgbouncerServerTls,
  pgbouncerWeakAuth,
  recoveryConfObsolete,
  removedSetting,
  replicationCommandsNotLogged,
  replicationConninfoInsecure,
  replicationSlotWalUnbounded,
  reservedConnectionsExceedMax,
  rewindNotReady,
  secretInConfig,
  sslCiphersWeak,
  sslDisabled,
  sslMinProtocolWeak,
  standardConformingStringsOff,
  synchronousCommitOff,
  syntaxError,
  syslogMessagesLossy,
  unixSocketWorldAccessible,
  unknownSetting,
  unreadableFile,
  unrenderedTemplate,
  unusedDirective,
  walLevelInsufficient,
];
