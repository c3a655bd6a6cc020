import { defineRule } from '../src/linter/rule.js';
import { opt } from '../src/linter/options.js';
import { loggingView, quoteConf, relatedSetting, settingLoc, settingText } from '../src/analysis/logging.js';

/**
 * The escapes log_line_prefix expands, as elog.c's log_status_format reads the string: `%%` is a
 * literal percent; after `%` an optional padding (`-` and/or digits) comes before the escape letter;
 * a `%` (or a padding) that ends the string ends the processing; an unknown letter produces nothing.
 */
export function prefixEscapes(prefix: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < prefix.length; i++) {
    if (prefix[i] !== '%') continue;
    i++;
    if (i >= prefix.length) break;
    if (prefix[i] === '%') continue; // %% is a literal percent
    // Characters up to '9' may start a padding (process_log_prefix_padding): '-' then digits.
    if (prefix[i]! <= '9') {
      if (prefix[i] === '-') {
        i++;
        if (i >= prefix.length) break;
      }
      while (i < prefix.length && prefix[i]! >= '0' && prefix[i]! <= '9') i++;
      if (i >= prefix.length) break;
    }
    out.add(`%${prefix[i]}`);
  }
  return out;
}

/** Escapes that stand for one another: any timestamp, the process (the session id holds the pid), the client host. */
const ALTERNATIVES: Record<string, readonly string[]> = {
  '%t': ['%t', '%m', '%n'],
  '%m': ['%t', '%m', '%n'],
  '%n': ['%t', '%m', '%n'],
  '%p': ['%p', '%c'],
  '%c': ['%p', '%c'],
  '%h': ['%h', '%r'],
  '%r': ['%h', '%r'],
};

const MEANING: Record<string, string> = {
  '%t': 'time',
  '%m': 'time',
  '%n': 'time',
  '%p': 'process id',
  '%c': 'session id',
  '%u': 'user',
  '%d': 'database',
  '%a': 'application',
  '%h': 'client host',
  '%r': 'client host',
  '%s': 'session start time',
  '%l': 'log line number',
  '%i': 'command tag',
  '%e': 'SQL state',
  '%x': 'transaction id',
  '%v': 'virtual transaction id',
  '%b': 'backend type',
  '%Q': 'query id',
  '%P': 'parallel group leader',
};

/** How the fix writes an escape: a label for the who/where fields. */
const WRITTEN: Record<string, string> = {
  '%p': '[%p]',
  '%u': 'user=%u',
  '%d': 'db=%d',
  '%a': 'app=%a',
  '%h': 'client=%h',
  '%r': 'client=%r',
};

const DEFAULT_REQUIRED = ['%m', '%p', '%u', '%d', '%a', '%h'];

export default defineRule({
  name: 'log-line-prefix-incomplete',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: "log_line_prefix lacks the user, database, application or client host (or time or process) of each log line",
    why:
      'Each line of a plain-text server log starts with log_line_prefix. The default, `%m [%p] ` (time and ' +
      'process id, since PostgreSQL 10), says nothing about who caused a message: an error, a logged statement or ' +
      'a failed permission check cannot be tied to a role, a database or a client address, so the log is of ' +
      'little use for auditing or incident response. The rule checks the escapes pgdsat checks for CIS 3.1.24: ' +
      'a timestamp (`%t`, `%m` or `%n`), the process (`%p`, or `%c`, the session id, which contains it), the ' +
      'database `%d`, the user `%u`, the application `%a` and the client host `%h` (`%r`, host and port, counts ' +
      'too). The prefix is read as PostgreSQL reads it: `%%` is a literal percent, paddings such as `%-10u` are ' +
      'understood, and a trailing `%` ends it. Checked only when some destination uses the prefix: stderr, ' +
      'syslog, or csvlog/jsonlog without the logging collector (they then fall back to plain text on stderr); ' +
      'CSV and JSON lines carry these fields themselves. When syslog is the only such destination, the time and ' +
      'the process are not required: syslog records both (PostgreSQL opens it with LOG_PID). pgdsat skips the ' +
      'check for syslog; the rule still wants the who/where fields there. Off by default; the `cis` profile turns ' +
      'it on (CIS 3.1.24).',
    invalid: ["log_line_prefix = '%m [%p] '", "log_line_prefix = '%m [%p] %q%u@%d '"],
    valid: [
      "log_line_prefix = '%m [%p] user=%u db=%d app=%a client=%h '",
      "log_line_prefix = '%t [%-6p] %q%-10u %d %a %r '",
    ],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-LINE-PREFIX',
      'https://github.com/postgres/postgres/blob/master/src/backend/utils/error/elog.c (log_status_format, process_log_prefix_padding)',
      'https://github.com/HexaCluster/pgdsat (check 3.1.24)',
    ],
    versions: "all (the default has been '%m [%p] ' since 10)",
  }),
  options: {
    required: opt.stringArray(DEFAULT_REQUIRED, 'The escapes the prefix must contain. A timestamp escape (`%t`, `%m`, `%n`) stands for any other, `%p` and `%c` for each other, `%h` and `%r` for each other. For example `["%u", "%d", "%h"]` wants only the user, database and client host.', { pattern: '^%[A-Za-z]$', uniqueItems: true }),
  },
  check(ctx) {
    const prefix = ctx.setting('log_line_prefix');
    const logging = loggingView(ctx);
    if (!prefix || !logging || !logging.prefixed || typeof prefix.value !== 'string') return;
    const loc = settingLoc(ctx, prefix);
    if (!loc) return;
    const present = prefixEscapes(prefix.value);
    // syslog stamps each line with the time and "postgres[pid]"; stderr (and the fallback) does not.
    const syslogOnly = !logging.destinations.has('stderr') && !(logging.destinations.has('csvlog') || logging.destinations.has('jsonlog'));
    const required = (ctx.options.required as string[]).filter((e) => !(syslogOnly && ['%t', '%m', '%n', '%p', '%c'].includes(e)));
    const missing = required.filter((e) => !(ALTERNATIVES[e] ?? [e]).some((alt) => present.has(alt)));
    if (!missing.length) return;
    const named = missing.map((e) => `${MEANING[e] ?? 'the field'} (${e})`);
    const who = missing.some((e) => ['%u', '%d', '%a', '%h', '%r'].includes(e));
    const fixed = `${prefix.value.replace(/\s+$/, '')} ${missing.map((e) => WRITTEN[e] ?? e).join(' ')} `.replace(/^ /, '');
    ctx.report({
      loc,
      message:
        `${settingText(prefix)} lacks the ${named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}` : named[0]} of each log line: ` +
        (who
          ? 'errors and logged statements cannot be tied to who caused them and from where'
          : missing.every((e) => ['%t', '%m', '%n', '%p', '%c', '%s', '%l'].includes(e))
            ? 'log lines cannot be ordered in time or tied to the process that wrote them'
            : 'the log lacks what these fields record'),
      help: `Add the missing escapes, e.g. log_line_prefix = ${quoteConf(fixed)}`,
      related: relatedSetting(logging.destination, 'log_destination is set here'),
    });
  },
});
