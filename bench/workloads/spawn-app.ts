import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Longest wait for a line or an exit before the app is killed and the measurement fails. */
const WAIT_LIMIT_MS = 30_000;

export interface SpawnAppOptions {
  /** Added to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Where the app's stdout goes: 'pipe' (read as lines), 'ignore', or a file descriptor. */
  stdout?: 'pipe' | 'ignore' | number;
  args?: readonly string[];
  /** Run under the bench's own --cpu-prof flags when it has them (--profile); default true. */
  profile?: boolean;
}

export interface AppExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** performance.now() of the parent's 'exit' event. */
  at: number;
}

/**
 * A node app started by a measurement: stdout read as lines, stderr kept for
 * the error message, the moment of spawn on both clocks (performance.now() to
 * time, epoch ms to compare with timestamps the app prints).
 */
export class SpawnedApp {
  readonly child: ChildProcess;
  readonly spawnedAt: number;
  readonly spawnedAtEpoch: number;
  readonly lines: string[] = [];
  /** Resolves at the 'exit' event; stdout may still hold lines then (see closed). */
  readonly exited: Promise<AppExit>;
  /** Resolves once stdout and stderr have closed: every line has been read. */
  readonly closed: Promise<void>;
  private stderr = '';
  private rest = '';
  private waiters: { pattern: RegExp; resolve: (line: { line: string; at: number }) => void }[] = [];

  constructor(
    private readonly script: string,
    options: SpawnAppOptions = {},
  ) {
    const stdio: StdioOptions = ['ignore', options.stdout ?? 'pipe', 'pipe'];
    this.spawnedAt = performance.now();
    this.spawnedAtEpoch = performance.timeOrigin + this.spawnedAt;
    const flags = options.profile === false ? [] : profilingFlags();
    this.child = spawn(process.execPath, [...flags, script, ...(options.args ?? [])], { env: { ...process.env, ...options.env }, stdio });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.onData(chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve, reject) => {
      this.child.once('error', reject);
      this.child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() }));
    });
    this.closed = new Promise((resolve) => this.child.once('close', () => resolve()));
  }

  /** The first stdout line matching `pattern` (one seen already counts) and when the parent read it. */
  async waitForLine(pattern: RegExp): Promise<{ line: string; at: number }> {
    const seen = this.lines.find((line) => pattern.test(line));
    if (seen !== undefined) return { line: seen, at: performance.now() };
    const line = new Promise<{ line: string; at: number }>((resolve) => this.waiters.push({ pattern, resolve }));
    const outcome = await Promise.race([line, this.exited, timeout(WAIT_LIMIT_MS)]);
    if (outcome !== undefined && 'line' in outcome) return outcome;
    this.child.kill('SIGKILL');
    throw new Error(
      `${this.describe()} ${outcome ? `exited (${outcome.signal ?? `code ${outcome.code}`})` : `printed nothing for ${WAIT_LIMIT_MS} ms`} before a line matching ${pattern}.\n${this.output()}`,
    );
  }

  /** Resolves at 'exit'; throws when the app ran longer than the wait limit or exited non-zero. */
  async waitForExit(): Promise<AppExit> {
    const outcome = await Promise.race([this.exited, timeout(WAIT_LIMIT_MS)]);
    if (outcome === undefined) {
      this.child.kill('SIGKILL');
      throw new Error(`${this.describe()} did not exit within ${WAIT_LIMIT_MS} ms.\n${this.output()}`);
    }
    if (outcome.code !== 0)
      throw new Error(`${this.describe()} exited with ${outcome.signal ?? `code ${outcome.code}`}.\n${this.output()}`);
    return outcome;
  }

  /** Peak resident set size so far, MB: VmHWM of /proc/<pid>/status (Linux); NaN elsewhere or after exit. */
  peakRssMb(): number {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
      return match ? Number(match[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  private onData(chunk: string): void {
    const parts = (this.rest + chunk).split('\n');
    this.rest = parts.pop()!;
    for (const line of parts) {
      this.lines.push(line);
      const index = this.waiters.findIndex((w) => w.pattern.test(line));
      if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve({ line, at: performance.now() });
    }
  }

  private describe(): string {
    return `node ${this.script}`;
  }

  private output(): string {
    return `stdout (last lines):\n${this.lines.slice(-10).join('\n')}\nstderr:\n${this.stderr.slice(-4000)}`;
  }
}

/** `--cpu-prof --cpu-prof-dir <dir>` when this process runs under them, so `--profile` reaches the apps it spawns. */
function profilingFlags(): string[] {
  const flags: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cpu-prof') flags.push('--cpu-prof');
    else if (argv[i] === '--cpu-prof-dir' && argv[i + 1] !== undefined) flags.push('--cpu-prof-dir', argv[++i]!);
    else if (argv[i]!.startsWith('--cpu-prof-dir=')) flags.push(argv[i]!);
  }
  return flags;
}

function timeout(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}

/**
 * The floor every cold start pays: `node -e ''` from spawn to exit, ms; and
 * node's own peak RSS (MB) from a second empty process that reports
 * process.resourceUsage().maxRSS, since the first is gone before it can be read.
 */
export async function measureNodeFloor(): Promise<{ floorMs: number; floorRssMb: number }> {
  const empty = new SpawnedApp('-e', { args: [''], profile: false });
  const exit = await empty.waitForExit();
  const report = new SpawnedApp('-e', { args: ['process.stdout.write(`${process.resourceUsage().maxRSS}\\n`)'], profile: false });
  await report.waitForExit();
  await report.closed;
  return { floorMs: exit.at - empty.spawnedAt, floorRssMb: Number(report.lines[0]) / 1024 };
}
