import type { Rule } from '../src/engine/rule.js';
import archiveCommandMissing from './archive-command-missing.js';
import autovacuumOff from './autovacuum-off.js';
import failsafeAgeClamped from './failsafe-age-clamped.js';
import freezeMaxAgeHigh from './freeze-max-age-high.js';
import freezeMinAgeClamped from './freeze-min-age-clamped.js';
import freezeTableAgeClamped from './freeze-table-age-clamped.js';
import fsyncOff from './fsync-off.js';
import fullPageWritesOff from './full-page-writes-off.js';
import passwordEncryptionMd5 from './password-encryption-md5.js';
import recoveryConfObsolete from './recovery-conf-obsolete.js';
import replicationConninfoInsecure from './replication-conninfo-insecure.js';
import replicationSlotWalUnbounded from './replication-slot-wal-unbounded.js';
import reservedConnectionsExceedMax from './reserved-connections-exceed-max.js';
import rewindNotReady from './rewind-not-ready.js';
import secretInConfig from './secret-in-config.js';
import synchronousCommitOff from './synchronous-commit-off.js';
import walLevelInsufficient from './wal-level-insufficient.js';
import logDirectoryEmpty from './log-directory-empty.js';
import logDestinationEmpty from './log-destination-empty.js';
import archiveCommandNoop from './archive-command-noop.js';
import logLevelTooQuiet from './log-level-too-quiet.js';
import logStatementSecrets from './log-statement-secrets.js';
import memoryOvercommit from './memory-overcommit.js';
import parallelWorkersExceed from './parallel-workers-exceed.js';
import standardConformingStringsOff from './standard-conforming-strings-off.js';
import debugSettingEnabled from './debug-setting-enabled.js';
import sslMinProtocolWeak from './ssl-min-protocol-weak.js';
import sslCiphersWeak from './ssl-ciphers-weak.js';
import connectionLoggingOff from './connection-logging-off.js';
import logLinePrefixIncomplete from './log-line-prefix-incomplete.js';
import logFileModePermissive from './log-file-mode-permissive.js';
import loggingCollectorOff from './logging-collector-off.js';
import logDirectoryInDataDirectory from './log-directory-in-data-directory.js';
import logTruncateOnRotationOff from './log-truncate-on-rotation-off.js';
import syslogMessagesLossy from './syslog-messages-lossy.js';
import logErrorVerbosityLow from './log-error-verbosity-low.js';
import logDurationOff from './log-duration-off.js';
import logHostnameOn from './log-hostname-on.js';
import ddlNotLogged from './ddl-not-logged.js';
import logTimezoneNotUtc from './log-timezone-not-utc.js';
import replicationCommandsNotLogged from './replication-commands-not-logged.js';
import clientMinMessagesVerbose from './client-min-messages-verbose.js';
import pgauditNotConfigured from './pgaudit-not-configured.js';
import passwordCheckNotLoaded from './password-check-not-loaded.js';
import authDelayNotLoaded from './auth-delay-not-loaded.js';
import authenticationTimeoutLong from './authentication-timeout-long.js';
import anonymizerNotLoaded from './anonymizer-not-loaded.js';
import unixSocketWorldAccessible from './unix-socket-world-accessible.js';
import archiveModeOff from './archive-mode-off.js';

/** postgresql.conf policy and safety rules (registered in rules/index.ts), in RULES.md order. */
export const CONF_RULES: readonly Rule[] = [
  walLevelInsufficient,
  logDirectoryEmpty,
  logDestinationEmpty,
  reservedConnectionsExceedMax,
  recoveryConfObsolete,
  fullPageWritesOff,
  rewindNotReady,
  freezeMaxAgeHigh,
  freezeTableAgeClamped,
  freezeMinAgeClamped,
  failsafeAgeClamped,
  passwordEncryptionMd5,
  fsyncOff,
  synchronousCommitOff,
  archiveCommandMissing,
  replicationSlotWalUnbounded,
  replicationConninfoInsecure,
  secretInConfig,
  autovacuumOff,
  logStatementSecrets,
  archiveCommandNoop,
  standardConformingStringsOff,
  logLevelTooQuiet,
  parallelWorkersExceed,
  memoryOvercommit,
  debugSettingEnabled,
  sslMinProtocolWeak,
  sslCiphersWeak,
  connectionLoggingOff,
  logLinePrefixIncomplete,
  logFileModePermissive,
  loggingCollectorOff,
  logDirectoryInDataDirectory,
  logTruncateOnRotationOff,
  syslogMessagesLossy,
  logErrorVerbosityLow,
  logDurationOff,
  logHostnameOn,
  ddlNotLogged,
  logTimezoneNotUtc,
  replicationCommandsNotLogged,
  clientMinMessagesVerbose,
  pgauditNotConfigured,
  passwordCheckNotLoaded,
  authDelayNotLoaded,
  authenticationTimeoutLong,
  anonymizerNotLoaded,
  unixSocketWorldAccessible,
  archiveModeOff,
];
