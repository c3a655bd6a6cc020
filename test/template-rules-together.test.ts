import { afterAll, describe, expect, test } from '@jest/globals';
import hbaInvalidRecord from '../rules/hba-invalid-record.js';
import invalidValue from '../rules/invalid-value.js';
import rule from '../rules/unrendered-template.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

// unrendered-template with the rules that reject the same placeholder (invalid-value, hba-invalid-record):
// one problem, one finding. The cases of unrendered-template alone are in test/rules/unrendered-template.test.ts.
describe('one problem, one finding', () => {
  test("TimeZone = '${TZ}': invalid-value and unrendered-template merge into one finding", () => {
    const { findings, result } = lintTree({ 'postgresql.conf': "TimeZone = '${TZ}'\n" }, { pgVersion: 17 }, [invalidValue, rule]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'invalid-value', line: 1, column: 12 });
    expect(findings[0]!.message).toBe(
      'invalid value for parameter "TimeZone": "${TZ}": PostgreSQL 17 refuses to start with it; also the template placeholder ${TZ} was never rendered (unrendered-template)',
    );
    expect(result.diagnostics).toHaveLength(1);
  });

  test('@@VAR@@ in pg_hba: hba-invalid-record and unrendered-template merge', () => {
    const { findings } = lintTree({ 'pg_hba.conf': 'host replication ruser @@REPLICA@@ md5\n' }, { pgVersion: 17 }, [hbaInvalidRecord, rule]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'hba-invalid-record', column: 24 });
    expect(findings[0]!.message).toMatch(/; also the template placeholder @@REPLICA@@ was never rendered \(unrendered-template\)$/);
  });

  test('${NET}/24 in pg_hba: one finding', () => {
    const { findings } = lintTree({ 'pg_hba.conf': 'host all all ${NET}/24 md5\n' }, { pgVersion: 17 }, [hbaInvalidRecord, rule]);
    expect(findings.map((f) => [f.rule, f.column])).toEqual([['hba-invalid-record', 14]]);
    expect(findings[0]!.message).toMatch(/^specifying both host name and CIDR mask is invalid: "\$\{NET\}\/24".*; also the template placeholder \$\{NET\} was never rendered/);
  });

  test('{{ user }} split into fields: one finding at the rejected token', () => {
    const { findings } = lintTree({ 'pg_hba.conf': 'local all all peer\ninclude_if_exists {{ extra_hba }}\n' }, { pgVersion: 16 }, [hbaInvalidRecord, rule]);
    expect(findings.map((f) => [f.rule, f.line, f.column])).toEqual([['hba-invalid-record', 2, 1]]);
    expect(findings[0]!.message).toMatch(/; also the template placeholder \{\{ extra_hba \}\} was never rendered \(unrendered-template\)$/);
  });

  test('a placeholder and an unrelated rejection on one record stay two findings', () => {
    const { findings } = lintTree({ 'pg_hba.conf': 'host all ${U} 10.0.0.0/8 crypt\n' }, { pgVersion: 17 }, [hbaInvalidRecord, rule]);
    expect(findings.map((f) => [f.rule, f.column]).sort()).toEqual([
      ['hba-invalid-record', 26],
      ['unrendered-template', 10],
    ]);
  });
});
