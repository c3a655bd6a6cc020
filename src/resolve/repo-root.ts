import { lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isInside } from './host.js';

/**
 * Where paths in reports are relative to: the repository root. Found without running git: a
 * directory is a repository's top level when it holds a `.git` directory, or a `.git` file (a
 * worktree or a submodule). A `.git` symlink does not count. Git never checks out a path named
 * `.git`, so a pull request cannot plant one.
 */
function hasGit(dir: string): boolean {
  try {
    const st = lstatSync(join(dir, '.git'));
    return st.isDirectory() || st.isFile();
  } catch {
    return false;
  }
}

/** The nearest directory at or above `start` holding `.git` (like `git rev-parse --show-toplevel`). */
export function findRepositoryRoot(start: string): string | undefined {
  let cur = resolve(start);
  for (;;) {
    if (hasGit(cur)) return cur;
    const up = dirname(cur);
    if (up === cur) return undefined;
    cur = up;
  }
}

/**
 * The CLI's display base: the git top level above the working directory, else the working
 * directory, so that `cd db && pgconf-lint .` names `db/pg_hba.conf` as the repository does.
 */
export function cliBase(cwd: string): string {
  return findRepositoryRoot(cwd) ?? resolve(cwd);
}

/**
 * The Action's display base. GITHUB_WORKSPACE is the repository when actions/checkout used its
 * default path; with `path: repo` the repository is `repo/` inside it and the pull request names
 * files `db/…`, not `repo/db/…`. For each linted path, the outermost directory from the workspace
 * down to the path that holds `.git` is its repository (outermost: a submodule or a nested clone
 * inside the checked-out repository still belongs to it). When every path lies in the same one,
 * it is the base; otherwise (paths in several checkouts, none, or outside the workspace) the
 * workspace is.
 */
export function actionBase(workspace: string, paths: readonly string[]): string {
  const ws = resolve(workspace);
  const repos = new Set<string>();
  for (const p of paths.length ? paths : ['.']) {
    const abs = resolve(ws, p);
    if (!isInside(ws, abs)) return ws;
    const chain: string[] = [];
    for (let cur = abs; ; cur = dirname(cur)) {
      chain.push(cur);
      if (cur === ws || dirname(cur) === cur) break;
    }
    const repo = chain.reverse().find(hasGit);
    if (!repo) return ws;
    repos.add(repo);
  }
  return repos.size === 1 ? [...repos][0]! : ws;
}
