/**
 * log-line-prefix-incomplete reads log_line_prefix as elog.c's log_status_format does. The real
 * server is the judge: for each prefix, a server runs with it, logs an error of a session of user
 * "postgres", and the prefix it wrote shows whether `%u` was expanded — which must be exactly when
 * prefixEscapes() finds `%u` (literal `%%`, paddings, a `%` or padding that ends the string, an
 * escape letter after a padding that is not one).
 */
import { describe, expect, it } from '@jest/globals';
import { prefixEscapes } from '../../rules/log-line-prefix-incomplete.js';
import { clustersPerMajor, majorsFromEnv } from '../support/oracle.js';

const MAJORS = majorsFromEnv();
const clusters = clustersPerMajor(MAJORS);

/** None contains the text "postgres" itself; a `|` ends each, so a trailing `%` or padding is at the end of the prefix only in the cases meant to test that. */
const PREFIXES = [
  '%u',
  'A%%uB',
  '%%%u',
  '%%%%u',
  'C%-10uD',
  'E% uF',
  'G%5uH',
  '%-u',
  '%0u',
  'L%-%M',
  '%1%u',
  'N%qO%uP',
  '%m [%p] %q%u@%d ',
];
/** Prefixes whose end is an unfinished escape: no terminator after them. */
const UNFINISHED = ['I%u%-', 'J%12', 'K%', 'x%u%'];

describe.each(MAJORS)('log_line_prefix escapes against PostgreSQL %i', (major) => {
  it('%u is expanded exactly where prefixEscapes finds it', async () => {
    const c = clusters.get(major)!;
    const cases = [...PREFIXES.map((p) => ({ p, written: `${p}|` })), ...UNFINISHED.map((p) => ({ p, written: p }))];
    const got: Record<string, boolean> = {};
    const want: Record<string, boolean> = {};
    for (const { p, written } of cases) {
      c.writeFile(c.serverConfig, `log_line_prefix = '${written}'\n`);
      c.serverLog = '';
      await c.start();
      await c.query('select 1/0').catch(() => undefined);
      await c.stop();
      const line = c.serverLog.split('\n').find((l) => l.includes('ERROR:  division by zero'));
      expect(line).toBeDefined();
      got[p] = line!.slice(0, line!.indexOf('ERROR:')).includes('postgres');
      want[p] = prefixEscapes(written).has('%u');
    }
    expect(got).toEqual(want);
    // Both answers occur: the cases can tell a parser that always (or never) finds %u.
    expect(new Set(Object.values(got))).toEqual(new Set([true, false]));
  }, 300_000);
});
