import { afterAll } from '@jest/globals';
import rule from '../../rules/connection-logging-off.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const CONN_OFF = 'successful connections are not logged — the log cannot show who connected to which database, from which address, and when';
const DISC_OFF = 'session ends are not logged — the log cannot show when a session ended or how long it lasted';
const BOTH = 'neither successful connections nor session ends are logged — the log cannot show who connected to which database, from which address, and for how long';

ruleTester(rule, {
  valid: [
    { code: 'log_connections = on\nlog_disconnections = on\n' },
    { code: 'log_connections = yes\nlog_disconnections = 1\n', pgVersion: 12 },
    { code: "log_connections = 'all'\nlog_disconnections = on\n", pgVersion: 18 },
    { code: 'log_connections = on\nlog_disconnections = on\n', pgVersion: 18, name: 'PG 18 still takes on (receipt, authentication, authorization)' },
    { code: "log_connections = 'Receipt, authorization,authentication'\nlog_disconnections = on\n", pgVersion: 18 },
    { code: "log_connections = 'receipt,setup_durations,all'\nlog_disconnections = on\n", pgVersion: 18 },
    { code: { 'pg_hba.conf': 'local all all peer\n' }, name: 'no postgresql.conf: nothing to judge' },
    { code: { 'postgresql.auto.conf': 'work_mem = 4MB\n' }, name: 'only postgresql.auto.conf, both absent: no postgresql.conf to report at' },
    { code: 'log_connections = off\nlog_connections = on\nlog_disconnections = on\n', name: 'overridden' },
  ],
  invalid: [
    {
      name: 'both absent: one finding at the start of postgresql.conf',
      code: 'work_mem = 4MB\n',
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 1,
          severity: 'warning',
          message: `log_connections and log_disconnections are not set (the defaults are off): ${BOTH}`, help: 'Set log_connections = on and log_disconnections = on.',
        },
      ],
    },
    {
      name: 'both absent, PG 18',
      code: '',
      pgVersion: 18,
      errors: [{ line: 1, column: 1, message: `log_connections and log_disconnections are not set (the defaults are '' and off): ${BOTH}` }],
    },
    {
      name: 'both off: one finding each',
      code: 'log_connections = off\nlog_disconnections = false\n',
      errors: [
        { line: 1, column: 19, endColumn: 22, severity: 'warning', message: `log_connections = off: ${CONN_OFF}` },
        { line: 2, column: 22, endColumn: 27, message: `log_disconnections = false: ${DISC_OFF}` },
      ],
    },
    {
      name: 'log_connections off, log_disconnections absent',
      code: '# logging\nlog_connections = off\n',
      errors: [
        { line: 1, column: 1, message: `log_disconnections (not set; the default is off): ${DISC_OFF}` },
        { line: 2, column: 19, message: `log_connections = off: ${CONN_OFF}` },
      ],
    },
    {
      name: 'log_disconnections on, log_connections absent',
      code: 'log_disconnections = on\n',
      pgVersion: 12,
      errors: [{ line: 1, column: 1, message: `log_connections (not set; the default is off): ${CONN_OFF}` }],
    },
    {
      name: "PG 18: log_connections absent (default '')",
      code: 'log_disconnections = on\n',
      pgVersion: 18,
      errors: [{ line: 1, column: 1, message: `log_connections (not set; the default is ''): ${CONN_OFF}` }],
    },
    {
      name: "PG 18: log_connections = '' written",
      code: "log_connections = ''\nlog_disconnections = on\n",
      pgVersion: 18,
      errors: [{ line: 1, column: 19, endColumn: 21, message: `log_connections = '': ${CONN_OFF}` }],
    },
    {
      name: 'PG 18: the old boolean off',
      code: 'log_connections = off\nlog_disconnections = on\n',
      pgVersion: 18,
      errors: [{ line: 1, column: 19, message: `log_connections = off: ${CONN_OFF}` }],
    },
    {
      name: 'PG 18: a list without authentication and authorization',
      code: "log_connections = 'receipt'\nlog_disconnections = on\n",
      pgVersion: 18,
      errors: [
        {
          line: 1,
          column: 19,
          endColumn: 28,
          message:
            "log_connections = 'receipt' does not log the identity each client authenticated as and the method (authentication) or the role and database each session was granted (authorization), which log_connections = on logs",
        },
      ],
    },
    {
      name: 'PG 18: setup_durations alone logs none of what on logs',
      code: "log_connections = setup_durations\nlog_disconnections = on\n",
      pgVersion: 18,
      errors: [{ line: 1, column: 19, message: `log_connections = setup_durations: ${CONN_OFF}` }],
    },
    {
      name: 'PG 18: a value the server rejects leaves the default, reported as absent',
      code: "log_connections = 'bogus'\n",
      pgVersion: 18,
      errors: [{ line: 1, column: 1, message: /^log_connections and log_disconnections are not set/ }],
    },
    {
      name: 'set in postgresql.auto.conf only: reported there; the absent one has no postgresql.conf to go to',
      code: { 'postgresql.auto.conf': 'log_connections = off\n' },
      errors: [{ file: 'postgresql.auto.conf', line: 1, column: 19, message: `log_connections = off: ${CONN_OFF}` }],
    },
  ],
});
