import { defineRule } from '../src/linter/rule.js';

export default defineRule({
  name: 'fsync-off',
  severity: 'error',
  category: 'durability',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'fsync is off',
    why:
      'With fsync off PostgreSQL never forces its writes to durable storage. After an operating-system crash or ' +
      'power loss, committed transactions can be lost and, worse, the data files and WAL can be left inconsistent: ' +
      'the documentation calls this "unrecoverable data corruption", and the only fix is restoring a backup. It is ' +
      'meant for throw-away clusters (initial bulk load, tests) and must never reach a server whose data matters. ' +
      'To trade durability for speed safely, use synchronous_commit = off instead.',
    invalid: ['fsync = off', "fsync = 'no'"],
    valid: ['fsync = on', 'synchronous_commit = local'],
    references: ['https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-FSYNC'],
    versions: 'all',
  }),
  check(ctx) {
    const fsync = ctx.setting('fsync');
    if (fsync?.value !== false || !fsync.loc) return;
    const raw = fsync.assignment?.line.raw ?? fsync.canonical;
    ctx.report({
      loc: fsync.loc,
      message: `fsync = ${raw}${raw === fsync.canonical ? '' : ` (${fsync.canonical})`}: writes are never forced to disk, so an OS crash or power loss can corrupt the cluster beyond repair`,
      help: 'Set fsync = on (the default); to trade durability for speed without corruption, use synchronous_commit = off.',
    });
  },
});
