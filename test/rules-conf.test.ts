import { afterAll, describe, expect, test } from '@jest/globals';
import { RULES } from '../rules/index.js';
import failsafeAgeClamped from '../rules/failsafe-age-clamped.js';
import freezeMinAgeClamped from '../rules/freeze-min-age-clamped.js';
import freezeTableAgeClamped from '../rules/freeze-table-age-clamped.js';
import passwordEncryptionMd5 from '../rules/password-encryption-md5.js';
import { at } from './support/conf-cases.js';
import { ruleTester } from './support/rule-tester.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

// The other rules' cases are in test/rules/<rule>.test.ts; these move there with their fixes.

ruleTester(passwordEncryptionMd5, {
  valid: [
    { code: '' },
    { code: "password_encryption = 'scram-sha-256'\n" },
    { code: 'password_encryption = scram-sha-256\n' },
    // 10–13 default to md5, but a rule never reports on pure defaults.
    { code: '', pgVersion: 13 },
    { code: 'work_mem = 4MB\n', pgVersion: 10 },
    // 14+ reject the boolean aliases (invalid-value reports it), so the default scram-sha-256 applies.
    { code: 'password_encryption = on\n', pgVersion: 14 },
    { code: 'password_encryption = true\n', pgVersion: 18 },
    // off (plaintext) was rejected from 10: the default applies, and it is not set in a file.
    { code: 'password_encryption = off\n', pgVersion: 13 },
    { code: 'password_encryption = md5\npassword_encryption = scram-sha-256\n' },
  ],
  invalid: [
    {
      code: 'password_encryption = md5\n',
      errors: [at(1, 'password_encryption = ', 'md5', { severity: 'warning', message: 'password_encryption = md5: new and changed passwords are stored as MD5 hashes, which are weak and can be replayed to log in' })],
    },
    { code: "# old\npassword_encryption = 'MD5'\n", pgVersion: 18, errors: [at(2, 'password_encryption = ', "'MD5'", { message: /^password_encryption = 'MD5': / })] },
    ...(['on', 'true', 'yes', '1', 'ON', "'on'"] as const).flatMap((v) =>
      ([10, 12, 13] as const).map((major) => ({
        code: `password_encryption = ${v}\n`,
        pgVersion: major,
        errors: [at(1, 'password_encryption = ', v, { message: new RegExp(`^password_encryption = ${v} \\(PostgreSQL ${major} reads it as md5\\): `) })],
      })),
    ),
    {
      name: 'from postgresql.auto.conf over scram in postgresql.conf',
      code: { 'postgresql.conf': "password_encryption = 'scram-sha-256'\n", 'postgresql.auto.conf': 'password_encryption = md5\n' },
      errors: [at(1, 'password_encryption = ', 'md5', { file: 'postgresql.auto.conf' })],
    },
    {
      name: 'two clusters',
      code: { 'a/postgresql.conf': 'password_encryption = md5\n', 'b/postgresql.conf': 'port = 1\npassword_encryption = on\n' },
      pgVersion: 13,
      errors: [at(1, 'password_encryption = ', 'md5', { file: 'a/postgresql.conf' }), at(2, 'password_encryption = ', 'on', { file: 'b/postgresql.conf' })],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// Freeze clamps (POSTGRES.md §6): Min(table age, max age × 0.95), Min(min age, max age / 2),
// Max(failsafe age, max age × 1.05). Defaults: autovacuum_freeze_max_age 200000000,
// autovacuum_multixact_freeze_max_age 400000000, vacuum_freeze_table_age 150000000,
// vacuum_freeze_min_age 50000000, vacuum_multixact_freeze_min_age 5000000, failsafe ages 1600000000.

ruleTester(freezeTableAgeClamped, {
  valid: [
    { code: '', name: 'pure defaults' },
    { code: 'vacuum_freeze_table_age = 190000000\n', name: 'exactly 0.95 × the default max age' },
    { code: 'autovacuum_freeze_max_age = 1000000000\nvacuum_freeze_table_age = 950000000\n' },
    { code: 'autovacuum_freeze_max_age = 157894737\n', name: '150000000 ≤ 0.95 × 157894737' },
    { code: 'vacuum_freeze_table_age = 2000000001\n', name: 'out of range: rejected, default applies' },
    { code: 'vacuum_multixact_freeze_table_age = 380000000\n' },
    { code: "vacuum_freeze_table_age = ''\n" },
    { code: 'vacuum_freeze_table_age = 0\n' },
  ],
  invalid: [
    {
      code: 'vacuum_freeze_table_age = 1900000000\n',
      errors: [
        at(1, 'vacuum_freeze_table_age = ', '1900000000', {
          severity: 'warning',
          message: 'vacuum_freeze_table_age = 1900000000 is above 0.95 × autovacuum_freeze_max_age (default 200000000 → 190000000): VACUUM silently uses 190000000',
        }),
      ],
    },
    { code: 'vacuum_freeze_table_age = 190000001\n', pgVersion: 10, errors: [at(1, 'vacuum_freeze_table_age = ', '190000001')] },
    {
      name: 'default table age, lowered max age: at the max age',
      code: '\nautovacuum_freeze_max_age = 150000000\n',
      errors: [
        at(2, 'autovacuum_freeze_max_age = ', '150000000', {
          message: 'vacuum_freeze_table_age (default 150000000) is above 0.95 × autovacuum_freeze_max_age (150000000 → 142500000): VACUUM silently uses 142500000',
        }),
      ],
    },
    {
      code: 'autovacuum_freeze_max_age = 100000\n',
      pgVersion: 18,
      errors: [at(1, 'autovacuum_freeze_max_age = ', '100000', { message: /\(100000 → 95000\): VACUUM silently uses 95000$/ })],
    },
    {
      name: 'both set: at the clamped table age',
      code: 'autovacuum_freeze_max_age = 500000000\nvacuum_freeze_table_age = 480000000\n',
      errors: [at(2, 'vacuum_freeze_table_age = ', '480000000', { message: /autovacuum_freeze_max_age \(500000000 → 475000000\)/ })],
    },
    {
      name: 'unusual spellings: real and hex',
      code: "vacuum_freeze_table_age = '1.9e9'\n",
      errors: [at(1, 'vacuum_freeze_table_age = ', "'1.9e9'", { message: /^vacuum_freeze_table_age = 1900000000 is above/ })],
    },
    {
      code: 'vacuum_multixact_freeze_table_age = 1000000000\n',
      errors: [
        at(1, 'vacuum_multixact_freeze_table_age = ', '1000000000', {
          message:
            'vacuum_multixact_freeze_table_age = 1000000000 is above 0.95 × autovacuum_multixact_freeze_max_age (default 400000000 → 380000000): VACUUM silently uses at most 380000000',
        }),
      ],
    },
    {
      name: 'both pairs: two findings',
      code: 'vacuum_freeze_table_age = 0x713FB300\nvacuum_multixact_freeze_table_age = 2000000000\n',
      errors: [at(1, 'vacuum_freeze_table_age = ', '0x713FB300'), at(2, 'vacuum_multixact_freeze_table_age = ', '2000000000')],
    },
    {
      name: 'max age lowered in postgresql.auto.conf, table age from an include',
      code: { 'postgresql.conf': "include 'vac.conf'\n", 'vac.conf': 'vacuum_freeze_table_age = 150000000\n', 'postgresql.auto.conf': 'autovacuum_freeze_max_age = 100000000\n' },
      errors: [at(1, 'vacuum_freeze_table_age = ', '150000000', { file: 'vac.conf', message: /\(100000000 → 95000000\)/ })],
    },
  ],
});

ruleTester(freezeMinAgeClamped, {
  valid: [
    { code: '' },
    { code: 'vacuum_freeze_min_age = 100000000\n', name: 'exactly half the default max age' },
    { code: 'autovacuum_freeze_max_age = 1000000000\nvacuum_freeze_min_age = 500000000\n' },
    { code: 'vacuum_multixact_freeze_min_age = 200000000\n' },
    { code: 'vacuum_freeze_min_age = 1000000001\n', name: 'out of range' },
    { code: 'autovacuum_multixact_freeze_max_age = 10000000\n', name: '5000000 = 10000000 / 2' },
  ],
  invalid: [
    {
      code: 'vacuum_freeze_min_age = 500000000\n',
      errors: [
        at(1, 'vacuum_freeze_min_age = ', '500000000', {
          severity: 'warning',
          message: 'vacuum_freeze_min_age = 500000000 is above 0.5 × autovacuum_freeze_max_age (default 200000000 → 100000000): VACUUM silently uses 100000000',
        }),
      ],
    },
    {
      name: 'odd max age: integer division',
      code: 'autovacuum_freeze_max_age = 100001\n',
      errors: [at(1, 'autovacuum_freeze_max_age = ', '100001', { message: 'vacuum_freeze_min_age (default 50000000) is above 0.5 × autovacuum_freeze_max_age (100001 → 50000): VACUUM silently uses 50000' })],
    },
    {
      code: '# mx\nautovacuum_multixact_freeze_max_age = 8000000\n',
      pgVersion: 12,
      errors: [
        at(2, 'autovacuum_multixact_freeze_max_age = ', '8000000', {
          message: 'vacuum_multixact_freeze_min_age (default 5000000) is above 0.5 × autovacuum_multixact_freeze_max_age (8000000 → 4000000): VACUUM silently uses at most 4000000',
        }),
      ],
    },
    {
      name: 'two pairs, two findings',
      code: 'vacuum_freeze_min_age = 1000000000\nvacuum_multixact_freeze_min_age = 1000000000\n',
      errors: [at(1, 'vacuum_freeze_min_age = ', '1000000000'), at(2, 'vacuum_multixact_freeze_min_age = ', '1000000000')],
    },
    { code: { 'postgresql.auto.conf': 'vacuum_freeze_min_age = 100000001\n' }, pgVersion: 18, errors: [at(1, 'vacuum_freeze_min_age = ', '100000001', { file: 'postgresql.auto.conf' })] },
  ],
});

ruleTester(failsafeAgeClamped, {
  valid: [
    { code: '' },
    { code: 'vacuum_failsafe_age = 210000000\n', name: 'exactly 1.05 × the default max age' },
    { code: 'autovacuum_freeze_max_age = 1500000000\n', name: '1.05 × 1500000000 < 1600000000' },
    // The failsafe parameters are 14+.
    { code: 'vacuum_failsafe_age = 1\n', pgVersion: 13 },
    { code: 'autovacuum_freeze_max_age = 2000000000\n', pgVersion: 13 },
    { code: 'vacuum_failsafe_age = 2100000001\n', name: 'out of range' },
  ],
  invalid: [
    {
      code: 'vacuum_failsafe_age = 100000000\n',
      pgVersion: 14,
      errors: [
        at(1, 'vacuum_failsafe_age = ', '100000000', {
          severity: 'info',
          message: 'vacuum_failsafe_age = 100000000 is below 1.05 × autovacuum_freeze_max_age (default 200000000 → 210000000): VACUUM silently uses 210000000',
        }),
      ],
    },
    { code: '\nvacuum_failsafe_age = 0\n', errors: [at(2, 'vacuum_failsafe_age = ', '0')] },
    {
      name: 'a high max age raises the default failsafe age',
      code: 'autovacuum_freeze_max_age = 2000000000\n',
      pgVersion: 18,
      errors: [
        at(1, 'autovacuum_freeze_max_age = ', '2000000000', {
          message: 'vacuum_failsafe_age (default 1600000000) is below 1.05 × autovacuum_freeze_max_age (2000000000 → 2100000000): VACUUM silently uses 2100000000',
        }),
      ],
    },
    {
      name: 'both pairs: two findings',
      code: "autovacuum_freeze_max_age = '2e9'\nautovacuum_multixact_freeze_max_age = 2000000000\n",
      errors: [at(1, 'autovacuum_freeze_max_age = ', "'2e9'"), at(2, 'autovacuum_multixact_freeze_max_age = ', '2000000000')],
    },
    {
      code: 'vacuum_multixact_failsafe_age = 1000\nautovacuum_multixact_freeze_max_age = 10000\n',
      errors: [at(1, 'vacuum_multixact_failsafe_age = ', '1000', { message: /\(10000 → 10500\): VACUUM silently uses 10500$/ })],
    },
  ],
});

// ---------------------------------------------------------------------------------------------

describe('duplicate-setting past the listing limit', () => {
  // postgresql.conf sets work_mem on lines 1..1500, includes extra.conf (which sets it 1300 more
  // times), then sets it 200 more times: every assignment but the last is overridden.
  const main = [
    ...Array.from({ length: 1500 }, (_, i) => `work_mem = ${i + 1}MB`),
    "include 'extra.conf'",
    ...Array.from({ length: 200 }, (_, i) => `work_mem = ${2000 + i}MB`),
  ];
  const extra = Array.from({ length: 1300 }, (_, i) => `work_mem = ${5000 + i}kB`);
  const { findings } = lintTree(
    { 'postgresql.conf': main.join('\n') + '\n', 'extra.conf': extra.join('\n') + '\n' },
    { pgVersion: 16 },
    RULES.filter((r) => r.name === 'duplicate-setting'),
  );
  const byFile = (file: string) => findings.filter((f) => f.file === file);

  test.each([
    // overridden in postgresql.conf: 1500 + 199 (its last line wins); in extra.conf: all 1300
    ['postgresql.conf', 1699, main.length],
    ['extra.conf', 1300, extra.length],
  ])('%s: 1,000 listed, the rest counted in one finding at the last of them', (file, overridden, lastLine) => {
    const all = byFile(file);
    const listed = all.filter((f) => !/not listed/.test(f.message));
    const summary = all.filter((f) => /not listed/.test(f.message));
    expect(listed).toHaveLength(1000);
    expect(listed.map((f) => f.line)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(summary).toHaveLength(1);
    expect(summary[0]!.message).toBe(
      `${overridden - 1000} more duplicate-setting findings in this file are not listed (${overridden} in all; only the first 1000 are)`,
    );
    // the last overridden assignment: the line before the winner in postgresql.conf, the last line of extra.conf
    expect(summary[0]!.line).toBe(file === 'postgresql.conf' ? lastLine - 1 : lastLine);
  });
});
