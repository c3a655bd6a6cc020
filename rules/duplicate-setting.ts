import { defineRule } from '../src/linter/rule.js';
import { assignmentKinds } from '../src/linter/settings.js';
import { boundQuote } from '../src/linter/redact.js';
import type { Assignment } from '../src/resolve/cluster.js';
import type { Loc } from '../src/types.js';

/**
 * The whole physical line of an assignment with its line break ('\n', or '\r\n' whose '\r' ends
 * the line's text); the last line of a file without a final newline takes the break before it.
 * Deleting it removes the line and nothing else (removed-setting uses it too).
 */
export function lineLoc(a: Pick<Assignment, 'file' | 'line'>): Loc {
  const text = a.file.text;
  const { start, end } = a.line;
  if (text.charCodeAt(end) === 0x0a) return { file: a.file.path, start, end: end + 1 };
  if (start === 0) return { file: a.file.path, start, end };
  const before = text.charCodeAt(start - 2) === 0x0d ? start - 2 : start - 1;
  return { file: a.file.path, start: before, end };
}

/** A finding's span: an assignment's name to the end of its value. */
function locOf(a: Assignment): Loc {
  return { file: a.file.path, start: a.line.nameStart, end: a.line.valueEnd };
}

export default defineRule({
  name: 'duplicate-setting',
  severity: 'warning',
  category: 'validity',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  fixable: 'always',
  docs: () => ({
    summary: 'A parameter set again later, so this assignment has no effect',
    why:
      'When a parameter is assigned more than once, the last assignment wins — including assignments in ' +
      'included files and in postgresql.auto.conf (written by ALTER SYSTEM), which is read last. Someone ' +
      'editing the earlier line will believe they changed the server when they did not. When the winner is in ' +
      'postgresql.auto.conf, the help says to use ALTER SYSTEM RESET (or to drop the postgresql.conf line); a ' +
      'duplicate inside postgresql.auto.conf means the file was edited by hand — ALTER SYSTEM keeps one entry per ' +
      'parameter — so the help says to use ALTER SYSTEM SET / RESET instead of editing it. The fix (unsafe) removes ' +
      'the whole line of the overridden assignment, its comment included: the server keeps using what it uses now, ' +
      'but whoever wrote the earlier line may have meant its value.',
    invalid: ['work_mem = 4MB\nwork_mem = 8MB'],
    valid: ['work_mem = 8MB\nmaintenance_work_mem = 256MB'],
    references: ['https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-CONFIGURATION-FILE'],
    versions: 'all',
  }),
  check(ctx) {
    const autoFiles = new Set(ctx.cluster.input.files.filter((f) => f.kind === 'postgresql.auto.conf').map((f) => f.abs));
    // A file that sets the same parameters a million times: past the listing limit its findings
    // are counted in runs (consecutive ones in the same file), not reported one by one. (No
    // closures over these: they stay plain locals of the loop.)
    let runFile: string | null = null;
    let runCount = 0;
    let runLast: Assignment | null = null;
    // An indexed loop: it runs once, cold, in the interpreter, where an iterator costs.
    const overridden = assignmentKinds(ctx.cluster).overridden;
    for (let i = 0; i < overridden.length; i++) {
      const a = overridden[i]!;
      const w = a.overriddenBy!;
      const file = a.file.path;
      if (file === runFile) {
        runCount++;
        runLast = a;
        continue;
      }
      if (!ctx.listed(file)) {
        if (runFile !== null && runLast !== null) ctx.unlisted(runFile, runCount, locOf(runLast));
        runFile = file;
        runCount = 1;
        runLast = a;
        continue;
      }
      const at = w.line.line; // the physical line the winning assignment starts on
      const where = w.file === a.file && !w.file.path.includes('#') ? `line ${at}` : `${w.file.path}:${at}`; // a carrier's synthesized file: named, so lint() names the carrier's line
      const name = boundQuote(a.line.name);
      // postgresql.auto.conf is the server's file: ALTER SYSTEM rewrites it, keeping one entry per
      // parameter (replace_auto_config_value removes every match, then appends one).
      const autoWins = autoFiles.has(w.file.absPath);
      const inAuto = autoFiles.has(a.file.absPath);
      const help = inAuto
        ? `postgresql.auto.conf is written by the server and should not be edited by hand: ALTER SYSTEM SET ${name} = … replaces every entry of the parameter with one, and ALTER SYSTEM RESET ${name} removes them all.`
        : autoWins
          ? `ALTER SYSTEM overrides this line: to make postgresql.conf count, run ALTER SYSTEM RESET ${name} (it removes the entry from postgresql.auto.conf); to keep the ALTER SYSTEM value, remove this line.`
          : 'Remove one of the two assignments so the file says what the server uses.';
      ctx.report({
        loc: locOf(a),
        fix: { title: `Remove the overridden assignment of ${name} (line ${a.line.line})`, edits: [{ loc: lineLoc(a), text: '' }], applicability: 'unsafe' },
        message: `${name} is set again ${autoWins && !inAuto ? 'by ALTER SYSTEM ' : ''}at ${where} (${boundQuote(w.line.raw)}), so this value (${boundQuote(a.line.raw)}) is ignored`,
        help,
        related: [{ message: 'the assignment that wins', loc: locOf(w) }],
      });
    }
    if (runFile !== null && runLast !== null) ctx.unlisted(runFile, runCount, locOf(runLast));
  },
});
