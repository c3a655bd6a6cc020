/**
 * Glob matching for config paths (forward slashes): `**` any number of directories, `*` and `?`
 * within one segment, `{a,b}` alternatives (literal text), `[abc]` classes (`[!abc]` negated,
 * ranges `a-z`). A pattern without a slash matches the base name anywhere (like .gitignore), and a
 * pattern that matches a directory matches everything below it.
 *
 * The patterns come from the repository's config file, which a pull request can change, and are
 * matched against file names the pull request chooses. A backtracking regular expression
 * (`^[^/]*[^/]*…x$` against a long name) takes exponential or high-polynomial time, so a pattern
 * is compiled to a Thompson NFA instead and simulated state set by state set: O(name × pattern)
 * whatever the input, no backtracking, and the size of the automaton is linear in the pattern
 * (alternatives are branches, not expansions, so `{a,b}{c,d}…` does not multiply).
 */

/** What a state does: consume one character of a kind, branch (epsilon), or accept. */
const Op = {
  Char: 0, // arg: the UTF-16 code unit
  NoSlash: 1, // any character but `/` (`?`, and `*` within a segment)
  Any: 2, // any character but a line terminator (a regexp's `.`: what `**` matched before)
  Class: 3, // arg: index into `classes`
  Split: 4, // epsilon to out and out2
  Match: 5,
} as const;
type Op = (typeof Op)[keyof typeof Op];

interface CharClass {
  negated: boolean;
  /** Inclusive [lo, hi] pairs of code units. */
  ranges: number[];
}

/** A compiled pattern: states in parallel arrays; `start` is where matching begins. */
export interface Automaton {
  readonly op: Uint8Array;
  readonly arg: Int32Array;
  readonly out: Int32Array;
  readonly out2: Int32Array;
  readonly classes: readonly CharClass[];
  readonly start: number;
}

/** Builds states back to front: each piece is given the state that follows it and returns its first. */
class Builder {
  private op: number[] = [];
  private arg: number[] = [];
  private out: number[] = [];
  private out2: number[] = [];
  readonly classes: CharClass[] = [];

  state(op: Op, arg: number, out: number, out2 = -1): number {
    this.op.push(op);
    this.arg.push(arg);
    this.out.push(out);
    this.out2.push(out2);
    return this.op.length - 1;
  }

  setOut(s: number, out: number): void {
    this.out[s] = out;
  }

  /** `c*` for a one-character piece of kind `op` (arg `arg`), followed by `next`. */
  star(op: Op, arg: number, next: number): number {
    const loop = this.state(Op.Split, 0, -1, next);
    this.setOut(loop, this.state(op, arg, loop));
    return loop;
  }

  finish(start: number): Automaton {
    return {
      op: Uint8Array.from(this.op),
      arg: Int32Array.from(this.arg),
      out: Int32Array.from(this.out),
      out2: Int32Array.from(this.out2),
      classes: this.classes,
      start,
    };
  }
}

const LINE_TERMINATORS = new Set([0x0a, 0x0d, 0x2028, 0x2029]);

function consumes(a: Automaton, s: number, c: number): boolean {
  switch (a.op[s]) {
    case Op.Char:
      return a.arg[s] === c;
    case Op.NoSlash:
      return c !== 0x2f;
    case Op.Any:
      return !LINE_TERMINATORS.has(c);
    case Op.Class: {
      const k = a.classes[a.arg[s]!]!;
      let inside = false;
      for (let i = 0; i < k.ranges.length; i += 2) {
        if (c >= k.ranges[i]! && c <= k.ranges[i + 1]!) {
          inside = true;
          break;
        }
      }
      return inside !== k.negated;
    }
    default:
      return false;
  }
}

/**
 * A function telling whether the automaton accepts the whole of `text`: the set of live states
 * advanced one character at a time (each state entered at most once per step), O(text × states).
 * Its buffers are allocated once and reused (matching is not reentrant).
 */
export function automatonMatcher(a: Automaton): (text: string) => boolean {
  const n = a.op.length;
  const mark = new Float64Array(n).fill(-1);
  let cur = new Int32Array(n);
  let next = new Int32Array(n);
  const stack = new Int32Array(2 * n + 2);
  /** Generation of the current step, increasing across calls, so `mark` is never cleared. */
  let gen = 0;
  /** Adds s and every state reachable from it by epsilon moves to `list`; returns the new length. */
  const add = (list: Int32Array, len: number, s: number): number => {
    let sp = 0;
    stack[sp++] = s;
    while (sp > 0) {
      const t = stack[--sp]!;
      if (t < 0 || mark[t] === gen) continue;
      mark[t] = gen;
      if (a.op[t] === Op.Split) {
        stack[sp++] = a.out2[t]!;
        stack[sp++] = a.out[t]!;
      } else list[len++] = t;
    }
    return len;
  };
  return (text) => {
    gen++;
    let len = add(cur, 0, a.start);
    for (let i = 0; i < text.length && len > 0; i++) {
      const c = text.charCodeAt(i);
      gen++;
      let nlen = 0;
      for (let j = 0; j < len; j++) {
        const s = cur[j]!;
        if (consumes(a, s, c)) nlen = add(next, nlen, a.out[s]!);
      }
      const t = cur;
      cur = next;
      next = t;
      len = nlen;
    }
    for (let j = 0; j < len; j++) if (a.op[cur[j]!] === Op.Match) return true;
    return false;
  };
}

/** `[...]` body (between the brackets): a leading `!` or `^` negates; `a-z` is a range. */
function parseClass(body: string): CharClass {
  let i = 0;
  let negated = false;
  if (body[0] === '!' || body[0] === '^') {
    negated = true;
    i = 1;
  }
  const ranges: number[] = [];
  while (i < body.length) {
    const lo = body.charCodeAt(i);
    if (body[i + 1] === '-' && i + 2 < body.length) {
      ranges.push(lo, body.charCodeAt(i + 2));
      i += 3;
    } else {
      ranges.push(lo, lo);
      i++;
    }
  }
  return { negated, ranges };
}

/** Compiles a glob (see the top of this file) to an automaton. */
export function compileGlob(glob: string): Automaton {
  let g = glob.startsWith('./') ? glob.slice(2) : glob;
  if (!g.includes('/')) g = '**/' + g;
  const b = new Builder();
  // The end: the path itself, or anything below it (`(/.*)?$`).
  const match = b.state(Op.Match, 0, -1);
  const below = b.star(Op.Any, 0, match);
  let next = b.state(Op.Split, 0, b.state(Op.Char, 0x2f, below), match);

  // Pieces left to right, then built right to left.
  const pieces: ((next: number) => number)[] = [];
  /** Index in `pieces` of the last single-segment `*`, to merge a run of them. */
  let lastStar = -1;
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        const atSegmentStart = i === 0 || g[i - 1] === '/';
        const atSegmentEnd = g[i + 2] === '/' || i + 2 === g.length;
        if (atSegmentStart && atSegmentEnd) {
          if (g[i + 2] === '/') {
            // `**/`: no directory, or any run of them: empty or anything that ends in `/`
            pieces.push((nx) => {
              const loop = b.state(Op.Split, 0, -1, nx);
              const inside = b.state(Op.Split, 0, -1, b.state(Op.Char, 0x2f, loop));
              b.setOut(inside, b.state(Op.NoSlash, 0, inside));
              b.setOut(loop, inside);
              return loop;
            });
            i += 2;
          } else {
            pieces.push((nx) => b.star(Op.Any, 0, nx));
            i += 1;
          }
          continue;
        }
      }
      // `a***b` is `a*b`: one state, not one live state per `*` for the whole name
      if (g[i - 1] !== '*' || pieces.length === 0 || lastStar !== pieces.length - 1) {
        lastStar = pieces.length;
        pieces.push((nx) => b.star(Op.NoSlash, 0, nx));
      }
    } else if (c === '?') pieces.push((nx) => b.state(Op.NoSlash, 0, nx));
    else if (c === '{' && g.indexOf('}', i) !== -1) {
      const close = g.indexOf('}', i);
      const alternatives = g.slice(i + 1, close).split(',');
      pieces.push((nx) => {
        // One branch per alternative, each a literal run ending in nx: linear in the pattern.
        let first = -1;
        for (let k = alternatives.length - 1; k >= 0; k--) {
          const alt = alternatives[k]!;
          let s = nx;
          for (let j = alt.length - 1; j >= 0; j--) s = b.state(Op.Char, alt.charCodeAt(j), s);
          first = first === -1 ? s : b.state(Op.Split, 0, s, first);
        }
        return first;
      });
      i = close;
    } else if (c === '[' && g.indexOf(']', i + 1) !== -1) {
      const close = g.indexOf(']', i + 1);
      const k = b.classes.push(parseClass(g.slice(i + 1, close))) - 1;
      pieces.push((nx) => b.state(Op.Class, k, nx));
      i = close;
    } else {
      const code = g.charCodeAt(i);
      pieces.push((nx) => b.state(Op.Char, code, nx));
    }
  }
  for (let k = pieces.length - 1; k >= 0; k--) next = pieces[k]!(next);
  return b.finish(next);
}

export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const matchers = globs.map((g) => automatonMatcher(compileGlob(g)));
  return (path) => matchers.some((m) => m(path));
}

/**
 * A name pattern where `*` is any run of characters and everything else is literal (the
 * `unknown-setting` rule's `ignore`), matched whole, in linear time per pattern character.
 */
export function wildcardMatcher(pattern: string): (name: string) => boolean {
  const b = new Builder();
  let next = b.state(Op.Match, 0, -1);
  for (let i = pattern.length - 1; i >= 0; i--) {
    const c = pattern.charCodeAt(i);
    if (c === 0x2a) {
      while (i > 0 && pattern.charCodeAt(i - 1) === 0x2a) i--; // `**` is `*`
      next = b.star(Op.Any, 0, next);
    } else next = b.state(Op.Char, c, next);
  }
  return automatonMatcher(b.finish(next));
}
