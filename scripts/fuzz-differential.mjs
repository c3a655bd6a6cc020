#!/usr/bin/env node
/**
 * Larger random differential batches: generated postgresql.conf files and pg_hba.conf lines
 * (test/differential/generate.ts) judged by real servers of every major, with a random seed.
 * Every disagreement that is not a known difference is written as a regression fixture,
 * fixtures/parser/{conf,hba}/regress-<hash>.conf, with the seed and the major in its first
 * comment; the differential suite judges those fixtures from then on.
 *
 *   npm run differential:fuzz                       # random seed, majors 10-18, 3000 + 2000 cases each
 *   npm run differential:fuzz -- --seed 42 --majors 16,18 --conf 10000 --hba 5000 --rounds 3
 *
 * Exit status: 0 when every case agreed, 1 when disagreements were found (fixtures written).
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));

function parse(argv) {
  const opts = { seed: undefined, majors: '10,11,12,13,14,15,16,17,18', conf: 3000, hba: 2000, rounds: 1, fixtures: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    if (a === '--seed') opts.seed = Number(v());
    else if (a === '--majors') opts.majors = v();
    else if (a === '--conf') opts.conf = Number(v());
    else if (a === '--hba') opts.hba = Number(v());
    else if (a === '--rounds') opts.rounds = Number(v());
    else if (a === '--no-fixtures') opts.fixtures = false;
    else if (a === '-h' || a === '--help') {
      console.log('usage: fuzz-differential.mjs [--seed N] [--majors 10,...,18] [--conf N] [--hba N] [--rounds N] [--no-fixtures]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  for (const k of ['conf', 'hba', 'rounds']) if (!Number.isInteger(opts[k]) || opts[k] < 0) throw new Error(`--${k} takes a whole number`);
  if (opts.seed !== undefined && !Number.isInteger(opts.seed)) throw new Error('--seed takes a whole number');
  return opts;
}

let opts;
try {
  opts = parse(process.argv.slice(2));
} catch (err) {
  console.error(`fuzz-differential: ${err.message}`);
  process.exit(2);
}

let failed = false;
for (let round = 0; round < opts.rounds; round++) {
  const seed = opts.seed !== undefined ? opts.seed + round : randomInt(1, 2 ** 31 - 1);
  console.log(`\n=== round ${round + 1}/${opts.rounds}: seed ${seed}, majors ${opts.majors}, ${opts.conf} postgresql.conf files + ${opts.hba} pg_hba.conf lines per major`);
  const r = spawnSync('npx', ['jest', '--runInBand', 'test/differential/generated-batch.test.ts'], {
    cwd: REPO,
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' '),
      PGCONF_LINT_FUZZ_SEED: String(seed),
      PGCONF_LINT_BATCH_MAJORS: opts.majors,
      PGCONF_LINT_FUZZ_CONF: String(opts.conf),
      PGCONF_LINT_FUZZ_HBA: String(opts.hba),
      PGCONF_LINT_FUZZ_FIXTURES: opts.fixtures ? '1' : '0',
    },
  });
  if (r.status !== 0) {
    failed = true;
    console.log(`\nseed ${seed}: disagreements found${opts.fixtures ? ' (regression fixtures written under fixtures/parser/)' : ''}. Rerun with --seed ${seed} to reproduce.`);
  }
}
process.exit(failed ? 1 : 0);
