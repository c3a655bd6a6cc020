// The carriers' foundation: synthesized files with origin maps, findings located in the carrier
// file, suppression in its comments, the lazy reader, and hostile YAML at bounded cost.
import { afterAll, describe, expect, test } from '@jest/globals';
import { SynthBuilder, mapFix, type SynthOrigin } from '../src/carriers/origin.js';
import { readYaml, pyStr, YAML_LIMITS, type YMap, type YScalar } from '../src/carriers/yaml.js';
import { prepareLint, readHba, readSettings, type LintOptions } from '../src/api.js';
import { CARRIERS } from '../src/carriers/kit.js';
import { lint } from './support/lint.js';
import { cleanupFixtures, makeTree } from './support/fixture.js';
import { locate } from '../src/report/common.js';
import { RULES } from '../rules/index.js';
import type { LintResult } from '../src/api.js';
import { discover } from '../src/resolve/discover.js';
import { carrierLoc, expandCarriers, resolveCluster } from '../src/resolve/cluster.js';
import { nodeHost } from '../src/resolve/host.js';

afterAll(cleanupFixtures);

const only = (...names: string[]) => RULES.filter((r) => names.includes(r.name));

function findings(result: LintResult): string[] {
  return result.diagnostics.map((d) => {
    const l = locate(d, result.sources);
    return `${d.rule} ${d.loc.file}:${l.line}:${l.column}-${l.endLine}:${l.endColumn}${d.suppressed ? ' suppressed' : ''}`;
  });
}

describe('origin maps', () => {
  // "    work_mem: 8mb" — key at offsets 4..12, value at 14..17 of a one-line carrier.
  const carrier = '    work_mem: 8mb\n';
  const build = () => {
    const b = new SynthBuilder();
    b.line({ start: 4, end: 17 }, 1).add('work_mem', { start: 4, end: 12 }, true).add(" = '").add('8mb', { start: 14, end: 17 }, true).add("'");
    b.line({ start: 0, end: 0 }).add("wal_level = 'replica'");
    return b.build(true);
  };

  test('a synthesized line maps its key, its value and the whole line to the carrier', () => {
    const { text, origin } = build();
    expect(text).toBe("work_mem = '8mb'\nwal_level = 'replica'\n");
    const f = 'p.yml';
    // The whole line: from the key to the end of the value.
    expect(origin.mapLoc({ file: 's', start: 0, end: 16 }, f)).toEqual({ file: f, start: 4, end: 17 });
    // The quoted value token: the value's characters.
    expect(origin.mapLoc({ file: 's', start: 11, end: 16 }, f)).toEqual({ file: f, start: 14, end: 17 });
    // One character inside an exact piece maps one for one.
    expect(origin.mapLoc({ file: 's', start: 13, end: 14 }, f)).toEqual({ file: f, start: 15, end: 16 });
    // A line the carrier adds itself maps to its origin.
    expect(origin.mapLoc({ file: 's', start: 17, end: 38 }, f)).toEqual({ file: f, start: 0, end: 0 });
  });

  test('lines sit on their target line, padded with blank lines, when the lines before leave room', () => {
    const b = new SynthBuilder();
    b.line({ start: 0, end: 1 }, 3).add('a');
    b.line({ start: 2, end: 3 }, 3).add('b'); // no room left: the next line
    b.line({ start: 4, end: 5 }, 7).add('c');
    expect(b.build().text).toBe('\n\na\nb\n\n\nc\n');
  });

  test('a fix is kept only when it edits the carrier\'s own characters, and stays a string in YAML 1.1', () => {
    const { origin } = build();
    const o: SynthOrigin = { carrier: 'p.yml', carrierText: carrier, map: origin };
    const fix = (start: number, end: number, text: string) => ({ title: 't', applicability: 'safe' as const, edits: [{ loc: { file: 's', start, end }, text }] });
    // The quoted value as a whole (the quotes are the synthesized file's): its inside is edited.
    expect(mapFix(fix(11, 16, "'8MB'"), o)?.edits).toEqual([{ loc: { file: 'p.yml', start: 14, end: 17 }, text: '8MB' }]);
    // Inside the exact piece.
    expect(mapFix(fix(13, 15, 'MB'), o)?.edits).toEqual([{ loc: { file: 'p.yml', start: 15, end: 17 }, text: 'MB' }]);
    // Across the synthesized ` = '`: no carrier characters to edit.
    expect(mapFix(fix(8, 12, ' : '), o)).toBeUndefined();
    // A line the carrier does not spell: dropped.
    expect(mapFix(fix(29, 36, 'logical'), o)).toBeUndefined();
    // A value YAML 1.1 would read as a boolean, and characters that mean something else in YAML.
    expect(mapFix(fix(11, 16, "'on'"), o)).toBeUndefined();
    expect(mapFix(fix(11, 16, "'8 # MB'"), o)).toBeUndefined();
  });
});

describe('the YAML reader', () => {
  test('reads YAML 1.1 as PyYAML does: on/off/yes are booleans, 0750 is octal, a repeated key keeps both entries', () => {
    const r = readYaml('a: on\nb: 0750\nc: "x"\nd:\na: off\n', 'utf8');
    if (!r.ok) throw new Error(r.error);
    const m = r.docs[0] as YMap;
    expect(m.entries.map((e) => [e.key, (e.value as YScalar).value])).toEqual([['a', true], ['b', 488], ['c', 'x'], ['d', null], ['a', false]]);
    expect(m.entries.map((e) => pyStr((e.value as YScalar).value))).toEqual(['True', '488', 'x', 'None', 'False']);
    // A plain scalar spelled as its str() is exact; 0750 is not (Patroni writes 488); a quoted one without escapes is.
    expect((m.entries[0]!.value as YScalar).exact).toBeUndefined();
    expect((m.entries[1]!.value as YScalar).exact).toBeUndefined();
    expect((m.entries[2]!.value as YScalar).exact).toEqual({ start: 18, end: 19 });
  });

  test('comments carry their offsets (for directives), and # inside a value is no comment', () => {
    const text = "a: 'x # y' # pgconf-lint disable-line z -- r\n# pgconf-lint enable\n";
    const r = readYaml(text, 'utf8');
    if (!r.ok) throw new Error(r.error);
    expect(r.comments).toEqual([
      { start: 11, text: '# pgconf-lint disable-line z -- r' },
      { start: 45, text: '# pgconf-lint enable' },
    ]);
  });

  test('an alias bomb is refused once the expansion passes the node budget', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const r = readYaml(lines.join('\n') + '\n', 'utf8');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^holds more than \d+ values once its aliases are expanded$/);
  });

  test('size, lines and list items, compact nesting and documents are bounded before the parser runs', () => {
    expect(readYaml(`a: ${'x'.repeat(YAML_LIMITS.maxChars)}\n`, 'utf8')).toMatchObject({ ok: false, error: /^larger than 2 MiB/ });
    expect(readYaml('k: v\n'.repeat(YAML_LIMITS.maxItems + 1), 'utf8')).toMatchObject({ ok: false, error: `has more than ${YAML_LIMITS.maxItems} lines and list items: a carrier file this large is not read` });
    expect(readYaml(`a: [${'x,'.repeat(YAML_LIMITS.maxItems)}x]\n`, 'utf8')).toMatchObject({ ok: false, at: 0 });
    expect(readYaml('- '.repeat(100) + 'x\n', 'utf8')).toMatchObject({ ok: false, error: /^nested too deeply/ });
    // A quote cannot hide brackets from the count.
    expect(readYaml(`a: [x '${'['.repeat(1000)}\n`, 'utf8')).toMatchObject({ ok: false, error: /^nested too deeply/ });
    expect(readYaml('---\na: 1\n'.repeat(YAML_LIMITS.maxDocuments + 1), 'utf8')).toMatchObject({ ok: false, error: `more than ${YAML_LIMITS.maxDocuments} YAML documents` });
    expect(readYaml('---\na: 1\n'.repeat(3), 'utf8')).toMatchObject({ ok: true });
  });

  test('deep nesting is refused, flow and block', () => {
    const flow = readYaml('a: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n', 'utf8');
    expect(flow).toMatchObject({ ok: false, error: `nested too deeply to read (more than ${YAML_LIMITS.maxDepth} levels)` });
    const block = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x\n';
    const r = readYaml(block, 'utf8');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/nested too deeply/);
  });

  test('a custom tag is refused as safe_load refuses it; so is a file that is not UTF-8; a large scalar is read', () => {
    const tag = readYaml('a: !!python/object/apply:os.system ["id"]\n', 'utf8');
    expect(tag).toMatchObject({ ok: false, at: 3 });
    expect(readYaml('a: b\n', 'latin1')).toEqual({ ok: false, error: 'not valid UTF-8 (PyYAML, which reads it, refuses it)', at: 0 });
    const huge = readYaml(`a: ${'x'.repeat(2_000_000)}\n`, 'utf8');
    expect(huge.ok && (huge.docs[0] as YMap).entries[0]!.value.end).toBe(2_000_003);
  });
});

const PATRONI = [
  'scope: demo', // 1
  'postgresql:', // 2
  '  listen: 0.0.0.0:5432', // 3
  '  parameters:', // 4
  '    work_mem: 8mb', // 5
  '  pg_hba:', // 6
  '    # pgconf-lint disable-next-line hba-md5 -- legacy clients, tracked in OPS-1', // 7
  '    - host all all 10.0.0.0/8 md5', // 8
  '    - host all all 192.168.0.0/16 md5', // 9
  '',
].join('\n');

describe('lint() on a carrier', () => {
  test('findings are located at the line and column inside the YAML file, and the YAML comment suppresses', () => {
    const dir = makeTree({ 'db/patroni.yml': PATRONI });
    const result = lint(['.'], { cwd: dir, pgVersion: 17 }, only('invalid-value', 'hba-md5', 'listen-on-all-addresses', 'unused-directive'));
    expect(findings(result)).toEqual([
      'listen-on-all-addresses db/patroni.yml:3:11-3:18',
      'invalid-value db/patroni.yml:5:15-5:18',
      'hba-md5 db/patroni.yml:8:31-8:34 suppressed',
      'hba-md5 db/patroni.yml:9:35-9:38',
    ]);
    expect(result.files).toEqual([{ path: 'db/patroni.yml', kind: 'patroni', pgVersion: 17 }]);
    // The sources are the repository's files: the YAML, never what was synthesized from it.
    expect([...result.sources.keys()]).toEqual(['db/patroni.yml']);
    // The unit fix edits the YAML value's own characters; the md5 fix the method token in the list item.
    const inv = result.diagnostics.find((d) => d.rule === 'invalid-value')!;
    expect(inv.fix?.edits).toEqual([{ loc: { file: 'db/patroni.yml', start: PATRONI.indexOf('8mb'), end: PATRONI.indexOf('8mb') + 3 }, text: '8MB' }]);
    const md5 = result.diagnostics.find((d) => d.rule === 'hba-md5' && !d.suppressed)!;
    const at = PATRONI.indexOf('md5', PATRONI.indexOf('192.168.0.0'));
    expect(md5.fix?.edits).toEqual([{ loc: { file: 'db/patroni.yml', start: at, end: at + 3 }, text: 'scram-sha-256' }]);
  });

  test('a directive in the YAML that suppresses nothing is reported there', () => {
    const dir = makeTree({ 'patroni.yml': PATRONI.replace('disable-next-line hba-md5', 'disable-next-line invalid-value') });
    const result = lint(['.'], { cwd: dir, pgVersion: 17 }, only('hba-md5', 'invalid-value', 'unused-directive'));
    expect(findings(result)).toEqual([
      'invalid-value patroni.yml:5:15-5:18',
      'unused-directive patroni.yml:7:5-7:86',
      'hba-md5 patroni.yml:8:31-8:34',
      'hba-md5 patroni.yml:9:35-9:38',
    ]);
  });

  test('disable-line on the YAML line and disable-file anywhere in the YAML suppress too; a # inside a quoted value is no directive', () => {
    const yaml = [
      '# pgconf-lint disable-file listen-on-all-addresses -- container: the pod network is the boundary',
      'scope: demo',
      'postgresql:',
      '  listen: 0.0.0.0:5432',
      '  parameters:',
      '    work_mem: 8mb  # pgconf-lint disable-line invalid-value -- reviewed',
      "    application_name: '# pgconf-lint disable-file hba-md5 -- not a comment'",
      '  pg_hba:',
      '    - host all all 10.0.0.0/8 md5',
      '',
    ].join('\n');
    const result = lint(['.'], { cwd: makeTree({ 'patroni.yml': yaml }), pgVersion: 17 }, only('invalid-value', 'hba-md5', 'listen-on-all-addresses', 'unused-directive'));
    expect(findings(result)).toEqual([
      'listen-on-all-addresses patroni.yml:4:11-4:18 suppressed',
      'invalid-value patroni.yml:6:15-6:18 suppressed',
      'hba-md5 patroni.yml:9:31-9:34',
    ]);
  });

  test('without the carrier readers a carrier file is one located finding, never skipped', () => {
    const dir = makeTree({ 'patroni.yml': PATRONI });
    const result = lint(['.'], { cwd: dir, pgVersion: 17, carriers: undefined }, only('unreadable-file'));
    expect(findings(result)).toEqual(['unreadable-file patroni.yml:1:1-1:1']);
    expect(result.diagnostics[0]!.message).toBe('could not read patroni file: not read: the carrier readers were not loaded (a front end must await loadCarriers() and pass LintOptions.carriers)');
  });

  test('an unreadable carrier is one finding at the place of the problem', () => {
    const dir = makeTree({ 'patroni.yml': 'scope: x\npostgresql:\n  parameters: [a\n' });
    const result = lint(['.'], { cwd: dir, pgVersion: 17 }, only('unreadable-file', 'syntax-error'));
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.message).toMatch(/^could not read patroni file: not valid YAML: /);
    expect(locate(result.diagnostics[0]!, result.sources).line).toBe(4);
  });

  test('discovery: patroni*.yml by name, postgres*.yml by shape; a Kubernetes object or another YAML is no carrier', () => {
    const dir = makeTree({
      'a/patroni-node1.yaml': 'scope: x\n',
      'b/postgres.yml': 'scope: x\npostgresql:\n  listen: 1.2.3.4:5432\n',
      'c/postgres.yml': 'postgresql:\n  image: x\n',
      'd/patroni.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: patroni}\n',
      'e/values.yml': 'scope: x\npostgresql: {}\n',
      'f/postgresql.conf': 'work_mem = 4MB\n',
    });
    const result = lint(['.'], { cwd: dir, pgVersion: 17 }, []);
    expect(result.files.map((f) => `${f.path} ${f.kind}`)).toEqual(['a/patroni-node1.yaml patroni', 'b/postgres.yml patroni', 'f/postgresql.conf postgresql.conf']);
  });

  test("a file the config's files: globs map to a carrier kind is read as that carrier, whatever its name", () => {
    const dir = makeTree({ 'deploy/ha.yaml': PATRONI });
    const host = nodeHost({ cwd: dir });
    const found = discover(host, ['.'], { extraKind: (abs) => (abs.endsWith('ha.yaml') ? 'patroni' : undefined) });
    expect(found.clusters.map((c) => c.files.map((f) => f.kind))).toEqual([['patroni']]);
    const [c] = expandCarriers(host, found.clusters, CARRIERS);
    const resolved = resolveCluster(host, c!);
    // carrierLoc: the synthesized work_mem line, located in the YAML (for the diff and other reports).
    const a = resolved.assignments.find((x) => x.key === 'work_mem')!;
    const loc = carrierLoc(resolved, { file: a.file.path, start: a.line.nameStart, end: a.line.valueEnd });
    expect(loc).toEqual({ file: 'deploy/ha.yaml', start: PATRONI.indexOf('work_mem'), end: PATRONI.indexOf('8mb') + 3 });
  });

  test('settings and hba show the carrier file and the line in it', () => {
    const dir = makeTree({ 'patroni.yml': PATRONI });
    const opts: LintOptions = { cwd: dir, pgVersion: 17, carriers: CARRIERS };
    const s = readSettings(['.'], opts).results[0]!;
    expect(s.cluster).toBe('patroni.yml');
    expect(s.rows.find((r) => r.name === 'work_mem')).toMatchObject({ sourcefile: 'patroni.yml', sourceline: 5, setting: '8mb' });
    expect(s.rows.find((r) => r.name === 'listen_addresses')).toMatchObject({ sourcefile: 'patroni.yml', sourceline: 3, setting: '0.0.0.0' });
    const h = readHba(['.'], opts).results[0]!;
    expect(h.file).toBe('patroni.yml');
    expect(h.rows.map((r) => [r.file_name, r.line_number, r.address])).toEqual([
      ['patroni.yml', 8, '10.0.0.0'],
      ['patroni.yml', 9, '192.168.0.0'],
    ]);
  });

  test('prepareLint loads the carrier readers only when discovery finds a carrier, and discovers once', async () => {
    const plain = makeTree({ 'postgresql.conf': 'work_mem = 4MB\n' });
    const p1 = await prepareLint(['.'], { cwd: plain });
    expect(p1.carriers).toBeUndefined();
    expect(p1.discovered?.found.clusters).toHaveLength(1);
    const withYaml = makeTree({ 'patroni.yml': PATRONI });
    const p2 = await prepareLint(['.'], { cwd: withYaml, pgVersion: 17 });
    expect(typeof p2.carriers?.read).toBe('function');
    const result = lint(['.'], p2, only('hba-md5'));
    expect(findings(result)).toEqual(['hba-md5 patroni.yml:8:31-8:34 suppressed', 'hba-md5 patroni.yml:9:35-9:38']);
  });
});
