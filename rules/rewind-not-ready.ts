import { analyzeHba, tokenLoc } from '../src/analysis/hba.js';
import { foldName } from '../src/catalog/catalog.js';
import { parseBool } from '../src/catalog/values.js';
import { boundQuote } from '../src/linter/redact.js';
import { defineRule, type RuleContext } from '../src/linter/rule.js';
import { assignmentKinds, type SettingView } from '../src/linter/settings.js';
import type { Loc } from '../src/types.js';

/** What the files (or the declared facts) show about the server's part in physical failover. */
export interface FailoverEvidence {
  /** In words, for the message: the role and the evidence ("this server is a standby (primary_conninfo is set)"). */
  what: string;
  /** Where it is written; undefined for a declared fact (assume:). */
  loc?: Loc;
  /**
   * strong: the server is (or feeds) a standby; weak: only replication capacity written explicitly
   * (max_wal_senders / max_replication_slots > 0), which many standalone servers also carry.
   */
  strength: 'strong' | 'weak';
}

const quoteValue = (s: SettingView): string => boundQuote(s.assignment?.line.raw ?? s.canonical, 60);

/**
 * Where the cluster shows that it takes part in physical failover, strongest first, in file order
 * within each kind. Defaults are never evidence: PostgreSQL 10+ ships max_wal_senders = 10,
 * max_replication_slots = 10 and wal_level = replica, so every standalone server "has" them.
 * Writing wal_level = replica is no evidence either (it is also what base backups and PITR need).
 */
export function failoverEvidence(ctx: RuleContext): FailoverEvidence[] {
  const out: FailoverEvidence[] = [];
  const written = (name: string, pred: (v: boolean | number | string) => boolean): SettingView | undefined => {
    const s = ctx.setting(name);
    return s && !s.isDefault && s.loc && pred(s.value) ? s : undefined;
  };
  const nonEmpty = (v: boolean | number | string): boolean => typeof v === 'string' && v.trim() !== '';

  // A carrier that says it rewinds after a failover (Patroni's use_pg_rewind) says it most directly.
  for (const e of ctx.cluster.carrier?.failover ?? []) out.push({ what: `this server takes part in failover (${e.what})`, loc: e.loc, strength: 'strong' });
  // A standby: standby.signal (12+; before 12 the file means nothing), primary_conninfo /
  // primary_slot_name, a recovery.conf (≤11 form) with standby_mode or primary_conninfo, or
  // standby_mode carried over into postgresql.conf.
  if (ctx.major >= 12) {
    for (const s of ctx.cluster.signals) {
      if (s.kind === 'standby.signal') out.push({ what: `this server is a standby (${s.file.path} exists)`, loc: { file: s.file.path, start: 0, end: 0 }, strength: 'strong' });
    }
  }
  const conninfo = written('primary_conninfo', nonEmpty);
  if (conninfo) out.push({ what: 'this server is a standby (primary_conninfo is set)', loc: conninfo.lineLoc!, strength: 'strong' });
  const slot = written('primary_slot_name', nonEmpty);
  if (slot && !conninfo) out.push({ what: `this server is a standby (primary_slot_name = ${quoteValue(slot)})`, loc: slot.lineLoc!, strength: 'strong' });
  // The unknown names only (standby_mode is no parameter from 12): a name that is no parameter's
  // has its key folded from its line each time it is asked for.
  for (const a of assignmentKinds(ctx.cluster).unknown) {
    if (a.key !== 'standby_mode' || a.overriddenBy) continue;
    if (!isOn(a.line.value)) continue;
    out.push({ what: `this server is meant to be a standby (standby_mode = ${boundQuote(a.line.raw, 60)})`, loc: { file: a.file.path, start: a.line.nameStart, end: a.line.valueEnd }, strength: 'strong' });
  }
  // recovery.conf only up to 11: from 12 the server refuses to start with it, and
  // recovery-conf-obsolete reports it at this very line.
  const rec = ctx.major < 12 ? ctx.cluster.recovery : undefined;
  if (rec) {
    // recovery.conf keeps the last value of each name, like postgresql.conf.
    const last = new Map<string, (typeof rec.lines)[number] & { kind: 'setting' }>();
    for (const l of rec.lines) if (l.kind === 'setting') last.set(foldName(l.name), l);
    const mode = last.get('standby_mode');
    const info = last.get('primary_conninfo');
    const l = mode && isOn(mode.value) ? mode : info && info.value.trim() !== '' ? info : undefined;
    if (l) out.push({ what: `this server is a standby (${l.name} in recovery.conf)`, loc: { file: rec.file.path, start: l.nameStart, end: l.valueEnd }, strength: 'strong' });
  }
  // A primary with standbys: synchronous standbys named, or replication connections allowed from
  // other hosts.
  const sync = written('synchronous_standby_names', nonEmpty);
  if (sync) out.push({ what: `this server has synchronous standbys (synchronous_standby_names = ${quoteValue(sync)})`, loc: sync.lineLoc!, strength: 'strong' });
  if (ctx.cluster.hba) {
    const sslOff = ctx.setting('ssl')?.value === false;
    for (const r of analyzeHba(ctx.cluster.hba).reachable) {
      if (!r.replication || r.record.method === 'reject' || r.isLocal || r.isLoopbackOnly) continue;
      if (r.record.connType === 'hostssl' && sslOff) continue; // can never match (hba-hostssl-without-ssl)
      // At the connection type: the hba rules report this record's exposure at its database,
      // address, user and method tokens, and pg_rewind is a different problem from the exposure (a
      // shared group would let this warning stand in for an hba finding of equal severity).
      out.push({
        what: `this server serves standbys on other hosts (pg_hba.conf line ${r.line.line} allows replication connections from them)`,
        loc: tokenLoc(r.record.connTypeToken),
        strength: 'strong',
      });
      break;
    }
  }
  if (ctx.assume.failover === true) out.push({ what: 'this server takes part in physical failover (assume.failover: true)', strength: 'strong' });
  if (ctx.assume.role === 'standby') out.push({ what: 'this server is a standby (assume.role: standby)', strength: 'strong' });

  // With wal_level = logical written, senders and slots are what logical replication needs (every
  // subscription takes a slot and a sender): no sign of a physical standby.
  const logical = written('wal_level', (v) => v === 'logical');
  const senders = logical ? undefined : written('max_wal_senders', (v) => typeof v === 'number' && v > 0);
  if (senders) out.push({ what: `this server may feed standbys (max_wal_senders = ${quoteValue(senders)})`, loc: senders.lineLoc!, strength: 'weak' });
  const slots = logical ? undefined : written('max_replication_slots', (v) => typeof v === 'number' && v > 0);
  if (slots) out.push({ what: `this server may feed standbys (max_replication_slots = ${quoteValue(slots)})`, loc: slots.lineLoc!, strength: 'weak' });
  // The finding points at the first: written strong evidence, then a declaration, then weak evidence.
  return [...out.filter((e) => e.loc && e.strength === 'strong'), ...out.filter((e) => !e.loc), ...out.filter((e) => e.strength === 'weak')];
}

/** recovery.conf's standby_mode is a boolean (parse_bool). */
const isOn = (v: string): boolean => parseBool(v.trim()) === true;

export default defineRule({
  name: 'rewind-not-ready',
  severity: 'warning',
  category: 'durability',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf', 'pg_hba.conf', 'recovery.conf', 'standby.signal'],
  needs: ['dataChecksums', 'failover'],
  docs: () => ({
    summary: 'A server that takes part in failover cannot be rewound with pg_rewind (wal_log_hints off, no data checksums)',
    why:
      'After a failover the old primary has usually written WAL that the new primary never saw. pg_rewind can ' +
      'bring it back as a standby in minutes; without it, the old primary must be rebuilt from a full base ' +
      'backup, which for a large cluster takes hours with reduced redundancy. pg_rewind refuses to rewind a ' +
      'server that ran with wal_log_hints = off unless it has data checksums. Data checksums are chosen at ' +
      'initdb time and are not visible in postgresql.conf: they are on by default from PostgreSQL 18 ' +
      '(initdb --no-data-checksums turns them off; clusters upgraded with pg_upgrade keep their old state) and ' +
      'off by default before. Declare the fact with `assume: { dataChecksums: true }` (or `false`).\n\n' +
      'pg_rewind matters only for a server that takes part in physical failover, so the rule speaks only when ' +
      'the cluster shows it, and it points at that evidence: a standby configuration (primary_conninfo or ' +
      'primary_slot_name set, a standby.signal file, a recovery.conf with standby_mode or primary_conninfo (11 and earlier), ' +
      'standby_mode carried into postgresql.conf), synchronous_standby_names set, a pg_hba.conf record that ' +
      'allows `replication` connections from other hosts (not reject, not loopback-only, not shadowed), ' +
      '`assume: { failover: true }` or `assume: { role: standby }` → warning. An explicitly written ' +
      'max_wal_senders or max_replication_slots above 0 is weak evidence (many standalone servers carry them ' +
      'for backups) → info, and not even that when wal_level = logical is written (logical replication needs senders and slots too). Defaults never count (PostgreSQL 10+ ships ' +
      'max_wal_senders = 10 and wal_level = replica), nor does writing wal_level = replica. ' +
      '`assume: { failover: false }` declares a server that never fails over and silences the rule. ' +
      'full_page_writes = off, which also stops pg_rewind, is reported by full-page-writes-off alone.',
    invalid: [
      { 'postgresql.conf': "primary_conninfo = 'host=primary user=replicator'", PG_VERSION: '17' },
      { 'postgresql.conf': 'max_wal_senders = 5', PG_VERSION: '16' },
    ],
    valid: [
      { 'postgresql.conf': "primary_conninfo = 'host=primary user=replicator'\nwal_log_hints = on", PG_VERSION: '17' },
      { 'postgresql.conf': 'wal_level = replica', PG_VERSION: '17' },
      { 'postgresql.conf': "primary_conninfo = 'host=primary user=replicator'", PG_VERSION: '18' },
      { 'postgresql.conf': "primary_conninfo = 'host=primary user=replicator'\nwal_log_hints = on\nfull_page_writes = off", PG_VERSION: '17' },
    ],
    references: [
      'https://www.postgresql.org/docs/current/app-pgrewind.html',
      'https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-WAL-LOG-HINTS',
      'https://www.postgresql.org/docs/current/app-initdb.html#APP-INITDB-DATA-CHECKSUMS',
      'https://www.postgresql.org/docs/current/warm-standby.html#STANDBY-SERVER-SETUP',
    ],
    versions: 'all; data checksums are the initdb default from 18, so without assume.dataChecksums the rule is quiet on 18',
  }),
  check(ctx) {
    // Only for a cluster that has a postgresql.conf: without it nothing is known about wal_log_hints.
    const clusterLoc = ctx.clusterLoc();
    if (!clusterLoc) return;
    if (ctx.assume.failover === false) return;

    const hints = ctx.setting('wal_log_hints');
    if (hints?.value !== false) return;
    // A carrier may show data checksums on (a container's POSTGRES_INITDB_ARGS --data-checksums).
    const declared = ctx.assume.dataChecksums ?? (ctx.cluster.carrier?.cluster.dataChecksums ? true : undefined);
    if (declared ?? ctx.major >= 18) return;
    const evidence = failoverEvidence(ctx);
    const first = evidence[0];
    if (!first) return;

    const setting = hints.loc ? `wal_log_hints = ${quoteValue(hints)}` : 'wal_log_hints is off (the default)';
    const checksums =
      declared === false
        ? 'data checksums are declared off (assume.dataChecksums: false)'
        : 'data checksums are not declared (assume.dataChecksums; off by default before PostgreSQL 18)';
    const consequence =
      declared === false
        ? 'pg_rewind refuses to rewind it after a failover, so it must be rebuilt from a base backup'
        : 'pg_rewind can rewind it after a failover only if it has data checksums';
    ctx.report({
      loc: first.loc ?? hints.loc ?? clusterLoc,
      message: `${first.what}, but ${setting} and ${checksums}: ${consequence}`,
      help:
        declared === false
          ? 'Set wal_log_hints = on (requires a restart).'
          : 'Set wal_log_hints = on (requires a restart); if the cluster was initialized with data checksums, declare assume: { dataChecksums: true }, and if it never fails over, assume: { failover: false }.',
      ...(first.strength === 'weak' ? { severity: 'info' as const } : {}),
      ...(hints.loc && first.loc ? { related: [{ message: 'wal_log_hints is turned off here', loc: hints.loc }] } : {}),
    });
  },
});
