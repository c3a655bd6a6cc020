import { afterAll, describe, expect, test } from '@jest/globals';
import rule from '../../rules/hba-client-cert-not-required.js';
import type { Major } from '../../src/catalog/types.js';
import { cleanupFixtures, lintTree } from '../support/fixture.js';

/** The rule's findings on a pg_hba.conf (and other files), with the rule turned on (it is off by default). */
function run(hba: string, more: Record<string, string> = {}, pgVersion: Major = 17, on = true) {
  const { findings } = lintTree({ 'pg_hba.conf': `${hba}\n`, ...more }, { pgVersion, ...(on ? { rules: { [rule.name]: rule.severity } } : {}) }, [rule]);
  return findings.map((f) => ({ line: f.line, column: f.column, endColumn: f.endColumn, severity: f.severity, message: f.message }));
}

describe('hba-client-cert-not-required', () => {
  afterAll(cleanupFixtures);

  test('off by default (the stig profile turns it on)', () => {
    expect(rule.severity).toBe('warning');
    expect(run('hostssl all app 10.20.0.0/16 scram-sha-256', {}, 17, false)).toEqual([]);
    const { findings } = lintTree({ 'pg_hba.conf': 'hostssl all app 10.20.0.0/16 scram-sha-256\n' }, { pgVersion: 17 });
    expect(findings.filter((f) => f.rule === rule.name)).toEqual([]);
  });

  test('a hostssl record with a password and no client certificate', () => {
    expect(run('# TYPE DATABASE USER ADDRESS METHOD\nhostssl    all   app   10.20.0.0/16   scram-sha-256')).toEqual([
      {
        line: 2,
        column: 39,
        endColumn: 52,
        severity: 'warning',
        message:
          'no client certificate required: user app can connect to any database except replication (all) from IPv4 network 10.20.0.0/16 over SSL with a SCRAM password (scram-sha-256); clients get in with scram-sha-256 alone, so no certificate is validated against the trusted CA (and CRL) for them',
      },
    ]);
  });

  test('host records admit TLS too; gss, trust, md5; every address, samenet, host names', () => {
    const got = run(
      [
        'host sales app 10.20.0.0/16 scram-sha-256',
        'hostssl all all .example.com gss',
        'hostssl all app samenet trust',
        'hostssl all app 0.0.0.0/0 md5',
      ].join('\n'),
      {},
      16,
    );
    expect(got.map((f) => [f.line, f.column, f.severity])).toEqual([
      [1, 29, 'warning'],
      [2, 30, 'warning'],
      [3, 25, 'warning'],
      [4, 27, 'warning'],
    ]);
    expect(got[0]!.message).toMatch(/^no client certificate required: .*clients get in with scram-sha-256 alone/);
    expect(got[1]!.message).toMatch(/with gss alone/);
  });

  test('clientcert=no-verify (12, 13) and clientcert=0 require no certificate path validation', () => {
    expect(run('hostssl all app 10.20.0.0/16 md5 clientcert=no-verify\nhostssl all app 10.21.0.0/16 md5 clientcert=0', {}, 13).map((f) => [f.line, f.column])).toEqual([
      [1, 30],
      [2, 30],
    ]);
  });

  test('the help of a host record says to make it hostssl', () => {
    const { result } = lintTree({ 'pg_hba.conf': 'host sales app 10.20.0.0/16 scram-sha-256\nhostssl sales app 10.30.0.0/16 scram-sha-256\n' }, { pgVersion: 17, rules: { [rule.name]: 'warning' } }, [rule]);
    expect(result.diagnostics.map((d) => d.help)).toEqual([
      'Make it a hostssl record with the cert method, or add clientcert=verify-full (cert and clientcert are only allowed on hostssl).',
      'Use the cert method, or add clientcert=verify-full (the certificate name must match the role) to this record.',
    ]);
  });

  test('not flagged: cert, clientcert=verify-ca/verify-full (and 1 before 14), reject, loopback, samehost, local, hostnossl, hostgssenc, shadowed', () => {
    expect(
      run(
        [
          'hostssl all app 10.20.0.0/16 cert',
          'hostssl all app 10.21.0.0/16 scram-sha-256 clientcert=verify-full',
          'hostssl all app 10.22.0.0/16 scram-sha-256 clientcert=verify-ca',
          'hostssl all all 10.23.0.0/16 reject',
          'host all all 127.0.0.1/32 scram-sha-256',
          'hostssl all all ::1/128 scram-sha-256',
          'host all all localhost trust',
          'host all all samehost scram-sha-256',
          'local all all peer',
          'hostnossl all all 10.24.0.0/16 scram-sha-256',
          'hostgssenc all all 10.25.0.0/16 gss',
          'hostssl all app 10.20.0.0/16 scram-sha-256',
        ].join('\n'),
      ),
    ).toEqual([]);
    expect(run('hostssl all app 10.20.0.0/16 md5 clientcert=1', {}, 12)).toEqual([]);
  });

  test('hostssl while ssl is off never matches: not flagged; host while ssl is off is', () => {
    expect(
      run('hostssl all app 10.20.0.0/16 scram-sha-256\nhost all app 10.21.0.0/16 scram-sha-256', { 'postgresql.conf': 'ssl = off\n' }).map((f) => [f.line, f.column]),
    ).toEqual([[2, 27]]);
  });
});
