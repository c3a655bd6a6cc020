import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupFixtures, lintTree, makeTree } from './support/fixture.js';
import { lint } from './support/lint.js';

afterAll(cleanupFixtures);

describe('bad input never crashes and the rest of the repository is still checked', () => {
  test('a special file where a config file is expected is reported, others still checked', () => {
    const dir = makeTree({ 'a/pg_hba.conf': 'local all all peer\n', 'b/postgresql.conf': 'work_mem = 8mb\n' });
    execFileSync('mkfifo', [join(dir, 'a/postgresql.conf')]);
    const r = lint(['.'], { cwd: dir, pgVersion: 16 });
    expect(r.diagnostics.map((d) => [d.rule, d.loc.file])).toEqual([
      ['unreadable-file', 'a/postgresql.conf'],
      ['invalid-value', 'b/postgresql.conf'],
    ]);
    expect(r.diagnostics[0]!.message).toMatch(/not a regular file/);
  });

  test('files over the size limit are reported, not read', () => {
    const { findings } = lintTree({ 'postgresql.conf': 'work_mem = 8MB\n'.repeat(1000) }, { pgVersion: 16, maxFileBytes: 1000 });
    expect(findings).toEqual([expect.objectContaining({ rule: 'unreadable-file', line: 1, column: 1 })]);
    expect(findings[0]!.message).toMatch(/larger than the limit of 1000 bytes/);
  });

  test('binary junk gives a bounded number of findings', () => {
    const junk = Buffer.alloc(20000);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) % 256;
    const { findings } = lintTree({ 'postgresql.conf': junk }, { pgVersion: 16 });
    const syntax = findings.filter((f) => f.rule === 'syntax-error');
    expect(syntax.length).toBeGreaterThan(1);
    expect(syntax.length).toBeLessThanOrEqual(22);
    expect(syntax[syntax.length - 1]!.message).toMatch(/more syntax errors in this file/);
  });

  test('invalid UTF-8 and CRLF are read as PostgreSQL reads them', () => {
    const bytes = Buffer.concat([Buffer.from("application_name = 'caf"), Buffer.from([0xe9]), Buffer.from("'\r\nwork_mem = 8MB\r\n")]);
    const { findings, result } = lintTree({ 'postgresql.conf': bytes }, { pgVersion: 16 });
    expect(findings).toEqual([]);
    expect(result.clusters[0]!.effective.get('work_mem')!.value).toMatchObject({ ok: true, canonical: '8192' });
  });

  test('a 5 MB single line is handled', () => {
    const { findings } = lintTree({ 'postgresql.conf': `application_name = '${'x'.repeat(5_000_000)}'\nport = x y\n` }, { pgVersion: 16 });
    expect(findings).toEqual([expect.objectContaining({ rule: 'syntax-error', line: 2 })]);
  });

  test('a symlink pointing out of the root is not followed', () => {
    const dir = makeTree({ 'postgresql.conf': "include 'link.conf'\n" });
    symlinkSync('/etc/hostname', join(dir, 'link.conf'));
    const r = lint(['.'], { cwd: dir, pgVersion: 16 });
    expect(r.diagnostics).toEqual([expect.objectContaining({ rule: 'missing-include', severity: 'warning' })]);
    expect(r.diagnostics[0]!.message).toMatch(/outside/);
  });

  test('pg_hba @file and include outside the root are not read', () => {
    const { findings } = lintTree({ 'pg_hba.conf': 'local all @/etc/passwd trust\ninclude /etc/hostname\n' }, { pgVersion: 16 });
    expect(findings.map((f) => [f.rule, f.line, f.severity])).toEqual([
      ['hba-invalid-record', 1, 'warning'],
      ['hba-invalid-record', 2, 'warning'],
    ]);
  });
});
