import { defineRule } from '../src/engine/rule.js';
import { boundQuote } from '../src/engine/redact.js';
import type { Assignment } from '../src/resolve/cluster.js';
import type { Loc } from '../src/types.js';

export default defineRule({
  name: 'duplicate-setting',
  severity: 'warning',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: {
    summary: 'A parameter set again later, so this assignment has no effect',
    why:
      'When a parameter is assigned more than once, the last assignment wins — including assignments in ' +
      'included files and in postgresql.auto.conf (written by ALTER SYSTEM), which is read last. Someone ' +
      'editing the earlier line will believe they changed the server when they did not.',
    invalid: ['work_mem = 4MB\nwork_mem = 8MB'],
    valid: ['work_mem = 8MB\nmaintenance_work_mem = 256MB'],
    references: ['https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-CONFIGURATION-FILE'],
    versions: 'all',
  },
  check(ctx) {
    const locOf = (a: Assignment): Loc => ({ file: a.file.path, start: a.line.nameStart, end: a.line.value.end });
    // A file that sets the same parameters a million times: past the listing limit its findings
    // are counted in runs (consecutive ones in the same file), not reported one by one.
    let runFile: string | null = null;
    let runCount = 0;
    let runLast: Assignment | null = null;
    const endRun = (): void => {
      if (runFile !== null && runLast !== null) ctx.unlisted(runFile, runCount, locOf(runLast));
      runFile = null;
      runCount = 0;
    };
    for (const a of ctx.cluster.assignments) {
      const w = a.overriddenBy;
      if (!w) continue;
      const file = a.file.path;
      if (file === runFile) {
        runCount++;
        runLast = a;
        continue;
      }
      if (!ctx.listed(file)) {
        endRun();
        runFile = file;
        runCount = 1;
        runLast = a;
        continue;
      }
      const at = w.line.line; // the physical line the winning assignment starts on
      const where = w.file === a.file ? `line ${at}` : `${w.file.path}:${at}`;
      ctx.report({
        loc: locOf(a),
        message: `${boundQuote(a.line.name)} is set again at ${where} (${boundQuote(w.line.value.raw)}), so this value (${boundQuote(a.line.value.raw)}) is ignored`,
        help: 'Remove one of the two assignments so the file says what the server uses.',
        related: [{ message: 'the assignment that wins', loc: locOf(w) }],
      });
    }
    endRun();
  },
});
