import { inject, injectable } from 'inversify';
import { CONFIG, type HelloConfig } from './config';
import { createJsonLogger } from './json-logger';

/** samples/hello's Database: connects after DB_CONNECT_DELAY ms, counts visits per name. */
@injectable()
export class Database {
  private readonly log = createJsonLogger('Database');
  private visits: Map<string, number> | undefined;

  constructor(@inject(CONFIG) private readonly config: HelloConfig) {}

  async connect(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.config.DB_CONNECT_DELAY));
    this.visits = new Map();
    this.log.info('connected');
  }

  async disconnect(): Promise<void> {
    this.visits = undefined;
    this.log.info('disconnected');
  }

  visit(name: string): number {
    if (!this.visits) throw new Error('Database is not connected');
    const count = (this.visits.get(name) ?? 0) + 1;
    this.visits.set(name, count);
    return count;
  }
}
