import { settingText } from '../src/analysis/required-setting.js';
import { lineAdding, listLoads, PRELOAD_PARAMS, preloadList } from '../src/analysis/preload.js';
import { defineRule } from '../src/linter/rule.js';

export default defineRule({
  name: 'anonymizer-not-loaded',
  severity: 'info',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'No data anonymization extension (anon or pg_anonymize) is preloaded',
    why:
      'pgdsat reports a server whose session_preload_libraries loads neither PostgreSQL Anonymizer (anon) nor ' +
      'pg_anonymize. These extensions apply masking rules, so that chosen roles (analysts, developers, exports ' +
      'to test systems) see masked instead of real personal data; a reviewer of a system that holds personal ' +
      'data may want them there. This is of debatable value as a configuration check: most databases need no ' +
      'masking, masking is decided per column and per role inside the database, and the extension is often ' +
      'loaded per database (ALTER DATABASE … SET session_preload_libraries), which the files do not show — so it ' +
      'is off by default and reported as info. Either library counts in any of the three *_preload_libraries ' +
      'lists (matched by file name; recent anon releases are loaded through shared_preload_libraries). A list ' +
      'with bad syntax is invalid-value\'s finding. Off by default; the `cis` profile turns it on (CIS 6.11).',
    invalid: ["session_preload_libraries = 'auto_explain'"],
    valid: ["session_preload_libraries = 'anon'", "shared_preload_libraries = 'pg_stat_statements, pg_anonymize'"],
    references: [
      'https://postgresql-anonymizer.readthedocs.io/en/stable/',
      'https://github.com/rjuju/pg_anonymize',
      'https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-SESSION-PRELOAD-LIBRARIES',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const at = ctx.clusterLoc();
    const lists = PRELOAD_PARAMS.map((p) => preloadList(ctx, p));
    const session = lists[1];
    if (!at || !session || lists.some((l) => l?.elements === null)) return;
    if (lists.some((l) => listLoads(l, 'anon', 'pg_anonymize'))) return;
    ctx.report({
      loc: session.setting.loc ?? at,
      message: `${settingText(session.setting)} loads no anonymization extension (anon or pg_anonymize), nor does another preload list: every role that may read a table sees its personal data unmasked, unless the database loads one itself (ALTER DATABASE … SET, not in the files)`,
      help: `If the data needs masking, load an anonymizer: ${lineAdding(session, 'anon')} (PostgreSQL Anonymizer), then declare masking rules; otherwise disable this rule.`,
    });
  },
});
