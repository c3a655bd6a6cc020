import { afterAll, describe, expect, test } from '@jest/globals';
import rule, { judgeCiphers, tokenize } from '../../rules/ssl-ciphers-weak.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const on = (ciphers: string): string => `ssl = on\nssl_ciphers = ${ciphers}\n`;

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: 'ssl = on\n', name: 'absent: the default HIGH:MEDIUM:+3DES:!aNULL' },
    { code: on("'HIGH:MEDIUM:+3DES:!aNULL'"), name: 'the server default written out' },
    { code: on("'HIGH:!aNULL:!MD5'") },
    { code: on("'ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305'") },
    { code: on("'ECDH+AESGCM:DH+AESGCM:ECDH+AES256:DH+AES256:RSA+AESGCM:RSA+AES:!aNULL:!MD5:!DSS'"), name: 'Mozilla-style intersections ending in !aNULL' },
    { code: on("'RC4:HIGH:!RC4:!aNULL'"), name: 'a later !RC4 kills the earlier RC4' },
    { code: on("'!RC4:RC4:HIGH:!aNULL'"), name: 'killed for good: a later RC4 adds nothing' },
    { code: on("'HIGH:+3DES:!aNULL'"), name: '+3DES only moves' },
    { code: on("'HIGH:MEDIUM:3DES:!aNULL'"), name: '3DES after MEDIUM enables nothing MEDIUM did not (the default set of suites)' },
    { code: on("'HIGH:MD5:!aNULL:!RC4'"), name: 'MD5 suites are RC4 ones, killed' },
    { code: on("'ALL:!aNULL'"), name: 'ALL does not hold eNULL; MEDIUM allowed by default' },
    { code: on("'DEFAULT'"), name: 'DEFAULT excludes aNULL and eNULL' },
    { code: on("'HIGH, !aNULL ; !eNULL'"), name: 'comma, space and semicolon separators' },
    { code: on("'kRSA:!eNULL'") },
    { code: on("'HIGH:DEFAULT:!aNULL'"), name: 'DEFAULT other than first is ignored by OpenSSL' },
    { code: "ssl = off\nssl_ciphers = 'NULL:RC4'\n", name: 'ssl off: silent' },
    { code: "ssl_ciphers = 'NULL'\n", name: 'ssl absent: silent' },
    { code: "ssl = on\nssl_min_protocol_version = 'TLSv1.3'\nssl_ciphers = 'ALL:RC4'\n", name: 'TLS 1.3 only: ssl_ciphers has no effect' },
    { code: on("'HIGH:!aNULL'"), options: { allowMedium: false } },
    { code: on("'ECDHE-RSA-AES256-GCM-SHA384:!aNULL'"), options: { onlySuites: ['ECDHE-RSA-AES256-GCM-SHA384'] }, name: 'onlySuites: removals are not additions' },
  ],
  invalid: [
    {
      name: 'help: exclusions by default',
      code: "ssl = on\nssl_ciphers = 'ALL'\n",
      errors: [
        {
          line: 2,
          column: 16,
          endColumn: 19,
          help: "Remove those cipher strings, or end the list with exclusions (:!aNULL:!eNULL:!EXP:!LOW:!RC4:!MD5); the server default ssl_ciphers = 'HIGH:MEDIUM:+3DES:!aNULL' is fine.",
        },
      ],
    },
    {
      name: 'help: the allowed suites with onlySuites',
      code: "ssl = on\nssl_ciphers = 'ALL'\n",
      options: { onlySuites: ['ECDHE-RSA-AES256-GCM-SHA384'] },
      errors: [{ line: 2, column: 16, endColumn: 19, help: "List only the allowed suites, e.g. ssl_ciphers = 'ECDHE-RSA-AES256-GCM-SHA384'." }],
    },
    {
      code: on("'HIGH:RC4'"),
      errors: [
        {
          line: 2,
          column: 16,
          endColumn: 20,
          severity: 'warning',
          message:
            "ssl_ciphers = 'HIGH:RC4' enables anonymous suites (aNULL: ADH, AECDH), which authenticate no server, so a man in the middle can pose as it; and RC4 suites, whose keystream biases let plaintext be recovered (RFC 7465 forbids them) (through 'HIGH', 'RC4')",
        },
      ],
    },
    {
      name: 'RC4 alone, located at its token',
      code: on("'HIGH:!aNULL:RC4-SHA'"),
      errors: [{ line: 2, column: 28, endColumn: 35, message: /^ssl_ciphers = 'HIGH:!aNULL:RC4-SHA' enables RC4 suites, .* \(through 'RC4-SHA'\)$/ }],
    },
    {
      name: 'ALL without !aNULL (the old PostgreSQL default): anonymous ECDH survives !ADH',
      code: on("'ALL:!ADH:!LOW:!EXP:!MD5:@STRENGTH'"),
      errors: [{ line: 2, column: 16, endColumn: 19, message: /^ssl_ciphers = 'ALL:!ADH:!LOW:!EXP:!MD5:@STRENGTH' enables anonymous suites .* \(through 'ALL'\)$/ }],
    },
    {
      name: 'NULL encryption through COMPLEMENTOFALL',
      code: on("'HIGH:COMPLEMENTOFALL:!aNULL'"),
      errors: [{ line: 2, column: 21, message: /enables NULL-encryption suites \(eNULL\), which send everything in cleartext \(through 'COMPLEMENTOFALL'\)$/ }],
    },
    {
      name: 'eNULL through a key-exchange word',
      code: on("'kRSA:!aNULL'"),
      errors: [{ line: 2, column: 16, message: /NULL-encryption suites .* \(through 'kRSA'\)$/ }],
    },
    {
      name: '3DES named explicitly',
      code: on("'HIGH:3DES:!aNULL'"),
      errors: [{ line: 2, column: 21, endColumn: 25, message: /enables 3DES suites, whose 64-bit blocks allow plaintext recovery on long connections \(Sweet32\) \(through '3DES'\)$/ }],
    },
    {
      name: 'a removed suite added again',
      code: on("'HIGH:-RC4:!aNULL:RC4'"),
      errors: [{ line: 2, column: 33, message: /RC4 suites/ }],
    },
    {
      name: 'export and LOW and MD5',
      code: on("'HIGH:EXP:LOW:!aNULL'"),
      errors: [{ line: 2, column: 21, message: /enables export-grade suites \(EXP, 40- and 56-bit keys\), broken in minutes; and single-DES suites \(DES, LOW, 56-bit keys\), broken by brute force \(through 'EXP', 'LOW'\)$/ }],
    },
    {
      name: 'unquoted value',
      code: 'ssl = on\nssl_ciphers = aNULL\n',
      errors: [{ line: 2, column: 15, endColumn: 20, message: /^ssl_ciphers = aNULL enables anonymous suites .* and NULL-encryption suites/ }],
    },
    {
      name: 'allowMedium false: the default is reported at MEDIUM',
      code: on("'HIGH:MEDIUM:+3DES:!aNULL'"),
      options: { allowMedium: false },
      errors: [{ line: 2, column: 21, endColumn: 27, message: /^ssl_ciphers = 'HIGH:MEDIUM:\+3DES:!aNULL' enables MEDIUM-strength suites \(such as SEED and 3DES\) \(through 'MEDIUM'\)$/ }],
    },
    {
      name: 'onlySuites: group words are outside the list',
      code: on("'ECDHE-RSA-AES256-GCM-SHA384:HIGH:!aNULL'"),
      options: { onlySuites: ['ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-AES256-GCM-SHA384'] },
      errors: [{ line: 2, column: 44, endColumn: 48, message: /^ssl_ciphers = '.*' adds 'HIGH', not among the allowed suites \(onlySuites\)$/ }],
    },
    {
      name: 'an escape inside the value keeps the location exact',
      code: "ssl = on\nssl_ciphers = 'HIGH:!a\\NULL:RC4'\n",
      errors: [{ line: 2, column: 29, endColumn: 32, message: /^ssl_ciphers = 'HIGH:!a\\NULL:RC4' enables RC4 suites/ }],
    },
  ],
});

describe('judgeCiphers', () => {
  test('tokens keep their offsets', () => {
    expect(tokenize('A:B, C')).toEqual([
      { text: 'A', start: 0, end: 1 },
      { text: 'B', start: 2, end: 3 },
      { text: 'C', start: 5, end: 6 },
    ]);
  });
  test('the server default has nothing weak', () => {
    expect(judgeCiphers('HIGH:MEDIUM:+3DES:!aNULL', true, [])).toEqual([]);
  });
  test('intersection selects only suites matching every word', () => {
    expect(judgeCiphers('RSA+RC4', true, []).map((v) => v.weaknesses.map((w) => w.key))).toEqual([['rc4']]);
    expect(judgeCiphers('ECDHE+AESGCM', true, [])).toEqual([]);
  });
  test('a named weak suite killed by its class', () => {
    expect(judgeCiphers('EDH-RSA-DES-CBC3-SHA:HIGH:!3DES:!aNULL', true, [])).toEqual([]);
    expect(judgeCiphers('ADH-AES128-SHA:HIGH:!aNULL', true, [])).toEqual([]);
  });
});

ruleTester(rule, {
  valid: [{ code: 'ssl = on\n', options: { allowMedium: true }, name: 'absent, default options: the default list is fine' }],
  invalid: [
    {
      name: 'absent under allowMedium false: the default list reported at the start of postgresql.conf',
      code: 'listen_addresses = \'*\'\nssl = on\n',
      options: { allowMedium: false },
      errors: [
        {
          line: 1,
          column: 1,
          message: "ssl_ciphers (not set; the default is 'HIGH:MEDIUM:+3DES:!aNULL') enables MEDIUM-strength suites (such as SEED and 3DES) (through 'MEDIUM')",
        },
      ],
    },
    {
      name: 'absent under onlySuites',
      code: 'ssl = on\n',
      options: { onlySuites: ['ECDHE-RSA-AES256-GCM-SHA384'] },
      errors: [{ line: 1, column: 1, message: "ssl_ciphers (not set; the default is 'HIGH:MEDIUM:+3DES:!aNULL') adds 'HIGH', 'MEDIUM', not among the allowed suites (onlySuites)" }],
    },
  ],
});
