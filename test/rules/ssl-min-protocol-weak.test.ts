import { afterAll } from '@jest/globals';
import rule from '../../rules/ssl-min-protocol-weak.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: 'ssl = on\n', name: 'absent on 17: the default TLSv1.2 meets the default minimum' },
    { code: "ssl = on\nssl_min_protocol_version = 'TLSv1.2'\n" },
    { code: "ssl = on\nssl_min_protocol_version = 'TLSv1.3'\n" },
    { code: "ssl = off\nssl_min_protocol_version = 'TLSv1'\n", name: 'ssl off: silent (ssl-disabled)' },
    { code: "ssl_min_protocol_version = 'TLSv1'\n", name: 'ssl absent (off by default): silent' },
    { code: "ssl = on\nssl_min_protocol_version = 'TLSv1'\nssl_min_protocol_version = 'TLSv1.2'\n", name: 'overridden by a later line' },
    { code: "ssl = on\nssl_max_protocol_version = ''\n", name: 'empty max: no upper limit' },
    { code: "ssl = on\nssl_max_protocol_version = 'TLSv1.3'\n" },
    { code: 'ssl = on\n', pgVersion: 11, name: 'PG 11: no ssl_min_protocol_version, nothing can be set' },
    { code: "ssl = on\nssl_min_protocol_version = 'TLSv1'\n", pgVersion: 11, name: 'PG 11: the parameter does not exist (unknown-setting reports it)' },
    { code: "ssl = on\nssl_min_protocol_version = 'TLSv1.2'\n", pgVersion: 12, name: 'PG 12 with TLSv1.2 written' },
    { code: 'ssl = on\n', pgVersion: 13, name: 'PG 13: the default is TLSv1.2' },
    { code: "ssl = on\nssl_min_protocol_version = 'TLSv1.1'\n", options: { minimum: 'TLSv1.1' } },
    { code: "ssl = on\nssl_min_protocol_version = 'TLSv1.3'\n", options: { minimum: 'TLSv1.3' } },
    { code: { 'postgresql.auto.conf': 'ssl = on\n' }, options: { minimum: 'TLSv1.3' }, name: 'absent with no postgresql.conf: nowhere to report' },
  ],
  invalid: [
    {
      code: "ssl = on\nssl_min_protocol_version = 'TLSv1'\n",
      errors: [
        {
          line: 2,
          column: 28,
          endColumn: 35,
          severity: 'warning',
          message:
            "ssl_min_protocol_version = 'TLSv1' is below TLSv1.2: clients can connect with TLS 1.0 or 1.1, deprecated protocols (RFC 8996) with weak ciphers and MACs (CBC attacks such as BEAST, SHA-1 and MD5 in the handshake) that a man in the middle can force a connection down to", help: "Set ssl_min_protocol_version = 'TLSv1.2' (clients with OpenSSL 1.0.1 or later support it).",
        },
      ],
    },
    {
      code: "ssl = true\nssl_min_protocol_version = 'TLSv1.1'\n",
      errors: [{ line: 2, column: 28, message: /^ssl_min_protocol_version = 'TLSv1.1' is below TLSv1.2: clients can connect with TLS 1.1, deprecated/ }],
    },
    {
      name: 'PG 12: absent means TLSv1',
      code: 'ssl = on\n',
      pgVersion: 12,
      errors: [
        {
          line: 1,
          column: 1,
          message: /^ssl_min_protocol_version \(not set; the default in PostgreSQL 12 is TLSv1\) is below TLSv1.2: clients can connect with TLS 1.0 or 1.1/,
        },
      ],
    },
    {
      name: 'cis minimum TLSv1.3: absent setting reported at the start of postgresql.conf',
      code: 'listen_addresses = \'*\'\nssl = on\n',
      options: { minimum: 'TLSv1.3' },
      errors: [
        {
          line: 1,
          column: 1,
          message:
            'ssl_min_protocol_version (not set; the default is TLSv1.2) is below TLSv1.3: clients can connect with TLS 1.2, whose suites (ssl_ciphers) may lack forward secrecy or use CBC ciphers; the required minimum is TLS 1.3, whose suites all have both',
        },
      ],
    },
    {
      name: 'ssl_max_protocol_version below the minimum',
      code: "ssl = on\nssl_max_protocol_version = 'TLSv1.1'\n",
      errors: [
        {
          line: 2,
          column: 28,
          endColumn: 37,
          message:
            "ssl_max_protocol_version = 'TLSv1.1' is below TLSv1.2: no connection can use a newer TLS version, so every encrypted connection uses TLSv1.1 or older",
        },
      ],
    },
    {
      name: 'both weak: two findings',
      code: "ssl = on\nssl_min_protocol_version = 'TLSv1'\nssl_max_protocol_version = 'TLSv1'\n",
      errors: [{ line: 2, column: 28 }, { line: 3, column: 28, message: /uses TLSv1 or older$/ }],
    },
    {
      name: 'max TLSv1.2 under a TLSv1.3 minimum',
      code: "ssl = on\nssl_min_protocol_version = 'TLSv1.3'\nssl_max_protocol_version = 'TLSv1.2'\n",
      options: { minimum: 'TLSv1.3' },
      errors: [{ line: 3, column: 28, message: /^ssl_max_protocol_version = 'TLSv1.2' is below TLSv1.3/ }],
    },
    {
      name: 'set through ALTER SYSTEM',
      code: { 'postgresql.conf': 'ssl = on\n', 'postgresql.auto.conf': "ssl_min_protocol_version = 'TLSv1'\n" },
      errors: [{ file: 'postgresql.auto.conf', line: 1, column: 28 }],
    },
  ],
});
