import { run } from './main.js';

await run();
// Every output is written. A GitHub API request that timed out can leave its socket open (undici
// does not close it on every abort), which would keep the job waiting: end the process, once
// stdout has been flushed (workflow commands; on Windows runners pipe writes are asynchronous).
await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
process.exit();
