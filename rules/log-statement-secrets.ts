import { defineRule } from '../src/linter/rule.js';
import type { SettingView } from '../src/linter/settings.js';

/** log_statement values that include CREATE/ALTER ROLE (DDL in GetCommandLogLevel). */
const LOGS_ROLE_DDL = new Set(['ddl', 'mod', 'all']);

const written = (s: SettingView): string => s.assignment?.line.raw ?? s.canonical;

export default defineRule({
  name: 'log-statement-secrets',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: "Statement logging writes CREATE/ALTER ROLE … PASSWORD '…' to the server log in cleartext",
    why:
      'log_statement = ddl, mod or all logs every CREATE ROLE and ALTER ROLE statement with its full text, so a ' +
      "password set with `ALTER ROLE app PASSWORD 'secret'` lands in the server log in cleartext — readable by " +
      'anyone with access to the log files, the log shipper or the container logs, and kept as long as they are. ' +
      'The CREATE ROLE and ALTER ROLE documentation warns about exactly this. log_min_duration_statement = 0 logs ' +
      'the text of every statement too, as does log_min_duration_sample = 0 (13+) with a sampling rate above 0, and ' +
      'they are reported the same way. DDL logging is often wanted for auditing: keep it, and set passwords so ' +
      "that only a hash is sent — psql's \\password computes the SCRAM hash on the client — or lower the logging. " +
      'Not reported when log_min_messages is fatal or panic (statement logging is at LOG level and is then not ' +
      'written; log-level-too-quiet reports that). log_min_error_statement is not reported: at its default ' +
      '(error) the text of a failing statement is logged, so a mistyped ALTER ROLE … PASSWORD can reach the log ' +
      'on any server, which no setting short of hiding errors prevents. log_transaction_sample_rate (12+) is not ' +
      'checked either.',
    invalid: ["log_statement = 'ddl'", 'log_min_duration_statement = 0'],
    valid: ["log_statement = 'none'\nlog_min_duration_statement = 1000", "log_statement = 'all'\nlog_min_messages = panic"],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-STATEMENT',
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-MIN-DURATION-STATEMENT',
      'https://www.postgresql.org/docs/current/sql-createrole.html',
      'https://www.postgresql.org/docs/current/sql-alterrole.html',
      'https://www.postgresql.org/docs/current/app-psql.html (\\password)',
    ],
    versions: 'all (log_min_duration_sample is 13+)',
  }),
  check(ctx) {
    // Statement logging is emitted at LOG level, which log_min_messages = fatal or panic filters out.
    const minMessages = ctx.setting('log_min_messages');
    if (typeof minMessages?.value === 'string' && ['fatal', 'panic'].includes(minMessages.value.toLowerCase())) return;

    const statement = ctx.setting('log_statement');
    const duration = ctx.setting('log_min_duration_statement');
    const sample = ctx.setting('log_min_duration_sample'); // 13+
    const rate = ctx.setting('log_statement_sample_rate'); // 13+
    const durationAll = duration?.loc && duration.value === 0 ? duration : undefined;
    const sampleAll = sample?.loc && sample.value === 0 && typeof rate?.value === 'number' && rate.value > 0 ? sample : undefined;
    const byDuration = [durationAll, sampleAll].filter((s): s is SettingView => s !== undefined);

    const help =
      "Keep the logging but set passwords so that only a hash is sent: psql's \\password (or a client that sends " +
      "a SCRAM-SHA-256 hash); or lower the logging (log_statement = 'none', log_min_duration_statement above 0). " +
      'Rotate the passwords already in the logs.';

    if (statement?.loc && typeof statement.value === 'string' && LOGS_ROLE_DDL.has(statement.value)) {
      ctx.report({
        loc: statement.loc,
        message:
          `log_statement = ${written(statement)} logs CREATE ROLE / ALTER ROLE … PASSWORD '…' with its full text: ` +
          'a password set in SQL is written to the server log in cleartext',
        help,
        ...(byDuration.length
          ? { related: byDuration.map((s) => ({ message: `${s.name} = ${written(s)} logs every statement's text as well`, loc: s.loc! })) }
          : {}),
      });
      return;
    }
    const first = byDuration[0];
    if (!first) return;
    ctx.report({
      loc: first.loc!,
      message:
        `${first.name} = ${written(first)} logs the text of every ${first === sampleAll ? 'sampled ' : ''}statement, ` +
        "including CREATE ROLE / ALTER ROLE … PASSWORD '…': a password set in SQL is written to the server log in cleartext",
      help,
      ...(byDuration.length > 1 ? { related: [{ message: `${byDuration[1]!.name} = ${written(byDuration[1]!)} logs statement text as well`, loc: byDuration[1]!.loc! }] } : {}),
    });
  },
});
