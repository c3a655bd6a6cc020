import { defineRule, type RuleDocs } from '../src/linter/rule.js';
import { boundQuote } from '../src/linter/redact.js';
import { isLocalHost } from '../src/parse/pgbouncer.js';
import { atoi, cIntValue, connValue, isTemplated, pgbouncerSetting, type PgbouncerIni } from '../src/parse/pgbouncer-ini.js';
import type { Loc } from '../src/types.js';

/** A [pgbouncer] integer as pgbouncer runs with it, or undefined when it is not known from the file. */
function intSetting(ini: PgbouncerIni, name: string): number | undefined {
  const s = pgbouncerSetting(ini, name);
  if (!s || !s.certain || isTemplated(s.value)) return undefined;
  return cIntValue(s.value);
}

export default defineRule({
  name: 'pgbouncer-pool-exceeds-max-connections',
  severity: 'warning',
  category: 'durability',
  appliesTo: ['pgbouncer.ini'],
  requires: ['pgbouncer.ini', 'postgresql.conf'],
  docs: (): RuleDocs => ({
    summary: "pgbouncer's pools can open more connections to the server beside it than its max_connections",
    why:
      'pgbouncer opens up to `pool_size` (else `default_pool_size`, 20) plus `reserve_pool_size` server connections ' +
      'for each database and user pair, capped by `max_db_connections` and `max_user_connections`, and never more ' +
      'than it has clients (`max_client_conn`). When the PostgreSQL server whose postgresql.conf is in the same ' +
      'directory cannot take that many (`max_connections`), pgbouncer\'s logins fail under load with "sorry, too ' +
      'many clients already" and clients wait or fail. Only sure counts are made: the [databases] entries that ' +
      'reach this server (no host, a socket directory, localhost or loopback, and its port), one pool per entry ' +
      '(an entry without a forced user can have more: the count is a lower bound), and nothing is said when a value ' +
      'is a template, an `%include` may change one, or a [users] section may set other limits.',
    invalid: [
      {
        'postgresql.conf': 'max_connections = 50\n',
        'pgbouncer.ini': '[databases]\napp = host=127.0.0.1 dbname=app user=app\nreports = host=127.0.0.1 dbname=reports user=reports\n\n[pgbouncer]\ndefault_pool_size = 30\nmax_client_conn = 500\n',
      },
    ],
    valid: [
      {
        'postgresql.conf': 'max_connections = 100\n',
        'pgbouncer.ini': '[databases]\napp = host=127.0.0.1 dbname=app user=app\nreports = host=127.0.0.1 dbname=reports user=reports\n\n[pgbouncer]\ndefault_pool_size = 30\nmax_client_conn = 500\n',
      },
      { 'pgbouncer.ini': '[databases]\napp = host=127.0.0.1 dbname=app\n\n[pgbouncer]\ndefault_pool_size = 300\n' },
    ],
    references: ['https://www.pgbouncer.org/config.html#default_pool_size', 'https://www.pgbouncer.org/config.html#max_db_connections', 'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-MAX-CONNECTIONS'],
    versions: 'all pgbouncer versions; PostgreSQL 10–18',
  }),
  check(ctx) {
    const pgb = ctx.cluster.pgbouncer;
    if (!pgb || !ctx.cluster.conf) return;
    const ini = pgb.ini;
    if (ini.entries.some((e) => e.section === 'users')) return;
    const maxConn = ctx.setting('max_connections');
    const port = ctx.setting('port');
    if (typeof maxConn?.value !== 'number' || typeof port?.value !== 'number') return;
    const defPool = intSetting(ini, 'default_pool_size');
    const defReserve = intSetting(ini, 'reserve_pool_size');
    const maxDb = intSetting(ini, 'max_db_connections');
    const maxUser = intSetting(ini, 'max_user_connections');
    const maxClient = intSetting(ini, 'max_client_conn');
    if (defPool === undefined || defReserve === undefined || maxDb === undefined || maxUser === undefined || maxClient === undefined) return;
    const byUser = new Map<string, number>();
    let free = 0;
    const counted: string[] = [];
    for (const db of ini.databases) {
      if (db.error !== undefined || db.pairs.some((p) => isTemplated(p.value) || isTemplated(p.key))) return;
      const host = connValue(db, 'host');
      if (host && !host.value.split(',').every(isLocalHost)) continue;
      const dbPort = connValue(db, 'port');
      if ((dbPort ? atoi(dbPort.value) : 5432) !== port.value) continue;
      const num = (key: string, fallback: number): number => {
        const p = connValue(db, key);
        return p ? atoi(p.value) : fallback;
      };
      const pool = num('pool_size', -1);
      const reserve = connValue(db, 'reserve_pool_size') ?? connValue(db, 'reserve_pool');
      const dbMax = num('max_db_connections', -1);
      // loader.c: -1 means "not set here" (the global value applies); 0 limits nothing.
      let n = (pool >= 0 ? pool : defPool) + (reserve ? atoi(reserve.value) : defReserve);
      const capDb = dbMax >= 0 ? dbMax : maxDb;
      if (capDb > 0) n = Math.min(n, capDb);
      if (n <= 0) continue;
      counted.push(db.name);
      const user = connValue(db, 'user');
      if (user) byUser.set(user.value, (byUser.get(user.value) ?? 0) + n);
      else free += maxUser > 0 ? Math.min(n, maxUser) : n;
    }
    let total = free;
    for (const n of byUser.values()) total += maxUser > 0 ? Math.min(n, maxUser) : n;
    if (maxClient > 0) total = Math.min(total, maxClient);
    if (total <= maxConn.value) return;
    const poolEntry = ini.settings.get('default_pool_size');
    const first = ini.databases.find((d) => d.name === counted[0])!;
    const loc: Loc = poolEntry ? { file: ini.file.path, start: poolEntry.valueStart, end: poolEntry.valueEnd } : { file: ini.file.path, start: first.entry.keyStart, end: first.entry.keyEnd };
    const names = counted.slice(0, 3).map((n) => boundQuote(n, 30)).join(', ') + (counted.length > 3 ? ` and ${counted.length - 3} more` : '');
    ctx.report({
      loc,
      message: `pgbouncer can open at least ${total} connections to the server beside it (the pools of ${names}), more than its max_connections (${maxConn.value}): under load its logins fail with "sorry, too many clients already"`,
      help: 'Lower default_pool_size / pool_size, or cap them with max_db_connections, so that every pool fits in max_connections with room for the server\'s own reserved and direct connections; or raise max_connections.',
      ...(maxConn.loc ? { related: [{ message: `max_connections = ${maxConn.value}`, loc: maxConn.loc }] } : {}),
    });
  },
});
