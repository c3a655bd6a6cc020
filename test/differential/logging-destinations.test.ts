/**
 * What the logging rules say the server does with its log, judged by real servers:
 * - log-destination-empty: an empty (or all-blank) log_destination logs nothing at all, not even
 *   errors, with the collector on or off;
 * - logging-collector-off: csvlog without the collector writes no CSV file and falls back to plain
 *   text on stderr;
 * - log-directory-empty: with the collector on, an empty log_directory makes the collector open its
 *   file in the root directory, which the server's user cannot write, and the server does not start;
 *   without the collector the empty value is harmless, and '.' (the data directory) starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { PgCluster } from '../../scripts/lib/postgres.mjs';
import { clustersPerMajor, majorsFromEnv } from '../support/oracle.js';

const MAJORS = majorsFromEnv();
const clusters = clustersPerMajor(MAJORS);

/** Starts the server with `conf`, makes an ERROR in a session, stops; the server's stderr, or null if it did not start. */
async function run(c: PgCluster, conf: string): Promise<{ stderr: string; started: boolean }> {
  c.writeFile(c.serverConfig, conf);
  c.serverLog = '';
  try {
    await c.start();
  } catch {
    return { stderr: c.serverLog, started: false };
  }
  await c.query('select 1/0').catch(() => undefined);
  await c.stop();
  return { stderr: c.serverLog, started: true };
}

describe.each(MAJORS)('logging destinations on PostgreSQL %i', (major) => {
  it("log_destination = '' logs nothing, not even an error", async () => {
    const r = await run(clusters.get(major)!, "log_destination = ''\n");
    expect(r.started).toBe(true);
    expect(r.stderr).not.toContain('division by zero');
  });

  it("log_destination = '  ' with the collector on logs nothing either", async () => {
    const c = clusters.get(major)!;
    const r = await run(c, "logging_collector = on\nlog_destination = '  '\n");
    expect(r.started).toBe(true);
    expect(r.stderr).not.toContain('division by zero');
    const logDir = path.join(c.dataDir, 'log');
    const logged = fs.existsSync(logDir) ? fs.readdirSync(logDir).map((f) => fs.readFileSync(path.join(logDir, f), 'utf8')).join('') : '';
    expect(logged).not.toContain('division by zero');
  });

  it('csvlog without the collector: plain text on stderr, no CSV file', async () => {
    const c = clusters.get(major)!;
    const r = await run(c, "log_destination = 'csvlog'\n");
    expect(r.started).toBe(true);
    expect(r.stderr).toMatch(/ERROR: {2}division by zero/);
    const logDir = path.join(c.dataDir, 'log');
    expect(fs.existsSync(logDir) ? fs.readdirSync(logDir).filter((f) => f.endsWith('.csv')) : []).toEqual([]);
  });

  it("the collector with log_directory = '' does not start", async () => {
    const r = await run(clusters.get(major)!, "logging_collector = on\nlog_directory = ''\n");
    expect(r.started).toBe(false);
    expect(r.stderr).toMatch(/FATAL: {2}could not open log file "\/postgresql-[^"]*\.log": Permission denied/);
  });

  it("log_directory = '' without the collector starts and logs to stderr", async () => {
    const r = await run(clusters.get(major)!, "logging_collector = off\nlog_directory = ''\n");
    expect(r.started).toBe(true);
    expect(r.stderr).toMatch(/ERROR: {2}division by zero/);
  });

  it("the collector with log_directory = '.' starts and writes its file into the data directory", async () => {
    const c = clusters.get(major)!;
    const r = await run(c, "logging_collector = on\nlog_directory = '.'\n");
    expect(r.started).toBe(true);
    const files = fs.readdirSync(c.dataDir).filter((f) => /^postgresql-.*\.log$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    expect(files.map((f) => fs.readFileSync(path.join(c.dataDir, f), 'utf8')).join('')).toMatch(/ERROR: {2}division by zero/);
    for (const f of files) fs.rmSync(path.join(c.dataDir, f));
  });
});
