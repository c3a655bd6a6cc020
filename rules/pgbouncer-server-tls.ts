import { defineRule } from '../src/linter/rule.js';
import { boundQuote } from '../src/linter/redact.js';
import { isLocalHost } from '../src/parse/pgbouncer.js';
import { connValue, isTemplated, pgbouncerSetting } from '../src/parse/pgbouncer-ini.js';

export default defineRule({
  name: 'pgbouncer-server-tls',
  severity: 'warning',
  category: 'security',
  appliesTo: ['pgbouncer.ini'],
  requires: ['pgbouncer.ini'],
  docs: () => ({
    summary: 'pgbouncer connects to a PostgreSQL server on another host without requiring TLS (server_tls_sslmode)',
    why:
      'pgbouncer logs in to the servers of its `[databases]` with `server_tls_sslmode`, one setting for all of them ' +
      '(a connection string cannot set sslmode: pgbouncer refuses the key). Its default is `prefer`: TLS only when ' +
      'the server offers it, without checking the certificate, so an attacker in the path can read or change every ' +
      'query and result (an info). With `disable` or `allow` the traffic is plain (a warning). ' +
      'Only entries whose host is another machine count: no host (the Unix-domain socket), a socket directory, ' +
      'localhost and loopback addresses are not reported; nor are hosts written as templates, or a file whose ' +
      '`%include` (not followed) may set server_tls_sslmode.',
    invalid: ['[databases]\nappdb = host=10.0.0.5 dbname=app\n\n[pgbouncer]\nserver_tls_sslmode = disable\n'],
    valid: [
      '[databases]\nappdb = host=10.0.0.5 dbname=app\n\n[pgbouncer]\nserver_tls_sslmode = verify-full\nserver_tls_ca_file = /etc/pgbouncer/root.crt\n',
      '[databases]\nappdb = host=127.0.0.1 dbname=app\n\n[pgbouncer]\nserver_tls_sslmode = disable\n',
    ],
    references: ['https://www.pgbouncer.org/config.html#server_tls_sslmode', 'https://www.pgbouncer.org/config.html#section-databases'],
    versions: 'all pgbouncer versions (any PostgreSQL major)',
  }),
  check(ctx) {
    const pgb = ctx.cluster.pgbouncer;
    if (!pgb) return;
    const ini = pgb.ini;
    const file = ini.file.path;
    const mode = pgbouncerSetting(ini, 'server_tls_sslmode')!;
    if (!mode.certain) return;
    const m = mode.value.toLowerCase();
    if (m !== 'disable' && m !== 'allow' && m !== 'prefer') return;
    const remote = ini.databases.flatMap((db) => {
      const host = connValue(db, 'host');
      // A host holding `=` is the next pair read as the value of an empty host= (loader.c skips spaces
      // before a value): no server pgbouncer could reach, so no TLS to judge.
      if (!host || isTemplated(host.value) || host.value.includes('=') || host.value.split(',').every(isLocalHost)) return [];
      return [{ db, host }];
    });
    if (remote.length === 0) return;
    const first = remote[0]!;
    const names = remote.slice(0, 3).map((r) => `${boundQuote(r.db.name, 30)} (host=${boundQuote(r.host.value, 40)})`).join(', ') + (remote.length > 3 ? ` and ${remote.length - 3} more` : '');
    const said = mode.entry ? `server_tls_sslmode = ${m}` : 'server_tls_sslmode is not set (prefer)';
    ctx.report({
      loc: mode.entry ? { file, start: mode.entry.valueStart, end: mode.entry.valueEnd } : { file, start: first.host.valueStart, end: first.host.valueEnd },
      ...(m === 'prefer' ? { severity: 'info' as const } : {}),
      message:
        m === 'prefer'
          ? `pgbouncer connects to ${names} with TLS only when the server offers it and without checking its certificate (${said}): an attacker in the path can read or change the traffic`
          : `pgbouncer connects to ${names} ${m === 'disable' ? 'without TLS' : 'without TLS unless the server demands it'} (${said}): queries and results cross the network unencrypted`,
      help: 'Set server_tls_sslmode = verify-full with server_tls_ca_file (the CA of the servers\' certificates) — at least require.',
    });
  },
});
