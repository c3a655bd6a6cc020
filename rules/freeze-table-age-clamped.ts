import { defineRule, type RuleContext } from '../src/linter/rule.js';
import type { SettingView } from '../src/linter/settings.js';
import { parseGucValue } from '../src/catalog/values.js';

/** One of VACUUM's silent clamps (vacuum.c vacuum_get_cutoffs, ≤15 vacuum_set_xid_limits; vacuumlazy.c failsafe). */
export interface Clamp {
  /** The parameter VACUUM clamps. */
  clamped: string;
  /** The parameter it is clamped against. */
  limit: string;
  /** `above`: Min(clamped, limit × factor); `below`: Max(clamped, limit × factor). */
  direction: 'above' | 'below';
  factor: number;
  /**
   * The multixact clamps use MultiXactMemberFreezeThreshold(), which is at most
   * autovacuum_multixact_freeze_max_age and lower when member space runs short.
   */
  atMost?: boolean;
}

const shown = (s: SettingView): string => (s.isDefault ? `${s.name} (default ${s.canonical})` : `${s.name} = ${s.canonical}`);

/**
 * The group key of findings about the value of a freeze max age at `loc`: freeze-max-age-high and a
 * clamp reported there (the clamped parameter not being set in a file) describe one setting.
 */
export const freezeAgeGroupKey = (loc: { file: string; start: number }): string => `freeze-age:${loc.file}:${loc.start}`;

/**
 * Reports a pair whose clamp applies, at the clamped parameter when a file sets it, else at the
 * limit (then grouped with freeze-max-age-high's finding on that setting, if any). Nothing when
 * neither side is set in a file, or the target major lacks either parameter.
 */
export function checkClamp(ctx: RuleContext, rule: string, c: Clamp, help: (effective: number) => string): void {
  const v = ctx.setting(c.clamped);
  const l = ctx.setting(c.limit);
  if (!v || !l || typeof v.value !== 'number' || typeof l.value !== 'number') return;
  const loc = v.loc ?? l.loc;
  if (!loc) return;
  // The same double arithmetic as the C code: Min/Max against limit × factor, then truncation to int.
  const bound = l.value * c.factor;
  if (c.direction === 'above' ? !(v.value > bound) : !(v.value < bound)) return;
  const effective = Math.trunc(bound);
  const limitShown = `${l.name} (${l.isDefault ? 'default ' : ''}${l.canonical} → ${effective})`;
  // The fix (unsafe: whoever wrote the value may have meant to change the limit instead): write the
  // value VACUUM uses, where a file sets the clamped parameter and the value is in its range.
  const fix =
    v.loc && parseGucValue(v.def, String(effective), ctx.major).ok
      ? {
          fix: {
            title: `Set ${c.clamped} = ${effective}, the value VACUUM uses${c.atMost ? ' (at most)' : ''}`,
            edits: [{ loc: v.loc, text: String(effective) }],
            applicability: 'unsafe' as const,
          },
        }
      : {};
  ctx.report({
    loc,
    ...fix,
    message:
      `${shown(v)} is ${c.direction} ${c.factor} × ${limitShown}: ` +
      `VACUUM silently uses ${c.atMost ? 'at most ' : ''}${effective}`,
    help: help(effective),
    ...(v.loc && l.loc ? { related: [{ message: `${l.name}, which ${c.clamped} is clamped against`, loc: l.loc }] } : {}),
    ...(v.loc
      ? {}
      : { group: { key: freezeAgeGroupKey(loc), concern: `VACUUM uses ${c.clamped} = ${c.atMost ? 'at most ' : ''}${effective}, not its default ${v.canonical} (${rule})` } }),
  });
}

export const TABLE_AGE_CLAMPS: readonly Clamp[] = [
  { clamped: 'vacuum_freeze_table_age', limit: 'autovacuum_freeze_max_age', direction: 'above', factor: 0.95 },
  {
    clamped: 'vacuum_multixact_freeze_table_age',
    limit: 'autovacuum_multixact_freeze_max_age',
    direction: 'above',
    factor: 0.95,
    atMost: true,
  },
];

export default defineRule({
  name: 'freeze-table-age-clamped',
  severity: 'warning',
  category: 'validity',
  precedence: 200,
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  fixable: 'sometimes',
  docs: () => ({
    summary: 'vacuum_freeze_table_age (or its multixact twin) is above 0.95 × the freeze max age, so VACUUM silently lowers it',
    why:
      'vacuum_freeze_table_age decides when a VACUUM scans the whole table to freeze old rows, ahead of the forced ' +
      'anti-wraparound autovacuum at autovacuum_freeze_max_age. VACUUM silently limits it to 0.95 × ' +
      'autovacuum_freeze_max_age so that an ordinary aggressive VACUUM still gets a chance to run first; set at or ' +
      'above the max age it would never run before the anti-wraparound one. The file then claims a value the server ' +
      'does not use, and whoever tunes freezing from it is misled. The multixact pair ' +
      '(vacuum_multixact_freeze_table_age, autovacuum_multixact_freeze_max_age) is clamped the same way, and can be ' +
      'clamped even lower when multixact member space runs short. Settings absent from the files count with their ' +
      'defaults (autovacuum_freeze_max_age 200000000, autovacuum_multixact_freeze_max_age 400000000). When a max ' +
      'age lowers or raises several ages left at their defaults, the max age setting gets one finding (the most ' +
      'severe rule\'s) that names the others.' +
      ' The fix (unsafe, where a file sets the clamped parameter) writes the value VACUUM uses instead (the other way out, changing the max age, may have been meant).',
    invalid: ['vacuum_freeze_table_age = 1900000000', 'autovacuum_freeze_max_age = 150000000'],
    valid: [
      'vacuum_freeze_table_age = 150000000',
      'autovacuum_freeze_max_age = 1000000000\nvacuum_freeze_table_age = 900000000',
    ],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-vacuum.html#GUC-VACUUM-FREEZE-TABLE-AGE',
      'https://www.postgresql.org/docs/current/runtime-config-vacuum.html#GUC-VACUUM-MULTIXACT-FREEZE-TABLE-AGE',
      'https://www.postgresql.org/docs/current/routine-vacuuming.html#VACUUM-FOR-WRAPAROUND',
    ],
    versions: 'all',
  }),
  check(ctx) {
    for (const c of TABLE_AGE_CLAMPS) {
      checkClamp(
        ctx,
        'freeze-table-age-clamped',
        c,
        (eff) => `Set ${c.clamped} to at most ${eff} (0.95 × ${c.limit}), or raise ${c.limit}, so the file says what VACUUM does.`,
      );
    }
  },
});
