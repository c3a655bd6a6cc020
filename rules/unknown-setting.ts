import { closestNameMatches, lookupParam } from '../src/catalog/catalog.js';
import { parseGucValue } from '../src/catalog/values.js';
import { wildcardMatcher } from '../src/lexical/glob.js';
import { defineRule } from '../src/linter/rule.js';
import { assignmentKinds } from '../src/linter/settings.js';
import { opt } from '../src/linter/options.js';
import { boundQuote } from '../src/linter/redact.js';
import { versionFacts } from './removed-setting.js';

export default defineRule({
  name: 'unknown-setting',
  severity: 'error',
  category: 'validity',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  fixable: 'sometimes',
  docs: () => ({
    summary: 'A parameter name PostgreSQL does not know',
    why:
      'PostgreSQL refuses to start when postgresql.conf sets a parameter it does not recognize, and a reload ' +
      'ignores the whole file. A typo therefore either takes the server down at the next restart or silently ' +
      'keeps every other change in the file from applying. Two-part names (`myext.setting`) are custom ' +
      'settings and are accepted without checking. The fix (unsafe) renames the ' +
      'parameter to the did-you-mean name, offered only when one name is nearest and the value is valid for it: the ' +
      'typo may have meant another parameter.',
    invalid: ['logical_decoding_work_memo = 64MB', 'shared_buffer = 1GB'],
    valid: ['logical_decoding_work_mem = 64MB', 'pg_stat_statements.max = 10000'],
    references: ['https://www.postgresql.org/docs/current/config-setting.html'],
    versions: 'all',
    optionsNote: '```yaml\nrules:\n  unknown-setting:\n    ignore: ["edb_*", "oracle_home", "utl_file.*"]\n```',
  }),
  options: {
    ignore: opt.stringArray([], 'Parameter names (case-insensitive, `*` wildcards) that the server knows although stock PostgreSQL does not, e.g. for EDB Postgres Advanced Server.', { minLength: 1 }),
  },
  check(ctx) {
    // Linear-time matchers: the patterns come from the config and the names from the files, both
    // under a pull request's control (a backtracking `^.*.*…x$` against a 100k-character name hangs).
    const ignore = (Array.isArray(ctx.options.ignore) ? ctx.options.ignore : []).map((p) => wildcardMatcher(p.toLowerCase()));
    for (const a of assignmentKinds(ctx.cluster).unknown) {
      if (versionFacts(a.line.name, ctx.major)) continue;
      if (ignore.length > 0 && ignore.some((matches) => matches(a.line.name.toLowerCase()))) continue;
      const loc = { file: a.file.path, start: a.line.nameStart, end: a.line.nameEnd };
      // Past the per-file listing limit a finding is only counted: no message and, above all, no
      // "did you mean" search over the catalog (a file of a million unknown names).
      if (!ctx.listed(loc.file)) {
        ctx.unlisted(loc.file, 1, loc);
        continue;
      }
      const name = a.line.name;
      if (name.startsWith('\uFEFF')) {
        ctx.report({
          loc,
          message: `the file starts with a UTF-8 byte order mark, which PostgreSQL reads as part of the name "${boundQuote(name.slice(1))}": unrecognized parameter, the server refuses to start`,
          help: 'Save the file as UTF-8 without a byte order mark (BOM).',
        });
        continue;
      }
      const near = closestNameMatches(ctx.catalog, name, 2);
      const best = near[0]?.name;
      // The rename only for a unique nearest name whose parameter takes the value as written.
      const unique = near.length === 1 || (near.length === 2 && near[1]!.d > near[0]!.d);
      const def = unique && best ? lookupParam(ctx.catalog, best) : undefined;
      const fits = def !== undefined && parseGucValue(def, a.line.value, ctx.major).ok;
      ctx.report({
        loc,
        ...(fits ? { fix: { title: `Rename to ${best}`, edits: [{ loc, text: best! }], applicability: 'unsafe' as const } } : {}),
        message: `unrecognized configuration parameter "${boundQuote(name)}": PostgreSQL ${ctx.major} refuses to start with it`,
        help: best ? `Did you mean "${best}"?` : 'Check the spelling against the documentation for this version.',
      });
    }
  },
});
