// The naive baseline of the benchmark: read a file and parse it with the `ini` package, as a
// script that "just parses the config" would. It does not read postgresql.conf correctly (see
// the design notes, shared/design/TOOLING.md: `ini`); it only shows the cost of a plain line-by-line parse.
import { readFileSync } from 'node:fs';
import ini from 'ini';

const parsed = ini.parse(readFileSync(process.argv[2] ?? '', 'utf8'));
if (process.argv.includes('--count')) process.stdout.write(`${Object.keys(parsed).length}\n`);
