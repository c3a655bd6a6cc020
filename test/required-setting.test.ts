import { afterAll, describe, expect, test } from '@jest/globals';
import { settingText, shownValue, withUnit } from '../src/analysis/required-setting.js';
import { effectiveSetting } from '../src/linter/settings.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

describe('how a finding names a setting (src/analysis/required-setting.ts)', () => {
  test('defaults are shown as SHOW prints them: the largest whole unit (PostgreSQL 17 boot values)', () => {
    const { result } = lintTree({ 'postgresql.conf': 'work_mem = 8MB\n' }, { pgVersion: 17 });
    const cluster = result.clusters[0]!;
    const shown = (name: string): string => shownValue(effectiveSetting(cluster, name)!);
    // What `SHOW name` prints on a PostgreSQL 17 server with nothing set.
    expect(shown('authentication_timeout')).toBe('1min');
    expect(shown('checkpoint_timeout')).toBe('5min');
    expect(shown('shared_buffers')).toBe('128MB');
    expect(shown('effective_cache_size')).toBe('4GB');
    expect(shown('wal_writer_delay')).toBe('200ms');
    expect(shown('log_rotation_age')).toBe('1d');
    expect(shown('log_rotation_size')).toBe('10MB');
    expect(shown('temp_file_limit')).toBe('-1');
    expect(shown('statement_timeout')).toBe('0');
    expect(shown('log_line_prefix')).toBe("'%m [%p] '");
    // A value a file sets is quoted as written.
    expect(settingText(effectiveSetting(cluster, 'work_mem')!)).toBe('work_mem = 8MB');
    expect(settingText(effectiveSetting(cluster, 'authentication_timeout')!)).toBe('authentication_timeout (not set; the default is 1min)');
  });

  test('withUnit: never below the base unit, bare numbers for zero and negatives', () => {
    expect(withUnit(8, '8kB')).toBe('64kB');
    expect(withUnit(90, 's')).toBe('90s');
    expect(withUnit(1000, 'ms')).toBe('1s');
    expect(withUnit(100, 'B')).toBe('100B');
    expect(withUnit(0, 'ms')).toBe('0');
    expect(withUnit(-1, 'kB')).toBe('-1');
    expect(withUnit(5, null)).toBe('5');
  });
});
