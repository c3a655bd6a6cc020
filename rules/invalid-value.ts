import { defineRule } from '../src/engine/rule.js';
import { boundQuotedIn } from '../src/engine/redact.js';
import { valueGroupKey } from '../src/analysis/template.js';

export default defineRule({
  name: 'invalid-value',
  severity: 'error',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: {
    summary: 'A value the target PostgreSQL version rejects',
    why:
      'PostgreSQL validates every value when it reads the file: a wrong type, an unknown or wrongly cased unit ' +
      '(`8mb`, `5m`), a number outside the allowed range, an unknown enum value, or a parameter that cannot be ' +
      'set in a file makes the server refuse to start; a reload skips just that setting and keeps the old value. ' +
      'Units are case-sensitive (`MB`, `kB`, `min`, `s`), and what is valid changes between versions.',
    invalid: ['work_mem = 8mb', 'checkpoint_timeout = 5m', 'max_connections = 0', "wal_level = 'logical '"],
    valid: ['work_mem = 8MB', 'checkpoint_timeout = 5min', 'max_connections = 200', 'wal_level = logical'],
    references: [
      'https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-NAMES-VALUES',
    ],
    versions: 'all; units B (11+), us (12+), fractional values with units (12+)',
  },
  check(ctx) {
    for (const a of ctx.cluster.assignments) {
      if (a.status !== 'invalid' || a.ignored || !a.value || a.value.ok) continue;
      const v = a.line.value;
      const hint = a.value.hint ? ` (${a.value.hint.replace(/\.$/, '')})` : '';
      ctx.report({
        loc: { file: a.file.path, start: v.start, end: v.end },
        // PostgreSQL quotes the value whole; we quote at most QUOTE_MAX_CHARS of it.
        message: `${boundQuotedIn(a.value.message, v.value)}${hint}: PostgreSQL ${ctx.major} refuses to start with it`,
        group: { key: valueGroupKey(a.file.path, v.start), concern: 'a value PostgreSQL rejects (invalid-value)' },
      });
    }
  },
});
