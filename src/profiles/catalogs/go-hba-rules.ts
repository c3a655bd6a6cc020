// go_hba_rules: a pg_hba.conf linter's issue codes.
// Source: github.com/DeadDreamer/go_hba_rules at commit 3536c31e8b584f1ad77b3fbbf883f87186cdbe0c,
// README.md ("Error codes reference") and pkg/hba/checks.go, pkg/hba/overlap.go: codes and short
// titles (titles in our words, from the code's English descriptions). Every code reads pg_hba.conf
// (identMapMissing also pg_ident.conf; the ssl codes the cluster's ssl setting), so all 23 are
// decidable from files.
import { once } from '../../lexical/once.js';
import type { Catalog, CatalogControl } from './index.js';

const hba = 'reads pg_hba.conf only';
const withSsl = 'reads pg_hba.conf and the ssl setting of postgresql.conf';
const overlap = 'compares pg_hba.conf records with the records above them';

const controls = (): CatalogControl[] => [
  { id: 'trustNetwork', title: 'trust on a network record', decidable: 'files', why: hba, rules: ["hba-trust-remote", "hba-local-trust"], disagreement: "trust on a loopback record for a named ordinary role (not all users, not a superuser) is not flagged by default: only processes on the server reach it, as that one role; `--profile cis` and `--profile stig` flag it (option anyRole of hba-local-trust)" },
  { id: 'passwordNoTLS', title: 'password method without guaranteed TLS (ssl on)', decidable: 'files', why: withSsl, rules: ['hba-cleartext-password'] },
  { id: 'passwordNoSSL', title: 'password method with ssl off', decidable: 'files', why: withSsl, rules: ['hba-cleartext-password'] },
  { id: 'passwordWithTLS', title: 'password method even over TLS', decidable: 'files', why: hba, rules: ['hba-cleartext-password'] },
  { id: 'md5Deprecated', title: 'md5 method is deprecated', decidable: 'files', why: hba, rules: ['hba-md5'] },
  { id: 'nonTLSPath', title: 'host/hostnossl from non-loopback addresses while ssl is on', decidable: 'files', why: withSsl, rules: ["hba-tls-not-required"] },
  { id: 'hostsslNoSSL', title: 'hostssl records while ssl is off', decidable: 'files', why: withSsl, rules: ['hba-hostssl-without-ssl'] },
  { id: 'wideAddress', title: 'address range wider than the threshold', decidable: 'files', why: hba, rules: ['hba-wide-network', 'hba-open-to-world'] },
  { id: 'allDbAllUser', title: 'database all with user all', decidable: 'files', why: hba, rules: ["hba-all-users-all-databases"], disagreement: "not flagged on `local` records (`local all all peer` is PostgreSQL's own default), on loopback records (initdb's `host all all 127.0.0.1/32`) or on `reject` records: they admit no one from the network" },
  { id: 'replicationWideAccess', title: 'replication from a wide network or for all users', decidable: 'files', why: hba, rules: ['hba-replication-open'] },
  { id: 'identNoMap', title: 'ident without map=', decidable: 'files', why: hba, rules: ["hba-ident-over-tcp"], disagreement: "hba-ident-over-tcp flags ident over TCP from beyond the server, map or not (the client host's ident server says who the user is); ident on loopback (the server's own ident server) and `local \u2026 ident` (peer) are not flagged, with or without map=" },
  { id: 'identMapMissing', title: 'map= names a map pg_ident.conf does not define', decidable: 'files', why: 'reads pg_hba.conf and pg_ident.conf of the same cluster', rules: ["hba-map-undefined"] },
  { id: 'peerNonLocal', title: 'peer on a non-local record', decidable: 'files', why: hba, rules: ['hba-invalid-record'] },
  { id: 'localAllAll', title: 'local trust/peer for all databases and users', decidable: 'files', why: hba, rules: ['hba-local-trust'], disagreement: 'peer is not flagged: `local all all peer` is PostgreSQL\'s own default and proves the OS user (trust is flagged)' },
  { id: 'clientcertNonHostssl', title: 'clientcert outside hostssl', decidable: 'files', why: hba, rules: ['hba-invalid-record'] },
  { id: 'clientcertInvalid', title: 'clientcert value other than verify-ca/verify-full', decidable: 'files', why: hba, rules: ['hba-invalid-record'] },
  { id: 'shadowedByReject', title: 'record never reached because of an earlier reject', decidable: 'files', why: overlap, rules: ['hba-unreachable-record'] },
  { id: 'shadowedByHost', title: 'earlier host record shadows hostssl/hostnossl below', decidable: 'files', why: overlap, rules: ['hba-unreachable-record'] },
  { id: 'overlyBroadRule', title: 'broader, weaker record above a stricter one', decidable: 'files', why: overlap, rules: ['hba-unreachable-record'] },
  { id: 'shadowedByBroadRule', title: 'record shadowed by a broader, weaker one above', decidable: 'files', why: overlap, rules: ['hba-unreachable-record'] },
  { id: 'redundantRule', title: 'exact duplicate of an earlier record', decidable: 'files', why: overlap, rules: ['hba-unreachable-record'] },
  { id: 'shadowedRule', title: 'record fully covered by an earlier one', decidable: 'files', why: overlap, rules: ['hba-unreachable-record'] },
  { id: 'partialOverlap', title: 'partial overlap of addresses, databases or users', decidable: 'files', why: overlap, rules: [], disagreement: 'not flagged: partial overlaps are how pg_hba.conf files are written (a specific record before a broader one); only records no connection can reach are' },
];

export const goHbaRulesCatalog = once((): Catalog => ({
  name: 'go-hba-rules',
  title: 'go_hba_rules issue codes',
  source: { repo: 'DeadDreamer/go_hba_rules', commit: '3536c31e8b584f1ad77b3fbbf883f87186cdbe0c', path: 'README.md, pkg/hba/checks.go, pkg/hba/overlap.go' },
  controls: controls(),
  notes: [
    'go_hba_rules has no profile of its own: the default profile (`recommended`) reports every code below except `partialOverlap`. Where a code is broader than what pgconf-lint flags, the row says what is deliberately left alone and why: the default profile follows real exposure, so `local all all peer` (PostgreSQL\'s own default) and `reject` records are never flagged.',
  ],
}));
