#!/usr/bin/env node
// Generate src/catalog/data/<major>.json and history.json from real PostgreSQL servers.
//
//   node scripts/gen-catalog.mjs [--majors 12,16] [--out DIR]
//
// Per major: pg_settings of a throwaway cluster (flags via pg_settings_get_flags on 15+), checked
// against `postgres --describe-config`; then `postgres -C` probes for what no view shows: hidden
// parameters, their types, hidden enum spellings, old-name aliases and parameters that a file
// cannot set. Hidden-name candidates are the names of this run, of the committed history.json
// and a short list of known hidden names, so a run for a subset of majors gives the same files.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONCURRENCY, MAJORS, REPO_ROOT, initCluster, mapLimit, parseLog, runAsUser, shareDir } from './lib/postgres.mjs';

export const DATA_DIR = path.join(REPO_ROOT, 'src', 'catalog', 'data');

/** GUC_NO_SHOW_ALL or removed-but-accepted names that no pg_settings lists (guc_tables.c). */
const KNOWN_HIDDEN = [
  'default_with_oids', 'exit_on_error', 'is_superuser', 'role', 'seed', 'session_authorization',
  'ssl_renegotiation_limit', 'trace_locks', 'trace_lwlocks', 'trace_userlocks', 'trace_lock_oidmin',
  'trace_lock_table', 'debug_deadlocks', 'log_btree_build_stats', 'optimize_bounded_sort',
  'trace_syncscan', 'trace_notify', 'wal_debug', 'checkpoint_segments', 'custom_variable_classes',
  'add_missing_from', 'regex_flavor', 'silent_mode', 'sql_inheritance', 'min_parallel_relation_size',
  'replacement_sort_tuples', 'wal_keep_segments', 'promote_trigger_file', 'standby_mode', 'trigger_file',
];

/** map_old_guc_names candidates: old name -> new name. Verified per major by probing. */
const ALIAS_CANDIDATES = { sort_mem: 'work_mem', vacuum_mem: 'maintenance_work_mem', ssl_ecdh_curve: 'ssl_groups' };

/** Spellings tried against every enum parameter (enum lookup is case-insensitive and exact). */
const ENUM_CANDIDATES = [
  'true', 'false', 'yes', 'no', 'on', 'off', '1', '0', 'y', 'n', 't', 'f',
  'debug', 'info', 'notice', 'warning', 'log', 'error', 'fatal', 'panic',
  'archive', 'hot_standby', 'minimal', 'replica', 'logical', 'none', 'all', 'default',
  'local', 'remote_write', 'remote_apply', 'partition', 'try', 'md5', 'plain', 'pglz',
];

/**
 * Values valid for SET, for strings where a made-up value says nothing: role and
 * session_authorization reject any file value (their check hooks need a transaction);
 * transaction_isolation (a string before 12) takes it and then silently drops it.
 */
const PROBE_VALUES = { role: 'postgres', session_authorization: 'postgres', transaction_isolation: 'serializable' };

const PROBE_STRING = 'pgconflint_probe';

/** @typedef {import('../src/catalog/types.ts').GucDef} GucDef */
/** @typedef {import('../src/catalog/types.ts').GucType} GucType */
/** @typedef {import('../src/catalog/types.ts').GucContext} GucContext */
/** @typedef {import('./lib/postgres.mjs').PgCluster} PgCluster */
/**
 * @typedef {{ major: number, version: string, oldNames: Record<string, string>,
 *   params: Record<string, GucDef>, timezones: string[], timezoneSets: string[] }} CatalogFile
 */

/** @param {string} s */
const lower = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Quote for postgresql.conf. @param {string} v */
const quote = (v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** @param {import('./lib/postgres.mjs').RunResult} r */
const out = (r) => r.stdout.replace(/\n$/, '');

/** Ask -C for one name after `name = value` (or an empty file when value is null). */
class Prober {
  /** @param {PgCluster} cluster */
  constructor(cluster) {
    this.cluster = cluster;
  }

  /**
   * @param {string} name
   * @param {string | null} value
   * @param {string} [setName] name assigned in the file (default: name)
   */
  async probe(name, value, setName = name) {
    const text = value === null ? '' : `${setName} = ${quote(value)}\n`;
    const [r] = await this.cluster.runC({ text }, [name]);
    return r;
  }

  /**
   * Run many probes with limited concurrency.
   * @param {{ name: string, value: string | null, setName?: string }[]} jobs
   */
  many(jobs) {
    return mapLimit(jobs, DEFAULT_CONCURRENCY, (j) => this.probe(j.name, j.value, j.setName));
  }
}

/** @param {PgCluster} cluster */
async function describeConfig(cluster) {
  const r = await runAsUser(path.join(cluster.bin, 'postgres'), ['--describe-config'], { cwd: cluster.dir });
  if (r.rc !== 0) throw new Error(`--describe-config failed: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
}

/**
 * Phase 1: what the server lists.
 * @param {PgCluster} cluster
 */
async function readSettings(cluster) {
  const withFlags = cluster.major >= 15;
  /**
   * @type {{ name: string, vartype: GucType, unit: string | null, context: GucContext, category: string,
   *   boot_val: string | null, min_val: string | null, max_val: string | null, enumvals: string[] | null,
   *   short_desc: string | null, flags?: string[] | null }[]}
   */
  const rows = await cluster.query(
    `SELECT name, vartype, unit, context, category, boot_val, min_val, max_val, enumvals, short_desc
            ${withFlags ? ', pg_settings_get_flags(name) AS flags' : ''}
       FROM pg_settings ORDER BY name`,
  );
  /** @type {Map<string, GucDef>} */
  const params = new Map();
  for (const r of rows) {
    const numeric = r.vartype === 'integer' || r.vartype === 'real';
    params.set(lower(r.name), {
      name: r.name,
      type: r.vartype,
      unit: r.unit ?? null,
      context: r.context,
      category: r.category,
      boot: r.boot_val ?? '',
      min: numeric ? Number(r.min_val) : null,
      max: numeric ? Number(r.max_val) : null,
      enumValues: r.enumvals ?? [],
      enumAliases: {},
      flags: [...(r.flags ?? [])].sort(),
      hidden: false,
      notInFile: false,
      shortDesc: r.short_desc ?? '',
    });
  }
  const described = await describeConfig(cluster);
  const missing = described.filter((n) => !params.has(lower(n)));
  if (missing.length) throw new Error(`${cluster.major}: --describe-config names missing from pg_settings: ${missing}`);
  const [{ server_version: version }] = await cluster.query('SHOW server_version');
  return { params, described, version: String(version).split(' ')[0] };
}

/**
 * Type, unit and range of a hidden parameter, from the errors PostgreSQL gives for probe values.
 * @param {Prober} p
 * @param {string} name
 * @param {string} baseline -C output with an empty file
 * @returns {Promise<Pick<GucDef, 'type' | 'unit' | 'min' | 'max' | 'enumValues'> & { internal: boolean }>}
 */
async function probeType(p, name, baseline) {
  const base = { unit: null, min: null, max: null, enumValues: [], internal: false };
  const r = await p.probe(name, PROBE_STRING);
  const msg = parseLog(r.stderr).map((l) => `${l.level}: ${l.message}`).join('\n');
  if (r.rc === 0) return { ...base, type: 'string' };
  if (/requires a Boolean value/.test(msg)) return { ...base, type: 'bool' };
  const enumHint = /HINT: Available values: (.*)\.$/m.exec(msg);
  if (enumHint) return { ...base, type: 'enum', enumValues: enumHint[1].split(', ') };
  if (/parameter "[^"]+" cannot be changed$/m.test(msg)) {
    const type = /^(on|off)$/.test(baseline) ? 'bool' : /^-?\d+$/.test(baseline) ? 'integer' : /^-?[\d.e+]+$/.test(baseline) ? 'real' : 'string';
    return { ...base, type, internal: true };
  }
  // a string whose check hook rejects everything in a file (role) rejects a plain number too
  const one = await p.probe(name, '1');
  if (one.rc !== 0 && !/is outside the valid range/.test(one.stderr)) return { ...base, type: 'string' };
  // 1.5 stays 1.5 for reals; integers round it (12+) or reject it (<12)
  const half = await p.probe(name, '1.5');
  const real = /requires a numeric value/.test(msg) || out(half) === '1.5' || /\b1\.5( \S+)? is outside/.test(half.stderr);
  const type = real ? 'real' : 'integer';
  /** @type {string | null} */
  let unit = null;
  const units = /Valid units for this parameter are (.*)\./.exec((await p.probe(name, '1zz')).stderr)?.[1] ?? '';
  if (units) {
    const memory = units.includes('kB');
    const r1 = await p.probe(name, memory ? '1MB' : '1h');
    const v = Number(/^(-?[\d.e+]+)/.exec(out(r1) || (/LOG:\s+(-?[\d.e+]+)[^\n]* is outside/.exec(r1.stderr)?.[1] ?? ''))?.[1]);
    const table = memory ? { 1048576: 'B', 1024: 'kB', 1: 'MB', 128: '8kB' } : { 3600000: 'ms', 3600: 's', 60: 'min' };
    unit = /** @type {Record<number, string>} */ (table)[v] ?? null;
  }
  const extreme = type === 'integer' ? ['-2147483648', '2147483647'] : ['-1e300', '1e300'];
  let min = Number(extreme[0]);
  let max = Number(extreme[1]);
  for (const v of extreme) {
    const m = /is outside the valid range for parameter "[^"]+" \((-?[\d.e+]+)[^.]*\.\. (-?[\d.e+]+)/.exec((await p.probe(name, v)).stderr);
    if (m) [min, max] = [Number(m[1]), Number(m[2])];
  }
  return { ...base, type, unit, min, max };
}

/**
 * Context of a hidden parameter: what SET says to a role that is not a superuser.
 * @param {PgCluster} cluster
 * @param {string} name
 * @returns {Promise<GucContext>}
 */
async function probeContext(cluster, name) {
  try {
    await cluster.query('BEGIN');
    await cluster.query('SET LOCAL ROLE pgconflint_probe');
    await cluster.query('SELECT set_config($1, current_setting($1), true)', [name]);
    return 'user';
  } catch (e) {
    const m = String(/** @type {Error} */ (e).message);
    if (/permission denied to set parameter/.test(m)) return 'superuser';
    if (/without restarting the server/.test(m)) return 'postmaster';
    if (/cannot be changed now/.test(m)) return 'sighup';
    if (/cannot be set after connection start/.test(m)) return 'backend';
    if (/cannot be changed/.test(m)) return 'internal';
    return 'user';
  } finally {
    await cluster.query('ROLLBACK');
  }
}

/**
 * A value that differs from the current one and should be valid (null when the range allows none).
 * @param {GucDef} d
 * @param {string} current
 * @returns {string | null}
 */
function otherValue(d, current) {
  switch (d.type) {
    case 'bool':
      return current === 'on' ? 'off' : 'on';
    case 'enum':
      return d.enumValues.find((v) => lower(v) !== lower(current)) ?? null;
    case 'integer':
    case 'real': {
      const n = Number(current);
      const ok = (/** @type {number} */ v) => v !== n && v >= (d.min ?? -Infinity) && v <= (d.max ?? Infinity);
      const v = [n + 1, n - 1, d.min, d.max].find((x) => x !== null && Number.isFinite(x) && ok(x));
      return v === undefined || v === null ? null : String(v);
    }
    default:
      return PROBE_STRING;
  }
}

/**
 * Phase 2: probes.
 * @param {PgCluster} cluster
 * @param {Map<string, GucDef>} params
 * @param {Set<string>} candidates lower-cased names to try as hidden parameters
 */
async function probeHidden(cluster, params, candidates) {
  const p = new Prober(cluster);
  /** @type {Record<string, string>} */
  const oldNames = {};

  const tryNames = [...candidates].filter((n) => !params.has(n)).sort();
  const found = (await p.many(tryNames.map((name) => ({ name, value: null })))).map((r, i) => ({ name: tryNames[i], r }));
  for (const { name, r } of found) {
    if (r.rc !== 0) continue;
    const target = /** @type {Record<string, string>} */ (ALIAS_CANDIDATES)[name];
    const def = target && params.get(target);
    if (def) {
      const base = out(await p.probe(target, null));
      const v = otherValue(def, base);
      const viaAlias = v === null ? null : await p.probe(target, v, name);
      if (viaAlias && viaAlias.rc === 0 && out(viaAlias) !== base) {
        oldNames[name] = def.name;
        continue;
      }
    }
    const baseline = out(r);
    const t = await probeType(p, name, baseline);
    params.set(name, {
      name,
      type: t.type,
      unit: t.unit,
      context: t.internal ? 'internal' : await probeContext(cluster, name),
      category: '',
      boot: baseline,
      min: t.min,
      max: t.max,
      enumValues: t.enumValues,
      enumAliases: {},
      flags: [],
      hidden: true,
      notInFile: false,
      shortDesc: '',
    });
  }
  if (cluster.major >= 15) {
    for (const d of params.values()) {
      if (!d.hidden) continue;
      const [row] = await cluster.query('SELECT pg_settings_get_flags($1) AS f', [d.name]);
      d.flags = [.../** @type {string[]} */ (row?.f ?? [])].sort();
    }
  }
  return oldNames;
}

/**
 * notInFile: internal, or a file value is rejected as unchangeable, or silently not taken.
 * @param {PgCluster} cluster
 * @param {Map<string, GucDef>} params
 */
async function probeNotInFile(cluster, params) {
  const p = new Prober(cluster);
  const defs = [...params.values()].filter((d) => d.context !== 'internal');
  for (const d of params.values()) if (d.context === 'internal') d.notInFile = true;
  const baselines = (await p.many(defs.map((d) => ({ name: d.name, value: null })))).map(out);
  const values = defs.map((d, i) => /** @type {Record<string, string>} */ (PROBE_VALUES)[lower(d.name)] ?? otherValue(d, baselines[i]));
  const jobs = defs.map((d, i) => ({ name: d.name, value: values[i] }));
  const results = await p.many(jobs.filter((j) => j.value !== null));
  let k = 0;
  defs.forEach((d, i) => {
    if (values[i] === null) return;
    const r = results[k++];
    const cannot = new RegExp(`parameter "${d.name}" cannot be changed$`, 'im').test(r.stderr);
    const rejectedAlways = lower(d.name) in PROBE_VALUES && r.rc !== 0;
    // a string value shows up in the output, resolved or not (hba_file prints an absolute path)
    const ignored = r.rc === 0 && (d.type === 'string' ? !out(r).includes(values[i] ?? '') : out(r) === baselines[i]);
    d.notInFile = cannot || rejectedAlways || ignored;
  });
}

/**
 * Hidden enum spellings, and listed ones that -C prints differently (wal_compression on -> pglz):
 * lower-cased input -> what -C prints.
 * @param {PgCluster} cluster
 * @param {Map<string, GucDef>} params
 */
async function probeEnumAliases(cluster, params) {
  const p = new Prober(cluster);
  const enums = [...params.values()].filter((d) => d.type === 'enum' && !d.notInFile);
  const jobs = enums.flatMap((d) => {
    const listed = new Set(d.enumValues.map(lower));
    return [
      ...d.enumValues.map((value) => ({ value, d, hidden: false })),
      ...ENUM_CANDIDATES.filter((c) => !listed.has(c)).map((value) => ({ value, d, hidden: true })),
    ];
  });
  const results = await p.many(jobs.map((j) => ({ name: j.d.name, value: j.value })));
  jobs.forEach((j, i) => {
    const shown = out(results[i]);
    if (results[i].rc === 0 && (j.hidden || shown !== j.value)) j.d.enumAliases[lower(j.value)] = shown;
  });
}

/**
 * Timezone names (files under share/timezone) and abbreviation sets the server accepts.
 * @param {PgCluster} cluster
 */
async function timezoneData(cluster) {
  const share = await shareDir(cluster.major);
  /** @type {string[]} */
  const zones = [];
  /** @param {string} rel */
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(share, 'timezone', rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (fs.statSync(path.join(share, 'timezone', r)).isDirectory()) walk(r);
      else zones.push(r);
    }
  };
  walk('');
  const files = fs.readdirSync(path.join(share, 'timezonesets')).sort();
  const p = new Prober(cluster);
  const judged = await p.many(files.map((f) => ({ name: 'timezone_abbreviations', value: f })));
  const sets = files.filter((_, i) => judged[i].rc === 0);
  return { timezones: zones.sort(byteOrder), timezoneSets: sets.sort(byteOrder) };
}

/** @param {string} a @param {string} b */
function byteOrder(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Deterministic JSON: sorted keys; one line per parameter / list element.
 * @param {unknown} v
 * @returns {unknown}
 */
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v).sort(byteOrder).map((k) => [k, sortKeys(/** @type {Record<string, unknown>} */ (v)[k])]),
    );
  }
  return v;
}

/**
 * @param {Record<string, unknown>} doc
 * @param {Set<string>} expand top-level keys whose entries go one per line
 */
export function serialize(doc, expand) {
  const sorted = /** @type {Record<string, unknown>} */ (sortKeys(doc));
  const lines = Object.entries(sorted).map(([k, v]) => {
    if (!expand.has(k) || v === null || typeof v !== 'object') return `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`;
    const entries = Array.isArray(v)
      ? v.map((x) => `    ${JSON.stringify(x)}`)
      : Object.entries(v).map(([ik, iv]) => `    ${JSON.stringify(ik)}: ${JSON.stringify(iv)}`);
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    return entries.length ? `  ${JSON.stringify(k)}: ${open}\n${entries.join(',\n')}\n  ${close}` : `  ${JSON.stringify(k)}: ${open}${close}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

/** @param {CatalogFile} c */
export const serializeCatalog = (c) => serialize(c, new Set(['params', 'timezones', 'timezoneSets']));

/** Names known to the committed history.json (candidates for hidden parameters). */
function committedNames() {
  try {
    return Object.keys(JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'history.json'), 'utf8')));
  } catch {
    return [];
  }
}

/**
 * Generate catalogs for the given majors into outDir (default src/catalog/data), plus
 * history.json built from every <major>.json present in outDir afterwards.
 * @param {{ majors?: readonly number[], outDir?: string, log?: (msg: string) => void }} [opts]
 * @returns {Promise<CatalogFile[]>}
 */
export async function generate(opts = {}) {
  const majors = opts.majors ?? MAJORS;
  const outDir = opts.outDir ?? DATA_DIR;
  const log = opts.log ?? (() => {});
  /** @type {{ cluster: PgCluster, params: Map<string, GucDef>, version: string }[]} */
  const runs = [];
  const candidates = new Set([...KNOWN_HIDDEN, ...Object.keys(ALIAS_CANDIDATES), ...committedNames()]);
  try {
    for (const major of majors) {
      const cluster = await initCluster(major);
      runs.push({ cluster, params: new Map(), version: '' });
      await cluster.start();
      const s = await readSettings(cluster);
      Object.assign(runs[runs.length - 1], { params: s.params, version: s.version });
      for (const n of [...s.params.keys(), ...s.described]) candidates.add(lower(n));
      log(`${major}: ${s.params.size} parameters in pg_settings`);
    }
    /** @type {CatalogFile[]} */
    const catalogs = [];
    for (const { cluster, params, version } of runs) {
      const t0 = Date.now();
      await cluster.query('CREATE ROLE pgconflint_probe NOLOGIN');
      const oldNames = await probeHidden(cluster, params, candidates);
      await probeNotInFile(cluster, params);
      await probeEnumAliases(cluster, params);
      const tz = await timezoneData(cluster);
      const hidden = [...params.values()].filter((d) => d.hidden).map((d) => d.name);
      log(`${cluster.major}: hidden [${hidden}], old names [${Object.keys(oldNames)}], ${Date.now() - t0} ms`);
      catalogs.push({
        major: cluster.major,
        version,
        oldNames,
        params: Object.fromEntries([...params].sort(([a], [b]) => byteOrder(a, b))),
        ...tz,
      });
      await cluster.cleanup();
    }
    fs.mkdirSync(outDir, { recursive: true });
    for (const c of catalogs) fs.writeFileSync(path.join(outDir, `${c.major}.json`), serializeCatalog(c));
    writeHistory(outDir);
    return catalogs;
  } finally {
    for (const r of runs) await r.cluster.cleanup();
  }
}

/** @param {string} dir */
function writeHistory(dir) {
  /** @type {Record<string, number[]>} */
  const history = {};
  const files = fs.readdirSync(dir).filter((f) => /^\d+\.json$/.test(f));
  for (const major of files.map((f) => Number.parseInt(f, 10)).sort((a, b) => a - b)) {
    /** @type {CatalogFile} */
    const c = JSON.parse(fs.readFileSync(path.join(dir, `${major}.json`), 'utf8'));
    for (const n of [...Object.keys(c.params), ...Object.keys(c.oldNames)]) (history[n] ??= []).push(major);
  }
  fs.writeFileSync(path.join(dir, 'history.json'), serialize(history, new Set()));
}

async function main() {
  const args = process.argv.slice(2);
  /** @param {string} flag */
  const opt = (flag) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const majors = opt('--majors')?.split(',').map(Number);
  const outDir = opt('--out');
  const t0 = Date.now();
  await generate({ majors, outDir: outDir && path.resolve(outDir), log: (m) => console.log(m) });
  console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
