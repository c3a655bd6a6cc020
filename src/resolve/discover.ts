import { basename, dirname, join, resolve, sep } from 'node:path';
import { NEWEST_MAJOR, SUPPORTED_MAJORS, type Major } from '../catalog/types.js';
import type { FileKind } from '../types.js';
import type { ClusterInput } from './cluster.js';
import type { Host } from './host.js';
import { GIT_DIR_REFUSAL } from '../source/refusal.js';
import { fileIdentity } from './safe-read.js';
import { isCarrierKind } from '../carriers/types.js';
import { COMPOSE_NAME, sniffContainerOrCnpg } from '../carriers/container-shape.js';

/** Exact file names discovery looks for when walking a directory. */
export const KNOWN_NAMES: Readonly<Record<string, FileKind>> = {
  'postgresql.conf': 'postgresql.conf',
  'postgresql.auto.conf': 'postgresql.auto.conf',
  'pg_hba.conf': 'pg_hba.conf',
  'pg_ident.conf': 'pg_ident.conf',
  'recovery.conf': 'recovery.conf',
};

/**
 * Signal files beside the configuration (PostgreSQL 12+ starts as a standby when standby.signal
 * exists in the data directory, in targeted recovery for recovery.signal; the content is never
 * read, so an empty file matters). They join the cluster of their directory, but are not
 * configuration on their own: a directory holding only signal files forms no cluster.
 */
export const SIGNAL_NAMES: Readonly<Record<string, FileKind>> = {
  'standby.signal': 'standby.signal',
  'recovery.signal': 'recovery.signal',
};

export const isSignalKind = (k: FileKind): boolean => k === 'standby.signal' || k === 'recovery.signal';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

/** How many directory levels discovery descends below each path it is given. */
export const MAX_WALK_DEPTH = 32;

/**
 * pgbouncer's configuration by name (pgbouncer.ini, pgbouncer-prod.ini): not PostgreSQL's, it joins
 * the cluster of its directory (src/parse/pgbouncer-ini.ts).
 */
export const PGBOUNCER_NAME = /^pgbouncer[^/]*\.ini$/i;
const pgbouncerKind = (name: string): FileKind | undefined => (PGBOUNCER_NAME.test(name) ? 'pgbouncer.ini' : undefined);

/** Patroni's configuration by name (patroni.yml, patroni-node1.yaml, …). */
const PATRONI_NAME = /^patroni[^/]*\.ya?ml$/i;
/** A YAML file whose content may show Patroni's shape (postgres.yml, postgresql-ha.yaml, …). */
const POSTGRES_YAML_NAME = /^postgres[^/]*\.ya?ml$/i;
/** Shape sniffing reads at most this much of a YAML file: larger files are not looked into. */
export const SNIFF_MAX_CHARS = 1024 * 1024;
/** Top-level keys of Patroni's configuration (patroni/validator.py `schema`). */
const PATRONI_TOP_KEYS = /^(?:postgresql|bootstrap|scope|restapi|etcd|etcd3|consul|zookeeper|exhibitor|kubernetes|raft|citus|watchdog|tags|ctl|log|namespace|name):/m;
const PATRONI_SECOND_KEYS = /^(?:bootstrap|scope|restapi|etcd|etcd3|consul|zookeeper|exhibitor|kubernetes|raft|citus):/m;
/** A Kubernetes object (a StatefulSet named patroni.yaml is no Patroni configuration). */
const K8S_OBJECT = /^(?:apiVersion|kind):/m;

/**
 * The carrier kind of a YAML file, from its name and the shape of its text: `patroni*.yml|yaml` with
 * any top-level Patroni key; `postgres*.yml|yaml` with `postgresql:` and another Patroni section
 * at the top level; any other YAML file named explicitly with a top-level `postgresql:` or
 * `bootstrap:` section. Only YAML files with those names are opened, through the confined reader, and only
 * the first SNIFF_MAX_CHARS characters are looked at (line-anchored regexes: linear).
 */
export function sniffCarrier(host: Host, abs: string, explicit = false): FileKind | undefined {
  const name = basename(abs);
  const patroni = PATRONI_NAME.test(name);
  // Every YAML file is looked into (bounded) for a CloudNativePG Cluster or a container running
  // postgres (src/carriers/container-shape.ts); Patroni's shape only in the names below, or in a
  // YAML file named on the command line whatever its name.
  if (!/\.ya?ml$/i.test(name)) return undefined;
  if (host.kind(abs) !== 'file') return undefined;
  const r = host.read(abs);
  if (!r.ok) return patroni ? 'patroni' : undefined; // reported as unreadable where a Patroni file is expected
  const text = r.file.text.length > SNIFF_MAX_CHARS ? r.file.text.slice(0, SNIFF_MAX_CHARS) : r.file.text;
  const other = sniffContainerOrCnpg(text, COMPOSE_NAME.test(name));
  if (other) return other;
  if (!patroni && !POSTGRES_YAML_NAME.test(name) && !explicit) return undefined;
  if (K8S_OBJECT.test(text)) return undefined;
  if (patroni) return PATRONI_TOP_KEYS.test(text) ? 'patroni' : undefined;
  if (POSTGRES_YAML_NAME.test(name)) return /^postgresql:/m.test(text) && PATRONI_SECOND_KEYS.test(text) ? 'patroni' : undefined;
  // Named explicitly: a top-level postgresql: or bootstrap: section is enough.
  return /^(?:postgresql|bootstrap):/m.test(text) ? 'patroni' : undefined;
}

const YAML_NAME = /\.ya?ml$/i;

/** The kind of a file named explicitly on the command line, from its name. */
export function kindFromName(name: string): FileKind {
  if (PATRONI_NAME.test(basename(name))) return 'patroni';
  if (PGBOUNCER_NAME.test(basename(name))) return 'pgbouncer.ini';
  const n = basename(name).toLowerCase();
  if (KNOWN_NAMES[n]) return KNOWN_NAMES[n];
  if (SIGNAL_NAMES[n]) return SIGNAL_NAMES[n];
  if (n.includes('pg_hba') || n.includes('hba.conf')) return 'pg_hba.conf';
  if (n.includes('pg_ident') || n.includes('ident.conf')) return 'pg_ident.conf';
  if (n.includes('postgresql.auto')) return 'postgresql.auto.conf';
  if (n.startsWith('recovery') || n.endsWith('recovery.conf')) return 'recovery.conf';
  return 'postgresql.conf';
}

export function isSupportedMajor(n: number): n is Major {
  return (SUPPORTED_MAJORS as readonly number[]).includes(n);
}

/**
 * A major version named in a path, as packagers lay out clusters: Debian `/etc/postgresql/16/main`,
 * RHEL `/var/lib/pgsql/16/data`, or a directory such as `pg16`, `postgresql-16`, `postgres_16`.
 */
export function majorFromPath(path: string): Major | undefined {
  const segments = path.split(/[\\/]+/).reverse();
  for (const seg of segments) {
    const m = /^(?:(?:pg|pgsql|postgres|postgresql)[-_]?)?(\d{2})(?:\.\d+)?$/i.exec(seg);
    if (m) {
      const n = Number(m[1]);
      if (isSupportedMajor(n)) return n;
    }
  }
  return undefined;
}

export interface DiscoverOptions {
  pgVersion?: Major;
  /** Config-file version for a cluster, given its files (below the flag, above PG_VERSION). */
  configVersion?: (files: string[]) => Major | undefined;
  /** Extra file names: a path (absolute) -> kind, or undefined. */
  extraKind?: (absPath: string) => FileKind | undefined;
  /** Paths (absolute) to leave out of discovery. */
  ignore?: (absPath: string) => boolean;
  /** Explicit clusters from the config: files matching one form that cluster wherever they are. */
  clusterOf?: (absPath: string) => { name: string; pgVersion?: Major } | undefined;
  /**
   * The kind of every file named explicitly (and of standard input), whatever its name (--kind).
   * Directories are searched by file name as always.
   */
  kind?: ExplicitKind;
  /**
   * The path `-` stands for: standard input linted as the file `abs` (`name` as the user gave it,
   * --stdin-filename). Its cluster is its directory: the other configuration files there are read
   * from disk, the one of its own kind is replaced by it.
   */
  stdin?: { abs: string; name: string };
  /** Finding nothing to check is no error: the message goes to `empty` instead of `errors`. */
  allowEmpty?: boolean;
}

/** Kinds --kind may give (signal files are never parsed, so they are not among them). */
export const EXPLICIT_KINDS = ['postgresql.conf', 'pg_hba.conf', 'pg_ident.conf', 'postgresql.auto.conf', 'recovery.conf', 'pgbouncer.ini', 'patroni', 'cloudnativepg', 'container'] as const;
export type ExplicitKind = (typeof EXPLICIT_KINDS)[number];

export interface Discovery {
  clusters: ClusterInput[];
  /** Invocation problems (missing path, or no configuration file found at all): exit 2. */
  errors: string[];
  /** Where the walk stopped before the end and why (the depth limit): files below were not searched. */
  warnings: string[];
  /** With allowEmpty: why nothing was found (the message that is otherwise an error). */
  empty?: string;
}

function readPgVersion(host: Host, dir: string): Major | undefined {
  const p = join(dir, 'PG_VERSION');
  if (host.kind(p) !== 'file') return undefined;
  const r = host.read(p);
  if (!r.ok) return undefined;
  const n = Number(r.file.text.trim().split('.')[0]);
  return isSupportedMajor(n) ? n : undefined;
}

/** Finds configuration files under the given paths and groups them by directory into clusters. */
export function discover(host: Host, paths: string[], options: DiscoverOptions = {}): Discovery {
  const errors: string[] = [];
  // Clusters keyed by directory, or by "cluster:<name>" for clusters the config defines.
  const byDir = new Map<string, Map<string, FileKind>>();
  const named = new Map<string, { name: string; pgVersion?: Major }>();
  const add = (abs: string, kind: FileKind): void => {
    if (options.ignore?.(abs)) return;
    const def = options.clusterOf?.(abs);
    // A carrier file describes its own cluster(s): it does not join the plain files beside it.
    const key = def ? `cluster:${def.name}` : isCarrierKind(kind) ? `carrier:${abs}` : dirname(abs);
    if (def) named.set(key, def);
    let files = byDir.get(key);
    if (!files) byDir.set(key, (files = new Map()));
    files.set(abs, kind);
  };

  // Each real directory is visited once, by device and inode: `self -> .` and `up -> ..` loops end,
  // and a directory reached through a symlink as well as directly is one cluster, not two. Symlinked
  // directories wait until the real tree has been walked, so that files are named by their real path
  // whenever it lies in the walk.
  const visited = new Set<string>();
  // A host without identity() (a wrapper such as the Action's base-revision overlay) still names
  // directories on disk: stat them here, so that a loop cannot make the walk exponential.
  const idOf = (dir: string): string => (host.identity ? host.identity(dir) : fileIdentity(dir)) ?? dir;
  const deferred: { dir: string; depth: number }[] = [];
  /** Directories not entered because of the depth limit. */
  const tooDeep: string[] = [];
  /** Directories that could not be listed, with the reason (for the "nothing found" error). */
  const unlisted: string[] = [];
  let ignoredFiles = 0;

  const enter = (dir: string, depth: number): void => {
    const id = idOf(dir);
    if (visited.has(id)) return;
    visited.add(id);
    const listed = host.list(dir);
    if (!listed.ok) {
      unlisted.push(`${host.display(dir)}: ${listed.error}`);
      return;
    }
    for (const e of listed.entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const abs = join(dir, e.name);
      if (e.isDir) {
        if (SKIP_DIRS.has(e.name) || !host.allowed(abs) || options.ignore?.(abs)) continue;
        if (depth + 1 > MAX_WALK_DEPTH) {
          if (!visited.has(idOf(abs))) tooDeep.push(abs);
        } else if (e.isLink) deferred.push({ dir: abs, depth: depth + 1 });
        else enter(abs, depth + 1);
      } else {
        const kind = KNOWN_NAMES[e.name] ?? options.extraKind?.(abs) ?? SIGNAL_NAMES[e.name] ?? pgbouncerKind(e.name) ?? sniffCarrier(host, abs);
        if (!kind || host.kind(abs) === 'missing') continue;
        if (options.ignore?.(abs)) ignoredFiles++;
        else add(abs, kind);
      }
    }
  };
  /**
   * Standard input as the file it names, with the configuration files beside that file on disk
   * (not below: the directory is not walked), except the one of its own kind, which it replaces.
   */
  let stdinDone = false;
  const addStdin = ({ abs, name }: { abs: string; name: string }): void => {
    if (stdinDone) return;
    stdinDone = true;
    if (!host.allowed(abs)) {
      const why = host.refusal?.(abs);
      errors.push(`--stdin-filename ${name}: ${why === GIT_DIR_REFUSAL ? why : `outside the root ${host.display(host.root)}; nothing outside it is read (see --root)`}`);
      return;
    }
    if (options.ignore?.(abs)) {
      ignoredFiles++;
      return;
    }
    // A YAML carrier (Patroni, a CloudNativePG Cluster, a Compose file) is told by its shape, as a named file is.
    const own = options.kind ?? options.extraKind?.(abs) ?? sniffCarrier(host, abs, true) ?? kindFromName(abs);
    add(abs, own);
    const dir = dirname(abs);
    const listed = host.list(dir);
    if (!listed.ok) return; // a new file in a new directory: nothing beside it
    for (const e of listed.entries) {
      const sib = join(dir, e.name);
      if (e.isDir || sib === abs) continue;
      const kind = KNOWN_NAMES[e.name] ?? options.extraKind?.(sib) ?? SIGNAL_NAMES[e.name] ?? pgbouncerKind(e.name);
      if (!kind || kind === own || host.kind(sib) === 'missing') continue;
      add(sib, kind);
    }
  };
  /**
   * The signal files of a directory whose configuration file is named explicitly (pre-commit passes
   * only the changed files): standby.signal makes that server a standby whether it changed or not.
   */
  const addSignals = (dir: string): void => {
    for (const [name, kind] of Object.entries(SIGNAL_NAMES)) {
      const abs = join(dir, name);
      const k = host.allowed(abs) ? host.kind(abs) : 'missing';
      if ((k === 'file' || k === 'other') && !options.ignore?.(abs)) add(abs, kind);
    }
  };
  const walk = (dir: string): void => {
    enter(dir, 0);
    for (let next = deferred.shift(); next; next = deferred.shift()) enter(next.dir, next.depth);
  };

  const unshaped: string[] = [];
  for (const p of paths.length ? paths : ['.']) {
    if (p === '-') {
      if (!options.stdin) errors.push('-: standard input needs a file name to be linted as (--stdin-filename NAME)');
      else addStdin(options.stdin);
      continue;
    }
    const abs = resolve(host.cwd, p);
    if (!host.allowed(abs)) {
      const why = host.refusal?.(abs);
      errors.push(why === GIT_DIR_REFUSAL ? `${p}: ${why}` : `${p}: outside the root ${host.display(host.root)}; nothing outside it is read (see --root)`);
      continue;
    }
    const kind = host.kind(abs);
    if (kind === 'missing') errors.push(`${p}: no such file or directory`);
    else if (kind === 'dir') walk(abs);
    else if (options.ignore?.(abs)) ignoredFiles++;
    else {
      const chosen = options.kind ?? options.extraKind?.(abs) ?? sniffCarrier(host, abs, true);
      // A YAML file of no shape pgconf-lint reads (not Patroni, CloudNativePG, Compose or a Kubernetes
      // workload running postgres) is no postgresql.conf: read as one it would be a page of syntax
      // errors. It is left out, and said so.
      if (chosen === undefined && YAML_NAME.test(abs)) {
        unshaped.push(p);
        continue;
      }
      const kind = chosen ?? kindFromName(abs);
      add(abs, kind);
      if (!isCarrierKind(kind)) addSignals(dirname(abs));
    }
  }

  // Signal files alone are no configuration: a directory with nothing else forms no cluster.
  for (const [key, files] of byDir) if ([...files.values()].every(isSignalKind)) byDir.delete(key);

  const warnings: string[] = unshaped.map(
    (p) => `${p}: not linted: a YAML file of no shape pgconf-lint reads (a Patroni configuration, a CloudNativePG Cluster, a Compose file or a Kubernetes workload running the postgres image); name its kind with --kind if it is one`,
  );
  let empty: string | undefined;
  if (tooDeep.length) {
    const more = tooDeep.length > 1 ? ` (and ${tooDeep.length - 1} more ${tooDeep.length === 2 ? 'directory' : 'directories'} at that depth)` : '';
    warnings.push(
      `the directory search stopped at its depth limit of ${MAX_WALK_DEPTH} levels at ${host.display(tooDeep[0]!)}${more}: nothing below was searched; name a deeper directory as a path to check it`,
    );
  }
  if (byDir.size === 0 && errors.length === 0) {
    const searched = (paths.length ? paths : ['.']).map((p) => (p === '-' && options.stdin ? `standard input (as ${JSON.stringify(options.stdin.name)})` : JSON.stringify(p))).join(', ');
    const names = [...Object.keys(KNOWN_NAMES), ...(options.extraKind ? ["the config's files: globs"] : []), 'Patroni YAML (patroni*.yml, postgres*.yml)', 'pgbouncer*.ini', 'CloudNativePG Cluster manifests', 'docker-compose files and Kubernetes workloads running the postgres image'].join(', ');
    const why = [
      ...(warnings.length ? [warnings[0]!] : []),
      ...(ignoredFiles ? [`${ignoredFiles} matching ${ignoredFiles === 1 ? 'file is' : 'files are'} ignored by the config's ignore: globs`] : []),
      ...(unlisted.length ? [`could not list ${unlisted[0]}${unlisted.length > 1 ? ` (and ${unlisted.length - 1} more)` : ''}`] : []),
    ];
    const message = `no configuration file found in ${searched}: looked for ${names} in every directory below (except ${[...SKIP_DIRS].join(', ')})${why.length ? '; ' + why.join('; ') : ''}`;
    if (options.allowEmpty) empty = message;
    else errors.push(message);
  }

  // A cluster has at most one file of each kind. When several files of one kind land in the same
  // group (named explicitly, or through config globs), each becomes a cluster of its own rather
  // than being dropped.
  const groups: [string, Map<string, FileKind>][] = [];
  for (const [key, files] of [...byDir.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const kinds = [...files.values()];
    if (new Set(kinds).size === kinds.length) groups.push([key, files]);
    else {
      for (const [abs, kind] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (!isSignalKind(kind)) groups.push([key, new Map([[abs, kind]])]);
      }
    }
  }

  const clusters: ClusterInput[] = [];
  for (const [key, files] of groups) {
    const def = named.get(key);
    const firstFile = [...files.keys()].sort()[0]!;
    const dir = def || key.startsWith('carrier:') ? dirname(firstFile) : key;
    let major: Major = NEWEST_MAJOR;
    let versionSource: ClusterInput['versionSource'] = 'default';
    const fromFile = readPgVersion(host, dir);
    const fromPath = majorFromPath(host.display(dir).split(sep).join('/'));
    const fromConfig = def?.pgVersion ?? options.configVersion?.([...files.keys()]);
    if (options.pgVersion) [major, versionSource] = [options.pgVersion, 'flag'];
    else if (fromConfig) [major, versionSource] = [fromConfig, 'config'];
    else if (fromFile) [major, versionSource] = [fromFile, 'PG_VERSION'];
    else if (fromPath) [major, versionSource] = [fromPath, 'path'];
    clusters.push({
      ...(def ? { name: def.name } : {}),
      dir,
      files: [...files.entries()].map(([abs, kind]) => ({ abs, kind })),
      major,
      versionSource,
    });
  }
  return { clusters, errors, warnings, ...(empty !== undefined ? { empty } : {}) };
}
