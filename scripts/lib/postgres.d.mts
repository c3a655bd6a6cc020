import type { ChildProcess } from 'node:child_process';
import type { Client } from 'pg';

export const REPO_ROOT: string;
export const VERSIONS: Readonly<Record<number, string>>;
export const MAJORS: readonly number[];
export const OS_USER: string;
export const DEFAULT_CONCURRENCY: number;

export function packageRoot(major: number): Promise<string>;
export function binDir(major: number): Promise<string>;
export function shareDir(major: number): Promise<string>;

export interface RunAs {
  /** null when not root: commands run as the current user. */
  user: string | null;
  uid: number;
  gid: number;
  /** A runuser command line for the same command. */
  wrap(cmd: string, args: string[]): [string, string[]];
}
export function ensureUser(): RunAs;

export interface RunResult {
  rc: number;
  stdout: string;
  stderr: string;
}
export function runAsUser(file: string, args: string[], opts?: { cwd?: string; timeoutMs?: number }): Promise<RunResult>;
export function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]>;

export type ConfigSource = { text: string } | { path: string };
export interface RunCOptions {
  concurrency?: number;
  /** Extra postgres arguments before -C, e.g. ['-c', 'name=value']. */
  args?: string[];
}

export class PgCluster {
  readonly major: number;
  readonly bin: string;
  readonly dir: string;
  readonly dataDir: string;
  readonly serverConfig: string;
  server: ChildProcess | null;
  client: Client | null;
  serverLog: string;
  writeFile(rel: string, content: string | Buffer): string;
  runC(config: ConfigSource, names: readonly string[], opts?: RunCOptions): Promise<RunResult[]>;
  start(): Promise<void>;
  query<Row extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  stop(): Promise<void>;
  cleanup(): Promise<void>;
  cleanupSync(): void;
}

export function initCluster(major: number): Promise<PgCluster>;
export function runC(cluster: PgCluster, config: ConfigSource, names: readonly string[], opts?: RunCOptions): Promise<RunResult[]>;

export interface LogLine {
  level: string;
  message: string;
}
export function parseLog(stderr: string): LogLine[];

export interface FileSetting {
  sourcefile: string | null;
  sourceline: number | null;
  seqno: number;
  name: string | null;
  setting: string | null;
  applied: boolean;
  error: string | null;
}
export function fileSettings(cluster: PgCluster, text: string): Promise<FileSetting[]>;
export function hbaFileRules(cluster: PgCluster, text: string): Promise<Record<string, unknown>[]>;
