import { defineRule } from '../src/linter/rule.js';
import type { SettingView } from '../src/linter/settings.js';
import type { RelatedInfo } from '../src/types.js';

const TIB = 1024 ** 4;
const GIB = 1024 ** 3;
/** With assume.memory: reported when the worst case is more than this many times the memory. */
export const MEMORY_FACTOR = 2;
/** Without assume.memory: reported when the worst case reaches this (no server has that much to spare). */
export const ABSURD_BYTES = TIB;

const UNIT_BYTES: Record<string, number> = { B: 1, kB: 1024, MB: 1024 ** 2, '8kB': 8192 };

/** A memory setting in bytes, or undefined (absent in this major, not a number, or -1). */
function bytes(s: SettingView | undefined): number | undefined {
  if (!s || typeof s.value !== 'number' || s.value < 0) return undefined;
  const unit = UNIT_BYTES[s.def.unit ?? ''];
  return unit === undefined ? undefined : s.value * unit;
}

const count = (s: SettingView | undefined): number | undefined => (s && typeof s.value === 'number' ? s.value : undefined);

/** 1024-based, in PostgreSQL's unit names: 3.1TB, 16GB, 512MB. */
export function formatBytes(n: number): string {
  const units: [string, number][] = [['TB', TIB], ['GB', GIB], ['MB', 1024 ** 2], ['kB', 1024]];
  for (const [u, size] of units) {
    if (n >= size) {
      const v = n / size;
      return `${Number.isInteger(v) ? v : v.toFixed(1).replace(/\.0$/, '')}${u}`;
    }
  }
  return `${n}B`;
}

/** `name = value` as written, or the default (memory in PostgreSQL's units). */
const shown = (s: SettingView): string => {
  if (s.assignment) return `${s.name} = ${s.assignment.line.raw}`;
  const b = bytes(s);
  return `${s.name} = ${b === undefined ? s.canonical : formatBytes(b)} (default)`;
};

export default defineRule({
  name: 'memory-overcommit',
  severity: 'warning',
  category: 'durability',
  tags: ['performance'],
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  needs: ['memoryBytes'],
  docs: () => ({
    summary: 'work_mem × max_connections plus shared_buffers (and autovacuum memory) is far above the server\'s memory',
    why:
      'work_mem is not a limit per connection: every sort and hash step of every query may use that much (hash ' +
      'steps hash_mem_multiplier times as much, and each parallel worker its own). shared_buffers is allocated ' +
      'at startup, and each autovacuum worker may use autovacuum_work_mem (or maintenance_work_mem when that is ' +
      '-1; up to PostgreSQL 16 vacuum used at most 1GB of it). The rule takes the smallest honest worst case — ' +
      'shared_buffers + max_connections × work_mem + autovacuum_max_workers × the autovacuum memory — and reports ' +
      `it when it is more than ${MEMORY_FACTOR} times the memory declared with \`assume.memory\` (the server's RAM; ` +
      'half the connections sorting at once would already exhaust it), or, without that declaration, when it is ' +
      `${formatBytes(ABSURD_BYTES)} or more, which no real server has to spare. When it happens, the kernel's OOM ` +
      'killer ends a backend and PostgreSQL restarts every session to recover (or, with overcommit disabled, ' +
      'queries fail with "out of memory"). The finding is located at the written setting whose term is largest ' +
      "(usually work_mem) and names the others; settings absent from the files count with the target major's " +
      'defaults. maintenance_work_mem for CREATE INDEX and manual VACUUM is not counted: those run one at a time.',
    invalid: ['work_mem = 16GB\nmax_connections = 200\nshared_buffers = 96GB', 'work_mem = 2GB\nmax_connections = 1000'],
    valid: ['work_mem = 64MB\nmax_connections = 200', 'work_mem = 1GB\nmax_connections = 100'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-WORK-MEM',
      'https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-SHARED-BUFFERS',
      'https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-AUTOVACUUM-WORK-MEM',
      'https://www.postgresql.org/docs/current/kernel-resources.html#LINUX-MEMORY-OVERCOMMIT',
    ],
    versions: 'all (vacuum memory capped at 1GB up to 16; autovacuum_worker_slots caps the workers from 18)',
    optionsNote: `Reads \`assume.memory\` (the server's RAM, e.g. \`memory: 64GB\`) from the config: with it, the rule reports a worst case above ${MEMORY_FACTOR}× that memory; without it, only a worst case of ${formatBytes(ABSURD_BYTES)} or more.`,
  }),
  check(ctx) {
    const workMem = ctx.setting('work_mem');
    const connections = ctx.setting('max_connections');
    const sharedBuffers = ctx.setting('shared_buffers');
    const wm = bytes(workMem);
    const mc = count(connections);
    const sb = bytes(sharedBuffers);
    if (!workMem || !connections || !sharedBuffers || wm === undefined || mc === undefined || sb === undefined) return;

    // Autovacuum: autovacuum_work_mem, or maintenance_work_mem when it is -1.
    const avWorkers = ctx.setting('autovacuum_max_workers');
    const avSlots = ctx.setting('autovacuum_worker_slots'); // 18+: the workers that can run at once
    const avWorkMem = ctx.setting('autovacuum_work_mem');
    const maintenance = ctx.setting('maintenance_work_mem');
    const avMemSetting = bytes(avWorkMem) !== undefined ? avWorkMem : maintenance;
    let avMem = bytes(avMemSetting) ?? 0;
    if (ctx.major <= 16) avMem = Math.min(avMem, GIB); // dead-tuple storage was capped at 1GB before the TidStore of 17
    const workers = Math.min(count(avWorkers) ?? 0, count(avSlots) ?? Infinity);

    const terms = [
      { bytes: mc * wm, at: [workMem, connections], text: `max_connections ${mc} × work_mem ${formatBytes(wm)} = ${formatBytes(mc * wm)}` },
      { bytes: sb, at: [sharedBuffers], text: `shared_buffers ${formatBytes(sb)}` },
      {
        bytes: workers * avMem,
        at: [avMemSetting, avWorkers].filter((s): s is SettingView => s !== undefined),
        text: `${workers} autovacuum workers × ${formatBytes(avMem)} = ${formatBytes(workers * avMem)}`,
      },
    ];
    const total = terms.reduce((n, t) => n + t.bytes, 0);
    const memory = ctx.assume.memoryBytes;
    const known = memory !== undefined && Number.isFinite(memory) && memory > 0;
    if (known ? total <= MEMORY_FACTOR * memory : total < ABSURD_BYTES) return;

    // The written setting of the largest term drives it.
    const ordered = [...terms].sort((a, b) => b.bytes - a.bytes);
    const target = ordered.flatMap((t) => t.at).find((s) => s.loc);
    if (!target?.loc) return;
    const related: RelatedInfo[] = ordered
      .flatMap((t) => t.at)
      .filter((s, i, all) => s !== target && s.loc && all.indexOf(s) === i)
      .map((s) => ({ message: `${shown(s)} is set here`, loc: s.loc! }));
    const limit = known
      ? `more than ${MEMORY_FACTOR} times the ${formatBytes(memory)} of memory assumed (assume.memory)`
      : `${formatBytes(ABSURD_BYTES)} or more, more than any server has (assume.memory is not set)`;
    ctx.report({
      loc: target.loc,
      message:
        `${shown(target)}: a worst case of ${formatBytes(total)} (${ordered.filter((t) => t.bytes > 0).map((t) => t.text).join(' + ')}) is ${limit}; ` +
        'concurrent sorts and hashes can exhaust memory, and the OOM killer then takes down a backend and every session with it',
      help:
        target === workMem
          ? 'Lower work_mem (a few MB to a few hundred MB for most workloads) and raise it per session or role (SET work_mem, ALTER ROLE … SET) for the queries that need it; or use a connection pooler and fewer max_connections.'
          : `Lower ${target.name} so that the worst case fits the server's memory${known ? '' : ', and declare the memory with assume.memory'}.`,
      ...(related.length ? { related } : {}),
    });
  },
});
