import type { RuleContext } from '../engine/rule.js';
import type { SettingView } from '../engine/settings.js';
import type { Loc } from '../types.js';

/**
 * Where to report a setting a checklist requires: its value when a file sets it, else the start of
 * the cluster's postgresql.conf. Undefined (nothing to report) when the cluster has no
 * postgresql.conf, and when the effective assignment is one the server rejects: the default then
 * applies, but the file does set it, and invalid-value reports that.
 */
export function requiredSettingLoc(ctx: RuleContext, s: SettingView): Loc | undefined {
  if (s.loc) return s.loc;
  const key = s.name.toLowerCase();
  if (ctx.cluster.assignments.some((a) => a.key === key && a.status === 'invalid' && !a.ignored && !a.overriddenBy)) return undefined;
  return ctx.clusterLoc();
}
