import { jest } from '@jest/globals';
import { main } from '../../src/cli.js';
import { RULES } from '../../rules/index.js';

/** Runs the CLI's main() in this process (the source, not the bundle), capturing its output, without colour. */
export async function cliInProcess(argv: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const prev = process.cwd();
  const noColor = process.env.NO_COLOR;
  process.env.NO_COLOR = '1';
  try {
    if (cwd) process.chdir(cwd);
    const code = await main(argv, RULES);
    return { code, stdout, stderr };
  } finally {
    process.chdir(prev);
    out.mockRestore();
    err.mockRestore();
    if (noColor === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = noColor;
  }
}
