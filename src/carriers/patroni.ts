// Patroni's YAML, emulated as Patroni applies it. Everything here follows Patroni's source at
// github.com/patroni/patroni commit de6b22c800a4e5edb351482f0bf64415271003f6 (cited as
// config.py = patroni/config.py, handler = patroni/postgresql/config.py, utils.py, validator.py,
// bootstrap.py = patroni/postgresql/bootstrap.py).
import type { Major } from '../catalog/types.js';
import { lineColumn } from '../source/source.js';
import type { Loc } from '../types.js';
import { SynthBuilder, type Span } from './origin.js';
import type { CarrierCluster, CarrierContext, CarrierRead, PatroniFacts, PatroniParameterEvent, SynthFile } from './types.js';
import { pyStr, type YEntry, type YMap, type YNode, type YScalar } from './yaml.js';

type Validator = { kind: 'false' } | { kind: 'bool' } | { kind: 'bool-true' } | { kind: 'enum'; values: string[] } | { kind: 'int'; min: number; baseUnit?: 'MB' };

/**
 * handler ConfigHandler.CMDLINE_OPTIONS: the parameters Patroni passes on the postmaster's command
 * line and takes only from the DCS, with its default and its check. Keys compare case-insensitively
 * (CaseInsensitiveDict).
 */
const CMDLINE_OPTIONS: ReadonlyMap<string, { def: string | number | null; check: Validator; words: string }> = new Map([
  ['listen_addresses', { def: null, check: { kind: 'false' }, words: 'never (it comes from postgresql.listen)' }],
  ['port', { def: null, check: { kind: 'false' }, words: 'never (it comes from postgresql.listen)' }],
  ['cluster_name', { def: null, check: { kind: 'false' }, words: 'never (it comes from scope)' }],
  ['wal_level', { def: 'hot_standby', check: { kind: 'enum', values: ['hot_standby', 'replica', 'logical'] }, words: 'hot_standby, replica or logical' }],
  ['hot_standby', { def: 'on', check: { kind: 'bool-true' }, words: 'on only: Patroni always runs standbys hot' }],
  ['max_connections', { def: 100, check: { kind: 'int', min: 25 }, words: 'an integer of at least 25' }],
  ['max_wal_senders', { def: 10, check: { kind: 'int', min: 3 }, words: 'an integer of at least 3' }],
  ['wal_keep_segments', { def: 8, check: { kind: 'int', min: 1 }, words: 'an integer of at least 1' }],
  ['wal_keep_size', { def: '128MB', check: { kind: 'int', min: 16, baseUnit: 'MB' }, words: 'at least 16MB' }],
  ['max_prepared_transactions', { def: 0, check: { kind: 'int', min: 0 }, words: 'an integer of at least 0' }],
  ['max_locks_per_transaction', { def: 64, check: { kind: 'int', min: 32 }, words: 'an integer of at least 32' }],
  ['track_commit_timestamp', { def: 'off', check: { kind: 'bool' }, words: 'a boolean' }],
  ['max_replication_slots', { def: 10, check: { kind: 'int', min: 4 }, words: 'an integer of at least 4' }],
  ['max_worker_processes', { def: 8, check: { kind: 'int', min: 2 }, words: 'an integer of at least 2' }],
  ['wal_log_hints', { def: 'on', check: { kind: 'bool' }, words: 'a boolean' }],
]);

export const PATRONI_DCS_ONLY: readonly string[] = [...CMDLINE_OPTIONS.keys()];

/** Python's repr() of a string: single quotes unless it holds one and no double quote. */
function pyQuote(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
  return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
}

/** Python's str() of a YAML list or mapping (Patroni writes str(value): `['a', 'b']`, `{'k': 1}`). */
export function pyRepr(n: YNode): string {
  if (n.t === 'scalar') return typeof n.value === 'string' ? pyQuote(n.value) : pyStr(n.value);
  if (n.t === 'seq') return `[${n.items.map(pyRepr).join(', ')}]`;
  return `{${n.entries.map((e) => `${pyQuote(e.key)}: ${pyRepr(e.value)}`).join(', ')}}`;
}

/** utils.py parse_bool: on/true/yes/1 and off/false/no/0, any case, of str(value). */
function parseBool(v: string): boolean | undefined {
  const s = v.toLowerCase();
  if (['on', 'true', 'yes', '1'].includes(s)) return true;
  if (['off', 'false', 'no', '0'].includes(s)) return false;
  return undefined;
}

const MEMORY_UNITS: Readonly<Record<string, number>> = { B: 1 / 1024, kB: 1, MB: 1024, GB: 1024 ** 2, TB: 1024 ** 3 };

/**
 * utils.py parse_int: strtol with base 0 on str(value) (hex `0x`, octal `0`), a fractional part
 * through strtod, then the unit converted to `baseUnit` (memory units only here: the one check with
 * a unit is wal_keep_size in MB); without a base unit a unit fails. Python's round() halves to even.
 */
export function parseIntLike(v: string, baseUnit?: 'MB'): number | undefined {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)(.*)$/s.exec(v);
  if (!m) return undefined;
  const [, sign, num, rest] = m as unknown as [string, string, string, string];
  let n: number;
  if (/^0[xX]/.test(num)) n = parseInt(num.slice(2), 16);
  else if (/^0[0-7]+$/.test(num)) n = parseInt(num, 8);
  else if (/^0[0-9]+$/.test(num)) return undefined;
  else n = Number(num);
  if (!Number.isFinite(n)) return undefined;
  if (sign === '-') n = -n;
  const unit = rest.trim();
  if (unit) {
    if (!baseUnit || MEMORY_UNITS[unit] === undefined) return undefined;
    n = (n * MEMORY_UNITS[unit]!) / MEMORY_UNITS[baseUnit]!;
  }
  const r = Math.round(n);
  return Math.abs(n % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The checks of handler CMDLINE_OPTIONS (handler _false_validator/_bool_validator/_bool_is_true_validator, validator.py IntValidator/EnumValidator). */
function passes(check: Validator, value: YScalar['value']): boolean {
  const s = pyStr(value);
  switch (check.kind) {
    case 'false':
      return false;
    case 'bool':
      return parseBool(s) !== undefined;
    case 'bool-true':
      return parseBool(s) === true;
    // EnumValidator: only a str, compared case-insensitively (CaseInsensitiveSet).
    case 'enum':
      return typeof value === 'string' && check.values.includes(value.toLowerCase());
    case 'int': {
      const n = parseIntLike(s, check.baseUnit);
      return n !== undefined && n >= check.min;
    }
  }
}

const lower = (s: string): string => s.toLowerCase();

/** The value of `key` in a mapping: the last one, as a Python dict keeps it. */
function get(node: YNode | undefined, key: string): YEntry | undefined {
  if (node?.t !== 'map') return undefined;
  let found: YEntry | undefined;
  for (const e of node.entries) if (e.key === key) found = e;
  return found;
}

/** Python truthiness of a YAML value (`if self._config.get('pg_hba')`). */
function truthy(n: YNode | undefined): boolean {
  if (!n) return false;
  if (n.t === 'map') return n.entries.length > 0;
  if (n.t === 'seq') return n.items.length > 0;
  const v = n.value;
  return v !== null && v !== false && v !== 0 && v !== '';
}

interface Param {
  name: string;
  /** The text Patroni writes. */
  value: string;
  /** The YAML entry it comes from; undefined for Patroni's own defaults. */
  entry?: YEntry;
  /** Where the value's characters come from, and whether one for one. */
  valueSpan?: { span: Span; exact: boolean };
}

const ROLES = ['primary', 'replica', 'standby_leader'] as const;
type Role = (typeof ROLES)[number];

/** initdb's pg_hba.conf (src/backend/libpq/pg_hba.conf.sample, the same records in 10–18), with its methods. */
const INITDB_HBA: readonly (readonly [string, string, string, string | null, 'local' | 'host'])[] = [
  ['local', 'all', 'all', null, 'local'],
  ['host', 'all', 'all', '127.0.0.1/32', 'host'],
  ['host', 'all', 'all', '::1/128', 'host'],
  ['local', 'replication', 'all', null, 'local'],
  ['host', 'replication', 'all', '127.0.0.1/32', 'host'],
  ['host', 'replication', 'all', '::1/128', 'host'],
];

export function readPatroni(ctx: CarrierContext, docs: YNode[]): Omit<Extract<CarrierRead, { ok: true }>, 'comments'> | Extract<CarrierRead, { ok: false }> {
  // config.py _load_config_path: yaml.safe_load, one document.
  if (docs.length > 1) return { ok: false, error: `holds ${docs.length} YAML documents; Patroni reads one (yaml.safe_load)`, at: docs[1]!.start };
  const root = docs[0];
  if (!root) return { ok: true, clusters: [] };
  if (root.t !== 'map') return { ok: false, error: 'is not a Patroni configuration: its top level is not a mapping', at: root.start };
  const file = ctx.file;
  const lineOf = (offset: number): number => lineColumn(file, offset).line;
  const loc = (s: Span): Loc => ({ file: file.path, start: s.start, end: s.end });
  const entrySpan = (e: YEntry): Span => ({ start: e.keyStart, end: Math.max(e.keyEnd, e.value.end) });

  const pg = get(root, 'postgresql')?.value;
  const bootstrap = get(root, 'bootstrap')?.value;
  // bootstrap.py: the initdb options list turns `- data-checksums` into initdb --data-checksums (a
  // custom bootstrap method runs its own command instead). Evidence for rewind-not-ready.
  const checksums = dataChecksumsOption(bootstrap, loc);
  const dcsPg = get(get(bootstrap, 'dcs')?.value, 'postgresql')?.value;
  const anchor: Span = (() => {
    const e = get(root, 'postgresql') ?? get(root, 'bootstrap') ?? root.entries[0];
    return e ? { start: e.keyStart, end: e.keyEnd } : { start: 0, end: 0 };
  })();

  for (const [where, section] of [[pg, 'postgresql'], [dcsPg, 'bootstrap.dcs.postgresql']] as const) {
    const p = get(where, 'parameters')?.value;
    // config.py _process_postgresql_parameters: "postgresql.parameters is not a dictionary".
    if (p && p.t !== 'map' && !(p.t === 'scalar' && p.value === null)) return { ok: false, error: `${section}.parameters is not a mapping, so Patroni refuses the configuration`, at: p.start };
  }

  // The major: the binaries' directory names it best, then the data directory (both local-only keys).
  let own: { major: Major; from: string } | undefined;
  for (const key of ['bin_dir', 'data_dir'] as const) {
    const v = get(pg, key)?.value;
    if (own || v?.t !== 'scalar' || typeof v.value !== 'string') continue;
    const m = ctx.majorFromPath(v.value);
    if (m) own = { major: m, from: `postgresql.${key}` };
  }
  const major = ctx.pickMajor(own);

  /** A key of the effective `postgresql` section: local wins over the DCS (config.py _build_effective_configuration). */
  const effective = (key: string): YEntry | undefined => get(pg, key) ?? get(dcsPg, key);

  const present = ROLES.filter((r) => effective(`parameters_${r}`) || effective(`pg_hba_${r}`) || effective(`pg_ident_${r}`));
  // The primary is always described; a replica or standby leader only when the file configures it apart.
  const roles: Role[] = ['primary', ...present.filter((r) => r !== 'primary')];

  const clusters: CarrierCluster[] = [];
  for (const role of roles) {
    const facts: PatroniFacts = { ignored: [], replaced: [] };
    const params = new Map<string, Param>();
    const set = (p: Param): void => {
      params.delete(lower(p.name));
      params.set(lower(p.name), p);
    };
    const fromEntry = (e: YEntry, value?: string): Param => {
      const v = e.value;
      const text = value ?? (v.t === 'scalar' ? pyStr(v.value) : pyRepr(v));
      const exact = v.t === 'scalar' && v.exact !== undefined && text === pyStr(v.value) && !/['\\]/.test(text);
      return { name: e.key, value: text, entry: e, valueSpan: { span: exact ? v.exact! : { start: v.start, end: v.end }, exact } };
    };
    const event = (e: YEntry, section: string, why: PatroniParameterEvent['why'], extra: Partial<PatroniParameterEvent> = {}): PatroniParameterEvent => ({
      name: e.key,
      // As written in the file (`off`, not Python's `False`): the finding quotes the file.
      value: e.value.t === 'scalar' ? file.text.slice(e.value.start, e.value.end) : `<${e.value.t}>`,
      loc: loc(entrySpan(e)),
      section,
      why,
      ...extra,
    });
    const whyFor = (name: string): PatroniParameterEvent['why'] =>
      name === 'listen_addresses' || name === 'port' ? 'listen' : name === 'cluster_name' ? 'scope' : 'dcs-only';

    // config.py Config.__DEFAULT_CONFIG: the CMDLINE_OPTIONS defaults, but not wal_keep_*. All but
    // wal_log_hints equal PostgreSQL's own defaults in 10–18 (wal_level replica, hot_standby on,
    // max_wal_senders and max_replication_slots 10, …), so only wal_log_hints is written: the rules
    // then see the others as the defaults they are, not as values someone chose.
    set({ name: 'wal_log_hints', value: 'on' });
    // config.py _process_postgresql_parameters(is_local=False): a DCS value of a CMDLINE option that
    // fails its check is dropped with a warning, and the default stays.
    const dcsParams = get(dcsPg, 'parameters')?.value;
    for (const e of dcsParams?.t === 'map' ? dcsParams.entries : []) {
      const opt = CMDLINE_OPTIONS.get(lower(e.key));
      if (!opt) {
        set(fromEntry(e));
        continue;
      }
      const value = e.value.t === 'scalar' ? e.value.value : null;
      if (e.value.t === 'scalar' && passes(opt.check, value)) {
        // An IntValidator's value is stored as the parsed int.
        const n = opt.check.kind === 'int' ? parseIntLike(pyStr(value), opt.check.baseUnit) : undefined;
        set(fromEntry(e, n !== undefined ? String(n) : undefined));
        continue;
      }
      const why = opt.check.kind === 'false' ? whyFor(lower(e.key)) : 'validator';
      // wal_level's default hot_standby is written as replica (get_server_parameters, 9.6+).
      const replacement = opt.def === 'hot_standby' ? 'replica' : opt.def !== null ? String(opt.def) : undefined;
      facts.replaced.push(event(e, 'bootstrap.dcs.postgresql.parameters', why, { ...(replacement !== undefined ? { replacement } : {}), check: opt.words }));
    }
    // is_local=True: every CMDLINE option is dropped from the local parameters.
    const localParams = get(pg, 'parameters')?.value;
    for (const e of localParams?.t === 'map' ? localParams.entries : []) {
      if (CMDLINE_OPTIONS.has(lower(e.key))) facts.ignored.push(event(e, 'postgresql.parameters', whyFor(lower(e.key))));
      else set(fromEntry(e));
    }
    // config.py build_effective_postgresql_configuration: parameters_<role> merged, CMDLINE options refused.
    const roleParams = effective(`parameters_${role}`);
    if (roleParams?.value.t === 'map') {
      const section = `${get(pg, `parameters_${role}`) ? 'postgresql' : 'bootstrap.dcs.postgresql'}.parameters_${role}`;
      for (const e of roleParams.value.entries) {
        if (CMDLINE_OPTIONS.has(lower(e.key))) facts.ignored.push(event(e, section, whyFor(lower(e.key))));
        else set(fromEntry(e));
      }
    }

    // handler get_server_parameters: listen_addresses and port from postgresql.listen (utils.py
    // split_host_port, default port 5432), cluster_name from scope.
    const listen = get(pg, 'listen');
    if (listen?.value.t === 'scalar' && listen.value.value !== null) {
      const text = pyStr(listen.value.value);
      const cut = text.lastIndexOf(':');
      let host = cut === -1 ? text : text.slice(0, cut);
      const port = cut === -1 ? '5432' : text.slice(cut + 1);
      if (host.includes(':')) host = host.split(',').map((h) => h.trim().replace(/^\[+|\]+$/g, '')).join(',');
      const ex = listen.value.exact;
      const hostExact = ex !== undefined && text.startsWith(host);
      set({ name: 'listen_addresses', value: host, entry: listen, valueSpan: hostExact ? { span: { start: ex.start, end: ex.start + host.length }, exact: true } : { span: listen.value, exact: false } });
      set({ name: 'port', value: port, entry: listen, valueSpan: ex && cut !== -1 ? { span: { start: ex.start + cut + 1, end: ex.end }, exact: true } : { span: listen.value, exact: false } });
    }
    const scope = get(root, 'scope');
    if (scope?.value.t === 'scalar' && scope.value.value !== null) set({ ...fromEntry(scope), name: 'cluster_name' });

    // The hot_standby <-> replica rename (every supported major is 9.6 or later).
    const wl = params.get('wal_level');
    if (wl && wl.value === 'hot_standby') set({ ...wl, value: 'replica', ...(wl.valueSpan ? { valueSpan: { span: wl.valueSpan.span, exact: false } } : {}) });
    // wal_keep_segments <-> wal_keep_size, assuming 16MB segments.
    if (major >= 13) {
      const segs = params.get('wal_keep_segments');
      params.delete('wal_keep_segments');
      const n = segs ? parseIntLike(segs.value) : 8;
      if (!params.has('wal_keep_size') && n !== undefined) set({ ...(segs ?? {}), name: 'wal_keep_size', value: `${n * 16}MB`, ...(segs?.valueSpan ? { valueSpan: { span: segs.valueSpan.span, exact: false } } : {}) });
    } else {
      const size = params.get('wal_keep_size');
      params.delete('wal_keep_size');
      const mb = size ? parseIntLike(size.value, 'MB') : 128;
      if (!params.has('wal_keep_segments')) set({ ...(size ?? {}), name: 'wal_keep_segments', value: String(Math.trunc(((mb ?? 0) + 8) / 16)), ...(size?.valueSpan ? { valueSpan: { span: size.valueSpan.span, exact: false } } : {}) });
    }

    const files: SynthFile[] = [];
    const conf = new SynthBuilder();
    for (const p of params.values()) {
      // handler ConfigWriter.write_param: name = 'value', quotes and backslashes doubled.
      const escaped = p.value.replace(/(['\\])/g, '$1$1');
      if (p.entry) {
        const e = p.entry;
        conf.line(entrySpan(e), lineOf(e.keyStart));
        conf.add(p.name, { start: e.keyStart, end: e.keyEnd }, e.key === p.name);
        conf.add(" = '");
        conf.add(escaped, p.valueSpan?.span, p.valueSpan?.exact === true && escaped === p.value);
        conf.add("'");
      } else conf.line(anchor).add(`${p.name} = '${escaped}'`);
    }
    const built = conf.build(true);
    files.push({ kind: 'postgresql.conf', text: built.text, origin: built.origin });

    const hbaFile = params.has('hba_file');
    const identFile = params.has('ident_file');
    const listOf = (e: YEntry | undefined): { text: string; node: YScalar }[] =>
      e?.value.t === 'seq' ? e.value.items.flatMap((n) => (n.t === 'scalar' && typeof n.value === 'string' ? [{ text: n.value, node: n }] : [])) : [];
    const write = (kind: 'pg_hba.conf' | 'pg_ident.conf', lines: { text: string; node: YScalar }[], before?: { text: string; origin: Span }[]): void => {
      const b = new SynthBuilder();
      for (const l of before ?? []) b.line(l.origin).add(l.text);
      for (const l of lines) {
        b.line({ start: l.node.start, end: l.node.end }, lineOf(l.node.start));
        b.add(l.text, l.node.exact ?? { start: l.node.start, end: l.node.end }, l.node.exact !== undefined);
      }
      const out = b.build();
      files.push({ kind, text: out.text, origin: out.origin });
    };

    // pg_hba: handler replace_pg_hba writes postgresql.pg_hba (a role's pg_hba_<role> replaces it)
    // unless hba_file is set; otherwise bootstrap.py bootstrap appends the legacy bootstrap.pg_hba to
    // initdb's file (handler append_pg_hba).
    if (!hbaFile) {
      const hba = [effective(`pg_hba_${role}`), effective('pg_hba')].find((e) => e !== undefined);
      if (hba && truthy(hba.value)) write('pg_hba.conf', listOf(hba));
      else {
        const legacy = get(bootstrap, 'pg_hba');
        if (legacy && truthy(legacy.value)) {
          const method = get(bootstrap, 'method')?.value;
          const custom = method?.t === 'scalar' && typeof method.value === 'string' && method.value !== 'initdb' && get(get(bootstrap, method.value)?.value, 'command');
          // initdb's own records point at bootstrap.initdb (where auth options would change them), else at this list.
          const initdbEntry = get(bootstrap, 'initdb');
          const at = initdbEntry ?? legacy;
          const initdb = custom ? [] : initdbRecords(initdbEntry, { start: at.keyStart, end: at.keyEnd });
          write('pg_hba.conf', listOf(legacy), initdb);
        }
      }
    }
    if (!identFile) {
      const ident = [effective(`pg_ident_${role}`), effective('pg_ident')].find((e) => e !== undefined);
      if (ident && truthy(ident.value)) write('pg_ident.conf', listOf(ident));
    }

    // rewind.py can_rewind reads postgresql.use_pg_rewind (truthiness).
    const rewind = effective('use_pg_rewind');
    const failover = rewind && truthy(rewind.value) ? [{ what: "Patroni's use_pg_rewind is on", loc: loc(entrySpan(rewind)) }] : [];

    clusters.push({
      ...(role !== 'primary' ? { label: role } : {}),
      files,
      ...(own ? { major: own } : {}),
      ...(failover.length ? { failover } : {}),
      ...(checksums ? { dataChecksums: checksums } : {}),
      patroni: facts,
    });
  }
  return { ok: true, clusters };
}

/**
 * initdb's records with the methods of bootstrap.initdb's `auth`, `auth-host`, `auth-local` options
 * (initdb: trust when none is given), located at `origin`.
 */
function initdbRecords(initdb: YEntry | undefined, origin: Span): { text: string; origin: Span }[] {
  const opts = new Map<string, { value: string; span: Span }>();
  const items = initdb?.value.t === 'seq' ? initdb.value.items : [];
  for (const item of items) {
    if (item.t !== 'map') continue;
    for (const e of (item as YMap).entries) {
      if (e.value.t === 'scalar') opts.set(e.key, { value: pyStr(e.value.value), span: { start: e.keyStart, end: e.value.end } });
    }
  }
  const local = opts.get('auth-local') ?? opts.get('auth');
  const host = opts.get('auth-host') ?? opts.get('auth');
  return INITDB_HBA.map(([type, db, user, addr, which]) => {
    const m = which === 'local' ? local : host;
    return { text: [type, db, user, ...(addr ? [addr] : []), m?.value ?? 'trust'].join(' '), origin: m?.span ?? origin };
  });
}

/** `bootstrap.initdb: [data-checksums]`, when Patroni bootstraps with initdb, located at the item. */
function dataChecksumsOption(bootstrap: YNode | undefined, loc: (s: Span) => Loc): CarrierCluster['dataChecksums'] {
  const method = get(bootstrap, 'method')?.value;
  if (method?.t === 'scalar' && typeof method.value === 'string' && method.value !== 'initdb') return undefined;
  const initdb = get(bootstrap, 'initdb')?.value;
  if (initdb?.t !== 'seq') return undefined;
  for (const item of initdb.items) {
    if (item.t === 'scalar' && item.value === 'data-checksums') {
      return { what: `Patroni's bootstrap.initdb option ${String(item.value)}`, loc: loc({ start: item.start, end: item.end }) };
    }
  }
  return undefined;
}
