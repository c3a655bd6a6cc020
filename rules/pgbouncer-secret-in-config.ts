import { defineRule } from '../src/linter/rule.js';
import { boundQuote } from '../src/linter/redact.js';
import { isTemplated } from '../src/parse/pgbouncer-ini.js';
import { isPlaceholder } from './secret-in-config.js';

export default defineRule({
  name: 'pgbouncer-secret-in-config',
  severity: 'error',
  category: 'security',
  appliesTo: ['pgbouncer.ini'],
  requires: ['pgbouncer.ini'],
  docs: () => ({
    summary: 'A literal password in a [databases] connection string of pgbouncer.ini',
    why:
      'A `password=` in a `[databases]` entry is the PostgreSQL password pgbouncer logs in with, committed to the ' +
      'repository: every clone, fork, CI job and backup holds it, and the history keeps it after the line is deleted. ' +
      'pgbouncer takes the server password from its auth_file (userlist.txt, kept out of the repository) when the ' +
      'entry has none. Template references ($VAR, ${VAR}, {{ var }}, <password>) are not reported, and the finding ' +
      'never repeats the secret. The same analysis as secret-in-config (which judges PostgreSQL\'s own files).',
    invalid: ['[databases]\nappdb = host=db.internal dbname=app user=app password=s3cret\n\n[pgbouncer]\nauth_type = scram-sha-256\n'],
    valid: [
      '[databases]\nappdb = host=db.internal dbname=app user=app\n\n[pgbouncer]\nauth_type = scram-sha-256\n',
      '[databases]\nappdb = host=db.internal dbname=app user=app password=${APP_PASSWORD}\n\n[pgbouncer]\nauth_type = scram-sha-256\n',
    ],
    references: ['https://www.pgbouncer.org/config.html#section-databases', 'https://www.pgbouncer.org/config.html#auth_file'],
    versions: 'all pgbouncer versions (any PostgreSQL major)',
  }),
  check(ctx) {
    const pgb = ctx.cluster.pgbouncer;
    if (!pgb) return;
    const file = pgb.ini.file.path;
    for (const db of pgb.ini.databases) {
      for (const p of db.pairs) {
        if (p.key !== 'password' || isPlaceholder(p.value) || isTemplated(p.value)) continue;
        ctx.report({
          loc: { file, start: p.valueStart, end: p.valueEnd },
          message: `[databases] ${boundQuote(db.name, 40)} holds a literal PostgreSQL password (password=****): anyone who can read the repository or its history can log in with it`,
          help: 'Remove the password from the entry and rotate it; let pgbouncer take it from its auth_file (kept out of the repository) or the environment that renders the file.',
        });
      }
    }
  },
});
