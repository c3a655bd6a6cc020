/**
 * Differential test of the postgresql.conf side: our startup verdict, LOG messages and canonical
 * values against `postgres -C` of real servers (PGCONF_LINT_MAJORS, default 12,16,18).
 *
 * Cases: fixtures/parser/conf (a file, or a directory with postgresql.conf and what it includes),
 * the postgresql.conf.sample of each major (test/data/samples; as shipped and with every setting
 * uncommented) and a seeded batch of single-assignment files (generate.ts), all in
 * settings.test.ts; the real-world corpus (../shared/corpus/postgresql) in
 * test/corpus/differential-settings.corpus.test.ts (`npm run test:corpus`).
 *
 * How a case is judged (judgeConf in test/support/judge.ts): its files are copied under the
 * cluster's temp dir and both sides read the same copy. The server runs
 * `postgres -D <data> --config-file=<copy>/postgresql.conf -C <name>`; our side runs resolveAll +
 * startupVerdict with cwd = the cluster dir, so our display paths are the server's absolute paths
 * with the cluster dir removed. Compared: accept/reject, the exact LOG
 * lines of the errors with their DETAIL and HINT (the final FATAL is not ours to predict), the
 * "skipping missing configuration file" lines, and, when both accept, `canonical` of every
 * effective parameter against `-C <name>`.
 */
import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONCURRENCY, mapLimit, type PgCluster } from '../../scripts/lib/postgres.mjs';
import { loadCatalog } from '../../src/catalog/catalog.js';
import { MACHINE_DEPENDENT_PARAMS } from '../../src/catalog/values.js';
import type { Major } from '../../src/catalog/types.js';
import { judgeConf, type ConfJudgeOptions } from '../support/judge.js';
import { Ledger, clustersPerMajor, fixtureFiles, formatDisagreement, majorsFromEnv, materialize, type Group, type KnownDifference } from '../support/oracle.js';
import { sampleFile } from '../support/test-data.js';
import { GENERATOR_EXCLUDED, generateConfCases } from './generate.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = path.join(REPO, 'fixtures/parser/conf');

/**
 * Lines that set these are commented out in corpus and sample copies, on both sides (we judge
 * the edited copy): data_directory replaces -D, so the server would go looking for that directory
 * on its own disk and fail; hba_file, ident_file and external_pid_file name files on the server's
 * disk, relative to the postmaster's cwd. The line numbering is kept. Fixtures do not use them.
 */
const STRIPPED = /^[ \t]*(data_directory|hba_file|ident_file|external_pid_file)(?![A-Za-z0-9_.])/i;

function stripPathParams(buf: Buffer): { buf: Buffer; stripped: number } {
  const lines = buf.toString('latin1').split('\n');
  let stripped = 0;
  const out = lines.map((l) => {
    if (!STRIPPED.test(l)) return l;
    stripped++;
    return '#' + l;
  });
  return { buf: Buffer.from(out.join('\n'), 'latin1'), stripped };
}

const MACHINE_DEPENDENT = new Set(MACHINE_DEPENDENT_PARAMS);

interface ConfCase {
  group: Group;
  id: string;
  files: Map<string, Buffer>;
}

/**
 * How this suite reads the server's side (see judgeConf): the log as the server writes it (no
 * following of the file's own log_error_verbosity / log_line_prefix), every effective name asked
 * for with `-C`, two at a time.
 */
const JUDGE_OPTIONS: ConfJudgeOptions = { followLogSettings: false, asciiNamesOnly: false, concurrency: 2 };

/** Which cases a suite judges. */
export interface ConfSuiteOptions {
  /** Names the suite in its summary. */
  title: string;
  /** fixtures/parser/conf. */
  fixtures?: boolean;
  /** A directory of postgresql.conf files (the corpus), each a case of its own. */
  corpusDir?: string;
  /** The postgresql.conf.sample of each major, as shipped and uncommented (test/data/samples). */
  samples?: boolean;
  /** The seeded batch of single assignments (generate.ts). */
  generated?: boolean;
  /** The known differences of these cases; an entry that no longer occurs fails the suite. */
  known: readonly KnownDifference[];
}

/** Defines the suite (clusters, one test per group and major, the verdict) in the calling test file. */
export function defineConfSuite(opts: ConfSuiteOptions): void {
  const MAJORS = majorsFromEnv();
  const ledger = new Ledger(opts.title, opts.known);
  const clusters = clustersPerMajor(MAJORS);
  let caseSeq = 0;
  let strippedLines = 0;

  async function judge(major: Major, cluster: PgCluster, c: ConfCase): Promise<void> {
    const dir = materialize(cluster, `cases/${caseSeq++}`, c.files);
    const { disagreements: dis, rc, ours: ourOk, server: serverOk } = await judgeConf(major, cluster, c.id, path.join(dir, 'postgresql.conf'), JUDGE_OPTIONS);
    ledger.record(major, c.group, c.id, dis);

    // The server rejected values that only its own machine can judge (MACHINE_DEPENDENT_PARAMS,
    // e.g. a locale it lacks). Those disagreements must be known differences; to still compare the
    // rest of the file, judge a copy with those assignments commented out, on both sides.
    const onlyServer = dis.filter((x) => x.what === 'message logged only by the server');
    if (!serverOk && ourOk && onlyServer.length && onlyServer.every((x) => x.param !== null && MACHINE_DEPENDENT.has(x.param))) {
      const params = new Set(onlyServer.map((x) => x.param!));
      const edits = new Map<string, Set<number>>();
      for (const a of rc.assignments) {
        if (!params.has(a.key)) continue;
        const rel = path.relative(dir, a.file.absPath);
        if (!edits.has(rel)) edits.set(rel, new Set());
        edits.get(rel)!.add(a.line.line);
      }
      const files = new Map(c.files);
      for (const [rel, lines] of edits) {
        const text = (files.get(rel) ?? Buffer.alloc(0)).toString('latin1').split('\n');
        for (const n of lines) text[n - 1] = '#' + text[n - 1];
        files.set(rel, Buffer.from(text.join('\n'), 'latin1'));
      }
      await judge(major, cluster, { group: c.group, id: `${c.id} (without ${[...params].sort().join(', ')})`, files });
    }
  }

  function fixtureCases(): ConfCase[] {
    return fs
      .readdirSync(FIXTURES)
      .sort()
      .map((name) => ({ group: 'fixture' as const, id: `fixture:${name}`, files: fixtureFiles(path.join(FIXTURES, name), 'postgresql.conf') }));
  }

  function corpusCases(dir: string): ConfCase[] {
    const names = fs.readdirSync(dir).sort();
    if (!names.length) throw new Error(`${dir}: no corpus files`);
    return names.map((name) => {
      const { buf, stripped } = stripPathParams(fs.readFileSync(path.join(dir, name)));
      strippedLines += stripped;
      return { group: 'corpus' as const, id: `corpus:${name}`, files: new Map([['postgresql.conf', buf]]) };
    });
  }

  /** The sample as shipped (all commented) and with every `#name = value` line uncommented
   * (include lines stay commented: their '...' targets are placeholders). */
  function sampleCases(major: Major): ConfCase[] {
    const raw = fs.readFileSync(sampleFile(major, 'postgresql.conf.sample'));
    const uncommented = raw
      .toString('utf8')
      .split('\n')
      .map((l) => (/^#[a-z_]+ = /.test(l) && !/^#include/.test(l) ? l.slice(1) : l))
      .join('\n');
    const strip = (b: Buffer): Buffer => {
      const s = stripPathParams(b);
      strippedLines += s.stripped;
      return s.buf;
    };
    return [
      { group: 'sample', id: 'sample:postgresql.conf.sample', files: new Map([['postgresql.conf', strip(raw)]]) },
      { group: 'sample', id: 'sample:postgresql.conf.sample(uncommented)', files: new Map([['postgresql.conf', strip(Buffer.from(uncommented))]]) },
    ];
  }

  function generatedCases(major: Major): ConfCase[] {
    return generateConfCases(loadCatalog(major), 0x5eed + major).map((g) => ({
      group: 'generated' as const,
      id: `gen:${g.id}`,
      files: new Map([['postgresql.conf', Buffer.from(`${g.id}\n`)]]),
    }));
  }


  describe.each(MAJORS)('postgresql.conf against PostgreSQL %i', (major) => {
    const run = async (cases: ConfCase[]): Promise<void> => {
      const cluster = clusters.get(major)!;
      await mapLimit(cases, DEFAULT_CONCURRENCY, (c) => judge(major, cluster, c));
    };
    if (opts.fixtures) it('fixtures', () => run(fixtureCases()), 600_000);
    const corpusDir = opts.corpusDir;
    if (corpusDir !== undefined) it('corpus', () => run(corpusCases(corpusDir)), 600_000);
    if (opts.samples) it('sample', () => run(sampleCases(major)), 600_000);
    if (opts.generated) it('generated single assignments', () => run(generatedCases(major)), 600_000);
  });

  it('agrees with every server, except for the known differences', () => {
    const { summary, unexplained, stale } = ledger.verdict(MAJORS);
    const excluded = Object.entries(GENERATOR_EXCLUDED).map(([p, why]) => `${p} (${why})`);
    console.log(
      `${summary}\n  lines setting data_directory/hba_file/ident_file/external_pid_file commented out in corpus and sample copies: ${strippedLines}` +
        (opts.generated ? `\n  parameters the value generator leaves out: ${excluded.length}: ${Object.keys(GENERATOR_EXCLUDED).join(', ')}` : '') +
        (unexplained.length ? `\n\nUNEXPLAINED DISAGREEMENTS (${unexplained.length}):\n${unexplained.map(formatDisagreement).join('\n')}` : '') +
        (stale.length ? `\n\nSTALE KNOWN DIFFERENCES:\n${stale.join('\n')}` : ''),
    );
    // For maintainers: PGCONF_LINT_DIFF_OUT=file.json writes the unexplained disagreements.
    if (process.env.PGCONF_LINT_DIFF_OUT) fs.writeFileSync(process.env.PGCONF_LINT_DIFF_OUT, JSON.stringify(unexplained, null, 1));
    expect(unexplained.map(formatDisagreement)).toEqual([]);
    expect(stale).toEqual([]);
  });
}
