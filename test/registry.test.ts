import { MAIN_FILE } from './support/rule-tester.js';
import { describe, expect, test, afterAll } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { RULES } from '../rules/index.js';
import { RULE_CATEGORIES, RULE_TAGS, precedenceOrder, documentationOrder, defineRule, type DocExample, type Rule } from '../src/linter/rule.js';
import { opt, optionTypeText } from '../src/linter/options.js';
import { ALLOWED_NETWORKS } from '../src/analysis/hba.js';
import { configSchema } from '../src/config/config.js';
import { optionsSection, ruleMetadata } from '../src/report/rule-doc.js';
import { cleanupFixtures, lintTree } from './support/fixture.js';

afterAll(cleanupFixtures);

const ruleFiles = readdirSync(new URL('../rules/', import.meta.url))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('index'))
  .map((f) => f.replace(/\.ts$/, ''));

const fileFor = MAIN_FILE;

describe('rule registry', () => {
  test('every rule file is registered, and names equal file names', () => {
    expect(RULES.map((r) => r.name).sort()).toEqual([...ruleFiles].sort());
  });

  test('the registry is sorted by name and lists every file in rules/ but index.ts', () => {
    const names = RULES.map((r) => r.name);
    expect(names).toEqual([...names].sort());
    expect(readdirSync(new URL('../rules/', import.meta.url)).filter((f) => f.startsWith('index'))).toEqual(['index.ts']);
  });

  test('every rule has a category; extra tags are known and never security (that comes from the category)', () => {
    for (const r of RULES) {
      expect(RULE_CATEGORIES).toContain(r.category);
      for (const t of r.tags ?? []) {
        expect(RULE_TAGS).toContain(t);
        expect(t).not.toBe('security');
      }
      expect(ruleMetadata(r).tags.includes('security')).toBe(r.category === 'security');
    }
  });

  test('merge precedence: distinct among the rules that set it, and the ties the design names', () => {
    const set = RULES.filter((r) => r.precedence !== undefined).map((r) => r.precedence);
    expect(new Set(set).size).toBe(set.length);
    const order = precedenceOrder(RULES);
    const before = (a: string, b: string): boolean => order.indexOf(a) < order.indexOf(b);
    // A placeholder rejected by invalid-value or hba-invalid-record is one finding: "render the template".
    expect(before('unrendered-template', 'invalid-value')).toBe(true);
    expect(before('unrendered-template', 'hba-invalid-record')).toBe(true);
    expect(before('hba-ident-over-tcp', 'hba-superuser-remote')).toBe(true);
    // Documentation order: by category, then name.
    const docs = documentationOrder(RULES);
    expect(docs).toHaveLength(RULES.length);
    for (let i = 1; i < docs.length; i++) {
      const [a, b] = [docs[i - 1]!, docs[i]!];
      const ca = RULE_CATEGORIES.indexOf(a.category!);
      const cb = RULE_CATEGORIES.indexOf(b.category!);
      expect(ca < cb || (ca === cb && a.name < b.name)).toBe(true);
    }
  });

  test('options: schema, defaults and docs come from one spec and agree', () => {
    for (const r of RULES) {
      const spec = r.options ?? {};
      const names = Object.keys(spec);
      if (!names.length) {
        expect(r.optionsSchema).toBeUndefined();
        expect(r.defaultOptions).toBeUndefined();
        continue;
      }
      const schema = r.optionsSchema as { properties: Record<string, { description?: string }>; additionalProperties: boolean };
      expect(Object.keys(schema.properties)).toEqual(names);
      expect(schema.additionalProperties).toBe(false);
      expect(Object.keys(r.defaultOptions!)).toEqual(names);
      const section = optionsSection(r);
      const ruleInConfig = (configSchema(RULES) as { properties: { rules: { properties: Record<string, { oneOf: { properties?: Record<string, unknown> }[] }> } } }).properties.rules.properties[r.name]!;
      for (const n of names) {
        expect(r.defaultOptions![n]).toEqual(spec[n]!.default);
        expect(schema.properties[n]!.description).toBe(spec[n]!.description);
        expect(section).toContain(`- \`${n}\` (${optionTypeText(spec[n]!)}, default \`${JSON.stringify(spec[n]!.default)}\`): ${spec[n]!.description}`);
        expect(ruleInConfig.oneOf[1]!.properties![n]).toEqual(schema.properties[n]);
        // A default the schema rejects would be a contradiction: check the JSON types of the defaults.
        const s = spec[n]!.schema as { type?: string; enum?: unknown[]; items?: { enum?: unknown[]; pattern?: string } };
        const d = spec[n]!.default;
        if (s.type === 'boolean') expect(typeof d).toBe('boolean');
        if (s.type === 'integer') expect(Number.isInteger(d)).toBe(true);
        if (s.enum) expect(s.enum).toContain(d);
        if (s.type === 'array') {
          expect(Array.isArray(d)).toBe(true);
          for (const x of d as unknown[]) {
            if (s.items?.enum) expect(s.items.enum).toContain(x);
            if (s.items?.pattern) expect(String(x)).toMatch(new RegExp(s.items.pattern));
          }
        }
      }
    }
  });

  test('the rules that declare the shared allowedNetworks option get the config\'s top-level allowedNetworks', () => {
    const declaring = RULES.filter((r) => r.options?.allowedNetworks === ALLOWED_NETWORKS).map((r) => r.name);
    expect(declaring.sort()).toEqual(['hba-open-to-world', 'hba-replication-open', 'hba-superuser-remote', 'hba-trust-remote', 'hba-wide-network']);
    // A rule's own option of that name that is not the shared spec does not count.
    expect(RULES.filter((r) => r.options && 'allowedNetworks' in r.options && r.options.allowedNetworks !== ALLOWED_NETWORKS)).toEqual([]);
  });

  test('one engine-reported rule: the directives\' problems', () => {
    expect(RULES.filter((r) => r.engineReport === 'directive-problems').map((r) => r.name)).toEqual(['unused-directive']);
  });

  test('ctx.options is typed from the spec (compile-checked by typecheck)', () => {
    const seen: unknown[] = [];
    const rule: Rule = defineRule({
      name: 'typed-example',
      severity: 'warning',
      category: 'maintenance',
      appliesTo: ['postgresql.conf'],
      docs: { summary: 'x', why: 'x', invalid: [], valid: [], references: [] },
      options: { on: opt.boolean(true, 'b'), level: opt.string('low', 'l', { enum: ['low', 'high'] }), names: opt.stringArray(['a'], 'n') },
      check(ctx) {
        const on: boolean = ctx.options.on;
        const level: 'low' | 'high' = ctx.options.level;
        const names: readonly string[] = ctx.options.names;
        // @ts-expect-error an option the rule does not declare
        seen.push(on, level, names, ctx.options.undeclared);
      },
    });
    expect(rule.defaultOptions).toEqual({ on: true, level: 'low', names: ['a'] });
    expect(rule.optionsSchema).toEqual({
      type: 'object',
      properties: {
        on: { type: 'boolean', description: 'b' },
        level: { enum: ['low', 'high'], description: 'l' },
        names: { type: 'array', items: { type: 'string' }, description: 'n' },
      },
      additionalProperties: false,
    });
  });

  test('docs given as a function are built on the first read of rule.docs, once; every rule file gives them so', () => {
    let built = 0;
    const rule = defineRule({
      name: 'lazy-docs-example',
      severity: 'warning',
      category: 'maintenance',
      appliesTo: ['postgresql.conf'],
      docs: () => {
        built++;
        return { summary: 's', why: 'w', invalid: [], valid: [], references: [] };
      },
      check() {},
    });
    expect(built).toBe(0);
    expect(Object.keys(rule)).toContain('docs');
    const first = rule.docs;
    expect(first.summary).toBe('s');
    expect(rule.docs).toBe(first);
    expect({ ...rule }.docs).toBe(first);
    expect(built).toBe(1);
    // A check never reads them (test/cli-compile-cache.test.ts checks what the CLI compiles), so
    // every rule file gives them as a function.
    const source = (name: string): string => readFileSync(new URL(`../rules/${name}.ts`, import.meta.url), 'utf8');
    for (const name of ruleFiles) expect({ name, lazy: /\n {2}docs: \(\)(: RuleDocs)? => \(\{\n/.test(source(name)) }).toEqual({ name, lazy: true });
  });

  test('every rule has its own test file, test/rules/<rule>.test.ts, that runs it through the rule tester', () => {
    const without = RULES.map((r) => r.name).filter((name) => {
      const file = new URL(`./rules/${name}.test.ts`, import.meta.url);
      if (!existsSync(file)) return true;
      const text = readFileSync(file, 'utf8');
      return !text.includes(`from '../../rules/${name}.js'`) || !/\bruleTester\(/.test(text);
    });
    expect(without).toEqual([]);
  });

  test('names are unique kebab-case', () => {
    const names = RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  test('every rule has docs with a why, references and at least one valid example', () => {
    for (const r of RULES) {
      expect(r.docs.summary.length).toBeGreaterThan(10);
      expect(r.docs.why.length).toBeGreaterThan(40);
      expect(r.docs.references.length).toBeGreaterThan(0);
      expect(r.docs.valid.length).toBeGreaterThan(0);
    }
  });

  for (const rule of RULES) {
    const file = fileFor[rule.appliesTo[0]!];
    const tree = (code: DocExample): Record<string, string> =>
      typeof code === 'string'
        ? { [file]: code + '\n' }
        : Object.fromEntries(Object.entries(code).map(([k, v]) => [k, v + '\n']));
    // The examples show the rule at work: it runs also when it is off by default (a checklist profile's rule).
    const on = { rules: { [rule.name]: rule.severity } };
    for (const code of rule.docs.invalid) {
      test(`${rule.name}: invalid example yields exactly one finding: ${JSON.stringify(code)}`, () => {
        const { findings } = lintTree(tree(code), on);
        expect(findings.filter((f) => f.rule === rule.name)).toHaveLength(1);
      });
    }
    for (const code of rule.docs.valid) {
      test(`${rule.name}: valid example yields none: ${JSON.stringify(code)}`, () => {
        const { findings } = lintTree(tree(code), on);
        expect(findings.filter((f) => f.rule === rule.name)).toEqual([]);
      });
    }
  }

  test('generated rule docs are up to date', () => {
    execFileSync(process.execPath, ['scripts/gen-docs.mjs', '--check'], { stdio: 'pipe' });
    for (const r of RULES) {
      expect(readFileSync(`docs/rules/${r.name}.md`, 'utf8')).toContain(`# ${r.name}`);
    }
  });
});
