import { defineRule, floodGuard, relativizeMessage } from '../src/engine/rule.js';
import { lookupParam } from '../src/catalog/catalog.js';
import { boundQuote, boundQuotes } from '../src/engine/redact.js';

/** The longest value the help quotes back as an example; longer ones are not repeated at all. */
export const EXAMPLE_MAX_CHARS = 60;

const isBlank = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d;

/** The name and the value text of a `name [=] value # comment` line (one linear scan, no regex). */
export function splitLine(lineText: string): { name: string; value: string } {
  const n = lineText.length;
  let i = 0;
  while (i < n && isBlank(lineText.charCodeAt(i))) i++;
  const nameStart = i;
  while (i < n && /[A-Za-z0-9_.\u0080-\uffff]/.test(lineText[i]!)) i++;
  const name = lineText.slice(nameStart, i);
  while (i < n && isBlank(lineText.charCodeAt(i))) i++;
  if (lineText.charCodeAt(i) === 0x3d) i++;
  while (i < n && isBlank(lineText.charCodeAt(i))) i++;
  // The value ends at a '#' outside single quotes (a quote pair '' stays inside).
  let end = i;
  let quoted = false;
  for (; end < n; end++) {
    const c = lineText.charCodeAt(end);
    if (c === 0x27) quoted = !quoted;
    else if (c === 0x23 && !quoted) break;
  }
  while (end > i && isBlank(lineText.charCodeAt(end - 1))) end--;
  return { name, value: lineText.slice(i, end) };
}

/**
 * A hint for the mistakes people make most often, keyed on the token PostgreSQL stopped at.
 * `example`: the value may be quoted back as an example of the fix. The caller allows it only for
 * a parameter PostgreSQL knows (a line of a file that is not a configuration file, such as a git
 * config pulled in by an include, is never repeated), and only a short value is repeated.
 */
export function syntaxHelp(lineText: string, token: string | null, example = false): string {
  if (token === null) return 'Give the parameter a value: an unquoted word or number, or a quoted string.';
  if (token.startsWith('"')) return "Quote values with single quotes: PostgreSQL does not accept double quotes in postgresql.conf.";
  const { value } = splitLine(lineText);
  if (/^[/*$.,]/.test(token) || /\s/.test(value) || /^\d+(\.\d+)?[A-Za-z]+/.test(token)) {
    if (example && value.length <= EXAMPLE_MAX_CHARS && !/[\r\n]/.test(value)) {
      return `Quote the whole value with single quotes, e.g. '${value.replace(/'/g, "''")}'.`;
    }
    return "Quote the whole value with single quotes (name = '…').";
  }
  return 'Quote values that contain spaces, slashes, dots, commas or other special characters, and put one setting per line.';
}

/** PostgreSQL's "near token" part, the token cut to QUOTE_MAX_CHARS (PostgreSQL prints it whole). */
function nearText(token: { text: string } | null): string {
  return token === null ? 'near end of line' : `near token "${boundQuote(token.text)}"`;
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
      const where = line?.kind === 'error' ? nearText(line.token) : '';
      const lineText = line ? p.file.text.slice(line.start, line.end) : '';
      out.report({
        loc: p.loc,
        message: where
          ? `syntax error ${where}: PostgreSQL refuses to start with this file, and a reload ignores the whole file`
          : `${p.message}: PostgreSQL stops reading the file here`,
        help: line ? syntaxHelp(lineText, token, lookupParam(ctx.catalog, splitLine(lineText).name) !== undefined) : undefined,
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
          help: syntaxHelp(rec.file.text.slice(line.start, line.end), line.token?.text ?? null, lookupParam(ctx.catalog, splitLine(rec.file.text.slice(line.start, line.end)).name) !== undefined),
        });
      }
    }
    out.flush();
  },
});
