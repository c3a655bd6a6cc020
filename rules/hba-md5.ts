import { defineRule } from '../src/linter/rule.js';
import { tokenLoc } from '../src/analysis/hba.js';
import { EXPOSURE_MODEL_DOC, hbaExposures, onServerOnly } from '../src/analysis/exposure.js';
import { lineColumn } from '../src/source/source.js';

export default defineRule({
  name: 'hba-md5',
  severity: 'warning',
  category: 'security',
  precedence: 120,
  appliesTo: ['pg_hba.conf'],
  requires: ['pg_hba.conf'],
  fixable: 'always',
  docs: () => ({
    summary: 'Method `md5`: roles whose password is stored as an MD5 hash log in with the weak MD5 challenge (prefer `scram-sha-256`)',
    why:
      'The method `md5` and the way a password is stored are two things. With `md5` in pg_hba.conf, a role ' +
      'whose password is stored as a SCRAM secret (`password_encryption = scram-sha-256`, the default from ' +
      'PostgreSQL 14) is checked with SCRAM automatically; a role whose password is still stored as an MD5 hash ' +
      '(set before the switch, or given pre-hashed) logs in with the MD5 challenge. An MD5 hash is as good as the ' +
      'password: whoever has it (from a backup, a dump of pg_authid, a replica) can log in, and a sniffed MD5 ' +
      'exchange can be brute-forced offline. With `password_encryption = md5`, every new or changed password is ' +
      'stored that way. Method `scram-sha-256` refuses MD5-stored passwords, so it finishes the migration. ' +
      'PostgreSQL 18 deprecates MD5 passwords (CREATE/ALTER ROLE warn) and a later release will remove them. ' +
      'Records reachable over the network are a warning; local-socket and loopback records information. ' +
      'Records that can never match are not flagged. The fix (unsafe) changes the method to `scram-sha-256`: roles ' +
      'whose password is still stored as an MD5 hash can no longer log in through the record until their password is set again.\n\n' +
      EXPOSURE_MODEL_DOC,
    invalid: ['host    all   app   10.20.0.0/16   md5'],
    valid: ['host    all   app   10.20.0.0/16   scram-sha-256'],
    references: [
      'https://www.postgresql.org/docs/current/auth-password.html',
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-PASSWORD-ENCRYPTION',
      'https://www.postgresql.org/docs/18/release-18.html',
    ],
    versions: 'all; password_encryption defaults to scram-sha-256 from 14; MD5 passwords deprecated in 18',
  }),
  check(ctx) {
    const pe = ctx.setting('password_encryption');
    const scram = pe !== undefined && pe.value === 'scram-sha-256';
    let source: string;
    if (pe?.assignment) {
      const a = pe.assignment;
      source = `password_encryption = ${a.line.raw} at ${a.file.path}:${lineColumn(a.file, a.line.nameStart).line}`;
    } else if (ctx.cluster.conf) {
      source = `password_encryption = ${pe?.canonical ?? 'md5'}, the default of PostgreSQL ${ctx.major}`;
    } else {
      source = `password_encryption = ${pe?.canonical ?? 'md5'} by default in PostgreSQL ${ctx.major} (no postgresql.conf in this cluster)`;
    }
    const deprecated =
      ctx.major >= 18 ? `MD5 passwords are deprecated in PostgreSQL ${ctx.major} and will be removed` : 'MD5 passwords are deprecated from PostgreSQL 18';
    const stored = scram
      ? `with ${source}, roles whose password is stored as SCRAM are checked with SCRAM automatically, but a role whose password is still an MD5 hash (set before the switch, or given pre-hashed) logs in with the MD5 challenge, and that hash alone is enough to log in`
      : `with ${source}, new and changed passwords are stored as MD5 hashes and checked with the MD5 challenge: a stolen hash alone is enough to log in`;
    // The fix (unsafe): the method scram-sha-256. Every role whose password is stored as an MD5 hash
    // can no longer log in through this record until its password is set again.
    const fixTitle = scram
      ? 'Change the method to scram-sha-256 (roles whose password is stored as an MD5 hash can no longer log in through this record until it is set again)'
      : 'Change the method to scram-sha-256 (roles whose password is stored as an MD5 hash can no longer log in through this record until it is set again; password_encryption is md5, so set it to scram-sha-256 first, or every new password is MD5 too)';
    for (const e of hbaExposures(ctx)) {
      const r = e.info.record;
      if (r.method !== 'md5') continue;
      const loc = tokenLoc(r.methodToken);
      ctx.report({
        fix: { title: fixTitle, edits: [{ loc, text: 'scram-sha-256' }], applicability: 'unsafe' },
        loc,
        message: `md5 method: ${e.text}; ${stored}; ${deprecated}`,
        help: scram
          ? "Change the method to scram-sha-256: it refuses MD5-stored passwords, so reset those first (SELECT rolname FROM pg_authid WHERE rolpassword LIKE 'md5%' lists them)."
          : 'Set password_encryption = scram-sha-256, reset the passwords, then change the method to scram-sha-256.',
        ...(onServerOnly(e) ? { severity: 'info' as const } : {}),
        group: { key: e.groupKey, concern: 'the md5 method (hba-md5)' },
      });
    }
  },
});
