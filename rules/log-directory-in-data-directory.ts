import { posix } from 'node:path';
import { defineRule } from '../src/linter/rule.js';
import { loggingView, relatedSetting, settingLoc, settingText } from '../src/analysis/logging.js';

/** A path as canonicalize_path leaves it, for prefix comparison: no '.', '..' resolved, no trailing slash. */
const canonical = (p: string): string => {
  const n = posix.normalize(p);
  return n.length > 1 ? n.replace(/\/+$/, '') : n;
};

export default defineRule({
  name: 'log-directory-in-data-directory',
  severity: 'warning',
  category: 'maintenance',
  tags: ['reliability'],
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'With the logging collector on, log_directory is relative (the default `log`), or under data_directory: the server log lives inside the data directory',
    why:
      'A relative log_directory is taken relative to the data directory, so the default `log` puts the server ' +
      'log inside it. There a flood of log output fills the file system the database needs — a full disk under ' +
      'pg_wal stops the server — and every base backup (pg_basebackup copies the log directory) carries the ' +
      'logs, with the statements and names they hold, to backup storage and to the standbys built from it. ' +
      'An absolute log_directory under an absolute data_directory is the same. An empty log_directory, which ' +
      'stops the server from starting, is reported by log-directory-empty (on by default), not here. A ' +
      'relative path that climbs out of the data directory (`../log`) and a Windows path (`C:/…`) are not ' +
      'reported; an ' +
      'absolute log_directory is judged only when data_directory is set in the files (otherwise the data ' +
      'directory is given with -D and unknown here). Checked only when logging_collector is on (without it ' +
      'log_directory is not used) and, for the location checks, log_destination names stderr, csvlog or jsonlog. ' +
      'Of the locations CIS 8.1 wants outside the data cluster (the WAL directory, tablespaces, the log ' +
      'directory), only log_directory is a setting in postgresql.conf: pg_wal and tablespaces are made by ' +
      'initdb -X and CREATE TABLESPACE. Off by default; the `cis` profile turns it on (CIS 3.1.4, 3.1.27, 8.1).',
    invalid: ["logging_collector = on\nlog_directory = 'pg_log'", "logging_collector = on\ndata_directory = '/srv/pg/data'\nlog_directory = '/srv/pg/data/log'"],
    valid: ["logging_collector = on\nlog_directory = '/var/log/postgresql'", "log_directory = 'log'"],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-DIRECTORY',
      'https://www.postgresql.org/docs/current/runtime-config-file-locations.html',
      'https://www.postgresql.org/docs/current/app-pgbasebackup.html',
      'https://github.com/postgres/postgres/blob/master/src/backend/postmaster/syslogger.c (SysLogger_Start, logfile_getname)',
      'https://github.com/HexaCluster/pgdsat (checks 3.1.4, 3.1.27)',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const dir = ctx.setting('log_directory');
    const logging = loggingView(ctx);
    if (!dir || !logging?.collectorOn || typeof dir.value !== 'string') return;
    const loc = settingLoc(ctx, dir);
    if (!loc) return;
    const related = relatedSetting(logging.collector, 'the logging collector is turned on here');
    if (dir.value === '') return; // the server does not start: log-directory-empty's finding
    if (!logging.writesFiles) return;
    let inside: string | undefined;
    // is_absolute_path (port/path.c): a leading slash, or on Windows a drive letter or a backslash.
    if (!(dir.value.startsWith('/') || /^([A-Za-z]:)?[\\/]/.test(dir.value))) {
      const rel = canonical(dir.value);
      if (rel === '..' || rel.startsWith('../')) return; // climbs out of the data directory
      inside = rel === '.' ? 'the data directory itself' : `the data directory (a relative path is taken from it)`;
    } else {
      if (!dir.value.startsWith('/')) return; // a Windows path: not compared
      const data = ctx.setting('data_directory');
      if (!data || data.isDefault || typeof data.value !== 'string' || !data.value.startsWith('/')) return;
      const d = canonical(data.value);
      const l = canonical(dir.value);
      if (l !== d && !l.startsWith(d === '/' ? '/' : `${d}/`)) return;
      inside = `data_directory ${data.assignment?.line.raw ?? data.value}`;
      if (data.loc) related.push({ message: 'data_directory is set here', loc: data.loc });
    }
    ctx.report({
      loc,
      message:
        `${settingText(dir)} puts the server log files inside ${inside}: a log flood can fill the database's file ` +
        'system and stop the server, and base backups copy the logs and what they hold',
      help: "Set log_directory to an absolute directory outside the data directory, e.g. '/var/log/postgresql'.",
      related,
    });
  },
});
