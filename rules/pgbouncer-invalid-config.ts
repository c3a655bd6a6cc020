import { defineRule } from '../src/linter/rule.js';
import { isTemplated } from '../src/parse/pgbouncer-ini.js';

export default defineRule({
  name: 'pgbouncer-invalid-config',
  severity: 'error',
  category: 'validity',
  appliesTo: ['pgbouncer.ini'],
  requires: ['pgbouncer.ini'],
  docs: () => ({
    summary: 'pgbouncer refuses its configuration file, or ignores a line of its auth_hba_file',
    why:
      'pgbouncer stops loading pgbouncer.ini at the first line it cannot take — a line that is not `key = value`, a ' +
      'section other than [pgbouncer], [databases], [users] and [peers], a parameter it does not know (names are ' +
      'case-sensitive), a value auth_type, pool_mode or a TLS mode does not accept, a number that is not one, a ' +
      '[databases] connection string with a key it does not know (such as `sslmode`) or an empty value — and then ' +
      'does not start, or on RELOAD keeps its old configuration. Comments start only at the beginning of a line: ' +
      '`key = value ; note` keeps the note in the value. Each such line is an error. In auth_hba_file (read when ' +
      'auth_type = hba) pgbouncer only logs a warning and skips a line it cannot read (its own subset of pg_hba: no ' +
      'host names, no gss/ident/pam/radius methods, no options but map=, no include): that record then does not ' +
      'exist — a warning, an error when it was a reject record. Lines written as templates (${VAR}, {{ var }}) are ' +
      'not judged.',
    invalid: ['[pgbouncer]\nlisten_addr = *\nauth_type = scram\n', '[databases]\nappdb = host=10.0.0.5 dbname=app sslmode=require\n\n[pgbouncer]\nauth_type = scram-sha-256\n'],
    valid: ['[databases]\nappdb = host=10.0.0.5 dbname=app\n\n[pgbouncer]\n; a comment\nauth_type = scram-sha-256\n'],
    references: ['https://www.pgbouncer.org/config.html', 'https://github.com/pgbouncer/pgbouncer/blob/master/lib/usual/cfparser.c', 'https://github.com/pgbouncer/pgbouncer/blob/master/src/hba.c'],
    versions: 'pgbouncer 1.25 (its parameters); the grammar is that of every version',
  }),
  check(ctx) {
    const pgb = ctx.cluster.pgbouncer;
    if (!pgb) return;
    const ini = pgb.ini;
    const text = ini.file.text;
    for (const p of ini.problems) {
      // A line of a template (envsubst, Jinja) is not what pgbouncer reads.
      const ls = text.lastIndexOf('\n', p.start - 1) + 1;
      const le = text.indexOf('\n', p.start);
      if (isTemplated(text.slice(ls, le === -1 ? text.length : le))) continue;
      ctx.report({
        loc: { file: ini.file.path, start: p.start, end: p.end },
        message: p.message,
        help:
          p.code === 'connstr'
            ? 'Write only the keys pgbouncer takes in [databases] (host, port, dbname, user, password, pool_size, …); TLS to the server is server_tls_sslmode in [pgbouncer].'
            : p.code === 'invalid-value'
              ? 'Write one of the values the parameter accepts.'
              : p.code === 'unknown-parameter'
                ? "Write the parameter as pgbouncer's documentation spells it (lower case), or remove it."
                : 'Write the line as pgbouncer reads it: key = value in [pgbouncer], [databases], [users] or [peers], comments on lines of their own.',
      });
    }
    const hba = pgb.hba;
    if (!hba) return;
    const lines = hba.rejected.length ? hba.file.text.split('\n') : [];
    for (const r of hba.rejected) {
      const line = lines[r.line - 1] ?? '';
      if (isTemplated(line)) continue;
      ctx.report({
        loc: { file: hba.file.path, start: r.start, end: r.end },
        ...(r.method === 'reject' ? {} : { severity: 'warning' as const }),
        message: `pgbouncer skips this line of its auth_hba_file: ${r.reason}${r.method === 'reject' ? '; the connections it rejects reach the records after it' : ''}`,
        help: "Write the record in pgbouncer's subset of pg_hba: host/hostssl/hostnossl/local, numeric addresses, the methods trust, reject, md5, password, peer, cert, scram-sha-256, ldap, and only map= as an option.",
      });
    }
  },
});
