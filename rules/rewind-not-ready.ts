import { defineRule, type RuleContext } from '../src/engine/rule.js';
import type { Loc } from '../src/types.js';

/**
 * Where the files show that this server takes part in replication, so that pg_rewind matters:
 * a declared role, a recovery.conf, or replication settings written in a file. Defaults alone
 * (every PostgreSQL 10+ has max_wal_senders = 10) are no evidence: a standalone server that never
 * fails over has no use for pg_rewind, and flagging it would be noise.
 */
export function replicationEvidence(ctx: RuleContext): { what: string; loc?: Loc } | undefined {
  if (ctx.assume.role) return { what: `assume.role: ${ctx.assume.role}` };
  if (ctx.cluster.recovery) return { what: 'a recovery.conf', loc: { file: ctx.cluster.recovery.file.path, start: 0, end: 0 } };
  const set = (name: string, pred: (v: boolean | number | string) => boolean) => {
    const s = ctx.setting(name);
    return s && !s.isDefault && pred(s.value) ? s : undefined;
  };
  const signals = [
    set('primary_conninfo', (v) => v !== ''),
    set('primary_slot_name', (v) => v !== ''),
    set('synchronous_standby_names', (v) => v !== ''),
    set('max_wal_senders', (v) => typeof v === 'number' && v > 0),
    set('max_replication_slots', (v) => typeof v === 'number' && v > 0),
    set('wal_level', (v) => v === 'replica' || v === 'logical'),
    set('hot_standby', (v) => v === true),
    set('wal_log_hints', () => true),
  ];
  const hit = signals.find((s) => s !== undefined);
  return hit ? { what: `${hit.name} is set`, ...(hit.lineLoc ? { loc: hit.lineLoc } : {}) } : undefined;
}

export default defineRule({
  name: 'rewind-not-ready',
  severity: 'warning',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  needs: ['dataChecksums'],
  docs: {
    summary: "pg_rewind's prerequisites are not visible in the configuration",
    why:
      'After a failover the old primary has usually written WAL that the new primary never saw. pg_rewind can ' +
      'bring it back as a standby in minutes; without it, the old primary must be rebuilt from a full base ' +
      'backup, which for a large cluster takes hours with reduced redundancy. pg_rewind refuses to run unless ' +
      'the rewound server used wal_log_hints = on or has data checksums, and unless full_page_writes is on. ' +
      'Data checksums are chosen at initdb time and are not visible in postgresql.conf: they are on by default ' +
      'from PostgreSQL 18 (initdb --no-data-checksums turns them off; clusters upgraded with pg_upgrade keep ' +
      'their old state) and off by default before. Declare the fact with `assume: { dataChecksums: true }` ' +
      '(or `false`) in the pgconf-lint configuration. The wal_log_hints check applies only to servers that ' +
      'take part in replication: a declared `assume.role`, a recovery.conf, or replication settings written in ' +
      'the files (primary_conninfo, max_wal_senders, wal_level = replica, ...); defaults alone do not count.',
    invalid: ['full_page_writes = off'],
    valid: ['wal_log_hints = on', 'full_page_writes = on', 'work_mem = 64MB'],
    references: [
      'https://www.postgresql.org/docs/current/app-pgrewind.html',
      'https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-WAL-LOG-HINTS',
      'https://www.postgresql.org/docs/current/app-initdb.html#APP-INITDB-DATA-CHECKSUMS',
    ],
    versions: 'all; data checksums are the initdb default from 18',
  },
  check(ctx) {
    // Only for a cluster that has a postgresql.conf: without it nothing is known about the server.
    const clusterLoc = ctx.clusterLoc();
    if (!clusterLoc) return;

    const fpw = ctx.setting('full_page_writes');
    if (fpw?.value === false && fpw.loc) {
      ctx.report({
        loc: fpw.loc,
        message: `full_page_writes = ${fpw.assignment?.line.value.raw ?? fpw.canonical}: pg_rewind requires full_page_writes = on, so this server cannot be rewound or used as a rewind source after a failover`,
        help: 'Set full_page_writes = on (the default).',
      });
    }

    const hints = ctx.setting('wal_log_hints');
    if (hints?.value !== false) return;
    if (!replicationEvidence(ctx)) return;
    const declared = ctx.assume.dataChecksums;
    const checksums = declared ?? ctx.major >= 18;
    if (checksums) return;
    const setting = hints.loc ? `wal_log_hints = ${hints.assignment?.line.value.raw ?? hints.canonical}` : 'wal_log_hints is off (the default)';
    // Without a declaration the checksum state is unknown: say what follows, not more.
    const message =
      declared === false
        ? `${setting} and data checksums are declared off (assume.dataChecksums: false): pg_rewind refuses to rewind this server after a failover`
        : `${setting} and data checksums are not declared (assume.dataChecksums; off by default before PostgreSQL 18): pg_rewind can rewind this server after a failover only if it has data checksums`;
    ctx.report({
      loc: hints.loc ?? clusterLoc,
      message,
      help:
        declared === false
          ? 'Set wal_log_hints = on (requires a restart).'
          : 'Set wal_log_hints = on (requires a restart), or, if the cluster was initialized with data checksums, declare assume: { dataChecksums: true } in the pgconf-lint configuration.',
    });
  },
});
