// Profiles: named presets of rule settings laid under the user's own (config `rules:`, overrides,
// --rule). Every run starts from `recommended` (the rules' defaults); the profiles named by
// --profile or the config's `profile:` are laid over it in order, a later one winning per rule.
import { editDistance } from '../catalog/catalog.js';
import type { Major } from '../catalog/types.js';
import type { RuleConfigValue } from '../linter/rule.js';
import type { Severity } from '../types.js';
import { cis } from './cis.js';
import { recommended } from './recommended.js';
import { stig } from './stig.js';
import type { Profile, ProfileEdition, ProfileRule } from './types.js';

export type { Profile, ProfileEdition, ProfileRule } from './types.js';

export const PROFILES: readonly Profile[] = [recommended, cis, stig];
export const PROFILE_NAMES: readonly string[] = PROFILES.map((p) => p.name);
/** The profile every run starts from. */
export const DEFAULT_PROFILE = 'recommended';

export function findProfile(name: string): Profile | undefined {
  return PROFILES.find((p) => p.name === name);
}

/** The profile names closest to a misspelled one (at most two edits, or a prefix of three letters or more). */
export function closestProfileNames(name: string): string[] {
  const key = name.toLowerCase();
  const near = PROFILE_NAMES.map((n) => ({ n, d: editDistance(key, n) }))
    .filter((x) => x.d <= Math.max(1, Math.min(2, Math.floor(key.length / 3))) || (key.length >= 3 && x.n.startsWith(key)))
    .sort((a, b) => a.d - b.d);
  return near.map((x) => x.n);
}

/** "unknown profile "csi"; did you mean cis? (profiles: recommended, cis, stig)" */
export function unknownProfileMessage(name: string): string {
  const near = closestProfileNames(name);
  const shown = JSON.stringify(name.length > 60 ? name.slice(0, 57) + '...' : name);
  return `unknown profile ${shown}${near.length ? `; did you mean ${near.join(', ')}?` : ''} (profiles: ${PROFILE_NAMES.join(', ')})`;
}

/** The edition of a profile for a target major: the one written for it, else the nearest (a tie: the older). */
export function editionFor(profile: Profile, major: Major): ProfileEdition | undefined {
  let best: ProfileEdition | undefined;
  for (const e of profile.editions ?? []) {
    const d = Math.abs(e.major - major);
    if (!best || d < Math.abs(best.major - major) || (d === Math.abs(best.major - major) && e.major < best.major)) best = e;
  }
  return best;
}

/** What a profile sets for a cluster of this target major (its edition's rules, or its own). */
export function profileRules(profile: Profile, major: Major): Readonly<Record<string, ProfileRule>> {
  return editionFor(profile, major)?.rules ?? profile.rules ?? {};
}

/**
 * The names a run applies, in order: the config's `profile:` unless --profile (or the API's
 * `profiles`) names some, which replace it. `recommended` is always the base and need not be named.
 */
export function selectedProfiles(fromOptions: readonly string[] | undefined, fromConfig: string | readonly string[] | undefined): string[] {
  if (fromOptions?.length) return [...fromOptions];
  if (fromConfig === undefined) return [];
  return typeof fromConfig === 'string' ? [fromConfig] : [...fromConfig];
}

/**
 * The rule settings of the named profiles for one cluster, laid over `recommended` in order, as one
 * block in the form the config's `rules:` has. A later profile wins per rule for what it sets (a
 * severity, options); a profile that names a rule without a severity turns it on at the rule's own
 * severity (`defaultSeverity`) when it is off so far, and otherwise leaves the severity an earlier
 * profile gave (naming a rule never lowers another checklist's verdict). Throws on an unknown name.
 */
export function profileBlocks(
  names: readonly string[],
  major: Major,
  defaultSeverity: (rule: string) => Severity | undefined = () => undefined,
): Record<string, RuleConfigValue>[] {
  const block: Record<string, { severity?: Severity | 'off' } & Record<string, unknown>> = {};
  for (const name of [DEFAULT_PROFILE, ...names]) {
    const profile = findProfile(name);
    if (!profile) throw new Error(unknownProfileMessage(name));
    for (const [rule, r] of Object.entries(profileRules(profile, major))) {
      const cur = (block[rule] ??= {});
      Object.assign(cur, r.options ?? {});
      if (r.severity) cur.severity = r.severity;
      else if (name !== DEFAULT_PROFILE && (cur.severity === undefined || cur.severity === 'off')) {
        const d = defaultSeverity(rule);
        if (d) cur.severity = d;
      }
    }
  }
  return [block];
}

/** One rule as a profile lists it (`rules --profile NAME`). */
export interface ProfileListing {
  name: string;
  severity: Severity | 'off';
  options: Record<string, unknown>;
  controls: string[];
}

/**
 * What a profile enables for a target major, rule by rule in the given rule order: every rule for
 * `recommended` (at its default severity unless it says otherwise), else the rules it names.
 */
export function profileListing(profile: Profile, major: Major, rules: readonly { name: string; severity: Severity }[]): ProfileListing[] {
  const set = profileRules(profile, major);
  return rules
    .filter((r) => profile.allRules || Object.hasOwn(set, r.name))
    .map((r) => {
      const p = set[r.name];
      return { name: r.name, severity: p?.severity ?? r.severity, options: { ...(p?.options ?? {}) }, controls: [...(p?.controls ?? [])] };
    });
}
