import { defineRule } from '../src/linter/rule.js';
import { listenWords, pgbouncerListen } from '../src/parse/pgbouncer.js';
import { pgbouncerSetting } from '../src/parse/pgbouncer-ini.js';

export default defineRule({
  name: 'pgbouncer-weak-auth',
  severity: 'warning',
  category: 'security',
  appliesTo: ['pgbouncer.ini'],
  requires: ['pgbouncer.ini'],
  docs: () => ({
    summary: 'pgbouncer authenticates clients with a cleartext password (auth_type = plain) or an MD5 challenge (auth_type = md5)',
    why:
      'With `auth_type = plain` every client sends its password to pgbouncer in cleartext: over the network ' +
      '(`listen_addr` beyond loopback) without required client TLS (`client_tls_sslmode` below require) anyone in ' +
      'the path reads it (a warning); otherwise it is still a reusable secret handed to the pooler (an info). ' +
      'With `auth_type = md5` written in the file, users whose auth_file or auth_query secret is an MD5 hash or plain ' +
      'text get the MD5 challenge: the stored hash is as good as the password, and MD5 password authentication is ' +
      'deprecated by PostgreSQL 18 (an info; users with SCRAM secrets get SCRAM either way). md5 is pgbouncer\'s ' +
      'default, but only a file that writes it is reported.',
    invalid: ['[pgbouncer]\nlisten_addr = *\nauth_type = plain\n', '[pgbouncer]\nauth_type = md5\n'],
    valid: ['[pgbouncer]\nlisten_addr = *\nauth_type = scram-sha-256\n', '[pgbouncer]\nlisten_addr = *\n'],
    references: ['https://www.pgbouncer.org/config.html#auth_type', 'https://www.postgresql.org/docs/current/auth-password.html'],
    versions: 'all pgbouncer versions (any PostgreSQL major)',
  }),
  check(ctx) {
    const pgb = ctx.cluster.pgbouncer;
    if (!pgb) return;
    const ini = pgb.ini;
    const auth = pgbouncerSetting(ini, 'auth_type')!;
    if (!auth.entry || !auth.certain) return;
    const type = auth.value.toLowerCase();
    const loc = { file: ini.file.path, start: auth.entry.valueStart, end: auth.entry.valueEnd };
    const help = 'Set auth_type = scram-sha-256 and keep SCRAM secrets in auth_file (or let auth_query read them from the server).';
    if (type === 'plain') {
      const listen = pgbouncerListen(ini);
      const tls = pgbouncerSetting(ini, 'client_tls_sslmode')!;
      const tlsRequired = ['require', 'verify-ca', 'verify-full'].includes(tls.value.toLowerCase());
      const exposed = listen.kind === 'network' && tls.certain && !tlsRequired;
      ctx.report({
        loc,
        ...(exposed ? {} : { severity: 'info' as const }),
        message: exposed
          ? `auth_type = plain: clients send their passwords in cleartext, and pgbouncer listens on ${listenWords(listen)} without requiring TLS, so anyone in the path reads them`
          : 'auth_type = plain: clients send their passwords to pgbouncer in cleartext',
        help,
      });
    } else if (type === 'md5') {
      ctx.report({
        loc,
        severity: 'info',
        message: 'auth_type = md5: users whose secret in auth_file or auth_query is an MD5 hash or plain text get the MD5 challenge, where the stored hash is as good as the password (MD5 authentication is deprecated by PostgreSQL 18)',
        help,
      });
    }
  },
});
