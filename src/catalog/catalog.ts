import { readFileSync } from 'node:fs';
import type { Catalog, GucDef, Major } from './types.js';

/** Layout of src/catalog/data/<major>.json, written by scripts/gen-catalog.mjs. */
export interface CatalogFile {
  major: Major;
  version: string;
  oldNames: Record<string, string>;
  /** Keyed by lower-cased name. */
  params: Record<string, GucDef>;
  /** Files under the build's share/timezone, e.g. "Europe/Berlin". */
  timezones: string[];
  /** share/timezonesets files the server accepts for timezone_abbreviations. */
  timezoneSets: string[];
}

// The same code runs from src/catalog/ (tests) and from the bundled dist/cli-main.cjs, whose build
// copies the data to dist/catalog/data/. The bundle's place first: a failed read costs an error.
const DATA_DIRS = [new URL('./catalog/data/', import.meta.url), new URL('./data/', import.meta.url)];

function readData(file: string): string {
  let lastError: unknown;
  for (const dir of DATA_DIRS) {
    try {
      return readFileSync(new URL(file, dir), 'utf8');
    } catch (e) {
      lastError = e;
    }
  }
  throw new Error(`pgconf-lint: catalog file ${file} not found: ${String(lastError)}`);
}

interface Loaded {
  catalog: Catalog;
  timezones: ReadonlySet<string>;
  timezoneSets: ReadonlySet<string>;
}

const loaded = new Map<Major, Loaded>();

function load(major: Major): Loaded {
  let l = loaded.get(major);
  if (!l) {
    const file = JSON.parse(readData(`${major}.json`)) as CatalogFile;
    l = {
      catalog: {
        major: file.major,
        version: file.version,
        params: new Map(Object.entries(file.params)),
        oldNames: file.oldNames,
      },
      timezones: new Set(file.timezones),
      timezoneSets: new Set(file.timezoneSets),
    };
    loaded.set(major, l);
  }
  return l;
}

export function loadCatalog(major: Major): Catalog {
  return load(major).catalog;
}

/** Time zone names of the build, spelled as in share/timezone (PostgreSQL matches them case-insensitively). */
export function timezones(major: Major): ReadonlySet<string> {
  return load(major).timezones;
}

/** Values accepted for timezone_abbreviations, e.g. "Default", "Australia", "India". */
export function timezoneSets(major: Major): ReadonlySet<string> {
  return load(major).timezoneSets;
}

/** Folds A-Z only, as guc_name_compare does (never locale-aware). */
export function foldName(name: string): string {
  // Called for every assignment: most names are lower case already (one native test), and a name
  // that is not is lowered a run of capitals at a time, not a letter at a time through a callback.
  return HAS_UPPER.test(name) ? name.replace(UPPER_RUNS, (run) => run.toLowerCase()) : name;
}
const HAS_UPPER = /[A-Z]/;
const UPPER_RUNS = /[A-Z]+/g;

const oldNameMaps = new WeakMap<Catalog, ReadonlyMap<string, string>>();

/** The parameter a name refers to, through map_old_guc_names aliases (sort_mem -> work_mem). */
export function lookupParam(catalog: Catalog, name: string): GucDef | undefined {
  return lookupFoldedParam(catalog, foldName(name));
}

/** lookupParam of a name already folded (foldName(key) === key). */
export function lookupFoldedParam(catalog: Catalog, key: string): GucDef | undefined {
  const direct = catalog.params.get(key);
  if (direct) return direct;
  // Most misses are custom (placeholder) names: a Map misses much faster than a plain object.
  let old = oldNameMaps.get(catalog);
  if (!old) oldNameMaps.set(catalog, (old = new Map(Object.entries(catalog.oldNames))));
  const target = old.get(key);
  return target === undefined ? undefined : catalog.params.get(foldName(target));
}

let history: Readonly<Record<string, readonly Major[]>> | undefined;

/** Lower-cased name -> the majors that accept it (parameters, hidden ones and old aliases). */
export function nameHistory(): Readonly<Record<string, readonly Major[]>> {
  history ??= JSON.parse(readData('history.json')) as Record<string, Major[]>;
  return history;
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a, b, Infinity);
}

interface Candidate {
  key: string;
  name: string;
  /** wordKey(key), made when first compared. */
  words: string | undefined;
}

const candidateLists = new WeakMap<Catalog, Candidate[]>();

/** The catalog's names, listed once per catalog (a file can misspell many names). */
function candidates(catalog: Catalog): Candidate[] {
  let list = candidateLists.get(catalog);
  if (!list) {
    list = [];
    for (const [key, def] of catalog.params) list.push({ key, name: def.name, words: undefined });
    candidateLists.set(catalog, list);
  }
  return list;
}

/** The three rows of boundedDistance's table, one after the other, kept between calls (grown as needed). */
let rows = new Int32Array(3 * 64);

/**
 * editDistance(a, b) when it is at most `limit`, else some number above `limit`: the rows of the
 * table are computed until two rows in a row lie wholly above the limit (no later cell can come
 * back under it: each cell adds to a cell of the two rows before it, or to the cell on its left).
 * Strings whose lengths differ by more than the limit are that far apart at least (an edit changes
 * the length by one at most). This runs a few hundred times per misspelled name, mostly before V8
 * optimises it: no arrays are made per call, and the minimum is taken with comparisons.
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  const n = a.length;
  const m = b.length;
  if (n - m > limit || m - n > limit) return limit + 1;
  const w = m + 1;
  if (rows.length < 3 * w) rows = new Int32Array(3 * w);
  const t = rows;
  // Offsets of the row two back, the previous row and the current one: rotated after each row.
  let back2 = 0;
  let prev = w;
  let row = 2 * w;
  for (let j = 0; j <= m; j++) t[prev + j] = j;
  let prevMin = 0;
  for (let i = 1; i <= n; i++) {
    t[row] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    const aBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    let bBefore = -1;
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = t[prev + j - 1]! + (ai === bj ? 0 : 1);
      const up = t[prev + j]! + 1;
      if (up < d) d = up;
      const left = t[row + j - 1]! + 1;
      if (left < d) d = left;
      // An adjacent transposition (no char code is -1: the first row and column have none).
      if (ai === bBefore && aBefore === bj) {
        const swap = t[back2 + j - 2]! + 1;
        if (swap < d) d = swap;
      }
      t[row + j] = d;
      if (d < rowMin) rowMin = d;
      bBefore = bj;
    }
    if (rowMin > limit && prevMin > limit) return limit + 1;
    prevMin = rowMin;
    const done = back2;
    back2 = prev;
    prev = row;
    row = done;
  }
  return t[prev + m]!;
}

function wordKey(name: string): string {
  return name.split('_').filter(Boolean).sort().join('_');
}

/** Letters are counted in 64 buckets (char code & 63); the bucket of '_' is not counted. */
const UNDERSCORE_BUCKET = 0x5f & 63;

/**
 * Up to n known parameter names closest to a misspelled one, best first. Words of a name in
 * another order (max_wal_slot_keep_size) count as one edit.
 */
export function closestNames(catalog: Catalog, name: string, n = 3): string[] {
  return closestNameMatches(catalog, name, n).map((s) => s.name);
}

/** closestNames with each name's edit distance (`d`), nearest first: a caller can tell a unique best. */
export function closestNameMatches(catalog: Catalog, name: string, n = 3): { name: string; d: number }[] {
  const key = foldName(name);
  const limit = Math.max(1, Math.min(4, Math.floor(key.length / 3)));
  let words: string | undefined;
  const scored: { name: string; d: number }[] = [];
  // A name's letters against the key's, '_' aside: every edit adds at most one letter the key lacks
  // and drops at most one it has (a transposition neither), so a name with more than `limit` of
  // either is farther than the limit, without the table. Names of the same words in another order
  // have the same letters ('_' aside), so none of them is passed over.
  const counts = new Int32Array(64);
  let keyLetters = 0;
  for (let i = 0; i < key.length; i++) {
    const k = key.charCodeAt(i) & 63;
    if (k === UNDERSCORE_BUCKET) continue;
    counts[k]!++;
    keyLetters++;
  }
  const list = candidates(catalog);
  for (let x = 0; x < list.length; x++) {
    const c = list[x]!;
    const ck = c.key;
    if (ck.length - key.length > limit || key.length - ck.length > limit) continue;
    let extra = 0;
    let letters = 0;
    for (let j = 0; j < ck.length; j++) {
      const k = ck.charCodeAt(j) & 63;
      if (k === UNDERSCORE_BUCKET) continue;
      letters++;
      if (--counts[k]! < 0) extra++;
    }
    for (let j = 0; j < ck.length; j++) {
      const k = ck.charCodeAt(j) & 63;
      if (k !== UNDERSCORE_BUCKET) counts[k]!++;
    }
    // extra: its letters the key lacks; the key's letters it lacks: keyLetters - (letters - extra).
    if (extra > limit || keyLetters - letters + extra > limit) continue;
    words ??= wordKey(key);
    const cw = (c.words ??= wordKey(ck));
    // Only distances up to the limit matter: boundedDistance stops once a name is farther.
    const d = cw === words ? Math.min(1, boundedDistance(key, ck, limit)) : boundedDistance(key, ck, limit);
    if (d > 0 && d <= limit) scored.push({ name: c.name, d });
  }
  scored.sort((x, y) => x.d - y.d || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return scored.slice(0, n);
}
