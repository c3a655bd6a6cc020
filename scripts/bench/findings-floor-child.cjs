// The child of scripts/bench/findings-floor.mjs: the smallest program we could write that prints the
// listed duplicate-setting findings of scripts/bench/gen.mjs's mixed postgresql.conf exactly as
// `pgconf-lint check`'s text report draws them (findings-floor.mjs checks the bytes). It knows that
// file's shape and nothing else: every assignment starts in the first column, names and values are
// ASCII and short, nothing is masked or escaped, one file, no include. What pgconf-lint does for any
// input (the lexer, value types, secrets, terminal escapes, long lines, tabs, wide characters, other
// rules, sorting and merging) it leaves out, so its time is a lower bound, not a design.
//
//   node scripts/bench/findings-floor-child.cjs FILE [LIMIT]
//
// Prints the findings on stdout and, on stderr, one JSON line: the ms it took to find the
// overridden assignments (`find`), to draw the first LIMIT (default 1,000) and join them (`draw`),
// and to write them (`write`), each measured with process.hrtime.
'use strict';
const { readFileSync, writeSync } = require('node:fs');

const [file, limitArg] = process.argv.slice(2);
const limit = Number(limitArg ?? 1000);
const ms = (a, b) => Number(b - a) / 1e6;

const t0 = process.hrtime.bigint();
const text = readFileSync(file, 'latin1');
// Each line's text, and for an assignment its name and where its value ends (before blanks and a comment).
const lines = text.split('\n');
const names = new Array(lines.length);
const valueEnds = new Array(lines.length);
const values = new Array(lines.length);
const ASSIGNMENT = /^([A-Za-z_][\w.]*)(?:\s*=\s*|\s+)('(?:[^'\\]|\\.|'')*'|[^\s#']+)/;
for (let i = 0; i < lines.length; i++) {
  const m = ASSIGNMENT.exec(lines[i]);
  if (m === null) continue;
  names[i] = m[1];
  values[i] = m[2];
  valueEnds[i] = m[0].length;
}
// The assignment that overrides each one: the next of the same name (PostgreSQL's last one wins).
const next = new Array(lines.length);
const seen = new Map();
for (let i = lines.length - 1; i >= 0; i--) {
  const name = names[i];
  if (name === undefined) continue;
  const key = name.toLowerCase();
  const later = seen.get(key);
  if (later !== undefined) next[i] = later;
  seen.set(key, i);
}
const t1 = process.hrtime.bigint();

const rows = [];
const HELP = 'Remove one of the two assignments so the file says what the server uses.';
let shown = 0;
for (let i = 0; i < lines.length && shown < limit; i++) {
  const w = next[i];
  if (w === undefined) continue;
  shown++;
  const a = i + 1; // line numbers
  const b = w + 1;
  const width = String(b).length;
  const pad = ' '.repeat(width);
  rows.push(
    `warning[duplicate-setting]: ${names[i]} is set again at line ${b} (${values[w]}), so this value (${values[i]}) is ignored`,
    `${pad}--> ${file.slice(file.lastIndexOf('/') + 1)}:${a}:1`,
    `${pad} |`,
    `${String(a).padStart(width)} | ${lines[i]}`,
    `${pad} | ${'^'.repeat(valueEnds[i])}`,
  );
  if (b > a + 1) rows.push('...');
  rows.push(
    `${b} | ${lines[w]}`,
    `${pad} | ${'-'.repeat(valueEnds[w])} the assignment that wins`,
    `${pad} |`,
    `${pad} = help: ${HELP}`,
    `${pad} = fix (unsafe): Remove the overridden assignment of ${names[i]} (line ${a})`,
    `${String(a).padStart(width)} - ${lines[i]}`,
    '',
  );
}
const out = rows.join('\n') + '\n';
const t2 = process.hrtime.bigint();
writeSync(1, out);
const t3 = process.hrtime.bigint();
writeSync(2, JSON.stringify({ find: ms(t0, t1), draw: ms(t1, t2), write: ms(t2, t3), findings: shown }) + '\n');
