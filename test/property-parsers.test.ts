/**
 * Property-based tests (fast-check) of every parser, on arbitrary bytes and on grammar-shaped
 * input: parsing never throws, the parse is lossless (the printer gives back the exact text), every
 * offset and every diagnostic's range lies inside its file, and each run ends. Sizes are chosen so
 * that the whole file runs in well under a minute on two cores; the seed is fixed so that a failure
 * reproduces (set FC_SEED / FC_RUNS to explore further).
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { dirname, posix } from 'node:path';
import { lint } from './support/lint.js';
import type { Major } from '../src/catalog/types.js';
import type { ConfFile } from '../src/parse/conf-ast.js';
import { tokenizeAuthFile, type AuthFileIO, type AuthLine, type TokenizedAuthFile } from '../src/parse/auth-tokens.js';
import { hbaFileRules, parsePgHba } from '../src/parse/pg-hba.js';
import { identFileMappings, parsePgIdent } from '../src/parse/pg-ident.js';
import { parsePostgresqlConf } from '../src/parse/postgresql-conf.js';
import { printAuthFile, printConf } from '../src/parse/print.js';
import { isInside, type Host } from '../src/resolve/host.js';
import { createSourceFile, type SourceFile } from '../src/source/source.js';

const SEED = Number(process.env.FC_SEED ?? 20261121);
const RUNS = Number(process.env.FC_RUNS ?? 300);
const params = (numRuns = RUNS): fc.Parameters<unknown> => ({ seed: SEED, numRuns, endOnFailure: true });
const MAJORS: readonly Major[] = [10, 13, 14, 16, 18];

// ---- generators

/** Arbitrary bytes, biased towards the bytes that matter to the lexers. */
const SPECIAL_BYTES = [0x00, 0x09, 0x0a, 0x0d, 0x20, 0x22, 0x23, 0x27, 0x2c, 0x2e, 0x3d, 0x40, 0x5c, 0x2d, 0x2b, 0x30, 0x78, 0xc3, 0xa9, 0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x80];
const byteArb = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 255 }) }, { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_BYTES) });
const bytesArb = fc.array(byteArb, { maxLength: 400 }).map((xs) => Buffer.from(xs));

const ws = fc.constantFrom('', ' ', '  ', '\t', ' \t', '\r', '\f', '\v');
const eol = fc.constantFrom('\n', '\r\n', '\n', '\n', '');

const confName = fc.oneof(
  fc.constantFrom('work_mem', 'shared_buffers', 'WORK_MEM', 'Work_Mem', 'port', 'listen_addresses', 'log_line_prefix', 'timezone', 'search_path', 'fsync'),
  fc.constantFrom('work_mem_', 'shared_buffer', 'wrok_mem', 'max_connection', 'logging_collecter', 'ssl_ciphers2'),
  fc.constantFrom('include', 'include_if_exists', 'include_dir', 'INCLUDE', 'Include_Dir'),
  fc.constantFrom('myext.setting', 'a.b.c', 'pg_stat_statements.max', '.x', 'x.', 'a..b', '9x', '_x', 'caf\u00e9', '\u00e9t\u00e9', 'x-y', 'x$y'),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_$]{0,12}(\.[A-Za-z_][A-Za-z0-9_$]{0,8})?$/),
);

const confValue = fc.oneof(
  fc.constantFrom('8MB', '8mb', '64kB', '1GB', '5min', '30s', '100ms', '1d', '1TB', '8 MB', '0x1F', '077', '-1', '+5', '1.5', '.5', '5.', '1e3', '1.5e-3', '-.5'),
  fc.constantFrom('on', 'off', 'true', 'false', 'yes', 'no', '1', '0', 'TRUE', 'of'),
  fc.constantFrom("''", "'it''s'", "'it\\'s'", "'\\101\\x41\\n\\t\\b\\f\\r\\\\'", "'#x'", "'a b'", "'unterminated", "'x'y'", "'\\'", "'\\", "'caf\u00e9'", '"dq"', "'$user, public'"),
  fc.constantFrom('/tmp/x', 'a.b', 'a-b', 'x:y', '*', '=', '==', '#', "'", '\\', '@'),
  fc.stringMatching(/^[0-9]{1,6}(\.[0-9]{1,3})?(B|kB|MB|GB|TB|us|ms|s|min|h|d)?$/),
  fc.string({ maxLength: 12 }).map((s) => `'${s.replace(/'/g, "''")}'`),
  fc.string({ maxLength: 8 }),
);

const confLine = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(ws, confName, ws, fc.constantFrom('=', '', ' = ', '=', '=='), ws, confValue, ws, fc.constantFrom('', '# c', "#'x'", '#\u00e9')).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.tuple(ws, fc.constantFrom('#', '# comment', '#work_mem = 1')).map((p) => p.join('')) },
  { weight: 1, arbitrary: ws },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
const confText = fc.array(fc.tuple(confLine, eol).map(([l, e]) => l + e), { maxLength: 25 }).map((ls) => ls.join(''));

const hbaConn = fc.constantFrom('local', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc', 'LOCAL', '"host"', 'hosts', 'include', 'include_if_exists', 'include_dir');
const hbaDb = fc.constantFrom('all', 'sameuser', 'samerole', 'samegroup', 'replication', 'db1', '"all"', 'db1,db2', 'db1, db2', '"db 1"', '/^db\\d+$', '"/^q"', '@dbs', '@"dbs"', '@missing', '@../../etc/passwd', '@/etc/passwd', 'a,"b c",d', '/^(x', '+grp', '"a""b"', '""', ',', 'a,');
const hbaUser = fc.constantFrom('all', '+admins', '"+admins"', 'u1,u2', '/^u', '"quoted user"', 'postgres', '@users', 'all,+g', '/x(', 'u1,/^v', '"x');
const hbaAddr = fc.constantFrom(
  '10.0.0.0/8', '0.0.0.0/0', '192.168.1.1/32', '10.0.0.0/33', '300.0.0.1/8', '::1/128', '::/0', '2001:DB8::/32', 'fe80::1/64', '::ffff:10.0.0.1/128',
  '::1/129', 'samehost', 'samenet', 'all', '"all"', 'example.com', '.example.com', '10.0.0.1 255.255.255.255', '10.0.0.0 255.0.255.0', '127.1/32', '[::1]/128', '1.2.3.4/', '/8', '10.0.0.0/08',
);
const hbaMethod = fc.constantFrom('trust', 'reject', 'md5', 'password', 'scram-sha-256', 'ident', 'peer', 'pam', 'ldap', 'radius', 'cert', 'gss', 'sspi', 'bsd', 'oauth', 'crypt', 'Trust', '"trust"', 'md5,trust');
const hbaOption = fc.constantFrom(
  'map=m', 'clientcert=verify-full', 'clientcert=1', 'clientcert=bogus', 'clientname=CN', 'include_realm=0', 'krb_realm=EX.COM', 'radiusservers=127.0.0.1', 'radiussecrets="a,b"',
  'ldapserver=x', 'ldapbasedn="dc=x"', 'ldapurl=ldap://x/dc=y?uid?sub', 'ldapprefix=cn=', 'pamservice=p', 'foo=bar', 'map', '=x', 'map=', 'issuer=https://x', 'scope=openid',
);
const hbaSep = fc.constantFrom(' ', '  ', '\t', ' \t ', ' \\\n ', '\\\n', ',', ' , ');
const hbaLine = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(hbaConn, hbaDb, hbaUser, fc.option(hbaAddr), fc.option(hbaMethod), fc.array(hbaOption, { maxLength: 3 }), fc.array(hbaSep, { minLength: 8, maxLength: 8 }), fc.constantFrom('', ' # c', '#x', ' "# not a comment"'))
      .map(([c, d, u, a, m, opts, seps, tail]) => {
        const fields = [c, d, u, ...(a === null ? [] : [a]), ...(m === null ? [] : [m]), ...opts];
        return fields.map((f, i) => (i ? seps[i % seps.length]! : '') + f).join('') + tail;
      }),
  },
  { weight: 1, arbitrary: fc.constantFrom('include other.conf', 'include_dir conf.d', 'include_if_exists nope.conf', 'include ../../etc/passwd', 'include /etc/hostname', 'include self.conf') },
  { weight: 1, arbitrary: fc.tuple(ws, fc.constantFrom('#', '# comment', '')).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 24 }) },
);
const hbaText = fc.array(fc.tuple(hbaLine, eol).map(([l, e]) => l + e), { maxLength: 20 }).map((ls) => ls.join(''));

const identLine = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom('m', 'map1', '"m x"', 'include', '@m'), fc.constantFrom('bob', '/^(.*)@x$', '"/^q"', 'all', '/(', '"a b"', '@file'), fc.constantFrom('bob', '\\1', '+grp', 'all', '"x"', '@u', '/re'), fc.array(hbaSep, { minLength: 3, maxLength: 3 })).map(([a, b, c, s]) => `${a}${s[0]}${b}${s[1]}${c}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 24 }) },
);
const identText = fc.array(fc.tuple(identLine, eol).map(([l, e]) => l + e), { maxLength: 15 }).map((ls) => ls.join(''));

/** Side files under /data that includes and @-references can reach. */
const sideFiles = fc.record({ dbs: hbaText, users: fc.constantFrom('u1\nu2, +g\n', '"a b"\n@users\n', ''), other: hbaText, self: fc.constant('include self.conf\n') });

// ---- in-memory file systems

function memIO(files: ReadonlyMap<string, SourceFile>, root = '/data'): AuthFileIO {
  return {
    read: (p) => {
      const f = files.get(p);
      return f ? { ok: true, file: f } : { ok: false, error: 'No such file or directory', missing: true };
    },
    listDir: (p) => {
      const entries = [...files.keys()].filter((k) => dirname(k) === p).map((k) => ({ name: posix.basename(k), isDirectory: false }));
      return entries.length ? { ok: true, entries } : { ok: false, error: 'No such file or directory', missing: true };
    },
    allowed: (p) => isInside(root, p),
  };
}

/** A Host over in-memory files (absolute POSIX paths), rooted at /data; it records every read. */
function memHost(files: ReadonlyMap<string, Buffer>, maxFileBytes = 1 << 20): Host & { reads: string[] } {
  const root = '/data';
  const reads: string[] = [];
  const isDirPath = (p: string): boolean => [...files.keys()].some((k) => k.startsWith(p + '/'));
  return {
    cwd: root,
    root,
    maxFileBytes,
    reads,
    kind: (p) => (files.has(p) ? 'file' : isDirPath(p) ? 'dir' : 'missing'),
    allowed: (p) => isInside(root, p),
    read(p) {
      if (!isInside(root, p)) return { ok: false, error: 'outside the checked root; it was not read' };
      reads.push(p);
      const b = files.get(p);
      if (!b) return isDirPath(p) ? { ok: false, error: 'Is a directory' } : { ok: false, error: 'No such file or directory', missing: true };
      if (b.length > maxFileBytes) return { ok: false, error: `file is ${b.length} bytes, larger than the limit of ${maxFileBytes} bytes` };
      return { ok: true, file: createSourceFile(posix.relative(root, p), p, b) };
    },
    list(p) {
      if (!isDirPath(p)) return { ok: false, error: 'No such file or directory', missing: true };
      const names = new Map<string, boolean>();
      for (const k of files.keys()) {
        if (!k.startsWith(p + '/')) continue;
        const rest = k.slice(p.length + 1);
        names.set(rest.split('/')[0]!, rest.includes('/'));
      }
      return { ok: true, entries: [...names].map(([name, isDir]) => ({ name, isDir })) };
    },
    display: (p) => (isInside(root, p) ? posix.relative(root, p) || '.' : p),
  };
}

// ---- invariants

/** A plain assertion for hot loops (jest's expect costs too much per token on 200,000-character lines). */
function ok(cond: boolean, what: string): void {
  if (!cond) throw new Error(what);
}

function within(file: SourceFile, start: number, end: number, what: string): void {
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= file.text.length)) {
    throw new Error(`${what}: range [${start}, ${end}) outside ${file.path} (${file.text.length} characters)`);
  }
}

function checkConf(conf: ConfFile): void {
  const { file } = conf;
  expect(printConf(conf)).toBe(file.text);
  expect(conf.lines.length).toBe(file.lineStarts.length);
  let prevEnd = -1;
  for (const l of conf.lines) {
    within(file, l.start, l.end, `line ${l.line}`);
    expect(l.start).toBe(prevEnd + 1);
    prevEnd = l.end;
    if (l.commentStart !== undefined) {
      within(file, l.commentStart, l.end, 'comment');
      expect(l.commentStart).toBeGreaterThanOrEqual(l.start);
      expect(file.text[l.commentStart]).toBe('#');
    }
    if (l.kind === 'setting' || l.kind === 'include') {
      expect(l.start <= l.nameStart && l.nameStart < l.nameEnd && l.nameEnd <= l.valueStart && l.valueStart < l.valueEnd && l.valueEnd <= l.end).toBe(true);
      expect(file.text.slice(l.nameStart, l.nameEnd)).toBe(l.name);
      expect(file.text.slice(l.valueStart, l.valueEnd)).toBe(l.raw);
      if (l.token !== 'string') expect(l.value).toBe(l.raw);
    }
    if (l.kind === 'error' && l.token) {
      expect(l.start <= l.token.start && l.token.start <= l.token.end && l.token.end <= l.end).toBe(true);
      expect(file.text.slice(l.token.start, l.token.end)).toBe(l.token.text);
    }
  }
}

/** What next_token makes of a token written without a line continuation: quotes removed, `""` inside quotes kept as `"`. */
function dequote(raw: string): string {
  let out = '';
  let inQuote = false;
  let wasQuote = false;
  for (const ch of raw) {
    if (ch === '"') {
      if (wasQuote) out += '"';
      wasQuote = inQuote ? !wasQuote : false;
      inQuote = !inQuote;
    } else {
      out += ch;
      wasQuote = false;
    }
  }
  return out;
}

function checkAuthLines(lines: readonly AuthLine[], files: readonly SourceFile[]): void {
  const known = new Set(files);
  const lastEnd = new Map<SourceFile, number>();
  const seenStarts = new Map<SourceFile, Set<number>>();
  for (const l of lines) {
    ok(known.has(l.file), 'line of an unknown file');
    within(l.file, l.start, l.end, `auth line ${l.line}`);
    // Lines of one file come in order and do not overlap (a file included twice is read again from its start).
    const seen = seenStarts.get(l.file) ?? new Set<number>();
    seenStarts.set(l.file, seen);
    if (!seen.has(l.start)) ok(l.start >= (lastEnd.get(l.file) ?? 0), `line ${l.line} overlaps the previous one`);
    seen.add(l.start);
    lastEnd.set(l.file, l.end);
    if (l.error) within(l.error.file, l.error.start, l.error.end, `error of line ${l.line}`);
    let prev = l.start;
    for (const field of l.fields) {
      for (const t of field.tokens) {
        within(t.file, t.start, t.end, 'token');
        ok(t.raw === t.file.text.slice(t.start, t.end), 'raw is not the slice');
        ok(known.has(t.file), 'token of an unknown file');
        // The token as written on the line: itself, or the `@file` reference it was read through.
        let root = t;
        while (root.via) root = root.via;
        // (A token read through a nested `@file` points at the innermost reference only.)
        if (root === t || (root.file === l.file && root.start >= prev)) {
          ok(root.file === l.file && root.start >= prev && root.end <= l.end, `token ${JSON.stringify(root.raw)} outside its line or out of order`);
          // Between tokens: blanks, commas, and `@file` references that gave no tokens.
          const gap = l.file.text.slice(prev, root.start);
          if (!gap.includes('\n')) ok(/^[ \t\r,]*$/.test(gap.replace(/@[^ \t\r,]*/g, '')), `gap ${JSON.stringify(gap)} between tokens`);
          prev = root.end;
        }
        if (!t.raw.includes('\n')) {
          ok(t.text === dequote(t.raw), `text ${JSON.stringify(t.text)} of token ${JSON.stringify(t.raw)}`);
          ok(t.quoted === t.raw.startsWith('"'), `quoted flag of ${JSON.stringify(t.raw)}`);
        }
      }
    }
  }
}

function checkTokenized(tok: TokenizedAuthFile, main: SourceFile): void {
  expect(tok.files[0]).toBe(main);
  for (const f of tok.files) {
    // One reading of each file: a file included more than once contributes its lines again.
    const once = new Map<number, AuthLine>();
    for (const l of tok.lines) if (l.file === f && !once.has(l.start)) once.set(l.start, l);
    expect(printAuthFile(f, [...once.values()].sort((a, b) => a.start - b.start))).toBe(f.text);
  }
  checkAuthLines(tok.lines, tok.files);
  for (const inc of tok.includes) within(inc.file, inc.start, inc.end, `include at line ${inc.line}`);
}

function authFiles(main: string, mainText: Buffer | string, side: Record<string, string>): Map<string, SourceFile> {
  const m = new Map<string, SourceFile>();
  m.set(main, createSourceFile(posix.relative('/data', main), main, mainText));
  for (const [k, v] of Object.entries(side)) m.set(`/data/${k}`, createSourceFile(k, `/data/${k}`, v));
  m.set('/data/conf.d/a.conf', createSourceFile('conf.d/a.conf', '/data/conf.d/a.conf', 'local all all trust\n'));
  return m;
}

function checkHba(bytes: Buffer | string, major: Major, side: Record<string, string>): void {
  const files = authFiles('/data/pg_hba.conf', bytes, side);
  const main = files.get('/data/pg_hba.conf')!;
  const io = memIO(files);
  checkTokenized(tokenizeAuthFile(main, major, io), main);
  const hba = parsePgHba(main, major, io);
  checkAuthLines(hba.lines, hba.files);
  for (const l of hba.lines) if (l.problem) within(l.problem.file, l.problem.start, l.problem.end, `problem of line ${l.line}`);
  const rows = hbaFileRules(hba, major);
  expect(Array.isArray(rows)).toBe(true);
}

function checkIdent(bytes: Buffer | string, major: Major, side: Record<string, string>): void {
  const files = authFiles('/data/pg_ident.conf', bytes, side);
  const main = files.get('/data/pg_ident.conf')!;
  const io = memIO(files);
  checkTokenized(tokenizeAuthFile(main, major, io), main);
  const ident = parsePgIdent(main, major, io);
  checkAuthLines(ident.lines, ident.files);
  for (const l of ident.lines) if (l.problem) within(l.problem.file, l.problem.start, l.problem.end, `problem of line ${l.line}`);
  expect(Array.isArray(identFileMappings(ident, major))).toBe(true);
}

/** The whole pipeline on an in-memory repository: every finding lies inside a file that was read. */
function checkLint(files: Map<string, Buffer>, major: Major): void {
  const host = memHost(files);
  const r = lint(['.'], { host, pgVersion: major });
  expect(r.errors).toEqual([]);
  for (const p of host.reads) expect(isInside('/data', p)).toBe(true);
  for (const d of r.diagnostics) {
    const src = r.sources.get(d.loc.file);
    const unreadable = r.clusters.some((c) => c.unreadable.some((u) => u.path === d.loc.file));
    if (!src) {
      // Findings about a file that could not be read point at its start.
      expect(unreadable).toBe(true);
      expect([d.loc.start, d.loc.end]).toEqual([0, 0]);
      continue;
    }
    within(src, d.loc.start, d.loc.end, `${d.rule} finding "${d.message}"`);
    for (const rel of d.related ?? []) {
      const rs = r.sources.get(rel.loc.file);
      expect(rs).toBeDefined();
      within(rs!, rel.loc.start, rel.loc.end, `related location of ${d.rule}`);
    }
    expect(d.message.length).toBeGreaterThan(0);
  }
}

// ---- the properties

describe('postgresql.conf parser', () => {
  test('arbitrary bytes: no throw, lossless, ranges inside the file', () => {
    fc.assert(fc.property(bytesArb, (b) => checkConf(parsePostgresqlConf(createSourceFile('postgresql.conf', '/data/postgresql.conf', b)))), params());
  });
  test('arbitrary strings (UTF-16 units, incl. lone surrogates)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => checkConf(parsePostgresqlConf(createSourceFile('postgresql.conf', '/data/postgresql.conf', s)))), params());
  });
  test('grammar-shaped files', () => {
    fc.assert(fc.property(confText, (s) => checkConf(parsePostgresqlConf(createSourceFile('postgresql.conf', '/data/postgresql.conf', s)))), params());
  });
});

describe('pg_hba.conf and pg_ident.conf tokenizer and parsers', () => {
  const majorArb = fc.constantFrom(...MAJORS);
  test('arbitrary bytes, every major profile', () => {
    fc.assert(fc.property(bytesArb, majorArb, (b, major) => {
      checkHba(b, major, {});
      checkIdent(b, major, {});
    }), params());
  });
  test('grammar-shaped pg_hba.conf with includes and @files', () => {
    fc.assert(fc.property(hbaText, majorArb, sideFiles, (s, major, side) => checkHba(s, major, { dbs: side.dbs, users: side.users, 'other.conf': side.other, 'self.conf': side.self })), params());
  });
  test('grammar-shaped pg_ident.conf', () => {
    fc.assert(fc.property(identText, majorArb, (s, major) => checkIdent(s, major, { users: 'bob\n', 'other.conf': 'm bob bob\n' })), params());
  });
});

describe('the whole pipeline on in-memory repositories', () => {
  const repo = fc.record({
    conf: fc.oneof(confText.map((s) => Buffer.from(s)), bytesArb),
    sub: confText.map((s) => Buffer.from(s)),
    hba: fc.oneof(hbaText.map((s) => Buffer.from(s)), bytesArb),
    ident: identText.map((s) => Buffer.from(s)),
    major: fc.constantFrom(...MAJORS),
  });
  test('findings lie inside the files they name, nothing outside /data is read', () => {
    fc.assert(
      fc.property(repo, ({ conf, sub, hba, ident, major }) => {
        const files = new Map<string, Buffer>([
          ['/data/postgresql.conf', Buffer.concat([conf, Buffer.from("\ninclude 'sub.conf'\ninclude_dir 'conf.d'\ninclude_if_exists '../../etc/passwd'\n")])],
          ['/data/sub.conf', sub],
          ['/data/conf.d/x.conf', sub],
          ['/data/pg_hba.conf', hba],
          ['/data/pg_ident.conf', ident],
          ['/data/other.conf', hba],
        ]);
        checkLint(files, major);
      }),
      params(Math.max(50, Math.floor(RUNS / 3))),
    );
  });
});

describe('degenerate inputs end, linearly', () => {
  // Inputs that make backtracking regexes or quadratic loops blow up; each must finish within the test timeout.
  const big = 200_000;
  const cases: [string, string][] = [
    ['quotes', "x = '" + "''".repeat(big / 2)],
    ['backslashes', "x = '" + '\\'.repeat(big)],
    ['escapes', "x = '" + '\\1'.repeat(big / 2) + "'"],
    ['spaces', 'x' + ' '.repeat(big) + '= 1'],
    ['equals', 'x ' + '='.repeat(big)],
    ['digits', 'x = ' + '9'.repeat(big) + 'kB'],
    ['dots', 'x = ' + '1.'.repeat(big / 2)],
    ['name', 'a'.repeat(big) + ' = 1'],
    ['qualified', 'a.'.repeat(big / 2) + 'b = 1'],
    ['hash', '#'.repeat(big)],
    ['cr', '\r'.repeat(big)],
    ['hba commas', 'host ' + ','.repeat(big) + ' all 0/0 trust'],
    ['hba quotes', 'host "' + '""'.repeat(big / 2) + '" all all trust'],
    ['hba continuation', 'host all all \\\n'.repeat(big / 16)],
    ['hba regex', 'host /' + '(a*)*'.repeat(big / 10) + ' all all trust'],
    ['hba address', 'host all all ' + '1.'.repeat(big / 2) + ' trust'],
    ['hba ipv6', 'host all all ' + ':'.repeat(big) + ' trust'],
  ];
  // No timing assertion (speed is measured by scripts/bench): a quadratic path on 200,000
  // characters takes many minutes, so the test's timeout is what catches one.
  test.each(cases)(
    '%s',
    (_name, text) => {
      checkConf(parsePostgresqlConf(createSourceFile('postgresql.conf', '/data/postgresql.conf', text)));
      for (const major of [10, 16] as const) checkHba(text, major, {});
      checkLint(new Map([['/data/postgresql.conf', Buffer.from(text)], ['/data/pg_hba.conf', Buffer.from(text)]]), 16);
    },
    60_000,
  );
});

describe('fan-out of includes and @file references is bounded', () => {
  test.each([13, 16] as const)('an @file referencing itself on three lines ends (PostgreSQL %i)', (major) => {
    const files = new Map([
      ['/data/pg_hba.conf', createSourceFile('pg_hba.conf', '/data/pg_hba.conf', 'local all @self trust\n')],
      ['/data/self', createSourceFile('self', '/data/self', '@self\n@self\n@self\n')],
    ]);
    const hba = parsePgHba(files.get('/data/pg_hba.conf')!, major, memIO(files));
    // 16+: the depth limit; ≤15 has none (the server recurses until it crashes): 3^100 files without our bound.
    expect(hba.lines[0]!.problem?.message).toMatch(/maximum nesting depth exceeded|more than 10000 files opened|nesting too deep/);
  });

  test('postgresql.conf files that include the next one twenty times, ten levels deep, end with a finding', () => {
    const files = new Map<string, Buffer>([['/data/postgresql.conf', Buffer.from("include 'd1.conf'\n")]]);
    for (let i = 1; i <= 10; i++) files.set(`/data/d${i}.conf`, Buffer.from(`include 'd${i + 1}.conf'\n`.repeat(20)));
    files.set('/data/d11.conf', Buffer.from('port = 5432\n'));
    const r = lint(['postgresql.conf'], { host: memHost(files), pgVersion: 16 });
    expect(r.diagnostics.filter((d) => /more than 10000 includes in all/.test(d.message))).toHaveLength(1);
  });
});
