import { settingText } from '../src/analysis/required-setting.js';
import { defineRule } from '../src/linter/rule.js';
import { opt } from '../src/linter/options.js';

const DEFAULT_MAXIMUM = 60;

/** Seconds in words: "5 minutes", "90 seconds". */
function seconds(n: number): string {
  if (n % 60 === 0) return n === 60 ? '1 minute' : `${n / 60} minutes`;
  return n === 1 ? '1 second' : `${n} seconds`;
}

export default defineRule({
  name: 'authentication-timeout-long',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  options: {
    maximum: opt.integer(DEFAULT_MAXIMUM, 'The longest authentication_timeout allowed, in seconds (CIS 5.7 asks for 60). With a maximum under 60, an absent setting is reported too (its default is 1min).', { minimum: 1, maximum: 600 }),
  },
  docs: () => ({
    summary: 'authentication_timeout is longer than the allowed maximum (60 seconds by default)',
    why:
      'authentication_timeout is how long a new connection may take to complete authentication before the ' +
      'server drops it. Until then the connection holds a backend process and a connection slot. A long timeout ' +
      'lets clients that connect and then stall (or send the password very slowly) keep slots occupied, so a ' +
      'few of them exhaust max_connections and lock out everyone else; it also gives a password guesser more ' +
      'time per connection. The default is 1 minute, which is not flagged with the default maximum. CIS 5.7 ' +
      'also asks for a delay after failed logins (auth-delay-not-loaded). Off by default; the `cis` profile ' +
      'turns it on (CIS 5.7).',
    invalid: ['authentication_timeout = 5min'],
    valid: ['authentication_timeout = 30s', 'authentication_timeout = 60', '# authentication_timeout = 1min'],
    references: ['https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-AUTHENTICATION-TIMEOUT'],
    versions: 'all (the default is 1min in every supported major)',
  }),
  check(ctx) {
    const at = ctx.clusterLoc();
    const s = ctx.setting('authentication_timeout');
    if (!at || !s || typeof s.value !== 'number') return;
    const maximum = typeof ctx.options.maximum === 'number' ? ctx.options.maximum : DEFAULT_MAXIMUM;
    if (s.value <= maximum) return;
    ctx.report({
      loc: s.loc ?? at,
      message: `${settingText(s)} lets a connection take ${seconds(s.value)} to authenticate (more than ${seconds(maximum)}): stalled or slow clients hold connection slots that long, and a few of them can use up max_connections`,
      help: `Set authentication_timeout = ${maximum % 60 === 0 ? `${maximum / 60}min` : `${maximum}s`} or less.`,
    });
  },
});
