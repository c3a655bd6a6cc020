/**
 * The npm package as users get it: `npm pack` of the working tree (after `npm run build`), its file
 * list and size, its metadata, and an offline install of the tarball into an empty project whose
 * `pgconf-lint` bin then runs — including the way the pre-commit hook (.pre-commit-hooks.yaml)
 * calls it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { parse as parseYaml } from 'yaml';
import { RULES } from '../rules/index.js';
import { SUPPORTED_MAJORS } from '../src/catalog/types.js';

const repo = join(new URL('.', import.meta.url).pathname, '..');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  license: string;
  bin: Record<string, string>;
  engines: { node: string };
  scripts: Record<string, string>;
  [key: string]: unknown;
};

/** The limit on the packed size. */
const MAX_PACKED_BYTES = 600_000;

let work: string;
let tarball: string;
let packed: { size: number; unpackedSize: number; files: { path: string; size: number }[] };
/** The empty project the tarball is installed into. */
let project: string;
let install: SpawnSyncReturns<string>;

/** npm with a cache of its own (empty at first): nothing comes from an earlier install. */
function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      npm_config_cache: join(work, 'npm-cache'),
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      NO_COLOR: '1',
    },
  });
}

/** The installed bin, run as npx runs it (node_modules/.bin). */
function bin(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join(project, 'node_modules', '.bin', 'pgconf-lint'), args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(work, 'repo-'));
  mkdirSync(join(dir, '.git'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'pgconf-lint-package-'));
  const r = npm(['pack', '--json', '--pack-destination', work], repo);
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  const [info] = JSON.parse(r.stdout) as [typeof packed & { filename: string }];
  packed = info;
  tarball = join(work, info.filename);

  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'empty-project', version: '1.0.0', private: true }));
  install = npm(['install', '--offline', '--no-audit', '--no-fund', tarball], project);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  test('ships the CLI, its catalogs, schema/, docs/rules/, README and LICENSE, and not the Action bundle', () => {
    const files = packed.files.map((f) => f.path).sort();
    expect(files).not.toContain('dist/action.js');
    expect(files).not.toContain('action.yml');
    for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/cli.cjs', 'dist/THIRD-PARTY-LICENSES.txt', 'schema/pgconf-lint.schema.json', 'dist/catalog/data/history.json']) {
      expect(files).toContain(f);
    }
    for (const major of SUPPORTED_MAJORS) expect(files).toContain(`dist/catalog/data/${major}.json`);
    for (const rule of RULES) expect(files).toContain(`docs/rules/${rule.name}.md`);
    // The bin is a stub that compiles the bundle, dist/cli-main.cjs, which it names.
    expect(readFileSync(join(repo, 'dist', 'cli.cjs'), 'utf8')).toMatch(/join\(__dirname, 'cli-main\.cjs'\)/);
    expect(files).toContain('dist/cli-main.cjs');
    // Nothing else: no sources, tests, fixtures or scripts.
    const allowed = /^(package\.json|README\.md|LICENSE|dist\/cli\.cjs|dist\/cli-main\.cjs|dist\/THIRD-PARTY-LICENSES\.txt|dist\/catalog\/data\/[a-z0-9]+\.json|schema\/[a-z-]+\.schema\.json|docs\/rules\/[a-z0-9-]+\.md)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
  });

  test(`is at most ${MAX_PACKED_BYTES / 1000} kB packed`, () => {
    expect(packed.size).toBeGreaterThan(0);
    expect(packed.size).toBeLessThanOrEqual(MAX_PACKED_BYTES);
  });

  test('declares no dependencies: everything the CLI runs is in its bundle', () => {
    for (const key of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'bundledDependencies']) {
      expect(pkg[key]).toBeUndefined();
    }
    // What the bundle and its stub load at run time is Node's own modules, and the stub loads the bundle.
    const stub = readFileSync(join(repo, 'dist', 'cli.cjs'), 'utf8');
    const main = readFileSync(join(repo, 'dist', 'cli-main.cjs'), 'utf8');
    const loaded = [stub, main].flatMap((text) =>
      [...text.matchAll(/(?:^|\n)[ \t]*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|\brequire\(\s*["']([^"']+)["']\s*\)|\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)].map((m) => (m[1] ?? m[2] ?? m[3])!),
    );
    expect(loaded.length).toBeGreaterThan(5);
    // Node's modules, with or without the node: prefix (yaml's CommonJS build requires "process").
    // ajv's code generator holds `require("ajv/dist/runtime/…")` as quoted text for standalone code;
    // the bundle never generates standalone code, so these strings are never run.
    const strings = /^ajv\/dist\/runtime\/[a-z0-9_]+$/;
    expect(loaded.filter((s) => !s.startsWith('node:') && !builtinModules.includes(s) && !(strings.test(s) && [`'`, '`'].some((q) => main.includes(`${q}require("${s}")`))))).toEqual([]);
  });

  test('says where it comes from and under which licence', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/pgconf-lint/pgconf-lint.git' });
    expect(pkg.homepage).toBe('https://github.com/pgconf-lint/pgconf-lint#readme');
    expect(pkg.bugs).toEqual({ url: 'https://github.com/pgconf-lint/pgconf-lint/issues' });
    expect(pkg.keywords).toEqual(expect.arrayContaining(['postgresql', 'pg_hba.conf', 'postgresql.conf', 'linter']));
    expect(pkg.license).toBe('MIT');
    const licence = readFileSync(join(repo, 'LICENSE'), 'utf8');
    expect(licence).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} pgconf-lint contributors\n/);
    // The catalogs hold PostgreSQL's parameter descriptions: its licence travels with them.
    expect(licence).toContain('Portions Copyright (c) 1994, The Regents of the University of California');
  });

  test('has no install or prepare scripts (pre-commit installs the package from its git repository: a prepare script would pull every devDependency)', () => {
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare', 'prepack', 'postpack', 'prepublish']) {
      expect(pkg.scripts[s]).toBeUndefined();
    }
  });

  test('engines matches what the bundle needs: the esbuild target, and every bundled package accepts it', async () => {
    const target = /target:\s*'node(\d+)'/.exec(readFileSync(join(repo, 'scripts', 'build.mjs'), 'utf8'))?.[1];
    expect(target).toBeDefined();
    expect(pkg.engines).toEqual({ node: `>=${target}` });
    const result = await build({
      absWorkingDir: repo,
      entryPoints: [join(repo, 'src', 'cli.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      splitting: true,
      outdir: join(work, 'esbuild-out'),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const dirs = new Set(Object.keys(result.metafile.inputs).flatMap((p) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(p)?.[1] ?? []));
    expect([...dirs].map((d) => d.replace(/^.*node_modules\//, '')).sort()).toEqual(expect.arrayContaining(['ajv', 'yaml']));
    for (const dir of dirs) {
      const engines = (JSON.parse(readFileSync(join(repo, dir, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node;
      if (engines === undefined) continue;
      // Only simple lower bounds occur; anything else needs a look before `engines` can stay as it is.
      const m = /^>=\s*(\d+)(?:\.\d+){0,2}$/.exec(engines.trim());
      expect([dir, m ? 'a lower bound' : engines]).toEqual([dir, 'a lower bound']);
      expect(Number(m![1])).toBeLessThanOrEqual(Number(target));
    }
  });
});

describe('installing the tarball into an empty project, offline', () => {
  test('adds exactly one package, without engine warnings', () => {
    expect(install.status).toBe(0);
    expect(install.stderr).not.toMatch(/EBADENGINE/);
    expect(install.stdout).toMatch(/added 1 package\b/);
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    expect(Object.keys(lock.packages).filter((k) => k !== '')).toEqual(['node_modules/pgconf-lint']);
    expect(lock.packages['node_modules/pgconf-lint']!.version).toBe(pkg.version);
    expect(readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['pgconf-lint']);
  });

  test('npx pgconf-lint --version runs the installed bin', () => {
    const r = npm(['exec', '--offline', '--', 'pgconf-lint', '--version'], project);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${pkg.version}\n`);
    expect(r.status).toBe(0);
  });

  test('the installed bin lints a repository, reads its .pgconf-lint.yml, and links the docs of its own version', () => {
    const dir = tree({ 'db/postgresql.conf': 'fsync = off\n' });
    const found = bin(['.'], dir);
    expect(found.code).toBe(1);
    expect(found.stdout).toMatch(/^error\[fsync-off\]: fsync = off: .*\n --> db\/postgresql\.conf:1:9\n/m);

    const sarif = JSON.parse(bin(['--format', 'sarif', '.'], dir).stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } } }[] };
    const rule = sarif.runs[0]!.tool.driver.rules.find((r) => r.id === 'fsync-off');
    expect(rule?.helpUri).toBe(`https://github.com/pgconf-lint/pgconf-lint/blob/v${pkg.version}/docs/rules/fsync-off.md`);

    // The config reader (yaml and ajv, a chunk of its own) is in the package too.
    writeFileSync(join(dir, '.pgconf-lint.yml'), 'rules:\n  fsync-off: off\n');
    expect(bin(['.'], dir)).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('the pre-commit hook, run the way pre-commit runs it', () => {
  type Hook = { entry: string; files: string };
  const hook = (parseYaml(readFileSync(join(repo, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[])[0]!;
  const [command, ...entryArgs] = hook.entry.split(' ');
  /** pre-commit passes the changed files its `files` regex selects (re.search on repository paths). */
  const run = (dir: string, changed: string[]) => {
    expect(command).toBe('pgconf-lint');
    return bin(['--format', 'json', ...entryArgs, ...changed.filter((f) => new RegExp(hook.files).test(f))], dir);
  };
  const findings = (stdout: string) =>
    (JSON.parse(stdout) as { diagnostics: { rule: string; file: string; line: number }[] }).diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`).sort();

  const files = {
    'db/postgresql.conf': 'ssl = off\nfsync = off\n',
    'db/pg_hba.conf': 'hostssl all app 10.20.0.0/16 scram-sha-256\nhost all all 0.0.0.0/0 scram-sha-256\n',
    'db/PG_VERSION': '16\n',
    'legacy/pg_hba.conf': 'host all all 0.0.0.0/0 trust\n',
    'docs/notes.md': 'pg_hba.conf notes\n',
    '.pgconf-lint.yml': 'ignore:\n  - legacy/**\n',
  };

  test('all the files of a cluster changed: the same findings as linting the repository', () => {
    const dir = tree(files);
    const whole = bin(['--format', 'json', '.'], dir);
    const hooked = run(dir, Object.keys(files));
    expect(hooked.code).toBe(whole.code);
    expect(findings(hooked.stdout)).toEqual(findings(whole.stdout));
    // Including the finding that needs both files.
    expect(findings(hooked.stdout)).toContain('db/pg_hba.conf:1 hba-hostssl-without-ssl');
  });

  test('only pg_hba.conf changed: it is checked alone, and what needs its postgresql.conf stays quiet', () => {
    const dir = tree(files);
    const r = run(dir, ['db/pg_hba.conf']);
    expect(r.code).toBe(0);
    expect(findings(r.stdout).filter((f) => f.includes('hba-hostssl-without-ssl') || f.includes('ssl-disabled'))).toEqual([]);
  });

  test('only a file the config ignores changed: the commit passes', () => {
    const dir = tree(files);
    const r = run(dir, ['legacy/pg_hba.conf', 'docs/notes.md']);
    expect(r.code).toBe(0);
    expect(findings(r.stdout)).toEqual([]);
  });
});
