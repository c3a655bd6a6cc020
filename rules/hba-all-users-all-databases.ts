import { defineRule } from '../src/linter/rule.js';
import { tokenLoc } from '../src/analysis/hba.js';
import { EXPOSURE_MODEL_DOC, hbaExposures, onServerOnly } from '../src/analysis/exposure.js';

export default defineRule({
  name: 'hba-all-users-all-databases',
  severity: 'info',
  category: 'security',
  precedence: 20,
  appliesTo: ['pg_hba.conf'],
  requires: ['pg_hba.conf'],
  docs: () => ({
    summary: 'A TCP record beyond the server itself that admits every role (`all`) to every database (`all`)',
    why:
      'A `host*` record with `all` in both the database and the user column lets any role, whatever it is for, try ' +
      'to reach any database from that network: a reporting account can open the payroll database, a leaked ' +
      'application password works against every database, and a role created later for local use only is reachable ' +
      'from the network the moment it gets a password. Listing the databases and roles that really connect from ' +
      'there (`host sales app_sales 10.20.0.0/16 scram-sha-256`, or `+group` roles) keeps pg_hba.conf the place where ' +
      'access is decided. Information: authentication still applies. Flagged only on records reaching beyond the ' +
      'server: not on `local` records (`local all all peer` is PostgreSQL\'s own default), not on loopback or ' +
      '`samehost` records (initdb writes `host all all 127.0.0.1/32`), never on `reject` records (an all/all reject ' +
      'is how a file closes). `sameuser`, `samerole` and `replication` are not `all`. This is go_hba_rules\' ' +
      'allDbAllUser and CIS 5.10; pgdsat flags `all` in either column on every TCP record, loopback included — this ' +
      'rule flags `all` in both, on network records only (one column being specific already scopes the record). ' +
      'A record that another hba rule reports (open to every address, trust, md5, …) yields that one finding, ' +
      'which names this concern.\n\n' +
      EXPOSURE_MODEL_DOC,
    invalid: ['host    all   all   10.20.0.0/16   scram-sha-256', 'hostssl    all   all   samenet   cert'],
    valid: [
      'local   all   all   peer',
      'host    all   all   127.0.0.1/32   scram-sha-256',
      'host    all   all   10.20.0.0/16   reject',
      'host    sales   all   10.20.0.0/16   scram-sha-256',
      'host    all   app   10.20.0.0/16   scram-sha-256',
      'host    sameuser   all   10.20.0.0/16   scram-sha-256',
    ],
    references: ['https://www.postgresql.org/docs/current/auth-pg-hba-conf.html'],
    versions: 'all',
  }),
  check(ctx) {
    for (const e of hbaExposures(ctx)) {
      const r = e.info.record;
      if (e.reach === 'local' || onServerOnly(e) || e.strength === 'reject' || !e.info.allDatabases || !e.info.allUsers) continue;
      const db = r.databases.find((d) => d.kind === 'keyword' && d.value === 'all') ?? r.databases[0]!;
      ctx.report({
        loc: tokenLoc(db.token),
        message: `every role to every database: ${e.text}; any role, whatever it is for, can try any database from there`,
        help: 'List the databases and roles that really connect from this network (e.g. "host sales app_sales 10.20.0.0/16 scram-sha-256", or a +group role).',
        group: { key: e.groupKey, concern: 'every role to every database (hba-all-users-all-databases)' },
      });
    }
  },
});
