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
  /** Config-file version (below the flag, above PG_VERSION). */
  configVersion?: Major;
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
  const byDir = new Map<string, Map<string, FileKind>>();
  const add = (abs: string, kind: FileKind): void => {
    const dir = dirname(abs);
    let files = byDir.get(dir);
    if (!files) byDir.set(dir, (files = new Map()));
    files.set(abs, kind);
  };

  const walk = (dir: string, depth: number): void => {
    if (depth > 32) return;
    const listed = host.list(dir);
    if (!listed.ok) return;
    for (const e of listed.entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const abs = join(dir, e.name);
      if (e.isDir) {
        if (!SKIP_DIRS.has(e.name) && host.allowed(abs)) walk(abs, depth + 1);
      } else if (KNOWN_NAMES[e.name] && host.kind(abs) !== 'missing') {
        add(abs, KNOWN_NAMES[e.name]!);
      }
    }
  };

  for (const p of paths.length ? paths : ['.']) {
    const abs = resolve(host.cwd, p);
    const kind = host.kind(abs);
    if (kind === 'missing') errors.push(`${p}: no such file or directory`);
    else if (kind === 'dir') walk(abs, 0);
    else add(abs, kindFromName(abs));
  }

  const clusters: ClusterInput[] = [];
  for (const [dir, files] of [...byDir.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let major: Major = NEWEST_MAJOR;
    let versionSource: ClusterInput['versionSource'] = 'default';
    const fromFile = readPgVersion(host, dir);
    const fromPath = majorFromPath(host.display(dir).split(sep).join('/'));
    if (options.pgVersion) [major, versionSource] = [options.pgVersion, 'flag'];
    else if (options.configVersion) [major, versionSource] = [options.configVersion, 'config'];
    else if (fromFile) [major, versionSource] = [fromFile, 'PG_VERSION'];
    else if (fromPath) [major, versionSource] = [fromPath, 'path'];
    clusters.push({
      dir,
      files: [...files.entries()].map(([abs, kind]) => ({ abs, kind })),
      major,
      versionSource,
    });
  }
  return { clusters, errors };
}
