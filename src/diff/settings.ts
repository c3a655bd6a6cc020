/**
 * The settings diff of `pgconf-lint diff` (issue 17): every parameter whose effective value differs
 * between two versions of a cluster's postgresql.conf family.
 *
 * The effective value is what the server runs with from the files: postgresql.conf with its
 * includes, then postgresql.auto.conf, the last valid assignment winning and a rejected value
 * ignored, as a reload does (ResolvedCluster.effective). It is compared canonical, as `postgres -C`
 * prints it for the target major (`work_mem = 4MB` and `work_mem = 4096kB` are the same value), and
 * a parameter no file sets has the target major's compiled-in default, typed the same way, so that
 * removing `shared_buffers = 128MB` is a change to the default and removing `work_mem = 4MB` none.
 */
import { lookupParam } from '../catalog/catalog.js';
import type { Catalog, GucContext, GucDef } from '../catalog/types.js';
import { parseGucValue } from '../catalog/values.js';
import type { Assignment, ResolvedCluster } from '../resolve/cluster.js';
import type { ApplyKind, SettingChange } from './types.js';

/**
 * What putting a changed value into effect takes, by the parameter's context (pg_settings.context;
 * the contexts the catalogs hold are internal, postmaster, sighup, superuser-backend, backend,
 * superuser and user):
 * - postmaster: `restart`, the server reads it only at start;
 * - sighup: `reload`, the running server adopts it when it rereads its files;
 * - backend, superuser-backend: `reload` too. No session can SET them, so the file's value is the
 *   only way in, and it reaches sessions started after the reload; sessions already running keep
 *   the value they started with (pg_settings' documentation of these contexts);
 * - user, superuser: `reload` as well. Sessions may SET them, but the value in the file is the
 *   server's default for them, and the running server reads the changed file only when it is told
 *   to reload: without one, the change never takes effect (issue 17 said "nothing" here; a DBA
 *   who deploys the pull request and does not reload would be misled, so `reload`);
 * - internal: `none`, a file cannot change it (PostgreSQL rejects the assignment, so it never
 *   appears as a change).
 * Custom parameters (placeholders) are read from the file at a reload too: `reload`.
 */
const APPLY: Record<GucContext, ApplyKind> = {
  postmaster: 'restart',
  sighup: 'reload',
  backend: 'reload',
  'superuser-backend': 'reload',
  user: 'reload',
  superuser: 'reload',
  internal: 'none',
};

/** One side's value of a parameter, and the assignment it comes from (none for a default). */
interface Side {
  value: string | null;
  assignment?: Assignment;
  def?: GucDef;
}

/** Canonical defaults per catalog, computed once per parameter. */
const defaults = new WeakMap<Catalog, Map<GucDef, string>>();

/** The compiled-in default as `postgres -C` prints it (the boot value typed like a file's value). */
function defaultCanonical(catalog: Catalog, def: GucDef): string {
  let perCatalog = defaults.get(catalog);
  if (!perCatalog) defaults.set(catalog, (perCatalog = new Map()));
  let v = perCatalog.get(def);
  if (v === undefined) {
    const parsed = parseGucValue(def, def.boot, catalog.major);
    v = parsed.ok ? parsed.canonical : def.boot;
    perCatalog.set(def, v);
  }
  return v;
}

/** The effective value of an assignment that won: canonical for a known parameter, as written for a custom one. */
function assignedValue(a: Assignment): string | null {
  if (a.status === 'placeholder') return a.line.value;
  return a.value?.ok ? a.value.canonical : null;
}

/**
 * The parameter's value on one side. `key` is the effective-index key (lower-cased canonical name,
 * or the folded spelling of a custom name). A name the side's major does not know has no value
 * (null): the assignment is an error there and sets nothing.
 */
function sideValue(cluster: ResolvedCluster | null, key: string, custom: boolean): Side {
  if (!cluster) return { value: null };
  const a = cluster.effective.get(key);
  if (custom) return a ? { value: assignedValue(a), assignment: a } : { value: null };
  const def = lookupParam(cluster.catalog, key);
  if (!def) return { value: null };
  // The name may be an old spelling this major maps to a new one: its assignments are filed under that.
  const won = def.name.toLowerCase() === key ? a : cluster.effective.get(def.name.toLowerCase());
  if (won && won.def === def) {
    const value = assignedValue(won);
    if (value !== null) return { value, assignment: won, def };
  }
  return { value: defaultCanonical(cluster.catalog, def), def };
}

/** The keys of the parameters a cluster's files set (effectively), with whether each is custom. */
function setKeys(cluster: ResolvedCluster | null, into: Map<string, boolean>): void {
  if (!cluster) return;
  for (const [key, a] of cluster.effective) {
    if (a.status === 'placeholder') into.set(key, true);
    // config_file and the like: a file cannot set them (the server keeps its own; see resolveCluster).
    else if (a.status === 'ok' && a.def && !a.def.notInFile && !into.has(key)) into.set(key, false);
  }
}

/**
 * Every parameter whose effective value differs between `before` and `after` (null: the cluster does
 * not exist on that side, so every value it sets is compared with nothing).
 *
 * - Only parameters set by a file on at least one side can differ: elsewhere both sides have the
 *   same default. That holds within one major. When the two sides target different majors (a pull
 *   request that bumps the version), each side is compared in its own major's catalog (its own
 *   parsing, canonical form and defaults), and parameters neither side sets are still not listed:
 *   a default that the new major changed is the release's change, the same for every cluster, not
 *   this diff's. A parameter only one major knows is null on the other side.
 * - Custom parameters (`app.x`: placeholders, accepted unvalidated) compare as the written strings,
 *   and are null where no file sets them (`postgres -C app.x` knows no such parameter then). An
 *   extension that defines the prefix may read two different strings as one value: they are
 *   reported as a change all the same.
 * - Unknown one-part names are errors PostgreSQL reports and sets nothing with: they take no part.
 *
 * `display` maps an absolute path to the path shown (repository-relative). Sorted by name.
 */
export function diffSettings(before: ResolvedCluster | null, after: ResolvedCluster | null, display: (abs: string) => string): SettingChange[] {
  const keys = new Map<string, boolean>();
  setKeys(before, keys);
  setKeys(after, keys);
  const out: SettingChange[] = [];
  // Two keys can name one parameter when the majors differ (an old name one of them maps): once.
  const seen = new Set<string>();
  for (const [key, custom] of keys) {
    const b = sideValue(before, key, custom);
    const a = sideValue(after, key, custom);
    if (!custom) {
      const pair = `${b.def?.name ?? ''}\0${a.def?.name ?? ''}`;
      if (seen.has(pair)) continue;
      seen.add(pair);
    }
    if (b.value === a.value) continue;
    const def = a.def ?? b.def;
    const name = def?.name ?? (a.assignment ?? b.assignment)!.line.name;
    const apply: ApplyKind = def ? APPLY[def.context] : 'reload';
    const from = a.assignment ?? b.assignment;
    out.push({
      name,
      before: b.value,
      after: a.value,
      restart: apply === 'restart',
      apply,
      file: from ? display(from.file.absPath) : null,
      line: from ? from.line.line : null,
    });
  }
  return out.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}
