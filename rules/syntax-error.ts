import { defineRule, floodGuard, relativizeMessage, type RuleContext } from '../src/linter/rule.js';
import { lookupParam } from '../src/catalog/catalog.js';
import { parseGucValue } from '../src/catalog/values.js';
import { boundQuote, boundQuotes } from '../src/linter/redact.js';
import type { ErrorLine } from '../src/parse/conf-ast.js';
import type { SourceFile } from '../src/source/source.js';
import type { Fix } from '../src/types.js';

/** The longest value the help quotes back as an example; longer ones are not repeated at all. */
export const EXAMPLE_MAX_CHARS = 60;

/**
 * The help for a syntax error of postgresql.conf, from the parser's structured code (never from the
 * message or a second lexer). `quoted`: the whole value quoted, when that is a value the parameter
 * accepts; it is repeated as an example only when short and on one line.
 */
export function syntaxHelp(line: ErrorLine, quoted: string | null): string {
  if (line.code === 'missing-value') return 'Give the parameter a value: an unquoted word or number, or a quoted string.';
  if (line.code === 'double-quotes' && quoted === null) {
    return 'Quote values with single quotes: PostgreSQL does not accept double quotes in postgresql.conf.';
  }
  if (quoted !== null && quoted.length <= EXAMPLE_MAX_CHARS + 2 && !quoted.includes('\r')) return `Quote the whole value with single quotes, e.g. ${quoted}.`;
  if (line.code === 'unquoted-value' || line.code === 'double-quotes') return "Quote the whole value with single quotes (name = '…').";
  return 'Quote values that contain spaces, slashes, dots, commas or other special characters, and put one setting per line.';
}

/**
 * The value of an error line quoted whole, when the parser found it quotable and the quoted value
 * is one the parameter (known to the target major) accepts; else null.
 */
function quotedValue(ctx: RuleContext, file: SourceFile, line: ErrorLine): string | null {
  const r = line.valueRange;
  const def = r && line.name !== undefined ? lookupParam(ctx.catalog, line.name) : undefined;
  if (!r || !def) return null;
  const value = file.text.slice(r.start, r.end);
  return parseGucValue(def, value, ctx.major, { encoding: file.encoding }).ok ? `'${value}'` : null;
}

/** PostgreSQL's "near token" part, the token cut to QUOTE_MAX_CHARS (PostgreSQL prints it whole). */
function nearText(token: { text: string } | null): string {
  return token === null ? 'near end of line' : `near token "${boundQuote(token.text)}"`;
}

export default defineRule({
  name: 'syntax-error',
  severity: 'error',
  category: 'validity',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf', 'recovery.conf', 'pg_ident.conf'],
  fixable: 'sometimes',
  docs: () => ({
    summary: 'A line PostgreSQL cannot parse',
    why:
      'PostgreSQL refuses to start when postgresql.conf (or a file it includes) has a syntax error, and on reload ' +
      'it ignores the whole file, so none of the other changes take effect either. Common causes are unquoted ' +
      'values with spaces, slashes or dots (`/var/run`, `pg_catalog.english`, `8 MB`), double quotes, and ' +
      'fractional numbers with units (`1.5MB`). The fix (unsafe) quotes a value ' +
      'PostgreSQL cannot read unquoted (`/var/run/postgresql` → `\'/var/run/postgresql\'`), when the quoted value is one ' +
      'the parameter accepts: words that were meant as two settings on one line become one value.',
    invalid: ["unix_socket_directories = /var/run/postgresql", 'work_mem = 8 MB', 'search_path = "$user", public'],
    valid: ["unix_socket_directories = '/var/run/postgresql'", "work_mem = '8 MB'", "search_path = '\"$user\", public'"],
    references: ['https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-CONFIGURATION-FILE'],
    versions: 'all (the lexer is identical in 10–18)',
  }),
  check(ctx) {
    const out = floodGuard(ctx, 'syntax errors');
    for (const p of ctx.cluster.problems) {
      if (p.kind !== 'syntax') continue;
      const conf = ctx.cluster.conf?.files.get(p.file.absPath);
      const at = conf?.lines[p.lineNumber - 1];
      const line = at?.kind === 'error' ? at : undefined;
      const where = line ? nearText(line.token) : '';
      const quoted = line ? quotedValue(ctx, p.file, line) : null;
      const fix: Fix | undefined =
        line?.valueRange && quoted !== null
          ? {
              title: 'Quote the whole value',
              edits: [{ loc: { file: p.file.path, ...line.valueRange }, text: quoted }],
              applicability: 'unsafe',
            }
          : undefined;
      out.report({
        ...(fix ? { fix } : {}),
        loc: p.loc,
        message: where
          ? `syntax error ${where}: PostgreSQL refuses to start with this file, and a reload ignores the whole file`
          : `${p.message}: PostgreSQL stops reading the file here`,
        help: line ? syntaxHelp(line, quoted) : undefined,
      });
    }
    for (const line of ctx.cluster.ident?.lines ?? []) {
      const p = line.problem;
      if (!p) continue;
      out.report({
        loc: { file: p.file.path, start: p.start, end: p.end },
        message:
          p.code === 'not-allowed'
            ? `${boundQuotes(relativizeMessage(p.message, p.file))}: the file lies outside the checked root and was not read`
            : p.code === 'git-dir' || p.code === 'limit' // limit: our bound on @file/include expansion; PostgreSQL reads on
              ? boundQuotes(relativizeMessage(p.message, p.file))
              : `${boundQuotes(relativizeMessage(p.message, p.file))}: PostgreSQL rejects pg_ident.conf as a whole, so no user name maps apply`,
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
          message: `syntax error ${nearText(line.token)}: the server cannot read recovery.conf`,
          help: syntaxHelp(line, quotedValue(ctx, rec.file, line)),
        });
      }
    }
    out.flush();
  },
});
