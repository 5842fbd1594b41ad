import { inject, injectable } from 'inversify';
import { CONFIG, HealthCheck, LOGGER, OnStart, OnStop, type Logger } from 'keel';
import type { HelloConfig } from './config';

/** Stands in for a real connection pool: takes a moment to connect, counts visits per name. */
@injectable()
export class Database {
  private visits: Map<string, number> | undefined;

  constructor(
    @inject(LOGGER) private readonly log: Logger,
    @inject(CONFIG) private readonly config: HelloConfig,
  ) {}

  @OnStart()
  async connect(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.config.DB_CONNECT_DELAY));
    this.visits = new Map();
    this.log.info('connected');
  }

  @OnStop()
  async disconnect(): Promise<void> {
    this.visits = undefined;
    this.log.info('disconnected');
  }

  /** A readiness check: /readyz lists it as Database.ping and answers 503 while it fails. */
  @HealthCheck({ timeout: 500 })
  ping(): void {
    if (!this.visits) throw new Error('Database is not connected');
  }

  visit(name: string): number {
    if (!this.visits) throw new Error('Database is not connected');
    const count = (this.visits.get(name) ?? 0) + 1;
    this.visits.set(name, count);
    return count;
  }
}
