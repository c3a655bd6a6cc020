// Control catalogs: the checklists security reviewers bring (CIS via pgdsat, the DISA STIG via the
// MITRE/Crunchy InSpec baseline, go_hba_rules' codes), as data. Ids and titles only — never benchmark
// prose (the CIS text is CC BY-NC-SA). Each control says whether it can be decided from files in a
// repository, which existing rules implement it and, in our words, what no rule checks yet.
// docs/profiles/<name>.md is generated from these (scripts/gen-profile-docs.mjs).
import { cisCatalog } from './cis.js';
import { goHbaRulesCatalog } from './go-hba-rules.js';
import { stigCatalog } from './stig.js';

/** files: decidable from configuration files; partly: part of it needs the OS or a live server; no: none of it is in files. */
export type Decidable = 'files' | 'partly' | 'no';

export interface CatalogControl {
  id: string;
  /** The source's own short check name. */
  title: string;
  decidable: Decidable;
  /**
   * For a decidable control, where the source's own check gets the settings: 'files' when it reads the
   * configuration files itself; 'show' when it asks a live server (SHOW), whose values come from the files
   * unless overridden on the command line, per role, per database or in the session. Absent: not recorded.
   */
  reads?: 'files' | 'show';
  /** One line, in our words: where the control is decided (files, OS, live server). */
  why: string;
  /** Names of registered pgconf-lint rules that implement (part of) the control. */
  rules: readonly string[];
  /** One line: what a rule would have to check that none does yet (absent: the file part is covered). */
  missing?: string;
  /** One line: what of the control pgconf-lint deliberately does not flag, and why (documented disagreement). */
  disagreement?: string;
}

export interface Catalog {
  name: string;
  title: string;
  /** Where the ids and titles were read. */
  source: { repo: string; commit: string; path: string };
  controls: readonly CatalogControl[];
  /** Paragraphs (markdown, our words) for the generated page: editions, where checklists disagree and what each profile decides. */
  notes?: readonly string[];
}

export type ControlStatus = 'automated' | 'partly' | 'missing' | 'disagreement' | 'not-decidable';

/**
 * A control's status: not decidable from files; automated (rules, nothing missing); partly (rules and a
 * gap); disagreement (no rule, by a documented decision); missing (no rule yet).
 */
export function controlStatus(c: CatalogControl): ControlStatus {
  if (c.decidable === 'no') return 'not-decidable';
  if (c.rules.length === 0) return c.disagreement && !c.missing ? 'disagreement' : 'missing';
  return c.missing ? 'partly' : 'automated';
}

export interface Coverage {
  decidable: number;
  automated: number;
  partly: number;
  missing: number;
  disagreement: number;
  notDecidable: number;
}

export function coverage(catalog: Catalog): Coverage {
  const n: Coverage = { decidable: 0, automated: 0, partly: 0, missing: 0, disagreement: 0, notDecidable: 0 };
  for (const c of catalog.controls) {
    const s = controlStatus(c);
    if (s === 'not-decidable') n.notDecidable++;
    else {
      n.decidable++;
      if (s === 'automated') n.automated++;
      else if (s === 'partly') n.partly++;
      else if (s === 'disagreement') n.disagreement++;
      else n.missing++;
    }
  }
  return n;
}

/**
 * Every catalog. Each is built on its first use (src/lexical/once.ts): a check without a profile never
 * builds one.
 */
export function catalogs(): readonly Catalog[] {
  return [cisCatalog(), stigCatalog(), goHbaRulesCatalog()];
}
export { cisCatalog, goHbaRulesCatalog, stigCatalog };
