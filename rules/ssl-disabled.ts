import { defineRule } from '../src/linter/rule.js';
import { opt } from '../src/linter/options.js';
import { boundQuote } from '../src/linter/redact.js';
import { recordRef } from '../src/analysis/hba.js';
import { hbaExposures, listenReach } from '../src/analysis/exposure.js';

export default defineRule({
  name: 'ssl-disabled',
  severity: 'warning',
  category: 'security',
  precedence: 70,
  appliesTo: ['postgresql.conf', 'pg_hba.conf'],
  options: {
    always: opt.boolean(false, 'Flag `ssl` off whenever the cluster has a postgresql.conf, also without pg_hba.conf or when its host records admit only loopback clients.'),
  },
  docs: () => ({
    summary: '`ssl` is off while pg_hba.conf accepts host connections from beyond the loopback interface',
    why:
      'Without SSL, every query and every result crosses the network in cleartext, readable and modifiable by ' +
      'anyone on the path, and so do the credentials: the password itself with `password`, an MD5 response that ' +
      'can be brute-forced offline with `md5`. ' +
      '`ssl` is off by default. Checked only when the cluster has both postgresql.conf and pg_hba.conf, and only ' +
      'when a `host`, `hostnossl` or `hostnogssenc` record that can match (reachable, not `reject`, no template ' +
      'placeholder) accepts more than loopback addresses, and `listen_addresses` lets such clients connect (not ' +
      'when it names only `localhost`, 127.x.x.x or `::1`, the default, or nothing). With the option `always`, ssl off is flagged whenever the ' +
      'cluster has a postgresql.conf (the `cis` profile sets it: CIS 6.8 wants TLS enabled whatever pg_hba.conf ' +
      'admits today, so that hostssl records can be added and clients can require TLS).',
    invalid: [{ 'postgresql.conf': "ssl = off\nlisten_addresses = '*'", 'pg_hba.conf': 'host    all   app   10.20.0.0/16   scram-sha-256' }],
    valid: [
      { 'postgresql.conf': "ssl = on\nlisten_addresses = '*'", 'pg_hba.conf': 'host    all   app   10.20.0.0/16   scram-sha-256' },
      { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'host    all   app   10.20.0.0/16   scram-sha-256' },
      { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'host    all   all   127.0.0.1/32   scram-sha-256' },
    ],
    references: [
      'https://www.postgresql.org/docs/current/ssl-tcp.html',
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SSL',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const hba = ctx.cluster.hba;
    const ssl = ctx.setting('ssl');
    const always = ctx.options.always === true;
    if ((!hba && !always) || !ctx.cluster.conf || !ssl || ssl.value !== false) return;
    // A server that listens only on loopback (or on no TCP address) takes no client from beyond it.
    const listen = ctx.setting('listen_addresses');
    const onlyHere = typeof listen?.value === 'string' && listenReach(listen.value) !== 'beyond';
    const listenText = listen?.isDefault ? `'${String(listen.value)}', the default` : boundQuote(listen?.assignment?.line.raw ?? String(listen?.value));
    const open = onlyHere ? [] : hbaExposures(ctx)
      .filter((e) => e.channel === 'plain' && e.strength !== 'reject' && e.reach !== 'loopback' && e.info.record.connType !== 'hostgssenc')
      .map((e) => e.info);
    const first = open[0];
    if (!first) {
      const at = ssl.lineLoc ?? ctx.clusterLoc();
      if (!always || !at) return;
      ctx.report({
        loc: at,
        message:
          `${ssl.isDefault ? 'ssl is off (not set, and the default is off)' : 'ssl is off'}: no TCP connection can be encrypted and no hostssl record can match; ` +
          (onlyHere
            ? `the server listens only on the loopback interface today (listen_addresses = ${listenText}), but a client from beyond it, once listened to, sends queries, results and credentials in cleartext`
            : hba
              ? 'pg_hba.conf admits no unencrypted TCP client from beyond the server today, but one admitted later sends queries, results and credentials in cleartext'
              : 'every client that connects over the network sends queries, results and credentials in cleartext'),
        help: 'Set ssl = on with ssl_cert_file and ssl_key_file, and use hostssl records for clients beyond the server.',
      });
      return;
    }
    const loc = ssl.lineLoc ?? ctx.clusterLoc() ?? first.loc;
    const more = open.length > 1 ? ` (and ${open.length - 1} more such records)` : '';
    ctx.report({
      loc,
      message:
        `${ssl.isDefault ? 'ssl is off (not set, and the default is off)' : 'ssl is off'} while ${recordRef(first)} accepts ` +
        `unencrypted connections: ${first.exposure}${more}; queries, results and credentials cross the network in cleartext`,
      help: 'Set ssl = on with ssl_cert_file and ssl_key_file (and prefer hostssl records), or limit host records to 127.0.0.1/32 and ::1/128.',
      related: open.slice(0, 5).map((r) => ({ message: 'accepts connections without SSL', loc: r.loc })),
    });
  },
});
