import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from './support/lint.js';
import { suggestionFor } from '../src/action/review.js';
import { fingerprints } from '../src/report/fingerprint.js';
import { ACTION, patchFor, REPO_ROOT, runAction } from './support/action-run.js';
import { cleanupFixtures, lintTree, makeTree } from './support/fixture.js';
import { example, startMockGitHub, type Handler, type MockGitHub } from './support/github-mock.js';

/**
 * Issue 12, "Secrets leave the runner": a pull request includes a file that is not configuration
 * and holds credentials (what actions/checkout leaves in .git/config: `extraheader = AUTHORIZATION:
 * basic …`; a conninfo password; a GitHub token; a private key). The file lies inside the root, so
 * it IS read (the .git/ refusal is another layer); every output must still be free of the secrets:
 * the CLI in every format, and the Action's annotations, job summary, SARIF file and every body it
 * sends to the API (review comments with suggestions, the summary comment).
 * The CLI and Action runs use the bundles: `npm run build` first.
 */

afterAll(cleanupFixtures);
beforeAll(() => {
  for (const f of [join(REPO_ROOT, 'dist', 'cli.cjs'), ACTION]) if (!existsSync(f)) throw new Error(`${f} is missing: run npm run build`);
});

const BASIC = 'eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA==';
const GHS = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
/** A real (throwaway) 1024-bit RSA key: its body lines are what must not leak. */
const PEM = `-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDfwmV9kLa0EOD1W07nlDnrgSgpbAGj5tmJbFpjMVp7x01cLxyC
AQLt/dgyOJK6L9SUqjwHjMYmn4587fpoDTpk3FWNUmOrr191A1dYSoXJgjeNPl50
16GxPrnkM0E4lM9aCMx8RFk8uGjxkKWvhtE7IJEh9g9PHd9TDeNNE1TWaVbrFBh9
PmAPfC0ilKEcYN0ZRmbqxQIDAQABAoGAHQXhDiKpHEbqAT8eoRQfUaKzv48zo6vp
ue4YnZH2QVsoHbzz4zCEY8EOLaHJ1qVJ6TB/3aqZsBuCIrJqPW06f9nWxuZhQ3uM
xBpwmzXrCjwbvk00UBk0cMr91WIIHtzJQXjdUxIWrhYHzvUD/uP9oLJzAdDT5Pm1
4LWHXA8nQtsCQQD1W7DTuc7DQaHGDJ8TIBnLw8SOdnFWPeDvZkaCmPsFRtkGgPmu
G59PhVAMyPDs2TwldypZ6kvJ9m+gDHzUM6NVAkEA6SKqPOqCvXTbBmtwA07d9n40
pcSnXPb/YnbaI0M2XFVR6SEI8VX6vsL/R2ciSrFLhbFM5gvS0LuKjK/cDJ7rcQJB
AJnL5pEGEo9R8TN8LAdmbqc2VUtrLKfbnsxlfs5T8gbrzswUsb3+5r5uK3CImeaS
fdkS5p8qKkdGvQDvzyxHL2ECQB0ZSiVybXZiPDbQH1aCQOpJqgXAvgtsX/r1PvTf
K7qrIDb/gpJYe2VIhbeLtO2Tqz3gfRJngbWgQlXaoUDS2VECQQCNVixvq5PoRnD1
x7Uv8hv2NLH4vHQDWEUDGBNTE68KqR4x40m0J8BcScB8VQWcWt+4K0zmYsq8m6H9
Ye8BkkmG
-----END RSA PRIVATE KEY-----`;
const PEM_LINES = PEM.split('\n').filter((l) => !l.startsWith('-----'));

/** Every string that must appear in no output (the base64 credential also as its decoded token). */
const SECRETS = [BASIC, BASIC.slice(0, 16), 'hunter2', 'S3cr3tUrlPw', GHS.slice(4), 'x-access-token', ...PEM_LINES];

/** A git config as actions/checkout leaves it, plus other things a PR author may point an include at. */
const LEAK = [
  '[core]',
  '\trepositoryformatversion = 0',
  '[http "https://github.com/"]',
  `\textraheader = AUTHORIZATION: basic ${BASIC}`,
  "primary_conninfo = 'host=primary user=repl password=hunter2'",
  `token = ${GHS}`,
  // A syntax error the Action would offer a one-click fix for (quote the value): not with a token in it.
  `restore_command = /bin/fetch/${GHS}`,
  "archive_command = 'curl -T %p https://repl:S3cr3tUrlPw@backup/%f'",
  `url = https://x-access-token:${GHS}@github.com/acme/dbconf`,
  PEM,
  '',
].join('\n');

const FILES: Record<string, string> = {
  'db/postgresql.conf': ["include 'zleak.conf'", 'unix_socket_directories = /var/run/postgresql', ''].join('\n'),
  // Named to sort after postgresql.conf: the review's first 30 inline comments include the harmless fix.
  'db/zleak.conf': LEAK,
  // @file lists the file's tokens as user names; include (16+) reads it as records.
  'db/pg_hba.conf': ['local @zleak.conf all trust', 'host all @zleak.conf 0.0.0.0/0 trust', 'include zleak.conf', ''].join('\n'),
};

function expectClean(what: string, text: string): void {
  for (const s of SECRETS) {
    if (text.includes(s)) throw new Error(`${what} contains the secret ${JSON.stringify(s)}`);
  }
}

describe('a file full of credentials, included by postgresql.conf and listed by pg_hba.conf @file', () => {
  test.each(['text', 'json', 'sarif', 'github', 'markdown'])('node dist/cli.cjs --format %s prints none of the secrets', (format) => {
    const dir = makeTree(FILES);
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.cjs'), 'db', '--format', format], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expectClean(`--format ${format} stdout`, r.stdout);
    expectClean(`--format ${format} stderr`, r.stderr);
    // The file was read and reported on (findings in it), and the run finished normally.
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('zleak.conf');
    // (GitHub annotations are a selection: the other formats list every finding.)
    if (format !== 'github') expect(r.stdout).toContain('secret-in-config');
  });

  test.each(['text', 'json', 'markdown'])('node dist/cli.cjs diff --format %s prints none of the secrets', (format) => {
    // The settings diff lists primary_conninfo's new value, and the access diff the records' users
    // (the @file's tokens) and options (an LDAP bind password): masked like the findings.
    const dir = makeTree({
      ...Object.fromEntries(Object.entries(FILES).map(([p, t]) => [`head/${p}`, t])),
      'base/db/postgresql.conf': '',
      // A second cluster whose pg_hba loads in both trees: a record with an LDAP bind password, for
      // users listed in a file of credentials.
      'base/ldap/pg_hba.conf': 'local all all peer\n',
      'head/ldap/pg_hba.conf': 'local all all peer\nhost all @users.txt 10.0.0.0/8 ldap ldapserver=ldap.example ldapbinddn="cn=pg" ldapbindpasswd=hunter2 ldapbasedn="dc=example" ldapsearchattribute=uid\n',
      'head/ldap/users.txt': 'app password=hunter2\n',
    });
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.cjs'), 'diff', 'base', 'head', '--format', format, '--pg-version', '16'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // Both diffs were computed: the conninfo's change and the LDAP record are there, masked.
    expect(r.stdout).toMatch(/primary\\?_conninfo/); // markdown escapes the underscore
    expect(r.stdout).toContain('ldapbindpasswd=');
    expectClean(`diff --format ${format} stdout`, r.stdout);
  });

  test('the library result: every message, help and related message', () => {
    const { result } = lintTree(FILES);
    expect(result.diagnostics.length).toBeGreaterThan(10);
    for (const d of result.diagnostics) {
      expectClean(`${d.rule} at ${d.loc.file}`, [d.message, d.help ?? '', ...(d.related ?? []).map((x) => x.message)].join('\n'));
    }
  });

  test('the Action: annotations, job summary, SARIF file, review comments and summary comment', async () => {
    const changed = Object.entries(FILES).map(([filename, text]) => ({ filename, patch: patchFor(text, text.split('\n').map((_l, i) => i + 1)) }));
    const bodies: unknown[] = [];
    const handlers: Record<string, Handler> = {
      'users/get-authenticated': () => ({ status: 403, body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' } }),
      'pulls/list-files': () => {
        const { patch: _p, ...rest } = example<Record<string, unknown>[]>('diff-entry-items')[0]!;
        return { status: 200, body: changed.map((f) => ({ ...rest, filename: f.filename, status: 'added', patch: f.patch })) };
      },
      'pulls/list-review-comments': () => ({ status: 200, body: [] }),
      'pulls/create-review': (req) => {
        bodies.push(req.body);
        return { status: 200, body: { ...example<Record<string, unknown>>('pull-request-review'), state: 'COMMENTED' } };
      },
      'issues/list-comments': () => ({ status: 200, body: [] }),
      'issues/create-comment': (req) => {
        bodies.push(req.body);
        return {
          status: 201,
          body: { ...example<Record<string, unknown>>('issue-comment'), id: 900, body: (req.body as { body: string }).body },
          headers: { location: 'https://api.github.com/repos/acme/dbconf/issues/comments/900' },
        };
      },
    };
    const api: MockGitHub = await startMockGitHub(handlers);
    try {
      const r = await runAction({ files: FILES, inputs: { paths: 'db', review: 'true', 'sarif-file': 'pgconf-lint.sarif' }, apiUrl: api.url, killAfterMs: 60_000 });
      expect(r.killed).toBe(false);
      const sarifPath = join(r.workspace, 'pgconf-lint.sarif');
      expect(existsSync(sarifPath)).toBe(true);
      const sarif = readFileSync(sarifPath, 'utf8');
      // Everything was produced (findings in the included file reached every output) ...
      expect(sarif).toContain('leak.conf');
      expect(r.summary).toContain('leak.conf');
      expect(r.stdout).toContain('file=db/zleak.conf');
      const sent = api.requests.filter((q) => q.method !== 'GET').map((q) => JSON.stringify(q.body));
      expect(sent.some((b) => b.includes('leak.conf'))).toBe(true);
      // ... and a harmless one-click fix is still offered (the check below is not vacuous) ...
      expect(sent.some((b) => b.includes("unix_socket_directories = '/var/run/postgresql'"))).toBe(true);
      // ... but no output carries a secret.
      expectClean('Action stdout (annotations)', r.stdout);
      expectClean('Action stderr', r.stderr);
      expectClean('job summary', r.summary);
      expectClean('SARIF file', sarif);
      expectClean('outputs', JSON.stringify(r.outputs));
      for (const b of sent) expectClean('API request body', b);
      expect(bodies.length).toBeGreaterThan(0);
    } finally {
      await api.close();
    }
  }, 90_000);
});

describe('the pieces of the masking, one by one', () => {
  test('syntax-error help does not repeat the value of a line that is not a known parameter, and masks a known one', () => {
    const { result } = lintTree({ 'postgresql.conf': `extraheader = AUTHORIZATION: basic ${BASIC}\nrestore_command = fetch --password=hunter2 %f\n` });
    const se = result.diagnostics.filter((d) => d.rule === 'syntax-error');
    expect(se).toHaveLength(2);
    expect(se[0]!.help).toBe("Quote the whole value with single quotes (name = '…').");
    expect(se[1]!.help).toBe("Quote the whole value with single quotes, e.g. 'fetch --password=**** %f'.");
    // A short value of a known parameter is still given back as the example.
    const ok = lintTree({ 'postgresql.conf': 'unix_socket_directories = /var/run/postgresql\n' }).result.diagnostics;
    expect(ok.find((d) => d.rule === 'syntax-error')!.help).toBe("Quote the whole value with single quotes, e.g. '/var/run/postgresql'.");
  });

  test('a long value is not repeated, and the near token is cut', () => {
    const long = 'x'.repeat(5000);
    const { result } = lintTree({ 'postgresql.conf': `unix_socket_directories = /a/${long} b\nwork_mem = 'a' '${long}'\n` });
    const se = result.diagnostics.filter((d) => d.rule === 'syntax-error');
    expect(se).toHaveLength(2);
    expect(se[0]!.help).toBe("Quote the whole value with single quotes (name = '…').");
    expect(se[1]!.message).toMatch(/^syntax error near token "'x{78}…": /);
    for (const d of se) expect((d.message + (d.help ?? '')).length).toBeLessThan(400);
  });

  test('unknown-setting and invalid-value quote at most 80 characters of the name or value', () => {
    const name = 'n'.repeat(3000);
    const value = 'v'.repeat(3000);
    const { result } = lintTree({ 'postgresql.conf': `${name} = 1\nwal_level = '${value}'\n` });
    const unknown = result.diagnostics.find((d) => d.rule === 'unknown-setting')!;
    const invalid = result.diagnostics.find((d) => d.rule === 'invalid-value')!;
    expect(unknown.message).toBe(`unrecognized configuration parameter "${'n'.repeat(79)}…": PostgreSQL 18 refuses to start with it`);
    expect(invalid.message.startsWith(`invalid value for parameter "wal_level": "${'v'.repeat(79)}…"`)).toBe(true);
  });

  test('duplicate-setting quotes at most 80 characters of each value', () => {
    const v = 'v'.repeat(3000);
    const { result } = lintTree({ 'postgresql.conf': `search_path = '${v}'\nsearch_path = '${v}w'\n` });
    const dup = result.diagnostics.find((d) => d.rule === 'duplicate-setting')!;
    const cut = `'${'v'.repeat(78)}…`;
    expect(dup.message).toBe(`search_path is set again at line 2 (${cut}), so this value (${cut}) is ignored`);
  });

  test('listen-on-all-addresses quotes at most 80 characters of the value', () => {
    const { result } = lintTree({ 'postgresql.conf': `listen_addresses = '*, ${'h'.repeat(300)}'\n` });
    const d = result.diagnostics.find((x) => x.rule === 'listen-on-all-addresses')!;
    // 79 characters of the value ('*, and 75 h), then the ellipsis.
    expect(d.message.startsWith(`listen_addresses = '*, ${'h'.repeat(75)}… accepts TCP connections on `)).toBe(true);
  });

  test('pg_hba.conf: a record quotes at most 80 characters of a token, an @file list at most five names of 80', () => {
    const tok = 'T'.repeat(3000);
    const { result } = lintTree({
      'pg_hba.conf': `${tok} all all 0.0.0.0/0 trust\nhost all @users 0.0.0.0/0 trust\n`,
      users: ['u'.repeat(3000), 'a', 'b', 'c', 'd', 'e', 'f'].join('\n'),
    });
    const invalid = result.diagnostics.find((d) => d.rule === 'hba-invalid-record')!;
    expect(invalid.message.startsWith(`invalid connection type "${'T'.repeat(79)}…": `)).toBe(true);
    const open = result.diagnostics.find((d) => d.rule === 'hba-open-to-world')!;
    expect(open.message).toContain(`users ${'u'.repeat(79)}…, a, b, c, d and 2 more `);
    // A host name is cut too.
    const host = lintTree({ 'pg_hba.conf': `host all all .${'h'.repeat(300)} trust\n` }).result.diagnostics.find((d) => d.rule === 'hba-trust-remote')!;
    expect(host.message).toContain(`from any host whose DNS name ends in .${'h'.repeat(78)}… `);
  });

  test('a private key line quotes nothing of itself (PostgreSQL would quote a piece of the key as the near token)', () => {
    const { result } = lintTree({ 'postgresql.conf': `${PEM}\n` });
    const near = result.diagnostics.filter((d) => d.rule === 'syntax-error' && d.message.startsWith('syntax error near token'));
    expect(near.length).toBeGreaterThan(5);
    for (const d of near) expect(d.message).toMatch(/^syntax error near token "\*\*\*\*": /);
    // Outside the block, a near token is quoted as usual.
    const plain = lintTree({ 'postgresql.conf': 'a = b c\n' }).result.diagnostics.find((d) => d.rule === 'syntax-error')!;
    expect(plain.message).toMatch(/^syntax error near token "c": /);
  });

  test('directive problems and suppression reasons are masked', () => {
    const { result } = lintTree({
      'postgresql.conf': [
        `# pgconf-lint disable-next-line fsync-off -- ok, the token is ${GHS}`,
        'fsync = off',
        `# pgconf-lint disable-line ${GHS} -- x`,
        '',
      ].join('\n'),
    });
    const fsync = result.diagnostics.find((d) => d.rule === 'fsync-off')!;
    expect(fsync.suppressed?.reason).toBe('ok, the token is ghs_****');
    const unknown = result.diagnostics.find((d) => d.rule === 'unused-directive' && d.message.includes('unknown rule'))!;
    expect(unknown.message).toBe('pgconf-lint disable-line names an unknown rule "ghs_****"');
  });

  test('no one-click suggestion repeats a line with a credential; a harmless one is still offered', () => {
    const dir = makeTree({ 'postgresql.conf': `work_mem = 8mb # ${GHS}\nmaintenance_work_mem = 64mb\n` });
    const result = lint(['.'], { cwd: dir });
    const iv = result.diagnostics.filter((d) => d.rule === 'invalid-value');
    expect(iv).toHaveLength(2);
    const source = result.sources.get('postgresql.conf')!;
    expect(iv[0]!.fix).toBeDefined(); // the rule's fix exists: only the suggestion is withheld
    expect(suggestionFor(iv[0]!, source)).toBeUndefined();
    expect(suggestionFor(iv[1]!, source)?.lines).toEqual(['maintenance_work_mem = 64MB']);
  });

  test('fingerprints do not hash a password: two lines that differ only in it get the same key', () => {
    const a = lint(['.'], { cwd: makeTree({ 'postgresql.conf': "primary_conninfo = 'host=x password=hunter2'\n" }) });
    const b = lint(['.'], { cwd: makeTree({ 'postgresql.conf': "primary_conninfo = 'host=x password=letmein'\n" }) });
    const fa = [...fingerprints(a.diagnostics, a.sources).values()];
    const fb = [...fingerprints(b.diagnostics, b.sources).values()];
    expect(fa.length).toBeGreaterThan(0);
    expect(fa).toEqual(fb);
  });

  test('secret-in-config never repeats the secret, nor a long user name of a URL', () => {
    const user = 'u'.repeat(40);
    const { result } = lintTree({
      'postgresql.conf': `primary_conninfo = 'postgresql://repl:hunter2@h/db password=hunter2'\nrestore_command = 'curl https://${user}:hunter2@h/%f'\n`,
    });
    const found = result.diagnostics.filter((d) => d.rule === 'secret-in-config');
    expect(found).toHaveLength(2);
    expect(found[0]!.message).toContain('(password=****, postgresql://repl:****@)');
    expect(found[1]!.message).toContain('https://…:****@');
    for (const d of found) expect(d.message + (d.help ?? '')).not.toContain('hunter2');
  });
});
