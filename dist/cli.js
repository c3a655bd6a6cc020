#!/usr/bin/env node
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

// node_modules/ajv/dist/compile/codegen/code.js
var require_code = __commonJS({
  "node_modules/ajv/dist/compile/codegen/code.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.regexpCode = exports.getEsmExportName = exports.getProperty = exports.safeStringify = exports.stringify = exports.strConcat = exports.addCodeArg = exports.str = exports._ = exports.nil = exports._Code = exports.Name = exports.IDENTIFIER = exports._CodeOrName = void 0;
    var _CodeOrName = class {
    };
    exports._CodeOrName = _CodeOrName;
    exports.IDENTIFIER = /^[a-z$_][a-z$_0-9]*$/i;
    var Name = class extends _CodeOrName {
      constructor(s) {
        super();
        if (!exports.IDENTIFIER.test(s))
          throw new Error("CodeGen: name must be a valid identifier");
        this.str = s;
      }
      toString() {
        return this.str;
      }
      emptyStr() {
        return false;
      }
      get names() {
        return { [this.str]: 1 };
      }
    };
    exports.Name = Name;
    var _Code = class extends _CodeOrName {
      constructor(code) {
        super();
        this._items = typeof code === "string" ? [code] : code;
      }
      toString() {
        return this.str;
      }
      emptyStr() {
        if (this._items.length > 1)
          return false;
        const item = this._items[0];
        return item === "" || item === '""';
      }
      get str() {
        var _a;
        return (_a = this._str) !== null && _a !== void 0 ? _a : this._str = this._items.reduce((s, c) => `${s}${c}`, "");
      }
      get names() {
        var _a;
        return (_a = this._names) !== null && _a !== void 0 ? _a : this._names = this._items.reduce((names, c) => {
          if (c instanceof Name)
            names[c.str] = (names[c.str] || 0) + 1;
          return names;
        }, {});
      }
    };
    exports._Code = _Code;
    exports.nil = new _Code("");
    function _(strs, ...args) {
      const code = [strs[0]];
      let i = 0;
      while (i < args.length) {
        addCodeArg(code, args[i]);
        code.push(strs[++i]);
      }
      return new _Code(code);
    }
    exports._ = _;
    var plus = new _Code("+");
    function str(strs, ...args) {
      const expr = [safeStringify(strs[0])];
      let i = 0;
      while (i < args.length) {
        expr.push(plus);
        addCodeArg(expr, args[i]);
        expr.push(plus, safeStringify(strs[++i]));
      }
      optimize(expr);
      return new _Code(expr);
    }
    exports.str = str;
    function addCodeArg(code, arg) {
      if (arg instanceof _Code)
        code.push(...arg._items);
      else if (arg instanceof Name)
        code.push(arg);
      else
        code.push(interpolate(arg));
    }
    exports.addCodeArg = addCodeArg;
    function optimize(expr) {
      let i = 1;
      while (i < expr.length - 1) {
        if (expr[i] === plus) {
          const res = mergeExprItems(expr[i - 1], expr[i + 1]);
          if (res !== void 0) {
            expr.splice(i - 1, 3, res);
            continue;
          }
          expr[i++] = "+";
        }
        i++;
      }
    }
    function mergeExprItems(a, b) {
      if (b === '""')
        return a;
      if (a === '""')
        return b;
      if (typeof a == "string") {
        if (b instanceof Name || a[a.length - 1] !== '"')
          return;
        if (typeof b != "string")
          return `${a.slice(0, -1)}${b}"`;
        if (b[0] === '"')
          return a.slice(0, -1) + b.slice(1);
        return;
      }
      if (typeof b == "string" && b[0] === '"' && !(a instanceof Name))
        return `"${a}${b.slice(1)}`;
      return;
    }
    function strConcat(c1, c2) {
      return c2.emptyStr() ? c1 : c1.emptyStr() ? c2 : str`${c1}${c2}`;
    }
    exports.strConcat = strConcat;
    function interpolate(x) {
      return typeof x == "number" || typeof x == "boolean" || x === null ? x : safeStringify(Array.isArray(x) ? x.join(",") : x);
    }
    function stringify(x) {
      return new _Code(safeStringify(x));
    }
    exports.stringify = stringify;
    function safeStringify(x) {
      return JSON.stringify(x).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
    }
    exports.safeStringify = safeStringify;
    function getProperty(key) {
      return typeof key == "string" && exports.IDENTIFIER.test(key) ? new _Code(`.${key}`) : _`[${key}]`;
    }
    exports.getProperty = getProperty;
    function getEsmExportName(key) {
      if (typeof key == "string" && exports.IDENTIFIER.test(key)) {
        return new _Code(`${key}`);
      }
      throw new Error(`CodeGen: invalid export name: ${key}, use explicit $id name mapping`);
    }
    exports.getEsmExportName = getEsmExportName;
    function regexpCode(rx) {
      return new _Code(rx.toString());
    }
    exports.regexpCode = regexpCode;
  }
});

// node_modules/ajv/dist/compile/codegen/scope.js
var require_scope = __commonJS({
  "node_modules/ajv/dist/compile/codegen/scope.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.ValueScope = exports.ValueScopeName = exports.Scope = exports.varKinds = exports.UsedValueState = void 0;
    var code_1 = require_code();
    var ValueError = class extends Error {
      constructor(name) {
        super(`CodeGen: "code" for ${name} not defined`);
        this.value = name.value;
      }
    };
    var UsedValueState;
    (function(UsedValueState2) {
      UsedValueState2[UsedValueState2["Started"] = 0] = "Started";
      UsedValueState2[UsedValueState2["Completed"] = 1] = "Completed";
    })(UsedValueState || (exports.UsedValueState = UsedValueState = {}));
    exports.varKinds = {
      const: new code_1.Name("const"),
      let: new code_1.Name("let"),
      var: new code_1.Name("var")
    };
    var Scope = class {
      constructor({ prefixes, parent } = {}) {
        this._names = {};
        this._prefixes = prefixes;
        this._parent = parent;
      }
      toName(nameOrPrefix) {
        return nameOrPrefix instanceof code_1.Name ? nameOrPrefix : this.name(nameOrPrefix);
      }
      name(prefix) {
        return new code_1.Name(this._newName(prefix));
      }
      _newName(prefix) {
        const ng = this._names[prefix] || this._nameGroup(prefix);
        return `${prefix}${ng.index++}`;
      }
      _nameGroup(prefix) {
        var _a, _b;
        if (((_b = (_a = this._parent) === null || _a === void 0 ? void 0 : _a._prefixes) === null || _b === void 0 ? void 0 : _b.has(prefix)) || this._prefixes && !this._prefixes.has(prefix)) {
          throw new Error(`CodeGen: prefix "${prefix}" is not allowed in this scope`);
        }
        return this._names[prefix] = { prefix, index: 0 };
      }
    };
    exports.Scope = Scope;
    var ValueScopeName = class extends code_1.Name {
      constructor(prefix, nameStr) {
        super(nameStr);
        this.prefix = prefix;
      }
      setValue(value, { property, itemIndex }) {
        this.value = value;
        this.scopePath = (0, code_1._)`.${new code_1.Name(property)}[${itemIndex}]`;
      }
    };
    exports.ValueScopeName = ValueScopeName;
    var line = (0, code_1._)`\n`;
    var ValueScope = class extends Scope {
      constructor(opts) {
        super(opts);
        this._values = {};
        this._scope = opts.scope;
        this.opts = { ...opts, _n: opts.lines ? line : code_1.nil };
      }
      get() {
        return this._scope;
      }
      name(prefix) {
        return new ValueScopeName(prefix, this._newName(prefix));
      }
      value(nameOrPrefix, value) {
        var _a;
        if (value.ref === void 0)
          throw new Error("CodeGen: ref must be passed in value");
        const name = this.toName(nameOrPrefix);
        const { prefix } = name;
        const valueKey = (_a = value.key) !== null && _a !== void 0 ? _a : value.ref;
        let vs = this._values[prefix];
        if (vs) {
          const _name = vs.get(valueKey);
          if (_name)
            return _name;
        } else {
          vs = this._values[prefix] = /* @__PURE__ */ new Map();
        }
        vs.set(valueKey, name);
        const s = this._scope[prefix] || (this._scope[prefix] = []);
        const itemIndex = s.length;
        s[itemIndex] = value.ref;
        name.setValue(value, { property: prefix, itemIndex });
        return name;
      }
      getValue(prefix, keyOrRef) {
        const vs = this._values[prefix];
        if (!vs)
          return;
        return vs.get(keyOrRef);
      }
      scopeRefs(scopeName, values = this._values) {
        return this._reduceValues(values, (name) => {
          if (name.scopePath === void 0)
            throw new Error(`CodeGen: name "${name}" has no value`);
          return (0, code_1._)`${scopeName}${name.scopePath}`;
        });
      }
      scopeCode(values = this._values, usedValues, getCode) {
        return this._reduceValues(values, (name) => {
          if (name.value === void 0)
            throw new Error(`CodeGen: name "${name}" has no value`);
          return name.value.code;
        }, usedValues, getCode);
      }
      _reduceValues(values, valueCode, usedValues = {}, getCode) {
        let code = code_1.nil;
        for (const prefix in values) {
          const vs = values[prefix];
          if (!vs)
            continue;
          const nameSet = usedValues[prefix] = usedValues[prefix] || /* @__PURE__ */ new Map();
          vs.forEach((name) => {
            if (nameSet.has(name))
              return;
            nameSet.set(name, UsedValueState.Started);
            let c = valueCode(name);
            if (c) {
              const def = this.opts.es5 ? exports.varKinds.var : exports.varKinds.const;
              code = (0, code_1._)`${code}${def} ${name} = ${c};${this.opts._n}`;
            } else if (c = getCode === null || getCode === void 0 ? void 0 : getCode(name)) {
              code = (0, code_1._)`${code}${c}${this.opts._n}`;
            } else {
              throw new ValueError(name);
            }
            nameSet.set(name, UsedValueState.Completed);
          });
        }
        return code;
      }
    };
    exports.ValueScope = ValueScope;
  }
});

// node_modules/ajv/dist/compile/codegen/index.js
var require_codegen = __commonJS({
  "node_modules/ajv/dist/compile/codegen/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.or = exports.and = exports.not = exports.CodeGen = exports.operators = exports.varKinds = exports.ValueScopeName = exports.ValueScope = exports.Scope = exports.Name = exports.regexpCode = exports.stringify = exports.getProperty = exports.nil = exports.strConcat = exports.str = exports._ = void 0;
    var code_1 = require_code();
    var scope_1 = require_scope();
    var code_2 = require_code();
    Object.defineProperty(exports, "_", { enumerable: true, get: function() {
      return code_2._;
    } });
    Object.defineProperty(exports, "str", { enumerable: true, get: function() {
      return code_2.str;
    } });
    Object.defineProperty(exports, "strConcat", { enumerable: true, get: function() {
      return code_2.strConcat;
    } });
    Object.defineProperty(exports, "nil", { enumerable: true, get: function() {
      return code_2.nil;
    } });
    Object.defineProperty(exports, "getProperty", { enumerable: true, get: function() {
      return code_2.getProperty;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: true, get: function() {
      return code_2.stringify;
    } });
    Object.defineProperty(exports, "regexpCode", { enumerable: true, get: function() {
      return code_2.regexpCode;
    } });
    Object.defineProperty(exports, "Name", { enumerable: true, get: function() {
      return code_2.Name;
    } });
    var scope_2 = require_scope();
    Object.defineProperty(exports, "Scope", { enumerable: true, get: function() {
      return scope_2.Scope;
    } });
    Object.defineProperty(exports, "ValueScope", { enumerable: true, get: function() {
      return scope_2.ValueScope;
    } });
    Object.defineProperty(exports, "ValueScopeName", { enumerable: true, get: function() {
      return scope_2.ValueScopeName;
    } });
    Object.defineProperty(exports, "varKinds", { enumerable: true, get: function() {
      return scope_2.varKinds;
    } });
    exports.operators = {
      GT: new code_1._Code(">"),
      GTE: new code_1._Code(">="),
      LT: new code_1._Code("<"),
      LTE: new code_1._Code("<="),
      EQ: new code_1._Code("==="),
      NEQ: new code_1._Code("!=="),
      NOT: new code_1._Code("!"),
      OR: new code_1._Code("||"),
      AND: new code_1._Code("&&"),
      ADD: new code_1._Code("+")
    };
    var Node = class {
      optimizeNodes() {
        return this;
      }
      optimizeNames(_names, _constants) {
        return this;
      }
    };
    var Def = class extends Node {
      constructor(varKind, name, rhs) {
        super();
        this.varKind = varKind;
        this.name = name;
        this.rhs = rhs;
      }
      render({ es5, _n }) {
        const varKind = es5 ? scope_1.varKinds.var : this.varKind;
        const rhs = this.rhs === void 0 ? "" : ` = ${this.rhs}`;
        return `${varKind} ${this.name}${rhs};` + _n;
      }
      optimizeNames(names, constants) {
        if (!names[this.name.str])
          return;
        if (this.rhs)
          this.rhs = optimizeExpr(this.rhs, names, constants);
        return this;
      }
      get names() {
        return this.rhs instanceof code_1._CodeOrName ? this.rhs.names : {};
      }
    };
    var Assign = class extends Node {
      constructor(lhs, rhs, sideEffects) {
        super();
        this.lhs = lhs;
        this.rhs = rhs;
        this.sideEffects = sideEffects;
      }
      render({ _n }) {
        return `${this.lhs} = ${this.rhs};` + _n;
      }
      optimizeNames(names, constants) {
        if (this.lhs instanceof code_1.Name && !names[this.lhs.str] && !this.sideEffects)
          return;
        this.rhs = optimizeExpr(this.rhs, names, constants);
        return this;
      }
      get names() {
        const names = this.lhs instanceof code_1.Name ? {} : { ...this.lhs.names };
        return addExprNames(names, this.rhs);
      }
    };
    var AssignOp = class extends Assign {
      constructor(lhs, op, rhs, sideEffects) {
        super(lhs, rhs, sideEffects);
        this.op = op;
      }
      render({ _n }) {
        return `${this.lhs} ${this.op}= ${this.rhs};` + _n;
      }
    };
    var Label = class extends Node {
      constructor(label) {
        super();
        this.label = label;
        this.names = {};
      }
      render({ _n }) {
        return `${this.label}:` + _n;
      }
    };
    var Break = class extends Node {
      constructor(label) {
        super();
        this.label = label;
        this.names = {};
      }
      render({ _n }) {
        const label = this.label ? ` ${this.label}` : "";
        return `break${label};` + _n;
      }
    };
    var Throw = class extends Node {
      constructor(error) {
        super();
        this.error = error;
      }
      render({ _n }) {
        return `throw ${this.error};` + _n;
      }
      get names() {
        return this.error.names;
      }
    };
    var AnyCode = class extends Node {
      constructor(code) {
        super();
        this.code = code;
      }
      render({ _n }) {
        return `${this.code};` + _n;
      }
      optimizeNodes() {
        return `${this.code}` ? this : void 0;
      }
      optimizeNames(names, constants) {
        this.code = optimizeExpr(this.code, names, constants);
        return this;
      }
      get names() {
        return this.code instanceof code_1._CodeOrName ? this.code.names : {};
      }
    };
    var ParentNode = class extends Node {
      constructor(nodes = []) {
        super();
        this.nodes = nodes;
      }
      render(opts) {
        return this.nodes.reduce((code, n) => code + n.render(opts), "");
      }
      optimizeNodes() {
        const { nodes } = this;
        let i = nodes.length;
        while (i--) {
          const n = nodes[i].optimizeNodes();
          if (Array.isArray(n))
            nodes.splice(i, 1, ...n);
          else if (n)
            nodes[i] = n;
          else
            nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : void 0;
      }
      optimizeNames(names, constants) {
        const { nodes } = this;
        let i = nodes.length;
        while (i--) {
          const n = nodes[i];
          if (n.optimizeNames(names, constants))
            continue;
          subtractNames(names, n.names);
          nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : void 0;
      }
      get names() {
        return this.nodes.reduce((names, n) => addNames(names, n.names), {});
      }
    };
    var BlockNode = class extends ParentNode {
      render(opts) {
        return "{" + opts._n + super.render(opts) + "}" + opts._n;
      }
    };
    var Root = class extends ParentNode {
    };
    var Else = class extends BlockNode {
    };
    Else.kind = "else";
    var If = class _If extends BlockNode {
      constructor(condition, nodes) {
        super(nodes);
        this.condition = condition;
      }
      render(opts) {
        let code = `if(${this.condition})` + super.render(opts);
        if (this.else)
          code += "else " + this.else.render(opts);
        return code;
      }
      optimizeNodes() {
        super.optimizeNodes();
        const cond = this.condition;
        if (cond === true)
          return this.nodes;
        let e = this.else;
        if (e) {
          const ns = e.optimizeNodes();
          e = this.else = Array.isArray(ns) ? new Else(ns) : ns;
        }
        if (e) {
          if (cond === false)
            return e instanceof _If ? e : e.nodes;
          if (this.nodes.length)
            return this;
          return new _If(not(cond), e instanceof _If ? [e] : e.nodes);
        }
        if (cond === false || !this.nodes.length)
          return void 0;
        return this;
      }
      optimizeNames(names, constants) {
        var _a;
        this.else = (_a = this.else) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants);
        if (!(super.optimizeNames(names, constants) || this.else))
          return;
        this.condition = optimizeExpr(this.condition, names, constants);
        return this;
      }
      get names() {
        const names = super.names;
        addExprNames(names, this.condition);
        if (this.else)
          addNames(names, this.else.names);
        return names;
      }
    };
    If.kind = "if";
    var For = class extends BlockNode {
    };
    For.kind = "for";
    var ForLoop = class extends For {
      constructor(iteration) {
        super();
        this.iteration = iteration;
      }
      render(opts) {
        return `for(${this.iteration})` + super.render(opts);
      }
      optimizeNames(names, constants) {
        if (!super.optimizeNames(names, constants))
          return;
        this.iteration = optimizeExpr(this.iteration, names, constants);
        return this;
      }
      get names() {
        return addNames(super.names, this.iteration.names);
      }
    };
    var ForRange = class extends For {
      constructor(varKind, name, from, to) {
        super();
        this.varKind = varKind;
        this.name = name;
        this.from = from;
        this.to = to;
      }
      render(opts) {
        const varKind = opts.es5 ? scope_1.varKinds.var : this.varKind;
        const { name, from, to } = this;
        return `for(${varKind} ${name}=${from}; ${name}<${to}; ${name}++)` + super.render(opts);
      }
      get names() {
        const names = addExprNames(super.names, this.from);
        return addExprNames(names, this.to);
      }
    };
    var ForIter = class extends For {
      constructor(loop, varKind, name, iterable) {
        super();
        this.loop = loop;
        this.varKind = varKind;
        this.name = name;
        this.iterable = iterable;
      }
      render(opts) {
        return `for(${this.varKind} ${this.name} ${this.loop} ${this.iterable})` + super.render(opts);
      }
      optimizeNames(names, constants) {
        if (!super.optimizeNames(names, constants))
          return;
        this.iterable = optimizeExpr(this.iterable, names, constants);
        return this;
      }
      get names() {
        return addNames(super.names, this.iterable.names);
      }
    };
    var Func = class extends BlockNode {
      constructor(name, args, async) {
        super();
        this.name = name;
        this.args = args;
        this.async = async;
      }
      render(opts) {
        const _async = this.async ? "async " : "";
        return `${_async}function ${this.name}(${this.args})` + super.render(opts);
      }
    };
    Func.kind = "func";
    var Return = class extends ParentNode {
      render(opts) {
        return "return " + super.render(opts);
      }
    };
    Return.kind = "return";
    var Try = class extends BlockNode {
      render(opts) {
        let code = "try" + super.render(opts);
        if (this.catch)
          code += this.catch.render(opts);
        if (this.finally)
          code += this.finally.render(opts);
        return code;
      }
      optimizeNodes() {
        var _a, _b;
        super.optimizeNodes();
        (_a = this.catch) === null || _a === void 0 ? void 0 : _a.optimizeNodes();
        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNodes();
        return this;
      }
      optimizeNames(names, constants) {
        var _a, _b;
        super.optimizeNames(names, constants);
        (_a = this.catch) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants);
        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNames(names, constants);
        return this;
      }
      get names() {
        const names = super.names;
        if (this.catch)
          addNames(names, this.catch.names);
        if (this.finally)
          addNames(names, this.finally.names);
        return names;
      }
    };
    var Catch = class extends BlockNode {
      constructor(error) {
        super();
        this.error = error;
      }
      render(opts) {
        return `catch(${this.error})` + super.render(opts);
      }
    };
    Catch.kind = "catch";
    var Finally = class extends BlockNode {
      render(opts) {
        return "finally" + super.render(opts);
      }
    };
    Finally.kind = "finally";
    var CodeGen = class {
      constructor(extScope, opts = {}) {
        this._values = {};
        this._blockStarts = [];
        this._constants = {};
        this.opts = { ...opts, _n: opts.lines ? "\n" : "" };
        this._extScope = extScope;
        this._scope = new scope_1.Scope({ parent: extScope });
        this._nodes = [new Root()];
      }
      toString() {
        return this._root.render(this.opts);
      }
      // returns unique name in the internal scope
      name(prefix) {
        return this._scope.name(prefix);
      }
      // reserves unique name in the external scope
      scopeName(prefix) {
        return this._extScope.name(prefix);
      }
      // reserves unique name in the external scope and assigns value to it
      scopeValue(prefixOrName, value) {
        const name = this._extScope.value(prefixOrName, value);
        const vs = this._values[name.prefix] || (this._values[name.prefix] = /* @__PURE__ */ new Set());
        vs.add(name);
        return name;
      }
      getScopeValue(prefix, keyOrRef) {
        return this._extScope.getValue(prefix, keyOrRef);
      }
      // return code that assigns values in the external scope to the names that are used internally
      // (same names that were returned by gen.scopeName or gen.scopeValue)
      scopeRefs(scopeName) {
        return this._extScope.scopeRefs(scopeName, this._values);
      }
      scopeCode() {
        return this._extScope.scopeCode(this._values);
      }
      _def(varKind, nameOrPrefix, rhs, constant) {
        const name = this._scope.toName(nameOrPrefix);
        if (rhs !== void 0 && constant)
          this._constants[name.str] = rhs;
        this._leafNode(new Def(varKind, name, rhs));
        return name;
      }
      // `const` declaration (`var` in es5 mode)
      const(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.const, nameOrPrefix, rhs, _constant);
      }
      // `let` declaration with optional assignment (`var` in es5 mode)
      let(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.let, nameOrPrefix, rhs, _constant);
      }
      // `var` declaration with optional assignment
      var(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.var, nameOrPrefix, rhs, _constant);
      }
      // assignment code
      assign(lhs, rhs, sideEffects) {
        return this._leafNode(new Assign(lhs, rhs, sideEffects));
      }
      // `+=` code
      add(lhs, rhs) {
        return this._leafNode(new AssignOp(lhs, exports.operators.ADD, rhs));
      }
      // appends passed SafeExpr to code or executes Block
      code(c) {
        if (typeof c == "function")
          c();
        else if (c !== code_1.nil)
          this._leafNode(new AnyCode(c));
        return this;
      }
      // returns code for object literal for the passed argument list of key-value pairs
      object(...keyValues) {
        const code = ["{"];
        for (const [key, value] of keyValues) {
          if (code.length > 1)
            code.push(",");
          code.push(key);
          if (key !== value || this.opts.es5) {
            code.push(":");
            (0, code_1.addCodeArg)(code, value);
          }
        }
        code.push("}");
        return new code_1._Code(code);
      }
      // `if` clause (or statement if `thenBody` and, optionally, `elseBody` are passed)
      if(condition, thenBody, elseBody) {
        this._blockNode(new If(condition));
        if (thenBody && elseBody) {
          this.code(thenBody).else().code(elseBody).endIf();
        } else if (thenBody) {
          this.code(thenBody).endIf();
        } else if (elseBody) {
          throw new Error('CodeGen: "else" body without "then" body');
        }
        return this;
      }
      // `else if` clause - invalid without `if` or after `else` clauses
      elseIf(condition) {
        return this._elseNode(new If(condition));
      }
      // `else` clause - only valid after `if` or `else if` clauses
      else() {
        return this._elseNode(new Else());
      }
      // end `if` statement (needed if gen.if was used only with condition)
      endIf() {
        return this._endBlockNode(If, Else);
      }
      _for(node, forBody) {
        this._blockNode(node);
        if (forBody)
          this.code(forBody).endFor();
        return this;
      }
      // a generic `for` clause (or statement if `forBody` is passed)
      for(iteration, forBody) {
        return this._for(new ForLoop(iteration), forBody);
      }
      // `for` statement for a range of values
      forRange(nameOrPrefix, from, to, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.let) {
        const name = this._scope.toName(nameOrPrefix);
        return this._for(new ForRange(varKind, name, from, to), () => forBody(name));
      }
      // `for-of` statement (in es5 mode replace with a normal for loop)
      forOf(nameOrPrefix, iterable, forBody, varKind = scope_1.varKinds.const) {
        const name = this._scope.toName(nameOrPrefix);
        if (this.opts.es5) {
          const arr = iterable instanceof code_1.Name ? iterable : this.var("_arr", iterable);
          return this.forRange("_i", 0, (0, code_1._)`${arr}.length`, (i) => {
            this.var(name, (0, code_1._)`${arr}[${i}]`);
            forBody(name);
          });
        }
        return this._for(new ForIter("of", varKind, name, iterable), () => forBody(name));
      }
      // `for-in` statement.
      // With option `ownProperties` replaced with a `for-of` loop for object keys
      forIn(nameOrPrefix, obj, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.const) {
        if (this.opts.ownProperties) {
          return this.forOf(nameOrPrefix, (0, code_1._)`Object.keys(${obj})`, forBody);
        }
        const name = this._scope.toName(nameOrPrefix);
        return this._for(new ForIter("in", varKind, name, obj), () => forBody(name));
      }
      // end `for` loop
      endFor() {
        return this._endBlockNode(For);
      }
      // `label` statement
      label(label) {
        return this._leafNode(new Label(label));
      }
      // `break` statement
      break(label) {
        return this._leafNode(new Break(label));
      }
      // `return` statement
      return(value) {
        const node = new Return();
        this._blockNode(node);
        this.code(value);
        if (node.nodes.length !== 1)
          throw new Error('CodeGen: "return" should have one node');
        return this._endBlockNode(Return);
      }
      // `try` statement
      try(tryBody, catchCode, finallyCode) {
        if (!catchCode && !finallyCode)
          throw new Error('CodeGen: "try" without "catch" and "finally"');
        const node = new Try();
        this._blockNode(node);
        this.code(tryBody);
        if (catchCode) {
          const error = this.name("e");
          this._currNode = node.catch = new Catch(error);
          catchCode(error);
        }
        if (finallyCode) {
          this._currNode = node.finally = new Finally();
          this.code(finallyCode);
        }
        return this._endBlockNode(Catch, Finally);
      }
      // `throw` statement
      throw(error) {
        return this._leafNode(new Throw(error));
      }
      // start self-balancing block
      block(body, nodeCount) {
        this._blockStarts.push(this._nodes.length);
        if (body)
          this.code(body).endBlock(nodeCount);
        return this;
      }
      // end the current self-balancing block
      endBlock(nodeCount) {
        const len = this._blockStarts.pop();
        if (len === void 0)
          throw new Error("CodeGen: not in self-balancing block");
        const toClose = this._nodes.length - len;
        if (toClose < 0 || nodeCount !== void 0 && toClose !== nodeCount) {
          throw new Error(`CodeGen: wrong number of nodes: ${toClose} vs ${nodeCount} expected`);
        }
        this._nodes.length = len;
        return this;
      }
      // `function` heading (or definition if funcBody is passed)
      func(name, args = code_1.nil, async, funcBody) {
        this._blockNode(new Func(name, args, async));
        if (funcBody)
          this.code(funcBody).endFunc();
        return this;
      }
      // end function definition
      endFunc() {
        return this._endBlockNode(Func);
      }
      optimize(n = 1) {
        while (n-- > 0) {
          this._root.optimizeNodes();
          this._root.optimizeNames(this._root.names, this._constants);
        }
      }
      _leafNode(node) {
        this._currNode.nodes.push(node);
        return this;
      }
      _blockNode(node) {
        this._currNode.nodes.push(node);
        this._nodes.push(node);
      }
      _endBlockNode(N1, N2) {
        const n = this._currNode;
        if (n instanceof N1 || N2 && n instanceof N2) {
          this._nodes.pop();
          return this;
        }
        throw new Error(`CodeGen: not in block "${N2 ? `${N1.kind}/${N2.kind}` : N1.kind}"`);
      }
      _elseNode(node) {
        const n = this._currNode;
        if (!(n instanceof If)) {
          throw new Error('CodeGen: "else" without "if"');
        }
        this._currNode = n.else = node;
        return this;
      }
      get _root() {
        return this._nodes[0];
      }
      get _currNode() {
        const ns = this._nodes;
        return ns[ns.length - 1];
      }
      set _currNode(node) {
        const ns = this._nodes;
        ns[ns.length - 1] = node;
      }
    };
    exports.CodeGen = CodeGen;
    function addNames(names, from) {
      for (const n in from)
        names[n] = (names[n] || 0) + (from[n] || 0);
      return names;
    }
    function addExprNames(names, from) {
      return from instanceof code_1._CodeOrName ? addNames(names, from.names) : names;
    }
    function optimizeExpr(expr, names, constants) {
      if (expr instanceof code_1.Name)
        return replaceName(expr);
      if (!canOptimize(expr))
        return expr;
      return new code_1._Code(expr._items.reduce((items, c) => {
        if (c instanceof code_1.Name)
          c = replaceName(c);
        if (c instanceof code_1._Code)
          items.push(...c._items);
        else
          items.push(c);
        return items;
      }, []));
      function replaceName(n) {
        const c = constants[n.str];
        if (c === void 0 || names[n.str] !== 1)
          return n;
        delete names[n.str];
        return c;
      }
      function canOptimize(e) {
        return e instanceof code_1._Code && e._items.some((c) => c instanceof code_1.Name && names[c.str] === 1 && constants[c.str] !== void 0);
      }
    }
    function subtractNames(names, from) {
      for (const n in from)
        names[n] = (names[n] || 0) - (from[n] || 0);
    }
    function not(x) {
      return typeof x == "boolean" || typeof x == "number" || x === null ? !x : (0, code_1._)`!${par(x)}`;
    }
    exports.not = not;
    var andCode = mappend(exports.operators.AND);
    function and(...args) {
      return args.reduce(andCode);
    }
    exports.and = and;
    var orCode = mappend(exports.operators.OR);
    function or(...args) {
      return args.reduce(orCode);
    }
    exports.or = or;
    function mappend(op) {
      return (x, y) => x === code_1.nil ? y : y === code_1.nil ? x : (0, code_1._)`${par(x)} ${op} ${par(y)}`;
    }
    function par(x) {
      return x instanceof code_1.Name ? x : (0, code_1._)`(${x})`;
    }
  }
});

// node_modules/ajv/dist/compile/util.js
var require_util = __commonJS({
  "node_modules/ajv/dist/compile/util.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.checkStrictMode = exports.getErrorPath = exports.Type = exports.useFunc = exports.setEvaluated = exports.evaluatedPropsToName = exports.mergeEvaluated = exports.eachItem = exports.unescapeJsonPointer = exports.escapeJsonPointer = exports.escapeFragment = exports.unescapeFragment = exports.schemaRefOrVal = exports.schemaHasRulesButRef = exports.schemaHasRules = exports.checkUnknownRules = exports.alwaysValidSchema = exports.toHash = void 0;
    var codegen_1 = require_codegen();
    var code_1 = require_code();
    function toHash(arr) {
      const hash = {};
      for (const item of arr)
        hash[item] = true;
      return hash;
    }
    exports.toHash = toHash;
    function alwaysValidSchema(it, schema) {
      if (typeof schema == "boolean")
        return schema;
      if (Object.keys(schema).length === 0)
        return true;
      checkUnknownRules(it, schema);
      return !schemaHasRules(schema, it.self.RULES.all);
    }
    exports.alwaysValidSchema = alwaysValidSchema;
    function checkUnknownRules(it, schema = it.schema) {
      const { opts, self } = it;
      if (!opts.strictSchema)
        return;
      if (typeof schema === "boolean")
        return;
      const rules = self.RULES.keywords;
      for (const key in schema) {
        if (!rules[key])
          checkStrictMode(it, `unknown keyword: "${key}"`);
      }
    }
    exports.checkUnknownRules = checkUnknownRules;
    function schemaHasRules(schema, rules) {
      if (typeof schema == "boolean")
        return !schema;
      for (const key in schema)
        if (rules[key])
          return true;
      return false;
    }
    exports.schemaHasRules = schemaHasRules;
    function schemaHasRulesButRef(schema, RULES2) {
      if (typeof schema == "boolean")
        return !schema;
      for (const key in schema)
        if (key !== "$ref" && RULES2.all[key])
          return true;
      return false;
    }
    exports.schemaHasRulesButRef = schemaHasRulesButRef;
    function schemaRefOrVal({ topSchemaRef, schemaPath }, schema, keyword, $data) {
      if (!$data) {
        if (typeof schema == "number" || typeof schema == "boolean")
          return schema;
        if (typeof schema == "string")
          return (0, codegen_1._)`${schema}`;
      }
      return (0, codegen_1._)`${topSchemaRef}${schemaPath}${(0, codegen_1.getProperty)(keyword)}`;
    }
    exports.schemaRefOrVal = schemaRefOrVal;
    function unescapeFragment(str) {
      return unescapeJsonPointer(decodeURIComponent(str));
    }
    exports.unescapeFragment = unescapeFragment;
    function escapeFragment(str) {
      return encodeURIComponent(escapeJsonPointer(str));
    }
    exports.escapeFragment = escapeFragment;
    function escapeJsonPointer(str) {
      if (typeof str == "number")
        return `${str}`;
      return str.replace(/~/g, "~0").replace(/\//g, "~1");
    }
    exports.escapeJsonPointer = escapeJsonPointer;
    function unescapeJsonPointer(str) {
      return str.replace(/~1/g, "/").replace(/~0/g, "~");
    }
    exports.unescapeJsonPointer = unescapeJsonPointer;
    function eachItem(xs, f) {
      if (Array.isArray(xs)) {
        for (const x of xs)
          f(x);
      } else {
        f(xs);
      }
    }
    exports.eachItem = eachItem;
    function makeMergeEvaluated({ mergeNames, mergeToName, mergeValues, resultToName }) {
      return (gen, from, to, toName) => {
        const res = to === void 0 ? from : to instanceof codegen_1.Name ? (from instanceof codegen_1.Name ? mergeNames(gen, from, to) : mergeToName(gen, from, to), to) : from instanceof codegen_1.Name ? (mergeToName(gen, to, from), from) : mergeValues(from, to);
        return toName === codegen_1.Name && !(res instanceof codegen_1.Name) ? resultToName(gen, res) : res;
      };
    }
    exports.mergeEvaluated = {
      props: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true && ${from} !== undefined`, () => {
          gen.if((0, codegen_1._)`${from} === true`, () => gen.assign(to, true), () => gen.assign(to, (0, codegen_1._)`${to} || {}`).code((0, codegen_1._)`Object.assign(${to}, ${from})`));
        }),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true`, () => {
          if (from === true) {
            gen.assign(to, true);
          } else {
            gen.assign(to, (0, codegen_1._)`${to} || {}`);
            setEvaluated(gen, to, from);
          }
        }),
        mergeValues: (from, to) => from === true ? true : { ...from, ...to },
        resultToName: evaluatedPropsToName
      }),
      items: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true && ${from} !== undefined`, () => gen.assign(to, (0, codegen_1._)`${from} === true ? true : ${to} > ${from} ? ${to} : ${from}`)),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true`, () => gen.assign(to, from === true ? true : (0, codegen_1._)`${to} > ${from} ? ${to} : ${from}`)),
        mergeValues: (from, to) => from === true ? true : Math.max(from, to),
        resultToName: (gen, items) => gen.var("items", items)
      })
    };
    function evaluatedPropsToName(gen, ps) {
      if (ps === true)
        return gen.var("props", true);
      const props = gen.var("props", (0, codegen_1._)`{}`);
      if (ps !== void 0)
        setEvaluated(gen, props, ps);
      return props;
    }
    exports.evaluatedPropsToName = evaluatedPropsToName;
    function setEvaluated(gen, props, ps) {
      Object.keys(ps).forEach((p) => gen.assign((0, codegen_1._)`${props}${(0, codegen_1.getProperty)(p)}`, true));
    }
    exports.setEvaluated = setEvaluated;
    var snippets = {};
    function useFunc(gen, f) {
      return gen.scopeValue("func", {
        ref: f,
        code: snippets[f.code] || (snippets[f.code] = new code_1._Code(f.code))
      });
    }
    exports.useFunc = useFunc;
    var Type;
    (function(Type2) {
      Type2[Type2["Num"] = 0] = "Num";
      Type2[Type2["Str"] = 1] = "Str";
    })(Type || (exports.Type = Type = {}));
    function getErrorPath(dataProp, dataPropType, jsPropertySyntax) {
      if (dataProp instanceof codegen_1.Name) {
        const isNumber = dataPropType === Type.Num;
        return jsPropertySyntax ? isNumber ? (0, codegen_1._)`"[" + ${dataProp} + "]"` : (0, codegen_1._)`"['" + ${dataProp} + "']"` : isNumber ? (0, codegen_1._)`"/" + ${dataProp}` : (0, codegen_1._)`"/" + ${dataProp}.replace(/~/g, "~0").replace(/\\//g, "~1")`;
      }
      return jsPropertySyntax ? (0, codegen_1.getProperty)(dataProp).toString() : "/" + escapeJsonPointer(dataProp);
    }
    exports.getErrorPath = getErrorPath;
    function checkStrictMode(it, msg, mode = it.opts.strictSchema) {
      if (!mode)
        return;
      msg = `strict mode: ${msg}`;
      if (mode === true)
        throw new Error(msg);
      it.self.logger.warn(msg);
    }
    exports.checkStrictMode = checkStrictMode;
  }
});

// node_modules/ajv/dist/compile/names.js
var require_names = __commonJS({
  "node_modules/ajv/dist/compile/names.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var names = {
      // validation function arguments
      data: new codegen_1.Name("data"),
      // data passed to validation function
      // args passed from referencing schema
      valCxt: new codegen_1.Name("valCxt"),
      // validation/data context - should not be used directly, it is destructured to the names below
      instancePath: new codegen_1.Name("instancePath"),
      parentData: new codegen_1.Name("parentData"),
      parentDataProperty: new codegen_1.Name("parentDataProperty"),
      rootData: new codegen_1.Name("rootData"),
      // root data - same as the data passed to the first/top validation function
      dynamicAnchors: new codegen_1.Name("dynamicAnchors"),
      // used to support recursiveRef and dynamicRef
      // function scoped variables
      vErrors: new codegen_1.Name("vErrors"),
      // null or array of validation errors
      errors: new codegen_1.Name("errors"),
      // counter of validation errors
      this: new codegen_1.Name("this"),
      // "globals"
      self: new codegen_1.Name("self"),
      scope: new codegen_1.Name("scope"),
      // JTD serialize/parse name for JSON string and position
      json: new codegen_1.Name("json"),
      jsonPos: new codegen_1.Name("jsonPos"),
      jsonLen: new codegen_1.Name("jsonLen"),
      jsonPart: new codegen_1.Name("jsonPart")
    };
    exports.default = names;
  }
});

// node_modules/ajv/dist/compile/errors.js
var require_errors = __commonJS({
  "node_modules/ajv/dist/compile/errors.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.extendErrors = exports.resetErrorsCount = exports.reportExtraError = exports.reportError = exports.keyword$DataError = exports.keywordError = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var names_1 = require_names();
    exports.keywordError = {
      message: ({ keyword }) => (0, codegen_1.str)`must pass "${keyword}" keyword validation`
    };
    exports.keyword$DataError = {
      message: ({ keyword, schemaType }) => schemaType ? (0, codegen_1.str)`"${keyword}" keyword must be ${schemaType} ($data)` : (0, codegen_1.str)`"${keyword}" keyword is invalid ($data)`
    };
    function reportError(cxt, error = exports.keywordError, errorPaths, overrideAllErrors) {
      const { it } = cxt;
      const { gen, compositeRule, allErrors } = it;
      const errObj = errorObjectCode(cxt, error, errorPaths);
      if (overrideAllErrors !== null && overrideAllErrors !== void 0 ? overrideAllErrors : compositeRule || allErrors) {
        addError(gen, errObj);
      } else {
        returnErrors(it, (0, codegen_1._)`[${errObj}]`);
      }
    }
    exports.reportError = reportError;
    function reportExtraError(cxt, error = exports.keywordError, errorPaths) {
      const { it } = cxt;
      const { gen, compositeRule, allErrors } = it;
      const errObj = errorObjectCode(cxt, error, errorPaths);
      addError(gen, errObj);
      if (!(compositeRule || allErrors)) {
        returnErrors(it, names_1.default.vErrors);
      }
    }
    exports.reportExtraError = reportExtraError;
    function resetErrorsCount(gen, errsCount) {
      gen.assign(names_1.default.errors, errsCount);
      gen.if((0, codegen_1._)`${names_1.default.vErrors} !== null`, () => gen.if(errsCount, () => gen.assign((0, codegen_1._)`${names_1.default.vErrors}.length`, errsCount), () => gen.assign(names_1.default.vErrors, null)));
    }
    exports.resetErrorsCount = resetErrorsCount;
    function extendErrors({ gen, keyword, schemaValue, data, errsCount, it }) {
      if (errsCount === void 0)
        throw new Error("ajv implementation error");
      const err = gen.name("err");
      gen.forRange("i", errsCount, names_1.default.errors, (i) => {
        gen.const(err, (0, codegen_1._)`${names_1.default.vErrors}[${i}]`);
        gen.if((0, codegen_1._)`${err}.instancePath === undefined`, () => gen.assign((0, codegen_1._)`${err}.instancePath`, (0, codegen_1.strConcat)(names_1.default.instancePath, it.errorPath)));
        gen.assign((0, codegen_1._)`${err}.schemaPath`, (0, codegen_1.str)`${it.errSchemaPath}/${keyword}`);
        if (it.opts.verbose) {
          gen.assign((0, codegen_1._)`${err}.schema`, schemaValue);
          gen.assign((0, codegen_1._)`${err}.data`, data);
        }
      });
    }
    exports.extendErrors = extendErrors;
    function addError(gen, errObj) {
      const err = gen.const("err", errObj);
      gen.if((0, codegen_1._)`${names_1.default.vErrors} === null`, () => gen.assign(names_1.default.vErrors, (0, codegen_1._)`[${err}]`), (0, codegen_1._)`${names_1.default.vErrors}.push(${err})`);
      gen.code((0, codegen_1._)`${names_1.default.errors}++`);
    }
    function returnErrors(it, errs) {
      const { gen, validateName, schemaEnv } = it;
      if (schemaEnv.$async) {
        gen.throw((0, codegen_1._)`new ${it.ValidationError}(${errs})`);
      } else {
        gen.assign((0, codegen_1._)`${validateName}.errors`, errs);
        gen.return(false);
      }
    }
    var E = {
      keyword: new codegen_1.Name("keyword"),
      schemaPath: new codegen_1.Name("schemaPath"),
      // also used in JTD errors
      params: new codegen_1.Name("params"),
      propertyName: new codegen_1.Name("propertyName"),
      message: new codegen_1.Name("message"),
      schema: new codegen_1.Name("schema"),
      parentSchema: new codegen_1.Name("parentSchema")
    };
    function errorObjectCode(cxt, error, errorPaths) {
      const { createErrors } = cxt.it;
      if (createErrors === false)
        return (0, codegen_1._)`{}`;
      return errorObject(cxt, error, errorPaths);
    }
    function errorObject(cxt, error, errorPaths = {}) {
      const { gen, it } = cxt;
      const keyValues = [
        errorInstancePath(it, errorPaths),
        errorSchemaPath(cxt, errorPaths)
      ];
      extraErrorProps(cxt, error, keyValues);
      return gen.object(...keyValues);
    }
    function errorInstancePath({ errorPath }, { instancePath }) {
      const instPath = instancePath ? (0, codegen_1.str)`${errorPath}${(0, util_1.getErrorPath)(instancePath, util_1.Type.Str)}` : errorPath;
      return [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, instPath)];
    }
    function errorSchemaPath({ keyword, it: { errSchemaPath } }, { schemaPath, parentSchema }) {
      let schPath = parentSchema ? errSchemaPath : (0, codegen_1.str)`${errSchemaPath}/${keyword}`;
      if (schemaPath) {
        schPath = (0, codegen_1.str)`${schPath}${(0, util_1.getErrorPath)(schemaPath, util_1.Type.Str)}`;
      }
      return [E.schemaPath, schPath];
    }
    function extraErrorProps(cxt, { params, message }, keyValues) {
      const { keyword, data, schemaValue, it } = cxt;
      const { opts, propertyName, topSchemaRef, schemaPath } = it;
      keyValues.push([E.keyword, keyword], [E.params, typeof params == "function" ? params(cxt) : params || (0, codegen_1._)`{}`]);
      if (opts.messages) {
        keyValues.push([E.message, typeof message == "function" ? message(cxt) : message]);
      }
      if (opts.verbose) {
        keyValues.push([E.schema, schemaValue], [E.parentSchema, (0, codegen_1._)`${topSchemaRef}${schemaPath}`], [names_1.default.data, data]);
      }
      if (propertyName)
        keyValues.push([E.propertyName, propertyName]);
    }
  }
});

// node_modules/ajv/dist/compile/validate/boolSchema.js
var require_boolSchema = __commonJS({
  "node_modules/ajv/dist/compile/validate/boolSchema.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.boolOrEmptySchema = exports.topBoolOrEmptySchema = void 0;
    var errors_1 = require_errors();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var boolError = {
      message: "boolean schema is false"
    };
    function topBoolOrEmptySchema(it) {
      const { gen, schema, validateName } = it;
      if (schema === false) {
        falseSchemaError(it, false);
      } else if (typeof schema == "object" && schema.$async === true) {
        gen.return(names_1.default.data);
      } else {
        gen.assign((0, codegen_1._)`${validateName}.errors`, null);
        gen.return(true);
      }
    }
    exports.topBoolOrEmptySchema = topBoolOrEmptySchema;
    function boolOrEmptySchema(it, valid) {
      const { gen, schema } = it;
      if (schema === false) {
        gen.var(valid, false);
        falseSchemaError(it);
      } else {
        gen.var(valid, true);
      }
    }
    exports.boolOrEmptySchema = boolOrEmptySchema;
    function falseSchemaError(it, overrideAllErrors) {
      const { gen, data } = it;
      const cxt = {
        gen,
        keyword: "false schema",
        data,
        schema: false,
        schemaCode: false,
        schemaValue: false,
        params: {},
        it
      };
      (0, errors_1.reportError)(cxt, boolError, void 0, overrideAllErrors);
    }
  }
});

// node_modules/ajv/dist/compile/rules.js
var require_rules = __commonJS({
  "node_modules/ajv/dist/compile/rules.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getRules = exports.isJSONType = void 0;
    var _jsonTypes = ["string", "number", "integer", "boolean", "null", "object", "array"];
    var jsonTypes = new Set(_jsonTypes);
    function isJSONType(x) {
      return typeof x == "string" && jsonTypes.has(x);
    }
    exports.isJSONType = isJSONType;
    function getRules() {
      const groups = {
        number: { type: "number", rules: [] },
        string: { type: "string", rules: [] },
        array: { type: "array", rules: [] },
        object: { type: "object", rules: [] }
      };
      return {
        types: { ...groups, integer: true, boolean: true, null: true },
        rules: [{ rules: [] }, groups.number, groups.string, groups.array, groups.object],
        post: { rules: [] },
        all: {},
        keywords: {}
      };
    }
    exports.getRules = getRules;
  }
});

// node_modules/ajv/dist/compile/validate/applicability.js
var require_applicability = __commonJS({
  "node_modules/ajv/dist/compile/validate/applicability.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.shouldUseRule = exports.shouldUseGroup = exports.schemaHasRulesForType = void 0;
    function schemaHasRulesForType({ schema, self }, type) {
      const group = self.RULES.types[type];
      return group && group !== true && shouldUseGroup(schema, group);
    }
    exports.schemaHasRulesForType = schemaHasRulesForType;
    function shouldUseGroup(schema, group) {
      return group.rules.some((rule) => shouldUseRule(schema, rule));
    }
    exports.shouldUseGroup = shouldUseGroup;
    function shouldUseRule(schema, rule) {
      var _a;
      return schema[rule.keyword] !== void 0 || ((_a = rule.definition.implements) === null || _a === void 0 ? void 0 : _a.some((kwd) => schema[kwd] !== void 0));
    }
    exports.shouldUseRule = shouldUseRule;
  }
});

// node_modules/ajv/dist/compile/validate/dataType.js
var require_dataType = __commonJS({
  "node_modules/ajv/dist/compile/validate/dataType.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.reportTypeError = exports.checkDataTypes = exports.checkDataType = exports.coerceAndCheckDataType = exports.getJSONTypes = exports.getSchemaTypes = exports.DataType = void 0;
    var rules_1 = require_rules();
    var applicability_1 = require_applicability();
    var errors_1 = require_errors();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var DataType;
    (function(DataType2) {
      DataType2[DataType2["Correct"] = 0] = "Correct";
      DataType2[DataType2["Wrong"] = 1] = "Wrong";
    })(DataType || (exports.DataType = DataType = {}));
    function getSchemaTypes(schema) {
      const types = getJSONTypes(schema.type);
      const hasNull = types.includes("null");
      if (hasNull) {
        if (schema.nullable === false)
          throw new Error("type: null contradicts nullable: false");
      } else {
        if (!types.length && schema.nullable !== void 0) {
          throw new Error('"nullable" cannot be used without "type"');
        }
        if (schema.nullable === true)
          types.push("null");
      }
      return types;
    }
    exports.getSchemaTypes = getSchemaTypes;
    function getJSONTypes(ts) {
      const types = Array.isArray(ts) ? ts : ts ? [ts] : [];
      if (types.every(rules_1.isJSONType))
        return types;
      throw new Error("type must be JSONType or JSONType[]: " + types.join(","));
    }
    exports.getJSONTypes = getJSONTypes;
    function coerceAndCheckDataType(it, types) {
      const { gen, data, opts } = it;
      const coerceTo = coerceToTypes(types, opts.coerceTypes);
      const checkTypes = types.length > 0 && !(coerceTo.length === 0 && types.length === 1 && (0, applicability_1.schemaHasRulesForType)(it, types[0]));
      if (checkTypes) {
        const wrongType = checkDataTypes(types, data, opts.strictNumbers, DataType.Wrong);
        gen.if(wrongType, () => {
          if (coerceTo.length)
            coerceData(it, types, coerceTo);
          else
            reportTypeError(it);
        });
      }
      return checkTypes;
    }
    exports.coerceAndCheckDataType = coerceAndCheckDataType;
    var COERCIBLE = /* @__PURE__ */ new Set(["string", "number", "integer", "boolean", "null"]);
    function coerceToTypes(types, coerceTypes) {
      return coerceTypes ? types.filter((t) => COERCIBLE.has(t) || coerceTypes === "array" && t === "array") : [];
    }
    function coerceData(it, types, coerceTo) {
      const { gen, data, opts } = it;
      const dataType = gen.let("dataType", (0, codegen_1._)`typeof ${data}`);
      const coerced = gen.let("coerced", (0, codegen_1._)`undefined`);
      if (opts.coerceTypes === "array") {
        gen.if((0, codegen_1._)`${dataType} == 'object' && Array.isArray(${data}) && ${data}.length == 1`, () => gen.assign(data, (0, codegen_1._)`${data}[0]`).assign(dataType, (0, codegen_1._)`typeof ${data}`).if(checkDataTypes(types, data, opts.strictNumbers), () => gen.assign(coerced, data)));
      }
      gen.if((0, codegen_1._)`${coerced} !== undefined`);
      for (const t of coerceTo) {
        if (COERCIBLE.has(t) || t === "array" && opts.coerceTypes === "array") {
          coerceSpecificType(t);
        }
      }
      gen.else();
      reportTypeError(it);
      gen.endIf();
      gen.if((0, codegen_1._)`${coerced} !== undefined`, () => {
        gen.assign(data, coerced);
        assignParentData(it, coerced);
      });
      function coerceSpecificType(t) {
        switch (t) {
          case "string":
            gen.elseIf((0, codegen_1._)`${dataType} == "number" || ${dataType} == "boolean"`).assign(coerced, (0, codegen_1._)`"" + ${data}`).elseIf((0, codegen_1._)`${data} === null`).assign(coerced, (0, codegen_1._)`""`);
            return;
          case "number":
            gen.elseIf((0, codegen_1._)`${dataType} == "boolean" || ${data} === null
              || (${dataType} == "string" && ${data} && ${data} == +${data})`).assign(coerced, (0, codegen_1._)`+${data}`);
            return;
          case "integer":
            gen.elseIf((0, codegen_1._)`${dataType} === "boolean" || ${data} === null
              || (${dataType} === "string" && ${data} && ${data} == +${data} && !(${data} % 1))`).assign(coerced, (0, codegen_1._)`+${data}`);
            return;
          case "boolean":
            gen.elseIf((0, codegen_1._)`${data} === "false" || ${data} === 0 || ${data} === null`).assign(coerced, false).elseIf((0, codegen_1._)`${data} === "true" || ${data} === 1`).assign(coerced, true);
            return;
          case "null":
            gen.elseIf((0, codegen_1._)`${data} === "" || ${data} === 0 || ${data} === false`);
            gen.assign(coerced, null);
            return;
          case "array":
            gen.elseIf((0, codegen_1._)`${dataType} === "string" || ${dataType} === "number"
              || ${dataType} === "boolean" || ${data} === null`).assign(coerced, (0, codegen_1._)`[${data}]`);
        }
      }
    }
    function assignParentData({ gen, parentData, parentDataProperty }, expr) {
      gen.if((0, codegen_1._)`${parentData} !== undefined`, () => gen.assign((0, codegen_1._)`${parentData}[${parentDataProperty}]`, expr));
    }
    function checkDataType(dataType, data, strictNums, correct = DataType.Correct) {
      const EQ = correct === DataType.Correct ? codegen_1.operators.EQ : codegen_1.operators.NEQ;
      let cond;
      switch (dataType) {
        case "null":
          return (0, codegen_1._)`${data} ${EQ} null`;
        case "array":
          cond = (0, codegen_1._)`Array.isArray(${data})`;
          break;
        case "object":
          cond = (0, codegen_1._)`${data} && typeof ${data} == "object" && !Array.isArray(${data})`;
          break;
        case "integer":
          cond = numCond((0, codegen_1._)`!(${data} % 1) && !isNaN(${data})`);
          break;
        case "number":
          cond = numCond();
          break;
        default:
          return (0, codegen_1._)`typeof ${data} ${EQ} ${dataType}`;
      }
      return correct === DataType.Correct ? cond : (0, codegen_1.not)(cond);
      function numCond(_cond = codegen_1.nil) {
        return (0, codegen_1.and)((0, codegen_1._)`typeof ${data} == "number"`, _cond, strictNums ? (0, codegen_1._)`isFinite(${data})` : codegen_1.nil);
      }
    }
    exports.checkDataType = checkDataType;
    function checkDataTypes(dataTypes, data, strictNums, correct) {
      if (dataTypes.length === 1) {
        return checkDataType(dataTypes[0], data, strictNums, correct);
      }
      let cond;
      const types = (0, util_1.toHash)(dataTypes);
      if (types.array && types.object) {
        const notObj = (0, codegen_1._)`typeof ${data} != "object"`;
        cond = types.null ? notObj : (0, codegen_1._)`!${data} || ${notObj}`;
        delete types.null;
        delete types.array;
        delete types.object;
      } else {
        cond = codegen_1.nil;
      }
      if (types.number)
        delete types.integer;
      for (const t in types)
        cond = (0, codegen_1.and)(cond, checkDataType(t, data, strictNums, correct));
      return cond;
    }
    exports.checkDataTypes = checkDataTypes;
    var typeError = {
      message: ({ schema }) => `must be ${schema}`,
      params: ({ schema, schemaValue }) => typeof schema == "string" ? (0, codegen_1._)`{type: ${schema}}` : (0, codegen_1._)`{type: ${schemaValue}}`
    };
    function reportTypeError(it) {
      const cxt = getTypeErrorContext(it);
      (0, errors_1.reportError)(cxt, typeError);
    }
    exports.reportTypeError = reportTypeError;
    function getTypeErrorContext(it) {
      const { gen, data, schema } = it;
      const schemaCode = (0, util_1.schemaRefOrVal)(it, schema, "type");
      return {
        gen,
        keyword: "type",
        data,
        schema: schema.type,
        schemaCode,
        schemaValue: schemaCode,
        parentSchema: schema,
        params: {},
        it
      };
    }
  }
});

// node_modules/ajv/dist/compile/validate/defaults.js
var require_defaults = __commonJS({
  "node_modules/ajv/dist/compile/validate/defaults.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.assignDefaults = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    function assignDefaults(it, ty) {
      const { properties, items } = it.schema;
      if (ty === "object" && properties) {
        for (const key in properties) {
          assignDefault(it, key, properties[key].default);
        }
      } else if (ty === "array" && Array.isArray(items)) {
        items.forEach((sch, i) => assignDefault(it, i, sch.default));
      }
    }
    exports.assignDefaults = assignDefaults;
    function assignDefault(it, prop, defaultValue) {
      const { gen, compositeRule, data, opts } = it;
      if (defaultValue === void 0)
        return;
      const childData = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(prop)}`;
      if (compositeRule) {
        (0, util_1.checkStrictMode)(it, `default is ignored for: ${childData}`);
        return;
      }
      let condition = (0, codegen_1._)`${childData} === undefined`;
      if (opts.useDefaults === "empty") {
        condition = (0, codegen_1._)`${condition} || ${childData} === null || ${childData} === ""`;
      }
      gen.if(condition, (0, codegen_1._)`${childData} = ${(0, codegen_1.stringify)(defaultValue)}`);
    }
  }
});

// node_modules/ajv/dist/vocabularies/code.js
var require_code2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/code.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateUnion = exports.validateArray = exports.usePattern = exports.callValidateCode = exports.schemaProperties = exports.allSchemaProperties = exports.noPropertyInData = exports.propertyInData = exports.isOwnProperty = exports.hasPropFunc = exports.reportMissingProp = exports.checkMissingProp = exports.checkReportMissingProp = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var names_1 = require_names();
    var util_2 = require_util();
    function checkReportMissingProp(cxt, prop) {
      const { gen, data, it } = cxt;
      gen.if(noPropertyInData(gen, data, prop, it.opts.ownProperties), () => {
        cxt.setParams({ missingProperty: (0, codegen_1._)`${prop}` }, true);
        cxt.error();
      });
    }
    exports.checkReportMissingProp = checkReportMissingProp;
    function checkMissingProp({ gen, data, it: { opts } }, properties, missing) {
      return (0, codegen_1.or)(...properties.map((prop) => (0, codegen_1.and)(noPropertyInData(gen, data, prop, opts.ownProperties), (0, codegen_1._)`${missing} = ${prop}`)));
    }
    exports.checkMissingProp = checkMissingProp;
    function reportMissingProp(cxt, missing) {
      cxt.setParams({ missingProperty: missing }, true);
      cxt.error();
    }
    exports.reportMissingProp = reportMissingProp;
    function hasPropFunc(gen) {
      return gen.scopeValue("func", {
        // eslint-disable-next-line @typescript-eslint/unbound-method
        ref: Object.prototype.hasOwnProperty,
        code: (0, codegen_1._)`Object.prototype.hasOwnProperty`
      });
    }
    exports.hasPropFunc = hasPropFunc;
    function isOwnProperty(gen, data, property) {
      return (0, codegen_1._)`${hasPropFunc(gen)}.call(${data}, ${property})`;
    }
    exports.isOwnProperty = isOwnProperty;
    function propertyInData(gen, data, property, ownProperties) {
      const cond = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(property)} !== undefined`;
      return ownProperties ? (0, codegen_1._)`${cond} && ${isOwnProperty(gen, data, property)}` : cond;
    }
    exports.propertyInData = propertyInData;
    function noPropertyInData(gen, data, property, ownProperties) {
      const cond = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(property)} === undefined`;
      return ownProperties ? (0, codegen_1.or)(cond, (0, codegen_1.not)(isOwnProperty(gen, data, property))) : cond;
    }
    exports.noPropertyInData = noPropertyInData;
    function allSchemaProperties(schemaMap) {
      return schemaMap ? Object.keys(schemaMap).filter((p) => p !== "__proto__") : [];
    }
    exports.allSchemaProperties = allSchemaProperties;
    function schemaProperties(it, schemaMap) {
      return allSchemaProperties(schemaMap).filter((p) => !(0, util_1.alwaysValidSchema)(it, schemaMap[p]));
    }
    exports.schemaProperties = schemaProperties;
    function callValidateCode({ schemaCode, data, it: { gen, topSchemaRef, schemaPath, errorPath }, it }, func, context, passSchema) {
      const dataAndSchema = passSchema ? (0, codegen_1._)`${schemaCode}, ${data}, ${topSchemaRef}${schemaPath}` : data;
      const valCxt = [
        [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, errorPath)],
        [names_1.default.parentData, it.parentData],
        [names_1.default.parentDataProperty, it.parentDataProperty],
        [names_1.default.rootData, names_1.default.rootData]
      ];
      if (it.opts.dynamicRef)
        valCxt.push([names_1.default.dynamicAnchors, names_1.default.dynamicAnchors]);
      const args = (0, codegen_1._)`${dataAndSchema}, ${gen.object(...valCxt)}`;
      return context !== codegen_1.nil ? (0, codegen_1._)`${func}.call(${context}, ${args})` : (0, codegen_1._)`${func}(${args})`;
    }
    exports.callValidateCode = callValidateCode;
    var newRegExp = (0, codegen_1._)`new RegExp`;
    function usePattern({ gen, it: { opts } }, pattern) {
      const u = opts.unicodeRegExp ? "u" : "";
      const { regExp } = opts.code;
      const rx = regExp(pattern, u);
      return gen.scopeValue("pattern", {
        key: rx.toString(),
        ref: rx,
        code: (0, codegen_1._)`${regExp.code === "new RegExp" ? newRegExp : (0, util_2.useFunc)(gen, regExp)}(${pattern}, ${u})`
      });
    }
    exports.usePattern = usePattern;
    function validateArray(cxt) {
      const { gen, data, keyword, it } = cxt;
      const valid = gen.name("valid");
      if (it.allErrors) {
        const validArr = gen.let("valid", true);
        validateItems(() => gen.assign(validArr, false));
        return validArr;
      }
      gen.var(valid, true);
      validateItems(() => gen.break());
      return valid;
      function validateItems(notValid) {
        const len = gen.const("len", (0, codegen_1._)`${data}.length`);
        gen.forRange("i", 0, len, (i) => {
          cxt.subschema({
            keyword,
            dataProp: i,
            dataPropType: util_1.Type.Num
          }, valid);
          gen.if((0, codegen_1.not)(valid), notValid);
        });
      }
    }
    exports.validateArray = validateArray;
    function validateUnion(cxt) {
      const { gen, schema, keyword, it } = cxt;
      if (!Array.isArray(schema))
        throw new Error("ajv implementation error");
      const alwaysValid = schema.some((sch) => (0, util_1.alwaysValidSchema)(it, sch));
      if (alwaysValid && !it.opts.unevaluated)
        return;
      const valid = gen.let("valid", false);
      const schValid = gen.name("_valid");
      gen.block(() => schema.forEach((_sch, i) => {
        const schCxt = cxt.subschema({
          keyword,
          schemaProp: i,
          compositeRule: true
        }, schValid);
        gen.assign(valid, (0, codegen_1._)`${valid} || ${schValid}`);
        const merged = cxt.mergeValidEvaluated(schCxt, schValid);
        if (!merged)
          gen.if((0, codegen_1.not)(valid));
      }));
      cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
    }
    exports.validateUnion = validateUnion;
  }
});

// node_modules/ajv/dist/compile/validate/keyword.js
var require_keyword = __commonJS({
  "node_modules/ajv/dist/compile/validate/keyword.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateKeywordUsage = exports.validSchemaType = exports.funcKeywordCode = exports.macroKeywordCode = void 0;
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var code_1 = require_code2();
    var errors_1 = require_errors();
    function macroKeywordCode(cxt, def) {
      const { gen, keyword, schema, parentSchema, it } = cxt;
      const macroSchema = def.macro.call(it.self, schema, parentSchema, it);
      const schemaRef = useKeyword(gen, keyword, macroSchema);
      if (it.opts.validateSchema !== false)
        it.self.validateSchema(macroSchema, true);
      const valid = gen.name("valid");
      cxt.subschema({
        schema: macroSchema,
        schemaPath: codegen_1.nil,
        errSchemaPath: `${it.errSchemaPath}/${keyword}`,
        topSchemaRef: schemaRef,
        compositeRule: true
      }, valid);
      cxt.pass(valid, () => cxt.error(true));
    }
    exports.macroKeywordCode = macroKeywordCode;
    function funcKeywordCode(cxt, def) {
      var _a;
      const { gen, keyword, schema, parentSchema, $data, it } = cxt;
      checkAsyncKeyword(it, def);
      const validate = !$data && def.compile ? def.compile.call(it.self, schema, parentSchema, it) : def.validate;
      const validateRef = useKeyword(gen, keyword, validate);
      const valid = gen.let("valid");
      cxt.block$data(valid, validateKeyword);
      cxt.ok((_a = def.valid) !== null && _a !== void 0 ? _a : valid);
      function validateKeyword() {
        if (def.errors === false) {
          assignValid();
          if (def.modifying)
            modifyData(cxt);
          reportErrs(() => cxt.error());
        } else {
          const ruleErrs = def.async ? validateAsync() : validateSync();
          if (def.modifying)
            modifyData(cxt);
          reportErrs(() => addErrs(cxt, ruleErrs));
        }
      }
      function validateAsync() {
        const ruleErrs = gen.let("ruleErrs", null);
        gen.try(() => assignValid((0, codegen_1._)`await `), (e) => gen.assign(valid, false).if((0, codegen_1._)`${e} instanceof ${it.ValidationError}`, () => gen.assign(ruleErrs, (0, codegen_1._)`${e}.errors`), () => gen.throw(e)));
        return ruleErrs;
      }
      function validateSync() {
        const validateErrs = (0, codegen_1._)`${validateRef}.errors`;
        gen.assign(validateErrs, null);
        assignValid(codegen_1.nil);
        return validateErrs;
      }
      function assignValid(_await = def.async ? (0, codegen_1._)`await ` : codegen_1.nil) {
        const passCxt = it.opts.passContext ? names_1.default.this : names_1.default.self;
        const passSchema = !("compile" in def && !$data || def.schema === false);
        gen.assign(valid, (0, codegen_1._)`${_await}${(0, code_1.callValidateCode)(cxt, validateRef, passCxt, passSchema)}`, def.modifying);
      }
      function reportErrs(errors) {
        var _a2;
        gen.if((0, codegen_1.not)((_a2 = def.valid) !== null && _a2 !== void 0 ? _a2 : valid), errors);
      }
    }
    exports.funcKeywordCode = funcKeywordCode;
    function modifyData(cxt) {
      const { gen, data, it } = cxt;
      gen.if(it.parentData, () => gen.assign(data, (0, codegen_1._)`${it.parentData}[${it.parentDataProperty}]`));
    }
    function addErrs(cxt, errs) {
      const { gen } = cxt;
      gen.if((0, codegen_1._)`Array.isArray(${errs})`, () => {
        gen.assign(names_1.default.vErrors, (0, codegen_1._)`${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`).assign(names_1.default.errors, (0, codegen_1._)`${names_1.default.vErrors}.length`);
        (0, errors_1.extendErrors)(cxt);
      }, () => cxt.error());
    }
    function checkAsyncKeyword({ schemaEnv }, def) {
      if (def.async && !schemaEnv.$async)
        throw new Error("async keyword in sync schema");
    }
    function useKeyword(gen, keyword, result) {
      if (result === void 0)
        throw new Error(`keyword "${keyword}" failed to compile`);
      return gen.scopeValue("keyword", typeof result == "function" ? { ref: result } : { ref: result, code: (0, codegen_1.stringify)(result) });
    }
    function validSchemaType(schema, schemaType, allowUndefined = false) {
      return !schemaType.length || schemaType.some((st) => st === "array" ? Array.isArray(schema) : st === "object" ? schema && typeof schema == "object" && !Array.isArray(schema) : typeof schema == st || allowUndefined && typeof schema == "undefined");
    }
    exports.validSchemaType = validSchemaType;
    function validateKeywordUsage({ schema, opts, self, errSchemaPath }, def, keyword) {
      if (Array.isArray(def.keyword) ? !def.keyword.includes(keyword) : def.keyword !== keyword) {
        throw new Error("ajv implementation error");
      }
      const deps = def.dependencies;
      if (deps === null || deps === void 0 ? void 0 : deps.some((kwd) => !Object.prototype.hasOwnProperty.call(schema, kwd))) {
        throw new Error(`parent schema must have dependencies of ${keyword}: ${deps.join(",")}`);
      }
      if (def.validateSchema) {
        const valid = def.validateSchema(schema[keyword]);
        if (!valid) {
          const msg = `keyword "${keyword}" value is invalid at path "${errSchemaPath}": ` + self.errorsText(def.validateSchema.errors);
          if (opts.validateSchema === "log")
            self.logger.error(msg);
          else
            throw new Error(msg);
        }
      }
    }
    exports.validateKeywordUsage = validateKeywordUsage;
  }
});

// node_modules/ajv/dist/compile/validate/subschema.js
var require_subschema = __commonJS({
  "node_modules/ajv/dist/compile/validate/subschema.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.extendSubschemaMode = exports.extendSubschemaData = exports.getSubschema = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    function getSubschema(it, { keyword, schemaProp, schema, schemaPath, errSchemaPath, topSchemaRef }) {
      if (keyword !== void 0 && schema !== void 0) {
        throw new Error('both "keyword" and "schema" passed, only one allowed');
      }
      if (keyword !== void 0) {
        const sch = it.schema[keyword];
        return schemaProp === void 0 ? {
          schema: sch,
          schemaPath: (0, codegen_1._)`${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}`,
          errSchemaPath: `${it.errSchemaPath}/${keyword}`
        } : {
          schema: sch[schemaProp],
          schemaPath: (0, codegen_1._)`${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}${(0, codegen_1.getProperty)(schemaProp)}`,
          errSchemaPath: `${it.errSchemaPath}/${keyword}/${(0, util_1.escapeFragment)(schemaProp)}`
        };
      }
      if (schema !== void 0) {
        if (schemaPath === void 0 || errSchemaPath === void 0 || topSchemaRef === void 0) {
          throw new Error('"schemaPath", "errSchemaPath" and "topSchemaRef" are required with "schema"');
        }
        return {
          schema,
          schemaPath,
          topSchemaRef,
          errSchemaPath
        };
      }
      throw new Error('either "keyword" or "schema" must be passed');
    }
    exports.getSubschema = getSubschema;
    function extendSubschemaData(subschema, it, { dataProp, dataPropType: dpType, data, dataTypes, propertyName }) {
      if (data !== void 0 && dataProp !== void 0) {
        throw new Error('both "data" and "dataProp" passed, only one allowed');
      }
      const { gen } = it;
      if (dataProp !== void 0) {
        const { errorPath, dataPathArr, opts } = it;
        const nextData = gen.let("data", (0, codegen_1._)`${it.data}${(0, codegen_1.getProperty)(dataProp)}`, true);
        dataContextProps(nextData);
        subschema.errorPath = (0, codegen_1.str)`${errorPath}${(0, util_1.getErrorPath)(dataProp, dpType, opts.jsPropertySyntax)}`;
        subschema.parentDataProperty = (0, codegen_1._)`${dataProp}`;
        subschema.dataPathArr = [...dataPathArr, subschema.parentDataProperty];
      }
      if (data !== void 0) {
        const nextData = data instanceof codegen_1.Name ? data : gen.let("data", data, true);
        dataContextProps(nextData);
        if (propertyName !== void 0)
          subschema.propertyName = propertyName;
      }
      if (dataTypes)
        subschema.dataTypes = dataTypes;
      function dataContextProps(_nextData) {
        subschema.data = _nextData;
        subschema.dataLevel = it.dataLevel + 1;
        subschema.dataTypes = [];
        it.definedProperties = /* @__PURE__ */ new Set();
        subschema.parentData = it.data;
        subschema.dataNames = [...it.dataNames, _nextData];
      }
    }
    exports.extendSubschemaData = extendSubschemaData;
    function extendSubschemaMode(subschema, { jtdDiscriminator, jtdMetadata, compositeRule, createErrors, allErrors }) {
      if (compositeRule !== void 0)
        subschema.compositeRule = compositeRule;
      if (createErrors !== void 0)
        subschema.createErrors = createErrors;
      if (allErrors !== void 0)
        subschema.allErrors = allErrors;
      subschema.jtdDiscriminator = jtdDiscriminator;
      subschema.jtdMetadata = jtdMetadata;
    }
    exports.extendSubschemaMode = extendSubschemaMode;
  }
});

// node_modules/fast-deep-equal/index.js
var require_fast_deep_equal = __commonJS({
  "node_modules/fast-deep-equal/index.js"(exports, module) {
    "use strict";
    module.exports = function equal(a, b) {
      if (a === b) return true;
      if (a && b && typeof a == "object" && typeof b == "object") {
        if (a.constructor !== b.constructor) return false;
        var length, i, keys;
        if (Array.isArray(a)) {
          length = a.length;
          if (length != b.length) return false;
          for (i = length; i-- !== 0; )
            if (!equal(a[i], b[i])) return false;
          return true;
        }
        if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
        if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
        if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();
        keys = Object.keys(a);
        length = keys.length;
        if (length !== Object.keys(b).length) return false;
        for (i = length; i-- !== 0; )
          if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return false;
        for (i = length; i-- !== 0; ) {
          var key = keys[i];
          if (!equal(a[key], b[key])) return false;
        }
        return true;
      }
      return a !== a && b !== b;
    };
  }
});

// node_modules/json-schema-traverse/index.js
var require_json_schema_traverse = __commonJS({
  "node_modules/json-schema-traverse/index.js"(exports, module) {
    "use strict";
    var traverse = module.exports = function(schema, opts, cb) {
      if (typeof opts == "function") {
        cb = opts;
        opts = {};
      }
      cb = opts.cb || cb;
      var pre = typeof cb == "function" ? cb : cb.pre || function() {
      };
      var post = cb.post || function() {
      };
      _traverse(opts, pre, post, schema, "", schema);
    };
    traverse.keywords = {
      additionalItems: true,
      items: true,
      contains: true,
      additionalProperties: true,
      propertyNames: true,
      not: true,
      if: true,
      then: true,
      else: true
    };
    traverse.arrayKeywords = {
      items: true,
      allOf: true,
      anyOf: true,
      oneOf: true
    };
    traverse.propsKeywords = {
      $defs: true,
      definitions: true,
      properties: true,
      patternProperties: true,
      dependencies: true
    };
    traverse.skipKeywords = {
      default: true,
      enum: true,
      const: true,
      required: true,
      maximum: true,
      minimum: true,
      exclusiveMaximum: true,
      exclusiveMinimum: true,
      multipleOf: true,
      maxLength: true,
      minLength: true,
      pattern: true,
      format: true,
      maxItems: true,
      minItems: true,
      uniqueItems: true,
      maxProperties: true,
      minProperties: true
    };
    function _traverse(opts, pre, post, schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex) {
      if (schema && typeof schema == "object" && !Array.isArray(schema)) {
        pre(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
        for (var key in schema) {
          var sch = schema[key];
          if (Array.isArray(sch)) {
            if (key in traverse.arrayKeywords) {
              for (var i = 0; i < sch.length; i++)
                _traverse(opts, pre, post, sch[i], jsonPtr + "/" + key + "/" + i, rootSchema, jsonPtr, key, schema, i);
            }
          } else if (key in traverse.propsKeywords) {
            if (sch && typeof sch == "object") {
              for (var prop in sch)
                _traverse(opts, pre, post, sch[prop], jsonPtr + "/" + key + "/" + escapeJsonPtr(prop), rootSchema, jsonPtr, key, schema, prop);
            }
          } else if (key in traverse.keywords || opts.allKeys && !(key in traverse.skipKeywords)) {
            _traverse(opts, pre, post, sch, jsonPtr + "/" + key, rootSchema, jsonPtr, key, schema);
          }
        }
        post(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
      }
    }
    function escapeJsonPtr(str) {
      return str.replace(/~/g, "~0").replace(/\//g, "~1");
    }
  }
});

// node_modules/ajv/dist/compile/resolve.js
var require_resolve = __commonJS({
  "node_modules/ajv/dist/compile/resolve.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getSchemaRefs = exports.resolveUrl = exports.normalizeId = exports._getFullPath = exports.getFullPath = exports.inlineRef = void 0;
    var util_1 = require_util();
    var equal = require_fast_deep_equal();
    var traverse = require_json_schema_traverse();
    var SIMPLE_INLINED = /* @__PURE__ */ new Set([
      "type",
      "format",
      "pattern",
      "maxLength",
      "minLength",
      "maxProperties",
      "minProperties",
      "maxItems",
      "minItems",
      "maximum",
      "minimum",
      "uniqueItems",
      "multipleOf",
      "required",
      "enum",
      "const"
    ]);
    function inlineRef(schema, limit = true) {
      if (typeof schema == "boolean")
        return true;
      if (limit === true)
        return !hasRef(schema);
      if (!limit)
        return false;
      return countKeys(schema) <= limit;
    }
    exports.inlineRef = inlineRef;
    var REF_KEYWORDS = /* @__PURE__ */ new Set([
      "$ref",
      "$recursiveRef",
      "$recursiveAnchor",
      "$dynamicRef",
      "$dynamicAnchor"
    ]);
    function hasRef(schema) {
      for (const key in schema) {
        if (REF_KEYWORDS.has(key))
          return true;
        const sch = schema[key];
        if (Array.isArray(sch) && sch.some(hasRef))
          return true;
        if (typeof sch == "object" && hasRef(sch))
          return true;
      }
      return false;
    }
    function countKeys(schema) {
      let count = 0;
      for (const key in schema) {
        if (key === "$ref")
          return Infinity;
        count++;
        if (SIMPLE_INLINED.has(key))
          continue;
        if (typeof schema[key] == "object") {
          (0, util_1.eachItem)(schema[key], (sch) => count += countKeys(sch));
        }
        if (count === Infinity)
          return Infinity;
      }
      return count;
    }
    function getFullPath(resolver, id = "", normalize) {
      if (normalize !== false)
        id = normalizeId(id);
      const p = resolver.parse(id);
      return _getFullPath(resolver, p);
    }
    exports.getFullPath = getFullPath;
    function _getFullPath(resolver, p) {
      const serialized = resolver.serialize(p);
      return serialized.split("#")[0] + "#";
    }
    exports._getFullPath = _getFullPath;
    var TRAILING_SLASH_HASH = /#\/?$/;
    function normalizeId(id) {
      return id ? id.replace(TRAILING_SLASH_HASH, "") : "";
    }
    exports.normalizeId = normalizeId;
    function resolveUrl(resolver, baseId, id) {
      id = normalizeId(id);
      return resolver.resolve(baseId, id);
    }
    exports.resolveUrl = resolveUrl;
    var ANCHOR = /^[a-z_][-a-z0-9._]*$/i;
    function getSchemaRefs(schema, baseId) {
      if (typeof schema == "boolean")
        return {};
      const { schemaId, uriResolver } = this.opts;
      const schId = normalizeId(schema[schemaId] || baseId);
      const baseIds = { "": schId };
      const pathPrefix = getFullPath(uriResolver, schId, false);
      const localRefs = {};
      const schemaRefs = /* @__PURE__ */ new Set();
      traverse(schema, { allKeys: true }, (sch, jsonPtr, _, parentJsonPtr) => {
        if (parentJsonPtr === void 0)
          return;
        const fullPath = pathPrefix + jsonPtr;
        let innerBaseId = baseIds[parentJsonPtr];
        if (typeof sch[schemaId] == "string")
          innerBaseId = addRef.call(this, sch[schemaId]);
        addAnchor.call(this, sch.$anchor);
        addAnchor.call(this, sch.$dynamicAnchor);
        baseIds[jsonPtr] = innerBaseId;
        function addRef(ref) {
          const _resolve = this.opts.uriResolver.resolve;
          ref = normalizeId(innerBaseId ? _resolve(innerBaseId, ref) : ref);
          if (schemaRefs.has(ref))
            throw ambiguos(ref);
          schemaRefs.add(ref);
          let schOrRef = this.refs[ref];
          if (typeof schOrRef == "string")
            schOrRef = this.refs[schOrRef];
          if (typeof schOrRef == "object") {
            checkAmbiguosRef(sch, schOrRef.schema, ref);
          } else if (ref !== normalizeId(fullPath)) {
            if (ref[0] === "#") {
              checkAmbiguosRef(sch, localRefs[ref], ref);
              localRefs[ref] = sch;
            } else {
              this.refs[ref] = fullPath;
            }
          }
          return ref;
        }
        function addAnchor(anchor) {
          if (typeof anchor == "string") {
            if (!ANCHOR.test(anchor))
              throw new Error(`invalid anchor "${anchor}"`);
            addRef.call(this, `#${anchor}`);
          }
        }
      });
      return localRefs;
      function checkAmbiguosRef(sch1, sch2, ref) {
        if (sch2 !== void 0 && !equal(sch1, sch2))
          throw ambiguos(ref);
      }
      function ambiguos(ref) {
        return new Error(`reference "${ref}" resolves to more than one schema`);
      }
    }
    exports.getSchemaRefs = getSchemaRefs;
  }
});

// node_modules/ajv/dist/compile/validate/index.js
var require_validate = __commonJS({
  "node_modules/ajv/dist/compile/validate/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getData = exports.KeywordCxt = exports.validateFunctionCode = void 0;
    var boolSchema_1 = require_boolSchema();
    var dataType_1 = require_dataType();
    var applicability_1 = require_applicability();
    var dataType_2 = require_dataType();
    var defaults_1 = require_defaults();
    var keyword_1 = require_keyword();
    var subschema_1 = require_subschema();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var resolve_1 = require_resolve();
    var util_1 = require_util();
    var errors_1 = require_errors();
    function validateFunctionCode(it) {
      if (isSchemaObj(it)) {
        checkKeywords(it);
        if (schemaCxtHasRules(it)) {
          topSchemaObjCode(it);
          return;
        }
      }
      validateFunction(it, () => (0, boolSchema_1.topBoolOrEmptySchema)(it));
    }
    exports.validateFunctionCode = validateFunctionCode;
    function validateFunction({ gen, validateName, schema, schemaEnv, opts }, body) {
      if (opts.code.es5) {
        gen.func(validateName, (0, codegen_1._)`${names_1.default.data}, ${names_1.default.valCxt}`, schemaEnv.$async, () => {
          gen.code((0, codegen_1._)`"use strict"; ${funcSourceUrl(schema, opts)}`);
          destructureValCxtES5(gen, opts);
          gen.code(body);
        });
      } else {
        gen.func(validateName, (0, codegen_1._)`${names_1.default.data}, ${destructureValCxt(opts)}`, schemaEnv.$async, () => gen.code(funcSourceUrl(schema, opts)).code(body));
      }
    }
    function destructureValCxt(opts) {
      return (0, codegen_1._)`{${names_1.default.instancePath}="", ${names_1.default.parentData}, ${names_1.default.parentDataProperty}, ${names_1.default.rootData}=${names_1.default.data}${opts.dynamicRef ? (0, codegen_1._)`, ${names_1.default.dynamicAnchors}={}` : codegen_1.nil}}={}`;
    }
    function destructureValCxtES5(gen, opts) {
      gen.if(names_1.default.valCxt, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.instancePath}`);
        gen.var(names_1.default.parentData, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.parentData}`);
        gen.var(names_1.default.parentDataProperty, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.parentDataProperty}`);
        gen.var(names_1.default.rootData, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.rootData}`);
        if (opts.dynamicRef)
          gen.var(names_1.default.dynamicAnchors, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.dynamicAnchors}`);
      }, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._)`""`);
        gen.var(names_1.default.parentData, (0, codegen_1._)`undefined`);
        gen.var(names_1.default.parentDataProperty, (0, codegen_1._)`undefined`);
        gen.var(names_1.default.rootData, names_1.default.data);
        if (opts.dynamicRef)
          gen.var(names_1.default.dynamicAnchors, (0, codegen_1._)`{}`);
      });
    }
    function topSchemaObjCode(it) {
      const { schema, opts, gen } = it;
      validateFunction(it, () => {
        if (opts.$comment && schema.$comment)
          commentKeyword(it);
        checkNoDefault(it);
        gen.let(names_1.default.vErrors, null);
        gen.let(names_1.default.errors, 0);
        if (opts.unevaluated)
          resetEvaluated(it);
        typeAndKeywords(it);
        returnResults(it);
      });
      return;
    }
    function resetEvaluated(it) {
      const { gen, validateName } = it;
      it.evaluated = gen.const("evaluated", (0, codegen_1._)`${validateName}.evaluated`);
      gen.if((0, codegen_1._)`${it.evaluated}.dynamicProps`, () => gen.assign((0, codegen_1._)`${it.evaluated}.props`, (0, codegen_1._)`undefined`));
      gen.if((0, codegen_1._)`${it.evaluated}.dynamicItems`, () => gen.assign((0, codegen_1._)`${it.evaluated}.items`, (0, codegen_1._)`undefined`));
    }
    function funcSourceUrl(schema, opts) {
      const schId = typeof schema == "object" && schema[opts.schemaId];
      return schId && (opts.code.source || opts.code.process) ? (0, codegen_1._)`/*# sourceURL=${schId} */` : codegen_1.nil;
    }
    function subschemaCode(it, valid) {
      if (isSchemaObj(it)) {
        checkKeywords(it);
        if (schemaCxtHasRules(it)) {
          subSchemaObjCode(it, valid);
          return;
        }
      }
      (0, boolSchema_1.boolOrEmptySchema)(it, valid);
    }
    function schemaCxtHasRules({ schema, self }) {
      if (typeof schema == "boolean")
        return !schema;
      for (const key in schema)
        if (self.RULES.all[key])
          return true;
      return false;
    }
    function isSchemaObj(it) {
      return typeof it.schema != "boolean";
    }
    function subSchemaObjCode(it, valid) {
      const { schema, gen, opts } = it;
      if (opts.$comment && schema.$comment)
        commentKeyword(it);
      updateContext(it);
      checkAsyncSchema(it);
      const errsCount = gen.const("_errs", names_1.default.errors);
      typeAndKeywords(it, errsCount);
      gen.var(valid, (0, codegen_1._)`${errsCount} === ${names_1.default.errors}`);
    }
    function checkKeywords(it) {
      (0, util_1.checkUnknownRules)(it);
      checkRefsAndKeywords(it);
    }
    function typeAndKeywords(it, errsCount) {
      if (it.opts.jtd)
        return schemaKeywords(it, [], false, errsCount);
      const types = (0, dataType_1.getSchemaTypes)(it.schema);
      const checkedTypes = (0, dataType_1.coerceAndCheckDataType)(it, types);
      schemaKeywords(it, types, !checkedTypes, errsCount);
    }
    function checkRefsAndKeywords(it) {
      const { schema, errSchemaPath, opts, self } = it;
      if (schema.$ref && opts.ignoreKeywordsWithRef && (0, util_1.schemaHasRulesButRef)(schema, self.RULES)) {
        self.logger.warn(`$ref: keywords ignored in schema at path "${errSchemaPath}"`);
      }
    }
    function checkNoDefault(it) {
      const { schema, opts } = it;
      if (schema.default !== void 0 && opts.useDefaults && opts.strictSchema) {
        (0, util_1.checkStrictMode)(it, "default is ignored in the schema root");
      }
    }
    function updateContext(it) {
      const schId = it.schema[it.opts.schemaId];
      if (schId)
        it.baseId = (0, resolve_1.resolveUrl)(it.opts.uriResolver, it.baseId, schId);
    }
    function checkAsyncSchema(it) {
      if (it.schema.$async && !it.schemaEnv.$async)
        throw new Error("async schema in sync schema");
    }
    function commentKeyword({ gen, schemaEnv, schema, errSchemaPath, opts }) {
      const msg = schema.$comment;
      if (opts.$comment === true) {
        gen.code((0, codegen_1._)`${names_1.default.self}.logger.log(${msg})`);
      } else if (typeof opts.$comment == "function") {
        const schemaPath = (0, codegen_1.str)`${errSchemaPath}/$comment`;
        const rootName = gen.scopeValue("root", { ref: schemaEnv.root });
        gen.code((0, codegen_1._)`${names_1.default.self}.opts.$comment(${msg}, ${schemaPath}, ${rootName}.schema)`);
      }
    }
    function returnResults(it) {
      const { gen, schemaEnv, validateName, ValidationError, opts } = it;
      if (schemaEnv.$async) {
        gen.if((0, codegen_1._)`${names_1.default.errors} === 0`, () => gen.return(names_1.default.data), () => gen.throw((0, codegen_1._)`new ${ValidationError}(${names_1.default.vErrors})`));
      } else {
        gen.assign((0, codegen_1._)`${validateName}.errors`, names_1.default.vErrors);
        if (opts.unevaluated)
          assignEvaluated(it);
        gen.return((0, codegen_1._)`${names_1.default.errors} === 0`);
      }
    }
    function assignEvaluated({ gen, evaluated, props, items }) {
      if (props instanceof codegen_1.Name)
        gen.assign((0, codegen_1._)`${evaluated}.props`, props);
      if (items instanceof codegen_1.Name)
        gen.assign((0, codegen_1._)`${evaluated}.items`, items);
    }
    function schemaKeywords(it, types, typeErrors, errsCount) {
      const { gen, schema, data, allErrors, opts, self } = it;
      const { RULES: RULES2 } = self;
      if (schema.$ref && (opts.ignoreKeywordsWithRef || !(0, util_1.schemaHasRulesButRef)(schema, RULES2))) {
        gen.block(() => keywordCode(it, "$ref", RULES2.all.$ref.definition));
        return;
      }
      if (!opts.jtd)
        checkStrictTypes(it, types);
      gen.block(() => {
        for (const group of RULES2.rules)
          groupKeywords(group);
        groupKeywords(RULES2.post);
      });
      function groupKeywords(group) {
        if (!(0, applicability_1.shouldUseGroup)(schema, group))
          return;
        if (group.type) {
          gen.if((0, dataType_2.checkDataType)(group.type, data, opts.strictNumbers));
          iterateKeywords(it, group);
          if (types.length === 1 && types[0] === group.type && typeErrors) {
            gen.else();
            (0, dataType_2.reportTypeError)(it);
          }
          gen.endIf();
        } else {
          iterateKeywords(it, group);
        }
        if (!allErrors)
          gen.if((0, codegen_1._)`${names_1.default.errors} === ${errsCount || 0}`);
      }
    }
    function iterateKeywords(it, group) {
      const { gen, schema, opts: { useDefaults } } = it;
      if (useDefaults)
        (0, defaults_1.assignDefaults)(it, group.type);
      gen.block(() => {
        for (const rule of group.rules) {
          if ((0, applicability_1.shouldUseRule)(schema, rule)) {
            keywordCode(it, rule.keyword, rule.definition, group.type);
          }
        }
      });
    }
    function checkStrictTypes(it, types) {
      if (it.schemaEnv.meta || !it.opts.strictTypes)
        return;
      checkContextTypes(it, types);
      if (!it.opts.allowUnionTypes)
        checkMultipleTypes(it, types);
      checkKeywordTypes(it, it.dataTypes);
    }
    function checkContextTypes(it, types) {
      if (!types.length)
        return;
      if (!it.dataTypes.length) {
        it.dataTypes = types;
        return;
      }
      types.forEach((t) => {
        if (!includesType(it.dataTypes, t)) {
          strictTypesError(it, `type "${t}" not allowed by context "${it.dataTypes.join(",")}"`);
        }
      });
      narrowSchemaTypes(it, types);
    }
    function checkMultipleTypes(it, ts) {
      if (ts.length > 1 && !(ts.length === 2 && ts.includes("null"))) {
        strictTypesError(it, "use allowUnionTypes to allow union type keyword");
      }
    }
    function checkKeywordTypes(it, ts) {
      const rules = it.self.RULES.all;
      for (const keyword in rules) {
        const rule = rules[keyword];
        if (typeof rule == "object" && (0, applicability_1.shouldUseRule)(it.schema, rule)) {
          const { type } = rule.definition;
          if (type.length && !type.some((t) => hasApplicableType(ts, t))) {
            strictTypesError(it, `missing type "${type.join(",")}" for keyword "${keyword}"`);
          }
        }
      }
    }
    function hasApplicableType(schTs, kwdT) {
      return schTs.includes(kwdT) || kwdT === "number" && schTs.includes("integer");
    }
    function includesType(ts, t) {
      return ts.includes(t) || t === "integer" && ts.includes("number");
    }
    function narrowSchemaTypes(it, withTypes) {
      const ts = [];
      for (const t of it.dataTypes) {
        if (includesType(withTypes, t))
          ts.push(t);
        else if (withTypes.includes("integer") && t === "number")
          ts.push("integer");
      }
      it.dataTypes = ts;
    }
    function strictTypesError(it, msg) {
      const schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
      msg += ` at "${schemaPath}" (strictTypes)`;
      (0, util_1.checkStrictMode)(it, msg, it.opts.strictTypes);
    }
    var KeywordCxt = class {
      constructor(it, def, keyword) {
        (0, keyword_1.validateKeywordUsage)(it, def, keyword);
        this.gen = it.gen;
        this.allErrors = it.allErrors;
        this.keyword = keyword;
        this.data = it.data;
        this.schema = it.schema[keyword];
        this.$data = def.$data && it.opts.$data && this.schema && this.schema.$data;
        this.schemaValue = (0, util_1.schemaRefOrVal)(it, this.schema, keyword, this.$data);
        this.schemaType = def.schemaType;
        this.parentSchema = it.schema;
        this.params = {};
        this.it = it;
        this.def = def;
        if (this.$data) {
          this.schemaCode = it.gen.const("vSchema", getData(this.$data, it));
        } else {
          this.schemaCode = this.schemaValue;
          if (!(0, keyword_1.validSchemaType)(this.schema, def.schemaType, def.allowUndefined)) {
            throw new Error(`${keyword} value must be ${JSON.stringify(def.schemaType)}`);
          }
        }
        if ("code" in def ? def.trackErrors : def.errors !== false) {
          this.errsCount = it.gen.const("_errs", names_1.default.errors);
        }
      }
      result(condition, successAction, failAction) {
        this.failResult((0, codegen_1.not)(condition), successAction, failAction);
      }
      failResult(condition, successAction, failAction) {
        this.gen.if(condition);
        if (failAction)
          failAction();
        else
          this.error();
        if (successAction) {
          this.gen.else();
          successAction();
          if (this.allErrors)
            this.gen.endIf();
        } else {
          if (this.allErrors)
            this.gen.endIf();
          else
            this.gen.else();
        }
      }
      pass(condition, failAction) {
        this.failResult((0, codegen_1.not)(condition), void 0, failAction);
      }
      fail(condition) {
        if (condition === void 0) {
          this.error();
          if (!this.allErrors)
            this.gen.if(false);
          return;
        }
        this.gen.if(condition);
        this.error();
        if (this.allErrors)
          this.gen.endIf();
        else
          this.gen.else();
      }
      fail$data(condition) {
        if (!this.$data)
          return this.fail(condition);
        const { schemaCode } = this;
        this.fail((0, codegen_1._)`${schemaCode} !== undefined && (${(0, codegen_1.or)(this.invalid$data(), condition)})`);
      }
      error(append, errorParams, errorPaths) {
        if (errorParams) {
          this.setParams(errorParams);
          this._error(append, errorPaths);
          this.setParams({});
          return;
        }
        this._error(append, errorPaths);
      }
      _error(append, errorPaths) {
        ;
        (append ? errors_1.reportExtraError : errors_1.reportError)(this, this.def.error, errorPaths);
      }
      $dataError() {
        (0, errors_1.reportError)(this, this.def.$dataError || errors_1.keyword$DataError);
      }
      reset() {
        if (this.errsCount === void 0)
          throw new Error('add "trackErrors" to keyword definition');
        (0, errors_1.resetErrorsCount)(this.gen, this.errsCount);
      }
      ok(cond) {
        if (!this.allErrors)
          this.gen.if(cond);
      }
      setParams(obj, assign) {
        if (assign)
          Object.assign(this.params, obj);
        else
          this.params = obj;
      }
      block$data(valid, codeBlock, $dataValid = codegen_1.nil) {
        this.gen.block(() => {
          this.check$data(valid, $dataValid);
          codeBlock();
        });
      }
      check$data(valid = codegen_1.nil, $dataValid = codegen_1.nil) {
        if (!this.$data)
          return;
        const { gen, schemaCode, schemaType, def } = this;
        gen.if((0, codegen_1.or)((0, codegen_1._)`${schemaCode} === undefined`, $dataValid));
        if (valid !== codegen_1.nil)
          gen.assign(valid, true);
        if (schemaType.length || def.validateSchema) {
          gen.elseIf(this.invalid$data());
          this.$dataError();
          if (valid !== codegen_1.nil)
            gen.assign(valid, false);
        }
        gen.else();
      }
      invalid$data() {
        const { gen, schemaCode, schemaType, def, it } = this;
        return (0, codegen_1.or)(wrong$DataType(), invalid$DataSchema());
        function wrong$DataType() {
          if (schemaType.length) {
            if (!(schemaCode instanceof codegen_1.Name))
              throw new Error("ajv implementation error");
            const st = Array.isArray(schemaType) ? schemaType : [schemaType];
            return (0, codegen_1._)`${(0, dataType_2.checkDataTypes)(st, schemaCode, it.opts.strictNumbers, dataType_2.DataType.Wrong)}`;
          }
          return codegen_1.nil;
        }
        function invalid$DataSchema() {
          if (def.validateSchema) {
            const validateSchemaRef = gen.scopeValue("validate$data", { ref: def.validateSchema });
            return (0, codegen_1._)`!${validateSchemaRef}(${schemaCode})`;
          }
          return codegen_1.nil;
        }
      }
      subschema(appl, valid) {
        const subschema = (0, subschema_1.getSubschema)(this.it, appl);
        (0, subschema_1.extendSubschemaData)(subschema, this.it, appl);
        (0, subschema_1.extendSubschemaMode)(subschema, appl);
        const nextContext = { ...this.it, ...subschema, items: void 0, props: void 0 };
        subschemaCode(nextContext, valid);
        return nextContext;
      }
      mergeEvaluated(schemaCxt, toName) {
        const { it, gen } = this;
        if (!it.opts.unevaluated)
          return;
        if (it.props !== true && schemaCxt.props !== void 0) {
          it.props = util_1.mergeEvaluated.props(gen, schemaCxt.props, it.props, toName);
        }
        if (it.items !== true && schemaCxt.items !== void 0) {
          it.items = util_1.mergeEvaluated.items(gen, schemaCxt.items, it.items, toName);
        }
      }
      mergeValidEvaluated(schemaCxt, valid) {
        const { it, gen } = this;
        if (it.opts.unevaluated && (it.props !== true || it.items !== true)) {
          gen.if(valid, () => this.mergeEvaluated(schemaCxt, codegen_1.Name));
          return true;
        }
      }
    };
    exports.KeywordCxt = KeywordCxt;
    function keywordCode(it, keyword, def, ruleType) {
      const cxt = new KeywordCxt(it, def, keyword);
      if ("code" in def) {
        def.code(cxt, ruleType);
      } else if (cxt.$data && def.validate) {
        (0, keyword_1.funcKeywordCode)(cxt, def);
      } else if ("macro" in def) {
        (0, keyword_1.macroKeywordCode)(cxt, def);
      } else if (def.compile || def.validate) {
        (0, keyword_1.funcKeywordCode)(cxt, def);
      }
    }
    var JSON_POINTER = /^\/(?:[^~]|~0|~1)*$/;
    var RELATIVE_JSON_POINTER = /^([0-9]+)(#|\/(?:[^~]|~0|~1)*)?$/;
    function getData($data, { dataLevel, dataNames, dataPathArr }) {
      let jsonPointer;
      let data;
      if ($data === "")
        return names_1.default.rootData;
      if ($data[0] === "/") {
        if (!JSON_POINTER.test($data))
          throw new Error(`Invalid JSON-pointer: ${$data}`);
        jsonPointer = $data;
        data = names_1.default.rootData;
      } else {
        const matches = RELATIVE_JSON_POINTER.exec($data);
        if (!matches)
          throw new Error(`Invalid JSON-pointer: ${$data}`);
        const up = +matches[1];
        jsonPointer = matches[2];
        if (jsonPointer === "#") {
          if (up >= dataLevel)
            throw new Error(errorMsg("property/index", up));
          return dataPathArr[dataLevel - up];
        }
        if (up > dataLevel)
          throw new Error(errorMsg("data", up));
        data = dataNames[dataLevel - up];
        if (!jsonPointer)
          return data;
      }
      let expr = data;
      const segments = jsonPointer.split("/");
      for (const segment of segments) {
        if (segment) {
          data = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)((0, util_1.unescapeJsonPointer)(segment))}`;
          expr = (0, codegen_1._)`${expr} && ${data}`;
        }
      }
      return expr;
      function errorMsg(pointerType, up) {
        return `Cannot access ${pointerType} ${up} levels up, current level is ${dataLevel}`;
      }
    }
    exports.getData = getData;
  }
});

// node_modules/ajv/dist/runtime/validation_error.js
var require_validation_error = __commonJS({
  "node_modules/ajv/dist/runtime/validation_error.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var ValidationError = class extends Error {
      constructor(errors) {
        super("validation failed");
        this.errors = errors;
        this.ajv = this.validation = true;
      }
    };
    exports.default = ValidationError;
  }
});

// node_modules/ajv/dist/compile/ref_error.js
var require_ref_error = __commonJS({
  "node_modules/ajv/dist/compile/ref_error.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var resolve_1 = require_resolve();
    var MissingRefError = class extends Error {
      constructor(resolver, baseId, ref, msg) {
        super(msg || `can't resolve reference ${ref} from id ${baseId}`);
        this.missingRef = (0, resolve_1.resolveUrl)(resolver, baseId, ref);
        this.missingSchema = (0, resolve_1.normalizeId)((0, resolve_1.getFullPath)(resolver, this.missingRef));
      }
    };
    exports.default = MissingRefError;
  }
});

// node_modules/ajv/dist/compile/index.js
var require_compile = __commonJS({
  "node_modules/ajv/dist/compile/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.resolveSchema = exports.getCompilingSchema = exports.resolveRef = exports.compileSchema = exports.SchemaEnv = void 0;
    var codegen_1 = require_codegen();
    var validation_error_1 = require_validation_error();
    var names_1 = require_names();
    var resolve_1 = require_resolve();
    var util_1 = require_util();
    var validate_1 = require_validate();
    var SchemaEnv = class {
      constructor(env) {
        var _a;
        this.refs = {};
        this.dynamicAnchors = {};
        let schema;
        if (typeof env.schema == "object")
          schema = env.schema;
        this.schema = env.schema;
        this.schemaId = env.schemaId;
        this.root = env.root || this;
        this.baseId = (_a = env.baseId) !== null && _a !== void 0 ? _a : (0, resolve_1.normalizeId)(schema === null || schema === void 0 ? void 0 : schema[env.schemaId || "$id"]);
        this.schemaPath = env.schemaPath;
        this.localRefs = env.localRefs;
        this.meta = env.meta;
        this.$async = schema === null || schema === void 0 ? void 0 : schema.$async;
        this.refs = {};
      }
    };
    exports.SchemaEnv = SchemaEnv;
    function compileSchema(sch) {
      const _sch = getCompilingSchema.call(this, sch);
      if (_sch)
        return _sch;
      const rootId = (0, resolve_1.getFullPath)(this.opts.uriResolver, sch.root.baseId);
      const { es5, lines } = this.opts.code;
      const { ownProperties } = this.opts;
      const gen = new codegen_1.CodeGen(this.scope, { es5, lines, ownProperties });
      let _ValidationError;
      if (sch.$async) {
        _ValidationError = gen.scopeValue("Error", {
          ref: validation_error_1.default,
          code: (0, codegen_1._)`require("ajv/dist/runtime/validation_error").default`
        });
      }
      const validateName = gen.scopeName("validate");
      sch.validateName = validateName;
      const schemaCxt = {
        gen,
        allErrors: this.opts.allErrors,
        data: names_1.default.data,
        parentData: names_1.default.parentData,
        parentDataProperty: names_1.default.parentDataProperty,
        dataNames: [names_1.default.data],
        dataPathArr: [codegen_1.nil],
        // TODO can its length be used as dataLevel if nil is removed?
        dataLevel: 0,
        dataTypes: [],
        definedProperties: /* @__PURE__ */ new Set(),
        topSchemaRef: gen.scopeValue("schema", this.opts.code.source === true ? { ref: sch.schema, code: (0, codegen_1.stringify)(sch.schema) } : { ref: sch.schema }),
        validateName,
        ValidationError: _ValidationError,
        schema: sch.schema,
        schemaEnv: sch,
        rootId,
        baseId: sch.baseId || rootId,
        schemaPath: codegen_1.nil,
        errSchemaPath: sch.schemaPath || (this.opts.jtd ? "" : "#"),
        errorPath: (0, codegen_1._)`""`,
        opts: this.opts,
        self: this
      };
      let sourceCode;
      try {
        this._compilations.add(sch);
        (0, validate_1.validateFunctionCode)(schemaCxt);
        gen.optimize(this.opts.code.optimize);
        const validateCode = gen.toString();
        sourceCode = `${gen.scopeRefs(names_1.default.scope)}return ${validateCode}`;
        if (this.opts.code.process)
          sourceCode = this.opts.code.process(sourceCode, sch);
        const makeValidate = new Function(`${names_1.default.self}`, `${names_1.default.scope}`, sourceCode);
        const validate = makeValidate(this, this.scope.get());
        this.scope.value(validateName, { ref: validate });
        validate.errors = null;
        validate.schema = sch.schema;
        validate.schemaEnv = sch;
        if (sch.$async)
          validate.$async = true;
        if (this.opts.code.source === true) {
          validate.source = { validateName, validateCode, scopeValues: gen._values };
        }
        if (this.opts.unevaluated) {
          const { props, items } = schemaCxt;
          validate.evaluated = {
            props: props instanceof codegen_1.Name ? void 0 : props,
            items: items instanceof codegen_1.Name ? void 0 : items,
            dynamicProps: props instanceof codegen_1.Name,
            dynamicItems: items instanceof codegen_1.Name
          };
          if (validate.source)
            validate.source.evaluated = (0, codegen_1.stringify)(validate.evaluated);
        }
        sch.validate = validate;
        return sch;
      } catch (e) {
        delete sch.validate;
        delete sch.validateName;
        if (sourceCode)
          this.logger.error("Error compiling schema, function code:", sourceCode);
        throw e;
      } finally {
        this._compilations.delete(sch);
      }
    }
    exports.compileSchema = compileSchema;
    function resolveRef(root, baseId, ref) {
      var _a;
      ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, ref);
      const schOrFunc = root.refs[ref];
      if (schOrFunc)
        return schOrFunc;
      let _sch = resolve6.call(this, root, ref);
      if (_sch === void 0) {
        const schema = (_a = root.localRefs) === null || _a === void 0 ? void 0 : _a[ref];
        const { schemaId } = this.opts;
        if (schema)
          _sch = new SchemaEnv({ schema, schemaId, root, baseId });
      }
      if (_sch === void 0)
        return;
      return root.refs[ref] = inlineOrCompile.call(this, _sch);
    }
    exports.resolveRef = resolveRef;
    function inlineOrCompile(sch) {
      if ((0, resolve_1.inlineRef)(sch.schema, this.opts.inlineRefs))
        return sch.schema;
      return sch.validate ? sch : compileSchema.call(this, sch);
    }
    function getCompilingSchema(schEnv) {
      for (const sch of this._compilations) {
        if (sameSchemaEnv(sch, schEnv))
          return sch;
      }
    }
    exports.getCompilingSchema = getCompilingSchema;
    function sameSchemaEnv(s1, s2) {
      return s1.schema === s2.schema && s1.root === s2.root && s1.baseId === s2.baseId;
    }
    function resolve6(root, ref) {
      let sch;
      while (typeof (sch = this.refs[ref]) == "string")
        ref = sch;
      return sch || this.schemas[ref] || resolveSchema.call(this, root, ref);
    }
    function resolveSchema(root, ref) {
      const p = this.opts.uriResolver.parse(ref);
      const refPath = (0, resolve_1._getFullPath)(this.opts.uriResolver, p);
      let baseId = (0, resolve_1.getFullPath)(this.opts.uriResolver, root.baseId, void 0);
      if (Object.keys(root.schema).length > 0 && refPath === baseId) {
        return getJsonPointer.call(this, p, root);
      }
      const id = (0, resolve_1.normalizeId)(refPath);
      const schOrRef = this.refs[id] || this.schemas[id];
      if (typeof schOrRef == "string") {
        const sch = resolveSchema.call(this, root, schOrRef);
        if (typeof (sch === null || sch === void 0 ? void 0 : sch.schema) !== "object")
          return;
        return getJsonPointer.call(this, p, sch);
      }
      if (typeof (schOrRef === null || schOrRef === void 0 ? void 0 : schOrRef.schema) !== "object")
        return;
      if (!schOrRef.validate)
        compileSchema.call(this, schOrRef);
      if (id === (0, resolve_1.normalizeId)(ref)) {
        const { schema } = schOrRef;
        const { schemaId } = this.opts;
        const schId = schema[schemaId];
        if (schId)
          baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
        return new SchemaEnv({ schema, schemaId, root, baseId });
      }
      return getJsonPointer.call(this, p, schOrRef);
    }
    exports.resolveSchema = resolveSchema;
    var PREVENT_SCOPE_CHANGE = /* @__PURE__ */ new Set([
      "properties",
      "patternProperties",
      "enum",
      "dependencies",
      "definitions"
    ]);
    function getJsonPointer(parsedRef, { baseId, schema, root }) {
      var _a;
      if (((_a = parsedRef.fragment) === null || _a === void 0 ? void 0 : _a[0]) !== "/")
        return;
      for (const part of parsedRef.fragment.slice(1).split("/")) {
        if (typeof schema === "boolean")
          return;
        const partSchema = schema[(0, util_1.unescapeFragment)(part)];
        if (partSchema === void 0)
          return;
        schema = partSchema;
        const schId = typeof schema === "object" && schema[this.opts.schemaId];
        if (!PREVENT_SCOPE_CHANGE.has(part) && schId) {
          baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
        }
      }
      let env;
      if (typeof schema != "boolean" && schema.$ref && !(0, util_1.schemaHasRulesButRef)(schema, this.RULES)) {
        const $ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schema.$ref);
        env = resolveSchema.call(this, root, $ref);
      }
      const { schemaId } = this.opts;
      env = env || new SchemaEnv({ schema, schemaId, root, baseId });
      if (env.schema !== env.root.schema)
        return env;
      return void 0;
    }
  }
});

// node_modules/ajv/dist/refs/data.json
var require_data = __commonJS({
  "node_modules/ajv/dist/refs/data.json"(exports, module) {
    module.exports = {
      $id: "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#",
      description: "Meta-schema for $data reference (JSON AnySchema extension proposal)",
      type: "object",
      required: ["$data"],
      properties: {
        $data: {
          type: "string",
          anyOf: [{ format: "relative-json-pointer" }, { format: "json-pointer" }]
        }
      },
      additionalProperties: false
    };
  }
});

// node_modules/fast-uri/lib/utils.js
var require_utils = __commonJS({
  "node_modules/fast-uri/lib/utils.js"(exports, module) {
    "use strict";
    var isUUID = RegExp.prototype.test.bind(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/iu);
    var isIPv4 = RegExp.prototype.test.bind(/^(?:(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)$/u);
    var isPort = RegExp.prototype.test.bind(/^\d*$/u);
    var isHexPair = RegExp.prototype.test.bind(/^[\da-f]{2}$/iu);
    var isUnreserved = RegExp.prototype.test.bind(/^[\da-z\-._~]$/iu);
    var isPathCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/u);
    var isQueryFragmentCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/u);
    var isUserinfoCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:]$/u);
    var BYTE_HEX = new Array(256);
    {
      const HEX_DIGITS = "0123456789ABCDEF";
      for (let i = 0; i < 256; i++) {
        BYTE_HEX[i] = "%" + HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 15];
      }
    }
    function percentEncodeNonAscii(cp) {
      if (cp < 2048) {
        return BYTE_HEX[192 | cp >> 6] + BYTE_HEX[128 | cp & 63];
      }
      if (cp < 65536) {
        return BYTE_HEX[224 | cp >> 12] + BYTE_HEX[128 | cp >> 6 & 63] + BYTE_HEX[128 | cp & 63];
      }
      return BYTE_HEX[240 | cp >> 18] + BYTE_HEX[128 | cp >> 12 & 63] + BYTE_HEX[128 | cp >> 6 & 63] + BYTE_HEX[128 | cp & 63];
    }
    function stringArrayToHexStripped(input) {
      let acc = "";
      let code = 0;
      let i = 0;
      for (i = 0; i < input.length; i++) {
        code = input[i].charCodeAt(0);
        if (code === 48) {
          continue;
        }
        if (!(code >= 48 && code <= 57 || code >= 65 && code <= 70 || code >= 97 && code <= 102)) {
          return "";
        }
        acc += input[i];
        break;
      }
      for (i += 1; i < input.length; i++) {
        code = input[i].charCodeAt(0);
        if (!(code >= 48 && code <= 57 || code >= 65 && code <= 70 || code >= 97 && code <= 102)) {
          return "";
        }
        acc += input[i];
      }
      return acc;
    }
    var isHextet = RegExp.prototype.test.bind(/^[\dA-Fa-f]{1,4}$/);
    var isIPvFuture = RegExp.prototype.test.bind(/^[vV][\dA-Fa-f]+\.[A-Za-z\d\-._~!$&'()*+,;=:]+$/);
    var isZoneCharacter = RegExp.prototype.test.bind(/^[A-Za-z\d\-._~]$/);
    var nonSimpleDomain = RegExp.prototype.test.bind(/[^!"$&'()*+,\-.;=_`a-z{}~]/u);
    function isZoneIdentifier(zone) {
      if (zone.length === 0) return false;
      for (let i = 0; i < zone.length; i++) {
        if (isZoneCharacter(zone[i])) continue;
        if (zone[i] === "%" && i + 2 < zone.length && isHexPair(zone.slice(i + 1, i + 3))) {
          i += 2;
          continue;
        }
        return false;
      }
      return true;
    }
    function compressIPv6ZeroRun(hextets) {
      let bestStart = -1;
      let bestLength = 0;
      let runStart = -1;
      let runLength = 0;
      for (let i = 0; i < hextets.length; i++) {
        if (hextets[i] === "0") {
          if (runStart === -1) runStart = i;
          runLength++;
          if (runLength > bestLength) {
            bestLength = runLength;
            bestStart = runStart;
          }
        } else {
          runStart = -1;
          runLength = 0;
        }
      }
      if (bestLength < 2) return hextets.join(":");
      const head = hextets.slice(0, bestStart).join(":");
      const tail = hextets.slice(bestStart + bestLength).join(":");
      return head + "::" + tail;
    }
    function normalizeIPv6Address(input) {
      const compression = input.indexOf("::");
      if (compression !== -1 && input.indexOf("::", compression + 1) !== -1) return void 0;
      const left = compression === -1 ? input.split(":") : input.slice(0, compression).split(":");
      const right = compression === -1 ? [] : input.slice(compression + 2).split(":");
      if (compression !== -1) {
        if (left.length === 1 && left[0] === "") left.length = 0;
        if (right.length === 1 && right[0] === "") right.length = 0;
      }
      const parts = left.concat(right);
      let hextetCount = 0;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i];
        if (part === "") return void 0;
        if (part.indexOf(".") !== -1) {
          if (i !== parts.length - 1 || compression !== -1 && right.length === 0 || !isIPv4(part)) return void 0;
          hextetCount += 2;
          continue;
        }
        if (!isHextet(part)) return void 0;
        parts[i] = parseInt(part, 16).toString(16);
        hextetCount++;
      }
      if (compression === -1) {
        if (hextetCount !== 8) return void 0;
        return compressIPv6ZeroRun(parts);
      }
      if (hextetCount >= 8) return void 0;
      const expanded = parts.slice(0, left.length);
      for (let i = hextetCount; i < 8; i++) expanded.push("0");
      for (let i = left.length; i < parts.length; i++) expanded.push(parts[i]);
      return compressIPv6ZeroRun(expanded);
    }
    function normalizeIPv6(host) {
      const bracketed = host[0] === "[" && host[host.length - 1] === "]";
      const hasBracket = host[0] === "[" || host[host.length - 1] === "]";
      if (hasBracket && !bracketed) return { host, isIPV6: false, error: true };
      let input = bracketed ? host.slice(1, -1) : host;
      if (bracketed && isIPvFuture(input)) {
        input = input.toLowerCase();
        return { host: `[${input}]`, escapedHost: input, isIPV6: false, isIPVFuture: true };
      }
      if (findToken(input, ":") < 2) {
        return { host, isIPV6: false, error: bracketed };
      }
      let zoneIdentifier = "";
      const zoneSeparator = input.indexOf("%");
      if (zoneSeparator !== -1) {
        const separatorLength = input.slice(zoneSeparator, zoneSeparator + 3).toLowerCase() === "%25" ? 3 : 1;
        zoneIdentifier = input.slice(zoneSeparator + separatorLength);
        if (!isZoneIdentifier(zoneIdentifier)) return { host, isIPV6: false, error: true };
        input = input.slice(0, zoneSeparator);
      }
      const address = normalizeIPv6Address(input);
      if (address === void 0) return { host, isIPV6: false, error: true };
      return {
        host: address + (zoneIdentifier ? "%" + zoneIdentifier : ""),
        escapedHost: address + (zoneIdentifier ? "%25" + zoneIdentifier : ""),
        isIPV6: true
      };
    }
    function findToken(str, token2) {
      let ind = 0;
      for (let i = 0; i < str.length; i++) {
        if (str[i] === token2) ind++;
      }
      return ind;
    }
    function removeDotSegments(path) {
      let input = path;
      const output = [];
      let nextSlash = -1;
      let len = 0;
      while (len = input.length) {
        if (len === 1) {
          if (input === ".") {
            break;
          } else if (input === "/") {
            output.push("/");
            break;
          } else {
            output.push(input);
            break;
          }
        } else if (len === 2) {
          if (input[0] === ".") {
            if (input[1] === ".") {
              break;
            } else if (input[1] === "/") {
              input = input.slice(2);
              continue;
            }
          } else if (input[0] === "/") {
            if (input[1] === "." || input[1] === "/") {
              output.push("/");
              break;
            }
          }
        } else if (len === 3) {
          if (input === "/..") {
            if (output.length !== 0) {
              output.pop();
            }
            output.push("/");
            break;
          }
        }
        if (input[0] === ".") {
          if (input[1] === ".") {
            if (input[2] === "/") {
              input = input.slice(3);
              continue;
            }
          } else if (input[1] === "/") {
            input = input.slice(2);
            continue;
          }
        } else if (input[0] === "/") {
          if (input[1] === ".") {
            if (input[2] === "/") {
              input = input.slice(2);
              continue;
            } else if (input[2] === ".") {
              if (input[3] === "/") {
                input = input.slice(3);
                if (output.length !== 0) {
                  output.pop();
                }
                continue;
              }
            }
          }
        }
        if ((nextSlash = input.indexOf("/", 1)) === -1) {
          output.push(input);
          break;
        } else {
          output.push(input.slice(0, nextSlash));
          input = input.slice(nextSlash);
        }
      }
      return output.join("");
    }
    function removeDotSegmentsRelative(path) {
      if (path === "" || path[0] === "/") {
        return removeDotSegments(path);
      }
      const segments = path.split("/");
      const last = segments.length - 1;
      const output = [];
      let trailingDirectory = false;
      for (let i = 0; i <= last; i++) {
        const segment = segments[i];
        if (segment === "." || segment === "..") {
          if (segment === "..") {
            if (output.length !== 0 && output[output.length - 1] !== "..") {
              output.pop();
            } else {
              output.push("..");
            }
          }
          trailingDirectory = i === last;
        } else {
          output.push(segment);
        }
      }
      if (trailingDirectory && output[output.length - 1] !== "..") {
        output.push("");
      }
      if (output.length === 0 || output[0] === "" || output[0].includes(":")) {
        output.unshift(".");
      }
      return output.join("/");
    }
    var HOST_DELIMS = { "@": "%40", "/": "%2F", "?": "%3F", "#": "%23", ":": "%3A" };
    var HOST_DELIM_RE = /[@/?#:]/g;
    var HOST_DELIM_NO_COLON_RE = /[@/?#]/g;
    function reescapeHostDelimiters(host, isIP) {
      const re = isIP ? HOST_DELIM_NO_COLON_RE : HOST_DELIM_RE;
      re.lastIndex = 0;
      return host.replace(re, (ch) => HOST_DELIMS[ch]);
    }
    function normalizePercentEncoding(input, decodeUnreserved = false) {
      if (input.indexOf("%") === -1) {
        return input;
      }
      let output = "";
      for (let i = 0; i < input.length; i++) {
        if (input[i] === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            const normalizedHex = hex.toUpperCase();
            const decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            if (decodeUnreserved && isUnreserved(decoded)) {
              output += decoded;
            } else {
              output += "%" + normalizedHex;
            }
            i += 2;
            continue;
          }
        }
        output += input[i];
      }
      return output;
    }
    function normalizePathEncoding(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            const normalizedHex = hex.toUpperCase();
            const decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            if (decoded !== "." && isUnreserved(decoded)) {
              output += decoded;
            } else {
              output += "%" + normalizedHex;
            }
            i += 2;
            continue;
          }
        }
        if (isPathCharacter(ch)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += isEscapeSafe(code) ? ch : BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function serializePathEncoding(input, pathNoScheme = false) {
      let output = "";
      let firstSegment = pathNoScheme && input[0] !== "/";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase();
            i += 2;
            continue;
          }
        }
        if (ch === "/") {
          firstSegment = false;
        }
        if (isPathCharacter(ch) && (ch !== ":" || !firstSegment)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function encodeComponent(input, isAllowed) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase();
            i += 2;
            continue;
          }
        }
        if (isAllowed(ch)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function encodeUserinfo(input) {
      return encodeComponent(input, isUserinfoCharacter);
    }
    function encodeQuery(input) {
      return encodeComponent(input, isQueryFragmentCharacter);
    }
    function encodeFragment(input) {
      return encodeComponent(input, isQueryFragmentCharacter);
    }
    function isEscapeSafe(cp) {
      return cp >= 48 && cp <= 57 || cp >= 65 && cp <= 90 || cp >= 97 && cp <= 122 || cp === 42 || cp === 43 || cp === 45 || cp === 46 || cp === 47 || cp === 64 || cp === 95;
    }
    function normalizeQueryFragmentEncoding(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            const normalizedHex = hex.toUpperCase();
            const decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            if (isUnreserved(decoded)) {
              output += decoded;
            } else {
              output += "%" + normalizedHex;
            }
            i += 2;
            continue;
          }
        }
        if (isQueryFragmentCharacter(ch)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += isEscapeSafe(code) ? ch : BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function escapePreservingEscapes(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        if (input[i] === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase();
            i += 2;
            continue;
          }
        }
        output += escape(input[i]);
      }
      return output;
    }
    function recomposeAuthority(component) {
      const uriTokens = [];
      if (component.userinfo !== void 0) {
        uriTokens.push(encodeUserinfo(component.userinfo));
        uriTokens.push("@");
      }
      if (component.host !== void 0) {
        let host = component.host;
        if (!isIPv4(host)) {
          let ipV6res = normalizeIPv6(host);
          if (ipV6res.isIPV6 !== true && ipV6res.isIPVFuture !== true) {
            host = normalizePercentEncoding(host, true);
            ipV6res = normalizeIPv6(host);
          }
          if (ipV6res.isIPV6 === true || ipV6res.isIPVFuture === true) {
            host = `[${ipV6res.escapedHost}]`;
          } else {
            host = reescapeHostDelimiters(host, false);
          }
        }
        uriTokens.push(host);
      }
      if (typeof component.port === "number" || typeof component.port === "string") {
        const port = String(component.port);
        if (!isPort(port)) {
          throw new TypeError("URI port is malformed.");
        }
        uriTokens.push(":");
        uriTokens.push(port);
      }
      return uriTokens.length ? uriTokens.join("") : void 0;
    }
    module.exports = {
      nonSimpleDomain,
      recomposeAuthority,
      reescapeHostDelimiters,
      normalizePercentEncoding,
      normalizePathEncoding,
      serializePathEncoding,
      normalizeQueryFragmentEncoding,
      encodeUserinfo,
      encodeQuery,
      encodeFragment,
      escapePreservingEscapes,
      removeDotSegments,
      removeDotSegmentsRelative,
      isIPv4,
      isUUID,
      normalizeIPv6,
      stringArrayToHexStripped
    };
  }
});

// node_modules/fast-uri/lib/schemes.js
var require_schemes = __commonJS({
  "node_modules/fast-uri/lib/schemes.js"(exports, module) {
    "use strict";
    var { isUUID } = require_utils();
    var URN_REG = /^([\da-z][\d\-a-z]{0,31}):((?:[\w!$'()*+,\-./:;=@]|%[\da-f]{2})+)$/iu;
    var supportedSchemeNames = (
      /** @type {const} */
      [
        "http",
        "https",
        "ws",
        "wss",
        "urn",
        "urn:uuid"
      ]
    );
    function isValidSchemeName(name) {
      return supportedSchemeNames.indexOf(
        /** @type {*} */
        name
      ) !== -1;
    }
    function wsIsSecure(wsComponent) {
      if (wsComponent.secure === true) {
        return true;
      } else if (wsComponent.secure === false) {
        return false;
      } else if (wsComponent.scheme) {
        return wsComponent.scheme.length === 3 && (wsComponent.scheme[0] === "w" || wsComponent.scheme[0] === "W") && (wsComponent.scheme[1] === "s" || wsComponent.scheme[1] === "S") && (wsComponent.scheme[2] === "s" || wsComponent.scheme[2] === "S");
      } else {
        return false;
      }
    }
    function httpParse(component) {
      if (!component.host) {
        component.error = component.error || "HTTP URIs must have a host.";
      }
      return component;
    }
    function httpSerialize(component) {
      const secure = String(component.scheme).toLowerCase() === "https";
      if (component.port === (secure ? 443 : 80) || component.port === "") {
        component.port = void 0;
      }
      if (!component.path) {
        component.path = "/";
      }
      return component;
    }
    function wsParse(wsComponent) {
      wsComponent.secure = wsIsSecure(wsComponent);
      wsComponent.resourceName = (wsComponent.path || "/") + (wsComponent.query ? "?" + wsComponent.query : "");
      wsComponent.path = void 0;
      wsComponent.query = void 0;
      return wsComponent;
    }
    function wsSerialize(wsComponent) {
      if (wsComponent.port === (wsIsSecure(wsComponent) ? 443 : 80) || wsComponent.port === "") {
        wsComponent.port = void 0;
      }
      if (typeof wsComponent.secure === "boolean") {
        wsComponent.scheme = wsComponent.secure ? "wss" : "ws";
        wsComponent.secure = void 0;
      }
      if (wsComponent.resourceName) {
        const queryIndex = wsComponent.resourceName.indexOf("?");
        const path = queryIndex === -1 ? wsComponent.resourceName : wsComponent.resourceName.slice(0, queryIndex);
        wsComponent.path = path && path !== "/" ? path : void 0;
        wsComponent.query = queryIndex === -1 ? void 0 : wsComponent.resourceName.slice(queryIndex + 1);
        wsComponent.resourceName = void 0;
      }
      wsComponent.fragment = void 0;
      return wsComponent;
    }
    function urnParse(urnComponent, options) {
      if (!urnComponent.path) {
        urnComponent.error = "URN can not be parsed";
        return urnComponent;
      }
      const matches = urnComponent.path.match(URN_REG);
      if (matches && matches[0] === urnComponent.path) {
        const scheme = options.scheme || urnComponent.scheme || "urn";
        urnComponent.nid = matches[1].toLowerCase();
        urnComponent.nss = matches[2];
        const urnScheme = `${scheme}:${options.nid || urnComponent.nid}`;
        const schemeHandler = getSchemeHandler(urnScheme);
        urnComponent.path = void 0;
        if (schemeHandler) {
          urnComponent = schemeHandler.parse(urnComponent, options);
        }
      } else {
        urnComponent.error = urnComponent.error || "URN can not be parsed.";
      }
      return urnComponent;
    }
    function urnSerialize(urnComponent, options) {
      if (urnComponent.nid === void 0) {
        throw new Error("URN without nid cannot be serialized");
      }
      const scheme = options.scheme || urnComponent.scheme || "urn";
      const nid = urnComponent.nid.toLowerCase();
      const urnScheme = `${scheme}:${options.nid || nid}`;
      const schemeHandler = getSchemeHandler(urnScheme);
      if (schemeHandler) {
        urnComponent = schemeHandler.serialize(urnComponent, options);
      }
      const uriComponent = urnComponent;
      const nss = urnComponent.nss;
      uriComponent.path = `${nid || options.nid}:${nss}`;
      options.skipEscape = true;
      return uriComponent;
    }
    function urnuuidParse(urnComponent, options) {
      const uuidComponent = urnComponent;
      uuidComponent.uuid = uuidComponent.nss;
      uuidComponent.nss = void 0;
      if (!options.tolerant && (!uuidComponent.uuid || !isUUID(uuidComponent.uuid))) {
        uuidComponent.error = uuidComponent.error || "UUID is not valid.";
      }
      return uuidComponent;
    }
    function urnuuidSerialize(uuidComponent) {
      const urnComponent = uuidComponent;
      urnComponent.nss = (uuidComponent.uuid || "").toLowerCase();
      return urnComponent;
    }
    var http = (
      /** @type {SchemeHandler} */
      {
        scheme: "http",
        domainHost: true,
        parse: httpParse,
        serialize: httpSerialize
      }
    );
    var https = (
      /** @type {SchemeHandler} */
      {
        scheme: "https",
        domainHost: http.domainHost,
        parse: httpParse,
        serialize: httpSerialize
      }
    );
    var ws = (
      /** @type {SchemeHandler} */
      {
        scheme: "ws",
        domainHost: true,
        parse: wsParse,
        serialize: wsSerialize
      }
    );
    var wss = (
      /** @type {SchemeHandler} */
      {
        scheme: "wss",
        domainHost: ws.domainHost,
        parse: ws.parse,
        serialize: ws.serialize
      }
    );
    var urn = (
      /** @type {SchemeHandler} */
      {
        scheme: "urn",
        parse: urnParse,
        serialize: urnSerialize,
        skipNormalize: true
      }
    );
    var urnuuid = (
      /** @type {SchemeHandler} */
      {
        scheme: "urn:uuid",
        parse: urnuuidParse,
        serialize: urnuuidSerialize,
        skipNormalize: true
      }
    );
    var SCHEMES = (
      /** @type {Record<SchemeName, SchemeHandler>} */
      {
        http,
        https,
        ws,
        wss,
        urn,
        "urn:uuid": urnuuid
      }
    );
    Object.setPrototypeOf(SCHEMES, null);
    function getSchemeHandler(scheme) {
      return scheme && (SCHEMES[
        /** @type {SchemeName} */
        scheme
      ] || SCHEMES[
        /** @type {SchemeName} */
        scheme.toLowerCase()
      ]) || void 0;
    }
    module.exports = {
      wsIsSecure,
      SCHEMES,
      isValidSchemeName,
      getSchemeHandler
    };
  }
});

// node_modules/fast-uri/index.js
var require_fast_uri = __commonJS({
  "node_modules/fast-uri/index.js"(exports, module) {
    "use strict";
    var { normalizeIPv6, removeDotSegments, removeDotSegmentsRelative, recomposeAuthority, normalizePercentEncoding, normalizePathEncoding, serializePathEncoding, normalizeQueryFragmentEncoding, encodeQuery, encodeFragment, reescapeHostDelimiters, isIPv4, nonSimpleDomain } = require_utils();
    var { SCHEMES, getSchemeHandler } = require_schemes();
    var VALID_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/u;
    var MALFORMED_SCHEME_ERROR = "URI scheme is malformed.";
    var MALFORMED_HOST_ERROR = "URI host is malformed.";
    var FORBIDDEN_DOMAIN_HOST_CHARACTER = /[\0-\x20"#/:<>?@[\\\]^`{|}\x7F]/u;
    function validateScheme(scheme) {
      const stringScheme = String(scheme);
      if (!VALID_SCHEME.test(stringScheme)) {
        throw new TypeError(MALFORMED_SCHEME_ERROR);
      }
      return stringScheme;
    }
    function normalize(uri, options) {
      if (typeof uri === "string") {
        uri = /** @type {T} */
        normalizeString(uri, options);
      } else if (typeof uri === "object") {
        uri = /** @type {T} */
        parse(serialize(uri, options), options);
      }
      return uri;
    }
    function resolve6(baseURI, relativeURI, options) {
      const schemelessOptions = options ? Object.assign({ scheme: "null" }, options) : { scheme: "null" };
      const {
        parsed: baseParsed,
        malformedAuthorityOrPort: baseMalformed,
        malformedPercentEncoding: baseMalformedPercentEncoding,
        malformedSchemeSpecific: baseMalformedSchemeSpecific,
        malformedHost: baseMalformedHost,
        malformedScheme: baseMalformedScheme
      } = parseWithStatus(baseURI, schemelessOptions);
      const {
        parsed: relativeParsed,
        malformedAuthorityOrPort: relativeMalformed,
        malformedPercentEncoding: relativeMalformedPercentEncoding,
        malformedSchemeSpecific: relativeMalformedSchemeSpecific,
        malformedHost: relativeMalformedHost,
        malformedScheme: relativeMalformedScheme
      } = parseWithStatus(relativeURI, schemelessOptions);
      if (baseMalformed || relativeMalformed || baseMalformedPercentEncoding || relativeMalformedPercentEncoding || baseMalformedSchemeSpecific || relativeMalformedSchemeSpecific || baseMalformedHost || relativeMalformedHost || baseMalformedScheme || relativeMalformedScheme) {
        throw new Error(baseParsed.error || relativeParsed.error || "URI is malformed.");
      }
      const resolved = resolveComponent(baseParsed, relativeParsed, schemelessOptions, true);
      const resolvedSchemeHandler = getSchemeHandler(options && options.scheme || resolved.scheme);
      const resolvedHost = resolved.host;
      const resolvedHostIsIP = resolvedHost !== void 0 && resolvedHost !== "" && (isIPv4(resolvedHost) || normalizeIPv6(resolvedHost).isIPV6);
      if (hasForbiddenDomainHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP)) {
        throw new Error(MALFORMED_HOST_ERROR);
      }
      canonicalizeHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP);
      const encodedASCIIHost = resolvedHost && resolvedHost.indexOf("%") !== -1 && !new RegExp("\\P{ASCII}", "u").test(resolvedHost);
      if (resolved.error && !encodedASCIIHost) {
        throw new Error(resolved.error);
      }
      schemelessOptions.skipEscape = true;
      return serialize(resolved, schemelessOptions);
    }
    function resolveComponent(base, relative3, options, skipNormalization) {
      const target = {};
      if (!skipNormalization) {
        base = parse(serialize(base, options), options);
        relative3 = parse(serialize(relative3, options), options);
      }
      options = options || {};
      if (!options.tolerant && relative3.scheme) {
        target.scheme = relative3.scheme;
        target.userinfo = relative3.userinfo;
        target.host = relative3.host;
        target.port = relative3.port;
        target.path = removeDotSegments(relative3.path || "");
        target.query = relative3.query;
      } else {
        if (relative3.userinfo !== void 0 || relative3.host !== void 0 || relative3.port !== void 0) {
          target.userinfo = relative3.userinfo;
          target.host = relative3.host;
          target.port = relative3.port;
          target.path = removeDotSegments(relative3.path || "");
          target.query = relative3.query;
        } else {
          if (!relative3.path) {
            target.path = base.path;
            if (relative3.query !== void 0) {
              target.query = relative3.query;
            } else {
              target.query = base.query;
            }
          } else {
            if (relative3.path[0] === "/") {
              target.path = removeDotSegments(relative3.path);
            } else {
              const baseHasAuthority = base.userinfo !== void 0 || base.host !== void 0 || base.port !== void 0;
              if (baseHasAuthority && !base.path) {
                target.path = "/" + relative3.path;
              } else if (!base.path) {
                target.path = relative3.path;
              } else {
                target.path = base.path.slice(0, base.path.lastIndexOf("/") + 1) + relative3.path;
              }
              target.path = base.scheme === void 0 && !baseHasAuthority && target.path[0] !== "/" ? removeDotSegmentsRelative(target.path) : removeDotSegments(target.path);
            }
            target.query = relative3.query;
          }
          target.userinfo = base.userinfo;
          target.host = base.host;
          target.port = base.port;
        }
        target.scheme = base.scheme;
      }
      target.fragment = relative3.fragment;
      return target;
    }
    function equal(uriA, uriB, options) {
      const normalizedA = normalizeComparableURI(uriA, options);
      const normalizedB = normalizeComparableURI(uriB, options);
      return normalizedA !== void 0 && normalizedB !== void 0 && normalizedA === normalizedB;
    }
    function serialize(cmpts, opts) {
      const component = {
        host: cmpts.host,
        scheme: cmpts.scheme,
        userinfo: cmpts.userinfo,
        port: cmpts.port,
        path: cmpts.path,
        query: cmpts.query,
        nid: cmpts.nid,
        nss: cmpts.nss,
        uuid: cmpts.uuid,
        fragment: cmpts.fragment,
        reference: cmpts.reference,
        resourceName: cmpts.resourceName,
        secure: cmpts.secure,
        error: ""
      };
      const options = Object.assign({}, opts);
      const uriTokens = [];
      if (component.scheme) {
        component.scheme = validateScheme(component.scheme);
      }
      const schemeHandler = getSchemeHandler(options.scheme || component.scheme);
      if (schemeHandler && schemeHandler.serialize) schemeHandler.serialize(component, options);
      const hasAuthority = component.userinfo !== void 0 || component.host !== void 0 || component.port !== void 0;
      const schemelessReference = (component.scheme === void 0 || options.reference === "suffix") && !hasAuthority;
      const pathNoScheme = !options.skipEscape && schemelessReference;
      if (component.path !== void 0) {
        if (!options.skipEscape) {
          component.path = serializePathEncoding(component.path, pathNoScheme);
        } else {
          component.path = normalizePercentEncoding(component.path);
        }
      }
      if (options.reference !== "suffix" && component.scheme) {
        component.scheme = validateScheme(component.scheme);
        uriTokens.push(component.scheme, ":");
      }
      const authority = recomposeAuthority(component);
      if (authority !== void 0) {
        if (options.reference !== "suffix") {
          uriTokens.push("//");
        }
        uriTokens.push(authority);
        if (component.path && component.path[0] !== "/") {
          uriTokens.push("/");
        }
      }
      if (component.path !== void 0) {
        let s = component.path;
        if (!options.absolutePath && (!schemeHandler || !schemeHandler.absolutePath)) {
          s = schemelessReference && s[0] !== "/" ? removeDotSegmentsRelative(s) : removeDotSegments(s);
        }
        if (schemelessReference) {
          s = serializePathEncoding(s, true);
        }
        if (authority === void 0 && s[0] === "/" && s[1] === "/") {
          s = "/%2F" + s.slice(2);
        }
        uriTokens.push(s);
      }
      if (component.query !== void 0) {
        uriTokens.push("?", encodeQuery(component.query));
      }
      if (component.fragment !== void 0) {
        uriTokens.push("#", encodeFragment(component.fragment));
      }
      return uriTokens.join("");
    }
    var URI_PARSE = /^(?:([^#/:?]+):)?(?:\/\/((?:([^#/?@]*)@)?(\[[^#/?\]]+\]|[^#/:?]*)(?::(\d*))?))?([^#?]*)(?:\?([^#]*))?(?:#((?:.|[\n\r])*))?/u;
    var AUTHORITY_PREFIX = /^(?:[^#/:?]+:)?\/\/([^/?#]*)/;
    var AUTHORITY_INTRODUCER_REGION = /^(?:[^#/:?]+:)?([/\\\t\n\r]*)/;
    function getParseError(parsed, matches) {
      if (matches[2] !== void 0 && parsed.path && parsed.path[0] !== "/") {
        return 'URI path must start with "/" when authority is present.';
      }
      if (typeof parsed.port === "number" && (parsed.port < 0 || parsed.port > 65535)) {
        return "URI port is malformed.";
      }
      return void 0;
    }
    function hasMalformedPercentEncoding(component) {
      if (component === void 0) return false;
      let percent = component.indexOf("%");
      while (percent !== -1) {
        if (percent + 2 >= component.length || !/^[\da-f]{2}$/iu.test(component.slice(percent + 1, percent + 3))) {
          return true;
        }
        percent = component.indexOf("%", percent + 3);
      }
      return false;
    }
    function isIPLiteral(host) {
      return host[0] === "[" && host[host.length - 1] === "]";
    }
    function hasMalformedComponentPercentEncoding(matches) {
      const host = matches[4];
      return hasMalformedPercentEncoding(matches[3]) || host !== void 0 && !isIPLiteral(host) && hasMalformedPercentEncoding(host) || hasMalformedPercentEncoding(matches[6]) || hasMalformedPercentEncoding(matches[7]) || hasMalformedPercentEncoding(matches[8]);
    }
    function canonicalizeHost(parsed, options, schemeHandler, isIP) {
      if (hasForbiddenDomainHost(parsed, options, schemeHandler, isIP)) {
        parsed.error = parsed.error || MALFORMED_HOST_ERROR;
        return true;
      }
      if (!options.unicodeSupport && (!schemeHandler || !schemeHandler.unicodeSupport) && parsed.host && !isIPLiteral(parsed.host) && (options.domainHost || schemeHandler && schemeHandler.domainHost) && isIP === false && nonSimpleDomain(parsed.host)) {
        let url;
        try {
          url = new URL("http://" + parsed.host);
        } catch (e) {
          parsed.error = parsed.error || "Host's domain name can not be converted to ASCII: " + e;
          return true;
        }
        if (!isHostOnlyURL(url)) {
          parsed.error = parsed.error || MALFORMED_HOST_ERROR;
          return true;
        }
        parsed.host = url.hostname;
      }
      return false;
    }
    function hasForbiddenDomainHost(parsed, options, schemeHandler, isIP) {
      return Boolean(
        parsed.host && isIP === false && !isIPLiteral(parsed.host) && (options.domainHost || schemeHandler && schemeHandler.domainHost) && FORBIDDEN_DOMAIN_HOST_CHARACTER.test(parsed.host)
      );
    }
    function isHostOnlyURL(url) {
      return url.username === "" && url.password === "" && url.port === "" && url.pathname === "/" && url.search === "" && url.hash === "" && url.hostname !== "";
    }
    function parseWithStatus(uri, opts) {
      const options = Object.assign({}, opts);
      const parsed = {
        scheme: void 0,
        userinfo: void 0,
        host: "",
        port: void 0,
        path: "",
        query: void 0,
        fragment: void 0
      };
      let malformedAuthorityOrPort = false;
      let malformedPercentEncoding = false;
      let malformedSchemeSpecific = false;
      let malformedHost = false;
      let malformedIPLiteral = false;
      let malformedScheme = false;
      let isIP = false;
      if (options.reference === "suffix") {
        if (options.scheme) {
          uri = options.scheme + ":" + uri;
        } else {
          uri = "//" + uri;
        }
      }
      const authorityMatch = uri.match(AUTHORITY_PREFIX);
      if (authorityMatch !== null && authorityMatch[1].indexOf("\\") !== -1) {
        parsed.error = "URI authority must not contain a literal backslash.";
        malformedAuthorityOrPort = true;
      }
      const introducerMatch = uri.match(AUTHORITY_INTRODUCER_REGION);
      if (introducerMatch !== null) {
        const region = introducerMatch[1];
        const normalizedRegion = region.replace(/[\t\n\r]/g, "");
        if (normalizedRegion.length >= 2) {
          if (normalizedRegion.slice(0, 2) !== "//") {
            parsed.error = parsed.error || "URI authority must not contain a literal backslash.";
            malformedAuthorityOrPort = true;
          } else if (region.length !== normalizedRegion.length) {
            parsed.error = parsed.error || "URI authority introducer must not contain whitespace.";
            malformedAuthorityOrPort = true;
          }
        }
      }
      const matches = uri.match(URI_PARSE);
      if (matches) {
        parsed.scheme = matches[1];
        parsed.userinfo = matches[3];
        parsed.host = matches[4];
        parsed.port = parseInt(matches[5], 10);
        parsed.path = matches[6] || "";
        parsed.query = matches[7];
        parsed.fragment = matches[8];
        if (parsed.scheme !== void 0) {
          if (VALID_SCHEME.test(parsed.scheme)) {
            parsed.scheme = parsed.scheme.toLowerCase();
          } else {
            parsed.error = parsed.error || MALFORMED_SCHEME_ERROR;
            malformedScheme = true;
          }
        }
        malformedPercentEncoding = hasMalformedComponentPercentEncoding(matches);
        if (malformedPercentEncoding) {
          parsed.error = parsed.error || "URI contains malformed percent-encoding.";
        }
        if (isNaN(parsed.port)) {
          parsed.port = matches[5];
        }
        const parseError = getParseError(parsed, matches);
        if (parseError !== void 0) {
          parsed.error = parsed.error || parseError;
          malformedAuthorityOrPort = true;
        }
        if (parsed.host) {
          const ipv4result = isIPv4(parsed.host);
          if (ipv4result === false) {
            const bracketedIPLiteral = isIPLiteral(parsed.host);
            const hasIPLiteralBracket = parsed.host.indexOf("[") !== -1 || parsed.host.indexOf("]") !== -1;
            const ipv6result = normalizeIPv6(parsed.host);
            isIP = ipv6result.isIPV6 || ipv6result.isIPVFuture === true;
            malformedIPLiteral = hasIPLiteralBracket && (!bracketedIPLiteral || ipv6result.error === true);
            parsed.host = isIP ? ipv6result.host : ipv6result.host.toLowerCase();
            if (malformedIPLiteral) {
              parsed.error = parsed.error || MALFORMED_HOST_ERROR;
              malformedAuthorityOrPort = true;
            }
          } else {
            isIP = true;
          }
        }
        if (parsed.scheme === void 0 && parsed.userinfo === void 0 && parsed.host === void 0 && parsed.port === void 0 && parsed.query === void 0 && !parsed.path) {
          parsed.reference = "same-document";
        } else if (parsed.scheme === void 0) {
          parsed.reference = "relative";
        } else if (parsed.fragment === void 0) {
          parsed.reference = "absolute";
        } else {
          parsed.reference = "uri";
        }
        if (options.reference && options.reference !== "suffix" && options.reference !== parsed.reference) {
          parsed.error = parsed.error || "URI is not a " + options.reference + " reference.";
        }
        const schemeHandler = getSchemeHandler(options.scheme || parsed.scheme);
        if (!malformedIPLiteral) {
          malformedHost = canonicalizeHost(parsed, options, schemeHandler, isIP);
        }
        if (uri.indexOf("%") !== -1 && parsed.host !== void 0 && !malformedIPLiteral) {
          let host = isIP ? parsed.host : normalizePercentEncoding(parsed.host, true);
          if (!isIP) {
            host = normalizePercentEncoding(host.toLowerCase());
          }
          parsed.host = isIP || options.scheme !== "null" ? reescapeHostDelimiters(host, isIP) : host;
        }
        if (!schemeHandler || schemeHandler && !schemeHandler.skipNormalize) {
          if (parsed.path) {
            parsed.path = normalizePathEncoding(parsed.path);
          }
          if (parsed.query) {
            parsed.query = normalizeQueryFragmentEncoding(parsed.query);
          }
          if (parsed.fragment) {
            parsed.fragment = normalizeQueryFragmentEncoding(parsed.fragment);
          }
        }
        if (schemeHandler && schemeHandler.parse) {
          schemeHandler.parse(parsed, options);
          if (schemeHandler === SCHEMES.urn && parsed.nid === void 0) {
            malformedSchemeSpecific = true;
          }
        }
      } else {
        parsed.error = parsed.error || "URI can not be parsed.";
      }
      return { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme };
    }
    function parse(uri, opts) {
      return parseWithStatus(uri, opts).parsed;
    }
    function normalizeString(uri, opts) {
      return normalizeStringWithStatus(uri, opts).normalized;
    }
    function normalizeStringWithStatus(uri, opts) {
      const { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = parseWithStatus(uri, opts);
      return {
        normalized: malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? uri : serialize(parsed, opts),
        malformedAuthorityOrPort,
        malformedPercentEncoding,
        malformedSchemeSpecific,
        malformedHost,
        malformedScheme
      };
    }
    function normalizeComparableURI(uri, opts) {
      if (typeof uri !== "string" && typeof uri !== "object") {
        return void 0;
      }
      let value;
      try {
        value = typeof uri === "string" ? uri : serialize(uri, opts);
      } catch {
        return void 0;
      }
      const { normalized, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = normalizeStringWithStatus(value, opts);
      return malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? void 0 : normalized;
    }
    var fastUri = {
      SCHEMES,
      normalize,
      resolve: resolve6,
      resolveComponent,
      equal,
      serialize,
      parse
    };
    module.exports = fastUri;
    module.exports.default = fastUri;
    module.exports.fastUri = fastUri;
  }
});

// node_modules/ajv/dist/runtime/uri.js
var require_uri = __commonJS({
  "node_modules/ajv/dist/runtime/uri.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var uri = require_fast_uri();
    uri.code = 'require("ajv/dist/runtime/uri").default';
    exports.default = uri;
  }
});

// node_modules/ajv/dist/core.js
var require_core = __commonJS({
  "node_modules/ajv/dist/core.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = void 0;
    var validate_1 = require_validate();
    Object.defineProperty(exports, "KeywordCxt", { enumerable: true, get: function() {
      return validate_1.KeywordCxt;
    } });
    var codegen_1 = require_codegen();
    Object.defineProperty(exports, "_", { enumerable: true, get: function() {
      return codegen_1._;
    } });
    Object.defineProperty(exports, "str", { enumerable: true, get: function() {
      return codegen_1.str;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: true, get: function() {
      return codegen_1.stringify;
    } });
    Object.defineProperty(exports, "nil", { enumerable: true, get: function() {
      return codegen_1.nil;
    } });
    Object.defineProperty(exports, "Name", { enumerable: true, get: function() {
      return codegen_1.Name;
    } });
    Object.defineProperty(exports, "CodeGen", { enumerable: true, get: function() {
      return codegen_1.CodeGen;
    } });
    var validation_error_1 = require_validation_error();
    var ref_error_1 = require_ref_error();
    var rules_1 = require_rules();
    var compile_1 = require_compile();
    var codegen_2 = require_codegen();
    var resolve_1 = require_resolve();
    var dataType_1 = require_dataType();
    var util_1 = require_util();
    var $dataRefSchema = require_data();
    var uri_1 = require_uri();
    var defaultRegExp = (str, flags) => new RegExp(str, flags);
    defaultRegExp.code = "new RegExp";
    var META_IGNORE_OPTIONS = ["removeAdditional", "useDefaults", "coerceTypes"];
    var EXT_SCOPE_NAMES = /* @__PURE__ */ new Set([
      "validate",
      "serialize",
      "parse",
      "wrapper",
      "root",
      "schema",
      "keyword",
      "pattern",
      "formats",
      "validate$data",
      "func",
      "obj",
      "Error"
    ]);
    var removedOptions = {
      errorDataPath: "",
      format: "`validateFormats: false` can be used instead.",
      nullable: '"nullable" keyword is supported by default.',
      jsonPointers: "Deprecated jsPropertySyntax can be used instead.",
      extendRefs: "Deprecated ignoreKeywordsWithRef can be used instead.",
      missingRefs: "Pass empty schema with $id that should be ignored to ajv.addSchema.",
      processCode: "Use option `code: {process: (code, schemaEnv: object) => string}`",
      sourceCode: "Use option `code: {source: true}`",
      strictDefaults: "It is default now, see option `strict`.",
      strictKeywords: "It is default now, see option `strict`.",
      uniqueItems: '"uniqueItems" keyword is always validated.',
      unknownFormats: "Disable strict mode or pass `true` to `ajv.addFormat` (or `formats` option).",
      cache: "Map is used as cache, schema object as key.",
      serialize: "Map is used as cache, schema object as key.",
      ajvErrors: "It is default now."
    };
    var deprecatedOptions = {
      ignoreKeywordsWithRef: "",
      jsPropertySyntax: "",
      unicode: '"minLength"/"maxLength" account for unicode characters by default.'
    };
    var MAX_EXPRESSION = 200;
    function requiredOptions(o) {
      var _a, _b, _c, _d, _e, _f, _g, _h, _j, _k, _l, _m, _o, _p, _q, _r, _s, _t, _u, _v, _w, _x, _y, _z, _0;
      const s = o.strict;
      const _optz = (_a = o.code) === null || _a === void 0 ? void 0 : _a.optimize;
      const optimize = _optz === true || _optz === void 0 ? 1 : _optz || 0;
      const regExp = (_c = (_b = o.code) === null || _b === void 0 ? void 0 : _b.regExp) !== null && _c !== void 0 ? _c : defaultRegExp;
      const uriResolver = (_d = o.uriResolver) !== null && _d !== void 0 ? _d : uri_1.default;
      return {
        strictSchema: (_f = (_e = o.strictSchema) !== null && _e !== void 0 ? _e : s) !== null && _f !== void 0 ? _f : true,
        strictNumbers: (_h = (_g = o.strictNumbers) !== null && _g !== void 0 ? _g : s) !== null && _h !== void 0 ? _h : true,
        strictTypes: (_k = (_j = o.strictTypes) !== null && _j !== void 0 ? _j : s) !== null && _k !== void 0 ? _k : "log",
        strictTuples: (_m = (_l = o.strictTuples) !== null && _l !== void 0 ? _l : s) !== null && _m !== void 0 ? _m : "log",
        strictRequired: (_p = (_o = o.strictRequired) !== null && _o !== void 0 ? _o : s) !== null && _p !== void 0 ? _p : false,
        code: o.code ? { ...o.code, optimize, regExp } : { optimize, regExp },
        loopRequired: (_q = o.loopRequired) !== null && _q !== void 0 ? _q : MAX_EXPRESSION,
        loopEnum: (_r = o.loopEnum) !== null && _r !== void 0 ? _r : MAX_EXPRESSION,
        meta: (_s = o.meta) !== null && _s !== void 0 ? _s : true,
        messages: (_t = o.messages) !== null && _t !== void 0 ? _t : true,
        inlineRefs: (_u = o.inlineRefs) !== null && _u !== void 0 ? _u : true,
        schemaId: (_v = o.schemaId) !== null && _v !== void 0 ? _v : "$id",
        addUsedSchema: (_w = o.addUsedSchema) !== null && _w !== void 0 ? _w : true,
        validateSchema: (_x = o.validateSchema) !== null && _x !== void 0 ? _x : true,
        validateFormats: (_y = o.validateFormats) !== null && _y !== void 0 ? _y : true,
        unicodeRegExp: (_z = o.unicodeRegExp) !== null && _z !== void 0 ? _z : true,
        int32range: (_0 = o.int32range) !== null && _0 !== void 0 ? _0 : true,
        uriResolver
      };
    }
    var Ajv2 = class {
      constructor(opts = {}) {
        this.schemas = {};
        this.refs = {};
        this.formats = /* @__PURE__ */ Object.create(null);
        this._compilations = /* @__PURE__ */ new Set();
        this._loading = {};
        this._cache = /* @__PURE__ */ new Map();
        opts = this.opts = { ...opts, ...requiredOptions(opts) };
        const { es5, lines } = this.opts.code;
        this.scope = new codegen_2.ValueScope({ scope: {}, prefixes: EXT_SCOPE_NAMES, es5, lines });
        this.logger = getLogger(opts.logger);
        const formatOpt = opts.validateFormats;
        opts.validateFormats = false;
        this.RULES = (0, rules_1.getRules)();
        checkOptions.call(this, removedOptions, opts, "NOT SUPPORTED");
        checkOptions.call(this, deprecatedOptions, opts, "DEPRECATED", "warn");
        this._metaOpts = getMetaSchemaOptions.call(this);
        if (opts.formats)
          addInitialFormats.call(this);
        this._addVocabularies();
        this._addDefaultMetaSchema();
        if (opts.keywords)
          addInitialKeywords.call(this, opts.keywords);
        if (typeof opts.meta == "object")
          this.addMetaSchema(opts.meta);
        addInitialSchemas.call(this);
        opts.validateFormats = formatOpt;
      }
      _addVocabularies() {
        this.addKeyword("$async");
      }
      _addDefaultMetaSchema() {
        const { $data, meta, schemaId } = this.opts;
        let _dataRefSchema = $dataRefSchema;
        if (schemaId === "id") {
          _dataRefSchema = { ...$dataRefSchema };
          _dataRefSchema.id = _dataRefSchema.$id;
          delete _dataRefSchema.$id;
        }
        if (meta && $data)
          this.addMetaSchema(_dataRefSchema, _dataRefSchema[schemaId], false);
      }
      defaultMeta() {
        const { meta, schemaId } = this.opts;
        return this.opts.defaultMeta = typeof meta == "object" ? meta[schemaId] || meta : void 0;
      }
      validate(schemaKeyRef, data) {
        let v;
        if (typeof schemaKeyRef == "string") {
          v = this.getSchema(schemaKeyRef);
          if (!v)
            throw new Error(`no schema with key or ref "${schemaKeyRef}"`);
        } else {
          v = this.compile(schemaKeyRef);
        }
        const valid = v(data);
        if (!("$async" in v))
          this.errors = v.errors;
        return valid;
      }
      compile(schema, _meta) {
        const sch = this._addSchema(schema, _meta);
        return sch.validate || this._compileSchemaEnv(sch);
      }
      compileAsync(schema, meta) {
        if (typeof this.opts.loadSchema != "function") {
          throw new Error("options.loadSchema should be a function");
        }
        const { loadSchema } = this.opts;
        return runCompileAsync.call(this, schema, meta);
        async function runCompileAsync(_schema, _meta) {
          await loadMetaSchema.call(this, _schema.$schema);
          const sch = this._addSchema(_schema, _meta);
          return sch.validate || _compileAsync.call(this, sch);
        }
        async function loadMetaSchema($ref) {
          if ($ref && !this.getSchema($ref)) {
            await runCompileAsync.call(this, { $ref }, true);
          }
        }
        async function _compileAsync(sch) {
          try {
            return this._compileSchemaEnv(sch);
          } catch (e) {
            if (!(e instanceof ref_error_1.default))
              throw e;
            checkLoaded.call(this, e);
            await loadMissingSchema.call(this, e.missingSchema);
            return _compileAsync.call(this, sch);
          }
        }
        function checkLoaded({ missingSchema: ref, missingRef }) {
          if (this.refs[ref]) {
            throw new Error(`AnySchema ${ref} is loaded but ${missingRef} cannot be resolved`);
          }
        }
        async function loadMissingSchema(ref) {
          const _schema = await _loadSchema.call(this, ref);
          if (!this.refs[ref])
            await loadMetaSchema.call(this, _schema.$schema);
          if (!this.refs[ref])
            this.addSchema(_schema, ref, meta);
        }
        async function _loadSchema(ref) {
          const p = this._loading[ref];
          if (p)
            return p;
          try {
            return await (this._loading[ref] = loadSchema(ref));
          } finally {
            delete this._loading[ref];
          }
        }
      }
      // Adds schema to the instance
      addSchema(schema, key, _meta, _validateSchema = this.opts.validateSchema) {
        if (Array.isArray(schema)) {
          for (const sch of schema)
            this.addSchema(sch, void 0, _meta, _validateSchema);
          return this;
        }
        let id;
        if (typeof schema === "object") {
          const { schemaId } = this.opts;
          id = schema[schemaId];
          if (id !== void 0 && typeof id != "string") {
            throw new Error(`schema ${schemaId} must be string`);
          }
        }
        key = (0, resolve_1.normalizeId)(key || id);
        this._checkUnique(key);
        this.schemas[key] = this._addSchema(schema, _meta, key, _validateSchema, true);
        return this;
      }
      // Add schema that will be used to validate other schemas
      // options in META_IGNORE_OPTIONS are alway set to false
      addMetaSchema(schema, key, _validateSchema = this.opts.validateSchema) {
        this.addSchema(schema, key, true, _validateSchema);
        return this;
      }
      //  Validate schema against its meta-schema
      validateSchema(schema, throwOrLogError) {
        if (typeof schema == "boolean")
          return true;
        let $schema;
        $schema = schema.$schema;
        if ($schema !== void 0 && typeof $schema != "string") {
          throw new Error("$schema must be a string");
        }
        $schema = $schema || this.opts.defaultMeta || this.defaultMeta();
        if (!$schema) {
          this.logger.warn("meta-schema not available");
          this.errors = null;
          return true;
        }
        const valid = this.validate($schema, schema);
        if (!valid && throwOrLogError) {
          const message = "schema is invalid: " + this.errorsText();
          if (this.opts.validateSchema === "log")
            this.logger.error(message);
          else
            throw new Error(message);
        }
        return valid;
      }
      // Get compiled schema by `key` or `ref`.
      // (`key` that was passed to `addSchema` or full schema reference - `schema.$id` or resolved id)
      getSchema(keyRef) {
        let sch;
        while (typeof (sch = getSchEnv.call(this, keyRef)) == "string")
          keyRef = sch;
        if (sch === void 0) {
          const { schemaId } = this.opts;
          const root = new compile_1.SchemaEnv({ schema: {}, schemaId });
          sch = compile_1.resolveSchema.call(this, root, keyRef);
          if (!sch)
            return;
          this.refs[keyRef] = sch;
        }
        return sch.validate || this._compileSchemaEnv(sch);
      }
      // Remove cached schema(s).
      // If no parameter is passed all schemas but meta-schemas are removed.
      // If RegExp is passed all schemas with key/id matching pattern but meta-schemas are removed.
      // Even if schema is referenced by other schemas it still can be removed as other schemas have local references.
      removeSchema(schemaKeyRef) {
        if (schemaKeyRef instanceof RegExp) {
          this._removeAllSchemas(this.schemas, schemaKeyRef);
          this._removeAllSchemas(this.refs, schemaKeyRef);
          return this;
        }
        switch (typeof schemaKeyRef) {
          case "undefined":
            this._removeAllSchemas(this.schemas);
            this._removeAllSchemas(this.refs);
            this._cache.clear();
            return this;
          case "string": {
            const sch = getSchEnv.call(this, schemaKeyRef);
            if (typeof sch == "object")
              this._cache.delete(sch.schema);
            delete this.schemas[schemaKeyRef];
            delete this.refs[schemaKeyRef];
            return this;
          }
          case "object": {
            const cacheKey = schemaKeyRef;
            this._cache.delete(cacheKey);
            let id = schemaKeyRef[this.opts.schemaId];
            if (id) {
              id = (0, resolve_1.normalizeId)(id);
              delete this.schemas[id];
              delete this.refs[id];
            }
            return this;
          }
          default:
            throw new Error("ajv.removeSchema: invalid parameter");
        }
      }
      // add "vocabulary" - a collection of keywords
      addVocabulary(definitions) {
        for (const def of definitions)
          this.addKeyword(def);
        return this;
      }
      addKeyword(kwdOrDef, def) {
        let keyword;
        if (typeof kwdOrDef == "string") {
          keyword = kwdOrDef;
          if (typeof def == "object") {
            this.logger.warn("these parameters are deprecated, see docs for addKeyword");
            def.keyword = keyword;
          }
        } else if (typeof kwdOrDef == "object" && def === void 0) {
          def = kwdOrDef;
          keyword = def.keyword;
          if (Array.isArray(keyword) && !keyword.length) {
            throw new Error("addKeywords: keyword must be string or non-empty array");
          }
        } else {
          throw new Error("invalid addKeywords parameters");
        }
        checkKeyword.call(this, keyword, def);
        if (!def) {
          (0, util_1.eachItem)(keyword, (kwd) => addRule.call(this, kwd));
          return this;
        }
        keywordMetaschema.call(this, def);
        const definition = {
          ...def,
          type: (0, dataType_1.getJSONTypes)(def.type),
          schemaType: (0, dataType_1.getJSONTypes)(def.schemaType)
        };
        (0, util_1.eachItem)(keyword, definition.type.length === 0 ? (k) => addRule.call(this, k, definition) : (k) => definition.type.forEach((t) => addRule.call(this, k, definition, t)));
        return this;
      }
      getKeyword(keyword) {
        const rule = this.RULES.all[keyword];
        return typeof rule == "object" ? rule.definition : !!rule;
      }
      // Remove keyword
      removeKeyword(keyword) {
        const { RULES: RULES2 } = this;
        delete RULES2.keywords[keyword];
        delete RULES2.all[keyword];
        for (const group of RULES2.rules) {
          const i = group.rules.findIndex((rule) => rule.keyword === keyword);
          if (i >= 0)
            group.rules.splice(i, 1);
        }
        return this;
      }
      // Add format
      addFormat(name, format) {
        if (typeof format == "string")
          format = new RegExp(format);
        this.formats[name] = format;
        return this;
      }
      errorsText(errors = this.errors, { separator = ", ", dataVar = "data" } = {}) {
        if (!errors || errors.length === 0)
          return "No errors";
        return errors.map((e) => `${dataVar}${e.instancePath} ${e.message}`).reduce((text, msg) => text + separator + msg);
      }
      $dataMetaSchema(metaSchema, keywordsJsonPointers) {
        const rules = this.RULES.all;
        metaSchema = JSON.parse(JSON.stringify(metaSchema));
        for (const jsonPointer of keywordsJsonPointers) {
          const segments = jsonPointer.split("/").slice(1);
          let keywords = metaSchema;
          for (const seg of segments)
            keywords = keywords[seg];
          for (const key in rules) {
            const rule = rules[key];
            if (typeof rule != "object")
              continue;
            const { $data } = rule.definition;
            const schema = keywords[key];
            if ($data && schema)
              keywords[key] = schemaOrData(schema);
          }
        }
        return metaSchema;
      }
      _removeAllSchemas(schemas, regex) {
        for (const keyRef in schemas) {
          const sch = schemas[keyRef];
          if (!regex || regex.test(keyRef)) {
            if (typeof sch == "string") {
              delete schemas[keyRef];
            } else if (sch && !sch.meta) {
              this._cache.delete(sch.schema);
              delete schemas[keyRef];
            }
          }
        }
      }
      _addSchema(schema, meta, baseId, validateSchema = this.opts.validateSchema, addSchema = this.opts.addUsedSchema) {
        let id;
        const { schemaId } = this.opts;
        if (typeof schema == "object") {
          id = schema[schemaId];
        } else {
          if (this.opts.jtd)
            throw new Error("schema must be object");
          else if (typeof schema != "boolean")
            throw new Error("schema must be object or boolean");
        }
        let sch = this._cache.get(schema);
        if (sch !== void 0)
          return sch;
        baseId = (0, resolve_1.normalizeId)(id || baseId);
        const localRefs = resolve_1.getSchemaRefs.call(this, schema, baseId);
        sch = new compile_1.SchemaEnv({ schema, schemaId, meta, baseId, localRefs });
        this._cache.set(sch.schema, sch);
        if (addSchema && !baseId.startsWith("#")) {
          if (baseId)
            this._checkUnique(baseId);
          this.refs[baseId] = sch;
        }
        if (validateSchema)
          this.validateSchema(schema, true);
        return sch;
      }
      _checkUnique(id) {
        if (this.schemas[id] || this.refs[id]) {
          throw new Error(`schema with key or id "${id}" already exists`);
        }
      }
      _compileSchemaEnv(sch) {
        if (sch.meta)
          this._compileMetaSchema(sch);
        else
          compile_1.compileSchema.call(this, sch);
        if (!sch.validate)
          throw new Error("ajv implementation error");
        return sch.validate;
      }
      _compileMetaSchema(sch) {
        const currentOpts = this.opts;
        this.opts = this._metaOpts;
        try {
          compile_1.compileSchema.call(this, sch);
        } finally {
          this.opts = currentOpts;
        }
      }
    };
    Ajv2.ValidationError = validation_error_1.default;
    Ajv2.MissingRefError = ref_error_1.default;
    exports.default = Ajv2;
    function checkOptions(checkOpts, options, msg, log = "error") {
      for (const key in checkOpts) {
        const opt = key;
        if (opt in options)
          this.logger[log](`${msg}: option ${key}. ${checkOpts[opt]}`);
      }
    }
    function getSchEnv(keyRef) {
      keyRef = (0, resolve_1.normalizeId)(keyRef);
      return this.schemas[keyRef] || this.refs[keyRef];
    }
    function addInitialSchemas() {
      const optsSchemas = this.opts.schemas;
      if (!optsSchemas)
        return;
      if (Array.isArray(optsSchemas))
        this.addSchema(optsSchemas);
      else
        for (const key in optsSchemas)
          this.addSchema(optsSchemas[key], key);
    }
    function addInitialFormats() {
      for (const name in this.opts.formats) {
        const format = this.opts.formats[name];
        if (format)
          this.addFormat(name, format);
      }
    }
    function addInitialKeywords(defs) {
      if (Array.isArray(defs)) {
        this.addVocabulary(defs);
        return;
      }
      this.logger.warn("keywords option as map is deprecated, pass array");
      for (const keyword in defs) {
        const def = defs[keyword];
        if (!def.keyword)
          def.keyword = keyword;
        this.addKeyword(def);
      }
    }
    function getMetaSchemaOptions() {
      const metaOpts = { ...this.opts };
      for (const opt of META_IGNORE_OPTIONS)
        delete metaOpts[opt];
      return metaOpts;
    }
    var noLogs = { log() {
    }, warn() {
    }, error() {
    } };
    function getLogger(logger) {
      if (logger === false)
        return noLogs;
      if (logger === void 0)
        return console;
      if (logger.log && logger.warn && logger.error)
        return logger;
      throw new Error("logger must implement log, warn and error methods");
    }
    var KEYWORD_NAME = /^[a-z_$][a-z0-9_$:-]*$/i;
    function checkKeyword(keyword, def) {
      const { RULES: RULES2 } = this;
      (0, util_1.eachItem)(keyword, (kwd) => {
        if (RULES2.keywords[kwd])
          throw new Error(`Keyword ${kwd} is already defined`);
        if (!KEYWORD_NAME.test(kwd))
          throw new Error(`Keyword ${kwd} has invalid name`);
      });
      if (!def)
        return;
      if (def.$data && !("code" in def || "validate" in def)) {
        throw new Error('$data keyword must have "code" or "validate" function');
      }
    }
    function addRule(keyword, definition, dataType) {
      var _a;
      const post = definition === null || definition === void 0 ? void 0 : definition.post;
      if (dataType && post)
        throw new Error('keyword with "post" flag cannot have "type"');
      const { RULES: RULES2 } = this;
      let ruleGroup = post ? RULES2.post : RULES2.rules.find(({ type: t }) => t === dataType);
      if (!ruleGroup) {
        ruleGroup = { type: dataType, rules: [] };
        RULES2.rules.push(ruleGroup);
      }
      RULES2.keywords[keyword] = true;
      if (!definition)
        return;
      const rule = {
        keyword,
        definition: {
          ...definition,
          type: (0, dataType_1.getJSONTypes)(definition.type),
          schemaType: (0, dataType_1.getJSONTypes)(definition.schemaType)
        }
      };
      if (definition.before)
        addBeforeRule.call(this, ruleGroup, rule, definition.before);
      else
        ruleGroup.rules.push(rule);
      RULES2.all[keyword] = rule;
      (_a = definition.implements) === null || _a === void 0 ? void 0 : _a.forEach((kwd) => this.addKeyword(kwd));
    }
    function addBeforeRule(ruleGroup, rule, before) {
      const i = ruleGroup.rules.findIndex((_rule) => _rule.keyword === before);
      if (i >= 0) {
        ruleGroup.rules.splice(i, 0, rule);
      } else {
        ruleGroup.rules.push(rule);
        this.logger.warn(`rule ${before} is not defined`);
      }
    }
    function keywordMetaschema(def) {
      let { metaSchema } = def;
      if (metaSchema === void 0)
        return;
      if (def.$data && this.opts.$data)
        metaSchema = schemaOrData(metaSchema);
      def.validateSchema = this.compile(metaSchema, true);
    }
    var $dataRef = {
      $ref: "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#"
    };
    function schemaOrData(schema) {
      return { anyOf: [schema, $dataRef] };
    }
  }
});

// node_modules/ajv/dist/vocabularies/core/id.js
var require_id = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/id.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var def = {
      keyword: "id",
      code() {
        throw new Error('NOT SUPPORTED: keyword "id", use "$id" for schema ID');
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/core/ref.js
var require_ref = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/ref.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.callRef = exports.getValidate = void 0;
    var ref_error_1 = require_ref_error();
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var compile_1 = require_compile();
    var util_1 = require_util();
    var def = {
      keyword: "$ref",
      schemaType: "string",
      code(cxt) {
        const { gen, schema: $ref, it } = cxt;
        const { baseId, schemaEnv: env, validateName, opts, self } = it;
        const { root } = env;
        if (($ref === "#" || $ref === "#/") && baseId === root.baseId)
          return callRootRef();
        const schOrEnv = compile_1.resolveRef.call(self, root, baseId, $ref);
        if (schOrEnv === void 0)
          throw new ref_error_1.default(it.opts.uriResolver, baseId, $ref);
        if (schOrEnv instanceof compile_1.SchemaEnv)
          return callValidate(schOrEnv);
        return inlineRefSchema(schOrEnv);
        function callRootRef() {
          if (env === root)
            return callRef(cxt, validateName, env, env.$async);
          const rootName = gen.scopeValue("root", { ref: root });
          return callRef(cxt, (0, codegen_1._)`${rootName}.validate`, root, root.$async);
        }
        function callValidate(sch) {
          const v = getValidate(cxt, sch);
          callRef(cxt, v, sch, sch.$async);
        }
        function inlineRefSchema(sch) {
          const schName = gen.scopeValue("schema", opts.code.source === true ? { ref: sch, code: (0, codegen_1.stringify)(sch) } : { ref: sch });
          const valid = gen.name("valid");
          const schCxt = cxt.subschema({
            schema: sch,
            dataTypes: [],
            schemaPath: codegen_1.nil,
            topSchemaRef: schName,
            errSchemaPath: $ref
          }, valid);
          cxt.mergeEvaluated(schCxt);
          cxt.ok(valid);
        }
      }
    };
    function getValidate(cxt, sch) {
      const { gen } = cxt;
      return sch.validate ? gen.scopeValue("validate", { ref: sch.validate }) : (0, codegen_1._)`${gen.scopeValue("wrapper", { ref: sch })}.validate`;
    }
    exports.getValidate = getValidate;
    function callRef(cxt, v, sch, $async) {
      const { gen, it } = cxt;
      const { allErrors, schemaEnv: env, opts } = it;
      const passCxt = opts.passContext ? names_1.default.this : codegen_1.nil;
      if ($async)
        callAsyncRef();
      else
        callSyncRef();
      function callAsyncRef() {
        if (!env.$async)
          throw new Error("async schema referenced by sync schema");
        const valid = gen.let("valid");
        gen.try(() => {
          gen.code((0, codegen_1._)`await ${(0, code_1.callValidateCode)(cxt, v, passCxt)}`);
          addEvaluatedFrom(v);
          if (!allErrors)
            gen.assign(valid, true);
        }, (e) => {
          gen.if((0, codegen_1._)`!(${e} instanceof ${it.ValidationError})`, () => gen.throw(e));
          addErrorsFrom(e);
          if (!allErrors)
            gen.assign(valid, false);
        });
        cxt.ok(valid);
      }
      function callSyncRef() {
        cxt.result((0, code_1.callValidateCode)(cxt, v, passCxt), () => addEvaluatedFrom(v), () => addErrorsFrom(v));
      }
      function addErrorsFrom(source) {
        const errs = (0, codegen_1._)`${source}.errors`;
        gen.assign(names_1.default.vErrors, (0, codegen_1._)`${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`);
        gen.assign(names_1.default.errors, (0, codegen_1._)`${names_1.default.vErrors}.length`);
      }
      function addEvaluatedFrom(source) {
        var _a;
        if (!it.opts.unevaluated)
          return;
        const schEvaluated = (_a = sch === null || sch === void 0 ? void 0 : sch.validate) === null || _a === void 0 ? void 0 : _a.evaluated;
        if (it.props !== true) {
          if (schEvaluated && !schEvaluated.dynamicProps) {
            if (schEvaluated.props !== void 0) {
              it.props = util_1.mergeEvaluated.props(gen, schEvaluated.props, it.props);
            }
          } else {
            const props = gen.var("props", (0, codegen_1._)`${source}.evaluated.props`);
            it.props = util_1.mergeEvaluated.props(gen, props, it.props, codegen_1.Name);
          }
        }
        if (it.items !== true) {
          if (schEvaluated && !schEvaluated.dynamicItems) {
            if (schEvaluated.items !== void 0) {
              it.items = util_1.mergeEvaluated.items(gen, schEvaluated.items, it.items);
            }
          } else {
            const items = gen.var("items", (0, codegen_1._)`${source}.evaluated.items`);
            it.items = util_1.mergeEvaluated.items(gen, items, it.items, codegen_1.Name);
          }
        }
      }
    }
    exports.callRef = callRef;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/core/index.js
var require_core2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var id_1 = require_id();
    var ref_1 = require_ref();
    var core = [
      "$schema",
      "$id",
      "$defs",
      "$vocabulary",
      { keyword: "$comment" },
      "definitions",
      id_1.default,
      ref_1.default
    ];
    exports.default = core;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitNumber.js
var require_limitNumber = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitNumber.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var ops = codegen_1.operators;
    var KWDs = {
      maximum: { okStr: "<=", ok: ops.LTE, fail: ops.GT },
      minimum: { okStr: ">=", ok: ops.GTE, fail: ops.LT },
      exclusiveMaximum: { okStr: "<", ok: ops.LT, fail: ops.GTE },
      exclusiveMinimum: { okStr: ">", ok: ops.GT, fail: ops.LTE }
    };
    var error = {
      message: ({ keyword, schemaCode }) => (0, codegen_1.str)`must be ${KWDs[keyword].okStr} ${schemaCode}`,
      params: ({ keyword, schemaCode }) => (0, codegen_1._)`{comparison: ${KWDs[keyword].okStr}, limit: ${schemaCode}}`
    };
    var def = {
      keyword: Object.keys(KWDs),
      type: "number",
      schemaType: "number",
      $data: true,
      error,
      code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        cxt.fail$data((0, codegen_1._)`${data} ${KWDs[keyword].fail} ${schemaCode} || isNaN(${data})`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/multipleOf.js
var require_multipleOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/multipleOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must be multiple of ${schemaCode}`,
      params: ({ schemaCode }) => (0, codegen_1._)`{multipleOf: ${schemaCode}}`
    };
    var def = {
      keyword: "multipleOf",
      type: "number",
      schemaType: "number",
      $data: true,
      error,
      code(cxt) {
        const { gen, data, schemaCode, it } = cxt;
        const prec = it.opts.multipleOfPrecision;
        const res = gen.let("res");
        const invalid2 = prec ? (0, codegen_1._)`Math.abs(Math.round(${res}) - ${res}) > 1e-${prec}` : (0, codegen_1._)`${res} !== parseInt(${res})`;
        cxt.fail$data((0, codegen_1._)`(${schemaCode} === 0 || (${res} = ${data}/${schemaCode}, ${invalid2}))`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/runtime/ucs2length.js
var require_ucs2length = __commonJS({
  "node_modules/ajv/dist/runtime/ucs2length.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    function ucs2length(str) {
      const len = str.length;
      let length = 0;
      let pos = 0;
      let value;
      while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 55296 && value <= 56319 && pos < len) {
          value = str.charCodeAt(pos);
          if ((value & 64512) === 56320)
            pos++;
        }
      }
      return length;
    }
    exports.default = ucs2length;
    ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default';
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitLength.js
var require_limitLength = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitLength.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var ucs2length_1 = require_ucs2length();
    var error = {
      message({ keyword, schemaCode }) {
        const comp = keyword === "maxLength" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} characters`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    };
    var def = {
      keyword: ["maxLength", "minLength"],
      type: "string",
      schemaType: "number",
      $data: true,
      error,
      code(cxt) {
        const { keyword, data, schemaCode, it } = cxt;
        const op = keyword === "maxLength" ? codegen_1.operators.GT : codegen_1.operators.LT;
        const len = it.opts.unicode === false ? (0, codegen_1._)`${data}.length` : (0, codegen_1._)`${(0, util_1.useFunc)(cxt.gen, ucs2length_1.default)}(${data})`;
        cxt.fail$data((0, codegen_1._)`${len} ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/pattern.js
var require_pattern = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/pattern.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var util_1 = require_util();
    var codegen_1 = require_codegen();
    var error = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must match pattern "${schemaCode}"`,
      params: ({ schemaCode }) => (0, codegen_1._)`{pattern: ${schemaCode}}`
    };
    var def = {
      keyword: "pattern",
      type: "string",
      schemaType: "string",
      $data: true,
      error,
      code(cxt) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        const u = it.opts.unicodeRegExp ? "u" : "";
        if ($data) {
          const { regExp } = it.opts.code;
          const regExpCode = regExp.code === "new RegExp" ? (0, codegen_1._)`new RegExp` : (0, util_1.useFunc)(gen, regExp);
          const valid = gen.let("valid");
          gen.try(() => gen.assign(valid, (0, codegen_1._)`${regExpCode}(${schemaCode}, ${u}).test(${data})`), () => gen.assign(valid, false));
          cxt.fail$data((0, codegen_1._)`!${valid}`);
        } else {
          const regExp = (0, code_1.usePattern)(cxt, schema);
          cxt.fail$data((0, codegen_1._)`!${regExp}.test(${data})`);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitProperties.js
var require_limitProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error = {
      message({ keyword, schemaCode }) {
        const comp = keyword === "maxProperties" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} properties`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    };
    var def = {
      keyword: ["maxProperties", "minProperties"],
      type: "object",
      schemaType: "number",
      $data: true,
      error,
      code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        const op = keyword === "maxProperties" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._)`Object.keys(${data}).length ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/required.js
var require_required = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/required.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: ({ params: { missingProperty } }) => (0, codegen_1.str)`must have required property '${missingProperty}'`,
      params: ({ params: { missingProperty } }) => (0, codegen_1._)`{missingProperty: ${missingProperty}}`
    };
    var def = {
      keyword: "required",
      type: "object",
      schemaType: "array",
      $data: true,
      error,
      code(cxt) {
        const { gen, schema, schemaCode, data, $data, it } = cxt;
        const { opts } = it;
        if (!$data && schema.length === 0)
          return;
        const useLoop = schema.length >= opts.loopRequired;
        if (it.allErrors)
          allErrorsMode();
        else
          exitOnErrorMode();
        if (opts.strictRequired) {
          const props = cxt.parentSchema.properties;
          const { definedProperties } = cxt.it;
          for (const requiredKey of schema) {
            if ((props === null || props === void 0 ? void 0 : props[requiredKey]) === void 0 && !definedProperties.has(requiredKey)) {
              const schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
              const msg = `required property "${requiredKey}" is not defined at "${schemaPath}" (strictRequired)`;
              (0, util_1.checkStrictMode)(it, msg, it.opts.strictRequired);
            }
          }
        }
        function allErrorsMode() {
          if (useLoop || $data) {
            cxt.block$data(codegen_1.nil, loopAllRequired);
          } else {
            for (const prop of schema) {
              (0, code_1.checkReportMissingProp)(cxt, prop);
            }
          }
        }
        function exitOnErrorMode() {
          const missing = gen.let("missing");
          if (useLoop || $data) {
            const valid = gen.let("valid", true);
            cxt.block$data(valid, () => loopUntilMissing(missing, valid));
            cxt.ok(valid);
          } else {
            gen.if((0, code_1.checkMissingProp)(cxt, schema, missing));
            (0, code_1.reportMissingProp)(cxt, missing);
            gen.else();
          }
        }
        function loopAllRequired() {
          gen.forOf("prop", schemaCode, (prop) => {
            cxt.setParams({ missingProperty: prop });
            gen.if((0, code_1.noPropertyInData)(gen, data, prop, opts.ownProperties), () => cxt.error());
          });
        }
        function loopUntilMissing(missing, valid) {
          cxt.setParams({ missingProperty: missing });
          gen.forOf(missing, schemaCode, () => {
            gen.assign(valid, (0, code_1.propertyInData)(gen, data, missing, opts.ownProperties));
            gen.if((0, codegen_1.not)(valid), () => {
              cxt.error();
              gen.break();
            });
          }, codegen_1.nil);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitItems.js
var require_limitItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error = {
      message({ keyword, schemaCode }) {
        const comp = keyword === "maxItems" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} items`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    };
    var def = {
      keyword: ["maxItems", "minItems"],
      type: "array",
      schemaType: "number",
      $data: true,
      error,
      code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        const op = keyword === "maxItems" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._)`${data}.length ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/runtime/equal.js
var require_equal = __commonJS({
  "node_modules/ajv/dist/runtime/equal.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var equal = require_fast_deep_equal();
    equal.code = 'require("ajv/dist/runtime/equal").default';
    exports.default = equal;
  }
});

// node_modules/ajv/dist/vocabularies/validation/uniqueItems.js
var require_uniqueItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/uniqueItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dataType_1 = require_dataType();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var equal_1 = require_equal();
    var error = {
      message: ({ params: { i, j } }) => (0, codegen_1.str)`must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
      params: ({ params: { i, j } }) => (0, codegen_1._)`{i: ${i}, j: ${j}}`
    };
    var def = {
      keyword: "uniqueItems",
      type: "array",
      schemaType: "boolean",
      $data: true,
      error,
      code(cxt) {
        const { gen, data, $data, schema, parentSchema, schemaCode, it } = cxt;
        if (!$data && !schema)
          return;
        const valid = gen.let("valid");
        const itemTypes = parentSchema.items ? (0, dataType_1.getSchemaTypes)(parentSchema.items) : [];
        cxt.block$data(valid, validateUniqueItems, (0, codegen_1._)`${schemaCode} === false`);
        cxt.ok(valid);
        function validateUniqueItems() {
          const i = gen.let("i", (0, codegen_1._)`${data}.length`);
          const j = gen.let("j");
          cxt.setParams({ i, j });
          gen.assign(valid, true);
          gen.if((0, codegen_1._)`${i} > 1`, () => (canOptimize() ? loopN : loopN2)(i, j));
        }
        function canOptimize() {
          return itemTypes.length > 0 && !itemTypes.some((t) => t === "object" || t === "array");
        }
        function loopN(i, j) {
          const item = gen.name("item");
          const wrongType = (0, dataType_1.checkDataTypes)(itemTypes, item, it.opts.strictNumbers, dataType_1.DataType.Wrong);
          const indices = gen.const("indices", (0, codegen_1._)`{}`);
          gen.for((0, codegen_1._)`;${i}--;`, () => {
            gen.let(item, (0, codegen_1._)`${data}[${i}]`);
            gen.if(wrongType, (0, codegen_1._)`continue`);
            if (itemTypes.length > 1)
              gen.if((0, codegen_1._)`typeof ${item} == "string"`, (0, codegen_1._)`${item} += "_"`);
            gen.if((0, codegen_1._)`typeof ${indices}[${item}] == "number"`, () => {
              gen.assign(j, (0, codegen_1._)`${indices}[${item}]`);
              cxt.error();
              gen.assign(valid, false).break();
            }).code((0, codegen_1._)`${indices}[${item}] = ${i}`);
          });
        }
        function loopN2(i, j) {
          const eql = (0, util_1.useFunc)(gen, equal_1.default);
          const outer = gen.name("outer");
          gen.label(outer).for((0, codegen_1._)`;${i}--;`, () => gen.for((0, codegen_1._)`${j} = ${i}; ${j}--;`, () => gen.if((0, codegen_1._)`${eql}(${data}[${i}], ${data}[${j}])`, () => {
            cxt.error();
            gen.assign(valid, false).break(outer);
          })));
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/const.js
var require_const = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/const.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var equal_1 = require_equal();
    var error = {
      message: "must be equal to constant",
      params: ({ schemaCode }) => (0, codegen_1._)`{allowedValue: ${schemaCode}}`
    };
    var def = {
      keyword: "const",
      $data: true,
      error,
      code(cxt) {
        const { gen, data, $data, schemaCode, schema } = cxt;
        if ($data || schema && typeof schema == "object") {
          cxt.fail$data((0, codegen_1._)`!${(0, util_1.useFunc)(gen, equal_1.default)}(${data}, ${schemaCode})`);
        } else {
          cxt.fail((0, codegen_1._)`${schema} !== ${data}`);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/enum.js
var require_enum = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/enum.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var equal_1 = require_equal();
    var error = {
      message: "must be equal to one of the allowed values",
      params: ({ schemaCode }) => (0, codegen_1._)`{allowedValues: ${schemaCode}}`
    };
    var def = {
      keyword: "enum",
      schemaType: "array",
      $data: true,
      error,
      code(cxt) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        if (!$data && schema.length === 0)
          throw new Error("enum must have non-empty array");
        const useLoop = schema.length >= it.opts.loopEnum;
        let eql;
        const getEql = () => eql !== null && eql !== void 0 ? eql : eql = (0, util_1.useFunc)(gen, equal_1.default);
        let valid;
        if (useLoop || $data) {
          valid = gen.let("valid");
          cxt.block$data(valid, loopEnum);
        } else {
          if (!Array.isArray(schema))
            throw new Error("ajv implementation error");
          const vSchema = gen.const("vSchema", schemaCode);
          valid = (0, codegen_1.or)(...schema.map((_x, i) => equalCode(vSchema, i)));
        }
        cxt.pass(valid);
        function loopEnum() {
          gen.assign(valid, false);
          gen.forOf("v", schemaCode, (v) => gen.if((0, codegen_1._)`${getEql()}(${data}, ${v})`, () => gen.assign(valid, true).break()));
        }
        function equalCode(vSchema, i) {
          const sch = schema[i];
          return typeof sch === "object" && sch !== null ? (0, codegen_1._)`${getEql()}(${data}, ${vSchema}[${i}])` : (0, codegen_1._)`${data} === ${sch}`;
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/index.js
var require_validation = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var limitNumber_1 = require_limitNumber();
    var multipleOf_1 = require_multipleOf();
    var limitLength_1 = require_limitLength();
    var pattern_1 = require_pattern();
    var limitProperties_1 = require_limitProperties();
    var required_1 = require_required();
    var limitItems_1 = require_limitItems();
    var uniqueItems_1 = require_uniqueItems();
    var const_1 = require_const();
    var enum_1 = require_enum();
    var validation = [
      // number
      limitNumber_1.default,
      multipleOf_1.default,
      // string
      limitLength_1.default,
      pattern_1.default,
      // object
      limitProperties_1.default,
      required_1.default,
      // array
      limitItems_1.default,
      uniqueItems_1.default,
      // any
      { keyword: "type", schemaType: ["string", "array"] },
      { keyword: "nullable", schemaType: "boolean" },
      const_1.default,
      enum_1.default
    ];
    exports.default = validation;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/additionalItems.js
var require_additionalItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/additionalItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateAdditionalItems = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: ({ params: { len } }) => (0, codegen_1.str)`must NOT have more than ${len} items`,
      params: ({ params: { len } }) => (0, codegen_1._)`{limit: ${len}}`
    };
    var def = {
      keyword: "additionalItems",
      type: "array",
      schemaType: ["boolean", "object"],
      before: "uniqueItems",
      error,
      code(cxt) {
        const { parentSchema, it } = cxt;
        const { items } = parentSchema;
        if (!Array.isArray(items)) {
          (0, util_1.checkStrictMode)(it, '"additionalItems" is ignored when "items" is not an array of schemas');
          return;
        }
        validateAdditionalItems(cxt, items);
      }
    };
    function validateAdditionalItems(cxt, items) {
      const { gen, schema, data, keyword, it } = cxt;
      it.items = true;
      const len = gen.const("len", (0, codegen_1._)`${data}.length`);
      if (schema === false) {
        cxt.setParams({ len: items.length });
        cxt.pass((0, codegen_1._)`${len} <= ${items.length}`);
      } else if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
        const valid = gen.var("valid", (0, codegen_1._)`${len} <= ${items.length}`);
        gen.if((0, codegen_1.not)(valid), () => validateItems(valid));
        cxt.ok(valid);
      }
      function validateItems(valid) {
        gen.forRange("i", items.length, len, (i) => {
          cxt.subschema({ keyword, dataProp: i, dataPropType: util_1.Type.Num }, valid);
          if (!it.allErrors)
            gen.if((0, codegen_1.not)(valid), () => gen.break());
        });
      }
    }
    exports.validateAdditionalItems = validateAdditionalItems;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/items.js
var require_items = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/items.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateTuple = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var code_1 = require_code2();
    var def = {
      keyword: "items",
      type: "array",
      schemaType: ["object", "array", "boolean"],
      before: "uniqueItems",
      code(cxt) {
        const { schema, it } = cxt;
        if (Array.isArray(schema))
          return validateTuple(cxt, "additionalItems", schema);
        it.items = true;
        if ((0, util_1.alwaysValidSchema)(it, schema))
          return;
        cxt.ok((0, code_1.validateArray)(cxt));
      }
    };
    function validateTuple(cxt, extraItems, schArr = cxt.schema) {
      const { gen, parentSchema, data, keyword, it } = cxt;
      checkStrictTuple(parentSchema);
      if (it.opts.unevaluated && schArr.length && it.items !== true) {
        it.items = util_1.mergeEvaluated.items(gen, schArr.length, it.items);
      }
      const valid = gen.name("valid");
      const len = gen.const("len", (0, codegen_1._)`${data}.length`);
      schArr.forEach((sch, i) => {
        if ((0, util_1.alwaysValidSchema)(it, sch))
          return;
        gen.if((0, codegen_1._)`${len} > ${i}`, () => cxt.subschema({
          keyword,
          schemaProp: i,
          dataProp: i
        }, valid));
        cxt.ok(valid);
      });
      function checkStrictTuple(sch) {
        const { opts, errSchemaPath } = it;
        const l = schArr.length;
        const fullTuple = l === sch.minItems && (l === sch.maxItems || sch[extraItems] === false);
        if (opts.strictTuples && !fullTuple) {
          const msg = `"${keyword}" is ${l}-tuple, but minItems or maxItems/${extraItems} are not specified or different at path "${errSchemaPath}"`;
          (0, util_1.checkStrictMode)(it, msg, opts.strictTuples);
        }
      }
    }
    exports.validateTuple = validateTuple;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/prefixItems.js
var require_prefixItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/prefixItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var items_1 = require_items();
    var def = {
      keyword: "prefixItems",
      type: "array",
      schemaType: ["array"],
      before: "uniqueItems",
      code: (cxt) => (0, items_1.validateTuple)(cxt, "items")
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/items2020.js
var require_items2020 = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/items2020.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var code_1 = require_code2();
    var additionalItems_1 = require_additionalItems();
    var error = {
      message: ({ params: { len } }) => (0, codegen_1.str)`must NOT have more than ${len} items`,
      params: ({ params: { len } }) => (0, codegen_1._)`{limit: ${len}}`
    };
    var def = {
      keyword: "items",
      type: "array",
      schemaType: ["object", "boolean"],
      before: "uniqueItems",
      error,
      code(cxt) {
        const { schema, parentSchema, it } = cxt;
        const { prefixItems } = parentSchema;
        it.items = true;
        if ((0, util_1.alwaysValidSchema)(it, schema))
          return;
        if (prefixItems)
          (0, additionalItems_1.validateAdditionalItems)(cxt, prefixItems);
        else
          cxt.ok((0, code_1.validateArray)(cxt));
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/contains.js
var require_contains = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/contains.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: ({ params: { min, max } }) => max === void 0 ? (0, codegen_1.str)`must contain at least ${min} valid item(s)` : (0, codegen_1.str)`must contain at least ${min} and no more than ${max} valid item(s)`,
      params: ({ params: { min, max } }) => max === void 0 ? (0, codegen_1._)`{minContains: ${min}}` : (0, codegen_1._)`{minContains: ${min}, maxContains: ${max}}`
    };
    var def = {
      keyword: "contains",
      type: "array",
      schemaType: ["object", "boolean"],
      before: "uniqueItems",
      trackErrors: true,
      error,
      code(cxt) {
        const { gen, schema, parentSchema, data, it } = cxt;
        let min;
        let max;
        const { minContains, maxContains } = parentSchema;
        if (it.opts.next) {
          min = minContains === void 0 ? 1 : minContains;
          max = maxContains;
        } else {
          min = 1;
        }
        const len = gen.const("len", (0, codegen_1._)`${data}.length`);
        cxt.setParams({ min, max });
        if (max === void 0 && min === 0) {
          (0, util_1.checkStrictMode)(it, `"minContains" == 0 without "maxContains": "contains" keyword ignored`);
          return;
        }
        if (max !== void 0 && min > max) {
          (0, util_1.checkStrictMode)(it, `"minContains" > "maxContains" is always invalid`);
          cxt.fail();
          return;
        }
        if ((0, util_1.alwaysValidSchema)(it, schema)) {
          let cond = (0, codegen_1._)`${len} >= ${min}`;
          if (max !== void 0)
            cond = (0, codegen_1._)`${cond} && ${len} <= ${max}`;
          cxt.pass(cond);
          return;
        }
        it.items = true;
        const valid = gen.name("valid");
        if (max === void 0 && min === 1) {
          validateItems(valid, () => gen.if(valid, () => gen.break()));
        } else if (min === 0) {
          gen.let(valid, true);
          if (max !== void 0)
            gen.if((0, codegen_1._)`${data}.length > 0`, validateItemsWithCount);
        } else {
          gen.let(valid, false);
          validateItemsWithCount();
        }
        cxt.result(valid, () => cxt.reset());
        function validateItemsWithCount() {
          const schValid = gen.name("_valid");
          const count = gen.let("count", 0);
          validateItems(schValid, () => gen.if(schValid, () => checkLimits(count)));
        }
        function validateItems(_valid, block) {
          gen.forRange("i", 0, len, (i) => {
            cxt.subschema({
              keyword: "contains",
              dataProp: i,
              dataPropType: util_1.Type.Num,
              compositeRule: true
            }, _valid);
            block();
          });
        }
        function checkLimits(count) {
          gen.code((0, codegen_1._)`${count}++`);
          if (max === void 0) {
            gen.if((0, codegen_1._)`${count} >= ${min}`, () => gen.assign(valid, true).break());
          } else {
            gen.if((0, codegen_1._)`${count} > ${max}`, () => gen.assign(valid, false).break());
            if (min === 1)
              gen.assign(valid, true);
            else
              gen.if((0, codegen_1._)`${count} >= ${min}`, () => gen.assign(valid, true));
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/dependencies.js
var require_dependencies = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/dependencies.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateSchemaDeps = exports.validatePropertyDeps = exports.error = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var code_1 = require_code2();
    exports.error = {
      message: ({ params: { property, depsCount, deps } }) => {
        const property_ies = depsCount === 1 ? "property" : "properties";
        return (0, codegen_1.str)`must have ${property_ies} ${deps} when property ${property} is present`;
      },
      params: ({ params: { property, depsCount, deps, missingProperty } }) => (0, codegen_1._)`{property: ${property},
    missingProperty: ${missingProperty},
    depsCount: ${depsCount},
    deps: ${deps}}`
      // TODO change to reference
    };
    var def = {
      keyword: "dependencies",
      type: "object",
      schemaType: "object",
      error: exports.error,
      code(cxt) {
        const [propDeps, schDeps] = splitDependencies(cxt);
        validatePropertyDeps(cxt, propDeps);
        validateSchemaDeps(cxt, schDeps);
      }
    };
    function splitDependencies({ schema }) {
      const propertyDeps = {};
      const schemaDeps = {};
      for (const key in schema) {
        if (key === "__proto__")
          continue;
        const deps = Array.isArray(schema[key]) ? propertyDeps : schemaDeps;
        deps[key] = schema[key];
      }
      return [propertyDeps, schemaDeps];
    }
    function validatePropertyDeps(cxt, propertyDeps = cxt.schema) {
      const { gen, data, it } = cxt;
      if (Object.keys(propertyDeps).length === 0)
        return;
      const missing = gen.let("missing");
      for (const prop in propertyDeps) {
        const deps = propertyDeps[prop];
        if (deps.length === 0)
          continue;
        const hasProperty = (0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties);
        cxt.setParams({
          property: prop,
          depsCount: deps.length,
          deps: deps.join(", ")
        });
        if (it.allErrors) {
          gen.if(hasProperty, () => {
            for (const depProp of deps) {
              (0, code_1.checkReportMissingProp)(cxt, depProp);
            }
          });
        } else {
          gen.if((0, codegen_1._)`${hasProperty} && (${(0, code_1.checkMissingProp)(cxt, deps, missing)})`);
          (0, code_1.reportMissingProp)(cxt, missing);
          gen.else();
        }
      }
    }
    exports.validatePropertyDeps = validatePropertyDeps;
    function validateSchemaDeps(cxt, schemaDeps = cxt.schema) {
      const { gen, data, keyword, it } = cxt;
      const valid = gen.name("valid");
      for (const prop in schemaDeps) {
        if ((0, util_1.alwaysValidSchema)(it, schemaDeps[prop]))
          continue;
        gen.if(
          (0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties),
          () => {
            const schCxt = cxt.subschema({ keyword, schemaProp: prop }, valid);
            cxt.mergeValidEvaluated(schCxt, valid);
          },
          () => gen.var(valid, true)
          // TODO var
        );
        cxt.ok(valid);
      }
    }
    exports.validateSchemaDeps = validateSchemaDeps;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/propertyNames.js
var require_propertyNames = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/propertyNames.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: "property name must be valid",
      params: ({ params }) => (0, codegen_1._)`{propertyName: ${params.propertyName}}`
    };
    var def = {
      keyword: "propertyNames",
      type: "object",
      schemaType: ["object", "boolean"],
      error,
      code(cxt) {
        const { gen, schema, data, it } = cxt;
        if ((0, util_1.alwaysValidSchema)(it, schema))
          return;
        const valid = gen.name("valid");
        gen.forIn("key", data, (key) => {
          cxt.setParams({ propertyName: key });
          cxt.subschema({
            keyword: "propertyNames",
            data: key,
            dataTypes: ["string"],
            propertyName: key,
            compositeRule: true
          }, valid);
          gen.if((0, codegen_1.not)(valid), () => {
            cxt.error(true);
            if (!it.allErrors)
              gen.break();
          });
        });
        cxt.ok(valid);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/additionalProperties.js
var require_additionalProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/additionalProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var util_1 = require_util();
    var error = {
      message: "must NOT have additional properties",
      params: ({ params }) => (0, codegen_1._)`{additionalProperty: ${params.additionalProperty}}`
    };
    var def = {
      keyword: "additionalProperties",
      type: ["object"],
      schemaType: ["boolean", "object"],
      allowUndefined: true,
      trackErrors: true,
      error,
      code(cxt) {
        const { gen, schema, parentSchema, data, errsCount, it } = cxt;
        if (!errsCount)
          throw new Error("ajv implementation error");
        const { allErrors, opts } = it;
        it.props = true;
        if (opts.removeAdditional !== "all" && (0, util_1.alwaysValidSchema)(it, schema))
          return;
        const props = (0, code_1.allSchemaProperties)(parentSchema.properties);
        const patProps = (0, code_1.allSchemaProperties)(parentSchema.patternProperties);
        checkAdditionalProperties();
        cxt.ok((0, codegen_1._)`${errsCount} === ${names_1.default.errors}`);
        function checkAdditionalProperties() {
          gen.forIn("key", data, (key) => {
            if (!props.length && !patProps.length)
              additionalPropertyCode(key);
            else
              gen.if(isAdditional(key), () => additionalPropertyCode(key));
          });
        }
        function isAdditional(key) {
          let definedProp;
          if (props.length > 8) {
            const propsSchema = (0, util_1.schemaRefOrVal)(it, parentSchema.properties, "properties");
            definedProp = (0, code_1.isOwnProperty)(gen, propsSchema, key);
          } else if (props.length) {
            definedProp = (0, codegen_1.or)(...props.map((p) => (0, codegen_1._)`${key} === ${p}`));
          } else {
            definedProp = codegen_1.nil;
          }
          if (patProps.length) {
            definedProp = (0, codegen_1.or)(definedProp, ...patProps.map((p) => (0, codegen_1._)`${(0, code_1.usePattern)(cxt, p)}.test(${key})`));
          }
          return (0, codegen_1.not)(definedProp);
        }
        function deleteAdditional(key) {
          gen.code((0, codegen_1._)`delete ${data}[${key}]`);
        }
        function additionalPropertyCode(key) {
          if (opts.removeAdditional === "all" || opts.removeAdditional && schema === false) {
            deleteAdditional(key);
            return;
          }
          if (schema === false) {
            cxt.setParams({ additionalProperty: key });
            cxt.error();
            if (!allErrors)
              gen.break();
            return;
          }
          if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
            const valid = gen.name("valid");
            if (opts.removeAdditional === "failing") {
              applyAdditionalSchema(key, valid, false);
              gen.if((0, codegen_1.not)(valid), () => {
                cxt.reset();
                deleteAdditional(key);
              });
            } else {
              applyAdditionalSchema(key, valid);
              if (!allErrors)
                gen.if((0, codegen_1.not)(valid), () => gen.break());
            }
          }
        }
        function applyAdditionalSchema(key, valid, errors) {
          const subschema = {
            keyword: "additionalProperties",
            dataProp: key,
            dataPropType: util_1.Type.Str
          };
          if (errors === false) {
            Object.assign(subschema, {
              compositeRule: true,
              createErrors: false,
              allErrors: false
            });
          }
          cxt.subschema(subschema, valid);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/properties.js
var require_properties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/properties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var validate_1 = require_validate();
    var code_1 = require_code2();
    var util_1 = require_util();
    var additionalProperties_1 = require_additionalProperties();
    var def = {
      keyword: "properties",
      type: "object",
      schemaType: "object",
      code(cxt) {
        const { gen, schema, parentSchema, data, it } = cxt;
        if (it.opts.removeAdditional === "all" && parentSchema.additionalProperties === void 0) {
          additionalProperties_1.default.code(new validate_1.KeywordCxt(it, additionalProperties_1.default, "additionalProperties"));
        }
        const allProps = (0, code_1.allSchemaProperties)(schema);
        for (const prop of allProps) {
          it.definedProperties.add(prop);
        }
        if (it.opts.unevaluated && allProps.length && it.props !== true) {
          it.props = util_1.mergeEvaluated.props(gen, (0, util_1.toHash)(allProps), it.props);
        }
        const properties = allProps.filter((p) => !(0, util_1.alwaysValidSchema)(it, schema[p]));
        if (properties.length === 0)
          return;
        const valid = gen.name("valid");
        for (const prop of properties) {
          if (hasDefault(prop)) {
            applyPropertySchema(prop);
          } else {
            gen.if((0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties));
            applyPropertySchema(prop);
            if (!it.allErrors)
              gen.else().var(valid, true);
            gen.endIf();
          }
          cxt.it.definedProperties.add(prop);
          cxt.ok(valid);
        }
        function hasDefault(prop) {
          return it.opts.useDefaults && !it.compositeRule && schema[prop].default !== void 0;
        }
        function applyPropertySchema(prop) {
          cxt.subschema({
            keyword: "properties",
            schemaProp: prop,
            dataProp: prop
          }, valid);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/patternProperties.js
var require_patternProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/patternProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var util_2 = require_util();
    var def = {
      keyword: "patternProperties",
      type: "object",
      schemaType: "object",
      code(cxt) {
        const { gen, schema, data, parentSchema, it } = cxt;
        const { opts } = it;
        const patterns = (0, code_1.allSchemaProperties)(schema);
        const alwaysValidPatterns = patterns.filter((p) => (0, util_1.alwaysValidSchema)(it, schema[p]));
        if (patterns.length === 0 || alwaysValidPatterns.length === patterns.length && (!it.opts.unevaluated || it.props === true)) {
          return;
        }
        const checkProperties = opts.strictSchema && !opts.allowMatchingProperties && parentSchema.properties;
        const valid = gen.name("valid");
        if (it.props !== true && !(it.props instanceof codegen_1.Name)) {
          it.props = (0, util_2.evaluatedPropsToName)(gen, it.props);
        }
        const { props } = it;
        validatePatternProperties();
        function validatePatternProperties() {
          for (const pat of patterns) {
            if (checkProperties)
              checkMatchingProperties(pat);
            if (it.allErrors) {
              validateProperties(pat);
            } else {
              gen.var(valid, true);
              validateProperties(pat);
              gen.if(valid);
            }
          }
        }
        function checkMatchingProperties(pat) {
          for (const prop in checkProperties) {
            if (new RegExp(pat).test(prop)) {
              (0, util_1.checkStrictMode)(it, `property ${prop} matches pattern ${pat} (use allowMatchingProperties)`);
            }
          }
        }
        function validateProperties(pat) {
          gen.forIn("key", data, (key) => {
            gen.if((0, codegen_1._)`${(0, code_1.usePattern)(cxt, pat)}.test(${key})`, () => {
              const alwaysValid = alwaysValidPatterns.includes(pat);
              if (!alwaysValid) {
                cxt.subschema({
                  keyword: "patternProperties",
                  schemaProp: pat,
                  dataProp: key,
                  dataPropType: util_2.Type.Str
                }, valid);
              }
              if (it.opts.unevaluated && props !== true) {
                gen.assign((0, codegen_1._)`${props}[${key}]`, true);
              } else if (!alwaysValid && !it.allErrors) {
                gen.if((0, codegen_1.not)(valid), () => gen.break());
              }
            });
          });
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/not.js
var require_not = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/not.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: "not",
      schemaType: ["object", "boolean"],
      trackErrors: true,
      code(cxt) {
        const { gen, schema, it } = cxt;
        if ((0, util_1.alwaysValidSchema)(it, schema)) {
          cxt.fail();
          return;
        }
        const valid = gen.name("valid");
        cxt.subschema({
          keyword: "not",
          compositeRule: true,
          createErrors: false,
          allErrors: false
        }, valid);
        cxt.failResult(valid, () => cxt.reset(), () => cxt.error());
      },
      error: { message: "must NOT be valid" }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/anyOf.js
var require_anyOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/anyOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var def = {
      keyword: "anyOf",
      schemaType: "array",
      trackErrors: true,
      code: code_1.validateUnion,
      error: { message: "must match a schema in anyOf" }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/oneOf.js
var require_oneOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/oneOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: "must match exactly one schema in oneOf",
      params: ({ params }) => (0, codegen_1._)`{passingSchemas: ${params.passing}}`
    };
    var def = {
      keyword: "oneOf",
      schemaType: "array",
      trackErrors: true,
      error,
      code(cxt) {
        const { gen, schema, parentSchema, it } = cxt;
        if (!Array.isArray(schema))
          throw new Error("ajv implementation error");
        if (it.opts.discriminator && parentSchema.discriminator)
          return;
        const schArr = schema;
        const valid = gen.let("valid", false);
        const passing = gen.let("passing", null);
        const schValid = gen.name("_valid");
        cxt.setParams({ passing });
        gen.block(validateOneOf);
        cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
        function validateOneOf() {
          schArr.forEach((sch, i) => {
            let schCxt;
            if ((0, util_1.alwaysValidSchema)(it, sch)) {
              gen.var(schValid, true);
            } else {
              schCxt = cxt.subschema({
                keyword: "oneOf",
                schemaProp: i,
                compositeRule: true
              }, schValid);
            }
            if (i > 0) {
              gen.if((0, codegen_1._)`${schValid} && ${valid}`).assign(valid, false).assign(passing, (0, codegen_1._)`[${passing}, ${i}]`).else();
            }
            gen.if(schValid, () => {
              gen.assign(valid, true);
              gen.assign(passing, i);
              if (schCxt)
                cxt.mergeEvaluated(schCxt, codegen_1.Name);
            });
          });
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/allOf.js
var require_allOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/allOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: "allOf",
      schemaType: "array",
      code(cxt) {
        const { gen, schema, it } = cxt;
        if (!Array.isArray(schema))
          throw new Error("ajv implementation error");
        const valid = gen.name("valid");
        schema.forEach((sch, i) => {
          if ((0, util_1.alwaysValidSchema)(it, sch))
            return;
          const schCxt = cxt.subschema({ keyword: "allOf", schemaProp: i }, valid);
          cxt.ok(valid);
          cxt.mergeEvaluated(schCxt);
        });
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/if.js
var require_if = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/if.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: ({ params }) => (0, codegen_1.str)`must match "${params.ifClause}" schema`,
      params: ({ params }) => (0, codegen_1._)`{failingKeyword: ${params.ifClause}}`
    };
    var def = {
      keyword: "if",
      schemaType: ["object", "boolean"],
      trackErrors: true,
      error,
      code(cxt) {
        const { gen, parentSchema, it } = cxt;
        if (parentSchema.then === void 0 && parentSchema.else === void 0) {
          (0, util_1.checkStrictMode)(it, '"if" without "then" and "else" is ignored');
        }
        const hasThen = hasSchema(it, "then");
        const hasElse = hasSchema(it, "else");
        if (!hasThen && !hasElse)
          return;
        const valid = gen.let("valid", true);
        const schValid = gen.name("_valid");
        validateIf();
        cxt.reset();
        if (hasThen && hasElse) {
          const ifClause = gen.let("ifClause");
          cxt.setParams({ ifClause });
          gen.if(schValid, validateClause("then", ifClause), validateClause("else", ifClause));
        } else if (hasThen) {
          gen.if(schValid, validateClause("then"));
        } else {
          gen.if((0, codegen_1.not)(schValid), validateClause("else"));
        }
        cxt.pass(valid, () => cxt.error(true));
        function validateIf() {
          const schCxt = cxt.subschema({
            keyword: "if",
            compositeRule: true,
            createErrors: false,
            allErrors: false
          }, schValid);
          cxt.mergeEvaluated(schCxt);
        }
        function validateClause(keyword, ifClause) {
          return () => {
            const schCxt = cxt.subschema({ keyword }, schValid);
            gen.assign(valid, schValid);
            cxt.mergeValidEvaluated(schCxt, valid);
            if (ifClause)
              gen.assign(ifClause, (0, codegen_1._)`${keyword}`);
            else
              cxt.setParams({ ifClause: keyword });
          };
        }
      }
    };
    function hasSchema(it, keyword) {
      const schema = it.schema[keyword];
      return schema !== void 0 && !(0, util_1.alwaysValidSchema)(it, schema);
    }
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/thenElse.js
var require_thenElse = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/thenElse.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: ["then", "else"],
      schemaType: ["object", "boolean"],
      code({ keyword, parentSchema, it }) {
        if (parentSchema.if === void 0)
          (0, util_1.checkStrictMode)(it, `"${keyword}" without "if" is ignored`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/index.js
var require_applicator = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var additionalItems_1 = require_additionalItems();
    var prefixItems_1 = require_prefixItems();
    var items_1 = require_items();
    var items2020_1 = require_items2020();
    var contains_1 = require_contains();
    var dependencies_1 = require_dependencies();
    var propertyNames_1 = require_propertyNames();
    var additionalProperties_1 = require_additionalProperties();
    var properties_1 = require_properties();
    var patternProperties_1 = require_patternProperties();
    var not_1 = require_not();
    var anyOf_1 = require_anyOf();
    var oneOf_1 = require_oneOf();
    var allOf_1 = require_allOf();
    var if_1 = require_if();
    var thenElse_1 = require_thenElse();
    function getApplicator(draft2020 = false) {
      const applicator = [
        // any
        not_1.default,
        anyOf_1.default,
        oneOf_1.default,
        allOf_1.default,
        if_1.default,
        thenElse_1.default,
        // object
        propertyNames_1.default,
        additionalProperties_1.default,
        dependencies_1.default,
        properties_1.default,
        patternProperties_1.default
      ];
      if (draft2020)
        applicator.push(prefixItems_1.default, items2020_1.default);
      else
        applicator.push(additionalItems_1.default, items_1.default);
      applicator.push(contains_1.default);
      return applicator;
    }
    exports.default = getApplicator;
  }
});

// node_modules/ajv/dist/vocabularies/format/format.js
var require_format = __commonJS({
  "node_modules/ajv/dist/vocabularies/format/format.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must match format "${schemaCode}"`,
      params: ({ schemaCode }) => (0, codegen_1._)`{format: ${schemaCode}}`
    };
    var def = {
      keyword: "format",
      type: ["number", "string"],
      schemaType: "string",
      $data: true,
      error,
      code(cxt, ruleType) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        const { opts, errSchemaPath, schemaEnv, self } = it;
        if (!opts.validateFormats)
          return;
        if ($data)
          validate$DataFormat();
        else
          validateFormat();
        function validate$DataFormat() {
          const fmts = gen.scopeValue("formats", {
            ref: self.formats,
            code: opts.code.formats
          });
          const fDef = gen.const("fDef", (0, codegen_1._)`${fmts}[${schemaCode}]`);
          const fType = gen.let("fType");
          const format = gen.let("format");
          gen.if((0, codegen_1._)`typeof ${fDef} == "object" && !(${fDef} instanceof RegExp)`, () => gen.assign(fType, (0, codegen_1._)`${fDef}.type || "string"`).assign(format, (0, codegen_1._)`${fDef}.validate`), () => gen.assign(fType, (0, codegen_1._)`"string"`).assign(format, fDef));
          cxt.fail$data((0, codegen_1.or)(unknownFmt(), invalidFmt()));
          function unknownFmt() {
            if (opts.strictSchema === false)
              return codegen_1.nil;
            return (0, codegen_1._)`${schemaCode} && !${format}`;
          }
          function invalidFmt() {
            const callFormat = schemaEnv.$async ? (0, codegen_1._)`(${fDef}.async ? await ${format}(${data}) : ${format}(${data}))` : (0, codegen_1._)`${format}(${data})`;
            const validData = (0, codegen_1._)`(typeof ${format} == "function" ? ${callFormat} : ${format}.test(${data}))`;
            return (0, codegen_1._)`${format} && ${format} !== true && ${fType} === ${ruleType} && !${validData}`;
          }
        }
        function validateFormat() {
          const formatDef = self.formats[schema];
          if (!formatDef) {
            unknownFormat();
            return;
          }
          if (formatDef === true)
            return;
          const [fmtType, format, fmtRef] = getFormat(formatDef);
          if (fmtType === ruleType)
            cxt.pass(validCondition());
          function unknownFormat() {
            if (opts.strictSchema === false) {
              self.logger.warn(unknownMsg());
              return;
            }
            throw new Error(unknownMsg());
            function unknownMsg() {
              return `unknown format "${schema}" ignored in schema at path "${errSchemaPath}"`;
            }
          }
          function getFormat(fmtDef) {
            const code = fmtDef instanceof RegExp ? (0, codegen_1.regexpCode)(fmtDef) : opts.code.formats ? (0, codegen_1._)`${opts.code.formats}${(0, codegen_1.getProperty)(schema)}` : void 0;
            const fmt = gen.scopeValue("formats", { key: schema, ref: fmtDef, code });
            if (typeof fmtDef == "object" && !(fmtDef instanceof RegExp)) {
              return [fmtDef.type || "string", fmtDef.validate, (0, codegen_1._)`${fmt}.validate`];
            }
            return ["string", fmtDef, fmt];
          }
          function validCondition() {
            if (typeof formatDef == "object" && !(formatDef instanceof RegExp) && formatDef.async) {
              if (!schemaEnv.$async)
                throw new Error("async format in sync schema");
              return (0, codegen_1._)`await ${fmtRef}(${data})`;
            }
            return typeof format == "function" ? (0, codegen_1._)`${fmtRef}(${data})` : (0, codegen_1._)`${fmtRef}.test(${data})`;
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/format/index.js
var require_format2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/format/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var format_1 = require_format();
    var format = [format_1.default];
    exports.default = format;
  }
});

// node_modules/ajv/dist/vocabularies/metadata.js
var require_metadata = __commonJS({
  "node_modules/ajv/dist/vocabularies/metadata.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.contentVocabulary = exports.metadataVocabulary = void 0;
    exports.metadataVocabulary = [
      "title",
      "description",
      "default",
      "deprecated",
      "readOnly",
      "writeOnly",
      "examples"
    ];
    exports.contentVocabulary = [
      "contentMediaType",
      "contentEncoding",
      "contentSchema"
    ];
  }
});

// node_modules/ajv/dist/vocabularies/draft7.js
var require_draft7 = __commonJS({
  "node_modules/ajv/dist/vocabularies/draft7.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var core_1 = require_core2();
    var validation_1 = require_validation();
    var applicator_1 = require_applicator();
    var format_1 = require_format2();
    var metadata_1 = require_metadata();
    var draft7Vocabularies = [
      core_1.default,
      validation_1.default,
      (0, applicator_1.default)(),
      format_1.default,
      metadata_1.metadataVocabulary,
      metadata_1.contentVocabulary
    ];
    exports.default = draft7Vocabularies;
  }
});

// node_modules/ajv/dist/vocabularies/discriminator/types.js
var require_types = __commonJS({
  "node_modules/ajv/dist/vocabularies/discriminator/types.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.DiscrError = void 0;
    var DiscrError;
    (function(DiscrError2) {
      DiscrError2["Tag"] = "tag";
      DiscrError2["Mapping"] = "mapping";
    })(DiscrError || (exports.DiscrError = DiscrError = {}));
  }
});

// node_modules/ajv/dist/vocabularies/discriminator/index.js
var require_discriminator = __commonJS({
  "node_modules/ajv/dist/vocabularies/discriminator/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var types_1 = require_types();
    var compile_1 = require_compile();
    var ref_error_1 = require_ref_error();
    var util_1 = require_util();
    var error = {
      message: ({ params: { discrError, tagName } }) => discrError === types_1.DiscrError.Tag ? `tag "${tagName}" must be string` : `value of tag "${tagName}" must be in oneOf`,
      params: ({ params: { discrError, tag, tagName } }) => (0, codegen_1._)`{error: ${discrError}, tag: ${tagName}, tagValue: ${tag}}`
    };
    var def = {
      keyword: "discriminator",
      type: "object",
      schemaType: "object",
      error,
      code(cxt) {
        const { gen, data, schema, parentSchema, it } = cxt;
        const { oneOf } = parentSchema;
        if (!it.opts.discriminator) {
          throw new Error("discriminator: requires discriminator option");
        }
        const tagName = schema.propertyName;
        if (typeof tagName != "string")
          throw new Error("discriminator: requires propertyName");
        if (schema.mapping)
          throw new Error("discriminator: mapping is not supported");
        if (!oneOf)
          throw new Error("discriminator: requires oneOf keyword");
        const valid = gen.let("valid", false);
        const tag = gen.const("tag", (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(tagName)}`);
        gen.if((0, codegen_1._)`typeof ${tag} == "string"`, () => validateMapping(), () => cxt.error(false, { discrError: types_1.DiscrError.Tag, tag, tagName }));
        cxt.ok(valid);
        function validateMapping() {
          const mapping = getMapping();
          gen.if(false);
          for (const tagValue in mapping) {
            gen.elseIf((0, codegen_1._)`${tag} === ${tagValue}`);
            gen.assign(valid, applyTagSchema(mapping[tagValue]));
          }
          gen.else();
          cxt.error(false, { discrError: types_1.DiscrError.Mapping, tag, tagName });
          gen.endIf();
        }
        function applyTagSchema(schemaProp) {
          const _valid = gen.name("valid");
          const schCxt = cxt.subschema({ keyword: "oneOf", schemaProp }, _valid);
          cxt.mergeEvaluated(schCxt, codegen_1.Name);
          return _valid;
        }
        function getMapping() {
          var _a;
          const oneOfMapping = {};
          const topRequired = hasRequired(parentSchema);
          let tagRequired = true;
          for (let i = 0; i < oneOf.length; i++) {
            let sch = oneOf[i];
            if ((sch === null || sch === void 0 ? void 0 : sch.$ref) && !(0, util_1.schemaHasRulesButRef)(sch, it.self.RULES)) {
              const ref = sch.$ref;
              sch = compile_1.resolveRef.call(it.self, it.schemaEnv.root, it.baseId, ref);
              if (sch instanceof compile_1.SchemaEnv)
                sch = sch.schema;
              if (sch === void 0)
                throw new ref_error_1.default(it.opts.uriResolver, it.baseId, ref);
            }
            const propSch = (_a = sch === null || sch === void 0 ? void 0 : sch.properties) === null || _a === void 0 ? void 0 : _a[tagName];
            if (typeof propSch != "object") {
              throw new Error(`discriminator: oneOf subschemas (or referenced schemas) must have "properties/${tagName}"`);
            }
            tagRequired = tagRequired && (topRequired || hasRequired(sch));
            addMappings(propSch, i);
          }
          if (!tagRequired)
            throw new Error(`discriminator: "${tagName}" must be required`);
          return oneOfMapping;
          function hasRequired({ required }) {
            return Array.isArray(required) && required.includes(tagName);
          }
          function addMappings(sch, i) {
            if (sch.const) {
              addMapping(sch.const, i);
            } else if (sch.enum) {
              for (const tagValue of sch.enum) {
                addMapping(tagValue, i);
              }
            } else {
              throw new Error(`discriminator: "properties/${tagName}" must have "const" or "enum"`);
            }
          }
          function addMapping(tagValue, i) {
            if (typeof tagValue != "string" || tagValue in oneOfMapping) {
              throw new Error(`discriminator: "${tagName}" values must be unique strings`);
            }
            oneOfMapping[tagValue] = i;
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/refs/json-schema-draft-07.json
var require_json_schema_draft_07 = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-draft-07.json"(exports, module) {
    module.exports = {
      $schema: "http://json-schema.org/draft-07/schema#",
      $id: "http://json-schema.org/draft-07/schema#",
      title: "Core schema meta-schema",
      definitions: {
        schemaArray: {
          type: "array",
          minItems: 1,
          items: { $ref: "#" }
        },
        nonNegativeInteger: {
          type: "integer",
          minimum: 0
        },
        nonNegativeIntegerDefault0: {
          allOf: [{ $ref: "#/definitions/nonNegativeInteger" }, { default: 0 }]
        },
        simpleTypes: {
          enum: ["array", "boolean", "integer", "null", "number", "object", "string"]
        },
        stringArray: {
          type: "array",
          items: { type: "string" },
          uniqueItems: true,
          default: []
        }
      },
      type: ["object", "boolean"],
      properties: {
        $id: {
          type: "string",
          format: "uri-reference"
        },
        $schema: {
          type: "string",
          format: "uri"
        },
        $ref: {
          type: "string",
          format: "uri-reference"
        },
        $comment: {
          type: "string"
        },
        title: {
          type: "string"
        },
        description: {
          type: "string"
        },
        default: true,
        readOnly: {
          type: "boolean",
          default: false
        },
        examples: {
          type: "array",
          items: true
        },
        multipleOf: {
          type: "number",
          exclusiveMinimum: 0
        },
        maximum: {
          type: "number"
        },
        exclusiveMaximum: {
          type: "number"
        },
        minimum: {
          type: "number"
        },
        exclusiveMinimum: {
          type: "number"
        },
        maxLength: { $ref: "#/definitions/nonNegativeInteger" },
        minLength: { $ref: "#/definitions/nonNegativeIntegerDefault0" },
        pattern: {
          type: "string",
          format: "regex"
        },
        additionalItems: { $ref: "#" },
        items: {
          anyOf: [{ $ref: "#" }, { $ref: "#/definitions/schemaArray" }],
          default: true
        },
        maxItems: { $ref: "#/definitions/nonNegativeInteger" },
        minItems: { $ref: "#/definitions/nonNegativeIntegerDefault0" },
        uniqueItems: {
          type: "boolean",
          default: false
        },
        contains: { $ref: "#" },
        maxProperties: { $ref: "#/definitions/nonNegativeInteger" },
        minProperties: { $ref: "#/definitions/nonNegativeIntegerDefault0" },
        required: { $ref: "#/definitions/stringArray" },
        additionalProperties: { $ref: "#" },
        definitions: {
          type: "object",
          additionalProperties: { $ref: "#" },
          default: {}
        },
        properties: {
          type: "object",
          additionalProperties: { $ref: "#" },
          default: {}
        },
        patternProperties: {
          type: "object",
          additionalProperties: { $ref: "#" },
          propertyNames: { format: "regex" },
          default: {}
        },
        dependencies: {
          type: "object",
          additionalProperties: {
            anyOf: [{ $ref: "#" }, { $ref: "#/definitions/stringArray" }]
          }
        },
        propertyNames: { $ref: "#" },
        const: true,
        enum: {
          type: "array",
          items: true,
          minItems: 1,
          uniqueItems: true
        },
        type: {
          anyOf: [
            { $ref: "#/definitions/simpleTypes" },
            {
              type: "array",
              items: { $ref: "#/definitions/simpleTypes" },
              minItems: 1,
              uniqueItems: true
            }
          ]
        },
        format: { type: "string" },
        contentMediaType: { type: "string" },
        contentEncoding: { type: "string" },
        if: { $ref: "#" },
        then: { $ref: "#" },
        else: { $ref: "#" },
        allOf: { $ref: "#/definitions/schemaArray" },
        anyOf: { $ref: "#/definitions/schemaArray" },
        oneOf: { $ref: "#/definitions/schemaArray" },
        not: { $ref: "#" }
      },
      default: true
    };
  }
});

// node_modules/ajv/dist/ajv.js
var require_ajv = __commonJS({
  "node_modules/ajv/dist/ajv.js"(exports, module) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.MissingRefError = exports.ValidationError = exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = exports.Ajv = void 0;
    var core_1 = require_core();
    var draft7_1 = require_draft7();
    var discriminator_1 = require_discriminator();
    var draft7MetaSchema = require_json_schema_draft_07();
    var META_SUPPORT_DATA = ["/properties"];
    var META_SCHEMA_ID = "http://json-schema.org/draft-07/schema";
    var Ajv2 = class extends core_1.default {
      _addVocabularies() {
        super._addVocabularies();
        draft7_1.default.forEach((v) => this.addVocabulary(v));
        if (this.opts.discriminator)
          this.addKeyword(discriminator_1.default);
      }
      _addDefaultMetaSchema() {
        super._addDefaultMetaSchema();
        if (!this.opts.meta)
          return;
        const metaSchema = this.opts.$data ? this.$dataMetaSchema(draft7MetaSchema, META_SUPPORT_DATA) : draft7MetaSchema;
        this.addMetaSchema(metaSchema, META_SCHEMA_ID, false);
        this.refs["http://json-schema.org/schema"] = META_SCHEMA_ID;
      }
      defaultMeta() {
        return this.opts.defaultMeta = super.defaultMeta() || (this.getSchema(META_SCHEMA_ID) ? META_SCHEMA_ID : void 0);
      }
    };
    exports.Ajv = Ajv2;
    module.exports = exports = Ajv2;
    module.exports.Ajv = Ajv2;
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.default = Ajv2;
    var validate_1 = require_validate();
    Object.defineProperty(exports, "KeywordCxt", { enumerable: true, get: function() {
      return validate_1.KeywordCxt;
    } });
    var codegen_1 = require_codegen();
    Object.defineProperty(exports, "_", { enumerable: true, get: function() {
      return codegen_1._;
    } });
    Object.defineProperty(exports, "str", { enumerable: true, get: function() {
      return codegen_1.str;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: true, get: function() {
      return codegen_1.stringify;
    } });
    Object.defineProperty(exports, "nil", { enumerable: true, get: function() {
      return codegen_1.nil;
    } });
    Object.defineProperty(exports, "Name", { enumerable: true, get: function() {
      return codegen_1.Name;
    } });
    Object.defineProperty(exports, "CodeGen", { enumerable: true, get: function() {
      return codegen_1.CodeGen;
    } });
    var validation_error_1 = require_validation_error();
    Object.defineProperty(exports, "ValidationError", { enumerable: true, get: function() {
      return validation_error_1.default;
    } });
    var ref_error_1 = require_ref_error();
    Object.defineProperty(exports, "MissingRefError", { enumerable: true, get: function() {
      return ref_error_1.default;
    } });
  }
});

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode2(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap;
    exports.isNode = isNode2;
    exports.isPair = isPair;
    exports.isScalar = isScalar;
    exports.isSeq = isSeq;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key, node, visitor, path) {
      const ctrl = callVisitor(key, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = visit_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path) {
      const ctrl = await callVisitor(key, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path) {
      if (typeof visitor === "function")
        return visitor(key, node, path);
      if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
      if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
      if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
      if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
      return void 0;
    }
    function replaceNode(key, path, node) {
      const parent = path[path.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path, value) {
      let v = value;
      for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path) => path == null || typeof path === "object" && !!path[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path, value) {
        if (isEmptyPath(path))
          this.add(value);
        else {
          const [key, ...rest] = path;
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str += "\\x" + code.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start ? str + json.slice(start) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity.isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key) || !identity.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity.isCollection(key) || (identity.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge.identify(key) || identity.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
          key = key.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str2);
      }
      let str;
      if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start;
          for (const line of lines)
            str += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k = identity.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key, value] of obj)
            add(key, value);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str) => str,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str) => new Scalar.Scalar(str[0] === "t" || str[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num2 = typeof value === "number" ? value : Number(value);
      if (!isFinite(num2))
        return isNaN(num2) ? ".nan" : num2 < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str),
      stringify(node) {
        const num2 = Number(node.value);
        return isFinite(num2) ? num2.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node.minFractionDigits = str.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str) => str,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str) => str === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str) => parseFloat(str),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str.substr(o, lineWidth);
          }
          str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str.replace(/_/g, "")),
      stringify(node) {
        const num2 = Number(node.value);
        return isFinite(num2) ? num2.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f = str.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign = str[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n2 = BigInt(str);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair.Pair(key.key, null);
        else
          pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign = str[0];
      const parts = sign === "-" || sign === "+" ? str.substring(1) : str;
      const num2 = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num2(60) + num2(p), num2(0));
      return sign === "-" ? num2(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num2 = (n) => n;
      if (typeof value === "bigint")
        num2 = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num2(-1);
      }
      const _60 = num2(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str) => parseSexagesimal(str, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path) {
        if (Collection.isEmptyPath(path))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors2 = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLParseError", pos, code, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLWarning", pos, code, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token2 of tokens) {
        if (reqSpace) {
          if (token2.type !== "space" && token2.type !== "newline" && token2.type !== "comma")
            onError(token2.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token2.type !== "comment" && token2.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token2.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token2.source.includes("	")) {
              tab = token2;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token2, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token2.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token2.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token2.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token2;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token2, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token2.source.endsWith(":"))
              onError(token2.offset + token2.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token2;
            start ?? (start = token2.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token2, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token2;
            start ?? (start = token2.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token2, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token2.source} indicator`);
            if (found)
              onError(token2, "UNEXPECTED_TOKEN", `Unexpected ${token2.source} in ${flow ?? "collection"}`);
            found = token2;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token2, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token2;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token2, "UNEXPECTED_TOKEN", `Unexpected ${token2.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep: sep4, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep4?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep4) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep4 ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep4, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep4 = "";
        for (const token2 of end) {
          const { source, type } = token2;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token2, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep4 + cb;
              sep4 = "";
              break;
            }
            case "newline":
              if (comment)
                sep4 += source;
              hasSpace = true;
              break;
            default:
              onError(token2, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token2) => token2 && (token2.type === "block-map" || token2.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap = fc.start.source === "{";
      const fcName = isMap ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep: sep4, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep4?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep4 && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap && !sep4 && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep4, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep4 ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap && !props.found && ctx.options.strict) {
              if (sep4)
                for (const st of sep4) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep4, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token2, onError, tagName, tag) {
      const coll = token2.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token2, onError, tag) : token2.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token2, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token2, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token2, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token2.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token2.type === "block-map" ? "map" : token2.type === "block-seq" ? "seq" : token2.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token2, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token2, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token2, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep4 = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep4 + indent.slice(trimIndent) + content;
          sep4 = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep4 === " ")
            sep4 = "\n";
          else if (!prevMoreIndented && sep4 === "\n")
            sep4 = "\n\n";
          value += sep4 + indent.slice(trimIndent) + content;
          sep4 = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep4 === "\n")
            value += "\n";
          else
            sep4 = "\n";
        } else {
          value += sep4 + content;
          sep4 = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token2 = props[i];
        switch (token2.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token2.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token2, "MISSING_CHAR", message);
            }
            length += token2.source.length;
            comment = token2.source.substring(1);
            break;
          case "error":
            onError(token2, "UNEXPECTED_TOKEN", token2.message);
            length += token2.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token2.type}`;
            onError(token2, "UNEXPECTED_TOKEN", message);
            const ts = token2.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep4 = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep4 === "\n")
            res += sep4;
          else
            sep4 = "\n";
        } else {
          res += sep4 + lm;
          sep4 = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep4 + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token2, tagToken, onError) {
      const { value, type, comment, range } = token2.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token2, onError) : resolveFlowScalar.resolveFlowScalar(token2, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token2.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token2, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token2, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token2, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token2, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token2, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token2, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token2.type) {
        case "alias":
          node = composeAlias(ctx, token2, onError);
          if (anchor || tag)
            onError(token2, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token2, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token2, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token2, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token2.type === "error" ? token2.message : `Unsupported token (type: ${token2.type})`;
          onError(token2, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token2.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token2, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token2.type === "scalar" && token2.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token2;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token2 = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token2, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors2();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token2 of tokens)
          yield* this.next(token2);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token2) {
        if (node_process.env.LOG_STREAM)
          console.dir(token2, { depth: null });
        switch (token2.type) {
          case "directive":
            this.directives.add(token2.source, (offset, message, warning) => {
              const pos = getErrorPos(token2);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token2.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token2, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token2, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token2.source);
            break;
          case "error": {
            const msg = token2.source ? `${token2.message}: ${JSON.stringify(token2.source)}` : token2.message;
            const error = new errors.YAMLParseError(getErrorPos(token2), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token2), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token2.end, token2.offset + token2.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token2), "UNEXPECTED_TOKEN", `Unsupported token ${token2.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors2();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token2, strict = true, onError) {
      if (token2) {
        const _onError = (pos, code, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token2.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token2, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token2, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token2, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token2 ? token2.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token2.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token2.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token2, source);
          break;
        case '"':
          setFlowScalarValue(token2, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token2, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token2, source, "scalar");
      }
    }
    function setBlockScalarValue(token2, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token2.type === "block-scalar") {
        const header = token2.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token2.source = body;
      } else {
        const { offset } = token2;
        const indent = "indent" in token2 ? token2.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token2 ? token2.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token2))
          if (key !== "type" && key !== "offset")
            delete token2[key];
        Object.assign(token2, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token2, source, type) {
      switch (token2.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token2.type = type;
          token2.source = source;
          break;
        case "block-scalar": {
          const end = token2.props.slice(1);
          let oa = source.length;
          if (token2.props[0].type === "block-scalar-header")
            oa -= token2.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token2.props;
          Object.assign(token2, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token2.offset + source.length;
          const nl = { type: "newline", offset, indent: token2.indent, source: "\n" };
          delete token2.items;
          Object.assign(token2, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token2 ? token2.indent : -1;
          const end = "end" in token2 && Array.isArray(token2.end) ? token2.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token2))
            if (key !== "type" && key !== "offset")
              delete token2[key];
          Object.assign(token2, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token2) {
      switch (token2.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token2.props)
            res += stringifyToken(tok);
          return res + token2.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token2.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token2.start.source;
          for (const item of token2.items)
            res += stringifyItem(item);
          for (const st of token2.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token2);
          if (token2.end)
            for (const st of token2.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token2.source;
          if ("end" in token2 && token2.end)
            for (const st of token2.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep: sep4, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep4)
        for (const st of sep4)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path) => {
      let item = cst;
      for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path) => {
      const parent = visit.itemAtPath(cst, path.slice(0, -1));
      const field = path[path.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path, item, visitor) {
      let ctrl = visitor(item, path);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token2 = item[field];
        if (token2 && "items" in token2) {
          for (let i = 0; i < token2.items.length; ++i) {
            const ci = _visit(Object.freeze(path.concat([[field, i]])), token2.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token2.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token2) => !!token2 && "items" in token2;
    var isScalar = (token2) => !!token2 && (token2.type === "scalar" || token2.type === "single-quoted-scalar" || token2.type === "double-quoted-scalar" || token2.type === "block-scalar");
    function prettyToken(token2) {
      switch (token2) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token2);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer2 = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer2;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter2 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter2;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list2, type) {
      for (let i = 0; i < list2.length; ++i)
        if (list2[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list2) {
      for (let i = 0; i < list2.length; ++i) {
        switch (list2[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token2) {
      switch (token2?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token2 = error ?? this.stack.pop();
        if (!token2) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token2;
        } else {
          const top = this.peek(1);
          if (token2.type === "block-scalar") {
            token2.indent = "indent" in top ? top.indent : 0;
          } else if (token2.type === "flow-collection" && top.type === "document") {
            token2.indent = 0;
          }
          if (token2.type === "flow-collection")
            fixFlowSeqItems(token2);
          switch (top.type) {
            case "document":
              top.value = token2;
              break;
            case "block-scalar":
              top.props.push(token2);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token2, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token2;
              } else {
                Object.assign(it, { key: token2, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token2 });
              else
                it.value = token2;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token2, sep: [] });
              else if (it.sep)
                it.value = token2;
              else
                Object.assign(it, { key: token2, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token2);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token2.type === "block-map" || token2.type === "block-seq")) {
            const last = token2.items[token2.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token2.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token2.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token2.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep4;
          if (scalar.end) {
            sep4 = scalar.end;
            sep4.push(this.sourceToken);
            delete scalar.end;
          } else
            sep4 = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep: sep4 }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep4 = it.sep;
                  sep4.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep: sep4 }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep4 = fc.end.splice(1, fc.end.length);
            sep4.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep: sep4 }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token2) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token2.end)
              token2.end.push(this.sourceToken);
            else
              token2.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors2();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument2;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors2();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// src/cli-main.ts
import { existsSync, writeFileSync } from "node:fs";
import { resolve as resolve5 } from "node:path";

// src/engine/config.ts
var import_ajv = __toESM(require_ajv(), 1);
var import_yaml = __toESM(require_dist(), 1);
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

// src/catalog/types.ts
var SUPPORTED_MAJORS = [10, 11, 12, 13, 14, 15, 16, 17, 18];
var NEWEST_MAJOR = 18;

// src/engine/config.ts
var CONFIG_NAMES = [".pgconf-lint.yml", ".pgconf-lint.yaml", ".pgconf-lint.json"];
var ConfigError = class extends Error {
};
var KINDS = ["postgresql.conf", "postgresql.auto.conf", "pg_hba.conf", "pg_ident.conf", "recovery.conf"];
var SIZE = "^[0-9]+(\\.[0-9]+)?\\s*(B|kB|MB|GB|TB)?$";
function configSchema(rules) {
  const severity = { enum: ["off", "info", "warning", "error"] };
  const ruleProps = {};
  for (const r of rules) {
    const optionProps = r.optionsSchema?.properties ?? {};
    ruleProps[r.name] = {
      description: r.docs.summary,
      oneOf: [
        severity,
        {
          type: "object",
          properties: { severity, ...optionProps },
          additionalProperties: false
        }
      ]
    };
  }
  const block = {
    pgVersion: { enum: [...SUPPORTED_MAJORS], description: "Target PostgreSQL major version" },
    rules: { type: "object", properties: ruleProps, additionalProperties: false },
    assume: {
      type: "object",
      description: "Facts the files cannot show",
      properties: {
        dataChecksums: { type: "boolean" },
        role: { enum: ["primary", "standby"] },
        memory: { oneOf: [{ type: "integer", minimum: 1 }, { type: "string", pattern: SIZE }] }
      },
      additionalProperties: false
    }
  };
  const globs = { type: "array", items: { type: "string", minLength: 1 }, minItems: 1 };
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://github.com/pgconf-lint/pgconf-lint/schema/pgconf-lint.schema.json",
    title: "pgconf-lint configuration (.pgconf-lint.yml)",
    type: "object",
    properties: {
      ...block,
      overrides: {
        type: "array",
        items: { type: "object", properties: { files: globs, ...block }, required: ["files"], additionalProperties: false }
      },
      clusters: {
        type: "array",
        items: {
          type: "object",
          properties: { name: { type: "string" }, files: globs, pgVersion: block.pgVersion, assume: block.assume },
          required: ["files"],
          additionalProperties: false
        }
      },
      files: {
        type: "object",
        properties: Object.fromEntries(KINDS.map((k) => [k, globs])),
        additionalProperties: false
      },
      ignore: { type: "array", items: { type: "string", minLength: 1 } },
      allowedNetworks: { type: "array", items: { type: "string", pattern: "^[0-9a-fA-F:.]+/[0-9]{1,3}$" } },
      maxFileSize: { oneOf: [{ type: "integer", minimum: 1 }, { type: "string", pattern: SIZE }] }
    },
    additionalProperties: false
  };
}
function parseSize(v) {
  if (typeof v === "number") return v;
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*(B|kB|MB|GB|TB)?$/.exec(v.trim());
  if (!m) return NaN;
  const mult = { B: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 }[m[2] ?? "B"];
  return Math.round(Number(m[1]) * mult);
}
function describe(err) {
  if (err.keyword === "additionalProperties") {
    const key = err.params.additionalProperty;
    return err.instancePath.endsWith("/rules") || err.instancePath === "/rules" ? `unknown rule "${key}" (see pgconf-lint rules)` : `unknown key "${key}"`;
  }
  if (err.keyword === "enum") return `must be one of ${err.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  return err.message ?? "is invalid";
}
function loadConfig(path, rules) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ConfigError(`cannot read config ${path}: ${err.code ?? String(err)}`);
  }
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = lines.linePos(e.pos[0]);
    throw new ConfigError(`${path}:${pos.line}:${pos.col}: ${e.message.split("\n")[0]}`);
  }
  const data = doc.toJS() ?? {};
  const ajv = new import_ajv.Ajv({ allErrors: false, strict: false });
  const validate = ajv.compile(configSchema(rules));
  if (!validate(data)) {
    const errs = [...validate.errors ?? []].sort((a, b) => b.instancePath.length - a.instancePath.length);
    const err = errs.find((e) => e.keyword !== "oneOf") ?? errs[0];
    const keys = err.instancePath.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    const node = keys.length ? doc.getIn(keys.map((k) => /^\d+$/.test(k) ? Number(k) : k), true) : doc.contents;
    const at = (0, import_yaml.isNode)(node) && node.range ? lines.linePos(node.range[0]) : void 0;
    const where = at ? `${path}:${at.line}:${at.col}` : path;
    throw new ConfigError(`${where}: ${keys.length ? keys.join(".") + ": " : ""}${describe(err)}`);
  }
  return { path, dir: dirname(resolve(path)), config: data };
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

// src/catalog/catalog.ts
import { readFileSync as readFileSync2 } from "node:fs";
var DATA_DIRS = [new URL("./data/", import.meta.url), new URL("./catalog/data/", import.meta.url)];
function readData(file) {
  let lastError;
  for (const dir of DATA_DIRS) {
    try {
      return readFileSync2(new URL(file, dir), "utf8");
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
  const shown2 = major >= 18 ? def.name : extras.writtenName ?? def.name;
  if (def.context === "internal") return fail(`parameter "${shown2}" cannot be changed`);
  const parsed = parseTyped(def, input, major, shown2, extras);
  if (!parsed.ok || !FORCED_DEFAULT.has(key)) return parsed;
  const boot = parseTyped(def, def.boot, major, shown2, extras);
  return boot.ok ? boot : parsed;
}
function parseTyped(def, input, major, shown2, extras) {
  switch (def.type) {
    case "bool":
      return parseBoolGuc(def, input, major, shown2);
    case "integer":
      return parseIntGuc(def, input, major, shown2);
    case "real":
      return parseRealGuc(def, input, major, shown2);
    case "enum":
      return parseEnumGuc(def, input, shown2);
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
function parseBoolGuc(def, input, major, shown2) {
  const b = parseBool(input);
  if (b === null) return fail(`parameter "${shown2}" requires a Boolean value`);
  if (b && major >= 12 && def.name.toLowerCase() === "default_with_oids") {
    return fail("tables declared WITH OIDS are not supported");
  }
  if (b && def.name.toLowerCase() === "bonjour") return fail("Bonjour is not supported by this build");
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
function parseIntGuc(def, input, major, shown2) {
  const r = major >= 12 ? parseInt12(input, def.unit, major) : parseInt10(input, def.unit, major);
  if (typeof r !== "number") return invalid(shown2, input, r.hint);
  const min = def.min ?? INT_MIN;
  const max = def.max ?? INT_MAX;
  if (r < min || r > max) return fail(rangeMessage(String(r), String(min), String(max), def.unit, shown2, major));
  let value = r;
  const key = def.name.toLowerCase();
  if (key === "wal_buffers" && value !== -1 && value < 4) value = 4;
  const detail = intCheckHook(key, def.name, value, major);
  if (detail !== null) return fail(`invalid value for parameter "${def.name}": ${value}`, void 0, detail);
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
function parseRealGuc(def, input, major, shown2) {
  const flavor = major >= 12 ? "pg" : "glibc";
  const n = strtod(input);
  let end = n.end;
  while (isCSpace(input[end])) end++;
  let val = n.value;
  if (major <= 11) {
    if (n.end === 0 || n.erange || end < input.length || Number.isNaN(val)) {
      return fail(`parameter "${shown2}" requires a numeric value`);
    }
  } else {
    if (n.end === 0 || n.erange || Number.isNaN(val)) return invalid(shown2, input);
    if (end < input.length) {
      if (def.unit === null) return invalid(shown2, input);
      const c = convertDouble(val, input.slice(end), def.unit, major);
      if (c === null) return invalid(shown2, input, unitsHint(def.unit, major));
      val = c;
    }
  }
  const min = def.min ?? -Number.MAX_VALUE;
  const max = def.max === null || def.max >= DBL_MAX_AS_PRINTED ? Number.MAX_VALUE : def.max;
  if (val < min || val > max) {
    const g = (x) => formatG(x, flavor);
    return fail(rangeMessage(g(val), g(min), g(max), def.unit, shown2, major));
  }
  return { ok: true, value: val, canonical: formatG(val, flavor) };
}
function parseEnumGuc(def, input, shown2) {
  const lower = asciiLower(input);
  const value = def.enumAliases[lower] ?? def.enumValues.find((v) => asciiLower(v) === lower);
  if (value !== void 0) return { ok: true, value, canonical: value };
  const hint = def.enumValues.length > 0 ? `Available values: ${def.enumValues.join(", ")}.` : void 0;
  return invalid(shown2, input, hint);
}
function parseStringGuc(def, input, major, extras) {
  const key = def.name.toLowerCase();
  const enc = extras.encoding ?? "utf8";
  let bytes = Buffer.from(input, enc);
  if (IS_NAME.has(key)) bytes = bytes.subarray(0, 63);
  let value = bytes.toString(enc);
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
      const list2 = splitIdentifierString(value, enc);
      if (list2 === null) return bad("List syntax is invalid.");
      const unknown = list2.find((t) => !words.has(asciiLower(t)));
      return unknown === void 0 ? ok(value) : bad(`Unrecognized key word: "${unknown}".`);
    }
    case "datestyle": {
      const r = checkDateStyle(value, major, enc);
      return r.ok ? ok(r.canonical) : bad(r.detail);
    }
    case "wal_consistency_checking": {
      const list2 = splitIdentifierString(value, enc);
      if (list2 === null) return bad("List syntax is invalid.");
      const unknown = major >= 15 ? void 0 : list2.find((t) => !RMGRS_WITH_MASK.has(asciiLower(t)));
      return unknown === void 0 ? ok(value) : bad(`Unrecognized key word: "${unknown}".`);
    }
    case "log_connections": {
      const detail = checkLogConnections(value, enc);
      return detail === null ? ok(value) : bad(detail);
    }
    case "primary_slot_name": {
      const detail = value === "" ? null : checkSlotName(value, enc);
      if (detail === null) return ok(value);
      return major >= 13 ? bad(detail.detail, detail.hint) : bad();
    }
    case "search_path":
    case "temp_tablespaces":
      return splitIdentifierString(value, enc) === null ? bad("List syntax is invalid.") : ok(value);
    case "transaction_isolation":
      return TRANSACTION_ISOLATION.includes(value) ? ok(value) : bad();
    case "default_table_access_method":
      return value === "" ? bad(major >= 17 ? '"default_table_access_method" cannot be empty.' : "default_table_access_method cannot be empty.") : ok(value);
    case "role":
      return value === "none" ? ok(value) : bad();
    case "session_authorization":
      return bad();
    default:
      return ok(value);
  }
}
var TRANSACTION_ISOLATION = ["serializable", "repeatable read", "read committed", "read uncommitted", "default"];
var RMGRS_WITH_MASK = /* @__PURE__ */ new Set(["all", "heap2", "heap", "btree", "hash", "gin", "gist", "sequence", "spgist", "brin", "generic"]);
function asciiLower(s) {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
function clipBytes(s, max, enc) {
  const bytes = Buffer.from(s, enc);
  return bytes.length <= max ? s : bytes.subarray(0, max).toString(enc);
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
function splitIdentifierString(raw, enc = "utf8") {
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
    names.push(clipBytes(name, 63, enc));
    if (i === raw.length) return names;
    if (raw[i] !== ",") return null;
    i++;
    while (isScannerSpace(raw[i])) i++;
  }
}
function checkDateStyle(value, major, enc) {
  const list2 = splitIdentifierString(value, enc);
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
function checkLogConnections(value, enc) {
  const list2 = splitIdentifierString(value, enc);
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
function checkSlotName(name, enc) {
  if (Buffer.byteLength(name, enc) >= 64) return { detail: `replication slot name "${name}" is too long` };
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
  const num2 = (min, max) => {
    const m = /^\d+/.exec(spec.slice(i));
    if (!m) return false;
    const v = Number(m[0]);
    i += m[0].length;
    return v >= min && v <= max;
  };
  const secs = () => {
    if (!num2(0, 24 * 7 - 1)) return false;
    if (spec[i] === ":") {
      i++;
      if (!num2(0, 59)) return false;
      if (spec[i] === ":") {
        i++;
        if (!num2(0, 60)) return false;
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
      if (!num2(1, 365)) return false;
    } else if (spec[i] === "M") {
      i++;
      if (!num2(1, 12) || spec[i++] !== "." || !num2(1, 5) || spec[i++] !== "." || !num2(0, 6)) return false;
    } else if (!num2(0, 365)) return false;
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

// src/engine/settings.ts
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

// src/engine/rule.ts
function defineRule(rule) {
  return rule;
}
function docsUrl(name) {
  return `https://github.com/pgconf-lint/pgconf-lint/blob/main/docs/rules/${name}.md`;
}
function runRule(rule, cluster, settings = {}) {
  const severity = settings.severity ?? rule.severity;
  const out = [];
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
function relativizeMessage(message, file) {
  if (file.path.startsWith("/") || !file.absPath.endsWith(file.path)) return message;
  const prefix = file.absPath.slice(0, file.absPath.length - file.path.length);
  return prefix.length > 1 ? message.split(prefix).join("") : message;
}

// src/engine/glob.ts
function globToRegExp(glob) {
  let g = glob.replace(/^\.\//, "");
  if (!g.includes("/")) g = "**/" + g;
  let re = "";
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === "*") {
      if (g[i + 1] === "*") {
        const atSegmentStart = i === 0 || g[i - 1] === "/";
        const atSegmentEnd = g[i + 2] === "/" || i + 2 === g.length;
        if (atSegmentStart && atSegmentEnd) {
          re += g[i + 2] === "/" ? "(?:[^/]*/)*" : ".*";
          i += g[i + 2] === "/" ? 2 : 1;
          continue;
        }
      }
      re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if (c === "{") {
      const close = g.indexOf("}", i);
      if (close === -1) re += "\\{";
      else {
        re += "(?:" + g.slice(i + 1, close).split(",").map(escape2).join("|") + ")";
        i = close;
      }
    } else if (c === "[") {
      const close = g.indexOf("]", i + 1);
      if (close === -1) re += "\\[";
      else {
        re += "[" + g.slice(i + 1, close).replace(/^!/, "^").replace(/\\/g, "\\\\") + "]";
        i = close;
      }
    } else re += escape2(c);
  }
  return new RegExp("^" + re + "(?:/.*)?$");
}
function escape2(s) {
  return s.replace(/[.+^$()|\\\]]/g, "\\$&");
}
function globMatcher(globs) {
  const res = globs.map(globToRegExp);
  return (path) => res.some((r) => r.test(path));
}

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

// src/engine/directives.ts
var DIRECTIVE = /^#\s*pgconf-lint\s+(disable-line|disable-next-line|disable-file)\b(.*)$/;
function parseDirective(comment) {
  const m = DIRECTIVE.exec(comment.replace(/\r$/, ""));
  if (!m) return null;
  const rest = m[2];
  const sep4 = rest.indexOf("--");
  const names = (sep4 === -1 ? rest : rest.slice(0, sep4)).split(/[\s,]+/).filter(Boolean);
  const reason = sep4 === -1 ? null : rest.slice(sep4 + 2).trim() || null;
  return { kind: m[1], rules: names, reason };
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
function collectDirectives(clusters) {
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  const push = (file, start, text) => {
    if (!text.includes("pgconf-lint")) return;
    const d = parseDirective(text);
    if (!d) return;
    out.push({ ...d, file: file.path, line: lineColumn(file, start).line, loc: { file: file.path, start, end: start + text.replace(/\r$/, "").length } });
  };
  for (const c of clusters) {
    const confFiles = [...c.conf?.files.values() ?? [], ...c.recovery ? [c.recovery] : []];
    for (const conf of confFiles) {
      if (seen.has(conf.file.path)) continue;
      seen.add(conf.file.path);
      for (const line of conf.lines) if (line.comment) push(conf.file, line.comment.start, line.comment.text);
    }
    for (const f of [...c.hba?.files ?? [], ...c.ident?.files ?? []]) {
      if (seen.has(f.path)) continue;
      seen.add(f.path);
      for (const cm of authComments(f)) push(f, cm.start, cm.text);
    }
  }
  return out;
}
function applyDirectives(diagnostics, directives, sources, knownRules, ranRules) {
  const problems = [];
  const usable = directives.filter((d) => {
    const unknown = d.rules.filter((r) => !knownRules.has(r));
    if (d.rules.length === 0) problems.push({ loc: d.loc, message: `pgconf-lint ${d.kind} names no rule, so it suppresses nothing` });
    for (const r of unknown) problems.push({ loc: d.loc, message: `pgconf-lint ${d.kind} names an unknown rule "${r}"` });
    if (d.reason === null) {
      problems.push({ loc: d.loc, message: `pgconf-lint ${d.kind} has no reason after "--", so it suppresses nothing` });
      return false;
    }
    return d.rules.length > 0;
  });
  const byFile = /* @__PURE__ */ new Map();
  for (const d of usable) byFile.set(d.file, [...byFile.get(d.file) ?? [], d]);
  const used = /* @__PURE__ */ new Set();
  const out = diagnostics.map((diag) => {
    const candidates = byFile.get(diag.loc.file);
    const src = sources.get(diag.loc.file);
    if (!candidates || !src || diag.suppressed) return diag;
    const line = lineColumn(src, diag.loc.start).line;
    const hit = candidates.find(
      (d) => d.rules.includes(diag.rule) && (d.kind === "disable-file" || d.kind === "disable-line" && d.line === line || d.kind === "disable-next-line" && d.line + 1 === line)
    );
    if (!hit) return diag;
    used.add(`${hit.file}\0${hit.line}\0${diag.rule}`);
    return { ...diag, suppressed: { kind: "directive", reason: hit.reason } };
  });
  for (const d of usable) {
    for (const r of d.rules) {
      if (!knownRules.has(r) || !ranRules.has(r) || used.has(`${d.file}\0${d.line}\0${r}`)) continue;
      problems.push({ loc: d.loc, message: `pgconf-lint ${d.kind} ${r} suppresses nothing: remove it` });
    }
  }
  return { diagnostics: out, problems };
}

// src/api.ts
import { relative as relative2, sep as sep3 } from "node:path";

// src/parse/conf-string.ts
var BACKSLASH = 92;
var QUOTE = 39;
var utf82 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
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
      return utf82.decode(bytes);
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
  next() {
    if (this.major === 10) return this.nextChunk();
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
  /** PG 10: one fgets() into char[8192]; trailing CR/LF stripped. A character that would
   * straddle the cut (UTF-8 files) goes whole to the next chunk. */
  nextChunk() {
    const text = this.file.text;
    const len = text.length;
    const pos = this.pos;
    if (pos >= len) return false;
    const nl = text.indexOf("\n", pos);
    const lineEnd2 = nl === -1 ? len : nl + 1;
    const latin12 = this.file.encoding === "latin1";
    let cut = pos;
    let bytes = 0;
    while (cut < lineEnd2) {
      const b = unitBytes(text.charCodeAt(cut), latin12);
      if (bytes + b > PG10_MAX_LINE_BYTES) break;
      bytes += b;
      cut++;
    }
    this.tooLong = cut < lineEnd2 || bytes === PG10_MAX_LINE_BYTES;
    let e = cut;
    while (e > pos && (text.charCodeAt(e - 1) === 13 || text.charCodeAt(e - 1) === 10)) e--;
    this.segAt.length = 0;
    this.segOff.length = 0;
    this.segAt.push(0);
    this.segOff.push(pos);
    this.k = 0;
    this.start = pos;
    this.end = e;
    this.text = text.slice(pos, e);
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
function token(text, quoted, start, end, comma, tooLong = false) {
  rawToken.text = text;
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
    const limit = major === 10 ? { bytes: PG10_MAX_TOKEN_BYTES, latin1: file.encoding === "latin1" } : null;
    while (raw.next()) {
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
import { dirname as dirname2, resolve as resolve2 } from "node:path";
var CONF_FILE_MAX_DEPTH = 10;
function lineLoc(file, start, end) {
  return { file: file.path, start, end };
}
function readConfSet(host, mainAbs, extra = [], cache3 = /* @__PURE__ */ new Map()) {
  const set = { files: /* @__PURE__ */ new Map(), items: [], skipped: [] };
  const parse = (abs, file) => {
    let conf = cache3.get(abs);
    if (!conf) {
      conf = parsePostgresqlConf(file);
      cache3.set(abs, conf);
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
      problem(from, line, "depth", `could not open configuration file "${line.value.value}": maximum nesting depth exceeded`);
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
    visitFile(targetAbs, read.file, depth, [...stack, targetAbs], [...via, line]);
  };
  const visitInclude = (fromAbs, from, line, depth, stack, via) => {
    const target = line.value.value;
    if (line.directive === "include_dir") {
      if (target.trim() === "") {
        problem(from, line, "empty-name", `empty configuration directory name: "${target}"`);
        return;
      }
      const dirAbs = resolve2(dirname2(fromAbs), target);
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
      const names = listed.entries.filter((e) => !e.isDir && e.name.length >= 6 && !e.name.startsWith(".") && e.name.endsWith(".conf")).map((e) => resolve2(dirAbs, e.name)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      for (const abs of names) openFile(fromAbs, from, line, abs, depth + 1, stack, via, true);
      return;
    }
    if (target.trim() === "") {
      problem(from, line, "empty-name", `empty configuration file name: "${target}"`);
      return;
    }
    openFile(fromAbs, from, line, resolve2(dirname2(fromAbs), target), depth + 1, stack, via, line.directive === "include");
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
function resolveCluster(host, input, cache3 = /* @__PURE__ */ new Map()) {
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
    conf = mainOk ? readConfSet(host, main2.abs, autoOk ? [auto.abs] : [], cache3) : readConfSet(host, auto.abs, [], cache3);
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
  const mainSrc = conf && main2 ? conf.files.get(main2.abs)?.file : void 0;
  for (const a of assignments) {
    if (a.key !== "config_file" || a.status !== "ok") continue;
    const real = mainSrc?.path ?? a.file.path;
    a.value = { ok: true, value: real, canonical: real };
    a.applied = false;
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
import { basename, dirname as dirname3, join, resolve as resolve3, sep } from "node:path";
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
  const named = /* @__PURE__ */ new Map();
  const add = (abs, kind) => {
    if (options.ignore?.(abs)) return;
    const def = options.clusterOf?.(abs);
    const key = def ? `cluster:${def.name}` : dirname3(abs);
    if (def) named.set(key, def);
    let files = byDir.get(key);
    if (!files) byDir.set(key, files = /* @__PURE__ */ new Map());
    files.set(abs, kind);
  };
  const walk = (dir, depth) => {
    if (depth > 32) return;
    const listed = host.list(dir);
    if (!listed.ok) return;
    for (const e of listed.entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) {
      const abs = join(dir, e.name);
      if (e.isDir) {
        if (!SKIP_DIRS.has(e.name) && host.allowed(abs) && !options.ignore?.(abs)) walk(abs, depth + 1);
      } else {
        const kind = KNOWN_NAMES[e.name] ?? options.extraKind?.(abs);
        if (kind && host.kind(abs) !== "missing") add(abs, kind);
      }
    }
  };
  for (const p of paths.length ? paths : ["."]) {
    const abs = resolve3(host.cwd, p);
    const kind = host.kind(abs);
    if (kind === "missing") errors.push(`${p}: no such file or directory`);
    else if (kind === "dir") walk(abs, 0);
    else add(abs, options.extraKind?.(abs) ?? kindFromName(abs));
  }
  const groups = [];
  for (const [key, files] of [...byDir.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
    const kinds = [...files.values()];
    if (new Set(kinds).size === kinds.length) groups.push([key, files]);
    else for (const [abs, kind] of [...files.entries()].sort(([a], [b]) => a < b ? -1 : 1)) groups.push([key, /* @__PURE__ */ new Map([[abs, kind]])]);
  }
  const clusters = [];
  for (const [key, files] of groups) {
    const def = named.get(key);
    const firstFile = [...files.keys()].sort()[0];
    const dir = def ? dirname3(firstFile) : key;
    let major = NEWEST_MAJOR;
    let versionSource = "default";
    const fromFile = readPgVersion(host, dir);
    const fromPath = majorFromPath(host.display(dir).split(sep).join("/"));
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
  return { clusters, errors };
}

// src/resolve/host.ts
import { readFileSync as readFileSync3, readdirSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve as resolve4, sep as sep2 } from "node:path";
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
  const cwd = resolve4(options.cwd ?? process.cwd());
  const rootAbs = resolve4(cwd, options.root ?? cwd);
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
        return { ok: true, file: createSourceFile(toDisplayPath(cwd, p), p, readFileSync3(p)) };
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
              isDir = statSync(resolve4(p, d.name)).isDirectory();
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
      const text = relativizeMessage(p.message, hba.file);
      out.report({
        loc: { file: p.file.path, start: p.start, end: p.end },
        message: outside ? `${text}: the file lies outside the checked root and was not read` : `${text}: PostgreSQL ${ctx.major} rejects this record, so the server refuses to start and a reload keeps the old rules`,
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
function syntaxHelp(lineText2, token2) {
  const value = lineText2.replace(/^[^=]*=\s*/, "").replace(/\s*#.*$/, "");
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
        message: p.code === "not-allowed" ? `${relativizeMessage(p.message, p.file)}: the file lies outside the checked root and was not read` : `${relativizeMessage(p.message, p.file)}: PostgreSQL rejects pg_ident.conf as a whole, so no user name maps apply`,
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
    versions: "all",
    options: '`ignore`: parameter names (case-insensitive, `*` wildcards) that the server knows although stock PostgreSQL does not, e.g. for EDB Postgres Advanced Server:\n\n```yaml\nrules:\n  unknown-setting:\n    ignore: ["edb_*", "oracle_home", "utl_file.*"]\n```'
  },
  defaultOptions: { ignore: [] },
  optionsSchema: {
    type: "object",
    properties: { ignore: { type: "array", items: { type: "string", minLength: 1 } } }
  },
  check(ctx) {
    const ignore = (ctx.options.ignore ?? []).map(
      (p) => new RegExp("^" + p.toLowerCase().replace(/[.+^$()|[\]{}\\?]/g, "\\$&").replace(/\*/g, ".*") + "$")
    );
    for (const a of ctx.cluster.assignments) {
      if (a.status !== "unknown" || versionFacts(a.line.name, ctx.major)) continue;
      if (ignore.some((re) => re.test(a.line.name.toLowerCase()))) continue;
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

// rules/unused-directive.ts
var unused_directive_default = defineRule({
  name: "unused-directive",
  severity: "warning",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf", "pg_hba.conf", "pg_ident.conf", "recovery.conf"],
  docs: {
    summary: "A pgconf-lint directive that suppresses nothing, names an unknown rule, or gives no reason",
    why: "Suppression comments outlive the problems they were written for. A directive that no longer suppresses anything hides the next real problem on that line from review, and a directive without a reason leaves the next reader guessing why a check was silenced. Directives are `# pgconf-lint disable-line RULE -- reason`, `disable-next-line` (the line after the comment) and `disable-file`; the reason after `--` is required.",
    invalid: ["# pgconf-lint disable-next-line invalid-value -- legacy value\nwork_mem = 8MB"],
    valid: ["# pgconf-lint disable-next-line invalid-value -- kept for the 9.6 fleet\nwork_mem = 8mb"],
    references: ["https://github.com/pgconf-lint/pgconf-lint#suppressing-findings"],
    versions: "all"
  },
  check() {
  }
});

// rules/archive-command-missing.ts
var archive_command_missing_default = defineRule({
  name: "archive-command-missing",
  severity: "error",
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
    const mode = ctx.setting("archive_mode");
    if (!mode?.loc || mode.value !== "on" && mode.value !== "always") return;
    const command = ctx.setting("archive_command");
    const library = ctx.setting("archive_library");
    if (command?.value !== "" || library && library.value !== "") return;
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

// rules/autovacuum-off.ts
var autovacuum_off_default = defineRule({
  name: "autovacuum-off",
  severity: "warning",
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

// rules/freeze-table-age-clamped.ts
var shown = (s) => s.isDefault ? `${s.name} (default ${s.canonical})` : `${s.name} = ${s.canonical}`;
function checkClamp(ctx, c, help) {
  const v = ctx.setting(c.clamped);
  const l = ctx.setting(c.limit);
  if (!v || !l || typeof v.value !== "number" || typeof l.value !== "number") return;
  const loc = v.loc ?? l.loc;
  if (!loc) return;
  const bound = l.value * c.factor;
  if (c.direction === "above" ? !(v.value > bound) : !(v.value < bound)) return;
  const effective = Math.trunc(bound);
  const limitShown = `${l.name} (${l.isDefault ? "default " : ""}${l.canonical} \u2192 ${effective})`;
  ctx.report({
    loc,
    message: `${shown(v)} is ${c.direction} ${c.factor} \xD7 ${limitShown}: VACUUM silently uses ${c.atMost ? "at most " : ""}${effective}`,
    help: help(effective),
    ...v.loc && l.loc ? { related: [{ message: `${l.name}, which ${c.clamped} is clamped against`, loc: l.loc }] } : {}
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
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "vacuum_freeze_table_age (or its multixact twin) is above 0.95 \xD7 the freeze max age, so VACUUM silently lowers it",
    why: "vacuum_freeze_table_age decides when a VACUUM scans the whole table to freeze old rows, ahead of the forced anti-wraparound autovacuum at autovacuum_freeze_max_age. VACUUM silently limits it to 0.95 \xD7 autovacuum_freeze_max_age so that an ordinary aggressive VACUUM still gets a chance to run first; set at or above the max age it would never run before the anti-wraparound one. The file then claims a value the server does not use, and whoever tunes freezing from it is misled. The multixact pair (vacuum_multixact_freeze_table_age, autovacuum_multixact_freeze_max_age) is clamped the same way, and can be clamped even lower when multixact member space runs short. Settings absent from the files count with their defaults (autovacuum_freeze_max_age 200000000, autovacuum_multixact_freeze_max_age 400000000).",
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
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "vacuum_failsafe_age (or its multixact twin) is below 1.05 \xD7 the freeze max age, so VACUUM silently raises it",
    why: "The failsafe makes VACUUM drop everything but freezing (index cleanup, cost-based delay) when a table gets dangerously close to transaction ID wraparound. It must not fire before the ordinary anti-wraparound autovacuum has had its chance, so VACUUM silently uses at least 1.05 \xD7 autovacuum_freeze_max_age. A lower value in the file is never used; if it was meant to make the failsafe kick in earlier, it does not. The multixact pair (vacuum_multixact_failsafe_age, autovacuum_multixact_freeze_max_age) is raised the same way. Settings absent from the files count with their defaults (failsafe ages 1600000000).",
    invalid: ["vacuum_failsafe_age = 100000000", "autovacuum_freeze_max_age = 2000000000"],
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
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  defaultOptions: { threshold: DEFAULT_THRESHOLD },
  optionsSchema: {
    type: "object",
    properties: {
      threshold: {
        type: "integer",
        minimum: 0,
        description: "Report autovacuum_freeze_max_age / autovacuum_multixact_freeze_max_age above this (default 1500000000)."
      }
    }
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
    options: "`threshold` (integer, default `1500000000`): report a value above it. It applies to both `autovacuum_freeze_max_age` and `autovacuum_multixact_freeze_max_age`.\n\n```yaml\nrules:\n  freeze-max-age-high: { threshold: 1000000000 }\n```"
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
        help: `Lower ${s.name} (the default is ${s.def.boot}) and keep tables frozen with regular VACUUM instead.`
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
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "vacuum_freeze_min_age (or its multixact twin) is above half the freeze max age, so VACUUM silently lowers it",
    why: "vacuum_freeze_min_age is how old a row version must be before VACUUM freezes it. VACUUM silently limits it to half of autovacuum_freeze_max_age, so that freezing happens well before the forced anti-wraparound autovacuum. A larger value in the file is never used, and whoever tunes freezing from the file is misled. The multixact pair (vacuum_multixact_freeze_min_age, autovacuum_multixact_freeze_max_age) is clamped the same way, and can be clamped even lower when multixact member space runs short. Settings absent from the files count with their defaults (autovacuum_freeze_max_age 200000000, autovacuum_multixact_freeze_max_age 400000000).",
    invalid: ["vacuum_freeze_min_age = 500000000", "autovacuum_multixact_freeze_max_age = 8000000"],
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

// rules/password-encryption-md5.ts
var password_encryption_md5_default = defineRule({
  name: "password-encryption-md5",
  severity: "warning",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "password_encryption is md5 (or, up to 13, on/true/yes/1, which mean md5)",
    why: "password_encryption decides how CREATE ROLE \u2026 PASSWORD and ALTER ROLE \u2026 PASSWORD store new passwords. An MD5 hash is salted only with the user name, so a leaked pg_authid (a backup, a replica, a log) can be brute-forced quickly, and the hash itself is enough to log in with md5 authentication. SCRAM-SHA-256 avoids both and is the default since PostgreSQL 14; PostgreSQL 18 deprecates MD5 passwords and warns when one is set. Up to PostgreSQL 13 the old boolean spellings on, true, yes and 1 are accepted and mean md5.",
    invalid: ["password_encryption = md5"],
    valid: ["password_encryption = 'scram-sha-256'", "password_encryption = scram-sha-256"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-PASSWORD-ENCRYPTION",
      "https://www.postgresql.org/docs/current/auth-password.html"
    ],
    versions: "all (10\u201313 also accept on/true/yes/1 as md5)"
  },
  check(ctx) {
    const pe = ctx.setting("password_encryption");
    if (pe?.value !== "md5" || !pe.loc) return;
    const raw = pe.assignment?.line.value.raw ?? pe.canonical;
    const written2 = pe.assignment?.line.value.value ?? pe.canonical;
    const alias = written2.toLowerCase() === "md5" ? "" : ` (PostgreSQL ${ctx.major} reads it as md5)`;
    ctx.report({
      loc: pe.loc,
      message: `password_encryption = ${raw}${alias}: new and changed passwords are stored as MD5 hashes, which are weak and can be replayed to log in`,
      help: "Set password_encryption = 'scram-sha-256' (the default from 14); existing MD5 passwords stay until each role's password is set again."
    });
  }
});

// rules/recovery-conf-obsolete.ts
var RECOVERY_ONLY2 = {
  standby_mode: "create a standby.signal file in the data directory instead",
  trigger_file: "promote with pg_ctl promote or SELECT pg_promote() instead"
};
var recovery_conf_obsolete_default = defineRule({
  name: "recovery-conf-obsolete",
  severity: "error",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf", "recovery.conf"],
  docs: {
    summary: "recovery.conf, standby_mode or trigger_file with PostgreSQL 12 or later",
    why: 'PostgreSQL 12 folded recovery.conf into postgresql.conf. A recovery.conf file in the data directory makes the server refuse to start ("using recovery command file "recovery.conf" is not supported"), and standby_mode or trigger_file in postgresql.conf are unrecognized parameters, which is just as fatal. Configurations carried over from 11 or earlier \u2014 or generated by tools that still write recovery.conf \u2014 break on the first restart after an upgrade or failover. A standby is now marked by an empty standby.signal file (recovery.signal for targeted recovery), primary_conninfo, restore_command and the recovery_target_* settings go into postgresql.conf, and promotion is done with pg_ctl promote or pg_promote() (promote_trigger_file in 12\u201315).',
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
    const rec = ctx.cluster.recovery;
    if (rec) {
      const first = rec.lines.find((l) => l.kind === "setting");
      ctx.report({
        loc: first?.kind === "setting" ? { file: rec.file.path, start: first.nameStart, end: first.value.end } : { file: rec.file.path, start: 0, end: 0 },
        message: `recovery.conf is not supported from PostgreSQL 12: PostgreSQL ${ctx.major} refuses to start while this file is in the data directory`,
        help: "Delete recovery.conf: create standby.signal (or recovery.signal), move primary_conninfo, restore_command and recovery_target_* into postgresql.conf, and promote with pg_ctl promote."
      });
    }
    for (const a of ctx.cluster.assignments) {
      if (a.status !== "unknown") continue;
      const fix = RECOVERY_ONLY2[a.key];
      if (!fix) continue;
      ctx.report({
        loc: { file: a.file.path, start: a.line.value.start, end: a.line.value.end },
        message: `${a.line.name} = ${a.line.value.raw} is a recovery.conf parameter that PostgreSQL ${ctx.major} does not recognize: the server refuses to start`,
        help: `Remove it and ${fix}.`
      });
    }
  }
});

// rules/replication-slot-wal-unbounded.ts
var replication_slot_wal_unbounded_default = defineRule({
  name: "replication-slot-wal-unbounded",
  severity: "warning",
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
var num = (s) => s && typeof s.value === "number" ? s.value : 0;
var reserved_connections_exceed_max_default = defineRule({
  name: "reserved-connections-exceed-max",
  severity: "error",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "The reserved connection slots leave no ordinary slot within max_connections, so the server refuses to start",
    why: 'superuser_reserved_connections (and, from PostgreSQL 16, reserved_connections for roles with pg_use_reserved_connections) are taken out of max_connections. When they add up to max_connections or more, the postmaster exits at startup ("superuser_reserved_connections (3) plus reserved_connections (0) must be less than max_connections (3)"). This typically happens when max_connections is cut down for a small test or container instance. Settings absent from the files count with their defaults (max_connections 100, superuser_reserved_connections 3, reserved_connections 0). Since PostgreSQL 12 WAL senders have their own slots and do not count here.',
    invalid: ["max_connections = 3", "max_connections = 20\nsuperuser_reserved_connections = 10\nreserved_connections = 10"],
    valid: ["max_connections = 4", "max_connections = 20\nsuperuser_reserved_connections = 5\nreserved_connections = 10"],
    references: [
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-MAX-CONNECTIONS",
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SUPERUSER-RESERVED-CONNECTIONS",
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-RESERVED-CONNECTIONS"
    ],
    versions: "all (reserved_connections is 16+)"
  },
  check(ctx) {
    const max = ctx.setting("max_connections");
    const su = ctx.setting("superuser_reserved_connections");
    const res = ctx.setting("reserved_connections");
    if (!max || !su || typeof max.value !== "number") return;
    const reserved = num(su) + num(res);
    if (reserved < max.value) return;
    const defaultReserved = Number(su.def.boot) + (res ? Number(res.def.boot) : 0);
    const raised = [su, res].filter((s) => !!s?.loc).sort((a, b) => num(b) - num(a));
    const target = max.loc && (max.value <= defaultReserved || raised.length === 0) ? max : raised[0];
    if (!target?.loc) return;
    const shown2 = (s) => `${s.name} = ${s.canonical}${s.isDefault ? " (default)" : ""}`;
    const parts = res ? `${shown2(su)} + ${shown2(res)} = ${reserved}` : shown2(su);
    const related = [max, su, ...res ? [res] : []].flatMap((s) => s !== target && s.loc ? [{ message: `${s.name} = ${s.canonical} is set here`, loc: s.loc }] : []);
    ctx.report({
      loc: target.loc,
      message: `${parts} is not less than ${shown2(max)}: PostgreSQL refuses to start`,
      help: target === max ? `Set max_connections above ${reserved} (the reserved slots), or lower the reservations.` : `Lower the reserved connections below ${max.value}, or raise max_connections.`,
      ...related.length ? { related } : {}
    });
  }
});

// rules/rewind-not-ready.ts
function replicationEvidence(ctx) {
  if (ctx.assume.role) return { what: `assume.role: ${ctx.assume.role}` };
  if (ctx.cluster.recovery) return { what: "a recovery.conf", loc: { file: ctx.cluster.recovery.file.path, start: 0, end: 0 } };
  const set = (name, pred) => {
    const s = ctx.setting(name);
    return s && !s.isDefault && pred(s.value) ? s : void 0;
  };
  const signals = [
    set("primary_conninfo", (v) => v !== ""),
    set("primary_slot_name", (v) => v !== ""),
    set("synchronous_standby_names", (v) => v !== ""),
    set("max_wal_senders", (v) => typeof v === "number" && v > 0),
    set("max_replication_slots", (v) => typeof v === "number" && v > 0),
    set("wal_level", (v) => v === "replica" || v === "logical"),
    set("hot_standby", (v) => v === true),
    set("wal_log_hints", () => true)
  ];
  const hit = signals.find((s) => s !== void 0);
  return hit ? { what: `${hit.name} is set`, ...hit.lineLoc ? { loc: hit.lineLoc } : {} } : void 0;
}
var rewind_not_ready_default = defineRule({
  name: "rewind-not-ready",
  severity: "warning",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  needs: ["dataChecksums"],
  docs: {
    summary: "pg_rewind's prerequisites are not visible in the configuration",
    why: "After a failover the old primary has usually written WAL that the new primary never saw. pg_rewind can bring it back as a standby in minutes; without it, the old primary must be rebuilt from a full base backup, which for a large cluster takes hours with reduced redundancy. pg_rewind refuses to run unless the rewound server used wal_log_hints = on or has data checksums, and unless full_page_writes is on. Data checksums are chosen at initdb time and are not visible in postgresql.conf: they are on by default from PostgreSQL 18 (initdb --no-data-checksums turns them off; clusters upgraded with pg_upgrade keep their old state) and off by default before. Declare the fact with `assume: { dataChecksums: true }` (or `false`) in the pgconf-lint configuration. The wal_log_hints check applies only to servers that take part in replication: a declared `assume.role`, a recovery.conf, or replication settings written in the files (primary_conninfo, max_wal_senders, wal_level = replica, ...); defaults alone do not count.",
    invalid: ["full_page_writes = off"],
    valid: ["wal_log_hints = on", "full_page_writes = on", "work_mem = 64MB"],
    references: [
      "https://www.postgresql.org/docs/current/app-pgrewind.html",
      "https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-WAL-LOG-HINTS",
      "https://www.postgresql.org/docs/current/app-initdb.html#APP-INITDB-DATA-CHECKSUMS"
    ],
    versions: "all; data checksums are the initdb default from 18"
  },
  check(ctx) {
    const clusterLoc = ctx.clusterLoc();
    if (!clusterLoc) return;
    const fpw = ctx.setting("full_page_writes");
    if (fpw?.value === false && fpw.loc) {
      ctx.report({
        loc: fpw.loc,
        message: `full_page_writes = ${fpw.assignment?.line.value.raw ?? fpw.canonical}: pg_rewind requires full_page_writes = on, so this server cannot be rewound or used as a rewind source after a failover`,
        help: "Set full_page_writes = on (the default)."
      });
    }
    const hints = ctx.setting("wal_log_hints");
    if (hints?.value !== false) return;
    if (!replicationEvidence(ctx)) return;
    const declared = ctx.assume.dataChecksums;
    const checksums = declared ?? ctx.major >= 18;
    if (checksums) return;
    const setting = hints.loc ? `wal_log_hints = ${hints.assignment?.line.value.raw ?? hints.canonical}` : "wal_log_hints is off (the default)";
    const message = declared === false ? `${setting} and data checksums are declared off (assume.dataChecksums: false): pg_rewind refuses to rewind this server after a failover` : `${setting} and data checksums are not declared (assume.dataChecksums; off by default before PostgreSQL 18): pg_rewind can rewind this server after a failover only if it has data checksums`;
    ctx.report({
      loc: hints.loc ?? clusterLoc,
      message,
      help: declared === false ? "Set wal_log_hints = on (requires a restart)." : "Set wal_log_hints = on (requires a restart), or, if the cluster was initialized with data checksums, declare assume: { dataChecksums: true } in the pgconf-lint configuration."
    });
  }
});

// rules/secret-in-config.ts
var COMMANDS = /* @__PURE__ */ new Set(["archive_command", "restore_command", "archive_cleanup_command", "recovery_end_command"]);
var MASK = "****";
function isPlaceholder(v) {
  return v === "" || /^(\$|\{\{|\{%|<|%\(|`)/.test(v) || /^%[A-Za-z]$/.test(v) || /^@[A-Za-z_][A-Za-z0-9_]*@$/.test(v) || /^(\*+|x{3,}|X{3,}|\.{3,}|…)$/.test(v) || v.includes("$") || v.includes("`");
}
function findInConninfo(text) {
  const out = [];
  const kw = /(?<![A-Za-z0-9_.-])(sslpassword|password)[ \t\n\r\f\v]*=[ \t\n\r\f\v]*/g;
  for (let m = kw.exec(text); m; m = kw.exec(text)) {
    let i = m.index + m[0].length;
    let value = "";
    if (text[i] === "'") {
      for (i++; i < text.length && text[i] !== "'"; i++) {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        value += text[i];
      }
    } else {
      for (; i < text.length && !/[\s"'&]/.test(text[i]); i++) {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        value += text[i];
      }
    }
    if (!isPlaceholder(value)) out.push({ shown: `${m[1]}=${MASK}` });
  }
  const uri = /\b([A-Za-z][A-Za-z0-9+.-]*):\/\/([^\s/@:'"?#]*):([^\s/@'"?#]+)@/g;
  for (let m = uri.exec(text); m; m = uri.exec(text)) {
    if (!isPlaceholder(m[3])) {
      out.push({ shown: `${m[1]}://${m[2]}:${MASK}@` });
    }
  }
  return out;
}
function shellWords(s) {
  const words = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /[\s;|&()<>]/.test(s[i])) i++;
    if (i >= s.length) break;
    let text = "";
    let dynamic = false;
    while (i < s.length && !/[\s;|&()<>]/.test(s[i])) {
      const c = s[i];
      if (c === "'") {
        const end = s.indexOf("'", i + 1);
        const stop = end === -1 ? s.length : end;
        text += s.slice(i + 1, stop);
        i = stop + 1;
      } else if (c === '"') {
        for (i++; i < s.length && s[i] !== '"'; i++) {
          if (s[i] === "\\" && i + 1 < s.length && '"\\$`'.includes(s[i + 1])) i++;
          else if (s[i] === "$" || s[i] === "`") dynamic = true;
          text += s[i];
        }
        i++;
      } else if (c === "\\") {
        if (i + 1 < s.length) text += s[i + 1];
        i += 2;
      } else {
        if (c === "$" || c === "`") dynamic = true;
        text += c;
        i++;
      }
    }
    words.push({ text, dynamic });
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
      if (!w.dynamic && !isPlaceholder(w.text.slice(eq + 1))) out.push({ shown: `${w.text.slice(0, eq)}=${MASK}` });
      continue;
    }
    const flag = SECRET_FLAG.exec(w.text);
    if (flag) {
      if (!w.dynamic && !isPlaceholder(flag[3])) out.push({ shown: `--${flag[1]}${flag[2]}=${MASK}` });
      continue;
    }
    if (isCmd(w, "sshpass")) {
      for (let j = k + 1; j < words.length && words[j].text.startsWith("-"); j++) {
        const o = words[j];
        if (o.text === "-p") {
          const v = words[j + 1];
          if (v && !v.dynamic && !isPlaceholder(v.text)) out.push({ shown: `sshpass -p ${MASK}` });
          break;
        }
        if (o.text.startsWith("-p")) {
          if (!o.dynamic && !isPlaceholder(o.text.slice(2))) out.push({ shown: `sshpass -p${MASK}` });
          break;
        }
      }
      continue;
    }
    if (/^-pass(in|out)?$/.test(w.text) && next && next.text.startsWith("pass:")) {
      if (!next.dynamic && !isPlaceholder(next.text.slice(5))) out.push({ shown: `${w.text} pass:${MASK}` });
      continue;
    }
    if (hasCurl) {
      let cred;
      if (w.text === "-u" || w.text === "--user") cred = next;
      else if (w.text.startsWith("--user=")) cred = { text: w.text.slice(7), dynamic: w.dynamic };
      else if (/^-u[^-]/.test(w.text)) cred = { text: w.text.slice(2), dynamic: w.dynamic };
      const colon = cred ? cred.text.indexOf(":") : -1;
      if (cred && colon >= 0 && !cred.dynamic && !isPlaceholder(cred.text.slice(colon + 1))) {
        out.push({ shown: `curl -u ${cred.text.slice(0, colon)}:${MASK}` });
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
  return [{ shown: `${first.text} ${MASK}` }];
}
function findSecrets(name, value, placeholder) {
  const key = name.toLowerCase();
  if (COMMANDS.has(key)) return findInCommand(value);
  if (key === "ssl_passphrase_command") return findInPassphraseCommand(value);
  if (placeholder && /(^|[._])(password|passwd|passphrase|secret)$/.test(key) && !isPlaceholder(value)) {
    return [{ shown: MASK }];
  }
  return findInConninfo(value);
}
var secret_in_config_default = defineRule({
  name: "secret-in-config",
  severity: "error",
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
    const lines = [];
    for (const a of ctx.cluster.assignments) {
      const v = a.line.value;
      lines.push({ name: a.line.name, value: v.value, loc: { file: a.file.path, start: v.start, end: v.end }, placeholder: a.status === "placeholder" });
    }
    const rec = ctx.cluster.recovery;
    if (rec) {
      for (const l of rec.lines) {
        if (l.kind !== "setting") continue;
        lines.push({ name: l.name, value: l.value.value, loc: { file: rec.file.path, start: l.value.start, end: l.value.end }, placeholder: false });
      }
    }
    for (const l of lines) {
      const found = findSecrets(l.name, l.value, l.placeholder);
      if (found.length === 0) continue;
      const shown2 = [...new Set(found.map((f) => f.shown))].join(", ");
      ctx.report({
        loc: l.loc,
        message: `${l.name} contains ${found.length === 1 ? "a literal secret" : `${found.length} literal secrets`} (${shown2}): anyone who can read the repository or its history can use it`,
        help: "Remove the secret from the file and rotate it; let libpq read it from a password file (passfile=, ~/.pgpass) or the service environment instead."
      });
    }
  }
});

// rules/synchronous-commit-off.ts
var synchronous_commit_off_default = defineRule({
  name: "synchronous-commit-off",
  severity: "warning",
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

// rules/wal-level-insufficient.ts
var wal_level_insufficient_default = defineRule({
  name: "wal-level-insufficient",
  severity: "error",
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

// rules/index-conf.ts
var CONF_RULES = [
  wal_level_insufficient_default,
  reserved_connections_exceed_max_default,
  recovery_conf_obsolete_default,
  full_page_writes_off_default,
  rewind_not_ready_default,
  freeze_table_age_clamped_default,
  freeze_min_age_clamped_default,
  failsafe_age_clamped_default,
  freeze_max_age_high_default,
  password_encryption_md5_default,
  fsync_off_default,
  synchronous_commit_off_default,
  archive_command_missing_default,
  replication_slot_wal_unbounded_default,
  secret_in_config_default,
  autovacuum_off_default
];

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
var cache2 = /* @__PURE__ */ new WeakMap();
function analyzeHba(hba) {
  let a = cache2.get(hba);
  if (!a) {
    a = analyze(hba);
    cache2.set(hba, a);
  }
  return a;
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
  if (key === REPL) return e.dbKeys.has(REPL);
  return e.dbKeys.has(key) || e.dbKeys.has(ALL);
}
function userCovered(e, key) {
  return e.userKeys.has(key) || e.userKeys.has(ALL);
}
function namesCovered(e, dbs, users) {
  return dbs.every((k) => dbCovered(e, k)) && users.every((k) => userCovered(e, k));
}
function hexOf(bytes) {
  let s = "";
  for (const b of bytes) s += (b < 16 ? "0" : "") + b.toString(16);
  return s;
}
function maskedKey(family, bytes, prefix, hex = hexOf(bytes)) {
  const whole = prefix >> 3;
  const rest = prefix & 7;
  let s = `${family}/${prefix}/${hex.slice(0, whole * 2)}`;
  if (rest) {
    const b = bytes[whole] & (255 << 8 - rest & 255);
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
  return { byAddress: /* @__PURE__ */ new Map(), prefixes: { ipv4: /* @__PURE__ */ new Set(), ipv6: /* @__PURE__ */ new Set() }, oddMasks: [], wide: [] };
}
function insert(idx, e) {
  const a = e.info.record.address;
  const key = addressKey(a);
  if (key === null) {
    idx.oddMasks.push(e);
    return;
  }
  if (e.dbKeys.size * e.userKeys.size > MAX_COMBINATIONS) {
    idx.wide.push(e);
    return;
  }
  if (isIp(a) && a.prefix !== null) idx.prefixes[a.kind].add(a.prefix);
  let names = idx.byAddress.get(key);
  if (!names) idx.byAddress.set(key, names = /* @__PURE__ */ new Map());
  for (const d of e.dbKeys) {
    let users = names.get(d);
    if (!users) names.set(d, users = /* @__PURE__ */ new Map());
    for (const u of e.userKeys) {
      let list2 = users.get(u);
      if (!list2) users.set(u, list2 = []);
      list2.push(e);
    }
  }
}
function probeAddressKeys(idx, a) {
  if (a === null) return ["local"];
  switch (a.kind) {
    case "all":
      return ["all"];
    case "samehost":
    case "samenet":
      return ["all", "kw:" + a.kind];
    case "hostname":
      return ["all", "host:" + (a.hostname ?? "").toLowerCase()];
    default: {
      if (!isIp(a)) return ["all"];
      const keys = ["all"];
      const max = leadingOnes(a.mask);
      const hex = hexOf(a.bytes);
      for (const p of idx.prefixes[a.kind]) if (p <= max) keys.push(maskedKey(a.kind, a.bytes, p, hex));
      return keys;
    }
  }
}
function entryCoversAddress(e, a) {
  const o = e.info.record.address;
  if (a === null || o === null) return a === o;
  if (o.kind === "all") return true;
  if (isIp(o) && isIp(a)) return ipCovers(o, a);
  if (o.kind === "hostname" && a.kind === "hostname") return (o.hostname ?? "").toLowerCase() === (a.hostname ?? "").toLowerCase();
  return o.kind === a.kind && (o.kind === "samehost" || o.kind === "samenet");
}
function earliestCover(idx, target) {
  const r = target.info.record;
  const dbs = [...target.dbKeys];
  const users = [...target.userKeys];
  const d0 = dbs[0];
  const u0 = users[0];
  const dbProbe = d0 === REPL || d0 === ALL ? [d0] : [d0, ALL];
  const userProbe = u0 === ALL ? [u0] : [u0, ALL];
  const found = { best: null };
  const consider = (e) => {
    const b = found.best;
    if (b !== null && e.info.index >= b.info.index) return false;
    if (!namesCovered(e, dbs, users) || !entryCoversAddress(e, r.address)) return false;
    found.best = e;
    return true;
  };
  for (const ak of probeAddressKeys(idx, r.address)) {
    const byDb = idx.byAddress.get(ak);
    if (!byDb) continue;
    for (const d of dbProbe) {
      const byUser = byDb.get(d);
      if (!byUser) continue;
      for (const u of userProbe) {
        for (const e of byUser.get(u) ?? []) {
          const b = found.best;
          if (b !== null && e.info.index >= b.info.index || consider(e)) break;
        }
      }
    }
  }
  for (const e of idx.oddMasks) consider(e);
  for (const e of idx.wide) consider(e);
  return found.best;
}
function analyze(hba) {
  const records = [];
  const index = /* @__PURE__ */ new Map();
  for (const line of hba.lines) {
    if (line.problem !== null || line.record === null) continue;
    const info = describeRecord(records.length, line, line.record);
    const entry = {
      info,
      dbKeys: new Set(line.record.databases.map(dbKey)),
      userKeys: new Set(line.record.users.map(userKey))
    };
    shadow(index, entry);
    let idx = index.get(line.record.connType);
    if (!idx) index.set(line.record.connType, idx = newTypeIndex());
    insert(idx, entry);
    records.push(info);
  }
  return {
    records,
    reachable: records.filter((r) => r.reachable),
    unreachable: records.filter((r) => !r.reachable)
  };
}
function shadow(index, entry) {
  const info = entry.info;
  const want = CONN_STATES[info.record.connType];
  let single = null;
  const parts = [];
  let union = 0;
  for (const t of CONN_TYPES2) {
    const states = CONN_STATES[t];
    if ((states & want) === 0) continue;
    const idx = index.get(t);
    if (!idx) continue;
    const e = earliestCover(idx, entry);
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
    const all = parts.map((p) => p.info).sort((a, b) => a.index - b.index);
    info.reachable = false;
    info.shadowedBy = all[0];
    info.shadowedByAll = all;
  }
}
function describeRecord(index, line, r) {
  const a = r.address;
  const ip = isIp(a);
  const prefixLength = ip ? popcount(a.mask) : null;
  return {
    index,
    line,
    record: r,
    reachable: true,
    shadowedBy: null,
    shadowedByAll: [],
    exposure: describeExposure(r),
    isLocal: r.connType === "local",
    isWorld: a !== null && (a.kind === "all" || ip && prefixLength === 0),
    isLoopbackOnly: isLoopback(a),
    family: ip ? a.kind : null,
    prefixLength,
    allUsers: r.users.some((u) => u.kind === "keyword" && u.value === "all"),
    allDatabases: r.databases.some((d) => d.kind === "keyword" && d.value === "all"),
    replication: r.databases.some((d) => d.kind === "keyword" && d.value === "replication"),
    loc: recordLoc(line, r)
  };
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
  const text = file.text.slice(info.loc.start, info.loc.end).replace(/\\\r?\n/g, " ").replace(/\s+/g, " ").trim();
  return text.length > max ? text.slice(0, max - 1) + "\u2026" : text;
}
function listOf(items, max = 5) {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}
function describeUsers(users) {
  if (users.some((u) => u.kind === "keyword")) return "any user (all)";
  const parts = [];
  const literals = users.filter((u) => u.kind === "literal").map((u) => u.token.raw);
  if (literals.length) parts.push(`${literals.length === 1 ? "user" : "users"} ${listOf(literals)}`);
  const groups = users.filter((u) => u.kind === "group");
  for (const g of groups.slice(0, 5)) parts.push(`members of role ${g.value} (${g.token.raw})`);
  if (groups.length > 5) parts.push(`members of ${groups.length - 5} more roles`);
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
  return a.maskToken ? `${a.token.raw} ${a.maskToken.raw}` : a.token.raw;
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
      const h = a.hostname ?? a.token.text;
      return h.startsWith(".") ? `from any host whose DNS name ends in ${h}` : `from host ${h} (by DNS name)`;
    }
  }
  if (!isIp(a)) return `from ${written(a)}`;
  const fam = a.kind === "ipv4" ? "IPv4" : "IPv6";
  const bits = popcount(a.mask);
  if (bits === 0) return `from any ${fam} address (${written(a)})`;
  if (a.prefix === null) return `from ${fam} addresses matching ${formatAddress(a.bytes)} under netmask ${formatAddress(a.mask)} (${written(a)})`;
  const net = `${formatAddress(a.bytes.map((b, i) => b & a.mask[i]))}/${a.prefix}`;
  const full = a.kind === "ipv4" ? 32 : 128;
  const what = a.prefix === full ? `${fam} host ${formatAddress(a.bytes)}` : `${fam} network ${net}`;
  return written(a) === net || written(a) === formatAddress(a.bytes) ? `from ${what}` : `from ${what} (${written(a)})`;
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
  const where = describeAddress(r.address) + CONN_WORDS[r.connType];
  if (r.method === "reject") return `connections by ${who} to ${what} ${where} are rejected (reject)`;
  return `${who} can connect to ${what} ${where} ${describeMethod(r)}`;
}
function parseNetwork(s) {
  const slash = s.indexOf("/");
  if (slash === -1) return null;
  const host = s.slice(0, slash);
  const bitsText = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return null;
  const bytes = parseIPv4(host) ?? parseIPv6(host);
  if (!bytes) return null;
  const bits = Number(bitsText);
  if (bits > bytes.length * 8) return null;
  const mask = bytes.map((_, i) => 255 << 8 - Math.max(0, Math.min(8, bits - i * 8)) & 255);
  return { bytes, mask };
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
var ALLOWED_NETWORKS_SCHEMA = {
  type: "array",
  description: "Networks considered safe (CIDR); records whose address lies inside one are not flagged",
  items: { type: "string", pattern: "^[0-9a-fA-F:.]+/[0-9]{1,3}$" }
};
function worldOpenRecords(analysis, allowed = []) {
  return analysis.reachable.filter((r) => r.isWorld && r.record.method !== "reject" && !insideNetworks(r, allowed));
}
function intOption(options, name, fallback) {
  const v = options[name];
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : fallback;
}
function isWide(info, ipv4Prefix, ipv6Prefix) {
  if (info.family === null || info.prefixLength === null || info.isWorld || info.isLoopbackOnly) return false;
  return info.prefixLength < (info.family === "ipv4" ? ipv4Prefix : ipv6Prefix);
}

// rules/hba-cleartext-password.ts
var hba_cleartext_password_default = defineRule({
  name: "hba-cleartext-password",
  severity: "error",
  appliesTo: ["pg_hba.conf"],
  docs: {
    summary: "Method `password` (cleartext) on a network record",
    why: "With `password` the client sends the password itself, in cleartext. On a `host`, `hostnossl` or `hostnogssenc` record the connection may be unencrypted, so anyone on the network path can read it (error). On `hostssl` and `hostgssenc` the channel is encrypted but the server still receives the password itself, and a client that does not verify the server certificate can hand it to an impostor (warning). `scram-sha-256` never sends the password. `local` records and records that can never match are not flagged.",
    invalid: ["host    all   app   10.20.0.0/16   password", "hostssl    all   app   10.20.0.0/16   password"],
    valid: ["host    all   app   10.20.0.0/16   scram-sha-256", "local   all   app   password"],
    references: [
      "https://www.postgresql.org/docs/current/auth-password.html",
      "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"
    ],
    versions: "all"
  },
  check(ctx) {
    const hba = ctx.cluster.hba;
    if (!hba) return;
    for (const r of analyzeHba(hba).reachable) {
      const type = r.record.connType;
      if (r.record.method !== "password" || type === "local") continue;
      const encrypted = type === "hostssl" || type === "hostgssenc";
      ctx.report({
        loc: tokenLoc(r.record.methodToken),
        message: encrypted ? `cleartext password over an encrypted connection: ${r.exposure}; the server receives the password itself` : `cleartext password on a record that accepts unencrypted connections: ${r.exposure}; anyone on the network path can read it`,
        help: "Use scram-sha-256 (with password_encryption = scram-sha-256, then reset the passwords).",
        ...encrypted ? { severity: "warning" } : {}
      });
    }
  }
});

// rules/hba-hostssl-without-ssl.ts
var hba_hostssl_without_ssl_default = defineRule({
  name: "hba-hostssl-without-ssl",
  severity: "error",
  appliesTo: ["pg_hba.conf", "postgresql.conf"],
  docs: {
    summary: "`hostssl` records while the cluster's `ssl` is off, so they can never match",
    why: 'A `hostssl` record matches only SSL connections, and with `ssl = off` (the default when postgresql.conf does not set it) there are none: PostgreSQL loads the record but only logs "hostssl record cannot match because SSL is disabled". Clients the record was written for are refused, or fall through to a later, often weaker, record. Checked only when the cluster has both pg_hba.conf and postgresql.conf.',
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
    const hba = ctx.cluster.hba;
    const ssl = ctx.setting("ssl");
    if (!hba || !ctx.cluster.conf || !ssl || ssl.value !== false) return;
    const a = ssl.assignment;
    const where = a ? `ssl = ${a.line.value.raw} at ${a.file.path}:${lineColumn(a.file, a.line.nameStart).line}` : "ssl is not set in postgresql.conf, and the default is off";
    for (const r of analyzeHba(hba).reachable) {
      if (r.record.connType !== "hostssl") continue;
      ctx.report({
        loc: tokenLoc(r.record.connTypeToken),
        message: `hostssl record can never match (${where}): ${r.exposure} is refused or falls through to a later record`,
        help: "Turn SSL on (ssl = on with ssl_cert_file and ssl_key_file), or write host if unencrypted connections are intended.",
        ...ssl.lineLoc ? { related: [{ message: "ssl is turned off here", loc: ssl.lineLoc }] } : {}
      });
    }
  }
});

// rules/hba-md5.ts
var hba_md5_default = defineRule({
  name: "hba-md5",
  severity: "warning",
  appliesTo: ["pg_hba.conf"],
  docs: {
    summary: "Method `md5`: deprecated password hashing (prefer `scram-sha-256`)",
    why: "MD5 password hashes are weak: a stolen hash (from a backup or pg_authid) is enough to log in without knowing the password, and a sniffed MD5 response can be brute-forced offline. PostgreSQL 18 deprecates MD5 passwords and warns when they are set; a later release will remove them. The `md5` method already accepts SCRAM passwords, so switching is safe once every password has been reset with `password_encryption = scram-sha-256`. Records that can never match are not flagged.",
    invalid: ["host    all   app   10.20.0.0/16   md5"],
    valid: ["host    all   app   10.20.0.0/16   scram-sha-256"],
    references: [
      "https://www.postgresql.org/docs/current/auth-password.html",
      "https://www.postgresql.org/docs/18/release-18.html"
    ],
    versions: "all; deprecated in 18"
  },
  check(ctx) {
    const hba = ctx.cluster.hba;
    if (!hba) return;
    const why = ctx.major >= 18 ? `MD5 passwords are deprecated in PostgreSQL ${ctx.major} and will be removed` : "MD5 hashes are weak and deprecated from PostgreSQL 18";
    for (const r of analyzeHba(hba).reachable) {
      if (r.record.method !== "md5") continue;
      ctx.report({
        loc: tokenLoc(r.record.methodToken),
        message: `md5 authentication: ${r.exposure}; ${why}`,
        help: "Set password_encryption = scram-sha-256, reset the passwords, then change the method to scram-sha-256."
      });
    }
  }
});

// rules/hba-open-to-world.ts
var hba_open_to_world_default = defineRule({
  name: "hba-open-to-world",
  severity: "error",
  appliesTo: ["pg_hba.conf"],
  defaultOptions: { allowedNetworks: [] },
  optionsSchema: {
    type: "object",
    properties: { allowedNetworks: ALLOWED_NETWORKS_SCHEMA },
    additionalProperties: false
  },
  docs: {
    summary: "A pg_hba.conf record that accepts connections from every address",
    why: "A record whose address is `0.0.0.0/0`, `::/0` (in any spelling, including `0.0.0.0 0.0.0.0` and `::0/0`) or the keyword `all` lets anyone who can reach the port try to log in: the only thing left between the internet and the data is the authentication method and the firewall. With `trust` or a cleartext `password`, for every user (`all`), or for physical replication (a full copy of the cluster), that is an error; otherwise a warning. Records that can never match (`reject`, or shadowed by an earlier record, see hba-unreachable-record) are not flagged, because they grant nothing.",
    invalid: ["host    all   all   0.0.0.0/0   scram-sha-256", "host    sales   app   ::/0   md5"],
    valid: [
      "host    all   all   10.20.0.0/16   scram-sha-256",
      "host    all   all   0.0.0.0/0   reject",
      "host    all   all   0.0.0.0/0   reject\nhost    all   all   0.0.0.0/0   trust"
    ],
    references: [
      "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
      "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-LISTEN-ADDRESSES"
    ],
    versions: "all",
    options: "`allowedNetworks` (list of CIDR strings, default none; also taken from the top-level `allowedNetworks` of the config file): records whose address lies inside one of these networks are not flagged."
  },
  check(ctx) {
    const hba = ctx.cluster.hba;
    if (!hba) return;
    for (const r of worldOpenRecords(analyzeHba(hba), allowedNetworksOption(ctx.options))) {
      const rec = r.record;
      const error = rec.method === "trust" || rec.method === "password" || r.allUsers || r.replication;
      const help = rec.method === "trust" || rec.method === "password" ? "Restrict the address to the networks that need access (e.g. 10.20.0.0/16) and authenticate with scram-sha-256." : "Restrict the address to the networks that need access (e.g. 10.20.0.0/16); if the server really must be public, suppress this with the reason.";
      ctx.report({
        loc: addressLoc(rec.address),
        message: `open to every address: ${r.exposure}`,
        help,
        severity: error ? "error" : "warning"
      });
    }
  }
});

// rules/hba-replication-open.ts
var hba_replication_open_default = defineRule({
  name: "hba-replication-open",
  severity: "error",
  appliesTo: ["pg_hba.conf"],
  defaultOptions: { ipv4Prefix: 16, ipv6Prefix: 48, allowedNetworks: [] },
  optionsSchema: {
    type: "object",
    properties: {
      ipv4Prefix: { type: "integer", minimum: 0, maximum: 32, description: "IPv4 networks with a shorter prefix count as wide" },
      ipv6Prefix: { type: "integer", minimum: 0, maximum: 128, description: "IPv6 networks with a shorter prefix count as wide" },
      allowedNetworks: ALLOWED_NETWORKS_SCHEMA
    },
    additionalProperties: false
  },
  docs: {
    summary: "Physical replication (`replication`) allowed for every user or from a wide network",
    why: "A physical replication connection can stream the whole cluster \u2014 every database, every table, password hashes included \u2014 with pg_basebackup. The `replication` database should be allowed only for the replication role, from the standbys' addresses. A record for `all` users, or for a network wider than /16 (IPv4) or /48 (IPv6), or for every address, lets any role with the REPLICATION attribute (and every superuser) do that from anywhere in the range. Local-socket and loopback records, `reject` records and records that can never match are not flagged.",
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
    versions: "all",
    options: "`ipv4Prefix` (default 16) and `ipv6Prefix` (default 48): networks with a shorter prefix count as wide. `allowedNetworks` (list of CIDR strings, default none; also taken from the top-level `allowedNetworks` of the config file): records whose address lies inside one of these networks are not flagged."
  },
  check(ctx) {
    const hba = ctx.cluster.hba;
    if (!hba) return;
    const v4 = intOption(ctx.options, "ipv4Prefix", 16);
    const v6 = intOption(ctx.options, "ipv6Prefix", 48);
    const allowed = allowedNetworksOption(ctx.options);
    for (const r of analyzeHba(hba).reachable) {
      const rec = r.record;
      if (!r.replication || rec.method === "reject" || r.isLocal || r.isLoopbackOnly || insideNetworks(r, allowed)) continue;
      const reasons = [];
      if (r.allUsers) reasons.push("for every user (all)");
      if (r.isWorld) reasons.push("from every address");
      else if (isWide(r, v4, v6)) reasons.push(`from a network wider than /${r.family === "ipv4" ? v4 : v6}`);
      if (!reasons.length) continue;
      const token2 = rec.databases.find((d) => d.kind === "keyword" && d.value === "replication").token;
      ctx.report({
        loc: tokenLoc(token2),
        message: `physical replication open ${reasons.join(" and ")}: ${r.exposure}; a replication connection can copy the whole cluster`,
        help: "Allow replication only for the replication role (e.g. replicator) from the standbys' addresses (/32), with scram-sha-256 or cert."
      });
    }
  }
});

// rules/hba-trust-remote.ts
var hba_trust_remote_default = defineRule({
  name: "hba-trust-remote",
  severity: "error",
  appliesTo: ["pg_hba.conf"],
  defaultOptions: { allowedNetworks: [] },
  optionsSchema: {
    type: "object",
    properties: { allowedNetworks: ALLOWED_NETWORKS_SCHEMA },
    additionalProperties: false
  },
  docs: {
    summary: "`trust` authentication on a record that matches more than the loopback interface",
    why: "`trust` logs a client in as whichever user it names, with no password or other check. On a `host`, `hostssl`, `hostnossl`, `hostgssenc` or `hostnogssenc` record whose address is more than loopback (127.0.0.0/8, ::1/128) \u2014 a network, `samehost`, `samenet` or a host name \u2014 anyone who can reach the server from there, or who shares a machine on that network, can connect as any listed user, including a superuser. Records that can never match (shadowed by an earlier record) are not flagged.",
    invalid: ["host    all   all   10.20.0.0/16   trust", "host    orders   app   samenet   trust"],
    valid: ["host    all   all   127.0.0.1/32   trust", "local   all   all   trust", "host    all   all   10.20.0.0/16   scram-sha-256"],
    references: [
      "https://www.postgresql.org/docs/current/auth-trust.html",
      "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"
    ],
    versions: "all",
    options: "`allowedNetworks` (list of CIDR strings, default none; also taken from the top-level `allowedNetworks` of the config file): records whose address lies inside one of these networks are not flagged."
  },
  check(ctx) {
    const hba = ctx.cluster.hba;
    if (!hba) return;
    const allowed = allowedNetworksOption(ctx.options);
    for (const r of analyzeHba(hba).reachable) {
      if (r.record.method !== "trust" || r.isLocal || r.isLoopbackOnly || insideNetworks(r, allowed)) continue;
      ctx.report({
        loc: tokenLoc(r.record.methodToken),
        message: `trust on a network record: ${r.exposure}; anyone who can connect from there can name any of these users and is let in`,
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
    const hba = ctx.cluster.hba;
    if (!hba) return;
    for (const r of analyzeHba(hba).unreachable) {
      const first = r.shadowedByAll[0];
      ctx.report({
        loc: r.loc,
        message: `unreachable record: ${covering(r)}, and the first matching record wins; it grants nothing (so it is not checked for exposure)`,
        help: `Delete this record, or move it above ${recordRef(first, r.line.file.path)} if it was meant to take effect.`,
        related: r.shadowedByAll.map((b) => ({ message: "the earlier record that matches first", loc: b.loc }))
      });
    }
  }
});

// rules/hba-wide-network.ts
var hba_wide_network_default = defineRule({
  name: "hba-wide-network",
  severity: "warning",
  appliesTo: ["pg_hba.conf"],
  defaultOptions: { ipv4Prefix: 16, ipv6Prefix: 48, allowedNetworks: [] },
  optionsSchema: {
    type: "object",
    properties: {
      ipv4Prefix: { type: "integer", minimum: 0, maximum: 32, description: "Flag IPv4 networks with a shorter prefix than this" },
      ipv6Prefix: { type: "integer", minimum: 0, maximum: 128, description: "Flag IPv6 networks with a shorter prefix than this" },
      allowedNetworks: ALLOWED_NETWORKS_SCHEMA
    },
    additionalProperties: false
  },
  docs: {
    summary: "A pg_hba.conf record that accepts a very wide network (IPv4 wider than /16, IPv6 wider than /48)",
    why: "A record for 10.0.0.0/8 admits 16 million addresses: usually far more machines than need the database, often every office, VPN and container network of the company. Each of them can then try to log in, and a compromise anywhere in that range reaches the database. Records open to every address are left to hba-open-to-world; `reject` records, loopback networks and records that can never match are not flagged.",
    invalid: ["host    all   app   10.0.0.0/8   scram-sha-256", "host    all   app   10.0.0.0   255.0.0.0   scram-sha-256"],
    valid: ["host    all   app   10.20.0.0/16   scram-sha-256", "host    all   all   10.0.0.0/8   reject", "host    all   all   2001:db8:1234::/48   scram-sha-256"],
    references: ["https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"],
    versions: "all",
    options: "`ipv4Prefix` (default 16) and `ipv6Prefix` (default 48): records with a shorter prefix are flagged. `allowedNetworks` (list of CIDR strings, default none; also taken from the top-level `allowedNetworks` of the config file): records whose address lies inside one of these networks are not flagged."
  },
  check(ctx) {
    const hba = ctx.cluster.hba;
    if (!hba) return;
    const v4 = intOption(ctx.options, "ipv4Prefix", 16);
    const v6 = intOption(ctx.options, "ipv6Prefix", 48);
    const allowed = allowedNetworksOption(ctx.options);
    for (const r of analyzeHba(hba).reachable) {
      if (r.record.method === "reject" || !isWide(r, v4, v6) || insideNetworks(r, allowed)) continue;
      const limit = r.family === "ipv4" ? v4 : v6;
      const count = r.family === "ipv4" ? (2 ** (32 - r.prefixLength)).toLocaleString("en-US") : `2^${128 - r.prefixLength}`;
      ctx.report({
        loc: addressLoc(r.record.address),
        message: `wide network (${count} addresses, wider than /${limit}): ${r.exposure}`,
        help: "Narrow the address to the hosts or subnets that need access (e.g. the application servers' /24), or list the network in allowedNetworks."
      });
    }
  }
});

// rules/listen-on-all-addresses.ts
function splitList(s) {
  const out = [];
  const ws = (c) => c !== void 0 && /\s/.test(c);
  let i = 0;
  while (ws(s[i])) i++;
  if (i >= s.length) return out;
  for (; ; ) {
    const start = i;
    let name = "";
    if (s[i] === '"') {
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
      while (i < s.length && s[i] !== "," && !ws(s[i])) i++;
      name = s.slice(start, i);
      if (name === "") return null;
    }
    out.push({ name, start, end: i });
    while (ws(s[i])) i++;
    if (s[i] === ",") {
      i++;
      while (ws(s[i])) i++;
      continue;
    }
    return i >= s.length ? out : null;
  }
}
var MEANING = {
  "*": "every network interface (all IPv4 and IPv6 addresses)",
  "0.0.0.0": "every IPv4 interface",
  "::": "every IPv6 interface"
};
var listen_on_all_addresses_default = defineRule({
  name: "listen-on-all-addresses",
  severity: "info",
  appliesTo: ["postgresql.conf", "postgresql.auto.conf"],
  docs: {
    summary: "listen_addresses accepts TCP connections on every interface",
    why: "`listen_addresses = '*'` (or `0.0.0.0`, `::`) makes the server accept TCP connections on every network interface, including public ones, so pg_hba.conf and the firewall are the only protection left. That is often intended (containers, servers behind a firewall), so on its own this is information. It becomes a warning when the same cluster's pg_hba.conf also has a record open to every address (hba-open-to-world): then nothing in the configuration limits who can try to log in.",
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
    const entries = splitList(s.value);
    const hit = entries?.find((e) => e.name in MEANING);
    if (!hit) return;
    const raw = s.assignment?.line.value.raw ?? "";
    let loc = s.loc;
    if (raw === s.value) loc = { file: s.loc.file, start: s.loc.start + hit.start, end: s.loc.start + hit.end };
    else if (raw.length === s.value.length + 2 && raw.slice(1, -1) === s.value) {
      loc = { file: s.loc.file, start: s.loc.start + 1 + hit.start, end: s.loc.start + 1 + hit.end };
    }
    const spelled = raw || s.value;
    const base = `listen_addresses = ${spelled} accepts TCP connections on ${MEANING[hit.name]}`;
    const hba = ctx.cluster.hba;
    const open = hba ? worldOpenRecords(analyzeHba(hba)) : [];
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

// rules/ssl-disabled.ts
function plainNetworkRecords(records) {
  return records.filter((r) => {
    const t = r.record.connType;
    return (t === "host" || t === "hostnossl" || t === "hostnogssenc") && r.record.method !== "reject" && !r.isLoopbackOnly;
  });
}
var ssl_disabled_default = defineRule({
  name: "ssl-disabled",
  severity: "warning",
  appliesTo: ["postgresql.conf", "pg_hba.conf"],
  docs: {
    summary: "`ssl` is off while pg_hba.conf accepts host connections from beyond the loopback interface",
    why: "Without SSL, every query and every result crosses the network in cleartext, readable and modifiable by anyone on the path, and so do the credentials: the password itself with `password`, an MD5 response that can be brute-forced offline with `md5`. `ssl` is off by default. Checked only when the cluster has both postgresql.conf and pg_hba.conf, and only when a reachable `host`, `hostnossl` or `hostnogssenc` record that is not `reject` accepts more than loopback addresses.",
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
    const hba = ctx.cluster.hba;
    const ssl = ctx.setting("ssl");
    if (!hba || !ctx.cluster.conf || !ssl || ssl.value !== false) return;
    const open = plainNetworkRecords(analyzeHba(hba).reachable);
    const first = open[0];
    if (!first) return;
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

// rules/index-hba.ts
var HBA_RULES = [
  hba_open_to_world_default,
  listen_on_all_addresses_default,
  hba_trust_remote_default,
  hba_cleartext_password_default,
  hba_md5_default,
  hba_wide_network_default,
  hba_replication_open_default,
  hba_unreachable_record_default,
  hba_hostssl_without_ssl_default,
  ssl_disabled_default
];

// rules/index.ts
var RULES = [
  syntax_error_default,
  unknown_setting_default,
  removed_setting_default,
  invalid_value_default,
  duplicate_setting_default,
  missing_include_default,
  hba_invalid_record_default,
  unreadable_file_default,
  ...CONF_RULES,
  ...HBA_RULES,
  unused_directive_default
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
  const configMax = options.config?.config.maxFileSize;
  const maxFileBytes = options.maxFileBytes ?? (configMax !== void 0 ? parseSize(configMax) : void 0);
  return options.host ?? nodeHost({ cwd: options.cwd, root: options.root, maxFileBytes });
}
function configRelative(loaded2, abs) {
  return relative2(loaded2.dir, abs).split(sep3).join("/");
}
function discoverOptions(options) {
  const out = { ...options.pgVersion ? { pgVersion: options.pgVersion } : {} };
  const loaded2 = options.config;
  if (!loaded2) return out;
  const c = loaded2.config;
  const rel = (abs) => configRelative(loaded2, abs);
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
function clusterRuleConfig(options, cluster) {
  const loaded2 = options.config;
  const c = loaded2?.config;
  const files = cluster.input.files.map((f) => loaded2 ? configRelative(loaded2, f.abs) : f.abs);
  const matching = (c?.overrides ?? []).filter((o) => files.some((f) => globMatcher(o.files)(f)));
  const def = cluster.input.name ? c?.clusters?.find((d, i) => (d.name ?? `cluster-${i + 1}`) === cluster.input.name) : void 0;
  const rules = mergeRules([c?.rules, ...matching.map((o) => o.rules)]);
  for (const [name, sev] of Object.entries(options.rules ?? {})) rules[name] = { ...rules[name] ?? { options: {} }, severity: sev };
  for (const [name, opts] of Object.entries(options.ruleOptions ?? {})) {
    rules[name] = { ...rules[name] ?? {}, options: { ...rules[name]?.options ?? {}, ...opts } };
  }
  if (c?.allowedNetworks?.length) {
    for (const name of ["hba-wide-network", "hba-open-to-world", "hba-trust-remote", "hba-replication-open"]) {
      rules[name] = { ...rules[name] ?? {}, options: { allowedNetworks: c.allowedNetworks, ...rules[name]?.options ?? {} } };
    }
  }
  const assume = { ...toAssumptions([c?.assume, ...matching.map((o) => o.assume), def?.assume]), ...options.assume ?? {} };
  return { rules, assume };
}
function resolveAll(paths, options = {}) {
  const host = hostFor(options);
  const found = discover(host, paths, discoverOptions(options));
  const cache3 = /* @__PURE__ */ new Map();
  const clusters = found.clusters.map((c) => resolveCluster(host, c, cache3));
  return { host, clusters, errors: found.errors };
}
function lint(paths, options = {}, rules = RULES) {
  const { host, clusters, errors } = resolveAll(paths, options);
  let diagnostics = [];
  const files = [];
  const ran = /* @__PURE__ */ new Set();
  let unusedSeverity = "warning";
  const sources = /* @__PURE__ */ new Map();
  for (const cluster of clusters) {
    for (const f of cluster.input.files) files.push({ path: host.display(f.abs), kind: f.kind, pgVersion: cluster.input.major });
    for (const [p, s] of cluster.sources) sources.set(p, s);
    const cfg = clusterRuleConfig(options, cluster);
    for (const rule of rules) {
      const rc = cfg.rules[rule.name];
      const sev = rc?.severity ?? rule.severity;
      if (rule.name === "unused-directive") unusedSeverity = sev;
      if (sev === "off") continue;
      ran.add(rule.name);
      diagnostics.push(...runRule(rule, cluster, { severity: sev, options: rc?.options ?? {}, assume: cfg.assume }));
    }
  }
  const directives = collectDirectives(clusters);
  const applied = applyDirectives(diagnostics, directives, sources, new Set(RULES.map((r) => r.name)), ran);
  diagnostics = applied.diagnostics;
  if (unusedSeverity !== "off" && rules.some((r) => r.name === "unused-directive")) {
    for (const p of applied.problems) diagnostics.push({ rule: "unused-directive", severity: unusedSeverity, message: p.message, loc: p.loc });
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
  return rows.map((row2, i) => {
    const line = hba.lines[i];
    return {
      ...row2,
      ...row2.file_name !== void 0 ? { file_name: host.display(row2.file_name) } : {},
      error: row2.error ?? line.problem?.message ?? null
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
  const shown2 = result.diagnostics.filter((d) => !d.suppressed);
  let current;
  for (const d of shown2) {
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
  const suppressed = result.diagnostics.length - shown2.length;
  if (suppressed) out.push(paint("gray", `${suppressed} suppressed.`));
  return out.join("\n") + "\n";
}

// src/version.ts
var VERSION = "0.1.0";

// src/report/fingerprint.ts
import { createHash } from "node:crypto";
function fingerprints(diagnostics, sources) {
  const out = /* @__PURE__ */ new Map();
  const seen = /* @__PURE__ */ new Map();
  const ordered = diagnostics.slice().sort((a, b) => a.loc.file !== b.loc.file ? a.loc.file < b.loc.file ? -1 : 1 : a.loc.start - b.loc.start);
  for (const d of ordered) {
    const key = `${d.rule}\0${d.loc.file}\0${lineText(d, sources).trim()}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    out.set(d, createHash("sha256").update(`${key}\0${n}`).digest("hex").slice(0, 32));
  }
  return out;
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
var SECURITY_RULES = /* @__PURE__ */ new Set(["ssl-disabled", "password-encryption-md5", "secret-in-config", "listen-on-all-addresses"]);
function isSecurityRule(name) {
  return SECURITY_RULES.has(name) || name.startsWith("hba-") && name !== "hba-invalid-record";
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
  const security = isSecurityRule(rule.name);
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
function toSarif(result, rules = RULES) {
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
      ...d.suppressed ? { suppressions: [{ kind: d.suppressed.kind === "directive" ? "inSource" : "external", justification: d.suppressed.reason }] } : {}
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
var RANK = { error: 0, warning: 1, info: 2 };
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
    message: d.help ? `${d.message}
${d.help}` : d.message,
    title: d.rule,
    file: d.loc.file,
    ...annotationRange(d, sources)
  };
}
function selectAnnotations(diagnostics, sources, opts = {}) {
  const perKind = opts.perKind ?? ANNOTATION_LIMITS.perKind;
  const total = opts.total ?? ANNOTATION_LIMITS.total;
  const reserved = opts.reserved ?? {};
  const shown2 = diagnostics.filter((d) => !d.suppressed).slice().sort((a, b) => {
    if (a.severity !== b.severity) return RANK[a.severity] - RANK[b.severity];
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
    for (const d of shown2) {
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
  if (picked.length < shown2.length) picked = pick(1, total);
  const omitted = shown2.length - picked.length;
  const annotations = picked.map((d) => annotationFor(d, sources));
  if (!omitted) return { annotations, omitted };
  const where = opts.fullListAt ?? "the full report";
  return {
    annotations,
    omitted,
    notice: {
      kind: "notice",
      title: "pgconf-lint",
      message: `${plural(omitted, "more finding")} not annotated (GitHub shows at most ${perKind} annotations of each kind per step and ${total} per job); ${where} lists all ${shown2.length}.`
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
  const p = props.filter((x) => x[1] !== void 0 && x[1] !== "").map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(",");
  return `::${a.kind}${p ? " " + p : ""}::${escapeData(a.message)}`;
}
function formatGithub(result) {
  const sel = selectAnnotations(result.diagnostics, result.sources, { fullListAt: "the text or JSON report" });
  const lines = sel.annotations.map(workflowCommand);
  if (sel.notice) lines.push(workflowCommand(sel.notice));
  return lines.length ? lines.join("\n") + "\n" : "";
}

// src/report/markdown.ts
import { dirname as dirname4 } from "node:path/posix";
var ZWJ = "\u200D";
function escapeMarkdown(s) {
  return s.replace(/\r\n|\r|\n|\u2028|\u2029/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/[\\`*_[\]!|~#$]/g, (c) => "\\" + c).replace(/@/g, "@" + ZWJ).replace(/:\/\//g, ":" + ZWJ + "//").replace(/\bwww\./gi, (m) => m.slice(0, 3) + ZWJ + ".").replace(/\\#(?=\w)/g, "\\#" + ZWJ);
}
var SEVERITY_LABEL = { error: "\u{1F534} error", warning: "\u{1F7E0} warning", info: "\u{1F535} info" };
var DEFAULT_MAX_BYTES = 512 * 1024;
var COLLAPSE_ROWS = 15;
function clusterLabel(c) {
  if (c.input.name) return c.input.name;
  const abs = new Set(c.input.files.map((f) => f.abs));
  const src = [...c.sources.values()].find((s) => abs.has(s.absPath));
  const path = src?.path ?? c.unreadable[0]?.path;
  return path ? dirname4(path) : c.input.dir;
}
function groupByCluster(result, diags) {
  const groups = result.clusters.map((c) => ({ label: clusterLabel(c), cluster: c, diagnostics: [] }));
  const other = { label: "other", diagnostics: [] };
  for (const d of diags) {
    const g = groups.find((x) => x.cluster.sources.has(d.loc.file) || x.cluster.unreadable.some((u) => u.path === d.loc.file));
    (g ?? other).diagnostics.push(d);
  }
  if (other.diagnostics.length) groups.push(other);
  return groups;
}
function byteLength(s) {
  return Buffer.byteLength(s, "utf8");
}
function row(d, result, opts) {
  const r = locate(d, result.sources);
  const where = escapeMarkdown(`${d.loc.file}:${r.line}:${r.column}`);
  const link = opts.linkFile?.(d.loc.file, r.line);
  const loc = link ? `[${where}](${link})` : where;
  const message = escapeMarkdown(d.message) + (d.help ? `<br>\u21B3 ${escapeMarkdown(d.help)}` : "");
  const sev = d.suppressed ? `\u26AA ${d.severity} (suppressed)` : SEVERITY_LABEL[d.severity];
  const extra = d.suppressed ? `<br>suppressed: ${escapeMarkdown(d.suppressed.reason)}` : "";
  return `| ${sev} | ${loc} | [${d.rule}](${docsUrl(d.rule)}) | ${message}${extra} |`;
}
var TABLE_HEAD = "| severity | location | rule | message |\n|---|---|---|---|";
function formatMarkdown(result, opts = {}) {
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
  const groups = groupByCluster(result, [...active, ...suppressed]);
  for (const g of groups) {
    const list2 = g.diagnostics.filter((d) => !d.suppressed);
    if (!list2.length) continue;
    const c = g.cluster;
    const title = `### ${escapeMarkdown(g.label)}` + (c ? ` \u2014 PostgreSQL ${c.input.major}` : "");
    const gs = summarize(list2);
    const sub = `${plural(gs.error, "error")}, ${plural(gs.warning, "warning")}, ${plural(gs.info, "info")}`;
    const collapse = list2.length > COLLAPSE_ROWS;
    const open = collapse ? `<details><summary>${sub}</summary>

${TABLE_HEAD}` : `${sub}

${TABLE_HEAD}`;
    const close = collapse ? "\n</details>\n" : "\n";
    const fixed = `${title}

${open}
${close}`;
    if (budget - byteLength(fixed) <= 0) {
      omitted += list2.length;
      continue;
    }
    budget -= byteLength(fixed);
    const rows = [];
    for (const d of list2) {
      const r = row(d, result, opts) + "\n";
      if (budget - byteLength(r) < 0) {
        omitted++;
        continue;
      }
      budget -= byteLength(r);
      rows.push(r);
    }
    body.push(`${title}

${open}
${rows.join("")}${close}`);
  }
  if (suppressed.length) {
    const open = `<details><summary>${plural(suppressed.length, "suppressed finding")}</summary>

${TABLE_HEAD}
`;
    const close = "\n</details>\n";
    if (budget - byteLength(open + close) > 0) {
      budget -= byteLength(open + close);
      const rows = [];
      for (const d of suppressed) {
        const r = row(d, result, opts) + "\n";
        if (budget - byteLength(r) < 0) {
          omitted++;
          continue;
        }
        budget -= byteLength(r);
        rows.push(r);
      }
      body.push(open + rows.join("") + close);
    } else omitted += suppressed.length;
  }
  return head.join("\n") + "\n" + body.join("\n") + (omitted ? omittedLine(omitted) : "") + checked;
}
function checkedSection(result) {
  if (!result.clusters.length) return "\nNo PostgreSQL configuration files were found.\n";
  const lines = result.clusters.map((c) => {
    const files = [...c.sources.values()].map((f) => escapeMarkdown(f.path));
    const how = { flag: "set by pg-version", config: "from the config file", PG_VERSION: "from PG_VERSION", path: "from the path", default: "the newest supported" }[c.input.versionSource];
    return `- **${escapeMarkdown(clusterLabel(c))}**: PostgreSQL ${c.input.major} (${how}); ${plural(files.length, "file")}: ${files.join(", ")}`;
  });
  const majors = [...new Set(result.clusters.map((c) => c.input.major))].sort((a, b) => a - b);
  const summary = `Checked ${plural(result.files.length, "file")} in ${plural(result.clusters.length, "cluster")} (PostgreSQL ${majors.join(", ")})`;
  let text = "";
  let n = 0;
  for (const l of lines) {
    if (byteLength(text) + byteLength(l) > 16 * 1024) break;
    text += l + "\n";
    n++;
  }
  if (n < lines.length) text += `- \u2026 and ${plural(lines.length - n, "more cluster")}
`;
  return `
<details><summary>${summary}</summary>

${text}
</details>
`;
}

// src/report/settings.ts
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [fmt(header), fmt(widths.map((w) => "-".repeat(w))), ...rows.map(fmt)].join("\n");
}
function formatSettingsText(results) {
  return results.map((r) => {
    const rows = r.rows.map((row2) => [
      `${row2.sourcefile}:${row2.sourceline}`,
      String(row2.seqno),
      safeTerminalText(row2.name ?? ""),
      safeTerminalText(row2.setting ?? ""),
      row2.canonical === null ? "" : safeTerminalText(row2.canonical),
      row2.applied ? "t" : "f",
      safeTerminalText(row2.error ?? "")
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
      (row2) => [
        String(row2.rule_number ?? ""),
        `${row2.file_name ?? r.file}:${row2.line_number}`,
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
    return `# ${r.file} (PostgreSQL ${r.pgVersion})
` + table(["rule", "source", "type", "database", "user_name", "address", "netmask", "auth_method", "options", "error"], rows);
  }).join("\n\n") + "\n";
}

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
  --config FILE         configuration file (default: .pgconf-lint.yml, .yaml or .json
                        in the working directory, if present)
  --pg-version N        target PostgreSQL major (${SUPPORTED_MAJORS[0]}\u2013${SUPPORTED_MAJORS[SUPPORTED_MAJORS.length - 1]}) for every cluster
  --format FORMAT       text (default), json, sarif (SARIF 2.1.0 for code scanning),
                        github (workflow-command annotations) or markdown
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
var FORMATS = ["text", "json", "sarif", "github", "markdown"];
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
      case "--config":
        args.config = value(flag, inline);
        break;
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
var RANK2 = { info: 0, warning: 1, error: 2 };
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
function readConfig(args) {
  let path = args.config;
  if (!path) path = CONFIG_NAMES.map((n) => resolve5(n)).find((p) => existsSync(p));
  else if (!existsSync(path)) throw new UsageError(`--config ${path}: no such file`);
  if (!path) return void 0;
  try {
    return loadConfig(path, RULES);
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
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
  if (args.command !== "check" && args.format !== "text" && args.format !== "json") {
    throw new UsageError(`--format ${args.format} applies to check only; ${args.command} takes text or json`);
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
  const config = readConfig(args);
  const options = {
    ...config ? { config } : {},
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
    emit(args, args.format === "json" ? JSON.stringify(results.flatMap((r) => r.rows.map((row2) => ({ ...row2, cluster: r.cluster, pgVersion: r.pgVersion }))), null, 2) + "\n" : formatSettingsText(results));
    return 0;
  }
  if (args.command === "hba") {
    if (!args.paths.length) throw new UsageError("hba needs a file or directory");
    const { results, errors } = readHba(args.paths, options);
    failOnErrors(errors);
    emit(args, args.format === "json" ? JSON.stringify(results.flatMap((r) => r.rows.map((row2) => ({ ...row2, cluster: r.cluster, pgVersion: r.pgVersion }))), null, 2) + "\n" : formatHbaText(results));
    return 0;
  }
  const result = lint(args.paths, options);
  failOnErrors(result.errors);
  const formatters = {
    text: () => formatText(result, { color: useColor(args, Boolean(args.output)) }),
    json: () => formatJson(result),
    sarif: () => formatSarif(result),
    github: () => formatGithub(result),
    markdown: () => formatMarkdown(result)
  };
  emit(args, formatters[args.format]());
  if (args.failOn === "never") return 0;
  const threshold = RANK2[args.failOn];
  return result.diagnostics.some((d) => !d.suppressed && RANK2[d.severity] >= threshold) ? 1 : 0;
}

// src/cli.ts
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});
process.exitCode = main(process.argv.slice(2));
