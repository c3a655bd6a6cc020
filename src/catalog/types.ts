// The majors are the whole project's vocabulary (src/types.ts): parse/ uses them without the catalog.
import type { Major } from '../types.js';
export { SUPPORTED_MAJORS, NEWEST_MAJOR, type Major } from '../types.js';

export type GucType = 'bool' | 'integer' | 'real' | 'string' | 'enum';
export type GucContext =
  | 'internal'
  | 'postmaster'
  | 'sighup'
  | 'superuser-backend'
  | 'backend'
  | 'superuser'
  | 'user';

/** One parameter as a given major knows it. Generated from real servers by scripts/gen-catalog.mjs. */
export interface GucDef {
  /** Canonical spelling (pg_settings.name), e.g. "DateStyle". */
  name: string;
  type: GucType;
  /** pg_settings.unit: "B", "kB", "MB", "8kB", "ms", "s", "min", or null. */
  unit: string | null;
  context: GucContext;
  category: string;
  /** pg_settings.boot_val (compiled-in default, base units, as PostgreSQL prints it). */
  boot: string;
  min: number | null;
  max: number | null;
  /** Listed enum values (pg_settings.enumvals), canonical spelling. */
  enumValues: string[];
  /**
   * Spellings whose value `postgres -C` prints differently (hidden aliases such as
   * wal_level=hot_standby, and listed ones such as wal_compression=on -> pglz), lower-cased input -> printed value.
   */
  enumAliases: Record<string, string>;
  /** GUC flags where known (PG15+ pg_settings_get_flags), e.g. NOT_IN_SAMPLE, NO_SHOW_ALL. */
  flags: string[];
  /** True when the parameter is not shown by pg_settings (found by probing with -C). */
  hidden: boolean;
  /** Cannot be set from a configuration file at all (PGC_INTERNAL, or PGC_S_OVERRIDE-forced). */
  notInFile: boolean;
  shortDesc: string;
}

export interface Catalog {
  major: Major;
  /** Full server version the catalog was generated from, e.g. "17.10". */
  version: string;
  /** Keyed by lower-cased name (guc_name_compare folds ASCII A-Z only). */
  params: ReadonlyMap<string, GucDef>;
  /** Old names still accepted (map_old_guc_names), lower-cased -> canonical new name. */
  oldNames: Readonly<Record<string, string>>;
}
