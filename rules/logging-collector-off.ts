import { defineRule } from '../src/linter/rule.js';
import { loggingView, relatedSetting, settingLoc, settingText, shownValue } from '../src/analysis/logging.js';

export default defineRule({
  name: 'logging-collector-off',
  severity: 'warning',
  category: 'maintenance',
  tags: ['reliability'],
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'logging_collector is off (absent means off) while log_destination sends messages to stderr, csvlog or jsonlog',
    why:
      'Without the logging collector, messages sent to stderr go wherever the postmaster\'s standard error ' +
      'happens to point: a `pg_ctl -l` file, the service manager\'s journal, or nowhere when it was started ' +
      'detached. PostgreSQL neither rotates nor keeps them, and lines written by many processes at once can be ' +
      'interleaved; the collector is the part of PostgreSQL designed not to lose them. csvlog and jsonlog (15+) ' +
      'need the collector: without it no CSV or JSON file is ever written, and each message falls back to plain ' +
      'text on stderr (elog.c, send_message_to_server_log; real servers do so) — the structured log a ' +
      'log pipeline expects does not exist. An empty log_destination, which makes the server write no log at ' +
      'all, is reported by log-destination-empty (on by default), not here. ' +
      'A log_destination of syslog alone is not reported (syslog is a collector of its own; pgdsat wants the ' +
      'collector even then). Containers that read the server\'s stderr on purpose are a deliberate choice this ' +
      'rule does not know about: disable it there. Off by default; the `cis` profile turns it on (CIS 3.1.2, ' +
      '3.1.3).',
    invalid: ["log_destination = 'csvlog'", "logging_collector = off\nlog_destination = 'stderr'"],
    valid: ["logging_collector = on\nlog_destination = 'csvlog'", "log_destination = 'syslog'"],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOGGING-COLLECTOR',
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-DESTINATION',
      'https://github.com/postgres/postgres/blob/master/src/backend/utils/error/elog.c (send_message_to_server_log)',
      'https://github.com/HexaCluster/pgdsat (checks 3.1.2, 3.1.3)',
    ],
    versions: 'all (jsonlog is 15+)',
  }),
  check(ctx) {
    const logging = loggingView(ctx);
    if (!logging) return;
    const { destination, destinations, collector } = logging;
    // An empty log_destination (no log at all) is log-destination-empty's finding.
    if (logging.collectorOn) return;
    const structured = ['csvlog', 'jsonlog'].filter((d) => destinations.has(d));
    if (!structured.length && !destinations.has('stderr')) return;
    const loc = settingLoc(ctx, collector);
    if (!loc) return;
    const dest = `log_destination = ${shownValue(destination)}${destination.isDefault ? ' (the default)' : ''}`;
    ctx.report({
      loc,
      message: structured.length
        ? `${settingText(collector)} while ${dest} needs it: no ${structured.map((d) => (d === 'csvlog' ? 'CSV' : 'JSON')).join(' or ')} log file is written — every message falls back to plain text on the postmaster's stderr`
        : `${settingText(collector)} while ${dest}: the server log goes to the postmaster's stderr, wherever the service manager points it, without rotation, and lines of concurrent processes can interleave`,
      help: 'Set logging_collector = on (a restart is needed), with log_directory outside the data directory.',
      related: relatedSetting(destination, 'log_destination is set here'),
    });
  },
});
