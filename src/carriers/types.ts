import type { Major } from '../catalog/types.js';
import type { SourceFile } from '../source/source.js';
import type { FileKind, Loc } from '../types.js';
import type { OriginMap, Span } from './origin.js';

/** The file kinds that are carriers (src/types.ts FileKind): read by a CarrierKit, never parsed as PostgreSQL files. */
export const CARRIER_KINDS: readonly FileKind[] = ['patroni', 'cloudnativepg', 'container'];

export const isCarrierKind = (k: FileKind): boolean => CARRIER_KINDS.includes(k);

/** The kinds of the files a carrier synthesizes (the existing parsers read them unchanged). */
export type SynthKind = 'postgresql.conf' | 'pg_hba.conf' | 'pg_ident.conf';

/** A synthesized file: what the carrier makes PostgreSQL read, with where each part comes from. */
export interface SynthFile {
  kind: SynthKind;
  text: string;
  origin: OriginMap;
}

/** A Patroni parameter value that Patroni does not write as given (rules/patroni-*.ts). */
export interface PatroniParameterEvent {
  name: string;
  /** The value as the file writes it. */
  value: string;
  /** The key and value in the carrier file. */
  loc: Loc;
  /** Where it is written: `postgresql.parameters`, `bootstrap.dcs.postgresql.parameters`, `postgresql.parameters_primary`, … */
  section: string;
  /**
   * Why: `dcs-only` (a local value of a parameter Patroni takes only from the DCS), `listen` / `scope`
   * (listen_addresses and port come from postgresql.listen, cluster_name from scope), `always-on`
   * (hot_standby), `validator` (a DCS value that fails Patroni's check).
   */
  why: 'dcs-only' | 'listen' | 'scope' | 'always-on' | 'validator';
  /** What Patroni writes instead, when it writes something (its default, or the value from listen/scope). */
  replacement?: string;
  /** Patroni's check, in words (`an integer of at least 25`), for `validator`. */
  check?: string;
}

/** What a Patroni file showed beyond the synthesized files, for the Patroni rules. */
export interface PatroniFacts {
  ignored: PatroniParameterEvent[];
  replaced: PatroniParameterEvent[];
}

/** A CloudNativePG manifest's parameter that the operator fixes or refuses (rules/cnpg-fixed-parameter.ts). */
export interface CnpgFixedEvent {
  /** The key as the manifest writes it. */
  name: string;
  /** The value as the manifest writes it. */
  value: string;
  /** The key and value in the manifest. */
  loc: Loc;
  /** FixedConfigurationParameters' class: `fixed` (the operator manages it) or `blocked` (must keep its default). */
  class: 'fixed' | 'blocked';
  /** What the operator writes instead, or undefined when it writes nothing (PostgreSQL's default applies). */
  runsWith?: string;
  /** Whether the validating webhook refuses the Cluster for it (the value differs from the operator's). */
  webhookRejects: boolean;
}

/** One cluster a carrier file describes. */
export interface CarrierCluster {
  /** Told apart from the file's other clusters (`replica`), when the file describes several. */
  label?: string;
  files: SynthFile[];
  /** The major the carrier itself names (a bin_dir such as /usr/lib/postgresql/16/bin), with where. */
  major?: { major: Major; from: string };
  /** Evidence of physical failover the carrier shows (Patroni's use_pg_rewind), located in the carrier. */
  failover?: { what: string; loc: Loc }[];
  patroni?: PatroniFacts;
  /** CloudNativePG: the manifest's parameters the operator fixes or refuses. */
  cnpg?: { fixed: CnpgFixedEvent[] };
  /** Data checksums the carrier shows on (initdb --data-checksums in a container's POSTGRES_INITDB_ARGS), located. */
  dataChecksums?: { what: string; loc: Loc };
}

export interface CarrierComment {
  start: number;
  text: string;
}

export type CarrierRead =
  | { ok: true; clusters: CarrierCluster[]; comments: CarrierComment[] }
  /** The file could not be read as its carrier (bad YAML, a refused tag, a limit): one located error. */
  | { ok: false; error: string; at: number };

/**
 * What a carrier reader is given: the file, and how to choose the target major once the reader knows
 * which major the file itself names (the flag and the config come first; see pickMajor in
 * src/resolve/cluster.ts).
 */
export interface CarrierContext {
  file: SourceFile;
  kind: FileKind;
  pickMajor(own: { major: Major; from: string } | undefined): Major;
  /** A major named by a path, as discovery reads it from directories (src/resolve/discover.ts majorFromPath). */
  majorFromPath(path: string): Major | undefined;
}

/**
 * The carrier readers, loaded on demand (src/carriers/load.ts): the front ends `await loadCarriers()`
 * when discovery finds a carrier file and hand the kit to lint() in LintOptions.carriers.
 */
export interface CarrierKit {
  read(ctx: CarrierContext): CarrierRead;
}

export type { Span };
