import { afterAll } from '@jest/globals';
import rule from '../../rules/auth-delay-not-loaded.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const FAST = 'a failed login is answered at once, so passwords can be guessed at full speed';

ruleTester(rule, {
  valid: [
    { code: "shared_preload_libraries = 'auth_delay'\nauth_delay.milliseconds = 500\n" },
    { code: "shared_preload_libraries = '$libdir/auth_delay.so'\nauth_delay.milliseconds = '1s'\n", name: 'path, suffix, unit' },
    { code: "shared_preload_libraries = 'credcheck'\ncredcheck.auth_delay_ms = 200\n", name: 'credcheck delay' },
    {
      code: "shared_preload_libraries = 'auth_delay, credcheck'\nauth_delay.milliseconds = 0\ncredcheck.auth_delay_ms = 100\n",
      name: 'either delay is enough',
    },
    { code: "shared_preload_libraries = 'auth_delay, \"x'\n", name: 'bad list syntax: invalid-value reports it' },
    { code: { 'postgresql.auto.conf': "shared_preload_libraries = ''\n" }, name: 'no postgresql.conf' },
  ],
  invalid: [
    {
      code: "shared_preload_libraries = 'pg_stat_statements'\n",
      errors: [
        { line: 1, column: 28, endColumn: 48, severity: 'warning', message: `shared_preload_libraries = 'pg_stat_statements' loads neither auth_delay nor credcheck: ${FAST}`, help: "Load auth_delay (a restart is needed) and set a delay: shared_preload_libraries = 'pg_stat_statements, auth_delay' and auth_delay.milliseconds = 500." },
      ],
    },
    {
      code: 'port = 5432\nauth_delay.milliseconds = 500\n',
      name: 'absent list; a delay without the module does nothing',
      pgVersion: 10,
      errors: [{ line: 1, column: 1, message: `shared_preload_libraries (not set; the default is '') loads neither auth_delay nor credcheck: ${FAST}` }],
    },
    {
      code: "session_preload_libraries = 'auth_delay'\n",
      name: 'session_preload_libraries is too late',
      errors: [
        {
          line: 1,
          column: 1,
          message: `shared_preload_libraries (not set; the default is '') loads neither auth_delay nor credcheck (auth_delay in session_preload_libraries is loaded after authentication and delays nothing): ${FAST}`,
        },
      ],
    },
    {
      code: "shared_preload_libraries = 'auth_delay'\n",
      name: 'loaded, delay absent',
      pgVersion: 18,
      errors: [{ line: 1, column: 1, message: `auth_delay.milliseconds (not set; the default is 0): auth_delay is loaded but waits 0 ms: ${FAST}` }],
    },
    {
      code: "shared_preload_libraries = 'auth_delay'\nauth_delay.milliseconds = 0\n",
      errors: [{ line: 2, column: 27, endColumn: 28, message: `auth_delay.milliseconds = 0 waits 0 ms: ${FAST}` }],
    },
    {
      code: "shared_preload_libraries = 'auth_delay'\nauth_delay.milliseconds = 'soon'\n",
      name: 'a value auth_delay rejects',
      errors: [{ line: 2, column: 27, message: new RegExp(`^auth_delay.milliseconds = 'soon' is rejected when auth_delay loads \\(.*\\), which keeps the default 0: ${FAST}$`) }],
    },
    {
      code: "shared_preload_libraries = 'credcheck'\n",
      name: 'credcheck without its delay',
      errors: [{ line: 1, column: 1, message: `credcheck.auth_delay_ms (not set; the default is 0): credcheck is loaded but waits 0 ms: ${FAST}` }],
    },
    {
      code: "shared_preload_libraries = 'credcheck'\ncredcheck.auth_delay_ms = '3000s'\n",
      name: 'credcheck delay out of range',
      errors: [{ line: 2, column: 27, message: /^credcheck.auth_delay_ms = '3000s' is rejected when credcheck loads \(.*is outside the valid range.*\), which keeps the default 0/ }],
    },
  ],
});
