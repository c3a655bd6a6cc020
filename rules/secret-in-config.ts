import { defineRule } from '../src/linter/rule.js';
import type { Loc } from '../src/types.js';
import type { Assignment } from '../src/resolve/cluster.js';
import { foldName } from '../src/catalog/catalog.js';
import { boundQuote } from '../src/linter/redact.js';
import type { SourceFile } from '../src/source/source.js';

/** Shell commands run by the server (archive and recovery), in postgresql.conf or recovery.conf. */
const COMMANDS = new Set(['archive_command', 'restore_command', 'archive_cleanup_command', 'recovery_end_command']);

const MASK = '****';

/** Where an assignment's value is (built only for a finding). */
const valueLoc = (a: Assignment): Loc => ({ file: a.file.path, start: a.line.valueStart, end: a.line.valueEnd });

interface Found {
  /** What was found, with the secret masked (e.g. `password=****`). */
  shown: string;
}

/**
 * Not a committed secret: empty, a template or shell reference (`$PW`, `${PW}`, `{{ pw }}`, `<password>`,
 * `%(pw)s`, `@PW@`), a %-placeholder of the command (`%p`), or an already-redacted value.
 */
export function isPlaceholder(v: string): boolean {
  return (
    v === '' ||
    /^(\$|\{\{|\{%|<|%\(|`)/.test(v) ||
    /^%[A-Za-z]$/.test(v) ||
    /^@[A-Za-z_][A-Za-z0-9_]*@$/.test(v) ||
    /^(\*+|x{3,}|X{3,}|\.{3,}|…)$/.test(v) ||
    v.includes('$') ||
    v.includes('`')
  );
}

/**
 * libpq conninfo `password=` / `sslpassword=` (keyword/value form, also in a URI's query string) and
 * URI user info (`postgresql://user:secret@host`, and the same in any other URL).
 */
export function findInConninfo(text: string): Found[] {
  // Both patterns below need one of these; most values (numbers, names, paths) have neither, and two
  // substring scans are much cheaper than two regex scans for each of a million assignments.
  if (!text.includes('password') && !text.includes('://')) return [];
  const out: Found[] = [];
  const kw = /(?<![A-Za-z0-9_.-])(sslpassword|password)[ \t\n\r\f\v]*=[ \t\n\r\f\v]*/g;
  for (let m = kw.exec(text); m; m = kw.exec(text)) {
    let i = m.index + m[0].length;
    let value = '';
    if (text[i] === "'") {
      // conninfo_parse: a single-quoted value, backslash escapes the next character.
      for (i++; i < text.length && text[i] !== "'"; i++) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
      }
    } else {
      // Unquoted: up to whitespace (also stop at quotes and & when embedded in a command or URI).
      for (; i < text.length && !/[\s"'&]/.test(text[i]!); i++) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
      }
    }
    if (!isPlaceholder(value)) out.push({ shown: `${m[1]}=${MASK}` });
  }
  for (const u of uriUserInfo(text)) {
    if (!isPlaceholder(u.password)) out.push({ shown: `${u.scheme}://${u.user.length <= 32 ? u.user : '…'}:${MASK}@` });
  }
  return out;
}

const isSchemeChar = (c: string): boolean => /[A-Za-z0-9+.-]/.test(c);
const isLetter = (c: string): boolean => /[A-Za-z]/.test(c);
/** Characters that end URI user info: blanks, '/', '@', quotes, '?', '#'. */
const endsUserInfo = (c: string): boolean => /[\s/@'"?#]/.test(c);

/**
 * `scheme://user:password@` in text, found by one linear scan (a regular expression with a
 * `[A-Za-z0-9+.-]*` scheme backtracks quadratically on a long dotted value). The scheme's
 * backward scan stops at the '/' of an earlier "://", the user info's forward scan at the next
 * '/', so no character is looked at more than a few times.
 */
export function uriUserInfo(text: string): { scheme: string; user: string; password: string }[] {
  const out: { scheme: string; user: string; password: string }[] = [];
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    let s = at;
    while (s > 0 && isSchemeChar(text[s - 1]!)) s--;
    while (s < at && !isLetter(text[s]!)) s++;
    if (s === at) continue;
    let e = at + 3;
    let colon = -1;
    while (e < text.length && !endsUserInfo(text[e]!)) {
      if (text[e] === ':' && colon === -1) colon = e;
      e++;
    }
    if (text[e] !== '@' || colon === -1 || colon + 1 === e) continue;
    out.push({ scheme: text.slice(s, at), user: text.slice(at + 3, colon), password: text.slice(colon + 1, e) });
  }
  return out;
}

interface Word {
  text: string;
  /** Contains an expansion ($, backtick) outside single quotes: not a literal. */
  dynamic: boolean;
}

/** Splits a /bin/sh command into words, the way the shell would before expansion. */
export function shellWords(s: string): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /[\s;|&()<>]/.test(s[i]!)) i++;
    if (i >= s.length) break;
    let text = '';
    let dynamic = false;
    while (i < s.length && !/[\s;|&()<>]/.test(s[i]!)) {
      const c = s[i]!;
      if (c === "'") {
        const end = s.indexOf("'", i + 1);
        const stop = end === -1 ? s.length : end;
        text += s.slice(i + 1, stop);
        i = stop + 1;
      } else if (c === '"') {
        for (i++; i < s.length && s[i] !== '"'; i++) {
          if (s[i] === '\\' && i + 1 < s.length && '"\\$`'.includes(s[i + 1]!)) i++;
          else if (s[i] === '$' || s[i] === '`') dynamic = true;
          text += s[i];
        }
        i++;
      } else if (c === '\\') {
        if (i + 1 < s.length) text += s[i + 1];
        i += 2;
      } else {
        if (c === '$' || c === '`') dynamic = true;
        text += c;
        i++;
      }
    }
    words.push({ text, dynamic });
  }
  return words;
}

const SECRET_ENV = /^[A-Z_][A-Z0-9_]*$/;
const SECRET_ENV_NAME = /(PASSWORD|PASSWD|SECRET|SECRET_KEY|SECRET_ACCESS_KEY|_TOKEN|^TOKEN|_PASS|^PASS|^SSHPASS)$/;
const SECRET_FLAG = /^--((?:[A-Za-z0-9]+-)*)(password|passwd|pass|passphrase|secret)=(.*)$/s;

/** Secrets in a shell command: environment assignments, --password=, sshpass -p, openssl pass:, curl -u. */
export function findInCommand(cmd: string): Found[] {
  const out: Found[] = [];
  const words = shellWords(cmd);
  const isCmd = (w: Word | undefined, name: string) => !!w && (w.text === name || w.text.endsWith('/' + name));
  const hasCurl = words.some((w) => isCmd(w, 'curl'));
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    const next = words[k + 1];
    const eq = w.text.indexOf('=');
    if (eq > 0 && SECRET_ENV.test(w.text.slice(0, eq)) && SECRET_ENV_NAME.test(w.text.slice(0, eq))) {
      if (!w.dynamic && !isPlaceholder(w.text.slice(eq + 1))) out.push({ shown: `${w.text.slice(0, eq)}=${MASK}` });
      continue;
    }
    const flag = SECRET_FLAG.exec(w.text);
    if (flag) {
      if (!w.dynamic && !isPlaceholder(flag[3]!)) out.push({ shown: `--${flag[1]}${flag[2]}=${MASK}` });
      continue;
    }
    // sshpass -p SECRET / -pSECRET (pg tools' -p is a port; only sshpass is matched).
    if (isCmd(w, 'sshpass')) {
      for (let j = k + 1; j < words.length && words[j]!.text.startsWith('-'); j++) {
        const o = words[j]!;
        if (o.text === '-p') {
          const v = words[j + 1];
          if (v && !v.dynamic && !isPlaceholder(v.text)) out.push({ shown: `sshpass -p ${MASK}` });
          break;
        }
        if (o.text.startsWith('-p')) {
          if (!o.dynamic && !isPlaceholder(o.text.slice(2))) out.push({ shown: `sshpass -p${MASK}` });
          break;
        }
      }
      continue;
    }
    // openssl -pass pass:SECRET (env:, file:, fd: and stdin are fine).
    if (/^-pass(in|out)?$/.test(w.text) && next && next.text.startsWith('pass:')) {
      if (!next.dynamic && !isPlaceholder(next.text.slice(5))) out.push({ shown: `${w.text} pass:${MASK}` });
      continue;
    }
    // curl -u user:password / --user user:password / --user=user:password
    if (hasCurl) {
      let cred: Word | undefined;
      if (w.text === '-u' || w.text === '--user') cred = next;
      else if (w.text.startsWith('--user=')) cred = { text: w.text.slice(7), dynamic: w.dynamic };
      else if (/^-u[^-]/.test(w.text)) cred = { text: w.text.slice(2), dynamic: w.dynamic };
      const colon = cred ? cred.text.indexOf(':') : -1;
      if (cred && colon >= 0 && !cred.dynamic && !isPlaceholder(cred.text.slice(colon + 1))) {
        out.push({ shown: `curl -u ${cred.text.slice(0, colon)}:${MASK}` });
        continue;
      }
    }
    out.push(...findInConninfo(w.text));
  }
  return out;
}

/** ssl_passphrase_command = 'echo secret': the passphrase itself is in the file. */
function findInPassphraseCommand(cmd: string): Found[] {
  const words = shellWords(cmd);
  const first = words[0];
  if (!first || !/(^|\/)(echo|printf)$/.test(first.text)) return [];
  const args = words.slice(1).filter((w) => !/^-[a-zA-Z]+$/.test(w.text) && !/^%[a-z]$/.test(w.text));
  if (args.length === 0 || args.some((w) => w.dynamic || isPlaceholder(w.text))) return [];
  return [{ shown: `${first.text} ${MASK}` }];
}

/** A name ending in one of these (after '.' or '_') names a secret. */
const SECRET_NAME = /(^|[._])(password|passwd|passphrase|secret)$/;

/** What a file's text holds when one of its assignments may hold a secret (see check). */
const MAY_HOLD_SECRET = /passw(?:or)?d|passphrase|secret|command|:\/\/|\\|\0/i;

/**
 * Whether findSecrets looks at more than the conninfo in the value of a parameter named `key`
 * (Assignment.key): a shell command, ssl_passphrase_command, or a name that names a secret.
 * Otherwise it returns findInConninfo(value), whatever the assignment's status.
 */
function judgedByName(key: string): boolean {
  if (COMMANDS.has(key) || key === 'ssl_passphrase_command') return true;
  const last = key.charCodeAt(key.length - 1);
  return (last === 0x64 || last === 0x65 || last === 0x74) && SECRET_NAME.test(key);
}

/**
 * What a committed value gives away. `key`: the parameter name folded to lower case
 * (Assignment.key); `placeholder`: a custom (two-part) name, never one of the built-in commands.
 */
export function findSecrets(key: string, value: string, placeholder: boolean): Found[] {
  if (!placeholder) {
    if (COMMANDS.has(key)) return findInCommand(value);
    if (key === 'ssl_passphrase_command') return findInPassphraseCommand(value);
  } else {
    // An extension's own setting named like a password (myext.password, pglogical.x_secret). The last
    // letter (d, e or t) rules out most names before the pattern runs: this is called for every assignment.
    const last = key.charCodeAt(key.length - 1);
    if ((last === 0x64 || last === 0x65 || last === 0x74) && SECRET_NAME.test(key) && !isPlaceholder(value)) return [{ shown: MASK }];
  }
  return findInConninfo(value);
}

export default defineRule({
  name: 'secret-in-config',
  severity: 'error',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf', 'recovery.conf'],
  docs: () => ({
    summary: 'A literal password or other secret in a committed setting',
    why:
      'Configuration in git is read by far more people and systems than the database: every clone, fork, CI job ' +
      'and backup of the repository, and its history keeps the secret even after the line is deleted. The usual ' +
      'leaks are a password= in primary_conninfo (or a postgresql://user:password@host URI), PGPASSWORD= or ' +
      '--password= in archive_command or restore_command, and an echoed passphrase in ssl_passphrase_command. ' +
      'Replication and tools can read passwords from a ~/.pgpass file (passfile=) or the environment instead. ' +
      'Template references ($VAR, ${VAR}, {{ var }}, <password>) are not reported. Findings never repeat the ' +
      'secret.',
    invalid: [
      "primary_conninfo = 'host=primary user=replicator password=s3cret'",
      "restore_command = 'PGPASSWORD=s3cret pg_receivewal -h backup -p 5432 %f'",
      "primary_conninfo = 'postgresql://replicator:s3cret@primary:5432/postgres'",
    ],
    valid: [
      "primary_conninfo = 'host=primary user=replicator passfile=/var/lib/postgresql/.pgpass'",
      "archive_command = 'rsync -a %p backup@archive:/wal/%f'",
      "restore_command = 'pg_receivewal -h backup -p 5432 -U repl --password %f'",
      "primary_conninfo = 'host=primary user=replicator password={{ replication_password }}'",
    ],
    references: [
      'https://www.postgresql.org/docs/current/libpq-pgpass.html',
      'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING',
      'https://www.postgresql.org/docs/current/runtime-config-replication.html#GUC-PRIMARY-CONNINFO',
      'https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-ARCHIVE-COMMAND',
    ],
    versions: 'all (recovery.conf in 11 and earlier)',
  }),
  check(ctx) {
    // Called for every assignment of the file set: locations are built only for a finding.
    const visit = <T>(name: string, key: string, value: string, placeholder: boolean, loc: (of: T) => Loc, of: T): void => {
      const found = findSecrets(key, value, placeholder);
      if (found.length === 0) return;
      // What was found, never the secret itself: at most five, each bounded (names and URL
      // schemes come from the file too).
      const shown = [...new Set(found.map((f) => boundQuote(f.shown, 60)))].slice(0, 5).join(', ');
      ctx.report({
        loc: loc(of),
        message: `${boundQuote(name)} contains ${found.length === 1 ? 'a literal secret' : `${found.length} literal secrets`} (${shown}): anyone who can read the repository or its history can use it`,
        help: 'Remove the secret from the file and rotate it; let libpq read it from a password file (passfile=, ~/.pgpass) or the service environment instead.',
      });
    };
    // Most assignments cannot hold a secret, and their file's text shows it: findInConninfo needs
    // 'password' or '://' in the value, which is a piece of that text (a quoted value without a
    // backslash or NUL only loses one quote of each pair), and a name findSecrets judges by (a
    // command, a name ending in password, passwd, passphrase or secret) is one too, folded, unless it
    // is a parameter's (an old alias names it otherwise: its key is asked for). In a file whose text
    // holds none of these, in any case, an assignment is passed over without reading its value, or
    // its key when it is no parameter's. Each file is searched once, natively.
    const free = new Map<SourceFile, boolean>();
    let lastFile: SourceFile | undefined;
    let lastFree = false;
    const all = ctx.cluster.assignments;
    for (let i = 0; i < all.length; i++) {
      const a = all[i]!;
      if (a.file !== lastFile) {
        const file = a.file;
        let f = free.get(file);
        if (f === undefined) free.set(file, (f = !MAY_HOLD_SECRET.test(file.text)));
        lastFile = file;
        lastFree = f;
      }
      if (lastFree && (a.def === undefined || !judgedByName(a.key))) continue;
      visit(a.line.name, a.key, a.line.value, a.status === 'placeholder', valueLoc, a);
    }
    const rec = ctx.cluster.recovery;
    if (rec) {
      for (const l of rec.lines) {
        if (l.kind !== 'setting') continue;
        visit(l.name, foldName(l.name), l.value, false, (line) => ({ file: rec.file.path, start: line.valueStart, end: line.valueEnd }), l);
      }
    }
  },
});
