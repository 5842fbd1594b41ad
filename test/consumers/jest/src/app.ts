import 'reflect-metadata';
import { inject, injectable } from 'inversify';
import { LOGGER, Module, OnStart, OnStop, type Logger } from 'keel';

/** Stands in for a real connection pool. */
@injectable()
export class Database {
  connected = false;
  @OnStart() async connect(): Promise<void> {
    this.connected = true;
  }
  @OnStop() async disconnect(): Promise<void> {
    this.connected = false;
  }
  rows(): string[] {
    return ['real row'];
  }
}

/** Injected by type: the constructor's parameter types come from emitDecoratorMetadata. */
@injectable()
export class Report {
  lines: string[] = [];
  constructor(
    private readonly db: Database,
    @inject(LOGGER) private readonly log: Logger,
  ) {}
  @OnStart() build(): void {
    this.lines = this.db.rows().map((row) => `* ${row}`);
    this.log.info('report built', { lines: this.lines.length });
  }
}

@Module({ providers: [Database, Report] })
export class AppModule {}
