import 'reflect-metadata';
import { inject, injectable } from 'inversify';
import { bootstrap, LOGGER, Module, OnStart, OnStop, type Logger } from 'keel';

/** How long the one OnStop hook sleeps: the stop time W8 knows in advance. */
const STOP_SLEEP_MS = Number(process.env['STOP_SLEEP_MS'] ?? 100);

/** W8's known-sleep fixture: a keel app whose only work at shutdown is a hook sleeping STOP_SLEEP_MS. */
@injectable()
class SlowToStop {
  constructor(@inject(LOGGER) private readonly log: Logger) {}

  @OnStart()
  start(): void {
    this.log.info('ready');
  }

  @OnStop()
  async stop(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, STOP_SLEEP_MS));
  }
}

@Module({ providers: [SlowToStop] })
class StopSleepModule {}

void bootstrap(StopSleepModule);
