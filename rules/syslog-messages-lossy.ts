import { defineRule } from '../src/linter/rule.js';
import { loggingView, relatedSetting, settingText } from '../src/analysis/logging.js';

const EFFECT: Record<string, { message: string; help: string }> = {
  syslog_sequence_numbers: {
    message:
      'repeated identical messages reach syslog without the sequence number that makes each line unique, so a ' +
      'syslog daemon that collapses repeats ("last message repeated N times") drops them',
    help: 'Set syslog_sequence_numbers = on (the default).',
  },
  syslog_split_messages: {
    message:
      'messages longer than about 900 bytes (statements, plans, DETAIL lines) are sent whole, and a syslog ' +
      'implementation with the traditional 1 kB limit truncates them',
    help: 'Set syslog_split_messages = on (the default) unless every syslog daemon on the path accepts long messages.',
  },
};

export default defineRule({
  name: 'syslog-messages-lossy',
  severity: 'warning',
  category: 'maintenance',
  tags: ['reliability'],
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'log_destination includes syslog while syslog_sequence_numbers or syslog_split_messages is off: messages can be suppressed or truncated',
    why:
      'Both settings are on by default and exist for syslog\'s sake. syslog_sequence_numbers prefixes each ' +
      'message with an increasing number, so that a syslog daemon that suppresses repeated identical lines ' +
      '("last message repeated N times") keeps them all. syslog_split_messages splits a message longer than ' +
      '900 bytes (PG_SYSLOG_LIMIT) into numbered lines that fit the traditional syslog limit; off, a long statement or plan ' +
      'is sent whole and may be truncated. Each finding is at the setting turned off, only when log_destination ' +
      'includes syslog. Turning either off is sometimes deliberate (a daemon that accepts long messages, a parser ' +
      'that wants the bare text), which the files cannot show, so the rule is not on by default. Off by default; ' +
      'the `cis` profile turns it on (CIS 3.1.11, 3.1.12).',
    invalid: ["log_destination = 'syslog'\nsyslog_split_messages = off"],
    valid: ["log_destination = 'syslog'", 'syslog_sequence_numbers = off'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-SYSLOG-SEQUENCE-NUMBERS',
      'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-SYSLOG-SPLIT-MESSAGES',
      'https://github.com/HexaCluster/pgdsat (checks 3.1.11, 3.1.12)',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const logging = loggingView(ctx);
    if (!logging?.destinations.has('syslog')) return;
    for (const name of ['syslog_sequence_numbers', 'syslog_split_messages']) {
      const s = ctx.setting(name);
      // Both default to on: only a file can turn them off, so a finding always has a location.
      if (!s?.loc || s.value !== false) continue;
      ctx.report({
        loc: s.loc,
        message: `${settingText(s)} while log_destination includes syslog: ${EFFECT[name]!.message}`,
        help: EFFECT[name]!.help,
        related: relatedSetting(logging.destination, 'log_destination is set here'),
      });
    }
  },
});
