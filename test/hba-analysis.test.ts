import { afterAll, describe, expect, test } from '@jest/globals';
import { analyzeHba, parseNetwork } from '../src/analysis/hba.js';
import { classifyRange } from '../src/analysis/exposure.js';
import type { HbaRecordInfo } from '../src/analysis/hba.js';
import type { Major } from '../src/catalog/types.js';
import { parsePgHba } from '../src/parse/pg-hba.js';
import type { HbaFile } from '../src/parse/pg-hba.js';
import { createSourceFile } from '../src/source/source.js';
import { cleanupFixtures } from './support/fixture.js';
import { checkOracle, seeded } from './support/hba-reach-oracle.js';
import { memIO } from './support/mem-io.js';

afterAll(cleanupFixtures);

// The pg_hba.conf analysis the hba rules share (src/analysis/hba.ts, src/analysis/exposure.ts):
// reachability (first match wins), per-record flags, the exposure sentence, and the address ranges.

/* ---------------------------------------------------------------- analyzeHba */

function parse(text: string, major: Major = 17, extra: Record<string, string> = {}): HbaFile {
  return parsePgHba(createSourceFile('pg_hba.conf', '/data/pg_hba.conf', text), major, memIO({ '/data/pg_hba.conf': text, ...extra }));
}

/** For each record: its line and, when unreachable, the lines that shadow it. */
function reach(text: string, major: Major = 17): Array<[number, number[] | null]> {
  return analyzeHba(parse(text, major)).records.map((r) => [r.line.line, r.reachable ? null : r.shadowedByAll.map((s) => s.line.line)]);
}

describe('analyzeHba: reachability (first match wins)', () => {
  test.each<[string, string, Array<[number, number[] | null]>]>([
    ['a reject for every IPv4 address shadows later IPv4 records', 'host all all 0.0.0.0/0 reject\nhost sales app 10.0.0.0/8 trust\nlocal all all trust', [[1, null], [2, [1]], [3, null]]],
    ['hostssl after host with the same fields is unreachable', 'host all all 10.0.0.0/8 md5\nhostssl all all 10.0.0.0/8 cert', [[1, null], [2, [1]]]],
    ['host after hostssl is reachable (non-SSL connections)', 'hostssl all all 10.0.0.0/8 cert\nhost all all 10.0.0.0/8 md5', [[1, null], [2, null]]],
    ['hostnossl and hostgssenc after host', 'host all all 10.0.0.0/8 md5\nhostnossl all all 10.0.0.0/8 md5\nhostgssenc all all 10.0.0.0/8 gss\nhostnogssenc all all 10.0.0.0/8 md5', [[1, null], [2, [1]], [3, [1]], [4, [1]]]],
    ['hostgssenc after hostnossl: GSS connections are not SSL', 'hostnossl all all 10.0.0.0/8 md5\nhostgssenc all all 10.0.0.0/8 gss\nhostssl all all 10.0.0.0/8 md5', [[1, null], [2, [1]], [3, null]]],
    ['replication after an all-databases record is reachable', 'host all all 10.0.0.0/8 md5\nhost replication all 10.0.0.0/8 md5', [[1, null], [2, null]]],
    ['all after a replication record is reachable', 'host replication all 0.0.0.0/0 reject\nhost all all 0.0.0.0/0 md5', [[1, null], [2, null]]],
    ['replication after replication', 'host replication all 0.0.0.0/0 reject\nhost replication rep 10.0.0.5/32 md5', [[1, null], [2, [1]]]],
    ['IPv4 and IPv6 are disjoint', 'host all all 0.0.0.0/0 reject\nhost all all ::ffff:10.0.0.1/128 md5\nhost all all ::/0 md5', [[1, null], [2, null], [3, null]]],
    ['the address keyword all covers both families and host names', 'host all all all reject\nhost all all ::/0 md5\nhost all all db.example.com md5\nhost all all samenet md5', [[1, null], [2, [1]], [3, [1]], [4, [1]]]],
    ['split address coverage is not claimed', 'host all all 10.0.0.0/9 reject\nhost all all 10.128.0.0/9 reject\nhost all all 10.0.0.0/8 md5', [[1, null], [2, null], [3, null]]],
    ['split user coverage is not claimed', 'host all a 10.0.0.0/8 reject\nhost all b 10.0.0.0/8 reject\nhost all a,b 10.0.0.0/8 md5', [[1, null], [2, null], [3, null]]],
    ['the SSL / non-SSL split is claimed', 'hostssl all all 10.0.0.0/8 md5\nhostnossl all all 10.0.0.0/8 reject\nhost all all 10.1.0.0/16 trust', [[1, null], [2, null], [3, [1, 2]]]],
    ['the GSS split is claimed', 'hostnogssenc all all 10.0.0.0/8 md5\nhostgssenc all all 10.0.0.0/8 gss\nhost all all 10.1.0.0/16 trust', [[1, null], [2, null], [3, [1, 2]]]],
    ['a split needs every part to cover the other dimensions', 'hostssl all all 10.0.0.0/8 md5\nhostnossl all all 10.0.0.0/9 reject\nhost all all 10.0.0.0/8 trust', [[1, null], [2, null], [3, null]]],
    ['a group covers only the identical group', 'host all +admins 0.0.0.0/0 reject\nhost all alice 0.0.0.0/0 md5\nhost all +admins 10.0.0.0/8 md5\nhost all +ops 10.0.0.0/8 md5', [[1, null], [2, null], [3, [1]], [4, null]]],
    ['a literal does not cover a group', 'host all alice 0.0.0.0/0 reject\nhost all +alice 0.0.0.0/0 md5', [[1, null], [2, null]]],
    ['a quoted "all" user is a literal', 'host all "all" 10.0.0.0/8 reject\nhost all bob 10.0.0.0/8 md5\nhost all all 10.0.0.0/8 reject\nhost all "all" 10.0.0.0/8 md5\nhost all "all" 10.0.0.0/7 md5', [[1, null], [2, null], [3, null], [4, [1]], [5, null]]],
    ['sameuser and samerole', 'host sameuser all 10.0.0.0/8 md5\nhost all all 10.0.0.0/8 md5\nhost sameuser all 10.0.0.0/8 md5\nhost samegroup all 10.0.0.0/8 md5', [[1, null], [2, null], [3, [1]], [4, [2]]]],
    ['a literal database does not cover sameuser', 'host alice alice 10.0.0.0/8 reject\nhost sameuser alice 10.0.0.0/8 md5', [[1, null], [2, null]]],
    ['database lists: every token must be covered', 'host a,b all 10.0.0.0/8 reject\nhost b all 10.1.0.0/16 md5\nhost b,c all 10.1.0.0/16 md5', [[1, null], [2, [1]], [3, null]]],
    ['samehost and samenet cover only themselves', 'host all all samehost reject\nhost all all samehost md5\nhost all all 127.0.0.1/32 md5\nhost all all samenet md5', [[1, null], [2, [1]], [3, null], [4, null]]],
    ['an IPv4 world record does not cover samehost', 'host all all 0.0.0.0/0 reject\nhost all all samehost md5', [[1, null], [2, null]]],
    ['host names: identical (case-insensitive) only', 'host all all db.example.com reject\nhost all all DB.Example.com md5\nhost all all .example.com md5\nhost all all x.example.com md5', [[1, null], [2, [1]], [3, null], [4, null]]],
    ['a suffix host name does not cover a name under it', 'host all all .example.com reject\nhost all all db.example.com md5', [[1, null], [2, null]]],
    ['local records only cover local records', 'local all all reject\nhost all all 127.0.0.1/32 md5\nlocal sales app peer', [[1, null], [2, null], [3, [1]]]],
    ['netmask form and host bits set', 'host all all 10.0.0.0 255.0.0.0 reject\nhost all all 10.1.2.3/32 md5\nhost all all 172.16.9.9/12 reject\nhost all all 172.31.0.0/16 md5', [[1, null], [2, [1]], [3, null], [4, [3]]]],
    ['a non-contiguous netmask', 'host all all 10.0.0.1 255.0.0.255 reject\nhost all all 10.9.9.1/32 md5\nhost all all 10.9.9.2/32 md5\nhost all all 10.0.0.0/8 md5', [[1, null], [2, [1]], [3, null], [4, null]]],
    ['a non-contiguous mask does not cover a wider network with the same bits', 'host all all 10.0.0.0 255.0.0.255 reject\nhost all all 10.5.5.0/24 md5\nhost all all 10.5.5.0/32 md5\nhost all all 10.0.0.0/8 md5', [[1, null], [2, null], [3, [1]], [4, null]]],
    ['a record covered by a non-contiguous mask record of the same mask', 'host all all 10.0.0.1 255.0.0.255 reject\nhost all all 10.7.0.1 255.0.255.255 md5', [[1, null], [2, [1]]]],
    ['a wider prefix after a narrower one is reachable', 'host all all 10.1.0.0/16 reject\nhost all all 10.0.0.0/8 md5', [[1, null], [2, null]]],
    ['IPv6 prefixes', 'host all all 2001:db8::/32 reject\nhost all all 2001:db8:1::/48 md5\nhost all all 2001:db9::/48 md5\nhost all all ::0/0 reject\nhost all all 2001:db9::1/128 md5\nhost all all fe80::1/128 md5', [[1, null], [2, [1]], [3, null], [4, null], [5, [3]], [6, [4]]]],
    ['the earliest covering record is named', 'host all all 10.0.0.0/8 reject\nhost all all 10.0.0.0/16 reject\nhost all all 10.0.0.1/32 md5', [[1, null], [2, [1]], [3, [1]]]],
    ['problem lines are not records', 'host all all 0.0.0.0 reject\nhost all all 10.0.0.0/8 md5', [[2, null]]],
  ])('%s', (_name, text, expected) => {
    expect(reach(text)).toEqual(expected);
  });

  test('regex and @file tokens cover only themselves (16+)', () => {
    const t = 'host /^app all 10.0.0.0/8 reject\nhost app all 10.0.0.0/8 md5\nhost /^app all 10.1.0.0/16 md5';
    expect(reach(t, 16)).toEqual([[1, null], [2, null], [3, [1]]]);
    // before 16, /^app is a literal database name: still no claim about "app"
    expect(reach(t, 15)).toEqual([[1, null], [2, null], [3, [1]]]);
  });

  test('`\\` continuation joins lines from 14 on, and the shadowing changes with it', () => {
    const t = 'host all all 0.0.0.0/0 \\\nreject\nhost all all 10.0.0.0/8 md5';
    expect(reach(t, 14)).toEqual([[1, null], [3, [1]]]);
    expect(reach(t, 13)).toEqual([[3, null]]);
  });

  test('includes are records in order (16+)', () => {
    const hba = parse('include extra.conf\nhost all all 10.0.0.0/8 md5', 16, { '/data/extra.conf': 'host all all 0.0.0.0/0 reject\n' });
    const recs = analyzeHba(hba).records;
    expect(recs.map((r) => [r.line.file.path, r.line.line, r.reachable])).toEqual([
      ['data/extra.conf', 1, true],
      ['pg_hba.conf', 2, false],
    ]);
  });

  test('the analysis is computed once per file', () => {
    const hba = parse('host all all 10.0.0.0/8 md5');
    expect(analyzeHba(hba)).toBe(analyzeHba(hba));
  });
});

describe('analyzeHba: flags and exposure', () => {
  const info = (line: string, major: Major = 17): HbaRecordInfo => analyzeHba(parse(line, major)).records[0]!;

  test.each([
    '0.0.0.0/0',
    '0.0.0.0 0.0.0.0',
    '1.2.3.4/0',
    '0/0',
    '::/0',
    '::0/0',
    '0:0:0:0:0:0:0:0/0',
    '::ffff:0.0.0.0/0',
    ':: ::',
    'all',
  ])('%s is every address', (addr) => {
    const r = info(`host all all ${addr} md5`);
    expect(r.isWorld).toBe(true);
    expect(r.isLoopbackOnly).toBe(false);
  });

  test.each(['10.0.0.0/8', 'samehost', 'samenet', '"all"', 'db.example.com', '0.0.0.0/1', '::/1', '0.0.0.0 128.0.0.0'])('%s is not every address', (addr) => {
    expect(info(`host all all ${addr} md5`).isWorld).toBe(false);
  });

  test.each(['127.0.0.1/32', '127.0.0.0/8', '127.1.2.3/16', '127.0.0.1 255.255.255.255', '::1/128', '::1 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '::ffff:127.0.0.1/128', 'localhost'])(
    '%s is loopback only',
    (addr) => {
      expect(info(`host all all ${addr} trust`).isLoopbackOnly).toBe(true);
    },
  );

  test.each(['127.0.0.0/7', '::1/127', '::/0', 'samehost', 'samenet', '10.0.0.1/32', 'db.example.com', '.localhost', '::ffff:127.0.0.0/96'])('%s is not loopback only', (addr) => {
    expect(info(`host all all ${addr} trust`).isLoopbackOnly).toBe(false);
  });

  test('prefix length and family', () => {
    expect([info('host all all 10.0.0.0/8 md5').family, info('host all all 10.0.0.0/8 md5').prefixLength]).toEqual(['ipv4', 8]);
    expect(info('host all all 10.0.0.0 255.255.0.0 md5').prefixLength).toBe(16);
    expect(info('host all all 10.0.0.1 255.0.0.255 md5').prefixLength).toBe(16);
    expect([info('host all all fe80::/10 md5').family, info('host all all fe80::/10 md5').prefixLength]).toEqual(['ipv6', 10]);
    expect([info('host all all samenet md5').family, info('host all all samenet md5').prefixLength]).toEqual([null, null]);
    expect([info('local all all md5').family, info('local all all md5').isLocal]).toEqual([null, true]);
  });

  test.each([
    ['host all all 0.0.0.0/0 trust', 'any user (all) can connect to any database except replication (all) from any IPv4 address (0.0.0.0/0) with no password (trust)'],
    ['hostssl sales,hr app,+admins 10.20.0.0/16 scram-sha-256', 'user app or members of role admins (+admins) can connect to databases sales, hr from IPv4 network 10.20.0.0/16 over SSL with a SCRAM password (scram-sha-256)'],
    ['host replication rep 10.0.0.5/32 md5', 'user rep can connect to physical replication (replication) from IPv4 host 10.0.0.5 with an MD5 password (md5)'],
    ['host all all 10.1.2.3/8 password', 'any user (all) can connect to any database except replication (all) from IPv4 network 10.0.0.0/8 (10.1.2.3/8) with a cleartext password (password)'],
    ['host all all 10.0.0.0 255.0.0.0 md5', 'any user (all) can connect to any database except replication (all) from IPv4 network 10.0.0.0/8 (10.0.0.0 255.0.0.0) with an MD5 password (md5)'],
    ['local sameuser all peer', 'any user (all) can connect to the database named like the user (sameuser) through the local Unix socket as the operating-system user of the same name (peer)'],
    ['hostnossl all all samenet reject', 'connections by any user (all) to any database except replication (all) from any subnet the server is directly connected to (samenet) without SSL are rejected (reject)'],
    ['hostssl all all .example.com md5 clientcert=verify-full', 'any user (all) can connect to any database except replication (all) from any host whose DNS name ends in .example.com over SSL with an MD5 password (md5) plus a client certificate (clientcert=verify-full)'],
    ['host "all" "all" ::/0 cert', null],
    ['hostssl "all" "all" ::/0 cert', 'user "all" can connect to database "all" from any IPv6 address (::/0) over SSL with a client certificate (cert)'],
    ['host all a,b,c,d,e,f,g 10.0.0.0/24 md5', 'users a, b, c, d, e and 2 more can connect to any database except replication (all) from IPv4 network 10.0.0.0/24 with an MD5 password (md5)'],
  ])('%s', (line, exposure) => {
    const recs = analyzeHba(parse(line)).records;
    if (exposure === null) expect(recs).toEqual([]);
    else expect(recs[0]!.exposure).toBe(exposure);
  });

  test('regex users on 16 are described as regexes, before 16 as names', () => {
    expect(info('host all /^app 10.0.0.0/8 md5', 16).exposure).toMatch(/^users matching \/\^app \(regex\) can connect/);
    expect(info('host all /^app 10.0.0.0/8 md5', 15).exposure).toMatch(/^user \/\^app can connect/);
  });
});

/* --------------------------------------------------- a concrete oracle for reachability */

// The oracle (sampled concrete connections, a transcription of check_hba) is in
// test/support/hba-reach-oracle.ts; the corpus is checked with it by test/corpus/rules-hba.corpus.test.ts.
describe('analyzeHba against a concrete oracle', () => {
  test('random files: no record is wrongly declared unreachable', () => {
    const rnd = seeded(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const types = ['host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc', 'local'];
    const dbs = ['all', 'replication', 'sameuser', 'samerole', 'sales', 'hr', 'sales,hr', '"all"', 'all,replication', '/^s'];
    const users = ['all', 'app', 'bob', '+admins', 'app,bob', '"all"', '/^a'];
    const addrs = ['0.0.0.0/0', '10.0.0.0/8', '10.1.0.0/16', '10.1.2.3/32', '10.128.0.0/9', '10.0.0.0 255.0.0.0', '10.0.0.1 255.0.0.255', '::/0', '2001:db8::/32', '::1/128', 'all', 'samehost', 'samenet', 'db.example.com', '.example.com', '127.0.0.1/32'];
    let unreachable = 0;
    for (let f = 0; f < 150; f++) {
      const lines: string[] = [];
      const n = 5 + Math.floor(rnd() * 25);
      for (let i = 0; i < n; i++) {
        const t = pick(types);
        const method = pick(['reject', 'md5', 'scram-sha-256', 'trust']);
        lines.push(t === 'local' ? `local ${pick(dbs)} ${pick(users)} ${method}` : `${t} ${pick(dbs)} ${pick(users)} ${pick(addrs)} ${method}`);
      }
      const hba = parse(lines.join('\n'), 17);
      expect(hba.lines.filter((l) => l.problem).map((l) => l.problem!.message)).toEqual([]);
      unreachable += checkOracle(hba);
    }
    expect(unreachable).toBeGreaterThan(100); // the oracle did check something
  });

  test('50,000 records', () => {
    const lines: string[] = [];
    const addr = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`;
    for (let i = 0; i < 25000; i++) lines.push(`host db${i % 50} u${i} ${addr(i)} scram-sha-256`);
    lines.push('host all all 0.0.0.0/0 reject');
    for (let i = 0; i < 24000; i++) lines.push(`hostssl db${i % 7},x u${i % 1000},+g ${addr(i + 30000)} md5`);
    for (let i = 0; i < 999; i++) lines.push(`host all all 2001:db8::${i.toString(16)}/128 md5`);
    const hba = parse(lines.join('\n'));
    const a = analyzeHba(hba);
    expect(a.records).toHaveLength(50000);
    expect(a.records.slice(0, 25001).every((r) => r.reachable)).toBe(true);
    expect(a.records.slice(25001, 49001).every((r) => !r.reachable && r.shadowedBy?.line.line === 25001)).toBe(true);
    expect(a.records.slice(49001).every((r) => r.reachable)).toBe(true);
    // duplicates of earlier records, appended: unreachable, shadowed by the original
    const dup = parse([...lines, 'host db3 u3 10.0.0.3/32 md5', 'host all all 2001:db8::5/128 trust'].join('\n'));
    const tail = analyzeHba(dup).records.slice(-2);
    expect(tail.map((r) => r.shadowedBy?.line.line)).toEqual([4, 25001 + 24000 + 6]);
  });
});

describe('exposure model: private, partly private and public ranges', () => {
  test.each<[string, 'private' | 'mixed' | 'public', string | null]>([
    ['10.0.0.0/8', 'private', null],
    ['172.16.0.0/12', 'private', null],
    ['172.31.255.0/24', 'private', null],
    ['192.168.0.0/16', 'private', null],
    ['100.64.0.0/10', 'private', null],
    ['169.254.0.0/16', 'private', null],
    ['fd12:3456::/32', 'private', null],
    ['fe80::/10', 'private', null],
    ['::ffff:10.1.0.0/112', 'private', null],
    ['::ffff:8.8.8.0/120', 'public', null],
    ['8.8.8.8/32', 'public', null],
    ['2001:db8::/32', 'public', null],
    ['172.0.0.0/8', 'mixed', 'x is not all private address space: only 172.16.0.0/12 (RFC 1918) inside it is private, the rest is public'],
    ['10.0.0.0/7', 'mixed', 'x is not all private address space: only 10.0.0.0/8 (RFC 1918) inside it is private, the rest is public'],
    ['192.0.0.0/8', 'mixed', 'x is not all private address space: only 192.168.0.0/16 (RFC 1918) inside it is private, the rest is public'],
    ['fc00::/6', 'mixed', 'x is not all private address space: only fc00::/7 (unique local, RFC 4193) and fe80::/10 (link-local) inside it are private, the rest is public'],
  ])('%s is %s', (cidr, reach, note) => {
    const n = parseNetwork(cidr)!;
    expect(classifyRange(n, 'x')).toEqual({ reach, note });
  });
});
