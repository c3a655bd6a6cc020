import { defineRule } from '../src/linter/rule.js';
import { opt } from '../src/linter/options.js';
import type { SettingView } from '../src/linter/settings.js';
import { parseGucValue } from '../src/catalog/values.js';
import type { Catalog } from '../src/catalog/types.js';

/** pg_settings.category of the parameters meant for developing and testing PostgreSQL itself. */
const DEVELOPER_CATEGORY = 'Developer Options';

/**
 * Developer options left out: turning them off only stops JIT from compiling that part of a
 * query (the query runs interpreted, as with jit = off); no data, security or availability is at
 * stake, and they are a known way to work around a JIT problem in production.
 */
const EXCLUDED = new Set(['jit_expressions', 'jit_tuple_deforming']);

/** The plan-tree dumps (category "What to Log"): flagged when on. */
const DEBUG_PRINT = ['debug_print_parse', 'debug_print_rewritten', 'debug_print_plan'];

/** What a non-default value of each parameter leads to. Others get a generic consequence. */
const LEADS_TO: Record<string, string> = {
  zero_damaged_pages:
    'a page whose header is damaged is zeroed in memory instead of raising an error, and the zeroed page can be written back: its rows are destroyed silently',
  ignore_system_indexes: 'system catalogs are read without their indexes: every query plans and runs slowly',
  ignore_checksum_failure: 'pages with a checksum failure are read as if valid: corrupted data spreads to queries, replicas and backups instead of stopping with an error',
  ignore_invalid_pages: 'recovery continues past WAL records that reference invalid pages: corruption is hidden and the server may come up inconsistent',
  allow_system_table_mods: 'superusers can change the structure of system catalogs, which can corrupt the database irreparably',
  allow_in_place_tablespaces: 'CREATE TABLESPACE with an empty location creates the tablespace inside the data directory (pg_tblspc) instead of on its own storage, a testing aid',
  post_auth_delay: 'every new connection stalls after authentication for this long (a hook to attach a debugger)',
  pre_auth_delay: 'every new connection stalls before authentication for this long (a hook to attach a debugger), tying up connection slots',
  jit_debugging_support: 'JIT-compiled code is registered with GDB: slower JIT and extra memory in every backend that uses JIT',
  jit_profiling_support: 'every backend that uses JIT writes a perf map file under /tmp, left behind when it exits: the files accumulate',
  jit_dump_bitcode: 'every JIT compilation writes LLVM bitcode files into the data directory',
  debug_discard_caches: 'every cache is discarded at each opportunity: the server runs orders of magnitude slower',
  debug_parallel_query: 'queries are forced into parallel plans for testing: slower queries and wasted workers',
  force_parallel_mode: 'queries are forced into parallel plans for testing: slower queries and wasted workers',
  debug_io_direct: 'direct I/O bypasses the kernel page cache, which PostgreSQL does not yet compensate for: much slower I/O',
  debug_logical_replication_streaming: 'logical replication streams or serializes every change immediately instead of buffering: more network traffic and work on both ends',
  wal_consistency_checking: 'full-page images are written to WAL for the listed records and checked at replay: much more WAL',
  backtrace_functions: 'errors raised in the listed C functions are logged with a backtrace: log noise, and internal detail in the log',
  remove_temp_files_after_crash: 'temporary files are kept after a backend crash: they accumulate and can fill the disk',
  send_abort_for_crash: 'after a backend crash the postmaster sends SIGABRT to the other processes: a core dump of each, which can fill the disk',
  send_abort_for_kill: 'child processes that do not exit after a crash are sent SIGABRT instead of SIGKILL: a core dump of each, which can fill the disk',
  trace_notify: 'every LISTEN/NOTIFY call is logged at DEBUG1: log noise',
  trace_sort: 'resource use of every sort is logged: log noise',
  trace_recovery_messages: 'recovery debug messages are logged: log noise',
  trace_connection_negotiation: 'the SSL and GSSAPI negotiation of every connection is logged: log noise',
  debug_print_parse: 'the parse tree of every query is written to the log: a flood of log output that includes the constants of the queries (data and secrets)',
  debug_print_rewritten: 'the rewritten parse tree of every query is written to the log: a flood of log output that includes the constants of the queries (data and secrets)',
  debug_print_plan: 'the execution plan tree of every query is written to the log: a flood of log output that includes the constants of the queries (data and secrets)',
};

/** Where a debugging value belongs instead, by the parameter's context (who can set it when). */
function debugWay(s: SettingView): string {
  const c = s.def.context;
  if (c === 'user' || c === 'superuser') return `to debug, SET ${s.name} in a session`;
  if (c === 'backend' || c === 'superuser-backend') return `to debug, set it for one connection at its start (PGOPTIONS='-c ${s.name}=...')`;
  return 'use it on a test server only';
}

const written = (s: SettingView): string => s.assignment?.line.raw ?? s.canonical;

/** Whether `s` holds something other than its target major's default. */
function differsFromDefault(s: SettingView, major: Parameters<typeof parseGucValue>[2]): boolean {
  const boot = parseGucValue(s.def, s.def.boot, major);
  const dflt = boot.ok ? boot.value : s.def.boot;
  if (typeof s.value === 'string' && typeof dflt === 'string') return s.value.toLowerCase() !== dflt.toLowerCase();
  return s.value !== dflt;
}

/** The parameters checked under a catalog, listed once per catalog (not once per cluster). */
const namesOf = new WeakMap<Catalog, readonly string[]>();

function checkedNames(catalog: Catalog): readonly string[] {
  let names = namesOf.get(catalog);
  if (names === undefined) {
    const list: string[] = [];
    for (const def of catalog.params.values()) {
      if (def.category === DEVELOPER_CATEGORY && !EXCLUDED.has(def.name)) list.push(def.name);
    }
    list.push(...DEBUG_PRINT);
    namesOf.set(catalog, (names = list));
  }
  return names;
}

export default defineRule({
  name: 'debug-setting-enabled',
  severity: 'warning',
  category: 'durability',
  tags: ['performance'],
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  options: {
    prettyPrint: opt.boolean(false, 'Also report `debug_pretty_print = off` (CIS 3.1.19 wants it on).'),
  },
  docs: () => ({
    summary: 'A developer or debugging setting committed to a server configuration: a "Developer Options" parameter away from its default, or debug_print_parse/_rewritten/_plan on',
    why:
      'PostgreSQL groups the parameters meant for developing and testing PostgreSQL itself under "Developer Options" ' +
      '(pg_settings.category); the documentation says they should not be used on a production database. Each ' +
      'one does harm when committed to a configuration: `zero_damaged_pages` destroys the rows of damaged pages ' +
      'silently, `ignore_checksum_failure` and `ignore_invalid_pages` hide corruption, `allow_system_table_mods` ' +
      'lets the catalogs be broken, `ignore_system_indexes` and `debug_discard_caches` make every query slow, ' +
      '`post_auth_delay` and `pre_auth_delay` stall every connection, `jit_debugging_support`, ' +
      '`jit_profiling_support` and `jit_dump_bitcode` write files or perf maps for every JIT compilation, ' +
      '`trace_*` fill the log. `debug_print_parse`, `debug_print_rewritten` and `debug_print_plan` (in "What to ' +
      'Log") write the tree of every query to the log: a flood of output that includes the constants of the ' +
      'queries, data and secrets included. These settings belong in a session (`SET`) while debugging, not in ' +
      'postgresql.conf.\n\n' +
      'The parameters are taken from the target major\'s catalog, so each major\'s own developer options are ' +
      'checked (e.g. `debug_discard_caches` from 14, `trace_connection_negotiation` from 17). Not reported: ' +
      '`jit_expressions` and `jit_tuple_deforming` off — they only keep JIT from compiling that part of a query ' +
      '(as `jit = off` does for all of it), with nothing at stake, and are a known workaround for JIT problems. ' +
      'With the option `prettyPrint`, `debug_pretty_print = off` is reported too (CIS 3.1.19 wants it on); it only ' +
      'shapes the output of `debug_print_*`, so it is off by default.',
    invalid: ['zero_damaged_pages = on', 'debug_print_plan = on', 'post_auth_delay = 30s'],
    valid: ['zero_damaged_pages = off', 'jit_expressions = off', 'debug_print_plan = off\ndebug_pretty_print = off'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-developer.html',
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#RUNTIME-CONFIG-LOGGING-WHAT',
      'https://github.com/HexaCluster/pgdsat (checks 3.1.16 to 3.1.19 and 6.2)',
    ],
    versions:
      'all; the set of developer options is each major\'s own (catalog category "Developer Options"): e.g. ' +
      '`jit_*_support` from 11, `backtrace_functions` and `ignore_invalid_pages` from 13, `debug_discard_caches` ' +
      'from 14, `force_parallel_mode` until 15 and `debug_parallel_query` from 16, `trace_recovery_messages` until ' +
      '16, `trace_connection_negotiation` from 17. A parameter the target major does not know is left to ' +
      'unknown-setting.',
    optionsNote:
      '```yaml\nrules:\n  debug-setting-enabled: { prettyPrint: true }\n```',
  }),
  check(ctx) {
    const effective = ctx.cluster.effective;
    for (const name of checkedNames(ctx.catalog)) {
      // Only a parameter a file sets can be flagged (s.loc below): the others' defaults are not built.
      if (!effective.has(name.toLowerCase())) continue;
      const s = ctx.setting(name);
      if (!s?.loc || !differsFromDefault(s, ctx.major)) continue;
      const dflt = parseGucValue(s.def, s.def.boot, ctx.major);
      const dfltShown = dflt.ok ? dflt.canonical : s.def.boot;
      const leads = LEADS_TO[s.name] ?? `a developer option meant for testing PostgreSQL itself (${s.def.shortDesc.replace(/\.$/, '')})`;
      ctx.report({
        loc: s.loc,
        message: `${s.name} = ${written(s)} is a ${DEBUG_PRINT.includes(s.name) ? 'debugging' : 'developer'} setting: ${leads}`,
        help: `Remove the line or set ${s.name} = ${dfltShown === '' ? "''" : dfltShown} (the default); ${debugWay(s)}.`,
      });
    }
    if (ctx.options.prettyPrint === true) {
      const s = ctx.setting('debug_pretty_print');
      if (s?.loc && s.value === false) {
        ctx.report({
          loc: s.loc,
          message: `debug_pretty_print = ${written(s)}: the output of debug_print_parse, debug_print_rewritten and debug_print_plan is logged unindented, on one long line per tree`,
          help: 'Remove the line or set debug_pretty_print = on (the default).',
        });
      }
    }
  },
});
