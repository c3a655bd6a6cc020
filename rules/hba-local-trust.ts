import { defineRule } from '../src/engine/rule.js';
import { tokenLoc } from '../src/analysis/hba.js';
import { EXPOSURE_MODEL_DOC, SUPERUSERS_SCHEMA, hbaExposures, superuserNames, superusersOption } from '../src/analysis/exposure.js';
import { boundQuote } from '../src/engine/redact.js';

export default defineRule({
  name: 'hba-local-trust',
  severity: 'info',
  appliesTo: ['pg_hba.conf'],
  defaultOptions: { superusers: ['postgres'] },
  optionsSchema: {
    type: 'object',
    properties: { superusers: SUPERUSERS_SCHEMA },
    additionalProperties: false,
  },
  docs: {
    summary: '`local` (Unix socket) records with `trust` for all users or a superuser',
    why:
      'On a `local` record, `trust` lets every operating-system user who can open the socket connect as any ' +
      'listed role without a password, the superuser included: on a shared host, any local account (a web ' +
      'application, a compromised service) becomes superuser. Many images and installers ship ' +
      '`local all all trust` for convenience; `peer` gives the same convenience to the operating-system user of the ' +
      'same name (`postgres` as `postgres`) and nobody else. Information, since only processes on the server can ' +
      'use the socket. Flagged for the user `all` or a role of the option `superusers`.\n\n' +
      EXPOSURE_MODEL_DOC,
    invalid: ['local   all   all   trust'],
    valid: ['local   all   all   peer', 'local   all   app   trust', 'host    all   all   127.0.0.1/32   scram-sha-256'],
    references: ['https://www.postgresql.org/docs/current/auth-trust.html', 'https://www.postgresql.org/docs/current/auth-peer.html'],
    versions: 'all',
    options: '`superusers` (list of role names, default `["postgres"]`): a `local` trust record for one of them is flagged.',
  },
  check(ctx) {
    const superusers = superusersOption(ctx.options);
    for (const e of hbaExposures(ctx)) {
      const r = e.info.record;
      if (e.reach !== 'local' || r.method !== 'trust') continue;
      const names = superuserNames(e, superusers);
      if (!e.info.allUsers && names.length === 0) continue;
      const who = e.info.allUsers ? 'any role, superusers included,' : `superuser ${names.map((n) => boundQuote(n.value)).join(', ')}`;
      ctx.report({
        loc: tokenLoc(r.methodToken),
        message: `trust on the local socket: ${e.text}; any operating-system user on the server who can open the socket connects as ${who} without a password`,
        help: 'Use peer (the operating-system user of the same name) for local connections, or scram-sha-256.',
        group: { key: e.groupKey, concern: 'trust on the local socket (hba-local-trust)' },
      });
    }
  },
});
