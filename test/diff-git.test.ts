// A git revision as a tree (src/diff/git-tree.ts), on real repositories made in temp dirs: the
// committed files are read (not the work tree), symlinks stay inside the revision, submodules are
// absent, big blobs are never loaded, and the errors are one line.
import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gitTree, GitTreeError } from '../src/diff/git-tree.js';
import { diffTrees } from '../src/diff/trees.js';
import { GIT_DIR_REFUSAL, OUTSIDE_REFUSAL } from '../src/resolve/safe-read.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = realpathSync(mkdtempSync(join(tmpdir(), 'pgconf-lint-diff-git-')));
  made.push(d);
  return d;
}

function sh(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' },
  });
}

function write(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

/** A repository with `files` committed (and symlinks: path -> target). */
function repo(files: Record<string, string | Buffer>, links: (root: string) => Record<string, string> = () => ({})): string {
  const root = tempDir();
  sh(root, 'init', '-q', '-b', 'main');
  write(root, files);
  for (const [rel, target] of Object.entries(links(root))) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    symlinkSync(target, join(root, rel));
  }
  sh(root, 'add', '-A');
  sh(root, 'commit', '-q', '-m', 'base');
  return root;
}

const SECRET = 'port = 6543 # SECRET-OUTSIDE-THE-REPOSITORY\n';

describe('gitTree', () => {
  test('reads the committed files, not the work tree; diffTrees compares the revision with the work tree', () => {
    const root = repo({ 'db/postgresql.conf': 'shared_buffers = 128MB\nwork_mem = 4MB\n', 'db/pg_hba.conf': 'local all all peer\n', 'README': 'x' });
    write(root, { 'db/postgresql.conf': 'shared_buffers = 1GB\nwork_mem = 4MB\n', 'new/postgresql.conf': 'port = 5433\n' });
    const tree = gitTree('HEAD', { cwd: join(root, 'db') });
    expect(tree.root).toBe(root);
    expect(tree.commit).toBe(sh(root, 'rev-parse', 'HEAD').trim());
    const { host } = tree;
    expect(host.cwd).toBe(join(root, 'db'));
    const r = host.read(join(root, 'db/postgresql.conf'));
    expect(r.ok && r.file.text).toBe('shared_buffers = 128MB\nwork_mem = 4MB\n');
    expect(r.ok && r.file.path).toBe('db/postgresql.conf');
    expect(host.kind(join(root, 'new'))).toBe('missing');
    expect(host.kind(join(root, 'db'))).toBe('dir');
    const listed = host.list(root);
    expect(listed.ok && listed.entries.map((e) => `${e.name}${e.isDir ? '/' : ''}`).sort()).toEqual(['README', 'db/']);

    const { result, errors } = diffTrees({ root, host }, { root }, [], { pgVersion: 16 });
    expect(errors).toEqual([]);
    expect(result.clusters).toEqual([
      {
        cluster: 'db',
        pgVersion: 16,
        access: [],
        unknown: [],
        settings: [{ name: 'shared_buffers', before: '16384', after: '131072', restart: true, apply: 'restart', file: 'db/postgresql.conf', line: 1 }],
      },
      {
        cluster: 'new',
        pgVersion: 16,
        status: 'added',
        access: [],
        unknown: [],
        settings: [{ name: 'port', before: null, after: '5433', restart: true, apply: 'restart', file: 'new/postgresql.conf', line: 1 }],
      },
    ]);
  });

  test('an earlier revision and file names with blanks and non-ASCII characters', () => {
    const root = repo({ 'dir with space/é.conf': 'a\n' });
    write(root, { 'dir with space/é.conf': 'b\n' });
    sh(root, 'commit', '-q', '-am', 'second');
    const old = gitTree('HEAD~1', { cwd: root }).host.read(join(root, 'dir with space/é.conf'));
    expect(old.ok && old.file.text).toBe('a\n');
    const now = gitTree('main', { cwd: root }).host.read(join(root, 'dir with space/é.conf'));
    expect(now.ok && now.file.text).toBe('b\n');
  });

  test('symlinks resolve inside the revision; ones leaving it are refused and nothing outside is read', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'postgresql.conf'), SECRET);
    const root = repo(
      { 'shared/base.conf': 'work_mem = 8MB\n', 'shared/sub/x.conf': 'x\n' },
      (top) => ({
        'db/postgresql.conf': '../shared/base.conf', // inside: followed
        'db/dirlink': '../shared/sub', // a directory inside
        'db/via-dirlink': 'dirlink/../base.conf',
        'db/abs-inside': join(top, 'shared/base.conf'), // absolute, inside the repository
        'evil/postgresql.conf': join(outside, 'postgresql.conf'), // absolute, outside
        'evil/up': '../../' + 'x', // relative, above the top
        'evil/git': '../.git/config', // the repository's .git
        'loop/a': 'b',
        'loop/b': 'a',
        'dangling/postgresql.conf': 'nowhere.conf',
      }),
    );
    const { host } = gitTree('HEAD', { cwd: root });
    const text = (rel: string): string | { error: string } => {
      const r = host.read(join(root, rel));
      return r.ok ? r.file.text : { error: r.error };
    };
    expect(text('db/postgresql.conf')).toBe('work_mem = 8MB\n');
    expect(text('db/dirlink/x.conf')).toBe('x\n');
    // `..` in a link's target after a directory link goes up from where that link points, as the kernel does.
    expect(text('db/via-dirlink')).toBe('work_mem = 8MB\n');
    expect(text('db/abs-inside')).toBe('work_mem = 8MB\n');
    expect(text('evil/postgresql.conf')).toEqual({ error: OUTSIDE_REFUSAL });
    expect(text('evil/up')).toEqual({ error: OUTSIDE_REFUSAL });
    expect(text('evil/git')).toEqual({ error: GIT_DIR_REFUSAL });
    expect(text('loop/a')).toEqual({ error: 'Too many levels of symbolic links' });
    expect(text('dangling/postgresql.conf')).toEqual({ error: 'No such file or directory' });
    expect(text('shared/base.conf/x')).toEqual({ error: 'Not a directory' });
    expect(host.allowed(join(root, 'evil/postgresql.conf'))).toBe(false);
    expect(host.allowed(join(outside, 'postgresql.conf'))).toBe(false);
    expect(host.kind(join(root, 'db/dirlink'))).toBe('dir');
    const listed = host.list(join(root, 'db'));
    expect(listed.ok && listed.entries.map((e) => `${e.name} ${e.isDir} ${e.isLink}`).sort()).toEqual([
      'abs-inside false true',
      'dirlink true true',
      'postgresql.conf false true',
      'via-dirlink false true',
    ]);
    // The whole revision diffed: the link out is unreadable, its target never appears.
    const out = JSON.stringify(diffTrees({ root, host }, { root: tempDir() }, [], { pgVersion: 16 }));
    expect(out).not.toContain('SECRET');
    expect(out).not.toContain('6543');
  });

  test('the work crafted symlinks cause is bounded: past the limit, links are refused, not followed', () => {
    // 300 links, each a 4,001-byte target of `./` steps naming the next one: resolving them all
    // would walk 300 chains of up to 40 hops of 2,000 steps each.
    const links: Record<string, string> = {};
    for (let i = 0; i < 300; i++) links[`l/${i}`] = './'.repeat(2000) + (i === 299 ? '../real.conf' : String(i + 1));
    const root = repo({ 'real.conf': 'port = 1\n' }, () => links);
    const { host } = gitTree('HEAD', { cwd: root });
    const listed = host.list(join(root, 'l'));
    expect(listed.ok && listed.entries.length).toBe(300);
    const r = host.read(join(root, 'l/0'));
    expect(r).toEqual({ ok: false, error: "not read: resolving the revision's symbolic links took more than 2000000 steps" });
    // A file reached without links is read as ever.
    const plain = host.read(join(root, 'real.conf'));
    expect(plain.ok && plain.file.text).toBe('port = 1\n');
  });

  test('a submodule is not part of the tree', () => {
    const root = repo({ 'postgresql.conf': 'port = 1\n' });
    const commit = sh(root, 'rev-parse', 'HEAD').trim();
    sh(root, 'update-index', '--add', '--cacheinfo', `160000,${commit},sub`);
    sh(root, 'commit', '-q', '-m', 'submodule');
    const { host } = gitTree('HEAD', { cwd: root });
    expect(host.kind(join(root, 'sub'))).toBe('missing');
    const listed = host.list(root);
    expect(listed.ok && listed.entries.map((e) => e.name)).toEqual(['postgresql.conf']);
  });

  test('a blob over maxFileBytes is never loaded, and the total read is bounded', () => {
    const big = 'work_mem = 4MB\n'.repeat(100); // 1,500 bytes
    const root = repo({ 'big/postgresql.conf': big, 'a/postgresql.conf': 'port = 1\n', 'b/other.txt': 'port = 2\n', 'c/other.txt': 'port = 3\n' });
    const bigOid = sh(root, 'rev-parse', 'HEAD:big/postgresql.conf').trim();
    // A git that logs what is asked of cat-file (its standard input: the object names).
    const bin = tempDir();
    const log = join(bin, 'cat-file.log');
    writeFileSync(join(bin, 'git'), `#!/bin/sh\nif [ "$1" = cat-file ]; then tee -a '${log}' | exec git "$@"; fi\nexec git "$@"\n`);
    chmodSync(join(bin, 'git'), 0o755);
    const { host } = gitTree('HEAD', { cwd: root, git: join(bin, 'git'), maxFileBytes: 1000, maxTotalBytes: 20 });
    const r = host.read(join(root, 'big/postgresql.conf'));
    expect(r).toEqual({ ok: false, error: 'file is 1500 bytes, larger than the limit of 1000 bytes (--max-file-size, maxFileSize in the config); not read' });
    // 9 + 9 bytes fit in 20; the third file does not.
    const texts = ['a/postgresql.conf', 'b/other.txt', 'c/other.txt'].map((p) => {
      const x = host.read(join(root, p));
      return x.ok ? x.file.text : x.error;
    });
    expect(texts).toEqual(['port = 1\n', 'port = 2\n', 'not read: the files read from the revision reach the limit of 20 bytes in all']);
    // A file read again counts once.
    const again = host.read(join(root, 'b/other.txt'));
    expect(again.ok && again.file.text).toBe('port = 2\n');
    expect(readFileSync(log, 'utf8')).not.toContain(bigOid);
    expect(readFileSync(log, 'utf8')).toContain(sh(root, 'rev-parse', 'HEAD:b/other.txt').trim());
  });

  test('one-line errors: unknown revision, not a repository, an option as a revision, git missing, git out of time', () => {
    const root = repo({ 'postgresql.conf': 'port = 1\n' });
    const err = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(GitTreeError);
        const m = (e as Error).message;
        expect(m).not.toContain('\n');
        return m;
      }
      throw new Error('no error');
    };
    expect(err(() => gitTree('no-such-branch', { cwd: root }))).toBe(`unknown revision: no-such-branch is no commit of the repository at ${root}`);
    // A blob is no commit.
    const blob = sh(root, 'rev-parse', 'HEAD:postgresql.conf').trim();
    expect(err(() => gitTree(blob, { cwd: root }))).toBe(`unknown revision: ${blob} is no commit of the repository at ${root}`);
    // An option is a name like any other, and writes nothing.
    const planted = join(root, 'planted');
    expect(err(() => gitTree(`--output=${planted}`, { cwd: root }))).toMatch(/^unknown revision: --output=/);
    expect(existsSync(planted)).toBe(false);
    expect(err(() => gitTree('', { cwd: root }))).toBe('invalid revision: ""');
    expect(err(() => gitTree('HEAD\nx', { cwd: root }))).toBe('invalid revision: "HEAD\\nx"');
    const plain = tempDir();
    expect(err(() => gitTree('HEAD', { cwd: plain }))).toMatch(new RegExp(`^not a git repository: ${plain} \\(git rev-parse failed \\(exit 128\\): fatal: not a git repository`));
    expect(err(() => gitTree('HEAD', { cwd: root, git: join(plain, 'no-git') }))).toBe(`git not found (${join(plain, 'no-git')}): reading a revision needs git installed and on PATH`);
    const bin = tempDir();
    writeFileSync(join(bin, 'git'), '#!/bin/sh\nexec sleep 30\n');
    chmodSync(join(bin, 'git'), 0o755);
    expect(err(() => gitTree('HEAD', { cwd: root, git: join(bin, 'git'), timeoutMs: 300 }))).toBe('git rev-parse did not finish within 300 ms');
  });
});
