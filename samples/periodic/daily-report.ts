import { inject, injectable } from 'inversify';
import { Cron, LOGGER, type Logger } from 'keel';
import { OrderConsumer } from './order-consumer';
import { SessionStore } from './session-store';

/** A cron report; a real one would run '0 6 * * *' (06:00 daily), this one every 2 seconds so the sample shows it. */
@injectable()
export class DailyReport {
  reports = 0;

  constructor(
    private readonly orders: OrderConsumer,
    private readonly sessions: SessionStore,
    @inject(LOGGER) private readonly log: Logger,
  ) {}

  @Cron('*/2 * * * * *', { timezone: 'UTC' })
  send(): void {
    this.reports++;
    this.log.info(`report: ${this.orders.processed} order(s) processed, ${this.sessions.size} open session(s)`);
  }
}
