import { defineRule } from '../src/linter/rule.js';
import type { IncludeLine } from '../src/parse/conf-ast.js';
import type { ConfProblem } from '../src/resolve/conf-files.js';

export default defineRule({
  name: 'missing-include',
  severity: 'error',
  category: 'validity',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'An include that PostgreSQL cannot follow',
    why:
      '`include` and `include_dir` targets must exist (only `include_if_exists` may be missing): otherwise the ' +
      'server refuses to start and a reload ignores the whole file. A missing `include_dir` directory is a ' +
      'warning, not an error: git cannot store an empty directory, and packagers create one on the server ' +
      "(Debian's pg_createcluster creates `conf.d` for its `include_dir = 'conf.d'`), so a repository without it " +
      'may still deploy correctly. Commit a placeholder PostgreSQL skips (`conf.d/.gitkeep`: include_dir reads ' +
      'only `*.conf` files not starting with `.`) to make the repository say what the server has. Relative paths are resolved against the ' +
      'directory of the file that contains the directive, not the data directory. Include cycles and nesting ' +
      'deeper than 10 levels are errors too. Targets outside the checked repository are not read and are ' +
      'reported as a warning, because they cannot be verified. Targets inside the `.git` directory are never read ' +
      'and are an error.',
    invalid: ["include 'does-not-exist.conf'", "include_dir 'conf.d'"],
    valid: ["include_if_exists 'does-not-exist.conf'", { 'postgresql.conf': "include_dir 'conf.d'", 'conf.d/.gitkeep': '' }],
    references: ['https://www.postgresql.org/docs/current/config-setting.html#CONFIG-INCLUDES'],
    versions: 'all',
  }),
  check(ctx) {
    /** The directive on the problem's line (from the parsed file, not from the message). */
    const directiveAt = (p: ConfProblem): IncludeLine['directive'] | undefined => {
      const line = ctx.cluster.conf?.files.get(p.file.absPath)?.lines[p.lineNumber - 1];
      return line?.kind === 'include' ? line.directive : undefined;
    };
    for (const p of ctx.cluster.problems) {
      if (p.kind !== 'include') continue;
      let message: string;
      let help: string | undefined;
      let severity: 'warning' | undefined;
      switch (p.reason) {
        case 'outside-root':
          message = `${p.detail}: it was not read, so the settings in it are not checked`;
          help = 'Keep included files inside the repository, or check them where they live.';
          severity = 'warning';
          break;
        case 'git-dir':
          // An error, not a warning like outside-root: .git/ is never deployed configuration, and
          // it holds the job's token, so an include of it is a mistake or an attempt to leak it.
          message = p.detail ?? p.message;
          help = 'Configuration never lives in .git/; include a file of the repository instead.';
          break;
        case 'cycle':
          message = `${p.detail}: PostgreSQL fails with "maximum nesting depth exceeded" and refuses to start`;
          help = 'Break the cycle: each file should be included once.';
          break;
        case 'too-many':
          // An error: what was not read is not checked, and it may hold what the gate is for.
          message = p.message;
          help = 'Include each file once; pgconf-lint stops reading includes after this many, and the rest is not checked.';
          break;
        case 'missing':
          if (directiveAt(p) === 'include_dir') {
            // git cannot store an empty directory, and packagers create one (Debian's
            // pg_createcluster makes conf.d): the repository not having it says little about the server.
            message = `${p.message}: git stores no empty directory, so it may exist on the server; if it does not, PostgreSQL refuses to start`;
            help =
              "If the directory exists on the server (Debian's pg_createcluster creates conf.d), commit it with a file PostgreSQL skips, such as conf.d/.gitkeep (include_dir reads only *.conf files not starting with '.'); otherwise fix the path or remove the include_dir line (there is no include_dir_if_exists).";
            severity = 'warning';
          } else {
            message = `${p.message}: PostgreSQL refuses to start`;
            help = "Fix the path (relative paths start at the including file's directory), or use include_if_exists.";
          }
          break;
        default:
          message = `${p.message}: PostgreSQL refuses to start`;
      }
      ctx.report({ loc: p.loc, message, help, ...(severity ? { severity } : {}) });
    }
  },
});
