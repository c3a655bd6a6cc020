import type { LintResult } from '../api.js';
import { locate, summarize } from './common.js';

/** The stable JSON report, version 1 (ARCHITECTURE.md). */
export function formatJson(result: LintResult): string {
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
