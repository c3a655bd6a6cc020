import { settingText } from '../src/analysis/required-setting.js';
import { splitIdentifierString } from '../src/catalog/hooks.js';
import { customSetting, lineAdding, listLoads, preloadList } from '../src/analysis/preload.js';
import { defineRule } from '../src/linter/rule.js';
import { opt } from '../src/linter/options.js';

/** pgaudit's statement classes (pgaudit.c, CLASS_*), and what each one audits. */
const CLASSES = ['read', 'write', 'function', 'role', 'ddl', 'misc', 'misc_set'] as const;
type AuditClass = (typeof CLASSES)[number];

const WHAT: Record<AuditClass, string> = {
  read: 'SELECT and COPY from tables',
  write: 'INSERT, UPDATE, DELETE, TRUNCATE and COPY into tables',
  function: 'function calls and DO blocks',
  role: 'GRANT, REVOKE and CREATE/ALTER/DROP ROLE',
  ddl: 'CREATE, ALTER and DROP of objects other than roles',
  misc: 'DISCARD, FETCH, CHECKPOINT, VACUUM and SET',
  misc_set: 'SET',
};

/** The classes a pgaudit.log token stands for: `misc` includes `misc_set`, `all` every class, `none` none. */
function classesOf(token: string): readonly AuditClass[] | undefined {
  if (token === 'all') return CLASSES;
  if (token === 'none') return [];
  if (token === 'misc') return ['misc', 'misc_set'];
  return (CLASSES as readonly string[]).includes(token) ? [token as AuditClass] : undefined;
}

/**
 * The classes pgaudit.log selects, as check_pgaudit_log (pgaudit.c) computes them: a list of
 * identifiers (SplitIdentifierString), each a class compared case-insensitively, added in order
 * or, with a leading `-`, removed. A value pgaudit rejects (bad list syntax, an unknown class)
 * is a string saying why: pgaudit then warns and keeps its default, none.
 */
export function auditClasses(value: string): Set<AuditClass> | string {
  const tokens = splitIdentifierString(value);
  if (tokens === null) return 'its list syntax is invalid';
  const out = new Set<AuditClass>();
  for (const t of tokens) {
    const subtract = t.startsWith('-');
    const name = (subtract ? t.slice(1) : t).toLowerCase();
    const classes = classesOf(name);
    if (classes === undefined) return `"${subtract ? name : t}" is not a pgaudit class`;
    for (const c of classes) {
      if (subtract) out.delete(c);
      else out.add(c);
    }
  }
  return out;
}

const DEFAULT_CLASSES: AuditClass[] = ['ddl', 'write'];

export default defineRule({
  name: 'pgaudit-not-configured',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  options: {
    classes: opt.stringArray(DEFAULT_CLASSES, 'The pgaudit classes pgaudit.log must include (the default is what pgdsat requires for CIS 3.2). Add `role` to require GRANT/REVOKE and role changes to be audited as well.', { enum: CLASSES, uniqueItems: true }),
  },
  docs: () => ({
    summary: 'pgaudit is not in shared_preload_libraries, or pgaudit.log does not log the required statement classes (ddl and write by default)',
    why:
      'The server log alone is no audit trail: log_statement logs statement text as sent (not the objects a ' +
      'function or a view touches) and cannot select by kind of statement. pgaudit writes a structured AUDIT ' +
      'record per statement of the classes pgaudit.log names. It works only when loaded through ' +
      'shared_preload_libraries (it refuses to load from the other lists), and it logs nothing until pgaudit.log ' +
      'names classes: its default is none. Without it, who changed a table definition, dropped an object or ' +
      'rewrote data leaves no audit record. pgaudit.log is read as pgaudit reads it: a comma-separated list of ' +
      'read, write, function, role, ddl, misc, misc_set, all and none, where `-class` removes a class (`all, -misc`); ' +
      'a value with an unknown class or bad list syntax is rejected with a warning when pgaudit loads, and the ' +
      'default none stays. Libraries are matched by file name, so `$libdir/pgaudit` and `pgaudit.so` count, ' +
      'and `pgauditlogtofile` does not. A shared_preload_libraries list with bad syntax loads nothing; that is ' +
      'invalid-value\'s finding, not this rule\'s. pgaudit.log set per database or role (ALTER DATABASE/ROLE … SET) ' +
      'is not in the files and is not seen. Off by default; the `cis` profile turns it on (CIS 3.2).',
    invalid: ["shared_preload_libraries = 'pg_stat_statements'", "shared_preload_libraries = 'pgaudit'\npgaudit.log = 'ddl'"],
    valid: [
      "shared_preload_libraries = 'pg_stat_statements, pgaudit'\npgaudit.log = 'ddl, write, role'",
      "shared_preload_libraries = '$libdir/pgaudit'\npgaudit.log = 'all, -misc'",
    ],
    references: [
      'https://github.com/pgaudit/pgaudit/blob/main/README.md',
      'https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-SHARED-PRELOAD-LIBRARIES',
      'https://www.postgresql.org/docs/current/runtime-config-custom.html',
    ],
    versions: 'all (pgaudit has a release per major; the misc_set class is in pgaudit 1.5 and later)',
  }),
  check(ctx) {
    const at = ctx.clusterLoc();
    const spl = preloadList(ctx, 'shared_preload_libraries');
    if (!at || !spl || spl.elements === null) return;
    const required = (ctx.options.classes as AuditClass[] | undefined) ?? DEFAULT_CLASSES;
    const unaudited = required.length ? required.map((c) => WHAT[c]).join('; ') : 'statements';
    const wantedText = `'${(required.length ? required : DEFAULT_CLASSES).join(', ')}'`;
    if (!listLoads(spl, 'pgaudit')) {
      // pgaudit's _PG_init raises an error unless shared_preload_libraries is being processed.
      const elsewhere = (['session_preload_libraries', 'local_preload_libraries'] as const).find((p) => listLoads(preloadList(ctx, p), 'pgaudit'));
      ctx.report({
        loc: spl.setting.loc ?? at,
        message: `${settingText(spl.setting)} does not load pgaudit${elsewhere ? ` (pgaudit refuses to load from ${elsewhere}: it must be in shared_preload_libraries)` : ''}: no audit record is written, so ${unaudited} leave no audit trail`,
        help: `Load it (a restart is needed): ${lineAdding(spl, 'pgaudit')}; then set pgaudit.log = ${wantedText} and run CREATE EXTENSION pgaudit.`,
      });
      return;
    }
    const loadedAt = spl.setting.loc ? [{ message: 'pgaudit is loaded here', loc: spl.setting.loc }] : [];
    const log = customSetting(ctx, 'pgaudit.log');
    if (!log) {
      if (!required.length) return;
      ctx.report({
        loc: at,
        message: `pgaudit.log (not set; the default is none): pgaudit is loaded but logs no statement, so ${unaudited} leave no audit record`,
        help: `Set pgaudit.log = ${wantedText}.`,
        related: loadedAt,
      });
      return;
    }
    const classes = auditClasses(log.value);
    if (typeof classes === 'string') {
      ctx.report({
        loc: log.loc,
        message: `pgaudit.log = ${log.raw} is rejected by pgaudit (${classes}): it warns when it loads and keeps the default none, so nothing is audit-logged`,
        help: `Write the classes as a comma-separated list, e.g. pgaudit.log = ${wantedText}.`,
        related: loadedAt,
      });
      return;
    }
    const missing = required.filter((c) => !classes.has(c));
    if (!missing.length) return;
    const current = log.value.trim();
    const fixed = classes.size === 0 && !current.includes('-') ? missing.join(', ') : `${current}, ${missing.join(', ')}`;
    ctx.report({
      loc: log.loc,
      message: `pgaudit.log = ${log.raw} does not log ${missing.map((c) => `${c} (${WHAT[c]})`).join(' or ')}: those statements leave no audit record`,
      help: `Set pgaudit.log = '${fixed.replace(/'/g, "''")}'.`,
      related: loadedAt,
    });
  },
});
