import { requiredSettingLoc } from '../src/analysis/required-setting.js';
import { defineRule } from '../src/linter/rule.js';
import { opt } from '../src/linter/options.js';
import type { SettingView } from '../src/linter/settings.js';

/** log_error_verbosity from least to most detail (PGERROR_TERSE < PGERROR_DEFAULT < PGERROR_VERBOSE). */
const LEVELS = ['terse', 'default', 'verbose'] as const;
type Level = (typeof LEVELS)[number];

/** What a level leaves out of every logged error, compared with the next one up. */
const MISSING: Record<Exclude<Level, 'verbose'>, string> = {
  terse:
    'errors are logged without their DETAIL, HINT, QUERY and CONTEXT lines (a failed login loses the DETAIL that names the pg_hba.conf line it matched)',
  default: 'errors are logged without their SQLSTATE code and the source file, function and line that raised them',
};

const written = (s: SettingView): string => s.assignment?.line.raw ?? s.canonical;

export default defineRule({
  name: 'log-error-verbosity-low',
  severity: 'warning',
  category: 'maintenance',
  tags: ['reliability'],
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  options: {
    minimum: opt.string('default', 'The least detail accepted: `terse` < `default` < `verbose`; a log_error_verbosity below it is reported. With `verbose`, an absent setting (which means `default`) is reported at the start of postgresql.conf.', { enum: LEVELS }),
  },
  docs: () => ({
    summary: 'log_error_verbosity below the level required (terse by default): logged errors lose their detail',
    why:
      'log_error_verbosity decides how much of each error reaches the server log. `terse` drops the DETAIL, HINT, ' +
      'QUERY and CONTEXT lines: the log says that something failed but not why — a failed login no longer names the ' +
      'pg_hba.conf line it matched, a constraint violation no longer shows the key, an error inside a function no ' +
      'longer says where. `default` keeps those; `verbose` adds the SQLSTATE code and the source file, function and ' +
      'line of PostgreSQL that raised the error. Absent, the setting is `default`.\n\n' +
      'The checklists disagree on the level. The CIS PostgreSQL Benchmark (3.1.22; pgdsat fails anything but ' +
      '`verbose`) wants `verbose`; the PostgreSQL STIG (V-233512: its check reads log_error_verbosity from ' +
      'postgresql.conf and wants exactly `default`, the value its fix text writes) wants `default`. Each profile ' +
      'decides: the `cis` profile sets the option `minimum: verbose`; the `stig` profile keeps `minimum: default` ' +
      '(only `terse` is reported; a `verbose` setting is not reported although the STIG check wants `default`: it ' +
      'only adds information to the log). Off by default; the `cis` profile (CIS 3.1.22, minimum `verbose`) and ' +
      'the `stig` profile (V-233512) turn it on.',
    invalid: ['log_error_verbosity = terse'],
    valid: ['log_error_verbosity = default', 'log_error_verbosity = verbose', 'log_statement = ddl'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-ERROR-VERBOSITY',
      'https://github.com/postgres/postgres/blob/master/src/backend/utils/error/elog.c (send_message_to_server_log)',
      'https://github.com/HexaCluster/pgdsat (check 3.1.22)',
      'https://github.com/mitre/crunchy-data-postgresql-stig-baseline (controls/V-233512.rb)',
    ],
    versions: 'all (log_error_verbosity and its three levels exist in every supported major)',
    optionsNote:
      '```yaml\nrules:\n  log-error-verbosity-low: { minimum: verbose }\n```',
  }),
  check(ctx) {
    const s = ctx.setting('log_error_verbosity');
    if (!s || typeof s.value !== 'string') return;
    const m = ctx.options.minimum;
    const minimum: Level = typeof m === 'string' && (LEVELS as readonly string[]).includes(m) ? (m as Level) : 'default';
    const level = s.value.toLowerCase() as Level;
    const rank = LEVELS.indexOf(level);
    if (rank < 0 || rank >= LEVELS.indexOf(minimum)) return;
    const loc = requiredSettingLoc(ctx, s);
    if (!loc) return;
    const what = s.loc ? `log_error_verbosity = ${written(s)}` : `log_error_verbosity (not set; the default is ${s.canonical})`;
    ctx.report({
      loc,
      message: `${what} is below ${minimum}: ${MISSING[level as Exclude<Level, 'verbose'>]}`,
      help:
        `Set log_error_verbosity = ${minimum}` +
        (minimum === 'verbose' ? ' (each logged error gains a LOCATION line: somewhat more log volume).' : '.'),
    });
  },
});
