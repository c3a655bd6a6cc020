import { defineRule } from '../src/linter/rule.js';
import { loggingView, relatedSetting, settingLoc, settingText, shownValue } from '../src/analysis/logging.js';

export default defineRule({
  name: 'log-truncate-on-rotation-off',
  severity: 'warning',
  category: 'maintenance',
  tags: ['reliability'],
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'log_truncate_on_rotation is off (absent means off) while the logging collector writes log files: old log files are never overwritten',
    why:
      'With log_truncate_on_rotation off, a time-based rotation that reuses a file name (a cyclic log_filename ' +
      'such as `postgresql-%a.log`, one file per weekday) appends to last week\'s file instead of replacing it, ' +
      'so it grows without bound; with a name that never repeats (the default `postgresql-%Y-%m-%d_%H%M%S.log`) ' +
      'PostgreSQL never removes anything. Either way the log directory grows until something outside ' +
      'PostgreSQL cleans it, or the disk fills. Turning truncation on bounds the logs only together with a ' +
      'cyclic log_filename and log_rotation_age: the finding names the log_filename in use. Truncation applies to ' +
      'time-based rotation only (not to size-based rotation or a restart). Where logs must be retained for an ' +
      'audit, ship them elsewhere before they are overwritten. As pgdsat does for CIS 3.1.7, the rule checks it ' +
      'only when the collector writes PostgreSQL\'s messages to files (logging_collector = on and log_destination ' +
      'names stderr, csvlog or jsonlog). Off by default; the `cis` profile turns it on (CIS 3.1.7).',
    invalid: ["logging_collector = on\nlog_filename = 'postgresql-%a.log'"],
    valid: ["logging_collector = on\nlog_truncate_on_rotation = on\nlog_filename = 'postgresql-%a.log'", 'log_truncate_on_rotation = off'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-TRUNCATE-ON-ROTATION',
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-FILENAME',
      'https://github.com/HexaCluster/pgdsat (check 3.1.7)',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const truncate = ctx.setting('log_truncate_on_rotation');
    const logging = loggingView(ctx);
    if (!truncate || truncate.value !== false || !logging?.writesFiles) return;
    const loc = settingLoc(ctx, truncate);
    if (!loc) return;
    const filename = ctx.setting('log_filename');
    const named = filename ? `log_filename = ${shownValue(filename)}` : 'log_filename';
    ctx.report({
      loc,
      message:
        `${settingText(truncate)} with the logging collector on: rotation never overwrites an old log file ` +
        `(${named}), so the log directory grows until something outside PostgreSQL removes files or the disk fills`,
      help:
        "Set log_truncate_on_rotation = on with a cyclic log_filename and log_rotation_age, e.g. log_filename = 'postgresql-%a.log' " +
        'and log_rotation_age = 1d (a week of logs); ship logs elsewhere first if they must be kept longer.',
      related: relatedSetting(logging.collector, 'the logging collector is turned on here'),
    });
  },
});
