import { afterAll } from '@jest/globals';
import rule from '../../rules/syslog-messages-lossy.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const SEQ =
  'repeated identical messages reach syslog without the sequence number that makes each line unique, so a syslog daemon that collapses repeats ("last message repeated N times") drops them';
const SPLIT =
  'messages longer than about 900 bytes (statements, plans, DETAIL lines) are sent whole, and a syslog implementation with the traditional 1 kB limit truncates them';

ruleTester(rule, {
  valid: [
    { code: "log_destination = 'syslog'\n", name: 'both on by default' },
    { code: "log_destination = 'syslog'\nsyslog_sequence_numbers = on\nsyslog_split_messages = on\n" },
    { code: 'syslog_sequence_numbers = off\nsyslog_split_messages = off\n', name: 'no syslog destination' },
    { code: "log_destination = 'stderr'\nsyslog_split_messages = off\n" },
  ],
  invalid: [
    {
      code: "log_destination = 'syslog'\nsyslog_split_messages = off\n",
      errors: [{ line: 2, column: 25, endColumn: 28, severity: 'warning', message: `syslog_split_messages = off while log_destination includes syslog: ${SPLIT}`, help: 'Set syslog_split_messages = on (the default) unless every syslog daemon on the path accepts long messages.' }],
    },
    {
      name: 'both off: one finding each',
      code: "log_destination = 'stderr, SYSLOG'\nsyslog_sequence_numbers = false\nsyslog_split_messages = no\n",
      pgVersion: 10,
      errors: [
        { line: 2, column: 27, endColumn: 32, message: `syslog_sequence_numbers = false while log_destination includes syslog: ${SEQ}` },
        { line: 3, column: 25, message: `syslog_split_messages = no while log_destination includes syslog: ${SPLIT}` },
      ],
    },
    {
      name: 'PG 18, in postgresql.auto.conf',
      code: { 'postgresql.conf': "log_destination = 'syslog'\n", 'postgresql.auto.conf': 'syslog_sequence_numbers = off\n' },
      pgVersion: 18,
      errors: [{ file: 'postgresql.auto.conf', line: 1, column: 27, message: `syslog_sequence_numbers = off while log_destination includes syslog: ${SEQ}` }],
    },
  ],
});
