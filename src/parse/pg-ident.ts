import type { Major } from '../types.js';
import type { SourceFile } from '../source/source.js';
import { checkRegex, tokenizeAuthFile } from './auth-tokens.js';
import type { AuthError, AuthField, AuthFileIO, AuthInclude, AuthLine, AuthToken } from './auth-tokens.js';

export interface IdentUser {
  token: AuthToken;
  /** regex: leading `/` (pg-username only 16+); group/keyword: `+role` / `all` for pg-username, 16+. */
  kind: 'regex' | 'group' | 'keyword' | 'literal';
}

export interface IdentRecord {
  mapName: AuthToken;
  systemUser: IdentUser;
  pgUser: IdentUser;
  /**
   * PG-USERNAME contains `\1` but the system-user regex has no capture group: every
   * connection that reaches this line fails at match time (check_ident_usermap).
   */
  backrefWithoutGroup: boolean;
}

export interface IdentLine extends AuthLine {
  record: IdentRecord | null;
  /** The first problem, worded as the view's error column. */
  problem: AuthError | null;
}

export interface IdentFile {
  file: SourceFile;
  major: Major;
  lines: IdentLine[];
  includes: AuthInclude[];
  files: SourceFile[];
  /** load_ident: false when any line is rejected. */
  loads: boolean;
}

export function parsePgIdent(file: SourceFile, major: Major, io: AuthFileIO): IdentFile {
  const tok = tokenizeAuthFile(file, major, io);
  const lines = tok.lines.map((l) => parseIdentLine(l, major));
  return { file, major, lines, includes: tok.includes, files: tok.files, loads: lines.every((l) => l.problem === null) };
}

/** parse_ident_line */
export function parseIdentLine(line: AuthLine, major: Major): IdentLine {
  if (line.error) return { ...line, record: null, problem: line.error };
  const err = (message: string, at: { file: SourceFile; start: number; end: number }): IdentLine => ({
    ...line,
    record: null,
    problem: { message, file: at.file, start: at.start, end: at.end },
  });
  const single = (f: AuthField): AuthToken | null => (f.tokens.length > 1 ? null : f.tokens[0]!);
  const fields = line.fields;
  const multi = (f: AuthField): IdentLine => err('multiple values in ident field', f.tokens[1]!);
  const eol = { file: line.file, start: line.end, end: line.end };

  const map = single(fields[0]!);
  if (!map) return multi(fields[0]!);
  if (!fields[1]) return err('missing entry at end of line', eol);
  const sys = single(fields[1]);
  if (!sys) return multi(fields[1]);
  if (!fields[2]) return err('missing entry at end of line', eol);
  const pg = single(fields[2]);
  if (!pg) return multi(fields[2]);
  // Further fields are ignored.

  let groups = 0;
  const sysUser: IdentUser = { token: sys, kind: 'literal' };
  if (sys.text[0] === '/') {
    const r = checkRegex(sys.text.slice(1));
    if (r.error) return err(`invalid regular expression "${sys.text.slice(1)}": ${r.error}`, sys);
    sysUser.kind = 'regex';
    groups = r.groups;
  }
  const pgUser: IdentUser = { token: pg, kind: 'literal' };
  if (major >= 16) {
    if (pg.text[0] === '/') {
      const r = checkRegex(pg.text.slice(1));
      if (r.error) return err(`invalid regular expression "${pg.text.slice(1)}": ${r.error}`, pg);
      pgUser.kind = 'regex';
    } else if (!pg.quoted && pg.text[0] === '+') pgUser.kind = 'group';
    else if (!pg.quoted && pg.text === 'all') pgUser.kind = 'keyword';
  }
  const substitutes = pgUser.kind === 'literal' || pgUser.kind === 'keyword';
  const backrefWithoutGroup = sysUser.kind === 'regex' && substitutes && groups === 0 && pg.text.includes('\\1');
  return { ...line, record: { mapName: map, systemUser: sysUser, pgUser, backrefWithoutGroup }, problem: null };
}

export interface IdentMappingRow {
  /** 16+; null on error rows. */
  map_number?: number | null;
  /** 16+ */
  file_name?: string;
  line_number: number;
  map_name: string | null;
  sys_name: string | null;
  pg_username: string | null;
  error: string | null;
}

/** The rows of pg_ident_file_mappings (15+; computed the same way for older majors). */
export function identFileMappings(ident: IdentFile, major: Major = ident.major): IdentMappingRow[] {
  let n = 0;
  return ident.lines.map((l) => {
    const error = l.problem?.message ?? null;
    const r = l.record;
    const base = {
      line_number: l.line,
      map_name: r ? r.mapName.text : null,
      sys_name: r ? r.systemUser.token.text : null,
      pg_username: r ? r.pgUser.token.text : null,
      error,
    };
    if (major < 16) return base;
    if (error === null) n++;
    return { map_number: error === null ? n : null, file_name: l.file.absPath, ...base };
  });
}
