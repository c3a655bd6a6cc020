import { afterAll, describe, expect, test } from '@jest/globals';
import hbaCleartextPassword from '../rules/hba-cleartext-password.js';
import hbaHostsslWithoutSsl from '../rules/hba-hostssl-without-ssl.js';
import hbaMd5 from '../rules/hba-md5.js';
import hbaOpenToWorld from '../rules/hba-open-to-world.js';
import hbaReplicationOpen from '../rules/hba-replication-open.js';
import hbaTrustRemote from '../rules/hba-trust-remote.js';
import hbaUnreachableRecord from '../rules/hba-unreachable-record.js';
import hbaWideNetwork from '../rules/hba-wide-network.js';
import listenOnAllAddresses from '../rules/listen-on-all-addresses.js';
import sslDisabled from '../rules/ssl-disabled.js';
import { HBA_RULES } from '../rules/index-hba.js';
import { RULES } from '../rules/index.js';
import { analyzeHba, parseNetwork } from '../src/analysis/hba.js';
import { classifyRange } from '../src/analysis/exposure.js';
import type { HbaRecordInfo } from '../src/analysis/hba.js';
import type { Major } from '../src/catalog/types.js';
import { parsePgHba } from '../src/parse/pg-hba.js';
import type { HbaFile } from '../src/parse/pg-hba.js';
import { createSourceFile } from '../src/source/source.js';
import { ruleTester } from './support/rule-tester.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';
import { checkOracle, seeded } from './support/hba-reach-oracle.js';
import { memIO } from './support/mem-io.js';

afterAll(cleanupFixtures);

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

/* ---------------------------------------------------------------- rules */

ruleTester(hbaOpenToWorld, {
  valid: [
    { code: 'host all all 10.0.0.0/8 scram-sha-256' },
    { code: 'host all all 0.0.0.0/0 reject' },
    { name: 'shadowed by an earlier reject', code: 'host all all 0.0.0.0/0 reject\nhost all all 0.0.0.0/0 trust\nhost all app 0.0.0.0 0.0.0.0 password' },
    { name: 'hostssl after host with the same fields', code: 'host all all ::/0 reject\nhostssl all all ::0/0 scram-sha-256' },
    { code: 'local all all trust' },
    { code: 'host all all samenet trust' },
    { name: 'a quoted "all" is a host name', code: 'host all all "all" scram-sha-256' },
    { name: 'a line PostgreSQL rejects', code: 'host all all 0.0.0.0 trust' },
    { name: 'hostgssenc before 12 is rejected', code: 'hostgssenc all all 0.0.0.0/0 trust', pgVersion: 11 },
    { name: 'continuation before 14 is rejected', code: 'host all all 0.0.0.0/0 \\\ntrust', pgVersion: 13 },
    { name: 'allowed network', code: 'host app app 0.0.0.0/0 scram-sha-256', options: { allowedNetworks: ['0.0.0.0/0'] } },
    { name: 'a template placeholder in the address is looked up as a host name and never matches', code: 'host all all ${DOCKER_SUBNET} trust\nhost all all {{ pg_subnet }} md5' },
    { name: 'hostssl while ssl is off can never match', code: { 'pg_hba.conf': 'hostssl all all 0.0.0.0/0 md5', 'postgresql.conf': 'ssl = off' } },
  ],
  invalid: [
    {
      code: 'host all all 0.0.0.0/0 trust',
      errors: [
        {
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 23,
          severity: 'error',
          message:
            'open to every address: any user (all) can connect to any database except replication (all) from any IPv4 address (0.0.0.0/0) with no password (trust); anyone who can reach the port logs in as any listed user, with no password',
        },
      ],
    },
    {
      code: 'host sales app ::/0 scram-sha-256',
      errors: [{ line: 1, column: 16, endColumn: 20, severity: 'warning', message: 'open to every address: user app can connect to database sales from any IPv6 address (::/0) with a SCRAM password (scram-sha-256); anyone who can reach the port can guess passwords' }],
    },
    { code: 'host sales app ::0/0 scram-sha-256', errors: [{ line: 1, column: 16, endColumn: 21, severity: 'warning' }] },
    { code: 'host sales app 0:0:0:0:0:0:0:0/0 scram-sha-256', errors: [{ line: 1, column: 16, endColumn: 33, severity: 'warning' }] },
    { code: 'host sales app 1.2.3.4/0 scram-sha-256', errors: [{ line: 1, column: 16, endColumn: 25, severity: 'warning' }] },
    { name: 'netmask form: the address and mask columns', code: 'host sales app 0.0.0.0 0.0.0.0 md5', errors: [{ line: 1, column: 16, endColumn: 31, severity: 'error', message: /from any IPv4 address \(0\.0\.0\.0 0\.0\.0\.0\) with an MD5 password/ }] },
    { name: 'IPv6 netmask form', code: 'host sales app :: :: md5', errors: [{ line: 1, column: 16, endColumn: 21, severity: 'error' }] },
    { code: 'hostssl sales app all cert', errors: [{ line: 1, column: 19, endColumn: 22, severity: 'info', message: /from any address \(all\) over SSL with a client certificate \(cert\); only clients holding the required certificate or Kerberos ticket get in$/ }] },
    { name: 'password is an error', code: 'host sales app 0.0.0.0/0 password', errors: [{ line: 1, column: 16, severity: 'error' }] },
    { name: 'replication is an error', code: 'host replication rep 0.0.0.0/0 scram-sha-256', errors: [{ line: 1, column: 22, severity: 'error', message: /^open to every address: user rep can connect to physical replication \(replication\)/ }] },
    {
      name: 'not on line 1, after a record it is not shadowed by',
      code: '# TYPE DATABASE USER ADDRESS METHOD\nlocal all all peer\nhost all all 10.0.0.0/8 reject\n\nhost  all  all  0.0.0.0/0  md5  # legacy\n',
      errors: [{ line: 5, column: 17, endLine: 5, endColumn: 26, severity: 'error' }],
    },
    {
      name: 'two findings',
      code: 'host all all 0.0.0.0/0 md5\nhost all all ::/0 md5',
      errors: [
        { line: 1, column: 14, endColumn: 23, severity: 'error' },
        { line: 2, column: 14, endColumn: 18, severity: 'error' },
      ],
    },
    { name: 'continuation (14+)', code: 'host all all 0.0.0.0/0 \\\ntrust', pgVersion: 14, errors: [{ line: 1, column: 14, endColumn: 23, severity: 'error', message: /with no password \(trust\); anyone who can reach the port logs in/ }] },
    { name: 'regex user (16+)', code: 'host all /^app 0.0.0.0/0 scram-sha-256', pgVersion: 16, errors: [{ line: 1, column: 16, severity: 'warning', message: /^open to every address: users matching \/\^app \(regex\) can connect/ }] },
    { name: 'the same user before 16 is a literal name', code: 'host all /^app 0.0.0.0/0 scram-sha-256', pgVersion: 15, errors: [{ line: 1, column: 16, severity: 'warning', message: /^open to every address: user \/\^app can connect/ }] },
    { name: 'hostgssenc (12+)', code: 'hostgssenc all app 0.0.0.0/0 gss', pgVersion: 12, errors: [{ line: 1, column: 20, severity: 'info', message: /over GSSAPI encryption with Kerberos\/GSSAPI \(gss\); only clients/ }] },
    {
      name: 'users from an @file',
      code: { 'pg_hba.conf': 'host all @admins.txt 0.0.0.0/0 md5', 'admins.txt': '# admins\nalice, bob\n' },
      errors: [{ line: 1, column: 22, endColumn: 31, severity: 'error', message: /^open to every address: users alice, bob can connect/ }],
    },
    {
      name: 'a superuser raises one level',
      code: 'hostssl all postgres 0.0.0.0/0 scram-sha-256\nhostssl all app,postgres ::/0 cert',
      errors: [
        { line: 1, column: 22, severity: 'error', message: /; anyone who can reach the port can guess passwords \(rated higher: it names a superuser\)$/ },
        { line: 2, column: 26, severity: 'warning', message: /\(rated higher: it names a superuser\)$/ },
      ],
    },
    { name: 'trust with clientcert=verify-ca from every address', code: 'hostssl all all 0.0.0.0/0 trust clientcert=verify-ca', errors: [{ line: 1, column: 17, severity: 'warning', message: /; anyone holding a certificate from the trusted CA logs in as any listed user, with no password$/ }] },
    { name: 'trust with clientcert=verify-full from every address is certificate authentication', code: 'hostssl all all 0.0.0.0/0 trust clientcert=verify-full', errors: [{ line: 1, column: 17, severity: 'info' }] },
    { name: 'the superusers option', code: 'hostssl all admin 0.0.0.0/0 scram-sha-256', options: { superusers: ['admin'] }, errors: [{ line: 1, column: 19, severity: 'error' }] },
    { name: 'hostssl while ssl is on', code: { 'pg_hba.conf': 'hostssl all all 0.0.0.0/0 scram-sha-256', 'postgresql.conf': 'ssl = on' }, errors: [{ line: 1, column: 17, severity: 'warning' }] },
    {
      name: 'ident over TCP from every address is no authentication',
      code: 'host all all 0.0.0.0/0 ident',
      errors: [{ line: 1, column: 14, severity: 'error', message: /; anyone who can reach the port names the user through their own ident server: no authentication$/ }],
    },
    { name: 'ldap over a required encrypted channel', code: 'hostssl all all 0.0.0.0/0 ldap ldapserver=ldap.example.com ldapprefix="cn=" ldapsuffix=",dc=example"', errors: [{ line: 1, column: 17, severity: 'warning', message: /the password itself travels encrypted$/ }] },
    {
      name: 'in an included file (16+)',
      code: { 'pg_hba.conf': 'local all all peer\ninclude extra.conf\n', 'extra.conf': 'host all all 0.0.0.0/0 trust\n' },
      pgVersion: 16,
      errors: [{ file: 'extra.conf', line: 1, column: 14, endColumn: 23 }],
    },
  ],
});

ruleTester(listenOnAllAddresses, {
  valid: [
    { code: "listen_addresses = 'localhost'" },
    { code: "listen_addresses = '10.0.0.5, localhost'" },
    { code: 'listen_addresses = localhost' },
    { code: "listen_addresses = ''" },
    { code: "#listen_addresses = '*'\nport = 5432" },
    { name: 'not set: the default is localhost', code: { 'postgresql.conf': 'port = 5432', 'pg_hba.conf': 'host all all 0.0.0.0/0 trust' } },
    { name: 'overridden in postgresql.auto.conf', code: { 'postgresql.conf': "listen_addresses = '*'", 'postgresql.auto.conf': "listen_addresses = 'localhost'" } },
  ],
  invalid: [
    {
      code: "listen_addresses = '*'",
      errors: [
        {
          line: 1,
          column: 21,
          endLine: 1,
          endColumn: 22,
          severity: 'info',
          message: "listen_addresses = '*' accepts TCP connections on every network interface (all IPv4 and IPv6 addresses): pg_hba.conf and the firewall are the only protection",
        },
      ],
    },
    { code: "port = 5432\nlisten_addresses = 'localhost, 0.0.0.0'", errors: [{ line: 2, column: 32, endColumn: 39, severity: 'info', message: /on every IPv4 interface:/ }] },
    { code: "listen_addresses = '::'", errors: [{ line: 1, column: 21, endColumn: 23, message: /on every IPv6 interface:/ }] },
    { name: 'a quoted list element', code: "listen_addresses = '\"*\"'", errors: [{ line: 1, column: 21, endColumn: 24 }] },
    {
      name: 'warning when pg_hba.conf is open to every address',
      code: { 'postgresql.conf': "listen_addresses = '*'", 'pg_hba.conf': 'local all all peer\nhost all all 0.0.0.0/0 scram-sha-256' },
      errors: [
        {
          line: 1,
          column: 21,
          severity: 'warning',
          message:
            "listen_addresses = '*' accepts TCP connections on every network interface (all IPv4 and IPv6 addresses), and pg_hba.conf:2 is open to every address: any user (all) can connect to any database except replication (all) from any IPv4 address (0.0.0.0/0) with a SCRAM password (scram-sha-256)",
        },
      ],
    },
    {
      name: 'info when the open record is shadowed',
      code: { 'postgresql.conf': "listen_addresses = '*'", 'pg_hba.conf': 'host all all 0.0.0.0/0 reject\nhost all all 0.0.0.0/0 trust' },
      errors: [{ line: 1, column: 21, severity: 'info' }],
    },
    {
      name: 'info when the world-open record is hostssl while ssl is off, or holds a placeholder',
      code: { 'postgresql.conf': "listen_addresses = '*'\nssl = off", 'pg_hba.conf': 'hostssl all all 0.0.0.0/0 scram-sha-256\nhost all all ${ANY} md5\nhost all all 0.0.0.0/0 reject' },
      errors: [{ line: 1, column: 21, severity: 'info' }],
    },
    {
      name: 'set in postgresql.auto.conf',
      code: { 'postgresql.conf': "listen_addresses = 'localhost'", 'postgresql.auto.conf': "# Do not edit this file manually!\nlisten_addresses = '*'" },
      errors: [{ file: 'postgresql.auto.conf', line: 2, column: 21, severity: 'info' }],
    },
    {
      name: 'two clusters, two findings',
      code: { 'a/postgresql.conf': "listen_addresses = '*'", 'b/postgresql.conf': "port = 5433\nlisten_addresses = '0.0.0.0'" },
      errors: [
        { file: 'a/postgresql.conf', line: 1, column: 21 },
        { file: 'b/postgresql.conf', line: 2, column: 21 },
      ],
    },
  ],
});

ruleTester(hbaTrustRemote, {
  valid: [
    { code: 'host all all 127.0.0.1/32 trust' },
    { code: 'host all all 127.0.0.0/8 trust' },
    { code: 'host all all ::1/128 trust' },
    { code: 'host all all 127.0.0.1 255.255.255.255 trust' },
    { code: 'host all all ::ffff:127.0.0.1/128 trust' },
    { code: 'host all all localhost trust' },
    { code: 'local all all trust' },
    { code: 'host all all 10.0.0.0/8 scram-sha-256' },
    { name: 'shadowed', code: 'host all all 10.0.0.0/8 reject\nhost all all 10.1.0.0/16 trust' },
    { name: 'allowed network', code: 'host all all 10.1.0.0/16 trust', options: { allowedNetworks: ['10.0.0.0/8'] } },
    { name: 'a template placeholder (left to unrendered-template)', code: 'host all all ${DOCKER_SUBNET} trust\nhost all all @@NET@@ trust' },
    { name: 'clientcert=verify-full: certificate authentication', code: 'hostssl all all 10.0.0.0/8 trust clientcert=verify-full' },
  ],
  invalid: [
    {
      code: 'host all all 10.0.0.0/8 trust',
      errors: [
        {
          line: 1,
          column: 25,
          endLine: 1,
          endColumn: 30,
          message:
            'trust on a network record: any user (all) can connect to any database except replication (all) from IPv4 network 10.0.0.0/8 with no password (trust); anyone who can connect from there can name any of these users and is let in',
        },
      ],
    },
    { code: 'host all all samehost trust', errors: [{ line: 1, column: 23, endColumn: 28, message: /from any of the server's own IP addresses \(samehost\)/ }] },
    { code: 'host sales app samenet trust', errors: [{ line: 1, column: 24, endColumn: 29 }] },
    { code: 'hostssl all all .example.com trust', errors: [{ line: 1, column: 30, endColumn: 35 }] },
    { code: 'host all all 127.0.0.0/7 trust', errors: [{ line: 1, column: 26 }] },
    { name: 'clientcert=verify-ca: any certificate holder names any user', code: 'hostssl all all 10.0.0.0/8 trust clientcert=verify-ca', errors: [{ line: 1, column: 28, severity: 'warning', message: /^trust on a network record with clientcert=verify-ca: .*; anyone there holding a certificate from the trusted CA can name any of these users/ }] },
    { name: 'a range that looks private', code: 'host all all 172.0.0.0/8 trust', errors: [{ line: 1, column: 26, message: /with no password \(trust\) \(172\.0\.0\.0\/8 is not all private address space: only 172\.16\.0\.0\/12 \(RFC 1918\) inside it is private, the rest is public\); anyone/ }] },
    { code: 'host all all ::1/127 trust', errors: [{ line: 1, column: 22 }] },
    {
      name: 'two findings, not on line 1',
      code: 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all 0.0.0.0/0 trust\nhost all all ::/0 trust',
      errors: [
        { line: 3, column: 24, endColumn: 29 },
        { line: 4, column: 19, endColumn: 24 },
      ],
    },
  ],
});

ruleTester(hbaCleartextPassword, {
  valid: [
    { code: 'local all app password' },
    { code: 'host all app 10.0.0.0/8 scram-sha-256' },
    { name: 'shadowed', code: 'host all all 0.0.0.0/0 reject\nhost all app 10.0.0.0/8 password' },
  ],
  invalid: [
    {
      code: 'host all app 10.0.0.0/8 password',
      errors: [
        {
          line: 1,
          column: 25,
          endLine: 1,
          endColumn: 33,
          severity: 'error',
          message:
            'cleartext password on a record that accepts unencrypted connections: user app can connect to any database except replication (all) from IPv4 network 10.0.0.0/8 with a cleartext password (password); the client sends the password itself and the server compares it with the stored password, and anyone on the network path can read it',
        },
      ],
    },
    { code: 'hostssl all app 10.0.0.0/8 password', errors: [{ line: 1, column: 28, endColumn: 36, severity: 'info', message: /^cleartext password over an encrypted connection: .* over SSL with a cleartext password/ }] },
    { code: 'hostnossl all app 10.0.0.0/8 password', errors: [{ line: 1, column: 30, severity: 'error' }] },
    { code: 'hostgssenc all app 10.0.0.0/8 password', pgVersion: 12, errors: [{ line: 1, column: 31, severity: 'info' }] },
    { code: 'hostnogssenc all app 10.0.0.0/8 password', pgVersion: 18, errors: [{ line: 1, column: 33, severity: 'error' }] },
    {
      name: 'two findings, not on line 1',
      code: '\n\nhost all app 127.0.0.1/32 password\nhostssl all all all password',
      errors: [
        { line: 3, column: 27, severity: 'warning', message: /^cleartext password on a loopback-only record: .*; it never leaves the machine, but a local user allowed to capture loopback traffic \(root, CAP_NET_RAW\) reads it$/ },
        { line: 4, column: 21, endColumn: 29, severity: 'info' },
      ],
    },
    {
      name: 'ldap, pam, radius, bsd send the password in cleartext too',
      code: 'host all a 10.0.0.0/8 ldap ldapserver=ldap.example.com ldapprefix="cn=" ldapsuffix=",dc=example"\nhost all b 10.0.0.0/8 pam\nhostssl all c 10.0.0.0/8 radius radiusservers=r.example.com radiussecrets=s\nhost all d samehost pam',
      errors: [
        { line: 1, column: 23, endColumn: 27, severity: 'error', message: /with a password checked by LDAP \(ldap\); the client sends the password itself and the server passes it on to the LDAP server \(in cleartext unless ldaptls=1 or ldaps\), and anyone on the network path can read it$/ },
        { line: 2, column: 23, severity: 'error', message: /passes it on to PAM, and anyone on the network path/ },
        { line: 3, column: 26, severity: 'info', message: /^cleartext password over an encrypted connection: .*RADIUS server, so a client that does not verify/ },
        { line: 4, column: 21, severity: 'warning', message: /^cleartext password on a loopback-only record: .*\(samehost\)/ },
      ],
    },
  ],
});

ruleTester(hbaMd5, {
  valid: [
    { code: 'host all app 10.0.0.0/8 scram-sha-256' },
    { name: 'shadowed', code: 'host all all 0.0.0.0/0 reject\nhost all all 10.0.0.0/8 md5' },
    { name: 'a template placeholder in the address (left to unrendered-template)', code: 'host all all ${DOCKER_SUBNET} md5' },
    { name: 'hostssl while ssl is off (left to hba-hostssl-without-ssl)', code: { 'pg_hba.conf': 'hostssl all app 10.0.0.0/8 md5', 'postgresql.conf': 'ssl = off' } },
  ],
  invalid: [
    {
      code: 'host all app 10.0.0.0/8 md5',
      errors: [
        {
          line: 1,
          column: 25,
          endLine: 1,
          endColumn: 28,
          severity: 'warning',
          message:
            'md5 method: user app can connect to any database except replication (all) from IPv4 network 10.0.0.0/8 with an MD5 password (md5); with password_encryption = scram-sha-256 by default in PostgreSQL 17 (no postgresql.conf in this cluster), roles whose password is stored as SCRAM are checked with SCRAM automatically, but a role whose password is still an MD5 hash (set before the switch, or given pre-hashed) logs in with the MD5 challenge, and that hash alone is enough to log in; MD5 passwords are deprecated from PostgreSQL 18',
        },
      ],
    },
    { code: 'host all app 10.0.0.0/8 md5', pgVersion: 18, errors: [{ line: 1, column: 25, message: /; MD5 passwords are deprecated in PostgreSQL 18 and will be removed$/ }] },
    {
      name: 'before 14 the default password_encryption is md5: new passwords are MD5 hashes',
      code: { 'pg_hba.conf': 'host all app 10.0.0.0/8 md5', 'postgresql.conf': 'port = 5432' },
      pgVersion: 13,
      errors: [{ line: 1, column: 25, message: /; with password_encryption = md5, the default of PostgreSQL 13, new and changed passwords are stored as MD5 hashes and checked with the MD5 challenge: a stolen hash alone is enough to log in;/ }],
    },
    {
      name: 'password_encryption set in postgresql.conf',
      code: { 'pg_hba.conf': 'host all app 10.0.0.0/8 md5', 'postgresql.conf': "port = 5432\npassword_encryption = 'scram-sha-256'" },
      pgVersion: 13,
      errors: [{ line: 1, column: 25, message: /; with password_encryption = 'scram-sha-256' at postgresql\.conf:2, roles whose password is stored as SCRAM are checked with SCRAM automatically/ }],
    },
    {
      name: 'password_encryption = md5 on 17',
      code: { 'pg_hba.conf': 'host all app 10.0.0.0/8 md5', 'postgresql.conf': 'password_encryption = md5' },
      errors: [{ line: 1, column: 25, message: /; with password_encryption = md5 at postgresql\.conf:1, new and changed passwords are stored as MD5 hashes/ }],
    },
    {
      name: 'local socket and loopback: information',
      code: 'local all all md5\nhost replication rep 10.0.0.5/32 scram-sha-256\nhostssl all app ::/0 md5\nhost all all 127.0.0.1/32 md5',
      errors: [
        { line: 1, column: 15, endColumn: 18, severity: 'info' },
        { line: 3, column: 22, endColumn: 25, severity: 'warning' },
        { line: 4, column: 27, severity: 'info' },
      ],
    },
  ],
});

ruleTester(hbaWideNetwork, {
  valid: [
    { code: 'host all all 10.20.0.0/16 scram-sha-256' },
    { code: 'host all all 2001:db8:1234::/48 scram-sha-256' },
    { name: 'every address is left to hba-open-to-world', code: 'host all all 0.0.0.0/0 md5' },
    { code: 'host all all 10.0.0.0/8 reject' },
    { name: 'loopback', code: 'host all all 127.0.0.1/8 trust' },
    { name: 'non-contiguous mask with 16 bits', code: 'host all all 10.0.0.1 255.0.0.255 md5' },
    { name: 'shadowed', code: 'host all all 0.0.0.0/0 reject\nhost all all 10.0.0.0/8 md5' },
    { name: 'threshold option', code: 'host all all 10.0.0.0/8 md5', options: { ipv4Prefix: 8 } },
    { name: 'allowed network', code: 'host all all 10.0.0.0/8 md5', options: { allowedNetworks: ['10.0.0.0/8'] } },
    { code: 'host all all samenet md5' },
  ],
  invalid: [
    {
      code: 'host all app 10.0.0.0/8 scram-sha-256',
      errors: [
        {
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 24,
          severity: 'info',
          message:
            'wide network (16,777,216 addresses, wider than /16, private address space): user app can connect to any database except replication (all) from IPv4 network 10.0.0.0/8 with a SCRAM password (scram-sha-256)',
        },
      ],
    },
    { name: 'netmask form', code: 'host all app 10.0.0.0 255.0.0.0 scram-sha-256', errors: [{ line: 1, column: 14, endColumn: 32 }] },
    { name: 'non-contiguous mask', code: 'host all app 10.0.0.1 255.0.0.1 md5', errors: [{ line: 1, column: 14, endColumn: 32, severity: 'warning', message: /^wide network \(8,388,608 addresses, wider than \/16, private address space\)/ }] },
    {
      name: 'a range that looks private but covers public space',
      code: 'host all app 172.0.0.0/8 scram-sha-256\nhost all app 10.0.0.0/7 scram-sha-256\nhostssl all app 0.0.0.0/1 cert',
      errors: [
        {
          line: 1,
          column: 14,
          severity: 'warning',
          message:
            'wide network (16,777,216 addresses, wider than /16): user app can connect to any database except replication (all) from IPv4 network 172.0.0.0/8 with a SCRAM password (scram-sha-256) (172.0.0.0/8 is not all private address space: only 172.16.0.0/12 (RFC 1918) inside it is private, the rest is public)',
        },
        { line: 2, column: 14, severity: 'warning', message: /\(10\.0\.0\.0\/7 is not all private address space: only 10\.0\.0\.0\/8 \(RFC 1918\) inside it is private, the rest is public\)$/ },
        { line: 3, column: 17, severity: 'warning', message: /only 10\.0\.0\.0\/8 \(RFC 1918\) and 100\.64\.0\.0\/10 \(carrier-grade NAT, RFC 6598\) inside it are private/ },
      ],
    },
    {
      name: 'public, carrier-grade NAT and ULA ranges',
      code: 'host all app 100.64.0.0/10 scram-sha-256\nhost all app fd00::/8 scram-sha-256\nhost all app 8.0.0.0/8 scram-sha-256\nhost all app 2001:db8::/32 scram-sha-256',
      errors: [
        { line: 1, column: 14, severity: 'info', message: /private address space/ },
        { line: 2, column: 14, severity: 'info', message: /private address space/ },
        { line: 3, column: 14, severity: 'warning', message: /^wide network \(16,777,216 addresses, wider than \/16\): / },
        { line: 4, column: 14, severity: 'warning', message: /^wide network \(2\^96 addresses, wider than \/48\): / },
      ],
    },
    {
      name: 'a weak method inside private space stays a warning; md5 over hostssl is information',
      code: 'hostssl all app 10.0.0.0/8 md5\nhost all app 10.0.0.0/8 md5',
      errors: [
        { line: 1, column: 17, severity: 'info' },
        { line: 2, column: 14, severity: 'warning' },
      ],
    },
    { code: 'host all app 2001:db8::/32 md5', errors: [{ line: 1, column: 14, endColumn: 27, message: /^wide network \(2\^96 addresses, wider than \/48\)/ }] },
    { name: 'threshold option', code: 'host all app 10.20.0.0/16 md5', options: { ipv4Prefix: 24 }, errors: [{ line: 1, column: 14, message: /wider than \/24/ }] },
    {
      name: 'two findings, not on line 1',
      code: 'local all all peer\nhost all app 172.16.0.0/12 md5\nhost all app 10.20.0.0/16 md5\nhost all app 192.168.0.0/15 md5',
      errors: [
        { line: 2, column: 14, endColumn: 27 },
        { line: 4, column: 14, endColumn: 28 },
      ],
    },
  ],
});

ruleTester(hbaReplicationOpen, {
  valid: [
    { code: 'host replication replicator 10.20.5.0/24 scram-sha-256' },
    { code: 'local replication all trust' },
    { code: 'host replication all 127.0.0.1/32 trust' },
    { code: 'host replication all ::1/128 trust' },
    { code: 'host all all 10.0.0.0/8 md5' },
    { name: 'a quoted "replication" is a database name', code: 'host "replication" all 10.0.0.0/8 md5' },
    { code: 'host replication all 0.0.0.0/0 reject' },
    { name: 'shadowed', code: 'host replication all 10.0.0.0/8 reject\nhost replication all 10.20.0.0/16 md5' },
    { name: 'allowed network', code: 'host replication all 10.20.5.0/24 md5', options: { allowedNetworks: ['10.20.0.0/16'] } },
  ],
  invalid: [
    {
      code: 'host replication all 10.20.5.0/24 scram-sha-256',
      errors: [
        {
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 17,
          message:
            'physical replication open for every user (all): any user (all) can connect to physical replication (replication) from IPv4 network 10.20.5.0/24 with a SCRAM password (scram-sha-256); a replication connection can copy the whole cluster',
        },
      ],
    },
    { code: 'host replication replicator 10.0.0.0/8 scram-sha-256', errors: [{ line: 1, column: 6, message: /^physical replication open from a network wider than \/16: / }] },
    { code: 'hostssl postgres,replication rep 0.0.0.0/0 cert', errors: [{ line: 1, column: 18, endColumn: 29, message: /^physical replication open from every address: / }] },
    { code: 'host replication all all md5', errors: [{ line: 1, column: 6, severity: 'error', message: /^physical replication open for every user \(all\) and from every address: / }] },
    { name: 'a strong method on a private network: warning', code: 'hostssl replication all 10.20.5.0/24 cert', errors: [{ line: 1, column: 9, severity: 'warning' }] },
    { name: 'cert from every address: warning; scram: error', code: 'hostssl replication rep 0.0.0.0/0 cert\nhostssl replication rep ::/0 scram-sha-256', errors: [{ line: 1, column: 9, severity: 'warning' }, { line: 2, column: 9, severity: 'error' }] },
    {
      name: 'two findings, not on line 1',
      code: 'local replication all peer\nhost replication all 10.1.1.1/32 md5\nhost replication rep 2001:db8::/32 md5',
      errors: [
        { line: 2, column: 6 },
        { line: 3, column: 6, message: /wider than \/48/ },
      ],
    },
  ],
});

ruleTester(hbaUnreachableRecord, {
  valid: [
    { code: 'host sales app 10.20.0.0/16 scram-sha-256\nhost all all 0.0.0.0/0 reject' },
    { name: 'host after hostssl', code: 'hostssl all all 10.0.0.0/8 scram-sha-256\nhost all all 10.0.0.0/8 reject' },
    { name: 'replication after all', code: 'host all all 10.0.0.0/8 md5\nhost replication all 10.0.0.0/8 md5' },
    { name: 'IPv6 after IPv4', code: 'host all all 0.0.0.0/0 reject\nhost all all ::/0 md5' },
    { name: 'split address coverage', code: 'host all all 10.0.0.0/9 reject\nhost all all 10.128.0.0/9 reject\nhost all all 10.0.0.0/8 md5' },
    { name: 'a group does not cover a user', code: 'host all +admins 0.0.0.0/0 reject\nhost all alice 0.0.0.0/0 md5' },
    { name: 'continuation is rejected before 14', code: 'host all all 0.0.0.0/0 \\\nreject\nhost all all 10.0.0.0/8 md5', pgVersion: 13 },
  ],
  invalid: [
    {
      code: 'host all all 0.0.0.0/0 reject\nhost sales app 10.20.0.0/16 trust',
      errors: [
        {
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 34,
          message:
            'unreachable record: line 1 (host all all 0.0.0.0/0 reject) already matches every connection it could match, and the first matching record wins; it grants nothing (so it is not checked for exposure)',
        },
      ],
    },
    { name: 'hostssl after host', code: 'host all all 10.0.0.0/8 md5\nhostssl all all 10.0.0.0/8 scram-sha-256 clientcert=verify-full', errors: [{ line: 2, column: 1, endColumn: 64, message: /^unreachable record: line 1 \(host all all 10\.0\.0\.0\/8 md5\) already matches/ }] },
    {
      name: 'the SSL split',
      code: 'hostssl all all 10.0.0.0/8 scram-sha-256\nhostnossl all all 10.0.0.0/8 reject\nhost all all 10.0.0.0/8 trust',
      errors: [
        {
          line: 3,
          column: 1,
          message:
            'unreachable record: line 1 (hostssl all all 10.0.0.0/8 scram-sha-256) for SSL connections and line 2 (hostnossl all all 10.0.0.0/8 reject) for non-SSL connections together already match every connection it could match, and the first matching record wins; it grants nothing (so it is not checked for exposure)',
        },
      ],
    },
    {
      name: 'two findings, with a continuation (14+)',
      code: '# deny everything else\nhost all all 0.0.0.0/0 \\\n  reject\nhost a a 10.0.0.0/8 md5\nhost b b 10.0.0.0/8 \\\n  md5',
      pgVersion: 14,
      errors: [
        { line: 4, column: 1, endLine: 4, endColumn: 24 },
        { line: 5, column: 1, endLine: 6, endColumn: 6, message: /^unreachable record: line 2 \(host all all 0\.0\.0\.0\/0 reject\)/ },
      ],
    },
    {
      name: 'shadowed by a record in an included file (16+)',
      code: { 'pg_hba.conf': 'include deny.conf\nhost all all 10.0.0.0/8 md5\n', 'deny.conf': 'host all all all reject\n' },
      pgVersion: 16,
      errors: [{ line: 2, column: 1, message: /^unreachable record: deny\.conf:1 \(host all all all reject\)/ }],
    },
  ],
});

ruleTester(hbaHostsslWithoutSsl, {
  valid: [
    { code: { 'pg_hba.conf': 'hostssl all app 10.0.0.0/8 scram-sha-256', 'postgresql.conf': 'ssl = on' } },
    { name: 'no postgresql.conf: not guessed', code: 'hostssl all app 10.0.0.0/8 scram-sha-256' },
    { name: 'host records only', code: { 'pg_hba.conf': 'host all app 10.0.0.0/8 scram-sha-256', 'postgresql.conf': 'ssl = off' } },
    { name: 'on in postgresql.auto.conf', code: { 'pg_hba.conf': 'hostssl all app 10.0.0.0/8 md5', 'postgresql.conf': 'ssl = off', 'postgresql.auto.conf': 'ssl = on' } },
    { name: 'shadowed', code: { 'pg_hba.conf': 'host all all 10.0.0.0/8 reject\nhostssl all app 10.0.0.0/8 md5', 'postgresql.conf': 'ssl = off' } },
    { name: 'a template placeholder (unrendered-template reports it)', code: { 'pg_hba.conf': 'hostssl all app ${APP_NET} md5', 'postgresql.conf': 'ssl = off' } },
  ],
  invalid: [
    {
      code: { 'pg_hba.conf': 'hostssl all app 10.0.0.0/8 scram-sha-256', 'postgresql.conf': 'ssl = off' },
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 8,
          message:
            'hostssl record can never match (ssl = off at postgresql.conf:1): user app can connect to any database except replication (all) from IPv4 network 10.0.0.0/8 over SSL with a SCRAM password (scram-sha-256) is refused or falls through to a later record',
        },
      ],
    },
    {
      name: 'ssl not set: the default is off',
      code: { 'pg_hba.conf': 'local all all peer\nhostssl all app 10.0.0.0/8 md5', 'postgresql.conf': 'port = 5432' },
      errors: [{ line: 2, column: 1, endColumn: 8, message: /^hostssl record can never match \(ssl is not set in postgresql\.conf, and the default is off\)/ }],
    },
    {
      name: 'two findings, ssl spelled no',
      code: { 'pg_hba.conf': 'hostssl all app 10.0.0.0/8 md5\nhostssl replication rep 10.0.0.5/32 cert', 'postgresql.conf': "port = 5432\nssl = 'no'" },
      pgVersion: 12,
      errors: [
        { line: 1, column: 1, message: /\(ssl = 'no' at postgresql\.conf:2\)/ },
        { line: 2, column: 1 },
      ],
    },
  ],
});

ruleTester(sslDisabled, {
  valid: [
    { code: { 'postgresql.conf': 'ssl = on', 'pg_hba.conf': 'host all app 10.0.0.0/8 scram-sha-256' } },
    { name: 'loopback only', code: { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'host all all 127.0.0.1/32 md5\nhost all all ::1/128 md5\nlocal all all peer' } },
    { name: 'reject', code: { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'host all all 0.0.0.0/0 reject' } },
    { name: 'hostssl and hostgssenc only', code: { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'hostssl all all 10.0.0.0/8 md5\nhostgssenc all all 10.0.0.0/8 gss' } },
    { name: 'shadowed', code: { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'host all all all reject\nhost all all 10.0.0.0/8 md5' } },
    { name: 'no pg_hba.conf', code: 'ssl = off' },
    { name: 'only a placeholder address', code: { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'host all all ${SUBNET} scram-sha-256\nhost all all 127.0.0.1/32 md5' } },
    { name: 'no postgresql.conf', code: { 'pg_hba.conf': 'host all all 10.0.0.0/8 md5' } },
  ],
  invalid: [
    {
      code: { 'postgresql.conf': 'ssl = off', 'pg_hba.conf': 'host all app 10.0.0.0/8 scram-sha-256' },
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 10,
          message:
            'ssl is off while pg_hba.conf:1 accepts unencrypted connections: user app can connect to any database except replication (all) from IPv4 network 10.0.0.0/8 with a SCRAM password (scram-sha-256); queries, results and credentials cross the network in cleartext',
        },
      ],
    },
    {
      name: 'ssl not set: reported at the start of postgresql.conf',
      code: { 'postgresql.conf': 'port = 5432', 'pg_hba.conf': 'local all all peer\nhostnossl all all samenet md5\nhost all all 10.0.0.0/8 md5' },
      errors: [{ line: 1, column: 1, endColumn: 1, message: /^ssl is off \(not set, and the default is off\) while pg_hba\.conf:2 accepts .* \(and 1 more such records\);/ }],
    },
    {
      name: 'two clusters, two findings, not on line 1',
      code: {
        'a/postgresql.conf': 'port = 5432\nssl = false',
        'a/pg_hba.conf': 'host all all 0.0.0.0/0 md5',
        'b/postgresql.conf': '\n\nssl = 0',
        'b/pg_hba.conf': 'hostnogssenc all all 10.0.0.0/8 md5',
      },
      errors: [
        { file: 'a/postgresql.conf', line: 2, column: 1, endColumn: 12 },
        { file: 'b/postgresql.conf', line: 3, column: 1, endColumn: 8 },
      ],
    },
  ],
});

/* ------------------------------------------------------------- the whole set */

describe('hba rules together', () => {
  test('an unreachable record is reported once, by hba-unreachable-record only; a record yields one finding', () => {
    const { findings } = lintTree({ 'pg_hba.conf': 'host all all 0.0.0.0/0 reject\nhost all all 10.0.0.0/8 trust\nhost replication all 10.0.0.0/8 password\n' }, { pgVersion: 17 }, HBA_RULES);
    expect(findings.map((f) => [f.rule, f.line, f.column, f.severity])).toEqual([
      ['hba-unreachable-record', 2, 1, 'warning'],
      ['hba-cleartext-password', 3, 33, 'error'],
    ]);
    expect(findings[1]!.message).toMatch(/; also physical replication open \(hba-replication-open\); a wide network \(hba-wide-network\)$/);
  });

  const lintHba = (text: string, rules: Record<string, 'off'> = {}, conf?: string) =>
    lintTree({ 'pg_hba.conf': text, ...(conf === undefined ? {} : { 'postgresql.conf': conf }) }, { pgVersion: 17, rules }, HBA_RULES).findings;

  test('host replication all 0.0.0.0/0 trust: one finding, the most severe, naming the others; turning it off lets the next report', () => {
    const text = 'local all all peer\nhost replication all 0.0.0.0/0 trust\n';
    const all = lintHba(text);
    expect(all.map((f) => [f.rule, f.line, f.column, f.severity])).toEqual([['hba-open-to-world', 2, 22, 'error']]);
    expect(all[0]!.message).toBe(
      'open to every address: any user (all) can connect to physical replication (replication) from any IPv4 address (0.0.0.0/0) with no password (trust); anyone who can reach the port logs in as any listed user, with no password; also trust: no password (hba-trust-remote); physical replication open (hba-replication-open)',
    );
    const next = lintHba(text, { 'hba-open-to-world': 'off' });
    expect(next.map((f) => [f.rule, f.line, f.column])).toEqual([['hba-trust-remote', 2, 32]]);
    expect(next[0]!.message).toMatch(/; also physical replication open \(hba-replication-open\)$/);
    const third = lintHba(text, { 'hba-open-to-world': 'off', 'hba-trust-remote': 'off' });
    expect(third.map((f) => [f.rule, f.line, f.column, f.severity])).toEqual([['hba-replication-open', 2, 6, 'error']]);
  });

  test('a suppressed finding takes no part: the next rule reports', () => {
    const text = '# pgconf-lint disable-next-line hba-open-to-world -- public read replica, firewalled\nhost all all 0.0.0.0/0 md5\n';
    const { result } = lintTree({ 'pg_hba.conf': text }, { pgVersion: 17 }, HBA_RULES);
    const shown = result.diagnostics.filter((d) => !d.suppressed);
    expect(shown.map((d) => [d.rule, d.severity])).toEqual([['hba-md5', 'warning']]);
    expect(shown[0]!.message).not.toMatch(/open to every address|hba-open-to-world/);
    expect(shown[0]!.message).toMatch(/; also every role to every database \(hba-all-users-all-databases\)$/);
  });

  test('severity from the exposure model, from every address', () => {
    const sev = (line: string): string[] => lintHba(line).map((f) => `${f.rule}:${f.severity}`);
    expect(sev('host all all 0.0.0.0/0 trust')).toEqual(['hba-open-to-world:error']);
    expect(sev('host all all 0.0.0.0/0 md5')).toEqual(['hba-open-to-world:error']);
    expect(sev('hostssl all all 0.0.0.0/0 md5')).toEqual(['hba-open-to-world:warning']);
    expect(sev('host all all 0.0.0.0/0 ident')).toEqual(['hba-open-to-world:error']);
    expect(sev('hostssl all all 0.0.0.0/0 scram-sha-256')).toEqual(['hba-open-to-world:warning']);
    expect(sev('hostssl all all 0.0.0.0/0 cert')).toEqual(['hba-open-to-world:info']);
    expect(sev('hostssl all all 0.0.0.0/0 scram-sha-256 clientcert=verify-full')).toEqual(['hba-open-to-world:info']);
    // a superuser or replication raises one level
    expect(sev('hostssl all postgres 0.0.0.0/0 scram-sha-256')).toEqual(['hba-open-to-world:error']);
    expect(sev('hostssl all postgres 0.0.0.0/0 cert')).toEqual(['hba-superuser-remote:error']);
    expect(sev('hostssl replication rep 0.0.0.0/0 cert')).toEqual(['hba-open-to-world:warning']);
    // postgres from the world is never rated lower than all users
    expect(sev('host all postgres 0.0.0.0/0 scram-sha-256')).toEqual(['hba-open-to-world:error']);
    expect(sev('host all all 0.0.0.0/0 scram-sha-256')).toEqual(['hba-open-to-world:warning']);
  });

  test('loopback records are never exposure errors', () => {
    const f = lintHba('host all all 127.0.0.1/32 password\nhost all postgres ::1/128 md5\nhost all all localhost trust\nlocal all all trust\n');
    expect(f.map((x) => [x.rule, x.line, x.severity])).toEqual([
      ['hba-cleartext-password', 1, 'warning'],
      ['hba-md5', 2, 'info'],
      ['hba-local-trust', 3, 'info'],
      ['hba-local-trust', 4, 'info'],
    ]);
  });

  test('a hostssl record while ssl is off gets only hba-hostssl-without-ssl (no open-to-world, md5 or listen-on-all escalation)', () => {
    const { findings } = lintTree(
      { 'pg_hba.conf': 'local all all peer\nhostssl all all 0.0.0.0/0 md5\n', 'postgresql.conf': "listen_addresses = '*'\nssl = off\n" },
      { pgVersion: 17 },
      HBA_RULES,
    );
    expect(findings.map((f) => [f.rule, f.file, f.line, f.severity])).toEqual([
      ['hba-hostssl-without-ssl', 'pg_hba.conf', 2, 'error'],
      ['listen-on-all-addresses', 'postgresql.conf', 1, 'info'],
    ]);
  });

  test('a template placeholder in the address: no exposure finding (PostgreSQL looks it up as a host name; unrendered-template reports it)', () => {
    const { findings } = lintTree(
      { 'pg_hba.conf': 'host all all ${DOCKER_SUBNET} trust\nhost all postgres {{ subnet }} md5\n', 'postgresql.conf': "listen_addresses = '*'\nssl = off\n" },
      { pgVersion: 17 },
      HBA_RULES,
    );
    expect(findings.map((f) => f.rule)).toEqual(['listen-on-all-addresses']);
  });

  test('hba-replication-open never suggests the method a record already uses', () => {
    const help = (line: string): string | undefined =>
      lintTree({ 'pg_hba.conf': line }, { pgVersion: 17 }, [hbaReplicationOpen]).result.diagnostics[0]?.help;
    expect(help('host replication all 10.0.0.0/24 scram-sha-256')).toBe(
      "Allow replication only for the replication role (e.g. replicator) from the standbys' addresses (/32), and keep scram-sha-256 (or use cert).",
    );
    expect(help('hostssl replication all 10.0.0.0/24 cert')).toMatch(/, and keep cert\.$/);
    expect(help('host replication all 10.0.0.0/24 md5')).toMatch(/, and authenticate with scram-sha-256 or cert instead of md5\.$/);
    expect(help('host replication all 10.0.0.0/24 trust')).toMatch(/instead of trust\.$/);
  });

  test('every hba rule is registered', () => {
    const names = RULES.map((r) => r.name);
    for (const r of HBA_RULES) expect(names).toContain(r.name);
    expect(HBA_RULES).toHaveLength(18);
  });
});
