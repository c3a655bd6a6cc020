import rule from '../../rules/password-encryption-md5.js';
import { at } from '../support/conf-cases.js';
import { ruleTester } from '../support/rule-tester.js';

// The option flagDefault (cis 5.12, stig V-233596): a password_encryption no file sets, where the
// target major's default is md5 (10–13): no file line to rewrite, so no fix.
ruleTester(rule, {
  valid: [
    { name: 'absent on 13: not reported by default', code: 'work_mem = 4MB\n', pgVersion: 13 },
    { name: 'absent on 14: the default is scram-sha-256', code: 'work_mem = 4MB\n', pgVersion: 14, options: { flagDefault: true } },
    { name: 'set to scram on 12', code: "password_encryption = 'scram-sha-256'\n", pgVersion: 12, options: { flagDefault: true } },
    { name: 'no postgresql.conf: nothing to report at', code: { 'postgresql.auto.conf': 'work_mem = 4MB\n' }, pgVersion: 12, options: { flagDefault: true } },
    { name: 'an invalid value: invalid-value reports the line, not "not set"', code: 'password_encryption = sha1\n', pgVersion: 12, options: { flagDefault: true } },
  ],
  invalid: [
    {
      name: 'absent on 13 with flagDefault',
      code: 'work_mem = 4MB\n',
      pgVersion: 13,
      options: { flagDefault: true },
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'warning',
          message:
            'password_encryption (not set; the default of PostgreSQL 13 is md5): new and changed passwords are stored as MD5 hashes, which are weak and can be replayed to log in',
        },
      ],
      output: null,
    },
    {
      name: 'set to md5: reported at the value whatever the option',
      code: 'password_encryption = md5\n',
      pgVersion: 16,
      options: { flagDefault: true },
      errors: [{ line: 1, column: 23, message: /^password_encryption = md5: new and changed passwords are stored as MD5 hashes/ }],
      output: "password_encryption = 'scram-sha-256'\n",
    },
  ],
});

// The value as written (the fix, unsafe: writes scram-sha-256).
ruleTester(rule, {
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
      errors: [at(1, 'password_encryption = ', 'md5', { severity: 'warning', message: 'password_encryption = md5: new and changed passwords are stored as MD5 hashes, which are weak and can be replayed to log in', help: "Set password_encryption = 'scram-sha-256' (the default from 14); existing MD5 passwords stay until each role's password is set again.", fix: { title: "Set password_encryption = 'scram-sha-256' (clients older than libpq 10 cannot log in to roles whose password is set afterwards)", applicability: 'unsafe' } })],
      output: "password_encryption = 'scram-sha-256'\n",
    },
    { code: "# old\npassword_encryption = 'MD5'\n", pgVersion: 18, errors: [at(2, 'password_encryption = ', "'MD5'", { message: /^password_encryption = 'MD5': / })], output: "# old\npassword_encryption = 'scram-sha-256'\n" },
    ...(['on', 'true', 'yes', '1', 'ON', "'on'"] as const).flatMap((v) =>
      ([10, 12, 13] as const).map((major) => ({
        code: `password_encryption = ${v}\n`,
        pgVersion: major,
        errors: [at(1, 'password_encryption = ', v, { message: new RegExp(`^password_encryption = ${v} \\(PostgreSQL ${major} reads it as md5\\): `) })],
        output: "password_encryption = 'scram-sha-256'\n",
      })),
    ),
    {
      name: 'from postgresql.auto.conf over scram in postgresql.conf',
      code: { 'postgresql.conf': "password_encryption = 'scram-sha-256'\n", 'postgresql.auto.conf': 'password_encryption = md5\n' },
      errors: [at(1, 'password_encryption = ', 'md5', { file: 'postgresql.auto.conf' })],
      output: { 'postgresql.auto.conf': "password_encryption = 'scram-sha-256'\n" },
    },
    {
      name: 'two clusters',
      code: { 'a/postgresql.conf': 'password_encryption = md5\n', 'b/postgresql.conf': 'port = 1\npassword_encryption = on\n' },
      pgVersion: 13,
      errors: [at(1, 'password_encryption = ', 'md5', { file: 'a/postgresql.conf' }), at(2, 'password_encryption = ', 'on', { file: 'b/postgresql.conf' })],
      output: { 'a/postgresql.conf': "password_encryption = 'scram-sha-256'\n", 'b/postgresql.conf': "port = 1\npassword_encryption = 'scram-sha-256'\n" },
    },
  ],
});
