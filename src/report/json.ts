import type { Report } from './types.js';
import type { Diagnostic } from '../types.js';
import { locate, summarize } from './common.js';
import { shownFix } from './fixable.js';

/**
 * A finding's fix: `{ title, applicability, edits: [{ file, line, column, endLine, endColumn, text }] }`,
 * each edit replacing its range (1-based, endColumn exclusive, as the finding's own) with `text`.
 */
function fixOf(d: Diagnostic, result: Report): { fix?: object } {
  const fix = shownFix(d);
  if (!fix) return {};
  return {
    fix: {
      title: fix.title,
      applicability: fix.applicability,
      edits: fix.edits.map((e) => ({ file: e.loc.file, ...locate({ ...d, loc: e.loc }, result.sources), text: e.text })),
    },
  };
}

/** The stable JSON report, version 1 (ARCHITECTURE.md). */
export function formatJson(result: Report): string {
  const report = {
    version: 1,
    files: result.files.map((f) => ({ path: f.path, kind: f.kind, pgVersion: f.pgVersion })),
    diagnostics: result.diagnostics.map((d) => ({
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      file: d.loc.file,
      ...locate(d, result.sources),
      suppressed: Boolean(d.suppressed),
      ...(d.suppressed ? { suppression: d.suppressed } : {}),
      ...(d.help ? { help: d.help } : {}),
      ...(d.also?.length ? { also: d.also } : {}),
      ...fixOf(d, result),
      ...(d.related?.length
        ? {
            related: d.related.map((r) => ({
              message: r.message,
              file: r.loc.file,
              ...locate({ ...d, loc: r.loc }, result.sources),
            })),
          }
        : {}),
    })),
    summary: summarize(result.diagnostics),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
