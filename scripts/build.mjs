// Bundles the CLI (and later the action) with esbuild and copies the generated catalogs next to it.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

const banner = {
  js: "import { createRequire as __pgclCreateRequire } from 'node:module'; const require = __pgclCreateRequire(import.meta.url);",
};

mkdirSync(dist, { recursive: true });
// Chunks of the previous build (names carry a content hash).
for (const f of readdirSync(dist)) if (/^(cli|action)-chunk-.*\.js$/.test(f)) rmSync(join(dist, f));

// The Action's ES module bundle takes Node's built-in modules with require, not import: an ESM import
// of a built-in makes Node build a facade module and copy every export of it (node:fs has over a
// hundred) at start-up, a few milliseconds a run; require (the banner's) hands back the loaded
// module. The CLI's bundle is CommonJS, where esbuild writes require itself.
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  minify: true,
  keepNames: true,
  logLevel: 'warning',
  banner,
};

// The CLI is one CommonJS script, dist/cli-main.cjs, which the bin (dist/cli.cjs, written from
// scripts/cli-stub.cjs) compiles with V8's code cache: a run after the first neither compiles the
// bundle nor the functions the run before it compiled (on Node 20 as on later Nodes). What only some
// runs need (the config reader with yaml + ajv, the diff, the carriers) stays behind its dynamic
// import, which esbuild turns into a module initialised on first use: it is compiled lazily and not
// run at start-up. The catalogs are found relative to the bundle's own URL (import.meta.url is
// defined from __filename).
const cli = await build({
  ...common,
  format: 'cjs',
  banner: { js: 'var __pgclUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__pgclUrl' },
  entryPoints: [join(root, 'bin/cli.ts')],
  outfile: join(dist, 'cli-main.cjs'),
  metafile: true,
});
// The stub reads the bundle as Latin-1 (no UTF-8 decoding of a megabyte at every start), which is
// only right for ASCII. esbuild escapes every other character except in regular expression literals
// (`/…/`): there, \uXXXX means the same character (a pair of them, one astral character, in both
// modes). An escaped character after a backslash would change meaning: the build stops instead.
const built = readFileSync(join(dist, 'cli-main.cjs'), 'utf8');
// keepNames gives every function and class its name back (minified, they would show as `a`, `Xe`,
// ... in a stack trace) with esbuild's helper, one Object.defineProperty per function at start-up:
// ~1,800 of them, 1-2 ms a run. Only `--debug` prints stack traces, so the helper names them only
// when the bin says the run has it (scripts/cli-stub.cjs sets the symbol before the bundle runs);
// otherwise it hands the function back untouched. The helper is found by its exact shape: a build
// that cannot find it stops, rather than ship a bundle that names nothing or everything.
const NAME_HELPER = /var ([A-Za-z_$][\w$]*)=\(e,t\)=>([A-Za-z_$][\w$]*)\(e,"name",\{value:t,configurable:!0\}\)/g;
const helpers = [...built.matchAll(NAME_HELPER)];
if (helpers.length !== 1) throw new Error(`dist/cli-main.cjs: expected esbuild's keepNames helper once, found it ${helpers.length} times`);
const [helper, helperName, defineProperty] = helpers[0];
const rawMain = built.replace(helper, `var ${helperName}=globalThis[Symbol.for("pgconf-lint.keep-names")]===true?(e,t)=>${defineProperty}(e,"name",{value:t,configurable:!0}):e=>e`);
if (/\\[^\x00-\x7f]/.test(rawMain)) throw new Error('dist/cli-main.cjs: a non-ASCII character after a backslash cannot be escaped');
const cliMain = rawMain.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
writeFileSync(join(dist, 'cli-main.cjs'), cliMain);
// The stub compiles the bundle as a classic script: no import() or import.meta may remain in it.
if (/\bimport\s*\(|\bimport\.meta\b/.test(cliMain)) throw new Error('dist/cli-main.cjs must not use import() or import.meta: the stub runs it as a script');
// node:crypto is loaded on first use (src/io/crypto.ts), never by a plain require: loading it costs
// every run start-up time. (test/cli-exit.test.ts checks which of Node's modules a check loads.)
if (cliMain.includes('require("node:crypto")')) throw new Error('dist/cli-main.cjs requires node:crypto: load it on first use (src/io/crypto.ts)');
const buildId = createHash('sha256').update(cliMain).digest('hex').slice(0, 16);
writeFileSync(
  join(dist, 'cli.cjs'),
  '#!/usr/bin/env node\n' + readFileSync(join(root, 'scripts', 'cli-stub.cjs'), 'utf8').replace("'__BUILD__'", `'${buildId}'`),
);
rmSync(join(dist, 'cli.js'), { force: true }); // the ES module stub of earlier builds

// The action is split the same way: GitHub runs dist/action.js from the repository's checkout, where
// its chunks (dist/action-chunk-[hash].js, committed with it) sit beside it. What a push event's run
// needs is in action.js; what only some runs load is in chunks: the GitHub API client (Octokit,
// undici), the config reader (yaml + ajv), the carrier readers, the base revision's lint, review
// planning, the diff and the SARIF writer.
let action;
if (existsSync(join(root, 'src/action/main.ts'))) {
  action = await build({
    ...common,
    plugins: [builtinsByRequire],
    entryPoints: { action: join(root, 'bin/action.ts') },
    outdir: dist,
    splitting: true,
    chunkNames: 'action-chunk-[hash]',
    metafile: true,
  });
  // The startup path (action.js and the chunks it imports statically, which load
  // with it) must not contain what the split is for, and stays a few files (src/action/pull-request.ts).
  const outputs = action.metafile.outputs;
  const actionJs = relative(process.cwd(), join(dist, 'action.js'));
  if (!outputs[actionJs]) throw new Error(`esbuild's metafile does not list ${actionJs}`);
  const startup = new Set();
  for (const todo = [actionJs]; todo.length; ) {
    const out = todo.pop();
    if (startup.has(out)) continue;
    startup.add(out);
    for (const i of outputs[out].imports) if (i.kind === 'import-statement' && outputs[i.path]) todo.push(i.path);
  }
  const leaked = [...startup].flatMap((o) => Object.keys(outputs[o].inputs)).filter((p) => /node_modules\/(ajv|yaml|undici|@actions|@octokit)\//.test(p));
  if (leaked.length) throw new Error(`dist/action.js must not load ${leaked.slice(0, 3).join(', ')} at start-up`);
  if (startup.size > 10) throw new Error(`the Action's start-up path is ${startup.size} files (at most 10): fewer dynamic import sites make fewer shared chunks`);
}

// The packages inside the bundles. Their versions must be the ones package-lock.json records: a
// node_modules left over from before a lock change builds a different dist/ than CI (`npm ci`,
// then this build, then `git diff --exit-code dist/`) and the release workflow do.
const bundled = new Map(); // node_modules/... directory -> set of bundle names
for (const [name, meta] of [['cli', cli.metafile], ['action', action?.metafile]]) {
  for (const input of Object.keys(meta?.inputs ?? {})) {
    const m = /^(?:.*\/)?(node_modules\/(?:@[^/]+\/)?[^/]+(?:\/node_modules\/(?:@[^/]+\/)?[^/]+)*)\//.exec(input);
    if (!m) continue;
    if (!bundled.has(m[1])) bundled.set(m[1], new Set());
    bundled.get(m[1]).add(name);
  }
}
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages ?? {};
const licences = [];
for (const dir of [...bundled.keys()].sort()) {
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  const locked = lock[dir]?.version;
  if (locked !== pkg.version) {
    throw new Error(`${dir} is ${pkg.version} but package-lock.json says ${locked ?? 'nothing'}: run npm ci, then build again`);
  }
  // The bundles drop the packages' comments (legalComments: 'none'); their licences travel here.
  const file = readdirSync(join(root, dir)).filter((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f)).sort()[0];
  if (!file) throw new Error(`${dir} has no licence file to ship with the bundle`);
  const text = readFileSync(join(root, dir, file), 'utf8').replace(/\r\n/g, '\n').trim();
  const into = [...bundled.get(dir)].map((b) => `dist/${b}.js (and its chunks)`).join(', ');
  licences.push(`${pkg.name}@${pkg.version} (${pkg.license}), bundled into ${into}\n\n${text}\n`);
}
writeFileSync(
  join(dist, 'THIRD-PARTY-LICENSES.txt'),
  `Third-party packages bundled into pgconf-lint's dist/ files, with their licences.\n\n` +
    licences.join('\n' + '-'.repeat(79) + '\n\n'),
);

// Catalogs are read at run time (only the target majors), not bundled.
const dataOut = join(dist, 'catalog', 'data');
rmSync(join(dist, 'catalog'), { recursive: true, force: true });
mkdirSync(dataOut, { recursive: true });
const dataIn = join(root, 'src', 'catalog', 'data');
for (const f of readdirSync(dataIn).filter((n) => n.endsWith('.json')).sort()) {
  cpSync(join(dataIn, f), join(dataOut, f));
}
