import { defineRule, floodGuard, relativizeMessage } from '../src/engine/rule.js';

/** A hint for the mistakes people make most often, keyed on the token PostgreSQL stopped at. */
export function syntaxHelp(lineText: string, token: string | null): string {
  const value = lineText.replace(/^[^=]*=\s*/, '').replace(/\s*#.*$/, '');
  if (token === null) return 'Give the parameter a value: an unquoted word or number, or a quoted string.';
  if (token.startsWith('"')) return "Quote values with single quotes: PostgreSQL does not accept double quotes in postgresql.conf.";
  if (/^[/*$.,]/.test(token) || /\s/.test(value.trim()) || /^\d+(\.\d+)?[A-Za-z]+/.test(token)) {
    return `Quote the whole value with single quotes, e.g. '${value.trim().replace(/'/g, "''")}'.`;
  }
  return 'Quote values that contain spaces, slashes, dots, commas or other special characters, and put one setting per line.';
}

export default defineRule({
  name: 'syntax-error',
  severity: 'error',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf', 'recovery.conf', 'pg_ident.conf'],
  docs: {
    summary: 'A line PostgreSQL cannot parse',
    why:
      'PostgreSQL refuses to start when postgresql.conf (or a file it includes) has a syntax error, and on reload ' +
      'it ignores the whole file, so none of the other changes take effect either. Common causes are unquoted ' +
      'values with spaces, slashes or dots (`/var/run`, `pg_catalog.english`, `8 MB`), double quotes, and ' +
      'fractional numbers with units (`1.5MB`).',
    invalid: ["unix_socket_directories = /var/run/postgresql", 'work_mem = 8 MB', 'search_path = "$user", public'],
    valid: ["unix_socket_directories = '/var/run/postgresql'", "work_mem = '8 MB'", "search_path = '\"$user\", public'"],
    references: ['https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-CONFIGURATION-FILE'],
    versions: 'all (the lexer is identical in 10–18)',
  },
  check(ctx) {
    const out = floodGuard(ctx, 'syntax errors');
    for (const p of ctx.cluster.problems) {
      if (p.kind !== 'syntax') continue;
      const conf = ctx.cluster.conf?.files.get(p.file.absPath);
      const line = conf?.lines[p.lineNumber - 1];
      const token = line?.kind === 'error' ? line.token?.text ?? null : null;
      const where = line?.kind === 'error' ? line.near : '';
      out.report({
        loc: p.loc,
        message: where
          ? `syntax error ${where}: PostgreSQL refuses to start with this file, and a reload ignores the whole file`
          : `${p.message}: PostgreSQL stops reading the file here`,
        help: line ? syntaxHelp(p.file.text.slice(line.start, line.end), token) : undefined,
      });
    }
    for (const line of ctx.cluster.ident?.lines ?? []) {
      const p = line.problem;
      if (!p) continue;
      out.report({
        loc: { file: p.file.path, start: p.start, end: p.end },
        message:
          p.code === 'not-allowed'
            ? `${relativizeMessage(p.message, p.file)}: the file lies outside the checked root and was not read`
            : p.code === 'git-dir'
              ? relativizeMessage(p.message, p.file)
              : `${relativizeMessage(p.message, p.file)}: PostgreSQL rejects pg_ident.conf as a whole, so no user name maps apply`,
        ...(p.code === 'not-allowed' ? { severity: 'warning' as const } : {}),
      });
    }
    const rec = ctx.cluster.recovery;
    if (rec) {
      for (const line of rec.lines) {
        if (line.kind !== 'error') continue;
        out.report({
          loc: line.token
            ? { file: rec.file.path, start: line.token.start, end: line.token.end }
            : { file: rec.file.path, start: line.end, end: line.end },
          message: `syntax error ${line.near}: the server cannot read recovery.conf`,
          help: syntaxHelp(rec.file.text.slice(line.start, line.end), line.token?.text ?? null),
        });
      }
    }
    out.flush();
  },
});
