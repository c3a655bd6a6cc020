// Deterministic inputs for the benchmark (scripts/bench/run.mjs). Nothing random: the same
// sizes give byte-identical files on every machine, so numbers are comparable across runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * postgresql.conf: a realistic mix, repeated. Per block of 20 lines: 2 comment lines, 1 blank
 * line, 5 assignments of real parameters (integers with units, booleans, enums, reals, quoted
 * strings, time zones, `=` present or not) and 12 custom (placeholder) parameters with distinct
 * names and quoted, unquoted and numeric values, as generated files for extensions or per-tenant
 * settings have them. Every value is valid, so `postgres -C` reads the whole file and succeeds.
 * A file this long can only repeat real parameters, so the linter reports a duplicate-setting
 * finding for about 1 line in 4: the reporting path is exercised at scale too.
 */
const KNOWN = [
  (i) => `shared_buffers = ${128 + (i % 64)}MB`,
  (i) => `work_mem = '${4 + (i % 16)}MB'`,
  (i) => `max_connections ${100 + (i % 50)}`,
  (i) => `autovacuum = ${i % 2 ? 'on' : 'true'}`,
  (i) => `log_min_duration_statement = ${250 + (i % 100)}ms   # slow queries`,
  (i) => `random_page_cost = 1.${i % 10}`,
  (i) => `search_path = '"$user", public'`,
  (i) => `checkpoint_timeout = ${5 + (i % 10)}min`,
  (i) => `wal_level = ${i % 2 ? 'replica' : 'logical'}`,
  (i) => `effective_cache_size = ${4 + (i % 8)}GB`,
  (i) => `log_line_prefix = '%m [%p] %q%u@%d '`,
  (i) => `synchronous_commit = ${i % 3 ? 'on' : 'remote_apply'}`,
  (i) => `maintenance_work_mem = ${64 + (i % 64)}MB`,
  (i) => `timezone = 'UTC'`,
];

/** @param {number} lines */
export function postgresqlConf(lines) {
  const out = [];
  let k = 0;
  for (let n = 0; out.length < lines; n++) {
    const b = n % 20;
    if (b === 0) out.push(`# ---- section ${n / 20} ----`);
    else if (b === 1) out.push('');
    else if (b === 2) out.push(`#work_mem = 4MB\t\t\t\t# min 64kB, commented out default`);
    else if (b % 4 === 3) out.push(KNOWN[k++ % KNOWN.length](n));
    else if (b % 3 === 0) out.push(`app_${n % 97}.limit_${n} = ${n % 1000}`);
    else if (b % 3 === 1) out.push(`app_${n % 97}.mode_${n} ${n % 2 ? 'fast' : 'safe'}`);
    else out.push(`app_${n % 97}.opt_${n} = '${n.toString(36)}-value'   # generated`);
  }
  return out.join('\n') + '\n';
}

/*
 * postgresql.conf of built-in parameters only: every line assigns one of the real parameters above
 * (12 of them in turn, so every line after the first dozen overrides an earlier one), as a file
 * that automation appends settings to looks. This is the input that makes PostgreSQL's reader
 * quadratic in earnest: ProcessConfigFileInternal, for every entry of a parameter already seen,
 * walks all earlier entries (strcmp) to mark the overridden ones; custom placeholders and names
 * seen once skip that walk. It reproduces the PostgreSQL figures quoted in issue 6
 * (10k lines 0.15 s, 20k 0.6 s, 40k 4.4 s on the machine it was written on).
 */
const BUILTIN = KNOWN.filter((_, i) => i !== 6 && i !== 10); // all but the two free-form strings

/** @param {number} lines */
export function builtinConf(lines) {
  const out = [];
  for (let n = 0; n < lines; n++) out.push(BUILTIN[n % BUILTIN.length](n));
  return out.join('\n') + '\n';
}

/*
 * pg_hba.conf with `records` records: a realistic generated file. Per tenant i: a database
 * `db_i` and a role `app_i`, records for its application subnet (10.x.y.0/24), its admin host
 * (/32), an IPv6 network, hostssl + hostnossl pairs, a few replication lines, a `+group`, a
 * comma list, and now and then a record that an earlier one shadows (so the reachability
 * analysis has work to do and finds some). Catch-all rules come at the end, as usual.
 */
/** @param {number} records */
export function pgHba(records) {
  const out = [
    '# TYPE  DATABASE        USER            ADDRESS                 METHOD',
    'local   all             postgres                                peer',
    'local   all             all                                     scram-sha-256',
    'host    all             all             127.0.0.1/32            scram-sha-256',
    'host    all             all             ::1/128                 scram-sha-256',
  ];
  let n = 4;
  for (let i = 0; n < records - 2; i++) {
    const a = (i >> 8) & 255;
    const b = i & 255;
    const rows = [
      `hostssl db_${i}          app_${i}          10.${a}.${b}.0/24          scram-sha-256`,
      `hostnossl db_${i}        app_${i}          10.${a}.${b}.0/24          reject`,
      `host    db_${i}          app_${i}          10.${a}.${b}.17/32         scram-sha-256`, // shadowed by the pair above
      `host    db_${i},db_${i}_ro  +readers_${i}  fd00:${a.toString(16)}:${b.toString(16)}::/64  scram-sha-256`,
      `hostssl replication     repl_${i}         10.${a}.${b}.5/32          scram-sha-256 clientcert=verify-ca`,
      `host    db_${i}          admin_${i}        192.168.${a}.${b}  255.255.255.255  md5`,
      `# tenant ${i}: ${i % 3 === 0 ? 'reporting replica' : 'primary'}`,
      `hostssl "db_${i}"        "app_${i}"        10.${a}.${b}.128/25        scram-sha-256`, // shadowed by the /24
    ];
    for (const r of rows) {
      if (n >= records - 2) break;
      out.push(r);
      if (!r.startsWith('#')) n++;
    }
    if (i % 50 === 49) out.push('');
  }
  out.push('host    all             all             10.0.0.0/8              scram-sha-256');
  out.push('host    all             all             0.0.0.0/0               reject');
  return out.join('\n') + '\n';
}

/** A small realistic cluster: postgresql.conf (+ an include) and pg_hba.conf. */
function clusterFiles(i) {
  const conf = [
    `# cluster ${i}`,
    "listen_addresses = '*'",
    `port = ${5432 + (i % 10)}`,
    `max_connections = ${100 + (i % 100)}`,
    'shared_buffers = 4GB',
    'effective_cache_size = 12GB',
    'work_mem = 16MB',
    'maintenance_work_mem = 512MB',
    'wal_level = replica',
    'max_wal_senders = 10',
    'archive_mode = on',
    "archive_command = 'pgbackrest --stanza=main archive-push %p'",
    'checkpoint_timeout = 15min',
    'random_page_cost = 1.1',
    "log_line_prefix = '%m [%p] %q%u@%d '",
    'log_min_duration_statement = 500ms',
    "ssl = on",
    "password_encryption = 'scram-sha-256'",
    "include 'tuning.conf'",
    '',
  ].join('\n');
  const tuning = ['# per-host tuning', `autovacuum_naptime = ${1 + (i % 5)}min`, 'autovacuum_vacuum_scale_factor = 0.05', `app.cluster_id = '${i}'`, ''].join('\n');
  const hba = [
    'local   all   postgres                 peer',
    'local   all   all                      scram-sha-256',
    'host    all   all      127.0.0.1/32    scram-sha-256',
    `hostssl app   app      10.${(i >> 8) & 255}.${i & 255}.0/24   scram-sha-256`,
    `hostssl replication repl 10.${(i >> 8) & 255}.${i & 255}.0/24 scram-sha-256`,
    'host    all   all      0.0.0.0/0       reject',
    '',
  ].join('\n');
  return { conf, tuning, hba };
}

/** Writes `count` clusters under dir/clusters/cNNNN/ (postgresql.conf, tuning.conf, pg_hba.conf). */
export function repository(dir, count) {
  for (let i = 0; i < count; i++) {
    const d = join(dir, 'clusters', `c${String(i).padStart(4, '0')}`);
    mkdirSync(d, { recursive: true });
    const { conf, tuning, hba } = clusterFiles(i);
    writeFileSync(join(d, 'postgresql.conf'), conf);
    writeFileSync(join(d, 'tuning.conf'), tuning);
    writeFileSync(join(d, 'pg_hba.conf'), hba);
    writeFileSync(join(d, 'PG_VERSION'), '16\n');
  }
}
