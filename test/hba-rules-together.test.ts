import { afterAll, describe, expect, test } from '@jest/globals';
import hbaReplicationOpen from '../rules/hba-replication-open.js';
import { RULES } from '../rules/index.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

/** The pg_hba exposure rules (what rules/index-hba.ts listed). */
const HBA_RULES = RULES.filter((r) => ['hba-open-to-world', 'listen-on-all-addresses', 'hba-trust-remote', 'hba-ident-over-tcp', 'hba-cleartext-password', 'hba-md5', 'hba-wide-network', 'hba-replication-open', 'hba-unreachable-record', 'hba-hostssl-without-ssl', 'ssl-disabled', 'hba-superuser-remote', 'hba-local-trust', 'hba-tls-not-required', 'hba-map-undefined', 'ident-map-unused', 'hba-all-users-all-databases', 'hba-client-cert-not-required'].includes(r.name));

afterAll(cleanupFixtures);

// The hba rules run together: one problem, one finding (src/linter/merge.ts), severity from the
// exposure model, and what each rule leaves to another. The cases of each rule alone are in test/rules/<rule>.test.ts.

describe('hba rules together', () => {
  test('an unreachable record is reported once, by hba-unreachable-record only; a record yields one finding', () => {
    const { findings } = lintTree({ 'pg_hba.conf': 'host all all 0.0.0.0/0 reject\nhost all all 10.0.0.0/8 trust\nhost replication all 10.0.0.0/8 password\n' }, { pgVersion: 17 }, HBA_RULES);
    expect(findings.map((f) => [f.rule, f.line, f.column, f.severity])).toEqual([
      ['hba-unreachable-record', 2, 1, 'warning'],
      ['hba-cleartext-password', 3, 33, 'error'],
    ]);
    expect(findings[1]!.message).toMatch(/; also physical replication open \(hba-replication-open\); a wide network \(hba-wide-network\)$/);
  });

  const lintHba = (text: string, rules: Record<string, 'off'> = {}, conf?: string) =>
    lintTree({ 'pg_hba.conf': text, ...(conf === undefined ? {} : { 'postgresql.conf': conf }) }, { pgVersion: 17, rules }, HBA_RULES).findings;

  test('host replication all 0.0.0.0/0 trust: one finding, the most severe, naming the others; turning it off lets the next report', () => {
    const text = 'local all all peer\nhost replication all 0.0.0.0/0 trust\n';
    const all = lintHba(text);
    expect(all.map((f) => [f.rule, f.line, f.column, f.severity])).toEqual([['hba-open-to-world', 2, 22, 'error']]);
    expect(all[0]!.message).toBe(
      'open to every address: any user (all) can connect to physical replication (replication) from any IPv4 address (0.0.0.0/0) with no password (trust); anyone who can reach the port logs in as any listed user, with no password; also trust: no password (hba-trust-remote); physical replication open (hba-replication-open)',
    );
    const next = lintHba(text, { 'hba-open-to-world': 'off' });
    expect(next.map((f) => [f.rule, f.line, f.column])).toEqual([['hba-trust-remote', 2, 32]]);
    expect(next[0]!.message).toMatch(/; also physical replication open \(hba-replication-open\)$/);
    const third = lintHba(text, { 'hba-open-to-world': 'off', 'hba-trust-remote': 'off' });
    expect(third.map((f) => [f.rule, f.line, f.column, f.severity])).toEqual([['hba-replication-open', 2, 6, 'error']]);
  });

  test('a suppressed finding takes no part: the next rule reports', () => {
    const text = '# pgconf-lint disable-next-line hba-open-to-world -- public read replica, firewalled\nhost all all 0.0.0.0/0 md5\n';
    const { result } = lintTree({ 'pg_hba.conf': text }, { pgVersion: 17 }, HBA_RULES);
    const shown = result.diagnostics.filter((d) => !d.suppressed);
    expect(shown.map((d) => [d.rule, d.severity])).toEqual([['hba-md5', 'warning']]);
    expect(shown[0]!.message).not.toMatch(/open to every address|hba-open-to-world/);
    expect(shown[0]!.message).toMatch(/; also every role to every database \(hba-all-users-all-databases\)$/);
  });

  test('severity from the exposure model, from every address', () => {
    const sev = (line: string): string[] => lintHba(line).map((f) => `${f.rule}:${f.severity}`);
    expect(sev('host all all 0.0.0.0/0 trust')).toEqual(['hba-open-to-world:error']);
    expect(sev('host all all 0.0.0.0/0 md5')).toEqual(['hba-open-to-world:error']);
    expect(sev('hostssl all all 0.0.0.0/0 md5')).toEqual(['hba-open-to-world:warning']);
    expect(sev('host all all 0.0.0.0/0 ident')).toEqual(['hba-open-to-world:error']);
    expect(sev('hostssl all all 0.0.0.0/0 scram-sha-256')).toEqual(['hba-open-to-world:warning']);
    expect(sev('hostssl all all 0.0.0.0/0 cert')).toEqual(['hba-open-to-world:info']);
    expect(sev('hostssl all all 0.0.0.0/0 scram-sha-256 clientcert=verify-full')).toEqual(['hba-open-to-world:info']);
    // a superuser or replication raises one level
    expect(sev('hostssl all postgres 0.0.0.0/0 scram-sha-256')).toEqual(['hba-open-to-world:error']);
    expect(sev('hostssl all postgres 0.0.0.0/0 cert')).toEqual(['hba-superuser-remote:error']);
    expect(sev('hostssl replication rep 0.0.0.0/0 cert')).toEqual(['hba-open-to-world:warning']);
    // postgres from the world is never rated lower than all users
    expect(sev('host all postgres 0.0.0.0/0 scram-sha-256')).toEqual(['hba-open-to-world:error']);
    expect(sev('host all all 0.0.0.0/0 scram-sha-256')).toEqual(['hba-open-to-world:warning']);
  });

  test('loopback records are never exposure errors', () => {
    const f = lintHba('host all all 127.0.0.1/32 password\nhost all postgres ::1/128 md5\nhost all all localhost trust\nlocal all all trust\n');
    expect(f.map((x) => [x.rule, x.line, x.severity])).toEqual([
      ['hba-cleartext-password', 1, 'warning'],
      ['hba-md5', 2, 'info'],
      ['hba-local-trust', 3, 'info'],
      ['hba-local-trust', 4, 'info'],
    ]);
  });

  test('a hostssl record while ssl is off gets only hba-hostssl-without-ssl (no open-to-world, md5 or listen-on-all escalation)', () => {
    const { findings } = lintTree(
      { 'pg_hba.conf': 'local all all peer\nhostssl all all 0.0.0.0/0 md5\n', 'postgresql.conf': "listen_addresses = '*'\nssl = off\n" },
      { pgVersion: 17 },
      HBA_RULES,
    );
    expect(findings.map((f) => [f.rule, f.file, f.line, f.severity])).toEqual([
      ['hba-hostssl-without-ssl', 'pg_hba.conf', 2, 'error'],
      ['listen-on-all-addresses', 'postgresql.conf', 1, 'info'],
    ]);
  });

  test('a template placeholder in the address: no exposure finding (PostgreSQL looks it up as a host name; unrendered-template reports it)', () => {
    const { findings } = lintTree(
      { 'pg_hba.conf': 'host all all ${DOCKER_SUBNET} trust\nhost all postgres {{ subnet }} md5\n', 'postgresql.conf': "listen_addresses = '*'\nssl = off\n" },
      { pgVersion: 17 },
      HBA_RULES,
    );
    expect(findings.map((f) => f.rule)).toEqual(['listen-on-all-addresses']);
  });

  test('hba-replication-open never suggests the method a record already uses', () => {
    const help = (line: string): string | undefined =>
      lintTree({ 'pg_hba.conf': line }, { pgVersion: 17 }, [hbaReplicationOpen]).result.diagnostics[0]?.help;
    expect(help('host replication all 10.0.0.0/24 scram-sha-256')).toBe(
      "Allow replication only for the replication role (e.g. replicator) from the standbys' addresses (/32), and keep scram-sha-256 (or use cert).",
    );
    expect(help('hostssl replication all 10.0.0.0/24 cert')).toMatch(/, and keep cert\.$/);
    expect(help('host replication all 10.0.0.0/24 md5')).toMatch(/, and authenticate with scram-sha-256 or cert instead of md5\.$/);
    expect(help('host replication all 10.0.0.0/24 trust')).toMatch(/instead of trust\.$/);
  });

  test('every hba rule is registered', () => {
    const names = RULES.map((r) => r.name);
    for (const r of HBA_RULES) expect(names).toContain(r.name);
    expect(HBA_RULES).toHaveLength(18);
  });
});

describe('hba-all-users-all-databases with the other hba rules', () => {
  test('host all all 0.0.0.0/0 md5 stays one finding: hba-open-to-world names this concern', () => {
    const { findings } = lintTree({ 'pg_hba.conf': 'host all all 0.0.0.0/0 md5\n' }, { pgVersion: 17 });
    expect(findings.map((f) => [f.rule, f.severity, f.line])).toEqual([['hba-open-to-world', 'error', 1]]);
    expect(findings[0]!.message).toMatch(/; also .*every role to every database \(hba-all-users-all-databases\)/);
  });
  test('with the more severe rules turned off, this one reports the record', () => {
    const { findings } = lintTree(
      { 'pg_hba.conf': 'host all all 0.0.0.0/0 md5\n' },
      { pgVersion: 17, rules: { 'hba-open-to-world': 'off', 'hba-md5': 'off', 'hba-wide-network': 'off' } },
    );
    expect(findings.map((f) => [f.rule, f.severity, f.line, f.column])).toEqual([['hba-all-users-all-databases', 'info', 1, 6]]);
  });
  test('initdb\'s pg_hba.conf (local peer, loopback, replication) yields nothing from it', () => {
    const initdb = [
      'local   all             all                                     peer',
      'host    all             all             127.0.0.1/32            scram-sha-256',
      'host    all             all             ::1/128                 scram-sha-256',
      'local   replication     all                                     peer',
      'host    replication     all             127.0.0.1/32            scram-sha-256',
      'host    replication     all             ::1/128                 scram-sha-256',
    ].join('\n');
    const { findings } = lintTree({ 'pg_hba.conf': `${initdb}\n` }, { pgVersion: 17 });
    expect(findings).toEqual([]);
  });
});

describe('hba-ident-over-tcp with the other hba rules', () => {
  test('a record open to every address is one finding: hba-open-to-world names the ident concern', () => {
    const { findings } = lintTree({ 'pg_hba.conf': 'host all all 0.0.0.0/0 ident\n' }, { pgVersion: 17 });
    expect(findings.map((f) => [f.rule, f.severity, f.line])).toEqual([['hba-open-to-world', 'error', 1]]);
    expect(findings[0]!.message).toMatch(/; also .*ident over TCP: the client's word \(hba-ident-over-tcp\)/);
  });
  test('on a private network it is the finding, naming the all/all concern', () => {
    const { findings } = lintTree({ 'pg_hba.conf': 'host all all 10.20.0.0/16 ident\n' }, { pgVersion: 17 });
    expect(findings.map((f) => [f.rule, f.severity, f.line, f.column])).toEqual([['hba-ident-over-tcp', 'error', 1, 27]]);
    expect(findings[0]!.message).toMatch(/; also every role to every database \(hba-all-users-all-databases\)$/);
  });
});

describe('hba-tls-not-required with the other hba rules', () => {
  test('one finding per record: a password rule that already says "unencrypted" names this concern after "; also"', () => {
    const { findings } = lintTree({ 'postgresql.conf': 'ssl = on\n', 'pg_hba.conf': 'host all app 10.20.0.0/16 password\nhost all app 10.30.0.0/16 scram-sha-256' }, { pgVersion: 17 });
    const onRecord = findings.filter((f) => f.file === 'pg_hba.conf' && f.line === 1);
    expect(onRecord.map((f) => [f.rule, f.severity])).toEqual([['hba-cleartext-password', 'error']]);
    expect(onRecord[0]!.message).toMatch(/^cleartext password on a record that accepts unencrypted connections: .*; also TLS available \(ssl = on\) but not required \(hba-tls-not-required\)$/);
    // Alone on its record, this rule reports.
    expect(findings.filter((f) => f.line === 2).map((f) => f.rule)).toEqual(['hba-tls-not-required']);
  });
});
