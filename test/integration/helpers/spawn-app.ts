import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface SpawnedApp {
  child: ChildProcess;
  /** stdout and stderr lines so far (stdout only when it goes to a file). */
  readonly stdout: string[];
  readonly stderr: string[];
  /** Resolves with the first stdout/stderr line matching `pattern`; rejects after `ms` or when the process exits first. */
  waitForLine(pattern: RegExp, ms?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Send stdout to this file instead of a pipe. */
  stdoutFile?: string;
  /** Hard limit after which the child is killed (so a hung test cannot hang CI). */
  killAfterMs?: number;
  /** Variables to leave out of the child's environment, even the defaults below. */
  unsetEnv?: readonly string[];
  /** Pipe stdout but never read it: a reader that has gone quiet. */
  unreadStdout?: boolean;
  /** Extra node flags, such as --expose-gc. */
  nodeArgs?: readonly string[];
}

/**
 * Runs a fixture app (a TypeScript file under test/integration/fixtures) in a real
 * Node process through ts-node (transpile only), with real signals and exit codes.
 * An absolute path to a .js file (the reliability suite's compiled fixtures) runs without ts-node.
 */
export function spawnApp(fixture: string, options: SpawnOptions = {}): SpawnedApp {
  const script = isAbsolute(fixture) ? fixture : join(__dirname, '..', 'fixtures', fixture);
  const loader = script.endsWith('.js') ? [] : ['-r', 'ts-node/register/transpile-only'];
  const fd = options.stdoutFile ? openSync(options.stdoutFile, 'w') : undefined;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
    KEEL_LOG_FORMAT: 'json',
    KEEL_LOG_LEVEL: 'info',
    KEEL_ENV_FILE: join(__dirname, '..', 'fixtures', 'no-such.env'),
    ...options.env,
  };
  for (const name of options.unsetEnv ?? []) delete env[name];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...loader, script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', fd ?? 'pipe', 'pipe'],
  });
  if (fd !== undefined) closeSync(fd);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onLine = (sink: string[]) => {
    let rest = '';
    return (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        sink.push(line);
        for (const waiter of [...waiters]) {
          if (waiter.pattern.test(line)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(line);
          }
        }
      }
    };
  };
  if (options.unreadStdout) child.stdout?.pause();
  else child.stdout?.on('data', onLine(stdout));
  child.stderr?.on('data', onLine(stderr));
  const limit = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 20_000);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal });
    });
    // An unread stdout never ends by itself, so 'close' would never come: drop it once the child is gone.
    if (options.unreadStdout) child.on('exit', () => child.stdout?.destroy());
  });
  return {
    child,
    stdout,
    stderr,
    exited,
    kill: (signal) => child.kill(signal),
    waitForLine(pattern, ms = 15_000) {
      const seen = [...stdout, ...stderr].find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no line matching ${pattern} within ${ms} ms:\n${[...stdout, ...stderr].join('\n')}`)),
          ms,
        );
        const done = (line: string) => {
          clearTimeout(timer);
          resolve(line);
        };
        waiters.push({ pattern, resolve: done });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`exited before a line matching ${pattern}:\n${[...stdout, ...stderr].join('\n')}`));
        });
      });
    },
  };
}

/** Parses JSON log lines, ignoring anything else. */
export function jsonLines(lines: readonly string[]): Record<string, unknown>[] {
  return lines.flatMap((line) => {
    try {
      const parsed: unknown = JSON.parse(line);
      return parsed !== null && typeof parsed === 'object' ? [parsed as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}
