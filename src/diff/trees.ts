/**
 * Two trees laid out the same way (`pgconf-lint diff BASE HEAD [PATH…]`, or a git revision and the
 * work tree): each resolved as the linter resolves it, their clusters paired by repository-relative
 * directory, and each pair diffed (access and settings).
 */
import { resolve, sep } from 'node:path';
import { resolveAll, type LintOptions } from '../api.js';
import type { Major } from '../catalog/types.js';
import { clusterDisplayDir, clusterName, type ResolvedCluster } from '../resolve/cluster.js';
import { carrierLineOf } from '../carriers/origin.js';
import type { ExplicitKind } from '../resolve/discover.js';
import { isInside, nodeHost, type Host } from '../resolve/host.js';
import { diffSettings } from './settings.js';
import type { AccessChange, AccessUnknown, ClusterDiff, DiffResult } from './types.js';

/** The access diff (src/diff/access.ts diffAccess), given by the caller. */
export type AccessDiffFn = (
  before: ResolvedCluster | null,
  after: ResolvedCluster | null,
  display: (abs: string) => string,
) => { access: AccessChange[]; unknown: AccessUnknown[] };

/** One tree. */
export interface TreeSide {
  /** Absolute directory the tree is: its paths are shown relative to it, as the repository names them. */
  root: string;
  /**
   * How the tree is read (a git revision: src/diff/git-tree.ts). Its root, display base and cwd are
   * its own. Default: the directory on disk, confined to `root`.
   */
  host?: Host;
  /** The tree's .pgconf-lint.yml, for the target majors, extra file kinds, ignores and clusters it defines. */
  config?: LintOptions['config'];
}

export interface DiffTreesOptions {
  /** The target major of every cluster (--pg-version); else each side's own (config, PG_VERSION, path). */
  pgVersion?: Major;
  /** Size limit of one file, for sides read from disk (a given host has its own). */
  maxFileBytes?: number;
  /** Parse explicitly named files as this kind (--kind). */
  kind?: ExplicitKind;
  /**
   * Where relative paths start, relative to each tree's root (default: the root), for sides read
   * from disk; a given host's paths start at its cwd.
   */
  cwd?: string;
  /** The carrier readers (Patroni YAML, …: src/carriers/load.ts), for both trees. */
  carriers?: LintOptions['carriers'];
  /** The access diff; without it no access changes are reported (`access` and `unknown` stay empty). */
  diffAccess?: AccessDiffFn;
}

export interface DiffTreesResult {
  result: DiffResult;
  /**
   * Invocation problems (a path in neither tree, a path outside the root): the CLI's exit 2. A path
   * that exists in one tree only is no error: its clusters are added or removed.
   */
  errors: string[];
  /**
   * Where discovery stopped early (its depth limit), and the files of a compared cluster that could
   * not be read (over the size limit, a link out of the tree, …): what they would set is missing
   * from that side, so its changes are not the whole story.
   */
  warnings: string[];
  /** Neither tree holds any configuration under the paths: why (the head's discovery message). */
  empty?: string;
}

interface Side {
  host: Host;
  clusters: Map<string, ResolvedCluster>;
  errors: string[];
  warnings: string[];
  empty?: string;
}

/** Which paths exist in a tree: a path missing here but present in the other tree names added or removed clusters. */
function exists(host: Host, p: string): boolean {
  const abs = resolve(host.cwd, p);
  // A path the host refuses is left to discovery, which words the refusal.
  return !host.allowed(abs) || host.kind(abs) !== 'missing';
}

/**
 * Clusters keyed as both trees name them: the config's cluster name, else the directory relative to
 * the tree's root. Two clusters of one directory (several files of a kind named explicitly) are told
 * apart by their files.
 */
function keyed(host: Host, clusters: ResolvedCluster[]): Map<string, ResolvedCluster> {
  // A carrier's cluster is named by its file (and role): several may share a directory with plain files.
  const base = (c: ResolvedCluster): string => c.input.name ?? (c.carrier ? clusterName(host, c) : clusterDisplayDir(host, c.input));
  const counts = new Map<string, number>();
  for (const c of clusters) counts.set(base(c), (counts.get(base(c)) ?? 0) + 1);
  const out = new Map<string, ResolvedCluster>();
  for (const c of clusters) {
    const k = base(c);
    const files = c.input.files.map((f) => host.display(f.abs)).sort().join(', ');
    out.set(counts.get(k)! > 1 ? `${k} (${files})` : k, c);
  }
  return out;
}

/** The host a side is read through: its own, else the directory on disk confined to its root. */
function hostOf(side: TreeSide, options: DiffTreesOptions): Host {
  return (
    side.host ??
    nodeHost({
      cwd: resolve(side.root, options.cwd ?? '.'),
      root: side.root,
      base: side.root,
      ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
    })
  );
}

function readSide(host: Host, side: TreeSide, paths: readonly string[], present: readonly string[], options: DiffTreesOptions): Side {
  // Named paths that are absent here contribute nothing (and an empty list would mean the whole tree).
  if (paths.length && !present.length) return { host, clusters: new Map(), errors: [], warnings: [], empty: `${paths.join(', ')}: not in this tree` };
  const r = resolveAll([...present], {
    host,
    allowEmpty: true,
    ...(options.pgVersion ? { pgVersion: options.pgVersion } : {}),
    ...(options.kind ? { kind: options.kind } : {}),
    ...(side.config ? { config: side.config } : {}),
    ...(options.carriers ? { carriers: options.carriers } : {}),
  });
  const unreadable = r.clusters.flatMap((c) => c.unreadable.map((u) => `${u.path}: ${u.error}; the diff compares this tree without it`));
  return { host, clusters: keyed(host, r.clusters), errors: r.errors, warnings: [...r.warnings, ...unreadable], ...(r.empty !== undefined ? { empty: r.empty } : {}) };
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Messages of both sides: one copy of what both say, the rest marked with their side. */
function merged(base: readonly string[], head: readonly string[]): string[] {
  const inHead = new Set(head);
  const inBase = new Set(base);
  return [...base.map((m) => (inHead.has(m) ? m : `base: ${m}`)), ...head.filter((m) => !inBase.has(m)).map((m) => `head: ${m}`)];
}

/**
 * Diffs the clusters under `paths` (relative to each tree's cwd; none: the whole tree) between the
 * `base` and `head` trees. Clusters are paired by their repository-relative directory; one found in
 * one tree only is compared with nothing (status added or removed). Every path in the result is
 * relative to its tree's root. Only clusters with something to report are listed, in order of
 * their directory.
 */
export function diffTrees(base: TreeSide, head: TreeSide, paths: readonly string[], options: DiffTreesOptions = {}): DiffTreesResult {
  const [baseHost, headHost] = [hostOf(base, options), hostOf(head, options)];
  const inBase = paths.filter((p) => exists(baseHost, p));
  const inHead = paths.filter((p) => exists(headHost, p));
  const nowhere = paths.filter((p) => !inBase.includes(p) && !inHead.includes(p)).map((p) => `${p}: no such file or directory in either tree`);
  const b = readSide(baseHost, base, paths, inBase, options);
  const h = readSide(headHost, head, paths, inHead, options);

  // A path from either tree, shown relative to the tree that holds it (the innermost root, should one tree lie inside the other).
  const roots = [b.host, h.host].sort((x, y) => y.root.length - x.root.length);
  const display = (abs: string): string => {
    const host = roots.find((x) => isInside(x.root, abs)) ?? h.host;
    return host.display(abs);
  };
  // A carrier's synthesized files (`db/patroni.yml#pg_hba.conf`, src/resolve/cluster.ts synthPath) are
  // shown as the carrier file, at the carrier line each synthesized line stands for in its own tree
  // (both trees name a synthesized file alike; its lines stand for different carrier lines).
  const placer =
    (c: ResolvedCluster | null) =>
    <T extends { file: string | null; line: number | null }>(x: T): T => {
      const o = x.file === null ? undefined : c?.carrier?.origins.get(x.file);
      return o ? { ...x, file: o.carrier, line: x.line === null ? null : carrierLineOf(o, x.line) } : x;
    };

  const clusters: ClusterDiff[] = [];
  const keys = [...new Set([...b.clusters.keys(), ...h.clusters.keys()])].sort(byString);
  for (const key of keys) {
    const before = b.clusters.get(key) ?? null;
    const after = h.clusters.get(key) ?? null;
    const raw = options.diffAccess ? options.diffAccess(before, after, display) : { access: [], unknown: [] };
    const [inBase, inHead] = [placer(before), placer(after)];
    const access = {
      access: raw.access.map((a) => ({ ...a, before: a.before && inBase(a.before), after: a.after && inHead(a.after) })),
      // What cannot be decided is said of the new version, unless the cluster is gone.
      unknown: raw.unknown.map(after ? inHead : inBase),
    };
    // A setting's line is the head's assignment when the head sets it, else the base's (src/diff/settings.ts).
    const settings = diffSettings(before, after, display).map((x) => (after?.effective.get(x.name.toLowerCase()) ? inHead(x) : inBase(x)));
    const status = before ? (after ? undefined : 'removed') : 'added';
    if (!status && !access.access.length && !access.unknown.length && !settings.length) continue;
    clusters.push({
      cluster: key.split(sep).join('/'),
      pgVersion: (after ?? before)!.input.major,
      ...(status ? { status } : {}),
      access: access.access,
      unknown: access.unknown,
      settings,
    });
  }
  const errors = [...nowhere, ...merged(b.errors, h.errors)];
  const empty = !b.clusters.size && !h.clusters.size && !errors.length ? (h.empty ?? b.empty) : undefined;
  return {
    result: { version: 1, clusters },
    errors,
    warnings: merged(b.warnings, h.warnings),
    ...(empty !== undefined ? { empty } : {}),
  };
}
