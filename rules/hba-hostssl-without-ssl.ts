import { defineRule } from '../src/linter/rule.js';
import { analyzeHba, tokenLoc } from '../src/analysis/hba.js';
import { lineColumn } from '../src/source/source.js';
import { EXPOSURE_MODEL_DOC, hbaRecordGroupKey, recordPlaceholder } from '../src/analysis/exposure.js';

export default defineRule({
  name: 'hba-hostssl-without-ssl',
  severity: 'error',
  category: 'security',
  precedence: 80,
  appliesTo: ['pg_hba.conf', 'postgresql.conf'],
  requires: ['pg_hba.conf', 'postgresql.conf'],
  docs: () => ({
    summary: '`hostssl` records while the cluster\'s `ssl` is off, so they can never match',
    why:
      'A `hostssl` record matches only SSL connections, and with `ssl = off` (the default when postgresql.conf ' +
      'does not set it) there are none: PostgreSQL loads the record but only logs "hostssl record cannot match ' +
      'because SSL is disabled". Clients the record was written for are refused, or fall through to a later, ' +
      'often weaker, record. Checked only when the cluster has both pg_hba.conf and postgresql.conf. Such a ' +
      'record gets only this finding: the exposure rules (hba-open-to-world, hba-md5, listen-on-all-addresses …) ' +
      'skip it, since it admits nobody. A record still holding a template placeholder is left to unrendered-template.\n\n' +
      EXPOSURE_MODEL_DOC,
    invalid: [{ 'pg_hba.conf': 'hostssl    all   app   10.20.0.0/16   scram-sha-256', 'postgresql.conf': 'ssl = off' }],
    valid: [
      { 'pg_hba.conf': 'hostssl    all   app   10.20.0.0/16   scram-sha-256', 'postgresql.conf': 'ssl = on' },
      'hostssl    all   app   10.20.0.0/16   scram-sha-256',
    ],
    references: [
      'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html',
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SSL',
      'https://www.postgresql.org/docs/current/ssl-tcp.html',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const hba = ctx.cluster.hba;
    const ssl = ctx.setting('ssl');
    if (!hba || !ctx.cluster.conf || !ssl || ssl.value !== false) return;
    const a = ssl.assignment;
    const where = a ? `ssl = ${a.line.raw} at ${a.file.path}:${lineColumn(a.file, a.line.nameStart).line}` : 'ssl is not set in postgresql.conf, and the default is off';
    for (const r of analyzeHba(hba).reachable) {
      if (r.record.connType !== 'hostssl') continue;
      const rec = r.record;
      if (recordPlaceholder(rec) !== null) continue;
      ctx.report({
        loc: tokenLoc(r.record.connTypeToken),
        message: `hostssl record can never match (${where}): it never grants what it describes (${r.exposure}); such a connection is refused or falls through to a later record`,
        help: 'Turn SSL on (ssl = on with ssl_cert_file and ssl_key_file), or write host if unencrypted connections are intended.',
        ...(ssl.lineLoc ? { related: [{ message: 'ssl is turned off here', loc: ssl.lineLoc }] } : {}),
        group: { key: hbaRecordGroupKey(rec), concern: 'it can never match while ssl is off (hba-hostssl-without-ssl)' },
      });
    }
  },
});
