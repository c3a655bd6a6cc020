import { reportRequiredSetting } from '../src/analysis/required-setting.js';
import { defineRule } from '../src/linter/rule.js';

export default defineRule({
  name: 'ddl-not-logged',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: "log_statement is none (absent means none): CREATE, ALTER and DROP leave no trace in the server log",
    why:
      'With log_statement = none, schema and role changes are not logged: a dropped table, an altered function, a ' +
      'new superuser or a GRANT shows up nowhere in the server log, so neither an incident nor a botched migration ' +
      "can be traced. `ddl` logs every data definition statement (CREATE, ALTER, DROP, GRANT/REVOKE, roles), `mod` " +
      'adds INSERT, UPDATE, DELETE, TRUNCATE and COPY FROM, and `all` every statement. The CIS PostgreSQL Benchmark ' +
      "asks for at least `ddl` (3.1.25; pgdsat fails only `none`, so `ddl`, `mod` and `all` pass).\n\n" +
      "Logging DDL also logs `CREATE ROLE` / `ALTER ROLE … PASSWORD '…'` with its text, so a password set in SQL " +
      'then reaches the log in cleartext; the rule log-statement-secrets reports that for any `ddl`/`mod`/`all` ' +
      "setting. Both rules agree on the way out: keep `log_statement = 'ddl'` and set passwords so that only a " +
      "hash is sent (psql's \\password, or a client that sends a SCRAM-SHA-256 verifier, with password_encryption = " +
      'scram-sha-256). DDL logged by pgaudit instead (pgaudit.log = ddl) is not considered: the CIS check reads ' +
      'log_statement. Off by default; the `cis` profile turns it on (CIS 3.1.25).',
    invalid: ["log_statement = 'none'"],
    valid: ["log_statement = 'ddl'", "log_statement = 'all'"],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-STATEMENT',
      'https://www.postgresql.org/docs/current/app-psql.html (\\password)',
      'https://github.com/HexaCluster/pgdsat (check 3.1.25)',
    ],
    versions: 'all (log_statement exists in every supported major; its default is none)',
  }),
  check(ctx) {
    reportRequiredSetting(
      ctx,
      'log_statement',
      'none',
      'CREATE, ALTER, DROP, GRANT and role changes leave no trace in the server log',
      "Set log_statement = 'ddl'. It logs ALTER ROLE … PASSWORD '…' with its text too: set passwords with psql's " +
        '\\password (only a SCRAM hash is sent) so that none reaches the log (see log-statement-secrets).',
    );
  },
});
