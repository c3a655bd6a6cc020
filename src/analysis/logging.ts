// Where the server log goes, as the files decide it: log_destination, logging_collector, and how
// a setting is shown in a finding. Shared by the logging rules (connection-logging-off,
// log-line-prefix-incomplete, log-file-mode-permissive, logging-collector-off,
// log-directory-in-data-directory, log-truncate-on-rotation-off, syslog-messages-lossy).
import { foldName } from '../catalog/catalog.js';
import { splitIdentifierString } from '../catalog/hooks.js';
export { quoteConf, settingText, shownValue } from './required-setting.js';
import type { RuleContext } from '../linter/rule.js';
import type { SettingView } from '../linter/settings.js';
import type { Loc } from '../types.js';

export interface LoggingView {
  /** log_destination (every supported major has it). */
  destination: SettingView;
  /** Its keywords, lower-cased (check_log_destination compares with pg_strcasecmp). */
  destinations: ReadonlySet<string>;
  /** logging_collector. */
  collector: SettingView;
  collectorOn: boolean;
  /**
   * The collector writes PostgreSQL's own messages to files: it is on and log_destination names
   * stderr, csvlog or jsonlog. (With syslog alone the collector still runs and opens a file, but
   * only stray output of child processes lands in it.)
   */
  writesFiles: boolean;
  /**
   * The destinations whose messages start with log_line_prefix: stderr and syslog, and csvlog or
   * jsonlog without the collector, which then fall back to plain text on stderr (elog.c,
   * send_message_to_server_log). CSV and JSON lines have fixed fields instead of the prefix.
   */
  prefixed: boolean;
}

/** The cluster's logging destinations, or undefined when the target major lacks the parameters. */
export function loggingView(ctx: RuleContext): LoggingView | undefined {
  const destination = ctx.setting('log_destination');
  const collector = ctx.setting('logging_collector');
  if (!destination || !collector) return undefined;
  const list = typeof destination.value === 'string' ? splitIdentifierString(destination.value) : null;
  const destinations = new Set((list ?? []).map(foldName));
  const collectorOn = collector.value === true;
  const fileDest = destinations.has('stderr') || destinations.has('csvlog') || destinations.has('jsonlog');
  const structured = destinations.has('csvlog') || destinations.has('jsonlog');
  return {
    destination,
    destinations,
    collector,
    collectorOn,
    writesFiles: collectorOn && fileDest,
    prefixed: destinations.has('stderr') || destinations.has('syslog') || (structured && !collectorOn),
  };
}

/**
 * Where to report a finding about a setting: its value when a file sets it, else the start of the
 * cluster's postgresql.conf; undefined when neither exists (nothing to judge).
 */
export function settingLoc(ctx: RuleContext, s: SettingView): Loc | undefined {
  return s.loc ?? ctx.clusterLoc();
}

/** A related-location entry pointing at log_destination or logging_collector when a file sets it. */
export function relatedSetting(s: SettingView, message: string): { message: string; loc: Loc }[] {
  return s.loc ? [{ message, loc: s.loc }] : [];
}

/** A file mode as PostgreSQL's docs write it: four octal digits (0600). */
export function octalMode(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}
