import { afterAll, describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../rules/index.js';
import type { LintOptions } from '../src/api.js';
import { lint } from './support/lint.js';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { SUPPORTED_MAJORS } from '../src/catalog/types.js';
import { editionFor, findProfile, profileBlocks, PROFILES, unknownProfileMessage } from '../src/profiles/index.js';
import { catalogs, cisCatalog, stigCatalog } from '../src/profiles/catalogs/index.js';
import { CIS_SETTINGS } from '../src/profiles/cis.js';
import { STIG_SETTINGS } from '../src/profiles/stig.js';
import { strayProfileSettings } from '../src/profiles/from-catalog.js';
import { cliInProcess } from './support/cli-in-process.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const repo = join(new URL('.', import.meta.url).pathname, '..');
const CATALOGS = catalogs();
const CIS = cisCatalog();
const STIG = stigCatalog();

const cli = cliInProcess;

/** A cluster whose pg_hba.conf has one md5 record (hba-md5: warning by default, error under stig). */
const MD5_TREE = {
  'db/postgresql.conf': "ssl = on\npassword_encryption = 'scram-sha-256'\n",
  // clientcert: so hba-client-cert-not-required (stig) has nothing to say about the record.
  'db/pg_hba.conf': 'local all all peer\nhostssl all app 10.20.0.0/16 md5 clientcert=verify-ca\n',
};

function md5Severity(dir: string, options: LintOptions): string | undefined {
  const r = lint(['db'], { cwd: dir, root: dir, base: dir, ...options });
  expect(r.errors).toEqual([]);
  const found = r.diagnostics.filter((d) => d.rule === 'hba-md5');
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0]?.severity;
}

function config(dir: string, yaml: string): ReturnType<typeof loadConfig> {
  const path = join(dir, '.pgconf-lint.yml');
  writeFileSync(path, yaml);
  return loadConfig(path, RULES, { root: dir });
}

describe('profile data', () => {
  test('every rule a profile names exists, and every control list is a list of ids', () => {
    const names = new Set(RULES.map((r) => r.name));
    for (const p of PROFILES) {
      const sets = [p.rules ?? {}, ...(p.editions ?? []).map((e) => e.rules)];
      for (const set of sets) {
        for (const [rule, r] of Object.entries(set)) {
          expect({ profile: p.name, rule, known: names.has(rule) }).toEqual({ profile: p.name, rule, known: true });
          for (const c of r.controls) expect(c).toMatch(p.name === 'stig' ? /^V-\d{6}$/ : /^\d+(\.\d+)+$/);
        }
      }
    }
  });

  test('cis has editions for 16, 17 and 18; older majors use the nearest (16)', () => {
    const cis = findProfile('cis')!;
    expect(cis.editions!.map((e) => e.major)).toEqual([16, 17, 18]);
    for (const m of SUPPORTED_MAJORS) expect([m, editionFor(cis, m)!.major]).toEqual([m, m >= 16 ? m : 16]);
    // The 17 edition's ids are the verified ones (pgdsat's numbering); 16 and 18 claim none.
    expect(editionFor(cis, 17)!.rules['hba-md5']!.controls).toEqual(['5.4']);
    expect(editionFor(cis, 16)!.rules['hba-md5']!.controls).toEqual([]);
  });

  test('recommended only turns off rules meant for a checklist: every other rule runs at its defaults', () => {
    const checklistRules = new Set(CATALOGS.flatMap((c) => c.controls.flatMap((x) => x.rules)));
    for (const m of SUPPORTED_MAJORS) {
      const [block, ...rest] = profileBlocks(['recommended'], m);
      expect(rest).toEqual([]);
      for (const [rule, v] of Object.entries(block!)) {
        expect({ rule, v, checklist: checklistRules.has(rule) }).toEqual({ rule, v: { severity: 'off' }, checklist: true });
      }
    }
  });

  test('a checklist profile enables exactly the rules its catalog names, with the catalog\'s control ids', () => {
    // One source of truth: the catalogs say which rule implements which control; the profiles only
    // add severities and options, and every rule they set is one their catalog names.
    expect(strayProfileSettings(CIS, CIS_SETTINGS)).toEqual([]);
    expect(strayProfileSettings(STIG, STIG_SETTINGS)).toEqual([]);
    const expected = (cat: typeof CIS): Record<string, string[]> => {
      const out: Record<string, string[]> = {};
      for (const c of cat.controls) if (c.decidable !== 'no') for (const r of c.rules) (out[r] ??= []).push(c.id);
      return out;
    };
    const ids = (rules: Readonly<Record<string, { controls: string[] }>>): Record<string, string[]> =>
      Object.fromEntries(Object.entries(rules).map(([k, v]) => [k, v.controls]));
    expect(ids(editionFor(findProfile('cis')!, 17)!.rules)).toEqual(expected(CIS));
    expect(ids(findProfile('stig')!.rules!)).toEqual(expected(STIG));
    // Every rule a checklist enables runs under it, at a severity (never left off by the base).
    for (const name of ['cis', 'stig']) {
      const [block] = profileBlocks([name], 17, (r) => RULES.find((x) => x.name === r)?.severity);
      for (const [rule, v] of Object.entries(block!)) {
        if (typeof v === 'string') continue;
        const enabled = name === 'cis' ? rule in editionFor(findProfile('cis')!, 17)!.rules : rule in findProfile('stig')!.rules!;
        if (enabled) expect({ name, rule, severity: v.severity }).toEqual({ name, rule, severity: expect.stringMatching(/^(error|warning|info)$/) });
      }
    }
  });

  test('an unknown name says which profile was meant', () => {
    expect(unknownProfileMessage('stg')).toBe('unknown profile "stg"; did you mean stig? (profiles: recommended, cis, stig)');
    expect(unknownProfileMessage('recomended')).toContain('did you mean recommended?');
    expect(unknownProfileMessage('zzzzzzzz')).toBe('unknown profile "zzzzzzzz" (profiles: recommended, cis, stig)');
    expect(() => profileBlocks(['nope'], 17)).toThrow('unknown profile "nope"');
    // The API refuses it before looking for files.
    const empty = makeTree({});
    expect(() => lint(['.'], { cwd: empty, root: empty, base: empty, allowEmpty: true, profiles: ['cis', 'stgi'] })).toThrow(new ConfigError('unknown profile "stgi"; did you mean stig? (profiles: recommended, cis, stig)'));
  });
});

describe('layering: profile < config rules < overrides < --rule', () => {
  const dir = makeTree(MD5_TREE);

  test('without a profile the rule has its default; stig raises it', () => {
    expect(md5Severity(dir, {})).toBe('warning');
    expect(md5Severity(dir, { profiles: ['stig'] })).toBe('error');
  });

  test('several profiles apply in order, the later winning per rule', () => {
    expect(md5Severity(dir, { profiles: ['stig', 'recommended'] })).toBe('error');
    expect(md5Severity(dir, { profiles: ['recommended', 'stig'] })).toBe('error');
    expect(md5Severity(dir, { profiles: ['stig', 'cis'] })).toBe('error');
  });

  test('config rules win over the profile, overrides over config rules, --rule over all', () => {
    const d = makeTree(MD5_TREE);
    expect(md5Severity(d, { config: config(d, 'profile: stig\nrules:\n  hba-md5: info\n') })).toBe('info');
    const withOverride = config(d, 'profile: stig\nrules:\n  hba-md5: info\noverrides:\n  - files: ["db/**"]\n    rules:\n      hba-md5: warning\n');
    expect(md5Severity(d, { config: withOverride })).toBe('warning');
    expect(md5Severity(d, { config: withOverride, rules: { 'hba-md5': 'off' } })).toBeUndefined();
    // A profile's severity, not its absence, is what the user's settings replace.
    expect(md5Severity(d, { config: config(d, 'profile: stig\nrules:\n  hba-md5: { severity: warning }\n') })).toBe('warning');
  });

  test('config profile: a name or a list; --profile replaces it', () => {
    const d = makeTree(MD5_TREE);
    expect(md5Severity(d, { config: config(d, 'profile: stig\n') })).toBe('error');
    expect(md5Severity(d, { config: config(d, 'profile: [cis, stig]\n') })).toBe('error');
    expect(md5Severity(d, { config: config(d, 'profile:\n  - stig\n  - cis\n') })).toBe('error');
    expect(md5Severity(d, { config: config(d, 'profile: [stig]\n'), profiles: ['recommended'] })).toBe('warning');
  });

  test('an unknown profile in the config is a config error with a did-you-mean, at the value', () => {
    const d = makeTree({});
    expect(() => config(d, 'profile: stgi\n')).toThrow(ConfigError);
    expect(() => config(d, 'profile: stgi\n')).toThrow(/\.pgconf-lint\.yml:1:10: profile: must be one of "recommended", "cis", "stig"; did you mean "stig"\?/);
    expect(() => config(d, 'profile: [cis, recomended]\n')).toThrow(/:1:16: profile\.1: must be one of .*did you mean "recommended"\?/);
    expect(() => config(d, 'profile: []\n')).toThrow(/profile: must be .*a non-empty list/);
  });
});

describe('recommended is today\'s behaviour', () => {
  test('fixtures/demo: the same findings with and without --profile recommended', () => {
    const run = (options: LintOptions): string[] => {
      const r = lint(['fixtures/demo'], { cwd: repo, base: repo, ...options });
      expect(r.errors).toEqual([]);
      return r.diagnostics.map((d) => `${d.loc.file}:${d.loc.start}:${d.rule}:${d.severity}:${d.suppressed ?? false}:${d.message}`);
    };
    const today = run({});
    expect(today.length).toBeGreaterThan(5);
    expect(run({ profiles: ['recommended'] })).toEqual(today);
  });
});

describe('CLI', () => {
  test('--profile is repeatable and applies in order', async () => {
    const d = makeTree(MD5_TREE);
    const json = async (argv: string[]): Promise<string[]> => {
      const r = await cli([...argv, '--format', 'json', '--fail-on', 'never', 'db'], d);
      expect(r.stderr).toBe('');
      return (JSON.parse(r.stdout) as { diagnostics: { rule: string; severity: string }[] }).diagnostics.filter((x) => x.rule === 'hba-md5').map((x) => x.severity);
    };
    expect(await json([])).toEqual(['warning']);
    expect(await json(['--profile', 'stig'])).toEqual(['error']);
    expect(await json(['--profile=cis', '--profile', 'stig'])).toEqual(['error']);
    expect(await json(['--profile', 'stig', '--rule', 'hba-md5=info'])).toEqual(['info']);
  });

  test('an unknown --profile is a usage error with a did-you-mean', async () => {
    const r = await cli(['--profile', 'csi', '.']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pgconf-lint: unknown profile "csi"; did you mean cis? (profiles: recommended, cis, stig)\n');
  });

  test('rules --profile NAME lists the rules, severities and control ids (text)', async () => {
    const r = await cli(['rules', '--profile', 'stig']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('stig: DISA STIG for PostgreSQL — The PostgreSQL STIG controls that can be decided from configuration files');
    expect(lines).toContainEqual(expect.stringMatching(/^hba-md5 +error +V-233515, V-233519$/));
    expect(lines).toContainEqual(expect.stringMatching(/^password-encryption-md5 +error +V-233596  options \{"flagDefault":true\}$/));
    expect(lines).not.toContainEqual(expect.stringMatching(/^autovacuum-off /));

    const cis15 = await cli(['rules', '--profile', 'cis', '--pg-version', '15']);
    expect(cis15.stdout).toContain('edition: CIS PostgreSQL 16 Benchmark for PostgreSQL 15 (the nearest edition; none is written for 15)');
    const cis17 = await cli(['rules', '--profile', 'cis', '--pg-version', '17']);
    expect(cis17.stdout.split("\n")).toContainEqual(expect.stringMatching(/^ssl-disabled +warning +5\.8, 6\.8  options \{"always":true\}$/));

    const rec = await cli(['rules', '--profile', 'recommended']);
    // Every rule: at its default severity, or off when it is meant for a checklist profile.
    const listed = rec.stdout.split('\n').filter((l) => /^[a-z0-9-]+ +(error|warning|info|off)\b/.test(l));
    expect(listed).toHaveLength(RULES.length);
    const off = new Set(Object.keys(profileBlocks(['recommended'], 18)[0]!));
    for (const l of listed) expect([l.split(/ +/)[0], / off\b/.test(l)]).toEqual([l.split(/ +/)[0], off.has(l.split(/ +/)[0]!)]);
  });

  test('rules --profile NAME --format json', async () => {
    const r = await cli(['rules', '--profile', 'cis', '--profile', 'stig', '--pg-version', '17', '--format', 'json']);
    expect(r.code).toBe(0);
    const reports = JSON.parse(r.stdout) as { profile: string; pgVersion: number; edition: { id: string; nearest: boolean } | null; rules: { name: string; severity: string; controls: string[] }[] }[];
    expect(reports.map((x) => x.profile)).toEqual(['cis', 'stig']);
    expect(reports[0]!.edition).toMatchObject({ id: 'cis-17', nearest: false });
    expect(reports[0]!.rules.find((x) => x.name === 'hba-superuser-remote')).toEqual({ name: 'hba-superuser-remote', severity: RULES.find((x) => x.name === 'hba-superuser-remote')!.severity, options: {}, controls: ['5.11'] });
    expect(reports[1]!.edition).toBeNull();
    expect(reports[1]!.rules.find((x) => x.name === 'hba-cleartext-password')).toEqual({ name: 'hba-cleartext-password', severity: 'error', options: { includeLocal: true }, controls: ['V-233515', 'V-233519'] });
  });
});

describe('Action input profile', () => {
  const get = (values: Record<string, string>) => (name: string): string => values[name] ?? '';

  test('names separated by spaces, commas or newlines, in order; empty means none', async () => {
    const { readInputs } = await import('../src/action/inputs.js');
    expect(readInputs(get({ profile: 'cis, stig\nrecommended' })).profiles).toEqual(['cis', 'stig', 'recommended']);
    expect(readInputs(get({})).profiles).toBeUndefined();
  });

  test('an unknown name fails the step with a did-you-mean', async () => {
    const { readInputs, InputError } = await import('../src/action/inputs.js');
    expect(() => readInputs(get({ profile: 'cis sitg' }))).toThrow(InputError);
    expect(() => readInputs(get({ profile: 'cis sitg' }))).toThrow('input profile: unknown profile "sitg"; did you mean stig? (profiles: recommended, cis, stig)');
  });
});
