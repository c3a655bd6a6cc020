import { defineRule } from '../src/engine/rule.js';
import { analyzeHba, tokenLoc } from '../src/analysis/hba.js';

export default defineRule({
  name: 'hba-cleartext-password',
  severity: 'error',
  appliesTo: ['pg_hba.conf'],
  docs: {
    summary: 'Method `password` (cleartext) on a network record',
    why:
      'With `password` the client sends the password itself, in cleartext. On a `host`, `hostnossl` or ' +
      '`hostnogssenc` record the connection may be unencrypted, so anyone on the network path can read it (error). ' +
      'On `hostssl` and `hostgssenc` the channel is encrypted but the server still receives the password itself, ' +
      'and a client that does not verify the server certificate can hand it to an impostor (warning). ' +
      '`scram-sha-256` never sends the password. `local` records and records that can never match are not flagged.',
    invalid: ['host    all   app   10.20.0.0/16   password', 'hostssl    all   app   10.20.0.0/16   password'],
    valid: ['host    all   app   10.20.0.0/16   scram-sha-256', 'local   all   app   password'],
    references: [
      'https://www.postgresql.org/docs/current/auth-password.html',
      'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html',
    ],
    versions: 'all',
  },
  check(ctx) {
    const hba = ctx.cluster.hba;
    if (!hba) return;
    for (const r of analyzeHba(hba).reachable) {
      const type = r.record.connType;
      if (r.record.method !== 'password' || type === 'local') continue;
      const encrypted = type === 'hostssl' || type === 'hostgssenc';
      ctx.report({
        loc: tokenLoc(r.record.methodToken),
        message: encrypted
          ? `cleartext password over an encrypted connection: ${r.exposure}; the server receives the password itself`
          : `cleartext password on a record that accepts unencrypted connections: ${r.exposure}; anyone on the network path can read it`,
        help: 'Use scram-sha-256 (with password_encryption = scram-sha-256, then reset the passwords).',
        ...(encrypted ? { severity: 'warning' as const } : {}),
      });
    }
  },
});
