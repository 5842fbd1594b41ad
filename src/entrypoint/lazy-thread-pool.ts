import { inject, injectable } from 'inversify';
import { KeelError } from '../errors';
import { OnStart, OnStop } from '../lifecycle/hook-decorators';
import type { Logger } from '../logging/logger';
import type { ThreadPool } from '../workers/thread-pool';
import type { WorkerThreadPool } from '../workers/worker-thread-pool';
import { SETTINGS, type EntrypointSettings } from './entrypoint-settings';
import { LOGGER } from './tokens';

/**
 * The default THREAD_POOL. It opens with the application but spawns its threads
 * (and loads piscina) only on the first run(), so apps that never use the pool
 * pay nothing at start-up; OnStop drains the real pool if one was made.
 */
@injectable()
export class LazyThreadPool implements ThreadPool {
  private pool: WorkerThreadPool | undefined;
  private open = false;

  constructor(
    @inject(SETTINGS) private readonly settings: EntrypointSettings,
    @inject(LOGGER) private readonly logger: Logger,
  ) {}

  get size(): number {
    return this.settings.poolSize;
  }

  @OnStart()
  start(): void {
    this.open = true;
  }

  @OnStop()
  async stop(): Promise<void> {
    this.open = false;
    await this.pool?.stop();
  }

  run<T = unknown>(module: string | URL, exportName: string, ...args: unknown[]): Promise<T> {
    if (!this.open) {
      return Promise.reject(
        new KeelError('POOL_CLOSED', `Cannot run ${exportName}() of ${String(module)}: the thread pool is not running.`, {
          hint: 'THREAD_POOL runs tasks between the application start and stop.',
        }),
      );
    }
    if (!this.pool) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- off the cold-start path on purpose
      const { WorkerThreadPool } = require('../workers/worker-thread-pool') as typeof import('../workers/worker-thread-pool');
      this.pool = WorkerThreadPool.create({
        size: this.settings.poolSize,
        closeTimeout: this.settings.shutdownTimeout,
        logger: this.logger,
      });
      this.pool.start();
    }
    return this.pool.run<T>(module, exportName, ...args);
  }
}
