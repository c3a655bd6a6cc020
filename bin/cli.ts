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
});
