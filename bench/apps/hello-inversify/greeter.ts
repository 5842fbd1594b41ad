import { availableParallelism } from 'node:os';
import { inject, injectable } from 'inversify';
import type { Piscina } from 'piscina';
import { CONFIG, type HelloConfig } from './config';
import { Database } from './database';

/** samples/hello's Greeter. Like keel's THREAD_POOL, piscina is loaded and its threads spawned on the first fibonacci(). */
@injectable()
export class Greeter {
  private pool: Piscina | undefined;

  constructor(
    private readonly db: Database,
    @inject(CONFIG) private readonly config: HelloConfig,
  ) {}

  greet(name: string): string {
    return `${this.config.GREETING}, ${name}! (visit #${this.db.visit(name)})`;
  }

  fibonacci(n: number): Promise<number> {
    if (!this.pool) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- off the cold-start path, as in keel
      const { Piscina } = require('piscina') as typeof import('piscina');
      const size = availableParallelism();
      this.pool = new Piscina({ filename: require.resolve('./fib.worker'), name: 'fibonacci', minThreads: size, maxThreads: size });
    }
    return this.pool.run(n) as Promise<number>;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}
