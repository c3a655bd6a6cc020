import { defineRule } from '../src/linter/rule.js';
import { WIDE_NETWORK_OPTIONS, insideNetworks, isWide, wideNetworkOptions, tokenLoc } from '../src/analysis/hba.js';
import { EXPOSURE_MODEL_DOC, hbaExposures, methodAdvice, onServerOnly, raise, worldBase } from '../src/analysis/exposure.js';

export default defineRule({
  name: 'hba-replication-open',
  severity: 'error',
  category: 'security',
  precedence: 100,
  appliesTo: ['pg_hba.conf'],
  requires: ['pg_hba.conf'],
  options: WIDE_NETWORK_OPTIONS,
  docs: () => ({
    summary: 'Physical replication (`replication`) allowed for every user or from a wide network',
    why:
      'A physical replication connection can stream the whole cluster — every database, every table, password ' +
      'hashes included — with pg_basebackup. The `replication` database should be allowed only for the ' +
      'replication role, from the standbys\' addresses. A record for `all` users, or for a network wider than ' +
      '/16 (IPv4) or /48 (IPv6), or for every address, lets any role with the REPLICATION attribute (and every ' +
      'superuser) do that from anywhere in the range. It is an error with a weak method (trust, ident, a ' +
      'cleartext password or md5 on a record that does not require SSL); from every address it is one level above ' +
      'hba-open-to-world\'s base level (scram-sha-256: error, cert or gss: warning); otherwise a warning. Local-socket, loopback and `samehost` records, `reject` records and records that can never ' +
      'match are not flagged.\n\n' +
      EXPOSURE_MODEL_DOC,
    invalid: ['host    replication   all   10.20.5.0/24   scram-sha-256', 'host    replication   replicator   10.0.0.0/8   scram-sha-256'],
    valid: [
      'host    replication   replicator   10.20.5.0/24   scram-sha-256',
      'local   replication   all   peer',
      'host    replication   all   127.0.0.1/32   scram-sha-256',
    ],
    references: [
      'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html',
      'https://www.postgresql.org/docs/current/warm-standby.html#STREAMING-REPLICATION-AUTHENTICATION',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const { ipv4Prefix: v4, ipv6Prefix: v6, allowed } = wideNetworkOptions(ctx.options);
    for (const e of hbaExposures(ctx)) {
      const r = e.info;
      const rec = r.record;
      if (!r.replication || e.strength === 'reject' || onServerOnly(e) || insideNetworks(r, allowed)) continue;
      const reasons: string[] = [];
      if (r.allUsers) reasons.push('for every user (all)');
      if (r.isWorld) reasons.push('from every address');
      else if (isWide(r, v4, v6)) reasons.push(`from a network wider than /${r.family === 'ipv4' ? v4 : v6}`);
      if (!reasons.length) continue;
      const token = rec.databases.find((d) => d.kind === 'keyword' && d.value === 'replication')!.token;
      ctx.report({
        loc: tokenLoc(token),
        message: `physical replication open ${reasons.join(' and ')}: ${e.text}; a replication connection can copy the whole cluster`,
        help: `Allow replication only for the replication role (e.g. replicator) from the standbys' addresses (/32), and ${methodAdvice(e)}.`,
        severity: e.weak ? 'error' : r.isWorld ? raise(worldBase(e)) : 'warning',
        group: { key: e.groupKey, concern: 'physical replication open (hba-replication-open)' },
      });
    }
  },
});
