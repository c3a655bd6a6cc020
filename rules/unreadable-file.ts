import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  name: 'unreadable-file',
  severity: 'error',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf', 'pg_hba.conf', 'pg_ident.conf', 'recovery.conf'],
  docs: {
    summary: 'A configuration file that could not be read',
    why:
      'A configuration file that cannot be read (permissions, a directory or device where a file is expected, ' +
      'or a file larger than the size limit) cannot be checked, and PostgreSQL would not be able to read it ' +
      'either. The rest of the repository is still checked.',
    invalid: [],
    valid: ['work_mem = 8MB'],
    references: ['https://www.postgresql.org/docs/current/config-setting.html'],
    versions: 'all',
  },
  check(ctx) {
    for (const u of ctx.cluster.unreadable) {
      ctx.report({
        loc: { file: u.path, start: 0, end: 0 },
        message: `could not read ${u.kind} file: ${u.error}`,
      });
    }
  },
});
