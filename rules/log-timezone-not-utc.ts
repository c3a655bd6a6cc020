import { defineRule } from '../src/linter/rule.js';

/**
 * Names of the tz database that are the same zone as UTC or GMT (offset 0, no daylight saving
 * time): in PostgreSQL's share/timezone they are copies of the UTC and GMT files. Compared
 * case-insensitively, as pg_tzset looks names up, after the one leading ':' tzload skips.
 */
const UTC_NAMES = new Set(
  [
    'UTC', 'Etc/UTC', 'UCT', 'Etc/UCT', 'Universal', 'Etc/Universal', 'Zulu', 'Etc/Zulu',
    'GMT', 'Etc/GMT', 'GMT0', 'Etc/GMT0', 'GMT+0', 'Etc/GMT+0', 'GMT-0', 'Etc/GMT-0', 'Greenwich', 'Etc/Greenwich',
  ].map((n) => n.toLowerCase()),
);

export const isUtcZone = (name: string): boolean => UTC_NAMES.has((name.startsWith(':') ? name.slice(1) : name).toLowerCase());

export default defineRule({
  name: 'log-timezone-not-utc',
  severity: 'info',
  category: 'maintenance',
  tags: ['reliability'],
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'log_timezone is a zone other than UTC/GMT: log timestamps need converting, and repeat an hour where daylight saving time ends',
    why:
      'log_timezone decides the zone of the timestamps in the server log (%t, %m, %n in log_line_prefix, csvlog and ' +
      'jsonlog). In a local zone, an hour repeats every autumn when daylight saving time ends, so events of that ' +
      'hour cannot be put in order from the log, and logs from servers in different zones cannot be merged or ' +
      'compared with other systems without converting each. UTC has neither problem. The CIS PostgreSQL Benchmark ' +
      'asks for GMT or UTC (3.1.26).\n\n' +
      'Accepted (in any letter case, with or without a leading `:`): UTC, Etc/UTC, UCT, Etc/UCT, Universal, ' +
      'Etc/Universal, Zulu, Etc/Zulu, GMT, Etc/GMT, GMT0, Etc/GMT0, GMT+0, Etc/GMT+0, GMT-0, Etc/GMT-0, Greenwich ' +
      "and Etc/Greenwich — the names that PostgreSQL's time zone files make the same zone as UTC or GMT. pgdsat " +
      'accepts only the spellings GMT and UTC, so it would still report the others (`Etc/UTC` is a common one). ' +
      'Any other zone, and POSIX-style specifications such as `UTC0`, are reported. Absent, log_timezone is GMT (the ' +
      "compiled-in default), which passes; note that initdb writes the operating system's zone into the " +
      'postgresql.conf it generates (`log_timezone = \'Europe/Paris\'`), so a file derived from an initdb-generated ' +
      'one usually sets it. The PostgreSQL STIG asks for the site\'s zone, UTC unless the site says otherwise ' +
      '(V-233532: its check compares SHOW log_timezone with that zone; strictly, the absent default GMT is not the ' +
      'spelling it expects, although it is the same zone). Off by default; the `cis` profile (CIS 3.1.26) and the ' +
      '`stig` profile (V-233532) turn it on.',
    invalid: ["log_timezone = 'Europe/Paris'"],
    valid: ["log_timezone = 'UTC'", "log_timezone = 'Etc/UTC'", "timezone = 'Europe/Paris'"],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-TIMEZONE',
      'https://www.postgresql.org/docs/current/datatype-datetime.html#DATATYPE-TIMEZONES',
      'https://www.postgresql.org/docs/current/app-initdb.html',
      'https://github.com/HexaCluster/pgdsat (check 3.1.26)',
      'https://github.com/mitre/crunchy-data-postgresql-stig-baseline (controls/V-233532.rb)',
    ],
    versions: 'all (log_timezone exists in every supported major; its compiled-in default is GMT)',
  }),
  check(ctx) {
    const s = ctx.setting('log_timezone');
    if (!s?.loc || typeof s.value !== 'string' || isUtcZone(s.value)) return;
    ctx.report({
      loc: s.loc,
      message:
        `log_timezone = ${s.assignment?.line.raw ?? s.value}: server log timestamps are not in UTC — logs of servers in other ` +
        'zones must be converted before they can be merged, and in a zone with daylight saving time an hour of log repeats every year',
      help: "Set log_timezone = 'UTC' (the timezone parameter, which clients see, can stay local).",
    });
  },
});
