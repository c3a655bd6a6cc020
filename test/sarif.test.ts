import { afterAll, describe, expect, test } from '@jest/globals';
import { RULES } from '../rules/index.js';
import { FINGERPRINT_KEY, artifactLocation, isSecurityRule, toSarif, type SarifFix, type SarifLog } from '../src/report/sarif.js';
import type { Edit, Loc } from '../src/types.js';
import { VERSION } from '../src/version.js';
import { deleteLine, fixRule, replaceValue } from './support/fix-rule.js';
import { sarifValidator } from './support/sarif-schema.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const validate = sarifValidator();

function expectValid(log: SarifLog): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const HBA = 'local all all peer\nhost all all 0.0.0.0/0 scram-sha-256\n';

describe('SARIF 2.1.0', () => {
  test('a report validates against the SARIF schema and carries the driver and every rule', () => {
    const { result } = lintTree({ 'db/postgresql.conf': "work_mem = 8mb\nshared_buffer = 1\n", 'db/pg_hba.conf': HBA });
    const log = toSarif(result);
    expectValid(log);
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    // the validator does reject a broken log
    expect(validate({ ...log, runs: [{ results: log.runs[0]!.results }] })).toBe(false);
    expect(log.version).toBe('2.1.0');
    const driver = log.runs[0]!.tool.driver;
    expect(driver).toMatchObject({ name: 'pgconf-lint', version: VERSION, informationUri: expect.stringMatching(/^https:\/\//) });
    expect(driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.name));
    for (const r of driver.rules) {
      expect(r.shortDescription.text).not.toBe('');
      expect(r.fullDescription.text).not.toBe('');
      expect(r.help.markdown).toContain(`(https://github.com/pgconf-lint/pgconf-lint/blob/v${VERSION}/docs/rules/${r.id}.md)`);
      expect(r.help.text).toContain(r.helpUri);
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration.level);
    }
  });

  test('results: ruleId/ruleIndex, level, repository-relative location with exclusive end column', () => {
    const { result } = lintTree({ 'db/postgresql.conf': '# tuning\nwork_mem = 8mb\n' });
    const log = toSarif(result);
    const res = log.runs[0]!.results.find((r) => r.ruleId === 'invalid-value')!;
    expect(log.runs[0]!.tool.driver.rules[res.ruleIndex]!.id).toBe('invalid-value');
    expect(res.level).toBe('error');
    expect(res.message.text).toMatch(/invalid value for parameter "work_mem": "8mb"/);
    expect(res.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'db/postgresql.conf', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 12, endLine: 2, endColumn: 15 },
    });
  });

  test('security-severity only on security rules; security rules are tagged', () => {
    const log = toSarif(lintTree({ 'postgresql.conf': '' }).result);
    for (const r of log.runs[0]!.tool.driver.rules) {
      if (isSecurityRule(RULES.find((x) => x.name === r.id)!)) {
        expect(r.properties.tags).toContain('security');
        expect(Number(r.properties['security-severity'])).toBeGreaterThan(0);
      } else {
        expect(r.properties['security-severity']).toBeUndefined();
        expect(r.properties.tags).not.toContain('security');
      }
    }
    expect(
      [
        'hba-open-to-world',
        'hba-trust-remote',
        'hba-md5',
        'hba-superuser-remote',
        'hba-local-trust',
        'ssl-disabled',
        'password-encryption-md5',
        'secret-in-config',
        'listen-on-all-addresses',
        'log-statement-secrets',
        'replication-conninfo-insecure',
        'standard-conforming-strings-off',
      ].every((n) => isSecurityRule(RULES.find((x) => x.name === n)!)),
    ).toBe(true);
    expect(['hba-invalid-record', 'invalid-value', 'fsync-off', 'syntax-error', 'unrendered-template', 'memory-overcommit', 'archive-command-noop'].some((n) => isSecurityRule(RULES.find((x) => x.name === n)!))).toBe(false);
  });

  test('suppressed findings are kept as inSource suppressions with the reason', () => {
    const { result } = lintTree({ 'postgresql.conf': '# pgconf-lint disable-next-line invalid-value -- legacy value, fixed in the next release\nwork_mem = 8mb\n' });
    const log = toSarif(result);
    expectValid(log);
    const res = log.runs[0]!.results.find((r) => r.ruleId === 'invalid-value')!;
    expect(res.suppressions).toEqual([{ kind: 'inSource', justification: 'legacy value, fixed in the next release' }]);
  });

  test('partial fingerprints survive lines inserted above, and tell identical lines apart', () => {
    const before = lintTree({ 'postgresql.conf': 'work_mem = 8mb\nmaintenance_work_mem = 64mb\n' }).result;
    const after = lintTree({ 'postgresql.conf': '# a comment\n\nwork_mem = 8mb\nmaintenance_work_mem = 64mb\n' }).result;
    const prints = (r: typeof before): string[] => toSarif(r).runs[0]!.results.map((x) => x.partialFingerprints[FINGERPRINT_KEY]!);
    expect(prints(after)).toEqual(prints(before));
    expect(new Set(prints(before)).size).toBe(2);
    const twice = lintTree({ 'a/postgresql.conf': 'work_mem = 8mb\n', 'b/postgresql.conf': 'work_mem = 8mb\n' }).result;
    expect(new Set(prints(twice)).size).toBe(2); // different files
    const changed = lintTree({ 'postgresql.conf': 'work_mem = 16mb\nmaintenance_work_mem = 64mb\n' }).result;
    expect(prints(changed)[0]).not.toBe(prints(before)[0]); // a different line is a different alert
    expect(prints(changed)[1]).toBe(prints(before)[1]);
  });

  test('related locations and odd file names stay valid SARIF', () => {
    const { result } = lintTree({ 'my db/postgresql.conf': 'max_connections = 100\nmax_connections = 200\n' });
    const log = toSarif(result);
    expectValid(log);
    const dup = log.runs[0]!.results.find((r) => r.ruleId === 'duplicate-setting')!;
    expect(dup.locations[0]!.physicalLocation.artifactLocation.uri).toBe('my%20db/postgresql.conf');
    expect(dup.relatedLocations?.[0]?.physicalLocation.region.startLine).toBe(2);
    expect(artifactLocation('/etc/postgresql/16/main/pg_hba.conf')).toEqual({ uri: 'file:///etc/postgresql/16/main/pg_hba.conf' });
  });

  test('fixes: artifactChanges with one replacement per edit (insertion: an empty region; deletion: no insertedContent), the applicability in properties', () => {
    const grow = (value: Loc, text: string): Edit[] => {
      const next = text.indexOf('\n', value.end) + 1;
      return [{ loc: value, text: '2GB' }, { loc: { file: value.file, start: next, end: next }, text: '# was 1GB\n' }];
    };
    const rules = [
      fixRule('test-grow', 'shared_buffers', 'safe', grow, 'Grow shared_buffers'),
      fixRule('test-del', 'max_connections', 'unsafe', deleteLine, 'Remove max_connections'),
    ];
    const { result } = lintTree({ 'my db/postgresql.conf': 'shared_buffers = 1GB\nmax_connections = 10\nfsync = off\n' }, {}, [...rules, RULES.find((r) => r.name === 'fsync-off')!]);
    const log = toSarif(result, [...RULES, ...rules]);
    expectValid(log);
    const byRule = new Map(log.runs[0]!.results.map((r) => [r.ruleId, r]));
    const uri = { uri: 'my%20db/postgresql.conf', uriBaseId: '%SRCROOT%' };
    expect(byRule.get('test-grow')!.fixes).toEqual([
      {
        description: { text: 'Grow shared_buffers' },
        artifactChanges: [
          {
            artifactLocation: uri,
            replacements: [
              { deletedRegion: { startLine: 1, startColumn: 18, endLine: 1, endColumn: 21 }, insertedContent: { text: '2GB' } },
              { deletedRegion: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 }, insertedContent: { text: '# was 1GB\n' } },
            ],
          },
        ],
        properties: { applicability: 'safe' },
      },
    ]);
    expect(byRule.get('test-del')!.fixes).toEqual([
      {
        description: { text: 'Remove max_connections' },
        artifactChanges: [{ artifactLocation: uri, replacements: [{ deletedRegion: { startLine: 2, startColumn: 1, endLine: 3, endColumn: 1 } }] }],
        properties: { applicability: 'unsafe' },
      },
    ]);
    expect(byRule.get('fsync-off')!.fixes).toBeUndefined();
    // the schema checks fixes: one without artifactChanges is rejected
    const broken = structuredClone(log);
    delete (broken.runs[0]!.results.find((r) => r.ruleId === 'test-grow')!.fixes![0] as Partial<SarifFix>).artifactChanges;
    expect(validate(broken)).toBe(false);
  });

  test('a fix that would insert a credential is left out of the log', () => {
    const GHS = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
    const rules = [fixRule('test-secret', 'work_mem', 'safe', replaceValue(`'${GHS}'`))];
    const { result } = lintTree({ 'postgresql.conf': 'work_mem = 8MB\n' }, {}, rules);
    const log = toSarif(result, [...RULES, ...rules]);
    expect(log.runs[0]!.results.find((r) => r.ruleId === 'test-secret')!.fixes).toBeUndefined();
    expect(JSON.stringify(log)).not.toContain('ghs_');
  });
});
