import type { Report } from './types.js';
import { docsUrl, type Rule } from '../linter/rule.js';
import type { Severity } from '../types.js';
import { VERSION } from '../version.js';
import { locate } from './common.js';
import { fingerprints } from './fingerprint.js';
import { shownFix } from './fixable.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/pgconf-lint/pgconf-lint';
/** The partialFingerprints key; bump the version if the fingerprint recipe ever changes. */
export const FINGERPRINT_KEY = 'pgconfLint/v1';

/**
 * Rules about who can reach the server and how credentials are protected: the rules of category
 * `security`. Code scanning shows these as security alerts (they get `security-severity`); the
 * others are quality alerts.
 */
export function isSecurityRule(rule: Rule): boolean {
  return rule.category === 'security';
}

/** Code scanning's scale: 9.0+ critical, 7.0+ high, 4.0+ medium, below low; from the default severity. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '3.0' };

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: SarifRegion };
  message?: { text: string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'inSource' | 'external'; justification: string }[];
  fixes?: SarifFix[];
}

/**
 * A finding's fix (SARIF §3.55): one artifactChange for the finding's file, a replacement per edit
 * (an empty deletedRegion inserts; no insertedContent deletes). GitHub code scanning ignores fixes;
 * other viewers offer them. Safe and unsafe fixes both appear, the applicability in `properties`.
 */
export interface SarifFix {
  description: { text: string };
  artifactChanges: {
    artifactLocation: { uri: string; uriBaseId?: string };
    replacements: { deletedRegion: SarifRegion; insertedContent?: { text: string } }[];
  }[];
  properties: { applicability: 'safe' | 'unsafe' };
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: { tags: string[]; precision?: string; 'security-severity'?: string };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] } };
    results: SarifResult[];
    columnKind: 'utf16CodeUnits';
  }[];
}

/** Repository-relative display path -> SARIF URI (relative to %SRCROOT%), or a file: URI when absolute. */
export function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  const enc = (p: string): string => p.split('/').map(encodeURIComponent).join('/');
  if (path.startsWith('/')) return { uri: 'file://' + enc(path) };
  return { uri: enc(path), uriBaseId: '%SRCROOT%' };
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_m, _d: string, c: string) => c.toUpperCase());
}

export function sarifRule(rule: Rule): SarifRule {
  const url = docsUrl(rule.name);
  const security = isSecurityRule(rule);
  return {
    id: rule.name,
    name: pascal(rule.name),
    shortDescription: { text: rule.docs.summary },
    fullDescription: { text: rule.docs.why },
    help: {
      text: `${rule.docs.summary}\n\n${rule.docs.why}\n\nDocumentation: ${url}`,
      markdown: `**${rule.docs.summary}**\n\n${rule.docs.why}\n\n[Rule documentation](${url})` +
        (rule.docs.references.length ? '\n\nReferences:\n' + rule.docs.references.map((r) => `- <${r}>`).join('\n') : ''),
    },
    helpUri: url,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: [...(security ? ['security'] : []), ...rule.appliesTo],
      precision: 'very-high',
      ...(security ? { 'security-severity': SECURITY_SEVERITY[rule.severity] } : {}),
    },
  };
}

/** SARIF 2.1.0 for GitHub code scanning; suppressed findings are kept with their justification. */
export function toSarif(result: Report, rules: readonly Rule[] = result.rules): SarifLog {
  const driverRules = rules.map(sarifRule);
  const index = new Map(driverRules.map((r, i) => [r.id, i]));
  const prints = fingerprints(result.diagnostics, result.sources);
  const results = result.diagnostics.map((d): SarifResult => {
    let ruleIndex = index.get(d.rule);
    if (ruleIndex === undefined) {
      // A finding of a rule not in the list (a custom rule set): describe it minimally.
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
        properties: { tags: [] },
      });
    }
    const r = locate(d, result.sources);
    const related = (d.related ?? []).map((rel, i): SarifLocation => {
      const x = locate({ ...d, loc: rel.loc }, result.sources);
      return {
        id: i + 1,
        physicalLocation: {
          artifactLocation: artifactLocation(rel.loc.file),
          region: { startLine: x.line, startColumn: x.column, endLine: x.endLine, endColumn: x.endColumn },
        },
        message: { text: rel.message },
      };
    });
    const fix = shownFix(d);
    const fixes = fix
      ? [
          {
            description: { text: fix.title },
            artifactChanges: [
              {
                artifactLocation: artifactLocation(d.loc.file),
                replacements: fix.edits.map((e) => {
                  const x = locate({ ...d, loc: e.loc }, result.sources);
                  return {
                    deletedRegion: { startLine: x.line, startColumn: x.column, endLine: x.endLine, endColumn: x.endColumn },
                    ...(e.text ? { insertedContent: { text: e.text } } : {}),
                  };
                }),
              },
            ],
            properties: { applicability: fix.applicability },
          },
        ]
      : undefined;
    return {
      ruleId: d.rule,
      ruleIndex,
      level: LEVEL[d.severity],
      message: { text: d.help ? `${d.message}\n${d.help}` : d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(d.loc.file),
            region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
          },
        },
      ],
      ...(related.length ? { relatedLocations: related } : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: prints.get(d)! },
      ...(d.suppressed
        ? { suppressions: [{ kind: d.suppressed.kind === 'directive' ? ('inSource' as const) : ('external' as const), justification: d.suppressed.reason }] }
        : {}),
      ...(fixes ? { fixes } : {}),
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'pgconf-lint', version: VERSION, semanticVersion: VERSION, informationUri: INFORMATION_URI, rules: driverRules } },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

export function formatSarif(result: Report): string {
  return JSON.stringify(toSarif(result), null, 2) + '\n';
}
