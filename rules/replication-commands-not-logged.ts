import { reportRequiredSetting } from '../src/analysis/required-setting.js';
import { defineRule } from '../src/linter/rule.js';

export default defineRule({
  name: 'replication-commands-not-logged',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'log_replication_commands is off (absent means off): replication commands leave no trace in the log',
    why:
      'Replication connections speak their own protocol: IDENTIFY_SYSTEM, BASE_BACKUP, START_REPLICATION, ' +
      'CREATE_REPLICATION_SLOT and DROP_REPLICATION_SLOT are not SQL statements, and log_statement does not log ' +
      'them. With log_replication_commands off, nothing in the server log shows that someone took a full copy of ' +
      'the cluster with pg_basebackup, started streaming its WAL, or created a slot that now holds WAL back. Turning ' +
      'it on logs one line per command — a handful per standby connection or backup, not per statement. The CIS ' +
      'PostgreSQL Benchmark asks for it (7.2; pgdsat fails `off`). Off by default; the `cis` profile turns it on ' +
      '(CIS 7.2).',
    invalid: ['log_replication_commands = off'],
    valid: ['log_replication_commands = on'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-REPLICATION-COMMANDS',
      'https://www.postgresql.org/docs/current/protocol-replication.html',
      'https://github.com/HexaCluster/pgdsat (check 7.2)',
    ],
    versions: 'all (log_replication_commands exists in every supported major; its default is off)',
  }),
  check(ctx) {
    reportRequiredSetting(
      ctx,
      'log_replication_commands',
      false,
      'base backups, WAL streaming and replication slot changes leave no trace in the server log',
      'Set log_replication_commands = on (one log line per replication command: little volume).',
    );
  },
});
