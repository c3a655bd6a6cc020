// The Action's composition root: the only place that hands the rule registry (rules/) to the Action (src/action/).
import { run } from '../src/action/main.js';
import { RULES } from '../rules/index.js';

await run(RULES);
// Every output is written. A GitHub API request that timed out can leave its socket open (undici
// does not close it on every abort), which would keep the job waiting: end the process, once
// stdout has been flushed (workflow commands; on Windows runners pipe writes are asynchronous).
await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
process.exit();
