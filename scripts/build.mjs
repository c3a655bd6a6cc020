// Bundles the CLI (and later the action) with esbuild and copies the generated catalogs next to it.
import { build } from 'esbuild';
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

// Node's built-in modules are taken with require, not import: an ESM import of a built-in makes Node
// build a facade module and copy every export of it (node:fs has over a hundred) at start-up, a few
// milliseconds a run; require hands back the loaded module. (`require` is the banner's.)
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

const common = {
  plugins: [builtinsByRequire],
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

// The CLI is split: dist/cli.js holds what every run needs; what only some runs need (reading a
// .pgconf-lint.yml with yaml + ajv) is a chunk loaded by dynamic import, so `npx pgconf-lint .`
// starts without parsing it. Chunks sit next to cli.js (the catalog path is relative to the
// code's own URL) and are named by content hash, so the output is deterministic.
// The CLI's `require` (for the CommonJS packages of its lazy chunks: yaml, ajv) is made on first
// use: a createRequire in every chunk is start-up time every run pays, and the start-up path needs none.
const cli = await build({
  ...common,
  banner: {
    js: "import { createRequire as __pgclCreateRequire } from 'node:module'; let __pgclRequire; const require = (id) => (__pgclRequire ??= __pgclCreateRequire(import.meta.url))(id);",
  },
  entryPoints: { 'cli-chunk-MAIN': join(root, 'bin/cli.ts') },
  outdir: dist,
  splitting: true,
  chunkNames: 'cli-chunk-[hash]',
  metafile: true,
});
// dist/cli.js, the bin: Node ≥ 22.1 keeps V8's compiled code of the bundle between runs (its compile
// cache), so a second run does not compile the bundle again. It must be on before the bundle is
// loaded, hence this stub and its dynamic import of the composition root (bin/cli.ts, bundled as
// cli-chunk-MAIN.js). Node 20 has no such cache. The directory is Node's default one
// (os.tmpdir()/node-compile-cache), used only when it is a real directory of this user's: the stub
// makes it with one mkdir (mode 0700) rather than let Node make it (Node's recursive mkdir spins
// forever under /proc: TMPDIR=/proc/x would hang the CLI), and a link or another user's directory
// there (a shared /tmp) turns the cache off. NODE_COMPILE_CACHE / NODE_DISABLE_COMPILE_CACHE are
// Node's own: with either set, Node decides.
const cliJs = join(dist, 'cli-chunk-MAIN.js');
writeFileSync(
  join(dist, 'cli.js'),
  [
    '#!/usr/bin/env node',
    "// pgconf-lint: see bin/cli.ts. Turns on Node's compile cache where Node has one (see scripts/build.mjs), then loads the CLI.",
    "import nodeModule from 'node:module';",
    'if (nodeModule.enableCompileCache && !process.env.NODE_COMPILE_CACHE && !process.env.NODE_DISABLE_COMPILE_CACHE) {',
    '  try {',
    '    const require = nodeModule.createRequire(import.meta.url);',
    "    const { lstatSync, mkdirSync } = require('node:fs');",
    "    const { tmpdir } = require('node:os');",
    "    const { join } = require('node:path');",
    "    const dir = join(tmpdir(), 'node-compile-cache');",
    '    try {',
    '      mkdirSync(dir, 0o700);',
    '    } catch (e) {',
    "      if (e?.code !== 'EEXIST') throw e;",
    '    }',
    '    const st = lstatSync(dir);',
    '    if (st.isDirectory() && st.uid === process.getuid?.()) nodeModule.enableCompileCache(dir);',
    '  } catch {',
    '    // no cache: the run is as on Node 20',
    '  }',
    '}',
    "await import('./cli-chunk-MAIN.js');",
    '',
  ].join('\n'),
);
// The startup path (dist/cli.js and the chunks it imports statically) must not contain what the
// split is for, and stays a few files: each module costs the loader a resolve, a read and a link.
const startup = new Set();
for (const stack = [relative(process.cwd(), cliJs)]; stack.length; ) {
  const out = stack.pop();
  if (startup.has(out)) continue;
  startup.add(out);
  for (const i of cli.metafile.outputs[out]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) stack.push(i.path);
}
const cliInputs = [...startup].flatMap((o) => Object.keys(cli.metafile.outputs[o]?.inputs ?? {}));
const leaked = cliInputs.filter((p) => /node_modules\/(ajv|yaml|@actions)\//.test(p));
if (leaked.length) throw new Error(`the CLI's start-up path must not contain ${leaked.slice(0, 3).join(', ')}`);
if (startup.size > 6) throw new Error(`the CLI's start-up path is ${startup.size} files (at most 6): fewer dynamic import sites make fewer shared chunks`);
// Node's built-in modules that cost start-up time and that only some runs use (src/io/crypto.ts).
const heavyBuiltins = cliInputs.filter((p) => /^builtin:node:(crypto|child_process|http|https|net|tls|zlib|worker_threads)$/.test(p));
if (heavyBuiltins.length) throw new Error(`the CLI's start-up path must load these on first use: ${heavyBuiltins.join(', ')}`);


// The action is split the same way: GitHub runs dist/action.js from the repository's checkout, where
// its chunks (dist/action-chunk-[hash].js, committed with it) sit beside it. What a push event's run
// needs is in action.js; what only some runs load is in chunks: the GitHub API client (Octokit,
// undici), the config reader (yaml + ajv), the carrier readers, the base revision's lint, review
// planning, the diff and the SARIF writer.
let action;
if (existsSync(join(root, 'src/action/main.ts'))) {
  action = await build({
    ...common,
    entryPoints: { action: join(root, 'bin/action.ts') },
    outdir: dist,
    splitting: true,
    chunkNames: 'action-chunk-[hash]',
    metafile: true,
  });
  // As for the CLI: the startup path (action.js and the chunks it imports statically, which load
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
