#!/usr/bin/env node
// pgconf-lint's bin (written to dist/cli.cjs by scripts/build.mjs, which fills in BUILD). The CLI
// itself is dist/cli-main.cjs (bin/cli.ts bundled as one CommonJS script). This stub compiles it
// with V8's code cache, so that a run after the first neither compiles the bundle nor the functions
// the previous run compiled: on Node 20 (which has no compile cache of its own) and later alike.
//
// The cache is one file per build of the bundle, Node version and kind of run (command and format,
// see runKey), in Node's compile cache directory
// (os.tmpdir()/node-compile-cache, or NODE_COMPILE_CACHE), used only when that is a real directory
// of this user's: the stub makes it with one mkdir (mode 0700); a link, a file or another user's
// directory there turns the cache off, as NODE_DISABLE_COMPILE_CACHE does. (Node's recursive mkdir
// spins forever under /proc: one plain mkdir cannot.) The file is read without following links, and
// written as a new file (mode 0600) renamed into place. Its name carries a hash of the bundle; V8
// checks what it is handed against its own version and flags and the source's length, and a file it
// rejects is written again. Nothing from the linted files goes into it: it holds the compiled code
// of the bundle, after one line naming the kinds of run that code comes from (a command, a format,
// a kind of file: see below). SECURITY.md says the same.
// A CommonJS script: Node starts one without setting up its ES module loader (~10 ms a run).
'use strict';
const { createRequire } = require('node:module');
const { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join, resolve } = require('node:path');
const { Script } = require('node:vm');

const BUILD = '093b67d1d39083f1';
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
const main = join(__dirname, 'cli-main.cjs');

/**
 * Runs of one command and format share a cache file (their code is much the same: a kind of file
 * adds its readers and rules); another command or format keeps its own, so that no file comes to
 * hold every kind of run's code, which every run would deserialise. The CLI reads the arguments
 * (src/cli.ts parseArgs: the command is the first one); this only picks the file, and a wrong pick
 * costs time, never a result.
 */
const COMMANDS = ['check', 'settings', 'hba', 'rules', 'diff'];
const FORMATS = ['text', 'concise', 'json', 'sarif', 'github', 'markdown', 'junit', 'gitlab'];
function runKey(argv) {
  const command = COMMANDS.includes(argv[0]) ? argv[0] : 'check';
  let format = 'text';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const f = a === '--format' ? argv[i + 1] : a.startsWith('--format=') ? a.slice(9) : undefined;
    if (f !== undefined && FORMATS.includes(f)) format = f;
  }
  return command === 'check' && format === 'text' ? '' : `-${command}-${format}`;
}

/** The cache file of this build, Node and kind of run, or undefined when there is to be no cache. */
function cacheFile() {
  if (process.env.NODE_DISABLE_COMPILE_CACHE || typeof process.getuid !== 'function') return undefined;
  try {
    const dir = resolve(process.env.NODE_COMPILE_CACHE || join(tmpdir(), 'node-compile-cache'));
    try {
      mkdirSync(dir, 0o700);
    } catch (e) {
      if (e?.code !== 'EEXIST') return undefined;
    }
    const st = lstatSync(dir);
    if (!st.isDirectory() || st.uid !== process.getuid()) return undefined;
    return join(dir, `pgconf-lint-${BUILD}-${process.version}-${process.arch}${runKey(process.argv.slice(2))}.bin`);
  } catch {
    return undefined;
  }
}

/**
 * The file's first line, before V8's data: what kinds of run its code comes from (src/cli.ts
 * notePaths: a command, a format, a kind of file, ...), as tags separated by commas.
 */
const MAGIC = 'pgconf-lint code cache 1:';
const TAG = /^[a-z0-9:._-]{1,64}$/;
const MAX_TAGS = 256;

/**
 * The cached code and the kinds of run it holds, if the file is a regular file of this user's of a
 * sane size that starts as the stub writes it; undefined otherwise (then it is written again).
 */
function readCache(file) {
  let fd;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile() || st.uid !== process.getuid() || st.size === 0 || st.size > MAX_CACHE_BYTES) return undefined;
    const bytes = readFileSync(fd);
    const eol = bytes.indexOf(10);
    if (eol === -1 || eol > MAGIC.length + MAX_TAGS * 65 || bytes.latin1Slice(0, MAGIC.length) !== MAGIC) return undefined;
    const tags = bytes.latin1Slice(MAGIC.length, eol).split(',').filter((t) => TAG.test(t));
    return { tags: new Set(tags.slice(0, MAX_TAGS)), data: bytes.subarray(eol + 1) };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes what V8 has compiled by now (the bundle and every function run so far), with its tags. */
function writeCache(file, script, tags) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const head = Buffer.from(`${MAGIC}${[...tags].filter((t) => TAG.test(t)).slice(0, MAX_TAGS).join(',')}\n`, 'latin1');
    writeFileSync(tmp, Buffer.concat([head, script.createCachedData()]), { flag: 'wx', mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // an exit handler must not throw: the run's output and exit code are already settled
    }
  }
}

/*
 * Two of V8's settings, for a process that lives a tenth of a second and keeps what it allocates.
 * They are set before the code cache is read, because V8 checks the cache against its flags (every
 * run sets the same), and only on the V8 versions they were measured on (another may not know a
 * flag, and would say so on stderr). A flag the user gave Node for the same setting is left alone.
 *
 * - The young generation grows to its largest size at its first growth. A check keeps most of what
 *   it allocates (every line of every file, every finding) until it exits, so the scavenger finds
 *   nearly all of a young generation alive and copies it, again at each doubling from 1 MB: on a
 *   10k-line file 6 scavenges on Node 20 (~10 ms of a ~130 ms run), 2 with this; 4 and 1 on Node 24.
 *   The factor is read each time the space grows (V8's NewSpace::Grow). The largest size stays V8's
 *   own (32 MB of young generation on Node 20, 128 MB on Node 24), which a long run reaches by
 *   doubling anyway: memory is bounded as before. V8 11 to 14 (Node 20 to 25).
 * - On V8 11 (Node 20) only, TurboFan waits four times as long (--interrupt-budget 4 x 66 KB). V8 11
 *   optimises a function once (3 + its bytecode's length / 150) x 66 KB of its bytecode has run: a
 *   few hundred to two thousand calls. V8 12 and later (Node 22 on) wait for 3,000 calls' worth
 *   (--invocation-count-for-turbofan), where this puts V8 11 too. Sooner, V8 11 optimises code a
 *   short run has nearly finished with, on compiler threads that take the CPU the run needs.
 *   Measured side by side on Node 20: the 10k-line check 173 -> 114 ms (median), 10k pg_hba.conf
 *   records 984 -> 897 ms; 100k and 1M lines unchanged (their loops are optimised all the same, a
 *   little later). Node 22 and 24 gained nothing from it and are left as they are.
 */
function tuneV8() {
  const v8 = /^(\d+)\./.exec(process.versions.v8);
  const major = v8 === null ? 0 : Number(v8[1]);
  if (major < 11 || major > 14) return;
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  const flags = [];
  if (!/semi[-_]space/.test(given)) flags.push('--semi-space-growth-factor=16');
  if (major === 11 && !/interrupt[-_]budget/.test(given)) flags.push('--interrupt-budget=270336');
  if (flags.length) require('node:v8').setFlagsFromString(flags.join(' '));
}

tuneV8();
const file = cacheFile();
const cached = file === undefined ? undefined : readCache(file);
/**
 * The bundle inside the CommonJS wrapper (on a line of its own, so that the bundle's lines keep their
 * numbers in stack traces), as one flat string: read into one buffer after the wrapper's head, then
 * decoded once. Concatenated in JavaScript, the three pieces make a string V8 walks piece by piece
 * and copies flat before it can check the code cache against it: 2-4 ms more in Script, measured
 * (Node 20 8.8 -> 7.3 ms, Node 24 11.5 -> 7.9 ms, median of 15, reading included). The bundle is
 * ASCII (esbuild escapes the rest, scripts/build.mjs checks): Latin-1 needs no UTF-8 decoding.
 */
function wrappedBundle() {
  const head = '(function (exports, require, module, __filename, __dirname) {\n';
  const tail = '\n})';
  const fd = openSync(main, constants.O_RDONLY);
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(head.length + size + tail.length);
    buf.write(head, 0, 'latin1');
    let end = head.length;
    while (end < head.length + size) {
      const n = readSync(fd, buf, end, head.length + size - end, null);
      if (n === 0) break;
      end += n;
    }
    end += buf.write(tail, end, 'latin1');
    return buf.toString('latin1', 0, end);
  } finally {
    closeSync(fd);
  }
}

const script = new Script(wrappedBundle(), {
  filename: main,
  lineOffset: -1,
  cachedData: cached?.data,
});
// What this run does (src/cli.ts notePaths). The cache is written when there is none V8 takes, and
// again when this run did a kind of work the cached runs did not: what V8 compiled for it joins the
// cache, so that a later run of that kind does not compile it again (the first run alone would
// otherwise decide what every later run finds compiled). There are few kinds: the file stops
// changing after a few runs.
const used = new Set();
globalThis[Symbol.for('pgconf-lint.code-paths')] = used;
// A run that only prints its version or help compiles little: it is not worth a cache.
const informational = process.argv.slice(2).some((a) => a === '--version' || a === '--help' || a === '-h');
if (file !== undefined && !informational) {
  process.once('exit', () => {
    const fresh = cached === undefined || script.cachedDataRejected;
    if (fresh) writeCache(file, script, used);
    else if ([...used].some((t) => !cached.tags.has(t))) writeCache(file, script, new Set([...cached.tags, ...used]));
  });
}
// Functions keep their names (esbuild's keepNames, which costs a run 1-2 ms) only in a run that may
// print a stack trace: one with --debug (scripts/build.mjs).
globalThis[Symbol.for('pgconf-lint.keep-names')] = process.argv.slice(2).includes('--debug');
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(main), bundle, main, dirname(main));
