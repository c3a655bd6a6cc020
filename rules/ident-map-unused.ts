import { defineRule, type RuleDocs } from '../src/linter/rule.js';
import { tokenLoc } from '../src/analysis/hba.js';
import { authSetComplete, hbaMapNames, identMaps } from '../src/analysis/ident-maps.js';
import { findPlaceholder } from '../src/analysis/template.js';
import { boundQuote } from '../src/linter/redact.js';

/** At most this many further lines of a map are listed as related locations. */
const RELATED_MAX = 5;

export default defineRule({
  name: 'ident-map-unused',
  severity: 'info',
  category: 'validity',
  appliesTo: ['pg_ident.conf', 'pg_hba.conf'],
  requires: ['pg_hba.conf', 'pg_ident.conf'],
  docs: (): RuleDocs => ({
    summary: 'A user name map defined in pg_ident.conf that no pg_hba.conf record names in `map=`',
    why:
      'pg_ident.conf lines only take effect through a pg_hba.conf record whose `map=` option names their map ' +
      '(hba.c, check_usermap); a map no record names is dead configuration. Either a record lost its `map=` (or ' +
      'names the map with another spelling: names compare exactly, case included), and then the operating-system, ' +
      'Kerberos or certificate identities the map was written for cannot log in as the roles it lists, since ' +
      'without a map the authenticated name must equal the role name; or the map is a leftover and its lines can ' +
      'go, so that a reviewer does not take them for access that exists. Checked only when the cluster has both ' +
      'pg_hba.conf and pg_ident.conf (with the files they include, 16+), and not when either pulls in a file that ' +
      'is missing here (the record or map may be there) or a `map=` holds a template placeholder. A `map=` on a ' +
      'record PostgreSQL rejects still counts as naming the map (that record is hba-invalid-record\'s finding).',
    invalid: [
      {
        'pg_ident.conf': '# MAPNAME   SYSTEM-USERNAME   PG-USERNAME\nadmins      alice             postgres\nadmins      bob               postgres',
        'pg_hba.conf': 'local   all   all   peer',
      },
    ],
    valid: [
      {
        'pg_ident.conf': '# MAPNAME   SYSTEM-USERNAME   PG-USERNAME\nadmins      alice             postgres\nadmins      bob               postgres',
        'pg_hba.conf': 'local   all   all   peer   map=admins',
      },
      { 'pg_ident.conf': 'admins      alice             postgres' },
    ],
    references: [
      'https://www.postgresql.org/docs/current/auth-username-maps.html',
      'https://github.com/postgres/postgres/blob/master/src/backend/libpq/hba.c',
    ],
    versions: 'all; include directives in pg_hba.conf and pg_ident.conf 16+',
  }),
  check(ctx) {
    const { hba, ident } = ctx.cluster;
    if (!hba || !ident || !authSetComplete(hba) || !authSetComplete(ident)) return;
    const used = hbaMapNames(hba);
    if (used === null) return;
    for (const m of identMaps(ident).values()) {
      if (used.has(m.name) || findPlaceholder(m.name)) continue;
      const name = boundQuote(m.name);
      const n = m.lines.length;
      ctx.report({
        loc: tokenLoc(m.first),
        message:
          `map ${name} is not used: no pg_hba.conf record names it in map=, so its ${n === 1 ? 'line has' : `${n} lines have`} no effect; ` +
          'either a record lost its map= (and the identities it maps cannot log in as the roles it lists) or the map can go',
        help: `Add map=${name} to the pg_hba.conf record (peer, ident, gss, sspi, cert) meant to use it, or delete the map's lines.`,
        related: m.lines.slice(1, 1 + RELATED_MAX).map((l) => ({ message: `another line of map ${name}`, loc: tokenLoc(l.record!.mapName) })),
      });
    }
  },
});
