#!/usr/bin/env node
import { createRequire as __pgclCreateRequire } from 'node:module'; const require = __pgclCreateRequire(import.meta.url);
import {
  CIS,
  CONFIG_NAMES,
  ConfigError,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_PROFILE,
  FILE_LIMIT_HINT,
  GIT_DIR_REFUSAL,
  MASK,
  MAX_MAX_FILE_BYTES,
  NEWEST_MAJOR,
  OUTSIDE_REFUSAL,
  SEVERITIES,
  STIG,
  SUPPORTED_MAJORS,
  VERSION,
  boundQuote,
  boundQuotedIn,
  boundQuotes,
  closestNameMatches,
  containsSecret,
  createSourceFile,
  decode,
  describeFsError,
  descriptorPath,
  editDistance,
  editionFor,
  fileIdentity,
  findProfile,
  foldName,
  hasGitSegment,
  isInside,
  lineColumn,
  loadCatalog,
  lookupParam,
  maskQuoted,
  mergeRules,
  nameHistory,
  nodeHost,
  parseSize,
  privateKeyBlocks,
  profileBlocks,
  profileListing,
  profileRules,
  redactSecrets,
  secretRanges,
  selectedProfiles,
  sizeLimitError,
  timezoneSets,
  timezones,
  toAssumptions,
  unknownProfileMessage
} from "./cli-chunk-XXVQYY54.js";

// src/cli.ts
import { existsSync, statSync as statSync2 } from "node:fs";

// src/resolve/repo-root.ts
import { lstatSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
function hasGit(dir) {
  try {
    const st = lstatSync(join(dir, ".git"));
    return st.isDirectory() || st.isFile();
  } catch {
    return false;
  }
}
function findRepositoryRoot(start) {
  let cur = resolve(start);
  for (; ; ) {
    if (hasGit(cur)) return cur;
    const up = dirname(cur);
    if (up === cur) return void 0;
    cur = up;
  }
}
function cliBase(cwd) {
  return findRepositoryRoot(cwd) ?? resolve(cwd);
}

// src/io/safe-write.ts
import { closeSync, constants, fchmodSync, lstatSync as lstatSync2, mkdirSync, openSync, realpathSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, join as join2, relative, resolve as resolve2, sep } from "node:path";
var SafeWriteError = class extends Error {
};
var NOFOLLOW = constants.O_NOFOLLOW ?? 0;
function fail(err) {
  throw new SafeWriteError(describeFsError(err));
}
function lstatOrMissing(p) {
  try {
    return lstatSync2(p);
  } catch (err) {
    if (err.code === "ENOENT") return void 0;
    return fail(err);
  }
}
function checkedDirectory(abs, options) {
  for (const root of options.roots) {
    const lexical = resolve2(root);
    let real;
    try {
      real = realpathSync(lexical);
    } catch {
      continue;
    }
    const under = isInside(lexical, abs) ? lexical : isInside(real, abs) ? real : void 0;
    if (!under) continue;
    const rel = relative(under, abs);
    if (rel === "") throw new SafeWriteError("Is a directory");
    const parts = rel.split(sep);
    parts.pop();
    let cur = real;
    const walked = [];
    for (const part of parts) {
      cur = join2(cur, part);
      walked.push(part);
      const shown5 = walked.join("/");
      let st = lstatOrMissing(cur);
      if (!st) {
        if (!options.createParents) throw new SafeWriteError("No such file or directory");
        try {
          mkdirSync(cur, { mode: 493 });
        } catch (err) {
          if (err.code !== "EEXIST") fail(err);
        }
        st = lstatOrMissing(cur);
      }
      if (st?.isSymbolicLink()) throw new SafeWriteError(`its parent directory ${shown5} is a symbolic link; output is never written through a link`);
      if (!st?.isDirectory()) throw new SafeWriteError(`its parent ${shown5} is not a directory`);
    }
    return cur;
  }
  if (options.outside === "refuse") throw new SafeWriteError(`outside ${options.rootsLabel}; output files are written only there`);
  return void 0;
}
function writeInPlace(abs, data) {
  let fd;
  try {
    fd = openSync(abs, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NOFOLLOW, 420);
  } catch (err) {
    const code = err.code;
    if (code === "ELOOP" || code === "EMLINK" && lstatOrMissing(abs)?.isSymbolicLink()) {
      throw new SafeWriteError("it is a symbolic link; output is never written through a link (give the path it points to)");
    }
    return fail(err);
  }
  try {
    writeFileSync(fd, data);
  } catch (err) {
    fail(err);
  } finally {
    closeSync(fd);
  }
}
function safeWriteFile(path, data, options) {
  const abs = resolve2(path);
  const name = basename(abs);
  const dir = checkedDirectory(abs, options);
  if (dir === void 0) return writeInPlace(abs, data);
  const target = join2(dir, name);
  if (lstatOrMissing(target)?.isDirectory()) throw new SafeWriteError("Is a directory");
  const tmp = join2(dir, `.${name.slice(0, 100)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  let fd;
  try {
    if (realpathSync(dir) !== dir) throw new SafeWriteError("its directory changed while it was being written");
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 420);
  } catch (err) {
    if (err instanceof SafeWriteError) throw err;
    return fail(err);
  }
  let done = false;
  try {
    writeFileSync(fd, data);
    fchmodSync(fd, 420);
    closeSync(fd);
    fd = -1;
    if (realpathSync(dir) !== dir) throw new SafeWriteError("its directory changed while it was being written");
    renameSync(tmp, target);
    done = true;
  } catch (err) {
    if (err instanceof SafeWriteError) throw err;
    fail(err);
  } finally {
    if (fd !== -1) {
      try {
        closeSync(fd);
      } catch {
      }
    }
    if (!done) {
      try {
        unlinkSync(tmp);
      } catch {
      }
    }
  }
}

// src/cli.ts
import { relative as relative4, resolve as resolve9 } from "node:path";

// src/config/config-lookup.ts
import { lstatSync as lstatSync3 } from "node:fs";
import { dirname as dirname2, join as join3, resolve as resolve3 } from "node:path";
function presentIn(dir) {
  return CONFIG_NAMES.filter((name) => {
    try {
      lstatSync3(join3(dir, name));
      return true;
    } catch {
      return false;
    }
  });
}
function findConfigUpward(start, top) {
  const stop = resolve3(top);
  let cur = resolve3(start);
  const within = isInside(stop, cur);
  for (; ; ) {
    const names = presentIn(cur);
    if (names.length) return { path: join3(cur, names[0]), shadowed: names.slice(1) };
    const up = dirname2(cur);
    if (!within || cur === stop || up === cur) return void 0;
    cur = up;
  }
}
function lookupTop(cwd, repoRoot, root) {
  const repo = resolve3(repoRoot);
  if (root === void 0) return repo;
  const r = resolve3(cwd, root);
  return isInside(r, resolve3(cwd)) && isInside(repo, r) ? r : repo;
}
function shadowedWarning(found, display) {
  if (!found.shadowed.length) return void 0;
  return `${display} is used; ${found.shadowed.join(" and ")} in the same directory ${found.shadowed.length > 1 ? "are" : "is"} not read (keep one config file)`;
}

// src/catalog/format.ts
function formatG(x, flavor = "pg", precision = 6) {
  const neg = x < 0 || Object.is(x, -0);
  if (Number.isNaN(x)) return flavor === "pg" ? "NaN" : "nan";
  if (!Number.isFinite(x)) return (neg ? "-" : "") + (flavor === "pg" ? "Infinity" : "inf");
  const sign = neg ? "-" : "";
  if (x === 0) return sign + "0";
  const p = Math.max(precision, 1);
  const { digits, exp } = roundToDigits(Math.abs(x), p);
  let out;
  if (exp < -4 || exp >= p) {
    const frac = digits.slice(1).replace(/0+$/, "");
    const e = Math.abs(exp).toString().padStart(2, "0");
    out = digits[0] + (frac ? "." + frac : "") + "e" + (exp < 0 ? "-" : "+") + e;
  } else if (exp >= 0) {
    const frac = digits.slice(exp + 1).replace(/0+$/, "");
    out = digits.slice(0, exp + 1) + (frac ? "." + frac : "");
  } else {
    out = ("0." + "0".repeat(-exp - 1) + digits).replace(/0+$/, "");
  }
  return sign + out;
}
function roundToDigits(x, p) {
  const split = (s) => {
    const [m, e] = s.split("e");
    return { digits: m.replace(".", ""), exp: Number(e) };
  };
  const rounded = split(x.toExponential(p - 1));
  const longer = x.toExponential(p);
  const more = split(longer);
  if (more.digits.endsWith("5") && decimalEquals(longer, x)) {
    const truncated = more.digits.slice(0, p);
    if (Number(truncated[p - 1]) % 2 === 0) return { digits: truncated, exp: more.exp };
  }
  return rounded;
}
function decimalEquals(dec, x) {
  const m = /^(\d+)(?:\.(\d*))?e([+-]\d+)$/.exec(dec);
  if (!m) return false;
  const digits = BigInt(m[1] + (m[2] ?? ""));
  const dexp = Number(m[3]) - (m[2]?.length ?? 0);
  const { mant, exp2 } = decompose(x);
  let left = digits * (dexp > 0 ? 10n ** BigInt(dexp) : 1n);
  let right = mant * (exp2 > 0 ? 2n ** BigInt(exp2) : 1n);
  if (dexp < 0) right *= 10n ** BigInt(-dexp);
  if (exp2 < 0) left *= 2n ** BigInt(-exp2);
  return left === right;
}
function decompose(x) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = hi >>> 20 & 2047;
  const fracBits = BigInt(hi & 1048575) << 32n | BigInt(lo);
  if (biased === 0) return { mant: fracBits, exp2: -1074 };
  return { mant: fracBits | 1n << 52n, exp2: biased - 1075 };
}
function rint(x) {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
var C_SPACE = /* @__PURE__ */ new Set([" ", "	", "\n", "\v", "\f", "\r"]);
function isCSpace(ch) {
  return ch !== void 0 && C_SPACE.has(ch);
}
function skipSpace(s, i) {
  while (isCSpace(s[i])) i++;
  return i;
}
var LONG_MAX = 2n ** 63n - 1n;
var LONG_MIN = -(2n ** 63n);
function strtol(s) {
  let i = skipSpace(s, 0);
  let neg = false;
  if (s[i] === "+" || s[i] === "-") neg = s[i++] === "-";
  let base = 10;
  if (s[i] === "0" && (s[i + 1] === "x" || s[i + 1] === "X") && /[0-9a-fA-F]/.test(s[i + 2] ?? "")) {
    base = 16;
    i += 2;
  } else if (s[i] === "0") {
    base = 8;
  }
  const digitRe = base === 16 ? /[0-9a-fA-F]/ : base === 8 ? /[0-7]/ : /[0-9]/;
  const start = i;
  while (i < s.length && digitRe.test(s[i])) i++;
  if (i === start) return { value: 0, end: 0, erange: false };
  let big = BigInt((base === 16 ? "0x" : base === 8 ? "0o" : "") + s.slice(start, i));
  if (neg) big = -big;
  if (big > LONG_MAX) return { value: Number(LONG_MAX), end: i, erange: true };
  if (big < LONG_MIN) return { value: Number(LONG_MIN), end: i, erange: true };
  return { value: Number(big), end: i, erange: false };
}
var DBL_MIN = 22250738585072014e-324;
function strtod(s) {
  let i = skipSpace(s, 0);
  let neg = false;
  if (s[i] === "+" || s[i] === "-") neg = s[i++] === "-";
  const sign = neg ? -1 : 1;
  const rest = s.slice(i);
  const special = /^(inf(inity)?|nan(\([0-9A-Za-z_]*\))?)/i.exec(rest);
  if (special) {
    const isNan = special[0][0] === "n" || special[0][0] === "N";
    return { value: isNan ? NaN : sign * Infinity, end: i + special[0].length, erange: false };
  }
  const hex = /^0[xX](?=\.?[0-9a-fA-F])([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?/.exec(rest);
  if (hex) {
    const r = hexToDouble(hex[1], hex[2] ?? "", hex[3]);
    return { value: sign * r.value, end: i + hex[0].length, erange: r.erange };
  }
  const dec = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest);
  if (!dec) return { value: 0, end: 0, erange: false };
  const value = Number(dec[0]);
  const nonzero = /[1-9]/.test(dec[0].replace(/[eE].*$/, ""));
  const erange = !Number.isFinite(value) || nonzero && value < DBL_MIN;
  return { value: sign * value, end: i + dec[0].length, erange };
}
function hexToDouble(intPart, fracPart, expText) {
  const mant = BigInt("0x" + (intPart + fracPart || "0"));
  const exp = Number(expText ?? 0) - 4 * fracPart.length;
  if (mant === 0n) return { value: 0, erange: false };
  const bits = mant.toString(2).length;
  const top = bits - 1 + exp;
  if (top > 1023) return { value: Infinity, erange: true };
  const lowest = Math.max(top - 52, -1074);
  const shift = lowest - exp;
  let kept = mant;
  let inexact = false;
  if (shift > 0) {
    kept = mant >> BigInt(shift);
    const dropped = mant - (kept << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    inexact = dropped !== 0n;
    if (dropped > half || dropped === half && (kept & 1n) === 1n) kept += 1n;
  } else {
    kept = mant << BigInt(-shift);
  }
  const value = Number(kept) * 2 ** lowest;
  if (!Number.isFinite(value)) return { value, erange: true };
  return { value, erange: inexact && value < DBL_MIN };
}

// src/lexical/guc-list.ts
function isScannerSpace(ch) {
  return ch === " " || ch === "	" || ch === "\n" || ch === "\r" || ch === "\f" || ch === "\v";
}
function splitQuotedList(s) {
  const out = [];
  let i = 0;
  while (isScannerSpace(s[i])) i++;
  if (i >= s.length) return out;
  for (; ; ) {
    const start = i;
    let name = "";
    const quoted = s[i] === '"';
    if (quoted) {
      i++;
      for (; ; ) {
        const q = s.indexOf('"', i);
        if (q === -1) return null;
        name += s.slice(i, q);
        i = q + 1;
        if (s[i] !== '"') break;
        name += '"';
        i++;
      }
    } else {
      while (i < s.length && s[i] !== "," && !isScannerSpace(s[i])) i++;
      if (i === start) return null;
      name = s.slice(start, i);
    }
    out.push({ name, quoted, start, end: i });
    while (isScannerSpace(s[i])) i++;
    if (i >= s.length) return out;
    if (s[i] !== ",") return null;
    i++;
    while (isScannerSpace(s[i])) i++;
  }
}

// src/catalog/hooks.ts
var OK = { ok: true };
function asciiLower(s) {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
function clipBytes(s, max, enc) {
  const bytes2 = Buffer.from(s, enc);
  return bytes2.length <= max ? s : bytes2.subarray(0, max).toString(enc);
}
function splitIdentifierString(raw, enc = "utf8") {
  const entries = splitQuotedList(raw);
  return entries && entries.map((e) => clipBytes(e.quoted ? e.name : asciiLower(e.name), 63, enc));
}
function splitDirectoriesString(raw) {
  const blank = (c) => c !== void 0 && isCSpace(c);
  const out = [];
  let i = 0;
  while (blank(raw[i])) i++;
  if (i >= raw.length) return out;
  for (; ; ) {
    let name;
    if (raw[i] === '"') {
      name = "";
      let j = i + 1;
      for (; ; ) {
        const q = raw.indexOf('"', j);
        if (q < 0) return null;
        name += raw.slice(j, q);
        if (raw[q + 1] !== '"') {
          i = q + 1;
          break;
        }
        name += '"';
        j = q + 2;
      }
    } else {
      let j = i;
      while (j < raw.length && raw[j] !== ",") j++;
      let end = j;
      while (end > i && blank(raw[end - 1])) end--;
      if (end === i) return null;
      name = raw.slice(i, end);
      i = j;
    }
    out.push(name);
    while (blank(raw[i])) i++;
    if (i >= raw.length) return out;
    if (raw[i] !== ",") return null;
    i++;
    while (blank(raw[i])) i++;
  }
}
function splitGucList(raw) {
  const entries = splitQuotedList(raw);
  return entries && entries.map((e) => e.name);
}
function keywordList(value, words, enc) {
  const list4 = splitIdentifierString(value, enc);
  if (list4 === null) return { ok: false, detail: "List syntax is invalid." };
  const unknown = list4.find((t) => !words.includes(asciiLower(t)));
  return unknown === void 0 ? OK : { ok: false, detail: `Unrecognized key word: "${unknown}".` };
}
function checkDateStyle({ value, major, enc }) {
  const list4 = splitIdentifierString(value, enc);
  if (list4 === null) return { ok: false, detail: "List syntax is invalid." };
  let style = "ISO";
  let order = "MDY";
  let haveStyle = false;
  let haveOrder = false;
  let conflict = false;
  const setStyle = (s) => {
    if (haveStyle && style !== s) conflict = true;
    style = s;
    haveStyle = true;
  };
  const setOrder = (o) => {
    if (haveOrder && order !== o) conflict = true;
    order = o;
    haveOrder = true;
  };
  for (const tok of list4) {
    const t = asciiLower(tok);
    if (t === "iso") setStyle("ISO");
    else if (t === "sql") setStyle("SQL");
    else if (t.startsWith("postgres")) setStyle("Postgres");
    else if (t === "german") {
      setStyle("German");
      if (!haveOrder) order = "DMY";
    } else if (t === "ymd") setOrder("YMD");
    else if (t === "dmy" || t.startsWith("euro")) setOrder("DMY");
    else if (t === "mdy" || t === "us" || t.startsWith("noneuro")) setOrder("MDY");
    else if (t === "default") {
      if (!haveStyle) style = "ISO";
      if (!haveOrder) order = "MDY";
    } else return { ok: false, detail: `Unrecognized key word: "${tok}".` };
  }
  if (conflict) return { ok: false, detail: `Conflicting "${major >= 18 ? "DateStyle" : "datestyle"}" specifications.` };
  return { ok: true, canonical: `${style}, ${order}` };
}
var upperCased = /* @__PURE__ */ new WeakMap();
function upperCaseNames(names) {
  let u = upperCased.get(names);
  if (!u) upperCased.set(names, u = new Set(Array.from(names, (n) => n.toUpperCase())));
  return u;
}
function tzsetAccepts(value, names, enc) {
  if (value === "" || Buffer.byteLength(value, enc) > 255) return false;
  const upper = value.toUpperCase();
  if (upper === "GMT") return true;
  const file = upper[0] === ":" ? upper.slice(1) : upper;
  if (names !== void 0 && upperCaseNames(names).has(file)) return true;
  if (upper[0] !== ":" && isPosixTz(upper)) return true;
  return names === void 0 ? "unjudged" : false;
}
function offsetInRange(gmtoffsetSeconds) {
  return Number.isFinite(gmtoffsetSeconds) && Math.abs(gmtoffsetSeconds) < 168 * 3600;
}
var RANGE_DETAIL = "UTC timezone offset is out of range.";
function checkTimezone({ value, timezones: timezones2, enc }) {
  if (asciiLower(value).startsWith("interval")) {
    let i = 8;
    while (isCSpace(value[i])) i++;
    if (value[i] !== "'") return { ok: false };
    const close = value.indexOf("'", i + 1);
    if (close !== value.length - 1) return { ok: false };
    const iv = parseInterval(value.slice(i + 1, close));
    if (iv === "unjudged") return { ok: true, unjudged: "an interval form the emulation does not parse" };
    if (iv === "syntax") return { ok: false, fatal: true, message: `invalid input syntax for type interval: "${value.slice(i + 1, close)}"` };
    if (iv.months !== 0) return { ok: false, detail: "Cannot specify months in time zone interval." };
    if (iv.days !== 0) return { ok: false, detail: "Cannot specify days in time zone interval." };
    return offsetInRange(Math.trunc(iv.seconds)) ? OK : { ok: false, detail: RANGE_DETAIL };
  }
  const n = strtod(value);
  if (n.end !== 0 && n.end === value.length) {
    return offsetInRange(Math.trunc(-n.value * 3600)) ? OK : { ok: false, detail: RANGE_DETAIL };
  }
  const r = tzsetAccepts(value, timezones2, enc);
  return r === "unjudged" ? { ok: true, unjudged: "no time zone names given" } : r ? OK : { ok: false };
}
function checkLogTimezone({ value, timezones: timezones2, enc }) {
  const r = tzsetAccepts(value, timezones2, enc);
  return r === "unjudged" ? { ok: true, unjudged: "no time zone names given" } : r ? OK : { ok: false };
}
function isPosixTz(spec2) {
  let i = 0;
  const name = () => {
    if (spec2[i] === "<") {
      const close = spec2.indexOf(">", i + 1);
      if (close < 0) return false;
      i = close + 1;
      return true;
    }
    while (i < spec2.length && !/[0-9,+-]/.test(spec2[i])) i++;
    return true;
  };
  const num3 = (min, max) => {
    const m = /^\d+/.exec(spec2.slice(i));
    if (!m) return false;
    const v = Number(m[0]);
    i += m[0].length;
    return v >= min && v <= max;
  };
  const secs = () => {
    if (!num3(0, 24 * 7 - 1)) return false;
    if (spec2[i] === ":") {
      i++;
      if (!num3(0, 59)) return false;
      if (spec2[i] === ":") {
        i++;
        if (!num3(0, 60)) return false;
      }
    }
    return true;
  };
  const offset = () => {
    if (spec2[i] === "-" || spec2[i] === "+") i++;
    return secs();
  };
  const rule = () => {
    if (spec2[i] === "J") {
      i++;
      if (!num3(1, 365)) return false;
    } else if (spec2[i] === "M") {
      i++;
      if (!num3(1, 12) || spec2[i++] !== "." || !num3(1, 5) || spec2[i++] !== "." || !num3(0, 6)) return false;
    } else if (!num3(0, 365)) return false;
    if (spec2[i] === "/") {
      i++;
      return offset();
    }
    return true;
  };
  if (!name() || i === spec2.length || !offset()) return false;
  if (i === spec2.length) return true;
  const dstStart = i;
  if (!name()) return false;
  if (i === dstStart || spec2[dstStart] === "<" && i === dstStart + 2) return false;
  if (i < spec2.length && spec2[i] !== "," && spec2[i] !== ";" && !offset()) return false;
  if (i === spec2.length) return true;
  if (spec2[i] !== "," && spec2[i] !== ";") return false;
  i++;
  if (!rule() || spec2[i++] !== "," || !rule()) return false;
  return i === spec2.length;
}
var INTERVAL_UNITS = (() => {
  const t = {};
  const put = (names, v) => {
    for (const n of names) t[n] = v;
  };
  put(["y", "yr", "yrs", "year", "years"], { months: 12 });
  put(["mon", "mons", "month", "months"], { months: 1 });
  put(["qtr", "quarter"], { months: 3 });
  put(["dec", "decs", "decade", "decades"], { months: 120 });
  put(["c", "cent", "century", "centuries"], { months: 1200 });
  put(["mil", "mils", "millennia", "millennium"], { months: 12e3 });
  put(["w", "week", "weeks"], { days: 7 });
  put(["d", "day", "days"], { days: 1 });
  put(["h", "hr", "hrs", "hour", "hours"], { seconds: 3600 });
  put(["m", "min", "mins", "minute", "minutes"], { seconds: 60 });
  put(["s", "sec", "secs", "second", "seconds"], { seconds: 1 });
  put(["ms", "msec", "msecs", "msecond", "mseconds", "millisecon"], { seconds: 1e-3 });
  put(["us", "usec", "usecs", "usecond", "useconds", "microsecon"], { seconds: 1e-6 });
  return t;
})();
function parseInterval(text3) {
  const s = text3.trim();
  if (/^[+-]?P/i.test(s)) return "unjudged";
  const tokens = s.replace(/^@\s*/, "").split(/[ \t\n\r\f\v]+/).filter(Boolean);
  if (tokens.length === 0) return "syntax";
  let months = 0;
  let days = 0;
  let seconds2 = 0;
  let ago = false;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const time = /^([+-]?)(\d+):(\d+)(?::(\d+(?:\.\d*)?))?$/.exec(tok);
    if (time) {
      const sign = time[1] === "-" ? -1 : 1;
      if (Number(time[3]) > 59 || Number(time[4] ?? 0) >= 60) return "unjudged";
      seconds2 += sign * (Number(time[2]) * 3600 + Number(time[3]) * 60 + Number(time[4] ?? 0));
      continue;
    }
    if (asciiLower(tok) === "ago") {
      if (i !== tokens.length - 1) return "unjudged";
      ago = true;
      continue;
    }
    const num3 = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([A-Za-z]*)$/.exec(tok);
    if (num3) {
      let unitText = num3[2];
      if (unitText === "" && i + 1 < tokens.length && /^[A-Za-z]+$/.test(tokens[i + 1]) && asciiLower(tokens[i + 1]) !== "ago") unitText = tokens[++i];
      const v = Number(num3[1]);
      if (unitText === "") {
        seconds2 += v;
        continue;
      }
      const unit = INTERVAL_UNITS[asciiLower(unitText).slice(0, 10)];
      if (!unit) return /^[A-Za-z]+$/.test(unitText) ? "syntax" : "unjudged";
      if ((unit.months || unit.days) && !Number.isInteger(v)) return "unjudged";
      months += v * (unit.months ?? 0);
      days += v * (unit.days ?? 0);
      seconds2 += v * (unit.seconds ?? 0);
      continue;
    }
    return /^[A-Za-z]+$/.test(tok) ? "syntax" : "unjudged";
  }
  return ago ? { months: -months || 0, days: -days || 0, seconds: -seconds2 || 0 } : { months, days, seconds: seconds2 };
}
function checkTimezoneAbbreviations({ value, major }) {
  if (value === "") return { ok: false, message: 'could not read time zone file "": Is a directory' };
  return timezoneSets(major).has(value) ? OK : { ok: false };
}
function strtoulOverflows(s) {
  let i = 0;
  while (isCSpace(s[i])) i++;
  if (s[i] === "+" || s[i] === "-") i++;
  let digits;
  if (s[i] === "0" && (s[i + 1] === "x" || s[i + 1] === "X") && /[0-9a-fA-F]/.test(s[i + 2] ?? "")) {
    digits = "0x" + /^[0-9a-fA-F]+/.exec(s.slice(i + 2))[0];
  } else if (s[i] === "0") {
    digits = "0o" + (/^[0-7]+/.exec(s.slice(i))?.[0] ?? "0");
  } else {
    const m = /^\d+/.exec(s.slice(i));
    if (!m) return false;
    digits = m[0];
  }
  return BigInt(digits) > 2n ** 64n - 1n;
}
function checkRecoveryTarget({ value }) {
  return value === "immediate" || value === "" ? OK : { ok: false, detail: 'The only allowed value is "immediate".' };
}
function checkRecoveryTargetXid({ value }) {
  return value !== "" && strtoulOverflows(value) ? { ok: false } : OK;
}
function checkRecoveryTargetTimeline({ value, major }) {
  if (value === "current" || value === "latest" || !strtoulOverflows(value)) return OK;
  return { ok: false, detail: major >= 17 ? '"recovery_target_timeline" is not a valid number.' : "recovery_target_timeline is not a valid number." };
}
function checkRecoveryTargetName({ value, major, enc }) {
  if (Buffer.byteLength(value, enc) < 64) return OK;
  return { ok: false, detail: `${major >= 17 ? '"recovery_target_name"' : "recovery_target_name"} is too long (maximum 63 characters).` };
}
function checkRecoveryTargetLsn({ value }) {
  return value === "" || /^[0-9a-fA-F]{1,8}\/[0-9a-fA-F]{1,8}$/.test(value) ? OK : { ok: false };
}
var DATE_KEYWORDS = /* @__PURE__ */ new Set([
  "ad",
  "allballs",
  "am",
  "at",
  "bc",
  "d",
  "h",
  "j",
  "julian",
  "m",
  "mm",
  "on",
  "pm",
  "s",
  "t",
  "y",
  "epoch",
  "infinity",
  "now",
  "today",
  "tomorrow",
  "yesterday",
  "jan",
  "january",
  "feb",
  "february",
  "mar",
  "march",
  "apr",
  "april",
  "may",
  "jun",
  "june",
  "jul",
  "july",
  "aug",
  "august",
  "sep",
  "sept",
  "september",
  "oct",
  "october",
  "nov",
  "november",
  "dec",
  "december",
  "sun",
  "sunday",
  "mon",
  "monday",
  "tue",
  "tues",
  "tuesday",
  "wed",
  "wednesday",
  "wednes",
  "thu",
  "thur",
  "thurs",
  "thursday",
  "fri",
  "friday",
  "sat",
  "saturday",
  "dow",
  "doy",
  "isodow",
  "isoyear"
]);
var DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function checkRecoveryTargetTime({ value, major, timezones: timezones2 }) {
  if (value === "") return OK;
  if (["now", "today", "tomorrow", "yesterday"].includes(value)) return { ok: false };
  const trimmed = value.trim();
  if (!/[0-9]/.test(value)) {
    const words = asciiLower(value).split(/[^a-z]+/);
    return words.some((w) => ["now", "today", "tomorrow", "yesterday"].includes(w)) ? { ok: true, unjudged: "a special word in another spelling" } : { ok: false };
  }
  if (/^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(trimmed)) return { ok: false };
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[ \t]+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:[ \t]*(Z|[+-]\d{1,2}(?::?\d{2})?)|[ \t]+([A-Za-z][A-Za-z0-9_/+-]*))?$/.exec(trimmed);
  if (!m) {
    const far = /^(\d{5,})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
    if (far && Number(far[1]) > 294276 && Number(far[2]) >= 1 && Number(far[2]) <= 12 && Number(far[3]) >= 1 && Number(far[3]) <= 28) {
      return { ok: false, detail: major >= 18 ? `Timestamp out of range: "${value}".` : `timestamp out of range: "${value}"` };
    }
    return { ok: true, unjudged: "a timestamp form the emulation does not parse" };
  }
  if (m[4] !== void 0) {
    const [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
    if (h > 24 || mi > 59 || sec > 60 || h === 24 && (mi > 0 || sec > 0)) return { ok: false };
  }
  if (major < 16 && m[8] !== void 0 && m[8].includes("/") && timezones2 !== void 0 && !upperCaseNames(timezones2).has(m[8].toUpperCase())) {
    return { ok: false, fatal: true, message: `time zone "${asciiLower(m[8])}" not recognized` };
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return { ok: false };
  const leap = year % 4 === 0 && year % 100 !== 0 || year % 400 === 0;
  if (day > DAYS_IN_MONTH[month - 1] + (month === 2 && leap ? 1 : 0)) return { ok: false };
  if (m[7] === "Z") return { ok: false };
  if (m[7] !== void 0) {
    const glued = !/[ \t]$/.test(trimmed.slice(0, trimmed.length - m[7].length));
    if (m[4] === void 0 && m[7][0] === "-") return glued ? { ok: false } : { ok: true, unjudged: "a zone offset after a date" };
    if (m[4] === void 0 && !glued) return { ok: true, unjudged: "a zone offset after a date" };
    const off = /^[+-](\d{1,2})(?::?(\d{2}))?$/.exec(m[7]);
    if (Number(off[1]) > 15 || Number(off[2] ?? 0) > 59) return { ok: false };
  }
  if (m[8] !== void 0) {
    if (timezones2 === void 0) return { ok: true, unjudged: "no time zone names given" };
    if (upperCaseNames(timezones2).has(m[8].toUpperCase())) return OK;
    if (major < 16 && m[8].includes("/")) return { ok: false, fatal: true, message: `time zone "${asciiLower(m[8])}" not recognized` };
    if (m[8].includes("/")) return { ok: false };
    if (DATE_KEYWORDS.has(asciiLower(m[8]))) return { ok: true, unjudged: "a date/time key word (am, pm, bc, allballs, \u2026)" };
    return /^[A-Za-z]+$/.test(m[8]) ? { ok: false } : { ok: true, unjudged: "a zone the emulation does not judge" };
  }
  return OK;
}
function atoi(s) {
  let v = BigInt(s);
  const max = 2n ** 63n - 1n;
  if (v > max) v = max;
  return Number(BigInt.asIntN(32, v));
}
function syncScan(s) {
  const tokens = [];
  const identStart = /[A-Za-z\u0080-\u00ff_]/;
  const identCont = /[A-Za-z\u0080-\u00ff_0-9$]/;
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/[ \t\n\r\f\v]/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let name = "";
      for (; ; ) {
        const q = s.indexOf('"', j);
        if (q < 0) return { tokens, unterminated: true };
        name += s.slice(j, q);
        if (s[q + 1] === '"') {
          name += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      tokens.push({ t: "NAME", text: '"', value: name });
      i = j;
      continue;
    }
    if (identStart.test(c)) {
      let j = i + 1;
      while (j < s.length && identCont.test(s[j])) j++;
      const word = s.slice(i, j);
      const lw = asciiLower(word);
      tokens.push({ t: lw === "any" ? "ANY" : lw === "first" ? "FIRST" : "NAME", text: word });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < s.length && /[0-9]/.test(s[j])) j++;
      tokens.push({ t: "NUM", text: s.slice(i, j) });
      i = j;
      continue;
    }
    if (c === "*") tokens.push({ t: "NAME", text: "*" });
    else if (c === "," || c === "(" || c === ")") tokens.push({ t: c, text: c });
    else tokens.push({ t: "JUNK", text: c });
    i++;
  }
  return { tokens, unterminated: false };
}
function syncParse(s) {
  const { tokens, unterminated } = syncScan(s);
  const all = [...tokens, unterminated ? { t: "UNTERMINATED", text: "" } : { t: "EOF", text: "" }, { t: "EOF", text: "" }];
  let p = 0;
  const err = () => {
    const tok = all[p];
    if (tok.t === "UNTERMINATED") return { error: "unterminated quoted identifier at end of input" };
    return { error: tok.t === "EOF" ? "syntax error at end of input" : `syntax error at or near "${tok.text}"` };
  };
  const list4 = () => {
    for (; ; ) {
      if (all[p].t !== "NAME" && all[p].t !== "NUM") return false;
      p++;
      if (all[p].t !== ",") return true;
      p++;
    }
  };
  let numSync = 1;
  if (all[p].t === "ANY" || all[p].t === "FIRST" || all[p].t === "NUM" && all[p + 1].t === "(") {
    if (all[p].t !== "NUM") {
      p++;
      if (all[p].t !== "NUM") return err();
    }
    numSync = atoi(all[p].text);
    p++;
    if (all[p].t !== "(") return err();
    p++;
    if (!list4()) return err();
    if (all[p].t !== ")") return err();
    p++;
  } else if (!list4()) return err();
  if (all[p].t !== "EOF") return err();
  return { numSync };
}
function checkSynchronousStandbyNames({ value, enc }) {
  if (value === "") return OK;
  const r = syncParse(Buffer.from(value, enc).toString("latin1"));
  if ("error" in r) return { ok: false, detail: Buffer.from(r.error, "latin1").toString(enc) };
  if (r.numSync <= 0) return { ok: false, message: `number of synchronous standbys (${r.numSync}) must be greater than zero` };
  return OK;
}
function slotNameProblem(name, enc) {
  if (name === "") return { detail: 'replication slot name "" is too short' };
  if (Buffer.byteLength(name, enc) >= 64) return { detail: `replication slot name "${name}" is too long` };
  if (!/^[a-z0-9_]*$/.test(name)) {
    return {
      detail: `replication slot name "${name}" contains invalid character`,
      hint: "Replication slot names may only contain lower case letters, numbers, and the underscore character."
    };
  }
  return null;
}
function checkPrimarySlotName({ value, major, enc }) {
  const p = value === "" ? null : slotNameProblem(value, enc);
  if (p === null) return OK;
  return major >= 13 ? { ok: false, detail: p.detail, ...p.hint ? { hint: p.hint } : {} } : { ok: false };
}
function checkSynchronizedStandbySlots({ value, enc }) {
  if (value === "") return OK;
  const list4 = splitIdentifierString(value, enc);
  if (list4 === null) return { ok: false, detail: "List syntax is invalid." };
  for (const name of list4) {
    const p = slotNameProblem(name, enc);
    if (p) return { ok: false, detail: p.detail, ...p.hint ? { hint: p.hint } : {} };
  }
  return OK;
}
function checkBacktraceFunctions({ value, major }) {
  if (/^[0-9_a-zA-Z, \n\t]*$/.test(value)) return OK;
  return { ok: false, detail: major >= 18 ? "Invalid character." : major >= 17 ? "Invalid character" : "invalid character" };
}
function checkDebugIoDirect({ value, major }) {
  const style = (text3) => (major >= 17 ? text3[0].toUpperCase() + text3.slice(1) : text3) + (major >= 18 ? "." : "");
  const list4 = splitGucList(value);
  if (list4 === null) return { ok: false, detail: style('invalid list syntax in parameter "debug_io_direct"') };
  const unknown = list4.find((t) => !["data", "wal", "wal_init"].includes(asciiLower(t)));
  return unknown === void 0 ? OK : { ok: false, detail: style(`invalid option "${unknown}"`) };
}
function checkLogDestination({ value, major, enc }) {
  return keywordList(value, ["stderr", "csvlog", "syslog", ...major >= 15 ? ["jsonlog"] : []], enc);
}
var RMGRS_WITH_MASK = ["all", "heap2", "heap", "btree", "hash", "gin", "gist", "sequence", "spgist", "brin", "generic"];
function checkWalConsistencyChecking({ value, major, enc }) {
  if (major >= 15) return splitIdentifierString(value, enc) === null ? { ok: false, detail: "List syntax is invalid." } : OK;
  return keywordList(value, RMGRS_WITH_MASK, enc);
}
function checkLogConnections({ value, enc }) {
  const list4 = splitIdentifierString(value, enc);
  if (list4 === null) return { ok: false, detail: 'Invalid list syntax in parameter "log_connections".' };
  if (list4.length === 0) return OK;
  const compat = ["off", "false", "no", "0", "on", "true", "yes", "1"];
  if (compat.includes(asciiLower(list4[0]))) {
    return list4.length > 1 ? { ok: false, detail: `Cannot specify log_connections option "${list4[0]}" in a list with other options.` } : OK;
  }
  const aspects = ["receipt", "authentication", "authorization", "setup_durations", "all"];
  const unknown = list4.find((t) => !aspects.includes(asciiLower(t)));
  return unknown === void 0 ? OK : { ok: false, detail: `Invalid option "${unknown}".` };
}
var TRANSACTION_ISOLATION = ["serializable", "repeatable read", "read committed", "read uncommitted", "default"];
var ENCODINGS = (() => {
  const t = {
    abc: "WIN1258",
    alt: "WIN866",
    big5: "BIG5",
    euccn: "EUC_CN",
    eucjis2004: "EUC_JIS_2004",
    eucjp: "EUC_JP",
    euckr: "EUC_KR",
    euctw: "EUC_TW",
    gb18030: "GB18030",
    gbk: "GBK",
    iso88591: "LATIN1",
    iso885910: "LATIN6",
    iso885913: "LATIN7",
    iso885914: "LATIN8",
    iso885915: "LATIN9",
    iso885916: "LATIN10",
    iso88592: "LATIN2",
    iso88593: "LATIN3",
    iso88594: "LATIN4",
    iso88595: "ISO_8859_5",
    iso88596: "ISO_8859_6",
    iso88597: "ISO_8859_7",
    iso88598: "ISO_8859_8",
    iso88599: "LATIN5",
    johab: "JOHAB",
    koi8: "KOI8R",
    koi8r: "KOI8R",
    koi8u: "KOI8U",
    mskanji: "SJIS",
    muleinternal: "MULE_INTERNAL",
    shiftjis: "SJIS",
    shiftjis2004: "SHIFT_JIS_2004",
    sjis: "SJIS",
    sqlascii: "SQL_ASCII",
    tcvn: "WIN1258",
    tcvn5712: "WIN1258",
    uhc: "UHC",
    unicode: "UTF8",
    utf8: "UTF8",
    vscii: "WIN1258",
    win: "WIN1251",
    win866: "WIN866",
    win874: "WIN874",
    win932: "SJIS",
    win936: "GBK",
    win949: "UHC",
    win950: "BIG5",
    windows866: "WIN866",
    windows874: "WIN874",
    windows932: "SJIS",
    windows936: "GBK",
    windows949: "UHC",
    windows950: "BIG5"
  };
  for (let n = 1; n <= 10; n++) t[`latin${n}`] = `LATIN${n}`;
  for (let n = 1250; n <= 1258; n++) {
    t[`win${n}`] = `WIN${n}`;
    t[`windows${n}`] = `WIN${n}`;
  }
  return t;
})();
function checkClientEncoding({ value }) {
  let key = "";
  for (const c of value) if (/[A-Za-z0-9]/.test(c)) key += c.toLowerCase();
  const canonical2 = Object.prototype.hasOwnProperty.call(ENCODINGS, key) ? ENCODINGS[key] : void 0;
  if (canonical2 === void 0) return { ok: false };
  return { ok: true, canonical: value === "UNICODE" ? value : canonical2 };
}
function checkCanonicalPath({ value }) {
  if (value === "") return OK;
  if (value.split("/").some((c) => c === "." || c === "..")) return { ok: true, unjudged: "a path with . or .. components" };
  const canonical2 = value.replace(/\/{2,}/g, "/").replace(/(.)\/$/, "$1");
  return { ok: true, canonical: canonical2 };
}
var STRING_HOOKS = [
  { params: ["datestyle"], since: 10, source: "check_datestyle, commands/variable.c", check: checkDateStyle },
  { params: ["timezone"], since: 10, source: "check_timezone, commands/variable.c; pg_tzset / pg_tzset_offset, timezone/pgtz.c", check: checkTimezone },
  { params: ["log_timezone"], since: 10, source: "check_log_timezone, commands/variable.c; pg_tzset, timezone/pgtz.c", check: checkLogTimezone },
  { params: ["timezone_abbreviations"], since: 10, source: "check_timezone_abbreviations, commands/variable.c; load_tzoffsets, utils/misc/tzparser.c", check: checkTimezoneAbbreviations },
  { params: ["log_destination"], since: 10, source: "check_log_destination, utils/error/elog.c", check: checkLogDestination },
  {
    params: ["search_path", "temp_tablespaces"],
    since: 10,
    source: "check_search_path, catalog/namespace.c; check_temp_tablespaces, commands/tablespace.c (names looked up only in a transaction)",
    check: ({ value, enc }) => splitIdentifierString(value, enc) === null ? { ok: false, detail: "List syntax is invalid." } : OK
  },
  { params: ["wal_consistency_checking"], since: 10, source: "check_wal_consistency_checking, access/transam/xlog.c", check: checkWalConsistencyChecking },
  { params: ["log_connections"], since: 18, source: "check_log_connections, tcop/backend_startup.c", check: checkLogConnections },
  { params: ["primary_slot_name"], since: 12, source: "check_primary_slot_name, access/transam/xlogrecovery.c (guc.c \u226414); ReplicationSlotValidateName, replication/slot.c", check: checkPrimarySlotName },
  { params: ["synchronized_standby_slots"], since: 17, source: "check_synchronized_standby_slots, replication/slot.c", check: checkSynchronizedStandbySlots },
  { params: ["synchronous_standby_names"], since: 10, source: "check_synchronous_standby_names, replication/syncrep.c; syncrep_gram.y, syncrep_scanner.l", check: checkSynchronousStandbyNames },
  { params: ["recovery_target"], since: 12, source: "check_recovery_target, access/transam/xlogrecovery.c (guc.c \u226414)", check: checkRecoveryTarget },
  { params: ["recovery_target_xid"], since: 12, source: "check_recovery_target_xid, access/transam/xlogrecovery.c (guc.c \u226414)", check: checkRecoveryTargetXid },
  { params: ["recovery_target_timeline"], since: 12, source: "check_recovery_target_timeline, access/transam/xlogrecovery.c (guc.c \u226414)", check: checkRecoveryTargetTimeline },
  { params: ["recovery_target_name"], since: 12, source: "check_recovery_target_name, access/transam/xlogrecovery.c (guc.c \u226414)", check: checkRecoveryTargetName },
  { params: ["recovery_target_lsn"], since: 12, source: "check_recovery_target_lsn, access/transam/xlogrecovery.c (guc.c \u226414); pg_lsn_in_internal, utils/adt/pg_lsn.c", check: checkRecoveryTargetLsn },
  { params: ["recovery_target_time"], since: 12, source: "check_recovery_target_time, access/transam/xlogrecovery.c (guc.c \u226414); ParseDateTime / DecodeDateTime, utils/adt/datetime.c", check: checkRecoveryTargetTime },
  {
    params: ["restrict_nonsystem_relation_kind"],
    since: 12,
    source: "check_restrict_nonsystem_relation_kind, tcop/postgres.c (17, and the 12.20 / 13.16 / 14.13 / 15.8 / 16.4 minors)",
    check: ({ value, enc }) => keywordList(value, ["view", "foreign-table"], enc)
  },
  { params: ["createrole_self_grant"], since: 16, source: "check_createrole_self_grant, commands/user.c", check: ({ value, enc }) => keywordList(value, ["set", "inherit"], enc) },
  { params: ["backtrace_functions"], since: 13, source: "check_backtrace_functions, utils/error/elog.c", check: checkBacktraceFunctions },
  { params: ["debug_io_direct"], since: 16, source: "check_debug_io_direct, storage/file/fd.c", check: checkDebugIoDirect },
  { params: ["log_directory", "external_pid_file"], since: 10, source: "check_canonical_path, utils/misc/guc.c; canonicalize_path, port/path.c", check: checkCanonicalPath },
  { params: ["client_encoding"], since: 10, source: "check_client_encoding, commands/variable.c; pg_valid_client_encoding, common/encnames.c", check: checkClientEncoding },
  {
    params: ["transaction_isolation"],
    since: 10,
    source: "check_XactIsoLevel, commands/variable.c (\u226411; an enum from 12)",
    check: ({ value }) => TRANSACTION_ISOLATION.includes(value) ? OK : { ok: false }
  },
  {
    params: ["default_table_access_method"],
    since: 12,
    source: "check_default_table_access_method, access/table/tableamapi.c (the name is looked up only in a transaction)",
    check: ({ value, major }) => value === "" ? { ok: false, detail: major >= 17 ? '"default_table_access_method" cannot be empty.' : "default_table_access_method cannot be empty." } : OK
  },
  // check_role / check_session_authorization look roles up, which the postmaster cannot: only
  // role = none passes while the files are read.
  { params: ["role"], since: 10, source: "check_role, commands/variable.c", check: ({ value }) => value === "none" ? OK : { ok: false } },
  { params: ["session_authorization"], since: 10, source: "check_session_authorization, commands/variable.c", check: () => ({ ok: false }) }
];
var BY_PARAM = new Map(STRING_HOOKS.flatMap((h) => h.params.map((p) => [p, h])));
function stringHookFor(key, major) {
  const h = BY_PARAM.get(key);
  return h && major >= h.since ? h : void 0;
}
var LOCALE_PARAMS = ["lc_messages", "lc_monetary", "lc_numeric", "lc_time"];
function isUniversalLocale(value) {
  const v = asciiLower(value);
  return v === "" || v === "c" || v === "posix" || v === "c.utf-8" || v === "c.utf8";
}

// src/catalog/values.ts
var FORCED_DEFAULT = /* @__PURE__ */ new Set(["transaction_isolation", "transaction_read_only", "transaction_deferrable"]);
var IS_NAME = /* @__PURE__ */ new Set(["application_name", "client_encoding", "cluster_name", "default_table_access_method", "default_tablespace"]);
var INT_MAX = 2147483647;
var INT_MIN = -2147483648;
var DBL_MAX_AS_PRINTED = 179769e303;
function parseGucValue(def, input, major, extras = {}) {
  const key = def.name.toLowerCase();
  const shown5 = major >= 18 ? def.name : extras.writtenName ?? def.name;
  if (def.context === "internal") return fail2(`parameter "${shown5}" cannot be changed`);
  const parsed = parseTyped(def, input, major, shown5, extras);
  if (!parsed.ok || !FORCED_DEFAULT.has(key)) return parsed;
  const boot = parseTyped(def, def.boot, major, shown5, extras);
  return boot.ok ? boot : parsed;
}
function parseTyped(def, input, major, shown5, extras) {
  switch (def.type) {
    case "bool":
      return parseBoolGuc(def, input, major, shown5);
    case "integer":
      return parseIntGuc(def, input, major, shown5);
    case "real":
      return parseRealGuc(def, input, major, shown5);
    case "enum":
      return parseEnumGuc(def, input, shown5);
    case "string":
      return parseStringGuc(def, input, major, extras);
  }
}
function fail2(message, hint, detail, unit) {
  const r = unit ? { ok: false, message, code: "invalid-unit", ...unit } : { ok: false, message };
  if (detail !== void 0) r.detail = detail;
  if (hint !== void 0) r.hint = hint;
  return r;
}
function invalid(name, input, hint, detail, unit) {
  return fail2(`invalid value for parameter "${name}": "${input}"`, hint, detail, unit);
}
function unitFailure(input, at, base, major) {
  let end = input.length;
  while (end > at && isCSpace(input[end - 1])) end--;
  return { units: unitTable(base, major), unit: input.slice(at, end), numberText: input.slice(0, at) };
}
function parseBool(value) {
  const v = asciiLower(value);
  const prefixOf = (word, minLen) => v.length >= minLen && word.startsWith(v);
  switch (v[0]) {
    case "t":
      return prefixOf("true", 1) ? true : null;
    case "f":
      return prefixOf("false", 1) ? false : null;
    case "y":
      return prefixOf("yes", 1) ? true : null;
    case "n":
      return prefixOf("no", 1) ? false : null;
    case "o":
      return prefixOf("on", 2) ? true : prefixOf("off", 2) ? false : null;
    case "1":
      return v.length === 1 ? true : null;
    case "0":
      return v.length === 1 ? false : null;
    default:
      return null;
  }
}
function parseBoolGuc(def, input, major, shown5) {
  const b = parseBool(input);
  if (b === null) return fail2(`parameter "${shown5}" requires a Boolean value`);
  if (b && major >= 12 && def.name.toLowerCase() === "default_with_oids") {
    return fail2("tables declared WITH OIDS are not supported");
  }
  if (b && def.name.toLowerCase() === "bonjour") return fail2("Bonjour is not supported by this build");
  return { ok: true, value: b, canonical: b ? "on" : "off" };
}
var MEMORY_UNITS = ["TB", "GB", "MB", "kB", "B"];
var TIME_UNITS = ["d", "h", "min", "s", "ms", "us"];
var BASE_SIZE = {
  B: { kind: "memory", size: 1 },
  kB: { kind: "memory", size: 1024 },
  MB: { kind: "memory", size: 1024 * 1024 },
  "8kB": { kind: "memory", size: 8192 },
  ms: { kind: "time", size: 1e3 },
  s: { kind: "time", size: 1e6 },
  min: { kind: "time", size: 6e7 }
};
var UNIT_SIZE = {
  TB: 1024 ** 4,
  GB: 1024 ** 3,
  MB: 1024 ** 2,
  kB: 1024,
  B: 1,
  d: 864e8,
  h: 36e8,
  min: 6e7,
  s: 1e6,
  ms: 1e3,
  us: 1
};
function unitTable(base, major) {
  const kind = BASE_SIZE[base]?.kind;
  if (kind === "memory") return MEMORY_UNITS.filter((u) => u !== "B" || major >= 11);
  if (kind === "time") return TIME_UNITS.filter((u) => u !== "us" || major >= 12);
  return [];
}
function unitsHint(base, major) {
  if (BASE_SIZE[base]?.kind === "memory") {
    return major >= 11 ? 'Valid units for this parameter are "B", "kB", "MB", "GB", and "TB".' : 'Valid units for this parameter are "kB", "MB", "GB", and "TB".';
  }
  return major >= 12 ? 'Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".' : 'Valid units for this parameter are "ms", "s", "min", "h", and "d".';
}
function takeUnit(rest) {
  let i = 0;
  while (i < rest.length && i < 3 && !isCSpace(rest[i])) i++;
  const unit = rest.slice(0, i);
  while (isCSpace(rest[i])) i++;
  return i === rest.length ? unit : null;
}
function multiplier(unit, base) {
  const baseSize = BASE_SIZE[base].size;
  const size = UNIT_SIZE[unit];
  return size >= baseSize ? size / baseSize : 1 / (baseSize / size);
}
function convertDouble(value, rest, base, major) {
  const unit = takeUnit(rest);
  const table2 = unitTable(base, major);
  const i = unit === null ? -1 : table2.indexOf(unit);
  if (unit === null || i < 0) return null;
  const cvalue = value * multiplier(unit, base);
  const next = table2[i + 1];
  if (next === void 0) return cvalue;
  const m = multiplier(next, base);
  return rint(cvalue / m) * m;
}
function convertInt(value, unit, base, major) {
  if (!unitTable(base, major).includes(unit)) return null;
  const baseSize = BASE_SIZE[base].size;
  const size = UNIT_SIZE[unit];
  return size >= baseSize ? value * (size / baseSize) : Math.trunc(value / (baseSize / size));
}
function parseIntGuc(def, input, major, shown5) {
  const r = major >= 12 ? parseInt12(input, def.unit, major) : parseInt10(input, def.unit, major);
  if (typeof r !== "number") return invalid(shown5, input, r.hint, void 0, r.unit);
  const min = def.min ?? INT_MIN;
  const max = def.max ?? INT_MAX;
  if (r < min || r > max) return fail2(rangeMessage(String(r), String(min), String(max), def.unit, shown5, major));
  let value = r;
  const key = def.name.toLowerCase();
  if (key === "wal_buffers" && value !== -1 && value < 4) value = 4;
  const avFloor = major >= 17 ? 64 : 1024;
  if (key === "autovacuum_work_mem" && value !== -1 && value < avFloor) value = avFloor;
  const detail = intCheckHook(key, def.name, value, major);
  if (detail !== null) return fail2(`invalid value for parameter "${def.name}": ${value}`, void 0, detail);
  return { ok: true, value, canonical: String(value) };
}
var SLRU_BUFFERS = /* @__PURE__ */ new Set([
  "commit_timestamp_buffers",
  "multixact_member_buffers",
  "multixact_offset_buffers",
  "notify_buffers",
  "serializable_buffers",
  "subtransaction_buffers",
  "transaction_buffers"
]);
function intCheckHook(key, name, value, major) {
  if (major >= 17 && SLRU_BUFFERS.has(key) && value % 16 !== 0) {
    return `"${name}" must be a multiple of 16${major >= 18 ? "." : ""}`;
  }
  if (major >= 16 && key === "vacuum_buffer_usage_limit" && value !== 0 && (value < 128 || value > 16777216)) {
    return `"${name}" must be 0 or between 128 kB and 16777216 kB${major >= 18 ? "." : ""}`;
  }
  if (major >= 18 && key === "io_max_concurrency" && value === 0) return "Only -1 or values bigger than 0 are valid.";
  return null;
}
function parseInt12(input, unit, major) {
  let n = strtol(input);
  const stop = input[n.end];
  if (stop === "." || stop === "e" || stop === "E" || n.erange) n = strtod(input);
  if (n.end === 0 || n.erange || Number.isNaN(n.value)) return {};
  let end = n.end;
  while (isCSpace(input[end])) end++;
  let val = n.value;
  if (end < input.length) {
    if (unit === null) return {};
    const c = convertDouble(val, input.slice(end), unit, major);
    if (c === null) return { hint: unitsHint(unit, major), unit: unitFailure(input, end, unit, major) };
    val = c;
  }
  val = rint(val);
  if (val > INT_MAX || val < INT_MIN) return { hint: "Value exceeds integer range." };
  return val;
}
function parseInt10(input, unit, major) {
  const n = strtol(input);
  if (n.end === 0) return {};
  const exceeds = { hint: "Value exceeds integer range." };
  const fitsInt = (v) => v >= INT_MIN && v <= INT_MAX;
  if (n.erange || !fitsInt(n.value)) return exceeds;
  let end = n.end;
  while (isCSpace(input[end])) end++;
  if (end === input.length) return n.value;
  if (unit === null) return {};
  const u = takeUnit(input.slice(end));
  const c = u === null ? null : convertInt(n.value, u, unit, major);
  if (c === null) return { hint: unitsHint(unit, major), unit: unitFailure(input, end, unit, major) };
  return fitsInt(c) ? c : exceeds;
}
function rangeMessage(v, min, max, unit, name, major) {
  const u = unit !== null && major >= 12 ? " " + unit : "";
  const bu = major >= 17 ? u : "";
  return `${v}${u} is outside the valid range for parameter "${name}" (${min}${bu} .. ${max}${bu})`;
}
function parseRealGuc(def, input, major, shown5) {
  const flavor = major >= 12 ? "pg" : "glibc";
  const n = strtod(input);
  let end = n.end;
  while (isCSpace(input[end])) end++;
  let val = n.value;
  if (major <= 11) {
    if (n.end === 0 || n.erange || end < input.length || Number.isNaN(val)) {
      return fail2(`parameter "${shown5}" requires a numeric value`);
    }
  } else {
    if (n.end === 0 || n.erange || Number.isNaN(val)) return invalid(shown5, input);
    if (end < input.length) {
      if (def.unit === null) return invalid(shown5, input);
      const c = convertDouble(val, input.slice(end), def.unit, major);
      if (c === null) return invalid(shown5, input, unitsHint(def.unit, major), void 0, unitFailure(input, end, def.unit, major));
      val = c;
    }
  }
  const min = def.min ?? -Number.MAX_VALUE;
  const max = def.max === null || def.max >= DBL_MAX_AS_PRINTED ? Number.MAX_VALUE : def.max;
  if (val < min || val > max) {
    const g = (x) => formatG(x, flavor);
    return fail2(rangeMessage(g(val), g(min), g(max), def.unit, shown5, major));
  }
  return { ok: true, value: val, canonical: formatG(val, flavor) };
}
function parseEnumGuc(def, input, shown5) {
  const lower = asciiLower(input);
  const value = def.enumAliases[lower] ?? def.enumValues.find((v) => asciiLower(v) === lower);
  if (value !== void 0) return { ok: true, value, canonical: value };
  const hint = def.enumValues.length > 0 ? `Available values: ${def.enumValues.join(", ")}.` : void 0;
  return invalid(shown5, input, hint);
}
function parseStringGuc(def, input, major, extras) {
  const key = def.name.toLowerCase();
  const enc = extras.encoding ?? "utf8";
  let bytes2 = Buffer.from(input, enc);
  if (IS_NAME.has(key)) bytes2 = bytes2.subarray(0, 63);
  let value = bytes2.toString(enc);
  if (key === "application_name" || key === "cluster_name") value = cleanAscii(bytes2, major);
  const hook = stringHookFor(key, major);
  if (!hook) return { ok: true, value, canonical: value };
  const r = hook.check({ value, major, enc, ...extras.timezones ? { timezones: extras.timezones } : {} });
  if (r.ok) {
    const canonical2 = r.canonical ?? value;
    return { ok: true, value: canonical2, canonical: canonical2 };
  }
  if (r.message !== void 0) return fail2(r.message, r.hint, r.detail);
  return invalid(def.name, value, r.hint, r.detail);
}
function cleanAscii(bytes2, major) {
  let out = "";
  for (const b of bytes2) {
    if (b >= 32 && b <= 126) out += String.fromCharCode(b);
    else out += major >= 16 ? "\\x" + b.toString(16).padStart(2, "0") : "?";
  }
  return out;
}

// src/linter/settings.ts
var cache = /* @__PURE__ */ new WeakMap();
function effectiveSetting(cluster, name) {
  let perCluster = cache.get(cluster);
  if (!perCluster) cache.set(cluster, perCluster = /* @__PURE__ */ new Map());
  const key = name.toLowerCase();
  const hit = perCluster.get(key);
  if (hit !== void 0) return hit ?? void 0;
  const view = compute(cluster, name);
  perCluster.set(key, view ?? null);
  return view;
}
function compute(cluster, name) {
  const def = lookupParam(cluster.catalog, name);
  if (!def) return void 0;
  const a = cluster.effective.get(def.name.toLowerCase());
  if (a?.value?.ok) {
    const v = a.line.value;
    return {
      name: def.name,
      def,
      value: a.value.value,
      canonical: a.value.canonical,
      isDefault: false,
      assignment: a,
      loc: { file: a.file.path, start: v.start, end: v.end },
      lineLoc: { file: a.file.path, start: a.line.nameStart, end: v.end }
    };
  }
  const parsed = parseGucValue(def, def.boot, cluster.catalog.major);
  const value = parsed.ok ? parsed.value : def.boot;
  return { name: def.name, def, value, canonical: parsed.ok ? parsed.canonical : def.boot, isDefault: true };
}

// src/linter/merge.ts
var groups = /* @__PURE__ */ new WeakMap();
function setGroup(d, g) {
  groups.set(d, g);
}
var RANK = { error: 3, warning: 2, info: 1 };
function mergeGroups(diagnostics, ruleOrder) {
  const order = new Map(ruleOrder.map((n, i) => [n, i]));
  const pos = (d) => order.get(d.rule) ?? ruleOrder.length;
  const byKey = /* @__PURE__ */ new Map();
  for (const d of diagnostics) {
    const g = groups.get(d);
    if (!g || d.suppressed) continue;
    const list4 = byKey.get(g.key);
    if (list4) list4.push(d);
    else byKey.set(g.key, [d]);
  }
  const drop = /* @__PURE__ */ new Set();
  const replace = /* @__PURE__ */ new Map();
  for (const list4 of byKey.values()) {
    if (list4.length < 2) continue;
    let win = list4[0];
    for (const d of list4) {
      if (RANK[d.severity] > RANK[win.severity] || RANK[d.severity] === RANK[win.severity] && pos(d) < pos(win)) win = d;
    }
    const concerns = [];
    const also = [];
    let fix = win.fix;
    for (const d of [...list4].sort((a, b) => RANK[b.severity] - RANK[a.severity] || pos(a) - pos(b))) {
      if (d === win) continue;
      fix ??= d.fix;
      drop.add(d);
      if (d.rule === win.rule) continue;
      if (!also.includes(d.rule)) also.push(d.rule);
      const c = groups.get(d).concern;
      if (!concerns.includes(c)) concerns.push(c);
    }
    if (concerns.length || fix !== win.fix) {
      const merged = {
        ...win,
        ...concerns.length ? { message: `${win.message}; also ${concerns.join("; ")}`, also } : {},
        ...fix ? { fix } : {}
      };
      setGroup(merged, groups.get(win));
      replace.set(win, merged);
    }
  }
  if (drop.size === 0 && replace.size === 0) return [...diagnostics];
  const out = [];
  for (const d of diagnostics) if (!drop.has(d)) out.push(replace.get(d) ?? d);
  return out;
}

// src/linter/options.ts
function spec(schema, dflt, description) {
  return { schema: { ...schema, description }, default: dflt, description };
}
var opt = {
  boolean(dflt, description) {
    return spec({ type: "boolean" }, dflt, description);
  },
  string(dflt, description, o = {}) {
    return spec({ ...o.enum ? { enum: [...o.enum] } : { type: "string" }, ...o.pattern ? { pattern: o.pattern } : {} }, dflt, description);
  },
  stringArray(dflt, description, o = {}) {
    const items = {
      ...o.enum ? { enum: [...o.enum] } : { type: "string" },
      ...o.pattern ? { pattern: o.pattern } : {},
      ...o.minLength !== void 0 ? { minLength: o.minLength } : {}
    };
    return spec({ type: "array", items, ...o.uniqueItems ? { uniqueItems: true } : {} }, dflt, description);
  },
  number(dflt, description, o = {}) {
    return spec({ type: "number", ...o }, dflt, description);
  },
  integer(dflt, description, o = {}) {
    return spec({ type: "integer", ...o }, dflt, description);
  }
};
function optionsSchema(s) {
  return {
    type: "object",
    properties: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, { ...v.schema }])),
    additionalProperties: false
  };
}
function defaultOptions(s) {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.default]));
}
function optionTypeText(o) {
  const s = o.schema;
  const oneOf = (e) => e.map((x) => `\`${String(x)}\``).join(", ");
  if (s.enum) return `one of ${oneOf(s.enum)}`;
  if (s.type === "array") return s.items?.enum ? `list of ${oneOf(s.items.enum)}` : "list of strings";
  const range2 = s.minimum !== void 0 && s.maximum !== void 0 ? ` ${s.minimum}\u2013${s.maximum}` : s.minimum !== void 0 ? ` \u2265 ${s.minimum}` : s.maximum !== void 0 ? ` \u2264 ${s.maximum}` : "";
  return `${s.type ?? "value"}${range2}`;
}

// src/linter/rule.ts
var RULE_TAGS = ["validity", "security", "reliability", "performance"];
var CATEGORY_TAGS = {
  validity: ["validity"],
  security: ["security"],
  durability: ["reliability"],
  maintenance: []
};
function defineRule(def) {
  const { options, ...rest } = def;
  const rule = { ...rest, check: def.check };
  if (options && Object.keys(options).length) {
    rule.options = options;
    rule.defaultOptions = defaultOptions(options);
    rule.optionsSchema = optionsSchema(options);
  }
  return rule;
}
function precedenceOrder(rules) {
  return [...rules].sort((a, b) => (b.precedence ?? 0) - (a.precedence ?? 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((r) => r.name);
}
function docsUrl(name) {
  return `https://github.com/pgconf-lint/pgconf-lint/blob/v${VERSION}/docs/rules/${name}.md`;
}
function runRule(rule, cluster, settings = {}) {
  const severity = settings.severity ?? rule.severity;
  const out = [];
  const perFile = /* @__PURE__ */ new Map();
  const ctx = {
    cluster,
    major: cluster.input.major,
    catalog: cluster.catalog,
    setting: (name) => effectiveSetting(cluster, name),
    options: { ...rule.defaultOptions ?? {}, ...settings.options ?? {} },
    assume: settings.assume ?? {},
    clusterLoc: () => {
      const main2 = cluster.input.files.find((f) => f.kind === "postgresql.conf");
      const src = main2 ? [...cluster.sources.values()].find((s) => s.absPath === main2.abs) : void 0;
      return src ? { file: src.path, start: 0, end: 0 } : void 0;
    },
    listed: (file) => (perFile.get(file)?.n ?? 0) < FILE_FINDINGS_LIMIT,
    unlisted: (file, n, last) => {
      const c = perFile.get(file);
      if (c === void 0 || c.n < FILE_FINDINGS_LIMIT) throw new Error(`${rule.name}: unlisted() for ${file} before its listing limit`);
      c.n += n;
      c.lastLoc = last;
      c.lastSeverity = severity;
    },
    report: (r) => {
      const sev = r.severity && severity === rule.severity ? r.severity : severity;
      let c = perFile.get(r.loc.file);
      if (c === void 0) perFile.set(r.loc.file, c = { n: 0, lastLoc: r.loc, lastSeverity: sev });
      c.n++;
      c.lastLoc = r.loc;
      c.lastSeverity = sev;
      if (c.n > FILE_FINDINGS_LIMIT) return;
      const inKey = insidePrivateKey(cluster.sources.get(r.loc.file), r.loc.start);
      const d = {
        rule: rule.name,
        severity: sev,
        message: safeText(inKey ? maskQuoted(r.message) : r.message),
        loc: r.loc,
        ...r.help ? { help: safeText(r.help) } : {},
        ...r.related?.length ? { related: r.related.map((x) => ({ ...x, message: safeText(x.message) })) } : {},
        ...r.fix ? { fix: checkedFix(rule, r.loc.file, r.fix) } : {}
      };
      if (r.group) setGroup(d, { key: r.group.key, concern: safeText(inKey ? maskQuoted(r.group.concern) : r.group.concern) });
      out.push(d);
    }
  };
  rule.check(ctx);
  for (const [, c] of perFile) {
    if (c.n <= FILE_FINDINGS_LIMIT) continue;
    out.push({
      rule: rule.name,
      severity: c.lastSeverity,
      message: `${c.n - FILE_FINDINGS_LIMIT} more ${rule.name} findings in this file are not listed (${c.n} in all; only the first ${FILE_FINDINGS_LIMIT} are)`,
      loc: c.lastLoc,
      unlisted: c.n - FILE_FINDINGS_LIMIT
    });
  }
  return out;
}
function checkedFix(rule, file, fix) {
  if (!rule.fixable || rule.fixable === "never") throw new Error(`${rule.name}: reported a fix but declares fixable: '${rule.fixable ?? "never"}'`);
  if (fix.edits.length === 0) throw new Error(`${rule.name}: a fix without edits`);
  const edits = [...fix.edits].sort((a, b) => a.loc.start - b.loc.start || a.loc.end - b.loc.end);
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i];
    if (e.loc.file !== file) throw new Error(`${rule.name}: a fix edits ${e.loc.file}, not the finding's file ${file}`);
    if (e.loc.start < 0 || e.loc.end < e.loc.start) throw new Error(`${rule.name}: a fix edit with an invalid range`);
    if (i > 0 && e.loc.start < edits[i - 1].loc.end) throw new Error(`${rule.name}: a fix with overlapping edits`);
  }
  return { title: safeText(fix.title), edits, applicability: fix.applicability };
}
var MESSAGE_MAX_CHARS = 2e3;
function clip(s, total) {
  if (s.length <= MESSAGE_MAX_CHARS && total === void 0) return s;
  let cut = Math.min(MESSAGE_MAX_CHARS - 100, s.length);
  const c = s.charCodeAt(cut - 1);
  if (c >= 55296 && c <= 56319) cut--;
  return `${s.slice(0, cut)}\u2026 (message cut: ${total ?? s.length} characters in all)`;
}
function safeText(s) {
  if (s.length <= 4 * MESSAGE_MAX_CHARS) return clip(redactSecrets(s));
  return clip(redactSecrets(s.slice(0, 4 * MESSAGE_MAX_CHARS)), s.length);
}
var keyBlocks = /* @__PURE__ */ new WeakMap();
function insidePrivateKey(file, offset) {
  if (file === void 0) return false;
  let blocks = keyBlocks.get(file);
  if (blocks === void 0) keyBlocks.set(file, blocks = privateKeyBlocks(file.text));
  let lo = 0;
  let hi = blocks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = lo + hi >> 1;
    if (blocks[mid][0] <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found !== -1 && offset <= blocks[found][1];
}
var FILE_FINDINGS_LIMIT = 1e3;
var FLOOD_LIMIT = 20;
function floodGuard(ctx, what) {
  const counts = /* @__PURE__ */ new Map();
  return {
    report(r) {
      const c = counts.get(r.loc.file) ?? { n: 0, last: r };
      c.n++;
      c.last = r;
      counts.set(r.loc.file, c);
      if (c.n <= FLOOD_LIMIT) ctx.report(r);
    },
    flush() {
      for (const [, c] of counts) {
        if (c.n <= FLOOD_LIMIT) continue;
        ctx.report({
          loc: c.last.loc,
          message: `${c.n - FLOOD_LIMIT} more ${what} in this file (${c.n} in all; is it a configuration file?)`
        });
      }
    }
  };
}
function relativizeMessage(message, file) {
  if (file.path.startsWith("/") || !file.absPath.endsWith(file.path)) return message;
  const prefix = file.absPath.slice(0, file.absPath.length - file.path.length);
  return prefix.length > 1 ? message.split(prefix).join("") : message;
}

// src/lexical/glob.ts
var Op = {
  Char: 0,
  // arg: the UTF-16 code unit
  NoSlash: 1,
  // any character but `/` (`?`, and `*` within a segment)
  Any: 2,
  // any character but a line terminator (a regexp's `.`: what `**` matched before)
  Class: 3,
  // arg: index into `classes`
  Split: 4,
  // epsilon to out and out2
  Match: 5
};
var Builder = class {
  op = [];
  arg = [];
  out = [];
  out2 = [];
  classes = [];
  state(op, arg, out, out2 = -1) {
    this.op.push(op);
    this.arg.push(arg);
    this.out.push(out);
    this.out2.push(out2);
    return this.op.length - 1;
  }
  setOut(s, out) {
    this.out[s] = out;
  }
  /** `c*` for a one-character piece of kind `op` (arg `arg`), followed by `next`. */
  star(op, arg, next) {
    const loop = this.state(Op.Split, 0, -1, next);
    this.setOut(loop, this.state(op, arg, loop));
    return loop;
  }
  finish(start) {
    return {
      op: Uint8Array.from(this.op),
      arg: Int32Array.from(this.arg),
      out: Int32Array.from(this.out),
      out2: Int32Array.from(this.out2),
      classes: this.classes,
      start
    };
  }
};
var LINE_TERMINATORS = /* @__PURE__ */ new Set([10, 13, 8232, 8233]);
function consumes(a, s, c) {
  switch (a.op[s]) {
    case Op.Char:
      return a.arg[s] === c;
    case Op.NoSlash:
      return c !== 47;
    case Op.Any:
      return !LINE_TERMINATORS.has(c);
    case Op.Class: {
      const k = a.classes[a.arg[s]];
      let inside = false;
      for (let i = 0; i < k.ranges.length; i += 2) {
        if (c >= k.ranges[i] && c <= k.ranges[i + 1]) {
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
function automatonMatcher(a) {
  const n = a.op.length;
  const mark = new Float64Array(n).fill(-1);
  let cur = new Int32Array(n);
  let next = new Int32Array(n);
  const stack = new Int32Array(2 * n + 2);
  let gen = 0;
  const add = (list4, len, s) => {
    let sp = 0;
    stack[sp++] = s;
    while (sp > 0) {
      const t = stack[--sp];
      if (t < 0 || mark[t] === gen) continue;
      mark[t] = gen;
      if (a.op[t] === Op.Split) {
        stack[sp++] = a.out2[t];
        stack[sp++] = a.out[t];
      } else list4[len++] = t;
    }
    return len;
  };
  return (text3) => {
    gen++;
    let len = add(cur, 0, a.start);
    for (let i = 0; i < text3.length && len > 0; i++) {
      const c = text3.charCodeAt(i);
      gen++;
      let nlen = 0;
      for (let j = 0; j < len; j++) {
        const s = cur[j];
        if (consumes(a, s, c)) nlen = add(next, nlen, a.out[s]);
      }
      const t = cur;
      cur = next;
      next = t;
      len = nlen;
    }
    for (let j = 0; j < len; j++) if (a.op[cur[j]] === Op.Match) return true;
    return false;
  };
}
function parseClass(body) {
  let i = 0;
  let negated = false;
  if (body[0] === "!" || body[0] === "^") {
    negated = true;
    i = 1;
  }
  const ranges = [];
  while (i < body.length) {
    const lo = body.charCodeAt(i);
    if (body[i + 1] === "-" && i + 2 < body.length) {
      ranges.push(lo, body.charCodeAt(i + 2));
      i += 3;
    } else {
      ranges.push(lo, lo);
      i++;
    }
  }
  return { negated, ranges };
}
function compileGlob(glob) {
  let g = glob.startsWith("./") ? glob.slice(2) : glob;
  if (!g.includes("/")) g = "**/" + g;
  const b = new Builder();
  const match = b.state(Op.Match, 0, -1);
  const below = b.star(Op.Any, 0, match);
  let next = b.state(Op.Split, 0, b.state(Op.Char, 47, below), match);
  const pieces = [];
  let lastStar = -1;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === "*") {
      if (g[i + 1] === "*") {
        const atSegmentStart = i === 0 || g[i - 1] === "/";
        const atSegmentEnd = g[i + 2] === "/" || i + 2 === g.length;
        if (atSegmentStart && atSegmentEnd) {
          if (g[i + 2] === "/") {
            pieces.push((nx) => {
              const loop = b.state(Op.Split, 0, -1, nx);
              const inside = b.state(Op.Split, 0, -1, b.state(Op.Char, 47, loop));
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
      if (g[i - 1] !== "*" || pieces.length === 0 || lastStar !== pieces.length - 1) {
        lastStar = pieces.length;
        pieces.push((nx) => b.star(Op.NoSlash, 0, nx));
      }
    } else if (c === "?") pieces.push((nx) => b.state(Op.NoSlash, 0, nx));
    else if (c === "{" && g.indexOf("}", i) !== -1) {
      const close = g.indexOf("}", i);
      const alternatives = g.slice(i + 1, close).split(",");
      pieces.push((nx) => {
        let first = -1;
        for (let k = alternatives.length - 1; k >= 0; k--) {
          const alt = alternatives[k];
          let s = nx;
          for (let j = alt.length - 1; j >= 0; j--) s = b.state(Op.Char, alt.charCodeAt(j), s);
          first = first === -1 ? s : b.state(Op.Split, 0, s, first);
        }
        return first;
      });
      i = close;
    } else if (c === "[" && g.indexOf("]", i + 1) !== -1) {
      const close = g.indexOf("]", i + 1);
      const k = b.classes.push(parseClass(g.slice(i + 1, close))) - 1;
      pieces.push((nx) => b.state(Op.Class, k, nx));
      i = close;
    } else {
      const code = g.charCodeAt(i);
      pieces.push((nx) => b.state(Op.Char, code, nx));
    }
  }
  for (let k = pieces.length - 1; k >= 0; k--) next = pieces[k](next);
  return b.finish(next);
}
function globMatcher(globs) {
  const matchers = globs.map((g) => automatonMatcher(compileGlob(g)));
  return (path) => matchers.some((m) => m(path));
}
function wildcardMatcher(pattern) {
  const b = new Builder();
  let next = b.state(Op.Match, 0, -1);
  for (let i = pattern.length - 1; i >= 0; i--) {
    const c = pattern.charCodeAt(i);
    if (c === 42) {
      while (i > 0 && pattern.charCodeAt(i - 1) === 42) i--;
      next = b.star(Op.Any, 0, next);
    } else next = b.state(Op.Char, c, next);
  }
  return automatonMatcher(b.finish(next));
}

// src/linter/directives.ts
var KINDS = ["disable-next-line", "disable-line", "disable-file", "disable", "enable"];
var DIRECTIVE = /^#\s*pgconf-lint\s+(disable-line|disable-next-line|disable-file|disable|enable)(?=\s|$)(.*)$/;
var ATTEMPT = /^#\s{0,20}(pgconf[-_]?lint)(\s{0,20}:)?\s{0,20}([A-Za-z][A-Za-z_-]{0,40})(:?)(.*)$/i;
function parseDirective(comment) {
  const text3 = comment.replace(/\r$/, "");
  const m = DIRECTIVE.exec(text3);
  if (m) {
    const rest2 = m[2];
    const sep5 = rest2.indexOf("--");
    const names = (sep5 === -1 ? rest2 : rest2.slice(0, sep5)).split(/[\s,]+/).filter(Boolean);
    const reason = sep5 === -1 ? null : rest2.slice(sep5 + 2).trim() || null;
    return { kind: m[1], rules: names, reason };
  }
  const a = ATTEMPT.exec(text3);
  if (!a) return null;
  const [, name, colon, verb, verbColon, rest] = a;
  const kind = closestKind(verb) ?? (/\s--(\s|$)/.test(rest) ? kindBySuffix(verb) : null);
  if (kind === null) return null;
  const problems = [];
  if (name !== "pgconf-lint") problems.push(`"${name}" must be written "pgconf-lint"`);
  if (colon || verbColon) problems.push("a colon is not part of the syntax");
  if (verb !== kind) problems.push(verb.toLowerCase() === kind ? `"${verb}" must be lower case` : `"${verb}" is not a directive`);
  if (problems.length === 0) return null;
  return { misspelled: true, meant: `# pgconf-lint ${kind}${rest.replace(/^\s*/, " ").replace(/\s+$/, "")}`, why: problems.join("; ") };
}
function closestKind(verb) {
  const v = verb.toLowerCase().replaceAll("_", "-");
  if (KINDS.includes(v)) return v;
  let best = null;
  let bestD = 3;
  for (const k of KINDS) {
    const d = editDistance2(v, k, bestD);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}
function kindBySuffix(verb) {
  const v = verb.toLowerCase().replaceAll("_", "-");
  if (v.endsWith("next-line")) return "disable-next-line";
  if (v.endsWith("line")) return "disable-line";
  if (v.endsWith("file")) return "disable-file";
  return v.startsWith("en") || v.startsWith("on") ? "enable" : "disable";
}
function editDistance2(a, b, limit) {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return Math.min(prev[b.length], limit);
}
function authComments(file) {
  const out = [];
  const t = file.text;
  for (let i = 0, lineStart = 0; lineStart <= t.length; ) {
    let end = t.indexOf("\n", lineStart);
    if (end === -1) end = t.length;
    let quoted = false;
    for (i = lineStart; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c === 34) quoted = !quoted;
      else if (c === 35 && !quoted) {
        out.push({ start: i, text: t.slice(i, end) });
        break;
      }
    }
    lineStart = end + 1;
  }
  return out;
}
var MENTION = /pgconf[-_]?lint/i;
function collectDirectives(clusters) {
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  const push = (file, start, text3) => {
    if (!MENTION.test(text3)) return;
    const d = parseDirective(text3);
    if (!d) return;
    const at = { file: file.path, line: lineColumn(file, start).line, loc: { file: file.path, start, end: start + text3.replace(/\r$/, "").length } };
    if ("misspelled" in d) out.push({ kind: "disable-line", rules: [], reason: null, ...at, misspelled: { meant: d.meant, why: d.why } });
    else out.push({ ...d, ...at });
  };
  for (const c of clusters) {
    const confFiles = [...c.conf?.files.values() ?? [], ...c.recovery ? [c.recovery] : []];
    for (const conf of confFiles) {
      if (seen.has(conf.file.path)) continue;
      seen.add(conf.file.path);
      if (!MENTION.test(conf.file.text)) continue;
      const text3 = conf.file.text;
      for (const line of conf.lines) if (line.commentStart !== void 0) push(conf.file, line.commentStart, text3.slice(line.commentStart, line.end));
    }
    for (const f of [...c.hba?.files ?? [], ...c.ident?.files ?? []]) {
      if (seen.has(f.path)) continue;
      seen.add(f.path);
      if (!MENTION.test(f.text)) continue;
      for (const cm of authComments(f)) push(f, cm.start, cm.text);
    }
  }
  return out;
}
var SYNTAX = 'Write "# pgconf-lint disable-next-line RULE -- reason" (or disable-line, disable \u2026 enable).';
function applyDirectives(diagnostics, directives, sources, knownRules, ranRules) {
  const problems = [];
  const usable = directives.filter((d) => {
    if (d.misspelled) {
      problems.push({ loc: d.loc, message: `not a pgconf-lint directive, so it suppresses nothing (${d.misspelled.why}): write "${boundQuote(d.misspelled.meant)}"`, help: SYNTAX });
      return false;
    }
    const unknown = d.rules.filter((r) => !knownRules.has(r));
    for (const r of unknown) problems.push({ loc: d.loc, message: `pgconf-lint ${d.kind} names an unknown rule "${boundQuote(r)}"`, help: "Name a rule pgconf-lint has (`pgconf-lint rules` lists them), or remove the directive." });
    if (d.kind === "enable") return true;
    if (d.rules.length === 0) problems.push({ loc: d.loc, message: `pgconf-lint ${d.kind} names no rule, so it suppresses nothing`, help: SYNTAX });
    if (d.reason === null) {
      problems.push({ loc: d.loc, message: `pgconf-lint ${d.kind} has no reason after "--", so it suppresses nothing`, help: 'Say why after "--" (e.g. "-- reviewed: the host is firewalled"): a suppression without a reason is ignored.' });
      return false;
    }
    return d.rules.length > 0;
  });
  const byFile = /* @__PURE__ */ new Map();
  const fileOf = (name) => {
    let f = byFile.get(name);
    if (!f) byFile.set(name, f = { wholeFile: [], byLine: /* @__PURE__ */ new Map(), blocks: /* @__PURE__ */ new Map() });
    return f;
  };
  const open = /* @__PURE__ */ new Map();
  usable.forEach((d, order) => {
    const f = fileOf(d.file);
    if (d.kind === "disable-file") {
      f.wholeFile.push({ d, order });
      return;
    }
    if (d.kind === "disable" || d.kind === "enable") {
      let o = open.get(d.file);
      if (!o) open.set(d.file, o = /* @__PURE__ */ new Map());
      if (d.kind === "disable") {
        for (const r of d.rules) {
          if (o.has(r)) continue;
          const b = { d, order, from: d.line + 1, to: Number.MAX_SAFE_INTEGER };
          o.set(r, b);
          const list5 = f.blocks.get(r);
          if (list5) list5.push(b);
          else f.blocks.set(r, [b]);
        }
        return;
      }
      const names = d.rules.length ? d.rules : [...o.keys()];
      if (names.length === 0) problems.push({ loc: d.loc, message: "pgconf-lint enable ends no block: no rule is disabled above it", help: 'Remove it, or put the matching "# pgconf-lint disable RULE -- reason" above it.' });
      for (const r of names) {
        const b = o.get(r);
        if (b) {
          b.to = d.line - 1;
          o.delete(r);
        } else if (d.rules.length && knownRules.has(r)) {
          problems.push({ loc: d.loc, message: `pgconf-lint enable ${r} ends no block: ${r} is not disabled above it`, help: `Remove it, or put "# pgconf-lint disable ${r} -- reason" above it.` });
        }
      }
      return;
    }
    const target = d.kind === "disable-line" ? d.line : d.line + 1;
    const list4 = f.byLine.get(target);
    if (list4) list4.push({ d, order });
    else f.byLine.set(target, [{ d, order }]);
  });
  const blockAt = (f, rule, line) => {
    const list4 = f.blocks.get(rule);
    if (!list4) return void 0;
    let lo = 0;
    let hi = list4.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = lo + hi >> 1;
      if (list4[mid].from <= line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found !== -1 && line <= list4[found].to ? list4[found] : void 0;
  };
  const used = /* @__PURE__ */ new Set();
  const out = diagnostics.map((diag) => {
    const candidates = byFile.get(diag.loc.file);
    const src = sources.get(diag.loc.file);
    if (!candidates || !src || diag.suppressed) return diag;
    const line = lineColumn(src, diag.loc.start).line;
    let hit;
    for (const list4 of [candidates.wholeFile, candidates.byLine.get(line)]) {
      for (const c of list4 ?? []) {
        if ((hit === void 0 || c.order < hit.order) && c.d.rules.includes(diag.rule)) hit = c;
      }
    }
    const block = blockAt(candidates, diag.rule, line);
    if (block && (hit === void 0 || block.order < hit.order)) hit = block;
    if (!hit) return diag;
    used.add(`${hit.d.file}\0${hit.d.line}\0${diag.rule}`);
    return { ...diag, suppressed: { kind: "directive", reason: safeText(hit.d.reason) } };
  });
  const counted = new Set(diagnostics.filter((x) => x.unlisted).map((x) => `${x.loc.file}\0${x.rule}`));
  for (const d of usable) {
    if (d.kind === "enable") continue;
    for (const r of d.rules) {
      if (!knownRules.has(r) || !ranRules.has(r) || used.has(`${d.file}\0${d.line}\0${r}`) || counted.has(`${d.file}\0${r}`)) continue;
      problems.push({ loc: d.loc, message: `pgconf-lint ${d.kind} ${r} suppresses nothing: remove it`, help: "Remove the directive (or the rule name from it): nothing there needs suppressing any more." });
    }
  }
  return { diagnostics: out, problems: problems.map((p) => ({ ...p, message: safeText(p.message), help: safeText(p.help) })) };
}

// src/api.ts
import { relative as relative2, sep as sep3 } from "node:path";

// src/parse/conf-string.ts
var BACKSLASH = 92;
var QUOTE = 39;
var utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
var utf8Encoder = new TextEncoder();
function latin1(bytes2) {
  let s = "";
  for (const b of bytes2) s += String.fromCharCode(b);
  return s;
}
function toBytes(text3, encoding) {
  if (encoding === "utf8") return utf8Encoder.encode(text3);
  const bytes2 = new Uint8Array(text3.length);
  for (let i = 0; i < text3.length; i++) bytes2[i] = text3.charCodeAt(i);
  return bytes2;
}
function deescapeConfStringBytes(raw, encoding = "utf8") {
  const nul = raw.indexOf("\0");
  const s = toBytes(nul === -1 ? raw : raw.slice(0, nul), encoding);
  const out = new Uint8Array(s.length);
  const at = (i) => i < s.length ? s[i] : 0;
  let j = 0;
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c === BACKSLASH) {
      i++;
      const e = at(i);
      if (e >= 48 && e <= 55) {
        let octal = 0;
        let k = 0;
        for (; k < 3 && at(i + k) >= 48 && at(i + k) <= 55; k++) octal = octal * 8 + at(i + k) - 48;
        i += k - 1;
        out[j] = octal & 255;
      } else {
        out[j] = e === 98 ? 8 : e === 102 ? 12 : e === 110 ? 10 : e === 114 ? 13 : e === 116 ? 9 : e;
      }
    } else if (c === QUOTE && at(i + 1) === QUOTE) {
      out[j] = s[++i];
    } else {
      out[j] = c;
    }
    j++;
  }
  const value = out.subarray(0, Math.max(0, j - 1));
  const end = value.indexOf(0);
  return end === -1 ? value : value.subarray(0, end);
}
function deescapeConfString(raw, encoding = "utf8") {
  if (raw.indexOf("\\") === -1 && raw.indexOf("\0") === -1) {
    const inner = raw.slice(1, -1);
    return inner.includes("''") ? inner.replaceAll("''", "'") : inner;
  }
  const bytes2 = deescapeConfStringBytes(raw, encoding);
  if (encoding === "utf8") {
    try {
      return utf8.decode(bytes2);
    } catch {
    }
  }
  return latin1(bytes2);
}

// src/parse/postgresql-conf.ts
var LETTER = 1;
var DIGIT = 2;
var HEX = 4;
var UNIT = 8;
var PUNCT = 16;
var SPACE = 32;
var CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT | HEX;
for (let c = 65; c <= 90; c++) CLASS[c] = LETTER | UNIT | (c <= 70 ? HEX : 0);
for (let c = 97; c <= 122; c++) CLASS[c] = LETTER | UNIT | (c <= 102 ? HEX : 0);
CLASS[95] = LETTER;
for (const ch of "-.:/") CLASS[ch.charCodeAt(0)] = PUNCT;
for (const ch of " 	\r") CLASS[ch.charCodeAt(0)] = SPACE;
var has = (c, cls) => ((c >= 128 ? LETTER : CLASS[c]) & cls) !== 0;
var isLetter = (c) => c >= 128 || (CLASS[c] & LETTER) !== 0;
var isLetterOrDigit = (c) => c >= 128 || (CLASS[c] & (LETTER | DIGIT)) !== 0;
var isDigit = (c) => c >= 48 && c <= 57;
var isSign = (c) => c === 43 || c === 45;
var NL = 10;
var HASH = 35;
var QUOTE2 = 39;
var DOT = 46;
var EQUALS = 61;
var BACKSLASH2 = 92;
var Lexer = class {
  constructor(text3) {
    this.text = text3;
  }
  text;
  type = "eol";
  start = 0;
  end = 0;
  /** Offset of a `#` comment on the current line, or -1. */
  commentStart = -1;
  lineEnd = 0;
  /** End of the last closing quote seen by walkString. */
  lastClose = -1;
  /** Positions inside a string from which no closing quote can be reached (allocated on first need). */
  dead = null;
  reset(lineStart, lineEnd2) {
    this.end = lineStart;
    this.lineEnd = lineEnd2;
    this.commentStart = -1;
    this.type = "eol";
  }
  next() {
    const text3 = this.text;
    let p = this.end;
    while (p < this.lineEnd && (CLASS[text3.charCodeAt(p)] & SPACE) !== 0) p++;
    this.start = p;
    if (p >= this.lineEnd) return this.token("eol", p);
    const c = text3.charCodeAt(p);
    if (c === HASH) {
      this.commentStart = p;
      this.start = this.lineEnd;
      return this.token("eol", this.lineEnd);
    }
    if (isLetter(c)) return this.word(p);
    if (c === QUOTE2) return this.string(p);
    if (c === EQUALS) return this.token("equals", p + 1);
    if (isDigit(c) || isSign(c) || c === DOT) return this.number(p);
    return this.token("error", p + 1);
  }
  token(type, end) {
    this.type = type;
    this.end = end;
    return type;
  }
  /** ID, QUALIFIED_ID ({ID}"."{ID}) or UNQUOTED_STRING, which must be strictly longer to win. */
  word(p) {
    const text3 = this.text;
    let idEnd = p + 1;
    while (isLetterOrDigit(text3.charCodeAt(idEnd))) idEnd++;
    let qualifiedEnd = -1;
    if (text3.charCodeAt(idEnd) === DOT && isLetter(text3.charCodeAt(idEnd + 1))) {
      qualifiedEnd = idEnd + 2;
      while (isLetterOrDigit(text3.charCodeAt(qualifiedEnd))) qualifiedEnd++;
    }
    let unquotedEnd = idEnd;
    while (has(text3.charCodeAt(unquotedEnd), LETTER | DIGIT | PUNCT)) unquotedEnd++;
    if (unquotedEnd > Math.max(idEnd, qualifiedEnd)) return this.token("unquoted_string", unquotedEnd);
    if (qualifiedEnd !== -1) return this.token("qualified_id", qualifiedEnd);
    return this.token("id", idEnd);
  }
  /**
   * STRING \'([^'\\\n]|\\.|\'\')*\' with longest match: every quote may close the string, and a
   * quote right after it reopens it (the '' pair). An unterminated string leaves only "." to
   * match, an error token "'".
   */
  string(p) {
    this.lastClose = -1;
    const failed = this.walkString(p + 1, null);
    const lastClose = this.lastClose;
    if (failed) {
      this.dead ??= new Uint8Array(this.text.length + 1);
      this.walkString(lastClose === -1 ? p + 1 : lastClose + 1, this.dead);
    }
    return lastClose === -1 ? this.token("error", p + 1) : this.token("string", lastClose);
  }
  /** Follows the string automaton from `i` (inside the quotes), noting closes; false once closed for good. */
  walkString(i, mark) {
    const text3 = this.text;
    for (; ; ) {
      if (this.dead !== null && this.dead[i] === 1) return true;
      if (mark !== null) mark[i] = 1;
      const c = text3.charCodeAt(i);
      if (c === QUOTE2) {
        this.lastClose = i + 1;
        if (text3.charCodeAt(i + 1) !== QUOTE2) return false;
        i += 2;
      } else if (c === BACKSLASH2) {
        const e = text3.charCodeAt(i + 1);
        if (e === NL || Number.isNaN(e)) return true;
        i += 2;
      } else if (c === NL || Number.isNaN(c)) {
        return true;
      } else {
        i++;
      }
    }
  }
  /** INTEGER {SIGN}?({DIGIT}+|0x{HEXDIGIT}+){UNIT_LETTER}*, REAL {SIGN}?{DIGIT}*"."{DIGIT}*{EXPONENT}? */
  number(p) {
    const text3 = this.text;
    const body = isSign(text3.charCodeAt(p)) ? p + 1 : p;
    let integerEnd = -1;
    if (isDigit(text3.charCodeAt(body))) {
      let i = body;
      while (isDigit(text3.charCodeAt(i))) i++;
      while (has(text3.charCodeAt(i), UNIT)) i++;
      integerEnd = i;
      if (text3.charCodeAt(body) === 48 && text3.charCodeAt(body + 1) === 120 && has(text3.charCodeAt(body + 2), HEX)) {
        let h = body + 2;
        while (has(text3.charCodeAt(h), HEX)) h++;
        while (has(text3.charCodeAt(h), UNIT)) h++;
        integerEnd = Math.max(integerEnd, h);
      }
    }
    let realEnd = -1;
    let r = body;
    while (isDigit(text3.charCodeAt(r))) r++;
    if (text3.charCodeAt(r) === DOT) {
      r++;
      while (isDigit(text3.charCodeAt(r))) r++;
      const e = text3.charCodeAt(r);
      if (e === 69 || e === 101) {
        let x = r + 1;
        if (isSign(text3.charCodeAt(x))) x++;
        if (isDigit(text3.charCodeAt(x))) {
          while (isDigit(text3.charCodeAt(x))) x++;
          r = x;
        }
      }
      realEnd = r;
    }
    if (integerEnd === -1 && realEnd === -1) return this.token("error", p + 1);
    return integerEnd > realEnd ? this.token("integer", integerEnd) : this.token("real", realEnd);
  }
};
function isValueToken(type) {
  return type === "id" || type === "string" || type === "integer" || type === "real" || type === "unquoted_string";
}
function asciiLower2(s) {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}
function includeDirective(name) {
  if (name.length !== 7 && name.length !== 11 && name.length !== 17) return null;
  const lower = asciiLower2(name);
  return lower === "include" || lower === "include_dir" || lower === "include_if_exists" ? lower : null;
}
function printable(token2) {
  const nul = token2.indexOf("\0");
  return nul === -1 ? token2 : token2.slice(0, nul);
}
var MAX_SYNTAX_ERRORS = 100;
var MAX_CONF_LINES = 2e6;
function parsePostgresqlConf(file) {
  const text3 = file.text;
  const lexer = new Lexer(text3);
  const lines = [];
  let errors = 0;
  let abandonedAtLine;
  const count2 = Math.min(file.lineStarts.length, MAX_CONF_LINES);
  for (let n = 0; n < count2; n++) {
    const start = file.lineStarts[n];
    const end = n + 1 < file.lineStarts.length ? file.lineStarts[n + 1] - 1 : text3.length;
    lexer.reset(start, end);
    const parsed = parseLine(lexer, text3, file.encoding, n + 1, start, end);
    if (parsed.kind === "error" && ++errors === MAX_SYNTAX_ERRORS) abandonedAtLine = n + 1;
    lines.push(parsed);
  }
  const out = abandonedAtLine === void 0 ? { file, lines } : { file, lines, abandonedAtLine };
  if (count2 < file.lineStarts.length && file.lineStarts[count2] < text3.length) out.truncatedAtLine = count2 + 1;
  return out;
}
function parseLine(lexer, text3, encoding, line, start, end) {
  const first = lexer.next();
  const nameStart = lexer.start;
  const nameEnd = lexer.end;
  let value = null;
  let valueStart = -1;
  let valueType = "eol";
  if (first === "id" || first === "qualified_id") {
    if (lexer.next() === "equals") lexer.next();
    const token2 = lexer.type;
    valueStart = lexer.start;
    valueType = token2;
    if (isValueToken(token2)) {
      const raw = text3.slice(lexer.start, lexer.end);
      const unquoted = token2 === "string" ? deescapeConfString(raw, encoding) : raw;
      const candidate = { token: token2, raw, value: unquoted, start: lexer.start, end: lexer.end };
      if (lexer.next() === "eol") value = candidate;
    }
  }
  if (first === "eol") {
    if (lexer.commentStart === -1) return { kind: "blank", line, start, end };
    return { kind: "comment", line, start, end, commentStart: lexer.commentStart };
  }
  if (value === null) {
    const tokenText = text3.slice(lexer.start, lexer.end);
    const near = lexer.type === "eol" ? "near end of line" : `near token "${printable(tokenText)}"`;
    const token2 = lexer.type === "eol" ? null : { start: lexer.start, end: lexer.end, text: tokenText };
    while (lexer.type !== "eol") lexer.next();
    const { code, valueRange } = syntaxCode(text3, valueStart, valueType, lexer.commentStart === -1 ? end : lexer.commentStart, token2);
    const e = { kind: "error", line, start, end, near, token: token2, code };
    if (valueRange) e.valueRange = valueRange;
    if (valueStart !== -1) e.name = text3.slice(nameStart, nameEnd);
    if (lexer.commentStart !== -1) e.commentStart = lexer.commentStart;
    return e;
  }
  const name = text3.slice(nameStart, nameEnd);
  const directive = first === "id" ? includeDirective(name) : null;
  if (lexer.commentStart === -1) {
    return directive ? { kind: "include", directive, line, start, end, name, nameStart, nameEnd, value } : { kind: "setting", line, start, end, name, nameStart, nameEnd, value };
  }
  const commentStart = lexer.commentStart;
  return directive ? { kind: "include", directive, line, start, end, name, nameStart, nameEnd, value, commentStart } : { kind: "setting", line, start, end, name, nameStart, nameEnd, value, commentStart };
}
function syntaxCode(text3, valueStart, valueType, valueLimit, token2) {
  if (valueStart === -1) return { code: "other" };
  if (valueType === "eol") return { code: "missing-value" };
  let valueEnd = valueLimit;
  while (valueEnd > valueStart && (CLASS[text3.charCodeAt(valueEnd - 1)] & SPACE) !== 0) valueEnd--;
  let quotable = valueEnd > valueStart;
  for (let i = valueStart; quotable && i < valueEnd; i++) {
    const c = text3.charCodeAt(i);
    if (c === QUOTE2 || c === BACKSLASH2) quotable = false;
  }
  const valueRange = quotable ? { valueRange: { start: valueStart, end: valueEnd } } : {};
  if (token2 !== null && token2.text === '"') return { code: "double-quotes", ...valueRange };
  return quotable ? { code: "unquoted-value", ...valueRange } : { code: "other" };
}
function reportedErrorLine(conf, line) {
  const atEof = line.end === conf.file.text.length && !conf.file.text.endsWith("\n");
  return line.token === null && atEof ? line.line - 1 : line.line;
}

// src/parse/auth-tokens.ts
var Token = class {
  constructor(text3, quoted, file, start, end, via) {
    this.text = text3;
    this.quoted = quoted;
    this.file = file;
    this.start = start;
    this.end = end;
    this.via = via;
  }
  text;
  quoted;
  file;
  start;
  end;
  via;
  get raw() {
    return this.file.text.slice(this.start, this.end);
  }
};
var MAX_DEPTH = 10;
var MAX_OPENS = 1e4;
var MAX_EXPANDED_TOKENS = 1e6;
var MAX_EXPANDED_CHARS = 64 * 1024 * 1024;
var MAX_AUTH_LINES = 2e5;
var OLD_SAFETY_DEPTH = 100;
var PG10_MAX_LINE_BYTES = 8191;
var PG10_MAX_TOKEN_BYTES = 255;
var LINE_TOO_LONG = "authentication file line too long";
var TOKEN_TOO_LONG = "authentication file token too long";
function unitBytes(c, latin12) {
  if (latin12 || c < 128) return 1;
  if (c < 2048) return 2;
  return c >= 55296 && c <= 57343 ? 2 : 3;
}
var LineReader = class {
  constructor(file, major) {
    this.file = file;
    this.major = major;
    this.hasNul = file.text.includes("\0");
  }
  file;
  major;
  text = "";
  line = 0;
  start = 0;
  end = 0;
  /** PG 10: this chunk filled the whole fgets buffer. */
  tooLong = false;
  pos = 0;
  nextLine = 1;
  /** segment starts: offset in text -> offset in file (more than one after a continuation) */
  segAt = [];
  segOff = [];
  k = 0;
  /** The file has a NUL byte: lines are read the way pg_get_line_append reads them (see nextWithNul). */
  hasNul;
  /** pg_get_line_append's StringInfo: its allocated size (maxlen) persists from line to line. */
  maxlen = 1024;
  nulAt = -1;
  next() {
    if (this.major === 10) return this.nextChunk();
    if (this.hasNul && this.major >= 14) return this.nextWithNul();
    const text3 = this.file.text;
    const len = text3.length;
    if (this.pos >= len) return false;
    let pos = this.pos;
    let content = "";
    let lastBackslash = 0;
    let continuations = 0;
    this.segAt.length = 0;
    this.segOff.length = 0;
    this.k = 0;
    this.start = pos;
    while (pos < len) {
      const nl = text3.indexOf("\n", pos);
      const next = nl === -1 ? len : nl + 1;
      let e = nl === -1 ? len : nl;
      while (e > pos && (text3.charCodeAt(e - 1) === 13 || text3.charCodeAt(e - 1) === 10)) e--;
      this.segAt.push(content.length);
      this.segOff.push(pos);
      content += text3.slice(pos, e);
      this.end = e;
      pos = next;
      if (this.major >= 14 && content.length > lastBackslash && content.endsWith("\\")) {
        content = content.slice(0, -1);
        lastBackslash = content.length;
        continuations++;
        continue;
      }
      break;
    }
    return this.finishLine(pos, content, continuations);
  }
  /** Makes `content` the current logical line, which spans `continuations` extra physical lines. */
  finishLine(pos, content, continuations) {
    this.pos = pos;
    this.text = content;
    this.line = this.nextLine;
    this.nextLine += continuations + 1;
    return true;
  }
  /**
   * 11+ with NUL bytes in the file. pg_get_line_append reads with fgets() into a StringInfo and
   * advances by strlen(): what follows a NUL in one fgets() chunk is dropped, and since the chunk
   * then does not end in a newline, reading goes on, so the next physical line is appended to this
   * one (one line number for both). Chunks are as large as the buffer's free space, which starts at
   * 1024 bytes and doubles as lines need it. Seen on 16 and 18: `local all all<NUL> trust`
   * followed by `host all all 10.0.0.0/8 md5` is one line, "invalid authentication method "all"".
   * 12 reads line by line and only cuts at the NUL (13 assumed with 12; 14 brought this reader
   * with line continuations).
   */
  nextWithNul() {
    const text3 = this.file.text;
    const len = text3.length;
    const latin12 = this.file.encoding === "latin1";
    let pos = this.pos;
    if (pos >= len) return false;
    let content = "";
    let bytes2 = 0;
    let lastBackslash = 0;
    let continuations = 0;
    this.segAt.length = 0;
    this.segOff.length = 0;
    this.k = 0;
    this.start = pos;
    this.end = pos;
    const append = () => {
      const orig = bytes2;
      for (; ; ) {
        if (pos >= len) return bytes2 > orig;
        const room = this.maxlen - bytes2 - 1;
        let q = pos;
        let b = 0;
        while (q < len) {
          const u = unitBytes(text3.charCodeAt(q), latin12);
          if (b + u > room && b > 0) break;
          b += u;
          q++;
          if (text3.charCodeAt(q - 1) === 10) break;
        }
        if (this.nulAt < pos) {
          const i = text3.indexOf("\0", pos);
          this.nulAt = i === -1 ? Infinity : i;
        }
        const keep = this.nulAt < q ? this.nulAt : q;
        if (keep > pos) {
          this.segAt.push(content.length);
          this.segOff.push(pos);
          content += text3.slice(pos, keep);
          for (let i = pos; i < keep; i++) bytes2 += unitBytes(text3.charCodeAt(i), latin12);
          this.end = keep;
        }
        pos = q;
        if (bytes2 > orig && content.charCodeAt(content.length - 1) === 10) return true;
        const needed = 128 + bytes2 + 1;
        while (needed > this.maxlen) this.maxlen *= 2;
      }
    };
    let any = false;
    while (append()) {
      any = true;
      while (content.length > 0 && (content.charCodeAt(content.length - 1) === 10 || content.charCodeAt(content.length - 1) === 13)) {
        content = content.slice(0, -1);
        bytes2--;
      }
      const backslash = this.major >= 14 && content.length > lastBackslash && content.endsWith("\\");
      if (backslash) {
        content = content.slice(0, -1);
        bytes2--;
      }
      while (this.segAt.length > 1 && this.segAt[this.segAt.length - 1] >= content.length) {
        this.segAt.pop();
        this.segOff.pop();
      }
      if (this.segAt.length) this.end = this.segOff[this.segAt.length - 1] + (content.length - this.segAt[this.segAt.length - 1]);
      if (backslash) {
        lastBackslash = content.length;
        continuations++;
        continue;
      }
      break;
    }
    if (!any) {
      this.pos = len;
      return false;
    }
    if (this.segAt.length === 0) {
      this.segAt.push(0);
      this.segOff.push(this.start);
    }
    return this.finishLine(pos, content, continuations);
  }
  /** PG 10: one fgets() into char[8192]; trailing CR/LF stripped. A character that would
   * straddle the cut (UTF-8 files) goes whole to the next chunk. */
  nextChunk() {
    const text3 = this.file.text;
    const len = text3.length;
    const pos = this.pos;
    if (pos >= len) return false;
    const nl = text3.indexOf("\n", pos);
    const lineEnd2 = nl === -1 ? len : nl + 1;
    const latin12 = this.file.encoding === "latin1";
    let cut = pos;
    let bytes2 = 0;
    while (cut < lineEnd2) {
      const b = unitBytes(text3.charCodeAt(cut), latin12);
      if (bytes2 + b > PG10_MAX_LINE_BYTES) break;
      bytes2 += b;
      cut++;
    }
    this.tooLong = cut < lineEnd2 || bytes2 === PG10_MAX_LINE_BYTES;
    let e = cut;
    while (e > pos && (text3.charCodeAt(e - 1) === 13 || text3.charCodeAt(e - 1) === 10)) e--;
    this.segAt.length = 0;
    this.segOff.length = 0;
    this.segAt.push(0);
    this.segOff.push(pos);
    this.k = 0;
    this.start = pos;
    this.end = e;
    this.text = text3.slice(pos, e);
    this.pos = cut;
    this.line = this.nextLine++;
    return true;
  }
  /** File offset of an offset in the current logical line. */
  at(p) {
    const { segAt, segOff } = this;
    if (this.k >= segAt.length || segAt[this.k] > p) this.k = 0;
    while (this.k + 1 < segAt.length && segAt[this.k + 1] <= p) this.k++;
    return segOff[this.k] + (p - segAt[this.k]);
  }
};
var isBlank = (c) => c === 32 || c === 9 || c === 13;
var rawToken = { text: "", quoted: false, start: 0, end: 0, comma: false, tooLong: false };
function token(text3, quoted, start, end, comma, tooLong = false) {
  rawToken.text = text3;
  rawToken.quoted = quoted;
  rawToken.start = start;
  rawToken.end = end;
  rawToken.comma = comma;
  rawToken.tooLong = tooLong;
  return rawToken;
}
function nextToken(s, pos, limit = null) {
  let i = pos.i;
  const n = s.length;
  let c = 0;
  while (i < n && (c = s.charCodeAt(i)) !== 0 && (isBlank(c) || c === 44)) i++;
  const start = i;
  let buf = "";
  let run2 = i;
  let inQuote = false;
  let wasQuote = false;
  let sawQuote = false;
  let quoted = false;
  let comma = false;
  let end = i;
  let stored = 0;
  while (i < n && (c = s.charCodeAt(i)) !== 0 && (!isBlank(c) || inQuote)) {
    if (c === 35 && !inQuote) {
      buf += s.slice(run2, i);
      run2 = i;
      pos.i = n;
      return sawQuote || buf.length > 0 ? token(buf, quoted, start, i, false) : null;
    }
    if (limit !== null) {
      if (stored >= limit.bytes) {
        pos.i = n;
        return token(buf + s.slice(run2, i), quoted, start, i, false, true);
      }
      if (c !== 34 || wasQuote) stored += unitBytes(c, limit.latin1);
    }
    if (c === 44 && !inQuote) {
      comma = true;
      break;
    }
    if (c === 34 && !wasQuote) {
      buf += s.slice(run2, i);
      run2 = i + 1;
    }
    wasQuote = inQuote && c === 34 ? !wasQuote : false;
    if (c === 34) {
      inQuote = !inQuote;
      sawQuote = true;
      if (buf.length + (i + 1 - run2) === 0) quoted = true;
    }
    i++;
    end = i;
  }
  buf += s.slice(run2, end);
  pos.i = i;
  if (!sawQuote && buf.length === 0) return null;
  return token(buf, quoted, start, end, comma);
}
function canonicalizePath(p, major) {
  const abs = p.startsWith("/");
  const parts = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && major >= 16 && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else if (part === ".." && major >= 16 && abs) continue;
    else parts.push(part);
  }
  if (major < 16) {
    while (parts.length >= 2 && parts[parts.length - 1] === ".." && parts[parts.length - 2] !== "..") parts.splice(-2, 2);
  }
  const joined = parts.join("/");
  return abs ? "/" + joined : joined === "" ? "." : joined;
}
function normalizeForIo(p) {
  return canonicalizePath(p, 18);
}
function absoluteConfigLocation(location, callingFile, major) {
  if (location.startsWith("/")) return major >= 16 ? canonicalizePath(location, major) : location;
  const slash = callingFile.lastIndexOf("/");
  const dir = slash <= 0 ? slash === 0 ? "/" : "." : callingFile.slice(0, slash);
  return canonicalizePath(dir + "/" + location, major);
}
function openFailure(absPath, reason, enoent, notAllowed) {
  return { ok: false, message: `could not open file "${absPath}": ${reason}`, reason, enoent, notAllowed };
}
var AuthTokenizer = class {
  constructor(major, io) {
    this.major = major;
    this.io = io;
  }
  major;
  io;
  files = [];
  includes = [];
  cache = /* @__PURE__ */ new Map();
  opens = 0;
  /** Tokens and characters read through `@file` and includes so far (MAX_EXPANDED_*). */
  expandedTokens = 0;
  expandedChars = 0;
  /** Lines read so far (MAX_AUTH_LINES), and whether reading stopped there. */
  lineCount = 0;
  linesCut = false;
  tokenize(file) {
    const lines = [];
    this.files.push(file);
    this.tokenizeFile(file, lines, 0);
    return { lines, includes: this.includes, files: this.files };
  }
  /** open_auth_file */
  open(absPath, depth, ioPath = absPath) {
    if (this.major >= 16 && depth > MAX_DEPTH) {
      return openFailure(absPath, "maximum nesting depth exceeded", false, false);
    }
    if (depth > OLD_SAFETY_DEPTH) {
      return openFailure(absPath, "nesting too deep (PostgreSQL recurses until it crashes)", false, false);
    }
    if (!this.io.allowed(ioPath)) {
      const refused = this.refused(ioPath);
      return openFailure(absPath, refused.why, false, refused.code);
    }
    if (++this.opens > MAX_OPENS) {
      return openFailure(absPath, `more than ${MAX_OPENS} files opened through @file references and includes (a file referenced over and over); the rest was not read`, false, false);
    }
    const cached = this.cache.get(ioPath);
    if (cached) return { ok: true, file: cached };
    let r;
    try {
      r = this.io.read(ioPath);
    } catch (e) {
      r = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    if (!r.ok) {
      return openFailure(absPath, r.error, r.missing === true, false);
    }
    const file = r.file.absPath === absPath ? r.file : createSourceFile(r.file.path, absPath, r.file.text);
    this.cache.set(ioPath, file);
    if (!this.files.includes(file)) this.files.push(file);
    return { ok: true, file };
  }
  /** Why a path is not allowed: outside the root, or under `.git/`. */
  refused(ioPath) {
    const why = this.io.refusal?.(ioPath);
    return why === GIT_DIR_REFUSAL ? { why, code: "git-dir" } : { why: "outside the allowed root", code: "not-allowed" };
  }
  tokenizeFile(file, out, depth) {
    const major = this.major;
    const raw = new LineReader(file, major);
    const map = raw;
    const limit = major === 10 ? { bytes: PG10_MAX_TOKEN_BYTES, latin1: file.encoding === "latin1" } : null;
    while (raw.next()) {
      if (this.linesCut || depth > 0 && this.overBudget()) break;
      const fields = [];
      let error = raw.tooLong ? { message: LINE_TOO_LONG, file, start: raw.start, end: raw.end } : null;
      const pos = { i: 0 };
      const s = raw.text;
      while (error === null && pos.i < s.length && s[pos.i] !== "\0") {
        const tokens = [];
        for (; ; ) {
          const t = nextToken(s, pos, limit);
          if (t === null) break;
          const start = map.at(t.start);
          const end = t.end > t.start ? map.at(t.end - 1) + 1 : start;
          if (t.tooLong) {
            error = { message: TOKEN_TOO_LONG, file, start, end };
            break;
          }
          const tok = new Token(t.text, t.quoted, file, start, end, null);
          if (depth > 0) this.expandedTokens++;
          const comma = t.comma;
          if (!t.quoted && t.text.length > 1 && t.text[0] === "@") {
            error = this.expandFile(tok, tokens, depth + 1);
          } else {
            tokens.push(tok);
          }
          if (!comma || error !== null) break;
        }
        if (tokens.length > 0) fields.push({ tokens: tokens.slice() });
      }
      if (fields.length === 0 && error === null) continue;
      if (!this.linesCut && ++this.lineCount > MAX_AUTH_LINES) {
        this.linesCut = true;
        out.push({
          file,
          line: raw.line,
          start: raw.start,
          end: raw.end,
          fields: [],
          error: {
            message: `not read from this line on: more than ${MAX_AUTH_LINES} lines in this file and the files it includes, and pgconf-lint checks only the first ${MAX_AUTH_LINES}`,
            file,
            start: raw.start,
            end: raw.end,
            code: "limit"
          }
        });
        break;
      }
      const line = { file, line: raw.line, start: raw.start, end: raw.end, fields: fields.slice(), error };
      if (error === null && fields.length === 2 && major >= 16) {
        const handled = this.includeDirective(line, out, depth);
        if (handled) continue;
      }
      out.push(line);
    }
  }
  /** tokenize_expand_file: the tokens of every line of the file, or the first line error. */
  expandFile(at, tokens, depth) {
    const major = this.major;
    const name = at.text.slice(1);
    const full = absoluteConfigLocation(name, at.file.absPath, major);
    if (this.overBudget()) return this.budgetError(at);
    const opened = this.open(full, depth, normalizeForIo(full));
    if (!opened.ok) {
      let message = opened.message;
      if (major <= 15 && !opened.notAllowed) {
        message = `could not open secondary authentication file "@${name}" as "${full}": ${opened.reason}`;
      }
      return { message, file: at.file, start: at.start, end: at.end, ...opened.notAllowed ? { code: opened.notAllowed } : {} };
    }
    this.expandedChars += opened.file.text.length;
    if (this.overBudget()) return this.budgetError(at);
    const inner = [];
    this.tokenizeFile(opened.file, inner, depth);
    const failed = inner.find((l) => l.error !== null);
    if (failed) return failed.error;
    for (const l of inner) {
      for (const f of l.fields) {
        for (const t of f.tokens) {
          if (t.via) {
            this.expandedTokens++;
            tokens.push(t);
          } else tokens.push(new Token(t.text, t.quoted, t.file, t.start, t.end, at));
        }
        if (this.overBudget()) return this.budgetError(at);
      }
    }
    return this.overBudget() ? this.budgetError(at) : null;
  }
  overBudget() {
    return this.expandedTokens > MAX_EXPANDED_TOKENS || this.expandedChars > MAX_EXPANDED_CHARS;
  }
  /** The error at the reference (`@file` token or include target) that crossed an expansion bound. */
  budgetError(at) {
    const what = this.expandedTokens > MAX_EXPANDED_TOKENS ? `more than ${MAX_EXPANDED_TOKENS} tokens` : `more than ${MAX_EXPANDED_CHARS / (1024 * 1024)} MiB of text`;
    return {
      message: `not expanded: ${what} read through @file references and include directives of this file (a file referenced over and over?); the rest is not read`,
      file: at.file,
      start: at.start,
      end: at.end,
      code: "limit"
    };
  }
  /** The include / include_if_exists / include_dir records of tokenize_auth_file (16+). */
  includeDirective(line, out, depth) {
    const first = line.fields[0].tokens[0];
    const second = line.fields[1].tokens[0];
    const kind = first.text;
    if (kind !== "include" && kind !== "include_if_exists" && kind !== "include_dir") return false;
    const file = line.file;
    const major = this.major;
    const located = (message, notAllowed = false) => ({
      message,
      file,
      start: second.start,
      end: second.end,
      ...notAllowed ? { code: notAllowed } : {}
    });
    const record = (path, skipped) => {
      this.includes.push({ kind, file, line: line.line, start: line.start, end: line.end, path, skipped });
    };
    const includeOne = (full, missingOk) => {
      if (this.overBudget()) return located(this.budgetError(second).message, "limit");
      const opened = this.open(full, depth + 1, normalizeForIo(full));
      if (!opened.ok) {
        if (opened.enoent && missingOk) {
          record(full, true);
          return null;
        }
        return located(opened.message, opened.notAllowed);
      }
      record(full, false);
      this.expandedChars += opened.file.text.length;
      if (this.overBudget()) return located(this.budgetError(second).message, "limit");
      this.tokenizeFile(opened.file, out, depth + 1);
      return this.overBudget() ? located(this.budgetError(second).message, "limit") : null;
    };
    if (kind === "include" || kind === "include_if_exists") {
      const err = includeOne(absoluteConfigLocation(second.text, file.absPath, major), kind === "include_if_exists");
      if (err) out.push({ ...line, error: err });
      return true;
    }
    const dir = absoluteConfigLocation(second.text, file.absPath, major);
    if (!this.io.allowed(normalizeForIo(dir))) {
      const refused = this.refused(normalizeForIo(dir));
      out.push({ ...line, error: located(`could not open directory "${dir}": ${refused.why}`, refused.code) });
      return true;
    }
    let listed;
    try {
      listed = this.io.listDir(normalizeForIo(dir));
    } catch (e) {
      listed = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    if (!listed.ok) {
      out.push({ ...line, error: located(`could not open directory "${dir}"`) });
      return true;
    }
    const names = listed.entries.filter((e) => !e.isDirectory && e.name.length >= 6 && e.name[0] !== "." && e.name.endsWith(".conf")).map((e) => canonicalizePath(`${dir}/${e.name}`, major)).sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
    const errors = [];
    let firstErr = null;
    for (const name of names) {
      const err = includeOne(name, false);
      if (err) {
        errors.push(err.message);
        firstErr ??= err;
      }
    }
    if (firstErr) out.push({ ...line, error: { ...firstErr, message: errors.join("\n") } });
    return true;
  }
};
function tokenizeAuthFile(file, major, io) {
  return new AuthTokenizer(major, io).tokenize(file);
}
var CLASS_NAMES = /* @__PURE__ */ new Set(["alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit", "word"]);
var ESCAPES = /* @__PURE__ */ new Set([..."abBcdDefmMnrsStuUvwWxyYZA0123456789"]);
var DUPMAX = 255;
function checkRegex(pattern) {
  let groups2 = 0;
  let depth = 0;
  let prev = "none";
  const n = pattern.length;
  let i = 0;
  const fail3 = (msg) => ({ error: msg, groups: groups2 });
  if (pattern.startsWith("***=")) return { error: null, groups: 0 };
  if (pattern.startsWith("***:")) i = 4;
  if (pattern.startsWith("(?", i) && /^[bceimnpqstwx]*\)/.test(pattern.slice(i + 2, i + 20))) {
    const close = pattern.indexOf(")", i);
    i = close + 1;
  }
  while (i < n) {
    const c = pattern[i];
    if (c === "(") {
      if (pattern[i + 1] === "?") {
        const k = pattern[i + 2];
        if (k === ":" || k === "=" || k === "!") i += 3;
        else if (k === "<" && (pattern[i + 3] === "=" || pattern[i + 3] === "!")) i += 4;
        else return fail3("quantifier operand invalid");
      } else {
        groups2++;
        i++;
      }
      depth++;
      prev = "none";
      continue;
    }
    if (c === ")") {
      if (depth === 0) return fail3("parentheses () not balanced");
      depth--;
      prev = "atom";
      i++;
      continue;
    }
    if (c === "|") {
      prev = "none";
      i++;
      continue;
    }
    if (c === "*" || c === "+" || c === "?") {
      if (prev === "quant" && c === "?") prev = "lazy";
      else if (prev !== "atom") return fail3("quantifier operand invalid");
      else prev = "quant";
      i++;
      continue;
    }
    if (c === "{") {
      if (prev !== "atom") return fail3("quantifier operand invalid");
      const close = pattern.indexOf("}", i);
      if (close === -1) return fail3("braces {} not balanced");
      const body = pattern.slice(i + 1, close);
      const m = /^(\d+)(,(\d*))?$/.exec(body);
      if (!m) return fail3("invalid repetition count(s)");
      const lo = Number(m[1]);
      const hi = m[3] === void 0 || m[3] === "" ? m[2] ? DUPMAX : lo : Number(m[3]);
      if (lo > DUPMAX || hi > DUPMAX || lo > hi) return fail3("invalid repetition count(s)");
      prev = "quant";
      i = close + 1;
      continue;
    }
    if (c === "^" || c === "$") {
      prev = "constraint";
      i++;
      continue;
    }
    if (c === "[") {
      const r = bracket(pattern, i + 1);
      if (typeof r === "string") return fail3(r);
      i = r;
      prev = "atom";
      continue;
    }
    if (c === "\\") {
      if (i + 1 >= n) return fail3("invalid escape \\ sequence");
      const e = pattern[i + 1];
      if (/[A-Za-z0-9]/.test(e) && !ESCAPES.has(e)) return fail3("invalid escape \\ sequence");
      if (e >= "1" && e <= "9") {
        let j = i + 1;
        while (j < n && pattern[j] >= "0" && pattern[j] <= "9") j++;
        if (Number(pattern.slice(i + 1, j)) > groups2) return fail3("invalid backreference number");
        i = j;
        prev = "atom";
        continue;
      }
      if ("mMyYAZbB".includes(e)) {
        prev = e === "b" ? "atom" : "constraint";
        i += 2;
        continue;
      }
      i += 2;
      prev = "atom";
      continue;
    }
    prev = "atom";
    i++;
  }
  if (depth !== 0) return fail3("parentheses () not balanced");
  return { error: null, groups: groups2 };
}
function bracket(p, i) {
  const n = p.length;
  if (p[i] === "^") i++;
  if (p[i] === "]") i++;
  let last = -1;
  while (i < n && p[i] !== "]") {
    if (p[i] === "[" && (p[i + 1] === ":" || p[i + 1] === "." || p[i + 1] === "=")) {
      const kind = p[i + 1];
      const close = p.indexOf(kind + "]", i + 2);
      if (close === -1) return "brackets [] not balanced";
      const name = p.slice(i + 2, close);
      if (kind === ":" && !CLASS_NAMES.has(name)) return "invalid character class";
      if (kind !== ":" && [...name].length !== 1) return "invalid collating element";
      last = kind === ":" ? -1 : name.codePointAt(0);
      i = close + 2;
      continue;
    }
    if (p[i] === "-" && last !== -1 && i + 1 < n && p[i + 1] !== "]") {
      let hi = p.codePointAt(i + 1);
      let skip = 2;
      if (p[i + 1] === "\\" && i + 2 < n) {
        hi = p.codePointAt(i + 2);
        skip = 3;
      }
      if (hi < last) return "invalid character range";
      last = -1;
      i += skip;
      continue;
    }
    if (p[i] === "\\" && i + 1 < n) {
      last = p.codePointAt(i + 1);
      i += 2;
      continue;
    }
    last = p.codePointAt(i);
    i++;
  }
  if (i >= n) return "brackets [] not balanced";
  return i + 1;
}

// src/parse/pg-hba.ts
var STANDARD_BUILD = { ssl: true, gss: true, pam: true, ldap: true, sspi: false, bsd: false, oauthValidatorLibraries: [] };
var CONN_TYPES = ["local", "host", "hostssl", "hostnossl", "hostgssenc", "hostnogssenc"];
var LineError = class {
  constructor(message, at, setsErrMsg = true, reason) {
    this.message = message;
    this.at = at;
    this.setsErrMsg = setsErrMsg;
    this.reason = reason;
  }
  message;
  at;
  setsErrMsg;
  reason;
};
var CLIENTCERT = { code: "clientcert" };
var NO_OPTS = /* @__PURE__ */ new Map();
var NO_RADIUS = /* @__PURE__ */ new Map();
function parsePgHba(file, major, io, build = STANDARD_BUILD) {
  const tok = tokenizeAuthFile(file, major, io);
  const lines = tok.lines.map((l) => parseHbaLine(l, major, build));
  const loads = lines.length > 0 && lines.every((l) => l.problem === null);
  const noEntries = lines.length === 0;
  return {
    file,
    major,
    lines,
    includes: tok.includes,
    files: tok.files,
    loads,
    fileError: noEntries ? `configuration file "${file.absPath}" contains no entries` : null
  };
}
function parseHbaLine(line, major, build = STANDARD_BUILD) {
  const ctx = { major, build, line, errMsg: null, features: [], zones: [] };
  let record = null;
  let problem = line.error;
  if (line.error) {
    ctx.errMsg = line.error.message;
  } else {
    try {
      record = parseRecord(ctx);
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      problem = { message: e.message, file: e.at.file, start: e.at.start, end: e.at.end, ...e.reason ? { reason: e.reason } : {} };
      if (e.setsErrMsg) ctx.errMsg = e.message;
    }
  }
  return {
    file: line.file,
    line: line.line,
    start: line.start,
    end: line.end,
    fields: line.fields,
    error: line.error,
    record,
    problem,
    viewError: ctx.errMsg,
    buildDependent: ctx.features.length > 0,
    buildFeatures: ctx.features,
    zones: ctx.zones
  };
}
function addFeature(ctx, f) {
  if (!ctx.features.includes(f)) ctx.features.push(f);
}
function fieldSpan(f) {
  const a = f.tokens[0];
  const b = f.tokens[f.tokens.length - 1];
  return a.file === b.file && a.via === null && b.via === null ? { file: a.file, start: a.start, end: b.end } : { file: a.file, start: a.start, end: a.end };
}
function lineEnd(l) {
  return { file: l.file, start: l.end, end: l.end };
}
function parseRecord(ctx) {
  const { major, line } = ctx;
  const fields = line.fields;
  let fi = 0;
  const next = (missing) => {
    const f = fields[++fi];
    if (!f) throw new LineError(missing, lineEnd(line));
    return f;
  };
  const typeField = fields[0];
  if (typeField.tokens.length > 1) throw new LineError("multiple values specified for connection type", fieldSpan(typeField));
  const typeTok = typeField.tokens[0];
  const connType = CONN_TYPES.find((t) => t === typeTok.text && (major >= 12 || t !== "hostgssenc" && t !== "hostnogssenc"));
  if (!connType) throw new LineError(`invalid connection type "${typeTok.text}"`, typeTok, true, { code: "invalid-connection-type", type: typeTok.text });
  if (connType === "hostssl") {
    addFeature(ctx, "ssl");
    if (!ctx.build.ssl) ctx.errMsg = "hostssl record cannot match because SSL is disabled";
  } else if (connType === "hostgssenc") {
    addFeature(ctx, "gss");
    if (!ctx.build.gss) ctx.errMsg = "hostgssenc record cannot match because GSSAPI is not supported by this build";
  }
  const databases = next("end-of-line before database specification").tokens.map((t) => nameOf(ctx, t, true));
  const users = next("end-of-line before role specification").tokens.map((t) => nameOf(ctx, t, false));
  let address = null;
  if (connType !== "local") {
    const f = next("end-of-line before IP address specification");
    if (f.tokens.length > 1) throw new LineError("multiple values specified for host address", fieldSpan(f));
    const t = f.tokens[0];
    address = parseAddress(ctx, t, () => {
      const m = fields[++fi];
      if (!m) throw new LineError("end-of-line before netmask specification", lineEnd(line));
      if (m.tokens.length > 1) throw new LineError("multiple values specified for netmask", fieldSpan(m));
      return m.tokens[0];
    });
  }
  const mf = next("end-of-line before authentication method");
  if (mf.tokens.length > 1) throw new LineError("multiple values specified for authentication type", fieldSpan(mf));
  const methodTok = mf.tokens[0];
  let method = parseMethod(ctx, methodTok);
  if (connType === "local" && method === "ident") method = "peer";
  if (connType === "local" && method === "gss") throw new LineError("gssapi authentication is not supported on local sockets", methodTok);
  if (connType !== "local" && method === "peer") throw new LineError("peer authentication is only supported on local sockets", methodTok, true, { code: "peer-not-local" });
  if (connType !== "hostssl" && method === "cert") throw new LineError("cert authentication is only supported on hostssl connections", methodTok);
  const st = {
    usermap: null,
    clientcert: "off",
    includeRealm: method === "gss" || method === "sspi",
    krbRealm: null,
    pamservice: null,
    ldap: method === "ldap" ? /* @__PURE__ */ new Map() : NO_OPTS,
    ldapscope: 0,
    radius: method === "radius" ? /* @__PURE__ */ new Map() : NO_RADIUS,
    oauth: method === "oauth" ? /* @__PURE__ */ new Map() : NO_OPTS
  };
  const options = [];
  while (++fi < fields.length) {
    for (const t of fields[fi].tokens) {
      const eq = t.text.indexOf("=");
      if (eq === -1) throw new LineError(`authentication option not in name=value format: ${t.text}`, t, true, { code: "option-not-name-value", unquoted: t.text });
      const opt2 = { name: t.text.slice(0, eq), value: t.text.slice(eq + 1), token: t };
      parseAuthOpt(ctx, connType, method, opt2, st);
      options.push(opt2);
    }
  }
  checkMandatory(ctx, method, st, methodTok);
  if (method === "cert") st.clientcert = major <= 11 ? "true" : "full";
  return {
    connType,
    connTypeToken: typeTok,
    databases,
    users,
    address,
    method,
    methodToken: methodTok,
    options,
    viewOptions: renderOptions(method, st)
  };
}
var DB_KEYWORDS = ["all", "sameuser", "samerole", "samegroup", "replication"];
function nameOf(ctx, t, db) {
  if (!t.quoted && (db ? DB_KEYWORDS.includes(t.text) : t.text === "all")) return { token: t, kind: "keyword", value: t.text };
  if (!db && !t.quoted && t.text[0] === "+") return { token: t, kind: "group", value: t.text.slice(1) };
  if (ctx.major >= 16 && t.text[0] === "/") {
    const r = checkRegex(t.text.slice(1));
    if (r.error) throw new LineError(`invalid regular expression "${t.text.slice(1)}": ${r.error}`, t);
    return { token: t, kind: "regex", value: t.text.slice(1) };
  }
  return { token: t, kind: "literal", value: t.text };
}
var STANDARD_METHODS = ["trust", "ident", "peer", "password", "reject", "md5", "scram-sha-256", "radius", "cert"];
var BUILD_METHODS = { gss: "gss", sspi: "sspi", pam: "pam", bsd: "bsd", ldap: "ldap" };
function parseMethod(ctx, t) {
  const m = t.text;
  if (STANDARD_METHODS.includes(m) || m === "oauth" && ctx.major >= 18) return m;
  const feature = BUILD_METHODS[m];
  if (!feature) throw new LineError(`invalid authentication method "${m}"`, t, true, { code: "invalid-method", method: m });
  addFeature(ctx, feature);
  if (!ctx.build[feature]) throw new LineError(`invalid authentication method "${m}": not supported by this build`, t);
  return m;
}
function parseAddress(ctx, t, readMask) {
  const addr = (kind2, bytes2 = null, prefix = null, mask2 = null, maskToken = null, hostname = null) => ({ token: t, bytes: bytes2, prefix, mask: mask2, maskToken, hostname, kind: kind2 });
  if (!t.quoted && (t.text === "all" || t.text === "samehost" || t.text === "samenet")) return addr(t.text);
  const slash = t.text.indexOf("/");
  const host = slash === -1 ? t.text : t.text.slice(0, slash);
  const ip = parseNumericHost(host, ctx);
  if (!ip) {
    if (slash !== -1) throw new LineError(`specifying both host name and CIDR mask is invalid: "${t.text}"`, t);
    addFeature(ctx, "dns");
    return addr("hostname", null, null, null, null, host);
  }
  const kind = ip.length === 4 ? "ipv4" : "ipv6";
  if (slash !== -1) {
    const bits = parseCidrBits(t.text.slice(slash + 1), ip.length * 8);
    if (bits === null) throw new LineError(`invalid CIDR mask in address "${t.text}"`, t);
    return addr(kind, ip, bits, prefixMask(bits, ip.length));
  }
  const mt = readMask();
  const mask = parseNumericHost(mt.text, ctx);
  if (!mask) throw new LineError(`invalid IP mask "${mt.text}": Name or service not known`, mt, true, { code: "invalid-ip-mask" });
  if (mask.length !== ip.length) throw new LineError("IP address and mask do not match", mt);
  return addr(kind, ip, maskPrefix(mask), mask, mt);
}
function parseCidrBits(s, max) {
  const m = /^[ \t\n\v\f\r]*[+-]?(\d+)$/.exec(s);
  if (!m) return null;
  const neg = s.trim().startsWith("-");
  const digits = m[1].replace(/^0+(?=\d)/, "");
  if (digits.length > 4) return null;
  const v = (neg ? -1 : 1) * Number(digits);
  return v < 0 || v > max ? null : v === 0 ? 0 : v;
}
function prefixMask(bits, len) {
  const out = new Array(len).fill(0);
  for (let i = 0; i < len; i++) {
    const b = Math.max(0, Math.min(8, bits - i * 8));
    out[i] = 255 << 8 - b & 255;
  }
  return out;
}
function maskPrefix(mask) {
  let bits = 0;
  let i = 0;
  while (i < mask.length && mask[i] === 255) {
    bits += 8;
    i++;
  }
  if (i < mask.length) {
    const b = mask[i];
    let n = 0;
    while (n < 8 && (b & 128 >> n) !== 0) n++;
    if ((255 << 8 - n & 255) !== b) return null;
    bits += n;
    for (i++; i < mask.length; i++) if (mask[i] !== 0) return null;
  }
  return bits;
}
function parseNumericHost(s, ctx) {
  return parseIPv4(s) ?? parseIPv6(s, ctx);
}
var DOTTED_QUAD = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;
function parseIPv4(s) {
  const q = DOTTED_QUAD.exec(s);
  if (q) {
    const out2 = [Number(q[1]), Number(q[2]), Number(q[3]), Number(q[4])];
    if (out2[0] <= 255 && out2[1] <= 255 && out2[2] <= 255 && out2[3] <= 255) return out2;
  }
  const parts = s.split(".");
  if (parts.length > 4) return null;
  const vals = [];
  for (const p of parts) {
    let v;
    if (/^0[xX][0-9a-fA-F]*$/.test(p)) v = p.length === 2 ? 0 : parseInt(p.slice(2), 16);
    else if (/^0[0-7]*$/.test(p)) v = p.length === 1 ? 0 : parseInt(p.slice(1), 8);
    else if (/^[1-9][0-9]*$/.test(p)) v = Number(p);
    else return null;
    if (!Number.isFinite(v) || v > 4294967295) return null;
    vals.push(v);
  }
  const last = vals[vals.length - 1];
  const head = vals.slice(0, -1);
  if (head.some((v) => v > 255)) return null;
  const lastMax = [4294967295, 16777215, 65535, 255][head.length];
  if (last > lastMax) return null;
  const out = [0, 0, 0, 0];
  head.forEach((v, k) => out[k] = v);
  for (let k = head.length; k < 4; k++) out[k] = Math.floor(last / 2 ** (8 * (3 - k))) & 255;
  return out;
}
function parseIPv6(input, ctx) {
  const pct = input.indexOf("%");
  const bytes2 = parseIPv6Address(pct === -1 ? input : input.slice(0, pct));
  if (!bytes2 || pct === -1) return bytes2;
  const zone = zoneVerdict(bytes2, input.slice(pct + 1), ctx?.build.interfaces);
  if (ctx) {
    ctx.zones.push({ text: input, ...zone });
    if (zone.interface !== "lo" && (zone.verdict === "assumed" || zone.reason === "no-such-interface" || zone.verdict === "interface")) {
      addFeature(ctx, "network-interfaces");
    }
  }
  return zone.verdict === "rejected" ? null : bytes2;
}
var IFNAMSIZ = 16;
var UINT32_MAX_DIGITS = "4294967295";
function zoneVerdict(bytes2, zone, known) {
  if (/^[0-9]+$/.test(zone)) {
    const digits = zone.replace(/^0+(?=.)/, "");
    const fits = digits.length < 10 || digits.length === 10 && digits <= UINT32_MAX_DIGITS;
    return { zone, interface: null, verdict: fits ? "numeric" : "rejected", reason: fits ? null : "not-a-number" };
  }
  const dev = interfaceName(zone);
  const linkScope = bytes2[0] === 254 && (bytes2[1] & 192) === 128 || bytes2[0] === 255 && ((bytes2[1] & 15) === 1 || (bytes2[1] & 15) === 2);
  if (!linkScope) return { zone, interface: dev, verdict: "rejected", reason: "not-link-local" };
  if (dev === null) return { zone, interface: null, verdict: "rejected", reason: "not-an-interface-name" };
  if (dev === "lo") return { zone, interface: dev, verdict: "interface", reason: null };
  if (!known) return { zone, interface: dev, verdict: "assumed", reason: null };
  return known.includes(dev) ? { zone, interface: dev, verdict: "interface", reason: null } : { zone, interface: dev, verdict: "rejected", reason: "no-such-interface" };
}
function interfaceName(zone) {
  if (new TextEncoder().encode(zone).length >= IFNAMSIZ) return null;
  const colon = zone.indexOf(":");
  const dev = colon === -1 ? zone : zone.slice(0, colon);
  if (dev === "" || dev === "." || dev === ".." || /[/% \t\n\v\f\r]/.test(dev)) return null;
  return dev;
}
function parseIPv6Address(s) {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;
  const dbl = s.indexOf("::");
  if (dbl !== -1 && s.indexOf("::", dbl + 1) !== -1) return null;
  const parseGroups = (part) => {
    if (part === "") return [];
    const out = [];
    const gs = part.split(":");
    for (let i = 0; i < gs.length; i++) {
      const g = gs[i];
      if (i === gs.length - 1 && g.includes(".")) {
        if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(g)) return null;
        const q = g.split(".").map(Number);
        if (q.some((x, k) => x > 255 || g.split(".")[k].length > 1 && g.split(".")[k][0] === "0")) return null;
        out.push(q[0] << 8 | q[1], q[2] << 8 | q[3]);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  let words;
  if (dbl === -1) {
    const w = parseGroups(s);
    if (!w || w.length !== 8) return null;
    words = w;
  } else {
    const a = parseGroups(s.slice(0, dbl));
    const b = parseGroups(s.slice(dbl + 2));
    if (!a || !b || a.length + b.length > 7) return null;
    words = [...a, ...new Array(8 - a.length - b.length).fill(0), ...b];
  }
  const bytes2 = new Array(16).fill(0);
  words.forEach((w, k) => {
    bytes2[2 * k] = w >> 8;
    bytes2[2 * k + 1] = w & 255;
  });
  return bytes2;
}
function formatAddress(bytes2) {
  if (bytes2.length === 4) return bytes2.join(".");
  const w = [];
  for (let i = 0; i < 16; i += 2) w.push(bytes2[i] << 8 | bytes2[i + 1]);
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (w[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) best = -1;
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (best !== -1 && i >= best && i < best + bestLen) {
      if (i === best) out += ":";
      continue;
    }
    if (i !== 0) out += ":";
    if (i === 6 && best === 0 && (bestLen === 6 || bestLen === 5 && w[5] === 65535)) {
      out += bytes2.slice(12).join(".");
      break;
    }
    out += w[i].toString(16);
  }
  if (best !== -1 && best + bestLen === 8) out += ":";
  return out;
}
function mapMethods(major) {
  return major >= 18 ? "ident, peer, gssapi, sspi, cert, and oauth" : "ident, peer, gssapi, sspi, and cert";
}
var LDAP_OPTS = ["ldapurl", "ldaptls", "ldapscheme", "ldapserver", "ldapport", "ldapbinddn", "ldapbindpasswd", "ldapsearchattribute", "ldapsearchfilter", "ldapbasedn", "ldapprefix", "ldapsuffix"];
var RADIUS_OPTS = ["radiusservers", "radiussecrets", "radiusports", "radiusidentifiers"];
var OAUTH_OPTS = ["issuer", "scope", "validator", "delegate_ident_mapping"];
function optionKnown(name, major) {
  if (name === "clientname") return major >= 14;
  if (name === "ldapscheme" || name === "ldapsearchfilter" || name === "pam_use_hostname") return major >= 11;
  if (OAUTH_OPTS.includes(name)) return major >= 18;
  return ["map", "clientcert", "pamservice", "krb_realm", "include_realm", "compat_realm", "upn_username"].includes(name) || LDAP_OPTS.includes(name) || RADIUS_OPTS.includes(name);
}
function parseAuthOpt(ctx, connType, method, opt2, st) {
  const { major } = ctx;
  const { name, value: val, token: token2 } = opt2;
  const only = (methods, list4) => {
    if (!methods.includes(method)) throw new LineError(`authentication option "${name}" is only valid for authentication methods ${list4}`, token2);
  };
  if (!optionKnown(name, major)) throw new LineError(`unrecognized authentication option name: "${name}"`, token2);
  if (method === "ldap") st.ldapscope = 2;
  switch (name) {
    case "map":
      only(["ident", "peer", "gss", "sspi", "cert", "oauth"], mapMethods(major));
      st.usermap = val;
      return;
    case "clientcert":
      return clientcert(ctx, connType, method, val, token2, st);
    case "clientname":
      if (connType !== "hostssl") throw new LineError('clientname can only be configured for "hostssl" rows', token2);
      if (val !== "CN" && val !== "DN") throw new LineError(`invalid value for clientname: "${val}"`, token2, false);
      return;
    case "pamservice":
    case "pam_use_hostname":
      only(["pam"], "pam");
      if (name === "pamservice") st.pamservice = val;
      return;
    case "krb_realm":
    case "include_realm":
      only(["gss", "sspi"], "gssapi and sspi");
      if (name === "krb_realm") st.krbRealm = val;
      else st.includeRealm = val === "1";
      return;
    case "compat_realm":
    case "upn_username":
      only(["sspi"], "sspi");
      return;
  }
  if (LDAP_OPTS.includes(name)) {
    only(["ldap"], "ldap");
    if (name === "ldapport") {
      if (atoi2(val) === 0) throw new LineError(`invalid LDAP port number: "${val}"`, token2);
      st.ldap.set(name, String(atoi2(val)));
    } else if (name === "ldapscheme") {
      st.ldap.set(name, val);
    } else if (name === "ldapurl") {
      ldapUrl(ctx, val, token2, st);
    } else {
      st.ldap.set(name, val);
    }
    return;
  }
  if (RADIUS_OPTS.includes(name)) {
    only(["radius"], "radius");
    const list4 = splitGucList2(val);
    const what = { radiusservers: "server", radiussecrets: "secret", radiusports: "port", radiusidentifiers: "identifiers" }[name];
    if (list4 === null) {
      if (name === "radiusports") throw new LineError(`invalid RADIUS port number: "${val}"`, token2);
      throw new LineError(`could not parse RADIUS ${what} list "${val}"`, token2, false);
    }
    if (name === "radiusservers") {
      for (const s of list4) {
        if (!parseNumericHost(s, ctx)) addFeature(ctx, "dns");
      }
    }
    if (name === "radiusports" && list4.some((p) => atoi2(p) === 0)) throw new LineError(`invalid RADIUS port number: "${val}"`, token2, false);
    st.radius.set(name, { raw: val, list: list4 });
    return;
  }
  if (OAUTH_OPTS.includes(name)) {
    only(["oauth"], "oauth");
    st.oauth.set(name, val);
  }
}
function clientcert(ctx, connType, method, val, token2, st) {
  const { major } = ctx;
  if (connType !== "hostssl") throw new LineError('clientcert can only be configured for "hostssl" rows', token2, true, CLIENTCERT);
  if (major <= 11) {
    if (val === "1") {
      addFeature(ctx, "ssl-ca");
      st.clientcert = "true";
    } else {
      if (method === "cert") throw new LineError('clientcert can not be set to 0 when using "cert" authentication', token2, true, CLIENTCERT);
      st.clientcert = "off";
    }
    return;
  }
  if (val === "verify-full") st.clientcert = "full";
  else if (val === "verify-ca" || major <= 13 && val === "1") {
    if (method === "cert" && major >= 14) {
      throw new LineError('clientcert can only be set to "verify-full" when using "cert" authentication', token2, true, CLIENTCERT);
    }
    st.clientcert = "ca";
  } else if (major <= 13 && (val === "0" || val === "no-verify")) {
    if (method === "cert") throw new LineError('clientcert cannot be set to "no-verify" when using "cert" authentication', token2, true, CLIENTCERT);
    st.clientcert = "off";
  } else {
    throw new LineError(`invalid value for clientcert: "${val}"`, token2, false, CLIENTCERT);
  }
}
function ldapUrl(ctx, val, token2, st) {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/:?]*)(?::(\d*))?(?:\/([^?]*)(?:\?([^?]*)(?:\?([^?]*)(?:\?(.*))?)?)?)?$/.exec(val);
  if (!m) throw new LineError(`could not parse LDAP URL "${val}": Bad parameter to an ldap routine`, token2);
  const scheme = m[1];
  if (scheme !== "ldap" && (scheme !== "ldaps" || ctx.major < 11)) throw new LineError(`unsupported LDAP URL scheme: ${scheme}`, token2, true, { code: "ldap-url-scheme", unquoted: scheme });
  if (ctx.major >= 11) st.ldap.set("ldapscheme", scheme);
  if (m[2]) st.ldap.set("ldapserver", decodeURIComponentSafe(m[2]));
  const port = m[3] ? Number(m[3]) : scheme === "ldaps" ? 636 : 389;
  st.ldap.set("ldapport", String(port));
  if (m[4]) st.ldap.set("ldapbasedn", decodeURIComponentSafe(m[4]));
  if (m[5]) st.ldap.set("ldapsearchattribute", decodeURIComponentSafe(m[5].split(",")[0]));
  st.ldapscope = { base: 0, one: 1, sub: 2 }[m[6] ?? ""] ?? 0;
  if (m[7]) {
    if (ctx.major <= 10) throw new LineError("filters not supported in LDAP URLs", token2);
    st.ldap.set("ldapsearchfilter", decodeURIComponentSafe(m[7]));
  }
}
function decodeURIComponentSafe(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
function checkMandatory(ctx, method, st, at) {
  const { major } = ctx;
  const need = (v, arg, auth) => {
    if (v === void 0 || v === null) throw new LineError(`authentication method "${auth}" requires argument "${arg}" to be set`, at);
  };
  if (method === "ldap") {
    const l = st.ldap;
    if (major <= 11) need(l.get("ldapserver"), "ldapserver", "ldap");
    if (l.has("ldapprefix") || l.has("ldapsuffix")) {
      if (["ldapbasedn", "ldapbinddn", "ldapbindpasswd", "ldapsearchattribute", "ldapsearchfilter"].some((k) => l.has(k))) {
        throw new LineError(
          major <= 10 ? "cannot use ldapbasedn, ldapbinddn, ldapbindpasswd, ldapsearchattribute, or ldapurl together with ldapprefix" : "cannot mix options for simple bind and search+bind modes",
          at
        );
      }
    } else if (!l.has("ldapbasedn")) {
      throw new LineError('authentication method "ldap" requires argument "ldapbasedn", "ldapprefix", or "ldapsuffix" to be set', at);
    }
    if (l.has("ldapsearchattribute") && l.has("ldapsearchfilter")) {
      throw new LineError("cannot use ldapsearchattribute together with ldapsearchfilter", at);
    }
  }
  if (method === "radius") {
    const r = st.radius;
    const servers = r.get("radiusservers")?.list ?? [];
    const secrets = r.get("radiussecrets")?.list ?? [];
    need(servers.length ? servers : null, "radiusservers", "radius");
    need(secrets.length ? secrets : null, "radiussecrets", "radius");
    const n = servers.length;
    const check = (key, what, allowZero) => {
      const len = r.get(key)?.list.length ?? 0;
      if (!(allowZero && len === 0 || len === 1 || len === n)) {
        throw new LineError(`the number of RADIUS ${what} (${len}) must be 1 or the same as the number of RADIUS servers (${n})`, at, major >= 14);
      }
    };
    check("radiussecrets", "secrets", false);
    check("radiusports", "ports", true);
    check("radiusidentifiers", "identifiers", true);
  }
  if (method === "oauth") {
    need(st.oauth.get("scope"), "scope", "oauth");
    need(st.oauth.get("issuer"), "issuer", "oauth");
    addFeature(ctx, "oauth-validator");
    const libs = ctx.build.oauthValidatorLibraries ?? [];
    const validator = st.oauth.get("validator");
    if (libs.length === 0) throw new LineError("oauth_validator_libraries must be set for authentication method oauth", at);
    if (validator === void 0) {
      if (libs.length > 1) {
        throw new LineError('authentication method "oauth" requires argument "validator" to be set when oauth_validator_libraries contains multiple options', at);
      }
      st.oauth.set("validator", libs[0]);
    } else if (!libs.includes(validator)) {
      throw new LineError(`validator "${validator}" is not permitted by oauth_validator_libraries`, at);
    }
    if (st.oauth.get("delegate_ident_mapping") === "1" && st.usermap !== null) {
      throw new LineError("map cannot be used in combination with delegate_ident_mapping", at);
    }
  }
}
function renderOptions(method, st) {
  const out = [];
  if (method === "gss" || method === "sspi") {
    if (st.includeRealm) out.push("include_realm=true");
    if (st.krbRealm !== null) out.push(`krb_realm=${st.krbRealm}`);
  }
  if (st.usermap !== null) out.push(`map=${st.usermap}`);
  if (st.clientcert === "true") out.push("clientcert=true");
  else if (st.clientcert !== "off") out.push(`clientcert=${st.clientcert === "ca" ? "verify-ca" : "verify-full"}`);
  if (st.pamservice !== null) out.push(`pamservice=${st.pamservice}`);
  if (method === "ldap") {
    const l = st.ldap;
    for (const k of ["ldapserver", "ldapport", "ldapscheme"]) if (l.has(k)) out.push(`${k}=${l.get(k)}`);
    if (l.get("ldaptls") === "1") out.push("ldaptls=true");
    for (const k of ["ldapprefix", "ldapsuffix", "ldapbasedn", "ldapbinddn", "ldapbindpasswd", "ldapsearchattribute", "ldapsearchfilter"]) {
      if (l.has(k)) out.push(`${k}=${l.get(k)}`);
    }
    if (st.ldapscope) out.push(`ldapscope=${st.ldapscope}`);
  }
  if (method === "radius") {
    for (const k of ["radiusservers", "radiussecrets", "radiusidentifiers", "radiusports"]) {
      const v = st.radius.get(k);
      if (v) out.push(`${k}=${v.raw}`);
    }
  }
  if (method === "oauth") {
    for (const k of ["issuer", "scope", "validator"]) if (st.oauth.has(k)) out.push(`${k}=${st.oauth.get(k)}`);
    if (st.oauth.get("delegate_ident_mapping") === "1") out.push("delegate_ident_mapping=true");
  }
  return out.length ? out : null;
}
function atoi2(s) {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  if (!m) return 0;
  const v = Number(m[1].slice(0, 12));
  return Math.max(-2147483648, Math.min(2147483647, v)) | 0;
}
function splitGucList2(s) {
  const entries = splitQuotedList(s);
  return entries && entries.map((e) => e.name);
}
function hbaFileRules(hba2, major = hba2.major) {
  let rule = 0;
  return hba2.lines.map((l) => {
    const r = l.record;
    const row2 = {
      line_number: l.line,
      type: null,
      database: null,
      user_name: null,
      address: null,
      netmask: null,
      auth_method: null,
      options: null,
      error: l.viewError
    };
    if (major >= 16) {
      if (l.viewError === null) rule++;
      row2.rule_number = l.viewError === null ? rule : null;
      row2.file_name = l.file.absPath;
    }
    if (r) {
      row2.type = r.connType;
      row2.database = r.databases.map((d) => d.token.text);
      row2.user_name = r.users.map((u) => u.token.text);
      const a = r.address;
      if (a) {
        if (a.kind === "ipv4" || a.kind === "ipv6") {
          row2.address = formatAddress(a.bytes);
          row2.netmask = formatAddress(a.mask);
        } else {
          row2.address = a.kind === "hostname" ? a.hostname : a.kind;
        }
      }
      row2.auth_method = r.method;
      row2.options = r.viewOptions;
    }
    return major >= 16 ? { rule_number: row2.rule_number, file_name: row2.file_name, ...row2 } : row2;
  });
}

// src/parse/pg-ident.ts
function parsePgIdent(file, major, io) {
  const tok = tokenizeAuthFile(file, major, io);
  const lines = tok.lines.map((l) => parseIdentLine(l, major));
  return { file, major, lines, includes: tok.includes, files: tok.files, loads: lines.every((l) => l.problem === null) };
}
function parseIdentLine(line, major) {
  if (line.error) return { ...line, record: null, problem: line.error };
  const err = (message, at) => ({
    ...line,
    record: null,
    problem: { message, file: at.file, start: at.start, end: at.end }
  });
  const single = (f) => f.tokens.length > 1 ? null : f.tokens[0];
  const fields = line.fields;
  const multi = (f) => err("multiple values in ident field", f.tokens[1]);
  const eol = { file: line.file, start: line.end, end: line.end };
  const map = single(fields[0]);
  if (!map) return multi(fields[0]);
  if (!fields[1]) return err("missing entry at end of line", eol);
  const sys = single(fields[1]);
  if (!sys) return multi(fields[1]);
  if (!fields[2]) return err("missing entry at end of line", eol);
  const pg = single(fields[2]);
  if (!pg) return multi(fields[2]);
  let groups2 = 0;
  const sysUser = { token: sys, kind: "literal" };
  if (sys.text[0] === "/") {
    const r = checkRegex(sys.text.slice(1));
    if (r.error) return err(`invalid regular expression "${sys.text.slice(1)}": ${r.error}`, sys);
    sysUser.kind = "regex";
    groups2 = r.groups;
  }
  const pgUser = { token: pg, kind: "literal" };
  if (major >= 16) {
    if (pg.text[0] === "/") {
      const r = checkRegex(pg.text.slice(1));
      if (r.error) return err(`invalid regular expression "${pg.text.slice(1)}": ${r.error}`, pg);
      pgUser.kind = "regex";
    } else if (!pg.quoted && pg.text[0] === "+") pgUser.kind = "group";
    else if (!pg.quoted && pg.text === "all") pgUser.kind = "keyword";
  }
  const substitutes = pgUser.kind === "literal" || pgUser.kind === "keyword";
  const backrefWithoutGroup = sysUser.kind === "regex" && substitutes && groups2 === 0 && pg.text.includes("\\1");
  return { ...line, record: { mapName: map, systemUser: sysUser, pgUser, backrefWithoutGroup }, problem: null };
}

// src/resolve/conf-files.ts
import { dirname as dirname3, resolve as resolve4 } from "node:path";
var CONF_FILE_MAX_DEPTH = 10;
var MAX_FILE_READS = 1e4;
var MAX_SET_LINES = 4e6;
function lineLoc(file, start, end) {
  return { file: file.path, start, end };
}
function readConfSet(host, tops, cache4 = /* @__PURE__ */ new Map()) {
  const set = { files: /* @__PURE__ */ new Map(), items: [], skipped: [] };
  let reads = 0;
  let tooMany = false;
  let visitedLines = 0;
  const parse = (abs, file) => {
    let conf = cache4.get(abs);
    if (!conf) {
      conf = parsePostgresqlConf(file);
      cache4.set(abs, conf);
    }
    if (!set.files.has(abs)) set.files.set(abs, conf);
    return conf;
  };
  const visitFile = (abs, file, depth, stack, via) => {
    const conf = parse(abs, file);
    const lines = conf.lines;
    const last = conf.abandonedAtLine ?? lines.length;
    visitedLines += last;
    let runStart = -1;
    const endRun = (to) => {
      if (runStart === -1) return;
      set.items.push({ kind: "settings", file, conf, from: runStart, to });
      runStart = -1;
    };
    for (let i = 0; i < last; i++) {
      const line = lines[i];
      if (line.kind === "setting") {
        if (runStart === -1) runStart = i;
      } else if (line.kind === "error") {
        endRun(i);
        set.items.push({
          kind: "syntax",
          file,
          lineNumber: line.line,
          loc: line.token ? lineLoc(file, line.token.start, line.token.end) : lineLoc(file, line.end, line.end),
          message: `syntax error in file "${file.path}" line ${reportedErrorLine(conf, line)}, ${line.near}`
        });
      } else if (line.kind === "include") {
        endRun(i);
        visitInclude(abs, file, line, depth, stack, via);
      }
    }
    endRun(last);
    if (conf.abandonedAtLine !== void 0) {
      set.items.push({
        kind: "syntax",
        file,
        lineNumber: conf.abandonedAtLine,
        loc: lineLoc(file, 0, 0),
        message: `too many syntax errors found, abandoning file "${file.path}"`
      });
    }
  };
  const problem = (file, line, reason, message, detail) => {
    set.items.push({
      kind: "include",
      reason,
      file,
      lineNumber: line.line,
      loc: lineLoc(file, line.value.start, line.value.end),
      message,
      ...detail ? { detail } : {}
    });
  };
  const outsideRoot = (from, line, what, abs) => {
    if (host.refusal?.(abs) === GIT_DIR_REFUSAL) {
      problem(
        from,
        line,
        "git-dir",
        `configuration ${what} "${host.display(abs)}" is ${GIT_DIR_REFUSAL}`,
        `${what === "file" ? "include" : "include_dir"} target ${host.display(abs)} is ${GIT_DIR_REFUSAL}`
      );
      return;
    }
    problem(
      from,
      line,
      "outside-root",
      `configuration ${what} "${host.display(abs)}" is outside the checked root; it was not read`,
      `${what === "file" ? "include" : "include_dir"} target ${host.display(abs)} lies outside ${host.display(host.root)}`
    );
  };
  const openFile = (fromAbs, from, line, targetAbs, depth, stack, via, strict) => {
    if (depth > CONF_FILE_MAX_DEPTH) {
      problem(from, line, "depth", `could not open configuration file "${line.value.value}": maximum nesting depth exceeded`);
      return;
    }
    if (++reads > MAX_FILE_READS) {
      if (!tooMany) {
        tooMany = true;
        problem(from, line, "too-many", `configuration file "${host.display(targetAbs)}" was not read: more than ${MAX_FILE_READS} includes in all (a file included over and over, or that many include lines)`);
      }
      return;
    }
    if (targetAbs === fromAbs) {
      problem(from, line, "cycle", `configuration file recursion in "${host.display(targetAbs)}"`, `${from.path} includes itself`);
      return;
    }
    if (!host.allowed(targetAbs)) {
      outsideRoot(from, line, "file", targetAbs);
      return;
    }
    const cycleAt = stack.indexOf(targetAbs);
    if (cycleAt !== -1) {
      const chain = [...stack.slice(cycleAt), targetAbs].map((p) => host.display(p)).join(" -> ");
      const edges = [];
      for (let i = cycleAt; i < stack.length - 1; i++) {
        const f = set.files.get(stack[i])?.file;
        if (f && via[i]) edges.push({ file: f, line: via[i] });
      }
      edges.push({ file: from, line });
      const steps = CONF_FILE_MAX_DEPTH + 1 - depth;
      const failing = edges.length === stack.length - cycleAt ? edges[(steps - 1) % edges.length] : { file: from, line };
      set.items.push({
        kind: "include",
        reason: "cycle",
        file: failing.file,
        lineNumber: failing.line.line,
        loc: lineLoc(failing.file, failing.line.value.start, failing.line.value.end),
        message: `could not open configuration file "${failing.line.value.value}": maximum nesting depth exceeded`,
        detail: `include cycle ${chain}`
      });
      return;
    }
    const kind = host.kind(targetAbs);
    if (kind === "missing") {
      if (!strict) {
        set.skipped.push({ file: from, lineNumber: line.line, target: targetAbs });
        return;
      }
      problem(from, line, "missing", `could not open configuration file "${host.display(targetAbs)}": No such file or directory`);
      return;
    }
    const read = host.read(targetAbs);
    if (!read.ok) {
      problem(from, line, "unreadable", `could not open configuration file "${host.display(targetAbs)}": ${read.error}`);
      return;
    }
    if (visitedLines + Math.min(read.file.lineStarts.length, MAX_CONF_LINES) > MAX_SET_LINES) {
      problem(from, line, "too-many", `configuration file "${host.display(targetAbs)}" was not read: more than ${MAX_SET_LINES} lines in all through includes (a file included over and over)`);
      return;
    }
    visitFile(targetAbs, read.file, depth, [...stack, targetAbs], [...via, line]);
  };
  const visitInclude = (fromAbs, from, line, depth, stack, via) => {
    const target = line.value.value;
    if (line.directive === "include_dir") {
      if (target.trim() === "") {
        problem(from, line, "empty-name", `empty configuration directory name: "${target}"`);
        return;
      }
      const dirAbs = resolve4(dirname3(fromAbs), target);
      if (!host.allowed(dirAbs)) {
        outsideRoot(from, line, "directory", dirAbs);
        return;
      }
      const listed = host.list(dirAbs);
      if (!listed.ok) {
        problem(
          from,
          line,
          listed.missing ? "missing" : "unreadable",
          `could not open configuration directory "${host.display(dirAbs)}": ${listed.error}`
        );
        return;
      }
      const names = listed.entries.filter((e) => !e.isDir && e.name.length >= 6 && !e.name.startsWith(".") && e.name.endsWith(".conf")).map((e) => resolve4(dirAbs, e.name)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      for (const abs of names) openFile(fromAbs, from, line, abs, depth + 1, stack, via, true);
      return;
    }
    if (target.trim() === "") {
      problem(from, line, "empty-name", `empty configuration file name: "${target}"`);
      return;
    }
    openFile(fromAbs, from, line, resolve4(dirname3(fromAbs), target), depth + 1, stack, via, line.directive === "include");
  };
  for (const top of tops) visitFile(top.absPath, top, 0, [top.absPath], []);
  return set;
}

// src/resolve/name-index.ts
var NameIndex = class {
  /**
   * `items`: what the indices refer to; `keyOf`: an item's name (the same for every item put
   * under one key); `expected`: about how many keys will be put (the table is sized for it).
   */
  constructor(items, keyOf2, expected = 0) {
    this.items = items;
    this.keyOf = keyOf2;
    let slots = 64;
    while (slots < 2 * expected) slots *= 2;
    this.table = new Int32Array(2 * slots);
    this.order = new Int32Array(slots >> 1);
  }
  items;
  keyOf;
  /** Slot i is table[2i] (the key's hash) and table[2i + 1] (item index + 1, or 0 when empty). */
  table;
  /** The slots of the keys in the order they were first put. */
  order;
  count = 0;
  get size() {
    return this.count;
  }
  get(key) {
    const slot = this.find(key, hashName(key));
    return slot < 0 ? void 0 : this.items[this.table[2 * slot + 1] - 1];
  }
  has(key) {
    return this.find(key, hashName(key)) >= 0;
  }
  /**
   * Files items[index] under its name and returns the index of the item filed under it before,
   * or -1. `hash`, when given, must be hashName(keyOf(items[index])).
   */
  put(index, hash) {
    const key = this.keyOf(this.items[index]);
    const h = hash ?? hashName(key);
    const slot = this.find(key, h);
    if (slot >= 0) {
      const before = this.table[2 * slot + 1] - 1;
      this.table[2 * slot + 1] = index + 1;
      return before;
    }
    const free = ~slot;
    this.table[2 * free] = h;
    this.table[2 * free + 1] = index + 1;
    if (this.count === this.order.length) this.order = grown(this.order);
    this.order[this.count++] = free;
    if (this.count * 2 > this.table.length >> 1) this.grow();
    return -1;
  }
  *values() {
    for (let i = 0; i < this.count; i++) yield this.items[this.table[2 * this.order[i] + 1] - 1];
  }
  *keys() {
    for (const item of this.values()) yield this.keyOf(item);
  }
  *entries() {
    for (const item of this.values()) yield [this.keyOf(item), item];
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  /** The slot holding `key`, or the bitwise complement of the empty slot where it would go. */
  find(key, h) {
    const table2 = this.table;
    const mask = (table2.length >> 1) - 1;
    for (let i = h & mask; ; i = i + 1 & mask) {
      const s = table2[2 * i + 1];
      if (s === 0) return ~i;
      if (table2[2 * i] === h && this.keyOf(this.items[s - 1]) === key) return i;
    }
  }
  /** Doubles the table; the keys' order is kept by rewriting their slots. */
  grow() {
    const old = this.table;
    const table2 = new Int32Array(old.length * 2);
    const mask = (table2.length >> 1) - 1;
    for (let k = 0; k < this.count; k++) {
      const j = this.order[k];
      const h = old[2 * j];
      let i = h & mask;
      while (table2[2 * i + 1] !== 0) i = i + 1 & mask;
      table2[2 * i] = h;
      table2[2 * i + 1] = old[2 * j + 1];
      this.order[k] = i;
    }
    this.table = table2;
  }
};
function grown(a) {
  const b = new Int32Array(Math.max(16, a.length * 2));
  b.set(a);
  return b;
}
var FNV_OFFSET = 2166136261;
var FNV_PRIME = 16777619;
function mix(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 73244475);
  return h ^ h >>> 16;
}
function hashName(key) {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return mix(h);
}
var nameScan = { hash: 0, dotted: false, upper: false };
function scanName(text3, start, end) {
  let h = FNV_OFFSET;
  let dotted = false;
  let upper = false;
  for (let i = start; i < end; i++) {
    let c = text3.charCodeAt(i);
    if (c === 46) dotted = true;
    else if (c >= 65 && c <= 90) {
      upper = true;
      c += 32;
    }
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  nameScan.hash = mix(h);
  nameScan.dotted = dotted;
  nameScan.upper = upper;
}

// src/resolve/cluster.ts
function errorFor(a) {
  if (a.status === "invalid" && a.value && !a.value.ok) return a.value.message;
  return null;
}
function assignmentError(a) {
  if (a.status === "unknown") {
    return `unrecognized configuration parameter "${a.line.name}" in file "${a.file.path}" line ${a.line.line}`;
  }
  return a.error;
}
var VALUE_MEMO_MAX = 1e4;
var ValueMemo = class {
  byEncoding = { utf8: /* @__PURE__ */ new Map(), latin1: /* @__PURE__ */ new Map() };
  size = 0;
  get(def, input, encoding) {
    return this.byEncoding[encoding].get(def)?.get(input);
  }
  set(def, input, encoding, value) {
    if (!value.ok || this.size >= VALUE_MEMO_MAX) return;
    const perDef = this.byEncoding[encoding];
    let values = perDef.get(def);
    if (values === void 0) perDef.set(def, values = /* @__PURE__ */ new Map());
    values.set(input, value);
    this.size++;
  }
};
function assign(catalog, file, line, assignments, memo, overrides) {
  const seqno = assignments.length + 1;
  const name = line.name;
  scanName(file.text, line.nameStart, line.nameEnd);
  const dotted = nameScan.dotted;
  const def = dotted ? void 0 : lookupParam(catalog, name);
  let a;
  let hash;
  if (!def) {
    const status = dotted ? "placeholder" : "unknown";
    const key = nameScan.upper ? foldName(name) : name;
    hash = nameScan.hash;
    a = { seqno, file, line, key, def: void 0, status, value: void 0, error: null, applied: true, ignored: false, overriddenBy: void 0 };
  } else {
    const input = line.value.value;
    let value = memo.get(def, input, file.encoding);
    if (value === void 0) {
      value = parseGucValue(def, input, catalog.major, { writtenName: name, timezones: timezones(catalog.major), encoding: file.encoding });
      memo.set(def, input, file.encoding, value);
    }
    const status = value.ok ? "ok" : "invalid";
    const key = def.name.toLowerCase();
    hash = hashName(key);
    a = { seqno, file, line, key, def, status, value, error: null, applied: true, ignored: false, overriddenBy: void 0 };
  }
  a.error = errorFor(a);
  a.applied = a.error === null && a.status !== "unknown";
  assignments.push(a);
  overrides.add(a, hash);
}
function resolveCluster(host, input, cache4 = /* @__PURE__ */ new Map()) {
  const catalog = loadCatalog(input.major);
  const sources = /* @__PURE__ */ new Map();
  const unreadable = [];
  const main2 = input.files.find((f) => f.kind === "postgresql.conf");
  const auto = input.files.find((f) => f.kind === "postgresql.auto.conf");
  let conf;
  const readTop = (f) => {
    if (!f) return void 0;
    const r = host.read(f.abs);
    if (r.ok) return r.file;
    unreadable.push({ kind: f.kind, abs: f.abs, path: host.display(f.abs), error: r.error });
    return void 0;
  };
  const mainFile = readTop(main2);
  const autoFile = readTop(auto);
  if (mainFile || autoFile) {
    const tops = [mainFile, autoFile].filter((f) => f !== void 0);
    conf = readConfSet(host, tops, cache4);
    for (const c of conf.files.values()) sources.set(c.file.path, c.file);
  }
  const assignments = [];
  const problems = [];
  const memo = new ValueMemo();
  let runLines = 0;
  for (const item of conf?.items ?? []) if (item.kind === "settings") runLines += item.to - item.from;
  const overrides = new Overrides(assignments, runLines);
  for (const item of conf?.items ?? []) {
    if (item.kind !== "settings") {
      problems.push(item);
      continue;
    }
    const lines = item.conf.lines;
    for (let i = item.from; i < item.to; i++) {
      const line = lines[i];
      if (line.kind === "setting") assign(catalog, item.file, line, assignments, memo, overrides);
    }
  }
  const mainSrc = conf && main2 ? conf.files.get(main2.abs)?.file : void 0;
  for (const a of assignments) {
    if (a.key !== "config_file" || a.status !== "ok") continue;
    const real = mainSrc?.path ?? a.file.path;
    a.value = { ok: true, value: real, canonical: real };
    a.applied = false;
  }
  const effective = overrides.resolve();
  let recovery;
  const rec = input.files.find((f) => f.kind === "recovery.conf");
  if (rec) {
    const r = host.read(rec.abs);
    if (r.ok) {
      recovery = parsePostgresqlConf(r.file);
      sources.set(r.file.path, r.file);
    } else unreadable.push({ kind: rec.kind, abs: rec.abs, path: host.display(rec.abs), error: r.error });
  }
  const signals = [];
  for (const f of input.files) {
    if (f.kind !== "standby.signal" && f.kind !== "recovery.signal") continue;
    const r = host.read(f.abs);
    if (r.ok) {
      signals.push({ kind: f.kind, file: r.file });
      sources.set(r.file.path, r.file);
    } else unreadable.push({ kind: f.kind, abs: f.abs, path: host.display(f.abs), error: r.error });
  }
  const io = authIO(host);
  let hba2;
  let ident;
  for (const f of input.files) {
    if (f.kind !== "pg_hba.conf" && f.kind !== "pg_ident.conf") continue;
    const r = host.read(f.abs);
    if (!r.ok) {
      unreadable.push({ kind: f.kind, abs: f.abs, path: host.display(f.abs), error: r.error });
      continue;
    }
    if (f.kind === "pg_hba.conf") {
      hba2 = parsePgHba(r.file, input.major, io);
      for (const s of hba2.files) sources.set(s.path, s);
    } else {
      ident = parsePgIdent(r.file, input.major, io);
      for (const s of ident.files) sources.set(s.path, s);
    }
  }
  return {
    input,
    catalog,
    ...conf ? { conf } : {},
    ...hba2 ? { hba: hba2 } : {},
    ...ident ? { ident } : {},
    assignments,
    problems,
    effective,
    ...recovery ? { recovery } : {},
    signals,
    unreadable,
    sources
  };
}
var keyOf = (a) => a.key;
var Overrides = class {
  /** `assignments`: where the assignments are pushed as they are made; `expected`: about how many there will be. */
  constructor(assignments, expected) {
    this.assignments = assignments;
    this.lastByKey = new NameIndex(assignments, keyOf, expected);
  }
  assignments;
  lastByKey;
  simple = true;
  /** `a` was just pushed onto the assignments; `hash` is hashName(a.key). */
  add(a, hash) {
    if (a.status === "unknown") return;
    if (a.status === "invalid") this.simple = false;
    const before = this.lastByKey.put(this.assignments.length - 1, hash);
    if (before !== -1) {
      const prev = this.assignments[before];
      if (prev.line.name !== a.line.name) this.simple = false;
      prev.overriddenBy = a;
    }
  }
  /** Marks the overridden assignments (once all are added) and returns the effective ones by key. */
  resolve() {
    const assignments = this.assignments;
    if (this.simple) {
      for (const a of assignments) {
        if (a.overriddenBy === void 0) continue;
        a.ignored = true;
        a.applied = false;
        a.error = null;
      }
      return this.lastByKey;
    }
    for (const a of assignments) a.overriddenBy = void 0;
    const lastBySpelling = new NameIndex(assignments, (a) => a.line.name, assignments.length);
    assignments.forEach((a, i) => {
      if (a.status === "unknown") return;
      const before = lastBySpelling.put(i);
      if (before !== -1) {
        const prev = assignments[before];
        prev.ignored = true;
        prev.applied = false;
        prev.error = null;
      }
    });
    const effective = new NameIndex(assignments, keyOf, assignments.length);
    assignments.forEach((a, i) => {
      if (a.status === "unknown" || a.status === "invalid") return;
      const before = effective.put(i);
      if (before !== -1) assignments[before].overriddenBy = a;
    });
    for (const a of assignments) {
      if (a.status !== "invalid") continue;
      const winner = effective.get(a.key);
      if (winner && winner.seqno > a.seqno) a.overriddenBy = winner;
    }
    return effective;
  }
};
function authIO(host) {
  return {
    read: (p) => host.read(p),
    listDir: (p) => {
      const l = host.list(p);
      return l.ok ? { ok: true, entries: l.entries.map((e) => ({ name: e.name, isDirectory: e.isDir })) } : l;
    },
    allowed: (p) => host.allowed(p),
    refusal: (p) => host.refusal?.(p)
  };
}

// src/resolve/discover.ts
import { basename as basename2, dirname as dirname4, join as join4, resolve as resolve5, sep as sep2 } from "node:path";
var KNOWN_NAMES = {
  "postgresql.conf": "postgresql.conf",
  "postgresql.auto.conf": "postgresql.auto.conf",
  "pg_hba.conf": "pg_hba.conf",
  "pg_ident.conf": "pg_ident.conf",
  "recovery.conf": "recovery.conf"
};
var SIGNAL_NAMES = {
  "standby.signal": "standby.signal",
  "recovery.signal": "recovery.signal"
};
var isSignalKind = (k) => k === "standby.signal" || k === "recovery.signal";
var SKIP_DIRS = /* @__PURE__ */ new Set([".git", "node_modules", ".hg", ".svn"]);
var MAX_WALK_DEPTH = 32;
function kindFromName(name) {
  const n = basename2(name).toLowerCase();
  if (KNOWN_NAMES[n]) return KNOWN_NAMES[n];
  if (SIGNAL_NAMES[n]) return SIGNAL_NAMES[n];
  if (n.includes("pg_hba") || n.includes("hba.conf")) return "pg_hba.conf";
  if (n.includes("pg_ident") || n.includes("ident.conf")) return "pg_ident.conf";
  if (n.includes("postgresql.auto")) return "postgresql.auto.conf";
  if (n.startsWith("recovery") || n.endsWith("recovery.conf")) return "recovery.conf";
  return "postgresql.conf";
}
function isSupportedMajor(n) {
  return SUPPORTED_MAJORS.includes(n);
}
function majorFromPath(path) {
  const segments = path.split(/[\\/]+/).reverse();
  for (const seg of segments) {
    const m = /^(?:(?:pg|pgsql|postgres|postgresql)[-_]?)?(\d{2})(?:\.\d+)?$/i.exec(seg);
    if (m) {
      const n = Number(m[1]);
      if (isSupportedMajor(n)) return n;
    }
  }
  return void 0;
}
var EXPLICIT_KINDS = ["postgresql.conf", "pg_hba.conf", "pg_ident.conf", "postgresql.auto.conf", "recovery.conf"];
function readPgVersion(host, dir) {
  const p = join4(dir, "PG_VERSION");
  if (host.kind(p) !== "file") return void 0;
  const r = host.read(p);
  if (!r.ok) return void 0;
  const n = Number(r.file.text.trim().split(".")[0]);
  return isSupportedMajor(n) ? n : void 0;
}
function discover(host, paths, options = {}) {
  const errors = [];
  const byDir = /* @__PURE__ */ new Map();
  const named = /* @__PURE__ */ new Map();
  const add = (abs, kind) => {
    if (options.ignore?.(abs)) return;
    const def = options.clusterOf?.(abs);
    const key = def ? `cluster:${def.name}` : dirname4(abs);
    if (def) named.set(key, def);
    let files = byDir.get(key);
    if (!files) byDir.set(key, files = /* @__PURE__ */ new Map());
    files.set(abs, kind);
  };
  const visited = /* @__PURE__ */ new Set();
  const idOf = (dir) => (host.identity ? host.identity(dir) : fileIdentity(dir)) ?? dir;
  const deferred = [];
  const tooDeep = [];
  const unlisted = [];
  let ignoredFiles = 0;
  const enter = (dir, depth) => {
    const id = idOf(dir);
    if (visited.has(id)) return;
    visited.add(id);
    const listed = host.list(dir);
    if (!listed.ok) {
      unlisted.push(`${host.display(dir)}: ${listed.error}`);
      return;
    }
    for (const e of listed.entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) {
      const abs = join4(dir, e.name);
      if (e.isDir) {
        if (SKIP_DIRS.has(e.name) || !host.allowed(abs) || options.ignore?.(abs)) continue;
        if (depth + 1 > MAX_WALK_DEPTH) {
          if (!visited.has(idOf(abs))) tooDeep.push(abs);
        } else if (e.isLink) deferred.push({ dir: abs, depth: depth + 1 });
        else enter(abs, depth + 1);
      } else {
        const kind = KNOWN_NAMES[e.name] ?? options.extraKind?.(abs) ?? SIGNAL_NAMES[e.name];
        if (!kind || host.kind(abs) === "missing") continue;
        if (options.ignore?.(abs)) ignoredFiles++;
        else add(abs, kind);
      }
    }
  };
  let stdinDone = false;
  const addStdin = ({ abs, name }) => {
    if (stdinDone) return;
    stdinDone = true;
    if (!host.allowed(abs)) {
      const why = host.refusal?.(abs);
      errors.push(`--stdin-filename ${name}: ${why === GIT_DIR_REFUSAL ? why : `outside the root ${host.display(host.root)}; nothing outside it is read (see --root)`}`);
      return;
    }
    if (options.ignore?.(abs)) {
      ignoredFiles++;
      return;
    }
    const own = options.kind ?? options.extraKind?.(abs) ?? kindFromName(abs);
    add(abs, own);
    const dir = dirname4(abs);
    const listed = host.list(dir);
    if (!listed.ok) return;
    for (const e of listed.entries) {
      const sib = join4(dir, e.name);
      if (e.isDir || sib === abs) continue;
      const kind = KNOWN_NAMES[e.name] ?? options.extraKind?.(sib) ?? SIGNAL_NAMES[e.name];
      if (!kind || kind === own || host.kind(sib) === "missing") continue;
      add(sib, kind);
    }
  };
  const addSignals = (dir) => {
    for (const [name, kind] of Object.entries(SIGNAL_NAMES)) {
      const abs = join4(dir, name);
      const k = host.allowed(abs) ? host.kind(abs) : "missing";
      if ((k === "file" || k === "other") && !options.ignore?.(abs)) add(abs, kind);
    }
  };
  const walk = (dir) => {
    enter(dir, 0);
    for (let next = deferred.shift(); next; next = deferred.shift()) enter(next.dir, next.depth);
  };
  for (const p of paths.length ? paths : ["."]) {
    if (p === "-") {
      if (!options.stdin) errors.push("-: standard input needs a file name to be linted as (--stdin-filename NAME)");
      else addStdin(options.stdin);
      continue;
    }
    const abs = resolve5(host.cwd, p);
    if (!host.allowed(abs)) {
      const why = host.refusal?.(abs);
      errors.push(why === GIT_DIR_REFUSAL ? `${p}: ${why}` : `${p}: outside the root ${host.display(host.root)}; nothing outside it is read (see --root)`);
      continue;
    }
    const kind = host.kind(abs);
    if (kind === "missing") errors.push(`${p}: no such file or directory`);
    else if (kind === "dir") walk(abs);
    else if (options.ignore?.(abs)) ignoredFiles++;
    else {
      add(abs, options.kind ?? options.extraKind?.(abs) ?? kindFromName(abs));
      addSignals(dirname4(abs));
    }
  }
  for (const [key, files] of byDir) if ([...files.values()].every(isSignalKind)) byDir.delete(key);
  const warnings = [];
  let empty;
  if (tooDeep.length) {
    const more = tooDeep.length > 1 ? ` (and ${tooDeep.length - 1} more ${tooDeep.length === 2 ? "directory" : "directories"} at that depth)` : "";
    warnings.push(
      `the directory search stopped at its depth limit of ${MAX_WALK_DEPTH} levels at ${host.display(tooDeep[0])}${more}: nothing below was searched; name a deeper directory as a path to check it`
    );
  }
  if (byDir.size === 0 && errors.length === 0) {
    const searched = (paths.length ? paths : ["."]).map((p) => p === "-" && options.stdin ? `standard input (as ${JSON.stringify(options.stdin.name)})` : JSON.stringify(p)).join(", ");
    const names = [...Object.keys(KNOWN_NAMES), ...options.extraKind ? ["the config's files: globs"] : []].join(", ");
    const why = [
      ...warnings.length ? [warnings[0]] : [],
      ...ignoredFiles ? [`${ignoredFiles} matching ${ignoredFiles === 1 ? "file is" : "files are"} ignored by the config's ignore: globs`] : [],
      ...unlisted.length ? [`could not list ${unlisted[0]}${unlisted.length > 1 ? ` (and ${unlisted.length - 1} more)` : ""}`] : []
    ];
    const message = `no configuration file found in ${searched}: looked for ${names} in every directory below (except ${[...SKIP_DIRS].join(", ")})${why.length ? "; " + why.join("; ") : ""}`;
    if (options.allowEmpty) empty = message;
    else errors.push(message);
  }
  const groups2 = [];
  for (const [key, files] of [...byDir.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
    const kinds = [...files.values()];
    if (new Set(kinds).size === kinds.length) groups2.push([key, files]);
    else {
      for (const [abs, kind] of [...files.entries()].sort(([a], [b]) => a < b ? -1 : 1)) {
        if (!isSignalKind(kind)) groups2.push([key, /* @__PURE__ */ new Map([[abs, kind]])]);
      }
    }
  }
  const clusters = [];
  for (const [key, files] of groups2) {
    const def = named.get(key);
    const firstFile = [...files.keys()].sort()[0];
    const dir = def ? dirname4(firstFile) : key;
    let major = NEWEST_MAJOR;
    let versionSource = "default";
    const fromFile = readPgVersion(host, dir);
    const fromPath = majorFromPath(host.display(dir).split(sep2).join("/"));
    const fromConfig = def?.pgVersion ?? options.configVersion?.([...files.keys()]);
    if (options.pgVersion) [major, versionSource] = [options.pgVersion, "flag"];
    else if (fromConfig) [major, versionSource] = [fromConfig, "config"];
    else if (fromFile) [major, versionSource] = [fromFile, "PG_VERSION"];
    else if (fromPath) [major, versionSource] = [fromPath, "path"];
    clusters.push({
      ...def ? { name: def.name } : {},
      dir,
      files: [...files.entries()].map(([abs, kind]) => ({ abs, kind })),
      major,
      versionSource
    });
  }
  return { clusters, errors, warnings, ...empty !== void 0 ? { empty } : {} };
}

// src/resolve/stdin.ts
import { dirname as dirname5, resolve as resolve6 } from "node:path";
function readStdin(maxBytes, stream = process.stdin) {
  return new Promise((done) => {
    const chunks = [];
    let total = 0;
    let settled = false;
    const finish = (r) => {
      if (settled) return;
      settled = true;
      stream.removeListener("data", onData);
      stream.removeListener("end", onEnd);
      stream.removeListener("error", onError);
      done(r);
    };
    const onData = (chunk) => {
      const b = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      total += b.length;
      if (total > maxBytes) {
        chunks.length = 0;
        stream.pause();
        stream.destroy?.();
        finish({ ok: false, error: sizeLimitError(`more than ${maxBytes}`, maxBytes, FILE_LIMIT_HINT) });
        return;
      }
      chunks.push(b);
    };
    const onEnd = () => finish({ ok: true, bytes: Buffer.concat(chunks, total) });
    const onError = (err) => finish({ ok: false, error: `cannot read standard input: ${err.message}` });
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", onError);
  });
}
function stdinPath(host, stdin) {
  return resolve6(host.cwd, stdin.filename);
}
function stdinHost(inner, stdin) {
  const abs = stdinPath(inner, stdin);
  const dir = dirname5(abs);
  const name = abs.slice(dir.length).replace(/^[\\/]/, "");
  const isIt = (p) => resolve6(p) === abs;
  const content = stdin.content;
  return {
    cwd: inner.cwd,
    ...inner.base !== void 0 ? { base: inner.base } : {},
    root: inner.root,
    maxFileBytes: inner.maxFileBytes,
    allowed: (p) => inner.allowed(p),
    ...inner.refusal ? { refusal: (p) => inner.refusal(p) } : {},
    ...inner.identity ? { identity: (p) => isIt(p) ? `stdin:${abs}` : inner.identity(p) } : {},
    display: (p) => inner.display(p),
    kind: (p) => isIt(p) ? "file" : inner.kind(p),
    read(p) {
      if (!isIt(p)) return inner.read(p);
      const why = inner.refusal?.(p) ?? (inner.allowed(p) ? void 0 : OUTSIDE_REFUSAL);
      if (why) return { ok: false, error: why };
      if (typeof content === "object" && !Buffer.isBuffer(content)) return { ok: false, error: content.error };
      const bytes2 = typeof content === "string" ? Buffer.from(content) : content;
      if (bytes2.length > inner.maxFileBytes) return { ok: false, error: sizeLimitError(bytes2.length, inner.maxFileBytes, FILE_LIMIT_HINT) };
      return { ok: true, file: createSourceFile(inner.display(abs), abs, bytes2) };
    },
    list(p) {
      const listed = inner.list(p);
      if (!listed.ok || resolve6(p) !== dir || listed.entries.some((e) => e.name === name)) return listed;
      return { ok: true, entries: [...listed.entries, { name, isDir: false, isLink: false }] };
    }
  };
}

// src/resolve/settings-rows.ts
function settingsRows(cluster) {
  const rows = [];
  let next = 0;
  for (const item of cluster.conf?.items ?? []) {
    if (item.kind !== "settings") {
      rows.push({
        sourcefile: item.file.path,
        sourceline: item.lineNumber,
        seqno: rows.length + 1,
        name: null,
        setting: null,
        applied: false,
        error: item.message,
        canonical: null
      });
      continue;
    }
    for (let i = item.from; i < item.to; i++) {
      if (item.conf.lines[i].kind !== "setting") continue;
      const a = cluster.assignments[next++];
      const canonical2 = a.status === "ok" && a.value?.ok ? a.value.canonical : a.status === "placeholder" ? a.line.value.value : null;
      rows.push({
        sourcefile: a.file.path,
        sourceline: a.line.line,
        seqno: rows.length + 1,
        name: a.line.name,
        setting: a.line.value.value,
        applied: a.applied,
        error: assignmentError(a),
        canonical: canonical2
      });
    }
  }
  return rows;
}

// src/analysis/hba.ts
var LOCAL = 1;
var SSL = 2;
var GSS = 4;
var PLAIN = 8;
var CONN_STATES = {
  local: LOCAL,
  host: SSL | GSS | PLAIN,
  hostssl: SSL,
  hostnossl: GSS | PLAIN,
  hostgssenc: GSS,
  hostnogssenc: SSL | PLAIN
};
var CONN_TYPES2 = Object.keys(CONN_STATES);
var MAX_COMPARISONS = 5e7;
var cache2 = /* @__PURE__ */ new WeakMap();
function analyzeHba(hba2) {
  let a = cache2.get(hba2);
  if (!a) {
    a = analyze(hba2);
    cache2.set(hba2, a);
  }
  return a;
}
var SET_FROM = 8;
function keySet(keys) {
  return keys.length > SET_FROM ? new Set(keys) : null;
}
var MAX_COMBINATIONS = 256;
var ALL = "*all";
var REPL = "*replication";
function dbKey(n) {
  if (n.kind === "keyword") {
    if (n.value === "samegroup") return "*samerole";
    return "*" + n.value;
  }
  return (n.kind === "regex" ? "re:" : "lit:") + n.value;
}
function userKey(n) {
  if (n.kind === "keyword") return ALL;
  return (n.kind === "regex" ? "re:" : n.kind === "group" ? "grp:" : "lit:") + n.value;
}
function dbCovered(e, key) {
  if (e.dbSet !== null) return key === REPL ? e.dbSet.has(REPL) : e.dbSet.has(key) || e.dbSet.has(ALL);
  if (key === REPL) return e.dbKeys.includes(REPL);
  return e.dbKeys.includes(key) || e.dbKeys.includes(ALL);
}
function userCovered(e, key) {
  if (e.userSet !== null) return e.userSet.has(key) || e.userSet.has(ALL);
  return e.userKeys.includes(key) || e.userKeys.includes(ALL);
}
function distinct(keys) {
  return keys.length < 2 ? keys : [...new Set(keys)];
}
function namesCovered(e, dbs, users) {
  return dbs.every((k) => dbCovered(e, k)) && users.every((k) => userCovered(e, k));
}
var HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));
function hexOf(bytes2) {
  return bytes2.map((b) => HEX_BYTE[b]).join("");
}
function maskedKey(family, bytes2, prefix, hex = hexOf(bytes2)) {
  const whole = prefix >> 3;
  const rest = prefix & 7;
  let s = `${family}/${prefix}/${hex.slice(0, whole * 2)}`;
  if (rest) {
    const b = bytes2[whole] & (255 << 8 - rest & 255);
    s += (b < 16 ? "0" : "") + b.toString(16);
  }
  return s;
}
function leadingOnes(mask) {
  let n = 0;
  for (const b of mask) {
    if (b === 255) {
      n += 8;
      continue;
    }
    let k = 0;
    while (k < 8 && (b & 128 >> k) !== 0) k++;
    return n + k;
  }
  return n;
}
function popcount(mask) {
  let n = 0;
  for (let b of mask) {
    while (b) {
      n += b & 1;
      b >>= 1;
    }
  }
  return n;
}
function isIp(a) {
  return a !== null && (a.kind === "ipv4" || a.kind === "ipv6") && a.bytes !== null && a.mask !== null;
}
function ipCovers(outer, inner) {
  if (outer.bytes.length !== inner.bytes.length) return false;
  for (let i = 0; i < outer.bytes.length; i++) {
    const mo = outer.mask[i];
    if ((mo & inner.mask[i]) !== mo) return false;
    if ((outer.bytes[i] & mo) !== (inner.bytes[i] & mo)) return false;
  }
  return true;
}
function addressKey(a) {
  if (a === null) return "local";
  switch (a.kind) {
    case "all":
      return "all";
    case "samehost":
    case "samenet":
      return "kw:" + a.kind;
    case "hostname":
      return "host:" + (a.hostname ?? "").toLowerCase();
    // hostname_match compares with pg_strcasecmp
    default:
      if (!isIp(a) || a.prefix === null) return null;
      return maskedKey(a.kind, a.bytes, a.prefix);
  }
}
function newTypeIndex() {
  return { byKey: /* @__PURE__ */ new Map(), addresses: /* @__PURE__ */ new Set(), prefixes: { ipv4: /* @__PURE__ */ new Set(), ipv6: /* @__PURE__ */ new Set() }, oddMasks: [], wide: [] };
}
function insert(idx, e) {
  const a = e.info.record.address;
  const key = addressKey(a);
  if (key === null) {
    idx.oddMasks.push(e);
    return;
  }
  if (e.dbKeys.length * e.userKeys.length > MAX_COMBINATIONS) {
    idx.wide.push(e);
    return;
  }
  if (isIp(a) && a.prefix !== null) idx.prefixes[a.kind].add(a.prefix);
  idx.addresses.add(key);
  for (const d of e.dbKeys) {
    for (const u of e.userKeys) {
      const k = `${key}\0${d}\0${u}`;
      const list4 = idx.byKey.get(k);
      if (list4) list4.push(e);
      else idx.byKey.set(k, [e]);
    }
  }
}
function probeAddressKeys(idx, a, hex) {
  const keys = [];
  const probe = (k) => {
    if (idx.addresses.has(k)) keys.push(k);
  };
  if (a === null) probe("local");
  else {
    probe("all");
    switch (a.kind) {
      case "all":
        break;
      case "samehost":
      case "samenet":
        probe("kw:" + a.kind);
        break;
      case "hostname":
        probe("host:" + (a.hostname ?? "").toLowerCase());
        break;
      default: {
        if (!isIp(a)) break;
        const max = leadingOnes(a.mask);
        for (const p of idx.prefixes[a.kind]) if (p <= max) probe(maskedKey(a.kind, a.bytes, p, hex));
      }
    }
  }
  return keys;
}
function entryCoversAddress(e, a) {
  const o = e.info.record.address;
  if (a === null || o === null) return a === o;
  if (o.kind === "all") return true;
  if (isIp(o) && isIp(a)) return ipCovers(o, a);
  if (o.kind === "hostname" && a.kind === "hostname") return (o.hostname ?? "").toLowerCase() === (a.hostname ?? "").toLowerCase();
  return o.kind === a.kind && (o.kind === "samehost" || o.kind === "samenet");
}
function earliestCover(idx, target, hex, budget) {
  const r = target.info.record;
  const dbs = target.dbKeys;
  const users = target.userKeys;
  const d0 = dbs[0];
  const u0 = users[0];
  const dbProbe = d0 === REPL || d0 === ALL ? [d0] : [d0, ALL];
  const userProbe = u0 === ALL ? [u0] : [u0, ALL];
  const found = { best: null };
  const cost = 1 + dbs.length + users.length;
  const consider = (e) => {
    const b = found.best;
    if (b !== null && e.info.index >= b.info.index) return false;
    if (budget.left < cost) {
      budget.stoppedAt ??= target.info;
      return false;
    }
    budget.left -= cost;
    if (!entryCoversAddress(e, r.address) || !namesCovered(e, dbs, users)) return false;
    found.best = e;
    return true;
  };
  for (const ak of probeAddressKeys(idx, r.address, hex)) {
    for (const d of dbProbe) {
      for (const u of userProbe) {
        const list4 = idx.byKey.get(`${ak}\0${d}\0${u}`);
        if (list4 === void 0) continue;
        for (const e of list4) {
          const b = found.best;
          if (b !== null && e.info.index >= b.info.index || consider(e)) break;
        }
      }
    }
  }
  for (const e of idx.oddMasks) if (budget.left >= cost) consider(e);
  for (const e of idx.wide) if (budget.left >= cost) consider(e);
  if (budget.left < cost && (idx.oddMasks.length > 0 || idx.wide.length > 0)) budget.stoppedAt ??= target.info;
  return found.best;
}
var NOT_SHADOWED = Object.freeze([]);
var Info = class {
  constructor(index, line, record) {
    this.index = index;
    this.line = line;
    this.record = record;
    const a = record.address;
    const ip = isIp(a);
    const prefixLength = ip ? popcount(a.mask) : null;
    this.isLocal = record.connType === "local";
    this.isWorld = a !== null && (a.kind === "all" || ip && prefixLength === 0);
    this.isLoopbackOnly = isLoopback(a);
    this.family = ip ? a.kind : null;
    this.prefixLength = prefixLength;
    this.allUsers = record.users.some((u) => u.kind === "keyword" && u.value === "all");
    this.allDatabases = record.databases.some((d) => d.kind === "keyword" && d.value === "all");
    this.replication = record.databases.some((d) => d.kind === "keyword" && d.value === "replication");
  }
  index;
  line;
  record;
  reachable = true;
  shadowedBy = null;
  shadowedByAll = NOT_SHADOWED;
  isLocal;
  isWorld;
  isLoopbackOnly;
  family;
  prefixLength;
  allUsers;
  allDatabases;
  replication;
  exposureText = void 0;
  recordLocation = void 0;
  get exposure() {
    return this.exposureText ??= describeExposure(this.record);
  }
  get loc() {
    return this.recordLocation ??= recordLoc(this.line, this.record);
  }
};
function analyze(hba2) {
  const records = [];
  const index = /* @__PURE__ */ new Map();
  const budget = { left: MAX_COMPARISONS, stoppedAt: null };
  for (const line of hba2.lines) {
    if (line.problem !== null || line.record === null) continue;
    const info = new Info(records.length, line, line.record);
    const dbKeys = distinct(line.record.databases.map(dbKey));
    const userKeys = distinct(line.record.users.map(userKey));
    const entry = { info, dbKeys, userKeys, dbSet: keySet(dbKeys), userSet: keySet(userKeys) };
    shadow(index, entry, budget);
    let idx = index.get(line.record.connType);
    if (!idx) index.set(line.record.connType, idx = newTypeIndex());
    insert(idx, entry);
    records.push(info);
  }
  return {
    records,
    reachable: records.filter((r) => r.reachable),
    unreachable: records.filter((r) => !r.reachable),
    incompleteAt: budget.stoppedAt
  };
}
function shadow(index, entry, budget) {
  const info = entry.info;
  const want = CONN_STATES[info.record.connType];
  let single = null;
  const parts = [];
  let union = 0;
  const a = info.record.address;
  const hex = isIp(a) ? hexOf(a.bytes) : "";
  for (const t of CONN_TYPES2) {
    const states = CONN_STATES[t];
    if ((states & want) === 0) continue;
    const idx = index.get(t);
    if (!idx) continue;
    const e = earliestCover(idx, entry, hex, budget);
    if (!e) continue;
    if ((states & want) === want) {
      if (single === null || e.info.index < single.info.index) single = e;
    } else {
      parts.push(e);
      union |= states;
    }
  }
  if (single) {
    info.reachable = false;
    info.shadowedBy = single.info;
    info.shadowedByAll = [single.info];
  } else if ((union & want) === want) {
    const all = parts.map((p) => p.info).sort((a2, b) => a2.index - b.index);
    info.reachable = false;
    info.shadowedBy = all[0];
    info.shadowedByAll = all;
  }
}
var V4_LOOPBACK = { bytes: [127, 0, 0, 0], mask: [255, 0, 0, 0] };
var V6_LOOPBACK = { bytes: [...new Array(15).fill(0), 1], mask: new Array(16).fill(255) };
var V6_MAPPED_LOOPBACK = { bytes: [...new Array(10).fill(0), 255, 255, 127, 0, 0, 0], mask: [...new Array(13).fill(255), 0, 0, 0] };
function isLoopback(a) {
  if (a === null) return false;
  if (a.kind === "hostname") {
    return (a.hostname ?? "").toLowerCase() === "localhost";
  }
  if (!isIp(a)) return false;
  return ipCovers(V4_LOOPBACK, a) || ipCovers(V6_LOOPBACK, a) || ipCovers(V6_MAPPED_LOOPBACK, a);
}
function tokenLoc(t) {
  let o = t;
  while (o.via) o = o.via;
  return { file: o.file.path, start: o.start, end: o.end };
}
function addressLoc(a) {
  const loc = tokenLoc(a.token);
  if (a.maskToken) {
    const m = tokenLoc(a.maskToken);
    if (m.file === loc.file && m.end > loc.start) return { file: loc.file, start: loc.start, end: m.end };
  }
  return loc;
}
function recordLoc(line, r) {
  const first = tokenLoc(r.connTypeToken);
  let end = tokenLoc(r.methodToken).end;
  for (const f of line.fields) {
    for (const t of f.tokens) {
      const l = tokenLoc(t);
      if (l.file === first.file && l.end > end) end = l.end;
    }
  }
  return { file: first.file, start: first.start, end };
}
function recordRef(info, from) {
  const n = info.line.line;
  return info.line.file.path === from ? `line ${n}` : `${info.line.file.path}:${n}`;
}
function recordText(info, max = 100) {
  const file = info.line.file;
  const text3 = file.text.slice(info.loc.start, info.loc.end).replace(/\\\r?\n/g, " ").replace(/\s+/g, " ").trim();
  return text3.length > max ? text3.slice(0, max - 1) + "\u2026" : text3;
}
function listOf(items, max = 5) {
  const shown5 = items.slice(0, max).map((t) => boundQuote(t));
  if (items.length <= max) return shown5.join(", ");
  return `${shown5.join(", ")} and ${items.length - max} more`;
}
function describeUsers(users) {
  if (users.some((u) => u.kind === "keyword")) return "any user (all)";
  const parts = [];
  const literals = users.filter((u) => u.kind === "literal").map((u) => u.token.raw);
  if (literals.length) parts.push(`${literals.length === 1 ? "user" : "users"} ${listOf(literals)}`);
  const groups2 = users.filter((u) => u.kind === "group");
  for (const g of groups2.slice(0, 5)) parts.push(`members of role ${boundQuote(g.value)} (${boundQuote(g.token.raw)})`);
  if (groups2.length > 5) parts.push(`members of ${groups2.length - 5} more roles`);
  const regexes = users.filter((u) => u.kind === "regex").map((u) => u.token.raw);
  if (regexes.length) parts.push(`users matching ${listOf(regexes)} (regex)`);
  return parts.join(" or ");
}
function describeDatabases(dbs) {
  const parts = [];
  const kw = (v) => dbs.some((d) => d.kind === "keyword" && d.value === v);
  if (kw("all")) parts.push("any database except replication (all)");
  if (kw("replication")) parts.push("physical replication (replication)");
  if (!kw("all")) {
    if (kw("sameuser")) parts.push("the database named like the user (sameuser)");
    for (const k of ["samerole", "samegroup"]) {
      if (kw(k)) parts.push(`databases named like a role the user belongs to (${k})`);
    }
    const literals = dbs.filter((d) => d.kind === "literal").map((d) => d.token.raw);
    if (literals.length) parts.push(`${literals.length === 1 ? "database" : "databases"} ${listOf(literals)}`);
    const regexes = dbs.filter((d) => d.kind === "regex").map((d) => d.token.raw);
    if (regexes.length) parts.push(`databases matching ${listOf(regexes)} (regex)`);
  }
  return parts.join(" and ");
}
function written(a) {
  return a.maskToken ? `${boundQuote(a.token.raw)} ${boundQuote(a.maskToken.raw)}` : boundQuote(a.token.raw);
}
function describeAddress(a) {
  if (a === null) return "through the local Unix socket";
  switch (a.kind) {
    case "all":
      return "from any address (all)";
    case "samehost":
      return "from any of the server's own IP addresses (samehost)";
    case "samenet":
      return "from any subnet the server is directly connected to (samenet)";
    case "hostname": {
      const h = boundQuote(a.hostname ?? a.token.text);
      return h.startsWith(".") ? `from any host whose DNS name ends in ${h}` : `from host ${h} (by DNS name)`;
    }
  }
  if (!isIp(a)) return `from ${written(a)}`;
  const fam = a.kind === "ipv4" ? "IPv4" : "IPv6";
  const bits = popcount(a.mask);
  if (bits === 0) return `from any ${fam} address (${written(a)})`;
  if (a.prefix === null) return `from ${fam} addresses matching ${formatAddress(a.bytes)} under netmask ${formatAddress(a.mask)} (${written(a)})`;
  const net2 = `${formatAddress(a.bytes.map((b, i) => b & a.mask[i]))}/${a.prefix}`;
  const full = a.kind === "ipv4" ? 32 : 128;
  const what = a.prefix === full ? `${fam} host ${formatAddress(a.bytes)}` : `${fam} network ${net2}`;
  return written(a) === net2 || written(a) === formatAddress(a.bytes) ? `from ${what}` : `from ${what} (${written(a)})`;
}
var CONN_WORDS = {
  local: "",
  host: "",
  hostssl: " over SSL",
  hostnossl: " without SSL",
  hostgssenc: " over GSSAPI encryption",
  hostnogssenc: " without GSSAPI encryption"
};
var METHOD_WORDS = {
  trust: "with no password (trust)",
  password: "with a cleartext password (password)",
  md5: "with an MD5 password (md5)",
  "scram-sha-256": "with a SCRAM password (scram-sha-256)",
  cert: "with a client certificate (cert)",
  ident: "as whoever the client's ident server names (ident)",
  peer: "as the operating-system user of the same name (peer)",
  gss: "with Kerberos/GSSAPI (gss)",
  sspi: "with Windows SSPI (sspi)",
  ldap: "with a password checked by LDAP (ldap)",
  radius: "with a password checked by RADIUS (radius)",
  pam: "with a password checked by PAM (pam)",
  bsd: "with BSD authentication (bsd)",
  oauth: "with an OAuth bearer token (oauth)"
};
function describeMethod(r) {
  let how = METHOD_WORDS[r.method] ?? `authenticated by ${r.method}`;
  const cc = r.options.find((o) => o.name === "clientcert");
  if (cc && r.method !== "cert") how += ` plus a client certificate (clientcert=${cc.value})`;
  return how;
}
function describeExposure(r) {
  const who = describeUsers(r.users);
  const what = describeDatabases(r.databases);
  const where3 = describeAddress(r.address) + CONN_WORDS[r.connType];
  if (r.method === "reject") return `connections by ${who} to ${what} ${where3} are rejected (reject)`;
  return `${who} can connect to ${what} ${where3} ${describeMethod(r)}`;
}
function parseNetwork(s) {
  const slash = s.indexOf("/");
  if (slash === -1) return null;
  const host = s.slice(0, slash);
  const bitsText = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return null;
  const bytes2 = parseIPv4(host) ?? parseIPv6(host);
  if (!bytes2) return null;
  const bits = Number(bitsText);
  if (bits > bytes2.length * 8) return null;
  const mask = bytes2.map((_, i) => 255 << 8 - Math.max(0, Math.min(8, bits - i * 8)) & 255);
  return { bytes: bytes2, mask };
}
function allowedNetworksOption(options) {
  const v = options.allowedNetworks;
  if (!Array.isArray(v)) return [];
  return v.flatMap((s) => {
    const n = typeof s === "string" ? parseNetwork(s) : null;
    return n ? [n] : [];
  });
}
function insideNetworks(info, networks) {
  const a = info.record.address;
  return isIp(a) && networks.some((n) => ipCovers(n, a));
}
var ALLOWED_NETWORKS = opt.stringArray(
  [],
  "Networks considered safe (CIDR strings); records whose address lies inside one of them are not flagged. Also taken from the top-level `allowedNetworks` of the config file.",
  { pattern: "^[0-9a-fA-F:.]+/[0-9]{1,3}$" }
);
var WIDE_NETWORK_OPTIONS = {
  ipv4Prefix: opt.integer(16, "IPv4 networks with a shorter prefix than this count as wide.", { minimum: 0, maximum: 32 }),
  ipv6Prefix: opt.integer(48, "IPv6 networks with a shorter prefix than this count as wide.", { minimum: 0, maximum: 128 }),
  allowedNetworks: ALLOWED_NETWORKS
};
function intOption(options, name, fallback) {
  const v = options[name];
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : fallback;
}
function wideNetworkOptions(options) {
  return {
    ipv4Prefix: intOption(options, "ipv4Prefix", WIDE_NETWORK_OPTIONS.ipv4Prefix.default),
    ipv6Prefix: intOption(options, "ipv6Prefix", WIDE_NETWORK_OPTIONS.ipv6Prefix.default),
    allowed: allowedNetworksOption(options)
  };
}
function isWide(info, ipv4Prefix, ipv6Prefix) {
  if (info.family === null || info.prefixLength === null || info.isWorld || info.isLoopbackOnly) return false;
  return info.prefixLength < (info.family === "ipv4" ? ipv4Prefix : ipv6Prefix);
}

// src/resolve/views.ts
function hbaRows(host, hba2) {
  const rows = hbaFileRules(hba2);
  return rows.map((row2, i) => {
    const line = hba2.lines[i];
    return {
      ...row2,
      ...row2.file_name !== void 0 ? { file_name: host.display(row2.file_name) } : {},
      error: row2.error ?? line.problem?.message ?? null
    };
  });
}

// src/api.ts
var SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };
function compareDiagnostics(a, b) {
  if (a.loc.file !== b.loc.file) return a.loc.file < b.loc.file ? -1 : 1;
  if (a.loc.start !== b.loc.start) return a.loc.start - b.loc.start;
  if (a.severity !== b.severity) return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}
function hostFor(options) {
  const inner = options.host ?? nodeHost({ cwd: options.cwd, root: options.root, base: options.base, maxFileBytes: maxFileBytesFor(options) });
  return options.stdin ? stdinHost(inner, options.stdin) : inner;
}
function maxFileBytesFor(options) {
  if (options.host) return options.host.maxFileBytes;
  const configMax = options.config?.config.maxFileSize;
  const fromConfig = configMax !== void 0 ? Math.min(parseSize(configMax), DEFAULT_MAX_FILE_BYTES) : void 0;
  return Math.min(options.maxFileBytes ?? fromConfig ?? DEFAULT_MAX_FILE_BYTES, MAX_MAX_FILE_BYTES);
}
function configRelative(loaded, abs) {
  return relative2(loaded.dir, abs).split(sep3).join("/");
}
function discoverOptions(options, host) {
  const out = {
    ...options.pgVersion ? { pgVersion: options.pgVersion } : {},
    ...options.kind ? { kind: options.kind } : {},
    ...options.stdin ? { stdin: { abs: stdinPath(host, options.stdin), name: options.stdin.filename } } : {},
    ...options.allowEmpty ? { allowEmpty: true } : {}
  };
  const loaded = options.config;
  if (!loaded) return out;
  const c = loaded.config;
  const rel = (abs) => configRelative(loaded, abs);
  const overrides = (c.overrides ?? []).map((o) => ({ ...o, match: globMatcher(o.files) }));
  out.configVersion = (files) => {
    let v = c.pgVersion;
    for (const o of overrides) if (o.pgVersion && files.some((f) => o.match(rel(f)))) v = o.pgVersion;
    return v;
  };
  const kinds = Object.entries(c.files ?? {}).map(([kind, globs]) => ({ kind, match: globMatcher(globs) }));
  if (kinds.length) out.extraKind = (abs) => kinds.find((k) => k.match(rel(abs)))?.kind;
  if (c.ignore?.length) {
    const ignored = globMatcher(c.ignore);
    out.ignore = (abs) => ignored(rel(abs));
  }
  const defs = (c.clusters ?? []).map((d, i) => ({ name: d.name ?? `cluster-${i + 1}`, pgVersion: d.pgVersion, match: globMatcher(d.files) }));
  if (defs.length) {
    out.clusterOf = (abs) => {
      const d = defs.find((x) => x.match(rel(abs)));
      return d ? { name: d.name, ...d.pgVersion ? { pgVersion: d.pgVersion } : {} } : void 0;
    };
  }
  return out;
}
function clusterRuleConfig(options, cluster, ruleList) {
  const loaded = options.config;
  const c = loaded?.config;
  const files = cluster.input.files.map((f) => loaded ? configRelative(loaded, f.abs) : f.abs);
  const matching = (c?.overrides ?? []).filter((o) => files.some((f) => globMatcher(o.files)(f)));
  const def = cluster.input.name ? c?.clusters?.find((d, i) => (d.name ?? `cluster-${i + 1}`) === cluster.input.name) : void 0;
  const ruleSeverity = (name) => ruleList.find((r) => r.name === name)?.severity;
  const profiles = profileBlocks(selectedProfiles(options.profiles, c?.profile), cluster.input.major, ruleSeverity);
  const rules = mergeRules([...profiles, c?.rules, ...matching.map((o) => o.rules)]);
  for (const [name, sev] of Object.entries(options.rules ?? {})) rules[name] = { ...rules[name] ?? { options: {} }, severity: sev };
  for (const [name, opts] of Object.entries(options.ruleOptions ?? {})) {
    rules[name] = { ...rules[name] ?? {}, options: { ...rules[name]?.options ?? {}, ...opts } };
  }
  if (c?.allowedNetworks?.length) {
    for (const rule of ruleList) {
      if (rule.options?.allowedNetworks !== ALLOWED_NETWORKS) continue;
      const name = rule.name;
      rules[name] = { ...rules[name] ?? {}, options: { allowedNetworks: c.allowedNetworks, ...rules[name]?.options ?? {} } };
    }
  }
  const assume = { ...toAssumptions([c?.assume, ...matching.map((o) => o.assume), def?.assume]), ...options.assume ?? {} };
  return { rules, assume };
}
function resolveAll(paths, options = {}) {
  const host = hostFor(options);
  const found = discover(host, options.stdin && !paths.length ? ["-"] : paths, discoverOptions(options, host));
  const cache4 = /* @__PURE__ */ new Map();
  const clusters = found.clusters.map((c) => resolveCluster(host, c, cache4));
  return { host, clusters, errors: found.errors, warnings: found.warnings, ...found.empty !== void 0 ? { empty: found.empty } : {} };
}
function lint(paths, options, rules) {
  for (const name of selectedProfiles(options.profiles, options.config?.config.profile)) {
    if (!findProfile(name)) throw new ConfigError(unknownProfileMessage(name));
  }
  const { host, clusters, errors, warnings, empty } = resolveAll(paths, options);
  let diagnostics = [];
  const files = [];
  const ran = /* @__PURE__ */ new Set();
  const directiveRule = rules.find((r) => r.engineReport === "directive-problems");
  let unusedSeverity = directiveRule?.severity ?? "off";
  const sources = /* @__PURE__ */ new Map();
  for (const cluster of clusters) {
    for (const f of cluster.input.files) files.push({ path: host.display(f.abs), kind: f.kind, pgVersion: cluster.input.major });
    for (const [p, s] of cluster.sources) sources.set(p, s);
    const cfg = clusterRuleConfig(options, cluster, rules);
    for (const rule of rules) {
      const rc = cfg.rules[rule.name];
      const sev = rc?.severity ?? rule.severity;
      if (rule === directiveRule) unusedSeverity = sev;
      if (sev === "off") continue;
      ran.add(rule.name);
      for (const d of runRule(rule, cluster, { severity: sev, options: rc?.options ?? {}, assume: cfg.assume })) diagnostics.push(d);
    }
  }
  const directives = collectDirectives(clusters);
  const applied = applyDirectives(diagnostics, directives, sources, new Set(rules.map((r) => r.name)), ran);
  diagnostics = mergeGroups(applied.diagnostics, precedenceOrder(rules));
  if (directiveRule && unusedSeverity !== "off") {
    const name = directiveRule.name;
    const perFile = /* @__PURE__ */ new Map();
    for (const p of applied.problems) {
      const c = perFile.get(p.loc.file) ?? { n: 0, last: p.loc };
      c.n++;
      c.last = p.loc;
      perFile.set(p.loc.file, c);
      if (c.n <= FILE_FINDINGS_LIMIT) diagnostics.push({ rule: name, severity: unusedSeverity, message: p.message, help: p.help, loc: p.loc });
    }
    for (const [, c] of perFile) {
      if (c.n <= FILE_FINDINGS_LIMIT) continue;
      const more = c.n - FILE_FINDINGS_LIMIT;
      diagnostics.push({ rule: name, severity: unusedSeverity, message: `${more} more ${name} findings in this file are not listed (${c.n} in all; only the first ${FILE_FINDINGS_LIMIT} are)`, loc: c.last, unlisted: more });
    }
  }
  const seen = /* @__PURE__ */ new Set();
  const unique = diagnostics.filter((d) => {
    const k = `${d.rule}\0${d.loc.file}\0${d.loc.start}\0${d.loc.end}\0${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  unique.sort(compareDiagnostics);
  files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { files, rules, diagnostics: unique, clusters, sources, base: host.base ?? host.cwd, errors, warnings, ...empty !== void 0 ? { empty } : {} };
}
function readSettings(paths, options = {}) {
  const { host, clusters, errors, warnings, empty } = resolveAll(paths, options);
  const results = clusters.filter((c) => c.conf).map((c) => ({ cluster: host.display(c.input.dir), pgVersion: c.input.major, rows: settingsRows(c) }));
  return { results, errors, warnings, ...empty !== void 0 ? { empty } : {} };
}
function readHba(paths, options = {}) {
  const { host, clusters, errors, warnings, empty } = resolveAll(paths, options);
  const results = clusters.flatMap(
    (c) => c.hba ? [{ cluster: host.display(c.input.dir), file: c.hba.file.path, pgVersion: c.input.major, rows: hbaRows(host, c.hba) }] : []
  );
  return { results, errors, warnings, ...empty !== void 0 ? { empty } : {} };
}

// src/fix/apply.ts
import { resolve as resolve8 } from "node:path";

// src/linter/edits.ts
function applyEdits(text3, edits) {
  const sorted = [...edits].sort((a, b) => a.loc.start - b.loc.start || a.loc.end - b.loc.end);
  let out = "";
  let at = 0;
  for (const e of sorted) {
    if (e.loc.start < at || e.loc.end > text3.length) throw new Error("applyEdits: overlapping or out-of-range edit");
    out += text3.slice(at, e.loc.start) + e.text;
    at = e.loc.end;
  }
  return out + text3.slice(at);
}
function allowed(fix, unsafe) {
  return fix.applicability === "safe" || unsafe && fix.applicability === "unsafe";
}
function fixesForFile(diagnostics, file, unsafe) {
  const chosen = [];
  const taken = [];
  const candidates = diagnostics.filter((d) => d.fix && !d.suppressed && d.fix.edits.every((e) => e.loc.file === file) && allowed(d.fix, unsafe)).map((d) => d.fix).sort((a, b) => a.edits[0].loc.start - b.edits[0].loc.start);
  for (const f of candidates) {
    const clash = f.edits.some((e) => taken.some((t) => e.loc.start < t.loc.end && t.loc.start < e.loc.end || e.loc.start === t.loc.start && e.loc.end === t.loc.end));
    if (clash) continue;
    chosen.push(f);
    taken.push(...f.edits);
  }
  return chosen;
}

// src/fix/diff.ts
var CONTEXT = 3;
var MAX_EDIT_DISTANCE = 4e3;
function splitLines(text3) {
  const out = [];
  let at = 0;
  for (let i = text3.indexOf("\n"); i !== -1; i = text3.indexOf("\n", at)) {
    out.push(text3.slice(at, i + 1));
    at = i + 1;
  }
  if (at < text3.length) out.push(text3.slice(at));
  return out;
}
function myers(a, b) {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace = [];
  for (let d = 0; d <= max; d++) {
    if (d > MAX_EDIT_DISTANCE) return void 0;
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || k !== d && v[offset + k - 1] < v[offset + k + 1] ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d);
    }
  }
  return void 0;
}
function backtrack(a, b, trace, dEnd) {
  const ops = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d > 0; d--) {
    const vd = trace[d];
    const at = (kk) => vd[kk + d + 1];
    const k = x - y;
    const down = k === -d || k !== d && at(k - 1) < at(k + 1);
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: " ", line: a[x - 1] });
      x--;
      y--;
    }
    if (down) ops.push({ kind: "+", line: b[y - 1] });
    else ops.push({ kind: "-", line: a[x - 1] });
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: " ", line: a[x - 1] });
    x--;
    y--;
  }
  return ops.reverse();
}
function editScript(a, b) {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const middle = myers(am, bm) ?? [...am.map((line) => ({ kind: "-", line })), ...bm.map((line) => ({ kind: "+", line }))];
  return [
    ...a.slice(0, pre).map((line) => ({ kind: " ", line })),
    ...middle,
    ...a.slice(a.length - suf).map((line) => ({ kind: " ", line }))
  ];
}
function range(start, count2) {
  const s = count2 === 0 ? start - 1 : start;
  return count2 === 1 ? `${s}` : `${s},${count2}`;
}
function unifiedHunks(before, after) {
  if (before === after) return "";
  const ops = editScript(splitLines(before), splitLines(after));
  const changed = [];
  ops.forEach((op, i2) => op.kind !== " " && changed.push(i2));
  let out = "";
  let i = 0;
  while (i < changed.length) {
    const from = Math.max(0, changed[i] - CONTEXT);
    let j = i;
    while (j + 1 < changed.length && changed[j + 1] - changed[j] <= 2 * CONTEXT + 1) j++;
    const to = Math.min(ops.length, changed[j] + CONTEXT + 1);
    let oldLine = 1;
    let newLine = 1;
    for (let k = 0; k < from; k++) {
      if (ops[k].kind !== "+") oldLine++;
      if (ops[k].kind !== "-") newLine++;
    }
    let oldCount = 0;
    let newCount = 0;
    let body = "";
    for (let k = from; k < to; k++) {
      const op = ops[k];
      if (op.kind !== "+") oldCount++;
      if (op.kind !== "-") newCount++;
      body += op.kind + op.line + (op.line.endsWith("\n") ? "" : "\n\\ No newline at end of file\n");
    }
    out += `@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@
${body}`;
    i = j + 1;
  }
  return out;
}
function fileDiff(path, before, after, encoding) {
  const hunks = unifiedHunks(before, after);
  if (!hunks) return Buffer.alloc(0);
  return Buffer.concat([Buffer.from(`--- a/${path}
+++ b/${path}
`, "utf8"), Buffer.from(hunks, encoding)]);
}

// src/fix/write.ts
import {
  accessSync,
  closeSync as closeSync2,
  constants as constants2,
  fchmodSync as fchmodSync2,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync as lstatSync4,
  openSync as openSync2,
  readSync,
  realpathSync as realpathSync2,
  renameSync as renameSync2,
  statSync,
  unlinkSync as unlinkSync2,
  writeSync
} from "node:fs";
import { randomBytes as randomBytes2 } from "node:crypto";
import { basename as basename3, dirname as dirname6, isAbsolute, join as join5, relative as relative3, resolve as resolve7, sep as sep4 } from "node:path";
var NOFOLLOW2 = constants2.O_NOFOLLOW ?? 0;
var NONBLOCK = constants2.O_NONBLOCK ?? 0;
var NOCTTY = constants2.O_NOCTTY ?? 0;
function writeRoot(cwd, root) {
  const given = resolve7(cwd, root ?? ".");
  let real = given;
  try {
    real = realpathSync2.native(given);
  } catch {
  }
  return { given, real };
}
function encodeText(text3, encoding) {
  const bytes2 = Buffer.from(text3, encoding);
  return bytes2.toString(encoding) === text3 ? bytes2 : void 0;
}
function roundTripProblem(bytes2, text3, encoding) {
  const again = encodeText(text3, encoding);
  if (again && again.equals(bytes2)) return void 0;
  const now = decode(bytes2);
  if (now.text !== text3 || now.encoding !== encoding) return "it changed on disk since it was read";
  return `its bytes do not survive decoding as ${encoding === "utf8" ? "UTF-8" : "Latin-1"} and encoding back, so it cannot be rewritten byte for byte`;
}
function refuse(reason) {
  return { ok: false, reason };
}
function checkTarget(absPath, root, maxBytes) {
  const abs = resolve7(absPath);
  const inside = (dir) => {
    const r = relative3(dir, abs);
    return r === "" || r === ".." || r.startsWith(".." + sep4) || isAbsolute(r) ? void 0 : r;
  };
  const rel = inside(root.given) ?? inside(root.real);
  if (rel === void 0) return refuse("outside the checked root");
  if (hasGitSegment(rel)) return refuse("inside the repository's .git directory");
  const parts = rel.split(sep4);
  let cur = root.real;
  let st;
  for (let i = 0; i < parts.length; i++) {
    cur = join5(cur, parts[i]);
    try {
      st = lstatSync4(cur);
    } catch (err) {
      return refuse(describeFsError(err));
    }
    const shown5 = parts.slice(0, i + 1).join("/");
    const last = i === parts.length - 1;
    if (st.isSymbolicLink()) return refuse(last ? "a symbolic link; fixes are never written through a link" : `its directory ${shown5} is a symbolic link; fixes are never written through a link`);
    if (!last && !st.isDirectory()) return refuse(`its parent ${shown5} is not a directory`);
  }
  const lst = lstatSync4(cur, { bigint: true });
  if (!lst.isFile()) return refuse("not a regular file");
  if (lst.nlink > 1n) return refuse(`it has ${lst.nlink} hard links, and rewriting it would split them`);
  const mode = Number(lst.mode & 0o7777n);
  if ((mode & 146) === 0) return refuse("it is read-only (no write permission bit); pgconf-lint does not change permissions");
  try {
    accessSync(cur, constants2.W_OK);
  } catch (err) {
    return refuse(describeFsError(err));
  }
  let fd;
  try {
    fd = openSync2(cur, constants2.O_RDONLY | NOFOLLOW2 | NONBLOCK | NOCTTY);
  } catch (err) {
    return refuse(describeFsError(err));
  }
  try {
    const fst = fstatSync(fd, { bigint: true });
    if (!fst.isFile()) return refuse("not a regular file");
    if (fst.dev !== lst.dev || fst.ino !== lst.ino) return refuse("it changed on disk while it was being checked");
    const size = Number(fst.size);
    if (size > maxBytes) return refuse("it grew past the size limit since it was read");
    const buf = Buffer.alloc(size + 1);
    let n = 0;
    for (; ; ) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > size) return refuse("it changed on disk since it was read");
    }
    return { ok: true, target: { path: cur, dev: fst.dev, ino: fst.ino, mode, uid: Number(fst.uid), gid: Number(fst.gid), bytes: buf.subarray(0, n) } };
  } catch (err) {
    return refuse(describeFsError(err));
  } finally {
    closeSync2(fd);
  }
}
function leadsTo(dir, dirFd) {
  try {
    if (realpathSync2.native(dir) !== dir) return false;
    const byPath = statSync(dir, { bigint: true });
    const byFd = fstatSync(dirFd, { bigint: true });
    return byPath.dev === byFd.dev && byPath.ino === byFd.ino;
  } catch {
    return false;
  }
}
function writeTarget(target, data, root, maxBytes, hooks = {}) {
  const again = checkTarget(target.path, root, maxBytes);
  if (!again.ok) return again.reason;
  if (again.target.dev !== target.dev || again.target.ino !== target.ino || !again.target.bytes.equals(target.bytes)) return "it changed on disk since it was read";
  const dir = dirname6(target.path);
  const name = basename3(target.path);
  let dirFd;
  try {
    dirFd = openSync2(dir, constants2.O_RDONLY | (constants2.O_DIRECTORY ?? 0) | NOFOLLOW2);
  } catch (err) {
    return describeFsError(err);
  }
  const pinned = descriptorPath(dirFd) === dir ? `/proc/self/fd/${dirFd}` : void 0;
  if (pinned === void 0 && realpathSync2.native(dir) !== dir) {
    closeSync2(dirFd);
    return "its directory changed while it was being written";
  }
  const via = pinned ?? dir;
  const tmp = join5(via, `.${name.slice(0, 100)}.pgconf-lint-fix.${process.pid}.${randomBytes2(6).toString("hex")}.tmp`);
  const targetVia = join5(via, name);
  let fd = -1;
  let renamed = false;
  try {
    fd = openSync2(tmp, constants2.O_WRONLY | constants2.O_CREAT | constants2.O_EXCL | NOFOLLOW2, 384);
    for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
    const mine = fstatSync(fd);
    if (mine.uid !== target.uid || mine.gid !== target.gid) {
      try {
        fchownSync(fd, target.uid, target.gid);
      } catch {
        return `cannot keep its owner (uid ${target.uid}, gid ${target.gid})`;
      }
    }
    fchmodSync2(fd, target.mode);
    fsyncSync(fd);
    closeSync2(fd);
    fd = -1;
    hooks.beforeRename?.();
    if (!leadsTo(dir, dirFd)) return "its directory changed while it was being written";
    let now;
    try {
      now = lstatSync4(targetVia, { bigint: true });
    } catch (err) {
      return describeFsError(err);
    }
    if (now.isSymbolicLink()) return "it was replaced by a symbolic link while it was being written";
    if (!now.isFile() || now.dev !== target.dev || now.ino !== target.ino) return "it was replaced while it was being written";
    renameSync2(tmp, targetVia);
    renamed = true;
    try {
      fsyncSync(dirFd);
    } catch {
    }
    return void 0;
  } catch (err) {
    return describeFsError(err);
  } finally {
    if (fd !== -1) {
      try {
        closeSync2(fd);
      } catch {
      }
    }
    if (!renamed) {
      try {
        unlinkSync2(tmp);
      } catch {
      }
    }
    closeSync2(dirFd);
  }
}

// src/fix/apply.ts
var MAX_PASSES = 10;
function overlayHost(inner, fixed) {
  return {
    ...inner,
    kind: (p) => inner.kind(p),
    allowed: (p) => inner.allowed(p),
    display: (p) => inner.display(p),
    list: (p) => inner.list(p),
    ...inner.refusal ? { refusal: (p) => inner.refusal(p) } : {},
    ...inner.identity ? { identity: (p) => inner.identity(p) } : {},
    read(p) {
      const bytes2 = fixed.get(resolve8(p));
      if (bytes2 === void 0) return inner.read(p);
      return { ok: true, file: createSourceFile(inner.display(p), resolve8(p), bytes2) };
    }
  };
}
function stdinBytes(options) {
  const c = options.stdin?.content;
  if (c === void 0 || typeof c === "object" && !Buffer.isBuffer(c)) return void 0;
  return typeof c === "string" ? Buffer.from(c) : c;
}
function runFixes(paths, options, rules, fix) {
  const base = hostFor({ ...options, stdin: void 0 });
  const root = options.host ? { given: base.root, real: base.root } : writeRoot(resolve8(options.cwd ?? process.cwd()), options.root);
  const overlay = /* @__PURE__ */ new Map();
  const host = overlayHost(base, overlay);
  const stdinAbs = options.stdin ? stdinPath(base, options.stdin) : void 0;
  let stdinNow = stdinBytes(options);
  const lintNow = () => lint(paths, { ...options, host, ...options.stdin ? { stdin: { ...options.stdin, ...stdinNow ? { content: stdinNow } : {} } } : {} }, rules);
  const files = /* @__PURE__ */ new Map();
  const maxPasses = fix.maxPasses ?? MAX_PASSES;
  let result = lintNow();
  if (result.errors.length) return { result, files: [], fixed: 0, passes: 0 };
  let passes = 0;
  while (passes < maxPasses) {
    let changed = false;
    for (const [path, src] of result.sources) {
      const fixes = fixesForFile(result.diagnostics, path, fix.unsafe);
      if (!fixes.length) continue;
      const abs = resolve8(src.absPath);
      let f = files.get(abs);
      if (!f) {
        const isStdin = abs === stdinAbs;
        f = { path, absPath: abs, encoding: src.encoding, stdin: isStdin, before: src.text, after: src.text, fixes: 0 };
        files.set(abs, f);
        if (isStdin) {
          const bytes3 = stdinBytes(options);
          const why = bytes3 ? roundTripProblem(bytes3, src.text, src.encoding) : "standard input was not read";
          if (why) f.refused = why;
        } else {
          const checked = checkTarget(abs, root, base.maxFileBytes);
          if (!checked.ok) f.refused = checked.reason;
          else {
            f.target = checked.target;
            const why = roundTripProblem(checked.target.bytes, src.text, src.encoding);
            if (why) f.refused = why;
          }
        }
      }
      if (f.refused) continue;
      const after = applyEdits(src.text, fixes.flatMap((x) => x.edits));
      if (after === src.text) continue;
      const bytes2 = encodeText(after, f.encoding);
      if (!bytes2) {
        f.refused = `a fix inserts characters that ${f.encoding === "utf8" ? "UTF-8" : "Latin-1"} cannot encode`;
        overlay.delete(abs);
        if (f.stdin) stdinNow = stdinBytes(options);
        changed = true;
        continue;
      }
      f.after = after;
      f.bytes = bytes2;
      f.fixes += fixes.length;
      if (f.stdin) stdinNow = bytes2;
      else overlay.set(abs, bytes2);
      changed = true;
    }
    if (!changed) break;
    passes++;
    result = lintNow();
  }
  if (fix.mode === "write") {
    let failed = false;
    for (const f of files.values()) {
      if (f.refused || f.stdin || !f.bytes || !f.target || f.after === f.before) continue;
      const why = writeTarget(f.target, f.bytes, root, base.maxFileBytes, fix.hooks);
      if (why) {
        f.refused = why;
        overlay.delete(f.absPath);
        failed = true;
      }
    }
    if (failed) result = lintNow();
  }
  const list4 = [...files.values()].filter((f) => f.refused || f.after !== f.before).sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const fixed = list4.reduce((n, f) => n + (f.refused ? 0 : f.fixes), 0);
  return { result, files: list4, fixed, passes };
}
function fixDiff(outcome) {
  return Buffer.concat(outcome.files.filter((f) => !f.refused).map((f) => fileDiff(f.path, f.before, f.after, f.encoding)));
}
function fixSummary(outcome, mode) {
  const n = outcome.fixed;
  const problems = `${n} problem${n === 1 ? "" : "s"}`;
  if (mode === "diff") return n ? `Would fix ${problems}.` : "Nothing to fix.";
  const remaining = outcome.result.diagnostics.filter((d) => !d.suppressed).length;
  return `Fixed ${problems} (${remaining} remaining).`;
}

// src/report/common.ts
function locate(d, sources) {
  const src = sources.get(d.loc.file);
  if (!src) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  const s = lineColumn(src, d.loc.start);
  const e = lineColumn(src, d.loc.end);
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}
function summarize(diags) {
  const summary = { error: 0, warning: 0, info: 0 };
  for (const d of diags) if (!d.suppressed) summary[d.severity]++;
  return summary;
}
function safeTerminalText(s) {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 256 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  }).replace(/\n/g, "\\n");
}
var UNCOUNTED = /* @__PURE__ */ new Set(["info"]);
function plural(n, word) {
  return `${n} ${word}${n === 1 || UNCOUNTED.has(word) ? "" : "s"}`;
}
function safePathText(path) {
  const s = safeTerminalText(path);
  return /^[\s:]/.test(s) ? "./" + s : s;
}
function neutralizeControls(s) {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 256 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

// src/report/fixable.ts
function countFixable(diagnostics) {
  const n = { safe: 0, unsafe: 0 };
  for (const d of diagnostics) if (d.fix && !d.suppressed) n[d.fix.applicability]++;
  return n;
}
function isFixable(d, unsafe = false) {
  return d.fix !== void 0 && !d.suppressed && allowed(d.fix, unsafe);
}
function fixableSummary(count2) {
  if (count2.safe === 0 && count2.unsafe === 0) return void 0;
  if (count2.safe === 0) return `${count2.unsafe} fixable with --unsafe-fixes.`;
  return `${count2.safe} fixable with --fix${count2.unsafe ? ` (${count2.unsafe} more with --unsafe-fixes)` : ""}.`;
}
function shownFix(d) {
  const fix = d.fix;
  if (!fix || fix.edits.some((e) => containsSecret(e.text))) return void 0;
  return fix;
}
var FIX_COMMAND = { safe: "pgconf-lint --fix", unsafe: "pgconf-lint --unsafe-fixes" };
function fixHint(fix) {
  return `Fix (${fix.applicability}): ${fix.title} \u2014 ${FIX_COMMAND[fix.applicability]}`;
}

// src/report/json.ts
function fixOf(d, result) {
  const fix = shownFix(d);
  if (!fix) return {};
  return {
    fix: {
      title: fix.title,
      applicability: fix.applicability,
      edits: fix.edits.map((e) => ({ file: e.loc.file, ...locate({ ...d, loc: e.loc }, result.sources), text: e.text }))
    }
  };
}
function formatJson(result) {
  const report = {
    version: 1,
    files: result.files.map((f) => ({ path: f.path, kind: f.kind, pgVersion: f.pgVersion })),
    diagnostics: result.diagnostics.map((d) => ({
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      file: d.loc.file,
      ...locate(d, result.sources),
      suppressed: Boolean(d.suppressed),
      ...d.suppressed ? { suppression: d.suppressed } : {},
      ...d.help ? { help: d.help } : {},
      ...d.also?.length ? { also: d.also } : {},
      ...fixOf(d, result),
      ...d.related?.length ? {
        related: d.related.map((r) => ({
          message: r.message,
          file: r.loc.file,
          ...locate({ ...d, loc: r.loc }, result.sources)
        }))
      } : {}
    })),
    summary: summarize(result.diagnostics)
  };
  return JSON.stringify(report, null, 2) + "\n";
}

// src/report/frame.ts
var noPaint = (_style, s) => s;
var SGR = {
  error: "1;31",
  warning: "1;33",
  info: "1;34",
  gutter: "1;34",
  secondary: "1;34",
  bold: "1",
  removed: "31",
  added: "32",
  dim: "90"
};
var ansiPaint = (style, s) => s === "" ? s : `\x1B[${SGR[style]}m${s}\x1B[0m`;
var TAB_WIDTH = 8;
var MAX_LINE_COLUMNS = 120;
var MAX_RELATED = 8;
var MAX_DIFF_LINES = 8;
var LEFT_CONTEXT = 24;
var WINDOW_UNITS = 4 * MAX_LINE_COLUMNS;
function charWidth(cp) {
  if (cp < 768) return 1;
  if (isZeroWidth(cp)) return 0;
  return isWide2(cp) ? 2 : 1;
}
var ZERO = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
function isZeroWidth(cp) {
  return cp !== 173 && ZERO.test(String.fromCodePoint(cp));
}
var WIDE = [
  [4352, 4447],
  [8986, 8987],
  [9001, 9002],
  [9193, 9196],
  [9200, 9200],
  [9203, 9203],
  [9725, 9726],
  [9748, 9749],
  [9800, 9811],
  [9855, 9855],
  [9875, 9875],
  [9889, 9889],
  [9898, 9899],
  [9917, 9918],
  [9924, 9925],
  [9934, 9934],
  [9940, 9940],
  [9962, 9962],
  [9970, 9971],
  [9973, 9973],
  [9978, 9978],
  [9981, 9981],
  [9989, 9989],
  [9994, 9995],
  [10024, 10024],
  [10060, 10060],
  [10062, 10062],
  [10067, 10069],
  [10071, 10071],
  [10133, 10135],
  [10160, 10160],
  [10175, 10175],
  [11035, 11036],
  [11088, 11088],
  [11093, 11093],
  [11904, 12350],
  [12353, 13311],
  [13312, 19903],
  [19968, 40959],
  [40960, 42191],
  [43360, 43391],
  [44032, 55203],
  [63744, 64255],
  [65040, 65049],
  [65072, 65135],
  [65280, 65376],
  [65504, 65510],
  [94176, 94180],
  [94208, 101631],
  [110592, 111359],
  [126980, 126980],
  [127183, 127183],
  [127374, 127374],
  [127377, 127386],
  [127488, 127743],
  [127744, 128591],
  [128640, 128767],
  [128992, 129003],
  [129292, 129535],
  [129648, 129791],
  [131072, 196605],
  [196608, 262141]
];
function isWide2(cp) {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = lo + hi >> 1;
    const [a, b] = WIDE[mid];
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}
function lineAt(src, n) {
  const start = src.lineStarts[n - 1];
  let end = n < src.lineStarts.length ? src.lineStarts[n] - 1 : src.text.length;
  if (n < src.lineStarts.length && end > start && src.text.charCodeAt(end - 1) === 13) end--;
  return { number: n, start, text: src.text.slice(start, end) };
}
var FULL_SCAN_UNITS = 65536;
var SCAN_CONTEXT = 16384;
function lineSecrets(text3) {
  return (wa, wb) => {
    if (text3.length <= FULL_SCAN_UNITS) return wholeWords(text3, secretRanges(text3), 0, text3.length);
    let ca = Math.max(0, wa - SCAN_CONTEXT);
    const floor = Math.max(0, wa - 4 * SCAN_CONTEXT);
    while (ca > floor && !isBreak(text3.charCodeAt(ca - 1))) ca--;
    if (ca > 0 && !isBreak(text3.charCodeAt(ca - 1))) return [[wa, wb]];
    const cb = Math.min(text3.length, wb + SCAN_CONTEXT);
    return wholeWords(text3, secretRanges(text3.slice(ca, cb)).map(([x, y]) => [x + ca, y + ca]), ca, cb);
  };
}
function wholeWords(text3, ranges, lo, hi) {
  for (const r of ranges) {
    while (r[0] > lo && !isBreak(text3.charCodeAt(r[0] - 1))) r[0]--;
    while (r[1] < hi && !isBreak(text3.charCodeAt(r[1]))) r[1]++;
  }
  return mergeRanges(ranges);
}
function isBreak(c) {
  return c === 32 || c === 9 || c === 39 || c === 34;
}
function lineMasker(line, keyBlocks3) {
  const secrets = lineSecrets(line.text);
  return (wa, wb) => {
    const out = secrets(wa, wb);
    const end = line.start + line.text.length;
    for (const [a, b] of keyBlocks3) {
      if (b < line.start || a > end) continue;
      const from = Math.max(a, line.start) - line.start;
      const to = Math.min(b, end) - line.start;
      if (to > from) out.push([from, to]);
    }
    return mergeRanges(out);
  };
}
function mergeRanges(ranges) {
  ranges.sort((x, y) => x[0] - y[0]);
  const merged = [];
  for (const r of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
function layoutLine(text3, marks, mask = lineSecrets(text3)) {
  const len = text3.length;
  const focusFrom = marks.length ? Math.min(len, ...marks.map((m2) => m2.from)) : 0;
  const focusTo = marks.length ? Math.min(len, Math.max(...marks.map((m2) => m2.to))) : 0;
  let wa = 0;
  let wb = len;
  if (len > WINDOW_UNITS) {
    wa = Math.max(0, focusFrom - WINDOW_UNITS / 2);
    wb = Math.min(len, Math.max(focusTo, wa) + WINDOW_UNITS / 2, wa + 2 * WINDOW_UNITS);
    if (wa > 0 && isLowSurrogate(text3.charCodeAt(wa))) wa--;
    if (wb < len && isLowSurrogate(text3.charCodeAt(wb))) wb++;
  }
  const masked = mask(wa, wb);
  const cellUnit = [];
  const cellText = [];
  const cellCol = [];
  let col = 0;
  let m = 0;
  for (let i = wa; i < wb; ) {
    while (m < masked.length && masked[m][1] <= i) m++;
    const r = masked[m];
    let t;
    let w;
    let next;
    if (r && r[0] <= i) {
      t = MASK;
      w = MASK.length;
      next = Math.min(r[1], wb);
    } else {
      const cp = text3.codePointAt(i);
      next = i + (cp > 65535 ? 2 : 1);
      if (cp === 9) {
        w = TAB_WIDTH - col % TAB_WIDTH;
        t = " ".repeat(w);
      } else {
        const ch = String.fromCodePoint(cp);
        t = safeTerminalText(ch);
        w = t === ch ? charWidth(cp) : t.length;
      }
    }
    cellUnit.push(i);
    cellText.push(t);
    cellCol.push(col);
    col += w;
    i = next;
  }
  const total = col;
  const cellOf = (u) => {
    let lo = 0;
    let hi = cellUnit.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (cellUnit[mid] <= u) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const endOfCell = (c) => c + 1 < cellCol.length ? cellCol[c + 1] : total;
  const raw = marks.map(({ from, to }) => {
    const a = from < wa ? -1 : from >= wb ? from >= len && wb === len ? total : Infinity : cellCol[cellOf(from)];
    const end = Math.min(to, len + 1);
    const b = end <= wa ? -1 : end > len ? wb === len ? total + 1 : Infinity : end > wb ? Infinity : endOfCell(cellOf(end - 1));
    return [a, b];
  });
  let startCol = 0;
  let endCol = total;
  let first = 0;
  let last = cellCol.length;
  if (total + 1 > MAX_LINE_COLUMNS) {
    const fa = Math.max(0, Math.min(total, ...raw.map((c) => c[0])));
    const room = MAX_LINE_COLUMNS - 2;
    const ca = Math.max(0, Math.min(fa - LEFT_CONTEXT, total + 1 - room));
    while (first < cellCol.length && cellCol[first] < ca) first++;
    last = first;
    while (last < cellCol.length && endOfCell(last) <= ca + room) last++;
    startCol = first < cellCol.length ? cellCol[first] : total;
    endCol = last < cellCol.length ? cellCol[last] : total;
  }
  const before = wa > 0 || first > 0;
  const after = wb < len || last < cellCol.length;
  const lead = before ? 1 : 0;
  const ellipsis = lead + endCol - startCol;
  const at = (c) => c < startCol ? 0 : after && c > endCol ? ellipsis : lead + c - startCol;
  const columns = raw.map(([a, b]) => {
    const x = a === Infinity ? ellipsis : at(a);
    const y = b === Infinity ? ellipsis + 1 : b <= startCol ? lead : after && b > endCol ? ellipsis + 1 : lead + b - startCol;
    return [x, Math.max(x + 1, y)];
  });
  return { text: (before ? "\u2026" : "") + cellText.slice(first, last).join("") + (after ? "\u2026" : ""), columns };
}
function isLowSurrogate(c) {
  return c >= 56320 && c <= 57343;
}
function place(pieces, paint) {
  let out = "";
  let width = 0;
  for (const p of pieces) {
    if (p.col > width) {
      out += " ".repeat(p.col - width);
      width = p.col;
    }
    out += p.style ? paint(p.style, p.text) : p.text;
    width += p.text.length;
  }
  return out;
}
function markerRows(marks, columns, severity, paint) {
  const width = Math.max(...columns.map((c) => c[1]));
  const cells = new Array(width).fill(" ");
  for (const kind of ["secondary", "primary"]) {
    marks.forEach((mk, k) => {
      if (mk.kind === kind) for (let c = columns[k][0]; c < columns[k][1]; c++) cells[c] = kind === "primary" ? "^" : "-";
    });
  }
  const pieces = [];
  for (let c = 0; c < width; ) {
    let d = c;
    while (d < width && cells[d] === cells[c]) d++;
    if (cells[c] !== " ") pieces.push({ col: c, text: cells.slice(c, d).join(""), style: cells[c] === "^" ? severity : "secondary" });
    c = d;
  }
  const styleOf = (mk) => mk.kind === "primary" ? severity : "secondary";
  const labelled = marks.map((mk, k) => ({ mk, col: columns[k][0], end: columns[k][1], k })).filter((x) => x.mk.label).sort((x, y) => x.col - y.col || x.k - y.k);
  const rightmost = labelled[labelled.length - 1];
  if (rightmost && rightmost.end >= width && !labelled.slice(0, -1).some((x) => x.col === rightmost.col)) {
    labelled.pop();
    pieces.push({ col: width + 1, text: rightmost.mk.label, style: styleOf(rightmost.mk) });
  }
  const rows = [place(pieces, paint)];
  if (labelled.length) {
    const bars = (n) => labelled.slice(0, n).map((x) => ({ col: x.col, text: "|", style: styleOf(x.mk) }));
    rows.push(place(bars(labelled.length), paint));
    for (let j = labelled.length - 1; j >= 0; j--) {
      const x = labelled[j];
      rows.push(place([...bars(j), { col: x.col, text: x.mk.label, style: styleOf(x.mk) }], paint));
    }
  }
  return rows;
}
function lineSpan(src, loc) {
  const first = lineColumn(src, loc.start).line;
  const endAt = loc.end > loc.start && isLineStart(src, loc.end) ? loc.end - 1 : loc.end;
  return { first, last: Math.max(first, lineColumn(src, endAt).line) };
}
function isLineStart(src, offset) {
  return offset > 0 && offset <= src.text.length && src.text.charCodeAt(offset - 1) === 10;
}
var keyBlockCache = /* @__PURE__ */ new WeakMap();
function keyBlocks2(src) {
  let b = keyBlockCache.get(src);
  if (b === void 0) keyBlockCache.set(src, b = privateKeyBlocks(src.text));
  return b;
}
function markOn(line, a, span) {
  const eol = line.text.length;
  const local = (off) => Math.max(0, Math.min(off - line.start, eol + 1));
  const labelled = a.label !== void 0 ? { kind: a.kind, label: a.label } : { kind: a.kind };
  if (span.first === span.last) {
    if (line.number !== span.first) return void 0;
    const from = Math.min(local(a.loc.start), eol);
    return { ...labelled, from, to: Math.max(from + 1, local(a.loc.end)) };
  }
  if (line.number === span.first) {
    const from = Math.min(local(a.loc.start), eol);
    return { kind: a.kind, from, to: Math.max(from + 1, eol) };
  }
  if (line.number === span.last) return { ...labelled, from: 0, to: Math.max(1, local(a.loc.end)) };
  return void 0;
}
function fileRows(src, anns, ctx) {
  const { paint, gutter } = ctx;
  const spans = anns.map((a) => lineSpan(src, a.loc));
  const numbers = [...new Set(spans.flatMap((s) => [s.first, s.last]))].sort((x, y) => x - y);
  const bar = paint("gutter", " ".repeat(gutter) + " |");
  const rows = [];
  let prev = 0;
  for (const n of numbers) {
    if (prev && n > prev + 1) rows.push(paint("gutter", "..."));
    prev = n;
    const line = lineAt(src, n);
    const marks = [];
    anns.forEach((a, k) => {
      const mk = markOn(line, a, spans[k]);
      if (mk) marks.push(mk);
    });
    const shown5 = layoutLine(line.text, marks, lineMasker(line, keyBlocks2(src)));
    rows.push(paint("gutter", `${String(n).padStart(gutter)} |`) + (shown5.text ? " " + shown5.text : ""));
    for (const r of markerRows(marks, shown5.columns, ctx.severity, paint)) rows.push(bar + " " + r);
  }
  return rows;
}
function where(loc, sources) {
  const src = sources.get(loc.file);
  const { line, column } = src ? lineColumn(src, loc.start) : { line: 1, column: 1 };
  return `${safePathText(loc.file)}:${line}:${column}`;
}
function fixDiff2(src, fix) {
  const edits = fix.edits.filter((e) => e.loc.file === src.path);
  if (!edits.length) return void 0;
  const from = Math.min(...edits.map((e) => e.loc.start));
  const to = Math.max(...edits.map((e) => e.loc.end));
  const first = lineColumn(src, from).line;
  const last = to > from && isLineStart(src, to) ? lineColumn(src, to - 1).line : lineColumn(src, to).line;
  const regionStart = src.lineStarts[first - 1];
  const regionEnd = last < src.lineStarts.length ? src.lineStarts[last] : src.text.length;
  const before = src.text.slice(regionStart, regionEnd);
  const rebased = edits.map((e) => ({ loc: { file: e.loc.file, start: e.loc.start - regionStart, end: e.loc.end - regionStart }, text: e.text })).sort((a, b) => a.loc.start - b.loc.start);
  const after = applyEdits(before, rebased);
  let shift = 0;
  const inserted = rebased.map((e) => {
    const r = [e.loc.start + shift, e.loc.start + shift + e.text.length];
    shift += e.text.length - (e.loc.end - e.loc.start);
    return r;
  });
  const secret = keyBlocks2(src).some(([a, b]) => a <= regionEnd && b >= regionStart);
  const lines = (s, ranges) => splitLines2(s).map((l) => ({
    text: l.text,
    focus: focusIn(l, ranges),
    mask: secret ? () => [[0, l.text.length]] : lineSecrets(l.text)
  }));
  return {
    first,
    old: lines(before, rebased.map((e) => [e.loc.start, e.loc.end])),
    new: lines(after, inserted)
  };
}
function splitLines2(s) {
  const out = [];
  for (let at = 0; at < s.length; ) {
    const nl = s.indexOf("\n", at);
    const end = nl === -1 ? s.length : nl;
    const textEnd = nl !== -1 && end > at && s.charCodeAt(end - 1) === 13 ? end - 1 : end;
    out.push({ start: at, text: s.slice(at, textEnd) });
    if (nl === -1) break;
    at = nl + 1;
  }
  return out;
}
function focusIn(line, ranges) {
  const end = line.start + line.text.length;
  const out = [];
  for (const [a, b] of ranges) {
    if (b < line.start || a > end) continue;
    const from = Math.max(a, line.start) - line.start;
    out.push({ from, to: Math.max(from + 1, Math.min(b, end) - line.start) });
  }
  return out;
}
function shownCount(n) {
  return n > MAX_DIFF_LINES + 1 ? MAX_DIFF_LINES : n;
}
function diffRows(diff, ctx) {
  const { paint, gutter } = ctx;
  const rows = [];
  for (const [sign, lines] of [["-", diff.old], ["+", diff.new]]) {
    const style = sign === "-" ? "removed" : "added";
    const n = shownCount(lines.length);
    lines.slice(0, n).forEach((l, k) => {
      const shown5 = layoutLine(l.text, l.focus, l.mask);
      rows.push(paint("gutter", `${String(diff.first + k).padStart(gutter)} `) + paint(style, sign + (shown5.text ? " " + shown5.text : "")));
    });
    if (n < lines.length) rows.push(paint("gutter", " ".repeat(gutter) + " ") + paint(style, sign) + paint("dim", ` \u2026 ${lines.length - n} more lines`));
  }
  return rows;
}
function frameLines(d, sources, opts) {
  const { paint } = opts;
  const src = d.unlisted === void 0 ? sources.get(d.loc.file) : void 0;
  const related = d.related ?? [];
  const drawn = src ? related.filter((r) => sources.has(r.loc.file)).slice(0, MAX_RELATED) : [];
  const listed = related.filter((r) => !drawn.includes(r));
  const diff = src && opts.fix && !opts.fix.hidden ? fixDiff2(src, opts.fix.fix) : void 0;
  let widest = 1;
  if (src) for (const loc of [d.loc, ...drawn.map((r) => r.loc)]) widest = Math.max(widest, lineSpan(sources.get(loc.file), loc).last);
  if (diff) widest = Math.max(widest, diff.first + Math.max(shownCount(diff.old.length), shownCount(diff.new.length)) - 1);
  const ctx = { severity: d.severity, paint, gutter: String(widest).length };
  const pad = " ".repeat(ctx.gutter);
  const bar = paint("gutter", pad + " |");
  const arrow = (loc) => paint("gutter", pad + "-->") + " " + where(loc, sources);
  const label = (message) => safeTerminalText(redactSecrets(message));
  const rows = [arrow(d.loc)];
  if (src) {
    const anns = [{ loc: d.loc, kind: "primary" }];
    for (const r of drawn) if (r.loc.file === d.loc.file) anns.push({ loc: r.loc, kind: "secondary", label: label(r.message) });
    rows.push(bar, ...fileRows(src, anns, ctx));
    for (const file of [...new Set(drawn.map((r) => r.loc.file))].filter((f) => f !== d.loc.file)) {
      const here = drawn.filter((r) => r.loc.file === file);
      rows.push(bar, arrow(here[0].loc), bar);
      rows.push(...fileRows(sources.get(file), here.map((r) => ({ loc: r.loc, kind: "secondary", label: label(r.message) })), ctx));
    }
  }
  const eq = paint("gutter", pad + " =");
  const notes = [];
  for (const r of listed) notes.push(`${eq} ${paint("bold", "note")}: ${label(r.message)} (${where(r.loc, sources)})`);
  const fix = opts.fix?.fix;
  if (d.help && d.help !== fix?.title) notes.push(`${eq} ${paint("bold", "help")}: ${safeTerminalText(d.help)}`);
  if (fix) {
    const hidden = opts.fix.hidden ? " (not shown: its text looks like a credential)" : "";
    notes.push(`${eq} ${paint("bold", `fix (${fix.applicability})`)}: ${label(fix.title)}${hidden}`);
  }
  if (src && (notes.length || diff)) rows.push(bar);
  rows.push(...notes);
  if (diff) rows.push(...diffRows(diff, ctx));
  return rows;
}

// src/report/text.ts
function formatText(result, opts) {
  const out = [];
  for (const d of result.diagnostics) if (!d.suppressed) out.push(formatFinding(d, result.sources, opts));
  return [...out, ...summaryLines(result, opts.color ? ansiPaint : noPaint)].join("\n") + "\n";
}
function formatFinding(d, sources, opts = { color: false }) {
  const paint = opts.color ? ansiPaint : noPaint;
  const fix = d.fix && !d.suppressed ? { fix: d.fix, hidden: shownFix(d) === void 0 } : void 0;
  return [headerLine(d, paint), ...frameLines(d, sources, { paint, fix })].join("\n") + "\n";
}
function headerLine(d, paint) {
  return paint(d.severity, `${d.severity}[${d.rule}]`) + (isFixable(d) ? paint("bold", " [*]") : "") + paint("bold", ": " + safeTerminalText(d.message));
}
function formatConcise(result, opts) {
  const codes = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1 };
  const paint = (c, s) => opts.color ? `\x1B[${codes[c]}m${s}\x1B[0m` : s;
  const sevColor = { error: "red", warning: "yellow", info: "blue" };
  const out = [];
  let current;
  for (const d of result.diagnostics) {
    if (d.suppressed) continue;
    if (current !== void 0 && d.loc.file !== current) out.push("");
    current = d.loc.file;
    const { line, column } = locate(d, result.sources);
    const where3 = paint("bold", `${safePathText(d.loc.file)}:${line}:${column}`);
    const sev = paint(sevColor[d.severity], d.severity);
    out.push(`${where3}  ${sev}  ${safeTerminalText(d.message)}  ${paint("gray", d.rule)}${isFixable(d) ? " [*]" : ""}`);
    if (d.help) out.push(`  ${paint("gray", "\u21B3 " + safeTerminalText(d.help))}`);
  }
  if (out.length) out.push("");
  return [...out, ...summaryLines(result, opts.color ? ansiPaint : noPaint)].join("\n") + "\n";
}
function summaryLines(result, paint) {
  const out = [];
  const s = summarize(result.diagnostics);
  const total = s.error + s.warning + s.info;
  if (total === 0) {
    out.push(`No problems found in ${plural(result.files.length, "file")} (${plural(result.clusters.length, "cluster")}).`);
  } else {
    const line = `${plural(total, "problem")} (${plural(s.error, "error")}, ${plural(s.warning, "warning")}, ${plural(s.info, "info")}) in ${plural(result.files.length, "file")}`;
    out.push(paint("bold", (s.error ? "\u2716 " : "\u26A0 ") + line));
  }
  const fixes = countFixable(result.diagnostics);
  const fixable = fixableSummary(fixes);
  if (fixable) out.push(fixes.safe ? `[*] ${fixable}` : fixable);
  const suppressed = result.diagnostics.filter((d) => d.suppressed).length;
  if (suppressed) out.push(paint("dim", `${suppressed} suppressed.`));
  return out;
}

// src/report/fingerprint.ts
import { createHash } from "node:crypto";
function fingerprints(diagnostics, sources) {
  const out = /* @__PURE__ */ new Map();
  const seen = /* @__PURE__ */ new Map();
  const ordered = diagnostics.slice().sort((a, b) => a.loc.file !== b.loc.file ? a.loc.file < b.loc.file ? -1 : 1 : a.loc.start - b.loc.start);
  for (const d of ordered) {
    const fileLevel = d.loc.start === 0 && d.loc.end === 0;
    const key = `${d.rule}\0${d.loc.file}\0${fileLevel ? "" : hashedLine(lineText(d, sources).trim())}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    out.set(d, createHash("sha256").update(`${key}\0${n}`).digest("hex").slice(0, 32));
  }
  return out;
}
function hashedLine(t) {
  return t.length > 65536 ? `${redactSecrets(t.slice(0, 65536))}\0${t.length}` : redactSecrets(t);
}
function lineText(d, sources) {
  const src = sources.get(d.loc.file);
  if (!src) return "";
  const { line } = lineColumn(src, d.loc.start);
  const start = src.lineStarts[line - 1] ?? 0;
  const next = src.lineStarts[line];
  return src.text.slice(start, next === void 0 ? src.text.length : next).replace(/\r?\n$/, "");
}

// src/report/sarif.ts
var SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
var INFORMATION_URI = "https://github.com/pgconf-lint/pgconf-lint";
var FINGERPRINT_KEY = "pgconfLint/v1";
function isSecurityRule(rule) {
  return rule.category === "security";
}
var SECURITY_SEVERITY = { error: "8.0", warning: "5.0", info: "3.0" };
var LEVEL = { error: "error", warning: "warning", info: "note" };
function artifactLocation(path) {
  const enc = (p) => p.split("/").map(encodeURIComponent).join("/");
  if (path.startsWith("/")) return { uri: "file://" + enc(path) };
  return { uri: enc(path), uriBaseId: "%SRCROOT%" };
}
function pascal(name) {
  return name.replace(/(^|-)([a-z0-9])/g, (_m, _d, c) => c.toUpperCase());
}
function sarifRule(rule) {
  const url = docsUrl(rule.name);
  const security = isSecurityRule(rule);
  return {
    id: rule.name,
    name: pascal(rule.name),
    shortDescription: { text: rule.docs.summary },
    fullDescription: { text: rule.docs.why },
    help: {
      text: `${rule.docs.summary}

${rule.docs.why}

Documentation: ${url}`,
      markdown: `**${rule.docs.summary}**

${rule.docs.why}

[Rule documentation](${url})` + (rule.docs.references.length ? "\n\nReferences:\n" + rule.docs.references.map((r) => `- <${r}>`).join("\n") : "")
    },
    helpUri: url,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: [...security ? ["security"] : [], ...rule.appliesTo],
      precision: "very-high",
      ...security ? { "security-severity": SECURITY_SEVERITY[rule.severity] } : {}
    }
  };
}
function toSarif(result, rules = result.rules) {
  const driverRules = rules.map(sarifRule);
  const index = new Map(driverRules.map((r, i) => [r.id, i]));
  const prints = fingerprints(result.diagnostics, result.sources);
  const results = result.diagnostics.map((d) => {
    let ruleIndex = index.get(d.rule);
    if (ruleIndex === void 0) {
      ruleIndex = driverRules.length;
      index.set(d.rule, ruleIndex);
      driverRules.push({
        id: d.rule,
        name: pascal(d.rule),
        shortDescription: { text: d.rule },
        fullDescription: { text: d.rule },
        help: { text: docsUrl(d.rule), markdown: `[Rule documentation](${docsUrl(d.rule)})` },
        helpUri: docsUrl(d.rule),
        defaultConfiguration: { level: LEVEL[d.severity] },
        properties: { tags: [] }
      });
    }
    const r = locate(d, result.sources);
    const related = (d.related ?? []).map((rel, i) => {
      const x = locate({ ...d, loc: rel.loc }, result.sources);
      return {
        id: i + 1,
        physicalLocation: {
          artifactLocation: artifactLocation(rel.loc.file),
          region: { startLine: x.line, startColumn: x.column, endLine: x.endLine, endColumn: x.endColumn }
        },
        message: { text: rel.message }
      };
    });
    const fix = shownFix(d);
    const fixes = fix ? [
      {
        description: { text: fix.title },
        artifactChanges: [
          {
            artifactLocation: artifactLocation(d.loc.file),
            replacements: fix.edits.map((e) => {
              const x = locate({ ...d, loc: e.loc }, result.sources);
              return {
                deletedRegion: { startLine: x.line, startColumn: x.column, endLine: x.endLine, endColumn: x.endColumn },
                ...e.text ? { insertedContent: { text: e.text } } : {}
              };
            })
          }
        ],
        properties: { applicability: fix.applicability }
      }
    ] : void 0;
    return {
      ruleId: d.rule,
      ruleIndex,
      level: LEVEL[d.severity],
      message: { text: d.help ? `${d.message}
${d.help}` : d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(d.loc.file),
            region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn }
          }
        }
      ],
      ...related.length ? { relatedLocations: related } : {},
      partialFingerprints: { [FINGERPRINT_KEY]: prints.get(d) },
      ...d.suppressed ? { suppressions: [{ kind: d.suppressed.kind === "directive" ? "inSource" : "external", justification: d.suppressed.reason }] } : {},
      ...fixes ? { fixes } : {}
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "pgconf-lint", version: VERSION, semanticVersion: VERSION, informationUri: INFORMATION_URI, rules: driverRules } },
        results,
        columnKind: "utf16CodeUnits"
      }
    ]
  };
}
function formatSarif(result) {
  return JSON.stringify(toSarif(result), null, 2) + "\n";
}

// src/report/github.ts
var KIND_OF = { error: "error", warning: "warning", info: "notice" };
var ANNOTATION_LIMITS = { perKind: 10, total: 50 };
var RANK2 = { error: 0, warning: 1, info: 2 };
function escapeData(s) {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function annotationRange(d, sources) {
  const r = locate(d, sources);
  let endLine = r.endLine;
  if (endLine > r.line && r.endColumn === 1) endLine--;
  if (endLine !== r.line) return { startLine: r.line, endLine };
  return {
    startLine: r.line,
    endLine,
    startColumn: r.column,
    ...r.endColumn > r.column + 1 ? { endColumn: r.endColumn - 1 } : {}
  };
}
function annotationFor(d, sources) {
  return {
    kind: KIND_OF[d.severity],
    // Control characters from the files (ANSI escapes, bidi overrides) are shown, not obeyed, in the log.
    message: neutralizeControls(d.help ? `${d.message}
${d.help}` : d.message),
    title: d.rule,
    file: d.loc.file,
    ...annotationRange(d, sources)
  };
}
function selectAnnotations(diagnostics, sources, opts = {}) {
  const perKind = opts.perKind ?? ANNOTATION_LIMITS.perKind;
  const total = opts.total ?? ANNOTATION_LIMITS.total;
  const reserved = opts.reserved ?? {};
  const shown5 = diagnostics.filter((d) => !d.suppressed).slice().sort((a, b) => {
    if (a.severity !== b.severity) return RANK2[a.severity] - RANK2[b.severity];
    if (a.loc.file !== b.loc.file) return a.loc.file < b.loc.file ? -1 : 1;
    if (a.loc.start !== b.loc.start) return a.loc.start - b.loc.start;
    return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
  });
  const reservedTotal = (reserved.error ?? 0) + (reserved.warning ?? 0) + (reserved.notice ?? 0);
  const pick = (noticeSlotsForUs, totalSlots) => {
    const left = {
      error: perKind - (reserved.error ?? 0),
      warning: perKind - (reserved.warning ?? 0),
      notice: perKind - (reserved.notice ?? 0) - noticeSlotsForUs
    };
    let room = totalSlots - reservedTotal - noticeSlotsForUs;
    const out = [];
    for (const d of shown5) {
      const k = KIND_OF[d.severity];
      if (room <= 0) break;
      if (left[k] <= 0) continue;
      left[k]--;
      room--;
      out.push(d);
    }
    return out;
  };
  let picked = pick(0, total);
  if (picked.length < shown5.length) picked = pick(1, total);
  const omitted = shown5.length - picked.length;
  const annotations = picked.map((d) => annotationFor(d, sources));
  if (!omitted) return { annotations, omitted };
  const where3 = typeof opts.fullListAt === "function" ? opts.fullListAt(shown5.length) : `${opts.fullListAt ?? "the full report"} lists all ${shown5.length}`;
  return {
    annotations,
    omitted,
    notice: {
      kind: "notice",
      title: "pgconf-lint",
      message: `${plural(omitted, "more finding")} not annotated (GitHub shows at most ${perKind} annotations of each kind per step and ${total} per job); ${where3}.`
    }
  };
}
function workflowCommand(a) {
  const props = [
    ["title", a.title],
    ["file", a.file],
    ["line", a.startLine],
    ["endLine", a.endLine],
    ["col", a.startColumn],
    ["endColumn", a.endColumn]
  ];
  const p = props.filter((x) => x[1] !== void 0 && x[1] !== "").map(([k, v]) => `${k}=${escapeProperty(neutralizeControls(String(v)))}`).join(",");
  return `::${a.kind}${p ? " " + p : ""}::${escapeData(a.message)}`;
}
function formatGithub(result) {
  const sel = selectAnnotations(result.diagnostics, result.sources, { fullListAt: "the text or JSON report" });
  const lines = sel.annotations.map(workflowCommand);
  if (sel.notice) lines.push(workflowCommand(sel.notice));
  return lines.length ? lines.join("\n") + "\n" : "";
}

// src/report/markdown.ts
import { dirname as dirname7 } from "node:path/posix";
var ZWJ = "\u200D";
function escapeMarkdown(s) {
  return safeTerminalText(s.replace(/\r\n|\r|\n|\u2028|\u2029/g, " ")).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/[\\`*_[\]!|~#$]/g, (c) => "\\" + c).replace(/@/g, "@" + ZWJ).replace(/:\/\//g, ":" + ZWJ + "//").replace(/\bwww\./gi, (m) => m.slice(0, 3) + ZWJ + ".").replace(/\\#(?=\w)/g, "\\#" + ZWJ);
}
var SEVERITY_LABEL = { error: "\u{1F534} error", warning: "\u{1F7E0} warning", info: "\u{1F535} info" };
var DEFAULT_MAX_BYTES = 512 * 1024;
var COLLAPSE_ROWS = 15;
function clusterLabel(c) {
  if (c.input.name) return c.input.name;
  const abs = new Set(c.input.files.map((f) => f.abs));
  const src = [...c.sources.values()].find((s) => abs.has(s.absPath));
  const path = src?.path ?? c.unreadable[0]?.path;
  return path ? dirname7(path) : c.input.dir;
}
function groupByCluster(result, diags) {
  const groups2 = result.clusters.map((c) => ({ label: clusterLabel(c), cluster: c, diagnostics: [] }));
  const byFile = /* @__PURE__ */ new Map();
  for (const g of groups2) {
    for (const file of g.cluster.sources.keys()) if (!byFile.has(file)) byFile.set(file, g);
    for (const u of g.cluster.unreadable) if (!byFile.has(u.path)) byFile.set(u.path, g);
  }
  const other = { label: "other", diagnostics: [] };
  for (const d of diags) (byFile.get(d.loc.file) ?? other).diagnostics.push(d);
  if (other.diagnostics.length) groups2.push(other);
  return groups2;
}
function byteLength(s) {
  return Buffer.byteLength(s, "utf8");
}
function row(d, result, opts) {
  const r = locate(d, result.sources);
  const where3 = escapeMarkdown(`${d.loc.file}:${r.line}:${r.column}`);
  const link = opts.linkFile?.(d.loc.file, r.line);
  const loc = link ? `[${where3}](${link})` : where3;
  const message = escapeMarkdown(d.message) + (d.help ? `<br>\u21B3 ${escapeMarkdown(d.help)}` : "");
  const sev = d.suppressed ? `\u26AA ${d.severity} (suppressed)` : SEVERITY_LABEL[d.severity];
  const extra = d.suppressed ? `<br>suppressed: ${escapeMarkdown(d.suppressed.reason)}` : "";
  return `| ${sev} | ${loc} | [${d.rule}](${docsUrl(d.rule)}) | ${message}${extra} |`;
}
var TABLE_HEAD = "| severity | location | rule | message |\n|---|---|---|---|";
function formatMarkdown(result, opts = {}) {
  return markdownReport(result, opts).text;
}
function markdownReport(result, opts = {}) {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const diags = opts.diagnostics ?? result.diagnostics;
  const active = diags.filter((d) => !d.suppressed);
  const suppressed = diags.filter((d) => d.suppressed);
  const s = summarize(diags);
  const total = s.error + s.warning + s.info;
  const head = [];
  if (opts.header) head.push(opts.header);
  head.push(`## ${opts.title ?? "pgconf-lint"}`, "");
  const counts = `${plural(s.error, "error")}, ${plural(s.warning, "warning")}, ${plural(s.info, "info")}`;
  head.push(
    total === 0 ? `\u2705 **No problems found** in ${plural(result.files.length, "file")} (${plural(result.clusters.length, "cluster")}).` : `${s.error ? "\u274C" : "\u26A0\uFE0F"} **${plural(total, "problem")}** (${counts}) in ${plural(result.files.length, "file")} (${plural(result.clusters.length, "cluster")}).`
  );
  if (suppressed.length) head.push("", `${plural(suppressed.length, "finding")} suppressed by directives or configuration (listed below, not counted).`);
  for (const n of opts.notes ?? []) head.push("", n);
  head.push("");
  const checked = checkedSection(result);
  const omittedLine = (n) => `
\u2026 ${plural(n, "more finding")} not shown here (size limit); the SARIF or JSON report (\`--format sarif\`/\`json\`) has them all.
`;
  let budget = maxBytes - byteLength(head.join("\n")) - byteLength(checked) - 256;
  const body = [];
  let omitted = 0;
  const fitRows = (list4) => {
    const rows = [];
    for (const d of list4) {
      const r = row(d, result, opts) + "\n";
      if (budget - byteLength(r) < 0) {
        omitted++;
        continue;
      }
      budget -= byteLength(r);
      rows.push(r);
    }
    return rows.join("");
  };
  const groups2 = groupByCluster(result, [...active, ...suppressed]);
  for (const g of groups2) {
    const list4 = g.diagnostics.filter((d) => !d.suppressed);
    if (!list4.length) continue;
    const c = g.cluster;
    const title = `### ${escapeMarkdown(g.label)}` + (c ? ` \u2014 PostgreSQL ${c.input.major}` : "");
    const gs = summarize(list4);
    const sub = `${plural(gs.error, "error")}, ${plural(gs.warning, "warning")}, ${plural(gs.info, "info")}`;
    const collapse = list4.length > COLLAPSE_ROWS;
    const open = collapse ? `<details><summary>${sub}</summary>

${TABLE_HEAD}` : `${sub}

${TABLE_HEAD}`;
    const close = collapse ? "\n</details>\n" : "\n";
    const fixed = `${title}

${open}
${close}`;
    if (budget - byteLength(fixed) - 1 <= 0) {
      omitted += list4.length;
      continue;
    }
    budget -= byteLength(fixed) + 1;
    body.push(`${title}

${open}
${fitRows(list4)}${close}`);
  }
  if (suppressed.length) {
    const open = `<details><summary>${plural(suppressed.length, "suppressed finding")}</summary>

${TABLE_HEAD}
`;
    const close = "\n</details>\n";
    if (budget - byteLength(open + close) - 1 > 0) {
      budget -= byteLength(open + close) + 1;
      body.push(open + fitRows(suppressed) + close);
    } else omitted += suppressed.length;
  }
  return { text: head.join("\n") + "\n" + body.join("\n") + (omitted ? omittedLine(omitted) : "") + checked, omitted };
}
function checkedSection(result) {
  if (!result.clusters.length) return "\nNo PostgreSQL configuration files were found.\n";
  const line = (c) => {
    const files = [...c.sources.values()].map((f) => escapeMarkdown(f.path));
    const how = { flag: "set by pg-version", config: "from the config file", PG_VERSION: "from PG_VERSION", path: "from the path", default: "the newest supported" }[c.input.versionSource];
    return `- **${escapeMarkdown(clusterLabel(c))}**: PostgreSQL ${c.input.major} (${how}); ${plural(files.length, "file")}: ${files.join(", ")}`;
  };
  const majors = [...new Set(result.clusters.map((c) => c.input.major))].sort((a, b) => a - b);
  const summary = `Checked ${plural(result.files.length, "file")} in ${plural(result.clusters.length, "cluster")} (PostgreSQL ${majors.join(", ")})`;
  let text3 = "";
  let bytes2 = 0;
  let n = 0;
  for (const c of result.clusters) {
    const l = line(c);
    if (bytes2 + byteLength(l) > 16 * 1024) break;
    text3 += l + "\n";
    bytes2 += byteLength(l) + 1;
    n++;
  }
  if (n < result.clusters.length) text3 += `- \u2026 and ${plural(result.clusters.length - n, "more cluster")}
`;
  return `
<details><summary>${summary}</summary>

${text3}
</details>
`;
}

// src/report/junit.ts
function formatJunit(result) {
  const byFile = /* @__PURE__ */ new Map();
  for (const f of result.files) byFile.set(f.path, []);
  const extra = [...new Set(result.diagnostics.map((d) => d.loc.file).filter((p) => !byFile.has(p)))].sort();
  for (const p of extra) byFile.set(p, []);
  for (const d of result.diagnostics) byFile.get(d.loc.file).push(d);
  const cases = [];
  let failed = 0;
  let findings = 0;
  for (const [path, diags] of byFile) {
    const active = diags.filter((d) => !d.suppressed);
    const suppressed = diags.filter((d) => d.suppressed);
    if (active.length) failed++;
    findings += active.length;
    const body = [];
    for (const d of active) {
      body.push(`      <failure message="${attr(d.message)}" type="${attr(d.rule)}">${text(failureText(d, result))}</failure>`);
    }
    if (diags.length) {
      const lines = [...active, ...suppressed].map(
        (d) => `${where2(d, result)}: ${d.severity} ${d.rule}: ${d.message}${d.suppressed ? ` (suppressed, ${d.suppressed.kind}: ${d.suppressed.reason})` : ""}`
      );
      body.push(`      <system-out>${text(lines.join("\n").replace(/\[\[/g, "[ ["))}</system-out>`);
    }
    const open = `    <testcase name="${attr(path)}" classname="pgconf-lint" file="${attr(path)}"`;
    cases.push(body.length ? `${open}>
${body.join("\n")}
    </testcase>` : `${open}/>`);
  }
  const counts = `tests="${byFile.size}" failures="${failed}" errors="0" skipped="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pgconf-lint" ${counts}>`,
    `  <testsuite name="pgconf-lint" ${counts}>`,
    "    <properties>",
    `      <property name="findings" value="${findings}"/>`,
    "    </properties>",
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    ""
  ].join("\n");
}
function where2(d, result) {
  const r = locate(d, result.sources);
  return `${d.loc.file}:${r.line}:${r.column}`;
}
function failureText(d, result) {
  return [
    `${where2(d, result)}: ${d.severity} ${d.rule}: ${d.message}`,
    ...d.help ? [d.help] : [],
    ...shownFix(d) ? [fixHint(shownFix(d))] : [],
    ...(d.related ?? []).map((rel) => `  ${where2({ ...d, loc: rel.loc }, result)}: ${rel.message}`),
    `Rule: ${d.rule} (${docsUrl(d.rule)})`
  ].join("\n");
}
function xmlSafe(s) {
  return neutralizeControls(s).replace(/[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function text(s) {
  return xmlSafe(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}
function attr(s) {
  return text(s).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

// src/profiles/catalogs/go-hba-rules.ts
var hba = "reads pg_hba.conf only";
var withSsl = "reads pg_hba.conf and the ssl setting of postgresql.conf";
var overlap = "compares pg_hba.conf records with the records above them";
var controls = [
  { id: "trustNetwork", title: "trust on a network record", decidable: "files", why: hba, rules: ["hba-trust-remote", "hba-local-trust"], disagreement: "trust on a loopback record for a named ordinary role (not all users, not a superuser) is not flagged by default: only processes on the server reach it, as that one role; `--profile cis` and `--profile stig` flag it (option anyRole of hba-local-trust)" },
  { id: "passwordNoTLS", title: "password method without guaranteed TLS (ssl on)", decidable: "files", why: withSsl, rules: ["hba-cleartext-password"] },
  { id: "passwordNoSSL", title: "password method with ssl off", decidable: "files", why: withSsl, rules: ["hba-cleartext-password"] },
  { id: "passwordWithTLS", title: "password method even over TLS", decidable: "files", why: hba, rules: ["hba-cleartext-password"] },
  { id: "md5Deprecated", title: "md5 method is deprecated", decidable: "files", why: hba, rules: ["hba-md5"] },
  { id: "nonTLSPath", title: "host/hostnossl from non-loopback addresses while ssl is on", decidable: "files", why: withSsl, rules: ["hba-tls-not-required"] },
  { id: "hostsslNoSSL", title: "hostssl records while ssl is off", decidable: "files", why: withSsl, rules: ["hba-hostssl-without-ssl"] },
  { id: "wideAddress", title: "address range wider than the threshold", decidable: "files", why: hba, rules: ["hba-wide-network", "hba-open-to-world"] },
  { id: "allDbAllUser", title: "database all with user all", decidable: "files", why: hba, rules: ["hba-all-users-all-databases"], disagreement: "not flagged on `local` records (`local all all peer` is PostgreSQL's own default), on loopback records (initdb's `host all all 127.0.0.1/32`) or on `reject` records: they admit no one from the network" },
  { id: "replicationWideAccess", title: "replication from a wide network or for all users", decidable: "files", why: hba, rules: ["hba-replication-open"] },
  { id: "identNoMap", title: "ident without map=", decidable: "files", why: hba, rules: ["hba-ident-over-tcp"], disagreement: "hba-ident-over-tcp flags ident over TCP from beyond the server, map or not (the client host's ident server says who the user is); ident on loopback (the server's own ident server) and `local \u2026 ident` (peer) are not flagged, with or without map=" },
  { id: "identMapMissing", title: "map= names a map pg_ident.conf does not define", decidable: "files", why: "reads pg_hba.conf and pg_ident.conf of the same cluster", rules: ["hba-map-undefined"] },
  { id: "peerNonLocal", title: "peer on a non-local record", decidable: "files", why: hba, rules: ["hba-invalid-record"] },
  { id: "localAllAll", title: "local trust/peer for all databases and users", decidable: "files", why: hba, rules: ["hba-local-trust"], disagreement: "peer is not flagged: `local all all peer` is PostgreSQL's own default and proves the OS user (trust is flagged)" },
  { id: "clientcertNonHostssl", title: "clientcert outside hostssl", decidable: "files", why: hba, rules: ["hba-invalid-record"] },
  { id: "clientcertInvalid", title: "clientcert value other than verify-ca/verify-full", decidable: "files", why: hba, rules: ["hba-invalid-record"] },
  { id: "shadowedByReject", title: "record never reached because of an earlier reject", decidable: "files", why: overlap, rules: ["hba-unreachable-record"] },
  { id: "shadowedByHost", title: "earlier host record shadows hostssl/hostnossl below", decidable: "files", why: overlap, rules: ["hba-unreachable-record"] },
  { id: "overlyBroadRule", title: "broader, weaker record above a stricter one", decidable: "files", why: overlap, rules: ["hba-unreachable-record"] },
  { id: "shadowedByBroadRule", title: "record shadowed by a broader, weaker one above", decidable: "files", why: overlap, rules: ["hba-unreachable-record"] },
  { id: "redundantRule", title: "exact duplicate of an earlier record", decidable: "files", why: overlap, rules: ["hba-unreachable-record"] },
  { id: "shadowedRule", title: "record fully covered by an earlier one", decidable: "files", why: overlap, rules: ["hba-unreachable-record"] },
  { id: "partialOverlap", title: "partial overlap of addresses, databases or users", decidable: "files", why: overlap, rules: [], disagreement: "not flagged: partial overlaps are how pg_hba.conf files are written (a specific record before a broader one); only records no connection can reach are" }
];
var GO_HBA_RULES = {
  name: "go-hba-rules",
  title: "go_hba_rules issue codes",
  source: { repo: "DeadDreamer/go_hba_rules", commit: "3536c31e8b584f1ad77b3fbbf883f87186cdbe0c", path: "README.md, pkg/hba/checks.go, pkg/hba/overlap.go" },
  controls,
  notes: [
    "go_hba_rules has no profile of its own: the default profile (`recommended`) reports every code below except `partialOverlap`. Where a code is broader than what pgconf-lint flags, the row says what is deliberately left alone and why: the default profile follows real exposure, so `local all all peer` (PostgreSQL's own default) and `reject` records are never flagged."
  ]
};

// src/profiles/catalogs/index.ts
function controlStatus(c) {
  if (c.decidable === "no") return "not-decidable";
  if (c.rules.length === 0) return c.disagreement && !c.missing ? "disagreement" : "missing";
  return c.missing ? "partly" : "automated";
}
var CATALOGS = [CIS, STIG, GO_HBA_RULES];

// src/report/rule-doc.ts
function ruleControls(name) {
  const out = [];
  for (const cat of CATALOGS) {
    for (const c of cat.controls) {
      if (c.decidable !== "no" && c.rules.includes(name)) out.push({ catalog: cat.name, id: c.id, title: c.title, partly: controlStatus(c) === "partly" });
    }
  }
  return out;
}
function enabledByDefault(name) {
  const base = findProfile(DEFAULT_PROFILE);
  const newest = SUPPORTED_MAJORS[SUPPORTED_MAJORS.length - 1];
  return profileRules(base, newest)[name]?.severity !== "off";
}
function profileLines(rule) {
  const controls2 = ruleControls(rule.name);
  const byCatalog = /* @__PURE__ */ new Map();
  for (const c of controls2) {
    const list4 = byCatalog.get(c.catalog) ?? [];
    list4.push(c.id);
    byCatalog.set(c.catalog, list4);
  }
  const profiles = ["cis", "stig"].filter((p) => byCatalog.has(p));
  const on = enabledByDefault(rule.name);
  const lines = [
    `- Enabled: ${on ? "by default" : `**off by default**; turned on by ${profiles.length ? profiles.map((p) => `\`--profile ${p}\``).join(" and ") : "the config"} (or \`--rule ${rule.name}=${rule.severity}\`)`}`
  ];
  for (const p of ["cis", "stig"]) {
    const set = profileRules(findProfile(p), SUPPORTED_MAJORS[SUPPORTED_MAJORS.length - 1])[rule.name];
    if (set?.severity && set.severity !== rule.severity) lines.push(`- Under \`--profile ${p}\`: severity **${set.severity}**`);
    if (set?.options && Object.keys(set.options).length) lines.push(`- Under \`--profile ${p}\`: options \`${JSON.stringify(set.options)}\``);
  }
  if (controls2.length) {
    const names = { cis: "CIS", stig: "STIG", "go-hba-rules": "go_hba_rules" };
    lines.push(
      `- Controls: ${[...byCatalog].map(([cat, ids]) => `${names[cat] ?? cat} ${ids.join(", ")} ([coverage](../profiles/${cat}.md))`).join("; ")}`
    );
  }
  return lines;
}
function ruleDoc(rule, precision) {
  const d = rule.docs;
  const kind = rule.appliesTo[0];
  const lines = [
    `# ${rule.name}`,
    "",
    `> ${d.summary}`,
    "",
    `- Default severity: **${rule.severity}**`,
    `- Category: ${rule.category}`,
    `- Files: ${rule.appliesTo.map((k) => "`" + k + "`").join(", ")}`,
    `- PostgreSQL versions: ${d.versions ?? "all"}`,
    ...profileLines(rule),
    ...rule.fixable && rule.fixable !== "never" ? [`- Fix: ${rule.fixable === "always" ? "every finding has one" : "some findings have one"} (\`--fix\` applies safe fixes, \`--unsafe-fixes\` also unsafe ones; each finding says which it is)`] : [],
    ...precision === void 0 ? [] : [precision],
    "",
    "## What it does",
    "",
    d.summary + ".",
    "",
    "## Why is this bad?",
    "",
    d.why,
    ""
  ];
  if (d.invalid.length) {
    lines.push("## Example", "", d.invalid.map((c) => fence(kind, c)).join("\n\n"), "");
  }
  if (d.valid.length) {
    lines.push("## Use instead", "", d.valid.map((c) => fence(kind, c)).join("\n\n"), "");
  }
  lines.push(
    "## Options",
    "",
    optionsSection(rule),
    "",
    "## Suppressing",
    "",
    "```ini",
    `# pgconf-lint disable-next-line ${rule.name} -- <reason>`,
    "```",
    "",
    "## References",
    "",
    ...d.references.map((r) => `- <${r}>`),
    ""
  );
  return lines.join("\n");
}
function lang(kind) {
  return kind === "pg_hba.conf" || kind === "pg_ident.conf" ? "text" : "ini";
}
function fence(kind, code) {
  return typeof code === "string" ? "```" + lang(kind) + "\n" + code + "\n```" : Object.entries(code).map(([name, text3]) => `\`${name}\`:

\`\`\`` + lang(name) + "\n" + text3 + "\n```").join("\n\n");
}
function optionsSection(rule) {
  const entries = Object.entries(rule.options ?? {});
  if (!entries.length) return rule.docs.optionsNote ?? `Severity only: \`--rule ${rule.name}=off|info|warning|error\`.`;
  const list4 = entries.map(([name, o]) => `- \`${name}\` (${optionTypeText(o)}, default \`${JSON.stringify(o.default)}\`): ${o.description}`);
  return [list4.join("\n"), ...rule.docs.optionsNote ? ["", rule.docs.optionsNote] : []].join("\n");
}
function ruleTags(rule) {
  const tags = /* @__PURE__ */ new Set([...CATEGORY_TAGS[rule.category], ...rule.tags ?? []]);
  return RULE_TAGS.filter((t) => tags.has(t));
}
var ASSUME_KEY = { dataChecksums: "dataChecksums", failover: "failover", role: "role", memoryBytes: "memory" };
function ruleMetadata(rule) {
  return {
    name: rule.name,
    severity: rule.severity,
    summary: rule.docs.summary,
    files: [...rule.appliesTo],
    versions: rule.docs.versions ?? "all",
    docsUrl: docsUrl(rule.name),
    category: rule.category,
    tags: ruleTags(rule),
    securitySeverity: sarifRule(rule).properties["security-severity"] ?? null,
    optionsSchema: rule.optionsSchema ?? null,
    defaultOptions: rule.defaultOptions ?? null,
    assume: (rule.needs ?? []).map((k) => ASSUME_KEY[k]),
    fixable: rule.fixable ?? "never"
  };
}
function closestRuleNames(rules, name) {
  const key = name.toLowerCase().replaceAll("_", "-");
  const limit = Math.max(2, Math.min(4, Math.floor(key.length / 3)));
  const near = rules.map((r) => ({ name: r.name, d: editDistance(key, r.name) })).filter((s) => s.d <= limit).sort((x, y) => x.d - y.d || (x.name < y.name ? -1 : 1)).map((s) => s.name);
  const containing = key.length >= 3 ? rules.map((r) => r.name).filter((n) => n.includes(key) && !near.includes(n)) : [];
  return [...near, ...containing].slice(0, 3);
}

// src/report/gitlab.ts
var GITLAB_SEVERITY = { error: "critical", warning: "major", info: "info" };
var CATEGORY = { validity: "Bug Risk", security: "Security", reliability: "Bug Risk", performance: "Performance" };
function toGitlab(result, rules = result.rules) {
  const byName = new Map(rules.map((r) => [r.name, r]));
  const prints = fingerprints(result.diagnostics, result.sources);
  return result.diagnostics.filter((d) => !d.suppressed).map((d) => {
    const r = locate(d, result.sources);
    const end = r.endLine > r.line && r.endColumn === 1 ? r.endLine - 1 : r.endLine;
    const fix = shownFix(d);
    const rule = byName.get(d.rule);
    const categories = [...new Set((rule ? ruleTags(rule) : []).map((t) => CATEGORY[t]))];
    return {
      type: "issue",
      check_name: d.rule,
      description: d.message,
      content: { body: `${d.help ? d.help + "\n\n" : ""}${fix ? fixHint(fix) + "\n\n" : ""}[${d.rule}](${docsUrl(d.rule)})` },
      categories: categories.length ? categories : ["Bug Risk"],
      severity: GITLAB_SEVERITY[d.severity],
      fingerprint: prints.get(d),
      location: { path: d.loc.file, lines: { begin: r.line, end } }
    };
  });
}
function formatGitlab(result) {
  return JSON.stringify(toGitlab(result), null, 2) + "\n";
}

// src/report/settings.ts
var MAX_PAD = 80;
function table(header, rows) {
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, Math.min(r[i].length, MAX_PAD)), h.length));
  const fmt = (r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [fmt(header), fmt(widths.map((w) => "-".repeat(w))), ...rows.map(fmt)].join("\n");
}
function formatSettingsText(results) {
  return results.map((r) => {
    const rows = r.rows.map((row2) => [
      safePathText(`${row2.sourcefile}:${row2.sourceline}`),
      String(row2.seqno),
      safeTerminalText(row2.name ?? ""),
      safeTerminalText(row2.setting ?? ""),
      row2.canonical === null ? "" : safeTerminalText(row2.canonical),
      row2.applied ? "t" : "f",
      safeTerminalText(row2.error ?? "")
    ]);
    return `# ${safeTerminalText(r.cluster)} (PostgreSQL ${r.pgVersion})
` + table(["source", "seqno", "name", "setting", "canonical", "applied", "error"], rows);
  }).join("\n\n") + "\n";
}

// src/report/hba.ts
var list = (v) => v === null ? "" : v.join(",");
function formatHbaText(results) {
  return results.map((r) => {
    const rows = r.rows.map(
      (row2) => [
        String(row2.rule_number ?? ""),
        // a row without a rule number starts with this column: no `::` at a line start
        safePathText(`${row2.file_name ?? r.file}:${row2.line_number}`),
        row2.type ?? "",
        list(row2.database),
        list(row2.user_name),
        row2.address ?? "",
        row2.netmask ?? "",
        row2.auth_method ?? "",
        list(row2.options),
        row2.error ?? ""
      ].map(safeTerminalText)
    );
    return `# ${safeTerminalText(r.file)} (PostgreSQL ${r.pgVersion})
` + table(["rule", "source", "type", "database", "user_name", "address", "netmask", "auth_method", "options", "error"], rows);
  }).join("\n\n") + "\n";
}

// src/profiles/listing.ts
function profileReport(name, major, rules) {
  const profile = findProfile(name);
  if (!profile) throw new Error(unknownProfileMessage(name));
  const edition = editionFor(profile, major);
  return {
    profile: profile.name,
    title: profile.title,
    summary: profile.summary,
    catalog: profile.catalog ? { ...profile.catalog } : null,
    pgVersion: major,
    edition: edition ? { id: edition.id, title: edition.title, major: edition.major, nearest: edition.major !== major } : null,
    allRules: Boolean(profile.allRules),
    rules: profileListing(profile, major, rules)
  };
}
function text2(r) {
  const lines = [`${r.profile}: ${r.title} \u2014 ${r.summary}`];
  if (r.edition) {
    lines.push(`edition: ${r.edition.title} for PostgreSQL ${r.pgVersion}${r.edition.nearest ? ` (the nearest edition; none is written for ${r.pgVersion})` : ""}`);
  }
  if (r.catalog) lines.push(`controls: ${r.catalog.name} (${r.catalog.source})`);
  if (!r.allRules) lines.push("rules it does not name keep their recommended settings");
  lines.push("");
  const w = Math.max(4, ...r.rules.map((x) => x.name.length));
  for (const x of r.rules) {
    const options = Object.keys(x.options).length ? `  options ${JSON.stringify(x.options)}` : "";
    const controls2 = x.controls.length ? x.controls.join(", ") : r.catalog ? "(no control id verified)" : "";
    lines.push(`${x.name.padEnd(w)}  ${x.severity.padEnd(7)}  ${controls2}${options}`.trimEnd());
  }
  return lines.join("\n") + "\n";
}
function profilesListing(names, pgVersion, rules, format) {
  const major = pgVersion ?? SUPPORTED_MAJORS[SUPPORTED_MAJORS.length - 1];
  const reports = names.map((n) => profileReport(n, major, rules));
  if (format === "json") return JSON.stringify(reports, null, 2) + "\n";
  return reports.map(text2).join("\n");
}

// src/cli.ts
var USAGE = `Usage: pgconf-lint [check] [PATH...] [options]
       pgconf-lint [check] - --stdin-filename PATH [options]
       pgconf-lint settings PATH... [--format text|json]
       pgconf-lint hba PATH... [--format text|json]
       pgconf-lint rules [NAME...] [--format text|json]
       pgconf-lint rules --profile NAME [--pg-version N] [--format text|json]

Lints PostgreSQL configuration (postgresql.conf and its includes, postgresql.auto.conf,
pg_hba.conf, pg_ident.conf, recovery.conf) exactly as PostgreSQL reads it.

Options:
  --config FILE         configuration file (default: the nearest .pgconf-lint.yml, .yaml
                        or .json from the working directory up to the repository root)
  --pg-version N        target PostgreSQL major (${SUPPORTED_MAJORS[0]}\u2013${SUPPORTED_MAJORS[SUPPORTED_MAJORS.length - 1]}) for every cluster
  --format FORMAT       text (default: each finding with its source lines, carets under
                        it, help and fix), concise (one line per finding), json, sarif
                        (SARIF 2.1.0 for code scanning), github (workflow-command
                        annotations), markdown, junit (JUnit XML: a test case per file)
                        or gitlab (GitLab Code Quality JSON)
  --output FILE         write the report to FILE instead of standard output
  --fail-on LEVEL       error (default), warning, info or never: exit 1 at or above LEVEL
  --rule NAME=LEVEL     set a rule's severity: off, info, warning or error (repeatable)
  --profile NAME        lay a profile under the rule settings: recommended (the default),
                        cis or stig (repeatable, later wins; replaces the config's profile:)
  --root DIR            never read files outside DIR (default: the working directory)
  --stdin-filename PATH lint standard input (the path -) as the file PATH: its kind from the
                        name, reported as PATH, its cluster PATH's directory (the other files
                        there are read from disk; PATH itself need not exist). Required with -
  --kind KIND           parse every file named explicitly, and standard input, as KIND:
                        postgresql.conf, pg_hba.conf, pg_ident.conf, postgresql.auto.conf or
                        recovery.conf (directories are still searched by file name)
  --allow-empty         finding no configuration file is not an error: exit 0 with a note
  --fix                 apply safe fixes to the files (repeatedly, at most 10 passes); the
                        report lists what remains. With -, print the fixed text instead
  --unsafe-fixes        apply unsafe fixes too (implies --fix)
  --diff                print what --fix (or --unsafe-fixes) would change as a unified diff,
                        write nothing; exit 1 when there is a change, 0 when there is none
  --max-file-size N     skip files larger than N bytes (default 67108864, at most 268435456)
  --color, --no-color   force or disable colour (default: colour on a terminal)
  --debug               print stack traces for internal errors
  -h, --help            show this help
  -v, --version         print the version

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage error (a path that does not
exist, no configuration file found without --allow-empty) or internal error. With --fix, the
findings that remain count; with --diff, 1 means there is a change. 2 also when a file that has
fixes cannot be written (a symbolic link, read-only, changed meanwhile: one line each on stderr).`;
var UsageError = class extends Error {
};
var FORMATS = ["text", "concise", "json", "sarif", "github", "markdown", "junit", "gitlab"];
function parseArgs(argv, rules) {
  const args = { command: "check", paths: [], format: "text", failOn: "error", rules: {}, profiles: [], debug: false };
  const rest = [...argv];
  const commands = ["check", "settings", "hba", "rules"];
  if (rest[0] && commands.includes(rest[0])) args.command = rest.shift();
  const value = (flag, inline) => {
    const v = inline ?? rest.shift();
    if (v === void 0 || inline === void 0 && v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  while (rest.length) {
    const a = rest.shift();
    if (a === "--") {
      args.paths.push(...rest.splice(0));
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      args.paths.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const flag = a.startsWith("--") && eq !== -1 ? a.slice(0, eq) : a;
    const inline = a.startsWith("--") && eq !== -1 ? a.slice(eq + 1) : void 0;
    switch (flag) {
      case "-h":
      case "--help":
        args.command = "help";
        break;
      case "-v":
      case "--version":
        args.command = "version";
        break;
      case "--format": {
        const f = value(flag, inline);
        if (!FORMATS.includes(f)) throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(", ")} or ${FORMATS[FORMATS.length - 1]}, not "${f}"`);
        args.format = f;
        break;
      }
      case "--output":
        args.output = value(flag, inline);
        break;
      case "--fail-on": {
        const f = value(flag, inline);
        if (f !== "never" && !SEVERITIES.includes(f)) {
          throw new UsageError(`--fail-on must be error, warning, info or never, not "${f}"`);
        }
        args.failOn = f;
        break;
      }
      case "--rule": {
        const spec2 = value(flag, inline);
        const m = /^([a-z0-9-]+)=(off|info|warning|error)$/.exec(spec2);
        if (!m) throw new UsageError(`--rule takes NAME=off|info|warning|error, not "${spec2}"`);
        if (!rules.some((r) => r.name === m[1])) throw new UsageError(`unknown rule "${m[1]}" (see pgconf-lint rules)`);
        args.rules[m[1]] = m[2];
        break;
      }
      case "--profile": {
        const name = value(flag, inline);
        if (!findProfile(name)) throw new UsageError(unknownProfileMessage(name));
        args.profiles.push(name);
        break;
      }
      case "--pg-version": {
        const v = value(flag, inline);
        const n = Number(v);
        if (!/^\d+$/.test(v) || !isSupportedMajor(n)) {
          throw new UsageError(`--pg-version ${v} is not supported; use one of ${SUPPORTED_MAJORS.join(", ")}`);
        }
        args.pgVersion = n;
        break;
      }
      case "--config":
        args.config = value(flag, inline);
        break;
      case "--root":
        args.root = value(flag, inline);
        break;
      case "--max-file-size": {
        const v = value(flag, inline);
        if (!/^\d+$/.test(v) || Number(v) <= 0) throw new UsageError(`--max-file-size takes a number of bytes, not "${v}"`);
        if (Number(v) > MAX_MAX_FILE_BYTES) throw new UsageError(`--max-file-size ${v} is above the largest limit, ${MAX_MAX_FILE_BYTES} bytes (256 MiB)`);
        args.maxFileBytes = Number(v);
        break;
      }
      case "--color":
        args.color = true;
        break;
      case "--no-color":
        args.color = false;
        break;
      case "--debug":
        args.debug = true;
        break;
      case "--stdin-filename":
        args.stdinFilename = value(flag, inline);
        if (!args.stdinFilename || args.stdinFilename === "-") throw new UsageError("--stdin-filename needs the path standard input stands for");
        break;
      case "--kind": {
        const k = value(flag, inline);
        if (!EXPLICIT_KINDS.includes(k)) throw new UsageError(`--kind must be ${EXPLICIT_KINDS.slice(0, -1).join(", ")} or ${EXPLICIT_KINDS[EXPLICIT_KINDS.length - 1]}, not "${k}"`);
        args.kind = k;
        break;
      }
      case "--allow-empty":
        args.allowEmpty = true;
        break;
      case "--fix":
        args.fix = true;
        break;
      case "--unsafe-fixes":
        args.unsafeFixes = true;
        break;
      case "--diff":
        args.diff = true;
        break;
      default:
        throw new UsageError(`unknown option ${flag} (see pgconf-lint --help)`);
    }
  }
  return args;
}
function useColor(args, toFile) {
  if (args.color !== void 0) return args.color;
  if (toFile) return false;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== "0") return true;
  return Boolean(process.stdout.isTTY);
}
var RANK3 = { info: 0, warning: 1, error: 2 };
async function main(argv, rules) {
  let args;
  try {
    args = parseArgs(argv, rules);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`pgconf-lint: ${err.message}
`);
      return 2;
    }
    const debug = argv.includes("--debug");
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`pgconf-lint: internal error: ${msg.split("\n")[0]}${debug ? "" : " (run with --debug for details)"}
`);
    if (debug && err instanceof Error && err.stack) process.stderr.write(err.stack + "\n");
    return 2;
  }
  try {
    return await run(args, rules);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`pgconf-lint: ${err.message}
`);
      return 2;
    }
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`pgconf-lint: internal error: ${msg.split("\n")[0]}${args.debug ? "" : " (run with --debug for details)"}
`);
    if (args.debug && err instanceof Error && err.stack) process.stderr.write(err.stack + "\n");
    return 2;
  }
}
function emit(args, text3) {
  if (args.output) {
    try {
      safeWriteFile(args.output, text3, { roots: [cliBase(process.cwd())], rootsLabel: "the repository", outside: "allow", createParents: false });
    } catch (err) {
      throw new UsageError(`cannot write --output ${args.output}: ${err instanceof SafeWriteError ? err.message : describeFsError(err)}`);
    }
  } else process.stdout.write(text3);
}
async function readConfig(args, rules) {
  const cwd = process.cwd();
  const repo = cliBase(cwd);
  let path = args.config;
  let root = args.root !== void 0 ? resolve9(args.root) : repo;
  if (path !== void 0) {
    if (!existsSync(path)) throw new UsageError(`--config ${path}: no such file`);
  } else {
    const top = lookupTop(cwd, repo, args.root);
    const found = findConfigUpward(cwd, top);
    if (!found) return void 0;
    path = relative4(cwd, found.path);
    root = top;
    const shadowed = shadowedWarning(found, path);
    if (shadowed) process.stderr.write(`pgconf-lint: warning: ${shadowed}
`);
  }
  const { loadConfig } = await import("./cli-chunk-IMCMV5WM.js");
  try {
    return loadConfig(path, rules, { root });
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}
async function run(args, rules) {
  if (args.command === "help") {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (args.command === "version") {
    process.stdout.write(VERSION + "\n");
    return 0;
  }
  if (args.command !== "check" && (args.fix || args.unsafeFixes || args.diff)) throw new UsageError(`--fix, --unsafe-fixes and --diff apply to check only`);
  if (args.command !== "check" && args.format !== "text" && args.format !== "json") {
    throw new UsageError(`--format ${args.format} applies to check only; ${args.command} takes text or json`);
  }
  if (args.command === "rules" && args.profiles.length) {
    if (args.paths.length) throw new UsageError("rules --profile takes no rule names");
    emit(args, profilesListing(args.profiles, args.pgVersion, rules, args.format));
    return 0;
  }
  if (args.command === "rules") {
    const named = args.paths.map((name) => {
      const rule = rules.find((r) => r.name === name);
      if (rule) return rule;
      const near = closestRuleNames(rules, name);
      throw new UsageError(`unknown rule "${name}"${near.length ? `; did you mean ${near.join(", ")}?` : ""} (pgconf-lint rules lists them all)`);
    });
    if (args.format === "json") {
      emit(args, JSON.stringify((named.length ? named : rules).map(ruleMetadata), null, 2) + "\n");
      return 0;
    }
    if (named.length) {
      emit(args, named.map((r) => ruleDoc(r)).join("\n"));
      return 0;
    }
    const w = Math.max(...rules.map((r) => r.name.length));
    emit(args, rules.map((r) => `${r.name.padEnd(w)}  ${r.severity.padEnd(7)}  ${r.docs.summary}`).join("\n") + "\n");
    return 0;
  }
  if (args.root !== void 0) {
    let isDir = false;
    try {
      isDir = statSync2(args.root).isDirectory();
    } catch (err) {
      throw new UsageError(`--root ${args.root}: ${describeFsError(err)}`);
    }
    if (!isDir) throw new UsageError(`--root ${args.root}: Not a directory`);
  }
  const config = await readConfig(args, rules);
  const options = {
    ...config ? { config } : {},
    ...args.pgVersion ? { pgVersion: args.pgVersion } : {},
    ...args.root ? { root: args.root } : {},
    // Paths in every report are relative to the repository root, whatever the working directory.
    base: cliBase(process.cwd()),
    ...args.maxFileBytes ? { maxFileBytes: args.maxFileBytes } : {},
    rules: args.rules,
    ...args.profiles.length ? { profiles: args.profiles } : {},
    ...args.kind ? { kind: args.kind } : {},
    ...args.allowEmpty ? { allowEmpty: true } : {}
  };
  if (args.stdinFilename !== void 0 || args.paths.includes("-")) {
    if (args.stdinFilename === void 0) throw new UsageError("- (standard input) needs --stdin-filename PATH: the name decides its kind, its cluster and the path in reports");
    if (args.paths.some((p) => p !== "-")) throw new UsageError("standard input (-, --stdin-filename) cannot be combined with other paths");
    args.paths = ["-"];
    const read = await readStdin(maxFileBytesFor(options));
    options.stdin = { filename: args.stdinFilename, content: read.ok ? read.bytes : { error: read.error } };
  }
  const failOnErrors = (errors, warnings, empty) => {
    if (errors.length) throw new UsageError(errors[0]);
    for (const w of warnings) process.stderr.write(`pgconf-lint: warning: ${w}
`);
    if (empty !== void 0) process.stderr.write(`pgconf-lint: note: ${empty} (accepted: --allow-empty)
`);
  };
  if (args.command === "settings") {
    if (!args.paths.length) throw new UsageError("settings needs a file or directory");
    const { results, errors, warnings, empty } = readSettings(args.paths, options);
    failOnErrors(errors, warnings, empty);
    emit(args, args.format === "json" ? JSON.stringify(results.flatMap((r) => r.rows.map((row2) => ({ ...row2, cluster: r.cluster, pgVersion: r.pgVersion }))), null, 2) + "\n" : formatSettingsText(results));
    return 0;
  }
  if (args.command === "hba") {
    if (!args.paths.length) throw new UsageError("hba needs a file or directory");
    const { results, errors, warnings, empty } = readHba(args.paths, options);
    failOnErrors(errors, warnings, empty);
    emit(args, args.format === "json" ? JSON.stringify(results.flatMap((r) => r.rows.map((row2) => ({ ...row2, cluster: r.cluster, pgVersion: r.pgVersion }))), null, 2) + "\n" : formatHbaText(results));
    return 0;
  }
  if (args.fix || args.unsafeFixes || args.diff) return runFix(args, options, rules, failOnErrors);
  const result = lint(args.paths, options, rules);
  failOnErrors(result.errors, result.warnings, result.empty);
  emit(args, formatReport(args.format, result, useColor(args, Boolean(args.output))));
  return exitFor(args, result);
}
function formatReport(format, result, color) {
  const formatters = {
    text: () => formatText(result, { color }),
    concise: () => formatConcise(result, { color }),
    json: () => formatJson(result),
    sarif: () => formatSarif(result),
    github: () => formatGithub(result),
    markdown: () => formatMarkdown(result),
    junit: () => formatJunit(result),
    gitlab: () => formatGitlab(result)
  };
  return formatters[format]();
}
function exitFor(args, result) {
  if (args.failOn === "never") return 0;
  const threshold = RANK3[args.failOn];
  return result.diagnostics.some((d) => !d.suppressed && RANK3[d.severity] >= threshold) ? 1 : 0;
}
function runFix(args, options, rules, failOnErrors) {
  if (args.diff && args.format !== "text") throw new UsageError("--diff prints a unified diff; it takes no --format");
  const mode = args.diff ? "diff" : "write";
  const outcome = runFixes(args.paths, options, rules, { unsafe: Boolean(args.unsafeFixes), mode });
  const result = outcome.result;
  failOnErrors(result.errors, result.warnings, result.empty);
  for (const f of outcome.files) if (f.refused) process.stderr.write(`pgconf-lint: not fixing ${f.path}: ${f.refused}
`);
  const refused = outcome.files.some((f) => f.refused);
  const summary = fixSummary(outcome, mode);
  if (mode === "diff") {
    const diff = fixDiff(outcome);
    if (args.output || diff.length) emit(args, diff);
    process.stderr.write(summary + "\n");
    return refused ? 2 : diff.length ? 1 : 0;
  }
  const stdinFile = args.stdinFilename !== void 0 ? outcome.files.find((f) => f.stdin) : void 0;
  if (args.stdinFilename !== void 0) {
    const input = options.stdin?.content;
    const bytes2 = stdinFile?.bytes && !stdinFile.refused ? stdinFile.bytes : Buffer.isBuffer(input) ? input : Buffer.from(typeof input === "string" ? input : "");
    process.stdout.write(bytes2);
  }
  const color = useColor(args, Boolean(args.output) || args.stdinFilename !== void 0);
  const plain = args.format === "text" || args.format === "concise";
  const report = args.format === "json" ? JSON.stringify({ ...JSON.parse(formatJson(result)), fixed: outcome.fixed }, null, 2) + "\n" : formatReport(args.format, result, color) + (plain ? summary + "\n" : "");
  if (!plain && args.format !== "json") process.stderr.write(summary + "\n");
  if (args.stdinFilename !== void 0 && !args.output) process.stderr.write(report);
  else emit(args, report);
  return refused ? 2 : exitFor(args, result);
}

// src/analysis/required-setting.ts
function requiredSettingLoc(ctx, s) {
  if (s.loc) return s.loc;
  const key = s.name.toLowerCase();
  if (ctx.cluster.assignments.some((a) => a.key === key && a.status === "invalid" && !a.ignored && !a.overriddenBy)) return void 0;
  return ctx.clusterLoc();
}
var MEMORY_UNITS2 = [["TB", 1024 ** 4], ["GB", 1024 ** 3], ["MB", 1024 ** 2], ["kB", 1024], ["B", 1]];
var TIME_UNITS2 = [["d", 864e5], ["h", 36e5], ["min", 6e4], ["s", 1e3], ["ms", 1]];
function withUnit(value, unit) {
  if (!unit || !Number.isInteger(value) || value <= 0) return String(value);
  const block = unit === "8kB" ? 8192 : void 0;
  const table2 = block !== void 0 || MEMORY_UNITS2.some(([u]) => u === unit) ? MEMORY_UNITS2 : TIME_UNITS2;
  const base = block ?? table2.find(([u]) => u === unit)?.[1];
  if (base === void 0) return String(value);
  const amount = value * base;
  const floor = block !== void 0 ? 1024 : base;
  for (const [u, size] of table2) if (size >= floor && amount % size === 0) return `${amount / size}${u}`;
  return `${value}${unit}`;
}
function shownValue(s) {
  const raw = s.assignment?.line.value.raw;
  if (raw !== void 0) return raw;
  if (s.def.type === "string") return quoteConf(s.canonical);
  if (s.def.type === "integer" && typeof s.value === "number") return withUnit(s.value, s.def.unit);
  return s.canonical;
}
function quoteConf(v) {
  return `'${v.replace(/'/g, "''")}'`;
}
function settingText(s, shown5 = shownValue(s)) {
  return s.isDefault ? `${s.name} (not set; the default is ${shown5})` : `${s.name} = ${shown5}`;
}
function reportRequiredSetting(ctx, name, bad, consequence2, help) {
  const s = ctx.setting(name);
  if (!s || s.value !== bad) return;
  const loc = requiredSettingLoc(ctx, s);
  if (!loc) return;
  ctx.report({ loc, message: `${settingText(s)}: ${consequence2}`, help });
}

// src/analysis/preload.ts
var PRELOAD_PARAMS = ["shared_preload_libraries", "session_preload_libraries", "local_preload_libraries"];
function libraryName(element) {
  const trimmed = element.replace(/[/\\]+$/, "");
  const base = trimmed.slice(Math.max(trimmed.lastIndexOf("/"), trimmed.lastIndexOf("\\")) + 1);
  return base.replace(/\.(?:so|dylib|dll)$/i, "").toLowerCase();
}
function preloadList(ctx, param) {
  const setting = ctx.setting(param);
  if (!setting) return void 0;
  const elements = splitDirectoriesString(String(setting.value));
  return { param, setting, elements, names: elements?.map(libraryName) ?? [] };
}
function listLoads(list4, ...libs) {
  return list4 ? libs.find((l) => list4.names.includes(l)) : void 0;
}
function lineAdding(list4, lib) {
  const current = (list4.elements ?? []).map((e) => /^[^",]*$/.test(e) && e.trim() === e ? e : `"${e.replace(/"/g, '""')}"`);
  return `${list4.param} = '${[...current, lib].join(", ").replace(/'/g, "''")}'`;
}
function customSetting(ctx, name) {
  const a = ctx.cluster.effective.get(foldName(name));
  if (!a || a.status !== "placeholder") return void 0;
  const v = a.line.value;
  return { value: v.value, raw: v.raw, loc: { file: a.file.path, start: v.start, end: v.end }, assignment: a };
}
function customMilliseconds(ctx, name, max) {
  const s = customSetting(ctx, name);
  if (!s) return void 0;
  const def = {
    name,
    type: "integer",
    unit: "ms",
    context: "sighup",
    category: "",
    boot: "0",
    min: 0,
    max,
    enumValues: [],
    enumAliases: {},
    flags: [],
    hidden: false,
    notInFile: false,
    shortDesc: ""
  };
  const r = parseGucValue(def, s.value, ctx.major);
  return r.ok ? { ms: Number(r.value), rejected: null, raw: s.raw, loc: s.loc } : { ms: 0, rejected: r.message, raw: s.raw, loc: s.loc };
}

// rules/anonymizer-not-loaded.ts
var anonymizer_not_loaded_default = defineRule({
  name: "anonymizer-not-loaded",
  severity: "info",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "No data anonymization extension (anon or pg_anonymize) is preloaded",
    why: "pgdsat reports a server whose session_preload_libraries loads neither PostgreSQL Anonymizer (anon) nor pg_anonymize. These extensions apply masking rules, so that chosen roles (analysts, developers, exports to test systems) see masked instead of real personal data; a reviewer of a system that holds personal data may want them there. This is of debatable value as a configuration check: most databases need no masking, masking is decided per column and per role inside the database, and the extension is often loaded per database (ALTER DATABASE \u2026 SET session_preload_libraries), which the files do not show \u2014 so it is off by default and reported as info. Either library counts in any of the three *_preload_libraries lists (matched by file name; recent anon releases are loaded through shared_preload_libraries). A list with bad syntax is invalid-value's finding. Off by default; the `cis` profile turns it on (CIS 6.11).",
    invalid: ["session_preload_libraries = 'auto_explain'"],
    valid: ["session_preload_libraries = 'anon'", "shared_preload_libraries = 'pg_stat_statements, pg_anonymize'"],
    references: [
      "https://postgresql-anonymizer.readthedocs.io/en/stable/",
      "https://github.com/rjuju/pg_anonymize",
      "https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-SESSION-PRELOAD-LIBRARIES"
    ],
    versions: "all"
  },
  check(ctx) {
    const at = ctx.clusterLoc();
    const lists = PRELOAD_PARAMS.map((p) => preloadList(ctx, p));
    const session = lists[1];
    if (!at || !session || lists.some((l) => l?.elements === null)) return;
    if (lists.some((l) => listLoads(l, "anon", "pg_anonymize"))) return;
    ctx.report({
      loc: session.setting.loc ?? at,
      message: `${settingText(session.setting)} loads no anonymization extension (anon or pg_anonymize), nor does another preload list: every role that may read a table sees its personal data unmasked, unless the database loads one itself (ALTER DATABASE \u2026 SET, not in the files)`,
      help: `If the data needs masking, load an anonymizer: ${lineAdding(session, "anon")} (PostgreSQL Anonymizer), then declare masking rules; otherwise disable this rule.`
    });
  }
});

// src/analysis/archive.ts
function commandArchiving(ctx) {
  const mode = ctx.setting("archive_mode");
  if (!mode?.loc || mode.value !== "on" && mode.value !== "always") return null;
  const library = ctx.setting("archive_library");
  if (library && library.value !== "") return null;
  return { mode: { ...mode, loc: mode.loc }, command: ctx.setting("archive_command"), library };
}

// rules/archive-command-missing.ts
var archive_command_missing_default = defineRule({
  name: "archive-command-missing",
  severity: "error",
  category: "durability",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "archive_mode is on but no archive_command (or, from 15, archive_library) is set",
    why: "With archive_mode on (or always), PostgreSQL keeps every WAL segment in pg_wal until it has been archived. With an empty archive_command \u2014 and, from PostgreSQL 15, no archive_library \u2014 nothing is ever archived: the server starts normally, but pg_wal grows without bound until the disk fills and the server stops, and there are no archived WAL files for point-in-time recovery either. Settings absent from the files count with their defaults (empty).",
    invalid: ["archive_mode = on", "archive_mode = always\narchive_command = ''"],
    valid: [
      "archive_mode = on\narchive_command = 'pgbackrest --stanza=main archive-push %p'",
      "archive_mode = on\narchive_library = 'basic_archive'",
      "archive_mode = off"
    ],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-ARCHIVE-MODE",
      "https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-ARCHIVE-COMMAND",
      "https://www.postgresql.org/docs/current/continuous-archiving.html"
    ],
    versions: "all (archive_library is 15+)"
  },
  check(ctx) {
    const a = commandArchiving(ctx);
    if (!a || a.command?.value !== "") return;
    const { mode, command, library } = a;
    const blank = command.loc ? command : library?.loc ? library : void 0;
    const loc = blank?.loc ?? mode.loc;
    const missing = library ? "archive_command and archive_library are empty" : "archive_command is empty";
    ctx.report({
      loc,
      message: `archive_mode = ${mode.canonical} but ${missing}: no WAL is archived, and pg_wal grows until the disk fills`,
      help: library ? "Set archive_command (or archive_library) to the archiver in use, or set archive_mode = off." : "Set archive_command to the archiver in use, or set archive_mode = off.",
      ...blank ? { related: [{ message: `archive_mode = ${mode.canonical} is set here`, loc: mode.loc }] } : {}
    });
  }
});

// rules/archive-command-noop.ts
var NOOP = /^(?:(?:(?:\/usr)?\/bin\/)?true(?:\s.*)?|:(?:\s.*)?|exit(?:\s+0)?|cd(?:\s+\.\/?)?)$/s;
function discardsWal(command) {
  const parts = command.trim().split(/\s*(?:;|&&)\s*/);
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  return parts.length > 0 && parts.every((p) => p !== "" && NOOP.test(p.trim()) && !/[|&<>`$()]/.test(p));
}
var archive_command_noop_default = defineRule({
  name: "archive-command-noop",
  severity: "warning",
  category: "durability",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "archive_mode is on but archive_command discards every WAL segment (`/bin/true`, `true`, `exit 0`, `cd .`, `:`)",
    why: 'The archiver runs archive_command for each completed WAL segment and, when it exits with status 0, takes the segment as safely archived and lets it be removed. A command that does nothing and succeeds \u2014 `/bin/true`, `true`, `:`, `exit 0`, `cd .` \u2014 therefore throws every segment away: there is no WAL archive, no point-in-time recovery, and a base backup taken with this configuration cannot be rolled forward, while archive_mode = on suggests to everyone reading the file that archiving works. It is a known placeholder (archive_mode needs a restart, archive_command only a reload, so some images keep archiving "on" with a dummy command); if that is the intent, say so with a disable directive. Not reported when archive_library is set (15+): PostgreSQL 15 then ignores archive_command, and 16+ refuses to archive at all while both are set. An empty archive_command is reported by archive-command-missing.',
    invalid: ["archive_mode = on\narchive_command = '/bin/true'", "archive_mode = always\narchive_command = 'exit 0'"],
    valid: [
      "archive_mode = on\narchive_command = 'pgbackrest --stanza=main archive-push %p'",
      "archive_mode = off\narchive_command = '/bin/true'",
      "archive_mode = on\narchive_command = 'test ! -f /archive/%f && cp %p /archive/%f'"
    ],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-ARCHIVE-COMMAND",
      "https://www.postgresql.org/docs/current/continuous-archiving.html#BACKUP-ARCHIVING-WAL",
      "https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-ARCHIVE-LIBRARY"
    ],
    versions: "all (archive_library is 15+)"
  },
  check(ctx) {
    const a = commandArchiving(ctx);
    const command = a?.command;
    if (!a || !command?.loc || typeof command.value !== "string") return;
    const { mode } = a;
    if (command.value.trim() === "" || !discardsWal(command.value)) return;
    ctx.report({
      loc: command.loc,
      message: `archive_command = ${command.assignment?.line.value.raw ?? command.canonical} succeeds without storing anything, while archive_mode = ${mode.canonical}: every WAL segment is thrown away, so there is no WAL archive and no point-in-time recovery`,
      help: "Set archive_command to the archiver in use (e.g. pgbackrest \u2026 archive-push %p, wal-g wal-push %p), or set archive_mode = off; if the dummy command is deliberate, say so with a disable directive.",
      related: [{ message: `archive_mode = ${mode.canonical} is set here`, loc: mode.loc }]
    });
  }
});

// rules/archive-mode-off.ts
var archive_mode_off_default = defineRule({
  name: "archive-mode-off",
  severity: "warning",
  category: "durability",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "archive_mode is off (its default): no WAL is archived",
    why: "Without WAL archiving, completed WAL segments are recycled once a checkpoint no longer needs them. There is then no WAL archive: no point-in-time recovery (a restore can only return to the moment of a backup, not to just before a mistaken DROP or DELETE), and backup tools that rely on the archive (pgBackRest, Barman or WAL-G in archive mode) refuse to back up or cannot make a backup consistent. archive_mode is off by default, so an absent setting is reported too; an archive_command (or, from 15, archive_library) written while archive_mode is off never runs. A standby is reported as well: with archive_mode = on it starts archiving when it is promoted. When archive_mode is on but nothing archives, archive-command-missing or archive-command-noop reports it instead. Off by default; the `cis` profile turns it on (CIS 7.4).",
    invalid: ["archive_mode = off", "archive_command = 'pgbackrest --stanza=main archive-push %p'"],
    valid: [
      "archive_mode = on\narchive_command = 'pgbackrest --stanza=main archive-push %p'",
      "archive_mode = always\narchive_library = 'basic_archive'"
    ],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-ARCHIVE-MODE",
      "https://www.postgresql.org/docs/current/continuous-archiving.html"
    ],
    versions: "all (archive_library is 15+)"
  },
  check(ctx) {
    const at = ctx.clusterLoc();
    const mode = ctx.setting("archive_mode");
    if (!at || !mode || mode.value !== "off") return;
    const command = ctx.setting("archive_command");
    const library = ctx.setting("archive_library");
    const archiver = [library, command].find((s) => s?.loc && s.value !== "");
    const archivers = ctx.major >= 15 ? "archive_command (or archive_library)" : "archive_command";
    ctx.report({
      loc: mode.loc ?? at,
      message: archiver ? `${settingText(mode)}: the ${archiver.name} written here never runs, so no WAL is archived \u2014 no point-in-time recovery, and backups that rely on the archive fail` : `${settingText(mode)}: no WAL is archived \u2014 no point-in-time recovery, and backups that rely on the archive fail`,
      help: archiver ? `Set archive_mode = on (a restart is needed).` : `Set archive_mode = on (a restart is needed) and ${archivers} to the archiver in use, e.g. archive_command = 'pgbackrest --stanza=main archive-push %p'.`,
      ...archiver?.loc ? { related: [{ message: `${archiver.name} is set here`, loc: archiver.loc }] } : {}
    });
  }
});

// rules/auth-delay-not-loaded.ts
var INT_MAX2 = 2147483647;
var auth_delay_not_loaded_default = defineRule({
  name: "auth-delay-not-loaded",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "No delay after a failed login: auth_delay (or credcheck) is not in shared_preload_libraries, or its delay is 0",
    why: "PostgreSQL answers a failed password attempt at once, so a client can try passwords as fast as the network and the server allow, and each failed attempt costs it almost nothing. The auth_delay module (shipped with PostgreSQL) makes the server wait auth_delay.milliseconds before it reports a failed authentication; credcheck does the same with credcheck.auth_delay_ms. That slows online password guessing by orders of magnitude. The delay needs the module in shared_preload_libraries (the other lists are loaded after authentication) and a delay above 0 \u2014 the default of both parameters is 0, which delays nothing. Libraries are matched by file name (`$libdir/auth_delay` counts). A delay set with no module loaded does nothing. A shared_preload_libraries list with bad syntax loads nothing; that is invalid-value's finding. CIS 5.7 also limits authentication_timeout (authentication-timeout-long). Off by default; the `cis` profile turns it on (CIS 5.7).",
    invalid: ["shared_preload_libraries = 'pg_stat_statements'", "shared_preload_libraries = 'auth_delay'"],
    valid: [
      "shared_preload_libraries = 'auth_delay'\nauth_delay.milliseconds = 500",
      "shared_preload_libraries = 'credcheck'\ncredcheck.auth_delay_ms = '1s'"
    ],
    references: [
      "https://www.postgresql.org/docs/current/auth-delay.html",
      "https://github.com/HexaCluster/credcheck",
      "https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-SHARED-PRELOAD-LIBRARIES"
    ],
    versions: "all"
  },
  check(ctx) {
    const at = ctx.clusterLoc();
    const spl = preloadList(ctx, "shared_preload_libraries");
    if (!at || !spl || spl.elements === null) return;
    const modules = [
      { lib: "auth_delay", param: "auth_delay.milliseconds", max: INT_MAX2 },
      { lib: "credcheck", param: "credcheck.auth_delay_ms", max: Math.floor(INT_MAX2 / 1e3) }
    ].filter((m) => listLoads(spl, m.lib));
    const delays = modules.map((m) => ({ ...m, delay: customMilliseconds(ctx, m.param, m.max) }));
    if (delays.some((d) => d.delay && d.delay.ms > 0)) return;
    const loadedAt = spl.setting.loc ? [{ message: `${modules.map((m) => m.lib).join(" and ")} loaded here`, loc: spl.setting.loc }] : [];
    const what = "a failed login is answered at once, so passwords can be guessed at full speed";
    const first = delays[0];
    if (!first) {
      const elsewhere = ["session_preload_libraries", "local_preload_libraries"].find(
        (p) => listLoads(preloadList(ctx, p), "auth_delay")
      );
      ctx.report({
        loc: spl.setting.loc ?? at,
        message: `${settingText(spl.setting)} loads neither auth_delay nor credcheck${elsewhere ? ` (auth_delay in ${elsewhere} is loaded after authentication and delays nothing)` : ""}: ${what}`,
        help: `Load auth_delay (a restart is needed) and set a delay: ${lineAdding(spl, "auth_delay")} and auth_delay.milliseconds = 500.`
      });
      return;
    }
    const { delay, param } = first;
    if (!delay) {
      ctx.report({
        loc: at,
        message: `${param} (not set; the default is 0): ${first.lib} is loaded but waits 0 ms: ${what}`,
        help: `Set ${param} = 500.`,
        related: loadedAt
      });
      return;
    }
    ctx.report({
      loc: delay.loc,
      message: delay.rejected ? `${param} = ${delay.raw} is rejected when ${first.lib} loads (${delay.rejected}), which keeps the default 0: ${what}` : `${param} = ${delay.raw} waits 0 ms: ${what}`,
      help: `Set ${param} = 500.`,
      related: loadedAt
    });
  }
});

// rules/authentication-timeout-long.ts
var DEFAULT_MAXIMUM = 60;
function seconds(n) {
  if (n % 60 === 0) return n === 60 ? "1 minute" : `${n / 60} minutes`;
  return n === 1 ? "1 second" : `${n} seconds`;
}
var authentication_timeout_long_default = defineRule({
  name: "authentication-timeout-long",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  options: {
    maximum: opt.integer(DEFAULT_MAXIMUM, "The longest authentication_timeout allowed, in seconds (CIS 5.7 asks for 60). With a maximum under 60, an absent setting is reported too (its default is 1min).", { minimum: 1, maximum: 600 })
  },
  docs: {
    summary: "authentication_timeout is longer than the allowed maximum (60 seconds by default)",
    why: "authentication_timeout is how long a new connection may take to complete authentication before the server drops it. Until then the connection holds a backend process and a connection slot. A long timeout lets clients that connect and then stall (or send the password very slowly) keep slots occupied, so a few of them exhaust max_connections and lock out everyone else; it also gives a password guesser more time per connection. The default is 1 minute, which is not flagged with the default maximum. CIS 5.7 also asks for a delay after failed logins (auth-delay-not-loaded). Off by default; the `cis` profile turns it on (CIS 5.7).",
    invalid: ["authentication_timeout = 5min"],
    valid: ["authentication_timeout = 30s", "authentication_timeout = 60", "# authentication_timeout = 1min"],
    references: ["https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-AUTHENTICATION-TIMEOUT"],
    versions: "all (the default is 1min in every supported major)"
  },
  check(ctx) {
    const at = ctx.clusterLoc();
    const s = ctx.setting("authentication_timeout");
    if (!at || !s || typeof s.value !== "number") return;
    const maximum = typeof ctx.options.maximum === "number" ? ctx.options.maximum : DEFAULT_MAXIMUM;
    if (s.value <= maximum) return;
    ctx.report({
      loc: s.loc ?? at,
      message: `${settingText(s)} lets a connection take ${seconds(s.value)} to authenticate (more than ${seconds(maximum)}): stalled or slow clients hold connection slots that long, and a few of them can use up max_connections`,
      help: `Set authentication_timeout = ${maximum % 60 === 0 ? `${maximum / 60}min` : `${maximum}s`} or less.`
    });
  }
});

// rules/autovacuum-off.ts
var autovacuum_off_default = defineRule({
  name: "autovacuum-off",
  severity: "warning",
  category: "durability",
  tags: ["performance"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "autovacuum or track_counts is off, so autovacuum does not run",
    why: 'Autovacuum removes dead row versions, keeps planner statistics current and freezes old rows. With autovacuum off (or track_counts off, without which the autovacuum launcher does not start: "autovacuum not started because of misconfiguration"), tables and indexes bloat, plans degrade as statistics go stale, and freezing is left to the emergency anti-wraparound vacuums that the server still forces \u2014 at the worst moment and on the biggest tables. Unless every table is vacuumed and analyzed by a scheduled job, this ends in an outage. To exempt a table, use its autovacuum_enabled storage parameter instead.',
    invalid: ["autovacuum = off", "track_counts = off"],
    valid: ["autovacuum = on", "autovacuum_naptime = 30s"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-vacuum.html#GUC-AUTOVACUUM",
      "https://www.postgresql.org/docs/current/runtime-config-statistics.html#GUC-TRACK-COUNTS",
      "https://www.postgresql.org/docs/current/routine-vacuuming.html#AUTOVACUUM"
    ],
    versions: "all"
  },
  check(ctx) {
    const av = ctx.setting("autovacuum");
    if (av?.value === false && av.loc) {
      const raw = av.assignment?.line.value.raw ?? av.canonical;
      ctx.report({
        loc: av.loc,
        message: `autovacuum = ${raw}${raw === av.canonical ? "" : ` (${av.canonical})`}: dead rows are not cleaned up and statistics go stale; only forced anti-wraparound vacuums still run`,
        help: "Set autovacuum = on (the default); to exempt single tables, use ALTER TABLE \u2026 SET (autovacuum_enabled = off)."
      });
    }
    const tc = ctx.setting("track_counts");
    if (tc?.value === false && tc.loc) {
      const raw = tc.assignment?.line.value.raw ?? tc.canonical;
      ctx.report({
        loc: tc.loc,
        message: `track_counts = ${raw}${raw === tc.canonical ? "" : ` (${tc.canonical})`}: autovacuum cannot start without these statistics, so dead rows are not cleaned up and statistics go stale`,
        help: "Set track_counts = on (the default)."
      });
    }
  }
});

// rules/client-min-messages-verbose.ts
var SENT = {
  warning: "WARNING messages",
  notice: 'NOTICE and WARNING messages: RAISE NOTICE output of functions and triggers, object names in "skipping" and "drop cascades to" notices',
  info: 'NOTICE and WARNING messages: RAISE NOTICE output of functions and triggers, object names in "skipping" and "drop cascades to" notices',
  log: "LOG messages of its own session as well \u2014 its statement, duration, lock-wait and temporary-file logging and auto_explain plans \u2014 besides NOTICE and WARNING"
};
var DEBUG = "DEBUG messages as well \u2014 internal transaction, planner and executor detail \u2014 besides LOG, NOTICE and WARNING";
var client_min_messages_verbose_default = defineRule({
  name: "client-min-messages-verbose",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "client_min_messages more verbose than error (absent means notice): clients receive server messages beyond their errors",
    why: 'client_min_messages decides which messages a session sends to its client besides errors. At `warning`, clients also see WARNINGs; at `notice` (the default) NOTICEs too \u2014 RAISE NOTICE output of functions and triggers (which may print data a SECURITY DEFINER function read with privileges the caller lacks), and notices that name objects ("drop cascades to \u2026"); at `log`, the LOG messages of the session itself (its statement and duration logging, lock waits, temporary files, auto_explain plans); at the `debug` levels, internal detail of transactions, the planner and the executor. The PostgreSQL STIG wants `error` (V-233516 and V-233533: their checks read client_min_messages from postgresql.conf, V-233516 also from postgresql.auto.conf, and want exactly `error`). The setting only gives the default: any session may `SET client_min_messages`, and ALTER ROLE / ALTER DATABASE \u2026 SET override it \u2014 a live check is needed for those. Off by default; the `stig` profile turns it on (V-233516, V-233533).',
    invalid: ["client_min_messages = log"],
    valid: ["client_min_messages = error"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-CLIENT-MIN-MESSAGES",
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#RUNTIME-CONFIG-SEVERITY-LEVELS",
      "https://github.com/postgres/postgres/blob/master/src/backend/utils/error/elog.c (should_output_to_client)",
      "https://github.com/mitre/crunchy-data-postgresql-stig-baseline (controls/V-233516.rb, V-233533.rb)"
    ],
    versions: "all (client_min_messages exists in every supported major; its default is notice)"
  },
  check(ctx) {
    const s = ctx.setting("client_min_messages");
    if (!s || typeof s.value !== "string") return;
    const level = s.value.toLowerCase();
    if (level === "error") return;
    const sent = SENT[level] ?? (level.startsWith("debug") ? DEBUG : void 0);
    if (sent === void 0) return;
    const loc = requiredSettingLoc(ctx, s);
    if (!loc) return;
    ctx.report({
      loc,
      message: `${s.loc ? `client_min_messages = ${s.assignment?.line.value.raw ?? level}` : `client_min_messages (not set; the default is ${level})`}: every client receives ${sent}, not only its errors`,
      help: "Set client_min_messages = error; a session that needs more (a DBA debugging) can still SET it for itself."
    });
  }
});

// src/analysis/logging.ts
function loggingView(ctx) {
  const destination = ctx.setting("log_destination");
  const collector = ctx.setting("logging_collector");
  if (!destination || !collector) return void 0;
  const list4 = typeof destination.value === "string" ? splitIdentifierString(destination.value) : null;
  const destinations = new Set((list4 ?? []).map(asciiLower));
  const collectorOn = collector.value === true;
  const fileDest = destinations.has("stderr") || destinations.has("csvlog") || destinations.has("jsonlog");
  const structured = destinations.has("csvlog") || destinations.has("jsonlog");
  return {
    destination,
    destinations,
    collector,
    collectorOn,
    writesFiles: collectorOn && fileDest,
    prefixed: destinations.has("stderr") || destinations.has("syslog") || structured && !collectorOn
  };
}
function settingLoc(ctx, s) {
  return s.loc ?? ctx.clusterLoc();
}
function relatedSetting(s, message) {
  return s.loc ? [{ message, loc: s.loc }] : [];
}
function octalMode(mode) {
  return `0${mode.toString(8).padStart(3, "0")}`;
}

// rules/connection-logging-off.ts
var ON_ASPECTS = ["receipt", "authentication", "authorization"];
var WHAT = {
  receipt: "connection attempts and the client address they came from",
  authentication: "the identity each client authenticated as and the method",
  authorization: "the role and database each session was granted"
};
function missingAspects(s) {
  if (typeof s.value === "boolean") return s.value ? [] : [...ON_ASPECTS];
  const list4 = splitIdentifierString(String(s.value));
  if (list4 === null) return [];
  const words = list4.map(asciiLower);
  if (words.length === 0 || ["off", "false", "no", "0"].includes(words[0])) return [...ON_ASPECTS];
  if (["on", "true", "yes", "1"].includes(words[0]) || words.includes("all")) return [];
  return ON_ASPECTS.filter((a) => !words.includes(a));
}
var connection_logging_off_default = defineRule({
  name: "connection-logging-off",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "log_connections or log_disconnections is off (absent means off): the log does not show who connected, from where, to which database, and for how long",
    why: "A failed login is logged whatever these settings say (it is a FATAL error), but a successful one is not: without log_connections the server log has no line saying which role connected to which database from which client address, and without log_disconnections none saying when the session ended and how long it lasted. After an incident, that is the record an investigation starts from: a stolen password that works leaves no trace. Both are off by default. PostgreSQL 18 made log_connections a list of aspects (`receipt`, `authentication`, `authorization`, `setup_durations`, or `all`; `''` logs nothing, and the old `on` still means `receipt,authentication,authorization`); from 18 a list that leaves out one of the three aspects `on` logs is reported too, naming what is missing. One finding per setting: at its value when a file sets it, at the start of postgresql.conf when it is absent (one finding naming both when both are absent). The two settings write a line per connection: on a server with very many short connections, use a connection pooler rather than turning them off. Off by default; the `cis` profile turns it on (CIS 3.1.20, 3.1.21, and the log_connections / log_disconnections part of 6.2).",
    invalid: ["log_connections = on\nlog_disconnections = off", "log_connections = off\nlog_disconnections = on"],
    valid: ["log_connections = on\nlog_disconnections = on", "log_connections = 'all'\nlog_disconnections = on"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-CONNECTIONS",
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-DISCONNECTIONS",
      "https://www.postgresql.org/docs/18/release-18.html (log_connections became a list)",
      "https://github.com/postgres/postgres/blob/REL_18_STABLE/src/backend/tcop/backend_startup.c (check_log_connections)"
    ],
    versions: "all; from 18 log_connections is a list of aspects (receipt, authentication, authorization, setup_durations, all)"
  },
  check(ctx) {
    const conn = ctx.setting("log_connections");
    const disc = ctx.setting("log_disconnections");
    const connMissing = conn ? missingAspects(conn) : [];
    const discOff = disc?.value === false;
    const list18 = ctx.major >= 18;
    const connHelp = list18 ? "Set log_connections = 'receipt,authentication,authorization' (what on means; 'all' adds setup_durations)." : "Set log_connections = on.";
    if (conn?.isDefault && disc?.isDefault && connMissing.length && discOff) {
      const loc = ctx.clusterLoc();
      if (!loc) return;
      ctx.report({
        loc,
        message: `log_connections and log_disconnections are not set (the defaults are ${list18 ? "'' and off" : "off"}): neither successful connections nor session ends are logged \u2014 the log cannot show who connected to which database, from which address, and for how long`,
        help: `${connHelp.replace(/\.$/, "")} and log_disconnections = on.`
      });
      return;
    }
    if (conn && connMissing.length) {
      const loc = settingLoc(ctx, conn);
      if (loc) {
        const all = connMissing.length === ON_ASPECTS.length;
        const shown5 = conn.isDefault && list18 ? "''" : void 0;
        ctx.report({
          loc,
          message: all ? `${settingText(conn, shown5)}: successful connections are not logged \u2014 the log cannot show who connected to which database, from which address, and when` : `${settingText(conn, shown5)} does not log ${connMissing.map((a) => `${WHAT[a]} (${a})`).join(" or ")}, which log_connections = on logs`,
          help: connHelp
        });
      }
    }
    if (disc && discOff) {
      const loc = settingLoc(ctx, disc);
      if (loc) {
        ctx.report({
          loc,
          message: `${settingText(disc)}: session ends are not logged \u2014 the log cannot show when a session ended or how long it lasted`,
          help: "Set log_disconnections = on (each session end is logged with its user, database, client address and duration)."
        });
      }
    }
  }
});

// rules/ddl-not-logged.ts
var ddl_not_logged_default = defineRule({
  name: "ddl-not-logged",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "log_statement is none (absent means none): CREATE, ALTER and DROP leave no trace in the server log",
    why: "With log_statement = none, schema and role changes are not logged: a dropped table, an altered function, a new superuser or a GRANT shows up nowhere in the server log, so neither an incident nor a botched migration can be traced. `ddl` logs every data definition statement (CREATE, ALTER, DROP, GRANT/REVOKE, roles), `mod` adds INSERT, UPDATE, DELETE, TRUNCATE and COPY FROM, and `all` every statement. The CIS PostgreSQL Benchmark asks for at least `ddl` (3.1.25; pgdsat fails only `none`, so `ddl`, `mod` and `all` pass).\n\nLogging DDL also logs `CREATE ROLE` / `ALTER ROLE \u2026 PASSWORD '\u2026'` with its text, so a password set in SQL then reaches the log in cleartext; the rule log-statement-secrets reports that for any `ddl`/`mod`/`all` setting. Both rules agree on the way out: keep `log_statement = 'ddl'` and set passwords so that only a hash is sent (psql's \\password, or a client that sends a SCRAM-SHA-256 verifier, with password_encryption = scram-sha-256). DDL logged by pgaudit instead (pgaudit.log = ddl) is not considered: the CIS check reads log_statement. Off by default; the `cis` profile turns it on (CIS 3.1.25).",
    invalid: ["log_statement = 'none'"],
    valid: ["log_statement = 'ddl'", "log_statement = 'all'"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-STATEMENT",
      "https://www.postgresql.org/docs/current/app-psql.html (\\password)",
      "https://github.com/HexaCluster/pgdsat (check 3.1.25)"
    ],
    versions: "all (log_statement exists in every supported major; its default is none)"
  },
  check(ctx) {
    reportRequiredSetting(
      ctx,
      "log_statement",
      "none",
      "CREATE, ALTER, DROP, GRANT and role changes leave no trace in the server log",
      "Set log_statement = 'ddl'. It logs ALTER ROLE \u2026 PASSWORD '\u2026' with its text too: set passwords with psql's \\password (only a SCRAM hash is sent) so that none reaches the log (see log-statement-secrets)."
    );
  }
});

// rules/debug-setting-enabled.ts
var DEVELOPER_CATEGORY = "Developer Options";
var EXCLUDED = /* @__PURE__ */ new Set(["jit_expressions", "jit_tuple_deforming"]);
var DEBUG_PRINT = ["debug_print_parse", "debug_print_rewritten", "debug_print_plan"];
var LEADS_TO = {
  zero_damaged_pages: "a page whose header is damaged is zeroed in memory instead of raising an error, and the zeroed page can be written back: its rows are destroyed silently",
  ignore_system_indexes: "system catalogs are read without their indexes: every query plans and runs slowly",
  ignore_checksum_failure: "pages with a checksum failure are read as if valid: corrupted data spreads to queries, replicas and backups instead of stopping with an error",
  ignore_invalid_pages: "recovery continues past WAL records that reference invalid pages: corruption is hidden and the server may come up inconsistent",
  allow_system_table_mods: "superusers can change the structure of system catalogs, which can corrupt the database irreparably",
  allow_in_place_tablespaces: "CREATE TABLESPACE with an empty location creates the tablespace inside the data directory (pg_tblspc) instead of on its own storage, a testing aid",
  post_auth_delay: "every new connection stalls after authentication for this long (a hook to attach a debugger)",
  pre_auth_delay: "every new connection stalls before authentication for this long (a hook to attach a debugger), tying up connection slots",
  jit_debugging_support: "JIT-compiled code is registered with GDB: slower JIT and extra memory in every backend that uses JIT",
  jit_profiling_support: "every backend that uses JIT writes a perf map file under /tmp, left behind when it exits: the files accumulate",
  jit_dump_bitcode: "every JIT compilation writes LLVM bitcode files into the data directory",
  debug_discard_caches: "every cache is discarded at each opportunity: the server runs orders of magnitude slower",
  debug_parallel_query: "queries are forced into parallel plans for testing: slower queries and wasted workers",
  force_parallel_mode: "queries are forced into parallel plans for testing: slower queries and wasted workers",
  debug_io_direct: "direct I/O bypasses the kernel page cache, which PostgreSQL does not yet compensate for: much slower I/O",
  debug_logical_replication_streaming: "logical replication streams or serializes every change immediately instead of buffering: more network traffic and work on both ends",
  wal_consistency_checking: "full-page images are written to WAL for the listed records and checked at replay: much more WAL",
  backtrace_functions: "errors raised in the listed C functions are logged with a backtrace: log noise, and internal detail in the log",
  remove_temp_files_after_crash: "temporary files are kept after a backend crash: they accumulate and can fill the disk",
  send_abort_for_crash: "after a backend crash the postmaster sends SIGABRT to the other processes: a core dump of each, which can fill the disk",
  send_abort_for_kill: "child processes that do not exit after a crash are sent SIGABRT instead of SIGKILL: a core dump of each, which can fill the disk",
  trace_notify: "every LISTEN/NOTIFY call is logged at DEBUG1: log noise",
  trace_sort: "resource use of every sort is logged: log noise",
  trace_recovery_messages: "recovery debug messages are logged: log noise",
  trace_connection_negotiation: "the SSL and GSSAPI negotiation of every connection is logged: log noise",
  debug_print_parse: "the parse tree of every query is written to the log: a flood of log output that includes the constants of the queries (data and secrets)",
  debug_print_rewritten: "the rewritten parse tree of every query is written to the log: a flood of log output that includes the constants of the queries (data and secrets)",
  debug_print_plan: "the execution plan tree of every query is written to the log: a flood of log output that includes the constants of the queries (data and secrets)"
};
function debugWay(s) {
  const c = s.def.context;
  if (c === "user" || c === "superuser") return `to debug, SET ${s.name} in a session`;
  if (c === "backend" || c === "superuser-backend") return `to debug, set it for one connection at its start (PGOPTIONS='-c ${s.name}=...')`;
  return "use it on a test server only";
}
var written2 = (s) => s.assignment?.line.value.raw ?? s.canonical;
function differsFromDefault(s, major) {
  const boot = parseGucValue(s.def, s.def.boot, major);
  const dflt = boot.ok ? boot.value : s.def.boot;
  if (typeof s.value === "string" && typeof dflt === "string") return s.value.toLowerCase() !== dflt.toLowerCase();
  return s.value !== dflt;
}
var debug_setting_enabled_default = defineRule({
  name: "debug-setting-enabled",
  severity: "warning",
  category: "durability",
  tags: ["performance"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  options: {
    prettyPrint: opt.boolean(false, "Also report `debug_pretty_print = off` (CIS 3.1.19 wants it on).")
  },
  docs: {
    summary: 'A developer or debugging setting committed to a server configuration: a "Developer Options" parameter away from its default, or debug_print_parse/_rewritten/_plan on',
    why: 'PostgreSQL groups the parameters meant for developing and testing PostgreSQL itself under "Developer Options" (pg_settings.category); the documentation says they should not be used on a production database. Each one does harm when committed to a configuration: `zero_damaged_pages` destroys the rows of damaged pages silently, `ignore_checksum_failure` and `ignore_invalid_pages` hide corruption, `allow_system_table_mods` lets the catalogs be broken, `ignore_system_indexes` and `debug_discard_caches` make every query slow, `post_auth_delay` and `pre_auth_delay` stall every connection, `jit_debugging_support`, `jit_profiling_support` and `jit_dump_bitcode` write files or perf maps for every JIT compilation, `trace_*` fill the log. `debug_print_parse`, `debug_print_rewritten` and `debug_print_plan` (in "What to Log") write the tree of every query to the log: a flood of output that includes the constants of the queries, data and secrets included. These settings belong in a session (`SET`) while debugging, not in postgresql.conf.\n\nThe parameters are taken from the target major\'s catalog, so each major\'s own developer options are checked (e.g. `debug_discard_caches` from 14, `trace_connection_negotiation` from 17). Not reported: `jit_expressions` and `jit_tuple_deforming` off \u2014 they only keep JIT from compiling that part of a query (as `jit = off` does for all of it), with nothing at stake, and are a known workaround for JIT problems. With the option `prettyPrint`, `debug_pretty_print = off` is reported too (CIS 3.1.19 wants it on); it only shapes the output of `debug_print_*`, so it is off by default.',
    invalid: ["zero_damaged_pages = on", "debug_print_plan = on", "post_auth_delay = 30s"],
    valid: ["zero_damaged_pages = off", "jit_expressions = off", "debug_print_plan = off\ndebug_pretty_print = off"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-developer.html",
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#RUNTIME-CONFIG-LOGGING-WHAT",
      "https://github.com/HexaCluster/pgdsat (checks 3.1.16 to 3.1.19 and 6.2)"
    ],
    versions: 'all; the set of developer options is each major\'s own (catalog category "Developer Options"): e.g. `jit_*_support` from 11, `backtrace_functions` and `ignore_invalid_pages` from 13, `debug_discard_caches` from 14, `force_parallel_mode` until 15 and `debug_parallel_query` from 16, `trace_recovery_messages` until 16, `trace_connection_negotiation` from 17. A parameter the target major does not know is left to unknown-setting.',
    optionsNote: "```yaml\nrules:\n  debug-setting-enabled: { prettyPrint: true }\n```"
  },
  check(ctx) {
    const names = [];
    for (const def of ctx.catalog.params.values()) {
      if (def.category === DEVELOPER_CATEGORY && !EXCLUDED.has(def.name)) names.push(def.name);
    }
    names.push(...DEBUG_PRINT);
    for (const name of names) {
      const s = ctx.setting(name);
      if (!s?.loc || !differsFromDefault(s, ctx.major)) continue;
      const dflt = parseGucValue(s.def, s.def.boot, ctx.major);
      const dfltShown = dflt.ok ? dflt.canonical : s.def.boot;
      const leads = LEADS_TO[s.name] ?? `a developer option meant for testing PostgreSQL itself (${s.def.shortDesc.replace(/\.$/, "")})`;
      ctx.report({
        loc: s.loc,
        message: `${s.name} = ${written2(s)} is a ${DEBUG_PRINT.includes(s.name) ? "debugging" : "developer"} setting: ${leads}`,
        help: `Remove the line or set ${s.name} = ${dfltShown === "" ? "''" : dfltShown} (the default); ${debugWay(s)}.`
      });
    }
    if (ctx.options.prettyPrint === true) {
      const s = ctx.setting("debug_pretty_print");
      if (s?.loc && s.value === false) {
        ctx.report({
          loc: s.loc,
          message: `debug_pretty_print = ${written2(s)}: the output of debug_print_parse, debug_print_rewritten and debug_print_plan is logged unindented, on one long line per tree`,
          help: "Remove the line or set debug_pretty_print = on (the default)."
        });
      }
    }
  }
});

// rules/duplicate-setting.ts
function lineLoc2(a) {
  const text3 = a.file.text;
  const { start, end } = a.line;
  if (text3.charCodeAt(end) === 10) return { file: a.file.path, start, end: end + 1 };
  if (start === 0) return { file: a.file.path, start, end };
  const before = text3.charCodeAt(start - 2) === 13 ? start - 2 : start - 1;
  return { file: a.file.path, start: before, end };
}
var duplicate_setting_default = defineRule({
  name: "duplicate-setting",
  severity: "warning",
  category: "validity",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  fixable: "always",
  docs: {
    summary: "A parameter set again later, so this assignment has no effect",
    why: "When a parameter is assigned more than once, the last assignment wins \u2014 including assignments in included files and in postgresql.auto.conf (written by ALTER SYSTEM), which is read last. Someone editing the earlier line will believe they changed the server when they did not. When the winner is in postgresql.auto.conf, the help says to use ALTER SYSTEM RESET (or to drop the postgresql.conf line); a duplicate inside postgresql.auto.conf means the file was edited by hand \u2014 ALTER SYSTEM keeps one entry per parameter \u2014 so the help says to use ALTER SYSTEM SET / RESET instead of editing it. The fix (unsafe) removes the whole line of the overridden assignment, its comment included: the server keeps using what it uses now, but whoever wrote the earlier line may have meant its value.",
    invalid: ["work_mem = 4MB\nwork_mem = 8MB"],
    valid: ["work_mem = 8MB\nmaintenance_work_mem = 256MB"],
    references: ["https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-CONFIGURATION-FILE"],
    versions: "all"
  },
  check(ctx) {
    const autoFiles = new Set(ctx.cluster.input.files.filter((f) => f.kind === "postgresql.auto.conf").map((f) => f.abs));
    const locOf = (a) => ({ file: a.file.path, start: a.line.nameStart, end: a.line.value.end });
    let runFile = null;
    let runCount = 0;
    let runLast = null;
    const endRun = () => {
      if (runFile !== null && runLast !== null) ctx.unlisted(runFile, runCount, locOf(runLast));
      runFile = null;
      runCount = 0;
    };
    for (const a of ctx.cluster.assignments) {
      const w = a.overriddenBy;
      if (!w) continue;
      const file = a.file.path;
      if (file === runFile) {
        runCount++;
        runLast = a;
        continue;
      }
      if (!ctx.listed(file)) {
        endRun();
        runFile = file;
        runCount = 1;
        runLast = a;
        continue;
      }
      const at = w.line.line;
      const where3 = w.file === a.file ? `line ${at}` : `${w.file.path}:${at}`;
      const name = boundQuote(a.line.name);
      const autoWins = autoFiles.has(w.file.absPath);
      const inAuto = autoFiles.has(a.file.absPath);
      const help = inAuto ? `postgresql.auto.conf is written by the server and should not be edited by hand: ALTER SYSTEM SET ${name} = \u2026 replaces every entry of the parameter with one, and ALTER SYSTEM RESET ${name} removes them all.` : autoWins ? `ALTER SYSTEM overrides this line: to make postgresql.conf count, run ALTER SYSTEM RESET ${name} (it removes the entry from postgresql.auto.conf); to keep the ALTER SYSTEM value, remove this line.` : "Remove one of the two assignments so the file says what the server uses.";
      ctx.report({
        loc: locOf(a),
        fix: { title: `Remove the overridden assignment of ${name} (line ${a.line.line})`, edits: [{ loc: lineLoc2(a), text: "" }], applicability: "unsafe" },
        message: `${name} is set again ${autoWins && !inAuto ? "by ALTER SYSTEM " : ""}at ${where3} (${boundQuote(w.line.value.raw)}), so this value (${boundQuote(a.line.value.raw)}) is ignored`,
        help,
        related: [{ message: "the assignment that wins", loc: locOf(w) }]
      });
    }
    endRun();
  }
});

// rules/freeze-table-age-clamped.ts
var shown = (s) => s.isDefault ? `${s.name} (default ${s.canonical})` : `${s.name} = ${s.canonical}`;
var freezeAgeGroupKey = (loc) => `freeze-age:${loc.file}:${loc.start}`;
function checkClamp(ctx, rule, c, help) {
  const v = ctx.setting(c.clamped);
  const l = ctx.setting(c.limit);
  if (!v || !l || typeof v.value !== "number" || typeof l.value !== "number") return;
  const loc = v.loc ?? l.loc;
  if (!loc) return;
  const bound = l.value * c.factor;
  if (c.direction === "above" ? !(v.value > bound) : !(v.value < bound)) return;
  const effective = Math.trunc(bound);
  const limitShown = `${l.name} (${l.isDefault ? "default " : ""}${l.canonical} \u2192 ${effective})`;
  const fix = v.loc && parseGucValue(v.def, String(effective), ctx.major).ok ? {
    fix: {
      title: `Set ${c.clamped} = ${effective}, the value VACUUM uses${c.atMost ? " (at most)" : ""}`,
      edits: [{ loc: v.loc, text: String(effective) }],
      applicability: "unsafe"
    }
  } : {};
  ctx.report({
    loc,
    ...fix,
    message: `${shown(v)} is ${c.direction} ${c.factor} \xD7 ${limitShown}: VACUUM silently uses ${c.atMost ? "at most " : ""}${effective}`,
    help: help(effective),
    ...v.loc && l.loc ? { related: [{ message: `${l.name}, which ${c.clamped} is clamped against`, loc: l.loc }] } : {},
    ...v.loc ? {} : { group: { key: freezeAgeGroupKey(loc), concern: `VACUUM uses ${c.clamped} = ${c.atMost ? "at most " : ""}${effective}, not its default ${v.canonical} (${rule})` } }
  });
}
var TABLE_AGE_CLAMPS = [
  { clamped: "vacuum_freeze_table_age", limit: "autovacuum_freeze_max_age", direction: "above", factor: 0.95 },
  {
    clamped: "vacuum_multixact_freeze_table_age",
    limit: "autovacuum_multixact_freeze_max_age",
    direction: "above",
    factor: 0.95,
    atMost: true
  }
];
var freeze_table_age_clamped_default = defineRule({
  name: "freeze-table-age-clamped",
  severity: "warning",
  category: "validity",
  precedence: 200,
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  fixable: "sometimes",
  docs: {
    summary: "vacuum_freeze_table_age (or its multixact twin) is above 0.95 \xD7 the freeze max age, so VACUUM silently lowers it",
    why: "vacuum_freeze_table_age decides when a VACUUM scans the whole table to freeze old rows, ahead of the forced anti-wraparound autovacuum at autovacuum_freeze_max_age. VACUUM silently limits it to 0.95 \xD7 autovacuum_freeze_max_age so that an ordinary aggressive VACUUM still gets a chance to run first; set at or above the max age it would never run before the anti-wraparound one. The file then claims a value the server does not use, and whoever tunes freezing from it is misled. The multixact pair (vacuum_multixact_freeze_table_age, autovacuum_multixact_freeze_max_age) is clamped the same way, and can be clamped even lower when multixact member space runs short. Settings absent from the files count with their defaults (autovacuum_freeze_max_age 200000000, autovacuum_multixact_freeze_max_age 400000000). When a max age lowers or raises several ages left at their defaults, the max age setting gets one finding (the most severe rule's) that names the others. The fix (unsafe, where a file sets the clamped parameter) writes the value VACUUM uses instead (the other way out, changing the max age, may have been meant).",
    invalid: ["vacuum_freeze_table_age = 1900000000", "autovacuum_freeze_max_age = 150000000"],
    valid: [
      "vacuum_freeze_table_age = 150000000",
      "autovacuum_freeze_max_age = 1000000000\nvacuum_freeze_table_age = 900000000"
    ],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-vacuum.html#GUC-VACUUM-FREEZE-TABLE-AGE",
      "https://www.postgresql.org/docs/current/runtime-config-vacuum.html#GUC-VACUUM-MULTIXACT-FREEZE-TABLE-AGE",
      "https://www.postgresql.org/docs/current/routine-vacuuming.html#VACUUM-FOR-WRAPAROUND"
    ],
    versions: "all"
  },
  check(ctx) {
    for (const c of TABLE_AGE_CLAMPS) {
      checkClamp(
        ctx,
        "freeze-table-age-clamped",
        c,
        (eff) => `Set ${c.clamped} to at most ${eff} (0.95 \xD7 ${c.limit}), or raise ${c.limit}, so the file says what VACUUM does.`
      );
    }
  }
});

// rules/failsafe-age-clamped.ts
var CLAMPS = [
  { clamped: "vacuum_failsafe_age", limit: "autovacuum_freeze_max_age", direction: "below", factor: 1.05 },
  { clamped: "vacuum_multixact_failsafe_age", limit: "autovacuum_multixact_freeze_max_age", direction: "below", factor: 1.05 }
];
var failsafe_age_clamped_default = defineRule({
  name: "failsafe-age-clamped",
  severity: "info",
  category: "validity",
  tags: ["reliability"],
  precedence: 180,
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  fixable: "sometimes",
  docs: {
    summary: "vacuum_failsafe_age (or its multixact twin) is below 1.05 \xD7 the freeze max age, so VACUUM silently raises it",
    why: "The failsafe makes VACUUM drop everything but freezing (index cleanup, cost-based delay) when a table gets dangerously close to transaction ID wraparound. It must not fire before the ordinary anti-wraparound autovacuum has had its chance, so VACUUM silently uses at least 1.05 \xD7 autovacuum_freeze_max_age. A lower value in the file is never used; if it was meant to make the failsafe kick in earlier, it does not. The multixact pair (vacuum_multixact_failsafe_age, autovacuum_multixact_freeze_max_age) is raised the same way. Settings absent from the files count with their defaults (failsafe ages 1600000000); a default raised because the freeze max age is high is reported at that setting, and named in freeze-max-age-high's finding there rather than as a second finding. The fix (unsafe, where a file sets the clamped parameter) writes the value VACUUM uses instead (the other way out, changing the max age, may have been meant).",
    invalid: ["vacuum_failsafe_age = 100000000", "autovacuum_freeze_max_age = 1000000000\nvacuum_failsafe_age = 1000000000"],
    valid: ["vacuum_failsafe_age = 1600000000", "autovacuum_freeze_max_age = 1000000000\nvacuum_failsafe_age = 1100000000"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-vacuum.html#GUC-VACUUM-FAILSAFE-AGE",
      "https://www.postgresql.org/docs/current/runtime-config-vacuum.html#GUC-VACUUM-MULTIXACT-FAILSAFE-AGE"
    ],
    versions: "14+ (the failsafe parameters were added in 14)"
  },
  check(ctx) {
    for (const c of CLAMPS) {
      checkClamp(
        ctx,
        "failsafe-age-clamped",
        c,
        (eff) => `Set ${c.clamped} to at least ${eff} (1.05 \xD7 ${c.limit}), or lower ${c.limit}, so the file says what VACUUM does.`
      );
    }
  }
});

// rules/freeze-max-age-high.ts
var DEFAULT_THRESHOLD = 15e8;
var WRAP_LIMIT = 2 ** 31;
var PARAMS = [
  // pg_xact holds 2 bits per transaction, back to the oldest unfrozen one.
  { name: "autovacuum_freeze_max_age", what: "transaction IDs", storage: (age) => `pg_xact can grow to ~${Math.round(age / 4 / 2 ** 20)} MB` },
  { name: "autovacuum_multixact_freeze_max_age", what: "multixact IDs", storage: () => "pg_multixact grows accordingly" }
];
var freeze_max_age_high_default = defineRule({
  name: "freeze-max-age-high",
  severity: "info",
  category: "durability",
  precedence: 210,
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  options: {
    threshold: opt.integer(DEFAULT_THRESHOLD, "Report a value above it; it applies to both `autovacuum_freeze_max_age` and `autovacuum_multixact_freeze_max_age`.", { minimum: 0 })
  },
  docs: {
    summary: "autovacuum_freeze_max_age (or its multixact twin) is set close to the wraparound limit",
    why: "autovacuum_freeze_max_age is the age at which autovacuum forces an anti-wraparound VACUUM on a table. Transaction IDs wrap around at about 2.1 billion, and shortly before that PostgreSQL stops assigning new ones \u2014 no more writes \u2014 until the oldest tables have been vacuumed: an outage. A very high max age leaves little room between the forced VACUUM starting and that shutdown: one slow VACUUM on a large table, a long transaction or a forgotten replication slot holding back the horizon is enough. It also keeps more commit status in pg_xact (and multixact data in pg_multixact). The same holds for autovacuum_multixact_freeze_max_age.",
    invalid: ["autovacuum_freeze_max_age = 1800000000", "autovacuum_multixact_freeze_max_age = 2000000000"],
    valid: ["autovacuum_freeze_max_age = 500000000", "autovacuum_multixact_freeze_max_age = 400000000"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-vacuum.html#GUC-AUTOVACUUM-FREEZE-MAX-AGE",
      "https://www.postgresql.org/docs/current/routine-vacuuming.html#VACUUM-FOR-WRAPAROUND"
    ],
    versions: "all",
    optionsNote: "```yaml\nrules:\n  freeze-max-age-high: { threshold: 1000000000 }\n```"
  },
  check(ctx) {
    const t = ctx.options.threshold;
    const threshold = typeof t === "number" && Number.isFinite(t) ? t : DEFAULT_THRESHOLD;
    for (const p of PARAMS) {
      const s = ctx.setting(p.name);
      if (!s?.loc || typeof s.value !== "number" || !(s.value > threshold)) continue;
      const headroom = Math.round((WRAP_LIMIT - s.value) / 1e6);
      ctx.report({
        loc: s.loc,
        message: `${s.name} = ${s.canonical} is above ${threshold}: the forced anti-wraparound VACUUM starts only ~${headroom} million ${p.what} before the wraparound limit, and ${p.storage(s.value)}`,
        help: `Lower ${s.name} (the default is ${s.def.boot}) and keep tables frozen with regular VACUUM instead.`,
        // One setting, one finding: the failsafe age VACUUM raises because of this value (when the
        // file does not set it) is named in this finding's message.
        group: { key: freezeAgeGroupKey(s.loc), concern: `${s.name} = ${s.canonical} is close to the wraparound limit (freeze-max-age-high)` }
      });
    }
  }
});

// rules/freeze-min-age-clamped.ts
var CLAMPS2 = [
  { clamped: "vacuum_freeze_min_age", limit: "autovacuum_freeze_max_age", direction: "above", factor: 0.5 },
  {
    clamped: "vacuum_multixact_freeze_min_age",
    limit: "autovacuum_multixact_freeze_max_age",
    direction: "above",
    factor: 0.5,
    atMost: true
  }
];
var freeze_min_age_clamped_default = defineRule({
  name: "freeze-min-age-clamped",
  severity: "warning",
  category: "validity",
  precedence: 190,
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  fixable: "sometimes",
  docs: {
    summary: "vacuum_freeze_min_age (or its multixact twin) is above half the freeze max age, so VACUUM silently lowers it",
    why: "vacuum_freeze_min_age is how old a row version must be before VACUUM freezes it. VACUUM silently limits it to half of autovacuum_freeze_max_age, so that freezing happens well before the forced anti-wraparound autovacuum. A larger value in the file is never used, and whoever tunes freezing from the file is misled. The multixact pair (vacuum_multixact_freeze_min_age, autovacuum_multixact_freeze_max_age) is clamped the same way, and can be clamped even lower when multixact member space runs short. Settings absent from the files count with their defaults (autovacuum_freeze_max_age 200000000, autovacuum_multixact_freeze_max_age 400000000). When a low max age lowers several ages left at their defaults, the max age setting gets one finding (the most severe rule's) that names the others. The fix (unsafe, where a file sets the clamped parameter) writes the value VACUUM uses instead (the other way out, changing the max age, may have been meant).",
    invalid: ["vacuum_freeze_min_age = 500000000", "autovacuum_multixact_freeze_max_age = 400000000\nvacuum_multixact_freeze_min_age = 300000000"],
    valid: ["vacuum_freeze_min_age = 50000000", "autovacuum_freeze_max_age = 1000000000\nvacuum_freeze_min_age = 500000000"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-vacuum.html#GUC-VACUUM-FREEZE-MIN-AGE",
      "https://www.postgresql.org/docs/current/runtime-config-vacuum.html#GUC-VACUUM-MULTIXACT-FREEZE-MIN-AGE",
      "https://www.postgresql.org/docs/current/routine-vacuuming.html#VACUUM-FOR-WRAPAROUND"
    ],
    versions: "all"
  },
  check(ctx) {
    for (const c of CLAMPS2) {
      checkClamp(
        ctx,
        "freeze-min-age-clamped",
        c,
        (eff) => `Set ${c.clamped} to at most ${eff} (half of ${c.limit}), or raise ${c.limit}, so the file says what VACUUM does.`
      );
    }
  }
});

// rules/fsync-off.ts
var fsync_off_default = defineRule({
  name: "fsync-off",
  severity: "error",
  category: "durability",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "fsync is off",
    why: 'With fsync off PostgreSQL never forces its writes to durable storage. After an operating-system crash or power loss, committed transactions can be lost and, worse, the data files and WAL can be left inconsistent: the documentation calls this "unrecoverable data corruption", and the only fix is restoring a backup. It is meant for throw-away clusters (initial bulk load, tests) and must never reach a server whose data matters. To trade durability for speed safely, use synchronous_commit = off instead.',
    invalid: ["fsync = off", "fsync = 'no'"],
    valid: ["fsync = on", "synchronous_commit = local"],
    references: ["https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-FSYNC"],
    versions: "all"
  },
  check(ctx) {
    const fsync = ctx.setting("fsync");
    if (fsync?.value !== false || !fsync.loc) return;
    const raw = fsync.assignment?.line.value.raw ?? fsync.canonical;
    ctx.report({
      loc: fsync.loc,
      message: `fsync = ${raw}${raw === fsync.canonical ? "" : ` (${fsync.canonical})`}: writes are never forced to disk, so an OS crash or power loss can corrupt the cluster beyond repair`,
      help: "Set fsync = on (the default); to trade durability for speed without corruption, use synchronous_commit = off."
    });
  }
});

// rules/full-page-writes-off.ts
var full_page_writes_off_default = defineRule({
  name: "full-page-writes-off",
  severity: "error",
  category: "durability",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "full_page_writes is off",
    why: 'PostgreSQL writes 8 kB pages, while disks and file systems usually write smaller units. If the server crashes in the middle of a page write, the page on disk is half old and half new ("torn"), and WAL replay cannot repair it unless the first change after each checkpoint logged the whole page. With full_page_writes off that copy is missing: after a power loss or kernel crash the data files can be silently corrupted. pg_rewind also refuses to work with a server that has it off, so a failed-over primary cannot be re-attached as a standby. Only a file system that guarantees atomic 8 kB writes (such as ZFS) makes it safe, and then the saving is rarely worth the risk.',
    invalid: ["full_page_writes = off", "full_page_writes = false"],
    valid: ["full_page_writes = on", "wal_compression = on"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-FULL-PAGE-WRITES",
      "https://www.postgresql.org/docs/current/app-pgrewind.html"
    ],
    versions: "all"
  },
  check(ctx) {
    const fpw = ctx.setting("full_page_writes");
    if (fpw?.value !== false || !fpw.loc) return;
    const raw = fpw.assignment?.line.value.raw ?? fpw.canonical;
    ctx.report({
      loc: fpw.loc,
      message: `full_page_writes = ${raw}${raw === fpw.canonical ? "" : ` (${fpw.canonical})`}: a crash during a page write can leave torn, corrupted pages, and pg_rewind cannot be used`,
      help: "Set full_page_writes = on (the default); if WAL volume is the concern, use wal_compression instead."
    });
  }
});

// src/analysis/template.ts
var PLACEHOLDER_TEXT_MAX = 80;
var PATTERNS = [
  // ${VAR}, ${VAR:-default}, ${var.name} (Terraform)
  ["shell", /\$\{[A-Za-z_][A-Za-z0-9_.]*(?:[:?+-][^}\n]{0,200})?\}/g],
  // {{ var }}, {{- .Values.x -}}, {{ $x }}, {{ var | default('a') }}; {% if x %} … statements
  ["jinja", /\{\{-?[ \t]*[.$A-Za-z_][^{}\n]{0,200}\}\}|\{%-?[ \t]*[A-Za-z_][^%\n]{0,200}%\}/g],
  ["at-sign", /@@[A-Za-z_][A-Za-z0-9_]*@@/g],
  ["python", /%\([A-Za-z_][A-Za-z0-9_]*\)[sdrifx]/g],
  ["erb", /<%=[^%\n]{0,200}%>/g]
];
function escapedPercent(text3, i) {
  let n = 0;
  for (let j = i - 1; j >= 0 && text3.charCodeAt(j) === 37; j--) n++;
  return n % 2 === 1;
}
function firstMatch(syntax, re, text3) {
  re.lastIndex = 0;
  for (let m = re.exec(text3); m; m = re.exec(text3)) {
    if (syntax !== "python" || !escapedPercent(text3, m.index)) return m;
    re.lastIndex = m.index + 1;
  }
  return null;
}
function findPlaceholder(text3, options = {}) {
  if (!/[$@%{<]/.test(text3)) return null;
  let best = null;
  for (const [syntax, re] of PATTERNS) {
    if (options.except?.includes(syntax)) continue;
    const m = firstMatch(syntax, re, text3);
    if (m && (best === null || m.index < best.start)) {
      best = { start: m.index, end: m.index + m[0].length, text: m[0].slice(0, PLACEHOLDER_TEXT_MAX), syntax };
    }
  }
  return best;
}
var valueGroupKey = (file, valueStart) => `value:${file}:${valueStart}`;
var hbaTokenGroupKey = (file, tokenStart) => `hba-token:${file}:${tokenStart}`;

// src/analysis/exposure.ts
var CLEARTEXT_METHODS = ["password", "ldap", "pam", "radius", "bsd"];
function net(cidr, name) {
  const [host, bitsText] = cidr.split("/");
  const bits = Number(bitsText);
  const bytes2 = host.includes(":") ? v6(host) : host.split(".").map(Number);
  const mask = bytes2.map((_, i) => 255 << 8 - Math.max(0, Math.min(8, bits - i * 8)) & 255);
  return { bytes: bytes2, mask, name };
}
function v6(host) {
  const head = host.split("::")[0].split(":").filter(Boolean);
  const bytes2 = new Array(16).fill(0);
  head.forEach((h, i) => {
    const n = parseInt(h, 16);
    bytes2[2 * i] = n >> 8;
    bytes2[2 * i + 1] = n & 255;
  });
  return bytes2;
}
var PRIVATE_NETS = [
  net("10.0.0.0/8", "RFC 1918"),
  net("172.16.0.0/12", "RFC 1918"),
  net("192.168.0.0/16", "RFC 1918"),
  net("100.64.0.0/10", "carrier-grade NAT, RFC 6598"),
  net("169.254.0.0/16", "link-local"),
  net("fc00::/7", "unique local, RFC 4193"),
  net("fe80::/10", "link-local")
];
var V4_MAPPED = { bytes: [...new Array(10).fill(0), 255, 255, 0, 0, 0, 0], mask: [...new Array(12).fill(255), 0, 0, 0, 0] };
function overlaps(a, b) {
  if (a.bytes.length !== b.bytes.length) return false;
  for (let i = 0; i < a.bytes.length; i++) if (((a.bytes[i] ^ b.bytes[i]) & a.mask[i] & b.mask[i]) !== 0) return false;
  return true;
}
function cidrOf(n) {
  let bits = 0;
  for (const b of n.mask) for (let k = 7; k >= 0; k--) if (b & 1 << k) bits++;
  return `${formatAddress(n.bytes.map((b, i) => b & n.mask[i]))}/${bits}`;
}
function classifyRange(a, written6) {
  let x = a;
  if (a.bytes.length === 16 && ipCovers(V4_MAPPED, a)) x = { bytes: a.bytes.slice(12), mask: a.mask.slice(12) };
  if (PRIVATE_NETS.some((p) => ipCovers(p, x))) return { reach: "private", note: null };
  const inside = PRIVATE_NETS.filter((p) => overlaps(p, x));
  if (inside.length === 0) return { reach: "public", note: null };
  const parts = inside.map((p) => `${cidrOf(p)} (${p.name})`);
  const note = `${written6} is not all private address space: only ${parts.join(" and ")} inside it ${parts.length === 1 ? "is" : "are"} private, the rest is public`;
  return { reach: "mixed", note };
}
function isIp2(a) {
  return a !== null && (a.kind === "ipv4" || a.kind === "ipv6") && a.bytes !== null && a.mask !== null;
}
function reachOf(info) {
  const a = info.record.address;
  if (info.isLocal || a === null) return { reach: "local", note: null };
  if (info.isWorld) return { reach: "world", note: null };
  if (info.isLoopbackOnly) return { reach: "loopback", note: null };
  if (a.kind === "samehost") return { reach: "samehost", note: null };
  if (a.kind === "samenet") return { reach: "samenet", note: null };
  if (!isIp2(a)) return { reach: "hostname", note: null };
  const written6 = a.maskToken ? `${a.token.raw} ${a.maskToken.raw}` : a.token.raw;
  return classifyRange(a, written6);
}
function strengthOf(info) {
  const r = info.record;
  const m = r.method;
  if (m === "reject") return "reject";
  const cc = clientcertMode(info);
  if (cc === "verify-full") return "strong";
  if (m === "trust") return cc === "verify-ca" ? "password" : "none";
  if (cc === "verify-ca" && m !== "password" && !CLEARTEXT_METHODS.includes(m) && m !== "md5") return "strong";
  if (m === "ident") return info.isLocal ? "strong" : "none";
  if (CLEARTEXT_METHODS.includes(m)) return "cleartext";
  if (m === "md5") return "md5";
  if (m === "cert" || m === "gss" || m === "sspi" || m === "peer") return "strong";
  return "password";
}
function clientcertMode(info) {
  const cc = info.record.options.find((o) => o.name === "clientcert");
  if (!cc) return null;
  if (cc.value === "verify-full") return "verify-full";
  return cc.value === "verify-ca" || cc.value === "1" ? "verify-ca" : null;
}
function channelOf(info, sslOff2) {
  switch (info.record.connType) {
    case "local":
      return "socket";
    case "hostssl":
    case "hostgssenc":
      return "tls";
    case "hostnossl":
      return "plain";
    default:
      return sslOff2 ? "plain" : "either";
  }
}
var cache3 = /* @__PURE__ */ new WeakMap();
function sslOff(ctx) {
  if (!ctx.cluster.conf) return false;
  return ctx.setting("ssl")?.value === false;
}
function hbaRecordGroupKey(r) {
  const loc = tokenLoc(r.connTypeToken);
  return `hba:${loc.file}:${loc.start}`;
}
function recordPlaceholder(r) {
  const tokens = [...r.address ? [r.address.token] : [], ...r.databases.map((d) => d.token), ...r.users.map((u) => u.token)];
  for (const t of tokens) {
    const p = findPlaceholder(t.raw);
    if (p) return p.text;
  }
  return null;
}
function assess(info, off) {
  const r = info.record;
  const { reach, note } = reachOf(info);
  const strength = strengthOf(info);
  const channel = channelOf(info, off);
  const placeholder = recordPlaceholder(r);
  const canMatch = info.reachable && placeholder === null && !(r.connType === "hostssl" && off);
  const weak = strength === "none" || (strength === "cleartext" || strength === "md5") && channel !== "tls";
  return {
    info,
    groupKey: hbaRecordGroupKey(r),
    reach,
    rangeNote: note,
    strength,
    channel,
    placeholder,
    canMatch,
    weak,
    get text() {
      return note ? `${info.exposure} (${note})` : info.exposure;
    }
  };
}
function hbaExposures(ctx) {
  const hba2 = ctx.cluster.hba;
  if (!hba2) return [];
  const off = sslOff(ctx);
  let byState = cache3.get(hba2);
  if (!byState) cache3.set(hba2, byState = /* @__PURE__ */ new Map());
  let list4 = byState.get(off);
  if (!list4) {
    list4 = analyzeHba(hba2).reachable.map((i) => assess(i, off)).filter((e) => e.canMatch);
    byState.set(off, list4);
  }
  return list4;
}
function superusersOption(options) {
  const v = options.superusers;
  return Array.isArray(v) ? v.filter((s) => typeof s === "string") : ["postgres"];
}
var SUPERUSERS = opt.stringArray(["postgres"], "Role names that are superusers: a record that names one of them is judged as a superuser's record (see the rule).");
function superuserNames(e, superusers) {
  return e.info.record.users.filter((u) => u.kind === "literal" && superusers.includes(u.value));
}
var LEVELS = ["info", "warning", "error"];
function raise(s) {
  return LEVELS[Math.min(2, LEVELS.indexOf(s) + 1)];
}
function worldBase(e) {
  if (e.weak) return "error";
  if (e.strength === "strong") return "info";
  return "warning";
}
function worldSeverity(e, superusers) {
  const base = worldBase(e);
  return e.info.replication || superuserNames(e, superusers).length > 0 ? raise(base) : base;
}
function onServerOnly(e) {
  return e.reach === "local" || e.reach === "loopback" || e.reach === "samehost";
}
function methodAdvice(e) {
  const m = e.info.record.method;
  if (e.strength === "strong") return `keep ${m}`;
  if (m === "scram-sha-256") return "keep scram-sha-256 (or use cert)";
  return `authenticate with scram-sha-256 or cert instead of ${m}`;
}
var EXPOSURE_MODEL_DOC = [
  "Every hba rule takes its severity and words from one assessment per reachable record that can match (not shadowed by an earlier record, no template placeholder such as `${SUBNET}` in it \u2014 see unrendered-template \u2014 and not `hostssl` while the cluster's `ssl` is off \u2014 see hba-hostssl-without-ssl): **who** (superusers named in the option `superusers`, all users, named roles, `+groups`, `@files`, physical `replication`), **from where** (the local socket; loopback and `samehost`; private ranges: RFC 1918, carrier-grade NAT 100.64.0.0/10, unique local fc00::/7, link-local; public ranges; every address), **how** (trust; cleartext: `password`, `ldap`, `pam`, `radius`, `bsd`; `md5`; `scram-sha-256`, `oauth`; `cert`, `gss`, `sspi`, `clientcert=verify-full`, or `clientcert=verify-ca` with scram-sha-256 (`trust` with verify-ca: any certificate holder names any user, rated like a password); `ident` over TCP counts as no authentication) and **over what** (encryption required: `hostssl`, `hostgssenc`; either: `host`; never: `hostnossl`, or `host` while `ssl` is off). A range that looks private but covers public space (`172.0.0.0/8`: only 172.16.0.0/12 is private) is said so in the message.",
  "",
  "| from where | trust, ident | cleartext or md5, unencrypted allowed | cleartext or md5 over TLS; scram-sha-256; oauth | cert, gss, sspi, clientcert |",
  "|---|---|---|---|---|",
  "| every address (hba-open-to-world) | error | error | warning | info |",
  "| public, partly public, samenet, host names | error (hba-trust-remote, hba-ident-over-tcp) | error (cleartext) / warning (md5) | \u2014 | \u2014 |",
  "| private ranges | error (hba-trust-remote, hba-ident-over-tcp) | error (cleartext) / warning (md5) | \u2014 | \u2014 |",
  "| wider than /16 or /48 (hba-wide-network) | warning | warning | warning; info inside private space | warning; info inside private space |",
  "| loopback, samehost | trust: info for all users or a superuser (hba-local-trust; on samehost hba-trust-remote reports it, error); ident: \u2014 (the server's own ident server) | warning (cleartext), info (md5) | \u2014 | \u2014 |",
  "| local socket | trust: info for all users or a superuser (hba-local-trust); ident is peer: \u2014 | info (md5) | \u2014 | \u2014 |",
  "",
  "`all` databases for `all` users on a record beyond the server is information (hba-all-users-all-databases), and a record that does not require a client certificate is hba-client-cert-not-required (off by default; the `stig` profile). A `host`, `hostnossl` or `hostnogssenc` record beyond the server while the cluster's `ssl` is on is hba-tls-not-required (warning, whatever the method). A record that names a superuser or is for physical replication is rated one level higher from every address; a superuser over TCP from beyond loopback is hba-superuser-remote (error from every address or with a weak method, else warning); replication for all users or from a wide network is hba-replication-open. A record yields one finding: the most severe rule reports it and names the others' concerns after \"; also\"; turn that rule off (or suppress its finding) and the next one reports."
].join("\n");

// rules/hba-all-users-all-databases.ts
var hba_all_users_all_databases_default = defineRule({
  name: "hba-all-users-all-databases",
  severity: "info",
  category: "security",
  precedence: 20,
  appliesTo: ["pg_hba.conf"],
  docs: {
    summary: "A TCP record beyond the server itself that admits every role (`all`) to every database (`all`)",
    why: "A `host*` record with `all` in both the database and the user column lets any role, whatever it is for, try to reach any database from that network: a reporting account can open the payroll database, a leaked application password works against every database, and a role created later for local use only is reachable from the network the moment it gets a password. Listing the databases and roles that really connect from there (`host sales app_sales 10.20.0.0/16 scram-sha-256`, or `+group` roles) keeps pg_hba.conf the place where access is decided. Information: authentication still applies. Flagged only on records reaching beyond the server: not on `local` records (`local all all peer` is PostgreSQL's own default), not on loopback or `samehost` records (initdb writes `host all all 127.0.0.1/32`), never on `reject` records (an all/all reject is how a file closes). `sameuser`, `samerole` and `replication` are not `all`. This is go_hba_rules' allDbAllUser and CIS 5.10; pgdsat flags `all` in either column on every TCP record, loopback included \u2014 this rule flags `all` in both, on network records only (one column being specific already scopes the record). A record that another hba rule reports (open to every address, trust, md5, \u2026) yields that one finding, which names this concern.\n\n" + EXPOSURE_MODEL_DOC,
    invalid: ["host    all   all   10.20.0.0/16   scram-sha-256", "hostssl    all   all   samenet   cert"],
    valid: [
      "local   all   all   peer",
      "host    all   all   127.0.0.1/32   scram-sha-256",
      "host    all   all   10.20.0.0/16   reject",
      "host    sales   all   10.20.0.0/16   scram-sha-256",
      "host    all   app   10.20.0.0/16   scram-sha-256",
      "host    sameuser   all   10.20.0.0/16   scram-sha-256"
    ],
    references: ["https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"],
    versions: "all"
  },
  check(ctx) {
    for (const e of hbaExposures(ctx)) {
      const r = e.info.record;
      if (e.reach === "local" || onServerOnly(e) || e.strength === "reject" || !e.info.allDatabases || !e.info.allUsers) continue;
      const db = r.databases.find((d) => d.kind === "keyword" && d.value === "all") ?? r.databases[0];
      ctx.report({
        loc: tokenLoc(db.token),
        message: `every role to every database: ${e.text}; any role, whatever it is for, can try any database from there`,
        help: 'List the databases and roles that really connect from this network (e.g. "host sales app_sales 10.20.0.0/16 scram-sha-256", or a +group role).',
        group: { key: e.groupKey, concern: "every role to every database (hba-all-users-all-databases)" }
      });
    }
  }
});

// rules/hba-cleartext-password.ts
var CHECKED_BY = {
  password: "the server compares it with the stored password",
  ldap: "the server passes it on to the LDAP server (in cleartext unless ldaptls=1 or ldaps)",
  pam: "the server passes it on to PAM",
  radius: "the server passes it on to the RADIUS server",
  bsd: "the server passes it on to BSD Authentication"
};
var hba_cleartext_password_default = defineRule({
  name: "hba-cleartext-password",
  severity: "error",
  category: "security",
  precedence: 130,
  appliesTo: ["pg_hba.conf"],
  options: {
    includeLocal: opt.boolean(false, "Also flag these methods on `local` (Unix socket) records, as information (the `cis` and `stig` profiles set it).")
  },
  docs: {
    summary: "A method that sends the password in cleartext (`password`, `ldap`, `pam`, `radius`, `bsd`) on a TCP record (with an option, also on local records)",
    why: "With `password`, `ldap`, `pam`, `radius` and `bsd` the client sends the password itself, in cleartext, and the server (or the LDAP, RADIUS or PAM service behind it) checks it. On a `host`, `hostnossl` or `hostnogssenc` record that admits clients beyond the server itself, the connection may be unencrypted, so anyone on the network path can read the password (error). On a loopback-only record (127.0.0.1, ::1, `localhost`, `samehost`) the password never leaves the machine, but any local user who can capture loopback traffic reads it (warning). On `hostssl` and `hostgssenc` the channel is encrypted, but the server still receives the password itself, and a client that does not verify the server certificate can hand it to an impostor (information). `scram-sha-256` never sends the password. Records that can never match are not flagged, nor, by default, `local` records: the socket never leaves the machine. With the option `includeLocal` they are (information): the server still receives the password itself rather than a proof of it, and CIS 5.3 and STIG V-233519 accept no `password` method on any record.\n\n" + EXPOSURE_MODEL_DOC,
    invalid: ["host    all   app   10.20.0.0/16   password", 'host    all   app   10.20.0.0/16   ldap   ldapserver=ldap.example.com ldapprefix="cn=" ldapsuffix=",dc=example,dc=com"'],
    valid: ["host    all   app   10.20.0.0/16   scram-sha-256", "local   all   app   password"],
    references: [
      "https://www.postgresql.org/docs/current/auth-password.html",
      "https://www.postgresql.org/docs/current/auth-ldap.html",
      "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"
    ],
    versions: "all"
  },
  check(ctx) {
    const includeLocal = ctx.options.includeLocal === true;
    for (const e of hbaExposures(ctx)) {
      const r = e.info.record;
      if (e.strength === "reject" || e.reach === "local" && !includeLocal || !(r.method in CHECKED_BY)) continue;
      const how = `the client sends the password itself and ${CHECKED_BY[r.method]}`;
      let message;
      let severity;
      if (e.reach === "local") {
        message = `cleartext password on the local socket: ${e.text}; ${how}; the socket never leaves the machine, but the server receives the password itself rather than a proof of it (scram-sha-256)`;
        severity = "info";
      } else if (e.channel === "tls") {
        message = `cleartext password over an encrypted connection: ${e.text}; ${how}, so a client that does not verify the server certificate can hand it to an impostor`;
        severity = "info";
      } else if (onServerOnly(e)) {
        message = `cleartext password on a loopback-only record: ${e.text}; ${how}; it never leaves the machine, but a local user allowed to capture loopback traffic (root, CAP_NET_RAW) reads it`;
        severity = "warning";
      } else {
        message = `cleartext password on a record that accepts unencrypted connections: ${e.text}; ${how}, and anyone on the network path can read it`;
        severity = "error";
      }
      ctx.report({
        loc: tokenLoc(r.methodToken),
        message,
        help: e.reach === "local" ? "Use peer (the operating-system user of the same name) or scram-sha-256 for local connections." : r.method === "password" ? "Use scram-sha-256 (with password_encryption = scram-sha-256, then reset the passwords)." : `Keep ${r.method} only on hostssl records (clients with sslmode=verify-full), or use scram-sha-256, cert or gss.`,
        severity,
        group: { key: e.groupKey, concern: `a cleartext password (${r.method}, hba-cleartext-password)` }
      });
    }
  }
});

// rules/hba-client-cert-not-required.ts
var hba_client_cert_not_required_default = defineRule({
  name: "hba-client-cert-not-required",
  severity: "warning",
  category: "security",
  precedence: 10,
  appliesTo: ["pg_hba.conf"],
  docs: {
    summary: "A `hostssl` or `host` record beyond the server itself that does not require a client certificate",
    why: "Where PKI-based authentication is the policy (STIG V-233577: the server validates each client certificate along its certification path to a trusted CA, RFC 5280), a record that lets a client in without a certificate skips that validation entirely: a password, a Kerberos ticket or nothing stands in for it. PostgreSQL validates a client certificate (against `ssl_ca_file`, and `ssl_crl_file`/`ssl_crl_dir` for revocation) only on a `hostssl` record with the `cert` method or with `clientcert=verify-ca` / `verify-full` (`clientcert=1` before 14). Flagged: `hostssl` and `host` records (a `host` record also admits TLS connections, but cannot carry `cert` or `clientcert`: make it `hostssl`) whose address reaches beyond the server, that are not `reject`, whose method is not `cert` and that have no `clientcert=verify-ca` or `verify-full`. Not flagged: `local`, loopback and `samehost` records (only processes on the server), `hostnossl` and `hostnogssenc` records (no TLS at all: a non-TLS path, another concern), `hostgssenc` records (Kerberos, not PKI), records that can never match. The STIG's InSpec check passes when some `hostssl` record uses `cert` or `clientcert=1`, and also wants `ssl_crl_file`; this rule asks it of every TLS-capable record beyond loopback, `gss` and `sspi` records included, and does not check the CRL. Off by default; the `stig` profile turns it on (V-233577).\n\n" + EXPOSURE_MODEL_DOC,
    invalid: ["hostssl    all   app   10.20.0.0/16   scram-sha-256", "host    sales   app   10.20.0.0/16   scram-sha-256"],
    valid: [
      "hostssl    all   app   10.20.0.0/16   cert",
      "hostssl    all   app   10.20.0.0/16   scram-sha-256   clientcert=verify-full",
      "hostssl    all   app   10.20.0.0/16   scram-sha-256   clientcert=verify-ca",
      "host    all   all   127.0.0.1/32   scram-sha-256",
      "hostssl    all   all   10.20.0.0/16   reject",
      "local   all   all   peer"
    ],
    references: [
      "https://www.postgresql.org/docs/current/auth-cert.html",
      "https://www.postgresql.org/docs/current/ssl-tcp.html#SSL-CLIENT-CERTIFICATES",
      "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"
    ],
    versions: "all (`clientcert=1` counts as verify-ca; PostgreSQL 14 and later accept only verify-ca and verify-full)"
  },
  check(ctx) {
    for (const e of hbaExposures(ctx)) {
      const r = e.info.record;
      if (r.connType !== "hostssl" && r.connType !== "host") continue;
      if (onServerOnly(e) || e.strength === "reject" || r.method === "cert" || clientcertMode(e.info) !== null) continue;
      const host = r.connType === "host";
      ctx.report({
        loc: tokenLoc(r.methodToken),
        message: `no client certificate required: ${e.text}; clients get in with ${r.method} alone, so no certificate is validated against the trusted CA (and CRL) for them`,
        help: host ? "Make it a hostssl record with the cert method, or add clientcert=verify-full (cert and clientcert are only allowed on hostssl)." : "Use the cert method, or add clientcert=verify-full (the certificate name must match the role) to this record.",
        group: { key: e.groupKey, concern: "no client certificate required (hba-client-cert-not-required)" }
      });
    }
  }
});

// rules/hba-hostssl-without-ssl.ts
var hba_hostssl_without_ssl_default = defineRule({
  name: "hba-hostssl-without-ssl",
  severity: "error",
  category: "security",
  precedence: 80,
  appliesTo: ["pg_hba.conf", "postgresql.conf"],
  docs: {
    summary: "`hostssl` records while the cluster's `ssl` is off, so they can never match",
    why: 'A `hostssl` record matches only SSL connections, and with `ssl = off` (the default when postgresql.conf does not set it) there are none: PostgreSQL loads the record but only logs "hostssl record cannot match because SSL is disabled". Clients the record was written for are refused, or fall through to a later, often weaker, record. Checked only when the cluster has both pg_hba.conf and postgresql.conf. Such a record gets only this finding: the exposure rules (hba-open-to-world, hba-md5, listen-on-all-addresses \u2026) skip it, since it admits nobody. A record still holding a template placeholder is left to unrendered-template.\n\n' + EXPOSURE_MODEL_DOC,
    invalid: [{ "pg_hba.conf": "hostssl    all   app   10.20.0.0/16   scram-sha-256", "postgresql.conf": "ssl = off" }],
    valid: [
      { "pg_hba.conf": "hostssl    all   app   10.20.0.0/16   scram-sha-256", "postgresql.conf": "ssl = on" },
      "hostssl    all   app   10.20.0.0/16   scram-sha-256"
    ],
    references: [
      "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SSL",
      "https://www.postgresql.org/docs/current/ssl-tcp.html"
    ],
    versions: "all"
  },
  check(ctx) {
    const hba2 = ctx.cluster.hba;
    const ssl = ctx.setting("ssl");
    if (!hba2 || !ctx.cluster.conf || !ssl || ssl.value !== false) return;
    const a = ssl.assignment;
    const where3 = a ? `ssl = ${a.line.value.raw} at ${a.file.path}:${lineColumn(a.file, a.line.nameStart).line}` : "ssl is not set in postgresql.conf, and the default is off";
    for (const r of analyzeHba(hba2).reachable) {
      if (r.record.connType !== "hostssl") continue;
      const rec = r.record;
      if (recordPlaceholder(rec) !== null) continue;
      ctx.report({
        loc: tokenLoc(r.record.connTypeToken),
        message: `hostssl record can never match (${where3}): it never grants what it describes (${r.exposure}); such a connection is refused or falls through to a later record`,
        help: "Turn SSL on (ssl = on with ssl_cert_file and ssl_key_file), or write host if unencrypted connections are intended.",
        ...ssl.lineLoc ? { related: [{ message: "ssl is turned off here", loc: ssl.lineLoc }] } : {},
        group: { key: hbaRecordGroupKey(rec), concern: "it can never match while ssl is off (hba-hostssl-without-ssl)" }
      });
    }
  }
});

// rules/hba-ident-over-tcp.ts
var hba_ident_over_tcp_default = defineRule({
  name: "hba-ident-over-tcp",
  severity: "error",
  category: "security",
  precedence: 140,
  appliesTo: ["pg_hba.conf"],
  docs: {
    summary: "`ident` authentication on a TCP record that clients beyond the server itself can match",
    why: "Over TCP, `ident` asks the ident server (RFC 1413, port 113) on the CLIENT's machine which operating-system user owns the connection, and believes the answer. Whoever controls a client machine \u2014 its administrator, or anyone who can run an ident daemon there (or answer from the client's address) \u2014 names any user they like: there is no authentication at all, like `trust`. A `map=` does not help: it only translates the name the client's ident server reports into a role. Flagged on `host`, `hostssl`, `hostnossl`, `hostgssenc` and `hostnogssenc` records whose address reaches beyond the server (networks, `samenet`, host names, every address), map or no map (error). With `clientcert=verify-ca` a client must also hold a certificate from the trusted CA, but any holder still names any user (warning); with `clientcert=verify-full` the certificate's name must match the role, which is authentication (not flagged). Not flagged: `ident` on a `local` record (PostgreSQL treats it as `peer`: the kernel says who the user is), and `ident` on loopback (127.0.0.0/8, ::1, `localhost`) or `samehost` records, where the ident server asked is the server's own and answers for its own processes \u2014 that is only as good as that identd, but it is not a remote client vouching for itself. go_hba_rules' identNoMap flags `ident` without `map=` on any record; this rule deliberately flags by where the ident server is (the client's machine), map or not, and leaves loopback and the socket alone. A record open to every address is reported by hba-open-to-world, which names this concern (one finding per record).\n\n" + EXPOSURE_MODEL_DOC,
    invalid: ["host    all   all   10.20.0.0/16   ident", "host    sales   app   192.168.1.0/24   ident   map=office"],
    valid: [
      "local   all   all   ident",
      "host    all   all   127.0.0.1/32   ident",
      "host    all   all   10.20.0.0/16   scram-sha-256",
      "hostssl    all   all   10.20.0.0/16   ident   clientcert=verify-full"
    ],
    references: [
      "https://www.postgresql.org/docs/current/auth-ident.html",
      "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
      "https://www.rfc-editor.org/rfc/rfc1413"
    ],
    versions: "all"
  },
  check(ctx) {
    for (const e of hbaExposures(ctx)) {
      const r = e.info.record;
      if (r.method !== "ident" || e.reach === "local" || onServerOnly(e)) continue;
      const cc = clientcertMode(e.info);
      if (cc === "verify-full") continue;
      const map = r.options.find((o) => o.name === "map");
      const mapped = map ? ` (map=${boundQuote(map.value)} only translates the name that server reports)` : "";
      ctx.report({
        loc: tokenLoc(r.methodToken),
        message: cc === "verify-ca" ? `ident over TCP with clientcert=verify-ca: ${e.text}; the server believes the ident server on the client's own machine${mapped}, so anyone there holding a certificate from the trusted CA names any operating-system user, since verify-ca does not compare the certificate's name with the user` : `ident over TCP: ${e.text}; the server believes the ident server on the client's own machine${mapped}, so whoever controls a machine there names any operating-system user: no authentication`,
        ...cc === "verify-ca" ? { severity: "warning" } : {},
        help: "Use scram-sha-256 (or cert / gss) for TCP connections; keep operating-system identity for local connections (peer).",
        group: { key: e.groupKey, concern: "ident over TCP: the client's word (hba-ident-over-tcp)" }
      });
    }
  }
});

// rules/hba-invalid-record.ts
function boundHbaMessage(p, file) {
  const r = p.reason;
  if (r && "unquoted" in r && !r.unquoted.includes("\n")) {
    return relativizeMessage(p.message.slice(0, p.message.length - r.unquoted.length), file) + boundQuote(r.unquoted);
  }
  return boundQuotes(relativizeMessage(p.message, file));
}
function hbaHelp(reason, major) {
  switch (reason?.code) {
    case "invalid-ip-mask":
      return "An address without a /prefix must be followed by a netmask column; write it in CIDR form, e.g. 10.30.0.0/16.";
    case "clientcert":
      return major >= 14 ? "Use clientcert=verify-ca or clientcert=verify-full (PostgreSQL 14 removed 1, 0 and no-verify)." : "Use clientcert=verify-ca or clientcert=verify-full, on hostssl records only.";
    case "invalid-method":
      return reason.method === "crypt" || reason.method === "krb5" ? "Use scram-sha-256 (or gss for Kerberos)." : void 0;
    case "peer-not-local":
      return "Use scram-sha-256 (or ident) for host records; peer works on local records only.";
    case "invalid-connection-type":
      return reason.type.startsWith("include") ? "include directives in pg_hba.conf need PostgreSQL 16 or later." : void 0;
    default:
      return void 0;
  }
}
function addressZones(line) {
  const a = line.record?.address;
  const f = line.fields[3]?.tokens[0];
  const texts = a ? [a.token.text, a.maskToken?.text] : f ? [f.text, line.fields[4]?.tokens[0]?.text] : [];
  const hosts = texts.filter((t) => t !== void 0).map((t) => t.includes("/") ? t.slice(0, t.indexOf("/")) : t);
  return line.zones.filter((z) => hosts.includes(z.text));
}
var ZONE_HELP = "Drop the zone: PostgreSQL accepts an interface name (%eth0) only on link-local addresses (fe80::/10) of a server that has that interface, and ignores the zone when it matches a connection (only the address is compared).";
var hba_invalid_record_default = defineRule({
  name: "hba-invalid-record",
  severity: "error",
  category: "validity",
  precedence: 220,
  appliesTo: ["pg_hba.conf"],
  docs: {
    summary: "A pg_hba.conf record PostgreSQL rejects",
    why: "PostgreSQL loads pg_hba.conf all or nothing: one invalid record makes the server refuse to start, and on reload the old rules stay in force (the change silently does not happen). Typical causes: an IP address without a CIDR mask (the method is then read as the netmask), a removed method such as `crypt`, `peer` on a host record, `clientcert` outside `hostssl` or with a value the version rejects, options the method does not take, and syntax newer than the target version (regular expressions and include directives 16+, `\\` continuation 14+, `hostgssenc` 12+, `oauth` 18+).\n\nIPv6 zone ids (`fe80::1%eth0/128`) are read as glibc reads them on Linux: an interface name only on link-local addresses (fe80::/10, and ff01::/ff02:: multicast), and only when the server has that interface; a number (`%2`) on any IPv6 address; no zone on IPv4. A zone PostgreSQL does not accept turns the address into a host name, and the record is rejected. Which interfaces the server has cannot be seen from the repository: a record whose interface name is valid gets an info finding saying that it depends on the host, and is otherwise read as if the interface existed (the zone plays no part in matching: PostgreSQL compares the address bytes only, so dropping it changes nothing on a server that accepts it).",
    invalid: ["host    all   all   10.0.0.0   scram-sha-256", "host    all   all   127.0.0.1/32   crypt"],
    valid: ["host    all   all   10.0.0.0/8   scram-sha-256", "host    all   all   10.0.0.0   255.0.0.0   scram-sha-256"],
    references: ["https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"],
    versions: "all; syntax differs by version"
  },
  check(ctx) {
    const out = floodGuard(ctx, "invalid records");
    const hba2 = ctx.cluster.hba;
    if (!hba2) return;
    for (const line of hba2.lines) {
      const p = line.problem;
      const zones = addressZones(line);
      const assumed = zones.filter((z) => z.verdict === "assumed");
      if (!p) {
        const r = line.record;
        if (!r?.address || assumed.length === 0) continue;
        const z = assumed[0];
        out.report({
          loc: tokenLoc(r.address.token),
          severity: "info",
          message: `"${boundQuote(z.text)}" names network interface "${boundQuote(z.interface)}": PostgreSQL accepts the zone only on a server that has this interface; on one without it, the address is read as a host name and PostgreSQL ${ctx.major} rejects the record, so the server refuses to start`,
          help: `${ZONE_HELP} Here "${boundQuote(r.address.token.text.replace(/%[^/]*/, ""))}" matches the same connections on every server.`,
          group: { key: hbaRecordGroupKey(r), concern: `the zone %${z.zone} needs network interface ${z.interface} on the server (hba-invalid-record)` }
        });
        continue;
      }
      const outside = p.code === "not-allowed";
      const text3 = boundHbaMessage(p, hba2.file);
      out.report({
        loc: { file: p.file.path, start: p.start, end: p.end },
        // git-dir: an error (the rule's severity): .git/ is never deployed configuration, and it
        // holds the job's token; the message names the reason, the file's text was never read.
        message: outside ? `${text3}: the file lies outside the checked root and was not read` : p.code === "git-dir" || p.code === "limit" ? text3 : `${text3}: PostgreSQL ${ctx.major} rejects this record${assumed.length ? ` (on a server that has network interface "${boundQuote(assumed[0].interface)}")` : ""}, so the server refuses to start and a reload keeps the old rules`,
        help: !p.code && zones.some((z) => z.verdict === "rejected") ? ZONE_HELP : outside ? void 0 : p.code === "git-dir" ? "Configuration never lives in .git/; name a file of the repository instead." : p.code === "limit" ? "Name each user or database list once per record: the same @file referenced from many places multiplies what it expands to, and pgconf-lint checks none of the expansion past its limit." : hbaHelp(p.reason, ctx.major),
        ...outside ? { severity: "warning" } : {},
        group: { key: hbaTokenGroupKey(p.file.path, p.start), concern: "a record PostgreSQL rejects (hba-invalid-record)" }
      });
    }
    if (hba2.fileError && hba2.lines.length === 0) {
      out.report({
        loc: { file: hba2.file.path, start: 0, end: 0 },
        message: "pg_hba.conf contains no records: PostgreSQL refuses to start (every connection would be rejected)"
      });
    }
    out.flush();
  }
});

// rules/hba-local-trust.ts
var hba_local_trust_default = defineRule({
  name: "hba-local-trust",
  severity: "info",
  category: "security",
  precedence: 50,
  appliesTo: ["pg_hba.conf"],
  options: {
    superusers: SUPERUSERS,
    anyRole: opt.boolean(false, "Also flag trust records for named ordinary roles, `+groups`, `@files` and regular expressions, not only for all users or a superuser (the `cis` and `stig` profiles set it: their checks accept no `trust` on these records).")
  },
  docs: {
    summary: "`trust` on `local` (Unix socket) records and on loopback `host` records, for all users or a superuser",
    why: "On a `local` record, `trust` lets every operating-system user who can open the socket connect as any listed role without a password, the superuser included: on a shared host, any local account (a web application, a compromised service) becomes superuser. Many images and installers ship `local all all trust` for convenience; `peer` gives the same convenience to the operating-system user of the same name (`postgres` as `postgres`) and nobody else. A `host` record (any `host*` type) limited to the loopback interface (127.0.0.0/8, ::1, `localhost`) or to the server's own addresses (`samehost`) is the same exposure over TCP, without even the socket's file permissions: any process on the server connects as that role without a password, and in a container or a Kubernetes pod every sidecar and every process of every container sharing the network namespace shares the loopback interface. Information, since only processes on the server can connect. Flagged for the user `all` or a role of the option `superusers`; with the option `anyRole`, for every role (CIS 5.3 and 5.4, STIG V-233520 and V-233612 want no `trust` at all). Not flagged: `peer`, any other method, records that can never match, and `trust` with `clientcert` (a client certificate is then required). `trust` on `samehost` is also reported by hba-trust-remote (error, its documented scope): the record yields one finding, hba-trust-remote's, which names this concern; turn hba-trust-remote off and this rule reports it. `trust` on a network beyond the server is hba-trust-remote.\n\n" + EXPOSURE_MODEL_DOC,
    invalid: ["local   all   all   trust", "host    all   postgres   127.0.0.1/32   trust"],
    valid: [
      "local   all   all   peer",
      "local   all   app   trust",
      "host    all   app   127.0.0.1/32   trust",
      "host    all   all   127.0.0.1/32   scram-sha-256"
    ],
    references: [
      "https://www.postgresql.org/docs/current/auth-trust.html",
      "https://www.postgresql.org/docs/current/auth-peer.html",
      "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"
    ],
    versions: "all"
  },
  check(ctx) {
    const superusers = superusersOption(ctx.options);
    const anyRole = ctx.options.anyRole === true;
    for (const e of hbaExposures(ctx)) {
      const r = e.info.record;
      if (r.method !== "trust") continue;
      const local = e.reach === "local";
      if (!local && !((e.reach === "loopback" || e.reach === "samehost") && e.strength === "none")) continue;
      const names = superuserNames(e, superusers);
      if (!e.info.allUsers && names.length === 0 && !anyRole) continue;
      const ordinary = !e.info.allUsers && r.users.some((u) => !(u.kind === "literal" && superusers.includes(u.value)));
      const who = e.info.allUsers ? "any role, superusers included," : anyRole && ordinary ? names.length ? `any of these roles (superuser ${names.map((n) => boundQuote(n.value)).join(", ")} included)` : "any of these roles" : `superuser ${names.map((n) => boundQuote(n.value)).join(", ")}`;
      ctx.report({
        loc: tokenLoc(r.methodToken),
        message: local ? `trust on the local socket: ${e.text}; any operating-system user on the server who can open the socket connects as ${who} without a password` : `trust on a record only the server itself can reach: ${e.text}; any process on the server (in a container or pod: every container sharing its network namespace) connects as ${who} without a password`,
        help: local ? "Use peer (the operating-system user of the same name) for local connections, or scram-sha-256." : "Use scram-sha-256 for TCP connections from the server itself, or connect through the local socket with peer.",
        group: { key: e.groupKey, concern: local ? "trust on the local socket (hba-local-trust)" : "trust from the server itself (hba-local-trust)" }
      });
    }
  }
});

// src/analysis/ident-maps.ts
function authSetComplete(f) {
  return f.includes.every((i) => !i.skipped) && f.lines.every((l) => l.error === null);
}
function identMaps(ident) {
  const out = /* @__PURE__ */ new Map();
  for (const l of ident.lines) {
    const r = l.record;
    if (r === null) continue;
    const name = r.mapName.text;
    const m = out.get(name);
    if (m) m.lines.push(l);
    else out.set(name, { name, first: r.mapName, lines: [l] });
  }
  return out;
}
function definedIdentMaps(ident) {
  const out = /* @__PURE__ */ new Map();
  for (const l of ident.lines) {
    const t = l.record?.mapName ?? (l.error === null ? l.fields[0]?.tokens[0] : void 0);
    if (t && !out.has(t.text)) out.set(t.text, tokenLoc(t));
  }
  return out;
}
function hbaMapNames(hba2) {
  const out = /* @__PURE__ */ new Set();
  for (const l of hba2.lines) {
    const values = l.record ? l.record.options.filter((o) => o.name === "map").map((o) => o.value) : l.fields.flatMap((f) => f.tokens.filter((t) => t.text.startsWith("map=")).map((t) => t.text.slice(4)));
    for (const v of values) {
      if (findPlaceholder(v)) return null;
      out.add(v);
    }
  }
  return out;
}

// rules/hba-map-undefined.ts
function closest(name, defined) {
  let best = null;
  let bestD = Infinity;
  for (const d of defined) {
    const dist = d.toLowerCase() === name.toLowerCase() ? 0.5 : editDistance(name, d);
    if (dist < bestD) {
      bestD = dist;
      best = d;
    }
  }
  return best !== null && bestD <= Math.max(1, Math.floor(name.length / 3)) ? best : null;
}
var hba_map_undefined_default = defineRule({
  name: "hba-map-undefined",
  severity: "warning",
  category: "security",
  tags: ["validity"],
  precedence: 30,
  appliesTo: ["pg_hba.conf", "pg_ident.conf"],
  docs: {
    summary: "A pg_hba.conf record's `map=` names a user name map that the cluster's pg_ident.conf does not define",
    why: "With `map=NAME` (methods `ident`, `peer`, `gss`, `sspi`, `cert`, and `oauth` from 18), PostgreSQL does not compare the authenticated name with the requested role itself: at every login it scans pg_ident.conf for lines of map NAME (compared exactly, case included) that allow the pair. When no line has that map name, nothing ever allows it, and every connection the record matches is refused after authentication succeeded (\"no match in usermap\" in the server log; hba.c, check_usermap). Since the first matching record decides, those clients do not fall through to a later record either. It is usually a typo, a map renamed in one file only, or a pg_ident.conf that was not deployed. Checked only when the cluster has a pg_ident.conf (with the files it includes, 16+): without one in the repository the server's cannot be seen. Not flagged: records that can never match (shadowed, `hostssl` while ssl is off), `map=` with a template placeholder (unrendered-template), `map=` on a method that takes no map (hba-invalid-record), and any record when pg_ident.conf pulls in a file that is missing here (the map may be defined there). A map name on a pg_ident.conf line PostgreSQL rejects counts as defined: that line is syntax-error's finding.",
    invalid: [
      {
        "pg_hba.conf": "local   all   all   peer   map=admins",
        "pg_ident.conf": "# MAPNAME   SYSTEM-USERNAME   PG-USERNAME\nadmin       alice             postgres"
      }
    ],
    valid: [
      {
        "pg_hba.conf": "local   all   all   peer   map=admins",
        "pg_ident.conf": "# MAPNAME   SYSTEM-USERNAME   PG-USERNAME\nadmins      alice             postgres"
      },
      { "pg_hba.conf": "local   all   all   peer   map=admins" }
    ],
    references: [
      "https://www.postgresql.org/docs/current/auth-username-maps.html",
      "https://github.com/postgres/postgres/blob/master/src/backend/libpq/hba.c"
    ],
    versions: "all; pg_ident.conf include directives 16+; `map` on `oauth` 18+"
  },
  check(ctx) {
    const ident = ctx.cluster.ident;
    if (!ident || !ctx.cluster.hba || !authSetComplete(ident)) return;
    const defined = definedIdentMaps(ident);
    for (const e of hbaExposures(ctx)) {
      const r = e.info.record;
      const opt2 = r.options.filter((o) => o.name === "map").at(-1);
      if (!opt2 || opt2.value === "" || defined.has(opt2.value) || findPlaceholder(opt2.value)) continue;
      const guess = closest(opt2.value, defined.keys());
      const name = boundQuote(opt2.value);
      ctx.report({
        loc: tokenLoc(opt2.token),
        message: `map=${name} names no map of ${ident.file.path}${guess !== null ? ` (did you mean ${boundQuote(guess)}?)` : ""}: ${e.text}; PostgreSQL finds no line of map ${name} at login, so every connection this record matches is refused after authenticating ("no match in usermap")`,
        help: guess !== null ? `Name the map as pg_ident.conf spells it (map=${boundQuote(guess)}; map names compare exactly, case included), or add the lines of map ${name} to pg_ident.conf.` : `Add the lines of map ${name} to pg_ident.conf (MAPNAME SYSTEM-USERNAME PG-USERNAME), or fix the map name.`,
        ...guess !== null ? { related: [{ message: `map ${boundQuote(guess)} is defined here`, loc: defined.get(guess) }] } : {},
        group: { key: e.groupKey, concern: `map=${name} undefined in pg_ident.conf (hba-map-undefined)` }
      });
    }
  }
});

// rules/hba-md5.ts
var hba_md5_default = defineRule({
  name: "hba-md5",
  severity: "warning",
  category: "security",
  precedence: 120,
  appliesTo: ["pg_hba.conf"],
  fixable: "always",
  docs: {
    summary: "Method `md5`: roles whose password is stored as an MD5 hash log in with the weak MD5 challenge (prefer `scram-sha-256`)",
    why: "The method `md5` and the way a password is stored are two things. With `md5` in pg_hba.conf, a role whose password is stored as a SCRAM secret (`password_encryption = scram-sha-256`, the default from PostgreSQL 14) is checked with SCRAM automatically; a role whose password is still stored as an MD5 hash (set before the switch, or given pre-hashed) logs in with the MD5 challenge. An MD5 hash is as good as the password: whoever has it (from a backup, a dump of pg_authid, a replica) can log in, and a sniffed MD5 exchange can be brute-forced offline. With `password_encryption = md5`, every new or changed password is stored that way. Method `scram-sha-256` refuses MD5-stored passwords, so it finishes the migration. PostgreSQL 18 deprecates MD5 passwords (CREATE/ALTER ROLE warn) and a later release will remove them. Records reachable over the network are a warning; local-socket and loopback records information. Records that can never match are not flagged. The fix (unsafe) changes the method to `scram-sha-256`: roles whose password is still stored as an MD5 hash can no longer log in through the record until their password is set again.\n\n" + EXPOSURE_MODEL_DOC,
    invalid: ["host    all   app   10.20.0.0/16   md5"],
    valid: ["host    all   app   10.20.0.0/16   scram-sha-256"],
    references: [
      "https://www.postgresql.org/docs/current/auth-password.html",
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-PASSWORD-ENCRYPTION",
      "https://www.postgresql.org/docs/18/release-18.html"
    ],
    versions: "all; password_encryption defaults to scram-sha-256 from 14; MD5 passwords deprecated in 18"
  },
  check(ctx) {
    const pe = ctx.setting("password_encryption");
    const scram = pe !== void 0 && pe.value === "scram-sha-256";
    let source;
    if (pe?.assignment) {
      const a = pe.assignment;
      source = `password_encryption = ${a.line.value.raw} at ${a.file.path}:${lineColumn(a.file, a.line.nameStart).line}`;
    } else if (ctx.cluster.conf) {
      source = `password_encryption = ${pe?.canonical ?? "md5"}, the default of PostgreSQL ${ctx.major}`;
    } else {
      source = `password_encryption = ${pe?.canonical ?? "md5"} by default in PostgreSQL ${ctx.major} (no postgresql.conf in this cluster)`;
    }
    const deprecated = ctx.major >= 18 ? `MD5 passwords are deprecated in PostgreSQL ${ctx.major} and will be removed` : "MD5 passwords are deprecated from PostgreSQL 18";
    const stored = scram ? `with ${source}, roles whose password is stored as SCRAM are checked with SCRAM automatically, but a role whose password is still an MD5 hash (set before the switch, or given pre-hashed) logs in with the MD5 challenge, and that hash alone is enough to log in` : `with ${source}, new and changed passwords are stored as MD5 hashes and checked with the MD5 challenge: a stolen hash alone is enough to log in`;
    const fixTitle = scram ? "Change the method to scram-sha-256 (roles whose password is stored as an MD5 hash can no longer log in through this record until it is set again)" : "Change the method to scram-sha-256 (roles whose password is stored as an MD5 hash can no longer log in through this record until it is set again; password_encryption is md5, so set it to scram-sha-256 first, or every new password is MD5 too)";
    for (const e of hbaExposures(ctx)) {
      const r = e.info.record;
      if (r.method !== "md5") continue;
      const loc = tokenLoc(r.methodToken);
      ctx.report({
        fix: { title: fixTitle, edits: [{ loc, text: "scram-sha-256" }], applicability: "unsafe" },
        loc,
        message: `md5 method: ${e.text}; ${stored}; ${deprecated}`,
        help: scram ? "Change the method to scram-sha-256: it refuses MD5-stored passwords, so reset those first (SELECT rolname FROM pg_authid WHERE rolpassword LIKE 'md5%' lists them)." : "Set password_encryption = scram-sha-256, reset the passwords, then change the method to scram-sha-256.",
        ...onServerOnly(e) ? { severity: "info" } : {},
        group: { key: e.groupKey, concern: "the md5 method (hba-md5)" }
      });
    }
  }
});

// rules/hba-open-to-world.ts
function risk(e) {
  if (e.info.record.method === "trust" && clientcertMode(e.info) === "verify-ca") {
    return "anyone holding a certificate from the trusted CA logs in as any listed user, with no password";
  }
  switch (e.strength) {
    case "none":
      return e.info.record.method === "trust" ? "anyone who can reach the port logs in as any listed user, with no password" : "anyone who can reach the port names the user through their own ident server: no authentication";
    case "cleartext":
      return e.channel === "tls" ? "anyone who can reach the port can guess passwords; the password itself travels encrypted" : "anyone who can reach the port can guess passwords, and the password itself may cross the internet unencrypted";
    case "md5":
      return e.channel === "tls" ? "anyone who can reach the port can guess passwords (over TLS)" : "anyone who can reach the port can guess passwords, and an MD5 exchange sniffed on an unencrypted connection can be cracked offline";
    case "strong":
      return "only clients holding the required certificate or Kerberos ticket get in";
    default:
      return "anyone who can reach the port can guess passwords";
  }
}
var hba_open_to_world_default = defineRule({
  name: "hba-open-to-world",
  severity: "error",
  category: "security",
  precedence: 170,
  appliesTo: ["pg_hba.conf"],
  options: { allowedNetworks: ALLOWED_NETWORKS, superusers: SUPERUSERS },
  docs: {
    summary: "A pg_hba.conf record that accepts connections from every address",
    why: "A record whose address is `0.0.0.0/0`, `::/0` (in any spelling, including `0.0.0.0 0.0.0.0` and `::0/0`) or the keyword `all` lets anyone who can reach the port try to log in: the only thing left between the internet and the data is the authentication method and the firewall. The severity follows the method: no authentication (`trust`, `ident`) or a password that may cross the internet unencrypted (`password`, `ldap`, `pam`, `radius`, `bsd`, `md5` on a record that does not require SSL) is an error; a password over a required encrypted channel, or `scram-sha-256`, is a warning (passwords can be guessed from anywhere); `cert`, `gss`, `sspi` or `clientcert=verify-*` is information. A record that names a superuser or is for physical replication (a full copy of the cluster) is one level higher. Records that can never match (`reject`, shadowed by an earlier record, `hostssl` while ssl is off, a template placeholder) are not flagged, because they grant nothing.\n\n" + EXPOSURE_MODEL_DOC,
    invalid: ["host    all   all   0.0.0.0/0   md5", "hostssl    sales   app   ::/0   scram-sha-256"],
    valid: [
      "host    all   all   10.20.0.0/16   scram-sha-256",
      "host    all   all   0.0.0.0/0   reject",
      "host    all   all   0.0.0.0/0   reject\nhost    all   all   0.0.0.0/0   trust"
    ],
    references: [
      "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-LISTEN-ADDRESSES"
    ],
    versions: "all"
  },
  check(ctx) {
    const allowed2 = allowedNetworksOption(ctx.options);
    const superusers = superusersOption(ctx.options);
    for (const e of hbaExposures(ctx)) {
      const r = e.info;
      if (e.reach !== "world" || e.strength === "reject" || insideNetworks(r, allowed2)) continue;
      const severity = worldSeverity(e, superusers);
      const raisedFor = [
        ...superuserNames(e, superusers).length ? ["it names a superuser"] : [],
        ...r.replication ? ["it allows physical replication"] : []
      ];
      const raised = severity !== worldBase(e) ? ` (rated higher: ${raisedFor.join(" and ")})` : "";
      const help = e.weak ? "Restrict the address to the networks that need access (e.g. 10.20.0.0/16) and authenticate with scram-sha-256 over hostssl (or cert)." : "Restrict the address to the networks that need access (e.g. 10.20.0.0/16); if the server really must be public, suppress this with the reason.";
      ctx.report({
        loc: addressLoc(r.record.address),
        message: `open to every address: ${e.text}; ${risk(e)}${raised}`,
        help,
        severity,
        group: { key: e.groupKey, concern: "open to every address (hba-open-to-world)" }
      });
    }
  }
});

// rules/hba-replication-open.ts
var hba_replication_open_default = defineRule({
  name: "hba-replication-open",
  severity: "error",
  category: "security",
  precedence: 100,
  appliesTo: ["pg_hba.conf"],
  options: WIDE_NETWORK_OPTIONS,
  docs: {
    summary: "Physical replication (`replication`) allowed for every user or from a wide network",
    why: "A physical replication connection can stream the whole cluster \u2014 every database, every table, password hashes included \u2014 with pg_basebackup. The `replication` database should be allowed only for the replication role, from the standbys' addresses. A record for `all` users, or for a network wider than /16 (IPv4) or /48 (IPv6), or for every address, lets any role with the REPLICATION attribute (and every superuser) do that from anywhere in the range. It is an error with a weak method (trust, ident, a cleartext password or md5 on a record that does not require SSL); from every address it is one level above hba-open-to-world's base level (scram-sha-256: error, cert or gss: warning); otherwise a warning. Local-socket, loopback and `samehost` records, `reject` records and records that can never match are not flagged.\n\n" + EXPOSURE_MODEL_DOC,
    invalid: ["host    replication   all   10.20.5.0/24   scram-sha-256", "host    replication   replicator   10.0.0.0/8   scram-sha-256"],
    valid: [
      "host    replication   replicator   10.20.5.0/24   scram-sha-256",
      "local   replication   all   peer",
      "host    replication   all   127.0.0.1/32   scram-sha-256"
    ],
    references: [
      "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
      "https://www.postgresql.org/docs/current/warm-standby.html#STREAMING-REPLICATION-AUTHENTICATION"
    ],
    versions: "all"
  },
  check(ctx) {
    const { ipv4Prefix: v4, ipv6Prefix: v62, allowed: allowed2 } = wideNetworkOptions(ctx.options);
    for (const e of hbaExposures(ctx)) {
      const r = e.info;
      const rec = r.record;
      if (!r.replication || e.strength === "reject" || onServerOnly(e) || insideNetworks(r, allowed2)) continue;
      const reasons = [];
      if (r.allUsers) reasons.push("for every user (all)");
      if (r.isWorld) reasons.push("from every address");
      else if (isWide(r, v4, v62)) reasons.push(`from a network wider than /${r.family === "ipv4" ? v4 : v62}`);
      if (!reasons.length) continue;
      const token2 = rec.databases.find((d) => d.kind === "keyword" && d.value === "replication").token;
      ctx.report({
        loc: tokenLoc(token2),
        message: `physical replication open ${reasons.join(" and ")}: ${e.text}; a replication connection can copy the whole cluster`,
        help: `Allow replication only for the replication role (e.g. replicator) from the standbys' addresses (/32), and ${methodAdvice(e)}.`,
        severity: e.weak ? "error" : r.isWorld ? raise(worldBase(e)) : "warning",
        group: { key: e.groupKey, concern: "physical replication open (hba-replication-open)" }
      });
    }
  }
});

// rules/hba-superuser-remote.ts
var hba_superuser_remote_default = defineRule({
  name: "hba-superuser-remote",
  severity: "warning",
  category: "security",
  precedence: 60,
  appliesTo: ["pg_hba.conf"],
  options: { superusers: SUPERUSERS, allowedNetworks: ALLOWED_NETWORKS },
  docs: {
    summary: "A superuser may log in over TCP from beyond the loopback interface",
    why: "A superuser bypasses every permission check, can read every table and password hash, and can run programs on the server as the operating-system user (`COPY \u2026 TO PROGRAM`). Whoever guesses, sniffs or steals its credentials from the network owns the server, so administrators usually allow superusers only over the local socket (`peer`) or loopback, and give applications and remote administrators roles of their own. This rule flags a reachable `host*` record that is not `reject`, that names a superuser in its user column (the option `superusers`, default `postgres`; also through an `@file`), and whose address is more than loopback or `samehost`. It is an error from every address or with a weak method (trust, ident, a cleartext password or md5 on a record that does not require SSL), otherwise a warning. A record for `all` users or a `+group` admits superusers too, but names none: its exposure is judged by the other hba rules, since this one cannot know who the superusers in a group are.\n\n" + EXPOSURE_MODEL_DOC,
    invalid: ["host    all   postgres   10.20.0.0/16   scram-sha-256"],
    valid: [
      "local   all   postgres   peer",
      "host    all   postgres   127.0.0.1/32   scram-sha-256",
      "host    all   postgres   10.20.0.0/16   reject",
      "host    all   app   10.20.0.0/16   scram-sha-256"
    ],
    references: [
      "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
      "https://www.postgresql.org/docs/current/role-attributes.html",
      "https://www.postgresql.org/docs/current/sql-copy.html"
    ],
    versions: "all"
  },
  check(ctx) {
    const superusers = superusersOption(ctx.options);
    const allowed2 = allowedNetworksOption(ctx.options);
    for (const e of hbaExposures(ctx)) {
      if (e.strength === "reject" || onServerOnly(e) || insideNetworks(e.info, allowed2)) continue;
      const names = superuserNames(e, superusers);
      const first = names[0];
      if (!first) continue;
      const world = e.reach === "world";
      const where3 = world ? "from every address" : "from beyond the loopback interface";
      const how = e.weak ? ` with a weak method (${e.info.record.method})` : "";
      const who = names.map((n) => boundQuote(n.value)).join(", ");
      ctx.report({
        loc: tokenLoc(first.token),
        message: `superuser ${who} may log in over TCP ${where3}${how}: ${e.text}; whoever obtains its credentials there can read every table and run programs on the server`,
        help: "Let the superuser in only over the local socket (local all postgres peer) or loopback, and give remote administrators and applications roles of their own.",
        ...world || e.weak ? { severity: "error" } : {},
        group: { key: e.groupKey, concern: `a superuser (${who}) over TCP (hba-superuser-remote)` }
      });
    }
  }
});

// rules/hba-tls-not-required.ts
var PLAIN2 = CONN_STATES.hostnossl & CONN_STATES.hostnogssenc;
var MAX_GUARDS = 100;
function guards(hba2) {
  const out = [];
  for (const info of analyzeHba(hba2).records) {
    const r = info.record;
    if ((CONN_STATES[r.connType] & PLAIN2) === 0 || !info.allUsers || out.length >= MAX_GUARDS) continue;
    const a = r.address;
    if (a === null || !(a.kind === "all" || (a.kind === "ipv4" || a.kind === "ipv6") && a.bytes && a.mask)) continue;
    if (!info.allDatabases && !info.replication) continue;
    out.push({
      index: info.index,
      everyAddress: a.kind === "all",
      ip: a.kind === "all" ? null : { bytes: a.bytes, mask: a.mask },
      all: info.allDatabases,
      replication: info.replication
    });
  }
  return out;
}
function plainDecidedEarlier(info, list4) {
  const a = info.record.address;
  if (a === null) return false;
  return list4.some((g) => {
    if (g.index >= info.index) return false;
    const dbs = info.record.databases.every((d) => d.kind === "keyword" && d.value === "replication" ? g.replication : g.all);
    if (!dbs) return false;
    if (g.everyAddress) return true;
    return (a.kind === "ipv4" || a.kind === "ipv6") && a.bytes !== null && a.mask !== null && ipCovers(g.ip, { bytes: a.bytes, mask: a.mask });
  });
}
function consequence(e) {
  const t = e.info.record.connType;
  if (t === "hostnossl") {
    return "hostnossl matches only connections without SSL, so these sessions are never encrypted: queries, results and anything the method sends cross the network in cleartext, readable and modifiable on the path";
  }
  return `${t} matches connections with and without SSL, so TLS is the client's choice: a client with sslmode=disable, allow or prefer (prefer is libpq's default) connects unencrypted when asked to, or when someone on the path answers its SSL request with a refusal; queries and results then cross the network in cleartext`;
}
var hba_tls_not_required_default = defineRule({
  name: "hba-tls-not-required",
  severity: "warning",
  category: "security",
  precedence: 40,
  appliesTo: ["pg_hba.conf", "postgresql.conf"],
  docs: {
    summary: "A `host`, `hostnossl` or `hostnogssenc` record admits clients from beyond the server without TLS while the cluster has `ssl` on",
    why: 'With `ssl = on` the server can encrypt every connection, but only `hostssl` records (and `hostgssenc`, encrypted with GSSAPI) require it. A `host` or `hostnogssenc` record matches connections with and without SSL, so encryption is left to the client: `sslmode=prefer`, libpq\'s default, falls back to an unencrypted session when the server (or anyone on the network path, who can answer the SSL request with a refusal) declines, and `sslmode=disable` or `allow` never asks. A `hostnossl` record matches only connections without SSL. Either way, queries, results and whatever the authentication method sends cross the network in cleartext, and a record that admits unencrypted clients from beyond the server is a non-TLS path however strong its method. When every remote record is like this, the cluster has no TLS-only path at all: each record gets its finding. Flagged: records that can match (reachable, no template placeholder) and are not `reject`, whose address reaches beyond the server (not loopback, `localhost` or `samehost`). Checked only when the cluster has both pg_hba.conf and postgresql.conf and `ssl` is on there (when it is off, ssl-disabled reports). A record also flagged by another hba rule yields one finding, the most severe, which names this concern after "; also".\n\n' + EXPOSURE_MODEL_DOC,
    invalid: [
      { "postgresql.conf": "ssl = on", "pg_hba.conf": "host    all   app   10.20.0.0/16   scram-sha-256" },
      { "postgresql.conf": "ssl = on", "pg_hba.conf": "hostnossl    all   app   10.20.0.0/16   scram-sha-256" }
    ],
    valid: [
      { "postgresql.conf": "ssl = on", "pg_hba.conf": "hostssl    all   app   10.20.0.0/16   scram-sha-256" },
      {
        "postgresql.conf": "ssl = on",
        "pg_hba.conf": "hostnossl  all   all   0.0.0.0/0      reject\nhost       all   app   10.20.0.0/16   scram-sha-256\nhost       all   all   127.0.0.1/32   scram-sha-256"
      }
    ],
    references: [
      "https://www.postgresql.org/docs/current/ssl-tcp.html",
      "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
      "https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-PROTECTION"
    ],
    versions: "all; `hostgssenc`/`hostnogssenc` 12+"
  },
  check(ctx) {
    const ssl = ctx.setting("ssl");
    const hba2 = ctx.cluster.hba;
    if (!hba2 || !ctx.cluster.conf || ssl?.value !== true) return;
    let list4;
    for (const e of hbaExposures(ctx)) {
      if (e.strength === "reject" || onServerOnly(e) || e.channel !== "either" && e.channel !== "plain") continue;
      if (plainDecidedEarlier(e.info, list4 ??= guards(hba2))) continue;
      const r = e.info.record;
      ctx.report({
        loc: tokenLoc(r.connTypeToken),
        message: `TLS not required although ssl is on: ${e.text}; ${consequence(e)}`,
        help: r.connType === "hostnossl" ? "Use hostssl for remote clients (hostnossl with reject is the way to refuse unencrypted connections), and have clients connect with sslmode=verify-full." : `Change ${r.connType} to hostssl for remote clients (add \`hostnossl all all 0.0.0.0/0 reject\` and \`hostnossl all all ::/0 reject\` above if records further down must not admit unencrypted connections), and have clients connect with sslmode=verify-full.`,
        ...ssl.loc ? { related: [{ message: "ssl is on here", loc: ssl.loc }] } : {},
        group: { key: e.groupKey, concern: "TLS available (ssl = on) but not required (hba-tls-not-required)" }
      });
    }
  }
});

// rules/hba-trust-remote.ts
var hba_trust_remote_default = defineRule({
  name: "hba-trust-remote",
  severity: "error",
  category: "security",
  precedence: 150,
  appliesTo: ["pg_hba.conf"],
  options: { allowedNetworks: ALLOWED_NETWORKS },
  docs: {
    summary: "`trust` authentication on a record that matches more than the loopback interface",
    why: "`trust` logs a client in as whichever user it names, with no password or other check. On a `host`, `hostssl`, `hostnossl`, `hostgssenc` or `hostnogssenc` record whose address is more than loopback (127.0.0.0/8, ::1/128) \u2014 a network, `samehost`, `samenet` or a host name \u2014 anyone who can reach the server from there, or who shares a machine on that network, can connect as any listed user, including a superuser. Records that can never match (shadowed by an earlier record, `hostssl` while ssl is off, a template placeholder) are not flagged, nor `trust` with `clientcert=verify-full` (certificate authentication); with `clientcert=verify-ca` any holder of a certificate from the trusted CA can name any user (warning).\n\n" + EXPOSURE_MODEL_DOC,
    invalid: ["host    all   all   10.20.0.0/16   trust", "host    orders   app   samenet   trust"],
    valid: ["host    all   all   127.0.0.1/32   trust", "local   all   all   trust", "host    all   all   10.20.0.0/16   scram-sha-256"],
    references: [
      "https://www.postgresql.org/docs/current/auth-trust.html",
      "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"
    ],
    versions: "all"
  },
  check(ctx) {
    const allowed2 = allowedNetworksOption(ctx.options);
    for (const e of hbaExposures(ctx)) {
      const r = e.info;
      if (r.record.method !== "trust" || e.reach === "local" || e.reach === "loopback" || insideNetworks(r, allowed2)) continue;
      const cc = clientcertMode(r);
      if (cc === "verify-full") continue;
      ctx.report({
        loc: tokenLoc(r.record.methodToken),
        message: cc === "verify-ca" ? `trust on a network record with clientcert=verify-ca: ${e.text}; anyone there holding a certificate from the trusted CA can name any of these users and is let in, since verify-ca does not compare the certificate's name with the user` : `trust on a network record: ${e.text}; anyone who can connect from there can name any of these users and is let in`,
        ...cc === "verify-ca" ? { severity: "warning" } : {},
        group: { key: e.groupKey, concern: "trust: no password (hba-trust-remote)" },
        help: "Use scram-sha-256 (or cert / gss); keep trust, if at all, for local sockets and 127.0.0.1/32."
      });
    }
  }
});

// rules/hba-unreachable-record.ts
var STATE_WORDS = {
  hostssl: "SSL connections",
  hostnossl: "non-SSL connections",
  hostgssenc: "GSSAPI-encrypted connections",
  hostnogssenc: "connections without GSSAPI encryption"
};
function covering(r) {
  const from = r.line.file.path;
  const by = r.shadowedByAll;
  if (by.length === 1) return `${recordRef(by[0], from)} (${recordText(by[0])}) already matches every connection it could match`;
  const parts = by.map((b) => `${recordRef(b, from)} (${recordText(b)}) for ${STATE_WORDS[b.record.connType] ?? b.record.connType}`);
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]} together already match every connection it could match`;
}
var hba_unreachable_record_default = defineRule({
  name: "hba-unreachable-record",
  severity: "warning",
  category: "security",
  precedence: 90,
  appliesTo: ["pg_hba.conf"],
  docs: {
    summary: "A pg_hba.conf record no connection can reach, because earlier records already match everything it matches",
    why: "PostgreSQL uses the first record whose connection type, database, user and address match, and never looks further. A record placed after a broader one (for example after `host all all 0.0.0.0/0 reject`, or a `hostssl` record after a `host` record for the same databases, users and network) never takes effect: whoever edits it believes they changed access when they did not. Because such a record grants nothing, the exposure rules (hba-open-to-world, hba-trust-remote, \u2026) do not check it. Only certain cases are reported: a group (`+role`), a regular expression, `samehost`, `samenet` or a host name is assumed to cover only the identical token.",
    invalid: ["host    all   all   0.0.0.0/0   reject\nhost    sales   app   10.20.0.0/16   scram-sha-256"],
    valid: [
      "host    sales   app   10.20.0.0/16   scram-sha-256\nhost    all   all   0.0.0.0/0   reject",
      "hostssl   all   all   10.0.0.0/8   scram-sha-256\nhost    all   all   10.0.0.0/8   reject"
    ],
    references: ["https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"],
    versions: "all"
  },
  check(ctx) {
    const hba2 = ctx.cluster.hba;
    if (!hba2) return;
    const analysis = analyzeHba(hba2);
    for (const r of analysis.unreachable) {
      const first = r.shadowedByAll[0];
      ctx.report({
        loc: r.loc,
        message: `unreachable record: ${covering(r)}, and the first matching record wins; it grants nothing (so it is not checked for exposure)`,
        help: `Delete this record, or move it above ${recordRef(first, r.line.file.path)} if it was meant to take effect.`,
        related: r.shadowedByAll.map((b) => ({ message: "the earlier record that matches first", loc: b.loc }))
      });
    }
    const cut = analysis.incompleteAt;
    if (cut) {
      ctx.report({
        loc: cut.loc,
        message: `reachability analysed only up to here: more than ${MAX_COMPARISONS} comparisons of database and user names (records with long lists); this record and the later ones are treated as reachable, so unreachable ones among them are not reported (exposure rules still check them)`,
        help: "Shorten the database and user lists (a +group instead of hundreds of names), or split the file."
      });
    }
  }
});

// rules/hba-wide-network.ts
var hba_wide_network_default = defineRule({
  name: "hba-wide-network",
  severity: "warning",
  category: "security",
  precedence: 110,
  appliesTo: ["pg_hba.conf"],
  options: WIDE_NETWORK_OPTIONS,
  docs: {
    summary: "A pg_hba.conf record that accepts a very wide network (IPv4 wider than /16, IPv6 wider than /48)",
    why: "A record for 10.0.0.0/8 admits 16 million addresses: usually far more machines than need the database, often every office, VPN and container network of the company. Each of them can then try to log in, and a compromise anywhere in that range reaches the database. Records open to every address are left to hba-open-to-world; `reject` records, loopback networks and records that can never match are not flagged. A network that lies wholly in private address space (RFC 1918, carrier-grade NAT, unique local, link-local) with a method that does not give the password away (scram-sha-256, cert, gss; md5 or a cleartext method only over hostssl) is information: it is usually a container or VPN address pool. A range that looks private but covers public space (`172.0.0.0/8`, `10.0.0.0/7`) is said so.\n\n" + EXPOSURE_MODEL_DOC,
    invalid: ["host    all   app   10.0.0.0/8   scram-sha-256", "host    all   app   10.0.0.0   255.0.0.0   scram-sha-256"],
    valid: ["host    all   app   10.20.0.0/16   scram-sha-256", "host    all   all   10.0.0.0/8   reject", "host    all   all   2001:db8:1234::/48   scram-sha-256"],
    references: ["https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"],
    versions: "all"
  },
  check(ctx) {
    const { ipv4Prefix: v4, ipv6Prefix: v62, allowed: allowed2 } = wideNetworkOptions(ctx.options);
    for (const e of hbaExposures(ctx)) {
      const r = e.info;
      if (e.strength === "reject" || !isWide(r, v4, v62) || insideNetworks(r, allowed2)) continue;
      const quiet = e.reach === "private" && !e.weak;
      const limit = r.family === "ipv4" ? v4 : v62;
      const count2 = r.family === "ipv4" ? (2 ** (32 - r.prefixLength)).toLocaleString("en-US") : `2^${128 - r.prefixLength}`;
      ctx.report({
        loc: addressLoc(r.record.address),
        message: `wide network (${count2} addresses, wider than /${limit}${e.reach === "private" ? ", private address space" : ""}): ${e.text}`,
        help: "Narrow the address to the hosts or subnets that need access (e.g. the application servers' /24), or list the network in allowedNetworks.",
        ...quiet ? { severity: "info" } : {},
        group: { key: e.groupKey, concern: "a wide network (hba-wide-network)" }
      });
    }
  }
});

// rules/ident-map-unused.ts
var RELATED_MAX = 5;
var ident_map_unused_default = defineRule({
  name: "ident-map-unused",
  severity: "info",
  category: "validity",
  appliesTo: ["pg_ident.conf", "pg_hba.conf"],
  docs: {
    summary: "A user name map defined in pg_ident.conf that no pg_hba.conf record names in `map=`",
    why: "pg_ident.conf lines only take effect through a pg_hba.conf record whose `map=` option names their map (hba.c, check_usermap); a map no record names is dead configuration. Either a record lost its `map=` (or names the map with another spelling: names compare exactly, case included), and then the operating-system, Kerberos or certificate identities the map was written for cannot log in as the roles it lists, since without a map the authenticated name must equal the role name; or the map is a leftover and its lines can go, so that a reviewer does not take them for access that exists. Checked only when the cluster has both pg_hba.conf and pg_ident.conf (with the files they include, 16+), and not when either pulls in a file that is missing here (the record or map may be there) or a `map=` holds a template placeholder. A `map=` on a record PostgreSQL rejects still counts as naming the map (that record is hba-invalid-record's finding).",
    invalid: [
      {
        "pg_ident.conf": "# MAPNAME   SYSTEM-USERNAME   PG-USERNAME\nadmins      alice             postgres\nadmins      bob               postgres",
        "pg_hba.conf": "local   all   all   peer"
      }
    ],
    valid: [
      {
        "pg_ident.conf": "# MAPNAME   SYSTEM-USERNAME   PG-USERNAME\nadmins      alice             postgres\nadmins      bob               postgres",
        "pg_hba.conf": "local   all   all   peer   map=admins"
      },
      { "pg_ident.conf": "admins      alice             postgres" }
    ],
    references: [
      "https://www.postgresql.org/docs/current/auth-username-maps.html",
      "https://github.com/postgres/postgres/blob/master/src/backend/libpq/hba.c"
    ],
    versions: "all; include directives in pg_hba.conf and pg_ident.conf 16+"
  },
  check(ctx) {
    const { hba: hba2, ident } = ctx.cluster;
    if (!hba2 || !ident || !authSetComplete(hba2) || !authSetComplete(ident)) return;
    const used = hbaMapNames(hba2);
    if (used === null) return;
    for (const m of identMaps(ident).values()) {
      if (used.has(m.name) || findPlaceholder(m.name)) continue;
      const name = boundQuote(m.name);
      const n = m.lines.length;
      ctx.report({
        loc: tokenLoc(m.first),
        message: `map ${name} is not used: no pg_hba.conf record names it in map=, so its ${n === 1 ? "line has" : `${n} lines have`} no effect; either a record lost its map= (and the identities it maps cannot log in as the roles it lists) or the map can go`,
        help: `Add map=${name} to the pg_hba.conf record (peer, ident, gss, sspi, cert) meant to use it, or delete the map's lines.`,
        related: m.lines.slice(1, 1 + RELATED_MAX).map((l) => ({ message: `another line of map ${name}`, loc: tokenLoc(l.record.mapName) }))
      });
    }
  }
});

// rules/invalid-value.ts
var PRELOAD_LISTS = ["shared_preload_libraries", "session_preload_libraries", "local_preload_libraries"];
var RECOVERY_TARGETS = ["recovery_target", "recovery_target_lsn", "recovery_target_name", "recovery_target_time", "recovery_target_xid"];
function defaultShown(def) {
  if (def.type === "string" || def.type === "enum") return quoteConf(def.boot);
  const n = Number(def.boot);
  return def.type === "integer" && Number.isFinite(n) ? withUnit(n, def.unit) : def.boot;
}
function valueHelp(a, r, major) {
  if (!r.ok && r.code === "invalid-unit") {
    return `Write the number with a unit PostgreSQL ${major} accepts for ${a.def?.name ?? a.key}: ${[...r.units].reverse().join(", ")} (units are case-sensitive).`;
  }
  const dflt = a.def ? ` (or remove the line: the default is ${defaultShown(a.def)})` : "";
  return `Write a value PostgreSQL ${major} accepts for ${a.def?.name ?? a.key}, as the message says${dflt}.`;
}
function unitCaseFix(a, r, major) {
  if (r.ok || r.code !== "invalid-unit" || !a.def) return void 0;
  const written6 = r.unit;
  const lower = written6.toLowerCase();
  const matches = r.units.filter((u) => u.toLowerCase() === lower);
  if (matches.length !== 1 || matches[0] === written6) return void 0;
  const unit = matches[0];
  const input = a.line.value.value;
  const fixed = r.numberText + unit + input.slice(r.numberText.length + written6.length);
  if (!parseGucValue(a.def, fixed, major).ok) return void 0;
  const v = a.line.value;
  const text3 = v.token === "string" ? `'${fixed.replace(/'/g, "''")}'` : fixed;
  return {
    fix: { title: `Write the unit as ${unit}`, edits: [{ loc: { file: a.file.path, start: v.start, end: v.end }, text: text3 }], applicability: "safe" },
    unit
  };
}
var invalid_value_default = defineRule({
  name: "invalid-value",
  severity: "error",
  category: "validity",
  precedence: 230,
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  fixable: "sometimes",
  docs: {
    summary: "A value the target PostgreSQL version rejects",
    why: "PostgreSQL validates every value when it reads the file: a wrong type, an unknown or wrongly cased unit (`8mb`, `5m`), a number outside the allowed range, an unknown enum value, or a parameter that cannot be set in a file makes the server refuse to start; a reload skips just that setting and keeps the old value. Units are case-sensitive (`MB`, `kB`, `min`, `s`), and what is valid changes between versions. String values are checked as PostgreSQL's check hooks check them when the server reads the file (DateStyle, TimeZone and log_timezone against the version's time zone database, timezone_abbreviations, log_destination, list syntax, synchronous_standby_names, replication slot names, recovery_target_*, backtrace_functions, client_encoding, \u2026), with the hook's own explanation. Locale names (lc_*) are checked with setlocale() on the server's machine, which the files cannot show: a name other than C, POSIX or C.UTF-8 gets an info finding saying so. A wrongly cased unit (`8mb`, `5Min`) has a safe fix that writes it as PostgreSQL spells it (`8MB`, `5min`), offered when exactly one accepted unit matches it case-insensitively and the corrected value is valid.",
    invalid: ["work_mem = 8mb", "checkpoint_timeout = 5m", "max_connections = 0", "wal_level = 'logical '", "synchronous_standby_names = 'FIRST 2 s1, s2'"],
    valid: ["work_mem = 8MB", "checkpoint_timeout = 5min", "max_connections = 200", "wal_level = logical", "synchronous_standby_names = 'FIRST 2 (s1, s2)'"],
    references: [
      "https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-NAMES-VALUES"
    ],
    versions: "all; units B (11+), us (12+), fractional values with units (12+)"
  },
  check(ctx) {
    for (const a of ctx.cluster.assignments) {
      if (a.status !== "invalid" || a.ignored || !a.value || a.value.ok) continue;
      const v = a.line.value;
      const said = [a.value.detail, a.value.hint].filter((x) => x !== void 0).map((x) => boundQuotedIn(x.replace(/\.$/, ""), v.value));
      const hint = said.length ? ` (${said.join("; ")})` : "";
      const unitFix = unitCaseFix(a, a.value, ctx.major);
      ctx.report({
        loc: { file: a.file.path, start: v.start, end: v.end },
        ...unitFix ? { fix: unitFix.fix } : {},
        // PostgreSQL quotes the value whole; we quote at most QUOTE_MAX_CHARS of it.
        message: `${boundQuotedIn(a.value.message, v.value)}${hint}: PostgreSQL ${ctx.major} refuses to start with it`,
        help: valueHelp(a, a.value, ctx.major),
        group: { key: valueGroupKey(a.file.path, v.start), concern: "a value PostgreSQL rejects (invalid-value)" }
      });
    }
    if (ctx.major >= 12) {
      let current = null;
      for (const a of [...ctx.cluster.assignments].sort((x, y) => x.seqno - y.seqno)) {
        if (!RECOVERY_TARGETS.includes(a.key) || a.status !== "ok" || a.ignored || !a.value?.ok) continue;
        if (current !== null && current !== a.key) {
          const v = a.line.value;
          const names = RECOVERY_TARGETS.map((n) => ctx.major >= 17 ? `"${n}"` : n).join(", ");
          ctx.report({
            loc: { file: a.file.path, start: v.start, end: v.end },
            message: `multiple recovery targets specified (${a.key} after ${current}; at most one of ${names} may be set): PostgreSQL ${ctx.major} refuses to start with it`,
            help: `Keep one recovery target: remove ${current} (or set it to '' before this line) or remove ${a.key}.`,
            group: { key: valueGroupKey(a.file.path, v.start), concern: "a value PostgreSQL rejects (invalid-value)" }
          });
          break;
        }
        current = String(a.value.canonical) === "" ? null : a.key;
      }
    }
    for (const key of PRELOAD_LISTS) {
      const a = ctx.cluster.effective.get(key);
      if (!a || a.status !== "ok" || !a.value?.ok || splitDirectoriesString(String(a.value.canonical)) !== null) continue;
      const v = a.line.value;
      const when = key === "shared_preload_libraries" ? `PostgreSQL ${ctx.major} starts but loads none of these libraries` : "no connection loads any of these libraries";
      ctx.report({
        loc: { file: a.file.path, start: v.start, end: v.end },
        severity: "warning",
        message: `invalid list syntax in parameter "${key}": ${when} (it only logs the error)`,
        help: 'Separate the library names with commas, and close every double quote ("my lib", other_lib).',
        group: { key: valueGroupKey(a.file.path, v.start), concern: "a value PostgreSQL rejects (invalid-value)" }
      });
    }
    const byLocale = /* @__PURE__ */ new Map();
    for (const a of [...ctx.cluster.effective.values()].sort((x, y) => x.seqno - y.seqno)) {
      if (!LOCALE_PARAMS.includes(a.key) || a.status !== "ok" || !a.value?.ok) continue;
      const name = String(a.value.canonical);
      if (isUniversalLocale(name)) continue;
      const seen = byLocale.get(name);
      if (seen) seen.params.push(a.key);
      else byLocale.set(name, { first: a, params: [a.key] });
    }
    for (const [name, { first, params }] of byLocale) {
      const v = first.line.value;
      ctx.report({
        loc: { file: first.file.path, start: v.start, end: v.end },
        severity: "info",
        message: boundQuotedIn(
          `locale "${name}" (${params.join(", ")}) cannot be checked from the files: PostgreSQL ${ctx.major} checks it with setlocale() on the server and refuses to start if that machine lacks it`,
          name
        ),
        help: boundQuotedIn(`Make sure "${name}" is installed on every server that uses these files (\`locale -a\` lists them), or use C, POSIX or C.UTF-8, which every Linux server has.`, name)
      });
    }
  }
});

// rules/listen-on-all-addresses.ts
var MEANING = {
  "*": "every network interface (all IPv4 and IPv6 addresses)",
  "0.0.0.0": "every IPv4 interface",
  "::": "every IPv6 interface"
};
var listen_on_all_addresses_default = defineRule({
  name: "listen-on-all-addresses",
  severity: "info",
  category: "security",
  precedence: 160,
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "listen_addresses accepts TCP connections on every interface",
    why: "`listen_addresses = '*'` (or `0.0.0.0`, `::`) makes the server accept TCP connections on every network interface, including public ones, so pg_hba.conf and the firewall are the only protection left. That is often intended (containers, servers behind a firewall), so on its own this is information. It becomes a warning when the same cluster's pg_hba.conf also has a record open to every address that can match a connection (reachable, not `reject`, not `hostssl` while ssl is off, no template placeholder; the exposure model of hba-open-to-world): then nothing in the configuration limits who can try to log in.",
    invalid: [
      "listen_addresses = '*'",
      { "postgresql.conf": "listen_addresses = '0.0.0.0'", "pg_hba.conf": "host    all   all   0.0.0.0/0   scram-sha-256" }
    ],
    valid: ["listen_addresses = 'localhost, 10.20.0.5'", "#listen_addresses = '*'"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-LISTEN-ADDRESSES",
      "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"
    ],
    versions: "all"
  },
  check(ctx) {
    const s = ctx.setting("listen_addresses");
    if (!s || s.isDefault || typeof s.value !== "string" || !s.loc) return;
    const entries = splitQuotedList(s.value);
    const hit = entries?.find((e) => e.name in MEANING);
    if (!hit) return;
    const raw = s.assignment?.line.value.raw ?? "";
    let loc = s.loc;
    if (raw === s.value) loc = { file: s.loc.file, start: s.loc.start + hit.start, end: s.loc.start + hit.end };
    else if (raw.length === s.value.length + 2 && raw.slice(1, -1) === s.value) {
      loc = { file: s.loc.file, start: s.loc.start + 1 + hit.start, end: s.loc.start + 1 + hit.end };
    }
    const spelled = raw || s.value;
    const base = `listen_addresses = ${boundQuote(spelled)} accepts TCP connections on ${MEANING[hit.name]}`;
    const open = hbaExposures(ctx).filter((e) => e.reach === "world" && e.strength !== "reject").map((e) => e.info);
    const first = open[0];
    if (!first) {
      ctx.report({
        loc,
        message: `${base}: pg_hba.conf and the firewall are the only protection`,
        help: "List only the addresses clients use (e.g. listen_addresses = 'localhost, 10.20.0.5'), unless the host is firewalled or a container."
      });
      return;
    }
    const more = open.length > 1 ? ` (and ${open.length - 1} more such records)` : "";
    ctx.report({
      loc,
      message: `${base}, and ${recordRef(first)} is open to every address: ${first.exposure}${more}`,
      help: "Listen only on the addresses clients use, and restrict the pg_hba.conf record to the networks that need access.",
      severity: "warning",
      related: open.slice(0, 5).map((r) => ({ message: `open to every address: ${r.exposure}`, loc: addressLoc(r.record.address) }))
    });
  }
});

// rules/log-destination-empty.ts
var log_destination_empty_default = defineRule({
  name: "log-destination-empty",
  severity: "error",
  category: "maintenance",
  tags: ["reliability"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "log_destination names no destination (an empty or all-blank list), so the server writes no log at all",
    why: "log_destination is a list of stderr, csvlog, jsonlog (15+) and syslog; PostgreSQL accepts an empty list (SplitIdentifierString allows it, and a value of blanks only is the same) and then sends its messages nowhere: real servers 12, 16 and 18 start and record no error, no failed login, no crash report and no logged statement, with the logging collector on or off. The server runs, but when it misbehaves there is nothing to read, and audit settings (log_connections, log_statement, pgaudit) record nothing. An error, because no log at all is never what a configuration means to say.",
    invalid: ["log_destination = ''", "logging_collector = on\nlog_destination = ' '"],
    valid: ["log_destination = 'stderr'", "log_destination = 'syslog'", "work_mem = 4MB"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-DESTINATION",
      "https://github.com/postgres/postgres/blob/master/src/backend/utils/error/elog.c (check_log_destination, send_message_to_server_log)"
    ],
    versions: "all"
  },
  check(ctx) {
    const dest = ctx.setting("log_destination");
    if (!dest?.loc || typeof dest.value !== "string") return;
    const list4 = splitIdentifierString(dest.value);
    if (list4 === null || list4.length > 0) return;
    ctx.report({
      loc: dest.loc,
      message: `${settingText(dest)} names no destination: the server writes no log at all \u2014 no error, failed login or logged statement is recorded anywhere`,
      help: "Set log_destination = 'stderr' (with logging_collector = on), 'csvlog', 'jsonlog' or 'syslog'."
    });
  }
});

// rules/log-directory-empty.ts
var log_directory_empty_default = defineRule({
  name: "log-directory-empty",
  severity: "error",
  category: "validity",
  tags: ["reliability"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "log_directory = '' with the logging collector on, so the server refuses to start",
    why: "The logging collector builds its file name as log_directory, a slash, then log_filename (syslogger.c, logfile_getname). With an empty log_directory that is `/postgresql-\u2026.log`, a file in the root directory, which the server's user (never root: the postmaster refuses to run as root) cannot create. The collector fails to open its first file at startup and the postmaster stops: FATAL: could not open log file \"/postgresql-\u2026.log\": Permission denied \u2014 real servers 12, 16 and 18 do so, and every major since 10 builds the name the same way. The collector opens that file even when log_destination is syslog alone. `log_directory = '.'` is not empty: it is the data directory itself and the server starts (log-directory-in-data-directory reports that location when it is enabled). Without the collector log_directory is not used, and an empty value is harmless until someone turns the collector on; it is not reported then.",
    invalid: ["logging_collector = on\nlog_directory = ''"],
    valid: ["logging_collector = on\nlog_directory = '/var/log/postgresql'", "log_directory = ''", "logging_collector = on\nlog_directory = '.'"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-DIRECTORY",
      "https://github.com/postgres/postgres/blob/master/src/backend/postmaster/syslogger.c (SysLogger_Start, logfile_getname, logfile_open)"
    ],
    versions: "all"
  },
  check(ctx) {
    const dir = ctx.setting("log_directory");
    const collector = ctx.setting("logging_collector");
    if (!dir || !collector || collector.value !== true || dir.value !== "" || !dir.loc) return;
    ctx.report({
      loc: dir.loc,
      message: `${settingText(dir)} with the logging collector on: the collector opens its log file in the root directory ("/postgresql-\u2026.log"), which the server cannot write \u2014 the server does not start`,
      help: "Set log_directory to a directory the server's user can write, ideally an absolute one outside the data directory such as '/var/log/postgresql'.",
      related: relatedSetting(collector, "the logging collector is turned on here")
    });
  }
});

// rules/log-directory-in-data-directory.ts
import { posix } from "node:path";
var canonical = (p) => {
  const n = posix.normalize(p);
  return n.length > 1 ? n.replace(/\/+$/, "") : n;
};
var log_directory_in_data_directory_default = defineRule({
  name: "log-directory-in-data-directory",
  severity: "warning",
  category: "maintenance",
  tags: ["reliability"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "With the logging collector on, log_directory is relative (the default `log`), or under data_directory: the server log lives inside the data directory",
    why: "A relative log_directory is taken relative to the data directory, so the default `log` puts the server log inside it. There a flood of log output fills the file system the database needs \u2014 a full disk under pg_wal stops the server \u2014 and every base backup (pg_basebackup copies the log directory) carries the logs, with the statements and names they hold, to backup storage and to the standbys built from it. An absolute log_directory under an absolute data_directory is the same. An empty log_directory, which stops the server from starting, is reported by log-directory-empty (on by default), not here. A relative path that climbs out of the data directory (`../log`) and a Windows path (`C:/\u2026`) are not reported; an absolute log_directory is judged only when data_directory is set in the files (otherwise the data directory is given with -D and unknown here). Checked only when logging_collector is on (without it log_directory is not used) and, for the location checks, log_destination names stderr, csvlog or jsonlog. Of the locations CIS 8.1 wants outside the data cluster (the WAL directory, tablespaces, the log directory), only log_directory is a setting in postgresql.conf: pg_wal and tablespaces are made by initdb -X and CREATE TABLESPACE. Off by default; the `cis` profile turns it on (CIS 3.1.4, 3.1.27, 8.1).",
    invalid: ["logging_collector = on\nlog_directory = 'pg_log'", "logging_collector = on\ndata_directory = '/srv/pg/data'\nlog_directory = '/srv/pg/data/log'"],
    valid: ["logging_collector = on\nlog_directory = '/var/log/postgresql'", "log_directory = 'log'"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-DIRECTORY",
      "https://www.postgresql.org/docs/current/runtime-config-file-locations.html",
      "https://www.postgresql.org/docs/current/app-pgbasebackup.html",
      "https://github.com/postgres/postgres/blob/master/src/backend/postmaster/syslogger.c (SysLogger_Start, logfile_getname)",
      "https://github.com/HexaCluster/pgdsat (checks 3.1.4, 3.1.27)"
    ],
    versions: "all"
  },
  check(ctx) {
    const dir = ctx.setting("log_directory");
    const logging = loggingView(ctx);
    if (!dir || !logging?.collectorOn || typeof dir.value !== "string") return;
    const loc = settingLoc(ctx, dir);
    if (!loc) return;
    const related = relatedSetting(logging.collector, "the logging collector is turned on here");
    if (dir.value === "") return;
    if (!logging.writesFiles) return;
    let inside;
    if (!(dir.value.startsWith("/") || /^([A-Za-z]:)?[\\/]/.test(dir.value))) {
      const rel = canonical(dir.value);
      if (rel === ".." || rel.startsWith("../")) return;
      inside = rel === "." ? "the data directory itself" : `the data directory (a relative path is taken from it)`;
    } else {
      if (!dir.value.startsWith("/")) return;
      const data = ctx.setting("data_directory");
      if (!data || data.isDefault || typeof data.value !== "string" || !data.value.startsWith("/")) return;
      const d = canonical(data.value);
      const l = canonical(dir.value);
      if (l !== d && !l.startsWith(d === "/" ? "/" : `${d}/`)) return;
      inside = `data_directory ${data.assignment?.line.value.raw ?? data.value}`;
      if (data.loc) related.push({ message: "data_directory is set here", loc: data.loc });
    }
    ctx.report({
      loc,
      message: `${settingText(dir)} puts the server log files inside ${inside}: a log flood can fill the database's file system and stop the server, and base backups copy the logs and what they hold`,
      help: "Set log_directory to an absolute directory outside the data directory, e.g. '/var/log/postgresql'.",
      related
    });
  }
});

// rules/log-duration-off.ts
var log_duration_off_default = defineRule({
  name: "log-duration-off",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "log_duration is off (absent means off): the log does not record that a statement completed, or how long it ran",
    why: "With log_duration = on, every completed statement writes a `duration: \u2026 ms` line to the server log. Without it, a statement logged by log_statement or pgaudit shows that it started but not that it finished, so the outcome of an audited event (completed, or still running when the server stopped) cannot be established from the log alone. The cost is one LOG line per statement \u2014 on a busy server the largest source of log volume after statement logging itself, and the line carries no statement text: relate it to its statement with `%p` or `%c` in log_line_prefix (log_min_duration_statement = 0 logs each duration with the statement text instead, which also writes passwords set in SQL to the log: see log-statement-secrets). The PostgreSQL STIG asks for it (V-233512: its check reads log_duration from postgresql.conf and wants `on`), as does Checkov's CKV2_GCP_13 for Cloud SQL. Off by default; the `stig` profile turns it on (V-233512).",
    invalid: ["log_duration = off"],
    valid: ["log_duration = on"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-DURATION",
      "https://github.com/mitre/crunchy-data-postgresql-stig-baseline (controls/V-233512.rb)"
    ],
    versions: "all (log_duration exists in every supported major; its default is off)"
  },
  check(ctx) {
    reportRequiredSetting(
      ctx,
      "log_duration",
      false,
      "the log does not record that a statement completed or how long it ran, so the outcome of a logged statement cannot be established from the log",
      "Set log_duration = on (one 'duration: \u2026 ms' line per completed statement: plan for the log volume) and put %p or %c in log_line_prefix to match each duration to its statement."
    );
  }
});

// rules/log-error-verbosity-low.ts
var LEVELS2 = ["terse", "default", "verbose"];
var MISSING = {
  terse: "errors are logged without their DETAIL, HINT, QUERY and CONTEXT lines (a failed login loses the DETAIL that names the pg_hba.conf line it matched)",
  default: "errors are logged without their SQLSTATE code and the source file, function and line that raised them"
};
var written3 = (s) => s.assignment?.line.value.raw ?? s.canonical;
var log_error_verbosity_low_default = defineRule({
  name: "log-error-verbosity-low",
  severity: "warning",
  category: "maintenance",
  tags: ["reliability"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  options: {
    minimum: opt.string("default", "The least detail accepted: `terse` < `default` < `verbose`; a log_error_verbosity below it is reported. With `verbose`, an absent setting (which means `default`) is reported at the start of postgresql.conf.", { enum: LEVELS2 })
  },
  docs: {
    summary: "log_error_verbosity below the level required (terse by default): logged errors lose their detail",
    why: "log_error_verbosity decides how much of each error reaches the server log. `terse` drops the DETAIL, HINT, QUERY and CONTEXT lines: the log says that something failed but not why \u2014 a failed login no longer names the pg_hba.conf line it matched, a constraint violation no longer shows the key, an error inside a function no longer says where. `default` keeps those; `verbose` adds the SQLSTATE code and the source file, function and line of PostgreSQL that raised the error. Absent, the setting is `default`.\n\nThe checklists disagree on the level. The CIS PostgreSQL Benchmark (3.1.22; pgdsat fails anything but `verbose`) wants `verbose`; the PostgreSQL STIG (V-233512: its check reads log_error_verbosity from postgresql.conf and wants exactly `default`, the value its fix text writes) wants `default`. Each profile decides: the `cis` profile sets the option `minimum: verbose`; the `stig` profile keeps `minimum: default` (only `terse` is reported; a `verbose` setting is not reported although the STIG check wants `default`: it only adds information to the log). Off by default; the `cis` profile (CIS 3.1.22, minimum `verbose`) and the `stig` profile (V-233512) turn it on.",
    invalid: ["log_error_verbosity = terse"],
    valid: ["log_error_verbosity = default", "log_error_verbosity = verbose", "log_statement = ddl"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-ERROR-VERBOSITY",
      "https://github.com/postgres/postgres/blob/master/src/backend/utils/error/elog.c (send_message_to_server_log)",
      "https://github.com/HexaCluster/pgdsat (check 3.1.22)",
      "https://github.com/mitre/crunchy-data-postgresql-stig-baseline (controls/V-233512.rb)"
    ],
    versions: "all (log_error_verbosity and its three levels exist in every supported major)",
    optionsNote: "```yaml\nrules:\n  log-error-verbosity-low: { minimum: verbose }\n```"
  },
  check(ctx) {
    const s = ctx.setting("log_error_verbosity");
    if (!s || typeof s.value !== "string") return;
    const m = ctx.options.minimum;
    const minimum = typeof m === "string" && LEVELS2.includes(m) ? m : "default";
    const level = s.value.toLowerCase();
    const rank3 = LEVELS2.indexOf(level);
    if (rank3 < 0 || rank3 >= LEVELS2.indexOf(minimum)) return;
    const loc = requiredSettingLoc(ctx, s);
    if (!loc) return;
    const what = s.loc ? `log_error_verbosity = ${written3(s)}` : `log_error_verbosity (not set; the default is ${s.canonical})`;
    ctx.report({
      loc,
      message: `${what} is below ${minimum}: ${MISSING[level]}`,
      help: `Set log_error_verbosity = ${minimum}` + (minimum === "verbose" ? " (each logged error gains a LOCATION line: somewhat more log volume)." : ".")
    });
  }
});

// rules/log-file-mode-permissive.ts
var perms = (bits) => {
  const out = [];
  if (bits & 4) out.push("read");
  if (bits & 2) out.push("write");
  if (bits & 1) out.push("execute");
  return out.length > 1 ? `${out.slice(0, -1).join(", ")} and ${out[out.length - 1]}` : out[0];
};
var log_file_mode_permissive_default = defineRule({
  name: "log-file-mode-permissive",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "log_file_mode lets the group or other local users read (or write) the log files the logging collector writes",
    why: "Server logs hold more than errors: the text of logged and failing statements (an `ALTER ROLE \u2026 PASSWORD '\u2026'` that fails, or any statement under log_statement), user and database names, client addresses, and query parameters. log_file_mode sets the permissions of the files the logging collector creates; the default 0600 lets only the server's OS user read them. A mode such as 0644 hands all of that to every local account; 0640 to every member of the group (on many systems a shared group). Write access lets someone alter or truncate the audit trail. The setting does nothing unless logging_collector is on, so the rule checks it only when the collector writes PostgreSQL's messages to files (logging_collector = on and log_destination names stderr, csvlog or jsonlog); the owner's own bits are not judged. A file mode is written in octal with a leading zero (0640); a bare 640 is decimal (01200) and rejected. Off by default; the `cis` profile turns it on (CIS 3.1.6).",
    invalid: ["logging_collector = on\nlog_file_mode = 0644"],
    valid: ["logging_collector = on\nlog_file_mode = 0600", "log_file_mode = 0644"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-FILE-MODE",
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOGGING-COLLECTOR",
      "https://github.com/postgres/postgres/blob/master/src/backend/postmaster/syslogger.c (logfile_open)"
    ],
    versions: "all"
  },
  options: {
    maximum: opt.string("0600", 'The widest mode accepted, as an octal string. A mode is reported when it sets a group or other permission bit that `maximum` does not; `"0640"` accepts group read (a log shipper in the server\'s group).', { pattern: "^0?[0-7]{3}$" })
  },
  check(ctx) {
    const mode = ctx.setting("log_file_mode");
    const logging = loggingView(ctx);
    if (!mode || !logging?.writesFiles || typeof mode.value !== "number") return;
    const maximum = parseInt(String(ctx.options.maximum), 8);
    const extra = mode.value & ~maximum & 63;
    if (!extra) return;
    const loc = settingLoc(ctx, mode);
    if (!loc) return;
    const octal = octalMode(mode.value);
    const raw = mode.assignment?.line.value.raw;
    const shown5 = raw === void 0 ? octal : raw.replace(/^'|'$/g, "") === octal ? raw : `${raw} (${octal})`;
    const group = extra >> 3 & 7;
    const other = extra & 7;
    const who = group && other ? group === other ? `the file's group and every other local user ${perms(group)}` : `the file's group ${perms(group)} and every other local user ${perms(other)}` : group ? `the file's group ${perms(group)}` : `every other local user ${perms(other)}`;
    ctx.report({
      loc,
      message: `${settingText(mode, shown5)} lets ${who} the server log files (more than ${octalMode(maximum)}): they hold statement text, failed ALTER ROLE \u2026 PASSWORD statements, user names and client addresses`,
      help: `Set log_file_mode = ${octalMode(maximum & 511)} (0600 is the default); give a log shipper its own copy rather than group or world access.`,
      related: relatedSetting(logging.collector, "the logging collector is turned on here")
    });
  }
});

// rules/log-hostname-on.ts
var log_hostname_on_default = defineRule({
  name: "log-hostname-on",
  severity: "info",
  category: "maintenance",
  tags: ["performance"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "log_hostname is on: every TCP connection waits for a reverse DNS lookup of the client address",
    why: "With log_hostname = on, each new TCP connection resolves the client address to a host name before it is served, so that %h in log_line_prefix, connection logging and pg_stat_activity.client_hostname show the name. Every login pays the lookup; a slow or unreachable DNS server delays every login by the resolver timeout (the lookup runs before the startup timeout is armed, so authentication_timeout does not cut it short), and a name in the log is only what the PTR record of the address says \u2014 which whoever controls the reverse zone decides \u2014 while the address itself is logged anyway. Unix-socket connections are not affected.\n\nThe anchors disagree: the CIS PostgreSQL Benchmark wants log_hostname off (3.1.23; pgdsat fails `on`), while the PostgreSQL STIG (V-233591: its check wants SHOW log_hostname to be on) and Checkov's CKV_GCP_108 (from the CIS Google Cloud benchmark for Cloud SQL) want it on, for host names in incident response where addresses are dynamic. Neither is wrong for every site, so the default profile says nothing; the `cis` profile decides for off, and the `stig` profile does not run this rule. Off by default; the `cis` profile turns it on (CIS 3.1.23).",
    invalid: ["log_hostname = on"],
    valid: ["log_hostname = off", "log_connections = on"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-HOSTNAME",
      "https://github.com/postgres/postgres/blob/master/src/backend/tcop/backend_startup.c (BackendInitialize: the lookup runs before the startup timeout is armed; postmaster.c before 17)",
      "https://github.com/HexaCluster/pgdsat (check 3.1.23)"
    ],
    versions: "all (log_hostname exists in every supported major; its default is off)"
  },
  check(ctx) {
    const s = ctx.setting("log_hostname");
    if (!s?.loc || s.value !== true) return;
    ctx.report({
      loc: s.loc,
      message: `log_hostname = ${s.assignment?.line.value.raw ?? "on"}: every TCP connection waits for a reverse DNS lookup of the client address before it is served \u2014 slow or failing DNS delays every login \u2014 and the logged name is only what the reverse zone claims`,
      help: "Set log_hostname = off; the client address is logged either way (%h, %r in log_line_prefix, log_connections)."
    });
  }
});

// rules/log-level-too-quiet.ts
var SERVER_LOG_LEVELS = ["debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "error", "log", "fatal", "panic"];
var rank = (level) => SERVER_LOG_LEVELS.indexOf(level.toLowerCase() === "debug" ? "debug2" : level.toLowerCase());
var DEFAULT_QUIETEST = "error";
var quietest = (v) => typeof v === "string" && rank(v) >= 0 ? v.toLowerCase() : DEFAULT_QUIETEST;
var QUIET = /* @__PURE__ */ new Set(["fatal", "panic"]);
var tooQuiet = (s, limit) => typeof s?.value === "string" && rank(s.value) > rank(limit) ? s.value.toLowerCase() : void 0;
var shown2 = (s) => {
  if (!s.assignment) return `${s.name} (not set; the default is ${s.canonical})`;
  return `${s.name} = ${s.assignment.line.value.raw}`;
};
function between(limit, level) {
  const out = [];
  for (let i = rank(limit); i < rank(level); i++) {
    const l = SERVER_LOG_LEVELS[i].startsWith("debug") ? "DEBUG" : SERVER_LOG_LEVELS[i].toUpperCase();
    if (!out.includes(l)) out.push(l);
  }
  return out;
}
var suggest = (byDefault, limit) => rank(byDefault) <= rank(limit) ? `${byDefault} (the default)` : limit;
var list2 = (xs) => xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;
var log_level_too_quiet_default = defineRule({
  name: "log-level-too-quiet",
  severity: "warning",
  category: "maintenance",
  tags: ["reliability"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  options: {
    quietestMessages: opt.string(DEFAULT_QUIETEST, "The quietest log_min_messages accepted, in the server log's order (\u2026 `warning` < `error` < `log` < `fatal` < `panic`); a quieter one is reported.", { enum: SERVER_LOG_LEVELS }),
    quietestErrorStatement: opt.string(DEFAULT_QUIETEST, "The quietest log_min_error_statement accepted, in the same order; a quieter one is reported.", { enum: SERVER_LOG_LEVELS })
  },
  docs: {
    summary: "log_min_messages or log_min_error_statement at log, fatal or panic: errors, and the statements that caused them, vanish from the log",
    why: 'log_min_messages decides which messages reach the server log. At `fatal` no ERROR is logged, and neither is anything at LOG level (which PostgreSQL ranks between ERROR and FATAL for the server log): checkpoints, connection and disconnection logging, the output of log_statement and log_min_duration_statement, and the reports of a backend that crashed. At `panic` failed logins and other FATAL errors vanish too. log_min_error_statement decides whether the SQL text of a failing statement is logged with its error; at `fatal` or `panic` an ERROR is logged without the statement that caused it. Either setting leaves a DBA with nothing to investigate when something goes wrong; benchmark and load-test configurations often set them and then get copied. When log_min_messages is already that quiet, the finding is reported there alone (log_min_error_statement can then add nothing to the log).\n\nThe options make the rule stricter for a checklist: the CIS PostgreSQL Benchmark wants log_min_messages at `warning` (3.1.14) and log_min_error_statement at `error` (3.1.15), and the `cis` profile sets `quietestMessages: warning` and `quietestErrorStatement: error`. Levels are compared in the order the server log uses, where LOG ranks between ERROR and FATAL: so `log_min_messages = log` writes no ERROR, and `log_min_error_statement = log` logs no failing ERROR statement. pgdsat also fails levels more verbose than those (`notice`, `debug1`\u2026: "too many messages"); this rule never reports a level for being too verbose.',
    invalid: ["log_min_messages = panic", "log_min_error_statement = fatal"],
    valid: ["log_min_messages = warning\nlog_min_error_statement = error", "log_min_messages = error"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-MIN-MESSAGES",
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-MIN-ERROR-STATEMENT",
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#RUNTIME-CONFIG-SEVERITY-LEVELS",
      "https://github.com/postgres/postgres/blob/master/src/backend/utils/error/elog.c (is_log_level_output)"
    ],
    versions: "all",
    optionsNote: "With the defaults `log`, `fatal` and `panic` are reported (`log` ranks above ERROR in the server log, so it hides errors although it reads like a verbose level). An absent setting is judged by its default (`warning`, `error`) and reported at the start of postgresql.conf when that is too quiet.\n\n```yaml\nrules:\n  log-level-too-quiet: { quietestMessages: warning, quietestErrorStatement: error }\n```"
  },
  check(ctx) {
    const messages = ctx.setting("log_min_messages");
    const statement = ctx.setting("log_min_error_statement");
    const limitMessages = quietest(ctx.options.quietestMessages);
    const limitStatement = quietest(ctx.options.quietestErrorStatement);
    const messagesLevel = tooQuiet(messages, limitMessages);
    const statementLevel = tooQuiet(statement, limitStatement);
    const where3 = (s) => requiredSettingLoc(ctx, s);
    if (messages && messagesLevel) {
      const loc = where3(messages);
      const hidesErrors = rank(messagesLevel) > rank("error");
      const alsoStatement = hidesErrors && statement && statementLevel ? statement : void 0;
      if (loc) {
        const also = alsoStatement ? ` (and ${shown2(alsoStatement)})` : "";
        const message = QUIET.has(messagesLevel) ? `${shown2(messages)}${also}: no ERROR${messagesLevel === "panic" ? ", FATAL" : ""} or LOG message reaches the server log \u2014 failed statements, ${messagesLevel === "panic" ? "failed logins, " : ""}crashed backends, checkpoints and statement logging all vanish` : `${shown2(messages)}${also} is quieter than ${limitMessages}: ${list2(between(limitMessages, messagesLevel))} messages do not reach the server log` + (hidesErrors ? " \u2014 failed statements vanish from it" : rank(messagesLevel) > rank("warning") ? " \u2014 warnings such as an approaching transaction ID wraparound vanish from it" : "");
        ctx.report({
          loc,
          message,
          help: `Set log_min_messages = ${suggest("warning", limitMessages)}; to cut log volume, tune what is logged (log_statement, log_min_duration_statement, log_checkpoints) rather than hiding ${QUIET.has(messagesLevel) ? "errors" : "messages"}.`,
          ...alsoStatement?.loc ? { related: [{ message: `${shown2(alsoStatement)} is set here`, loc: alsoStatement.loc }] } : {}
        });
      }
      if (hidesErrors) return;
    }
    if (statement && statementLevel) {
      const loc = where3(statement);
      if (!loc) return;
      const lost = between(limitStatement, statementLevel);
      const message = QUIET.has(statementLevel) || lost.includes("ERROR") ? `${shown2(statement)}${QUIET.has(statementLevel) ? "" : ` is quieter than ${limitStatement}`}: errors are logged without the SQL statement that caused them, so a failing query cannot be traced from the log` : `${shown2(statement)} is quieter than ${limitStatement}: ${list2(lost)} messages are logged without the SQL statement that caused them`;
      ctx.report({
        loc,
        message,
        help: `Set log_min_error_statement = ${suggest("error", limitStatement)}.`
      });
    }
  }
});

// rules/log-line-prefix-incomplete.ts
function prefixEscapes(prefix) {
  const out = /* @__PURE__ */ new Set();
  for (let i = 0; i < prefix.length; i++) {
    if (prefix[i] !== "%") continue;
    i++;
    if (i >= prefix.length) break;
    if (prefix[i] === "%") continue;
    if (prefix[i] <= "9") {
      if (prefix[i] === "-") {
        i++;
        if (i >= prefix.length) break;
      }
      while (i < prefix.length && prefix[i] >= "0" && prefix[i] <= "9") i++;
      if (i >= prefix.length) break;
    }
    out.add(`%${prefix[i]}`);
  }
  return out;
}
var ALTERNATIVES = {
  "%t": ["%t", "%m", "%n"],
  "%m": ["%t", "%m", "%n"],
  "%n": ["%t", "%m", "%n"],
  "%p": ["%p", "%c"],
  "%c": ["%p", "%c"],
  "%h": ["%h", "%r"],
  "%r": ["%h", "%r"]
};
var MEANING2 = {
  "%t": "time",
  "%m": "time",
  "%n": "time",
  "%p": "process id",
  "%c": "session id",
  "%u": "user",
  "%d": "database",
  "%a": "application",
  "%h": "client host",
  "%r": "client host",
  "%s": "session start time",
  "%l": "log line number",
  "%i": "command tag",
  "%e": "SQL state",
  "%x": "transaction id",
  "%v": "virtual transaction id",
  "%b": "backend type",
  "%Q": "query id",
  "%P": "parallel group leader"
};
var WRITTEN = {
  "%p": "[%p]",
  "%u": "user=%u",
  "%d": "db=%d",
  "%a": "app=%a",
  "%h": "client=%h",
  "%r": "client=%r"
};
var DEFAULT_REQUIRED = ["%m", "%p", "%u", "%d", "%a", "%h"];
var log_line_prefix_incomplete_default = defineRule({
  name: "log-line-prefix-incomplete",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "log_line_prefix lacks the user, database, application or client host (or time or process) of each log line",
    why: "Each line of a plain-text server log starts with log_line_prefix. The default, `%m [%p] ` (time and process id, since PostgreSQL 10), says nothing about who caused a message: an error, a logged statement or a failed permission check cannot be tied to a role, a database or a client address, so the log is of little use for auditing or incident response. The rule checks the escapes pgdsat checks for CIS 3.1.24: a timestamp (`%t`, `%m` or `%n`), the process (`%p`, or `%c`, the session id, which contains it), the database `%d`, the user `%u`, the application `%a` and the client host `%h` (`%r`, host and port, counts too). The prefix is read as PostgreSQL reads it: `%%` is a literal percent, paddings such as `%-10u` are understood, and a trailing `%` ends it. Checked only when some destination uses the prefix: stderr, syslog, or csvlog/jsonlog without the logging collector (they then fall back to plain text on stderr); CSV and JSON lines carry these fields themselves. When syslog is the only such destination, the time and the process are not required: syslog records both (PostgreSQL opens it with LOG_PID). pgdsat skips the check for syslog; the rule still wants the who/where fields there. Off by default; the `cis` profile turns it on (CIS 3.1.24).",
    invalid: ["log_line_prefix = '%m [%p] '", "log_line_prefix = '%m [%p] %q%u@%d '"],
    valid: [
      "log_line_prefix = '%m [%p] user=%u db=%d app=%a client=%h '",
      "log_line_prefix = '%t [%-6p] %q%-10u %d %a %r '"
    ],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-LINE-PREFIX",
      "https://github.com/postgres/postgres/blob/master/src/backend/utils/error/elog.c (log_status_format, process_log_prefix_padding)",
      "https://github.com/HexaCluster/pgdsat (check 3.1.24)"
    ],
    versions: "all (the default has been '%m [%p] ' since 10)"
  },
  options: {
    required: opt.stringArray(DEFAULT_REQUIRED, 'The escapes the prefix must contain. A timestamp escape (`%t`, `%m`, `%n`) stands for any other, `%p` and `%c` for each other, `%h` and `%r` for each other. For example `["%u", "%d", "%h"]` wants only the user, database and client host.', { pattern: "^%[A-Za-z]$", uniqueItems: true })
  },
  check(ctx) {
    const prefix = ctx.setting("log_line_prefix");
    const logging = loggingView(ctx);
    if (!prefix || !logging || !logging.prefixed || typeof prefix.value !== "string") return;
    const loc = settingLoc(ctx, prefix);
    if (!loc) return;
    const present = prefixEscapes(prefix.value);
    const syslogOnly = !logging.destinations.has("stderr") && !(logging.destinations.has("csvlog") || logging.destinations.has("jsonlog"));
    const required = ctx.options.required.filter((e) => !(syslogOnly && ["%t", "%m", "%n", "%p", "%c"].includes(e)));
    const missing = required.filter((e) => !(ALTERNATIVES[e] ?? [e]).some((alt) => present.has(alt)));
    if (!missing.length) return;
    const named = missing.map((e) => `${MEANING2[e] ?? "the field"} (${e})`);
    const who = missing.some((e) => ["%u", "%d", "%a", "%h", "%r"].includes(e));
    const fixed = `${prefix.value.replace(/\s+$/, "")} ${missing.map((e) => WRITTEN[e] ?? e).join(" ")} `.replace(/^ /, "");
    ctx.report({
      loc,
      message: `${settingText(prefix)} lacks the ${named.length > 1 ? `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}` : named[0]} of each log line: ` + (who ? "errors and logged statements cannot be tied to who caused them and from where" : missing.every((e) => ["%t", "%m", "%n", "%p", "%c", "%s", "%l"].includes(e)) ? "log lines cannot be ordered in time or tied to the process that wrote them" : "the log lacks what these fields record"),
      help: `Add the missing escapes, e.g. log_line_prefix = ${quoteConf(fixed)}`,
      related: relatedSetting(logging.destination, "log_destination is set here")
    });
  }
});

// rules/log-statement-secrets.ts
var LOGS_ROLE_DDL = /* @__PURE__ */ new Set(["ddl", "mod", "all"]);
var written4 = (s) => s.assignment?.line.value.raw ?? s.canonical;
var log_statement_secrets_default = defineRule({
  name: "log-statement-secrets",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "Statement logging writes CREATE/ALTER ROLE \u2026 PASSWORD '\u2026' to the server log in cleartext",
    why: "log_statement = ddl, mod or all logs every CREATE ROLE and ALTER ROLE statement with its full text, so a password set with `ALTER ROLE app PASSWORD 'secret'` lands in the server log in cleartext \u2014 readable by anyone with access to the log files, the log shipper or the container logs, and kept as long as they are. The CREATE ROLE and ALTER ROLE documentation warns about exactly this. log_min_duration_statement = 0 logs the text of every statement too, as does log_min_duration_sample = 0 (13+) with a sampling rate above 0, and they are reported the same way. DDL logging is often wanted for auditing: keep it, and set passwords so that only a hash is sent \u2014 psql's \\password computes the SCRAM hash on the client \u2014 or lower the logging. Not reported when log_min_messages is fatal or panic (statement logging is at LOG level and is then not written; log-level-too-quiet reports that). log_min_error_statement is not reported: at its default (error) the text of a failing statement is logged, so a mistyped ALTER ROLE \u2026 PASSWORD can reach the log on any server, which no setting short of hiding errors prevents. log_transaction_sample_rate (12+) is not checked either.",
    invalid: ["log_statement = 'ddl'", "log_min_duration_statement = 0"],
    valid: ["log_statement = 'none'\nlog_min_duration_statement = 1000", "log_statement = 'all'\nlog_min_messages = panic"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-STATEMENT",
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-MIN-DURATION-STATEMENT",
      "https://www.postgresql.org/docs/current/sql-createrole.html",
      "https://www.postgresql.org/docs/current/sql-alterrole.html",
      "https://www.postgresql.org/docs/current/app-psql.html (\\password)"
    ],
    versions: "all (log_min_duration_sample is 13+)"
  },
  check(ctx) {
    const minMessages = ctx.setting("log_min_messages");
    if (typeof minMessages?.value === "string" && ["fatal", "panic"].includes(minMessages.value.toLowerCase())) return;
    const statement = ctx.setting("log_statement");
    const duration = ctx.setting("log_min_duration_statement");
    const sample = ctx.setting("log_min_duration_sample");
    const rate = ctx.setting("log_statement_sample_rate");
    const durationAll = duration?.loc && duration.value === 0 ? duration : void 0;
    const sampleAll = sample?.loc && sample.value === 0 && typeof rate?.value === "number" && rate.value > 0 ? sample : void 0;
    const byDuration = [durationAll, sampleAll].filter((s) => s !== void 0);
    const help = "Keep the logging but set passwords so that only a hash is sent: psql's \\password (or a client that sends a SCRAM-SHA-256 hash); or lower the logging (log_statement = 'none', log_min_duration_statement above 0). Rotate the passwords already in the logs.";
    if (statement?.loc && typeof statement.value === "string" && LOGS_ROLE_DDL.has(statement.value)) {
      ctx.report({
        loc: statement.loc,
        message: `log_statement = ${written4(statement)} logs CREATE ROLE / ALTER ROLE \u2026 PASSWORD '\u2026' with its full text: a password set in SQL is written to the server log in cleartext`,
        help,
        ...byDuration.length ? { related: byDuration.map((s) => ({ message: `${s.name} = ${written4(s)} logs every statement's text as well`, loc: s.loc })) } : {}
      });
      return;
    }
    const first = byDuration[0];
    if (!first) return;
    ctx.report({
      loc: first.loc,
      message: `${first.name} = ${written4(first)} logs the text of every ${first === sampleAll ? "sampled " : ""}statement, including CREATE ROLE / ALTER ROLE \u2026 PASSWORD '\u2026': a password set in SQL is written to the server log in cleartext`,
      help,
      ...byDuration.length > 1 ? { related: [{ message: `${byDuration[1].name} = ${written4(byDuration[1])} logs statement text as well`, loc: byDuration[1].loc }] } : {}
    });
  }
});

// rules/log-timezone-not-utc.ts
var UTC_NAMES = new Set(
  [
    "UTC",
    "Etc/UTC",
    "UCT",
    "Etc/UCT",
    "Universal",
    "Etc/Universal",
    "Zulu",
    "Etc/Zulu",
    "GMT",
    "Etc/GMT",
    "GMT0",
    "Etc/GMT0",
    "GMT+0",
    "Etc/GMT+0",
    "GMT-0",
    "Etc/GMT-0",
    "Greenwich",
    "Etc/Greenwich"
  ].map((n) => n.toLowerCase())
);
var isUtcZone = (name) => UTC_NAMES.has((name.startsWith(":") ? name.slice(1) : name).toLowerCase());
var log_timezone_not_utc_default = defineRule({
  name: "log-timezone-not-utc",
  severity: "info",
  category: "maintenance",
  tags: ["reliability"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "log_timezone is a zone other than UTC/GMT: log timestamps need converting, and repeat an hour where daylight saving time ends",
    why: "log_timezone decides the zone of the timestamps in the server log (%t, %m, %n in log_line_prefix, csvlog and jsonlog). In a local zone, an hour repeats every autumn when daylight saving time ends, so events of that hour cannot be put in order from the log, and logs from servers in different zones cannot be merged or compared with other systems without converting each. UTC has neither problem. The CIS PostgreSQL Benchmark asks for GMT or UTC (3.1.26).\n\nAccepted (in any letter case, with or without a leading `:`): UTC, Etc/UTC, UCT, Etc/UCT, Universal, Etc/Universal, Zulu, Etc/Zulu, GMT, Etc/GMT, GMT0, Etc/GMT0, GMT+0, Etc/GMT+0, GMT-0, Etc/GMT-0, Greenwich and Etc/Greenwich \u2014 the names that PostgreSQL's time zone files make the same zone as UTC or GMT. pgdsat accepts only the spellings GMT and UTC, so it would still report the others (`Etc/UTC` is a common one). Any other zone, and POSIX-style specifications such as `UTC0`, are reported. Absent, log_timezone is GMT (the compiled-in default), which passes; note that initdb writes the operating system's zone into the postgresql.conf it generates (`log_timezone = 'Europe/Paris'`), so a file derived from an initdb-generated one usually sets it. The PostgreSQL STIG asks for the site's zone, UTC unless the site says otherwise (V-233532: its check compares SHOW log_timezone with that zone; strictly, the absent default GMT is not the spelling it expects, although it is the same zone). Off by default; the `cis` profile (CIS 3.1.26) and the `stig` profile (V-233532) turn it on.",
    invalid: ["log_timezone = 'Europe/Paris'"],
    valid: ["log_timezone = 'UTC'", "log_timezone = 'Etc/UTC'", "timezone = 'Europe/Paris'"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-TIMEZONE",
      "https://www.postgresql.org/docs/current/datatype-datetime.html#DATATYPE-TIMEZONES",
      "https://www.postgresql.org/docs/current/app-initdb.html",
      "https://github.com/HexaCluster/pgdsat (check 3.1.26)",
      "https://github.com/mitre/crunchy-data-postgresql-stig-baseline (controls/V-233532.rb)"
    ],
    versions: "all (log_timezone exists in every supported major; its compiled-in default is GMT)"
  },
  check(ctx) {
    const s = ctx.setting("log_timezone");
    if (!s?.loc || typeof s.value !== "string" || isUtcZone(s.value)) return;
    ctx.report({
      loc: s.loc,
      message: `log_timezone = ${s.assignment?.line.value.raw ?? s.value}: server log timestamps are not in UTC \u2014 logs of servers in other zones must be converted before they can be merged, and in a zone with daylight saving time an hour of log repeats every year`,
      help: "Set log_timezone = 'UTC' (the timezone parameter, which clients see, can stay local)."
    });
  }
});

// rules/log-truncate-on-rotation-off.ts
var log_truncate_on_rotation_off_default = defineRule({
  name: "log-truncate-on-rotation-off",
  severity: "warning",
  category: "maintenance",
  tags: ["reliability"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "log_truncate_on_rotation is off (absent means off) while the logging collector writes log files: old log files are never overwritten",
    why: "With log_truncate_on_rotation off, a time-based rotation that reuses a file name (a cyclic log_filename such as `postgresql-%a.log`, one file per weekday) appends to last week's file instead of replacing it, so it grows without bound; with a name that never repeats (the default `postgresql-%Y-%m-%d_%H%M%S.log`) PostgreSQL never removes anything. Either way the log directory grows until something outside PostgreSQL cleans it, or the disk fills. Turning truncation on bounds the logs only together with a cyclic log_filename and log_rotation_age: the finding names the log_filename in use. Truncation applies to time-based rotation only (not to size-based rotation or a restart). Where logs must be retained for an audit, ship them elsewhere before they are overwritten. As pgdsat does for CIS 3.1.7, the rule checks it only when the collector writes PostgreSQL's messages to files (logging_collector = on and log_destination names stderr, csvlog or jsonlog). Off by default; the `cis` profile turns it on (CIS 3.1.7).",
    invalid: ["logging_collector = on\nlog_filename = 'postgresql-%a.log'"],
    valid: ["logging_collector = on\nlog_truncate_on_rotation = on\nlog_filename = 'postgresql-%a.log'", "log_truncate_on_rotation = off"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-TRUNCATE-ON-ROTATION",
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-FILENAME",
      "https://github.com/HexaCluster/pgdsat (check 3.1.7)"
    ],
    versions: "all"
  },
  check(ctx) {
    const truncate = ctx.setting("log_truncate_on_rotation");
    const logging = loggingView(ctx);
    if (!truncate || truncate.value !== false || !logging?.writesFiles) return;
    const loc = settingLoc(ctx, truncate);
    if (!loc) return;
    const filename = ctx.setting("log_filename");
    const named = filename ? `log_filename = ${shownValue(filename)}` : "log_filename";
    ctx.report({
      loc,
      message: `${settingText(truncate)} with the logging collector on: rotation never overwrites an old log file (${named}), so the log directory grows until something outside PostgreSQL removes files or the disk fills`,
      help: "Set log_truncate_on_rotation = on with a cyclic log_filename and log_rotation_age, e.g. log_filename = 'postgresql-%a.log' and log_rotation_age = 1d (a week of logs); ship logs elsewhere first if they must be kept longer.",
      related: relatedSetting(logging.collector, "the logging collector is turned on here")
    });
  }
});

// rules/logging-collector-off.ts
var logging_collector_off_default = defineRule({
  name: "logging-collector-off",
  severity: "warning",
  category: "maintenance",
  tags: ["reliability"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "logging_collector is off (absent means off) while log_destination sends messages to stderr, csvlog or jsonlog",
    why: "Without the logging collector, messages sent to stderr go wherever the postmaster's standard error happens to point: a `pg_ctl -l` file, the service manager's journal, or nowhere when it was started detached. PostgreSQL neither rotates nor keeps them, and lines written by many processes at once can be interleaved; the collector is the part of PostgreSQL designed not to lose them. csvlog and jsonlog (15+) need the collector: without it no CSV or JSON file is ever written, and each message falls back to plain text on stderr (elog.c, send_message_to_server_log; real servers do so) \u2014 the structured log a log pipeline expects does not exist. An empty log_destination, which makes the server write no log at all, is reported by log-destination-empty (on by default), not here. A log_destination of syslog alone is not reported (syslog is a collector of its own; pgdsat wants the collector even then). Containers that read the server's stderr on purpose are a deliberate choice this rule does not know about: disable it there. Off by default; the `cis` profile turns it on (CIS 3.1.2, 3.1.3).",
    invalid: ["log_destination = 'csvlog'", "logging_collector = off\nlog_destination = 'stderr'"],
    valid: ["logging_collector = on\nlog_destination = 'csvlog'", "log_destination = 'syslog'"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOGGING-COLLECTOR",
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-DESTINATION",
      "https://github.com/postgres/postgres/blob/master/src/backend/utils/error/elog.c (send_message_to_server_log)",
      "https://github.com/HexaCluster/pgdsat (checks 3.1.2, 3.1.3)"
    ],
    versions: "all (jsonlog is 15+)"
  },
  check(ctx) {
    const logging = loggingView(ctx);
    if (!logging) return;
    const { destination, destinations, collector } = logging;
    if (logging.collectorOn) return;
    const structured = ["csvlog", "jsonlog"].filter((d) => destinations.has(d));
    if (!structured.length && !destinations.has("stderr")) return;
    const loc = settingLoc(ctx, collector);
    if (!loc) return;
    const dest = `log_destination = ${shownValue(destination)}${destination.isDefault ? " (the default)" : ""}`;
    ctx.report({
      loc,
      message: structured.length ? `${settingText(collector)} while ${dest} needs it: no ${structured.map((d) => d === "csvlog" ? "CSV" : "JSON").join(" or ")} log file is written \u2014 every message falls back to plain text on the postmaster's stderr` : `${settingText(collector)} while ${dest}: the server log goes to the postmaster's stderr, wherever the service manager points it, without rotation, and lines of concurrent processes can interleave`,
      help: "Set logging_collector = on (a restart is needed), with log_directory outside the data directory.",
      related: relatedSetting(destination, "log_destination is set here")
    });
  }
});

// rules/memory-overcommit.ts
var TIB = 1024 ** 4;
var GIB = 1024 ** 3;
var MEMORY_FACTOR = 2;
var ABSURD_BYTES = TIB;
var UNIT_BYTES = { B: 1, kB: 1024, MB: 1024 ** 2, "8kB": 8192 };
function bytes(s) {
  if (!s || typeof s.value !== "number" || s.value < 0) return void 0;
  const unit = UNIT_BYTES[s.def.unit ?? ""];
  return unit === void 0 ? void 0 : s.value * unit;
}
var count = (s) => s && typeof s.value === "number" ? s.value : void 0;
function formatBytes(n) {
  const units = [["TB", TIB], ["GB", GIB], ["MB", 1024 ** 2], ["kB", 1024]];
  for (const [u, size] of units) {
    if (n >= size) {
      const v = n / size;
      return `${Number.isInteger(v) ? v : v.toFixed(1).replace(/\.0$/, "")}${u}`;
    }
  }
  return `${n}B`;
}
var shown3 = (s) => {
  if (s.assignment) return `${s.name} = ${s.assignment.line.value.raw}`;
  const b = bytes(s);
  return `${s.name} = ${b === void 0 ? s.canonical : formatBytes(b)} (default)`;
};
var memory_overcommit_default = defineRule({
  name: "memory-overcommit",
  severity: "warning",
  category: "durability",
  tags: ["performance"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  needs: ["memoryBytes"],
  docs: {
    summary: "work_mem \xD7 max_connections plus shared_buffers (and autovacuum memory) is far above the server's memory",
    why: `work_mem is not a limit per connection: every sort and hash step of every query may use that much (hash steps hash_mem_multiplier times as much, and each parallel worker its own). shared_buffers is allocated at startup, and each autovacuum worker may use autovacuum_work_mem (or maintenance_work_mem when that is -1; up to PostgreSQL 16 vacuum used at most 1GB of it). The rule takes the smallest honest worst case \u2014 shared_buffers + max_connections \xD7 work_mem + autovacuum_max_workers \xD7 the autovacuum memory \u2014 and reports it when it is more than ${MEMORY_FACTOR} times the memory declared with \`assume.memory\` (the server's RAM; half the connections sorting at once would already exhaust it), or, without that declaration, when it is ${formatBytes(ABSURD_BYTES)} or more, which no real server has to spare. When it happens, the kernel's OOM killer ends a backend and PostgreSQL restarts every session to recover (or, with overcommit disabled, queries fail with "out of memory"). The finding is located at the written setting whose term is largest (usually work_mem) and names the others; settings absent from the files count with the target major's defaults. maintenance_work_mem for CREATE INDEX and manual VACUUM is not counted: those run one at a time.`,
    invalid: ["work_mem = 16GB\nmax_connections = 200\nshared_buffers = 96GB", "work_mem = 2GB\nmax_connections = 1000"],
    valid: ["work_mem = 64MB\nmax_connections = 200", "work_mem = 1GB\nmax_connections = 100"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-WORK-MEM",
      "https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-SHARED-BUFFERS",
      "https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-AUTOVACUUM-WORK-MEM",
      "https://www.postgresql.org/docs/current/kernel-resources.html#LINUX-MEMORY-OVERCOMMIT"
    ],
    versions: "all (vacuum memory capped at 1GB up to 16; autovacuum_worker_slots caps the workers from 18)",
    optionsNote: `Reads \`assume.memory\` (the server's RAM, e.g. \`memory: 64GB\`) from the config: with it, the rule reports a worst case above ${MEMORY_FACTOR}\xD7 that memory; without it, only a worst case of ${formatBytes(ABSURD_BYTES)} or more.`
  },
  check(ctx) {
    const workMem = ctx.setting("work_mem");
    const connections = ctx.setting("max_connections");
    const sharedBuffers = ctx.setting("shared_buffers");
    const wm = bytes(workMem);
    const mc = count(connections);
    const sb = bytes(sharedBuffers);
    if (!workMem || !connections || !sharedBuffers || wm === void 0 || mc === void 0 || sb === void 0) return;
    const avWorkers = ctx.setting("autovacuum_max_workers");
    const avSlots = ctx.setting("autovacuum_worker_slots");
    const avWorkMem = ctx.setting("autovacuum_work_mem");
    const maintenance = ctx.setting("maintenance_work_mem");
    const avMemSetting = bytes(avWorkMem) !== void 0 ? avWorkMem : maintenance;
    let avMem = bytes(avMemSetting) ?? 0;
    if (ctx.major <= 16) avMem = Math.min(avMem, GIB);
    const workers = Math.min(count(avWorkers) ?? 0, count(avSlots) ?? Infinity);
    const terms = [
      { bytes: mc * wm, at: [workMem, connections], text: `max_connections ${mc} \xD7 work_mem ${formatBytes(wm)} = ${formatBytes(mc * wm)}` },
      { bytes: sb, at: [sharedBuffers], text: `shared_buffers ${formatBytes(sb)}` },
      {
        bytes: workers * avMem,
        at: [avMemSetting, avWorkers].filter((s) => s !== void 0),
        text: `${workers} autovacuum workers \xD7 ${formatBytes(avMem)} = ${formatBytes(workers * avMem)}`
      }
    ];
    const total = terms.reduce((n, t) => n + t.bytes, 0);
    const memory = ctx.assume.memoryBytes;
    const known = memory !== void 0 && Number.isFinite(memory) && memory > 0;
    if (known ? total <= MEMORY_FACTOR * memory : total < ABSURD_BYTES) return;
    const ordered = [...terms].sort((a, b) => b.bytes - a.bytes);
    const target = ordered.flatMap((t) => t.at).find((s) => s.loc);
    if (!target?.loc) return;
    const related = ordered.flatMap((t) => t.at).filter((s, i, all) => s !== target && s.loc && all.indexOf(s) === i).map((s) => ({ message: `${shown3(s)} is set here`, loc: s.loc }));
    const limit = known ? `more than ${MEMORY_FACTOR} times the ${formatBytes(memory)} of memory assumed (assume.memory)` : `${formatBytes(ABSURD_BYTES)} or more, more than any server has (assume.memory is not set)`;
    ctx.report({
      loc: target.loc,
      message: `${shown3(target)}: a worst case of ${formatBytes(total)} (${ordered.filter((t) => t.bytes > 0).map((t) => t.text).join(" + ")}) is ${limit}; concurrent sorts and hashes can exhaust memory, and the OOM killer then takes down a backend and every session with it`,
      help: target === workMem ? "Lower work_mem (a few MB to a few hundred MB for most workloads) and raise it per session or role (SET work_mem, ALTER ROLE \u2026 SET) for the queries that need it; or use a connection pooler and fewer max_connections." : `Lower ${target.name} so that the worst case fits the server's memory${known ? "" : ", and declare the memory with assume.memory"}.`,
      ...related.length ? { related } : {}
    });
  }
});

// rules/missing-include.ts
var missing_include_default = defineRule({
  name: "missing-include",
  severity: "error",
  category: "validity",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "An include that PostgreSQL cannot follow",
    why: "`include` and `include_dir` targets must exist (only `include_if_exists` may be missing): otherwise the server refuses to start and a reload ignores the whole file. A missing `include_dir` directory is a warning, not an error: git cannot store an empty directory, and packagers create one on the server (Debian's pg_createcluster creates `conf.d` for its `include_dir = 'conf.d'`), so a repository without it may still deploy correctly. Commit a placeholder PostgreSQL skips (`conf.d/.gitkeep`: include_dir reads only `*.conf` files not starting with `.`) to make the repository say what the server has. Relative paths are resolved against the directory of the file that contains the directive, not the data directory. Include cycles and nesting deeper than 10 levels are errors too. Targets outside the checked repository are not read and are reported as a warning, because they cannot be verified. Targets inside the `.git` directory are never read and are an error.",
    invalid: ["include 'does-not-exist.conf'", "include_dir 'conf.d'"],
    valid: ["include_if_exists 'does-not-exist.conf'", { "postgresql.conf": "include_dir 'conf.d'", "conf.d/.gitkeep": "" }],
    references: ["https://www.postgresql.org/docs/current/config-setting.html#CONFIG-INCLUDES"],
    versions: "all"
  },
  check(ctx) {
    const directiveAt = (p) => {
      const line = ctx.cluster.conf?.files.get(p.file.absPath)?.lines[p.lineNumber - 1];
      return line?.kind === "include" ? line.directive : void 0;
    };
    for (const p of ctx.cluster.problems) {
      if (p.kind !== "include") continue;
      let message;
      let help;
      let severity;
      switch (p.reason) {
        case "outside-root":
          message = `${p.detail}: it was not read, so the settings in it are not checked`;
          help = "Keep included files inside the repository, or check them where they live.";
          severity = "warning";
          break;
        case "git-dir":
          message = p.detail ?? p.message;
          help = "Configuration never lives in .git/; include a file of the repository instead.";
          break;
        case "cycle":
          message = `${p.detail}: PostgreSQL fails with "maximum nesting depth exceeded" and refuses to start`;
          help = "Break the cycle: each file should be included once.";
          break;
        case "too-many":
          message = p.message;
          help = "Include each file once; pgconf-lint stops reading includes after this many, and the rest is not checked.";
          break;
        case "missing":
          if (directiveAt(p) === "include_dir") {
            message = `${p.message}: git stores no empty directory, so it may exist on the server; if it does not, PostgreSQL refuses to start`;
            help = "If the directory exists on the server (Debian's pg_createcluster creates conf.d), commit it with a file PostgreSQL skips, such as conf.d/.gitkeep (include_dir reads only *.conf files not starting with '.'); otherwise fix the path or remove the include_dir line (there is no include_dir_if_exists).";
            severity = "warning";
          } else {
            message = `${p.message}: PostgreSQL refuses to start`;
            help = "Fix the path (relative paths start at the including file's directory), or use include_if_exists.";
          }
          break;
        default:
          message = `${p.message}: PostgreSQL refuses to start`;
      }
      ctx.report({ loc: p.loc, message, help, ...severity ? { severity } : {} });
    }
  }
});

// rules/parallel-workers-exceed.ts
var num = (s) => s && typeof s.value === "number" ? s.value : void 0;
var shown4 = (s) => `${s.name} = ${s.canonical}${s.isDefault ? " (default)" : ""}`;
var parallel_workers_exceed_default = defineRule({
  name: "parallel-workers-exceed",
  severity: "warning",
  category: "validity",
  tags: ["performance"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "A parallel-worker limit set above the pool it draws from (max_worker_processes, or max_parallel_workers): the surplus workers can never start",
    why: "Parallel workers are background worker processes: every one is taken from the max_worker_processes slots (shared with logical replication workers and extensions), and parallel query and parallel maintenance together may use at most max_parallel_workers of them. A max_parallel_workers above max_worker_processes, or a max_parallel_workers_per_gather or max_parallel_maintenance_workers (11+) above the smaller of the two, promises workers that can never start: the planner plans for them, and each Gather, CREATE INDEX or VACUUM gets fewer than configured (often none when the slots are busy). It usually means max_worker_processes, which needs a restart, was forgotten when the parallel settings were raised. Only settings written in the files are reported; the target major's defaults count for the limits (max_worker_processes 8, max_parallel_workers 8).",
    invalid: ["max_worker_processes = 4\nmax_parallel_workers = 8", "max_parallel_workers_per_gather = 16"],
    valid: [
      "max_worker_processes = 16\nmax_parallel_workers = 16\nmax_parallel_workers_per_gather = 8",
      "max_worker_processes = 4"
    ],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-MAX-WORKER-PROCESSES",
      "https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-MAX-PARALLEL-WORKERS",
      "https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-MAX-PARALLEL-WORKERS-PER-GATHER",
      "https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-MAX-PARALLEL-MAINTENANCE-WORKERS",
      "https://www.postgresql.org/docs/current/how-parallel-query-works.html"
    ],
    versions: "all (max_parallel_maintenance_workers is 11+)"
  },
  check(ctx) {
    const processes = ctx.setting("max_worker_processes");
    const parallel = ctx.setting("max_parallel_workers");
    const w = num(processes);
    if (!processes || w === void 0) return;
    const p = num(parallel);
    const report = (s, limit, what) => {
      if (!s.loc) return;
      const l = num(limit);
      ctx.report({
        loc: s.loc,
        message: `${s.name} = ${s.canonical} is above ${shown4(limit)}: ${what} at most ${l} can ever start, the other ${num(s) - l} never do`,
        help: limit === processes ? `Raise max_worker_processes (a restart) to at least ${num(s)} plus the workers of extensions and logical replication, or lower ${s.name} to ${l}.` : `Raise max_parallel_workers to at least ${num(s)} (and max_worker_processes with it), or lower ${s.name} to ${l}.`,
        ...limit.loc ? { related: [{ message: `${limit.name} = ${limit.canonical} is set here`, loc: limit.loc }] } : {}
      });
    };
    if (parallel && p !== void 0 && p > w) report(parallel, processes, "of the parallel workers it allows,");
    const pool = parallel && p !== void 0 && p < w ? parallel : processes;
    const poolSize = num(pool);
    const gather = ctx.setting("max_parallel_workers_per_gather");
    if (gather && (num(gather) ?? 0) > poolSize) report(gather, pool, "of the workers planned for one Gather,");
    const maintenance = ctx.setting("max_parallel_maintenance_workers");
    if (maintenance && (num(maintenance) ?? 0) > poolSize) report(maintenance, pool, "of the workers one CREATE INDEX or VACUUM asks for,");
  }
});

// rules/password-check-not-loaded.ts
var PASSWORD_METHODS = ["password", "md5", "scram-sha-256"];
var password_check_not_loaded_default = defineRule({
  name: "password-check-not-loaded",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "Neither passwordcheck nor credcheck is preloaded: nothing enforces password strength on CREATE/ALTER ROLE \u2026 PASSWORD",
    why: "PostgreSQL itself accepts any password in CREATE ROLE \u2026 PASSWORD and ALTER ROLE \u2026 PASSWORD, including one equal to the role name or a single character. A password-check module rejects weak ones when they are set: passwordcheck (shipped with PostgreSQL) or credcheck (length, character classes, reuse). Without one, a role with password, md5 or scram-sha-256 authentication can be given a password that falls to the first guesses of an attacker. Either module counts when it is in shared_preload_libraries, session_preload_libraries or local_preload_libraries (matched by file name: `$libdir/passwordcheck` and `passwordcheck.so` count). When the cluster's pg_hba.conf is in the repository and none of its records uses password, md5 or scram-sha-256 authentication, no password is used to log in and nothing is reported. A module can only judge a password sent in clear text: psql's \\password and most drivers send it already hashed, which passwordcheck cannot check (credcheck can refuse such passwords). A list with bad syntax is invalid-value's finding. Off by default; the `cis` profile turns it on (CIS 5.6).",
    invalid: ["shared_preload_libraries = 'pg_stat_statements'", { "postgresql.conf": "port = 5432", "pg_hba.conf": "host all all 10.0.0.0/8 scram-sha-256" }],
    valid: [
      "shared_preload_libraries = 'pg_stat_statements, passwordcheck'",
      "shared_preload_libraries = '$libdir/credcheck'",
      { "postgresql.conf": "port = 5432", "pg_hba.conf": "local all all peer\nhostssl all all 10.0.0.0/8 cert" }
    ],
    references: [
      "https://www.postgresql.org/docs/current/passwordcheck.html",
      "https://github.com/HexaCluster/credcheck",
      "https://www.postgresql.org/docs/current/sql-createrole.html"
    ],
    versions: "all"
  },
  check(ctx) {
    const at = ctx.clusterLoc();
    const lists = PRELOAD_PARAMS.map((p) => preloadList(ctx, p));
    const spl = lists[0];
    if (!at || !spl || lists.some((l) => l?.elements === null)) return;
    if (lists.some((l) => listLoads(l, "passwordcheck", "credcheck"))) return;
    const hba2 = ctx.cluster.hba;
    const passwordRecord = hba2?.lines.find((l) => l.record && PASSWORD_METHODS.includes(l.record.method))?.record;
    if (hba2 && !passwordRecord) return;
    ctx.report({
      loc: spl.setting.loc ?? at,
      message: `${settingText(spl.setting)} loads neither passwordcheck nor credcheck: CREATE/ALTER ROLE \u2026 PASSWORD accepts any password, however short or guessable`,
      help: `Load a password-check module (a restart is needed): ${lineAdding(spl, "passwordcheck")} (shipped with PostgreSQL), or credcheck for configurable rules.`,
      ...passwordRecord ? { related: [{ message: `this record authenticates with ${passwordRecord.method} passwords`, loc: tokenLoc(passwordRecord.methodToken) }] } : {}
    });
  }
});

// rules/password-encryption-md5.ts
var password_encryption_md5_default = defineRule({
  name: "password-encryption-md5",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  fixable: "sometimes",
  options: {
    flagDefault: opt.boolean(false, "Also report a password_encryption that no file sets where the default is md5 (PostgreSQL 10\u201313), at the start of postgresql.conf.")
  },
  docs: {
    summary: "password_encryption is md5 (or, up to 13, on/true/yes/1, which mean md5)",
    why: "password_encryption decides how CREATE ROLE \u2026 PASSWORD and ALTER ROLE \u2026 PASSWORD store new passwords. An MD5 hash is salted only with the user name, so a leaked pg_authid (a backup, a replica, a log) can be brute-forced quickly, and the hash itself is enough to log in with md5 authentication. SCRAM-SHA-256 avoids both and is the default since PostgreSQL 14; PostgreSQL 18 deprecates MD5 passwords and warns when one is set. Up to PostgreSQL 13 the old boolean spellings on, true, yes and 1 are accepted and mean md5. The fix (unsafe, for a value a file sets) writes 'scram-sha-256': clients need libpq 10 or newer, and a role whose password is then changed gets a SCRAM secret, which an `md5` pg_hba.conf record still accepts.",
    invalid: ["password_encryption = md5"],
    valid: ["password_encryption = 'scram-sha-256'", "password_encryption = scram-sha-256"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-PASSWORD-ENCRYPTION",
      "https://www.postgresql.org/docs/current/auth-password.html"
    ],
    versions: "all (10\u201313 also accept on/true/yes/1 as md5)",
    optionsNote: "`flagDefault` is off by default: on those majors an absent setting is the norm, and the finding would say nothing about what the repository chose; the `cis` profile (5.12) and the `stig` profile (V-233596) turn it on, since both ask for scram-sha-256 whatever the default."
  },
  check(ctx) {
    const pe = ctx.setting("password_encryption");
    if (pe?.value !== "md5") return;
    if (!pe.loc) {
      const loc = ctx.options.flagDefault === true ? requiredSettingLoc(ctx, pe) : void 0;
      if (!loc) return;
      ctx.report({
        loc,
        message: `password_encryption (not set; the default of PostgreSQL ${ctx.major} is md5): new and changed passwords are stored as MD5 hashes, which are weak and can be replayed to log in`,
        help: "Add password_encryption = 'scram-sha-256' (clients need libpq 10 or newer); existing MD5 passwords stay until each role's password is set again."
      });
      return;
    }
    const raw = pe.assignment?.line.value.raw ?? pe.canonical;
    const written6 = pe.assignment?.line.value.value ?? pe.canonical;
    const alias = written6.toLowerCase() === "md5" ? "" : ` (PostgreSQL ${ctx.major} reads it as md5)`;
    ctx.report({
      loc: pe.loc,
      fix: {
        title: "Set password_encryption = 'scram-sha-256' (clients older than libpq 10 cannot log in to roles whose password is set afterwards)",
        edits: [{ loc: pe.loc, text: "'scram-sha-256'" }],
        applicability: "unsafe"
      },
      message: `password_encryption = ${raw}${alias}: new and changed passwords are stored as MD5 hashes, which are weak and can be replayed to log in`,
      help: "Set password_encryption = 'scram-sha-256' (the default from 14); existing MD5 passwords stay until each role's password is set again."
    });
  }
});

// rules/pgaudit-not-configured.ts
var CLASSES = ["read", "write", "function", "role", "ddl", "misc", "misc_set"];
var WHAT2 = {
  read: "SELECT and COPY from tables",
  write: "INSERT, UPDATE, DELETE, TRUNCATE and COPY into tables",
  function: "function calls and DO blocks",
  role: "GRANT, REVOKE and CREATE/ALTER/DROP ROLE",
  ddl: "CREATE, ALTER and DROP of objects other than roles",
  misc: "DISCARD, FETCH, CHECKPOINT, VACUUM and SET",
  misc_set: "SET"
};
function classesOf(token2) {
  if (token2 === "all") return CLASSES;
  if (token2 === "none") return [];
  if (token2 === "misc") return ["misc", "misc_set"];
  return CLASSES.includes(token2) ? [token2] : void 0;
}
function auditClasses(value) {
  const tokens = splitIdentifierString(value);
  if (tokens === null) return "its list syntax is invalid";
  const out = /* @__PURE__ */ new Set();
  for (const t of tokens) {
    const subtract = t.startsWith("-");
    const name = (subtract ? t.slice(1) : t).toLowerCase();
    const classes = classesOf(name);
    if (classes === void 0) return `"${subtract ? name : t}" is not a pgaudit class`;
    for (const c of classes) {
      if (subtract) out.delete(c);
      else out.add(c);
    }
  }
  return out;
}
var DEFAULT_CLASSES = ["ddl", "write"];
var pgaudit_not_configured_default = defineRule({
  name: "pgaudit-not-configured",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  options: {
    classes: opt.stringArray(DEFAULT_CLASSES, "The pgaudit classes pgaudit.log must include (the default is what pgdsat requires for CIS 3.2). Add `role` to require GRANT/REVOKE and role changes to be audited as well.", { enum: CLASSES, uniqueItems: true })
  },
  docs: {
    summary: "pgaudit is not in shared_preload_libraries, or pgaudit.log does not log the required statement classes (ddl and write by default)",
    why: "The server log alone is no audit trail: log_statement logs statement text as sent (not the objects a function or a view touches) and cannot select by kind of statement. pgaudit writes a structured AUDIT record per statement of the classes pgaudit.log names. It works only when loaded through shared_preload_libraries (it refuses to load from the other lists), and it logs nothing until pgaudit.log names classes: its default is none. Without it, who changed a table definition, dropped an object or rewrote data leaves no audit record. pgaudit.log is read as pgaudit reads it: a comma-separated list of read, write, function, role, ddl, misc, misc_set, all and none, where `-class` removes a class (`all, -misc`); a value with an unknown class or bad list syntax is rejected with a warning when pgaudit loads, and the default none stays. Libraries are matched by file name, so `$libdir/pgaudit` and `pgaudit.so` count, and `pgauditlogtofile` does not. A shared_preload_libraries list with bad syntax loads nothing; that is invalid-value's finding, not this rule's. pgaudit.log set per database or role (ALTER DATABASE/ROLE \u2026 SET) is not in the files and is not seen. Off by default; the `cis` profile turns it on (CIS 3.2).",
    invalid: ["shared_preload_libraries = 'pg_stat_statements'", "shared_preload_libraries = 'pgaudit'\npgaudit.log = 'ddl'"],
    valid: [
      "shared_preload_libraries = 'pg_stat_statements, pgaudit'\npgaudit.log = 'ddl, write, role'",
      "shared_preload_libraries = '$libdir/pgaudit'\npgaudit.log = 'all, -misc'"
    ],
    references: [
      "https://github.com/pgaudit/pgaudit/blob/main/README.md",
      "https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-SHARED-PRELOAD-LIBRARIES",
      "https://www.postgresql.org/docs/current/runtime-config-custom.html"
    ],
    versions: "all (pgaudit has a release per major; the misc_set class is in pgaudit 1.5 and later)"
  },
  check(ctx) {
    const at = ctx.clusterLoc();
    const spl = preloadList(ctx, "shared_preload_libraries");
    if (!at || !spl || spl.elements === null) return;
    const required = ctx.options.classes ?? DEFAULT_CLASSES;
    const unaudited = required.length ? required.map((c) => WHAT2[c]).join("; ") : "statements";
    const wantedText = `'${(required.length ? required : DEFAULT_CLASSES).join(", ")}'`;
    if (!listLoads(spl, "pgaudit")) {
      const elsewhere = ["session_preload_libraries", "local_preload_libraries"].find((p) => listLoads(preloadList(ctx, p), "pgaudit"));
      ctx.report({
        loc: spl.setting.loc ?? at,
        message: `${settingText(spl.setting)} does not load pgaudit${elsewhere ? ` (pgaudit refuses to load from ${elsewhere}: it must be in shared_preload_libraries)` : ""}: no audit record is written, so ${unaudited} leave no audit trail`,
        help: `Load it (a restart is needed): ${lineAdding(spl, "pgaudit")}; then set pgaudit.log = ${wantedText} and run CREATE EXTENSION pgaudit.`
      });
      return;
    }
    const loadedAt = spl.setting.loc ? [{ message: "pgaudit is loaded here", loc: spl.setting.loc }] : [];
    const log = customSetting(ctx, "pgaudit.log");
    if (!log) {
      if (!required.length) return;
      ctx.report({
        loc: at,
        message: `pgaudit.log (not set; the default is none): pgaudit is loaded but logs no statement, so ${unaudited} leave no audit record`,
        help: `Set pgaudit.log = ${wantedText}.`,
        related: loadedAt
      });
      return;
    }
    const classes = auditClasses(log.value);
    if (typeof classes === "string") {
      ctx.report({
        loc: log.loc,
        message: `pgaudit.log = ${log.raw} is rejected by pgaudit (${classes}): it warns when it loads and keeps the default none, so nothing is audit-logged`,
        help: `Write the classes as a comma-separated list, e.g. pgaudit.log = ${wantedText}.`,
        related: loadedAt
      });
      return;
    }
    const missing = required.filter((c) => !classes.has(c));
    if (!missing.length) return;
    const current = log.value.trim();
    const fixed = classes.size === 0 && !current.includes("-") ? missing.join(", ") : `${current}, ${missing.join(", ")}`;
    ctx.report({
      loc: log.loc,
      message: `pgaudit.log = ${log.raw} does not log ${missing.map((c) => `${c} (${WHAT2[c]})`).join(" or ")}: those statements leave no audit record`,
      help: `Set pgaudit.log = '${fixed.replace(/'/g, "''")}'.`,
      related: loadedAt
    });
  }
});

// rules/recovery-conf-obsolete.ts
var RECOVERY_ONLY = {
  standby_mode: "create a standby.signal file in the data directory instead",
  trigger_file: "promote with pg_ctl promote or SELECT pg_promote() instead"
};
var isOn = (v) => parseBool(v.trim()) === true;
var RECOVERY_FIX = new Map(Object.entries(RECOVERY_ONLY));
var recovery_conf_obsolete_default = defineRule({
  name: "recovery-conf-obsolete",
  severity: "error",
  category: "validity",
  tags: ["reliability"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf", "recovery.conf"],
  docs: {
    summary: "recovery.conf, standby_mode or trigger_file with PostgreSQL 12 or later",
    why: 'PostgreSQL 12 folded recovery.conf into postgresql.conf. A recovery.conf file in the data directory makes the server refuse to start ("using recovery command file "recovery.conf" is not supported"), and standby_mode or trigger_file in postgresql.conf are unrecognized parameters, which is just as fatal. Configurations carried over from 11 or earlier \u2014 or generated by tools that still write recovery.conf \u2014 break on the first restart after an upgrade or failover. A standby is now marked by an empty standby.signal file (recovery.signal for targeted recovery), primary_conninfo, restore_command and the recovery_target_* settings go into postgresql.conf, and promotion is done with pg_ctl promote or pg_promote() (promote_trigger_file in 12\u201315). The help says which signal file the cluster needs (standby.signal when recovery.conf had standby_mode = on, else recovery.signal) and whether the repository already has it.',
    invalid: [
      { "postgresql.conf": "hot_standby = on", "recovery.conf": "standby_mode = 'on'\nprimary_conninfo = 'host=primary user=replicator'" },
      "standby_mode = on"
    ],
    valid: [{ "postgresql.conf": "hot_standby = on\nprimary_conninfo = 'host=primary user=replicator'" }],
    references: [
      "https://www.postgresql.org/docs/current/recovery-config.html",
      "https://www.postgresql.org/docs/release/12.0/",
      "https://www.postgresql.org/docs/current/warm-standby.html#STANDBY-SERVER-SETUP"
    ],
    versions: "12+ (recovery.conf is how 11 and earlier configure recovery)"
  },
  check(ctx) {
    if (ctx.major < 12) return;
    const hasStandbySignal = ctx.cluster.signals.some((s) => s.kind === "standby.signal");
    const hasRecoverySignal = ctx.cluster.signals.some((s) => s.kind === "recovery.signal");
    const rec = ctx.cluster.recovery;
    if (rec) {
      const settings = rec.lines.filter((l) => l.kind === "setting");
      const first = settings[0];
      const mode = settings.filter((l) => foldName(l.name) === "standby_mode").pop();
      const standby = mode !== void 0 && isOn(mode.value.value);
      const signal = standby ? hasStandbySignal ? "standby.signal is already there" : "create an empty standby.signal (this is a standby)" : hasRecoverySignal || hasStandbySignal ? `${hasStandbySignal ? "standby.signal" : "recovery.signal"} is already there` : "create an empty recovery.signal for targeted recovery, or standby.signal for a standby";
      ctx.report({
        loc: first?.kind === "setting" ? { file: rec.file.path, start: first.nameStart, end: first.value.end } : { file: rec.file.path, start: 0, end: 0 },
        message: `recovery.conf is not supported from PostgreSQL 12: PostgreSQL ${ctx.major} refuses to start while this file is in the data directory`,
        help: `Delete recovery.conf: ${signal}; move primary_conninfo, restore_command and recovery_target_* into postgresql.conf, and promote with pg_ctl promote.`
      });
    }
    for (const a of ctx.cluster.assignments) {
      if (a.status !== "unknown") continue;
      let fix = RECOVERY_FIX.get(a.key);
      if (!fix) continue;
      if (a.key === "standby_mode" && hasStandbySignal) fix = "rely on the standby.signal file that is already there";
      ctx.report({
        loc: { file: a.file.path, start: a.line.value.start, end: a.line.value.end },
        message: `${a.line.name} = ${a.line.value.raw} is a recovery.conf parameter that PostgreSQL ${ctx.major} does not recognize: the server refuses to start`,
        help: `Remove it and ${fix}.`
      });
    }
  }
});

// rules/removed-setting.ts
var REPLACEMENTS = {
  checkpoint_segments: "use max_wal_size (and min_wal_size); PostgreSQL 9.5 converted it as max_wal_size = (3 \xD7 checkpoint_segments + 1) \xD7 16MB",
  min_parallel_relation_size: "use min_parallel_table_scan_size",
  sql_inheritance: "remove it: inheritance is always on",
  custom_variable_classes: "remove it: any two-part name is accepted as a custom setting",
  replacement_sort_tuples: "remove it: replacement selection sort is gone",
  wal_keep_segments: "use wal_keep_size = wal_keep_segments \xD7 16MB",
  operator_precedence_warning: "remove it",
  vacuum_cleanup_index_scale_factor: "remove it",
  stats_temp_directory: "remove it: statistics live in shared memory",
  force_parallel_mode: "use debug_parallel_query",
  vacuum_defer_cleanup_age: "use hot_standby_feedback or a replication slot",
  promote_trigger_file: "promote with pg_ctl promote or SELECT pg_promote()",
  trigger_file: "promote with pg_ctl promote or SELECT pg_promote() (promote_trigger_file in 12\u201315)",
  standby_mode: "create a standby.signal file in the data directory",
  lc_collate: "remove it: the collation is fixed per database at CREATE DATABASE",
  lc_ctype: "remove it: the character classification is fixed per database at CREATE DATABASE",
  db_user_namespace: "remove it",
  old_snapshot_threshold: "remove it",
  trace_recovery_messages: "remove it (use log_min_messages)",
  unix_socket_directory: "use unix_socket_directories",
  replication_timeout: "use wal_sender_timeout",
  silent_mode: "remove it: run the postmaster in the background with pg_ctl",
  add_missing_from: "remove it",
  regex_flavor: "remove it",
  max_fsm_pages: "remove it: the free space map is managed automatically",
  max_fsm_relations: "remove it: the free space map is managed automatically",
  wal_sender_delay: "remove it",
  krb_srvname: "remove it (GSSAPI uses krb_server_keyfile)",
  ssl_ciphers_suites: "use ssl_ciphers"
};
var SUCCESSORS = {
  wal_keep_segments: { to: "wal_keep_size", convert: (n) => n * 16, conversion: "segments \xD7 16MB (exact)", applicability: "safe" },
  checkpoint_segments: {
    to: "max_wal_size",
    convert: (n) => (3 * n + 1) * 16,
    conversion: "(3 \xD7 segments + 1) \xD7 16MB, 9.5's conversion (an estimate: max_wal_size is a soft limit of another kind)",
    applicability: "unsafe"
  },
  force_parallel_mode: { to: "debug_parallel_query", convert: "same", conversion: "same values (off, on, regress)", applicability: "safe" },
  min_parallel_relation_size: { to: "min_parallel_table_scan_size", convert: "same", conversion: "same value and unit (8kB blocks)", applicability: "safe" },
  replication_timeout: { to: "wal_sender_timeout", convert: "same", conversion: "same value and unit (ms)", applicability: "safe" },
  unix_socket_directory: {
    to: "unix_socket_directories",
    convert: "same",
    conversion: "the one directory as a one-element list (unsafe when the path has a comma, a double quote or edge blanks, which the list syntax reads differently)",
    applicability: "safe"
  },
  trigger_file: { to: "promote_trigger_file", convert: "same", conversion: "same path (only 12\u201315 have promote_trigger_file)", applicability: "safe" }
};
var SUCCESSOR_TABLE = "| removed | successor | value | fix |\n|---|---|---|---|\n" + Object.entries(SUCCESSORS).map(([from, s]) => `| ${from} | ${s.to} | ${s.conversion} | ${s.applicability} |`).join("\n") + "\n| standby_mode | none (a standby.signal file) | \u2014 | none: without the line the server would start as a primary |\n| any other (sql_inheritance, replacement_sort_tuples, operator_precedence_warning, vacuum_cleanup_index_scale_factor, stats_temp_directory, vacuum_defer_cleanup_age, promote_trigger_file, lc_collate, lc_ctype, db_user_namespace, old_snapshot_threshold, trace_recovery_messages, \u2026) | none | \u2014 | unsafe: remove the line |";
function mbText(mb) {
  if (mb !== 0 && mb % (1024 * 1024) === 0) return `${mb / (1024 * 1024)}TB`;
  if (mb !== 0 && mb % 1024 === 0) return `${mb / 1024}GB`;
  return `${mb}MB`;
}
var NO_REMOVAL = /* @__PURE__ */ new Set(["standby_mode"]);
function removedFix(ctx, a) {
  const name = a.line.name;
  const key = name.toLowerCase();
  if (NO_REMOVAL.has(key)) return void 0;
  const remove = (why) => ({ title: `Remove the line: ${why}`, edits: [{ loc: lineLoc2(a), text: "" }], applicability: "unsafe" });
  const s = Object.hasOwn(SUCCESSORS, key) ? SUCCESSORS[key] : void 0;
  const def = s ? lookupParam(ctx.catalog, s.to) : void 0;
  if (!s || !def) {
    const instead = Object.hasOwn(REPLACEMENTS, key) ? ` (${REPLACEMENTS[key]})` : "";
    return remove(`PostgreSQL ${ctx.major} has no successor of ${name}${instead}`);
  }
  const set = ctx.setting(s.to)?.assignment;
  if (set) return remove(`${s.to} is already set at ${set.file.path}:${lineColumn(set.file, set.line.nameStart).line}`);
  const v = a.line.value;
  let value = null;
  let applicability = s.applicability;
  if (s.convert === "same") {
    value = v.raw;
    if (key === "unix_socket_directory" && (/[,"]/.test(v.value) || v.value.trim() !== v.value)) applicability = "unsafe";
  } else if (/^[0-9]{1,9}$/.test(v.value)) {
    value = mbText(s.convert(Number(v.value)));
  }
  const input = value === null ? null : value === v.raw ? v.value : value;
  if (input === null || !parseGucValue(def, input, ctx.major).ok) {
    return remove(`its value ${boundQuote(v.raw)} does not convert to a valid ${s.to}; set ${s.to} by hand`);
  }
  const edits = [{ loc: { file: a.file.path, start: a.line.nameStart, end: a.line.nameEnd }, text: def.name }];
  if (value !== v.raw) edits.push({ loc: { file: a.file.path, start: v.start, end: v.end }, text: value });
  return {
    title: value !== v.raw ? `Rename to ${def.name} = ${value} (${v.value} ${key === "checkpoint_segments" ? "segments: (3 \xD7 n + 1) \xD7 16MB" : "\xD7 16MB segments"})` : `Rename to ${def.name}`,
    edits,
    applicability
  };
}
var REMOVED_BEFORE_10 = {
  checkpoint_segments: "9.4",
  min_parallel_relation_size: "9.6",
  sql_inheritance: "9.6",
  custom_variable_classes: "9.1",
  unix_socket_directory: "9.2",
  replication_timeout: "9.2",
  silent_mode: "9.1",
  add_missing_from: "8.4",
  regex_flavor: "8.4",
  max_fsm_pages: "8.3",
  max_fsm_relations: "8.3",
  wal_sender_delay: "9.0"
};
var RECOVERY_ONLY2 = /* @__PURE__ */ new Set(["standby_mode", "trigger_file"]);
var historyMap;
var removedBefore10Map;
function versionFacts(name, major) {
  const key = name.toLowerCase();
  historyMap ??= new Map(Object.entries(nameHistory()));
  const majors = historyMap.get(key);
  removedBefore10Map ??= new Map(Object.entries(REMOVED_BEFORE_10));
  const removedBefore10 = removedBefore10Map.get(key);
  if (majors === void 0 && removedBefore10 === void 0 && !RECOVERY_ONLY2.has(key)) return void 0;
  const older = (majors ?? []).filter((m) => m < major);
  const newer = (majors ?? []).filter((m) => m > major);
  if (older.length) return { kind: "removed", version: String(Math.max(...older)) };
  if (removedBefore10 !== void 0) return { kind: "removed", version: removedBefore10 };
  if (RECOVERY_ONLY2.has(key)) return { kind: "removed", version: "11 (recovery.conf)" };
  if (newer.length) return { kind: "newer", version: String(Math.min(...newer)) };
  return void 0;
}
function removedMessage(a, major, facts) {
  const name = a.line.name;
  const key = name.toLowerCase();
  if (facts.kind === "newer") {
    return {
      message: `${name} was added in PostgreSQL ${facts.version}; PostgreSQL ${major} does not recognize it and refuses to start`,
      help: `Remove it, or set the cluster's target version (--pg-version) if this cluster runs ${facts.version} or later.`
    };
  }
  const fix = Object.hasOwn(REPLACEMENTS, key) ? REPLACEMENTS[key] : void 0;
  return {
    message: `${name} was removed after PostgreSQL ${facts.version}; PostgreSQL ${major} does not recognize it and refuses to start`,
    ...fix ? { help: fix[0].toUpperCase() + fix.slice(1) + "." } : {}
  };
}
var removed_setting_default = defineRule({
  name: "removed-setting",
  severity: "error",
  category: "validity",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  fixable: "sometimes",
  docs: {
    summary: "A parameter that the target PostgreSQL version no longer (or does not yet) have",
    why: "An unrecognized parameter name in postgresql.conf is fatal at startup and makes a reload ignore the whole file. Upgrades are where this bites: wal_keep_segments became wal_keep_size in 13, force_parallel_mode became debug_parallel_query in 16, checkpoint_segments was replaced by max_wal_size in 9.5.\n\nThe fix renames a removed parameter to its successor, converting the value, when the successor exists in the target major and no file sets it yet; otherwise (no successor, or it is already set) an unsafe fix removes the line. WAL sizes assume the default 16MB segments (initdb --wal-segsize changes them). A parameter too new for the target major gets no fix: the target version may be what is wrong.\n\n" + SUCCESSOR_TABLE,
    invalid: ["wal_keep_segments = 64", "checkpoint_segments = 32"],
    valid: ["wal_keep_size = 1GB", "max_wal_size = 2GB"],
    references: [
      "https://www.postgresql.org/docs/release/",
      "https://www.postgresql.org/docs/current/runtime-config-replication.html#GUC-WAL-KEEP-SIZE"
    ],
    versions: "removals and renames from 9.x to 18"
  },
  check(ctx) {
    for (const a of ctx.cluster.assignments) {
      if (a.status !== "unknown") continue;
      const facts = versionFacts(a.line.name, ctx.major);
      if (!facts) continue;
      const { message, help } = removedMessage(a, ctx.major, facts);
      const fix = facts.kind === "removed" ? removedFix(ctx, a) : void 0;
      ctx.report({
        loc: { file: a.file.path, start: a.line.nameStart, end: a.line.nameEnd },
        message,
        help,
        ...fix ? { fix } : {}
      });
    }
  }
});

// rules/replication-commands-not-logged.ts
var replication_commands_not_logged_default = defineRule({
  name: "replication-commands-not-logged",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "log_replication_commands is off (absent means off): replication commands leave no trace in the log",
    why: "Replication connections speak their own protocol: IDENTIFY_SYSTEM, BASE_BACKUP, START_REPLICATION, CREATE_REPLICATION_SLOT and DROP_REPLICATION_SLOT are not SQL statements, and log_statement does not log them. With log_replication_commands off, nothing in the server log shows that someone took a full copy of the cluster with pg_basebackup, started streaming its WAL, or created a slot that now holds WAL back. Turning it on logs one line per command \u2014 a handful per standby connection or backup, not per statement. The CIS PostgreSQL Benchmark asks for it (7.2; pgdsat fails `off`). Off by default; the `cis` profile turns it on (CIS 7.2).",
    invalid: ["log_replication_commands = off"],
    valid: ["log_replication_commands = on"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-REPLICATION-COMMANDS",
      "https://www.postgresql.org/docs/current/protocol-replication.html",
      "https://github.com/HexaCluster/pgdsat (check 7.2)"
    ],
    versions: "all (log_replication_commands exists in every supported major; its default is off)"
  },
  check(ctx) {
    reportRequiredSetting(
      ctx,
      "log_replication_commands",
      false,
      "base backups, WAL streaming and replication slot changes leave no trace in the server log",
      "Set log_replication_commands = on (one log line per replication command: little volume)."
    );
  }
});

// rules/replication-conninfo-insecure.ts
var isSpace = (c) => c === " " || c === "	" || c === "\n" || c === "\r" || c === "\f" || c === "\v";
function uriPrefixLength(s) {
  if (s.startsWith("postgresql://")) return "postgresql://".length;
  if (s.startsWith("postgres://")) return "postgres://".length;
  return 0;
}
function store(pairs, key, value, start, end) {
  if (key === "requiressl") pairs.push({ key: "sslmode", value: value.startsWith("1") ? "require" : "prefer", start, end });
  else pairs.push({ key, value, start, end });
}
function parseConninfo(s) {
  return uriPrefixLength(s) ? parseUri(s) : parseKeywords(s);
}
function parseKeywords(s) {
  const pairs = [];
  let i = 0;
  while (i < s.length) {
    if (isSpace(s[i])) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < s.length && s[i] !== "=" && !isSpace(s[i])) i++;
    const name = s.slice(nameStart, i);
    while (i < s.length && isSpace(s[i])) i++;
    if (s[i] !== "=") return { ok: false, error: `missing "=" after "${name}" in connection info string` };
    i++;
    while (i < s.length && isSpace(s[i])) i++;
    let value = "";
    let start;
    let end;
    if (s[i] !== "'") {
      start = i;
      while (i < s.length && !isSpace(s[i])) {
        if (s[i] === "\\") {
          i++;
          if (i < s.length) value += s[i++];
        } else value += s[i++];
      }
      end = i;
    } else {
      i++;
      start = i;
      for (; ; ) {
        if (i >= s.length) return { ok: false, error: "unterminated quoted string in connection info string" };
        if (s[i] === "\\") {
          i++;
          if (i < s.length) value += s[i++];
          continue;
        }
        if (s[i] === "'") break;
        value += s[i++];
      }
      end = i;
      i++;
    }
    store(pairs, name, value, start, end);
  }
  return { ok: true, form: "keyword", pairs };
}
function uriDecode(s) {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== "%") {
      out += s[i];
      continue;
    }
    const hex = s.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return null;
    const c = parseInt(hex, 16);
    if (c === 0) return null;
    out += String.fromCharCode(c);
    i += 2;
  }
  return out;
}
function parseUri(s) {
  const pairs = [];
  let p = uriPrefixLength(s);
  const decoded = (from, to) => uriDecode(s.slice(from, to));
  const add = (key, from, to) => {
    if (from === to) return void 0;
    const v = decoded(from, to);
    if (v === null) return { ok: false, error: `invalid percent-encoded token: "${s.slice(from, to)}"` };
    store(pairs, key, v, from, to);
    return void 0;
  };
  let q = p;
  while (q < s.length && s[q] !== "@" && s[q] !== "/") q++;
  if (s[q] === "@") {
    let u = p;
    while (s[u] !== ":" && s[u] !== "@") u++;
    const bad = add("user", p, u) ?? (s[u] === ":" ? add("password", u + 1, q) : void 0);
    if (bad) return bad;
    p = q + 1;
  }
  const hosts = [];
  let hostStart = p;
  let prev = "";
  for (; ; ) {
    let host;
    if (s[p] === "[") {
      const open = ++p;
      while (p < s.length && s[p] !== "]") p++;
      if (p >= s.length) return { ok: false, error: 'end of string reached when looking for matching "]" in IPv6 host address in URI' };
      if (p === open) return { ok: false, error: "IPv6 host address may not be empty in URI" };
      host = s.slice(open, p);
      p++;
      if (p < s.length && !":/?,".includes(s[p])) return { ok: false, error: `unexpected character "${s[p]}" in URI (expected ":" or "/")` };
    } else {
      const h = p;
      while (p < s.length && !":/?,".includes(s[p])) p++;
      host = s.slice(h, p);
    }
    hosts.push(host);
    prev = s[p] ?? "";
    if (prev === ":") {
      p++;
      while (p < s.length && !"/?,".includes(s[p])) p++;
      prev = s[p] ?? "";
    }
    if (prev !== ",") break;
    p++;
  }
  if (hosts.join(",") !== "") {
    const v = uriDecode(hosts.join(","));
    if (v === null) return { ok: false, error: "invalid percent-encoded token in the host" };
    pairs.push({ key: "host", value: v, start: hostStart, end: p });
  }
  hostStart = p;
  if (prev !== "" && prev !== "?") {
    const db = ++p;
    while (p < s.length && s[p] !== "?") p++;
    const bad = add("dbname", db, p);
    if (bad) return bad;
    prev = s[p] ?? "";
  }
  if (prev !== "") {
    p++;
    while (p < s.length) {
      const keyStart = p;
      let eq = -1;
      while (p < s.length && s[p] !== "&") {
        if (s[p] === "=") {
          if (eq !== -1) return { ok: false, error: `extra key/value separator "=" in URI query parameter: "${s.slice(keyStart, p)}"` };
          eq = p;
        }
        p++;
      }
      if (eq === -1) return { ok: false, error: `missing key/value separator "=" in URI query parameter: "${s.slice(keyStart, p)}"` };
      const key = decoded(keyStart, eq);
      const value = decoded(eq + 1, p);
      if (key === null || value === null) return { ok: false, error: `invalid percent-encoded token: "${s.slice(keyStart, p)}"` };
      if (key === "ssl" && value === "true") pairs.push({ key: "sslmode", value: "require", start: eq + 1, end: p });
      else store(pairs, key, value, eq + 1, p);
      if (s[p] === "&") p++;
    }
  }
  return { ok: true, form: "uri", pairs };
}
function lastPair(pairs, key) {
  for (let i = pairs.length - 1; i >= 0; i--) if (pairs[i].key === key) return pairs[i];
  return void 0;
}
function valueOffsets(v) {
  if (v.token !== "string") return v.raw === v.value ? [...Array(v.value.length + 1).keys()] : void 0;
  const raw = v.raw;
  const map = [];
  let out = "";
  const ESC = { b: "\b", f: "\f", n: "\n", r: "\r", t: "	" };
  for (let i = 1; i < raw.length - 1; i++) {
    const c = raw[i];
    map.push(i);
    if (c === "\\") {
      const e = raw[i + 1];
      if (e === void 0 || e >= "0" && e <= "7") return void 0;
      out += ESC[e] ?? e;
      i++;
    } else if (c === "'" && raw[i + 1] === "'") {
      out += "'";
      i++;
    } else out += c;
  }
  map.push(raw.length - 1);
  return out === v.value ? map : void 0;
}
function isLocalHost(h) {
  const x = h.trim().toLowerCase();
  return x === "" || x.startsWith("/") || x.startsWith("@") || x === "localhost" || x === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(x);
}
function conninfoVerdict(text3, major) {
  const parsed = parseConninfo(text3);
  if (!parsed.ok) return void 0;
  const { pairs } = parsed;
  const hostaddr = lastPair(pairs, "hostaddr");
  const host = hostaddr ?? lastPair(pairs, "host");
  if (!host || host.value.split(",").every(isLocalHost)) return void 0;
  if (lastPair(pairs, "gssencmode")?.value === "require") return void 0;
  const mode = lastPair(pairs, "sslmode");
  if (mode) return { sslmode: mode.value, written: true, at: mode };
  if (lastPair(pairs, "service")) return void 0;
  if (major >= 16 && lastPair(pairs, "sslrootcert")?.value === "system") return { sslmode: "verify-full", written: false, at: host };
  return { sslmode: "prefer", written: false, at: host };
}
var replication_conninfo_insecure_default = defineRule({
  name: "replication-conninfo-insecure",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf", "recovery.conf"],
  docs: {
    summary: "primary_conninfo lets the standby stream WAL without TLS (sslmode disable or allow) or with TLS only when offered (prefer, the default)",
    why: "A standby receives every change to every table of the primary through primary_conninfo: the WAL stream is a full copy of the data, password hashes included. With `sslmode=disable` it always travels in cleartext; with `allow` libpq tries cleartext first. Both are a warning. With `sslmode=prefer` \u2014 also what libpq uses when sslmode is not written at all \u2014 TLS is used only when the primary offers it and the certificate is never checked, so anyone on the network path can downgrade the connection or impersonate the primary; that is info. `require` encrypts, `verify-ca` and `verify-full` also authenticate the primary. The string is read as libpq reads it (`key=value` pairs with single quotes and backslash escapes, or a `postgresql://` URI with `?sslmode=` and the JDBC-style `ssl=true`; `requiressl=1` is `require`; the last value of a keyword wins), and the finding points at the sslmode value, or at the host when sslmode is not written. No finding when the connection cannot leave the machine (host or hostaddr only Unix-domain socket directories, `localhost` or loopback addresses, or no host at all, which is the socket), when `gssencmode=require` encrypts it with GSSAPI, when `service=` names a pg_service.conf entry that may set sslmode, when `sslrootcert=system` makes libpq 16+ default to verify-full, or when the string does not parse (the standby then cannot connect at all). The PGSSLMODE environment variable of the server process is not visible in files: set sslmode in the string. From PostgreSQL 12 primary_conninfo is a postgresql.conf parameter; for 11 and earlier the rule reads it from recovery.conf.",
    invalid: [
      "primary_conninfo = 'host=10.0.0.5 user=replicator sslmode=disable'",
      "primary_conninfo = 'postgresql://replicator@primary.db.internal:5432/postgres?sslmode=allow'"
    ],
    valid: [
      "primary_conninfo = 'host=primary.db.internal user=replicator sslmode=verify-full sslrootcert=/etc/postgresql/root.crt'",
      "primary_conninfo = 'host=/var/run/postgresql user=replicator'",
      "primary_conninfo = 'host=primary user=replicator sslmode=require'"
    ],
    references: [
      "https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING",
      "https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-PROTECTION",
      "https://www.postgresql.org/docs/current/runtime-config-replication.html#GUC-PRIMARY-CONNINFO",
      "https://github.com/postgres/postgres/blob/master/src/interfaces/libpq/fe-connect.c"
    ],
    versions: "all; primary_conninfo is in recovery.conf up to 11, in postgresql.conf from 12; sslrootcert=system 16+"
  },
  check(ctx) {
    let target;
    if (ctx.major >= 12) {
      const s = ctx.setting("primary_conninfo");
      if (s?.assignment && typeof s.value === "string") target = { name: s.assignment.line.name, value: s.assignment.line.value, file: s.assignment.file.path };
    } else if (ctx.cluster.recovery) {
      const rec = ctx.cluster.recovery;
      for (const l of rec.lines) {
        if (l.kind === "setting" && foldName(l.name) === "primary_conninfo") target = { name: l.name, value: l.value, file: rec.file.path };
      }
    }
    if (!target) return;
    const verdict = conninfoVerdict(target.value.value, ctx.major);
    if (!verdict) return;
    const mode = verdict.sslmode;
    if (mode !== "disable" && mode !== "allow" && mode !== "prefer") return;
    const v = target.value;
    let loc = { file: target.file, start: v.start, end: v.end };
    const map = valueOffsets(v);
    if (map) loc = { file: target.file, start: v.start + map[verdict.at.start], end: v.start + map[verdict.at.end] };
    const said = verdict.written ? `sslmode=${boundQuote(verdict.at.value, 20)}` : "no sslmode (libpq defaults to prefer)";
    const name = boundQuote(target.name);
    const what = mode === "disable" ? "the standby streams WAL from the primary in cleartext" : mode === "allow" ? "the standby tries a cleartext connection to the primary first" : "the standby uses TLS only if the primary offers it and never checks its certificate";
    const consequence2 = mode === "prefer" ? "anyone on the network path can downgrade the connection or pose as the primary and read every change" : "anyone on the network path can read (and alter) every change to every table";
    ctx.report({
      loc,
      message: `${name} has ${said}: ${what}; ${consequence2}`,
      help: "Write sslmode=verify-full (with sslrootcert= the CA of the primary's certificate) in primary_conninfo \u2014 at least sslmode=require \u2014 and keep ssl = on on the primary.",
      ...mode === "prefer" ? { severity: "info" } : {}
    });
  }
});

// rules/replication-slot-wal-unbounded.ts
var replication_slot_wal_unbounded_default = defineRule({
  name: "replication-slot-wal-unbounded",
  severity: "warning",
  category: "durability",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "Replication slots are enabled and max_slot_wal_keep_size is -1 (unlimited)",
    why: "A replication slot keeps every WAL segment its consumer has not confirmed. When a standby or logical subscriber goes away without its slot being dropped, WAL piles up in pg_wal until the disk is full and the primary stops. max_slot_wal_keep_size (PostgreSQL 13+) caps what slots may retain: a slot that falls further behind is invalidated instead, which costs a re-sync of one replica rather than an outage of the primary. Settings absent from the files count with their defaults (max_replication_slots 10, max_slot_wal_keep_size -1); the rule reports only when a file sets one of them.",
    invalid: ["max_replication_slots = 10", "max_slot_wal_keep_size = -1"],
    valid: ["max_replication_slots = 10\nmax_slot_wal_keep_size = 50GB", "max_replication_slots = 0"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-replication.html#GUC-MAX-SLOT-WAL-KEEP-SIZE",
      "https://www.postgresql.org/docs/current/warm-standby.html#STREAMING-REPLICATION-SLOTS"
    ],
    versions: "13+ (max_slot_wal_keep_size was added in 13)"
  },
  check(ctx) {
    const keep = ctx.setting("max_slot_wal_keep_size");
    const slots = ctx.setting("max_replication_slots");
    if (!keep || !slots || keep.value !== -1 || typeof slots.value !== "number" || !(slots.value > 0)) return;
    const loc = keep.loc ?? slots.loc;
    if (!loc) return;
    const keepShown = keep.loc ? `max_slot_wal_keep_size = ${keep.assignment?.line.value.raw ?? keep.canonical}` : "max_slot_wal_keep_size is -1 (the default)";
    ctx.report({
      loc,
      message: `max_replication_slots = ${slots.canonical}${slots.isDefault ? " (the default)" : ""} and ${keepShown}: an abandoned replication slot retains WAL without limit until the disk fills`,
      help: "Set max_slot_wal_keep_size to what pg_wal can hold (e.g. 50GB), or max_replication_slots = 0 if slots are not used.",
      ...keep.loc && slots.loc ? { related: [{ message: `max_replication_slots = ${slots.canonical} is set here`, loc: slots.loc }] } : {}
    });
  }
});

// rules/reserved-connections-exceed-max.ts
var num2 = (s) => s && typeof s.value === "number" ? s.value : 0;
var reserved_connections_exceed_max_default = defineRule({
  name: "reserved-connections-exceed-max",
  severity: "error",
  category: "validity",
  tags: ["reliability"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "The reserved connection slots leave no ordinary slot within max_connections, so the server refuses to start",
    why: 'superuser_reserved_connections (and, from PostgreSQL 16, reserved_connections for roles with pg_use_reserved_connections) are taken out of max_connections. When they add up to max_connections or more, the postmaster exits at startup ("superuser_reserved_connections (3) plus reserved_connections (0) must be less than max_connections (3)"). This typically happens when max_connections is cut down for a small test or container instance. Settings absent from the files count with their defaults (max_connections 100, superuser_reserved_connections 3, reserved_connections 0, max_wal_senders 10). Since PostgreSQL 12 WAL senders have their own slots; PostgreSQL 11 counts max_wal_senders with the reserved slots ("superuser_reserved_connections (3) plus max_wal_senders (10) must be less than max_connections (13)"), and PostgreSQL 10 requires max_wal_senders alone to be less than max_connections.',
    invalid: ["max_connections = 3", "max_connections = 20\nsuperuser_reserved_connections = 10\nreserved_connections = 10"],
    valid: ["max_connections = 4", "max_connections = 20\nsuperuser_reserved_connections = 5\nreserved_connections = 10"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-MAX-CONNECTIONS",
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SUPERUSER-RESERVED-CONNECTIONS",
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-RESERVED-CONNECTIONS"
    ],
    versions: "all (reserved_connections is 16+; max_wal_senders counts on 10 and 11)"
  },
  check(ctx) {
    const max = ctx.setting("max_connections");
    const su = ctx.setting("superuser_reserved_connections");
    if (!max || !su || typeof max.value !== "number") return;
    const maxValue = max.value;
    const senders = ctx.setting("max_wal_senders");
    const checks = ctx.major >= 16 ? [[su, ctx.setting("reserved_connections")].filter((s) => !!s)] : ctx.major >= 12 ? [[su]] : ctx.major === 11 ? [[su, ...senders ? [senders] : []]] : [[su], ...senders ? [[senders]] : []];
    const failed = checks.find((parts2) => parts2.reduce((n, s) => n + num2(s), 0) >= maxValue);
    if (!failed) return;
    const reserved = failed.reduce((n, s) => n + num2(s), 0);
    const defaultReserved = failed.reduce((n, s) => n + Number(s.def.boot), 0);
    const raised = failed.filter((s) => !!s.loc).sort((a, b) => num2(b) - num2(a));
    const target = max.loc && (maxValue <= defaultReserved || raised.length === 0) ? max : raised[0];
    if (!target?.loc) return;
    const shown5 = (s) => `${s.name} = ${s.canonical}${s.isDefault ? " (default)" : ""}`;
    const parts = failed.length > 1 ? `${failed.map(shown5).join(" + ")} = ${reserved}` : shown5(failed[0]);
    const related = [max, ...failed].flatMap((s) => s !== target && s.loc ? [{ message: `${s.name} = ${s.canonical} is set here`, loc: s.loc }] : []);
    const what = failed.includes(su) ? "the reserved slots" : "the WAL sender slots, which PostgreSQL 10 takes out of max_connections";
    ctx.report({
      loc: target.loc,
      message: `${parts} is not less than ${shown5(max)}: PostgreSQL refuses to start`,
      help: target === max ? `Set max_connections above ${reserved} (${what}), or lower ${failed.map((s) => s.name).join(" or ")}.` : `Lower ${target.name} so that ${failed.length > 1 ? "the sum stays" : "it stays"} below max_connections (${maxValue}), or raise max_connections.`,
      ...related.length ? { related } : {}
    });
  }
});

// rules/rewind-not-ready.ts
var quoteValue = (s) => boundQuote(s.assignment?.line.value.raw ?? s.canonical, 60);
function failoverEvidence(ctx) {
  const out = [];
  const written6 = (name, pred) => {
    const s = ctx.setting(name);
    return s && !s.isDefault && s.loc && pred(s.value) ? s : void 0;
  };
  const nonEmpty = (v) => typeof v === "string" && v.trim() !== "";
  if (ctx.major >= 12) {
    for (const s of ctx.cluster.signals) {
      if (s.kind === "standby.signal") out.push({ what: `this server is a standby (${s.file.path} exists)`, loc: { file: s.file.path, start: 0, end: 0 }, strength: "strong" });
    }
  }
  const conninfo = written6("primary_conninfo", nonEmpty);
  if (conninfo) out.push({ what: "this server is a standby (primary_conninfo is set)", loc: conninfo.lineLoc, strength: "strong" });
  const slot = written6("primary_slot_name", nonEmpty);
  if (slot && !conninfo) out.push({ what: `this server is a standby (primary_slot_name = ${quoteValue(slot)})`, loc: slot.lineLoc, strength: "strong" });
  for (const a of ctx.cluster.assignments) {
    if (a.key !== "standby_mode" || a.status !== "unknown" || a.overriddenBy) continue;
    if (!isOn2(a.line.value.value)) continue;
    out.push({ what: `this server is meant to be a standby (standby_mode = ${boundQuote(a.line.value.raw, 60)})`, loc: { file: a.file.path, start: a.line.nameStart, end: a.line.value.end }, strength: "strong" });
  }
  const rec = ctx.major < 12 ? ctx.cluster.recovery : void 0;
  if (rec) {
    const last = /* @__PURE__ */ new Map();
    for (const l2 of rec.lines) if (l2.kind === "setting") last.set(foldName(l2.name), l2);
    const mode = last.get("standby_mode");
    const info = last.get("primary_conninfo");
    const l = mode && isOn2(mode.value.value) ? mode : info && info.value.value.trim() !== "" ? info : void 0;
    if (l) out.push({ what: `this server is a standby (${l.name} in recovery.conf)`, loc: { file: rec.file.path, start: l.nameStart, end: l.value.end }, strength: "strong" });
  }
  const sync = written6("synchronous_standby_names", nonEmpty);
  if (sync) out.push({ what: `this server has synchronous standbys (synchronous_standby_names = ${quoteValue(sync)})`, loc: sync.lineLoc, strength: "strong" });
  if (ctx.cluster.hba) {
    const sslOff2 = ctx.setting("ssl")?.value === false;
    for (const r of analyzeHba(ctx.cluster.hba).reachable) {
      if (!r.replication || r.record.method === "reject" || r.isLocal || r.isLoopbackOnly) continue;
      if (r.record.connType === "hostssl" && sslOff2) continue;
      out.push({
        what: `this server serves standbys on other hosts (pg_hba.conf line ${r.line.line} allows replication connections from them)`,
        loc: tokenLoc(r.record.connTypeToken),
        strength: "strong"
      });
      break;
    }
  }
  if (ctx.assume.failover === true) out.push({ what: "this server takes part in physical failover (assume.failover: true)", strength: "strong" });
  if (ctx.assume.role === "standby") out.push({ what: "this server is a standby (assume.role: standby)", strength: "strong" });
  const logical = written6("wal_level", (v) => v === "logical");
  const senders = logical ? void 0 : written6("max_wal_senders", (v) => typeof v === "number" && v > 0);
  if (senders) out.push({ what: `this server may feed standbys (max_wal_senders = ${quoteValue(senders)})`, loc: senders.lineLoc, strength: "weak" });
  const slots = logical ? void 0 : written6("max_replication_slots", (v) => typeof v === "number" && v > 0);
  if (slots) out.push({ what: `this server may feed standbys (max_replication_slots = ${quoteValue(slots)})`, loc: slots.lineLoc, strength: "weak" });
  return [...out.filter((e) => e.loc && e.strength === "strong"), ...out.filter((e) => !e.loc), ...out.filter((e) => e.strength === "weak")];
}
var isOn2 = (v) => parseBool(v.trim()) === true;
var rewind_not_ready_default = defineRule({
  name: "rewind-not-ready",
  severity: "warning",
  category: "durability",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf", "pg_hba.conf", "recovery.conf", "standby.signal"],
  needs: ["dataChecksums", "failover"],
  docs: {
    summary: "A server that takes part in failover cannot be rewound with pg_rewind (wal_log_hints off, no data checksums)",
    why: "After a failover the old primary has usually written WAL that the new primary never saw. pg_rewind can bring it back as a standby in minutes; without it, the old primary must be rebuilt from a full base backup, which for a large cluster takes hours with reduced redundancy. pg_rewind refuses to rewind a server that ran with wal_log_hints = off unless it has data checksums. Data checksums are chosen at initdb time and are not visible in postgresql.conf: they are on by default from PostgreSQL 18 (initdb --no-data-checksums turns them off; clusters upgraded with pg_upgrade keep their old state) and off by default before. Declare the fact with `assume: { dataChecksums: true }` (or `false`).\n\npg_rewind matters only for a server that takes part in physical failover, so the rule speaks only when the cluster shows it, and it points at that evidence: a standby configuration (primary_conninfo or primary_slot_name set, a standby.signal file, a recovery.conf with standby_mode or primary_conninfo (11 and earlier), standby_mode carried into postgresql.conf), synchronous_standby_names set, a pg_hba.conf record that allows `replication` connections from other hosts (not reject, not loopback-only, not shadowed), `assume: { failover: true }` or `assume: { role: standby }` \u2192 warning. An explicitly written max_wal_senders or max_replication_slots above 0 is weak evidence (many standalone servers carry them for backups) \u2192 info, and not even that when wal_level = logical is written (logical replication needs senders and slots too). Defaults never count (PostgreSQL 10+ ships max_wal_senders = 10 and wal_level = replica), nor does writing wal_level = replica. `assume: { failover: false }` declares a server that never fails over and silences the rule. full_page_writes = off, which also stops pg_rewind, is reported by full-page-writes-off alone.",
    invalid: [
      { "postgresql.conf": "primary_conninfo = 'host=primary user=replicator'", PG_VERSION: "17" },
      { "postgresql.conf": "max_wal_senders = 5", PG_VERSION: "16" }
    ],
    valid: [
      { "postgresql.conf": "primary_conninfo = 'host=primary user=replicator'\nwal_log_hints = on", PG_VERSION: "17" },
      { "postgresql.conf": "wal_level = replica", PG_VERSION: "17" },
      { "postgresql.conf": "primary_conninfo = 'host=primary user=replicator'", PG_VERSION: "18" },
      { "postgresql.conf": "primary_conninfo = 'host=primary user=replicator'\nwal_log_hints = on\nfull_page_writes = off", PG_VERSION: "17" }
    ],
    references: [
      "https://www.postgresql.org/docs/current/app-pgrewind.html",
      "https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-WAL-LOG-HINTS",
      "https://www.postgresql.org/docs/current/app-initdb.html#APP-INITDB-DATA-CHECKSUMS",
      "https://www.postgresql.org/docs/current/warm-standby.html#STANDBY-SERVER-SETUP"
    ],
    versions: "all; data checksums are the initdb default from 18, so without assume.dataChecksums the rule is quiet on 18"
  },
  check(ctx) {
    const clusterLoc = ctx.clusterLoc();
    if (!clusterLoc) return;
    if (ctx.assume.failover === false) return;
    const hints = ctx.setting("wal_log_hints");
    if (hints?.value !== false) return;
    const declared = ctx.assume.dataChecksums;
    if (declared ?? ctx.major >= 18) return;
    const evidence = failoverEvidence(ctx);
    const first = evidence[0];
    if (!first) return;
    const setting = hints.loc ? `wal_log_hints = ${quoteValue(hints)}` : "wal_log_hints is off (the default)";
    const checksums = declared === false ? "data checksums are declared off (assume.dataChecksums: false)" : "data checksums are not declared (assume.dataChecksums; off by default before PostgreSQL 18)";
    const consequence2 = declared === false ? "pg_rewind refuses to rewind it after a failover, so it must be rebuilt from a base backup" : "pg_rewind can rewind it after a failover only if it has data checksums";
    ctx.report({
      loc: first.loc ?? hints.loc ?? clusterLoc,
      message: `${first.what}, but ${setting} and ${checksums}: ${consequence2}`,
      help: declared === false ? "Set wal_log_hints = on (requires a restart)." : "Set wal_log_hints = on (requires a restart); if the cluster was initialized with data checksums, declare assume: { dataChecksums: true }, and if it never fails over, assume: { failover: false }.",
      ...first.strength === "weak" ? { severity: "info" } : {},
      ...hints.loc && first.loc ? { related: [{ message: "wal_log_hints is turned off here", loc: hints.loc }] } : {}
    });
  }
});

// rules/secret-in-config.ts
var COMMANDS = /* @__PURE__ */ new Set(["archive_command", "restore_command", "archive_cleanup_command", "recovery_end_command"]);
var MASK2 = "****";
var valueLoc = (a) => ({ file: a.file.path, start: a.line.value.start, end: a.line.value.end });
function isPlaceholder(v) {
  return v === "" || /^(\$|\{\{|\{%|<|%\(|`)/.test(v) || /^%[A-Za-z]$/.test(v) || /^@[A-Za-z_][A-Za-z0-9_]*@$/.test(v) || /^(\*+|x{3,}|X{3,}|\.{3,}|…)$/.test(v) || v.includes("$") || v.includes("`");
}
function findInConninfo(text3) {
  if (!text3.includes("password") && !text3.includes("://")) return [];
  const out = [];
  const kw = /(?<![A-Za-z0-9_.-])(sslpassword|password)[ \t\n\r\f\v]*=[ \t\n\r\f\v]*/g;
  for (let m = kw.exec(text3); m; m = kw.exec(text3)) {
    let i = m.index + m[0].length;
    let value = "";
    if (text3[i] === "'") {
      for (i++; i < text3.length && text3[i] !== "'"; i++) {
        if (text3[i] === "\\" && i + 1 < text3.length) i++;
        value += text3[i];
      }
    } else {
      for (; i < text3.length && !/[\s"'&]/.test(text3[i]); i++) {
        if (text3[i] === "\\" && i + 1 < text3.length) i++;
        value += text3[i];
      }
    }
    if (!isPlaceholder(value)) out.push({ shown: `${m[1]}=${MASK2}` });
  }
  for (const u of uriUserInfo(text3)) {
    if (!isPlaceholder(u.password)) out.push({ shown: `${u.scheme}://${u.user.length <= 32 ? u.user : "\u2026"}:${MASK2}@` });
  }
  return out;
}
var isSchemeChar = (c) => /[A-Za-z0-9+.-]/.test(c);
var isLetter2 = (c) => /[A-Za-z]/.test(c);
var endsUserInfo = (c) => /[\s/@'"?#]/.test(c);
function uriUserInfo(text3) {
  const out = [];
  for (let at = text3.indexOf("://"); at !== -1; at = text3.indexOf("://", at + 3)) {
    let s = at;
    while (s > 0 && isSchemeChar(text3[s - 1])) s--;
    while (s < at && !isLetter2(text3[s])) s++;
    if (s === at) continue;
    let e = at + 3;
    let colon = -1;
    while (e < text3.length && !endsUserInfo(text3[e])) {
      if (text3[e] === ":" && colon === -1) colon = e;
      e++;
    }
    if (text3[e] !== "@" || colon === -1 || colon + 1 === e) continue;
    out.push({ scheme: text3.slice(s, at), user: text3.slice(at + 3, colon), password: text3.slice(colon + 1, e) });
  }
  return out;
}
function shellWords(s) {
  const words = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /[\s;|&()<>]/.test(s[i])) i++;
    if (i >= s.length) break;
    let text3 = "";
    let dynamic = false;
    while (i < s.length && !/[\s;|&()<>]/.test(s[i])) {
      const c = s[i];
      if (c === "'") {
        const end = s.indexOf("'", i + 1);
        const stop = end === -1 ? s.length : end;
        text3 += s.slice(i + 1, stop);
        i = stop + 1;
      } else if (c === '"') {
        for (i++; i < s.length && s[i] !== '"'; i++) {
          if (s[i] === "\\" && i + 1 < s.length && '"\\$`'.includes(s[i + 1])) i++;
          else if (s[i] === "$" || s[i] === "`") dynamic = true;
          text3 += s[i];
        }
        i++;
      } else if (c === "\\") {
        if (i + 1 < s.length) text3 += s[i + 1];
        i += 2;
      } else {
        if (c === "$" || c === "`") dynamic = true;
        text3 += c;
        i++;
      }
    }
    words.push({ text: text3, dynamic });
  }
  return words;
}
var SECRET_ENV = /^[A-Z_][A-Z0-9_]*$/;
var SECRET_ENV_NAME = /(PASSWORD|PASSWD|SECRET|SECRET_KEY|SECRET_ACCESS_KEY|_TOKEN|^TOKEN|_PASS|^PASS|^SSHPASS)$/;
var SECRET_FLAG = /^--((?:[A-Za-z0-9]+-)*)(password|passwd|pass|passphrase|secret)=(.*)$/s;
function findInCommand(cmd) {
  const out = [];
  const words = shellWords(cmd);
  const isCmd = (w, name) => !!w && (w.text === name || w.text.endsWith("/" + name));
  const hasCurl = words.some((w) => isCmd(w, "curl"));
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    const next = words[k + 1];
    const eq = w.text.indexOf("=");
    if (eq > 0 && SECRET_ENV.test(w.text.slice(0, eq)) && SECRET_ENV_NAME.test(w.text.slice(0, eq))) {
      if (!w.dynamic && !isPlaceholder(w.text.slice(eq + 1))) out.push({ shown: `${w.text.slice(0, eq)}=${MASK2}` });
      continue;
    }
    const flag = SECRET_FLAG.exec(w.text);
    if (flag) {
      if (!w.dynamic && !isPlaceholder(flag[3])) out.push({ shown: `--${flag[1]}${flag[2]}=${MASK2}` });
      continue;
    }
    if (isCmd(w, "sshpass")) {
      for (let j = k + 1; j < words.length && words[j].text.startsWith("-"); j++) {
        const o = words[j];
        if (o.text === "-p") {
          const v = words[j + 1];
          if (v && !v.dynamic && !isPlaceholder(v.text)) out.push({ shown: `sshpass -p ${MASK2}` });
          break;
        }
        if (o.text.startsWith("-p")) {
          if (!o.dynamic && !isPlaceholder(o.text.slice(2))) out.push({ shown: `sshpass -p${MASK2}` });
          break;
        }
      }
      continue;
    }
    if (/^-pass(in|out)?$/.test(w.text) && next && next.text.startsWith("pass:")) {
      if (!next.dynamic && !isPlaceholder(next.text.slice(5))) out.push({ shown: `${w.text} pass:${MASK2}` });
      continue;
    }
    if (hasCurl) {
      let cred;
      if (w.text === "-u" || w.text === "--user") cred = next;
      else if (w.text.startsWith("--user=")) cred = { text: w.text.slice(7), dynamic: w.dynamic };
      else if (/^-u[^-]/.test(w.text)) cred = { text: w.text.slice(2), dynamic: w.dynamic };
      const colon = cred ? cred.text.indexOf(":") : -1;
      if (cred && colon >= 0 && !cred.dynamic && !isPlaceholder(cred.text.slice(colon + 1))) {
        out.push({ shown: `curl -u ${cred.text.slice(0, colon)}:${MASK2}` });
        continue;
      }
    }
    out.push(...findInConninfo(w.text));
  }
  return out;
}
function findInPassphraseCommand(cmd) {
  const words = shellWords(cmd);
  const first = words[0];
  if (!first || !/(^|\/)(echo|printf)$/.test(first.text)) return [];
  const args = words.slice(1).filter((w) => !/^-[a-zA-Z]+$/.test(w.text) && !/^%[a-z]$/.test(w.text));
  if (args.length === 0 || args.some((w) => w.dynamic || isPlaceholder(w.text))) return [];
  return [{ shown: `${first.text} ${MASK2}` }];
}
var SECRET_NAME = /(^|[._])(password|passwd|passphrase|secret)$/;
function findSecrets(key, value, placeholder) {
  if (!placeholder) {
    if (COMMANDS.has(key)) return findInCommand(value);
    if (key === "ssl_passphrase_command") return findInPassphraseCommand(value);
  } else {
    const last = key.charCodeAt(key.length - 1);
    if ((last === 100 || last === 101 || last === 116) && SECRET_NAME.test(key) && !isPlaceholder(value)) return [{ shown: MASK2 }];
  }
  return findInConninfo(value);
}
var secret_in_config_default = defineRule({
  name: "secret-in-config",
  severity: "error",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf", "recovery.conf"],
  docs: {
    summary: "A literal password or other secret in a committed setting",
    why: "Configuration in git is read by far more people and systems than the database: every clone, fork, CI job and backup of the repository, and its history keeps the secret even after the line is deleted. The usual leaks are a password= in primary_conninfo (or a postgresql://user:password@host URI), PGPASSWORD= or --password= in archive_command or restore_command, and an echoed passphrase in ssl_passphrase_command. Replication and tools can read passwords from a ~/.pgpass file (passfile=) or the environment instead. Template references ($VAR, ${VAR}, {{ var }}, <password>) are not reported. Findings never repeat the secret.",
    invalid: [
      "primary_conninfo = 'host=primary user=replicator password=s3cret'",
      "restore_command = 'PGPASSWORD=s3cret pg_receivewal -h backup -p 5432 %f'",
      "primary_conninfo = 'postgresql://replicator:s3cret@primary:5432/postgres'"
    ],
    valid: [
      "primary_conninfo = 'host=primary user=replicator passfile=/var/lib/postgresql/.pgpass'",
      "archive_command = 'rsync -a %p backup@archive:/wal/%f'",
      "restore_command = 'pg_receivewal -h backup -p 5432 -U repl --password %f'",
      "primary_conninfo = 'host=primary user=replicator password={{ replication_password }}'"
    ],
    references: [
      "https://www.postgresql.org/docs/current/libpq-pgpass.html",
      "https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING",
      "https://www.postgresql.org/docs/current/runtime-config-replication.html#GUC-PRIMARY-CONNINFO",
      "https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-ARCHIVE-COMMAND"
    ],
    versions: "all (recovery.conf in 11 and earlier)"
  },
  check(ctx) {
    const visit = (name, key, value, placeholder, loc, of) => {
      const found = findSecrets(key, value, placeholder);
      if (found.length === 0) return;
      const shown5 = [...new Set(found.map((f) => boundQuote(f.shown, 60)))].slice(0, 5).join(", ");
      ctx.report({
        loc: loc(of),
        message: `${boundQuote(name)} contains ${found.length === 1 ? "a literal secret" : `${found.length} literal secrets`} (${shown5}): anyone who can read the repository or its history can use it`,
        help: "Remove the secret from the file and rotate it; let libpq read it from a password file (passfile=, ~/.pgpass) or the service environment instead."
      });
    };
    for (const a of ctx.cluster.assignments) visit(a.line.name, a.key, a.line.value.value, a.status === "placeholder", valueLoc, a);
    const rec = ctx.cluster.recovery;
    if (rec) {
      for (const l of rec.lines) {
        if (l.kind !== "setting") continue;
        visit(l.name, foldName(l.name), l.value.value, false, (line) => ({ file: rec.file.path, start: line.value.start, end: line.value.end }), l);
      }
    }
  }
});

// rules/ssl-ciphers-weak.ts
var EXPORT_WORDS = /* @__PURE__ */ new Set(["EXP", "EXPORT", "EXPORT40", "EXPORT56"]);
var S = (name, words, legacy = false) => ({
  name,
  words: new Set(words.split(" ")),
  ...legacy ? { legacy } : {},
  ...legacy && name.startsWith("EXP-") ? { needs: EXPORT_WORDS } : {}
});
var SSL3 = "SSLv3 TLSv1 TLSv1.0";
var KRSA = "kRSA RSA aRSA";
var SUITES = [
  S("ECDHE-RSA-AES128-GCM-SHA256", "kECDHE kEECDH ECDH ECDHE EECDH aRSA AES AES128 AESGCM SHA256 TLSv1.2 HIGH FIPS ALL DEFAULT"),
  S("AES128-SHA", `${KRSA} AES AES128 SHA1 SHA ${SSL3} HIGH FIPS ALL DEFAULT`),
  S("ADH-AES256-GCM-SHA384", "kDHE kEDH DH ADH aNULL AES AES256 AESGCM SHA384 TLSv1.2 HIGH FIPS ALL COMPLEMENTOFDEFAULT"),
  S("AECDH-AES256-SHA", `kECDHE kEECDH ECDH AECDH aNULL AES AES256 SHA1 SHA ${SSL3} HIGH FIPS ALL COMPLEMENTOFDEFAULT`),
  S("SEED-SHA", `${KRSA} SEED SHA1 SHA ${SSL3} MEDIUM ALL COMPLEMENTOFDEFAULT`),
  S("DES-CBC3-SHA", `${KRSA} 3DES SHA1 SHA ${SSL3} MEDIUM ALL COMPLEMENTOFDEFAULT`),
  S("ADH-DES-CBC3-SHA", `kDHE kEDH DH ADH aNULL 3DES SHA1 SHA ${SSL3} MEDIUM ALL COMPLEMENTOFDEFAULT`),
  S("NULL-SHA256", `${KRSA} eNULL NULL SHA256 TLSv1.2 COMPLEMENTOFALL COMPLEMENTOFDEFAULT`),
  S("ECDHE-RSA-NULL-SHA", `kECDHE kEECDH ECDH ECDHE EECDH aRSA eNULL NULL SHA1 SHA ${SSL3} COMPLEMENTOFALL COMPLEMENTOFDEFAULT`),
  S("AECDH-NULL-SHA", `kECDHE kEECDH ECDH AECDH aNULL eNULL NULL SHA1 SHA ${SSL3} COMPLEMENTOFALL COMPLEMENTOFDEFAULT`),
  S("RC4-SHA", `${KRSA} RC4 SHA1 SHA ${SSL3} MEDIUM ALL COMPLEMENTOFDEFAULT`, true),
  S("RC4-MD5", `${KRSA} RC4 MD5 ${SSL3} MEDIUM ALL COMPLEMENTOFDEFAULT`, true),
  S("ADH-RC4-MD5", `kDHE kEDH DH ADH aNULL RC4 MD5 ${SSL3} MEDIUM ALL COMPLEMENTOFDEFAULT`, true),
  S("DES-CBC-SHA", `${KRSA} DES SHA1 SHA ${SSL3} LOW ALL COMPLEMENTOFDEFAULT`, true),
  S("EXP-RC4-MD5", `${KRSA} RC4 MD5 ${SSL3} EXP EXPORT EXPORT40 ALL COMPLEMENTOFDEFAULT`, true),
  S("EXP-DES-CBC-SHA", `${KRSA} DES SHA1 SHA ${SSL3} EXP EXPORT EXPORT40 ALL COMPLEMENTOFDEFAULT`, true)
];
var LEGACY_WORDS = /* @__PURE__ */ new Set(["RC4", "DES", "LOW", "EXP", "EXPORT", "EXPORT40", "EXPORT56", "MD5"]);
function namedSuite(name) {
  const w = /* @__PURE__ */ new Set([name]);
  const add = (s) => s.split(" ").forEach((x) => w.add(x));
  if (/^(ADH|AECDH)-/.test(name)) add("aNULL");
  if (/^ADH-/.test(name)) add("ADH kDHE DH");
  if (/^AECDH-/.test(name)) add("AECDH kECDHE ECDH");
  if (/(^|-)NULL-/.test(name)) add("eNULL NULL");
  if (/RC4/.test(name)) add("RC4");
  if (/DES-CBC3|3DES/.test(name)) add("3DES");
  else if (/(^|-)DES-/.test(name)) add("DES LOW");
  if (/^EXP/.test(name)) add("EXP EXPORT");
  if (/-MD5$/.test(name)) add("MD5");
  if (/-SHA$/.test(name)) add("SHA1 SHA");
  return { name, words: w };
}
var W = {
  anon: { key: "anon", what: "anonymous suites (aNULL: ADH, AECDH), which authenticate no server, so a man in the middle can pose as it" },
  null: { key: "null", what: "NULL-encryption suites (eNULL), which send everything in cleartext" },
  export: { key: "export", what: "export-grade suites (EXP, 40- and 56-bit keys), broken in minutes" },
  low: { key: "low", what: "single-DES suites (DES, LOW, 56-bit keys), broken by brute force" },
  rc4: { key: "rc4", what: "RC4 suites, whose keystream biases let plaintext be recovered (RFC 7465 forbids them)" },
  des3: { key: "des3", what: "3DES suites, whose 64-bit blocks allow plaintext recovery on long connections (Sweet32)" },
  md5: { key: "md5", what: "suites with MD5 MACs" },
  medium: { key: "medium", what: "MEDIUM-strength suites (such as SEED and 3DES)" }
};
var SEP = /[:, ;]/;
function tokenize(value) {
  const out = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && SEP.test(value[i])) i++;
    const start = i;
    while (i < value.length && !SEP.test(value[i])) i++;
    if (i > start) out.push({ text: value.slice(start, i), start, end: i });
  }
  return out;
}
function judgeCiphers(value, allowMedium, onlySuites) {
  const enabled = /* @__PURE__ */ new Map();
  const killed = /* @__PURE__ */ new Set();
  const extra = [];
  const outside = [];
  const allowed2 = new Set(onlySuites.map((s) => s.toUpperCase()));
  const tokens = tokenize(value);
  tokens.forEach((tok, idx) => {
    let t = tok.text;
    if (t.startsWith("@")) return;
    let op = "add";
    if (t[0] === "!") op = "kill";
    else if (t[0] === "-") op = "del";
    else if (t[0] === "+") op = "move";
    if (op !== "add") t = t.slice(1);
    if (t === "") return;
    if (t === "DEFAULT" && idx !== 0) return;
    const words = t.split("+").filter(Boolean);
    if (op === "add" && allowed2.size > 0 && !(words.length === 1 && allowed2.has(words[0].toUpperCase()))) outside.push(tok);
    const universe = [...SUITES, ...extra];
    if (words.length === 1 && /^[A-Z0-9]+(-[A-Z0-9]+)+$/.test(words[0]) && !universe.some((s) => s.name === words[0])) {
      const named = namedSuite(words[0]);
      extra.push(named);
      universe.push(named);
    }
    const legacyOk = words.some((w) => LEGACY_WORDS.has(w)) || words.some((w) => /RC4|(^|-)DES-CBC-|^EXP/.test(w));
    for (const s of universe) {
      if (!words.every((w) => s.words.has(w) || s.name === w)) continue;
      if (op === "kill") {
        killed.add(s);
        enabled.delete(s);
      } else if (op === "del") enabled.delete(s);
      else if (op === "add" && !killed.has(s) && !enabled.has(s) && (!s.legacy || legacyOk) && (!s.needs || words.some((w) => s.needs.has(w) || w === s.name)))
        enabled.set(s, tok);
    }
  });
  const byToken = /* @__PURE__ */ new Map();
  const note = (tok, w) => {
    let set = byToken.get(tok);
    if (!set) byToken.set(tok, set = /* @__PURE__ */ new Set());
    set.add(w);
  };
  for (const [s, tok] of enabled) {
    const has2 = (w2) => s.words.has(w2);
    const words = tok.text.replace(/^[!+-]/, "").split("+");
    const w = has2("eNULL") ? W.null : has2("aNULL") ? W.anon : has2("EXP") ? W.export : has2("DES") ? W.low : has2("RC4") ? W.rc4 : has2("3DES") && words.some((x) => x === "3DES" || x === s.name) ? W.des3 : has2("MD5") ? W.md5 : has2("MEDIUM") && !allowMedium ? W.medium : void 0;
    if (w) note(tok, w);
  }
  const order = Object.values(W);
  const out = [];
  for (const tok of tokens) {
    const ws = byToken.get(tok);
    const isOutside = outside.includes(tok);
    if (!ws && !isOutside) continue;
    out.push({
      token: tok,
      weaknesses: ws ? order.filter((w) => ws.has(w)) : [],
      ...isOutside ? { outside: true } : {}
    });
  }
  return out;
}
var list3 = (xs) => xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join("; ")}; and ${xs[xs.length - 1]}`;
var ssl_ciphers_weak_default = defineRule({
  name: "ssl-ciphers-weak",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  options: {
    allowMedium: opt.boolean(true, "Accept MEDIUM-strength suites; with false, a cipher string that leaves MEDIUM suites enabled is reported (the default `HIGH:MEDIUM:+3DES:!aNULL` then is)."),
    onlySuites: opt.stringArray([], "When not empty, every cipher string that adds suites must be one of these OpenSSL suite names (as pgdsat 6.10 checks: `HIGH`, `ALL` or any other group word is then reported).", { minLength: 1 })
  },
  docs: {
    summary: "With ssl on, ssl_ciphers enables weak TLS 1.2 suites: NULL, anonymous, export, single DES, RC4, MD5, or 3DES named explicitly",
    why: "ssl_ciphers is an OpenSSL cipher list: it decides which suites TLS 1.2 and older connections may use. A list that enables NULL suites sends data in cleartext; anonymous suites (aNULL, ADH, AECDH) do not authenticate the server, so a man in the middle can pose as it; export, LOW (single DES) and RC4 suites are broken; MD5 MACs are weak; 3DES has 64-bit blocks (Sweet32). The list is read as OpenSSL reads it, left to right: `!X` removes X for good, `-X` removes it until a later string adds it again, `+X` only moves suites already enabled to the end, `A+B` selects suites matching both. So a later `!aNULL` cancels the anonymous suites that `HIGH` or `ALL` bring in, and the server default `HIGH:MEDIUM:+3DES:!aNULL` is not reported (its 3DES suites are MEDIUM, moved last; 3DES is reported only when a cipher string names it). `ALL` without `!aNULL` is reported (anonymous suites); eNULL needs `COMPLEMENTOFALL`, `eNULL`/`NULL` or a key-exchange word such as `kRSA` or `ECDHE` without `!eNULL`.\n\nGeneric words (ALL, HIGH, MEDIUM, DEFAULT, kRSA\u2026) are judged as OpenSSL 1.1.0 and later define them: export, single-DES and RC4 suites are reported when a cipher string names them (RC4, DES, LOW, EXP, MD5, or a suite such as RC4-SHA); on OpenSSL 1.0.x, ALL and MEDIUM also hold RC4 \u2014 end the list with `!RC4:!LOW:!EXP` there. OpenSSL 1.1.0 and later also refuse anonymous, NULL, MD5, export and DES suites at their default security level 1, whatever the list says; they are accepted with OpenSSL 1.0.x, `@SECLEVEL=0` or a system crypto policy at level 0. Checked only with ssl on, and not when ssl_min_protocol_version is TLSv1.3 (TLS 1.3 suites are not governed by ssl_ciphers).\n\nThe CIS Benchmark (6.10) wants only forward-secret suites: pgdsat fails every entry of ssl_ciphers that is not one of a list of ECDHE/DHE AEAD suites, the default included. The option `onlySuites` checks that and `allowMedium: false` reports MEDIUM suites; under either, an absent ssl_ciphers (the default `HIGH:MEDIUM:+3DES:!aNULL`) is reported at the start of postgresql.conf.",
    invalid: ["ssl = on\nssl_ciphers = 'HIGH:RC4'", "ssl = on\nssl_ciphers = 'ALL:!LOW:!EXP'", "ssl = on\nssl_ciphers = 'HIGH:3DES:!aNULL'"],
    valid: [
      "ssl = on\nssl_ciphers = 'HIGH:MEDIUM:+3DES:!aNULL'",
      "ssl = on\nssl_ciphers = 'HIGH:!aNULL:!MD5'",
      "ssl = on\nssl_ciphers = 'RC4:HIGH:!RC4:!aNULL'",
      "ssl = off\nssl_ciphers = 'NULL'"
    ],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SSL-CIPHERS",
      "https://docs.openssl.org/master/man1/openssl-ciphers/ (CIPHER LIST FORMAT, CIPHER STRINGS)",
      "https://github.com/openssl/openssl/blob/master/ssl/ssl_ciph.c (ssl_cipher_process_rulestr)",
      "https://www.rfc-editor.org/rfc/rfc7465 (Prohibiting RC4 Cipher Suites)",
      "https://sweet32.info/ (3DES)",
      "https://github.com/HexaCluster/pgdsat (check 6.10)"
    ],
    versions: "all; ssl_ciphers governs TLS 1.2 and older only. From 12, when ssl_min_protocol_version is TLSv1.3 the list has no effect and nothing is reported. PostgreSQL 18 adds ssl_tls13_ciphers for the TLS 1.3 suites; every TLS 1.3 suite is strong, so it is not checked.",
    optionsNote: "```yaml\nrules:\n  ssl-ciphers-weak:\n    allowMedium: false\n    onlySuites: [ECDHE-ECDSA-AES256-GCM-SHA384, ECDHE-RSA-AES256-GCM-SHA384]\n```"
  },
  check(ctx) {
    if (ctx.setting("ssl")?.value !== true) return;
    const min = ctx.setting("ssl_min_protocol_version");
    if (typeof min?.value === "string" && min.value.toLowerCase() === "tlsv1.3") return;
    const s = ctx.setting("ssl_ciphers");
    if (!s || typeof s.value !== "string") return;
    const allowMedium = ctx.options.allowMedium !== false;
    const only = Array.isArray(ctx.options.onlySuites) ? ctx.options.onlySuites.filter((x) => typeof x === "string") : [];
    const verdicts = judgeCiphers(s.value, allowMedium, only);
    const first = verdicts[0];
    if (!first) return;
    const at = s.loc ?? ctx.clusterLoc();
    if (!at) return;
    const offsets = s.assignment ? valueOffsets(s.assignment.line.value) : void 0;
    const locOf = (t) => offsets && s.loc ? { file: s.loc.file, start: s.loc.start + offsets[t.start], end: s.loc.start + offsets[t.end - 1] + 1 } : at;
    const weak = /* @__PURE__ */ new Map();
    for (const v of verdicts) for (const w of v.weaknesses) weak.set(w.key, w);
    const outside = verdicts.filter((v) => v.outside).map((v) => `'${v.token.text}'`);
    const parts = [];
    if (weak.size > 0) parts.push(`enables ${list3([...weak.values()].map((w) => w.what))}`);
    if (outside.length > 0) parts.push(`adds ${outside.join(", ")}, not among the allowed suites (onlySuites)`);
    const weakTokens = verdicts.filter((v) => v.weaknesses.length > 0).map((v) => `'${v.token.text}'`);
    const via = weakTokens.length > 0 ? ` (through ${weakTokens.join(", ")})` : "";
    ctx.report({
      loc: locOf(first.token),
      message: `${s.assignment ? `ssl_ciphers = ${s.assignment.line.value.raw}` : `ssl_ciphers (not set; the default is '${s.canonical}')`} ${parts.join(", and ")}${via}`,
      help: only.length > 0 ? `List only the allowed suites, e.g. ssl_ciphers = '${only.slice(0, 4).join(":")}'.` : allowMedium ? "Remove those cipher strings, or end the list with exclusions (:!aNULL:!eNULL:!EXP:!LOW:!RC4:!MD5); the server default ssl_ciphers = 'HIGH:MEDIUM:+3DES:!aNULL' is fine." : "Use ssl_ciphers = 'HIGH:!aNULL:!eNULL' (no MEDIUM suites), or list forward-secret suites explicitly.",
      related: (s.loc ? verdicts.slice(1) : []).map((v) => ({ message: `'${v.token.text}' ${v.weaknesses.length > 0 ? "enables weak suites" : "is not an allowed suite"}`, loc: locOf(v.token) }))
    });
  }
});

// rules/ssl-disabled.ts
var ssl_disabled_default = defineRule({
  name: "ssl-disabled",
  severity: "warning",
  category: "security",
  precedence: 70,
  appliesTo: ["postgresql.conf", "pg_hba.conf"],
  options: {
    always: opt.boolean(false, "Flag `ssl` off whenever the cluster has a postgresql.conf, also without pg_hba.conf or when its host records admit only loopback clients.")
  },
  docs: {
    summary: "`ssl` is off while pg_hba.conf accepts host connections from beyond the loopback interface",
    why: "Without SSL, every query and every result crosses the network in cleartext, readable and modifiable by anyone on the path, and so do the credentials: the password itself with `password`, an MD5 response that can be brute-forced offline with `md5`. `ssl` is off by default. Checked only when the cluster has both postgresql.conf and pg_hba.conf, and only when a `host`, `hostnossl` or `hostnogssenc` record that can match (reachable, not `reject`, no template placeholder) accepts more than loopback addresses. With the option `always`, ssl off is flagged whenever the cluster has a postgresql.conf (the `cis` profile sets it: CIS 6.8 wants TLS enabled whatever pg_hba.conf admits today, so that hostssl records can be added and clients can require TLS).",
    invalid: [{ "postgresql.conf": "ssl = off", "pg_hba.conf": "host    all   app   10.20.0.0/16   scram-sha-256" }],
    valid: [
      { "postgresql.conf": "ssl = on", "pg_hba.conf": "host    all   app   10.20.0.0/16   scram-sha-256" },
      { "postgresql.conf": "ssl = off", "pg_hba.conf": "host    all   all   127.0.0.1/32   scram-sha-256" }
    ],
    references: [
      "https://www.postgresql.org/docs/current/ssl-tcp.html",
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SSL"
    ],
    versions: "all"
  },
  check(ctx) {
    const hba2 = ctx.cluster.hba;
    const ssl = ctx.setting("ssl");
    const always = ctx.options.always === true;
    if (!hba2 && !always || !ctx.cluster.conf || !ssl || ssl.value !== false) return;
    const open = hbaExposures(ctx).filter((e) => e.channel === "plain" && e.strength !== "reject" && e.reach !== "loopback" && e.info.record.connType !== "hostgssenc").map((e) => e.info);
    const first = open[0];
    if (!first) {
      const at = ssl.lineLoc ?? ctx.clusterLoc();
      if (!always || !at) return;
      ctx.report({
        loc: at,
        message: `${ssl.isDefault ? "ssl is off (not set, and the default is off)" : "ssl is off"}: no TCP connection can be encrypted and no hostssl record can match; ` + (hba2 ? "pg_hba.conf admits no unencrypted TCP client from beyond the server today, but one admitted later sends queries, results and credentials in cleartext" : "every client that connects over the network sends queries, results and credentials in cleartext"),
        help: "Set ssl = on with ssl_cert_file and ssl_key_file, and use hostssl records for clients beyond the server."
      });
      return;
    }
    const loc = ssl.lineLoc ?? ctx.clusterLoc() ?? first.loc;
    const more = open.length > 1 ? ` (and ${open.length - 1} more such records)` : "";
    ctx.report({
      loc,
      message: `${ssl.isDefault ? "ssl is off (not set, and the default is off)" : "ssl is off"} while ${recordRef(first)} accepts unencrypted connections: ${first.exposure}${more}; queries, results and credentials cross the network in cleartext`,
      help: "Set ssl = on with ssl_cert_file and ssl_key_file (and prefer hostssl records), or limit host records to 127.0.0.1/32 and ::1/128.",
      related: open.slice(0, 5).map((r) => ({ message: "accepts connections without SSL", loc: r.loc }))
    });
  }
});

// rules/ssl-min-protocol-weak.ts
var VERSIONS = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
var rank2 = (v) => VERSIONS.findIndex((x) => x.toLowerCase() === v.toLowerCase());
function weakness(lowest) {
  if (rank2(lowest) < rank2("TLSv1.2"))
    return `clients can connect with ${lowest === "TLSv1" ? "TLS 1.0 or 1.1" : "TLS 1.1"}, deprecated protocols (RFC 8996) with weak ciphers and MACs (CBC attacks such as BEAST, SHA-1 and MD5 in the handshake) that a man in the middle can force a connection down to`;
  return "clients can connect with TLS 1.2, whose suites (ssl_ciphers) may lack forward secrecy or use CBC ciphers; the required minimum is TLS 1.3, whose suites all have both";
}
var written5 = (s) => s.assignment?.line.value.raw ?? s.canonical;
var ssl_min_protocol_weak_default = defineRule({
  name: "ssl-min-protocol-weak",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  options: {
    minimum: opt.string("TLSv1.2", "The oldest TLS version the server may accept (the `cis` profile sets `TLSv1.3`). With `TLSv1.3`, an absent ssl_min_protocol_version (which means TLSv1.2) is reported at the start of postgresql.conf.", { enum: VERSIONS })
  },
  docs: {
    summary: "With ssl on, ssl_min_protocol_version (or ssl_max_protocol_version) lets connections use a TLS version older than the required minimum (TLS 1.2 by default)",
    why: "ssl_min_protocol_version is the oldest TLS version the server negotiates. TLS 1.0 and 1.1 are deprecated (RFC 8996): their handshake relies on MD5 and SHA-1 and their CBC suites have known attacks, and a client that offers a range can be pushed down to the oldest version both sides accept. PostgreSQL 13 and later default to TLS 1.2, so by default only an explicit weakening is reported; PostgreSQL 12 defaulted to TLSv1, so on 12 a server with ssl on and no ssl_min_protocol_version is reported too. ssl_max_protocol_version set below the minimum is worse: every TLS connection then uses the old protocol. Checked only when ssl is on in the cluster's configuration (with ssl off nothing is encrypted at all: ssl-disabled). The CIS Benchmark (6.8; pgdsat wants TLSv1.3) asks for TLS 1.3: the option `minimum` sets the required version, and then an absent ssl_min_protocol_version is reported at the start of postgresql.conf.",
    invalid: [
      "ssl = on\nssl_min_protocol_version = 'TLSv1'",
      "ssl = on\nssl_max_protocol_version = 'TLSv1.1'"
    ],
    valid: [
      "ssl = on\nssl_min_protocol_version = 'TLSv1.2'",
      "ssl = on\nssl_min_protocol_version = 'TLSv1.3'",
      "ssl = off\nssl_min_protocol_version = 'TLSv1'",
      "ssl = on"
    ],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SSL-MIN-PROTOCOL-VERSION",
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SSL-MAX-PROTOCOL-VERSION",
      "https://www.rfc-editor.org/rfc/rfc8996 (Deprecating TLS 1.0 and TLS 1.1)",
      "https://github.com/HexaCluster/pgdsat (check 6.8)"
    ],
    versions: "12+: ssl_min_protocol_version and ssl_max_protocol_version exist from PostgreSQL 12 (default TLSv1 in 12, TLSv1.2 from 13). On 10 and 11 the server accepts TLS 1.0 and later and nothing in the configuration can change that: the rule is silent there.",
    optionsNote: "```yaml\nrules:\n  ssl-min-protocol-weak: { minimum: TLSv1.3 }\n```"
  },
  check(ctx) {
    const ssl = ctx.setting("ssl");
    if (ssl?.value !== true) return;
    const min = ctx.setting("ssl_min_protocol_version");
    if (!min || typeof min.value !== "string") return;
    const m = ctx.options.minimum;
    const minimum = typeof m === "string" && rank2(m) >= 0 ? VERSIONS[rank2(m)] : "TLSv1.2";
    const minRank = rank2(min.value);
    if (minRank >= 0 && minRank < rank2(minimum)) {
      const loc = min.loc ?? ctx.clusterLoc();
      if (loc) {
        const what = min.loc ? `ssl_min_protocol_version = ${written5(min)}` : `ssl_min_protocol_version (not set; the default${ctx.major === 12 ? " in PostgreSQL 12" : ""} is ${min.canonical})`;
        ctx.report({
          loc,
          message: `${what} is below ${minimum}: ${weakness(VERSIONS[minRank])}`,
          help: `Set ssl_min_protocol_version = '${minimum}'${minimum === "TLSv1.3" ? " (clients need OpenSSL 1.1.1 or later, or another TLS 1.3 library)" : minimum === "TLSv1.2" ? " (clients with OpenSSL 1.0.1 or later support it)" : ""}.`
        });
      }
    }
    const max = ctx.setting("ssl_max_protocol_version");
    if (!max?.loc || typeof max.value !== "string" || max.value === "") return;
    const maxRank = rank2(max.value);
    if (maxRank >= 0 && maxRank < rank2(minimum)) {
      ctx.report({
        loc: max.loc,
        message: `ssl_max_protocol_version = ${written5(max)} is below ${minimum}: no connection can use a newer TLS version, so every encrypted connection uses ${VERSIONS[maxRank]} or older`,
        help: `Remove ssl_max_protocol_version (no upper limit) or set it to '${minimum}' or later.`
      });
    }
  }
});

// rules/standard-conforming-strings-off.ts
var standard_conforming_strings_off_default = defineRule({
  name: "standard-conforming-strings-off",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "standard_conforming_strings is off: backslashes in ordinary string literals are escape characters",
    why: "With standard_conforming_strings off, PostgreSQL treats a backslash in an ordinary '\u2026' literal as an escape character, as before 9.1. An application that escapes user input only by doubling single quotes (what the SQL standard asks for) can then be SQL-injected: the input `\\'; DROP TABLE t; --` becomes `'\\''; DROP TABLE t; --'`, where the backslash escapes the first of the doubled quotes and the second ends the literal. Client libraries must ask the server which mode is on to escape correctly, and SQL written for the standard behaviour (regular expressions, Windows paths, LIKE patterns) silently means something else. The setting exists only for old applications; the default has been on since PostgreSQL 9.1. Use E'\u2026' literals where backslash escapes are wanted.",
    invalid: ["standard_conforming_strings = off"],
    valid: ["standard_conforming_strings = on", "# standard_conforming_strings = off"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-compatible.html#GUC-STANDARD-CONFORMING-STRINGS",
      "https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-STRINGS-ESCAPE",
      "https://www.postgresql.org/docs/9.1/release-9-1.html"
    ],
    versions: "all (a boolean in 10\u201318; a major whose catalog lacks it is not checked)"
  },
  check(ctx) {
    const scs = ctx.setting("standard_conforming_strings");
    if (!scs?.loc || scs.def.type !== "bool" || scs.value !== false) return;
    const raw = scs.assignment?.line.value.raw ?? scs.canonical;
    ctx.report({
      loc: scs.loc,
      message: `standard_conforming_strings = ${raw}${raw === scs.canonical ? "" : ` (${scs.canonical})`}: backslashes in ordinary string literals become escape characters, so applications that escape input by doubling quotes can be SQL-injected, and standard SQL changes meaning`,
      help: "Remove the line (on is the default since 9.1); write E'\u2026' literals where backslash escapes are wanted, and check the application's escaping before switching."
    });
  }
});

// rules/synchronous-commit-off.ts
var synchronous_commit_off_default = defineRule({
  name: "synchronous-commit-off",
  severity: "warning",
  category: "durability",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "synchronous_commit is off for the whole server",
    why: 'With synchronous_commit off, COMMIT returns before the WAL record reaches disk. After a crash of the server or the machine, transactions reported as committed in the last moments (up to three times wal_writer_delay, 600 ms by default) are lost. The database stays consistent \u2014 this is not corruption \u2014 but an application that told a user "saved" was wrong. That is a fine trade for chosen transactions (SET LOCAL synchronous_commit = off, or per role or database), but set globally in postgresql.conf it silently applies to every transaction, including those that must not be lost. Any spelling PostgreSQL maps to off (false, no, 0) counts.',
    invalid: ["synchronous_commit = off", "synchronous_commit = false"],
    valid: ["synchronous_commit = on", "synchronous_commit = local"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-SYNCHRONOUS-COMMIT",
      "https://www.postgresql.org/docs/current/wal-async-commit.html"
    ],
    versions: "all"
  },
  check(ctx) {
    const sc = ctx.setting("synchronous_commit");
    if (sc?.value !== "off" || !sc.loc) return;
    const raw = sc.assignment?.line.value.raw ?? sc.canonical;
    ctx.report({
      loc: sc.loc,
      message: `synchronous_commit = ${raw}${raw === sc.canonical ? "" : ` (${sc.canonical})`} for every transaction: a crash loses the most recently committed transactions (no corruption)`,
      help: "Keep synchronous_commit = on in postgresql.conf and turn it off only where losing recent commits is acceptable (SET LOCAL, ALTER ROLE or ALTER DATABASE \u2026 SET synchronous_commit = off)."
    });
  }
});

// rules/syntax-error.ts
var EXAMPLE_MAX_CHARS = 60;
function syntaxHelp(line, quoted) {
  if (line.code === "missing-value") return "Give the parameter a value: an unquoted word or number, or a quoted string.";
  if (line.code === "double-quotes" && quoted === null) {
    return "Quote values with single quotes: PostgreSQL does not accept double quotes in postgresql.conf.";
  }
  if (quoted !== null && quoted.length <= EXAMPLE_MAX_CHARS + 2 && !quoted.includes("\r")) return `Quote the whole value with single quotes, e.g. ${quoted}.`;
  if (line.code === "unquoted-value" || line.code === "double-quotes") return "Quote the whole value with single quotes (name = '\u2026').";
  return "Quote values that contain spaces, slashes, dots, commas or other special characters, and put one setting per line.";
}
function quotedValue(ctx, file, line) {
  const r = line.valueRange;
  const def = r && line.name !== void 0 ? lookupParam(ctx.catalog, line.name) : void 0;
  if (!r || !def) return null;
  const value = file.text.slice(r.start, r.end);
  return parseGucValue(def, value, ctx.major, { encoding: file.encoding }).ok ? `'${value}'` : null;
}
function nearText(token2) {
  return token2 === null ? "near end of line" : `near token "${boundQuote(token2.text)}"`;
}
var syntax_error_default = defineRule({
  name: "syntax-error",
  severity: "error",
  category: "validity",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf", "recovery.conf", "pg_ident.conf"],
  fixable: "sometimes",
  docs: {
    summary: "A line PostgreSQL cannot parse",
    why: "PostgreSQL refuses to start when postgresql.conf (or a file it includes) has a syntax error, and on reload it ignores the whole file, so none of the other changes take effect either. Common causes are unquoted values with spaces, slashes or dots (`/var/run`, `pg_catalog.english`, `8 MB`), double quotes, and fractional numbers with units (`1.5MB`). The fix (unsafe) quotes a value PostgreSQL cannot read unquoted (`/var/run/postgresql` \u2192 `'/var/run/postgresql'`), when the quoted value is one the parameter accepts: words that were meant as two settings on one line become one value.",
    invalid: ["unix_socket_directories = /var/run/postgresql", "work_mem = 8 MB", 'search_path = "$user", public'],
    valid: ["unix_socket_directories = '/var/run/postgresql'", "work_mem = '8 MB'", `search_path = '"$user", public'`],
    references: ["https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-CONFIGURATION-FILE"],
    versions: "all (the lexer is identical in 10\u201318)"
  },
  check(ctx) {
    const out = floodGuard(ctx, "syntax errors");
    for (const p of ctx.cluster.problems) {
      if (p.kind !== "syntax") continue;
      const conf = ctx.cluster.conf?.files.get(p.file.absPath);
      const at = conf?.lines[p.lineNumber - 1];
      const line = at?.kind === "error" ? at : void 0;
      const where3 = line ? nearText(line.token) : "";
      const quoted = line ? quotedValue(ctx, p.file, line) : null;
      const fix = line?.valueRange && quoted !== null ? {
        title: "Quote the whole value",
        edits: [{ loc: { file: p.file.path, ...line.valueRange }, text: quoted }],
        applicability: "unsafe"
      } : void 0;
      out.report({
        ...fix ? { fix } : {},
        loc: p.loc,
        message: where3 ? `syntax error ${where3}: PostgreSQL refuses to start with this file, and a reload ignores the whole file` : `${p.message}: PostgreSQL stops reading the file here`,
        help: line ? syntaxHelp(line, quoted) : void 0
      });
    }
    for (const line of ctx.cluster.ident?.lines ?? []) {
      const p = line.problem;
      if (!p) continue;
      out.report({
        loc: { file: p.file.path, start: p.start, end: p.end },
        message: p.code === "not-allowed" ? `${boundQuotes(relativizeMessage(p.message, p.file))}: the file lies outside the checked root and was not read` : p.code === "git-dir" || p.code === "limit" ? boundQuotes(relativizeMessage(p.message, p.file)) : `${boundQuotes(relativizeMessage(p.message, p.file))}: PostgreSQL rejects pg_ident.conf as a whole, so no user name maps apply`,
        ...p.code === "not-allowed" ? { severity: "warning" } : {}
      });
    }
    const rec = ctx.cluster.recovery;
    if (rec) {
      for (const line of rec.lines) {
        if (line.kind !== "error") continue;
        out.report({
          loc: line.token ? { file: rec.file.path, start: line.token.start, end: line.token.end } : { file: rec.file.path, start: line.end, end: line.end },
          message: `syntax error ${nearText(line.token)}: the server cannot read recovery.conf`,
          help: syntaxHelp(line, quotedValue(ctx, rec.file, line))
        });
      }
    }
    out.flush();
  }
});

// rules/syslog-messages-lossy.ts
var EFFECT = {
  syslog_sequence_numbers: {
    message: 'repeated identical messages reach syslog without the sequence number that makes each line unique, so a syslog daemon that collapses repeats ("last message repeated N times") drops them',
    help: "Set syslog_sequence_numbers = on (the default)."
  },
  syslog_split_messages: {
    message: "messages longer than about 900 bytes (statements, plans, DETAIL lines) are sent whole, and a syslog implementation with the traditional 1 kB limit truncates them",
    help: "Set syslog_split_messages = on (the default) unless every syslog daemon on the path accepts long messages."
  }
};
var syslog_messages_lossy_default = defineRule({
  name: "syslog-messages-lossy",
  severity: "warning",
  category: "maintenance",
  tags: ["reliability"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "log_destination includes syslog while syslog_sequence_numbers or syslog_split_messages is off: messages can be suppressed or truncated",
    why: 'Both settings are on by default and exist for syslog\'s sake. syslog_sequence_numbers prefixes each message with an increasing number, so that a syslog daemon that suppresses repeated identical lines ("last message repeated N times") keeps them all. syslog_split_messages splits a message longer than 900 bytes (PG_SYSLOG_LIMIT) into numbered lines that fit the traditional syslog limit; off, a long statement or plan is sent whole and may be truncated. Each finding is at the setting turned off, only when log_destination includes syslog. Turning either off is sometimes deliberate (a daemon that accepts long messages, a parser that wants the bare text), which the files cannot show, so the rule is not on by default. Off by default; the `cis` profile turns it on (CIS 3.1.11, 3.1.12).',
    invalid: ["log_destination = 'syslog'\nsyslog_split_messages = off"],
    valid: ["log_destination = 'syslog'", "syslog_sequence_numbers = off"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-SYSLOG-SEQUENCE-NUMBERS",
      "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-SYSLOG-SPLIT-MESSAGES",
      "https://github.com/HexaCluster/pgdsat (checks 3.1.11, 3.1.12)"
    ],
    versions: "all"
  },
  check(ctx) {
    const logging = loggingView(ctx);
    if (!logging?.destinations.has("syslog")) return;
    for (const name of ["syslog_sequence_numbers", "syslog_split_messages"]) {
      const s = ctx.setting(name);
      if (!s?.loc || s.value !== false) continue;
      ctx.report({
        loc: s.loc,
        message: `${settingText(s)} while log_destination includes syslog: ${EFFECT[name].message}`,
        help: EFFECT[name].help,
        related: relatedSetting(logging.destination, "log_destination is set here")
      });
    }
  }
});

// rules/unix-socket-world-accessible.ts
var OTHERS_WRITE = 2;
var unix_socket_world_accessible_default = defineRule({
  name: "unix-socket-world-accessible",
  severity: "warning",
  category: "security",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "unix_socket_permissions lets every local OS account connect to the Unix-domain socket (the default 0777 does)",
    why: "unix_socket_permissions is the mode of the socket files the server creates in unix_socket_directories. For a socket only write permission matters: whoever may write to it may connect. With the default 0777, every OS account on the machine (and every container or service sharing the socket directory) can open a connection. pg_hba.conf's `local` records still authenticate those connections, so the exposure is that every local account reaches the authentication step: a `local \u2026 trust` record then lets any of them in as any role, `peer` any account whose name is a role's, and password records can be guessed from every account. 0770 with unix_socket_group, or 0700, limits that to the accounts meant to connect. Not reported when unix_socket_directories is empty (no socket) or names only abstract sockets (`@name`, which have no file permissions). This checks the setting; the socket file's real mode (and the socket directory's) is OS state the files cannot show. Off by default; the `cis` profile turns it on (CIS 2.6).",
    invalid: ["unix_socket_permissions = 0777", "unix_socket_directories = '/var/run/postgresql'"],
    valid: ["unix_socket_permissions = 0770", "unix_socket_permissions = 0755", "unix_socket_directories = ''"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-UNIX-SOCKET-PERMISSIONS",
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-UNIX-SOCKET-DIRECTORIES",
      "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"
    ],
    versions: "all (abstract sockets, `@name`, are 14+ on Linux)"
  },
  check(ctx) {
    const at = ctx.clusterLoc();
    const perm = ctx.setting("unix_socket_permissions");
    const dirs = ctx.setting("unix_socket_directories");
    if (!at || !perm || !dirs || typeof perm.value !== "number" || (perm.value & OTHERS_WRITE) === 0) return;
    const paths = (splitDirectoriesString(String(dirs.value)) ?? []).filter((d) => d !== "" && !(ctx.major >= 14 && d.startsWith("@")));
    if (!paths.length) return;
    const mode = `0${(perm.value & 511).toString(8).padStart(3, "0")}`;
    const where3 = dirs.isDefault ? "" : ` in ${paths.join(", ")}`;
    const trust = ctx.cluster.hba?.lines.find((l) => l.record?.connType === "local" && l.record.method === "trust")?.record;
    ctx.report({
      loc: perm.loc ?? at,
      message: `${perm.isDefault ? `unix_socket_permissions (not set; the default is ${mode})` : settingText(perm)} lets every local OS account connect to the Unix-domain socket${where3}: each of them reaches pg_hba.conf's local records${trust ? ", and a local trust record lets any of them in as any role" : ""}`,
      help: `Set unix_socket_permissions = 0770 with unix_socket_group = '<the group allowed to connect>', or 0700 for the server's OS user only (the socket is created at server start: a restart is needed).`,
      ...trust ? { related: [{ message: "this local record trusts every connection on the socket", loc: tokenLoc(trust.methodToken) }] } : {}
    });
  }
});

// rules/unknown-setting.ts
var unknown_setting_default = defineRule({
  name: "unknown-setting",
  severity: "error",
  category: "validity",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  fixable: "sometimes",
  docs: {
    summary: "A parameter name PostgreSQL does not know",
    why: "PostgreSQL refuses to start when postgresql.conf sets a parameter it does not recognize, and a reload ignores the whole file. A typo therefore either takes the server down at the next restart or silently keeps every other change in the file from applying. Two-part names (`myext.setting`) are custom settings and are accepted without checking. The fix (unsafe) renames the parameter to the did-you-mean name, offered only when one name is nearest and the value is valid for it: the typo may have meant another parameter.",
    invalid: ["logical_decoding_work_memo = 64MB", "shared_buffer = 1GB"],
    valid: ["logical_decoding_work_mem = 64MB", "pg_stat_statements.max = 10000"],
    references: ["https://www.postgresql.org/docs/current/config-setting.html"],
    versions: "all",
    optionsNote: '```yaml\nrules:\n  unknown-setting:\n    ignore: ["edb_*", "oracle_home", "utl_file.*"]\n```'
  },
  options: {
    ignore: opt.stringArray([], "Parameter names (case-insensitive, `*` wildcards) that the server knows although stock PostgreSQL does not, e.g. for EDB Postgres Advanced Server.", { minLength: 1 })
  },
  check(ctx) {
    const ignore = (Array.isArray(ctx.options.ignore) ? ctx.options.ignore : []).map((p) => wildcardMatcher(p.toLowerCase()));
    for (const a of ctx.cluster.assignments) {
      if (a.status !== "unknown" || versionFacts(a.line.name, ctx.major)) continue;
      if (ignore.length > 0 && ignore.some((matches) => matches(a.line.name.toLowerCase()))) continue;
      const loc = { file: a.file.path, start: a.line.nameStart, end: a.line.nameEnd };
      if (!ctx.listed(loc.file)) {
        ctx.unlisted(loc.file, 1, loc);
        continue;
      }
      const name = a.line.name;
      if (name.startsWith("\uFEFF")) {
        ctx.report({
          loc,
          message: `the file starts with a UTF-8 byte order mark, which PostgreSQL reads as part of the name "${boundQuote(name.slice(1))}": unrecognized parameter, the server refuses to start`,
          help: "Save the file as UTF-8 without a byte order mark (BOM)."
        });
        continue;
      }
      const near = closestNameMatches(ctx.catalog, name, 2);
      const best = near[0]?.name;
      const unique = near.length === 1 || near.length === 2 && near[1].d > near[0].d;
      const def = unique && best ? lookupParam(ctx.catalog, best) : void 0;
      const fits = def !== void 0 && parseGucValue(def, a.line.value.value, ctx.major).ok;
      ctx.report({
        loc,
        ...fits ? { fix: { title: `Rename to ${best}`, edits: [{ loc, text: best }], applicability: "unsafe" } } : {},
        message: `unrecognized configuration parameter "${boundQuote(name)}": PostgreSQL ${ctx.major} refuses to start with it`,
        help: best ? `Did you mean "${best}"?` : "Check the spelling against the documentation for this version."
      });
    }
  }
});

// rules/unreadable-file.ts
var unreadable_file_default = defineRule({
  name: "unreadable-file",
  severity: "error",
  category: "validity",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf", "pg_hba.conf", "pg_ident.conf", "recovery.conf"],
  docs: {
    summary: "A configuration file that could not be read",
    why: "A configuration file that cannot be read (permissions, a directory or device where a file is expected, or a file larger than the size limit) cannot be checked, and PostgreSQL would not be able to read it either. The rest of the repository is still checked. A postgresql.conf of more than 2,000,000 lines is checked up to that line and this rule reports where it stopped: what follows is not checked, so the finding is an error (PostgreSQL itself would read on). Files that are not regular files (FIFOs, devices), or that lie under .git/ through a symlink, are reported without being opened.",
    invalid: [],
    valid: ["work_mem = 8MB"],
    references: ["https://www.postgresql.org/docs/current/config-setting.html"],
    versions: "all"
  },
  check(ctx) {
    for (const u of ctx.cluster.unreadable) {
      ctx.report({
        loc: { file: u.path, start: 0, end: 0 },
        message: `could not read ${u.kind} file: ${u.error}`
      });
    }
    const parsed = [...ctx.cluster.conf?.files.values() ?? [], ...ctx.cluster.recovery ? [ctx.cluster.recovery] : []];
    for (const conf of parsed) {
      if (conf.truncatedAtLine === void 0) continue;
      const at = conf.file.lineStarts[conf.truncatedAtLine - 1] ?? conf.file.text.length;
      ctx.report({
        loc: { file: conf.file.path, start: at, end: at },
        message: `not read from this line on: the file has more than ${MAX_CONF_LINES} lines, and pgconf-lint checks only the first ${MAX_CONF_LINES} (PostgreSQL would read them all)`,
        help: "Split the file (include_dir), or remove the blank, comment or repeated lines that make it this long."
      });
    }
  }
});

// rules/unrendered-template.ts
var SHELL_COMMANDS = /* @__PURE__ */ new Set(["archive_command", "restore_command", "archive_cleanup_command", "recovery_end_command", "ssl_passphrase_command"]);
var NO_SHELL = ["shell"];
var HELP = "Render the template before the file is deployed (envsubst, Ansible, Helm, \u2026) and lint the rendered file, or write the value itself.";
var concern = (p) => `the template placeholder ${p.text} was never rendered (unrendered-template)`;
function placeholdersIn(text3, except = []) {
  const out = [];
  for (let offset = 0; offset < text3.length; ) {
    const p = findPlaceholder(offset === 0 ? text3 : text3.slice(offset), { except });
    if (!p) break;
    out.push({ ...p, start: p.start + offset, end: p.end + offset });
    offset += p.end;
  }
  return out;
}
var unrendered_template_default = defineRule({
  name: "unrendered-template",
  severity: "error",
  category: "validity",
  precedence: 240,
  appliesTo: ["postgresql.conf", "postgresql.auto.conf", "pg_hba.conf", "pg_ident.conf", "recovery.conf"],
  docs: {
    summary: "A value or pg_hba/pg_ident field still holds a template placeholder (`${VAR}`, `{{ var }}`, `@@VAR@@`, `%(var)s`, `<%= var %>`)",
    why: "Configuration is often generated from a template (envsubst, Docker entrypoints, Ansible/Jinja, Helm, ERB, sed). When the rendering step is skipped or a variable is missing, the placeholder reaches the server, and PostgreSQL takes the text literally: `TimeZone = '${TZ}'` is not a time zone, so the server refuses to start; `cluster_name = '{{ name }}'` is accepted as that very text; in pg_hba.conf an address `${DOCKER_SUBNET}` is looked up as a host name and never matches, a user `${APP_USER}` matches only a role of that literal name, and `@@REPLICA@@` is read as an `@file` reference that does not exist, so the whole file is rejected. An `include_if_exists` whose file name holds a placeholder is reported too: PostgreSQL skips it without a word (a missing `include` is reported by missing-include, or in pg_hba.conf as a rejected record). A placeholder with blanks (`{{ user }}`) splits into several pg_hba fields; a record rejected for that is one finding with hba-invalid-record. Only values and fields are searched, never comments. Not placeholders: `$user` and `$libdir`, `%`-escapes such as `%p`, `%f`, `%m` (and `%%`), and unbraced names such as `PG_MASTER_USER` or `__DB__`, which nothing tells apart from a real role or database name. In the shell commands (archive_command, restore_command, archive_cleanup_command, recovery_end_command, ssl_passphrase_command) `${VAR}` is the shell expanding a variable of the server's environment and is not reported. A value PostgreSQL also rejects (invalid-value, hba-invalid-record) is one finding, naming both. An unquoted placeholder in postgresql.conf or pg_ident.conf is a syntax error, reported by syntax-error. A placeholder in a setting that a later line overrides with a valid value has no effect and is not reported.",
    invalid: ["cluster_name = '{{ cluster_name }}'", { "pg_hba.conf": "host  all  all  ${DOCKER_SUBNET}  scram-sha-256\n" }],
    valid: [
      `TimeZone = 'Europe/Berlin'
search_path = '"$user", public'`,
      "archive_command = 'cp %p ${ARCHIVE_DIR}/%f'",
      { "pg_hba.conf": "# host all all ${DOCKER_SUBNET} scram-sha-256\nhost  replication  PG_MASTER_USER  10.0.0.0/8  scram-sha-256\n" }
    ],
    references: [
      "https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-CONFIGURATION-FILE",
      "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
      "https://www.postgresql.org/docs/current/auth-username-maps.html"
    ],
    versions: "all (include_if_exists in pg_hba.conf/pg_ident.conf 16+; recovery.conf is read up to 11)"
  },
  check(ctx) {
    for (const a of ctx.cluster.assignments) {
      if (a.ignored || a.overriddenBy && a.status !== "invalid") continue;
      const shell = a.def !== void 0 && SHELL_COMMANDS.has(a.def.name);
      checkConfValue(ctx, a.file, a.line.name, a.line.value, shell, a.status === "invalid" ? "rejected" : a.status === "unknown" ? "unknown" : "taken");
    }
    if (ctx.major <= 11 && ctx.cluster.recovery) {
      for (const line of ctx.cluster.recovery.lines) {
        if (line.kind !== "setting") continue;
        checkConfValue(ctx, ctx.cluster.recovery.file, line.name, line.value, SHELL_COMMANDS.has(line.name.toLowerCase()), "taken");
      }
    }
    checkSkippedConfIncludes(ctx);
    for (const line of ctx.cluster.hba?.lines ?? []) checkHbaLine(ctx, line);
    for (const inc of ctx.cluster.hba?.includes ?? []) if (inc.skipped) checkSkippedAuthInclude(ctx, inc);
    for (const line of ctx.cluster.ident?.lines ?? []) checkIdentLine(ctx, line);
    for (const inc of ctx.cluster.ident?.includes ?? []) if (inc.skipped) checkSkippedAuthInclude(ctx, inc);
  }
});
function checkConfValue(ctx, file, name, value, shell, fate) {
  const p = findPlaceholder(value.raw, shell ? { except: NO_SHELL } : {});
  if (!p) return;
  const loc = { file: file.path, start: value.start + p.start, end: value.start + p.end };
  if (!ctx.listed(loc.file)) {
    ctx.unlisted(loc.file, 1, loc);
    return;
  }
  const consequence2 = fate === "rejected" ? "PostgreSQL reads it literally, rejects the value and refuses to start" : fate === "unknown" ? "PostgreSQL reads it literally" : `PostgreSQL takes the text literally, so ${name} is "${boundQuote(value.value)}", not the rendered value`;
  ctx.report({
    loc,
    message: `${name} = ${boundQuote(value.raw)} still holds the template placeholder ${p.text}, which was never rendered: ${consequence2}`,
    help: HELP,
    group: { key: valueGroupKey(file.path, value.start), concern: concern(p) }
  });
}
function placeholdersOfLine(line, problem) {
  const own = (t) => t.file === line.file && t.via === null;
  let end = line.start;
  let foreign = false;
  for (const f of line.fields) {
    for (const t of f.tokens) {
      if (!own(t)) foreign = true;
      else if (t.end > end) end = t.end;
    }
  }
  const errorHere = problem !== null && problem.file === line.file;
  if (errorHere && problem.end > end) end = problem.end;
  const out = [];
  for (const p of placeholdersIn(line.file.text.slice(line.start, end))) {
    const start = line.start + p.start;
    const inError = errorHere && start < problem.end && line.start + p.end > problem.start;
    let token2 = null;
    for (const f of line.fields) for (const t of f.tokens) if (token2 === null && own(t) && t.start <= start && start < t.end) token2 = t;
    out.push({ p, file: line.file, start, end: line.start + p.end, token: token2, inError });
  }
  if (!foreign) return out;
  for (const f of line.fields) {
    for (const t of f.tokens) {
      if (own(t)) continue;
      for (const p of placeholdersIn(t.raw)) {
        const start = t.start + p.start;
        const inError = problem !== null && problem.file === t.file && start < problem.end && t.start + p.end > problem.start;
        out.push({ p, file: t.file, start, end: t.start + p.end, token: t, inError });
      }
    }
  }
  return out;
}
function checkHbaLine(ctx, line) {
  const problem = line.problem ?? line.error;
  const found = placeholdersOfLine(line, problem);
  if (found.length === 0) return;
  const split = problem !== null && !found.some((x) => x.inError) ? found.find((x) => /\s/.test(x.p.text)) : void 0;
  if (split) split.inError = true;
  const f = found.find((x) => x.inError) ?? found[0];
  const loc = { file: f.file.path, start: f.start, end: f.end };
  if (!ctx.listed(loc.file)) {
    ctx.unlisted(loc.file, 1, loc);
    return;
  }
  const r = line.record;
  const t = f.token;
  let what = "the field";
  let consequence2 = "PostgreSQL takes the text literally";
  if (f.inError) {
    consequence2 = "PostgreSQL rejects this record, so the server refuses to start and a reload keeps the old rules";
  } else if (r && t) {
    if (r.address?.token === t) {
      what = "the address";
      consequence2 = r.address.kind === "hostname" ? `PostgreSQL looks "${boundQuote(r.address.hostname ?? t.text)}" up as a host name, which no client has, so this record never matches` : consequence2;
    } else if (r.address?.maskToken === t) {
      what = "the netmask";
    } else if (r.databases.some((d) => d.token === t)) {
      what = "the database";
      consequence2 = `PostgreSQL takes it as a database literally named "${boundQuote(t.text)}", so this record matches no real database`;
    } else if (r.users.some((u) => u.token === t)) {
      what = "the user";
      consequence2 = `PostgreSQL takes it as a role literally named "${boundQuote(t.text)}", so this record matches no real role`;
    } else if (r.options.some((o) => o.token === t)) {
      what = "the option";
      consequence2 = "PostgreSQL takes the option value literally";
    }
  }
  const others = [...new Set(found.filter((x) => x !== f).map((x) => x.p.text))];
  const groupStart = f.inError && problem ? problem.start : t?.start ?? f.start;
  ctx.report({
    loc,
    message: `${what} ${f.p.text} is a template placeholder that was never rendered: ${consequence2}` + (others.length ? `; the record also holds ${others.slice(0, 3).join(", ")}${others.length > 3 ? ", \u2026" : ""}` : ""),
    help: HELP,
    group: { key: hbaTokenGroupKey(f.inError && problem ? problem.file.path : f.file.path, groupStart), concern: concern(f.p) }
  });
}
function checkIdentLine(ctx, line) {
  const problem = line.problem ?? line.error;
  const found = placeholdersOfLine(line, problem);
  if (found.length === 0 || found.some((x) => x.inError) || problem !== null && found.some((x) => /\s/.test(x.p.text))) return;
  const f = found[0];
  const loc = { file: f.file.path, start: f.start, end: f.end };
  if (!ctx.listed(loc.file)) {
    ctx.unlisted(loc.file, 1, loc);
    return;
  }
  const others = [...new Set(found.slice(1).map((x) => x.p.text))];
  ctx.report({
    loc,
    message: `${f.p.text} in pg_ident.conf is a template placeholder that was never rendered: PostgreSQL takes it literally, so this mapping never applies as intended` + (others.length ? `; the line also holds ${others.slice(0, 3).join(", ")}${others.length > 3 ? ", \u2026" : ""}` : ""),
    help: HELP
  });
}
var SKIPPED = "PostgreSQL looks for a file of that literal name, finds none and skips the include without an error, so nothing meant for that file applies";
function checkSkippedConfIncludes(ctx) {
  const conf = ctx.cluster.conf;
  if (!conf) return;
  const seen = /* @__PURE__ */ new Set();
  for (const s of conf.skipped) {
    const key = `${s.file.absPath}:${s.lineNumber}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = conf.files.get(s.file.absPath)?.lines[s.lineNumber - 1];
    if (line?.kind !== "include") continue;
    const p = findPlaceholder(line.value.raw);
    if (!p) continue;
    ctx.report({
      loc: { file: s.file.path, start: line.value.start + p.start, end: line.value.start + p.end },
      message: `${line.name} ${boundQuote(line.value.raw)} still holds the template placeholder ${p.text}, which was never rendered: ${SKIPPED}`,
      help: HELP
    });
  }
}
function checkSkippedAuthInclude(ctx, inc) {
  const text3 = inc.file.text.slice(inc.start, inc.end);
  const hash = text3.indexOf("#");
  const p = findPlaceholder(hash === -1 ? text3 : text3.slice(0, hash));
  if (!p) return;
  ctx.report({
    loc: { file: inc.file.path, start: inc.start + p.start, end: inc.start + p.end },
    message: `include_if_exists still holds the template placeholder ${p.text}, which was never rendered: ${SKIPPED}`,
    help: HELP
  });
}

// rules/unused-directive.ts
var unused_directive_default = defineRule({
  name: "unused-directive",
  severity: "warning",
  category: "validity",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf", "pg_hba.conf", "pg_ident.conf", "recovery.conf"],
  docs: {
    summary: "A pgconf-lint directive that suppresses nothing, is misspelled, names an unknown rule, or gives no reason",
    why: "Suppression comments outlive the problems they were written for. A directive that no longer suppresses anything hides the next real problem on that line from review, and a directive without a reason leaves the next reader guessing why a check was silenced. Directives are `# pgconf-lint disable-line RULE -- reason`, `disable-next-line` (the line after the comment), `disable-file`, and the block form `disable RULE -- reason` \u2026 `enable RULE` (the lines between; without an `enable`, to the end of the file); the reason after `--` is required. A comment meant as a directive but misspelled (`# pgconf-lint: disable-next-line \u2026` with a colon, `Disable-Line` in another case, `disable-lines`) would silently suppress nothing, so it is reported with the spelling that works; so is an `enable` that ends no block.",
    invalid: [
      "# pgconf-lint disable-next-line invalid-value -- legacy value\nwork_mem = 8MB",
      "# pgconf-lint: disable-next-line invalid-value -- legacy value\nwork_mem = 8MB"
    ],
    valid: ["# pgconf-lint disable-next-line invalid-value -- kept for the 9.6 fleet\nwork_mem = 8mb"],
    references: ["https://github.com/pgconf-lint/pgconf-lint#suppressing-findings"],
    versions: "all"
  },
  engineReport: "directive-problems",
  check() {
  }
});

// rules/wal-level-insufficient.ts
var wal_level_insufficient_default = defineRule({
  name: "wal-level-insufficient",
  severity: "error",
  category: "validity",
  tags: ["reliability"],
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "wal_level = minimal combined with WAL senders, archiving or WAL summarization, so the server refuses to start",
    why: 'wal_level = minimal leaves out of WAL what replication, archiving and incremental backup need, so the postmaster refuses to start when it is combined with max_wal_senders > 0 ("WAL streaming (max_wal_senders > 0) requires wal_level "replica" or "logical""), archive_mode on or always ("WAL archival cannot be enabled when wal_level is "minimal"") or, from 17, summarize_wal = on ("WAL cannot be summarized when wal_level is "minimal""). Note that max_wal_senders defaults to 10 since PostgreSQL 10, so wal_level = minimal on its own already stops the server unless max_wal_senders = 0 is set too.',
    invalid: ["wal_level = minimal", "wal_level = minimal\nmax_wal_senders = 0\narchive_mode = on"],
    valid: ["wal_level = replica", "wal_level = minimal\nmax_wal_senders = 0"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-WAL-LEVEL",
      "https://www.postgresql.org/docs/current/runtime-config-replication.html#GUC-MAX-WAL-SENDERS",
      "https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-SUMMARIZE-WAL"
    ],
    versions: "all (summarize_wal is 17+)"
  },
  check(ctx) {
    const level = ctx.setting("wal_level");
    if (level?.value !== "minimal" || !level.loc) return;
    const conflicts = [];
    const fixes = [];
    const related = [];
    const archive = ctx.setting("archive_mode");
    if (archive && archive.value !== "off") {
      conflicts.push(`archive_mode = ${archive.canonical}`);
      fixes.push("archive_mode = off");
      if (archive.loc) related.push({ message: `archive_mode = ${archive.canonical} needs wal_level replica or logical`, loc: archive.loc });
    }
    const senders = ctx.setting("max_wal_senders");
    if (senders && typeof senders.value === "number" && senders.value > 0) {
      conflicts.push(`max_wal_senders = ${senders.canonical}${senders.isDefault ? " (the default)" : ""}`);
      fixes.push("max_wal_senders = 0");
      if (senders.loc) related.push({ message: `max_wal_senders = ${senders.canonical} needs wal_level replica or logical`, loc: senders.loc });
    }
    const summarize2 = ctx.setting("summarize_wal");
    if (summarize2?.value === true) {
      conflicts.push("summarize_wal = on");
      fixes.push("summarize_wal = off");
      if (summarize2.loc) related.push({ message: "summarize_wal = on needs wal_level replica or logical", loc: summarize2.loc });
    }
    if (conflicts.length === 0) return;
    ctx.report({
      loc: level.loc,
      message: `wal_level = ${level.assignment?.line.value.raw ?? level.canonical} with ${conflicts.join(", ")}: PostgreSQL refuses to start`,
      help: `Set wal_level = replica, or keep minimal and set ${fixes.join(", ")}.`,
      related
    });
  }
});

// rules/index.ts
var RULES = [
  anonymizer_not_loaded_default,
  archive_command_missing_default,
  archive_command_noop_default,
  archive_mode_off_default,
  auth_delay_not_loaded_default,
  authentication_timeout_long_default,
  autovacuum_off_default,
  client_min_messages_verbose_default,
  connection_logging_off_default,
  ddl_not_logged_default,
  debug_setting_enabled_default,
  duplicate_setting_default,
  failsafe_age_clamped_default,
  freeze_max_age_high_default,
  freeze_min_age_clamped_default,
  freeze_table_age_clamped_default,
  fsync_off_default,
  full_page_writes_off_default,
  hba_all_users_all_databases_default,
  hba_cleartext_password_default,
  hba_client_cert_not_required_default,
  hba_hostssl_without_ssl_default,
  hba_ident_over_tcp_default,
  hba_invalid_record_default,
  hba_local_trust_default,
  hba_map_undefined_default,
  hba_md5_default,
  hba_open_to_world_default,
  hba_replication_open_default,
  hba_superuser_remote_default,
  hba_tls_not_required_default,
  hba_trust_remote_default,
  hba_unreachable_record_default,
  hba_wide_network_default,
  ident_map_unused_default,
  invalid_value_default,
  listen_on_all_addresses_default,
  log_destination_empty_default,
  log_directory_empty_default,
  log_directory_in_data_directory_default,
  log_duration_off_default,
  log_error_verbosity_low_default,
  log_file_mode_permissive_default,
  log_hostname_on_default,
  log_level_too_quiet_default,
  log_line_prefix_incomplete_default,
  log_statement_secrets_default,
  log_timezone_not_utc_default,
  log_truncate_on_rotation_off_default,
  logging_collector_off_default,
  memory_overcommit_default,
  missing_include_default,
  parallel_workers_exceed_default,
  password_check_not_loaded_default,
  password_encryption_md5_default,
  pgaudit_not_configured_default,
  recovery_conf_obsolete_default,
  removed_setting_default,
  replication_commands_not_logged_default,
  replication_conninfo_insecure_default,
  replication_slot_wal_unbounded_default,
  reserved_connections_exceed_max_default,
  rewind_not_ready_default,
  secret_in_config_default,
  ssl_ciphers_weak_default,
  ssl_disabled_default,
  ssl_min_protocol_weak_default,
  standard_conforming_strings_off_default,
  synchronous_commit_off_default,
  syntax_error_default,
  syslog_messages_lossy_default,
  unix_socket_world_accessible_default,
  unknown_setting_default,
  unreadable_file_default,
  unrendered_template_default,
  unused_directive_default,
  wal_level_insufficient_default
];

// bin/cli.ts
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});
void main(process.argv.slice(2), RULES).then((code) => {
  process.exitCode = code;
});
