import { main } from '../../src/cli.js';
import { RULES } from '../../rules/index.js';

/** Runs the CLI's main() in this process (the source, not the bundle), capturing its output, without colour. */
export async function cliInProcess(argv: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    out: (chunk: string | Uint8Array) => void (stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')),
    err: (chunk: string) => void (stderr += chunk),
  };
  const prev = process.cwd();
  const noColor = process.env.NO_COLOR;
  process.env.NO_COLOR = '1';
  try {
    if (cwd) process.chdir(cwd);
    const code = await main(argv, RULES, io);
    return { code, stdout, stderr };
  } finally {
    process.chdir(prev);
    if (noColor === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = noColor;
  }
}
