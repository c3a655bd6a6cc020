import { defineRule } from '../src/linter/rule.js';

export default defineRule({
  name: 'standard-conforming-strings-off',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'standard_conforming_strings is off: backslashes in ordinary string literals are escape characters',
    why:
      "With standard_conforming_strings off, PostgreSQL treats a backslash in an ordinary '…' literal as an escape " +
      "character, as before 9.1. An application that escapes user input only by doubling single quotes (what the SQL " +
      "standard asks for) can then be SQL-injected: the input `\\'; DROP TABLE t; --` becomes `'\\''; DROP TABLE t; --'`, " +
      'where the backslash escapes the first of the doubled quotes and the second ends the literal. Client libraries must ask the ' +
      'server which mode is on to escape correctly, and SQL written for the standard behaviour (regular expressions, ' +
      'Windows paths, LIKE patterns) silently means something else. The setting exists only for old applications; ' +
      "the default has been on since PostgreSQL 9.1. Use E'…' literals where backslash escapes are wanted.",
    invalid: ['standard_conforming_strings = off'],
    valid: ['standard_conforming_strings = on', '# standard_conforming_strings = off'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-compatible.html#GUC-STANDARD-CONFORMING-STRINGS',
      'https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-STRINGS-ESCAPE',
      'https://www.postgresql.org/docs/9.1/release-9-1.html',
    ],
    versions: 'all (a boolean in 10–18; a major whose catalog lacks it is not checked)',
  }),
  check(ctx) {
    const scs = ctx.setting('standard_conforming_strings'); // undefined if the target major has no such parameter
    if (!scs?.loc || scs.def.type !== 'bool' || scs.value !== false) return;
    const raw = scs.assignment?.line.raw ?? scs.canonical;
    ctx.report({
      loc: scs.loc,
      message:
        `standard_conforming_strings = ${raw}${raw === scs.canonical ? '' : ` (${scs.canonical})`}: backslashes in ordinary string literals ` +
        'become escape characters, so applications that escape input by doubling quotes can be SQL-injected, and standard SQL changes meaning',
      help: "Remove the line (on is the default since 9.1); write E'…' literals where backslash escapes are wanted, and check the application's escaping before switching.",
    });
  },
});
