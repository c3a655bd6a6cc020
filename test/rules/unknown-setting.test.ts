import rule from '../../rules/unknown-setting.js';
import { ruleTester } from '../support/rule-tester.js';

const typo = (line: string, suggestion: string, fixed: string | null) => ({
  code: `\n\n${line}\n`,
  pgVersion: 16 as const,
  errors: [
    {
      line: 3,
      column: 1,
      endColumn: line.indexOf(' ') + 1,
      severity: 'error' as const,
      message: `unrecognized configuration parameter "${line.slice(0, line.indexOf(' '))}": PostgreSQL 16 refuses to start with it`,
      help: `Did you mean "${suggestion}"?`,
      ...(fixed !== null ? { fix: { title: `Rename to ${suggestion}`, applicability: 'unsafe' as const } } : {}),
    },
  ],
  output: fixed === null ? null : `\n\n${fixed}\n`,
});

// The fix (unsafe): the did-you-mean name, when one name is nearest and takes the value as written.
ruleTester(rule, {
  valid: [
    { name: 'two-part custom names are accepted without validation', code: 'plpgsql.variable_conflict = bogus\npg_stat_statements.max = 10000\n', pgVersion: 16 },
    { name: 'names are case-insensitive and old aliases are known', code: 'Work_Mem = 4MB\nsort_mem = 1024\nvacuum_mem = 1024\n', pgVersion: 16 },
    { name: 'removed names are left to removed-setting', code: 'wal_keep_segments = 64\ncheckpoint_segments = 32\n', pgVersion: 16 },
    {
      name: 'ignore patterns silence vendor parameters, case-insensitively',
      code: 'edb_dynatune = 66\nEDB_redwood_date = on\noracle_home = x\n',
      pgVersion: 11,
      options: { ignore: ['edb_*', 'oracle_home'] },
    },
  ],
  invalid: [
    typo('logical_decoding_work_memo = 64MB', 'logical_decoding_work_mem', 'logical_decoding_work_mem = 64MB'),
    typo('max_wal_slot_keep_size = 10GB', 'max_slot_wal_keep_size', 'max_slot_wal_keep_size = 10GB'),
    typo('shared_buffer = 1GB', 'shared_buffers', 'shared_buffers = 1GB'),
    typo('Shared_Buffer = 1GB   # tuned', 'shared_buffers', 'shared_buffers = 1GB   # tuned'),
    { ...typo('shared_buffer = lots', 'shared_buffers', null), name: 'a value the suggested parameter rejects: no fix' },
    {
      name: 'ignore patterns leave other names reported',
      code: 'edb_dynatune = 66\nshared_buffer = 1GB\n',
      pgVersion: 11,
      options: { ignore: ['edb_*'] },
      errors: [{ line: 2, column: 1, help: 'Did you mean "shared_buffers"?' }],
      output: 'edb_dynatune = 66\nshared_buffers = 1GB\n',
    },
    {
      name: 'two names equally near (max_wal_size, min_wal_size): a suggestion, but no fix',
      code: 'man_wal_size = 1GB\n',
      pgVersion: 16,
      errors: [{ line: 1, column: 1, help: 'Did you mean "max_wal_size"?' }],
      output: null,
    },
    {
      name: 'a UTF-8 BOM becomes part of the first name',
      code: '\uFEFFwork_mem = 8MB\n',
      pgVersion: 16,
      errors: [{ line: 1, column: 1, message: /^the file starts with a UTF-8 byte order mark/, help: 'Save the file as UTF-8 without a byte order mark (BOM).' }],
      output: null,
    },
    {
      name: 'nothing near: no suggestion, no fix',
      code: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz = 1\n',
      pgVersion: 16,
      errors: [{ line: 1, column: 1, help: 'Check the spelling against the documentation for this version.' }],
      output: null,
    },
  ],
});
