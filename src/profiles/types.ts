// Profiles are data: which rules a reviewer's checklist turns on, at which severity and options,
// and which of the checklist's controls each rule implements. See index.ts for how they apply.
import type { Major } from '../catalog/types.js';
import type { Severity } from '../types.js';

export interface ProfileRule {
  /** The severity under this profile (default: the rule's own). */
  severity?: Severity | 'off';
  /** Options overlaid on the rule's defaults. */
  options?: Record<string, unknown>;
  /** Control ids of the profile's catalog that this rule implements (may be partly: see the profile page). */
  controls: string[];
}

/** One edition of a catalog (a benchmark version) and the target majors it is written for. */
export interface ProfileEdition {
  id: string;
  title: string;
  /** The target major this edition is written for; other majors use the nearest edition. */
  major: Major;
  rules: Readonly<Record<string, ProfileRule>>;
}

export interface Profile {
  name: string;
  title: string;
  summary: string;
  /** The checklist the control ids come from, and where they were read. */
  catalog?: { name: string; source: string };
  /**
   * Every rule runs under this profile unless it says otherwise (only `recommended`, which is also
   * the base every other profile is laid over).
   */
  allRules?: boolean;
  /** The rules the profile sets, for every target major (when it has no editions). */
  rules?: Readonly<Record<string, ProfileRule>>;
  /** Per-edition rules (cis): a cluster uses the edition of its target major, else the nearest. */
  editions?: readonly ProfileEdition[];
}
