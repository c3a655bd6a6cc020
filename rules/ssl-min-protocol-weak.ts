import { defineRule } from '../src/linter/rule.js';
import { opt } from '../src/linter/options.js';
import type { SettingView } from '../src/linter/settings.js';

/** The protocol versions ssl_min_protocol_version and ssl_max_protocol_version accept, oldest first. */
const VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
type Version = (typeof VERSIONS)[number];

const rank = (v: string): number => VERSIONS.findIndex((x) => x.toLowerCase() === v.toLowerCase());

/** What accepting a protocol below TLS 1.2 (or below TLS 1.3) leads to. */
function weakness(lowest: Version): string {
  if (rank(lowest) < rank('TLSv1.2'))
    return `clients can connect with ${lowest === 'TLSv1' ? 'TLS 1.0 or 1.1' : 'TLS 1.1'}, deprecated protocols (RFC 8996) with weak ciphers and MACs (CBC attacks such as BEAST, SHA-1 and MD5 in the handshake) that a man in the middle can force a connection down to`;
  return 'clients can connect with TLS 1.2, whose suites (ssl_ciphers) may lack forward secrecy or use CBC ciphers; the required minimum is TLS 1.3, whose suites all have both';
}

const written = (s: SettingView): string => s.assignment?.line.raw ?? s.canonical;

export default defineRule({
  name: 'ssl-min-protocol-weak',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  options: {
    minimum: opt.string('TLSv1.2', 'The oldest TLS version the server may accept (the `cis` profile sets `TLSv1.3`). With `TLSv1.3`, an absent ssl_min_protocol_version (which means TLSv1.2) is reported at the start of postgresql.conf.', { enum: VERSIONS }),
  },
  docs: () => ({
    summary: 'With ssl on, ssl_min_protocol_version (or ssl_max_protocol_version) lets connections use a TLS version older than the required minimum (TLS 1.2 by default)',
    why:
      'ssl_min_protocol_version is the oldest TLS version the server negotiates. TLS 1.0 and 1.1 are deprecated ' +
      '(RFC 8996): their handshake relies on MD5 and SHA-1 and their CBC suites have known attacks, and a client ' +
      'that offers a range can be pushed down to the oldest version both sides accept. PostgreSQL 13 and later ' +
      'default to TLS 1.2, so by default only an explicit weakening is reported; PostgreSQL 12 defaulted to ' +
      'TLSv1, so on 12 a server with ssl on and no ssl_min_protocol_version is reported too. ' +
      'ssl_max_protocol_version set below the minimum is worse: every TLS connection then uses the old protocol. ' +
      'Checked only when ssl is on in the cluster\'s configuration (with ssl off nothing is encrypted at all: ' +
      'ssl-disabled). The CIS Benchmark (6.8; pgdsat wants TLSv1.3) asks for TLS 1.3: the option `minimum` ' +
      'sets the required version, and then an absent ssl_min_protocol_version is reported at the start of ' +
      'postgresql.conf.',
    invalid: [
      "ssl = on\nssl_min_protocol_version = 'TLSv1'",
      "ssl = on\nssl_max_protocol_version = 'TLSv1.1'",
    ],
    valid: [
      "ssl = on\nssl_min_protocol_version = 'TLSv1.2'",
      "ssl = on\nssl_min_protocol_version = 'TLSv1.3'",
      "ssl = off\nssl_min_protocol_version = 'TLSv1'",
      'ssl = on',
    ],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SSL-MIN-PROTOCOL-VERSION',
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SSL-MAX-PROTOCOL-VERSION',
      'https://www.rfc-editor.org/rfc/rfc8996 (Deprecating TLS 1.0 and TLS 1.1)',
      'https://github.com/HexaCluster/pgdsat (check 6.8)',
    ],
    versions:
      '12+: ssl_min_protocol_version and ssl_max_protocol_version exist from PostgreSQL 12 (default TLSv1 in 12, ' +
      'TLSv1.2 from 13). On 10 and 11 the server accepts TLS 1.0 and later and nothing in the configuration can ' +
      'change that: the rule is silent there.',
    optionsNote:
      '```yaml\nrules:\n  ssl-min-protocol-weak: { minimum: TLSv1.3 }\n```',
  }),
  check(ctx) {
    const ssl = ctx.setting('ssl');
    if (ssl?.value !== true) return;
    const min = ctx.setting('ssl_min_protocol_version');
    if (!min || typeof min.value !== 'string') return;
    const m = ctx.options.minimum;
    const minimum: Version = typeof m === 'string' && rank(m) >= 0 ? VERSIONS[rank(m)]! : 'TLSv1.2';
    const minRank = rank(min.value);
    if (minRank >= 0 && minRank < rank(minimum)) {
      const loc = min.loc ?? ctx.clusterLoc();
      if (loc) {
        const what = min.loc
          ? `ssl_min_protocol_version = ${written(min)}`
          : `ssl_min_protocol_version (not set; the default${ctx.major === 12 ? ' in PostgreSQL 12' : ''} is ${min.canonical})`;
        ctx.report({
          loc,
          message: `${what} is below ${minimum}: ${weakness(VERSIONS[minRank]!)}`,
          help: `Set ssl_min_protocol_version = '${minimum}'${minimum === 'TLSv1.3' ? ' (clients need OpenSSL 1.1.1 or later, or another TLS 1.3 library)' : minimum === 'TLSv1.2' ? ' (clients with OpenSSL 1.0.1 or later support it)' : ''}.`,
        });
      }
    }
    const max = ctx.setting('ssl_max_protocol_version');
    if (!max?.loc || typeof max.value !== 'string' || max.value === '') return;
    const maxRank = rank(max.value);
    if (maxRank >= 0 && maxRank < rank(minimum)) {
      ctx.report({
        loc: max.loc,
        message: `ssl_max_protocol_version = ${written(max)} is below ${minimum}: no connection can use a newer TLS version, so every encrypted connection uses ${VERSIONS[maxRank]} or older`,
        help: `Remove ssl_max_protocol_version (no upper limit) or set it to '${minimum}' or later.`,
      });
    }
  },
});
