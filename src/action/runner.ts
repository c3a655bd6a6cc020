/**
 * The runner's side of the Action: inputs, workflow commands on stdout, and the file commands
 * (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), written exactly as @actions/core 3 writes them (the names
 * and signatures are its own). @actions/core imports its OIDC client at start-up, and with it
 * @actions/http-client and undici (some 400 kB), which a run without the GitHub API never uses: this
 * is the part of it the Action needs. test/action-runner.test.ts compares every function here with
 * @actions/core's on the same input (it stays a devDependency for that test).
 *
 * Every value is escaped as @actions/core escapes it (report/github.ts escapeData and
 * escapeProperty): `%`, CR and LF in data and properties, `:` and `,` in properties, so that no
 * value can end a command or start a new one (SECURITY.md, "Workflow commands").
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, constants, existsSync } from 'node:fs';
import { access, appendFile } from 'node:fs/promises';
import { EOL } from 'node:os';
import { escapeData, escapeProperty } from '../report/github.js';

/** Where an annotation points (@actions/core's AnnotationProperties). */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

/** A value as a command carries it: strings as they are, nothing as '', anything else as JSON. */
function toCommandValue(input: unknown): string {
  if (input === null || input === undefined) return '';
  if (typeof input === 'string' || input instanceof String) return String(input);
  return JSON.stringify(input);
}

/**
 * `::command key=value,…::message`; properties with an empty value are left out (and, as
 * @actions/core does, the space before the properties stays when there are keys but none is set).
 */
export function commandLine(command: string, properties: Record<string, unknown>, message: unknown): string {
  let line = '::' + (command || 'missing.command');
  const entries = Object.entries(properties);
  if (entries.length) {
    line +=
      ' ' +
      entries
        .filter(([, v]) => v)
        .map(([k, v]) => `${k}=${escapeProperty(toCommandValue(v))}`)
        .join(',');
  }
  return `${line}::${escapeData(toCommandValue(message))}`;
}

function issueCommand(command: string, properties: Record<string, unknown>, message: unknown): void {
  process.stdout.write(commandLine(command, properties, message) + EOL);
}

/** The runner's property names for an annotation (`line`, `col`, …). */
function annotationProperties(p: AnnotationProperties): Record<string, unknown> {
  if (!Object.keys(p).length) return {};
  return { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine, col: p.startColumn, endColumn: p.endColumn };
}

/** The input `name` (INPUT_<NAME>, spaces as underscores), trimmed; '' when unset. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim();
}

export function info(message: string): void {
  process.stdout.write(message + EOL);
}

export function debug(message: string): void {
  issueCommand('debug', {}, message);
}

export function error(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('error', annotationProperties(properties), message);
}

export function warning(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('warning', annotationProperties(properties), message);
}

export function notice(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('notice', annotationProperties(properties), message);
}

/** An error annotation, and the step fails (exit code 1). */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

/**
 * `name<<ghadelimiter_<uuid>` / value / delimiter, appended to GITHUB_OUTPUT; the delimiter is
 * random, so a value cannot end the block early (and one that contains it is refused).
 */
export function keyValueBlock(key: string, value: unknown): string {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  const converted = toCommandValue(value);
  if (key.includes(delimiter)) throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  if (converted.includes(delimiter)) throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  return `${key}<<${delimiter}${EOL}${converted}${EOL}${delimiter}`;
}

/** Sets a step output: through GITHUB_OUTPUT, else (an old runner) the set-output command. */
export function setOutput(name: string, value: unknown): void {
  const path = process.env.GITHUB_OUTPUT || '';
  if (path) {
    if (!existsSync(path)) throw new Error(`Missing file at path: ${path}`);
    appendFileSync(path, `${keyValueBlock(name, value)}${EOL}`, { encoding: 'utf8' });
    return;
  }
  process.stdout.write(EOL);
  issueCommand('set-output', { name }, toCommandValue(value));
}

/** Appends `text` and a line end to the job summary (GITHUB_STEP_SUMMARY), as core.summary.addRaw(text, true).write() does. */
export async function appendSummary(text: string): Promise<void> {
  const path = process.env.GITHUB_STEP_SUMMARY;
  if (!path) {
    throw new Error(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.',
    );
  }
  try {
    await access(path, constants.R_OK | constants.W_OK);
  } catch {
    throw new Error(`Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`);
  }
  await appendFile(path, text + EOL, { encoding: 'utf8' });
}
