// Why pgconf-lint refuses to read a path: shared by the host (src/resolve/safe-read.ts), the include
// reader and the pg_hba/pg_ident tokenizer, which word the refusal on the line that names the path.
// No I/O here: the parsers import it.

export const OUTSIDE_REFUSAL = 'outside the checked root; it was not read';

/** `.git/` holds the job's token (actions/checkout's extraheader) and is never configuration. */
export const GIT_DIR_REFUSAL = "inside the repository's .git directory, which pgconf-lint never reads as configuration; it was not read";

/** A `.git` segment in a relative path (any case: case-insensitive file systems open `.GIT/config` too). */
export function hasGitSegment(relPath: string): boolean {
  if (!/\.git/i.test(relPath)) return false; // the common case, without splitting
  return relPath.split(/[\\/]/).some((s) => s.toLowerCase() === '.git');
}
