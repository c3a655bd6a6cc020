import rule from '../../rules/pgbouncer-pool-exceeds-max-connections.js';
import { ruleTester } from '../support/rule-tester.js';

const ini = (dbs: string, pgbouncer: string): string => `[databases]\n${dbs}\n[pgbouncer]\n${pgbouncer}\n`;

ruleTester(rule, {
  valid: [
    { name: 'no server in the cluster', code: { 'pgbouncer.ini': ini('a = dbname=a', 'default_pool_size = 500') } },
    { name: 'fits', code: { 'postgresql.conf': 'max_connections = 100\n', 'pgbouncer.ini': ini('a = dbname=a\nb = dbname=b', 'default_pool_size = 50') } },
    { name: 'a remote server', code: { 'postgresql.conf': 'max_connections = 10\n', 'pgbouncer.ini': ini('a = host=10.0.0.5 dbname=a', 'default_pool_size = 50') } },
    { name: 'another port', code: { 'postgresql.conf': 'max_connections = 10\nport = 5433\n', 'pgbouncer.ini': ini('a = dbname=a', 'default_pool_size = 50') } },
    { name: 'capped by max_client_conn', code: { 'postgresql.conf': 'max_connections = 100\n', 'pgbouncer.ini': ini('a = dbname=a\nb = dbname=b', 'default_pool_size = 80\nmax_client_conn = 100') } },
    { name: 'capped by max_db_connections', code: { 'postgresql.conf': 'max_connections = 100\n', 'pgbouncer.ini': ini('a = dbname=a max_db_connections=40\nb = dbname=b', 'default_pool_size = 80\nmax_db_connections = 50') } },
    { name: 'one forced user capped by max_user_connections', code: { 'postgresql.conf': 'max_connections = 100\n', 'pgbouncer.ini': ini('a = dbname=a user=u\nb = dbname=b user=u', 'default_pool_size = 80\nmax_user_connections = 90') } },
    { name: 'a template', code: { 'postgresql.conf': 'max_connections = 10\n', 'pgbouncer.ini': ini('a = dbname=a', 'default_pool_size = ${POOL}') } },
    { name: 'a [users] section may set lower limits', code: { 'postgresql.conf': 'max_connections = 10\n', 'pgbouncer.ini': ini('a = dbname=a', 'default_pool_size = 50\n[users]\napp = max_user_connections=5') } },
    { name: 'an %include', code: { 'postgresql.conf': 'max_connections = 10\n', 'pgbouncer.ini': ini('a = dbname=a', 'default_pool_size = 50\n%include /etc/pgbouncer/more.ini') } },
  ],
  invalid: [
    {
      code: { 'postgresql.conf': 'max_connections = 50\n', 'pgbouncer.ini': ini('app = host=127.0.0.1 dbname=app user=app\nreports = host=/var/run/postgresql user=r', 'default_pool_size = 30\nreserve_pool_size = 5') },
      errors: [
        {
          file: 'pgbouncer.ini',
          line: 5,
          column: 21,
          message: 'pgbouncer can open at least 70 connections to the server beside it (the pools of app, reports), more than its max_connections (50): under load its logins fail with "sorry, too many clients already"',
          help: "Lower default_pool_size / pool_size, or cap them with max_db_connections, so that every pool fits in max_connections with room for the server's own reserved and direct connections; or raise max_connections.",
          related: [{ file: 'postgresql.conf', line: 1, column: 19, message: 'max_connections = 50' }],
        },
      ],
    },
    {
      name: "the defaults: 20 per pool against the server's default 100, located at the first entry",
      code: { 'postgresql.conf': 'shared_buffers = 1GB\n', 'pgbouncer.ini': ini('a = dbname=a\nb = dbname=b\nc = dbname=c\nd = dbname=d\ne = dbname=e\nf = pool_size=1 dbname=f', 'max_client_conn = 1000') },
      errors: [{ file: 'pgbouncer.ini', line: 2, column: 1, message: /^pgbouncer can open at least 101 connections .* \(the pools of a, b, c and 3 more\), more than its max_connections \(100\)/ }],
    },
  ],
});
