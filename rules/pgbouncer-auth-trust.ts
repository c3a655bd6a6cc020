import { defineRule } from '../src/linter/rule.js';
import { classifyRange } from '../src/analysis/exposure.js';
import { boundQuote } from '../src/linter/redact.js';
import { listenWords, pgbouncerListen } from '../src/parse/pgbouncer.js';
import { pgbouncerSetting } from '../src/parse/pgbouncer-ini.js';
import type { PgbHbaRecord } from '../src/parse/pgbouncer-hba.js';
import type { Severity } from '../src/types.js';

/** A pgbouncer hba record's address: loopback only, or the words for where else it admits clients. */
function recordReach(r: PgbHbaRecord): { loopback: true } | { loopback: false; words: string; severity: Severity } {
  const a = r.address;
  if (!a) return { loopback: true };
  if (a.all) return { loopback: false, words: 'from every address (all)', severity: 'error' };
  const loop4 = a.bytes.length === 4 && a.bytes[0] === 127 && a.mask[0] === 255;
  const loop6 = a.bytes.length === 16 && a.bytes.slice(0, 15).every((b) => b === 0) && a.bytes[15] === 1 && a.mask.every((m) => m === 255);
  if (loop4 || loop6) return { loopback: true };
  const written = a.maskToken ? `${a.token.text} ${a.maskToken.text}` : a.token.text;
  const { reach } = classifyRange({ bytes: a.bytes, mask: a.mask }, written);
  return { loopback: false, words: `from ${boundQuote(written, 60)}`, severity: reach === 'private' ? 'warning' : 'error' };
}

const allOf = (names: PgbHbaRecord['users']): boolean => names.some((n) => n.keyword && n.text === 'all');

/** A record for all databases and all users over TCP: the only kind that can hide a later record whatever it names. */
const catchAll = (b: PgbHbaRecord): boolean => allOf(b.databases) && allOf(b.users) && b.type !== 'local' && b.address !== null;

/** An earlier catch-all record takes every connection this one could match (a covering address and type). */
function shadowed(r: PgbHbaRecord, before: readonly PgbHbaRecord[]): boolean {
  return before.some((b) => {
    if (b.type !== 'host' && b.type !== r.type) return false;
    const a = b.address;
    const x = r.address;
    if (!a || !x) return false;
    if (a.all) return true;
    if (x.all || a.bytes.length !== x.bytes.length) return false;
    return a.mask.every((m, i) => (m & x.mask[i]!) === m && ((a.bytes[i]! ^ x.bytes[i]!) & m) === 0);
  });
}

/** Catch-all records kept for the shadow check: a bound on its cost in a crafted file (past it, fewer records count as hidden). */
const MAX_CATCH_ALLS = 256;

export default defineRule({
  name: 'pgbouncer-auth-trust',
  severity: 'error',
  category: 'security',
  appliesTo: ['pgbouncer.ini'],
  requires: ['pgbouncer.ini'],
  docs: () => ({
    summary: 'pgbouncer lets clients in without a password: auth_type = trust or any, or a trust record of its auth_hba_file',
    why:
      'With `auth_type = trust` pgbouncer asks no password: whoever reaches it names any user of its auth_file and is ' +
      'logged in to PostgreSQL with that user\'s stored credentials. With `any` the user name is not even checked (every ' +
      'database needs a forced `user=`). Whoever reaches it also reaches the admin console as the `admin_users` and can ' +
      'PAUSE, KILL or SHUTDOWN the pooler. The severity follows `listen_addr`: an error when pgbouncer listens on the ' +
      'network (`*`, `0.0.0.0` or any non-loopback address), a warning when it listens only on loopback addresses or ' +
      'only on its Unix-domain socket (whose default mode, 0777, lets every local user in). With `auth_type = hba`, ' +
      'the `trust` records of its auth_hba_file (read as pgbouncer reads it) that admit clients from beyond loopback ' +
      'are reported when pgbouncer listens on the network: an error for every address or public space, a warning for ' +
      'private space. When an `%include` (which is not followed) may set auth_type or listen_addr, nothing is said.',
    invalid: [
      '[pgbouncer]\nlisten_addr = *\nauth_type = trust\nauth_file = /etc/pgbouncer/userlist.txt\n',
      '[pgbouncer]\nlisten_addr = 127.0.0.1\nauth_type = any\n',
    ],
    valid: ['[pgbouncer]\nlisten_addr = *\nauth_type = scram-sha-256\nauth_file = /etc/pgbouncer/userlist.txt\n', '[pgbouncer]\nlisten_addr = *\n'],
    references: ['https://www.pgbouncer.org/config.html#auth_type', 'https://www.pgbouncer.org/config.html#authentication-settings', 'https://github.com/pgbouncer/pgbouncer/blob/master/src/hba.c'],
    versions: 'all pgbouncer versions (any PostgreSQL major)',
  }),
  check(ctx) {
    const pgb = ctx.cluster.pgbouncer;
    if (!pgb) return;
    const ini = pgb.ini;
    const file = ini.file.path;
    const auth = pgbouncerSetting(ini, 'auth_type')!;
    const listen = pgbouncerListen(ini);
    if (!auth.entry || !auth.certain || listen.kind === 'unknown') return;
    const type = auth.value.toLowerCase();
    const admins = pgbouncerSetting(ini, 'admin_users')!;
    const adminWords = admins.entry && admins.value.trim() !== '' ? `, the admin console included (admin_users = ${boundQuote(admins.value, 60)}: PAUSE, KILL, SHUTDOWN)` : '';
    if (type === 'trust' || type === 'any') {
      const who = type === 'trust' ? 'as any user of its auth_file, without a password' : 'without a password and whatever user name it gives (auth_type = any ignores it)';
      ctx.report({
        loc: { file, start: auth.entry.valueStart, end: auth.entry.valueEnd },
        severity: listen.kind === 'network' ? 'error' : 'warning',
        message: `auth_type = ${type}: anyone who reaches pgbouncer on ${listenWords(listen)} is logged in ${who}${adminWords}`,
        help: 'Set auth_type = scram-sha-256 (with SCRAM secrets in auth_file or auth_query), or hba with an auth_hba_file that trusts no network.',
      });
      return;
    }
    const hba = pgb.hba;
    if (type !== 'hba' || !hba || listen.kind !== 'network') return;
    const before: PgbHbaRecord[] = [];
    for (const r of hba.records) {
      const covered = r.type !== 'local' && shadowed(r, before);
      // A catch-all that an earlier one covers adds nothing to the list.
      if (!covered && catchAll(r) && before.length < MAX_CATCH_ALLS) before.push(r);
      if (covered || r.method !== 'trust' || r.type === 'local') continue;
      const reach = recordReach(r);
      if (reach.loopback) continue;
      ctx.report({
        loc: { file: hba.file.path, start: r.methodToken.start, end: r.methodToken.end },
        severity: reach.severity,
        message: `trust in pgbouncer's auth_hba_file: clients ${reach.words} are logged in without a password (pgbouncer listens on ${listenWords(listen)})`,
        help: 'Use scram-sha-256 (or cert) for this record, or narrow its address to the hosts that need it.',
      });
    }
  },
});
