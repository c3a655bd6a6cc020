import { settingText } from '../src/analysis/required-setting.js';
import { customMilliseconds, lineAdding, listLoads, preloadList } from '../src/analysis/preload.js';
import { defineRule } from '../src/linter/rule.js';
import type { RelatedInfo } from '../src/types.js';

const INT_MAX = 2147483647;

export default defineRule({
  name: 'auth-delay-not-loaded',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'No delay after a failed login: auth_delay (or credcheck) is not in shared_preload_libraries, or its delay is 0',
    why:
      'PostgreSQL answers a failed password attempt at once, so a client can try passwords as fast as the ' +
      'network and the server allow, and each failed attempt costs it almost nothing. The auth_delay module ' +
      '(shipped with PostgreSQL) makes the server wait auth_delay.milliseconds before it reports a failed ' +
      'authentication; credcheck does the same with credcheck.auth_delay_ms. That slows online password ' +
      'guessing by orders of magnitude. The delay needs the module in shared_preload_libraries (the other lists ' +
      'are loaded after authentication) and a delay above 0 — the default of both parameters is 0, which delays ' +
      'nothing. Libraries are matched by file name (`$libdir/auth_delay` counts). A delay set with no module ' +
      'loaded does nothing. A shared_preload_libraries list with bad syntax loads nothing; that is ' +
      'invalid-value\'s finding. CIS 5.7 also limits authentication_timeout (authentication-timeout-long). ' +
      'Off by default; the `cis` profile turns it on (CIS 5.7).',
    invalid: ["shared_preload_libraries = 'pg_stat_statements'", "shared_preload_libraries = 'auth_delay'"],
    valid: [
      "shared_preload_libraries = 'auth_delay'\nauth_delay.milliseconds = 500",
      "shared_preload_libraries = 'credcheck'\ncredcheck.auth_delay_ms = '1s'",
    ],
    references: [
      'https://www.postgresql.org/docs/current/auth-delay.html',
      'https://github.com/HexaCluster/credcheck',
      'https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-SHARED-PRELOAD-LIBRARIES',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const at = ctx.clusterLoc();
    const spl = preloadList(ctx, 'shared_preload_libraries');
    if (!at || !spl || spl.elements === null) return;
    const modules = [
      { lib: 'auth_delay', param: 'auth_delay.milliseconds', max: INT_MAX },
      { lib: 'credcheck', param: 'credcheck.auth_delay_ms', max: Math.floor(INT_MAX / 1000) },
    ].filter((m) => listLoads(spl, m.lib));
    const delays = modules.map((m) => ({ ...m, delay: customMilliseconds(ctx, m.param, m.max) }));
    if (delays.some((d) => d.delay && d.delay.ms > 0)) return;
    const loadedAt: RelatedInfo[] = spl.setting.loc ? [{ message: `${modules.map((m) => m.lib).join(' and ')} loaded here`, loc: spl.setting.loc }] : [];
    const what = 'a failed login is answered at once, so passwords can be guessed at full speed';
    // The module that is loaded, auth_delay first: its delay is what to set.
    const first = delays[0];
    if (!first) {
      const elsewhere = ['session_preload_libraries', 'local_preload_libraries'].find((p) =>
        listLoads(preloadList(ctx, p as 'session_preload_libraries' | 'local_preload_libraries'), 'auth_delay'),
      );
      ctx.report({
        loc: spl.setting.loc ?? at,
        message: `${settingText(spl.setting)} loads neither auth_delay nor credcheck${elsewhere ? ` (auth_delay in ${elsewhere} is loaded after authentication and delays nothing)` : ''}: ${what}`,
        help: `Load auth_delay (a restart is needed) and set a delay: ${lineAdding(spl, 'auth_delay')} and auth_delay.milliseconds = 500.`,
      });
      return;
    }
    const { delay, param } = first;
    if (!delay) {
      ctx.report({
        loc: at,
        message: `${param} (not set; the default is 0): ${first.lib} is loaded but waits 0 ms: ${what}`,
        help: `Set ${param} = 500.`,
        related: loadedAt,
      });
      return;
    }
    ctx.report({
      loc: delay.loc,
      message: delay.rejected
        ? `${param} = ${delay.raw} is rejected when ${first.lib} loads (${delay.rejected}), which keeps the default 0: ${what}`
        : `${param} = ${delay.raw} waits 0 ms: ${what}`,
      help: `Set ${param} = 500.`,
      related: loadedAt,
    });
  },
});
