/**
 * IPv6 zone ids in pg_hba.conf (`fe80::1%eth0/128`), judged by real servers: our rows against
 * pg_hba_file_rules line by line (PGCONF_LINT_MAJORS, default 12,16,18). Whether a zone names an
 * interface depends on the machine, so our side is told this machine's interfaces
 * (/sys/class/net) — the lines use `lo`, the machine's other interfaces, and names no machine has.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import { hbaFileRules as serverRules, initCluster, type PgCluster } from '../../scripts/lib/postgres.mjs';
import type { Major } from '../../src/catalog/types.js';
import { hbaFileRules, parsePgHba } from '../../src/parse/pg-hba.js';
import { createSourceFile } from '../../src/source/source.js';
import { memIO } from '../support/mem-io.js';
import { embeddedBuild, majorsFromEnv } from '../support/oracle.js';

const MAJORS = majorsFromEnv();
/** This machine's network interfaces, as if_nametoindex sees them. */
const INTERFACES = fs.readdirSync('/sys/class/net').sort();
const OTHER = INTERFACES.filter((n) => n !== 'lo');
const FULL = 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff';

const ADDRESSES = [
  'fe80::1%lo/128',
  'fe80::1%lo ' + FULL,
  ...OTHER.flatMap((n) => [`fe80::1%${n}/128`, `fe80::1%${n} ${FULL}`, `fe80::%${n}/64`, `fe80::1%${n}`, `ff02::1%${n}/128`, `fd00::1%${n}/128`, `fe80::1%${n}:7/128`]),
  'fe80::1%nosuchif0/128',
  'fe80::1%nosuchif0 ' + FULL,
  'fe80::1%nosuchif0',
  'fe80::1%abcdefghijklmnop/128',
  'fe80::1%LO/128',
  'fe80::1%/128',
  'fe80::1%',
  'fe80::1%1/128',
  'fe80::1%0/128',
  'fe80::1%007/128',
  'fe80::1%4294967295/128',
  'fe80::1%4294967296/128',
  'fe80::1%18446744073709551617/128',
  'fe80::1%-1/128',
  'fe80::1%+1/128',
  'fe80::1%1x/128',
  'fe80::1%1%2/128',
  'fe80::1%1',
  'fe80::1%1 ' + FULL,
  'fe80::1 ' + FULL + '%1',
  'fe80::1 ' + FULL + '%lo',
  'fe80::1 fe80::%lo',
  '2001:db8::1%1/128',
  '2001:db8::1%lo/128',
  '::1%lo/128',
  '::1%1/128',
  '::ffff:10.0.0.1%1/128',
  'ff01::1%lo/128',
  'ff05::1%lo/128',
  'febf::1%lo/128',
  'fec0::1%lo/128',
  '10.0.0.1%1/32',
  '10.0.0.1%lo/32',
  '"fe80::1%lo/128"',
  'fe80::1%lo/129',
];
const LINES = ADDRESSES.map((a) => `host all all ${a} md5`);

const clusters = new Map<Major, PgCluster>();

beforeAll(async () => {
  for (const m of MAJORS) {
    const c = await initCluster(m);
    await c.start();
    clusters.set(m, c);
  }
}, 600_000);

afterAll(async () => {
  for (const c of clusters.values()) await c.cleanup();
  clusters.clear();
});

const pick = (r: Record<string, unknown>): unknown[] => [r.line_number, r.address, r.netmask, r.error];

describe.each(MAJORS)('IPv6 zone ids against PostgreSQL %i', (major) => {
  it('reads every address as the server does, given the machine interfaces', async () => {
    const text = LINES.join('\n') + '\n';
    const server = (await serverRules(clusters.get(major)!, text)).map(pick);
    const file = createSourceFile('data/pg_hba.conf', '/data/pg_hba.conf', text);
    const h = parsePgHba(file, major, memIO({ '/data/pg_hba.conf': text }), { ...embeddedBuild(major), interfaces: INTERFACES });
    const ours = hbaFileRules(h, major).map((r) => pick(r as unknown as Record<string, unknown>));
    expect(ours).toEqual(server);
    // and the cases are the ones we mean: some zones parse, some make a host name, some are errors
    const parsed = server.filter((r) => r[1] !== null && String(r[1]).indexOf('%') === -1).length;
    expect(parsed).toBeGreaterThan(10);
    expect(server.some((r) => typeof r[3] === 'string' && String(r[3]).startsWith('specifying both host name'))).toBe(true);
  }, 120_000);
});
