import { afterAll, describe, expect, test } from '@jest/globals';
import { relative } from 'node:path';
import type { Major } from '../src/catalog/types.js';
import { diffAccess, METHOD_STRENGTH } from '../src/diff/access.js';
import type { AccessDiffDetailed } from '../src/diff/access.js';
import type { AccessChange, Transport } from '../src/diff/types.js';
import { removeTrees, resolveTree } from './support/hba-first-match.js';

afterAll(removeTrees);

// The access diff on hand-written pairs; every expected change is worked out from PostgreSQL's
// check_hba() (first match, connection types, check_db/check_role keywords, same-family address
// match), not from the code's output.

type Files = Record<string, string>;

function diff(before: Files | null, after: Files | null, major: Major = 17): Pick<AccessDiffDetailed, 'access' | 'unknown'> {
  const tb = before && resolveTree(before, major);
  const ta = after && resolveTree(after, major);
  const display = (abs: string): string => relative(tb && abs.startsWith(tb.dir) ? tb.dir : ta!.dir, abs);
  return diffAccess(tb?.cluster ?? null, ta?.cluster ?? null, display);
}

/** listen_addresses = '*', ssl = on: every transport exists (17: GSS encryption too). */
const OPEN = "listen_addresses = '*'\nssl = on\n";
/** listen_addresses = '*', ssl off (the default). */
const NOSSL = "listen_addresses = '*'\n";
const TCP: Transport[] = ['tcp-ssl', 'tcp-gssenc', 'tcp-nossl'];
const TCP_NOSSL: Transport[] = ['tcp-gssenc', 'tcp-nossl'];

const ep = (method: string, line: number, file = 'pg_hba.conf', options: string[] = []): AccessChange['before'] => ({ method, options, file, line });

function each(transports: Transport[], c: Omit<AccessChange, 'connection'> & { connection: Omit<AccessChange['connection'], 'transport'> }): AccessChange[] {
  return transports.map((transport) => ({ change: c.change, connection: { transport, ...c.connection }, before: c.before, after: c.after }));
}

const ALL = { database: 'any database (all)', user: 'any user (all)' };

describe('widening and narrowing', () => {
  test('removing a reject opens what it covered to the next record', () => {
    const before = 'local all all peer\nhost all all 10.0.0.0/8 reject\nhost all all 0.0.0.0/0 md5\n';
    const after = 'local all all peer\nhost all all 0.0.0.0/0 md5\n';
    const d = diff({ 'pg_hba.conf': before, 'postgresql.conf': OPEN }, { 'pg_hba.conf': after, 'postgresql.conf': OPEN });
    expect(d.access).toEqual(each(TCP, { change: 'widened', connection: { ...ALL, address: '10.0.0.0/8' }, before: ep('reject', 2), after: ep('md5', 2) }));
    expect(d.unknown).toEqual([]);
  });

  test('moving a reject for one user below the record for all users lets that user in', () => {
    const before = 'host all alice 0.0.0.0/0 reject\nhost all all 0.0.0.0/0 scram-sha-256\n';
    const after = 'host all all 0.0.0.0/0 scram-sha-256\nhost all alice 0.0.0.0/0 reject\n';
    const d = diff({ 'pg_hba.conf': before, 'postgresql.conf': OPEN }, { 'pg_hba.conf': after, 'postgresql.conf': OPEN });
    // every other user matched scram-sha-256 before and still does (line 2, now line 1): no change
    expect(d.access).toEqual(
      each(TCP, { change: 'widened', connection: { database: 'any database (all)', user: 'alice', address: '0.0.0.0/0' }, before: ep('reject', 1), after: ep('scram-sha-256', 1) }),
    );
  });

  test('a reject removed around a narrower record: the record keeps its own connections, the rest opens', () => {
    const before = 'host db1 app 10.1.0.0/16 scram-sha-256\nhost all all 10.0.0.0/8 reject\nhost all all 0.0.0.0/0 md5\n';
    const after = 'host db1 app 10.1.0.0/16 scram-sha-256\nhost all all 0.0.0.0/0 md5\n';
    const d = diff({ 'pg_hba.conf': before, 'postgresql.conf': NOSSL }, { 'pg_hba.conf': after, 'postgresql.conf': NOSSL });
    // db1 as app from 10.1.0.0/16 still matches line 1 (scram-sha-256): every other connection from
    // 10.0.0.0/8 went from the reject (line 2) to md5 (line 3, now line 2)
    const widened = (database: string, user: string, address: string): AccessChange[] =>
      each(['tcp-gssenc'], { change: 'widened', connection: { database, user, address }, before: ep('reject', 2), after: ep('md5', 2) });
    const perTransport = [
      ...widened('any database (all)', 'any user (all)', '10.0.0.0/8 except 10.1.0.0/16'),
      ...widened('any database (all)', 'any user except app', '10.1.0.0/16'),
      ...widened('any database except db1', 'app', '10.1.0.0/16'),
    ];
    expect(d.access).toEqual([...perTransport, ...perTransport.map((c) => ({ ...c, connection: { ...c.connection, transport: 'tcp-nossl' as const } }))]);
  });

  test('widening a CIDR reports only the new addresses', () => {
    const d = diff({ 'pg_hba.conf': 'host all all 10.1.0.0/16 md5\n', 'postgresql.conf': NOSSL }, { 'pg_hba.conf': 'host all all 10.0.0.0/8 md5\n', 'postgresql.conf': NOSSL });
    expect(d.access).toEqual(each(TCP_NOSSL, { change: 'widened', connection: { ...ALL, address: '10.0.0.0/8 except 10.1.0.0/16' }, before: null, after: ep('md5', 1) }));
  });

  test('a record added through an include (16+) is reported at its own file and line', () => {
    const d = diff(
      { 'pg_hba.conf': 'host all all 10.0.0.0/8 md5\n', 'postgresql.conf': NOSSL },
      { 'pg_hba.conf': 'include extra.conf\nhost all all 10.0.0.0/8 md5\n', 'extra.conf': '# office\nhost all all 192.168.0.0/16 trust\n', 'postgresql.conf': NOSSL },
    );
    expect(d.access).toEqual(each(TCP_NOSSL, { change: 'widened', connection: { ...ALL, address: '192.168.0.0/16' }, before: null, after: ep('trust', 2, 'extra.conf') }));
  });

  test('a weaker method on the same record widens, a stronger one narrows', () => {
    const scram = { 'pg_hba.conf': 'host all all 10.0.0.0/8 scram-sha-256\n', 'postgresql.conf': NOSSL };
    const md5 = { 'pg_hba.conf': 'host all all 10.0.0.0/8 md5\n', 'postgresql.conf': NOSSL };
    expect(diff(scram, md5).access).toEqual(each(TCP_NOSSL, { change: 'widened', connection: { ...ALL, address: '10.0.0.0/8' }, before: ep('scram-sha-256', 1), after: ep('md5', 1) }));
    expect(diff(md5, scram).access).toEqual(each(TCP_NOSSL, { change: 'narrowed', connection: { ...ALL, address: '10.0.0.0/8' }, before: ep('md5', 1), after: ep('scram-sha-256', 1) }));
  });

  test('methods of the same strength are a change, neither wider nor narrower', () => {
    expect(METHOD_STRENGTH.findIndex((g) => g.includes('password'))).toBe(METHOD_STRENGTH.findIndex((g) => g.includes('pam')));
    const d = diff({ 'pg_hba.conf': 'host all all 10.0.0.0/8 password\n', 'postgresql.conf': NOSSL }, { 'pg_hba.conf': 'host all all 10.0.0.0/8 pam\n', 'postgresql.conf': NOSSL });
    expect(d.access).toEqual(each(TCP_NOSSL, { change: 'changed', connection: { ...ALL, address: '10.0.0.0/8' }, before: ep('password', 1), after: ep('pam', 1) }));
  });

  test('dropping clientcert=verify-full widens; the options are reported', () => {
    const d = diff(
      { 'pg_hba.conf': 'hostssl all all 0.0.0.0/0 scram-sha-256 clientcert=verify-full\n', 'postgresql.conf': OPEN },
      { 'pg_hba.conf': 'hostssl all all 0.0.0.0/0 scram-sha-256\n', 'postgresql.conf': OPEN },
    );
    expect(d.access).toEqual([
      { change: 'widened', connection: { transport: 'tcp-ssl', ...ALL, address: '0.0.0.0/0' }, before: ep('scram-sha-256', 1, 'pg_hba.conf', ['clientcert=verify-full']), after: ep('scram-sha-256', 1) },
    ]);
  });

  test('reject and no matching record are the same answer: removing a trailing reject changes nothing', () => {
    const d = diff({ 'pg_hba.conf': 'local all all peer\nhost all all 0.0.0.0/0 reject\n', 'postgresql.conf': OPEN }, { 'pg_hba.conf': 'local all all peer\n', 'postgresql.conf': OPEN });
    expect(d).toEqual({ access: [], unknown: [] });
  });

  test('a cluster removed from the tree refuses everything', () => {
    const d = diff({ 'pg_hba.conf': 'local all all trust\n', 'postgresql.conf': OPEN }, null);
    expect(d.access).toEqual([{ change: 'narrowed', connection: { transport: 'local', ...ALL, address: 'local socket' }, before: ep('trust', 1), after: null }]);
  });

  test('secret option values are compared but not shown', () => {
    const rec = (pw: string): string => `host all all 10.0.0.0/8 ldap ldapserver=ldap.example.com ldapbasedn="dc=example" ldapbindpasswd=${pw}\n`;
    const d = diff({ 'pg_hba.conf': rec('old-secret'), 'postgresql.conf': NOSSL }, { 'pg_hba.conf': rec('new-secret'), 'postgresql.conf': NOSSL });
    const options = ['ldapserver=ldap.example.com', 'ldapbasedn=dc=example', 'ldapbindpasswd=****', 'ldapscope=2'];
    expect(d.access).toEqual(each(TCP_NOSSL, { change: 'changed', connection: { ...ALL, address: '10.0.0.0/8' }, before: ep('ldap', 1, 'pg_hba.conf', options), after: ep('ldap', 1, 'pg_hba.conf', options) }));
    expect(JSON.stringify(d)).not.toContain('secret');
  });
});

describe('postgresql.conf takes part', () => {
  test('a hostssl record admits no one while ssl is off; turning ssl on opens it', () => {
    const hba = 'hostssl all all 0.0.0.0/0 scram-sha-256\n';
    const d = diff({ 'pg_hba.conf': hba, 'postgresql.conf': "listen_addresses = '*'\nssl = off\n" }, { 'pg_hba.conf': hba, 'postgresql.conf': OPEN });
    expect(d.access).toEqual([{ change: 'widened', connection: { transport: 'tcp-ssl', ...ALL, address: '0.0.0.0/0' }, before: null, after: ep('scram-sha-256', 1) }]);
    // with ssl off on both sides, removing the hostssl record changes nothing
    expect(diff({ 'pg_hba.conf': 'local all all peer\n' + hba, 'postgresql.conf': NOSSL }, { 'pg_hba.conf': 'local all all peer\n', 'postgresql.conf': NOSSL })).toEqual({ access: [], unknown: [] });
  });

  test("listen_addresses = 'localhost' admits TCP clients from loopback only; '' admits no TCP client", () => {
    const before = 'local all all peer\n';
    const after = 'local all all peer\nhost all all 0.0.0.0/0 trust\nhost all all ::/0 trust\n';
    const local = diff({ 'pg_hba.conf': before, 'postgresql.conf': "listen_addresses = 'localhost'\n" }, { 'pg_hba.conf': after, 'postgresql.conf': "listen_addresses = 'localhost'\n" });
    expect(local.access).toEqual([
      ...each(['tcp-gssenc'], { change: 'widened', connection: { ...ALL, address: '127.0.0.0/8' }, before: null, after: ep('trust', 2) }),
      ...each(['tcp-gssenc'], { change: 'widened', connection: { ...ALL, address: '::1/128' }, before: null, after: ep('trust', 3) }),
      ...each(['tcp-nossl'], { change: 'widened', connection: { ...ALL, address: '127.0.0.0/8' }, before: null, after: ep('trust', 2) }),
      ...each(['tcp-nossl'], { change: 'widened', connection: { ...ALL, address: '::1/128' }, before: null, after: ep('trust', 3) }),
    ]);
    const none = diff({ 'pg_hba.conf': before, 'postgresql.conf': "listen_addresses = ''\n" }, { 'pg_hba.conf': after, 'postgresql.conf': "listen_addresses = ''\n" });
    expect(none).toEqual({ access: [], unknown: [] });
  });

  test('without a postgresql.conf in the tree, nothing is assumed about ssl or listen_addresses', () => {
    const d = diff({ 'pg_hba.conf': 'local all all peer\n' }, { 'pg_hba.conf': 'local all all peer\nhostssl all all 10.0.0.0/8 md5\n' }, 11);
    expect(d.access).toEqual([{ change: 'widened', connection: { transport: 'tcp-ssl', ...ALL, address: '10.0.0.0/8' }, before: null, after: ep('md5', 2) }]);
  });
});

describe('databases, users and addresses as PostgreSQL matches them', () => {
  test('IPv6: widening ::1/128 to ::/0', () => {
    const d = diff({ 'pg_hba.conf': 'host all all ::1/128 trust\n', 'postgresql.conf': NOSSL }, { 'pg_hba.conf': 'host all all ::/0 trust\n', 'postgresql.conf': NOSSL });
    expect(d.access).toEqual(each(TCP_NOSSL, { change: 'widened', connection: { ...ALL, address: '::/0 except ::1/128' }, before: null, after: ep('trust', 1) }));
  });

  test('an IPv4 record does not match IPv4-mapped IPv6 clients (check_ip compares families)', () => {
    const d = diff(
      { 'pg_hba.conf': 'host all all 10.0.0.0/8 trust\n', 'postgresql.conf': NOSSL },
      { 'pg_hba.conf': 'host all all 10.0.0.0/8 trust\nhost all all ::ffff:10.0.0.0/104 trust\n', 'postgresql.conf': NOSSL },
    );
    expect(d.access).toEqual(each(TCP_NOSSL, { change: 'widened', connection: { ...ALL, address: '::ffff:10.0.0.0/104' }, before: null, after: ep('trust', 2) }));
  });

  test('physical replication matches only the replication keyword, and all does not match it', () => {
    const d = diff(
      { 'pg_hba.conf': 'host all all 0.0.0.0/0 scram-sha-256\n', 'postgresql.conf': NOSSL },
      { 'pg_hba.conf': 'host replication rep 10.0.0.0/8 trust\nhost all all 0.0.0.0/0 scram-sha-256\n', 'postgresql.conf': NOSSL },
    );
    expect(d.access).toEqual(
      each(TCP_NOSSL, { change: 'widened', connection: { database: 'physical replication connections', user: 'rep', address: '10.0.0.0/8' }, before: null, after: ep('trust', 1) }),
    );
  });

  test('sameuser: opening it to all databases adds the users whose name is not the database', () => {
    const d = diff({ 'pg_hba.conf': 'local sameuser all peer\n' }, { 'pg_hba.conf': 'local all all peer\n' });
    expect(d.access).toEqual([
      { change: 'widened', connection: { transport: 'local', database: 'any database (all)', user: 'any user, not named as the database', address: 'local socket' }, before: null, after: ep('peer', 1) },
    ]);
  });

  test('a quoted keyword is a name: "all" matches only the database named all', () => {
    const d = diff({ 'pg_hba.conf': 'local all all reject\n' }, { 'pg_hba.conf': 'local "all" all trust\nlocal all all reject\n' });
    expect(d.access).toEqual([{ change: 'widened', connection: { transport: 'local', database: '"all"', user: 'any user (all)', address: 'local socket' }, before: ep('reject', 1), after: ep('trust', 1) }]);
  });

  test('@file lists are the names they hold, read where the reference stands', () => {
    const d = diff({ 'pg_hba.conf': 'local all all reject\n', 'admins.txt': 'alice, bob\n' }, { 'pg_hba.conf': 'local all @admins.txt trust\nlocal all all reject\n', 'admins.txt': 'alice, bob\n' });
    expect(d.access).toEqual([{ change: 'widened', connection: { transport: 'local', database: 'any database (all)', user: 'alice, bob', address: 'local socket' }, before: ep('reject', 1), after: ep('trust', 1) }]);
  });

  test('regular expressions (16+): names the file lists are tested against them', () => {
    const d = diff(
      { 'pg_hba.conf': 'host apple all 10.0.0.0/8 md5\nhost all all 0.0.0.0/0 reject\n', 'postgresql.conf': NOSSL },
      { 'pg_hba.conf': 'host apple all 10.0.0.0/8 md5\nhost /^app all 0.0.0.0/0 trust\nhost all all 0.0.0.0/0 reject\n', 'postgresql.conf': NOSSL },
      16,
    );
    expect(d.access).toEqual([
      ...each(['tcp-gssenc'], { change: 'widened', connection: { database: 'any database other than apple matching /^app', user: 'any user (all)', address: '0.0.0.0/0' }, before: ep('reject', 2), after: ep('trust', 2) }),
      ...each(['tcp-gssenc'], { change: 'widened', connection: { database: 'apple', user: 'any user (all)', address: '0.0.0.0/0 except 10.0.0.0/8' }, before: ep('reject', 2), after: ep('trust', 2) }),
      ...each(['tcp-nossl'], { change: 'widened', connection: { database: 'any database other than apple matching /^app', user: 'any user (all)', address: '0.0.0.0/0' }, before: ep('reject', 2), after: ep('trust', 2) }),
      ...each(['tcp-nossl'], { change: 'widened', connection: { database: 'apple', user: 'any user (all)', address: '0.0.0.0/0 except 10.0.0.0/8' }, before: ep('reject', 2), after: ep('trust', 2) }),
    ]);
    expect(d.unknown).toEqual([]);
  });
});

describe('cosmetic edits give an empty diff', () => {
  test('whitespace, comments, netmask vs CIDR, quoting, non-overlapping swaps, a record split in two', () => {
    const before = [
      '# TYPE  DATABASE  USER  ADDRESS  METHOD',
      'host    all       all   10.0.0.0/8        md5',
      'host    db1,db2   bob   192.168.0.0 255.255.0.0 trust',
      'local   all       all   peer',
      'hostssl all       all   ::/0    scram-sha-256',
    ].join('\n');
    const after = [
      'local all all peer   # moved: the local socket overlaps no TCP record',
      'host db1 "bob" 192.168.0.0/16 trust',
      'host "db2" bob 192.168.0.0/16 trust',
      '',
      'hostssl all all ::0/0 scram-sha-256',
      'host all all 10.0.0.0 255.0.0.0 md5',
    ].join('\n');
    expect(diff({ 'pg_hba.conf': before + '\n', 'postgresql.conf': OPEN }, { 'pg_hba.conf': after + '\n', 'postgresql.conf': OPEN })).toEqual({ access: [], unknown: [] });
  });
});

describe('what cannot be known is reported, never guessed', () => {
  test('+group: the role itself is counted, its members are reported as unknown', () => {
    const d = diff(
      { 'pg_hba.conf': 'host all all 0.0.0.0/0 reject\n', 'postgresql.conf': NOSSL },
      { 'pg_hba.conf': 'host all +admins 0.0.0.0/0 trust\nhost all all 0.0.0.0/0 reject\n', 'postgresql.conf': NOSSL },
    );
    expect(d.access).toEqual(each(TCP_NOSSL, { change: 'widened', connection: { database: 'any database (all)', user: 'admins', address: '0.0.0.0/0' }, before: ep('reject', 1), after: ep('trust', 1) }));
    expect(d.unknown.map((u) => [u.code, u.file, u.line])).toEqual([['group-membership', 'pg_hba.conf', 1]]);
  });

  test('an unchanged +group record is reported only where it meets a change', () => {
    const files = (group: string, method: string): Files => ({ 'pg_hba.conf': `host all +admins ${group} trust\nhost all all 10.0.0.0/8 ${method}\n`, 'postgresql.conf': NOSSL });
    const apart = diff(files('192.168.0.0/16', 'reject'), files('192.168.0.0/16', 'md5'));
    expect(apart.access).toEqual(each(TCP_NOSSL, { change: 'widened', connection: { ...ALL, address: '10.0.0.0/8' }, before: ep('reject', 2), after: ep('md5', 2) }));
    expect(apart.unknown).toEqual([]);
    // on 0.0.0.0/0 the members of admins (other than admins itself) may match line 1 before line 2
    const over = diff(files('0.0.0.0/0', 'reject'), files('0.0.0.0/0', 'md5'));
    expect(over.access).toEqual(each(TCP_NOSSL, { change: 'widened', connection: { database: 'any database (all)', user: 'any user except admins', address: '10.0.0.0/8' }, before: ep('reject', 2), after: ep('md5', 2) }));
    expect(over.unknown.map((u) => [u.code, u.line])).toEqual([['group-membership', 1]]);
  });

  test('host names, samehost and samenet match no client the diff can name: reported', () => {
    const d = diff(
      { 'pg_hba.conf': 'local all all peer\n', 'postgresql.conf': NOSSL },
      { 'pg_hba.conf': 'local all all peer\nhost all all db.example.com trust\nhost all all samenet md5\nhost all all samehost md5\n', 'postgresql.conf': NOSSL },
    );
    expect(d.access).toEqual([]);
    expect(d.unknown.map((u) => [u.code, u.file, u.line])).toEqual([
      ['hostname', 'pg_hba.conf', 2],
      ['samenet', 'pg_hba.conf', 3],
      ['samehost', 'pg_hba.conf', 4],
    ]);
  });

  test('samerole counts the user named as the database, and is reported', () => {
    const d = diff({ 'pg_hba.conf': 'local all all reject\n' }, { 'pg_hba.conf': 'local samerole all trust\nlocal all all reject\n' });
    expect(d.access).toEqual([
      { change: 'widened', connection: { transport: 'local', database: 'any database (all)', user: 'the user named as the database (sameuser)', address: 'local socket' }, before: ep('reject', 1), after: ep('trust', 1) },
    ]);
    expect(d.unknown.map((u) => [u.code, u.line])).toEqual([['samerole', 1]]);
  });

  test('a new version that does not load: no access change (a reload keeps the old rules), reported', () => {
    const d = diff({ 'pg_hba.conf': 'local all all peer\n' }, { 'pg_hba.conf': 'local all all trust\nhost all all 10.0.0.0/33 trust\n' });
    expect(d.access).toEqual([]);
    expect(d.unknown.map((u) => [u.code, u.file, u.line])).toEqual([['hba-not-loaded', 'pg_hba.conf', 2]]);
  });

  test('a base version that does not load: everything the new one accepts is reported', () => {
    const d = diff({ 'pg_hba.conf': 'local all all peer bogus\n' }, { 'pg_hba.conf': 'local all all peer\n' });
    expect(d.access).toEqual([{ change: 'widened', connection: { transport: 'local', ...ALL, address: 'local socket' }, before: null, after: ep('peer', 1) }]);
    expect(d.unknown.map((u) => [u.code, u.line])).toEqual([['hba-not-loaded', 1]]);
  });

  test('past the work bound, a transport is not compared and that is reported', () => {
    // 5,000 databases × 5,000 users, all on the local socket: 25 million classes
    const lines = [...Array.from({ length: 5000 }, (_, i) => `local db${i} all trust`), ...Array.from({ length: 5000 }, (_, i) => `local all user${i} md5`)];
    const d = diff({ 'pg_hba.conf': lines.join('\n') + '\n' }, { 'pg_hba.conf': lines.slice(1).join('\n') + '\n' });
    expect(d.access).toEqual([]);
    expect(d.unknown.map((u) => [u.code, u.file, u.line])).toEqual([['too-complex', 'pg_hba.conf', 1]]);
  });

  test('an @file outside the repository is not read: the line is left out and reported', () => {
    const d = diff({ 'pg_hba.conf': 'local all all peer\n' }, { 'pg_hba.conf': 'local all @/etc/passwd trust\nlocal all all peer\n' });
    expect(d.access).toEqual([]);
    expect(d.unknown.map((u) => [u.code, u.line])).toEqual([['include-outside', 1]]);
    const inc = diff({ 'pg_hba.conf': 'local all all peer\n' }, { 'pg_hba.conf': 'local all all peer\ninclude /etc/postgresql/extra.conf\n' }, 16);
    expect(inc.access).toEqual([]);
    expect(inc.unknown.map((u) => [u.code, u.line])).toEqual([['include-outside', 2]]);
  });
});
