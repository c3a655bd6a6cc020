/**
 * The database and user dimensions of the access diff (src/diff/access.ts): sets of names as the
 * diff reports them (NameSetSpec), how a set is described for people, and the regular expressions
 * of pg_hba.conf (16+) evaluated on names the files list.
 */

/**
 * A set of database or user names. A name is in the set when it is one of `names`, or it is an
 * "other" name described by `others`, or (user sets) it is the user named as the database and
 * `same` describes it. For a database set, `replication` says whether physical replication
 * connections (which only the `replication` keyword matches) are in it.
 */
export interface NameSetSpec {
  names: string[];
  /**
   * Every name not in `except` whose matches against `regexes` (true: the regex matches the name)
   * is one of `vectors`. With no regexes, `vectors` is `[[]]`. `notSame`: the user named as the
   * database is not in this part (it is in `same`, or it is in no part).
   */
  others: { except: string[]; regexes: string[]; vectors: boolean[][]; notSame: boolean } | null;
  /** User sets only: the user whose name is the database's, the database being none of `except`. */
  same: { except: string[]; regexes: string[]; vectors: boolean[][] } | null;
  replication: boolean;
}

/**
 * PostgreSQL evaluates these with its own regex engine (ARE, regexec_auth_token: an unanchored
 * search). A pattern made only of the constructs whose meaning is the same in JavaScript (with the
 * `s` flag: ARE's `.` matches a newline) is evaluated in JavaScript; anything else (character
 * classes `[[:alpha:]]`, `\m`, `\y`, back references, embedded options, `***` directors, lookaround)
 * is left undecided and reported.
 */
export function toJsRegex(source: string): RegExp | null {
  if (source.startsWith('***')) return null;
  let out = '';
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    if (c === '\\') {
      const e = source[i + 1];
      if (e === undefined) return null;
      if (/[A-Za-z0-9]/.test(e) && !'dDwWsS'.includes(e)) return null;
      out += c + e;
      i += 2;
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      if (source[i + 2] !== ':') return null;
      out += '(?:';
      i += 3;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') return null;
      let body = '';
      while (j < n && source[j] !== ']') {
        if (source[j] === '[' && ':.='.includes(source[j + 1] ?? '')) return null;
        if (source[j] === '\\') {
          const e = source[j + 1];
          if (e === undefined || (/[A-Za-z0-9]/.test(e) && !'dDwWsS'.includes(e))) return null;
          body += source[j]! + e;
          j += 2;
          continue;
        }
        body += source[j];
        j++;
      }
      if (j >= n) return null;
      out += `[${source[i + 1] === '^' ? '^' : ''}${body}]`;
      i = j + 1;
      continue;
    }
    out += c;
    i++;
  }
  try {
    return new RegExp(out, 's');
  } catch {
    return null;
  }
}

/** At most this many names are spelled out in one description; the rest are counted. */
export const MAX_DESCRIBED_NAMES = 10;

function nameList(names: readonly string[]): string {
  const shown = names.slice(0, MAX_DESCRIBED_NAMES).map(quoteName);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return shown.join(', ');
}

/** A name that could be read as a keyword or a list is shown quoted, as pg_hba.conf would need it. */
function quoteName(n: string): string {
  return /^[A-Za-z0-9_.$-]+$/.test(n) && !['all', 'sameuser', 'samerole', 'samegroup', 'replication'].includes(n) ? n : `"${n.replace(/"/g, '""')}"`;
}

function vectorsText(regexes: readonly string[], vectors: readonly boolean[][]): string {
  if (regexes.length === 0 || vectors.length === 1 << regexes.length) return '';
  const one = (v: readonly boolean[]): string => {
    const m = regexes.filter((_, i) => v[i]).map((r) => `/${r}`);
    const not = regexes.filter((_, i) => !v[i]).map((r) => `/${r}`);
    return [m.length ? `matching ${m.join(' and ')}` : '', not.length ? `not matching ${not.join(' or ')}` : ''].filter(Boolean).join(', ');
  };
  return vectors.map(one).join('; or ');
}

/**
 * "all", "app, web", "any database except app", "any other user matching /^a", "the user named as
 * the database (sameuser)", "physical replication", joined with "; ".
 */
export function describeNames(s: NameSetSpec, what: 'database' | 'user'): string {
  const parts: string[] = [];
  if (s.replication) parts.push('physical replication connections');
  const o = s.others;
  const plainOthers = o !== null && vectorsText(o.regexes, o.vectors) === '' && !o.notSame;
  if (plainOthers && s.names.length === 0 && o.except.length === 0) {
    parts.push(what === 'database' ? 'any database (all)' : 'any user (all)');
  } else if (plainOthers && s.names.length === 0) {
    parts.push(`any ${what} except ${nameList(o.except)}`);
  } else {
    if (s.names.length) parts.push(nameList(s.names));
    if (o) {
      const v = vectorsText(o.regexes, o.vectors);
      let t = o.except.length ? `any ${what} other than ${nameList(o.except)}` : `any ${what}`;
      if (v) t += ` ${v}`;
      if (o.notSame) t += ', not named as the database';
      parts.push(t);
    }
  }
  if (s.same) {
    const v = vectorsText(s.same.regexes, s.same.vectors);
    parts.push(`the user named as the database (sameuser)${v ? `, ${v}` : ''}`);
  }
  return parts.join('; ');
}
