import { defineRule } from '../src/linter/rule.js';
import { listenWords, pgbouncerListen } from '../src/parse/pgbouncer.js';
import { pgbouncerSetting } from '../src/parse/pgbouncer-ini.js';

export default defineRule({
  name: 'pgbouncer-client-tls-disabled',
  severity: 'warning',
  category: 'security',
  appliesTo: ['pgbouncer.ini'],
  requires: ['pgbouncer.ini'],
  docs: () => ({
    summary: 'pgbouncer listens on the network without requiring TLS from its clients (client_tls_sslmode)',
    why:
      'pgbouncer\'s `client_tls_sslmode` defaults to `disable`: when it listens on the network (`listen_addr` ' +
      'beyond loopback), every query, every result and every password a client sends (in cleartext with ' +
      '`auth_type = plain`) crosses the network unencrypted, whatever the server\'s own `ssl`. With `disable` this ' +
      'is a warning; with `allow` or `prefer` TLS is used only when the client asks for it (an info). Nothing is ' +
      'said when pgbouncer listens only on loopback addresses or its Unix-domain socket, or when an `%include` (not ' +
      'followed) may set either parameter.',
    invalid: ['[pgbouncer]\nlisten_addr = *\nauth_type = scram-sha-256\n', '[pgbouncer]\nlisten_addr = 0.0.0.0\nclient_tls_sslmode = disable\n'],
    valid: [
      '[pgbouncer]\nlisten_addr = *\nclient_tls_sslmode = require\nclient_tls_key_file = /etc/pgbouncer/server.key\nclient_tls_cert_file = /etc/pgbouncer/server.crt\n',
      '[pgbouncer]\nlisten_addr = 127.0.0.1\n',
    ],
    references: ['https://www.pgbouncer.org/config.html#client_tls_sslmode', 'https://www.pgbouncer.org/config.html#listen_addr'],
    versions: 'all pgbouncer versions (any PostgreSQL major)',
  }),
  check(ctx) {
    const pgb = ctx.cluster.pgbouncer;
    if (!pgb) return;
    const ini = pgb.ini;
    const file = ini.file.path;
    const listen = pgbouncerListen(ini);
    if (listen.kind !== 'network') return;
    const mode = pgbouncerSetting(ini, 'client_tls_sslmode')!;
    if (!mode.certain) return;
    const m = mode.value.toLowerCase();
    if (m !== 'disable' && m !== 'allow' && m !== 'prefer') return;
    const at = mode.entry ?? ini.settings.get('listen_addr')!;
    const plain = pgbouncerSetting(ini, 'auth_type')?.value.toLowerCase() === 'plain' ? 'queries, results and passwords (auth_type = plain sends them in cleartext)' : 'queries and results';
    const said = mode.entry ? `client_tls_sslmode = ${m}` : 'client_tls_sslmode is not set (disable)';
    ctx.report({
      loc: { file, start: at.valueStart, end: at.valueEnd },
      ...(m === 'disable' ? {} : { severity: 'info' as const }),
      message:
        m === 'disable'
          ? `pgbouncer listens on ${listenWords(listen)} without TLS (${said}): ${plain} cross the network unencrypted`
          : `pgbouncer listens on ${listenWords(listen)} with TLS only when the client asks for it (${said}): a client that does not, or an attacker in the path, talks without encryption`,
      help: 'Set client_tls_sslmode = require (or verify-ca / verify-full for client certificates) with client_tls_key_file and client_tls_cert_file, or listen only on loopback.',
    });
  },
});
