import { defineRule } from '../src/linter/rule.js';
import { ALLOWED_NETWORKS, allowedNetworksOption, insideNetworks, tokenLoc } from '../src/analysis/hba.js';
import { EXPOSURE_MODEL_DOC, clientcertMode, hbaExposures } from '../src/analysis/exposure.js';

export default defineRule({
  name: 'hba-trust-remote',
  severity: 'error',
  category: 'security',
  precedence: 150,
  appliesTo: ['pg_hba.conf'],
  requires: ['pg_hba.conf'],
  options: { allowedNetworks: ALLOWED_NETWORKS },
  docs: () => ({
    summary: '`trust` authentication on a record that matches more than the loopback interface',
    why:
      '`trust` logs a client in as whichever user it names, with no password or other check. On a `host`, ' +
      '`hostssl`, `hostnossl`, `hostgssenc` or `hostnogssenc` record whose address is more than loopback ' +
      '(127.0.0.0/8, ::1/128) — a network, `samehost`, `samenet` or a host name — anyone who can reach the server from ' +
      'there, or who shares a machine on that network, can connect as any listed user, including a superuser. ' +
      'Records that can never match (shadowed by an earlier record, `hostssl` while ssl is off, a template ' +
      'placeholder) are not flagged, nor `trust` with `clientcert=verify-full` (certificate authentication); with ' +
      '`clientcert=verify-ca` any holder of a certificate from the trusted CA can name any user (warning).\n\n' +
      EXPOSURE_MODEL_DOC,
    invalid: ['host    all   all   10.20.0.0/16   trust', 'host    orders   app   samenet   trust'],
    valid: ['host    all   all   127.0.0.1/32   trust', 'local   all   all   trust', 'host    all   all   10.20.0.0/16   scram-sha-256'],
    references: [
      'https://www.postgresql.org/docs/current/auth-trust.html',
      'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const allowed = allowedNetworksOption(ctx.options);
    for (const e of hbaExposures(ctx)) {
      const r = e.info;
      if (r.record.method !== 'trust' || e.reach === 'local' || e.reach === 'loopback' || insideNetworks(r, allowed)) continue;
      const cc = clientcertMode(r);
      // trust with clientcert=verify-full is certificate authentication (the name must match the user).
      if (cc === 'verify-full') continue;
      ctx.report({
        loc: tokenLoc(r.record.methodToken),
        message:
          cc === 'verify-ca'
            ? `trust on a network record with clientcert=verify-ca: ${e.text}; anyone there holding a certificate from the trusted CA can name any of these users and is let in, since verify-ca does not compare the certificate's name with the user`
            : `trust on a network record: ${e.text}; anyone who can connect from there can name any of these users and is let in`,
        ...(cc === 'verify-ca' ? { severity: 'warning' as const } : {}),
        group: { key: e.groupKey, concern: 'trust: no password (hba-trust-remote)' },
        help: 'Use scram-sha-256 (or cert / gss); keep trust, if at all, for local sockets and 127.0.0.1/32.',
      });
    }
  },
});
