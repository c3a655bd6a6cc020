import { defineRule } from '../src/linter/rule.js';
import { WIDE_NETWORK_OPTIONS, addressLoc, insideNetworks, isWide, wideNetworkOptions } from '../src/analysis/hba.js';
import { EXPOSURE_MODEL_DOC, hbaExposures } from '../src/analysis/exposure.js';

export default defineRule({
  name: 'hba-wide-network',
  severity: 'warning',
  category: 'security',
  precedence: 110,
  appliesTo: ['pg_hba.conf'],
  requires: ['pg_hba.conf'],
  options: WIDE_NETWORK_OPTIONS,
  docs: () => ({
    summary: 'A pg_hba.conf record that accepts a very wide network (IPv4 wider than /16, IPv6 wider than /48)',
    why:
      'A record for 10.0.0.0/8 admits 16 million addresses: usually far more machines than need the database, ' +
      'often every office, VPN and container network of the company. Each of them can then try to log in, and ' +
      'a compromise anywhere in that range reaches the database. Records open to every address are left to ' +
      'hba-open-to-world; `reject` records, loopback networks and records that can never match are not flagged. ' +
      'A network that lies wholly in private address space (RFC 1918, carrier-grade NAT, unique local, link-local) ' +
      'with a method that does not give the password away (scram-sha-256, cert, gss; md5 or a cleartext method ' +
      'only over hostssl) is information: it is usually a container or VPN address pool. A range that looks ' +
      'private but covers public space (`172.0.0.0/8`, `10.0.0.0/7`) is said so.\n\n' +
      EXPOSURE_MODEL_DOC,
    invalid: ['host    all   app   10.0.0.0/8   scram-sha-256', 'host    all   app   10.0.0.0   255.0.0.0   scram-sha-256'],
    valid: ['host    all   app   10.20.0.0/16   scram-sha-256', 'host    all   all   10.0.0.0/8   reject', 'host    all   all   2001:db8:1234::/48   scram-sha-256'],
    references: ['https://www.postgresql.org/docs/current/auth-pg-hba-conf.html'],
    versions: 'all',
  }),
  check(ctx) {
    const { ipv4Prefix: v4, ipv6Prefix: v6, allowed } = wideNetworkOptions(ctx.options);
    for (const e of hbaExposures(ctx)) {
      const r = e.info;
      if (e.strength === 'reject' || !isWide(r, v4, v6) || insideNetworks(r, allowed)) continue;
      const quiet = e.reach === 'private' && !e.weak;
      const limit = r.family === 'ipv4' ? v4 : v6;
      const count = r.family === 'ipv4' ? (2 ** (32 - r.prefixLength!)).toLocaleString('en-US') : `2^${128 - r.prefixLength!}`;
      ctx.report({
        loc: addressLoc(r.record.address!),
        message: `wide network (${count} addresses, wider than /${limit}${e.reach === 'private' ? ', private address space' : ''}): ${e.text}`,
        help: 'Narrow the address to the hosts or subnets that need access (e.g. the application servers\' /24), or list the network in allowedNetworks.',
        ...(quiet ? { severity: 'info' as const } : {}),
        group: { key: e.groupKey, concern: 'a wide network (hba-wide-network)' },
      });
    }
  },
});
