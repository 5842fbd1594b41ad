import { inject, injectable } from 'inversify';
import { CONFIG, threaded } from 'keel';
import type { HelloConfig } from './config';
import { Database } from './database';

// Runs in the THREAD_POOL: fib.worker is loaded in a worker thread (.ts under ts-node, .js when compiled).
const fibonacci = threaded<[number], number>(require.resolve('./fib.worker'), 'fibonacci');

/** No lifecycle hooks of its own: it is still a node of the graph, so order flows through it. */
@injectable()
export class Greeter {
  constructor(
    private readonly db: Database,
    @inject(CONFIG) private readonly config: HelloConfig,
  ) {}

  greet(name: string): string {
    return `${this.config.GREETING}, ${name}! (visit #${this.db.visit(name)})`;
  }

  fibonacci(n: number): Promise<number> {
    return fibonacci(n);
  }
}
