import { defineRule } from '../src/linter/rule.js';
import { tokenLoc } from '../src/analysis/hba.js';
import { EXPOSURE_MODEL_DOC, clientcertMode, hbaExposures, onServerOnly } from '../src/analysis/exposure.js';

export default defineRule({
  name: 'hba-client-cert-not-required',
  severity: 'warning',
  category: 'security',
  precedence: 10,
  appliesTo: ['pg_hba.conf'],
  requires: ['pg_hba.conf'],
  docs: () => ({
    summary: 'A `hostssl` or `host` record beyond the server itself that does not require a client certificate',
    why:
      'Where PKI-based authentication is the policy (STIG V-233577: the server validates each client certificate ' +
      'along its certification path to a trusted CA, RFC 5280), a record that lets a client in without a certificate ' +
      'skips that validation entirely: a password, a Kerberos ticket or nothing stands in for it. PostgreSQL ' +
      'validates a client certificate (against `ssl_ca_file`, and `ssl_crl_file`/`ssl_crl_dir` for revocation) ' +
      'only on a `hostssl` record with the `cert` method or with `clientcert=verify-ca` / `verify-full` (`clientcert=1` ' +
      'before 14). Flagged: `hostssl` and `host` records (a `host` record also admits TLS connections, but cannot ' +
      'carry `cert` or `clientcert`: make it `hostssl`) whose address reaches beyond the server, that are not `reject`, ' +
      'whose method is not `cert` and that have no `clientcert=verify-ca` or `verify-full`. Not flagged: `local`, ' +
      'loopback and `samehost` records (only processes on the server), `hostnossl` and `hostnogssenc` records (no TLS ' +
      'at all: a non-TLS path, another concern), `hostgssenc` records (Kerberos, not PKI), records that can never ' +
      'match. The STIG\'s InSpec check passes when some `hostssl` record uses `cert` or `clientcert=1`, and also wants ' +
      '`ssl_crl_file`; this rule asks it of every TLS-capable record beyond loopback, `gss` and `sspi` records ' +
      'included, and does not check the CRL. Off by default; the `stig` profile turns it on (V-233577).\n\n' +
      EXPOSURE_MODEL_DOC,
    invalid: ['hostssl    all   app   10.20.0.0/16   scram-sha-256', 'host    sales   app   10.20.0.0/16   scram-sha-256'],
    valid: [
      'hostssl    all   app   10.20.0.0/16   cert',
      'hostssl    all   app   10.20.0.0/16   scram-sha-256   clientcert=verify-full',
      'hostssl    all   app   10.20.0.0/16   scram-sha-256   clientcert=verify-ca',
      'host    all   all   127.0.0.1/32   scram-sha-256',
      'hostssl    all   all   10.20.0.0/16   reject',
      'local   all   all   peer',
    ],
    references: [
      'https://www.postgresql.org/docs/current/auth-cert.html',
      'https://www.postgresql.org/docs/current/ssl-tcp.html#SSL-CLIENT-CERTIFICATES',
      'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html',
    ],
    versions: 'all (`clientcert=1` counts as verify-ca; PostgreSQL 14 and later accept only verify-ca and verify-full)',
  }),
  check(ctx) {
    for (const e of hbaExposures(ctx)) {
      const r = e.info.record;
      if (r.connType !== 'hostssl' && r.connType !== 'host') continue;
      if (onServerOnly(e) || e.strength === 'reject' || r.method === 'cert' || clientcertMode(e.info) !== null) continue;
      const host = r.connType === 'host';
      ctx.report({
        loc: tokenLoc(r.methodToken),
        message: `no client certificate required: ${e.text}; clients get in with ${r.method} alone, so no certificate is validated against the trusted CA (and CRL) for them`,
        help: host
          ? 'Make it a hostssl record with the cert method, or add clientcert=verify-full (cert and clientcert are only allowed on hostssl).'
          : 'Use the cert method, or add clientcert=verify-full (the certificate name must match the role) to this record.',
        group: { key: e.groupKey, concern: 'no client certificate required (hba-client-cert-not-required)' },
      });
    }
  },
});
