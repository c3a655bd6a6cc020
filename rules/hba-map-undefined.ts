import { defineRule, type RuleDocs } from '../src/linter/rule.js';
import { tokenLoc } from '../src/analysis/hba.js';
import { hbaExposures } from '../src/analysis/exposure.js';
import { authSetComplete, definedIdentMaps } from '../src/analysis/ident-maps.js';
import { findPlaceholder } from '../src/analysis/template.js';
import { editDistance } from '../src/catalog/catalog.js';
import { boundQuote } from '../src/linter/redact.js';

/** The defined map closest to `name` (case differences first), if one is close enough to be a typo. */
function closest(name: string, defined: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const d of defined) {
    const dist = d.toLowerCase() === name.toLowerCase() ? 0.5 : editDistance(name, d);
    if (dist < bestD) {
      bestD = dist;
      best = d;
    }
  }
  return best !== null && bestD <= Math.max(1, Math.floor(name.length / 3)) ? best : null;
}

export default defineRule({
  name: 'hba-map-undefined',
  severity: 'warning',
  category: 'security',
  tags: ['validity'],
  precedence: 30,
  appliesTo: ['pg_hba.conf', 'pg_ident.conf'],
  requires: ['pg_hba.conf', 'pg_ident.conf'],
  docs: (): RuleDocs => ({
    summary: 'A pg_hba.conf record\'s `map=` names a user name map that the cluster\'s pg_ident.conf does not define',
    why:
      'With `map=NAME` (methods `ident`, `peer`, `gss`, `sspi`, `cert`, and `oauth` from 18), PostgreSQL does not ' +
      'compare the authenticated name with the requested role itself: at every login it scans pg_ident.conf for ' +
      'lines of map NAME (compared exactly, case included) that allow the pair. When no line has that map name, ' +
      'nothing ever allows it, and every connection the record matches is refused after authentication succeeded ' +
      '("no match in usermap" in the server log; hba.c, check_usermap). Since the first matching record decides, ' +
      'those clients do not fall through to a later record either. It is usually a typo, a map renamed in one file ' +
      'only, or a pg_ident.conf that was not deployed. Checked only when the cluster has a pg_ident.conf (with the ' +
      'files it includes, 16+): without one in the repository the server\'s cannot be seen. Not flagged: records ' +
      'that can never match (shadowed, `hostssl` while ssl is off), `map=` with a template placeholder ' +
      '(unrendered-template), `map=` on a method that takes no map (hba-invalid-record), and any record when ' +
      'pg_ident.conf pulls in a file that is missing here (the map may be defined there). A map name on a ' +
      'pg_ident.conf line PostgreSQL rejects counts as defined: that line is syntax-error\'s finding.',
    invalid: [
      {
        'pg_hba.conf': 'local   all   all   peer   map=admins',
        'pg_ident.conf': '# MAPNAME   SYSTEM-USERNAME   PG-USERNAME\nadmin       alice             postgres',
      },
    ],
    valid: [
      {
        'pg_hba.conf': 'local   all   all   peer   map=admins',
        'pg_ident.conf': '# MAPNAME   SYSTEM-USERNAME   PG-USERNAME\nadmins      alice             postgres',
      },
      { 'pg_hba.conf': 'local   all   all   peer   map=admins' },
    ],
    references: [
      'https://www.postgresql.org/docs/current/auth-username-maps.html',
      'https://github.com/postgres/postgres/blob/master/src/backend/libpq/hba.c',
    ],
    versions: 'all; pg_ident.conf include directives 16+; `map` on `oauth` 18+',
  }),
  check(ctx) {
    const ident = ctx.cluster.ident;
    if (!ident || !ctx.cluster.hba || !authSetComplete(ident)) return;
    const defined = definedIdentMaps(ident);
    for (const e of hbaExposures(ctx)) {
      const r = e.info.record;
      // parse_hba_auth_opt keeps the last map= of a record.
      const opt = r.options.filter((o) => o.name === 'map').at(-1);
      // An empty map name is no map (check_usermap): the names are compared directly.
      if (!opt || opt.value === '' || defined.has(opt.value) || findPlaceholder(opt.value)) continue;
      const guess = closest(opt.value, defined.keys());
      const name = boundQuote(opt.value);
      ctx.report({
        loc: tokenLoc(opt.token),
        message:
          `map=${name} names no map of ${ident.file.path}${guess !== null ? ` (did you mean ${boundQuote(guess)}?)` : ''}: ${e.text}; ` +
          `PostgreSQL finds no line of map ${name} at login, so every connection this record matches is refused after authenticating ("no match in usermap")`,
        help:
          guess !== null
            ? `Name the map as pg_ident.conf spells it (map=${boundQuote(guess)}; map names compare exactly, case included), or add the lines of map ${name} to pg_ident.conf.`
            : `Add the lines of map ${name} to pg_ident.conf (MAPNAME SYSTEM-USERNAME PG-USERNAME), or fix the map name.`,
        ...(guess !== null ? { related: [{ message: `map ${boundQuote(guess)} is defined here`, loc: defined.get(guess)! }] } : {}),
        group: { key: e.groupKey, concern: `map=${name} undefined in pg_ident.conf (hba-map-undefined)` },
      });
    }
  },
});
