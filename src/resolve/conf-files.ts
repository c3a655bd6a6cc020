import { dirname, resolve } from 'node:path';
import type { ConfFile, IncludeLine } from '../parse/conf-ast.js';
import { MAX_CONF_LINES, parsePostgresqlConf, reportedErrorLine } from '../parse/postgresql-conf.js';
import type { SourceFile } from '../source/source.js';
import type { Loc } from '../types.js';
import type { Host } from './host.js';
import { GIT_DIR_REFUSAL } from '../source/refusal.js';

/** CONF_FILE_MAX_DEPTH in guc.h. */
export const CONF_FILE_MAX_DEPTH = 10;

/**
 * Our own bound on includes per file set, each counted whether its target is read or not. PostgreSQL
 * re-reads a file included twice, so ten levels of a file including the next one a hundred times
 * are 100^10 reads: the server would never finish, and neither would we; and 200,000 lines of
 * include_if_exists of missing files cost a path check each. Past this many the rest is reported,
 * not read.
 */
export const MAX_FILE_READS = 10_000;

/**
 * Our bound on the lines visited per file set, re-reads included: a file of 100,000 settings
 * included 2,000 times is 200 million assignments from a 740 KB repository (it ran out of memory).
 * An include that would cross it is reported, not read. Twice MAX_CONF_LINES, the bound on one
 * file: far above any real configuration.
 */
export const MAX_SET_LINES = 4_000_000;

/**
 * Consecutive assignments of one file, in the order PostgreSQL applies them: the setting lines among
 * `conf.lines[from]` to `conf.lines[to - 1]` (the blank and comment lines between them are skipped).
 * An include or a syntax error ends a run. One run per stretch of a file, not one object per
 * setting: a file of a million settings would otherwise keep a million more objects alive.
 */
export interface ConfRun {
  kind: 'settings';
  file: SourceFile;
  conf: ConfFile;
  from: number;
  to: number;
}

/** A problem PostgreSQL reports while reading the file set (syntax error or include failure). */
export interface ConfProblem {
  kind: 'syntax' | 'include';
  /** include: what went wrong, for rules and messages. */
  reason?: 'missing' | 'cycle' | 'depth' | 'outside-root' | 'git-dir' | 'unreadable' | 'empty-name' | 'not-a-directory' | 'too-many';
  file: SourceFile;
  lineNumber: number;
  loc: Loc;
  /** PostgreSQL's wording for the log / pg_file_settings error column. */
  message: string;
  /** Our extra explanation (e.g. the cycle path), for diagnostics. */
  detail?: string;
}

export type ConfItem = ConfRun | ConfProblem;

export interface ConfSet {
  /** Every parsed file, keyed by absolute path, in the order first read. */
  files: Map<string, ConfFile>;
  /** Assignments (in runs) and problems, in PostgreSQL's processing order (includes expanded inline). */
  items: ConfItem[];
  /** Skipped include_if_exists targets (PostgreSQL only logs these). */
  skipped: { file: SourceFile; lineNumber: number; target: string }[];
}

export function lineLoc(file: SourceFile, start: number, end: number): Loc {
  return { file: file.path, start, end };
}

/**
 * Reads a postgresql.conf and everything it includes, the way ParseConfigFile /
 * ParseConfigDirectory do: includes are handled inline, relative paths are resolved against the
 * including file's directory, include_dir reads `*.conf` files not starting with '.' in strcmp
 * order, and nesting is limited to CONF_FILE_MAX_DEPTH. Unlike PostgreSQL we never read outside
 * the host's root, and we stop at an include cycle instead of recursing until the depth limit.
 */
/** `tops`: the main file, then postgresql.auto.conf if any, already read by the caller. */
export function readConfSet(host: Host, tops: readonly SourceFile[], cache = new Map<string, ConfFile>()): ConfSet {
  const set: ConfSet = { files: new Map(), items: [], skipped: [] };
  let reads = 0;
  let tooMany = false;
  /** Lines of every file visited so far, once per visit (MAX_SET_LINES). */
  let visitedLines = 0;

  const parse = (abs: string, file: SourceFile): ConfFile => {
    let conf = cache.get(abs);
    if (!conf) {
      conf = parsePostgresqlConf(file);
      cache.set(abs, conf);
    }
    if (!set.files.has(abs)) set.files.set(abs, conf);
    return conf;
  };

  const visitFile = (abs: string, file: SourceFile, depth: number, stack: string[], via: IncludeLine[]): void => {
    const conf = parse(abs, file);
    const lines = conf.lines;
    // PostgreSQL stops reading at the 100th syntax error (line numbers are index + 1).
    const last = conf.abandonedAtLine ?? lines.length;
    visitedLines += last;
    let runStart = -1;
    const endRun = (to: number): void => {
      if (runStart === -1) return;
      set.items.push({ kind: 'settings', file, conf, from: runStart, to });
      runStart = -1;
    };
    for (let i = 0; i < last; i++) {
      const line = lines[i]!;
      if (line.kind === 'setting') {
        if (runStart === -1) runStart = i;
      } else if (line.kind === 'error') {
        endRun(i);
        set.items.push({
          kind: 'syntax',
          file,
          lineNumber: line.line,
          loc: line.token ? lineLoc(file, line.token.start, line.token.end) : lineLoc(file, line.end, line.end),
          message: `syntax error in file "${file.path}" line ${reportedErrorLine(conf, line)}, ${line.near}`,
        });
      } else if (line.kind === 'include') {
        endRun(i);
        visitInclude(abs, file, line, depth, stack, via);
      }
    }
    endRun(last);
    if (conf.abandonedAtLine !== undefined) {
      set.items.push({
        kind: 'syntax',
        file,
        lineNumber: conf.abandonedAtLine,
        loc: lineLoc(file, 0, 0),
        message: `too many syntax errors found, abandoning file "${file.path}"`,
      });
    }
  };

  const problem = (
    file: SourceFile,
    line: IncludeLine,
    reason: NonNullable<ConfProblem['reason']>,
    message: string,
    detail?: string,
  ): void => {
    set.items.push({
      kind: 'include',
      reason,
      file,
      lineNumber: line.line,
      loc: lineLoc(file, line.valueStart, line.valueEnd),
      message,
      ...(detail ? { detail } : {}),
    });
  };

  /**
   * An include target the linter will not read because it lies outside the checked root, or under
   * `.git/` (which holds the job's token and is never configuration).
   */
  const outsideRoot = (from: SourceFile, line: IncludeLine, what: 'file' | 'directory', abs: string): void => {
    if (host.refusal?.(abs) === GIT_DIR_REFUSAL) {
      problem(
        from,
        line,
        'git-dir',
        `configuration ${what} "${host.display(abs)}" is ${GIT_DIR_REFUSAL}`,
        `${what === 'file' ? 'include' : 'include_dir'} target ${host.display(abs)} is ${GIT_DIR_REFUSAL}`,
      );
      return;
    }
    problem(
      from,
      line,
      'outside-root',
      `configuration ${what} "${host.display(abs)}" is outside the checked root; it was not read`,
      `${what === 'file' ? 'include' : 'include_dir'} target ${host.display(abs)} lies outside ${host.display(host.root)}`,
    );
  };

  const openFile = (
    fromAbs: string,
    from: SourceFile,
    line: IncludeLine,
    targetAbs: string,
    depth: number,
    stack: string[],
    via: IncludeLine[],
    strict: boolean,
  ): void => {
    // ParseConfigFile names the target as written in the depth error (before making it absolute).
    if (depth > CONF_FILE_MAX_DEPTH) {
      problem(from, line, 'depth', `could not open configuration file "${line.value}": maximum nesting depth exceeded`);
      return;
    }
    // Every include counts, read or not (a missing include_if_exists target costs a path check too):
    // 64 MiB of include lines must not cost minutes.
    if (++reads > MAX_FILE_READS) {
      if (!tooMany) {
        tooMany = true;
        problem(from, line, 'too-many', `configuration file "${host.display(targetAbs)}" was not read: more than ${MAX_FILE_READS} includes in all (a file included over and over, or that many include lines)`);
      }
      return;
    }
    if (targetAbs === fromAbs) {
      problem(from, line, 'cycle', `configuration file recursion in "${host.display(targetAbs)}"`, `${from.path} includes itself`);
      return;
    }
    if (!host.allowed(targetAbs)) {
      outsideRoot(from, line, 'file', targetAbs);
      return;
    }
    const cycleAt = stack.indexOf(targetAbs);
    if (cycleAt !== -1) {
      // PostgreSQL has no cycle check beyond direct self-inclusion: it follows the cycle until the
      // nesting depth runs out. We stop here, but report the include PostgreSQL would fail on:
      // the cycle's edges repeat, and the one attempted at depth CONF_FILE_MAX_DEPTH + 1 fails.
      const chain = [...stack.slice(cycleAt), targetAbs].map((p) => host.display(p)).join(' -> ');
      const edges: { file: SourceFile; line: IncludeLine }[] = [];
      for (let i = cycleAt; i < stack.length - 1; i++) {
        const f = set.files.get(stack[i]!)?.file;
        if (f && via[i]) edges.push({ file: f, line: via[i]! });
      }
      edges.push({ file: from, line });
      const steps = CONF_FILE_MAX_DEPTH + 1 - depth;
      const failing = edges.length === stack.length - cycleAt ? edges[(steps - 1) % edges.length]! : { file: from, line };
      set.items.push({
        kind: 'include',
        reason: 'cycle',
        file: failing.file,
        lineNumber: failing.line.line,
        loc: lineLoc(failing.file, failing.line.valueStart, failing.line.valueEnd),
        message: `could not open configuration file "${failing.line.value}": maximum nesting depth exceeded`,
        detail: `include cycle ${chain}`,
      });
      return;
    }
    const kind = host.kind(targetAbs);
    if (kind === 'missing') {
      if (!strict) {
        set.skipped.push({ file: from, lineNumber: line.line, target: targetAbs });
        return;
      }
      problem(from, line, 'missing', `could not open configuration file "${host.display(targetAbs)}": No such file or directory`);
      return;
    }
    const read = host.read(targetAbs);
    if (!read.ok) {
      problem(from, line, 'unreadable', `could not open configuration file "${host.display(targetAbs)}": ${read.error}`);
      return;
    }
    if (visitedLines + Math.min(read.file.lineStarts.length, MAX_CONF_LINES) > MAX_SET_LINES) {
      problem(from, line, 'too-many', `configuration file "${host.display(targetAbs)}" was not read: more than ${MAX_SET_LINES} lines in all through includes (a file included over and over)`);
      return;
    }
    visitFile(targetAbs, read.file, depth, [...stack, targetAbs], [...via, line]);
  };

  const visitInclude = (
    fromAbs: string,
    from: SourceFile,
    line: IncludeLine,
    depth: number,
    stack: string[],
    via: IncludeLine[],
  ): void => {
    const target = line.value;
    if (line.directive === 'include_dir') {
      if (target.trim() === '') {
        problem(from, line, 'empty-name', `empty configuration directory name: "${target}"`);
        return;
      }
      const dirAbs = resolve(dirname(fromAbs), target);
      if (!host.allowed(dirAbs)) {
        outsideRoot(from, line, 'directory', dirAbs);
        return;
      }
      const listed = host.list(dirAbs);
      if (!listed.ok) {
        problem(from, line, listed.missing ? 'missing' : 'unreadable',
          `could not open configuration directory "${host.display(dirAbs)}": ${listed.error}`);
        return;
      }
      // GetConfFilesInDir: ≥6 chars, no leading '.', ends in ".conf", not a directory; strcmp order.
      const names = listed.entries
        .filter((e) => !e.isDir && e.name.length >= 6 && !e.name.startsWith('.') && e.name.endsWith('.conf'))
        .map((e) => resolve(dirAbs, e.name))
        .sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
      for (const abs of names) openFile(fromAbs, from, line, abs, depth + 1, stack, via, true);
      return;
    }
    if (target.trim() === '') {
      problem(from, line, 'empty-name', `empty configuration file name: "${target}"`);
      return;
    }
    openFile(fromAbs, from, line, resolve(dirname(fromAbs), target), depth + 1, stack, via, line.directive === 'include');
  };

  for (const top of tops) visitFile(top.absPath, top, 0, [top.absPath], []);
  return set;
}
