import { settingText } from '../src/analysis/required-setting.js';
import { lineAdding, listLoads, PRELOAD_PARAMS, preloadList } from '../src/analysis/preload.js';
import { tokenLoc } from '../src/analysis/hba.js';
import { defineRule } from '../src/linter/rule.js';

/** Methods whose secret is a password stored in (or checked against) pg_authid. */
const PASSWORD_METHODS = ['password', 'md5', 'scram-sha-256'];

export default defineRule({
  name: 'password-check-not-loaded',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'Neither passwordcheck nor credcheck is preloaded: nothing enforces password strength on CREATE/ALTER ROLE … PASSWORD',
    why:
      'PostgreSQL itself accepts any password in CREATE ROLE … PASSWORD and ALTER ROLE … PASSWORD, including ' +
      'one equal to the role name or a single character. A password-check module rejects weak ones when they ' +
      'are set: passwordcheck (shipped with PostgreSQL) or credcheck (length, character classes, reuse). Without ' +
      'one, a role with password, md5 or scram-sha-256 authentication can be given a password that falls to the ' +
      'first guesses of an attacker. Either module counts when it is in shared_preload_libraries, ' +
      'session_preload_libraries or local_preload_libraries (matched by file name: `$libdir/passwordcheck` and ' +
      '`passwordcheck.so` count). When the cluster\'s pg_hba.conf is in the repository and none of its records ' +
      'uses password, md5 or scram-sha-256 authentication, no password is used to log in and nothing is ' +
      'reported. A module can only judge a password sent in clear text: psql\'s \\password and most drivers ' +
      'send it already hashed, which passwordcheck cannot check (credcheck can refuse such passwords). A list ' +
      'with bad syntax is invalid-value\'s finding. Off by default; the `cis` profile turns it on (CIS 5.6).',
    invalid: ["shared_preload_libraries = 'pg_stat_statements'", { 'postgresql.conf': 'port = 5432', 'pg_hba.conf': 'host all all 10.0.0.0/8 scram-sha-256' }],
    valid: [
      "shared_preload_libraries = 'pg_stat_statements, passwordcheck'",
      "shared_preload_libraries = '$libdir/credcheck'",
      { 'postgresql.conf': 'port = 5432', 'pg_hba.conf': 'local all all peer\nhostssl all all 10.0.0.0/8 cert' },
    ],
    references: [
      'https://www.postgresql.org/docs/current/passwordcheck.html',
      'https://github.com/HexaCluster/credcheck',
      'https://www.postgresql.org/docs/current/sql-createrole.html',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const at = ctx.clusterLoc();
    const lists = PRELOAD_PARAMS.map((p) => preloadList(ctx, p));
    const spl = lists[0];
    if (!at || !spl || lists.some((l) => l?.elements === null)) return;
    if (lists.some((l) => listLoads(l, 'passwordcheck', 'credcheck'))) return;
    // Advice only where passwords are used to log in (as pgdsat's check): a pg_hba.conf in the
    // repository without any password method shows they are not.
    const hba = ctx.cluster.hba;
    const passwordRecord = hba?.lines.find((l) => l.record && PASSWORD_METHODS.includes(l.record.method))?.record;
    if (hba && !passwordRecord) return;
    ctx.report({
      loc: spl.setting.loc ?? at,
      message: `${settingText(spl.setting)} loads neither passwordcheck nor credcheck: CREATE/ALTER ROLE … PASSWORD accepts any password, however short or guessable`,
      help: `Load a password-check module (a restart is needed): ${lineAdding(spl, 'passwordcheck')} (shipped with PostgreSQL), or credcheck for configurable rules.`,
      ...(passwordRecord
        ? { related: [{ message: `this record authenticates with ${passwordRecord.method} passwords`, loc: tokenLoc(passwordRecord.methodToken) }] }
        : {}),
    });
  },
});
