import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export const BIN = join(ROOT, 'dist', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node ...args` in a real child process, with a clean KEEL_* environment. */
export function runNode(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: options.cwd ?? ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
          KEEL_LOG_FORMAT: 'json',
          KEEL_ENV_FILE: join(ROOT, 'test', 'integration', 'cli', 'fixtures', 'no-such.env'),
          ...options.env,
        },
        timeout: 30_000,
        killSignal: 'SIGKILL',
      },
      (error, stdout, stderr) => {
        const code =
          error && typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code as number) : error ? null : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The keel bin with these arguments. */
export function keel(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return runNode([BIN, ...args], options);
}

/** Everything of an error report but its stack frames (which differ by who called). */
export function withoutFrames(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s+at /.test(line))
    .join('\n');
}
