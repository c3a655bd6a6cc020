import { existsSync, statSync } from 'node:fs';
import { describeFsError, MAX_MAX_FILE_BYTES } from './resolve/host.js';
import { cliBase } from './resolve/repo-root.js';
import { safeWriteFile, SafeWriteError } from './io/safe-write.js';
import { basename, dirname, relative, resolve } from 'node:path';
import { ConfigError, type LoadedConfig } from './config/config-core.js';
import { findConfigUpward, lookupTop, shadowedWarning } from './config/config-lookup.js';
import { lint, maxFileBytesFor, prepareLint, readSettings, type LintOptions, type LintResult } from './api.js';
import { fixDiff, fixSummary, runFixes } from './fix/apply.js';
import { EXPLICIT_KINDS, isSupportedMajor, type ExplicitKind } from './resolve/discover.js';
import { readStdin } from './resolve/stdin.js';
import { SUPPORTED_MAJORS } from './catalog/types.js';
import { formatJson } from './report/json.js';
import { formatConcise, formatText } from './report/text.js';
import { formatSarif } from './report/sarif.js';
import { formatGithub } from './report/github.js';
import { formatMarkdown } from './report/markdown.js';
import { formatJunit } from './report/junit.js';
import { formatGitlab } from './report/gitlab.js';
import { closestRuleNames, ruleDoc, ruleMetadata } from './report/rule-doc.js';
import { formatSettingsText } from './report/settings.js';
import { formatHbaText } from './report/hba.js';
import { readHba } from './api.js';
import type { Rule } from './linter/rule.js';
import { VERSION } from './version.js';
import { SEVERITIES, type Severity } from './types.js';
import { findProfile, unknownProfileMessage } from './profiles/index.js';
import { profilesListing } from './profiles/listing.js';
import { outputFailure, stdio, stdoutIsTTY, whenFlushed } from './io/stdio.js';

const USAGE = `Usage: pgconf-lint [check] [PATH...] [options]
       pgconf-lint [check] - --stdin-filename PATH [options]
       pgconf-lint settings PATH... [--format text|json]
       pgconf-lint hba PATH... [--format text|json]
       pgconf-lint diff BASE HEAD [PATH...] [--format text|json|markdown]
       pgconf-lint diff --base REF [PATH...] [--format text|json|markdown]
       pgconf-lint rules [NAME...] [--format text|json]
       pgconf-lint rules --profile NAME [--pg-version N] [--format text|json]

Lints PostgreSQL configuration (postgresql.conf and its includes, postgresql.auto.conf,
pg_hba.conf, pg_ident.conf, recovery.conf) exactly as PostgreSQL reads it.

diff compares two trees laid out the same way (BASE and HEAD directories, or a git revision
REF and the work tree): who can now connect to what, and how, that could not before (the
pg_hba access diff), and every setting whose effective value changes, with what applying it
takes (restart, reload). PATHs are relative to each tree's root (default: all of it).

Options:
  --config FILE         configuration file (default: the nearest .pgconf-lint.yml, .yaml
                        or .json from the working directory up to the repository root)
  --pg-version N        target PostgreSQL major (${SUPPORTED_MAJORS[0]}–${SUPPORTED_MAJORS[SUPPORTED_MAJORS.length - 1]}) for every cluster
  --format FORMAT       text (default: each finding with its source lines, carets under
                        it, help and fix), concise (one line per finding), json, sarif
                        (SARIF 2.1.0 for code scanning), github (workflow-command
                        annotations), markdown, junit (JUnit XML: a test case per file)
                        or gitlab (GitLab Code Quality JSON)
  --output FILE         write the report to FILE instead of standard output
  --fail-on LEVEL       error (default), warning, info or never: exit 1 at or above LEVEL
  --rule NAME=LEVEL     set a rule's severity: off, info, warning or error (repeatable)
  --profile NAME        lay a profile under the rule settings: recommended (the default),
                        cis or stig (repeatable, later wins; replaces the config's profile:)
  --root DIR            never read files outside DIR (default: the working directory)
  --stdin-filename PATH lint standard input (the path -) as the file PATH: its kind from the
                        name, reported as PATH, its cluster PATH's directory (the other files
                        there are read from disk; PATH itself need not exist). Required with -
  --kind KIND           parse every file named explicitly, and standard input, as KIND:
                        postgresql.conf, pg_hba.conf, pg_ident.conf, postgresql.auto.conf,
                        recovery.conf, pgbouncer.ini, or a carrier: patroni, cloudnativepg,
                        container (directories are still searched by name and shape)
  --allow-empty         finding no configuration file is not an error: exit 0 with a note
  --fix                 apply safe fixes to the files (repeatedly, at most 10 passes); the
                        report lists what remains. With -, print the fixed text instead
  --unsafe-fixes        apply unsafe fixes too (implies --fix)
  --diff                print what --fix (or --unsafe-fixes) would change as a unified diff,
                        write nothing; exit 1 when there is a change, 0 when there is none
  --max-file-size N     skip files larger than N bytes (default 67108864, at most 268435456)
  --color, --no-color   force or disable colour (default: colour on a terminal)
  --base REF            (diff) compare git revision REF with the work tree
  --fail-on-access-widening
                        (diff) exit 1 when a change widens who can connect
  --debug               print stack traces for internal errors
  -h, --help            show this help
  -v, --version         print the version

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage error (a path that does not
exist, no configuration file found without --allow-empty) or internal error. With --fix, the
findings that remain count; with --diff, 1 means there is a change. 2 also when a file that has
fixes cannot be written (a symbolic link, read-only, changed meanwhile: one line each on stderr).
diff exits 0 when it could compare (changes or not), 1 with --fail-on-access-widening when
access widens, 2 on a usage error or a revision git cannot read.`;

class UsageError extends Error {}

const FORMATS = ['text', 'concise', 'json', 'sarif', 'github', 'markdown', 'junit', 'gitlab'] as const;
type Format = (typeof FORMATS)[number];

interface Args {
  command: 'check' | 'settings' | 'hba' | 'rules' | 'diff' | 'help' | 'version';
  paths: string[];
  format: Format;
  output?: string;
  failOn: Severity | 'never';
  rules: Record<string, Severity | 'off'>;
  profiles: string[];
  pgVersion?: number;
  config?: string;
  root?: string;
  maxFileBytes?: number;
  color?: boolean;
  debug: boolean;
  stdinFilename?: string;
  kind?: ExplicitKind;
  allowEmpty?: boolean;
  fix?: boolean;
  unsafeFixes?: boolean;
  diff?: boolean;
  /** diff --base REF */
  base?: string;
  failOnAccessWidening?: boolean;
}

export function parseArgs(argv: string[], rules: readonly Rule[]): Args {
  const args: Args = { command: 'check', paths: [], format: 'text', failOn: 'error', rules: {}, profiles: [], debug: false };
  const rest = [...argv];
  const commands = ['check', 'settings', 'hba', 'rules', 'diff'] as const;
  if (rest[0] && (commands as readonly string[]).includes(rest[0])) args.command = rest.shift() as Args['command'];
  const value = (flag: string, inline: string | undefined): string => {
    const v = inline ?? rest.shift();
    if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  while (rest.length) {
    const a = rest.shift()!;
    if (a === '--') {
      args.paths.push(...rest.splice(0));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      args.paths.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq !== -1 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq !== -1 ? a.slice(eq + 1) : undefined;
    switch (flag) {
      case '-h':
      case '--help':
        args.command = 'help';
        break;
      case '-v':
      case '--version':
        args.command = 'version';
        break;
      case '--format': {
        const f = value(flag, inline);
        if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS[FORMATS.length - 1]}, not "${f}"`);
        args.format = f as Format;
        break;
      }
      case '--output':
        args.output = value(flag, inline);
        break;
      case '--fail-on': {
        const f = value(flag, inline);
        if (f !== 'never' && !(SEVERITIES as readonly string[]).includes(f)) {
          throw new UsageError(`--fail-on must be error, warning, info or never, not "${f}"`);
        }
        args.failOn = f as Severity | 'never';
        break;
      }
      case '--rule': {
        const spec = value(flag, inline);
        const m = /^([a-z0-9-]+)=(off|info|warning|error)$/.exec(spec);
        if (!m) throw new UsageError(`--rule takes NAME=off|info|warning|error, not "${spec}"`);
        if (!rules.some((r) => r.name === m[1])) throw new UsageError(`unknown rule "${m[1]}" (see pgconf-lint rules)`);
        args.rules[m[1]!] = m[2] as Severity | 'off';
        break;
      }
      case '--profile': {
        const name = value(flag, inline);
        if (!findProfile(name)) throw new UsageError(unknownProfileMessage(name));
        args.profiles.push(name);
        break;
      }
      case '--pg-version': {
        const v = value(flag, inline);
        const n = Number(v);
        if (!/^\d+$/.test(v) || !isSupportedMajor(n)) {
          throw new UsageError(`--pg-version ${v} is not supported; use one of ${SUPPORTED_MAJORS.join(', ')}`);
        }
        args.pgVersion = n;
        break;
      }
      case '--config':
        args.config = value(flag, inline);
        break;
      case '--root':
        args.root = value(flag, inline);
        break;
      case '--max-file-size': {
        const v = value(flag, inline);
        if (!/^\d+$/.test(v) || Number(v) <= 0) throw new UsageError(`--max-file-size takes a number of bytes, not "${v}"`);
        if (Number(v) > MAX_MAX_FILE_BYTES) throw new UsageError(`--max-file-size ${v} is above the largest limit, ${MAX_MAX_FILE_BYTES} bytes (256 MiB)`);
        args.maxFileBytes = Number(v);
        break;
      }
      case '--color':
        args.color = true;
        break;
      case '--no-color':
        args.color = false;
        break;
      case '--debug':
        args.debug = true;
        break;
      case '--stdin-filename':
        args.stdinFilename = value(flag, inline);
        if (!args.stdinFilename || args.stdinFilename === '-') throw new UsageError('--stdin-filename needs the path standard input stands for');
        break;
      case '--kind': {
        const k = value(flag, inline);
        if (!(EXPLICIT_KINDS as readonly string[]).includes(k)) throw new UsageError(`--kind must be ${EXPLICIT_KINDS.slice(0, -1).join(', ')} or ${EXPLICIT_KINDS[EXPLICIT_KINDS.length - 1]}, not "${k}"`);
        args.kind = k as ExplicitKind;
        break;
      }
      case '--allow-empty':
        args.allowEmpty = true;
        break;
      case '--fix':
        args.fix = true;
        break;
      case '--unsafe-fixes':
        args.unsafeFixes = true;
        break;
      case '--diff':
        args.diff = true;
        break;
      case '--base':
        args.base = value(flag, inline);
        break;
      case '--fail-on-access-widening':
        args.failOnAccessWidening = true;
        break;
      default:
        throw new UsageError(`unknown option ${flag} (see pgconf-lint --help)`);
    }
  }
  return args;
}

function useColor(args: Args, toFile: boolean): boolean {
  if (args.color !== undefined) return args.color;
  if (toFile) return false;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return output === stdio && stdoutIsTTY();
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Where the CLI writes: its process's standard output and error (src/io/stdio.ts), or what a caller of main in-process hands it. */
export interface CliOutput {
  out(data: string | Uint8Array): void;
  err(data: string): void;
}
let output: CliOutput = stdio;
const writeOut = (data: string | Uint8Array): void => output.out(data);
const writeErr = (data: string): void => output.err(data);

/**
 * Ends the process with `code` once what the CLI wrote is with the system (src/io/stdio.ts writes it
 * directly, or through Node's streams, whose writes are waited for); with 2 and one line on stderr
 * when standard output could not be written. For the bin (bin/cli.ts).
 */
export function exitWhenWritten(code: number): void {
  whenFlushed(() => {
    // Output that could not be written (a full disk, an I/O error; not a reader that closed the pipe) is an error of the run.
    const failure = outputFailure();
    if (failure === undefined) process.exit(code);
    writeErr(`pgconf-lint: cannot write to standard output: ${failure}\n`);
    process.exit(2);
  });
}

/**
 * The CLI: `rules` is the registry the composition root (bin/cli.ts) hands in; `io` is where it
 * writes (a run of main owns it until its promise settles).
 */
export async function main(argv: string[], rules: readonly Rule[], io: CliOutput = stdio): Promise<number> {
  output = io;
  let args: Args;
  try {
    args = parseArgs(argv, rules);
  } catch (err) {
    if (err instanceof UsageError) {
      writeErr(`pgconf-lint: ${err.message}\n`);
      return 2;
    }
    // A bug while reading the arguments: still exit 2 with one line (the stack with --debug).
    const debug = argv.includes('--debug');
    const msg = err instanceof Error ? err.message : String(err);
    writeErr(`pgconf-lint: internal error: ${msg.split('\n')[0]}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && err instanceof Error && err.stack) writeErr(err.stack + '\n');
    return 2;
  }
  notePaths(args.command, `format:${args.format}`, ...(args.fix || args.unsafeFixes ? ['fix'] : []), ...(args.diff ? ['fix-diff'] : []));
  try {
    return await run(args, rules);
  } catch (err) {
    if (err instanceof UsageError) {
      writeErr(`pgconf-lint: ${err.message}\n`);
      return 2;
    }
    const msg = err instanceof Error ? err.message : String(err);
    writeErr(`pgconf-lint: internal error: ${msg.split('\n')[0]}${args.debug ? '' : ' (run with --debug for details)'}\n`);
    if (args.debug && err instanceof Error && err.stack) writeErr(err.stack + '\n');
    return 2;
  }
}

/**
 * --output goes through the safe writer: inside the repository (the git top level, else the working
 * directory), which a pull request's author may control, every parent must be a real directory; a
 * path outside it is the invoker's own choice. The file itself is never written through a symlink.
 */
function emit(args: Args, text: string | Uint8Array): void {
  if (args.output) {
    try {
      safeWriteFile(args.output, text, { roots: [cliBase(process.cwd())], rootsLabel: 'the repository', outside: 'allow', createParents: false });
    } catch (err) {
      throw new UsageError(`cannot write --output ${args.output}: ${err instanceof SafeWriteError ? err.message : describeFsError(err)}`);
    }
  } else writeOut(text);
}

/**
 * The config named by --config, else the nearest one from the working directory up to the
 * repository root (src/config/config-lookup.ts), else none. The reader (yaml + ajv, most of the
 * bundle) is imported only here: a run without a config never loads it.
 */
async function readConfig(args: Args, rules: readonly Rule[]): Promise<LoadedConfig | undefined> {
  const cwd = process.cwd();
  const repo = cliBase(cwd);
  let path = args.config;
  // A config in the checkout is read confined to it (see ConfigReadOptions): a found one to where the search stops.
  let root = args.root !== undefined ? resolve(args.root) : repo;
  if (path !== undefined) {
    if (!existsSync(path)) throw new UsageError(`--config ${path}: no such file`);
  } else {
    const top = lookupTop(cwd, repo, args.root);
    const found = findConfigUpward(cwd, top);
    if (!found) return undefined;
    path = relative(cwd, found.path);
    root = top;
    const shadowed = shadowedWarning(found, path);
    if (shadowed) writeErr(`pgconf-lint: warning: ${shadowed}\n`);
  }
  const { loadConfig } = await import('./config/config.js');
  try {
    return loadConfig(path, rules, { root });
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}

async function run(args: Args, rules: readonly Rule[]): Promise<number> {
  if (args.command === 'help') {
    writeOut(USAGE + '\n');
    return 0;
  }
  if (args.command === 'version') {
    writeOut(VERSION + '\n');
    return 0;
  }
  if (args.command !== 'check' && (args.fix || args.unsafeFixes || args.diff)) throw new UsageError(`--fix, --unsafe-fixes and --diff apply to check only`);
  if (args.command !== 'diff' && (args.base !== undefined || args.failOnAccessWidening)) throw new UsageError('--base and --fail-on-access-widening apply to diff only');
  if (args.command === 'diff') return runDiff(args, rules);
  if (args.command !== 'check' && args.format !== 'text' && args.format !== 'json') {
    throw new UsageError(`--format ${args.format} applies to check only; ${args.command} takes text or json`);
  }
  if (args.command === 'rules' && args.profiles.length) {
    if (args.paths.length) throw new UsageError('rules --profile takes no rule names');
    emit(args, profilesListing(args.profiles, args.pgVersion, rules, args.format));
    return 0;
  }
  if (args.command === 'rules') {
    // rules NAME...: those rules' documentation (as docs/rules/NAME.md) or metadata; an unknown name is a usage error.
    const named = args.paths.map((name) => {
      const rule = rules.find((r) => r.name === name);
      if (rule) return rule;
      const near = closestRuleNames(rules, name);
      throw new UsageError(`unknown rule "${name}"${near.length ? `; did you mean ${near.join(', ')}?` : ''} (pgconf-lint rules lists them all)`);
    });
    if (args.format === 'json') {
      emit(args, JSON.stringify((named.length ? named : rules).map(ruleMetadata), null, 2) + '\n');
      return 0;
    }
    if (named.length) {
      emit(args, named.map((r) => ruleDoc(r)).join('\n'));
      return 0;
    }
    const w = Math.max(...rules.map((r) => r.name.length));
    emit(args, rules.map((r) => `${r.name.padEnd(w)}  ${r.severity.padEnd(7)}  ${r.docs.summary}`).join('\n') + '\n');
    return 0;
  }
  if (args.root !== undefined) {
    let isDir = false;
    try {
      isDir = statSync(args.root).isDirectory();
    } catch (err) {
      throw new UsageError(`--root ${args.root}: ${describeFsError(err)}`);
    }
    if (!isDir) throw new UsageError(`--root ${args.root}: Not a directory`);
  }
  const config = await readConfig(args, rules);
  const options: LintOptions = {
    ...(config ? { config } : {}),
    ...(args.pgVersion ? { pgVersion: args.pgVersion as LintOptions['pgVersion'] } : {}),
    ...(args.root ? { root: args.root } : {}),
    // Paths in every report are relative to the repository root, whatever the working directory.
    base: cliBase(process.cwd()),
    ...(args.maxFileBytes ? { maxFileBytes: args.maxFileBytes } : {}),
    rules: args.rules,
    ...(args.profiles.length ? { profiles: args.profiles } : {}),
    ...(args.kind ? { kind: args.kind } : {}),
    ...(args.allowEmpty ? { allowEmpty: true } : {}),
  };
  if (args.stdinFilename !== undefined || args.paths.includes('-')) {
    if (args.stdinFilename === undefined) throw new UsageError('- (standard input) needs --stdin-filename PATH: the name decides its kind, its cluster and the path in reports');
    if (args.paths.some((p) => p !== '-')) throw new UsageError('standard input (-, --stdin-filename) cannot be combined with other paths');
    args.paths = ['-'];
    // Bounded like any file: past the size limit it is refused, not read whole.
    const read = await readStdin(maxFileBytesFor(options));
    options.stdin = { filename: args.stdinFilename, content: read.ok ? read.bytes : { error: read.error } };
  }
  // Discovery once, and the carrier readers (Patroni YAML, …) loaded only when a carrier file is found.
  const prepared = await prepareLint(args.paths, options);
  const failOnErrors = (errors: string[], warnings: readonly string[], empty?: string): void => {
    if (errors.length) throw new UsageError(errors[0]!);
    // Where discovery stopped early (files below were not checked): said, whatever the format.
    for (const w of warnings) writeErr(`pgconf-lint: warning: ${w}\n`);
    if (empty !== undefined) writeErr(`pgconf-lint: note: ${empty} (accepted: --allow-empty)\n`);
  };

  if (args.command === 'settings') {
    if (!args.paths.length) throw new UsageError('settings needs a file or directory');
    const { results, errors, warnings, empty } = readSettings(args.paths, prepared);
    failOnErrors(errors, warnings, empty);
    emit(args, args.format === 'json' ? JSON.stringify(results.flatMap((r) => r.rows.map((row) => ({ ...row, cluster: r.cluster, pgVersion: r.pgVersion }))), null, 2) + '\n' : formatSettingsText(results));
    return 0;
  }
  if (args.command === 'hba') {
    if (!args.paths.length) throw new UsageError('hba needs a file or directory');
    const { results, errors, warnings, empty } = readHba(args.paths, prepared);
    failOnErrors(errors, warnings, empty);
    emit(args, args.format === 'json' ? JSON.stringify(results.flatMap((r) => r.rows.map((row) => ({ ...row, cluster: r.cluster, pgVersion: r.pgVersion }))), null, 2) + '\n' : formatHbaText(results));
    return 0;
  }

  // The fix passes lint what the fixes wrote: they discover again, with the same readers.
  if (args.fix || args.unsafeFixes || args.diff) return runFix(args, { ...options, ...(prepared.carriers ? { carriers: prepared.carriers } : {}) }, rules, failOnErrors);
  const result = lint(args.paths, prepared, rules);
  noteResultPaths(result);
  failOnErrors(result.errors, result.warnings, result.empty);
  const color = useColor(args, Boolean(args.output));
  if (color) notePaths('color');
  emit(args, formatReport(args.format, result, color));
  return exitFor(args, result);
}

/**
 * What kinds of work this run did, for the bin's code cache (scripts/cli-stub.cjs). The stub keeps
 * the code V8 compiled in one file per build and writes it again when a run did a kind of work (a
 * command, a format, a kind of file, findings to lay out) that none of the runs behind the file
 * did: the cache comes to hold the code of every kind of run made with the build, not only that of
 * the first run (whose code alone a later run would otherwise compile again, every time). The tags
 * go into a Set the stub hands over on globalThis; without the stub (tests, the library) nothing
 * is recorded.
 */
const CODE_PATHS = Symbol.for('pgconf-lint.code-paths');
function notePaths(...tags: string[]): void {
  const set = (globalThis as Record<symbol, unknown>)[CODE_PATHS];
  if (set instanceof Set) for (const t of tags) set.add(t);
}

function noteResultPaths(result: LintResult): void {
  for (const f of result.files) notePaths(`kind:${f.kind}`);
  if (result.diagnostics.length > 0) notePaths('findings');
  if (result.diagnostics.some((d) => d.fix !== undefined)) notePaths('fixes');
}

/** The report in a format (every format has its entry: the Record says so). */
function formatReport(format: Format, result: LintResult, color: boolean): string {
  const formatters: Record<Format, () => string> = {
    text: () => formatText(result, { color }),
    concise: () => formatConcise(result, { color }),
    json: () => formatJson(result),
    sarif: () => formatSarif(result),
    github: () => formatGithub(result),
    markdown: () => formatMarkdown(result),
    junit: () => formatJunit(result),
    gitlab: () => formatGitlab(result),
  };
  return formatters[format]();
}

function exitFor(args: Args, result: LintResult): number {
  if (args.failOn === 'never') return 0;
  const threshold = RANK[args.failOn];
  return result.diagnostics.some((d) => !d.suppressed && RANK[d.severity] >= threshold) ? 1 : 0;
}

/**
 * --fix / --unsafe-fixes / --diff (src/fix/apply.ts). --diff prints only the diff (its summary on
 * stderr) and exits 1 when there is one, as ruff does. --fix writes the files and reports what
 * remains; with standard input it writes nothing: the fixed text goes to stdout and the report to
 * stderr (or --output). A file that is not fixed (a link, read-only, not round-trippable) is one
 * line on stderr and exit 2 at the end.
 */
function runFix(args: Args, options: LintOptions, rules: readonly Rule[], failOnErrors: (errors: string[], warnings: readonly string[], empty?: string) => void): number {
  if (args.diff && args.format !== 'text') throw new UsageError('--diff prints a unified diff; it takes no --format');
  const mode = args.diff ? 'diff' : 'write';
  const outcome = runFixes(args.paths, options, rules, { unsafe: Boolean(args.unsafeFixes), mode });
  const result = outcome.result;
  noteResultPaths(result);
  failOnErrors(result.errors, result.warnings, result.empty);
  for (const f of outcome.files) if (f.refused) writeErr(`pgconf-lint: not fixing ${f.path}: ${f.refused}\n`);
  const refused = outcome.files.some((f) => f.refused);
  const summary = fixSummary(outcome, mode);
  if (mode === 'diff') {
    const diff = fixDiff(outcome);
    if (args.output || diff.length) emit(args, diff);
    writeErr(summary + '\n');
    return refused ? 2 : diff.length ? 1 : 0;
  }
  const stdinFile = args.stdinFilename !== undefined ? outcome.files.find((f) => f.stdin) : undefined;
  if (args.stdinFilename !== undefined) {
    // The fixed text (or the input unchanged), in its own encoding, for an editor to take as is.
    const input = options.stdin?.content;
    const bytes = stdinFile?.bytes && !stdinFile.refused ? stdinFile.bytes : Buffer.isBuffer(input) ? input : Buffer.from(typeof input === 'string' ? input : '');
    writeOut(bytes);
  }
  const color = useColor(args, Boolean(args.output) || args.stdinFilename !== undefined);
  // The fixed count: the last line of the text reports, a top-level `fixed` in JSON (an addition to
  // version 1), and on stderr for the formats that have no place for it.
  const plain = args.format === 'text' || args.format === 'concise';
  const report =
    args.format === 'json'
      ? JSON.stringify({ ...(JSON.parse(formatJson(result)) as object), fixed: outcome.fixed }, null, 2) + '\n'
      : formatReport(args.format, result, color) + (plain ? summary + '\n' : '');
  if (!plain && args.format !== 'json') writeErr(summary + '\n');
  if (args.stdinFilename !== undefined && !args.output) writeErr(report);
  else emit(args, report);
  return refused ? 2 : exitFor(args, result);
}



/**
 * `pgconf-lint diff` (src/diff/): two trees, or a git revision and the work tree. The diff code is
 * imported here only, so a lint's start-up path does not carry it.
 */
async function runDiff(args: Args, rules: readonly Rule[]): Promise<number> {
  if (args.format !== 'text' && args.format !== 'json' && args.format !== 'markdown') throw new UsageError(`diff --format must be text, json or markdown, not "${args.format}"`);
  for (const [given, flag] of [
    [args.stdinFilename !== undefined || args.paths.includes('-'), 'standard input (-)'],
    [args.root !== undefined, '--root (each tree is its own root)'],
    [Object.keys(args.rules).length > 0 || args.profiles.length > 0 || args.failOn !== 'error', '--rule, --profile and --fail-on (diff reports no findings)'],
    [args.allowEmpty, '--allow-empty'],
  ] as const) {
    if (given) throw new UsageError(`diff takes no ${flag}`);
  }
  const { diffTrees, diffAccess, renderDiff, gitTree, GitTreeError, loadCarriers } = await import('./diff/index.js');
  const common = {
    diffAccess,
    // Either tree may hold carrier files (a Patroni YAML, …): the readers are loaded for the diff.
    carriers: await loadCarriers(),
    ...(args.pgVersion ? { pgVersion: args.pgVersion as LintOptions['pgVersion'] } : {}),
    ...(args.maxFileBytes ? { maxFileBytes: args.maxFileBytes } : {}),
    ...(args.kind ? { kind: args.kind } : {}),
  };
  let out: ReturnType<typeof diffTrees>;
  if (args.base !== undefined) {
    // The revision and the work tree, both as the repository names its files. The config is the
    // work tree's (found as check finds it, or --config), for both sides.
    const config = await readConfig(args, rules);
    let tree: ReturnType<typeof gitTree>;
    try {
      tree = gitTree(args.base, { cwd: process.cwd(), ...(args.maxFileBytes ? { maxFileBytes: args.maxFileBytes } : {}) });
    } catch (err) {
      if (err instanceof GitTreeError) throw new UsageError(`--base ${args.base}: ${err.message}`);
      throw err;
    }
    const cwd = relative(tree.root, process.cwd()) || '.';
    // Named explicitly: a working directory the revision does not have yet holds added clusters, no error.
    const paths = args.paths.length ? args.paths : ['.'];
    out = diffTrees({ root: tree.root, host: tree.host, ...(config ? { config } : {}) }, { root: tree.root, ...(config ? { config } : {}) }, paths, { ...common, cwd });
  } else {
    if (args.paths.length < 2) throw new UsageError('diff needs BASE and HEAD (two directories, or two files of the same name), or --base REF');
    const [baseArg, headArg, ...paths] = args.paths as [string, string, ...string[]];
    const side = (p: string): { root: string; file?: string } => {
      let st;
      try {
        st = statSync(p);
      } catch (err) {
        throw new UsageError(`${p}: ${describeFsError(err)}`);
      }
      if (st.isDirectory()) return { root: resolve(p) };
      if (paths.length) throw new UsageError(`diff ${p}: PATHs select inside BASE and HEAD directories, not files`);
      return { root: dirname(resolve(p)), file: basename(p) };
    };
    const [b, h] = [side(baseArg), side(headArg)];
    if (Boolean(b.file) !== Boolean(h.file)) throw new UsageError('diff compares two directories or two files, not one of each');
    if (b.file !== h.file) throw new UsageError(`diff compares files by path: ${baseArg} and ${headArg} must have the same name (the name decides what the file is)`);
    // Only a named config: one found from the working directory belongs to neither tree.
    const config = args.config !== undefined ? await readConfig(args, rules) : undefined;
    out = diffTrees({ root: b.root, ...(config ? { config } : {}) }, { root: h.root, ...(config ? { config } : {}) }, b.file ? [b.file] : paths, common);
  }
  if (out.errors.length) throw new UsageError(out.errors[0]!);
  for (const w of out.warnings) writeErr(`pgconf-lint: warning: ${w}\n`);
  emit(args, renderDiff(out.result, args.format));
  const widened = out.result.clusters.some((c) => c.access.some((a) => a.change === 'widened'));
  return args.failOnAccessWidening && widened ? 1 : 0;
}
