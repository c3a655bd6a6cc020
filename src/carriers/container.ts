// docker-compose services and Kubernetes workloads running the postgres image, read as the image's
// entrypoint and the postmaster apply them. Cited: github.com/docker-library/postgres commit
// 6edb0a8c4def40c371514b34aef9037ec82d9110 (entrypoint = docker-entrypoint.sh, Dockerfile =
// Dockerfile-debian.template) and PostgreSQL's src/backend/postmaster/postmaster.c (PostmasterMain's
// getopt string "B:bC:c:D:d:EeFf:h:ijk:lN:OPp:r:S:sTt:W:-:") and src/backend/utils/misc/guc.c
// (ParseLongOption; PGC_S_ARGV outranks PGC_S_FILE, so a command-line value beats postgresql.conf
// and postgresql.auto.conf).
import { SUPPORTED_MAJORS, type Major } from '../catalog/types.js';
import { lineColumn } from '../source/source.js';
import { SynthBuilder, type Span } from './origin.js';
import type { CarrierCluster, CarrierContext, CarrierRead, SynthFile } from './types.js';
import type { YEntry, YNode } from './yaml.js';
import { imageTag, kstr, yget } from './cnpg.js';
import { majorOfImage, POSTGRES_IMAGE } from './container-shape.js';

type ReadResult = Omit<Extract<CarrierRead, { ok: true }>, 'comments'> | Extract<CarrierRead, { ok: false }>;

/** A word of a command line, with where its characters stand in the file (`exact`: one for one). */
interface Word {
  text: string;
  span: Span;
  exact: boolean;
}

/** A value in the file: its text and where (`exact` when the characters are the file's one for one). */
interface Located {
  text: string;
  span: Span;
  exact: boolean;
}

interface Container {
  label: string;
  image: string;
  imageEntry: YEntry;
  /** The entrypoint override (Kubernetes `command`, Compose `entrypoint`). */
  entrypoint?: YNode;
  /** The arguments (Kubernetes `args`, Compose `command`). */
  command?: YNode;
  env: Map<string, Located>;
}

/** Kubernetes workloads and where their pod spec lies. */
const POD_SPEC_PATH: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** postmaster.c's one-letter options that set a parameter, and the parameter (with a fixed value for flags without argument). */
const LETTER_OPTIONS: Readonly<Record<string, { name: string; value?: string }>> = {
  B: { name: 'shared_buffers' },
  N: { name: 'max_connections' },
  p: { name: 'port' },
  h: { name: 'listen_addresses' },
  k: { name: 'unix_socket_directories' },
  S: { name: 'work_mem' },
  i: { name: 'listen_addresses', value: '*' },
  F: { name: 'fsync', value: 'off' },
  l: { name: 'ssl', value: 'on' },
};
/** The other options of the getopt string that take an argument (skipped with it). */
const OTHER_WITH_ARG = new Set(['C', 'D', 'd', 'f', 'r', 't', 'W']);

/** initdb's pg_hba.conf records (pg_hba.conf.sample) and which of --auth-local / --auth-host sets each. */
const INITDB_HBA: readonly (readonly [string, 'local' | 'host'])[] = [
  ['local all all', 'local'],
  ['host all all 127.0.0.1/32', 'host'],
  ['host all all ::1/128', 'host'],
  ['local replication all', 'local'],
  ['host replication all 127.0.0.1/32', 'host'],
  ['host replication all ::1/128', 'host'],
];

/** A value the deployment tool fills in at run time (Compose `${VAR}`, Kubernetes `$(VAR)`): not known here. */
const INTERPOLATED = /\$\{|\$\(/;

export function readContainer(ctx: CarrierContext, docs: YNode[]): ReadResult {
  const text = ctx.file.text;
  const found: Container[] = [];
  for (const doc of docs) {
    const services = yget(doc, 'services')?.value;
    if (services?.t === 'map') {
      for (const svc of services.entries) {
        const c = container(text, svc.key, svc.value, 'entrypoint', 'command', composeEnv(text, yget(svc.value, 'environment')?.value));
        if (c) found.push(c);
      }
      continue;
    }
    const kind = kstr(text, yget(doc, 'kind')?.value);
    const path = kind ? POD_SPEC_PATH[kind] : undefined;
    if (!path) continue;
    let spec: YNode | undefined = doc;
    for (const k of path) spec = yget(spec, k)?.value;
    const name = kstr(text, yget(yget(doc, 'metadata')?.value, 'name')?.value) ?? '';
    const list = yget(spec, 'containers')?.value;
    for (const item of list?.t === 'seq' ? list.items : []) {
      const cname = kstr(text, yget(item, 'name')?.value) ?? '';
      const c = container(text, `${kind}/${name}/${cname}`, item, 'command', 'args', k8sEnv(text, yget(item, 'env')?.value));
      if (c) found.push(c);
    }
  }
  const clusters: CarrierCluster[] = [];
  for (const c of found) {
    const cluster = synthesize(ctx, c, found.length > 1);
    if (cluster) clusters.push(cluster);
  }
  return { ok: true, clusters };
}

function container(text: string, label: string, node: YNode, entrypointKey: string, commandKey: string, env: Map<string, Located>): Container | undefined {
  const imageEntry = yget(node, 'image');
  const image = kstr(text, imageEntry?.value);
  if (!imageEntry || !image || !POSTGRES_IMAGE.test(image)) return undefined;
  const entrypoint = yget(node, entrypointKey)?.value;
  const command = yget(node, commandKey)?.value;
  return { label, image, imageEntry, env, ...(entrypoint ? { entrypoint } : {}), ...(command ? { command } : {}) };
}

/** A scalar's value with its place in the file. */
function located(text: string, n: YNode): Located | undefined {
  const s = kstr(text, n);
  if (s === undefined || n.t !== 'scalar') return undefined;
  const exact = n.exact !== undefined && text.slice(n.exact.start, n.exact.end) === s;
  return { text: s, span: exact ? n.exact! : { start: n.start, end: n.end }, exact };
}

/** Compose `environment:` as a mapping (`KEY: value`) or a list (`- KEY=value`). */
function composeEnv(text: string, n: YNode | undefined): Map<string, Located> {
  const out = new Map<string, Located>();
  if (n?.t === 'map') {
    for (const e of n.entries) {
      const v = located(text, e.value);
      if (v) out.set(e.key, v);
    }
  } else if (n?.t === 'seq') {
    for (const item of n.items) {
      const v = located(text, item);
      const eq = v?.text.indexOf('=') ?? -1;
      if (!v || eq < 1) continue;
      const value = v.text.slice(eq + 1);
      out.set(v.text.slice(0, eq), { text: value, span: v.exact ? { start: v.span.start + eq + 1, end: v.span.end } : v.span, exact: v.exact });
    }
  }
  return out;
}

/** Kubernetes `env:` (`- name: KEY` / `value: …`); a valueFrom is not known here. */
function k8sEnv(text: string, n: YNode | undefined): Map<string, Located> {
  const out = new Map<string, Located>();
  for (const item of n?.t === 'seq' ? n.items : []) {
    const name = kstr(text, yget(item, 'name')?.value);
    const value = yget(item, 'value')?.value;
    const v = value ? located(text, value) : undefined;
    if (name && v) out.set(name, v);
  }
  return out;
}

/**
 * The words of a command: a list's items as they are, or a string split as Compose splits it
 * (shell-like: blanks separate, quotes group, a backslash escapes; an unclosed quote is refused).
 * A word is located one for one when the file spells it without quotes or escapes.
 */
export function words(text: string, n: YNode | undefined): Word[] | undefined {
  if (!n) return undefined;
  if (n.t === 'seq') return n.items.flatMap((i) => (i.t === 'scalar' ? [located(text, i)].flatMap((v) => (v ? [v] : [])) : []));
  const v = located(text, n);
  if (!v) return undefined;
  const out: Word[] = [];
  const s = v.text;
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    const start = i;
    let word = '';
    let plain = true;
    while (i < s.length && !/\s/.test(s[i]!)) {
      const ch = s[i]!;
      if (ch === "'" || ch === '"') {
        plain = false;
        const close = s.indexOf(ch, i + 1);
        // Compose refuses a command with an unclosed quote (go-shellwords): nothing runs.
        if (close === -1) return undefined;
        const end = close;
        word += ch === '"' ? s.slice(i + 1, end).replace(/\\(["\\$`])/g, '$1') : s.slice(i + 1, end);
        i = end + 1;
      } else if (ch === '\\' && i + 1 < s.length) {
        plain = false;
        word += s[i + 1];
        i += 2;
      } else {
        word += ch;
        i++;
      }
    }
    const exact = v.exact && plain;
    out.push({ text: word, span: exact ? { start: v.span.start + start, end: v.span.start + i } : v.span, exact });
  }
  return out;
}

/** A parameter set on the command line, located. */
interface Flag {
  name: string;
  nameAt?: Word;
  value: Located;
}

/** The parameters a postgres command line sets (postmaster.c's getopt; guc.c ParseLongOption turns - into _ in names). */
function flags(argv: Word[]): Flag[] {
  const out: Flag[] = [];
  const assign = (w: Word, body: string, offset: number): void => {
    const eq = body.indexOf('=');
    if (eq < 1) return;
    const name = body.slice(0, eq).replaceAll('-', '_');
    const value = body.slice(eq + 1);
    const at = (from: number, to: number): Span => (w.exact ? { start: w.span.start + offset + from, end: w.span.start + offset + to } : w.span);
    out.push({ name, nameAt: { text: name, span: at(0, eq), exact: w.exact && name === body.slice(0, eq) }, value: { text: value, span: at(eq + 1, body.length), exact: w.exact } });
  };
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]!;
    const t = w.text;
    if (t.startsWith('--') && t.length > 2) {
      assign(w, t.slice(2), 2);
      continue;
    }
    if (!t.startsWith('-') || t.length < 2) continue;
    const letter = t[1]!;
    if (letter === 'c') {
      if (t.length > 2) assign(w, t.slice(2), 2);
      else if (argv[i + 1]) assign(argv[++i]!, argv[i]!.text, 0);
      continue;
    }
    const opt = LETTER_OPTIONS[letter];
    if (opt?.value !== undefined) {
      out.push({ name: opt.name, value: { text: opt.value, span: w.span, exact: false } });
      continue;
    }
    if (opt || OTHER_WITH_ARG.has(letter)) {
      const arg: Word | undefined = t.length > 2 ? { text: t.slice(2), span: w.exact ? { start: w.span.start + 2, end: w.span.end } : w.span, exact: w.exact } : argv[++i];
      if (opt && arg) out.push({ name: opt.name, value: arg });
    }
  }
  return out;
}

function synthesize(ctx: CarrierContext, c: Container, labelled: boolean): CarrierCluster | undefined {
  const text = ctx.file.text;
  const lineOf = (offset: number): number => lineColumn(ctx.file, offset).line;
  const anchor: Span = { start: c.imageEntry.keyStart, end: c.imageEntry.value.end };

  // What runs: an entrypoint override with its arguments, else the image's docker-entrypoint.sh with
  // the command (the image's CMD is `postgres`). Setting the entrypoint drops the image's CMD.
  const entry = words(text, c.entrypoint);
  const cmd = words(text, c.command);
  if ((c.entrypoint && !entry) || (c.command && !cmd)) return undefined;
  let argv: Word[] = entry ? [...entry, ...(cmd ?? [])] : [{ text: 'docker-entrypoint.sh', span: anchor, exact: false }, ...(cmd ?? [{ text: 'postgres', span: anchor, exact: false }])];
  const base = (w: Word | undefined): string => w?.text.split('/').pop() ?? '';
  const viaEntrypoint = base(argv[0]) === 'docker-entrypoint.sh';
  if (viaEntrypoint) {
    argv = argv.slice(1);
    // entrypoint _main: a first argument that looks like a flag runs postgres with it.
    if (argv[0]?.text.startsWith('-')) argv = [{ text: 'postgres', span: anchor, exact: false }, ...argv];
  }
  // Only a postgres server is read (not `bash`, `sh -c …`, or psql in the same image).
  if (base(argv[0]) !== 'postgres') return undefined;
  const all = flags(argv.slice(1)).filter((f) => !INTERPOLATED.test(f.value.text));
  const named = (name: string): boolean => all.some((f) => f.name.toLowerCase() === name);
  // -c config_file=… makes the server read another postgresql.conf (usually a mounted one, not
  // linked here) instead of the one initdb wrote from the image's sample; it is no setting to check.
  const ownConf = named('config_file');
  const set = all.filter((f) => f.name.toLowerCase() !== 'config_file');

  const tag = imageTag(c.image);
  const n = majorOfImage(c.image, tag);
  const own = n !== undefined && (SUPPORTED_MAJORS as readonly number[]).includes(n) ? { major: n as Major, from: `the image tag ${tag}` } : undefined;
  const major = ctx.pickMajor(own);

  const conf = new SynthBuilder();
  // Dockerfile: the image's postgresql.conf.sample has listen_addresses = '*' (initdb copies it).
  if (viaEntrypoint && !ownConf) conf.line(anchor, undefined, false).add("listen_addresses = '*'");
  for (const f of set) {
    const at = f.nameAt ?? f.value;
    conf.line({ start: Math.min(at.span.start, f.value.span.start), end: Math.max(at.span.end, f.value.span.end) }, lineOf(at.span.start));
    if (f.nameAt) conf.add(f.name, f.nameAt.span, f.nameAt.exact);
    else conf.add(f.name);
    conf.add(" = '");
    const escaped = f.value.text.replace(/(['\\])/g, '$1$1');
    conf.add(escaped, f.value.span, f.value.exact && escaped === f.value.text);
    conf.add("'");
  }
  const files: SynthFile[] = [];
  const built = conf.build();
  if (conf.size) files.push({ kind: 'postgresql.conf', text: built.text, origin: built.origin });

  let dataChecksums: CarrierCluster['dataChecksums'];
  // -c hba_file=… : the server reads another pg_hba.conf than the one the entrypoint writes.
  if (viaEntrypoint && !named('hba_file')) {
    // entrypoint docker_init_database_dir: initdb with POSTGRES_INITDB_ARGS (an empty data directory only).
    const initdbArgs = c.env.get('POSTGRES_INITDB_ARGS');
    const auth = new Map<string, Located>();
    if (initdbArgs && !INTERPOLATED.test(initdbArgs.text)) {
      const node = { t: 'scalar', start: initdbArgs.span.start, end: initdbArgs.span.end, value: initdbArgs.text, ...(initdbArgs.exact ? { exact: initdbArgs.span } : {}) } as const;
      const ws = words(text, node) ?? [];
      for (let i = 0; i < ws.length; i++) {
        const t = ws[i]!.text;
        if (t === '--data-checksums' || t === '-k') dataChecksums = { what: `POSTGRES_INITDB_ARGS ${t}`, loc: { file: ctx.file.path, start: ws[i]!.span.start, end: ws[i]!.span.end } };
        const m = /^--auth(?:-(host|local))?=(.*)$/.exec(t);
        const sub = (w: Word, skip: number): Located => ({ text: w.text.slice(skip), span: w.exact ? { start: w.span.start + skip, end: w.span.end } : w.span, exact: w.exact });
        if (m) auth.set(m[1] ?? 'both', sub(ws[i]!, t.indexOf('=') + 1));
        else if (t === '-A' && ws[i + 1]) auth.set('both', sub(ws[++i]!, 0));
        else if (t.startsWith('-A') && t.length > 2) auth.set('both', sub(ws[i]!, 2));
      }
    }
    const hba = new SynthBuilder();
    for (const [record, which] of INITDB_HBA) {
      const m = auth.get(which) ?? auth.get('both');
      // initdb's method is trust without --auth options.
      if (!m) hba.line(anchor, undefined, false).add(`${record} trust`);
      else hba.line(m.span, lineOf(m.span.start)).add(`${record} `).add(m.text, m.span, m.exact);
    }
    // entrypoint pg_setup_hba_conf: `host all all all $POSTGRES_HOST_AUTH_METHOD`, by default the
    // server's password_encryption (postgres -C with the same flags): scram-sha-256 from 14, md5 before.
    const method = c.env.get('POSTGRES_HOST_AUTH_METHOD');
    if (method && method.text !== '') {
      if (!INTERPOLATED.test(method.text)) hba.line(method.span, lineOf(method.span.start)).add('host all all all ').add(method.text, method.span, method.exact);
    } else {
      const pe = [...set].reverse().find((f) => f.name.toLowerCase() === 'password_encryption');
      const def = pe ? pe.value.text : major >= 14 ? 'scram-sha-256' : 'md5';
      hba.line(anchor, undefined, false).add(`host all all all ${def}`);
    }
    const h = hba.build();
    files.push({ kind: 'pg_hba.conf', text: h.text, origin: h.origin });
  }
  if (!files.length) return undefined;
  return {
    ...(labelled ? { label: c.label } : {}),
    files,
    ...(own ? { major: own } : {}),
    ...(dataChecksums ? { dataChecksums } : {}),
  };
}
