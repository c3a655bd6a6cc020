import { defineRule } from '../src/linter/rule.js';
import { ALLOWED_NETWORKS, allowedNetworksOption, insideNetworks, tokenLoc } from '../src/analysis/hba.js';
import { EXPOSURE_MODEL_DOC, SUPERUSERS, hbaExposures, onServerOnly, superuserNames, superusersOption } from '../src/analysis/exposure.js';
import { boundQuote } from '../src/linter/redact.js';

export default defineRule({
  name: 'hba-superuser-remote',
  severity: 'warning',
  category: 'security',
  precedence: 60,
  appliesTo: ['pg_hba.conf'],
  requires: ['pg_hba.conf'],
  options: { superusers: SUPERUSERS, allowedNetworks: ALLOWED_NETWORKS },
  docs: () => ({
    summary: 'A superuser may log in over TCP from beyond the loopback interface',
    why:
      'A superuser bypasses every permission check, can read every table and password hash, and can run ' +
      'programs on the server as the operating-system user (`COPY … TO PROGRAM`). Whoever guesses, sniffs or ' +
      'steals its credentials from the network owns the server, so administrators usually allow superusers only ' +
      'over the local socket (`peer`) or loopback, and give applications and remote administrators roles of ' +
      'their own. This rule flags a reachable `host*` record that is not `reject`, that names a superuser in its ' +
      'user column (the option `superusers`, default `postgres`; also through an `@file`), and whose address is ' +
      'more than loopback or `samehost`. It is an error from every address or with a weak method (trust, ident, ' +
      'a cleartext password or md5 on a record that does not require SSL), otherwise a warning. A record for ' +
      '`all` users or a `+group` admits superusers too, but names none: its exposure is judged by the other hba ' +
      'rules, since this one cannot know who the superusers in a group are.\n\n' +
      EXPOSURE_MODEL_DOC,
    invalid: ['host    all   postgres   10.20.0.0/16   scram-sha-256'],
    valid: [
      'local   all   postgres   peer',
      'host    all   postgres   127.0.0.1/32   scram-sha-256',
      'host    all   postgres   10.20.0.0/16   reject',
      'host    all   app   10.20.0.0/16   scram-sha-256',
    ],
    references: [
      'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html',
      'https://www.postgresql.org/docs/current/role-attributes.html',
      'https://www.postgresql.org/docs/current/sql-copy.html',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const superusers = superusersOption(ctx.options);
    const allowed = allowedNetworksOption(ctx.options);
    for (const e of hbaExposures(ctx)) {
      if (e.strength === 'reject' || onServerOnly(e) || insideNetworks(e.info, allowed)) continue;
      const names = superuserNames(e, superusers);
      const first = names[0];
      if (!first) continue;
      const world = e.reach === 'world';
      const where = world ? 'from every address' : 'from beyond the loopback interface';
      const how = e.weak ? ` with a weak method (${e.info.record.method})` : '';
      const who = names.map((n) => boundQuote(n.value)).join(', ');
      ctx.report({
        loc: tokenLoc(first.token),
        message:
          `superuser ${who} may log in over TCP ${where}${how}: ${e.text}; ` +
          'whoever obtains its credentials there can read every table and run programs on the server',
        help:
          'Let the superuser in only over the local socket (local all postgres peer) or loopback, and give remote administrators and applications roles of their own.',
        ...(world || e.weak ? { severity: 'error' as const } : {}),
        group: { key: e.groupKey, concern: `a superuser (${who}) over TCP (hba-superuser-remote)` },
      });
    }
  },
});
