import { requiredSettingLoc } from '../src/analysis/required-setting.js';
import { defineRule } from '../src/linter/rule.js';
import { opt } from '../src/linter/options.js';
import type { SettingView } from '../src/linter/settings.js';

/**
 * Levels in the order the server log ranks them (is_log_level_output, utils/error/elog.c): LOG
 * ranks between ERROR and FATAL there. PG 10 and 11 print debug2 as `debug`.
 */
export const SERVER_LOG_LEVELS = ['debug5', 'debug4', 'debug3', 'debug2', 'debug1', 'info', 'notice', 'warning', 'error', 'log', 'fatal', 'panic'] as const;
type Level = (typeof SERVER_LOG_LEVELS)[number];

const rank = (level: string): number => SERVER_LOG_LEVELS.indexOf((level.toLowerCase() === 'debug' ? 'debug2' : level.toLowerCase()) as Level);

/**
 * The quietest level accepted by default: `error`. At `log` (which the server log ranks above ERROR)
 * no ERROR is logged (log_min_messages) or no failing statement is (log_min_error_statement), which
 * people set believing it is more verbose.
 */
const DEFAULT_QUIETEST: Level = 'error';

const quietest = (v: unknown): Level => (typeof v === 'string' && rank(v) >= 0 ? (v.toLowerCase() as Level) : DEFAULT_QUIETEST);

/** Levels at which errors (and, at panic, fatal errors) no longer reach the server log. */
const QUIET = new Set(['fatal', 'panic']);

/** The setting's level when it is quieter than `limit` (set, or absent with a default that is). */
const tooQuiet = (s: SettingView | undefined, limit: Level): string | undefined =>
  typeof s?.value === 'string' && rank(s.value) > rank(limit) ? s.value.toLowerCase() : undefined;

const shown = (s: SettingView): string => {
  if (!s.assignment) return `${s.name} (not set; the default is ${s.canonical})`;
  return `${s.name} = ${s.assignment.line.raw}`;
};

/** The levels from `limit` up to (not including) `level`, as PostgreSQL prints them, debug levels as one. */
function between(limit: Level, level: string): string[] {
  const out: string[] = [];
  for (let i = rank(limit); i < rank(level); i++) {
    const l = SERVER_LOG_LEVELS[i]!.startsWith('debug') ? 'DEBUG' : SERVER_LOG_LEVELS[i]!.toUpperCase();
    if (!out.includes(l)) out.push(l);
  }
  return out;
}

/** The default level when the limit accepts it, else the limit itself. */
const suggest = (byDefault: Level, limit: Level): string => (rank(byDefault) <= rank(limit) ? `${byDefault} (the default)` : limit);

const list = (xs: string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

export default defineRule({
  name: 'log-level-too-quiet',
  severity: 'warning',
  category: 'maintenance',
  tags: ['reliability'],
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  options: {
    quietestMessages: opt.string(DEFAULT_QUIETEST, "The quietest log_min_messages accepted, in the server log's order (… `warning` < `error` < `log` < `fatal` < `panic`); a quieter one is reported.", { enum: SERVER_LOG_LEVELS }),
    quietestErrorStatement: opt.string(DEFAULT_QUIETEST, 'The quietest log_min_error_statement accepted, in the same order; a quieter one is reported.', { enum: SERVER_LOG_LEVELS }),
  },
  docs: () => ({
    summary: 'log_min_messages or log_min_error_statement at log, fatal or panic: errors, and the statements that caused them, vanish from the log',
    why:
      'log_min_messages decides which messages reach the server log. At `fatal` no ERROR is logged, and neither is ' +
      'anything at LOG level (which PostgreSQL ranks between ERROR and FATAL for the server log): checkpoints, ' +
      'connection and disconnection logging, the output of log_statement and log_min_duration_statement, and the ' +
      'reports of a backend that crashed. At `panic` failed logins and other FATAL errors vanish too. ' +
      'log_min_error_statement decides whether the SQL text of a failing statement is logged with its error; at ' +
      '`fatal` or `panic` an ERROR is logged without the statement that caused it. Either setting leaves a DBA ' +
      'with nothing to investigate when something goes wrong; benchmark and load-test configurations often set ' +
      'them and then get copied. When log_min_messages is already that quiet, the finding is reported there ' +
      'alone (log_min_error_statement can then add nothing to the log).\n\n' +
      'The options make the rule stricter for a checklist: the CIS PostgreSQL Benchmark wants log_min_messages at ' +
      '`warning` (3.1.14) and log_min_error_statement at `error` (3.1.15), and the `cis` profile sets ' +
      '`quietestMessages: warning` and `quietestErrorStatement: error`. Levels are compared in the order the server ' +
      'log uses, where LOG ranks between ERROR and FATAL: so `log_min_messages = log` writes no ERROR, and ' +
      '`log_min_error_statement = log` logs no failing ERROR statement. pgdsat also fails levels more verbose than ' +
      'those (`notice`, `debug1`…: "too many messages"); this rule never reports a level for being too verbose.',
    invalid: ['log_min_messages = panic', 'log_min_error_statement = fatal'],
    valid: ['log_min_messages = warning\nlog_min_error_statement = error', 'log_min_messages = error'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-MIN-MESSAGES',
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-MIN-ERROR-STATEMENT',
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#RUNTIME-CONFIG-SEVERITY-LEVELS',
      'https://github.com/postgres/postgres/blob/master/src/backend/utils/error/elog.c (is_log_level_output)',
    ],
    versions: 'all',
    optionsNote:
      'With the defaults `log`, `fatal` and `panic` are reported (`log` ranks above ERROR in the server log, so it hides errors although it reads like a verbose level). An absent setting is ' +
      'judged by its default (`warning`, `error`) and reported at the start of postgresql.conf when that is too ' +
      'quiet.\n\n' +
      '```yaml\nrules:\n  log-level-too-quiet: { quietestMessages: warning, quietestErrorStatement: error }\n```',
  }),
  check(ctx) {
    const messages = ctx.setting('log_min_messages');
    const statement = ctx.setting('log_min_error_statement');
    const limitMessages = quietest(ctx.options.quietestMessages);
    const limitStatement = quietest(ctx.options.quietestErrorStatement);
    const messagesLevel = tooQuiet(messages, limitMessages);
    const statementLevel = tooQuiet(statement, limitStatement);
    const where = (s: SettingView) => requiredSettingLoc(ctx, s);

    if (messages && messagesLevel) {
      const loc = where(messages);
      // At log, fatal or panic no ERROR reaches the log, so log_min_error_statement adds nothing.
      const hidesErrors = rank(messagesLevel) > rank('error');
      const alsoStatement = hidesErrors && statement && statementLevel ? statement : undefined;
      if (loc) {
        const also = alsoStatement ? ` (and ${shown(alsoStatement)})` : '';
        const message = QUIET.has(messagesLevel)
          ? `${shown(messages)}${also}: no ERROR${messagesLevel === 'panic' ? ', FATAL' : ''} or LOG message reaches the server log — ` +
            `failed statements, ${messagesLevel === 'panic' ? 'failed logins, ' : ''}crashed backends, checkpoints and statement logging all vanish`
          : `${shown(messages)}${also} is quieter than ${limitMessages}: ${list(between(limitMessages, messagesLevel))} messages do not reach the server log` +
            (hidesErrors
              ? ' — failed statements vanish from it'
              : rank(messagesLevel) > rank('warning') ? ' — warnings such as an approaching transaction ID wraparound vanish from it' : '');
        ctx.report({
          loc,
          message,
          help:
            `Set log_min_messages = ${suggest('warning', limitMessages)}; to cut log volume, tune what is logged ` +
            `(log_statement, log_min_duration_statement, log_checkpoints) rather than hiding ${QUIET.has(messagesLevel) ? 'errors' : 'messages'}.`,
          ...(alsoStatement?.loc ? { related: [{ message: `${shown(alsoStatement)} is set here`, loc: alsoStatement.loc }] } : {}),
        });
      }
      if (hidesErrors) return;
    }
    if (statement && statementLevel) {
      const loc = where(statement);
      if (!loc) return;
      // log_min_error_statement compares the error's level the same way (is_log_level_output), so at
      // log an ERROR's statement is not logged either.
      const lost = between(limitStatement, statementLevel);
      const message = QUIET.has(statementLevel) || lost.includes('ERROR')
        ? `${shown(statement)}${QUIET.has(statementLevel) ? '' : ` is quieter than ${limitStatement}`}: errors are logged without the SQL statement that caused them, so a failing query cannot be traced from the log`
        : `${shown(statement)} is quieter than ${limitStatement}: ${list(lost)} messages are logged without the SQL statement that caused them`;
      ctx.report({
        loc,
        message,
        help: `Set log_min_error_statement = ${suggest('error', limitStatement)}.`,
      });
    }
  },
});
