import { afterAll, describe, expect, test } from '@jest/globals';
import rule from '../../rules/hba-invalid-record.js';
import { RULES } from '../../rules/index.js';
import { cleanupFixtures, lintTree } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

// IPv6 zone ids, read as glibc's getaddrinfo reads them (test/differential/hba-zones.test.ts checks
// the parser against real servers). The repository cannot show the server's interfaces: a valid
// interface name is read as existing, with an info finding that the record depends on it.
ruleTester(rule, {
  valid: [
    { name: 'no zone', code: 'host all all fe80::1/128 scram-sha-256\n' },
    { name: 'lo exists on every Linux server', code: 'host all all fe80::1%lo/128 scram-sha-256\n' },
    { name: 'a numeric zone does not depend on the interfaces', code: 'host all all fe80::1%2/128 scram-sha-256\nhost all all 2001:db8::1%7/128 scram-sha-256\n' },
    { name: 'an invalid zone makes a host name, which is valid without a prefix', code: 'host all all fd00::1%eth0 scram-sha-256\n' },
  ],
  invalid: [
    {
      name: 'an interface name on a link-local address: info, at the address',
      code: 'host all all fe80::1%eth0/128 scram-sha-256\n',
      errors: [
        {
          line: 1,
          column: 14,
          endColumn: 30,
          severity: 'info',
          message:
            '"fe80::1%eth0" names network interface "eth0": PostgreSQL accepts the zone only on a server that has this interface; on one without it, the address is read as a host name and PostgreSQL 17 rejects the record, so the server refuses to start',
        },
      ],
    },
    {
      name: 'the netmask form and a multicast link-local address depend on the interface too',
      code: 'host all all fe80::1%ens3 ffff:ffff:ffff:ffff:: md5\nhost all all ff02::1%bond0/128 md5\n',
      errors: [
        { line: 1, column: 14, severity: 'info', message: /^"fe80::1%ens3" names network interface "ens3"/ },
        { line: 2, column: 14, severity: 'info', message: /^"ff02::1%bond0" names network interface "bond0"/ },
      ],
    },
    {
      name: 'an alias suffix names the interface before it',
      code: 'host all all fe80::1%eth0:1/128 md5\n',
      errors: [{ line: 1, column: 14, severity: 'info', message: /^"fe80::1%eth0:1" names network interface "eth0":/ }],
    },
    {
      name: 'a name on an address that is not link-local is never accepted: a host name with a prefix',
      code: 'host all all fd00::1%eth0/128 md5\n',
      errors: [
        {
          line: 1,
          column: 14,
          severity: 'error',
          message:
            'specifying both host name and CIDR mask is invalid: "fd00::1%eth0/128": PostgreSQL 17 rejects this record, so the server refuses to start and a reload keeps the old rules',
        },
      ],
    },
    {
      name: 'a zone number above 4294967295 and a zone on IPv4 are never accepted',
      code: 'host all all fe80::1%4294967296/128 md5\nhost all all 10.0.0.1%1/32 md5\n',
      errors: [
        { line: 1, column: 14, severity: 'error', message: /^specifying both host name and CIDR mask is invalid: "fe80::1%4294967296\/128"/ },
        { line: 2, column: 14, severity: 'error', message: /^specifying both host name and CIDR mask is invalid: "10.0.0.1%1\/32"/ },
      ],
    },
    {
      name: 'a rejection that holds only where the interface exists says so',
      code: 'host all all fe80::1%eth0 md5\n',
      errors: [
        {
          line: 1,
          column: 27,
          severity: 'error',
          message:
            'invalid IP mask "md5": Name or service not known: PostgreSQL 17 rejects this record (on a server that has network interface "eth0"), so the server refuses to start and a reload keeps the old rules',
        },
      ],
    },
  ],
});

describe('hba-invalid-record: IPv6 zone ids in context', () => {
  const hba = (text: string, rules = [rule]) => lintTree({ 'pg_hba.conf': text }, { pgVersion: 17 }, rules).result.diagnostics;

  test('help: drop the zone, which plays no part in matching', () => {
    const [info] = hba('host all all fe80::1%eth0/128 md5\n');
    expect(info!.help).toBe(
      'Drop the zone: PostgreSQL accepts an interface name (%eth0) only on link-local addresses (fe80::/10) of a server that has that interface, ' +
        'and ignores the zone when it matches a connection (only the address is compared). Here "fe80::1/128" matches the same connections on every server.',
    );
    const [err] = hba('host all all fd00::1%eth0/128 md5\n');
    expect(err!.help).toMatch(/^Drop the zone: /);
    // a rejection that has nothing to do with a zone keeps its own help
    expect(hba('host all all 10.0.0.1 md5\n')[0]!.help).toMatch(/CIDR form/);
  });

  test('with every rule on, the record yields one finding: the info is merged into a wider concern', () => {
    const at = hba('host all all fe80::%eth0/10 md5\n', [...RULES]).filter((x) => !x.suppressed);
    expect(at).toHaveLength(1);
    expect(at[0]!.rule).not.toBe('hba-invalid-record');
    expect(at[0]!.message).toMatch(/also .*the zone %eth0 needs network interface eth0 on the server \(hba-invalid-record\)/);
  });
});

// The help comes from the parser's structured reason (src/parse/pg-hba.ts), never from the message.
ruleTester(rule, {
  valid: [{ code: 'host all all 10.0.0.0/8 scram-sha-256\n' }],
  invalid: [
    {
      code: 'host all all 10.0.0.1 md5\n',
      errors: [{ line: 1, column: 23, message: /^invalid IP mask "md5": Name or service not known: PostgreSQL 17 rejects this record/, help: 'An address without a /prefix must be followed by a netmask column; write it in CIDR form, e.g. 10.30.0.0/16.' }],
    },
    {
      code: 'host all all 127.0.0.1/32 crypt\n',
      errors: [{ line: 1, column: 27, message: /^invalid authentication method "crypt": /, help: 'Use scram-sha-256 (or gss for Kerberos).' }],
    },
    { name: 'another unknown method: no help', code: 'host all all 127.0.0.1/32 magic\n', errors: [{ line: 1, column: 27, message: /^invalid authentication method "magic": / }] },
    {
      code: 'host all all 127.0.0.1/32 peer\n',
      errors: [{ line: 1, column: 27, help: 'Use scram-sha-256 (or ident) for host records; peer works on local records only.' }],
    },
    {
      code: 'hostssl all all 10.0.0.0/8 md5 clientcert=1\n',
      pgVersion: 14,
      errors: [{ line: 1, column: 32, help: 'Use clientcert=verify-ca or clientcert=verify-full (PostgreSQL 14 removed 1, 0 and no-verify).' }],
    },
    {
      code: 'host all all 10.0.0.0/8 md5 clientcert=verify-ca\n',
      pgVersion: 13,
      errors: [{ line: 1, column: 29, message: /^clientcert can only be configured for "hostssl" rows: /, help: 'Use clientcert=verify-ca or clientcert=verify-full, on hostssl records only.' }],
    },
    {
      code: "include 'more.conf'\n",
      pgVersion: 15,
      errors: [{ line: 1, column: 1, message: /^invalid connection type "include": PostgreSQL 15 rejects this record/, help: 'include directives in pg_hba.conf need PostgreSQL 16 or later.' }],
    },
    {
      name: 'the token PostgreSQL appends unquoted is bounded like a quoted one',
      code: `host all all 10.0.0.0/8 md5 ${'x'.repeat(300)}\n`,
      errors: [{ line: 1, column: 29, message: /^authentication option not in name=value format: x{20,}…x*: PostgreSQL 17 rejects this record/ }],
    },
  ],
});
