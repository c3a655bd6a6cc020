import { requiredSettingLoc } from '../src/analysis/required-setting.js';
import { defineRule } from '../src/linter/rule.js';
import { opt } from '../src/linter/options.js';

export default defineRule({
  name: 'password-encryption-md5',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  fixable: 'sometimes',
  options: {
    flagDefault: opt.boolean(false, 'Also report a password_encryption that no file sets where the default is md5 (PostgreSQL 10–13), at the start of postgresql.conf.'),
  },
  docs: () => ({
    summary: 'password_encryption is md5 (or, up to 13, on/true/yes/1, which mean md5)',
    why:
      'password_encryption decides how CREATE ROLE … PASSWORD and ALTER ROLE … PASSWORD store new passwords. An ' +
      'MD5 hash is salted only with the user name, so a leaked pg_authid (a backup, a replica, a log) can be ' +
      'brute-forced quickly, and the hash itself is enough to log in with md5 authentication. SCRAM-SHA-256 avoids ' +
      'both and is the default since PostgreSQL 14; PostgreSQL 18 deprecates MD5 passwords and warns when one is ' +
      'set. Up to PostgreSQL 13 the old boolean spellings on, true, yes and 1 are accepted and mean md5. The fix ' +
      "(unsafe, for a value a file sets) writes 'scram-sha-256': clients need libpq 10 or newer, and a role whose password " +
      'is then changed gets a SCRAM secret, which an `md5` pg_hba.conf record still accepts.',
    invalid: ['password_encryption = md5'],
    valid: ["password_encryption = 'scram-sha-256'", 'password_encryption = scram-sha-256'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-PASSWORD-ENCRYPTION',
      'https://www.postgresql.org/docs/current/auth-password.html',
    ],
    versions: 'all (10–13 also accept on/true/yes/1 as md5)',
    optionsNote:
      '`flagDefault` is off by default: on those majors an ' +
      'absent setting is the norm, and the finding would say nothing about what the repository chose; the `cis` ' +
      'profile (5.12) and the `stig` profile (V-233596) turn it on, since both ask for scram-sha-256 whatever the ' +
      'default.',
  }),
  check(ctx) {
    const pe = ctx.setting('password_encryption');
    if (pe?.value !== 'md5') return;
    if (!pe.loc) {
      const loc = ctx.options.flagDefault === true ? requiredSettingLoc(ctx, pe) : undefined;
      if (!loc) return;
      ctx.report({
        loc,
        message: `password_encryption (not set; the default of PostgreSQL ${ctx.major} is md5): new and changed passwords are stored as MD5 hashes, which are weak and can be replayed to log in`,
        help: "Add password_encryption = 'scram-sha-256' (clients need libpq 10 or newer); existing MD5 passwords stay until each role's password is set again.",
      });
      return;
    }
    const raw = pe.assignment?.line.raw ?? pe.canonical;
    const written = pe.assignment?.line.value ?? pe.canonical;
    const alias = written.toLowerCase() === 'md5' ? '' : ` (PostgreSQL ${ctx.major} reads it as md5)`;
    ctx.report({
      loc: pe.loc,
      fix: {
        title: "Set password_encryption = 'scram-sha-256' (clients older than libpq 10 cannot log in to roles whose password is set afterwards)",
        edits: [{ loc: pe.loc, text: "'scram-sha-256'" }],
        applicability: 'unsafe',
      },
      message: `password_encryption = ${raw}${alias}: new and changed passwords are stored as MD5 hashes, which are weak and can be replayed to log in`,
      help: "Set password_encryption = 'scram-sha-256' (the default from 14); existing MD5 passwords stay until each role's password is set again.",
    });
  },
});
