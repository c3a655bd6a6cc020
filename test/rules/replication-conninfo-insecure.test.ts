import { afterAll, describe, expect, test } from '@jest/globals';
import rule, { parseConninfo, valueOffsets } from '../../rules/replication-conninfo-insecure.js';
import { parsePostgresqlConf } from '../../src/parse/postgresql-conf.js';
import { createSourceFile } from '../../src/source/source.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester, type ExpectedFinding } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

/** The finding on `line` at the first occurrence of `needle` in `text` (the line's content). */
function at(line: number, text: string, needle: string, extra: Partial<ExpectedFinding> = {}): ExpectedFinding {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in ${text}`);
  return { line, column: i + 1, endLine: line, endColumn: i + 1 + needle.length, ...extra };
}

const DISABLE = "primary_conninfo = 'host=10.0.0.5 port=5432 user=replicator sslmode=disable'";
const NONE = "primary_conninfo = 'host=primary.db.internal user=replicator'";

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: "primary_conninfo = ''\n" },
    { code: "primary_conninfo = 'host=primary user=replicator sslmode=require'\n" },
    { code: "primary_conninfo = 'host=primary user=replicator sslmode=verify-ca'\n" },
    { code: "primary_conninfo = 'host=primary sslmode=verify-full sslrootcert=/etc/ssl/root.crt'\n" },
    { name: 'the last sslmode wins', code: "primary_conninfo = 'host=primary sslmode=disable sslmode=verify-full'\n" },
    { name: 'requiressl=1 is require', code: "primary_conninfo = 'host=primary requiressl=1'\n" },
    { name: 'URI with ssl=true (JDBC style) is require', code: "primary_conninfo = 'postgresql://rep@primary/postgres?ssl=true'\n" },
    { name: 'URI with percent-encoded sslmode', code: "primary_conninfo = 'postgres://rep@primary:5432/?sslmode=verify%2Dfull'\n" },
    { name: 'a Unix-domain socket directory', code: "primary_conninfo = 'host=/var/run/postgresql user=replicator sslmode=disable'\n" },
    { name: 'loopback and localhost, several hosts', code: "primary_conninfo = 'host=localhost,127.0.0.1,::1 user=replicator'\n" },
    { name: 'hostaddr decides where libpq connects', code: "primary_conninfo = 'host=primary.example hostaddr=127.0.0.1 sslmode=disable'\n" },
    { name: 'no host at all: the socket', code: "primary_conninfo = 'user=replicator application_name=s1'\n" },
    { name: 'GSSAPI encryption required', code: "primary_conninfo = 'host=primary gssencmode=require'\n" },
    { name: 'a service entry may set sslmode', code: "primary_conninfo = 'service=primary'\n" },
    { name: 'sslrootcert=system: libpq 16+ defaults to verify-full', code: "primary_conninfo = 'host=primary sslrootcert=system'\n", pgVersion: 16 },
    { name: 'a string libpq rejects (the standby cannot connect at all)', code: "primary_conninfo = 'host=primary sslmode=disable user'\n" },
    { name: "unterminated quote in the conninfo", code: "primary_conninfo = 'host=primary password=''abc sslmode=disable'\n" },
    { name: 'an unknown sslmode value is a connection error, not this rule', code: "primary_conninfo = 'host=primary sslmode=DISABLE'\n" },
    { name: 'overridden by a later assignment', code: "primary_conninfo = 'host=primary sslmode=disable'\nprimary_conninfo = 'host=primary sslmode=verify-full'\n" },
    { name: '11: postgresql.conf has no primary_conninfo', code: "primary_conninfo = 'host=primary sslmode=disable'\n", pgVersion: 11 },
    { name: '12+: recovery.conf is not read (recovery-conf-obsolete)', code: { 'postgresql.conf': '', 'recovery.conf': "primary_conninfo = 'host=primary sslmode=disable'\n" } },
  ],
  invalid: [
    {
      code: `# standby\n${DISABLE}\n`,
      errors: [
        at(2, DISABLE, 'disable', {
          severity: 'warning',
          message: "primary_conninfo has sslmode=disable: the standby streams WAL from the primary in cleartext; anyone on the network path can read (and alter) every change to every table", help: "Write sslmode=verify-full (with sslrootcert= the CA of the primary's certificate) in primary_conninfo — at least sslmode=require — and keep ssl = on on the primary.",
        }),
      ],
    },
    {
      code: "primary_conninfo = 'host=primary sslmode=allow'\n",
      errors: [at(1, "primary_conninfo = 'host=primary sslmode=allow'", 'allow', { severity: 'warning', message: /^primary_conninfo has sslmode=allow: the standby tries a cleartext connection to the primary first; / })],
    },
    {
      code: "primary_conninfo = 'host=primary sslmode=prefer'\n",
      errors: [at(1, "primary_conninfo = 'host=primary sslmode=prefer'", 'prefer', { severity: 'info', message: /^primary_conninfo has sslmode=prefer: the standby uses TLS only if the primary offers it and never checks its certificate; / })],
    },
    {
      name: 'no sslmode: libpq defaults to prefer; at the host the standby connects to',
      code: `${NONE}\n`,
      errors: [
        at(1, NONE, 'primary.db.internal', {
          severity: 'info',
          message: 'primary_conninfo has no sslmode (libpq defaults to prefer): the standby uses TLS only if the primary offers it and never checks its certificate; anyone on the network path can downgrade the connection or pose as the primary and read every change',
        }),
      ],
    },
    {
      name: 'quoted value with spaces around =',
      code: "primary_conninfo = 'host = primary sslmode = ''disable'''\n",
      errors: [{ line: 1, column: 48, endLine: 1, endColumn: 55, severity: 'warning' }],
    },
    {
      name: 'GUC escapes before the sslmode value keep the location right',
      code: "primary_conninfo = 'host=primary application_name=\\'s\\\\1\\' sslmode=allow'\n",
      errors: [{ line: 1, column: 68, endLine: 1, endColumn: 73 }],
    },
    {
      name: 'backslash escapes inside the conninfo value',
      code: "primary_conninfo = 'host=primary sslmode=dis\\\\able'\n",
      errors: [{ line: 1, column: 42, endLine: 1, endColumn: 51, message: /^primary_conninfo has sslmode=disable:/ }],
    },
    {
      name: 'URI form, located at the query value',
      code: "primary_conninfo = 'postgresql://replicator@10.1.2.3:5432/postgres?application_name=s1&sslmode=disable'\n",
      errors: [{ line: 1, column: 96, endLine: 1, endColumn: 103, severity: 'warning' }],
    },
    {
      name: 'URI without sslmode: at the netloc',
      code: "primary_conninfo = 'postgres://replicator@[2001:db8::1]:5432'\n",
      errors: [{ line: 1, column: 43, endLine: 1, endColumn: 61, severity: 'info' }],
    },
    { name: 'requiressl=0 is prefer', code: "primary_conninfo = 'host=primary requiressl=0'\n", errors: [{ line: 1, column: 45, severity: 'info' }] },
    { name: 'one remote host among local ones', code: "primary_conninfo = 'host=/tmp,10.0.0.9 sslmode=disable'\n", errors: [{ line: 1, column: 48, severity: 'warning' }] },
    { name: 'sslrootcert=system before 16 changes nothing', code: "primary_conninfo = 'host=primary sslrootcert=system'\n", pgVersion: 15, errors: [{ line: 1, column: 26, severity: 'info' }] },
    {
      name: '11 and earlier: primary_conninfo in recovery.conf',
      code: { 'postgresql.conf': '', 'recovery.conf': "standby_mode = on\nprimary_conninfo = 'host=10.0.0.5 sslmode=disable'\n" },
      pgVersion: 11,
      errors: [{ file: 'recovery.conf', line: 2, column: 43, endLine: 2, endColumn: 50, severity: 'warning' }],
    },
    {
      name: 'in postgresql.auto.conf, and two clusters',
      code: { 'a/postgresql.auto.conf': "primary_conninfo = 'host=a sslmode=disable'\n", 'b/postgresql.conf': "primary_conninfo = 'host=b'\n" },
      errors: [{ file: 'a/postgresql.auto.conf', line: 1, column: 36 }, { file: 'b/postgresql.conf', line: 1, column: 26, endColumn: 27 }],
    },
  ],
});

describe('parseConninfo follows libpq', () => {
  test('keyword/value form: quotes, backslashes, blanks around =, positions', () => {
    const s = "host = 'a b' user=x\\ y sslmode='dis\\'able'";
    const r = parseConninfo(s);
    expect(r).toEqual({
      ok: true,
      form: 'keyword',
      pairs: [
        { key: 'host', value: 'a b', start: 8, end: 11 },
        { key: 'user', value: 'x y', start: 18, end: 22 },
        { key: 'sslmode', value: "dis'able", start: 32, end: 41 },
      ],
    });
  });

  test("libpq's errors: missing =, unterminated quote", () => {
    expect(parseConninfo('host')).toEqual({ ok: false, error: 'missing "=" after "host" in connection info string' });
    expect(parseConninfo("host='a")).toEqual({ ok: false, error: 'unterminated quoted string in connection info string' });
    expect(parseConninfo('host=a b c')).toEqual({ ok: false, error: 'missing "=" after "b" in connection info string' });
    // A name ends at white space; the '=' may follow after more of it.
    expect(parseConninfo('host=a b =c')).toEqual({ ok: true, form: 'keyword', pairs: [{ key: 'host', value: 'a', start: 5, end: 6 }, { key: 'b', value: 'c', start: 10, end: 11 }] });
  });

  test('URI form: user, hosts, dbname, decoded query parameters', () => {
    const r = parseConninfo('postgresql://u:p%40ss@h1:5432,[::1]:5433/db%31?sslmode=require&application_name=a%20b');
    expect(r.ok && r.pairs.map((p) => [p.key, p.value])).toEqual([
      ['user', 'u'],
      ['password', 'p@ss'],
      ['host', 'h1,::1'],
      ['dbname', 'db1'],
      ['sslmode', 'require'],
      ['application_name', 'a b'],
    ]);
    expect(parseConninfo('postgresql://h/?sslmode')).toEqual({ ok: false, error: 'missing key/value separator "=" in URI query parameter: "sslmode"' });
    expect(parseConninfo('postgresql://h/?a=b=c').ok).toBe(false);
    expect(parseConninfo('postgresql://h/?a=%00').ok).toBe(false);
    expect(parseConninfo('postgresql://[::1/').ok).toBe(false);
  });

  test('valueOffsets maps the de-escaped value back to the file', () => {
    const file = createSourceFile('x.conf', '/x.conf', Buffer.from("a = 'x''y\\tz'\n"));
    const line = parsePostgresqlConf(file).lines[0]!;
    if (line.kind !== 'setting') throw new Error('not a setting');
    expect(line.value).toBe("x'y\tz");
    expect(valueOffsets(line)).toEqual([1, 2, 4, 5, 7, 8]);
    const octal = parsePostgresqlConf(createSourceFile('y.conf', '/y.conf', Buffer.from("a = '\\303\\251'\n"))).lines[0]!;
    if (octal.kind !== 'setting') throw new Error('not a setting');
    expect(valueOffsets(octal)).toBeUndefined();
  });
});
