import { afterAll, describe, expect, test } from '@jest/globals';
import rule, { prefixEscapes } from '../../rules/log-line-prefix-incomplete.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const WHO = 'errors and logged statements cannot be tied to who caused them and from where';
const ALL_WHO = `lacks the user (%u), database (%d), application (%a) and client host (%h) of each log line: ${WHO}`;

describe('prefixEscapes (elog.c log_status_format)', () => {
  test('escapes, %% literals, paddings, and an unfinished tail', () => {
    expect([...prefixEscapes('%m [%p] ')]).toEqual(['%m', '%p']);
    expect([...prefixEscapes('%%u 100%% %d')]).toEqual(['%d']);
    expect([...prefixEscapes('%-10u %5d %-a')]).toEqual(['%u', '%d', '%a']);
    expect([...prefixEscapes('%u %-')]).toEqual(['%u']);
    expect([...prefixEscapes('%u %12')]).toEqual(['%u']);
    expect([...prefixEscapes('%u %')]).toEqual(['%u']);
    expect([...prefixEscapes('%%%h')]).toEqual(['%h']);
  });
});

ruleTester(rule, {
  valid: [
    { code: "log_line_prefix = '%m [%p] user=%u db=%d app=%a client=%h '\n" },
    { code: "log_line_prefix = '%t [%-6p] %q%-10u %d %a %r '\n", name: 'paddings, %q, %t for %m and %r for %h' },
    { code: "log_line_prefix = '%n %c %u@%d/%a %h'\n", pgVersion: 10, name: '%n for the time and %c for the process' },
    { code: "logging_collector = on\nlog_destination = 'csvlog'\n", name: 'csvlog with the collector does not use the prefix' },
    { code: "logging_collector = on\nlog_destination = 'jsonlog,csvlog'\n", pgVersion: 15 },
    { code: "log_destination = 'syslog'\nlog_line_prefix = 'user=%u,db=%d,app=%a,client=%h '\n", name: 'syslog alone records time and pid itself' },
    { code: "log_destination = ''\n", name: 'no destination: nothing is prefixed (logging-collector-off reports it)' },
    { code: "log_line_prefix = '%m %u %d %r '\n", options: { required: ['%u', '%d', '%h'] }, name: 'option required' },
    { code: { 'pg_hba.conf': 'local all all peer\n' }, name: 'no postgresql.conf' },
  ],
  invalid: [
    {
      name: 'absent: the default lacks the who/where fields',
      code: 'work_mem = 4MB\n',
      errors: [{ line: 1, column: 1, endColumn: 1, severity: 'warning', message: `log_line_prefix (not set; the default is '%m [%p] ') ${ALL_WHO}`, help: "Add the missing escapes, e.g. log_line_prefix = '%m [%p] user=%u db=%d app=%a client=%h '" }],
    },
    {
      name: 'the default, PG 10',
      code: '',
      pgVersion: 10,
      errors: [{ line: 1, column: 1, message: `log_line_prefix (not set; the default is '%m [%p] ') ${ALL_WHO}` }],
    },
    {
      name: '%% is a literal percent',
      code: "log_line_prefix = '%m [%p] %%u %%d %%a %%h '\n",
      errors: [{ line: 1, column: 19, endColumn: 45, message: `log_line_prefix = '%m [%p] %%u %%d %%a %%h ' ${ALL_WHO}` }],
    },
    {
      name: 'an unfinished padding ends the prefix',
      code: "log_line_prefix = '%m [%p] %u %d %a %-'\n",
      errors: [{ line: 1, column: 19, message: `log_line_prefix = '%m [%p] %u %d %a %-' lacks the client host (%h) of each log line: ${WHO}` }],
    },
    {
      name: 'who without when',
      code: "log_line_prefix = '%u %d %a %h '\n",
      errors: [
        {
          line: 1,
          column: 19,
          message: "log_line_prefix = '%u %d %a %h ' lacks the time (%m) and process id (%p) of each log line: log lines cannot be ordered in time or tied to the process that wrote them",
        },
      ],
    },
    {
      name: 'csvlog without the collector falls back to prefixed stderr',
      code: "log_destination = 'csvlog'\n",
      errors: [{ line: 1, column: 1, message: /^log_line_prefix \(not set; the default is '%m \[%p\] '\) lacks the user/ }],
    },
    {
      name: 'stderr next to csvlog with the collector',
      code: "logging_collector = on\nlog_destination = 'stderr,csvlog'\nlog_line_prefix = '%m [%p] %u '\n",
      errors: [{ line: 3, column: 19, message: `log_line_prefix = '%m [%p] %u ' lacks the database (%d), application (%a) and client host (%h) of each log line: ${WHO}` }],
    },
    {
      name: 'syslog alone: only the who/where fields are wanted',
      code: "log_destination = 'syslog'\n",
      errors: [{ line: 1, column: 1, message: `log_line_prefix (not set; the default is '%m [%p] ') ${ALL_WHO}` }],
    },
    {
      name: 'option required',
      code: "log_line_prefix = '%m [%p] %u '\n",
      options: { required: ['%u', '%d', '%r'] },
      errors: [{ line: 1, column: 19, message: `log_line_prefix = '%m [%p] %u ' lacks the database (%d) and client host (%r) of each log line: ${WHO}` }],
    },
    {
      name: 'option required as the STIG baseline asks (%s, %c): %p stands for %c',
      code: "log_line_prefix = '< %m %u %d %p %r %a >'\n",
      options: { required: ['%m', '%u', '%d', '%c', '%s', '%p', '%r', '%a'] },
      errors: [{ line: 1, column: 19, message: "log_line_prefix = '< %m %u %d %p %r %a >' lacks the session start time (%s) of each log line: log lines cannot be ordered in time or tied to the process that wrote them" }],
    },
    {
      name: 'option required with a field that is neither who nor when',
      code: "log_line_prefix = '%m [%p] user=%u db=%d app=%a client=%h '\n",
      options: { required: ['%e'] },
      errors: [{ line: 1, column: 19, message: "log_line_prefix = '%m [%p] user=%u db=%d app=%a client=%h ' lacks the SQL state (%e) of each log line: the log lacks what these fields record" }],
    },
    {
      name: 'in postgresql.auto.conf',
      code: { 'postgresql.conf': '', 'postgresql.auto.conf': "log_line_prefix = '%t '\n" },
      errors: [{ file: 'postgresql.auto.conf', line: 1, column: 19, message: /^log_line_prefix = '%t ' lacks the process id \(%p\), user \(%u\), database/ }],
    },
  ],
});
