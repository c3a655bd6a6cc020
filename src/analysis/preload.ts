import { foldName } from '../catalog/catalog.js';
import { splitDirectoriesString } from '../catalog/hooks.js';
import type { GucDef } from '../catalog/types.js';
import { parseGucValue } from '../catalog/values.js';
import type { RuleContext } from '../linter/rule.js';
import type { SettingView } from '../linter/settings.js';
import type { Assignment } from '../resolve/cluster.js';
import type { Loc } from '../types.js';

/** The parameters whose libraries load_libraries (utils/init/miscinit.c) loads. */
export type PreloadParam = 'shared_preload_libraries' | 'session_preload_libraries' | 'local_preload_libraries';
export const PRELOAD_PARAMS: readonly PreloadParam[] = ['shared_preload_libraries', 'session_preload_libraries', 'local_preload_libraries'];

/**
 * The library a list element names, as a name to compare: the file name without its directory
 * (`$libdir/pgaudit`, `/usr/lib/postgresql/17/lib/pgaudit.so`) and without a platform suffix
 * (.so, .dylib, .dll: load_file finds `pgaudit` and `pgaudit.so` alike), lower-cased (a file
 * system that ignores case loads `PGAudit`; one that does not refuses to start, so the server
 * never runs without the library either way).
 */
export function libraryName(element: string): string {
  const trimmed = element.replace(/[/\\]+$/, '');
  const base = trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
  return base.replace(/\.(?:so|dylib|dll)$/i, '').toLowerCase();
}

/** One *_preload_libraries list as the server reads it. */
export interface PreloadList {
  param: PreloadParam;
  setting: SettingView;
  /**
   * The elements as load_libraries splits them (SplitDirectoriesString: quoted names, blanks
   * around names trimmed); null when the list has a syntax error: the server then loads none of
   * them (invalid-value reports it).
   */
  elements: string[] | null;
  /** libraryName() of each element. */
  names: string[];
}

/** The list `param` of the cluster (its target major's default when no file sets it). */
export function preloadList(ctx: RuleContext, param: PreloadParam): PreloadList | undefined {
  const setting = ctx.setting(param);
  if (!setting) return undefined;
  const elements = splitDirectoriesString(String(setting.value));
  return { param, setting, elements, names: elements?.map(libraryName) ?? [] };
}

/** The first of `libs` (library names, lower case) that the list loads, if any. */
export function listLoads(list: PreloadList | undefined, ...libs: string[]): string | undefined {
  return list ? libs.find((l) => list.names.includes(l)) : undefined;
}

/** The postgresql.conf line that sets the list to its current libraries plus `lib`. */
export function lineAdding(list: PreloadList, lib: string): string {
  const current = (list.elements ?? []).map((e) => (/^[^",]*$/.test(e) && e.trim() === e ? e : `"${e.replace(/"/g, '""')}"`));
  return `${list.param} = '${[...current, lib].join(', ').replace(/'/g, "''")}'`;
}

/**
 * A custom parameter (a two-part name such as pgaudit.log, a placeholder until its library
 * defines it): the assignment that wins in the files, or undefined when no file sets it.
 * The catalog does not know these parameters, so ctx.setting() cannot return them.
 */
export function customSetting(ctx: RuleContext, name: string): { value: string; raw: string; loc: Loc; assignment: Assignment } | undefined {
  const a = ctx.cluster.effective.get(foldName(name));
  if (!a || a.status !== 'placeholder') return undefined;
  const v = a.line;
  return { value: v.value, raw: v.raw, loc: { file: a.file.path, start: v.valueStart, end: v.valueEnd }, assignment: a };
}

/**
 * A custom integer parameter in milliseconds (GUC_UNIT_MS, from 0 to `max`) as its library reads
 * it when it defines the parameter: units (`1s`) accepted as for built-in parameters; a value it
 * rejects only draws a WARNING and leaves the default, 0. Undefined when no file sets it.
 */
export function customMilliseconds(
  ctx: RuleContext,
  name: string,
  max: number,
): { ms: number; rejected: string | null; raw: string; loc: Loc } | undefined {
  const s = customSetting(ctx, name);
  if (!s) return undefined;
  const def: GucDef = {
    name,
    type: 'integer',
    unit: 'ms',
    context: 'sighup',
    category: '',
    boot: '0',
    min: 0,
    max,
    enumValues: [],
    enumAliases: {},
    flags: [],
    hidden: false,
    notInFile: false,
    shortDesc: '',
  };
  const r = parseGucValue(def, s.value, ctx.major);
  return r.ok ? { ms: Number(r.value), rejected: null, raw: s.raw, loc: s.loc } : { ms: 0, rejected: r.message, raw: s.raw, loc: s.loc };
}
