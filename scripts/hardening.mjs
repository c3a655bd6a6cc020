#!/usr/bin/env node
/**
 * Fuzz and soak target for hostile repositories (issue 12, Build item 3): `npm run hardening`.
 *
 * Each run builds a seeded random repository in a temp dir (postgresql.conf, pg_hba.conf,
 * pg_ident.conf, postgresql.auto.conf, recovery.conf, standby.signal/recovery.signal with hostile contents; includes, include_dir
 * and @file pointing outside, into .git, in cycles and deep chains; symlink loops and links out;
 * FIFOs inside and outside the root; trees deeper than the walk's limit; files near the size
 * limit; a .pgconf-lint.yml that is valid, a FIFO, a link out, an alias bomb, ...) next to an
 * "outside" directory of canary files, then runs the real CLI (a snapshot of dist/) on it under a
 * wall-clock and memory cap, and checks invariants:
 *
 *   - the process ends within the cap, below the RSS cap, with exit code 0, 1 or 2;
 *   - on exit 2 stderr is one line (no stack, no "FATAL ERROR", no "internal error");
 *   - json and sarif output parses; a run that linted no file does not pass (exit 0);
 *   - no text of outside files, of .git/, of the environment, or the fake checkout token in
 *     .git/config reaches stdout, stderr or the output file; credentials in the repository's own
 *     files (password=, AUTHORIZATION:) are masked;
 *   - the outside directory is unchanged (hashes and listing; --output through planted symlinks);
 *   - FIFOs outside the root are never opened (watched with a non-blocking writer);
 *   - paths in json output are relative to the repository root (also when run from a subdir).
 *
 *   npm run hardening                               # fixed seed and run count (CI)
 *   npm run hardening -- --seed 7 --runs 1          # one run (the seed a failure prints)
 *   npm run hardening -- --minutes 10 --runs 100000 # soak: random runs for 10 minutes
 *   npm run hardening -- --seed 7 --runs 1 --minimize   # shrink a failing repository
 *
 * Exit status: 0 when every run kept every invariant, 1 otherwise (each failure prints its seed,
 * the kept reproducer directory and the invariant), 2 for bad options.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomInt } from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Options

const DEFAULTS = {
  seed: 20261205,
  runs: 100,
  minutes: 12, // safety stop for CI: no new run starts after this
  timeout: 60, // seconds per run: a hang or super-linear work runs past it; linear work on 64 MiB (about 5-20 s on a loaded 2-core machine) does not
  heap: 2048, // --max-old-space-size of the child, MB
  rss: 3072, // RSS cap of the child, MB (killed above)
  keep: 3, // reproducers kept per invariant
};

function usage() {
  return `usage: node scripts/hardening.mjs [--seed N] [--runs N] [--minutes M] [--timeout S]
       [--heap MB] [--rss MB] [--cli dist/cli.cjs] [--no-snapshot] [--keep N] [--keep-all]
       [--fail-fast] [--minimize] [--verbose] [--dry-run] [--tmp DIR]
  --dry-run prints each run's features and command without building or running anything`;
}

function parseOptions(argv) {
  const o = { ...DEFAULTS, cli: join(REPO, 'dist', 'cli.cjs'), snapshot: true, failFast: false, minimize: false, verbose: false, keepAll: false, tmp: tmpdir(), seedGiven: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    const n = () => {
      const x = v();
      if (!/^\d+(\.\d+)?$/.test(x)) throw new Error(`${a} takes a number, not "${x}"`);
      return Number(x);
    };
    if (a === '--seed') (o.seed = n()), (o.seedGiven = true);
    else if (a === '--random-seed') o.seed = randomInt(1, 2 ** 31 - 1);
    else if (a === '--runs') o.runs = n();
    else if (a === '--minutes') o.minutes = n();
    else if (a === '--timeout') o.timeout = n();
    else if (a === '--heap') o.heap = n();
    else if (a === '--rss') o.rss = n();
    else if (a === '--keep') o.keep = n();
    else if (a === '--keep-all') o.keepAll = true;
    else if (a === '--cli') o.cli = resolve(v());
    else if (a === '--no-snapshot') o.snapshot = false;
    else if (a === '--fail-fast') o.failFast = true;
    else if (a === '--minimize') o.minimize = true;
    else if (a === '--verbose') o.verbose = true;
    else if (a === '--dry-run') o.dryRun = true;
    else if (a === '--tmp') o.tmp = resolve(v());
    else if (a === '-h' || a === '--help') {
      console.log(usage());
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${usage()}`);
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness

function rngFrom(seed) {
  let s = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    /** Pick from [[weight, value], ...]. */
    weighted: (pairs) => {
      const total = pairs.reduce((a, [w]) => a + w, 0);
      let x = next() * total;
      for (const [w, v] of pairs) if ((x -= w) < 0) return v;
      return pairs[pairs.length - 1][1];
    },
    word: (lo = 4, hi = 14) => {
      const n = r.int(lo, hi);
      let w = '';
      for (let i = 0; i < n; i++) w += 'abcdefghijklmnopqrstuvwxyz_'[Math.floor(next() * (i === 0 ? 26 : 27))];
      return w;
    },
    alnum: (n) => {
      let w = '';
      for (let i = 0; i < n; i++) w += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(next() * 62)];
      return w;
    },
  };
  return r;
}

// ---------------------------------------------------------------------------------------------
// Repository spec: a list of operations, so that a failing repository can be rebuilt and shrunk.
//   { t: 'dir', p }           { t: 'file', p, lines: (string|Buffer)[], eol, bom?, utf16? }
//   { t: 'blob', p, kind, bytes, arg? }   generated content of about `bytes` bytes
//   { t: 'link', p, to }      { t: 'fifo', p }      { t: 'git' }   (git init + fake token)
// Paths p are relative to the run's base directory ("repo/...", "outside/..."). Operations with
// fixed: true (the outside world, .git, the --output plant) are never removed by the shrinker.

const KNOWN_LINES = [
  'shared_buffers = 128MB',
  'fsync = on',
  'fsync = off',
  'max_connections = 100',
  'work_mem = 4MB',
  "listen_addresses = '*'",
  'log_min_messages = warning',
  'wal_level = replica',
  'port = 5432',
  'ssl = on',
  "archive_command = 'cp %p /mnt/%f'",
  "search_path = '\"$user\", public'",
  'full_page_writes = off',
  "shared_preload_libraries = 'pg_stat_statements,auto_explain'",
  'autovacuum_freeze_max_age = 2000000000',
  "password_encryption = 'md5'",
  'max_wal_size = 1GB',
  "timezone = 'UTC'",
];

const INJECT = [
  '::error::pwned%0A::warning::x',
  '<img src=x onerror=alert(1)>',
  '@org/team #1 [l](http://e) ![x](http://e/x.png)',
  '\u001b[31mred\u001b[0m',
  '\u202eevil\u202c',
  '`code` | table | <!-- c -->',
];

function buildSpec(seed, o) {
  const r = rngFrom(seed);
  const ops = [];
  const features = new Set();
  const base = 'repo';
  const secrets = {
    outside: `CANARY_OUTSIDE_${seed}`,
    env: `CANARY_OUTSIDE_${seed}_ENV`,
    git: `CANARY_GIT_${seed}`,
    gitToken: Buffer.from(`x-access-token:ghs_${r.alnum(36)}`).toString('base64'),
    repoToken: Buffer.from(`x-access-token:ghs_${r.alnum(36)}`).toString('base64'),
    repoPassword: `pw_${r.alnum(24)}`,
  };
  const add = (op) => (ops.push(op), op);
  // Half of the runs are dense (every attack family at its own odds), half focused (one or two
  // families on otherwise ordinary files), so that a failure often has a single cause.
  const FAMILIES = ['includes', 'hostileLines', 'chain', 'cycle', 'hbaFan', 'confFan', 'symlinks', 'dirLoop', 'knownLink', 'fifoInRoot', 'dirAsFile', 'deep', 'many', 'longNames', 'large', 'config', 'output', 'evilNames', 'capRaise', 'fix'];
  const focused = r.chance(0.5);
  const focus = new Set();
  if (focused) for (let n = r.int(1, 2); focus.size < n; ) focus.add(r.pick(FAMILIES));
  /** Whether family f is on: its own odds p when dense; when focused, only the chosen families. */
  const on = (f, p) => (focused ? focus.has(f) : r.chance(p));
  features.add(focused ? `focus:${[...focus].join('+')}` : 'dense');
  const includesOn = on('includes', 0.85);
  const hostileOn = on('hostileLines', 0.8);
  const oneTarget = focused ? null : undefined; // focused runs use one target kind, chosen below
  const file = (p, lines, extra = {}) => add({ t: 'file', p, lines, eol: '\n', ...extra });

  // -- the outside world (fixed)
  const cfgLine = `${secrets.outside}_name = '${secrets.outside}'`;
  const outsideConf = [
    cfgLine,
    `shared_buffers = '${secrets.outside}'`,
    `broken ${secrets.outside} = = '`,
    `host ${secrets.outside} all 0.0.0.0/0 trust`,
    `include '${secrets.outside}.conf'`,
  ];
  const fx = { fixed: true };
  add({ t: 'dir', p: 'outside', ...fx });
  file('outside/canary.conf', outsideConf, fx);
  file('outside/evil.yml', [`${secrets.outside}_key: 1`, `rules: { ${secrets.outside}: off }`], fx);
  file('outside/tokens.txt', [`${secrets.outside}a ${secrets.outside}b`, `@${secrets.outside}`], fx);
  add({ t: 'dir', p: 'outside/dir', ...fx });
  file('outside/dir/postgresql.conf', outsideConf, fx);
  file('outside/dir/pg_hba.conf', [`host ${secrets.outside} all 0.0.0.0/0 trust`], fx);
  file('outside/dir/x.conf', outsideConf, fx);
  add({ t: 'fifo', p: 'outside/fifo.conf', ...fx });
  add({ t: 'fifo', p: 'outside/dir/fifo.conf', ...fx });
  file('outside/victim.txt', [`VICTIM ${seed}`], fx);
  add({ t: 'dir', p: 'outside/victimdir', ...fx });
  add({ t: 'dir', p: 'home', ...fx });
  add({ t: 'dir', p: base, ...fx });
  add({ t: 'git', ...fx });

  // -- layout of the repository
  const clusterDirs = [];
  const nClusters = r.weighted([
    [5, 1],
    [4, 2],
    [2, 3],
    [1, 5],
  ]);
  const dirChoices = ['db', 'db/main', 'clusters/16/main', 'pg17', 'etc/postgresql/15/main', 'conf', 'a/b/c', 'x'];
  for (let i = 0; i < nClusters; i++) {
    const d = `${base}/${r.pick(dirChoices)}${i ? `_${i}` : ''}`;
    if (!clusterDirs.includes(d)) clusterDirs.push(d);
  }
  for (const d of clusterDirs) add({ t: 'dir', p: d });

  // Names other files can include (planned before contents are written).
  const aux = []; // repo-relative paths of auxiliary conf files
  const inRoot = (p) => `${base}/${p}`;

  // Targets for include / include_dir / @file, as written in a file in directory fromDir.
  const relFrom = (fromDir, to) => relative(fromDir, to) || '.';
  let fixedKind;
  const target = (fromDir, forDir = false) => {
    const kind = fixedKind ?? r.weighted([
      [4, 'out-rel'],
      [2, 'out-abs'],
      [2, 'out-fifo'],
      [2, 'git-config'],
      [1, 'git-dir'],
      [1, 'dev'],
      [1, 'proc'],
      [4, 'aux'],
      [2, 'self'],
      [2, 'in-fifo'],
      [2, 'link'],
      [1, 'dangling'],
      [1, 'weird'],
      [1, 'dotdot'],
    ]);
    if (oneTarget === null && fixedKind === undefined) fixedKind = kind;
    features.add(`target:${kind}`);
    const abs = (p) => `@ABS@/${p}`; // replaced by the real base when materialised
    switch (kind) {
      case 'out-rel':
        return relFrom(fromDir, forDir ? 'outside/dir' : r.pick(['outside/canary.conf', 'outside/dir/postgresql.conf', 'outside/tokens.txt']));
      case 'out-abs':
        return abs(forDir ? 'outside/dir' : r.pick(['outside/canary.conf', 'outside/tokens.txt', 'outside/dir/x.conf']));
      case 'out-fifo':
        return r.chance(0.5) ? relFrom(fromDir, r.pick(['outside/fifo.conf', 'outside/dir/fifo.conf'])) : abs('outside/fifo.conf');
      case 'git-config':
        return relFrom(fromDir, r.pick([`${base}/.git/config`, `${base}/.git/HEAD`, `${base}/.git/postgresql.conf`]));
      case 'git-dir':
        return relFrom(fromDir, `${base}/.git`);
      case 'dev':
        return r.pick(['/dev/zero', '/dev/urandom', '/dev/stdin', '/dev/tty', '/dev/null']);
      case 'proc':
        return r.pick(['/proc/self/environ', '/proc/self/cmdline', '/proc/self/fd/0', '/proc/self/mem', '/etc/passwd']);
      case 'aux':
        return aux.length ? relFrom(fromDir, inRoot(r.pick(aux))) : 'missing.conf';
      case 'self':
        return forDir ? r.pick(['.', '..', './']) : r.pick(['postgresql.conf', 'pg_hba.conf', './postgresql.conf']);
      case 'in-fifo':
        return relFrom(fromDir, inRoot(forDir ? 'fifodir' : r.pick(['fifo.conf', 'fifodir/in.conf'])));
      case 'link':
        return relFrom(fromDir, inRoot(r.pick(['links/out.conf', 'links/outdir', 'links/gitlink/config', 'links/loop/loop/loop', 'links/self/self/self/postgresql.conf', 'links/slash/etc/passwd', 'links/fifo.conf'])));
      case 'dangling':
        return relFrom(fromDir, inRoot('links/dangling.conf'));
      case 'weird':
        return r.pick(['', ' ', 'a'.repeat(5000), 'x/'.repeat(300) + 'y.conf', '%s%s%n', '$(id)', "it''s.conf", '\\\\server\\share', 'ünï.conf']);
      default:
        return '../'.repeat(r.int(1, 12)) + r.pick(['etc/passwd', 'outside/canary.conf', '']);
    }
  };

  const quote = (s) => `'${s.replace(/'/g, "''")}'`;
  const confInclude = (fromDir) => {
    const d = r.pick(['include', 'include_if_exists', 'include_dir']);
    return `${d} ${quote(target(fromDir, d === 'include_dir'))}`;
  };
  const hbaTarget = (fromDir, forDir) => {
    const t = target(fromDir, forDir);
    return /[\s",#]/.test(t) || t === '' ? `"${t.replace(/"/g, '')}"` : t;
  };
  const hbaInclude = (fromDir) => {
    const d = r.pick(['include', 'include_if_exists', 'include_dir']);
    return `${d} ${hbaTarget(fromDir, d === 'include_dir')}`;
  };

  const badBytes = () =>
    r.pick([
      Buffer.from('shared_buffers = 1\u0000GB'),
      Buffer.from([0x66, 0x73, 0x79, 0x6e, 0x63, 0x20, 0x3d, 0x20, 0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from([0xed, 0xa0, 0x80, 0x3d, 0x31]),
      Buffer.from('work_mem = 4MB\r'),
      Buffer.from('\u0000\u0000\u0000'),
      Buffer.from('\r\r\r= \n'),
    ]);

  const credentialConf = () => {
    features.add('repo-credential');
    return r.pick([
      `primary_conninfo = 'host=primary user=rep password=${secrets.repoPassword}'`,
      `extraheader = AUTHORIZATION: basic ${secrets.repoToken}`,
      `primary_conninfo = 'password=${secrets.repoPassword} host=x' junk`,
      `ssl_passphrase_command = 'echo password=${secrets.repoPassword}' = =`,
    ]);
  };

  const H = (w) => (hostileOn ? w : 0);
  const I = (w) => (includesOn ? w : 0);
  const confLine = (fromDir) =>
    r.weighted([
      [30, () => r.pick(KNOWN_LINES)],
      [15, () => `${r.word()} = ${r.chance(0.5) ? r.int(0, 1e6) : quote(r.word())}`],
      [I(12), () => confInclude(fromDir)],
      [H(3), () => `# pgconf-lint disable-next-line ${r.pick(['unknown-setting', 'all', 'nope'])} -- ${r.pick(INJECT)}`],
      [H(5), () => r.pick(["= = '", "x = 'unterminated", 'a.b.c.d = 1', '#'.repeat(10), '   ', "x = 'a\\'", 'include', 'include_dir'])],
      [H(5), () => `${r.word()} = ${quote(r.pick(INJECT))}`],
      [H(3), () => credentialConf()],
      [H(5), () => badBytes()],
      [H(2), () => (features.add('long-name'), `${'a'.repeat(r.int(1000, 20000))}b = 1`)],
      [H(1), () => (features.add('long-value'), `work_mem = '${'9'.repeat(r.int(1000, 100000))}'`)],
    ])();

  const hbaLine = (fromDir) =>
    r.weighted([
      [20, () => r.pick(['local all all peer', 'host all all 10.0.0.0/8 scram-sha-256', 'host all all 0.0.0.0/0 trust', 'hostssl db u ::1/128 cert', 'host all all all md5', 'host all all 0.0.0.0/0 reject', 'hostnossl all +grp samenet password'])],
      [I(10), () => `host ${r.chance(0.5) ? '@' + hbaTarget(fromDir) : 'all'} ${r.chance(0.5) ? '@' + hbaTarget(fromDir) : 'all'} 10.0.0.0/8 md5`],
      [I(8), () => hbaInclude(fromDir)],
      [H(5), () => r.pick(['host', 'hosst all all', '"unterminated', 'host all all 300.1.1.1/99 md5', 'local all /^(a+)+$ peer', 'host all all 0.0.0.0/0 radius radiusservers="a,b,c,' + 'd,'.repeat(500) + '"', 'host all all all ' + 'x '.repeat(2000)])],
      [H(3), () => (features.add('repo-credential'), `host all all 10.0.0.0/8 ldap ldapserver=h ldapbindpasswd=${secrets.repoPassword} ${r.pick(INJECT).replace(/\s/g, '')}`)],
      [H(5), () => badBytes()],
      [H(3), () => `host ${r.pick(INJECT).replace(/\s/g, '_')} all 0.0.0.0/0 trust`],
    ])();

  const identLine = (fromDir) =>
    r.weighted([
      [20, () => r.pick(['map sys pg', 'map /^(.*)@example\\.com$ \\1', 'map /^(a+)+$ pg', 'map /^((a|a)*)*b$ pg', 'm root postgres'])],
      [I(6), () => hbaInclude(fromDir)],
      [H(4), () => r.pick(['map', 'map "x', 'map /( pg', 'map /' + '('.repeat(300) + ' pg'])],
      [H(4), () => badBytes()],
    ])();

  const lines = (n, gen, fromDir) => Array.from({ length: n }, () => gen(fromDir));

  // -- auxiliary files: chains, cycles, fan-out, @file lists
  if (on('chain', 0.35)) {
    features.add('include-chain');
    const n = r.int(8, 16);
    for (let i = 0; i < n; i++) aux.push(`chain/c${i}.conf`);
  }
  if (on('cycle', 0.3)) {
    features.add('include-cycle');
    aux.push('cyc/a.conf', 'cyc/b.conf');
  }
  if (includesOn && r.chance(0.25)) aux.push('inc/extra.conf', 'inc/more.conf');
  const hbaFan = on('hbaFan', 0.2);
  const confFan = on('confFan', 0.12);

  // Cluster files.
  const kinds = ['postgresql.conf', 'pg_hba.conf', 'pg_ident.conf', 'postgresql.auto.conf', 'recovery.conf', 'standby.signal', 'recovery.signal'];
  // A repository whose only configuration lies below the walk's depth limit: the walk must say it
  // stopped, and finding nothing is not a pass.
  const deepOnly = focused && focus.size === 1 && focus.has('deep') && r.chance(0.5);
  if (deepOnly) features.add('deep-only');
  for (const d of deepOnly ? [] : clusterDirs) {
    for (const k of kinds) {
      if (!r.chance(k === 'postgresql.conf' ? 0.85 : k === 'pg_hba.conf' ? 0.6 : 0.3)) continue;
      const p = `${d}/${k}`;
      const gen = k === 'pg_hba.conf' ? hbaLine : k === 'pg_ident.conf' ? identLine : confLine;
      // Signal files: their existence is what counts (usually empty; junk must not matter).
      const body = k.endsWith('.signal') ? (r.chance(0.8) ? [] : lines(r.int(1, 5), gen, d)) : lines(r.int(1, 40), gen, d);
      if (k === 'postgresql.conf' && aux.length && r.chance(0.6)) body.push(`include ${quote(relFrom(d, inRoot(aux[0])))}`);
      if (k === 'pg_hba.conf' && hbaFan) body.push(`host @${relFrom(d, inRoot('fan/fan.txt'))} all 10.0.0.0/8 md5`);
      if (k === 'postgresql.conf' && confFan) body.push(`include ${quote(relFrom(d, inRoot('fanconf/f0.conf')))}`);
      const enc = r.weighted([
        [20, {}],
        [3, { eol: '\r\n' }],
        [1, { bom: true }],
        [1, { utf16: true }],
      ]);
      file(p, body, enc);
    }
    if (r.chance(0.1)) file(`${d}/PG_VERSION`, [r.pick(['16', '9.6', 'x'.repeat(100), '18\u0000'])]);
    else if (on('knownLink', 0.1)) {
      const v = r.pick(['fifo', '/dev/zero', relFrom(d, 'outside/fifo.conf'), relFrom(d, 'outside/canary.conf'), relFrom(d, `${base}/.git/HEAD`)]);
      add(v === 'fifo' ? { t: 'fifo', p: `${d}/PG_VERSION` } : { t: 'link', p: `${d}/PG_VERSION`, to: v });
    }
  }
  for (let i = 0; i < aux.length; i++) {
    const p = inRoot(aux[i]);
    const d = dirname(p);
    const body = lines(r.int(0, 6), confLine, d);
    if (aux[i].startsWith('chain/') && i + 1 < aux.length && aux[i + 1].startsWith('chain/')) body.push(`include ${quote(relFrom(d, inRoot(aux[i + 1])))}`);
    if (aux[i] === 'cyc/a.conf') body.push("include 'b.conf'");
    if (aux[i] === 'cyc/b.conf') body.push("include 'a.conf'", "include_dir '.'");
    file(p, body);
  }
  if (hbaFan) {
    features.add('hba-at-fanout');
    const n = r.int(100, 10000);
    const m = r.int(100, 12000);
    file(inRoot('fan/fan.txt'), Array.from({ length: n }, () => '@big.txt'));
    add({ t: 'blob', p: inRoot('fan/big.txt'), kind: 'tokens', bytes: m * 8 });
  }
  if (confFan) {
    features.add('conf-include-fanout');
    const w = r.int(50, 300);
    file(inRoot('fanconf/f0.conf'), Array.from({ length: w }, () => "include 'f1.conf'"));
    file(inRoot('fanconf/f1.conf'), Array.from({ length: w }, () => "include 'f2.conf'"));
    file(inRoot('fanconf/f2.conf'), ['work_mem = 1MB', `${r.word()} = 1`]);
  }

  // Symlinks and FIFOs inside the root.
  if (on('symlinks', 0.7)) {
    features.add('symlinks');
    add({ t: 'dir', p: inRoot('links') });
    const links = [
      ['links/out.conf', '@ABS@/outside/canary.conf'],
      ['links/outdir', '../../outside/dir'],
      ['links/gitlink', '../.git'],
      ['links/loop', 'loop'],
      ['links/self', '.'],
      ['links/up', '..'],
      ['links/slash', '/'],
      ['links/dangling.conf', 'nowhere/nothing.conf'],
      ['links/fifo.conf', '../../outside/fifo.conf'],
      ['links/a', 'b'],
      ['links/b', 'a'],
      ['links/zero.conf', '/dev/zero'],
    ];
    for (const [p, to] of links) if (r.chance(0.6)) add({ t: 'link', p: inRoot(p), to });
  }
  if (on('dirLoop', 0.3)) {
    // The issue's loop: db/self -> ., db/up -> .. (2^32 walk paths before the fix).
    features.add('dir-loop');
    const d = r.pick(clusterDirs);
    add({ t: 'link', p: `${d}/self`, to: '.' });
    add({ t: 'link', p: `${d}/up`, to: '..' });
  }
  if (on('knownLink', 0.25)) {
    // Known names that are links out / to devices / into .git.
    features.add('known-name-link');
    const d = r.pick(clusterDirs);
    const k = r.pick(kinds);
    if (!ops.some((op) => op.p === `${d}/${k}`)) {
      add({ t: 'link', p: `${d}/${k}`, to: r.pick(['@ABS@/outside/canary.conf', relFrom(d, 'outside/dir/postgresql.conf'), relFrom(d, `${base}/.git/config`), '/dev/zero', relFrom(d, 'outside/fifo.conf'), '/proc/self/environ']) });
    }
  }
  if (on('fifoInRoot', 0.35)) {
    features.add('fifo-in-root');
    add({ t: 'fifo', p: inRoot('fifo.conf') });
    add({ t: 'dir', p: inRoot('fifodir') });
    add({ t: 'fifo', p: inRoot('fifodir/in.conf') });
    if (r.chance(0.5)) {
      const d = r.pick(clusterDirs);
      const k = r.pick(kinds);
      if (!ops.some((op) => op.p === `${d}/${k}`)) add({ t: 'fifo', p: `${d}/${k}` });
    }
  }
  if (on('dirAsFile', 0.15)) {
    features.add('dir-as-file');
    const d = r.pick(clusterDirs);
    const k = r.pick(kinds);
    if (!ops.some((op) => op.p === `${d}/${k}`)) add({ t: 'dir', p: `${d}/${k}` });
  }

  // Deep trees (the walk stops at 32 levels).
  if (on('deep', 0.2)) {
    features.add('deep-tree');
    const depth = r.int(30, 45);
    const p = `${base}/deep/${Array.from({ length: depth }, (_, i) => `d${i % 10}`).join('/')}`;
    add({ t: 'dir', p });
    file(`${p}/postgresql.conf`, ['fsync = off', `${r.word()} = 1`]);
  }
  // Many clusters (markdown report cost).
  if (on('many', 0.04)) {
    features.add('many-clusters');
    const n = r.int(2000, 15000); // about 1 ms a cluster when linear
    add({ t: 'blob', p: inRoot('many'), kind: 'clusters', bytes: 0, arg: n });
  }
  // File and directory names that try to inject: workflow commands, newlines, markdown, escapes.
  if (on('evilNames', 0.15)) {
    features.add('evil-names');
    const names = ['::error::pwned%0A::warning::x', 'a\n::error::pwned', '<img src=x onerror=alert(1)>', '\u001b[31mred', '\u202eevil', '@org team #1', 'x%0A::warning::x', ' lead', 'trail ', '-rf', '$(id)', '*', '[x]', 'name\rcr'];
    for (const n of names.filter(() => r.chance(0.5))) {
      const d = `${base}/evil/${n}`;
      add({ t: 'dir', p: d });
      file(`${d}/${r.pick(['postgresql.conf', 'pg_hba.conf'])}`, [r.pick(['fsync = off', `${r.word()} = 1`, 'host all all 0.0.0.0/0 trust', `include ${quote(n + '.conf')}`])]);
    }
  }
  // Long path names (glob and ignore matching).
  if (on('longNames', 0.15)) {
    features.add('long-names');
    const seg = 'a'.repeat(200);
    const p = `${base}/${seg}/${seg}/${seg}`;
    add({ t: 'dir', p });
    file(`${p}/postgresql.conf`, [`${'a'.repeat(r.int(200, 5000))} = 1`]);
  }

  // Large inputs, near the size limit.
  // The PR's own config raising the size limit, with a sparse file far above it (no disk used;
  // it compresses to nothing in git): the config must not lift the caps that keep work bounded.
  const capRaise = on('capRaise', 0.04);
  let maxFileSize;
  if (!capRaise && r.chance(0.7)) maxFileSize = r.pick([65536, 262144, 1048576, 4194304]);
  if (capRaise) {
    features.add('cap-raise');
    add({ t: 'blob', p: `${r.pick(clusterDirs)}/${r.pick(['postgresql.conf', 'pg_hba.conf', 'sparse/postgresql.conf'])}`, kind: 'sparse', bytes: r.pick([600, 2100, 5000]) * 1024 * 1024 });
  }
  const limit = maxFileSize ?? 64 * 1024 * 1024;
  if (on('large', maxFileSize === undefined ? 0.25 : 0.3)) {
    const kind = r.weighted([
      [4, 'unknown'],
      [2, 'known'],
      [1, 'longline'],
      [2, 'hba'],
      [1, 'comments'],
      [1, 'missing-includes'],
      [1, 'suppressed'],
    ]);
    features.add(`large:${kind}`);
    let bytes = limit + r.pick([-1, 0, 1, -100, -r.int(1, 4096)]);
    // Keep disk and time per run bounded: at the 64 MiB default, one run in five of these goes to
    // the limit itself (the issue's 63 MiB of unknown names), the others stay at a few MiB; pg_hba
    // text stays at a few MiB.
    if (maxFileSize === undefined && (kind === 'hba' || !r.chance(0.2))) bytes = r.int(1, 8) * 1024 * 1024 - r.int(0, 4096);
    if (bytes > 32 * 1024 * 1024) features.add('huge');
    const d = r.pick(clusterDirs);
    const name = kind === 'hba' ? 'pg_hba.conf' : 'postgresql.conf';
    const p = r.chance(0.5) ? `${d}/${name}` : `${d}/big/${name}`;
    const i = ops.findIndex((op) => op.p === p);
    if (i >= 0) ops.splice(i, 1);
    add({ t: 'blob', p, kind, bytes });
  }

  // The config file.
  const cfgMode = capRaise ? 'valid' : r.weighted([
    [focused ? (focus.has('config') ? 0 : 1e9) : 30, 'none'],
    [25, 'valid'],
    [8, 'fifo'],
    [8, 'link-out'],
    [4, 'dev-zero'],
    [7, 'alias-bomb'],
    [5, 'garbage'],
    [3, 'dir'],
    [5, 'redos'],
    [3, 'link-git'],
  ]);
  features.add(`config:${cfgMode}`);
  const cfgName = r.weighted([
    [6, '.pgconf-lint.yml'],
    [1, '.pgconf-lint.yaml'],
    [1, '.pgconf-lint.json'],
  ]);
  const cfgPath = inRoot(cfgName);
  const stars = (n, c) => Array.from({ length: n }, () => `*${c}`).join('') + '*b';
  switch (cfgMode) {
    case 'valid':
    case 'redos': {
      const redos = cfgMode === 'redos';
      const y = [];
      if (redos) {
        // Long names for the many-star patterns to backtrack on: a path and a parameter name.
        const seg = 'a'.repeat(200);
        file(`${base}/${seg}/${seg}/postgresql.conf`, [`${'a'.repeat(r.int(100, 3000))} = 1`, `${'a'.repeat(60)}.${'a'.repeat(60)} = 1`]);
      }
      if (r.chance(0.4)) y.push(`pgVersion: ${r.pick([12, 15, 16, 17, 18])}`);
      y.push('rules:', '  unknown-setting:', '    severity: error', `    ignore: [${JSON.stringify(redos ? stars(r.int(8, 25), 'a') : 'edb_*')}, "utl_file.*"]`);
      if (r.chance(0.3)) y.push('  hba-md5: off');
      y.push(`ignore: [${JSON.stringify(redos ? '**/' + stars(r.int(8, 25), 'a') : r.pick(['vendor/**', '**/fifo*', 'deep/**']))}]`);
      if (r.chance(0.4)) y.push('files:', `  postgresql.conf: ${JSON.stringify(['**/*.conf', '../outside/**', '@ABS@/outside/**', '.git/**', '**/**/**/**/**/**/*.conf'].filter(() => r.chance(0.5)))}`);
      if (r.chance(0.3)) y.push('clusters:', '  - name: evil', `    files: ${JSON.stringify(['../outside/canary.conf', '.git/config', 'links/out.conf', 'fifo.conf', 'db/postgresql.conf'].filter(() => r.chance(0.6)))}`);
      if (capRaise) y.push(`maxFileSize: ${r.pick(['100GB', '1TB', '99999999999'])}`);
      else if (r.chance(0.3)) y.push(`maxFileSize: ${r.pick(['10MB', '1kB', '0', '99999999999999999999', '-5'])}`);
      if (r.chance(0.2)) y.push('overrides:', `  - files: [${JSON.stringify(redos ? stars(20, 'a') : 'legacy/**')}]`, '    pgVersion: 11');
      if (cfgName.endsWith('.json')) file(cfgPath, [JSON.stringify({ rules: { 'unknown-setting': { ignore: [redos ? stars(20, 'a') : 'edb_*'] } }, ignore: [redos ? '**/' + stars(20, 'a') : 'vendor/**'], ...(capRaise ? { maxFileSize: '100GB' } : {}) })]);
      else file(cfgPath, y);
      break;
    }
    case 'fifo':
      add({ t: 'fifo', p: cfgPath });
      break;
    case 'link-out':
      add({ t: 'link', p: cfgPath, to: r.pick(['../outside/evil.yml', '@ABS@/outside/evil.yml', '../outside/canary.conf', '../outside/fifo.conf']) });
      break;
    case 'link-git':
      add({ t: 'link', p: cfgPath, to: '.git/config' });
      break;
    case 'dev-zero':
      add({ t: 'link', p: cfgPath, to: r.pick(['/dev/zero', '/dev/urandom']) });
      break;
    case 'alias-bomb': {
      const y = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      const levels = r.int(4, 9);
      for (let i = 1; i <= levels; i++) y.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
      y.push(`ignore: *a${levels}`);
      file(cfgPath, y);
      break;
    }
    case 'garbage':
      file(cfgPath, [r.pick(['rules: [', '{{{{', 'rules:\n  x: !!js/function "() => 1"', '\u0000\u0001', 'ignore: ' + '['.repeat(5000), `rules:\n  ${'a'.repeat(100000)}: off`])]);
      break;
    case 'dir':
      add({ t: 'dir', p: cfgPath });
      break;
    default:
  }

  // --- the command
  const command = r.weighted([
    [17, 'check'],
    [2, 'settings'],
    [1, 'hba'],
  ]);
  const format = command === 'check' ? (features.has('many-clusters') && r.chance(0.7) ? 'markdown' : r.pick(['text', 'json', 'sarif', 'github', 'markdown'])) : r.pick(['text', 'json']);
  const fromSub = r.chance(0.2);
  const cwd = fromSub ? clusterDirs[0] : base;
  const args = [command];
  const paths = r.weighted([
    [6, ['.']],
    [2, []],
    [2, clusterDirs.map((d) => relative(cwd, d) || '.')],
    [1, [relative(cwd, `${base}/links`) || '.', relative(cwd, clusterDirs[0]) || '.']],
  ]);
  if (command !== 'check' && paths.length === 0) paths.push('.');
  if (fromSub) {
    args.push('--root', relative(cwd, base));
    if (r.chance(0.5) && (paths.length === 0 || paths[0] === '.')) paths.splice(0, paths.length, relative(cwd, base));
  }
  args.push(...paths, '--format', format);
  if (maxFileSize !== undefined) args.push('--max-file-size', String(maxFileSize));
  if (r.chance(0.3)) args.push('--fail-on', r.pick(['warning', 'info', 'never']));
  if (r.chance(0.2)) args.push('--pg-version', String(r.pick([10, 12, 14, 16, 18])));
  if (r.chance(0.15)) args.push('--root', '.');
  if (!fromSub && r.chance(0.05)) args.push('--config', cfgName); // a path the operator names may lie anywhere; the PR plants the file
  // --fix rewrites files of the hostile tree (links, FIFOs, hard links, files outside): nothing
  // outside may change (outside-modified), no hang, one line on exit 2. --diff is a patch of the
  // user's own files, printed verbatim (SECURITY.md), and takes no --format.
  let fix;
  if (command === 'check' && (format === 'text' || format === 'json') && on('fix', 0.25)) {
    fix = format === 'text' ? r.pick(['--fix', '--unsafe-fixes', '--diff']) : r.pick(['--fix', '--unsafe-fixes']);
    features.add(`fix:${fix.slice(2)}`);
    args.push(fix);
  }
  let output;
  if (on('output', 0.35)) {
    const mode = r.weighted([
      [2, 'plain'],
      [3, 'link-file'],
      [2, 'link-dir'],
      [1, 'dangling'],
    ]);
    features.add(`output:${mode}`);
    const name = format === 'sarif' ? 'pgconf-lint.sarif' : 'report.out';
    if (mode === 'plain') output = name;
    else if (mode === 'link-file') {
      add({ t: 'link', p: inRoot(name), to: r.pick(['../outside/victim.txt', '@ABS@/outside/victim.txt']), fixed: true });
      output = name;
    } else if (mode === 'link-dir') {
      add({ t: 'link', p: inRoot('outlink'), to: '../outside/victimdir', fixed: true });
      output = `outlink/${name}`;
    } else {
      add({ t: 'link', p: inRoot(name), to: '../outside/victimdir/created.txt', fixed: true });
      output = name;
    }
    output = relative(cwd, inRoot(output));
    args.push('--output', output);
  }
  return { seed, ops, args, cwd, format, command, output, fix, secrets, features: [...features].sort() };
}

// ---------------------------------------------------------------------------------------------
// Materialising a spec

function writeBlob(p, kind, bytes, arg, seed) {
  if (kind === 'sparse') {
    fs.writeFileSync(p, 'fsync = off\n');
    fs.truncateSync(p, bytes);
    return;
  }
  if (kind === 'clusters') {
    fs.mkdirSync(p, { recursive: true });
    for (let i = 0; i < arg; i++) {
      const d = join(p, `c${i}`);
      fs.mkdirSync(d);
      fs.writeFileSync(join(d, 'postgresql.conf'), `unknown_${i % 97} = 1\nfsync = off\n`);
    }
    return;
  }
  const r = rngFrom(seed ^ bytes);
  const fd = fs.openSync(p, 'w');
  try {
    let written = 0;
    const chunkLines = () => {
      const out = [];
      let n = 0;
      while (n < 1 << 20) {
        let l;
        if (kind === 'unknown') l = `${r.word(3, 12)} = ${r.int(0, 999)}`;
        else if (kind === 'known') l = KNOWN_LINES[r.int(0, KNOWN_LINES.length - 1)];
        else if (kind === 'hba') l = r.pick(['host all all 10.0.0.0/8 md5', 'local all all peer', `host db${r.int(0, 99)} u 192.168.0.${r.int(0, 255)}/32 scram-sha-256`]);
        else if (kind === 'comments') l = `# ${r.word(10, 60)}`;
        else if (kind === 'tokens') l = `t${r.int(0, 9999999)}`;
        else if (kind === 'missing-includes') l = `include_if_exists 'nope/${r.word(3, 10)}.conf'`;
        else if (kind === 'suppressed') l = `# pgconf-lint disable-next-line unknown-setting -- r\n${r.word(3, 12)} = 1`;
        else l = 'x'.repeat(4096); // longline: no newline at all
        out.push(l);
        n += l.length + 1;
      }
      return kind === 'longline' ? out.join('') : out.join('\n') + '\n';
    };
    if (kind === 'longline') {
      fs.writeSync(fd, 'shared_buffers = \'');
      written = 18;
    }
    while (written < bytes) {
      let c = chunkLines();
      if (written + c.length > bytes) c = c.slice(0, bytes - written);
      fs.writeSync(fd, c);
      written += c.length;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function materialise(spec, baseDir) {
  const A = (p) => join(baseDir, p);
  const fix = (s) => (typeof s === 'string' ? s.replaceAll('@ABS@', baseDir) : s);
  for (const op of spec.ops) {
    const p = A(op.p ?? 'repo');
    try {
      if (op.t === 'dir' || op.t === 'git') fs.mkdirSync(p, { recursive: true });
      else fs.mkdirSync(dirname(p), { recursive: true });
      if (op.t === 'file') {
        const parts = op.lines.map((l) => (Buffer.isBuffer(l) ? l : Buffer.from(fix(l), 'utf8')));
        const eol = Buffer.from(op.eol ?? '\n');
        const chunks = [];
        if (op.bom) chunks.push(Buffer.from([0xef, 0xbb, 0xbf]));
        parts.forEach((b) => chunks.push(b, eol));
        let buf = Buffer.concat(chunks);
        if (op.utf16) buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(buf.toString('latin1'), 'utf16le')]);
        fs.writeFileSync(p, buf);
      } else if (op.t === 'blob') writeBlob(p, op.kind, op.bytes, op.arg, spec.seed);
      else if (op.t === 'link') fs.symlinkSync(fix(op.to), p);
      else if (op.t === 'fifo') {
        const r = spawnSync('mkfifo', [p]);
        if (r.status !== 0) throw new Error(`mkfifo ${p}: ${r.stderr}`);
      } else if (op.t === 'git') {
        const repo = A('repo');
        fs.mkdirSync(repo, { recursive: true });
        const g = spawnSync('git', ['init', '-q', repo]);
        if (g.status !== 0) fs.mkdirSync(join(repo, '.git'), { recursive: true });
        // What actions/checkout leaves behind, plus configuration-looking files inside .git.
        fs.appendFileSync(join(repo, '.git/config'), `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${spec.secrets.gitToken}\n[note]\n\tcanary = ${spec.secrets.git}\n`);
        fs.writeFileSync(join(repo, '.git/postgresql.conf'), `shared_buffers = '${spec.secrets.git}'\n${spec.secrets.git} = 1\n`);
        fs.writeFileSync(join(repo, '.git/pg_hba.conf'), `host ${spec.secrets.git} all 0.0.0.0/0 trust\n`);
      }
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Watching the outside

function snapshotOutside(dir) {
  const out = new Map();
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const st = fs.lstatSync(p);
      if (st.isDirectory()) {
        out.set(p, 'dir');
        walk(p);
      } else if (st.isFile()) out.set(p, 'file:' + createHash('sha256').update(fs.readFileSync(p)).digest('hex'));
      else out.set(p, st.isFIFO() ? 'fifo' : st.isSymbolicLink() ? 'link:' + fs.readlinkSync(p) : 'other');
    }
  };
  walk(dir);
  return out;
}

function diffSnapshots(a, b) {
  const changes = [];
  for (const [k, v] of a) if (b.get(k) !== v) changes.push(`${k}: ${v} -> ${b.get(k) ?? 'gone'}`);
  for (const k of b.keys()) if (!a.has(k)) changes.push(`${k}: created`);
  return changes;
}

/** Opening a FIFO O_WRONLY|O_NONBLOCK succeeds only while someone has it open for reading. */
function fifoHasReader(p) {
  try {
    const fd = fs.openSync(p, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
    fs.closeSync(fd);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Running the CLI

const HAVE_TIME = (() => {
  try {
    return spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;
  } catch {
    return false;
  }
})();

function readStatusKb(pid, field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function childPids(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

async function runCli(spec, baseDir, o, cli, timeoutS = o.timeout) {
  const cwd = join(baseDir, spec.cwd);
  const timeFile = join(baseDir, 'time.txt');
  const node = [process.execPath, `--max-old-space-size=${o.heap}`, cli, ...spec.args];
  const argv = HAVE_TIME ? ['/usr/bin/time', '-f', '%M %e', '-o', timeFile, ...node] : node;
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: join(baseDir, 'home'), LANG: 'C.UTF-8', NO_COLOR: '1', PGCONF_HARDENING_CANARY: spec.secrets.env };
  const outsideFifos = spec.ops.filter((op) => op.t === 'fifo' && op.p.startsWith('outside/')).map((op) => join(baseDir, op.p));
  const started = process.hrtime.bigint();
  const child = spawn(argv[0], argv.slice(1), { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = [];
  const err = [];
  let outBytes = 0;
  const OUT_CAP = 256 * 1024 * 1024;
  child.stdout.on('data', (b) => {
    outBytes += b.length;
    if (outBytes <= OUT_CAP) out.push(b);
  });
  child.stderr.on('data', (b) => err.push(b));
  let killed;
  let peakKb = 0;
  const fifoOpened = new Set();
  const kill = (why) => {
    if (killed) return;
    killed = why;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const timer = setTimeout(() => kill('timeout'), timeoutS * 1000);
  const poll = setInterval(() => {
    for (const f of outsideFifos) if (fifoHasReader(f)) fifoOpened.add(f);
    const pids = HAVE_TIME ? childPids(child.pid) : [child.pid];
    for (const pid of pids) {
      peakKb = Math.max(peakKb, readStatusKb(pid, 'VmHWM'));
      if (readStatusKb(pid, 'VmRSS') > o.rss * 1024) kill('rss');
    }
    if (outBytes > OUT_CAP) kill('output');
  }, 50);
  const [code, signal] = await new Promise((res, rej) => {
    child.on('close', (c, s) => res([c, s]));
    child.on('error', (e) => rej(new Error(`cannot start ${argv[0]}: ${e.message}`)));
  });
  clearTimeout(timer);
  clearInterval(poll);
  for (const f of outsideFifos) if (fifoHasReader(f)) fifoOpened.add(f);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  let exit = code;
  if (HAVE_TIME && !killed) {
    try {
      const t = fs.readFileSync(timeFile, 'utf8');
      const m = /Command terminated by signal (\d+)/.exec(t);
      if (m) exit = 128 + Number(m[1]);
      else if (/Command exited with non-zero status (\d+)/.test(t)) exit = Number(/non-zero status (\d+)/.exec(t)[1]);
      const last = t.trim().split('\n').pop().split(' ');
      peakKb = Math.max(peakKb, Number(last[0]) || 0);
    } catch {
      // no time output
    }
  }
  return { exit, signal, killed, wallMs, peakKb, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), fifoOpened: [...fifoOpened], outBytes };
}

// ---------------------------------------------------------------------------------------------
// Invariants

function leakChecks(spec) {
  const s = spec.secrets;
  const windows = (tok) => {
    const w = [];
    for (let i = 28; i + 12 <= tok.length; i += 4) w.push(tok.slice(i, i + 12));
    return w;
  };
  return [
    ['leak-outside', 'text of a file outside the root', ['CANARY_OUTSIDE']],
    ['leak-git', 'text of a file in .git/', ['CANARY_GIT']],
    ['leak-git-token', 'the checkout token from .git/config', windows(s.gitToken)],
    // `settings` and `hba` print the values themselves (as pg_settings does): messages only.
    ['masking', 'an unmasked credential from a repository file', spec.command === 'check' && spec.fix !== '--diff' ? [s.repoPassword, ...windows(s.repoToken)] : []],
  ];
}

/** Bytes of the regular files under `dir` (links not followed, FIFOs and devices not opened). */
function treeBytes(dir) {
  let n = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) n += fs.lstatSync(p).size;
    }
  }
  return n;
}

function check(spec, res, baseDir, o, before) {
  const fails = [];
  const fail = (id, detail) => fails.push({ id, detail });
  const repo = join(baseDir, 'repo');
  if (res.killed === 'timeout') fail('timeout', `still running after ${o.timeout} s (hang, or super-linear work)`);
  else if (res.killed === 'rss') fail('memory', `RSS above ${o.rss} MB`);
  else if (res.killed === 'output') fail('output-size', 'more than 256 MB on stdout');
  const stderr = res.stderr;
  if (!res.killed) {
    if (/FATAL ERROR|heap out of memory|Allocation failed/.test(stderr)) fail('oom', firstLines(stderr, 3));
    else if (![0, 1, 2].includes(res.exit)) fail('exit-code', `exit ${res.exit}${res.signal ? ` signal ${res.signal}` : ''}: ${firstLines(stderr, 3)}`);
    if (/internal error/i.test(stderr)) fail('internal-error', firstLines(stderr, 2));
    if (/\n\s+at .+:\d+:\d+\)?\n|^\s+at /m.test(stderr)) fail('stack-trace', firstLines(stderr, 4));
    // One error line; `pgconf-lint: warning: …` lines (e.g. where the walk stopped) may precede it.
    const errLines = stderr.replace(/\n$/, '').split('\n').filter((l) => !/^pgconf-lint: warning: /.test(l));
    if (res.exit === 2 && errLines.length !== 1) fail('exit2-stderr', `exit 2 with ${stderr.split('\n').length - 1} lines on stderr: ${firstLines(stderr, 3)}`);
    if (res.exit === 2 && stderr.trim() === '') fail('exit2-stderr', 'exit 2 with nothing on stderr');
  }
  // Report text: stdout, or the output file (never through a symlink we planted).
  let report = res.stdout.toString('utf8');
  let outputNote = '';
  let parseable = true;
  if (spec.output) {
    const p = join(baseDir, spec.cwd, spec.output);
    let st;
    try {
      st = fs.lstatSync(p);
    } catch {
      // missing
    }
    if (st?.isFile()) report = fs.readFileSync(p, 'utf8');
    else parseable = false; // refused, or written through a link (outside-modified says so)
    if (!st?.isFile() && !res.killed && (res.exit === 0 || res.exit === 1)) outputNote = st ? 'output path is not a regular file after a successful run' : 'no output file after a successful run';
    if (outputNote && !st?.isSymbolicLink()) fail('output-missing', outputNote);
  }
  // Output stays bounded (findings per rule and file are capped): 15,000 clusters make 28 MB of
  // SARIF, so 48 MiB leaves room for what the generator builds legitimately. `settings` and `hba`
  // as JSON are views with one row per assignment or record (pg_file_settings, pg_hba_file_rules),
  // so theirs may grow with the input, linearly: a row of pretty-printed JSON per short line.
  const views = (spec.command === 'settings' || spec.command === 'hba') && spec.format === 'json';
  const limit = 48 * 1024 * 1024 + (views ? 40 * treeBytes(repo) : 0);
  if (report.length > limit) fail('output-size', `${(report.length / 1048576).toFixed(0)} MB of ${spec.format} output${views ? ` (limit ${(limit / 1048576).toFixed(0)} MB for this input)` : ''}`);
  const all = `${report}\n${stderr}`;
  for (const [id, what, needles] of leakChecks(spec)) {
    const hit = needles.find((n) => all.includes(n));
    if (hit) {
      const i = all.indexOf(hit);
      fail(id, `${what} in the output: …${JSON.stringify(all.slice(Math.max(0, i - 120), i + 60))}…`);
    }
  }
  // Env canary (from /proc/self/environ) — its prefix is CANARY_OUTSIDE, so already covered above.
  if (!res.killed && (res.exit === 0 || res.exit === 1) && spec.command === 'check' && spec.fix !== '--diff' && parseable) {
    if (spec.format === 'json' || spec.format === 'sarif') {
      let parsed;
      try {
        parsed = JSON.parse(report);
      } catch (e) {
        fail(`${spec.format}-invalid`, `${e.message} (${report.length} chars: ${JSON.stringify(report.slice(0, 80))})`);
      }
      if (parsed && spec.format === 'sarif' && (parsed.version !== '2.1.0' || !Array.isArray(parsed.runs))) fail('sarif-invalid', 'no version 2.1.0 / runs');
      if (parsed && spec.format === 'json') {
        if (res.exit === 0 && Array.isArray(parsed.files) && parsed.files.length === 0) fail('empty-walk-pass', 'no file linted, exit 0');
        const paths = [...(parsed.files ?? []).map((f) => f.path), ...(parsed.diagnostics ?? []).map((d) => d.file)].filter((x) => typeof x === 'string');
        const bad = paths.find((p) => {
          if (isAbsolute(p) || p.startsWith('../') || p === '..') return true;
          try {
            fs.lstatSync(join(repo, p));
            return false;
          } catch {
            return true;
          }
        });
        if (bad !== undefined) fail('path-not-repo-relative', `json path ${JSON.stringify(bad.slice(0, 200))} is not a path under the repository root (cwd ${spec.cwd})`);
      }
    }
    if (spec.format === 'text' && res.exit === 0 && /No problems found in 0 files|in 0 files/.test(report)) fail('empty-walk-pass', firstLines(report, 1));
  }
  // The outside world.
  const after = snapshotOutside(join(baseDir, 'outside'));
  const changes = diffSnapshots(before, after);
  if (changes.length) fail('outside-modified', changes.slice(0, 3).join('; '));
  // Output neutralisation (SECURITY.md): raw escapes, bidi overrides, workflow commands, HTML.
  const human = spec.format !== 'json' && spec.format !== 'sarif';
  if (/[\u001b\u0007]/.test(all)) fail('raw-control-char', `raw ESC/BEL in the ${spec.format} output or stderr`);
  if (/\u202e/.test(human ? all : stderr)) fail('raw-bidi', `raw U+202E in the ${spec.format} output or stderr`);
  if (human || spec.format === 'github') {
    // The injected commands themselves at the start of a line (inside an escaped annotation's
    // message they are data).
    const line = all.split(/\r\n|\r|\n/).find((l) => /^\s*::(error::pwned|warning::x)/.test(l));
    if (line !== undefined) fail('workflow-command-injection', JSON.stringify(line.slice(0, 200)));
  }
  if (spec.format === 'markdown' && /<img|<!--|\]\(http:\/\/e[/)]/i.test(report)) fail('markdown-injection', JSON.stringify(/.{0,60}(<img|<!--|\]\(http:\/\/e[/)]).{0,40}/is.exec(report)?.[0] ?? ''));
  if (res.fifoOpened.length) fail('outside-fifo-opened', res.fifoOpened.map((f) => relative(baseDir, f)).join(', '));
  return fails;
}

function firstLines(s, n) {
  const t = s.split('\n').slice(0, n).join(' ⏎ ');
  return t.length > 400 ? t.slice(0, 400) + '…' : t;
}

// ---------------------------------------------------------------------------------------------
// One run, shrinking, reporting

async function attempt(spec, o, cli, dir, timeoutS) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  materialise(spec, dir);
  fs.mkdirSync(join(dir, spec.cwd), { recursive: true }); // the shrinker may have dropped it
  const before = snapshotOutside(join(dir, 'outside'));
  const res = await runCli(spec, dir, o, cli, timeoutS);
  return { res, fails: check(spec, res, dir, { ...o, timeout: timeoutS }, before) };
}

function writeRepro(spec, dir, o, cli, fails) {
  const q = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
  const cmd = `cd ${q(join(dir, spec.cwd))} && node --max-old-space-size=${o.heap} ${q(cli)} ${spec.args.map(q).join(' ')}`;
  fs.writeFileSync(join(dir, 'repro.sh'), `#!/bin/sh\n# seed ${spec.seed}: ${fails.map((f) => f.id).join(', ')}\n${cmd}\n`, { mode: 0o755 });
  fs.writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec, (k, v) => (v && v.type === 'Buffer' ? { hex: Buffer.from(v.data).toString('hex') } : v), 1));
  return cmd;
}

function describeOps(spec) {
  const lines = [];
  for (const op of spec.ops) {
    if (op.fixed) continue;
    if (op.t === 'file') {
      const body = op.lines.map((l) => (Buffer.isBuffer(l) ? `<bytes ${l.toString('hex').slice(0, 40)}>` : l.length > 120 ? l.slice(0, 100) + `…(${l.length} chars)` : l));
      const shown = body.length > 8 ? [...body.slice(0, 8), `… ${body.length} lines`] : body;
      lines.push(`  ${op.p}${op.eol === '\r\n' ? ' (CRLF)' : ''}${op.bom ? ' (BOM)' : ''}${op.utf16 ? ' (UTF-16)' : ''}:`, ...shown.map((l) => `      ${l}`));
    } else if (op.t === 'blob') lines.push(`  ${op.p}: <${op.kind}, ${op.bytes} bytes${op.arg ? `, ${op.arg}` : ''}>`);
    else if (op.t === 'link') lines.push(`  ${op.p} -> ${op.to}`);
    else if (op.t === 'fifo') lines.push(`  ${op.p} (FIFO)`);
    else if (op.t === 'dir') lines.push(`  ${op.p}/`);
  }
  return lines.join('\n');
}

/** Greedy delta debugging: drop operations, then lines, while the same invariant still fails. */
async function shrink(spec, id, o, cli, dir) {
  const deadline = Date.now() + 3 * 60 * 1000;
  const timeoutS = id === 'timeout' ? Math.min(o.timeout, 8) : o.timeout;
  let tries = 0;
  const stillFails = async (cand) => {
    if (Date.now() > deadline) return false;
    tries++;
    const { fails } = await attempt(cand, o, cli, dir, timeoutS);
    return fails.some((f) => f.id === id);
  };
  let cur = spec;
  const removable = () => cur.ops.map((op, i) => (op.fixed ? -1 : i)).filter((i) => i >= 0);
  for (let chunk = Math.max(1, Math.floor(removable().length / 2)); chunk >= 1; chunk = chunk === 1 ? 0 : Math.max(1, Math.floor(chunk / 2))) {
    let idx = removable();
    for (let s = 0; s < idx.length; s += chunk) {
      const drop = new Set(idx.slice(s, s + chunk));
      const cand = { ...cur, ops: cur.ops.filter((_, i) => !drop.has(i)) };
      if (await stillFails(cand)) {
        cur = cand;
        idx = removable();
        s -= chunk;
      }
    }
  }
  // Lines of the remaining files.
  for (let i = 0; i < cur.ops.length; i++) {
    const op = cur.ops[i];
    if (op.t !== 'file' || op.fixed || op.lines.length < 2) continue;
    for (let l = 0; l < cur.ops[i].lines.length; l++) {
      const lines = cur.ops[i].lines.filter((_, j) => j !== l);
      const ops = cur.ops.slice();
      ops[i] = { ...cur.ops[i], lines };
      const cand = { ...cur, ops };
      if (await stillFails(cand)) {
        cur = cand;
        l--;
      }
    }
  }
  // Blobs: try halving.
  for (let i = 0; i < cur.ops.length; i++) {
    while (cur.ops[i].t === 'blob' && (cur.ops[i].bytes > 4096 || cur.ops[i].arg > 16)) {
      const ops = cur.ops.slice();
      ops[i] = { ...cur.ops[i], bytes: Math.floor(cur.ops[i].bytes / 2), arg: cur.ops[i].arg ? Math.floor(cur.ops[i].arg / 2) : cur.ops[i].arg };
      const cand = { ...cur, ops };
      if (!(await stillFails(cand))) break;
      cur = cand;
    }
  }
  const final = await attempt(cur, o, cli, dir, o.timeout);
  return { spec: cur, tries, fails: final.fails };
}

function snapshotCli(o, tmpRoot) {
  if (!fs.existsSync(o.cli)) throw new Error(`${o.cli} not found: run npm run build first`);
  if (!o.snapshot) return o.cli;
  // Others may rebuild dist/ while we run: copy the bundle (and the catalog next to it) once.
  const dest = join(tmpRoot, 'cli');
  fs.cpSync(dirname(o.cli), dest, { recursive: true, filter: (src) => !src.endsWith('.map') && !src.endsWith('action.js') });
  return join(dest, basename(o.cli));
}

async function main() {
  let o;
  try {
    o = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`hardening: ${err.message}`);
    process.exit(2);
  }
  if (o.dryRun) {
    for (let i = 0; i < o.runs; i++) {
      const spec = buildSpec(o.seed + i, o);
      console.log(`seed ${o.seed + i}: (cd ${spec.cwd}) ${spec.args.join(' ')}  [${spec.features.join(' ')}]`);
    }
    return;
  }
  fs.mkdirSync(o.tmp, { recursive: true });
  const tmpRoot = fs.mkdtempSync(join(o.tmp, `pgconf-hardening-${o.seed}-`));
  const cli = snapshotCli(o, tmpRoot);
  const cliHash = createHash('sha256').update(fs.readFileSync(cli)).digest('hex').slice(0, 12);
  console.log(`hardening: seed ${o.seed}, ${o.runs} runs (stop after ${o.minutes} min), cap ${o.timeout} s / ${o.rss} MB RSS / ${o.heap} MB heap per run, cli ${relative(REPO, o.cli)} (sha256 ${cliHash}), work dir ${tmpRoot}`);
  const t0 = Date.now();
  const byId = new Map(); // id -> { count, seeds: [], kept: [] }
  let done = 0;
  let maxWall = 0;
  let maxWallSeed;
  let maxKb = 0;
  let maxKbSeed;
  let stoppedEarly = false;
  for (let i = 0; i < o.runs; i++) {
    if (Date.now() - t0 > o.minutes * 60 * 1000) {
      stoppedEarly = true;
      break;
    }
    const seed = o.seed + i;
    const spec = buildSpec(seed, o);
    const dir = join(tmpRoot, `run-${seed}`);
    const tGen = Date.now();
    const { res, fails } = await attempt(spec, o, cli, dir, o.timeout);
    const genMs = Date.now() - tGen - res.wallMs;
    done++;
    if (res.wallMs > maxWall) [maxWall, maxWallSeed] = [res.wallMs, seed];
    if (res.peakKb > maxKb) [maxKb, maxKbSeed] = [res.peakKb, seed];
    if (o.verbose) console.log(`  run ${i + 1} seed ${seed}: exit ${res.exit}${res.killed ? ` killed (${res.killed})` : ''}, ${(res.wallMs / 1000).toFixed(2)} s (+${(genMs / 1000).toFixed(2)} s setup), ${Math.round(res.peakKb / 1024)} MB  [${spec.features.join(' ')}]`);
    let keep = o.keepAll;
    if (fails.length) {
      const ids = [...new Set(fails.map((f) => f.id))];
      let keptHere = false;
      for (const id of ids) {
        const e = byId.get(id) ?? { count: 0, seeds: [], kept: [], first: fails.find((f) => f.id === id), spec, focus: new Map() };
        byId.set(id, e);
        e.count++;
        e.seeds.push(seed);
        const focus = spec.features.find((f) => f.startsWith('focus:'));
        if (focus) e.focus.set(focus.slice(6), [...(e.focus.get(focus.slice(6)) ?? []), seed]);
        // The shrinker starts from the smallest failing repository.
        if (spec.ops.length < e.spec.ops.length) e.spec = spec;
        if (e.kept.length < o.keep) {
          e.kept.push(dir);
          keptHere = true;
        }
      }
      if (keptHere) {
        keep = true;
        const cmd = writeRepro(spec, dir, o, cli, fails);
        console.log(`\nFAIL run ${i + 1}, seed ${seed} (reproduce: npm run hardening -- --seed ${seed} --runs 1)`);
        for (const f of fails) console.log(`  invariant ${f.id}: ${f.detail}`);
        console.log(`  exit ${res.exit}${res.killed ? ` (killed: ${res.killed})` : ''}, ${(res.wallMs / 1000).toFixed(2)} s, ${Math.round(res.peakKb / 1024)} MB RSS; features: ${spec.features.join(' ')}`);
        console.log(`  repository kept: ${dir}\n  command: ${cmd}`);
      } else console.log(`FAIL run ${i + 1}, seed ${seed}: ${ids.join(', ')} (seen before; not kept)`);
      if (o.failFast) break;
    } else if ((i + 1) % 10 === 0) console.log(`  ${i + 1}/${o.runs} runs, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    else if (!fails.length) writeRepro(spec, dir, o, cli, fails);
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(0);
  if (o.minimize && byId.size) {
    for (const [id, e] of byId) {
      const dir = join(tmpRoot, `min-${id}-${e.spec.seed}`);
      console.log(`\nshrinking ${id} (seed ${e.spec.seed}) …`);
      const m = await shrink(e.spec, id, o, cli, dir);
      const cmd = writeRepro(m.spec, dir, o, cli, m.fails);
      console.log(`  after ${m.tries} tries: ${m.fails.some((f) => f.id === id) ? 'still fails' : 'NO LONGER FAILS (flaky?)'}; ${dir}\n  ${cmd}\n${describeOps(m.spec)}`);
      for (const f of m.fails) console.log(`  invariant ${f.id}: ${f.detail}`);
    }
  }
  const summary = `${done} runs in ${secs} s${stoppedEarly ? ` (stopped at the ${o.minutes}-minute limit)` : ''}, max wall ${(maxWall / 1000).toFixed(2)} s (seed ${maxWallSeed}), max RSS ${Math.round(maxKb / 1024)} MB (seed ${maxKbSeed})`;
  if (byId.size) {
    console.log(`\nhardening: FAILED: ${summary}`);
    for (const [id, e] of [...byId].sort((a, b) => b[1].count - a[1].count)) {
      console.log(`  ${id}: ${e.count} run(s), seeds ${e.seeds.slice(0, 8).join(' ')}${e.seeds.length > 8 ? ' …' : ''}; e.g. ${e.first.detail.slice(0, 200)}`);
      if (e.focus.size) console.log(`    focused runs: ${[...e.focus].map(([f, seeds]) => `${f} (${seeds.join(' ')})`).join(', ')}`);
      if (e.kept.length) console.log(`    kept: ${e.kept.join(' ')}`);
    }
    process.exit(1);
  }
  if (!o.keepAll) fs.rmSync(tmpRoot, { recursive: true, force: true });
  console.log(`hardening: ok: ${summary}`);
}

await main();
