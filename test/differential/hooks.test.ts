/**
 * Differential test of the string check hooks (src/catalog/hooks.ts) against real servers
 * (PGCONF_LINT_MAJORS, default 12,16,18): a few hundred seeded values per hook, each written
 * as a one-line postgresql.conf and judged by `postgres -C <name>` (no server start: -C reads
 * the files exactly as the postmaster does and exits, a few milliseconds per case).
 *
 * Compared per case: accept/reject; the LOG line with its DETAIL and HINT (or, for a hook that
 * raises an ERROR, the FATAL line); and when both accept, the canonical value against what -C
 * prints. A value the emulation accepts without judging it (HookResult.unjudged, e.g. a
 * timestamp form it does not parse) is counted, not compared.
 *
 * The summary gives, per major, how many values the server rejects and how many of those we
 * catch: the measure of issue 13 item 6.
 */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONCURRENCY, mapLimit, parseLog, type PgCluster } from '../../scripts/lib/postgres.mjs';
import { loadCatalog, timezoneSets, timezones } from '../../src/catalog/catalog.js';
import { STRING_HOOKS, stringHookFor } from '../../src/catalog/hooks.js';
import type { Major } from '../../src/catalog/types.js';
import { parseGucValue } from '../../src/catalog/values.js';
import { Ledger, clustersPerMajor, formatDisagreement, majorsFromEnv, type Disagreement, type KnownDifference } from '../support/oracle.js';
import { rng } from './generate.js';

const MAJORS = majorsFromEnv();

/** Differences the emulation keeps on purpose, each with its reason (none at present). */
const KNOWN_HOOK_DIFFERENCES: readonly KnownDifference[] = [];

/** postgresql.conf quoting that round-trips any value without control characters but \n and \t. */
const q = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\n/g, '\\n').replace(/\t/g, '\\t')}'`;

type R = () => number;
const pick = <T,>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: R, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const mangleCase = (r: R, s: string): string => {
  const x = r();
  if (x < 0.2) return s.toUpperCase();
  if (x < 0.4) return s.toLowerCase();
  if (x < 0.5) return [...s].map((c) => (r() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
  return s;
};
const SEPS = [',', ', ', ' ,', ' , ', ',,', ' ', ''];
const listOf = (r: R, items: readonly string[], max = 3): string => {
  const n = int(r, 1, max);
  let out = '';
  for (let i = 0; i < n; i++) out += (i ? pick(r, SEPS) : '') + pick(r, items);
  if (r() < 0.05) out = ' ' + out + ' ';
  if (r() < 0.05) out += ',';
  return out;
};
const IDENT_CHARS = 'abcxyz_019ABZ$-.* "é';
const randomWord = (r: R, chars: string, min: number, max: number): string => {
  const n = int(r, min, max);
  let s = '';
  for (let i = 0; i < n; i++) s += chars[Math.floor(r() * chars.length)];
  return s;
};

/** Seeded values for one hook's parameter in one major (fixed edge cases first, then random). */
function valuesFor(param: string, major: Major, r: R): string[] {
  const tz = [...timezones(major)];
  const sets = [...timezoneSets(major)];
  const gen = (n: number, f: () => string): string[] => Array.from({ length: n }, f);
  switch (param) {
    case 'datestyle': {
      const words = ['ISO', 'SQL', 'Postgres', 'PostgreSQL', 'German', 'YMD', 'DMY', 'MDY', 'Euro', 'European', 'US', 'NonEuro', 'NonEuropean', 'Default', 'bogus', '"ISO"', 'iso8601', 'Germ'];
      return ['', 'ISO, MDY', 'German, YMD', 'SQL, DMY, SQL', 'ISO, SQL', 'DMY, MDY', 'default, sql', '"ISO', ...gen(130, () => mangleCase(r, listOf(r, words)))];
    }
    case 'timezone':
    case 'log_timezone': {
      const posix = (): string => {
        const name = pick(r, ['EST', 'FOO', 'AB', 'A', '', '<+03>', '<-0330>', '<UTC+1>', 'UTC', 'GMT', 'X1']);
        const off = `${pick(r, ['', '+', '-'])}${int(r, 0, 200)}${r() < 0.3 ? `:${int(r, 0, 70)}` : ''}`;
        const dst = r() < 0.4 ? pick(r, ['EDT', 'BAR', '<+04>', 'D']) + (r() < 0.3 ? String(int(r, 0, 30)) : '') : '';
        const rules = dst && r() < 0.5 ? pick(r, [',M3.2.0,M11.1.0', ',J60,J300', ',M13.1.0,M1.1.0', ',60,300', ',M3.2.0/2,M11.1.0/2:30', ',M3.2.0']) : '';
        return name + off + dst + rules;
      };
      const numbers = ['+3', '-14', '200', '167', '168', '-167.9', '5.5', '0', '1e2', '0x10', 'inf', 'nan', ' 3', '3 '];
      const intervals = ["INTERVAL '+02:00'", "interval '-08:00'", "INTERVAL '5 hours'", "INTERVAL '1 day'", "INTERVAL '1 mon'", "INTERVAL 'bogus'", "INTERVAL '200 hours'", "INTERVAL '-3 hours 30 minutes'", "INTERVAL '90 min'", "INTERVAL '@ 2 hours ago'", "INTERVAL  '+05:30'", "INTERVAL '1'", "INTERVAL '+02:00' x", 'INTERVAL +02:00', "INTERVAL '2 hrs'", "INTERVAL '1 year'", "INTERVAL '0 days 3 hours'"];
      const names = gen(90, () => (r() < 0.5 ? mangleCase(r, pick(r, tz)) : pick(r, tz)));
      const broken = gen(30, () => pick(r, tz).replace(/[a-z]/, pick(r, ['', 'x', '/', '//', ' '])));
      return ['', 'GMT', 'UTC', 'localtime', 'posixrules', 'Factory', 'Europe', ':UTC', 'Mars/Olympus', 'Europe//Berlin', './UTC', 'x'.repeat(300), 'é'.repeat(128) + '3', 'é'.repeat(127) + '3', 'a'.repeat(255) + '3', 'a'.repeat(254) + '3', ...numbers, ...(param === 'timezone' ? intervals : []), ...names, ...broken, ...gen(45, posix)];
    }
    case 'timezone_abbreviations':
      return ['', 'Default', 'default', 'DEFAULT', 'Australia', 'India', 'india', 'Nope', '../Default', 'Default ', 'Default.txt', 'Asia', 'Etc', ...sets.map((s) => mangleCase(r, s)), ...gen(20, () => randomWord(r, 'DefaultAsiIn./', 1, 8))];
    case 'log_destination':
      return ['', 'stderr', 'eventlog', 'jsonlog', 'STDERR', '"stderr"', 'stderr,', ...gen(90, () => mangleCase(r, listOf(r, ['stderr', 'csvlog', 'jsonlog', 'syslog', 'eventlog', 'bogus', '"csvlog"', 'std err'])))];
    case 'search_path':
    case 'temp_tablespaces':
    case 'synchronized_standby_slots':
    case 'primary_slot_name':
      return ['', '"$user", public', '"unterminated', 'a, , b', '""', '"a""b"', 'a'.repeat(70), `"${'b'.repeat(70)}"`, ...gen(100, () => listOf(r, [randomWord(r, IDENT_CHARS, 1, 8), randomWord(r, 'abc_19', 1, 6), `"${randomWord(r, 'aB_1-', 1, 5)}"`]))];
    case 'synchronous_standby_names': {
      const toks = ['FIRST', 'ANY', 'first', 'Any', 'anyone', '2', '0', '1', '99999999999', '(', ')', ',', 's1', 's2', '"s 3"', '*', 'a$', 'a-b', '"q', '_x', 'é'];
      const good = (): string => `${pick(r, ['', 'FIRST ', 'ANY ', 'any '])}${int(r, 0, 3)} (${listOf(r, ['s1', 's2', '*', '"x y"', '3'])})`;
      return ['', '*', 'a "b"', '"a', 'any', 'FIRST', 'ANY 0 (a)', '2 (a', 'a b', '99999999999 (a)', '2147483648 (a)', '4294967296 (a)', ...gen(50, good), ...gen(90, () => gen(int(r, 1, 6), () => pick(r, toks)).join(pick(r, [' ', '', ' '])))];
    }
    case 'backtrace_functions':
      return ['', 'a-b', 'a, b', 'main,\tfoo', 'ü', ...gen(90, () => randomWord(r, 'abAB_09, \t-.:()*é', 1, 10))];
    case 'recovery_target':
      return ['', 'immediate', 'Immediate', 'immediate ', 'x', ...gen(20, () => mangleCase(r, pick(r, ['immediate', 'latest', 'now', ''])))];
    case 'recovery_target_xid':
    case 'recovery_target_timeline':
      return ['', 'abc', '-1', '0', '0x10', ' 5', 'latest', 'current', 'Latest', '18446744073709551615', '18446744073709551616', '99999999999999999999', '0xFFFFFFFFFFFFFFFF', '0x10000000000000000', '07777777777777777777777', '-18446744073709551616', '1e3', ...gen(60, () => randomWord(r, '0123456789xXaf- ', 1, 24))];
    case 'recovery_target_name':
      return ['', 'x', 'a'.repeat(63), 'a'.repeat(64), 'é'.repeat(32), 'é'.repeat(31) + 'a', ...gen(30, () => 'n'.repeat(int(r, 55, 70)))];
    case 'recovery_target_lsn':
      return ['', '0/0', '0/', '/0', '123456789/0', '12345678/9ABCDEF0', 'g/0', '0/0 ', ' 0/0', '0//0', 'FFFFFFFF/FFFFFFFF', ...gen(80, () => `${randomWord(r, '0123456789abcdefABCDEFg', 0, 10)}${pick(r, ['/', '/', '', ':'])}${randomWord(r, '0123456789abcdefG ', 0, 10)}`)];
    case 'recovery_target_time': {
      const date = (): string => `${int(r, 1990, 2030)}-${String(int(r, 0, 13)).padStart(pick(r, [1, 2]), '0')}-${String(int(r, 0, 32)).padStart(2, '0')}`;
      const time = (): string => `${int(r, 0, 25)}:${String(int(r, 0, 61)).padStart(2, '0')}${r() < 0.6 ? `:${String(int(r, 0, 61)).padStart(2, '0')}${r() < 0.3 ? '.123' : ''}` : ''}`;
      const zone = (): string => pick(r, ['', '', ' UTC', ' Europe/Berlin', ' europe/berlin', ' PST', ' EST', '+02', '-05:30', '+0200', ' Mars/Olympus', 'Z', ' CET', ' America/New_York', ' GMT', '+16']);
      return ['', 'now', 'today', 'Today', 'NOW', 'bogus', 'infinity', '-infinity', 'epoch', '12:00', '2024-01-01', '2024-02-29', '2023-02-29', '2024-13-01', '10000000-01-01', "it's", '/tmp',
        '2024-01-01 12:00:00+00', '2024-01-01 12:00:00.123456+00:00', '2024-01-01 12:00:00 +0000', '2024-01-01 12:00:00 -05', '2024-01-01T12:00:00Z', '2024-01-01 12:00:00 Z',
        'January 8 2024', 'Jan 8, 2024 12:00', '08/01/2024 12:00', '2024/01/08', '20240108T120000', '20240108', 'Mon Jan 08 2024 12:00:00 GMT', '2024-01-08 12:00:00 UTC+3', '2024-01-08 12:00:00 EST5EDT',
        '2024-01-08 allballs', '2024-01-08 12:00 pm', '2024-01-08 12:00:00 BC', '294277-01-01', '294276-12-31', '99999-01-01', '2024-01-08 12:00:00 Europe/Berlin extra', '2024-01-08 12:00:00 europe/BERLIN', '2024-1-8', '24-01-08',
        '2024-02-30', '2024-01-08 25:00', '2024-01-08 24:00:00', '2024-01-08 23:60', '2024-01-08 23:59:60', '2024-01-08 12:00:00.1234567', ' 2024-01-08 ', 'tomorrow 12:00', 'yesterday',
        ...gen(120, () => `${date()}${r() < 0.8 ? `${pick(r, [' ', 'T', '  '])}${time()}` : ''}${zone()}`)];
    }
    case 'restrict_nonsystem_relation_kind':
      return ['', 'view, foreign-table', 'table', 'View', '"view"', ...gen(80, () => mangleCase(r, listOf(r, ['view', 'foreign-table', 'foreign_table', 'table', '"foreign-table"', 'views'])))];
    case 'createrole_self_grant':
      return ['', 'set, inherit', 'admin', 'SET', ...gen(80, () => mangleCase(r, listOf(r, ['set', 'inherit', 'admin', '"set"', 'inherits'])))];
    case 'debug_io_direct':
      return ['', 'data,wal', 'bogus', 'DATA', 'wal_init', '"wal"', 'data,', ...gen(80, () => mangleCase(r, listOf(r, ['data', 'wal', 'wal_init', 'bogus', '"data"', 'walinit'])))];
    case 'wal_consistency_checking':
      return ['', 'all', 'heap,btree', 'bogus', 'Heap', 'heap,', ...gen(60, () => mangleCase(r, listOf(r, ['all', 'heap', 'heap2', 'btree', 'hash', 'gin', 'gist', 'sequence', 'spgist', 'brin', 'generic', 'xlog', 'bogus'])))];
    case 'log_connections':
      return ['', 'on', 'receipt,authorization', 'on,receipt', 'bogus', 'all', ...gen(60, () => mangleCase(r, listOf(r, ['on', 'off', 'true', 'receipt', 'authentication', 'authorization', 'setup_durations', 'all', 'bogus'])))];
    case 'client_encoding': {
      const names = ['UTF8', 'utf-8', 'UNICODE', 'unicode', 'latin1', 'LATIN9', 'win', 'win1252', 'windows-1251', 'SQL_ASCII', 'sql-ascii', 'koi8', 'KOI8-U', 'ISO-8859-5', 'iso8859_15', 'EUC_JP', 'euc-jis-2004', 'SJIS', 'Shift_JIS', 'shift-jis-2004', 'BIG5', 'GBK', 'GB18030', 'UHC', 'JOHAB', 'mule_internal', 'mskanji', 'tcvn5712', 'vscii', 'abc', 'alt', 'win866', 'win874', 'win932', 'win936', 'win949', 'win950', 'latin10', 'latin11', 'utf16', 'ascii', 'bogus', 'u t f 8', ''];
      return [...names, 'UTF8' + ' '.repeat(70), 'x'.repeat(80), `utf${'-'.repeat(70)}8`, ...gen(60, () => mangleCase(r, pick(r, names).replace(/[_-]/, pick(r, ['', '-', '_', ' ', '.']))))];
    }
    case 'log_directory':
    case 'external_pid_file':
      return ['', '/', '//', 'a//b/', '/var/log//pg/', 'pg_log', './log', 'a/../b', ...gen(30, () => randomWord(r, 'ab/./', 1, 10))];
    case 'default_table_access_method':
    case 'default_text_search_config':
    case 'default_tablespace':
      return ['', 'heap', 'nope', 'pg_catalog.english', 'x'.repeat(70)];
    default:
      return [];
  }
}

interface Case {
  id: string;
  param: string;
  value: string;
}

function casesFor(major: Major): Case[] {
  const catalog = loadCatalog(major);
  const r = rng(0x600c + major);
  const out = new Map<string, Case>();
  const params = [...new Set([...STRING_HOOKS.flatMap((h) => h.params), 'default_text_search_config', 'default_tablespace'])].sort();
  for (const param of params) {
    if (!catalog.params.has(param)) continue;
    if (catalog.params.get(param)!.type !== 'string') continue;
    if (param === 'role' || param === 'session_authorization' || param === 'transaction_isolation') continue;
    for (const value of valuesFor(param, major, r)) {
      if (/[\x00-\x08\x0b-\x1f\x7f]/.test(value)) continue;
      const id = `${param} = ${q(value)}`;
      if (!out.has(id)) out.set(id, { id, param, value });
    }
  }
  return [...out.values()];
}

const ledger = new Ledger('string check hooks', KNOWN_HOOK_DIFFERENCES);
const clusters = clustersPerMajor(MAJORS);
const stats = new Map<Major, { cases: number; serverRejects: number; caught: number; falseRejects: number; unjudged: number; unjudgedRejected: string[]; perParam: Map<string, { rejects: number; caught: number }> }>();

/** The server's error entries: each LOG line (or the FATAL of an ERROR raised by a hook) with its DETAIL and HINT. */
function serverEntries(stderr: string): string[] {
  const out: string[] = [];
  let open = false;
  for (const l of parseLog(stderr)) {
    if (l.level === 'LOG' || (l.level === 'FATAL' && !/configuration file .* contains errors/.test(l.message))) {
      out.push(`${l.level}: ${l.message}`);
      open = true;
    } else if (open && (l.level === 'DETAIL' || l.level === 'HINT')) out[out.length - 1] += `\n${l.level}: ${l.message}`;
    else open = false;
  }
  return out;
}

async function judge(major: Major, cluster: PgCluster, c: Case): Promise<void> {
  const def = loadCatalog(major).params.get(c.param)!;
  const ours = parseGucValue(def, c.value, major, { timezones: timezones(major) });
  const hook = stringHookFor(c.param, major);
  const hookResult = hook?.check({ value: c.value, major, enc: 'utf8', timezones: timezones(major) });
  const unjudged = hookResult?.ok === true && hookResult.unjudged !== undefined;
  const [res] = await cluster.runC({ text: `${c.param} = ${q(c.value)}\n` }, [c.param], { concurrency: 1 });
  const serverOk = res!.rc === 0;
  const s = stats.get(major)!;
  s.cases++;
  const pp = s.perParam.get(c.param) ?? { rejects: 0, caught: 0 };
  s.perParam.set(c.param, pp);
  if (!serverOk) {
    s.serverRejects++;
    pp.rejects++;
    if (!ours.ok) {
      s.caught++;
      pp.caught++;
    }
  } else if (!ours.ok) s.falseRejects++;
  const dis: Disagreement[] = [];
  const d = (what: string, o: unknown, sv: unknown): void => {
    dis.push({ major, caseId: `hook:${c.id}`, param: c.param, what, ours: o, server: sv });
  };
  if (unjudged) {
    s.unjudged++;
    if (!serverOk) s.unjudgedRejected.push(c.id);
    ledger.record(major, 'generated', `hook:${c.id}`, []);
    return;
  }
  if (ours.ok !== serverOk) d('accept/reject', ours.ok, serverOk);
  else if (!ours.ok) {
    const fatal = hookResult?.ok === false && hookResult.fatal === true;
    let mine = `${fatal ? 'FATAL' : 'LOG'}: ${ours.message}`;
    if (ours.detail !== undefined) mine += `\nDETAIL: ${ours.detail}`;
    if (ours.hint !== undefined) mine += `\nHINT: ${ours.hint}`;
    const theirs = serverEntries(res!.stderr).join('\n---\n');
    if (mine !== theirs) d('messages', mine, theirs);
  } else {
    const printed = res!.stdout.replace(/\n$/, '');
    if (String(ours.canonical) !== printed) d('canonical value', ours.canonical, printed);
  }
  ledger.record(major, 'generated', `hook:${c.id}`, dis);
}


describe.each(MAJORS)('string check hooks against PostgreSQL %i', (major) => {
  it('seeded values of every hook', async () => {
    stats.set(major, { cases: 0, serverRejects: 0, caught: 0, falseRejects: 0, unjudged: 0, unjudgedRejected: [], perParam: new Map() });
    const cluster = clusters.get(major)!;
    await mapLimit(casesFor(major), DEFAULT_CONCURRENCY, (c) => judge(major, cluster, c));
  }, 600_000);
});

it('agrees with every server on every judged value', () => {
  const { summary, unexplained, stale } = ledger.verdict(MAJORS);
  const lines = [summary];
  for (const [major, s] of stats) {
    lines.push(`  PG ${major}: ${s.cases} values; the server rejects ${s.serverRejects}, we catch ${s.caught}; we reject ${s.falseRejects} it accepts; ${s.unjudged} passed unjudged`);
    const missed = [...s.perParam].filter(([, p]) => p.rejects > p.caught).map(([k, p]) => `${k} ${p.caught}/${p.rejects}`);
    if (missed.length) lines.push(`    rejections missed per parameter: ${missed.join(', ')}`);
    if (s.unjudgedRejected.length) lines.push(`    unjudged values the server rejects: ${s.unjudgedRejected.join(' | ')}`);
  }
  console.log(lines.join('\n') + (unexplained.length ? `\n\nUNEXPLAINED DISAGREEMENTS (${unexplained.length}):\n${unexplained.map(formatDisagreement).join('\n')}` : ''));
  expect(unexplained.map(formatDisagreement)).toEqual([]);
  expect(stale).toEqual([]);
});
