import { settingText } from '../src/analysis/required-setting.js';
import { splitDirectoriesString } from '../src/catalog/hooks.js';
import { tokenLoc } from '../src/analysis/hba.js';

import { defineRule } from '../src/linter/rule.js';

/** Write permission for others: for a Unix-domain socket, the permission that lets a process connect. */
const OTHERS_WRITE = 0o002;

export default defineRule({
  name: 'unix-socket-world-accessible',
  severity: 'warning',
  category: 'security',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'unix_socket_permissions lets every local OS account connect to the Unix-domain socket (the default 0777 does)',
    why:
      'unix_socket_permissions is the mode of the socket files the server creates in unix_socket_directories. For ' +
      'a socket only write permission matters: whoever may write to it may connect. With the default 0777, every ' +
      'OS account on the machine (and every container or service sharing the socket directory) can open a ' +
      'connection. pg_hba.conf\'s `local` records still authenticate those connections, so the exposure is that ' +
      'every local account reaches the authentication step: a `local … trust` record then lets any of them in ' +
      'as any role, `peer` any account whose name is a role\'s, and password records can be guessed from every ' +
      'account. 0770 with unix_socket_group, or 0700, limits that to the accounts meant to connect. Not ' +
      'reported when unix_socket_directories is empty (no socket) or names only abstract sockets (`@name`, ' +
      'which have no file permissions). This checks the setting; the socket file\'s real mode (and the socket ' +
      'directory\'s) is OS state the files cannot show. Off by default; the `cis` profile turns it on (CIS 2.6).',
    invalid: ['unix_socket_permissions = 0777', "unix_socket_directories = '/var/run/postgresql'"],
    valid: ['unix_socket_permissions = 0770', 'unix_socket_permissions = 0755', "unix_socket_directories = ''"],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-UNIX-SOCKET-PERMISSIONS',
      'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-UNIX-SOCKET-DIRECTORIES',
      'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html',
    ],
    versions: 'all (abstract sockets, `@name`, are 14+ on Linux)',
  }),
  check(ctx) {
    const at = ctx.clusterLoc();
    const perm = ctx.setting('unix_socket_permissions');
    const dirs = ctx.setting('unix_socket_directories');
    if (!at || !perm || !dirs || typeof perm.value !== 'number' || (perm.value & OTHERS_WRITE) === 0) return;
    // A list PostgreSQL cannot split stops the server (invalid-value's finding); abstract sockets have no mode.
    const paths = (splitDirectoriesString(String(dirs.value)) ?? []).filter((d) => d !== '' && !(ctx.major >= 14 && d.startsWith('@')));
    if (!paths.length) return;
    const mode = `0${(perm.value & 0o777).toString(8).padStart(3, '0')}`;
    const where = dirs.isDefault ? '' : ` in ${paths.join(', ')}`;
    const trust = ctx.cluster.hba?.lines.find((l) => l.record?.connType === 'local' && l.record.method === 'trust')?.record;
    ctx.report({
      loc: perm.loc ?? at,
      message: `${perm.isDefault ? `unix_socket_permissions (not set; the default is ${mode})` : settingText(perm)} lets every local OS account connect to the Unix-domain socket${where}: each of them reaches pg_hba.conf's local records${trust ? ', and a local trust record lets any of them in as any role' : ''}`,
      help: `Set unix_socket_permissions = 0770 with unix_socket_group = '<the group allowed to connect>', or 0700 for the server's OS user only (the socket is created at server start: a restart is needed).`,
      ...(trust ? { related: [{ message: 'this local record trusts every connection on the socket', loc: tokenLoc(trust.methodToken) }] } : {}),
    });
  },
});
