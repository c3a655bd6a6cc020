import { lookupParam } from '../catalog/catalog.js';
import type { GucDef, Major } from '../catalog/types.js';
import { parseGucValue } from '../catalog/values.js';
import type { Assignment, ResolvedCluster } from '../resolve/cluster.js';
import type { Loc } from '../types.js';

/** A parameter's effective value for the cluster: the winning assignment, or the target major's default. */
export interface SettingView {
  /** Canonical name (pg_settings.name). */
  name: string;
  def: GucDef;
  /** Typed value in base units: boolean for bool, number for integer/real, string otherwise. */
  value: boolean | number | string;
  /** As `postgres -C` prints it. */
  canonical: string;
  /** True when no file sets it and the compiled-in default (boot_val) applies. */
  isDefault: boolean;
  /** The winning assignment, when a file sets it. */
  assignment?: Assignment;
  /** The winning assignment's value, for pointing findings at; undefined for defaults. */
  loc?: Loc;
  /** The whole `name = value` of the winning assignment; undefined for defaults. */
  lineLoc?: Loc;
}

const cache = new WeakMap<ResolvedCluster, Map<string, SettingView | null>>();

/**
 * The effective value of `name` (case-insensitive, old aliases followed). Undefined only when the
 * target major does not know the parameter. Defaults are the boot values of the target major.
 */
export function effectiveSetting(cluster: ResolvedCluster, name: string): SettingView | undefined {
  let perCluster = cache.get(cluster);
  if (!perCluster) cache.set(cluster, (perCluster = new Map()));
  const key = name.toLowerCase();
  const hit = perCluster.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const view = compute(cluster, name);
  perCluster.set(key, view ?? null);
  return view;
}

function compute(cluster: ResolvedCluster, name: string): SettingView | undefined {
  const def = lookupParam(cluster.catalog, name);
  if (!def) return undefined;
  const a = cluster.effective.get(def.name.toLowerCase());
  if (a?.value?.ok) {
    const v = a.line;
    return {
      name: def.name,
      def,
      value: a.value.value,
      canonical: a.value.canonical,
      isDefault: false,
      assignment: a,
      loc: { file: a.file.path, start: v.valueStart, end: v.valueEnd },
      lineLoc: { file: a.file.path, start: a.line.nameStart, end: v.valueEnd },
    };
  }
  const d = bootValue(def, cluster.catalog.major);
  return { name: def.name, def, value: d.value, canonical: d.canonical, isDefault: true };
}

/**
 * The typed boot value of a definition: the same for every cluster of the target major (a
 * definition belongs to one major's catalog), so it is parsed once, not once per cluster (a
 * repository of a thousand clusters asks each for the same defaults).
 */
const boots = new WeakMap<GucDef, { major: Major; value: SettingView['value']; canonical: string }>();

function bootValue(def: GucDef, major: Major): { value: SettingView['value']; canonical: string } {
  let b = boots.get(def);
  if (b === undefined || b.major !== major) {
    const parsed = parseGucValue(def, def.boot, major);
    boots.set(def, (b = parsed.ok ? { major, value: parsed.value, canonical: parsed.canonical } : { major, value: def.boot, canonical: def.boot }));
  }
  return b;
}

/** A cluster's assignments of the kinds rules look for, each list in the order of `assignments`. */
export interface AssignmentKinds {
  /** Status 'invalid': the value is rejected. */
  readonly invalid: readonly Assignment[];
  /** Status 'unknown': the name is not a parameter of the target major. */
  readonly unknown: readonly Assignment[];
  /** Overridden by a later assignment (`overriddenBy` is set). */
  readonly overridden: readonly Assignment[];
}

const kindsOf = new WeakMap<ResolvedCluster, AssignmentKinds>();

/**
 * The invalid, unknown and overridden assignments of a cluster, sorted out in one pass once per
 * cluster: each of the rules that looks for one kind walks only those, not the whole file again
 * (a rule's loop over 20k assignments runs once, mostly in the interpreter).
 */
export function assignmentKinds(cluster: ResolvedCluster): AssignmentKinds {
  let k = kindsOf.get(cluster);
  if (k === undefined) {
    const invalid: Assignment[] = [];
    const unknown: Assignment[] = [];
    const overridden: Assignment[] = [];
    const all = cluster.assignments;
    for (let i = 0; i < all.length; i++) {
      const a = all[i]!;
      const status = a.status;
      if (status === 'invalid') invalid.push(a);
      else if (status === 'unknown') unknown.push(a);
      if (a.overriddenBy !== undefined) overridden.push(a);
    }
    kindsOf.set(cluster, (k = { invalid, unknown, overridden }));
  }
  return k;
}

/**
 * Forgets the lists assignmentKinds made for the cluster: lint() calls it once the cluster's rules
 * have run, so that a result the caller keeps (its clusters) does not keep them too (a pointer per
 * overridden assignment: 8 bytes a line of a file that repeats its parameters).
 */
export function releaseAssignmentKinds(cluster: ResolvedCluster): void {
  kindsOf.delete(cluster);
}
