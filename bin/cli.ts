// The CLI's composition root: the only place that hands the rule registry (rules/) to the CLI (src/).
import { exitWhenWritten, main } from '../src/cli.js';
import { RULES } from '../rules/index.js';

// The run ends once what it wrote is with the system (src/cli.ts exitWhenWritten), by process.exit.
// Left to itself, Node ends a run by first finishing every optimising compilation V8 has queued on
// its background threads (code that will never run again) and then tearing down the heap page by
// page: 25 ms after a 1k-line file, over 100 ms after a 10k-line one, with the report already
// printed. process.exit skips both. Should a stream's callback never come, the process ends on its
// own with the exit code set here.
void main(process.argv.slice(2), RULES).then((code) => {
  process.exitCode = code;
  exitWhenWritten(code);
});
