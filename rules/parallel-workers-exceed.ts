import { defineRule } from '../src/linter/rule.js';
import type { SettingView } from '../src/linter/settings.js';

const num = (s: SettingView | undefined): number | undefined => (s && typeof s.value === 'number' ? s.value : undefined);
const shown = (s: SettingView): string => `${s.name} = ${s.canonical}${s.isDefault ? ' (default)' : ''}`;

export default defineRule({
  name: 'parallel-workers-exceed',
  severity: 'warning',
  category: 'validity',
  tags: ['performance'],
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'A parallel-worker limit set above the pool it draws from (max_worker_processes, or max_parallel_workers): the surplus workers can never start',
    why:
      'Parallel workers are background worker processes: every one is taken from the max_worker_processes slots ' +
      '(shared with logical replication workers and extensions), and parallel query and parallel maintenance ' +
      'together may use at most max_parallel_workers of them. A max_parallel_workers above max_worker_processes, ' +
      'or a max_parallel_workers_per_gather or max_parallel_maintenance_workers (11+) above the smaller of the two, ' +
      'promises workers that can never start: the planner plans for them, and each Gather, CREATE INDEX or VACUUM ' +
      'gets fewer than configured (often none when the slots are busy). It usually means max_worker_processes, ' +
      'which needs a restart, was forgotten when the parallel settings were raised. Only settings written in the ' +
      "files are reported; the target major's defaults count for the limits (max_worker_processes 8, " +
      'max_parallel_workers 8).',
    invalid: ['max_worker_processes = 4\nmax_parallel_workers = 8', 'max_parallel_workers_per_gather = 16'],
    valid: [
      'max_worker_processes = 16\nmax_parallel_workers = 16\nmax_parallel_workers_per_gather = 8',
      'max_worker_processes = 4',
    ],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-MAX-WORKER-PROCESSES',
      'https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-MAX-PARALLEL-WORKERS',
      'https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-MAX-PARALLEL-WORKERS-PER-GATHER',
      'https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-MAX-PARALLEL-MAINTENANCE-WORKERS',
      'https://www.postgresql.org/docs/current/how-parallel-query-works.html',
    ],
    versions: 'all (max_parallel_maintenance_workers is 11+)',
  }),
  check(ctx) {
    const processes = ctx.setting('max_worker_processes');
    const parallel = ctx.setting('max_parallel_workers');
    const w = num(processes);
    if (!processes || w === undefined) return;
    const p = num(parallel);

    const report = (s: SettingView, limit: SettingView, what: string): void => {
      if (!s.loc) return;
      const l = num(limit)!;
      ctx.report({
        loc: s.loc,
        message: `${s.name} = ${s.canonical} is above ${shown(limit)}: ${what} at most ${l} can ever start, the other ${num(s)! - l} never do`,
        help:
          limit === processes
            ? `Raise max_worker_processes (a restart) to at least ${num(s)} plus the workers of extensions and logical replication, or lower ${s.name} to ${l}.`
            : `Raise max_parallel_workers to at least ${num(s)} (and max_worker_processes with it), or lower ${s.name} to ${l}.`,
        ...(limit.loc ? { related: [{ message: `${limit.name} = ${limit.canonical} is set here`, loc: limit.loc }] } : {}),
      });
    };

    if (parallel && p !== undefined && p > w) report(parallel, processes, 'of the parallel workers it allows,');
    // The per-query and maintenance limits draw from max_parallel_workers, itself within max_worker_processes.
    const pool = parallel && p !== undefined && p < w ? parallel : processes;
    const poolSize = num(pool)!;
    const gather = ctx.setting('max_parallel_workers_per_gather');
    if (gather && (num(gather) ?? 0) > poolSize) report(gather, pool, 'of the workers planned for one Gather,');
    const maintenance = ctx.setting('max_parallel_maintenance_workers'); // 11+
    if (maintenance && (num(maintenance) ?? 0) > poolSize) report(maintenance, pool, 'of the workers one CREATE INDEX or VACUUM asks for,');
  },
});
