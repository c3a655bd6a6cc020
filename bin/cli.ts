// The CLI's composition root: the only place that hands the rule registry (rules/) to the CLI (src/).
import { main } from '../src/cli.js';
import { RULES } from '../rules/index.js';

// `pgconf-lint . | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

void main(process.argv.slice(2), RULES).then((code) => {
  process.exitCode = code;
  exitWhenFlushed(code);
});

/**
 * Ends the process once what was written to stdout and stderr has been handed to the system. Left
 * to itself, Node ends a run by first finishing every optimising compilation V8 has queued on its
 * background threads (code that will never run again) and then tearing down the heap page by page:
 * 25 ms after a 1k-line file, over 100 ms after a 10k-line one, with the report already printed.
 * process.exit skips both; the write callbacks make sure no output is cut short where a pipe is
 * asynchronous (macOS, Windows). Should a callback never come, the process ends on its own with
 * the exit code set above.
 */
function exitWhenFlushed(code: number): void {
  let pending = 2;
  const done = (): void => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}
