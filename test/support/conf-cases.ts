import type { ExpectedFinding, RuleCase } from './rule-tester.js';

/**
 * The finding for the value of `prefix + value` on `line` (prefix is everything before the value,
 * e.g. "fsync = "): columns are 1-based, endColumn exclusive.
 */
export function at(line: number, prefix: string, value: string, extra: Partial<ExpectedFinding> = {}): ExpectedFinding {
  return { line, column: prefix.length + 1, endLine: line, endColumn: prefix.length + 1 + value.length, ...extra };
}

/** Every spelling PostgreSQL's parse_bool accepts for false (checked with postgres -C on 16). */
export const OFF = ['off', 'of', 'false', 'FALSE', '0', 'no', 'n', 'f', "'off'", 'OFF', "'of'", "'No'"];
/** … and for true. */
export const ON = ['on', 'ON', 'true', 'tr', 't', '1', 'yes', 'y', "'on'"];

/** One finding per off spelling, on line 2 (a comment above). */
export function offCases(name: string, extra: Partial<ExpectedFinding> = {}) {
  return OFF.map((v) => ({ code: `# ${name}\n${name} = ${v}\n`, errors: [at(2, `${name} = `, v, extra)] }));
}
/** No finding for any on spelling. */
export function onCases(name: string): RuleCase[] {
  return ON.map((v) => ({ code: `${name} = ${v}\n` }));
}
