/*
 * Template placeholders left in a rendered configuration file: `${VAR}` (shell, envsubst, Docker
 * Compose, Terraform), `{{ var }}` (Jinja, Go templates, Helm, Mustache), `@@VAR@@` (sed-style
 * tokens), `%(var)s` (Python), `<%= var %>` (ERB). PostgreSQL reads them literally: a value that
 * holds one is the template's text, not the intended value, and a pg_hba address such as
 * `${DOCKER_SUBNET}` is looked up as a host name and never matches.
 *
 * Deliberately not placeholders: `$user` and `$libdir` (search_path, dynamic_library_path), `%p`,
 * `%f`, `%r` (archive/restore commands), `%m [%p]` (log_line_prefix), and `$1` in shell commands.
 * Linear: one pass with non-backtracking patterns over a bounded value.
 */

export interface Placeholder {
  /** Offsets in the searched text. */
  readonly start: number;
  readonly end: number;
  /** The placeholder as written (at most 80 characters of it). */
  readonly text: string;
  readonly syntax: 'shell' | 'jinja' | 'at-sign' | 'python' | 'erb';
}

const PATTERNS: readonly [Placeholder['syntax'], RegExp][] = [
  // ${VAR}, ${VAR:-default}, ${var.name} (Terraform)
  ['shell', /\$\{[A-Za-z_][A-Za-z0-9_.]*(?:[:?+-][^}\n]{0,200})?\}/g],
  ['jinja', /\{\{[^{}\n]{0,200}\}\}/g],
  ['at-sign', /@@[A-Za-z_][A-Za-z0-9_]*@@/g],
  ['python', /%\([A-Za-z_][A-Za-z0-9_]*\)[sdrif]/g],
  ['erb', /<%=[^%\n]{0,200}%>/g],
];

/** The first placeholder in `text`, or null. */
export function findPlaceholder(text: string): Placeholder | null {
  let best: Placeholder | null = null;
  for (const [syntax, re] of PATTERNS) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (m && (best === null || m.index < best.start)) {
      best = { start: m.index, end: m.index + m[0].length, text: m[0].slice(0, 80), syntax };
    }
  }
  return best;
}
