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

// src/resolve/host.ts
import { readFileSync, readdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

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
function nodeHost(options = {}) {
  const cwd = resolve(options.cwd ?? process.cwd());
  const rootAbs = resolve(cwd, options.root ?? cwd);
  let root = rootAbs;
  try {
    root = realpathSync(rootAbs);
  } catch {
  }
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const realOrSelf = (p) => {
    let rest = "";
    let cur = p;
    for (; ; ) {
      try {
        const real = realpathSync(cur);
        return rest ? join(real, rest) : real;
      } catch {
        const up = dirname(cur);
        if (up === cur) return p;
        rest = rest ? join(basename(cur), rest) : basename(cur);
        cur = up;
      }
    }
  };
  const allowed = (p) => isInside(root, realOrSelf(p)) && (isInside(rootAbs, p) || isInside(root, p));
  const OUTSIDE = "outside the checked root; it was not read";
  return {
    cwd,
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
    read(p) {
      if (!allowed(p)) return { ok: false, error: OUTSIDE };
      try {
        const st = statSync(p);
        if (st.isDirectory()) return { ok: false, error: "Is a directory" };
        if (!st.isFile()) return { ok: false, error: "not a regular file" };
        if (st.size > maxFileBytes) {
          return { ok: false, error: `file is ${st.size} bytes, larger than the limit of ${maxFileBytes} bytes (--max-file-size, maxFileSize in the config); not read` };
        }
        return { ok: true, file: createSourceFile(toDisplayPath(cwd, p), p, readFileSync(p)) };
      } catch (err) {
        return { ok: false, error: describeFsError(err) };
      }
    },
    list(p) {
      if (!allowed(p)) return { ok: false, error: OUTSIDE };
      try {
        const entries = readdirSync(p, { withFileTypes: true }).map((d) => {
          let isDir = d.isDirectory();
          if (d.isSymbolicLink()) {
            try {
              isDir = statSync(resolve(p, d.name)).isDirectory();
            } catch {
              isDir = false;
            }
          }
          return { name: d.name, isDir };
        });
        return { ok: true, entries };
      } catch (err) {
        return { ok: false, error: describeFsError(err) };
      }
    },
    display(p) {
      return toDisplayPath(cwd, p);
    }
  };
}

// src/engine/config-core.ts
var CONFIG_NAMES = [".pgconf-lint.yml", ".pgconf-lint.yaml", ".pgconf-lint.json"];
var ConfigError = class extends Error {
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
    if (a.role) out.role = a.role;
    if (a.memory !== void 0) out.memoryBytes = parseSize(a.memory);
  }
  return out;
}

// src/catalog/types.ts
var SUPPORTED_MAJORS = [10, 11, 12, 13, 14, 15, 16, 17, 18];
var NEWEST_MAJOR = 18;

export {
  __require,
  __commonJS,
  __toESM,
  createSourceFile,
  lineColumn,
  describeFsError,
  nodeHost,
  CONFIG_NAMES,
  ConfigError,
  parseSize,
  mergeRules,
  toAssumptions,
  SUPPORTED_MAJORS,
  NEWEST_MAJOR
};
