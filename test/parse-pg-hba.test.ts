import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { SUPPORTED_MAJORS } from '../src/catalog/types.js';
import type { Major } from '../src/catalog/types.js';
import { hbaFileRules, parsePgHba, STANDARD_BUILD } from '../src/parse/pg-hba.js';
import type { BuildProfile, HbaFile, HbaRuleRow } from '../src/parse/pg-hba.js';
import { createSourceFile } from '../src/source/source.js';
import { sampleFile } from './support/test-data.js';
import { memIO } from './support/mem-io.js';

/*
 * Expected rows and messages come from POSTGRES.md §3 or from pg_hba_file_rules on the real
 * servers 12.22, 16.14 and 18.4 ("[pg N]" says which were checked). Those servers lack
 * GSSAPI/PAM/LDAP and run with ssl = off, so LOCAL_BUILD reproduces them exactly.
 */

const LOCAL_BUILD: BuildProfile = { ssl: false, gss: false, pam: false, ldap: false, sspi: false, bsd: false };


function parse(text: string, major: Major, extra: Record<string, string> = {}, build: BuildProfile = LOCAL_BUILD): HbaFile {
  const io = memIO({ '/data/pg_hba.conf': text, ...extra });
  return parsePgHba(createSourceFile('data/pg_hba.conf', '/data/pg_hba.conf', text), major, io, build);
}

function rows(text: string, major: Major, extra: Record<string, string> = {}, build: BuildProfile = LOCAL_BUILD): HbaRuleRow[] {
  return hbaFileRules(parse(text, major, extra, build), major);
}

/** [line_number, error] for every row. */
function errors(text: string, major: Major): Array<[number, string | null]> {
  return rows(text, major).map((r) => [r.line_number, r.error]);
}

function r16(line: number, type: string, db: string[], user: string[], address: string | null, netmask: string | null, method: string, options: string[] | null = null) {
  return { line_number: line, type, database: db, user_name: user, address, netmask, auth_method: method, options, error: null };
}

describe('PG 10 line and token limits (fgets into char[8192], char[256] tokens)', () => {
  const TOO_LONG = 'authentication file line too long';
  it('cuts a line at 8191 bytes and reads the rest as the next line [pg 10]', () => {
    const long = 'local all all ' + ' '.repeat(8191 - 14) + 'trust\nlocal all all peer\n';
    expect(errors(long, 10)).toEqual([[1, TOO_LONG], [2, 'invalid connection type "trust"'], [3, null]]);
    expect(errors(long, 11)).toEqual([[1, null], [2, null]]);
  });
  it('counts the newline and the CR, and UTF-8 bytes [pg 10]', () => {
    const fill = (n: number, end: string): string => 'local all all ' + ' '.repeat(n - 19) + 'trust' + end;
    expect(errors(fill(8190, '\n') + fill(8189, '\r\n') + fill(8189, '\n'), 10)).toEqual([[1, TOO_LONG], [2, TOO_LONG], [3, null]]);
    const utf8 = 'local all all peer #' + '\u00e9'.repeat(4084);
    expect(errors(utf8 + 'x\n' + utf8 + 'xy\n', 10)).toEqual([[1, null], [2, TOO_LONG]]);
  });
  it('rejects a token of 256 bytes, even when a comma or quote follows 255 [pg 10]', () => {
    const u = (n: number): string => 'u'.repeat(n);
    const text = [
      `local all ${u(255)} trust`,
      `local all ${u(256)} trust`,
      `local all ${u(255)},x trust`,
      `local all "${u(255)}" trust`,
      `local all "${u(254)}" trust`,
      `local all ${u(255)}# comment`,
      '',
    ].join('\n');
    const TOKEN = 'authentication file token too long';
    expect(errors(text, 10)).toEqual([
      [1, null], [2, TOKEN], [3, TOKEN], [4, TOKEN], [5, null], [6, 'end-of-line before authentication method'],
    ]);
    expect(errors(text, 11).map(([, e]) => e)).toEqual([null, null, null, null, null, 'end-of-line before authentication method']);
  });
});

describe('tokenizer (next_token, next_field_expand)', () => {
  it('locates tokens, removes quotes and keeps raw text', () => {
    const text = 'local all all trust\n  local "db#1" a"b c"d trust   # comment\n';
    const line = parse(text, 16).lines[1]!;
    expect(line.line).toBe(2);
    const [db, user] = [line.fields[1]!.tokens[0]!, line.fields[2]!.tokens[0]!];
    expect(db).toMatchObject({ text: 'db#1', raw: '"db#1"', quoted: true, start: 28, end: 34 });
    expect(user).toMatchObject({ text: 'ab cd', raw: 'a"b c"d', quoted: false, start: 35, end: 42 });
    expect(text.slice(line.fields[3]!.tokens[0]!.start, line.fields[3]!.tokens[0]!.end)).toBe('trust');
  });

  it('applies the comma-list spacing rules [pg 12 16 18]', () => {
    expect(rows('local db1, db2 all trust\n', 16)[0]).toMatchObject({ database: ['db1', 'db2'], user_name: ['all'] });
    expect(errors('local db1 ,db2 all trust\n', 16)).toEqual([[1, 'invalid authentication method "all"']]);
    // Names of JavaScript's Object properties are unknown methods, as any other word (not "not supported by this build").
    expect(errors('local all all toString\nlocal all all constructor\nlocal all all __proto__\nlocal all all hasOwnProperty\n', 16)).toEqual([
      [1, 'invalid authentication method "toString"'],
      [2, 'invalid authentication method "constructor"'],
      [3, 'invalid authentication method "__proto__"'],
      [4, 'invalid authentication method "hasOwnProperty"'],
    ]);
    expect(rows('local db1,,db2 all trust\nlocal db1, ,db2 all trust\n', 16).map((r) => r.database)).toEqual([
      ['db1', 'db2'],
      ['db1', 'db2'],
    ]);
    // a trailing comma, then a comment
    expect(rows('local all,  all trust\n', 16)[0]!.error).toBe('end-of-line before authentication method');
  });

  it('handles quotes: "" escapes, mid-token quotes, empty and unterminated [pg 16]', () => {
    const r = rows('local "a""b" """c""" trust\nlocal a"b"c, "d"e all trust\nlocal "" all trust\nlocal "db all trust\n', 16);
    expect(r.map((x) => [x.database, x.user_name, x.error])).toEqual([
      [['a"b'], ['"c"'], null],
      [['abc', 'de'], ['all'], null],
      [[''], ['all'], null],
      [null, null, 'end-of-line before role specification'],
    ]);
  });

  it('handles CRLF, tabs and comment-only lines', () => {
    const r = rows('# only a comment\r\n\r\n\tlocal\tall\tall\ttrust\t\r\n', 16);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ line_number: 3, auth_method: 'trust' });
  });

  it('joins backslash continuations before tokenizing on 14+ only [pg 12 16]', () => {
    const text = 'local all all \\\ntrust\nlocal "all \\\nx" all trust\nlocal all all trust # c \\\nlocal all all reject\n';
    expect(rows(text, 16).map((r) => [r.line_number, r.database, r.auth_method, r.error])).toEqual([
      [1, ['all'], 'trust', null],
      [3, ['all x'], 'trust', null],
      [5, ['all'], 'trust', null],
    ]);
    expect(errors('local all all \\\ntrust\n', 12)).toEqual([
      [1, 'invalid authentication method "\\"'],
      [2, 'invalid connection type "trust"'],
    ]);
    expect(errors('local all all \\\ntrust\n', 13)[0]![1]).toBe('invalid authentication method "\\"');
    expect(errors('local all all \\\ntrust\n', 14)).toEqual([[1, null]]);
  });

  it('maps offsets across continuation lines', () => {
    const text = 'local a,\\\nb all trust\n';
    const f = parse(text, 16).lines[0]!.fields[1]!;
    expect(f.tokens.map((t) => [t.text, t.start, t.end])).toEqual([
      ['a', 6, 7],
      ['b', 10, 11],
    ]);
  });

  it('continues only after a new backslash (last_backslash_buflen) [pg 16]', () => {
    const text = 'local all all trust\\\\\nlocal all all trust\\\nlocal a,\\\nb all trust\n';
    expect(errors(text, 16)).toEqual([[1, 'invalid authentication method "trust\\local"']]);
  });
});

describe('@file expansion', () => {
  const files = {
    '/data/inc/dbs.txt': 'db1, db2\n# comment\n"quoted db" , all\n@sub.txt\n',
    '/data/inc/sub.txt': 'subdb\n',
    '/data/inc/users.txt': '+grp\n',
    '/data/inc/bad.txt': 'ok\nx@missing2.txt\n@missing2.txt\n',
  };

  it('expands files relative to the referencing file [pg 16]', () => {
    const h = parse('local @inc/dbs.txt @inc/users.txt trust\n', 16, files);
    expect(hbaFileRules(h, 16)[0]).toMatchObject({ database: ['db1', 'db2', 'quoted db', 'all', 'subdb'], user_name: ['+grp'] });
    const sub = h.lines[0]!.record!.databases[4]!.token;
    expect(sub.file.absPath).toBe('/data/inc/sub.txt');
    expect(sub.via?.text).toBe('@sub.txt'); // the innermost @file
    expect(sub.via?.via).toBeNull();
    expect(h.lines[0]!.record!.databases[0]!.token.via?.text).toBe('@inc/dbs.txt');
    expect(h.lines[0]!.record!.databases[2]!).toMatchObject({ kind: 'literal' });
    expect(h.lines[0]!.record!.databases[3]!).toMatchObject({ kind: 'keyword' });
  });

  it('keeps quoted, bare and embedded @ literal [pg 16]', () => {
    const r = rows('local "@inc/dbs.txt" all trust\nlocal @ all trust\nlocal db@x all trust\n', 16, files);
    expect(r.map((x) => x.database)).toEqual([['@inc/dbs.txt'], ['@'], ['db@x']]);
  });

  it('reports missing files per version [pg 12 16]', () => {
    expect(errors('local @missing.txt all trust\n', 16)).toEqual([[1, 'could not open file "/data/missing.txt": No such file or directory']]);
    expect(errors('local @missing.txt all trust\n', 12)).toEqual([
      [1, 'could not open secondary authentication file "@missing.txt" as "/data/missing.txt": No such file or directory'],
    ]);
    // the first error inside the expanded file becomes the line's error
    expect(rows('local @inc/bad.txt all trust\n', 16, files)[0]!.error).toBe(
      'could not open file "/data/inc/missing2.txt": No such file or directory',
    );
  });

  it('limits nesting to 10 on 16+, not before [pg 12 16]', () => {
    const deep: Record<string, string> = { '/data/inc/deep15.txt': 'end\n' };
    for (let i = 1; i < 15; i++) deep[`/data/inc/deep${i}.txt`] = `d${i}, @deep${i + 1}.txt\n`;
    const text = 'local all @inc/deep1.txt trust\n';
    expect(rows(text, 16, deep)[0]!.error).toBe('could not open file "/data/inc/deep11.txt": maximum nesting depth exceeded');
    expect(rows(text, 12, deep)[0]!.user_name).toHaveLength(15);
    // a cycle crashes a <= 15 backend; we stop and say so
    const cyc = rows('local all @inc/self.txt trust\n', 12, { '/data/inc/self.txt': '@self.txt\n' })[0]!;
    expect(cyc.error).toMatch(/^could not open secondary authentication file "@self.txt" as "\/data\/inc\/self.txt": nesting too deep/);
  });
});

describe('include directives (16+)', () => {
  const files = {
    '/data/inc/extra.conf': 'host all all 10.0.0.0/8 md5\nlocal bad\n',
    '/data/inc/extra2.conf': 'local x y trust\n',
    '/data/inc/dir/b.conf': 'local b b trust\n',
    '/data/inc/dir/B.conf': 'local B B trust\n',
    '/data/inc/dir/a.conf': 'local a a trust\n',
    '/data/inc/dir/.hidden.conf': 'local h h trust\n',
    '/data/inc/dir/c.txt': 'local c c trust\n',
    '/data/inc/dir/sub.conf/x.conf': 'local s s trust\n',
    '/data/inc/loop.conf': 'include loop.conf\n',
  };
  const text = [
    'include inc/extra.conf',
    'include_if_exists inc/nope.conf',
    'include_if_exists inc/extra2.conf',
    'include inc/nope.conf',
    'include_dir inc/dir',
    'include_dir inc/nodir',
    'INCLUDE inc/extra.conf',
    'include inc/extra.conf extra',
    '"include" "inc/extra.conf"',
    'include inc/loop.conf',
    '',
  ].join('\n');

  it('matches pg_hba_file_rules [pg 16 18]', () => {
    const r = rows(text, 16, files).map((x) => [x.rule_number, x.file_name, x.line_number, x.database, x.error]);
    expect(r).toEqual([
      [1, '/data/inc/extra.conf', 1, ['all'], null],
      [null, '/data/inc/extra.conf', 2, null, 'end-of-line before role specification'],
      [2, '/data/inc/extra2.conf', 1, ['x'], null],
      [null, '/data/pg_hba.conf', 4, null, 'could not open file "/data/inc/nope.conf": No such file or directory'],
      [3, '/data/inc/dir/B.conf', 1, ['B'], null],
      [4, '/data/inc/dir/a.conf', 1, ['a'], null],
      [5, '/data/inc/dir/b.conf', 1, ['b'], null],
      [null, '/data/pg_hba.conf', 6, null, 'could not open directory "/data/inc/nodir"'],
      [null, '/data/pg_hba.conf', 7, null, 'invalid connection type "INCLUDE"'],
      [null, '/data/pg_hba.conf', 8, null, 'invalid connection type "include"'],
      [6, '/data/inc/extra.conf', 1, ['all'], null],
      [null, '/data/inc/extra.conf', 2, null, 'end-of-line before role specification'],
      [null, '/data/inc/loop.conf', 1, null, 'could not open file "/data/inc/loop.conf": maximum nesting depth exceeded'],
    ]);
    const h = parse(text, 16, files);
    expect(h.includes.filter((i) => i.skipped).map((i) => i.path)).toEqual(['/data/inc/nope.conf']);
  });

  it('is an invalid connection type before 16 [pg 12]', () => {
    expect(errors('include inc/extra.conf\n', 12)).toEqual([[1, 'invalid connection type "include"']]);
    expect(errors('include inc/extra.conf\n', 15)).toEqual([[1, 'invalid connection type "include"']]);
  });

  it('never reads outside the allowed root, and says where', () => {
    const cases = ['include /etc/passwd\n', 'include ../../etc/x.conf\n', 'include_dir /etc\n', 'local @/etc/hosts all trust\n'];
    for (const t of cases) {
      const io = memIO({ '/data/pg_hba.conf': t });
      const h = parsePgHba(createSourceFile('data/pg_hba.conf', '/data/pg_hba.conf', t), 16, io);
      expect(io.reads).toEqual([]);
      const e = h.lines[0]!.problem!;
      expect(e.code).toBe('not-allowed');
      expect(e.file.absPath).toBe('/data/pg_hba.conf');
      expect(t.slice(e.start, e.end)).toMatch(/etc/);
      expect(h.loads).toBe(false);
    }
  });
});

describe('records (parse_hba_line)', () => {
  const t2 = [
    'local "all" "+admins","@foo",samehost trust',
    '"local" all all "trust"',
    'LOCAL all all trust',
    'local all all Trust',
    'local all all crypt',
    'host all all 10.0.0.0/8 ident',
    'local all all ident map=x',
    'host all all 10.0.0.0/8 peer',
    'local all all md5 map',
    'local all all md5 foo=bar',
    'local all all peer map=a=b,map=c',
    'local all all peer "map=x y"',
    'host all all all radius radiusservers=127.0.0.1,127.0.0.2 radiussecrets="s1,s2",radiusports=1812 radiusidentifiers=a',
    'host all all all radius radiussecrets=x',
    'local all all gss',
    'host all all all pam pamservice=x',
    'host all all all sspi',
    'local all all trust extra',
    'host all all 10.0.0.0/8',
    'host all all',
    'local all',
    'local',
    'local all all reject clientcert=verify-ca',
    'host,local all all all md5',
    'host all all 10.0.0.0/8,10.0.0.0/8 md5',
    'host all all 10.0.0.0 255.0.0.0,255.0.0.0 md5',
    'host all all all md5,trust',
    'host all all all cert',
    'host all all all password map=x',
    'host all all all md5 ldapport=x',
    'local all all trust ,',
    'local all all trust =x',
    'local all all trust a=',
    'local sameuser,samerole,samegroup,replication all trust',
    '',
  ].join('\n');

  it('reports the first error of each line in PostgreSQL words [pg 16]', () => {
    expect(errors(t2, 16)).toEqual([
      [1, null],
      [2, null],
      [3, 'invalid connection type "LOCAL"'],
      [4, 'invalid authentication method "Trust"'],
      [5, 'invalid authentication method "crypt"'],
      [6, null],
      [7, null],
      [8, 'peer authentication is only supported on local sockets'],
      [9, 'authentication option not in name=value format: map'],
      [10, 'unrecognized authentication option name: "foo"'],
      [11, null],
      [12, null],
      [13, 'authentication option not in name=value format: 127.0.0.2'],
      [14, 'authentication method "radius" requires argument "radiusservers" to be set'],
      [15, 'invalid authentication method "gss": not supported by this build'],
      [16, 'invalid authentication method "pam": not supported by this build'],
      [17, 'invalid authentication method "sspi": not supported by this build'],
      [18, 'authentication option not in name=value format: extra'],
      [19, 'end-of-line before authentication method'],
      [20, 'end-of-line before IP address specification'],
      [21, 'end-of-line before role specification'],
      [22, 'end-of-line before database specification'],
      [23, 'clientcert can only be configured for "hostssl" rows'],
      [24, 'multiple values specified for connection type'],
      [25, 'multiple values specified for host address'],
      [26, 'multiple values specified for netmask'],
      [27, 'multiple values specified for authentication type'],
      [28, 'cert authentication is only supported on hostssl connections'],
      [29, 'authentication option "map" is only valid for authentication methods ident, peer, gssapi, sspi, and cert'],
      [30, 'authentication option "ldapport" is only valid for authentication methods ldap'],
      [31, null],
      [32, 'unrecognized authentication option name: ""'],
      [33, 'unrecognized authentication option name: "a"'],
      [34, null],
    ]);
  });

  it('renders the view columns [pg 16]', () => {
    const r = rows(t2, 16);
    expect(r[0]).toEqual({ rule_number: 1, file_name: '/data/pg_hba.conf', ...r16(1, 'local', ['all'], ['+admins', '@foo', 'samehost'], null, null, 'trust') });
    expect(r[1]).toMatchObject(r16(2, 'local', ['all'], ['all'], null, null, 'trust'));
    expect(r[6]).toMatchObject(r16(7, 'local', ['all'], ['all'], null, null, 'peer', ['map=x']));
    expect(r[10]!.options).toEqual(['map=c']);
    expect(r[11]!.options).toEqual(['map=x y']);
    expect(r[33]!.database).toEqual(['sameuser', 'samerole', 'samegroup', 'replication']);
    expect(r.filter((x) => x.rule_number !== null).map((x) => x.rule_number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('knows the version differences [pg 12 18]', () => {
    expect(errors('host all all all password map=x\n', 18)[0]![1]).toBe(
      'authentication option "map" is only valid for authentication methods ident, peer, gssapi, sspi, cert, and oauth',
    );
    expect(errors('hostgssenc all all all md5\nhostnogssenc all all all md5\n', 11)).toEqual([
      [1, 'invalid connection type "hostgssenc"'],
      [2, 'invalid connection type "hostnogssenc"'],
    ]);
    expect(errors('hostgssenc all all all md5\nhostnogssenc all all all md5\n', 12)).toEqual([
      [1, 'hostgssenc record cannot match because GSSAPI is not supported by this build'],
      [2, null],
    ]);
    expect(errors('local all all oauth\n', 17)[0]![1]).toBe('invalid authentication method "oauth"');
    expect(errors('host all all all oauth issuer=x\n', 18)[0]![1]).toBe('authentication method "oauth" requires argument "scope" to be set');
    // with the default (empty) oauth_validator_libraries [pg 18]
    expect(errors('host all all all oauth issuer=x scope=y\nlocal all all oauth issuer=x scope=y map=m delegate_ident_mapping=1\n', 18)).toEqual([
      [1, 'oauth_validator_libraries must be set for authentication method oauth'],
      [2, 'oauth_validator_libraries must be set for authentication method oauth'],
    ]);
    expect(errors('hostssl all all all md5 clientname=CN\n', 12)[0]![1]).toBe('unrecognized authentication option name: "clientname"');
  });

  it('classifies names: keywords, groups, regexes (16+) and literals [pg 12 16]', () => {
    const text = 'local /^db,"/^post",all,"all",ALL +g,"+g",/x trust\nlocal all /^(x all trust\n';
    const h16 = parse(text, 16);
    expect(h16.lines[0]!.record!.databases.map((d) => d.kind)).toEqual(['regex', 'regex', 'keyword', 'literal', 'literal']);
    expect(h16.lines[0]!.record!.users.map((d) => d.kind)).toEqual(['group', 'literal', 'regex']);
    expect(h16.lines[1]!.viewError).toBe('invalid regular expression "^(x": parentheses () not balanced');
    const h12 = parse(text, 12);
    expect(h12.lines[0]!.record!.databases.map((d) => d.kind)).toEqual(['literal', 'literal', 'keyword', 'literal', 'literal']);
    expect(h12.lines[1]!.viewError).toBe('invalid authentication method "all"');
  });

  it('turns ident on local into peer', () => {
    expect(parse('local all all ident\n', 16).lines[0]!.record!.method).toBe('peer');
  });
});

describe('addresses', () => {
  const cases: Array<[string, string | null, string | null, string | null]> = [
    // [address field(s), address, netmask, error]  [pg 12 16]
    ['127.1/32', '127.0.0.1', '255.255.255.255', null],
    ['0x7f.0.0.1/32', '127.0.0.1', '255.255.255.255', null],
    ['010.0.0.1/32', '8.0.0.1', '255.255.255.255', null],
    ['1.2.3.4.5', '1.2.3.4.5', null, null],
    ['10.1.2.3/8', '10.1.2.3', '255.0.0.0', null],
    ['10.0.0.0/+8', '10.0.0.0', '255.0.0.0', null],
    ['"10.0.0.0/ 8"', '10.0.0.0', '255.0.0.0', null],
    ['10.0.0.0/08', '10.0.0.0', '255.0.0.0', null],
    ['10.0.0.0/33', null, null, 'invalid CIDR mask in address "10.0.0.0/33"'],
    ['10.0.0.0/8/9', null, null, 'invalid CIDR mask in address "10.0.0.0/8/9"'],
    ['10.0.0.0/', null, null, 'invalid CIDR mask in address "10.0.0.0/"'],
    ['::1/128', '::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', null],
    ['fe80::1%lo/64', 'fe80::1', 'ffff:ffff:ffff:ffff::', null],
    ['fe80::1%1/64', 'fe80::1', 'ffff:ffff:ffff:ffff::', null],
    // interfaces unknown (the default): a name that can be an interface is assumed to exist
    ['fe80::1%eth9/64', 'fe80::1', 'ffff:ffff:ffff:ffff::', null],
    ['::ffff:1.2.3.4/128', '::ffff:1.2.3.4', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', null],
    ['2001:DB8:0:0:0:0:0:1/64', '2001:db8::1', 'ffff:ffff:ffff:ffff::', null],
    ['10.0.0.0 255.0.255.0', '10.0.0.0', '255.0.255.0', null],
    ['10.0.0.1 0x00ff0000', '10.0.0.1', '0.255.0.0', null],
    ['10.0.0.0 ffff::', null, null, 'IP address and mask do not match'],
    ['::1 ffff:ffff::', '::1', 'ffff:ffff::', null],
    ['""', '', null, null],
    ['.example.com', '.example.com', null, null],
    ['example.com/24', null, null, 'specifying both host name and CIDR mask is invalid: "example.com/24"'],
    ['"all"', 'all', null, null],
    ['samehost', 'samehost', null, null],
    ['10.0.0.0', null, null, 'invalid IP mask "md5": Name or service not known'],
    ['1.2.3', null, null, 'invalid IP mask "md5": Name or service not known'],
    ['4294967295/32', '255.255.255.255', '255.255.255.255', null],
    ['0/0', '0.0.0.0', '0.0.0.0', null],
    ['1.2.3.4%lo/32', null, null, 'specifying both host name and CIDR mask is invalid: "1.2.3.4%lo/32"'],
  ];

  it.each(cases)('host all all %s md5', (addr, address, netmask, error) => {
    for (const major of [12, 16] as const) {
      const r = rows(`host all all ${addr} md5\n`, major)[0]!;
      expect([r.address, r.netmask, r.error]).toEqual([address, netmask, error]);
    }
  });

  it('exposes parsed bytes and prefixes', () => {
    const h = parse('host all all 10.1.2.3/8 md5\nhost all all 10.0.0.0 255.255.0.0 md5\nhost all all 10.0.0.0 255.0.255.0 md5\nhost all all .x.org md5\n', 16);
    const a = h.lines.map((l) => l.record!.address!);
    expect(a[0]).toMatchObject({ kind: 'ipv4', bytes: [10, 1, 2, 3], prefix: 8, maskToken: null });
    expect(a[1]).toMatchObject({ kind: 'ipv4', prefix: 16, mask: [255, 255, 0, 0] });
    expect(a[1]!.maskToken!.text).toBe('255.255.0.0');
    expect(a[2]!.prefix).toBeNull();
    expect(a[3]).toMatchObject({ kind: 'hostname', hostname: '.x.org' });
    expect(h.lines[3]!.buildFeatures).toContain('dns');
  });

  it('reads the address as the method on local lines [doc]', () => {
    expect(errors('local all all 127.0.0.1/32 md5\n', 16)).toEqual([[1, 'invalid authentication method "127.0.0.1/32"']]);
  });
});

describe('IPv6 zone ids, as glibc getaddrinfo(AI_NUMERICHOST) reads them on Linux', () => {
  // [pg 16 18] on a machine with interfaces lo, eth0, ifb0 (test/differential/hba-zones.test.ts
  // judges the same lines against the real servers with the judging machine's interfaces)
  const ETH0: BuildProfile = { ...LOCAL_BUILD, interfaces: ['lo', 'eth0', 'ifb0'] };
  const HOST_CIDR = (a: string): string => `specifying both host name and CIDR mask is invalid: "${a}"`;
  const FULL = 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff';
  const cases: Array<[string, string | null, string | null, string | null]> = [
    // [address field(s), address, netmask, error]
    ['fe80::1%eth0/128', 'fe80::1', FULL, null],
    ['fe80::1%eth0 ' + FULL, 'fe80::1', FULL, null],
    ['fe80::1%lo/128', 'fe80::1', FULL, null],
    ['fe80::%eth0/64', 'fe80::', 'ffff:ffff:ffff:ffff::', null],
    ['fe80::1%eth0/0', 'fe80::1', '::', null],
    ['"fe80::1%eth0/128"', 'fe80::1', FULL, null],
    ['FE80::1%eth0/128', 'fe80::1', FULL, null],
    ['febf::1%eth0/128', 'febf::1', FULL, null],
    ['ff02::1%eth0/128', 'ff02::1', FULL, null],
    ['ff12::1%eth0/128', 'ff12::1', FULL, null],
    ['ff01::1%lo/128', 'ff01::1', FULL, null],
    ['fe80::1%eth0:1/128', 'fe80::1', FULL, null], // SIOCGIFINDEX drops the alias suffix
    // no such interface: a host name
    ['fe80::1%nosuchif0/128', null, null, HOST_CIDR('fe80::1%nosuchif0/128')],
    ['fe80::1%ETH0/128', null, null, HOST_CIDR('fe80::1%ETH0/128')],
    ['fe80::1%abcdefghijklmnop/128', null, null, HOST_CIDR('fe80::1%abcdefghijklmnop/128')],
    ['fe80::1%nosuchif0 ' + FULL, null, null, `invalid authentication method "${FULL}"`],
    ['fe80::1%/128', null, null, HOST_CIDR('fe80::1%/128')],
    ['fe80::1%eth0%eth0/128', null, null, HOST_CIDR('fe80::1%eth0%eth0/128')],
    // names count only on link-local scopes
    ['fd00::2%eth0/128', null, null, HOST_CIDR('fd00::2%eth0/128')],
    ['fec0::1%eth0/128', null, null, HOST_CIDR('fec0::1%eth0/128')],
    ['ff05::1%eth0/128', null, null, HOST_CIDR('ff05::1%eth0/128')],
    ['::1%lo/128', null, null, HOST_CIDR('::1%lo/128')],
    ['::ffff:10.0.0.1%eth0/128', null, null, HOST_CIDR('::ffff:10.0.0.1%eth0/128')],
    // numbers: any IPv6 address, decimal, up to 4294967295
    ['fe80::1%1/128', 'fe80::1', FULL, null],
    ['fe80::1%99/128', 'fe80::1', FULL, null],
    ['fe80::1%0/128', 'fe80::1', FULL, null],
    ['fe80::1%01/128', 'fe80::1', FULL, null],
    ['fe80::1%00000000000000000000001/128', 'fe80::1', FULL, null],
    ['fe80::1%4294967295/128', 'fe80::1', FULL, null],
    ['2001:db8::1%1/128', '2001:db8::1', FULL, null],
    ['::ffff:10.0.0.1%1/128', '::ffff:10.0.0.1', FULL, null],
    ['fe80::1%4294967296/128', null, null, HOST_CIDR('fe80::1%4294967296/128')],
    ['fe80::1%18446744073709551617/128', null, null, HOST_CIDR('fe80::1%18446744073709551617/128')],
    ['fe80::1%-1/128', null, null, HOST_CIDR('fe80::1%-1/128')],
    ['fe80::1%+1/128', null, null, HOST_CIDR('fe80::1%+1/128')],
    ['fe80::1%1x/128', null, null, HOST_CIDR('fe80::1%1x/128')],
    ['fe80::1%1%2/128', null, null, HOST_CIDR('fe80::1%1%2/128')],
    // IPv4 takes no zone
    ['10.0.0.1%1/32', null, null, HOST_CIDR('10.0.0.1%1/32')],
    ['10.0.0.1%eth0/32', null, null, HOST_CIDR('10.0.0.1%eth0/32')],
    ['10.0.0.1 255.255.255.255%1', null, null, 'invalid IP mask "255.255.255.255%1": Name or service not known'],
    // the prefix is checked after the address parses
    ['fe80::1%eth0/129', null, null, 'invalid CIDR mask in address "fe80::1%eth0/129"'],
    // netmask columns take zones too
    ['fe80::1 ' + FULL + '%1', 'fe80::1', FULL, null],
    ['fe80::1 ' + FULL + '%eth0', null, null, `invalid IP mask "${FULL}%eth0": Name or service not known`],
    ['fe80::1 fe80::%eth0', 'fe80::1', 'fe80::', null],
    ['fe80::1%1 255.255.255.255', null, null, 'IP address and mask do not match'],
    // without a prefix or a netmask: the method is read as the netmask, unless the zone makes it a host name
    ['fe80::1%eth0', null, null, 'invalid IP mask "md5": Name or service not known'],
    ['fe80::1%1', null, null, 'invalid IP mask "md5": Name or service not known'],
    ['fe80::1%nosuch', 'fe80::1%nosuch', null, null],
    ['fe80::1%', 'fe80::1%', null, null],
  ];

  it.each(cases)('host all all %s md5', (addr, address, netmask, error) => {
    for (const major of [12, 16, 18] as const) {
      const r = rows(`host all all ${addr} md5\n`, major, {}, ETH0)[0]!;
      expect([r.address, r.netmask, r.error]).toEqual([address, netmask, error]);
    }
  });

  it('records each zone with its verdict; only interface names other than lo depend on the machine', () => {
    const h = parse(
      'host all all fe80::1%eth0/128 md5\nhost all all fe80::1%lo/128 md5\nhost all all fe80::1%2/128 md5\nhost all all fd00::1%eth0/128 md5\nhost all all fe80::1%nosuch/128 md5\n',
      16,
      {},
      ETH0,
    );
    expect(h.lines.map((l) => l.zones.map((z) => [z.text, z.zone, z.interface, z.verdict, z.reason]))).toEqual([
      [['fe80::1%eth0', 'eth0', 'eth0', 'interface', null]],
      [['fe80::1%lo', 'lo', 'lo', 'interface', null]],
      [['fe80::1%2', '2', null, 'numeric', null]],
      [['fd00::1%eth0', 'eth0', 'eth0', 'rejected', 'not-link-local']],
      [['fe80::1%nosuch', 'nosuch', 'nosuch', 'rejected', 'no-such-interface']],
    ]);
    expect(h.lines.map((l) => l.buildFeatures.includes('network-interfaces'))).toEqual([true, false, false, false, true]);
  });

  it('assumes an interface name exists when the interfaces are unknown, and says so', () => {
    const h = parse('host all all fe80::1%ens3/128 md5\nhost all all fe80::1%abcdefghijklmnop/128 md5\n', 16);
    expect(hbaFileRules(h, 16).map((r) => [r.address, r.error])).toEqual([
      ['fe80::1', null],
      [null, 'specifying both host name and CIDR mask is invalid: "fe80::1%abcdefghijklmnop/128"'],
    ]);
    expect(h.lines[0]!.zones.map((z) => z.verdict)).toEqual(['assumed']);
    expect(h.lines[0]!.buildFeatures).toEqual(['network-interfaces']);
    expect(h.lines[1]!.zones.map((z) => [z.verdict, z.reason])).toEqual([['rejected', 'not-an-interface-name']]);
    expect(h.lines[1]!.buildFeatures).toEqual([]);
  });

  it('ignores the zone when the record is compared: the address bytes are those of the address alone', () => {
    const h = parse('host all all fe80::1%eth0/128 md5\nhost all all fe80::1/128 md5\n', 16, {}, ETH0);
    const [a, b] = h.lines.map((l) => l.record!.address!);
    expect(a).toMatchObject({ kind: 'ipv6', bytes: b!.bytes, prefix: 128 });
  });
});

describe('clientcert and build dependence', () => {
  const text = [
    'hostssl all all all md5 clientcert=verify-ca',
    'hostssl all all all md5 clientcert=1',
    'hostssl all all all cert clientcert=verify-ca',
    'hostssl all all all md5 clientcert=no-verify',
    'hostssl all all all md5 clientname=CN',
    'hostssl all all all md5 clientname=XX',
    'host all all all md5 clientname=CN',
    '',
  ].join('\n');

  it('follows 14+ rules, including errors the view hides [pg 16 18]', () => {
    const r = rows(text, 16);
    expect(r.map((x) => [x.rule_number, x.options, x.error])).toEqual([
      [null, ['clientcert=verify-ca'], 'hostssl record cannot match because SSL is disabled'],
      [null, null, 'hostssl record cannot match because SSL is disabled'],
      [null, null, 'clientcert can only be set to "verify-full" when using "cert" authentication'],
      [null, null, 'hostssl record cannot match because SSL is disabled'],
      [null, null, 'hostssl record cannot match because SSL is disabled'],
      [null, null, 'hostssl record cannot match because SSL is disabled'],
      [null, null, 'clientname can only be configured for "hostssl" rows'],
    ]);
    // the log's reason is kept even though the view shows the SSL warning
    expect(parse(text, 16).lines[1]!.problem!.message).toBe('invalid value for clientcert: "1"');
  });

  it('follows 12-13 rules [pg 12]', () => {
    expect(rows(text, 12).map((x) => [x.options, x.error])).toEqual([
      [['clientcert=verify-ca'], 'hostssl record cannot match because SSL is disabled'],
      [['clientcert=verify-ca'], 'hostssl record cannot match because SSL is disabled'],
      [['clientcert=verify-full'], 'hostssl record cannot match because SSL is disabled'],
      [null, 'hostssl record cannot match because SSL is disabled'],
      [null, 'unrecognized authentication option name: "clientname"'],
      [null, 'unrecognized authentication option name: "clientname"'],
      [null, 'unrecognized authentication option name: "clientname"'],
    ]);
  });

  it('treats any value but 1 as off before 12 [doc]', () => {
    const r = rows('hostssl all all all md5 clientcert=verify-ca\nhostssl all all all cert\n', 11, {}, STANDARD_BUILD);
    expect(r.map((x) => [x.options, x.error])).toEqual([
      [null, null],
      [expect.anything(), null],
    ]);
  });

  it('gives the standard-build verdict by default and flags the dependency', () => {
    const h = parse('hostssl all all all md5\nhost all all all gss krb_realm=X\nhost all all all md5\n', 16, {}, STANDARD_BUILD);
    const r = hbaFileRules(h, 16);
    expect(r.map((x) => [x.rule_number, x.options, x.error])).toEqual([
      [1, null, null],
      [2, ['include_realm=true', 'krb_realm=X'], null],
      [3, null, null],
    ]);
    expect(h.lines.map((l) => [l.buildDependent, l.buildFeatures])).toEqual([
      [true, ['ssl']],
      [true, ['gss']],
      [false, []],
    ]);
  });

  it('accepts clientcert=1 on 10/11 without a root store check at load time [pg 10 11]', () => {
    // ClientAuthentication checks the root certificate store per connection since 10.
    const line = 'hostssl all all all md5 clientcert=1\n';
    for (const major of [10, 11] as const) {
      expect(rows(line, major).map((x) => [x.options, x.error])).toEqual([[['clientcert=true'], 'hostssl record cannot match because SSL is disabled']]);
      const h = parse(line, major, {}, STANDARD_BUILD);
      expect(hbaFileRules(h, major).map((x) => [x.options, x.error])).toEqual([[['clientcert=true'], null]]);
      expect(h.loads).toBe(true);
      expect(h.lines[0]!.buildFeatures).toEqual(['ssl', 'ssl-ca']);
    }
  });

  it('hides the RADIUS list-length error from the view before 14, but rejects the line [pg 10-13]', () => {
    const line = 'host all all 10.0.0.0/8 radius radiusservers="127.0.0.1,::1" radiussecrets="s1,s2,s3"\n';
    const msg = 'the number of RADIUS secrets (3) must be 1 or the same as the number of RADIUS servers (2)';
    for (const major of [10, 11, 12, 13] as const) {
      const h = parse(line, major);
      expect(hbaFileRules(h, major).map((x) => [x.type, x.options, x.error])).toEqual([[null, null, null]]);
      expect(h.lines[0]!.problem!.message).toBe(msg);
      expect(h.loads).toBe(false);
    }
    expect(errors(line, 14)).toEqual([[1, msg]]);
  });

  it('renders radius lists as written [pg 16]', () => {
    const r = rows('host all all all radius radiusservers="127.0.0.1, 127.0.0.2" radiussecrets=s radiusports=1812\n', 16)[0]!;
    expect(r.options).toEqual(['radiusservers=127.0.0.1, 127.0.0.2', 'radiussecrets=s', 'radiusports=1812']);
    expect(errors('host all all all radius radiusservers=127.0.0.1 radiussecrets=a,b,c radiusidentifiers=x\n', 16)[0]![1]).toBe(
      'authentication option not in name=value format: b',
    );
  });
});

describe('whole files', () => {
  it('reports two errors in one file and refuses to load it', () => {
    const h = parse('local all all trust\nlocal all all Trust\n\nhost all all 10.0.0.0 md5\n', 16);
    expect(h.lines.map((l) => [l.line, l.problem?.message ?? null])).toEqual([
      [1, null],
      [2, 'invalid authentication method "Trust"'],
      [4, 'invalid IP mask "md5": Name or service not known'],
    ]);
    const p = h.lines[2]!.problem!;
    expect(h.file.text.slice(p.start, p.end)).toBe('md5');
    expect(h.loads).toBe(false);
  });

  it('rejects a file without entries', () => {
    const h = parse('# nothing\n', 16);
    expect(h.loads).toBe(false);
    expect(h.fileError).toBe('configuration file "/data/pg_hba.conf" contains no entries');
  });

  it('never throws on odd input', () => {
    const inputs = ['\0\0\0', 'local\0 all all trust', '"', '\\', '\\\n\\\n\\', ',,,,', '@', '@@', 'host all all ' + 'f'.repeat(5000) + ' md5', '\udc00\ud800'];
    for (const major of SUPPORTED_MAJORS) for (const t of inputs) expect(() => rows(t, major)).not.toThrow();
  });

  // Speed is measured by scripts/bench, never asserted here; this checks the large inputs complete correctly.
  it('parses 100k records and pathological long lines', () => {
    const lines = (n: number): string => 'host all all 10.0.0.0/8 scram-sha-256\nlocal db1,db2 +g,/^x trust\n'.repeat(n / 2);
    const big = parse(lines(100_000), 16);
    expect(big.lines).toHaveLength(100_000);
    expect(big.loads).toBe(true);
    const long = parse('local ' + 'a,'.repeat(100_000) + 'b all trust\n' + 'x\\\n'.repeat(50_000) + '\n', 16);
    expect(long.lines[0]!.fields[1]!.tokens).toHaveLength(100_001);
  });

  // The real-world corpus is parsed by test/corpus/parse-pg-hba.corpus.test.ts.
  it('parses the sample file of every major', () => {
    for (const major of SUPPORTED_MAJORS) {
      const p = sampleFile(major, 'pg_hba.conf.sample');
      const h = parsePgHba(createSourceFile('s', p, readFileSync(p)), major, memIO({}));
      // the records still hold initdb placeholders: @authmethodhost@ reads as an @file
      expect(h.lines.length).toBeGreaterThan(0);
      expect(h.lines.every((l) => l.problem !== null)).toBe(true);
    }
  });
});
