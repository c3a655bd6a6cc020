import { defineRule } from '../src/linter/rule.js';
import { opt } from '../src/linter/options.js';
import { freezeAgeGroupKey } from './freeze-table-age-clamped.js';

const DEFAULT_THRESHOLD = 1_500_000_000;
/** Transaction and multixact IDs wrap around at 2^31; the server stops assigning them shortly before. */
const WRAP_LIMIT = 2 ** 31;

const PARAMS = [
  // pg_xact holds 2 bits per transaction, back to the oldest unfrozen one.
  { name: 'autovacuum_freeze_max_age', what: 'transaction IDs', storage: (age: number) => `pg_xact can grow to ~${Math.round(age / 4 / 2 ** 20)} MB` },
  { name: 'autovacuum_multixact_freeze_max_age', what: 'multixact IDs', storage: () => 'pg_multixact grows accordingly' },
] as const;

export default defineRule({
  name: 'freeze-max-age-high',
  severity: 'info',
  category: 'durability',
  precedence: 210,
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  options: {
    threshold: opt.integer(DEFAULT_THRESHOLD, 'Report a value above it; it applies to both `autovacuum_freeze_max_age` and `autovacuum_multixact_freeze_max_age`.', { minimum: 0 }),
  },
  docs: () => ({
    summary: 'autovacuum_freeze_max_age (or its multixact twin) is set close to the wraparound limit',
    why:
      'autovacuum_freeze_max_age is the age at which autovacuum forces an anti-wraparound VACUUM on a table. ' +
      'Transaction IDs wrap around at about 2.1 billion, and shortly before that PostgreSQL stops assigning new ' +
      'ones — no more writes — until the oldest tables have been vacuumed: an outage. A very high max age leaves little ' +
      'room between the forced VACUUM starting and that shutdown: one slow VACUUM on a large table, a long ' +
      'transaction or a forgotten replication slot holding back the horizon is enough. It also keeps more commit ' +
      'status in pg_xact (and multixact data in pg_multixact). The same holds for ' +
      'autovacuum_multixact_freeze_max_age.',
    invalid: ['autovacuum_freeze_max_age = 1800000000', 'autovacuum_multixact_freeze_max_age = 2000000000'],
    valid: ['autovacuum_freeze_max_age = 500000000', 'autovacuum_multixact_freeze_max_age = 400000000'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-vacuum.html#GUC-AUTOVACUUM-FREEZE-MAX-AGE',
      'https://www.postgresql.org/docs/current/routine-vacuuming.html#VACUUM-FOR-WRAPAROUND',
    ],
    versions: 'all',
    optionsNote:
      '```yaml\nrules:\n  freeze-max-age-high: { threshold: 1000000000 }\n```',
  }),
  check(ctx) {
    const t = ctx.options.threshold;
    const threshold = typeof t === 'number' && Number.isFinite(t) ? t : DEFAULT_THRESHOLD;
    for (const p of PARAMS) {
      const s = ctx.setting(p.name);
      if (!s?.loc || typeof s.value !== 'number' || !(s.value > threshold)) continue;
      const headroom = Math.round((WRAP_LIMIT - s.value) / 1e6);
      ctx.report({
        loc: s.loc,
        message:
          `${s.name} = ${s.canonical} is above ${threshold}: the forced anti-wraparound VACUUM starts only ` +
          `~${headroom} million ${p.what} before the wraparound limit, and ${p.storage(s.value)}`,
        help: `Lower ${s.name} (the default is ${s.def.boot}) and keep tables frozen with regular VACUUM instead.`,
        // One setting, one finding: the failsafe age VACUUM raises because of this value (when the
        // file does not set it) is named in this finding's message.
        group: { key: freezeAgeGroupKey(s.loc), concern: `${s.name} = ${s.canonical} is close to the wraparound limit (freeze-max-age-high)` },
      });
    }
  },
});
