import { afterAll, describe, expect, test } from '@jest/globals';
import rule, { isUtcZone } from '../../rules/log-timezone-not-utc.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const WHY =
  'server log timestamps are not in UTC — logs of servers in other zones must be converted before they can be merged, and in a zone with daylight saving time an hour of log repeats every year';

ruleTester(rule, {
  valid: [
    { code: '', name: 'absent: GMT (the compiled-in default)' },
    { code: "log_timezone = 'UTC'\n" },
    { code: "log_timezone = 'Etc/UTC'\n" },
    { code: "log_timezone = 'gmt'\n", name: 'any letter case' },
    { code: "log_timezone = 'Etc/Zulu'\n" },
    { code: "log_timezone = ':UTC'\n", name: 'leading colon' },
    { code: "log_timezone = 'Europe/Paris'\nlog_timezone = 'UTC'\n", name: 'overridden' },
    { code: "timezone = 'Europe/Paris'\n", name: 'timezone (what clients see) is not judged' },
  ],
  invalid: [
    {
      code: "log_timezone = 'Europe/Paris'\n",
      errors: [{ line: 1, column: 16, endColumn: 30, severity: 'info', message: `log_timezone = 'Europe/Paris': ${WHY}`, help: "Set log_timezone = 'UTC' (the timezone parameter, which clients see, can stay local)." }],
    },
    {
      name: 'a zone without daylight saving time is still not UTC',
      code: "# initdb wrote this\nlog_timezone = 'Asia/Tokyo'\n",
      pgVersion: 10,
      errors: [{ line: 2, column: 16, message: `log_timezone = 'Asia/Tokyo': ${WHY}` }],
    },
    { name: 'a POSIX spec', code: "log_timezone = 'UTC0'\n", errors: [{ line: 1, column: 16 }] },
    { name: 'offset one hour', code: "log_timezone = 'Etc/GMT+1'\n", errors: [{ line: 1, column: 16 }] },
  ],
});

describe('isUtcZone', () => {
  test('tz database names of UTC and GMT, in any case', () => {
    for (const z of ['UTC', 'utc', 'Etc/UTC', 'UCT', 'Universal', 'Zulu', 'GMT', 'Etc/GMT-0', 'GMT+0', 'GMT0', 'Greenwich', ':Etc/UTC']) {
      expect([z, isUtcZone(z)]).toEqual([z, true]);
    }
    for (const z of ['Europe/London', 'Etc/GMT+1', 'UTC0', 'UTC+0', 'Z', '', '::UTC']) {
      expect([z, isUtcZone(z)]).toEqual([z, false]);
    }
  });
});
