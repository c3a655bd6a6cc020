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

// src/resolve/refusal.ts
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
    return { ok: false, error: describeFsError(err) };
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
    return { ok: false, error: describeFsError(err) };
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
    return { ok: false, error: describeFsError(err) };
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
    return { ok: false, error: describeFsError(err) };
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

// src/engine/redact.ts
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
  if (ranges.length === 0) return s;
  const order = [];
  for (let r = 0; r < ranges.length; r += 2) order.push(r);
  order.sort((x, y) => ranges[x] - ranges[y]);
  let out = "";
  let last = 0;
  for (const r of order) {
    const a = Math.max(ranges[r], last);
    const b = ranges[r + 1];
    if (b <= a) continue;
    out += a === last && out.endsWith(MASK) ? "" : s.slice(last, a) + MASK;
    last = b;
  }
  return out + s.slice(last);
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

// src/engine/config-core.ts
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
function closestNames(catalog, name, n = 3) {
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
  return scored.slice(0, n).map((s) => s.name);
}

// src/version.ts
var VERSION = "0.1.0";

// src/catalog/types.ts
var SUPPORTED_MAJORS = [10, 11, 12, 13, 14, 15, 16, 17, 18];
var NEWEST_MAJOR = 18;

// src/profiles/cis.ts
var CIS_17 = {
  // 5.2 Ensure PostgreSQL is Bound to an IP Address
  "listen-on-all-addresses": { controls: ["5.2"] },
  // 5.3 Ensure login via "local" UNIX Domain Socket is configured correctly
  "hba-local-trust": { controls: ["5.3"] },
  // 5.4 Ensure login via "host" TCP/IP Socket is configured correctly
  "hba-trust-remote": { controls: ["5.4"] },
  "hba-cleartext-password": { controls: ["5.4"] },
  "hba-md5": { controls: ["5.4"] },
  // 5.8 Ensure SSL is used for client connection; 6.8 Ensure TLS is enabled and configured correctly
  "ssl-disabled": { controls: ["5.8", "6.8"] },
  "hba-hostssl-without-ssl": { controls: ["5.8", "6.8"] },
  // 5.9 Ensure authorized IP addresses ranges are not too large
  "hba-wide-network": { controls: ["5.9"] },
  "hba-open-to-world": { controls: ["5.9"] },
  // 5.11 Ensure superusers are not allowed to connect remotely
  "hba-superuser-remote": { controls: ["5.11"] },
  // 5.12 Ensure that 'password_encryption' is correctly set
  "password-encryption-md5": { controls: ["5.12"] },
  // 3.1.14 Ensure the correct messages are written to the server log;
  // 3.1.15 Ensure the correct SQL statements generating errors are recorded
  "log-level-too-quiet": { controls: ["3.1.14", "3.1.15"] },
  // 7.4 Ensure WAL archiving is configured and functional
  "archive-command-missing": { controls: ["7.4"] },
  "archive-command-noop": { controls: ["7.4"] },
  // 7.5 Ensure streaming replication parameters are configured correctly
  "replication-conninfo-insecure": { controls: ["7.5"] }
};
var unverified = (rules) => Object.fromEntries(Object.entries(rules).map(([name, r]) => [name, { ...r, controls: [] }]));
var cis = {
  name: "cis",
  title: "CIS PostgreSQL Benchmark",
  summary: "The CIS PostgreSQL Benchmark checks that can be decided from configuration files, in the edition of each cluster's target major",
  catalog: { name: "CIS PostgreSQL Benchmark (recommendation numbers as pgdsat implements them)", source: "https://github.com/HexaCluster/pgdsat" },
  editions: [
    { id: "cis-16", title: "CIS PostgreSQL 16 Benchmark", major: 16, rules: unverified(CIS_17) },
    { id: "cis-17", title: "CIS PostgreSQL 17 Benchmark", major: 17, rules: CIS_17 },
    { id: "cis-18", title: "CIS PostgreSQL 18 Benchmark", major: 18, rules: unverified(CIS_17) }
  ]
};

// src/profiles/recommended.ts
var recommended = {
  name: "recommended",
  title: "Recommended",
  summary: "The default: every rule at its default severity (what every reviewer agrees on)",
  allRules: true,
  rules: {}
};

// src/profiles/stig.ts
var stig = {
  name: "stig",
  title: "DISA STIG for PostgreSQL",
  summary: "The PostgreSQL STIG controls that can be decided from configuration files",
  catalog: { name: "Crunchy Data PostgreSQL STIG (MITRE InSpec baseline)", source: "https://github.com/mitre/crunchy-data-postgresql-stig-baseline" },
  rules: {
    // V-233515 (SV-233515r960768_rule): integrate with an organization-level authentication/access
    // mechanism; its check reads the auth_method of local, host and replication records (an
    // approved list: trust, password and md5 are not on it).
    // V-233520 (SV-233520r960792_rule): enforce approved authorizations for logical access; its
    // check wants no trust on local records and limits replication records (users, addresses).
    // V-233612 (SV-233612r960969_rule): uniquely identify and authenticate organizational users;
    // the same local/replication/host checks.
    "hba-local-trust": { controls: ["V-233515", "V-233520", "V-233612"] },
    "hba-trust-remote": { controls: ["V-233515", "V-233520", "V-233612"] },
    "hba-replication-open": { controls: ["V-233520", "V-233612"] },
    // V-233519 (SV-233519r961029_rule): if passwords are used for authentication, transmit only
    // encrypted representations of passwords (pg_hba.conf records with password or md5).
    "hba-cleartext-password": { controls: ["V-233515", "V-233519", "V-233612"] },
    // Under the STIG md5 is a finding like password (the default profile only warns: md5 is
    // still what many clients speak), so it is an error here.
    "hba-md5": { severity: "error", controls: ["V-233515", "V-233519", "V-233612"] },
    // V-233596 (SV-233596r998202_rule): store only hashed, salted representations of passwords
    // (password_encryption must be scram-sha-256).
    // A finding under the STIG (the default profile warns: existing md5 hashes keep working).
    "password-encryption-md5": { severity: "error", controls: ["V-233596"] },
    // V-233611 (SV-233611r961119_rule): maintain the authenticity of communications sessions (ssl on).
    "ssl-disabled": { controls: ["V-233611"] }
  }
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
function profileBlocks(names, major) {
  const out = [];
  for (const name of [DEFAULT_PROFILE, ...names]) {
    const profile = findProfile(name);
    if (!profile) throw new Error(unknownProfileMessage(name));
    const block = {};
    for (const [rule, r] of Object.entries(profileRules(profile, major))) {
      const value = { ...r.options ?? {} };
      if (r.severity) value.severity = r.severity;
      block[rule] = value;
    }
    out.push(block);
  }
  return out;
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
  createSourceFile,
  lineColumn,
  OUTSIDE_REFUSAL,
  GIT_DIR_REFUSAL,
  confinement,
  FILE_LIMIT_HINT,
  sizeLimitError,
  readRegularFile,
  fileIdentity,
  DEFAULT_MAX_FILE_BYTES,
  MAX_MAX_FILE_BYTES,
  describeFsError,
  isInside,
  nodeHost,
  redactSecrets,
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
  closestNames,
  VERSION,
  SUPPORTED_MAJORS,
  NEWEST_MAJOR,
  PROFILE_NAMES,
  findProfile,
  unknownProfileMessage,
  editionFor,
  selectedProfiles,
  profileBlocks,
  profileListing
};
