import { defineRule } from '../src/engine/rule.js';
import type { SettingView } from '../src/engine/settings.js';

/** Levels at which errors (and, at panic, fatal errors) no longer reach the server log. */
const QUIET = new Set(['fatal', 'panic']);

const quiet = (s: SettingView | undefined): s is SettingView & { loc: NonNullable<SettingView['loc']> } =>
  !!s?.loc && typeof s.value === 'string' && QUIET.has(s.value.toLowerCase());

const shown = (s: SettingView): string => {
  const raw = s.assignment?.line.value.raw ?? s.canonical;
  return `${s.name} = ${raw}`;
};

export default defineRule({
  name: 'log-level-too-quiet',
  severity: 'warning',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: {
    summary: 'log_min_messages or log_min_error_statement at fatal or panic: errors, and the statements that caused them, vanish from the log',
    why:
      'log_min_messages decides which messages reach the server log. At `fatal` no ERROR is logged, and neither is ' +
      'anything at LOG level (which PostgreSQL ranks between ERROR and FATAL for the server log): checkpoints, ' +
      'connection and disconnection logging, the output of log_statement and log_min_duration_statement, and the ' +
      'reports of a backend that crashed. At `panic` failed logins and other FATAL errors vanish too. ' +
      'log_min_error_statement decides whether the SQL text of a failing statement is logged with its error; at ' +
      '`fatal` or `panic` an ERROR is logged without the statement that caused it. Either setting leaves a DBA ' +
      'with nothing to investigate when something goes wrong; benchmark and load-test configurations often set ' +
      'them and then get copied. When log_min_messages is already that quiet, the finding is reported there ' +
      'alone (log_min_error_statement can then add nothing to the log).',
    invalid: ['log_min_messages = panic', 'log_min_error_statement = fatal'],
    valid: ['log_min_messages = warning\nlog_min_error_statement = error', 'log_min_messages = error'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-MIN-MESSAGES',
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-MIN-ERROR-STATEMENT',
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#RUNTIME-CONFIG-SEVERITY-LEVELS',
      'https://github.com/postgres/postgres/blob/master/src/backend/utils/error/elog.c (is_log_level_output)',
    ],
    versions: 'all',
  },
  check(ctx) {
    const messages = ctx.setting('log_min_messages');
    const statement = ctx.setting('log_min_error_statement');
    if (quiet(messages)) {
      const level = (messages.value as string).toLowerCase();
      const also = quiet(statement) ? ` (and ${shown(statement)})` : '';
      ctx.report({
        loc: messages.loc,
        message:
          `${shown(messages)}${also}: no ERROR${level === 'panic' ? ', FATAL' : ''} or LOG message reaches the server log — ` +
          `failed statements, ${level === 'panic' ? 'failed logins, ' : ''}crashed backends, checkpoints and statement logging all vanish`,
        help: 'Set log_min_messages = warning (the default); to cut log volume, tune what is logged (log_statement, log_min_duration_statement, log_checkpoints) rather than hiding errors.',
        ...(quiet(statement) ? { related: [{ message: `${shown(statement)} is set here`, loc: statement.loc }] } : {}),
      });
      return;
    }
    if (quiet(statement)) {
      ctx.report({
        loc: statement.loc,
        message: `${shown(statement)}: errors are logged without the SQL statement that caused them, so a failing query cannot be traced from the log`,
        help: 'Set log_min_error_statement = error (the default).',
      });
    }
  },
});
