// A CloudNativePG `Cluster` manifest, emulated as the operator applies it. Everything here follows
// github.com/cloudnative-pg/cloudnative-pg at commit a95a534dbe0854495b863bbc1b7651f74d310916, cited
// as configuration.go = pkg/postgres/configuration.go, instance = pkg/management/postgres/configuration.go,
// webhook = internal/webhook/v1/cluster_webhook.go, funcs = api/v1/cluster_funcs.go,
// configfile.go = pkg/configfile/configfile.go.
import { loadCatalog, lookupParam } from '../catalog/catalog.js';
import { SUPPORTED_MAJORS, type Major } from '../catalog/types.js';
import { lineColumn } from '../source/source.js';
import type { Loc } from '../types.js';
import { SynthBuilder, type Span } from './origin.js';
import type { CarrierCluster, CarrierContext, CarrierRead, CnpgFixedEvent, SynthFile } from './types.js';
import type { YEntry, YNode, YScalar } from './yaml.js';

type ReadResult = Omit<Extract<CarrierRead, { ok: true }>, 'comments'> | Extract<CarrierRead, { ok: false }>;

/** configuration.go FixedConfigurationParameters: `fixed` (the operator manages it) or `blocked`. Keys compare exactly (a Go map). */
const FIXED: ReadonlyMap<string, 'fixed' | 'blocked'> = new Map([
  ...(['allow_system_table_mods', 'bonjour', 'bonjour_name', 'config_file', 'data_directory', 'data_sync_retry', 'event_source', 'external_pid_file', 'hba_file', 'hot_standby', 'ident_file', 'jit_provider', 'listen_addresses', 'logging_collector', 'unix_socket_directories', 'unix_socket_group', 'unix_socket_permissions', 'archive_cleanup_command', 'log_destination', 'log_directory', 'log_file_mode', 'log_filename', 'log_rotation_age', 'log_rotation_size', 'log_truncate_on_rotation', 'promote_trigger_file', 'recovery_end_command', 'recovery_min_apply_delay', 'restart_after_crash', 'stats_temp_directory', 'syslog_facility', 'syslog_ident', 'syslog_sequence_numbers', 'syslog_split_messages'] as const).map((k) => [k, 'blocked'] as const),
  ...(['archive_mode', 'cluster_name', 'port', 'primary_conninfo', 'primary_slot_name', 'recovery_target', 'recovery_target_action', 'recovery_target_inclusive', 'recovery_target_lsn', 'recovery_target_name', 'recovery_target_time', 'recovery_target_timeline', 'recovery_target_xid', 'restore_command', 'shared_preload_libraries', 'temp_tablespaces', 'archive_command', 'pg_failover_slots.primary_dsn', 'pg_failover_slots.standby_slot_names', 'ssl', 'ssl_ca_file', 'ssl_cert_file', 'ssl_crl_file', 'ssl_dh_params_file', 'ssl_key_file', 'ssl_passphrase_command', 'ssl_passphrase_command_supports_reload', 'ssl_prefer_server_ciphers', 'synchronous_standby_names', 'synchronized_standby_slots'] as const).map((k) => [k, 'fixed'] as const),
]);

/** configuration.go CnpgConfigurationSettings.GlobalDefaultSettings (no DefaultSettings per major at this commit). */
const DEFAULTS: readonly (readonly [string, string])[] = [
  ['archive_timeout', '5min'],
  ['dynamic_shared_memory_type', 'posix'],
  ['full_page_writes', 'on'],
  ['logging_collector', 'on'],
  ['log_destination', 'csvlog'],
  ['log_directory', '/controller/log'],
  ['log_filename', 'postgres'],
  ['log_rotation_age', '0'],
  ['log_rotation_size', '0'],
  ['log_truncate_on_rotation', 'false'],
  ['max_parallel_workers', '32'],
  ['max_worker_processes', '32'],
  ['max_replication_slots', '32'],
  ['shared_memory_type', 'mmap'],
  ['ssl_max_protocol_version', 'TLSv1.3'],
  ['ssl_min_protocol_version', 'TLSv1.3'],
  ['wal_keep_size', '512MB'],
  ['wal_level', 'logical'],
  ['wal_log_hints', 'on'],
  ['wal_sender_timeout', '5s'],
  ['wal_receiver_timeout', '5s'],
  ['shared_preload_libraries', ''],
];

/** configuration.go CnpgConfigurationSettings.MandatorySettings: written over the user's values (IncludingMandatory). */
const MANDATORY: readonly (readonly [string, string])[] = [
  ['archive_command', '/controller/manager wal-archive --log-destination /controller/log/postgres.json %p'],
  ['hot_standby', 'true'],
  ['listen_addresses', '*'],
  ['port', '5432'],
  ['restart_after_crash', 'false'],
  ['ssl', 'on'],
  ['ssl_cert_file', '/controller/certificates/server.crt'],
  ['ssl_key_file', '/controller/certificates/server.key'],
  ['ssl_ca_file', '/controller/certificates/client-ca.crt'],
  ['unix_socket_directories', '/controller/run'],
];

/** Blocked parameters that name files or directories of the instance: not written (they would point the server elsewhere). */
const BLOCKED_PATHS: ReadonlySet<string> = new Set(['config_file', 'data_directory', 'hba_file', 'ident_file', 'external_pid_file']);

/** configuration.go ManagedExtensions: a parameter in one of these namespaces preloads the library. */
const MANAGED_EXTENSIONS: readonly string[] = ['pgaudit', 'pg_stat_statements', 'auto_explain', 'pg_failover_slots'];

/** configuration.go hbaTemplateString's FIXED RULES, before the user's. */
const FIXED_HBA: readonly string[] = [
  'local all cnpg_metrics_exporter peer map=cnpg_metrics_exporter',
  'local all all peer map=local',
  'hostssl postgres streaming_replica all cert map=cnpg_streaming_replica',
  'hostssl replication streaming_replica all cert map=cnpg_streaming_replica',
  'hostssl all cnpg_pooler_pgbouncer all cert map=cnpg_pooler_pgbouncer',
];

/**
 * configuration.go identTemplateString's FIXED RULES; {{.Username}} is the instance's OS user
 * (instance generatePostgresqlIdent: getCurrentUserOrDefaultToInsecureMapping), `postgres` in the
 * operator's images.
 */
const FIXED_IDENT: readonly string[] = [
  'local postgres postgres',
  'cnpg_streaming_replica streaming_replica streaming_replica',
  'cnpg_pooler_pgbouncer cnpg_pooler_pgbouncer cnpg_pooler_pgbouncer',
  'cnpg_metrics_exporter postgres cnpg_metrics_exporter',
];

/** The value of `key` in a mapping: the last one (a repeated key keeps the last, as the YAML decoders do). */
export function yget(node: YNode | undefined, key: string): YEntry | undefined {
  if (node?.t !== 'map') return undefined;
  let found: YEntry | undefined;
  for (const e of node.entries) if (e.key === key) found = e;
  return found;
}

/** A scalar's string as a Kubernetes manifest means it: a string as it is, anything else as the file spells it. */
export function kstr(text: string, n: YNode | undefined): string | undefined {
  if (n?.t !== 'scalar' || n.value === null) return undefined;
  return typeof n.value === 'string' ? n.value : text.slice(n.start, n.end);
}

/** The major in an image tag (`16`, `16.4`, `18.6-system-trixie`, `16-alpine`), as version.FromTag reads its leading number. */
export function majorFromTag(tag: string | undefined): number | undefined {
  const m = tag ? /^(\d+)(?:[.\-_]|$)/.exec(tag) : null;
  return m ? Number(m[1]) : undefined;
}

/** An image reference's tag (reference.New: after the last `:` that follows the last `/`, before any digest). */
export function imageTag(image: string): string | undefined {
  const noDigest = image.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(colon + 1) : undefined;
}

export function readCnpg(ctx: CarrierContext, docs: YNode[]): ReadResult {
  const text = ctx.file.text;
  const file = ctx.file;
  const loc = (s: Span): Loc => ({ file: file.path, start: s.start, end: s.end });
  const lineOf = (offset: number): number => lineColumn(file, offset).line;
  const entrySpan = (e: YEntry): Span => ({ start: e.keyStart, end: Math.max(e.keyEnd, e.value.end) });
  const clusters: CarrierCluster[] = [];
  const manifests = docs.filter((d) => kstr(text, yget(d, 'apiVersion')?.value) === 'postgresql.cnpg.io/v1' && kstr(text, yget(d, 'kind')?.value) === 'Cluster');
  for (const doc of manifests) {
    const metadata = yget(doc, 'metadata')?.value;
    const name = kstr(text, yget(metadata, 'name')?.value) ?? '';
    const spec = yget(doc, 'spec')?.value;
    const pgEntry = yget(spec, 'postgresql');
    const pg = pgEntry?.value;
    const kindEntry = yget(doc, 'kind')!;
    // Where the operator's own lines point: spec.postgresql, else the document's kind.
    const anchor: Span = pgEntry ? { start: pgEntry.keyStart, end: pgEntry.keyEnd } : { start: kindEntry.keyStart, end: kindEntry.keyEnd };
    const paramsNode = yget(pg, 'parameters')?.value;
    if (paramsNode && paramsNode.t !== 'map' && !(paramsNode.t === 'scalar' && paramsNode.value === null)) {
      return { ok: false, error: 'spec.postgresql.parameters is not a mapping, so the API server refuses the Cluster', at: paramsNode.start };
    }

    // funcs GetPostgresqlMajorVersion: imageCatalogRef.major, else imageName's tag; without either the
    // operator's configured default image (the newest major unless the flag, config or path say otherwise).
    let own: { major: Major; from: string } | undefined;
    const catalogMajor = yget(yget(spec, 'imageCatalogRef')?.value, 'major')?.value;
    const imageName = kstr(text, yget(spec, 'imageName')?.value);
    const n = catalogMajor?.t === 'scalar' && typeof catalogMajor.value === 'number' ? catalogMajor.value : imageName ? majorFromTag(imageTag(imageName)) : undefined;
    if (n !== undefined && (SUPPORTED_MAJORS as readonly number[]).includes(n)) own = { major: n as Major, from: catalogMajor ? 'spec.imageCatalogRef.major' : 'spec.imageName' };
    const major = ctx.pickMajor(own);

    // The user's parameters, in file order (the last of a repeated key wins).
    const user = new Map<string, { entry: YEntry; value: string }>();
    for (const e of paramsNode?.t === 'map' ? paramsNode.entries : []) {
      const v = kstr(text, e.value) ?? '';
      user.delete(e.key);
      user.set(e.key, { entry: e, value: v });
    }
    const annotations = yget(metadata, 'annotations')?.value;
    const walArchivingOff = kstr(text, yget(annotations, 'cnpg.io/skipWalArchiving')?.value) === 'enabled';
    const isReplica = replicaCluster(text, spec, name);
    const archiveMode = walArchivingOff ? 'off' : isReplica ? 'always' : 'on';

    // configuration.go CreatePostgresqlConfiguration as the instance manager calls it on every
    // reconcile (instance createPostgresqlConfiguration with IncludingMandatory): the defaults, the
    // user's values except the fixed ones, the mandatory settings, archive_mode, cluster_name,
    // shared_preload_libraries, temp_tablespaces.
    const op = new Map<string, string>(DEFAULTS);
    for (const [k, v] of MANDATORY) op.set(k, v);
    if (major >= 17) op.set('allow_alter_system', truthyBool(yget(pg, 'enableAlterSystem')?.value) ? 'on' : 'off');
    op.set('archive_mode', archiveMode);
    if (name) op.set('cluster_name', name);
    // setManagedSharedPreloadLibraries, then setUserSharedPreloadLibraries: the manifest's
    // shared_preload_libraries first, then the managed ones, each once.
    const libs: string[] = [];
    const addLib = (l: string): void => {
      if (l !== '' && !libs.includes(l)) libs.push(l);
    };
    const extra = yget(pg, 'shared_preload_libraries');
    const extraItems = extra?.value.t === 'seq' ? extra.value.items.map((i) => kstr(text, i) ?? '') : [];
    for (const l of extraItems) addLib(l);
    for (const ext of MANAGED_EXTENSIONS) if ([...user.keys()].some((k) => k.startsWith(`${ext}.`))) addLib(ext);
    op.set('shared_preload_libraries', libs.join(','));
    const temp = tablespaces(text, spec);
    if (temp.length) op.set('temp_tablespaces', temp.join(','));
    // A blocked parameter must keep PostgreSQL's default ("must not be changed from the default one
    // for the operator to work"): the operator's own line says so, so that no finding asks the
    // manifest to change what it cannot (unix_socket_permissions, syslog_*, bonjour, …).
    const catalog = loadCatalog(major);
    const keptDefault = new Set<string>();
    for (const [k, cls] of FIXED) {
      if (cls !== 'blocked' || op.has(k) || BLOCKED_PATHS.has(k)) continue;
      const def = lookupParam(catalog, k);
      if (def && def.name === k) {
        op.set(k, def.boot);
        keptDefault.add(k);
      }
    }

    // The webhook's sanitized configuration (webhook validateConfiguration): the defaults, the
    // user's values but the fixed ones, archive_mode; a fixed key is refused unless its value is
    // exactly the one found there.
    const sanitized = new Map<string, string>(DEFAULTS);
    sanitized.set('archive_mode', archiveMode);

    const fixed: CnpgFixedEvent[] = [];
    const conf = new SynthBuilder();
    for (const [key, { entry, value }] of user) {
      const cls = FIXED.get(key);
      if (cls) {
        const runsWith = keptDefault.has(key) ? undefined : op.get(key);
        const rejects = sanitized.get(key) !== value;
        // The value the server runs with anyway, accepted by the webhook: nothing to say.
        if (rejects || runsWith !== value) {
          fixed.push({ name: key, value: entry.value.t === 'scalar' ? text.slice(entry.value.start, entry.value.end) : `<${entry.value.t}>`, loc: loc(entrySpan(entry)), class: cls, ...(runsWith !== undefined ? { runsWith } : {}), webhookRejects: rejects });
        }
        continue;
      }
      // A user value over an operator default is the user's line; configfile.go writes key = 'value'
      // with \, ', newline, tab … escaped.
      op.delete(key);
      const escaped = escapeLiteral(value);
      const v = entry.value;
      const exact = v.t === 'scalar' && v.exact !== undefined && escaped === value && text.slice(v.exact.start, v.exact.end) === value;
      conf.line(entrySpan(entry), lineOf(entry.keyStart));
      conf.add(key, { start: entry.keyStart, end: entry.keyEnd }, true);
      conf.add(" = '");
      conf.add(escaped, exact ? (v as YScalar).exact! : { start: v.start, end: v.end }, exact);
      conf.add("'");
    }
    for (const [k, v] of op) conf.line(anchor, undefined, false).add(`${k} = '${escapeLiteral(v)}'`);
    const built = conf.build(true);
    const files: SynthFile[] = [{ kind: 'postgresql.conf', text: built.text, origin: built.origin }];

    // pg_hba.conf (configuration.go hbaTemplateString): the fixed records, the user's, then
    // `host all all all <method>`: scram-sha-256, md5 before 14 (instance GeneratePostgresqlHBA).
    const hba = new SynthBuilder();
    for (const r of FIXED_HBA) hba.line(anchor, undefined, false).add(r);
    const hbaEntry = yget(pg, 'pg_hba');
    for (const item of hbaEntry?.value.t === 'seq' ? hbaEntry.value.items : []) {
      const line = kstr(text, item);
      // A ${podselector:NAME} address becomes one record per selected pod's IP at run time (hba.ExpandLine): not known here.
      if (line === undefined || line.includes('${podselector:')) continue;
      userLines(hba, item, line, lineOf);
    }
    hba.line(anchor, undefined, false).add(`host all all all ${major < 14 ? 'md5' : 'scram-sha-256'}`);
    const hbaBuilt = hba.build();
    files.push({ kind: 'pg_hba.conf', text: hbaBuilt.text, origin: hbaBuilt.origin });

    const ident = new SynthBuilder();
    for (const r of FIXED_IDENT) ident.line(anchor, undefined, false).add(r);
    const identEntry = yget(pg, 'pg_ident');
    for (const item of identEntry?.value.t === 'seq' ? identEntry.value.items : []) {
      const line = kstr(text, item);
      if (line !== undefined) userLines(ident, item, line, lineOf);
    }
    const identBuilt = ident.build();
    files.push({ kind: 'pg_ident.conf', text: identBuilt.text, origin: identBuilt.origin });

    // More than one instance: the operator fails over and rewinds the old primary with pg_rewind.
    const instances = yget(spec, 'instances');
    const count = instances?.value.t === 'scalar' && typeof instances.value.value === 'number' ? instances.value.value : 1;
    const failover = count > 1 ? [{ what: `CloudNativePG runs ${count} instances and fails over between them`, loc: loc(entrySpan(instances!)) }] : [];

    clusters.push({
      ...(manifests.length > 1 ? { label: name || `document-${docs.indexOf(doc) + 1}` } : {}),
      files,
      ...(own ? { major: own } : {}),
      ...(failover.length ? { failover } : {}),
      cnpg: { fixed },
    });
  }
  return { ok: true, clusters };
}

/** A user's pg_hba / pg_ident line on its own YAML line; one the template would split is written line by line. */
function userLines(b: SynthBuilder, item: YNode, line: string, lineOf: (o: number) => number): void {
  const span = { start: item.start, end: item.end };
  const exact = item.t === 'scalar' ? item.exact : undefined;
  const parts = line.split(/\r?\n/);
  parts.forEach((part, i) => {
    b.line(span, i === 0 ? lineOf(item.start) : undefined);
    b.add(part, parts.length === 1 && exact ? exact : span, parts.length === 1 && exact !== undefined);
  });
}

/** configfile.go postgresConfLiteralReplacer: the characters guc-file.l reads specially inside quotes. */
function escapeLiteral(v: string): string {
  return v.replace(/[\\'\n\r\t\b\f]/g, (c) => ({ '\\': '\\\\', "'": "''", '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' })[c]!);
}

function truthyBool(n: YNode | undefined): boolean {
  return n?.t === 'scalar' && n.value === true;
}

/** funcs IsReplica: replica.enabled when given, else whether this cluster (replica.self or its name) is not replica.primary. */
function replicaCluster(text: string, spec: YNode | undefined, name: string): boolean {
  const r = yget(spec, 'replica')?.value;
  if (r?.t !== 'map') return false;
  const enabled = yget(r, 'enabled')?.value;
  if (enabled?.t === 'scalar' && typeof enabled.value === 'boolean') return enabled.value;
  const self = kstr(text, yget(r, 'self')?.value) || name;
  return self !== (kstr(text, yget(r, 'primary')?.value) ?? '');
}

/** instance createPostgresqlConfiguration: the temporary tablespaces' names, sorted. */
function tablespaces(text: string, spec: YNode | undefined): string[] {
  const t = yget(spec, 'tablespaces')?.value;
  const out: string[] = [];
  for (const item of t?.t === 'seq' ? t.items : []) {
    const name = kstr(text, yget(item, 'name')?.value);
    if (name && truthyBool(yget(item, 'temporary')?.value)) out.push(name);
  }
  return out.sort();
}
