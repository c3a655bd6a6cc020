import { defineRule } from '../src/linter/rule.js';
import { opt } from '../src/linter/options.js';
import { tokenLoc } from '../src/analysis/hba.js';
import { EXPOSURE_MODEL_DOC, SUPERUSERS, hbaExposures, superuserNames, superusersOption } from '../src/analysis/exposure.js';
import { boundQuote } from '../src/linter/redact.js';

export default defineRule({
  name: 'hba-local-trust',
  severity: 'info',
  category: 'security',
  precedence: 50,
  appliesTo: ['pg_hba.conf'],
  requires: ['pg_hba.conf'],
  options: {
    superusers: SUPERUSERS,
    anyRole: opt.boolean(false, 'Also flag trust records for named ordinary roles, `+groups`, `@files` and regular expressions, not only for all users or a superuser (the `cis` and `stig` profiles set it: their checks accept no `trust` on these records).'),
  },
  docs: () => ({
    summary: '`trust` on `local` (Unix socket) records and on loopback `host` records, for all users or a superuser',
    why:
      'On a `local` record, `trust` lets every operating-system user who can open the socket connect as any ' +
      'listed role without a password, the superuser included: on a shared host, any local account (a web ' +
      'application, a compromised service) becomes superuser. Many images and installers ship ' +
      '`local all all trust` for convenience; `peer` gives the same convenience to the operating-system user of the ' +
      'same name (`postgres` as `postgres`) and nobody else. A `host` record (any `host*` type) limited to the ' +
      'loopback interface (127.0.0.0/8, ::1, `localhost`) or to the server\'s own addresses (`samehost`) is the same ' +
      'exposure over TCP, without even the socket\'s file permissions: any process on the server connects as that ' +
      'role without a password, and in a container or a Kubernetes pod every sidecar and every process of every ' +
      'container sharing the network namespace shares the loopback interface. Information, since only processes on ' +
      'the server can connect. Flagged for the user `all` or a role of the option `superusers`; with the option ' +
      '`anyRole`, for every role (CIS 5.3 and 5.4, STIG V-233520 and V-233612 want no `trust` at all). ' +
      'Not flagged: `peer`, any other method, records that can never match, and `trust` with `clientcert` ' +
      '(a client certificate is then required). `trust` on `samehost` is also reported by hba-trust-remote (error, ' +
      'its documented scope): the record yields one finding, hba-trust-remote\'s, which names this concern; turn ' +
      'hba-trust-remote off and this rule reports it. `trust` on a network beyond the server is hba-trust-remote.\n\n' +
      EXPOSURE_MODEL_DOC,
    invalid: ['local   all   all   trust', 'host    all   postgres   127.0.0.1/32   trust'],
    valid: [
      'local   all   all   peer',
      'local   all   app   trust',
      'host    all   app   127.0.0.1/32   trust',
      'host    all   all   127.0.0.1/32   scram-sha-256',
    ],
    references: [
      'https://www.postgresql.org/docs/current/auth-trust.html',
      'https://www.postgresql.org/docs/current/auth-peer.html',
      'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const superusers = superusersOption(ctx.options);
    const anyRole = ctx.options.anyRole === true;
    for (const e of hbaExposures(ctx)) {
      const r = e.info.record;
      if (r.method !== 'trust') continue;
      const local = e.reach === 'local';
      // On loopback: trust with clientcert is certificate authentication (strength is then not 'none').
      if (!local && !((e.reach === 'loopback' || e.reach === 'samehost') && e.strength === 'none')) continue;
      const names = superuserNames(e, superusers);
      if (!e.info.allUsers && names.length === 0 && !anyRole) continue;
      const ordinary = !e.info.allUsers && r.users.some((u) => !(u.kind === 'literal' && superusers.includes(u.value)));
      const who = e.info.allUsers
        ? 'any role, superusers included,'
        : anyRole && ordinary
          ? names.length
            ? `any of these roles (superuser ${names.map((n) => boundQuote(n.value)).join(', ')} included)`
            : 'any of these roles'
          : `superuser ${names.map((n) => boundQuote(n.value)).join(', ')}`;
      ctx.report({
        loc: tokenLoc(r.methodToken),
        message: local
          ? `trust on the local socket: ${e.text}; any operating-system user on the server who can open the socket connects as ${who} without a password`
          : `trust on a record only the server itself can reach: ${e.text}; any process on the server (in a container or pod: every container sharing its network namespace) connects as ${who} without a password`,
        help: local
          ? 'Use peer (the operating-system user of the same name) for local connections, or scram-sha-256.'
          : 'Use scram-sha-256 for TCP connections from the server itself, or connect through the local socket with peer.',
        group: { key: e.groupKey, concern: local ? 'trust on the local socket (hba-local-trust)' : 'trust from the server itself (hba-local-trust)' },
      });
    }
  },
});
