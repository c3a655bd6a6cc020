import { defineRule } from '../src/linter/rule.js';
import { opt } from '../src/linter/options.js';
import { loggingView, octalMode, relatedSetting, settingLoc, settingText } from '../src/analysis/logging.js';

const perms = (bits: number): string => {
  const out: string[] = [];
  if (bits & 4) out.push('read');
  if (bits & 2) out.push('write');
  if (bits & 1) out.push('execute');
  return out.length > 1 ? `${out.slice(0, -1).join(', ')} and ${out[out.length - 1]}` : out[0]!;
};

export default defineRule({
  name: 'log-file-mode-permissive',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'log_file_mode lets the group or other local users read (or write) the log files the logging collector writes',
    why:
      'Server logs hold more than errors: the text of logged and failing statements (an `ALTER ROLE … PASSWORD ' +
      "'…'` that fails, or any statement under log_statement), user and database names, client addresses, and " +
      'query parameters. log_file_mode sets the permissions of the files the logging collector creates; the ' +
      'default 0600 lets only the server\'s OS user read them. A mode such as 0644 hands all of that to every local ' +
      'account; 0640 to every member of the group (on many systems a shared group). Write access lets someone ' +
      'alter or truncate the audit trail. The setting does nothing unless logging_collector is on, so the rule ' +
      'checks it only when the collector writes PostgreSQL\'s messages to files (logging_collector = on and ' +
      'log_destination names stderr, csvlog or jsonlog); the owner\'s own bits are not judged. A file mode is ' +
      'written in octal with a leading zero (0640); a bare 640 is decimal (01200) and rejected. Off by default; ' +
      'the `cis` profile turns it on (CIS 3.1.6).',
    invalid: ['logging_collector = on\nlog_file_mode = 0644'],
    valid: ['logging_collector = on\nlog_file_mode = 0600', 'log_file_mode = 0644'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-FILE-MODE',
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOGGING-COLLECTOR',
      'https://github.com/postgres/postgres/blob/master/src/backend/postmaster/syslogger.c (logfile_open)',
    ],
    versions: 'all',
  }),
  options: {
    maximum: opt.string('0600', "The widest mode accepted, as an octal string. A mode is reported when it sets a group or other permission bit that `maximum` does not; `\"0640\"` accepts group read (a log shipper in the server's group).", { pattern: '^0?[0-7]{3}$' }),
  },
  check(ctx) {
    const mode = ctx.setting('log_file_mode');
    const logging = loggingView(ctx);
    if (!mode || !logging?.writesFiles || typeof mode.value !== 'number') return;
    const maximum = parseInt(String(ctx.options.maximum), 8);
    const extra = mode.value & ~maximum & 0o077;
    if (!extra) return;
    const loc = settingLoc(ctx, mode);
    if (!loc) return;
    const octal = octalMode(mode.value);
    const raw = mode.assignment?.line.raw;
    const shown = raw === undefined ? octal : raw.replace(/^'|'$/g, '') === octal ? raw : `${raw} (${octal})`;
    const group = (extra >> 3) & 7;
    const other = extra & 7;
    const who =
      group && other
        ? group === other
          ? `the file's group and every other local user ${perms(group)}`
          : `the file's group ${perms(group)} and every other local user ${perms(other)}`
        : group
          ? `the file's group ${perms(group)}`
          : `every other local user ${perms(other)}`;
    ctx.report({
      loc,
      message:
        `${settingText(mode, shown)} lets ${who} the server log files (more than ${octalMode(maximum)}): ` +
        'they hold statement text, failed ALTER ROLE … PASSWORD statements, user names and client addresses',
      help: `Set log_file_mode = ${octalMode(maximum & 0o777)} (0600 is the default); give a log shipper its own copy rather than group or world access.`,
      related: relatedSetting(logging.collector, 'the logging collector is turned on here'),
    });
  },
});
