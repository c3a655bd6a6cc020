import type { AuthLine, AuthToken } from '../parse/auth-tokens.js';
import type { HbaFile } from '../parse/pg-hba.js';
import type { IdentFile, IdentLine } from '../parse/pg-ident.js';
import type { Loc } from '../types.js';
import { tokenLoc } from './hba.js';
import { findPlaceholder } from './template.js';

/*
 * User name maps across pg_hba.conf and pg_ident.conf: which maps pg_ident.conf defines and which
 * ones pg_hba.conf records name in `map=`. check_ident_usermap (hba.c) compares the map names with
 * strcmp: exactly, case included, and always (krb_caseins_users only affects the user names).
 */

/**
 * Every file of the set was read: no `include_if_exists` skipped for a missing file and no line
 * with a tokenization error (an include or `@file` that could not be read, a line too long). When
 * one is missing here, a map (or a record naming one) may be in it: the map rules stay silent.
 */
export function authSetComplete(f: { lines: readonly AuthLine[]; includes: readonly { skipped: boolean }[] }): boolean {
  return f.includes.every((i) => !i.skipped) && f.lines.every((l) => l.error === null);
}

export interface IdentMap {
  name: string;
  /** The map-name token of its first line. */
  first: AuthToken;
  /** Its lines PostgreSQL accepts, in file order (includes expanded). */
  lines: IdentLine[];
}

/** The maps defined by the lines PostgreSQL accepts, in order of first appearance. */
export function identMaps(ident: IdentFile): Map<string, IdentMap> {
  const out = new Map<string, IdentMap>();
  for (const l of ident.lines) {
    const r = l.record;
    if (r === null) continue;
    const name = r.mapName.text;
    const m = out.get(name);
    if (m) m.lines.push(l);
    else out.set(name, { name, first: r.mapName, lines: [l] });
  }
  return out;
}

/**
 * Every map name pg_ident.conf defines, at its first definition. A line PostgreSQL rejects (a
 * missing field, a bad regular expression) still names the map its author meant: that line is
 * syntax-error's finding, and a record naming the map is not a second problem.
 */
export function definedIdentMaps(ident: IdentFile): Map<string, Loc> {
  const out = new Map<string, Loc>();
  for (const l of ident.lines) {
    const t = l.record?.mapName ?? (l.error === null ? l.fields[0]?.tokens[0] : undefined);
    if (t && !out.has(t.text)) out.set(t.text, tokenLoc(t));
  }
  return out;
}

/**
 * The map names pg_hba.conf records give in `map=`, also on records PostgreSQL rejects (a map on
 * a method that takes none is hba-invalid-record's finding, and it shows the map is meant to be
 * used). Null when a map name holds a template placeholder: it may name any map.
 */
export function hbaMapNames(hba: HbaFile): Set<string> | null {
  const out = new Set<string>();
  for (const l of hba.lines) {
    const values = l.record
      ? l.record.options.filter((o) => o.name === 'map').map((o) => o.value)
      : l.fields.flatMap((f) => f.tokens.filter((t) => t.text.startsWith('map=')).map((t) => t.text.slice(4)));
    for (const v of values) {
      if (findPlaceholder(v)) return null;
      out.add(v);
    }
  }
  return out;
}
