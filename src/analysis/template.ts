/*
 * Template placeholders left in a rendered configuration file: `${VAR}` (shell, envsubst, Docker
 * Compose, Terraform), `{{ var }}` and `{% … %}` (Jinja/Ansible, Go templates/Helm, Mustache),
 * `@@VAR@@` (sed-style tokens), `%(var)s` (Python), `<%= var %>` (ERB). PostgreSQL reads them
 * literally: a value that holds one is the template's text, not the intended value, and a pg_hba
 * address such as `${DOCKER_SUBNET}` is looked up as a host name and never matches.
 *
 * Deliberately not placeholders:
 * - `$user` and `$libdir` (search_path, dynamic_library_path), `$1` and `$VAR` in shell commands:
 *   no braces;
 * - an unbraced name such as `PG_MASTER_USER` or `__VAR__`: nothing tells it from a real role or
 *   database name, and PostgreSQL uses it as one;
 * - `%p`, `%f`, `%r` (archive/restore commands), `%m [%p]` (log_line_prefix), and `%%(x)s`, where
 *   `%%` is the escape of a literal `%`;
 * - `{{1,2}}` (an array literal): the content of `{{ … }}` must start like a template expression
 *   (a name, `.field`, `$var`, after an optional `-` and blanks).
 * Callers can leave out a syntax where it has a meaning of its own (`${VAR}` in a shell command
 * is expanded by the shell from the server's environment).
 *
 * Linear: one pass per syntax with patterns whose repetitions are bounded and cannot overlap
 * their terminators.
 */

export type PlaceholderSyntax = 'shell' | 'jinja' | 'at-sign' | 'python' | 'erb';

export interface Placeholder {
  /** Offsets in the searched text. */
  readonly start: number;
  readonly end: number;
  /** The placeholder as written (at most 80 characters of it). */
  readonly text: string;
  readonly syntax: PlaceholderSyntax;
}

export interface FindOptions {
  /** Syntaxes not to look for. */
  readonly except?: readonly PlaceholderSyntax[];
}

/** How many characters of a placeholder are kept in `text`. */
export const PLACEHOLDER_TEXT_MAX = 80;

const PATTERNS: readonly [PlaceholderSyntax, RegExp][] = [
  // ${VAR}, ${VAR:-default}, ${var.name} (Terraform)
  ['shell', /\$\{[A-Za-z_][A-Za-z0-9_.]*(?:[:?+-][^}\n]{0,200})?\}/g],
  // {{ var }}, {{- .Values.x -}}, {{ $x }}, {{ var | default('a') }}; {% if x %} … statements
  ['jinja', /\{\{-?[ \t]*[.$A-Za-z_][^{}\n]{0,200}\}\}|\{%-?[ \t]*[A-Za-z_][^%\n]{0,200}%\}/g],
  ['at-sign', /@@[A-Za-z_][A-Za-z0-9_]*@@/g],
  ['python', /%\([A-Za-z_][A-Za-z0-9_]*\)[sdrifx]/g],
  ['erb', /<%=[^%\n]{0,200}%>/g],
];

/** Whether the `%` at `i` is escaped: preceded by an odd run of `%` (`%%` is a literal `%`). */
function escapedPercent(text: string, i: number): boolean {
  let n = 0;
  for (let j = i - 1; j >= 0 && text.charCodeAt(j) === 37; j--) n++;
  return n % 2 === 1;
}

/** The first match of `re` in `text` that is a placeholder of `syntax`, or null. */
function firstMatch(syntax: PlaceholderSyntax, re: RegExp, text: string): RegExpExecArray | null {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (syntax !== 'python' || !escapedPercent(text, m.index)) return m;
    re.lastIndex = m.index + 1;
  }
  return null;
}

/**
 * What every syntax starts with: `${`, `{{`, `{%`, `@@`, `%(`, `<%` (see PATTERNS). A text without
 * one holds no placeholder; most values (numbers, names, paths, `$user`, `%m [%p]`) have none.
 */
const OPENER = /\$\{|\{[{%]|@@|%\(|<%/;

/** Whether `text` may hold a placeholder: false only when findPlaceholder(text) is null whatever the options. */
export function mayHoldPlaceholder(text: string): boolean {
  return OPENER.test(text);
}

/** The first placeholder in `text`, or null. */
export function findPlaceholder(text: string, options: FindOptions = {}): Placeholder | null {
  if (!OPENER.test(text)) return null;
  let best: Placeholder | null = null;
  for (const [syntax, re] of PATTERNS) {
    if (options.except?.includes(syntax)) continue;
    const m = firstMatch(syntax, re, text);
    if (m && (best === null || m.index < best.start)) {
      best = { start: m.index, end: m.index + m[0].length, text: m[0].slice(0, PLACEHOLDER_TEXT_MAX), syntax };
    }
  }
  return best;
}

/**
 * The group key (src/linter/merge.ts) of a value in postgresql.conf, postgresql.auto.conf or
 * recovery.conf, by the offset of the value token: unrendered-template and invalid-value mark
 * their findings at one value with it, so that a placeholder PostgreSQL rejects is one finding.
 */
export const valueGroupKey = (file: string, valueStart: number): string => `value:${file}:${valueStart}`;

/**
 * The group key of a pg_hba.conf token, by its offset: unrendered-template and hba-invalid-record
 * mark their findings with it, so that a record rejected because of its placeholder is one finding.
 */
export const hbaTokenGroupKey = (file: string, tokenStart: number): string => `hba-token:${file}:${tokenStart}`;
