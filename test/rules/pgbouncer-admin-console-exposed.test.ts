// Cases written from pgbouncer's source at commit 13a344f2625381296fc02e29b986a11be9c6b983:
// src/client.c finish_set_pool (the admin console is authenticated with auth_type; with hba, hba_eval's
// first matching record decides), src/hba.c hba_eval/name_match (local records only for the socket,
// host/hostssl/hostnossl by TLS and address; the database name is `pgbouncer`), src/admin.c
// admin_post_login (admin_users / stats_users), src/util.c strlist_contains (comma or space
// separated), src/main.c (unix_socket_dir /tmp, unix_socket_mode 0777) and src/pooler.c (the chmod,
// skipped for an abstract `@` socket), src/client.c (no TCP client without TLS when TLS is required).
import rule from '../../rules/pgbouncer-admin-console-exposed.js';
import { ruleTester } from '../support/rule-tester.js';

const ini = (extra: string): string => `[pgbouncer]\nauth_type = hba\nauth_hba_file = hba.conf\n${extra}`;

ruleTester(rule, {
  valid: [
    { name: 'auth_type = trust is pgbouncer-auth-trust\'s finding', code: '[pgbouncer]\nlisten_addr = *\nauth_type = trust\nadmin_users = ops\n' },
    {
      name: 'an earlier scram-sha-256 record for the pgbouncer database takes the addresses of a later trust record',
      code: { 'pgbouncer.ini': ini('listen_addr = *\nadmin_users = ops\n'), 'hba.conf': 'host pgbouncer ops 0.0.0.0/0 scram-sha-256\nhost pgbouncer ops ::/0 scram-sha-256\nhost all all 10.0.0.0/8 trust\nhost all all all trust\n' },
    },
    {
      name: 'two earlier records together cover all of IPv4, and pgbouncer listens on IPv4 only',
      code: { 'pgbouncer.ini': ini('listen_addr = 0.0.0.0\nadmin_users = ops\n'), 'hba.conf': 'host all all 0.0.0.0/1 md5\nhost all all 128.0.0.0/1 md5\nhost all all 0.0.0.0/0 trust\n' },
    },
    {
      name: 'local trust, but the socket is only for pgbouncer\'s own OS user (0700), who is admin anyway',
      code: { 'pgbouncer.ini': ini('unix_socket_mode = 0700\nadmin_users = ops\n'), 'hba.conf': 'local all all trust\n' },
    },
    {
      name: 'local trust, but no socket (unix_socket_dir empty) and no TCP (listen_addr unset)',
      code: { 'pgbouncer.ini': ini('unix_socket_dir =\nadmin_users = ops\n'), 'hba.conf': 'local all all trust\nhost all all all trust\n' },
    },
    {
      name: 'a hostssl trust record when client TLS is disabled (the default) is never matched',
      code: { 'pgbouncer.ini': ini('listen_addr = *\nadmin_users = ops\n'), 'hba.conf': 'hostssl all all all trust\n' },
    },
    {
      name: 'a hostnossl trust record when client TLS is required: TCP clients without TLS are refused first',
      code: { 'pgbouncer.ini': ini('listen_addr = *\nclient_tls_sslmode = require\nadmin_users = ops\n'), 'hba.conf': 'hostnossl all all all trust\n' },
    },
    {
      name: 'trust records that do not match the pgbouncer database or the listed users',
      code: {
        'pgbouncer.ini': ini('listen_addr = *\nadmin_users = ops\nstats_users = mon\n'),
        'hba.conf': 'host appdb all all trust\nhost all app all trust\nhost replication all all trust\nhost sameuser all all trust\nhost "all" ops all trust\nlocal all all peer\n',
      },
    },
    {
      name: 'loopback trust while pgbouncer listens only on a network address (loopback clients cannot reach it) and the socket record is peer',
      code: { 'pgbouncer.ini': ini('listen_addr = 10.0.0.5\nadmin_users = ops\n'), 'hba.conf': 'local all all peer\nhost all all 127.0.0.1/32 trust\n' },
    },
    {
      name: 'an %include after admin_users may change it',
      code: { 'pgbouncer.ini': ini('listen_addr = *\nadmin_users = ops\n%include extra.ini\n'), 'hba.conf': 'host all all all trust\n' },
    },
    {
      name: 'no admin_users or stats_users written',
      code: { 'pgbouncer.ini': ini('listen_addr = *\n'), 'hba.conf': 'host all all all trust\nlocal all all trust\n' },
    },
  ],
  invalid: [
    {
      name: 'admin_users trusted from private space by a record for the pgbouncer database',
      code: { 'pgbouncer.ini': ini('listen_addr = *\nadmin_users = ops\n'), 'hba.conf': 'local all all peer\nhost pgbouncer ops 10.0.0.0/8 trust\nhost all all 0.0.0.0/0 scram-sha-256\n' },
      errors: [
        {
          line: 5,
          column: 15,
          endColumn: 18,
          severity: 'error',
          message:
            "admin_users ops: pgbouncer's auth_hba_file (line 2: trust) lets this user into the admin console without a password from 10.0.0.0/8 (pgbouncer listens on any network address (listen_addr = *)) (if auth_file or auth_query knows the user); whoever gets in can PAUSE, KILL, RELOAD, SET or SHUTDOWN the pooler",
          help: 'Give the pgbouncer database a record with scram-sha-256 (or peer for local, cert over TLS) for these users before any trust record, or narrow the trust record so that it does not match them.',
          related: [{ file: 'hba.conf', line: 2, column: 31 }],
        },
      ],
    },
    {
      name: 'stats_users through the default socket (/tmp, 0777): every local user; an info',
      code: { 'pgbouncer.ini': ini('stats_users = monitor\n'), 'hba.conf': 'local all all trust\n' },
      errors: [
        {
          line: 4,
          column: 15,
          severity: 'info',
          message:
            "stats_users monitor: pgbouncer's auth_hba_file (line 1: trust) lets this user into the admin console without a password from every user of this machine (its Unix-domain socket, unix_socket_mode 0777) (if auth_file or auth_query knows the user); whoever gets in can run SHOW CLIENTS and SHOW SERVERS, which list every client's address, user and database",
        },
      ],
    },
    {
      name: 'admin_users over loopback only: a warning',
      code: { 'pgbouncer.ini': ini('listen_addr = 127.0.0.1\nunix_socket_dir =\nadmin_users = admin\n'), 'hba.conf': 'host all all 127.0.0.1/32 trust\n' },
      errors: [{ line: 6, column: 15, severity: 'warning', message: /lets this user into the admin console without a password from this machine over loopback \(127\.0\.0\.1\/32\) \(if auth_file/ }],
    },
    {
      name: 'an abstract socket has no permissions, whatever unix_socket_mode says',
      code: { 'pgbouncer.ini': ini('unix_socket_dir = @pgbouncer\nunix_socket_mode = 0700\nadmin_users = ops\n'), 'hba.conf': 'local pgbouncer ops trust\n' },
      errors: [{ line: 6, column: 15, severity: 'warning', message: /from every user of this machine \(the abstract socket @pgbouncer has no permissions\)/ }],
    },
    {
      name: 'a socket writable by its group (0770)',
      code: { 'pgbouncer.ini': ini('unix_socket_mode = 0770\nadmin_users = ops\n'), 'hba.conf': 'local all ops trust\n' },
      errors: [{ line: 5, column: 15, severity: 'warning', message: /from the users of the socket's group on this machine \(unix_socket_mode 0770\)/ }],
    },
    {
      name: 'an earlier record covers half of IPv4: the trust record still takes the other half',
      code: { 'pgbouncer.ini': ini('listen_addr = 0.0.0.0\nadmin_users = ops\n'), 'hba.conf': 'host all all 0.0.0.0/1 md5\nhost all all 0.0.0.0/0 trust\n' },
      errors: [{ line: 5, column: 15, severity: 'error', message: /\(line 2: trust\) lets this user into the admin console without a password from 0\.0\.0\.0\/0 \(pgbouncer listens/ }],
    },
    {
      name: 'names separated by commas and spaces; a name in both lists is reported as an admin only',
      code: { 'pgbouncer.ini': ini('listen_addr = *\nadmin_users = ops, dba\nstats_users = dba mon\n'), 'hba.conf': 'host pgbouncer all all trust\n' },
      errors: [
        { line: 5, column: 15, severity: 'error', message: /^admin_users ops, dba: pgbouncer's auth_hba_file \(line 1: trust\) lets these users into the admin console without a password from every address/ },
        { line: 6, column: 15, severity: 'warning', message: /^stats_users mon: .* from every address .*SHOW CLIENTS/ },
      ],
    },
    {
      name: 'sameuser matches only a user named like the database, pgbouncer',
      code: { 'pgbouncer.ini': ini('listen_addr = *\nadmin_users = ops,pgbouncer\n'), 'hba.conf': 'host sameuser all all trust\n' },
      errors: [{ line: 5, column: 15, severity: 'error', message: /^admin_users pgbouncer: / }],
    },
    {
      name: 'a hostssl trust record when client TLS is required',
      code: {
        'pgbouncer.ini': ini('listen_addr = *\nclient_tls_sslmode = require\nclient_tls_key_file = k\nclient_tls_cert_file = c\nadmin_users = ops\n'),
        'hba.conf': 'hostnossl all all all scram-sha-256\nhostssl all all 192.168.0.0 255.255.0.0 trust\n',
      },
      errors: [{ line: 8, column: 15, severity: 'error', message: /\(line 2: trust\) .* from 192\.168\.0\.0 255\.255\.0\.0 \(pgbouncer listens/, related: [{ file: 'hba.conf', line: 2, column: 41 }] }],
    },
  ],
});
