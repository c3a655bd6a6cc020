// `pgconf-lint rules --profile NAME`: what a profile enables, with severities and control ids.
import { SUPPORTED_MAJORS, type Major } from '../catalog/types.js';
import type { Severity } from '../types.js';
import { editionFor, findProfile, profileListing, unknownProfileMessage, type ProfileListing } from './index.js';

export interface ProfileReport {
  profile: string;
  title: string;
  summary: string;
  catalog: { name: string; source: string } | null;
  /** The target major the listing is for (--pg-version, else the newest supported). */
  pgVersion: Major;
  /** The edition used for that major, and whether it is only the nearest one. */
  edition: { id: string; title: string; major: Major; nearest: boolean } | null;
  /** Whether rules the profile does not name keep running (recommended) — otherwise they keep the base's settings. */
  allRules: boolean;
  rules: ProfileListing[];
}

export function profileReport(name: string, major: Major, rules: readonly { name: string; severity: Severity }[]): ProfileReport {
  const profile = findProfile(name);
  if (!profile) throw new Error(unknownProfileMessage(name));
  const edition = editionFor(profile, major);
  return {
    profile: profile.name,
    title: profile.title,
    summary: profile.summary,
    catalog: profile.catalog ? { ...profile.catalog } : null,
    pgVersion: major,
    edition: edition ? { id: edition.id, title: edition.title, major: edition.major, nearest: edition.major !== major } : null,
    allRules: Boolean(profile.allRules),
    rules: profileListing(profile, major, rules),
  };
}

function text(r: ProfileReport): string {
  const lines = [`${r.profile}: ${r.title} — ${r.summary}`];
  if (r.edition) {
    lines.push(`edition: ${r.edition.title} for PostgreSQL ${r.pgVersion}${r.edition.nearest ? ` (the nearest edition; none is written for ${r.pgVersion})` : ''}`);
  }
  if (r.catalog) lines.push(`controls: ${r.catalog.name} (${r.catalog.source})`);
  if (!r.allRules) lines.push('rules it does not name keep their recommended settings');
  lines.push('');
  const w = Math.max(4, ...r.rules.map((x) => x.name.length));
  for (const x of r.rules) {
    const options = Object.keys(x.options).length ? `  options ${JSON.stringify(x.options)}` : '';
    const controls = x.controls.length ? x.controls.join(', ') : r.catalog ? '(no control id verified)' : '';
    lines.push(`${x.name.padEnd(w)}  ${x.severity.padEnd(7)}  ${controls}${options}`.trimEnd());
  }
  return lines.join('\n') + '\n';
}

/** The listing of each named profile, as text (one block per profile) or JSON (an array). */
export function profilesListing(names: readonly string[], pgVersion: number | undefined, rules: readonly { name: string; severity: Severity }[], format: string): string {
  const major = (pgVersion ?? SUPPORTED_MAJORS[SUPPORTED_MAJORS.length - 1]) as Major;
  const reports = names.map((n) => profileReport(n, major, rules));
  if (format === 'json') return JSON.stringify(reports, null, 2) + '\n';
  return reports.map(text).join('\n');
}
