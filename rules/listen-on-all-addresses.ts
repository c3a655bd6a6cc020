import { defineRule } from '../src/linter/rule.js';
import { addressLoc, recordRef } from '../src/analysis/hba.js';
import { hbaExposures } from '../src/analysis/exposure.js';
import { splitQuotedList } from '../src/lexical/guc-list.js';
import type { Loc } from '../src/types.js';
import { boundQuote } from '../src/linter/redact.js';

const MEANING: Record<string, string> = {
  '*': 'every network interface (all IPv4 and IPv6 addresses)',
  '0.0.0.0': 'every IPv4 interface',
  '::': 'every IPv6 interface',
};

export default defineRule({
  name: 'listen-on-all-addresses',
  severity: 'info',
  category: 'security',
  precedence: 160,
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'listen_addresses accepts TCP connections on every interface',
    why:
      "`listen_addresses = '*'` (or `0.0.0.0`, `::`) makes the server accept TCP connections on every network " +
      'interface, including public ones, so pg_hba.conf and the firewall are the only protection left. That is ' +
      'often intended (containers, servers behind a firewall), so on its own this is information. It becomes a ' +
      'warning when the same cluster\'s pg_hba.conf also has a record open to every address that can match a ' +
      'connection (reachable, not `reject`, not `hostssl` while ssl is off, no template placeholder; the ' +
      'exposure model of hba-open-to-world): then nothing in the configuration limits who can try to log in.',
    invalid: [
      "listen_addresses = '*'",
      { 'postgresql.conf': "listen_addresses = '0.0.0.0'", 'pg_hba.conf': 'host    all   all   0.0.0.0/0   scram-sha-256' },
    ],
    valid: ["listen_addresses = 'localhost, 10.20.0.5'", "#listen_addresses = '*'"],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-LISTEN-ADDRESSES',
      'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const s = ctx.setting('listen_addresses');
    if (!s || s.isDefault || typeof s.value !== 'string' || !s.loc) return;
    // SplitGUCList, as PostmasterMain applies it to listen_addresses, with each entry's offsets.
    const entries = splitQuotedList(s.value);
    const hit = entries?.find((e) => e.name in MEANING);
    if (!hit) return;
    // Point at the entry when the value's characters map one to one onto the file.
    const raw = s.assignment?.line.raw ?? '';
    let loc: Loc = s.loc;
    if (raw === s.value) loc = { file: s.loc.file, start: s.loc.start + hit.start, end: s.loc.start + hit.end };
    else if (raw.length === s.value.length + 2 && raw.slice(1, -1) === s.value) {
      loc = { file: s.loc.file, start: s.loc.start + 1 + hit.start, end: s.loc.start + 1 + hit.end };
    }
    const spelled = raw || s.value;
    const base = `listen_addresses = ${boundQuote(spelled)} accepts TCP connections on ${MEANING[hit.name]}`;
    const open = hbaExposures(ctx)
      .filter((e) => e.reach === 'world' && e.strength !== 'reject')
      .map((e) => e.info);
    const first = open[0];
    if (!first) {
      ctx.report({
        loc,
        message: `${base}: pg_hba.conf and the firewall are the only protection`,
        help: 'List only the addresses clients use (e.g. listen_addresses = \'localhost, 10.20.0.5\'), unless the host is firewalled or a container.',
      });
      return;
    }
    const more = open.length > 1 ? ` (and ${open.length - 1} more such records)` : '';
    ctx.report({
      loc,
      message: `${base}, and ${recordRef(first)} is open to every address: ${first.exposure}${more}`,
      help: 'Listen only on the addresses clients use, and restrict the pg_hba.conf record to the networks that need access.',
      severity: 'warning',
      related: open.slice(0, 5).map((r) => ({ message: `open to every address: ${r.exposure}`, loc: addressLoc(r.record.address!) })),
    });
  },
});
