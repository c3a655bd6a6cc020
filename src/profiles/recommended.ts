import type { Profile } from './types.js';

/**
 * Today's default behaviour: every rule at its default severity and options. It is the base every
 * run starts from (other profiles are laid over it), so it must never change a finding by itself;
 * a rule meant only for a checklist profile is listed here as `off`.
 */
export const recommended: Profile = {
  name: 'recommended',
  title: 'Recommended',
  summary: 'The default: every rule at its default severity (what every reviewer agrees on)',
  allRules: true,
  rules: {},
};
