import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject, injectable, optional } from 'inversify';
import { Piscina } from 'piscina';
import { SETTINGS, type EntrypointSettings } from '../entrypoint/entrypoint-settings';
import { LOGGER } from '../entrypoint/tokens';
import { KeelError } from '../errors';
import { OnStart, OnStop } from '../lifecycle/hook-decorators';
import type { Logger } from '../logging/logger';
import { poolClosedError, taskThrewError, workerCrashedError } from './pool-errors';
import { TaskQueue } from './task-queue';
import { WORKER_TS_COMPILER_OPTIONS } from './typescript-options';
import type { ThreadPool } from './thread-pool';
import type { WorkerOutcome, WorkerTask } from './worker-entry';

/** The settings the pool reads; an EntrypointSettings (the SETTINGS token) is one. */
export type WorkerThreadPoolSettings = Pick<EntrypointSettings, 'poolSize'> & Partial<Pick<EntrypointSettings, 'shutdownTimeout'>>;

export interface WorkerThreadPoolOptions {
  /** Number of worker threads, a positive integer. */
  size: number;
  /** How long stop() lets running tasks finish before terminating them, ms. Default 25000. */
  closeTimeout?: number;
  /** Where errors raised outside any task go; default: process.emitWarning. */
  logger?: Logger;
}

type PoolState = 'created' | 'running' | 'stopping' | 'stopped';

interface Job {
  task: WorkerTask;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const DEFAULT_CLOSE_TIMEOUT = 25_000;

/**
 * The default THREAD_POOL: `size` worker threads (piscina), spawned by start()
 * and never before. Tasks run in submission order, one per thread. stop() refuses
 * new tasks, rejects queued ones (POOL_CLOSED), lets running ones finish (for at
 * most the shutdown budget, then terminates them with POOL_CLOSED), and ends the
 * threads. A function that throws rejects with WORKER_FAILED whose `cause` is its
 * error (name, message, worker stack, own properties); a thread that crashes
 * rejects its task with WORKER_FAILED and is replaced.
 */
@injectable()
export class WorkerThreadPool implements ThreadPool {
  readonly size: number;
  private readonly closeTimeout: number;
  private state: PoolState = 'created';
  private piscina: Piscina | undefined;
  private stopRun: Promise<void> | undefined;
  private readonly queue = new TaskQueue<Job>();
  private readonly running = new Set<Job>();
  private onIdle: (() => void) | undefined;
  /** Set while stop() ends the threads: tasks still running then were cut short, not crashed. */
  private terminating = false;

  constructor(
    @inject(SETTINGS) settings: WorkerThreadPoolSettings,
    @inject(LOGGER) @optional() private readonly logger?: Logger,
  ) {
    const size = settings.poolSize;
    if (!Number.isInteger(size) || size < 1) {
      throw new KeelError('INVALID_SETTINGS', `Worker pool size must be a positive integer, got ${String(size)}.`, {
        hint: 'set poolSize (KEEL_POOL_SIZE) to 1 or more.',
      });
    }
    this.size = size;
    this.closeTimeout = settings.shutdownTimeout ?? DEFAULT_CLOSE_TIMEOUT;
  }

  /** A pool outside any container (tests, scripts); call start() before run(). */
  static create(options: WorkerThreadPoolOptions): WorkerThreadPool {
    return new WorkerThreadPool({ poolSize: options.size, shutdownTimeout: options.closeTimeout }, options.logger);
  }

  /** Spawns the threads. A no-op when running; a stopped pool may start again. */
  @OnStart()
  start(): void {
    if (this.state === 'running') return;
    if (this.state === 'stopping') {
      throw new KeelError('INVALID_STATE', 'WorkerThreadPool.start() called while the pool is stopping.', {
        hint: 'await stop() before starting it again.',
      });
    }
    const entry = workerEntry();
    const piscina = new Piscina({
      filename: entry.filename,
      name: 'runTask',
      minThreads: this.size,
      maxThreads: this.size,
      execArgv: entry.execArgv,
      env: entry.env,
      recordTiming: false,
    });
    // Without a listener an error outside any task (say, a timer throwing after its task
    // returned) would crash the process; the thread itself is replaced by piscina.
    piscina.on('error', (error: unknown) => this.reportStrayError(error));
    this.piscina = piscina;
    this.state = 'running';
  }

  /**
   * Runs `exportName` of `module` (absolute path, or file: URL; a relative path is
   * resolved against process.cwd()) on a free thread, in submission order.
   */
  run<T = unknown>(module: string | URL, exportName: string, ...args: unknown[]): Promise<T> {
    if (this.state !== 'running') {
      return Promise.reject(poolClosedError({ module: String(module), exportName }, this.state === 'created' ? 'not-started' : this.state));
    }
    let path: string;
    try {
      path = toModulePath(module, exportName);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<T>((resolveTask, rejectTask) => {
      const job: Job = { task: { module: path, exportName, args }, resolve: resolveTask as (value: unknown) => void, reject: rejectTask };
      if (this.running.size < this.size) this.dispatch(job);
      else this.queue.push(job);
    });
  }

  /** Drains: see the class comment. Concurrent calls share one run; a no-op unless running. */
  @OnStop()
  stop(): Promise<void> {
    if (this.stopRun) return this.stopRun;
    if (this.state !== 'running') return Promise.resolve();
    this.state = 'stopping';
    this.stopRun = this.drain().finally(() => {
      this.state = 'stopped';
      this.stopRun = undefined;
    });
    return this.stopRun;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private dispatch(job: Job): void {
    this.running.add(job);
    (this.piscina as Piscina).run(job.task).then(
      (outcome: WorkerOutcome) => {
        this.finished(job);
        if (outcome.ok) job.resolve(outcome.value);
        else job.reject(taskThrewError(job.task, outcome.error));
      },
      (error: unknown) => {
        this.finished(job);
        job.reject(
          this.terminating ? poolClosedError(job.task, 'terminated-at-stop', this.closeTimeout) : workerCrashedError(job.task, error),
        );
      },
    );
  }

  private finished(job: Job): void {
    this.running.delete(job);
    if (this.state === 'running') {
      const next = this.queue.shift();
      if (next) this.dispatch(next);
    } else if (this.running.size === 0) {
      this.onIdle?.();
    }
  }

  private async drain(): Promise<void> {
    for (const job of this.queue.drain()) job.reject(poolClosedError(job.task, 'queued-at-stop'));
    let timer: NodeJS.Timeout | undefined;
    if (this.running.size > 0) {
      await new Promise<void>((done) => {
        this.onIdle = done;
        timer = setTimeout(done, this.closeTimeout);
      });
    }
    clearTimeout(timer);
    this.onIdle = undefined;
    const piscina = this.piscina as Piscina;
    this.piscina = undefined;
    this.terminating = true;
    try {
      await piscina.destroy();
    } finally {
      this.terminating = false;
    }
    // Piscina rejects the tasks of the threads it terminates; this only guards against one it missed.
    for (const job of this.running) job.reject(poolClosedError(job.task, 'terminated-at-stop', this.closeTimeout));
    this.running.clear();
  }

  private reportStrayError(error: unknown): void {
    const reason = (error as { message?: unknown } | null)?.message;
    const message = `A worker thread failed outside any task: ${typeof reason === 'string' ? reason : String(error)}`;
    if (this.logger) this.logger.warn(message, { error });
    else process.emitWarning(message, { code: 'KEEL_WORKER_FAILED' });
  }
}

/**
 * The entry next to this file: compiled JS, or TS when keel itself runs from
 * sources (Jest, ts-node); then every thread preloads ts-node before loading it.
 */
function workerEntry(): { filename: string; execArgv?: string[]; env?: NodeJS.ProcessEnv } {
  const compiled = join(__dirname, 'worker-entry.js');
  if (existsSync(compiled)) return { filename: compiled };
  let tsNode: string;
  try {
    tsNode = require.resolve('ts-node/register/transpile-only');
  } catch (cause) {
    throw new KeelError('WORKER_FAILED', "Cannot start worker threads from keel's TypeScript sources: ts-node is not installed.", {
      cause,
      hint: 'run the compiled JavaScript (npm run build), or add ts-node as a devDependency.',
    });
  }
  return {
    filename: join(__dirname, 'worker-entry.ts'),
    execArgv: ['--require', tsNode],
    env: { TS_NODE_COMPILER_OPTIONS: JSON.stringify(WORKER_TS_COMPILER_OPTIONS), ...process.env },
  };
}

function toModulePath(module: string | URL, exportName: string): string {
  // typeof, not instanceof: a URL may come from another realm (Jest, vm).
  const isUrl = typeof module !== 'string' || module.startsWith('file:');
  if (!isUrl) return isAbsolute(module) ? module : resolve(module);
  try {
    return fileURLToPath(module);
  } catch (cause) {
    throw new KeelError('WORKER_FAILED', `Cannot run task "${exportName}": "${String(module)}" is not a file path or file: URL.`, {
      cause,
      hint: 'pass an absolute path, require.resolve(...), or new URL(..., import.meta.url).',
    });
  }
}
