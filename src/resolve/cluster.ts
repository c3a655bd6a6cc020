import { dirname } from 'node:path';
import { foldName, loadCatalog, lookupFoldedParam, timezones } from '../catalog/catalog.js';
import type { Catalog, GucDef, Major } from '../catalog/types.js';
import { parseGucValue, type ValueResult } from '../catalog/values.js';
import type { ConfFile, SettingLine } from '../parse/conf-ast.js';
import { parsePostgresqlConf, sameSpelling } from '../parse/postgresql-conf.js';
import { parsePgHba, type AuthFileIO, type HbaFile } from '../parse/pg-hba.js';
import { parsePgIdent, type IdentFile } from '../parse/pg-ident.js';
import { readPgbouncer, type PgbouncerConfig } from '../parse/pgbouncer.js';
import { createSourceFile, type SourceFile } from '../source/source.js';
import type { FileKind, Loc } from '../types.js';
import type { SynthOrigin } from '../carriers/origin.js';
import { isCarrierKind, type CarrierCluster, type CarrierComment, type CarrierKit } from '../carriers/types.js';
import { majorFromPath } from './discover.js';
import { readConfSet, type ConfProblem, type ConfSet } from './conf-files.js';
import type { Host } from './host.js';
import { hashName, NameIndex, nameScan, scanName, type NameLookup } from './name-index.js';

export interface ClusterFile {
  kind: FileKind;
  abs: string;
}

export interface ClusterInput {
  /** Name given in the config's `clusters:` (else the cluster is its directory). */
  name?: string;
  /** Absolute directory the cluster lives in (for display and PG_VERSION lookup). */
  dir: string;
  files: ClusterFile[];
  major: Major;
  /** Where the target major came from: flag, config, PG_VERSION, path, default, or the carrier file itself. */
  versionSource: 'flag' | 'config' | 'PG_VERSION' | 'path' | 'default' | 'carrier';
  /** A cluster a carrier file describes (expandCarriers): its files are synthesized from the carrier. */
  carrier?: CarrierInput;
  /** A carrier file that could not be read as its carrier: why, and where in the file. */
  carrierError?: { error: string; at: number };
}

/** A carrier file as read, and the cluster of it that this input stands for. */
export interface CarrierInput {
  kind: FileKind;
  file: SourceFile;
  cluster: CarrierCluster;
  comments: CarrierComment[];
}

/**
 * What a resolved cluster keeps of its carrier: the carrier file, its synthesized files' origin maps
 * (by the synthesized file's display path), and what the carrier showed beyond them.
 */
export interface ResolvedCarrier extends CarrierInput {
  origins: Map<string, SynthOrigin>;
  /** Evidence of physical failover, located in the carrier (rules/rewind-not-ready.ts). */
  failover: { what: string; loc: Loc }[];
}

export type AssignmentStatus = 'ok' | 'invalid' | 'unknown' | 'placeholder';

export interface Assignment {
  /** 1-based position in PostgreSQL's processing order (pg_file_settings.seqno). */
  readonly seqno: number;
  readonly file: SourceFile;
  readonly line: SettingLine;
  /** Lower-cased canonical name (old aliases mapped), the key of `effective`. */
  readonly key: string;
  readonly def?: GucDef;
  readonly status: AssignmentStatus;
  readonly value?: ValueResult;
  /**
   * PostgreSQL's message for a rejected value (status 'invalid'), else null. Null for an unknown
   * name too: its message is built on demand by assignmentError() (a file of a million unknown
   * names would otherwise keep a million messages alive).
   */
  readonly error: string | null;
  /** pg_file_settings.applied: not rejected and not overridden by a later identically spelled entry. */
  readonly applied: boolean;
  /**
   * Overridden by a later entry spelled identically (strcmp): PostgreSQL skips such an entry
   * entirely, so even an invalid value in it is never reported.
   */
  readonly ignored: boolean;
  /** The later assignment of the same parameter that wins over this one. */
  readonly overriddenBy?: Assignment;
}

const STATUSES: readonly AssignmentStatus[] = ['ok', 'invalid', 'unknown', 'placeholder'];
const OK = 0;
const INVALID = 1;
const UNKNOWN = 2;
const PLACEHOLDER = 3;
const APPLIED = 4;
const IGNORED = 8;
/** The name has an A-Z letter: a derived key is the name folded (without it, the name itself). */
const UPPER = 16;
/** The name is an old alias of its parameter (sort_mem for work_mem): its key is not the name folded. */
const ALIAS = 32;

/** The flags' share of AssignmentRecord.packed: seqno × FLAGS + bits. */
const FLAGS = 64;

/**
 * An Assignment as resolveCluster makes it: a million-line file makes a million of these, so it
 * keeps seven fields, not eleven. `status`, `applied` and `ignored` are bits of one small integer
 * that also holds `seqno` (seqno × 64 + bits: a small integer up to 16M assignments, an exact
 * number beyond), `error` is derived: the message of a rejected value (`value.message`) unless
 * the entry is ignored, and so is the key of a name that is no parameter's (a custom placeholder or
 * an unknown name: a million distinct names keep no million keys alive). Only this module changes
 * one, while resolving the cluster.
 */
class AssignmentRecord implements Assignment {
  // Declared, and set in the constructor only: a field initializer (or a parameter property)
  // would define every field once more, through a call, before the constructor sets it.
  declare readonly file: SourceFile;
  declare readonly line: SettingLine;
  /** The key of a known parameter (shared by its assignments); undefined for other names, whose key is derived. */
  declare private readonly known: string | undefined;
  declare readonly def: GucDef | undefined;
  declare value: ValueResult | undefined;
  declare overriddenBy: AssignmentRecord | undefined;
  declare private packed: number;

  constructor(seqno: number, file: SourceFile, line: SettingLine, known: string | undefined, def: GucDef | undefined, value: ValueResult | undefined, bits: number) {
    this.file = file;
    this.line = line;
    this.known = known;
    this.def = def;
    this.value = value;
    this.overriddenBy = undefined;
    this.packed = seqno * FLAGS + bits;
  }

  /** Lower-cased canonical name (old aliases mapped): a name that is no parameter's is folded when asked for. */
  get key(): string {
    if (this.known !== undefined) return this.known;
    const name = this.line.name;
    return ((this.packed % FLAGS) & UPPER) !== 0 ? foldName(name) : name;
  }

  /** 1-based position in PostgreSQL's processing order (pg_file_settings.seqno). */
  get seqno(): number {
    return Math.floor(this.packed / FLAGS);
  }

  /** The status (the low two bits: OK, INVALID, UNKNOWN, PLACEHOLDER), APPLIED, IGNORED, UPPER and ALIAS. */
  get bits(): number {
    return this.packed % FLAGS;
  }

  set bits(bits: number) {
    this.packed = this.packed - (this.packed % FLAGS) + bits;
  }

  // The getters below read the packed integer themselves (rules call them for every assignment,
  // mostly before they are optimized: one call each, not two).
  get status(): AssignmentStatus {
    return STATUSES[(this.packed % FLAGS) & 3]!;
  }

  get applied(): boolean {
    return ((this.packed % FLAGS) & APPLIED) !== 0;
  }

  get ignored(): boolean {
    return ((this.packed % FLAGS) & IGNORED) !== 0;
  }

  get error(): string | null {
    if (((this.packed % FLAGS) & (3 | IGNORED)) !== INVALID) return null;
    const v = this.value;
    return v !== undefined && !v.ok ? v.message : null;
  }

  /** Overridden by a later entry spelled identically: skipped, so neither applied nor in error. */
  ignore(): void {
    // bits = (bits & ~APPLIED) | IGNORED, on the packed integer (no getter and setter calls).
    const packed = this.packed;
    const bits = packed % FLAGS;
    this.packed = packed - bits + ((bits & ~APPLIED) | IGNORED);
  }
}

export interface ResolvedCluster {
  input: ClusterInput;
  catalog: Catalog;
  /** postgresql.conf (+ includes + auto.conf), when the cluster has one. */
  conf?: ConfSet;
  assignments: Assignment[];
  /** Syntax and include problems in PostgreSQL's order. */
  problems: ConfProblem[];
  /** Effective value per parameter (keyed by lower-cased name): the last assignment with a valid value. */
  effective: NameLookup<Assignment>;
  hba?: HbaFile;
  ident?: IdentFile;
  /** recovery.conf (≤11 it is read by the startup process with the same lexer). */
  recovery?: ConfFile;
  /**
   * Signal files found beside the configuration and read through the confined reader (their
   * existence is the fact; PostgreSQL never reads their content). One that could not be read is in
   * `unreadable` instead.
   */
  signals: { kind: 'standby.signal' | 'recovery.signal'; file: SourceFile }[];
  /** Files that could not be read at all (`at`: where in the file the problem is, when it has a place). */
  unreadable: { kind: FileKind; abs: string; path: string; error: string; at?: number }[];
  /** The carrier file this cluster is synthesized from, when it is. */
  carrier?: ResolvedCarrier;
  /** The pgbouncer.ini beside the configuration (and its auth_hba_file), read as pgbouncer reads them. */
  pgbouncer?: PgbouncerConfig;
  /** Every file read, by display path (for reporters). */
  sources: Map<string, SourceFile>;
}

/** PostgreSQL's message for a rejected assignment (an unknown name or a bad value), else null. */
export function assignmentError(a: Assignment): string | null {
  if (a.status === 'unknown') {
    return `unrecognized configuration parameter "${a.line.name}" in file "${a.file.path}" line ${a.line.line}`;
  }
  return a.error;
}

/**
 * Typed values repeat in a large file (the same parameters set to the same few values), so each
 * accepted (parameter, value, file encoding) is typed once per cluster and the result shared:
 * results are never mutated. Keyed by the definition object and the value string, so no key is
 * built per assignment. Rejected values are not kept: their message names the parameter as
 * spelled, and they are rare. Bounded, so that a file of a million distinct values does not also
 * fill a cache.
 */
const VALUE_MEMO_MAX = 10_000;

/**
 * What a name that is not two-part resolves to, found once per distinct name rather than per line: a
 * file sets the same few parameters over and over. Filed by the hash of the folded name (scanName's),
 * and checked against the text in place, so a repeated name costs no string. Bounded like the values.
 */
interface NameEntry {
  /** The name folded (A-Z only). */
  readonly folded: string;
  readonly def: GucDef | undefined;
  /** defKey(def), when there is a def. */
  readonly key: string | undefined;
  /** hashName(key ?? folded). */
  readonly hash: number;
}
const NAME_MEMO_MAX = 4096;

class ValueMemo {
  private readonly byEncoding = { utf8: new Map<GucDef, Map<string, ValueResult>>(), latin1: new Map<GucDef, Map<string, ValueResult>>() };
  private size = 0;
  private readonly names = new Map<number, NameEntry>();

  get(def: GucDef, input: string, encoding: SourceFile['encoding']): ValueResult | undefined {
    return this.byEncoding[encoding].get(def)?.get(input);
  }

  set(def: GucDef, input: string, encoding: SourceFile['encoding'], value: ValueResult): void {
    if (!value.ok || this.size >= VALUE_MEMO_MAX) return;
    const perDef = this.byEncoding[encoding];
    let values = perDef.get(def);
    if (values === undefined) perDef.set(def, (values = new Map()));
    values.set(input, value);
    this.size++;
  }

  /** The entry of the name text[start, end), whose folded form hashes to `hash` (`upper`: it has A-Z), if kept. */
  name(text: string, start: number, end: number, upper: boolean, hash: number): NameEntry | undefined {
    const e = this.names.get(hash);
    if (e === undefined || e.folded.length !== end - start) return undefined;
    const same = upper ? foldName(text.slice(start, end)) === e.folded : text.startsWith(e.folded, start);
    return same ? e : undefined;
  }

  /** Keeps `e` under `hash` (the folded name's), while there is room. */
  setName(hash: number, e: NameEntry): void {
    if (this.names.size < NAME_MEMO_MAX) this.names.set(hash, e);
  }
}

/**
 * One assignment, built as a single object of a fixed shape: a million-line file makes a million
 * of these, and intermediate objects or spreads (whose shapes vary) cost more than the parsing.
 * It is pushed onto `assignments` and filed with `overrides` as it is made.
 */
function assign(catalog: Catalog, file: SourceFile, line: SettingLine, assignments: AssignmentRecord[], memo: ValueMemo, overrides: Overrides): void {
  const seqno = assignments.length + 1;
  // The name is read in place (the line makes a new string each time it is asked for its name).
  scanName(file.text, line.nameStart, line.nameEnd);
  // A two-part name (QUALIFIED_ID) is never a built-in parameter nor an old alias: no catalog
  // lookup, and no string made. Unknown two-part names are custom placeholders: accepted without validation.
  if (nameScan.dotted) {
    const a = new AssignmentRecord(seqno, file, line, undefined, undefined, undefined, nameScan.upper ? PLACEHOLDER | APPLIED | UPPER : PLACEHOLDER | APPLIED);
    assignments.push(a);
    overrides.add(a, nameScan.hash, PLACEHOLDER);
    return;
  }
  // Names compare as guc_name_compare does (A-Z folded, nothing else); nameScan.hash is the folded name's.
  const upper = nameScan.upper;
  let entry = memo.name(file.text, line.nameStart, line.nameEnd, upper, nameScan.hash);
  if (entry === undefined) {
    const name = line.name;
    const folded = upper ? foldName(name) : name;
    const def = lookupFoldedParam(catalog, folded);
    const key = def === undefined ? undefined : defKey(def);
    // The key is the name as written, folded, unless the name is an old alias (sort_mem: work_mem).
    entry = { folded, def, key, hash: key === undefined || key === folded ? nameScan.hash : hashName(key) };
    memo.setName(nameScan.hash, entry);
  }
  const def = entry.def;
  if (def === undefined) {
    // An unknown name overrides nothing and is in no index.
    assignments.push(new AssignmentRecord(seqno, file, line, undefined, undefined, undefined, upper ? UNKNOWN | UPPER : UNKNOWN));
    return;
  }
  const input = line.value;
  let value = memo.get(def, input, file.encoding);
  if (value === undefined) {
    value = parseGucValue(def, input, catalog.major, { writtenName: line.name, timezones: timezones(catalog.major), encoding: file.encoding });
    memo.set(def, input, file.encoding, value);
  }
  const key = entry.key!;
  const spelling = (upper ? UPPER : 0) | (key === entry.folded ? 0 : ALIAS);
  const a = new AssignmentRecord(seqno, file, line, key, def, value, (value.ok ? OK | APPLIED : INVALID) | spelling);
  if (key === 'config_file') overrides.configFile.push(a);
  assignments.push(a);
  overrides.add(a, entry.hash, value.ok ? OK : INVALID);
}

/** def.name lower-cased, once per definition (DateStyle, TimeZone, … are mixed-case), not per assignment. */
const defKeys = new Map<GucDef, string>();
function defKey(def: GucDef): string {
  let key = defKeys.get(def);
  if (key === undefined) defKeys.set(def, (key = def.name.toLowerCase()));
  return key;
}

export function resolveCluster(outerHost: Host, input: ClusterInput, cache = new Map<string, ConfFile>()): ResolvedCluster {
  const catalog = loadCatalog(input.major);
  const sources = new Map<string, SourceFile>();
  const unreadable: ResolvedCluster['unreadable'] = [];
  // A carrier's cluster reads its synthesized files in place of files on disk; a carrier file left
  // unexpanded (no reader loaded, or not readable as its carrier) is reported, never skipped.
  const synth = input.carrier ? synthesize(outerHost, input.carrier) : undefined;
  const host = synth?.host ?? outerHost;
  const inputFiles = synth?.files ?? input.files.filter((f) => !isCarrierKind(f.kind));
  for (const f of input.files) {
    if (!isCarrierKind(f.kind) || input.carrier) continue;
    const r = outerHost.read(f.abs);
    const error = !r.ok ? r.error : input.carrierError ? input.carrierError.error : 'not read: the carrier readers were not loaded (a front end must await loadCarriers() and pass LintOptions.carriers)';
    if (r.ok) sources.set(r.file.path, r.file);
    unreadable.push({ kind: f.kind, abs: f.abs, path: outerHost.display(f.abs), error, ...(r.ok && input.carrierError ? { at: input.carrierError.at } : {}) });
  }
  if (input.carrier) sources.set(input.carrier.file.path, input.carrier.file);
  const main = inputFiles.find((f) => f.kind === 'postgresql.conf');
  const auto = inputFiles.find((f) => f.kind === 'postgresql.auto.conf');

  let conf: ConfSet | undefined;
  // Each top-level file is read once here and handed to readConfSet.
  const readTop = (f: ClusterFile | undefined): SourceFile | undefined => {
    if (!f) return undefined;
    const r = host.read(f.abs);
    if (r.ok) return r.file;
    unreadable.push({ kind: f.kind, abs: f.abs, path: host.display(f.abs), error: r.error });
    return undefined;
  };
  const mainFile = readTop(main);
  const autoFile = readTop(auto);
  if (mainFile || autoFile) {
    // postgresql.auto.conf is parsed after the main file and its includes, so it wins.
    const tops = [mainFile, autoFile].filter((f): f is SourceFile => f !== undefined);
    conf = readConfSet(host, tops, cache);
    for (const c of conf.files.values()) sources.set(c.file.path, c.file);
  }

  const assignments: AssignmentRecord[] = [];
  const problems: ConfProblem[] = [];
  const memo = new ValueMemo();
  // Lines in runs of settings: at least as many as the assignments.
  let runLines = 0;
  for (const item of conf?.items ?? []) if (item.kind === 'settings') runLines += item.to - item.from;
  const overrides = new Overrides(assignments, runLines);
  for (const item of conf?.items ?? []) {
    if (item.kind !== 'settings') {
      problems.push(item);
      continue;
    }
    const lines = item.conf.lines;
    for (let i = item.from; i < item.to; i++) {
      const line = lines[i]!;
      if (line.kind === 'setting') assign(catalog, item.file, line, assignments, memo, overrides);
    }
  }

  // config_file in a file is ignored: the server keeps (and -C prints) the file it was started with.
  const mainSrc = conf && main ? conf.files.get(main.abs)?.file : undefined;
  for (const a of overrides.configFile) {
    if (a.status !== 'ok') continue;
    const real = mainSrc?.path ?? a.file.path;
    a.value = { ok: true, value: real, canonical: real };
    a.bits &= ~APPLIED;
  }

  const effective = overrides.resolve();

  let recovery: ConfFile | undefined;
  const rec = inputFiles.find((f) => f.kind === 'recovery.conf');
  if (rec) {
    const r = host.read(rec.abs);
    if (r.ok) {
      recovery = parsePostgresqlConf(r.file);
      sources.set(r.file.path, r.file);
    } else unreadable.push({ kind: rec.kind, abs: rec.abs, path: host.display(rec.abs), error: r.error });
  }

  const signals: ResolvedCluster['signals'] = [];
  for (const f of inputFiles) {
    if (f.kind !== 'standby.signal' && f.kind !== 'recovery.signal') continue;
    // Read like every other file (only a regular file under the root, not under .git/, bounded),
    // so that a FIFO or a link out named standby.signal is reported, not opened.
    const r = host.read(f.abs);
    if (r.ok) {
      signals.push({ kind: f.kind, file: r.file });
      sources.set(r.file.path, r.file);
    } else unreadable.push({ kind: f.kind, abs: f.abs, path: host.display(f.abs), error: r.error });
  }

  const io = authIO(host);
  let hba: HbaFile | undefined;
  let ident: IdentFile | undefined;
  for (const f of inputFiles) {
    if (f.kind !== 'pg_hba.conf' && f.kind !== 'pg_ident.conf') continue;
    const r = host.read(f.abs);
    if (!r.ok) {
      unreadable.push({ kind: f.kind, abs: f.abs, path: host.display(f.abs), error: r.error });
      continue;
    }
    if (f.kind === 'pg_hba.conf') {
      hba = parsePgHba(r.file, input.major, io);
      for (const s of hba.files) sources.set(s.path, s);
    } else {
      ident = parsePgIdent(r.file, input.major, io);
      for (const s of ident.files) sources.set(s.path, s);
    }
  }

  let pgbouncer: PgbouncerConfig | undefined;
  const pgb = inputFiles.find((f) => f.kind === 'pgbouncer.ini');
  if (pgb) {
    const r = host.read(pgb.abs);
    if (!r.ok) unreadable.push({ kind: pgb.kind, abs: pgb.abs, path: host.display(pgb.abs), error: r.error });
    else {
      const { read, ...config } = readPgbouncer(r.file, io);
      pgbouncer = config;
      sources.set(r.file.path, r.file);
      for (const s of read) sources.set(s.path, s);
    }
  }
  // A pg_hba.conf that pgbouncer.ini names as its auth_hba_file, in a directory without a
  // postgresql.conf, is pgbouncer's: PostgreSQL's hba rules do not judge it (the pgbouncer-* rules do).
  if (hba && !conf && pgbouncer?.hba && hba.file.absPath === pgbouncer.hba.file.absPath) hba = undefined;

  // What reporters list are files of the repository: the carrier, not what was synthesized from it.
  if (synth) for (const p of synth.carrier.origins.keys()) sources.delete(p);
  return {
    input,
    catalog,
    ...(conf ? { conf } : {}),
    ...(hba ? { hba } : {}),
    ...(ident ? { ident } : {}),
    assignments,
    problems,
    effective,
    ...(recovery ? { recovery } : {}),
    signals,
    unreadable,
    sources,
    ...(synth ? { carrier: synth.carrier } : {}),
    ...(pgbouncer ? { pgbouncer } : {}),
  };
}

/**
 * A location in a cluster's synthesized files as a location in its carrier file (any other
 * location as it is): for code that reports positions outside lint(), such as the diff.
 */
export function carrierLoc(c: ResolvedCluster, loc: Loc): Loc {
  const o = c.carrier?.origins.get(loc.file);
  return o ? o.map.mapLoc(loc, o.carrier) : loc;
}

/** The name of a cluster in reports: its directory, or its carrier file (with the role it stands for). */
export function clusterName(host: Host, c: ResolvedCluster): string {
  if (!c.carrier) return host.display(c.input.dir);
  return c.carrier.cluster.label ? `${c.carrier.file.path} (${c.carrier.cluster.label})` : c.carrier.file.path;
}

/** The display path of a carrier's synthesized file: the carrier's path, then what it stands for. */
export function synthPath(carrierPath: string, kind: string, label?: string): string {
  return `${carrierPath}#${label ? `${label}:` : ''}${kind}`;
}

/**
 * A carrier's synthesized files as files of a host: a host that answers for them (and for nothing
 * else beside what the outer host answers), the cluster's files, and the origin maps by display path.
 */
function synthesize(outer: Host, c: CarrierInput): { host: Host; files: ClusterFile[]; carrier: ResolvedCarrier } {
  const byAbs = new Map<string, SourceFile>();
  const origins = new Map<string, SynthOrigin>();
  const files: ClusterFile[] = [];
  for (const f of c.cluster.files) {
    const path = synthPath(c.file.path, f.kind, c.cluster.label);
    const abs = synthPath(c.file.absPath, f.kind, c.cluster.label);
    byAbs.set(abs, createSourceFile(path, abs, f.text));
    origins.set(path, { carrier: c.file.path, carrierText: c.file.text, map: f.origin });
    files.push({ kind: f.kind, abs });
  }
  const host: Host = {
    ...outer,
    kind: (p) => (byAbs.has(p) ? 'file' : outer.kind(p)),
    allowed: (p) => byAbs.has(p) || outer.allowed(p),
    read: (p) => {
      const f = byAbs.get(p);
      return f ? { ok: true, file: f } : outer.read(p);
    },
    list: (p) => outer.list(p),
    display: (p) => byAbs.get(p)?.path ?? outer.display(p),
  };
  return { host, files, carrier: { ...c, origins, failover: c.cluster.failover ?? [] } };
}

/**
 * The clusters of carrier files, expanded: each carrier file (discovery gives it a cluster input of
 * its own) is read with the kit and yields one input per cluster it describes, with its target major
 * chosen in this order: the --pg-version flag, the config (pgVersion, overrides, clusters), the
 * carrier's own evidence (Patroni's bin_dir, then data_dir), a PG_VERSION file beside the carrier, a
 * version in the carrier's path, the newest major. Without a kit, or when the file cannot be read as
 * its carrier, the input stays as it is and resolveCluster reports the file as unreadable.
 */
export function expandCarriers(host: Host, inputs: readonly ClusterInput[], kit: CarrierKit | undefined): ClusterInput[] {
  const out: ClusterInput[] = [];
  for (const input of inputs) {
    const carrier = input.files.find((f) => isCarrierKind(f.kind));
    if (!carrier || !kit || input.carrier) {
      out.push(input);
      continue;
    }
    const r = host.read(carrier.abs);
    if (!r.ok) {
      out.push(input);
      continue;
    }
    const explicit = input.versionSource === 'flag' || input.versionSource === 'config';
    // Each cluster of the file on its own: a file may hold several (CloudNativePG Clusters of different majors).
    const read = kit.read({ file: r.file, kind: carrier.kind, majorFromPath, pickMajor: (own) => (!explicit && own ? own.major : input.major) });
    if (!read.ok) {
      out.push({ ...input, carrierError: { error: read.error, at: read.at } });
      continue;
    }
    for (const cluster of read.clusters) {
      out.push({
        ...input,
        ...(cluster.label ? { name: `${input.name ?? r.file.path} (${cluster.label})` } : {}),
        files: [carrier],
        major: !explicit && cluster.major ? cluster.major.major : input.major,
        versionSource: !explicit && cluster.major ? 'carrier' : input.versionSource,
        carrier: { kind: carrier.kind, file: r.file, cluster, comments: read.comments },
      });
    }
  }
  return out;
}

/** The key assignments are indexed by: the lower-cased name, old aliases mapped. */
const keyOf = (a: AssignmentRecord): string => a.key;

/**
 * Marks overridden assignments and finds the effective one per parameter.
 *
 * ProcessConfigFileInternal marks earlier entries of a known (or placeholder) parameter as ignored
 * when spelled identically (strcmp) and skips them when applying; the effective value is the last
 * valid assignment, names compared case-insensitively. In the usual file (each parameter always
 * spelled the same way, no invalid value) both are "the previous entry with the same key", found
 * by one probe of a NameIndex as each assignment is made (`add`); `resolve` then marks them.
 * Otherwise `resolve` runs the general passes. Either way O(n) expected.
 */
class Overrides {
  private readonly lastByKey: NameIndex<AssignmentRecord>;
  private simple = true;
  /** The assignments of config_file, which resolveCluster sets apart. */
  readonly configFile: AssignmentRecord[] = [];

  /** `assignments`: where the assignments are pushed as they are made; `expected`: about how many there will be. */
  constructor(
    private readonly assignments: readonly AssignmentRecord[],
    expected: number,
  ) {
    this.lastByKey = new NameIndex(assignments, keyOf, expected);
  }

  /** `a` (a known parameter's or a placeholder's) was just pushed onto the assignments; `hash` is hashName(a.key), `status` its status bits. */
  add(a: AssignmentRecord, hash: number, status: number): void {
    if (status === INVALID) this.simple = false;
    const before = this.lastByKey.put(this.assignments.length - 1, hash);
    if (before !== -1) {
      const prev = this.assignments[before]!;
      // The same key, and neither name has A-Z nor is an alias: both are spelled as the key is.
      if (((prev.bits | a.bits) & (UPPER | ALIAS)) !== 0 && !sameSpelling(prev.line, a.line)) this.simple = false;
      // Right if the file set stays simple; otherwise `resolve` starts over.
      prev.overriddenBy = a;
    }
  }

  /** Marks the overridden assignments (once all are added) and returns the effective ones by key. */
  resolve(): NameLookup<AssignmentRecord> {
    const assignments = this.assignments;
    if (this.simple) {
      // An indexed loop: this runs once per assignment, mostly before it is optimized.
      for (let i = 0; i < assignments.length; i++) {
        const a = assignments[i]!;
        if (a.overriddenBy !== undefined) a.ignore();
      }
      return this.lastByKey;
    }
    for (const a of assignments) a.overriddenBy = undefined;

    const lastBySpelling = new NameIndex(assignments, (a) => a.line.name, assignments.length);
    assignments.forEach((a, i) => {
      if (a.status === 'unknown') return;
      const before = lastBySpelling.put(i);
      if (before !== -1) {
        const prev = assignments[before]!;
        prev.ignore();
      }
    });

    const effective = new NameIndex(assignments, keyOf, assignments.length);
    assignments.forEach((a, i) => {
      if (a.status === 'unknown' || a.status === 'invalid') return;
      const before = effective.put(i);
      if (before !== -1) assignments[before]!.overriddenBy = a;
    });
    // An invalid entry overridden by a later valid one still has no effect: point at the winner.
    for (const a of assignments) {
      if (a.status !== 'invalid') continue;
      const winner = effective.get(a.key);
      if (winner && winner.seqno > a.seqno) a.overriddenBy = winner;
    }
    return effective;
  }
}

export function clusterDisplayDir(host: Host, input: ClusterInput): string {
  return host.display(input.dir || dirname(input.files[0]?.abs ?? host.cwd));
}

/** The hba/ident parsers' view of the file system: the host's, with its root enforced. */
export function authIO(host: Host): AuthFileIO {
  return {
    read: (p) => host.read(p),
    listDir: (p) => {
      const l = host.list(p);
      return l.ok ? { ok: true, entries: l.entries.map((e) => ({ name: e.name, isDirectory: e.isDir })) } : l;
    },
    allowed: (p) => host.allowed(p),
    refusal: (p) => host.refusal?.(p),
  };
}
