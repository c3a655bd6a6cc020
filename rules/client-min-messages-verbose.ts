import { requiredSettingLoc } from '../src/analysis/required-setting.js';
import { defineRule } from '../src/linter/rule.js';

/**
 * What a client receives at each client_min_messages level besides errors. should_output_to_client
 * (elog.c) compares elog.h's ranks directly, unlike the server log: DEBUG5 < … < DEBUG1 < LOG <
 * INFO < NOTICE < WARNING < ERROR. PG 10 and 11 print debug2 as `debug`; `info` is a hidden alias
 * (INFO messages, such as VACUUM VERBOSE output, go to the client at any level).
 */
const SENT: Record<string, string> = {
  warning: 'WARNING messages',
  notice: 'NOTICE and WARNING messages: RAISE NOTICE output of functions and triggers, object names in "skipping" and "drop cascades to" notices',
  info: 'NOTICE and WARNING messages: RAISE NOTICE output of functions and triggers, object names in "skipping" and "drop cascades to" notices',
  log: "LOG messages of its own session as well — its statement, duration, lock-wait and temporary-file logging and auto_explain plans — besides NOTICE and WARNING",
};
const DEBUG = "DEBUG messages as well — internal transaction, planner and executor detail — besides LOG, NOTICE and WARNING";

export default defineRule({
  name: 'client-min-messages-verbose',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'client_min_messages more verbose than error (absent means notice): clients receive server messages beyond their errors',
    why:
      'client_min_messages decides which messages a session sends to its client besides errors. At `warning`, ' +
      'clients also see WARNINGs; at `notice` (the default) NOTICEs too — RAISE NOTICE output of functions and ' +
      'triggers (which may print data a SECURITY DEFINER function read with privileges the caller lacks), ' +
      'and notices that name objects ("drop cascades to …"); at `log`, the LOG messages of the session itself ' +
      '(its statement and duration logging, lock waits, temporary files, auto_explain plans); at the `debug` levels, ' +
      'internal detail of transactions, the planner and the executor. The PostgreSQL STIG wants `error` (V-233516 ' +
      'and V-233533: their checks read client_min_messages from postgresql.conf, V-233516 also from ' +
      'postgresql.auto.conf, and want exactly `error`). The setting only gives the default: any session may `SET ' +
      'client_min_messages`, and ALTER ROLE / ALTER DATABASE … SET override it — a live check is needed for those. ' +
      'Off by default; the `stig` profile turns it on (V-233516, V-233533).',
    invalid: ['client_min_messages = log'],
    valid: ['client_min_messages = error'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-CLIENT-MIN-MESSAGES',
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#RUNTIME-CONFIG-SEVERITY-LEVELS',
      'https://github.com/postgres/postgres/blob/master/src/backend/utils/error/elog.c (should_output_to_client)',
      'https://github.com/mitre/crunchy-data-postgresql-stig-baseline (controls/V-233516.rb, V-233533.rb)',
    ],
    versions: 'all (client_min_messages exists in every supported major; its default is notice)',
  }),
  check(ctx) {
    const s = ctx.setting('client_min_messages');
    if (!s || typeof s.value !== 'string') return;
    const level = s.value.toLowerCase();
    if (level === 'error') return;
    const sent = SENT[level] ?? (level.startsWith('debug') ? DEBUG : undefined);
    if (sent === undefined) return;
    const loc = requiredSettingLoc(ctx, s);
    if (!loc) return;
    ctx.report({
      loc,
      message:
        `${s.loc ? `client_min_messages = ${s.assignment?.line.raw ?? level}` : `client_min_messages (not set; the default is ${level})`}: ` +
        `every client receives ${sent}, not only its errors`,
      help: 'Set client_min_messages = error; a session that needs more (a DBA debugging) can still SET it for itself.',
    });
  },
});
