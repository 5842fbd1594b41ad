import { inject, injectable } from 'inversify';
import { Background, LOGGER, type Logger } from 'keel';
import { WorkQueue } from './work-queue';

/** A supervised loop: takes orders off the queue until stop begins; a crash is restarted with backoff. */
@injectable()
export class OrderConsumer {
  processed = 0;

  constructor(
    private readonly queue: WorkQueue,
    @inject(LOGGER) private readonly log: Logger,
  ) {}

  @Background({ backoff: { initial: 100, max: 5000 }, maxRestarts: 5, window: '1m' })
  async consume(signal: AbortSignal): Promise<void> {
    for (let order = await this.queue.take(signal); order !== undefined; order = await this.queue.take(signal)) {
      this.processed++;
      this.log.info(`processed ${order}`);
    }
    // take() gave undefined: stop began. Returning now is the orderly end, not a failure.
  }
}
