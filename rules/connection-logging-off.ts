import { foldName } from '../src/catalog/catalog.js';
import { splitIdentifierString } from '../src/catalog/hooks.js';
import { defineRule } from '../src/linter/rule.js';
import type { SettingView } from '../src/linter/settings.js';
import { settingLoc, settingText } from '../src/analysis/logging.js';

/** What log_connections = on logs, as aspects (PostgreSQL 18 check_log_connections). */
const ON_ASPECTS = ['receipt', 'authentication', 'authorization'] as const;
type Aspect = (typeof ON_ASPECTS)[number];

const WHAT: Record<Aspect, string> = {
  receipt: 'connection attempts and the client address they came from',
  authentication: 'the identity each client authenticated as and the method',
  authorization: 'the role and database each session was granted',
};

/**
 * The aspects of a log_connections value that `on` covers and the value leaves out: all of them
 * for off (a boolean before 18; '' or a boolean spelling of off from 18), none for on.
 */
function missingAspects(s: SettingView): Aspect[] {
  if (typeof s.value === 'boolean') return s.value ? [] : [...ON_ASPECTS];
  const list = splitIdentifierString(String(s.value));
  if (list === null) return []; // rejected by the server: invalid-value reports it, the default applies
  const words = list.map(foldName);
  if (words.length === 0 || ['off', 'false', 'no', '0'].includes(words[0]!)) return [...ON_ASPECTS];
  if (['on', 'true', 'yes', '1'].includes(words[0]!) || words.includes('all')) return [];
  return ON_ASPECTS.filter((a) => !words.includes(a));
}

export default defineRule({
  name: 'connection-logging-off',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'log_connections or log_disconnections is off (absent means off): the log does not show who connected, from where, to which database, and for how long',
    why:
      'A failed login is logged whatever these settings say (it is a FATAL error), but a successful one is not: ' +
      'without log_connections the server log has no line saying which role connected to which database from ' +
      'which client address, and without log_disconnections none saying when the session ended and how long it ' +
      'lasted. After an incident, that is the record an investigation starts from: a stolen password that works ' +
      'leaves no trace. Both are off by default. PostgreSQL 18 made log_connections a list of aspects ' +
      "(`receipt`, `authentication`, `authorization`, `setup_durations`, or `all`; `''` logs nothing, and the " +
      'old `on` still means `receipt,authentication,authorization`); from 18 a list that leaves out one of the ' +
      'three aspects `on` logs is reported too, naming what is missing. One finding per setting: at its value ' +
      "when a file sets it, at the start of postgresql.conf when it is absent (one finding naming both when both " +
      'are absent). The two settings write a line per connection: on a server with very many short ' +
      'connections, use a connection pooler rather than turning them off. Off by default; the `cis` profile ' +
      'turns it on (CIS 3.1.20, 3.1.21, and the log_connections / log_disconnections part of 6.2).',
    invalid: ['log_connections = on\nlog_disconnections = off', 'log_connections = off\nlog_disconnections = on'],
    valid: ['log_connections = on\nlog_disconnections = on', "log_connections = 'all'\nlog_disconnections = on"],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-CONNECTIONS',
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-DISCONNECTIONS',
      'https://www.postgresql.org/docs/18/release-18.html (log_connections became a list)',
      'https://github.com/postgres/postgres/blob/REL_18_STABLE/src/backend/tcop/backend_startup.c (check_log_connections)',
    ],
    versions: 'all; from 18 log_connections is a list of aspects (receipt, authentication, authorization, setup_durations, all)',
  }),
  check(ctx) {
    const conn = ctx.setting('log_connections');
    const disc = ctx.setting('log_disconnections');
    const connMissing = conn ? missingAspects(conn) : [];
    const discOff = disc?.value === false;
    const list18 = ctx.major >= 18;
    const connHelp = list18
      ? "Set log_connections = 'receipt,authentication,authorization' (what on means; 'all' adds setup_durations)."
      : 'Set log_connections = on.';

    // Both absent: one finding at the start of postgresql.conf naming both.
    if (conn?.isDefault && disc?.isDefault && connMissing.length && discOff) {
      const loc = ctx.clusterLoc();
      if (!loc) return;
      ctx.report({
        loc,
        message:
          `log_connections and log_disconnections are not set (the defaults are ${list18 ? "'' and off" : 'off'}): ` +
          'neither successful connections nor session ends are logged — the log cannot show who connected to which ' +
          'database, from which address, and for how long',
        help: `${connHelp.replace(/\.$/, '')} and log_disconnections = on.`,
      });
      return;
    }

    if (conn && connMissing.length) {
      const loc = settingLoc(ctx, conn);
      if (loc) {
        const all = connMissing.length === ON_ASPECTS.length;
        const shown = conn.isDefault && list18 ? "''" : undefined;
        ctx.report({
          loc,
          message: all
            ? `${settingText(conn, shown)}: successful connections are not logged — the log cannot show who connected to which database, from which address, and when`
            : `${settingText(conn, shown)} does not log ${connMissing.map((a) => `${WHAT[a]} (${a})`).join(' or ')}, which log_connections = on logs`,
          help: connHelp,
        });
      }
    }
    if (disc && discOff) {
      const loc = settingLoc(ctx, disc);
      if (loc) {
        ctx.report({
          loc,
          message: `${settingText(disc)}: session ends are not logged — the log cannot show when a session ended or how long it lasted`,
          help: 'Set log_disconnections = on (each session end is logged with its user, database, client address and duration).',
        });
      }
    }
  },
});
