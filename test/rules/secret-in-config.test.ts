import { afterAll } from '@jest/globals';
import rule from '../../rules/secret-in-config.js';
import { at } from '../support/conf-cases.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: "primary_conninfo = 'host=primary port=5432 user=replicator'\n" },
    { code: "primary_conninfo = 'host=primary user=replicator passfile=/var/lib/postgresql/.pgpass'\n" },
    { code: "primary_conninfo = 'host=primary user=replicator password='\n", name: 'empty password' },
    { code: "primary_conninfo = 'host=primary password='''''\n", name: "empty quoted password ('')" },
    { code: "primary_conninfo = 'host=primary user=rep password=${REPL_PASSWORD}'\n" },
    { code: "primary_conninfo = 'host=primary user=rep password=$REPL_PASSWORD'\n" },
    { code: "primary_conninfo = 'host=primary user=rep password={{ repl_password }}'\n" },
    { code: "primary_conninfo = 'host=primary user=rep password=<password>'\n" },
    { code: "primary_conninfo = 'postgresql://replicator@primary:5432/postgres'\n" },
    { code: "primary_conninfo = 'postgresql://replicator:@primary/postgres'\n" },
    { code: "primary_conninfo = 'postgresql://[::1]:5432/postgres'\n" },
    // -p is a port for PostgreSQL tools, and --password (without a value) only forces a prompt.
    { code: "archive_command = 'pg_receivewal -h backup -p 5432 -U repl --password %f'\n" },
    { code: "restore_command = 'pg_basebackup -h primary -p 5432 -D /tmp/x -W'\n" },
    { code: "archive_command = 'rsync -a %p backup@archive:/wal/%f'\n" },
    { code: "archive_command = 'PGPASSFILE=/etc/pgpass psql -c \"select 1\"'\n" },
    { code: "archive_command = 'PGPASSWORD=\"$(cat /run/secrets/pg)\" pg_receivewal -D /x'\n" },
    { code: "archive_command = 'PGPASSWORD=$PW psql -h x'\n" },
    { code: "restore_command = 'aws s3 cp s3://bucket/wal/%f %p'\n" },
    { code: "archive_command = 'openssl enc -aes-256-cbc -pass file:/etc/key -in %p -out /a/%f'\n" },
    { code: "archive_command = 'sshpass -f /etc/pw scp %p backup:/wal/%f'\n" },
    { code: "archive_command = 'curl -u repl -T %p https://archive/%f'\n", name: 'curl prompts for the password' },
    { code: "ssl_passphrase_command = '/usr/local/bin/get-passphrase %p'\n" },
    { code: "ssl_passphrase_command = 'echo $SSL_PASS'\n" },
    { code: "password_encryption = 'scram-sha-256'\n" },
    { code: "myext.password = ''\n" },
    { code: "application_name = 'password'\n" },
    { code: "archive_command = ''\nrestore_command = ''\nprimary_conninfo = ''\n" },
    { code: { 'recovery.conf': "standby_mode = 'on'\nprimary_conninfo = 'host=primary user=rep'\n" }, pgVersion: 11 },
  ],
  invalid: [
    // The rule passes over a file whose text holds no 'password', '://', backslash or NUL, unless a
    // parameter's name calls for a look at its value: these are the cases at that edge.
    {
      name: "an escape spells 'password' (\\160 is p)",
      code: "work_mem = 4MB\nprimary_conninfo = 'host=primary \\160assword=s3cret'\n",
      errors: [at(2, 'primary_conninfo = ', "'host=primary \\160assword=s3cret'", { message: /\(password=\*\*\*\*\)/ })],
    },
    {
      name: 'a secret in an included file, the including file free of any',
      code: { 'postgresql.conf': "work_mem = 4MB\ninclude 'extra.conf'\nmax_connections = 10\n", 'extra.conf': "shared_buffers = 1GB\nprimary_conninfo = 'host=primary password=s3cret'\n" },
      errors: [{ file: 'extra.conf', line: 2, column: 20, message: /\(password=\*\*\*\*\)/ }],
    },
    {
      name: 'a secret judged by the name alone, in a file free of conninfo',
      code: "work_mem = 4MB\narchive_command = 'PGPASSWORD=s3cret pg_receivewal %f'\nmyext.api_secret = 'abc'\n",
      errors: [at(2, 'archive_command = ', "'PGPASSWORD=s3cret pg_receivewal %f'", { message: /PGPASSWORD=\*\*\*\*/ }), at(3, 'myext.api_secret = ', "'abc'")],
    },
    {
      name: 'a name that names a secret, in capitals, alone in its file',
      code: "work_mem = 4MB\nMyExt.Secret = 'abc'\n",
      errors: [at(2, 'MyExt.Secret = ', "'abc'")],
    },
    {
      name: 'a command that is no parameter of the target (restore_command before 12), alone in its file',
      code: "work_mem = 4MB\nRestore_Command = 'sshpass -p s3cret scp b:/w/%f %p'\n",
      pgVersion: 11,
      errors: [at(2, 'Restore_Command = ', "'sshpass -p s3cret scp b:/w/%f %p'")],
    },
    {
      name: 'a command, in capitals, alone in its file',
      code: "work_mem = 4MB\nARCHIVE_COMMAND = 'sshpass -p s3cret scp %p b:/w/%f'\n",
      errors: [at(2, 'ARCHIVE_COMMAND = ', "'sshpass -p s3cret scp %p b:/w/%f'")],
    },
    {
      code: "primary_conninfo = 'host=primary user=replicator password=s3cret'\n",
      errors: [
        at(1, 'primary_conninfo = ', "'host=primary user=replicator password=s3cret'", {
          severity: 'error',
          message: 'primary_conninfo contains a literal secret (password=****): anyone who can read the repository or its history can use it', help: 'Remove the secret from the file and rotate it; let libpq read it from a password file (passfile=, ~/.pgpass) or the service environment instead.',
        }),
      ],
    },
    { code: "# standby\nprimary_conninfo = 'host=primary password = s3cret'\n", errors: [at(2, 'primary_conninfo = ', "'host=primary password = s3cret'")] },
    {
      name: 'quoted conninfo value',
      code: "primary_conninfo = 'host=primary password=''my secret'''\n",
      errors: [at(1, 'primary_conninfo = ', "'host=primary password=''my secret'''", { message: /\(password=\*\*\*\*\)/ })],
    },
    {
      name: 'URI',
      code: "primary_conninfo = 'postgresql://replicator:s3cret@primary:5432/postgres'\n",
      errors: [at(1, 'primary_conninfo = ', "'postgresql://replicator:s3cret@primary:5432/postgres'", { message: /\(postgresql:\/\/replicator:\*\*\*\*@\)/ })],
    },
    {
      name: 'URI query parameter',
      code: "primary_conninfo = 'postgres://primary/postgres?user=rep&password=s3cret'\n",
      errors: [at(1, 'primary_conninfo = ', "'postgres://primary/postgres?user=rep&password=s3cret'")],
    },
    { code: "primary_conninfo = 'host=primary sslpassword=keypass'\n", errors: [at(1, 'primary_conninfo = ', "'host=primary sslpassword=keypass'", { message: /\(sslpassword=\*\*\*\*\)/ })] },
    {
      code: "restore_command = 'PGPASSWORD=s3cret pg_receivewal -h backup -p 5432 %f'\n",
      errors: [at(1, 'restore_command = ', "'PGPASSWORD=s3cret pg_receivewal -h backup -p 5432 %f'", { message: /\(PGPASSWORD=\*\*\*\*\)/ })],
    },
    { code: "archive_command = 'export PGPASSWORD=\"s3cret\"; psql -h x -c \"select 1\"'\n", errors: [at(1, 'archive_command = ', "'export PGPASSWORD=\"s3cret\"; psql -h x -c \"select 1\"'")] },
    { code: "archive_command = 'mytool --password=s3cret push %p'\n", errors: [at(1, 'archive_command = ', "'mytool --password=s3cret push %p'", { message: /\(--password=\*\*\*\*\)/ })] },
    { code: "archive_command = 'pgbackrest --repo1-cipher-pass=abc archive-push %p'\n", errors: [at(1, 'archive_command = ', "'pgbackrest --repo1-cipher-pass=abc archive-push %p'")] },
    { code: "archive_command = 'sshpass -p s3cret scp %p backup:/wal/%f'\n", errors: [at(1, 'archive_command = ', "'sshpass -p s3cret scp %p backup:/wal/%f'", { message: /\(sshpass -p \*\*\*\*\)/ })] },
    { code: "archive_command = 'openssl enc -aes-256-cbc -pass pass:s3cret -in %p -out /a/%f'\n", errors: [at(1, 'archive_command = ', "'openssl enc -aes-256-cbc -pass pass:s3cret -in %p -out /a/%f'")] },
    { code: "archive_command = 'curl -u repl:s3cret -T %p https://archive/%f'\n", errors: [at(1, 'archive_command = ', "'curl -u repl:s3cret -T %p https://archive/%f'", { message: /\(curl -u repl:\*\*\*\*\)/ })] },
    { code: "archive_command = 'curl -T %p ftp://repl:s3cret@archive/%f'\n", errors: [at(1, 'archive_command = ', "'curl -T %p ftp://repl:s3cret@archive/%f'")] },
    { code: "archive_command = 'AWS_SECRET_ACCESS_KEY=abc123 aws s3 cp %p s3://b/%f'\n", errors: [at(1, 'archive_command = ', "'AWS_SECRET_ACCESS_KEY=abc123 aws s3 cp %p s3://b/%f'")] },
    { code: "recovery_end_command = 'psql \"host=x password=s3cret\" -c \"select 1\"'\n", errors: [at(1, 'recovery_end_command = ', "'psql \"host=x password=s3cret\" -c \"select 1\"'")] },
    { code: "archive_command = 'SSHPASS=s3cret sshpass -e scp %p b:/w/%f'\n", errors: [at(1, 'archive_command = ', "'SSHPASS=s3cret sshpass -e scp %p b:/w/%f'", { message: /\(SSHPASS=\*\*\*\*\)/ })] },
    { code: "archive_cleanup_command = 'PGPASSWORD=s3cret cleanup %r'\n", errors: [at(1, 'archive_cleanup_command = ', "'PGPASSWORD=s3cret cleanup %r'")] },
    { code: "ssl_passphrase_command = 'echo s3cret'\n", errors: [at(1, 'ssl_passphrase_command = ', "'echo s3cret'", { message: /\(echo \*\*\*\*\)/ })] },
    { code: "myext.password = 's3cret'\n", errors: [at(1, 'myext.password = ', "'s3cret'", { message: /^myext\.password contains a literal secret \(\*\*\*\*\)/ })] },
    { code: "dblink.default_conninfo = 'host=x password=s3cret'\n", errors: [at(1, 'dblink.default_conninfo = ', "'host=x password=s3cret'")] },
    {
      name: 'the message never echoes the secret',
      code: "primary_conninfo = 'host=p password=hunter2'\narchive_command = 'PGPASSWORD=hunter2 x'\n",
      errors: [
        at(1, 'primary_conninfo = ', "'host=p password=hunter2'", { message: /^(?!.*hunter2)/ }),
        at(2, 'archive_command = ', "'PGPASSWORD=hunter2 x'", { message: /^(?!.*hunter2)/ }),
      ],
    },
    {
      name: 'two secrets in one value',
      code: "archive_command = 'PGPASSWORD=a psql \"host=x password=b\"'\n",
      errors: [at(1, 'archive_command = ', "'PGPASSWORD=a psql \"host=x password=b\"'", { message: /^archive_command contains 2 literal secrets \(PGPASSWORD=\*\*\*\*, password=\*\*\*\*\)/ })],
    },
    {
      name: 'an overridden line still commits the secret',
      code: "primary_conninfo = 'host=p password=old'\nprimary_conninfo = 'host=p passfile=/x'\n",
      errors: [at(1, 'primary_conninfo = ', "'host=p password=old'")],
    },
    {
      name: "recovery.conf's primary_conninfo (11)",
      code: { 'postgresql.conf': '', 'recovery.conf': "standby_mode = 'on'\nprimary_conninfo = 'host=primary user=rep password=s3cret'\n" },
      pgVersion: 11,
      errors: [at(2, 'primary_conninfo = ', "'host=primary user=rep password=s3cret'", { file: 'recovery.conf' })],
    },
    {
      name: 'include and postgresql.auto.conf',
      code: {
        'postgresql.conf': "include 'standby.conf'\n",
        'standby.conf': "\nprimary_conninfo = 'host=p password=x1'\n",
        'postgresql.auto.conf': "primary_conninfo = 'user=rep password=x2 host=p'\n",
      },
      errors: [
        at(1, 'primary_conninfo = ', "'user=rep password=x2 host=p'", { file: 'postgresql.auto.conf' }),
        at(2, 'primary_conninfo = ', "'host=p password=x1'", { file: 'standby.conf' }),
      ],
    },
  ],
});
