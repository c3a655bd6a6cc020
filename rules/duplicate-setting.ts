import { defineRule } from '../src/engine/rule.js';

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
    for (const a of ctx.cluster.assignments) {
      const w = a.overriddenBy;
      if (!w) continue;
      const loc = { file: a.file.path, start: a.line.nameStart, end: a.line.value.end };
      // A file that sets the same parameters a million times: past the listing limit, only count.
      if (!ctx.listed(loc.file)) {
        ctx.report({ loc, message: '' });
        continue;
      }
      const at = w.line.line; // the physical line the winning assignment starts on
      const where = w.file === a.file ? `line ${at}` : `${w.file.path}:${at}`;
      ctx.report({
        loc,
        message: `${a.line.name} is set again at ${where} (${w.line.value.raw}), so this value (${a.line.value.raw}) is ignored`,
        help: 'Remove one of the two assignments so the file says what the server uses.',
        related: [{ message: 'the assignment that wins', loc: { file: w.file.path, start: w.line.nameStart, end: w.line.value.end } }],
      });
    }
  },
});
