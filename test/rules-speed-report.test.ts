import { afterAll, describe, expect, test } from '@jest/globals';
import { defineRule, runRule, safeText } from '../src/linter/rule.js';
import { groupOf } from '../src/linter/merge.js';
import { maskQuoted, MASK } from '../src/linter/redact.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

// RuleRun.report keeps the last help, related message, concern and fix title with their masked
// text, and the last file's private key blocks: these check that nothing kept leaks from one
// finding into the next when they change between findings, findings alternate between files, or
// a finding lies in a private key block.

const GHS = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
const TEXTS = ['Write it once.', `Use the token ${GHS} instead.`, 'Write it once.', 'password=hunter2 is what it says', 'Write it once.', 'Write it twice.'];

const rule = defineRule({
  name: 'test-report-texts',
  severity: 'warning',
  category: 'validity',
  appliesTo: ['postgresql.conf'],
  fixable: 'sometimes',
  docs: { summary: 'test', why: 'test', invalid: [], valid: [], references: [] },
  check(ctx) {
    let k = 0;
    for (const a of ctx.cluster.assignments) {
      const t = TEXTS[k % TEXTS.length]!;
      const u = TEXTS[(k + 1) % TEXTS.length]!;
      const loc = { file: a.file.path, start: a.line.valueStart, end: a.line.valueEnd };
      ctx.report({
        loc,
        message: `#${k} "${a.line.raw}" ${t}`,
        help: t,
        related: [{ message: u, loc }],
        fix: { title: u, edits: [{ loc, text: a.line.raw }], applicability: 'safe' },
        group: { key: `k${k}`, concern: `"${a.line.raw}" ${u}` },
      });
      k++;
    }
  },
});

describe('a finding is masked on its own, whatever the findings before it', () => {
  test('texts that change between findings, in two files, one with a private key', () => {
    // A key block the parser reads past (its marker lines are comments), with an assignment in it.
    const key = "# -----BEGIN PRIVATE KEY-----\napp.k2 = 'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi5j1Ez2WHeHFNkTq6Xcm5wdT3f'\n# -----END PRIVATE KEY-----\n";
    const lines = (n: number, from: number): string => Array.from({ length: n }, (_, i) => `app.x${from + i} = 'v${from + i}'\n`).join('');
    const { result } = lintTree(
      {
        'postgresql.conf': `${lines(4, 0)}include 'key.conf'\n${lines(5, 10)}include 'key.conf'\n${lines(3, 20)}`,
        'key.conf': `app.k1 = 'a'\n${key}app.k3 = 'c'\n`,
      },
      { pgVersion: 17 },
      [rule],
    );
    // The rule run on the cluster as lint() runs it, before merging (which takes the groups away).
    expect(result.clusters).toHaveLength(1);
    const mine = runRule(rule, result.clusters[0]!);
    expect(mine.length).toBeGreaterThan(12);
    let inKey = 0;
    for (const d of mine) {
      // Each finding says which it was.
      const k = Number(/^#(\d+) /.exec(d.message)![1]);
      const t = TEXTS[k % TEXTS.length]!;
      const u = TEXTS[(k + 1) % TEXTS.length]!;
      const src = result.sources.get(d.loc.file)!;
      const raw = src.text.slice(d.loc.start, d.loc.end);
      const inside = d.loc.file === 'key.conf' && src.text.lastIndexOf('-----BEGIN', d.loc.start) > src.text.lastIndexOf('-----END', d.loc.start);
      if (inside) inKey++;
      expect(d.help).toBe(safeText(t));
      expect(d.related?.[0]?.message).toBe(safeText(u));
      expect(d.fix?.title).toBe(safeText(u));
      expect(d.message).toBe(safeText(inside ? maskQuoted(`#${k} "${raw}" ${t}`) : `#${k} "${raw}" ${t}`));
      expect(groupOf(d)?.concern).toBe(safeText(inside ? maskQuoted(`"${raw}" ${u}`) : `"${raw}" ${u}`));
      if (t.includes(GHS)) expect(d.help).not.toContain(GHS);
      if (u.includes('hunter2')) expect(d.fix?.title).toContain(MASK);
    }
    // The findings on the key's line, in both of its includes, quote nothing of it.
    expect(inKey).toBe(2);
  });
});

describe('a message is cut after masking, as safeText cuts it', () => {
  test('a message that masking makes longer than MESSAGE_MAX_CHARS', () => {
    const messages = [`${'a'.repeat(1989)} password=x`, `${'b'.repeat(1989)} the value`, 'short password=x', 'short and clean'];
    const r = defineRule({
      name: 'test-long-messages',
      severity: 'warning',
      category: 'validity',
      appliesTo: ['postgresql.conf'],
      docs: { summary: 'test', why: 'test', invalid: [], valid: [], references: [] },
      check(ctx) {
        let k = 0;
        for (const a of ctx.cluster.assignments) ctx.report({ loc: { file: a.file.path, start: a.line.valueStart, end: a.line.valueEnd }, message: messages[k++ % messages.length]! });
      },
    });
    const { result } = lintTree({ 'postgresql.conf': 'app.a = 1\napp.b = 2\napp.c = 3\napp.d = 4\napp.e = 5\n' }, { pgVersion: 17 }, [r]);
    const got = runRule(r, result.clusters[0]!).map((d) => d.message);
    expect(got).toEqual([0, 1, 2, 3, 0].map((k) => safeText(messages[k]!)));
    expect(got[0]).toContain('(message cut: 2003 characters in all)');
    expect(got[0]).not.toContain('password=x');
    expect(got[2]).toBe('short password=****');
  });
});
