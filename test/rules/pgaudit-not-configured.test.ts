import { afterAll, describe, expect, test } from '@jest/globals';
import rule, { auditClasses } from '../../rules/pgaudit-not-configured.js';
import { libraryName } from '../../src/analysis/preload.js';
import { cleanupFixtures, lintTree } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const NOT_LOADED = 'does not load pgaudit: no audit record is written, so CREATE, ALTER and DROP of objects other than roles; INSERT, UPDATE, DELETE, TRUNCATE and COPY into tables leave no audit trail';

describe('libraryName', () => {
  test.each([
    ['pgaudit', 'pgaudit'],
    ['$libdir/pgaudit', 'pgaudit'],
    ['pgaudit.so', 'pgaudit'],
    ['/usr/lib/postgresql/17/lib/pgaudit.so', 'pgaudit'],
    ['C:\\pg\\lib\\pgaudit.dll', 'pgaudit'],
    ['pgaudit.dylib', 'pgaudit'],
    ['PGAudit', 'pgaudit'],
    ['pgauditlogtofile', 'pgauditlogtofile'],
    ['pgaudit.sox', 'pgaudit.sox'],
  ])('%s -> %s', (element, name) => expect(libraryName(element)).toBe(name));
});

describe('auditClasses (check_pgaudit_log)', () => {
  const sorted = (v: string): string[] | string => {
    const r = auditClasses(v);
    return typeof r === 'string' ? r : [...r].sort();
  };
  test('classes, case-insensitive, quoted', () => expect(sorted('DDL, "Write"')).toEqual(['ddl', 'write']));
  test('all minus misc removes misc_set too', () => expect(sorted('all, -misc')).toEqual(['ddl', 'function', 'read', 'role', 'write']));
  test('misc adds misc_set', () => expect(sorted('misc')).toEqual(['misc', 'misc_set']));
  test('order matters', () => expect(sorted('-ddl, ddl')).toEqual(['ddl']));
  test('none adds nothing', () => expect(sorted('none')).toEqual([]));
  test('empty is none', () => expect(sorted('')).toEqual([]));
  test('unknown class', () => expect(sorted('ddl, wirte')).toBe('"wirte" is not a pgaudit class'));
  test('bad list syntax', () => expect(sorted('ddl write')).toBe('its list syntax is invalid'));
  test('a blank after the minus', () => expect(sorted('- ddl')).toBe('its list syntax is invalid'));
});

ruleTester(rule, {
  valid: [
    { code: "shared_preload_libraries = 'pgaudit'\npgaudit.log = 'ddl, write'\n" },
    { code: "shared_preload_libraries = 'pg_stat_statements,pgaudit'\npgaudit.log = 'write,ddl,role'\n", name: 'no spaces, more classes' },
    { code: "shared_preload_libraries = '$libdir/pgaudit'\npgaudit.log = 'all, -misc'\n", name: '$libdir path, all minus misc' },
    { code: "shared_preload_libraries = '\"pgaudit\", pg_stat_statements'\npgaudit.log = 'all'\n", name: 'quoted name' },
    { code: "shared_preload_libraries = ' pgaudit.so , pgaudit.so '\nPGAUDIT.LOG = 'DDL, WRITE'\n", name: 'spaces, duplicates, suffix, upper-case parameter name' },
    { code: "shared_preload_libraries = 'pgaudit'\npgaudit.log = 'none'\npgaudit.log = 'ddl, write'\n", name: 'the last assignment wins' },
    {
      code: { 'postgresql.conf': "shared_preload_libraries = 'pgaudit'\n", 'postgresql.auto.conf': "pgaudit.log = 'ddl,write'\n" },
      name: 'pgaudit.log in postgresql.auto.conf',
    },
    { code: "shared_preload_libraries = 'pgaudit, \"broken'\n", name: 'bad list syntax: invalid-value reports it' },
    { code: { 'postgresql.auto.conf': "shared_preload_libraries = 'x'\n" }, name: 'no postgresql.conf: nothing to judge' },
    { code: "shared_preload_libraries = 'pgaudit'\npgaudit.log = 'role'\n", options: { classes: ['role'] }, name: 'option classes' },
    { code: "shared_preload_libraries = 'pgaudit'\n", options: { classes: [] }, name: 'no classes required: loading is enough' },
  ],
  invalid: [
    {
      code: "shared_preload_libraries = 'pg_stat_statements'\n",
      errors: [{ line: 1, column: 28, endColumn: 48, severity: 'warning', message: `shared_preload_libraries = 'pg_stat_statements' ${NOT_LOADED}` }],
    },
    {
      code: '# nothing\nport = 5432\n',
      name: 'absent: the default is empty',
      pgVersion: 10,
      errors: [{ line: 1, column: 1, message: `shared_preload_libraries (not set; the default is '') ${NOT_LOADED}` }],
    },
    {
      code: "shared_preload_libraries = 'pgauditlogtofile'\npgaudit.log = 'ddl, write'\n",
      name: 'pgauditlogtofile is not pgaudit',
      errors: [{ line: 1, column: 28, message: /^shared_preload_libraries = 'pgauditlogtofile' does not load pgaudit/ }],
    },
    {
      code: "session_preload_libraries = 'pgaudit'\n",
      name: 'pgaudit only loads from shared_preload_libraries',
      errors: [
        {
          line: 1,
          column: 1,
          message: `shared_preload_libraries (not set; the default is '') does not load pgaudit (pgaudit refuses to load from session_preload_libraries: it must be in shared_preload_libraries)${NOT_LOADED.slice('does not load pgaudit'.length)}`,
        },
      ],
    },
    {
      code: "shared_preload_libraries = 'pgaudit'\n",
      name: 'loaded, pgaudit.log absent',
      pgVersion: 18,
      errors: [
        {
          line: 1,
          column: 1,
          message:
            'pgaudit.log (not set; the default is none): pgaudit is loaded but logs no statement, so CREATE, ALTER and DROP of objects other than roles; INSERT, UPDATE, DELETE, TRUNCATE and COPY into tables leave no audit record',
        },
      ],
    },
    {
      code: "shared_preload_libraries = 'pgaudit'\npgaudit.log = 'ddl'\n",
      errors: [
        {
          line: 2,
          column: 15,
          endColumn: 20,
          message: "pgaudit.log = 'ddl' does not log write (INSERT, UPDATE, DELETE, TRUNCATE and COPY into tables): those statements leave no audit record",
        },
      ],
    },
    {
      code: "shared_preload_libraries = 'pgaudit'\npgaudit.log = none\n",
      errors: [{ line: 2, column: 15, message: /^pgaudit.log = none does not log ddl \(CREATE, ALTER and DROP of objects other than roles\) or write \(/ }],
    },
    {
      code: "shared_preload_libraries = 'pgaudit'\npgaudit.log = 'all, -write'\n",
      name: 'subtracted class',
      errors: [{ line: 2, column: 15, message: /^pgaudit.log = 'all, -write' does not log write / }],
    },
    {
      code: "shared_preload_libraries = 'pgaudit'\npgaudit.log = 'ddl, wirte'\n",
      name: 'unknown class: pgaudit keeps none',
      errors: [
        {
          line: 2,
          column: 15,
          message: "pgaudit.log = 'ddl, wirte' is rejected by pgaudit (\"wirte\" is not a pgaudit class): it warns when it loads and keeps the default none, so nothing is audit-logged",
        },
      ],
    },
    {
      code: "shared_preload_libraries = 'pgaudit'\npgaudit.log = 'ddl, write'\n",
      options: { classes: ['ddl', 'write', 'role'] },
      name: 'option classes adds role',
      errors: [{ line: 2, column: 15, message: /^pgaudit.log = 'ddl, write' does not log role \(GRANT, REVOKE and CREATE\/ALTER\/DROP ROLE\)/ }],
    },
  ],
});

describe('help: the line to write', () => {
  const help = (code: string, options?: Record<string, unknown>): (string | undefined)[] =>
    lintTree(
      { 'postgresql.conf': code },
      { pgVersion: 17, rules: { [rule.name]: 'warning' }, ...(options ? { ruleOptions: { [rule.name]: options } } : {}) },
      [rule],
    ).result.diagnostics.map((d) => d.help);
  test('adds pgaudit to the libraries already listed', () =>
    expect(help("shared_preload_libraries = 'pg_stat_statements, \"a,b\"'\n")).toEqual([
      "Load it (a restart is needed): shared_preload_libraries = 'pg_stat_statements, \"a,b\", pgaudit'; then set pgaudit.log = 'ddl, write' and run CREATE EXTENSION pgaudit.",
    ]));
  test('adds the missing classes', () =>
    expect(help("shared_preload_libraries = 'pgaudit'\npgaudit.log = 'all, -write, -ddl'\n")).toEqual(["Set pgaudit.log = 'all, -write, -ddl, ddl, write'."]));
  test('replaces none', () => expect(help("shared_preload_libraries = 'pgaudit'\npgaudit.log = none\n")).toEqual(["Set pgaudit.log = 'ddl, write'."]));
});
