// A pgbouncer.ini and the files it names that pgbouncer reads beside PostgreSQL's own: its pg_hba
// subset (auth_hba_file, read only when auth_type = hba, as src/main.c load_config does at
// github.com/pgbouncer/pgbouncer commit 13a344f2625381296fc02e29b986a11be9c6b983) and the map names
// of auth_ident_file.
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { SourceFile } from '../source/source.js';
import type { AuthFileIO } from './auth-tokens.js';
import { parsePgbouncerHba, pgbouncerIdentMaps, type PgbouncerHba } from './pgbouncer-hba.js';
import { isTemplated, parsePgbouncerIni, pgbouncerSetting, type PgbouncerIni } from './pgbouncer-ini.js';

export interface PgbouncerConfig {
  ini: PgbouncerIni;
  /** auth_hba_file as pgbouncer reads it, when auth_type = hba and the file was found in the repository. */
  hba?: PgbouncerHba;
  /** auth_type = hba but auth_hba_file was not read: why (not set, outside the repository, not found). */
  hbaNotRead?: string;
}

/**
 * Where a path the ini names is in the repository. pgbouncer opens a relative path relative to its
 * working directory, which the repository cannot show; the usual layout ships the ini and its files
 * in one directory (/etc/pgbouncer/). So a relative path is taken relative to the ini's directory,
 * and an absolute one as the file of the same name beside the ini — only when that file exists.
 */
export function pgbouncerPath(ini: SourceFile, written: string, io: AuthFileIO): { abs: string } | { why: string } {
  if (written === '' || isTemplated(written)) return { why: written === '' ? 'auth_hba_file is not set' : 'auth_hba_file is a template' };
  const dir = dirname(ini.absPath);
  const abs = isAbsolute(written) ? join(dir, basename(written)) : join(dir, written);
  if (!io.allowed(abs)) return { why: `${written} is outside the repository` };
  const r = io.read(abs);
  if (!r.ok) return { why: r.missing ? `${written} is not in the repository beside ${basename(ini.path)}` : r.error };
  return { abs };
}

export function readPgbouncer(file: SourceFile, io: AuthFileIO): PgbouncerConfig & { read: SourceFile[] } {
  const ini = parsePgbouncerIni(file);
  const read: SourceFile[] = [];
  const authType = pgbouncerSetting(ini, 'auth_type');
  if (authType?.value.toLowerCase() !== 'hba') return { ini, read };
  const hbaPath = pgbouncerSetting(ini, 'auth_hba_file')!;
  const where = pgbouncerPath(file, hbaPath.value, io);
  if ('why' in where) return { ini, hbaNotRead: where.why, read };
  const r = io.read(where.abs);
  if (!r.ok) return { ini, hbaNotRead: r.error, read };
  read.push(r.file);
  // auth_ident_file: unset means pgbouncer has no maps (every map= line is refused); not found here
  // means the maps are unknown (map= lines are not judged).
  const identSetting = ini.settings.get('auth_ident_file');
  let identMaps: ReadonlySet<string> | 'none' | undefined = 'none';
  if (identSetting) {
    const at = pgbouncerPath(file, identSetting.value, io);
    const ir = 'abs' in at ? io.read(at.abs) : undefined;
    identMaps = ir?.ok ? pgbouncerIdentMaps(ir.file) : undefined;
    if (ir?.ok) read.push(ir.file);
  } else if (ini.includes.length) identMaps = undefined;
  return { ini, hba: parsePgbouncerHba(r.file, { io, identMaps }), read };
}

/** A host that only reaches this machine: a Unix-domain socket directory, localhost or a loopback address. */
export function isLocalHost(h: string): boolean {
  const x = h.trim().toLowerCase();
  return x === '' || x.startsWith('/') || x.startsWith('@') || x === 'localhost' || x === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(x);
}

/**
 * Where pgbouncer accepts TCP connections (src/pooler.c: listen_addr is a comma-separated list; `*`
 * is every address; empty is no TCP at all, only the Unix-domain socket): `none`, `loopback` (only
 * localhost or loopback addresses), `network` (the first address beyond them, as written), or
 * `unknown` (a template, or an `%include` may set it).
 */
export type PgbouncerListen = { kind: 'none' } | { kind: 'loopback' } | { kind: 'network'; address: string } | { kind: 'unknown' };

export function pgbouncerListen(ini: PgbouncerIni): PgbouncerListen {
  const s = pgbouncerSetting(ini, 'listen_addr')!;
  if (!s.certain || isTemplated(s.value)) return { kind: 'unknown' };
  const items = s.value.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (items.length === 0) return { kind: 'none' };
  const wide = items.find((x) => x.startsWith('/') || !isLocalHost(x));
  return wide ? { kind: 'network', address: wide } : { kind: 'loopback' };
}

/** Words for where pgbouncer listens. */
export function listenWords(l: PgbouncerListen): string {
  switch (l.kind) {
    case 'none':
      return 'its Unix-domain socket';
    case 'loopback':
      return 'this machine (listen_addr is loopback only)';
    case 'network':
      return l.address === '*' || l.address === '0.0.0.0' || l.address === '::' ? 'any network address (listen_addr = ' + l.address + ')' : `the network (listen_addr ${JSON.stringify(l.address.slice(0, 60))})`;
    default:
      return 'where it listens';
  }
}
