import { defineRule } from '../src/linter/rule.js';
import { relatedSetting, settingText } from '../src/analysis/logging.js';

export default defineRule({
  name: 'log-directory-empty',
  severity: 'error',
  category: 'validity',
  tags: ['reliability'],
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: "log_directory = '' with the logging collector on, so the server refuses to start",
    why:
      'The logging collector builds its file name as log_directory, a slash, then log_filename ' +
      '(syslogger.c, logfile_getname). With an empty log_directory that is `/postgresql-….log`, a file in ' +
      "the root directory, which the server's user (never root: the postmaster refuses to run as root) cannot " +
      'create. The collector fails to open its first file at startup and the postmaster stops: FATAL: could not ' +
      'open log file "/postgresql-….log": Permission denied — real servers 12, 16 and 18 do so, and every ' +
      'major since 10 builds the name the same way. The collector opens that file even when log_destination ' +
      'is syslog alone. `log_directory = \'.\'` is not empty: it is the data directory itself and the server ' +
      'starts (log-directory-in-data-directory reports that location when it is enabled). Without the ' +
      'collector log_directory is not used, and an empty value is harmless until someone turns the collector ' +
      'on; it is not reported then.',
    invalid: ["logging_collector = on\nlog_directory = ''"],
    valid: ["logging_collector = on\nlog_directory = '/var/log/postgresql'", "log_directory = ''", "logging_collector = on\nlog_directory = '.'"],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-DIRECTORY',
      'https://github.com/postgres/postgres/blob/master/src/backend/postmaster/syslogger.c (SysLogger_Start, logfile_getname, logfile_open)',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const dir = ctx.setting('log_directory');
    const collector = ctx.setting('logging_collector');
    if (!dir || !collector || collector.value !== true || dir.value !== '' || !dir.loc) return;
    ctx.report({
      loc: dir.loc,
      message:
        `${settingText(dir)} with the logging collector on: the collector opens its log file in the root directory ` +
        '("/postgresql-….log"), which the server cannot write — the server does not start',
      help: "Set log_directory to a directory the server's user can write, ideally an absolute one outside the data directory such as '/var/log/postgresql'.",
      related: relatedSetting(collector, 'the logging collector is turned on here'),
    });
  },
});
