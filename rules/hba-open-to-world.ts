import { defineRule } from '../src/engine/rule.js';
import { ALLOWED_NETWORKS_DEFAULTS, ALLOWED_NETWORKS_OPTIONS_SCHEMA, addressLoc, allowedNetworksOption, analyzeHba, worldOpenRecords } from '../src/analysis/hba.js';

export default defineRule({
  name: 'hba-open-to-world',
  severity: 'error',
  appliesTo: ['pg_hba.conf'],
  defaultOptions: ALLOWED_NETWORKS_DEFAULTS,
  optionsSchema: ALLOWED_NETWORKS_OPTIONS_SCHEMA,
  docs: {
    summary: 'A pg_hba.conf record that accepts connections from every address',
    why:
      'A record whose address is `0.0.0.0/0`, `::/0` (in any spelling, including `0.0.0.0 0.0.0.0` and ' +
      '`::0/0`) or the keyword `all` lets anyone who can reach the port try to log in: the only thing left ' +
      'between the internet and the data is the authentication method and the firewall. With `trust` or a ' +
      'cleartext `password`, for every user (`all`), or for physical replication (a full copy of the ' +
      'cluster), that is an error; otherwise a warning. Records that can never match (`reject`, or shadowed ' +
      'by an earlier record, see hba-unreachable-record) are not flagged, because they grant nothing.',
    invalid: ['host    all   all   0.0.0.0/0   scram-sha-256', 'host    sales   app   ::/0   md5'],
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
    options:
      '`allowedNetworks` (list of CIDR strings, default none; also taken from the top-level `allowedNetworks` of ' +
      'the config file): records whose address lies inside one of these networks are not flagged.',
  },
  check(ctx) {
    const hba = ctx.cluster.hba;
    if (!hba) return;
    for (const r of worldOpenRecords(analyzeHba(hba), allowedNetworksOption(ctx.options))) {
      const rec = r.record;
      const error = rec.method === 'trust' || rec.method === 'password' || r.allUsers || r.replication;
      const help =
        rec.method === 'trust' || rec.method === 'password'
          ? 'Restrict the address to the networks that need access (e.g. 10.20.0.0/16) and authenticate with scram-sha-256.'
          : 'Restrict the address to the networks that need access (e.g. 10.20.0.0/16); if the server really must be public, suppress this with the reason.';
      ctx.report({
        loc: addressLoc(rec.address!),
        message: `open to every address: ${r.exposure}`,
        help,
        severity: error ? 'error' : 'warning',
      });
    }
  },
});
