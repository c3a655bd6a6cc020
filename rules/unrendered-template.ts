import { findPlaceholder, hbaTokenGroupKey, mayHoldPlaceholder, valueGroupKey, type Placeholder, type PlaceholderSyntax } from '../src/analysis/template.js';
import { defineRule, type RuleContext } from '../src/linter/rule.js';
import { boundQuote } from '../src/linter/redact.js';
import type { AuthError, AuthInclude, AuthLine, AuthToken } from '../src/parse/auth-tokens.js';
import type { ConfValue } from '../src/parse/conf-ast.js';
import type { HbaLine } from '../src/parse/pg-hba.js';
import type { IdentLine } from '../src/parse/pg-ident.js';
import type { SourceFile } from '../src/source/source.js';

/**
 * Settings the server runs through a shell: there `${VAR}` is expanded by the shell from the
 * server's environment at run time, a legitimate use, so only the other syntaxes count.
 */
const SHELL_COMMANDS = new Set(['archive_command', 'restore_command', 'archive_cleanup_command', 'recovery_end_command', 'ssl_passphrase_command']);
const NO_SHELL: readonly PlaceholderSyntax[] = ['shell'];
/** findPlaceholder's options for a value, made once rather than for each assignment. */
const SKIP_SHELL = { except: NO_SHELL };
const ALL_SYNTAXES = {};

const HELP =
  'Render the template before the file is deployed (envsubst, Ansible, Helm, …) and lint the rendered file, or write the value itself.';

const concern = (p: Placeholder): string => `the template placeholder ${p.text} was never rendered (unrendered-template)`;

/** Every placeholder in `text`, in order (the earliest wins where syntaxes overlap). */
function placeholdersIn(text: string, except: readonly PlaceholderSyntax[] = []): Placeholder[] {
  const out: Placeholder[] = [];
  for (let offset = 0; offset < text.length; ) {
    const p = findPlaceholder(offset === 0 ? text : text.slice(offset), { except });
    if (!p) break;
    out.push({ ...p, start: p.start + offset, end: p.end + offset });
    offset += p.end;
  }
  return out;
}

export default defineRule({
  name: 'unrendered-template',
  severity: 'error',
  category: 'validity',
  precedence: 240,
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf', 'pg_hba.conf', 'pg_ident.conf', 'recovery.conf'],
  docs: () => ({
    summary: 'A value or pg_hba/pg_ident field still holds a template placeholder (`${VAR}`, `{{ var }}`, `@@VAR@@`, `%(var)s`, `<%= var %>`)',
    why:
      'Configuration is often generated from a template (envsubst, Docker entrypoints, Ansible/Jinja, Helm, ' +
      'ERB, sed). When the rendering step is skipped or a variable is missing, the placeholder reaches the ' +
      "server, and PostgreSQL takes the text literally: `TimeZone = '${TZ}'` is not a time zone, so the server " +
      "refuses to start; `cluster_name = '{{ name }}'` is accepted as that very text; in pg_hba.conf an address " +
      '`${DOCKER_SUBNET}` is looked up as a host name and never matches, a user `${APP_USER}` matches only a role ' +
      'of that literal name, and `@@REPLICA@@` is read as an `@file` reference that does not exist, so the whole ' +
      'file is rejected. An `include_if_exists` whose file name holds a placeholder is reported too: PostgreSQL ' +
      'skips it without a word (a missing `include` is reported by missing-include, or in pg_hba.conf as a rejected ' +
      'record). A placeholder with blanks (`{{ user }}`) splits into several pg_hba fields; a record rejected ' +
      'for that is one finding with hba-invalid-record. Only values and fields are searched, never comments. Not placeholders: `$user` and ' +
      '`$libdir`, `%`-escapes such as `%p`, `%f`, `%m` (and `%%`), and unbraced names such as `PG_MASTER_USER` or ' +
      '`__DB__`, which nothing tells apart from a real role or database name. In the shell commands ' +
      '(archive_command, restore_command, archive_cleanup_command, recovery_end_command, ssl_passphrase_command) ' +
      '`${VAR}` is the shell expanding a variable of the server\'s environment and is not reported. A value PostgreSQL ' +
      'also rejects (invalid-value, hba-invalid-record) is one finding, naming both. An unquoted placeholder in ' +
      'postgresql.conf or pg_ident.conf is a syntax error, reported by syntax-error. A placeholder in a setting that a later line ' +
      'overrides with a valid value has no effect and is not reported.',
    invalid: ["cluster_name = '{{ cluster_name }}'", { 'pg_hba.conf': 'host  all  all  ${DOCKER_SUBNET}  scram-sha-256\n' }],
    valid: [
      "TimeZone = 'Europe/Berlin'\nsearch_path = '\"$user\", public'",
      "archive_command = 'cp %p ${ARCHIVE_DIR}/%f'",
      { 'pg_hba.conf': '# host all all ${DOCKER_SUBNET} scram-sha-256\nhost  replication  PG_MASTER_USER  10.0.0.0/8  scram-sha-256\n' },
    ],
    references: [
      'https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-CONFIGURATION-FILE',
      'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html',
      'https://www.postgresql.org/docs/current/auth-username-maps.html',
    ],
    versions: 'all (include_if_exists in pg_hba.conf/pg_ident.conf 16+; recovery.conf is read up to 11)',
  }),
  check(ctx) {
    // A value is a piece of its file's text: in a file whose text holds no placeholder's opener, no
    // value holds a placeholder, and its assignments are passed over (one native search per file).
    const mayHold = new Map<SourceFile, boolean>();
    let lastFile: SourceFile | undefined;
    let lastMay = false;
    const all = ctx.cluster.assignments;
    for (let i = 0; i < all.length; i++) {
      const a = all[i]!;
      const file = a.file;
      if (file !== lastFile) {
        let may = mayHold.get(file);
        if (may === undefined) mayHold.set(file, (may = mayHoldPlaceholder(file.text)));
        lastFile = file;
        lastMay = may;
      }
      if (!lastMay) continue;
      // PostgreSQL skips an entry overridden by an identically spelled one entirely; an overridden
      // valid value never takes effect (an invalid one still stops the server).
      if (a.ignored || (a.overriddenBy && a.status !== 'invalid')) continue;
      const shell = a.def !== undefined && SHELL_COMMANDS.has(a.def.name);
      checkConfValue(ctx, file, a.line, shell, a.status === 'invalid' ? 'rejected' : a.status === 'unknown' ? 'unknown' : 'taken');
    }
    // recovery.conf is read (by the startup process, with the same lexer) up to PostgreSQL 11.
    if (ctx.major <= 11 && ctx.cluster.recovery) {
      for (const line of ctx.cluster.recovery.lines) {
        if (line.kind !== 'setting') continue;
        checkConfValue(ctx, ctx.cluster.recovery.file, line, SHELL_COMMANDS.has(line.name.toLowerCase()), 'taken');
      }
    }
    checkSkippedConfIncludes(ctx);
    for (const line of ctx.cluster.hba?.lines ?? []) checkHbaLine(ctx, line);
    for (const inc of ctx.cluster.hba?.includes ?? []) if (inc.skipped) checkSkippedAuthInclude(ctx, inc);
    for (const line of ctx.cluster.ident?.lines ?? []) checkIdentLine(ctx, line);
    for (const inc of ctx.cluster.ident?.includes ?? []) if (inc.skipped) checkSkippedAuthInclude(ctx, inc);
  },
});

function checkConfValue(
  ctx: RuleContext,
  file: SourceFile,
  value: ConfValue & { readonly name: string },
  shell: boolean,
  fate: 'rejected' | 'unknown' | 'taken',
): void {
  const p = findPlaceholder(value.raw, shell ? SKIP_SHELL : ALL_SYNTAXES);
  if (!p) return;
  const name = value.name;
  const loc = { file: file.path, start: value.valueStart + p.start, end: value.valueStart + p.end };
  if (!ctx.listed(loc.file)) {
    ctx.unlisted(loc.file, 1, loc);
    return;
  }
  const consequence =
    fate === 'rejected'
      ? 'PostgreSQL reads it literally, rejects the value and refuses to start'
      : fate === 'unknown'
        ? 'PostgreSQL reads it literally'
        : `PostgreSQL takes the text literally, so ${name} is "${boundQuote(value.value)}", not the rendered value`;
  ctx.report({
    loc,
    message: `${name} = ${boundQuote(value.raw)} still holds the template placeholder ${p.text}, which was never rendered: ${consequence}`,
    help: HELP,
    group: { key: valueGroupKey(file.path, value.valueStart), concern: concern(p) },
  });
}

/** A placeholder found in a line, with the token (or error span) it lies in. */
interface Found {
  p: Placeholder;
  file: SourceFile;
  /** Absolute offsets of the placeholder. */
  start: number;
  end: number;
  /** The token it starts in, if any; the span of the line's error when it lies there. */
  token: AuthToken | null;
  inError: boolean;
}

/**
 * The placeholders of an auth-file line: in the line's own text up to its last token (or its
 * error), so that comments are never searched and `{% … %}` across tokens is found; and in the
 * tokens read through `@file` references, each in its own file.
 */
function placeholdersOfLine(line: AuthLine, problem: AuthError | null): Found[] {
  // One pass over the tokens without building arrays: a file can have 200,000 lines.
  const own = (t: AuthToken): boolean => t.file === line.file && t.via === null;
  let end = line.start;
  let foreign = false;
  for (const f of line.fields) {
    for (const t of f.tokens) {
      if (!own(t)) foreign = true;
      else if (t.end > end) end = t.end;
    }
  }
  const errorHere = problem !== null && problem.file === line.file;
  if (errorHere && problem.end > end) end = problem.end;
  const out: Found[] = [];
  for (const p of placeholdersIn(line.file.text.slice(line.start, end))) {
    const start = line.start + p.start;
    // The placeholder overlaps the token PostgreSQL rejects (blanks split `{{ user }}` into three tokens).
    const inError = errorHere && start < problem.end && line.start + p.end > problem.start;
    let token: AuthToken | null = null;
    for (const f of line.fields) for (const t of f.tokens) if (token === null && own(t) && t.start <= start && start < t.end) token = t;
    out.push({ p, file: line.file, start, end: line.start + p.end, token, inError });
  }
  if (!foreign) return out;
  for (const f of line.fields) {
    for (const t of f.tokens) {
      if (own(t)) continue;
      for (const p of placeholdersIn(t.raw)) {
        const start = t.start + p.start;
        const inError = problem !== null && problem.file === t.file && start < problem.end && t.start + p.end > problem.start;
        out.push({ p, file: t.file, start, end: t.start + p.end, token: t, inError });
      }
    }
  }
  return out;
}

function checkHbaLine(ctx: RuleContext, line: HbaLine): void {
  const problem = line.problem ?? line.error;
  const found = placeholdersOfLine(line, problem);
  if (found.length === 0) return;
  // The placeholder that makes PostgreSQL reject the record, else the first. A placeholder with
  // blanks (`{{ user }}`) is split into several fields, which shifts the columns after it: a
  // rejection elsewhere on the record then stems from it too.
  const split = problem !== null && !found.some((x) => x.inError) ? found.find((x) => /\s/.test(x.p.text)) : undefined;
  if (split) split.inError = true;
  const f = found.find((x) => x.inError) ?? found[0]!;
  const loc = { file: f.file.path, start: f.start, end: f.end };
  if (!ctx.listed(loc.file)) {
    ctx.unlisted(loc.file, 1, loc);
    return;
  }
  const r = line.record;
  const t = f.token;
  let what = 'the field';
  let consequence = 'PostgreSQL takes the text literally';
  if (f.inError) {
    consequence = 'PostgreSQL rejects this record, so the server refuses to start and a reload keeps the old rules';
  } else if (r && t) {
    if (r.address?.token === t) {
      what = 'the address';
      consequence =
        r.address.kind === 'hostname'
          ? `PostgreSQL looks "${boundQuote(r.address.hostname ?? t.text)}" up as a host name, which no client has, so this record never matches`
          : consequence;
    } else if (r.address?.maskToken === t) {
      what = 'the netmask';
    } else if (r.databases.some((d) => d.token === t)) {
      what = 'the database';
      consequence = `PostgreSQL takes it as a database literally named "${boundQuote(t.text)}", so this record matches no real database`;
    } else if (r.users.some((u) => u.token === t)) {
      what = 'the user';
      consequence = `PostgreSQL takes it as a role literally named "${boundQuote(t.text)}", so this record matches no real role`;
    } else if (r.options.some((o) => o.token === t)) {
      what = 'the option';
      consequence = 'PostgreSQL takes the option value literally';
    }
  }
  const others = [...new Set(found.filter((x) => x !== f).map((x) => x.p.text))];
  const groupStart = f.inError && problem ? problem.start : (t?.start ?? f.start);
  ctx.report({
    loc,
    message:
      `${what} ${f.p.text} is a template placeholder that was never rendered: ${consequence}` +
      (others.length ? `; the record also holds ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}` : ''),
    help: HELP,
    group: { key: hbaTokenGroupKey(f.inError && problem ? problem.file.path : f.file.path, groupStart), concern: concern(f.p) },
  });
}

function checkIdentLine(ctx: RuleContext, line: IdentLine): void {
  const problem = line.problem ?? line.error;
  const found = placeholdersOfLine(line, problem);
  // A line PostgreSQL rejects because of the placeholder (in the rejected token, or with blanks
  // that split it into extra fields) is reported by syntax-error.
  if (found.length === 0 || found.some((x) => x.inError) || (problem !== null && found.some((x) => /\s/.test(x.p.text)))) return;
  const f = found[0]!;
  const loc = { file: f.file.path, start: f.start, end: f.end };
  if (!ctx.listed(loc.file)) {
    ctx.unlisted(loc.file, 1, loc);
    return;
  }
  const others = [...new Set(found.slice(1).map((x) => x.p.text))];
  ctx.report({
    loc,
    message:
      `${f.p.text} in pg_ident.conf is a template placeholder that was never rendered: PostgreSQL takes it literally, so this mapping never applies as intended` +
      (others.length ? `; the line also holds ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}` : ''),
    help: HELP,
  });
}

const SKIPPED =
  'PostgreSQL looks for a file of that literal name, finds none and skips the include without an error, so nothing meant for that file applies';

/**
 * `include_if_exists '${X}.conf'` in postgresql.conf: the only include a placeholder leaves
 * silent (a missing `include` or `include_dir` is reported by missing-include).
 */
function checkSkippedConfIncludes(ctx: RuleContext): void {
  const conf = ctx.cluster.conf;
  if (!conf) return;
  const seen = new Set<string>();
  for (const s of conf.skipped) {
    const key = `${s.file.absPath}:${s.lineNumber}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = conf.files.get(s.file.absPath)?.lines[s.lineNumber - 1];
    if (line?.kind !== 'include') continue;
    const p = findPlaceholder(line.raw);
    if (!p) continue;
    ctx.report({
      loc: { file: s.file.path, start: line.valueStart + p.start, end: line.valueStart + p.end },
      message: `${line.name} ${boundQuote(line.raw)} still holds the template placeholder ${p.text}, which was never rendered: ${SKIPPED}`,
      help: HELP,
    });
  }
}

/** `include_if_exists ${X}.conf` in pg_hba.conf or pg_ident.conf (16+), skipped as missing. */
function checkSkippedAuthInclude(ctx: RuleContext, inc: AuthInclude): void {
  // The directive's line up to a comment (a `#` in the file name is not worth the ambiguity).
  const text = inc.file.text.slice(inc.start, inc.end);
  const hash = text.indexOf('#');
  const p = findPlaceholder(hash === -1 ? text : text.slice(0, hash));
  if (!p) return;
  ctx.report({
    loc: { file: inc.file.path, start: inc.start + p.start, end: inc.start + p.end },
    message: `include_if_exists still holds the template placeholder ${p.text}, which was never rendered: ${SKIPPED}`,
    help: HELP,
  });
}
