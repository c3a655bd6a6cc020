import { posix, relative, sep } from 'node:path';

/**
 * A pull request names files relative to its repository (`db/pg_hba.conf`); the Action names them
 * relative to its display base (src/resolve/repo-root.ts actionBase). If those differ (a checkout
 * path the base did not catch, a `paths` input that points into another checkout), no finding
 * matches a changed line and only-changed reports nothing: the gate opens silently.
 *
 * This detects that case: none of the checked files is among the changed files, yet the pull
 * request changes a file with the same name as a checked one (under another directory prefix).
 * Returns one such pair to show in a warning, or undefined.
 */
export function prefixMismatch(checked: Iterable<string>, changed: Iterable<string>): { checked: string; changed: string } | undefined {
  const changedList = [...changed];
  const changedSet = new Set(changedList);
  const byName = new Map<string, string>();
  for (const c of checked) {
    if (changedSet.has(c)) return undefined;
    const name = posix.basename(c);
    if (!byName.has(name)) byName.set(name, c);
  }
  for (const c of changedList) {
    const same = byName.get(posix.basename(c));
    if (same !== undefined) return { checked: same, changed: c };
  }
  return undefined;
}

/**
 * The warning for a prefix mismatch between the checked files (named relative to `base`) and the
 * pull request's changed files, or undefined when the names line up (or the PR changes no file of
 * a checked name). Call it wherever the changed-file list is known.
 */
export function prefixWarning(checked: Iterable<string>, changed: Iterable<string>, workspace: string, base: string): string | undefined {
  const m = prefixMismatch(checked, changed);
  if (!m) return undefined;
  const where = relative(workspace, base).split(sep).join('/');
  return (
    `pgconf-lint: none of the checked files is among the files this pull request changes, yet it changes ${m.changed} and ${m.checked} was checked ` +
    `(paths relative to ${where ? `GITHUB_WORKSPACE/${where}` : 'GITHUB_WORKSPACE'}); check the paths input and the checkout path: findings cannot be matched to the pull request's lines.`
  );
}
