import { defineRule } from '../src/engine/rule.js';
import { analyzeHba, tokenLoc } from '../src/analysis/hba.js';

export default defineRule({
  name: 'hba-md5',
  severity: 'warning',
  appliesTo: ['pg_hba.conf'],
  docs: {
    summary: 'Method `md5`: deprecated password hashing (prefer `scram-sha-256`)',
    why:
      'MD5 password hashes are weak: a stolen hash (from a backup or pg_authid) is enough to log in without ' +
      'knowing the password, and a sniffed MD5 response can be brute-forced offline. PostgreSQL 18 deprecates MD5 passwords and warns when ' +
      'they are set; a later release will remove them. The `md5` method already accepts SCRAM passwords, so ' +
      'switching is safe once every password has been reset with `password_encryption = scram-sha-256`. ' +
      'Records that can never match are not flagged.',
    invalid: ['host    all   app   10.20.0.0/16   md5'],
    valid: ['host    all   app   10.20.0.0/16   scram-sha-256'],
    references: [
      'https://www.postgresql.org/docs/current/auth-password.html',
      'https://www.postgresql.org/docs/18/release-18.html',
    ],
    versions: 'all; deprecated in 18',
  },
  check(ctx) {
    const hba = ctx.cluster.hba;
    if (!hba) return;
    const why =
      ctx.major >= 18
        ? `MD5 passwords are deprecated in PostgreSQL ${ctx.major} and will be removed`
        : 'MD5 hashes are weak and deprecated from PostgreSQL 18';
    for (const r of analyzeHba(hba).reachable) {
      if (r.record.method !== 'md5') continue;
      ctx.report({
        loc: tokenLoc(r.record.methodToken),
        message: `md5 authentication: ${r.exposure}; ${why}`,
        help: 'Set password_encryption = scram-sha-256, reset the passwords, then change the method to scram-sha-256.',
      });
    }
  },
});
