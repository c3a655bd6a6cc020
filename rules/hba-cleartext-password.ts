import { defineRule } from '../src/linter/rule.js';
import { opt } from '../src/linter/options.js';
import { tokenLoc } from '../src/analysis/hba.js';
import { EXPOSURE_MODEL_DOC, hbaExposures, onServerOnly } from '../src/analysis/exposure.js';

/** Where the password goes after the client sends it, per method. */
const CHECKED_BY: Record<string, string> = {
  password: 'the server compares it with the stored password',
  ldap: 'the server passes it on to the LDAP server (in cleartext unless ldaptls=1 or ldaps)',
  pam: 'the server passes it on to PAM',
  radius: 'the server passes it on to the RADIUS server',
  bsd: 'the server passes it on to BSD Authentication',
};

export default defineRule({
  name: 'hba-cleartext-password',
  severity: 'error',
  category: 'security',
  precedence: 130,
  appliesTo: ['pg_hba.conf'],
  requires: ['pg_hba.conf'],
  options: {
    includeLocal: opt.boolean(false, 'Also flag these methods on `local` (Unix socket) records, as information (the `cis` and `stig` profiles set it).'),
  },
  docs: () => ({
    summary: 'A method that sends the password in cleartext (`password`, `ldap`, `pam`, `radius`, `bsd`) on a TCP record (with an option, also on local records)',
    why:
      'With `password`, `ldap`, `pam`, `radius` and `bsd` the client sends the password itself, in cleartext, ' +
      'and the server (or the LDAP, RADIUS or PAM service behind it) checks it. On a `host`, `hostnossl` or ' +
      '`hostnogssenc` record that admits clients beyond the server itself, the connection may be unencrypted, so ' +
      'anyone on the network path can read the password (error). On a loopback-only record (127.0.0.1, ::1, ' +
      '`localhost`, `samehost`) the password never leaves the machine, but any local user who can capture ' +
      'loopback traffic reads it (warning). On `hostssl` and `hostgssenc` the channel is encrypted, but the ' +
      'server still receives the password itself, and a client that does not verify the server certificate can ' +
      'hand it to an impostor (information). `scram-sha-256` never sends the password. Records that can never match ' +
      'are not flagged, nor, by default, `local` records: the socket never leaves the machine. With the option ' +
      '`includeLocal` they are (information): the server still receives the password itself rather than a proof of ' +
      'it, and CIS 5.3 and STIG V-233519 accept no `password` method on any record.\n\n' +
      EXPOSURE_MODEL_DOC,
    invalid: ['host    all   app   10.20.0.0/16   password', 'host    all   app   10.20.0.0/16   ldap   ldapserver=ldap.example.com ldapprefix="cn=" ldapsuffix=",dc=example,dc=com"'],
    valid: ['host    all   app   10.20.0.0/16   scram-sha-256', 'local   all   app   password'],
    references: [
      'https://www.postgresql.org/docs/current/auth-password.html',
      'https://www.postgresql.org/docs/current/auth-ldap.html',
      'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const includeLocal = ctx.options.includeLocal === true;
    for (const e of hbaExposures(ctx)) {
      const r = e.info.record;
      if (e.strength === 'reject' || (e.reach === 'local' && !includeLocal) || !(r.method in CHECKED_BY)) continue;
      const how = `the client sends the password itself and ${CHECKED_BY[r.method]}`;
      let message: string;
      let severity: 'error' | 'warning' | 'info';
      if (e.reach === 'local') {
        message = `cleartext password on the local socket: ${e.text}; ${how}; the socket never leaves the machine, but the server receives the password itself rather than a proof of it (scram-sha-256)`;
        severity = 'info';
      } else if (e.channel === 'tls') {
        message = `cleartext password over an encrypted connection: ${e.text}; ${how}, so a client that does not verify the server certificate can hand it to an impostor`;
        severity = 'info';
      } else if (onServerOnly(e)) {
        message = `cleartext password on a loopback-only record: ${e.text}; ${how}; it never leaves the machine, but a local user allowed to capture loopback traffic (root, CAP_NET_RAW) reads it`;
        severity = 'warning';
      } else {
        message = `cleartext password on a record that accepts unencrypted connections: ${e.text}; ${how}, and anyone on the network path can read it`;
        severity = 'error';
      }
      ctx.report({
        loc: tokenLoc(r.methodToken),
        message,
        help:
          e.reach === 'local'
            ? 'Use peer (the operating-system user of the same name) or scram-sha-256 for local connections.'
            : r.method === 'password'
            ? 'Use scram-sha-256 (with password_encryption = scram-sha-256, then reset the passwords).'
            : `Keep ${r.method} only on hostssl records (clients with sslmode=verify-full), or use scram-sha-256, cert or gss.`,
        severity,
        group: { key: e.groupKey, concern: `a cleartext password (${r.method}, hba-cleartext-password)` },
      });
    }
  },
});
