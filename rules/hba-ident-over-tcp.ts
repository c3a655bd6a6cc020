import { defineRule } from '../src/linter/rule.js';
import { tokenLoc } from '../src/analysis/hba.js';
import { EXPOSURE_MODEL_DOC, clientcertMode, hbaExposures, onServerOnly } from '../src/analysis/exposure.js';
import { boundQuote } from '../src/linter/redact.js';

export default defineRule({
  name: 'hba-ident-over-tcp',
  severity: 'error',
  category: 'security',
  precedence: 140,
  appliesTo: ['pg_hba.conf'],
  requires: ['pg_hba.conf'],
  docs: () => ({
    summary: '`ident` authentication on a TCP record that clients beyond the server itself can match',
    why:
      'Over TCP, `ident` asks the ident server (RFC 1413, port 113) on the CLIENT\'s machine which operating-system ' +
      'user owns the connection, and believes the answer. Whoever controls a client machine — its administrator, ' +
      'or anyone who can run an ident daemon there (or answer from the client\'s address) — names any user they like: ' +
      'there is no authentication at all, like `trust`. A `map=` does not help: it only translates the name the ' +
      'client\'s ident server reports into a role. Flagged on `host`, `hostssl`, `hostnossl`, `hostgssenc` and ' +
      '`hostnogssenc` records whose address reaches beyond the server (networks, `samenet`, host names, every ' +
      'address), map or no map (error). With `clientcert=verify-ca` a client must also hold a certificate from the ' +
      'trusted CA, but any holder still names any user (warning); with `clientcert=verify-full` the certificate\'s ' +
      'name must match the role, which is authentication (not flagged). Not flagged: `ident` on a `local` record ' +
      '(PostgreSQL treats it as `peer`: the kernel says who the user is), and `ident` on loopback (127.0.0.0/8, ::1, ' +
      '`localhost`) or `samehost` records, where the ident server asked is the server\'s own and answers for its ' +
      'own processes — that is only as good as that identd, but it is not a remote client vouching for itself. ' +
      'go_hba_rules\' identNoMap flags `ident` without `map=` on any record; this rule deliberately flags by where the ' +
      'ident server is (the client\'s machine), map or not, and leaves loopback and the socket alone. A record open to ' +
      'every address is reported by hba-open-to-world, which names this concern (one finding per record).\n\n' +
      EXPOSURE_MODEL_DOC,
    invalid: ['host    all   all   10.20.0.0/16   ident', 'host    sales   app   192.168.1.0/24   ident   map=office'],
    valid: [
      'local   all   all   ident',
      'host    all   all   127.0.0.1/32   ident',
      'host    all   all   10.20.0.0/16   scram-sha-256',
      'hostssl    all   all   10.20.0.0/16   ident   clientcert=verify-full',
    ],
    references: [
      'https://www.postgresql.org/docs/current/auth-ident.html',
      'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html',
      'https://www.rfc-editor.org/rfc/rfc1413',
    ],
    versions: 'all',
  }),
  check(ctx) {
    for (const e of hbaExposures(ctx)) {
      const r = e.info.record;
      if (r.method !== 'ident' || e.reach === 'local' || onServerOnly(e)) continue;
      const cc = clientcertMode(e.info);
      if (cc === 'verify-full') continue;
      const map = r.options.find((o) => o.name === 'map');
      const mapped = map ? ` (map=${boundQuote(map.value)} only translates the name that server reports)` : '';
      ctx.report({
        loc: tokenLoc(r.methodToken),
        message:
          cc === 'verify-ca'
            ? `ident over TCP with clientcert=verify-ca: ${e.text}; the server believes the ident server on the client's own machine${mapped}, so anyone there holding a certificate from the trusted CA names any operating-system user, since verify-ca does not compare the certificate's name with the user`
            : `ident over TCP: ${e.text}; the server believes the ident server on the client's own machine${mapped}, so whoever controls a machine there names any operating-system user: no authentication`,
        ...(cc === 'verify-ca' ? { severity: 'warning' as const } : {}),
        help: 'Use scram-sha-256 (or cert / gss) for TCP connections; keep operating-system identity for local connections (peer).',
        group: { key: e.groupKey, concern: "ident over TCP: the client's word (hba-ident-over-tcp)" },
      });
    }
  },
});
