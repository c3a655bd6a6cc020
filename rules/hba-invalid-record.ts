import { defineRule, floodGuard, relativizeMessage } from '../src/linter/rule.js';
import { boundQuote, boundQuotes } from '../src/linter/redact.js';
import { hbaTokenGroupKey } from '../src/analysis/template.js';
import { hbaRecordGroupKey } from '../src/analysis/exposure.js';
import { tokenLoc } from '../src/analysis/hba.js';
import type { HbaLine, HbaZone } from '../src/parse/pg-hba.js';
import type { AuthError, HbaReason } from '../src/parse/auth-tokens.js';
import type { SourceFile } from '../src/source/source.js';

/**
 * A pg_hba.conf problem's message with the file text it quotes bounded: every double-quoted token
 * (tokens cannot contain a double quote, so quotes pair up), and the token PostgreSQL appends
 * unquoted (the parser's `reason.unquoted`).
 */
export function boundHbaMessage(p: AuthError, file: SourceFile): string {
  const r = p.reason;
  if (r && 'unquoted' in r && !r.unquoted.includes('\n')) {
    return relativizeMessage(p.message.slice(0, p.message.length - r.unquoted.length), file) + boundQuote(r.unquoted);
  }
  return boundQuotes(relativizeMessage(p.message, file));
}

/** What to do, for the mistakes seen most often in real pg_hba.conf files (from the parser's reason). */
export function hbaHelp(reason: HbaReason | undefined, major: number): string | undefined {
  switch (reason?.code) {
    case 'invalid-ip-mask':
      return 'An address without a /prefix must be followed by a netmask column; write it in CIDR form, e.g. 10.30.0.0/16.';
    case 'clientcert':
      return major >= 14
        ? 'Use clientcert=verify-ca or clientcert=verify-full (PostgreSQL 14 removed 1, 0 and no-verify).'
        : 'Use clientcert=verify-ca or clientcert=verify-full, on hostssl records only.';
    case 'invalid-method':
      return reason.method === 'crypt' || reason.method === 'krb5' ? 'Use scram-sha-256 (or gss for Kerberos).' : undefined;
    case 'peer-not-local':
      return 'Use scram-sha-256 (or ident) for host records; peer works on local records only.';
    case 'invalid-connection-type':
      return reason.type.startsWith('include') ? 'include directives in pg_hba.conf need PostgreSQL 16 or later.' : undefined;
    default:
      return undefined;
  }
}

/** The zones of the line's address and netmask columns (not those of RADIUS servers). */
function addressZones(line: HbaLine): HbaZone[] {
  const a = line.record?.address;
  const f = line.fields[3]?.tokens[0];
  const texts = a ? [a.token.text, a.maskToken?.text] : f ? [f.text, line.fields[4]?.tokens[0]?.text] : [];
  const hosts = texts.filter((t): t is string => t !== undefined).map((t) => (t.includes('/') ? t.slice(0, t.indexOf('/')) : t));
  return line.zones.filter((z) => hosts.includes(z.text));
}

const ZONE_HELP =
  'Drop the zone: PostgreSQL accepts an interface name (%eth0) only on link-local addresses (fe80::/10) of a server that has ' +
  'that interface, and ignores the zone when it matches a connection (only the address is compared).';

export default defineRule({
  name: 'hba-invalid-record',
  severity: 'error',
  category: 'validity',
  precedence: 220,
  appliesTo: ['pg_hba.conf'],
  requires: ['pg_hba.conf'],
  docs: () => ({
    summary: 'A pg_hba.conf record PostgreSQL rejects',
    why:
      'PostgreSQL loads pg_hba.conf all or nothing: one invalid record makes the server refuse to start, and ' +
      'on reload the old rules stay in force (the change silently does not happen). Typical causes: an IP ' +
      'address without a CIDR mask (the method is then read as the netmask), a removed method such as ' +
      '`crypt`, `peer` on a host record, `clientcert` outside `hostssl` or with a value the version rejects, ' +
      'options the method does not take, and syntax newer than the target version (regular expressions and ' +
      'include directives 16+, `\\` continuation 14+, `hostgssenc` 12+, `oauth` 18+).\n\n' +
      'IPv6 zone ids (`fe80::1%eth0/128`) are read as glibc reads them on Linux: an interface name only on link-local ' +
      'addresses (fe80::/10, and ff01::/ff02:: multicast), and only when the server has that interface; a number (`%2`) ' +
      'on any IPv6 address; no zone on IPv4. A zone PostgreSQL does not accept turns the address into a host name, and ' +
      'the record is rejected. Which interfaces the server has cannot be seen from the repository: a record whose ' +
      'interface name is valid gets an info finding saying that it depends on the host, and is otherwise read as if the ' +
      'interface existed (the zone plays no part in matching: PostgreSQL compares the address bytes only, so dropping it ' +
      'changes nothing on a server that accepts it).',
    invalid: ['host    all   all   10.0.0.0   scram-sha-256', 'host    all   all   127.0.0.1/32   crypt'],
    valid: ['host    all   all   10.0.0.0/8   scram-sha-256', 'host    all   all   10.0.0.0   255.0.0.0   scram-sha-256'],
    references: ['https://www.postgresql.org/docs/current/auth-pg-hba-conf.html'],
    versions: 'all; syntax differs by version',
  }),
  check(ctx) {
    const out = floodGuard(ctx, 'invalid records');
    const hba = ctx.cluster.hba;
    if (!hba) return;
    for (const line of hba.lines) {
      const p = line.problem;
      const zones = addressZones(line);
      const assumed = zones.filter((z) => z.verdict === 'assumed');
      if (!p) {
        // A valid record whose address names an interface: valid only on servers that have it.
        const r = line.record;
        if (!r?.address || assumed.length === 0) continue;
        const z = assumed[0]!;
        out.report({
          loc: tokenLoc(r.address.token),
          severity: 'info',
          message:
            `"${boundQuote(z.text)}" names network interface "${boundQuote(z.interface!)}": PostgreSQL accepts the zone only on a server ` +
            `that has this interface; on one without it, the address is read as a host name and PostgreSQL ${ctx.major} rejects ` +
            'the record, so the server refuses to start',
          help: `${ZONE_HELP} Here "${boundQuote(r.address.token.text.replace(/%[^/]*/, ''))}" matches the same connections on every server.`,
          group: { key: hbaRecordGroupKey(r), concern: `the zone %${z.zone} needs network interface ${z.interface} on the server (hba-invalid-record)` },
        });
        continue;
      }
      const outside = p.code === 'not-allowed';
      // PostgreSQL quotes the offending token whole; we quote at most QUOTE_MAX_CHARS of it.
      const text = boundHbaMessage(p, hba.file);
      out.report({
        loc: { file: p.file.path, start: p.start, end: p.end },
        // git-dir: an error (the rule's severity): .git/ is never deployed configuration, and it
        // holds the job's token; the message names the reason, the file's text was never read.
        message: outside
          ? `${text}: the file lies outside the checked root and was not read`
          : p.code === 'git-dir' || p.code === 'limit' // limit: PostgreSQL would read on; the message says what was not
            ? text
            : `${text}: PostgreSQL ${ctx.major} rejects this record${assumed.length ? ` (on a server that has network interface "${boundQuote(assumed[0]!.interface!)}")` : ''}, so the server refuses to start and a reload keeps the old rules`,
        help: !p.code && zones.some((z) => z.verdict === 'rejected') ? ZONE_HELP : outside ? undefined : p.code === 'git-dir' ? 'Configuration never lives in .git/; name a file of the repository instead.' : p.code === 'limit' ? 'Name each user or database list once per record: the same @file referenced from many places multiplies what it expands to, and pgconf-lint checks none of the expansion past its limit.' : hbaHelp(p.reason, ctx.major),
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
