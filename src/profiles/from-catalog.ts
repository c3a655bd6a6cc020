// One source of truth for "which rule implements which control": the catalogs
// (src/profiles/catalogs/). A checklist profile enables exactly the rules its catalog names for the
// controls decidable (at least partly) from files, each with the ids of those controls; the profile
// itself only adds severities and options (e.g. a stricter minimum the checklist asks for).
import type { Catalog } from './catalogs/index.js';
import type { ProfileRule } from './types.js';

/** What a profile sets for one rule beyond enabling it. */
export interface ProfileSetting {
  severity?: ProfileRule['severity'];
  options?: Record<string, unknown>;
}

/**
 * The rules a catalog names, each with the ids of the controls it implements (in catalog order), with
 * the profile's settings laid over. `ids: false` keeps the rules but claims no id (an edition whose
 * numbering was not verified). A setting for a rule the catalog does not name is left out (a profile
 * cannot turn on a rule no control asks for); `strayProfileSettings` lists them for the tests.
 */
export function rulesFromCatalog(catalog: Catalog, settings: Readonly<Record<string, ProfileSetting>> = {}, ids = true): Record<string, ProfileRule> {
  const out: Record<string, ProfileRule> = {};
  for (const c of catalog.controls) {
    if (c.decidable === 'no') continue;
    for (const rule of c.rules) {
      const r = (out[rule] ??= { controls: [] });
      if (ids && !r.controls.includes(c.id)) r.controls.push(c.id);
    }
  }
  for (const [rule, s] of Object.entries(settings)) {
    const r = out[rule];
    if (!r) continue;
    if (s.severity) r.severity = s.severity;
    if (s.options) r.options = { ...s.options };
  }
  return out;
}

/** The settings that name a rule no decidable control of the catalog names (a profile bug). */
export function strayProfileSettings(catalog: Catalog, settings: Readonly<Record<string, ProfileSetting>>): string[] {
  const named = new Set(catalog.controls.filter((c) => c.decidable !== 'no').flatMap((c) => c.rules));
  return Object.keys(settings).filter((r) => !named.has(r));
}
