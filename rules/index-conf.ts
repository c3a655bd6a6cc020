import type { Rule } from '../src/engine/rule.js';

/** postgresql.conf policy and safety rules (registered in rules/index.ts). */
export const CONF_RULES: readonly Rule[] = [];
