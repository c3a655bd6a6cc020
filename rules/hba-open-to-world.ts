import { defineRule } from '../src/linter/rule.js';
import { ALLOWED_NETWORKS, addressLoc, allowedNetworksOption, insideNetworks } from '../src/analysis/hba.js';
import { EXPOSURE_MODEL_DOC, SUPERUSERS, clientcertMode, hbaExposures, superuserNames, superusersOption, worldBase, worldSeverity } from '../src/analysis/exposure.js';
import type { Exposure } from '../src/analysis/exposure.js';

/** What the method leaves between the internet and the data, in words. */
function risk(e: Exposure): string {
  if (e.info.record.method === 'trust' && clientcertMode(e.info) === 'verify-ca') {
    return 'anyone holding a certificate from the trusted CA logs in as any listed user, with no password';
  }
  switch (e.strength) {
    case 'none':
      return e.info.record.method === 'trust'
        ? 'anyone who can reach the port logs in as any listed user, with no password'
        : "anyone who can reach the port names the user through their own ident server: no authentication";
    case 'cleartext':
      return e.channel === 'tls'
        ? 'anyone who can reach the port can guess passwords; the password itself travels encrypted'
        : 'anyone who can reach the port can guess passwords, and the password itself may cross the internet unencrypted';
    case 'md5':
      return e.channel === 'tls'
        ? 'anyone who can reach the port can guess passwords (over TLS)'
        : 'anyone who can reach the port can guess passwords, and an MD5 exchange sniffed on an unencrypted connection can be cracked offline';
    case 'strong':
      return 'only clients holding the required certificate or Kerberos ticket get in';
    default:
      return 'anyone who can reach the port can guess passwords';
  }
}

export default defineRule({
  name: 'hba-open-to-world',
  severity: 'error',
  category: 'security',
  precedence: 170,
  appliesTo: ['pg_hba.conf'],
  requires: ['pg_hba.conf'],
  options: { allowedNetworks: ALLOWED_NETWORKS, superusers: SUPERUSERS },
  docs: () => ({
    summary: 'A pg_hba.conf record that accepts connections from every address',
    why:
      'A record whose address is `0.0.0.0/0`, `::/0` (in any spelling, including `0.0.0.0 0.0.0.0` and ' +
      '`::0/0`) or the keyword `all` lets anyone who can reach the port try to log in: the only thing left ' +
      'between the internet and the data is the authentication method and the firewall. The severity follows ' +
      'the method: no authentication (`trust`, `ident`) or a password that may cross the internet unencrypted ' +
      '(`password`, `ldap`, `pam`, `radius`, `bsd`, `md5` on a record that does not require SSL) is an error; ' +
      'a password over a required encrypted channel, or `scram-sha-256`, is a warning (passwords can be guessed ' +
      'from anywhere); `cert`, `gss`, `sspi` or `clientcert=verify-*` is information. A record that names a ' +
      'superuser or is for physical replication (a full copy of the cluster) is one level higher. Records that ' +
      'can never match (`reject`, shadowed by an earlier record, `hostssl` while ssl is off, a template ' +
      'placeholder) are not flagged, because they grant nothing.\n\n' +
      EXPOSURE_MODEL_DOC,
    invalid: ['host    all   all   0.0.0.0/0   md5', 'hostssl    sales   app   ::/0   scram-sha-256'],
    valid: [
      'host    all   all   10.20.0.0/16   scram-sha-256',
      'host    all   all   0.0.0.0/0   reject',
      'host    all   all   0.0.0.0/0   reject\nhost    all   all   0.0.0.0/0   trust',
    ],
    references: [
      'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html',
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-LISTEN-ADDRESSES',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const allowed = allowedNetworksOption(ctx.options);
    const superusers = superusersOption(ctx.options);
    for (const e of hbaExposures(ctx)) {
      const r = e.info;
      if (e.reach !== 'world' || e.strength === 'reject' || insideNetworks(r, allowed)) continue;
      const severity = worldSeverity(e, superusers);
      const raisedFor = [
        ...(superuserNames(e, superusers).length ? ['it names a superuser'] : []),
        ...(r.replication ? ['it allows physical replication'] : []),
      ];
      const raised = severity !== worldBase(e) ? ` (rated higher: ${raisedFor.join(' and ')})` : '';
      const help = e.weak
        ? 'Restrict the address to the networks that need access (e.g. 10.20.0.0/16) and authenticate with scram-sha-256 over hostssl (or cert).'
        : 'Restrict the address to the networks that need access (e.g. 10.20.0.0/16); if the server really must be public, suppress this with the reason.';
      ctx.report({
        loc: addressLoc(r.record.address!),
        message: `open to every address: ${e.text}; ${risk(e)}${raised}`,
        help,
        severity,
        group: { key: e.groupKey, concern: 'open to every address (hba-open-to-world)' },
      });
    }
  },
});
