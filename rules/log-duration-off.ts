import { reportRequiredSetting } from '../src/analysis/required-setting.js';
import { defineRule } from '../src/linter/rule.js';

export default defineRule({
  name: 'log-duration-off',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'log_duration is off (absent means off): the log does not record that a statement completed, or how long it ran',
    why:
      'With log_duration = on, every completed statement writes a `duration: … ms` line to the server log. Without ' +
      'it, a statement logged by log_statement or pgaudit shows that it started but not that it finished, so the ' +
      'outcome of an audited event (completed, or still running when the server stopped) cannot be established ' +
      'from the log alone. The cost is one LOG line per statement — on a busy server the largest source of log ' +
      'volume after statement logging itself, and the line carries no statement text: relate it to its statement ' +
      'with `%p` or `%c` in log_line_prefix (log_min_duration_statement = 0 logs each duration with the statement ' +
      'text instead, which also writes passwords set in SQL to the log: see log-statement-secrets). The PostgreSQL ' +
      'STIG asks for it (V-233512: its check reads log_duration from postgresql.conf and wants `on`), as does ' +
      "Checkov's CKV2_GCP_13 for Cloud SQL. Off by default; the `stig` profile turns it on (V-233512).",
    invalid: ['log_duration = off'],
    valid: ['log_duration = on'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-DURATION',
      'https://github.com/mitre/crunchy-data-postgresql-stig-baseline (controls/V-233512.rb)',
    ],
    versions: 'all (log_duration exists in every supported major; its default is off)',
  }),
  check(ctx) {
    reportRequiredSetting(
      ctx,
      'log_duration',
      false,
      'the log does not record that a statement completed or how long it ran, so the outcome of a logged statement cannot be established from the log',
      "Set log_duration = on (one 'duration: … ms' line per completed statement: plan for the log volume) and put %p or %c in log_line_prefix to match each duration to its statement.",
    );
  },
});
