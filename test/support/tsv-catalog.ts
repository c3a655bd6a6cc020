import { readFileSync } from 'node:fs';
import type { GucContext, GucDef, GucType, Major } from '../../src/catalog/types.js';
import { testData } from './test-data.js';

/** test/data/guc: the reference pg_settings of each major (see test/data/README.md). */
const DIR = testData('guc');
const cache = new Map<Major, Map<string, GucDef>>();

/** GucDefs for one major built from the reference pg_settings TSV and the hidden-alias matrix. */
export function tsvCatalog(major: Major): Map<string, GucDef> {
  const hit = cache.get(major);
  if (hit) return hit;
  const aliases = new Map<string, Record<string, string>>();
  for (const line of readFileSync(`${DIR}/enum_hidden_aliases.tsv`, 'utf8').split('\n').slice(1)) {
    const [m, param, input, result] = line.split('\t');
    if (Number(m) !== major || !param) continue;
    const map = aliases.get(param) ?? {};
    map[input.toLowerCase()] = result;
    aliases.set(param, map);
  }
  const params = new Map<string, GucDef>();
  for (const line of readFileSync(`${DIR}/${major}.pg_settings.tsv`, 'utf8').split('\n').slice(1)) {
    const [name, vartype, unit, context, category, boot, , min, max, enumvals, flags, shortDesc] = line.split('\t');
    if (!name) continue;
    const listed = enumvals ? enumvals.split(',') : [];
    const hidden = Object.fromEntries(
      Object.entries(aliases.get(name) ?? {}).filter(([k]) => !listed.some((v) => v.toLowerCase() === k)),
    );
    params.set(name.toLowerCase(), {
      name,
      type: vartype as GucType,
      unit: unit || null,
      context: context as GucContext,
      category,
      boot,
      min: min === '' ? null : Number(min),
      max: max === '' ? null : Number(max),
      enumValues: listed,
      enumAliases: hidden,
      flags: flags ? flags.split(',') : [],
      hidden: false,
      notInFile: context === 'internal',
      shortDesc: shortDesc ?? '',
    });
  }
  cache.set(major, params);
  return params;
}

/** A parameter the server accepts but pg_settings does not show (found by probing with -C). */
export function hiddenDef(partial: Pick<GucDef, 'name' | 'type' | 'boot'> & Partial<GucDef>): GucDef {
  return {
    unit: null, context: 'user', category: '', min: null, max: null, enumValues: [], enumAliases: {},
    flags: [], hidden: true, notInFile: false, shortDesc: '', ...partial,
  };
}
