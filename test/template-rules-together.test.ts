import { afterAll, describe, expect, test } from '@jest/globals';
import hbaInvalidRecord from '../rules/hba-invalid-record.js';
import invalidValue from '../rules/invalid-value.js';
import rule from '../rules/unrendered-template.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

// unrendered-template with the rules that reject the same placeholder (invalid-value, hba-invalid-record):
// one problem, one finding, and unrendered-template's ("render the template") is the one kept: its
// precedence is higher, whatever the order the rules are given in. The cases of unrendered-template alone are in test/rules/unrendered-template.test.ts.
describe('one problem, one finding', () => {
  test("TimeZone = '${TZ}': invalid-value and unrendered-template merge into one finding", () => {
    const { findings, result } = lintTree({ 'postgresql.conf': "TimeZone = '${TZ}'\n" }, { pgVersion: 17 }, [invalidValue, rule]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'unrendered-template', line: 1, column: 13, also: ['invalid-value'] });
    expect(findings[0]!.message).toBe(
      "TimeZone = '${TZ}' still holds the template placeholder ${TZ}, which was never rendered: PostgreSQL reads it literally, rejects the value and refuses to start; also a value PostgreSQL rejects (invalid-value)",
    );
    expect(result.diagnostics).toHaveLength(1);
  });

  test('@@VAR@@ in pg_hba: hba-invalid-record and unrendered-template merge', () => {
    const { findings } = lintTree({ 'pg_hba.conf': 'host replication ruser @@REPLICA@@ md5\n' }, { pgVersion: 17 }, [hbaInvalidRecord, rule]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'unrendered-template', column: 24, also: ['hba-invalid-record'] });
    expect(findings[0]!.message).toMatch(/^the field @@REPLICA@@ is a template placeholder that was never rendered: .*; also a record PostgreSQL rejects \(hba-invalid-record\)$/);
  });

  test('${NET}/24 in pg_hba: one finding', () => {
    const { findings } = lintTree({ 'pg_hba.conf': 'host all all ${NET}/24 md5\n' }, { pgVersion: 17 }, [hbaInvalidRecord, rule]);
    expect(findings.map((f) => [f.rule, f.column, f.also])).toEqual([['unrendered-template', 14, ['hba-invalid-record']]]);
    expect(findings[0]!.message).toMatch(/^the field \$\{NET\} is a template placeholder that was never rendered: .*; also a record PostgreSQL rejects \(hba-invalid-record\)$/);
  });

  test('{{ user }} split into fields: one finding, at the placeholder', () => {
    const { findings } = lintTree({ 'pg_hba.conf': 'local all all peer\ninclude_if_exists {{ extra_hba }}\n' }, { pgVersion: 16 }, [hbaInvalidRecord, rule]);
    expect(findings.map((f) => [f.rule, f.line, f.column, f.also])).toEqual([['unrendered-template', 2, 19, ['hba-invalid-record']]]);
    expect(findings[0]!.message).toMatch(/^the field \{\{ extra_hba \}\} is a template placeholder .*; also a record PostgreSQL rejects \(hba-invalid-record\)$/);
  });

  test('a placeholder and an unrelated rejection on one record stay two findings', () => {
    const { findings } = lintTree({ 'pg_hba.conf': 'host all ${U} 10.0.0.0/8 crypt\n' }, { pgVersion: 17 }, [hbaInvalidRecord, rule]);
    expect(findings.map((f) => [f.rule, f.column]).sort()).toEqual([
      ['hba-invalid-record', 26],
      ['unrendered-template', 10],
    ]);
  });
});
