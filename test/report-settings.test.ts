// The text tables of `settings` and `hba`: at most TEXT_ROWS_MAX rows per cluster (a file of half a
// million lines printed over 100 MB of padded table), then one line saying how many more there are.
import { describe, expect, test } from '@jest/globals';
import { formatSettingsText, TEXT_ROWS_MAX } from '../src/report/settings.js';
import { formatHbaText } from '../src/report/hba.js';
import type { FileSettingRow } from '../src/resolve/settings-rows.js';
import type { HbaRuleRow } from '../src/parse/pg-hba.js';

const settingRow = (i: number): FileSettingRow => ({ sourcefile: 'postgresql.conf', sourceline: i, seqno: i, name: `app.p${i}`, setting: '1', applied: true, error: null, canonical: '1' });

describe('text tables are bounded', () => {
  test(`settings: ${TEXT_ROWS_MAX} rows, then how many more (json lists them all)`, () => {
    const rows = Array.from({ length: TEXT_ROWS_MAX + 5 }, (_, i) => settingRow(i + 1));
    const out = formatSettingsText([{ cluster: 'db', pgVersion: 17, rows }]);
    const lines = out.trimEnd().split('\n');
    // title, header, rule, the rows, the note
    expect(lines).toHaveLength(3 + TEXT_ROWS_MAX + 1);
    expect(lines[3 + TEXT_ROWS_MAX - 1]).toMatch(new RegExp(`^postgresql\\.conf:${TEXT_ROWS_MAX} `));
    expect(lines[lines.length - 1]).toBe(`… and 5 more rows (${TEXT_ROWS_MAX + 5} in all); --format json lists them all`);
    // Up to the limit, no note.
    expect(formatSettingsText([{ cluster: 'db', pgVersion: 17, rows: rows.slice(0, TEXT_ROWS_MAX) }])).not.toContain('more rows');
  });

  test('hba: the same for records', () => {
    const row = (i: number): HbaRuleRow =>
      ({ rule_number: i, file_name: 'pg_hba.conf', line_number: i, type: 'host', database: ['all'], user_name: ['all'], address: '10.0.0.1', netmask: '255.255.255.255', auth_method: 'scram-sha-256', options: null, error: null }) as HbaRuleRow;
    const out = formatHbaText([{ cluster: 'db', file: 'pg_hba.conf', pgVersion: 17, rows: Array.from({ length: TEXT_ROWS_MAX + 1 }, (_, i) => row(i + 1)) }]);
    expect(out.trimEnd().split('\n').pop()).toBe(`… and 1 more record (${TEXT_ROWS_MAX + 1} in all); --format json lists them all`);
  });
});
