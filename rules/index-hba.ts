import type { Rule } from '../src/engine/rule.js';

/** pg_hba.conf exposure and security rules (registered in rules/index.ts). */
export const HBA_RULES: readonly Rule[] = [];
