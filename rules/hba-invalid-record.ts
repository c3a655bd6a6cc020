import { defineRule, floodGuard, relativizeMessage } from '../src/engine/rule.js';
import { boundQuote, boundQuotes } from '../src/engine/redact.js';
import { hbaTokenGroupKey } from '../src/analysis/template.js';

const UNQUOTED_TOKEN_MESSAGES = ['authentication option not in name=value format: ', 'unsupported LDAP URL scheme: '];

/**
 * A pg_hba.conf message with the file text it quotes bounded: every double-quoted token (tokens
 * cannot contain a double quote, so quotes pair up) and the token PostgreSQL appends unquoted.
 */
export function boundHbaMessage(message: string): string {
  for (const prefix of UNQUOTED_TOKEN_MESSAGES) {
    if (message.startsWith(prefix) && !message.includes('\n')) return prefix + boundQuote(message.slice(prefix.length));
  }
  return boundQuotes(message);
}

/** What to do, for the mistakes seen most often in real pg_hba.conf files. */
export function hbaHelp(message: string, major: number): string | undefined {
  if (message.startsWith('invalid IP mask')) {
    return 'An address without a /prefix must be followed by a netmask column; write it in CIDR form, e.g. 10.30.0.0/16.';
  }
  if (message.includes('clientcert')) {
    return major >= 14
      ? 'Use clientcert=verify-ca or clientcert=verify-full (PostgreSQL 14 removed 1, 0 and no-verify).'
      : 'Use clientcert=verify-ca or clientcert=verify-full, on hostssl records only.';
  }
  if (/invalid authentication method "(crypt|krb5)"/.test(message)) return 'Use scram-sha-256 (or gss for Kerberos).';
  if (message.includes('peer authentication is only supported on local sockets')) {
    return 'Use scram-sha-256 (or ident) for host records; peer works on local records only.';
  }
  if (message.startsWith('invalid connection type "include')) return 'include directives in pg_hba.conf need PostgreSQL 16 or later.';
  return undefined;
}

export default defineRule({
  name: 'hba-invalid-record',
  severity: 'error',
  appliesTo: ['pg_hba.conf'],
  docs: {
    summary: 'A pg_hba.conf record PostgreSQL rejects',
    why:
      'PostgreSQL loads pg_hba.conf all or nothing: one invalid record makes the server refuse to start, and ' +
      'on reload the old rules stay in force (the change silently does not happen). Typical causes: an IP ' +
      'address without a CIDR mask (the method is then read as the netmask), a removed method such as ' +
      '`crypt`, `peer` on a host record, `clientcert` outside `hostssl` or with a value the version rejects, ' +
      'options the method does not take, and syntax newer than the target version (regular expressions and ' +
      'include directives 16+, `\\` continuation 14+, `hostgssenc` 12+, `oauth` 18+).',
    invalid: ['host    all   all   10.0.0.0   scram-sha-256', 'host    all   all   127.0.0.1/32   crypt'],
    valid: ['host    all   all   10.0.0.0/8   scram-sha-256', 'host    all   all   10.0.0.0   255.0.0.0   scram-sha-256'],
    references: ['https://www.postgresql.org/docs/current/auth-pg-hba-conf.html'],
    versions: 'all; syntax differs by version',
  },
  check(ctx) {
    const out = floodGuard(ctx, 'invalid records');
    const hba = ctx.cluster.hba;
    if (!hba) return;
    for (const line of hba.lines) {
      const p = line.problem;
      if (!p) continue;
      const outside = p.code === 'not-allowed';
      // PostgreSQL quotes the offending token whole; we quote at most QUOTE_MAX_CHARS of it.
      const text = boundHbaMessage(relativizeMessage(p.message, hba.file));
      out.report({
        loc: { file: p.file.path, start: p.start, end: p.end },
        // git-dir: an error (the rule's severity): .git/ is never deployed configuration, and it
        // holds the job's token; the message names the reason, the file's text was never read.
        message: outside
          ? `${text}: the file lies outside the checked root and was not read`
          : p.code === 'git-dir' || p.code === 'limit' // limit: PostgreSQL would read on; the message says what was not
            ? text
            : `${text}: PostgreSQL ${ctx.major} rejects this record, so the server refuses to start and a reload keeps the old rules`,
        help: outside ? undefined : p.code === 'git-dir' ? 'Configuration never lives in .git/; name a file of the repository instead.' : p.code === 'limit' ? 'Name each user or database list once per record: the same @file referenced from many places multiplies what it expands to, and pgconf-lint checks none of the expansion past its limit.' : hbaHelp(p.message, ctx.major),
        ...(outside ? { severity: 'warning' as const } : {}),
        group: { key: hbaTokenGroupKey(p.file.path, p.start), concern: 'a record PostgreSQL rejects (hba-invalid-record)' },
      });
    }
    if (hba.fileError && hba.lines.length === 0) {
      out.report({
        loc: { file: hba.file.path, start: 0, end: 0 },
        message: 'pg_hba.conf contains no records: PostgreSQL refuses to start (every connection would be rejected)',
      });
    }
    out.flush();
  },
});
