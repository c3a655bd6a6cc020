// pgbouncer.ini and its auth_hba_file, read as pgbouncer reads them. Each expectation is written by
// hand from pgbouncer's source at github.com/pgbouncer/pgbouncer commit
// 13a344f2625381296fc02e29b986a11be9c6b983: lib/usual/cfparser.c (INI grammar, loader), src/main.c
// (parameters), src/loader.c (connection strings), src/hba.c (the pg_hba subset).
import { describe, expect, test } from '@jest/globals';
import { createSourceFile } from '../src/source/source.js';
import { lineColumn } from '../src/source/source.js';
import { cIntValue, parsePgbouncerIni, pgbouncerSetting, type PgbouncerIni } from '../src/parse/pgbouncer-ini.js';
import { parsePgbouncerHba, pgbouncerIdentMaps } from '../src/parse/pgbouncer-hba.js';
import { pgbouncerListen } from '../src/parse/pgbouncer.js';
import type { AuthFileIO } from '../src/parse/auth-tokens.js';
import { lintTree } from './support/fixture.js';
import { RULES } from '../rules/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'carriers', 'pgbouncer');
const fixture = (name: string): string => readFileSync(join(FIXTURE, name), 'utf8');

// The `ini` package has no type declarations: it is loaded by name, typed here as what is used.
const INI_PACKAGE = 'ini';
const ini = (await import(INI_PACKAGE)) as { parse(text: string): unknown };

const read = (text: string): PgbouncerIni => parsePgbouncerIni(createSourceFile('pgbouncer.ini', '/r/pgbouncer.ini', text));
const at = (p: PgbouncerIni, offset: number): string => {
  const lc = lineColumn(p.file, offset);
  return `${lc.line}:${lc.column}`;
};
const noIO: AuthFileIO = { read: () => ({ ok: false, error: 'no such file', missing: true }), listDir: () => ({ ok: false, error: 'no' }), allowed: () => true };

describe('pgbouncer.ini reader: positions', () => {
  test('every key and value is located (line:column of the key, of the value)', () => {
    const p = read('[databases]\n  appdb =  host=db dbname=app   \n\n[pgbouncer]\nlisten_addr=*\n\tauth_type\t= md5\n');
    expect(p.entries.map((e) => [e.section, e.key, e.value, at(p, e.keyStart), at(p, e.valueStart), at(p, e.valueEnd)])).toEqual([
      ['databases', 'appdb', 'host=db dbname=app', '2:3', '2:12', '2:30'],
      ['pgbouncer', 'listen_addr', '*', '5:1', '5:13', '5:14'],
      ['pgbouncer', 'auth_type', 'md5', '6:2', '6:14', '6:17'],
    ]);
    expect(p.sections.map((s) => [s.name, at(p, s.start)])).toEqual([
      ['databases', '1:1'],
      ['pgbouncer', '4:1'],
    ]);
    expect(p.problems).toEqual([]);
  });

  test('comment lines are kept for directives (# and ;, first on their line only)', () => {
    const p = read('# pgconf-lint disable-next-line pgbouncer-auth-trust -- lab\n[pgbouncer]\n  ; note\nlogfile = /var/log/p.log # not a comment\nauth_type = trust # refused\n');
    expect(p.comments.map((c) => [at(p, c.start), c.text])).toEqual([
      ['1:1', '# pgconf-lint disable-next-line pgbouncer-auth-trust -- lab'],
      ['3:3', '; note'],
    ]);
    expect(p.settings.get('logfile')!.value).toBe('/var/log/p.log # not a comment');
    // A lookup value with a trailing comment is no value auth_type accepts: pgbouncer stops there.
    expect(p.problems.map((q) => [q.code, at(p, q.start)])).toEqual([['invalid-value', '5:13']]);
  });

  test('connection-string pairs are located in the file, quotes excluded', () => {
    const p = read("[databases]\nx = host=h password='it''s secret'  user=u\n[pgbouncer]\n");
    const db = p.databases[0]!;
    expect(db.pairs.map((q) => [q.key, q.value, at(p, q.keyStart), at(p, q.valueStart), q.valueEnd - q.valueStart])).toEqual([
      ['host', 'h', '2:5', '2:10', 1],
      ['password', "it's secret", '2:12', '2:22', 12],
      ['user', 'u', '2:37', '2:42', 1],
    ]);
  });
});

describe('pgbouncer.ini reader: where the ini package differs, pgbouncer wins', () => {
  // Each case shows what `ini` reads, then what pgbouncer reads (cfparser.c parse_ini_file_internal).
  test('a ; or # after the value is part of the value (comments only start a line)', () => {
    const text = '[pgbouncer]\nserver_reset_query = ; blank\nauth_file = /etc/a#b\n';
    expect((ini.parse(text) as Record<string, Record<string, unknown>>).pgbouncer).toEqual({ server_reset_query: '', auth_file: '/etc/a' });
    const p = read(text);
    expect([...p.settings.values()].map((e) => [e.key, e.value])).toEqual([
      ['server_reset_query', '; blank'],
      ['auth_file', '/etc/a#b'],
    ]);
  });

  test('quotes stay in the value; true stays a string', () => {
    const text = "[pgbouncer]\nauth_file = '/etc/u.txt'\nsyslog_ident = true\n";
    expect((ini.parse(text) as Record<string, Record<string, unknown>>).pgbouncer).toEqual({ auth_file: '/etc/u.txt', syslog_ident: true });
    const p = read(text);
    expect(p.settings.get('auth_file')!.value).toBe("'/etc/u.txt'");
    expect(p.settings.get('syslog_ident')!.value).toBe('true');
  });

  test('a key with a space, or a line without =, is a syntax error that stops pgbouncer', () => {
    const text = '[pgbouncer]\nlisten addr = *\nverbose\n';
    expect((ini.parse(text) as Record<string, Record<string, unknown>>).pgbouncer).toEqual({ 'listen addr': '*', verbose: true });
    const p = read(text);
    expect(p.problems.map((q) => [q.code, at(p, q.start)])).toEqual([
      ['syntax', '2:1'],
      ['syntax', '3:1'],
    ]);
  });

  test('a repeated [pgbouncer] header resets the parameters to their defaults (fill_defaults)', () => {
    const text = '[pgbouncer]\nauth_type = trust\n[databases]\n[pgbouncer]\nlisten_addr = *\n';
    expect((ini.parse(text) as Record<string, Record<string, unknown>>).pgbouncer).toEqual({ auth_type: 'trust', listen_addr: '*' });
    const p = read(text);
    expect(pgbouncerSetting(p, 'auth_type')).toEqual({ name: 'auth_type', value: 'md5', certain: true });
    expect(pgbouncerSetting(p, 'listen_addr')!.value).toBe('*');
  });

  test('a dotted section is refused, not nested; %include is an include, not a key', () => {
    const text = '[pgbouncer]\n%include /etc/pgbouncer/extra.ini\n[a.b]\nx = 1\n';
    const parsed = ini.parse(text) as Record<string, Record<string, unknown>>;
    expect(parsed.pgbouncer).toEqual({ '%include /etc/pgbouncer/extra.ini': true });
    expect(parsed.a).toEqual({ b: { x: '1' } });
    const p = read(text);
    expect(p.includes.map((i) => [i.path, at(p, i.start)])).toEqual([['/etc/pgbouncer/extra.ini', '2:1']]);
    expect(p.problems.map((q) => [q.code, at(p, q.start)])).toEqual([['unknown-section', '3:1']]);
    // What the include may set is not known: a default is uncertain, so rules stay silent on it.
    expect(pgbouncerSetting(p, 'auth_type')!.certain).toBe(false);
  });

  test('parameter names are case-sensitive (strcmp), lookup values are not (strcasecmp)', () => {
    const p = read('[pgbouncer]\nAuth_Type = trust\nauth_type = SCRAM-SHA-256\npool_mode = bulk\n');
    expect(p.problems.map((q) => [q.code, at(p, q.start)])).toEqual([
      ['unknown-parameter', '2:1'],
      ['invalid-value', '4:13'],
    ]);
    expect(p.settings.get('auth_type')!.value).toBe('SCRAM-SHA-256');
  });

  test('auth_dbname = pgbouncer is refused (util.c cf_set_authdb: the admin console is reserved)', () => {
    const p = read('[pgbouncer]\nauth_dbname = pgbouncer\nauth_dbname = postgres\n');
    expect(p.problems.map((q) => [q.code, at(p, q.start)])).toEqual([['invalid-value', '2:15']]);
  });

  test('the rest of a section header line is read as a new line; a value before any section is refused', () => {
    const p = read('x = 1\n[pgbouncer] listen_addr = *\n');
    expect(p.problems.map((q) => q.code)).toEqual(['no-section']);
    expect(p.settings.get('listen_addr')!.value).toBe('*');
  });

  test('cf_set_int: strtol base 0, nothing after the number', () => {
    expect([cIntValue('20'), cIntValue('0x10'), cIntValue('010'), cIntValue(' 5'), cIntValue('5 '), cIntValue('1e3'), cIntValue('')]).toEqual([20, 16, 8, 5, undefined, undefined, undefined]);
  });

  test('no [pgbouncer] section: pgbouncer refuses the file', () => {
    expect(read('[databases]\n').problems.map((q) => q.code)).toEqual(['no-main-section']);
  });
});

describe('[databases] connection strings (loader.c parse_database)', () => {
  test('an unknown key (sslmode), an empty value, a zero port and the reserved name are refused', () => {
    const p = read('[databases]\na = host=h sslmode=require\nb = host=h user=\nc = host=h port=x\npgbouncer = host=h\n[pgbouncer]\n');
    expect(p.problems.map((q) => [q.code, at(p, q.start)])).toEqual([
      ['connstr', '2:12'],
      ['connstr', '3:12'],
      ['connstr', '4:17'],
      ['reserved-database', '5:1'],
    ]);
  });

  test('only spaces separate pairs, and a value is read after the spaces: host= port=5432 makes host "port=5432"', () => {
    const p = read('[databases]\nd = host= port=5432 dbname=d\n[pgbouncer]\n');
    expect(p.databases[0]!.pairs.map((q) => [q.key, q.value])).toEqual([
      ['host', 'port=5432'],
      ['dbname', 'd'],
    ]);
    expect(p.problems).toEqual([]);
  });

  test('the last definition of a database wins', () => {
    const p = read('[databases]\nd = host=a\nd = host=b\n[pgbouncer]\n');
    expect(p.databases.map((d) => d.pairs[0]!.value)).toEqual(['b']);
  });
});

describe('listen_addr (pooler.c)', () => {
  test.each([
    ['', 'none'],
    ['listen_addr =', 'none'],
    ['listen_addr = 127.0.0.1, localhost, ::1', 'loopback'],
    ['listen_addr = 127.0.0.1,10.0.0.4', 'network'],
    ['listen_addr = *', 'network'],
    ['listen_addr = ${ADDR}', 'unknown'],
  ])('%s → %s', (line, kind) => {
    expect(pgbouncerListen(read(`[pgbouncer]\n${line}\n`)).kind).toBe(kind);
  });
});

describe("auth_hba_file: pgbouncer's pg_hba subset (hba.c parse_line)", () => {
  const hba = (text: string, identMaps: ReadonlySet<string> | 'none' | undefined = undefined) =>
    parsePgbouncerHba(createSourceFile('hba.conf', '/r/hba.conf', text), { io: noIO, identMaps });

  test('what it reads: the four types, all/sameuser/replication, quoted names, masks, all as address, ldap options', () => {
    const h = hba(
      [
        'local all all peer',
        'host "q1""q2" "a , b" 19.0.0.0/8 cert',
        'host all all 127.0.0.0  255.255.255.0 password',
        'hostssl sameuser all ::1/128 trust # comment',
        'hostnossl replication admin all md5',
        'host all all 0.0.0.0/0 ldap ldapserver=x ldapprefix="cn="',
        'host all all 192.168.1.1/0 md5',
      ].join('\n'),
    );
    expect(h.rejected).toEqual([]);
    expect(h.records.map((r) => [r.type, r.databases.map((d) => d.text).join(','), r.users.map((u) => u.text).join(','), r.method])).toEqual([
      ['local', 'all', 'all', 'peer'],
      ['host', 'q1"q2', 'a , b', 'cert'],
      ['host', 'all', 'all', 'password'],
      ['hostssl', 'sameuser', 'all', 'trust'],
      ['hostnossl', 'replication', 'admin', 'md5'],
      ['host', 'all', 'all', 'ldap'],
      // Bits outside the mask: only a warning in pgbouncer (PostgreSQL refuses the line).
      ['host', 'all', 'all', 'md5'],
    ]);
    expect(h.records[2]!.address).toMatchObject({ all: false, bytes: [127, 0, 0, 0], mask: [255, 255, 255, 0] });
  });

  test('what it skips: each line ignored on its own, the rest read on', () => {
    const h = hba(
      [
        'hostgssenc all all 10.0.0.0/8 md5',
        'include other.conf',
        'host all all db.example.com md5',
        'host all all samenet md5',
        'host all all 10.0.0.0/33 md5',
        'host all all 10.0.0.0/8 gss',
        'host all all 10.0.0.0/8 scram-sha-256 clientcert=verify-full',
        'host samerole all 10.0.0.0/8 md5',
        'host all +admins 10.0.0.0/8 md5',
        'host all all 10.0.0.0/8 md5 map=x',
        'host all all 10.0.0.0/8 reject',
      ].join('\n'),
      'none',
    );
    expect(h.rejected.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(h.records.map((r) => r.line)).toEqual([11]);
    // Located at the token pgbouncer stopped at.
    const f = h.file;
    const loc = (i: number): string => {
      const r = h.rejected[i]!;
      return `${lineColumn(f, r.start).line}:${lineColumn(f, r.start).column}-${f.text.slice(r.start, r.end)}`;
    };
    expect([loc(2), loc(5), loc(6)]).toEqual(['3:14-db.example.com', '6:25-gss', '7:39-clientcert=verify-full']);
  });

  test('white space is C isspace(): a no-break space is part of a token, not a separator', () => {
    const h = hba('host all all 10.0.0.0/8\u00a0md5\n');
    expect(h.records).toEqual([]);
    // The token is `10.0.0.0/8\u00a0md5`: its mask `8\u00a0md5` is no number (parse_nmask: strtoul with text after it).
    expect(h.rejected.map((r) => r.reason)).toEqual(['an invalid mask length']);
  });

  test('map= needs a map of auth_ident_file (pgident.conf map names)', () => {
    const maps = pgbouncerIdentMaps(createSourceFile('i', '/r/i', '# c\ntest\tpgbouncer.acme.org\tsomeuser\ntest2 "bouncer" all\nbroken a\n'));
    expect([...maps]).toEqual(['test', 'test2']);
    const h = hba('hostssl p0y all 0.0.0.0/0 cert map=test2\nhostssl p0x all 0.0.0.0/0 cert map=nope\n', maps);
    expect(h.rejected.map((r) => r.line)).toEqual([2]);
    // Without knowing the ident file, map= lines are not judged.
    expect(hba('host all all all cert map=x\n').rejected).toEqual([]);
  });

  test('@file: names read from a file beside the hba file; a missing file, a +role inside, and a loop are refused, the loop at bounded cost', () => {
    const files: Record<string, string> = { '/r/users': 'alice, bob\ncarol\n', '/r/bad': '+admins\n', '/r/loop': '@loop @loop\n'.repeat(50) };
    const reads: string[] = [];
    const io: AuthFileIO = {
      read: (p) => {
        reads.push(p);
        const t = files[p];
        return t === undefined ? { ok: false, error: 'no such file', missing: true } : { ok: true, file: createSourceFile(p, p, t) };
      },
      listDir: () => ({ ok: false, error: 'no' }),
      allowed: () => true,
    };
    const h = parsePgbouncerHba(createSourceFile('hba.conf', '/r/hba.conf', 'host all @users all md5\nhost all @nope all md5\nhost all @bad all md5\nhost all @loop all md5\n'), { io, identMaps: undefined });
    expect(h.records.map((r) => r.users.map((u) => u.text))).toEqual([['alice', 'bob', 'carol']]);
    expect(h.rejected.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(reads.length).toBeLessThanOrEqual(1_010);
  });

  test("pgbouncer's own test/hba_test.rules reads without a rejected line", () => {
    const rules = [
      'host\t\tpgbouncer\tpgbouncer\t127.0.0.1/32\ttrust',
      'local\t\tdbp\t\tall\t\t\t\t\tpeer',
      'host\t\ttmp1,all\tuser1,user2 , user3\t\t\t16.0.0.0/8\tmd5',
      'host\t\td1,d2,d3\tt18user\t\t18.0.0.0/8\ttrust # comment',
      'host\t\tmdb\tmuser\t\tff11::0/16\t\tmd5',
      'host\t\tdb2,replication\tadmin2\t::1/128\t\t\ttrust',
    ].join('\n');
    const h = hba(rules);
    expect(h.rejected).toEqual([]);
    expect(h.records[2]!.users.map((u) => u.text)).toEqual(['user1', 'user2', 'user3']);
  });
});

describe('discovery and the cluster', () => {
  test('pgbouncer.ini joins the cluster of its directory, and auth_hba_file is read beside it', () => {
    const { result } = lintTree(
      {
        'db/postgresql.conf': 'max_connections = 100\n',
        'db/pgbouncer.ini': '[pgbouncer]\nlisten_addr = *\nauth_type = hba\nauth_hba_file = /etc/pgbouncer/pgb_hba.conf\n',
        'db/pgb_hba.conf': 'host all all 0.0.0.0/0 trust\n',
      },
      { pgVersion: 17 },
      RULES,
    );
    expect(result.clusters).toHaveLength(1);
    const c = result.clusters[0]!;
    expect(c.input.files.map((f) => f.kind).sort()).toEqual(['pgbouncer.ini', 'postgresql.conf']);
    expect(c.pgbouncer!.hba!.records).toHaveLength(1);
    expect(result.diagnostics.filter((d) => d.rule === 'pgbouncer-auth-trust').map((d) => [d.loc.file, d.severity])).toEqual([['db/pgb_hba.conf', 'error']]);
  });
});

describe('a pg_hba.conf that is pgbouncer\'s auth_hba_file', () => {
  const ini = '[pgbouncer]\nlisten_addr = *\nauth_type = hba\nauth_hba_file = /etc/pgbouncer/pg_hba.conf\nclient_tls_sslmode = require\n';
  const hbaText = 'host all all 0.0.0.0/0 trust\n';

  test('without a postgresql.conf beside it, only the pgbouncer rules judge it', () => {
    const { result } = lintTree({ 'pgbouncer.ini': ini, 'pg_hba.conf': hbaText }, { pgVersion: 17 }, RULES);
    expect(result.clusters[0]!.hba).toBeUndefined();
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['pgbouncer-auth-trust']);
  });

  test('with a postgresql.conf beside it, it stays PostgreSQL\'s too', () => {
    const { result } = lintTree({ 'pgbouncer.ini': ini, 'pg_hba.conf': hbaText, 'postgresql.conf': 'ssl = on\n' }, { pgVersion: 17 }, RULES);
    expect(result.clusters[0]!.hba).toBeDefined();
    expect(result.diagnostics.map((d) => d.rule)).toContain('hba-open-to-world');
    expect(result.diagnostics.map((d) => d.rule)).toContain('pgbouncer-auth-trust');
  });
});

describe("pgbouncer's own test files (fixtures/carriers/pgbouncer, see its NOTICE)", () => {
  test('test/pgbouncer_hba.conf with test/pgident.conf: every line read, the map= lines through the ident maps, nothing to report', () => {
    const { result } = lintTree(
      { 'pgbouncer.ini': fixture('pgbouncer.ini'), 'pgbouncer_hba.conf': fixture('pgbouncer_hba.conf'), 'pgident.conf': fixture('pgident.conf') },
      { pgVersion: 17 },
      RULES,
    );
    const hba = result.clusters[0]!.pgbouncer!.hba!;
    expect(hba.rejected).toEqual([]);
    expect(hba.records.map((r) => `${r.line} ${r.type} ${r.method}`)).toEqual([
      '2 local peer',
      '4 hostssl reject',
      '5 hostssl reject',
      '7 hostssl md5',
      '9 hostssl cert',
      '10 hostssl cert',
      '11 hostssl cert',
      '13 hostssl md5',
    ]);
    expect(result.diagnostics.filter((d) => d.rule.startsWith('pgbouncer-'))).toEqual([]);
  });

  test('without auth_ident_file pgbouncer skips the two map= lines', () => {
    const ini = fixture('pgbouncer.ini').replace(/^auth_ident_file.*\n/m, '');
    const { result } = lintTree({ 'pgbouncer.ini': ini, 'pgbouncer_hba.conf': fixture('pgbouncer_hba.conf') }, { pgVersion: 17 }, RULES);
    expect(result.diagnostics.filter((d) => d.rule === 'pgbouncer-invalid-config').map((d) => [d.loc.file, d.severity, d.message])).toEqual([
      ['pgbouncer_hba.conf', 'warning', 'pgbouncer skips this line of its auth_hba_file: map= while pgbouncer has no auth_ident_file, so the map is not found'],
      ['pgbouncer_hba.conf', 'warning', 'pgbouncer skips this line of its auth_hba_file: map= while pgbouncer has no auth_ident_file, so the map is not found'],
    ]);
  });
});

describe('inline directives in pgbouncer.ini and its auth_hba_file', () => {
  test('disable-next-line in a # comment line suppresses the finding below; an unused one is reported', () => {
    const { result } = lintTree({
      'pgbouncer.ini': [
        '[databases]',
        'app = host=127.0.0.1 dbname=app',
        '[pgbouncer]',
        'listen_addr = 0.0.0.0',
        '# pgconf-lint disable-next-line pgbouncer-auth-trust -- lab box behind a firewall',
        'auth_type = trust',
        '# pgconf-lint disable-next-line pgbouncer-weak-auth -- nothing weak below',
        'pool_mode = session',
        '',
      ].join('\n'),
    });
    const shown = (rule: string): [string, number, boolean][] => result.diagnostics.filter((d) => d.rule === rule).map((d) => [d.loc.file, lineColumn(result.sources.get(d.loc.file)!, d.loc.start).line, Boolean(d.suppressed)]);
    expect(shown('pgbouncer-auth-trust')).toEqual([['pgbouncer.ini', 6, true]]);
    expect(shown('unused-directive')).toEqual([['pgbouncer.ini', 7, false]]);
  });

  test('a directive in the auth_hba_file suppresses a finding on its next record', () => {
    const ini = ['[databases]', 'app = host=127.0.0.1 dbname=app', '[pgbouncer]', 'listen_addr = 0.0.0.0', 'auth_type = hba', 'auth_hba_file = hba.conf', ''].join('\n');
    const hba = ['# pgconf-lint disable-next-line pgbouncer-auth-trust -- the office network', 'host all all 10.0.0.0/8 trust', 'host all all 0.0.0.0/0 scram-sha-256', ''].join('\n');
    const without = lintTree({ 'pgbouncer.ini': ini, 'hba.conf': hba.split('\n').slice(1).join('\n') });
    expect(without.result.diagnostics.filter((d) => d.rule === 'pgbouncer-auth-trust').map((d) => [d.loc.file, Boolean(d.suppressed)])).toEqual([['hba.conf', false]]);
    const { result } = lintTree({ 'pgbouncer.ini': ini, 'hba.conf': hba });
    expect(result.diagnostics.filter((d) => d.rule === 'pgbouncer-auth-trust').map((d) => [d.loc.file, Boolean(d.suppressed)])).toEqual([['hba.conf', true]]);
    expect(result.diagnostics.filter((d) => d.rule === 'unused-directive')).toEqual([]);
  });
});
