import { basename, dirname, join, resolve, sep } from 'node:path';
import { NEWEST_MAJOR, SUPPORTED_MAJORS, type Major } from '../catalog/types.js';
import type { FileKind } from '../types.js';
import type { ClusterInput } from './cluster.js';
import type { Host } from './host.js';

/** Exact file names discovery looks for when walking a directory. */
export const KNOWN_NAMES: Readonly<Record<string, FileKind>> = {
  'postgresql.conf': 'postgresql.conf',
  'postgresql.auto.conf': 'postgresql.auto.conf',
  'pg_hba.conf': 'pg_hba.conf',
  'pg_ident.conf': 'pg_ident.conf',
  'recovery.conf': 'recovery.conf',
};

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

/** The kind of a file named explicitly on the command line, from its name. */
export function kindFromName(name: string): FileKind {
  const n = basename(name).toLowerCase();
  if (KNOWN_NAMES[n]) return KNOWN_NAMES[n];
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
}

export interface Discovery {
  clusters: ClusterInput[];
  /** Invocation problems (missing path): exit 2. */
  errors: string[];
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
    const key = def ? `cluster:${def.name}` : dirname(abs);
    if (def) named.set(key, def);
    let files = byDir.get(key);
    if (!files) byDir.set(key, (files = new Map()));
    files.set(abs, kind);
  };

  const walk = (dir: string, depth: number): void => {
    if (depth > 32) return;
    const listed = host.list(dir);
    if (!listed.ok) return;
    for (const e of listed.entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const abs = join(dir, e.name);
      if (e.isDir) {
        if (!SKIP_DIRS.has(e.name) && host.allowed(abs) && !options.ignore?.(abs)) walk(abs, depth + 1);
      } else {
        const kind = KNOWN_NAMES[e.name] ?? options.extraKind?.(abs);
        if (kind && host.kind(abs) !== 'missing') add(abs, kind);
      }
    }
  };

  for (const p of paths.length ? paths : ['.']) {
    const abs = resolve(host.cwd, p);
    if (!host.allowed(abs)) {
      errors.push(`${p}: outside the root ${host.display(host.root)}; nothing outside it is read (see --root)`);
      continue;
    }
    const kind = host.kind(abs);
    if (kind === 'missing') errors.push(`${p}: no such file or directory`);
    else if (kind === 'dir') walk(abs, 0);
    else add(abs, options.extraKind?.(abs) ?? kindFromName(abs));
  }

  // A cluster has at most one file of each kind. When several files of one kind land in the same
  // group (named explicitly, or through config globs), each becomes a cluster of its own rather
  // than being dropped.
  const groups: [string, Map<string, FileKind>][] = [];
  for (const [key, files] of [...byDir.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const kinds = [...files.values()];
    if (new Set(kinds).size === kinds.length) groups.push([key, files]);
    else for (const [abs, kind] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) groups.push([key, new Map([[abs, kind]])]);
  }

  const clusters: ClusterInput[] = [];
  for (const [key, files] of groups) {
    const def = named.get(key);
    const firstFile = [...files.keys()].sort()[0]!;
    const dir = def ? dirname(firstFile) : key;
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
  return { clusters, errors };
}
