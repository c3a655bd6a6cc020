import type { Report } from './types.js';
import type { SourceFile } from '../source/source.js';
import type { Diagnostic, Severity } from '../types.js';
import { locate, neutralizeControls, plural } from './common.js';

export type AnnotationKind = 'error' | 'warning' | 'notice';

/** One GitHub annotation, with the property names of @actions/core's AnnotationProperties. */
export interface Annotation {
  kind: AnnotationKind;
  message: string;
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

export const KIND_OF: Record<Severity, AnnotationKind> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub shows at most this many annotations of each kind per step, and this many per job. */
export const ANNOTATION_LIMITS = { perKind: 10, total: 50 } as const;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Workflow-command data escaping, as the runner unescapes it (and as @actions/core escapes). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally escape the `:` and `,` that delimit the command's properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * The line range GitHub should show. A range that ends at column 1 of a later line ends on the
 * line before; GitHub honours columns only on a single line, and its end column is inclusive
 * (ours is exclusive), so an empty range gets no end column.
 */
export function annotationRange(d: Diagnostic, sources: ReadonlyMap<string, SourceFile>): Pick<Annotation, 'startLine' | 'endLine' | 'startColumn' | 'endColumn'> {
  const r = locate(d, sources);
  let endLine = r.endLine;
  if (endLine > r.line && r.endColumn === 1) endLine--;
  if (endLine !== r.line) return { startLine: r.line, endLine };
  return {
    startLine: r.line,
    endLine,
    startColumn: r.column,
    ...(r.endColumn > r.column + 1 ? { endColumn: r.endColumn - 1 } : {}),
  };
}

export function annotationFor(d: Diagnostic, sources: ReadonlyMap<string, SourceFile>): Annotation {
  return {
    kind: KIND_OF[d.severity],
    // Control characters from the files (ANSI escapes, bidi overrides) are shown, not obeyed, in the log.
    message: neutralizeControls(d.help ? `${d.message}\n${d.help}` : d.message),
    title: d.rule,
    file: d.loc.file,
    ...annotationRange(d, sources),
  };
}

export interface AnnotationSelection {
  annotations: Annotation[];
  /** Unsuppressed findings not annotated because of GitHub's limits. */
  omitted: number;
  /** A notice saying how many were left out (present when omitted > 0). */
  notice?: Annotation;
}

export interface SelectOptions {
  perKind?: number;
  total?: number;
  /** Annotations of each kind the caller emits itself in the same step (fallback warnings, setFailed). */
  reserved?: Partial<Record<AnnotationKind, number>>;
  /** Where the full list is, for the left-out notice; a function gets the number of findings and says the whole clause ("the job summary lists all 42"). */
  fullListAt?: string | ((findings: number) => string);
}

/**
 * The annotations to emit for unsuppressed findings: most severe first, then by location, within
 * GitHub's per-kind and per-job limits, with one notice about the rest (which takes a notice slot).
 */
export function selectAnnotations(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, SourceFile>,
  opts: SelectOptions = {},
): AnnotationSelection {
  const perKind = opts.perKind ?? ANNOTATION_LIMITS.perKind;
  const total = opts.total ?? ANNOTATION_LIMITS.total;
  const reserved = opts.reserved ?? {};
  const shown = diagnostics
    .filter((d) => !d.suppressed)
    .slice()
    .sort((a, b) => {
      if (a.severity !== b.severity) return RANK[a.severity] - RANK[b.severity];
      if (a.loc.file !== b.loc.file) return a.loc.file < b.loc.file ? -1 : 1;
      if (a.loc.start !== b.loc.start) return a.loc.start - b.loc.start;
      return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
    });
  const reservedTotal = (reserved.error ?? 0) + (reserved.warning ?? 0) + (reserved.notice ?? 0);
  const pick = (noticeSlotsForUs: number, totalSlots: number): Diagnostic[] => {
    const left: Record<AnnotationKind, number> = {
      error: perKind - (reserved.error ?? 0),
      warning: perKind - (reserved.warning ?? 0),
      notice: perKind - (reserved.notice ?? 0) - noticeSlotsForUs,
    };
    let room = totalSlots - reservedTotal - noticeSlotsForUs;
    const out: Diagnostic[] = [];
    for (const d of shown) {
      const k = KIND_OF[d.severity];
      if (room <= 0) break;
      if (left[k] <= 0) continue;
      left[k]--;
      room--;
      out.push(d);
    }
    return out;
  };
  let picked = pick(0, total);
  if (picked.length < shown.length) picked = pick(1, total);
  const omitted = shown.length - picked.length;
  const annotations = picked.map((d) => annotationFor(d, sources));
  if (!omitted) return { annotations, omitted };
  const where = typeof opts.fullListAt === 'function' ? opts.fullListAt(shown.length) : `${opts.fullListAt ?? 'the full report'} lists all ${shown.length}`;
  return {
    annotations,
    omitted,
    notice: {
      kind: 'notice',
      title: 'pgconf-lint',
      message: `${plural(omitted, 'more finding')} not annotated (GitHub shows at most ${perKind} annotations of each kind per step and ${total} per job); ${where}.`,
    },
  };
}

/** `::error file=…,line=…::message` with every value escaped. */
export function workflowCommand(a: Annotation): string {
  const props: [string, string | number | undefined][] = [
    ['title', a.title],
    ['file', a.file],
    ['line', a.startLine],
    ['endLine', a.endLine],
    ['col', a.startColumn],
    ['endColumn', a.endColumn],
  ];
  const p = props
    .filter((x): x is [string, string | number] => x[1] !== undefined && x[1] !== '')
    .map(([k, v]) => `${k}=${escapeProperty(neutralizeControls(String(v)))}`)
    .join(',');
  return `::${a.kind}${p ? ' ' + p : ''}::${escapeData(a.message)}`;
}

/** `--format github`: workflow commands for a `run:` step, within GitHub's annotation limits. */
export function formatGithub(result: Report): string {
  const sel = selectAnnotations(result.diagnostics, result.sources, { fullListAt: 'the text or JSON report' });
  const lines = sel.annotations.map(workflowCommand);
  if (sel.notice) lines.push(workflowCommand(sel.notice));
  return lines.length ? lines.join('\n') + '\n' : '';
}
