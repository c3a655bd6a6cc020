/**
 * The hba rules and the reachability analysis on the real-world corpus (../shared/corpus/pg_hba),
 * for PostgreSQL 12, 16 and 18. Part of `npm run test:corpus`; the rules' own tests are in
 * test/rules-hba.test.ts and test/rules/.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { RULES } from '../../rules/index.js';

/** The pg_hba exposure rules (what rules/index-hba.ts listed). */
const HBA_RULES = RULES.filter((r) => ['hba-open-to-world', 'listen-on-all-addresses', 'hba-trust-remote', 'hba-ident-over-tcp', 'hba-cleartext-password', 'hba-md5', 'hba-wide-network', 'hba-replication-open', 'hba-unreachable-record', 'hba-hostssl-without-ssl', 'ssl-disabled', 'hba-superuser-remote', 'hba-local-trust', 'hba-tls-not-required', 'hba-map-undefined', 'ident-map-unused', 'hba-all-users-all-databases', 'hba-client-cert-not-required'].includes(r.name));
import type { Major } from '../../src/catalog/types.js';
import { parsePgHba } from '../../src/parse/pg-hba.js';
import type { HbaFile } from '../../src/parse/pg-hba.js';
import { createSourceFile, lineColumn } from '../../src/source/source.js';
import { cleanupFixtures, lintTree } from '../support/fixture.js';
import { checkOracle } from '../support/hba-reach-oracle.js';
import { memIO } from '../support/mem-io.js';
import { shared } from '../support/shared.js';

afterAll(cleanupFixtures);

function parse(text: string, major: Major): HbaFile {
  return parsePgHba(createSourceFile('pg_hba.conf', '/data/pg_hba.conf', text), major, memIO({ '/data/pg_hba.conf': text }));
}

describe('hba rules on the corpus', () => {
  test('corpus files: no record is wrongly declared unreachable', () => {
    const dir = shared('corpus', 'pg_hba');
    let unreachable = 0;
    for (const name of readdirSync(dir)) {
      const text = readFileSync(`${dir}/${name}`, 'utf8');
      for (const major of [12, 16, 18] as const) unreachable += checkOracle(parse(text, major));
    }
    expect(unreachable).toBeGreaterThan(0);
  });

  test('corpus: no pg_hba record yields two findings (PG 12, 16, 18)', () => {
    const dir = shared('corpus', 'pg_hba');
    let records = 0;
    for (const name of readdirSync(dir)) {
      const text = readFileSync(`${dir}/${name}`);
      for (const major of [12, 16, 18] as const) {
        const { result } = lintTree({ 'pg_hba.conf': text }, { pgVersion: major }, HBA_RULES);
        const hba = result.clusters[0]!.hba!;
        const perLine = new Map<number, string[]>();
        for (const d of result.diagnostics) {
          if (d.suppressed) continue;
          const line = hba.lines.findIndex((l) => l.file.path === d.loc.file && l.start <= d.loc.start && d.loc.end <= l.end);
          perLine.set(line, [...(perLine.get(line) ?? []), d.rule]);
        }
        for (const [line, rules] of perLine) {
          records++;
          expect({ at: `${name} (PG ${major}) record ${line}`, rules: rules.length }).toEqual({ at: `${name} (PG ${major}) record ${line}`, rules: 1 });
        }
      }
    }
    expect(records).toBeGreaterThan(300);
  });

  test('corpus: no crash, and every finding is on a record PostgreSQL accepts', () => {
    const dir = shared('corpus', 'pg_hba');
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(50);
    const perRule = new Map<string, number>();
    for (const name of files) {
      const text = readFileSync(`${dir}/${name}`);
      for (const major of [12, 16, 18] as const) {
        const { result } = lintTree({ 'pg_hba.conf': text }, { pgVersion: major }, HBA_RULES);
        const hba = result.clusters[0]!.hba!;
        for (const d of result.diagnostics) {
          perRule.set(d.rule, (perRule.get(d.rule) ?? 0) + 1);
          const line = hba.lines.find((l) => l.file.path === d.loc.file && l.start <= d.loc.start && d.loc.end <= l.end);
          const at = `${name} (PG ${major}) line ${lineColumn(hba.file, d.loc.start).line}: ${d.rule}`;
          expect({ at, accepted: line !== undefined && line.problem === null && line.record !== null }).toEqual({ at, accepted: true });
        }
      }
    }
    // the corpus has world-open trust and md5 records (e.g. 001: host all all 0.0.0.0/0 trust)
    expect(perRule.get('hba-open-to-world')).toBeGreaterThan(0);
    expect(perRule.get('hba-md5')).toBeGreaterThan(0);
    expect(perRule.get('hba-trust-remote')).toBeGreaterThan(0);
  });
});
