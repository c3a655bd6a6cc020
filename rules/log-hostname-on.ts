import { defineRule } from '../src/linter/rule.js';

export default defineRule({
  name: 'log-hostname-on',
  severity: 'info',
  category: 'maintenance',
  tags: ['performance'],
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'log_hostname is on: every TCP connection waits for a reverse DNS lookup of the client address',
    why:
      'With log_hostname = on, each new TCP connection resolves the client address to a host name before it is ' +
      'served, so that %h in log_line_prefix, connection logging and pg_stat_activity.client_hostname show the ' +
      'name. Every login pays the lookup; a slow or unreachable DNS server delays every login by the resolver ' +
      'timeout (the lookup runs before the startup timeout is armed, so authentication_timeout does not cut it short), and a name in the log is only what the PTR record of the address says — which whoever controls ' +
      'the reverse zone decides — while the address itself is logged anyway. Unix-socket connections are not ' +
      'affected.\n\n' +
      'The anchors disagree: the CIS PostgreSQL Benchmark wants log_hostname off (3.1.23; pgdsat fails `on`), ' +
      "while the PostgreSQL STIG (V-233591: its check wants SHOW log_hostname to be on) and Checkov's CKV_GCP_108 " +
      '(from the CIS Google Cloud benchmark for Cloud SQL) want it on, for host names in incident response where ' +
      'addresses are dynamic. Neither is wrong for every site, so the default profile says nothing; the `cis` ' +
      'profile decides for off, and the `stig` profile does not run this rule. Off by default; the `cis` profile ' +
      'turns it on (CIS 3.1.23).',
    invalid: ['log_hostname = on'],
    valid: ['log_hostname = off', 'log_connections = on'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-HOSTNAME',
      'https://github.com/postgres/postgres/blob/master/src/backend/tcop/backend_startup.c (BackendInitialize: the lookup runs before the startup timeout is armed; postmaster.c before 17)',
      'https://github.com/HexaCluster/pgdsat (check 3.1.23)',
    ],
    versions: 'all (log_hostname exists in every supported major; its default is off)',
  }),
  check(ctx) {
    const s = ctx.setting('log_hostname');
    if (!s?.loc || s.value !== true) return;
    ctx.report({
      loc: s.loc,
      message:
        `log_hostname = ${s.assignment?.line.raw ?? 'on'}: every TCP connection waits for a reverse DNS lookup of the client address ` +
        'before it is served — slow or failing DNS delays every login — and the logged name is only what the reverse zone claims',
      help: 'Set log_hostname = off; the client address is logged either way (%h, %r in log_line_prefix, log_connections).',
    });
  },
});
