import { defineRule } from '../src/linter/rule.js';
import { splitIdentifierString } from '../src/catalog/hooks.js';
import { settingText } from '../src/analysis/logging.js';

export default defineRule({
  name: 'log-destination-empty',
  severity: 'error',
  category: 'maintenance',
  tags: ['reliability'],
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: "log_destination names no destination (an empty or all-blank list), so the server writes no log at all",
    why:
      'log_destination is a list of stderr, csvlog, jsonlog (15+) and syslog; PostgreSQL accepts an empty list ' +
      '(SplitIdentifierString allows it, and a value of blanks only is the same) and then sends its messages ' +
      'nowhere: real servers 12, 16 and 18 start and record no error, no failed login, no crash report and ' +
      'no logged statement, with the logging collector on or off. The server runs, but when it misbehaves ' +
      'there is nothing to read, and audit settings (log_connections, log_statement, pgaudit) record nothing. ' +
      'An error, because no log at all is never what a configuration means to say.',
    invalid: ["log_destination = ''", "logging_collector = on\nlog_destination = ' '"],
    valid: ["log_destination = 'stderr'", "log_destination = 'syslog'", 'work_mem = 4MB'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-DESTINATION',
      'https://github.com/postgres/postgres/blob/master/src/backend/utils/error/elog.c (check_log_destination, send_message_to_server_log)',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const dest = ctx.setting('log_destination');
    if (!dest?.loc || typeof dest.value !== 'string') return;
    // An invalid list is rejected (invalid-value) and the default applies, so only a valid, empty list counts.
    const list = splitIdentifierString(dest.value);
    if (list === null || list.length > 0) return;
    ctx.report({
      loc: dest.loc,
      message: `${settingText(dest)} names no destination: the server writes no log at all — no error, failed login or logged statement is recorded anywhere`,
      help: "Set log_destination = 'stderr' (with logging_collector = on), 'csvlog', 'jsonlog' or 'syslog'.",
    });
  },
});
