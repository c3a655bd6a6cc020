#!/usr/bin/env node
import { createRequire as __pgclCreateRequire } from 'node:module'; const require = __pgclCreateRequire(import.meta.url);

// src/cli-main.ts
import { writeFileSync } from "node:fs";

// src/engine/rule.ts
function defineRule(rule) {
  return rule;
}
function runRule(rule, cluster, severity = rule.severity) {
  const out = [];
  const ctx = {
    cluster,
    major: cluster.input.major,
    catalog: cluster.catalog,
    setting: (name) => cluster.effective.get(name.toLowerCase()),
    report: (r) => {
      const sev = r.severity && severity === rule.severity ? r.severity : severity;
      out.push({
        rule: rule.name,
        severity: sev,
        message: r.message,
        loc: r.loc,
        ...r.help ? { help: r.help } : {},
        ...r.related?.length ? { related: r.related } : {}
      });
    }
  };
  rule.check(ctx);
  return out;
}
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
function foldName(name) {
  return name.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}
function lookupParam(catalog, name) {
  const key = foldName(name);
  const direct = catalog.params.get(key);
  if (direct) return direct;
  const target = catalog.oldNames[key];
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

// src/catalog/values.ts
var FORCED_DEFAULT = /* @__PURE__ */ new Set(["transaction_isolation", "transaction_read_only", "transaction_deferrable"]);
var IS_NAME = /* @__PURE__ */ new Set(["application_name", "cluster_name", "default_table_access_method", "default_tablespace"]);
var INT_MAX = 2147483647;
var INT_MIN = -2147483648;
var DBL_MAX_AS_PRINTED = 179769e303;
function parseGucValue(def, input, major, extras = {}) {
  const key = def.name.toLowerCase();
  const shown = major >= 18 ? def.name : extras.writtenName ?? def.name;
  if (def.context === "internal") return fail(`parameter "${shown}" cannot be changed`);
  const parsed = parseTyped(def, input, major, shown, extras);
  if (!parsed.ok || !FORCED_DEFAULT.has(key)) return parsed;
  const boot = parseTyped(def, def.boot, major, shown, extras);
  return boot.ok ? boot : parsed;
}
function parseTyped(def, input, major, shown, extras) {
  switch (def.type) {
    case "bool":
      return parseBoolGuc(def, input, major, shown);
    case "integer":
      return parseIntGuc(def, input, major, shown);
    case "real":
      return parseRealGuc(def, input, major, shown);
    case "enum":
      return parseEnumGuc(def, input, shown);
    case "string":
      return parseStringGuc(def, input, major, extras);
  }
}
function fail(message, hint, detail) {
  const r = { ok: false, message };
  if (detail !== void 0) r.detail = detail;
  if (hint !== void 0) r.hint = hint;
  return r;
}
function invalid(name, input, hint, detail) {
  return fail(`invalid value for parameter "${name}": "${input}"`, hint, detail);
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
function parseBoolGuc(def, input, major, shown) {
  const b = parseBool(input);
  if (b === null) return fail(`parameter "${shown}" requires a Boolean value`);
  if (b && major >= 12 && def.name.toLowerCase() === "default_with_oids") {
    return fail("tables declared WITH OIDS are not supported");
  }
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
function parseIntGuc(def, input, major, shown) {
  const r = major >= 12 ? parseInt12(input, def.unit, major) : parseInt10(input, def.unit, major);
  if (typeof r !== "number") return invalid(shown, input, r.hint);
  const min = def.min ?? INT_MIN;
  const max = def.max ?? INT_MAX;
  if (r < min || r > max) return fail(rangeMessage(String(r), String(min), String(max), def.unit, shown, major));
  let value = r;
  if (def.name.toLowerCase() === "wal_buffers" && value !== -1 && value < 4) value = 4;
  return { ok: true, value, canonical: String(value) };
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
    if (c === null) return { hint: unitsHint(unit, major) };
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
  if (c === null) return { hint: unitsHint(unit, major) };
  return fitsInt(c) ? c : exceeds;
}
function rangeMessage(v, min, max, unit, name, major) {
  const u = unit !== null && major >= 12 ? " " + unit : "";
  const bu = major >= 17 ? u : "";
  return `${v}${u} is outside the valid range for parameter "${name}" (${min}${bu} .. ${max}${bu})`;
}
function parseRealGuc(def, input, major, shown) {
  const flavor = major >= 12 ? "pg" : "glibc";
  const n = strtod(input);
  let end = n.end;
  while (isCSpace(input[end])) end++;
  let val = n.value;
  if (major <= 11) {
    if (n.end === 0 || n.erange || end < input.length) return fail(`parameter "${shown}" requires a numeric value`);
  } else {
    if (n.end === 0 || n.erange || Number.isNaN(val)) return invalid(shown, input);
    if (end < input.length) {
      if (def.unit === null) return invalid(shown, input);
      const c = convertDouble(val, input.slice(end), def.unit, major);
      if (c === null) return invalid(shown, input, unitsHint(def.unit, major));
      val = c;
    }
  }
  const min = def.min ?? -Number.MAX_VALUE;
  const max = def.max === null || def.max >= DBL_MAX_AS_PRINTED ? Number.MAX_VALUE : def.max;
  if (val < min || val > max) {
    const g = (x) => formatG(x, flavor);
    return fail(rangeMessage(g(val), g(min), g(max), def.unit, shown, major));
  }
  return { ok: true, value: val, canonical: formatG(val, flavor) };
}
function parseEnumGuc(def, input, shown) {
  const lower = asciiLower(input);
  const value = def.enumAliases[lower] ?? def.enumValues.find((v) => asciiLower(v) === lower);
  if (value !== void 0) return { ok: true, value, canonical: value };
  const hint = def.enumValues.length > 0 ? `Available values: ${def.enumValues.join(", ")}.` : void 0;
  return invalid(shown, input, hint);
}
function parseStringGuc(def, input, major, extras) {
  const key = def.name.toLowerCase();
  let bytes = Buffer.from(input, "utf8");
  if (IS_NAME.has(key)) bytes = bytes.subarray(0, 63);
  let value = bytes.toString("utf8");
  if (key === "application_name" || key === "cluster_name") value = cleanAscii(bytes, major);
  const ok = (canonical) => ({ ok: true, value: canonical, canonical });
  const bad = (detail, hint) => invalid(def.name, value, hint, detail);
  switch (key) {
    case "timezone":
    case "log_timezone": {
      const r = checkTimezone(value, extras.timezones);
      return r === true ? ok(value) : bad(r === false ? void 0 : r);
    }
    case "log_destination": {
      const words = /* @__PURE__ */ new Set(["stderr", "csvlog", "syslog", ...major >= 15 ? ["jsonlog"] : []]);
      const list2 = splitIdentifierString(value);
      if (list2 === null) return bad("List syntax is invalid.");
      const unknown = list2.find((t) => !words.has(asciiLower(t)));
      return unknown === void 0 ? ok(value) : bad(`Unrecognized key word: "${unknown}".`);
    }
    case "datestyle": {
      const r = checkDateStyle(value, major);
      return r.ok ? ok(r.canonical) : bad(r.detail);
    }
    case "wal_consistency_checking": {
      const list2 = splitIdentifierString(value);
      if (list2 === null) return bad("List syntax is invalid.");
      const unknown = major >= 15 ? void 0 : list2.find((t) => !RMGRS_WITH_MASK.has(asciiLower(t)));
      return unknown === void 0 ? ok(value) : bad(`Unrecognized key word: "${unknown}".`);
    }
    case "log_connections": {
      const detail = checkLogConnections(value);
      return detail === null ? ok(value) : bad(detail);
    }
    case "primary_slot_name": {
      const detail = value === "" ? null : checkSlotName(value);
      if (detail === null) return ok(value);
      return major >= 16 ? bad(detail.detail, detail.hint) : bad();
    }
    case "search_path":
    case "temp_tablespaces":
      return splitIdentifierString(value) === null ? bad("List syntax is invalid.") : ok(value);
    case "role":
      return value === "none" ? ok(value) : bad();
    case "session_authorization":
      return bad();
    default:
      return ok(value);
  }
}
var RMGRS_WITH_MASK = /* @__PURE__ */ new Set(["all", "heap2", "heap", "btree", "hash", "gin", "gist", "sequence", "spgist", "brin", "generic"]);
function asciiLower(s) {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
function clipBytes(s, max) {
  const bytes = Buffer.from(s, "utf8");
  return bytes.length <= max ? s : bytes.subarray(0, max).toString("utf8");
}
function cleanAscii(bytes, major) {
  let out = "";
  for (const b of bytes) {
    if (b >= 32 && b <= 126) out += String.fromCharCode(b);
    else out += major >= 16 ? "\\x" + b.toString(16).padStart(2, "0") : "?";
  }
  return out;
}
function isScannerSpace(ch) {
  return ch === " " || ch === "	" || ch === "\n" || ch === "\r" || ch === "\f" || ch === "\v";
}
function splitIdentifierString(raw) {
  const names = [];
  let i = 0;
  while (isScannerSpace(raw[i])) i++;
  if (i === raw.length) return names;
  for (; ; ) {
    let name;
    if (raw[i] === '"') {
      name = "";
      i++;
      for (; ; ) {
        const close = raw.indexOf('"', i);
        if (close < 0) return null;
        name += raw.slice(i, close);
        i = close + 1;
        if (raw[i] !== '"') break;
        name += '"';
        i++;
      }
    } else {
      const start = i;
      while (i < raw.length && raw[i] !== "," && !isScannerSpace(raw[i])) i++;
      if (i === start) return null;
      name = asciiLower(raw.slice(start, i));
    }
    while (isScannerSpace(raw[i])) i++;
    names.push(clipBytes(name, 63));
    if (i === raw.length) return names;
    if (raw[i] !== ",") return null;
    i++;
    while (isScannerSpace(raw[i])) i++;
  }
}
function checkDateStyle(value, major) {
  const list2 = splitIdentifierString(value);
  if (list2 === null) return { ok: false, detail: "List syntax is invalid." };
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
  for (const tok of list2) {
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
  if (conflict) {
    return { ok: false, detail: `Conflicting "${major >= 18 ? "DateStyle" : "datestyle"}" specifications.` };
  }
  return { ok: true, canonical: `${style}, ${order}` };
}
function checkLogConnections(value) {
  const list2 = splitIdentifierString(value);
  if (list2 === null) return 'Invalid list syntax in parameter "log_connections".';
  if (list2.length === 0) return null;
  const compat = ["off", "false", "no", "0", "on", "true", "yes", "1"];
  if (compat.includes(asciiLower(list2[0]))) {
    return list2.length > 1 ? `Cannot specify log_connections option "${list2[0]}" in a list with other options.` : null;
  }
  const aspects = ["receipt", "authentication", "authorization", "setup_durations", "all"];
  const unknown = list2.find((t) => !aspects.includes(asciiLower(t)));
  return unknown === void 0 ? null : `Invalid option "${unknown}".`;
}
function checkSlotName(name) {
  if (Buffer.byteLength(name, "utf8") >= 64) return { detail: `replication slot name "${name}" is too long` };
  if (!/^[a-z0-9_]*$/.test(name)) {
    return {
      detail: `replication slot name "${name}" contains invalid character`,
      hint: "Replication slot names may only contain lower case letters, numbers, and the underscore character."
    };
  }
  return null;
}
function checkTimezone(value, names) {
  if (asciiLower(value).startsWith("interval")) {
    let i = 8;
    while (isCSpace(value[i])) i++;
    if (value[i] !== "'") return false;
    const close = value.indexOf("'", i + 1);
    return close === value.length - 1;
  }
  const n = strtod(value);
  if (n.end !== 0 && n.end === value.length) {
    const seconds = Math.trunc(-n.value * 3600);
    return Number.isFinite(seconds) && Math.abs(seconds) < 168 * 3600 ? true : "UTC timezone offset is out of range.";
  }
  if (value === "" || value.length > 255) return false;
  const upper = value.toUpperCase();
  if (upper === "GMT") return true;
  if (names !== void 0) {
    for (const n2 of names) if (n2.toUpperCase() === upper) return true;
  }
  if (upper[0] !== ":" && isPosixTz(upper)) return true;
  return names === void 0;
}
function isPosixTz(spec) {
  let i = 0;
  const name = () => {
    if (spec[i] === "<") {
      const close = spec.indexOf(">", i + 1);
      if (close < 0) return false;
      i = close + 1;
      return true;
    }
    while (i < spec.length && !/[0-9,+-]/.test(spec[i])) i++;
    return true;
  };
  const num = (min, max) => {
    const m = /^\d+/.exec(spec.slice(i));
    if (!m) return false;
    const v = Number(m[0]);
    i += m[0].length;
    return v >= min && v <= max;
  };
  const secs = () => {
    if (!num(0, 24 * 7 - 1)) return false;
    if (spec[i] === ":") {
      i++;
      if (!num(0, 59)) return false;
      if (spec[i] === ":") {
        i++;
        if (!num(0, 60)) return false;
      }
    }
    return true;
  };
  const offset = () => {
    if (spec[i] === "-" || spec[i] === "+") i++;
    return secs();
  };
  const rule = () => {
    if (spec[i] === "J") {
      i++;
      if (!num(1, 365)) return false;
    } else if (spec[i] === "M") {
      i++;
      if (!num(1, 12) || spec[i++] !== "." || !num(1, 5) || spec[i++] !== "." || !num(0, 6)) return false;
    } else if (!num(0, 365)) return false;
    if (spec[i] === "/") {
      i++;
      return offset();
    }
    return true;
  };
  if (!name() || i === spec.length || !offset()) return false;
  if (i === spec.length) return true;
  const dstStart = i;
  if (!name()) return false;
  if (i === dstStart || spec[dstStart] === "<" && i === dstStart + 2) return false;
  if (i < spec.length && spec[i] !== "," && spec[i] !== ";" && !offset()) return false;
  if (i === spec.length) return true;
  if (spec[i] !== "," && spec[i] !== ";") return false;
  i++;
  if (!rule() || spec[i++] !== "," || !rule()) return false;
  return i === spec.length;
}

// src/parse/conf-string.ts
var BACKSLASH = 92;
var QUOTE = 39;
var utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
var utf8Encoder = new TextEncoder();
function latin1(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}
function toBytes(text, encoding) {
  if (encoding === "utf8") return utf8Encoder.encode(text);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
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
    return raw.slice(1, -1).replaceAll("''", "'");
  }
  const bytes = deescapeConfStringBytes(raw, encoding);
  if (encoding === "utf8") {
    try {
      return utf8.decode(bytes);
    } catch {
    }
  }
  return latin1(bytes);
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
  constructor(text) {
    this.text = text;
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
    const text = this.text;
    let p = this.end;
    while (p < this.lineEnd && (CLASS[text.charCodeAt(p)] & SPACE) !== 0) p++;
    this.start = p;
    if (p >= this.lineEnd) return this.token("eol", p);
    const c = text.charCodeAt(p);
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
    const text = this.text;
    let idEnd = p + 1;
    while (isLetterOrDigit(text.charCodeAt(idEnd))) idEnd++;
    let qualifiedEnd = -1;
    if (text.charCodeAt(idEnd) === DOT && isLetter(text.charCodeAt(idEnd + 1))) {
      qualifiedEnd = idEnd + 2;
      while (isLetterOrDigit(text.charCodeAt(qualifiedEnd))) qualifiedEnd++;
    }
    let unquotedEnd = idEnd;
    while (has(text.charCodeAt(unquotedEnd), LETTER | DIGIT | PUNCT)) unquotedEnd++;
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
    const text = this.text;
    for (; ; ) {
      if (this.dead !== null && this.dead[i] === 1) return true;
      if (mark !== null) mark[i] = 1;
      const c = text.charCodeAt(i);
      if (c === QUOTE2) {
        this.lastClose = i + 1;
        if (text.charCodeAt(i + 1) !== QUOTE2) return false;
        i += 2;
      } else if (c === BACKSLASH2) {
        const e = text.charCodeAt(i + 1);
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
    const text = this.text;
    const body = isSign(text.charCodeAt(p)) ? p + 1 : p;
    let integerEnd = -1;
    if (isDigit(text.charCodeAt(body))) {
      let i = body;
      while (isDigit(text.charCodeAt(i))) i++;
      while (has(text.charCodeAt(i), UNIT)) i++;
      integerEnd = i;
      if (text.charCodeAt(body) === 48 && text.charCodeAt(body + 1) === 120 && has(text.charCodeAt(body + 2), HEX)) {
        let h = body + 2;
        while (has(text.charCodeAt(h), HEX)) h++;
        while (has(text.charCodeAt(h), UNIT)) h++;
        integerEnd = Math.max(integerEnd, h);
      }
    }
    let realEnd = -1;
    let r = body;
    while (isDigit(text.charCodeAt(r))) r++;
    if (text.charCodeAt(r) === DOT) {
      r++;
      while (isDigit(text.charCodeAt(r))) r++;
      const e = text.charCodeAt(r);
      if (e === 69 || e === 101) {
        let x = r + 1;
        if (isSign(text.charCodeAt(x))) x++;
        if (isDigit(text.charCodeAt(x))) {
          while (isDigit(text.charCodeAt(x))) x++;
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
function parsePostgresqlConf(file) {
  const text = file.text;
  const lexer = new Lexer(text);
  const lines = [];
  let errors = 0;
  let abandonedAtLine;
  for (let n = 0; n < file.lineStarts.length; n++) {
    const start = file.lineStarts[n];
    const end = n + 1 < file.lineStarts.length ? file.lineStarts[n + 1] - 1 : text.length;
    lexer.reset(start, end);
    const parsed = parseLine(lexer, text, file.encoding, n + 1, start, end);
    if (parsed.kind === "error" && ++errors === MAX_SYNTAX_ERRORS) abandonedAtLine = n + 1;
    lines.push(parsed);
  }
  return abandonedAtLine === void 0 ? { file, lines } : { file, lines, abandonedAtLine };
}
function parseLine(lexer, text, encoding, line, start, end) {
  const first = lexer.next();
  const nameStart = lexer.start;
  const nameEnd = lexer.end;
  let value = null;
  if (first === "id" || first === "qualified_id") {
    if (lexer.next() === "equals") lexer.next();
    const token2 = lexer.type;
    if (isValueToken(token2)) {
      const raw = text.slice(lexer.start, lexer.end);
      const unquoted = token2 === "string" ? deescapeConfString(raw, encoding) : raw;
      const candidate = { token: token2, raw, value: unquoted, start: lexer.start, end: lexer.end };
      if (lexer.next() === "eol") value = candidate;
    }
  }
  let parsed;
  if (first === "eol") {
    parsed = { kind: "blank", line, start, end };
  } else if (value === null) {
    const tokenText = text.slice(lexer.start, lexer.end);
    parsed = lexer.type === "eol" ? { kind: "error", line, start, end, near: "near end of line", token: null } : {
      kind: "error",
      line,
      start,
      end,
      near: `near token "${printable(tokenText)}"`,
      token: { start: lexer.start, end: lexer.end, text: tokenText }
    };
    while (lexer.type !== "eol") lexer.next();
  } else {
    const name = text.slice(nameStart, nameEnd);
    const directive = first === "id" ? includeDirective(name) : null;
    parsed = directive ? { kind: "include", directive, line, start, end, name, nameStart, nameEnd, value } : { kind: "setting", line, start, end, name, nameStart, nameEnd, value };
  }
  if (lexer.commentStart !== -1) {
    const comment = { start: lexer.commentStart, end, text: text.slice(lexer.commentStart, end) };
    if (parsed.kind === "blank") return { kind: "comment", line, start, end, comment };
    parsed.comment = comment;
  }
  return parsed;
}
function reportedErrorLine(conf, line) {
  const atEof = line.end === conf.file.text.length && !conf.file.text.endsWith("\n");
  return line.token === null && atEof ? line.line - 1 : line.line;
}

// src/source/source.ts
var utf82 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
function decode(bytes) {
  try {
    return { text: utf82.decode(bytes), encoding: "utf8" };
  } catch {
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1"), encoding: "latin1" };
  }
}
function computeLineStarts(text) {
  const starts = [0];
  let i = text.indexOf("\n");
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf("\n", i + 1);
  }
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

// src/parse/auth-tokens.ts
var Token = class {
  constructor(text, quoted, file, start, end, via) {
    this.text = text;
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
var OLD_SAFETY_DEPTH = 100;
var LineReader = class {
  constructor(file, major) {
    this.file = file;
    this.major = major;
  }
  file;
  major;
  text = "";
  line = 0;
  start = 0;
  end = 0;
  pos = 0;
  nextLine = 1;
  /** segment starts: offset in text -> offset in file (more than one after a continuation) */
  segAt = [];
  segOff = [];
  k = 0;
  next() {
    const text = this.file.text;
    const len = text.length;
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
      const nl = text.indexOf("\n", pos);
      const next = nl === -1 ? len : nl + 1;
      let e = nl === -1 ? len : nl;
      while (e > pos && (text.charCodeAt(e - 1) === 13 || text.charCodeAt(e - 1) === 10)) e--;
      this.segAt.push(content.length);
      this.segOff.push(pos);
      content += text.slice(pos, e);
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
    this.pos = pos;
    this.text = content;
    this.line = this.nextLine;
    this.nextLine += continuations + 1;
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
var rawToken = { text: "", quoted: false, start: 0, end: 0, comma: false };
function token(text, quoted, start, end, comma) {
  rawToken.text = text;
  rawToken.quoted = quoted;
  rawToken.start = start;
  rawToken.end = end;
  rawToken.comma = comma;
  return rawToken;
}
function nextToken(s, pos) {
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
  while (i < n && (c = s.charCodeAt(i)) !== 0 && (!isBlank(c) || inQuote)) {
    if (c === 35 && !inQuote) {
      buf += s.slice(run2, i);
      run2 = i;
      pos.i = n;
      return sawQuote || buf.length > 0 ? token(buf, quoted, start, i, false) : null;
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
  tokenize(file) {
    const lines = [];
    this.files.push(file);
    this.tokenizeFile(file, lines, 0);
    return { lines, includes: this.includes, files: this.files };
  }
  /** open_auth_file */
  open(absPath, depth, ioPath = absPath) {
    if (this.major >= 16 && depth > MAX_DEPTH) {
      return { ok: false, message: `could not open file "${absPath}": maximum nesting depth exceeded`, enoent: false, notAllowed: false };
    }
    if (depth > OLD_SAFETY_DEPTH) {
      return { ok: false, message: `could not open file "${absPath}": nesting too deep (PostgreSQL recurses until it crashes)`, enoent: false, notAllowed: false };
    }
    if (!this.io.allowed(ioPath)) {
      return { ok: false, message: `could not open file "${absPath}": outside the allowed root`, enoent: false, notAllowed: true };
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
      return { ok: false, message: `could not open file "${absPath}": ${r.error}`, enoent: r.error === "No such file or directory", notAllowed: false };
    }
    const file = r.file.absPath === absPath ? r.file : createSourceFile(r.file.path, absPath, r.file.text);
    this.cache.set(ioPath, file);
    if (!this.files.includes(file)) this.files.push(file);
    return { ok: true, file };
  }
  tokenizeFile(file, out, depth) {
    const major = this.major;
    const raw = new LineReader(file, major);
    const map = raw;
    while (raw.next()) {
      const fields = [];
      let error = null;
      const pos = { i: 0 };
      const s = raw.text;
      while (error === null && pos.i < s.length && s[pos.i] !== "\0") {
        const tokens = [];
        for (; ; ) {
          const t = nextToken(s, pos);
          if (t === null) break;
          const start = map.at(t.start);
          const end = t.end > t.start ? map.at(t.end - 1) + 1 : start;
          const tok = new Token(t.text, t.quoted, file, start, end, null);
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
    const opened = this.open(full, depth, normalizeForIo(full));
    if (!opened.ok) {
      let message = opened.message;
      if (major <= 15 && !opened.notAllowed) {
        message = `could not open secondary authentication file "@${name}" as "${full}": ${message.slice(message.indexOf('": ') + 3)}`;
      }
      return { message, file: at.file, start: at.start, end: at.end, ...opened.notAllowed ? { code: "not-allowed" } : {} };
    }
    const inner = [];
    this.tokenizeFile(opened.file, inner, depth);
    for (const l of inner) {
      if (l.error) return l.error;
      for (const f of l.fields) for (const t of f.tokens) tokens.push(t.via ? t : new Token(t.text, t.quoted, t.file, t.start, t.end, at));
    }
    return null;
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
      ...notAllowed ? { code: "not-allowed" } : {}
    });
    const record = (path, skipped) => {
      this.includes.push({ kind, file, line: line.line, start: line.start, end: line.end, path, skipped });
    };
    const includeOne = (full, missingOk) => {
      const opened = this.open(full, depth + 1, normalizeForIo(full));
      if (!opened.ok) {
        if (opened.enoent && missingOk) {
          record(full, true);
          return null;
        }
        return located(opened.message, opened.notAllowed);
      }
      record(full, false);
      this.tokenizeFile(opened.file, out, depth + 1);
      return null;
    };
    if (kind === "include" || kind === "include_if_exists") {
      const err = includeOne(absoluteConfigLocation(second.text, file.absPath, major), kind === "include_if_exists");
      if (err) out.push({ ...line, error: err });
      return true;
    }
    const dir = absoluteConfigLocation(second.text, file.absPath, major);
    if (!this.io.allowed(normalizeForIo(dir))) {
      out.push({ ...line, error: located(`could not open directory "${dir}": outside the allowed root`, true) });
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
  let groups = 0;
  let depth = 0;
  let prev = "none";
  const n = pattern.length;
  let i = 0;
  const fail2 = (msg) => ({ error: msg, groups });
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
        else return fail2("quantifier operand invalid");
      } else {
        groups++;
        i++;
      }
      depth++;
      prev = "none";
      continue;
    }
    if (c === ")") {
      if (depth === 0) return fail2("parentheses () not balanced");
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
      else if (prev !== "atom") return fail2("quantifier operand invalid");
      else prev = "quant";
      i++;
      continue;
    }
    if (c === "{") {
      if (prev !== "atom") return fail2("quantifier operand invalid");
      const close = pattern.indexOf("}", i);
      if (close === -1) return fail2("braces {} not balanced");
      const body = pattern.slice(i + 1, close);
      const m = /^(\d+)(,(\d*))?$/.exec(body);
      if (!m) return fail2("invalid repetition count(s)");
      const lo = Number(m[1]);
      const hi = m[3] === void 0 || m[3] === "" ? m[2] ? DUPMAX : lo : Number(m[3]);
      if (lo > DUPMAX || hi > DUPMAX || lo > hi) return fail2("invalid repetition count(s)");
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
      if (typeof r === "string") return fail2(r);
      i = r;
      prev = "atom";
      continue;
    }
    if (c === "\\") {
      if (i + 1 >= n) return fail2("invalid escape \\ sequence");
      const e = pattern[i + 1];
      if (/[A-Za-z0-9]/.test(e) && !ESCAPES.has(e)) return fail2("invalid escape \\ sequence");
      if (e >= "1" && e <= "9") {
        let j = i + 1;
        while (j < n && pattern[j] >= "0" && pattern[j] <= "9") j++;
        if (Number(pattern.slice(i + 1, j)) > groups) return fail2("invalid backreference number");
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
  if (depth !== 0) return fail2("parentheses () not balanced");
  return { error: null, groups };
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
  constructor(message, at, setsErrMsg = true) {
    this.message = message;
    this.at = at;
    this.setsErrMsg = setsErrMsg;
  }
  message;
  at;
  setsErrMsg;
};
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
  const ctx = { major, build, line, errMsg: null, features: [] };
  let record = null;
  let problem = line.error;
  if (line.error) {
    ctx.errMsg = line.error.message;
  } else {
    try {
      record = parseRecord(ctx);
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      problem = { message: e.message, file: e.at.file, start: e.at.start, end: e.at.end };
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
    buildFeatures: ctx.features
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
  if (!connType) throw new LineError(`invalid connection type "${typeTok.text}"`, typeTok);
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
  if (connType !== "local" && method === "peer") throw new LineError("peer authentication is only supported on local sockets", methodTok);
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
      if (eq === -1) throw new LineError(`authentication option not in name=value format: ${t.text}`, t);
      const opt = { name: t.text.slice(0, eq), value: t.text.slice(eq + 1), token: t };
      parseAuthOpt(ctx, connType, method, opt, st);
      options.push(opt);
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
  if (!feature) throw new LineError(`invalid authentication method "${m}"`, t);
  addFeature(ctx, feature);
  if (!ctx.build[feature]) throw new LineError(`invalid authentication method "${m}": not supported by this build`, t);
  return m;
}
function parseAddress(ctx, t, readMask) {
  const base = { token: t, bytes: null, prefix: null, mask: null, maskToken: null, hostname: null };
  if (!t.quoted && (t.text === "all" || t.text === "samehost" || t.text === "samenet")) return { ...base, kind: t.text };
  const slash = t.text.indexOf("/");
  const host = slash === -1 ? t.text : t.text.slice(0, slash);
  const ip = parseNumericHost(host, ctx);
  if (!ip) {
    if (slash !== -1) throw new LineError(`specifying both host name and CIDR mask is invalid: "${t.text}"`, t);
    addFeature(ctx, "dns");
    return { ...base, kind: "hostname", hostname: host };
  }
  const kind = ip.length === 4 ? "ipv4" : "ipv6";
  if (slash !== -1) {
    const bits = parseCidrBits(t.text.slice(slash + 1), ip.length * 8);
    if (bits === null) throw new LineError(`invalid CIDR mask in address "${t.text}"`, t);
    return { ...base, kind, bytes: ip, prefix: bits, mask: prefixMask(bits, ip.length) };
  }
  const mt = readMask();
  const mask = parseNumericHost(mt.text, ctx);
  if (!mask) throw new LineError(`invalid IP mask "${mt.text}": Name or service not known`, mt);
  if (mask.length !== ip.length) throw new LineError("IP address and mask do not match", mt);
  return { ...base, kind, bytes: ip, prefix: maskPrefix(mask), mask, maskToken: mt };
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
function parseIPv4(s) {
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
  let s = input;
  const pct = s.indexOf("%");
  if (pct !== -1) {
    const scope = s.slice(pct + 1);
    if (scope === "") return null;
    if (!/^\d+$/.test(scope)) {
      if (ctx) addFeature(ctx, "network-interfaces");
      if (scope !== "lo") return null;
    }
    s = s.slice(0, pct);
  }
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
  const bytes = new Array(16).fill(0);
  words.forEach((w, k) => {
    bytes[2 * k] = w >> 8;
    bytes[2 * k + 1] = w & 255;
  });
  return bytes;
}
function formatAddress(bytes) {
  if (bytes.length === 4) return bytes.join(".");
  const w = [];
  for (let i = 0; i < 16; i += 2) w.push(bytes[i] << 8 | bytes[i + 1]);
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
      out += bytes.slice(12).join(".");
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
function parseAuthOpt(ctx, connType, method, opt, st) {
  const { major } = ctx;
  const { name, value: val, token: token2 } = opt;
  const only = (methods, list2) => {
    if (!methods.includes(method)) throw new LineError(`authentication option "${name}" is only valid for authentication methods ${list2}`, token2);
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
      if (atoi(val) === 0) throw new LineError(`invalid LDAP port number: "${val}"`, token2);
      st.ldap.set(name, String(atoi(val)));
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
    const list2 = splitGucList(val);
    const what = { radiusservers: "server", radiussecrets: "secret", radiusports: "port", radiusidentifiers: "identifiers" }[name];
    if (list2 === null) {
      if (name === "radiusports") throw new LineError(`invalid RADIUS port number: "${val}"`, token2);
      throw new LineError(`could not parse RADIUS ${what} list "${val}"`, token2, false);
    }
    if (name === "radiusservers") {
      for (const s of list2) {
        if (!parseNumericHost(s, ctx)) addFeature(ctx, "dns");
      }
    }
    if (name === "radiusports" && list2.some((p) => atoi(p) === 0)) throw new LineError(`invalid RADIUS port number: "${val}"`, token2, false);
    st.radius.set(name, { raw: val, list: list2 });
    return;
  }
  if (OAUTH_OPTS.includes(name)) {
    only(["oauth"], "oauth");
    st.oauth.set(name, val);
  }
}
function clientcert(ctx, connType, method, val, token2, st) {
  const { major } = ctx;
  if (connType !== "hostssl") throw new LineError('clientcert can only be configured for "hostssl" rows', token2);
  if (major <= 11) {
    if (val === "1") {
      addFeature(ctx, "ssl-ca");
      if (!ctx.build.ssl) throw new LineError("client certificates can only be checked if a root certificate store is available", token2);
      st.clientcert = "true";
    } else {
      if (method === "cert") throw new LineError('clientcert can not be set to 0 when using "cert" authentication', token2);
      st.clientcert = "off";
    }
    return;
  }
  if (val === "verify-full") st.clientcert = "full";
  else if (val === "verify-ca" || major <= 13 && val === "1") {
    if (method === "cert" && major >= 14) {
      throw new LineError('clientcert can only be set to "verify-full" when using "cert" authentication', token2);
    }
    st.clientcert = "ca";
  } else if (major <= 13 && (val === "0" || val === "no-verify")) {
    if (method === "cert") throw new LineError('clientcert cannot be set to "no-verify" when using "cert" authentication', token2);
    st.clientcert = "off";
  } else {
    throw new LineError(`invalid value for clientcert: "${val}"`, token2, false);
  }
}
function ldapUrl(ctx, val, token2, st) {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/:?]*)(?::(\d*))?(?:\/([^?]*)(?:\?([^?]*)(?:\?([^?]*)(?:\?(.*))?)?)?)?$/.exec(val);
  if (!m) throw new LineError(`could not parse LDAP URL "${val}": Bad parameter to an ldap routine`, token2);
  const scheme = m[1];
  if (scheme !== "ldap" && (scheme !== "ldaps" || ctx.major < 11)) throw new LineError(`unsupported LDAP URL scheme: ${scheme}`, token2);
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
        throw new LineError(`the number of RADIUS ${what} (${len}) must be 1 or the same as the number of RADIUS servers (${n})`, at);
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
function atoi(s) {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  if (!m) return 0;
  const v = Number(m[1].slice(0, 12));
  return Math.max(-2147483648, Math.min(2147483647, v)) | 0;
}
function splitGucList(s) {
  const out = [];
  const ws = (c) => c !== void 0 && /\s/.test(c);
  let i = 0;
  while (ws(s[i])) i++;
  if (i >= s.length) return out;
  for (; ; ) {
    let name = "";
    if (s[i] === '"') {
      i++;
      for (; ; ) {
        const q = s.indexOf('"', i);
        if (q === -1) return null;
        name += s.slice(i, q);
        i = q + 1;
        if (s[i] === '"') {
          name += '"';
          i++;
        } else break;
      }
    } else {
      const st = i;
      while (i < s.length && s[i] !== "," && !ws(s[i])) i++;
      name = s.slice(st, i);
      if (name === "") return null;
    }
    while (ws(s[i])) i++;
    out.push(name);
    if (s[i] === ",") {
      i++;
      while (ws(s[i])) i++;
      continue;
    }
    if (i >= s.length) return out;
    return null;
  }
}
function hbaFileRules(hba, major = hba.major) {
  let rule = 0;
  return hba.lines.map((l) => {
    const r = l.record;
    const row = {
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
      row.rule_number = l.viewError === null ? rule : null;
      row.file_name = l.file.absPath;
    }
    if (r) {
      row.type = r.connType;
      row.database = r.databases.map((d) => d.token.text);
      row.user_name = r.users.map((u) => u.token.text);
      const a = r.address;
      if (a) {
        if (a.kind === "ipv4" || a.kind === "ipv6") {
          row.address = formatAddress(a.bytes);
          row.netmask = formatAddress(a.mask);
        } else {
          row.address = a.kind === "hostname" ? a.hostname : a.kind;
        }
      }
      row.auth_method = r.method;
      row.options = r.viewOptions;
    }
    return major >= 16 ? { rule_number: row.rule_number, file_name: row.file_name, ...row } : row;
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
  let groups = 0;
  const sysUser = { token: sys, kind: "literal" };
  if (sys.text[0] === "/") {
    const r = checkRegex(sys.text.slice(1));
    if (r.error) return err(`invalid regular expression "${sys.text.slice(1)}": ${r.error}`, sys);
    sysUser.kind = "regex";
    groups = r.groups;
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
  const backrefWithoutGroup = sysUser.kind === "regex" && substitutes && groups === 0 && pg.text.includes("\\1");
  return { ...line, record: { mapName: map, systemUser: sysUser, pgUser, backrefWithoutGroup }, problem: null };
}

// src/resolve/conf-files.ts
import { dirname, resolve } from "node:path";
var CONF_FILE_MAX_DEPTH = 10;
function lineLoc(file, start, end) {
  return { file: file.path, start, end };
}
function readConfSet(host, mainAbs, extra = [], cache = /* @__PURE__ */ new Map()) {
  const set = { files: /* @__PURE__ */ new Map(), items: [], skipped: [] };
  const parse = (abs, file) => {
    let conf = cache.get(abs);
    if (!conf) {
      conf = parsePostgresqlConf(file);
      cache.set(abs, conf);
    }
    if (!set.files.has(abs)) set.files.set(abs, conf);
    return conf;
  };
  const visitFile = (abs, file, depth, stack, via) => {
    const conf = parse(abs, file);
    for (const line of conf.lines) {
      if (conf.abandonedAtLine !== void 0 && line.line > conf.abandonedAtLine) break;
      if (line.kind === "setting") {
        set.items.push({ kind: "setting", file, line, via });
      } else if (line.kind === "error") {
        const near = line.near;
        set.items.push({
          kind: "syntax",
          file,
          lineNumber: line.line,
          loc: line.token ? lineLoc(file, line.token.start, line.token.end) : lineLoc(file, line.end, line.end),
          message: `syntax error in file "${file.path}" line ${reportedErrorLine(conf, line)}, ${near}`
        });
      } else if (line.kind === "include") {
        visitInclude(abs, file, line, depth, stack, via);
      }
    }
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
  const openFile = (fromAbs, from, line, targetAbs, depth, stack, via, strict) => {
    if (depth > CONF_FILE_MAX_DEPTH) {
      problem(from, line, "depth", `could not open configuration file "${host.display(targetAbs)}": maximum nesting depth exceeded`);
      return;
    }
    if (targetAbs === fromAbs) {
      problem(from, line, "cycle", `configuration file recursion in "${host.display(targetAbs)}"`, `${from.path} includes itself`);
      return;
    }
    if (!host.allowed(targetAbs)) {
      problem(
        from,
        line,
        "outside-root",
        `configuration file "${host.display(targetAbs)}" is outside the checked root; it was not read`,
        `include target ${host.display(targetAbs)} lies outside ${host.display(host.root)}`
      );
      return;
    }
    const cycleAt = stack.indexOf(targetAbs);
    if (cycleAt !== -1) {
      const chain = [...stack.slice(cycleAt), targetAbs].map((p) => host.display(p)).join(" -> ");
      problem(
        from,
        line,
        "cycle",
        `could not open configuration file "${host.display(targetAbs)}": maximum nesting depth exceeded`,
        `include cycle ${chain}`
      );
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
    visitFile(targetAbs, read.file, depth, [...stack, targetAbs], [...via, line]);
  };
  const visitInclude = (fromAbs, from, line, depth, stack, via) => {
    const target = line.value.value;
    if (line.directive === "include_dir") {
      if (target.trim() === "") {
        problem(from, line, "empty-name", `empty configuration directory name: "${target}"`);
        return;
      }
      const dirAbs = resolve(dirname(fromAbs), target);
      if (!host.allowed(dirAbs)) {
        problem(
          from,
          line,
          "outside-root",
          `configuration directory "${host.display(dirAbs)}" is outside the checked root; it was not read`,
          `include_dir target ${host.display(dirAbs)} lies outside ${host.display(host.root)}`
        );
        return;
      }
      const listed = host.list(dirAbs);
      if (!listed.ok) {
        problem(
          from,
          line,
          listed.error === "No such file or directory" ? "missing" : "unreadable",
          `could not open configuration directory "${host.display(dirAbs)}": ${listed.error}`
        );
        return;
      }
      const names = listed.entries.filter((e) => !e.isDir && e.name.length >= 6 && !e.name.startsWith(".") && e.name.endsWith(".conf")).map((e) => resolve(dirAbs, e.name)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      for (const abs of names) openFile(fromAbs, from, line, abs, depth + 1, stack, via, true);
      return;
    }
    if (target.trim() === "") {
      problem(from, line, "empty-name", `empty configuration file name: "${target}"`);
      return;
    }
    openFile(fromAbs, from, line, resolve(dirname(fromAbs), target), depth + 1, stack, via, line.directive === "include");
  };
  const mainRead = host.read(mainAbs);
  if (mainRead.ok) visitFile(mainAbs, mainRead.file, 0, [mainAbs], []);
  for (const abs of extra) {
    const r = host.read(abs);
    if (r.ok) visitFile(abs, r.file, 0, [abs], []);
  }
  return set;
}

// src/resolve/cluster.ts
function errorFor(a) {
  if (a.status === "unknown") {
    return `unrecognized configuration parameter "${a.line.name}" in file "${a.file.path}" line ${a.line.line}`;
  }
  if (a.status === "invalid" && a.value && !a.value.ok) return a.value.message;
  return null;
}
function evaluateSetting(catalog, file, line) {
  const def = lookupParam(catalog, line.name);
  let base;
  if (!def) {
    const key = line.name.toLowerCase();
    base = { file, line, key, status: key.includes(".") ? "placeholder" : "unknown" };
  } else {
    const value = parseGucValue(def, line.value.value, catalog.major, {
      writtenName: line.name,
      timezones: timezones(catalog.major)
    });
    base = { file, line, key: def.name.toLowerCase(), def, value, status: value.ok ? "ok" : "invalid" };
  }
  return { ...base, error: errorFor(base) };
}
function resolveCluster(host, input, cache = /* @__PURE__ */ new Map()) {
  const catalog = loadCatalog(input.major);
  const sources = /* @__PURE__ */ new Map();
  const unreadable = [];
  const main2 = input.files.find((f) => f.kind === "postgresql.conf");
  const auto = input.files.find((f) => f.kind === "postgresql.auto.conf");
  let conf;
  const checkReadable = (f) => {
    if (!f) return false;
    const r = host.read(f.abs);
    if (!r.ok) {
      unreadable.push({ kind: f.kind, abs: f.abs, path: host.display(f.abs), error: r.error });
      return false;
    }
    return true;
  };
  const mainOk = checkReadable(main2);
  const autoOk = checkReadable(auto);
  if (mainOk || autoOk) {
    conf = mainOk ? readConfSet(host, main2.abs, autoOk ? [auto.abs] : [], cache) : readConfSet(host, auto.abs, [], cache);
    for (const c of conf.files.values()) sources.set(c.file.path, c.file);
  }
  const assignments = [];
  const problems = [];
  for (const item of conf?.items ?? []) {
    if (item.kind !== "setting") {
      problems.push(item);
      continue;
    }
    const ev = evaluateSetting(catalog, item.file, item.line);
    assignments.push({ ...ev, seqno: assignments.length + 1, applied: ev.error === null, ignored: false });
  }
  const lastBySpelling = /* @__PURE__ */ new Map();
  for (const a of assignments) {
    if (a.status === "unknown") continue;
    const prev = lastBySpelling.get(a.line.name);
    if (prev) {
      prev.ignored = true;
      prev.applied = false;
      prev.error = null;
    }
    lastBySpelling.set(a.line.name, a);
  }
  const effective = /* @__PURE__ */ new Map();
  for (const a of assignments) {
    if (a.status === "unknown" || a.status === "invalid") continue;
    const prev = effective.get(a.key);
    if (prev) prev.overriddenBy = a;
    effective.set(a.key, a);
  }
  for (const a of assignments) {
    if (a.status !== "invalid") continue;
    const winner = effective.get(a.key);
    if (winner && winner.seqno > a.seqno) a.overriddenBy = winner;
  }
  let recovery;
  const rec = input.files.find((f) => f.kind === "recovery.conf");
  if (rec) {
    const r = host.read(rec.abs);
    if (r.ok) {
      recovery = parsePostgresqlConf(r.file);
      sources.set(r.file.path, r.file);
    } else unreadable.push({ kind: rec.kind, abs: rec.abs, path: host.display(rec.abs), error: r.error });
  }
  const io = authIO(host);
  let hba;
  let ident;
  for (const f of input.files) {
    if (f.kind !== "pg_hba.conf" && f.kind !== "pg_ident.conf") continue;
    const r = host.read(f.abs);
    if (!r.ok) {
      unreadable.push({ kind: f.kind, abs: f.abs, path: host.display(f.abs), error: r.error });
      continue;
    }
    if (f.kind === "pg_hba.conf") {
      hba = parsePgHba(r.file, input.major, io);
      for (const s of hba.files) sources.set(s.path, s);
    } else {
      ident = parsePgIdent(r.file, input.major, io);
      for (const s of ident.files) sources.set(s.path, s);
    }
  }
  return {
    input,
    catalog,
    ...conf ? { conf } : {},
    ...hba ? { hba } : {},
    ...ident ? { ident } : {},
    assignments,
    problems,
    effective,
    ...recovery ? { recovery } : {},
    unreadable,
    sources
  };
}
function authIO(host) {
  return {
    read: (p) => host.read(p),
    listDir: (p) => {
      const l = host.list(p);
      return l.ok ? { ok: true, entries: l.entries.map((e) => ({ name: e.name, isDirectory: e.isDir })) } : l;
    },
    allowed: (p) => host.allowed(p)
  };
}

// src/resolve/discover.ts
import { basename, dirname as dirname2, join, resolve as resolve2, sep } from "node:path";

// src/catalog/types.ts
var SUPPORTED_MAJORS = [10, 11, 12, 13, 14, 15, 16, 17, 18];
var NEWEST_MAJOR = 18;

// src/resolve/discover.ts
var KNOWN_NAMES = {
  "postgresql.conf": "postgresql.conf",
  "postgresql.auto.conf": "postgresql.auto.conf",
  "pg_hba.conf": "pg_hba.conf",
  "pg_ident.conf": "pg_ident.conf",
  "recovery.conf": "recovery.conf"
};
var SKIP_DIRS = /* @__PURE__ */ new Set([".git", "node_modules", ".hg", ".svn"]);
function kindFromName(name) {
  const n = basename(name).toLowerCase();
  if (KNOWN_NAMES[n]) return KNOWN_NAMES[n];
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
function readPgVersion(host, dir) {
  const p = join(dir, "PG_VERSION");
  if (host.kind(p) !== "file") return void 0;
  const r = host.read(p);
  if (!r.ok) return void 0;
  const n = Number(r.file.text.trim().split(".")[0]);
  return isSupportedMajor(n) ? n : void 0;
}
function discover(host, paths, options = {}) {
  const errors = [];
  const byDir = /* @__PURE__ */ new Map();
  const add = (abs, kind) => {
    const dir = dirname2(abs);
    let files = byDir.get(dir);
    if (!files) byDir.set(dir, files = /* @__PURE__ */ new Map());
    files.set(abs, kind);
  };
  const walk = (dir, depth) => {
    if (depth > 32) return;
    const listed = host.list(dir);
    if (!listed.ok) return;
    for (const e of listed.entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) {
      const abs = join(dir, e.name);
      if (e.isDir) {
        if (!SKIP_DIRS.has(e.name) && host.allowed(abs)) walk(abs, depth + 1);
      } else if (KNOWN_NAMES[e.name] && host.kind(abs) !== "missing") {
        add(abs, KNOWN_NAMES[e.name]);
      }
    }
  };
  for (const p of paths.length ? paths : ["."]) {
    const abs = resolve2(host.cwd, p);
    const kind = host.kind(abs);
    if (kind === "missing") errors.push(`${p}: no such file or directory`);
    else if (kind === "dir") walk(abs, 0);
    else add(abs, kindFromName(abs));
  }
  const clusters = [];
  for (const [dir, files] of [...byDir.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
    let major = NEWEST_MAJOR;
    let versionSource = "default";
    const fromFile = readPgVersion(host, dir);
    const fromPath = majorFromPath(host.display(dir).split(sep).join("/"));
    if (options.pgVersion) [major, versionSource] = [options.pgVersion, "flag"];
    else if (options.configVersion) [major, versionSource] = [options.configVersion, "config"];
    else if (fromFile) [major, versionSource] = [fromFile, "PG_VERSION"];
    else if (fromPath) [major, versionSource] = [fromPath, "path"];
    clusters.push({
      dir,
      files: [...files.entries()].map(([abs, kind]) => ({ abs, kind })),
      major,
      versionSource
    });
  }
  return { clusters, errors };
}

// src/resolve/host.ts
import { readFileSync as readFileSync2, readdirSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve as resolve3, sep as sep2 } from "node:path";
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
  if (rel.startsWith("..") || isAbsolute(rel)) return absPath.split(sep2).join("/");
  return rel.split(sep2).join("/");
}
function isInside(root, absPath) {
  const rel = relative(root, absPath);
  return rel === "" || !rel.startsWith(".." + sep2) && rel !== ".." && !isAbsolute(rel);
}
function nodeHost(options = {}) {
  const cwd = resolve3(options.cwd ?? process.cwd());
  const rootAbs = resolve3(cwd, options.root ?? cwd);
  let root = rootAbs;
  try {
    root = realpathSync(rootAbs);
  } catch {
  }
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const realOrSelf = (p) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
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
    allowed(p) {
      return isInside(root, realOrSelf(p)) && (isInside(rootAbs, p) || isInside(root, p));
    },
    read(p) {
      try {
        const st = statSync(p);
        if (st.isDirectory()) return { ok: false, error: "Is a directory" };
        if (!st.isFile()) return { ok: false, error: "not a regular file" };
        if (st.size > maxFileBytes) {
          return { ok: false, error: `file is ${st.size} bytes, larger than the limit of ${maxFileBytes} bytes` };
        }
        return { ok: true, file: createSourceFile(toDisplayPath(cwd, p), p, readFileSync2(p)) };
      } catch (err) {
        return { ok: false, error: describeFsError(err) };
      }
    },
    list(p) {
      try {
        const entries = readdirSync(p, { withFileTypes: true }).map((d) => {
          let isDir = d.isDirectory();
          if (d.isSymbolicLink()) {
            try {
              isDir = statSync(resolve3(p, d.name)).isDirectory();
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

// src/resolve/settings-rows.ts
function settingsRows(cluster) {
  const rows = [];
  const byLine = new Map(cluster.assignments.map((a) => [a.line, a]));
  for (const item of cluster.conf?.items ?? []) {
    if (item.kind === "setting") {
      const a = byLine.get(item.line);
      const canonical = a.status === "ok" && a.value?.ok ? a.value.canonical : a.status === "placeholder" ? a.line.value.value : null;
      rows.push({
        sourcefile: item.file.path,
        sourceline: item.line.line,
        seqno: rows.length + 1,
        name: item.line.name,
        setting: item.line.value.value,
        applied: a.applied,
        error: a.error,
        canonical
      });
    } else {
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
    }
  }
  return rows;
}

// rules/duplicate-setting.ts
var duplicate_setting_default = defineRule({
  name: "duplicate-setting",
  severity: "warning",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "A parameter set again later, so this assignment has no effect",
    why: "When a parameter is assigned more than once, the last assignment wins \u2014 including assignments in included files and in postgresql.auto.conf (written by ALTER SYSTEM), which is read last. Someone editing the earlier line will believe they changed the server when they did not.",
    invalid: ["work_mem = 4MB\nwork_mem = 8MB"],
    valid: ["work_mem = 8MB\nmaintenance_work_mem = 256MB"],
    references: ["https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-CONFIGURATION-FILE"],
    versions: "all"
  },
  check(ctx) {
    for (const a of ctx.cluster.assignments) {
      const w = a.overriddenBy;
      if (!w) continue;
      const at = lineColumn(w.file, w.line.start).line;
      const where = w.file === a.file ? `line ${at}` : `${w.file.path}:${at}`;
      ctx.report({
        loc: { file: a.file.path, start: a.line.nameStart, end: a.line.value.end },
        message: `${a.line.name} is set again at ${where} (${w.line.value.raw}), so this value (${a.line.value.raw}) is ignored`,
        help: "Remove one of the two assignments so the file says what the server uses.",
        related: [{ message: "the assignment that wins", loc: { file: w.file.path, start: w.line.nameStart, end: w.line.value.end } }]
      });
    }
  }
});

// rules/hba-invalid-record.ts
function hbaHelp(message, major) {
  if (message.startsWith("invalid IP mask")) {
    return "An address without a /prefix must be followed by a netmask column; write it in CIDR form, e.g. 10.30.0.0/16.";
  }
  if (message.includes("clientcert")) {
    return major >= 14 ? "Use clientcert=verify-ca or clientcert=verify-full (PostgreSQL 14 removed 1, 0 and no-verify)." : "Use clientcert=verify-ca or clientcert=verify-full, on hostssl records only.";
  }
  if (/invalid authentication method "(crypt|krb5)"/.test(message)) return "Use scram-sha-256 (or gss for Kerberos).";
  if (message.includes("peer authentication is only supported on local sockets")) {
    return "Use scram-sha-256 (or ident) for host records; peer works on local records only.";
  }
  if (message.startsWith('invalid connection type "include')) return "include directives in pg_hba.conf need PostgreSQL 16 or later.";
  return void 0;
}
var hba_invalid_record_default = defineRule({
  name: "hba-invalid-record",
  severity: "error",
  appliesTo: ["pg_hba.conf"],
  docs: {
    summary: "A pg_hba.conf record PostgreSQL rejects",
    why: "PostgreSQL loads pg_hba.conf all or nothing: one invalid record makes the server refuse to start, and on reload the old rules stay in force (the change silently does not happen). Typical causes: an IP address without a CIDR mask (the method is then read as the netmask), a removed method such as `crypt`, `peer` on a host record, `clientcert` outside `hostssl` or with a value the version rejects, options the method does not take, and syntax newer than the target version (regular expressions and include directives 16+, `\\` continuation 14+, `hostgssenc` 12+, `oauth` 18+).",
    invalid: ["host    all   all   10.0.0.0   scram-sha-256", "host    all   all   127.0.0.1/32   crypt"],
    valid: ["host    all   all   10.0.0.0/8   scram-sha-256", "host    all   all   10.0.0.0   255.0.0.0   scram-sha-256"],
    references: ["https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"],
    versions: "all; syntax differs by version"
  },
  check(ctx) {
    const out = floodGuard(ctx, "invalid records");
    const hba = ctx.cluster.hba;
    if (!hba) return;
    for (const line of hba.lines) {
      const p = line.problem;
      if (!p) continue;
      const outside = p.code === "not-allowed";
      out.report({
        loc: { file: p.file.path, start: p.start, end: p.end },
        message: outside ? `${p.message}: the file lies outside the checked root and was not read` : `${p.message}: PostgreSQL ${ctx.major} rejects this record, so the server refuses to start and a reload keeps the old rules`,
        help: outside ? void 0 : hbaHelp(p.message, ctx.major),
        ...outside ? { severity: "warning" } : {}
      });
    }
    if (hba.fileError && hba.lines.length === 0) {
      out.report({
        loc: { file: hba.file.path, start: 0, end: 0 },
        message: "pg_hba.conf contains no records: PostgreSQL refuses to start (every connection would be rejected)"
      });
    }
    out.flush();
  }
});

// rules/invalid-value.ts
var invalid_value_default = defineRule({
  name: "invalid-value",
  severity: "error",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "A value the target PostgreSQL version rejects",
    why: "PostgreSQL validates every value when it reads the file: a wrong type, an unknown or wrongly cased unit (`8mb`, `5m`), a number outside the allowed range, an unknown enum value, or a parameter that cannot be set in a file makes the server refuse to start; a reload skips just that setting and keeps the old value. Units are case-sensitive (`MB`, `kB`, `min`, `s`), and what is valid changes between versions.",
    invalid: ["work_mem = 8mb", "checkpoint_timeout = 5m", "max_connections = 0", "wal_level = 'logical '"],
    valid: ["work_mem = 8MB", "checkpoint_timeout = 5min", "max_connections = 200", "wal_level = logical"],
    references: [
      "https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-NAMES-VALUES"
    ],
    versions: "all; units B (11+), us (12+), fractional values with units (12+)"
  },
  check(ctx) {
    for (const a of ctx.cluster.assignments) {
      if (a.status !== "invalid" || a.ignored || !a.value || a.value.ok) continue;
      const v = a.line.value;
      const hint = a.value.hint ? ` (${a.value.hint.replace(/\.$/, "")})` : "";
      ctx.report({
        loc: { file: a.file.path, start: v.start, end: v.end },
        message: `${a.value.message}${hint}: PostgreSQL ${ctx.major} refuses to start with it`
      });
    }
  }
});

// rules/missing-include.ts
var missing_include_default = defineRule({
  name: "missing-include",
  severity: "error",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "An include that PostgreSQL cannot follow",
    why: "`include` and `include_dir` targets must exist (only `include_if_exists` may be missing): otherwise the server refuses to start and a reload ignores the whole file. Relative paths are resolved against the directory of the file that contains the directive, not the data directory. Include cycles and nesting deeper than 10 levels are errors too. Targets outside the checked repository are not read and are reported as a warning, because they cannot be verified.",
    invalid: ["include 'does-not-exist.conf'"],
    valid: ["include_if_exists 'does-not-exist.conf'"],
    references: ["https://www.postgresql.org/docs/current/config-setting.html#CONFIG-INCLUDES"],
    versions: "all"
  },
  check(ctx) {
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
        case "cycle":
          message = `${p.detail}: PostgreSQL fails with "maximum nesting depth exceeded" and refuses to start`;
          help = "Break the cycle: each file should be included once.";
          break;
        case "missing":
          message = `${p.message}: PostgreSQL refuses to start`;
          help = "Fix the path (relative paths start at the including file's directory), or use include_if_exists.";
          break;
        default:
          message = `${p.message}: PostgreSQL refuses to start`;
      }
      ctx.report({ loc: p.loc, message, help, ...severity ? { severity } : {} });
    }
  }
});

// rules/removed-setting.ts
var REPLACEMENTS = {
  checkpoint_segments: "use max_wal_size (and min_wal_size); max_wal_size \u2248 3 \xD7 checkpoint_segments \xD7 16MB",
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
var RECOVERY_ONLY = /* @__PURE__ */ new Set(["standby_mode", "trigger_file"]);
function versionFacts(name, major) {
  const key = name.toLowerCase();
  const majors = nameHistory()[key] ?? [];
  const older = majors.filter((m) => m < major);
  const newer = majors.filter((m) => m > major);
  if (older.length) return { kind: "removed", version: String(Math.max(...older)) };
  if (REMOVED_BEFORE_10[key]) return { kind: "removed", version: REMOVED_BEFORE_10[key] };
  if (RECOVERY_ONLY.has(key)) return { kind: "removed", version: "11 (recovery.conf)" };
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
  const fix = REPLACEMENTS[key];
  return {
    message: `${name} was removed after PostgreSQL ${facts.version}; PostgreSQL ${major} does not recognize it and refuses to start`,
    ...fix ? { help: fix[0].toUpperCase() + fix.slice(1) + "." } : {}
  };
}
var removed_setting_default = defineRule({
  name: "removed-setting",
  severity: "error",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "A parameter that the target PostgreSQL version no longer (or does not yet) have",
    why: "An unrecognized parameter name in postgresql.conf is fatal at startup and makes a reload ignore the whole file. Upgrades are where this bites: wal_keep_segments became wal_keep_size in 13, force_parallel_mode became debug_parallel_query in 16, checkpoint_segments was replaced by max_wal_size in 9.5.",
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
      ctx.report({ loc: { file: a.file.path, start: a.line.nameStart, end: a.line.nameEnd }, message, help });
    }
  }
});

// rules/syntax-error.ts
function syntaxHelp(lineText, token2) {
  const value = lineText.replace(/^[^=]*=\s*/, "").replace(/\s*#.*$/, "");
  if (token2 === null) return "Give the parameter a value: an unquoted word or number, or a quoted string.";
  if (token2.startsWith('"')) return "Quote values with single quotes: PostgreSQL does not accept double quotes in postgresql.conf.";
  if (/^[/*$.,]/.test(token2) || /\s/.test(value.trim()) || /^\d+(\.\d+)?[A-Za-z]+/.test(token2)) {
    return `Quote the whole value with single quotes, e.g. '${value.trim().replace(/'/g, "''")}'.`;
  }
  return "Quote values that contain spaces, slashes, dots, commas or other special characters, and put one setting per line.";
}
var syntax_error_default = defineRule({
  name: "syntax-error",
  severity: "error",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf", "recovery.conf", "pg_ident.conf"],
  docs: {
    summary: "A line PostgreSQL cannot parse",
    why: "PostgreSQL refuses to start when postgresql.conf (or a file it includes) has a syntax error, and on reload it ignores the whole file, so none of the other changes take effect either. Common causes are unquoted values with spaces, slashes or dots (`/var/run`, `pg_catalog.english`, `8 MB`), double quotes, and fractional numbers with units (`1.5MB`).",
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
      const line = conf?.lines[p.lineNumber - 1];
      const token2 = line?.kind === "error" ? line.token?.text ?? null : null;
      const where = line?.kind === "error" ? line.near : "";
      out.report({
        loc: p.loc,
        message: where ? `syntax error ${where}: PostgreSQL refuses to start with this file, and a reload ignores the whole file` : `${p.message}: PostgreSQL stops reading the file here`,
        help: line ? syntaxHelp(p.file.text.slice(line.start, line.end), token2) : void 0
      });
    }
    for (const line of ctx.cluster.ident?.lines ?? []) {
      const p = line.problem;
      if (!p) continue;
      out.report({
        loc: { file: p.file.path, start: p.start, end: p.end },
        message: p.code === "not-allowed" ? `${p.message}: the file lies outside the checked root and was not read` : `${p.message}: PostgreSQL rejects pg_ident.conf as a whole, so no user name maps apply`,
        ...p.code === "not-allowed" ? { severity: "warning" } : {}
      });
    }
    const rec = ctx.cluster.recovery;
    if (rec) {
      for (const line of rec.lines) {
        if (line.kind !== "error") continue;
        out.report({
          loc: line.token ? { file: rec.file.path, start: line.token.start, end: line.token.end } : { file: rec.file.path, start: line.end, end: line.end },
          message: `syntax error ${line.near}: the server cannot read recovery.conf`,
          help: syntaxHelp(rec.file.text.slice(line.start, line.end), line.token?.text ?? null)
        });
      }
    }
    out.flush();
  }
});

// rules/unknown-setting.ts
var unknown_setting_default = defineRule({
  name: "unknown-setting",
  severity: "error",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "A parameter name PostgreSQL does not know",
    why: "PostgreSQL refuses to start when postgresql.conf sets a parameter it does not recognize, and a reload ignores the whole file. A typo therefore either takes the server down at the next restart or silently keeps every other change in the file from applying. Two-part names (`myext.setting`) are custom settings and are accepted without checking.",
    invalid: ["logical_decoding_work_memo = 64MB", "shared_buffer = 1GB"],
    valid: ["logical_decoding_work_mem = 64MB", "pg_stat_statements.max = 10000"],
    references: ["https://www.postgresql.org/docs/current/config-setting.html"],
    versions: "all"
  },
  check(ctx) {
    for (const a of ctx.cluster.assignments) {
      if (a.status !== "unknown" || versionFacts(a.line.name, ctx.major)) continue;
      const loc = { file: a.file.path, start: a.line.nameStart, end: a.line.nameEnd };
      const name = a.line.name;
      if (name.startsWith("\uFEFF")) {
        ctx.report({
          loc,
          message: `the file starts with a UTF-8 byte order mark, which PostgreSQL reads as part of the name "${name.slice(1)}": unrecognized parameter, the server refuses to start`,
          help: "Save the file as UTF-8 without a byte order mark (BOM)."
        });
        continue;
      }
      const [best] = closestNames(ctx.catalog, name, 1);
      ctx.report({
        loc,
        message: `unrecognized configuration parameter "${name}": PostgreSQL ${ctx.major} refuses to start with it`,
        help: best ? `Did you mean "${best}"?` : "Check the spelling against the documentation for this version."
      });
    }
  }
});

// rules/unreadable-file.ts
var unreadable_file_default = defineRule({
  name: "unreadable-file",
  severity: "error",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf", "pg_hba.conf", "pg_ident.conf", "recovery.conf"],
  docs: {
    summary: "A configuration file that could not be read",
    why: "A configuration file that cannot be read (permissions, a directory or device where a file is expected, or a file larger than the size limit) cannot be checked, and PostgreSQL would not be able to read it either. The rest of the repository is still checked.",
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
  }
});

// rules/index.ts
var RULES = [
  syntax_error_default,
  unknown_setting_default,
  removed_setting_default,
  invalid_value_default,
  duplicate_setting_default,
  missing_include_default,
  hba_invalid_record_default,
  unreadable_file_default
];

// src/api.ts
var SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };
function compareDiagnostics(a, b) {
  if (a.loc.file !== b.loc.file) return a.loc.file < b.loc.file ? -1 : 1;
  if (a.loc.start !== b.loc.start) return a.loc.start - b.loc.start;
  if (a.severity !== b.severity) return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}
function hostFor(options) {
  return options.host ?? nodeHost({ cwd: options.cwd, root: options.root, maxFileBytes: options.maxFileBytes });
}
function resolveAll(paths, options = {}) {
  const host = hostFor(options);
  const found = discover(host, paths, { pgVersion: options.pgVersion });
  const cache = /* @__PURE__ */ new Map();
  const clusters = found.clusters.map((c) => resolveCluster(host, c, cache));
  return { host, clusters, errors: found.errors };
}
function lint(paths, options = {}, rules = RULES) {
  const { host, clusters, errors } = resolveAll(paths, options);
  const diagnostics = [];
  const files = [];
  const sources = /* @__PURE__ */ new Map();
  for (const cluster of clusters) {
    for (const f of cluster.input.files) files.push({ path: host.display(f.abs), kind: f.kind, pgVersion: cluster.input.major });
    for (const [p, s] of cluster.sources) sources.set(p, s);
    for (const rule of rules) {
      const sev = options.rules?.[rule.name] ?? rule.severity;
      if (sev === "off") continue;
      diagnostics.push(...runRule(rule, cluster, sev));
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
  return { files, diagnostics: unique, clusters, sources, errors };
}
function readSettings(paths, options = {}) {
  const { host, clusters, errors } = resolveAll(paths, options);
  const results = clusters.filter((c) => c.conf).map((c) => ({ cluster: host.display(c.input.dir), pgVersion: c.input.major, rows: settingsRows(c) }));
  return { results, errors };
}
function hbaRows(host, hba) {
  const rows = hbaFileRules(hba);
  return rows.map((row, i) => {
    const line = hba.lines[i];
    return {
      ...row,
      ...row.file_name !== void 0 ? { file_name: host.display(row.file_name) } : {},
      error: row.error ?? line.problem?.message ?? null
    };
  });
}
function readHba(paths, options = {}) {
  const { host, clusters, errors } = resolveAll(paths, options);
  const results = clusters.flatMap(
    (c) => c.hba ? [{ cluster: host.display(c.input.dir), file: c.hba.file.path, pgVersion: c.input.major, rows: hbaRows(host, c.hba) }] : []
  );
  return { results, errors };
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
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

// src/report/json.ts
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

// src/report/text.ts
var codes = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1 };
function formatText(result, opts) {
  const paint = (c, s2) => opts.color ? `\x1B[${codes[c]}m${s2}\x1B[0m` : s2;
  const sevColor = { error: "red", warning: "yellow", info: "blue" };
  const out = [];
  const shown = result.diagnostics.filter((d) => !d.suppressed);
  let current;
  for (const d of shown) {
    if (current !== void 0 && d.loc.file !== current) out.push("");
    current = d.loc.file;
    const { line, column } = locate(d, result.sources);
    const where = paint("bold", `${safeTerminalText(d.loc.file)}:${line}:${column}`);
    const sev = paint(sevColor[d.severity], d.severity);
    out.push(`${where}  ${sev}  ${safeTerminalText(d.message)}  ${paint("gray", d.rule)}`);
    if (d.help) out.push(`  ${paint("gray", "\u21B3 " + safeTerminalText(d.help))}`);
  }
  const s = summarize(result.diagnostics);
  const total = s.error + s.warning + s.info;
  const clusters = result.clusters.length;
  if (out.length) out.push("");
  if (total === 0) {
    out.push(`No problems found in ${plural(result.files.length, "file")} (${plural(clusters, "cluster")}).`);
  } else {
    const line = `${plural(total, "problem")} (${plural(s.error, "error")}, ${plural(s.warning, "warning")}, ${plural(s.info, "info")}) in ${plural(result.files.length, "file")}`;
    out.push(paint("bold", (s.error ? "\u2716 " : "\u26A0 ") + line));
  }
  const suppressed = result.diagnostics.length - shown.length;
  if (suppressed) out.push(paint("gray", `${suppressed} suppressed.`));
  return out.join("\n") + "\n";
}

// src/report/settings.ts
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [fmt(header), fmt(widths.map((w) => "-".repeat(w))), ...rows.map(fmt)].join("\n");
}
function formatSettingsText(results) {
  return results.map((r) => {
    const rows = r.rows.map((row) => [
      `${row.sourcefile}:${row.sourceline}`,
      String(row.seqno),
      safeTerminalText(row.name ?? ""),
      safeTerminalText(row.setting ?? ""),
      row.canonical === null ? "" : safeTerminalText(row.canonical),
      row.applied ? "t" : "f",
      safeTerminalText(row.error ?? "")
    ]);
    return `# ${r.cluster} (PostgreSQL ${r.pgVersion})
` + table(["source", "seqno", "name", "setting", "canonical", "applied", "error"], rows);
  }).join("\n\n") + "\n";
}

// src/report/hba.ts
var list = (v) => v === null ? "" : v.join(",");
function formatHbaText(results) {
  return results.map((r) => {
    const rows = r.rows.map(
      (row) => [
        String(row.rule_number ?? ""),
        `${row.file_name ?? r.file}:${row.line_number}`,
        row.type ?? "",
        list(row.database),
        list(row.user_name),
        row.address ?? "",
        row.netmask ?? "",
        row.auth_method ?? "",
        list(row.options),
        row.error ?? ""
      ].map(safeTerminalText)
    );
    return `# ${r.file} (PostgreSQL ${r.pgVersion})
` + table(["rule", "source", "type", "database", "user_name", "address", "netmask", "auth_method", "options", "error"], rows);
  }).join("\n\n") + "\n";
}

// src/version.ts
var VERSION = "0.1.0";

// src/types.ts
var SEVERITIES = ["error", "warning", "info"];

// src/cli-main.ts
var USAGE = `Usage: pgconf-lint [check] [PATH...] [options]
       pgconf-lint settings PATH... [--format text|json]
       pgconf-lint hba PATH... [--format text|json]
       pgconf-lint rules [--format text|json]

Lints PostgreSQL configuration (postgresql.conf and its includes, postgresql.auto.conf,
pg_hba.conf, pg_ident.conf, recovery.conf) exactly as PostgreSQL reads it.

Options:
  --pg-version N        target PostgreSQL major (${SUPPORTED_MAJORS[0]}\u2013${SUPPORTED_MAJORS[SUPPORTED_MAJORS.length - 1]}) for every cluster
  --format FORMAT       text (default) or json
  --output FILE         write the report to FILE instead of standard output
  --fail-on LEVEL       error (default), warning, info or never: exit 1 at or above LEVEL
  --rule NAME=LEVEL     set a rule's severity: off, info, warning or error (repeatable)
  --root DIR            never read files outside DIR (default: the working directory)
  --max-file-size N     skip files larger than N bytes (default 67108864)
  --color, --no-color   force or disable colour (default: colour on a terminal)
  --debug               print stack traces for internal errors
  -h, --help            show this help
  -v, --version         print the version

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage error or internal error.`;
var UsageError = class extends Error {
};
function parseArgs(argv) {
  const args = { command: "check", paths: [], format: "text", failOn: "error", rules: {}, debug: false };
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
        if (f !== "text" && f !== "json") throw new UsageError(`--format must be text or json, not "${f}"`);
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
        const spec = value(flag, inline);
        const m = /^([a-z0-9-]+)=(off|info|warning|error)$/.exec(spec);
        if (!m) throw new UsageError(`--rule takes NAME=off|info|warning|error, not "${spec}"`);
        if (!RULES.some((r) => r.name === m[1])) throw new UsageError(`unknown rule "${m[1]}" (see pgconf-lint rules)`);
        args.rules[m[1]] = m[2];
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
      case "--root":
        args.root = value(flag, inline);
        break;
      case "--max-file-size": {
        const v = value(flag, inline);
        if (!/^\d+$/.test(v) || Number(v) <= 0) throw new UsageError(`--max-file-size takes a number of bytes, not "${v}"`);
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
var RANK = { info: 0, warning: 1, error: 2 };
function main(argv) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`pgconf-lint: ${err.message}
`);
      return 2;
    }
    throw err;
  }
  try {
    return run(args);
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
function emit(args, text) {
  if (args.output) {
    try {
      writeFileSync(args.output, text);
    } catch (err) {
      const code = err.code;
      throw new UsageError(`cannot write --output ${args.output}: ${code ?? String(err)}`);
    }
  } else process.stdout.write(text);
}
function run(args) {
  if (args.command === "help") {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (args.command === "version") {
    process.stdout.write(VERSION + "\n");
    return 0;
  }
  if (args.command === "rules") {
    const rows = RULES.map((r) => ({ name: r.name, severity: r.severity, summary: r.docs.summary }));
    if (args.format === "json") emit(args, JSON.stringify(rows, null, 2) + "\n");
    else {
      const w = Math.max(...rows.map((r) => r.name.length));
      emit(args, rows.map((r) => `${r.name.padEnd(w)}  ${r.severity.padEnd(7)}  ${r.summary}`).join("\n") + "\n");
    }
    return 0;
  }
  const options = {
    ...args.pgVersion ? { pgVersion: args.pgVersion } : {},
    ...args.root ? { root: args.root } : {},
    ...args.maxFileBytes ? { maxFileBytes: args.maxFileBytes } : {},
    rules: args.rules
  };
  const failOnErrors = (errors) => {
    if (errors.length) throw new UsageError(errors[0]);
  };
  if (args.command === "settings") {
    if (!args.paths.length) throw new UsageError("settings needs a file or directory");
    const { results, errors } = readSettings(args.paths, options);
    failOnErrors(errors);
    emit(args, args.format === "json" ? JSON.stringify(results.flatMap((r) => r.rows.map((row) => ({ ...row, cluster: r.cluster, pgVersion: r.pgVersion }))), null, 2) + "\n" : formatSettingsText(results));
    return 0;
  }
  if (args.command === "hba") {
    if (!args.paths.length) throw new UsageError("hba needs a file or directory");
    const { results, errors } = readHba(args.paths, options);
    failOnErrors(errors);
    emit(args, args.format === "json" ? JSON.stringify(results.flatMap((r) => r.rows.map((row) => ({ ...row, cluster: r.cluster, pgVersion: r.pgVersion }))), null, 2) + "\n" : formatHbaText(results));
    return 0;
  }
  const result = lint(args.paths, options);
  failOnErrors(result.errors);
  emit(args, args.format === "json" ? formatJson(result) : formatText(result, { color: useColor(args, Boolean(args.output)) }));
  if (args.failOn === "never") return 0;
  const threshold = RANK[args.failOn];
  return result.diagnostics.some((d) => !d.suppressed && RANK[d.severity] >= threshold) ? 1 : 0;
}

// src/cli.ts
process.exitCode = main(process.argv.slice(2));
