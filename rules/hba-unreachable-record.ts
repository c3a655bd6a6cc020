import { defineRule } from '../src/linter/rule.js';
import { analyzeHba, MAX_COMPARISONS, recordRef, recordText } from '../src/analysis/hba.js';
import type { HbaRecordInfo } from '../src/analysis/hba.js';

const STATE_WORDS: Record<string, string> = {
  hostssl: 'SSL connections',
  hostnossl: 'non-SSL connections',
  hostgssenc: 'GSSAPI-encrypted connections',
  hostnogssenc: 'connections without GSSAPI encryption',
};

function covering(r: HbaRecordInfo): string {
  const from = r.line.file.path;
  const by = r.shadowedByAll;
  if (by.length === 1) return `${recordRef(by[0]!, from)} (${recordText(by[0]!)}) already matches every connection it could match`;
  const parts = by.map((b) => `${recordRef(b, from)} (${recordText(b)}) for ${STATE_WORDS[b.record.connType] ?? b.record.connType}`);
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]} together already match every connection it could match`;
}

export default defineRule({
  name: 'hba-unreachable-record',
  severity: 'warning',
  category: 'security',
  precedence: 90,
  appliesTo: ['pg_hba.conf'],
  requires: ['pg_hba.conf'],
  docs: () => ({
    summary: 'A pg_hba.conf record no connection can reach, because earlier records already match everything it matches',
    why:
      'PostgreSQL uses the first record whose connection type, database, user and address match, and never ' +
      'looks further. A record placed after a broader one (for example after `host all all 0.0.0.0/0 reject`, ' +
      'or a `hostssl` record after a `host` record for the same databases, users and network) never takes ' +
      'effect: whoever edits it believes they changed access when they did not. Because such a record grants ' +
      'nothing, the exposure rules (hba-open-to-world, hba-trust-remote, …) do not check it. Only certain cases ' +
      'are reported: a group (`+role`), a regular expression, `samehost`, `samenet` or a host name is assumed ' +
      'to cover only the identical token.',
    invalid: ['host    all   all   0.0.0.0/0   reject\nhost    sales   app   10.20.0.0/16   scram-sha-256'],
    valid: [
      'host    sales   app   10.20.0.0/16   scram-sha-256\nhost    all   all   0.0.0.0/0   reject',
      'hostssl   all   all   10.0.0.0/8   scram-sha-256\nhost    all   all   10.0.0.0/8   reject',
    ],
    references: ['https://www.postgresql.org/docs/current/auth-pg-hba-conf.html'],
    versions: 'all',
  }),
  check(ctx) {
    const hba = ctx.cluster.hba;
    if (!hba) return;
    const analysis = analyzeHba(hba);
    for (const r of analysis.unreachable) {
      const first = r.shadowedByAll[0]!;
      ctx.report({
        loc: r.loc,
        message: `unreachable record: ${covering(r)}, and the first matching record wins; it grants nothing (so it is not checked for exposure)`,
        help: `Delete this record, or move it above ${recordRef(first, r.line.file.path)} if it was meant to take effect.`,
        related: r.shadowedByAll.map((b) => ({ message: 'the earlier record that matches first', loc: b.loc })),
      });
    }
    const cut = analysis.incompleteAt;
    if (cut) {
      ctx.report({
        loc: cut.loc,
        message: `reachability analysed only up to here: more than ${MAX_COMPARISONS} comparisons of database and user names (records with long lists); this record and the later ones are treated as reachable, so unreachable ones among them are not reported (exposure rules still check them)`,
        help: 'Shorten the database and user lists (a +group instead of hundreds of names), or split the file.',
      });
    }
  },
});
