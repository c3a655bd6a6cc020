import { defineRule } from '../src/linter/rule.js';

export default defineRule({
  name: 'synchronous-commit-off',
  severity: 'warning',
  category: 'durability',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'synchronous_commit is off for the whole server',
    why:
      'With synchronous_commit off, COMMIT returns before the WAL record reaches disk. After a crash of the server ' +
      'or the machine, transactions reported as committed in the last moments (up to three times ' +
      'wal_writer_delay, 600 ms by default) are lost. The database stays consistent — this is not corruption — but ' +
      'an application that told a user "saved" was wrong. That is a fine trade for chosen transactions (SET LOCAL ' +
      'synchronous_commit = off, or per role or database), but set globally in postgresql.conf it silently applies ' +
      'to every transaction, including those that must not be lost. Any spelling PostgreSQL maps to off (false, ' +
      'no, 0) counts.',
    invalid: ['synchronous_commit = off', 'synchronous_commit = false'],
    valid: ['synchronous_commit = on', 'synchronous_commit = local'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-SYNCHRONOUS-COMMIT',
      'https://www.postgresql.org/docs/current/wal-async-commit.html',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const sc = ctx.setting('synchronous_commit');
    if (sc?.value !== 'off' || !sc.loc) return;
    const raw = sc.assignment?.line.raw ?? sc.canonical;
    ctx.report({
      loc: sc.loc,
      message: `synchronous_commit = ${raw}${raw === sc.canonical ? '' : ` (${sc.canonical})`} for every transaction: a crash loses the most recently committed transactions (no corruption)`,
      help: 'Keep synchronous_commit = on in postgresql.conf and turn it off only where losing recent commits is acceptable (SET LOCAL, ALTER ROLE or ALTER DATABASE … SET synchronous_commit = off).',
    });
  },
});
