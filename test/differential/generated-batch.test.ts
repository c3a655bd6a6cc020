/**
 * The generated differential batch: a fixed-seed batch of at least 2,000 grammar-generated cases
 * (postgresql.conf files from generateConfBatch, pg_hba.conf lines from generateHbaBatch), each
 * judged by a real server (test/support/judge.ts). CI runs it against one major
 * (PGCONF_LINT_BATCH_MAJORS, default 16); `npm run differential:fuzz` runs it with a random seed
 * against every major and writes each disagreement as a regression fixture
 * (PGCONF_LINT_FUZZ_FIXTURES=1, see scripts/fuzz-differential.mjs).
 *
 * Environment: PGCONF_LINT_FUZZ_SEED (default 0xba7c4), PGCONF_LINT_FUZZ_CONF / _HBA (case counts,
 * default 1400 / 800).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONCURRENCY, initCluster, mapLimit, type PgCluster } from '../../scripts/lib/postgres.mjs';
import { loadCatalog } from '../../src/catalog/catalog.js';
import { SUPPORTED_MAJORS, type Major } from '../../src/catalog/types.js';
import { judgeConfText, judgeHbaLines } from '../support/judge.js';
import { Ledger, formatDisagreement, type Disagreement } from '../support/oracle.js';
import { generateConfBatch, generateHbaBatch } from './generate.js';
import { KNOWN_CONF_DIFFERENCES, KNOWN_HBA_DIFFERENCES } from './known-differences.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SEED = Number(process.env.PGCONF_LINT_FUZZ_SEED ?? 0xba7c4);
const CONF_CASES = Number(process.env.PGCONF_LINT_FUZZ_CONF ?? 1400);
const HBA_CASES = Number(process.env.PGCONF_LINT_FUZZ_HBA ?? 800);
const WRITE_FIXTURES = process.env.PGCONF_LINT_FUZZ_FIXTURES === '1';
const HBA_BATCH = 80;

const MAJORS: Major[] = (process.env.PGCONF_LINT_BATCH_MAJORS?.trim() || '16').split(',').map((s) => {
  const n = Number(s.trim());
  if (!(SUPPORTED_MAJORS as readonly number[]).includes(n)) throw new Error(`PGCONF_LINT_BATCH_MAJORS: unsupported major "${s}"`);
  return n as Major;
});

const ledger = new Ledger('generated batch', [...KNOWN_CONF_DIFFERENCES, ...KNOWN_HBA_DIFFERENCES]);
const confClusters = new Map<Major, PgCluster>();
const hbaClusters = new Map<Major, PgCluster>();
/** Case text by id, for writing fixtures. */
const caseText = new Map<string, { kind: 'conf' | 'hba'; text: string }>();
let judged = 0;

beforeAll(async () => {
  await mapLimit(MAJORS, DEFAULT_CONCURRENCY, async (m) => {
    confClusters.set(m, await initCluster(m));
    const h = await initCluster(m);
    await h.start();
    hbaClusters.set(m, h);
  });
}, 600_000);

afterAll(async () => {
  for (const c of [...confClusters.values(), ...hbaClusters.values()]) await c.cleanup();
});

describe.each(MAJORS)('generated batch against PostgreSQL %i', (major) => {
  it(`${CONF_CASES} generated postgresql.conf files`, async () => {
    const cases = generateConfBatch(loadCatalog(major), SEED + major, CONF_CASES);
    expect(cases.length).toBe(CONF_CASES);
    const cluster = confClusters.get(major)!;
    await mapLimit(cases, DEFAULT_CONCURRENCY, async (c) => {
      const id = `batch-conf:${c.id}`;
      caseText.set(id, { kind: 'conf', text: c.text });
      ledger.record(major, 'generated', id, await judgeConfText(major, cluster, id, c.text));
      judged++;
    });
  }, 900_000);

  it(`${HBA_CASES} generated pg_hba.conf lines`, async () => {
    const lines = generateHbaBatch(SEED + 0x4ba + major, HBA_CASES).map((g) => g.line);
    expect(lines.length).toBe(HBA_CASES);
    const cluster = hbaClusters.get(major)!;
    for (let i = 0; i < lines.length; i += HBA_BATCH) {
      for (const r of await judgeHbaLines(major, cluster, lines.slice(i, i + HBA_BATCH), (l) => `batch-hba:${l}`)) {
        caseText.set(r.caseId, { kind: 'hba', text: r.line });
        ledger.record(major, 'generated', r.caseId, r.disagreements);
        judged++;
      }
    }
  }, 900_000);
});

/** Writes a disagreement's case as fixtures/parser/{conf,hba}/regress-<hash>.conf (seed in a comment). */
function writeFixture(d: Disagreement): string | null {
  const c = caseText.get(d.caseId);
  if (!c) return null;
  const hash = createHash('sha256').update(c.text).digest('hex').slice(0, 10);
  const file = path.join(REPO, 'fixtures/parser', c.kind, `regress-${hash}.conf`);
  if (fs.existsSync(file)) return file;
  const what = `${d.what}${d.param ? ` [${d.param}]` : ''}`.replace(/\s+/g, ' ');
  const head = `# regression: generated batch seed ${SEED}, PostgreSQL ${d.major}: ${what}\n`;
  // The case exactly as generated (a missing final newline is part of some cases).
  fs.writeFileSync(file, head + c.text + (c.kind === 'hba' ? '\n' : ''));
  return file;
}

it('agrees with the server on every generated case, except for the known differences', () => {
  const { summary, unexplained, stale } = ledger.verdict(MAJORS);
  const written = WRITE_FIXTURES ? [...new Set(unexplained.map(writeFixture).filter((f): f is string => f !== null))] : [];
  console.log(
    `${summary}\n  seed ${SEED}: ${judged} cases judged (${CONF_CASES} postgresql.conf files and ${HBA_CASES} pg_hba.conf lines per major)` +
      (unexplained.length ? `\n\nUNEXPLAINED DISAGREEMENTS (${unexplained.length}):\n${unexplained.map(formatDisagreement).join('\n')}` : '') +
      (written.length ? `\n\nREGRESSION FIXTURES WRITTEN:\n${written.map((f) => path.relative(REPO, f)).join('\n')}` : ''),
  );
  expect(judged).toBe((CONF_CASES + HBA_CASES) * MAJORS.length);
  // The CI batch (no overrides) is at least 2,000 cases per major.
  if (!process.env.PGCONF_LINT_FUZZ_CONF && !process.env.PGCONF_LINT_FUZZ_HBA) expect(CONF_CASES + HBA_CASES).toBeGreaterThanOrEqual(2000);
  expect(unexplained.map(formatDisagreement)).toEqual([]);
  // Stale entries are the other suites' business: they judge the fixture and corpus cases those entries name.
  void stale;
});
