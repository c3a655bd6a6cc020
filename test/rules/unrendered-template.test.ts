import { afterAll } from '@jest/globals';
import rule from '../../rules/unrendered-template.js';
import { cleanupFixtures } from '../support/fixture.js';
import { ruleTester } from '../support/rule-tester.js';

afterAll(cleanupFixtures);

const HELP = 'Render the template before the file is deployed (envsubst, Ansible, Helm, …) and lint the rendered file, or write the value itself.';

ruleTester(rule, {
  valid: [
    { code: '' },
    { code: "TimeZone = 'Europe/Berlin'\nsearch_path = '\"$user\", public'\ndynamic_library_path = '$libdir'\n" },
    { code: "log_line_prefix = '%m [%p] %q%u@%d '\nlog_filename = 'postgresql-%Y-%m-%d_%H%M%S.log'\n" },
    { code: "# TimeZone = '${TZ}'\n", name: 'a comment' },
    { code: "TimeZone = 'UTC'  # was '${TZ}'\n", name: 'a trailing comment' },
    { code: "archive_command = 'cp %p ${ARCHIVE_DIR}/%f'\nrestore_command = 'cp ${ARCHIVE_DIR}/%f %p'\n", name: 'the shell expands ${VAR} in commands' },
    { code: "cluster_name = '${NAME}'\ncluster_name = 'main'\n", name: 'overridden by a rendered value: no effect' },
    { code: "application_name = '{{1,2}}'\n", name: 'an array literal is not a template' },
    { code: 'shared_buffers = ${SHARED_BUFFERS}\n', name: 'unquoted: a syntax error (syntax-error reports it)' },
    { code: '{{ param }} = 1\n${PARAM} = 2\n', name: 'a name cannot hold a placeholder: syntax errors' },
    { code: { 'pg_hba.conf': 'host  replication  PG_MASTER_USER  10.0.0.0/8  scram-sha-256\n' }, name: 'an unbraced name is a name' },
    { code: { 'pg_hba.conf': '# host all all ${DOCKER_SUBNET} scram-sha-256\nlocal all all peer # {{ x }}\n' }, name: 'hba comments' },
    { code: { 'pg_ident.conf': '# map ${USER} postgres\nmymap  root  postgres\n' } },
    { code: { 'recovery.conf': "restore_command = 'cp /a/%f %p'\nprimary_conninfo = '${CONNINFO}'\n" }, pgVersion: 12, name: 'recovery.conf is not read from 12 on' },
  ],
  invalid: [
    // The rule passes over a file whose text holds no placeholder's opener: a placeholder in an
    // included file is found all the same, and a file with only \$user or %m is passed over.
    {
      name: 'a placeholder in an included file, the including file free of any',
      code: { 'postgresql.conf': "search_path = '\"$user\", public'\ninclude 'extra.conf'\nlog_line_prefix = '%m [%p] '\n", 'extra.conf': "work_mem = 4MB\ncluster_name = '{{ name }}'\n" },
      errors: [{ file: 'extra.conf', line: 2, column: 17, endColumn: 27 }],
    },
    {
      name: 'without invalid-value, unrendered-template reports alone, with its help',
      code: "TimeZone = '${TZ}'\n",
      errors: [{ line: 1, column: 13, help: HELP }],
    },
    {
      code: "# time\nTimeZone = '${TZ}'\n",
      errors: [
        {
          line: 2,
          column: 13,
          endColumn: 18,
          severity: 'error',
          message: "TimeZone = '${TZ}' still holds the template placeholder ${TZ}, which was never rendered: PostgreSQL reads it literally, rejects the value and refuses to start", help: 'Render the template before the file is deployed (envsubst, Ansible, Helm, …) and lint the rendered file, or write the value itself.',
        },
      ],
    },
    {
      code: "cluster_name = 'pg-{{ env }}-main'\n",
      errors: [
        {
          line: 1,
          column: 20,
          endColumn: 29,
          message:
            'cluster_name = \'pg-{{ env }}-main\' still holds the template placeholder {{ env }}, which was never rendered: PostgreSQL takes the text literally, so cluster_name is "pg-{{ env }}-main", not the rendered value',
        },
      ],
    },
    {
      name: 'a custom setting, ERB and python syntaxes; two findings',
      code: "pg_stat_statements.max = '<%= @max %>'\nwork_mem = 4MB\nshared_preload_libraries = '%(libs)s'\n",
      errors: [
        { line: 1, column: 27, endColumn: 38 },
        { line: 3, column: 29, endColumn: 37, message: /^shared_preload_libraries = '%\(libs\)s' still holds the template placeholder %\(libs\)s, / },
      ],
    },
    {
      name: 'jinja in a shell command is still a placeholder',
      code: "archive_command = 'cp %p {{ archive_dir }}/%f'\n",
      errors: [{ line: 1, column: 26, endColumn: 43 }],
    },
    {
      name: 'an overridden invalid value still stops the server',
      code: "TimeZone = '@@TZ@@'\ntimezone = 'UTC'\n",
      errors: [{ line: 1, column: 13, endColumn: 19, message: /rejects the value and refuses to start$/ }],
    },
    {
      name: 'postgresql.auto.conf',
      code: { 'postgresql.conf': '', 'postgresql.auto.conf': "listen_addresses = '${LISTEN}'\n" },
      errors: [{ file: 'postgresql.auto.conf', line: 1, column: 21, endColumn: 30 }],
    },
    {
      name: 'pg_hba: an address is looked up as a host name',
      code: { 'pg_hba.conf': '# docker\nhost    all             all             ${DOCKER_SUBNET}        scram-sha-256\n' },
      errors: [
        {
          file: 'pg_hba.conf',
          line: 2,
          column: 41,
          endColumn: 57,
          message: 'the address ${DOCKER_SUBNET} is a template placeholder that was never rendered: PostgreSQL looks "${DOCKER_SUBNET}" up as a host name, which no client has, so this record never matches',
        },
      ],
    },
    {
      name: 'pg_hba: one finding per record, naming the others',
      code: { 'pg_hba.conf': 'host    ${POSTGRES_DB}  ${REPMGR_USER}  ${DOCKER_SUBNET}        scram-sha-256\nhost all {{ user }} 10.0.0.0/8 md5\n' },
      errors: [
        {
          file: 'pg_hba.conf',
          line: 1,
          column: 9,
          endColumn: 23,
          message:
            'the database ${POSTGRES_DB} is a template placeholder that was never rendered: PostgreSQL takes it as a database literally named "${POSTGRES_DB}", so this record matches no real database; the record also holds ${REPMGR_USER}, ${DOCKER_SUBNET}',
        },
        // Blanks split `{{ user }}` into three tokens: `}}` becomes the method, which PostgreSQL rejects.
        { file: 'pg_hba.conf', line: 2, column: 10, endColumn: 20, message: /^the field \{\{ user \}\} is a template placeholder that was never rendered: PostgreSQL rejects this record/ },
      ],
    },
    {
      name: 'pg_hba: @@VAR@@ is read as a missing @file: the record is rejected',
      code: { 'pg_hba.conf': 'host\treplication\truser\t\t@@REPLICA@@\t\tmd5\n' },
      errors: [
        {
          file: 'pg_hba.conf',
          line: 1,
          column: 25,
          endColumn: 36,
          message: 'the field @@REPLICA@@ is a template placeholder that was never rendered: PostgreSQL rejects this record, so the server refuses to start and a reload keeps the old rules',
        },
      ],
    },
    {
      name: 'pg_hba: a CIDR with a placeholder is rejected; the placeholder there wins over an earlier one',
      code: { 'pg_hba.conf': 'host all ${U} ${NET}/24 md5\n' },
      errors: [{ file: 'pg_hba.conf', line: 1, column: 15, endColumn: 21, message: /^the field \$\{NET\} .*PostgreSQL rejects this record.*; the record also holds \$\{U\}$/ }],
    },
    {
      name: 'pg_hba: a Jinja statement line',
      code: { 'pg_hba.conf': '{% for net in nets %}\nhost all all 10.0.0.0/8 scram-sha-256\n' },
      errors: [{ file: 'pg_hba.conf', line: 1, column: 1, endColumn: 22 }],
    },
    {
      name: 'pg_hba: a placeholder read through an @file, located in that file',
      code: { 'pg_hba.conf': 'host all @users 10.0.0.0/8 scram-sha-256\n', users: 'alice\n${EXTRA_USER}\n' },
      errors: [{ file: 'users', line: 2, column: 1, endColumn: 14, message: /^the user \$\{EXTRA_USER\} / }],
    },
    {
      name: 'pg_ident.conf',
      code: { 'pg_ident.conf': 'mymap  ${OS_USER}  postgres\n' },
      errors: [
        {
          file: 'pg_ident.conf',
          line: 1,
          column: 8,
          endColumn: 18,
          message: '${OS_USER} in pg_ident.conf is a template placeholder that was never rendered: PostgreSQL takes it literally, so this mapping never applies as intended',
        },
      ],
    },
    {
      name: 'postgresql.conf: include_if_exists of a placeholder is skipped silently',
      code: "include_if_exists = 'conf.d/${PG_TUNING}.conf'\n",
      errors: [
        {
          line: 1,
          column: 29,
          endColumn: 41,
          message:
            "include_if_exists 'conf.d/${PG_TUNING}.conf' still holds the template placeholder ${PG_TUNING}, which was never rendered: PostgreSQL looks for a file of that literal name, finds none and skips the include without an error, so nothing meant for that file applies",
        },
      ],
    },
    {
      name: 'pg_hba: include_if_exists (16+) of a placeholder is skipped silently',
      code: { 'pg_hba.conf': 'local all all peer\ninclude_if_exists {{extra_hba}}  # extra {{ rules }}\n' },
      pgVersion: 16,
      errors: [{ file: 'pg_hba.conf', line: 2, column: 19, endColumn: 32, message: /^include_if_exists still holds the template placeholder \{\{extra_hba\}\}, / }],
    },
    {
      name: 'pg_hba: blanks in a placeholder shift the fields: the rejection elsewhere stems from it',
      code: { 'pg_hba.conf': 'include_if_exists {{ extra_hba }}\n' },
      pgVersion: 16,
      errors: [{ file: 'pg_hba.conf', line: 1, column: 19, endColumn: 34, message: /^the field \{\{ extra_hba \}\} .*: PostgreSQL rejects this record/ }],
    },
    {
      name: 'pg_hba: a missing include (16+) of a placeholder is rejected',
      code: { 'pg_hba.conf': 'local all all peer\ninclude ${EXTRA}.conf\n' },
      pgVersion: 16,
      errors: [{ file: 'pg_hba.conf', line: 2, column: 9, endColumn: 17, message: /PostgreSQL rejects this record/ }],
    },
    {
      name: 'pg_ident: blanks split the placeholder (PostgreSQL ignores extra fields: {{ maps to os_user)',
      code: { 'pg_ident.conf': 'mymap  {{ os_user }}  postgres\n' },
      errors: [{ file: 'pg_ident.conf', line: 1, column: 8, endColumn: 21 }],
    },
    {
      name: 'recovery.conf up to 11',
      code: { 'recovery.conf': "standby_mode = on\nprimary_conninfo = 'host={{ primary }} user=rep'\n" },
      pgVersion: 11,
      errors: [{ file: 'recovery.conf', line: 2, column: 26, endColumn: 39 }],
    },
  ],
});
