import { afterAll } from '@jest/globals';
import rule from '../../rules/anonymizer-not-loaded.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const WHAT =
  'loads no anonymization extension (anon or pg_anonymize), nor does another preload list: every role that may read a table sees its personal data unmasked, unless the database loads one itself (ALTER DATABASE … SET, not in the files)';

ruleTester(rule, {
  valid: [
    { code: "session_preload_libraries = 'anon'\n" },
    { code: "session_preload_libraries = 'auto_explain, \"pg_anonymize\"'\n", name: 'quoted, in a list' },
    { code: "shared_preload_libraries = '$libdir/anon.so'\n", name: 'in shared_preload_libraries, by path' },
    { code: "local_preload_libraries = 'pg_anonymize'\n", name: 'in local_preload_libraries' },
    { code: "session_preload_libraries = 'anon, \"x'\n", name: 'bad list syntax: invalid-value reports it' },
    { code: { 'postgresql.auto.conf': "session_preload_libraries = ''\n" }, name: 'no postgresql.conf' },
  ],
  invalid: [
    {
      code: "session_preload_libraries = 'auto_explain'\n",
      errors: [{ line: 1, column: 29, endColumn: 43, severity: 'info', message: `session_preload_libraries = 'auto_explain' ${WHAT}`, help: "If the data needs masking, load an anonymizer: session_preload_libraries = 'auto_explain, anon' (PostgreSQL Anonymizer), then declare masking rules; otherwise disable this rule." }],
    },
    {
      code: "shared_preload_libraries = 'pg_stat_statements'\n",
      name: 'absent session list',
      pgVersion: 10,
      errors: [{ line: 1, column: 1, message: `session_preload_libraries (not set; the default is '') ${WHAT}` }],
    },
    {
      code: "session_preload_libraries = 'anonymizer, anon_extra'\n",
      name: 'similar names do not count',
      errors: [{ line: 1, column: 29, message: `session_preload_libraries = 'anonymizer, anon_extra' ${WHAT}` }],
    },
  ],
});
