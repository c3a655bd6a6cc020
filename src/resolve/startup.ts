import { assignmentError, type ResolvedCluster } from './cluster.js';

export interface StartupVerdict {
  /** True when `postgres` would start (and `postgres -C` succeed) with these files. */
  ok: boolean;
  /** The LOG messages PostgreSQL prints before giving up, in order (HINTs omitted). */
  messages: string[];
}

/**
 * What ProcessConfigFileInternal reports at startup. It works in phases and stops after the first
 * phase that finds errors: (1) parsing the files and following includes, (2) unknown parameter
 * names, (3) values. So a file with a syntax error reports no unknown names, and a file with an
 * unknown name reports no bad values.
 */
export function startupVerdict(cluster: ResolvedCluster): StartupVerdict {
  const phase1 = cluster.problems.map((p) => p.message);
  if (phase1.length) return { ok: false, messages: phase1 };
  const phase2 = cluster.assignments.filter((a) => a.status === 'unknown').map((a) => assignmentError(a)!);
  if (phase2.length) return { ok: false, messages: phase2 };
  // Entries overridden by an identically spelled later entry are skipped, so never validated.
  const phase3 = cluster.assignments.filter((a) => a.status === 'invalid' && !a.ignored).map((a) => a.error!);
  return phase3.length ? { ok: false, messages: phase3 } : { ok: true, messages: [] };
}
