import { defineRule } from '../src/linter/rule.js';
import { CONN_STATES, analyzeHba, ipCovers, tokenLoc } from '../src/analysis/hba.js';
import type { HbaRecordInfo } from '../src/analysis/hba.js';
import { EXPOSURE_MODEL_DOC, hbaExposures, onServerOnly } from '../src/analysis/exposure.js';
import type { Exposure } from '../src/analysis/exposure.js';
import type { HbaFile } from '../src/parse/pg-hba.js';

/** The connection state "neither SSL nor GSS encryption" (the one state hostnossl and hostnogssenc share). */
const PLAIN = CONN_STATES.hostnossl & CONN_STATES.hostnogssenc;

/** Our bound on the blanket records kept per file (a real file has one or two: `hostnossl all all 0.0.0.0/0 reject`). */
const MAX_GUARDS = 100;

/** An earlier record that decides every unencrypted connection from its address, for all users. */
interface Guard {
  index: number;
  everyAddress: boolean;
  ip: { bytes: number[]; mask: number[] } | null;
  all: boolean;
  replication: boolean;
}

/**
 * Records matching unencrypted TCP connections for user `all` and database `all` and/or
 * `replication` from every address or an IP network: a record below them that they cover gets no
 * unencrypted connection (first match wins), so it is not a non-TLS path itself.
 */
function guards(hba: HbaFile): Guard[] {
  const out: Guard[] = [];
  for (const info of analyzeHba(hba).records) {
    const r = info.record;
    if ((CONN_STATES[r.connType] & PLAIN) === 0 || !info.allUsers || out.length >= MAX_GUARDS) continue;
    const a = r.address;
    if (a === null || !(a.kind === 'all' || ((a.kind === 'ipv4' || a.kind === 'ipv6') && a.bytes && a.mask))) continue;
    if (!info.allDatabases && !info.replication) continue;
    out.push({
      index: info.index,
      everyAddress: a.kind === 'all',
      ip: a.kind === 'all' ? null : { bytes: a.bytes!, mask: a.mask! },
      all: info.allDatabases,
      replication: info.replication,
    });
  }
  return out;
}

/** An earlier guard takes every unencrypted connection this record could match. */
function plainDecidedEarlier(info: HbaRecordInfo, list: readonly Guard[]): boolean {
  const a = info.record.address;
  if (a === null) return false;
  return list.some((g) => {
    if (g.index >= info.index) return false;
    const dbs = info.record.databases.every((d) => (d.kind === 'keyword' && d.value === 'replication' ? g.replication : g.all));
    if (!dbs) return false;
    if (g.everyAddress) return true;
    return (a.kind === 'ipv4' || a.kind === 'ipv6') && a.bytes !== null && a.mask !== null && ipCovers(g.ip!, { bytes: a.bytes, mask: a.mask });
  });
}

/** What the record leaves unencrypted, by connection type (ssl is on). */
function consequence(e: Exposure): string {
  const t = e.info.record.connType;
  if (t === 'hostnossl') {
    return 'hostnossl matches only connections without SSL, so these sessions are never encrypted: queries, results and anything the method sends cross the network in cleartext, readable and modifiable on the path';
  }
  return (
    `${t} matches connections with and without SSL, so TLS is the client's choice: a client with sslmode=disable, allow or prefer (prefer is libpq's default) ` +
    "connects unencrypted when asked to, or when someone on the path answers its SSL request with a refusal; queries and results then cross the network in cleartext"
  );
}

export default defineRule({
  name: 'hba-tls-not-required',
  severity: 'warning',
  category: 'security',
  precedence: 40,
  appliesTo: ['pg_hba.conf', 'postgresql.conf'],
  requires: ['pg_hba.conf', 'postgresql.conf'],
  docs: () => ({
    summary: 'A `host`, `hostnossl` or `hostnogssenc` record admits clients from beyond the server without TLS while the cluster has `ssl` on',
    why:
      'With `ssl = on` the server can encrypt every connection, but only `hostssl` records (and `hostgssenc`, ' +
      'encrypted with GSSAPI) require it. A `host` or `hostnogssenc` record matches connections with and without ' +
      'SSL, so encryption is left to the client: `sslmode=prefer`, libpq\'s default, falls back to an unencrypted ' +
      'session when the server (or anyone on the network path, who can answer the SSL request with a refusal) ' +
      'declines, and `sslmode=disable` or `allow` never asks. A `hostnossl` record matches only connections without ' +
      'SSL. Either way, queries, results and whatever the authentication method sends cross the network in ' +
      'cleartext, and a record that admits unencrypted clients from beyond the server is a non-TLS path however ' +
      'strong its method. When every remote record is like this, the cluster has no TLS-only path at all: each ' +
      'record gets its finding. Flagged: records that can match (reachable, no template placeholder) and are not ' +
      '`reject`, whose address reaches beyond the server (not loopback, `localhost` or `samehost`). Checked only when ' +
      'the cluster has both pg_hba.conf and postgresql.conf and `ssl` is on there (when it is off, ssl-disabled ' +
      'reports). A record also flagged by another hba rule yields one finding, the most severe, which names this ' +
      'concern after "; also".\n\n' +
      EXPOSURE_MODEL_DOC,
    invalid: [
      { 'postgresql.conf': 'ssl = on', 'pg_hba.conf': 'host    all   app   10.20.0.0/16   scram-sha-256' },
      { 'postgresql.conf': 'ssl = on', 'pg_hba.conf': 'hostnossl    all   app   10.20.0.0/16   scram-sha-256' },
    ],
    valid: [
      { 'postgresql.conf': 'ssl = on', 'pg_hba.conf': 'hostssl    all   app   10.20.0.0/16   scram-sha-256' },
      {
        'postgresql.conf': 'ssl = on',
        'pg_hba.conf': 'hostnossl  all   all   0.0.0.0/0      reject\nhost       all   app   10.20.0.0/16   scram-sha-256\nhost       all   all   127.0.0.1/32   scram-sha-256',
      },
    ],
    references: [
      'https://www.postgresql.org/docs/current/ssl-tcp.html',
      'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html',
      'https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-PROTECTION',
    ],
    versions: 'all; `hostgssenc`/`hostnogssenc` 12+',
  }),
  check(ctx) {
    const ssl = ctx.setting('ssl');
    const hba = ctx.cluster.hba;
    if (!hba || !ctx.cluster.conf || ssl?.value !== true) return;
    let list: Guard[] | undefined;
    for (const e of hbaExposures(ctx)) {
      if (e.strength === 'reject' || onServerOnly(e) || (e.channel !== 'either' && e.channel !== 'plain')) continue;
      if (plainDecidedEarlier(e.info, (list ??= guards(hba)))) continue;
      const r = e.info.record;
      ctx.report({
        loc: tokenLoc(r.connTypeToken),
        message: `TLS not required although ssl is on: ${e.text}; ${consequence(e)}`,
        help:
          r.connType === 'hostnossl'
            ? 'Use hostssl for remote clients (hostnossl with reject is the way to refuse unencrypted connections), and have clients connect with sslmode=verify-full.'
            : `Change ${r.connType} to hostssl for remote clients (add \`hostnossl all all 0.0.0.0/0 reject\` and \`hostnossl all all ::/0 reject\` above if records further down must not admit unencrypted connections), and have clients connect with sslmode=verify-full.`,
        ...(ssl.loc ? { related: [{ message: 'ssl is on here', loc: ssl.loc }] } : {}),
        group: { key: e.groupKey, concern: 'TLS available (ssl = on) but not required (hba-tls-not-required)' },
      });
    }
  },
});
