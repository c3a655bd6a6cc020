/** scanner_isspace (parser/scansup.c). */
export function isScannerSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v';
}

/** One element of a list value: its text ("" collapsed when quoted) and where it is written. */
export interface ListEntry {
  name: string;
  quoted: boolean;
  /** Offsets in the value: from the first character (an opening quote) to just past the last. */
  start: number;
  end: number;
}

/**
 * The scan SplitGUCList and SplitIdentifierString (utils/adt/varlena.c) share, with ',' as the
 * separator: elements are trimmed of blanks, an unquoted element extends to a separator or a
 * blank, a quoted one may contain anything with "" standing for one quote. A blank string is an
 * empty list; null on a syntax error (an unquoted empty element, a missing quote, junk after an
 * element). SplitIdentifierString's down-casing and truncation are left to the caller.
 */
export function splitQuotedList(s: string): ListEntry[] | null {
  const out: ListEntry[] = [];
  let i = 0;
  while (isScannerSpace(s[i])) i++;
  if (i >= s.length) return out;
  for (;;) {
    const start = i;
    let name = '';
    const quoted = s[i] === '"';
    if (quoted) {
      i++;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q === -1) return null;
        name += s.slice(i, q);
        i = q + 1;
        if (s[i] !== '"') break;
        name += '"';
        i++;
      }
    } else {
      while (i < s.length && s[i] !== ',' && !isScannerSpace(s[i])) i++;
      if (i === start) return null;
      name = s.slice(start, i);
    }
    out.push({ name, quoted, start, end: i });
    while (isScannerSpace(s[i])) i++;
    if (i >= s.length) return out;
    if (s[i] !== ',') return null;
    i++;
    while (isScannerSpace(s[i])) i++;
  }
}
