import { createRequire as __pgclCreateRequire } from 'node:module'; const require = __pgclCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/resolve/safe-read.ts
import { closeSync, constants, fstatSync, openSync, readSync, readdirSync, readlinkSync, realpathSync as realpathSync2, statSync as statSync2 } from "node:fs";
import { basename, dirname, isAbsolute as isAbsolute2, join, resolve as resolve2, sep as sep2 } from "node:path";

// src/resolve/host.ts
import { getHeapStatistics } from "node:v8";
import { realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";

// src/source/source.ts
var utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
function decode(bytes) {
  try {
    return { text: utf8.decode(bytes), encoding: "utf8" };
  } catch {
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1"), encoding: "latin1" };
  }
}
function computeLineStarts(text) {
  let count = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  const starts = new Int32Array(count);
  let k = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts[k++] = i + 1;
  return starts;
}
function createSourceFile(path, absPath, content) {
  const { text, encoding } = typeof content === "string" ? { text: content, encoding: "utf8" } : decode(content);
  return { path, absPath, text, encoding, lineStarts: computeLineStarts(text) };
}
function lineColumn(file, offset) {
  const starts = file.lineStarts;
  const off = Math.max(0, Math.min(offset, file.text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if (starts[mid] <= off) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: off - starts[lo] + 1 };
}

// src/resolve/host.ts
var DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
var MAX_MAX_FILE_BYTES = 256 * 1024 * 1024;
function fsFailure(err) {
  const error = describeFsError(err);
  return err?.code === "ENOENT" ? { ok: false, error, missing: true } : { ok: false, error };
}
function describeFsError(err) {
  const code = err?.code;
  switch (code) {
    case "ENOENT":
      return "No such file or directory";
    case "EACCES":
    case "EPERM":
      return "Permission denied";
    case "EISDIR":
      return "Is a directory";
    case "ENOTDIR":
      return "Not a directory";
    case "ELOOP":
      return "Too many levels of symbolic links";
    case "ENAMETOOLONG":
      return "File name too long";
    case "ENXIO":
      return "No such device or address";
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
function toDisplayPath(cwd, absPath) {
  const rel = relative(cwd, absPath);
  if (rel === "") return ".";
  if (rel.startsWith("..") || isAbsolute(rel)) return absPath.split(sep).join("/");
  return rel.split(sep).join("/");
}
function isInside(root, absPath) {
  const rel = relative(root, absPath);
  return rel === "" || !rel.startsWith(".." + sep) && rel !== ".." && !isAbsolute(rel);
}
var HEAP_SHARE = 0.5;
var heapLimit = getHeapStatistics().heap_size_limit;
function heapFull() {
  const used = getHeapStatistics().used_heap_size;
  if (used <= heapLimit * HEAP_SHARE) return void 0;
  const mb = (n) => Math.round(n / 2 ** 20);
  return `not read: this run already holds ${mb(used)} MB of configuration, half of its ${mb(heapLimit)} MB heap, so the rest of the repository is reported, not read (lint it in parts with narrower paths, or give Node more heap: NODE_OPTIONS=--max-old-space-size=MB)`;
}
function nodeHost(options = {}) {
  const cwd = resolve(options.cwd ?? process.cwd());
  const base = resolve(cwd, options.base ?? cwd);
  const rootAbs = resolve(cwd, options.root ?? cwd);
  let root = rootAbs;
  try {
    root = realpathSync(rootAbs);
  } catch {
  }
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const confine = confinement(rootAbs, root);
  const allowed = (p) => confine.refusal(p) === void 0;
  return {
    cwd,
    base,
    root,
    maxFileBytes,
    kind(p) {
      try {
        const st = statSync(p);
        return st.isFile() ? "file" : st.isDirectory() ? "dir" : "other";
      } catch {
        return "missing";
      }
    },
    allowed,
    refusal: (p) => confine.refusal(p),
    identity: (p) => fileIdentity(p),
    read(p) {
      const full = heapFull();
      if (full) return { ok: false, error: full };
      const r = readRegularFile(p, { maxBytes: maxFileBytes, confine, limitHint: FILE_LIMIT_HINT });
      return r.ok ? { ok: true, file: createSourceFile(toDisplayPath(base, p), p, r.bytes) } : r;
    },
    list(p) {
      return listDirectory(p, confine);
    },
    display(p) {
      return toDisplayPath(base, p);
    }
  };
}

// src/source/refusal.ts
var OUTSIDE_REFUSAL = "outside the checked root; it was not read";
var GIT_DIR_REFUSAL = "inside the repository's .git directory, which pgconf-lint never reads as configuration; it was not read";
function hasGitSegment(relPath) {
  if (!/\.git/i.test(relPath)) return false;
  return relPath.split(/[\\/]/).some((s) => s.toLowerCase() === ".git");
}

// src/resolve/safe-read.ts
var O_NONBLOCK = constants.O_NONBLOCK ?? 0;
var O_NOCTTY = constants.O_NOCTTY ?? 0;
var O_DIRECTORY = constants.O_DIRECTORY ?? 0;
function realOrSelf(p) {
  let rest = "";
  let cur = p;
  for (; ; ) {
    try {
      const real = realpathSync2.native(cur);
      return rest ? join(real, rest) : real;
    } catch {
      const up = dirname(cur);
      if (up === cur) return p;
      rest = rest ? join(basename(cur), rest) : basename(cur);
      cur = up;
    }
  }
}
function confinement(rootAbs, root = realOrSelf(rootAbs)) {
  const given = resolve2(rootAbs);
  const real = resolve2(root);
  const below = (dir, abs) => {
    if (abs === dir) return "";
    const prefix = dir.endsWith(sep2) ? dir : dir + sep2;
    return abs.startsWith(prefix) ? abs.slice(prefix.length) : void 0;
  };
  const refusalOfReal = (path) => {
    const rel = isAbsolute2(path) ? below(real, path) : void 0;
    if (rel === void 0) return OUTSIDE_REFUSAL;
    return hasGitSegment(rel) ? GIT_DIR_REFUSAL : void 0;
  };
  return {
    root: real,
    refusalOfReal,
    refusal(p) {
      const abs = resolve2(p);
      const lexical = below(given, abs) ?? below(real, abs);
      if (lexical === void 0) return OUTSIDE_REFUSAL;
      return refusalOfReal(realOrSelf(abs)) ?? (hasGitSegment(lexical) ? GIT_DIR_REFUSAL : void 0);
    }
  };
}
function descriptorPath(fd) {
  if (process.platform !== "linux") return void 0;
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return void 0;
  }
}
function readAtMost(fd, expected, limit) {
  const chunks = [];
  let total = 0;
  let size = Math.min(expected, limit) + 1;
  for (; ; ) {
    const buf = Buffer.allocUnsafe(size);
    const n = readSync(fd, buf, 0, size, null);
    if (n === 0) break;
    chunks.push(n === size ? buf : buf.subarray(0, n));
    total += n;
    if (total > limit) break;
    size = Math.min(64 * 1024, limit + 1 - total);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}
var FILE_LIMIT_HINT = "--max-file-size, maxFileSize in the config";
function sizeLimitError(size, maxBytes, limitHint) {
  return `file is ${size} bytes, larger than the limit of ${maxBytes} bytes${limitHint ? ` (${limitHint})` : ""}; not read`;
}
function readRegularFile(path, options) {
  const { maxBytes, confine } = options;
  const tooLarge = (size) => ({ ok: false, error: sizeLimitError(size, maxBytes, options.limitHint) });
  const before = confine?.refusal(path);
  if (before) return { ok: false, error: before };
  let fd;
  try {
    fd = openSync(path, constants.O_RDONLY | O_NONBLOCK | O_NOCTTY);
  } catch (err) {
    return fsFailure(err);
  }
  try {
    if (confine) {
      const real = descriptorPath(fd);
      const after = real === void 0 ? void 0 : confine.refusalOfReal(real);
      if (after) return { ok: false, error: after };
    }
    const st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, error: "Is a directory" };
    if (!st.isFile()) return { ok: false, error: "not a regular file" };
    if (st.size > maxBytes) return tooLarge(st.size);
    const bytes = readAtMost(fd, st.size, maxBytes);
    if (bytes.length > maxBytes) return tooLarge(`more than ${maxBytes}`);
    return { ok: true, bytes };
  } catch (err) {
    return fsFailure(err);
  } finally {
    closeSync(fd);
  }
}
function listDirectory(path, confine) {
  const before = confine?.refusal(path);
  if (before) return { ok: false, error: before };
  let fd;
  try {
    fd = openSync(path, constants.O_RDONLY | O_DIRECTORY | O_NONBLOCK);
  } catch (err) {
    return fsFailure(err);
  }
  try {
    let via = path;
    const real = descriptorPath(fd);
    if (real !== void 0) {
      const after = confine?.refusalOfReal(real);
      if (after) return { ok: false, error: after };
      via = `/proc/self/fd/${fd}`;
    } else if (!fstatSync(fd).isDirectory()) return { ok: false, error: "Not a directory" };
    const entries = readdirSync(via, { withFileTypes: true }).map((d) => {
      const isLink = d.isSymbolicLink();
      let isDir = d.isDirectory();
      if (isLink) {
        try {
          isDir = statSync2(join(via, d.name)).isDirectory();
        } catch {
          isDir = false;
        }
      }
      return { name: d.name, isDir, isLink };
    });
    return { ok: true, entries };
  } catch (err) {
    return fsFailure(err);
  } finally {
    closeSync(fd);
  }
}
function fileIdentity(path) {
  try {
    const st = statSync2(path, { bigint: true });
    return `${st.dev}:${st.ino}`;
  } catch {
    return void 0;
  }
}

// src/linter/redact.ts
var MASK = "****";
var QUOTE_MAX_CHARS = 80;
var ALNUM = 1;
var RUN = 2;
var UPPER = 4;
var LOWER = 8;
var DIGIT = 16;
var CLS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLS[c] = ALNUM | RUN | DIGIT;
for (let c = 65; c <= 90; c++) CLS[c] = ALNUM | RUN | UPPER;
for (let c = 97; c <= 122; c++) CLS[c] = ALNUM | RUN | LOWER;
for (const ch of "+/_.~-") CLS[ch.charCodeAt(0)] = RUN;
var cls = (c) => c < 128 ? CLS[c] : 0;
var isRun = (c) => c < 128 && (CLS[c] & RUN) !== 0;
var isAlnum = (c) => c < 128 && (CLS[c] & ALNUM) !== 0;
var isBlank = (c) => c === 32 || c === 9;
var isSpace = (c) => c === 32 || c >= 9 && c <= 13;
var EQ = 61;
var COLON = 58;
var SQ = 39;
var DQ = 34;
var SECRET_KEYS = [
  "password",
  "passwords",
  "passwd",
  "passphrase",
  "secret",
  "secrets",
  "token",
  "tokens",
  "apikey",
  "api_key",
  "api-key",
  "access_key",
  "secret_key",
  "credentials",
  "credential",
  "private_key",
  "private-key",
  "privatekey"
];
var SCHEMES = ["basic", "bearer", "token", "digest", "negotiate", "ntlm", "aws4-hmac-sha256"];
var AWS_PREFIXES = ["AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "AROA", "APKA"];
function equalsCI(s, start, end, word) {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    let c = s.charCodeAt(start + k);
    if (c >= 65 && c <= 90) c |= 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}
function endsWithCI(s, start, end, word) {
  return end - start >= word.length && equalsCI(s, end - word.length, end, word);
}
function looksRandom(s, start, end) {
  if (end - start < 24) return false;
  let n = 0;
  let changes = 0;
  let seen = 0;
  let prev = 0;
  for (let k = start; k < end; k++) {
    const c = cls(s.charCodeAt(k)) & (UPPER | LOWER | DIGIT);
    if (c === 0) continue;
    n++;
    seen |= c;
    if (prev !== 0 && c !== prev) changes++;
    prev = c;
  }
  return n >= 24 && seen === (UPPER | LOWER | DIGIT) && changes >= 0.45 * (n - 1);
}
function runEnd(s, i) {
  let j = i;
  while (j < s.length && isRun(s.charCodeAt(j))) j++;
  while (j < s.length && s.charCodeAt(j) === EQ) j++;
  return j;
}
function skip(s, i, extra) {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isBlank(c) || extra.includes(s[i])) i++;
    else break;
  }
  return i;
}
function quotedEnd(s, i) {
  const q = s.charCodeAt(i);
  let k = i + 1;
  while (k < s.length) {
    const c = s.charCodeAt(k);
    if (c === 92) k += 2;
    else if (c === q) {
      if (s.charCodeAt(k + 1) === q) k += 2;
      else return k;
    } else if (c === 10) return k;
    else k++;
  }
  return s.length;
}
function redactSecrets(s) {
  const ranges = secretRanges(s);
  if (ranges.length === 0) return s;
  let out = "";
  let last = 0;
  for (const [a, b] of ranges) {
    out += s.slice(last, a) + MASK;
    last = b;
  }
  return out + s.slice(last);
}
function secretRanges(s) {
  const n = s.length;
  const ranges = [];
  const mask = (a, b) => {
    if (b > a) ranges.push(a, b);
  };
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === COLON && s.charCodeAt(i + 1) === 47 && s.charCodeAt(i + 2) === 47) {
      let k = i + 3;
      let colon = -1;
      for (; k < n; k++) {
        const d = s.charCodeAt(k);
        if (d === 64 || d === 47 || d === 63 || d === 35 || isSpace(d) || d === DQ || d === SQ) break;
        if (d === COLON && colon === -1) colon = k;
      }
      if (k < n && s.charCodeAt(k) === 64 && colon !== -1 && k > colon + 1 && !s.startsWith(MASK, colon + 1)) mask(colon + 1, k);
      i += 3;
      continue;
    }
    if (!isRun(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isRun(s.charCodeAt(j))) j++;
    if (c === 45 && s.startsWith("-----BEGIN", i)) {
      let headerEnd = -1;
      for (let x = i + 10, stop = Math.min(n, i + 100); x < stop && s.charCodeAt(x) !== 10; x++) {
        if (s.startsWith("-----", x)) {
          headerEnd = x;
          break;
        }
      }
      if (headerEnd !== -1 && s.slice(i, headerEnd).includes("PRIVATE KEY")) {
        const bodyStart = headerEnd + 5;
        const endMark = s.indexOf("-----END", bodyStart);
        const bodyEnd = endMark === -1 ? n : endMark;
        mask(bodyStart, bodyEnd);
        i = endMark === -1 ? n : endMark + 8;
        continue;
      }
    }
    if (endsWithCI(s, i, j, "authorization")) {
      let k = skip(s, j, `:="',`);
      if (k < n && isRun(s.charCodeAt(k))) {
        let e = runEnd(s, k);
        if (SCHEMES.some((w) => equalsCI(s, k, e, w))) {
          k = skip(s, e, `:="',`);
          e = k < n && isRun(s.charCodeAt(k)) ? runEnd(s, k) : k;
        }
        if (e > k && !s.startsWith(MASK, k)) mask(k, e);
        i = Math.max(e, j);
        continue;
      }
    }
    if (equalsCI(s, i, j, "basic") || equalsCI(s, i, j, "bearer")) {
      const k = skip(s, j, `:="',`);
      if (k < n && isRun(s.charCodeAt(k))) {
        const e = runEnd(s, k);
        let tokenish = false;
        for (let x = k; x < e && !tokenish; x++) {
          const d = s.charCodeAt(x);
          tokenish = (cls(d) & DIGIT) !== 0 || d === 43 || d === 47 || d === EQ || d === 95;
        }
        if (e - k >= 12 && tokenish) {
          mask(k, e);
          i = e;
          continue;
        }
      }
    }
    if (SECRET_KEYS.some((w) => endsWithCI(s, i, j, w))) {
      let k = j;
      const quotedKey = s.charCodeAt(k) === DQ || s.charCodeAt(k) === SQ;
      if (quotedKey) k++;
      k = skip(s, k, "");
      const sep3 = s.charCodeAt(k);
      if ((sep3 === EQ || sep3 === COLON) && !(sep3 === COLON && s.charCodeAt(k + 1) === 47)) {
        k = skip(s, k + 1, "");
        const q = s.charCodeAt(k);
        if (q === SQ || q === DQ) {
          const e = quotedEnd(s, k);
          if (e > k + 1 && !s.startsWith(MASK, k + 1)) mask(k + 1, e);
          i = e;
          continue;
        }
        if (!quotedKey) {
          let e = k;
          while (e < n) {
            const d = s.charCodeAt(e);
            if (isSpace(d) || d === SQ || d === DQ || d === 38) break;
            e++;
          }
          if (e > k && !s.startsWith(MASK, k)) mask(k, e);
          i = Math.max(e, j);
          continue;
        }
      }
    }
    let masked = false;
    let jwtFailedTo = -1;
    let patFailedTo = -1;
    for (let k = i; k < j; k++) {
      if (k > i && isAlnum(s.charCodeAt(k - 1))) continue;
      const d = s.charCodeAt(k);
      let e = -1;
      if (d === 103 && s.charCodeAt(k + 1) === 104 && s.charCodeAt(k + 3) === 95 && "pousr".includes(s[k + 2])) {
        let x = k + 4;
        while (x < j && isAlnum(s.charCodeAt(x))) x++;
        if (x - (k + 4) >= 16) e = x;
      } else if (d === 103 && k >= patFailedTo && s.startsWith("github_pat_", k)) {
        let x = k + 11;
        while (x < j && (isAlnum(s.charCodeAt(x)) || s.charCodeAt(x) === 95)) x++;
        if (x - (k + 11) >= 20) e = x;
        else patFailedTo = x;
      } else if (d === 65 && AWS_PREFIXES.some((p) => s.startsWith(p, k))) {
        let x = k + 4;
        while (x < j && (cls(s.charCodeAt(x)) & (UPPER | DIGIT)) !== 0) x++;
        if (x - k === 20 && !isAlnum(s.charCodeAt(x))) e = x;
      } else if (d === 101 && k >= jwtFailedTo && s.startsWith("eyJ", k)) {
        let x = k;
        let dots = 0;
        while (x < j && (isAlnum(s.charCodeAt(x)) || s.charCodeAt(x) === 45 || s.charCodeAt(x) === 95 || s.charCodeAt(x) === 46)) {
          if (s.charCodeAt(x) === 46) dots++;
          x++;
        }
        if (dots >= 2 && x - k >= 20) e = x;
        else jwtFailedTo = x;
      }
      if (e !== -1) {
        const keep = d === 65 ? 4 : s.startsWith("github_pat_", k) ? 11 : d === 103 ? 4 : 0;
        mask(k + keep, e);
        masked = true;
        k = e - 1;
      }
    }
    if (!masked) {
      const e = runEnd(s, i);
      if (looksRandom(s, i, e)) mask(i, e);
      i = e;
      continue;
    }
    i = j;
  }
  const order = [];
  for (let r = 0; r < ranges.length; r += 2) order.push(r);
  order.sort((x, y) => ranges[x] - ranges[y]);
  const merged = [];
  let last = 0;
  for (const r of order) {
    const a = Math.max(ranges[r], last);
    const b = ranges[r + 1];
    if (b <= a) continue;
    const prev = merged[merged.length - 1];
    if (prev && a === prev[1]) prev[1] = b;
    else merged.push([a, b]);
    last = b;
  }
  return merged;
}
function containsSecret(s) {
  return redactSecrets(s) !== s;
}
function boundQuote(text, max = QUOTE_MAX_CHARS) {
  const nul = text.indexOf("\0");
  const t = nul === -1 ? text : text.slice(0, nul);
  if (t.length <= max) return t;
  let cut = max - 1;
  const c = t.charCodeAt(cut - 1);
  if (c >= 55296 && c <= 56319) cut--;
  return `${t.slice(0, cut)}\u2026`;
}
function boundQuotedIn(message, value, max = QUOTE_MAX_CHARS) {
  if (value.length <= max || value.length === 0) return message;
  const at = message.lastIndexOf(value);
  if (at === -1) return message;
  return message.slice(0, at) + boundQuote(value, max) + message.slice(at + value.length);
}
function boundQuotes(message, max = QUOTE_MAX_CHARS) {
  let out = "";
  let last = 0;
  for (let a = message.indexOf('"'); a !== -1; ) {
    const b = message.indexOf('"', a + 1);
    if (b === -1) break;
    if (b - a - 1 > max) {
      out += message.slice(last, a + 1) + boundQuote(message.slice(a + 1, b), max);
      last = b;
    }
    a = message.indexOf('"', b + 1);
  }
  return last === 0 ? message : out + message.slice(last);
}
function privateKeyBlocks(text) {
  const out = [];
  if (!text.includes("PRIVATE KEY")) return out;
  for (let at = text.indexOf("-----BEGIN"); at !== -1; ) {
    const eol = text.indexOf("\n", at);
    const header = text.slice(at, eol === -1 ? text.length : eol);
    if (!header.includes("PRIVATE KEY")) {
      at = eol === -1 ? -1 : text.indexOf("-----BEGIN", eol);
      continue;
    }
    const endMark = text.indexOf("-----END", at + 10);
    const endEol = endMark === -1 ? -1 : text.indexOf("\n", endMark);
    const end = endMark === -1 || endEol === -1 ? text.length : endEol;
    out.push([at, end]);
    at = end >= text.length ? -1 : text.indexOf("-----BEGIN", end);
  }
  return out;
}
function maskQuoted(message) {
  let out = "";
  let last = 0;
  for (let a = message.indexOf('"'); a !== -1; ) {
    const b = message.indexOf('"', a + 1);
    if (b === -1) break;
    out += message.slice(last, a + 1) + MASK;
    last = b;
    a = message.indexOf('"', b + 1);
  }
  return last === 0 ? message : out + message.slice(last);
}

// src/config/config-core.ts
var CONFIG_NAMES = [".pgconf-lint.yml", ".pgconf-lint.yaml", ".pgconf-lint.json"];
var ConfigError = class extends Error {
  constructor(message) {
    super(boundQuotes(redactSecrets(message)));
  }
};
function parseSize(v) {
  if (typeof v === "number") return v;
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*(B|kB|MB|GB|TB)?$/.exec(v.trim());
  if (!m) return NaN;
  const mult = { B: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 }[m[2] ?? "B"];
  return Math.round(Number(m[1]) * mult);
}
function mergeRules(blocks) {
  const out = {};
  for (const b of blocks) {
    for (const [name, v] of Object.entries(b ?? {})) {
      const cur = out[name] ?? { options: {} };
      if (typeof v === "string") cur.severity = v;
      else {
        const { severity, ...options } = v;
        if (severity) cur.severity = severity;
        cur.options = { ...cur.options, ...options };
      }
      out[name] = cur;
    }
  }
  return out;
}
function toAssumptions(blocks) {
  const out = {};
  for (const a of blocks) {
    if (!a) continue;
    if (a.dataChecksums !== void 0) out.dataChecksums = a.dataChecksums;
    if (a.failover !== void 0) out.failover = a.failover;
    if (a.role) out.role = a.role;
    if (a.memory !== void 0) out.memoryBytes = parseSize(a.memory);
  }
  return out;
}

// src/catalog/catalog.ts
import { readFileSync } from "node:fs";
var DATA_DIRS = [new URL("./data/", import.meta.url), new URL("./catalog/data/", import.meta.url)];
function readData(file) {
  let lastError;
  for (const dir of DATA_DIRS) {
    try {
      return readFileSync(new URL(file, dir), "utf8");
    } catch (e) {
      lastError = e;
    }
  }
  throw new Error(`pgconf-lint: catalog file ${file} not found: ${String(lastError)}`);
}
var loaded = /* @__PURE__ */ new Map();
function load(major) {
  let l = loaded.get(major);
  if (!l) {
    const file = JSON.parse(readData(`${major}.json`));
    l = {
      catalog: {
        major: file.major,
        version: file.version,
        params: new Map(Object.entries(file.params)),
        oldNames: file.oldNames
      },
      timezones: new Set(file.timezones),
      timezoneSets: new Set(file.timezoneSets)
    };
    loaded.set(major, l);
  }
  return l;
}
function loadCatalog(major) {
  return load(major).catalog;
}
function timezones(major) {
  return load(major).timezones;
}
function timezoneSets(major) {
  return load(major).timezoneSets;
}
function foldName(name) {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) return name.replace(/[A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 32));
  }
  return name;
}
var oldNameMaps = /* @__PURE__ */ new WeakMap();
function lookupParam(catalog, name) {
  const key = foldName(name);
  const direct = catalog.params.get(key);
  if (direct) return direct;
  let old = oldNameMaps.get(catalog);
  if (!old) oldNameMaps.set(catalog, old = new Map(Object.entries(catalog.oldNames)));
  const target = old.get(key);
  return target === void 0 ? void 0 : catalog.params.get(foldName(target));
}
var history;
function nameHistory() {
  history ??= JSON.parse(readData("history.json"));
  return history;
}
function editDistance(a, b) {
  const rows = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[i][j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}
function wordKey(name) {
  return name.split("_").filter(Boolean).sort().join("_");
}
function closestNameMatches(catalog, name, n = 3) {
  const key = foldName(name);
  const words = wordKey(key);
  const limit = Math.max(1, Math.min(4, Math.floor(key.length / 3)));
  const scored = [];
  for (const [k, def] of catalog.params) {
    if (Math.abs(k.length - key.length) > limit) continue;
    const d = wordKey(k) === words ? Math.min(1, editDistance(key, k)) : editDistance(key, k);
    if (d > 0 && d <= limit) scored.push({ name: def.name, d });
  }
  scored.sort((x, y) => x.d - y.d || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return scored.slice(0, n);
}

// src/version.ts
var VERSION = "0.1.0";

// src/types.ts
var SUPPORTED_MAJORS = [10, 11, 12, 13, 14, 15, 16, 17, 18];
var NEWEST_MAJOR = 18;
var SEVERITIES = ["error", "warning", "info"];

// src/profiles/catalogs/cis.ts
var CIS = {
  name: "cis",
  title: "CIS PostgreSQL Benchmark (pgdsat numbering)",
  source: { repo: "HexaCluster/pgdsat", commit: "227c8bbe8744ba69db369dc4a0908336708e01d8", path: "lib/PGDSAT/Labels.pm" },
  notes: [
    "`--profile cis` uses the edition written for each cluster's target major: 16, 17 or 18. Majors 10 to 15 use the 16 edition, the nearest one (the benchmark has older editions, which this project does not map). The control ids below are pgdsat's numbering of the 17 edition; the 16 and 18 editions run the same rules but claim no id, because their numbering was not verified.",
    "Where checklists disagree, each profile decides. **log_hostname**: CIS (3.1.23) wants it off, because every connection then waits for a reverse DNS lookup; the STIG (V-233591) and Checkov want host names in the log. `log-hostname-on` runs under `cis` only. **log_error_verbosity**: pgdsat (3.1.22) wants `verbose`, while the STIG baseline (V-233512) wants `default`; `log-error-verbosity-low` takes its minimum from the profile. **log_directory**: CIS (3.1.27, 8.1) wants the logs outside the data directory, while the STIG baseline expects the relative `pg_log`, which is inside it; `log-directory-in-data-directory` runs under `cis` only. **listen_addresses = '*'**: pgdsat rates 5.2 critical. `listen-on-all-addresses` keeps its own severity under `cis` (info, or warning when pg_hba.conf admits every address): listening on an interface exposes nothing until a pg_hba record admits clients from it, and the hba rules rate that exposure. **5.10**: pgdsat flags `all` in either column; `hba-all-users-all-databases` flags network records with `all` in both columns."
  ],
  controls: [
    { id: "1.1", title: "Ensure packages are obtained from authorized repositories", decidable: "no", why: "package repositories are OS state", rules: [] },
    { id: "1.1.1", title: "Ensure packages are obtained from PGDG", decidable: "no", why: "installed packages are OS state", rules: [] },
    { id: "1.2", title: "Install only required packages", decidable: "no", why: "installed packages are OS state", rules: [] },
    { id: "1.3", title: "Ensure systemd Service Files Are Enabled", decidable: "no", why: "systemd unit state is OS state", rules: [] },
    { id: "1.4.1", title: "Check initialization of the PGDATA", decidable: "no", why: "whether initdb ran is data-directory state", rules: [] },
    { id: "1.4.2", title: "Check version in PGDATA", decidable: "no", why: "PG_VERSION lives in the data directory", rules: [] },
    { id: "1.4.3", title: "Ensure Data Cluster have checksum enabled", decidable: "no", why: "data checksums are chosen at initdb time and stored in pg_control", rules: [] },
    { id: "1.4.4", title: "Ensure WALs and temporary files are not on the same partition as the PGDATA", decidable: "no", why: "partition layout is OS state", rules: [] },
    { id: "1.4.5", title: "Ensure that the PGDATA partition is encrypted", decidable: "no", why: "disk encryption is OS state", rules: [] },
    { id: "1.5", title: "Ensure PostgreSQL versions are up-to-date", decidable: "no", why: "the running minor version needs the installed server", rules: [] },
    { id: "1.6", title: "Verify That PGPASSWORD is Not Set in Users' Profiles", decidable: "no", why: "users' shell profiles are OS state", rules: [] },
    { id: "1.7", title: "Verify That the 'PGPASSWORD' Environment Variable is Not in Use", decidable: "no", why: "the environment of running processes is OS state", rules: [] },
    { id: "1.8", title: "Ensure unused PostgreSQL extensions are removed", decidable: "no", why: "installed extensions live in the system catalogs", rules: [] },
    { id: "1.9", title: "Ensure tablespace location is not inside the PGDATA", decidable: "no", why: "tablespace locations live in the system catalogs", rules: [] },
    { id: "2.1", title: "Ensure the file permissions mask is correct", decidable: "no", why: "the umask of the postgres account is OS state", rules: [] },
    { id: "2.2", title: "Ensure extension directory has appropriate ownership and permissions", decidable: "no", why: "directory ownership and modes are OS state", rules: [] },
    { id: "2.3", title: "Disable PostgreSQL Command History", decidable: "no", why: "psql history files live in users' home directories", rules: [] },
    { id: "2.4", title: "Ensure Passwords are Not Stored in the service file", decidable: "no", why: "a client's pg_service.conf lives in users' home directories", rules: [] },
    { id: "2.5", title: "Check permissions of pg_hba.conf", decidable: "no", why: "file modes in the deployment are OS state (git records only the executable bit)", rules: [] },
    { id: "2.6", title: "Check permissions on Unix Socket", decidable: "partly", why: "unix_socket_permissions is a postgresql.conf setting; the socket file's actual mode is OS state", rules: ["unix-socket-world-accessible"] },
    { id: "2.7", title: "Check permissions of PGDATA", decidable: "no", why: "data directory modes are OS state", rules: [] },
    { id: "2.8", title: "List content of PGDATA to check unwanted files and symlinks", decidable: "no", why: "a manual review of the data directory", rules: [] },
    { id: "3.1.2", title: "Ensure the log destinations are set correctly", decidable: "files", why: "log_destination is a postgresql.conf setting", rules: ["logging-collector-off", "log-destination-empty"] },
    { id: "3.1.3", title: "Ensure the logging collector is enabled", decidable: "files", why: "logging_collector is a postgresql.conf setting", rules: ["logging-collector-off"] },
    { id: "3.1.4", title: "Ensure the log file destination directory is set correctly", decidable: "files", why: "log_directory is a postgresql.conf setting", rules: ["log-directory-in-data-directory", "log-directory-empty"] },
    { id: "3.1.5", title: "Ensure the filename pattern for log files is set correctly", decidable: "no", why: "the file name pattern is site policy (a manual check)", rules: [] },
    { id: "3.1.6", title: "Ensure the log file permissions are set correctly", decidable: "files", why: "log_file_mode is a postgresql.conf setting", rules: ["log-file-mode-permissive"] },
    { id: "3.1.7", title: "Ensure 'log_truncate_on_rotation' is enabled", decidable: "files", why: "log_truncate_on_rotation is a postgresql.conf setting", rules: ["log-truncate-on-rotation-off"] },
    { id: "3.1.8", title: "Ensure the maximum log file lifetime is set correctly", decidable: "no", why: "the rotation age is site policy (a manual check)", rules: [] },
    { id: "3.1.9", title: "Ensure the maximum log file size is set correctly", decidable: "no", why: "the rotation size is site policy (a manual check)", rules: [] },
    { id: "3.1.10", title: "Ensure the correct syslog facility is selected", decidable: "no", why: "the syslog facility is site policy (a manual check)", rules: [] },
    { id: "3.1.11", title: "Ensure syslog messages are not suppressed", decidable: "files", why: "syslog_sequence_numbers is a postgresql.conf setting", rules: ["syslog-messages-lossy"] },
    { id: "3.1.12", title: "Ensure syslog messages are not lost due to size", decidable: "files", why: "syslog_split_messages is a postgresql.conf setting", rules: ["syslog-messages-lossy"] },
    { id: "3.1.13", title: "Ensure the program name for PostgreSQL syslog messages is correct", decidable: "no", why: "the syslog program name is site policy (a manual check)", rules: [] },
    { id: "3.1.14", title: "Ensure the correct messages are written to the server log", decidable: "files", why: "log_min_messages is a postgresql.conf setting", rules: ["log-level-too-quiet"] },
    { id: "3.1.15", title: "Ensure the correct SQL statements generating errors are recorded", decidable: "files", why: "log_min_error_statement is a postgresql.conf setting", rules: ["log-level-too-quiet"] },
    { id: "3.1.16", title: "Ensure 'debug_print_parse' is disabled", decidable: "files", why: "debug_print_parse is a postgresql.conf setting", rules: ["debug-setting-enabled"] },
    { id: "3.1.17", title: "Ensure 'debug_print_rewritten' is disabled", decidable: "files", why: "debug_print_rewritten is a postgresql.conf setting", rules: ["debug-setting-enabled"] },
    { id: "3.1.18", title: "Ensure 'debug_print_plan' is disabled", decidable: "files", why: "debug_print_plan is a postgresql.conf setting", rules: ["debug-setting-enabled"] },
    { id: "3.1.19", title: "Ensure 'debug_pretty_print' is enabled", decidable: "files", why: "debug_pretty_print is a postgresql.conf setting", rules: ["debug-setting-enabled"] },
    { id: "3.1.20", title: "Ensure 'log_connections' is enabled", decidable: "files", why: "log_connections is a postgresql.conf setting", rules: ["connection-logging-off"] },
    { id: "3.1.21", title: "Ensure 'log_disconnections' is enabled", decidable: "files", why: "log_disconnections is a postgresql.conf setting", rules: ["connection-logging-off"] },
    { id: "3.1.22", title: "Ensure 'log_error_verbosity' is set correctly", decidable: "files", why: "log_error_verbosity is a postgresql.conf setting", rules: ["log-error-verbosity-low"] },
    { id: "3.1.23", title: "Ensure 'log_hostname' is set correctly", decidable: "files", why: "log_hostname is a postgresql.conf setting", rules: ["log-hostname-on"] },
    { id: "3.1.24", title: "Ensure 'log_line_prefix' is set correctly", decidable: "files", why: "log_line_prefix is a postgresql.conf setting", rules: ["log-line-prefix-incomplete"] },
    { id: "3.1.25", title: "Ensure 'log_statement' is set correctly", decidable: "files", why: "log_statement is a postgresql.conf setting", rules: ["ddl-not-logged"] },
    { id: "3.1.26", title: "Ensure 'log_timezone' is set correctly", decidable: "files", why: "log_timezone is a postgresql.conf setting", rules: ["log-timezone-not-utc"] },
    { id: "3.1.27", title: "Ensure that log_directory is outside the PGDATA", decidable: "files", why: "log_directory and data_directory are settings; a relative log_directory is inside the data directory", rules: ["log-directory-in-data-directory"] },
    { id: "3.2", title: "Ensure the PostgreSQL Audit Extension (pgAudit) is enabled", decidable: "partly", why: "shared_preload_libraries and pgaudit.log are settings; whether the extension is installed needs the server", rules: ["pgaudit-not-configured"] },
    { id: "4.1", title: "Ensure Interactive Login is Disabled", decidable: "no", why: "login shells are OS state", rules: [] },
    { id: "4.2", title: "Ensure sudo is configured correctly", decidable: "no", why: "sudo configuration is OS state", rules: [] },
    { id: "4.3", title: "Ensure excessive administrative privileges are revoked", decidable: "no", why: "role privileges live in the system catalogs", rules: [] },
    { id: "4.4", title: "Lock Out Accounts if Not Currently in Use", decidable: "no", why: "account use is live server state", rules: [] },
    { id: "4.5", title: "Ensure excessive function privileges are revoked", decidable: "no", why: "function privileges live in the system catalogs", rules: [] },
    { id: "4.6", title: "Ensure excessive DML privileges are revoked", decidable: "no", why: "table privileges live in the system catalogs", rules: [] },
    { id: "4.7", title: "Ensure Row Level Security (RLS) is configured correctly", decidable: "no", why: "row level security lives in the system catalogs", rules: [] },
    { id: "4.8", title: "Ensure the set_user extension is installed", decidable: "no", why: "installed extensions live in the system catalogs", rules: [] },
    { id: "4.9", title: "Make use of predefined roles", decidable: "no", why: "role membership lives in the system catalogs", rules: [] },
    { id: "4.10", title: "Ensure the public schema is protected", decidable: "no", why: "schema privileges live in the system catalogs", rules: [] },
    { id: "5.1", title: "Do Not Specify Passwords in the Command Line", decidable: "no", why: "command lines of running processes are OS state", rules: [] },
    { id: "5.2", title: "Ensure PostgreSQL is Bound to an IP Address", decidable: "files", why: "listen_addresses is a postgresql.conf setting", rules: ["listen-on-all-addresses"] },
    { id: "5.3", title: 'Ensure login via "local" UNIX Domain Socket is configured correctly', decidable: "files", why: "the local records of pg_hba.conf", rules: ["hba-local-trust", "hba-cleartext-password"] },
    { id: "5.4", title: 'Ensure login via "host" TCP/IP Socket is configured correctly', decidable: "files", why: "the host records of pg_hba.conf", rules: ["hba-trust-remote", "hba-local-trust", "hba-ident-over-tcp", "hba-cleartext-password", "hba-md5", "hba-open-to-world"] },
    { id: "5.5", title: "Ensure per-account connection limits are used", decidable: "no", why: "per-role connection limits live in the system catalogs", rules: [] },
    { id: "5.6", title: "Ensure Password Complexity is configured", decidable: "files", why: "a password-check module is loaded through shared_preload_libraries", rules: ["password-check-not-loaded"] },
    { id: "5.7", title: "Ensure authentication timeout and delay are well configured", decidable: "files", why: "authentication_timeout and auth_delay are postgresql.conf settings", rules: ["authentication-timeout-long", "auth-delay-not-loaded"] },
    { id: "5.8", title: "Ensure SSL is used for client connection", decidable: "files", why: "ssl and the record types of pg_hba.conf", rules: ["ssl-disabled", "hba-hostssl-without-ssl", "hba-tls-not-required"] },
    { id: "5.9", title: "Ensure authorized Ip addresses ranges are not too large", decidable: "files", why: "the address fields of pg_hba.conf", rules: ["hba-wide-network", "hba-open-to-world"] },
    { id: "5.10", title: "Ensure specific database and users are used", decidable: "files", why: "the database and user fields of pg_hba.conf", rules: ["hba-all-users-all-databases"], disagreement: "`all` in only one of the two columns, and all/all on loopback records (initdb's own `host all all 127.0.0.1/32`): a record that names the database or the users is already scoped" },
    { id: "5.11", title: "Ensure superusers are not allowed to connect remotely", decidable: "files", why: "superuser names and addresses in pg_hba.conf (which roles are superusers is configured)", rules: ["hba-superuser-remote"] },
    { id: "5.12", title: "Ensure that 'password_encryption' is correctly set", decidable: "files", why: "password_encryption is a postgresql.conf setting", rules: ["password-encryption-md5"] },
    { id: "6.1", title: "Understanding attack vectors and runtime parameters", decidable: "no", why: "an explanatory section (a manual check)", rules: [] },
    { id: "6.2", title: "Ensure 'backend' runtime parameters are configured correctly", decidable: "files", why: "the backend-context parameters are postgresql.conf settings", rules: ["debug-setting-enabled", "connection-logging-off"] },
    { id: "6.3", title: "Ensure 'Postmaster' runtime parameters are configured correctly", decidable: "no", why: "postmaster parameters are site policy (a manual check)", rules: [] },
    { id: "6.4", title: "Ensure 'SIGHUP' runtime parameters are configured correctly", decidable: "no", why: "SIGHUP parameters are site policy (a manual check)", rules: [] },
    { id: "6.5", title: "Ensure 'Superuser' runtime parameters are configured correctly", decidable: "no", why: "superuser parameters are site policy (a manual check)", rules: [] },
    { id: "6.6", title: "Ensure 'User' runtime parameters are configured correctly", decidable: "no", why: "user parameters are site policy (a manual check)", rules: [] },
    { id: "6.7", title: "Ensure FIPS 140-2 OpenSSL cryptography is used", decidable: "no", why: "the OpenSSL FIPS mode is OS state", rules: [] },
    { id: "6.8", title: "Ensure TLS is enabled and configured correctly", decidable: "partly", why: "ssl, ssl_min_protocol_version and the pg_hba record types are in files; certificates and passphrases need the OS", rules: ["ssl-disabled", "hba-hostssl-without-ssl", "hba-tls-not-required", "ssl-min-protocol-weak"] },
    { id: "6.9", title: "Ensure a cryptographic extension is installed", decidable: "no", why: "installed extensions live in the system catalogs", rules: [] },
    { id: "6.10", title: "Ensure Weak SSL/TLS Ciphers Are Disabled", decidable: "files", why: "ssl_ciphers is a postgresql.conf setting", rules: ["ssl-ciphers-weak"] },
    { id: "6.11", title: "Ensure a data anonymization extension is installed", decidable: "partly", why: "pgdsat looks for the extension in session_preload_libraries (a setting); whether it is installed needs the server", rules: ["anonymizer-not-loaded"] },
    { id: "7.1", title: "Ensure a replication-only user is created and used for streaming replication", decidable: "no", why: "whether a replication-only role exists lives in the system catalogs (hba-replication-open checks who may replicate)", rules: [] },
    { id: "7.2", title: "Ensure logging of replication commands is configured", decidable: "files", why: "log_replication_commands is a postgresql.conf setting", rules: ["replication-commands-not-logged"] },
    { id: "7.3", title: "Ensure base backups are configured and functional", decidable: "no", why: "whether base backups run needs the live system", rules: [] },
    { id: "7.4", title: "Ensure WAL archiving is configured and functional", decidable: "files", why: "archive_mode and archive_command are postgresql.conf settings", rules: ["archive-mode-off", "archive-command-missing", "archive-command-noop"] },
    { id: "7.5", title: "Ensure streaming replication parameters are configured correctly", decidable: "partly", why: "primary_conninfo and the archiving settings are in files; whether streaming works needs live servers", rules: ["replication-conninfo-insecure", "archive-mode-off", "archive-command-missing"] },
    { id: "8.1", title: "Ensure PostgreSQL subdirectory locations are outside the data cluster", decidable: "files", why: "directory settings (log_directory, data_directory and friends) are in postgresql.conf", rules: ["log-directory-in-data-directory"] },
    { id: "8.2", title: "Ensure the backup and restore tool, 'pgBackRest', is installed and configured", decidable: "no", why: "installed tools are OS state", rules: [] },
    { id: "8.3", title: "Ensure miscellaneous configuration settings are correct", decidable: "no", why: "miscellaneous settings are site policy (a manual check)", rules: [] }
  ]
};

// src/profiles/from-catalog.ts
function rulesFromCatalog(catalog, settings = {}, ids = true) {
  const out = {};
  for (const c of catalog.controls) {
    if (c.decidable === "no") continue;
    for (const rule of c.rules) {
      const r = out[rule] ??= { controls: [] };
      if (ids && !r.controls.includes(c.id)) r.controls.push(c.id);
    }
  }
  for (const [rule, s] of Object.entries(settings)) {
    const r = out[rule];
    if (!r) continue;
    if (s.severity) r.severity = s.severity;
    if (s.options) r.options = { ...s.options };
  }
  return out;
}

// src/profiles/cis.ts
var CIS_SETTINGS = {
  // 5.3/5.4: no trust at all on local or loopback records, not only for all users or superusers.
  "hba-local-trust": { options: { anyRole: true } },
  // CIS 5.3 / V-233519: no password sent in the clear, not even over the local socket.
  "hba-cleartext-password": { options: { includeLocal: true } },
  // 6.8: TLS enabled, whatever pg_hba.conf says today, and TLS 1.3 at least (as pgdsat checks it).
  "ssl-disabled": { options: { always: true } },
  "ssl-min-protocol-weak": { options: { minimum: "TLSv1.3" } },
  // 6.10: pgdsat accepts only forward-secret AEAD suites (its list, by OpenSSL name), so MEDIUM and
  // PostgreSQL's default list fail it.
  "ssl-ciphers-weak": {
    options: {
      allowMedium: false,
      onlySuites: [
        "TLS_AES_256_GCM_SHA384",
        "TLS_AES_128_GCM_SHA256",
        "TLS_AES_128_CCM_SHA256",
        "TLS_CHACHA20_POLY1305_SHA256",
        "ECDHE-ECDSA-AES256-CCM",
        "ECDHE-ECDSA-AES128-CCM",
        "DHE-RSA-AES256-CCM",
        "DHE-RSA-AES128-CCM",
        "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "DHE-DSS-AES256-GCM-SHA384",
        "DHE-DSS-AES128-GCM-SHA256",
        "DHE-RSA-AES256-GCM-SHA384",
        "DHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-CHACHA20-POLY1305",
        "ECDHE-RSA-CHACHA20-POLY1305",
        "DHE-RSA-CHACHA20-POLY1305"
      ]
    }
  },
  // 3.1.14, 3.1.15: warnings and failing statements reach the log.
  "log-level-too-quiet": { options: { quietestMessages: "warning", quietestErrorStatement: "error" } },
  // 3.1.22: pgdsat wants verbose (the STIG wants default: each profile decides).
  "log-error-verbosity-low": { options: { minimum: "verbose" } },
  // scram-sha-256 whatever the default (10–13 default to md5).
  "password-encryption-md5": { options: { flagDefault: true } },
  // 3.1.19: debug_pretty_print on (it only shapes the debug_print_* output).
  "debug-setting-enabled": { options: { prettyPrint: true } }
};
var cis = {
  name: "cis",
  title: "CIS PostgreSQL Benchmark",
  summary: "The CIS PostgreSQL Benchmark checks that can be decided from configuration files, in the edition of each cluster's target major",
  catalog: { name: "CIS PostgreSQL Benchmark (recommendation numbers as pgdsat implements them)", source: "https://github.com/HexaCluster/pgdsat" },
  editions: [
    { id: "cis-16", title: "CIS PostgreSQL 16 Benchmark", major: 16, rules: rulesFromCatalog(CIS, CIS_SETTINGS, false) },
    { id: "cis-17", title: "CIS PostgreSQL 17 Benchmark", major: 17, rules: rulesFromCatalog(CIS, CIS_SETTINGS) },
    { id: "cis-18", title: "CIS PostgreSQL 18 Benchmark", major: 18, rules: rulesFromCatalog(CIS, CIS_SETTINGS, false) }
  ]
};

// src/profiles/recommended.ts
var recommended = {
  name: "recommended",
  title: "Recommended",
  summary: "The default: every rule at its default severity (what every reviewer agrees on)",
  allRules: true,
  rules: {
    "hba-client-cert-not-required": { severity: "off", controls: [] },
    "connection-logging-off": { severity: "off", controls: [] },
    "log-line-prefix-incomplete": { severity: "off", controls: [] },
    "log-file-mode-permissive": { severity: "off", controls: [] },
    "logging-collector-off": { severity: "off", controls: [] },
    "log-directory-in-data-directory": { severity: "off", controls: [] },
    "log-truncate-on-rotation-off": { severity: "off", controls: [] },
    "syslog-messages-lossy": { severity: "off", controls: [] },
    "log-error-verbosity-low": { severity: "off", controls: [] },
    "log-duration-off": { severity: "off", controls: [] },
    "log-hostname-on": { severity: "off", controls: [] },
    "ddl-not-logged": { severity: "off", controls: [] },
    "log-timezone-not-utc": { severity: "off", controls: [] },
    "replication-commands-not-logged": { severity: "off", controls: [] },
    "client-min-messages-verbose": { severity: "off", controls: [] },
    "pgaudit-not-configured": { severity: "off", controls: [] },
    "password-check-not-loaded": { severity: "off", controls: [] },
    "auth-delay-not-loaded": { severity: "off", controls: [] },
    "authentication-timeout-long": { severity: "off", controls: [] },
    "anonymizer-not-loaded": { severity: "off", controls: [] },
    "unix-socket-world-accessible": { severity: "off", controls: [] },
    "archive-mode-off": { severity: "off", controls: [] }
  }
};

// src/profiles/catalogs/stig.ts
var STIG = {
  name: "stig",
  title: "DISA STIG for PostgreSQL (MITRE/Crunchy Data InSpec baseline)",
  source: {
    repo: "mitre/crunchy-data-postgresql-stig-baseline",
    commit: "f4ff7d74e79158656bd18cd2c07764caa5ef2b72",
    path: "controls/V-*.rb"
  },
  notes: [
    "The baseline checks 8 controls by reading postgresql.conf or pg_hba.conf itself (V-233512, -515, -516, -519, -520, -533, -577, -612). It checks 40 more by asking a live server (`SHOW name`), and the value it gets back comes from the configuration files unless a role, a database or the server's command line sets it. Those 40 are decidable *partly* from files; `--profile stig` checks the part in the files.",
    "Where the STIG and other checklists disagree, the `stig` profile follows the STIG. It does not flag `log_hostname = on` (V-233591 wants host names in the log; CIS 3.1.23 wants them off). It does not flag a log directory inside the data directory (V-233533 expects `pg_log`; CIS 3.1.27 wants it outside). It wants `log_error_verbosity` at least `default` (V-233512; pgdsat wants `verbose`). `md5`, in pg_hba.conf and as `password_encryption`, is an error under the STIG (V-233519, V-233596); the default profile only warns about it."
  ],
  controls: [
    {
      id: "V-233511",
      title: "PostgreSQL must be configured to prohibit or restrict the use of organization-defined functions, ports, protocols, and/or services, as defined in the PPSM CAL and vulnerability assessments.",
      decidable: "no",
      why: "the baseline compares SHOW port with the port it connected to and asks the OS which process listens; which ports are allowed is a site decision (PPSM)",
      rules: []
    },
    {
      id: "V-233512",
      title: "PostgreSQL must produce audit records containing sufficient information to establish the outcome (success or failure) of the events.",
      decidable: "partly",
      reads: "files",
      why: "the baseline reads log_error_verbosity and log_duration from postgresql.conf and asks the live server for the pgaudit.* settings (SHOW; they come from postgresql.conf unless set per role, per database or on the command line); it also runs SQL to see failed statements reported",
      rules: ["log-duration-off", "log-error-verbosity-low", "pgaudit-not-configured"],
      missing: "pgaudit.log_catalog, pgaudit.log_parameter, pgaudit.log_level and pgaudit.log_statement_once values",
      disagreement: "log_error_verbosity = verbose is not flagged, although the baseline wants exactly default: verbose only adds the source location to each message"
    },
    {
      id: "V-233513",
      title: "Security-relevant software updates to PostgreSQL must be installed within the time period directed by an authoritative source (e.g., IAVM, CTOs, DTMs, and STIGs).",
      decidable: "no",
      why: "the baseline compares SHOW server_version and the installed packages with the site's version: that needs the installed binaries",
      rules: []
    },
    {
      id: "V-233514",
      title: "The audit information produced by PostgreSQL must be protected from unauthorized modification.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW log_file_mode, logging_collector); the values come from postgresql.conf unless given on the server's command line; the log directory's owner and mode and the log files' modes need the OS",
      rules: ["logging-collector-off", "log-file-mode-permissive"]
    },
    {
      id: "V-233515",
      title: "PostgreSQL must integrate with an organization-level authentication/access mechanism providing account management and automation for all users, groups, roles, and any other principals.",
      decidable: "files",
      reads: "files",
      why: "the baseline reads the auth methods of local, replication and host records in pg_hba.conf",
      rules: ["hba-trust-remote", "hba-local-trust", "hba-cleartext-password", "hba-md5", "hba-ident-over-tcp"],
      missing: "methods outside the site's approved list (a site input: the baseline's default list is gss, sspi and ldap, which would reject scram-sha-256 too)"
    },
    {
      id: "V-233516",
      title: "PostgreSQL must provide non-privileged users with error messages that provide information necessary for corrective actions without revealing information that could be exploited by adversaries.",
      decidable: "partly",
      reads: "files",
      why: "the baseline reads client_min_messages from postgresql.conf and postgresql.auto.conf, and also asks the live server (SHOW client_min_messages), where it can be set per role, per database or in the session",
      rules: ["client-min-messages-verbose"]
    },
    {
      id: "V-233517",
      title: "Privileges to change PostgreSQL software modules must be limited.",
      decidable: "no",
      why: "the baseline checks it with OS commands (files, packages, processes)",
      rules: []
    },
    {
      id: "V-233518",
      title: "PostgreSQL must limit privileges to change functions and triggers, and links to software external to PostgreSQL.",
      decidable: "no",
      why: "the baseline checks it with OS commands (files, packages, processes)",
      rules: []
    },
    {
      id: "V-233519",
      title: "If passwords are used for authentication, PostgreSQL must transmit only encrypted representations of passwords.",
      decidable: "files",
      reads: "files",
      why: "the baseline reads pg_hba.conf for the password and md5 methods",
      rules: ["hba-cleartext-password", "hba-md5"]
    },
    {
      id: "V-233520",
      title: "PostgreSQL must enforce approved authorizations for logical access to information and system resources in accordance with applicable access control policies.",
      decidable: "partly",
      reads: "files",
      why: "the baseline reads local, replication and host records in pg_hba.conf; role ownership it asks the live server",
      rules: ["hba-local-trust", "hba-replication-open", "hba-trust-remote", "hba-ident-over-tcp"],
      missing: "methods outside the site's approved list (a site input: the baseline's default list is gss, sspi and ldap, which would reject scram-sha-256 too)"
    },
    {
      id: "V-233521",
      title: "PostgreSQL must associate organization-defined types of security labels having organization-defined security label values with information in transmission.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233522",
      title: "PostgreSQL must limit the number of concurrent sessions to an organization-defined number per user for all accounts and/or account types.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW max_connections); the value comes from postgresql.conf unless given on the server's command line; the per-role connection limits are in the catalog (SQL)",
      rules: [],
      missing: "max_connections above the site's maximum (the baseline's default input is 100, PostgreSQL's default)"
    },
    {
      id: "V-233523",
      title: "The role(s)/group(s) used to modify database structure (including but not necessarily limited to tables, indexes, storage, etc.) and logic modules (functions, trigger procedures, links to software external to PostgreSQL, etc.) must be restricted to authorized users.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233524",
      title: "PostgreSQL must uniquely identify and authenticate non-organizational users (or processes acting on behalf of non-organizational users).",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233525",
      title: "PostgreSQL must associate organization-defined types of security labels having organization-defined security label values with information in storage.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233526",
      title: "PostgreSQL must check the validity of all data inputs except those specifically identified by the organization.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233527",
      title: "PostgreSQL and associated applications must reserve the use of dynamic code execution for situations that require it.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233528",
      title: "PostgreSQL and associated applications, when making use of dynamic code execution, must scan input data for invalid values that may indicate a code injection attack.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233529",
      title: "PostgreSQL must allocate audit record storage capacity in accordance with organization-defined audit record storage requirements.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233530",
      title: "PostgreSQL must enforce discretionary access control policies, as defined by the data owner, over defined subjects and objects.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server",
      rules: []
    },
    {
      id: "V-233531",
      title: "The audit information produced by PostgreSQL must be protected from unauthorized deletion.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW logging_collector, log_file_mode); the values come from postgresql.conf unless given on the server's command line; the log directory's owner and mode and the log files' modes need the OS",
      rules: ["logging-collector-off", "log-file-mode-permissive"]
    },
    {
      id: "V-233532",
      title: "PostgreSQL must record time stamps, in audit records and application data that can be mapped to Coordinated Universal Time (UTC, formerly GMT).",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW log_timezone); the value comes from postgresql.conf unless given on the server's command line; it compares it with the site's zone, UTC unless the site says otherwise",
      rules: ["log-timezone-not-utc"]
    },
    {
      id: "V-233533",
      title: "PostgreSQL must reveal detailed error messages only to the ISSO, ISSM, SA, and DBA.",
      decidable: "partly",
      reads: "files",
      why: "the baseline reads log_directory, log_file_mode and client_min_messages from postgresql.conf and asks the live server for client_min_messages; the log directories' owners and modes and the log files' modes need the OS",
      rules: ["log-file-mode-permissive", "client-min-messages-verbose"],
      missing: "log_directory other than the site's path (the baseline expects pg_log)"
    },
    {
      id: "V-233534",
      title: "PostgreSQL must allow only the Information System Security Manager (ISSM), or individuals or roles appointed by the ISSM, to select which auditable events are to be audited.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233535",
      title: "PostgreSQL must provide an immediate alert to appropriate support staff of all audit log failures.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233536",
      title: "PostgreSQL must be configurable to overwrite audit log records, oldest first (First-In-First-Out [FIFO]), in the event of unavailability of space for more audit log records.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233537",
      title: "PostgreSQL must by default shut down upon audit failure, to include the unavailability of space for more audit log records; or must be configurable to shut down upon audit failure.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233538",
      title: "PostgreSQL must maintain the confidentiality and integrity of information during reception.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW ssl); the value comes from postgresql.conf unless given on the server's command line",
      rules: ["ssl-disabled"]
    },
    {
      id: "V-233539",
      title: "Database objects (including but not limited to tables, indexes, storage, trigger procedures, functions, links to software external to PostgreSQL, etc.) must be owned by database/DBMS principals authorized for ownership.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server",
      rules: []
    },
    {
      id: "V-233540",
      title: "The PostgreSQL software installation account must be restricted to authorized users.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233541",
      title: "Database software, including PostgreSQL configuration files, must be stored in dedicated directories separate from the host OS and other applications.",
      decidable: "no",
      why: "the baseline checks it with OS commands (files, packages, processes)",
      rules: []
    },
    {
      id: "V-233542",
      title: "PostgreSQL must include additional, more detailed, organization-defined information in the audit records for audit events identified by type, location, or subject.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233543",
      title: "Execution of software modules (to include functions and trigger procedures) with elevated privileges must be restricted to necessary cases only.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server",
      rules: []
    },
    {
      id: "V-233544",
      title: "When invalid inputs are received, PostgreSQL must behave in a predictable and documented manner that reflects organizational and system objectives.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233546",
      title: "PostgreSQL must isolate security functions from non-security functions.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server",
      rules: []
    },
    {
      id: "V-233547",
      title: "PostgreSQL must produce audit records of its enforcement of access restrictions associated with changes to the configuration of PostgreSQL or database(s).",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233548",
      title: "PostgreSQL must disable network functions, ports, protocols, and services deemed by the organization to be nonsecure, in accord with the Ports, Protocols, and Services Management (PPSM) guidance.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233549",
      title: "The audit information produced by PostgreSQL must be protected from unauthorized read access.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW log_file_mode); the value comes from postgresql.conf unless given on the server's command line; the modes of the log files on disk need the OS",
      rules: ["log-file-mode-permissive"]
    },
    {
      id: "V-233550",
      title: "When updates are applied to PostgreSQL software, any software components that have been replaced or made unnecessary must be removed.",
      decidable: "no",
      why: "the baseline checks it with OS commands (files, packages, processes)",
      rules: []
    },
    {
      id: "V-233551",
      title: "PostgreSQL must generate audit records when categorized information (e.g., classification levels/security levels) is accessed.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW pgaudit.log); the value comes from postgresql.conf unless set per role, per database or on the command line",
      rules: ["pgaudit-not-configured"]
    },
    {
      id: "V-233552",
      title: "PostgreSQL must generate audit records when unsuccessful attempts to access security objects occur.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233553",
      title: "PostgreSQL must generate audit records when unsuccessful logons or connection attempts occur.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233554",
      title: "PostgreSQL must generate audit records showing starting and ending time for user access to the database(s).",
      decidable: "no",
      why: "the baseline checks it with OS commands (files, packages, processes)",
      rules: []
    },
    {
      id: "V-233555",
      title: "PostgreSQL must generate audit records when unsuccessful attempts to modify security objects occur.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233556",
      title: "PostgreSQL must generate audit records when privileges/permissions are added.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233557",
      title: "PostgreSQL must generate audit records when unsuccessful attempts to delete categorized information (e.g., classification levels/security levels) occur.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW shared_preload_libraries, pgaudit.log); the values come from postgresql.conf unless set per role, per database or on the command line",
      rules: ["pgaudit-not-configured"]
    },
    {
      id: "V-233558",
      title: "PostgreSQL must generate audit records when successful logons or connections occur.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW log_connections); the value comes from postgresql.conf unless set per role, per database or on the command line; it also looks for connection lines in the log files (OS)",
      rules: ["connection-logging-off"]
    },
    {
      id: "V-233559",
      title: "PostgreSQL must generate audit records when security objects are deleted.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233560",
      title: "PostgreSQL must generate audit records when unsuccessful attempts to retrieve privileges/permissions occur.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233561",
      title: "PostgreSQL must generate audit records when unsuccessful attempts to delete privileges/permissions occur.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233562",
      title: "PostgreSQL must be able to generate audit records when privileges/permissions are retrieved.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW shared_preload_libraries); the value comes from postgresql.conf unless given on the server's command line; it also looks in the audit log for a catalog query (OS)",
      rules: ["pgaudit-not-configured"]
    },
    {
      id: "V-233563",
      title: "PostgreSQL must generate audit records when unsuccessful attempts to modify categorized information (e.g., classification levels/security levels) occur.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW shared_preload_libraries, pgaudit.log); the values come from postgresql.conf unless set per role, per database or on the command line",
      rules: ["pgaudit-not-configured"]
    },
    {
      id: "V-233564",
      title: "PostgreSQL must generate audit records when unsuccessful accesses to objects occur.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233565",
      title: "PostgreSQL must generate audit records for all privileged activities or other system-level access.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW shared_preload_libraries, pgaudit.log); the values come from postgresql.conf unless set per role, per database or on the command line",
      rules: ["pgaudit-not-configured"]
    },
    {
      id: "V-233566",
      title: "PostgreSQL must generate audit records when unsuccessful attempts to access categorized information (e.g., classification levels/security levels) occur.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW pgaudit.log); the value comes from postgresql.conf unless set per role, per database or on the command line",
      rules: ["pgaudit-not-configured"]
    },
    {
      id: "V-233567",
      title: "PostgreSQL must be able to generate audit records when security objects are accessed.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW shared_preload_libraries, pgaudit.log); the values come from postgresql.conf unless set per role, per database or on the command line",
      rules: ["pgaudit-not-configured"]
    },
    {
      id: "V-233568",
      title: "PostgreSQL must generate audit records when privileges/permissions are deleted.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW shared_preload_libraries, pgaudit.log); the values come from postgresql.conf unless set per role, per database or on the command line",
      rules: ["pgaudit-not-configured"]
    },
    {
      id: "V-233569",
      title: "PostgreSQL must generate audit records when concurrent logons/connections by the same user from different workstations occur.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW log_connections, log_disconnections, log_line_prefix); the values come from postgresql.conf unless set per role, per database or on the command line",
      rules: ["connection-logging-off", "log-line-prefix-incomplete"]
    },
    {
      id: "V-233570",
      title: "PostgreSQL must generate audit records when unsuccessful attempts to delete security objects occur.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW shared_preload_libraries, pgaudit.log); the values come from postgresql.conf unless set per role, per database or on the command line",
      rules: ["pgaudit-not-configured"]
    },
    {
      id: "V-233571",
      title: "PostgreSQL must generate audit records when privileges/permissions are modified.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW shared_preload_libraries, pgaudit.log); the values come from postgresql.conf unless set per role, per database or on the command line",
      rules: ["pgaudit-not-configured"]
    },
    {
      id: "V-233572",
      title: "PostgreSQL must generate audit records when unsuccessful attempts to execute privileged activities or other system-level access occur.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233573",
      title: "PostgreSQL must generate audit records when security objects are modified.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW shared_preload_libraries, pgaudit.log, pgaudit.log_catalog); the values come from postgresql.conf unless set per role, per database or on the command line",
      rules: ["pgaudit-not-configured"],
      missing: "pgaudit.log_catalog off (pgaudit's default is on)"
    },
    {
      id: "V-233574",
      title: "PostgreSQL must generate audit records when categories of information (e.g., classification levels/security levels) is modified.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW shared_preload_libraries, pgaudit.log); the values come from postgresql.conf unless set per role, per database or on the command line",
      rules: ["pgaudit-not-configured"]
    },
    {
      id: "V-233575",
      title: "PostgreSQL must generate audit records when unsuccessful attempts to modify privileges/permissions occur.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233576",
      title: "PostgreSQL must generate audit records when unsuccessful attempts to add privileges/permissions occur.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233577",
      title: "PostgreSQL, when utilizing PKI-based authentication, must validate certificates by performing RFC 5280-compliant certification path validation.",
      decidable: "partly",
      reads: "files",
      why: "the baseline reads the hostssl records of pg_hba.conf for the cert method or clientcert, and asks the live server for ssl_crl_file (set in postgresql.conf unless given on the command line); that the CRL file exists needs the OS",
      rules: ["hba-client-cert-not-required"],
      missing: "ssl_crl_file (or, from 14, ssl_crl_dir) not set: no certificate revocation list"
    },
    {
      id: "V-233578",
      title: "PostgreSQL must produce audit records containing sufficient information to establish where the events occurred.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW log_line_prefix); the value comes from postgresql.conf unless given on the server's command line",
      rules: ["log-line-prefix-incomplete"]
    },
    {
      id: "V-233579",
      title: "PostgreSQL must maintain the confidentiality and integrity of information during preparation for transmission.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW ssl); the value comes from postgresql.conf unless given on the server's command line",
      rules: ["ssl-disabled"]
    },
    {
      id: "V-233580",
      title: "PostgreSQL must be configured to provide audit record generation for #{input('org_name')[:acronym]}-defined auditable events within all DBMS/database components.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233581",
      title: "PostgreSQL must generate time stamps, for audit records and application data, with a minimum granularity of one second.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW log_line_prefix); the value comes from postgresql.conf unless given on the server's command line",
      rules: ["log-line-prefix-incomplete"]
    },
    {
      id: "V-233582",
      title: "PostgreSQL must produce audit records containing sufficient information to establish the identity of any user/subject or process associated with the event.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW log_line_prefix); the value comes from postgresql.conf unless given on the server's command line",
      rules: ["log-line-prefix-incomplete"]
    },
    {
      id: "V-233583",
      title: "PostgreSQL must implement NIST FIPS 140-2 or 140-3 validated cryptographic modules to generate and validate cryptographic hashes.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233584",
      title: "PostgreSQL must use NSA-approved cryptography to protect classified information in accordance with the data owner\u2019s requirements.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW ssl); the value comes from postgresql.conf unless given on the server's command line; whether the cryptography is NSA-approved is not checked there",
      rules: ["ssl-disabled"]
    },
    {
      id: "V-233585",
      title: "PostgreSQL must implement NIST FIPS 140-2 or 140-3 validated cryptographic modules to protect unclassified information requiring confidentiality and cryptographic protection, in accordance with the data owner\u2019s requirements.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233586",
      title: "PostgreSQL must protect the confidentiality and integrity of all information at rest.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server",
      rules: []
    },
    {
      id: "V-233587",
      title: "PostgreSQL must prohibit user installation of logic modules (functions, trigger procedures, views, etc.) without explicit privileged status.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233588",
      title: "PostgreSQL must separate user functionality (including user interface services) from database management functionality.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server",
      rules: []
    },
    {
      id: "V-233589",
      title: "PostgreSQL must initiate session auditing upon startup.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW shared_preload_libraries, log_destination); the values come from postgresql.conf unless given on the server's command line",
      rules: ["pgaudit-not-configured", "log-destination-empty"],
      missing: "log_destination of csvlog or jsonlog alone (without stderr or syslog); an empty log_destination is flagged"
    },
    {
      id: "V-233590",
      title: "PostgreSQL must implement cryptographic mechanisms to prevent unauthorized modification of organization-defined information at rest (to include, at a minimum, PII and classified information) on organization-defined information system components.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server",
      rules: []
    },
    {
      id: "V-233591",
      title: "PostgreSQL must produce audit records containing sufficient information to establish the sources (origins) of the events.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW log_line_prefix, log_hostname); the values come from postgresql.conf unless given on the server's command line",
      rules: ["log-line-prefix-incomplete"],
      missing: "log_hostname off: the baseline wants it on (log-hostname-on flags the opposite, as CIS asks)"
    },
    {
      id: "V-233592",
      title: "Unused database components, PostgreSQL software, and database objects must be removed.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server",
      rules: []
    },
    {
      id: "V-233593",
      title: "Access to external executables must be disabled or restricted.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233594",
      title: "Unused database components that are integrated in PostgreSQL and cannot be uninstalled must be disabled.",
      decidable: "no",
      why: "the baseline checks it with OS commands (files, packages, processes)",
      rules: []
    },
    {
      id: "V-233595",
      title: "PostgreSQL must associate organization-defined types of security labels having organization-defined security label values with information in process.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233596",
      title: "If passwords are used for authentication, PostgreSQL must store only hashed, salted representations of passwords.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW password_encryption); the value comes from postgresql.conf unless set per role, per database or on the command line; the stored password hashes are in the catalog (SQL)",
      rules: ["password-encryption-md5"]
    },
    {
      id: "V-233597",
      title: "PostgreSQL must enforce access restrictions associated with changes to the configuration of PostgreSQL or database(s).",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server",
      rules: []
    },
    {
      id: "V-233598",
      title: "PostgreSQL must protect against a user falsely repudiating having performed organization-defined actions.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW log_line_prefix, shared_preload_libraries); the values come from postgresql.conf unless given on the server's command line",
      rules: ["log-line-prefix-incomplete", "pgaudit-not-configured"]
    },
    {
      id: "V-233599",
      title: "The system must provide a warning to appropriate support staff when allocated audit record storage volume reaches 75 percent of maximum audit record storage capacity.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233600",
      title: "PostgreSQL must provide the means for individuals in authorized roles to change the auditing to be performed on all application components, based on all selectable event criteria within organization-defined time thresholds.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW shared_preload_libraries); the value comes from postgresql.conf unless given on the server's command line",
      rules: ["pgaudit-not-configured"]
    },
    {
      id: "V-233601",
      title: "PostgreSQL must require users to reauthenticate when organization-defined circumstances or situations require reauthentication.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233602",
      title: "PostgreSQL must enforce authorized access to all PKI private keys stored/utilized by PostgreSQL.",
      decidable: "no",
      why: "the baseline asks the live server where the SSL certificate, key, CA and CRL files are only to check those files and their directories on disk (OS)",
      rules: []
    },
    {
      id: "V-233603",
      title: "PostgreSQL must only accept end entity certificates issued by #{input('org_name')[:acronym]} PKI or #{input('org_name')[:acronym]}-approved PKI Certification Authorities (CAs) for the establishment of all encrypted sessions.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW ssl_ca_file, ssl_cert_file); the values come from postgresql.conf unless given on the server's command line; whether the CA is an approved PKI is not in files",
      rules: [],
      missing: "ssl_ca_file not set (the default is empty) or ssl_cert_file set to empty"
    },
    {
      id: "V-233604",
      title: "PostgreSQL must produce audit records containing sufficient information to establish what type of events occurred.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW log_line_prefix, log_connections, log_disconnections); the values come from postgresql.conf unless set per role, per database or on the command line",
      rules: ["log-line-prefix-incomplete", "connection-logging-off"]
    },
    {
      id: "V-233605",
      title: "PostgreSQL must implement cryptographic mechanisms preventing the unauthorized disclosure of organization-defined information at rest on organization-defined information system components.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server",
      rules: []
    },
    {
      id: "V-233606",
      title: "PostgreSQL must invalidate session identifiers upon user logout or other session termination.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW tcp_keepalives_idle, tcp_keepalives_interval, tcp_keepalives_count, statement_timeout); the values come from postgresql.conf unless set per role, per database or on the command line",
      rules: [],
      missing: "statement_timeout and tcp_keepalives_idle, tcp_keepalives_interval, tcp_keepalives_count left at 0 (their defaults: no timeout, the OS's keepalive settings)"
    },
    {
      id: "V-233607",
      title: "PostgreSQL must protect its audit features from unauthorized access.",
      decidable: "no",
      why: "the baseline checks it with SQL on a live server and OS commands",
      rules: []
    },
    {
      id: "V-233608",
      title: "PostgreSQL must produce audit records containing time stamps to establish when the events occurred.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW log_line_prefix); the value comes from postgresql.conf unless given on the server's command line",
      rules: ["log-line-prefix-incomplete"]
    },
    {
      id: "V-233609",
      title: "PostgreSQL must protect its audit features from unauthorized removal.",
      decidable: "no",
      why: "the baseline checks it with OS commands (files, packages, processes)",
      rules: []
    },
    {
      id: "V-233610",
      title: "PostgreSQL must off-load audit data to a separate log management facility; this must be continuous and in near real time for systems with a network connection to the storage facility and weekly or more often for stand-alone systems.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW log_destination, syslog_facility); the values come from postgresql.conf unless given on the server's command line; shipping the logs to a central system is procedural",
      rules: [],
      missing: "log_destination other than csvlog,syslog (the default is stderr) and a syslog_facility other than the site's (local0 by default)"
    },
    {
      id: "V-233611",
      title: "PostgreSQL must maintain the authenticity of communications sessions by guarding against man-in-the-middle attacks that guess at Session ID values.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW ssl); the value comes from postgresql.conf unless given on the server's command line",
      rules: ["ssl-disabled"]
    },
    {
      id: "V-233612",
      title: "PostgreSQL must uniquely identify and authenticate organizational users (or processes acting on behalf of organizational users).",
      decidable: "partly",
      reads: "files",
      why: "the baseline reads local, replication and host records in pg_hba.conf; the replica list and role owner are site inputs",
      rules: ["hba-local-trust", "hba-replication-open", "hba-trust-remote", "hba-ident-over-tcp"],
      missing: "methods outside the site's approved list (a site input: the baseline's default list is gss, sspi and ldap, which would reject scram-sha-256 too)"
    },
    {
      id: "V-233613",
      title: "PostgreSQL must automatically terminate a user session after organization-defined conditions or trigger events requiring session disconnect.",
      decidable: "no",
      why: "the baseline checks it with OS commands (files, packages, processes)",
      rules: []
    },
    {
      id: "V-233614",
      title: "PostgreSQL must prevent non-privileged users from executing privileged functions, to include disabling, circumventing, or altering implemented security safeguards/countermeasures.",
      decidable: "no",
      why: "the baseline checks it with OS commands (files, packages, processes)",
      rules: []
    },
    {
      id: "V-233615",
      title: "PostgreSQL must map the PKI-authenticated identity to an associated user account.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233616",
      title: "Database contents must be protected from unauthorized and unintended information transfer by enforcement of a data-transfer policy.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-233617",
      title: "Access to database files must be limited to relevant processes and to authorized, administrative users.",
      decidable: "no",
      why: "the baseline checks it with OS commands (files, packages, processes)",
      rules: []
    },
    {
      id: "V-233618",
      title: "PostgreSQL must protect its audit configuration from unauthorized modification.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW log_destination, log_file_mode); the values come from postgresql.conf unless given on the server's command line; the mode of postgresql.conf itself needs the OS",
      rules: ["log-file-mode-permissive"]
    },
    {
      id: "V-233619",
      title: "PostgreSQL must use NIST FIPS 140-2 or 140-3 validated cryptographic modules for cryptographic operations.",
      decidable: "no",
      why: "the baseline checks it with OS commands (files, packages, processes)",
      rules: []
    },
    {
      id: "V-233620",
      title: "Audit records must be generated when categorized information (e.g., classification levels/security levels) is deleted.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW shared_preload_libraries, pgaudit.log); the values come from postgresql.conf unless set per role, per database or on the command line",
      rules: ["pgaudit-not-configured"]
    },
    {
      id: "V-233621",
      title: "PostgreSQL must generate audit records when successful accesses to objects occur.",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW shared_preload_libraries, pgaudit.log); the values come from postgresql.conf unless set per role, per database or on the command line",
      rules: ["pgaudit-not-configured"]
    },
    {
      id: "V-233622",
      title: "PostgreSQL must generate audit records for all direct access to the database(s).",
      decidable: "partly",
      reads: "show",
      why: "the baseline asks the live server (SHOW shared_preload_libraries, log_connections, log_disconnections); the values come from postgresql.conf unless set per role, per database or on the command line",
      rules: ["pgaudit-not-configured", "connection-logging-off"]
    },
    {
      id: "V-233623",
      title: "The DBMS must be configured on a platform that has a NIST certified FIPS 140-2 or 140-3 installation of OpenSSL.",
      decidable: "no",
      why: "a procedural or organizational control: the baseline has no automated check",
      rules: []
    },
    {
      id: "V-265871",
      title: "PostgreSQL products must be a version supported by the vendor.",
      decidable: "no",
      why: "the baseline checks it with OS commands (files, packages, processes)",
      rules: []
    }
  ]
};

// src/profiles/stig.ts
var STIG_SETTINGS = {
  // V-233515/V-233520/V-233612: no trust on local or loopback records for any role.
  "hba-local-trust": { options: { anyRole: true } },
  // CIS 5.3 / V-233519: no password sent in the clear, not even over the local socket.
  "hba-cleartext-password": { options: { includeLocal: true } },
  // V-233538/-579/-584/-611: TLS on, whatever pg_hba.conf says today.
  "ssl-disabled": { options: { always: true } },
  // V-233512 and the audit controls (V-233557, -563, …): the classes they ask for, together.
  "pgaudit-not-configured": { options: { classes: ["ddl", "function", "misc", "misc_set", "read", "role", "write"] } },
  // V-233569, -578, -581, -582, -598, -604, -608: every escape the baseline's checks look for.
  "log-line-prefix-incomplete": { options: { required: ["%m", "%u", "%d", "%p", "%r", "%a", "%c", "%s"] } },
  // Under the STIG md5 is a finding like password (the default profile only warns: md5 is still what
  // many clients speak), so it is an error here; likewise md5 password hashes (V-233596).
  "hba-md5": { severity: "error" },
  // scram-sha-256 whatever the default (10–13 default to md5).
  "password-encryption-md5": { severity: "error", options: { flagDefault: true } }
};
var stig = {
  name: "stig",
  title: "DISA STIG for PostgreSQL",
  summary: "The PostgreSQL STIG controls that can be decided from configuration files",
  catalog: { name: "Crunchy Data PostgreSQL STIG (MITRE InSpec baseline)", source: "https://github.com/mitre/crunchy-data-postgresql-stig-baseline" },
  rules: rulesFromCatalog(STIG, STIG_SETTINGS)
};

// src/profiles/index.ts
var PROFILES = [recommended, cis, stig];
var PROFILE_NAMES = PROFILES.map((p) => p.name);
var DEFAULT_PROFILE = "recommended";
function findProfile(name) {
  return PROFILES.find((p) => p.name === name);
}
function closestProfileNames(name) {
  const key = name.toLowerCase();
  const near = PROFILE_NAMES.map((n) => ({ n, d: editDistance(key, n) })).filter((x) => x.d <= Math.max(1, Math.min(2, Math.floor(key.length / 3))) || key.length >= 3 && x.n.startsWith(key)).sort((a, b) => a.d - b.d);
  return near.map((x) => x.n);
}
function unknownProfileMessage(name) {
  const near = closestProfileNames(name);
  const shown = JSON.stringify(name.length > 60 ? name.slice(0, 57) + "..." : name);
  return `unknown profile ${shown}${near.length ? `; did you mean ${near.join(", ")}?` : ""} (profiles: ${PROFILE_NAMES.join(", ")})`;
}
function editionFor(profile, major) {
  let best;
  for (const e of profile.editions ?? []) {
    const d = Math.abs(e.major - major);
    if (!best || d < Math.abs(best.major - major) || d === Math.abs(best.major - major) && e.major < best.major) best = e;
  }
  return best;
}
function profileRules(profile, major) {
  return editionFor(profile, major)?.rules ?? profile.rules ?? {};
}
function selectedProfiles(fromOptions, fromConfig) {
  if (fromOptions?.length) return [...fromOptions];
  if (fromConfig === void 0) return [];
  return typeof fromConfig === "string" ? [fromConfig] : [...fromConfig];
}
function profileBlocks(names, major, defaultSeverity = () => void 0) {
  const block = {};
  for (const name of [DEFAULT_PROFILE, ...names]) {
    const profile = findProfile(name);
    if (!profile) throw new Error(unknownProfileMessage(name));
    for (const [rule, r] of Object.entries(profileRules(profile, major))) {
      const cur = block[rule] ??= {};
      Object.assign(cur, r.options ?? {});
      if (r.severity) cur.severity = r.severity;
      else if (name !== DEFAULT_PROFILE && (cur.severity === void 0 || cur.severity === "off")) {
        const d = defaultSeverity(rule);
        if (d) cur.severity = d;
      }
    }
  }
  return [block];
}
function profileListing(profile, major, rules) {
  const set = profileRules(profile, major);
  return rules.filter((r) => profile.allRules || Object.hasOwn(set, r.name)).map((r) => {
    const p = set[r.name];
    return { name: r.name, severity: p?.severity ?? r.severity, options: { ...p?.options ?? {} }, controls: [...p?.controls ?? []] };
  });
}

export {
  __require,
  __commonJS,
  __toESM,
  decode,
  createSourceFile,
  lineColumn,
  OUTSIDE_REFUSAL,
  GIT_DIR_REFUSAL,
  hasGitSegment,
  confinement,
  descriptorPath,
  FILE_LIMIT_HINT,
  sizeLimitError,
  readRegularFile,
  fileIdentity,
  DEFAULT_MAX_FILE_BYTES,
  MAX_MAX_FILE_BYTES,
  describeFsError,
  isInside,
  nodeHost,
  MASK,
  redactSecrets,
  secretRanges,
  containsSecret,
  boundQuote,
  boundQuotedIn,
  boundQuotes,
  privateKeyBlocks,
  maskQuoted,
  CONFIG_NAMES,
  ConfigError,
  parseSize,
  mergeRules,
  toAssumptions,
  loadCatalog,
  timezones,
  timezoneSets,
  foldName,
  lookupParam,
  nameHistory,
  editDistance,
  closestNameMatches,
  VERSION,
  SUPPORTED_MAJORS,
  NEWEST_MAJOR,
  SEVERITIES,
  CIS,
  STIG,
  PROFILE_NAMES,
  DEFAULT_PROFILE,
  findProfile,
  unknownProfileMessage,
  editionFor,
  profileRules,
  selectedProfiles,
  profileBlocks,
  profileListing
};
