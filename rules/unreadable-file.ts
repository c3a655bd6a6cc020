import { defineRule } from '../src/linter/rule.js';
import { MAX_CONF_LINES } from '../src/parse/postgresql-conf.js';

export default defineRule({
  name: 'unreadable-file',
  severity: 'error',
  category: 'validity',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf', 'pg_hba.conf', 'pg_ident.conf', 'recovery.conf'],
  docs: () => ({
    summary: 'A configuration file that could not be read',
    why:
      'A configuration file that cannot be read (permissions, a directory or device where a file is expected, ' +
      'or a file larger than the size limit) cannot be checked, and PostgreSQL would not be able to read it ' +
      'either. The rest of the repository is still checked. A postgresql.conf of more than 2,000,000 lines is ' +
      'checked up to that line and this rule reports where it stopped: what follows is not checked, so the ' +
      'finding is an error (PostgreSQL itself would read on). Files that are not regular files (FIFOs, ' +
      'devices), or that lie under .git/ through a symlink, are reported without being opened.',
    invalid: [],
    valid: ['work_mem = 8MB'],
    references: ['https://www.postgresql.org/docs/current/config-setting.html'],
    versions: 'all',
  }),
  check(ctx) {
    for (const u of ctx.cluster.unreadable) {
      ctx.report({
        loc: { file: u.path, start: u.at ?? 0, end: u.at ?? 0 },
        message: `could not read ${u.kind} file: ${u.error}`,
      });
    }
    // Files read only in part (more lines than we parse): what follows the cut is not checked.
    const parsed = [...(ctx.cluster.conf?.files.values() ?? []), ...(ctx.cluster.recovery ? [ctx.cluster.recovery] : [])];
    for (const conf of parsed) {
      if (conf.truncatedAtLine === undefined) continue;
      const at = conf.file.lineStarts[conf.truncatedAtLine - 1] ?? conf.file.text.length;
      ctx.report({
        loc: { file: conf.file.path, start: at, end: at },
        message: `not read from this line on: the file has more than ${MAX_CONF_LINES} lines, and pgconf-lint checks only the first ${MAX_CONF_LINES} (PostgreSQL would read them all)`,
        help: 'Split the file (include_dir), or remove the blank, comment or repeated lines that make it this long.',
      });
    }
  },
});
