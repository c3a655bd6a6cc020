import { afterAll } from '@jest/globals';
import rule from '../../rules/debug-setting-enabled.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: 'zero_damaged_pages = off\nignore_system_indexes = false\npost_auth_delay = 0\n', name: 'developer options at their defaults' },
    { code: 'jit_expressions = off\njit_tuple_deforming = off\n', name: 'jit_expressions / jit_tuple_deforming off: excluded (nothing at stake)' },
    { code: 'debug_print_plan = off\ndebug_print_parse = off\ndebug_print_rewritten = off\n' },
    { code: 'debug_pretty_print = off\n', name: 'debug_pretty_print off without the prettyPrint option' },
    { code: 'debug_pretty_print = on\n', options: { prettyPrint: true } },
    { code: 'remove_temp_files_after_crash = on\n', name: 'default on' },
    { code: '# zero_damaged_pages = on\n' },
    { code: 'zero_damaged_pages = on\nzero_damaged_pages = off\n', name: 'overridden by a later line' },
    { code: 'debug_discard_caches = 1\n', pgVersion: 13, name: 'PG 13 has no debug_discard_caches (unknown-setting reports it)' },
    { code: "trace_recovery_messages = 'debug2'\n", pgVersion: 17, name: 'trace_recovery_messages removed in 17' },
    { code: 'work_mem = 64MB\n' },
    { code: 'debug_discard_caches = 1\n', pgVersion: 14, name: 'debug_discard_caches = 1 is out of range in a production build (max 0): invalid-value reports it, the default applies' },
    { code: 'debug_discard_caches = 0\n', pgVersion: 14 },
  ],
  invalid: [
    {
      name: "help names the default and where a debugging value belongs, by the parameter's context",
      code: "zero_damaged_pages = on\npost_auth_delay = 5\npre_auth_delay = 5\nwal_consistency_checking = 'all'\n",
      errors: [
        { line: 1, column: 22, endColumn: 24, help: 'Remove the line or set zero_damaged_pages = off (the default); to debug, SET zero_damaged_pages in a session.' },
        { line: 2, column: 19, endColumn: 20, help: "Remove the line or set post_auth_delay = 0 (the default); to debug, set it for one connection at its start (PGOPTIONS='-c post_auth_delay=...')." },
        { line: 3, column: 18, endColumn: 19, help: 'Remove the line or set pre_auth_delay = 0 (the default); use it on a test server only.' },
        { line: 4, column: 28, endColumn: 33, help: "Remove the line or set wal_consistency_checking = '' (the default); to debug, SET wal_consistency_checking in a session." },
      ],
    },
    {
      code: 'zero_damaged_pages = on\n',
      errors: [
        {
          line: 1,
          column: 22,
          endColumn: 24,
          severity: 'warning',
          message:
            'zero_damaged_pages = on is a developer setting: a page whose header is damaged is zeroed in memory instead of raising an error, and the zeroed page can be written back: its rows are destroyed silently', help: 'Remove the line or set zero_damaged_pages = off (the default); to debug, SET zero_damaged_pages in a session.',
        },
      ],
    },
    {
      code: 'shared_buffers = 1GB\ndebug_print_plan = true\n',
      errors: [
        {
          line: 2,
          column: 20,
          message:
            'debug_print_plan = true is a debugging setting: the execution plan tree of every query is written to the log: a flood of log output that includes the constants of the queries (data and secrets)',
        },
      ],
    },
    {
      name: 'several: one finding each, in file order',
      code: "post_auth_delay = '30s'\nignore_system_indexes = on\njit_profiling_support = on\njit_debugging_support = on\ndebug_print_parse = on\n",
      errors: [
        { line: 1, column: 19, message: /^post_auth_delay = '30s' is a developer setting: every new connection stalls after authentication/ },
        { line: 2, column: 25, message: /^ignore_system_indexes = on is a developer setting: system catalogs are read without their indexes: every query plans and runs slowly$/ },
        { line: 3, column: 25, message: /^jit_profiling_support = on is a developer setting: every backend that uses JIT writes a perf map file under \/tmp/ },
        { line: 4, column: 25, message: /^jit_debugging_support = on is a developer setting: JIT-compiled code is registered with GDB/ },
        { line: 5, column: 21, message: /^debug_print_parse = on is a debugging setting: the parse tree of every query/ },
      ],
    },
    {
      name: 'remove_temp_files_after_crash off (default on)',
      code: 'remove_temp_files_after_crash = off\n',
      errors: [{ line: 1, column: 33, message: /temporary files are kept after a backend crash/ }],
    },
    {
      name: 'wal_consistency_checking (string parameter)',
      code: "wal_consistency_checking = 'all'\n",
      errors: [{ line: 1, column: 28, message: /^wal_consistency_checking = 'all' is a developer setting: full-page images/ }],
    },
    {
      name: 'force_parallel_mode on 15',
      code: 'force_parallel_mode = regress\n',
      pgVersion: 15,
      errors: [{ line: 1, column: 23, message: /forced into parallel plans/ }],
    },
    {
      name: 'trace_recovery_messages on 16',
      code: 'trace_recovery_messages = debug2\n',
      pgVersion: 16,
      errors: [{ line: 1, column: 27, message: /recovery debug messages are logged/ }],
    },
    {
      name: 'a developer option without its own consequence text falls back to the catalog description',
      code: 'send_abort_for_crash = on\n',
      errors: [{ line: 1, column: 24, message: /SIGABRT/ }],
    },
    {
      name: 'prettyPrint option: debug_pretty_print off',
      code: 'debug_pretty_print = off\n',
      options: { prettyPrint: true },
      errors: [
        {
          line: 1,
          column: 22,
          endColumn: 25,
          message:
            'debug_pretty_print = off: the output of debug_print_parse, debug_print_rewritten and debug_print_plan is logged unindented, on one long line per tree',
        },
      ],
    },
    {
      name: 'set through ALTER SYSTEM (postgresql.auto.conf)',
      code: { 'postgresql.conf': 'shared_buffers = 1GB\n', 'postgresql.auto.conf': "ignore_checksum_failure = 'on'\n" },
      errors: [{ file: 'postgresql.auto.conf', line: 1, column: 27, message: /^ignore_checksum_failure = 'on' is a developer setting: pages with a checksum failure are read as if valid/ }],
    },
  ],
});
