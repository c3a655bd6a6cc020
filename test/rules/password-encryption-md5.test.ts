import rule from '../../rules/password-encryption-md5.js';
import { ruleTester } from '../support/rule-tester.js';

// The option flagDefault (cis 5.12, stig V-233596): a password_encryption no file sets, where the
// target major's default is md5 (10–13). The rule's other cases are in test/rules-conf.test.ts.
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
    },
    {
      name: 'set to md5: reported at the value whatever the option',
      code: 'password_encryption = md5\n',
      pgVersion: 16,
      options: { flagDefault: true },
      errors: [{ line: 1, column: 23, message: /^password_encryption = md5: new and changed passwords are stored as MD5 hashes/ }],
    },
  ],
});
